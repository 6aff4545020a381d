//! The loop inspector: a run's event loop one turn at a time, from the turns a run that inspects
//! keeps (`trace::Turn`, which `tests/loop_turns.rs` holds equal to CPython's own `_ready` and
//! `_scheduled`): what the turn runs, in order, the timers still pending, where every task is,
//! who awaits whom, and what the turn printed.

use crate::model::await_graph::{await_graph_before, task_label, task_states, Doing, Node};
use crate::trace::{Callback, Line, Site, TaskId, Trace, Turn};

/// A task as the inspector lists it: what it is doing when the turn starts, and the line it
/// waits at (the scenario's Rust, or the program's Python for a run on CPython).
#[derive(Clone, Debug, PartialEq)]
pub struct TaskRow {
    pub task: TaskId,
    /// `Task-2 say_after`.
    pub label: String,
    pub doing: Doing,
    pub site: Option<Site>,
}

/// One turn, ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct TurnView<'a> {
    /// From 0.
    pub index: usize,
    /// How many turns the run has.
    pub count: usize,
    pub turn: &'a Turn,
    /// Every task created before the turn, in creation order.
    pub tasks: Vec<TaskRow>,
    /// Who awaits whom when the turn starts.
    pub graph: Vec<Node>,
    /// What the turn's callbacks wrote, stdout and stderr.
    pub printed: Vec<Line>,
}

/// The task a callback steps or wakes, if it is about one.
pub fn callback_task(callback: &Callback) -> Option<TaskId> {
    match callback {
        Callback::Step(task) | Callback::Wakes(task) => Some(*task),
        Callback::Call(_) => None,
    }
}

/// Turn `index` of the run (clamped to its last), or `None` for a run that kept no turns.
pub fn turn_view(trace: &Trace, index: usize) -> Option<TurnView<'_>> {
    let count = trace.turns.len();
    let index = index.min(count.checked_sub(1)?);
    let turn = &trace.turns[index];
    let before = turn.events.min(trace.events.len());
    let until = trace.turns.get(index + 1).map_or(trace.events.len(), |next| next.events.min(trace.events.len()));
    let rows = task_states(trace, before)
        .into_iter()
        .enumerate()
        .filter_map(|(task, state)| {
            let state = state?;
            Some(TaskRow { task, label: task_label(trace, task), doing: state.doing, site: state.site })
        })
        .collect();
    Some(TurnView {
        index,
        count,
        turn,
        tasks: rows,
        graph: await_graph_before(trace, before),
        printed: trace.events[before..until].iter().filter_map(Line::of).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aio::virtual_clock::run_inspected;
    use crate::lesson::params::Params;
    use crate::trace::WaitOn;

    fn say_after(variant: &str) -> Trace {
        let scenario = crate::scenarios::find("say-after").unwrap();
        let program = scenario.variant(variant).unwrap().program()(&Params::defaults(scenario.params));
        run_inspected(program, 1.0, 0.0).trace
    }

    /// The turn after main has awaited task1: both say_afters have started their sleeps.
    #[test]
    fn after_main_awaits_task1_both_sleeps_are_pending_with_deadlines_1_and_2() {
        let trace = say_after("create-task");
        let view = turn_view(&trace, 2).unwrap();
        assert_eq!(view.count, 8 + 5, "the program's 8 turns and asyncio.run's shutdown");
        assert_eq!(view.turn.t, 1.0);
        assert!(view.turn.ready.is_empty());
        assert_eq!(view.turn.due, [(1.0, Callback::Wakes(2))]);
        assert_eq!(view.turn.timers, [(2.0, Callback::Wakes(3))]);
        let doing: Vec<_> = view.tasks.iter().map(|row| (row.label.as_str(), row.doing.clone())).collect();
        assert_eq!(
            doing,
            [
                ("Task-1 main", Doing::Waiting { on: WaitOn::Task(2), since: 0.0 }),
                ("Task-2 say_after", Doing::Waiting { on: WaitOn::Sleep(1.0), since: 0.0 }),
                ("Task-3 say_after", Doing::Waiting { on: WaitOn::Sleep(2.0), since: 0.0 }),
            ]
        );
        assert!(view.tasks.iter().all(|row| row.site.is_some()), "each waits at a line of say_after.rs");
        assert_eq!(view.graph.len(), 1);
        assert_eq!(view.graph[0].children.len(), 2, "main → the two say_after tasks");
        assert!(view.printed.is_empty(), "the timer's turn prints nothing");
        let next = turn_view(&trace, 3).unwrap();
        assert_eq!(next.turn.ready, [Callback::Step(2)]);
        assert_eq!(next.printed.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), ["hello"]);
    }

    #[test]
    fn the_first_turn_runs_main_and_a_turn_past_the_end_is_the_last() {
        let trace = say_after("sequential");
        let first = turn_view(&trace, 0).unwrap();
        assert_eq!(first.turn.ready, [Callback::Step(1)]);
        assert_eq!(first.tasks.len(), 1);
        assert_eq!(first.tasks[0].doing, Doing::Ready);
        let last = turn_view(&trace, usize::MAX).unwrap();
        assert_eq!(last.index, last.count - 1);
        assert!(turn_view(&Trace::default(), 0).is_none(), "a run that kept no turns has none to show");
    }

    #[test]
    fn a_callback_names_its_task_as_asyncio_does() {
        let trace = say_after("create-task");
        assert_eq!(task_label(&trace, 2), "Task-2 say_after");
        assert_eq!(task_label(&trace, 0), "<module>");
        assert_eq!(callback_task(&Callback::Wakes(3)), Some(3));
        assert_eq!(callback_task(&Callback::Call("_run_until_complete_cb".into())), None);
    }
}
