//! The page around the app: its URL, the browser's language, the colour theme and projector mode
//! (with its keyboard shortcuts), element sizes, focus and the pointer, the clipboard and downloads.

use std::cell::Cell;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{DomRect, Element, ResizeObserver};

use crate::lesson::i18n::{Both, Lang};
use crate::model::shortcuts::Shortcut;
use crate::model::url::Theme;

/// The query string the page was opened with, `?` included.
pub fn location_search() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// The page's address without its query: what a shared link starts with.
pub fn address() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return String::new() };
    format!("{}{}", location.origin().unwrap_or_default(), location.pathname().unwrap_or_default())
}

/// The absolute address of a file served beside the page (under trunk's public URL).
pub fn beside_page(file: &str) -> String {
    let base = web_sys::window().and_then(|w| w.document()).and_then(|d| d.base_uri().ok().flatten());
    let base = base.unwrap_or_else(address);
    format!("{}{file}", &base[..base.rfind('/').map_or(0, |i| i + 1)])
}

// `timelinePng` is JavaScript, not web-sys calls from Rust, for the first load's weight: its dozen
// browser calls in a row, as Rust imports with their glue, weighed 1.9 KiB more gzip (scripts/bench
// size). It shares the snippet file of `importModule`, so the page fetches no file more.
#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
export function importModule(url) { return import(url); }
export async function timelinePng(svg, name) {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  const image = new Image();
  image.src = url;
  try { await image.decode(); } finally { URL.revokeObjectURL(url); }
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth * 2;
  canvas.height = image.naturalHeight * 2;
  canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
  const png = await new Promise((done) => canvas.toBlob(done, 'image/png'));
  if (!png) throw new Error(`a ${canvas.width}×${canvas.height} canvas could not be encoded`);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(png);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);
}
"#)]
extern "C" {
    /// `import(url)`: a module loaded when it is first needed.
    #[wasm_bindgen(js_name = importModule)]
    fn import_module(url: &str) -> js_sys::Promise;

    /// Offers the SVG document `svg` as a PNG named `name`, drawn at twice its size: an image of
    /// it from a Blob URL, drawn onto a canvas, which encodes it. The URL of the PNG is revoked a
    /// minute later: revoked at once, some browsers would cancel the download.
    #[wasm_bindgen(js_name = timelinePng)]
    fn timeline_png(svg: &str, name: &str) -> js_sys::Promise;
}

/// Imports the JavaScript module `file` (a path beside the page, as `editor/editor.js`): for what
/// loads only when a learner first needs it.
pub async fn import_beside_page(file: &str) -> Result<wasm_bindgen::JsValue, String> {
    let url = beside_page(file);
    wasm_bindgen_futures::JsFuture::from(import_module(&url))
        .await
        .map_err(|e| format!("{url} could not be loaded: {e:?}"))
}

/// Puts the state in the address bar without adding a history entry.
pub fn replace_query(query: &str) {
    let Some(window) = web_sys::window() else { return };
    let Ok(history) = window.history() else { return };
    let path = window.location().pathname().unwrap_or_default();
    let url = format!("{path}?{query}");
    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
}

/// Whether the page is phone-narrow, where the lesson list starts folded away.
pub fn is_narrow() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(max-width: 900px)").ok().flatten())
        .is_some_and(|query| query.matches())
}

pub fn browser_lang() -> Lang {
    let tag = web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default();
    Lang::from_browser(&tag)
}

/// Marks the document's language, for screen readers and fonts.
pub fn set_document_lang(lang: Lang) {
    let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    if let Some(element) = element {
        let _ = element.set_attribute("lang", if lang == Lang::Zh { "zh-CN" } else { "en" });
    }
}

/// Whether the system asks for dark colours: what the page follows when no theme is forced.
pub fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|query| query.matches())
}

/// Sets (or removes) an attribute of `<html>`, which the stylesheet reads.
fn set_root_attribute(name: &str, value: Option<&str>) {
    let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    if let Some(element) = element {
        let _ = match value {
            Some(value) => element.set_attribute(name, value),
            None => element.remove_attribute(name),
        };
    }
}

/// Forces a theme with `data-theme` on `<html>` (the stylesheet's custom properties switch on
/// it), or leaves the colours to the system's preference.
pub fn set_theme(theme: Option<Theme>) {
    set_root_attribute("data-theme", theme.map(Theme::code));
}

/// Marks projector mode with `data-projector` on `<html>`: there the stylesheet's `rem`s, and so
/// all of its type, are larger, and its colours stronger.
pub fn set_projector(on: bool) {
    set_root_attribute("data-projector", on.then_some("1"));
}

