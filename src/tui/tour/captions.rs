//! The caption of each tour step, computed from the cache at the threshold shown. Every number
//! comes from the same analysis functions the panes draw with, so a caption and its pane agree.

use crate::analysis::benchmarks::{BenchmarkSet, ResultFilter, entries};
use crate::analysis::index::Index;
use crate::analysis::suggest::{Suggestions, Unavailable};
use crate::analysis::trends::indexed::TrendsIndex;
use crate::analysis::trends::{DataTime, MonthlySplits};
use crate::analysis::verdicts::{Entry, best_llm, best_slm, gap};
use crate::i18n::Lang;
use crate::sanitize::clean_truncated;
use crate::tui::BenchmarkData;
use crate::tui::format::{decimal, name_ends_with_size, prose_params, prose_percent};
use crate::tui::panes::benchmarks::{score_places, score_text};

/// Tasks need at least this many models of known size to be named in the Tasks caption, so a
/// task of one small model does not lead with 100%.
pub const MIN_TASK_MODELS: u64 = 5;
/// How many tasks the Tasks caption names.
const TASKS_NAMED: usize = 3;
/// Model and task names longer than this are cut in captions.
const NAME_WIDTH: usize = 40;
/// The benchmark domains step 2 prefers, as stored in the results: tasks on which a small,
/// specialised model can plausibly match a large one.
const SPECIFIC_DOMAINS: [&str; 3] = ["code", "medical", "nli"];

/// A step's caption: one headline, drawn large, and the lines that qualify it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caption {
    pub headline: String,
    pub details: Vec<String>,
}

/// Builds the caption every step shows on a cache without models.
pub fn empty_cache(lang: Lang) -> Caption {
    Caption {
        headline: lang
            .pick(
                "The cache contains no models yet, so there is nothing to present.",
                "Le cache ne contient encore aucun modèle : il n'y a rien à présenter.",
            )
            .to_string(),
        details: vec![
            lang.pick(
                "Import Hub API files with slmscope import, then start the tour again.",
                "Importez des fichiers de l'API du Hub avec slmscope import, puis relancez la visite.",
            )
            .to_string(),
        ],
    }
}

/// Step 1: the SLM share among models of known size at the threshold, and the thresholds the
/// data suggests.
pub fn threshold(index: &Index, suggestions: &Suggestions, threshold: u64, lang: Lang) -> Caption {
    if index.is_empty() {
        return empty_cache(lang);
    }
    let split = index.split(threshold);
    let size = prose_params(lang, threshold);
    let Some(share) = split.slm_share_of_known() else {
        return Caption {
            headline: lang
                .pick(
                    "No model in this cache has a known size, so no threshold can be read from it.",
                    "Aucun modèle de ce cache n'a de taille connue : aucun seuil ne peut s'en déduire.",
                )
                .to_string(),
            details: Vec::new(),
        };
    };
    let percent = prose_percent(lang, share);
    let headline = match lang {
        Lang::En => format!("At {size}, {percent} of models of known size are SLMs."),
        Lang::Fr => {
            format!("À {size}, {percent} des modèles de taille connue sont des SLM.")
        }
    };
    let (slm, llm, unknown) = (split.slm.count, split.llm.count, split.unknown.count);
    let mut counts = match lang {
        Lang::En => format!(
            "{} under {size}, {} from {size} up",
            lang.count(slm, ("SLM", "SLMs"), ("", "")),
            lang.count(llm, ("LLM", "LLMs"), ("", ""))
        ),
        Lang::Fr => format!(
            "{} SLM sous {size}, {} LLM à partir de {size}",
            lang.int(slm),
            lang.int(llm)
        ),
    };
    if unknown > 0 {
        counts.push_str(&match lang {
            Lang::En => format!("; {} of unknown size left out", lang.int(unknown)),
            Lang::Fr if unknown == 1 => "\u{a0}; 1 de taille inconnue exclu".to_string(),
            Lang::Fr => format!("\u{a0}; {} de taille inconnue exclus", lang.int(unknown)),
        });
    }
    counts.push('.');
    Caption {
        headline,
        details: vec![counts, suggested_breaks(suggestions, lang)],
    }
}

