//! The state's side effects, as hooks the components call: the page kept in step with the state,
//! the runs on the page's loop, the embed API (messages heard, events posted, height reported),
//! and the smaller work of single components (fetching sources, timers, the clipboard).

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::clock::performance_now;
use super::cpython::Report;
use super::embed;
use super::page;
use super::parts::Part;
use super::run::RunHandle;
use crate::aio::virtual_clock::run_virtual;
use crate::lesson::i18n::Lang;
use crate::lesson::params::Params;
use crate::lesson::{Scenario, Variant};
use crate::model::announce::{finished, Announced, Printed, ANNOUNCE_EVERY_MS};
use crate::model::cpython::{CpythonRun, NotMeasured};
use crate::model::embed_api::{CancelReason, Engine, Event, VariantResult};
use crate::model::positions::Positions;
use crate::model::ui_text::UI;
use crate::model::url::UrlState;
use crate::state::{Action, Playground, Progress, RunChange, RunPhase, RunState};
use crate::trace::Line;

/// The address bar, the document's language, its theme and projector mode follow the state.
#[hook]
pub fn use_page_in_step(state: &UseReducerHandle<Playground>) {
    use_effect_with(state.url.encode(), |query| page::replace_query(query));
    use_effect_with(state.lang, |lang| page::set_document_lang(*lang));
    use_effect_with(state.url.theme, |theme| page::set_theme(*theme));
    use_effect_with(state.url.projecting(), |projector| page::set_projector(*projector));
}

/// Shows another scenario once its programs are in (`web::parts::load_lesson`): the reducer runs
/// them at once. The last lesson picked wins, even if one picked before it comes in after. Gives
/// back the lesson whose code could not be fetched, if the last one picked was, to be said so.
#[hook]
pub fn use_select_scenario(
    state: &UseReducerHandle<Playground>,
) -> (Callback<&'static Scenario>, Option<&'static Scenario>) {
    let failed = use_state(|| None);
    let picked = use_mut_ref(|| 0_u64);
    let select = {
        let (dispatcher, failed) = (state.dispatcher(), failed.clone());
        Callback::from(move |scenario: &'static Scenario| {
            let this = {
                let mut picked = picked.borrow_mut();
                *picked += 1;
                *picked
            };
            failed.set(None);
            if crate::scenarios::has_programs(scenario) {
                dispatcher.dispatch(Action::SelectScenario(scenario));
                return;
            }
            let (dispatcher, failed, picked) = (dispatcher.clone(), failed.clone(), picked.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let loaded = super::parts::load_lesson(scenario).await;
                if *picked.borrow() != this {
                    return;
                }
                match loaded {
                    Ok(()) => dispatcher.dispatch(Action::SelectScenario(scenario)),
                    Err(_) => failed.set(Some(scenario)),
                }
            });
        })
    };
    (select, *failed)
}

/// Switches the page to another language once its words are in (`web::words`): the page is never
/// drawn in a language without them. Gives back whether the last switch asked for failed, to be
/// said so.
#[hook]
pub fn use_switch_lang(state: &UseReducerHandle<Playground>) -> (Callback<Lang>, bool) {
    let failed = use_state(|| false);
    let switch = {
        let (dispatcher, failed) = (state.dispatcher(), failed.clone());
        Callback::from(move |lang: Lang| {
            failed.set(false);
            let (dispatcher, failed) = (dispatcher.clone(), failed.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match super::words::fetch(lang).await {
                    Ok(()) => dispatcher.dispatch(Action::SetLang(lang)),
                    Err(_) => failed.set(true),
                }
            });
        })
    };
    (switch, *failed)
}

/// Projector mode's keyboard shortcuts (`model::shortcuts`), heard on the whole page while it is
/// on; they become actions.
#[hook]
pub fn use_shortcuts(state: &UseReducerHandle<Playground>) {
    let dispatcher = state.dispatcher();
    use_effect_with(state.url.projecting(), move |on| {
        let listener = on
            .then(|| page::listen_shortcuts(move |shortcut| dispatcher.dispatch(Action::Shortcut(shortcut))))
            .flatten();
        move || drop(listener)
    });
}

