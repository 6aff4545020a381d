//! The code: a variant's Python (ours, the one CI runs on CPython) beside the scenario's Rust,
//! highlighted.

use yew::prelude::*;

use crate::model::i18n::Lang;
use crate::scenarios::Scenario;
use crate::web::highlight::highlight;

#[derive(Properties, PartialEq)]
pub struct CodeViewProps {
    pub scenario: &'static Scenario,
    pub lang: Lang,
}

#[derive(Properties, PartialEq)]
struct HighlightedProps {
    code: &'static str,
    language: &'static str,
}

/// A `<pre>` whose content is Prism's escaped HTML, or the plain code if Prism is missing.
#[component]
fn Highlighted(props: &HighlightedProps) -> Html {
    let code_ref = use_node_ref();
    {
        let code_ref = code_ref.clone();
        use_effect_with((props.code, props.language), move |(code, language)| {
            if let (Some(element), Some(html)) = (code_ref.cast::<web_sys::Element>(), highlight(code, language)) {
                element.set_inner_html(&html);
            }
        });
    }
    html! {
        <pre class={format!("language-{}", props.language)}>
            <code ref={code_ref} class={format!("language-{}", props.language)}>{ props.code }</code>
        </pre>
    }
}

#[component]
pub fn CodeView(props: &CodeViewProps) -> Html {
    let scenario = props.scenario;
    let selected = use_state(|| 0usize);
    {
        let selected = selected.clone();
        use_effect_with(scenario.id, move |_| selected.set(0));
    }
    let index = (*selected).min(scenario.variants.len() - 1);
    let variant = &scenario.variants[index];
    let zh = props.lang == Lang::Zh;
    html! {
        <section class="code" data-testid="code">
            <h2>{ if zh { "代码" } else { "Code" } }</h2>
            <div class="code-tabs" role="tablist">
                { for scenario.variants.iter().enumerate().map(|(i, v)| {
                    let selected = selected.clone();
                    html! {
                        <button type="button" role="tab" aria-selected={(i == index).to_string()}
                            class={classes!((i == index).then_some("active"))}
                            onclick={Callback::from(move |_| selected.set(i))}>{ v.label.get(props.lang) }</button>
                    }
                }) }
            </div>
            <div class="code-panes">
                <figure>
                    <figcaption>{ if zh { "Python（CI 在 CPython 上运行的版本）" } else { "Python (the version CI runs on CPython)" } }</figcaption>
                    <Highlighted code={variant.python} language="python" />
                </figure>
                <figure>
                    <figcaption>{ if zh { "Rust（页面实际运行的代码）" } else { "Rust (what the page runs)" } }</figcaption>
                    <Highlighted code={scenario.rust_source} language="rust" />
                </figure>
            </div>
        </section>
    }
}
