//! A column's mistakes named by its run's trace (`model::mistakes`): each with the Python line it
//! is about and its fix.

use std::rc::Rc;

use yew::prelude::*;

use crate::lesson::i18n::Lang;
use crate::model::mistakes::Mistake;
use crate::model::ui_text::UI;
use crate::web::sources::{use_line_map, use_source};

#[derive(Properties, PartialEq)]
pub struct MistakesViewProps {
    /// The lesson, by id: its Rust file and Python-line table name a twin's lines in Python.
    pub scenario: &'static str,
    /// The variant whose run it is.
    pub variant: &'static str,
    pub mistakes: Rc<Vec<Mistake>>,
    pub lang: Lang,
}

#[component]
pub fn MistakesView(props: &MistakesViewProps) -> Html {
    let lang = props.lang;
    // The Python line of each Rust line of a twin, as the code view finds it (fetched when a
    // column has mistakes, not on first load). A run on CPython names lines of the Python itself.
    let rust_path = crate::scenarios::find(props.scenario).map_or("", |s| s.rust_source.path);
    let rust_file = use_source(rust_path);
    let line_map = use_line_map(rust_file, props.scenario, Some(props.variant));
    let item = |mistake: &Mistake| {
        let sites = mistake.sites();
        let line = mistake.line(line_map.as_ref().as_ref());
        let place = match (line, sites.first()) {
            (Some(line), _) => UI.mistake_line.fill(lang, &[("line", &line.to_string())]),
            (None, Some(site)) => UI
                .mistake_rust_line
                .fill(lang, &[("site", &format!("{}:{}", site.file().unwrap_or("python"), site.line()))]),
            (None, None) => String::new(),
        };
        html! {
            <li data-testid="mistake" data-mistake={mistake.kind()} data-line={line.map(|l| l.to_string())}>
                if !place.is_empty() {
                    <strong class="mistake-line">{ place }</strong>{ " " }
                }
                { mistake.text(lang) }
            </li>
        }
    };
    html! {
        // Not a landmark (a labelled section would be one, under every column alike): a heading.
        <div class="mistakes" data-testid="mistakes">
            <h3>{ UI.mistakes_heading.get(lang) }</h3>
            <ul>{ for props.mistakes.iter().map(item) }</ul>
        </div>
    }
}
