//! Benches of one threshold move on every tab: the `+` or `-` key handled and the 80x24 frame
//! drawn into a test terminal, and the key handled with the pane's figures computed but not
//! drawn. Also benches the one-off grouping that the Trends and A/B tabs do per index.
//!
//! Run with `benches/run.sh --bench threshold`, or with
//! `SLMSCOPE_BENCH_CACHES=<folder> cargo bench --bench threshold`. Each size N of 10,000,
//! 100,000, 1,000,000 and 3,000,000 reads `<folder>/synthetic-<N>.db` through a copy in a
//! temporary folder, because opening a cache may write to it. A size whose file is missing is
//! skipped with a printed reason.
//!
//! Synthetic caches hold no sync, so the bench adds a download history of three syncs, each
//! listing every model, for the Trends tab's downloads-per-sync view.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use slmscope::analysis::Index;
use slmscope::analysis::class_changes::ClassChanges;
use slmscope::analysis::search::{IdTable, Query, search};
use slmscope::analysis::trends::indexed::TrendsIndex;
use slmscope::analysis::trends::largest_tasks;
use slmscope::cache::{Cache, OpenMode};
use slmscope::model::SyncHistory;
use slmscope::tui::bench_threshold::{BenchPane, ThresholdBench};
use slmscope::tui::{AppData, BenchmarkData};

const SIZES: [u64; 4] = [10_000, 100_000, 1_000_000, 3_000_000];
/// Syncs in the added download history.
const HISTORY_SYNCS: i64 = 3;
/// The query typed on the A/B tab in the `ab-query` benches.
const AB_QUERY: &str = "7b";
/// The pipeline_tags the Trends tab groups besides every model.
const TREND_TASKS: usize = 10;

/// Copies `<SLMSCOPE_BENCH_CACHES>/synthetic-<size>.db` into `scratch`, or returns why there is
/// no cache of that size.
fn cache_of(size: u64, scratch: &Path) -> Result<PathBuf, String> {
    let folder = std::env::var_os("SLMSCOPE_BENCH_CACHES")
        .ok_or("SLMSCOPE_BENCH_CACHES is not set (benches/run.sh sets it)")?;
    let source = Path::new(&folder).join(format!("synthetic-{size}.db"));
    if !source.exists() {
        return Err(format!("{} does not exist", source.display()));
    }
    let copy = scratch.join(format!("synthetic-{size}.db"));
    std::fs::copy(&source, &copy)
        .map_err(|error| format!("cannot copy {}: {error}", source.display()))?;
    Ok(copy)
}

/// Loads the cache as `slmscope view` does, with a download history added.
fn load(path: &Path) -> AppData {
    let cache = Cache::open(path, OpenMode::MustExist).expect("cache opens");
    let models = cache.load_models().expect("models load");
    let benchmarks = cache.load_benchmarks().expect("benchmarks load");
    let reference = cache.load_reference().expect("reference loads");
    let provenance = cache.load_provenance().expect("provenance loads");
    drop(cache);
    let history = synthetic_history(&models);
    AppData {
        index: Index::build(models),
        benchmarks: BenchmarkData::new(benchmarks),
        reference,
        history,
        provenance,
        cache_path: path.to_path_buf(),
    }
}

/// Builds syncs that each list every model, with downloads that grow from one sync to the next.
fn synthetic_history(models: &[slmscope::model::Model]) -> Vec<SyncHistory> {
    (1..=HISTORY_SYNCS)
        .map(|sync| SyncHistory {
            sync_id: sync,
            time: format!("2026-11-0{sync}T00:00:00Z"),
            status: "finished".to_string(),
            downloads: models
                .iter()
                .map(|model| {
                    let downloads = model.downloads().map(|value| value * sync as u64 / 3);
                    (model.id.to_string(), downloads)
                })
                .collect(),
        })
        .collect()
}

fn benches(criterion: &mut Criterion) {
    let scratch = tempfile::tempdir().expect("temporary folder");
    for size in SIZES {
        let path = match cache_of(size, scratch.path()) {
            Ok(path) => path,
            Err(reason) => {
                println!("threshold: skipping {size} models: {reason}");
                continue;
            }
        };
        let started = Instant::now();
        let data = load(&path);
        let _ = std::fs::remove_file(&path);
        println!(
            "threshold: {size} models loaded in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        bench_size(criterion, size, data);
    }
}

fn bench_size(criterion: &mut Criterion, size: u64, data: AppData) {
    let mut group = criterion.benchmark_group("threshold-precompute");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    let tasks = largest_tasks(&data.index, TREND_TASKS);
    group.bench_with_input(BenchmarkId::new("trends", size), &data, |bench, data| {
        bench.iter(|| black_box(TrendsIndex::build(&data.index, &data.provenance, &tasks)));
    });
    let trends = TrendsIndex::build(&data.index, &data.provenance, &tasks);
    group.bench_with_input(
        BenchmarkId::new("trends-history", size),
        &data,
        |bench, data| {
            // A new index groups the syncs again at its first downloads-per-sync view. Cloning the
            // grouped trends, which contain no sync yet, is left out of the time.
            bench.iter_batched(
                || trends.clone(),
                |mut trends| {
                    let points = trends.downloads_per_sync(&data.index, 1, None, &data.history);
                    // Returned so that criterion drops them after the timing.
                    (trends, points)
                },
                BatchSize::PerIteration,
            );
        },
    );
    drop(trends);
    group.bench_with_input(BenchmarkId::new("ab", size), &data, |bench, data| {
        bench.iter(|| black_box(ClassChanges::build(&data.index)));
    });
    // What the A/B tab pays once per search result: sorting the matches by size.
    let changes = ClassChanges::build(&data.index);
    let ids = IdTable::from_raw(data.index.models().iter().map(|model| &*model.id));
    let matches = search(&ids, &Query::new(AB_QUERY), None, || false).expect("never stale");
    drop(ids);
    println!(
        "threshold: {size} models: {} match {AB_QUERY:?}",
        matches.len()
    );
    group.bench_with_input(BenchmarkId::new("ab-query", size), &data, |bench, data| {
        bench.iter(|| black_box(changes.matching(&data.index, &matches)));
    });
    drop((changes, matches));
    group.finish();

    let mut app = ThresholdBench::new(data);
    let mut group = criterion.benchmark_group("threshold-step");
    group.measurement_time(Duration::from_secs(3));
    group.warm_up_time(Duration::from_secs(1));
    for pane in BenchPane::ALL {
        app.open(pane);
        group.bench_function(
            BenchmarkId::new(format!("{}-draw", pane.name()), size),
            |bench| bench.iter(|| app.step()),
        );
        group.bench_function(
            BenchmarkId::new(format!("{}-compute", pane.name()), size),
            |bench| bench.iter(|| app.step_compute()),
        );
    }
    group.finish();
}

criterion_group!(threshold, benches);
criterion_main!(threshold);
