//! The work a pane pays once per index, such as grouping every model, run on a worker thread
//! so that the UI thread keeps drawing and reading keys. A pane sends a job tagged with the
//! generation of its index, draws a placeholder, and applies the result that
//! [`PaneWorker::try_recv`] returns between key presses. A job still queued when a job for a
//! newer index is requested is skipped, and the pane drops a result whose generation is no
//! longer that of the index it shows.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::Duration;

type Job<T> = Box<dyn FnOnce() -> T + Send>;

struct Request<T> {
    generation: u64,
    job: Job<T>,
}

/// The outcome of one job, tagged with the index generation it was requested for. `value` is
/// `None` when the worker skipped the job because a newer index had asked for work.
struct Outcome<T> {
    generation: u64,
    value: Option<T>,
}

/// The two ends the UI thread keeps of a running worker thread.
struct Channel<T> {
    requests: Sender<Request<T>>,
    outcomes: Receiver<Outcome<T>>,
}

/// A finished job's result, tagged with the index generation it was computed from.
pub struct Computed<T> {
    pub generation: u64,
    pub value: T,
}

/// A thread that runs a pane's jobs one at a time, in order. It starts at the first request.
/// Dropping the worker does not wait for the job in flight: the thread finishes it, finds the
/// channel closed and ends. So neither a key nor quitting waits for a job, except a job run on
/// the UI thread because the thread could not start.
pub struct PaneWorker<T> {
    name: &'static str,
    channel: Option<Channel<T>>,
    /// The newest index generation a job was requested for; queued jobs of older ones are
    /// skipped.
    latest: Arc<AtomicU64>,
    /// Jobs sent whose outcome has not been received yet.
    in_flight: usize,
    /// Results of jobs run on the UI thread because the thread could not start.
    finished_here: Vec<Computed<T>>,
}

impl<T> fmt::Debug for PaneWorker<T> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("PaneWorker")
            .field("name", &self.name)
            .field("in_flight", &self.in_flight)
            .finish_non_exhaustive()
    }
}

