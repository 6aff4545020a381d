//! Dragging a sleep bar of the timeline. Which parameter sets a sleep's length is found by asking
//! the virtual clock: nudge each duration parameter and see which sleeps change, and by how much.
//! Dragging the bar's end then sets that parameter to the value that gives the length dragged to.

use crate::aio::virtual_clock::run_virtual;
use crate::lesson::number;
use crate::lesson::params::{format_number, ParamSpec, Params, Unit};
use crate::lesson::{Scenario, Variant};
use crate::model::timeline::MAX_LANES;
use crate::trace::{EventKind, TaskId, Trace, WaitOn};

/// A sleep that one parameter sets, and how.
#[derive(Clone, Debug, PartialEq)]
pub struct DraggableSleep {
    pub task: TaskId,
    /// Which of the task's sleeps, from 0.
    pub nth: usize,
    pub param: &'static ParamSpec,
    /// The sleep's length at the parameter's present value, in tutorial seconds.
    pub seconds: f64,
    /// Seconds of this sleep per unit of the parameter: 1 for `sleep(delay)`, 3 for
    /// `sleep(i * factor)` when i is 3.
    pub per_unit: f64,
    /// The parameter's present value.
    pub value: f64,
}

impl DraggableSleep {
    /// The parameter's value that makes this sleep `seconds` long, on the parameter's step and
    /// within its range.
    pub fn value_for(&self, seconds: f64) -> f64 {
        let spec = self.param;
        let wanted = self.value + (seconds - self.seconds) / self.per_unit;
        let stepped = (wanted / spec.step).round() * spec.step;
        // On the step's decimals: 0.1 × 12 is 1.2000000000000002 in floating point.
        let decimals = format_number(spec.step).split_once('.').map_or(0, |(_, d)| d.len());
        let rounded = number::read(&format!("{stepped:.decimals$}")).unwrap_or(stepped);
        rounded.clamp(spec.min, spec.max)
    }
}

/// Every sleep's length, by task, in the order each task slept.
fn sleeps(trace: &Trace) -> Vec<Vec<f64>> {
    let mut sleeps = vec![Vec::new(); trace.tasks.len()];
    for event in &trace.events {
        if let EventKind::Waits(WaitOn::Sleep(seconds), _) = &event.kind {
            sleeps[event.task].push(*seconds);
        }
    }
    sleeps
}

/// The sleeps of `predicted` (a run of `variant` with `params`) that a duration parameter sets.
/// None when the timeline groups its tasks: it then has no bars to drag.
pub fn draggable_sleeps(
    scenario: &'static Scenario,
    variant: &'static Variant,
    params: &Params,
    predicted: &Trace,
) -> Vec<DraggableSleep> {
    if predicted.tasks.len() > MAX_LANES {
        return Vec::new();
    }
    let base = sleeps(predicted);
    let mut handles: Vec<DraggableSleep> = Vec::new();
    for spec in scenario.params.iter().filter(|spec| spec.unit == Unit::Seconds) {
        let value = params.get(spec);
        // Nudged by one step, up if the range allows, else down.
        let nudge = if value + spec.step <= spec.max { spec.step } else { -spec.step };
        if value + nudge < spec.min {
            continue;
        }
        let mut nudged = params.clone();
        nudged.set(spec.name, value + nudge);
        let moved = sleeps(&run_virtual(variant.program()(&nudged), 1.0, 0.0).trace);
        for (task, (before, after)) in base.iter().zip(&moved).enumerate() {
            if before.len() != after.len() {
                continue; // the nudge changed what this task does: no single length to drag
            }
            for (nth, (&seconds, &nudged_seconds)) in before.iter().zip(after).enumerate() {
                // Rounded: (1.1 - 1.0) / 0.1 is 1.0000000000000009 in floating point.
                let per_unit = ((nudged_seconds - seconds) / nudge * 1e6).round() / 1e6;
                if per_unit.abs() < 1e-9 {
                    continue;
                }
                let stronger = handles.iter().position(|h| h.task == task && h.nth == nth);
                let handle = DraggableSleep { task, nth, param: spec, seconds, per_unit, value };
                match stronger {
                    Some(i) if handles[i].per_unit.abs() >= per_unit.abs() => {}
                    Some(i) => handles[i] = handle,
                    None => handles.push(handle),
                }
            }
        }
    }
    handles
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenarios;

    fn handles(scenario: &str, variant: &str) -> Vec<DraggableSleep> {
        let scenario = scenarios::find(scenario).unwrap();
        let variant = scenario.variant(variant).unwrap();
        let params = Params::defaults(scenario.params);
        let predicted = run_virtual(variant.program()(&params), 1.0, 0.0).trace;
        draggable_sleeps(scenario, variant, &params, &predicted)
    }

    #[test]
    fn each_say_after_sleep_is_set_by_its_own_delay() {
        let handles = handles("say-after", "create-task");
        let found: Vec<_> = handles.iter().map(|h| (h.task, h.nth, h.param.name, h.seconds, h.per_unit)).collect();
        assert_eq!(found, [(2, 0, "hello_delay", 1.0, 1.0), (3, 0, "world_delay", 2.0, 1.0)]);
    }

    #[test]
    fn a_sleep_of_i_times_a_factor_moves_i_seconds_per_unit() {
        let handles = handles("async-gen-pipeline", "pipeline");
        let consume: Vec<_> =
            handles.iter().filter(|h| h.param.name == "consume_factor").map(|h| (h.nth, h.per_unit)).collect();
        // Main sleeps for the producer (i × 1) and the consumer (i × 2) in turn; i = 0 sleeps 0 s
        // whatever the factor, so it cannot be dragged.
        assert_eq!(consume.iter().map(|(_, per_unit)| per_unit.round()).collect::<Vec<_>>(), [1.0, 2.0, 3.0, 4.0]);
    }

    #[test]
    fn dragging_to_a_length_gives_the_value_on_the_step_and_in_range() {
        let handles = handles("say-after", "create-task");
        let world = &handles[1];
        assert_eq!(world.value_for(3.04), 3.0);
        assert_eq!(world.value_for(1.26), 1.3);
        assert_eq!(world.value_for(-4.0), 0.0, "not below the minimum");
        assert_eq!(world.value_for(500.0), 60.0, "not above the maximum");
        let consume = handles_for_factor();
        assert_eq!(consume.value_for(consume.seconds + 4.0), 3.0, "4 s more of i = 4 is one unit more");
    }

    fn handles_for_factor() -> DraggableSleep {
        handles("async-gen-pipeline", "pipeline")
            .into_iter()
            .find(|h| h.param.name == "consume_factor" && (h.per_unit - 4.0).abs() < 1e-9)
            .unwrap()
    }

    #[test]
    fn thousands_of_grouped_tasks_have_no_bars_to_drag() {
        assert!(handles("many-tasks", "main").is_empty());
    }
}
