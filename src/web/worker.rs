//! `to_thread`'s threads: Web Workers, each a second instance of our wasm running a thread job.
//!
//! The page keeps one worker per job running at once, as CPython's default executor keeps
//! threads. A job whose run was cancelled cannot be interrupted (it is a busy computation), so
//! its worker is terminated and replaced instead of making the next run wait behind it.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::{Rc, Weak};
use std::task::{Poll, Waker};

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

use super::parts::Threads;
use crate::aio::{ThreadJob, ThreadPool};
use crate::scenarios::THREAD_JOBS;

/// The loader trunk's worker build needs: it imports the glue and starts the wasm.
const WORKER_URL: &str = "./worker_loader.js";

struct Job {
    done: Box<dyn FnOnce(Result<String, String>)>,
}

struct PooledWorker {
    worker: Worker,
    /// The job it runs, if any (shared with its error handler).
    busy: Rc<Cell<Option<u32>>>,
    /// Whether its wasm has loaded (or it failed to): until then a job sent waits for the load.
    settled: Rc<Settled>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

/// A worker's load, which runs wait for.
#[derive(Default)]
struct Settled {
    done: Cell<bool>,
    waiting: RefCell<Vec<Waker>>,
}

impl Settled {
    fn set(&self) {
        self.done.set(true);
        for waker in self.waiting.borrow_mut().drain(..) {
            waker.wake();
        }
    }
}

/// The page's workers.
pub struct BrowserThreadPool {
    speed: Cell<f64>,
    workers: RefCell<Vec<Rc<PooledWorker>>>,
    jobs: RefCell<HashMap<u32, Job>>,
    /// Whether the run that submitted each job still wants its result.
    wanted: RefCell<HashMap<u32, Box<dyn Fn() -> bool>>>,
    next_id: Cell<u32>,
    me: RefCell<Weak<BrowserThreadPool>>,
}

thread_local! {
    static POOL: Rc<BrowserThreadPool> = {
        let pool = Rc::new(BrowserThreadPool {
            speed: Cell::new(1.0),
            workers: RefCell::new(Vec::new()),
            jobs: RefCell::new(HashMap::new()),
            wanted: RefCell::new(HashMap::new()),
            next_id: Cell::new(1),
            me: RefCell::new(Weak::new()),
        });
        *pool.me.borrow_mut() = Rc::downgrade(&pool);
        pool
    };
}

/// The page's pool, set to run jobs at `speed` tutorial seconds per real second.
pub fn pool(speed: f64) -> Rc<BrowserThreadPool> {
    POOL.with(|pool| {
        pool.speed.set(speed);
        pool.clone()
    })
}

/// Resolves once the page has `threads` workers loaded and idle (see `BrowserThreadPool::warm`).
pub async fn threads_ready(threads: usize) {
    let pool = POOL.with(Rc::clone);
    pool.warm(threads).await
}

/// The pool, as its split point hands it on (`src/main.rs`): what `web::clock` runs jobs on.
pub const THREADS: Threads = Threads { pool: |speed| pool(speed), ready: |threads| Box::pin(threads_ready(threads)) };

impl BrowserThreadPool {
    fn spawn_worker(&self) -> Option<Rc<PooledWorker>> {
        let worker = Worker::new(WORKER_URL).ok()?;
        let pool = self.me.borrow().clone();
        let settled = Rc::new(Settled::default());
        let loaded = settled.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(pool) = pool.upgrade() else { return };
            let data = event.data();
            if js_sys::Reflect::get(&data, &"ready".into()).is_ok_and(|ready| ready.is_truthy()) {
                loaded.set();
                return;
            }
            let id = js_sys::Reflect::get(&data, &"id".into()).ok().and_then(|v| v.as_f64()).map(|v| v as u32);
            let result = js_sys::Reflect::get(&data, &"result".into()).ok().and_then(|v| v.as_string());
            if let (Some(id), Some(result)) = (id, result) {
                pool.finished(id, Ok(result));
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // A worker that cannot load (or dies) fails its job instead of leaving the run waiting.
        let pool = self.me.borrow().clone();
        let busy = Rc::new(Cell::new(None::<u32>));
        let (failed, gave_up) = (busy.clone(), settled.clone());
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_event: web_sys::Event| {
            gave_up.set();
            let Some(pool) = pool.upgrade() else { return };
            pool.workers.borrow_mut().retain(|w| !Rc::ptr_eq(&w.busy, &failed));
            if let Some(id) = failed.take() {
                pool.finished(id, Err(format!("the worker thread could not run the job ({WORKER_URL})")));
            }
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let pooled = Rc::new(PooledWorker { worker, busy, settled, _on_message: on_message, _on_error: on_error });
        self.workers.borrow_mut().push(pooled.clone());
        Some(pooled)
    }

    fn finished(&self, id: u32, result: Result<String, String>) {
        for worker in self.workers.borrow().iter() {
            if worker.busy.get() == Some(id) {
                worker.busy.set(None);
            }
        }
        self.wanted.borrow_mut().remove(&id);
        let job = self.jobs.borrow_mut().remove(&id);
        if let Some(job) = job {
            (job.done)(result);
        }
    }

    /// Has `threads` idle workers loaded, starting those missing; resolves once each has loaded
    /// (or failed to). A thread of CPython's starts at once; a worker loads its wasm first
    /// (40-140 ms in WebKit): a run that started its clock before would count that load as its
    /// job's time (the blocking lesson's to_thread took 6.7 s for 4).
    pub async fn warm(&self, threads: usize) {
        self.drop_abandoned();
        let idle = || self.workers.borrow().iter().filter(|w| w.busy.get().is_none()).count();
        while idle() < threads {
            if self.spawn_worker().is_none() {
                break;
            }
        }
        let loads: Vec<Rc<Settled>> = self.workers.borrow().iter().map(|w| w.settled.clone()).collect();
        std::future::poll_fn(|cx| match loads.iter().find(|load| !load.done.get()) {
            Some(load) => {
                load.waiting.borrow_mut().push(cx.waker().clone());
                Poll::Pending
            }
            None => Poll::Ready(()),
        })
        .await
    }

    /// Terminates workers still busy with jobs nobody wants any more.
    fn drop_abandoned(&self) {
        let abandoned: Vec<u32> =
            self.wanted.borrow().iter().filter(|(_, wanted)| !wanted()).map(|(id, _)| *id).collect();
        for id in abandoned {
            self.wanted.borrow_mut().remove(&id);
            self.jobs.borrow_mut().remove(&id);
            self.workers.borrow_mut().retain(|w| {
                let stale = w.busy.get() == Some(id);
                if stale {
                    w.worker.terminate();
                }
                !stale
            });
        }
    }
}

impl ThreadPool for BrowserThreadPool {
    fn submit(
        &self,
        job: &'static ThreadJob,
        arg: f64,
        wanted: Box<dyn Fn() -> bool>,
        done: Box<dyn FnOnce(Result<String, String>)>,
    ) {
        self.drop_abandoned();
        let idle = self.workers.borrow().iter().find(|w| w.busy.get().is_none()).cloned();
        let Some(worker) = idle.or_else(|| self.spawn_worker()) else {
            done(Err("this browser could not start a Web Worker".to_owned()));
            return;
        };
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        worker.busy.set(Some(id));
        self.jobs.borrow_mut().insert(id, Job { done });
        self.wanted.borrow_mut().insert(id, wanted);
        let message = js_sys::Object::new();
        let set = |key: &str, value: JsValue| js_sys::Reflect::set(&message, &key.into(), &value);
        let _ = set("id", id.into());
        let _ = set("job", job.name.into());
        let _ = set("arg", arg.into());
        let _ = set("speed", self.speed.get().into());
        let _ = worker.worker.post_message(&message);
    }
}

/// The worker's side: runs each job it is sent and posts back the result.
pub fn run_worker() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let get = |key: &str| js_sys::Reflect::get(&data, &key.into()).unwrap_or(JsValue::UNDEFINED);
        let (id, name, arg, speed) = (get("id"), get("job").as_string(), get("arg").as_f64(), get("speed").as_f64());
        let job = THREAD_JOBS.iter().find(|job| Some(job.name) == name.as_deref());
        let (Some(job), Some(arg), Some(speed)) = (job, arg, speed) else { return };
        let result = crate::aio::run_for_real(job, arg, speed, worker_now);
        let reply = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&reply, &"id".into(), &id);
        let _ = js_sys::Reflect::set(&reply, &"result".into(), &result.into());
        let _ = reply_to.post_message(&reply);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as its scope: the handler must too.
    on_message.forget();
}

fn worker_now() -> f64 {
    let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    scope.performance().map_or_else(js_sys::Date::now, |p| p.now())
}
