//! Loading the parts of the page a first load does not draw (`app::lazy`): the loop inspector,
//! the prediction panel, the embed code, the editor.
//!
//! In the page, each [`Part`]'s view is behind a split point of the app's bin (`src/main.rs`,
//! `wasm_split_helpers`): scripts/split cuts the wasm there, so the part's code is in a chunk of
//! its own, fetched when the part is first drawn. The bin hands [`start`](crate::start) its loader
//! ([`Load`]); [`use_part`] asks it for a part once, and keeps what came.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;

use yew::prelude::*;

/// A part of the page loaded when first drawn.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Part {
    /// `?tick=`: the loop inspector (`app::loop_inspector`).
    Inspector,
    /// `?predict=1`: the prediction panel (`app::predict_panel`).
    Predict,
    /// "Embed": the code, its preview and its check on CPython (`app::embed_code`).
    EmbedCode,
    /// "Edit": the learner's version in CodeMirror, and its numbers as fields (`app::code_view`).
    Editor,
}

const PARTS: usize = 4;

impl Part {
    fn index(self) -> usize {
        self as usize
    }
}

/// A part's view of its component's props (one type for every part, so that what draws them is
/// not made again for each): `app::lazy::views`.
pub type View = fn(&dyn std::any::Any) -> Html;

/// A part on its way: its chunk loading, which fails when it cannot be fetched.
pub type Loading = Pin<Box<dyn Future<Output = Result<View, wasm_split_helpers::SplitLoaderError>>>>;

/// Loads a part.
pub type Load = fn(Part) -> Loading;

thread_local! {
    static LOAD: Cell<Option<Load>> = const { Cell::new(None) };
    static LOADED: RefCell<[Option<View>; PARTS]> = const { RefCell::new([None; PARTS]) };
}

/// How parts are loaded from now on (`crate::start`).
pub fn set_load(load: Load) {
    LOAD.set(Some(load));
}

/// Where a part is.
#[derive(Clone, Copy)]
pub enum PartState {
    Loading,
    Loaded(View),
    /// Its chunk could not be fetched.
    Failed,
}

/// `part`, and a callback that asks for it again after a failure (the loader keeps no failure).
/// Loaded at once when it is already in; else loading (the first time only).
#[hook]
pub fn use_part(part: Part) -> (PartState, Callback<()>) {
    let state =
        use_state(|| LOADED.with_borrow(|views| views[part.index()]).map_or(PartState::Loading, PartState::Loaded));
    let attempt = use_state(|| 0_u32);
    {
        let state = state.clone();
        use_effect_with((part, *attempt), move |&(part, _)| {
            if !matches!(*state, PartState::Loaded(_)) {
                state.set(PartState::Loading);
                // Set by `crate::start` before the app is drawn. No default: naming the views
                // here would put every part's code in the first load.
                let load = LOAD.get().expect("web::parts::set_load is called before the app is drawn");
                wasm_bindgen_futures::spawn_local(async move {
                    state.set(match load(part).await {
                        Ok(view) => {
                            LOADED.with_borrow_mut(|views| views[part.index()] = Some(view));
                            PartState::Loaded(view)
                        }
                        Err(_) => PartState::Failed,
                    });
                });
            }
        });
    }
    let again = Callback::from(move |()| attempt.set(*attempt + 1));
    (*state, again)
}