/// The timeline as a PNG (`page::download_png`): the callback takes the file's name and the SVG
/// to draw; why the last one failed is returned to be shown (empty when it did not).
#[hook]
pub fn use_png_download() -> (Callback<(String, String)>, String) {
    let failed = use_state(String::new);
    let download = {
        let failed = failed.clone();
        Callback::from(move |(name, svg): (String, String)| {
            let failed = failed.clone();
            wasm_bindgen_futures::spawn_local(async move {
                failed.set(page::download_png(&name, &svg).await.err().unwrap_or_default())
            });
        })
    };
    (download, (*failed).clone())
}

/// What a column's run has done that the page has not been told yet.
#[derive(Default)]
struct LiveColumn {
    positions: Positions,
    /// Whether anything happened since the last report.
    changed: bool,
    /// Lines printed since the last report.
    lines: Vec<Line>,
}

/// The columns of one run, as its events arrive; the page learns of them in batches.
#[derive(Default)]
struct Live {
    columns: RefCell<Vec<LiveColumn>>,
    /// A report is due at the end of this turn of the browser's loop.
    report_due: Cell<bool>,
    /// When the page was last told (`performance.now()`); at first, when the run began.
    last_report: Cell<f64>,
}

/// A report waits while a run's timer is due within this many milliseconds: about what a
/// drawing of the page and its frame take during a busy run on a slow machine.
const REPORT_CLEAR_MS: f64 = 30.0;
/// …but not for longer than this since the last one.
const REPORT_STALE_MS: f64 = 250.0;

/// One browser run per variant shown while the state says Running; the cleanup cancels them
/// all when Run is pressed again, Stop is pressed, a value changes or the page goes away.
#[hook]
pub fn use_runs(state: &UseReducerHandle<Playground>) {
    let dispatcher = state.dispatcher();
    let url = state.url.clone();
    let running = state.run_state == RunState::Running;
    let one_after_another = state.one_after_another();
    let (threads, io) = (state.threads_needed(), state.does_io());
    use_effect_with((state.run_id, running), move |&(run_id, running)| {
        let handles: Rc<RefCell<Vec<RunHandle>>> = Rc::default();
        let called_off = Rc::new(Cell::new(false));
        if running {
            let variants: Rc<Vec<&'static Variant>> = Rc::new(url.variants().iter().collect());
            let live = Rc::new(Live::default());
            live.columns.borrow_mut().resize_with(variants.len(), LiveColumn::default);
            live.last_report.set(performance_now());
            let run = Run { url: Rc::new(url), run_id, dispatcher, live };
            let started = Rc::downgrade(&handles);
            let start = move || {
                let Some(handles) = started.upgrade() else { return };
                if one_after_another {
                    start_column(variants, 0, run, Rc::downgrade(&handles));
                } else {
                    for (column, variant) in variants.iter().enumerate() {
                        handles.borrow_mut().push(start_one(variant, column, &run, |_| {}));
                    }
                }
            };
            // The run starts once the page has drawn what Run changed (the columns back to the
            // prediction, the buttons): laid out and painted while the run's first timers were
            // due, that drawing made them late (queue-workers at x20: its first wake-ups at 5 ms
            // came 25-47 ms late, in every run). Pressed while the page still loads, it waits
            // for the page to settle as well: its timers would share the thread with that work.
            // And once the threads its to_thread jobs need have loaded (see `worker::threads_ready`),
            // the code of its I/O is in (`clock::Outside`), and so are the parts drawn at its end
            // (`parts::part_ready`).
            let called_off = called_off.clone();
            let settled = page::is_settled();
            wasm_bindgen_futures::spawn_local(async move {
                if settled {
                    page::painted().await;
                } else {
                    page::settled().await;
                }
                if threads > 0 && !called_off.get() {
                    if let Ok(loaded) = super::parts::load_threads().await {
                        (loaded.ready)(threads).await;
                    }
                }
                if io && !called_off.get() {
                    // (A failure is the run's to tell: each operation then raises it.)
                    let _ = super::parts::load_io().await;
                }
                for part in [Part::Exports, Part::ReplayGraph] {
                    super::parts::part_ready(part).await;
                }
                if !called_off.get() {
                    start();
                }
            });
        }
        move || {
            called_off.set(true);
            drop(handles)
        }
    });
}

/// What every column of one run shares.
#[derive(Clone)]
struct Run {
    url: Rc<UrlState>,
    run_id: u64,
    dispatcher: UseReducerDispatcher<Playground>,
    live: Rc<Live>,
}

