//! Messages of the operating system, serde_json and toml in the user's language. These libraries
//! write English only, so in French their messages are rewritten here from the error kind or
//! from the English text, keeping the line and column numbers. English messages are returned as
//! the library wrote them.

use std::io;

use super::Lang;

/// A library or OS message kept in both languages, for errors stored before the language that
/// shows them is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorText {
    english: String,
    french: String,
}

impl ErrorText {
    /// Keeps an OS error in both languages.
    pub fn io(error: &io::Error) -> ErrorText {
        ErrorText {
            english: error.to_string(),
            french: io_error(Lang::Fr, error),
        }
    }

    /// Keeps a text that is already written in both languages.
    pub fn new(english: String, french: String) -> ErrorText {
        ErrorText { english, french }
    }

    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.english, &self.french)
    }
}

/// Formats an OS error in `lang`. In French the error kind is named, followed by the OS error
/// code when there is one: `fichier ou dossier introuvable (erreur système 2)`.
pub fn io_error(lang: Lang, error: &io::Error) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    if let Some(code) = error.raw_os_error() {
        return format!("{} (erreur système {code})", io_kind_fr(error.kind()));
    }
    let Some(inner) = error.get_ref() else {
        return io_kind_fr(error.kind()).to_string();
    };
    if let Some(json) = inner.downcast_ref::<serde_json::Error>() {
        return json_error(lang, json);
    }
    if let Some(io) = inner.downcast_ref::<io::Error>() {
        return io_error(lang, io);
    }
    // Wrappers such as tempfile's path error keep the OS error as their source.
    if let Some(io) = inner
        .source()
        .and_then(|source| source.downcast_ref::<io::Error>())
    {
        return io_error(lang, io);
    }
    let text = inner.to_string();
    match text.as_str() {
        "stream did not contain valid UTF-8" => {
            "données invalides : le texte n'est pas en UTF-8 valide".to_string()
        }
        "failed to fill whole buffer" => io_kind_fr(io::ErrorKind::UnexpectedEof).to_string(),
        // A message of another library: the kind is named in French and the text kept, because
        // it may name the file or the value at fault.
        _ => format!("{} (« {text} »)", io_kind_fr(error.kind())),
    }
}

/// Names an OS error kind in French, as a lowercase phrase.
fn io_kind_fr(kind: io::ErrorKind) -> &'static str {
    use io::ErrorKind as Kind;
    match kind {
        Kind::NotFound => "fichier ou dossier introuvable",
        Kind::PermissionDenied => "permission refusée",
        Kind::AlreadyExists => "le fichier existe déjà",
        Kind::ReadOnlyFilesystem => "système de fichiers en lecture seule",
        Kind::StorageFull => "plus de place disponible sur le périphérique",
        Kind::QuotaExceeded => "quota de disque dépassé",
        Kind::FileTooLarge => "fichier trop volumineux",
        Kind::IsADirectory => "c'est un dossier",
        Kind::NotADirectory => "ce n'est pas un dossier",
        Kind::DirectoryNotEmpty => "dossier non vide",
        Kind::InvalidData => "données invalides",
        Kind::InvalidInput => "argument invalide",
        Kind::InvalidFilename => "nom de fichier invalide",
        Kind::UnexpectedEof => "fin de fichier inattendue",
        Kind::WriteZero => "écriture impossible : aucun octet écrit",
        Kind::Interrupted => "opération interrompue",
        Kind::TimedOut => "délai dépassé",
        Kind::WouldBlock => "ressource temporairement indisponible",
        Kind::BrokenPipe => "tube rompu",
        Kind::ConnectionRefused => "connexion refusée",
        Kind::ConnectionReset => "connexion réinitialisée par le correspondant",
        Kind::ConnectionAborted => "connexion interrompue",
        Kind::NotConnected => "non connecté",
        Kind::AddrInUse => "adresse déjà utilisée",
        Kind::AddrNotAvailable => "adresse indisponible",
        Kind::HostUnreachable => "hôte injoignable",
        Kind::NetworkUnreachable => "réseau injoignable",
        Kind::NetworkDown => "réseau hors service",
        Kind::ResourceBusy => "ressource occupée",
        Kind::ExecutableFileBusy => "fichier exécutable occupé",
        Kind::Deadlock => "interblocage évité",
        Kind::CrossesDevices => "opération impossible entre deux périphériques",
        Kind::TooManyLinks => "trop de liens",
        Kind::StaleNetworkFileHandle => "descripteur de fichier réseau périmé",
        Kind::NotSeekable => "déplacement impossible dans ce fichier",
        Kind::ArgumentListTooLong => "liste d'arguments trop longue",
        Kind::Unsupported => "opération non prise en charge",
        Kind::OutOfMemory => "mémoire insuffisante",
        _ => "erreur d'entrée-sortie",
    }
}

