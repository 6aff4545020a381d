//! Real I/O for the lessons that do it: aiohttp's GET and aiofiles' write and read, made with the
//! browser's own asynchronous APIs (`fetch`, the Origin Private File System).
//!
//! In the browser the operation really happens outside the loop, and its completion joins the
//! loop as a `call_soon_threadsafe` callback, as aiohttp's socket and aiofiles' thread deliver
//! theirs. On the virtual clock nothing outside is done: the scenario says how long each operation
//! takes and what a request answers, and files live in the run's memory.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

use super::error::{PyErr, PyResult};
use super::event_loop::Runtime;
use super::future::PyFuture;
use super::site::Sited;
use super::task::get_running_loop;
use crate::trace::WaitOn;

/// The browser's asynchronous I/O, as the engine reaches it (`Host::io`). Each method starts the
/// operation and calls `done` once with its outcome: the value, or the browser's reason for failing.
pub trait Io {
    /// GETs `url` and reads its body as text, whatever the status (as aiohttp does without
    /// `raise_for_status`).
    fn fetch_text(&self, url: &str, done: Box<dyn FnOnce(Result<String, String>)>);
    /// Replaces the contents of the file `name` of the page's private file system, made if missing.
    fn write_file(&self, name: &str, text: &str, done: Box<dyn FnOnce(Result<(), String>)>);
    /// The contents of the file `name` of the page's private file system.
    fn read_file(&self, name: &str, done: Box<dyn FnOnce(Result<String, String>)>);
}

/// How a request goes on the virtual clock, where nothing is fetched: after `seconds` it gives
/// `answer`, the body's text or why the connection failed.
pub struct Modelled {
    pub seconds: f64,
    pub answer: Result<String, String>,
}

/// A connection or file that failed, as Python's socket and file calls raise it.
fn os_error(reason: String) -> PyErr {
    PyErr::new("OSError", reason)
}

/// Waits for one operation outside the loop: `real` starts it in the browser; on the virtual clock
/// `modelled` gives its outcome `seconds` later, when it completes (a file written then is there
/// from then on).
async fn outside<T: Clone + 'static>(
    on: String,
    real: impl FnOnce(&dyn Io, Box<dyn FnOnce(Result<T, String>)>),
    seconds: f64,
    modelled: impl FnOnce(&Runtime) -> PyResult<T> + 'static,
) -> PyResult<T> {
    let lp = get_running_loop()?;
    let rt = lp.rt().clone();
    let fut = PyFuture::new(&lp);
    match rt.host().io() {
        Some(io) => {
            let (slot, arrived) = (Rc::new(Cell::new(None::<Result<T, String>>)), fut.clone());
            let filled = slot.clone();
            let then = rt.start_external("_set_state", move || {
                if let Some(outcome) = filled.take() {
                    arrived.complete(outcome.map_err(os_error));
                }
            });
            real(
                io,
                Box::new(move |outcome| {
                    slot.set(Some(outcome));
                    then();
                }),
            );
        }
        None => {
            // Weak: the callback waits in the run's own loop, which the run owns.
            let (run, arrived) = (Rc::downgrade(&rt), fut.clone());
            lp.call_soon_threadsafe_at(lp.time() + seconds, "_set_state", move || {
                if let Some(rt) = run.upgrade() {
                    arrived.complete(modelled(&rt));
                }
            });
        }
    }
    fut.clone().wait(Rc::new(fut), WaitOn::External(on.into())).await
}

/// `await (await session.get(url)).text()`: the page fetches `url` for real; on the virtual clock
/// `model` answers. A request that cannot be made raises `OSError` with the reason, as a refused
/// socket does (aiohttp wraps it in `ClientConnectorError`).
#[track_caller]
pub fn fetch_text(url: &str, model: Modelled) -> Sited<impl Future<Output = PyResult<String>>> {
    let url = url.to_owned();
    let Modelled { seconds, answer } = model;
    Sited::here(outside(
        format!("fetch {url}"),
        move |io, done| io.fetch_text(&url, done),
        seconds,
        move |_| answer.map_err(os_error),
    ))
}

/// aiofiles' `write` of a whole file (opened with mode `'w'`): in the page's private file system
/// for real; on the virtual clock it takes `seconds`.
#[track_caller]
pub fn write_file(name: &str, text: &str, seconds: f64) -> Sited<impl Future<Output = PyResult<()>>> {
    let (file, contents) = (name.to_owned(), text.to_owned());
    let (key, value) = (name.to_owned(), text.to_owned());
    let name = name.to_owned();
    Sited::here(async move {
        outside(
            format!("write {name}"),
            move |io, done| io.write_file(&file, &contents, done),
            seconds,
            move |rt| {
                rt.modelled_files().borrow_mut().insert(key, value);
                Ok(())
            },
        )
        .await
        .map_err(|err| name_the_file(err, &name))
    })
}

/// aiofiles' `read` of a whole file: from the page's private file system for real; on the virtual
/// clock it takes `seconds` and reads what the run wrote.
#[track_caller]
pub fn read_file(name: &str, seconds: f64) -> Sited<impl Future<Output = PyResult<String>>> {
    let (file, key) = (name.to_owned(), name.to_owned());
    let name = name.to_owned();
    Sited::here(async move {
        outside(
            format!("read {name}"),
            move |io, done| io.read_file(&file, done),
            seconds,
            move |rt| {
                let text = rt.modelled_files().borrow().get(&key).cloned();
                text.ok_or_else(|| {
                    PyErr::new("FileNotFoundError", format!("[Errno 2] No such file or directory: '{key}'"))
                })
            },
        )
        .await
        .map_err(|err| name_the_file(err, &name))
    })
}

/// Python's file errors end with the file's name: `…: 'sample.txt'`.
fn name_the_file(err: PyErr, name: &str) -> PyErr {
    match err {
        PyErr::Raised(mut e) if e.kind == "OSError" => {
            e.message = format!("{}: '{name}'", e.message);
            PyErr::Raised(e)
        }
        other => other,
    }
}
