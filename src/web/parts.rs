//! Loading what the first drawing does without: the parts of the page (`app::lazy`, [`Part`]), the
//! lessons' programs, and code that only some runs need: what runs CPython, what reads the embed
//! API's commands, `to_thread`'s workers and the browser's I/O.
//!
//! In the page, each of them is behind a split point of the app's bin (`src/main.rs`,
//! `wasm_split_helpers`): scripts/split cuts the wasm there, so their code is in chunks of their
//! own, fetched when first needed. The bin hands [`start`](crate::start) its [`Loaders`];
//! [`use_part`] asks for a part once and keeps what came, [`preload`] asks ahead of its drawing;
//! [`load_lesson`] brings a lesson's programs in before the lesson is shown; [`load_cpython`],
//! [`load_reader`], [`load_threads`] and [`load_io`] bring their code in when it is first needed.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;

use yew::prelude::*;

use crate::lesson::{Programs, Scenario};
use crate::scenarios;

/// A part of the page loaded when first drawn.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Part {
    /// The code: the shown variant's Python beside the lesson's Rust, highlighted, and CPython's
    /// check of it (`app::code_view`). Asked for with the first drawing, its files beside it.
    Code,
    /// The timeline of every variant's tasks (`app::timeline_view`), below the columns (above
    /// them in projector mode): asked for with the first drawing.
    Timeline,
    /// `?tick=`: the loop inspector (`app::loop_inspector`).
    Inspector,
    /// `?predict=1`: the prediction panel (`app::predict_panel`).
    Predict,
    /// "Embed": the code, its preview and its check on CPython (`app::embed_code`).
    EmbedCode,
    /// "Edit": the learner's version in CodeMirror, and its numbers as fields (`app::code_view`).
    Editor,
    /// What CPython's run of a program gave (`app::cpython_panel`): asked for with CPython.
    CpythonDone,
    /// Who awaits whom at a replayed instant (`app::await_graph_view`): asked for after a run.
    ReplayGraph,
    /// A finished run's exports (`app::exports`): asked for when a run starts.
    Exports,
}

const PARTS: usize = 9;

impl Part {
    fn index(self) -> usize {
        self as usize
    }
}

/// A part's view of its component's props (one type for every part, so that what draws them is
/// not made again for each): `app::lazy::views`.
pub type View = fn(&dyn std::any::Any) -> Html;

/// A part on its way: its chunk loading, which fails when it cannot be fetched.
pub type Loading = Pin<Box<dyn Future<Output = Result<View, wasm_split_helpers::SplitLoaderError>>>>;

/// A lesson's programs on their way.
pub type LessonLoading = Pin<Box<dyn Future<Output = Result<Programs, wasm_split_helpers::SplitLoaderError>>>>;

/// What runs a program on CPython in the page once its code is in (`web::cpython::run_now`).
pub type RunOnCpython = fn(super::cpython::Request, std::rc::Rc<dyn Fn(super::cpython::Report)>);

/// The embed API's commands: what reads one posted to the page, and what builds the answers to
/// those that ask for data. Only a command read asks for an answer, so the code that builds them
/// (a Chrome trace of the run, a turn of the loop) comes with the reader, not in the first load.
#[derive(Clone, Copy)]
pub struct Reader {
    /// `web::embed::read_message`.
    pub read:
        fn(wasm_bindgen::JsValue) -> Result<crate::model::embed_api::Incoming, crate::model::embed_api::Rejection>,
    /// `export`'s answer: `state::exported_trace`.
    pub export: fn(&[crate::state::Column], crate::lesson::i18n::Lang, f64) -> crate::model::export::ChromeTrace,
    /// `inspect`'s answer: `model::inspector::turn_view`.
    pub inspect: for<'a> fn(&'a crate::trace::Trace, usize) -> Option<crate::model::inspector::TurnView<'a>>,
}

/// The code that reads commands, on its way.
pub type ReaderLoading = Pin<Box<dyn Future<Output = Result<Reader, wasm_split_helpers::SplitLoaderError>>>>;

/// `to_thread`'s Web Workers (`web::worker`), once their code is in.
#[derive(Clone, Copy)]
pub struct Threads {
    /// The page's pool, running jobs at a run's speed.
    pub pool: fn(f64) -> std::rc::Rc<dyn crate::aio::ThreadPool>,
    /// Resolves once this many workers have loaded and are idle.
    pub ready: fn(usize) -> crate::aio::LocalBoxFuture<()>,
}

/// The code of `to_thread`'s workers, on its way.
pub type ThreadsLoading = Pin<Box<dyn Future<Output = Result<Threads, wasm_split_helpers::SplitLoaderError>>>>;

/// The browser's I/O (`web::io`), on its way.
pub type IoLoading =
    Pin<Box<dyn Future<Output = Result<&'static dyn crate::aio::Io, wasm_split_helpers::SplitLoaderError>>>>;

/// The code that talks to CPython's worker, on its way.
pub type CpythonLoading = Pin<Box<dyn Future<Output = Result<RunOnCpython, wasm_split_helpers::SplitLoaderError>>>>;

/// How the bin loads what a first load does not draw.
#[derive(Clone, Copy)]
pub struct Loaders {
    pub part: fn(Part) -> Loading,
    /// A scenario's programs, by its id.
    pub lesson: fn(&str) -> LessonLoading,
    /// What runs a program on CPython: asked for only when a learner first asks for CPython.
    pub cpython: fn() -> CpythonLoading,
    /// What reads the embed API's commands: asked for with the first command.
    pub reader: fn() -> ReaderLoading,
    /// `to_thread`'s workers: asked for before a run that has `to_thread` jobs.
    pub threads: fn() -> ThreadsLoading,
    /// The browser's fetch and files: asked for before a run that does real I/O.
    pub io: fn() -> IoLoading,
}

