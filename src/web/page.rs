//! The page around the app: its URL, the browser's language and the colour theme.

use std::cell::Cell;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{DomRect, Element, ResizeObserver};

use crate::model::i18n::Lang;
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

/// Forces a theme with `data-theme` on `<html>` (the stylesheet's custom properties switch on
/// it), or leaves the colours to the system's preference.
pub fn set_theme(theme: Option<Theme>) {
    let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    if let Some(element) = element {
        let _ = match theme {
            Some(theme) => element.set_attribute("data-theme", theme.code()),
            None => element.remove_attribute("data-theme"),
        };
    }
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
