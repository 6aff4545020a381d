//! Predict, then run: before a run, the learner puts a variant's lines in the order they expect
//! and guesses its elapsed time; the run's trace then judges the guess. The lines to order are
//! the prediction's (the virtual clock's run of the same values), shuffled the same way for
//! everyone who opens the link, so a class sees one exercise.

use crate::lesson::params::{ParamError, ParamSpec, Unit};
use crate::model::await_graph::{task_label, task_states, Doing};
use crate::trace::{Line, RunOutcome, TaskId};

/// More lines than this are not an exercise in ordering: only the time is guessed.
pub const MAX_LINES: usize = 14;

/// A time guess is right within this share of the run's time…
const CLOSE_SHARE: f64 = 0.1;
/// …or within this many tutorial seconds, for the shortest runs.
const CLOSE_SECONDS: f64 = 0.05;

/// What a time guess accepts: tutorial seconds, 0 to an hour.
pub const ELAPSED_GUESS: ParamSpec = ParamSpec {
    name: "elapsed-guess",
    label: crate::t!("你猜用时", "Your guess"),
    unit: Unit::Seconds,
    default: 0.0,
    min: 0.0,
    max: 3600.0,
    step: 0.1,
};

/// One variant's prediction, as the learner has it so far.
#[derive(Clone, Debug, PartialEq)]
pub struct Guess {
    pub variant: &'static str,
    /// The lines to order, as the prediction prints them, in its order: the task that prints
    /// each and its text. Empty when there are none or too many.
    pub lines: Vec<(TaskId, String)>,
    /// The learner's order: places in `lines`.
    pub order: Vec<usize>,
    /// How many lines the variant prints.
    pub total: usize,
    /// The time guess as typed, and why it is refused if it is.
    pub elapsed_text: String,
    pub elapsed_error: Option<ParamError>,
}

impl Guess {
    /// A new exercise for the lines a variant's prediction prints (`lines`, in its order).
    pub fn new(variant: &'static str, lines: &[Line]) -> Guess {
        let total = lines.len();
        let lines: Vec<(TaskId, String)> = if lines.len() <= MAX_LINES {
            lines.iter().map(|l| (l.task, l.text.clone())).collect()
        } else {
            Vec::new()
        };
        let order = shuffled(&lines);
        Guess { variant, order, lines, total, elapsed_text: String::new(), elapsed_error: None }
    }

    /// Whether this guess is for the same lines, so that it can stay across new values.
    pub fn same_lines(&self, lines: &[Line]) -> bool {
        self.total == lines.len()
            && (self.lines.is_empty()
                || self.lines.iter().zip(lines).all(|((task, text), l)| *task == l.task && *text == l.text))
    }

    /// The text at a place of the learner's order.
    pub fn text(&self, place: usize) -> &str {
        &self.lines[self.order[place]].1
    }

    /// Moves the line at `from` to `to`; out of range does nothing.
    pub fn move_line(&mut self, from: usize, to: usize) {
        if from < self.order.len() && to < self.order.len() && from != to {
            let line = self.order.remove(from);
            self.order.insert(to, line);
        }
    }

    pub fn set_elapsed(&mut self, text: String) {
        self.elapsed_error = match text.trim() {
            "" => None,
            typed => ELAPSED_GUESS.parse(typed).err(),
        };
        self.elapsed_text = text;
    }

    /// The time guessed, if one is typed and valid.
    pub fn elapsed(&self) -> Option<f64> {
        ELAPSED_GUESS.parse(&self.elapsed_text).ok()
    }
}

