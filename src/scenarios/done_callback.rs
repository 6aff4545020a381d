//! `done-callback`: `add_done_callback` runs a plain function once a task is done, on the loop,
//! without anyone awaiting it there.

use crate::aio::{ensure_future, get_event_loop, print, py_number, run_until_complete, sleep, PyResult, Task};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Literal, Programs, Scenario, Topic, Variant};
use crate::t;

const X: ParamSpec = ParamSpec {
    name: "x",
    label: t!("do_some_work 的秒数", "do_some_work's seconds"),
    unit: Unit::Seconds,
    default: 3.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

async fn do_some_work(x: f64) -> PyResult<()> {
    print(format!("Waiting {}", py_number(x)));
    sleep(x).await
}

fn done_callback(_task: &Task<()>) {
    print("Done");
}

async fn main(x: f64) -> PyResult<()> {
    let lp = get_event_loop();
    let futu = ensure_future(do_some_work(x));
    futu.add_done_callback(done_callback);
    run_until_complete(&lp, futu).await
}

pub static SCENARIO: Scenario = Scenario {
    id: "done-callback",
    topic: Topic::CallbacksAndLoop,
    title: t!("任务完成时的回调", "A callback when a task is done"),
    notice: notice!("done-callback"),
    lesson: t!("asyncio 教程 · 回调", "asyncio tutorial · Callbacks"),
    params: &[X],
    variants: &[Variant {
        name: "main",
        label: t!("add_done_callback", "add_done_callback"),
        python: python!("done-callback/main.py"),
        literals: &[Literal { param: "x", line: "ensure_future(do_some_work(3))", text: "3" }],
        ours: false,
    }],
    default_speed: 1.0,
    rust_source: rust_file!("done_callback.rs"),
    stand_ins: &[],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs = &[|p| Box::pin(main(p.get(&X)))];