/// Writes the natural break and the density valley, or why each is missing.
fn suggested_breaks(suggestions: &Suggestions, lang: Lang) -> String {
    let natural = match &suggestions.natural_breaks {
        Ok(found) => format!(
            "{} {}",
            lang.pick("natural breaks", "ruptures naturelles"),
            prose_params(lang, found.threshold)
        ),
        Err(_) => lang
            .pick(
                "no natural break (a single size)",
                "aucune rupture naturelle (une seule taille)",
            )
            .to_string(),
    };
    let valley = match &suggestions.density_valley {
        Ok(found) => format!(
            "{} {}",
            lang.pick("density valley", "creux de densité"),
            prose_params(lang, found.threshold)
        ),
        Err(Unavailable::NoValley) => lang
            .pick(
                "no density valley between 100M and 1T",
                "aucun creux de densité entre 100\u{a0}M et 1\u{202f}000\u{a0}Md",
            )
            .to_string(),
        Err(_) => lang
            .pick("no density valley", "aucun creux de densité")
            .to_string(),
    };
    match lang {
        Lang::En => format!("Suggested by the data: {natural}, {valley}."),
        Lang::Fr => format!("Suggérés par les données\u{a0}: {natural}, {valley}."),
    }
}

/// Picks the set step 2 shows at `threshold`. Among the sets where an SLM and an LLM both have
/// a score, it is the one whose best SLM comes closest to the best LLM, or leads it by the
/// most. The gap is taken relative to the best LLM's score, so 0–1 and 0–100 scales compare.
/// A code, medical or NLI set wins over the others. When no set has both classes, it is the code,
/// medical or NLI set with the most results, else the set with the most results. Ties go to
/// the set with more results, then to the first in the pane's order. `None` when there are no
/// results.
pub fn tour_set(data: &BenchmarkData, threshold: u64) -> Option<usize> {
    let sets = data.sets();
    let relative_gaps: Vec<Option<f64>> = sets
        .iter()
        .map(|set| relative_gap(data, set, threshold))
        .collect();
    // Among sets with equal keys, `Reverse(position)` makes the first one the maximum.
    let closest = |admits: &dyn Fn(&BenchmarkSet) -> bool| {
        sets.iter()
            .enumerate()
            .filter(|(position, set)| admits(set) && relative_gaps[*position].is_some())
            .max_by(|(a, set_a), (b, set_b)| {
                let gap = |position: usize| relative_gaps[position].unwrap_or(f64::MIN);
                gap(*a)
                    .total_cmp(&gap(*b))
                    .then(set_a.rows.len().cmp(&set_b.rows.len()))
                    .then(b.cmp(a))
            })
            .map(|(position, _)| position)
    };
    let largest = |admits: &dyn Fn(&BenchmarkSet) -> bool| {
        sets.iter()
            .enumerate()
            .filter(|(_, set)| admits(set))
            .max_by_key(|(position, set)| (set.rows.len(), std::cmp::Reverse(*position)))
            .map(|(position, _)| position)
    };
    closest(&|set| is_specific(set))
        .or_else(|| closest(&|_| true))
        .or_else(|| largest(&|set| is_specific(set)))
        .or_else(|| largest(&|_| true))
}

/// Returns the best SLM's score minus the best LLM's, divided by the size of the best LLM's
/// score, or `None` when either class has no score at `threshold`. A best LLM scoring 0 gives
/// the plain difference.
fn relative_gap(data: &BenchmarkData, set: &BenchmarkSet, threshold: u64) -> Option<f64> {
    let (_, entries) = entries(data.results(), set, &ResultFilter::default());
    let slm = best_slm(&entries, threshold)?;
    let llm = best_llm(&entries, threshold)?;
    let difference = slm.score - llm.score;
    if llm.score == 0.0 {
        Some(difference)
    } else {
        Some(difference / llm.score.abs())
    }
}

