//! Benches of `slmscope import`: reading Hub JSON files and writing them into a new cache on
//! disk, as the command does.
//!
//! Run with `cargo bench --bench import`. The synthetic files (JSON Lines, seed 0, the output of
//! `slmscope synth --models N`) are written once into $SLMSCOPE_BENCH_CACHES (default:
//! target/bench-caches) as records-<N>.jsonl and reused by later runs.
//! SLMSCOPE_BENCH_IMPORT_SIZES picks the record counts (default: 10000 100000); add 1000000 for
//! the large file, whose ten imports take a few minutes. The recorded files bench runs only when
//! `SLMSCOPE_TEST_DATA` names the folder with `hub-api-2024-12/`.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{
    BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use slmscope::cache::{Cache, OpenMode, ReferenceRows};

const DEFAULT_SIZES: [u64; 2] = [10_000, 100_000];

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

/// Reads the record counts to bench from SLMSCOPE_BENCH_IMPORT_SIZES.
fn sizes() -> Vec<u64> {
    let Ok(text) = std::env::var("SLMSCOPE_BENCH_IMPORT_SIZES") else {
        return DEFAULT_SIZES.to_vec();
    };
    text.split_whitespace()
        .map(|size| {
            size.parse().unwrap_or_else(|_| {
                panic!(
                    "invalid SLMSCOPE_BENCH_IMPORT_SIZES entry {size:?}: expected a record count"
                )
            })
        })
        .collect()
}

/// Returns the folder of the synthetic files, creating it when it is missing.
fn data_folder() -> PathBuf {
    let folder = std::env::var_os("SLMSCOPE_BENCH_CACHES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-caches"));
    std::fs::create_dir_all(&folder)
        .unwrap_or_else(|error| panic!("cannot create {}: {error}", folder.display()));
    folder
}

/// Returns the synthetic file of `count` records, writing it first when it is missing.
fn synthetic_file(folder: &Path, count: u64) -> PathBuf {
    let path = folder.join(format!("records-{count}.jsonl"));
    if path.is_file() {
        return path;
    }
    // Written under another name first, so that an interrupted run never leaves a short file.
    let partial = folder.join(format!("records-{count}.jsonl.partial"));
    let out = File::create(&partial)
        .unwrap_or_else(|error| panic!("cannot create {}: {error}", partial.display()));
    slmscope::synth::write_records(out, slmscope::synth::DEFAULT_SEED, count, &mut |_| {})
        .expect("records written");
    std::fs::rename(&partial, &path).expect("records file renamed");
    path
}

fn synthetic(criterion: &mut Criterion) {
    let folder = data_folder();
    let directory = tempfile::tempdir().expect("temporary folder");
    let db = directory.path().join("bench.db");

    let mut group = criterion.benchmark_group("import");
    group.sample_size(10);
    // One import of a large file lasts seconds, so each sample is a single import.
    group.sampling_mode(SamplingMode::Flat);
    for count in sizes() {
        let files = [synthetic_file(&folder, count)];
        group.throughput(Throughput::Elements(count));
        group.measurement_time(
            Duration::from_secs_f64(count as f64 / 10_000.0).max(Duration::from_secs(5)),
        );
        group.bench_with_input(
            BenchmarkId::new("synthetic records into a new cache on disk", count),
            &files,
            |bench, files| {
                bench.iter_batched(
                    || new_cache(&db),
                    |mut cache| import(&mut cache, files),
                    BatchSize::PerIteration,
                )
            },
        );
    }
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
