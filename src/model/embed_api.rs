//! The embed API as plain data: the events the playground posts to the page that embeds it, the
//! commands it accepts, and the embed code. The shapes are a public contract, documented in the
//! README; the tests below pin each one. Events are `Serialize` and commands `Deserialize`:
//! `web::embed` turns them into the page's objects and back with `serde-wasm-bindgen` (no JSON
//! text in between, and lighter in the wasm than `serde_json`, which the tests use).

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

use super::cpython::CpythonRun;
use super::ui_text::UI;
use crate::aio::py_format_g;
use crate::lesson::i18n::Lang;
use crate::lesson::params::{ParamError, ParamSpec, Params, SPEED};
use crate::lesson::Scenario;
use crate::model::await_graph::{task_label, Doing};
use crate::model::export::ChromeTrace;
use crate::model::inspector::{TaskRow, TurnView};
use crate::model::predict::Verdict;
use crate::trace::{task_name, Callback, Exit, Line, Outcome, RunOutcome, Speed, Trace, WaitOn};

/// Every event carries it, so the embedding page can tell them from other messages.
pub const SOURCE: &str = "coroutine-playground";

/// The events' `type`s: a message with one of these and our `source` is our own echo.
const EVENT_TYPES: [&str; 8] =
    ["ready", "run-started", "line", "run-finished", "run-cancelled", "resize", "exported", "inspected"];

/// Why a run ended before finishing: `run-cancelled`'s `reason`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CancelReason {
    /// Stop was pressed, or a `stop` command came.
    Stopped,
    /// Run was pressed (or a `run` command came) during the run.
    Restarted,
    /// A parameter or the speed changed, from the form or a `set-params` command.
    ParamsChanged,
    /// Another scenario, or another choice of variants, was opened.
    ScenarioChanged,
}

/// What ran a variant: the page's Rust engine (a lesson's column), or CPython in the page (a
/// learner's or tutorial author's own program).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    Rust,
    Cpython,
}

/// One variant's part of `run-finished`.
#[derive(Debug, PartialEq, Serialize)]
pub struct VariantResult<'a> {
    pub name: &'a str,
    pub engine: Engine,
    pub lines: Vec<Line>,
    /// Measured on the page's loop, in tutorial seconds, like the column's "elapsed".
    pub elapsed: f64,
    pub elapsed_ms: f64,
    /// The virtual clock's elapsed time for the same values, tutorial seconds.
    pub predicted_elapsed: f64,
    /// The uncaught exception the variant ended with, as Python's last traceback line.
    pub error: Option<&'a str>,
    /// The variant would wait forever: it was stopped, not finished.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub never_exits: bool,
}

impl<'a> VariantResult<'a> {
    /// A program CPython in the page ran (on its virtual clock: no prediction apart from it).
    pub fn cpython(name: &'a str, run: &'a CpythonRun, speed: f64) -> Self {
        let elapsed = run.end();
        VariantResult {
            name,
            engine: Engine::Cpython,
            lines: run.written(speed),
            elapsed,
            elapsed_ms: Speed(speed).ms(elapsed),
            predicted_elapsed: elapsed,
            error: run.exit.exception.as_deref(),
            never_exits: run.exit.status == "never-exits",
        }
    }

    pub fn new(name: &'a str, outcome: &'a RunOutcome, predicted_elapsed: f64, speed: f64) -> Self {
        let (error, never_exits) = match &outcome.exit {
            Exit::Ok => (None, false),
            Exit::Exception(text) => (Some(text.as_str()), false),
            Exit::NeverExits => (None, true),
        };
        VariantResult {
            name,
            engine: Engine::Rust,
            lines: outcome.lines(),
            elapsed: Speed(speed).seconds(outcome.elapsed_ms),
            elapsed_ms: outcome.elapsed_ms,
            predicted_elapsed,
            error,
            never_exits,
        }
    }
}

/// An event posted to the embedding page (or to the page itself when it is not embedded).
pub enum Event<'a> {
    /// The page is interactive; `ms` is `performance.now()` then.
    Ready {
        scenario: &'a str,
        ms: f64,
    },
    RunStarted {
        scenario: &'a str,
        params: &'a Params,
        speed: f64,
        variants: Vec<&'a str>,
        /// What runs them: the lesson's columns, or CPython with the author's own program.
        engine: Engine,
    },
    Line {
        variant: &'a str,
        line: &'a Line,
    },
    RunFinished {
        scenario: &'a str,
        params: &'a Params,
        speed: f64,
        variants: Vec<VariantResult<'a>>,
    },
    RunCancelled {
        scenario: &'a str,
        reason: CancelReason,
    },
    /// The document's height in CSS pixels, for `embed.js` to size the `<iframe>`.
    Resize {
        height: f64,
    },
    /// The answer to `export`: the last finished run in the format asked for.
    Exported {
        scenario: &'a str,
        trace: &'a ChromeTrace,
    },
    /// Predict mode, after a run: how the learner's prediction for one variant did.
    Prediction {
        scenario: &'a str,
        variant: &'a str,
        verdict: &'a Verdict,
    },
    /// The answer to `inspect`: one turn of the inspected variant's loop, as plain data.
    Inspected {
        scenario: &'a str,
        variant: &'a str,
        view: &'a TurnView<'a>,
        trace: &'a Trace,
    },
}

/// A task at a turn, as the `inspected` event gives it: `{"task": 2, "name": "Task-2 say_after",
/// "state": "waiting", "on": "asyncio.sleep(1)", "until": 1.0, "site": "say_after.rs:30"}`.
struct TaskAtTurn<'a>(&'a TaskRow);