fn is_specific(set: &BenchmarkSet) -> bool {
    SPECIFIC_DOMAINS
        .iter()
        .any(|domain| set.domain.eq_ignore_ascii_case(domain))
}

/// Step 2: the best SLM against the best LLM on the set `tour_set` picked, and the gap.
pub fn benchmarks(data: &BenchmarkData, set: Option<usize>, threshold: u64, lang: Lang) -> Caption {
    let Some(set) = set.and_then(|position| data.sets().get(position)) else {
        return Caption {
            headline: lang
                .pick(
                    "This cache contains no benchmark results yet.",
                    "Ce cache ne contient encore aucun résultat de benchmark.",
                )
                .to_string(),
            details: vec![
                lang.pick(
                    "Import a leaderboard file with slmscope import-benchmarks FILE..., then start the tour again.",
                    "Importez un fichier de classement avec slmscope import-benchmarks FICHIER..., puis relancez la visite.",
                )
                .to_string(),
            ],
        };
    };
    let (_, entries) = entries(data.results(), set, &ResultFilter::default());
    let label = clean_truncated(&set.label(), 60);
    let size = prose_params(lang, threshold);
    let slm = best_slm(&entries, threshold);
    let llm = best_llm(&entries, threshold);

    let headline = match (slm, llm, gap(slm, llm)) {
        (Some(slm), Some(llm), Some(gap)) => {
            let places = score_places(slm.score.abs().max(llm.score.abs()));
            let points = decimal(lang, gap.abs(), places);
            match (lang, gap.partial_cmp(&0.0)) {
                (Lang::En, Some(std::cmp::Ordering::Greater)) => {
                    format!("{label}: the best SLM leads the best LLM by {points} points.")
                }
                (Lang::En, Some(std::cmp::Ordering::Less)) => {
                    format!("{label}: the best SLM trails the best LLM by {points} points.")
                }
                (Lang::En, _) => format!("{label}: the best SLM ties with the best LLM."),
                (Lang::Fr, Some(std::cmp::Ordering::Greater)) => format!(
                    "{label}\u{a0}: le meilleur SLM devance le meilleur LLM de {points} points."
                ),
                (Lang::Fr, Some(std::cmp::Ordering::Less)) => {
                    format!("{label}\u{a0}: le meilleur SLM est à {points} points du meilleur LLM.")
                }
                (Lang::Fr, _) => {
                    format!("{label}\u{a0}: le meilleur SLM égale le meilleur LLM.")
                }
            }
        }
        (None, _, _) => match lang {
            Lang::En => {
                format!("{label}: no model under {size} has a result, so no SLM to compare.")
            }
            Lang::Fr => format!(
                "{label}\u{a0}: aucun modèle sous {size} n'a de résultat, donc aucun SLM à comparer."
            ),
        },
        (Some(_), _, _) => match lang {
            Lang::En => {
                format!("{label}: no model of {size} or more has a result, so no LLM to compare.")
            }
            Lang::Fr => format!(
                "{label}\u{a0}: aucun modèle de {size} ou plus n'a de résultat, donc aucun LLM à comparer."
            ),
        },
    };

    let mut details = Vec::new();
    let mut best = Vec::new();
    if let Some(slm) = slm {
        best.push(match lang {
            Lang::En => format!("best SLM under {size}: {}", entry_text(slm, lang)),
            Lang::Fr => format!("meilleur SLM sous {size}\u{a0}: {}", entry_text(slm, lang)),
        });
    }
    if let Some(llm) = llm {
        best.push(match lang {
            Lang::En => format!("best LLM: {}", entry_text(llm, lang)),
            Lang::Fr => format!("meilleur LLM\u{a0}: {}", entry_text(llm, lang)),
        });
    }
    if !best.is_empty() {
        let mut line = best.join(" · ");
        capitalize(&mut line);
        line.push('.');
        details.push(line);
    }
    let scored = lang.count(
        set.rows.len() as u64,
        ("model with a result", "models with a result"),
        ("modèle avec un résultat", "modèles avec un résultat"),
    );
    let comparison = comparison_clause(gap(slm, llm), lang);
    details.push(match (comparison, is_specific(set), lang) {
        (Some(comparison), true, Lang::En) => {
            format!("The code, medical or NLI benchmark where {comparison} ({scored}).")
        }
        (Some(comparison), true, Lang::Fr) => {
            format!("Le benchmark de code, médical ou NLI où {comparison} ({scored}).")
        }
        (Some(comparison), false, Lang::En) => format!(
            "No code, medical or NLI benchmark has both SLM and LLM results: this is the benchmark where {comparison} ({scored})."
        ),
        (Some(comparison), false, Lang::Fr) => format!(
            "Aucun benchmark de code, médical ou NLI n'a de résultats de SLM et de LLM\u{a0}: voici le benchmark où {comparison} ({scored})."
        ),
        (None, true, Lang::En) => {
            format!("The code, medical or NLI benchmark with the most results ({scored}).")
        }
        (None, true, Lang::Fr) => format!(
            "Le benchmark de code, médical ou NLI qui a le plus de résultats ({scored})."
        ),
        (None, false, Lang::En) => format!(
            "No code, medical or NLI benchmark in this cache: this is the benchmark with the most results ({scored})."
        ),
        (None, false, Lang::Fr) => format!(
            "Aucun benchmark de code, médical ou NLI dans ce cache\u{a0}: voici celui qui a le plus de résultats ({scored})."
        ),
    });
    Caption { headline, details }
}

