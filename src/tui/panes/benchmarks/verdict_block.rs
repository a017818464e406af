//! The three verdict lines above the results. The first names the best SLM and how many LLMs it
//! beats, the second the best LLM and the gap between the two. The third names the smallest
//! model within the margin of the best score and counts the frontier.
//!
//! Each line has a head (the label, a model name, its size and score) and optional tails. Tails
//! that do not fit beside a readable name are left out, last first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{margin_text, score_places, score_text};
use crate::analysis::format_params;
use crate::analysis::verdicts::{Entry, Verdicts};
use crate::i18n::Lang;
use crate::sanitize::{clean, clean_truncated};
use crate::tui::class::Class;
use crate::tui::format::{name_ends_with_size, optional_params, signed};
use crate::tui::panes::{View, models_count};

/// Rows the block takes.
pub const HEIGHT: u16 = 3;

/// Cells a model name keeps before a tail gives way.
const NAME_FLOOR: usize = 16;
/// Cells a model name keeps however narrow the terminal: a letter or two and the ellipsis.
const MIN_NAME: usize = 3;

pub fn render(frame: &mut Frame, area: Rect, verdicts: &Verdicts, margin: f64, view: &View) {
    let width = area.width as usize;
    let lines = [
        best_line(verdicts, Class::Slm, view),
        best_line(verdicts, Class::Llm, view),
        margin_line(verdicts, margin, view),
    ];
    for (line, row) in lines.into_iter().zip(area.rows()) {
        frame.render_widget(line.fit(width), row);
    }
}

/// One verdict line before it is fitted to a width.
struct VerdictLine {
    head: Vec<Span<'static>>,
    /// A model name, raw from the data, cleaned and cut to the room left when fitted.
    name: Option<(String, Style)>,
    /// The spans after the name: the size, the score and more. When `size_in_name` is set, the first
    /// span is the size, which is dropped when the name is shown whole, since it ends with it.
    after_name: Vec<Span<'static>>,
    size_in_name: bool,
    /// Optional parts, most important first.
    tails: Vec<Vec<Span<'static>>>,
}

impl VerdictLine {
    fn fit(self, width: usize) -> Line<'static> {
        let spans_width = |spans: &[Span]| spans.iter().map(Span::width).sum::<usize>();
        let fixed = spans_width(&self.head) + spans_width(&self.after_name);
        let name_len = self
            .name
            .as_ref()
            .map_or(0, |(name, _)| crate::sanitize::clean(name).chars().count());
        let name_floor = name_len.min(NAME_FLOOR);

        let mut used = fixed + name_floor;
        let mut kept = Vec::new();
        for tail in self.tails {
            let tail_width = spans_width(&tail);
            if used + tail_width > width {
                break;
            }
            used += tail_width;
            kept.push(tail);
        }

        let mut spans = self.head;
        let mut after_name = self.after_name;
        if let Some((name, style)) = self.name {
            // On a terminal too narrow for the floor, the name shrinks further so the size and
            // score after it stay whole.
            let room = width.saturating_sub(used - name_floor).max(MIN_NAME);
            if self.size_in_name && room >= name_len && !after_name.is_empty() {
                after_name.remove(0);
            }
            spans.push(Span::styled(clean_truncated(&name, room), style));
        }
        spans.extend(after_name);
        spans.extend(kept.into_iter().flatten());
        Line::from(spans)
    }
}

/// Builds the line of the best model of `class`, such as `Best SLM  Qwen2.5-Coder-1.5B 1.5B  70.0
/// · beats 0 of 5 LLMs`. The LLM line ends with the gap. An empty class reads
/// `none: no SLM at 7B`.
fn best_line(verdicts: &Verdicts, class: Class, view: &View) -> VerdictLine {
    let (lang, theme) = (view.lang, view.theme);
    let label = match (class, lang) {
        (Class::Slm, Lang::En) => "Best SLM  ",
        (Class::Slm, Lang::Fr) => "Meilleur SLM  ",
        (_, Lang::En) => "Best LLM  ",
        (_, Lang::Fr) => "Meilleur LLM  ",
    };
    let head = vec![Span::styled(label, theme.class(class).patch(theme.label()))];
    let best = match class {
        Class::Slm => verdicts.best_slm.as_ref(),
        _ => verdicts.best_llm.as_ref(),
    };
    let Some(best) = best else {
        let threshold = format_params(verdicts.threshold);
        let empty = match lang {
            Lang::En => format!("none: no {} at {threshold}", class.label(lang)),
            Lang::Fr => format!(
                "aucun : pas de {} au seuil de {threshold}",
                class.label(lang)
            ),
        };
        return VerdictLine {
            head,
            name: None,
            after_name: vec![Span::styled(empty, theme.muted())],
            size_in_name: false,
            tails: Vec::new(),
        };
    };

    let mut tails = Vec::new();
    match class {
        Class::Slm => {
            if let Some(beats) = verdicts.beats.filter(|beats| beats.llms > 0) {
                let text = match lang {
                    Lang::En => format!(
                        "beats {} of {}",
                        lang.int(beats.beaten as u64),
                        lang.count(beats.llms as u64, ("LLM", "LLMs"), ("", ""))
                    ),
                    Lang::Fr => format!(
                        "bat {} LLM sur {}",
                        lang.int(beats.beaten as u64),
                        lang.int(beats.llms as u64)
                    ),
                };
                tails.push(tail(text, theme.label(), view));
            }
        }
        _ => {
            if let Some(gap) = verdicts.gap {
                // The gap takes the decimals of the scores it compares.
                let largest = [&verdicts.best_slm, &verdicts.best_llm]
                    .into_iter()
                    .flatten()
                    .map(|entry| entry.score.abs())
                    .fold(0.0, f64::max);
                let text = format!(
                    "{} {}",
                    lang.pick("gap SLM − LLM", "écart SLM − LLM"),
                    signed(lang, gap, score_places(largest))
                );
                tails.push(tail(text, theme.label(), view));
            }
        }
    }
    VerdictLine {
        head,
        name: Some((best.model.clone(), theme.label())),
        after_name: size_and_score(best, view),
        size_in_name: states_size(best),
        tails,
    }
}

