//! French help: clap writes its own headings in English, so the French command replaces the
//! template, the headings and every help line, and spells defaults and possible values out.

use clap::Command;

const TEMPLATE: &str = "{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}";
// A no-break space before the colon clap appends, as French typography wants.
const OPTIONS: &str = "Options\u{a0}";
const ARGUMENTS: &str = "Arguments\u{a0}";
const FILTERS: &str = "Filtres\u{a0}";

/// French value names of arguments, by argument id.
const VALUE_NAMES: &[(&str, &str)] = &[
    ("db", "CHEMIN"),
    ("config", "CHEMIN"),
    ("lang", "LANGUE"),
    ("threshold", "VALEUR"),
    ("thresholds", "VALEUR"),
    ("files", "FICHIER"),
    ("query", "TEXTE"),
    ("assets", "DOSSIER"),
    ("endpoint", "URL"),
    ("limit", "N"),
    ("author", "NOM"),
    ("pipeline_tag", "TÂCHE"),
    ("filters", "TAG"),
    ("details_ids", "ID"),
    ("search", "TEXTE"),
    ("sort", "ORDRE"),
    ("format", "FORMAT"),
    ("task", "TÂCHE"),
    ("library", "BIBLIOTHÈQUE"),
    ("created_after", "DATE"),
    ("min_params", "VALEUR"),
    ("max_params", "VALEUR"),
    ("exclude", "TYPE"),
    ("unknown", "CHOIX"),
    ("bigcodebench_set", "ENSEMBLE"),
    ("margin", "POINTS"),
    ("models", "N"),
    ("seed", "GRAINE"),
    ("out", "FICHIER"),
    ("theme", "THÈME"),
];

/// French help of the filter flags `models` and `report` share.
const FILTER_HELP: &ArgHelp = &[
    (
        "task",
        "Garder les modèles de ce pipeline_tag, par exemple text-generation",
    ),
    (
        "library",
        "Garder les modèles de cette library_name, par exemple transformers",
    ),
    (
        "author",
        "Garder les modèles dont l'id commence par ce propriétaire (utilisateur ou organisation), sans tenir compte de la casse",
    ),
    (
        "created_after",
        "Garder les modèles créés ce jour ou après, au format AAAA-MM-JJ ; les dates de création inconnues sont exclues",
    ),
    (
        "min_params",
        "Garder les modèles d'au moins ce nombre de paramètres (7B, 1.5b, 500M) ; les tailles inconnues restent",
    ),
    (
        "max_params",
        "Garder les modèles d'au plus ce nombre de paramètres (7B, 1.5b, 500M) ; les tailles inconnues restent",
    ),
    (
        "exclude",
        "Exclure les dépôts de ces types : quantized, merged, gguf (séparés par des virgules ou option répétée)",
    ),
    (
        "unknown",
        "Garder (include) ou exclure (exclude) les modèles de taille inconnue (défaut : include)",
    ),
];

/// Subcommands that take the filter flags.
const FILTERED_SUBCOMMANDS: [&str; 2] = ["models", "report"];

/// (argument id, French help) of the top-level command; global ones reach every subcommand.
const TOP_LEVEL: &[(&str, &str)] = &[
    (
        "db",
        "Cache SQLite ; `import`, `import-benchmarks`, `sync` et `build-reference` le créent s'il n'existe pas (défaut : `cache` du fichier de configuration, sinon cache.db)",
    ),
    (
        "config",
        "Fichier de configuration (défaut : $SLMSCOPE_CONFIG, sinon $XDG_CONFIG_HOME/slmscope/config.toml)",
    ),
    (
        "lang",
        "Langue des écrans et des messages : en ou fr (défaut : `lang` du fichier de configuration, sinon d'après LC_ALL, LC_MESSAGES ou LANG)",
    ),
    (
        "threshold",
        "Seuil initial de l'interface, en paramètres : 7B, 1.5b, 500M (défaut : `threshold` du fichier de configuration, sinon 7B)",
    ),
    ("help", "Afficher l'aide"),
    ("version", "Afficher la version"),
];

/// (argument id, French help) pairs.
type ArgHelp = [(&'static str, &'static str)];

