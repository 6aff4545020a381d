//! The embed API as plain data: the events the playground posts to the page that embeds it
//! (written as JSON here), the commands it accepts (read from JSON here) and the embed code.
//! `web::embed` only turns these strings into objects and back. The shapes are a public
//! contract, documented in the README; the tests below pin each one.
//!
//! A hand-written writer and reader instead of serde_json: they are all this needs, and the
//! page's wasm is already over its size budget.

use std::fmt::Write;

use super::ui_text::UI;
use crate::lesson::i18n::Lang;
use crate::lesson::params::{ParamError, ParamSpec, Params, SPEED};
use crate::lesson::Scenario;
use crate::trace::{Exit, Line, RunOutcome};

/// Every event carries it, so the embedding page can tell them from other messages.
pub const SOURCE: &str = "coroutine-playground";

/// The events' `type`s: a message with one of these and our `source` is our own echo.
const EVENT_TYPES: [&str; 6] = ["ready", "run-started", "line", "run-finished", "run-cancelled", "resize"];

/// Why a run ended before finishing: `run-cancelled`'s `reason`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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

impl CancelReason {
    pub fn code(self) -> &'static str {
        match self {
            CancelReason::Stopped => "stopped",
            CancelReason::Restarted => "restarted",
            CancelReason::ParamsChanged => "params-changed",
            CancelReason::ScenarioChanged => "scenario-changed",
        }
    }
}

/// One variant's part of `run-finished`.
pub struct VariantResult<'a> {
    pub name: &'a str,
    pub outcome: &'a RunOutcome,
    /// The virtual clock's elapsed time for the same values, tutorial seconds.
    pub predicted_elapsed: f64,
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
}

impl Event<'_> {
    /// The event as one JSON object, `source` and `type` first.
    pub fn to_json(&self) -> String {
        let head = |kind: &str| Object::new().string("source", SOURCE).string("type", kind);
        match self {
            Event::Ready { scenario, ms } => head("ready").string("scenario", scenario).number("ms", *ms).end(),
            Event::RunStarted { scenario, params, speed, variants } => head("run-started")
                .string("scenario", scenario)
                .raw("params", &params_json(params))
                .number("speed", *speed)
                .raw("variants", &array(variants.iter().map(|name| string(name))))
                .end(),
            Event::Line { variant, line } => line_fields(head("line").string("variant", variant), line).end(),
            Event::RunFinished { scenario, params, speed, variants } => head("run-finished")
                .string("scenario", scenario)
                .raw("params", &params_json(params))
                .number("speed", *speed)
                .raw("variants", &array(variants.iter().map(|v| variant_json(v, *speed))))
                .end(),
            Event::RunCancelled { scenario, reason } => {
                head("run-cancelled").string("scenario", scenario).string("reason", reason.code()).end()
            }
            Event::Resize { height } => head("resize").number("height", *height).end(),
        }
    }
}

fn line_fields(object: Object, line: &Line) -> Object {
    object.number("task", line.task as f64).string("text", &line.text).number("t", line.t).number("ms", line.ms)
}

fn params_json(params: &Params) -> String {
    params.iter().fold(Object::new(), |object, (name, value)| object.number(name, value)).end()
}

fn variant_json(variant: &VariantResult, speed: f64) -> String {
    let outcome = variant.outcome;
    let lines = array(outcome.lines().iter().map(|line| line_fields(Object::new(), line).end()));
    let object = Object::new()
        .string("name", variant.name)
        .raw("lines", &lines)
        // Measured on the page's loop, in tutorial seconds, like the column's "elapsed".
        .number("elapsed", outcome.elapsed_ms * speed / 1000.0)
        .number("elapsed_ms", outcome.elapsed_ms)
        .number("predicted_elapsed", variant.predicted_elapsed);
    match &outcome.exit {
        Exit::Ok => object.raw("error", "null").end(),
        Exit::Exception(text) => object.string("error", text).end(),
        Exit::NeverExits => object.raw("error", "null").raw("never_exits", "true").end(),
    }
}

/// A JSON object being written, one field after the other.
struct Object {
    out: String,
}

impl Object {
    fn new() -> Object {
        Object { out: "{".to_owned() }
    }

    fn key(mut self, key: &str) -> Object {
        if self.out.len() > 1 {
            self.out.push(',');
        }
        write_string(&mut self.out, key);
        self.out.push(':');
        self
    }

    fn string(self, key: &str, value: &str) -> Object {
        let mut object = self.key(key);
        write_string(&mut object.out, value);
        object
    }

    fn number(self, key: &str, value: f64) -> Object {
        let mut object = self.key(key);
        write_number(&mut object.out, value);
        object
    }

