//! `gather_count`: `gather` runs two `count()` coroutines at once, so two 1 s sleeps take 1 s.

use crate::aio::{gather, print, run, sleep, PyResult};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Literal, Programs, Scenario, Topic, Variant};
use crate::t;

const DELAY: ParamSpec = ParamSpec {
    name: "delay",
    label: t!("count 的秒数", "count's seconds"),
    unit: Unit::Seconds,
    default: 1.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

async fn count(delay: f64) -> PyResult<()> {
    print("One");
    sleep(delay).await?;
    print("Two");
    Ok(())
}

async fn main(delay: f64) -> PyResult<()> {
    gather(vec![count(delay), count(delay)])?.await?;
    Ok(())
}

pub static SCENARIO: Scenario = Scenario {
    id: "gather-count",
    topic: Topic::TasksAndGather,
    title: t!("gather：两个 count 同时运行", "gather: two counts at once"),
    notice: notice!("gather-count"),
    lesson: t!("asyncio 教程 · gather()", "asyncio tutorial · gather()"),
    params: &[DELAY],
    variants: &[Variant {
        name: "main",
        label: t!("gather(count(), count())", "gather(count(), count())"),
        python: python!("gather-count/main.py"),
        literals: &[Literal { param: "delay", line: "await asyncio.sleep(1)", text: "1" }],
        ours: false,
    }],
    default_speed: 1.0,
    rust_source: rust_file!("gather_count.rs"),
    stand_ins: &[],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs = &[|p| run(main(p.get(&DELAY)))];