impl<T: Send + 'static> PaneWorker<T> {
    /// Prepares a worker whose thread is called `name`. No thread starts until a request.
    pub fn new(name: &'static str) -> PaneWorker<T> {
        PaneWorker {
            name,
            channel: None,
            latest: Arc::new(AtomicU64::new(0)),
            in_flight: 0,
            finished_here: Vec::new(),
        }
    }

    /// True while a job sent to the thread has not returned its outcome.
    pub fn is_busy(&self) -> bool {
        self.in_flight > 0 || !self.finished_here.is_empty()
    }

    /// Queues `job` for the index of `generation`. When the thread cannot start, the job runs
    /// at once on the calling thread, which is logged.
    // NOTE: a job keeps the index it reads alive until it ends, so an index rebuilt while a job
    // runs (a filter change, a stored sync page) is held in memory twice for that time.
    pub fn request(&mut self, generation: u64, job: impl FnOnce() -> T + Send + 'static) {
        self.latest.fetch_max(generation, Ordering::Relaxed);
        let request = Request {
            generation,
            job: Box::new(job),
        };
        let request = match self.send(request) {
            Ok(()) => {
                self.in_flight += 1;
                return;
            }
            Err(request) => request,
        };
        let value = (request.job)();
        self.finished_here.push(Computed { generation, value });
    }

    /// Sends `request` to the thread, started if needed, or gives it back when the thread
    /// cannot start or has ended.
    fn send(&mut self, request: Request<T>) -> Result<(), Request<T>> {
        if self.channel.is_none() {
            match self.spawn() {
                Ok(channel) => self.channel = Some(channel),
                Err(error) => {
                    tracing::error!(thread = self.name, %error, "cannot start the thread; computing on the UI thread");
                    return Err(request);
                }
            }
        }
        let channel = self.channel.as_ref().expect("started above");
        channel.requests.send(request).map_err(|failed| {
            tracing::error!(
                thread = self.name,
                "the thread has ended; computing on the UI thread"
            );
            self.channel = None;
            failed.0
        })
    }

    fn spawn(&self) -> std::io::Result<Channel<T>> {
        let (request_sender, requests) = mpsc::channel::<Request<T>>();
        let (outcome_sender, outcomes) = mpsc::channel();
        let latest = Arc::clone(&self.latest);
        // The handle is dropped, which detaches the thread: see the type's documentation.
        std::thread::Builder::new()
            .name(self.name.to_string())
            .spawn(move || {
                while let Ok(request) = requests.recv() {
                    let value = if request.generation < latest.load(Ordering::Relaxed) {
                        None
                    } else {
                        Some((request.job)())
                    };
                    let outcome = Outcome {
                        generation: request.generation,
                        value,
                    };
                    if outcome_sender.send(outcome).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Channel {
            requests: request_sender,
            outcomes,
        })
    }

    /// Queues a job that runs until the returned sender sends or drops, then sets `finished`
    /// and returns `value()`, for tests of what must not wait for a job. Waits until the job
    /// runs. Its generation, 0, is older than any index's, so a pane drops its result.
    #[cfg(test)]
    pub fn block(
        &mut self,
        finished: Arc<std::sync::atomic::AtomicBool>,
        value: impl FnOnce() -> T + Send + 'static,
    ) -> Sender<()> {
        let (release, released) = mpsc::channel::<()>();
        let (started, running) = mpsc::channel();
        self.request(0, move || {
            started.send(()).expect("the test waits for the start");
            // Returns with an error once the sender drops.
            let _ = released.recv();
            finished.store(true, Ordering::Relaxed);
            value()
        });
        running
            .recv_timeout(Duration::from_secs(10))
            .expect("the blocking job starts");
        release
    }

    /// Returns the next finished result without waiting, skipping the outcomes of skipped jobs.
    /// When the thread has ended because a job panicked, logs it, resets the count of jobs in
    /// flight and returns `None`, so the pane requests its work again at its next frame.
    pub fn try_recv(&mut self) -> Option<Computed<T>> {
        self.receive(|outcomes| match outcomes.try_recv() {
            Ok(outcome) => Ok(Some(outcome)),
            Err(TryRecvError::Empty) => Ok(None),
            Err(TryRecvError::Disconnected) => Err(()),
        })
    }

    /// Returns the next finished result, waiting up to `timeout` for it.
    pub fn recv_timeout(&mut self, timeout: Duration) -> Option<Computed<T>> {
        self.receive(|outcomes| match outcomes.recv_timeout(timeout) {
            Ok(outcome) => Ok(Some(outcome)),
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => Err(()),
        })
    }

    /// Returns the next result that `next` receives, or a result computed on the UI thread.
    /// `next` returns `Err` when the thread has ended.
    fn receive(
        &mut self,
        next: impl Fn(&Receiver<Outcome<T>>) -> Result<Option<Outcome<T>>, ()>,
    ) -> Option<Computed<T>> {
        if !self.finished_here.is_empty() {
            return Some(self.finished_here.remove(0));
        }
        loop {
            let channel = self.channel.as_ref()?;
            match next(&channel.outcomes) {
                Ok(Some(outcome)) => {
                    self.in_flight = self.in_flight.saturating_sub(1);
                    if let Some(value) = outcome.value {
                        return Some(Computed {
                            generation: outcome.generation,
                            value,
                        });
                    }
                }
                Ok(None) => return None,
                Err(()) => {
                    tracing::error!(thread = self.name, "the thread ended unexpectedly");
                    self.channel = None;
                    self.in_flight = 0;
                    return None;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::AtomicBool;

    use super::*;

    const WAIT: Duration = Duration::from_secs(10);

    #[test]
    fn result_comes_back_with_its_generation() {
        let mut worker = PaneWorker::new("test-worker");
        assert!(!worker.is_busy());
        worker.request(3, || 21 * 2);
        assert!(worker.is_busy());
        let computed = worker.recv_timeout(WAIT).expect("the job finishes");
        assert_eq!(computed.generation, 3);
        assert_eq!(computed.value, 42);
        assert!(!worker.is_busy());
    }

    #[test]
    fn queued_job_of_older_index_is_skipped() {
        let mut worker = PaneWorker::new("test-worker");
        let finished = Arc::new(AtomicBool::new(false));
        let release = worker.block(finished, || "blocking");
        worker.request(1, || "older");
        worker.request(2, || "newer");
        drop(release);

        let mut values = Vec::new();
        while worker.is_busy() {
            if let Some(computed) = worker.recv_timeout(WAIT) {
                values.push((computed.generation, computed.value));
            }
        }
        assert_eq!(values, [(0, "blocking"), (2, "newer")]);
    }

    #[test]
    fn dropping_does_not_wait_for_the_job() {
        let mut worker = PaneWorker::new("test-worker");
        let finished = Arc::new(AtomicBool::new(false));
        let release = worker.block(Arc::clone(&finished), || "blocking");
        let (dropped, done) = mpsc::channel();
        std::thread::spawn(move || {
            drop(worker);
            dropped.send(()).expect("the test waits for the drop");
        });
        let returned = done.recv_timeout(WAIT);
        drop(release);
        assert!(
            returned.is_ok(),
            "the drop returned while the job was blocked"
        );
    }

    #[test]
    fn panicked_job_ends_the_wait() {
        let mut worker: PaneWorker<u8> = PaneWorker::new("test-worker");
        worker.request(1, || panic!("a failing job"));
        assert!(worker.recv_timeout(WAIT).is_none());
        assert!(!worker.is_busy(), "the lost job is forgotten");
        worker.request(2, || 7);
        let computed = worker.recv_timeout(WAIT).expect("a new thread runs it");
        assert_eq!(computed.value, 7);
    }
}