    /// A field whose value is already JSON.
    fn raw(self, key: &str, json: &str) -> Object {
        let mut object = self.key(key);
        object.out.push_str(json);
        object
    }

    fn end(mut self) -> String {
        self.out.push('}');
        self.out
    }
}

fn array(items: impl Iterator<Item = String>) -> String {
    format!("[{}]", items.collect::<Vec<_>>().join(","))
}

fn string(text: &str) -> String {
    let mut out = String::new();
    write_string(&mut out, text);
    out
}

fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Like `JSON.stringify`: no `-0`, and `null` for what JSON cannot hold. Rust prints the
/// shortest decimal that reads back as the same number, so nothing is lost.
fn write_number(out: &mut String, value: f64) {
    if !value.is_finite() {
        out.push_str("null");
    } else if value == 0.0 {
        out.push('0');
    } else {
        let _ = write!(out, "{value}");
    }
}

/// A JSON value as read from a message. Numbers keep their text: the validator reads that, as
/// it reads what is typed in a field.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// Deeper nesting than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 32;

impl Json {
    /// Reads one JSON value (what `JSON.stringify` makes of a posted message); `None` if malformed.
    pub fn parse(text: &str) -> Option<Json> {
        let mut reader = Reader { text, at: 0 };
        let value = reader.value(0)?;
        reader.space();
        (reader.at == text.len()).then_some(value)
    }

    fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The value as it would be typed in a field: a string as it is, anything else as JSON.
    fn as_typed(&self) -> String {
        match self {
            Json::String(text) => text.clone(),
            other => other.to_text(),
        }
    }

    /// Short JSON for a message: containers are elided.
    fn to_text(&self) -> String {
        match self {
            Json::Null => "null".to_owned(),
            Json::Bool(value) => value.to_string(),
            Json::Number(text) => text.clone(),
            Json::String(text) => string(text),
            Json::Array(_) => "[…]".to_owned(),
            Json::Object(_) => "{…}".to_owned(),
        }
    }
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.at += 1;
        Some(byte)
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, literal: &str) -> bool {
        let found = self.text[self.at..].starts_with(literal);
        if found {
            self.at += literal.len();
        }
        found
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.space();
        match self.peek()? {
            b'n' => self.eat("null").then_some(Json::Null),
            b't' => self.eat("true").then_some(Json::Bool(true)),
            b'f' => self.eat("false").then_some(Json::Bool(false)),
            b'"' => self.string().map(Json::String),
            b'-' | b'0'..=b'9' => self.number(),
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                self.space();
                if self.eat("]") {
                    return Some(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.space();
                    match self.next()? {
                        b',' => {}
                        b']' => return Some(Json::Array(items)),
                        _ => return None,
                    }
                }
            }
            b'{' => {
                self.at += 1;
                let mut fields = Vec::new();
                self.space();
                if self.eat("}") {
                    return Some(Json::Object(fields));
                }
                loop {
                    self.space();
                    if self.peek()? != b'"' {
                        return None;
                    }
                    let key = self.string()?;
                    self.space();
                    if !self.eat(":") {
                        return None;
                    }
                    fields.push((key, self.value(depth + 1)?));
                    self.space();
                    match self.next()? {
                        b',' => {}
                        b'}' => return Some(Json::Object(fields)),
                        _ => return None,
                    }
                }
            }
            _ => None,
        }
    }

    fn number(&mut self) -> Option<Json> {
        let rest = &self.text[self.at..];
        let end = rest.find(|c: char| !matches!(c, '0'..='9' | '-' | '+' | '.' | 'e' | 'E')).unwrap_or(rest.len());
        let text = &rest[..end];
        text.parse::<f64>().ok()?;
        self.at += end;
        Some(Json::Number(text.to_owned()))
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.at..self.at + 4)?;
        let value = u32::from_str_radix(digits, 16).ok()?;
        self.at += 4;
        Some(value)
    }

    /// A string, at its opening quote. Lone surrogates (JSON.stringify writes them as `\udxxx`)
    /// become U+FFFD.
    fn string(&mut self) -> Option<String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let rest = &self.text[self.at..];
            let stop = rest.find(|c: char| c == '"' || c == '\\' || c < ' ')?;
            out.push_str(&rest[..stop]);
            self.at += stop;
            match self.next()? {
                b'"' => return Some(out),
                b'\\' => {
                    let c = match self.next()? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let unit = self.hex4()?;
                            if (0xD800..0xDC00).contains(&unit) && self.text[self.at..].starts_with("\\u") {
                                self.at += 2;
                                let low = self.hex4()?;
                                if (0xDC00..0xE000).contains(&low) {
                                    char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))?
                                } else {
                                    out.push('\u{FFFD}');
                                    char::from_u32(low).unwrap_or('\u{FFFD}')
                                }
                            } else {
                                char::from_u32(unit).unwrap_or('\u{FFFD}')
                            }
                        }
                        _ => return None,
                    };
                    out.push(c);
                }
                _ => return None,
            }
        }
    }
}

