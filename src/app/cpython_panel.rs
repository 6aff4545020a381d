//! The code view's CPython panel: runs the shown Python on CPython in the page (Pyodide, loaded
//! the first time it is asked for) and shows everything CPython wrote, full tracebacks included,
//! with whether it agrees with the page's prediction.

use yew::prelude::*;

use crate::lesson::i18n::Lang;
use crate::lesson::params::Params;
use crate::lesson::{Scenario, Variant};
use crate::model::cpython::{CpythonRun, Written};
use crate::model::ui_text::UI;
use crate::web::hooks::{use_cpython, CpythonAsk, CpythonCheck};

#[derive(Properties, PartialEq)]
pub struct CpythonPanelProps {
    pub scenario: &'static Scenario,
    pub variant: &'static Variant,
    pub params: Params,
    /// The variant's Python with the values in force; none until it is fetched.
    pub python: Option<String>,
    pub lang: Lang,
}

fn megabytes(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1_000_000.0)
}

fn written(line: &Written, stream: &'static str) -> Html {
    html! {
        <li data-testid="cpython-line" data-stream={stream} class={classes!((stream == "stderr").then_some("stderr"))}>
            <span class="line-t">{ format!("{:.3} s", line.t) }</span>
            <span class="line-text">{ line.text.clone() }</span>
        </li>
    }
}

/// stdout and stderr in the order they were written (by time; stdout first at the same instant
/// would be a guess, so each stream keeps its own order and ties go to stdout).
fn output(run: &CpythonRun) -> Html {
    let mut merged: Vec<(&Written, &'static str)> = Vec::with_capacity(run.lines.len() + run.stderr.len());
    let (mut out, mut err) = (run.lines.iter().peekable(), run.stderr.iter().peekable());
    loop {
        match (out.peek(), err.peek()) {
            (Some(o), Some(e)) if e.t < o.t => merged.push((err.next().expect("peeked"), "stderr")),
            (Some(_), _) => merged.push((out.next().expect("peeked"), "stdout")),
            (None, Some(_)) => merged.push((err.next().expect("peeked"), "stderr")),
            (None, None) => break,
        }
    }
    html! { <ol class="lines cpython-lines">{ for merged.into_iter().map(|(line, stream)| written(line, stream)) }</ol> }
}

#[component]
pub fn CpythonPanel(props: &CpythonPanelProps) -> Html {
    let lang = props.lang;
    let (check, run, stop) = use_cpython((props.scenario.id, props.variant.name, props.params.clone()));
    let ask = {
        let (scenario, variant, params, python) =
            (props.scenario, props.variant, props.params.clone(), props.python.clone());
        Callback::from(move |_| {
            if let Some(python) = python.clone() {
                run.emit(CpythonAsk { scenario, variant, params: params.clone(), python });
            }
        })
    };
    let busy = matches!(check, CpythonCheck::Downloading { .. } | CpythonCheck::Running);
    let body = match &check {
        CpythonCheck::Idle => html! { <p class="hint">{ UI.cpython_hint.get(lang) }</p> },
        CpythonCheck::Downloading { loaded, total } => html! {
            <p class="cpython-progress" data-testid="cpython-progress">
                { UI.cpython_downloading.get(lang) }{ " " }
                if *total > 0.0 {
                    <progress max={total.to_string()} value={loaded.to_string()}></progress>
                    { format!(" {} / {}", megabytes(*loaded), megabytes(*total)) }
                } else {
                    <progress></progress>
                    { format!(" {}", megabytes(*loaded)) }
                }
            </p>
        },
        CpythonCheck::Running => html! { <p>{ UI.cpython_running.get(lang) }</p> },
        CpythonCheck::Failed(error) => html! {
            <p class="error" data-testid="cpython-failed">{ UI.cpython_failed.get(lang) }{ " " }{ error.clone() }</p>
        },
        CpythonCheck::Done { run, differences } => html! {
            <>
                if differences.is_empty() {
                    <p class="agrees" data-testid="cpython-verdict" data-agrees="true">
                        { "✓ " }{ UI.cpython_agrees.get(lang).replace("{lines}", &run.lines.len().to_string()) }
                    </p>
                } else {
                    <div class="differs" data-testid="cpython-verdict" data-agrees="false">
                        <p>{ "✗ " }{ UI.cpython_differs.get(lang) }</p>
                        <ul>{ for differences.iter().map(|d| html! { <li>{ d.clone() }</li> }) }</ul>
                    </div>
                }
                { output(run) }
                if run.exit.status == "never-exits" {
                    <p class="exit never-exits">
                        { UI.cpython_cut.get(lang).replace("{t}", &format!("{:.3}", run.exit.stopped_at.unwrap_or(run.exit.last_event))) }
                    </p>
                }
            </>
        },
    };
    html! {
        <section class="cpython" data-testid="cpython" aria-live="polite" aria-busy={busy.to_string()}>
            <h3>
                { UI.cpython_heading.get(lang) }{ " " }
                if busy {
                    <button type="button" onclick={stop.reform(|_| ())}>{ UI.stop.get(lang) }</button>
                } else {
                    <button type="button" data-testid="cpython-run" disabled={props.python.is_none()} onclick={ask}>
                        { UI.cpython_run.get(lang) }
                    </button>
                }
            </h3>
            { body }
        </section>
    }
}