/// Reports what the columns did, once the browser's loop has run every callback due now: one
/// drawing of the page right after the runs acted, while they wait for their next timers. Drawn
/// for each line instead, or on a clock of its own, the page held up timers falling due then.
///
/// Not while a run's timer is about to fall due, though: the drawing would hold it up. The
/// next event (that timer's, most likely) asks again; a busy run, whose timers are always near
/// (queue-workers' ten tasks at x20), is reported at least every `REPORT_STALE_MS`.
async fn report(live: Weak<Live>, run_id: u64, dispatcher: UseReducerDispatcher<Playground>) {
    gloo_timers::future::TimeoutFuture::new(0).await;
    let Some(live) = live.upgrade() else { return };
    live.report_due.set(false);
    let now = performance_now();
    let timer_near = super::clock::next_timer_due().is_some_and(|due| due - now < REPORT_CLEAR_MS);
    if timer_near && now - live.last_report.get() < REPORT_STALE_MS {
        return;
    }
    live.last_report.set(now);
    let columns: Vec<(usize, Progress)> = live
        .columns
        .borrow_mut()
        .iter_mut()
        .enumerate()
        .filter(|(_, live)| live.changed)
        .map(|(column, live)| {
            live.changed = false;
            (column, Progress { lines: std::mem::take(&mut live.lines), positions: live.positions.clone() })
        })
        .collect();
    if !columns.is_empty() {
        dispatcher.dispatch(Action::Progressed { run_id, columns });
    }
}

/// Starts one variant's run on the page's loop; `then` runs after its outcome is sent.
fn start_one(variant: &'static Variant, column: usize, run: &Run, then: impl FnOnce(usize) + 'static) -> RunHandle {
    let (on_event, on_done) = (run.dispatcher.clone(), run.dispatcher.clone());
    let (run_id, live) = (run.run_id, run.live.clone());
    RunHandle::start(
        variant.program()(&run.url.params),
        run.url.speed,
        move |event| {
            let mut columns = live.columns.borrow_mut();
            let Some(this) = columns.get_mut(column) else { return };
            this.positions.apply(event);
            this.changed = true;
            if let Some(line) = Line::of(event) {
                this.lines.push(line);
            }
            if !live.report_due.replace(true) {
                wasm_bindgen_futures::spawn_local(report(Rc::downgrade(&live), run_id, on_event.clone()));
            }
        },
        move |outcome| {
            // Told once the browser's loop has run every callback due now, as the lines are: the
            // page drawn at once would hold up the other columns' timers due at the same
            // instant (say-after's gather was 4-8 ms late behind create_task's end).
            wasm_bindgen_futures::spawn_local(async move {
                gloo_timers::future::TimeoutFuture::new(0).await;
                on_done.dispatch(Action::Finished { run_id, column, outcome });
            });
            then(column);
        },
    )
}

/// Runs the variants from `column` on, each once the one before has finished; the runs are
/// held (and so cancelled) with the others, through `handles`.
fn start_column(variants: Rc<Vec<&'static Variant>>, column: usize, run: Run, handles: Weak<RefCell<Vec<RunHandle>>>) {
    let Some(variant) = variants.get(column).copied() else { return };
    let Some(held) = handles.upgrade() else { return };
    let next = {
        let (variants, run, handles) = (variants.clone(), run.clone(), handles.clone());
        move |done: usize| start_column(variants, done + 1, run, handles)
    };
    let handle = start_one(variant, column, &run, next);
    held.borrow_mut().push(handle);
}

