//! The edit mode's code editor: CodeMirror 6 (`static/editor/editor.mjs`, bundled into
//! `editor/editor.js`), imported the first time a learner presses Edit, never in the first load.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::model::own_values::{OwnKind, OwnValue};
use crate::web::page::import_beside_page;

thread_local! {
    static MODULE: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

async fn editor_module() -> Result<JsValue, String> {
    if let Some(module) = MODULE.with(|m| m.borrow().clone()) {
        return Ok(module);
    }
    let module = import_beside_page("editor/editor.js").await?;
    MODULE.with(|m| *m.borrow_mut() = Some(module.clone()));
    Ok(module)
}

fn call(handle: &JsValue, method: &str, arg: &JsValue) {
    if let Ok(function) = js_sys::Reflect::get(handle, &method.into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
        let _ = function.call1(handle, arg);
    }
}

/// Where the editor is.
#[derive(Clone, Debug, PartialEq)]
pub enum EditorState {
    Loading,
    Ready,
    Failed(String),
}

/// Tasks at a line of the editor: the line (from 1), their names as shown, and the words a screen
/// reader says.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskMark {
    pub line: u32,
    pub names: String,
    pub label: String,
}

/// One of the program's tunable numbers as the editor reports it (`tunableNumbers`).
fn own_value(item: &JsValue) -> Option<OwnValue> {
    let get = |key: &str| js_sys::Reflect::get(item, &key.into()).ok();
    let number = |key: &str| get(key).and_then(|v| v.as_f64()).map(|n| n as u32);
    let kind = match get("kind")?.as_string()?.as_str() {
        "constant" => OwnKind::Constant,
        "sleep" => OwnKind::Sleep,
        _ => return None,
    };
    Some(OwnValue {
        kind,
        name: get("name")?.as_string()?,
        line: number("line")?,
        from: number("from")?,
        to: number("to")?,
        text: get("text")?.as_string()?,
    })
}

/// What the page tells the editor and hears from it.
pub struct EditorSetup {
    /// Its text, kept in step when it changes from outside (as on Reset).
    pub text: String,
    /// Hears every edit.
    pub on_change: Callback<String>,
    /// Hears the program's tunable numbers whenever they change.
    pub on_numbers: Callback<Vec<OwnValue>>,
    /// The line (from 1) of CPython's error, marked.
    pub error_line: Option<u32>,
    /// Where the tasks are, marked.
    pub marks: Vec<TaskMark>,
    /// Its name for assistive technology.
    pub label: &'static str,
}

/// An editor in `node` (see [`EditorSetup`]); also returns a callback that writes a number over
/// `from..to` of the text (a field changed it).
#[hook]
pub fn use_editor(node: &NodeRef, props: EditorSetup) -> (EditorState, Callback<(u32, u32, String)>) {
    let EditorSetup { text, on_change, on_numbers, error_line, marks, label } = props;
    let state = use_state(|| EditorState::Loading);
    let handle = use_mut_ref(|| None::<JsValue>);
    // Kept alive as long as the editor calls them.
    type Listeners = (Closure<dyn FnMut(String)>, Closure<dyn FnMut(JsValue)>);
    let listener = use_mut_ref(|| None::<Listeners>);
    {
        let (node, state, handle, listener, text) =
            (node.clone(), state.clone(), handle.clone(), listener.clone(), text.clone());
        use_effect_with((), move |_| {
            let mounted = Rc::new(std::cell::Cell::new(true));
            let alive = mounted.clone();
            let (handle_in, listener_in) = (handle.clone(), listener.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let module = editor_module().await;
                let Some(parent) = node.get() else { return };
                if !alive.get() {
                    return;
                }
                let created = module.and_then(|module| {
                    let create: js_sys::Function = js_sys::Reflect::get(&module, &"createEditor".into())
                        .ok()
                        .and_then(|f| f.dyn_into().ok())
                        .ok_or("the editor module has no createEditor")?;
                    let changed = Closure::<dyn FnMut(String)>::new(move |text: String| on_change.emit(text));
                    let numbers = Closure::<dyn FnMut(JsValue)>::new(move |list: JsValue| {
                        let list: js_sys::Array = list.unchecked_into();
                        on_numbers.emit(list.iter().filter_map(|item| own_value(&item)).collect());
                    });
                    let args =
                        js_sys::Array::of5(&parent, &text.into(), changed.as_ref(), &label.into(), numbers.as_ref());
                    let editor = create.apply(&JsValue::NULL, &args).map_err(|e| format!("{e:?}"))?;
                    *listener_in.borrow_mut() = Some((changed, numbers));
                    Ok::<JsValue, String>(editor)
                });
                match created {
                    Ok(editor) => {
                        *handle_in.borrow_mut() = Some(editor);
                        state.set(EditorState::Ready);
                    }
                    Err(error) => state.set(EditorState::Failed(error)),
                }
            });
            move || {
                mounted.set(false);
                if let Some(editor) = handle.borrow_mut().take() {
                    call(&editor, "destroy", &JsValue::UNDEFINED);
                }
                listener.borrow_mut().take();
            }
        });
    }
    {
        let handle = handle.clone();
        use_effect_with((text, (*state).clone()), move |(text, _)| {
            if let Some(editor) = handle.borrow().as_ref() {
                call(editor, "setText", &text.into());
            }
        });
    }
    {
        let handle = handle.clone();
        use_effect_with((error_line, (*state).clone()), move |(line, _)| {
            if let Some(editor) = handle.borrow().as_ref() {
                call(editor, "markError", &line.unwrap_or(0).into());
            }
        });
    }
    {
        let handle = handle.clone();
        use_effect_with((marks, (*state).clone()), move |(marks, _)| {
            if let Some(editor) = handle.borrow().as_ref() {
                let list = js_sys::Array::new();
                for mark in marks {
                    let object = js_sys::Object::new();
                    for (key, value) in [
                        ("line", JsValue::from(mark.line)),
                        ("names", mark.names.as_str().into()),
                        ("label", mark.label.as_str().into()),
                    ] {
                        let _ = js_sys::Reflect::set(&object, &key.into(), &value);
                    }
                    list.push(&object);
                }
                call(editor, "markTasks", &list);
            }
        });
    }
    let set_number = Callback::from(move |(from, to, text): (u32, u32, String)| {
        if let Some(editor) = handle.borrow().as_ref() {
            if let Ok(function) =
                js_sys::Reflect::get(editor, &"setNumber".into()).and_then(|f| f.dyn_into::<js_sys::Function>())
            {
                let _ = function.call3(editor, &from.into(), &to.into(), &text.into());
            }
        }
    });
    ((*state).clone(), set_number)
}
