//! The detail view of one benchmark result: every field of the result in full, where it came
//! from and the Hub model it is linked to. It also shows the size used for the result's class,
//! where that size came from, and the class at the threshold drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::View;
use super::benchmarks::{ResultDetail, domain_text, score_text};
use super::detail::{push_field, render_card, source_label};
use crate::analysis::format_params;
use crate::i18n::Lang;
use crate::model::{BenchmarkResult, LinkRule, ParamCount, ResultOrigin};
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
    let optional = |value: Option<&str>| {
        value
            .map(|text| clean(text).into_owned())
            .unwrap_or_else(|| "—".to_string())
    };
    let mut fields: Vec<(&str, String)> = vec![
        (
            lang.pick("model", "modèle"),
            clean(&result.model).into_owned(),
        ),
        ("hub_id", optional(result.hub_id.as_deref())),
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
            lang.pick("model type", "type de modèle"),
            result
                .model_type
                .map_or_else(|| "—".to_string(), |kind| kind.label(lang).to_string()),
        ),
        ("date", optional(result.date.as_deref())),
        (
            lang.pick("origin", "origine"),
            origin_text(result.origin, lang),
        ),
        ("source", clean(&result.source).into_owned()),
        (lang.pick("link", "lien"), optional(result.link.as_deref())),
        (
            lang.pick("params (source)", "params (source)"),
            params_text(result.params_total, lang),
        ),
        (
            lang.pick("active (source)", "actifs (source)"),
            result
                .params_active
                .map_or_else(|| "—".to_string(), |active| params_text(Some(active), lang)),
        ),
    ];
    match &result.linked {
        Some(linked) => fields.extend([
            (
                lang.pick("linked Hub model", "modèle du Hub lié"),
                clean(&linked.id).into_owned(),
            ),
            (
                lang.pick("link rule", "règle du lien"),
                rule_text(linked.rule, lang).to_string(),
            ),
            (
                lang.pick("Hub model params", "params du Hub"),
                hub_params_text(&linked.params, lang),
            ),
        ]),
        None => fields.push((
            lang.pick("linked Hub model", "modèle du Hub lié"),
            lang.pick(
                "none: no cached Hub model matches by id, link or name",
                "aucun : aucun modèle du cache ne correspond par id, lien ou nom",
            )
            .to_string(),
        )),
    }
    fields.extend([
        (
            lang.pick("size used", "taille retenue"),
            size_used_text(result, lang),
        ),
        (lang.pick("class", "classe"), class_text(result, view)),
    ]);

    let mut lines = Vec::new();
    for (label, value) in fields {
        push_field(&mut lines, label, &value, width, view);
    }
    lines
}

fn origin_text(origin: ResultOrigin, lang: Lang) -> String {
    match origin {
        ResultOrigin::Reference => lang.pick(
            "reference set shipped with slmscope (assets/benchmarks.csv)",
            "jeu de référence livré avec slmscope (assets/benchmarks.csv)",
        ),
        ResultOrigin::Leaderboard => {
            lang.pick("imported leaderboard file", "fichier de classement importé")
        }
        ResultOrigin::ModelIndex => lang.pick(
            "model-index of the model's Hub record",
            "model-index de la fiche du modèle sur le Hub",
        ),
    }
    .to_string()
}

fn rule_text(rule: LinkRule, lang: Lang) -> &'static str {
    match rule {
        LinkRule::Id => lang.pick(
            "the result names the model's exact Hub id",
            "le résultat donne l'id exact du modèle sur le Hub",
        ),
        LinkRule::Link => lang.pick(
            "the result's link points to the model's Hub page",
            "le lien du résultat pointe vers la page du modèle sur le Hub",
        ),
        LinkRule::Name => lang.pick(
            "same name once case, punctuation and owner are set aside",
            "même nom, casse, ponctuation et propriétaire mis à part",
        ),
    }
}

/// Formats a count as `7.6B (7,620,000,000)`, or as the word for an unknown count.
fn params_text(total: Option<u64>, lang: Lang) -> String {
    match total {
        Some(total) => format!("{} ({})", format_params(total), lang.int(total)),
        None => lang.pick("unknown", "inconnu").to_string(),
    }
}

/// Formats a linked Hub model's count: `494M (494,000,000), from safetensors`, with `~` before
/// an approximate count.
fn hub_params_text(params: &ParamCount, lang: Lang) -> String {
    let Some(total) = params.total() else {
        return lang
            .pick("unknown in the cache", "inconnu dans le cache")
            .to_string();
    };
    let approximate = if params.approximate { "~" } else { "" };
    let mut text = format!(
        "{approximate}{} ({}), {} {}",
        format_params(total),
        lang.int(total),
        lang.pick("from", "source :"),
        source_label(params.source, lang)
    );
    if let Some(active) = params.active() {
        text.push_str(&match lang {
            Lang::En => format!("; {} active", format_params(active)),
            Lang::Fr => format!(" ; {} actifs", format_params(active)),
        });
    }
    text
}

/// Says which count [`BenchmarkResult::size`] used: the linked Hub model's, the source's, or
/// none.
fn size_used_text(result: &BenchmarkResult, lang: Lang) -> String {
    let hub_total = result
        .linked
        .as_ref()
        .and_then(|linked| linked.params.total());
    let Some(size) = result.size() else {
        return lang
            .pick(
                "unknown: neither the source nor a linked Hub model gives a count",
                "inconnue : ni la source ni un modèle du Hub lié ne donne de compte",
            )
            .to_string();
    };
    let from = match (hub_total, &result.linked) {
        (Some(_), _) => lang.pick(
            "the linked Hub model's count",
            "le compte du modèle du Hub lié",
        ),
        (None, Some(_)) => lang.pick(
            "the source's count, since the linked Hub model has none",
            "le compte de la source, faute de compte pour le modèle du Hub lié",
        ),
        (None, None) => lang.pick("the source's count", "le compte de la source"),
    };
    format!("{}, {from}", format_params(size))
}

/// Describes the class at the drawn threshold (`LLM at 7B`), or why a result of unknown size
/// has none.
fn class_text(result: &BenchmarkResult, view: &View) -> String {
    let lang = view.lang;
    match Class::of(result.size(), view.threshold) {
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
