//! Loading the cache off the UI thread, so that the first frame is drawn at once: the loader
//! thread, the stages it reports and the state it hands over, the explorer's [`App`] or the
//! tour's.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::JoinHandle;

use anyhow::anyhow;

use super::app::App;
use super::{AppData, BenchmarkData, TuiOptions};
use crate::analysis::Index;
use crate::cache::{Cache, CacheError, OpenMode};
use crate::i18n::Lang;

/// A step of the load, as the loading screen shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadStage {
    /// Opening the cache file and checking its schema.
    Opening,
    /// Reading the models: `read` of `total` so far.
    Reading { read: u64, total: u64 },
    /// Building the index of sizes, tasks and uses.
    Indexing,
    /// Sorting the Search pane's columns and preparing the other panes.
    Preparing,
}

/// Opens the cache at `db` and loads everything the panes show. `progress` is called at each
/// stage and every few thousand models read. When it returns `Break`, the load stops with
/// [`CacheError::Cancelled`] as soon as the model read checks it again. Errors are in `lang`.
pub fn load_app_data(
    db: &Path,
    lang: Lang,
    progress: &mut dyn FnMut(LoadStage) -> ControlFlow<()>,
) -> anyhow::Result<AppData> {
    let message = |error: CacheError| anyhow!(error.message(lang));
    let cancelled = || {
        message(CacheError::Cancelled {
            path: db.to_path_buf(),
        })
    };

    if progress(LoadStage::Opening).is_break() {
        return Err(cancelled());
    }
    let cache = Cache::open(db, OpenMode::MustExist).map_err(message)?;
    let total = cache.model_count().map_err(message)?;
    if progress(LoadStage::Reading { read: 0, total }).is_break() {
        return Err(cancelled());
    }
    let models = cache
        .load_models_with_progress(&mut |read| {
            progress(LoadStage::Reading {
                read: read as u64,
                total,
            })
        })
        .map_err(message)?;
    let benchmarks = cache.load_benchmarks().map_err(message)?;
    let reference = cache.load_reference().map_err(message)?;
    let history = cache.load_download_history().map_err(message)?;
    let provenance = cache.load_provenance().map_err(message)?;
    drop(cache);
    release_free_memory();

    if progress(LoadStage::Indexing).is_break() {
        return Err(cancelled());
    }
    let index = Index::build(models);
    release_free_memory();
    Ok(AppData {
        index: Arc::new(index),
        benchmarks: BenchmarkData::new(benchmarks),
        reference,
        history: Arc::new(history),
        provenance,
        cache_path: db.to_path_buf(),
    })
}

/// A message from the loader thread to the UI thread.
enum LoadMessage<T> {
    Stage(LoadStage),
    /// The state built from the cache, or why it could not be built. It is boxed because it is
    /// much larger than a stage.
    Done(anyhow::Result<Box<T>>),
}

/// The outcome of [`Loader::poll`].
pub enum LoadPoll<T = App> {
    /// The load still runs; `changed` is true when the stage changed since the last poll.
    Running { changed: bool },
    /// The load ended: the state to run the screen on, or the error to report.
    Finished(anyhow::Result<Box<T>>),
}

/// A load of the cache running on a thread of its own, which then builds the state `T` of the
/// screen that shows it. Dropping the loader cancels the load without waiting for the thread:
/// it stops at its next progress check.
pub struct Loader<T = App> {
    messages: Receiver<LoadMessage<T>>,
    cancel: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    stage: LoadStage,
    cache_path: PathBuf,
    lang: Lang,
    finished: bool,
}

impl Loader<App> {
    /// Starts loading the cache at `db` and building the explorer's state with `options`.
    /// Errors, in the options' language, when the thread cannot be started.
    pub fn start(db: PathBuf, options: TuiOptions) -> anyhow::Result<Loader<App>> {
        let lang = options.lang;
        Loader::start_with(db, lang, move |data| App::new(data, options))
    }
}

