//! The timeline's geometry, computed from a trace: one lane per task with what it waited on and
//! when it printed. With many tasks, lanes of the same coroutine are merged into one that shows how
//! many were alive at each moment, so thousands of tasks stay readable.

use crate::lesson::i18n::Lang;
use crate::model::real_io::is_io;
use crate::model::ui_text::UI;
use crate::trace::{task_name, Event, EventKind, Outcome, Speed, TaskId, Trace, WaitOn};

/// More lanes than this and tasks are grouped by coroutine.
pub const MAX_LANES: usize = 30;

#[derive(Clone, Debug, PartialEq)]
pub enum SegmentKind {
    /// Created or woken, waiting for its turn in the ready queue.
    Ready,
    Waiting(WaitOn),
    /// A blocking call holding the whole loop.
    Blocking,
}

impl SegmentKind {
    /// What the segment is, in words, whatever its clock: see [`Segment::title`].
    pub fn title(&self, lang: Lang) -> String {
        match self {
            SegmentKind::Ready => UI.wait_ready.get(lang).to_owned(),
            SegmentKind::Blocking => UI.wait_blocking.get(lang).to_owned(),
            SegmentKind::Waiting(on) => wait_name(on),
        }
    }
}

/// What a wait is on, as Python writes it: `asyncio.sleep(1)`, `await Task-2`.
pub fn wait_name(on: &WaitOn) -> String {
    match on {
        WaitOn::Sleep(seconds) => format!("asyncio.sleep({seconds})"),
        WaitOn::Task(task) => format!("await {}", task_name(*task)),
        WaitOn::Future(what) => format!("await {what}"),
        WaitOn::Queue(name) => format!("{name}.get() / put()"),
        WaitOn::External(what) => what.to_string(),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub start: f64,
    pub end: f64,
    pub kind: SegmentKind,
    /// For a wait on real I/O (a fetch, a file): how its time is to be read.
    pub io: Option<IoTime>,
}

/// How long a wait on real I/O took, as its bar says: real I/O is not a tutorial sleep, so its
/// bar is labelled with what it is, not only drawn at the speed's scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum IoTime {
    /// The measured run's real milliseconds, which the speed does not scale.
    Real(f64),
    /// The prediction's latency, the tutorial's model of the operation.
    Modelled,
}

impl IoTime {
    /// The label drawn on the bar: `37 ms`, or `model`.
    pub fn label(self, lang: Lang) -> String {
        match self {
            IoTime::Real(ms) => format!("{ms:.0} ms"),
            IoTime::Modelled => UI.io_bar_model.get(lang).to_owned(),
        }
    }
}

