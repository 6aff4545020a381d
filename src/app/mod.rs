//! The Yew components. They render the state and send actions; the work the state asks for (runs,
//! the page kept in step, the embed API, fetches, timers, the DOM) is done by `crate::web`, most of
//! it through its hooks (`web::hooks`).

mod await_graph_view;
mod code_view;
mod comparison;
mod controls;
mod cpython_panel;
mod embed_code;
mod exports;
mod heartbeat;
pub mod lazy;
mod loop_inspector;
mod mistakes_view;
mod param_field;
mod picker;
mod predict_panel;
mod share_buttons;
mod timeline_view;
mod variant_column;

use yew::prelude::*;

use self::code_view::LazyCodeView;
use self::comparison::Comparison;
use self::controls::Controls;
use self::embed_code::EmbedCodeProps;
use self::lazy::lazy;
use self::loop_inspector::LoopInspectorProps;
use self::picker::Picker;
use self::predict_panel::PredictPanelProps;
use self::share_buttons::ShareButtons;
use crate::lesson::i18n::Lang;
use crate::lesson::params::format_number;
use crate::model::cpython::YOUR_VERSION;
use crate::model::embed_api::embed_code;
use crate::model::positions::Positions;
use crate::model::shortcuts::{Shortcut, SHORTCUTS};
use crate::model::timeline::Timing;
use crate::model::ui_text::UI;
use crate::model::url::{Theme, UrlState};
use crate::state::{Action, Column, Playground, RunState};
use crate::web::hooks;
use crate::web::page;
use crate::web::parts::Part;

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        let (url, notices) = UrlState::decode(&page::location_search());
        Playground::new(url, notices, page::browser_lang())
    });
    hooks::use_page_in_step(&state);
    crate::web::code_link::use_code_link(&state);
    hooks::use_runs(&state);
    hooks::use_embed_api(&state);
    hooks::use_shortcuts(&state);
    let (select_scenario, lesson_failed) = hooks::use_select_scenario(&state);
    let (switch_lang, words_failed) = hooks::use_switch_lang(&state);

    let lang = state.lang;
    let scenario = state.scenario();
    let on_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action| dispatcher.dispatch(action))
    };
    // A value set from the timeline or the code: the same callback from one drawing to the next,
    // so that the timeline is not drawn again for each line a run prints (it held up the run's
    // timers).
    let on_drag = use_callback(state.dispatcher(), |(name, value): (&'static str, f64), dispatcher| {
        dispatcher.dispatch(Action::EditParam { name: name.to_owned(), text: format_number(value) })
    });
    let notices = (!state.notices.is_empty()).then(|| {
        html! {
            <div class="notices" role="status" data-testid="notices">
                <ul>{ for state.notices.iter().map(|n| html! { <li>{ n.message(scenario, lang) }</li> }) }</ul>
            </div>
        }
    });
    let controls = html! {
        <Controls {scenario} fields={state.fields.clone()} speed_field={state.speed_field.clone()}
            variant={state.url.variant} {lang} can_run={state.can_run()}
            running={state.run_state == RunState::Running} compact={state.url.embed} on_action={on_action.clone()}
            freeze_seconds={state.freeze_seconds()} speed={state.url.speed} run_id={state.run_id} />
    };
    // CPython's runs of an own program (the learner's version, an author's code=): reported to
    // the embed API, and shown as a column beside the lesson's.
    let cpython_check = use_state(|| crate::web::hooks::CpythonCheck::Idle);
    hooks::use_cpython_events(&state, &cpython_check);
    let on_cpython_check = {
        let cpython_check = cpython_check.clone();
        Callback::from(move |check| cpython_check.set(check))
    };
    let mut columns = state.columns.clone();
    let mut positions = state.positions();
    if let crate::web::hooks::CpythonCheck::Done { run, differences: None, measured } = &*cpython_check {
        let measured = match measured {
            crate::web::hooks::Measured::Done(measured) => Some(&**measured),
            _ => None,
        };
        let column = Column::of_cpython(&YOUR_VERSION, run, measured, state.url.speed);
        // Its tasks' lines in the editor at the replay's instant (it ran on the virtual clock, so
        // it has no live positions).
        if let (Some(at), Some(outcome)) = (state.replay, &column.outcome) {
            positions.push((
                YOUR_VERSION.name,
                Positions::at(&outcome.trace, Timing::Measured { speed: state.url.speed }, at),
            ));
        }
        columns.push(column);
    }
    // What the loop inspector can look into: the variants shown, then the learner's version as
    // CPython in the page ran it (its virtual run keeps its turns too).
    let own_run = columns.iter().find(|c| c.variant.name == YOUR_VERSION.name).map(|c| c.predicted.clone());
    let inspected =
        if state.inspect_column < state.url.variants().len() { state.inspected.clone() } else { own_run.clone() };
    let inspect_choices: Vec<AttrValue> = state
        .url
        .variants()
        .iter()
        .chain(own_run.is_some().then_some(&YOUR_VERSION))
        .map(|v| AttrValue::from(v.label.get(lang)))
        .collect();
    let comparison = html! {
        <Comparison scenario={scenario.id} title={scenario.title.get(lang)} {columns} {lang} speed={state.url.speed} run_state={state.run_state}
            run_id={state.run_id} replay={state.replay}
            on_replay={on_action.reform(Action::Replay)}
            on_drag={on_drag.clone()}
            on_full_traceback={on_action.reform(Action::AskCpython)}
            projector={state.url.projecting()} />
    };
    // Predict mode: the exercise, and nothing of the prediction shown until a run.
    let predict = state.url.predict.then(|| {
        let labels: Vec<AttrValue> = state.columns.iter().map(|c| AttrValue::from(c.variant.label.get(lang))).collect();
        lazy(
            Part::Predict,
            lang,
            PredictPanelProps {
                guesses: state.guesses.clone(),
                labels,
                verdicts: state.verdicts(),
                open: state.predicting(),
                lang,
                on_move: on_action.reform(|(column, from, to)| Action::MoveLine { column, from, to }),
                on_guess: on_action.reform(|(column, text)| Action::GuessElapsed { column, text }),
                on_again: on_action.reform(|()| Action::PredictAgain),
            },
        )
    });
    let comparison = if state.predicting() {
        html! { <p class="hint predict-hidden" data-testid="predict-hidden">{ UI.predict_hidden.get(lang) }</p> }
    } else {
        comparison
    };

    if state.url.embed {
        // The same state, in the full playground: a new tab, so the tutorial stays where it was.
        let full = UrlState { embed: false, ..state.url.clone() }.encode();
        return html! {
            <div class="app embed" data-testid="app" data-embed="true" data-run-state={state.run_state.as_str()}>
                <header class="embed-top">
                    <h1 data-testid="scenario-title">{ scenario.title.get(lang) }</h1>
                    <a class="open-full" data-testid="open-playground" href={format!("?{full}")}
                        target="_blank" rel="noopener">{ UI.open_in_playground.get(lang) }{ " ↗" }</a>
                </header>
                <main>
                    { notices }
                    if state.url.code.is_some() || state.edited.is_some() {
                        { lazy(Part::EmbedCode, lang, EmbedCodeProps {
                            scenario,
                            variant: &state.url.variants()[0],
                            params: state.url.params.clone(),
                            code: state.edited.clone(),
                            autorun: state.url.autorun,
                            speed: state.url.speed,
                            lang,
                            on_check: on_cpython_check,
                        }) }
                    } else {
                        { controls }
                        { predict }
                        { comparison }
                    }
                </main>
            </div>
        };
    }

    let address = page::address();
    let link = format!("{address}?{}", state.url.encode());
    // Embeds keep the language they were copied in: a tutorial is written in one.
    // An embed has no projector mode.
    let embedded = UrlState { embed: true, lang: Some(lang), projector: false, ..state.url.clone() }.encode();
    let title = UI.iframe_title.fill(lang, &[("title", scenario.title.get(lang))]);
    let embed_code = embed_code(&format!("{address}?{embedded}"), &page::beside_page("embed.js"), &title);
    let dark = state.url.theme.map_or_else(page::prefers_dark, |theme| theme == Theme::Dark);
    let on_theme = {
        let on_action = on_action.clone();
        let other = if dark { Theme::Light } else { Theme::Dark };
        Callback::from(move |_: MouseEvent| on_action.emit(Action::SetTheme(other)))
    };
    let other_lang = lang.other();
    let on_lang = switch_lang.reform(move |_: MouseEvent| other_lang);
    let projector = state.url.projector;
    let predicting = state.url.predict;
    let shortcuts_shown = projector && state.shortcuts_shown;
    let tools = html! {
        <div class="tools">
            <ShareButtons link={link} embed_code={embed_code} {lang} />
            <button type="button" class="predict-toggle" data-testid="predict-toggle" aria-pressed={predicting.to_string()}
                title={UI.predict_title.get(lang)}
                onclick={on_action.reform(move |_: MouseEvent| Action::SetPredict(!predicting))}>{ UI.predict.get(lang) }</button>
            <button type="button" class="projector" data-testid="projector-toggle" aria-pressed={projector.to_string()}
                title={UI.projector_title.get(lang)}
                onclick={on_action.reform(move |_: MouseEvent| Action::SetProjector(!projector))}>{ UI.projector.get(lang) }</button>
            if projector {
                <button type="button" data-testid="shortcuts-toggle" aria-expanded={shortcuts_shown.to_string()}
                    aria-controls={shortcuts_shown.then_some("shortcuts")}
                    onclick={on_action.reform(|_: MouseEvent| Action::Shortcut(Shortcut::Help))}>{ UI.shortcuts.get(lang) }</button>
            }
            <button type="button" class="theme" data-testid="theme-toggle" aria-pressed={dark.to_string()}
                title={if dark { UI.to_light.get(lang) } else { UI.to_dark.get(lang) }}
                onclick={on_theme}>{ "☾ " }{ UI.dark.get(lang) }</button>
            <button type="button" class="lang" data-testid="lang-toggle" onclick={on_lang}
                title={UI.language.get(lang)}>
                { if lang == Lang::Zh { "English" } else { "中文" } }
            </button>
            if words_failed {
                <p class="field-error" data-testid="words-failed" role="alert">{ UI.words_failed.get(lang) }</p>
            }
        </div>
    };
    let title = html! { <h1 data-testid="scenario-title">{ scenario.title.get(lang) }</h1> };
    let code_view = html! {
        <LazyCodeView {scenario} {lang} speed={state.url.speed} shown={state.url.variant.map(|v| v.name)} {positions}
            params={state.url.params.clone()}
            on_edit={on_drag}
            edited={state.edited.clone()} code_not_linked={state.code_not_linked}
            cpython_request={state.cpython_request} on_own_check={on_cpython_check.clone()}
            on_edit_code={on_action.reform(Action::EditCode)} />
    };

    if projector {
        // For teaching: the code beside the timeline on one screen, nothing around them but the
        // lesson's title and controls (teach.test.mjs checks that the page does not scroll).
        return html! {
            <div class="app projector" data-testid="app" data-projector="true" data-run-state={state.run_state.as_str()}>
                <header class="top">{ title }{ tools }</header>
                <main class="stage">
                    { notices }
                    <div class="stage-code">{ controls }{ code_view }</div>
                    <div class="stage-run">{ predict }{ comparison }</div>
                </main>
                if shortcuts_shown {
                    <aside class="shortcuts" id="shortcuts" data-testid="shortcuts" aria-labelledby="shortcuts-heading">
                        <h2 id="shortcuts-heading">{ UI.shortcuts_heading.get(lang) }</h2>
                        <dl>
                            { for SHORTCUTS.iter().map(|(key, shortcut)| html! {
                                <><dt><kbd>{ *key }</kbd></dt><dd>{ shortcut.text().get(lang) }</dd></>
                            }) }
                        </dl>
                        <p class="hint">{ UI.shortcuts_note.get(lang) }</p>
                    </aside>
                }
            </div>
        };
    }

    html! {
        <div class="app" data-testid="app" data-run-state={state.run_state.as_str()}>
            <header class="top">
                <div>
                    <p class="brand">{ UI.app_title.get(lang) }</p>
                    <p class="tagline">{ UI.tagline.get(lang) }</p>
                </div>
                { tools }
            </header>
            <div class="layout">
            <details class="lessons" open={!page::is_narrow()}>
                <summary>{ UI.scenarios.get(lang) }</summary>
                <Picker current={scenario.id} {lang} on_select={select_scenario.clone()} />
            </details>
            <main>
                // First in the lesson's column, where a learner who picked another lesson looks.
                if let Some(failed) = lesson_failed {
                    <p class="load-failed" role="alert" data-testid="lesson-failed">
                        { UI.lesson_failed.get(lang) }{ " " }
                        <button type="button" onclick={select_scenario.reform(move |_| failed)}>{ UI.part_retry.get(lang) }</button>
                    </p>
                }
                { notices }
                { title }
                <p class="lesson">{ UI.from_lesson.get(lang) }{ " " }{ scenario.lesson.get(lang) }</p>
                <p class="notice"><strong>{ UI.what_to_notice.get(lang) }{ lang_colon(lang) }</strong><NoticeText path={scenario.notice.get(lang).path} /></p>
                { controls }
                { predict }
                { comparison }
                if let (Some(tick), Some(run)) = (state.url.tick, inspected) {
                    { lazy(Part::Inspector, lang, LoopInspectorProps {
                        scenario,
                        run,
                        turn: tick,
                        choices: inspect_choices,
                        column: state.inspect_column,
                        variant: state.url.variants().get(state.inspect_column),
                        lang,
                        on_turn: on_action.reform(Action::Inspect),
                        on_column: on_action.reform(Action::InspectColumn),
                    }) }
                } else {
                    <p class="inspect-open">
                        <button type="button" data-testid="inspect" onclick={on_action.reform(|_: MouseEvent| Action::Inspect(Some(0)))}>
                            { "⟳ " }{ UI.inspect_open.get(lang) }</button>
                    </p>
                }
                { code_view }
            </main>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct NoticeTextProps {
    path: &'static str,
}

/// A scenario's notice, fetched when shown (nothing while it comes in).
#[component]
fn NoticeText(props: &NoticeTextProps) -> Html {
    match crate::web::sources::use_source(props.path) {
        Some(Ok(text)) => html! { <span data-testid="notice-text">{ text.trim_end().to_owned() }</span> },
        Some(Err(error)) => html! { <span class="error">{ error }</span> },
        None => Html::default(),
    }
}

fn lang_colon(lang: Lang) -> &'static str {
    if lang == Lang::Zh {
        "："
    } else {
        ": "
    }
}