/// Writes why [`tour_set`] picked a set with both classes, from the best SLM's score minus the best
/// LLM's: `an SLM comes closest to the best LLM`, or `leads it by the widest margin`. `None`
/// when a class has no score.
fn comparison_clause(gap: Option<f64>, lang: Lang) -> Option<&'static str> {
    let gap = gap?;
    Some(if gap > 0.0 {
        lang.pick(
            "an SLM leads the best LLM by the widest margin",
            "un SLM devance le meilleur LLM de la plus grande marge",
        )
    } else if gap == 0.0 {
        lang.pick(
            "an SLM ties with the best LLM",
            "un SLM égale le meilleur LLM",
        )
    } else {
        lang.pick(
            "an SLM comes closest to the best LLM",
            "un SLM s'approche le plus du meilleur LLM",
        )
    })
}

/// Writes a model's name, size and score: `Qwen2.5-Coder-7B (7.6B), 88.0`. The size is left
/// out when the name ends with it (`Code Llama - Python 7B, 40.2`), and follows a comma when
/// the name has brackets of its own (`UniMC (ALBERT-xxlarge), 235 M, 70.0`).
fn entry_text(entry: &Entry, lang: Lang) -> String {
    let name = clean_truncated(&entry.model, NAME_WIDTH);
    let score = score_text(entry.score, lang);
    match entry.params_total {
        Some(total) if name_ends_with_size(&name, total) => format!("{name}, {score}"),
        Some(total) if name.contains(['(', ')', '[', ']']) => {
            format!("{name}, {}, {score}", prose_params(lang, total))
        }
        Some(total) => format!("{name} ({}), {score}", prose_params(lang, total)),
        None => format!("{name}, {score}"),
    }
}

fn capitalize(text: &mut String) {
    if let Some(first) = text.chars().next() {
        let upper: String = first.to_uppercase().collect();
        text.replace_range(..first.len_utf8(), &upper);
    }
}

/// One pipeline_tag's SLM share among its models of known size.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskShare {
    pub name: String,
    pub share: f64,
    /// Models of the task with a known size.
    pub known: u64,
}

