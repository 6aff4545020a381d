//! The parts of the page a first load does not draw (the loop inspector, the prediction panel, the
//! embed code, the editor), each loaded the first time it is drawn.
//!
//! In the page, each [`Part`]'s view is behind a split point of the app's bin (`src/main.rs`,
//! `wasm_split_helpers`): scripts/split cuts the wasm there, so the part's code is in a chunk of
//! its own, fetched when the part is first drawn. A lazy component (`LazyLoopInspector`, …) takes
//! its component's props and draws nothing until the part is in, then the component.
//!
//! The bin hands [`start`](crate::start) its loader ([`Load`]), which reaches each part's
//! [`views`] through its split point.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;

use yew::prelude::*;

use crate::lesson::i18n::Lang;
use crate::model::ui_text::UI;

/// A part of the page loaded when first drawn.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Part {
    /// `?tick=`: the loop inspector (`loop_inspector`).
    Inspector,
    /// `?predict=1`: the prediction panel (`predict_panel`).
    Predict,
    /// "Embed": the code, its preview and its check on CPython (`embed_code`).
    EmbedCode,
    /// "Edit": the learner's version in CodeMirror, and its numbers as fields (`code_view`).
    Editor,
}

const PARTS: usize = 4;

impl Part {
    fn index(self) -> usize {
        self as usize
    }
}

/// A part's view of its component's props (one type for every part, so that what draws them
/// here is not made again for each).
pub type View = fn(&dyn Any) -> Html;

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

/// Each part's [`View`], which its split point hands on (each on its own: a split point that named
/// another part's would bring that part's code in with it).
pub mod views {
    pub use super::super::code_view::editor_view as editor;
    pub use super::super::embed_code::view as embed_code;
    pub use super::super::loop_inspector::view as inspector;
    pub use super::super::predict_panel::view as predict;
}

/// `pub fn $view(&dyn Any) -> Html` of a component: draws it if given its props.
macro_rules! part_view {
    ($view:ident: $Comp:ident($Props:ty)) => {
        /// This component as a [`View`](crate::app::lazy::View) (`app::lazy`).
        pub fn $view(props: &dyn std::any::Any) -> Html {
            match props.downcast_ref::<$Props>() {
                Some(props) => html! { <$Comp ..props.clone() /> },
                None => html! {},
            }
        }
    };
}
pub(crate) use part_view;

/// `$Lazy`: draws `$Comp` of part `$part` once it is loaded, nothing before.
macro_rules! lazy_component {
    ($(#[$doc:meta])* $Lazy:ident => $part:ident($Props:ty)) => {
        $(#[$doc])*
        #[component]
        pub fn $Lazy(props: &$Props) -> Html {
            $crate::app::lazy::use_part($crate::app::lazy::Part::$part, props, props.lang)
        }
    };
}
pub(crate) use lazy_component;

/// Draws `props` with `part`'s view once it is loaded; nothing while it loads (the first time
/// only), and again when it is in. A chunk that could not be fetched is said so, with a button
/// that tries again (the loader keeps no failure).
#[hook]
pub fn use_part(part: Part, props: &dyn Any, lang: Lang) -> Html {
    let loaded = use_state(|| LOADED.with_borrow(|views| views[part.index()]).map(Ok));
    let attempt = use_state(|| 0_u32);
    {
        let loaded = loaded.clone();
        use_effect_with((part, *attempt), move |&(part, _)| {
            if !matches!(*loaded, Some(Ok(_))) {
                // Set by `crate::start` before the app is drawn. No default: naming the views
                // here would put every part's code in the first load.
                let load = LOAD.get().expect("app::lazy::set_load is called before the app is drawn");
                wasm_bindgen_futures::spawn_local(async move {
                    let view = load(part).await;
                    if let Ok(view) = view {
                        LOADED.with_borrow_mut(|views| views[part.index()] = Some(view));
                    }
                    loaded.set(Some(view.map_err(|_| ())));
                });
            }
        });
    }
    match *loaded {
        Some(Ok(view)) => view(props),
        Some(Err(())) => {
            html! {
                <p class="error" role="alert" data-testid="part-failed">
                    { UI.part_failed.get(lang) }{ " " }
                    <button type="button" onclick={move |_| attempt.set(*attempt + 1)}>{ UI.part_retry.get(lang) }</button>
                </p>
            }
        }
        None => html! {},
    }
}
