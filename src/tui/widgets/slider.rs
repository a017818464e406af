//! The threshold slider: one tick per step, the knob at the threshold (between ticks for a typed
//! value), the track styled SLM on the left and LLM on the right, and step labels that fit.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::analysis::format_params;
use crate::tui::class::Class;
use crate::tui::theme::Theme;

/// Columns left free at each end of the track, since labels may stick out by half their width.
const MARGIN: u16 = 2;

/// Returns the index of the step whose tick is nearest to column `x` on a slider of `steps`
/// steps drawn in `area`. A column beyond an end gives that end's step, and a slider too small
/// to draw gives `None`.
pub fn step_at(steps: usize, area: Rect, x: u16) -> Option<usize> {
    if area.width < 8 || steps < 2 {
        return None;
    }
    let track = area.width - 2 * MARGIN;
    let column = x.saturating_sub(area.x + MARGIN).min(track - 1);
    let last = (steps - 1) as f64;
    Some((f64::from(column) / f64::from(track - 1) * last).round() as usize)
}

pub struct Slider<'a> {
    /// Ascending step values, at least two.
    pub steps: &'a [u64],
    pub value: u64,
    pub theme: &'a Theme,
}

impl Slider<'_> {
    /// Places `value` in step units, clamped to the ends: 2.0 on the third step, 2.5 halfway
    /// to the fourth in log space.
    fn position(&self) -> f64 {
        let value = self
            .value
            .clamp(self.steps[0], self.steps[self.steps.len() - 1]);
        let upper = self.steps.partition_point(|&step| step < value);
        if self.steps[upper] == value || upper == 0 {
            return upper as f64;
        }
        let (low, high) = (self.steps[upper - 1] as f64, self.steps[upper] as f64);
        (upper - 1) as f64 + (value as f64 / low).ln() / (high / low).ln()
    }
}

impl Widget for Slider<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height == 0 || area.width < 8 || self.steps.len() < 2 {
            return;
        }
        let margin = MARGIN;
        let track = area.width - 2 * margin;
        let last = (self.steps.len() - 1) as f64;
        let column =
            |position: f64| area.x + margin + (position / last * (track - 1) as f64).round() as u16;
        let knob = column(self.position());

        for x in area.x + margin..area.x + margin + track {
            let class = if x < knob { Class::Slm } else { Class::Llm };
            buf[(x, area.y)]
                .set_char('─')
                .set_style(self.theme.bar(class));
        }
        for index in 0..self.steps.len() {
            let x = column(index as f64);
            let class = if x < knob { Class::Slm } else { Class::Llm };
            buf[(x, area.y)]
                .set_char('┼')
                .set_style(self.theme.bar(class));
        }
        buf[(knob, area.y)]
            .set_char('●')
            .set_style(self.theme.marker());
        if self.value < self.steps[0] {
            buf.set_string(area.x, area.y, "◀", self.theme.marker());
        }
        if self.value > self.steps[self.steps.len() - 1] {
            buf.set_string(area.x + area.width - 1, area.y, "▶", self.theme.marker());
        }

        if area.height < 2 {
            return;
        }
        // Labels: the selected step first, then the others from the left where they fit.
        let mut placed: Vec<(u16, usize)> = Vec::new();
        let selected = self.steps.iter().position(|&step| step == self.value);
        let order = selected.into_iter().chain(0..self.steps.len());
        for index in order {
            if placed.iter().any(|&(_, taken_index)| taken_index == index) {
                continue;
            }
            let text = format_params(self.steps[index]);
            let width = text.chars().count() as u16;
            let center = column(index as f64);
            let start = center
                .saturating_sub(width / 2)
                .clamp(area.x, area.x + area.width - width);
            let end = start + width;
            let free = placed.iter().all(|&(other_start, other_index)| {
                let other_width = format_params(self.steps[other_index]).chars().count() as u16;
                end < other_start || start > other_start + other_width
            });
            if !free {
                continue;
            }
            let style = if Some(index) == selected {
                self.theme.marker()
            } else {
                self.theme.muted()
            };
            buf.set_string(start, area.y + 1, &text, style);
            placed.push((start, index));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::STEPS;

    fn rendered(value: u64, width: u16) -> (String, String) {
        let theme = Theme::new(true);
        let mut buf = Buffer::empty(Rect::new(0, 0, width, 2));
        Slider {
            steps: &STEPS,
            value,
            theme: &theme,
        }
        .render(buf.area, &mut buf);
        let row = |y| {
            (0..width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect()
        };
        (row(0), row(1))
    }

    #[test]
    fn step_at_inverts_the_ticks() {
        for width in [40u16, 76, 196] {
            let area = Rect::new(3, 5, width, 2);
            for (index, step) in STEPS.iter().enumerate() {
                let (track, _) = rendered(*step, width);
                let knob = track.chars().position(|c| c == '●').unwrap() as u16;
                assert_eq!(
                    step_at(STEPS.len(), area, area.x + knob),
                    Some(index),
                    "{width}"
                );
            }
            assert_eq!(step_at(STEPS.len(), area, 0), Some(0), "left of the track");
            assert_eq!(step_at(STEPS.len(), area, 500), Some(STEPS.len() - 1));
        }
        assert_eq!(step_at(STEPS.len(), Rect::new(0, 0, 7, 2), 3), None);
    }

    #[test]
    fn knob_moves_with_the_value() {
        let (low, _) = rendered(STEPS[1], 76);
        let (high, _) = rendered(STEPS[10], 76);
        let knob = |row: &str| row.chars().position(|c| c == '●').unwrap();
        assert!(knob(&low) < knob(&high));
        assert_eq!(low.chars().filter(|&c| c == '┼').count(), STEPS.len() - 1);
    }

    #[test]
    fn selected_step_is_always_labelled() {
        for step in STEPS {
            let (_, labels) = rendered(step, 76);
            assert!(
                labels.contains(&format_params(step)),
                "{labels:?} lacks {step}"
            );
        }
    }

    #[test]
    fn typed_value_between_steps_sits_between_ticks() {
        let slider = Slider {
            steps: &STEPS,
            value: 5_000_000_000,
            theme: &Theme::new(true),
        };
        let position = slider.position();
        assert!(position > 7.0, "{position}");
        assert!(position < 8.0, "{position}");
    }
}
