//! The timeline: every variant's tasks as lanes on one time axis, so lengths compare at a glance.
//! A sleep bar that a parameter sets can be dragged to a new length: the parameter follows, and
//! the prediction is redrawn as the pointer moves.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::lesson::i18n::Lang;
use crate::lesson::params::format_number;
use crate::model::drag::DraggableSleep;
use crate::model::timeline::{ticks, Group, Lane, MarkKind, Row, SegmentKind, Timeline};
use crate::model::ui_text::UI;
use crate::trace::{Outcome, WaitOn};
use crate::web::hooks::{use_sweep, use_width};
use crate::web::page::{capture_pointer, pointer_across};

/// A printed line, as (column, index of the line in that column).
pub type LineRef = (usize, usize);

#[derive(Properties, PartialEq, Clone)]
pub struct TimelineViewProps {
    /// One timeline per variant column, with the column's label.
    pub timelines: Vec<(AttrValue, Rc<Timeline>)>,
    pub lang: Lang,
    /// The line hovered in a log or here: its marker is enlarged.
    pub highlight: Option<LineRef>,
    /// Called when the pointer enters or leaves a print marker.
    pub on_hover: Callback<Option<LineRef>>,
    /// During a run: which run, and its speed (tutorial seconds per real second). A "now" line
    /// then sweeps the axis by a CSS animation, not by drawing the page again.
    #[prop_or_default]
    pub running: Option<(u64, f64)>,
    /// After a run: the instant replayed to, tutorial seconds (a "now" line standing there).
    #[prop_or_default]
    pub at: Option<f64>,
    /// By timeline: the sleeps whose bars can be dragged.
    #[prop_or_default]
    pub handles: Vec<Rc<Vec<DraggableSleep>>>,
    /// Called while a bar is dragged: the parameter's name and its new value.
    #[prop_or_default]
    pub on_drag: Callback<(&'static str, f64)>,
    /// Projector mode: everything drawn up to `PROJECTOR_ZOOM` times larger (type, rows, lines).
    #[prop_or_default]
    pub projector: bool,
}

/// A bar grabbed: the drag it starts, where the bar ends (tutorial seconds), and the pointer.
type Grab = (Drag, f64, PointerEvent);

/// A sleep bar being dragged by its end.
#[derive(Clone, PartialEq)]
struct Drag {
    handle: DraggableSleep,
    /// When the sleep starts, tutorial seconds: it stays put while its length changes.
    start: f64,
    /// How far right of the pointer the bar's end was when grabbed, in tutorial seconds: the
    /// end keeps that distance, so a bar grabbed in its middle does not jump.
    offset: f64,
    /// The axis's end when grabbed. The pointer is read on this axis throughout the drag: read
    /// on the redrawn one, a bar that ends the axis would run away (longer bar, longer axis, the
    /// same pointer further along it, …).
    axis_end: f64,
    /// Where the pointer is, in the svg's units, and the lane's top: the value is shown there.
    x: f64,
    y: f64,
    /// The value last sent, so that a move within one step sends nothing.
    sent: f64,
}

/// Drawn at the width it is shown, so its text is as large in a narrow embed as on a wide page.
/// Below this width it scrolls sideways instead (the stylesheet's `min-width` on the svg).
const MIN_WIDTH: f64 = 280.0;
/// How much larger projector mode draws: the drawing is made for a frame this many times
/// narrower than it is (but not narrower than `NARROW`), and scaled up to fill it.
const PROJECTOR_ZOOM: f64 = 1.35;
/// The width drawn before the first measurement.
const FIRST_WIDTH: f64 = 1000.0;
/// Narrower than this (a phone), the label column shrinks, long labels are cut and the text is
/// smaller, so that the whole time axis still fits.
const NARROW: f64 = 576.0;
const LABEL: f64 = 190.0;
const NARROW_LABEL: f64 = 112.0;
/// The most characters of a label that fit the narrow label column.
const NARROW_LABEL_CHARS: usize = 17;
const ROW: f64 = 22.0;
const HEADER: f64 = 24.0;
const AXIS: f64 = 28.0;
/// Below each variant's rows.
const GAP: f64 = 6.0;
/// An I/O bar at least this wide (svg units) has its time written on it, after the print mark
/// that may stand at its start.
const IO_LABEL_MIN: f64 = 52.0;

thread_local! {
    /// The width the timeline (or its place) was last shown at: where the next one starts, so that
    /// the drawing that replaces its place is not first drawn for another width and then moved.
    static SHOWN_WIDTH: Cell<f64> = const { Cell::new(FIRST_WIDTH) };
}

/// The width the frame is shown at, measured, and kept for the next timeline drawn.
#[hook]
fn use_shown_width(frame: &NodeRef) -> f64 {
    let width = use_width(frame, SHOWN_WIDTH.get());
    SHOWN_WIDTH.set(width);
    width
}

fn wait_class(kind: &SegmentKind) -> &'static str {
    match kind {
        SegmentKind::Ready => "seg-ready",
        SegmentKind::Blocking => "seg-blocking",
        SegmentKind::Waiting(WaitOn::Sleep(_)) => "seg-sleep",
        SegmentKind::Waiting(WaitOn::Queue(_)) => "seg-queue",
        SegmentKind::Waiting(WaitOn::External(_)) => "seg-external",
        SegmentKind::Waiting(WaitOn::Task(_) | WaitOn::Future(_)) => "seg-future",
    }
}