/// Formats a serde_json error in `lang`, with its line and column when it has them.
pub fn json_error(lang: Lang, error: &serde_json::Error) -> String {
    json_message(lang, &error.to_string())
}

/// Formats a message worded as serde_json words them (`expected value at line 1 column 1`) in
/// `lang`. In French a message this function does not know is quoted after `erreur JSON`.
pub fn json_message(lang: Lang, message: &str) -> String {
    if lang == Lang::En {
        return message.to_string();
    }
    let (core, position) = split_position(message);
    let french = json_core_fr(core);
    match position {
        Some((line, column)) => format!("{french} à la ligne {line}, colonne {column}"),
        None => french,
    }
}

/// Formats a serde_json message in `lang` without its ` at line L column C` ending, for
/// messages that give the position themselves.
pub fn json_message_without_position(lang: Lang, message: &str) -> String {
    let (core, _) = split_position(message);
    match lang {
        Lang::En => core.to_string(),
        Lang::Fr => json_core_fr(core),
    }
}

/// Splits ` at line L column C` off the end of a serde_json message.
fn split_position(message: &str) -> (&str, Option<(usize, usize)>) {
    let Some(start) = message.rfind(" at line ") else {
        return (message, None);
    };
    let rest = &message[start + " at line ".len()..];
    let parsed = rest.split_once(" column ").and_then(|(line, column)| {
        Some((line.parse::<usize>().ok()?, column.parse::<usize>().ok()?))
    });
    match parsed {
        Some(position) => (&message[..start], Some(position)),
        None => (message, None),
    }
}

/// Translates a serde_json message without its position.
fn json_core_fr(core: &str) -> String {
    let fixed = match core {
        "EOF while parsing a list" => Some("fin de fichier inattendue dans une liste"),
        "EOF while parsing an object" => Some("fin de fichier inattendue dans un objet"),
        "EOF while parsing a string" => Some("fin de fichier inattendue dans une chaîne"),
        "EOF while parsing a value" => Some("fin de fichier inattendue, une valeur était attendue"),
        "expected `:`" => Some("`:` attendu"),
        "expected `,` or `]`" => Some("`,` ou `]` attendu"),
        "expected `,` or `}`" => Some("`,` ou `}` attendu"),
        "expected ident" => Some("identifiant attendu"),
        "expected value" => Some("valeur attendue"),
        "expected `\"`" => Some("`\"` attendu"),
        "invalid escape" => Some("séquence d'échappement invalide"),
        "invalid number" => Some("nombre invalide"),
        "number out of range" => Some("nombre hors limites"),
        "invalid unicode code point" => Some("point de code Unicode invalide"),
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            Some("caractère de contrôle (\\u0000-\\u001F) dans une chaîne")
        }
        "key must be a string" => Some("une clé doit être une chaîne"),
        "invalid value: expected key to be a number in quotes" => {
            Some("valeur invalide : la clé doit être un nombre entre guillemets")
        }
        "float key must be finite (got NaN or +/-inf)" => {
            Some("une clé décimale doit être finie (NaN ou infini trouvé)")
        }
        "lone leading surrogate in hex escape" => {
            Some("demi-code d'indirection isolé dans un échappement hexadécimal")
        }
        "trailing comma" => Some("virgule en trop"),
        "trailing characters" => Some("caractères en trop après la valeur"),
        "unexpected end of hex escape" => Some("fin inattendue d'un échappement hexadécimal"),
        "recursion limit exceeded" => Some("limite d'imbrication dépassée"),
        _ => None,
    };
    if let Some(fixed) = fixed {
        return fixed.to_string();
    }

    if let Some(rest) = core.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.rsplit_once(", expected ")
    {
        return format!(
            "type invalide : {}, attendu {}",
            unexpected_fr(found),
            expected_fr(expected)
        );
    }
    if let Some(rest) = core.strip_prefix("invalid value: ")
        && let Some((found, expected)) = rest.rsplit_once(", expected ")
    {
        return format!(
            "valeur invalide : {}, attendu {}",
            unexpected_fr(found),
            expected_fr(expected)
        );
    }
    if let Some(rest) = core.strip_prefix("invalid length ")
        && let Some((length, expected)) = rest.split_once(", expected ")
    {
        return format!(
            "longueur invalide {length}, attendu {}",
            expected_fr(expected)
        );
    }

    if let Some(name) = core.strip_prefix("missing field ") {
        return format!("champ manquant {name}");
    }
    if let Some(name) = core.strip_prefix("duplicate field ") {
        return format!("champ en double {name}");
    }
    for (prefix, french) in [
        ("unknown field ", "champ inconnu "),
        ("unknown variant ", "variante inconnue "),
    ] {
        if let Some(rest) = core.strip_prefix(prefix) {
            let rest = rest
                .replace(", expected one of ", ", attendu l'un de ")
                .replace(", expected ", ", attendu ")
                .replace(", there are no fields", ", aucun champ n'est accepté")
                .replace(", there are no variants", ", aucune variante n'existe");
            return format!("{french}{rest}");
        }
    }

    if core.starts_with("EOF while parsing") {
        return "fin de fichier inattendue".to_string();
    }
    format!("erreur JSON (« {core} »)")
}

