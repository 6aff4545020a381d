//! The code: a variant's Python (ours, the one CI runs on CPython) beside the scenario's Rust,
//! highlighted, with the line each task is at marked in both during a run and in replay.

use yew::prelude::*;

use std::cell::Cell;
use std::rc::Rc;

use super::cpython_panel::CpythonPanel;
use super::lazy::lazy;

use crate::lesson::i18n::Lang;
use crate::lesson::params::{format_number, ParamError, ParamSpec, Params, Spot};
use crate::lesson::Scenario;
use crate::model::cpython::YOUR_VERSION;
use crate::model::own_values::OwnValue;
use crate::model::positions::{LineTasks, Positions};
use crate::model::ui_text::UI;
use crate::state::NotLinked;
use crate::trace::{task_name, Site};
use crate::web::editor::{use_editor, EditorSetup, EditorState, TaskMark};
use crate::web::highlight::{use_highlight, use_line_marks};
use crate::web::hooks::{use_cpython, CpythonAsk, CpythonCheck};
use crate::web::page::{capture_pointer_at_target, data_url, focus_by_id};
use crate::web::parts::Part;
use crate::web::sources::{prefetch, use_line_map, use_source, PYTHON_LINES};

#[derive(Properties, PartialEq, Clone)]
pub struct CodeViewProps {
    pub scenario: &'static Scenario,
    pub lang: Lang,
    /// The page's speed: a learner's program, after its virtual run, is measured on real time at it.
    pub speed: f64,
    /// The variant the page shows alone, if one: its code is shown first.
    pub shown: Option<&'static str>,
    /// Where each variant's tasks are now, by variant name (see `Playground::positions`).
    pub positions: Vec<(&'static str, Positions)>,
    /// The values in force: the Python shows them in place of the tutorial's.
    pub params: Params,
    /// A literal in the code was dragged or stepped to a new value.
    pub on_edit: Callback<(&'static str, f64)>,
    /// Edit mode: the learner's version, while they edit (`Playground::edited`).
    pub edited: Option<String>,
    /// The packed length of an edited version too long for a link.
    pub code_not_linked: Option<NotLinked>,
    /// The learner edited, reset (`Some`) or closed (`None`) their version.
    pub on_edit_code: Callback<Option<String>>,
    /// A column's request to run its variant on CPython (`Playground::cpython_request`).
    pub cpython_request: Option<(&'static str, u64)>,
    /// CPython's check of the learner's version, as it goes (idle while they do not edit): the
    /// page shows its run as a column and reports it to the embed API.
    pub on_own_check: Callback<CpythonCheck>,
}

/// The Python's editable literals: where each stands, and its value in force.
#[derive(Clone, PartialEq)]
struct Literals {
    spots: Vec<Spot>,
    values: Vec<f64>,
    on_edit: Callback<(&'static str, f64)>,
}

#[derive(Properties, PartialEq)]
struct HighlightedProps {
    code: AttrValue,
    language: &'static str,
    /// What the code is, for screen readers (the caption above it).
    label: &'static str,
    /// The lines tasks are at, with the tasks.
    marks: Vec<LineTasks>,
    lang: Lang,
    /// The numbers a learner can change in the code itself (the Python's literals).
    #[prop_or_default]
    literals: Option<Literals>,
}

/// Real pixels of a drag per step of the parameter.
const PX_PER_STEP: f64 = 8.0;

/// A parameter's value moved by `steps` of its step, kept in its range.
fn stepped(spec: &ParamSpec, from: f64, steps: f64) -> f64 {
    let value = from + steps * spec.step;
    // Rounded to the step's decimals: 0.1 + 0.2 shows as 0.3.
    let scale = 10f64.powi(((1.0 / spec.step).log10().ceil() as i32).max(0));
    ((value * scale).round() / scale).clamp(spec.min, spec.max)
}

/// One editable literal: a transparent button over the number, with a dotted underline. Drag it
/// sideways to change the value (a step per 8 px), or use the arrow keys; a click without a drag
/// moves to the parameter's field.
fn literal_view(
    index: usize,
    spot: &Spot,
    value: f64,
    on_edit: &Callback<(&'static str, f64)>,
    drag: &Rc<Cell<Option<(f64, f64)>>>,
    lang: Lang,
) -> Html {
    let spec = spot.param;
    let name = spec.name;
    let onpointerdown = {
        let drag = drag.clone();
        Callback::from(move |e: PointerEvent| {
            e.prevent_default();
            capture_pointer_at_target(&e);
            drag.set(Some((f64::from(e.client_x()), value)));
        })
    };
    let onpointermove = {
        let (drag, on_edit) = (drag.clone(), on_edit.clone());
        Callback::from(move |e: PointerEvent| {
            let Some((x, from)) = drag.get() else { return };
            let steps = ((f64::from(e.client_x()) - x) / PX_PER_STEP).round();
            let to = stepped(spec, from, steps);
            if to != value {
                on_edit.emit((name, to));
            }
        })
    };
    let onpointerup = {
        let drag = drag.clone();
        Callback::from(move |e: PointerEvent| {
            let Some((x, _)) = drag.take() else { return };
            if (f64::from(e.client_x()) - x).abs() < PX_PER_STEP / 2.0 {
                focus_by_id(&format!("param-{name}"));
            }
        })
    };
    let onpointercancel = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| drag.set(None))
    };
    let onkeydown = {
        let on_edit = on_edit.clone();
        Callback::from(move |e: KeyboardEvent| {
            let steps = match e.key().as_str() {
                "ArrowUp" | "ArrowRight" => 1.0,
                "ArrowDown" | "ArrowLeft" => -1.0,
                "Enter" | " " => {
                    e.prevent_default();
                    focus_by_id(&format!("param-{name}"));
                    return;
                }
                _ => return,
            };
            e.prevent_default();
            on_edit.emit((name, stepped(spec, value, steps)));
        })
    };
    let label = UI.edit_literal.fill(lang, &[("name", name), ("value", &format_number(value))]);
    html! {
        <button type="button" class="literal" data-testid={format!("literal-{index}")} data-param={name}
            data-line={spot.line.to_string()} data-column={spot.column.to_string()} data-width={spot.width.to_string()}
            title={label.clone()} aria-label={label}
            {onpointerdown} {onpointermove} {onpointerup} {onpointercancel} {onkeydown}></button>
    }
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
    let dragging = use_memo((), |_| Rc::new(Cell::new(None::<(f64, f64)>)));
    use_highlight(&code_ref, &props.code, props.language);
    let placed = props
        .literals
        .as_ref()
        .map_or_else(Vec::new, |l| l.spots.iter().map(|s| (s.line, s.column, s.width)).collect());
    use_line_marks(&pre_ref, props.marks.iter().map(|(line, _)| *line).collect(), placed);
    let lang = props.lang;
    html! {
        // A region that scrolls: reachable by keyboard (tabindex) and named for screen readers.
        <pre ref={pre_ref} class={format!("language-{}", props.language)} tabindex="0" role="region"
            aria-label={props.label}>
            <code ref={code_ref} class={format!("language-{}", props.language)}>{ props.code.clone() }</code>
            // The literals and marks in a box of their own (display: contents, so they are placed
            // against the pre): their number changes as a run goes, and Yew matches unkeyed
            // siblings from the end, so beside <code> they would make it rebuild the code element
            // and drop Prism's highlighting.
            <span class="code-overlays">
                if let Some(literals) = &props.literals {
                    { for literals.spots.iter().zip(&literals.values).enumerate().map(|(i, (spot, value))| {
                        literal_view(i, spot, *value, &literals.on_edit, &dragging, lang)
                    }) }
                }
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
            </span>
        </pre>
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct EditorProps {
    text: String,
    on_change: Callback<String>,
    error_line: Option<u32>,
    /// The lines the tasks of the learner's run are at, at the replay's instant.
    marks: Vec<LineTasks>,
    lang: Lang,
}

crate::app::lazy::part_view!(editor_view: Editor(EditorProps));

/// The learner's version in CodeMirror, loaded when first shown, with a field for each number of
/// the program a learner may want to vary.
#[component]
fn Editor(props: &EditorProps) -> Html {
    let node = use_node_ref();
    let lang = props.lang;
    let marks = props
        .marks
        .iter()
        .map(|(line, tasks)| {
            let names = tasks_label(tasks, lang);
            let label = UI.tasks_at_line.fill(lang, &[("tasks", &names), ("line", &line.to_string())]);
            TaskMark { line: *line, names, label }
        })
        .collect();
    let numbers = use_state(Vec::<OwnValue>::new);
    let on_numbers = {
        let numbers = numbers.clone();
        Callback::from(move |list| numbers.set(list))
    };
    let (state, set_number) = use_editor(
        &node,
        EditorSetup {
            text: props.text.clone(),
            on_change: props.on_change.clone(),
            on_numbers,
            error_line: props.error_line,
            marks,
            label: UI.editor_label.get(lang),
        },
    );
    html! {
        <div class="editor" data-testid="editor">
            if state == EditorState::Loading {
                <p class="hint">{ UI.editor_loading.get(lang) }</p>
            }
            if let EditorState::Failed(error) = state {
                <p class="error">{ error }</p>
            }
            if !numbers.is_empty() {
                <OwnValues values={(*numbers).clone()} {lang} on_set={set_number} />
            }
            <div ref={node}></div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct OwnValuesProps {
    values: Vec<OwnValue>,
    lang: Lang,
    /// Writes a checked value over `from..to` of the program.
    on_set: Callback<(u32, u32, String)>,
}

/// A field per number of the learner's program. What is typed goes into the program at once when
/// it is a number in range; otherwise it stays in its field, with the reason beside it.
#[component]
fn OwnValues(props: &OwnValuesProps) -> Html {
    let lang = props.lang;
    // The field being typed in: its index, its text, and why that text is refused, if it is.
    let typing = use_state(|| None::<(usize, String, Option<ParamError>)>);
    html! {
        <fieldset class="own-values" data-testid="own-values">
            <legend>{ UI.own_values.get(lang) }</legend>
            { for props.values.iter().enumerate().map(|(i, value)| {
                let id = format!("own-value-{i}");
                let error_id = format!("own-value-error-{i}");
                let (text, error) = match &*typing {
                    Some((at, text, error)) if *at == i => (text.clone(), error.clone()),
                    _ => (value.text.clone(), None),
                };
                let oninput = {
                    let (typing, on_set, value) = (typing.clone(), props.on_set.clone(), value.clone());
                    Callback::from(move |e: InputEvent| {
                        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                        let raw = input.value();
                        match value.check(&raw) {
                            Ok(written) => {
                                typing.set(Some((i, raw, None)));
                                on_set.emit((value.from, value.to, written));
                            }
                            Err(error) => typing.set(Some((i, raw, Some(error)))),
                        }
                    })
                };
                let onblur = {
                    let typing = typing.clone();
                    Callback::from(move |_: FocusEvent| {
                        if matches!(&*typing, Some((at, _, None)) if *at == i) {
                            typing.set(None);
                        }
                    })
                };
                let message = error.as_ref().map(|error| value.message(error, lang));
                html! {
                    <div class={classes!("param", message.is_some().then_some("invalid"))} key={id.clone()}>
                        <label for={id.clone()}>{ value.label(lang) }</label>
                        <div class="param-inputs">
                            <input id={id.clone()} data-testid={id} type="text" inputmode="decimal" value={text}
                                {oninput} {onblur} aria-invalid={message.is_some().to_string()}
                                aria-describedby={message.is_some().then(|| error_id.clone())} />
                            <span class="unit">{ value.unit(lang) }</span>
                        </div>
                        if let Some(message) = message {
                            <p class="field-error" id={error_id.clone()} data-testid={error_id} role="alert">{ message }</p>
                        }
                    </div>
                }
            }) }
        </fieldset>
    }
}

/// What "New program" opens: the smallest asyncio program, to paste over or grow.
const NEW_PROGRAM: &str = "import asyncio\n\n\nasync def main():\n    print('Hello ...')\n    await asyncio.sleep(1)\n    print('... World!')\n\n\nasyncio.run(main())\n";

/// The line of the program CPython's error is at: the last frame in the program's own file of
/// its traceback, or the line of a syntax error (`  File "sequential.py", line 3`).
fn error_line(check: &CpythonCheck, program: &str) -> Option<u32> {
    let CpythonCheck::Done { run, .. } = check else { return None };
    if run.exit.status != "exception" {
        return None;
    }
    let frame = format!("  File \"{program}\", line ");
    run.stderr.iter().rev().find_map(|line| {
        let rest = line.text.strip_prefix(&frame)?;
        rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
    })
}

crate::app::lazy::part_view!(view: CodeView(CodeViewProps));

/// The variant whose code is shown first: the one the page shows alone, else the first.
fn first_shown(scenario: &Scenario, shown: Option<&str>) -> usize {
    shown.and_then(|name| scenario.variants.iter().position(|v| v.name == name)).unwrap_or(0)
}

/// The code, its part (`Part::Code`) loaded with the first drawing: the files it shows are
/// fetched at the same time, not once its code is in.
#[component]
pub fn LazyCodeView(props: &CodeViewProps) -> Html {
    let (scenario, first) = (props.scenario, first_shown(props.scenario, props.shown));
    use_effect_with((scenario.id, first), move |&(_, first)| {
        prefetch(&[scenario.rust_source.path, scenario.variants[first].python.path, PYTHON_LINES]);
    });
    crate::app::lazy::use_lazy(crate::web::parts::Part::Code, props, props.lang, Html::default())
}

#[component]
fn CodeView(props: &CodeViewProps) -> Html {
    let scenario = props.scenario;
    let first = first_shown(scenario, props.shown);
    let selected = use_state(|| first);
    {
        let selected = selected.clone();
        use_effect_with((scenario.id, first), move |(_, first)| selected.set(*first));
    }
    let index = (*selected).min(scenario.variants.len() - 1);
    let variant = &scenario.variants[index];
    // The scenario's Rust and the shown variant's Python: fetched when first shown (they are not
    // part of the first load), and the table of which Python line each Rust wait is at.
    let rust_file = use_source(scenario.rust_source.path);
    let python_file = use_source(variant.python.path);
    let line_map = use_line_map(rust_file.clone(), scenario.id, Some(variant.name));
    let lang = props.lang;
    let positions = props.positions.iter().find(|(name, _)| *name == variant.name).map(|(_, p)| p);
    let python_marks = match (positions, (*line_map).as_ref()) {
        (Some(positions), Some(lines)) => positions.by_line(|site| lines.get(site)),
        _ => Vec::new(),
    };
    // The learner's run on CPython: its sites are lines of the program in the editor.
    let your_marks =
        props.positions.iter().find(|(name, _)| *name == YOUR_VERSION.name).map_or_else(Vec::new, |(_, p)| {
            p.by_line(|site| match site {
                Site::Python(line) => Some(line),
                Site::Rust(_) => None,
            })
        });
    let rust_marks = positions.map_or_else(Vec::new, |positions| {
        positions.by_line(|site| (site.file() == Some(scenario.rust_source.file_name())).then(|| site.line()))
    });
    let shown = |file: Option<Result<Rc<str>, String>>, text: &dyn Fn(&str) -> String| match file {
        Some(Ok(file)) => AttrValue::from(text(&file)),
        Some(Err(error)) => AttrValue::from(error),
        None => AttrValue::from(UI.loading.get(lang)),
    };
    let python_loaded = matches!(python_file, Some(Ok(_)));
    // The Python with the values in force, and where its literals stand in it.
    let (python_text, spots) = match &python_file {
        Some(Ok(text)) => props.params.python_with_spots(text, scenario.params, variant.literals),
        _ => (String::new(), Vec::new()),
    };
    let literals = Literals {
        values: spots.iter().map(|spot| props.params.get(spot.param)).collect(),
        spots,
        on_edit: props.on_edit.clone(),
    };
    let python = shown(python_file, &|_| python_text.clone());
    // The program as a file to run at home: the site's own file with the tutorial's values, else
    // the text in force.
    let defaults = scenario.params.iter().all(|spec| props.params.get(spec) == spec.default);
    let download_href = if defaults { variant.python.path.to_owned() } else { data_url("text/x-python", &python) };
    let download_name = variant.python.file_name();
    let rust = shown(rust_file, &|text| text.to_owned());
    // Edit mode: the learner's version of this variant, if they are editing (reset when the
    // variant changes), and CPython's run of the shown or edited program.
    let edited = props.edited.clone();
    let (check, run_cpython, stop_cpython) =
        use_cpython((scenario.id, variant.name, props.params.clone(), edited.clone()));
    let program = format!("{}.py", variant.name);
    {
        let on_own_check = props.on_own_check.clone();
        let own = if edited.is_some() { check.clone() } else { CpythonCheck::Idle };
        use_effect_with(own, move |own| on_own_check.emit(own.clone()));
    }
    let speed = props.speed;
    let on_run = python_loaded.then(|| {
        let (params, python, edited) = (props.params.clone(), python_text.clone(), edited.clone());
        run_cpython.reform(move |()| CpythonAsk {
            scenario,
            variant,
            params: params.clone(),
            compare: edited.is_none(),
            python: edited.clone().unwrap_or_else(|| python.clone()),
            measure_at: edited.is_some().then_some(speed),
        })
    });
    // A column asked for its variant on CPython: show its code and run it there, once.
    {
        let selected = selected.clone();
        use_effect_with(props.cpython_request, move |request| {
            if let Some(i) = request.and_then(|(name, _)| scenario.variants.iter().position(|v| v.name == name)) {
                selected.set(i);
                focus_by_id("cpython");
            }
        });
    }
    let handled = use_mut_ref(|| 0_u64);
    {
        let (handled, run_cpython, params, python) =
            (handled.clone(), run_cpython.clone(), props.params.clone(), python_text.clone());
        use_effect_with((props.cpython_request, python_loaded, variant.name), move |(request, loaded, shown)| {
            if let Some((name, count)) = *request {
                if *loaded && name == *shown && *handled.borrow() != count {
                    *handled.borrow_mut() = count;
                    run_cpython.emit(CpythonAsk { scenario, variant, params, compare: true, python, measure_at: None });
                }
            }
        });
    }
    let start_editing = {
        let (on_edit_code, python) = (props.on_edit_code.clone(), python_text.clone());
        Callback::from(move |_| on_edit_code.emit(Some(python.clone())))
    };
    // A program of the learner's own, from a few lines to paste over or grow.
    let new_program = props.on_edit_code.reform(|_| Some(NEW_PROGRAM.to_owned()));
    // Start and Reset both put the shown text, with the values in force, in the editor.
    let reset_edit = start_editing.clone();
    let close_editor = props.on_edit_code.reform(|_| None);
    let on_change = props.on_edit_code.reform(Some);
    html! {
        <section class="code" data-testid="code">
            <h2>{ UI.code.get(lang) }</h2>
            <div class="code-tabs">
                { for scenario.variants.iter().enumerate().map(|(i, v)| {
                    let selected = selected.clone();
                    html! {
                        <button type="button" aria-pressed={(i == index).to_string()}
                            class={classes!((i == index).then_some("active"))}
                            onclick={Callback::from(move |_| selected.set(i))}>
                            { v.label.get(lang) }
                            if v.ours {
                                { " " }
                                <span class="ours" title={UI.ours_title.get(lang)}>{ UI.ours.get(lang) }</span>
                            }
                        </button>
                    }
                }) }
            </div>
            <div class="code-panes">
                <figure>
                    <figcaption>
                        { UI.python_caption.get(lang) }
                        if python_loaded && edited.is_none() {
                            <a class="download" data-testid="download-py" href={download_href} download={download_name}>
                                { UI.download_py.get(lang) }
                            </a>
                            <button type="button" class="edit" data-testid="edit" onclick={start_editing}>{ UI.edit.get(lang) }</button>
                            <button type="button" class="edit" data-testid="new-program" onclick={new_program}>{ UI.new_program.get(lang) }</button>
                        }
                        if edited.is_some() {
                            <button type="button" class="edit" data-testid="edit-reset" onclick={reset_edit}>{ UI.edit_reset.get(lang) }</button>
                            <button type="button" class="edit" data-testid="edit-close" onclick={close_editor}>{ UI.edit_close.get(lang) }</button>
                        }
                    </figcaption>
                    if let Some(text) = edited.clone() {
                        <p class="hint">{ UI.edited_note.get(lang) }</p>
                        if let Some(NotLinked::TooLong(len)) = props.code_not_linked {
                            <p class="field-error" data-testid="code-too-long">
                                { UI.code_too_long_for_link.fill(lang, &[("kb", &format!("{:.1}", len as f64 / 1024.0)), ("max", "16")]) }
                            </p>
                        }
                        if props.code_not_linked == Some(NotLinked::CannotPack) {
                            <p class="field-error" data-testid="code-not-packed">{ UI.code_cannot_pack.get(lang) }</p>
                        }
                        // The editor, its code (and CodeMirror's) loaded when first shown.
                        { lazy(Part::Editor, lang, EditorProps { text, on_change, error_line: error_line(&check, &program), marks: your_marks, lang }) }
                    } else {
                        <Highlighted code={python} language="python" label={UI.python_caption.get(lang)} marks={python_marks} {lang} literals={Some(literals)} />
                    }
                    if !scenario.stand_ins.is_empty() {
                        <p class="stand-ins" data-testid="stand-ins">
                            { UI.stand_ins.get(lang) }
                            { for scenario.stand_ins.iter().map(|module| html! {
                                <>{ " " }<a href={module.path} target="_blank" rel="noopener">{ module.in_folder() }</a></>
                            }) }
                        </p>
                    }
                </figure>
                <figure>
                    <figcaption>{ UI.rust_caption.get(lang) }</figcaption>
                    <Highlighted code={rust} language="rust" label={UI.rust_caption.get(lang)} marks={rust_marks} {lang} />
                </figure>
            </div>
            <CpythonPanel {check} {on_run} on_stop={stop_cpython} edited={edited.is_some()} {speed} {lang} />
        </section>
    }
}
