//! The filters of the terminal UI: opening and applying the form, clearing, rebuilding the
//! index from the models the filter keeps, and remembering the filter between runs.

use std::sync::Arc;

use super::app::{App, Notice};
use super::filter_file;
use super::panes::filter::{FilterForm, FormOutcome};
use super::panes::search::SearchState;
use crate::analysis::Index;
use crate::analysis::benchmarks::KeptModels;
use crate::analysis::filter::Filter;
use crate::i18n::Lang;
use crate::model::Model;

impl App {
    /// Returns every cached model, whether or not a filter hides some.
    pub fn cached_models(&self) -> &[Model] {
        self.unfiltered
            .as_deref()
            .unwrap_or_else(|| self.data.index.models())
    }

    /// Applies the filter saved by an earlier run, or explains in a notice why it is ignored.
    /// A bad file is left as it is until the user changes the filters.
    pub(super) fn load_saved_filter(&mut self) {
        let Some(path) = self.filters_path.clone() else {
            return;
        };
        match filter_file::load(&path) {
            Ok(None) => {}
            Ok(Some(filter)) => {
                tracing::info!(path = %path.display(), "saved filters loaded");
                self.set_filter(filter);
            }
            Err(error) => {
                tracing::error!(path = %path.display(), error = ?error, "saved filters ignored");
                self.notice = Some(Notice {
                    text: error.message(&path, self.lang),
                    error: true,
                });
            }
        }
    }

    pub(super) fn open_filters(&mut self) -> bool {
        self.filter_form = Some(FilterForm::new(&self.filter, self.cached_models()));
        true
    }

    /// Removes every filter; returns false when none was applied.
    pub(super) fn clear_filters(&mut self) -> bool {
        if self.filter.is_empty() {
            return false;
        }
        self.change_filter(Filter::default());
        true
    }

    pub(super) fn edit_filters(&mut self, action: crate::tui::action::Action) -> bool {
        let Some(form) = &mut self.filter_form else {
            return false;
        };
        match form.handle(action) {
            FormOutcome::Unchanged => false,
            FormOutcome::Changed => true,
            FormOutcome::Cancelled => {
                self.filter_form = None;
                true
            }
            FormOutcome::Applied(filter) => {
                self.filter_form = None;
                if filter != self.filter {
                    self.change_filter(filter);
                }
                true
            }
        }
    }

    /// Applies a filter the user chose and saves it for the next run.
    fn change_filter(&mut self, filter: Filter) {
        self.set_filter(filter);
        let kept = self.data.index.len() as u64;
        let cached = self.cached_models().len() as u64;
        tracing::info!(kept, cached, filter = ?self.filter, "filters changed");
        let Some(path) = self.filters_path.clone() else {
            return;
        };
        if let Err(error) = filter_file::save(&path, &self.filter) {
            tracing::error!(path = %path.display(), error = %error, "saving the filters failed");
            let path = path.display().to_string();
            let path = crate::sanitize::clean(&path);
            self.notice = Some(Notice {
                text: match self.lang {
                    Lang::En => format!(
                        "cannot save the filters to {path}: {error}; they apply until you quit"
                    ),
                    Lang::Fr => format!(
                        "impossible d'enregistrer les filtres dans {path} : {} ; ils s'appliquent jusqu'à la fermeture",
                        crate::i18n::io_error(Lang::Fr, &error)
                    ),
                },
                error: true,
            });
        }
    }

    /// Makes `filter` the applied one and rebuilds the index from the models it keeps.
    fn set_filter(&mut self, filter: Filter) {
        if self.unfiltered.is_none() && !filter.is_empty() {
            self.unfiltered = Some(self.data.index.models().to_vec());
        }
        self.filter = filter;
        self.rebuild_index();
    }

    /// Rebuilds `data.index` and the Search pane from the cached models the filter keeps,
    /// keeping the query, the sort and the selected model when it is still shown.
    pub(super) fn rebuild_index(&mut self) {
        let index = if self.filter.is_empty() {
            match self.unfiltered.take() {
                Some(models) => Index::build(models),
                None => return,
            }
        } else {
            Index::build(self.filter.apply(self.cached_models()))
        };
        let mut search = SearchState::new(index.models());
        search.carry_over(&self.search);
        self.search = search;
        let kept = (!self.filter.is_empty()).then(|| {
            KeptModels::new(
                index
                    .models()
                    .iter()
                    .map(|model| model.id.to_string())
                    .collect(),
            )
        });
        self.benchmarks.set_kept_models(kept, &self.data.benchmarks);
        self.data.index = Arc::new(index);
    }
}
