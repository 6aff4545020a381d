//! `say_after`: the first lesson of "Coroutines and Tasks". Awaiting two coroutines one after
//! the other adds their delays up; wrapping them in tasks first lets the delays overlap.

use crate::aio::{call, coroutine, create_task, gather, print, py_float, run, sleep, strftime_x, wall_time, PyResult};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Literal, Programs, Scenario, Topic, Variant};
use crate::t;

const HELLO_DELAY: ParamSpec = ParamSpec {
    name: "hello_delay",
    label: t!("hello 的延迟", "hello's delay"),
    unit: Unit::Seconds,
    default: 1.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

const WORLD_DELAY: ParamSpec = ParamSpec {
    name: "world_delay",
    label: t!("world 的延迟", "world's delay"),
    unit: Unit::Seconds,
    default: 2.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

async fn say_after(delay: f64, what: &'static str) -> PyResult<()> {
    sleep(delay).await?;
    print(what);
    Ok(())
}

fn started() -> f64 {
    print(format!("started at {}", strftime_x()));
    wall_time()
}

fn finished(tic: f64) {
    print(format!("finished at {}, elapsed time: {}s", strftime_x(), py_float(wall_time() - tic)));
}

/// `sequential.py`: its `main()`. Each `say_after(…)` awaited at once is marked a call
/// (`aio::call`): it runs the same, and the trace knows whose waits are whose (`model::mistakes`).
mod sequential {
    use super::*;

    pub(super) async fn main(hello_delay: f64, world_delay: f64) -> PyResult<()> {
        let tic = started();
        call(say_after(hello_delay, "hello")).await?;
        call(say_after(world_delay, "world")).await?;
        finished(tic);
        Ok(())
    }
}

/// `create-task.py`: its `main()`.
mod create_task {
    use super::*;

    pub(super) async fn main(hello_delay: f64, world_delay: f64) -> PyResult<()> {
        let tic = started();
        let task1 = create_task(say_after(hello_delay, "hello"))?;
        let task2 = create_task(say_after(world_delay, "world"))?;
        task1.await?;
        task2.await?;
        finished(tic);
        Ok(())
    }
}

/// `gather.py`: its `main()`.
mod gather {
    use super::*;

    pub(super) async fn main(hello_delay: f64, world_delay: f64) -> PyResult<()> {
        let tic = started();
        let task1 = say_after(hello_delay, "hello");
        let task2 = say_after(world_delay, "world");
        gather(vec![task1, task2])?.await?;
        finished(tic);
        Ok(())
    }
}

/// `bare-coroutines.py`: its `main()`.
mod bare_coroutines {
    use super::*;

    pub(super) async fn main(hello_delay: f64, world_delay: f64) -> PyResult<()> {
        let tic = started();
        // Like coroutine objects, Rust futures do nothing until awaited: these never run. Made
        // as `aio::coroutine`s, the trace records them dropped unawaited, as CPython warns.
        let _task1 = coroutine(say_after(hello_delay, "hello"));
        let _task2 = coroutine(say_after(world_delay, "world"));
        finished(tic);
        Ok(())
    }
}

pub static SCENARIO: Scenario = Scenario {
    id: "say-after",
    topic: Topic::Basics,
    title: t!("say_after：逐个 await 与 create_task", "say_after: await one by one vs create_task"),
    notice: notice!("say-after"),
    lesson: t!("Python 文档 · 协程与任务", "Python docs · Coroutines and Tasks"),
    params: &[HELLO_DELAY, WORLD_DELAY],
    variants: &[
        Variant {
            name: "sequential",
            label: t!("逐个 await", "await one by one"),
            python: python!("say-after/sequential.py"),
            literals: &[
                Literal { param: "hello_delay", line: "await say_after(1, 'hello')", text: "1" },
                Literal { param: "world_delay", line: "await say_after(2, 'world')", text: "2" },
            ],
            ours: false,
        },
        Variant {
            name: "create-task",
            label: t!("create_task", "create_task"),
            python: python!("say-after/create-task.py"),
            literals: &[
                Literal { param: "hello_delay", line: "create_task(say_after(1, 'hello'))", text: "1" },
                Literal { param: "world_delay", line: "create_task(say_after(2, 'world'))", text: "2" },
            ],
            ours: false,
        },
        Variant {
            name: "gather",
            label: t!("gather", "gather"),
            python: python!("say-after/gather.py"),
            literals: &[
                Literal { param: "hello_delay", line: "    task1 = say_after(1, 'hello')", text: "1" },
                Literal { param: "world_delay", line: "    task2 = say_after(2, 'world')", text: "2" },
            ],
            ours: true,
        },
        Variant {
            name: "bare-coroutines",
            label: t!("只建协程对象，不 await", "coroutine objects, never awaited"),
            python: python!("say-after/bare-coroutines.py"),
            literals: &[
                Literal { param: "hello_delay", line: "    task1 = say_after(1, 'hello')", text: "1" },
                Literal { param: "world_delay", line: "    task2 = say_after(2, 'world')", text: "2" },
            ],
            ours: true,
        },
    ],
    default_speed: 1.0,
    rust_source: rust_file!("say_after.rs"),
    stand_ins: &[],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs = &[
    |p| run(sequential::main(p.get(&HELLO_DELAY), p.get(&WORLD_DELAY))),
    |p| run(create_task::main(p.get(&HELLO_DELAY), p.get(&WORLD_DELAY))),
    |p| run(gather::main(p.get(&HELLO_DELAY), p.get(&WORLD_DELAY))),
    |p| run(bare_coroutines::main(p.get(&HELLO_DELAY), p.get(&WORLD_DELAY))),
];
