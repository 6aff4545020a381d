//! A blocking call really freezes the page: how long a run would, from its prediction, so the page
//! can say so before the run and refuse a speed that would freeze it for too long. And its cure,
//! `to_thread`, really runs on another thread: how many a run needs at once, so the page can start
//! them before the run's clock does.

use crate::trace::{EventKind, RunOutcome, WaitOn};

/// The longest the page may be frozen by one run, in real seconds.
pub const MAX_FREEZE_SECONDS: f64 = 5.0;

/// Tutorial seconds a predicted run spends in blocking calls.
pub fn blocked_seconds(predicted: &RunOutcome) -> f64 {
    predicted
        .trace
        .events
        .iter()
        .map(|e| match e.kind {
            EventKind::Blocked(seconds, _) => seconds,
            _ => 0.0,
        })
        .sum()
}

/// Real seconds the page would be frozen by these variants at `speed`.
pub fn freeze_seconds<'a>(predicted: impl IntoIterator<Item = &'a RunOutcome>, speed: f64) -> f64 {
    predicted.into_iter().map(blocked_seconds).sum::<f64>() / speed
}

/// Whether the variants must run one after another rather than together: a variant that holds
/// the thread would make the others' timers late and their timing untrue.
pub fn runs_one_after_another<'a>(predicted: impl IntoIterator<Item = &'a RunOutcome>) -> bool {
    predicted.into_iter().any(|p| blocked_seconds(p) > 0.0)
}

/// The most `to_thread` jobs a predicted run has running at the same time.
pub fn threads_at_once(predicted: &RunOutcome) -> usize {
    let mut running = Vec::new();
    let mut most = 0;
    for event in &predicted.trace.events {
        match &event.kind {
            EventKind::Waits(WaitOn::External(what), _) if what.starts_with("to_thread(") => {
                running.push(event.task);
                most = most.max(running.len());
            }
            EventKind::Resumed => running.retain(|task| *task != event.task),
            _ => {}
        }
    }
    most
}

/// The threads these variants need at once: each column's, added up when they run together.
pub fn threads_needed<'a>(predicted: impl IntoIterator<Item = &'a RunOutcome> + Clone) -> usize {
    let each = predicted.clone().into_iter().map(threads_at_once);
    if runs_one_after_another(predicted) {
        each.max().unwrap_or(0)
    } else {
        each.sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aio::virtual_clock::run_virtual;
    use crate::lesson::params::Params;
    use crate::scenarios;

    fn predictions(id: &str) -> Vec<RunOutcome> {
        let scenario = scenarios::find(id).unwrap();
        let params = Params::defaults(scenario.params);
        scenario.variants.iter().map(|v| run_virtual(v.program()(&params), 1.0, 0.0)).collect()
    }

    #[test]
    fn a_blocking_call_freezes_for_its_seconds_over_the_speed() {
        let blocking = predictions("blocking-call");
        assert_eq!(blocked_seconds(&blocking[0]), 2.0, "the blocking variant holds the loop 2 s");
        assert_eq!(blocked_seconds(&blocking[1]), 0.0, "to_thread holds nothing");
        assert_eq!(freeze_seconds(&blocking, 4.0), 0.5);
        assert!(runs_one_after_another(&blocking));
        assert!(!runs_one_after_another(&predictions("say-after")));
    }

    #[test]
    fn to_thread_needs_one_thread_while_its_job_runs() {
        let blocking = predictions("blocking-call");
        assert_eq!(threads_at_once(&blocking[0]), 0, "time.sleep runs on the loop's own thread");
        assert_eq!(threads_at_once(&blocking[1]), 1);
        assert_eq!(threads_needed(&blocking), 1, "the variants run one after another");
        assert_eq!(threads_needed(&[blocking[1].clone(), blocking[1].clone()]), 2, "together, each has its own");
        assert_eq!(threads_needed(&predictions("say-after")), 0);
    }

    #[test]
    fn the_chess_masters_moves_freeze_the_page_unless_the_speed_is_high() {
        let chess = predictions("chess-exhibition");
        let at_default = freeze_seconds(&chess, scenarios::find("chess-exhibition").unwrap().default_speed);
        assert!(at_default <= MAX_FREEZE_SECONDS, "{at_default} s at the default speed");
        assert!(freeze_seconds(&chess, 1.0) > MAX_FREEZE_SECONDS);
    }
}
