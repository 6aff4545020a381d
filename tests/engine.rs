//! The engine's own tests, one behaviour of asyncio each: the loop's order, tasks, cancellation,
//! gather, wait, wait_for, as_completed, queues, events, async generators, done-callbacks. Each is
//! a small Python program and its Rust twin on `aio`; CPython runs the Python (its own loop, the
//! clock made virtual) and the twin must print the same lines at the same times and end the same
//! way. The scenarios test the engine through whole lessons; these name the behaviour that broke.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use coroutine_playground::aio::virtual_clock::run_virtual;
use coroutine_playground::aio::{
    as_completed, create_task, gather, gather_return_exceptions, print, run, sleep, wait, wait_for, AsyncGenerator,
    Event, Program, PyErr, PyResult, Queue, ReturnWhen,
};

/// Python's `str(bool)`.
fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// Python's `str(list_of_ints)`.
fn py_list(items: &[i64]) -> String {
    format!("[{}]", items.iter().map(i64::to_string).collect::<Vec<_>>().join(", "))
}

struct Case {
    name: &'static str,
    python: &'static str,
    rust: fn() -> Program,
}

const FIFO: &str = r#"import asyncio


async def worker(name, n):
    for i in range(n):
        print(f"{name} step {i}")
        await asyncio.sleep(0)


async def main():
    a = asyncio.create_task(worker("a", 3))
    b = asyncio.create_task(worker("b", 2))
    print("main before await")
    await a
    print("a done")
    await b
    print("b done")


asyncio.run(main())
"#;

async fn worker(name: &'static str, n: usize) -> PyResult<()> {
    for i in 0..n {
        print(format!("{name} step {i}"));
        sleep(0.0).await?;
    }
    Ok(())
}

fn fifo() -> Program {
    run(async {
        let a = create_task(worker("a", 3))?;
        let b = create_task(worker("b", 2))?;
        print("main before await");
        a.await?;
        print("a done");
        b.await?;
        print("b done");
        Ok(())
    })
}

const TIMERS: &str = r#"import asyncio


async def say(what, delay):
    await asyncio.sleep(delay)
    print(what)


async def main():
    await asyncio.gather(say("c", 2), say("a", 1), say("b", 1), say("d", 2), say("now", 0))


asyncio.run(main())
"#;

async fn say(what: &'static str, delay: f64) -> PyResult<()> {
    sleep(delay).await?;
    print(what);
    Ok(())
}

fn timers() -> Program {
    run(async {
        gather(vec![say("c", 2.0), say("a", 1.0), say("b", 1.0), say("d", 2.0), say("now", 0.0)])?.await?;
        Ok(())
    })
}

const CANCEL: &str = r#"import asyncio


async def sleeper():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("sleeper cancelled at its await")
        raise


async def main():
    task = asyncio.create_task(sleeper())
    await asyncio.sleep(1)
    print("cancel:", task.cancel())
    print("cancel again:", task.cancel())
    try:
        await task
    except asyncio.CancelledError:
        print("main sees CancelledError")
    print("cancelled:", task.cancelled(), "done:", task.done())


asyncio.run(main())
"#;

async fn sleeper() -> PyResult<()> {
    match sleep(10.0).await {
        Err(err) if err.is_cancelled() => {
            print("sleeper cancelled at its await");
            Err(err)
        }
        other => other,
    }
}

fn cancel() -> Program {
    run(async {
        let task = create_task(sleeper())?;
        sleep(1.0).await?;
        print(format!("cancel: {}", py_bool(task.cancel())));
        print(format!("cancel again: {}", py_bool(task.cancel())));
        match task.clone().await {
            Err(err) if err.is_cancelled() => print("main sees CancelledError"),
            other => other?,
        }
        print(format!("cancelled: {} done: {}", py_bool(task.cancelled()), py_bool(task.done())));
        Ok(())
    })
}

const GATHER: &str = r#"import asyncio


async def ok(n, delay):
    await asyncio.sleep(delay)
    print(f"ok {n}")
    return n