/// The lines sorted as text, so the order gives nothing away; if that is the order printed,
/// the first goes last.
fn shuffled(lines: &[(TaskId, String)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by(|a, b| lines[*a].1.cmp(&lines[*b].1));
    let same_text = |a: &usize, b: usize| lines[*a].1 == lines[b].1;
    if order.iter().enumerate().all(|(place, i)| same_text(i, place)) && lines.iter().any(|l| l.1 != lines[0].1) {
        order.rotate_left(1);
    }
    order
}

/// A line as the run prints it, whoever's clock it reads: the task, and how many lines that
/// task printed before it. A measured run prints the same lines as its prediction, though a
/// line may read differently (`started at 10:42:07`) and, with real I/O, come at another place.
fn keys(lines: impl Iterator<Item = TaskId>) -> Vec<(TaskId, usize)> {
    let mut counts: Vec<usize> = Vec::new();
    lines
        .map(|task| {
            if task >= counts.len() {
                counts.resize(task + 1, 0);
            }
            counts[task] += 1;
            (task, counts[task] - 1)
        })
        .collect()
}

/// The run's verdict on one variant's guess.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// Per place in the learner's order: whether the run printed that line there.
    pub correct: Vec<bool>,
    pub correct_lines: usize,
    /// How many lines were ordered (0 when the variant prints none or too many).
    pub total_lines: usize,
    pub first_wrong: Option<FirstWrong>,
    pub elapsed_guess: Option<f64>,
    /// The run's time, tutorial seconds, as its column shows it.
    pub elapsed: f64,
    pub time: TimeVerdict,
}

/// The first place where the learner's order and the run's differ, told with the trace.
#[derive(Clone, Debug, PartialEq)]
pub struct FirstWrong {
    /// From 0.
    pub place: usize,
    /// What the run printed there (as the exercise shows the line), by which task, when
    /// (tutorial seconds).
    pub expected: String,
    pub expected_task: String,
    pub expected_t: f64,
    /// What the learner put there, and when the run printed it.
    pub guessed: String,
    pub guessed_task: String,
    pub guessed_t: f64,
    pub why: Why,
}