/// Builds the margin line, such as `Smallest within 5 pts of the best (90.0): Qwen2.5-Coder-7B
/// 7.6B · frontier ◆ 3 models · 1 of unknown size`.
fn margin_line(verdicts: &Verdicts, margin: f64, view: &View) -> VerdictLine {
    let (lang, theme) = (view.lang, view.theme);
    // French writes the unit in full, as the text report does, and in the singular below 2:
    // `0 point`, `1,5 point`, `5 points`.
    let unit = match lang {
        Lang::En if margin == 1.0 => "pt",
        Lang::En => "pts",
        Lang::Fr if margin < 2.0 => "point",
        Lang::Fr => "points",
    };
    let points = format!("{} {unit}", margin_text(margin, lang));
    let mut tails = Vec::new();
    if !verdicts.frontier.is_empty() {
        tails.push(tail(
            format!(
                "{} ◆ {}",
                lang.pick("frontier", "frontière"),
                models_count(lang, verdicts.frontier.len() as u64)
            ),
            theme.muted(),
            view,
        ));
    }
    if verdicts.unknown_size > 0 {
        let count = lang.int(verdicts.unknown_size as u64);
        tails.push(tail(
            match lang {
                Lang::En => format!("{count} of unknown size"),
                Lang::Fr => format!("{count} de taille inconnue"),
            },
            theme.unknown(),
            view,
        ));
    }
    if verdicts.skipped_scores > 0 {
        tails.push(tail(
            lang.count(
                verdicts.skipped_scores as u64,
                ("invalid score left out", "invalid scores left out"),
                ("score invalide écarté", "scores invalides écartés"),
            ),
            theme.error(),
            view,
        ));
    }

    let Some(within) = &verdicts.smallest_within_margin else {
        let text = match lang {
            Lang::En => format!("No model of known size within {points} of the best"),
            Lang::Fr => format!("Aucun modèle de taille connue à {points} du meilleur"),
        };
        return VerdictLine {
            head: vec![Span::styled(text, theme.muted())],
            name: None,
            after_name: Vec::new(),
            size_in_name: false,
            tails,
        };
    };
    let best = score_text(within.best_score, lang);
    let head = match lang {
        Lang::En => format!("Smallest within {points} of the best ({best}): "),
        Lang::Fr => format!("Plus petit à {points} du meilleur ({best}) : "),
    };
    let size = optional_params(within.entry.params_total);
    VerdictLine {
        head: vec![Span::styled(head, theme.label())],
        name: Some((within.entry.model.clone(), theme.label())),
        after_name: vec![Span::raw(format!(" {size}"))],
        size_in_name: states_size(&within.entry),
        tails,
    }
}

/// True when the entry's name ends with its own size, as in `Code Llama - Python 7B`.
fn states_size(entry: &Entry) -> bool {
    entry
        .params_total
        .is_some_and(|total| name_ends_with_size(&clean(&entry.model), total))
}

/// Formats the size and the score after a model name: ` 7.6B  88.4`.
fn size_and_score(entry: &Entry, view: &View) -> Vec<Span<'static>> {
    let (lang, theme) = (view.lang, view.theme);
    vec![
        Span::raw(format!(" {}", optional_params(entry.params_total))),
        Span::raw("  "),
        Span::styled(score_text(entry.score, lang), theme.label()),
    ]
}

/// Builds an optional part: ` · text`, the text in `style`.
fn tail(text: String, style: Style, view: &View) -> Vec<Span<'static>> {
    vec![
        Span::styled(" · ", view.theme.border()),
        Span::styled(text, style),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(name: &str) -> VerdictLine {
        VerdictLine {
            head: vec![Span::raw("Best SLM  ")],
            name: Some((name.to_string(), Style::new())),
            after_name: vec![Span::raw(" 7B"), Span::raw("  40.2")],
            size_in_name: true,
            tails: Vec::new(),
        }
    }

    fn text(line: Line<'_>) -> String {
        line.spans
            .iter()
            .map(|span| span.content.as_ref())
            .collect()
    }

    #[test]
    fn whole_name_states_the_size() {
        let fitted = text(line("Code Llama - Python 7B").fit(80));
        assert_eq!(fitted, "Best SLM  Code Llama - Python 7B  40.2");
    }

    #[test]
    fn cut_name_keeps_the_size() {
        let fitted = text(line("Code Llama - Python 7B").fit(30));
        assert!(fitted.ends_with("… 7B  40.2"), "{fitted}");
    }
}
