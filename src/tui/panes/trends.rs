//! The Trends pane: the SLM share per creation month, current downloads by creation month per
//! class, and downloads per class across syncs, for every model or for one pipeline_tag.
//! The models are grouped once per index (see [`TrendsIndex`]), so a threshold move costs one
//! binary search per creation month or sync, and the pane follows the threshold and filters.
//! The grouping runs on a worker thread: until it ends, the pane draws its title and a
//! "computing" line in place of the figures.

use std::sync::Arc;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph, Wrap};

use super::View;
use crate::analysis::index::Index;
use crate::analysis::trends::indexed::{HistoryGroups, TrendsIndex, history_fingerprint};
use crate::analysis::trends::report::MIN_SYNCS;
use crate::analysis::trends::{
    CreationSplit, DataTime, Month, MonthlySplits, SyncPoint, UsageRow, largest_tasks,
};
use crate::i18n::Lang;
use crate::sanitize::clean_truncated;
use crate::tui::action::Action;
use crate::tui::class::Class;
use crate::tui::format::{compact_count, decimal};
use crate::tui::pane_task::{Computed, PaneWorker};

/// The three views `v` cycles through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TrendsView {
    /// The SLM share among models of known size per creation month.
    #[default]
    Share,
    /// The share of current downloads held by each creation month, SLMs and LLMs side by side.
    Usage,
    /// Downloads per class at each sync.
    History,
}

impl TrendsView {
    fn next(self) -> TrendsView {
        match self {
            TrendsView::Share => TrendsView::Usage,
            TrendsView::Usage => TrendsView::History,
            TrendsView::History => TrendsView::Share,
        }
    }
}

#[derive(Debug, Default)]
pub struct TrendsState {
    pub view: TrendsView,
    /// Share view: the SLM share weighted by 30-day downloads instead of by count.
    pub weighted: bool,
    /// Usage view: shares of all downloads instead of each class's downloads.
    pub of_all: bool,
    /// The pipeline_tag the pane is restricted to; `None` for every model.
    pub task: Option<String>,
    /// The trends of the newest index whose grouping finished, grouped for every model and the
    /// largest tasks. Grouping reads every model, so it is kept until the index changes.
    trends: Option<TrendsIndex>,
    work: TrendsWork,
}

/// A grouping the worker thread returns.
enum Grouped {
    Models(TrendsIndex),
    Syncs(HistoryGroups),
}

/// The grouping running off the UI thread.
struct TrendsWork {
    worker: PaneWorker<Grouped>,
    /// The index generation and the scopes of the model grouping requested last.
    models: Option<(u64, Vec<String>)>,
    /// The index generation and history fingerprint of the sync grouping requested last.
    syncs: Option<(u64, (usize, usize))>,
}

impl Default for TrendsWork {
    fn default() -> TrendsWork {
        TrendsWork {
            worker: PaneWorker::new("slmscope-trends"),
            models: None,
            syncs: None,
        }
    }
}

impl std::fmt::Debug for TrendsWork {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("TrendsWork")
            .field("worker", &self.worker)
            .field("models", &self.models)
            .field("syncs", &self.syncs)
            .finish()
    }
}

/// The grouping the pane waits for before it can draw the figures of the shown view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Waiting {
    /// The models grouped per creation month.
    Models,
    /// The downloads of each sync grouped per scope.
    Syncs,
}

/// How many of the largest pipeline_tags `c` cycles through after "all tasks".
pub const TASK_CHOICES: usize = 10;

impl TrendsState {
    /// Returns the trends of the drawn index when their grouping has finished and covers the
    /// selected task.
    fn current_trends(&mut self, index: &Index) -> Option<&mut TrendsIndex> {
        let task = self.task.as_deref();
        self.trends
            .as_mut()
            .filter(|trends| trends.generation() == index.generation() && trends.has_scope(task))
    }

