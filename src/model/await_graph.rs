//! Who awaits whom at an instant of a run, as a tree in the manner of Python 3.14's
//! `python -m asyncio pstree`: each task under the task that created it (or the program), with
//! what it is doing then: ready to run, waiting (on a sleep until when, on another task, a future,
//! a queue), or finished, cancelled or failed. Drawn from the trace, so a run on CPython in the
//! page draws it as the engine's runs do.

use crate::model::timeline::Timing;
use crate::trace::{task_name, EventKind, Outcome, Site, TaskId, Trace, WaitOn};

/// What a task is doing at the instant.
#[derive(Clone, Debug, PartialEq)]
pub enum Doing {
    /// Created, or woken, and not yet waiting: its step is due or running.
    Ready,
    /// Suspended on this since `since` (loop time, tutorial seconds).
    Waiting {
        on: WaitOn,
        since: f64,
    },
    Done(Outcome),
}

/// A task in the tree, with the tasks it created.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub task: TaskId,
    /// `Task-2 say_after`.
    pub label: String,
    pub doing: Doing,
    pub children: Vec<Node>,
}

/// The tree at `t` on `clock`: the tasks created by then, under their creators; the program's own
/// tasks (those created outside any task, as by `asyncio.run`) at the top.
pub fn await_graph(trace: &Trace, clock: Timing, t: f64) -> Vec<Node> {
    await_graph_before(trace, trace.events.iter().take_while(|e| clock.at(e) <= t).count())
}

/// A task once some of a run's events have happened.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskState {
    /// The task whose step created it (0: the program, outside any task).
    pub parent: TaskId,
    pub doing: Doing,
    /// Where it waits, while it waits.
    pub site: Option<Site>,
}

/// Every task's state once the trace's first `events` events have happened, by task id; `None`
/// for a task not created by then (and for the program, 0).
pub fn task_states(trace: &Trace, events: usize) -> Vec<Option<TaskState>> {
    let mut states: Vec<Option<TaskState>> = vec![None; trace.tasks.len()];
    // The task whose step is running: a task created now was created by it.
    let mut running: TaskId = 0;
    for event in &trace.events[..events.min(trace.events.len())] {
        let task = event.task;
        if task == 0 {
            continue;
        }
        if task >= states.len() {
            states.resize(task + 1, None);
        }
        let (doing, site) = match &event.kind {
            EventKind::TaskCreated => {
                states[task] = Some(TaskState { parent: running, doing: Doing::Ready, site: None });
                continue;
            }
            EventKind::Resumed => {
                running = task;
                (Doing::Ready, None)
            }
            EventKind::Waits(on, site) => {
                running = 0;
                (Doing::Waiting { on: on.clone(), since: event.t }, *site)
            }
            EventKind::Finished(outcome) => {
                running = 0;
                (Doing::Done(outcome.clone()), None)
            }
            _ => continue,
        };
        let state = states[task].get_or_insert(TaskState { parent: 0, doing: Doing::Ready, site: None });
        (state.doing, state.site) = (doing, site);
    }
    states
}

/// `Task-2 say_after`: the task's name and its coroutine's, as asyncio's repr says them.
pub fn task_label(trace: &Trace, task: TaskId) -> String {
    match trace.tasks.get(task) {
        Some(coroutine) if task > 0 => format!("{} {coroutine}", task_name(task)),
        _ => task_name(task),
    }
}

/// The tree once the trace's first `events` events have happened (a turn of the loop inspector
/// starts after a count of events: several turns can share one instant).
pub fn await_graph_before(trace: &Trace, events: usize) -> Vec<Node> {
    fn grow(trace: &Trace, states: &[Option<TaskState>], of: TaskId) -> Vec<Node> {
        (1..states.len())
            .filter(|&task| task != of)
            .filter_map(|task| {
                let state = states[task].as_ref().filter(|state| state.parent == of)?;
                Some(Node {
                    task,
                    label: task_label(trace, task),
                    doing: state.doing.clone(),
                    children: grow(trace, states, task),
                })
            })
            .collect()
    }
    grow(trace, &task_states(trace, events), 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aio::virtual_clock::run_virtual;
    use crate::lesson::params::Params;

    fn say_after(variant: &str, t: f64) -> Vec<Node> {
        let scenario = crate::scenarios::find("say-after").unwrap();
        let program = scenario.variant(variant).unwrap().program()(&Params::defaults(scenario.params));
        await_graph(&run_virtual(program, 1.0, 0.0).trace, Timing::Ideal, t)
    }

    /// One line per task, indented by depth: `label: doing`.
    fn lines(nodes: &[Node], depth: usize, out: &mut Vec<String>) {
        for node in nodes {
            out.push(format!("{}{}: {:?}", "  ".repeat(depth), node.label, node.doing));
            lines(&node.children, depth + 1, out);
        }
    }

    #[test]
    fn after_main_awaits_task1_both_say_afters_sleep_under_main() {
        let mut drawn = Vec::new();
        lines(&say_after("create-task", 0.5), 0, &mut drawn);
        assert_eq!(
            drawn,
            [
                "Task-1 main: Waiting { on: Task(2), since: 0.0 }",
                "  Task-2 say_after: Waiting { on: Sleep(1.0), since: 0.0 }",
                "  Task-3 say_after: Waiting { on: Sleep(2.0), since: 0.0 }",
            ]
        );
        let mut later = Vec::new();
        lines(&say_after("create-task", 1.5), 0, &mut later);
        assert_eq!(later[0], "Task-1 main: Waiting { on: Task(3), since: 1.0 }");
        assert_eq!(later[1], "  Task-2 say_after: Done(Returned)");
    }

    #[test]
    fn awaited_one_by_one_there_is_only_main_and_before_the_start_nothing() {
        let mut drawn = Vec::new();
        lines(&say_after("sequential", 1.5), 0, &mut drawn);
        assert_eq!(drawn, ["Task-1 main: Waiting { on: Sleep(2.0), since: 1.0 }"]);
        assert!(say_after("sequential", -1.0).is_empty());
    }
}
