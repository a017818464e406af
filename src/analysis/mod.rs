//! The analysis core: pure functions over models loaded once from the cache. Nothing here reads
//! files or the terminal, so panes, reports and benches share the same numbers.

pub mod agreement;
pub mod benchmark_report;
pub mod benchmarks;
pub mod class_changes;
pub mod compare;
pub mod filter;
pub mod histogram;
pub mod index;
pub mod report;
pub mod search;
pub mod suggest;
pub mod sweep;
pub mod tasks;
pub mod threshold;
pub mod trends;
pub mod verdicts;
pub mod wavelet;

pub use histogram::{Bin, Histogram};
pub use index::{ClassTotals, GroupSplit, Index, Split, TagCount, TopTags};
pub use threshold::{STEPS, ThresholdError, format_params, parse_threshold};
