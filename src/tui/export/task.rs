//! The thread that writes one export, so that a table of millions of rows never blocks the UI.

use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread::JoinHandle;

use super::{ExportTable, Format, file, write_table};

/// A report from the export thread.
#[derive(Debug)]
pub enum ExportMsg {
    /// Rows written so far.
    Progress(usize),
    /// The file was written at this path.
    Done(PathBuf),
    Failed(io::Error),
}

/// A running export: its thread, the rows it writes and the channel it reports on.
pub struct ExportTask {
    messages: Receiver<ExportMsg>,
    cancelled: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    /// Rows in the table.
    pub total: usize,
    /// Rows written so far, as last reported.
    pub written: usize,
    /// The file name asked for; a taken name gets a suffix.
    pub name: String,
}

impl ExportTask {
    /// Starts writing `table` as `format` to `name` in `dir`.
    pub fn spawn(
        table: ExportTable,
        format: Format,
        dir: PathBuf,
        name: String,
    ) -> io::Result<ExportTask> {
        let (sender, messages) = mpsc::channel();
        let cancelled = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&cancelled);
        let total = table.rows.len();
        let file_name = name.clone();
        let thread = std::thread::Builder::new()
            .name("slmscope-export".to_string())
            .spawn(move || {
                let progress_sender = sender.clone();
                let mut progress = |written: usize| {
                    if stop.load(Ordering::Relaxed) {
                        return Err(io::Error::new(
                            io::ErrorKind::Interrupted,
                            "export cancelled",
                        ));
                    }
                    // A closed channel means the UI is gone; the file is still finished.
                    let _ = progress_sender.send(ExportMsg::Progress(written));
                    Ok(())
                };
                let result = file::write_new(&dir, &file_name, |out| {
                    write_table(&table, format, out, &mut progress)
                });
                let message = match result {
                    Ok(path) => ExportMsg::Done(path),
                    Err(error) => ExportMsg::Failed(error),
                };
                let _ = sender.send(message);
            })?;
        Ok(ExportTask {
            messages,
            cancelled,
            thread: Some(thread),
            total,
            written: 0,
            name,
        })
    }

    pub fn try_recv(&self) -> Result<ExportMsg, TryRecvError> {
        self.messages.try_recv()
    }

    /// Waits for the export to end and returns where it wrote, or why it failed; `None` when
    /// the thread ended without saying.
    pub fn wait(self) -> Option<io::Result<PathBuf>> {
        loop {
            match self.messages.recv().ok()? {
                ExportMsg::Progress(_) => {}
                ExportMsg::Done(path) => return Some(Ok(path)),
                ExportMsg::Failed(error) => return Some(Err(error)),
            }
        }
    }
}

impl Drop for ExportTask {
    /// Stops the export at its next progress report, which removes its temporary file, and
    /// waits for the thread to end. A finished export is left as written.
    fn drop(&mut self) {
        self.cancelled.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::error!("the export thread panicked");
        }
    }
}
