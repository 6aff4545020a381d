//! Syntax highlighting by Prism (from npm, copied beside the app by index.html, and loaded by
//! [`load_prism`] with the first part that highlights): code in, escaped HTML out; and the code
//! view's work on its `<pre>`: the highlighted HTML put in, the line marks placed, the first
//! marked line scrolled into view.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::{hook, use_effect_with, use_mut_ref, AttrValue, NodeRef};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Prism, js_name = highlight, catch)]
    fn prism_highlight(code: &str, grammar: &JsValue, language: &str) -> Result<String, JsValue>;
}

/// Prism's scripts, in the order they must run: the core (told by `data-manual` to highlight only
/// what it is asked to), then the grammars, which add themselves to it.
const PRISM: [&str; 3] = ["prism/prism-core.min.js", "prism/prism-python.min.js", "prism/prism-rust.min.js"];

thread_local! {
    /// Prism's scripts loading, or loaded: added to the page once.
    static PRISM_LOADED: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
}

/// Starts loading Prism, the first time: the future resolves when its scripts have run, or one of
/// them failed to come (the code is then shown as plain text). Only the parts below the first
/// drawing highlight (`web::parts`), so Prism is not part of the first load.
pub fn load_prism() -> JsFuture {
    JsFuture::from(PRISM_LOADED.with_borrow_mut(|loaded| loaded.get_or_insert_with(|| add_scripts(&PRISM)).clone()))
}

/// Adds `scripts` to the page's head, to run in this order (`async = false`): settled once all
/// have loaded, or any has failed.
fn add_scripts(scripts: &[&str]) -> js_sys::Promise {
    let loads = js_sys::Array::new();
    let head = web_sys::window().and_then(|w| w.document()).and_then(|d| Some((d.head()?, d)));
    if let Some((head, document)) = head {
        for (i, src) in scripts.iter().enumerate() {
            let Ok(script) = document.create_element("script") else { break };
            let _ = script.set_attribute("src", src);
            if i == 0 {
                let _ = script.set_attribute("data-manual", "");
            }
            // A script added by code runs as soon as it is in, unless told to keep its place.
            let _ = js_sys::Reflect::set(&script, &"async".into(), &false.into());
            loads.push(&js_sys::Promise::new(&mut |resolve, reject| {
                let _ = script.add_event_listener_with_callback("load", &resolve);
                let _ = script.add_event_listener_with_callback("error", &reject);
            }));
            let _ = head.append_child(&script);
        }
    }
    js_sys::Promise::all(&loads)
}

/// The code as highlighted HTML, or `None` if Prism or the grammar is not there (the caller
/// then shows plain text). Prism escapes the code itself, so the result is safe to insert.
pub fn highlight(code: &str, language: &str) -> Option<String> {
    let prism = js_sys::Reflect::get(&js_sys::global(), &"Prism".into()).ok()?;
    let languages = js_sys::Reflect::get(&prism, &"languages".into()).ok()?;
    let grammar = js_sys::Reflect::get(&languages, &language.into()).ok()?;
    if grammar.is_undefined() {
        return None;
    }
    prism_highlight(code, &grammar, language).ok()
}

/// Puts the highlighted `code` into the element behind `code_ref` whenever the code changes; the
/// element keeps the plain text its component rendered if Prism is not there.
#[hook]
pub fn use_highlight(code_ref: &NodeRef, code: &AttrValue, language: &'static str) {
    let code_ref = code_ref.clone();
    use_effect_with((code.clone(), language), move |(code, language)| {
        if let (Some(element), Some(html)) = (code_ref.cast::<web_sys::Element>(), highlight(code, language)) {
            element.set_inner_html(&html);
        }
    });
}

/// Places each `.code-mark` inside the `<pre>` behind `pre_ref` at its `data-line` (and each
/// `.literal` at its line and column), whenever they change, and scrolls the pre (not the page) to
/// the first marked line if it is out of view.
#[hook]
pub fn use_line_marks(pre_ref: &NodeRef, lines: Vec<u32>, literals: Vec<(u32, usize, usize)>) {
    let pre_ref = pre_ref.clone();
    // The first marked line to scroll to at the next frame, if one is due. Reading where a line is
    // lays the page out there and then; in the middle of a run's turn of the browser's loop that
    // held up its next timers (queue-workers at x20: 50 ms of its 6 s run), so it is read once a
    // frame at most, when the browser lays the page out anyway, and only for a new first line.
    let due = use_mut_ref(|| Rc::new(Cell::new(None::<u32>)));
    let scrolled_to = use_mut_ref(|| None::<u32>);
    let due = due.borrow().clone();
    use_effect_with((lines, literals), move |(lines, _)| {
        let Some(pre) = pre_ref.cast::<web_sys::HtmlElement>() else { return };
        place_marks(&pre);
        let first = lines.first().copied();
        if first == scrolled_to.replace(first) {
            return;
        }
        let Some(line) = first else { return };
        if due.replace(Some(line)).is_none() {
            wasm_bindgen_futures::spawn_local(async move {
                super::page::next_frame().await;
                if let Some(line) = due.take() {
                    scroll_to_line(&pre, line);
                }
            });
        }
    });
}

/// Moves each mark to its line, and each editable literal to its line and column. Through the
/// CSSOM: the page's CSP refuses `style` attributes.
fn place_marks(pre: &web_sys::HtmlElement) {
    let Ok(marks) = pre.query_selector_all(".code-mark, .literal") else { return };
    for index in 0..marks.length() {
        let Some(mark) = marks.item(index).and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok()) else { continue };
        let data = mark.dataset();
        let line: u32 = data.get("line").and_then(|l| l.parse().ok()).unwrap_or(1);
        let _ = mark.style().set_property("--line", &(line - 1).to_string());
        for (key, property) in [("column", "--column"), ("width", "--width")] {
            if let Some(value) = data.get(key) {
                let _ = mark.style().set_property(property, &value);
            }
        }
    }
}

/// Scrolls the pre (not the page) so that `line` is in view, a few lines from the top, if it is not.
fn scroll_to_line(pre: &web_sys::HtmlElement, line: u32) {
    let Some(mark) = pre.query_selector(&format!(".code-mark[data-line='{line}']")).ok().flatten() else { return };
    let Ok(mark) = mark.dyn_into::<web_sys::HtmlElement>() else { return };
    let (top, height, view) = (mark.offset_top(), mark.offset_height(), pre.client_height());
    if top < pre.scroll_top() || top + height > pre.scroll_top() + view {
        pre.set_scroll_top((top - 3 * height).max(0));
    }
}