async def fail(delay):
    await asyncio.sleep(delay)
    raise ValueError("boom")


async def main():
    print(await asyncio.gather(ok(1, 2), ok(2, 1)))
    print(await asyncio.gather(ok(3, 1), fail(0.5), return_exceptions=True))
    try:
        await asyncio.gather(ok(4, 1), fail(0.5))
    except ValueError as e:
        print("raised:", repr(e))
    await asyncio.sleep(1)


asyncio.run(main())
"#;

async fn ok(n: i64, delay: f64) -> PyResult<i64> {
    sleep(delay).await?;
    print(format!("ok {n}"));
    Ok(n)
}

async fn fail(delay: f64) -> PyResult<i64> {
    sleep(delay).await?;
    Err(PyErr::new("ValueError", "boom"))
}

fn gathering() -> Program {
    run(async {
        let results = gather(vec![ok(1, 2.0), ok(2, 1.0)])?.await?;
        print(py_list(&results));
        let mixed = gather_return_exceptions(vec![
            Box::pin(ok(3, 1.0)) as coroutine_playground::aio::LocalBoxFuture<PyResult<i64>>,
            Box::pin(fail(0.5)),
        ])?
        .await?;
        let shown: Vec<String> = mixed
            .iter()
            .map(|r| match r {
                Ok(n) => n.to_string(),
                Err(err) => err.repr(),
            })
            .collect();
        print(format!("[{}]", shown.join(", ")));
        let failing: Vec<coroutine_playground::aio::LocalBoxFuture<PyResult<i64>>> =
            vec![Box::pin(ok(4, 1.0)), Box::pin(fail(0.5))];
        match gather(failing)?.await {
            Err(err @ PyErr::Raised(_)) => print(format!("raised: {}", err.repr())),
            other => drop(other?),
        }
        sleep(1.0).await?;
        Ok(())
    })
}

const WAIT: &str = r#"import asyncio


async def job(n, delay):
    await asyncio.sleep(delay)
    return n


async def main():
    tasks = [asyncio.create_task(job(i, d)) for i, d in enumerate([3, 1, 2])]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(len(done), len(pending), [t.result() for t in done])
    done, pending = await asyncio.wait(pending, timeout=0.5)
    print(len(done), len(pending))
    done, pending = await asyncio.wait(pending)
    print(len(done), len(pending), sorted(t.result() for t in done))


asyncio.run(main())
"#;

async fn job(n: i64, delay: f64) -> PyResult<i64> {
    sleep(delay).await?;
    Ok(n)
}

fn waiting() -> Program {
    run(async {
        let mut tasks = Vec::new();
        for (i, d) in [3.0, 1.0, 2.0].into_iter().enumerate() {
            tasks.push(create_task(job(i as i64, d))?);
        }
        let results = |done: &[coroutine_playground::aio::FutureRef<i64>]| -> PyResult<Vec<i64>> {
            done.iter().map(|t| t.result().expect("done")).collect()
        };
        let (done, pending) = wait(tasks, None, ReturnWhen::FirstCompleted).await?;
        print(format!("{} {} {}", done.len(), pending.len(), py_list(&results(&done)?)));
        let (done, pending) = wait(pending, Some(0.5), ReturnWhen::AllCompleted).await?;
        print(format!("{} {}", done.len(), pending.len()));
        let (done, pending) = wait(pending, None, ReturnWhen::AllCompleted).await?;
        let mut sorted = results(&done)?;
        sorted.sort();
        print(format!("{} {} {}", done.len(), pending.len(), py_list(&sorted)));
        Ok(())
    })
}

const WAIT_FOR: &str = r#"import asyncio


async def slow():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("slow cancelled")
        raise
    return "slow"


async def fast():
    await asyncio.sleep(0.5)
    return "fast"


async def main():
    try:
        await asyncio.wait_for(slow(), timeout=1)
    except asyncio.TimeoutError:
        print("timed out")
    print(await asyncio.wait_for(fast(), timeout=1))


asyncio.run(main())
"#;