impl Segment {
    /// What the segment is, in words: its bar's tooltip on the page and in the exported SVG.
    pub fn title(&self, lang: Lang) -> String {
        let what = self.kind.title(lang);
        match self.io {
            None => what,
            Some(IoTime::Real(ms)) => {
                format!("{what} · {}", UI.io_bar_real.fill(lang, &[("ms", &format!("{ms:.1}"))]))
            }
            Some(IoTime::Modelled) => format!("{what} · {}", UI.io_bar_modelled.get(lang)),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum MarkKind {
    /// The index of the line in the run's printed lines.
    Printed(usize),
    Finished(Outcome),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub t: f64,
    pub kind: MarkKind,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    pub task: TaskId,
    /// `Task-2 say_after`, or `<module>` for the program itself.
    pub label: String,
    pub segments: Vec<Segment>,
    pub marks: Vec<Mark>,
    pub start: f64,
    /// When the task finished; the end of the run if it never did.
    pub end: f64,
}

/// Several tasks of one coroutine, drawn as a count over time.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub label: String,
    pub tasks: usize,
    /// `(t, alive)`: from `t` on, `alive` tasks of the group exist and have not finished.
    pub steps: Vec<(f64, usize)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Row {
    Lane(Lane),
    Group(Group),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    pub rows: Vec<Row>,
    /// Time of the last event: the axis runs from 0 to here.
    pub end: f64,
}

/// Which clock the timeline is drawn on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Timing {
    /// The loop's logical time: the prediction.
    Ideal,
    /// Real time as measured, in tutorial seconds at this speed.
    Measured { speed: f64 },
}

impl Timing {
    pub fn at(self, event: &Event) -> f64 {
        match self {
            Timing::Ideal => event.t,
            Timing::Measured { speed } => Speed(speed).seconds(event.ms),
        }
    }
}

/// Every task's lane, never grouped (an export has a track per task), and the run's end.
pub fn task_lanes(trace: &Trace, clock: Timing) -> (Vec<Lane>, f64) {
    let end = run_end(trace, clock);
    (lanes(trace, clock, end, &with_lanes(trace), |_| true), end)
}

/// Which tasks, by id, have a lane: every task that is not asyncio's own, and the program (0)
/// only if something of it is marked (a line it printed).
fn with_lanes(trace: &Trace) -> Vec<bool> {
    let internal = |task: TaskId| crate::aio::INTERNAL_COROUTINES.contains(&trace.tasks[task]);
    let mut shown: Vec<bool> = (0..trace.tasks.len()).map(|task| task != 0 && !internal(task)).collect();
    if let Some(program) = shown.first_mut() {
        *program = !internal(0)
            && trace.events.iter().any(|e| {
                e.task == 0 && matches!(e.kind, EventKind::Printed(_) | EventKind::Stderr(_) | EventKind::Finished(_))
            });
    }
    shown
}

fn run_end(trace: &Trace, clock: Timing) -> f64 {
    trace.events.iter().map(|e| clock.at(e)).fold(0.0, f64::max)
}

/// The coroutine a lane stands for, which a group gathers by: `<module>` for the program.
fn coroutine(trace: &Trace, task: TaskId) -> &'static str {
    if task == 0 {
        "<module>"
    } else {
        trace.tasks[task]
    }
}

/// The lane of each task `shown` ([`with_lanes`]), in creation order. A lane not `detailed` has
/// only its start and end (a group's count needs no more): a run of 10,000 tasks has no 10,000
/// labels and bar lists made only to be counted.
fn lanes(trace: &Trace, clock: Timing, end: f64, shown: &[bool], detailed: impl Fn(TaskId) -> bool) -> Vec<Lane> {
    let mut lanes: Vec<Lane> = trace
        .tasks
        .iter()
        .enumerate()
        .map(|(task, coroutine)| Lane {
            task,
            label: match task {
                0 => task_name(task),
                _ if detailed(task) => format!("{} {coroutine}", task_name(task)),
                _ => String::new(),
            },
            segments: Vec::new(),
            marks: Vec::new(),
            start: 0.0,
            end,
        })
        .collect();
    let detailed: Vec<bool> = (0..lanes.len()).map(&detailed).collect();
    // The segment each task is in now, by task: its kind, start, and the real ms it started at.
    let mut open: Vec<Option<(SegmentKind, f64, f64)>> = vec![None; lanes.len()];
    let mut printed = 0;
    for event in &trace.events {
        let t = clock.at(event);
        let Some(lane) = lanes.get_mut(event.task) else { continue };
        if !detailed[event.task] {
            match &event.kind {
                EventKind::TaskCreated => lane.start = t,
                EventKind::Finished(_) => lane.end = t,
                EventKind::Printed(_) | EventKind::Stderr(_) => printed += 1,
                _ => {}
            }
            continue;
        }
        let close = |open: &mut Option<(SegmentKind, f64, f64)>, lane: &mut Lane| {
            if let Some((kind, start, start_ms)) = open.take() {
                let io = io_time(&kind, clock, event.ms - start_ms);
                lane.segments.push(Segment { start, end: t, kind, io });
            }
        };
        match &event.kind {
            EventKind::TaskCreated => {
                lane.start = t;
                open[event.task] = Some((SegmentKind::Ready, t, event.ms));
            }
            EventKind::Resumed => close(&mut open[event.task], lane),
            EventKind::Waits(on, _) => {
                close(&mut open[event.task], lane);
                open[event.task] = Some((SegmentKind::Waiting(on.clone()), t, event.ms));
            }
            EventKind::Finished(outcome) => {
                close(&mut open[event.task], lane);
                lane.end = t;
                lane.marks.push(Mark { t, kind: MarkKind::Finished(outcome.clone()) });
            }
            // Its index among the column's lines, stderr included, as the log shows them.
            EventKind::Printed(_) | EventKind::Stderr(_) => {
                lane.marks.push(Mark { t, kind: MarkKind::Printed(printed) });
                printed += 1;
            }
            EventKind::Blocked(seconds, _) => {
                lane.segments.push(Segment { start: t, end: t + seconds, kind: SegmentKind::Blocking, io: None });
            }
            EventKind::QueuePut { .. } | EventKind::QueueGot { .. } => {}
        }
    }
    for (lane, open) in lanes.iter_mut().zip(open) {
        if let Some((kind, start, _)) = open {
            // A measured wait the run never came back from: its real time is not known.
            let io = io_time(&kind, clock, 0.0).filter(|io| !matches!(io, IoTime::Real(_)));
            lane.segments.push(Segment { start, end: end.max(start), kind, io });
        }
    }
    lanes.retain(|lane| shown[lane.task]);
    lanes
}

/// How a segment that waited `ms` real milliseconds reads, if it is a wait on real I/O: on the
/// measured clock, those milliseconds; on the prediction's, the tutorial's model.
fn io_time(kind: &SegmentKind, clock: Timing, ms: f64) -> Option<IoTime> {
    let SegmentKind::Waiting(WaitOn::External(what)) = kind else { return None };
    if !is_io(what) {
        return None;
    }
    Some(match clock {
        Timing::Measured { .. } => IoTime::Real(ms),
        Timing::Ideal => IoTime::Modelled,
    })
}

/// Merges lanes by coroutine name, keeping the first-created order of the names.
fn groups(trace: &Trace, lanes: Vec<Lane>) -> Vec<Row> {
    let mut names: Vec<(&str, Vec<Lane>)> = Vec::new();
    for lane in lanes {
        let name = coroutine(trace, lane.task);
        match names.iter_mut().find(|(n, _)| *n == name) {
            Some((_, members)) => members.push(lane),
            None => names.push((name, vec![lane])),
        }
    }
    names
        .into_iter()
        .map(|(name, mut members)| {
            if members.len() == 1 {
                return Row::Lane(members.pop().expect("one member"));
            }
            let mut changes: Vec<(f64, isize)> =
                members.iter().flat_map(|lane| [(lane.start, 1), (lane.end, -1)]).collect();
            changes.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
            let mut steps: Vec<(f64, usize)> = Vec::new();
            let mut alive: isize = 0;
            for (t, delta) in changes {
                alive += delta;
                match steps.last_mut() {
                    Some(last) if last.0 == t => last.1 = alive.max(0) as usize,
                    _ => steps.push((t, alive.max(0) as usize)),
                }
            }
            Row::Group(Group { label: format!("{name} ×{}", members.len()), tasks: members.len(), steps })
        })
        .collect()
}

/// The time axis's ticks over `0..=end` seconds, about `count` of them at a round interval, each
/// with its label (`0s`, `0.5s`, `2h`): the page's axis and the exported SVG's.
pub fn ticks(end: f64, count: f64) -> impl Iterator<Item = (f64, String)> {
    let rough = (end / count).max(1e-3);
    let magnitude = 10f64.powf(rough.log10().floor());
    let step =
        [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * magnitude).find(|step| *step >= rough).unwrap_or(10.0 * magnitude);
    (0..).map(move |i| i as f64 * step).take_while(move |t| *t <= end + 1e-9).map(|t| {
        let label = if t >= 3600.0 && t % 3600.0 == 0.0 {
            format!("{}h", t / 3600.0)
        } else {
            format!("{}s", (t * 1000.0).round() / 1000.0)
        };
        (t, label)
    })
}

/// The timeline of a run, on the given clock.
pub fn timeline(trace: &Trace, clock: Timing) -> Timeline {
    let end = run_end(trace, clock);
    let shown = with_lanes(trace);
    if shown.iter().filter(|shown| **shown).count() <= MAX_LANES {
        return Timeline { rows: lanes(trace, clock, end, &shown, |_| true).into_iter().map(Row::Lane).collect(), end };
    }
    // Grouped: only a coroutine with a single task keeps a lane of its own, drawn in full.
    let mut tasks_of: Vec<(&str, usize)> = Vec::new();
    for task in (0..trace.tasks.len()).filter(|task| shown[*task]) {
        let name = coroutine(trace, task);
        match tasks_of.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count += 1,
            None => tasks_of.push((name, 1)),
        }
    }
    let alone = |task: TaskId| tasks_of.iter().any(|(name, count)| *count == 1 && *name == coroutine(trace, task));
    Timeline { rows: groups(trace, lanes(trace, clock, end, &shown, alone)), end }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aio::virtual_clock::run_virtual;
    use crate::lesson::params::Params;
    use crate::scenarios;

