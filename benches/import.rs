//! Benches of `slmscope import`: reading Hub JSON files and writing them into a new cache on
//! disk, as the command does.
//!
//! Run with `cargo bench --bench import`. The recorded files bench runs only when
//! `SLMSCOPE_TEST_DATA` names the folder with `hub-api-2024-12/`.

use std::fs::File;
use std::path::{Path, PathBuf};

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use slmscope::cache::{Cache, OpenMode, ReferenceRows};

const SYNTHETIC_RECORDS: u64 = 100_000;

const RECORDED_FILES: [&str; 6] = [
    "list-a.json",
    "list-b.json",
    "list-c.json",
    "list-d.json",
    "full-a.json",
    "full-b.json",
];

/// Opens a new cache at `path` with the reference set, as `slmscope import` creates one.
fn new_cache(path: &Path) -> Cache {
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        let _ = std::fs::remove_file(file);
    }
    let mut cache = Cache::open(path, OpenMode::CreateIfMissing).expect("cache opens");
    let reference = slmscope::reference::embedded();
    cache
        .replace_reference(
            &reference.models,
            &reference.benchmarks,
            ReferenceRows::TablesOnly,
        )
        .expect("reference set stored");
    cache
}

fn import(cache: &mut Cache, files: &[PathBuf]) {
    for file in files {
        cache
            .import_file(file, &file.display().to_string(), &mut |_| {})
            .expect("import succeeds");
    }
}

fn synthetic(criterion: &mut Criterion) {
    let directory = tempfile::tempdir().expect("temporary folder");
    let records = directory.path().join("synthetic.jsonl");
    let out = File::create(&records).expect("records file");
    slmscope::synth::write_records(
        out,
        slmscope::synth::DEFAULT_SEED,
        SYNTHETIC_RECORDS,
        &mut |_| {},
    )
    .expect("records written");
    let files = [records];
    let db = directory.path().join("bench.db");

    let mut group = criterion.benchmark_group("import");
    group.sample_size(10);
    group.throughput(Throughput::Elements(SYNTHETIC_RECORDS));
    group.bench_function(
        "100,000 synthetic records into a new cache on disk",
        |bench| {
            bench.iter_batched(
                || new_cache(&db),
                |mut cache| import(&mut cache, &files),
                BatchSize::PerIteration,
            )
        },
    );
    group.finish();
}

fn recorded(criterion: &mut Criterion) {
    let Some(root) = std::env::var_os("SLMSCOPE_TEST_DATA") else {
        eprintln!(
            "skipped the recorded files: SLMSCOPE_TEST_DATA is not set, so the recorded Hub data is not available"
        );
        return;
    };
    let dir = PathBuf::from(root).join("hub-api-2024-12");
    let files: Vec<PathBuf> = RECORDED_FILES.iter().map(|name| dir.join(name)).collect();
    for file in &files {
        assert!(file.is_file(), "{} is missing", file.display());
    }
    let directory = tempfile::tempdir().expect("temporary folder");
    let db = directory.path().join("bench.db");

    let mut group = criterion.benchmark_group("import");
    group.sample_size(10);
    group.throughput(Throughput::Elements(9_142));
    group.bench_function(
        "six recorded files (9,142 records) into a new cache on disk",
        |bench| {
            bench.iter_batched(
                || new_cache(&db),
                |mut cache| import(&mut cache, &files),
                BatchSize::PerIteration,
            )
        },
    );
    group.finish();
}

criterion_group!(benches, synthetic, recorded);
criterion_main!(benches);
