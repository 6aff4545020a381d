//! A run is a URL, the learner's code included: `code=` is the edited Python's UTF-8 text,
//! raw-deflated with the browser's `CompressionStream("deflate-raw")` and written in base64url
//! without padding. Packing is asynchronous (a stream), so it happens here, after each edit; the
//! state keeps the result in its URL (`Action::CodeLinked`).

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::model::url::MAX_CODE_LEN;
use crate::state::{Action, NotLinked, Playground};

#[wasm_bindgen(inline_js = r#"
export async function pack(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
export async function unpack(code) {
  const base64 = code.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new TextDecoder('utf-8', { fatal: true }).decode(await new Response(stream).arrayBuffer());
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn pack(text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn unpack(code: &str) -> Result<JsValue, JsValue>;
}

/// The link's code opens the editor with it; each edit is packed into the link, or left out of
/// it, with the state told why, when it is longer than a link may carry.
#[hook]
pub fn use_code_link(state: &UseReducerHandle<Playground>) {
    {
        let (state, code) = (state.clone(), state.url.code.clone());
        use_effect_with((), move |_| {
            if let Some(code) = code {
                wasm_bindgen_futures::spawn_local(async move {
                    match unpack(&code).await.ok().and_then(|text| text.as_string()) {
                        Some(text) => state.dispatch(Action::EditCode(Some(text))),
                        None => state.dispatch(Action::CodeUnreadable),
                    }
                });
            }
        });
    }
    // Only the latest edit's packing reaches the state.
    let latest = use_memo((), |_| Rc::new(Cell::new(0_u64)));
    {
        let state = state.clone();
        use_effect_with(state.edited.clone(), move |edited| {
            latest.set(latest.get() + 1);
            let mine = latest.get();
            if let Some(text) = edited.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    let linked = match pack(&text).await.ok().and_then(|code| code.as_string()) {
                        Some(code) if code.len() > MAX_CODE_LEN => Err(NotLinked::TooLong(code.len())),
                        Some(code) => Ok(code),
                        None => Err(NotLinked::CannotPack),
                    };
                    if latest.get() == mine {
                        state.dispatch(Action::CodeLinked(linked));
                    }
                });
            }
        });
    }
}
