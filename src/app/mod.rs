//! The Yew components. They render the state and send actions; runs are started and cancelled
//! by the effects below, through `web::run`.

mod code_view;
mod param_field;
mod picker;
pub mod state;
mod timeline_view;
mod variant_column;

use yew::prelude::*;

use self::code_view::CodeView;
use self::param_field::ParamField;
use self::picker::Picker;
use self::state::{Action, Playground, RunState};
use self::timeline_view::{LineRef, TimelineView};
use self::variant_column::VariantColumn;
use crate::model::i18n::Lang;
use crate::model::params::SPEED;
use crate::model::ui_text::UI;
use crate::model::url::UrlState;
use crate::trace::{EventKind, Line};
use crate::web::page;
use crate::web::run::RunHandle;

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        let (url, notices) = UrlState::decode(&page::location_search());
        Playground::new(url, notices, page::browser_lang())
    });

    use_effect_with(state.url.encode(), |query| page::replace_query(query));
    use_effect_with(state.lang, |lang| page::set_document_lang(*lang));

    // One browser run per variant while the state says Running; the cleanup cancels them all
    // when Run is pressed again, Stop is pressed, a value changes or the page goes away.
    {
        let dispatcher = state.dispatcher();
        let url = state.url.clone();
        let running = state.run_state == RunState::Running;
        use_effect_with((state.run_id, running), move |&(run_id, running)| {
            let handles: Vec<RunHandle> = if !running {
                Vec::new()
            } else {
                url.scenario
                    .variants
                    .iter()
                    .enumerate()
                    .map(|(column, variant)| {
                        let on_line = dispatcher.clone();
                        let on_done = dispatcher.clone();
                        RunHandle::start(
                            (variant.program)(&url.params),
                            url.speed,
                            move |event| {
                                if let EventKind::Printed(text) = &event.kind {
                                    let line = Line { task: event.task, text: text.clone(), t: event.t, ms: event.ms };
                                    on_line.dispatch(Action::Printed { run_id, column, line });
                                }
                            },
                            move |outcome| on_done.dispatch(Action::Finished { run_id, column, outcome }),
                        )
                    })
                    .collect()
            };
            move || drop(handles)
        });
    }

    let lang = state.lang;
    let scenario = state.scenario();
    let dispatch = |make: fn() -> Action| {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(make()))
    };
    let on_speed = {
        let dispatcher = state.dispatcher();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            dispatcher.dispatch(Action::EditSpeed(input.value()));
        })
    };
    let other_lang = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
    let on_lang = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::SetLang(other_lang)))
    };
    let running = state.run_state == RunState::Running;
    let highlight = use_state(|| None::<LineRef>);
    let on_hover = {
        let highlight = highlight.clone();
        Callback::from(move |line: Option<LineRef>| highlight.set(line))
    };
    let timelines: Vec<_> = state
        .columns
        .iter()
        .map(|c| (AttrValue::from(c.variant.label.get(lang)), (*c.timeline).clone()))
        .collect();

    html! {
        <div class="app" data-testid="app" data-run-state={state.run_state.as_str()}>
            <header class="top">
                <div>
                    <p class="brand">{ UI.app_title.get(lang) }</p>
                    <p class="tagline">{ UI.tagline.get(lang) }</p>
                </div>
                <button class="lang" onclick={on_lang} aria-label={UI.language.get(lang)}>
                    { if lang == Lang::Zh { "English" } else { "中文" } }
                </button>
            </header>
            if !state.notices.is_empty() {
                <ul class="notices" role="status" data-testid="notices">
                    { for state.notices.iter().map(|n| html! { <li>{ n.message(scenario, lang) }</li> }) }
                </ul>
            }
            <div class="layout">
            <details class="lessons" open={!page::is_narrow()}>
                <summary>{ UI.scenarios.get(lang) }</summary>
                <Picker current={scenario.id} {lang} on_select={{
                    let dispatcher = state.dispatcher();
                    Callback::from(move |s| dispatcher.dispatch(Action::SelectScenario(s)))
                }} />
            </details>
            <main>
                <h1 data-testid="scenario-title">{ scenario.title.get(lang) }</h1>
                <p class="lesson">{ UI.from_lesson.get(lang) }{ " " }{ scenario.lesson.get(lang) }</p>
                <p class="notice"><strong>{ UI.what_to_notice.get(lang) }{ lang_colon(lang) }</strong>{ scenario.notice.get(lang) }</p>
                <form class="controls" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    <fieldset class="params">
                        <legend>{ UI.parameters.get(lang) }</legend>
                        { for scenario.params.iter().zip(&state.fields).map(|(spec, field)| {
                            let dispatcher = state.dispatcher();
                            let name = spec.name.to_owned();
                            let on_edit = Callback::from(move |text| dispatcher.dispatch(Action::EditParam { name: name.clone(), text }));
                            html! { <ParamField key={spec.name} {spec} field={field.clone()} {lang} {on_edit} /> }
                        }) }
                        <div class={classes!("param", state.speed_field.error.is_some().then_some("invalid"))}>
                            <label for="speed">{ UI.speed.get(lang) }{ " ×" }</label>
                            <div class="param-inputs">
                                <input id="speed" data-testid="speed" type="text" inputmode="decimal"
                                    value={state.speed_field.text.clone()} oninput={on_speed}
                                    aria-invalid={state.speed_field.error.is_some().to_string()} />
                                <span class="unit">{ UI.speed_hint.get(lang) }</span>
                            </div>
                            if let Some(err) = &state.speed_field.error {
                                <p class="field-error" data-testid="param-error-speed" role="alert">{ speed_message(err, lang) }</p>
                            }
                        </div>
                    </fieldset>
                    <div class="buttons">
                        <button type="button" class="run" data-testid="run" disabled={!state.can_run()}
                            title={(!state.can_run()).then(|| UI.fix_fields.get(lang))}
                            onclick={dispatch(|| Action::Run)}>{ UI.run.get(lang) }</button>
                        <button type="button" data-testid="stop" disabled={!running}
                            onclick={dispatch(|| Action::Stop)}>{ UI.stop.get(lang) }</button>
                        <button type="button" data-testid="reset"
                            onclick={dispatch(|| Action::ResetParams)}>{ UI.reset.get(lang) }</button>
                    </div>
                </form>
                <div class="columns">
                    { for state.columns.iter().enumerate().map(|(index, column)| html! {
                        <VariantColumn key={column.variant.name} {index} column={column.clone()} {lang}
                            speed={state.url.speed} run_state={state.run_state}
                            highlight={*highlight} on_hover={on_hover.clone()} />
                    }) }
                </div>
                <TimelineView {timelines} {lang} highlight={*highlight} on_hover={on_hover.clone()} />
                <CodeView {scenario} {lang} />
            </main>
            </div>
        </div>
    }
}

fn lang_colon(lang: Lang) -> &'static str {
    if lang == Lang::Zh { "：" } else { ": " }
}

fn speed_message(err: &crate::model::params::ParamError, lang: Lang) -> String {
    SPEED.message(err, lang)
}
