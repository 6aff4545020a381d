//! The comparison: one column per variant shown, with its lines and elapsed time, and every
//! variant's timeline below, a hovered line highlighted in both.

use yew::prelude::*;

use super::await_graph_view::ReplayGraphProps;
use super::exports::ExportsProps;
use super::lazy::lazy;
use super::timeline_view::{LazyTimeline, LineRef};
use super::variant_column::VariantColumn;
use crate::lesson::i18n::Lang;
use crate::lesson::Variant;
use crate::model::announce::Printed;
use crate::model::compare::moved_lines;
use crate::model::ui_text::UI;
use crate::state::{Column, RunState};
use crate::trace::Speed;
use crate::web::hooks::use_announcement;
use crate::web::parts::Part;

#[derive(Properties, PartialEq)]
pub struct ComparisonProps {
    /// The lesson's id: the name of an exported file.
    pub scenario: &'static str,
    /// The lesson's title, heading an exported log.
    pub title: &'static str,
    /// One per variant shown.
    pub columns: Vec<Column>,
    /// The language of the labels.
    pub lang: Lang,
    /// Tutorial seconds per real second of the run shown.
    pub speed: f64,
    /// Whether the columns show a run going on, finished, stopped, or only the prediction.
    pub run_state: RunState,
    /// The run shown: a new one restarts the "now" line.
    pub run_id: u64,
    /// After a run: the instant scrubbed to (tutorial seconds), none for its end.
    pub replay: Option<f64>,
    pub on_replay: Callback<Option<f64>>,
    /// A sleep bar dragged: the parameter it sets and the new value.
    pub on_drag: Callback<(&'static str, f64)>,
    /// A column asks for its variant's traceback in full.
    pub on_full_traceback: Callback<&'static Variant>,
    /// Projector mode: the timeline first, drawn larger, the columns' lines below it in a
    /// region of their own that scrolls.
    #[prop_or_default]
    pub projector: bool,
}

#[component]
pub fn Comparison(props: &ComparisonProps) -> Html {
    let lang = props.lang;
    let run_end = props
        .columns
        .iter()
        .filter_map(|c| c.outcome.as_ref().map(|o| Speed(props.speed).seconds(o.elapsed_ms)))
        .fold(0.0, f64::max);
    // Replay once a run has ended, the lesson's or the learner's own on CPython.
    let replayable = props.run_state != RunState::Running && props.columns.iter().any(|c| c.outcome.is_some());
    let at = if replayable { props.replay } else { None };
    let on_scrub = props.on_replay.reform(|e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        // The slider's number as the browser reads it: no float reader of ours for a range input.
        Some(input.value_as_number()).filter(|at| at.is_finite())
    });
    let highlight = use_state(|| None::<LineRef>);
    // The same callback from one drawing to the next, and the timelines shared, not copied: the
    // timeline is then not drawn again for each line a run prints (queue-workers at x20: 50 ms of
    // its 6 s run, while its timers fell due).
    let on_hover = use_callback(highlight.setter(), |line: Option<LineRef>, highlight| highlight.set(line));
    let texts: Vec<Vec<&str>> =
        props.columns.iter().map(|c| c.lines.iter().map(|l| l.text.as_str()).collect()).collect();
    let moved = moved_lines(&texts);
    let timelines: Vec<_> =
        props.columns.iter().map(|c| (AttrValue::from(c.variant.label.get(lang)), c.timeline.clone())).collect();
    let handles: Vec<_> = props.columns.iter().map(|c| c.handles.clone()).collect();
    let printed: Vec<Printed> = props
        .columns
        .iter()
        .map(|c| Printed {
            label: c.variant.label.get(lang),
            count: c.lines.len(),
            last: c.lines.last().map(|l| l.text.clone()),
        })
        .collect();
    let elapsed: Vec<(&'static str, f64)> = props
        .columns
        .iter()
        .filter_map(|c| {
            c.outcome.as_ref().map(|o| (c.variant.label.get(lang), Speed(props.speed).seconds(o.elapsed_ms)))
        })
        .collect();
    // (The exports and the replayed await graph are drawn after a run: their code is in before
    // the run starts, `hooks::use_runs`.)
    let columns = html! {
        <div class="columns">
            { for props.columns.iter().enumerate().map(|(index, column)| html! {
                <VariantColumn key={column.variant.name} scenario={props.scenario} {index} column={column.clone()} {lang}
                    moved={moved[index].clone()}
                    speed={props.speed} run_state={props.run_state}
                    highlight={*highlight} on_hover={on_hover.clone()} replay={at}
                    on_full_traceback={props.on_full_traceback.reform({ let variant = column.variant; move |()| variant })} />
            }) }
        </div>
    };
    let replay = html! {
        if replayable {
            <div class="replay">
                <label for="replay">{ UI.replay.get(lang) }</label>
                <input id="replay" data-testid="replay" type="range" min="0" max={format!("{run_end:.3}")} step="0.01"
                    value={format!("{:.3}", at.unwrap_or(run_end))} oninput={on_scrub} />
                <span class="replay-at">{ format!("{:.2} s", at.unwrap_or(run_end)) }</span>
            </div>
            { lazy(Part::Exports, lang, ExportsProps {
                scenario: props.scenario, title: props.title, columns: props.columns.clone(), speed: props.speed, lang,
            }) }
        }
    };
    let graph = match at {
        Some(at) => lazy(
            Part::ReplayGraph,
            lang,
            ReplayGraphProps { columns: props.columns.clone(), at, speed: props.speed, lang },
        ),
        None => Html::default(),
    };
    let timeline = html! {
        <LazyTimeline {timelines} {lang} highlight={*highlight} {on_hover} running={(props.run_state == RunState::Running).then_some((props.run_id, props.speed))} {at}
            {handles} on_drag={props.on_drag.clone()} projector={props.projector} />
    };
    let announcer = html! { <Announcer {printed} {elapsed} run_state={props.run_state} {lang} /> };
    if props.projector {
        // Scrolled with the keyboard too: the region takes focus.
        return html! {
            <>
                { announcer }
                { timeline }
                { replay }
                <div class="outputs" tabindex="0" role="region" aria-label={UI.printed_lines.get(lang)}>
                    { graph }
                    { columns }
                </div>
            </>
        };
    }
    html! {
        <>
            { announcer }
            { columns }
            { replay }
            { graph }
            { timeline }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct AnnouncerProps {
    printed: Vec<Printed>,
    elapsed: Vec<(&'static str, f64)>,
    run_state: RunState,
    lang: Lang,
}

/// The run's one live region, out of sight: what a screen reader says of it (`use_announcement`).
#[component]
fn Announcer(props: &AnnouncerProps) -> Html {
    let said = use_announcement(props.printed.clone(), props.run_state, props.elapsed.clone(), props.lang);
    html! { <p class="sr-only" role="status" data-testid="run-announcer">{ said }</p> }
}
