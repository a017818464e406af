use proptest::prelude::*;

use super::*;
use crate::model::{HubTime, ImportedFile, SyncRun};

const B: u64 = 1_000_000_000;
const SEVEN_B: u64 = 7 * B;

fn model(id: &str, total: Option<u64>, task: &str, downloads: u64, created: Option<&str>) -> Model {
    let mut model = {
        let mut model = Model::minimal(id, total);
        model.pipeline_tag = Some(task.into());
        model.created_at = created.and_then(HubTime::parse);
        model
    };
    model.set_downloads(Some(downloads));
    model
}

fn before_tracking(id: &str, total: Option<u64>, task: &str, downloads: u64) -> Model {
    {
        let mut model = model(id, total, task, downloads, None);
        model.created_before_tracking = true;
        model
    }
}

/// At 7B: 2023-11 one SLM, 2023-12 empty, 2024-01 one SLM, 2024-02 one LLM (created on
/// 2024-01-31 at UTC-2, which is February in UTC), 2024-03 one unknown; one SLM before
/// dates were recorded and one LLM without a date.
fn models() -> Vec<Model> {
    vec![
        model(
            "a/one",
            Some(B),
            "text-generation",
            10,
            Some("2024-01-15T10:00:00Z"),
        ),
        model(
            "a/ten",
            Some(10 * B),
            "text-generation",
            20,
            Some("2024-01-31T23:30:00-02:00"),
        ),
        model(
            "a/unknown",
            None,
            "text-generation",
            5,
            Some("2024-03-05T00:00:00.000Z"),
        ),
        before_tracking("a/bert", Some(B / 2), "fill-mask", 100),
        model("a/undated", Some(20 * B), "text-generation", 40, None),
        model(
            "a/two",
            Some(2 * B),
            "fill-mask",
            1,
            Some("2023-11-10T08:00:00Z"),
        ),
    ]
}

/// Returns the provenance of a cache filled by one sync that finished at `finished_at`.
fn provenance(finished_at: &str) -> Provenance {
    Provenance {
        imports: Vec::new(),
        syncs: vec![SyncRun {
            endpoint: "e".to_string(),
            query: "q".to_string(),
            started_at: finished_at.to_string(),
            finished_at: Some(finished_at.to_string()),
            status: "finished".to_string(),
            pages: 1,
            models: 6,
        }],
        leaderboards: Vec::new(),
    }
}

fn months_of(splits: &MonthlySplits) -> Vec<String> {
    splits
        .months
        .iter()
        .map(|month| month.month.to_string())
        .collect()
}

#[test]
fn monthly_splits_by_hand() {
    let index = Index::build(models());
    let splits = monthly_splits(&index, SEVEN_B, None);
    assert_eq!(
        months_of(&splits),
        ["2023-11", "2023-12", "2024-01", "2024-02", "2024-03"]
    );
    let counts: Vec<(u64, u64, u64, u64)> = splits
        .months
        .iter()
        .map(|m| {
            (
                m.split.models,
                m.split.slm.count,
                m.split.llm.count,
                m.split.unknown.count,
            )
        })
        .collect();
    assert_eq!(
        counts,
        [
            (1, 1, 0, 0),
            (0, 0, 0, 0),
            (1, 1, 0, 0),
            (1, 0, 1, 0),
            (1, 0, 0, 1)
        ]
    );
    assert_eq!(splits.months[0].split.slm_share_of_known, Some(1.0));
    assert_eq!(
        splits.months[1].split.slm_share_of_known, None,
        "empty month"
    );
    assert_eq!(splits.months[3].split.slm_share_of_known, Some(0.0));
    assert_eq!(
        splits.months[4].split.slm_share_of_known, None,
        "only unknown"
    );
    assert_eq!(splits.months[4].split.unknown.downloads, 5);

    assert_eq!(splits.before_tracking.models, 1);
    assert_eq!(splits.before_tracking.slm.downloads, 100);
    assert_eq!(splits.no_date.models, 1);
    assert_eq!(splits.no_date.llm.downloads, 40);
    assert_eq!(splits.models(), 6);
}

#[test]
fn download_weighted_share_by_hand() {
    // One month with an SLM of 30 downloads and an LLM of 10: half by count, 75% weighted.
    let index = Index::build(vec![
        model("a/s", Some(B), "t", 30, Some("2024-05-01T00:00:00Z")),
        model("a/l", Some(10 * B), "t", 10, Some("2024-05-31T23:59:59Z")),
    ]);
    let splits = monthly_splits(&index, SEVEN_B, None);
    assert_eq!(months_of(&splits), ["2024-05"]);
    let split = &splits.months[0].split;
    assert_eq!(split.slm_share(false), Some(0.5));
    assert_eq!(split.slm_share(true), Some(0.75));
}

