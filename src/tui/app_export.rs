//! The `e` and `y` keys: exporting what the focused pane shows, and copying the selected
//! model's id with OSC 52.

use std::io;
use std::path::Path;
use std::sync::mpsc::TryRecvError;

use super::action::{Action, Context};
use super::app::{App, Notice};
use super::clipboard;
use super::export::sources::{self, Nothing};
use super::export::{ExportMsg, ExportTask, Format, file_name};
use super::panes::benchmarks::BenchmarksFocus;
use super::panes::compare::CompareData;
use super::panes::export_prompt::ExportPrompt;
use super::panes::search::SearchFocus;
use crate::i18n::Lang;
use crate::sanitize::{clean, clean_truncated};

/// The longest path a status message shows, in characters.
const PATH_CHARS: usize = 160;

/// The noun of exported rows, `(singular, plural)` in English then French.
const ROWS: ((&str, &str), (&str, &str)) = (("row", "rows"), ("ligne", "lignes"));

impl App {
    /// Opens the export popup for what the focused pane shows, or sets a notice explaining why
    /// there is nothing to export. The rows are taken now, so the file contains what was on
    /// screen at the key press.
    pub(super) fn open_export(&mut self) -> bool {
        if let Some(running) = &self.export {
            self.notice = Some(Notice {
                text: match self.lang {
                    Lang::En => format!(
                        "an export is already running ({} / {}); wait for it to finish",
                        self.lang.int(running.written as u64),
                        self.lang.count(running.total as u64, ROWS.0, ROWS.1)
                    ),
                    Lang::Fr => format!(
                        "un export est déjà en cours ({} / {}) ; attendez qu'il finisse",
                        self.lang.int(running.written as u64),
                        self.lang.count(running.total as u64, ROWS.0, ROWS.1)
                    ),
                },
                error: true,
            });
            return true;
        }
        match sources::table_of(self) {
            Ok(table) => {
                let time = jiff::ZonedDateTime::now();
                let name = file_name(table.tab, table.threshold, &time, Format::Csv);
                let stem = name.trim_end_matches(".csv").to_string();
                self.export_prompt = Some(ExportPrompt {
                    format: Format::Csv,
                    dir: self.export_dir.clone(),
                    stem,
                    rows: table.rows.len(),
                });
                self.export_table = Some(table);
            }
            Err(nothing) => {
                self.notice = Some(Notice {
                    text: nothing.message(self.lang),
                    error: nothing != Nothing::NoRows,
                });
            }
        }
        true
    }

    /// Applies a key of the export popup.
    pub(super) fn handle_export_prompt(&mut self, action: Action) -> bool {
        let Some(prompt) = &mut self.export_prompt else {
            return false;
        };
        match action {
            Action::PickCsv => prompt.format = Format::Csv,
            Action::PickJson => prompt.format = Format::Json,
            Action::ToggleOption => prompt.format = prompt.format.toggled(),
            Action::Back => {
                self.export_prompt = None;
                self.export_table = None;
            }
            Action::Confirm => return self.start_export(),
            _ => return false,
        }
        true
    }

    /// Closes the popup and starts writing the file on a background thread.
    fn start_export(&mut self) -> bool {
        let (Some(prompt), Some(table)) = (self.export_prompt.take(), self.export_table.take())
        else {
            return false;
        };
        match ExportTask::spawn(table, prompt.format, prompt.dir.clone(), prompt.file_name()) {
            Ok(task) => {
                tracing::info!(file = %prompt.path().display(), rows = task.total, "export started");
                self.export = Some(task);
            }
            Err(error) => {
                tracing::error!(error = %error, "cannot start the export thread");
                self.notice = Some(self.export_failed(&prompt.path(), &error));
            }
        }
        true
    }

    /// True while an export is being written: the event loop then polls for its progress.
    pub fn is_exporting(&self) -> bool {
        self.export.is_some()
    }

    /// Applies the export's progress and result since the last call; returns whether anything
    /// visible changed.
    pub fn poll_export(&mut self) -> bool {
        let mut changed = false;
        loop {
            let Some(running) = &mut self.export else {
                return changed;
            };
            let message = match running.try_recv() {
                Ok(message) => message,
                Err(TryRecvError::Empty) => return changed,
                Err(TryRecvError::Disconnected) => {
                    ExportMsg::Failed(io::Error::other("the export thread ended unexpectedly"))
                }
            };
            changed = true;
            match message {
                ExportMsg::Progress(written) => running.written = written,
                ExportMsg::Done(path) => {
                    let rows = running.total;
                    self.export = None;
                    tracing::info!(file = %path.display(), rows, "export written");
                    self.notice = Some(self.export_done(&path, rows));
                }
                ExportMsg::Failed(error) => {
                    let path = self.export_dir.join(&running.name);
                    self.export = None;
                    tracing::error!(file = %path.display(), error = %error, "export failed");
                    self.notice = Some(self.export_failed(&path, &error));
                }
            }
        }
    }