async fn slow() -> PyResult<&'static str> {
    match sleep(5.0).await {
        Err(err) if err.is_cancelled() => {
            print("slow cancelled");
            Err(err)
        }
        other => other.map(|()| "slow"),
    }
}

async fn fast() -> PyResult<&'static str> {
    sleep(0.5).await?;
    Ok("fast")
}

fn waiting_for() -> Program {
    run(async {
        match wait_for(slow(), Some(1.0)).await {
            Err(PyErr::Raised(e)) if e.kind == "TimeoutError" => print("timed out"),
            other => drop(other?),
        }
        print(wait_for(fast(), Some(1.0)).await?);
        Ok(())
    })
}

const AS_COMPLETED: &str = r#"import asyncio


async def job(n, delay):
    await asyncio.sleep(delay)
    return n


async def main():
    for next_done in asyncio.as_completed([job(1, 3), job(2, 1), job(3, 2)]):
        print(await next_done)


asyncio.run(main())
"#;

fn completing() -> Program {
    run(async {
        let completed = as_completed(vec![job(1, 3.0), job(2, 1.0), job(3, 2.0)], None)?;
        while let Some(result) = completed.next().await {
            print(result?.to_string());
        }
        Ok(())
    })
}

const QUEUE: &str = r#"import asyncio


async def producer(q):
    for i in range(4):
        await q.put(i)
        print(f"put {i}, size {q.qsize()}")


async def consumer(q):
    while True:
        item = await q.get()
        await asyncio.sleep(1)
        print(f"got {item}")
        q.task_done()


async def main():
    q = asyncio.Queue(maxsize=2)
    c = asyncio.create_task(consumer(q))
    await producer(q)
    await q.join()
    print("joined")
    c.cancel()


asyncio.run(main())
"#;

async fn producer(q: Queue<i64>) -> PyResult<()> {
    for i in 0..4 {
        q.put(i).await?;
        print(format!("put {i}, size {}", q.qsize()));
    }
    Ok(())
}

async fn consumer(q: Queue<i64>) -> PyResult<()> {
    loop {
        let item = q.get().await?;
        sleep(1.0).await?;
        print(format!("got {item}"));
        q.task_done()?;
    }
}

fn queueing() -> Program {
    run(async {
        let q = Queue::new("q", 2);
        let c = create_task(consumer(q.clone()))?;
        producer(q.clone()).await?;
        q.join().await?;
        print("joined");
        c.cancel();
        Ok(())
    })
}

const EVENT: &str = r#"import asyncio


async def waiter(event, name):
    print(f"{name} waits")
    await event.wait()
    print(f"{name} woke")


async def main():
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(event, n)) for n in ("w1", "w2")]
    await asyncio.sleep(1)
    print("set")
    event.set()
    await asyncio.gather(*tasks)


asyncio.run(main())
"#;

async fn waiter(event: Event, name: &'static str) -> PyResult<()> {
    print(format!("{name} waits"));
    event.wait().await?;
    print(format!("{name} woke"));
    Ok(())
}

fn eventing() -> Program {
    run(async {
        let event = Event::new();
        let tasks = vec![create_task(waiter(event.clone(), "w1"))?, create_task(waiter(event.clone(), "w2"))?];
        sleep(1.0).await?;
        print("set");
        event.set();
        gather(tasks)?.await?;
        Ok(())
    })
}

const ASYNC_GENERATOR: &str = r#"import asyncio


async def ticks(n):
    for i in range(n):
        await asyncio.sleep(1)
        yield i


async def other():
    await asyncio.sleep(1.5)
    print("other")


async def main():
    t = asyncio.create_task(other())
    async for i in ticks(3):
        print(f"tick {i}")
    await t


asyncio.run(main())
"#;

fn ticks(n: i64) -> AsyncGenerator<i64> {
    AsyncGenerator::new(move |y| async move {
        for i in 0..n {
            sleep(1.0).await?;
            y.yield_(i).await;
        }
        Ok(())
    })
}

