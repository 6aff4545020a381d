//! `count_tasks`: awaiting `count(1)` then `count(2)` takes their sum; turning both into tasks
//! first lets the sleeps overlap. And `create_task` only works while an event loop runs.

use crate::aio::{call, create_task, print, py_number, run, sleep, PyResult};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Literal, Programs, Scenario, Topic, Variant};
use crate::t;

const A: ParamSpec = ParamSpec {
    name: "a",
    label: t!("第一个 count 的秒数", "First count's seconds"),
    unit: Unit::Seconds,
    default: 1.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

const B: ParamSpec = ParamSpec {
    name: "b",
    label: t!("第二个 count 的秒数", "Second count's seconds"),
    unit: Unit::Seconds,
    default: 2.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

async fn count(n: f64) -> PyResult<f64> {
    print("One");
    sleep(n).await?;
    print("Two");
    Ok(n)
}

/// `sequential.py`: its `main()`. Each `count(…)` awaited at once is marked a call (`aio::call`):
/// it runs the same, and the trace knows whose waits are whose (`model::mistakes`).
mod sequential {
    use super::*;

    pub(super) async fn main(a: f64, b: f64) -> PyResult<()> {
        print("Starting...");
        let a = call(count(a)).await?;
        let b = call(count(b)).await?;
        print(format!("{} & {} End.", py_number(a), py_number(b)));
        Ok(())
    }
}

/// `create-task.py`: its `main()`.
mod create_task {
    use super::*;

    pub(super) async fn main(a: f64, b: f64) -> PyResult<()> {
        print("Starting...");
        let task1 = create_task(count(a))?;
        let task2 = create_task(count(b))?;
        let a = task1.await?;
        let b = task2.await?;
        print(format!("{} & {} End.", py_number(a), py_number(b)));
        Ok(())
    }
}

/// A plain function, not a coroutine: no event loop is running when it calls `create_task`.
fn outside_loop(a: f64, b: f64) -> PyResult<()> {
    print("Starting...");
    let _task1 = create_task(count(a))?;
    let _task2 = create_task(count(b))?;
    print("1 & 2 End.");
    Ok(())
}

pub static SCENARIO: Scenario = Scenario {
    id: "count-tasks",
    topic: Topic::Basics,
    title: t!("count：逐个 await 与 create_task", "count: await one by one vs create_task"),
    notice: notice!("count-tasks"),
    lesson: t!("asyncio 教程 · 协程与任务", "asyncio tutorial · Coroutines and tasks"),
    params: &[A, B],
    variants: &[
        Variant {
            name: "sequential",
            label: t!("逐个 await", "await one by one"),
            python: python!("count-tasks/sequential.py"),
            literals: &[
                Literal { param: "a", line: "a = await count(1)", text: "1" },
                Literal { param: "b", line: "b = await count(2)", text: "2" },
            ],
            ours: false,
        },
        Variant {
            name: "create-task",
            label: t!("create_task", "create_task"),
            python: python!("count-tasks/create-task.py"),
            literals: &[
                Literal { param: "a", line: "task1 = asyncio.create_task(count(1))", text: "1" },
                Literal { param: "b", line: "task2 = asyncio.create_task(count(2))", text: "2" },
            ],
            ours: false,
        },
        Variant {
            name: "outside-loop",
            label: t!("在事件循环之外", "outside the loop"),
            python: python!("count-tasks/outside-loop.py"),
            literals: &[
                Literal { param: "a", line: "task1 = asyncio.create_task(count(1))", text: "1" },
                Literal { param: "b", line: "task2 = asyncio.create_task(count(2))", text: "2" },
            ],
            ours: true,
        },
    ],
    default_speed: 1.0,
    rust_source: rust_file!("count_tasks.rs"),
    stand_ins: &[],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs = &[
    |p| run(sequential::main(p.get(&A), p.get(&B))),
    |p| run(create_task::main(p.get(&A), p.get(&B))),
    |p| {
        let (a, b) = (p.get(&A), p.get(&B));
        Box::pin(async move { outside_loop(a, b) })
    },
];
