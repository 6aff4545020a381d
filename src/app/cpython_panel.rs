//! The code view's CPython panel: what CPython in the page (Pyodide, loaded the first time it is
//! asked for) wrote when it ran the shown or edited Python, full tracebacks included, and whether
//! the variant's own program agrees with the page's prediction.

use std::rc::Rc;

use yew::prelude::*;

use super::lazy::lazy;
use super::timeline_view::{LineRef, TimelineView};

use crate::lesson::i18n::Lang;
use crate::lesson::params::format_number;
use crate::model::cpython::{CpythonRun, NotMeasured, MAX_MEASURED_SECONDS};
use crate::model::timeline::{timeline, Timing};
use crate::model::ui_text::UI;
use crate::trace::{Line, Speed, Stream};
use crate::web::hooks::{CpythonCheck, Measured, CPYTHON_LIMIT_SECONDS, CPYTHON_MAX_LINES, CPYTHON_MAX_STEPS};
use crate::web::parts::{preload, Part};

#[derive(Properties, PartialEq)]
pub struct CpythonPanelProps {
    pub check: CpythonCheck,
    /// Runs the program; none while it is not ready (its Python is still being fetched).
    pub on_run: Option<Callback<()>>,
    pub on_stop: Callback<()>,
    /// Whether the program to run is the learner's edited version.
    pub edited: bool,
    /// The page's speed, at which a learner's program is measured on real time.
    pub speed: f64,
    pub lang: Lang,
}

/// Which piece of a finished check's view: what it says in the panel's status, or what CPython
/// wrote and its timeline below it.
#[derive(Clone, Copy, PartialEq)]
pub enum Piece {
    Status,
    Detail,
}

/// A finished check (`CpythonCheck::Done`), drawn by its own part of the page (`Part::CpythonDone`):
/// its code comes while CPython downloads and runs, not in the first load.
#[derive(Properties, PartialEq, Clone)]
pub struct CpythonDoneProps {
    pub piece: Piece,
    pub run: Rc<CpythonRun>,
    pub differences: Option<Rc<Vec<String>>>,
    pub measured: Measured,
    pub edited: bool,
    pub speed: f64,
    pub lang: Lang,
}

#[component]
fn CpythonDone(props: &CpythonDoneProps) -> Html {
    let (run, lang) = (&props.run, props.lang);
    // CPython's run drawn as the columns' runs are: a lane per task, on its virtual clock.
    let drawn = use_memo(Rc::as_ptr(run) as usize, {
        let run = run.clone();
        move |_| Some(timeline(&run.trace(1.0), Timing::Ideal)).filter(|drawn| !drawn.rows.is_empty()).map(Rc::new)
    });
    let hovered = use_state(|| None::<LineRef>);
    match props.piece {
        Piece::Status => html! {
            <>
                { verdict(run, props.differences.as_deref(), lang) }
                if let Some(module) = run.missing_module() {
                    <p class="hint" data-testid="cpython-missing-module">
                        { UI.cpython_missing_module.fill(lang, &[("module", module)]) }
                    </p>
                }
                { measured_view(&props.measured, run, props.speed, lang) }
                if run.exit.status == "never-exits" {
                    <p class="exit never-exits">
                        { UI.cpython_cut.fill(lang, &[
                            ("t", &format!("{:.3}", run.exit.stopped_at.unwrap_or(run.exit.last_event))),
                            ("seconds", &CPYTHON_LIMIT_SECONDS.to_string()),
                            ("steps", &CPYTHON_MAX_STEPS.to_string()),
                            ("lines", &CPYTHON_MAX_LINES.to_string()),
                        ]) }
                    </p>
                }
            </>
        },
        // What CPython wrote, and its timeline: to be read, not announced (a program's thousand
        // lines would keep a screen reader talking).
        Piece::Detail => html! {
            <>
                { output(run) }
                // (The learner's version is drawn in the timeline under the columns instead.)
                if let (Some(drawn), false) = ((*drawn).clone(), props.edited) {
                    <div data-testid="cpython-timeline">
                        <TimelineView timelines={vec![(AttrValue::from(UI.cpython_heading.get(lang)), drawn)]} {lang}
                            highlight={*hovered} on_hover={Callback::from({ let hovered = hovered.clone(); move |h| hovered.set(h) })} />
                    </div>
                }
            </>
        },
    }
}

crate::app::lazy::part_view!(done_view: CpythonDone(CpythonDoneProps));

