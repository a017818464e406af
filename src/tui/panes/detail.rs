//! The detail view of one model: every cached field, where its parameter count came from, and
//! its tags grouped by kind, scrollable.

use std::collections::BTreeMap;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::View;
use crate::analysis::format_params;
use crate::i18n::Lang;
use crate::model::{Gated, Model, ParamSource, Tag};
use crate::sanitize::clean;
use crate::tui::class::Class;
use crate::tui::cursor::Scroll;
use crate::tui::format::{decimal, optional_int, wrap};
use crate::tui::tag_task::TagList;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DetailState {
    /// The model's index in `Index::models`.
    pub model: usize,
    pub scroll: Scroll,
}

impl DetailState {
    pub fn new(model: usize) -> DetailState {
        DetailState {
            model,
            scroll: Scroll::default(),
        }
    }
}

/// Width of the field-name column.
const LABEL_WIDTH: usize = 22;

pub fn render(frame: &mut Frame, area: Rect, state: &mut DetailState, model: &Model, view: &View) {
    let mut title = clean(&model.id).into_owned();
    if model.synthetic {
        title.push_str(" · ");
        title.push_str(
            view.lang
                .pick("synthetic record", "enregistrement synthétique"),
        );
    }
    render_card(frame, area, &title, &mut state.scroll, view, |width| {
        lines(model, view, width)
    });
}

/// Draws a bordered card titled `title` and scrolled by `scroll`, with the visible range in the
/// bottom border when the text is taller than the card. `lines` builds the text for the inner
/// width.
pub fn render_card<'a>(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    scroll: &mut Scroll,
    view: &View,
    lines: impl FnOnce(usize) -> Vec<Line<'a>>,
) {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(view.theme.border())
        .title(Line::styled(format!(" {title} "), view.theme.header()));
    let inner = block.inner(area);
    let lines = lines(inner.width as usize);
    scroll.fit(lines.len(), inner.height as usize);

    let position = if scroll.max > 0 {
        format!(
            " {}–{} / {} ",
            scroll.offset + 1,
            (scroll.offset + inner.height as usize).min(lines.len()),
            lines.len()
        )
    } else {
        String::new()
    };
    let block = block.title_bottom(Line::styled(position, view.theme.muted()).right_aligned());
    let paragraph = Paragraph::new(lines)
        .block(block)
        .scroll((scroll.offset as u16, 0));
    frame.render_widget(paragraph, area);
}

/// The pipeline_tag, marked when slmscope inferred it because the Hub gave none.
fn pipeline_tag(model: &Model, lang: Lang) -> String {
    match (&model.pipeline_tag, model.pipeline_tag_inferred) {
        (Some(tag), true) => format!(
            "{} {}",
            clean(tag),
            lang.pick(
                "(inferred: the Hub gives none)",
                "(déduit : le Hub n'en donne pas)"
            )
        ),
        (Some(tag), false) => clean(tag).into_owned(),
        (None, _) => "—".to_string(),
    }
}