struct Scale {
    end: f64,
    width: f64,
    /// Where the time axis starts: the label column's width.
    label: f64,
}

impl Scale {
    fn new(end: f64, width: f64) -> Scale {
        Scale { end, width, label: if width < NARROW { NARROW_LABEL } else { LABEL } }
    }

    fn narrow(&self) -> bool {
        self.label < LABEL
    }

    fn x(&self, t: f64) -> f64 {
        self.label + (self.width - self.label - 12.0) * if self.end > 0.0 { t / self.end } else { 0.0 }
    }

    /// The time at `x`, the inverse of [`Scale::x`].
    fn t(&self, x: f64) -> f64 {
        (x - self.label) / (self.width - self.label - 12.0) * self.end
    }

    /// A lane's label as it fits the label column: cut with "…" when narrow, whole on hover.
    fn lane_label(&self, text: &str, y: f64) -> Html {
        let cut = self.narrow() && text.chars().count() > NARROW_LABEL_CHARS;
        let shown: String =
            if cut { text.chars().take(NARROW_LABEL_CHARS - 1).chain(['…']).collect() } else { text.to_owned() };
        html! {
            <text class="lane-label" x="4" y={y.to_string()}>
                { shown }
                if cut { <title>{ text.to_owned() }</title> }
            </text>
        }
    }
}