    /// Requests what the shown view still needs from the worker, and returns what it waits
    /// for, or `None` when its figures can be computed at once.
    fn prepare(&mut self, view: &View) -> Option<Waiting> {
        let (index, history) = (&view.data.index, &view.data.history);
        let needs_syncs = self.view == TrendsView::History && history.len() >= MIN_SYNCS;
        let Some(trends) = self.current_trends(index) else {
            self.request_models(view);
            return Some(Waiting::Models);
        };
        if !needs_syncs || trends.has_history_groups(history) {
            return None;
        }
        let scope_tasks = trends.scope_tasks();
        let key = (index.generation(), history_fingerprint(history));
        if self.work.syncs != Some(key) {
            self.work.syncs = Some(key);
            let (index, history) = (Arc::clone(index), Arc::clone(history));
            self.work.worker.request(index.generation(), move || {
                Grouped::Syncs(HistoryGroups::build(&scope_tasks, &index, &history))
            });
        }
        Some(Waiting::Syncs)
    }

    /// Requests the grouping of the models of the drawn index, for every model, the largest
    /// tasks and the selected task, unless the same one is already requested.
    fn request_models(&mut self, view: &View) {
        let index = &view.data.index;
        let mut tasks = largest_tasks(index, TASK_CHOICES);
        if let Some(task) = &self.task
            && !tasks.contains(task)
        {
            tasks.push(task.clone());
        }
        let key = (index.generation(), tasks);
        if self.work.models.as_ref() == Some(&key) {
            return;
        }
        let tasks = key.1.clone();
        self.work.models = Some(key);
        let index = Arc::clone(index);
        let provenance = view.data.provenance.clone();
        self.work.worker.request(index.generation(), move || {
            Grouped::Models(TrendsIndex::build(&index, &provenance, &tasks))
        });
    }

    /// Drops the groupings, which the pane computes again when it is next drawn, and returns
    /// whether there were any. See [`crate::tui::app::App::poll_panes`].
    pub fn release_groups(&mut self) -> bool {
        self.trends.take().is_some()
    }

    /// True while a grouping runs off the UI thread.
    pub fn is_computing(&self) -> bool {
        self.work.worker.is_busy()
    }

    /// Keeps every grouping that finished since the last call and belongs to the index of
    /// `generation`, and returns whether one did. Groupings of an older index are dropped.
    pub fn poll(&mut self, generation: u64) -> bool {
        let mut applied = false;
        while let Some(computed) = self.work.worker.try_recv() {
            applied |= self.apply(computed, generation);
        }
        if !self.work.worker.is_busy() {
            // Nothing is in flight, so a request lost with a failed thread is sent again.
            self.work.models = None;
            self.work.syncs = None;
        }
        applied
    }

    fn apply(&mut self, computed: Computed<Grouped>, generation: u64) -> bool {
        if computed.generation != generation {
            return false;
        }
        match computed.value {
            Grouped::Models(trends) => {
                self.trends = Some(trends);
                true
            }
            Grouped::Syncs(groups) => self
                .trends
                .as_mut()
                .filter(|trends| trends.generation() == generation)
                .is_some_and(|trends| trends.set_history_groups(groups)),
        }
    }

