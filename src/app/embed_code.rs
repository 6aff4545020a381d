//! The compact view of a link that carries its own program (`code=`, or the embedding page's
//! `set-code`): a tutorial author's example, shown and run on CPython in the page, in place of
//! the lesson's columns. With `autorun=1` it runs as soon as the program is in.

use yew::prelude::*;

use super::cpython_panel::CpythonPanel;
use crate::lesson::i18n::Lang;
use crate::lesson::params::Params;
use crate::lesson::{Scenario, Variant};
use crate::model::ui_text::UI;
use crate::web::highlight::use_highlight;
use crate::web::hooks::{use_cpython, CpythonAsk};

#[derive(Properties, PartialEq, Clone)]
pub struct EmbedCodeProps {
    pub scenario: &'static Scenario,
    /// Whose stand-ins the program runs beside, and whose file name it takes.
    pub variant: &'static Variant,
    pub params: Params,
    /// The program; none while the link's `code=` is being unpacked.
    pub code: Option<String>,
    pub autorun: bool,
    /// The link's speed (the panel names it; an embed runs the program on the virtual clock only).
    pub speed: f64,
    pub lang: Lang,
    /// CPython's check of the program, and its runs, are reported to the embedding page.
    pub on_check: Callback<crate::web::hooks::CpythonCheck>,
}

#[component]
pub fn EmbedCode(props: &EmbedCodeProps) -> Html {
    let (scenario, variant, lang) = (props.scenario, props.variant, props.lang);
    let code_ref = use_node_ref();
    let text = AttrValue::from(props.code.clone().unwrap_or_default());
    use_highlight(&code_ref, &text, "python");
    let (check, run, stop) = use_cpython((scenario.id, props.code.clone()));
    {
        let on_check = props.on_check.clone();
        use_effect_with(check.clone(), move |check| on_check.emit(check.clone()));
    }
    let ask = props.code.clone().map(|python| {
        let params = props.params.clone();
        run.reform(move |()| CpythonAsk {
            scenario,
            variant,
            params: params.clone(),
            compare: false,
            python: python.clone(),
            // An embed shows the author's program on the virtual clock: its lines, in order.
            measure_at: None,
        })
    });
    // autorun=1: once, as soon as the program is in.
    let ran = use_mut_ref(|| false);
    {
        let (ask, autorun) = (ask.clone(), props.autorun);
        use_effect_with(props.code.is_some(), move |in_| {
            if autorun && *in_ && !std::mem::replace(&mut *ran.borrow_mut(), true) {
                if let Some(ask) = ask {
                    ask.emit(());
                }
            }
        });
    }
    html! {
        <section class="embed-code" data-testid="embed-code">
            <p class="hint">{ UI.edited_note.get(lang) }</p>
            <pre class="language-python"><code ref={code_ref} class="language-python">{ text.clone() }</code></pre>
            <CpythonPanel {check} on_run={ask} on_stop={stop} edited={true} speed={props.speed} {lang} />
        </section>
    }
}

crate::app::lazy::part_view!(view: EmbedCode(EmbedCodeProps));
