//! Storing benchmark results from leaderboard files and from Hub `model-index` data, and linking
//! each result to a cached Hub model.
//!
//! A result is linked by the first rule that finds a cached model:
//! 1. `id`: the Hub id the source names is a cached model's id.
//! 2. `link`: the source's link is the Hub page of a cached model.
//! 3. `name`: the normalised name equals a cached model's. Names are compared in lower case, with
//!    every run of characters other than letters, digits and dots read as one `-`. A result that names an owner (`owner/name`) matches only a
//!    model of the same normalised owner and name, since a copy under another owner is another
//!    model. A display name without owner (`Qwen2.5-Coder-7B-Instruct`) matches the repository
//!    part of any model, and among several the most downloaded wins, then the smallest id.
//!
//! Unlinked results keep their own size. A linked model whose size no Hub source gives takes
//! the leaderboard's size, with `params_source` "leaderboard".

use std::collections::{HashMap, HashSet};

use rusqlite::{OptionalExtension, Transaction, params};

use super::row_sql::{read_stored, write_stored};
use super::{Cache, CacheError};
use crate::hub::model_index::IndexResult;
use crate::leaderboard::{
    LeaderboardFile, LeaderboardRow, domain_of, hub_id_from_link, hub_id_from_name,
};
use crate::model::{LinkRule, ResultOrigin};

/// How many results each rule linked, and how many stayed unlinked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct LinkCounts {
    pub id: usize,
    pub link: usize,
    pub name: usize,
    pub unmatched: usize,
}

impl LinkCounts {
    pub fn linked(&self) -> usize {
        self.id + self.link + self.name
    }

    fn add(&mut self, rule: Option<LinkRule>) {
        match rule {
            Some(LinkRule::Id) => self.id += 1,
            Some(LinkRule::Link) => self.link += 1,
            Some(LinkRule::Name) => self.name += 1,
            None => self.unmatched += 1,
        }
    }
}

/// Counts of one leaderboard file's import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BenchmarkImport {
    /// Results stored: new ones and ones that replaced an earlier import of the same score.
    pub stored: usize,
    /// Of `stored`, results that replaced a stored one with the same source, model, benchmark
    /// and metric.
    pub replaced: usize,
    /// Stored results removed because a re-import of their source and benchmark no longer
    /// lists their model.
    pub removed: usize,
    /// Rows of the file folded into a better score of the same model on the same benchmark.
    pub folded: usize,
    /// Links of the file's stored results to cached models, by rule.
    pub links: LinkCounts,
    /// Cached models of unknown size that now take the leaderboard's size.
    pub sizes_filled: usize,
}

/// The key that makes a stored result unique outside the reference set.
type ResultKey<'a> = (&'a str, &'a str, &'a str, &'a str);

impl Cache {
    /// Stores the rows of one leaderboard file in one transaction, links them to cached models,
    /// and fills unknown model sizes from them. `file` names the file in the cache's import
    /// list. The file's scores replace every stored score of the same source and benchmark, so
    /// importing a file again, or a newer export of it, leaves exactly its scores.
    pub fn import_leaderboard(
        &mut self,
        file: &str,
        leaderboard: &LeaderboardFile,
    ) -> Result<BenchmarkImport, CacheError> {
        let path = self.path.clone();
        let error = |source| super::classify(&path, source);
        let transaction = self.connection.transaction().map_err(error)?;

        let rows = best_rows(&leaderboard.rows);
        let mut summary = BenchmarkImport {
            stored: rows.len(),
            folded: leaderboard.rows.len() - rows.len(),
            ..BenchmarkImport::default()
        };
        transaction
            .execute(
                "INSERT INTO benchmark_imports (file, format, imported_at, records, stored, skipped)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    file,
                    leaderboard.format.id(),
                    super::now(),
                    leaderboard.records as i64,
                    rows.len() as i64,
                    leaderboard.report.skipped.len() as i64,
                ],
            )
            .map_err(error)?;
        let import_id = transaction.last_insert_rowid();
        (summary.replaced, summary.removed) =
            replace_rows(&transaction, &rows, import_id).map_err(error)?;

