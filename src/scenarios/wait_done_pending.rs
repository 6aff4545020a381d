//! `wait_done_pending`: `asyncio.wait` returns two sets of tasks, `(done, pending)`; with a
//! timeout the pending ones are still running, and cancelling them is the caller's job.

use crate::aio::{create_task, print, run, sleep, wait, FutureRef, PyResult, ReturnWhen};
use crate::lesson::{Programs, Scenario, Topic, Variant};
use crate::t;

async fn count(n: i64) -> PyResult<i64> {
    print("One");
    sleep(n as f64).await?;
    print("Two");
    Ok(n)
}

/// The 1-based line of `text` in a variant's Python, for the places a task's repr names.
fn line_of(python: &str, text: &str) -> usize {
    python.lines().position(|line| line.contains(text)).expect("the Python defines count") + 1
}

/// `repr()` of a set of `count` tasks, as `print(done, pending)` shows it. `file` is the
/// program's file name. A set orders tasks by address: CPython printed the later of two tasks
/// made one after the other first, so this does too.
fn set_repr(tasks: &[FutureRef<i64>], python: &str, file: &str) -> String {
    if tasks.is_empty() {
        return "set()".to_owned();
    }
    let defined_at = format!("{file}:{}", line_of(python, "async def count"));
    let running_at = format!("{file}:{}", line_of(python, "await asyncio.sleep"));
    let items: Vec<String> = tasks.iter().rev().map(|task| task.repr(&defined_at, &running_at)).collect();
    format!("{{{}}}", items.join(", "))
}

const PYTHON_NO_TIMEOUT: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/static/py/wait-done-pending/no-timeout.py"));

/// `no-timeout.py`: its `main()`.
mod no_timeout {
    use super::*;

    pub(super) async fn main() -> PyResult<()> {
        let task_list = vec![create_task(count(1))?, create_task(count(2))?];
        let (done, pending) = wait(task_list, None, ReturnWhen::AllCompleted).await?;
        // The program's file name, as `python3 no-timeout.py` names it.
        let file = "no-timeout.py";
        print(format!("{} {}", set_repr(&done, PYTHON_NO_TIMEOUT, file), set_repr(&pending, PYTHON_NO_TIMEOUT, file)));
        Ok(())
    }
}

const PYTHON_TIMEOUT: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/static/py/wait-done-pending/timeout.py"));

/// The same with `timeout=1.5`: count(2) is still pending when main prints, and `asyncio.run`
/// cancels it on the way out.
mod timeout {
    use super::*;

    pub(super) async fn main() -> PyResult<()> {
        let task_list = vec![create_task(count(1))?, create_task(count(2))?];
        let (done, pending) = wait(task_list, Some(1.5), ReturnWhen::AllCompleted).await?;
        let file = "timeout.py";
        print(format!("{} {}", set_repr(&done, PYTHON_TIMEOUT, file), set_repr(&pending, PYTHON_TIMEOUT, file)));
        Ok(())
    }
}

pub static SCENARIO: Scenario = Scenario {
    id: "wait-done-pending",
    topic: Topic::WaitingAndTimeouts,
    title: t!("asyncio.wait 的 (done, pending)", "asyncio.wait's (done, pending)"),
    notice: notice!("wait-done-pending"),
    lesson: t!("asyncio 教程 · 任务", "asyncio tutorial · Tasks"),
    params: &[],
    variants: &[
        Variant {
            name: "no-timeout",
            label: t!("timeout=None", "timeout=None"),
            python: python!("wait-done-pending/no-timeout.py"),
            literals: &[],
            ours: false,
        },
        Variant {
            name: "timeout",
            label: t!("timeout=1.5", "timeout=1.5"),
            python: python!("wait-done-pending/timeout.py"),
            literals: &[],
            ours: true,
        },
    ],
    default_speed: 1.0,
    rust_source: rust_file!("wait_done_pending.rs"),
    stand_ins: &[],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs = &[|_| run(no_timeout::main()), |_| run(timeout::main())];
