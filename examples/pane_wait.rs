//! Measures how long the UI thread is busy when the Trends and A/B tabs start their one-off
//! work on one cache. Four cases are timed: opening Trends (grouping the models), opening its
//! downloads-per-sync view (grouping the syncs), opening A/B (ranking the models) and typing
//! the query `7b` on A/B (searching, then sorting the matches). For each case it prints the
//! median and maximum over the runs of three times: the keys plus the first frame, the longest
//! later step of the UI thread (a poll and the frame an arrival triggers), and the time until
//! the figures are drawn.
//!
//! Run with `cargo run --release --example pane_wait -- CACHE.db [RUNS]` (5 runs by default).
//! The cache is opened as the UI opens it, which migrates an older schema: point it at a copy.
//! Like the threshold bench, it adds a download history of three syncs that each list every
//! model, because synthetic caches contain no sync.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use slmscope::analysis::Index;
use slmscope::cache::{Cache, OpenMode};
use slmscope::tui::bench_threshold::{OpenCase, OpenTiming, ThresholdBench, synthetic_history};
use slmscope::tui::{AppData, BenchmarkData};

/// Syncs in the added download history, as in the threshold bench.
const HISTORY_SYNCS: i64 = 3;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args_os().skip(1);
    let Some(path) = args.next().map(PathBuf::from) else {
        anyhow::bail!("missing argument: the cache file to open, such as synthetic-1000000.db");
    };
    let runs: usize = match args.next() {
        Some(runs) => runs
            .to_str()
            .and_then(|runs| runs.parse().ok())
            .filter(|&runs| runs > 0)
            .ok_or_else(|| {
                anyhow::anyhow!("invalid run count {runs:?}: expected a number above 0")
            })?,
        None => 5,
    };

    let started = Instant::now();
    let data = load(&path)?;
    let models = data.index.len();
    println!(
        "{}: {models} models loaded in {:.1} s",
        path.display(),
        started.elapsed().as_secs_f64()
    );

    let mut bench = ThresholdBench::new(data);
    for (case, name) in [
        (OpenCase::Trends, "open Trends"),
        (OpenCase::TrendsSyncs, "open Trends downloads per sync"),
        (OpenCase::Compare, "open A/B"),
        (OpenCase::CompareSearch, "type `7b` on A/B"),
    ] {
        let timings: Vec<OpenTiming> = (0..runs).map(|_| bench.open_timed(case)).collect();
        let first = summary(timings.iter().map(|timing| timing.first_frame));
        let step = summary(timings.iter().map(|timing| timing.longest_step));
        let figures = summary(timings.iter().map(|timing| timing.until_figures));
        println!(
            "{name}: keys and first frame {first}; longest later step {step}; figures after {figures} ({runs} runs, median / max)"
        );
    }
    Ok(())
}

/// Loads the cache as `slmscope view` does, with a download history added.
fn load(path: &std::path::Path) -> anyhow::Result<AppData> {
    let cache = Cache::open(path, OpenMode::MustExist)?;
    let models = cache.load_models()?;
    let benchmarks = cache.load_benchmarks()?;
    let reference = cache.load_reference()?;
    let provenance = cache.load_provenance()?;
    drop(cache);
    let history = synthetic_history(&models, HISTORY_SYNCS);
    Ok(AppData {
        index: Arc::new(Index::build(models)),
        benchmarks: BenchmarkData::new(benchmarks),
        reference,
        history: Arc::new(history),
        provenance,
        cache_path: path.to_path_buf(),
    })
}

/// Formats the median and the maximum of `durations`.
fn summary(durations: impl Iterator<Item = Duration>) -> String {
    let mut sorted: Vec<Duration> = durations.collect();
    sorted.sort();
    let median = sorted[sorted.len() / 2];
    let max = sorted[sorted.len() - 1];
    format!("{} / {}", format_duration(median), format_duration(max))
}

fn format_duration(duration: Duration) -> String {
    let seconds = duration.as_secs_f64();
    if seconds >= 1.0 {
        format!("{seconds:.2} s")
    } else {
        format!("{:.2} ms", seconds * 1e3)
    }
}