        let linked = link_all(&transaction).map_err(error)?;
        summary.links = import_link_counts(&transaction, import_id).map_err(error)?;
        summary.sizes_filled = fill_sizes(&transaction, &linked).map_err(error)?;

        transaction.commit().map_err(error)?;
        tracing::info!(
            path = %self.path.display(),
            file,
            stored = summary.stored,
            replaced = summary.replaced,
            linked = summary.links.linked(),
            unmatched = summary.links.unmatched,
            sizes_filled = summary.sizes_filled,
            "leaderboard imported"
        );
        Ok(summary)
    }

    /// Links every unlinked result to the cached models, by every rule. Returns how many results
    /// each rule linked.
    pub fn link_benchmarks(&mut self) -> Result<LinkCounts, CacheError> {
        let path = self.path.clone();
        let error = |source| super::classify(&path, source);
        let transaction = self.connection.transaction().map_err(error)?;
        let counts = link_unlinked(&transaction).map_err(error)?;
        transaction.commit().map_err(error)?;
        Ok(counts)
    }
}

/// Links every unlinked result against all cached models and fills sizes from them, inside the
/// caller's transaction.
pub(super) fn link_unlinked(transaction: &Transaction<'_>) -> rusqlite::Result<LinkCounts> {
    let linked = link_all(transaction)?;
    let mut counts = LinkCounts::default();
    for (_, rule) in &linked {
        counts.add(Some(*rule));
    }
    fill_sizes(transaction, &linked)?;
    Ok(counts)
}

/// Keeps the best score of each (source, model, benchmark, metric) in a file; the first row wins
/// a tie. Leaderboards list a model once per submission (precision, revision), and rank it by
/// its best one.
fn best_rows(rows: &[LeaderboardRow]) -> Vec<&LeaderboardRow> {
    let mut best: Vec<&LeaderboardRow> = Vec::with_capacity(rows.len());
    let mut positions: HashMap<ResultKey<'_>, usize> = HashMap::with_capacity(rows.len());
    for row in rows {
        let key = (
            row.source.as_str(),
            row.model.as_str(),
            row.benchmark.as_str(),
            row.metric.as_str(),
        );
        match positions.get(&key) {
            Some(&position) => {
                if row.score > best[position].score {
                    best[position] = row;
                }
            }
            None => {
                positions.insert(key, best.len());
                best.push(row);
            }
        }
    }
    best
}

/// Stores the rows in place of every stored result of the same source and benchmark. Returns
/// how many rows replaced a stored result of the same model and metric, and how many stored
/// results were removed because the file no longer lists their model.
fn replace_rows(
    transaction: &Transaction<'_>,
    rows: &[&LeaderboardRow],
    import_id: i64,
) -> rusqlite::Result<(usize, usize)> {
    let mut exists = transaction.prepare_cached(
        "SELECT 1 FROM benchmark_results
         WHERE origin <> 'reference' AND origin = 'leaderboard' AND source = ?1 AND model = ?2
            AND benchmark = ?3 AND metric = ?4",
    )?;
    let mut replaced = 0;
    for row in rows {
        let found = exists
            .query_row(
                params![row.source, row.model, row.benchmark, row.metric],
                |_| Ok(()),
            )
            .optional()?;
        replaced += usize::from(found.is_some());
    }

    let pairs: HashSet<(&str, &str)> = rows
        .iter()
        .map(|row| (row.source.as_str(), row.benchmark.as_str()))
        .collect();
    let mut delete = transaction.prepare_cached(
        "DELETE FROM benchmark_results
         WHERE origin <> 'reference' AND origin = 'leaderboard' AND source = ?1 AND benchmark = ?2",
    )?;
    let mut deleted = 0;
    for (source, benchmark) in &pairs {
        deleted += delete.execute(params![source, benchmark])?;
    }

    let mut insert = transaction.prepare_cached(
        "INSERT INTO benchmark_results (model, hub_id, benchmark, domain, metric, score,
            params_total, params_active, date, source, origin, link, model_type, import_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'leaderboard', ?11, ?12, ?13)",
    )?;
    for row in rows {
        let active = row
            .params_active
            .filter(|active| row.params_total.is_none_or(|total| *active <= total));
        insert.execute(params![
            row.model,
            row.hub_id,
            row.benchmark,
            domain_of(&row.benchmark),
            row.metric,
            row.score,
            row.params_total,
            active,
            row.date,
            row.source,
            row.link,
            row.model_type.map(|kind| kind.as_str()),
            import_id,
        ])?;
    }
    Ok((replaced, deleted - replaced))
}