fn lane_view(
    lane: &Lane,
    y: f64,
    scale: &Scale,
    column: usize,
    props: &TimelineViewProps,
    on_grab: &Callback<Grab>,
) -> Html {
    let mid = y + ROW / 2.0;
    let handles = props.handles.get(column).map_or(&[][..], |h| &h[..]);
    let mut sleeps = 0;
    let segments = lane.segments.iter().filter_map(|s| {
        // Counted before zero-length sleeps are left out: handles name a task's nth sleep.
        let handle = if let SegmentKind::Waiting(WaitOn::Sleep(_)) = s.kind {
            sleeps += 1;
            handles.iter().find(|h| h.task == lane.task && h.nth == sleeps - 1)
        } else {
            None
        };
        if s.end <= s.start && s.kind != SegmentKind::Blocking {
            return None;
        }
        let (x1, x2) = (scale.x(s.start), scale.x(s.end));
        let title = s.title(props.lang);
        let Some(handle) = handle else {
            // Real I/O's bar says what its length is: real milliseconds, or the tutorial's model.
            let io_label = s.io.filter(|_| x2 - x1 >= IO_LABEL_MIN).map(|io| {
                html! {
                    <text class="seg-label" data-testid="io-bar-label" x={(x1 + 8.0).to_string()} y={(mid + 3.5).to_string()}>
                        { io.label(props.lang) }
                    </text>
                }
            });
            return Some(html! {
                <>
                    <rect class={wait_class(&s.kind)} data-testid={s.io.is_some().then_some("io-bar")}
                        x={x1.to_string()} y={(y + 5.0).to_string()}
                        width={(x2 - x1).max(1.0).to_string()} height={(ROW - 10.0).to_string()}>
                        <title>{ title }</title>
                    </rect>
                    { for io_label }
                </>
            });
        };
        let grab = {
            let (on_grab, bar_end) = (on_grab.clone(), s.end);
            let drag = Drag {
                handle: handle.clone(),
                start: s.start,
                offset: 0.0,
                axis_end: scale.end,
                x: x2,
                y,
                sent: handle.value,
            };
            Callback::from(move |e: PointerEvent| on_grab.emit((drag.clone(), bar_end, e)))
        };
        let hint = UI.drag_to_change.fill(props.lang, &[("param", handle.param.name)]);
        Some(html! {
            <rect class={classes!(wait_class(&s.kind), "draggable")} data-testid="sleep-bar"
                data-task={lane.task.to_string()} data-param={handle.param.name}
                x={x1.to_string()} y={(y + 3.0).to_string()}
                width={(x2 - x1).max(1.0).to_string()} height={(ROW - 6.0).to_string()} onpointerdown={grab}>
                <title>{ format!("{title} · {hint}") }</title>
            </rect>
        })
    });
    let marks = lane.marks.iter().map(|mark| {
        let x = scale.x(mark.t);
        match &mark.kind {
            MarkKind::Printed(index) => {
                let line = (column, *index);
                let on_hover = props.on_hover.clone();
                let leave = props.on_hover.clone();
                let highlighted = props.highlight == Some(line);
                html! {
                    <circle class={classes!("mark-print", highlighted.then_some("highlight"))}
                        data-testid="print-marker" data-column={column.to_string()} data-line={index.to_string()}
                        cx={x.to_string()} cy={mid.to_string()} r={if highlighted { "7" } else { "4.5" }}
                        onmouseenter={Callback::from(move |_| on_hover.emit(Some(line)))}
                        onmouseleave={Callback::from(move |_| leave.emit(None))} />
                }
            }
            MarkKind::Finished(Outcome::Returned) => html! {
                <line class="mark-end" x1={x.to_string()} x2={x.to_string()} y1={(y + 4.0).to_string()} y2={(y + ROW - 4.0).to_string()} />
            },
            MarkKind::Finished(Outcome::Cancelled) => html! {
                <text class="mark-cancelled" x={x.to_string()} y={(mid + 5.0).to_string()}>{ "✕" }<title>{ "CancelledError" }</title></text>
            },
            MarkKind::Finished(Outcome::Raised(err)) => html! {
                <text class="mark-raised" x={x.to_string()} y={(mid + 5.0).to_string()}>{ "!" }<title>{ err.clone() }</title></text>
            },
        }
    });
    html! {
        <g class="lane" data-testid="lane" data-task={lane.task.to_string()}>
            { scale.lane_label(&lane.label, mid + 4.0) }
            <line class="lane-rule" x1={scale.label.to_string()} x2={scale.x(lane.end).to_string()} y1={mid.to_string()} y2={mid.to_string()} />
            { for segments }
            { for marks }
        </g>
    }
}

