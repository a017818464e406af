//! Reference set loader (placeholder until the CSV loader lands).

use std::path::Path;

use crate::model::{BenchmarkResult, ReferenceModel};

pub struct ReferenceSet {
    pub models: Vec<ReferenceModel>,
    pub benchmarks: Vec<BenchmarkResult>,
}

pub fn load_dir(_dir: &Path) -> Result<ReferenceSet, std::io::Error> {
    Err(std::io::Error::other("reference loader not built yet"))
}
