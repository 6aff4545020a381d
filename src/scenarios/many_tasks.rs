//! `many_tasks`: a thousand (or a hundred thousand) sleeps gathered at once take as long as one:
//! waiting costs the loop nothing, which is where asyncio's speed-up for I/O comes from.

use crate::aio::{gather, print, py_format_g, run, sleep, time, PyResult};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Programs, Scenario, Topic, Variant};
use crate::t;

const N: ParamSpec = ParamSpec {
    name: "n",
    label: t!("任务数", "Tasks"),
    unit: Unit::Count,
    default: 1000.0,
    min: 1.0,
    max: 100_000.0,
    step: 1.0,
};

const DELAY: ParamSpec = ParamSpec {
    name: "delay",
    label: t!("每个任务 sleep 的秒数", "Each task sleeps"),
    unit: Unit::Seconds,
    default: 1.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

async fn work(i: i64, delay: f64) -> PyResult<i64> {
    sleep(delay).await?;
    Ok(i)
}

async fn main(n: i64, delay: f64) -> PyResult<()> {
    let start = time();
    let results = gather((0..n).map(|i| work(i, delay)).collect())?.await?;
    print(format!("{} tasks of {} s finished in {:.2} s", results.len(), py_format_g(delay), time() - start));
    Ok(())
}

pub static SCENARIO: Scenario = Scenario {
    id: "many-tasks",
    topic: Topic::TasksAndGather,
    title: t!("成千上万个 sleep 同时等待", "Thousands of sleeps waiting at once"),
    notice: notice!("many-tasks"),
    lesson: t!("asyncio 教程 · Async IO 是什么", "asyncio tutorial · What async IO is"),
    params: &[N, DELAY],
    variants: &[Variant {
        name: "main",
        label: t!("gather(*(work(i) for i in range(N)))", "gather(*(work(i) for i in range(N)))"),
        python: python!("many-tasks/main.py"),
        literals: &[],
        ours: true,
    }],
    default_speed: 1.0,
    rust_source: rust_file!("many_tasks.rs"),
    stand_ins: &[],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs = &[|p| run(main(p.get(&N) as i64, p.get(&DELAY)))];
