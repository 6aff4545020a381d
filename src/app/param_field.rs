//! One parameter: a number field and a slider kept in step, its unit, and its error message.

use yew::prelude::*;

use crate::lesson::i18n::Lang;
use crate::lesson::params::{format_number, ParamSpec};
use crate::state::Field;

#[derive(Properties, PartialEq)]
pub struct ParamFieldProps {
    /// The declaration: label, unit, range and step.
    pub spec: &'static ParamSpec,
    /// What is typed, and why it is refused if it is.
    pub field: Field,
    pub lang: Lang,
    /// Called with the new text on every edit of the field or the slider.
    pub on_edit: Callback<String>,
}

#[component]
pub fn ParamField(props: &ParamFieldProps) -> Html {
    let ParamFieldProps { spec, field, lang, on_edit } = props;
    let id = format!("param-{}", spec.name);
    let error_id = format!("param-error-{}", spec.name);
    let oninput = {
        let on_edit = on_edit.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            on_edit.emit(input.value());
        })
    };
    let message = field.error.as_ref().map(|err| spec.message(err, *lang));
    let slider_value = spec.parse(&field.text).map_or_else(|_| format_number(spec.default), format_number);
    html! {
        <div class={classes!("param", message.is_some().then_some("invalid"))}>
            <label for={id.clone()}>{ spec.label.get(*lang) }</label>
            <div class="param-inputs">
                <input id={id.clone()} data-testid={id.clone()} type="text" inputmode="decimal"
                    value={field.text.clone()} oninput={oninput.clone()}
                    aria-invalid={message.is_some().to_string()}
                    aria-describedby={message.is_some().then(|| error_id.clone())} />
                <span class="unit">{ spec.unit_label(*lang) }</span>
                <input type="range" tabindex="-1" aria-hidden="true"
                    min={format_number(spec.min)} max={format_number(spec.max)} step={format_number(spec.step)}
                    value={slider_value} oninput={oninput} />
            </div>
            if let Some(message) = message {
                <p class="field-error" id={error_id.clone()} data-testid={error_id} role="alert">{ message }</p>
            }
        </div>
    }
}
