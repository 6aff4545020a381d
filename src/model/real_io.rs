//! Real I/O, read truly: in the lessons that fetch or write files, the page's run really does the
//! I/O, in real milliseconds the speed does not scale, while the prediction waits the tutorial's
//! latencies, a model. What a column says of such a run comes from here: the real milliseconds
//! of each operation, and the modelled seconds the prediction gave the same operations.

use crate::trace::{EventKind, TaskId, Trace, WaitOn};

/// One wait on I/O outside the loop (a fetch, a file; not a `to_thread` job, whose time is the
/// program's own `time.sleep`).
#[derive(Clone, Debug, PartialEq)]
pub struct IoWait {
    pub task: TaskId,
    /// What it waited on: `GET https://…`, `write sample.txt`.
    pub what: String,
    /// How long, in real milliseconds (the measured run's; the virtual clock's at its speed).
    pub ms: f64,
    /// How long on the loop's clock, tutorial seconds.
    pub seconds: f64,
}

/// Whether a wait outside the loop is on real I/O: anything but a thread's job.
pub(crate) fn is_io(what: &str) -> bool {
    !what.starts_with("to_thread(")
}

/// The run's waits on real I/O, in the order they began; a wait the run never came back from
/// (stopped, never exits) is left out.
pub fn io_waits(trace: &Trace) -> Vec<IoWait> {
    // Each open wait with the index of the event that began it.
    let mut open: Vec<(usize, TaskId, String, f64, f64)> = Vec::new();
    let mut done = Vec::new();
    for (index, event) in trace.events.iter().enumerate() {
        match &event.kind {
            EventKind::Waits(WaitOn::External(what), _) if is_io(what) => {
                open.push((index, event.task, what.to_string(), event.ms, event.t));
            }
            EventKind::Resumed => {
                if let Some(i) = open.iter().position(|(_, task, ..)| *task == event.task) {
                    let (began, task, what, ms, t) = open.remove(i);
                    done.push((began, IoWait { task, what, ms: event.ms - ms, seconds: event.t - t }));
                }
            }
            _ => {}
        }
    }
    done.sort_by_key(|(began, _)| *began);
    done.into_iter().map(|(_, wait)| wait).collect()
}

/// What a column of a run with real I/O says instead of a difference from the prediction: how
/// many operations, their real milliseconds in all, and the latencies the prediction modelled.
#[derive(Clone, Debug, PartialEq)]
pub struct IoReading {
    pub operations: usize,
    /// The real milliseconds of the measured run's I/O, added up.
    pub real_ms: f64,
    /// The longest single operation, real milliseconds.
    pub longest_ms: f64,
    /// The prediction's latency for each operation, tutorial seconds, in order.
    pub modelled: Vec<f64>,
}

/// The reading of a measured run beside its prediction; `None` when the run did no real I/O.
pub fn io_reading(measured: &Trace, predicted: &Trace) -> Option<IoReading> {
    let real = io_waits(measured);
    if real.is_empty() {
        return None;
    }
    Some(IoReading {
        operations: real.len(),
        real_ms: real.iter().map(|w| w.ms).sum(),
        longest_ms: real.iter().map(|w| w.ms).fold(0.0, f64::max),
        modelled: io_waits(predicted).iter().map(|w| w.seconds).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aio::virtual_clock::run_virtual;
    use crate::lesson::params::Params;
    use crate::trace::Event;

    fn predicted(scenario: &str, variant: &str) -> Trace {
        let scenario = crate::scenarios::find(scenario).unwrap();
        let program = scenario.variant(variant).unwrap().program()(&Params::defaults(scenario.params));
        run_virtual(program, 20.0, 0.0).trace
    }

    #[test]
    fn the_prediction_models_each_request_with_the_tutorials_latency() {
        let trace = predicted("aiohttp-fetch", "create-task");
        let waits = io_waits(&trace);
        let seconds: Vec<f64> = waits.iter().map(|w| w.seconds).collect();
        assert_eq!(seconds, [1.0, 2.0, 1.5], "the three sites' latencies, in the order they were asked");
        assert_eq!(waits[0].ms, 50.0, "on the virtual clock, 1 s at ×20");
        assert!(io_waits(&predicted("blocking-call", "to-thread")).is_empty(), "a thread's job is not I/O");
        assert!(io_waits(&predicted("say-after", "create-task")).is_empty());
    }

    /// A measured run as the page records it: the fetches took a few real milliseconds.
    #[test]
    fn a_measured_run_reads_its_real_milliseconds_beside_the_modelled_latencies() {
        let event = |task, ms: f64, kind| Event { task, t: ms * 20.0 / 1000.0, ms, kind };
        let fetch = |what: &'static str| EventKind::Waits(WaitOn::External(what.into()), None);
        let measured = Trace {
            events: vec![
                event(2, 1.0, fetch("GET a")),
                event(3, 1.5, fetch("GET b")),
                event(3, 4.5, EventKind::Resumed),
                event(2, 9.0, EventKind::Resumed),
                event(4, 9.5, fetch("GET c")),
            ],
            tasks: vec!["<module>", "fetch", "fetch", "fetch"],
            ..Trace::default()
        };
        let waits = io_waits(&measured);
        assert_eq!(waits.iter().map(|w| (w.what.as_str(), w.ms)).collect::<Vec<_>>(), [("GET a", 8.0), ("GET b", 3.0)]);
        let reading = io_reading(&measured, &predicted("aiohttp-fetch", "create-task")).unwrap();
        assert_eq!(reading, IoReading { operations: 2, real_ms: 11.0, longest_ms: 8.0, modelled: vec![1.0, 2.0, 1.5] });
        assert_eq!(io_reading(&predicted("say-after", "gather"), &measured), None, "no real I/O, nothing to say");
    }
}