/// Ranks the pipeline_tags by SLM share among their models of known size, highest first, ties
/// to the task with more such models, then by name. Only tasks with at least `min_known`
/// models of known size are ranked; models without a pipeline_tag are left out.
pub fn task_shares(index: &Index, threshold: u64, min_known: u64) -> Vec<TaskShare> {
    let mut shares: Vec<TaskShare> = index
        .task_splits(threshold)
        .into_iter()
        .filter_map(|group| {
            let known = group.split.slm.count + group.split.llm.count;
            let share = group.split.slm_share_of_known()?;
            let name = group.name?;
            (known >= min_known).then_some(TaskShare { name, share, known })
        })
        .collect();
    shares.sort_by(|a, b| {
        b.share
            .total_cmp(&a.share)
            .then_with(|| b.known.cmp(&a.known))
            .then_with(|| a.name.cmp(&b.name))
    });
    shares
}

/// Step 3: the tasks with the highest SLM share, and the share of the largest task beside them.
pub fn tasks(index: &Index, threshold: u64, lang: Lang) -> Caption {
    if index.is_empty() {
        return empty_cache(lang);
    }
    let size = prose_params(lang, threshold);

    // Small caches may have no task of MIN_TASK_MODELS known sizes: every known size then counts.
    let mut floor = MIN_TASK_MODELS;
    let mut ranked = task_shares(index, threshold, floor);
    if ranked.is_empty() {
        floor = 1;
        ranked = task_shares(index, threshold, floor);
    }
    if ranked.is_empty() {
        return Caption {
            headline: lang
                .pick(
                    "No task has a model of known size, so no SLM share can be given per task.",
                    "Aucune tâche n'a de modèle de taille connue : pas de part de SLM par tâche.",
                )
                .to_string(),
            details: Vec::new(),
        };
    }

    let named: Vec<String> = ranked
        .iter()
        .take(TASKS_NAMED)
        .map(|task| {
            format!(
                "{} {}",
                clean_truncated(&task.name, NAME_WIDTH),
                prose_percent(lang, task.share)
            )
        })
        .collect();
    let headline = match lang {
        Lang::En => format!("Highest SLM share at {size}: {}.", named.join(", ")),
        Lang::Fr => format!(
            "Plus forte part de SLM à {size}\u{a0}: {}.",
            named.join(", ")
        ),
    };

    let mut scope = match lang {
        Lang::En => format!(
            "Share among each task's models of known size, for tasks with at least {} of them",
            lang.int(floor)
        ),
        Lang::Fr => format!(
            "Part parmi les modèles de taille connue de chaque tâche, pour les tâches qui en ont au moins {}",
            lang.int(floor)
        ),
    };
    // The largest task, which the pane lists first, for scale.
    let largest = index
        .task_splits(threshold)
        .into_iter()
        .find(|group| group.name.is_some());
    if let Some(largest) = largest
        && let (Some(name), Some(share)) = (&largest.name, largest.split.slm_share_of_known())
    {
        let name = clean_truncated(name, NAME_WIDTH);
        let share = prose_percent(lang, share);
        scope.push_str(&match lang {
            Lang::En => format!("; {name}, the largest task, has {share}"),
            Lang::Fr => format!("\u{a0}; {name}, la plus grande tâche, en a {share}"),
        });
    }
    scope.push('.');
    Caption {
        headline,
        details: vec![scope],
    }
}

/// The SLM share among the models of known size created in one calendar year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearShare {
    pub year: i16,
    /// `None` when no model created that year has a known size.
    pub share: Option<f64>,
}

