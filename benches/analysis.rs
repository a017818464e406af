//! Benches of the analysis core and the importers on the recorded Hub snapshot and leaderboard
//! files.
//!
//! Run with `SLMSCOPE_TEST_DATA=<folder with hub-api-2024-12/ and leaderboards/> cargo bench --bench
//! analysis`.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use slmscope::analysis::Index;
use slmscope::analysis::benchmarks::{ResultFilter, benchmark_sets, entries};
use slmscope::analysis::compare::compare;
use slmscope::analysis::filter::Filter;
use slmscope::analysis::suggest::Suggestions;
use slmscope::analysis::threshold::STEPS;
use slmscope::analysis::trends::{DataTime, monthly_splits, usage};
use slmscope::analysis::verdicts::{Entry, verdicts};
use slmscope::cache::Cache;
use slmscope::hub::reader::{FileRecords, read_file};
use slmscope::leaderboard::{BigCodeBenchSet, ReadOptions, read_leaderboard_with};

const LEADERBOARD_FILES: [(&str, Option<BigCodeBenchSet>); 4] = [
    ("open-llm-leaderboard-v2.csv", None),
    ("open-llm-leaderboard-v1.csv", None),
    ("bigcodebench-full.json", Some(BigCodeBenchSet::Full)),
    ("bigcodebench-hard.json", Some(BigCodeBenchSet::Hard)),
];

const FILES: [&str; 6] = [
    "list-a.json",
    "list-b.json",
    "list-c.json",
    "list-d.json",
    "full-a.json",
    "full-b.json",
];

fn recorded_dir() -> Option<PathBuf> {
    let Some(root) = std::env::var_os("SLMSCOPE_TEST_DATA") else {
        eprintln!(
            "skipped: SLMSCOPE_TEST_DATA is not set, so the recorded Hub data is not available"
        );
        return None;
    };
    let dir = PathBuf::from(root).join("hub-api-2024-12");
    assert!(
        dir.is_dir(),
        "SLMSCOPE_TEST_DATA is set but {} is missing",
        dir.display()
    );
    Some(dir)
}

fn benches(criterion: &mut Criterion) {
    let Some(dir) = recorded_dir() else {
        return;
    };
    let files: Vec<_> = FILES
        .iter()
        .map(|name| read_file(&dir.join(name)).expect("recorded file parses"))
        .collect();

    criterion.bench_function("import six recorded files (9,142 records)", |bench| {
        bench.iter(|| {
            let mut cache = Cache::open_in_memory().expect("in-memory cache");
            for file in &files {
                cache
                    .import_records("recorded", file)
                    .expect("import succeeds");
            }
            black_box(cache)
        })
    });

    let mut cache = Cache::open_in_memory().expect("in-memory cache");
    for file in &files {
        cache
            .import_records("recorded", file)
            .expect("import succeeds");
    }
    let models = cache.load_models().expect("models load");

    criterion.bench_function("build index (4,712 models)", |bench| {
        bench.iter(|| black_box(Index::build(models.clone())))
    });

    let index = Index::build(models);
    let mut step = 0;
    criterion.bench_function("threshold move: split, tasks, top tags", |bench| {
        bench.iter(|| {
            step = (step + 1) % STEPS.len();
            let threshold = STEPS[step];
            black_box(index.split(threshold));
            black_box(index.task_splits(threshold));
            black_box(index.top_tags(threshold, 10));
        })
    });

    criterion.bench_function(
        "suggestions: natural breaks and density valley (4,712 models)",
        |bench| bench.iter(|| black_box(Suggestions::from_sorted(index.sorted_totals()))),
    );

    const SEVEN_B: u64 = 7_000_000_000;
    let now = DataTime::of(&Default::default(), index.models());
    criterion.bench_function("Trends rescan: months and usage (4,712 models)", |bench| {
        bench.iter(|| {
            let splits = monthly_splits(&index, SEVEN_B, None);
            black_box(usage(&index, SEVEN_B, &splits, now.as_ref()))
        })
    });

    criterion.bench_function("A/B rescan: 7B against 14B (4,712 models)", |bench| {
        bench.iter(|| black_box(compare(&index, SEVEN_B, 14_000_000_000)))
    });

    let filter = Filter {
        task: Some("text-generation".to_string()),
        exclude_gguf: true,
        ..Filter::default()
    };
    criterion.bench_function(
        "apply a filter and rebuild the index (4,712 models)",
        |bench| bench.iter(|| black_box(Index::build(filter.apply(index.models())))),
    );

    leaderboard_benches(criterion, &dir, &files);

    let million = synthetic_totals(1_000_000);
    criterion.bench_function(
        "suggestions: natural breaks and density valley (1,000,000 sizes)",
        |bench| bench.iter(|| black_box(Suggestions::from_sorted(&million))),
    );
}

