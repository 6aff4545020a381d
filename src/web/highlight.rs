//! Syntax highlighting by Prism (loaded from npm by index.html): code in, escaped HTML out.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Prism, js_name = highlight, catch)]
    fn prism_highlight(code: &str, grammar: &JsValue, language: &str) -> Result<String, JsValue>;
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