/// The embed API: commands heard from the embedding page (they become actions), refusals
/// logged, and the events posted: `ready` and `resize` from the page, the run's events from the
/// state as rendered, so what is posted is exactly what the page shows.
#[hook]
pub fn use_embed_api(state: &UseReducerHandle<Playground>) {
    {
        let dispatcher = state.dispatcher();
        // An exercise (`predict=1`) waits for the learner's prediction, and their Run.
        let autorun = state.url.autorun && !state.url.predict;
        let (scenario, own_code) = (state.scenario().id, state.url.code.is_some());
        use_effect_with((), move |_| {
            let heard = dispatcher.clone();
            let listener = embed::listen(move |message| heard.dispatch(Action::Message(message)));
            let watcher = embed::watch_height(|height| embed::post(&Event::Resize { height }));
            embed::post(&Event::Ready { scenario, ms: performance_now() });
            // A link with its own program (`code=`) runs that, on CPython (`EmbedCode`), instead.
            // (The run itself starts only once the page can keep time: see `use_runs`.)
            if autorun && !own_code {
                dispatcher.dispatch(Action::Run);
            }
            move || drop((listener, watcher))
        });
    }
    {
        let logged = use_mut_ref(|| 0);
        let (scenario, lang) = (state.scenario(), state.lang);
        use_effect_with(state.rejections.clone(), move |rejections| {
            let mut logged = logged.borrow_mut();
            for rejection in &rejections[*logged..] {
                embed::warn(&rejection.message(scenario, lang));
            }
            *logged = rejections.len();
        });
    }
    {
        // Each `export` the embedding page sends: the last finished run, as Perfetto reads it.
        let state = state.clone();
        use_effect_with(state.exports, move |exports| {
            let Some(reader) = embed::reader().filter(|_| *exports > 0) else { return };
            let trace = (reader.export)(&state.columns, state.lang, state.url.speed);
            embed::post(&Event::Exported { scenario: state.scenario().id, trace: &trace });
        });
    }
    {
        // Each `inspect` the embedding page sends: the turn it opened, as plain data.
        let state = state.clone();
        use_effect_with(state.inspections, move |inspections| {
            let (Some(run), Some(tick)) = (state.inspected.as_ref(), state.url.tick) else { return };
            let Some(reader) = embed::reader().filter(|_| *inspections > 0) else { return };
            let Some(variant) = state.url.variants().get(state.inspect_column).map(|v| v.name) else { return };
            if let Some(view) = (reader.inspect)(&run.trace, tick) {
                let event = Event::Inspected { scenario: state.scenario().id, variant, view: &view, trace: &run.trace };
                embed::post(&event);
            }
        });
    }
    {
        // The phase last reported, and how many lines of each column have been posted.
        let reported = use_mut_ref(|| (state.phase(), Vec::<usize>::new()));
        let counts: Vec<usize> = state.columns.iter().map(|c| c.lines.len()).collect();
        let state = state.clone();
        use_effect_with((state.phase(), counts), move |(phase, _)| {
            let mut reported = reported.borrow_mut();
            let (before, posted) = &mut *reported;
            let mut run_scenario = before.scenario;
            for change in RunPhase::changes(before, phase) {
                match change {
                    RunChange::Cancelled(reason) => {
                        embed::post(&Event::RunCancelled { scenario: run_scenario, reason });
                    }
                    RunChange::Started => {
                        run_scenario = phase.scenario;
                        *posted = vec![0; state.columns.len()];
                        let variants = state.columns.iter().map(|c| c.variant.name).collect();
                        let (params, speed) = (&state.url.params, state.url.speed);
                        let started = Event::RunStarted {
                            scenario: phase.scenario,
                            params,
                            speed,
                            variants,
                            engine: Engine::Rust,
                        };
                        embed::post(&started);
                    }
                    RunChange::Lines => post_new_lines(&state, posted),
                    RunChange::Finished => {
                        let (params, speed) = (&state.url.params, state.url.speed);
                        let variants = state
                            .columns
                            .iter()
                            .filter_map(|c| {
                                let outcome = c.outcome.as_deref()?;
                                Some(VariantResult::new(c.variant.name, outcome, c.predicted.elapsed, speed))
                            })
                            .collect();
                        embed::post(&Event::RunFinished { scenario: phase.scenario, params, speed, variants });
                        // Predict mode: each variant's verdict, for a course page to keep score.
                        for (column, verdict) in state.columns.iter().zip(state.verdicts()) {
                            let Some(verdict) = verdict else { continue };
                            let variant = column.variant.name;
                            embed::post(&Event::Prediction { scenario: phase.scenario, variant, verdict: &verdict });
                        }
                    }
                }
            }
            *before = phase.clone();
        });
    }
}

