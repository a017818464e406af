//! Benches of one threshold step on the threshold and trends steps of `slmscope tour`: the `+` or `-` key handled,
//! the caption computed again and the 120x40 frame drawn into a test terminal.
//!
//! Run with `benches/run.sh --bench tour`, or with
//! `SLMSCOPE_BENCH_CACHES=<folder> cargo bench --bench tour`. Each size N of 10,000, 100,000 and
//! 1,000,000 reads `<folder>/synthetic-<N>.db` through a copy in a temporary folder, because
//! opening a cache may write to it. `SLMSCOPE_BENCH_SIZES` picks the sizes. A size whose file is
//! missing is skipped with a printed reason.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use slmscope::i18n::Lang;
use slmscope::tui::tour::Step;
use slmscope::tui::tour::bench::TourBench;
use slmscope::tui::{AppData, load_app_data};

const SIZES: [u64; 3] = [10_000, 100_000, 1_000_000];

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

/// Loads the cache as `slmscope tour` does.
fn load(path: &Path) -> AppData {
    load_app_data(path, Lang::En, &mut |_| ControlFlow::Continue(())).expect("cache loads")
}

/// The sizes of `SLMSCOPE_BENCH_SIZES`, else every size of [`SIZES`].
fn sizes() -> Vec<u64> {
    match std::env::var("SLMSCOPE_BENCH_SIZES") {
        Ok(list) => list
            .split_whitespace()
            .filter_map(|size| size.parse().ok())
            .filter(|size| SIZES.contains(size))
            .collect(),
        Err(_) => SIZES.to_vec(),
    }
}

fn benches(criterion: &mut Criterion) {
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let mut group = criterion.benchmark_group("tour-step");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    for size in sizes() {
        let path = match cache_of(size, scratch.path()) {
            Ok(path) => path,
            Err(reason) => {
                eprintln!("skipping {size} models: {reason}");
                continue;
            }
        };
        for (step, name) in [(Step::Threshold, "threshold"), (Step::Trends, "trends")] {
            let mut tour = TourBench::new(load(&path), step);
            group.bench_function(BenchmarkId::new(name, size), |bench| {
                bench.iter(|| tour.step_and_draw());
            });
        }
        std::fs::remove_file(&path).ok();
    }
    group.finish();
}

criterion_group!(tour, benches);
criterion_main!(tour);
