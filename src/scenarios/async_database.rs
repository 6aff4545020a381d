//! `async-database`: the article's `AsyncDatabase`, an async context manager that connects in
//! `__aenter__` and disconnects in `__aexit__`, around a block that queries.

use crate::aio::{self, async_with, print, run, sleep, PyErr, PyResult};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Literal, Programs, Scenario, Topic, Variant};
use crate::t;

const CONNECT: ParamSpec = ParamSpec {
    name: "connect",
    label: t!("连接要", "connecting takes"),
    unit: Unit::Seconds,
    default: 1.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

const DISCONNECT: ParamSpec = ParamSpec {
    name: "disconnect",
    label: t!("断开要", "disconnecting takes"),
    unit: Unit::Seconds,
    default: 1.0,
    min: 0.0,
    max: 60.0,
    step: 0.1,
};

/// `AsyncDatabase()`, with the delays the article wrote in `connect` and `close`.
#[derive(Clone)]
struct AsyncDatabase {
    connect: f64,
    close: f64,
}

impl AsyncDatabase {
    async fn connect(&self) -> PyResult<()> {
        sleep(self.connect).await?;
        print("连接到数据库");
        Ok(())
    }

    async fn close(&self) -> PyResult<()> {
        sleep(self.close).await?;
        print("断开数据库连接");
        Ok(())
    }
}

impl aio::AsyncContextManager for AsyncDatabase {
    /// `return self`: what `as db` binds.
    type Value = AsyncDatabase;

    async fn aenter(&mut self) -> PyResult<AsyncDatabase> {
        self.connect().await?;
        Ok(self.clone())
    }

    async fn aexit(&mut self, _error: Option<&PyErr>) -> PyResult<()> {
        self.close().await
    }
}

async fn main(connect: f64, close: f64) -> PyResult<()> {
    async_with(AsyncDatabase { connect, close }, |_db| async {
        print("查询数据库");
        Ok(())
    })
    .await
}

pub static SCENARIO: Scenario = Scenario {
    id: "async-database",
    topic: Topic::ContextManagers,
    title: t!("异步上下文管理器：模拟的数据库连接", "An async context manager: a simulated database connection"),
    notice: notice!("async-database"),
    lesson: t!("asyncio 教程 · 上下文管理器", "asyncio tutorial · Context managers"),
    params: &[CONNECT, DISCONNECT],
    variants: &[Variant {
        name: "main",
        label: t!("async with", "async with"),
        python: python!("async-database/main.py"),
        literals: &[
            Literal { param: "connect", line: "await asyncio.sleep(1)  # 模拟异步连接", text: "1" },
            Literal { param: "disconnect", line: "await asyncio.sleep(1)  # 模拟异步断开连接", text: "1" },
        ],
        ours: false,
    }],
    default_speed: 1.0,
    rust_source: rust_file!("async_database.rs"),
    stand_ins: &[],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs = &[|p| run(main(p.get(&CONNECT), p.get(&DISCONNECT)))];
