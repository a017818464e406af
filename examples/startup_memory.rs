//! Measures the cold start of the terminal UI on one cache, the way the UI starts. It prints the
//! time to draw the first 80×24 frame (the loading screen), the time until the background load
//! has built the panes and their first frame is drawn, and the peak resident memory.
//!
//! Run with `cargo run --release --example startup_memory -- CACHE.db`. The cache is opened as
//! the UI opens it, which migrates an older schema: point it at a copy. Peak memory is read from
//! `VmHWM` in `/proc/self/status`, so it is printed on Linux only; `/usr/bin/time -v` gives the
//! same figure as "Maximum resident set size".

use std::path::PathBuf;
use std::time::Instant;

use slmscope::tui::bench_startup;

fn main() -> anyhow::Result<()> {
    let Some(path) = std::env::args_os().nth(1).map(PathBuf::from) else {
        anyhow::bail!("missing argument: the cache file to open, such as synthetic-100000.db");
    };

    let start = Instant::now();
    let (starting, loading) = bench_startup::start_loading(&path, 80, 24)?;
    let first_frame = start.elapsed();
    assert_eq!(loading.area.width, 80);
    let mut app = bench_startup::finish_loading(starting)?;
    let loaded = start.elapsed();
    let frame = bench_startup::draw(&mut app, 80, 24);
    let filled = start.elapsed();
    assert_eq!(frame.area.width, 80);

    let models = bench_startup::model_count(&app);
    println!("cache: {}", path.display());
    println!("models: {models}");
    println!(
        "first frame (loading screen): {:.1} ms",
        first_frame.as_secs_f64() * 1e3
    );
    println!(
        "cache loaded and panes prepared: {:.3} s",
        loaded.as_secs_f64()
    );
    println!("first frame of the panes: {:.3} s", filled.as_secs_f64());
    match peak_resident_kib() {
        Some(kib) => println!(
            "peak resident memory: {:.1} MiB ({:.0} bytes per model)",
            kib as f64 / 1024.0,
            kib as f64 * 1024.0 / models.max(1) as f64
        ),
        None => println!("peak resident memory: unknown (no /proc/self/status)"),
    }
    Ok(())
}

/// Reads `VmHWM`, the peak resident set size, in KiB.
fn peak_resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
