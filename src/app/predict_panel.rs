//! Predict, then run (`model::predict`): each variant's lines to put in order, by dragging or by
//! ↑/↓ on a selected line, and its time to guess; after the run, the verdict beside the guess,
//! the first wrong line told with what its task was doing.

use yew::prelude::*;

use super::await_graph_view::doing_text;
use crate::lesson::i18n::Lang;
use crate::model::await_graph::Doing;
use crate::model::predict::{FirstWrong, Guess, TimeVerdict, Verdict, Why, ELAPSED_GUESS};
use crate::model::ui_text::UI;
use crate::web::page;

#[derive(Properties, PartialEq, Clone)]
pub struct PredictPanelProps {
    /// One per column, with the column's label.
    pub guesses: Vec<Guess>,
    pub labels: Vec<AttrValue>,
    /// After a run: the verdict on each column's guess.
    pub verdicts: Vec<Option<Verdict>>,
    /// Whether the guesses can still change (no run since the exercise began).
    pub open: bool,
    pub lang: Lang,
    /// `(column, from, to)`.
    pub on_move: Callback<(usize, usize, usize)>,
    pub on_guess: Callback<(usize, String)>,
    pub on_again: Callback<()>,
}

fn seconds(value: f64) -> String {
    format!("{value:.3}")
}

fn first_wrong_text(wrong: &FirstWrong, lang: Lang) -> String {
    let n = (wrong.place + 1).to_string();
    let (t, t2) = (seconds(wrong.expected_t), seconds(wrong.guessed_t));
    let common = [
        ("n", n.as_str()),
        ("expected", wrong.expected.as_str()),
        ("expected_task", wrong.expected_task.as_str()),
        ("guessed", wrong.guessed.as_str()),
        ("guessed_task", wrong.guessed_task.as_str()),
        ("t", t.as_str()),
        ("t2", t2.as_str()),
    ];
    match &wrong.why {
        Why::SameTask => {
            UI.predict_same_task.fill(lang, &[&common[..], &[("task", wrong.expected_task.as_str())]].concat())
        }
        Why::NotCreated => UI.predict_not_created.fill(lang, &common),
        Why::Doing(Doing::Ready) => UI.predict_queued.fill(lang, &common),
        Why::Doing(doing) => {
            let doing = doing_text(doing, lang);
            UI.predict_first_wrong.fill(lang, &[&common[..], &[("doing", doing.as_str())]].concat())
        }
    }
}

fn time_text(verdict: &Verdict, lang: Lang) -> String {
    let elapsed = seconds(verdict.elapsed);
    let guess = verdict.elapsed_guess.map(seconds).unwrap_or_default();
    match verdict.time {
        TimeVerdict::NoGuess => UI.predict_time_none.fill(lang, &[("elapsed", &elapsed)]),
        TimeVerdict::Close => UI.predict_time_close.fill(lang, &[("guess", &guess), ("elapsed", &elapsed)]),
        TimeVerdict::Off(off) => {
            UI.predict_time_off.fill(lang, &[("guess", &guess), ("elapsed", &elapsed), ("off", &seconds(off.abs()))])
        }
    }
}