    /// Waits up to `timeout` for the groupings in flight and keeps those of the index of
    /// `generation`. Returns whether none is left in flight.
    pub(crate) fn wait(&mut self, generation: u64, timeout: std::time::Duration) -> bool {
        let deadline = std::time::Instant::now() + timeout;
        while self.work.worker.is_busy() {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return false;
            }
            if let Some(computed) = self.work.worker.recv_timeout(left) {
                self.apply(computed, generation);
            }
        }
        self.poll(generation);
        true
    }

    /// Occupies the worker until the returned sender sends or drops; see [`PaneWorker::block`].
    #[cfg(test)]
    pub(crate) fn block_worker(
        &mut self,
        finished: Arc<std::sync::atomic::AtomicBool>,
    ) -> std::sync::mpsc::Sender<()> {
        self.work.worker.block(finished, || {
            Grouped::Syncs(HistoryGroups::build(&[], &Index::default(), &[]))
        })
    }

    /// Computes the figures of the shown view without drawing them, for the benches. The
    /// groupings must have finished: the bench waits for them when it opens the pane.
    pub(crate) fn compute_for_bench(&mut self, view: &View) {
        let (index, threshold) = (&view.data.index, view.threshold);
        let (shown, task) = (self.view, self.task.clone());
        let trends = self
            .current_trends(index)
            .expect("the bench waits for the grouping");
        match shown {
            TrendsView::Share => {
                std::hint::black_box(trends.monthly_splits(index, threshold, task.as_deref()));
            }
            TrendsView::Usage => {
                let splits = trends.monthly_splits(index, threshold, task.as_deref());
                std::hint::black_box(trends.usage(index, threshold, &splits));
            }
            TrendsView::History => {
                std::hint::black_box(trends.downloads_per_sync(
                    index,
                    threshold,
                    task.as_deref(),
                    &view.data.history,
                ));
            }
        }
    }

    pub fn handle(&mut self, action: Action, index: &Index) -> bool {
        match action {
            Action::CycleView => self.view = self.view.next(),
            Action::ToggleWeighting => self.weighted = !self.weighted,
            Action::ToggleScale => self.of_all = !self.of_all,
            Action::NextTask => return self.step_task(index, true),
            Action::PrevTask => return self.step_task(index, false),
            _ => return false,
        }
        true
    }

    /// Moves to the next or previous choice of "all tasks" then the largest pipeline_tags. A
    /// task that is no longer among them (after the models changed) counts as "all tasks".
    fn step_task(&mut self, index: &Index, forward: bool) -> bool {
        let tasks = largest_tasks(index, TASK_CHOICES);
        let position = self
            .task
            .as_ref()
            .and_then(|task| tasks.iter().position(|name| name == task))
            .map_or(0, |position| position + 1);
        let choices = tasks.len() + 1;
        let next = if forward {
            (position + 1) % choices
        } else {
            (position + choices - 1) % choices
        };
        let task = next.checked_sub(1).map(|position| tasks[position].clone());
        let changed = task != self.task;
        self.task = task;
        changed
    }
}

pub fn render(frame: &mut Frame, area: Rect, state: &mut TrendsState, view: &View) {
    if view.data.index.is_empty() {
        frame.render_widget(
            Paragraph::new(super::empty_cache_text(view)).wrap(Wrap { trim: false }),
            area,
        );
        return;
    }
    let (index, threshold) = (&view.data.index, view.threshold);
    let (shown, weighted, of_all) = (state.view, state.weighted, state.of_all);
    let task = state.task.clone();
    let task = task.as_deref();
    let few_syncs = shown == TrendsView::History && view.data.history.len() < MIN_SYNCS;
    let page = if few_syncs {
        few_syncs_page(view)
    } else if let Some(waiting) = state.prepare(view) {
        computing_page(
            waiting,
            view_title(shown, weighted, of_all, view.lang),
            view,
        )
    } else {
        let trends = state
            .current_trends(index)
            .expect("prepare returns None once the models are grouped");
        match shown {
            TrendsView::Share => {
                let splits = trends.monthly_splits(index, threshold, task);
                share_page(&splits, weighted, view)
            }
            TrendsView::Usage => {
                let splits = trends.monthly_splits(index, threshold, task);
                usage_page(&splits, of_all, trends, view)
            }
            TrendsView::History => history_page(task, trends, view),
        }
    };

    let [title_row, info_area, chart_area, footer_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(page.info.len() as u16),
        Constraint::Min(3),
        Constraint::Length(page.footer.len() as u16),
    ])
    .areas(area);
    let task_name = match task {
        Some(task) => clean_truncated(task, 32),
        None => view.lang.pick("all tasks", "toutes tâches").to_string(),
    };
    frame.render_widget(
        Line::from(vec![
            Span::styled(page.title, view.theme.header()),
            Span::styled(" · ", view.theme.border()),
            Span::styled(task_name, view.theme.label()),
        ]),
        title_row,
    );
    for (line, row) in page.info.into_iter().zip(info_area.rows()) {
        frame.render_widget(line, row);
    }
    match page.body {
        Body::Chart(chart) => render_chart(frame, chart_area, &chart, view),
        Body::Message(text) => frame.render_widget(
            Paragraph::new(text)
                .style(view.theme.muted())
                .wrap(Wrap { trim: true }),
            chart_area,
        ),
    }
    for (line, row) in page.footer.into_iter().zip(footer_area.rows()) {
        frame.render_widget(line, row);
    }
}

