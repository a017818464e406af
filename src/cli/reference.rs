//! `slmscope build-reference`: loads the authored reference set from CSV files into the cache.

use std::path::Path;

use anyhow::anyhow;

use crate::cache::{Cache, OpenMode, ReferenceRows};
use crate::i18n::Lang;
use crate::reference;

pub fn run(db: &Path, assets: &Path, lang: Lang) -> anyhow::Result<()> {
    let set = reference::load_dir(assets).map_err(|error| anyhow!(error.message(lang)))?;
    let mut cache =
        Cache::open(db, OpenMode::CreateIfMissing).map_err(|error| anyhow!(error.message(lang)))?;
    cache
        .replace_reference(&set.models, &set.benchmarks, ReferenceRows::AddModels)
        .and_then(|()| cache.checkpoint())
        .map_err(|error| anyhow!(error.message(lang)))?;
    let models = lang.count(
        set.models.len() as u64,
        ("model", "models"),
        ("modèle", "modèles"),
    );
    let results = lang.count(
        set.benchmarks.len() as u64,
        ("benchmark result", "benchmark results"),
        ("résultat de benchmark", "résultats de benchmarks"),
    );
    match lang {
        Lang::En => println!(
            "{}: reference set rebuilt from {} ({models}, {results})",
            db.display(),
            assets.display(),
        ),
        Lang::Fr => println!(
            "{} : jeu de référence reconstruit depuis {} ({models}, {results})",
            db.display(),
            assets.display(),
        ),
    }
    Ok(())
}