/// Counts the links of one import's results by rule.
fn import_link_counts(
    transaction: &Transaction<'_>,
    import_id: i64,
) -> rusqlite::Result<LinkCounts> {
    let mut statement = transaction.prepare_cached(
        "SELECT link_rule, count(*) FROM benchmark_results WHERE import_id = ?1 GROUP BY link_rule",
    )?;
    let mut counts = LinkCounts::default();
    let rows = statement.query_map([import_id], |row| {
        Ok((row.get::<_, Option<String>>(0)?, row.get::<_, i64>(1)?))
    })?;
    for row in rows {
        let (rule, count) = row?;
        let count = count as usize;
        match rule.as_deref().and_then(LinkRule::parse) {
            Some(LinkRule::Id) => counts.id += count,
            Some(LinkRule::Link) => counts.link += count,
            Some(LinkRule::Name) => counts.name += count,
            None => counts.unmatched += count,
        }
    }
    Ok(counts)
}

/// An unlinked result and the model names and links it gives.
struct Unlinked {
    row_id: i64,
    model: String,
    hub_id: Option<String>,
    link: Option<String>,
}

impl Unlinked {
    /// Returns the Hub id for the `id` rule and the one for the `link` rule. A reader fills `hub_id`
    /// from the link when the name is not an id (BigCodeBench), and such an id counts as found by
    /// the link.
    fn stated_ids(&self) -> (Option<String>, Option<String>) {
        let from_link = self.link.as_deref().and_then(hub_id_from_link);
        let by_link_only = self.hub_id.is_some()
            && self.hub_id == from_link
            && hub_id_from_name(&self.model) != self.hub_id;
        let stated = self.hub_id.clone().filter(|_| !by_link_only);
        (stated, from_link)
    }
}

fn unlinked_results(transaction: &Transaction<'_>) -> rusqlite::Result<Vec<Unlinked>> {
    let mut statement = transaction.prepare_cached(
        "SELECT id, model, hub_id, link FROM benchmark_results WHERE model_id IS NULL",
    )?;
    statement
        .query_map([], |row| {
            Ok(Unlinked {
                row_id: row.get(0)?,
                model: row.get(1)?,
                hub_id: row.get(2)?,
                link: row.get(3)?,
            })
        })?
        .collect()
}