/// The content of one view: a title, lines above the chart, the chart or a message, and lines
/// below it.
struct Page {
    title: String,
    info: Vec<Line<'static>>,
    body: Body,
    footer: Vec<Line<'static>>,
}

enum Body {
    Chart(LineChart),
    Message(String),
}

/// Lines of one or two classes over numbered points (months or syncs).
struct LineChart {
    series: Vec<(Class, Vec<(f64, f64)>)>,
    /// Points along the x axis; x runs from 0 to `points - 1`.
    points: usize,
    x_labels: Vec<String>,
    y_max: f64,
    y_labels: Vec<String>,
}

fn render_chart(frame: &mut Frame, area: Rect, chart: &LineChart, view: &View) {
    let theme = view.theme;
    let datasets = chart
        .series
        .iter()
        .map(|(class, points)| {
            Dataset::default()
                .marker(theme.chart_marker(*class))
                .graph_type(GraphType::Line)
                .style(theme.bar(*class))
                .data(points)
        })
        .collect();
    let x_max = chart.points.saturating_sub(1).max(1) as f64;
    let widget = Chart::new(datasets)
        .legend_position(None)
        .x_axis(
            Axis::default()
                .bounds([0.0, x_max])
                .labels(chart.x_labels.clone())
                .style(theme.muted()),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, chart.y_max])
                .labels(chart.y_labels.clone())
                .style(theme.muted()),
        );
    frame.render_widget(widget, area);
}

/// Returns the first, middle and last labels of `count` points.
fn spread_labels(count: usize, label: impl Fn(usize) -> String) -> Vec<String> {
    match count {
        0 => Vec::new(),
        1 => vec![label(0)],
        2 => vec![label(0), label(1)],
        _ => vec![label(0), label((count - 1) / 2), label(count - 1)],
    }
}

fn month_labels(months: &[Month]) -> Vec<String> {
    spread_labels(months.len(), |index| months[index].to_string())
}

/// Labels of a share axis from 0 to `max` (a fraction of 1).
pub(super) fn percent_labels(lang: Lang, max: f64) -> Vec<String> {
    [0.0, max / 2.0, max]
        .into_iter()
        .map(|share| {
            let percent = share * 100.0;
            let text = if percent.fract().abs() < 1e-9 {
                format!("{percent:.0}")
            } else {
                decimal(lang, percent, 1)
            };
            match lang {
                Lang::En => format!("{text}%"),
                Lang::Fr => format!("{text}\u{a0}%"),
            }
        })
        .collect()
}

fn legend(view: &View) -> Vec<Span<'static>> {
    let theme = view.theme;
    vec![
        Span::styled(
            format!("{} ", theme.chart_key(Class::Slm)),
            theme.bar(Class::Slm),
        ),
        Span::styled("SLM", theme.slm()),
        Span::raw("  "),
        Span::styled(
            format!("{} ", theme.chart_key(Class::Llm)),
            theme.bar(Class::Llm),
        ),
        Span::styled("LLM", theme.llm()),
    ]
}

fn bucket_label(lang: Lang, before_tracking: bool) -> &'static str {
    match before_tracking {
        true => lang.pick(
            "Before dates were recorded",
            "Avant l'enregistrement des dates",
        ),
        false => lang.pick("No date", "Sans date"),
    }
}

