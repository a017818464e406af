//! Termination signals while a full-screen view runs. SIGTERM and SIGINT would end the process
//! with the terminal still in raw mode on the alternate screen, with the cursor hidden. Instead,
//! the handler records the signal and the event loop quits as on `q`, which restores the
//! terminal. SIGKILL cannot be caught, so after `kill -9` the user has to run `reset`. SIGHUP
//! keeps its default action, which ends the process: the terminal is gone, so there is nothing
//! to restore. An explorer that caught SIGHUP was seen to spin at full CPU after its terminal
//! closed.

use std::sync::atomic::{AtomicI32, Ordering};

/// The last signal received, 0 for none.
static RECEIVED: AtomicI32 = AtomicI32::new(0);

#[cfg(unix)]
extern "C" fn record(signal: libc::c_int) {
    // Only an atomic store: a signal handler may call async-signal-safe functions only.
    RECEIVED.store(signal, Ordering::SeqCst);
}

/// Installs the handler for SIGTERM and SIGINT. The handlers stay for the rest of the
/// process, which ends soon after the view closes.
#[cfg(unix)]
pub fn install() {
    let handler = record as extern "C" fn(libc::c_int) as libc::sighandler_t;
    for signal in [libc::SIGTERM, libc::SIGINT] {
        // SAFETY: `record` is an `extern "C"` function that only stores to an atomic, which is
        // async-signal-safe. glibc's signal() restarts interrupted system calls (SA_RESTART).
        let previous = unsafe { libc::signal(signal, handler) };
        if previous == libc::SIG_ERR {
            tracing::warn!(signal, "installing the signal handler failed");
        }
    }
}

#[cfg(not(unix))]
pub fn install() {}

/// Returns the termination signal received since [`install`], if any.
pub fn received() -> Option<i32> {
    match RECEIVED.load(Ordering::SeqCst) {
        0 => None,
        signal => Some(signal),
    }
}