/// (subcommand, French about, French help of its arguments).
const SUBCOMMANDS: &[(&str, &str, &ArgHelp)] = &[
    (
        "import",
        "Importer dans le cache des fichiers JSON de l'API du Hub (tableaux, enregistrements seuls ou JSON Lines)",
        &[(
            "files",
            "Fichiers enregistrés depuis GET /api/models ou GET /api/models/{id}",
        )],
    ),
    (
        "import-benchmarks",
        "Importer des fichiers de résultats de classements (CSV de l'Open LLM Leaderboard v1 et v2, results.json de BigCodeBench et d'EvalPlus, CSV générique) et les relier aux modèles du Hub en cache",
        &[
            (
                "files",
                "Fichiers de classement ; le format est reconnu d'après le contenu",
            ),
            (
                "bigcodebench_set",
                "Ensemble des fichiers BigCodeBench, que leur contenu ne dit pas : full (complet) ou hard (difficile) [par défaut : lu dans un « full » ou « hard » du nom du fichier]",
            ),
        ],
    ),
    (
        "models",
        "Lister les modèles du cache, une ligne par modèle",
        &[
            (
                "query",
                "Ne garder que les identifiants proches de ce texte (recherche floue), les meilleurs d'abord",
            ),
            (
                "format",
                "Format de sortie : text, json ou csv (défaut : text)",
            ),
        ],
    ),
    (
        "report",
        "Afficher la répartition SLM/LLM, les tâches, les tags et les verdicts de benchmark à un ou plusieurs seuils, sans interface",
        &[
            (
                "thresholds",
                "Seuil en paramètres (7B, 1.5b, 500M) ; répétez l'option pour plusieurs seuils (défaut : 1B, 7B, 14B)",
            ),
            (
                "compare",
                "Deux seuils à comparer, A puis B (7B, 1.5b, 500M) : les modèles qui changent de classe entre les deux (défaut : 7B 14B)",
            ),
            (
                "margin",
                "Marge des verdicts de benchmark, en points de score de 0 à 100 : le plus petit modèle à au plus cette distance du meilleur score est indiqué (défaut : 5)",
            ),
            (
                "format",
                "Format de sortie : text, json, csv ou md (tableaux Markdown à coller dans des diapositives) (défaut : text)",
            ),
        ],
    ),
    (
        "sync",
        "Remplir le cache depuis l'API du Hub, page par page ; la même commande reprend une synchronisation interrompue",
        &[
            (
                "endpoint",
                "Racine de l'API du Hub (défaut : $HF_ENDPOINT, sinon https://huggingface.co)",
            ),
            ("limit", "Nombre de modèles à récupérer (défaut : 10000)"),
            ("all", "Récupérer tous les modèles de la requête"),
            (
                "search",
                "Garder les modèles dont propriétaire/nom contient ce texte",
            ),
            (
                "author",
                "Garder les modèles de ce propriétaire ou de cette organisation",
            ),
            ("pipeline_tag", "Garder les modèles de cette tâche"),
            (
                "filters",
                "Garder les modèles portant ce tag (gguf, en, license:mit…) ; répétez l'option pour en exiger plusieurs",
            ),
            (
                "sort",
                "Ordre de la liste, toujours décroissant : downloads, likes, trendingScore, createdAt ou lastModified",
            ),
            (
                "restart",
                "Recommencer au lieu de reprendre une synchronisation inachevée de la même requête",
            ),
            (
                "resume",
                "Reprendre la synchronisation inachevée la plus récente, quelles que soient ses options",
            ),
            (
                "details",
                "Puis récupérer le document complet (config, model-index) des N modèles les plus téléchargés",
            ),
            (
                "details_ids",
                "Puis récupérer le document complet de ce modèle ; répétez l'option pour plusieurs",
            ),
        ],
    ),
    (
        "synth",
        "Écrire des enregistrements synthétiques du Hub (JSON Lines) tirés de distributions ajustées sur des données enregistrées du Hub, pour tester et mesurer slmscope à l'échelle du Hub entier",
        &[
            ("models", "Nombre d'enregistrements à écrire"),
            (
                "seed",
                "Graine du générateur aléatoire : la même graine et le même nombre d'enregistrements donnent le même fichier (défaut : 0)",
            ),
            ("out", "Fichier à écrire ; son dossier doit exister"),
            ("force", "Écraser le fichier s'il existe"),
        ],
    ),
    (
        "tour",
        "Présenter les quatre questions de l'étude une étape à la fois, chaque volet sous une légende calculée d'après le cache, pour un exposé",
        &[
            (
                "threshold",
                "Seuil de départ, en paramètres : 7B, 1.5b, 500M (défaut : `threshold` du fichier de configuration, sinon 7B)",
            ),
            (
                "theme",
                "Thème de couleurs : dark, light, high-contrast ou color-blind (défaut : high-contrast, quel que soit le fichier de configuration)",
            ),
        ],
    ),
    (
        "build-reference",
        "Reconstruire dans le cache le jeu de référence (modèles et résultats de benchmarks) à partir des fichiers CSV",
        &[(
            "assets",
            "Dossier contenant reference_models.csv et benchmarks.csv (défaut : assets)",
        )],
    ),
];

