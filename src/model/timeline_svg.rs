//! The timeline as an SVG file, for slides and articles: the page's geometry (`model::timeline`:
//! a lane per task, each wait a bar, each printed line a mark) drawn on white so that it prints,
//! in one self-contained file: presentation attributes, no stylesheet, generic font families. The
//! page rasterises this same text for the PNG (`web::page::download_png`).

use std::fmt::Write;

use crate::lesson::i18n::Lang;
use crate::model::timeline::{ticks, Group, Lane, MarkKind, Row, SegmentKind, Timeline};
use crate::model::ui_text::UI;
use crate::trace::{Line, Outcome, WaitOn};

/// The drawing's width, in pixels; its height follows from the lanes.
pub const WIDTH: f64 = 960.0;
/// Where the time axis starts: the lane labels' column.
const LABEL: f64 = 190.0;
const RIGHT: f64 = 20.0;
/// The title's band.
const TOP: f64 = 48.0;
/// A variant's label, above its lanes.
const HEADER: f64 = 26.0;
const ROW: f64 = 24.0;
/// Space after each variant's lanes.
const GAP: f64 = 6.0;
const AXIS: f64 = 30.0;
const LEGEND: f64 = 30.0;
/// Dark text on white; the lane labels and ticks are muted but keep 4.5:1.
const INK: &str = "#1d1f23";
const MUTED: &str = "#5d6470";
const RULE: &str = "#d9dce1";
/// The width of a character of 11 px monospace: whether a printed line fits beside its mark.
const CHAR: f64 = 6.7;

/// One variant's run: its label, its timeline as the page draws it, and the lines it printed
/// (the marks' text).
pub struct SvgColumn<'a> {
    pub label: &'a str,
    pub timeline: &'a Timeline,
    pub lines: &'a [Line],
}

/// A bar's colour by what it waits on (the page's, `static/style.css`), in the legend's order.
const FILLS: [&str; 6] = ["#4c7bd9", "#e59b2d", "#3aa66b", "#8a63d2", "#d9453b", MUTED];
/// Ready, the last: drawn faint, as on the page.
const READY: usize = 5;

fn kind_index(kind: &SegmentKind) -> usize {
    match kind {
        SegmentKind::Waiting(WaitOn::Sleep(_)) => 0,
        SegmentKind::Waiting(WaitOn::Task(_) | WaitOn::Future(_)) => 1,
        SegmentKind::Waiting(WaitOn::Queue(_)) => 2,
        SegmentKind::Waiting(WaitOn::External(_)) => 3,
        SegmentKind::Blocking => 4,
        SegmentKind::Ready => READY,
    }
}

/// Text as XML character data or an attribute's value: markup escaped, and the control
/// characters XML forbids (a terminal's escape codes in a printed line) replaced by `�`.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// About how wide `text` is at 11 px monospace (a CJK character takes two columns): whether a
/// printed line fits beside its mark.
fn text_width(text: &str) -> f64 {
    text.chars().map(|c| if c >= '\u{2e80}' { 2.0 } else { 1.0 }).sum::<f64>() * CHAR
}

struct Drawing<'a> {
    out: String,
    /// The axis's end, seconds.
    end: f64,
    lang: Lang,
    lines: &'a [Line],
}

