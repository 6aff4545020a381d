//! The browser's clock: real time from `performance.now()`, one real timer at a time for the
//! loop's earliest deadline, and a real busy wait for blocking calls.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;

use super::parts::{load_io, load_threads};
use crate::aio::{Host, Io, LocalBoxFuture, ThreadJob, ThreadPool};
use crate::trace::Speed;

thread_local! {
    /// The runs' browser timers not yet fired or cleared: an id for each, and when it is due
    /// (`performance.now()`).
    static LIVE_TIMERS: RefCell<Vec<(u64, f64)>> = const { RefCell::new(Vec::new()) };
    static NEXT_TIMER_ID: Cell<u64> = const { Cell::new(0) };
}

/// Browser timers set by runs and not yet fired or cleared: zero whenever no run is going.
pub fn live_browser_timers() -> usize {
    LIVE_TIMERS.with(|timers| timers.borrow().len())
}

/// When the earliest timer of the runs going is due (`performance.now()`), if one is set.
pub fn next_timer_due() -> Option<f64> {
    LIVE_TIMERS.with(|timers| timers.borrow().iter().map(|(_, due)| *due).reduce(f64::min))
}

/// A gloo timeout that is counted while it exists; dropping it clears the browser timer.
struct CountedTimeout(TimeoutFuture, u64);

impl CountedTimeout {
    fn new(ms: u32) -> Self {
        let id = NEXT_TIMER_ID.with(|next| next.replace(next.get() + 1));
        let due = performance_now() + f64::from(ms);
        LIVE_TIMERS.with(|timers| timers.borrow_mut().push((id, due)));
        CountedTimeout(TimeoutFuture::new(ms), id)
    }
}

impl std::future::Future for CountedTimeout {
    type Output = ();

    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        std::pin::Pin::new(&mut self.0).poll(cx)
    }
}

impl Drop for CountedTimeout {
    fn drop(&mut self) {
        LIVE_TIMERS.with(|timers| timers.borrow_mut().retain(|(id, _)| *id != self.1));
    }
}

/// How long the loop may run ready callbacks back to back before it lets the page breathe.
const SLICE_MS: f64 = 40.0;

pub fn performance_now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or_else(js_sys::Date::now, |p| p.now())
}

pub struct BrowserClock {
    /// `performance.now()` when the run started.
    origin: f64,
    /// Tutorial seconds per real second.
    speed: f64,
    wall_start: f64,
    slice_start: Rc<Cell<f64>>,
    outside: Outside,
    /// Whether the page was seen hidden at the start or at any wake-up of the run.
    hidden: Rc<Cell<bool>>,
    /// The latest a timer fired after its time, in real ms.
    worst_late_ms: Rc<Cell<f64>>,
}

/// Whether the page is hidden now (a background tab, a minimised window).
fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
}

impl BrowserClock {
    pub fn new(speed: f64) -> Self {
        let origin = performance_now();
        let date = js_sys::Date::new_0();
        let wall_start = date.get_time() / 1000.0 - date.get_timezone_offset() * 60.0;
        BrowserClock {
            origin,
            speed,
            wall_start,
            slice_start: Rc::new(Cell::new(origin)),
            outside: Outside { speed },
            hidden: Rc::new(Cell::new(page_hidden())),
            worst_late_ms: Rc::new(Cell::new(0.0)),
        }
    }
}

impl Host for BrowserClock {
    fn tutorial_now(&self) -> f64 {
        Speed(self.speed).seconds(self.now_ms())
    }

    fn now_ms(&self) -> f64 {
        performance_now() - self.origin
    }

