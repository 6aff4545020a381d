//! The embed API in the browser: events posted to the embedding page, its commands heard, the
//! document's height watched. The messages themselves
//! are written and read as JSON by `model::embed_api`; here they only become objects and back.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DomRect, MessageEvent, Window};

use super::page::{watch_size, SizeWatcher};
use crate::model::embed_api::{parse_message, Incoming, Rejection};

/// Where events go and commands may come from: the embedding page, or the page itself when it
/// is not in a frame (a top-level window is its own parent).
fn counterpart(window: &Window) -> Window {
    window.parent().ok().flatten().unwrap_or_else(|| window.clone())
}

/// Posts one event, given as JSON, as a plain object. The target origin is `*`: the events say
/// nothing private, and a tutorial may live on any site.
pub fn post(json: &str) {
    let Some(window) = web_sys::window() else { return };
    if let Ok(message) = js_sys::JSON::parse(json) {
        let _ = counterpart(&window).post_message(&message, "*");
    }
}

pub fn warn(text: &str) {
    web_sys::console::warn_1(&JsValue::from_str(text));
}

/// Hears the embedding page's messages for as long as it is kept.
pub struct MessageListener {
    window: Window,
    closure: Closure<dyn FnMut(MessageEvent)>,
}

impl Drop for MessageListener {
    fn drop(&mut self) {
        let _ = self.window.remove_event_listener_with_callback("message", self.closure.as_ref().unchecked_ref());
    }
}

/// Calls `on_message` with each message read (or why it was refused). Only the embedding page,
/// or this page itself, is listened to.
pub fn listen(on_message: impl Fn(Result<Incoming, Rejection>) + 'static) -> Option<MessageListener> {
    let window = web_sys::window()?;
    let accepted = counterpart(&window);
    let closure = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        if !event.source().is_some_and(|source| js_sys::Object::is(&source, &accepted)) {
            return on_message(Err(Rejection::ForeignWindow));
        }
        // Structured-clone data read back as JSON; what has no JSON form is not a command.
        let json = js_sys::JSON::stringify(&event.data()).ok().and_then(|s| s.as_string());
        on_message(json.map_or(Err(Rejection::NotAnObject), |json| parse_message(&json)));
    });
    window.add_event_listener_with_callback("message", closure.as_ref().unchecked_ref()).ok()?;
    Some(MessageListener { window, closure })
}

/// Calls `on_height` with the document's height in whole CSS pixels (rounded up, so a frame of
/// that height never scrolls), once at first layout and then whenever it changes.
pub fn watch_height(on_height: impl Fn(f64) + 'static) -> Option<SizeWatcher> {
    let root = web_sys::window()?.document()?.document_element()?;
    watch_size(&root, DomRect::height, on_height)
}
