//! CPython in the page: one Web Worker holding Pyodide (`static/cpython/worker.js`, CPython 3.11
//! compiled to WebAssembly), started the first time a learner asks for CPython and kept for the
//! visit. Its files are fetched then, never in the first load. Stopping a run terminates the
//! worker (a program in `while True: pass` cannot be interrupted otherwise); the next request
//! starts another, which the browser's cache makes quick. The first request also registers the
//! service worker that keeps it all for the next visit.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

use crate::model::cpython::{read_events, read_turns, read_unawaited, CpythonExit, CpythonRun, Fields, Written};
use crate::web::page::import_beside_page;

const WORKER_URL: &str = "cpython/worker.js";

/// What the worker says about a request.
#[derive(Clone, Debug, PartialEq)]
pub enum Report {
    /// Pyodide's files are downloading: bytes so far, of this many (0 if unknown).
    Downloading {
        loaded: f64,
        total: f64,
    },
    /// CPython is running the program.
    Running,
    Done(Rc<CpythonRun>),
    Failed(String),
    /// The page's own code that runs CPython could not be fetched (see [`run`]).
    NotLoaded,
}

/// A program for CPython: its files (path in its folder → text; the program itself and what lies
/// beside it), which of them to run, and the run's limits.
#[derive(Clone)]
pub struct Request {
    pub files: Vec<(String, String)>,
    pub program: String,
    /// `time.time()` at virtual 0.
    pub epoch: f64,
    /// Virtual seconds after which a run that has not ended is cut.
    pub limit: f64,
    /// Loop callbacks after which a run whose time stands still is cut.
    pub max_steps: u32,
    /// Lines written (stdout and stderr) after which a run is cut.
    pub max_lines: u32,
    /// None: the virtual clock. Else the measured run, on real time sped up this many times.
    pub speed: Option<f64>,
}

/// The request being answered, and where its reports go.
type Current = Rc<RefCell<Option<(u32, Rc<dyn Fn(Report)>)>>>;

