//! `aiohttp`: three pages requested at once, a task each, `asyncio.wait` for all; each result
//! printed as it arrives, and a host that cannot be reached printed as the tutorial prints it;
//! beside it, the same requests awaited one by one. In the browser each request is a real `fetch`;
//! on CPython, `aiohttp` is the stand-in beside the program (`static/py/aiohttp-fetch/aiohttp/`),
//! which answers after the modelled latencies.
//!
//! The tutorial's URLs stay the printed names; the page fetches stand-ins instead. The two pages
//! are copies the playground serves itself (`static/sites/`, as long as the tutorial's pages
//! were); the unreachable host is `http://127.0.0.1:1/`, a port browsers refuse to connect to
//! (and another origin, which the page's Content-Security-Policy, `connect-src` falling back to
//! `default-src 'self'`, refuses first), so the fetch really fails and no packet leaves the
//! machine. No URL of the page's own origin could stand in: a static host answers every path (a
//! 404 is an answer, which aiohttp reads like any other) and `fetch` rejects only when no answer
//! comes.

use crate::aio::{create_task, fetch_text, print, run, wait, Modelled, PyErr, PyResult, ReturnWhen};
use crate::lesson::i18n::Text;
use crate::lesson::params::{ParamSpec, Params, Unit};
use crate::lesson::{Programs, Scenario, Topic, Variant};
use crate::t;

const fn latency(name: &'static str, label: Text, default: f64) -> ParamSpec {
    ParamSpec { name, label, unit: Unit::Seconds, default, min: 0.0, max: 60.0, step: 0.1 }
}

const GITHUB_LATENCY: ParamSpec =
    latency("github_latency", t!("stardust567.github.io 的响应时间", "stardust567.github.io answers after"), 1.0);
const TOP_FAIL_AFTER: ParamSpec =
    latency("top_fail_after", t!("stardust567.top 连接失败前的秒数", "stardust567.top fails to connect after"), 2.0);
const JOTANG_LATENCY: ParamSpec =
    latency("jotang_latency", t!("jotang.club 的响应时间", "jotang.club answers after"), 1.5);

/// What the tutorial's requests got: each page's length in characters, and why the third host
/// could not be reached.
const GITHUB_CHARS: usize = 76565;
const JOTANG_CHARS: usize = 6852;
const TOP_REFUSED: &str = "Connect call failed ('118.25.70.50', 443)";

/// aiohttp's exception for a connection that could not be made.
const CLIENT_CONNECTOR_ERROR: &str = "aiohttp.client_exceptions.ClientConnectorError";

/// One URL of the tutorial.
struct Site {
    /// The tutorial's URL: what the program prints.
    url: &'static str,
    /// What the page really fetches in its place.
    stand_in: &'static str,
    /// On the virtual clock: how long the request takes, and the page's length or why it fails.
    seconds: f64,
    answer: Result<usize, &'static str>,
}

impl Site {
    fn host(&self) -> &'static str {
        self.url.trim_start_matches("https://")
    }
}

fn sites(p: &Params) -> Vec<Site> {
    vec![
        Site {
            url: "https://stardust567.github.io",
            stand_in: "sites/stardust567.github.io.html",
            seconds: p.get(&GITHUB_LATENCY),
            answer: Ok(GITHUB_CHARS),
        },
        Site {
            url: "https://stardust567.top",
            stand_in: "http://127.0.0.1:1/",
            seconds: p.get(&TOP_FAIL_AFTER),
            answer: Err(TOP_REFUSED),
        },
        Site {
            url: "https://jotang.club",
            stand_in: "sites/jotang.club.html",
            seconds: p.get(&JOTANG_LATENCY),
            answer: Ok(JOTANG_CHARS),
        },
    ]
}