thread_local! {
    static LOADERS: Cell<Option<Loaders>> = const { Cell::new(None) };
    static LOADED: RefCell<[Option<View>; PARTS]> = const { RefCell::new([None; PARTS]) };
    /// The parts asked for ahead of their drawing ([`preload`]) and not in yet.
    static PRELOADING: RefCell<[bool; PARTS]> = const { RefCell::new([false; PARTS]) };
    static IN_FLIGHT: Cell<usize> = const { Cell::new(0) };
}

/// How parts and lessons are loaded from now on (`crate::start`).
pub fn set_loaders(loaders: Loaders) {
    LOADERS.set(Some(loaders));
}

/// Set by `crate::start` before the app is drawn. No default: naming the views or the programs
/// here would put all their code in the first load.
fn loaders() -> Loaders {
    LOADERS.get().expect("web::parts::set_loaders is called before the app is drawn")
}

/// Brings `scenario`'s programs in, if they are not yet (`scenarios::set_programs`): before the
/// scenario is shown, whose predictions run them at once.
pub async fn load_lesson(scenario: &'static Scenario) -> Result<(), wasm_split_helpers::SplitLoaderError> {
    if !scenarios::has_programs(scenario) {
        let programs = (loaders().lesson)(scenario.id).await?;
        scenarios::set_programs(scenario, programs);
    }
    Ok(())
}

/// The code that runs a program on CPython in the page (`web::cpython::run`), fetched the first
/// time it is asked for.
pub async fn load_cpython() -> Result<RunOnCpython, wasm_split_helpers::SplitLoaderError> {
    (loaders().cpython)().await
}

/// Resolves once `part` is in (or could not be fetched: its drawing then says so and tries
/// again). A run waits for the parts its end draws: fetched during the run, their code would be
/// compiled on the thread its timers fire on.
pub async fn part_ready(part: Part) {
    if LOADED.with_borrow(|views| views[part.index()].is_none()) {
        let _ = fetch(part).await;
    }
}

/// How many parts are on their way now (`page::settled` waits for none: drawn when it comes in,
/// a part is start-up work, which a run's timers must not share the thread with).
pub fn parts_in_flight() -> usize {
    IN_FLIGHT.get()
}

/// Counts a part on its way for as long as it is kept.
struct InFlight;

impl InFlight {
    fn new() -> InFlight {
        IN_FLIGHT.set(IN_FLIGHT.get() + 1);
        InFlight
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        IN_FLIGHT.set(IN_FLIGHT.get() - 1);
    }
}

/// Fetches `part`'s code, and keeps its view for every later drawing. A part that highlights code
/// comes with Prism (`highlight::load_prism`), fetched beside its chunk.
async fn fetch(part: Part) -> Result<View, wasm_split_helpers::SplitLoaderError> {
    let _in_flight = InFlight::new();
    let prism = matches!(part, Part::Code | Part::EmbedCode).then(super::highlight::load_prism);
    let view = (loaders().part)(part).await?;
    if let Some(prism) = prism {
        // (Not there, it leaves the code plain.)
        let _ = prism.await;
    }
    LOADED.with_borrow_mut(|views| views[part.index()] = Some(view));
    Ok(view)
}

/// Starts fetching `part` ahead of its first drawing, if it is not in or on its way: it is then in
/// by the time it is drawn. A failure is left to that drawing, which tries again.
pub fn preload(part: Part) {
    let loaded = LOADED.with_borrow(|views| views[part.index()].is_some());
    if loaded || PRELOADING.with_borrow_mut(|asked| std::mem::replace(&mut asked[part.index()], true)) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        part_ready(part).await;
        PRELOADING.with_borrow_mut(|asked| asked[part.index()] = false);
    });
}

/// `to_thread`'s workers (`web::clock`), fetched before the first run that has jobs for them.
pub async fn load_threads() -> Result<Threads, wasm_split_helpers::SplitLoaderError> {
    (loaders().threads)().await
}

/// The browser's I/O (`web::clock`), fetched before the first run that does real I/O.
pub async fn load_io() -> Result<&'static dyn crate::aio::Io, wasm_split_helpers::SplitLoaderError> {
    (loaders().io)().await
}

/// The code that reads the embed API's commands (`web::embed::listen`), fetched with the first.
pub async fn load_reader() -> Result<Reader, wasm_split_helpers::SplitLoaderError> {
    (loaders().reader)().await
}

/// Where a part is.
#[derive(Clone, Copy)]
pub enum PartState {
    Loading,
    Loaded(View),
    /// Its chunk could not be fetched.
    Failed,
}

/// `part`, and a callback that asks for it again after a failure (the loader keeps no failure).
/// Loaded at once when it is already in; else loading (the first time only).
#[hook]
pub fn use_part(part: Part) -> (PartState, Callback<()>) {
    let state =
        use_state(|| LOADED.with_borrow(|views| views[part.index()]).map_or(PartState::Loading, PartState::Loaded));
    let attempt = use_state(|| 0_u32);
    {
        let state = state.clone();
        use_effect_with((part, *attempt), move |&(part, _)| {
            if !matches!(*state, PartState::Loaded(_)) {
                state.set(PartState::Loading);
                wasm_bindgen_futures::spawn_local(async move {
                    state.set(fetch(part).await.map_or(PartState::Failed, PartState::Loaded));
                });
            }
        });
    }
    let again = Callback::from(move |()| attempt.set(*attempt + 1));
    (*state, again)
}