/// Posts the lines printed since the last call, in the order they were printed: each column's
/// are in order already, so the earliest unposted line of any column goes next.
fn post_new_lines(state: &Playground, posted: &mut Vec<usize>) {
    posted.resize(state.columns.len(), 0);
    loop {
        let next = state
            .columns
            .iter()
            .zip(posted.iter())
            .enumerate()
            .filter_map(|(i, (column, sent))| column.lines.get(*sent).map(|line| (i, line)))
            .min_by(|a, b| a.1.ms.total_cmp(&b.1.ms));
        let Some((i, line)) = next else { return };
        posted[i] += 1;
        embed::post(&Event::Line { variant: state.columns[i].variant.name, line });
    }
}

/// Sets the "now" line behind `node` sweeping: `(run, distance, seconds)` moves it `distance`
/// units along the axis in `seconds` of real time, by the CSS animation `now-sweep` (style.css),
/// through custom properties set with the CSSOM (the page's CSP refuses style attributes). A new
/// run (its line a new element) starts again.
#[hook]
pub fn use_sweep(node: &NodeRef, sweep: Option<(u64, f64, f64)>) {
    let node = node.clone();
    use_effect_with(sweep.map(|(run, distance, seconds)| (run, distance.to_bits(), seconds.to_bits())), move |sweep| {
        if let (Some((_, distance, seconds)), Some(line)) = (sweep, node.cast::<web_sys::Element>()) {
            let style = js_sys::Reflect::get(&line, &"style".into())
                .ok()
                .and_then(|s| s.dyn_into::<web_sys::CssStyleDeclaration>().ok());
            if let Some(style) = style {
                let _ = style.set_property("--sweep-to", &format!("{}px", f64::from_bits(*distance)));
                let _ = style.set_property("--sweep-duration", &format!("{}s", f64::from_bits(*seconds)));
            }
        }
    });
}

/// A heartbeat on the page's own thread, drawn by the element behind `node`: a timer flips its
/// `data-beat` every 50 ms and keeps in `data-longest-gap-ms` the longest gap between two ticks
/// since `run_id` last changed. During a blocking call it visibly stops (a CSS animation would
/// not: it runs off the main thread).
#[hook]
pub fn use_heartbeat(node: &NodeRef, run_id: u64) {
    const TICK_MS: u32 = 50;
    let longest = use_mut_ref(|| Rc::new(Cell::new(0.0f64)));
    {
        let longest = longest.borrow().clone();
        use_effect_with(run_id, move |_| longest.set(0.0));
    }
    let (node, longest) = (node.clone(), longest.borrow().clone());
    use_effect_with((), move |_| {
        let last = Cell::new(performance_now());
        let beat = Cell::new(false);
        let interval = gloo_timers::callback::Interval::new(TICK_MS, move || {
            let now = performance_now();
            longest.set(longest.get().max(now - last.replace(now)));
            beat.set(!beat.get());
            if let Some(element) = node.cast::<web_sys::Element>() {
                let _ = element.set_attribute("data-beat", if beat.get() { "1" } else { "0" });
                let _ = element.set_attribute("data-longest-gap-ms", &format!("{:.0}", longest.get()));
            }
        });
        move || drop(interval)
    });
}

/// What a pair of copy buttons shows: which text was just copied, or which is shown to copy by
/// hand because the browser refused the clipboard; `field` is for the element showing it, which is
/// selected as soon as it is shown.
pub struct Copier<T: 'static> {
    pub copied: Option<T>,
    pub by_hand: Option<T>,
    /// Copies the text, saying which one it is.
    pub copy: Callback<(T, AttrValue)>,
    /// Hides the text shown to copy by hand.
    pub close: Callback<()>,
    pub field: NodeRef,
}

