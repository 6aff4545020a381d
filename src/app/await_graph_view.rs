//! Who awaits whom at the replayed instant (`model::await_graph`): a tree per column, each task
//! under the task that created it, with what it is doing then.

use yew::prelude::*;

use crate::lesson::i18n::Lang;
use crate::model::await_graph::{await_graph, Doing, Node};
use crate::model::timeline::Timing;
use crate::model::ui_text::UI;
use crate::state::Column;
use crate::trace::{task_name, Outcome, WaitOn};

#[derive(Properties, PartialEq)]
pub struct AwaitGraphProps {
    /// Per column: its label and its tree at the instant.
    pub graphs: Vec<(AttrValue, Vec<Node>)>,
    /// The instant, tutorial seconds.
    pub at: f64,
    pub lang: Lang,
}

pub(super) fn doing_text(doing: &Doing, lang: Lang) -> String {
    match doing {
        Doing::Ready => UI.doing_ready.get(lang).to_owned(),
        Doing::Waiting { on: WaitOn::Sleep(seconds), since } => UI
            .doing_sleep
            .fill(lang, &[("seconds", &seconds.to_string()), ("until", &format!("{:.3}", since + seconds))]),
        Doing::Waiting { on, .. } => {
            let what = match on {
                WaitOn::Task(task) => task_name(*task),
                WaitOn::Future(what) | WaitOn::External(what) => what.to_string(),
                WaitOn::Queue(name) => format!("{name}.get() / put()"),
                WaitOn::Sleep(_) => unreachable!("matched above"),
            };
            UI.doing_awaits.fill(lang, &[("what", &what)])
        }
        Doing::Done(Outcome::Returned) => UI.doing_returned.get(lang).to_owned(),
        Doing::Done(Outcome::Cancelled) => UI.doing_cancelled.get(lang).to_owned(),
        Doing::Done(Outcome::Raised(error)) => UI.doing_raised.fill(lang, &[("error", error)]),
    }
}

fn state_class(doing: &Doing) -> &'static str {
    match doing {
        Doing::Ready => "ready",
        Doing::Waiting { .. } => "waiting",
        Doing::Done(Outcome::Returned) => "done",
        Doing::Done(Outcome::Cancelled) => "cancelled",
        Doing::Done(Outcome::Raised(_)) => "failed",
    }
}

fn tree(nodes: &[Node], lang: Lang) -> Html {
    html! {
        <ul>
            { for nodes.iter().map(|node| html! {
                <li key={node.task} data-testid="graph-task" data-task={node.label.clone()} class={state_class(&node.doing)}>
                    <span class="graph-label">{ node.label.clone() }</span>
                    { " — " }
                    <span class="graph-doing" data-testid="graph-doing">{ doing_text(&node.doing, lang) }</span>
                    if !node.children.is_empty() {
                        { tree(&node.children, lang) }
                    }
                </li>
            }) }
        </ul>
    }
}

#[component]
pub fn AwaitGraph(props: &AwaitGraphProps) -> Html {
    let lang = props.lang;
    html! {
        <section class="await-graph" data-testid="await-graph">
            <h3>{ UI.await_graph_heading.fill(lang, &[("t", &format!("{:.2}", props.at))]) }</h3>
            <div class="await-graphs">
                { for props.graphs.iter().map(|(label, nodes)| html! {
                    <figure data-testid="graph">
                        <figcaption>{ label.clone() }</figcaption>
                        { tree(nodes, lang) }
                    </figure>
                }) }
            </div>
        </section>
    }
}

/// The finished run replayed at an instant: its columns and the instant.
#[derive(Properties, PartialEq, Clone)]
pub struct ReplayGraphProps {
    pub columns: Vec<Column>,
    /// The instant scrubbed to, tutorial seconds on the measured clock.
    pub at: f64,
    pub speed: f64,
    pub lang: Lang,
}

/// Who awaits whom at the replayed instant, in each column's run: drawn by its own part of the
/// page (`Part::ReplayGraph`), asked for when a run has finished and drawn when it is scrubbed.
#[component]
fn ReplayGraph(props: &ReplayGraphProps) -> Html {
    let clock = Timing::Measured { speed: props.speed };
    let graphs: Vec<(AttrValue, Vec<Node>)> = props
        .columns
        .iter()
        .filter_map(|c| {
            c.outcome
                .as_ref()
                .map(|o| (AttrValue::from(c.variant.label.get(props.lang)), await_graph(&o.trace, clock, props.at)))
        })
        .collect();
    html! { <AwaitGraph {graphs} at={props.at} lang={props.lang} /> }
}

crate::app::lazy::part_view!(replay_graph_view: ReplayGraph(ReplayGraphProps));