impl Serialize for TaskAtTurn<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let row = self.0;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("task", &row.task)?;
        map.serialize_entry("name", &row.label)?;
        let state = match &row.doing {
            Doing::Ready => "ready",
            Doing::Waiting { .. } => "waiting",
            Doing::Done(Outcome::Returned) => "done",
            Doing::Done(Outcome::Cancelled) => "cancelled",
            Doing::Done(Outcome::Raised(_)) => "failed",
        };
        map.serialize_entry("state", state)?;
        if let Doing::Waiting { on, since } = &row.doing {
            let (on, until) = match on {
                WaitOn::Sleep(seconds) => (format!("asyncio.sleep({})", py_format_g(*seconds)), Some(since + seconds)),
                WaitOn::Task(task) => (task_name(*task), None),
                WaitOn::Future(what) | WaitOn::External(what) | WaitOn::Queue(what) => (what.to_string(), None),
            };
            map.serialize_entry("on", &on)?;
            map.serialize_entry("until", &until)?;
        }
        map.serialize_entry("site", &row.site)?;
        map.end()
    }
}

/// A timer as the `inspected` event gives it: `{"when": 2.0, "callback": {"wakes": 3}}`.
struct Timer<'a>(&'a (f64, Callback));

impl Serialize for Timer<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("when", &self.0 .0)?;
        map.serialize_entry("callback", &self.0 .1)?;
        map.end()
    }
}

/// The parameters as an object, `{name: value}`.
struct ByName<'a>(&'a Params);

impl Serialize for ByName<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter())
    }
}

/// Pairs written as a JSON object: `{"sequential": "rust", …}`.
struct Pairs<'a, V>(&'a [(&'a str, V)]);

impl<V: Serialize> Serialize for Pairs<'_, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// An event as posted: one object, `source` and `type` first, then the event's fields.
pub struct Posted<'a>(&'a Event<'a>);

impl<'a> Event<'a> {
    /// The event as posted, with our `source`.
    pub fn posted(&'a self) -> Posted<'a> {
        Posted(self)
    }
}

// Written out rather than derived: serde's internal tagging and `flatten` cost the page's wasm
// more than these lines (measured with scripts/bench size).
impl Serialize for Posted<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("source", SOURCE)?;
        match self.0 {
            Event::Ready { scenario, ms } => {
                map.serialize_entry("type", "ready")?;
                map.serialize_entry("scenario", scenario)?;
                map.serialize_entry("ms", ms)?;
            }
            Event::RunStarted { scenario, params, speed, variants, engine } => {
                map.serialize_entry("type", "run-started")?;
                map.serialize_entry("scenario", scenario)?;
                map.serialize_entry("params", &ByName(params))?;
                map.serialize_entry("speed", speed)?;
                map.serialize_entry("variants", variants)?;
                let engines: Vec<(&str, Engine)> = variants.iter().map(|name| (*name, *engine)).collect();
                map.serialize_entry("engines", &Pairs(&engines))?;
            }
            Event::Line { variant, line } => {
                map.serialize_entry("type", "line")?;
                map.serialize_entry("variant", variant)?;
                map.serialize_entry("task", &line.task)?;
                map.serialize_entry("text", &line.text)?;
                map.serialize_entry("t", &line.t)?;
                map.serialize_entry("ms", &line.ms)?;
                map.serialize_entry("stream", &line.stream)?;
            }
            Event::RunFinished { scenario, params, speed, variants } => {
                map.serialize_entry("type", "run-finished")?;
                map.serialize_entry("scenario", scenario)?;
                map.serialize_entry("params", &ByName(params))?;
                map.serialize_entry("speed", speed)?;
                map.serialize_entry("variants", variants)?;
            }
            Event::RunCancelled { scenario, reason } => {
                map.serialize_entry("type", "run-cancelled")?;
                map.serialize_entry("scenario", scenario)?;
                map.serialize_entry("reason", reason)?;
            }
            Event::Resize { height } => {
                map.serialize_entry("type", "resize")?;
                map.serialize_entry("height", height)?;
            }
            Event::Exported { scenario, trace } => {
                map.serialize_entry("type", "exported")?;
                map.serialize_entry("scenario", scenario)?;
                map.serialize_entry("format", "chrome-trace")?;
                map.serialize_entry("data", trace)?;
            }
            Event::Prediction { scenario, variant, verdict } => {
                map.serialize_entry("type", "prediction")?;
                map.serialize_entry("scenario", scenario)?;
                map.serialize_entry("variant", variant)?;
                map.serialize_entry("correct_lines", &verdict.correct_lines)?;
                map.serialize_entry("total_lines", &verdict.total_lines)?;
                map.serialize_entry("elapsed_guess", &verdict.elapsed_guess)?;
                map.serialize_entry("elapsed", &verdict.elapsed)?;
            }
            Event::Inspected { scenario, variant, view, trace } => {
                map.serialize_entry("type", "inspected")?;
                map.serialize_entry("scenario", scenario)?;
                map.serialize_entry("variant", variant)?;
                map.serialize_entry("tick", &view.index)?;
                map.serialize_entry("turns", &view.count)?;
                map.serialize_entry("t", &view.turn.t)?;
                map.serialize_entry("ready", &view.turn.ready)?;
                let due: Vec<Timer> = view.turn.due.iter().map(Timer).collect();
                map.serialize_entry("due", &due)?;
                let timers: Vec<Timer> = view.turn.timers.iter().map(Timer).collect();
                map.serialize_entry("timers", &timers)?;
                let tasks: Vec<TaskAtTurn> = view.tasks.iter().map(TaskAtTurn).collect();
                map.serialize_entry("tasks", &tasks)?;
                let printed: Vec<&str> = view.printed.iter().map(|l| l.text.as_str()).collect();
                map.serialize_entry("printed", &printed)?;
                // Names by task number, from 1: what a `{"step": 2}` steps.
                let names: Vec<String> = (1..trace.tasks.len()).map(|task| task_label(trace, task)).collect();
                map.serialize_entry("task_names", &names)?;
            }
        }
        map.end()
    }
}

/// One value of a command, as sent: what a form field could hold, or a container (whose
/// contents are not read: a hostile page cannot make the reader recurse).
#[derive(Clone, Debug, PartialEq)]
pub enum Sent {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    List,
    Object,
}

impl Sent {
    /// The value as it would be typed in a field: a string as it is, anything else as JSON.
    fn as_typed(&self) -> String {
        match self {
            Sent::String(text) => text.clone(),
            other => other.to_text(),
        }
    }

    /// Short JSON for a message: containers are elided.
    fn to_text(&self) -> String {
        match self {
            Sent::Null => "null".to_owned(),
            Sent::Bool(value) => value.to_string(),
            Sent::Number(value) => value.to_string(),
            Sent::String(text) => format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\"")),
            Sent::List => "[…]".to_owned(),
            Sent::Object => "{…}".to_owned(),
        }
    }
}