/// `811 models (38 SLM, 1 LLM, 772 unknown)`, or `0 models`.
fn bucket_counts(lang: Lang, split: &CreationSplit) -> String {
    let models = super::models_count(lang, split.models);
    if split.models == 0 {
        return models;
    }
    format!(
        "{models} ({} SLM, {} LLM, {} {})",
        lang.int(split.slm.count),
        lang.int(split.llm.count),
        lang.int(split.unknown.count),
        Class::Unknown.count_label(lang, split.unknown.count),
    )
}

/// Returns the title of `shown` with its toggles.
fn view_title(shown: TrendsView, weighted: bool, of_all: bool, lang: Lang) -> &'static str {
    match (shown, weighted, of_all) {
        (TrendsView::Share, false, _) => lang.pick(
            "SLM share per creation month, by count",
            "Part des SLM par mois de création, en nombre",
        ),
        (TrendsView::Share, true, _) => lang.pick(
            "SLM share per creation month, by downloads",
            "Part des SLM par mois de création, en téléch.",
        ),
        (TrendsView::Usage, _, false) => lang.pick(
            "30-day downloads by creation month, share of the class",
            "Téléch. 30 j par mois de création, part de la classe",
        ),
        (TrendsView::Usage, _, true) => lang.pick(
            "30-day downloads by creation month, share of all",
            "Téléch. 30 j par mois de création, part du total",
        ),
        (TrendsView::History, _, _) => lang.pick(
            "30-day downloads per sync, by current size",
            "Téléch. 30 j par synchro, selon la taille actuelle",
        ),
    }
}

/// Returns the page drawn while the worker groups what the view needs: its title, and a line
/// saying what is being computed in place of the figures.
fn computing_page(waiting: Waiting, title: &str, view: &View) -> Page {
    let lang = view.lang;
    let message = match (waiting, lang) {
        (Waiting::Models, Lang::En) => format!(
            "Computing… grouping {} by creation month; keys keep working.",
            super::models_count(lang, view.data.index.len() as u64)
        ),
        (Waiting::Models, Lang::Fr) => format!(
            "Calcul en cours… regroupement de {} par mois de création ; les touches restent \
             actives.",
            super::models_count(lang, view.data.index.len() as u64)
        ),
        (Waiting::Syncs, Lang::En) => format!(
            "Computing… grouping the downloads of {} syncs by size; keys keep working.",
            lang.int(view.data.history.len() as u64)
        ),
        (Waiting::Syncs, Lang::Fr) => format!(
            "Calcul en cours… regroupement des téléchargements de {} synchros par taille ; les \
             touches restent actives.",
            lang.int(view.data.history.len() as u64)
        ),
    };
    Page {
        title: title.to_string(),
        info: Vec::new(),
        body: Body::Message(message),
        footer: Vec::new(),
    }
}