/// A command from the embedding page.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// As if Run were pressed.
    Run,
    /// As if Stop were pressed.
    Stop,
    /// Values as sent, by name; [`check_values`] puts them through the form's validator.
    SetParams { params: Vec<(String, Json)>, speed: Option<Json> },
}

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
        }
    }
}

/// Reads a posted message, given as JSON (`JSON.stringify` of its data).
pub fn parse_message(json: &str) -> Result<Incoming, Rejection> {
    let message = Json::parse(json).filter(|m| matches!(m, Json::Object(_))).ok_or(Rejection::NotAnObject)?;
    let kind = match message.get("type") {
        None => return Err(Rejection::NoType),
        Some(Json::String(kind)) => kind.as_str(),
        Some(other) => return Err(Rejection::UnknownType(other.to_text())),
    };
    if message.get("source") == Some(&Json::String(SOURCE.to_owned())) && EVENT_TYPES.contains(&kind) {
        return Ok(Incoming::OwnEvent);
    }
    let command = match kind {
        "run" => Command::Run,
        "stop" => Command::Stop,
        "set-params" => {
            let params = match message.get("params") {
                None => Vec::new(),
                Some(Json::Object(fields)) => fields.clone(),
                Some(_) => return Err(Rejection::ParamsNotAnObject),
            };
            Command::SetParams { params, speed: message.get("speed").cloned() }
        }
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
pub fn check_values(scenario: &Scenario, params: &[(String, Json)], speed: Option<&Json>) -> (Checked, Vec<Rejection>) {
    let mut checked = Checked::default();
    let mut rejections = Vec::new();
    let refused =
        |name: &str, value: &Json, error| Rejection::BadValue { name: name.to_owned(), value: value.to_text(), error };
    for (name, value) in params {
        match scenario.param(name) {
            None => rejections.push(Rejection::UnknownParam(name.clone())),
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
    use crate::trace::Trace;

    fn say_after() -> &'static Scenario {
        scenarios::find("say-after").unwrap()
    }

    fn line(task: usize, text: &str, t: f64, ms: f64) -> Line {
        Line { task, text: text.to_owned(), t, ms }
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
        RunOutcome { trace: Trace { events, tasks: vec!["main"] }, exit, elapsed: 0.0, elapsed_ms, distorted: None }
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
                    scenario: "say-after",
                    params: &params,
                    speed: 5.0,
                    variants: vec!["sequential", "create-task"],
                },
                r#"{"source":"coroutine-playground","type":"run-started","scenario":"say-after","params":{"hello_delay":1,"world_delay":2},"speed":5,"variants":["sequential","create-task"]}"#,
            ),
            (
                Event::Line { variant: "create-task", line: &line(1, "hello", 1.0, 200.25) },
                r#"{"source":"coroutine-playground","type":"line","variant":"create-task","task":1,"text":"hello","t":1,"ms":200.25}"#,
            ),
            (
                Event::RunCancelled { scenario: "say-after", reason: CancelReason::ParamsChanged },
                r#"{"source":"coroutine-playground","type":"run-cancelled","scenario":"say-after","reason":"params-changed"}"#,
            ),
            (Event::Resize { height: 731.0 }, r#"{"source":"coroutine-playground","type":"resize","height":731}"#),
        ];
        for (event, json) in cases {
            assert_eq!(event.to_json(), json);
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
                VariantResult { name: "create-task", outcome: &ok, predicted_elapsed: 2.0 },
                VariantResult { name: "raised", outcome: &raised, predicted_elapsed: 0.0 },
                VariantResult { name: "never", outcome: &never, predicted_elapsed: 0.5 },
            ],
        };
        assert_eq!(
            event.to_json(),
            concat!(
                r#"{"source":"coroutine-playground","type":"run-finished","scenario":"say-after","#,
                r#""params":{"hello_delay":1,"world_delay":2},"speed":5,"variants":["#,
                r#"{"name":"create-task","lines":[{"task":0,"text":"started at 10:00:00","t":0,"ms":0.5},"#,
                r#"{"task":1,"text":"hello","t":1,"ms":201}],"elapsed":2,"elapsed_ms":400,"predicted_elapsed":2,"error":null},"#,
                r#"{"name":"raised","lines":[],"elapsed":0.01,"elapsed_ms":2,"predicted_elapsed":0,"error":"RuntimeError: Event loop is closed"},"#,
                r#"{"name":"never","lines":[{"task":0,"text":"tab\there \"quoted\" 中文 \\ \u0001","t":0.5,"ms":0}],"#,
                r#""elapsed":0.5,"elapsed_ms":100,"predicted_elapsed":0.5,"error":null,"never_exits":true}]}"#
            )
        );
    }

    /// Every variant of every scenario, through `run-finished` and back through a real JSON
    /// parser: the printed text exactly, the logical time exactly.
    #[test]
    fn run_finished_carries_every_scenarios_trace_exactly() {
        for scenario in CATALOGUE {
            let params = Params::defaults(scenario.params);
            let speed = scenario.default_speed;
            let outcomes: Vec<RunOutcome> =
                scenario.variants.iter().map(|v| run_virtual((v.program)(&params), speed, 0.0)).collect();
            let variants = scenario
                .variants
                .iter()
                .zip(&outcomes)
                .map(|(v, outcome)| VariantResult { name: v.name, outcome, predicted_elapsed: outcome.elapsed })
                .collect();
            let json = Event::RunFinished { scenario: scenario.id, params: &params, speed, variants }.to_json();
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

    #[test]
    fn reads_json_as_json_stringify_writes_it() {
        assert_eq!(
            Json::parse(r#" {"a" : [1, -2.5e3, true, null, "x"]} "#),
            Some(Json::Object(vec![(
                "a".into(),
                Json::Array(vec![
                    Json::Number("1".into()),
                    Json::Number("-2.5e3".into()),
                    Json::Bool(true),
                    Json::Null,
                    Json::String("x".into()),
                ])
            )]))
        );
        assert_eq!(
            Json::parse(r#""\"\\\/\b\f\n\r\t\u4e2d\ud83d\ude00\ud800x""#),
            Some(Json::String("\"\\/\u{8}\u{c}\n\r\t中😀\u{FFFD}x".into()))
        );
        for bad in ["", "{", "{\"a\"}", "[1,]", "{\"a\":1,}", "tru", "\"\u{1}\"", "1 2", "{} x", "'a'", "--1"] {
            assert_eq!(Json::parse(bad), None, "{bad:?}");
        }
        let deep = "[".repeat(1000) + &"]".repeat(1000);
        assert_eq!(Json::parse(&deep), None, "too deep, refused without overflowing the stack");
    }

    #[test]
    fn reads_the_three_commands_whatever_their_source() {
        let read = |json: &str| parse_message(json);
        assert_eq!(read(r#"{"type":"run"}"#), Ok(Incoming::Command(Command::Run)));
        assert_eq!(read(r#"{"source":"my-tutorial","type":"run"}"#), Ok(Incoming::Command(Command::Run)));
        assert_eq!(read(r#"{"source":{"any":1},"type":"stop"}"#), Ok(Incoming::Command(Command::Stop)));
        assert_eq!(
            read(r#"{"type":"set-params","params":{"hello_delay":0.5,"world_delay":"3"},"speed":10}"#),
            Ok(Incoming::Command(Command::SetParams {
                params: vec![
                    ("hello_delay".into(), Json::Number("0.5".into())),
                    ("world_delay".into(), Json::String("3".into()))
                ],
                speed: Some(Json::Number("10".into())),
            }))
        );
        assert_eq!(
            read(r#"{"type":"set-params","speed":"2"}"#),
            Ok(Incoming::Command(Command::SetParams { params: vec![], speed: Some(Json::String("2".into())) }))
        );
        // Our own events, echoed to a page that is not embedded, are recognised and left alone.
        assert_eq!(read(r#"{"source":"coroutine-playground","type":"resize","height":3}"#), Ok(Incoming::OwnEvent));
    }

    #[test]
    fn malformed_messages_say_what_is_wrong() {
        let read = |json: &str| parse_message(json);
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
        let Ok(Incoming::Command(Command::SetParams { params, speed })) = parse_message(json) else { panic!() };
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
        let Ok(Incoming::Command(Command::SetParams { params, speed })) = parse_message(json) else { panic!() };
        let (checked, rejections) = check_values(say_after(), &params, speed.as_ref());
        assert_eq!(checked, Checked::default());
        assert_eq!(
            rejections,
            [
                Rejection::BadValue { name: "hello_delay".into(), value: "-1".into(), error: ParamError::Negative },
                Rejection::BadValue { name: "world_delay".into(), value: "true".into(), error: ParamError::NotANumber },
                Rejection::BadValue {
                    name: "speed".into(),
                    value: "1e9".into(),
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