/// `async with session.get(url, verify_ssl=False) as response: await response.text()`. A
/// connection that fails (an `OSError`) is raised as aiohttp raises it, in a
/// `ClientConnectorError`; in the browser its reason is the browser's.
async fn get_text(site: &Site) -> PyResult<String> {
    let model =
        Modelled { seconds: site.seconds, answer: site.answer.map(|chars| "x".repeat(chars)).map_err(str::to_owned) };
    fetch_text(site.stand_in, model).await.map_err(|err| match err {
        PyErr::Raised(e) if e.kind == "OSError" => PyErr::new(
            CLIENT_CONNECTOR_ERROR,
            format!("Cannot connect to host {}:443 ssl:False [{}]", site.host(), e.message),
        ),
        other => other,
    })
}

async fn fetch(site: Site) -> PyResult<()> {
    print(format!("发送请求： {}", site.url));
    match get_text(&site).await {
        // len() counts characters, as Python does, not bytes.
        Ok(text) => print(format!("得到结果： {} {}", site.url, text.chars().count())),
        Err(PyErr::Raised(e)) if e.kind == CLIENT_CONNECTOR_ERROR => print(e.message),
        Err(other) => return Err(other),
    }
    Ok(())
}

/// The article's `main()`: `async with aiohttp.ClientSession() as session` (the browser keeps its
/// own connections), a task per URL, and `asyncio.wait` for them all.
async fn main(url_list: Vec<Site>) -> PyResult<()> {
    let tasks = url_list.into_iter().map(|url| create_task(fetch(url))).collect::<PyResult<Vec<_>>>()?;
    wait(tasks, None, ReturnWhen::AllCompleted).await?;
    Ok(())
}

/// Ours: each request awaited before the next is sent.
mod sequential {
    use super::*;

    pub(super) async fn main(url_list: Vec<Site>) -> PyResult<()> {
        for url in url_list {
            fetch(url).await?;
        }
        Ok(())
    }
}

pub static SCENARIO: Scenario = Scenario {
    id: "aiohttp-fetch",
    topic: Topic::RealIo,
    title: t!("aiohttp：同时发出三个请求", "aiohttp: three requests at once"),
    notice: notice!("aiohttp-fetch"),
    lesson: t!("asyncio 教程 · aiohttp", "asyncio tutorial · aiohttp"),
    params: &[GITHUB_LATENCY, TOP_FAIL_AFTER, JOTANG_LATENCY],
    variants: &[
        Variant {
            name: "create-task",
            label: t!("create_task + wait", "create_task + wait"),
            python: python!("aiohttp-fetch/create-task.py"),
            literals: &[],
            ours: false,
        },
        Variant {
            name: "sequential",
            label: t!("逐个 await", "await one by one"),
            python: python!("aiohttp-fetch/sequential.py"),
            literals: &[],
            ours: true,
        },
    ],
    default_speed: 1.0,
    rust_source: rust_file!("aiohttp_fetch.rs"),
    stand_ins: &[python!("aiohttp-fetch/aiohttp/__init__.py"), python!("aiohttp-fetch/aiohttp/client_exceptions.py")],
};

/// Each variant's program in Rust, in the order of `SCENARIO.variants`: kept out of the catalogue,
/// so that the page fetches a lesson's code only when the lesson is shown (`Variant::program`).
pub static PROGRAMS: Programs = &[|p| run(main(sites(p))), |p| run(sequential::main(sites(p)))];

#[cfg(test)]
mod tests {
    use super::*;

    /// The served stand-ins are as long as the model says, in characters as Python's len()
    /// counts them: the page prints what the prediction prints.
    #[test]
    fn the_stand_in_pages_are_as_long_as_the_tutorials() {
        let github = include_str!("../../static/sites/stardust567.github.io.html");
        let jotang = include_str!("../../static/sites/jotang.club.html");
        assert_eq!(github.chars().count(), GITHUB_CHARS);
        assert_eq!(jotang.chars().count(), JOTANG_CHARS);
        // Some characters take more than one byte, so a length in bytes would be wrong.
        assert!(github.len() > GITHUB_CHARS && jotang.len() > JOTANG_CHARS);
    }
}
