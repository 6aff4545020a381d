//! Scenario source files (the Rust of each scenario, each variant's Python, the Python-line
//! table), fetched when the code view first shows them (they are not part of the first load), and
//! kept for the rest of the visit.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use futures::future::{FutureExt, LocalBoxFuture, Shared};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::model::python_lines::{LineMap, PythonLines};

/// A file's text as fetched: shared by everyone who asks for it while it is on its way.
type Fetch = Shared<LocalBoxFuture<'static, Result<Rc<str>, String>>>;

thread_local! {
    static FILES: RefCell<HashMap<&'static str, Rc<str>>> = RefCell::new(HashMap::new());
    static FETCHING: RefCell<HashMap<&'static str, Fetch>> = RefCell::new(HashMap::new());
}

/// The table of which Python line each Rust wait of a scenario is at.
pub const PYTHON_LINES: &str = "scenarios/python_lines.txt";

/// How many source files are being fetched now (`page::settled` waits for none).
pub fn fetches_in_flight() -> usize {
    FETCHING.with(|f| f.borrow().len())
}

/// The text of a file the site serves, by its path: `scenarios/say_after.rs`, `py/say-after/gather.py`.
/// Fetched once: the columns' code views and notices that ask for the same file at once (every
/// column of a lesson shows its Rust) share one request.
pub async fn source_file(file: &'static str) -> Result<Rc<str>, String> {
    if let Some(text) = fetched(file) {
        return Ok(text);
    }
    let fetch = FETCHING
        .with(|f| f.borrow_mut().entry(file).or_insert_with(|| fetch_text(file).boxed_local().shared()).clone());
    let text = fetch.await;
    FETCHING.with(|f| f.borrow_mut().remove(file));
    let text = text?;
    FILES.with(|f| f.borrow_mut().insert(file, text.clone()));
    Ok(text)
}

/// Starts fetching `files` for a view whose code is still on its way (`Part::Code`): they come in
/// beside it, not after it. A failure is left to the view, which asks again.
pub fn prefetch(files: &[&'static str]) {
    for &file in files {
        if fetched(file).is_none() {
            wasm_bindgen_futures::spawn_local(async move {
                let _ = source_file(file).await;
            });
        }
    }
}

/// A file's text if it has been fetched already.
fn fetched(file: &'static str) -> Option<Rc<str>> {
    FILES.with(|f| f.borrow().get(file).cloned())
}

/// Fetches `file` now, for a view about to show it, waiting at most `cap_ms` for it: the view
/// then draws it at once ([`use_source`] reads what is fetched already).
pub async fn fetch_first(file: &'static str, cap_ms: u32) {
    let fetch = Box::pin(source_file(file));
    let cap = gloo_timers::future::TimeoutFuture::new(cap_ms);
    futures::future::select(fetch, cap).await;
}

async fn fetch_text(file: &'static str) -> Result<Rc<str>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(file)).await.map_err(|e| format!("{e:?}"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "not a response".to_owned())?;
    if !response.ok() {
        return Err(format!("{file}: HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|e| format!("{e:?}"))?).await.map_err(|e| format!("{e:?}"))?;
    Ok(text.as_string().unwrap_or_default().into())
}

/// A source file's text for a component: `None` while it is fetched (and after `path` changed,
/// until the new one is in), then the text or why it could not be had; a file fetched already is
/// there in the first drawing. A fetch that ends after the component moved on to another path is
/// not shown.
#[yew::hook]
pub fn use_source(path: &'static str) -> Option<Result<Rc<str>, String>> {
    let fetched_state = yew::use_state(|| None::<(&'static str, Result<Rc<str>, String>)>);
    // The path asked for last: a slower fetch of an earlier one must not overwrite its text.
    let wanted = yew::use_mut_ref(|| path);
    {
        let (fetched_state, wanted) = (fetched_state.clone(), wanted.clone());
        yew::use_effect_with(path, move |path| {
            let path = *path;
            *wanted.borrow_mut() = path;
            wasm_bindgen_futures::spawn_local(async move {
                let text = source_file(path).await;
                if *wanted.borrow() == path {
                    fetched_state.set(Some((path, text)));
                }
            });
        });
    }
    match &*fetched_state {
        Some((fetched_path, result)) if *fetched_path == path => Some(result.clone()),
        _ => fetched(path).map(Ok),
    }
}

/// The Python line of each Rust line of a variant's twin (`model::python_lines`), found in its
/// scenario's Rust (`rust`, the file as `use_source` gives it), as the code view, the loop
/// inspector and a column's mistakes show it: `None` until both the table and the Rust are in
/// (fetched, not part of the first load), or without a variant (the learner's own program names
/// lines of its Python itself).
#[yew::hook]
pub fn use_line_map(
    rust: Option<Result<Rc<str>, String>>,
    scenario: &'static str,
    variant: Option<&'static str>,
) -> Rc<Option<LineMap>> {
    let table = use_source(PYTHON_LINES);
    let table = yew::use_memo(table.and_then(Result::ok), |text| text.as_deref().map(PythonLines::parse));
    yew::use_memo(
        ((*table).clone(), rust.and_then(Result::ok), scenario, variant),
        |(table, rust, scenario, variant)| match (table, rust, variant) {
            (Some(table), Some(rust), Some(variant)) => Some(table.resolve(scenario, variant, rust)),
            _ => None,
        },
    )
}
