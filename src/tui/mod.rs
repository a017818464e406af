//! Terminal UI (placeholder until the panes land).

use std::path::PathBuf;

use crate::analysis::Index;
use crate::i18n::Lang;
use crate::model::{BenchmarkResult, ReferenceModel};

pub struct AppData {
    pub index: Index,
    pub benchmarks: Vec<BenchmarkResult>,
    pub reference: Vec<ReferenceModel>,
    pub cache_path: PathBuf,
}

pub struct TuiOptions {
    pub lang: Lang,
    pub threshold: u64,
    pub color: bool,
}

pub fn run(_data: AppData, _options: TuiOptions) -> anyhow::Result<()> {
    anyhow::bail!("terminal UI not built yet")
}