impl<T: Send + 'static> Loader<T> {
    /// Starts loading the cache at `db`, then building the screen's state from the data with
    /// `build`, on a thread of its own. Errors, in `lang`, when the thread cannot be started.
    pub fn start_with(
        db: PathBuf,
        lang: Lang,
        build: impl FnOnce(AppData) -> T + Send + 'static,
    ) -> anyhow::Result<Loader<T>> {
        let cancel = Arc::new(AtomicBool::new(false));
        let (sender, messages) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("slmscope-load".to_string())
            .spawn({
                let db = db.clone();
                let cancel = Arc::clone(&cancel);
                move || load(&db, lang, build, &cancel, &sender)
            })
            .map_err(|error| {
                tracing::error!(error = %error, "starting the cache loader failed");
                anyhow!(match lang {
                    Lang::En => format!("cannot start loading the cache: {error}"),
                    Lang::Fr => format!(
                        "impossible de commencer à charger le cache : {}",
                        crate::i18n::io_error(lang, &error)
                    ),
                })
            })?;
        Ok(Loader {
            messages,
            cancel,
            thread: Some(thread),
            stage: LoadStage::Opening,
            cache_path: db,
            lang,
            finished: false,
        })
    }

    /// Returns the latest stage the loader reported.
    pub fn stage(&self) -> LoadStage {
        self.stage
    }

    pub fn cache_path(&self) -> &Path {
        &self.cache_path
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Applies the messages the loader sent since the last call, without waiting.
    pub fn poll(&mut self) -> LoadPoll<T> {
        let mut changed = false;
        loop {
            match self.messages.try_recv() {
                Ok(LoadMessage::Stage(stage)) => {
                    changed |= stage != self.stage;
                    self.stage = stage;
                }
                Ok(LoadMessage::Done(result)) => {
                    self.finished = true;
                    return LoadPoll::Finished(result);
                }
                Err(TryRecvError::Empty) => return LoadPoll::Running { changed },
                Err(TryRecvError::Disconnected) => {
                    self.finished = true;
                    tracing::error!("the cache loader stopped without a result");
                    return LoadPoll::Finished(Err(anyhow!(self.lang.pick(
                        "loading the cache stopped unexpectedly; see the log",
                        "le chargement du cache s'est arrêté de façon inattendue ; voir le journal",
                    ))));
                }
            }
        }
    }

    /// Cancels the load and waits for its thread to stop. Once the models are read, the rest
    /// of the load is not interrupted, so this can wait for it.
    pub fn cancel_and_wait(mut self) {
        self.cancel.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::error!("the cache loader panicked");
        }
    }
}

impl<T> Drop for Loader<T> {
    fn drop(&mut self) {
        if !self.finished {
            self.cancel.store(true, Ordering::Relaxed);
        }
    }
}