#[component]
pub fn PredictPanel(props: &PredictPanelProps) -> Html {
    let lang = props.lang;
    // The line being dragged: its column and place.
    let dragged = use_mut_ref(|| None::<(usize, usize)>);
    let shown = props.verdicts.iter().any(Option::is_some);
    let cards = props.guesses.iter().enumerate().map(|(column, guess)| {
        let verdict = props.verdicts.get(column).and_then(Option::as_ref);
        let label = props.labels.get(column).cloned().unwrap_or_default();
        let lines = (0..guess.order.len()).map(|place| {
            let text = guess.text(place).to_owned();
            let id = format!("predict-{column}-{place}");
            let mark = verdict.and_then(|v| v.correct.get(place).copied());
            let onkeydown = {
                let (on_move, count, open) = (props.on_move.clone(), guess.order.len(), props.open);
                Callback::from(move |e: KeyboardEvent| {
                    let to = match e.key().as_str() {
                        "ArrowUp" if place > 0 => place - 1,
                        "ArrowDown" if place + 1 < count => place + 1,
                        _ => return,
                    };
                    e.prevent_default();
                    if open {
                        on_move.emit((column, place, to));
                        // The line moved there: the selection goes with it.
                        page::focus_by_id(&format!("predict-{column}-{to}"));
                    }
                })
            };
            let ondragstart = {
                let (dragged, text) = (dragged.clone(), text.clone());
                Callback::from(move |e: DragEvent| {
                    *dragged.borrow_mut() = Some((column, place));
                    page::start_drag(&e, &text);
                })
            };
            let ondrop = {
                let (dragged, on_move) = (dragged.clone(), props.on_move.clone());
                Callback::from(move |e: DragEvent| {
                    e.prevent_default();
                    if let Some((from_column, from)) = dragged.borrow_mut().take() {
                        if from_column == column {
                            on_move.emit((column, from, place));
                        }
                    }
                })
            };
            let class = classes!(
                "predict-line",
                mark.map(|ok| if ok { "right" } else { "wrong" }),
                verdict.and_then(|v| v.first_wrong.as_ref()).filter(|w| w.place == place).map(|_| "first-wrong"),
            );
            let n = (place + 1).to_string();
            html! {
                <li {id} {class} tabindex="0" draggable={props.open.to_string()} data-testid="predict-line"
                    data-correct={mark.map(|ok| ok.to_string())}
                    aria-label={UI.predict_line.fill(lang, &[("n", &n), ("text", &text)])}
                    {onkeydown} {ondragstart} {ondrop}
                    ondragover={Callback::from(|e: DragEvent| e.prevent_default())}>
                    <span class="mark" aria-hidden="true">{ match mark { Some(true) => "✓", Some(false) => "✗", None => "⋮⋮" } }</span>
                    <code>{ text }</code>
                </li>
            }
        });
        let field_id = format!("predict-elapsed-{}", guess.variant);
        let error_id = format!("{field_id}-error");
        let message = guess.elapsed_error.as_ref().map(|error| ELAPSED_GUESS.message(error, lang));
        let oninput = props.on_guess.reform(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            (column, input.value())
        });
        html! {
            <section class="predict-card" data-testid={format!("predict-{}", guess.variant)} aria-label={label.clone()}>
                <h3>{ label }</h3>
                if guess.total == 0 {
                    <p class="hint">{ UI.predict_nothing.get(lang) }</p>
                } else if guess.lines.is_empty() {
                    <p class="hint">{ UI.predict_too_many.fill(lang, &[("n", &guess.total.to_string())]) }</p>
                } else {
                    <ol class="predict-lines">{ for lines }</ol>
                }
                <div class={classes!("param", "predict-guess", message.is_some().then_some("invalid"))}>
                    <label for={field_id.clone()}>{ ELAPSED_GUESS.label.get(lang) }</label>
                    <div class="param-inputs">
                        <input id={field_id.clone()} data-testid={field_id} type="text" inputmode="decimal"
                            value={guess.elapsed_text.clone()} {oninput} disabled={!props.open}
                            aria-invalid={message.is_some().to_string()}
                            aria-describedby={message.is_some().then(|| error_id.clone())} />
                        <span class="unit">{ ELAPSED_GUESS.unit_label(lang) }</span>
                    </div>
                    if let Some(message) = message {
                        <p class="field-error" id={error_id.clone()} data-testid={error_id} role="alert">{ message }</p>
                    }
                </div>
                if let Some(verdict) = verdict {
                    <div class="predict-verdict" data-testid="predict-verdict" role="status">
                        if verdict.total_lines > 0 {
                            <p class="predict-score" data-testid="predict-score">
                                { UI.predict_score.fill(lang, &[("correct", &verdict.correct_lines.to_string()), ("total", &verdict.total_lines.to_string())]) }
                            </p>
                        }
                        if let Some(wrong) = &verdict.first_wrong {
                            <p data-testid="predict-first-wrong">{ first_wrong_text(wrong, lang) }</p>
                        } else if verdict.total_lines > 0 {
                            <p>{ UI.predict_all_right.get(lang) }</p>
                        }
                        <p data-testid="predict-time">{ time_text(verdict, lang) }</p>
                    </div>
                }
            </section>
        }
    });
    html! {
        <section class="predict" data-testid="predict" aria-labelledby="predict-heading">
            <h2 id="predict-heading">{ UI.predict_heading.get(lang) }</h2>
            if props.open {
                <p class="hint">{ UI.predict_help.get(lang) }</p>
            }
            <div class="predict-cards">{ for cards }</div>
            if shown {
                <button type="button" data-testid="predict-again" onclick={props.on_again.reform(|_: MouseEvent| ())}>
                    { UI.predict_again.get(lang) }</button>
            }
        </section>
    }
}

crate::app::lazy::part_view!(view: PredictPanel(PredictPanelProps));