#[test]
fn monthly_splits_follow_task_and_threshold() {
    let index = Index::build(models());
    let fill_mask = monthly_splits(&index, SEVEN_B, Some("fill-mask"));
    assert_eq!(fill_mask.pipeline_tag.as_deref(), Some("fill-mask"));
    assert_eq!(months_of(&fill_mask), ["2023-11"]);
    assert_eq!(fill_mask.before_tracking.models, 1);
    assert_eq!(fill_mask.no_date.models, 0);
    assert_eq!(fill_mask.models(), 2);

    // At 1B the 1B model itself is an LLM.
    let at_1b = monthly_splits(&index, B, None);
    assert_eq!(at_1b.months[2].split.llm.count, 1);
    assert_eq!(at_1b.months[0].split.llm.count, 1, "2B is an LLM at 1B");

    assert!(
        monthly_splits(&Index::build(Vec::new()), B, None)
            .months
            .is_empty()
    );
}

#[test]
fn data_time_from_syncs_and_model_dates() {
    let models = models();
    let time = DataTime::of(&provenance("2024-12-31T12:00:00.000Z"), &models).unwrap();
    assert_eq!(time.time, "2024-12-31T12:00:00.000Z");
    assert_eq!(time.source, DataTimeSource::Sync);

    let unfinished = Provenance {
        imports: Vec::new(),
        syncs: vec![SyncRun {
            finished_at: None,
            started_at: "2025-01-02T00:00:00.000Z".to_string(),
            status: "cancelled".to_string(),
            ..provenance("2000-01-01T00:00:00Z").syncs[0].clone()
        }],
        leaderboards: Vec::new(),
    };
    let time = DataTime::of(&unfinished, &models).unwrap();
    assert_eq!(
        time.time, "2025-01-02T00:00:00.000Z",
        "a sync's start without a finish"
    );

    let imported_today = Provenance {
        imports: vec![ImportedFile {
            file: "list.json".to_string(),
            imported_at: "2026-12-04T00:00:00.000Z".to_string(),
            records: 6,
            added: 6,
            updated: 0,
        }],
        syncs: Vec::new(),
        leaderboards: Vec::new(),
    };
    let time = DataTime::of(&imported_today, &models).unwrap();
    assert_eq!(
        time.time, "2024-03-05T00:00:00.000Z",
        "import times are left out: the newest creation date"
    );
    assert_eq!(time.source, DataTimeSource::ModelDates);

    let mut modified = models.clone();
    modified[0].last_modified = HubTime::parse("2025-06-01T00:00:00.000Z");
    let time = DataTime::of(&provenance("2024-12-31T12:00:00.000Z"), &modified).unwrap();
    assert_eq!(
        time.time, "2025-06-01T00:00:00.000Z",
        "a modification newer than every sync"
    );
    assert_eq!(time.source, DataTimeSource::ModelDates);

    let undated = vec![before_tracking("a/b", None, "t", 1)];
    assert_eq!(DataTime::of(&Provenance::default(), &undated), None);
}

#[test]
fn usage_by_hand() {
    let index = Index::build(models());
    let now = DataTime::of(&provenance("2024-12-31T12:00:00.000Z"), index.models()).unwrap();
    let splits = monthly_splits(&index, SEVEN_B, None);
    let usage = usage(&index, SEVEN_B, &splits, Some(&now));

    // SLMs: 10 + 100 + 1; LLMs: 20 + 40; all: 176 with the unknown model's 5.
    assert_eq!(
        usage.downloads,
        UsageTotals {
            slm: 111,
            llm: 60,
            all: 176
        }
    );
    assert_eq!(usage.months.len(), 5);
    let february = &usage.months[3].usage;
    assert_eq!(usage.months[3].month.to_string(), "2024-02");
    assert_eq!(february.llm_downloads, 20);
    assert_eq!(february.llm_share_of_class, Some(20.0 / 60.0));
    assert_eq!(february.llm_share_of_all, Some(20.0 / 176.0));
    assert_eq!(february.slm_share_of_class, Some(0.0));
    assert_eq!(
        usage.before_tracking.slm_share_of_class,
        Some(100.0 / 111.0)
    );
    assert_eq!(usage.no_date.llm_share_of_class, Some(40.0 / 60.0));

    let class_total: f64 = usage
        .months
        .iter()
        .map(|month| &month.usage)
        .chain([&usage.before_tracking, &usage.no_date])
        .map(|row| row.slm_share_of_class.unwrap())
        .sum();
    assert!((class_total - 1.0).abs() < 1e-12, "{class_total}");

    // Cutoff 2023-12-31: the 2023-11 SLM (1) and the placeholder SLM (100) are old; the LLM
    // without a date is in neither part, so the LLM share is 0 of 20.
    let older = usage.older_than_12_months.unwrap();
    assert_eq!(older.cutoff, "2023-12-31T12:00:00.000Z");
    assert_eq!(older.slm, Some(101.0 / 111.0));
    assert_eq!(older.llm, Some(0.0));
}

#[test]
fn usage_without_time_or_known_ages() {
    let index = Index::build(vec![model("a/l", Some(10 * B), "t", 7, None)]);
    let splits = monthly_splits(&index, SEVEN_B, None);
    assert_eq!(
        usage(&index, SEVEN_B, &splits, None).older_than_12_months,
        None
    );

    let now = DataTime::of(&provenance("2024-12-31T00:00:00Z"), index.models()).unwrap();
    let older = usage(&index, SEVEN_B, &splits, Some(&now))
        .older_than_12_months
        .unwrap();
    assert_eq!(older.slm, None, "no SLM");
    assert_eq!(older.llm, None, "the only LLM has no date");
}

