//! The page around the app: its URL and the browser's language.

use crate::model::i18n::Lang;

/// The query string the page was opened with, `?` included.
pub fn location_search() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
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
