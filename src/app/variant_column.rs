//! One variant's column: its printed lines with their times, and its elapsed time measured on
//! the page's loop beside the virtual clock's prediction.

use std::rc::Rc;

use yew::prelude::*;

use super::mistakes_view::MistakesView;
use super::timeline_view::LineRef;
use crate::lesson::i18n::Lang;
use crate::lesson::params::format_number;
use crate::model::compare::progress;
use crate::model::cpython::YOUR_VERSION;
use crate::model::mistakes::mistakes;
use crate::model::real_io::{io_reading, io_waits};
use crate::model::ui_text::UI;
use crate::state::{Column, RunState};
use crate::trace::{Distortion, Exit, Line, RunOutcome, Speed, Stream};

#[derive(Properties, PartialEq)]
pub struct VariantColumnProps {
    /// The lesson, by id (its mistakes name its lines).
    pub scenario: &'static str,
    /// The column's position, which hover links use.
    pub index: usize,
    pub column: Column,
    pub lang: Lang,
    /// Tutorial seconds per real second of the run shown.
    pub speed: f64,
    pub run_state: RunState,
    /// The line hovered here or on the timeline.
    pub highlight: Option<LineRef>,
    pub on_hover: Callback<Option<LineRef>>,
    /// For each line, whether another variant prints it at a different position.
    pub moved: Vec<bool>,
    /// Replay: the instant scrubbed to; lines printed after it are shown as not printed yet.
    pub replay: Option<f64>,
    /// The learner asks for this variant's traceback in full (CPython in the page runs it).
    pub on_full_traceback: Callback<()>,
}

/// A run, compared by identity: a column's outcome is replaced, never changed in place.
#[derive(Clone)]
struct SameRun(Rc<RunOutcome>);

