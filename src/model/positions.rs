//! Where each task is at an instant of a run: the lines the code view highlights, fed event by
//! event during a run and replayed up to the instant scrubbed to afterwards.

use crate::model::timeline::Timing;
use crate::trace::{Event, EventKind, Site, TaskId, Trace};

/// The site each task stopped at last, by task; none once it has finished (or before it starts).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Positions {
    at: Vec<Option<Site>>,
}

/// The tasks at one line, in task order.
pub type LineTasks = (u32, Vec<TaskId>);

impl Positions {
    /// Takes in one event of the run. A task that resumes stays at its line until it stops again:
    /// it runs for no time on the loop's clock.
    pub fn apply(&mut self, event: &Event) {
        let site = match &event.kind {
            EventKind::Waits(_, site) | EventKind::Blocked(_, site) => *site,
            EventKind::TaskCreated | EventKind::Finished(_) => None,
            _ => return,
        };
        if self.at.len() <= event.task {
            self.at.resize(event.task + 1, None);
        }
        self.at[event.task] = site;
    }

    /// Where the tasks of a finished run were at `t` on `clock` (replay).
    pub fn at(trace: &Trace, clock: Timing, t: f64) -> Positions {
        let mut positions = Positions::default();
        for event in trace.events.iter().take_while(|e| clock.at(e) <= t) {
            positions.apply(event);
        }
        positions
    }

    /// The tasks at each line, lines in order, a site's line given by `line_of`.
    pub fn by_line(&self, line_of: impl Fn(Site) -> Option<u32>) -> Vec<LineTasks> {
        let mut lines: Vec<LineTasks> = Vec::new();
        for (task, site) in self.at.iter().enumerate() {
            let Some(line) = site.and_then(&line_of) else { continue };
            // Kept in order as they come (a sort would add kilobytes of code to the page).
            let at = lines.partition_point(|(l, _)| *l < line);
            match lines.get_mut(at) {
                Some((l, tasks)) if *l == line => tasks.push(task),
                _ => lines.insert(at, (line, vec![task])),
            }
        }
        lines
    }
}

// Native only: the tests read the scenarios' Rust, which the page fetches instead of compiling in.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::aio::virtual_clock::run_virtual;
    use crate::lesson::params::Params;
    use crate::model::python_lines::{LineMap, PythonLines};
    use crate::scenarios;

    fn trace(scenario: &str, variant: &str) -> Trace {
        let scenario = scenarios::find(scenario).unwrap();
        let program = scenario.variant(variant).unwrap().program()(&Params::defaults(scenario.params));
        run_virtual(program, 1.0, 0.0).trace
    }

    /// The variant's Python line of each Rust line, from the table the page fetches.
    fn python_lines(scenario: &str, variant: &str) -> LineMap {
        let table = PythonLines::parse(include_str!("../scenarios/python_lines.txt"));
        table.resolve(scenario, variant, scenarios::find(scenario).unwrap().rust_source.text)
    }

    #[test]
    fn with_create_task_both_tasks_sleep_at_the_same_line_and_main_awaits_the_first() {
        let trace = trace("say-after", "create-task");
        let table = python_lines("say-after", "create-task");
        let python = |t| Positions::at(&trace, Timing::Ideal, t).by_line(|s| table.get(s));
        // Python: 6 `await asyncio.sleep(delay)` (both tasks), 27 `await task1`, 28 `await task2`.
        assert_eq!(python(0.5), [(6, vec![2, 3]), (27, vec![1])]);
        assert_eq!(python(1.5), [(6, vec![3]), (28, vec![1])]);
        assert_eq!(python(2.0), [], "everything has finished");
    }

    #[test]
    fn awaiting_one_by_one_the_main_task_is_inside_say_after() {
        let trace = trace("say-after", "sequential");
        let table = python_lines("say-after", "sequential");
        let python = |t| Positions::at(&trace, Timing::Ideal, t).by_line(|s| table.get(s));
        assert_eq!(python(0.5), [(6, vec![1])]);
        assert_eq!(python(2.5), [(6, vec![1])]);
        let rust = Positions::at(&trace, Timing::Ideal, 0.5).by_line(|s| Some(s.line()));
        assert_eq!(rust.len(), 1, "one Rust line too: {rust:?}");
    }

    #[test]
    fn a_blocking_call_holds_its_task_at_the_time_sleep_line() {
        let trace = trace("blocking-call", "blocking");
        let table = python_lines("blocking-call", "blocking");
        let blocked = trace.events.iter().find(|e| matches!(e.kind, EventKind::Blocked(..))).expect("a time.sleep");
        let positions = Positions::at(&trace, Timing::Ideal, blocked.t);
        let lines = positions.by_line(|s| table.get(s));
        assert!(lines.iter().any(|(_, tasks)| tasks.contains(&blocked.task)), "{lines:?}");
    }

    #[test]
    fn fed_event_by_event_it_ends_where_the_replay_of_the_end_does() {
        let trace = trace("queue-workers", "task-done");
        let mut live = Positions::default();
        for event in &trace.events {
            live.apply(event);
        }
        let end = trace.events.last().unwrap().t;
        assert_eq!(live, Positions::at(&trace, Timing::Ideal, end));
    }
}
