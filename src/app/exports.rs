//! A finished run's exports, for slides, articles and profilers: the runs as a Chrome trace-event
//! file, the log as Markdown, the timeline as SVG and as PNG. Drawn by their own part of the page
//! (`Part::Exports`), asked for when a run starts: none of it is in the first load.

use yew::prelude::*;

use crate::lesson::i18n::Lang;
use crate::model::export::{markdown_log, LogColumn};
use crate::model::timeline_svg::{timeline_svg, SvgColumn};
use crate::model::ui_text::UI;
use crate::state::{exported_trace, Column};
use crate::trace::Speed;
use crate::web::hooks::use_png_download;
use crate::web::page;

#[derive(Properties, PartialEq, Clone)]
pub struct ExportsProps {
    /// The lesson's id: the name of an exported file.
    pub scenario: &'static str,
    /// The lesson's title, heading an exported log and timeline.
    pub title: &'static str,
    pub columns: Vec<Column>,
    /// Tutorial seconds per real second of the run.
    pub speed: f64,
    pub lang: Lang,
}

/// The finished columns' timelines as an SVG file (`model::timeline_svg`), as they are drawn.
fn timeline_file(columns: &[Column], title: &str, speed: f64, lang: Lang) -> String {
    let drawn: Vec<SvgColumn> = columns
        .iter()
        .filter(|c| c.outcome.is_some())
        .map(|c| SvgColumn { label: c.variant.label.get(lang), timeline: &c.timeline, lines: &c.lines })
        .collect();
    timeline_svg(title, speed, lang, &drawn)
}

#[component]
fn Exports(props: &ExportsProps) -> Html {
    let lang = props.lang;
    // The runs as a Chrome trace-event file, for Perfetto or DevTools: built when asked for.
    let export_trace = {
        let (columns, speed, scenario) = (props.columns.clone(), props.speed, props.scenario);
        Callback::from(move |_: MouseEvent| {
            if let Some(text) = page::json(&exported_trace(&columns, lang, speed)) {
                page::download(&format!("{scenario}.trace.json"), "application/json", &text);
            }
        })
    };
    // The log as Markdown, for slides and articles.
    let export_log = {
        let (columns, speed, scenario, title) = (props.columns.clone(), props.speed, props.scenario, props.title);
        Callback::from(move |_: MouseEvent| {
            let logs: Vec<LogColumn> = columns
                .iter()
                .filter_map(|c| {
                    c.outcome.as_ref().map(|o| LogColumn {
                        label: c.variant.label.get(lang),
                        lines: &c.lines,
                        elapsed: Speed(speed).seconds(o.elapsed_ms),
                        predicted: c.predicted.elapsed,
                    })
                })
                .collect();
            page::download(&format!("{scenario}.md"), "text/markdown", &markdown_log(title, speed, &logs));
        })
    };
    // The timeline, for slides and articles: as SVG, and as a PNG drawn from it.
    let export_svg = {
        let (columns, speed, scenario, title) = (props.columns.clone(), props.speed, props.scenario, props.title);
        Callback::from(move |_: MouseEvent| {
            let svg = timeline_file(&columns, title, speed, lang);
            page::download(&format!("{scenario}.timeline.svg"), "image/svg+xml", &svg);
        })
    };
    let (download_png, png_failed) = use_png_download();
    let export_png = {
        let (columns, speed, scenario, title) = (props.columns.clone(), props.speed, props.scenario, props.title);
        download_png.reform(move |_: MouseEvent| {
            (format!("{scenario}.timeline.png"), timeline_file(&columns, title, speed, lang))
        })
    };
    html! {
        <p class="exports">
            <button type="button" data-testid="export-trace" onclick={export_trace}
                title={UI.export_trace_title.get(lang)}>{ UI.export_trace.get(lang) }</button>
            <button type="button" data-testid="export-log" onclick={export_log}>{ UI.export_log.get(lang) }</button>
            <button type="button" data-testid="export-svg" onclick={export_svg}>{ UI.export_svg.get(lang) }</button>
            <button type="button" data-testid="export-png" onclick={export_png}>{ UI.export_png.get(lang) }</button>
            if !png_failed.is_empty() {
                <span class="field-error" role="alert" data-testid="export-png-error">
                    { UI.export_png_failed.fill(lang, &[("error", &png_failed)]) }
                </span>
            }
        </p>
    }
}

crate::app::lazy::part_view!(view: Exports(ExportsProps));