async fn other() -> PyResult<()> {
    sleep(1.5).await?;
    print("other");
    Ok(())
}

fn generating() -> Program {
    run(async {
        let t = create_task(other())?;
        let mut ticks = ticks(3);
        while let Some(i) = ticks.next().await {
            print(format!("tick {}", i?));
        }
        t.await?;
        Ok(())
    })
}

const DONE_CALLBACK: &str = r#"import asyncio


async def job():
    await asyncio.sleep(1)
    return 42


def on_done(task):
    print("callback:", task.result())


async def main():
    task = asyncio.create_task(job())
    task.add_done_callback(on_done)
    print("awaiting")
    print("result:", await task)


asyncio.run(main())
"#;

fn calling_back() -> Program {
    run(async {
        let task = create_task(async {
            sleep(1.0).await?;
            Ok(42i64)
        })?;
        task.add_done_callback(|task| {
            let result = task.result().expect("done").map_or_else(|e| e.repr(), |n| n.to_string());
            print(format!("callback: {result}"));
        });
        print("awaiting");
        print(format!("result: {}", task.await?));
        Ok(())
    })
}

const CASES: &[Case] = &[
    Case { name: "ready-fifo", python: FIFO, rust: fifo },
    Case { name: "timer-order", python: TIMERS, rust: timers },
    Case { name: "cancel", python: CANCEL, rust: cancel },
    Case { name: "gather", python: GATHER, rust: gathering },
    Case { name: "wait", python: WAIT, rust: waiting },
    Case { name: "wait-for", python: WAIT_FOR, rust: waiting_for },
    Case { name: "as-completed", python: AS_COMPLETED, rust: completing },
    Case { name: "queue", python: QUEUE, rust: queueing },
    Case { name: "event", python: EVENT, rust: eventing },
    Case { name: "async-generator", python: ASYNC_GENERATOR, rust: generating },
    Case { name: "done-callback", python: DONE_CALLBACK, rust: calling_back },
];

#[test]
fn each_behaviour_of_the_engine_is_what_cpython_does() {
    let mut failures = Vec::new();
    for case in CASES {
        let cpython = common::run_cpython(case.python, &[], "engine", case.name);
        let rust = run_virtual((case.rust)(), 1.0, common::EPOCH);
        for problem in common::differences(&cpython, &rust) {
            failures.push(format!("{}: {problem}", case.name));
        }
        assert!(!rust.lines().is_empty(), "{}: the twin printed nothing", case.name);
    }
    common::remove_cpython_runs();
    assert!(failures.is_empty(), "{} differences:\n{}", failures.len(), failures.join("\n"));
    println!("{} engine behaviours matched CPython", CASES.len());
}

/// A wait on a queue or on gather names what the program has already: the trace of a long
/// run holds no copy of it per wait. (`queue.join()` is made once per join, not per item.)
#[test]
fn waits_on_queues_and_gathers_borrow_their_names() {
    use coroutine_playground::lesson::params::Params;
    use coroutine_playground::trace::{EventKind, Text, WaitOn};
    coroutine_playground::scenarios::load_every_program();
    let mut seen = 0;
    for id in ["queue-workers", "queue-pipeline", "many-tasks"] {
        let scenario = coroutine_playground::scenarios::find(id).unwrap();
        let trace = run_virtual(scenario.variants[0].program()(&Params::defaults(scenario.params)), 1.0, 0.0).trace;
        let texts = trace.events.iter().filter_map(|event| match &event.kind {
            EventKind::Waits(WaitOn::Queue(text) | WaitOn::Future(text), _)
            | EventKind::QueuePut { queue: text, .. }
            | EventKind::QueueGot { queue: text, .. } => Some(text),
            _ => None,
        });
        let texts = texts.filter(|text| !text.ends_with(".join()"));
        for text in texts {
            assert!(matches!(text, Text::Borrowed(_)), "{id}: {text} was made at run time");
            seen += 1;
        }
    }
    assert!(seen > 100, "queue and gather events seen: {seen}");
}