struct Live {
    worker: Worker,
    current: Current,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

thread_local! {
    static LIVE: RefCell<Option<Live>> = const { RefCell::new(None) };
    static NEXT_ID: std::cell::Cell<u32> = const { std::cell::Cell::new(1) };
    /// How many times [`stop`] was called: a run whose code was still on its way is called off.
    static STOPS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

fn field(data: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(data, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// `virtual_run.py`'s result, as the worker posts it (read by hand: a serde reader for it
/// weighed more in the first load than all of this panel's other code).
fn read_run(result: &JsValue) -> Option<CpythonRun> {
    let written = |key: &str| -> Option<Vec<Written>> {
        let lines: js_sys::Array = field(result, key).dyn_into().ok()?;
        lines
            .iter()
            .map(|line| {
                Some(Written {
                    t: field(&line, "t").as_f64()?,
                    text: field(&line, "text").as_string()?,
                    alternatives: Vec::new(),
                })
            })
            .collect()
    };
    let exit = field(result, "exit");
    let events = read_events(&Js(result.clone()));
    Some(CpythonRun {
        events,
        turns: read_turns(&Js(result.clone())),
        unawaited: read_unawaited(&Js(result.clone())),
        lines: written("lines")?,
        stderr: written("stderr")?,
        elapsed: field(result, "elapsed").as_f64(),
        exit: CpythonExit {
            status: field(&exit, "status").as_string()?,
            exception: field(&exit, "exception").as_string(),
            last_event: field(&exit, "last_event").as_f64()?,
            stopped_at: field(&exit, "stopped_at").as_f64(),
        },
    })
}

/// A JavaScript object of the worker's result, read by the model (`model::cpython::read_events`).
struct Js(JsValue);

impl Fields for Js {
    fn get(&self, key: &str) -> Option<Js> {
        let value = field(&self.0, key);
        (!value.is_undefined() && !value.is_null()).then_some(Js(value))
    }

    fn text(&self) -> Option<String> {
        self.0.as_string()
    }

    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }

    fn items(&self) -> Vec<Js> {
        self.0.clone().dyn_into::<js_sys::Array>().map_or_else(|_| Vec::new(), |items| items.iter().map(Js).collect())
    }
}

/// Has the page kept for the next visit and for a time offline (`static/offline.js` registers the
/// service worker, `static/sw.js`): when CPython is first asked for, never in the first load. Where
/// the browser cannot (an insecure origin, a private mode), nothing is kept and nothing else changes.
fn keep_for_next_time() {
    wasm_bindgen_futures::spawn_local(async {
        let Ok(module) = import_beside_page("offline.js").await else { return };
        let keep = js_sys::Reflect::get(&module, &"keepForNextTime".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if let Some(Ok(promise)) = keep.map(|keep| keep.call0(&JsValue::NULL)) {
            let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise)).await;
        }
    });
}

fn start() -> Result<Live, String> {
    keep_for_next_time();
    let worker = Worker::new(WORKER_URL).map_err(|e| format!("this browser could not start a Web Worker: {e:?}"))?;
    let current: Current = Rc::new(RefCell::new(None));
    let to = current.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let Some((id, report)) = to.borrow().clone() else { return };
        let progress = field(&data, "progress");
        if !progress.is_undefined() {
            let (loaded, total) = (field(&progress, "loaded").as_f64(), field(&progress, "total").as_f64());
            report(Report::Downloading { loaded: loaded.unwrap_or(0.0), total: total.unwrap_or(0.0) });
            return;
        }
        if !field(&data, "running").is_undefined() {
            report(Report::Running);
            return;
        }
        if field(&data, "id").as_f64() != Some(f64::from(id)) {
            return;
        }
        to.borrow_mut().take();
        let error = field(&data, "error");
        report(match error.as_string() {
            Some(error) => Report::Failed(error),
            None => match read_run(&field(&data, "result")) {
                Some(run) => Report::Done(Rc::new(run)),
                None => Report::Failed("CPython's result could not be read".to_owned()),
            },
        });
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    let to = current.clone();
    let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
        if let Some((_, report)) = to.borrow_mut().take() {
            report(Report::Failed(format!("CPython's worker failed: {}", event.message())));
        }
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Live { worker, current, _on_message: on_message, _on_error: on_error })
}

/// Runs a program on CPython, starting the worker if it is not running; `report` hears how it
/// goes, ending with `Done` or `Failed`. A request made while another runs stops that one first.
///
/// The code that talks to the worker and reads its results is fetched the first time (a chunk of
/// its own, `web::parts::load_cpython`): like CPython itself, it is not in the first load. A
/// [`stop`] while it is on its way calls the run off.
pub fn run(request: Request, report: impl Fn(Report) + 'static) {
    let asked = STOPS.get();
    wasm_bindgen_futures::spawn_local(async move {
        match super::parts::load_cpython().await {
            Ok(run_now) if STOPS.get() == asked => run_now(request, Rc::new(report)),
            Ok(_) => {}
            Err(_) => report(Report::NotLoaded),
        }
    });
}

/// Stops the running request, if any, by terminating the worker; it says nothing more.
pub fn stop() {
    STOPS.set(STOPS.get() + 1);
    end_worker();
}

/// Terminates the worker, if there is one, and forgets the request it was answering.
fn end_worker() {
    LIVE.with(|live| {
        if let Some(live) = live.borrow_mut().take() {
            live.current.borrow_mut().take();
            live.worker.terminate();
        }
    });
}

/// What [`run`] does once its code is in: the page's split point for it hands it on (`src/main.rs`).
pub fn run_now(request: Request, report: Rc<dyn Fn(Report)>) {
    if LIVE.with(|live| live.borrow().as_ref().is_some_and(|l| l.current.borrow().is_some())) {
        end_worker();
    }
    let started = LIVE.with(|live| {
        if live.borrow().is_none() {
            *live.borrow_mut() = Some(start()?);
        }
        Ok::<(), String>(())
    });
    if let Err(error) = started {
        report(Report::Failed(error));
        return;
    }
    let id = NEXT_ID.with(|next| next.replace(next.get() + 1));
    let message = js_sys::Object::new();
    let files = js_sys::Object::new();
    for (path, text) in &request.files {
        let _ = js_sys::Reflect::set(&files, &path.into(), &text.into());
    }
    let set = |key: &str, value: JsValue| js_sys::Reflect::set(&message, &key.into(), &value);
    let _ = set("id", id.into());
    let _ = set("files", files.into());
    let _ = set("program", request.program.into());
    let _ = set("epoch", request.epoch.into());
    let _ = set("limit", request.limit.into());
    let _ = set("maxSteps", request.max_steps.into());
    let _ = set("maxLines", request.max_lines.into());
    let _ = set("speed", request.speed.map_or(JsValue::NULL, JsValue::from));
    LIVE.with(|live| {
        if let Some(live) = live.borrow().as_ref() {
            *live.current.borrow_mut() = Some((id, report));
            let _ = live.worker.post_message(&message);
        }
    });
}