/// Links every unlinked result against all cached models. Returns the linked models with the
/// rule that linked each, one entry per linked result.
fn link_all(transaction: &Transaction<'_>) -> rusqlite::Result<Vec<(String, LinkRule)>> {
    // A link to a model that is no longer cached is computed again.
    transaction.execute(
        "UPDATE benchmark_results SET model_id = NULL, link_rule = NULL
         WHERE model_id IS NOT NULL AND model_id NOT IN (SELECT id FROM models)",
        [],
    )?;
    let unlinked = unlinked_results(transaction)?;
    if unlinked.is_empty() {
        return Ok(Vec::new());
    }
    let mut exists = transaction.prepare_cached("SELECT id FROM models WHERE id = ?1")?;
    let mut cached = |id: &str| -> rusqlite::Result<Option<String>> {
        exists.query_row([id], |row| row.get(0)).optional()
    };
    let mut names: Option<NameIndex> = None;
    let mut links = Vec::new();
    for result in &unlinked {
        let (stated, from_link) = result.stated_ids();
        let mut found = None;
        if let Some(hub_id) = &stated {
            found = cached(hub_id)?.map(|id| (id, LinkRule::Id));
        }
        if found.is_none() {
            if let Some(hub_id) = &from_link {
                found = cached(hub_id)?.map(|id| (id, LinkRule::Link));
            }
        }
        if found.is_none() {
            if names.is_none() {
                names = Some(NameIndex::of_cache(transaction)?);
            }
            let index = names.as_ref().expect("built above");
            found = index.find(result).map(|id| (id, LinkRule::Name));
        }
        if let Some((id, rule)) = found {
            set_link(transaction, result.row_id, &id, rule)?;
            links.push((id, rule));
        }
    }
    Ok(links)
}

fn set_link(
    transaction: &Transaction<'_>,
    row_id: i64,
    model_id: &str,
    rule: LinkRule,
) -> rusqlite::Result<()> {
    transaction
        .prepare_cached("UPDATE benchmark_results SET model_id = ?2, link_rule = ?3 WHERE id = ?1")?
        .execute(params![row_id, model_id, rule.as_str()])?;
    Ok(())
}

/// Cached models by normalised name, for the `name` rule.
#[derive(Default)]
struct NameIndex {
    /// Normalised `owner/name` to the model id.
    full: HashMap<String, String>,
    /// Normalised repository name to the most downloaded model id with that name.
    repo: HashMap<String, (Option<i64>, String)>,
}

impl NameIndex {
    fn of_cache(transaction: &Transaction<'_>) -> rusqlite::Result<NameIndex> {
        let mut index = NameIndex::default();
        let mut statement = transaction.prepare("SELECT id, downloads FROM models")?;
        let rows = statement.query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, Option<i64>>(1)?))
        })?;
        for row in rows {
            let (id, downloads) = row?;
            index.add(id, downloads);
        }
        Ok(index)
    }

    fn add(&mut self, id: String, downloads: Option<i64>) {
        let (owner, repo) = id.split_once('/').unwrap_or(("", id.as_str()));
        let repo_key = name_key(repo);
        if repo_key.is_empty() {
            return;
        }
        self.full
            .entry(format!("{}/{repo_key}", name_key(owner)))
            .or_insert_with(|| id.clone());
        let candidate = (downloads, id);
        match self.repo.get_mut(&repo_key) {
            // More downloads wins; `None` sorts below any count. Equal counts go to the smaller id.
            Some(best)
                if (candidate.0, std::cmp::Reverse(&candidate.1))
                    > (best.0, std::cmp::Reverse(&best.1)) =>
            {
                *best = candidate;
            }
            Some(_) => {}
            None => {
                self.repo.insert(repo_key, candidate);
            }
        }
    }

    fn find(&self, result: &Unlinked) -> Option<String> {
        let named = result
            .hub_id
            .clone()
            .or_else(|| result.link.as_deref().and_then(hub_id_from_link));
        match named {
            Some(hub_id) => {
                let (owner, repo) = hub_id.split_once('/')?;
                self.full
                    .get(&format!("{}/{}", name_key(owner), name_key(repo)))
                    .cloned()
            }
            None => {
                let key = name_key(&result.model);
                (!key.is_empty())
                    .then(|| self.repo.get(&key).map(|(_, id)| id.clone()))
                    .flatten()
            }
        }
    }
}