/// Hears projector mode's shortcuts on the whole page for as long as it is kept.
pub struct ShortcutListener {
    target: web_sys::Document,
    closure: Closure<dyn FnMut(web_sys::KeyboardEvent)>,
}

impl Drop for ShortcutListener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback("keydown", self.closure.as_ref().unchecked_ref());
    }
}

/// Whether a key goes into what has focus: a field, a list, the editor (contenteditable). A
/// shortcut never takes a key typed there, nor one that an element has handled (the code's
/// numbers step with the arrow keys).
fn typed(event: &web_sys::KeyboardEvent) -> bool {
    // The element itself, inside a shadow root too: the editor lives in one, and the event's
    // target, seen from the page, is the root's host.
    let target = event.composed_path().get(0).dyn_into::<web_sys::HtmlElement>().ok();
    event.default_prevented()
        || target.is_some_and(|element| {
            element.is_content_editable() || matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        })
}

/// Calls `on_shortcut` for each shortcut key pressed on the page, except a key typed into a field
/// or the editor, one held with Ctrl, Alt or Meta (the browser's and the system's own shortcuts),
/// and the repeats of a held key that does not repeat (`Shortcut::repeats`).
pub fn listen_shortcuts(on_shortcut: impl Fn(Shortcut) + 'static) -> Option<ShortcutListener> {
    let target = web_sys::window()?.document()?;
    let closure = Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(move |event: web_sys::KeyboardEvent| {
        if event.ctrl_key() || event.alt_key() || event.meta_key() || typed(&event) {
            return;
        }
        let Some(shortcut) = Shortcut::of_key(&event.key()) else { return };
        if event.repeat() && !shortcut.repeats() {
            return;
        }
        // The arrows would scroll the page sideways too.
        event.prevent_default();
        on_shortcut(shortcut);
    });
    target.add_event_listener_with_callback("keydown", closure.as_ref().unchecked_ref()).ok()?;
    Some(ShortcutListener { target, closure })
}

/// Watches one measure of an element for as long as it is kept.
pub struct SizeWatcher {
    observer: ResizeObserver,
    _closure: Closure<dyn FnMut()>,
}

