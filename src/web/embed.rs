//! The embed API in the browser: events posted to the embedding page, its commands heard, the
//! document's height watched. The messages are plain data in `model::embed_api`; here they
//! become the page's objects and back (serde-wasm-bindgen).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DomRect, MessageEvent, Window};

use super::page::{watch_size, SizeWatcher};
use super::parts::{load_reader, Reader};
use crate::model::embed_api::{is_own_event, parse_message, Event, Incoming, Message, Rejection};

/// Where events go and commands may come from: the embedding page, or the page itself when it
/// is not in a frame (a top-level window is its own parent).
fn counterpart(window: &Window) -> Window {
    window.parent().ok().flatten().unwrap_or_else(|| window.clone())
}

/// Posts one event as a plain object (`null` where a field has no value, never `undefined`). The
/// target origin is `*`: the events say nothing private, and a tutorial may live on any site.
pub fn post(event: &Event) {
    let Some(window) = web_sys::window() else { return };
    let objects = serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true).serialize_maps_as_objects(true);
    match serde::Serialize::serialize(&event.posted(), &objects) {
        Ok(message) => drop(counterpart(&window).post_message(&message, "*")),
        Err(error) => warn(&format!("coroutine-playground: an event could not be posted: {error}")),
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

/// Calls `on_message` with each message read (or why it was refused), in the order they came.
/// Only the embedding page, or this page itself, is listened to.
///
/// The code that reads a command ([`read_message`]) is fetched with the first one (`web::parts`):
/// most pages are never sent any. Commands that come meanwhile wait for it; if it cannot be
/// fetched, each is refused as not read, and the next one tries again.
pub fn listen(on_message: impl Fn(Result<Incoming, Rejection>) + 'static) -> Option<MessageListener> {
    let window = web_sys::window()?;
    let accepted = counterpart(&window);
    let on_message: Rc<dyn Fn(Result<Incoming, Rejection>)> = Rc::new(on_message);
    // The commands come while the reader is on its way, in order; `None` when it is not.
    let waiting: Rc<RefCell<Option<Vec<JsValue>>>> = Rc::default();
    let closure = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        if !event.source().is_some_and(|source| js_sys::Object::is(&source, &accepted)) {
            return on_message(Err(Rejection::ForeignWindow));
        }
        let data = event.data();
        // The page's own events, which a page that is not embedded posts to itself, are told
        // apart without the reader.
        let text = |key: &str| js_sys::Reflect::get(&data, &key.into()).ok().and_then(|v| v.as_string());
        if data.is_object() && is_own_event(text("source").as_deref(), text("type").as_deref().unwrap_or_default()) {
            return on_message(Ok(Incoming::OwnEvent));
        }
        if let (Some(reader), None) = (READER.get(), &*waiting.borrow()) {
            return on_message((reader.read)(data));
        }
        let first = {
            let mut waiting = waiting.borrow_mut();
            let queue = waiting.get_or_insert_with(Vec::new);
            queue.push(data);
            queue.len() == 1
        };
        if first {
            let (waiting, on_message) = (waiting.clone(), on_message.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let reader = load_reader().await.ok();
                READER.set(reader);
                for data in waiting.take().unwrap_or_default() {
                    on_message(reader.map_or(Err(Rejection::NotRead), |reader| (reader.read)(data)));
                }
            });
        }
    });
    window.add_event_listener_with_callback("message", closure.as_ref().unchecked_ref()).ok()?;
    Some(MessageListener { window, closure })
}

thread_local! {
    /// [`read_message`] and the answers' code, once in.
    static READER: Cell<Option<Reader>> = const { Cell::new(None) };
}

/// The commands' code, once the first command has brought it in: a command that asks for an
/// answer was read with it.
pub fn reader() -> Option<Reader> {
    READER.get()
}

/// The commands' code as the reader's split point hands it on (`src/main.rs`).
pub const COMMANDS: Reader =
    Reader { read: read_message, export: crate::state::exported_trace, inspect: crate::model::inspector::turn_view };

/// Reads a posted message's data: anything that is not an object is not a command. Values the
/// command does not read are skipped without being descended into, however deep. Its split
/// point hands it on (`src/main.rs`).
pub fn read_message(data: JsValue) -> Result<Incoming, Rejection> {
    parse_message(serde_wasm_bindgen::from_value::<Message>(data).ok())
}

/// Calls `on_height` with the document's height in whole CSS pixels (rounded up, so a frame of
/// that height never scrolls), once at first layout and then whenever it changes.
pub fn watch_height(on_height: impl Fn(f64) + 'static) -> Option<SizeWatcher> {
    let root = web_sys::window()?.document()?.document_element()?;
    watch_size(&root, DomRect::height, on_height)
}
