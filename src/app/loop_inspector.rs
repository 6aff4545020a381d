//! Inside the loop: one variant's run on the virtual clock, one turn of its event loop at a
//! time (`model::inspector`): what the turn runs, the timers pending, every task's state and
//! line, who awaits whom, what it printed. Buttons, the slider, and ← → step through the turns.

use std::rc::Rc;

use yew::prelude::*;

use super::await_graph_view::{doing_text, AwaitGraph};
use crate::lesson::i18n::Lang;
use crate::lesson::{Scenario, Variant};
use crate::model::await_graph::task_label;
use crate::model::inspector::turn_view;
use crate::model::ui_text::UI;
use crate::trace::{Callback as Queued, RunOutcome, Site, Trace};
use crate::web::sources::{use_line_map, use_source};

#[derive(Properties, PartialEq, Clone)]
pub struct LoopInspectorProps {
    pub scenario: &'static Scenario,
    /// The inspected variant's run, every turn kept.
    pub run: Rc<RunOutcome>,
    /// The turn shown, from 0.
    pub turn: usize,
    /// The runs that can be inspected, by label (the variants shown, then the learner's version
    /// run on CPython, if there is one), and the place of the one inspected.
    pub choices: Vec<AttrValue>,
    pub column: usize,
    /// The lesson's variant inspected; `None` for the learner's version (its sites are lines of
    /// its own Python).
    pub variant: Option<&'static Variant>,
    pub lang: Lang,
    /// Go to a turn; `None` closes the inspector.
    pub on_turn: Callback<Option<usize>>,
    pub on_column: Callback<usize>,
}

/// A callback as the inspector lists it: a step, a sleep's timer, or a function by name.
fn queued_text(trace: &Trace, queued: &Queued, lang: Lang) -> String {
    match queued {
        Queued::Step(task) => UI.callback_step.fill(lang, &[("task", &task_label(trace, *task))]),
        Queued::Wakes(task) => UI.callback_wakes.fill(lang, &[("task", &task_label(trace, *task))]),
        Queued::Call(name) => name.clone(),
    }
}

fn seconds(t: f64) -> String {
    format!("{t:.3}")
}