/// Translates serde's description of an unexpected value: `string "x"`, `integer `5``.
fn unexpected_fr(found: &str) -> String {
    for (english, french) in [
        ("string ", "chaîne "),
        ("integer ", "entier "),
        ("floating point ", "nombre décimal "),
        ("boolean ", "booléen "),
        ("character ", "caractère "),
    ] {
        if let Some(value) = found.strip_prefix(english) {
            return format!("{french}{value}");
        }
    }
    match found {
        "map" => "objet".to_string(),
        "sequence" => "liste".to_string(),
        "unit value" => "valeur vide".to_string(),
        "byte array" => "tableau d'octets".to_string(),
        "enum" => "énumération".to_string(),
        other => other.to_string(),
    }
}

/// Translates serde's description of the expected value: `a string`, `struct HubModel`. Rust
/// type names such as `u64` are kept.
fn expected_fr(expected: &str) -> String {
    if let Some((kind, count)) = expected.rsplit_once(" with ")
        && let Some(count) = count
            .strip_suffix(" elements")
            .or_else(|| count.strip_suffix(" element"))
    {
        let noun = if count == "1" || count == "0" {
            "élément"
        } else {
            "éléments"
        };
        return format!("{} à {count} {noun}", expected_fr(kind));
    }
    if let Some(name) = expected.strip_prefix("struct ") {
        return format!("la structure {name}");
    }
    if let Some(name) = expected.strip_prefix("enum ") {
        return format!("l'énumération {name}");
    }
    match expected {
        "a string" | "a borrowed string" => "une chaîne".to_string(),
        "a boolean" => "un booléen".to_string(),
        "a sequence" => "une liste".to_string(),
        "a map" => "un objet".to_string(),
        "an integer" => "un entier".to_string(),
        "a number" => "un nombre".to_string(),
        "a character" => "un caractère".to_string(),
        "any valid JSON value" => "une valeur JSON valide".to_string(),
        "option" => "une valeur facultative".to_string(),
        "unit" => "une valeur vide".to_string(),
        other => other.to_string(),
    }
}

/// Formats the message of a TOML parse error (`toml::de::Error::message`) in `lang`. The toml
/// crate writes a description, then `, expected` and the expected tokens.
pub fn toml_message(lang: Lang, message: &str) -> String {
    if lang == Lang::En {
        return message.to_string();
    }
    let message = message.trim();
    let (description, expected) = match message.split_once(", expected ") {
        Some((description, expected)) => (description, Some(expected)),
        None => (message, None),
    };
    let mut french = toml_description_fr(description);
    if let Some(expected) = expected {
        let tokens: Vec<String> = expected.split(", ").map(toml_token_fr).collect();
        french.push_str(" ; attendu : ");
        french.push_str(&tokens.join(", "));
    }
    french
}

