//! Benches of one fuzzy-search keystroke over synthetic model ids. They measure a full scan, a
//! scan narrowed to the previous matches, the listing of the matches in a sort order, and how
//! long a scan takes to stop once a newer query makes it stale.
//!
//! Run with `cargo bench --bench search`. No recorded data is needed: the ids come from a fixed
//! pseudo-random sequence, the same at every run.

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use slmscope::analysis::search::{IdTable, Query, search};

const OWNERS: [&str; 24] = [
    "meta-llama",
    "Qwen",
    "mistralai",
    "google",
    "microsoft",
    "TheBloke",
    "bartowski",
    "mlx-community",
    "unsloth",
    "HuggingFaceTB",
    "deepseek-ai",
    "NousResearch",
    "tiiuae",
    "EleutherAI",
    "openai-community",
    "sentence-transformers",
    "facebook",
    "lmstudio-community",
    "QuantFactory",
    "mradermacher",
    "allenai",
    "stabilityai",
    "nvidia",
    "ibm-granite",
];

const FAMILIES: [&str; 20] = [
    "Llama-3.1",
    "Llama-3.2",
    "Qwen2.5",
    "Qwen2.5-Coder",
    "Mistral",
    "Mixtral-8x7B",
    "gemma-2",
    "phi-3.5-mini",
    "phi-4",
    "SmolLM2",
    "DeepSeek-R1-Distill-Qwen",
    "falcon",
    "pythia",
    "gpt2",
    "bert-base-uncased",
    "all-MiniLM-L6",
    "opt",
    "OLMo-2",
    "granite-3.1",
    "Hermes-3-Llama-3.1",
];

const SIZES: [&str; 12] = [
    "", "-135M", "-360M", "-0.5B", "-1.5B", "-3B", "-7B", "-8B", "-14B", "-32B", "-70B", "-72B",
];

const SUFFIXES: [&str; 12] = [
    "",
    "-Instruct",
    "-Instruct-GGUF",
    "-GGUF",
    "-AWQ",
    "-GPTQ-Int4",
    "-4bit",
    "-bnb-4bit",
    "-i1-GGUF",
    "-finetuned",
    "-lora",
    "-v0.1",
];

/// Generates `count` ids like the Hub's: a known owner or a numbered user, a family, a size and
/// a suffix, with a run number on a third of them so that most ids are distinct.
fn synthetic_ids(count: usize) -> IdTable {
    let mut rng = fastrand::Rng::with_seed(0x5eed);
    let mut ids = Vec::with_capacity(count);
    for _ in 0..count {
        let owner = if rng.u8(..4) == 0 {
            OWNERS[rng.usize(..OWNERS.len())].to_string()
        } else {
            format!("user{}", rng.u32(..200_000))
        };
        let mut id = format!(
            "{owner}/{}{}{}",
            FAMILIES[rng.usize(..FAMILIES.len())],
            SIZES[rng.usize(..SIZES.len())],
            SUFFIXES[rng.usize(..SUFFIXES.len())],
        );
        if rng.u8(..3) == 0 {
            id.push_str(&format!("-run{}", rng.u16(..1000)));
        }
        ids.push(id);
    }
    IdTable::from_raw(ids.iter().map(String::as_str))
}

fn keystrokes(criterion: &mut Criterion, label: &str, ids: &IdTable) {
    let mut group = criterion.benchmark_group(format!("search keystroke ({label} ids)"));
    group.sample_size(10);
    for (previous, next) in [("qwen 7", "qwen 7b"), ("lla", "llam"), ("gg", "ggu")] {
        let previous = search(ids, &Query::new(previous), None, || false).unwrap();
        let next = Query::new(next);
        group.bench_function(format!("full scan: {:?}", next.text()), |bench| {
            bench.iter(|| search(black_box(ids), black_box(&next), None, || false))
        });
        group.bench_function(
            format!(
                "narrowed scan: {:?} among {} matches",
                next.text(),
                previous.len()
            ),
            |bench| {
                bench.iter(|| search(black_box(ids), black_box(&next), Some(&previous), || false))
            },
        );
    }
    group.finish();
}

/// Measures what the UI thread does with a finished scan: list the matches in the table's sort
/// order, here a fixed pseudo-random permutation of every id.
fn listing(criterion: &mut Criterion, label: &str, ids: &IdTable) {
    let mut order: Vec<usize> = (0..ids.len()).collect();
    fastrand::Rng::with_seed(0x0bde).shuffle(&mut order);
    let mut group = criterion.benchmark_group(format!("search result ({label} ids)"));
    group.sample_size(10);
    for query in ["qwen 7b", "ggu"] {
        let matches = search(ids, &Query::new(query), None, || false).unwrap();
        group.bench_function(
            format!("list {} matches of {query:?} in sort order", matches.len()),
            |bench| bench.iter(|| matches.in_order(black_box(&order).iter().copied())),
        );
    }
    group.finish();
}

/// Measures the time from a scan turning stale to its thread ending: the scan starts on a
/// thread of its own, runs for 5 ms, then its staleness flag is set.
fn cancel_latency(criterion: &mut Criterion, label: &str, ids: Arc<IdTable>) {
    let mut group = criterion.benchmark_group(format!("search cancel ({label} ids)"));
    group.sample_size(20);
    group.bench_function("stale full scan stops", |bench| {
        bench.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                let stale = Arc::new(AtomicBool::new(false));
                let (ids, flag) = (ids.clone(), stale.clone());
                let scan = std::thread::spawn(move || {
                    search(&ids, &Query::new("qwen 7b"), None, || {
                        flag.load(Ordering::Relaxed)
                    })
                });
                std::thread::sleep(Duration::from_millis(5));
                let start = Instant::now();
                stale.store(true, Ordering::Relaxed);
                let result = scan.join().expect("scan thread panicked");
                total += start.elapsed();
                assert!(result.is_none(), "the scan ended before it was cancelled");
            }
            total
        })
    });
    group.finish();
}

fn benches(criterion: &mut Criterion) {
    for (label, count) in [("100k", 100_000), ("3M", 3_000_000)] {
        let ids = Arc::new(synthetic_ids(count));
        keystrokes(criterion, label, &ids);
        listing(criterion, label, &ids);
        // A full scan of 100,000 ids ends in a few milliseconds, often before the cancel, so
        // the latency is measured where a scan runs long enough to be cancelled.
        if count == 3_000_000 {
            cancel_latency(criterion, label, ids);
        }
    }
}

criterion_group!(search_benches, benches);
criterion_main!(search_benches);