/// Builds every line of the view, already wrapped to `width`.
fn lines<'a>(model: &Model, view: &View, width: usize) -> Vec<Line<'a>> {
    let lang = view.lang;
    let text = |value: Option<&str>| {
        value
            .map(|value| clean(value).into_owned())
            .unwrap_or_else(|| "—".to_string())
    };
    let mut fields: Vec<(&str, String)> = vec![
        ("id", clean(&model.id).into_owned()),
        (lang.pick("author", "auteur"), text(model.author.as_deref())),
        ("pipeline_tag", pipeline_tag(model, lang)),
        ("library_name", text(model.library_name.as_deref())),
        (lang.pick("created", "créé le"), created(model, lang)),
        (
            lang.pick("last modified", "modifié le"),
            text(model.last_modified.map(|time| time.to_string()).as_deref()),
        ),
        (
            lang.pick("downloads (30 days)", "téléch. (30 jours)"),
            optional_int(lang, model.downloads()),
        ),
        (
            lang.pick("downloads (all time)", "téléch. (au total)"),
            optional_int(lang, model.downloads_all_time()),
        ),
        ("likes", optional_int(lang, model.likes())),
        (
            lang.pick("trending score", "score de tendance"),
            model
                .trending_score()
                .map(|score| decimal(lang, score, 1))
                .unwrap_or_else(|| "—".to_string()),
        ),
        (
            lang.pick("gated", "accès restreint"),
            gated(model.gated, lang),
        ),
        (lang.pick("parameters", "paramètres"), total(model, view)),
        (
            lang.pick("active parameters", "paramètres actifs"),
            model
                .params
                .active()
                .map(|active| format!("{} ({})", format_params(active), lang.int(active)))
                .unwrap_or_else(|| "—".to_string()),
        ),
        (
            lang.pick("approximate", "approché"),
            lang.pick(
                if model.params.approximate {
                    "yes"
                } else {
                    "no"
                },
                if model.params.approximate {
                    "oui"
                } else {
                    "non"
                },
            )
            .to_string(),
        ),
        (
            lang.pick("count source", "source du compte"),
            source_label(model.params.source, lang).to_string(),
        ),
    ];
    if let Some(reference) = view
        .data
        .reference
        .iter()
        .find(|reference| *reference.hub_id == *model.id)
    {
        fields.push((
            lang.pick("reference set", "jeu de référence"),
            reference_text(reference, lang),
        ));
    }

    let mut lines: Vec<Line> = Vec::new();
    if model.synthetic {
        let warning = lang.pick(
            "Synthetic record: generated by slmscope synth, not a model on the Hub.",
            "Enregistrement synthétique : généré par slmscope synth, ce n'est pas un modèle du Hub.",
        );
        for chunk in wrap(warning, width) {
            lines.push(Line::styled(chunk, view.theme.error()));
        }
    }
    for (label, value) in fields {
        push_field(&mut lines, label, &value, width, view);
    }
    lines.push(Line::raw(""));
    for sentence in source_sentences(model, lang) {
        for chunk in wrap(&sentence, width) {
            lines.push(Line::styled(chunk, view.theme.muted()));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        lang.pick("Tags by kind", "Tags par type"),
        view.theme.header(),
    ));
    let fetched;
    let tags = match model.tags.list() {
        Some(tags) => tags,
        None => match view.tags.tags(&model.id) {
            TagList::Loaded(tags) => {
                fetched = tags;
                &fetched
            }
            TagList::Loading => {
                let message = lang.pick("reading the tags…", "lecture des tags…");
                lines.push(Line::styled(message, view.theme.muted()));
                return lines;
            }
            TagList::Failed(message) => {
                lines.push(Line::styled(
                    clean(&message).into_owned(),
                    view.theme.muted(),
                ));
                return lines;
            }
        },
    };
    let groups = tag_groups(tags, lang);
    if groups.is_empty() {
        lines.push(Line::styled(
            lang.pick("no tags", "aucun tag"),
            view.theme.muted(),
        ));
    }
    for (kind, values) in groups {
        push_field(&mut lines, &kind, &values.join(", "), width, view);
    }
    lines
}

/// Appends a `label  value` line, wrapping the value under itself.
pub fn push_field<'a>(
    lines: &mut Vec<Line<'a>>,
    label: &str,
    value: &str,
    width: usize,
    view: &View,
) {
    let value_width = width.saturating_sub(LABEL_WIDTH).max(10);
    for (index, chunk) in wrap(value, value_width).into_iter().enumerate() {
        let label = if index == 0 { label } else { "" };
        lines.push(Line::from(vec![
            Span::styled(format!("{label:<0$} ", LABEL_WIDTH - 1), view.theme.label()),
            Span::raw(chunk),
        ]));
    }
}

fn created(model: &Model, lang: Lang) -> String {
    if model.created_before_tracking {
        return lang
            .pick(
                "before dates were recorded",
                "avant que les dates soient enregistrées",
            )
            .to_string();
    }
    model
        .created_at
        .map(|time| time.to_string())
        .unwrap_or_else(|| lang.pick("unknown", "date inconnue").to_string())
}

fn gated(gated: Option<Gated>, lang: Lang) -> String {
    match gated {
        Some(Gated::No) => lang.pick("no", "non"),
        Some(Gated::Auto) => lang.pick("yes, automatic approval", "oui, accord automatique"),
        Some(Gated::Manual) => lang.pick("yes, manual approval", "oui, accord manuel"),
        None => "—",
    }
    .to_string()
}

fn total(model: &Model, view: &View) -> String {
    let lang = view.lang;
    let class = Class::of(model.params.total(), view.threshold);
    match model.params.total() {
        Some(total) => format!(
            "{}{} ({}), {} {} {}",
            if model.params.approximate { "~" } else { "" },
            format_params(total),
            lang.int(total),
            class.label(lang),
            lang.pick("at", "au seuil de"),
            format_params(view.threshold),
        ),
        None => lang
            .pick(
                "unknown: in no class at any threshold",
                "inconnu : dans aucune classe, quel que soit le seuil",
            )
            .to_string(),
    }
}

fn reference_text(reference: &crate::model::ReferenceModel, lang: Lang) -> String {
    let organisation = clean(&reference.organisation);
    let word = clean(&reference.size_word);
    let date = clean(&reference.release_date);
    let params = format_params(reference.params);
    match lang {
        Lang::En => format!("{organisation} calls it “{word}”, {params}, released {date}"),
        Lang::Fr => format!("{organisation} le dit « {word} », {params}, publié le {date}"),
    }
}

/// Returns the params_source value as the user's language writes it.
pub(super) fn source_label(source: ParamSource, lang: Lang) -> &'static str {
    lang.param_source(source)
}

