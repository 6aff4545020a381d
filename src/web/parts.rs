//! Loading what a first load does not draw: the parts of the page (`app::lazy`: the loop
//! inspector, the prediction panel, the embed code, the editor) and the lessons' programs.
//!
//! In the page, each [`Part`]'s view and each lesson's programs are behind a split point of the
//! app's bin (`src/main.rs`, `wasm_split_helpers`): scripts/split cuts the wasm there, so their
//! code is in chunks of their own, fetched when first needed. The bin hands
//! [`start`](crate::start) its [`Loaders`]; [`use_part`] asks for a part once and keeps what came;
//! [`load_lesson`] brings a lesson's programs in before the lesson is shown.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;

use yew::prelude::*;

use crate::lesson::{Programs, Scenario};
use crate::scenarios;

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

/// A lesson's programs on their way.
pub type LessonLoading = Pin<Box<dyn Future<Output = Result<Programs, wasm_split_helpers::SplitLoaderError>>>>;

/// How the bin loads what a first load does not draw.
#[derive(Clone, Copy)]
pub struct Loaders {
    pub part: fn(Part) -> Loading,
    /// A scenario's programs, by its id.
    pub lesson: fn(&str) -> LessonLoading,
}

thread_local! {
    static LOADERS: Cell<Option<Loaders>> = const { Cell::new(None) };
    static LOADED: RefCell<[Option<View>; PARTS]> = const { RefCell::new([None; PARTS]) };
}

/// How parts and lessons are loaded from now on (`crate::start`).
pub fn set_loaders(loaders: Loaders) {
    LOADERS.set(Some(loaders));
}

/// Set by `crate::start` before the app is drawn. No default: naming the views or the programs
/// here would put all their code in the first load.
fn loaders() -> Loaders {
    LOADERS.get().expect("web::parts::set_loaders is called before the app is drawn")
}

/// Brings `scenario`'s programs in, if they are not yet (`scenarios::set_programs`): before the
/// scenario is shown, whose predictions run them at once.
pub async fn load_lesson(scenario: &'static Scenario) -> Result<(), wasm_split_helpers::SplitLoaderError> {
    if !scenarios::has_programs(scenario) {
        let programs = (loaders().lesson)(scenario.id).await?;
        scenarios::set_programs(scenario, programs);
    }
    Ok(())
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
                let load = loaders().part;
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