impl<'de> Deserialize<'de> for Sent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Sent, D::Error> {
        struct SentVisitor;
        impl<'de> Visitor<'de> for SentVisitor {
            type Value = Sent;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_unit<E>(self) -> Result<Sent, E> {
                Ok(Sent::Null)
            }
            fn visit_none<E>(self) -> Result<Sent, E> {
                Ok(Sent::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Sent, D::Error> {
                Sent::deserialize(d)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Sent, E> {
                Ok(Sent::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Sent, E> {
                Ok(Sent::Number(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Sent, E> {
                Ok(Sent::Number(v as f64))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Sent, E> {
                Ok(Sent::Number(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Sent, E> {
                Ok(Sent::String(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Sent, E> {
                Ok(Sent::String(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Sent, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Sent::List)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Sent, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Sent::Object)
            }
        }
        deserializer.deserialize_any(SentVisitor)
    }
}

/// A command's `params`: its fields in the order sent, or that it was something else.
#[derive(Clone, Debug, PartialEq)]
enum Fields {
    Object(Vec<(String, Sent)>),
    NotAnObject,
}

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Fields, D::Error> {
        struct FieldsVisitor;
        impl<'de> Visitor<'de> for FieldsVisitor {
            type Value = Fields;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of values by name")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
                let mut fields = Vec::new();
                while let Some(field) = map.next_entry::<String, Sent>()? {
                    fields.push(field);
                }
                Ok(Fields::Object(fields))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Fields, A::Error> {
                Sent::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(|_| Fields::NotAnObject)
            }
            fn visit_unit<E>(self) -> Result<Fields, E> {
                Ok(Fields::NotAnObject)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Fields, E> {
                Ok(Fields::NotAnObject)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Fields, E> {
                Ok(Fields::NotAnObject)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Fields, E> {
                Ok(Fields::NotAnObject)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Fields, E> {
                Ok(Fields::NotAnObject)
            }
            fn visit_str<E>(self, _: &str) -> Result<Fields, E> {
                Ok(Fields::NotAnObject)
            }
        }
        deserializer.deserialize_any(FieldsVisitor)
    }
}

/// A posted message, as far as a command is read: anything else in it is ignored. Only an
/// object is a message (serde would also read a struct from an array, by position).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Message(MessageFields);

impl<'de> Deserialize<'de> for Message {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Message, D::Error> {
        struct MessageVisitor;
        impl<'de> Visitor<'de> for MessageVisitor {
            type Value = Message;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Message, A::Error> {
                MessageFields::deserialize(de::value::MapAccessDeserializer::new(map)).map(Message)
            }
        }
        deserializer.deserialize_map(MessageVisitor)
    }
}

/// The fields of a [`Message`] that a command reads.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
struct MessageFields {
    #[serde(rename = "type", default)]
    kind: Option<Sent>,
    #[serde(default)]
    source: Option<Sent>,
    #[serde(default)]
    params: Option<Fields>,
    #[serde(default)]
    speed: Option<Sent>,
    #[serde(default)]
    code: Option<Sent>,
    #[serde(default)]
    format: Option<Sent>,
    #[serde(default)]
    tick: Option<Sent>,
}

/// A command from the embedding page.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// As if Run were pressed.
    Run,
    /// As if Stop were pressed.
    Stop,
    /// Values as sent, by name; [`check_values`] puts them through the form's validator.
    SetParams { params: Vec<(String, Sent)>, speed: Option<Sent> },
    /// The embedding page's own version of the lesson's Python (edit mode's `code=`).
    SetCode { code: String },
    /// The last finished run, as a Chrome trace-event file (`format: "chrome-trace"`), posted
    /// back as an `exported` event.
    Export,
    /// Open the loop inspector at this turn (`tick`), posted back as an `inspected` event.
    Inspect(usize),
}

/// The longest program `set-code` takes, in bytes of UTF-8.
pub const MAX_SET_CODE: usize = 64 * 1024;

/// What a posted message turned out to be.
#[derive(Clone, Debug, PartialEq)]
pub enum Incoming {
    Command(Command),
    /// One of the playground's own events: a page that is not embedded posts them to itself.
    OwnEvent,
}

/// Why (part of) a message was ignored: a console warning for whoever wrote the embedding page.
#[derive(Clone, Debug, PartialEq)]
pub enum Rejection {
    NotAnObject,
    NoType,
    UnknownType(String),
    ParamsNotAnObject,
    UnknownParam(String),
    BadValue {
        name: String,
        value: String,
        error: ParamError,
    },
    /// `run` while fields hold invalid values: each field's name and why.
    CannotRun(Vec<(&'static str, ParamError)>),
    /// From a window other than the embedding page (or this page itself).
    ForeignWindow,
    /// `set-code` whose `code` is not a string.
    CodeNotText,
    /// `set-code` whose `code` is longer than [`MAX_SET_CODE`]: its length.
    CodeTooLong(usize),
    /// `export` in a format there is none of (only `chrome-trace`): the format as sent.
    UnknownFormat(String),
    /// `export` before any run has finished.
    NothingToExport,
    /// `inspect` whose `tick` is not a turn number: the tick as sent.
    BadTick(String),
    /// The page's code that reads commands could not be fetched: the command was not read.
    NotRead,
}

impl Rejection {
    pub fn message(&self, scenario: &Scenario, lang: Lang) -> String {
        let reason = |name: &str, error: &ParamError| {
            let spec = if name == "speed" { Some(&SPEED) } else { scenario.param(name) };
            spec.map_or_else(|| format!("{error:?}"), |spec| spec.message(error, lang))
        };
        match self {
            Rejection::NotAnObject => UI.warn_not_object.get(lang).to_owned(),
            Rejection::NoType => UI.warn_no_type.get(lang).to_owned(),
            Rejection::UnknownType(kind) => UI.warn_unknown_type.fill(lang, &[("type", kind)]),
            Rejection::ParamsNotAnObject => UI.warn_params_not_object.get(lang).to_owned(),
            Rejection::UnknownParam(name) => {
                let names = scenario.params.iter().map(|p| p.name).chain(["speed"]).collect::<Vec<_>>().join(", ");
                UI.warn_unknown_param.fill(lang, &[("name", name), ("scenario", scenario.id), ("names", &names)])
            }
            Rejection::BadValue { name, value, error } => {
                UI.warn_bad_value.fill(lang, &[("name", name), ("value", value), ("reason", &reason(name, error))])
            }
            Rejection::CannotRun(fields) => {
                let reasons = fields.iter().map(|(name, error)| format!("{name}: {}", reason(name, error)));
                UI.warn_cannot_run.fill(lang, &[("reasons", &reasons.collect::<Vec<_>>().join("; "))])
            }
            Rejection::ForeignWindow => UI.warn_foreign_window.get(lang).to_owned(),
            Rejection::CodeNotText => UI.warn_code_not_text.get(lang).to_owned(),
            Rejection::CodeTooLong(len) => UI.warn_code_too_long.fill(
                lang,
                &[("kb", &format!("{:.1}", *len as f64 / 1024.0)), ("max", &(MAX_SET_CODE / 1024).to_string())],
            ),
            Rejection::UnknownFormat(format) => UI.warn_unknown_format.fill(lang, &[("format", format)]),
            Rejection::NothingToExport => UI.warn_nothing_to_export.get(lang).to_owned(),
            Rejection::BadTick(tick) => UI.warn_bad_tick.fill(lang, &[("tick", tick)]),
            Rejection::NotRead => UI.warn_not_read.get(lang).to_owned(),
        }
    }
}

/// Whether a message with this `source` and `type` is one of the playground's own events.
pub fn is_own_event(source: Option<&str>, kind: &str) -> bool {
    source == Some(SOURCE) && EVENT_TYPES.contains(&kind)
}

/// Reads a posted message: `None` if it was not an object (the caller could not read it as a
/// [`Message`]).
pub fn parse_message(message: Option<Message>) -> Result<Incoming, Rejection> {
    let Message(message) = message.ok_or(Rejection::NotAnObject)?;
    let kind = match &message.kind {
        None => return Err(Rejection::NoType),
        Some(Sent::String(kind)) => kind.as_str(),
        Some(other) => return Err(Rejection::UnknownType(other.to_text())),
    };
    let source = match &message.source {
        Some(Sent::String(source)) => Some(source.as_str()),
        _ => None,
    };
    if is_own_event(source, kind) {
        return Ok(Incoming::OwnEvent);
    }
    let command = match kind {
        "run" => Command::Run,
        "stop" => Command::Stop,
        "set-params" => {
            let params = match message.params {
                None => Vec::new(),
                Some(Fields::Object(fields)) => fields,
                Some(Fields::NotAnObject) => return Err(Rejection::ParamsNotAnObject),
            };
            Command::SetParams { params, speed: message.speed }
        }
        "set-code" => match message.code {
            Some(Sent::String(code)) if code.len() > MAX_SET_CODE => return Err(Rejection::CodeTooLong(code.len())),
            Some(Sent::String(code)) => Command::SetCode { code },
            _ => return Err(Rejection::CodeNotText),
        },
        "export" => match message.format {
            Some(Sent::String(format)) if format == "chrome-trace" => Command::Export,
            Some(other) => return Err(Rejection::UnknownFormat(other.to_text())),
            None => return Err(Rejection::UnknownFormat("null".to_owned())),
        },
        "inspect" => match message.tick {
            Some(Sent::Number(tick)) if tick >= 0.0 && tick.fract() == 0.0 && tick <= u32::MAX as f64 => {
                Command::Inspect(tick as usize)
            }
            other => return Err(Rejection::BadTick(other.map_or_else(|| "null".to_owned(), |t| t.to_text()))),
        },
        other => return Err(Rejection::UnknownType(other.to_owned())),
    };
    Ok(Incoming::Command(command))
}

/// The values of a `set-params` that passed the form's validator.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Checked {
    pub params: Vec<(&'static str, f64)>,
    pub speed: Option<f64>,
}

/// Puts each sent value through the same validator as the form, on the text the form would
/// hold: the valid ones to apply, and a rejection for each of the others.
pub fn check_values(scenario: &Scenario, params: &[(String, Sent)], speed: Option<&Sent>) -> (Checked, Vec<Rejection>) {
    let mut checked = Checked::default();
    let mut rejections = Vec::new();
    let refused =
        |name: &str, value: &Sent, error| Rejection::BadValue { name: name.to_owned(), value: value.to_text(), error };
    for (name, value) in params {
        match scenario.param(name) {
            None => rejections.push(Rejection::UnknownParam(name.to_owned())),
            Some(spec) => match spec.parse(&value.as_typed()) {
                Ok(number) => checked.params.push((spec.name, number)),
                Err(error) => rejections.push(refused(name, value, error)),
            },
        }
    }
    if let Some(value) = speed {
        match ParamSpec::parse_speed(&value.as_typed()) {
            Ok(number) => checked.speed = Some(number),
            Err(error) => rejections.push(refused("speed", value, error)),
        }
    }
    (checked, rejections)
}

/// The snippet a tutorial pastes: the compact view in an `<iframe>`, then `embed.js`, which
/// sets the frame's height from the `resize` events and removes its border (the `height` is the
/// fallback for a page that leaves the script out). No `style` attribute: a tutorial whose CSP
/// forbids inline styles would refuse it. `src` and `script` are absolute addresses.
pub fn embed_code(src: &str, script: &str, title: &str) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"640\" loading=\"lazy\"></iframe>\n\
         <script src=\"{}\"></script>",
        escape_attribute(src),
        escape_attribute(title),
        escape_attribute(script)
    )
}

fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aio::virtual_clock::run_virtual;
    use crate::scenarios::{self, CATALOGUE};
    use crate::trace::{Stream, Trace};

    fn say_after() -> &'static Scenario {
        scenarios::find("say-after").unwrap()
    }

    fn line(task: usize, text: &str, t: f64, ms: f64) -> Line {
        Line { task, text: text.to_owned(), t, ms, stream: Stream::Stdout }
    }

    fn outcome(lines: &[Line], exit: Exit, elapsed_ms: f64) -> RunOutcome {
        let events = lines
            .iter()
            .map(|l| crate::trace::Event {
                task: l.task,
                t: l.t,
                ms: l.ms,
                kind: crate::trace::EventKind::Printed(l.text.clone()),
            })
            .collect();
        RunOutcome {
            trace: Trace { events, tasks: vec!["main"], ..Trace::default() },
            exit,
            elapsed: 0.0,
            elapsed_ms,
            distorted: None,
        }
    }

    /// The event as the page posts it, through serde's data model (as serde-wasm-bindgen does),
    /// written as JSON text: keys in the order they are posted.
    fn posted(event: &Event) -> String {
        serde_json::to_string(&event.posted()).unwrap()
    }

    /// JSON text read and written back, so that numbers compare by value (`5` and `5.0`).
    fn same(json: &str) -> serde_json::Value {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        normalised(value)
    }

    fn normalised(value: serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match value {
            Value::Number(n) => Value::from(n.as_f64().unwrap()),
            Value::Array(items) => Value::Array(items.into_iter().map(normalised).collect()),
            Value::Object(fields) => Value::Object(fields.into_iter().map(|(k, v)| (k, normalised(v))).collect()),
            other => other,
        }
    }

    #[test]
    fn events_have_their_documented_shapes() {
        let params = Params::defaults(say_after().params);
        let cases = [
            (
                Event::Ready { scenario: "say-after", ms: 412.5 },
                r#"{"source":"coroutine-playground","type":"ready","scenario":"say-after","ms":412.5}"#,
            ),
            (
                Event::RunStarted {
                    engine: Engine::Rust,
                    scenario: "say-after",
                    params: &params,
                    speed: 5.0,
                    variants: vec!["sequential", "create-task"],
                },
                r#"{"source":"coroutine-playground","type":"run-started","scenario":"say-after","params":{"hello_delay":1,"world_delay":2},"speed":5,"variants":["sequential","create-task"],"engines":{"sequential":"rust","create-task":"rust"}}"#,
            ),
            (
                Event::Line { variant: "create-task", line: &line(1, "hello", 1.0, 200.25) },
                r#"{"source":"coroutine-playground","type":"line","variant":"create-task","task":1,"text":"hello","t":1,"ms":200.25,"stream":"stdout"}"#,
            ),
            (
                Event::Line {
                    variant: "as-written",
                    line: &Line { stream: Stream::Stderr, ..line(0, "NameError: x", 0.0, 3.5) },
                },
                r#"{"source":"coroutine-playground","type":"line","variant":"as-written","task":0,"text":"NameError: x","t":0,"ms":3.5,"stream":"stderr"}"#,
            ),
            (
                Event::RunCancelled { scenario: "say-after", reason: CancelReason::ParamsChanged },
                r#"{"source":"coroutine-playground","type":"run-cancelled","scenario":"say-after","reason":"params-changed"}"#,
            ),
            (Event::Resize { height: 731.0 }, r#"{"source":"coroutine-playground","type":"resize","height":731}"#),
        ];
        for (event, json) in cases {
            let text = posted(&event);
            assert_eq!(same(&text), same(json), "{text}");
            let kind = same(json)["type"].as_str().unwrap().to_owned();
            assert!(text.starts_with(&format!(r#"{{"source":"{SOURCE}","type":"{kind}","#)), "{text}");
        }
    }

    #[test]
    fn run_finished_reports_lines_times_and_how_each_variant_ended() {
        let params = Params::defaults(say_after().params);
        let ok = outcome(&[line(0, "started at 10:00:00", 0.0, 0.5), line(1, "hello", 1.0, 201.0)], Exit::Ok, 400.0);
        let raised = outcome(&[], Exit::Exception("RuntimeError: Event loop is closed".into()), 2.0);
        let never = outcome(&[line(0, "tab\there \"quoted\" 中文 \\ \u{1}", 0.5, -0.0)], Exit::NeverExits, 100.0);
        let event = Event::RunFinished {
            scenario: "say-after",
            params: &params,
            speed: 5.0,
            variants: vec![
                VariantResult::new("create-task", &ok, 2.0, 5.0),
                VariantResult::new("raised", &raised, 0.0, 5.0),
                VariantResult::new("never", &never, 0.5, 5.0),
            ],
        };
        assert_eq!(
            same(&posted(&event)),
            same(concat!(
                r#"{"source":"coroutine-playground","type":"run-finished","scenario":"say-after","#,
                r#""params":{"hello_delay":1,"world_delay":2},"speed":5,"variants":["#,
                r#"{"name":"create-task","engine":"rust","lines":[{"task":0,"text":"started at 10:00:00","t":0,"ms":0.5,"stream":"stdout"},"#,
                r#"{"task":1,"text":"hello","t":1,"ms":201,"stream":"stdout"}],"elapsed":2,"elapsed_ms":400,"predicted_elapsed":2,"error":null},"#,
                r#"{"name":"raised","engine":"rust","lines":[],"elapsed":0.01,"elapsed_ms":2,"predicted_elapsed":0,"error":"RuntimeError: Event loop is closed"},"#,
                r#"{"name":"never","engine":"rust","lines":[{"task":0,"text":"tab\there \"quoted\" 中文 \\ \u0001","t":0.5,"ms":0,"stream":"stdout"}],"#,
                r#""elapsed":0.5,"elapsed_ms":100,"predicted_elapsed":0.5,"error":null,"never_exits":true}]}"#
            ))
        );
    }

    /// Every variant of every scenario, through `run-finished` and back through a JSON parser:
    /// the printed text exactly, the logical time exactly.
    #[test]
    fn run_finished_carries_every_scenarios_trace_exactly() {
        for scenario in CATALOGUE {
            let params = Params::defaults(scenario.params);
            let speed = scenario.default_speed;
            let outcomes: Vec<RunOutcome> =
                scenario.variants.iter().map(|v| run_virtual(v.program()(&params), speed, 0.0)).collect();
            let variants = scenario
                .variants
                .iter()
                .zip(&outcomes)
                .map(|(v, outcome)| VariantResult::new(v.name, outcome, outcome.elapsed, speed))
                .collect();
            let json = posted(&Event::RunFinished { scenario: scenario.id, params: &params, speed, variants });
            let parsed: serde_json::Value =
                serde_json::from_str(&json).unwrap_or_else(|e| panic!("{}: {e}: {json}", scenario.id));
            assert_eq!(parsed["scenario"], scenario.id);
            for (variant, outcome) in parsed["variants"].as_array().unwrap().iter().zip(&outcomes) {
                let lines = variant["lines"].as_array().unwrap();
                assert_eq!(lines.len(), outcome.lines().len(), "{}", scenario.id);
                for (sent, line) in lines.iter().zip(outcome.lines()) {
                    assert_eq!(sent["text"].as_str(), Some(line.text.as_str()), "{}", scenario.id);
                    assert_eq!(sent["t"].as_f64(), Some(line.t), "{}", scenario.id);
                    assert_eq!(sent["task"].as_u64(), Some(line.task as u64), "{}", scenario.id);
                    let stream = if line.stream == Stream::Stderr { "stderr" } else { "stdout" };
                    assert_eq!(sent["stream"], stream, "{}", scenario.id);
                }
                assert_eq!(variant["predicted_elapsed"].as_f64(), Some(outcome.elapsed), "{}", scenario.id);
                match &outcome.exit {
                    Exit::Exception(text) => assert_eq!(variant["error"].as_str(), Some(text.as_str())),
                    Exit::NeverExits => assert_eq!(variant["never_exits"], true),
                    Exit::Ok => assert!(variant["error"].is_null() && variant.get("never_exits").is_none()),
                }
            }
        }
    }

    /// A message as the page receives it, written as JSON for the test.
    fn read(json: &str) -> Result<Incoming, Rejection> {
        parse_message(serde_json::from_str(json).ok())
    }

    #[test]
    fn export_asks_for_the_chrome_trace_format_only() {
        assert_eq!(read(r#"{"type":"export","format":"chrome-trace"}"#), Ok(Incoming::Command(Command::Export)));
        assert_eq!(read(r#"{"type":"export","format":"svg"}"#), Err(Rejection::UnknownFormat("\"svg\"".into())));
        assert_eq!(read(r#"{"type":"export"}"#), Err(Rejection::UnknownFormat("null".into())));
        let said =
            Rejection::UnknownFormat("\"svg\"".into()).message(crate::scenarios::find("say-after").unwrap(), Lang::En);
        assert_eq!(said, "export: there is no format \"svg\", only \"chrome-trace\".");
    }

    /// The issue's shape: `{type: "prediction", scenario, variant, correct_lines, total_lines,
    /// elapsed_guess, elapsed}`, from the verdict on a real run.
    #[test]
    fn a_prediction_is_posted_as_the_verdict_counts() {
        use crate::model::predict::{judge, Guess};
        let scenario = crate::scenarios::find("say-after").unwrap();
        let variant = scenario.variant("create-task").unwrap();
        let run =
            crate::aio::virtual_clock::run_virtual(variant.program()(&Params::defaults(scenario.params)), 1.0, 0.0);
        let mut guess = Guess::new(variant.name, &run.lines());
        guess.order = vec![3, 1, 2, 0];
        guess.set_elapsed("3".into());
        let verdict = judge(&guess, &run, 2.0);
        let json =
            same(&posted(&Event::Prediction { scenario: scenario.id, variant: variant.name, verdict: &verdict }));
        assert_eq!(
            json,
            serde_json::json!({"source": SOURCE, "type": "prediction", "scenario": "say-after", "variant": "create-task",
                "correct_lines": 2.0, "total_lines": 4.0, "elapsed_guess": 3.0, "elapsed": 2.0})
        );
        guess.set_elapsed(String::new());
        let json = same(&posted(&Event::Prediction {
            scenario: "say-after",
            variant: "create-task",
            verdict: &judge(&guess, &run, 2.0),
        }));
        assert_eq!(json["elapsed_guess"], serde_json::Value::Null, "no guess");
    }

    #[test]
    fn inspect_takes_a_turn_number_and_is_answered_with_the_turn_as_plain_data() {
        assert_eq!(read(r#"{"type":"inspect","tick":2}"#), Ok(Incoming::Command(Command::Inspect(2))));
        for (json, sent) in [
            (r#"{"type":"inspect"}"#, "null"),
            (r#"{"type":"inspect","tick":-1}"#, "-1"),
            (r#"{"type":"inspect","tick":1.5}"#, "1.5"),
            (r#"{"type":"inspect","tick":"2"}"#, "\"2\""),
        ] {
            assert_eq!(read(json), Err(Rejection::BadTick(sent.into())), "{json}");
        }
        let scenario = crate::scenarios::find("say-after").unwrap();
        let said = Rejection::BadTick("-1".into()).message(scenario, Lang::En);
        assert_eq!(said, "inspect: tick is -1; it must be 0 or a whole number above it (the turn, from 0).");

        let variant = scenario.variant("create-task").unwrap();
        let run =
            crate::aio::virtual_clock::run_inspected(variant.program()(&Params::defaults(scenario.params)), 1.0, 0.0);
        let view = crate::model::inspector::turn_view(&run.trace, 2).unwrap();
        let event = Event::Inspected { scenario: "say-after", variant: "create-task", view: &view, trace: &run.trace };
        let json = same(&posted(&event));
        assert_eq!(json["type"], "inspected");
        assert_eq!(
            (json["tick"].as_f64(), json["turns"].as_f64(), json["t"].as_f64()),
            (Some(2.0), Some(13.0), Some(1.0))
        );
        assert_eq!(json["ready"], same("[]"));
        assert_eq!(json["due"], same(r#"[{"when": 1.0, "callback": {"wakes": 2}}]"#));
        assert_eq!(json["timers"], same(r#"[{"when": 2.0, "callback": {"wakes": 3}}]"#));
        let task = &json["tasks"][2];
        assert_eq!((task["name"].as_str(), task["state"].as_str()), (Some("Task-3 say_after"), Some("waiting")));
        assert_eq!((task["on"].as_str(), task["until"].as_f64()), (Some("asyncio.sleep(2)"), Some(2.0)));
        assert!(task["site"].as_str().is_some_and(|site| site.starts_with("say_after.rs:")), "{task}");
        let names = r#"["Task-1 main", "Task-2 say_after", "Task-3 say_after", "Task-4 shutdown_asyncgens", "Task-5 shutdown_default_executor"]"#;
        assert_eq!(json["task_names"], same(names), "asyncio.run's own tasks too: they have turns");
    }

    #[test]
    fn a_sent_value_is_read_without_descending_into_containers() {
        let sent = |json: &str| serde_json::from_str::<Sent>(json).unwrap();
        assert_eq!(sent("null"), Sent::Null);
        assert_eq!(sent("true"), Sent::Bool(true));
        assert_eq!(sent("-2.5e3"), Sent::Number(-2500.0));
        assert_eq!(sent("7"), Sent::Number(7.0));
        assert_eq!(sent(r#""\u4e2d\n""#), Sent::String("中\n".into()));
        assert_eq!(sent("[1, [2, {}]]"), Sent::List);
        assert_eq!(sent(r#"{"a": [1]}"#), Sent::Object);
        // However deep, a value that is not read is skipped without recursion.
        let deep = |json: &str| json.replace('X', &format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)));
        assert_eq!(read(&deep(r#"{"type":"run","x":X}"#)), Ok(Incoming::Command(Command::Run)));
        assert_eq!(
            read(&deep(r#"{"type":"set-params","params":{"hello_delay":X}}"#)),
            Ok(Incoming::Command(Command::SetParams { params: vec![("hello_delay".into(), Sent::List)], speed: None }))
        );
    }

    #[test]
    fn reads_the_three_commands_whatever_their_source() {
        assert_eq!(read(r#"{"type":"run"}"#), Ok(Incoming::Command(Command::Run)));
        assert_eq!(read(r#"{"source":"my-tutorial","type":"run"}"#), Ok(Incoming::Command(Command::Run)));
        assert_eq!(read(r#"{"source":{"any":1},"type":"stop"}"#), Ok(Incoming::Command(Command::Stop)));
        assert_eq!(
            read(r#"{"type":"set-params","params":{"hello_delay":0.5,"world_delay":"3"},"speed":10}"#),
            Ok(Incoming::Command(Command::SetParams {
                params: vec![
                    ("hello_delay".into(), Sent::Number(0.5)),
                    ("world_delay".into(), Sent::String("3".into()))
                ],
                speed: Some(Sent::Number(10.0)),
            }))
        );
        assert_eq!(
            read(r#"{"type":"set-params","speed":"2"}"#),
            Ok(Incoming::Command(Command::SetParams { params: vec![], speed: Some(Sent::String("2".into())) }))
        );
        // Our own events, echoed to a page that is not embedded, are recognised and left alone.
        assert_eq!(read(r#"{"source":"coroutine-playground","type":"resize","height":3}"#), Ok(Incoming::OwnEvent));
    }

    #[test]
    fn set_code_takes_a_program_as_text_and_no_more_than_it_allows() {
        assert_eq!(
            read(r#"{"type":"set-code","code":"print('mine')\n"}"#),
            Ok(Incoming::Command(Command::SetCode { code: "print('mine')\n".into() }))
        );
        assert_eq!(read(r#"{"type":"set-code","code":7}"#), Err(Rejection::CodeNotText));
        assert_eq!(read(r#"{"type":"set-code"}"#), Err(Rejection::CodeNotText));
        let long = format!(r#"{{"type":"set-code","code":"{}"}}"#, "x".repeat(MAX_SET_CODE + 1));
        assert_eq!(read(&long), Err(Rejection::CodeTooLong(MAX_SET_CODE + 1)));
        let message = Rejection::CodeTooLong(70_000).message(crate::scenarios::default_scenario(), Lang::En);
        assert!(message.contains("68.4 KB") && message.contains("64 KB"), "{message}");
    }

    #[test]
    fn malformed_messages_say_what_is_wrong() {
        assert_eq!(read(r#""run""#), Err(Rejection::NotAnObject));
        assert_eq!(read("[1]"), Err(Rejection::NotAnObject));
        assert_eq!(read("not json"), Err(Rejection::NotAnObject));
        assert_eq!(read(r#"{"kind":"run"}"#), Err(Rejection::NoType));
        assert_eq!(read(r#"{"type":"fly"}"#), Err(Rejection::UnknownType("fly".into())));
        assert_eq!(read(r#"{"type":7}"#), Err(Rejection::UnknownType("7".into())));
        assert_eq!(read(r#"{"type":"set-params","params":[1]}"#), Err(Rejection::ParamsNotAnObject));
        assert_eq!(read(r#"{"type":"set-params","params":"a=1"}"#), Err(Rejection::ParamsNotAnObject));
    }

    #[test]
    fn sent_values_go_through_the_forms_validator() {
        let json =
            r#"{"type":"set-params","params":{"hello_delay":"0.5","world_delay":3,"colour":"red"},"speed":"fast"}"#;
        let Ok(Incoming::Command(Command::SetParams { params, speed })) = read(json) else { panic!() };
        let (checked, rejections) = check_values(say_after(), &params, speed.as_ref());
        assert_eq!(checked, Checked { params: vec![("hello_delay", 0.5), ("world_delay", 3.0)], speed: None });
        assert_eq!(
            rejections,
            [
                Rejection::UnknownParam("colour".into()),
                Rejection::BadValue { name: "speed".into(), value: "\"fast\"".into(), error: ParamError::NotANumber },
            ]
        );

        let json = r#"{"type":"set-params","params":{"hello_delay":-1,"world_delay":true},"speed":1e9}"#;
        let Ok(Incoming::Command(Command::SetParams { params, speed })) = read(json) else { panic!() };
        let (checked, rejections) = check_values(say_after(), &params, speed.as_ref());
        assert_eq!(checked, Checked::default());
        assert_eq!(
            rejections,
            [
                Rejection::BadValue { name: "hello_delay".into(), value: "-1".into(), error: ParamError::Negative },
                Rejection::BadValue { name: "world_delay".into(), value: "true".into(), error: ParamError::NotANumber },
                Rejection::BadValue {
                    name: "speed".into(),
                    value: "1000000000".into(),
                    error: ParamError::AboveMax(10_000.0)
                },
            ]
        );
    }

    #[test]
    fn warnings_name_the_field_and_the_reason_in_both_languages() {
        let bad = Rejection::BadValue { name: "hello_delay".into(), value: "-1".into(), error: ParamError::Negative };
        assert_eq!(
            bad.message(say_after(), Lang::En),
            "[coroutine-playground] set-params: ignored hello_delay = -1. hello's delay: cannot be negative (0–60)"
        );
        assert_eq!(
            bad.message(say_after(), Lang::Zh),
            "[coroutine-playground] set-params：已忽略 hello_delay = -1。hello 的延迟：不能为负数（0–60）"
        );
        let unknown = Rejection::UnknownParam("colour".into()).message(say_after(), Lang::En);
        assert!(unknown.contains("“colour”") && unknown.contains("hello_delay, world_delay, speed"), "{unknown}");
        let run = Rejection::CannotRun(vec![("world_delay", ParamError::Empty)]).message(say_after(), Lang::En);
        assert!(run.ends_with("world_delay: world's delay: enter a number (0–60)"), "{run}");
        for rejection in
            [Rejection::NotAnObject, Rejection::NoType, Rejection::UnknownType("fly".into()), Rejection::ForeignWindow]
        {
            for lang in [Lang::Zh, Lang::En] {
                let text = rejection.message(say_after(), lang);
                assert!(text.starts_with("[coroutine-playground]") && !text.contains("{type}"), "{text}");
            }
        }
    }

    #[test]
    fn embed_code_is_an_iframe_and_the_sizing_script_with_attributes_escaped() {
        assert_eq!(
            embed_code(
                "https://example.org/play/?s=say-after&embed=1",
                "https://example.org/play/embed.js",
                "Coroutine Playground: \"say\" <after>"
            ),
            "<iframe src=\"https://example.org/play/?s=say-after&amp;embed=1\" \
             title=\"Coroutine Playground: &quot;say&quot; &lt;after&gt;\" width=\"100%\" height=\"640\" \
             loading=\"lazy\"></iframe>\n\
             <script src=\"https://example.org/play/embed.js\"></script>"
        );
    }
}
