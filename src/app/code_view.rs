//! The code: a variant's Python (ours, the one CI runs on CPython) beside the scenario's Rust,
//! highlighted, with the line each task is at marked in both during a run and in replay.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use std::rc::Rc;

use crate::model::i18n::Lang;
use crate::model::params::Params;
use crate::model::positions::{LineTasks, Positions};
use crate::model::python_lines::PythonLines;
use crate::model::ui_text::UI;
use crate::scenarios::Scenario;
use crate::trace::task_name;
use crate::web::highlight::highlight;
use crate::web::sources::source_file;

#[derive(Properties, PartialEq)]
pub struct CodeViewProps {
    pub scenario: &'static Scenario,
    pub lang: Lang,
    /// The variant the page shows alone, if one: its code is shown first.
    pub shown: Option<&'static str>,
    /// Where each variant's tasks are now, by variant name (see `Playground::positions`).
    pub positions: Vec<(&'static str, Positions)>,
    /// The values in force: the Python shows them in place of the tutorial's.
    pub params: Params,
}

#[derive(Properties, PartialEq)]
struct HighlightedProps {
    code: AttrValue,
    language: &'static str,
    /// The lines tasks are at, with the tasks.
    marks: Vec<LineTasks>,
    lang: Lang,
}

/// At most this many task names on a marked line; more are counted instead.
const NAMED_TASKS: usize = 3;

/// `Task-2`, `Task-2 Task-3`, or `12 tasks`.
fn tasks_label(tasks: &[usize], lang: Lang) -> String {
    if tasks.len() > NAMED_TASKS {
        return UI.tasks_count.fill(lang, &[("count", &tasks.len().to_string())]);
    }
    tasks.iter().map(|&task| task_name(task)).collect::<Vec<_>>().join(" ")
}

/// A `<pre>` whose content is Prism's escaped HTML, or the plain code if Prism is missing, with a
/// band over each marked line; the first marked line is scrolled into the pre's view.
#[component]
fn Highlighted(props: &HighlightedProps) -> Html {
    let (code_ref, pre_ref) = (use_node_ref(), use_node_ref());
    {
        let code_ref = code_ref.clone();
        use_effect_with((props.code.clone(), props.language), move |(code, language)| {
            if let (Some(element), Some(html)) = (code_ref.cast::<web_sys::Element>(), highlight(code, language)) {
                element.set_inner_html(&html);
            }
        });
    }
    {
        let pre_ref = pre_ref.clone();
        use_effect_with(props.marks.clone(), move |marks| {
            let Some(pre) = pre_ref.cast::<web_sys::HtmlElement>() else { return };
            place_marks(&pre);
            if let Some((line, _)) = marks.first() {
                scroll_to_line(&pre, *line);
            }
        });
    }
    let lang = props.lang;
    html! {
        <pre ref={pre_ref} class={format!("language-{}", props.language)}>
            <code ref={code_ref} class={format!("language-{}", props.language)}>{ props.code.clone() }</code>
            { for props.marks.iter().map(|(line, tasks)| {
                let label = tasks_label(tasks, lang);
                html! {
                    <span class="code-mark" data-testid="code-mark" data-line={line.to_string()}
                        data-tasks={tasks.len().to_string()}
                        aria-label={UI.tasks_at_line.fill(lang, &[("tasks", &label), ("line", &line.to_string())])}>
                        <span class="code-mark-tasks">{ label }</span>
                    </span>
                }
            }) }
        </pre>
    }
}

/// Moves each mark to its line. Through the CSSOM: the page's CSP refuses `style` attributes.
fn place_marks(pre: &web_sys::HtmlElement) {
    let Ok(marks) = pre.query_selector_all(".code-mark") else { return };
    for index in 0..marks.length() {
        let Some(mark) = marks.item(index).and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok()) else { continue };
        let line: u32 = mark.dataset().get("line").and_then(|l| l.parse().ok()).unwrap_or(1);
        let _ = mark.style().set_property("--line", &(line - 1).to_string());
    }
}