/// Copies to the clipboard when the browser allows it; "copied" stays 2.5 s.
#[hook]
pub fn use_copier<T: Copy + PartialEq + 'static>() -> Copier<T> {
    const FEEDBACK_MS: u32 = 2500;
    let copied = use_state(|| None::<T>);
    let by_hand = use_state(|| None::<T>);
    let feedback_timer = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    let field = use_node_ref();
    {
        let field = field.clone();
        // On the value, not on whether there is one: another text shown is selected anew.
        use_effect_with(*by_hand, move |shown| {
            if let (Some(_), Some(area)) = (shown, field.cast::<web_sys::HtmlTextAreaElement>()) {
                let _ = area.focus();
                area.select();
            }
        });
    }
    let copy = {
        let (copied, by_hand) = (copied.clone(), by_hand.clone());
        Callback::from(move |(what, text): (T, AttrValue)| {
            let (copied, by_hand, feedback_timer) = (copied.clone(), by_hand.clone(), feedback_timer.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if page::copy_text(&text).await.is_ok() {
                    by_hand.set(None);
                    copied.set(Some(what));
                    let clear = copied.clone();
                    *feedback_timer.borrow_mut() =
                        Some(gloo_timers::callback::Timeout::new(FEEDBACK_MS, move || clear.set(None)));
                } else {
                    copied.set(None);
                    by_hand.set(Some(what));
                }
            });
        })
    };
    let close = {
        let by_hand = by_hand.clone();
        Callback::from(move |()| by_hand.set(None))
    };
    Copier { copied: *copied, by_hand: *by_hand, copy, close, field }
}

/// The width of the element behind `node` in CSS pixels, `initial` until it is first laid out,
/// following every change of it.
#[hook]
pub fn use_width(node: &NodeRef, initial: f64) -> f64 {
    let width = use_state(|| initial);
    {
        let (node, width) = (node.clone(), width.clone());
        use_effect_with((), move |_| {
            let watcher = node
                .cast::<web_sys::Element>()
                .and_then(|element| page::watch_size(&element, web_sys::DomRect::width, move |w| width.set(w)));
            move || drop(watcher)
        });
    }
    *width
}

/// CPython's run of the shown program, for the code view: idle until asked, then downloading
/// (the first time), running, and done with how it compares with the page's prediction.
#[derive(Clone, Debug, PartialEq)]
pub enum CpythonCheck {
    Idle,
    Downloading {
        loaded: f64,
        total: f64,
    },
    Running,
    /// The page's code that runs CPython could not be fetched; asking again tries again.
    NotLoaded,
    /// `differences` from the page's prediction; none for an edited program, which has no
    /// prediction to compare with. `measured`: the same program on real time, then.
    Done {
        run: Rc<CpythonRun>,
        differences: Option<Rc<Vec<String>>>,
        measured: Measured,
    },
    Failed(String),
}

/// A learner's program on real time at the page's speed, run after the virtual clock's run: the
/// measured run beside the prediction, as the lessons' columns have.
#[derive(Clone, Debug, PartialEq)]
pub enum Measured {
    /// Not asked for: a lesson's own variant, whose measured run is the engine's.
    NotAsked,
    Not(NotMeasured),
    Running,
    Done(Rc<CpythonRun>),
    Failed(String),
}

/// What CPython is asked to run: the variant, with these values.
#[derive(Clone, PartialEq)]
pub struct CpythonAsk {
    pub scenario: &'static Scenario,
    pub variant: &'static Variant,
    pub params: Params,
    /// The Python to run: the variant's with the values in force, as the page shows it, or the
    /// learner's edited version.
    pub python: String,
    /// Whether it is the variant's own, whose run the page predicts and compares.
    pub compare: bool,
    /// For a learner's program, the speed of a measured run on real time after the virtual one.
    pub measure_at: Option<f64>,
}

