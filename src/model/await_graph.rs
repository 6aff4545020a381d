//! Who awaits whom at an instant of a run, as a tree in the manner of Python 3.14's
//! `python -m asyncio pstree`: each task under the task that created it (or the program), with
//! what it is doing then: ready to run, waiting (on a sleep until when, on another task, a future,
//! a queue), or finished, cancelled or failed. Drawn from the trace, so a run on CPython in the
//! page draws it as the engine's runs do.

use crate::model::timeline::Timing;
use crate::trace::{task_name, EventKind, Outcome, TaskId, Trace, WaitOn};

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

/// The tree once the trace's first `events` events have happened (a turn of the loop inspector
/// starts after a count of events: several turns can share one instant).
pub fn await_graph_before(trace: &Trace, events: usize) -> Vec<Node> {
    let mut parent: Vec<Option<TaskId>> = vec![None; trace.tasks.len()];
    let mut doing: Vec<Option<Doing>> = vec![None; trace.tasks.len()];
    // The task whose step is running: a task created now was created by it.
    let mut running: TaskId = 0;
    for event in &trace.events[..events.min(trace.events.len())] {
        let task = event.task;
        if task >= doing.len() {
            parent.resize(task + 1, None);
            doing.resize(task + 1, None);
        }
        match &event.kind {
            EventKind::TaskCreated => {
                parent[task] = Some(running);
                doing[task] = Some(Doing::Ready);
            }
            EventKind::Resumed => {
                running = task;
                doing[task] = Some(Doing::Ready);
            }
            EventKind::Waits(on, _) => {
                doing[task] = Some(Doing::Waiting { on: on.clone(), since: event.t });
                running = 0;
            }
            EventKind::Finished(outcome) => {
                doing[task] = Some(Doing::Done(outcome.clone()));
                running = 0;
            }
            _ => {}
        }
    }
    fn grow(trace: &Trace, parent: &[Option<TaskId>], doing: &[Option<Doing>], of: TaskId) -> Vec<Node> {
        (1..doing.len())
            .filter(|&task| parent[task] == Some(of) && task != of)
            .filter_map(|task| {
                let now = doing[task].clone()?;
                let coroutine = trace.tasks.get(task).copied().unwrap_or("coroutine");
                Some(Node {
                    task,
                    label: format!("{} {coroutine}", task_name(task)),
                    doing: now,
                    children: grow(trace, parent, doing, task),
                })
            })
            .collect()
    }
    grow(trace, &parent, &doing, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aio::virtual_clock::run_virtual;
    use crate::lesson::params::Params;

    fn say_after(variant: &str, t: f64) -> Vec<Node> {
        let scenario = crate::scenarios::find("say-after").unwrap();
        let program = (scenario.variant(variant).unwrap().program)(&Params::defaults(scenario.params));
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
