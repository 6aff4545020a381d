//! The experiment's controls: a field per parameter, the speed, the Run, Stop and Reset buttons,
//! and the choice of the variants shown.

use yew::prelude::*;

use super::heartbeat::Heartbeat;
use super::param_field::ParamField;
use crate::lesson::i18n::Lang;
use crate::lesson::params::SPEED;
use crate::lesson::{Scenario, Variant};
use crate::model::freeze::MAX_FREEZE_SECONDS;
use crate::model::ui_text::UI;
use crate::state::{Action, Field};

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// The scenario whose parameters are edited.
    pub scenario: &'static Scenario,
    /// What is typed in each parameter's field, in declaration order.
    pub fields: Vec<Field>,
    /// What is typed in the speed's field.
    pub speed_field: Field,
    /// The variant shown alone, if one is.
    pub variant: Option<&'static Variant>,
    /// The language of the labels and messages.
    pub lang: Lang,
    /// Whether every field holds a valid value.
    pub can_run: bool,
    /// Whether a run is going on, which Stop ends.
    pub running: bool,
    /// The embedded view: no Reset, no choice of variants (the link chose them).
    pub compact: bool,
    /// Real seconds the run would freeze the page (blocking calls), as predicted.
    pub freeze_seconds: f64,
    /// The speed those seconds are at.
    pub speed: f64,
    /// Starts a new measurement of the heartbeat's longest gap.
    pub run_id: u64,
    /// Receives what each field and button asks for.
    pub on_action: Callback<Action>,
}

#[component]
pub fn Controls(props: &ControlsProps) -> Html {
    let ControlsProps { scenario, lang, on_action, .. } = props;
    let (scenario, lang) = (*scenario, *lang);
    let send = |make: fn() -> Action| {
        let on_action = on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(make()))
    };
    let on_speed = {
        let on_action = on_action.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            on_action.emit(Action::EditSpeed(input.value()));
        })
    };
    let on_variant = {
        let on_action = on_action.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            on_action.emit(Action::ShowVariant(scenario.variant(&select.value())));
        })
    };
    let speed_error = props.speed_field.error.as_ref().map(|err| SPEED.message(err, lang));
    let shown = props.variant.map(|v| v.name);
    html! {
        <>
        <form class="controls" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <fieldset class="params">
                <legend>{ UI.parameters.get(lang) }</legend>
                { for scenario.params.iter().zip(&props.fields).map(|(spec, field)| {
                    let on_action = on_action.clone();
                    let name = spec.name.to_owned();
                    let on_edit = Callback::from(move |text| on_action.emit(Action::EditParam { name: name.clone(), text }));
                    html! { <ParamField key={spec.name} {spec} field={field.clone()} {lang} {on_edit} /> }
                }) }
                <div class={classes!("param", speed_error.is_some().then_some("invalid"))}>
                    <label for="speed">{ UI.speed.get(lang) }{ " ×" }</label>
                    <div class="param-inputs">
                        <input id="speed" data-testid="speed" type="text" inputmode="decimal"
                            value={props.speed_field.text.clone()} oninput={on_speed}
                            aria-invalid={speed_error.is_some().to_string()} />
                        <span class="unit">{ UI.speed_hint.get(lang) }</span>
                    </div>
                    if let Some(message) = speed_error {
                        <p class="field-error" data-testid="param-error-speed" role="alert">{ message }</p>
                    }
                </div>
            </fieldset>
            <div class="buttons">
                <Heartbeat {lang} run_id={props.run_id} />
                <button type="button" class="run" data-testid="run" disabled={!props.can_run}
                    title={(!props.can_run).then(|| UI.fix_fields.get(lang))}
                    onclick={send(|| Action::Run)}>{ UI.run.get(lang) }</button>
                <button type="button" data-testid="stop" disabled={!props.running}
                    onclick={send(|| Action::Stop)}>{ UI.stop.get(lang) }</button>
                if !props.compact {
                    <button type="button" data-testid="reset"
                        onclick={send(|| Action::ResetParams)}>{ UI.reset.get(lang) }</button>
                }
            </div>
        </form>
        if props.freeze_seconds > 0.0 {
            { freeze_note(props.freeze_seconds, props.speed, lang) }
        }
        if !props.compact && scenario.variants.len() > 1 {
            <div class="view-choice">
                <label for="variant">{ UI.show.get(lang) }</label>
                <select id="variant" data-testid="show-variants" onchange={on_variant}>
                    <option value="" selected={shown.is_none()}>{ UI.all_variants.get(lang) }</option>
                    { for scenario.variants.iter().map(|v| html! {
                        <option value={v.name} selected={shown == Some(v.name)}>{ v.label.get(lang) }</option>
                    }) }
                </select>
            </div>
        }
        </>
    }
}

/// Says before the run that it will really freeze the page, or why it may not run at this speed.
fn freeze_note(seconds: f64, speed: f64, lang: Lang) -> Html {
    let shown = |value: f64| format!("{}", (value * 100.0).round() / 100.0);
    if seconds <= MAX_FREEZE_SECONDS {
        let text = UI.freeze_warning.fill(lang, &[("seconds", &shown(seconds))]);
        return html! { <p class="freeze-warning" data-testid="freeze-warning" role="note">{ text }</p> };
    }
    let minimum = (speed * seconds / MAX_FREEZE_SECONDS * 10.0).ceil() / 10.0;
    let text = UI
        .freeze_too_long
        .fill(lang, &[("seconds", &shown(seconds)), ("max", &shown(MAX_FREEZE_SECONDS)), ("speed", &shown(minimum))]);
    html! { <p class="freeze-warning too-long" data-testid="freeze-warning" role="alert">{ text }</p> }
}