/// Folds a name to lower case where every run of characters other than letters, digits and dots
/// becomes one `-`: `Qwen2.5 Coder_7B` and `qwen2.5-coder-7b` agree, while `pygmalion-2.7b` and
/// `pygmalion-2-7b`, two different models, do not.
fn name_key(name: &str) -> String {
    // Most names are ASCII, where lowering a byte is much cheaper than the Unicode mapping and
    // gives the same characters.
    if name.is_ascii() {
        return key_of_chars(
            name.bytes().map(|byte| byte.to_ascii_lowercase() as char),
            name.len(),
        );
    }
    key_of_chars(name.chars().flat_map(char::to_lowercase), name.len())
}

fn key_of_chars(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut key = String::with_capacity(capacity);
    for c in chars {
        if c.is_alphanumeric() || c == '.' {
            key.push(c);
        } else if !key.is_empty() && !key.ends_with('-') {
            key.push('-');
        }
    }
    while key.ends_with('-') {
        key.pop();
    }
    key
}

/// Re-resolves the sizes of linked models that no Hub source sizes, so they take the latest
/// leaderboard size. Returns how many models of unknown size got one.
fn fill_sizes(
    transaction: &Transaction<'_>,
    linked: &[(String, LinkRule)],
) -> rusqlite::Result<usize> {
    let ids: HashSet<&str> = linked.iter().map(|(id, _)| id.as_str()).collect();
    let mut ids: Vec<&str> = ids.into_iter().collect();
    ids.sort_unstable();
    let mut state = transaction.prepare_cached(
        "SELECT params_source, import_sequence, from_hub FROM models WHERE id = ?1",
    )?;
    let mut filled = 0;
    for id in ids {
        let Some((source, sequence, from_hub)) = state
            .query_row([id], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, bool>(2)?,
                ))
            })
            .optional()?
        else {
            continue;
        };
        if source != "unknown" && source != "leaderboard" {
            continue;
        }
        if let Some(stored) = read_stored(transaction, id)? {
            write_stored(transaction, &stored, sequence, from_hub)?;
            if source == "unknown" {
                let now: String = transaction.query_row(
                    "SELECT params_source FROM models WHERE id = ?1",
                    [id],
                    |row| row.get(0),
                )?;
                filled += usize::from(now != "unknown");
            }
        }
    }
    Ok(filled)
}

/// Replaces the `model-index` results of one model, which was just written. The results are
/// linked to the model by its id.
pub(super) fn replace_model_index(
    transaction: &Transaction<'_>,
    model_id: &str,
    results: &[IndexResult],
) -> rusqlite::Result<()> {
    transaction
        .prepare_cached(
            "DELETE FROM benchmark_results
             WHERE origin <> 'reference' AND origin = 'model-index' AND model = ?1",
        )?
        .execute([model_id])?;
    let mut insert = transaction.prepare_cached(
        "INSERT INTO benchmark_results (model, hub_id, benchmark, domain, metric, score, source,
            origin, model_id, link_rule)
         VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?1, 'id')
         ON CONFLICT (origin, source, model, benchmark, metric) WHERE origin <> 'reference'
         DO NOTHING",
    )?;
    for result in results {
        insert.execute(params![
            model_id,
            result.benchmark,
            domain_of(&result.benchmark),
            result.metric,
            result.score,
            result.source,
            ResultOrigin::ModelIndex.as_str(),
        ])?;
    }
    Ok(())
}

/// Links the unlinked results to the models that one import adds, choosing for each result the
/// model that [`link_all`] would choose among the new models alone: a result still unlinked
/// matched no model cached before, so only new models can match it now. Models are offered one
/// at a time as they are added, so memory grows with the unlinked results, not with the import.
pub(super) struct NewModelLinker {
    results: Vec<PendingLink>,
    by_stated_id: HashMap<String, Vec<usize>>,
    by_link_id: HashMap<String, Vec<usize>>,
    /// Results that name an owner, by normalised `owner/name`.
    by_full_name: HashMap<String, Vec<usize>>,
    /// Results that name no owner, by normalised repository name.
    by_repo_name: HashMap<String, Vec<usize>>,
}