impl Drawing<'_> {
    fn x(&self, t: f64) -> f64 {
        LABEL + (WIDTH - LABEL - RIGHT) * if self.end > 0.0 { t / self.end } else { 0.0 }
    }

    fn text(&self, index: usize) -> &str {
        self.lines.get(index).map_or("", |line| line.text.as_str())
    }

    fn lane(&mut self, lane: &Lane, y: f64) {
        let mid = y + ROW / 2.0;
        let rule_end = self.x(lane.end);
        let _ = write!(
            self.out,
            r#"<g class="lane" data-task="{}"><text x="16" y="{:.1}" fill="{MUTED}">{}</text><line x1="{LABEL}" x2="{rule_end:.1}" y1="{mid:.1}" y2="{mid:.1}" stroke="{RULE}"/>"#,
            lane.task,
            mid + 4.0,
            escape(&lane.label),
        );
        for segment in &lane.segments {
            if segment.end <= segment.start && segment.kind != SegmentKind::Blocking {
                continue;
            }
            let (x1, x2) = (self.x(segment.start), self.x(segment.end));
            let kind = kind_index(&segment.kind);
            let _ = write!(
                self.out,
                r#"<rect x="{x1:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"{}><title>{}</title></rect>"#,
                y + 5.0,
                (x2 - x1).max(1.0),
                ROW - 10.0,
                FILLS[kind],
                if kind == READY { r#" fill-opacity="0.4""# } else { "" },
                escape(&segment.title(self.lang)),
            );
        }
        // A printed line is written beside its mark: after it if it fits before the next mark to
        // its right, else before it if it fits after the last mark or line; otherwise its mark's
        // title alone tells it.
        let marks: Vec<f64> = lane.marks.iter().map(|m| self.x(m.t)).collect();
        let mut free = LABEL;
        for (nth, mark) in lane.marks.iter().enumerate() {
            let x = marks[nth];
            let _ = match &mark.kind {
                MarkKind::Printed(index) => {
                    let text = self.text(*index);
                    let width = text_width(text);
                    let text = escape(text);
                    let _ = write!(
                        self.out,
                        r##"<circle class="print" cx="{x:.1}" cy="{mid:.1}" r="4.5" fill="{INK}" stroke="#fff" stroke-width="1.5"><title>{text}</title></circle>"##
                    );
                    let next = marks[nth..].iter().find(|next| **next > x + 1.0).map_or(WIDTH - 4.0, |next| next - 6.0);
                    // Its left end, on a white ground: `free` is where the lane is clear of the
                    // marks and lines already drawn.
                    let left = if x + 7.0 >= free && x + 7.0 + width <= next {
                        x + 7.0
                    } else if x - 7.0 - width >= free {
                        x - 7.0 - width
                    } else {
                        free = free.max(x + 5.0);
                        continue;
                    };
                    free = (left + width + 4.0).max(x + 5.0);
                    write!(
                        self.out,
                        r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="14" rx="2" fill="#fff" fill-opacity="0.85"/><text class="printed" x="{left:.1}" y="{:.1}" font-size="11" fill="{INK}">{text}</text>"##,
                        left - 2.0,
                        mid - 7.0,
                        width + 4.0,
                        mid + 4.0
                    )
                }
                MarkKind::Finished(Outcome::Returned) => write!(
                    self.out,
                    r#"<line x1="{x:.1}" x2="{x:.1}" y1="{:.1}" y2="{:.1}" stroke="{INK}" stroke-width="2"/>"#,
                    y + 4.0,
                    y + ROW - 4.0
                ),
                MarkKind::Finished(outcome) => {
                    let (sign, title) = match outcome {
                        Outcome::Raised(error) => ("!", escape(error)),
                        _ => ("✕", "CancelledError".to_owned()),
                    };
                    write!(
                        self.out,
                        r##"<text x="{x:.1}" y="{:.1}" fill="#b3261e" font-size="14" font-weight="700" text-anchor="middle">{sign}<title>{title}</title></text>"##,
                        mid + 5.0
                    )
                }
            };
        }
        self.out.push_str("</g>");
    }

    /// Many tasks of one coroutine: how many are alive, as a step chart (the page's).
    fn group(&mut self, group: &Group, y: f64) {
        let mut points = String::new();
        let mut previous = 0;
        let height = |n: usize| y + ROW - 3.0 - (ROW - 6.0) * n as f64 / group.tasks.max(1) as f64;
        for (t, alive) in &group.steps {
            let x = self.x(*t);
            let _ = write!(points, "{x:.1},{:.1} {x:.1},{:.1} ", height(previous), height(*alive));
            previous = *alive;
        }
        let _ = write!(
            self.out,
            r#"<g class="group"><text x="16" y="{:.1}" fill="{MUTED}">{}</text><polyline points="{}" fill="none" stroke="{}" stroke-width="2"/></g>"#,
            y + ROW / 2.0 + 4.0,
            escape(&group.label),
            points.trim_end(),
            FILLS[0]
        );
    }
}