impl Drop for SizeWatcher {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Calls `on_change` with `measure` of the element's box, rounded up to whole CSS pixels, at its
/// first layout and then whenever that measure changes.
pub fn watch_size(
    element: &Element,
    measure: fn(&DomRect) -> f64,
    on_change: impl Fn(f64) + 'static,
) -> Option<SizeWatcher> {
    let measured = element.clone();
    let last = Cell::new(f64::NAN);
    let closure = Closure::<dyn FnMut()>::new(move || {
        let value = measure(&measured.get_bounding_client_rect()).ceil();
        if value != last.get() {
            last.set(value);
            on_change(value);
        }
    });
    let observer = ResizeObserver::new(closure.as_ref().unchecked_ref()).ok()?;
    observer.observe(element);
    Some(SizeWatcher { observer, _closure: closure })
}

/// Puts `text` on the clipboard. `Err` when there is no clipboard (an insecure page) or the
/// browser refuses; the caller then offers the text to copy by hand.
pub async fn copy_text(text: &str) -> Result<(), ()> {
    let navigator = web_sys::window().ok_or(())?.navigator();
    // Looked up rather than called through web-sys: on an http page `clipboard` is undefined.
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).map_err(drop)?;
    let write =
        js_sys::Reflect::get(&clipboard, &"writeText".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let promise = write.ok_or(())?.call1(&clipboard, &text.into()).map_err(drop)?;
    let promise = promise.dyn_into::<js_sys::Promise>().map_err(drop)?;
    wasm_bindgen_futures::JsFuture::from(promise).await.map(drop).map_err(drop)
}

/// Moves focus `step` entries (1 down, -1 up, wrapping) along the elements `selector` matches,
/// from the one focused now, or to the first if none of them is.
pub fn focus_along(selector: &str, step: i32) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(entries) = document.query_selector_all(selector) else { return };
    let focused = document.active_element();
    let count = entries.length() as i32;
    let current = (0..count).find(|i| {
        entries.item(*i as u32).zip(focused.clone()).is_some_and(|(node, f)| {
            let element: &web_sys::Node = f.as_ref();
            node.is_same_node(Some(element))
        })
    });
    let next = current.map_or(0, |i| (i + step).rem_euclid(count.max(1)));
    if let Some(element) = entries.item(next as u32).and_then(|node| node.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// Where the pointer is across the box of the element behind `node`: 0 at its left edge, 1 at
/// its right edge (beyond them while a drag goes on outside it).
pub fn pointer_across(node: &yew::NodeRef, event: &web_sys::PointerEvent) -> Option<f64> {
    let rect = node.cast::<Element>()?.get_bounding_client_rect();
    Some((f64::from(event.client_x()) - rect.left()) / rect.width().max(1.0))
}

/// Sends the pointer's next events to the element behind `node` until the pointer is released,
/// so that a drag goes on when the pointer leaves it.
pub fn capture_pointer(node: &yew::NodeRef, event: &web_sys::PointerEvent) {
    if let Some(element) = node.cast::<Element>() {
        let _ = element.set_pointer_capture(event.pointer_id());
    }
}

/// A `data:` URL holding `text`: what a download link offers when the text is not a file the
/// site serves (a program with the values in force).
pub fn data_url(mime: &str, text: &str) -> String {
    format!("data:{mime};charset=utf-8,{}", String::from(js_sys::encode_uri_component(text)))
}

/// Offers `text` as a file named `name` to download (a link to it, clicked).
pub fn download(name: &str, mime: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(link) = document.create_element("a") else { return };
    let _ = link.set_attribute("href", &data_url(mime, text));
    let _ = link.set_attribute("download", name);
    if let Ok(link) = link.dyn_into::<web_sys::HtmlElement>() {
        link.click();
    }
}

/// Offers the SVG document `svg` as a PNG named `name`, drawn at twice its size so that it stays
/// sharp on a slide (`timelinePng`; the page's Content-Security-Policy allows `blob:` images for
/// it, scripts/csp-hash). `Err`: why it could not be made.
pub async fn download_png(name: &str, svg: &str) -> Result<(), String> {
    wasm_bindgen_futures::JsFuture::from(timeline_png(svg, name)).await.map(drop).map_err(|error| {
        error.dyn_ref::<js_sys::Error>().map_or_else(|| format!("{error:?}"), |e| String::from(e.message()))
    })
}

/// A value as JSON text, through the browser's own `JSON.stringify`.
pub fn json(value: &impl serde::Serialize) -> Option<String> {
    let plain = serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true).serialize_maps_as_objects(true);
    let object = value.serialize(&plain).ok()?;
    js_sys::JSON::stringify(&object).ok().and_then(|text| text.as_string())
}

/// Starts dragging a list item: what it carries (Firefox drags nothing without it) and that a
/// drop moves it.
pub fn start_drag(event: &web_sys::DragEvent, text: &str) {
    if let Some(data) = event.data_transfer() {
        let _ = data.set_data("text/plain", text);
        data.set_effect_allowed("move");
    }
}

/// Moves focus to the element with this id (a parameter's field), scrolled into view.
pub fn focus_by_id(id: &str) {
    let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
    if let Some(element) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        element.scroll_into_view_with_bool(false);
        let _ = element.focus();
    }
}

/// Sends the pointer's next events to the element it went down on, until it is released.
pub fn capture_pointer_at_target(event: &web_sys::PointerEvent) {
    if let Some(element) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) {
        let _ = element.set_pointer_capture(event.pointer_id());
    }
}

