//! `async-database`: a database client whose every call waits for the server. Awaiting them one
//! after the other keeps the order and adds the waits up.

use crate::aio::{print, run, sleep, PyRepr, PyResult};
use crate::lesson::params::{ParamSpec, Unit};
use crate::lesson::{Scenario, Topic, Variant};
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

const QUERY: ParamSpec = ParamSpec {
    name: "query",
    label: t!("查询要", "a query takes"),
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

/// One row of the result: a dict in Python.
struct Row {
    id: i64,
    name: &'static str,
}

impl PyRepr for Row {
    fn py_repr(&self) -> String {
        format!("{{'id': {}, 'name': {}}}", self.id, self.name.py_repr())
    }
}

/// The server's delays, which the Python reads from its module constants.
struct Database {
    connect: f64,
    query: f64,
    disconnect: f64,
}

impl Database {
    async fn connect(&self) -> PyResult<()> {
        print("Connecting to the database...");
        sleep(self.connect).await?;
        print("Connected");
        Ok(())
    }

    async fn query(&self, sql: &str) -> PyResult<Vec<Row>> {
        print(format!("Running query: {sql}"));
        sleep(self.query).await?;
        Ok(vec![Row { id: 1, name: "Alice" }, Row { id: 2, name: "Bob" }])
    }

    async fn disconnect(&self) -> PyResult<()> {
        print("Disconnecting...");
        sleep(self.disconnect).await?;
        print("Disconnected");
        Ok(())
    }
}

async fn main(connect: f64, query: f64, disconnect: f64) -> PyResult<()> {
    let db = Database { connect, query, disconnect };
    db.connect().await?;
    let rows = db.query("SELECT * FROM users").await?;
    print(format!("Query result: {}", rows.py_repr()));
    db.disconnect().await?;
    Ok(())
}

pub static SCENARIO: Scenario = Scenario {
    id: "async-database",
    topic: Topic::ContextManagers,
    title: t!("异步数据库客户端", "An async database client"),
    notice: t!(
        "连接、查询、断开各等 1 秒，而且一个 await 完才开始下一个：顺序不变，共 3 秒。等待期间事件循环是空闲的，别的任务本可以在这时运行。",
        "Connect, query and disconnect each wait 1 s, and each starts only once the previous await is over: the order holds and the run takes 3 s. While they wait the loop is idle, free to run other tasks."
    ),
    lesson: t!("asyncio 教程 · 上下文管理器", "asyncio tutorial · Context managers"),
    params: &[CONNECT, QUERY, DISCONNECT],
    variants: &[Variant {
        name: "main",
        label: t!("逐个 await", "await one by one"),
        python: python!("async-database/main.py"),
        literals: &[],
        program: |p| run(main(p.get(&CONNECT), p.get(&QUERY), p.get(&DISCONNECT))),
    }],
    default_speed: 1.0,
    rust_source: rust_file!("async_database.rs"),
};
