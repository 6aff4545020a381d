//! The parts of the page that the first drawing does without: the timeline and the code, both
//! below the first screen (the timeline's place kept for it, as projector mode shows it first; the
//! code drawn once its chunk is in, which comes with the files it shows), and those drawn only
//! when asked for (the loop inspector, the prediction panel, the embed code, the editor, what
//! CPython's run gave, the replayed await graph, a run's exports). Each is loaded the first time
//! it is drawn, or asked for ahead of it (`web::parts`). [`lazy`] draws a part's component from
//! its props once the part is in, nothing before; the code and the timeline have components of
//! their own (`LazyCodeView`, `LazyTimeline`), which do more while they wait.

use std::any::Any;
use std::rc::Rc;

use yew::prelude::*;

use crate::lesson::i18n::Lang;
use crate::model::ui_text::UI;
use crate::web::parts::{use_part, Part, PartState};

/// Each part's [`View`](crate::web::parts::View), which its split point hands on (each on its own: a split point that named
/// another part's would bring that part's code in with it).
pub mod views {
    pub use super::super::await_graph_view::replay_graph_view as replay_graph;
    pub use super::super::code_view::editor_view as editor;
    pub use super::super::code_view::view as code;
    pub use super::super::cpython_panel::done_view as cpython_done;
    pub use super::super::embed_code::view as embed_code;
    pub use super::super::exports::view as exports;
    pub use super::super::loop_inspector::view as inspector;
    pub use super::super::predict_panel::view as predict;
    pub use super::super::timeline_view::view as timeline;
}

/// `pub fn $view(&dyn Any) -> Html` of a component: draws it if given its props.
macro_rules! part_view {
    ($view:ident: $Comp:ident($Props:ty)) => {
        /// This component as a [`View`](crate::web::parts::View) (`app::lazy`).
        pub fn $view(props: &dyn std::any::Any) -> Html {
            match props.downcast_ref::<$Props>() {
                Some(props) => html! { <$Comp ..props.clone() /> },
                None => html! {},
            }
        }
    };
}
pub(crate) use part_view;

/// A part's props as [`Lazy`] holds them, whatever their type: compared by value (the part is drawn
/// again only when they change), handed to the part's view as `&dyn Any`.
pub trait PartProps: Any {
    fn as_any(&self) -> &dyn Any;
    fn same(&self, other: &dyn PartProps) -> bool;
}

impl<P: PartialEq + 'static> PartProps for P {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn same(&self, other: &dyn PartProps) -> bool {
        other.as_any().downcast_ref::<P>() == Some(self)
    }
}

#[derive(Properties, Clone)]
pub struct LazyProps {
    pub part: Part,
    pub props: Rc<dyn PartProps>,
    pub lang: Lang,
}

impl PartialEq for LazyProps {
    fn eq(&self, other: &Self) -> bool {
        self.part == other.part && self.lang == other.lang && self.props.same(other.props.as_ref())
    }
}

/// One component for every part that draws nothing while it loads: a component of its own for
/// each (`LazyExports`, …) weighed some 1.7 KB of the first load's code.
#[component]
pub fn Lazy(props: &LazyProps) -> Html {
    use_lazy(props.part, props.props.as_any(), props.lang, Html::default())
}

/// `part`'s component drawn with `props` once the part is in, nothing before. Keyed by the part,
/// so that one part drawn where another was is a new component, with its own loading state.
pub fn lazy<P: PartialEq + 'static>(part: Part, lang: Lang, props: P) -> Html {
    html! { <Lazy key={part as usize} {part} props={Rc::new(props) as Rc<dyn PartProps>} {lang} /> }
}

/// Draws `props` with `part`'s view once it is loaded; `loading` while it loads (the first time
/// only). A chunk that could not be fetched is said so, with a button that tries again.
#[hook]
pub fn use_lazy(part: Part, props: &dyn std::any::Any, lang: Lang, loading: Html) -> Html {
    let (state, again) = use_part(part);
    match state {
        PartState::Loaded(view) => view(props),
        PartState::Failed => html! {
            <p class="load-failed" role="alert" data-testid="part-failed">
                { UI.part_failed.get(lang) }{ " " }
                <button type="button" onclick={again.reform(|_| ())}>{ UI.part_retry.get(lang) }</button>
            </p>
        },
        PartState::Loading => loading,
    }
}