/// An unlinked result and the best model found for it so far.
struct PendingLink {
    row_id: i64,
    /// True when the result names no owner, so the `name` rule compares repository names.
    by_repo_name: bool,
    best: Option<Candidate>,
}

struct Candidate {
    rule: LinkRule,
    id: String,
    downloads: Option<i64>,
}

/// The precedence of the rules: a lower rank wins.
fn rule_rank(rule: LinkRule) -> u8 {
    match rule {
        LinkRule::Id => 0,
        LinkRule::Link => 1,
        LinkRule::Name => 2,
    }
}

impl NewModelLinker {
    /// Reads the unlinked results and indexes them by what can link them.
    pub(super) fn begin(transaction: &Transaction<'_>) -> rusqlite::Result<NewModelLinker> {
        let mut linker = NewModelLinker {
            results: Vec::new(),
            by_stated_id: HashMap::new(),
            by_link_id: HashMap::new(),
            by_full_name: HashMap::new(),
            by_repo_name: HashMap::new(),
        };
        let has_unlinked: bool = transaction.query_row(
            "SELECT EXISTS (SELECT 1 FROM benchmark_results WHERE model_id IS NULL)",
            [],
            |row| row.get(0),
        )?;
        if !has_unlinked {
            return Ok(linker);
        }
        for (index, result) in unlinked_results(transaction)?.into_iter().enumerate() {
            let (stated, from_link) = result.stated_ids();
            if let Some(id) = stated {
                linker.by_stated_id.entry(id).or_default().push(index);
            }
            if let Some(id) = from_link {
                linker.by_link_id.entry(id).or_default().push(index);
            }
            // The keys that `NameIndex::find` looks up for this result.
            let named = result
                .hub_id
                .clone()
                .or_else(|| result.link.as_deref().and_then(hub_id_from_link));
            let by_repo_name = named.is_none();
            match named {
                Some(hub_id) => {
                    if let Some((owner, repo)) = hub_id.split_once('/') {
                        let key = format!("{}/{}", name_key(owner), name_key(repo));
                        linker.by_full_name.entry(key).or_default().push(index);
                    }
                }
                None => {
                    let key = name_key(&result.model);
                    if !key.is_empty() {
                        linker.by_repo_name.entry(key).or_default().push(index);
                    }
                }
            }
            linker.results.push(PendingLink {
                row_id: result.row_id,
                by_repo_name,
                best: None,
            });
        }
        Ok(linker)
    }

    /// Offers a model that the import adds to the results it may link.
    pub(super) fn add(&mut self, id: &str, downloads: Option<i64>) {
        if self.results.is_empty() {
            return;
        }
        let mut offers: Vec<(usize, LinkRule)> = Vec::new();
        for (map, rule) in [
            (&self.by_stated_id, LinkRule::Id),
            (&self.by_link_id, LinkRule::Link),
        ] {
            if let Some(indexes) = map.get(id) {
                offers.extend(indexes.iter().map(|&index| (index, rule)));
            }
        }
        if self.by_full_name.is_empty() && self.by_repo_name.is_empty() {
            self.offer(offers, id, downloads);
            return;
        }
        // The keys under which `NameIndex::add` files this model.
        let (owner, repo) = id.split_once('/').unwrap_or(("", id));
        let repo_key = name_key(repo);
        if !repo_key.is_empty() {
            let full_key = format!("{}/{repo_key}", name_key(owner));
            for key_map in [
                (&self.by_full_name, full_key),
                (&self.by_repo_name, repo_key),
            ] {
                if let Some(indexes) = key_map.0.get(&key_map.1) {
                    offers.extend(indexes.iter().map(|&index| (index, LinkRule::Name)));
                }
            }
        }
        self.offer(offers, id, downloads);
    }

