//! A run for slides and articles: the log as Markdown (`markdown_log`), and as a Chrome trace-event file (the JSON Object Format: `{"traceEvents": [...]}`), which
//! Perfetto and Chrome's DevTools open: each variant a process, each task a thread (track), each
//! wait and blocking call a complete event (`ph: "X"`) whose start and duration are the timeline's
//! segment, each printed line an instant event (`ph: "i"`) on its task's track. Times are the
//! loop's, in microseconds (one tutorial second is one second in the viewer).

use serde::Serialize;

use crate::model::timeline::{task_lanes, wait_name, MarkKind, SegmentKind, Timing};
use crate::trace::{Line, Trace};

/// One event of the trace-event format, with the fields it documents.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TraceEvent {
    pub name: String,
    /// Category, as the viewer filters them: `wait`, `blocking`, `print`, or `__metadata`.
    pub cat: &'static str,
    /// Phase: `X` complete, `i` instant, `M` metadata.
    pub ph: &'static str,
    /// Start, microseconds.
    pub ts: f64,
    /// Duration of a complete event, microseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dur: Option<f64>,
    pub pid: usize,
    pub tid: usize,
    /// An instant's scope: `t`, its thread.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub s: Option<&'static str>,
    /// For metadata: the process's or thread's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub args: Option<Args>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Args {
    pub name: String,
}

/// The file's top level.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChromeTrace {
    pub trace_events: Vec<TraceEvent>,
    pub display_time_unit: &'static str,
}

fn micros(seconds: f64) -> f64 {
    (seconds * 1e6).round()
}

/// The runs of several variants, each `(label, trace, lines)` on `clock`, as one file.
pub fn chrome_trace(runs: &[(&str, &Trace, &[Line])], clock: Timing) -> ChromeTrace {
    let mut events = Vec::new();
    let metadata = |name: &str, pid, tid, value: String| TraceEvent {
        name: name.to_owned(),
        cat: "__metadata",
        ph: "M",
        ts: 0.0,
        dur: None,
        pid,
        tid,
        s: None,
        args: Some(Args { name: value }),
    };
    for (index, (label, trace, lines)) in runs.iter().enumerate() {
        let pid = index + 1;
        events.push(metadata("process_name", pid, 0, (*label).to_owned()));
        let (lanes, _) = task_lanes(trace, clock);
        for lane in lanes {
            events.push(metadata("thread_name", pid, lane.task, lane.label.clone()));
            for segment in &lane.segments {
                let (name, cat) = match &segment.kind {
                    SegmentKind::Ready => continue,
                    SegmentKind::Waiting(on) => (wait_name(on), "wait"),
                    SegmentKind::Blocking => ("blocking call".to_owned(), "blocking"),
                };
                events.push(TraceEvent {
                    name,
                    cat,
                    ph: "X",
                    ts: micros(segment.start),
                    dur: Some(micros(segment.end) - micros(segment.start)),
                    pid,
                    tid: lane.task,
                    s: None,
                    args: None,
                });
            }
            for mark in &lane.marks {
                let MarkKind::Printed(index) = mark.kind else { continue };
                let text = lines.get(index).map_or_else(String::new, |line| line.text.clone());
                events.push(TraceEvent {
                    name: text,
                    cat: "print",
                    ph: "i",
                    ts: micros(mark.t),
                    dur: None,
                    pid,
                    tid: lane.task,
                    s: Some("t"),
                    args: None,
                });
            }
        }
    }
    ChromeTrace { trace_events: events, display_time_unit: "ms" }
}

/// One column for the Markdown log: its label, its lines, its measured and predicted elapsed
/// times (tutorial seconds).
pub struct LogColumn<'a> {
    pub label: &'a str,
    pub lines: &'a [Line],
    pub elapsed: f64,
    pub predicted: f64,
}

