//! One variant's column: its printed lines with their times, and its elapsed time measured on
//! the page's loop beside the virtual clock's prediction.

use yew::prelude::*;

use super::state::{Column, RunState};
use crate::model::i18n::Lang;
use crate::model::ui_text::UI;
use crate::trace::{Exit, Line};

#[derive(Properties, PartialEq)]
pub struct VariantColumnProps {
    pub column: Column,
    pub lang: Lang,
    /// Tutorial seconds per real second of the run shown.
    pub speed: f64,
    pub run_state: RunState,
}

/// Tutorial seconds as the page shows them.
fn seconds(value: f64) -> String {
    format!("{value:.3} s")
}

fn line_view(line: &Line, speed: f64) -> Html {
    let measured = line.ms * speed / 1000.0;
    html! {
        <li data-testid="line" data-task={line.task.to_string()}>
            <span class="line-t" title={format!("{:.1} ms", line.ms)}>{ seconds(measured) }</span>
            <span class="line-text">{ line.text.clone() }</span>
        </li>
    }
}

#[component]
pub fn VariantColumn(props: &VariantColumnProps) -> Html {
    let VariantColumnProps { column, lang, speed, run_state } = props;
    let lang = *lang;
    let predicted = column.predicted.elapsed;
    let status = match (&column.outcome, run_state) {
        (Some(outcome), _) => {
            let measured = outcome.elapsed_ms * speed / 1000.0;
            let difference = measured - predicted;
            let exit = match &outcome.exit {
                Exit::Ok => Html::default(),
                Exit::NeverExits => html! { <p class="exit never">{ UI.never_exits.get(lang) }</p> },
                Exit::Exception(text) => html! { <p class="exit raised">{ UI.raised.get(lang) }{ ": " }<code>{ text.clone() }</code></p> },
            };
            html! {
                <>
                    <p class="elapsed" data-testid="elapsed" data-seconds={measured.to_string()}>
                        <strong>{ UI.elapsed.get(lang) }{ " " }{ seconds(measured) }</strong>
                        <span class="predicted">{ format!(" · {} {} ({:+.3})", UI.predicted.get(lang), seconds(predicted), difference) }</span>
                    </p>
                    { exit }
                </>
            }
        }
        (None, RunState::Running) => html! { <p class="elapsed pending">{ UI.running.get(lang) }</p> },
        (None, RunState::Stopped) => html! { <p class="elapsed pending">{ UI.cancelled.get(lang) }</p> },
        (None, _) => html! {
            <p class="elapsed pending">{ format!("{} {}", UI.predicted.get(lang), seconds(predicted)) }</p>
        },
    };
    html! {
        <section class="variant" data-testid={format!("variant-{}", column.variant.name)}>
            <h3>{ column.variant.label.get(lang) }</h3>
            <ol class="lines" aria-live="polite">
                { for column.lines.iter().map(|line| line_view(line, *speed)) }
            </ol>
            { status }
        </section>
    }
}
