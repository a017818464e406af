//! Parameter-count thresholds: the slider's log steps, parsing what a user types, and the field's
//! short spelling of counts (`7.6B`, `270M`).

use thiserror::Error;

/// The slider's steps, in parameters: the sizes the SLM/LLM debate keeps returning to.
pub const STEPS: [u64; 18] = [
    100_000_000,
    250_000_000,
    500_000_000,
    1_000_000_000,
    1_500_000_000,
    2_000_000_000,
    3_000_000_000,
    4_000_000_000,
    7_000_000_000,
    8_000_000_000,
    13_000_000_000,
    14_000_000_000,
    20_000_000_000,
    32_000_000_000,
    70_000_000_000,
    100_000_000_000,
    400_000_000_000,
    1_000_000_000_000,
];

/// The default threshold: 7B, the line most SLM studies draw.
pub const DEFAULT_THRESHOLD: u64 = 7_000_000_000;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ThresholdError {
    #[error(
        "invalid threshold {input:?}: expected a number with an optional unit M, B or T, such as 7B, 1.5b, 500M or 7000000000"
    )]
    Syntax { input: String },
    #[error(
        "invalid threshold {input:?}: it must be above 0 and at most 100T, with a unit, such as 500M, 7B or 1T"
    )]
    OutOfRange { input: String },
    #[error(
        "invalid threshold {input:?}: a number without a unit counts parameters one by one; add a unit, such as {input}B or {input}M"
    )]
    MissingUnit { input: String },
}

/// Unitless thresholds below this are rejected as a forgotten unit: `7` is far more likely to
/// mean 7B than seven parameters.
pub const MIN_UNITLESS: u64 = 1_000_000;

/// Parses a threshold such as `7B`, `1.5b`, `500M`, `1T`, `7000000000` or `7e9`.
///
/// `K` is rejected on purpose: in model names it is a context length, not a size.
pub fn parse_threshold(input: &str) -> Result<u64, ThresholdError> {
    let syntax = || ThresholdError::Syntax {
        input: input.to_string(),
    };
    // No-break spaces come from French prose such as `7,5 Md`, which the tour writes.
    let trimmed = input
        .trim()
        .replace('_', "")
        .replace(['\u{a0}', '\u{202f}'], " ");
    let trimmed = trimmed.trim();
    // `Md` (milliard) is the French abbreviation of a billion.
    let french_billions = trimmed
        .strip_suffix("Md")
        .or_else(|| trimmed.strip_suffix("md"));
    let (number, multiplier) = match trimmed.chars().last() {
        _ if french_billions.is_some() => (french_billions.unwrap_or_default(), 1e9),
        Some('m' | 'M') => (&trimmed[..trimmed.len() - 1], 1e6),
        Some('b' | 'B' | 'g' | 'G') => (&trimmed[..trimmed.len() - 1], 1e9),
        Some('t' | 'T') => (&trimmed[..trimmed.len() - 1], 1e12),
        Some(c) if c.is_ascii_digit() || c == '.' => (trimmed, 1.0),
        _ => return Err(syntax()),
    };
    let number = number.trim().replace(',', ".");
    let valid_chars = number
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+'));
    if number.is_empty() || !valid_chars || !number.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(syntax());
    }
    let value: f64 = number.parse().map_err(|_| syntax())?;
    let parameters = (value * multiplier).round();
    if !(1.0..=1e14).contains(&parameters) {
        return Err(ThresholdError::OutOfRange {
            input: input.to_string(),
        });
    }
    if multiplier == 1.0 && (parameters as u64) < MIN_UNITLESS {
        return Err(ThresholdError::MissingUnit {
            input: input.trim().to_string(),
        });
    }
    Ok(parameters as u64)
}

/// Formats a parameter count the way model cards write it: `270M`, `1.5B`, `7B`, `46.7B`, `1T`.
/// Counts under a million are written in thousands (`512K`) or as a plain integer.
pub fn format_params(parameters: u64) -> String {
    const UNITS: [(f64, &str); 3] = [(1e12, "T"), (1e9, "B"), (1e6, "M")];
    let value = parameters as f64;
    for (scale, unit) in UNITS {
        if value >= scale * 0.9995 {
            return format!("{}{unit}", trim_decimals(value / scale));
        }
    }
    if parameters >= 1_000 {
        return format!("{}K", trim_decimals(value / 1e3));
    }
    parameters.to_string()
}