/// Why the expected line came before the guessed one.
#[derive(Clone, Debug, PartialEq)]
pub enum Why {
    /// One task prints both, in its code's order.
    SameTask,
    /// The task that prints the guessed line did not exist yet.
    NotCreated,
    /// What the task that prints the guessed line was doing when the expected line was printed.
    Doing(Doing),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TimeVerdict {
    NoGuess,
    Close,
    /// Guessed this many seconds too long (positive) or too short (negative).
    Off(f64),
}

/// Judges a guess by the run's outcome; `elapsed` is the run's time as its column shows it.
pub fn judge(guess: &Guess, outcome: &RunOutcome, elapsed: f64) -> Verdict {
    // The lines printed, with the index of the event that printed each.
    let printed: Vec<(usize, Line)> =
        outcome.trace.events.iter().enumerate().filter_map(|(i, e)| Some((i, Line::of(e)?))).collect();
    let run_keys = keys(printed.iter().map(|(_, l)| l.task));
    let guess_keys = keys(guess.lines.iter().map(|(task, _)| *task));
    // Where the run printed the line the learner put at each place, if it printed it.
    let placed: Vec<Option<usize>> =
        guess.order.iter().map(|i| run_keys.iter().position(|k| *k == guess_keys[*i])).collect();
    let correct: Vec<bool> = placed.iter().enumerate().map(|(place, at)| *at == Some(place)).collect();
    let first_wrong = correct.iter().position(|ok| !ok).and_then(|place| {
        let (event, expected) = printed.get(place)?;
        let (_, guessed) = printed.get(placed[place]?)?;
        // Quoted as the exercise shows them: the measured run may read differently.
        let shown = |at: usize, line: &Line| {
            let i = guess_keys.iter().position(|k| *k == run_keys[at]);
            i.map_or_else(|| line.text.clone(), |i| guess.lines[i].1.clone())
        };
        Some(FirstWrong {
            place,
            expected: shown(place, expected),
            expected_task: task_label(&outcome.trace, expected.task),
            expected_t: expected.t,
            guessed: shown(placed[place]?, guessed),
            guessed_task: task_label(&outcome.trace, guessed.task),
            guessed_t: guessed.t,
            why: why(outcome, *event, expected.task, guessed.task),
        })
    });
    let elapsed_guess = guess.elapsed();
    let time = match elapsed_guess {
        None => TimeVerdict::NoGuess,
        Some(g) if (g - elapsed).abs() <= (CLOSE_SHARE * elapsed).max(CLOSE_SECONDS) => TimeVerdict::Close,
        Some(g) => TimeVerdict::Off(g - elapsed),
    };
    Verdict {
        correct_lines: correct.iter().filter(|ok| **ok).count(),
        total_lines: correct.len(),
        correct,
        first_wrong,
        elapsed_guess,
        elapsed,
        time,
    }
}

fn why(outcome: &RunOutcome, event: usize, expected: TaskId, guessed: TaskId) -> Why {
    if expected == guessed {
        return Why::SameTask;
    }
    // The tasks as they were once the expected line was printed.
    match task_states(&outcome.trace, event + 1).get(guessed).cloned().flatten() {
        Some(state) => Why::Doing(state.doing),
        None if guessed == 0 => Why::Doing(Doing::Ready),
        None => Why::NotCreated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aio::virtual_clock::run_virtual;
    use crate::lesson::params::Params;
    use crate::trace::{Event, EventKind, Exit, Trace, WaitOn};

    fn run(scenario: &str, variant: &str) -> RunOutcome {
        let scenario = crate::scenarios::find(scenario).unwrap();
        run_virtual(scenario.variant(variant).unwrap().program()(&Params::defaults(scenario.params)), 1.0, 0.0)
    }

    /// The guess for a run's own lines, in this order of their places as printed.
    fn guess_in(outcome: &RunOutcome, order: &[usize]) -> Guess {
        let mut guess = Guess::new("v", &outcome.lines());
        assert!(guess.same_lines(&outcome.lines()));
        guess.order = order.to_vec();
        guess
    }

    fn texts(guess: &Guess) -> Vec<&str> {
        (0..guess.order.len()).map(|place| guess.text(place)).collect()
    }

    #[test]
    fn the_exercise_never_starts_in_the_order_printed() {
        let outcome = run("say-after", "create-task");
        let guess = Guess::new("create-task", &outcome.lines());
        assert_eq!(guess.total, 4);
        assert_ne!(guess.order, [0, 1, 2, 3]);
        assert_eq!(
            texts(&guess),
            ["finished at 00:00:02, elapsed time: 2.0s", "hello", "started at 00:00:00", "world"]
        );
        // Sorted as text, which is already the order printed here: the first goes last.
        let lines = |texts: &[&str]| -> Vec<(TaskId, String)> { texts.iter().map(|t| (1, t.to_string())).collect() };
        assert_eq!(shuffled(&lines(&["a", "b", "c"])), [1, 2, 0]);
        assert_eq!(shuffled(&lines(&["x", "x"])), [0, 1], "one line twice: no other order");
        // The async generator pipeline prints 15 lines: more than an exercise orders.
        let many = run("async-gen-pipeline", "pipeline");
        let guess = Guess::new("pipeline", &many.lines());
        assert!(guess.order.is_empty() && guess.total == 15 && guess.total > MAX_LINES);
        assert!(guess.same_lines(&many.lines()));
        assert!(!guess.same_lines(&many.lines()[1..]));
        assert!(!Guess::new("v", &outcome.lines()).same_lines(&run("say-after", "sequential").lines()));
    }

    #[test]
    fn lines_move_by_keyboard_or_drop_and_out_of_range_moves_do_nothing() {
        let mut guess = guess_in(&run("say-after", "create-task"), &[0, 1, 2]);
        guess.move_line(2, 0);
        assert_eq!(guess.order, [2, 0, 1]);
        guess.move_line(0, 1);
        assert_eq!(guess.order, [0, 2, 1]);
        guess.move_line(0, 3);
        guess.move_line(5, 0);
        assert_eq!(guess.order, [0, 2, 1]);
    }

    #[test]
    fn a_time_guess_is_checked_like_a_field() {
        let mut guess = Guess::new("v", &[]);
        guess.set_elapsed("2.5".into());
        assert_eq!((guess.elapsed(), guess.elapsed_error.clone()), (Some(2.5), None));
        guess.set_elapsed("two".into());
        assert_eq!((guess.elapsed(), guess.elapsed_error.clone()), (None, Some(ParamError::NotANumber)));
        guess.set_elapsed("-1".into());
        assert_eq!(guess.elapsed_error, Some(ParamError::Negative));
        guess.set_elapsed(" ".into());
        assert_eq!((guess.elapsed(), guess.elapsed_error.clone()), (None, None), "no guess is not an error");
    }

    /// create_task: `world` cannot come before `hello`, because at 1 s Task-3 still sleeps.
    #[test]
    fn the_first_wrong_line_is_told_by_what_its_task_was_doing() {
        let outcome = run("say-after", "create-task");
        let mut guess = guess_in(&outcome, &[0, 2, 1, 3]);
        assert_eq!(texts(&guess)[1..3], ["world", "hello"]);
        guess.set_elapsed("2".into());
        let verdict = judge(&guess, &outcome, 2.0);
        assert_eq!(verdict.correct, [true, false, false, true]);
        assert_eq!((verdict.correct_lines, verdict.total_lines), (2, 4));
        let wrong = verdict.first_wrong.expect("hello and world swapped");
        assert_eq!((wrong.place, wrong.expected.as_str(), wrong.guessed.as_str()), (1, "hello", "world"));
        assert_eq!((wrong.expected_task.as_str(), wrong.expected_t), ("Task-2 say_after", 1.0));
        assert_eq!((wrong.guessed_task.as_str(), wrong.guessed_t), ("Task-3 say_after", 2.0));
        assert_eq!(wrong.why, Why::Doing(Doing::Waiting { on: WaitOn::Sleep(2.0), since: 0.0 }));
        assert_eq!(verdict.time, TimeVerdict::Close);
        // Right, all of it.
        let all = judge(&guess_in(&outcome, &[0, 1, 2, 3]), &outcome, 2.0);
        assert_eq!((all.correct_lines, all.first_wrong), (4, None));
        assert_eq!(all.time, TimeVerdict::NoGuess);
    }

    /// The measured run prints the wall clock (`started at 10:42:07`) where the prediction
    /// printed its own: the same line all the same.
    #[test]
    fn a_line_that_reads_differently_when_measured_is_still_the_same_line() {
        let predicted = run("say-after", "create-task");
        let mut measured = predicted.clone();
        for event in &mut measured.trace.events {
            if let EventKind::Printed(text) = &mut event.kind {
                *text = text.replace("00:00:0", "10:42:0");
            }
        }
        let mut guess = Guess::new("create-task", &predicted.lines());
        guess.order = vec![0, 1, 2, 3];
        let verdict = judge(&guess, &measured, 2.0);
        assert_eq!(verdict.correct_lines, 4);
        guess.order = vec![3, 1, 2, 0];
        let wrong = judge(&guess, &measured, 2.0).first_wrong.unwrap();
        // Quoted as the exercise shows them.
        let quoted = ("started at 00:00:00", "finished at 00:00:02, elapsed time: 2.0s");
        assert_eq!((wrong.expected.as_str(), wrong.guessed.as_str()), quoted);
        assert_eq!(wrong.why, Why::SameTask);
    }

    #[test]
    fn one_task_prints_in_its_code_order_and_a_task_not_yet_made_cannot_print() {
        let outcome = run("say-after", "sequential");
        let mut guess = guess_in(&outcome, &[0, 2, 1, 3]);
        assert_eq!(judge(&guess, &outcome, 3.0).first_wrong.unwrap().why, Why::SameTask);
        guess.set_elapsed("2".into());
        assert_eq!(judge(&guess, &outcome, 3.0).time, TimeVerdict::Off(-1.0));

        // Two tasks made at once: Task-3's step is queued behind Task-2's.
        let outcome = run("foo-bar-tasks", "create-task");
        let guess = guess_in(&outcome, &[1, 0, 2, 3]);
        let wrong = judge(&guess, &outcome, outcome.elapsed).first_wrong.unwrap();
        assert_eq!((wrong.expected_task.as_str(), wrong.guessed_task.as_str()), ("Task-2 foo", "Task-3 bar"));
        assert_eq!(wrong.why, Why::Doing(Doing::Ready));

        // A line of a task created only after the line expected there.
        let event = |task, t, kind| Event { task, t, ms: t * 1000.0, kind };
        let trace = Trace {
            events: vec![
                event(1, 0.0, EventKind::TaskCreated),
                event(1, 0.0, EventKind::Resumed),
                event(1, 0.0, EventKind::Printed("first".into())),
                event(2, 0.0, EventKind::TaskCreated),
                event(2, 0.0, EventKind::Resumed),
                event(2, 0.0, EventKind::Printed("second".into())),
            ],
            tasks: vec!["<module>", "main", "child"],
            ..Trace::default()
        };
        let outcome = RunOutcome { trace, exit: Exit::Ok, elapsed: 0.0, elapsed_ms: 0.0, distorted: None };
        let guess = guess_in(&outcome, &[1, 0]);
        assert_eq!(judge(&guess, &outcome, 0.0).first_wrong.unwrap().why, Why::NotCreated);
    }
}
