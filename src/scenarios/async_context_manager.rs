//! `async-context-manager`: `async with` awaits `__aenter__` before the block and `__aexit__`
//! after it, so setting up and tearing down can wait on I/O without blocking the loop.

use crate::aio::{self, async_with, print, run, sleep, PyErr, PyResult};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Literal, Programs, Scenario, Topic, Variant};
use crate::t;

const CONNECT: ParamSpec = ParamSpec {
    name: "connect",
    label: t!("__aenter__ 睡", "__aenter__ sleeps"),
    unit: Unit::Seconds,
    default: 1.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

const CLOSE: ParamSpec = ParamSpec {
    name: "close",
    label: t!("__aexit__ 睡", "__aexit__ sleeps"),
    unit: Unit::Seconds,
    default: 1.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

/// `AsyncContextManager()`: `conn` is what `await asyncio.sleep(1)` returns (`None`).
#[derive(Clone)]
struct AsyncContextManager {
    conn: Option<()>,
    /// The delays the article wrote in `__aenter__` and `__aexit__`.
    connect: f64,
    close: f64,
}

impl AsyncContextManager {
    fn new(connect: f64, close: f64) -> Self {
        AsyncContextManager { conn: None, connect, close }
    }

    async fn do_something(&self) -> PyResult<&'static str> {
        Ok("Hello World")
    }
}

impl aio::AsyncContextManager for AsyncContextManager {
    /// `return self`: what `as f` binds.
    type Value = AsyncContextManager;

    async fn aenter(&mut self) -> PyResult<AsyncContextManager> {
        sleep(self.connect).await?;
        self.conn = None;
        Ok(self.clone())
    }

    async fn aexit(&mut self, _error: Option<&PyErr>) -> PyResult<()> {
        sleep(self.close).await
    }
}

async fn func(connect: f64, close: f64) -> PyResult<()> {
    async_with(AsyncContextManager::new(connect, close), |f| async move {
        let result = f.do_something().await?;
        print(result);
        Ok(())
    })
    .await
}

pub static SCENARIO: Scenario = Scenario {
    id: "async-context-manager",
    topic: Topic::ContextManagers,
    title: t!("异步上下文管理器：async with", "An async context manager: async with"),
    notice: notice!("async-context-manager"),
    lesson: t!("asyncio 教程 · async with", "asyncio tutorial · async with"),
    params: &[CONNECT, CLOSE],
    variants: &[Variant {
        name: "main",
        label: t!("async with", "async with"),
        python: python!("async-context-manager/main.py"),
        literals: &[
            Literal { param: "connect", line: "self.conn = await asyncio.sleep(1)", text: "1" },
            Literal { param: "close", line: "        await asyncio.sleep(1)", text: "1" },
        ],
        ours: false,
    }],
    default_speed: 1.0,
    rust_source: rust_file!("async_context_manager.rs"),
    stand_ins: &[],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs = &[|p| run(func(p.get(&CONNECT), p.get(&CLOSE)))];