fn group_view(group: &Group, y: f64, scale: &Scale) -> Html {
    // A step chart of how many of the group's tasks are alive, scaled to the row's height.
    let mut points = Vec::new();
    let mut previous = 0usize;
    for (t, alive) in &group.steps {
        let x = scale.x(*t);
        let height = |n: usize| y + ROW - 3.0 - (ROW - 6.0) * n as f64 / group.tasks as f64;
        points.push(format!("{x:.1},{:.1}", height(previous)));
        points.push(format!("{x:.1},{:.1}", height(*alive)));
        previous = *alive;
    }
    html! {
        <g class="lane group" data-testid="lane-group">
            { scale.lane_label(&group.label, y + ROW / 2.0 + 4.0) }
            <polyline class="group-alive" points={points.join(" ")} />
        </g>
    }
}

/// The drawing's width in its own units (its viewBox's): the width it is shown at, or for a
/// projector, that of a narrower frame, scaled up to fill it (zoomed no further than keeps the
/// drawing wide on a projector's small screen).
fn drawn_width(projector: bool, shown_width: f64) -> f64 {
    let drawn = if projector { (shown_width / PROJECTOR_ZOOM).max(shown_width.min(NARROW)) } else { shown_width };
    drawn.max(MIN_WIDTH)
}

/// The drawing's height in its own units: each variant's label, its rows and a gap, then the axis.
fn drawn_height(timelines: &[(AttrValue, Rc<Timeline>)]) -> f64 {
    timelines.iter().map(|(_, timeline)| HEADER + ROW * timeline.rows.len() as f64 + GAP).sum::<f64>() + AXIS
}