#[test]
fn placeholder_age_unknown_shortly_after_it() {
    let index = Index::build(vec![before_tracking("a/b", Some(B), "t", 9)]);
    let splits = monthly_splits(&index, SEVEN_B, None);
    let early = DataTime::of(&provenance("2022-06-01T00:00:00Z"), index.models()).unwrap();
    let older = usage(&index, SEVEN_B, &splits, Some(&early))
        .older_than_12_months
        .unwrap();
    assert_eq!(
        older.slm, None,
        "created before 2022-03-02, but maybe after 2021-06-01"
    );
}

fn history(sync_id: i64, rows: &[(&str, Option<u64>)]) -> SyncHistory {
    SyncHistory {
        sync_id,
        time: format!("2024-12-0{sync_id}T00:00:00.000Z"),
        status: "finished".to_string(),
        downloads: rows.iter().map(|(id, d)| (id.to_string(), *d)).collect(),
    }
}

#[test]
fn downloads_per_sync_by_hand() {
    let index = Index::build(models());
    let syncs = [
        history(
            1,
            &[
                ("a/one", Some(8)),
                ("a/ten", Some(30)),
                ("gone/model", Some(999)),
            ],
        ),
        history(
            2,
            &[
                ("a/one", Some(10)),
                ("a/unknown", None),
                ("a/bert", Some(90)),
            ],
        ),
    ];
    let points = downloads_per_sync(&index, SEVEN_B, None, &syncs);
    assert_eq!(points.len(), 2);
    assert_eq!(points[0].models, 2, "an id not in the index is ignored");
    assert_eq!(
        points[0].slm,
        ClassTotals {
            count: 1,
            downloads: 8
        }
    );
    assert_eq!(
        points[0].llm,
        ClassTotals {
            count: 1,
            downloads: 30
        }
    );
    assert_eq!(
        points[1].slm,
        ClassTotals {
            count: 2,
            downloads: 100
        }
    );
    assert_eq!(
        points[1].unknown,
        ClassTotals {
            count: 1,
            downloads: 0
        }
    );
    assert_eq!(points[1].time, "2024-12-02T00:00:00.000Z");

    // The current size decides: at 20B the 10B model is an SLM in the old sync too.
    let at_20b = downloads_per_sync(&index, 20 * B, None, &syncs);
    assert_eq!(at_20b[0].slm.downloads, 38);

    let fill_mask = downloads_per_sync(&index, SEVEN_B, Some("fill-mask"), &syncs);
    assert_eq!(fill_mask[0].models, 0);
    assert_eq!(
        fill_mask[1].slm,
        ClassTotals {
            count: 1,
            downloads: 90
        }
    );
}

#[test]
fn largest_tasks_skip_missing_tag() {
    let mut models = models();
    models.push({
        let mut model = Model::minimal("a/none", None);
        model.pipeline_tag = None;
        model
    });
    let index = Index::build(models);
    assert_eq!(largest_tasks(&index, 5), ["text-generation", "fill-mask"]);
    assert_eq!(largest_tasks(&index, 1), ["text-generation"]);
}

fn arbitrary_model() -> impl Strategy<Value = (Option<u64>, u8, u32, u64)> {
    (
        proptest::option::of(1u64..100 * B),
        0u8..4,
        0u32..2_000_000_000,
        0u64..1_000,
    )
}

proptest! {
    #[test]
    fn monthly_counts_add_up(
        specs in proptest::collection::vec(arbitrary_model(), 0..60),
        threshold in 1u64..200 * B,
    ) {
        let models: Vec<Model> = specs
            .iter()
            .enumerate()
            .map(|(i, (total, kind, seconds, downloads))| {
                let created = Timestamp::from_second(i64::from(*seconds))
                    .unwrap()
                    .to_string();
                let mut model = model(&format!("m/{i}"), *total, "t", *downloads, None);
                match kind {
                    0 => model.created_before_tracking = true,
                    1 => {}
                    _ => model.created_at = HubTime::parse(&created),
                }
                model
            })
            .collect();
        let index = Index::build(models);
        let splits = monthly_splits(&index, threshold, None);
        prop_assert_eq!(splits.models(), specs.len() as u64);
        for month in splits.months.iter().map(|m| &m.split).chain([&splits.before_tracking, &splits.no_date]) {
            prop_assert_eq!(month.slm.count + month.llm.count + month.unknown.count, month.models);
        }
        for pair in splits.months.windows(2) {
            prop_assert_eq!(pair[0].month.next(), pair[1].month, "months are consecutive");
        }
        let usage = usage(&index, threshold, &splits, None);
        let slm: u64 = usage.months.iter().map(|m| m.usage.slm_downloads).sum::<u64>()
            + usage.before_tracking.slm_downloads
            + usage.no_date.slm_downloads;
        prop_assert_eq!(slm, usage.downloads.slm);
    }
}