/// Returns the SLM share of the first and of the last full calendar year of creation dates, or
/// of the only one. A year is full when the months run from its January, and the data was read
/// after its December: the first month present is that January or earlier, and the year of
/// `now` is later. Returns an empty list when no year is full.
pub fn full_year_shares(splits: &MonthlySplits, now: Option<&DataTime>) -> Vec<YearShare> {
    let (Some(first), Some(last)) = (splits.months.first(), splits.months.last()) else {
        return Vec::new();
    };
    let first_full = if first.month.month == 1 {
        first.month.year
    } else {
        first.month.year + 1
    };
    // Without a time for the data, the year of the last creation month may still be running.
    let now_year = now
        .and_then(|now| now.time.get(..4)?.parse::<i16>().ok())
        .unwrap_or(last.month.year);
    let last_full = (now_year - 1).min(last.month.year);
    if first_full > last_full {
        return Vec::new();
    }
    let share_of = |year: i16| {
        let (slm, known) = splits
            .months
            .iter()
            .filter(|month| month.month.year == year)
            .fold((0u64, 0u64), |(slm, known), month| {
                let split = &month.split;
                (
                    slm + split.slm.count,
                    known + split.slm.count + split.llm.count,
                )
            });
        YearShare {
            year,
            share: (known > 0).then(|| slm as f64 / known as f64),
        }
    };
    let mut years = vec![share_of(first_full)];
    if last_full > first_full {
        years.push(share_of(last_full));
    }
    years
}

/// Step 4: the SLM share of new models in the first and last full years, and the share of each
/// class's downloads that goes to models older than 12 months. `trends` groups the models of
/// `index` once, so that a threshold step costs one binary search per creation month.
pub fn trends(index: &Index, trends: &mut TrendsIndex, threshold: u64, lang: Lang) -> Caption {
    if index.is_empty() {
        return empty_cache(lang);
    }
    let size = prose_params(lang, threshold);
    let splits = trends.monthly_splits(index, threshold, None);
    let usage = trends.usage(index, threshold, &splits);
    let now = trends.now();
    let years = full_year_shares(&splits, now);
    let share_in = |year: &YearShare| {
        let share = year.share.map_or_else(
            || {
                lang.pick("no size known", "aucune taille connue")
                    .to_string()
            },
            |share| prose_percent(lang, share),
        );
        match lang {
            Lang::En => format!("{share} in {}", year.year),
            Lang::Fr => format!("{share} en {}", year.year),
        }
    };
    let headline = match (years.as_slice(), lang) {
        ([first, last], Lang::En) => format!(
            "SLMs (under {size}) among new models of known size: {}, then {}.",
            share_in(first),
            share_in(last)
        ),
        ([first, last], Lang::Fr) => format!(
            "Part des SLM (sous {size}) parmi les nouveaux modèles de taille connue\u{a0}: {}, puis {}.",
            share_in(first),
            share_in(last)
        ),
        ([only], Lang::En) => format!(
            "SLMs (under {size}) among new models of known size: {}, the only full year.",
            share_in(only)
        ),
        ([only], Lang::Fr) => format!(
            "Part des SLM (sous {size}) parmi les nouveaux modèles de taille connue\u{a0}: {}, seule année complète.",
            share_in(only)
        ),
        (_, _) => lang
            .pick(
                "The creation dates in this cache cover no full calendar year yet.",
                "Les dates de création de ce cache ne couvrent encore aucune année civile complète.",
            )
            .to_string(),
    };
    let details = match (&usage.older_than_12_months, now) {
        (Some(older), Some(now)) => {
            let day = now.time.get(..10).unwrap_or(&now.time);
            let share = |value: Option<f64>| {
                value.map_or_else(|| "–".to_string(), |value| prose_percent(lang, value))
            };
            match lang {
                Lang::En => format!(
                    "Models created more than 12 months before the data ({day}) receive {} of SLM and {} of LLM 30-day downloads.",
                    share(older.slm),
                    share(older.llm)
                ),
                Lang::Fr => format!(
                    "Les modèles créés plus de 12 mois avant les données ({day}) reçoivent {} des téléchargements sur 30 jours des SLM et {} de ceux des LLM.",
                    share(older.slm),
                    share(older.llm)
                ),
            }
        }
        _ => lang
            .pick(
                "How long models stay in use is unknown: no sync and no model date gives the time of the data.",
                "La durée d'usage des modèles est inconnue\u{a0}: aucune synchronisation ni date de modèle ne date les données.",
            )
            .to_string(),
    };
    Caption {
        headline,
        details: vec![details],
    }
}