    /// Returns the status line of a running export, shown when no other notice is.
    pub(super) fn export_progress(&self) -> Option<Notice> {
        let running = self.export.as_ref()?;
        let (written, total) = (
            self.lang.int(running.written as u64),
            self.lang.count(running.total as u64, ROWS.0, ROWS.1),
        );
        let name = clean(&running.name);
        Some(Notice {
            text: match self.lang {
                Lang::En => format!("exporting {written} / {total} to {name}…"),
                Lang::Fr => format!("export de {written} / {total} vers {name}…"),
            },
            error: false,
        })
    }

    fn export_done(&self, path: &Path, rows: usize) -> Notice {
        let path = clean_truncated(&path.display().to_string(), PATH_CHARS);
        Notice {
            text: match self.lang {
                Lang::En => format!(
                    "exported {} to {path}",
                    self.lang.count(rows as u64, ROWS.0, ROWS.1)
                ),
                Lang::Fr => format!(
                    "{} dans {path}",
                    self.lang.count(
                        rows as u64,
                        ("", ""),
                        ("ligne exportée", "lignes exportées")
                    )
                ),
            },
            error: false,
        }
    }

    fn export_failed(&self, path: &Path, error: &io::Error) -> Notice {
        let path = clean_truncated(&path.display().to_string(), PATH_CHARS);
        let error = clean_truncated(&crate::i18n::io_error(self.lang, error), PATH_CHARS);
        Notice {
            text: match self.lang {
                Lang::En => format!(
                    "export failed: {path}: {error}; free some space or set export_dir in config.toml to a writable folder"
                ),
                Lang::Fr => format!(
                    "échec de l'export : {path} : {error} ; libérez de la place ou donnez à export_dir dans config.toml un dossier accessible en écriture"
                ),
            },
            error: true,
        }
    }

    /// Waits for a running export to finish, for the quit path: a file asked for is never
    /// dropped half-written. Returns the message to print once the terminal is restored.
    pub fn finish_export(&mut self) -> Option<String> {
        let running = self.export.take()?;
        let path = self.export_dir.join(&running.name);
        let rows = running.total;
        let notice = match running.wait() {
            Some(Ok(path)) => self.export_done(&path, rows),
            Some(Err(error)) => self.export_failed(&path, &error),
            None => self.export_failed(&path, &io::Error::other("the export thread ended")),
        };
        Some(notice.text)
    }

    /// Copies the selected model's id with OSC 52, or sets a notice explaining why nothing was
    /// copied.
    pub(super) fn copy_id(&mut self) -> bool {
        let selected = self.selected_id();
        let lang = self.lang;
        self.notice = Some(match selected {
            Ok(id) => {
                let id = clean(&id).into_owned();
                self.terminal_output
                    .extend(clipboard::osc52(&id, self.in_tmux));
                let displayed = clean_truncated(&id, PATH_CHARS);
                Notice {
                    text: match lang {
                        Lang::En => format!("copied {displayed}"),
                        Lang::Fr => format!("copié : {displayed}"),
                    },
                    error: false,
                }
            }
            Err(text) => Notice { text, error: true },
        });
        true
    }

    /// Returns the id `y` copies in the focused context, or the message explaining why there
    /// is none.
    fn selected_id(&mut self) -> Result<String, String> {
        let lang = self.lang;
        let models = self.data.index.models();
        let empty_list = || {
            lang.pick(
                "nothing to copy: the list is empty",
                "rien à copier : la liste est vide",
            )
            .to_string()
        };
        match self.context() {
            Context::Search => self
                .search
                .selected_model()
                .map(|index| models[index].id.to_string())
                .ok_or_else(empty_list),
            Context::Detail => match self.search.focus {
                SearchFocus::Detail(detail) => Ok(models[detail.model].id.to_string()),
                _ => Err(empty_list()),
            },
            Context::Compare | Context::CompareDetail => {
                let data = CompareData {
                    index: &self.data.index,
                    ids: self.search.id_search.shared_ids(),
                };
                self.compare
                    .selected_id(data, self.threshold)
                    .ok_or_else(empty_list)
            }
            Context::Benchmarks | Context::BenchmarkDetail => {
                let result = match &self.benchmarks.focus {
                    BenchmarksFocus::Detail(detail) => Some(detail.result),
                    _ => self.benchmarks.selected_result(),
                };
                let result = result.map(|index| &self.data.benchmarks.results()[index]);
                // The linked Hub model's id, else the Hub id the source gives, else the model's
                // name as the source writes it.
                result
                    .map(|result| {
                        result
                            .linked
                            .as_ref()
                            .map(|linked| linked.id.clone())
                            .or_else(|| result.hub_id.clone())
                            .unwrap_or_else(|| result.model.clone())
                    })
                    .ok_or_else(empty_list)
            }
            _ => Err(lang
                .pick(
                    "nothing to copy here: y copies the selected model's id in Search, Benchmarks and A/B",
                    "rien à copier ici : y copie l'id du modèle choisi dans Recherche, Benchmarks et A/B",
                )
                .to_string()),
        }
    }

    /// Takes the bytes waiting to be written to the terminal, such as an OSC 52 copy.
    pub fn take_terminal_output(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.terminal_output)
    }
}
