//! Cache errors, each naming the file, the cause and what to do.

use std::path::PathBuf;

use thiserror::Error;

use crate::i18n::Lang;

#[derive(Debug, Error)]
#[error("{}", self.message(Lang::En))]
pub enum CacheError {
    NotFound {
        path: PathBuf,
    },
    /// A zero-byte file given to a command that only reads.
    Empty {
        path: PathBuf,
    },
    NotSqlite {
        path: PathBuf,
    },
    Corrupt {
        path: PathBuf,
        detail: String,
    },
    Foreign {
        path: PathBuf,
    },
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The cache, or its `-wal` or `-shm` file beside it, cannot be written.
    ReadOnly {
        path: PathBuf,
    },
    /// A write failed with SQLITE_FULL: the disk that holds the cache has no room left, or the
    /// cache reached its maximum page count.
    DiskFull {
        path: PathBuf,
    },
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    /// A stored value that this build cannot read, such as an unknown params_source.
    InvalidValue {
        path: PathBuf,
        model: String,
        column: &'static str,
        value: String,
    },
    /// The caller stopped a load before it finished, such as a user quitting while the UI
    /// was loading.
    Cancelled {
        path: PathBuf,
    },
}

impl CacheError {
    /// The error in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CacheError::NotFound { path }, Lang::En) => format!(
                "cache not found: {}; import Hub JSON into it with `slmscope import --db {} FILE...`, or name an existing cache with --db or the `cache` key of config.toml",
                path.display(),
                path.display()
            ),
            (CacheError::NotFound { path }, Lang::Fr) => format!(
                "cache introuvable : {} ; importez-y du JSON du Hub avec `slmscope import --db {} FICHIER...`, ou nommez un cache existant avec --db ou la clé `cache` de config.toml",
                path.display(),
                path.display()
            ),
            (CacheError::Empty { path }, Lang::En) => format!(
                "cache {} is an empty file; import Hub JSON into it with `slmscope import --db {} FILE...`",
                path.display(),
                path.display()
            ),
            (CacheError::Empty { path }, Lang::Fr) => format!(
                "le cache {} est un fichier vide ; importez-y du JSON du Hub avec `slmscope import --db {} FICHIER...`",
                path.display(),
                path.display()
            ),
            (CacheError::ReadOnly { path }, Lang::En) => format!(
                "cache {} cannot be written: the file, its folder, or its {}-wal or {}-shm file beside it is read-only; nothing was changed. Make them writable (for example chmod u+w on each), or pass another cache with --db",
                path.display(),
                path.display(),
                path.display()
            ),
            (CacheError::ReadOnly { path }, Lang::Fr) => format!(
                "le cache {} ne peut pas être écrit : le fichier, son dossier, ou son fichier {}-wal ou {}-shm voisin est en lecture seule ; rien n'a été modifié. Rendez-les accessibles en écriture (par exemple chmod u+w sur chacun), ou passez un autre cache avec --db",
                path.display(),
                path.display(),
                path.display()
            ),
            (CacheError::DiskFull { path }, Lang::En) => format!(
                "writing to cache {} failed: the disk that holds it is full, so the change in progress was rolled back. Free space on that disk, or pass a cache on another disk with --db",
                path.display()
            ),
            (CacheError::DiskFull { path }, Lang::Fr) => format!(
                "l'écriture dans le cache {} a échoué : le disque qui le contient est plein, donc la modification en cours a été annulée. Libérez de la place sur ce disque, ou passez un cache situé sur un autre disque avec --db",
                path.display()
            ),
            (CacheError::NotSqlite { path }, Lang::En) => format!(
                "cannot open cache {}: the file is not an SQLite database; it was not modified. Pass --db with a slmscope cache or a new path.",
                path.display()
            ),
            (CacheError::NotSqlite { path }, Lang::Fr) => format!(
                "impossible d'ouvrir le cache {} : le fichier n'est pas une base SQLite ; il n'a pas été modifié. Passez --db avec un cache slmscope ou un nouveau chemin.",
                path.display()
            ),
            (CacheError::Corrupt { path, detail }, Lang::En) => format!(
                "cannot open cache {}: the database is corrupt ({detail}); it was not modified. Restore it from a backup, or import into a new path with --db.",
                path.display()
            ),
            (CacheError::Corrupt { path, detail }, Lang::Fr) => format!(
                "impossible d'ouvrir le cache {} : la base est corrompue ({detail}) ; elle n'a pas été modifiée. Restaurez-la depuis une sauvegarde ou importez dans un nouveau chemin avec --db.",
                path.display()
            ),
            (CacheError::Foreign { path }, Lang::En) => format!(
                "cannot open cache {}: it is an SQLite database of another program (it has tables but no slmscope schema version); it was not modified. Pass --db with another path.",
                path.display()
            ),
            (CacheError::Foreign { path }, Lang::Fr) => format!(
                "impossible d'ouvrir le cache {} : c'est une base SQLite d'un autre programme (elle a des tables mais pas de version de schéma slmscope) ; elle n'a pas été modifiée. Passez --db avec un autre chemin.",
                path.display()
            ),
            (
                CacheError::NewerSchema {
                    path,
                    found,
                    supported,
                },
                Lang::En,
            ) => format!(
                "cannot open cache {}: schema version {found} is newer than this slmscope ({supported}); it was not modified. Upgrade slmscope or pass --db with another cache.",
                path.display()
            ),
            (
                CacheError::NewerSchema {
                    path,
                    found,
                    supported,
                },
                Lang::Fr,
            ) => format!(
                "impossible d'ouvrir le cache {} : la version de schéma {found} est plus récente que celle de ce slmscope ({supported}) ; il n'a pas été modifié. Mettez slmscope à jour ou passez --db avec un autre cache.",
                path.display()
            ),
            (CacheError::Io { path, source }, Lang::En) => {
                format!("cannot read cache {}: {source}", path.display())
            }
            (CacheError::Io { path, source }, Lang::Fr) => {
                format!(
                    "impossible de lire le cache {} : {}",
                    path.display(),
                    crate::i18n::io_error(lang, source)
                )
            }
            (CacheError::Sqlite { path, source }, Lang::En) => {
                format!("cache {} failed: {source}", path.display())
            }
            (CacheError::Sqlite { path, source }, Lang::Fr) => {
                format!(
                    "échec du cache {} : {}",
                    path.display(),
                    crate::i18n::sqlite_error(lang, source)
                )
            }
            (
                CacheError::InvalidValue {
                    path,
                    model,
                    column,
                    value,
                },
                Lang::En,
            ) => format!(
                "cache {}: model {model} has an invalid {column} {value:?}; it may have been written by another program. Re-import the model.",
                path.display()
            ),
            (
                CacheError::InvalidValue {
                    path,
                    model,
                    column,
                    value,
                },
                Lang::Fr,
            ) => format!(
                "cache {} : le modèle {model} a une valeur {column} invalide {value:?} ; un autre programme l'a peut-être écrite. Réimportez le modèle.",
                path.display()
            ),
            (CacheError::Cancelled { path }, Lang::En) => {
                format!("loading cache {} was cancelled", path.display())
            }
            (CacheError::Cancelled { path }, Lang::Fr) => {
                format!("le chargement du cache {} a été annulé", path.display())
            }
        }
    }
}
