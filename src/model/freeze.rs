//! A blocking call really freezes the page: how long a run would, from its prediction, so the page
//! can say so before the run and refuse a speed that would freeze it for too long.

use crate::trace::{EventKind, RunOutcome};

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
    fn the_chess_masters_moves_freeze_the_page_unless_the_speed_is_high() {
        let chess = predictions("chess-exhibition");
        let at_default = freeze_seconds(&chess, scenarios::find("chess-exhibition").unwrap().default_speed);
        assert!(at_default <= MAX_FREEZE_SECONDS, "{at_default} s at the default speed");
        assert!(freeze_seconds(&chess, 1.0) > MAX_FREEZE_SECONDS);
    }
}
