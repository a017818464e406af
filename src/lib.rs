//! slmscope: a terminal explorer of Hugging Face Hub model metadata that asks where a small
//! language model (SLM) ends and a large one (LLM) begins.
//!
//! The crate is one binary with a library behind it so that tests and benches reach every layer:
//! `hub` reads Hub API records, `params` resolves parameter counts, `cache` stores them in SQLite,
//! `analysis` computes the SLM/LLM numbers, `leaderboard` reads benchmark results from leaderboard
//! files, `reference` loads the authored reference set from `assets/`, `tui` draws the panes and
//! `cli` wires the subcommands.

pub mod analysis;
pub mod cache;
pub mod cli;
pub mod config;
pub mod hub;
pub mod i18n;
pub mod leaderboard;
pub mod logging;
pub mod model;
pub mod params;
pub mod reference;
pub mod sanitize;
pub mod sync;
pub mod synth;
pub mod tui;