#[component]
pub fn LoopInspector(props: &LoopInspectorProps) -> Html {
    let lang = props.lang;
    // The Python line of each Rust wait, as the code view finds it (fetched, not first-load).
    let rust_file = use_source(props.scenario.rust_source.path);
    let line_map = use_line_map(rust_file, props.scenario.id, props.variant.map(|v| v.name));
    let at = |site: Site| match site {
        // The learner's own program, run on CPython: `File "main.py", line 6`, as its traceback says.
        Site::Python(line) => {
            UI.inspector_at_python.fill(lang, &[("line", &line.to_string()), ("site", &format!("main.py:{line}"))])
        }
        Site::Rust(_) => {
            let rust = format!("{}:{}", site.file().unwrap_or_default(), site.line());
            match line_map.as_ref().as_ref().and_then(|lines| lines.get(site)) {
                Some(line) => UI.inspector_at_python.fill(lang, &[("line", &line.to_string()), ("site", &rust)]),
                None => UI.inspector_at.fill(lang, &[("site", &rust)]),
            }
        }
    };
    let trace = &props.run.trace;
    let Some(view) = turn_view(trace, props.turn) else {
        return html! {};
    };
    let (index, count) = (view.index, view.count);
    let go = |to: usize| props.on_turn.reform(move |_: MouseEvent| Some(to));
    let on_key = {
        let on_turn = props.on_turn.clone();
        Callback::from(move |e: KeyboardEvent| {
            let to = match e.key().as_str() {
                "ArrowLeft" => index.saturating_sub(1),
                "ArrowRight" => (index + 1).min(count - 1),
                "Home" => 0,
                "End" => count - 1,
                _ => return,
            };
            e.prevent_default();
            on_turn.emit(Some(to));
        })
    };
    let on_slide = props.on_turn.reform(|e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        input.value().parse().ok()
    });
    let on_variant = props.on_column.reform(|e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        select.value().parse().unwrap_or_default()
    });
    let runs: Vec<String> = view
        .turn
        .ready
        .iter()
        .map(|q| queued_text(trace, q, lang))
        .chain(view.turn.due.iter().map(|(when, q)| {
            UI.callback_due.fill(lang, &[("callback", &queued_text(trace, q, lang)), ("when", &seconds(*when))])
        }))
        .collect();
    let none = || html! { <li class="none">{ UI.inspector_none.get(lang) }</li> };
    html! {
        <section class="inspector" data-testid="inspector" data-turn={index.to_string()} tabindex="0"
            aria-labelledby="inspector-heading" onkeydown={on_key}>
            <h2 id="inspector-heading">{ UI.inspector_heading.fill(lang, &[
                ("turn", &(index + 1).to_string()), ("count", &count.to_string()), ("t", &seconds(view.turn.t)),
            ]) }</h2>
            <p class="inspector-help">{ UI.inspector_help.get(lang) }</p>
            <div class="inspector-controls">
                <button type="button" data-testid="turn-previous" disabled={index == 0} onclick={go(index.saturating_sub(1))}>
                    { "◀ " }{ UI.inspector_previous.get(lang) }</button>
                <button type="button" data-testid="turn-next" disabled={index + 1 == count} onclick={go((index + 1).min(count - 1))}>
                    { UI.inspector_next.get(lang) }{ " ▶" }</button>
                <label>{ UI.inspector_turn.get(lang) }
                    <input type="range" data-testid="turn-slider" min="0" max={(count - 1).to_string()} step="1"
                        value={index.to_string()} oninput={on_slide} />
                </label>
                if props.choices.len() > 1 {
                    <label>{ UI.inspector_variant.get(lang) }
                        <select data-testid="inspect-variant" onchange={on_variant}>
                            { for props.choices.iter().enumerate().map(|(i, label)| html! {
                                <option value={i.to_string()} selected={i == props.column}>{ label.clone() }</option>
                            }) }
                        </select>
                    </label>
                }
                <button type="button" data-testid="inspector-close" onclick={props.on_turn.reform(|_: MouseEvent| None)}>
                    { UI.inspector_close.get(lang) }</button>
            </div>
            <div class="inspector-grid">
                <div>
                    <h3>{ UI.inspector_runs.get(lang) }</h3>
                    <ol data-testid="turn-runs">
                        { for runs.into_iter().map(|text| html! { <li>{ text }</li> }) }
                    </ol>
                </div>
                <div>
                    <h3>{ UI.inspector_timers.get(lang) }</h3>
                    <ol data-testid="turn-timers">
                        { for view.turn.timers.iter().map(|(when, q)| html! {
                            <li data-when={seconds(*when)}>{ format!("{} s — {}", seconds(*when), queued_text(trace, q, lang)) }</li>
                        }) }
                        if view.turn.timers.is_empty() { { none() } }
                    </ol>
                </div>
                <div>
                    <h3>{ UI.inspector_tasks.get(lang) }</h3>
                    <ul data-testid="turn-tasks">
                        { for view.tasks.iter().map(|row| html! {
                            <li data-task={row.label.clone()}>
                                <span class="graph-label">{ row.label.clone() }</span>{ " — " }
                                <span data-testid="task-doing">{ doing_text(&row.doing, lang) }</span>
                                if let Some(site) = row.site {
                                    { " " }<span class="inspector-at">{ at(site) }</span>
                                }
                            </li>
                        }) }
                        if view.tasks.is_empty() { { none() } }
                    </ul>
                </div>
                <div>
                    <h3>{ UI.inspector_printed.get(lang) }</h3>
                    <ul data-testid="turn-printed">
                        { for view.printed.iter().map(|line| html! { <li><code>{ line.text.clone() }</code></li> }) }
                        if view.printed.is_empty() { { none() } }
                    </ul>
                </div>
            </div>
            <AwaitGraph graphs={vec![(props.choices.get(props.column).cloned().unwrap_or_default(), view.graph)]}
                at={view.turn.t} {lang} />
        </section>
    }
}

crate::app::lazy::part_view!(view: LoopInspector(LoopInspectorProps));