/// Translates the description of a toml parse error.
fn toml_description_fr(description: &str) -> String {
    let french = match description {
        "carriage return must be followed by newline" => {
            "un retour chariot doit être suivi d'un saut de ligne"
        }
        "missing opening quote" => "guillemet ouvrant manquant",
        "missing comma between array elements" => "virgule manquante entre deux éléments de liste",
        "integers with a radix cannot be signed" => {
            "un entier avec une base ne peut pas avoir de signe"
        }
        "radix must be lowercase" => "la base doit être en minuscules",
        "missing assignment between key-value pairs" => "`=` manquant entre la clé et la valeur",
        "missing escaped value" => "valeur échappée manquante",
        "unexpected leading zero" => "zéro initial inattendu",
        "unclosed array table" => "tableau de tables non fermé",
        "missing key for inline table element" => "clé manquante dans une table en ligne",
        "missing inline table opening" => "`{` manquant en début de table en ligne",
        "missing array opening" => "`[` manquant en début de liste",
        "invalid unquoted key" => "clé sans guillemets invalide",
        "cannot recurse further; max recursion depth met" => "limite d'imbrication atteinte",
        "unquoted keys cannot be empty" => "une clé sans guillemets ne peut pas être vide",
        "invalid multi-line basic string" => "chaîne multiligne invalide",
        "invalid basic string" => "chaîne invalide",
        "invalid literal string" => "chaîne littérale invalide",
        "invalid multi-line literal string" => "chaîne littérale multiligne invalide",
        "invalid string" => "chaîne invalide",
        "unexpected sign" => "signe inattendu",
        "unexpected key or value" => "clé ou valeur inattendue",
        "unexpected content" => "contenu inattendu",
        "unexpected content between comment and newline" => {
            "contenu inattendu entre le commentaire et la fin de ligne"
        }
        "unexpected `=` in array" => "`=` inattendu dans une liste",
        "unclosed table" => "table non fermée",
        "unclosed inline table" => "table en ligne non fermée",
        "unclosed array" => "liste non fermée",
        "too few unicode value digits" => "trop peu de chiffres dans la valeur Unicode",
        "string values must be quoted" => "une valeur texte doit être entre guillemets",
        "redundant numeric sign" => "signe en double",
        "redundant integer number prefix" => "préfixe de base en double",
        "missing value" => "valeur manquante",
        "missing value for key" => "valeur manquante pour la clé",
        "missing table open" => "`[` manquant en début de table",
        "missing comment start" => "`#` manquant en début de commentaire",
        "missing comma between key-value pairs" => "virgule manquante entre deux paires clé-valeur",
        "keys cannot be multi-line literal strings" => {
            "une clé ne peut pas être une chaîne littérale multiligne"
        }
        "keys cannot be multi-line basic strings" => {
            "une clé ne peut pas être une chaîne multiligne"
        }
        "key with no value" => "clé sans valeur",
        "invalid value" => "valeur invalide",
        "invalid key-value pair" => "paire clé-valeur invalide",
        "invalid inline table element" => "élément de table en ligne invalide",
        "invalid comment character" => "caractère invalide dans un commentaire",
        "extra comma in inline table" => "virgule en trop dans une table en ligne",
        "extra comma in array" => "virgule en trop dans une liste",
        "extra assignment between key-value pairs" => "`=` en trop entre la clé et la valeur",
        "extra `=`" => "`=` en trop",
        "`_` may only go between digits" => "`_` n'est permis qu'entre deux chiffres",
        "duplicate key" => "clé en double",
        _ => {
            if let Some(key) = description.strip_prefix("duplicate key ") {
                return format!("clé en double {key}");
            }
            if let Some(rest) = description.strip_prefix("invalid table header\nduplicate key ") {
                return format!("en-tête de table invalide : clé en double {rest}");
            }
            return format!("erreur de syntaxe TOML (« {description} »)");
        }
    };
    french.to_string()
}

/// Translates an expected token of a toml parse error. Literal tokens are kept as written.
fn toml_token_fr(token: &str) -> String {
    let french = match token {
        "nothing" => "rien",
        "newline" => "une fin de ligne",
        "key" => "une clé",
        "value" => "une valeur",
        "numbers" => "des chiffres",
        "digits" => "des chiffres",
        "letters" => "des lettres",
        "literal string" => "une chaîne littérale",
        "basic string" => "une chaîne",
        "multi-line basic string" => "une chaîne multiligne",
        "unicode hexadecimal value" => "une valeur Unicode hexadécimale",
        "printable characters" => "des caractères imprimables",
        "characters" => "des caractères",
        "non-single-quote visible characters" => "des caractères visibles autres que `'`",
        "non-single-quote characters" => "des caractères autres que `'`",
        "non-double-quote visible characters" => "des caractères visibles autres que `\"`",
        other => other,
    };
    french.to_string()
}

