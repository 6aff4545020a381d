//! The code: a variant's Python (ours, the one CI runs on CPython) beside the scenario's Rust,
//! highlighted.

use yew::prelude::*;

use std::rc::Rc;

use crate::model::i18n::Lang;
use crate::model::ui_text::UI;
use crate::scenarios::{python_in, Scenario};
use crate::web::highlight::highlight;
use crate::web::sources::scenario_file;

#[derive(Properties, PartialEq)]
pub struct CodeViewProps {
    pub scenario: &'static Scenario,
    pub lang: Lang,
    /// The variant the page shows alone, if one: its code is shown first.
    pub shown: Option<&'static str>,
}

#[derive(Properties, PartialEq)]
struct HighlightedProps {
    code: AttrValue,
    language: &'static str,
}

/// A `<pre>` whose content is Prism's escaped HTML, or the plain code if Prism is missing.
#[component]
fn Highlighted(props: &HighlightedProps) -> Html {
    let code_ref = use_node_ref();
    {
        let code_ref = code_ref.clone();
        use_effect_with((props.code.clone(), props.language), move |(code, language)| {
            if let (Some(element), Some(html)) = (code_ref.cast::<web_sys::Element>(), highlight(code, language)) {
                element.set_inner_html(&html);
            }
        });
    }
    html! {
        <pre class={format!("language-{}", props.language)}>
            <code ref={code_ref} class={format!("language-{}", props.language)}>{ props.code.clone() }</code>
        </pre>
    }
}

#[component]
pub fn CodeView(props: &CodeViewProps) -> Html {
    let scenario = props.scenario;
    let first = props.shown.and_then(|name| scenario.variants.iter().position(|v| v.name == name)).unwrap_or(0);
    let selected = use_state(|| first);
    // The scenario's file: fetched when first shown (it is not part of the first load).
    let file = use_state(|| None::<Result<Rc<str>, String>>);
    {
        let (selected, file) = (selected.clone(), file.clone());
        use_effect_with((scenario.rust_source.name, first), move |(name, first)| {
            selected.set(*first);
            file.set(None);
            let name = *name;
            wasm_bindgen_futures::spawn_local(async move { file.set(Some(scenario_file(name).await)) });
        });
    }
    let index = (*selected).min(scenario.variants.len() - 1);
    let variant = &scenario.variants[index];
    let lang = props.lang;
    let (python, rust) = match &*file {
        Some(Ok(text)) => (
            AttrValue::from(python_in(text, variant.python.name).unwrap_or_default().to_owned()),
            AttrValue::from(text.to_string()),
        ),
        Some(Err(error)) => (AttrValue::from(error.clone()), AttrValue::from(error.clone())),
        None => {
            let loading = AttrValue::from(UI.loading.get(lang));
            (loading.clone(), loading)
        }
    };
    html! {
        <section class="code" data-testid="code">
            <h2>{ UI.code.get(lang) }</h2>
            <div class="code-tabs">
                { for scenario.variants.iter().enumerate().map(|(i, v)| {
                    let selected = selected.clone();
                    html! {
                        <button type="button" aria-pressed={(i == index).to_string()}
                            class={classes!((i == index).then_some("active"))}
                            onclick={Callback::from(move |_| selected.set(i))}>{ v.label.get(lang) }</button>
                    }
                }) }
            </div>
            <div class="code-panes">
                <figure>
                    <figcaption>{ UI.python_caption.get(lang) }</figcaption>
                    <Highlighted code={python} language="python" />
                </figure>
                <figure>
                    <figcaption>{ UI.rust_caption.get(lang) }</figcaption>
                    <Highlighted code={rust} language="rust" />
                </figure>
            </div>
        </section>
    }
}
