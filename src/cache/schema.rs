//! The cache schema and its forward migrations. `PRAGMA user_version` holds the number of
//! migrations applied; a cache with a higher number was written by a newer slmscope.

/// Migrations in order; migration `i` moves the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // Version 1: models with their resolved parameter counts and the raw inputs of the
    // resolution (so a later rule can re-resolve without the original files), split tags, and
    // the authored reference set with its benchmark results.
    r#"
    CREATE TABLE models (
        id                      TEXT PRIMARY KEY NOT NULL,
        author                  TEXT,
        pipeline_tag            TEXT,
        pipeline_tag_inferred   INTEGER NOT NULL DEFAULT 0,
        architectures           TEXT,
        library_name            TEXT,
        created_at              TEXT,
        created_before_tracking INTEGER NOT NULL DEFAULT 0,
        last_modified           TEXT,
        downloads               INTEGER,
        downloads_all_time      INTEGER,
        likes                   INTEGER,
        trending_score          REAL,
        gated                   TEXT CHECK (gated IN ('false', 'auto', 'manual')),
        params_total            INTEGER CHECK (params_total > 0),
        params_active           INTEGER CHECK (params_active > 0),
        params_source           TEXT NOT NULL
            CHECK (params_source IN ('safetensors', 'gguf', 'reference', 'name', 'unknown')),
        params_approximate      INTEGER NOT NULL DEFAULT 0,
        safetensors_json        TEXT,
        gguf_total              INTEGER,
        quantization_json       TEXT,
        from_hub                INTEGER NOT NULL DEFAULT 0,
        import_sequence         INTEGER NOT NULL DEFAULT 0,
        tags_known              INTEGER NOT NULL DEFAULT 0,
        CHECK ((params_total IS NULL) = (params_source = 'unknown'))
    ) STRICT;

    CREATE INDEX models_params_total ON models (params_total);
    CREATE INDEX models_pipeline_tag ON models (pipeline_tag);

    CREATE TABLE model_tags (
        model_id TEXT NOT NULL REFERENCES models (id) ON DELETE CASCADE,
        kind     TEXT NOT NULL,
        value    TEXT NOT NULL,
        relation TEXT
    ) STRICT;

    CREATE INDEX model_tags_model ON model_tags (model_id);
    CREATE INDEX model_tags_kind_value ON model_tags (kind, value);

    CREATE TABLE reference_models (
        hub_id       TEXT PRIMARY KEY NOT NULL,
        organisation TEXT NOT NULL,
        params       INTEGER NOT NULL CHECK (params > 0),
        size_word    TEXT NOT NULL,
        release_date TEXT NOT NULL,
        pipeline_tag TEXT NOT NULL,
        source       TEXT NOT NULL
    ) STRICT;

    CREATE TABLE benchmark_results (
        id            INTEGER PRIMARY KEY,
        model         TEXT NOT NULL,
        hub_id        TEXT,
        benchmark     TEXT NOT NULL,
        domain        TEXT NOT NULL,
        metric        TEXT NOT NULL,
        score         REAL NOT NULL,
        params_total  INTEGER,
        params_active INTEGER,
        date          TEXT NOT NULL,
        source        TEXT NOT NULL,
        origin        TEXT NOT NULL
    ) STRICT;

    CREATE TABLE meta (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    ) STRICT;
    "#,
    // Version 2: where the data came from. Each imported file is listed, so a report can say
    // which files produced its numbers. Each sync from the live Hub stores the cursor of the
    // page that follows the last stored one, so an interrupted sync resumes where it stopped,
    // and every model's counts at that sync, so later views can show downloads across syncs.
    r#"
    CREATE TABLE syncs (
        id          INTEGER PRIMARY KEY,
        endpoint    TEXT NOT NULL,
        query       TEXT NOT NULL,
        started_at  TEXT NOT NULL,
        finished_at TEXT,
        pages       INTEGER NOT NULL DEFAULT 0,
        models      INTEGER NOT NULL DEFAULT 0,
        next_url    TEXT,
        status      TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed', 'cancelled'))
    ) STRICT;

    CREATE INDEX syncs_query ON syncs (endpoint, query, status);

    ALTER TABLE models ADD COLUMN moe_json TEXT;

    CREATE TABLE imports (
        id          INTEGER PRIMARY KEY,
        file        TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        records     INTEGER NOT NULL,
        added       INTEGER NOT NULL,
        updated     INTEGER NOT NULL,
        unchanged   INTEGER NOT NULL,
        skipped     INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE download_history (
        sync_id            INTEGER NOT NULL REFERENCES syncs (id) ON DELETE CASCADE,
        model_id           TEXT NOT NULL,
        downloads          INTEGER,
        downloads_all_time INTEGER,
        likes              INTEGER,
        PRIMARY KEY (sync_id, model_id)
    ) STRICT;
    "#,
    // Version 3: benchmark results from imported leaderboards and Hub `model-index` data, each
    // linked to a cached model by a named rule, and "leaderboard" as a parameter source. SQLite
    // cannot change a CHECK constraint in place, so both tables are rebuilt with their rows.
    r#"
    CREATE TABLE models_v3 (
        id                      TEXT PRIMARY KEY NOT NULL,
        author                  TEXT,
        pipeline_tag            TEXT,
        pipeline_tag_inferred   INTEGER NOT NULL DEFAULT 0,
        architectures           TEXT,
        library_name            TEXT,
        created_at              TEXT,
        created_before_tracking INTEGER NOT NULL DEFAULT 0,
        last_modified           TEXT,
        downloads               INTEGER,
        downloads_all_time      INTEGER,
        likes                   INTEGER,
        trending_score          REAL,
        gated                   TEXT CHECK (gated IN ('false', 'auto', 'manual')),
        params_total            INTEGER CHECK (params_total > 0),
        params_active           INTEGER CHECK (params_active > 0),
        params_source           TEXT NOT NULL
            CHECK (params_source IN
                ('safetensors', 'gguf', 'reference', 'name', 'leaderboard', 'unknown')),
        params_approximate      INTEGER NOT NULL DEFAULT 0,
        safetensors_json        TEXT,
        gguf_total              INTEGER,
        quantization_json       TEXT,
        from_hub                INTEGER NOT NULL DEFAULT 0,
        import_sequence         INTEGER NOT NULL DEFAULT 0,
        tags_known              INTEGER NOT NULL DEFAULT 0,
        moe_json                TEXT,
        CHECK ((params_total IS NULL) = (params_source = 'unknown'))
    ) STRICT;

    INSERT INTO models_v3 SELECT * FROM models;
    DROP TABLE models;
    ALTER TABLE models_v3 RENAME TO models;
    CREATE INDEX models_params_total ON models (params_total);
    CREATE INDEX models_pipeline_tag ON models (pipeline_tag);

    CREATE TABLE benchmark_imports (
        id          INTEGER PRIMARY KEY,
        file        TEXT NOT NULL,
        format      TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        records     INTEGER NOT NULL,
        stored      INTEGER NOT NULL,
        skipped     INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE benchmark_results_v3 (
        id            INTEGER PRIMARY KEY,
        model         TEXT NOT NULL,
        hub_id        TEXT,
        benchmark     TEXT NOT NULL,
        domain        TEXT NOT NULL,
        metric        TEXT NOT NULL,
        score         REAL NOT NULL,
        params_total  INTEGER CHECK (params_total > 0),
        params_active INTEGER CHECK (params_active > 0),
        date          TEXT,
        source        TEXT NOT NULL,
        origin        TEXT NOT NULL CHECK (origin IN ('reference', 'leaderboard', 'model-index')),
        link          TEXT,
        model_type    TEXT,
        model_id      TEXT,
        link_rule     TEXT CHECK (link_rule IN ('id', 'link', 'name')),
        import_id     INTEGER REFERENCES benchmark_imports (id) ON DELETE SET NULL,
        CHECK ((model_id IS NULL) = (link_rule IS NULL))
    ) STRICT;

    INSERT INTO benchmark_results_v3 (id, model, hub_id, benchmark, domain, metric, score,
            params_total, params_active, date, source, origin)
        SELECT id, model, hub_id, benchmark, domain, metric, score, params_total, params_active,
            date, source, origin
        FROM benchmark_results;
    DROP TABLE benchmark_results;
    ALTER TABLE benchmark_results_v3 RENAME TO benchmark_results;

    CREATE UNIQUE INDEX benchmark_results_key
        ON benchmark_results (origin, source, model, benchmark, metric)
        WHERE origin <> 'reference';
    CREATE INDEX benchmark_results_model ON benchmark_results (model_id);
    "#,
    // Version 4: a mark on the synthetic records `slmscope synth` writes, so that no view or
    // report passes them off as real models. Every stored id is checked by the same rule as new
    // ones, so a cache that already holds synthetic records is marked too.
    r#"
    ALTER TABLE models ADD COLUMN synthetic INTEGER NOT NULL DEFAULT 0;

    UPDATE models SET synthetic = 1
        WHERE id GLOB 'synthetic-org-[0-9]*/?*'
            AND NOT substr(id, 1, instr(id, '/') - 1) GLOB 'synthetic-org-*[^0-9]*';
    "#,
    // Version 5: each model's tags in one JSON column of its row, a list of `[kind, value]` or
    // `[kind, value, relation]` arrays in the model's tag order, instead of one `model_tags` row
    // per tag. A Hub model has about 15 tags, and their rows, each repeating the model id in the
    // table and in two indexes, made up most of the file and of the import time.
    //
    // The models table is rebuilt to write its CHECK constraints on `gated` and `params_source`
    // with `=` and `OR`. SQLite evaluates an `IN` list of more than two values through a
    // temporary table, which it builds again at every insert or update.
    r#"
    CREATE TABLE models_v5 (
        id                      TEXT PRIMARY KEY NOT NULL,
        author                  TEXT,
        pipeline_tag            TEXT,
        pipeline_tag_inferred   INTEGER NOT NULL DEFAULT 0,
        architectures           TEXT,
        library_name            TEXT,
        created_at              TEXT,
        created_before_tracking INTEGER NOT NULL DEFAULT 0,
        last_modified           TEXT,
        downloads               INTEGER,
        downloads_all_time      INTEGER,
        likes                   INTEGER,
        trending_score          REAL,
        gated                   TEXT
            CHECK (gated = 'false' OR gated = 'auto' OR gated = 'manual'),
        params_total            INTEGER CHECK (params_total > 0),
        params_active           INTEGER CHECK (params_active > 0),
        params_source           TEXT NOT NULL
            CHECK (params_source = 'safetensors' OR params_source = 'gguf'
                OR params_source = 'reference' OR params_source = 'name'
                OR params_source = 'leaderboard' OR params_source = 'unknown'),
        params_approximate      INTEGER NOT NULL DEFAULT 0,
        safetensors_json        TEXT,
        gguf_total              INTEGER,
        quantization_json       TEXT,
        from_hub                INTEGER NOT NULL DEFAULT 0,
        import_sequence         INTEGER NOT NULL DEFAULT 0,
        tags_known              INTEGER NOT NULL DEFAULT 0,
        moe_json                TEXT,
        synthetic               INTEGER NOT NULL DEFAULT 0,
        tags_json               TEXT,
        CHECK ((params_total IS NULL) = (params_source = 'unknown'))
    ) STRICT;

    INSERT INTO models_v5 (id, author, pipeline_tag, pipeline_tag_inferred, architectures,
            library_name, created_at, created_before_tracking, last_modified, downloads,
            downloads_all_time, likes, trending_score, gated, params_total, params_active,
            params_source, params_approximate, safetensors_json, gguf_total, quantization_json,
            from_hub, import_sequence, tags_known, moe_json, synthetic, tags_json)
        SELECT id, author, pipeline_tag, pipeline_tag_inferred, architectures, library_name,
            created_at, created_before_tracking, last_modified, downloads, downloads_all_time,
            likes, trending_score, gated, params_total, params_active, params_source,
            params_approximate, safetensors_json, gguf_total, quantization_json, from_hub,
            import_sequence, tags_known, moe_json, synthetic,
            CASE WHEN tags_known = 1 OR id IN (SELECT model_id FROM model_tags) THEN (
                SELECT json_group_array(
                    CASE WHEN relation IS NULL THEN json_array(kind, value)
                        ELSE json_array(kind, value, relation) END
                    ORDER BY rowid)
                FROM model_tags WHERE model_tags.model_id = models.id
            ) END
        FROM models;

    DROP TABLE model_tags;
    DROP TABLE models;
    ALTER TABLE models_v5 RENAME TO models;
    CREATE INDEX models_params_total ON models (params_total);
    CREATE INDEX models_pipeline_tag ON models (pipeline_tag);
    "#,
    // Version 6: no index on `params_total` or `pipeline_tag`. slmscope loads the models into
    // memory to analyse them, so no query reads either index, and every import paid to update
    // both.
    r#"
    DROP INDEX models_params_total;
    DROP INDEX models_pipeline_tag;
    "#,
];

/// The schema version this build writes and reads.
pub const CURRENT_VERSION: i64 = MIGRATIONS.len() as i64;