fn share_page(splits: &MonthlySplits, weighted: bool, view: &View) -> Page {
    let lang = view.lang;
    let title = view_title(TrendsView::Share, weighted, false, lang);
    let info = [true, false]
        .into_iter()
        .map(|before_tracking| {
            let split = if before_tracking {
                &splits.before_tracking
            } else {
                &splits.no_date
            };
            Line::from(vec![
                Span::styled(
                    format!("{}{} ", bucket_label(lang, before_tracking), colon(lang)),
                    view.theme.label(),
                ),
                Span::raw(bucket_counts(lang, split)),
            ])
        })
        .collect();

    let points: Vec<(f64, f64)> = splits
        .months
        .iter()
        .enumerate()
        .filter_map(|(index, month)| {
            let share = month.split.slm_share(weighted)?;
            Some((index as f64, share * 100.0))
        })
        .collect();
    let latest = splits
        .months
        .iter()
        .rev()
        .find_map(|month| Some((month, month.split.slm_share(weighted)?)));
    let footer = match latest {
        Some((month, share)) => {
            let known = month.split.slm.count + month.split.llm.count;
            vec![Line::styled(
                match lang {
                    Lang::En => format!(
                        "Latest month with a known size, {}: SLM {} of {}",
                        month.month,
                        lang.percent(share),
                        super::models_count(lang, known)
                    ),
                    Lang::Fr => format!(
                        "Dernier mois avec une taille connue, {} : SLM {} sur {}",
                        month.month,
                        lang.percent(share),
                        super::models_count(lang, known)
                    ),
                },
                view.theme.muted(),
            )]
        }
        None => Vec::new(),
    };
    let body = if points.is_empty() {
        Body::Message(
            lang.pick(
                "No creation month has a model of known size (or, weighted, with downloads).",
                "Aucun mois de création n'a de modèle de taille connue (ou, pondéré, téléchargé).",
            )
            .to_string(),
        )
    } else {
        let months: Vec<Month> = splits.months.iter().map(|month| month.month).collect();
        Body::Chart(LineChart {
            series: vec![(Class::Slm, points)],
            points: months.len(),
            x_labels: month_labels(&months),
            y_max: 100.0,
            y_labels: percent_labels(lang, 1.0),
        })
    };
    Page {
        title: title.to_string(),
        info,
        body,
        footer,
    }
}

fn colon(lang: Lang) -> &'static str {
    lang.pick(":", "\u{a0}:")
}

fn usage_page(splits: &MonthlySplits, of_all: bool, trends: &mut TrendsIndex, view: &View) -> Page {
    let (lang, theme) = (view.lang, view.theme);
    let usage = trends.usage(&view.data.index, view.threshold, splits);
    let now: Option<&DataTime> = trends.now();
    let title = view_title(TrendsView::Usage, false, of_all, lang);
    let share = |value: Option<f64>| value.map_or_else(|| "—".to_string(), |v| lang.percent(v));
    let mut first = legend(view);
    first.push(Span::styled(" │ ", theme.border()));
    // The older share is always a share of each class's downloads, so it is labelled when the
    // rest of the page shows shares of all downloads.
    let per_class = match of_all {
        true => lang.pick(" (per class)", " (par classe)"),
        false => "",
    };
    match &usage.older_than_12_months {
        Some(older) => first.push(Span::raw(match lang {
            Lang::En => format!(
                "older than 12 months{per_class}: SLM {} · LLM {}",
                share(older.slm),
                share(older.llm)
            ),
            Lang::Fr => format!(
                "plus de 12 mois{per_class} : SLM {} · LLM {}",
                share(older.slm),
                share(older.llm)
            ),
        })),
        None => first.push(Span::styled(
            lang.pick(
                "older than 12 months: unknown, the data has no date",
                "plus de 12 mois : inconnu, les données n'ont pas de date",
            ),
            theme.muted(),
        )),
    }
    let bucket_line = |before_tracking: bool, row: &UsageRow| {
        let (slm, llm) = row.shares(!of_all);
        Line::from(vec![
            Span::styled(
                format!("{}{} ", bucket_label(lang, before_tracking), colon(lang)),
                theme.label(),
            ),
            Span::raw(format!("SLM {} · LLM {}", share(slm), share(llm))),
        ])
    };
    let info = vec![
        Line::from(first),
        bucket_line(true, &usage.before_tracking),
        bucket_line(false, &usage.no_date),
    ];

    let mut series = Vec::new();
    let mut y_max: f64 = 0.0;
    for class in [Class::Slm, Class::Llm] {
        let points: Vec<(f64, f64)> = usage
            .months
            .iter()
            .enumerate()
            .filter_map(|(index, month)| {
                let (slm, llm) = month.usage.shares(!of_all);
                let value = if class == Class::Slm { slm } else { llm }?;
                Some((index as f64, value))
            })
            .collect();
        y_max = points.iter().map(|point| point.1).fold(y_max, f64::max);
        series.push((class, points));
    }
    // Round the axis up to the next 5%, so that its three labels are round numbers.
    let y_max = ((y_max * 20.0).ceil() / 20.0).max(0.05);
    for (_, points) in &mut series {
        points.iter_mut().for_each(|point| point.1 *= 100.0);
    }
    let months: Vec<Month> = usage.months.iter().map(|month| month.month).collect();
    let body = if months.is_empty() {
        Body::Message(
            lang.pick(
                "No model has a creation month.",
                "Aucun modèle n'a de mois de création.",
            )
            .to_string(),
        )
    } else {
        Body::Chart(LineChart {
            series,
            points: months.len(),
            x_labels: month_labels(&months),
            y_max: y_max * 100.0,
            y_labels: percent_labels(lang, y_max),
        })
    };
    let footer = now
        .map(|now| {
            let source = lang.data_time_source(now.source);
            vec![Line::styled(
                format!(
                    "{} {} ({source})",
                    lang.pick("Ages counted from", "Âges comptés depuis le"),
                    now.time.get(..10).unwrap_or(&now.time),
                ),
                theme.muted(),
            )]
        })
        .unwrap_or_default();
    Page {
        title: title.to_string(),
        info,
        body,
        footer,
    }
}

