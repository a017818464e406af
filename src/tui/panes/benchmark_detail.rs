//! The detail view of one benchmark result: every field of the result in full, and the model's
//! class at the threshold drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::View;
use super::benchmarks::{ResultDetail, domain_text, score_text};
use super::detail::{push_field, render_card};
use crate::analysis::format_params;
use crate::i18n::Lang;
use crate::model::BenchmarkResult;
use crate::sanitize::clean;
use crate::tui::class::Class;

pub fn render(
    frame: &mut Frame,
    area: Rect,
    state: &mut ResultDetail,
    result: &BenchmarkResult,
    view: &View,
) {
    let title = format!("{} · {}", clean(&result.model), clean(&result.benchmark));
    render_card(frame, area, &title, &mut state.scroll, view, |width| {
        lines(result, view, width)
    });
}

/// Builds every line of the view, already wrapped to `width`.
fn lines<'a>(result: &BenchmarkResult, view: &View, width: usize) -> Vec<Line<'a>> {
    let lang = view.lang;
    let fields: Vec<(&str, String)> = vec![
        (
            lang.pick("model", "modèle"),
            clean(&result.model).into_owned(),
        ),
        (
            "hub_id",
            result
                .hub_id
                .as_deref()
                .map(|id| clean(id).into_owned())
                .unwrap_or_else(|| "—".to_string()),
        ),
        ("benchmark", clean(&result.benchmark).into_owned()),
        (
            lang.pick("domain", "domaine"),
            domain_text(&result.domain, lang),
        ),
        (
            lang.pick("metric", "métrique"),
            clean(&result.metric).into_owned(),
        ),
        ("score", score_text(result.score, lang)),
        (
            lang.pick("parameters", "paramètres"),
            params_text(result.params_total, lang),
        ),
        (
            lang.pick("active parameters", "paramètres actifs"),
            result
                .params_active
                .map(|active| params_text(Some(active), lang))
                .unwrap_or_else(|| "—".to_string()),
        ),
        (lang.pick("class", "classe"), class_text(result, view)),
        (
            "date",
            result
                .date
                .as_deref()
                .map(|date| clean(date).into_owned())
                .unwrap_or_else(|| "—".to_string()),
        ),
        ("source", clean(&result.source).into_owned()),
    ];

    let mut lines = Vec::new();
    for (label, value) in fields {
        push_field(&mut lines, label, &value, width, view);
    }
    lines
}

/// Formats a count as `7.6B (7,620,000,000)`, or as the word for an unknown count.
fn params_text(total: Option<u64>, lang: Lang) -> String {
    match total {
        Some(total) => format!("{} ({})", format_params(total), lang.int(total)),
        None => lang.pick("unknown", "inconnu").to_string(),
    }
}

/// Describes the class at the drawn threshold (`LLM at 7B`), or why a result of unknown size
/// has none.
fn class_text(result: &BenchmarkResult, view: &View) -> String {
    let lang = view.lang;
    match Class::of(result.params_total, view.threshold) {
        Class::Unknown => lang
            .pick(
                "none: the size is unknown",
                "aucune : la taille est inconnue",
            )
            .to_string(),
        class => format!(
            "{} {} {}",
            class.label(lang),
            lang.pick("at", "au seuil de"),
            format_params(view.threshold),
        ),
    }
}
