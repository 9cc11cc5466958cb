//! The build's progress line ("loading…", "rendering…"), which only appears on an
//! interactive terminal so logs and CI output stay clean; with `MADOGUCHI_TIMINGS` set,
//! each step's time and the peak memory so far.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

static PROGRESS: AtomicBool = AtomicBool::new(false);
static SHOWN: AtomicBool = AtomicBool::new(false);

/// Turns the progress line on, but only when stderr is a terminal someone is watching.
pub fn enable() {
    PROGRESS.store(std::io::stderr().is_terminal(), Ordering::Relaxed);
}

/// With `MADOGUCHI_TIMINGS` set, each step also prints how long the previous one took,
/// so a slow build can be traced to its stage without a profiler.
fn time_step(step: Option<&str>) {
    use std::sync::Mutex;
    use std::time::Instant;
    static LAST: Mutex<Option<(String, Instant)>> = Mutex::new(None);
    if std::env::var_os("MADOGUCHI_TIMINGS").is_none() {
        return;
    }
    if let Ok(mut last) = LAST.lock() {
        if let Some((name, at)) = last.take() {
            // Peak memory so far, where the kernel reports it (Linux).
            let peak = std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find(|l| l.starts_with("VmHWM:"))
                        .map(|l| l[6..].trim().to_string())
                })
                .unwrap_or_default();
            eprintln!(
                "timing: {name}: {} ms (peak RSS so far {peak})",
                at.elapsed().as_millis()
            );
        }
        *last = step.map(|s| (s.to_string(), Instant::now()));
    }
}

/// Starts the step `step` (and ends the one before).
pub(crate) fn step(step: &str) {
    time_step(Some(step));
    if PROGRESS.load(Ordering::Relaxed) {
        SHOWN.store(true, Ordering::Relaxed);
        let mut e = std::io::stderr();
        let _ = write!(e, "\r\x1b[K{step}…");
        let _ = e.flush();
    }
}

/// Clears the progress line so the next message starts on a clean line.
pub(crate) fn done() {
    time_step(None);
    if SHOWN.swap(false, Ordering::Relaxed) {
        let _ = write!(std::io::stderr(), "\r\x1b[K");
    }
}
