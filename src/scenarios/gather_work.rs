//! `gather_work`: `do_some_work(1)` and `do_some_work(3)` run together through `gather` (on the
//! legacy loop API, with or without `ensure_future`) or `asyncio.wait`: 3 s, not 4. And
//! `asyncio.wait` refuses bare coroutines since Python 3.11.

use crate::aio::{
    create_task, ensure_future, gather, get_event_loop, print, py_format_g, run, run_until_complete, sleep, wait,
    PyResult, ReturnWhen,
};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Scenario, Topic, Variant};
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
    print(format!("Waiting {}", py_format_g(x)));
    sleep(x).await?;
    Ok(())
}

/// The "gather vs. wait" section's `do_some_work`, which also says when it is done.
mod reporting {
    use crate::aio::{print, py_format_g, sleep, PyResult};

    pub async fn do_some_work(x: f64) -> PyResult<()> {
        print(format!("Waiting {}", py_format_g(x)));
        sleep(x).await?;
        print("Done");
        Ok(())
    }
}

async fn legacy_gather(x1: f64, x2: f64) -> PyResult<()> {
    let lp = get_event_loop();
    run_until_complete(&lp, gather(vec![do_some_work(x1), do_some_work(x2)])?).await?;
    Ok(())
}

async fn legacy_ensure_future(x1: f64, x2: f64) -> PyResult<()> {
    let lp = get_event_loop();
    let tasks = vec![ensure_future(do_some_work(x1)), ensure_future(do_some_work(x2))];
    run_until_complete(&lp, gather(tasks)?).await?;
    Ok(())
}

async fn with_wait(x1: f64, x2: f64) -> PyResult<()> {
    let tasks = vec![create_task(reporting::do_some_work(x1))?, create_task(reporting::do_some_work(x2))?];
    wait(tasks, None, ReturnWhen::AllCompleted).await?;
    Ok(())
}

async fn wait_coroutines(x1: f64, x2: f64) -> PyResult<()> {
    wait(vec![reporting::do_some_work(x1), reporting::do_some_work(x2)], None, ReturnWhen::AllCompleted).await?;
    Ok(())
}

pub static SCENARIO: Scenario = Scenario {
    id: "gather-work",
    topic: Topic::TasksAndGather,
    title: t!("gather 与 wait：两个 do_some_work", "gather and wait: two do_some_work calls"),
    notice: t!(
        "1 秒和 3 秒的两个协程一起运行，总共 3 秒而不是 4 秒。Python 3.7 起 gather 按参数顺序启动：先 Waiting 1 再 Waiting 3；教程（2017 年）显示先 Waiting 3，那是 Python 3.6 的 gather 经过 set 遍历参数造成的任意顺序。Python 3.11 起 asyncio.wait 不再接受裸协程，直接抛出 TypeError，什么也不运行。",
        "The 1 s and 3 s coroutines run together: 3 s in all, not 4. Since Python 3.7, gather starts its arguments in order, Waiting 1 then Waiting 3; the tutorial (2017) shows Waiting 3 first, an arbitrary order from Python 3.6's gather going through a set. Since Python 3.11, asyncio.wait refuses bare coroutines with a TypeError, and nothing runs."
    ),
    lesson: t!("asyncio 教程 · 多个协程、gather 与 wait", "asyncio tutorial · Several coroutines, gather vs. wait"),
    params: &[X1, X2],
    variants: &[
        Variant {
            name: "gather",
            label: t!("run_until_complete(gather(...))", "run_until_complete(gather(...))"),
            python: python!("gather-work/gather.py"),
            literals: &[],
            program: |p| Box::pin(legacy_gather(p.get(&X1), p.get(&X2))),
        },
        Variant {
            name: "ensure-future",
            label: t!("ensure_future + gather", "ensure_future + gather"),
            python: python!("gather-work/ensure-future.py"),
            literals: &[],
            program: |p| Box::pin(legacy_ensure_future(p.get(&X1), p.get(&X2))),
        },
        Variant {
            name: "wait",
            label: t!("asyncio.wait(任务)", "asyncio.wait(tasks)"),
            python: python!("gather-work/wait.py"),
            literals: &[],
            program: |p| run(with_wait(p.get(&X1), p.get(&X2))),
        },
        Variant {
            name: "wait-coroutines",
            label: t!("asyncio.wait(协程)", "asyncio.wait(coroutines)"),
            python: python!("gather-work/wait-coroutines.py"),
            literals: &[],
            program: |p| run(wait_coroutines(p.get(&X1), p.get(&X2))),
        },
    ],
    default_speed: 1.0,
    rust_source: rust_file!("gather_work.rs"),
};