    fn sleep_until(&self, t: f64) -> LocalBoxFuture<()> {
        let target = self.origin + Speed(self.speed).ms(t);
        let (slice_start, hidden, worst_late_ms) =
            (self.slice_start.clone(), self.hidden.clone(), self.worst_late_ms.clone());
        Box::pin(async move {
            // Browsers may fire a timer a little early; wait again for the remainder.
            let mut waited = false;
            loop {
                let remaining = target - performance_now();
                if remaining <= 0.0 {
                    break;
                }
                CountedTimeout::new(remaining.ceil() as u32).await;
                waited = true;
            }
            let now = performance_now();
            // Only a real wait says how late the browser's timers fire; a deadline already
            // passed when the loop got to it was the loop's own work.
            if waited {
                worst_late_ms.set(worst_late_ms.get().max(now - target));
                hidden.set(hidden.get() || page_hidden());
            }
            slice_start.set(now);
        })
    }

    fn block(&self, seconds: f64) {
        let until = performance_now() + Speed(self.speed).ms(seconds);
        while performance_now() < until {}
    }

    fn wall_start(&self) -> f64 {
        self.wall_start
    }

    fn distortion_seen(&self) -> (bool, f64) {
        (self.hidden.get() || page_hidden(), self.worst_late_ms.get())
    }

    fn thread_pool(&self) -> Option<&dyn ThreadPool> {
        Some(&self.outside)
    }

    fn io(&self) -> Option<&dyn Io> {
        Some(&self.outside)
    }

    fn breather(&self) -> Option<LocalBoxFuture<()>> {
        let now = performance_now();
        if now - self.slice_start.get() < SLICE_MS {
            return None;
        }
        let slice_start = self.slice_start.clone();
        Some(Box::pin(async move {
            CountedTimeout::new(0).await;
            slice_start.set(performance_now());
        }))
    }
}

/// What a run does outside the loop: `to_thread`'s jobs on Web Workers, and fetches and files.
/// Their code is fetched when a run first needs it (`web::parts`): most lessons use neither. A
/// run that does waits for it before its clock starts (`hooks::use_runs`), so that here it is in
/// already and an operation starts on the next microtask.
struct Outside {
    /// Tutorial seconds per real second, at which jobs run.
    speed: f64,
}

const THREADS_NOT_LOADED: &str = "the page's code for threads did not load (is the network down?)";
const IO_NOT_LOADED: &str = "the page's code for I/O did not load (is the network down?)";

impl ThreadPool for Outside {
    fn submit(
        &self,
        job: &'static ThreadJob,
        arg: f64,
        wanted: Box<dyn Fn() -> bool>,
        done: Box<dyn FnOnce(Result<String, String>)>,
    ) {
        let speed = self.speed;
        wasm_bindgen_futures::spawn_local(async move {
            match load_threads().await {
                Ok(threads) => (threads.pool)(speed).submit(job, arg, wanted, done),
                Err(_) => done(Err(THREADS_NOT_LOADED.to_owned())),
            }
        });
    }
}

/// Runs `operation` with the browser's I/O once its code is in; `done` hears why not if it
/// cannot come.
fn with_io<T: 'static>(
    done: Box<dyn FnOnce(Result<T, String>)>,
    operation: impl FnOnce(&'static dyn Io, Box<dyn FnOnce(Result<T, String>)>) + 'static,
) {
    wasm_bindgen_futures::spawn_local(async move {
        match load_io().await {
            Ok(io) => operation(io, done),
            Err(_) => done(Err(IO_NOT_LOADED.to_owned())),
        }
    });
}

impl Io for Outside {
    fn fetch_text(&self, url: &str, done: Box<dyn FnOnce(Result<String, String>)>) {
        let url = url.to_owned();
        with_io(done, move |io, done| io.fetch_text(&url, done));
    }

    fn write_file(&self, name: &str, text: &str, done: Box<dyn FnOnce(Result<(), String>)>) {
        let (name, text) = (name.to_owned(), text.to_owned());
        with_io(done, move |io, done| io.write_file(&name, &text, done));
    }

    fn read_file(&self, name: &str, done: Box<dyn FnOnce(Result<String, String>)>) {
        let name = name.to_owned();
        with_io(done, move |io, done| io.read_file(&name, done));
    }
}