/// Runs the shown program on CPython in the page when `check` is called; `stop` ends it. The
/// check goes back to idle when `shown` (what it was asked about) changes.
#[hook]
pub fn use_cpython<K: PartialEq + Clone + 'static>(shown: K) -> (CpythonCheck, Callback<CpythonAsk>, Callback<()>) {
    let check = use_state(|| CpythonCheck::Idle);
    // Which request the reports belong to (a report for an older one is dropped), and whether
    // one is running.
    let ticket = use_mut_ref(|| 0_u32);
    let busy = use_mut_ref(|| false);
    {
        let (check, ticket, busy) = (check.clone(), ticket.clone(), busy.clone());
        use_effect_with(shown, move |_| {
            check.set(CpythonCheck::Idle);
            move || {
                *ticket.borrow_mut() += 1;
                if std::mem::take(&mut *busy.borrow_mut()) {
                    super::cpython::stop();
                }
            }
        });
    }
    let run = {
        let (check, ticket, busy) = (check.clone(), ticket.clone(), busy.clone());
        Callback::from(move |ask: CpythonAsk| {
            *ticket.borrow_mut() += 1;
            *busy.borrow_mut() = true;
            let mine = *ticket.borrow();
            let (check, ticket, busy) = (check.clone(), ticket.clone(), busy.clone());
            check.set(CpythonCheck::Downloading { loaded: 0.0, total: 0.0 });
            wasm_bindgen_futures::spawn_local(async move {
                let current = move || *ticket.borrow() == mine;
                let mut files = vec![(format!("{}.py", ask.variant.name), ask.python.clone())];
                for module in ask.scenario.stand_ins {
                    match super::sources::source_file(module.path).await {
                        Ok(text) => files.push((
                            module.in_folder().to_owned(),
                            ask.params.in_python(&text, ask.scenario.params, &[]),
                        )),
                        Err(error) => {
                            if current() {
                                *busy.borrow_mut() = false;
                                check.set(CpythonCheck::Failed(error));
                            }
                            return;
                        }
                    }
                }
                if !current() {
                    return;
                }
                // Whole seconds, as the recorder's epoch: `time.time()` reads the same in both runs.
                let epoch = (js_sys::Date::now() / 1000.0).floor();
                let request = super::cpython::Request {
                    files,
                    program: format!("{}.py", ask.variant.name),
                    epoch,
                    limit: CPYTHON_LIMIT_SECONDS,
                    max_steps: CPYTHON_MAX_STEPS,
                    max_lines: CPYTHON_MAX_LINES,
                    speed: None,
                };
                let (variant, params, compare, measure_at) = (ask.variant, ask.params, ask.compare, ask.measure_at);
                let again = request.clone();
                super::cpython::run(request, move |report| {
                    if !current() {
                        return;
                    }
                    if matches!(report, Report::Done(_) | Report::Failed(_) | Report::NotLoaded) {
                        *busy.borrow_mut() = false;
                    }
                    check.set(match report {
                        Report::Downloading { loaded, total } => CpythonCheck::Downloading { loaded, total },
                        Report::Running => CpythonCheck::Running,
                        Report::Failed(error) => CpythonCheck::Failed(error),
                        Report::NotLoaded => CpythonCheck::NotLoaded,
                        Report::Done(run) => {
                            // The engine's prediction of the same program, on the same epoch.
                            let differences = compare.then(|| {
                                let engine = run_virtual(variant.program()(&params), 1.0, epoch);
                                Rc::new(run.differences(&engine))
                            });
                            let measured = match measure_at.map(|speed| (speed, run.measurable(speed))) {
                                None => Measured::NotAsked,
                                Some((_, Err(why))) => Measured::Not(why),
                                Some((speed, Ok(()))) => {
                                    *busy.borrow_mut() = true;
                                    let done = CpythonCheck::Done {
                                        run: run.clone(),
                                        differences: differences.clone(),
                                        measured: Measured::Running,
                                    };
                                    let request = super::cpython::Request { speed: Some(speed), ..again.clone() };
                                    measure(request, done, check.clone(), busy.clone(), current.clone());
                                    Measured::Running
                                }
                            };
                            CpythonCheck::Done { differences, run, measured }
                        }
                    });
                });
            });
        })
    };
    let stop = {
        let (check, ticket, busy) = (check.clone(), ticket.clone(), busy.clone());
        Callback::from(move |()| {
            *ticket.borrow_mut() += 1;
            *busy.borrow_mut() = false;
            super::cpython::stop();
            check.set(CpythonCheck::Idle);
        })
    };
    ((*check).clone(), run, stop)
}

/// Runs `request` (a measured run) once the virtual run's report has been taken in, and puts its
/// outcome into `done`, the check as the virtual run left it.
fn measure(
    request: super::cpython::Request,
    done: CpythonCheck,
    check: UseStateHandle<CpythonCheck>,
    busy: Rc<RefCell<bool>>,
    current: impl Fn() -> bool + Clone + 'static,
) {
    wasm_bindgen_futures::spawn_local(async move {
        super::cpython::run(request, move |report| {
            let CpythonCheck::Done { run, differences, .. } = &done else { return };
            let measured = match report {
                Report::Done(measured) => Measured::Done(measured),
                Report::Failed(error) => Measured::Failed(error),
                // (Not `NotLoaded`: the virtual run before it needed the same code.)
                Report::Downloading { .. } | Report::Running | Report::NotLoaded => return,
            };
            if current() {
                *busy.borrow_mut() = false;
                check.set(CpythonCheck::Done { run: run.clone(), differences: differences.clone(), measured });
            }
        });
    });
}