/// Resolves at the next animation frame, before the browser lays it out and paints it.
pub(crate) async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let painted = Closure::once_into_js(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        });
        if let Some(window) = web_sys::window() {
            let _ = window.request_animation_frame(painted.unchecked_ref());
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves once what the page changed has been drawn: after the next animation frame, once the
/// browser has laid it out and painted it.
pub async fn painted() {
    next_frame().await;
    gloo_timers::future::TimeoutFuture::new(0).await;
}

/// Fetches the lesson's notice before the page is first drawn (waiting 500 ms at most). It sits
/// above the controls: drawn without it, the page moved them down by its lines when it came (48 to
/// 72 px, a layout shift), under a pointer about to press Run, and a click meant for Run landed
/// on a field (WebKit's WebDriver did, one load in four). An embed and projector mode show no
/// notice.
pub async fn notice_first(url: &crate::model::url::UrlState) {
    if url.embed || url.projector {
        return;
    }
    let lang = url.lang.unwrap_or_else(browser_lang);
    super::sources::fetch_first(url.scenario.notice.get(lang).path, 500).await;
}

/// Brings the words of the page's language in before the page is first drawn; false if they
/// never came.
pub async fn words_first(url: &crate::model::url::UrlState) -> bool {
    super::words::fetch(url.lang.unwrap_or_else(browser_lang)).await.is_ok()
}

/// Brings the linked lesson's programs in before the page is first drawn (`web::parts`): its
/// predictions run them at once. Tries three times; false if they never came.
pub async fn lesson_first(url: &crate::model::url::UrlState) -> bool {
    for attempt in 0..3 {
        if attempt > 0 {
            gloo_timers::future::TimeoutFuture::new(500 * attempt).await;
        }
        if super::parts::load_lesson(url.scenario).await.is_ok() {
            return true;
        }
    }
    false
}

/// Said when the page's words could not be fetched: in the wasm, since the words did not come.
const WORDS_FAILED: Both = Both {
    zh: "页面的文字没能加载（网络断了？）。",
    en: "The page's words did not load (is the network down?).",
};
const TRY_AGAIN: Both = Both { zh: "重试", en: "Try again" };

/// In place of the app when the lesson's code or the page's words could not be fetched: what
/// happened, and a link that loads the page again.
pub fn show_load_failed(url: &crate::model::url::UrlState) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = document.body() else { return };
    let lang = url.lang.unwrap_or_else(browser_lang);
    let ui = &crate::model::ui_text::UI;
    let (text, again) = if crate::lesson::words::loaded(lang) {
        (ui.lesson_failed.get(lang), ui.part_retry.get(lang))
    } else {
        (WORDS_FAILED.get(lang), TRY_AGAIN.get(lang))
    };
    if let (Ok(p), Ok(a)) = (document.create_element("p"), document.create_element("a")) {
        p.set_class_name("load-failed");
        p.set_attribute("role", "alert").ok();
        p.set_attribute("data-testid", "lesson-failed").ok();
        p.set_text_content(Some(&format!("{text} ")));
        a.set_text_content(Some(again));
        a.set_attribute("href", &web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default()).ok();
        p.append_child(&a).ok();
        body.append_child(&p).ok();
    }
}

/// Resolves once the page has settled and can keep time: its fonts are in, the files its first
/// view fetches (the lesson's code, its notice) and the parts it draws after the first drawing (the
/// code view, `web::parts`) have arrived, the frames that draw them have been
/// painted, and then short timers fire on time. A run started earlier shares the page's thread with
/// that start-up work and its first timers fire late (the first run of an autorun link, the one an
/// embedded tutorial shows). Gives up waiting after two seconds.
pub async fn settled() {
    if is_settled() {
        return;
    }
    let fonts = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| js_sys::Reflect::get(&d, &"fonts".into()).ok())
        .and_then(|fonts| js_sys::Reflect::get(&fonts, &"ready".into()).ok())
        .and_then(|ready| ready.dyn_into::<js_sys::Promise>().ok());
    if let Some(ready) = fonts {
        let _ = wasm_bindgen_futures::JsFuture::from(ready).await;
    }
    let started = super::clock::performance_now();
    next_frame().await;
    while loading() && super::clock::performance_now() - started < 2000.0 {
        next_frame().await;
    }
    // The frames that highlight and lay out what arrived.
    next_frame().await;
    next_frame().await;
    // Then until timers keep time: an engine may still be busy with start-up work of its own
    // (WebKit's first timers come late for a while after the page has painted). A short timer is
    // probed until two in a row fire within PROBE_SLACK_MS of their deadline.
    const PROBE_MS: u32 = 10;
    const PROBE_SLACK_MS: f64 = 2.0;
    let mut on_time = 0;
    while on_time < 2 && super::clock::performance_now() - started < 2000.0 {
        let before = super::clock::performance_now();
        gloo_timers::future::TimeoutFuture::new(PROBE_MS).await;
        let late = super::clock::performance_now() - before - f64::from(PROBE_MS);
        on_time = if late <= PROBE_SLACK_MS { on_time + 1 } else { 0 };
    }
    SETTLED_ONCE.with(|once| once.set(true));
}

thread_local! {
    /// Whether the page has settled since it loaded.
    static SETTLED_ONCE: Cell<bool> = const { Cell::new(false) };
}

/// Whether a run may start at once: the page has settled since it loaded, and no file it shows
/// is coming in now (another lesson's, say).
pub fn is_settled() -> bool {
    SETTLED_ONCE.with(Cell::get) && !loading()
}

/// Whether a file the page shows, or a part of it, is coming in now.
fn loading() -> bool {
    super::sources::fetches_in_flight() > 0 || super::parts::parts_in_flight() > 0
}