    fn say_after(variant: &str) -> Trace {
        let scenario = scenarios::find("say-after").unwrap();
        let program = scenario.variant(variant).unwrap().program()(&Params::defaults(scenario.params));
        run_virtual(program, 1.0, 0.0).trace
    }

    fn lane<'a>(timeline: &'a Timeline, label: &str) -> &'a Lane {
        timeline
            .rows
            .iter()
            .find_map(|row| match row {
                Row::Lane(lane) if lane.label == label => Some(lane),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no lane {label} in {:?}", timeline.rows))
    }

    #[test]
    fn create_task_shows_both_sleeps_overlapping() {
        let timeline = timeline(&say_after("create-task"), Timing::Ideal);
        let hello = lane(&timeline, "Task-2 say_after");
        let world = lane(&timeline, "Task-3 say_after");
        let sleeping = |lane: &Lane| {
            lane.segments
                .iter()
                .find(|s| matches!(s.kind, SegmentKind::Waiting(WaitOn::Sleep(_))))
                .map(|s| (s.start, s.end))
                .unwrap()
        };
        assert_eq!(sleeping(hello), (0.0, 1.0));
        assert_eq!(sleeping(world), (0.0, 2.0));
        let main = lane(&timeline, "Task-1 main");
        assert!(main.segments.iter().any(|s| s.kind == SegmentKind::Waiting(WaitOn::Task(2))));
        assert!(hello.marks.contains(&Mark { t: 1.0, kind: MarkKind::Printed(1) }), "{:?}", hello.marks);
        assert_eq!(timeline.end, 2.0);
    }

    #[test]
    fn awaiting_one_by_one_keeps_everything_in_main() {
        let timeline = timeline(&say_after("sequential"), Timing::Ideal);
        let main = lane(&timeline, "Task-1 main");
        let sleeps: Vec<_> = main
            .segments
            .iter()
            .filter(|s| matches!(s.kind, SegmentKind::Waiting(WaitOn::Sleep(_))))
            .map(|s| (s.start, s.end))
            .collect();
        assert_eq!(sleeps, vec![(0.0, 1.0), (1.0, 3.0)]);
        let printed = main.marks.iter().filter(|m| matches!(m.kind, MarkKind::Printed(_))).count();
        assert_eq!(printed, 4);
    }

    #[test]
    fn the_axis_has_round_ticks_with_their_labels() {
        let labels = |end, count| ticks(end, count).map(|(_, label)| label).collect::<Vec<_>>();
        assert_eq!(labels(2.0, 6.0), ["0s", "0.5s", "1s", "1.5s", "2s"]);
        assert_eq!(labels(13.5, 6.0), ["0s", "5s", "10s"]);
        assert_eq!(labels(13.5, 3.0), ["0s", "5s", "10s"]);
        assert_eq!(labels(0.0, 6.0), ["0s"], "an empty run still has its origin");
        let long = labels(36_000.0, 18.0);
        assert_eq!((long[1].as_str(), long[9].as_str(), long[18].as_str()), ("2000s", "5h", "10h"), "{long:?}");
    }

    #[test]
    fn many_tasks_are_grouped_into_a_count() {
        let program: crate::aio::Program = Box::pin(crate::aio::run(async {
            let sleepers: Vec<_> = (0..100).map(|i| crate::aio::sleep(1.0 + f64::from(i % 2))).collect();
            crate::aio::gather(sleepers)?.await?;
            Ok(())
        }));
        let timeline = timeline(&run_virtual(program, 1.0, 0.0).trace, Timing::Ideal);
        let group = timeline
            .rows
            .iter()
            .find_map(|row| match row {
                Row::Group(group) => Some(group),
                Row::Lane(_) => None,
            })
            .expect("a group");
        assert_eq!(group.tasks, 100);
        assert_eq!(group.steps, vec![(0.0, 100), (1.0, 50), (2.0, 0)]);
        assert!(timeline.rows.len() <= MAX_LANES);
    }

    /// Grouped, a coroutine run by one task keeps its lane as drawn ungrouped, bars and marks.
    #[test]
    fn beside_groups_a_lone_tasks_lane_is_whole() {
        let scenario = scenarios::find("many-tasks").unwrap();
        let mut params = Params::defaults(scenario.params);
        params.set("n", 40.0);
        let trace = run_virtual(scenario.variant("main").unwrap().program()(&params), 1.0, 0.0).trace;
        let grouped = timeline(&trace, Timing::Measured { speed: 1.0 });
        let (whole, end) = task_lanes(&trace, Timing::Measured { speed: 1.0 });
        assert_eq!(grouped.end, end);
        let labels: Vec<String> = grouped
            .rows
            .iter()
            .map(|row| match row {
                Row::Lane(lane) => lane.label.clone(),
                Row::Group(group) => group.label.clone(),
            })
            .collect();
        assert_eq!(labels, ["Task-1 main", "work ×40"]);
        for row in &grouped.rows {
            if let Row::Lane(lane) = row {
                assert_eq!(Some(lane), whole.iter().find(|l| l.task == lane.task), "{}", lane.label);
                assert!(!lane.segments.is_empty() && !lane.marks.is_empty(), "{lane:?}");
            }
        }
    }

    /// The I/O bars of aiohttp-fetch's sequential variant at ×20 on the virtual clock, where a
    /// measured clock reads the same trace's milliseconds.
    fn io_segments(clock: Timing) -> Vec<Segment> {
        let scenario = scenarios::find("aiohttp-fetch").unwrap();
        let program = scenario.variant("sequential").unwrap().program()(&Params::defaults(scenario.params));
        let trace = run_virtual(program, 20.0, 0.0).trace;
        task_lanes(&trace, clock).0.into_iter().flat_map(|lane| lane.segments).filter(|s| s.io.is_some()).collect()
    }

    #[test]
    fn real_io_bars_say_real_milliseconds_and_predicted_ones_say_model() {
        let measured = io_segments(Timing::Measured { speed: 20.0 });
        let ms: Vec<_> = measured.iter().map(|s| s.io).collect();
        // The tutorial's 1, 2 and 1.5 s, taken at ×20: what a real fetch's milliseconds stand for.
        assert_eq!(ms, [Some(IoTime::Real(50.0)), Some(IoTime::Real(100.0)), Some(IoTime::Real(75.0))]);
        assert_eq!(measured[1].end - measured[1].start, 2.0, "the bar is drawn on the axis's clock");
        assert_eq!(measured[1].io.unwrap().label(Lang::En), "100 ms");
        assert!(measured[1]
            .title(Lang::En)
            .ends_with(" · real I/O took 100.0 ms (real time, not scaled by the speed)"));
        assert!(measured[1].title(Lang::Zh).contains("100.0 毫秒"));

        let predicted = io_segments(Timing::Ideal);
        assert_eq!(predicted.len(), 3);
        assert!(predicted.iter().all(|s| s.io == Some(IoTime::Modelled)));
        assert_eq!(predicted[0].io.unwrap().label(Lang::En), "model");
        assert!(predicted[0].title(Lang::En).contains("a latency modelled on the tutorial's"));
    }

    #[test]
    fn a_threads_job_and_a_sleep_are_not_io() {
        let scenario = scenarios::find("blocking-call").unwrap();
        let program = scenario.variant("to-thread").unwrap().program()(&Params::defaults(scenario.params));
        let trace = run_virtual(program, 20.0, 0.0).trace;
        for clock in [Timing::Ideal, Timing::Measured { speed: 20.0 }] {
            let segments: Vec<Segment> = task_lanes(&trace, clock).0.into_iter().flat_map(|l| l.segments).collect();
            assert!(segments.iter().any(|s| matches!(&s.kind, SegmentKind::Waiting(WaitOn::External(_)))));
            assert!(segments.iter().all(|s| s.io.is_none()), "{segments:?}");
        }
        assert!(task_lanes(&say_after("create-task"), Timing::Ideal)
            .0
            .iter()
            .all(|l| l.segments.iter().all(|s| s.io.is_none())));
    }

    #[test]
    fn a_measured_io_wait_never_come_back_from_has_no_time_of_its_own() {
        let event = |task, ms: f64, kind| Event { task, t: ms * 20.0 / 1000.0, ms, kind };
        let trace = Trace {
            events: vec![
                event(1, 0.0, EventKind::TaskCreated),
                event(1, 0.0, EventKind::Resumed),
                event(1, 1.0, EventKind::Waits(WaitOn::External("GET a".into()), None)),
            ],
            tasks: vec!["<module>", "fetch"],
            ..Trace::default()
        };
        let lanes = task_lanes(&trace, Timing::Measured { speed: 20.0 }).0;
        let last = lanes[0].segments.last().unwrap();
        assert_eq!((&last.kind, last.io), (&SegmentKind::Waiting(WaitOn::External("GET a".into())), None));
        let predicted = task_lanes(&trace, Timing::Ideal).0;
        assert_eq!(predicted[0].segments.last().unwrap().io, Some(IoTime::Modelled));
    }
}
