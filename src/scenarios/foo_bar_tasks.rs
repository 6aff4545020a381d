//! `foo_bar_tasks`: two coroutines of different lengths run as tasks, or through `gather`; the
//! shorter one finishes first whichever started first.

use crate::aio::{create_task, gather, print, run, sleep, PyResult};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Literal, Programs, Scenario, Topic, Variant};
use crate::t;

const FOO_DELAY: ParamSpec = ParamSpec {
    name: "foo_delay",
    label: t!("甲的秒数", "甲 (foo) sleeps"),
    unit: Unit::Seconds,
    default: 2.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

const BAR_DELAY: ParamSpec = ParamSpec {
    name: "bar_delay",
    label: t!("乙的秒数", "乙 (bar) sleeps"),
    unit: Unit::Seconds,
    default: 1.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

async fn foo(foo_delay: f64) -> PyResult<()> {
    print("甲函数开始");
    sleep(foo_delay).await?;
    print("甲函数结束");
    Ok(())
}

async fn bar(bar_delay: f64) -> PyResult<()> {
    print("乙函数开始");
    sleep(bar_delay).await?;
    print("乙函数结束");
    Ok(())
}

/// `create-task.py`: its `main()`.
mod create_task {
    use super::*;

    pub(super) async fn main(foo_delay: f64, bar_delay: f64) -> PyResult<()> {
        let task1 = create_task(foo(foo_delay))?;
        let task2 = create_task(bar(bar_delay))?;
        task1.await?;
        task2.await?;
        Ok(())
    }
}

/// `gather.py`: its `main()`.
mod gather {
    use super::*;

    pub(super) async fn main(foo_delay: f64, bar_delay: f64) -> PyResult<()> {
        // gather wraps each coroutine in a task, in argument order. A Rust list holds one type and
        // foo and bar are two, so the tasks are made right here, just as gather would make them.
        gather(vec![create_task(foo(foo_delay))?, create_task(bar(bar_delay))?])?.await?;
        Ok(())
    }
}

pub static SCENARIO: Scenario = Scenario {
    id: "foo-bar-tasks",
    topic: Topic::Basics,
    title: t!("甲与乙：两个任务谁先结束", "甲 and 乙: which task ends first"),
    notice: notice!("foo-bar-tasks"),
    lesson: t!("asyncio 教程 · 基本用法", "asyncio tutorial · Basic usage"),
    params: &[FOO_DELAY, BAR_DELAY],
    variants: &[
        Variant {
            name: "create-task",
            label: t!("create_task", "create_task"),
            python: python!("foo-bar-tasks/create-task.py"),
            literals: &[
                Literal { param: "foo_delay", line: "await asyncio.sleep(2)", text: "2" },
                Literal { param: "bar_delay", line: "await asyncio.sleep(1)", text: "1" },
            ],
            ours: false,
        },
        Variant {
            name: "gather",
            label: t!("gather", "gather"),
            python: python!("foo-bar-tasks/gather.py"),
            literals: &[
                Literal { param: "foo_delay", line: "await asyncio.sleep(2)", text: "2" },
                Literal { param: "bar_delay", line: "await asyncio.sleep(1)", text: "1" },
            ],
            ours: false,
        },
    ],
    default_speed: 1.0,
    rust_source: rust_file!("foo_bar_tasks.rs"),
    stand_ins: &[],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs = &[
    |p| run(create_task::main(p.get(&FOO_DELAY), p.get(&BAR_DELAY))),
    |p| run(gather::main(p.get(&FOO_DELAY), p.get(&BAR_DELAY))),
];