/// Runs the loader thread: loads the data, builds the screen's state with `build` and sends the
/// stages and the result. A send fails only once the [`Loader`] is dropped, and then nothing
/// waits for the message.
fn load<T>(
    db: &Path,
    lang: Lang,
    build: impl FnOnce(AppData) -> T,
    cancel: &AtomicBool,
    sender: &Sender<LoadMessage<T>>,
) {
    let mut report = |stage| {
        let _ = sender.send(LoadMessage::Stage(stage));
        if cancel.load(Ordering::Relaxed) {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    };
    let result = load_app_data(db, lang, &mut report).and_then(|data| {
        if report(LoadStage::Preparing).is_break() {
            return Err(anyhow!(
                CacheError::Cancelled {
                    path: db.to_path_buf(),
                }
                .message(lang)
            ));
        }
        let models = data.index.len();
        let state = Box::new(build(data));
        tracing::info!(models, "cache loaded");
        Ok(state)
    });
    if let Err(error) = &result {
        tracing::warn!(error = format!("{error:#}"), "loading the cache failed");
    }
    let _ = sender.send(LoadMessage::Done(result));
}

/// Hands the heap's free pages back to the system. The load frees large temporary lists between
/// its steps; without this, glibc keeps their pages, and they count in the peak memory of the
/// next step.
pub(crate) fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks the allocator's own free lists.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::analysis::threshold::DEFAULT_THRESHOLD;
    use crate::hub::record::HubModel;
    use crate::tui::tests::text;
    use crate::tui::theme::Theme;
    use crate::tui::ui::{draw_loading, quits_loading};

    fn options(lang: Lang) -> TuiOptions {
        TuiOptions {
            lang,
            threshold: DEFAULT_THRESHOLD,
            color: false,
            sync_endpoint: None,
            filters_path: None,
            notice: None,
            theme: crate::tui::ThemeName::Dark,
            keymap: crate::tui::Keymap::default(),
            mouse: false,
            export_dir: None,
        }
    }

    fn cache_with(dir: &Path, ids: &[&str]) -> PathBuf {
        let path = dir.join("cache.db");
        let mut cache = Cache::open(&path, OpenMode::CreateIfMissing).unwrap();
        let records: Vec<HubModel> = ids
            .iter()
            .map(|id| HubModel {
                id: Some(id.to_string()),
                ..HubModel::default()
            })
            .collect();
        let sync = cache.begin_sync("e", "q", false).unwrap();
        cache.store_page(sync.id, &records, None).unwrap();
        path
    }

    fn loading_screen(loader: &Loader) -> String {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal
            .draw(|frame| draw_loading(frame, loader, &Theme::new(false)))
            .unwrap();
        text(terminal.backend().buffer())
    }

    fn wait(loader: &mut Loader) -> anyhow::Result<Box<App>> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let LoadPoll::Finished(result) = loader.poll() {
                return result;
            }
            assert!(Instant::now() < deadline, "the load did not finish");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn loader_builds_app_from_cache() {
        let dir = tempfile::tempdir().unwrap();
        let path = cache_with(dir.path(), &["b/two-7B", "a/one-1B"]);
        let mut loader = Loader::start(path, options(Lang::En)).unwrap();

        let first = loading_screen(&loader);
        assert!(first.contains("slmscope: loading"), "{first}");
        assert!(first.contains("Opening the cache"), "{first}");
        assert!(first.contains("q or Esc quits"), "{first}");

        let app = wait(&mut loader).unwrap();
        assert_eq!(app.data.index.len(), 2);
        assert_eq!(&*app.data.index.models()[0].id, "a/one-1B");
    }

    #[test]
    fn loading_screen_in_french() {
        let dir = tempfile::tempdir().unwrap();
        let path = cache_with(dir.path(), &["a/one"]);
        let mut loader = Loader::start(path, options(Lang::Fr)).unwrap();
        loader.stage = LoadStage::Reading {
            read: 1_500,
            total: 3_000,
        };

        let screen = loading_screen(&loader);
        assert!(screen.contains("slmscope : chargement de"), "{screen}");
        assert!(
            screen.contains("Lecture des modèles : 1\u{202f}500 sur 3\u{202f}000"),
            "{screen}"
        );
        assert!(screen.contains("q ou Échap pour quitter"), "{screen}");
        wait(&mut loader).unwrap();
    }

    #[test]
    fn stages_in_english() {
        let dir = tempfile::tempdir().unwrap();
        let path = cache_with(dir.path(), &["a/one"]);
        let mut loader = Loader::start(path, options(Lang::En)).unwrap();
        let cases = [
            (
                LoadStage::Reading {
                    read: 8_192,
                    total: 3_000_000,
                },
                "Reading models: 8,192 of 3,000,000",
            ),
            (LoadStage::Indexing, "Indexing sizes and tasks"),
            (
                LoadStage::Preparing,
                "Sorting the columns and preparing the tabs",
            ),
        ];
        for (stage, expected) in cases {
            loader.stage = stage;
            let screen = loading_screen(&loader);
            assert!(screen.contains(expected), "{stage:?}:\n{screen}");
        }
        wait(&mut loader).unwrap();
    }

    #[test]
    fn missing_cache_fails_load() {
        let dir = tempfile::tempdir().unwrap();
        let mut loader = Loader::start(dir.path().join("absent.db"), options(Lang::En)).unwrap();
        let Err(error) = wait(&mut loader) else {
            panic!("a missing cache loaded");
        };
        assert!(error.to_string().contains("cache not found"), "{error}");
    }

    #[test]
    fn cancelled_load_stops() {
        let dir = tempfile::tempdir().unwrap();
        let path = cache_with(dir.path(), &["a/one"]);
        let mut reports = 0;
        let result = load_app_data(&path, Lang::En, &mut |_| {
            reports += 1;
            ControlFlow::Break(())
        });
        let Err(error) = result else {
            panic!("a cancelled load finished");
        };
        assert!(error.to_string().contains("was cancelled"), "{error}");
        assert_eq!(reports, 1, "the load stops at the first report");

        let loader = Loader::start(path, options(Lang::En)).unwrap();
        loader.cancel_and_wait();
    }

    #[test]
    fn quit_keys_while_loading() {
        let keymap = crate::tui::Keymap::default();
        let quits = |code, modifiers| quits_loading(&KeyEvent::new(code, modifiers), &keymap);
        assert!(quits(KeyCode::Char('q'), KeyModifiers::NONE));
        assert!(quits(KeyCode::Esc, KeyModifiers::NONE));
        assert!(quits(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert!(!quits(KeyCode::Char('2'), KeyModifiers::NONE));
        assert!(!quits(KeyCode::Enter, KeyModifiers::NONE));

        let mut rebound = crate::tui::Keymap::default();
        rebound.rebind("quit", &["F10"]).unwrap();
        let quits = |code| quits_loading(&KeyEvent::new(code, KeyModifiers::NONE), &rebound);
        assert!(quits(KeyCode::F(10)), "the configured quit key");
        assert!(!quits(KeyCode::Char('q')));
    }
}