/// Returns the History view of a cache with fewer than [`MIN_SYNCS`] syncs, which explains why
/// there is no chart.
fn few_syncs_page(view: &View) -> Page {
    let lang = view.lang;
    let title = view_title(TrendsView::History, false, false, lang).to_string();
    let history = &view.data.history;
    let message = match lang {
        Lang::En => format!(
            "Downloads over time need {MIN_SYNCS} syncs or more that recorded downloads; this \
             cache holds {}. Each sync records the 30-day downloads of every model it lists: \
             press S\u{a0}to sync now, or run `slmscope sync` again later.",
            history.len()
        ),
        Lang::Fr => format!(
            "Les téléchargements dans le temps demandent au moins {MIN_SYNCS} synchros avec \
             téléchargements ; ce cache en contient {}. Chaque synchro enregistre les \
             téléchargements sur 30 jours des modèles listés : S\u{a0}synchronise maintenant, ou \
             relancez `slmscope sync` plus tard.",
            history.len()
        ),
    };
    Page {
        title,
        info: Vec::new(),
        body: Body::Message(message),
        footer: Vec::new(),
    }
}

fn history_page(task: Option<&str>, trends: &mut TrendsIndex, view: &View) -> Page {
    let (lang, theme) = (view.lang, view.theme);
    let title = view_title(TrendsView::History, false, false, lang).to_string();
    let history = &view.data.history;
    let points = trends.downloads_per_sync(&view.data.index, view.threshold, task, history);
    let day = |point: &SyncPoint| point.time.get(..10).unwrap_or(&point.time).to_string();
    let mut first = legend(view);
    first.push(Span::styled(" │ ", theme.border()));
    first.push(Span::raw(match lang {
        Lang::En => format!(
            "{} syncs, {} to {}",
            points.len(),
            day(&points[0]),
            day(&points[points.len() - 1])
        ),
        Lang::Fr => format!(
            "{} synchros, du {} au {}",
            points.len(),
            day(&points[0]),
            day(&points[points.len() - 1])
        ),
    }));
    let mut info = vec![Line::from(first)];
    if points.iter().any(|point| point.status != "finished") {
        info.push(Line::styled(
            lang.pick(
                "Unfinished syncs recorded only part of their models.",
                "Les synchros inachevées n'ont enregistré qu'une partie de leurs modèles.",
            ),
            theme.muted(),
        ));
    }

    let max = points
        .iter()
        .map(|point| point.slm.downloads.max(point.llm.downloads))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let series = [Class::Slm, Class::Llm]
        .into_iter()
        .map(|class| {
            let values = points
                .iter()
                .enumerate()
                .map(|(index, point)| {
                    let totals = if class == Class::Slm {
                        point.slm
                    } else {
                        point.llm
                    };
                    (index as f64, totals.downloads as f64)
                })
                .collect();
            (class, values)
        })
        .collect();
    let latest = &points[points.len() - 1];
    // Syncs of other queries cover other models, so the model counts of the latest syncs are
    // listed, the newest last.
    const LISTED_SYNCS: usize = 6;
    let mut counts: Vec<String> = points
        .iter()
        .rev()
        .take(LISTED_SYNCS)
        .rev()
        .map(|point| lang.int(point.models))
        .collect();
    if points.len() > LISTED_SYNCS {
        counts.insert(0, "…".to_string());
    }
    let footer = vec![
        Line::styled(
            match lang {
                Lang::En => format!(
                    "Latest sync: SLM {} · LLM {} · unknown {} downloads",
                    compact_count(lang, latest.slm.downloads),
                    compact_count(lang, latest.llm.downloads),
                    compact_count(lang, latest.unknown.downloads),
                ),
                Lang::Fr => format!(
                    "Dernière synchro : SLM {} · LLM {} · inconnus {} téléch.",
                    compact_count(lang, latest.slm.downloads),
                    compact_count(lang, latest.llm.downloads),
                    compact_count(lang, latest.unknown.downloads),
                ),
            },
            theme.muted(),
        ),
        Line::styled(
            format!(
                "{} {}",
                lang.pick("Models per sync:", "Modèles par synchro :"),
                counts.join(" · ")
            ),
            theme.muted(),
        ),
    ];
    Page {
        title,
        info,
        body: Body::Chart(LineChart {
            series,
            points: points.len(),
            x_labels: spread_labels(points.len(), |index| day(&points[index])),
            y_max: max,
            y_labels: [0.0, max / 2.0, max]
                .into_iter()
                .map(|value| compact_count(lang, value.round() as u64))
                .collect(),
        }),
        footer,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Model;

    #[test]
    fn task_cycles_through_largest_and_back() {
        let model = |id: &str, task: &str| {
            let mut model = Model::minimal(id, Some(1));
            model.pipeline_tag = Some(task.into());
            model
        };
        let index = Index::build(vec![
            model("a/1", "big"),
            model("a/2", "big"),
            model("a/3", "small"),
        ]);
        let mut state = TrendsState::default();
        assert!(state.handle(Action::NextTask, &index));
        assert_eq!(state.task.as_deref(), Some("big"));
        assert!(state.handle(Action::NextTask, &index));
        assert_eq!(state.task.as_deref(), Some("small"));
        assert!(state.handle(Action::NextTask, &index));
        assert_eq!(state.task, None, "wraps to all tasks");
        assert!(state.handle(Action::PrevTask, &index));
        assert_eq!(state.task.as_deref(), Some("small"));

        state.task = Some("gone".to_string());
        assert!(state.handle(Action::NextTask, &index));
        assert_eq!(
            state.task.as_deref(),
            Some("big"),
            "an absent task counts as all"
        );
    }

    #[test]
    fn labels_spread_over_points() {
        assert!(spread_labels(0, |i| i.to_string()).is_empty());
        assert_eq!(spread_labels(5, |i| i.to_string()), ["0", "2", "4"]);
        assert_eq!(
            percent_labels(Lang::Fr, 0.1),
            ["0\u{a0}%", "5\u{a0}%", "10\u{a0}%"]
        );
    }

    #[test]
    fn view_cycles_and_toggles() {
        let index = Index::build(Vec::new());
        let mut state = TrendsState::default();
        assert!(state.handle(Action::CycleView, &index));
        assert_eq!(state.view, TrendsView::Usage);
        state.handle(Action::CycleView, &index);
        state.handle(Action::CycleView, &index);
        assert_eq!(state.view, TrendsView::Share);
        assert!(state.handle(Action::ToggleWeighting, &index));
        assert!(state.weighted);
        assert!(state.handle(Action::ToggleScale, &index));
        assert!(state.of_all);
        assert!(!state.handle(Action::Up, &index));
        assert!(!state.handle(Action::NextTask, &index), "only all tasks");
    }
}