/// Returns a tag kind as the user's language writes it. Kinds the Hub adds beyond the usual
/// ones are shown as stored, cleaned.
fn tag_kind_label(kind: &str, lang: Lang) -> String {
    let french = match kind {
        "language" => "langue",
        "license" => "licence",
        "region" => "région",
        "dataset" => "jeu de données",
        "base_model" => "modèle de base",
        "arxiv" => "arxiv",
        "tag" => "tag",
        other => return clean(other).into_owned(),
    };
    lang.pick(kind, french).to_string()
}

/// Explains in a sentence or two where the parameter count came from.
fn source_sentences(model: &Model, lang: Lang) -> Vec<String> {
    let origin = match model.params.source {
        ParamSource::Safetensors => lang.pick(
            "The count comes from the Hub's safetensors summary: the parameters of every tensor \
             added up, corrected for packed quantized weights.",
            "Le compte vient du résumé safetensors du Hub : les paramètres de tous les tenseurs \
             additionnés, corrigés pour les poids quantifiés compactés.",
        ),
        ParamSource::Gguf => lang.pick(
            "The count comes from the Hub's GGUF metadata (gguf.total): the repository ships only \
             GGUF files.",
            "Le compte vient des métadonnées GGUF du Hub (gguf.total) : le dépôt ne publie que \
             des fichiers GGUF.",
        ),
        ParamSource::Reference => lang.pick(
            "The count is the publisher's official one, from slmscope's reference set.",
            "Le compte est celui annoncé par l'éditeur, tiré du jeu de référence de slmscope.",
        ),
        ParamSource::Name => lang.pick(
            "The count is read from a size in the repository name (such as 1.5B): an estimate \
             no file confirms.",
            "Le compte est lu dans une taille du nom du dépôt (par exemple 1.5B) : une estimation \
             qu'aucun fichier ne confirme.",
        ),
        ParamSource::Leaderboard => lang.pick(
            "The count is the size an imported leaderboard gives, since no Hub data or name \
             gave one.",
            "Le compte est la taille donnée par un classement importé, faute de données du Hub \
             ou de taille dans le nom.",
        ),
        ParamSource::Unknown => lang.pick(
            "No source gave a count, so the model is counted as unknown, never as an SLM or an LLM.",
            "Aucune source ne donne de compte : le modèle est compté comme inconnu, jamais comme \
             SLM ni LLM.",
        ),
    };
    let mut sentences = vec![origin.to_string()];
    if model.params.approximate {
        sentences.push(
            lang.pick(
                "It is approximate: packed quantized weights, or an upper bound from a name such \
                 as 8x7B.",
                "Il est approché : poids quantifiés compactés, ou borne haute tirée d'un nom comme \
                 8x7B.",
            )
            .to_string(),
        );
    }
    sentences
}

/// Groups tag values by kind, kinds in the alphabetical order of their displayed names. A
/// base_model value starts with its relation.
fn tag_groups(tags: &[Tag], lang: Lang) -> BTreeMap<String, Vec<String>> {
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for tag in tags {
        let value = clean(&tag.value).into_owned();
        let value = match tag.relation.as_deref() {
            Some(relation) => format!("{} {value}", relation_label(relation, lang)),
            None => value,
        };
        groups
            .entry(tag_kind_label(&tag.kind, lang))
            .or_default()
            .push(value);
    }
    groups
}

/// Returns the words written before the id of a `base_model:<relation>:<id>` tag.
fn relation_label(relation: &str, lang: Lang) -> String {
    match relation {
        "finetune" => lang.pick("fine-tune of", "affinage de"),
        "quantized" => lang.pick("quantized from", "quantifié depuis"),
        "adapter" => lang.pick("adapter on", "adaptateur sur"),
        "merge" => lang.pick("merge including", "fusion incluant"),
        other => return format!("{}:", clean(other)),
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_labels_per_language() {
        let cases = [
            (ParamSource::Safetensors, "safetensors", "safetensors"),
            (ParamSource::Gguf, "gguf", "gguf"),
            (ParamSource::Reference, "reference", "référence"),
            (ParamSource::Name, "name", "nom"),
            (ParamSource::Unknown, "unknown", "inconnue"),
        ];
        for (source, english, french) in cases {
            assert_eq!(source_label(source, Lang::En), english);
            assert_eq!(source_label(source, Lang::En), source.as_str());
            assert_eq!(source_label(source, Lang::Fr), french);
        }
    }

    #[test]
    fn tag_kind_labels_per_language() {
        let cases = [
            ("language", "langue"),
            ("license", "licence"),
            ("region", "région"),
            ("dataset", "jeu de données"),
            ("base_model", "modèle de base"),
            ("arxiv", "arxiv"),
            ("tag", "tag"),
        ];
        for (kind, french) in cases {
            assert_eq!(tag_kind_label(kind, Lang::En), kind);
            assert_eq!(tag_kind_label(kind, Lang::Fr), french);
        }
        assert_eq!(tag_kind_label("diffusers", Lang::Fr), "diffusers");
        assert_eq!(tag_kind_label("x\u{1b}[31m", Lang::Fr), "x");
    }
}