/// One decimal below 100, none above; a trailing `.0` is dropped (`7B`, not `7.0B`).
fn trim_decimals(value: f64) -> String {
    let text = if value >= 100.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    };
    text.strip_suffix(".0").map(str::to_string).unwrap_or(text)
}

/// The step just below and just above `threshold` on the slider.
pub fn step_down(threshold: u64) -> u64 {
    STEPS
        .iter()
        .rev()
        .copied()
        .find(|step| *step < threshold)
        .unwrap_or(STEPS[0])
}

pub fn step_up(threshold: u64) -> u64 {
    STEPS
        .iter()
        .copied()
        .find(|step| *step > threshold)
        .unwrap_or(STEPS[STEPS.len() - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_units_and_case() {
        assert_eq!(parse_threshold("7B"), Ok(7_000_000_000));
        assert_eq!(parse_threshold("1.5b"), Ok(1_500_000_000));
        assert_eq!(parse_threshold("500M"), Ok(500_000_000));
        assert_eq!(parse_threshold("500m"), Ok(500_000_000));
        assert_eq!(parse_threshold("1T"), Ok(1_000_000_000_000));
        assert_eq!(parse_threshold(" 14B "), Ok(14_000_000_000));
        assert_eq!(parse_threshold("7000000000"), Ok(7_000_000_000));
        assert_eq!(parse_threshold("7e9"), Ok(7_000_000_000));
        assert_eq!(parse_threshold("7,5B"), Ok(7_500_000_000));
        assert_eq!(parse_threshold("7G"), Ok(7_000_000_000));
        assert_eq!(parse_threshold("7,5 Md"), Ok(7_500_000_000));
        assert_eq!(parse_threshold("7,5\u{a0}Md"), Ok(7_500_000_000));
        assert_eq!(parse_threshold("14md"), Ok(14_000_000_000));
        assert_eq!(parse_threshold("7_000_000_000"), Ok(7_000_000_000));
    }

    #[test]
    fn parse_rejects_bad_syntax() {
        for input in [
            "", "B", "7K", "7x", "seven", "-7B", "7BB", "1.2.3B", "0x10", ".5B",
        ] {
            assert_eq!(
                parse_threshold(input),
                Err(ThresholdError::Syntax {
                    input: input.to_string()
                }),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn unitless_small_numbers_need_unit() {
        for input in ["7", "1", "14", "999999"] {
            assert_eq!(
                parse_threshold(input),
                Err(ThresholdError::MissingUnit {
                    input: input.to_string()
                }),
                "input {input:?}"
            );
        }
        let message = parse_threshold("7").unwrap_err().to_string();
        assert!(message.contains("such as 7B or 7M"), "{message}");
        assert_eq!(parse_threshold("1000000"), Ok(1_000_000));
    }

    #[test]
    fn parse_rejects_out_of_range() {
        assert!(matches!(
            parse_threshold("0"),
            Err(ThresholdError::OutOfRange { .. })
        ));
        assert!(matches!(
            parse_threshold("1000T"),
            Err(ThresholdError::OutOfRange { .. })
        ));
    }

    #[test]
    fn error_names_value_and_fix() {
        let message = parse_threshold("7x").unwrap_err().to_string();
        assert!(message.contains("\"7x\""), "{message}");
        assert!(message.contains("such as 7B"), "{message}");
    }

    #[test]
    fn format_field_spelling() {
        assert_eq!(format_params(7_000_000_000), "7B");
        assert_eq!(format_params(7_615_616_512), "7.6B");
        assert_eq!(format_params(1_543_714_304), "1.5B");
        assert_eq!(format_params(268_098_176), "268M");
        assert_eq!(format_params(46_702_792_704), "46.7B");
        assert_eq!(format_params(1_000_000_000_000), "1T");
        assert_eq!(format_params(999_900_000), "1B");
        assert_eq!(format_params(512), "512");
        assert_eq!(format_params(11_684_096), "11.7M");
        assert_eq!(format_params(405_000_000_000), "405B");
    }

    #[test]
    fn steps_move_and_clamp() {
        assert_eq!(step_up(7_000_000_000), 8_000_000_000);
        assert_eq!(step_down(7_000_000_000), 4_000_000_000);
        assert_eq!(step_up(5_000_000_000), 7_000_000_000);
        assert_eq!(step_down(5_000_000_000), 4_000_000_000);
        assert_eq!(step_down(STEPS[0]), STEPS[0]);
        assert_eq!(step_up(STEPS[17]), STEPS[17]);
    }
}