/// Formats an SQLite error in `lang`. In French the result code is named, with SQLite's own
/// number: `la base est verrouillée par un autre processus (code SQLite 5)`.
pub fn sqlite_error(lang: Lang, error: &rusqlite::Error) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    use rusqlite::ErrorCode;
    match error {
        rusqlite::Error::SqliteFailure(failure, _) => {
            let text = match failure.code {
                ErrorCode::DatabaseBusy => "la base est occupée par un autre processus",
                ErrorCode::DatabaseLocked => "la base est verrouillée par un autre processus",
                ErrorCode::DiskFull => "le disque est plein",
                ErrorCode::ReadOnly => "la base est en lecture seule",
                ErrorCode::DatabaseCorrupt => "le fichier de la base est abîmé",
                ErrorCode::NotADatabase => "le fichier n'est pas une base SQLite",
                ErrorCode::CannotOpen => "impossible d'ouvrir le fichier de la base",
                ErrorCode::SystemIoFailure => "erreur d'entrée-sortie du disque",
                ErrorCode::PermissionDenied => "accès refusé",
                ErrorCode::OutOfMemory => "mémoire insuffisante",
                ErrorCode::OperationInterrupted => "opération interrompue",
                ErrorCode::ConstraintViolation => "une contrainte de la base n'est pas respectée",
                ErrorCode::FileLockingProtocolFailed => "le verrouillage du fichier a échoué",
                ErrorCode::TooBig => "une valeur est trop grande pour la base",
                ErrorCode::SchemaChanged => "le schéma de la base a changé pendant la lecture",
                _ => "erreur SQLite",
            };
            format!("{text} (code SQLite {})", failure.extended_code)
        }
        rusqlite::Error::QueryReturnedNoRows => "aucune ligne trouvée".to_string(),
        rusqlite::Error::FromSqlConversionFailure(column, ..)
        | rusqlite::Error::InvalidColumnType(column, ..)
        | rusqlite::Error::IntegralValueOutOfRange(column, _) => {
            format!("valeur inattendue dans la colonne {column} de la base")
        }
        // The remaining kinds are programming errors (a bad query, a wrong parameter count),
        // which no input should reach: their English detail is kept for the bug report.
        other => format!("erreur SQLite : {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_kinds_in_french() {
        let cases = [
            (2, "fichier ou dossier introuvable (erreur système 2)"),
            (13, "permission refusée (erreur système 13)"),
            (17, "le fichier existe déjà (erreur système 17)"),
            (21, "c'est un dossier (erreur système 21)"),
            (
                28,
                "plus de place disponible sur le périphérique (erreur système 28)",
            ),
            (
                30,
                "système de fichiers en lecture seule (erreur système 30)",
            ),
        ];
        for (code, french) in cases {
            let error = io::Error::from_raw_os_error(code);
            assert_eq!(io_error(Lang::Fr, &error), french);
            assert!(!io_error(Lang::Fr, &error).contains("os error"));
            assert_eq!(io_error(Lang::En, &error), error.to_string());
        }
    }

    #[test]
    fn io_custom_errors_in_french() {
        let utf8 = std::fs::read_to_string("/proc/self/cmdline")
            .err()
            .unwrap_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    "stream did not contain valid UTF-8",
                )
            });
        assert_eq!(utf8.kind(), io::ErrorKind::InvalidData);
        let message = io_error(Lang::Fr, &utf8);
        assert!(message.starts_with("données invalides"), "{message}");

        let simple = io::Error::from(io::ErrorKind::UnexpectedEof);
        assert_eq!(io_error(Lang::Fr, &simple), "fin de fichier inattendue");

        let json = serde_json::from_str::<serde_json::Value>("[1,").unwrap_err();
        let wrapped = io::Error::new(io::ErrorKind::InvalidData, json);
        let message = io_error(Lang::Fr, &wrapped);
        assert!(message.contains("à la ligne 1, colonne 3"), "{message}");
    }

    #[test]
    fn json_syntax_keeps_position() {
        let error = serde_json::from_str::<serde_json::Value>("\n  x").unwrap_err();
        assert_eq!(error.to_string(), "expected value at line 2 column 3");
        assert_eq!(
            json_error(Lang::Fr, &error),
            "valeur attendue à la ligne 2, colonne 3"
        );
        assert_eq!(json_error(Lang::En, &error), error.to_string());
    }

    #[test]
    fn json_eof_and_types() {
        let eof = serde_json::from_str::<serde_json::Value>("{\"a\": [1").unwrap_err();
        let message = json_error(Lang::Fr, &eof);
        assert!(
            message.starts_with("fin de fichier inattendue"),
            "{message}"
        );
        assert!(message.contains("colonne 8"), "{message}");

        let wrong = serde_json::from_str::<Vec<u64>>("[\"x\"]").unwrap_err();
        assert_eq!(
            json_error(Lang::Fr, &wrong),
            "type invalide : chaîne \"x\", attendu u64 à la ligne 1, colonne 4"
        );

        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Record {
            id: String,
        }
        let missing = serde_json::from_str::<Record>("{}").unwrap_err();
        let message = json_error(Lang::Fr, &missing);
        assert!(message.starts_with("champ manquant `id`"), "{message}");
        let number = serde_json::from_str::<Record>("5").unwrap_err();
        assert_eq!(
            json_error(Lang::Fr, &number),
            "type invalide : entier `5`, attendu la structure Record à la ligne 1, colonne 1"
        );
        let list = serde_json::from_str::<Record>("[]").unwrap_err();
        let message = json_error(Lang::Fr, &list);
        assert!(
            message.starts_with("longueur invalide 0, attendu la structure Record à 1 élément"),
            "{message}"
        );
    }

    #[test]
    fn json_unknown_message_is_quoted() {
        assert_eq!(
            json_message(Lang::Fr, "something new at line 3 column 4"),
            "erreur JSON (« something new ») à la ligne 3, colonne 4"
        );
        assert_eq!(json_message(Lang::Fr, "trailing comma"), "virgule en trop");
    }

    #[test]
    fn json_message_drops_position() {
        let message = "expected value at line 2 column 7";
        assert_eq!(
            json_message_without_position(Lang::En, message),
            "expected value"
        );
        assert_eq!(
            json_message_without_position(Lang::Fr, message),
            "valeur attendue"
        );
        assert_eq!(
            json_message_without_position(Lang::Fr, "trailing comma"),
            "virgule en trop"
        );
    }

    fn toml_error(text: &str) -> String {
        toml::de::DeTable::parse(text)
            .unwrap_err()
            .message()
            .to_string()
    }

    #[test]
    fn toml_messages_in_french() {
        let english = toml_error("threshold = \n");
        let french = toml_message(Lang::Fr, &english);
        assert!(!french.contains("expected"), "{english} → {french}");
        assert!(
            !french.contains("erreur de syntaxe TOML"),
            "{english} → {french}"
        );
        assert_eq!(toml_message(Lang::En, &english), english);

        for text in ["[keys\n", "a = \"x\n", "a = [1 2]\n", "= 3\n", "a = 01\n"] {
            let english = toml_error(text);
            let french = toml_message(Lang::Fr, &english);
            assert!(
                !french.contains("erreur de syntaxe TOML"),
                "{text:?}: {english} → {french}"
            );
        }
    }

    #[test]
    fn toml_duplicate_key_in_french() {
        for text in [
            "lang = \"fr\"\nlang = \"en\"\n",
            "[tui]\na = 1\n[tui]\nb = 2\n",
        ] {
            let english = toml_error(text);
            let french = toml_message(Lang::Fr, &english);
            assert!(french.starts_with("clé en double"), "{english} → {french}");
            assert!(!french.contains("duplicate"), "{english} → {french}");
        }
    }

    #[test]
    fn sqlite_errors_in_french() {
        let locked = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            Some("database is locked".to_string()),
        );
        assert_eq!(
            sqlite_error(Lang::Fr, &locked),
            "la base est occupée par un autre processus (code SQLite 5)"
        );
        assert_eq!(sqlite_error(Lang::En, &locked), locked.to_string());
        let full = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
            None,
        );
        assert!(sqlite_error(Lang::Fr, &full).starts_with("le disque est plein"));
    }
}
