//! `run-forever-stop`: the pre-3.7 loop API. `run_until_complete` returns when its coroutine is
//! done; `run_forever` returns only when something calls `loop.stop()`, and where that call sits
//! decides what gets to finish.

use crate::aio::{
    gather, get_event_loop, print, py_format_g, run_forever, run_until_complete, sleep, EventLoop, PyResult,
};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Scenario, Topic, Variant};
use crate::t;

const X1: ParamSpec = ParamSpec {
    name: "x1",
    label: t!("较短的 do_some_work（秒）", "the shorter do_some_work (s)"),
    unit: Unit::Seconds,
    default: 1.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

const X2: ParamSpec = ParamSpec {
    name: "x2",
    label: t!("较长的 do_some_work（秒）", "the longer do_some_work (s)"),
    unit: Unit::Seconds,
    default: 3.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

async fn do_some_work(x: f64) -> PyResult<()> {
    print(format!("Waiting {}", py_format_g(x)));
    sleep(x).await?;
    print("Done");
    Ok(())
}

async fn until_complete(x2: f64) -> PyResult<()> {
    let lp = get_event_loop();
    run_until_complete(&lp, do_some_work(x2)).await?;
    lp.close()
}

async fn forever(x2: f64) -> PyResult<()> {
    let lp = get_event_loop();
    lp.create_task(do_some_work(x2))?;
    run_forever(&lp).await
}

mod stop_in_coroutine {
    use super::*;

    async fn do_some_work(lp: EventLoop, x: f64) -> PyResult<()> {
        print(format!("Waiting {}", py_format_g(x)));
        sleep(x).await?;
        print("Done");
        lp.stop();
        Ok(())
    }

    pub async fn program(x1: f64, x2: f64) -> PyResult<()> {
        let lp = get_event_loop();
        lp.create_task(do_some_work(lp.clone(), x1))?;
        lp.create_task(do_some_work(lp.clone(), x2))?;
        run_forever(&lp).await?;
        lp.close()
    }
}

fn done_callback(lp: &EventLoop) {
    lp.stop();
}

async fn gather_callback(x1: f64, x2: f64) -> PyResult<()> {
    let lp = get_event_loop();
    let futures = gather(vec![do_some_work(x1), do_some_work(x2)])?;
    let for_callback = lp.clone(); // functools.partial(done_callback, loop)
    futures.add_done_callback(move |_future| done_callback(&for_callback));
    run_forever(&lp).await?;
    lp.close()
}

pub static SCENARIO: Scenario = Scenario {
    id: "run-forever-stop",
    topic: Topic::CallbacksAndLoop,
    title: t!("run_until_complete、run_forever 与 stop", "run_until_complete, run_forever and stop"),
    notice: t!(
        "run_until_complete 在协程结束时返回：3 秒。run_forever 却不会自己返回：3 秒打印 Done 之后，循环空转，程序永远不结束。让每个协程结束时都调用 loop.stop()，最先结束的那个（1 秒）就停掉了循环，3 秒的那个永远打印不出 Done。正确的做法是 gather 两个协程，在 gather 的回调里 stop：3 秒，两个 Done 都打印。",
        "run_until_complete returns when its coroutine is done: 3 s. run_forever never returns by itself: after Done at 3 s the loop idles and the program never ends. If each coroutine calls loop.stop() when it ends, the first to finish (1 s) stops the loop and the 3 s one never prints Done. The fix gathers both and stops the loop from the gather's callback: 3 s, both Done lines printed."
    ),
    lesson: t!("asyncio 教程 · run_until_complete 和 run_forever", "asyncio tutorial · run_until_complete and run_forever"),
    params: &[X1, X2],
    variants: &[
        Variant {
            name: "until-complete",
            label: t!("run_until_complete", "run_until_complete"),
            python: python!("run-forever-stop/until-complete.py"),
            literals: &[],
            program: |p| Box::pin(until_complete(p.get(&X2))),
        },
        Variant {
            name: "forever",
            label: t!("run_forever，没人 stop", "run_forever, nothing stops it"),
            python: python!("run-forever-stop/forever.py"),
            literals: &[],
            program: |p| Box::pin(forever(p.get(&X2))),
        },
        Variant {
            name: "stop-in-coroutine",
            label: t!("协程里 stop", "stop in the coroutine"),
            python: python!("run-forever-stop/stop-in-coroutine.py"),
            literals: &[],
            program: |p| Box::pin(stop_in_coroutine::program(p.get(&X1), p.get(&X2))),
        },
        Variant {
            name: "gather-callback",
            label: t!("gather 的回调里 stop", "stop in gather's callback"),
            python: python!("run-forever-stop/gather-callback.py"),
            literals: &[],
            program: |p| Box::pin(gather_callback(p.get(&X1), p.get(&X2))),
        },
    ],
    default_speed: 1.0,
    rust_source: rust_file!("run_forever_stop.rs"),
};