/// The runs' logs as Markdown: per variant a heading with its times, measured and predicted, then
/// a table of its lines: the loop's time at the turn that printed each (the timeline's time, not
/// the heading's measured one), the stream, and the text as written in a code span.
pub fn markdown_log(title: &str, speed: f64, columns: &[LogColumn]) -> String {
    let mut out = format!("## {title} (×{speed})\n");
    for column in columns {
        out.push_str(&format!(
            "\n### {} — measured {:.3} s (predicted {:.3} s)\n\n| loop time (s) | stream | line |\n| ---: | --- | --- |\n",
            column.label, column.elapsed, column.predicted
        ));
        for line in column.lines {
            let stream = match line.stream {
                crate::trace::Stream::Stdout => "stdout",
                crate::trace::Stream::Stderr => "stderr",
            };
            // A code span keeps the text as written; in a table its pipes are escaped (GFM), and a
            // text with backticks takes a longer fence.
            let text = line.text.replace('|', "\\|");
            let code = if text.contains('`') { format!("`` {text} ``") } else { format!("`{text}`") };
            out.push_str(&format!("| {:.3} | {stream} | {code} |\n", line.t));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aio::virtual_clock::run_virtual;
    use crate::lesson::params::Params;
    use crate::model::timeline::{timeline, Row};

    #[test]
    fn the_log_is_a_markdown_table_per_variant() {
        use crate::trace::Stream;
        let line = |t, text: &str, stream| Line { task: 1, text: text.into(), t, ms: 0.0, stream };
        let lines = [line(0.0, "hello", Stream::Stdout), line(1.0, "a | b \\ `c`", Stream::Stderr)];
        let log = markdown_log(
            "say_after",
            20.0,
            &[LogColumn { label: "create_task", lines: &lines, elapsed: 2.004, predicted: 2.0 }],
        );
        assert_eq!(
            log,
            "## say_after (×20)\n\n### create_task — measured 2.004 s (predicted 2.000 s)\n\n| loop time (s) | stream | line |\n| ---: | --- | --- |\n\
             | 0.000 | stdout | `hello` |\n| 1.000 | stderr | `` a \\| b \\ `c` `` |\n"
        );
    }

    /// The trace-event format's documented fields, checked on the JSON as a viewer reads it.
    #[test]
    fn a_run_exports_as_trace_events_with_a_track_per_task_and_the_timelines_spans() {
        let scenario = crate::scenarios::find("say-after").unwrap();
        let program = scenario.variant("create-task").unwrap().program()(&Params::defaults(scenario.params));
        let outcome = run_virtual(program, 1.0, 0.0);
        let lines = outcome.lines();
        let exported = chrome_trace(&[("create_task", &outcome.trace, &lines)], Timing::Ideal);
        let json = serde_json::to_value(&exported).unwrap();
        let events = json["traceEvents"].as_array().unwrap();
        for event in events {
            for field in ["name", "ph", "ts", "pid", "tid"] {
                assert!(!event[field].is_null(), "{field} missing in {event}");
            }
            match event["ph"].as_str().unwrap() {
                "X" => assert!(event["dur"].as_f64().unwrap() >= 0.0),
                "i" => assert_eq!(event["s"], "t"),
                "M" => assert!(event["args"]["name"].is_string()),
                other => panic!("phase {other}"),
            }
        }
        let threads: Vec<&str> =
            events.iter().filter(|e| e["name"] == "thread_name").map(|e| e["args"]["name"].as_str().unwrap()).collect();
        assert_eq!(threads, ["Task-1 main", "Task-2 say_after", "Task-3 say_after"]);
        // Each span is the timeline's segment, to the microsecond.
        let drawn = timeline(&outcome.trace, Timing::Ideal);
        for row in &drawn.rows {
            let Row::Lane(lane) = row else { continue };
            let waits: Vec<(f64, f64)> = lane
                .segments
                .iter()
                .filter(|s| s.kind != SegmentKind::Ready)
                .map(|s| (micros(s.start), micros(s.end)))
                .collect();
            let spans: Vec<(f64, f64)> = exported
                .trace_events
                .iter()
                .filter(|e| e.ph == "X" && e.tid == lane.task)
                .map(|e| (e.ts, e.ts + e.dur.unwrap()))
                .collect();
            assert_eq!(spans, waits, "{}", lane.label);
        }
        let sleep = exported.trace_events.iter().find(|e| e.tid == 3 && e.ph == "X").unwrap();
        assert_eq!((sleep.name.as_str(), sleep.ts, sleep.dur), ("asyncio.sleep(2)", 0.0, Some(2e6)));
        let world = exported.trace_events.iter().find(|e| e.ph == "i" && e.name == "world").unwrap();
        assert_eq!((world.tid, world.ts), (3, 2e6));
    }
}