/// Returns `command` with French help text.
pub fn localize(command: Command) -> Command {
    let mut command = localize_args(command, TOP_LEVEL)
        .about("Explorer où finissent les petits modèles de langue (SLM) et où commencent les grands (LLM) sur le Hugging Face Hub")
        .help_template(TEMPLATE)
        .subcommand_help_heading("Commandes\u{a0}")
        .subcommand_value_name("COMMANDE");
    for (name, about, args) in SUBCOMMANDS {
        let mut args: Vec<(&str, &str)> = args.to_vec();
        if FILTERED_SUBCOMMANDS.contains(name) {
            args.extend_from_slice(FILTER_HELP);
        }
        let filtered = FILTERED_SUBCOMMANDS.contains(name);
        command = command.mut_subcommand(*name, |subcommand| {
            let mut subcommand = localize_args(subcommand, &args)
                .about(*about)
                .help_template(TEMPLATE);
            if filtered {
                for (id, _) in FILTER_HELP {
                    subcommand = subcommand.mut_arg(*id, |arg| arg.help_heading(FILTERS));
                }
            }
            subcommand
        });
    }
    command
}

fn localize_args(mut command: Command, args: &ArgHelp) -> Command {
    let ids: Vec<String> = command
        .get_arguments()
        .map(|arg| arg.get_id().to_string())
        .collect();
    for id in ids {
        let french = args
            .iter()
            .find(|(arg_id, _)| *arg_id == id)
            .map(|(_, help)| *help);
        command = command.mut_arg(id, |arg| {
            let heading = if arg.is_positional() {
                ARGUMENTS
            } else {
                OPTIONS
            };
            let takes_value = arg.get_action().takes_values();
            let value_name = VALUE_NAMES
                .iter()
                .find(|(arg_id, _)| *arg_id == arg.get_id().as_str())
                .map(|(_, name)| *name);
            let arg = match value_name {
                Some(name) => arg.value_name(name),
                None => arg,
            };
            let arg = arg
                .help_heading(heading)
                .hide_default_value(takes_value)
                .hide_possible_values(takes_value);
            match french {
                Some(help) => arg.help(help),
                None => arg,
            }
        });
    }
    command
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::CommandFactory;

    #[test]
    fn every_argument_has_french_help() {
        let command = Cli::command();
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            assert!(
                TOP_LEVEL.iter().any(|(known, _)| *known == id),
                "top-level argument {id} has no French help"
            );
        }
        for subcommand in command.get_subcommands() {
            let name = subcommand.get_name();
            let entry = SUBCOMMANDS.iter().find(|(known, _, _)| *known == name);
            let Some((_, _, args)) = entry else {
                panic!("subcommand {name} has no French help");
            };
            for arg in subcommand
                .get_arguments()
                .filter(|arg| !arg.is_global_set())
            {
                let id = arg.get_id().as_str();
                let filter_flag = FILTERED_SUBCOMMANDS.contains(&name)
                    && FILTER_HELP.iter().any(|(known, _)| *known == id);
                let known = args.iter().any(|(known, _)| *known == id)
                    || filter_flag
                    || TOP_LEVEL.iter().any(|(known, _)| *known == id);
                assert!(known, "argument {id} of {name} has no French help");
            }
        }
    }

    #[test]
    fn every_value_name_is_french() {
        let command = Cli::command();
        let subcommand_args = command
            .get_subcommands()
            .flat_map(|subcommand| subcommand.get_arguments());
        for arg in command.get_arguments().chain(subcommand_args) {
            // Names spelled the same in both languages need no entry.
            const NEUTRAL: [&str; 8] = ["A", "B", "N", "ID", "URL", "TAG", "FORMAT", "POINTS"];
            let Some(names) = arg.get_value_names() else {
                continue;
            };
            if !arg.get_action().takes_values()
                || names.iter().all(|name| NEUTRAL.contains(&name.as_str()))
            {
                continue;
            }
            let id = arg.get_id().as_str();
            assert!(
                VALUE_NAMES.iter().any(|(known, _)| *known == id),
                "argument {id} shows an English value name in the French help"
            );
        }
    }

    #[test]
    fn french_help_has_no_english_headings() {
        let help = localize(Cli::command()).render_help().to_string();
        assert!(help.contains("Utilisation"), "{help}");
        assert!(help.contains("Commandes"), "{help}");
        assert!(!help.contains("Usage:"), "{help}");
        assert!(!help.contains("Print help"), "{help}");
        let mut report = localize(Cli::command());
        let report_help = report
            .find_subcommand_mut("report")
            .expect("report subcommand")
            .render_help()
            .to_string();
        assert!(report_help.contains("répétez"), "{report_help}");
        assert!(!report_help.contains("[default"), "{report_help}");
    }
}