/// What became of the run on real time after the virtual one.
fn measured_view(measured: &Measured, run: &CpythonRun, speed: f64, lang: Lang) -> Html {
    let speed_text = format_number(speed);
    match measured {
        Measured::NotAsked | Measured::Not(NotMeasured::NeverEnds) => html! {},
        Measured::Running => html! {
            <p class="measured" data-testid="cpython-measuring">{ UI.cpython_measuring.fill(lang, &[("speed", &speed_text)]) }</p>
        },
        Measured::Not(NotMeasured::TooLong(seconds)) => html! {
            <p class="measured" data-testid="cpython-not-measured">
                { UI.cpython_too_long_to_measure.fill(lang, &[
                    ("seconds", &format!("{seconds:.0}")),
                    ("speed", &speed_text),
                    ("max", &format_number(MAX_MEASURED_SECONDS)),
                ]) }
            </p>
        },
        Measured::Failed(error) => html! {
            <p class="error" data-testid="cpython-measure-failed">{ UI.cpython_failed.get(lang) }{ " " }{ error.clone() }</p>
        },
        Measured::Done(measured) => {
            let late_ms = Speed(speed).ms(measured.end() - run.end());
            html! {
                <p class="measured" data-testid="cpython-measured" data-seconds={measured.end().to_string()}
                    data-late-ms={format!("{late_ms:.1}")}>
                    { UI.cpython_measured.fill(lang, &[
                        ("speed", &speed_text),
                        ("t", &format!("{:.3}", measured.end())),
                        ("late", &format!("{late_ms:.1}")),
                    ]) }
                </p>
            }
        }
    }
}

fn megabytes(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1_000_000.0)
}

fn written(line: &Line) -> Html {
    let stderr = line.stream == Stream::Stderr;
    html! {
        <li data-testid="cpython-line" data-stream={if stderr { "stderr" } else { "stdout" }} class={classes!(stderr.then_some("stderr"))}>
            <span class="line-t">{ format!("{:.3} s", line.t) }</span>
            <span class="line-text">{ line.text.clone() }</span>
        </li>
    }
}

fn output(run: &CpythonRun) -> Html {
    html! { <ol class="lines cpython-lines">{ for run.written(1.0).iter().map(written) }</ol> }
}

fn verdict(run: &CpythonRun, differences: Option<&Vec<String>>, lang: Lang) -> Html {
    let Some(differences) = differences else {
        return html! {
            <p data-testid="cpython-verdict" data-seconds={run.end().to_string()}>
                { UI.cpython_yours.get(lang).replace("{t}", &format!("{:.3}", run.end())) }
            </p>
        };
    };
    if differences.is_empty() {
        html! {
            <p class="agrees" data-testid="cpython-verdict" data-agrees="true" data-seconds={run.end().to_string()}>
                { "✓ " }{ UI.cpython_agrees.get(lang).replace("{lines}", &run.lines.len().to_string()) }
            </p>
        }
    } else {
        html! {
            <div class="differs" data-testid="cpython-verdict" data-agrees="false" data-seconds={run.end().to_string()}>
                <p>{ "✗ " }{ UI.cpython_differs.get(lang) }</p>
                <ul>{ for differences.iter().map(|d| html! { <li>{ d.clone() }</li> }) }</ul>
            </div>
        }
    }
}

#[component]
pub fn CpythonPanel(props: &CpythonPanelProps) -> Html {
    let lang = props.lang;
    let busy = matches!(
        props.check,
        CpythonCheck::Downloading { .. }
            | CpythonCheck::Running
            | CpythonCheck::Done { measured: Measured::Running, .. }
    );
    // Its code is asked for as soon as CPython is: it is in by the time the run is done.
    if !matches!(props.check, CpythonCheck::Idle) {
        preload(Part::CpythonDone);
    }
    let done = |piece| match &props.check {
        CpythonCheck::Done { run, differences, measured } => lazy(
            Part::CpythonDone,
            lang,
            CpythonDoneProps {
                piece,
                run: run.clone(),
                differences: differences.clone(),
                measured: measured.clone(),
                edited: props.edited,
                speed: props.speed,
                lang,
            },
        ),
        _ => html! {},
    };
    let body = match &props.check {
        CpythonCheck::Idle => {
            let hint = if props.edited { UI.cpython_hint_yours } else { UI.cpython_hint };
            html! { <p class="hint">{ hint.get(lang) }</p> }
        }
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
        CpythonCheck::NotLoaded => html! {
            <p class="error" data-testid="cpython-failed">{ UI.cpython_failed.get(lang) }{ " " }{ UI.cpython_not_loaded.get(lang) }</p>
        },
        CpythonCheck::Done { .. } => done(Piece::Status),
    };
    let detail = done(Piece::Detail);
    let label = if props.edited { UI.cpython_run_yours.get(lang) } else { UI.cpython_run.get(lang) };
    html! {
        <section class="cpython" id="cpython" tabindex="-1" data-testid="cpython">
            <h3>
                { UI.cpython_heading.get(lang) }{ " " }
                if busy {
                    <button type="button" onclick={props.on_stop.reform(|_| ())}>{ UI.stop.get(lang) }</button>
                } else {
                    <button type="button" data-testid="cpython-run" disabled={props.on_run.is_none()}
                        onclick={props.on_run.clone().unwrap_or_default().reform(|_| ())}>
                        { label }
                    </button>
                }
            </h3>
            // How it goes, announced as it changes.
            <div class="cpython-status" aria-live="polite" aria-busy={busy.to_string()}>{ body }</div>
            { detail }
        </section>
    }
}