/// Scrolls the pre (not the page) so that `line` is in view, a few lines from the top, if it is not.
fn scroll_to_line(pre: &web_sys::HtmlElement, line: u32) {
    let Some(mark) = pre.query_selector(&format!(".code-mark[data-line='{line}']")).ok().flatten() else { return };
    let Ok(mark) = mark.dyn_into::<web_sys::HtmlElement>() else { return };
    let (top, height, view) = (mark.offset_top(), mark.offset_height(), pre.client_height());
    if top < pre.scroll_top() || top + height > pre.scroll_top() + view {
        pre.set_scroll_top((top - 3 * height).max(0));
    }
}

/// A fetched file and the path it was fetched from.
type Fetched = (&'static str, Result<Rc<str>, String>);

#[component]
pub fn CodeView(props: &CodeViewProps) -> Html {
    let scenario = props.scenario;
    let first = props.shown.and_then(|name| scenario.variants.iter().position(|v| v.name == name)).unwrap_or(0);
    let selected = use_state(|| first);
    // The scenario's Rust and the shown variant's Python: fetched when first shown (they are not
    // part of the first load).
    // Each is kept with its path: a fetch that ends after the view moved on is not shown.
    let rust_file = use_state(|| None::<Fetched>);
    let python_file = use_state(|| None::<Fetched>);
    // Which Python line each Rust wait is at, fetched once with the first file.
    let python_lines = use_state(|| None::<Rc<PythonLines>>);
    {
        let python_lines = python_lines.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(text) = source_file("scenarios/python_lines.txt").await {
                    python_lines.set(Some(Rc::new(PythonLines::parse(&text))));
                }
            });
        });
    }
    {
        let (selected, rust_file) = (selected.clone(), rust_file.clone());
        use_effect_with((scenario.rust_source.path, first), move |(path, first)| {
            selected.set(*first);
            let path = *path;
            wasm_bindgen_futures::spawn_local(async move { rust_file.set(Some((path, source_file(path).await))) });
        });
    }
    let index = (*selected).min(scenario.variants.len() - 1);
    let variant = &scenario.variants[index];
    {
        let python_file = python_file.clone();
        use_effect_with(variant.python.path, move |path| {
            let path = *path;
            wasm_bindgen_futures::spawn_local(async move { python_file.set(Some((path, source_file(path).await))) });
        });
    }
    let lang = props.lang;
    let positions = props.positions.iter().find(|(name, _)| *name == variant.name).map(|(_, p)| p);
    let python_marks = match (positions, python_lines.as_deref()) {
        (Some(positions), Some(table)) => positions.by_line(|site| table.line(scenario.id, variant.name, site)),
        _ => Vec::new(),
    };
    let rust_marks = positions.map_or_else(Vec::new, |positions| {
        positions.by_line(|site| (site.file() == scenario.rust_source.file_name()).then(|| site.line()))
    });
    let shown = |file: &Option<Fetched>, path: &str, text: &dyn Fn(&str) -> String| match file {
        Some((fetched, Ok(file))) if *fetched == path => AttrValue::from(text(file)),
        Some((fetched, Err(error))) if *fetched == path => AttrValue::from(error.clone()),
        _ => AttrValue::from(UI.loading.get(lang)),
    };
    let python = shown(&python_file, variant.python.path, &|text| props.params.in_python(text, scenario.params));
    let rust = shown(&rust_file, scenario.rust_source.path, &|text| text.to_owned());
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
                    <Highlighted code={python} language="python" marks={python_marks} {lang} />
                </figure>
                <figure>
                    <figcaption>{ UI.rust_caption.get(lang) }</figcaption>
                    <Highlighted code={rust} language="rust" marks={rust_marks} {lang} />
                </figure>
            </div>
        </section>
    }
}
