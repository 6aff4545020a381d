//! What the page does when the Rust code panics. On wasm32 a panic aborts: the module traps right
//! after the hook returns and nothing of the app works any more. So the hook itself builds an
//! error panel, synchronously, from plain DOM calls and `textContent` (the message may contain
//! anything; it is never parsed as HTML). Its reload action is a link, not a wasm callback: it
//! must work when no Rust code can run.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

use crate::lesson::i18n::Both;

const PANEL_ID: &str = "panic-panel";
// In the wasm, not in the words files: the panel shows both languages, whatever came.
const TITLE: Both = Both { zh: "页面出错了", en: "Something went wrong" };
const EXPLAIN: Both = Both {
    zh: "程序遇到了一个错误，已经停止运行。重新加载页面会按当前网址恢复场景和参数。",
    en: "The page hit a bug and stopped working. Reloading restores the scenario and its values from the address.",
};
const RELOAD: Both = Both { zh: "重新加载", en: "Reload" };

/// Replaces Yew's default hook (which only logs) with one that also shows the panel.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        // Keeps the console's message and stack trace for whoever debugs it.
        console_error_panic_hook::hook(info);
        show_panel(&info.to_string());
    }));
}

/// Puts the panel at the top of the page and makes the dead app inert; the first panic is the
/// one shown, since later ones are usually its echoes (handlers calling into a trapped module).
fn show_panel(message: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    if document.get_element_by_id(PANEL_ID).is_some() {
        return Some(());
    }
    let body = document.body()?;
    // The app's nodes stay visible (its output may help a bug report) but cannot be used.
    let mut next = body.first_element_child();
    while let Some(element) = next {
        element.set_attribute("inert", "").ok()?;
        next = element.next_element_sibling();
    }
    let english_first = document
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .is_some_and(|lang| lang.starts_with("en"));
    // Both languages, the page's own first.
    let both = |text: Both| {
        if english_first {
            [(text.en, "en"), (text.zh, "zh-CN")]
        } else {
            [(text.zh, "zh-CN"), (text.en, "en")]
        }
    };

    let attributes = [("id", PANEL_ID), ("class", "panic"), ("role", "alert"), ("data-testid", "panic")];
    let panel = element(&document, "section", &attributes)?;
    for ((title, lang), (explanation, _)) in both(TITLE).into_iter().zip(both(EXPLAIN)) {
        child(&document, &panel, "h2", title, &[("lang", lang)])?;
        child(&document, &panel, "p", explanation, &[("lang", lang)])?;
    }
    child(&document, &panel, "pre", message, &[("data-testid", "panic-message")])?;
    // The address as the app last wrote it, so the reload keeps the state (`<base>` would turn
    // an empty href into the site's root).
    let here = web_sys::window()?.location().href().ok()?;
    let reload_label = both(RELOAD).map(|(label, _)| label).join(" · ");
    let attributes = [("href", here.as_str()), ("class", "panic-reload"), ("data-testid", "panic-reload")];
    let reload = child(&document, &panel, "a", &reload_label, &attributes)?;
    body.prepend_with_node_1(&panel).ok()?;
    reload.dyn_into::<web_sys::HtmlElement>().ok()?.focus().ok()
}

fn element(document: &Document, tag: &str, attributes: &[(&str, &str)]) -> Option<Element> {
    let element = document.create_element(tag).ok()?;
    for (name, value) in attributes {
        element.set_attribute(name, value).ok()?;
    }
    Some(element)
}

/// Appends a new element holding `content` as text.
fn child(
    document: &Document,
    parent: &Element,
    tag: &str,
    content: &str,
    attributes: &[(&str, &str)],
) -> Option<Element> {
    let element = element(document, tag, attributes)?;
    element.set_text_content(Some(content));
    parent.append_child(&element).ok()?;
    Some(element)
}

/// `?debug=panic`: panics on purpose once the app is up, so tests can see the panel. Only in
/// builds with debug assertions or the `debug-panic` feature: a shared link must not be able to
/// break the published page.
#[cfg(any(debug_assertions, feature = "debug-panic"))]
pub mod debug {
    /// Whether the page was opened with the switch. It is taken out of the address first, so that
    /// the app does not report it as an unknown parameter and the panel's reload comes back whole.
    fn take_switch() -> bool {
        let search = crate::web::page::location_search();
        let pairs: Vec<&str> = search.trim_start_matches('?').split('&').filter(|p| !p.is_empty()).collect();
        let rest: Vec<&str> = pairs.iter().copied().filter(|p| *p != "debug=panic").collect();
        if rest.len() == pairs.len() {
            return false;
        }
        crate::web::page::replace_query(&rest.join("&"));
        true
    }

    /// With the switch, panics from a timer (as a bug in a callback would) once the app is up.
    pub fn arm() {
        if take_switch() {
            let panic = || panic!("debug=panic: a panic on purpose, to test the error panel");
            gloo_timers::callback::Timeout::new(0, panic).forget();
        }
    }
}
