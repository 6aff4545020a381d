//! The edit mode's code editor: CodeMirror 6 (`static/editor/editor.mjs`, bundled into
//! `editor/editor.js`), imported the first time a learner presses Edit, never in the first load.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[wasm_bindgen(inline_js = "export function importModule(url) { return import(url); }")]
extern "C" {
    /// `import(url)`: a module loaded when it is first needed.
    #[wasm_bindgen(js_name = importModule)]
    fn import_module(url: &str) -> js_sys::Promise;
}

thread_local! {
    static MODULE: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

async fn editor_module() -> Result<JsValue, String> {
    if let Some(module) = MODULE.with(|m| m.borrow().clone()) {
        return Ok(module);
    }
    let base = web_sys::window().and_then(|w| w.document()).and_then(|d| d.base_uri().ok().flatten());
    let url = web_sys::Url::new_with_base("editor/editor.js", &base.unwrap_or_default())
        .map_err(|e| format!("{e:?}"))?
        .href();
    let module = wasm_bindgen_futures::JsFuture::from(import_module(&url))
        .await
        .map_err(|e| format!("the editor could not be loaded ({url}): {e:?}"))?;
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

/// An editor in `node` holding `text` (kept in step when `text` changes from outside, as on
/// Reset), telling `on_change` of every edit, with `error_line` (from 1) marked.
#[hook]
pub fn use_editor(
    node: &NodeRef,
    text: &str,
    on_change: Callback<String>,
    error_line: Option<u32>,
    label: &'static str,
) -> EditorState {
    let state = use_state(|| EditorState::Loading);
    let handle = use_mut_ref(|| None::<JsValue>);
    // Kept alive as long as the editor calls it.
    let listener = use_mut_ref(|| None::<Closure<dyn FnMut(String)>>);
    {
        let (node, state, handle, listener, text) =
            (node.clone(), state.clone(), handle.clone(), listener.clone(), text.to_owned());
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
                    let args = js_sys::Array::of4(&parent, &text.into(), changed.as_ref(), &label.into());
                    let editor = create.apply(&JsValue::NULL, &args).map_err(|e| format!("{e:?}"))?;
                    *listener_in.borrow_mut() = Some(changed);
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
        use_effect_with((text.to_owned(), (*state).clone()), move |(text, _)| {
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
    (*state).clone()
}
