//! Benches of the terminal UI's cold start on synthetic caches of 10,000 to 3,000,000 models.
//! `startup/first_frame` times the first drawn frame, the loading screen, while the cache loads
//! in the background. `startup/loaded_frame` times the whole load up to the first frame of the
//! panes.
//!
//! The caches are found in $SLMSCOPE_BENCH_CACHES as synthetic-<N>.db, which `benches/run.sh`
//! builds. A size whose cache is absent is skipped with a printed reason. The caches are opened
//! as the UI opens them, so they must be of the current schema or writable for the migration.
//!
//! Run with `SLMSCOPE_BENCH_CACHES=<folder> cargo bench --bench startup`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use slmscope::tui::bench_startup;

const SIZES: [u64; 4] = [10_000, 100_000, 1_000_000, 3_000_000];

/// The largest cache whose full load is benched. One full load of 3,000,000 models takes about
/// a minute on a two-core machine shared with other work, and criterion takes at least ten
/// samples, so that size is measured with `examples/startup_memory.rs` instead.
const MAX_FULL_LOAD: u64 = 1_000_000;

/// Returns the cache of `size` models, or `None` after printing why it is skipped.
fn cache(size: u64) -> Option<PathBuf> {
    let Some(folder) = std::env::var_os("SLMSCOPE_BENCH_CACHES") else {
        eprintln!(
            "skipped startup at {size} models: SLMSCOPE_BENCH_CACHES is not set (benches/run.sh sets it)"
        );
        return None;
    };
    let path = PathBuf::from(folder).join(format!("synthetic-{size}.db"));
    if !path.exists() {
        eprintln!(
            "skipped startup at {size} models: {} does not exist (benches/run.sh builds it)",
            path.display()
        );
        return None;
    }
    Some(path)
}

fn first_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup/first_frame");
    group.sample_size(20);
    for size in SIZES {
        let Some(path) = cache(size) else {
            continue;
        };
        group.bench_function(size.to_string(), |b| {
            b.iter_custom(|iterations| {
                let mut total = Duration::ZERO;
                for _ in 0..iterations {
                    let start = Instant::now();
                    let (starting, frame) = bench_startup::start_loading(&path, 80, 24)
                        .expect("the loader thread starts");
                    total += start.elapsed();
                    assert_eq!(frame.area.width, 80);
                    // Outside the timing: stop the load so that it does not slow the next one.
                    bench_startup::cancel_loading(starting);
                }
                total
            });
        });
    }
    group.finish();
}

fn loaded_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup/loaded_frame");
    // One load per sample: the default linear sampling would run 55 loads of each size.
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    for size in SIZES {
        if size > MAX_FULL_LOAD {
            eprintln!(
                "skipped startup/loaded_frame at {size} models: one load takes about a minute; \
                 run examples/startup_memory.rs on that cache instead"
            );
            continue;
        }
        let Some(path) = cache(size) else {
            continue;
        };
        group.bench_function(size.to_string(), |b| {
            b.iter(|| {
                let (starting, _) =
                    bench_startup::start_loading(&path, 80, 24).expect("the loader thread starts");
                let mut app = bench_startup::finish_loading(starting).expect("the cache loads");
                assert_eq!(bench_startup::model_count(&app) as u64, size);
                bench_startup::draw(&mut app, 80, 24)
            });
        });
    }
    group.finish();
}

criterion_group!(benches, first_frame, loaded_frame);
criterion_main!(benches);
