//! The header line of the Benchmarks pane: the set shown, its position among the sets the
//! domain offers, its domain, the filters in force and how many models it shows.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{BenchmarksState, Domain, domain_text, filter_texts};
use crate::i18n::Lang;
use crate::sanitize::clean_truncated;
use crate::tui::panes::{View, models_count};

/// Cells the set label keeps before the right part gives up its room.
const LABEL_FLOOR: usize = 16;

pub fn render(frame: &mut Frame, area: Rect, state: &BenchmarksState, view: &View) {
    let (lang, theme) = (view.lang, view.theme);
    let label = match state.set {
        Some(set) => view.data.benchmarks.sets()[set].label(),
        None => lang
            .pick("no benchmark set", "aucun jeu de résultats")
            .to_string(),
    };
    let width = area.width as usize;
    // The most detailed right part that leaves the label its floor: then without the set's
    // domain, then without the model count. The position and the filters always stay.
    let right = [(true, true), (false, true), (false, false)]
        .into_iter()
        .map(|(domain, count)| right_part(state, view, domain, count))
        .find(|line| line.width() + 1 + LABEL_FLOOR <= width)
        .unwrap_or_else(|| right_part(state, view, false, false));
    let room = width.saturating_sub(right.width() + 1);
    let left = Line::styled(clean_truncated(&label, room), theme.header());
    crate::tui::panes::render_query_row(frame, area, left, right);
}

/// Builds the right part, such as `3/6 · code · type: chat · since 2024 · 4 of 9 models`. The
/// set's domain shows only when asked for and when no domain is chosen with `d`, since the
/// chosen domain then shows as `domain: code`. The model count shows only when asked for.
fn right_part(
    state: &BenchmarksState,
    view: &View,
    with_domain: bool,
    with_count: bool,
) -> Line<'static> {
    let (lang, theme) = (view.lang, view.theme);
    let data = &view.data.benchmarks;
    let offered = state.offered_sets(data);
    let separator = || Span::styled(" · ", theme.border());

    let position = state
        .set
        .and_then(|set| offered.iter().position(|&o| o == set))
        .map_or(0, |position| position + 1);
    let mut spans = vec![Span::styled(
        format!(
            "{}/{}",
            lang.int(position as u64),
            lang.int(offered.len() as u64)
        ),
        theme.label(),
    )];
    if let Some(set) = state
        .set
        .filter(|_| with_domain && state.domain == Domain::All)
    {
        spans.push(separator());
        spans.push(Span::styled(
            domain_text(&data.sets()[set].domain, lang),
            theme.muted(),
        ));
    }
    if state.domain != Domain::All {
        spans.push(separator());
        spans.push(Span::styled(
            format!(
                "{} {}",
                lang.pick("domain:", "domaine :"),
                state.domain.label(lang)
            ),
            theme.key(),
        ));
    }
    for text in filter_texts(&state.filter, lang) {
        spans.push(separator());
        spans.push(Span::styled(text, theme.key()));
    }
    if let Some(set) = state.set.filter(|_| with_count) {
        spans.push(separator());
        spans.push(Span::styled(
            shown_count(lang, state.rows.len(), data.sets()[set].rows.len()),
            theme.muted(),
        ));
    }
    Line::from(spans)
}

/// Formats the model count: `9 models`, or `4 of 9 models` when the filters leave some out.
fn shown_count(lang: Lang, shown: usize, total: usize) -> String {
    if shown == total {
        return models_count(lang, total as u64);
    }
    format!(
        "{} {} {}",
        lang.int(shown as u64),
        lang.pick("of", "sur"),
        models_count(lang, total as u64)
    )
}
