//! French rendering of command-line parse errors. clap writes its errors in English only, so the
//! common kinds are rewritten from their context; rarer kinds keep clap's English text.

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// Renders `error` in French, or returns `None` for a kind this module does not translate.
pub fn render(error: &clap::Error) -> Option<String> {
    let text = |kind| match error.get(kind) {
        Some(ContextValue::String(value)) => Some(value.clone()),
        Some(ContextValue::Strings(values)) => Some(values.join(", ")),
        Some(ContextValue::StyledStr(value)) => Some(value.to_string()),
        _ => None,
    };
    let argument = text(ContextKind::InvalidArg).unwrap_or_default();
    let message = match error.kind() {
        ErrorKind::UnknownArgument => {
            let mut message = format!("argument inattendu « {argument} »");
            if let Some(suggested) = text(ContextKind::SuggestedArg) {
                message.push_str(&format!(" ; vouliez-vous dire « {suggested} » ?"));
            }
            message
        }
        ErrorKind::InvalidValue => {
            let value = text(ContextKind::InvalidValue).unwrap_or_default();
            let mut message = if value.is_empty() {
                format!("une valeur est requise pour « {argument} »")
            } else {
                format!("valeur invalide « {value} » pour « {argument} »")
            };
            if let Some(valid) = text(ContextKind::ValidValue) {
                message.push_str(&format!(" ; valeurs possibles : {valid}"));
            }
            message
        }
        ErrorKind::ValueValidation => {
            let value = text(ContextKind::InvalidValue).unwrap_or_default();
            format!("valeur invalide « {value} » pour « {argument} »")
        }
        ErrorKind::MissingRequiredArgument => {
            format!("argument obligatoire manquant : {argument}")
        }
        ErrorKind::InvalidSubcommand => {
            let subcommand = text(ContextKind::InvalidSubcommand).unwrap_or_default();
            let mut message = format!("sous-commande inconnue « {subcommand} »");
            if let Some(suggested) = text(ContextKind::SuggestedSubcommand) {
                message.push_str(&format!(" ; vouliez-vous dire « {suggested} » ?"));
            }
            message
        }
        ErrorKind::ArgumentConflict => {
            let other = text(ContextKind::PriorArg).unwrap_or_default();
            format!("l'argument « {argument} » ne peut pas être utilisé avec « {other} »")
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("nombre de valeurs incorrect pour « {argument} »")
        }
        _ => return None,
    };
    let usage = text(ContextKind::Usage)
        .map(|usage| format!("\n\n{}", usage.replace("Usage:", "Utilisation :").trim()))
        .filter(|usage| !usage.trim().is_empty())
        .unwrap_or_default();
    Some(format!(
        "erreur : {message}{usage}\n\nPour plus d'informations, essayez « --help ».\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::command;
    use crate::i18n::Lang;

    fn french_error(args: &[&str]) -> String {
        let error = command(Lang::Fr)
            .try_get_matches_from(args)
            .expect_err("the arguments are invalid");
        render(&error).unwrap_or_else(|| panic!("{:?} is not translated", error.kind()))
    }

    #[test]
    fn unknown_argument() {
        let message = french_error(&["slmscope", "--bogus"]);
        assert!(
            message.starts_with("erreur : argument inattendu « --bogus »"),
            "{message}"
        );
        assert!(message.contains("Utilisation :"), "{message}");
        assert!(!message.contains("Usage:"), "{message}");
    }

    #[test]
    fn invalid_and_missing_values() {
        let message = french_error(&["slmscope", "report", "--format", "xml"]);
        assert!(message.contains("valeur invalide « xml »"), "{message}");
        assert!(message.contains("valeurs possibles"), "{message}");
        let message = french_error(&["slmscope", "report", "--threshold"]);
        assert!(message.contains("une valeur est requise"), "{message}");
        let message = french_error(&["slmscope", "--lang", "de"]);
        assert!(message.contains("valeur invalide « de »"), "{message}");
    }

    #[test]
    fn missing_file_and_unknown_subcommand() {
        let message = french_error(&["slmscope", "import"]);
        assert!(
            message.contains("argument obligatoire manquant"),
            "{message}"
        );
        let message = french_error(&["slmscope", "frobnicate"]);
        assert!(
            message.contains("sous-commande inconnue « frobnicate »"),
            "{message}"
        );
    }
}