impl PartialEq for SameRun {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Tutorial seconds as the page shows them.
fn seconds(value: f64) -> String {
    format!("{value:.3} s")
}

fn line_view(line: &Line, at: LineRef, props: &VariantColumnProps) -> Html {
    let measured = Speed(props.speed).seconds(line.ms);
    let (enter, leave) = (props.on_hover.clone(), props.on_hover.clone());
    let moved = props.moved.get(at.1).copied().unwrap_or(false);
    let not_yet = props.replay.is_some_and(|replay| measured > replay + 1e-9);
    let stderr = line.stream == Stream::Stderr;
    html! {
        <li data-testid="line" data-task={line.task.to_string()} data-moved={moved.then_some("true")}
            data-not-yet={not_yet.then_some("true")} data-stream={if stderr { "stderr" } else { "stdout" }}
            title={stderr.then(|| UI.stderr.get(props.lang))}
            class={classes!((props.highlight == Some(at)).then_some("highlight"), moved.then_some("moved"), not_yet.then_some("not-yet"), stderr.then_some("stderr"))}
            onmouseenter={Callback::from(move |_| enter.emit(Some(at)))}
            onmouseleave={Callback::from(move |_| leave.emit(None))}>
            <span class="line-t" title={format!("{:.1} ms", line.ms)}>{ seconds(measured) }</span>
            <span class="line-text">{ line.text.clone() }</span>
            if moved {
                <span class="moved-mark" title={UI.moved_line.get(props.lang)} aria-label={UI.moved_line.get(props.lang)}>{ "↕" }</span>
            }
        </li>
    }
}

#[component]
pub fn VariantColumn(props: &VariantColumnProps) -> Html {
    let VariantColumnProps { index, column, lang, speed, run_state, .. } = props;
    let lang = *lang;
    // The mistakes of the run shown: the measured one once it has ended, the prediction before.
    let shown = SameRun(column.outcome.clone().unwrap_or_else(|| column.predicted.clone()));
    let found = use_memo(shown, |run| Rc::new(mistakes(&run.0)));
    let predicted = column.predicted.elapsed;
    let status = match (&column.outcome, run_state) {
        (Some(outcome), _) => {
            let measured = Speed(*speed).seconds(outcome.elapsed_ms);
            let difference = measured - predicted;
            // Real I/O takes real milliseconds, the prediction the tutorial's latencies: the
            // two are not alike, so the column says what the I/O took instead of a difference.
            let io = io_reading(&outcome.trace, &column.predicted.trace).map(|io| {
                let modelled = io.modelled.iter().map(|s| format_number(*s)).collect::<Vec<_>>().join(", ");
                let text = UI.io_reading.fill(
                    lang,
                    &[
                        ("count", &io.operations.to_string()),
                        ("ms", &format!("{:.1}", io.real_ms)),
                        ("longest", &format!("{:.1}", io.longest_ms)),
                        ("modelled", &modelled),
                    ],
                );
                html! { <p class="io-reading" data-testid="io-reading" data-ms={format!("{:.3}", io.real_ms)}>{ text }</p> }
            });
            let against = if io.is_some() {
                format!(" · {} {}", UI.predicted.get(lang), seconds(predicted))
            } else {
                format!(" · {} {} ({:+.3})", UI.predicted.get(lang), seconds(predicted), difference)
            };
            let exit = match &outcome.exit {
                Exit::Ok => Html::default(),
                Exit::NeverExits => html! { <p class="exit never">{ UI.never_exits.get(lang) }</p> },
                Exit::Exception(text) => html! {
                    <>
                        <p class="exit raised">{ UI.raised.get(lang) }{ ": " }<code>{ text.clone() }</code></p>
                        // The learner's version ran on CPython: its traceback is in full below the code.
                        if !std::ptr::eq(column.variant, &YOUR_VERSION) {
                            <button type="button" class="full-traceback" data-testid="full-traceback"
                                onclick={props.on_full_traceback.reform(|_| ())}>
                                { UI.full_traceback.get(lang) }
                            </button>
                        }
                    </>
                },
            };
            // Times taken in a hidden tab or with throttled timers are not asyncio's: say so.
            let distorted = outcome.distorted.as_ref().map(|d| {
                let text = if d.hidden {
                    UI.distorted_hidden.get(lang).to_owned()
                } else if d.behind() {
                    UI.distorted_behind.fill(
                        lang,
                        &[
                            ("ms", &format!("{:.0}", d.total_late_ms)),
                            ("share", &format!("{:.0}", 100.0 * d.total_late_ms / d.run_ms.max(1.0))),
                            ("floor", &format!("{:.0}", Distortion::BEHIND_MS)),
                            ("limit", &format!("{:.0}", 100.0 * Distortion::BEHIND_SHARE)),
                        ],
                    )
                } else {
                    UI.distorted_late.fill(
                        lang,
                        &[
                            ("ms", &format!("{:.0}", d.worst_late_ms)),
                            ("limit", &format!("{:.0}", Distortion::LATE_MS)),
                        ],
                    )
                };
                html! { <p class="distorted" data-testid="distorted" role="status">{ text }</p> }
            });
            html! {
                <>
                    <p class="elapsed" data-testid="elapsed" data-seconds={measured.to_string()}>
                        <strong>{ UI.elapsed.get(lang) }{ " " }{ seconds(measured) }</strong>
                        <span class="predicted">{ against }</span>
                    </p>
                    { for io }
                    { exit }
                    { for distorted }
                </>
            }
        }
        (None, RunState::Running) => html! { <p class="elapsed pending">{ UI.running.get(lang) }</p> },
        (None, RunState::Stopped) => html! { <p class="elapsed pending">{ UI.cancelled.get(lang) }</p> },
        (None, _) => html! {
            <p class="elapsed pending" data-testid="predicted-elapsed" data-seconds={predicted.to_string()}>
                { format!("{} {}", UI.predicted.get(lang), seconds(predicted)) }
                if !io_waits(&column.predicted.trace).is_empty() {
                    <span class="io-modelled" data-testid="io-modelled">{ " · " }{ UI.io_modelled.get(lang) }</span>
                }
            </p>
        },
    };
    // The tutorial's tqdm bar, where the lesson prints one: its total from the prediction.
    let bar = progress(column.predicted.lines().iter().map(|l| l.text.as_str())).map(|(_, total)| {
        let done = progress(column.lines.iter().map(|l| l.text.as_str())).map_or(0, |(done, _)| done);
        html! {
            <div class="progress" data-testid="progress" data-done={done.to_string()} data-total={total.to_string()}>
                <progress max={total.to_string()} value={done.to_string()} aria-label={format!("{done}/{total}")}></progress>
                <span>{ format!("{done}/{total}") }</span>
            </div>
        }
    });
    html! {
        <section class="variant" data-testid={format!("variant-{}", column.variant.name)}>
            <h2>
                { column.variant.label.get(lang) }
                if column.variant.ours {
                    { " " }
                    <span class="ours" data-testid="ours" title={UI.ours_title.get(lang)}>{ UI.ours.get(lang) }</span>
                }
            </h2>
            // Not a live region: the comparison's announcer speaks of the run (model::announce).
            <ol class="lines">
                { for column.lines.iter().enumerate().map(|(i, line)| line_view(line, (*index, i), props)) }
            </ol>
            // A program that ran to its end without a line (as some of the articles' do as written).
            if column.outcome.is_some() && column.lines.is_empty() {
                <p class="printed-nothing" data-testid="printed-nothing">{ UI.printed_nothing.get(lang) }</p>
            }
            { for bar }
            { status }
            if !found.is_empty() {
                <MistakesView scenario={props.scenario} variant={column.variant.name} mistakes={(*found).clone()} {lang} />
            }
        </section>
    }
}
