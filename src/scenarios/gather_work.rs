//! `gather_work`: `do_some_work(1)` and `do_some_work(3)` run together through `gather` (on the
//! legacy loop API, with or without `ensure_future`) or `asyncio.wait`: 3 s, not 4. And
//! `asyncio.wait` refuses bare coroutines since Python 3.11.

use crate::aio::{
    ensure_future, gather, get_event_loop, print, py_number, run_until_complete, sleep, wait, PyResult, ReturnWhen,
};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Literal, Programs, Scenario, Topic, Variant};
use crate::t;

const X1: ParamSpec = ParamSpec {
    name: "x1",
    label: t!("第一个 do_some_work 的秒数", "First do_some_work's seconds"),
    unit: Unit::Seconds,
    default: 1.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

const X2: ParamSpec = ParamSpec {
    name: "x2",
    label: t!("第二个 do_some_work 的秒数", "Second do_some_work's seconds"),
    unit: Unit::Seconds,
    default: 3.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

async fn do_some_work(x: f64) -> PyResult<()> {
    print(format!("Waiting {}", py_number(x)));
    sleep(x).await?;
    Ok(())
}

/// The "gather vs. wait" section's `do_some_work(loop, x)`, which also says when it is done.
mod with_loop {
    use crate::aio::{print, py_number, sleep, EventLoop, PyResult};

    pub async fn do_some_work(_loop: EventLoop, x: f64) -> PyResult<()> {
        print(format!("Waiting {}", py_number(x)));
        sleep(x).await?;
        print("Done");
        Ok(())
    }
}

/// `loop.run_until_complete(asyncio.gather(do_some_work(1), do_some_work(3)))`, with the two
/// coroutines written in the call or first put in a list: the same run.
async fn legacy_gather(x1: f64, x2: f64) -> PyResult<()> {
    let lp = get_event_loop();
    run_until_complete(&lp, gather(vec![do_some_work(x1), do_some_work(x2)])?).await?;
    Ok(())
}

async fn legacy_ensure_future(x1: f64, x2: f64) -> PyResult<()> {
    let lp = get_event_loop();
    let futus = vec![ensure_future(do_some_work(x1)), ensure_future(do_some_work(x2))];
    run_until_complete(&lp, gather(futus)?).await?;
    Ok(())
}

async fn with_wait(x1: f64, x2: f64) -> PyResult<()> {
    let lp = get_event_loop();
    let futus = vec![
        ensure_future(with_loop::do_some_work(lp.clone(), x1)),
        ensure_future(with_loop::do_some_work(lp.clone(), x2)),
    ];
    run_until_complete(&lp, wait(futus, None, ReturnWhen::AllCompleted)).await?;
    Ok(())
}

async fn wait_coroutines(x1: f64, x2: f64) -> PyResult<()> {
    let lp = get_event_loop();
    let coros = vec![with_loop::do_some_work(lp.clone(), x1), with_loop::do_some_work(lp.clone(), x2)];
    run_until_complete(&lp, wait(coros, None, ReturnWhen::AllCompleted)).await?;
    Ok(())
}

/// The two delays, as the blocks without a loop parameter write them.
const PLAIN: &[Literal] = &[
    Literal { param: "x1", line: "do_some_work(1)", text: "1" },
    Literal { param: "x2", line: "do_some_work(3)", text: "3" },
];

/// The same in the blocks whose `do_some_work` takes the loop.
const WITH_LOOP: &[Literal] = &[
    Literal { param: "x1", line: "do_some_work(loop, 1)", text: "1" },
    Literal { param: "x2", line: "do_some_work(loop, 3)", text: "3" },
];

pub static SCENARIO: Scenario = Scenario {
    id: "gather-work",
    topic: Topic::TasksAndGather,
    title: t!("gather 与 wait：两个 do_some_work", "gather and wait: two do_some_work calls"),
    notice: notice!("gather-work"),
    lesson: t!("asyncio 教程 · 多个协程、gather 与 wait", "asyncio tutorial · Several coroutines, gather vs. wait"),
    params: &[X1, X2],
    variants: &[
        Variant {
            name: "gather",
            label: t!("run_until_complete(gather(...))", "run_until_complete(gather(...))"),
            python: python!("gather-work/gather.py"),
            literals: PLAIN,
            ours: false,
        },
        Variant {
            name: "gather-coros",
            label: t!("gather(*coros)", "gather(*coros)"),
            python: python!("gather-work/gather-coros.py"),
            literals: PLAIN,
            ours: false,
        },
        Variant {
            name: "ensure-future",
            label: t!("ensure_future + gather", "ensure_future + gather"),
            python: python!("gather-work/ensure-future.py"),
            literals: PLAIN,
            ours: false,
        },
        Variant {
            name: "wait",
            label: t!("asyncio.wait(任务)", "asyncio.wait(tasks)"),
            python: python!("gather-work/wait.py"),
            literals: WITH_LOOP,
            ours: true,
        },
        Variant {
            name: "wait-coroutines",
            label: t!("asyncio.wait(协程)", "asyncio.wait(coroutines)"),
            python: python!("gather-work/wait-coroutines.py"),
            literals: WITH_LOOP,
            ours: false,
        },
    ],
    default_speed: 1.0,
    rust_source: rust_file!("gather_work.rs"),
    stand_ins: &[],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs = &[
    |p| Box::pin(legacy_gather(p.get(&X1), p.get(&X2))),
    |p| Box::pin(legacy_gather(p.get(&X1), p.get(&X2))),
    |p| Box::pin(legacy_ensure_future(p.get(&X1), p.get(&X2))),
    |p| Box::pin(with_wait(p.get(&X1), p.get(&X2))),
    |p| Box::pin(wait_coroutines(p.get(&X1), p.get(&X2))),
];