#[component]
pub fn TimelineView(props: &TimelineViewProps) -> Html {
    let frame = use_node_ref();
    let width = drawn_width(props.projector, use_shown_width(&frame));
    let svg_ref = use_node_ref();
    let now_ref = use_node_ref();
    let drag = use_state(|| None::<Drag>);
    // While dragging, the axis does not shrink under the pointer.
    let end = props.timelines.iter().map(|(_, t)| t.end).fold(drag.as_ref().map_or(0.0, |d| d.axis_end), f64::max);
    let scale = Scale::new(end, width);
    // The pointer's x in the svg's units.
    let pointer_x = {
        let svg_ref = svg_ref.clone();
        move |e: &PointerEvent| pointer_across(&svg_ref, e).map(|across| across * width)
    };
    let label = scale.label;
    let on_grab = {
        let (drag, pointer_x, svg_ref) = (drag.clone(), pointer_x.clone(), svg_ref.clone());
        Callback::from(move |(grabbed, bar_end, e): Grab| {
            let Some(x) = pointer_x(&e) else { return };
            e.prevent_default();
            capture_pointer(&svg_ref, &e);
            let axis = Scale { end: grabbed.axis_end, width, label };
            drag.set(Some(Drag { offset: bar_end - axis.t(x), ..grabbed }));
        })
    };
    let on_move = {
        let (drag, on_drag) = (drag.clone(), props.on_drag.clone());
        Callback::from(move |e: PointerEvent| {
            let (Some(current), Some(x)) = ((*drag).clone(), pointer_x(&e)) else { return };
            let t = Scale { end: current.axis_end, width, label }.t(x) + current.offset;
            let value = current.handle.value_for((t - current.start).max(0.0));
            if value != current.sent {
                on_drag.emit((current.handle.param.name, value));
            }
            drag.set(Some(Drag { x, sent: value, ..current }));
        })
    };
    let on_release = {
        let drag = drag.clone();
        Callback::from(move |_: PointerEvent| drag.set(None))
    };
    let mut y = 0.0;
    let mut blocks = Vec::new();
    for (column, (label, timeline)) in props.timelines.iter().enumerate() {
        blocks.push(html! {
            <text class="variant-label" x="4" y={(y + 16.0).to_string()}>{ label.clone() }</text>
        });
        y += HEADER;
        for row in &timeline.rows {
            blocks.push(match row {
                Row::Lane(lane) => lane_view(lane, y, &scale, column, props, &on_grab),
                Row::Group(group) => group_view(group, y, &scale),
            });
            y += ROW;
        }
        blocks.push(html! {
            <line class="variant-end" x1={scale.x(timeline.end).to_string()} x2={scale.x(timeline.end).to_string()}
                y1={(y - ROW * timeline.rows.len() as f64).to_string()} y2={y.to_string()} />
        });
        y += GAP;
    }
    let ticks = ticks(end, if scale.narrow() { 3.0 } else { 6.0 }).map(|(t, label)| {
        let x = scale.x(t);
        html! {
            <g class="tick">
                <line x1={x.to_string()} x2={x.to_string()} y1="0" y2={y.to_string()} />
                <text x={x.to_string()} y={(y + 16.0).to_string()}>{ label }</text>
            </g>
        }
    });
    let height = drawn_height(&props.timelines);
    // During a run the line starts at 0 and the browser moves it to the axis's end in the time
    // the prediction takes at this speed (`use_sweep`), on the compositor: the page's thread, and
    // so the run's timers, never wait for it.
    let sweep = props.running.map(|(run_id, speed)| (run_id, scale.x(end) - scale.x(0.0), end / speed));
    use_sweep(&now_ref, sweep);
    let now_line = match (props.running, props.at) {
        (Some((run_id, _)), _) => {
            let x = scale.x(0.0);
            Some(html! {
                <line key={run_id} ref={now_ref.clone()} class="now sweeping" data-testid="now-line" data-moving="true"
                    x1={x.to_string()} x2={x.to_string()} y1="0" y2={y.to_string()} />
            })
        }
        (None, Some(at)) => {
            let x = scale.x(at.min(end));
            Some(
                html! { <line class="now" data-testid="now-line" data-t={format!("{at:.3}")} x1={x.to_string()} x2={x.to_string()} y1="0" y2={y.to_string()} /> },
            )
        }
        (None, None) => None,
    };
    // While dragging: the parameter's value, by the pointer.
    let dragged_value = drag.as_ref().map(|d| {
        let text = format!("{} = {} s", d.handle.param.name, format_number(d.sent));
        // Kept inside the drawing: the pointer may be beyond its right edge.
        let x = d.x.clamp(scale.label, width - 4.0);
        html! { <text class="drag-value" data-testid="drag-value" x={x.to_string()} y={(d.y + 1.0).to_string()} text-anchor="end">{ text }</text> }
    });
    html! {
        <figure class="timeline" data-testid="timeline">
            <div class="timeline-frame" ref={frame}>
                <svg ref={svg_ref} viewBox={format!("0 0 {width} {height}")} role="img" preserveAspectRatio="xMinYMin meet"
                    class={classes!(scale.narrow().then_some("narrow"), drag.is_some().then_some("dragging"))}
                    aria-label={UI.timeline.get(props.lang)}
                    onpointermove={on_move} onpointerup={on_release.clone()} onpointercancel={on_release}>
                    { for ticks }
                    { for blocks }
                    { for now_line }
                    { for dragged_value }
                </svg>
            </div>
        </figure>
    }
}

crate::app::lazy::part_view!(view: TimelineView(TimelineViewProps));

/// [`TimelineView`], once its part is in: below the columns, it is not in the first screen the
/// page draws (at 1280 px it starts some 1,500 px down), so its code comes after it.
///
/// Until then its place is kept: an empty frame of the size the drawing will have, so that
/// nothing moves when it comes. In projector mode the timeline is the first thing on the screen,
/// above the columns: without its place kept, they jumped down as it came (a layout shift of
/// 0.13, where a good page stays under 0.1 in all).
#[component]
pub fn LazyTimeline(props: &TimelineViewProps) -> Html {
    let frame = use_node_ref();
    let width = drawn_width(props.projector, use_shown_width(&frame));
    let slot = html! {
        <figure class="timeline" aria-hidden="true" data-testid="timeline-slot">
            <div class="timeline-frame" ref={frame}>
                <svg viewBox={format!("0 0 {width} {}", drawn_height(&props.timelines))} />
            </div>
        </figure>
    };
    crate::app::lazy::use_lazy(crate::web::parts::Part::Timeline, props, props.lang, slot)
}