/// Benches of the leaderboard import and of the Benchmarks tab on the four recorded leaderboard
/// files, with the recorded Hub models cached so that results are linked.
fn leaderboard_benches(criterion: &mut Criterion, hub_dir: &Path, hub_files: &[FileRecords]) {
    let boards = hub_dir
        .parent()
        .expect("the Hub folder has a parent")
        .join("leaderboards");
    assert!(boards.is_dir(), "{} is missing", boards.display());
    let leaderboards: Vec<_> = LEADERBOARD_FILES
        .iter()
        .map(|(name, set)| {
            let options = ReadOptions {
                bigcodebench_set: *set,
            };
            read_leaderboard_with(&boards.join(name), options).expect("recorded file parses")
        })
        .collect();
    let hub_cache = || {
        let mut cache = Cache::open_in_memory().expect("in-memory cache");
        for file in hub_files {
            cache
                .import_records("recorded", file)
                .expect("import succeeds");
        }
        cache
    };

    let mut group = criterion.benchmark_group("leaderboards");
    group.sample_size(10);
    group.bench_function(
        "import four recorded leaderboard files (79,807 scores) into 4,712 cached models",
        |bench| {
            bench.iter_batched(
                hub_cache,
                |mut cache| {
                    for file in &leaderboards {
                        black_box(cache.import_leaderboard("recorded", file).expect("import"));
                    }
                },
                BatchSize::LargeInput,
            )
        },
    );
    group.finish();

    let mut cache = hub_cache();
    for file in &leaderboards {
        cache.import_leaderboard("recorded", file).expect("import");
    }
    let results = cache.load_benchmarks().expect("results load");
    criterion.bench_function("benchmark sets: group every stored result", |bench| {
        bench.iter(|| black_box(benchmark_sets(&results)))
    });
    let sets = benchmark_sets(&results);
    let largest = sets
        .iter()
        .max_by_key(|set| set.rows.len())
        .expect("a set exists");
    let (_, entries) = entries(&results, largest, &ResultFilter::default());
    let label = format!("{} ({} models)", largest.label(), entries.len());
    criterion.bench_function(
        &format!("Benchmarks tab set change: every verdict on {label}"),
        |bench| bench.iter(|| black_box(verdicts(&entries, 7_000_000_000, 5.0))),
    );
    let mut moved = verdicts(&entries, 7_000_000_000, 5.0);
    let mut step = 0_u64;
    criterion.bench_function(
        &format!("Benchmarks tab threshold move: verdicts on {label}"),
        |bench| {
            bench.iter(|| {
                step += 1;
                let threshold = if step % 2 == 0 { 7 } else { 14 } * 1_000_000_000;
                moved.set_threshold(&entries, threshold);
                black_box(&moved);
            })
        },
    );
}

/// Benches that need no recorded data.
fn synthetic_benches(criterion: &mut Criterion) {
    let entries = synthetic_entries(5_000);
    criterion.bench_function(
        "verdicts: one benchmark of 5,000 synthetic results",
        |bench| bench.iter(|| black_box(verdicts(&entries, 7_000_000_000, 2.0))),
    );
}

/// Benchmark results with sizes spread log-uniformly from 100M to 1T, every tenth size unknown,
/// every fiftieth score NaN and the others from 0 to 100, from the same fixed sequence as
/// [`synthetic_totals`].
fn synthetic_entries(count: usize) -> Vec<Entry> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next_unit = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..count)
        .map(|i| {
            let size = 10f64.powf(8.0 + 4.0 * next_unit()) as u64;
            let score = 100.0 * next_unit();
            Entry {
                model: format!("org/model-{i}"),
                params_total: (i % 10 != 0).then_some(size),
                params_active: None,
                score: if i % 50 == 7 { f64::NAN } else { score },
            }
        })
        .collect()
}

/// Sorted parameter counts spread log-uniformly from 10M to 1T, from a fixed linear
/// congruential sequence so every run measures the same input.
fn synthetic_totals(count: usize) -> Vec<u64> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut totals: Vec<u64> = (0..count)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let unit = (state >> 11) as f64 / (1u64 << 53) as f64;
            10f64.powf(7.0 + 5.0 * unit) as u64
        })
        .collect();
    totals.sort_unstable();
    totals
}

criterion_group!(analysis, benches, synthetic_benches);
criterion_main!(analysis);