/// The columns' timelines as one SVG document: the title (the lesson's, with the speed), each
/// variant's label and lanes, a time axis, and a legend of the bars' colours that appear.
pub fn timeline_svg(title: &str, speed: f64, lang: Lang, columns: &[SvgColumn]) -> String {
    let end = columns.iter().map(|c| c.timeline.end).fold(0.0, f64::max);
    let rows: usize = columns.iter().map(|c| c.timeline.rows.len()).sum();
    let bottom = TOP + columns.len() as f64 * (HEADER + GAP) + rows as f64 * ROW;
    let height = bottom + AXIS + LEGEND;
    let heading = escape(&format!("{title} (×{speed})"));
    let mut drawing = Drawing { out: String::new(), end, lang, lines: &[] };
    let _ = write!(
        drawing.out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="monospace" font-size="12" role="img"><title>{heading}</title><rect width="100%" height="100%" fill="#fff"/><text x="12" y="30" font-family="sans-serif" font-size="18" font-weight="700" fill="{INK}">{heading}</text>"##
    );
    for (t, label) in ticks(end, 6.0) {
        let x = drawing.x(t);
        let _ = write!(
            drawing.out,
            r#"<line x1="{x:.1}" x2="{x:.1}" y1="{TOP}" y2="{bottom}" stroke="{RULE}" stroke-dasharray="2 3"/><text x="{x:.1}" y="{}" fill="{MUTED}" text-anchor="middle">{label}</text>"#,
            bottom + 18.0
        );
    }
    let mut kinds = [false; FILLS.len()];
    let mut y = TOP;
    for column in columns {
        drawing.lines = column.lines;
        let _ = write!(
            drawing.out,
            r#"<g class="variant"><text x="12" y="{}" font-family="sans-serif" font-size="13" font-weight="700" fill="{INK}">{}</text>"#,
            y + 18.0,
            escape(column.label)
        );
        y += HEADER;
        let top = y;
        for row in &column.timeline.rows {
            match row {
                Row::Lane(lane) => {
                    lane.segments.iter().for_each(|s| kinds[kind_index(&s.kind)] = true);
                    drawing.lane(lane, y);
                }
                Row::Group(group) => drawing.group(group, y),
            }
            y += ROW;
        }
        let x = drawing.x(column.timeline.end);
        let _ = write!(
            drawing.out,
            r#"<line x1="{x:.1}" x2="{x:.1}" y1="{top}" y2="{y}" stroke="{INK}" stroke-width="2"/></g>"#
        );
        y += GAP;
    }
    // The legend: a swatch and a word for each colour drawn.
    let words =
        ["asyncio.sleep", "await", "Queue", "I/O · to_thread", UI.wait_blocking.get(lang), UI.wait_ready.get(lang)];
    let mut x = 16.0;
    let y = bottom + AXIS + 12.0;
    for (kind, word) in words.iter().enumerate().filter(|(kind, _)| kinds[*kind]) {
        let _ = write!(
            drawing.out,
            r#"<rect x="{x}" y="{}" width="14" height="10" fill="{}"{}/><text x="{}" y="{}" fill="{INK}">{}</text>"#,
            y - 9.0,
            FILLS[kind],
            if kind == READY { r#" fill-opacity="0.4""# } else { "" },
            x + 19.0,
            y,
            escape(word)
        );
        x += 19.0 + text_width(word) * 12.0 / 11.0 + 24.0;
    }
    drawing.out.push_str("</svg>");
    drawing.out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aio::virtual_clock::run_virtual;
    use crate::lesson::params::Params;
    use crate::model::timeline::{timeline, Timing};
    use crate::trace::RunOutcome;

    /// An element of the document, as read by `parse`.
    #[derive(Debug, Default)]
    struct Node {
        name: String,
        attributes: Vec<(String, String)>,
        children: Vec<Node>,
        /// Its own text, unescaped.
        text: String,
    }

    impl Node {
        fn attribute(&self, name: &str) -> Option<&str> {
            self.attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
        }

        fn number(&self, name: &str) -> f64 {
            let value = self.attribute(name).unwrap_or_else(|| panic!("{} has no {name}", self.name));
            value.parse().unwrap_or_else(|_| panic!("{name}={value:?} is not a number"))
        }

        /// The element's descendants (itself included) that `keep` keeps, in document order.
        fn find<'a>(&'a self, keep: &dyn Fn(&Node) -> bool, found: &mut Vec<&'a Node>) {
            if keep(self) {
                found.push(self);
            }
            self.children.iter().for_each(|child| child.find(keep, found));
        }

        fn all(&self, keep: impl Fn(&Node) -> bool) -> Vec<&Node> {
            let mut found = Vec::new();
            self.find(&keep, &mut found);
            found
        }

        fn child(&self, name: &str) -> Option<&Node> {
            self.children.iter().find(|c| c.name == name)
        }
    }

    /// Character data or an attribute's value, unescaped; fails on what XML does not allow.
    fn unescape(text: &str) -> String {
        assert!(!text.contains(['<', '>']), "markup in text: {text:?}");
        assert!(!text.chars().any(|c| c < ' ' && !"\t\n\r".contains(c)), "a control character in {text:?}");
        let mut out = String::new();
        let mut rest = text;
        while let Some(at) = rest.find('&') {
            out.push_str(&rest[..at]);
            let entity = ["&amp;", "&lt;", "&gt;", "&quot;"]
                .into_iter()
                .find(|e| rest[at..].starts_with(e))
                .unwrap_or_else(|| panic!("a bare & in {text:?}"));
            out.push(match entity {
                "&amp;" => '&',
                "&lt;" => '<',
                "&gt;" => '>',
                _ => '"',
            });
            rest = &rest[at + entity.len()..];
        }
        out.push_str(rest);
        out
    }

    /// Reads the document, checking that it is well-formed on the way: one root, every element
    /// closed in order, attribute values quoted, text escaped.
    fn parse(svg: &str) -> Node {
        let mut open = vec![Node::default()];
        let mut rest = svg;
        while let Some(start) = rest.find('<') {
            let text = unescape(&rest[..start]);
            open.last_mut().unwrap().text.push_str(&text);
            let end = start + rest[start..].find('>').expect("a tag is closed");
            let tag = &rest[start + 1..end];
            rest = &rest[end + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                let node = open.pop().unwrap();
                assert_eq!(node.name, name, "closed out of order");
                open.last_mut().expect("a closing tag without its element").children.push(node);
                continue;
            }
            let (tag, empty) = tag.strip_suffix('/').map_or((tag, false), |tag| (tag, true));
            let (name, mut attributes) = tag.split_once(' ').unwrap_or((tag, ""));
            assert!(!name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()), "element {name:?}");
            let mut node = Node { name: name.to_owned(), ..Node::default() };
            while let Some((key, after)) = attributes.trim_start().split_once("=\"") {
                let (value, after) = after.split_once('"').expect("a quoted value");
                assert!(node.attribute(key).is_none(), "{key} twice on {name}");
                node.attributes.push((key.to_owned(), unescape(value)));
                attributes = after;
            }
            assert_eq!(attributes.trim(), "", "unreadable attributes on {name}");
            if empty {
                open.last_mut().unwrap().children.push(node);
            } else {
                open.push(node);
            }
        }
        assert_eq!(rest.trim(), "", "text after the root");
        let mut document = open.pop().unwrap();
        assert!(open.is_empty(), "unclosed elements");
        assert_eq!(document.children.len(), 1, "one root");
        let root = document.children.pop().unwrap();
        assert_eq!((root.name.as_str(), root.attribute("xmlns")), ("svg", Some("http://www.w3.org/2000/svg")));
        root
    }

    fn run(scenario: &str, variant: &str) -> RunOutcome {
        let scenario = crate::scenarios::find(scenario).unwrap();
        let program = scenario.variant(variant).unwrap().program()(&Params::defaults(scenario.params));
        run_virtual(program, 1.0, 0.0)
    }

    /// The drawing of runs, each `(label, outcome)`, on the loop's clock.
    fn draw(runs: &[(&str, &RunOutcome)]) -> (String, Vec<Timeline>) {
        let timelines: Vec<Timeline> = runs.iter().map(|(_, o)| timeline(&o.trace, Timing::Ideal)).collect();
        let lines: Vec<Vec<Line>> = runs.iter().map(|(_, o)| o.lines()).collect();
        let columns: Vec<SvgColumn> = runs
            .iter()
            .zip(&timelines)
            .zip(&lines)
            .map(|(((label, _), timeline), lines)| SvgColumn { label, timeline, lines })
            .collect();
        (timeline_svg("say_after", 20.0, Lang::En, &columns), timelines)
    }

    fn has_class(class: &'static str) -> impl Fn(&Node) -> bool {
        move |node| node.attribute("class") == Some(class)
    }

    #[test]
    fn each_variant_has_a_lane_per_task_with_the_timelines_bars_at_their_times() {
        let (sequential, create_task) = (run("say-after", "sequential"), run("say-after", "create-task"));
        let (svg, timelines) = draw(&[("sequential", &sequential), ("create_task", &create_task)]);
        let root = parse(&svg);
        assert_eq!(root.child("title").unwrap().text, "say_after (×20)");
        let variants = root.all(has_class("variant"));
        assert_eq!(variants.len(), 2);
        let end = timelines.iter().map(|t| t.end).fold(0.0, f64::max);
        assert_eq!(end, 3.0);
        let x = |t: f64| LABEL + (WIDTH - LABEL - RIGHT) * t / end;
        for ((variant, timeline), label) in variants.iter().zip(&timelines).zip(["sequential", "create_task"]) {
            assert_eq!(variant.child("text").unwrap().text, label);
            let lanes = variant.all(has_class("lane"));
            let labels: Vec<&str> = lanes.iter().map(|l| l.child("text").unwrap().text.as_str()).collect();
            let tasks: Vec<String> = lanes.iter().map(|l| l.attribute("data-task").unwrap().to_owned()).collect();
            let expected: Vec<&Lane> = timeline
                .rows
                .iter()
                .map(|row| match row {
                    Row::Lane(lane) => lane,
                    Row::Group(_) => panic!("no groups in say_after"),
                })
                .collect();
            assert_eq!(labels, expected.iter().map(|l| l.label.as_str()).collect::<Vec<_>>());
            assert_eq!(tasks, expected.iter().map(|l| l.task.to_string()).collect::<Vec<_>>());
            for (lane, drawn) in expected.iter().zip(&lanes) {
                // Bars have a title; the white ground under a printed line has none.
                let bars: Vec<(f64, f64)> = drawn
                    .all(|n| n.name == "rect" && n.child("title").is_some())
                    .iter()
                    .map(|r| (r.number("x"), r.number("width")))
                    .collect();
                let spans: Vec<(f64, f64)> = lane
                    .segments
                    .iter()
                    .filter(|s| s.end > s.start)
                    .map(|s| (x(s.start), x(s.end) - x(s.start)))
                    .collect();
                assert_eq!(bars.len(), spans.len(), "{}: {bars:?} for {spans:?}", lane.label);
                for ((bx, bw), (sx, sw)) in bars.iter().zip(&spans) {
                    assert!(
                        (bx - sx).abs() <= 0.051 && (bw - sw).abs() <= 0.11,
                        "{}: {bx},{bw} for {sx},{sw}",
                        lane.label
                    );
                }
            }
        }
        // The second variant: three tasks, main and two say_afters; the 2 s sleep from 0 to 2.
        let lanes = variants[1].all(has_class("lane"));
        assert_eq!(lanes.len(), 3);
        let sleep =
            lanes[2].all(|n| n.name == "rect" && n.child("title").is_some_and(|t| t.text == "asyncio.sleep(2)"));
        assert_eq!((sleep[0].number("x"), sleep[0].number("width")), (LABEL, 500.0));
        // Its lines, beside their marks: main's two, then hello and world; main's last, too near
        // the drawing's right edge for after its mark, before it.
        let printed = variants[1].all(has_class("printed"));
        let texts: Vec<&str> = printed.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts.len(), 4, "{texts:?}");
        assert!(texts[0].starts_with("started at") && texts[1].starts_with("finished at"), "{texts:?}");
        assert_eq!(texts[2..], ["hello", "world"]);
        let marks: Vec<f64> = variants[1].all(has_class("print")).iter().map(|m| m.number("cx")).collect();
        let after = |text: &Node, mark: f64| text.number("x") > mark;
        let before = |text: &Node, mark: f64| text.number("x") + text_width(&text.text) < mark;
        assert!(after(printed[0], marks[0]) && before(printed[1], marks[1]), "main's");
        assert!(after(printed[2], marks[2]) && after(printed[3], marks[3]), "hello and world");
        let axis: Vec<&str> = root
            .children
            .iter()
            .filter(|n| n.name == "text" && n.attribute("text-anchor") == Some("middle"))
            .map(|n| n.text.as_str())
            .collect();
        assert_eq!(axis, ["0s", "0.5s", "1s", "1.5s", "2s", "2.5s", "3s"]);
        let height = root.number("height");
        assert_eq!(height, TOP + 2.0 * (HEADER + GAP) + 4.0 * ROW + AXIS + LEGEND, "main, then main and two tasks");
        assert_eq!(root.attribute("viewBox"), Some(format!("0 0 960 {height}").as_str()));
    }

    #[test]
    fn printed_text_is_escaped_and_lines_too_close_are_left_to_their_marks_titles() {
        let mut outcome = run("say-after", "create-task");
        let mut lines = outcome.lines();
        lines[1].text = "a < b && \"c\" > \u{1b}[1md".into();
        let timeline = timeline(&outcome.trace, Timing::Ideal);
        let svg = timeline_svg(
            "<T> & co",
            1.5,
            Lang::Zh,
            &[SvgColumn { label: "create_task & <b>", timeline: &timeline, lines: &lines }],
        );
        let root = parse(&svg);
        assert_eq!(root.child("title").unwrap().text, "<T> & co (×1.5)");
        assert!(svg.contains("a &lt; b &amp;&amp; &quot;c&quot; &gt; \u{fffd}[1md"), "{svg}");
        // Main's two marks come first, then Task-2's, hello's.
        let marks = root.all(has_class("print"));
        assert_eq!(marks[2].child("title").unwrap().text, "a < b && \"c\" > \u{fffd}[1md");
        assert_eq!(root.all(has_class("variant"))[0].child("text").unwrap().text, "create_task & <b>");
        // The legend in the page's language: the two colours drawn, sleep and await.
        assert!(svg.contains(">asyncio.sleep</text>") && svg.contains(">await</text>") && !svg.contains(">Queue<"));
        assert!(!svg.contains(UI.wait_ready.get(Lang::En)), "the legend's words are Chinese");

        // A line too long for either side of its mark is left to the mark's title.
        lines[1].text = "x".repeat(200);
        let svg = timeline_svg("t", 1.0, Lang::En, &[SvgColumn { label: "c", timeline: &timeline, lines: &lines }]);
        let root = parse(&svg);
        let printed: Vec<String> = root.all(has_class("printed")).iter().map(|t| t.text.clone()).collect();
        assert_eq!(printed.len(), 3, "{printed:?}");
        assert!(!printed.contains(&lines[1].text));
        assert_eq!(root.all(has_class("print"))[2].child("title").unwrap().text, lines[1].text);

        // queue-workers' lanes print often: of their lines only those with room are written.
        outcome = run("queue-workers", "task-done");
        let (svg, _) = draw(&[("task_done", &outcome)]);
        let root = parse(&svg);
        assert_eq!(root.all(has_class("print")).len(), outcome.lines().len());
        assert_eq!(root.all(has_class("lane")).len(), 11, "main, 4 producers, 6 consumers");
        let written = written_apart(&root);
        assert!(
            written > 0 && written < outcome.lines().len() / 4,
            "{written} of {} lines written",
            outcome.lines().len()
        );
        // say_after's coroutine objects print twice at one instant: one line is written.
        let runs = ["sequential", "create-task", "gather", "bare-coroutines"].map(|v| run("say-after", v));
        let (svg, _) = draw(&runs.iter().map(|o| ("v", o)).collect::<Vec<_>>());
        let root = parse(&svg);
        assert_eq!(written_apart(&root), 3 + 4 + 4 + 1);
    }

    /// How many printed lines are written, checking that none covers another or a mark and that
    /// each is inside the drawing.
    fn written_apart(root: &Node) -> usize {
        let mut written = 0;
        for lane in root.all(has_class("lane")) {
            let mut spans: Vec<(f64, f64)> = lane
                .all(has_class("print"))
                .iter()
                .map(|mark| (mark.number("cx") - 4.5, mark.number("cx") + 4.5))
                .collect();
            for text in lane.all(has_class("printed")) {
                let (x, width) = (text.number("x"), text_width(&text.text));
                assert!(x >= LABEL && x + width <= WIDTH, "{} inside the drawing", text.text);
                spans.push((x, x + width));
                written += 1;
            }
            spans.sort_by(|a, b| a.0.total_cmp(&b.0));
            for pair in spans.windows(2) {
                // Marks at one instant overlap each other; a line overlaps nothing.
                let marks = pair[0].1 - pair[0].0 == 9.0 && pair[1].1 - pair[1].0 == 9.0;
                assert!(marks || pair[0].1 <= pair[1].0, "overlap: {pair:?}");
            }
        }
        written
    }

    #[test]
    fn many_tasks_are_drawn_as_the_pages_counts_and_an_empty_run_still_draws() {
        let outcome = run("many-tasks", "main");
        let timeline = timeline(&outcome.trace, Timing::Ideal);
        let svg =
            timeline_svg("many", 1.0, Lang::En, &[SvgColumn { label: "gather", timeline: &timeline, lines: &[] }]);
        let root = parse(&svg);
        let groups = root.all(has_class("group"));
        assert!(!groups.is_empty() && groups.len() <= crate::model::timeline::MAX_LANES);
        assert!(groups.iter().all(|g| g.child("polyline").unwrap().attribute("points").unwrap().contains(',')));

        let empty = Timeline { rows: Vec::new(), end: 0.0 };
        let root = parse(&timeline_svg("", 1.0, Lang::En, &[SvgColumn { label: "", timeline: &empty, lines: &[] }]));
        assert!(root.all(has_class("lane")).is_empty());
        assert_eq!(root.number("height"), TOP + HEADER + GAP + AXIS + LEGEND);
        let root = parse(&timeline_svg("none", 1.0, Lang::En, &[]));
        assert_eq!(root.number("width"), WIDTH);
    }
}