    /// Keeps the model as the best candidate of each offered result that it links better.
    fn offer(&mut self, offers: Vec<(usize, LinkRule)>, id: &str, downloads: Option<i64>) {
        for (index, rule) in offers {
            let candidate = Candidate {
                rule,
                id: id.to_string(),
                downloads,
            };
            let pending = &mut self.results[index];
            let better = match &pending.best {
                None => true,
                Some(best) if rule_rank(rule) != rule_rank(best.rule) => {
                    rule_rank(rule) < rule_rank(best.rule)
                }
                // Ids are unique, and among names with an owner the first model added wins,
                // as in `NameIndex`.
                Some(_) if rule != LinkRule::Name || !pending.by_repo_name => false,
                // Among repository names, more downloads win, then the smaller id.
                Some(best) => {
                    (candidate.downloads, std::cmp::Reverse(&candidate.id))
                        > (best.downloads, std::cmp::Reverse(&best.id))
                }
            };
            if better {
                pending.best = Some(candidate);
            }
        }
    }

    /// Stores the links found, in the order of the results, and fills the sizes of the models
    /// they link.
    pub(super) fn finish(self, transaction: &Transaction<'_>) -> rusqlite::Result<()> {
        let mut linked = Vec::new();
        for pending in self.results {
            if let Some(best) = pending.best {
                set_link(transaction, pending.row_id, &best.id, best.rule)?;
                linked.push((best.id, best.rule));
            }
        }
        fill_sizes(transaction, &linked)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::cache::Cache;
    use crate::hub::reader::FileRecords;
    use crate::hub::record::HubModel;
    use crate::model::LinkRule;

    fn record(id: &str, downloads: u64) -> HubModel {
        HubModel {
            id: Some(id.to_string()),
            downloads: Some(downloads),
            ..HubModel::default()
        }
    }

    #[test]
    fn new_models_link_by_rule_precedence() {
        let mut cache = Cache::open_in_memory().unwrap();
        cache
            .connection
            .execute_batch(
                "INSERT INTO benchmark_results (model, hub_id, benchmark, domain, metric, score,
                    source, origin, link) VALUES
                 ('Coder-7B', NULL, 'B', 'code', 'm', 1, 's', 'leaderboard', NULL),
                 ('org/Mixed', 'org/Mixed', 'B', 'code', 'm', 1, 's', 'leaderboard', NULL),
                 ('Org2/Thing', 'Org2/Thing', 'B', 'code', 'm', 1, 's', 'leaderboard', NULL),
                 ('Display', NULL, 'B', 'code', 'm', 1, 's', 'leaderboard',
                    'https://huggingface.co/lab/linked'),
                 ('Nothing', NULL, 'B', 'code', 'm', 1, 's', 'leaderboard', NULL);",
            )
            .unwrap();
        let file = FileRecords {
            records: vec![
                record("a/coder-7b", 5),
                record("ORG/mixed", 50),
                record("b/Coder_7B", 9),
                record("org2/thing", 1),
                record("c/coder-7b", 9),
                record("org/Mixed", 1),
                record("ORG2/THING", 99),
                record("lab/linked", 1),
            ],
            skipped: Vec::new(),
        };
        cache.import_records("hub.json", &file).unwrap();

        let results = cache.load_benchmarks().unwrap();
        let link = |model: &str| {
            let result = results.iter().find(|result| result.model == model).unwrap();
            result
                .linked
                .as_ref()
                .map(|linked| (linked.id.clone(), linked.rule))
        };
        // More downloads win among repository names, then the smaller id.
        assert_eq!(
            link("Coder-7B"),
            Some(("b/Coder_7B".to_string(), LinkRule::Name))
        );
        // The id rule wins over a name match that came first.
        assert_eq!(
            link("org/Mixed"),
            Some(("org/Mixed".to_string(), LinkRule::Id))
        );
        // Among names with an owner, the first model added wins.
        assert_eq!(
            link("Org2/Thing"),
            Some(("org2/thing".to_string(), LinkRule::Name))
        );
        assert_eq!(
            link("Display"),
            Some(("lab/linked".to_string(), LinkRule::Link))
        );
        assert_eq!(link("Nothing"), None);
    }
}