/// A program still running after this many virtual seconds is cut, as the recorder cuts it.
pub const CPYTHON_LIMIT_SECONDS: f64 = 100_000.0;
/// …or after this many callbacks of its loop (time standing still: `while True: await sleep(0)`).
pub const CPYTHON_MAX_STEPS: u32 = 5_000_000;
/// …or once it has written this many lines: the page shows them all.
pub const CPYTHON_MAX_LINES: u32 = 10_000;

/// The name of an author's or learner's own program in the embed API's events.
pub const YOUR_VERSION: &str = "your-version";

/// The embed API's `run-started` and `run-finished` (or `run-cancelled`) for CPython's runs of an
/// own program, with `engine: "cpython"`, as its check goes.
#[hook]
pub fn use_cpython_events(state: &UseReducerHandle<Playground>, check: &CpythonCheck) {
    let started = use_mut_ref(|| false);
    let (scenario, params, speed) = (state.scenario().id, state.url.params.clone(), state.url.speed);
    use_effect_with(check.clone(), move |check| {
        let mut started = started.borrow_mut();
        match check {
            CpythonCheck::Downloading { .. } | CpythonCheck::Running if !*started => {
                *started = true;
                let variants = vec![YOUR_VERSION];
                embed::post(&Event::RunStarted { scenario, params: &params, speed, variants, engine: Engine::Cpython });
            }
            CpythonCheck::Done { run, .. } if *started => {
                *started = false;
                let variants = vec![VariantResult::cpython(YOUR_VERSION, run, speed)];
                embed::post(&Event::RunFinished { scenario, params: &params, speed, variants });
            }
            CpythonCheck::Idle | CpythonCheck::Failed(_) | CpythonCheck::NotLoaded if *started => {
                *started = false;
                embed::post(&Event::RunCancelled { scenario, reason: CancelReason::Stopped });
            }
            _ => {}
        }
    });
}

/// What the run's live region says (`model::announce`): during a run, what printed since it last
/// spoke, at most once a second (a timer, not every line: a thousand tasks would keep a screen
/// reader talking long after the run); when it ends, each variant's time; when stopped, that.
#[hook]
pub fn use_announcement(
    columns: Vec<Printed>,
    run_state: RunState,
    elapsed: Vec<(&'static str, f64)>,
    lang: Lang,
) -> String {
    let said = use_state(String::new);
    let announced = use_mut_ref(Announced::default);
    let latest = use_mut_ref(Vec::<Printed>::new);
    // The timer is kept until the next replaces it: dropping it inside its own callback would
    // drop the closure that is running.
    let timer = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    let pending = use_mut_ref(|| false);
    *latest.borrow_mut() = columns;
    {
        let (said, announced, latest, timer, pending) =
            (said.clone(), announced.clone(), latest.clone(), timer.clone(), pending.clone());
        use_effect(move || {
            if run_state == RunState::Running && !*pending.borrow() {
                *pending.borrow_mut() = true;
                let fired = pending.clone();
                *timer.borrow_mut() = Some(gloo_timers::callback::Timeout::new(ANNOUNCE_EVERY_MS, move || {
                    *fired.borrow_mut() = false;
                    if let Some(news) = announced.borrow_mut().news(&latest.borrow(), lang) {
                        said.set(news);
                    }
                }));
            }
        });
    }
    {
        let (said, announced, latest, timer, pending) = (said.clone(), announced, latest, timer, pending);
        use_effect_with(run_state, move |state| {
            match state {
                RunState::Running => {
                    *announced.borrow_mut() = Announced::default();
                    said.set(String::new());
                }
                RunState::Finished | RunState::Stopped => {
                    timer.borrow_mut().take();
                    *pending.borrow_mut() = false;
                    // What printed is said by the end; the lines stay on the page to be read.
                    let _ = announced.borrow_mut().news(&latest.borrow(), lang);
                    said.set(if *state == RunState::Finished {
                        finished(&elapsed, lang)
                    } else {
                        UI.cancelled.get(lang).to_owned()
                    });
                }
                RunState::Idle => {}
            }
        });
    }
    (*said).clone()
}
