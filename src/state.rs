//! The page's state and the actions that change it. Reducers are pure: runs are started and
//! cancelled by the hooks of `web::hooks`, which watch `run_id` and `running`, and the embed API's
//! run events are derived from successive [`RunPhase`]s.

use std::rc::Rc;

use yew::Reducible;

use crate::aio::virtual_clock::{run_inspected, run_virtual};
use crate::lesson::i18n::Lang;
use crate::lesson::params::{format_number, ParamError, ParamSpec, Params};
use crate::lesson::{Scenario, Variant};
use crate::model::cpython::CpythonRun;
use crate::model::drag::{draggable_sleeps, DraggableSleep};
use crate::model::embed_api::{check_values, CancelReason, Checked, Command, Incoming, Rejection};
use crate::model::export::{chrome_trace, ChromeTrace};
use crate::model::freeze::{freeze_seconds, runs_one_after_another, threads_needed, MAX_FREEZE_SECONDS};
use crate::model::positions::Positions;
use crate::model::predict::{judge, Guess, Verdict};
use crate::model::real_io::io_waits;
use crate::model::shortcuts::Shortcut;
use crate::model::timeline::{timeline, Timeline, Timing};
use crate::model::url::{Notice, Theme, UrlState};
use crate::trace::{Line, RunOutcome, Speed, Trace};

/// One variant's column: the prediction, the lines so far, and the outcome once it ends.
/// Traces are shared, not copied, when the state is cloned for each printed line.
#[derive(Clone)]
pub struct Column {
    pub variant: &'static Variant,
    pub predicted: Rc<RunOutcome>,
    pub lines: Vec<Line>,
    pub outcome: Option<Rc<RunOutcome>>,
    /// The measured run's timeline once it has ended, the prediction's before.
    pub timeline: Rc<Timeline>,
    /// Where the run's tasks are, as last reported during the run.
    pub positions: Positions,
    /// The predicted sleeps a parameter sets: their bars can be dragged.
    pub handles: Rc<Vec<DraggableSleep>>,
}

impl Column {
    /// A column for a program CPython in the page ran (the learner's version): its prediction and
    /// timeline from the run on CPython's virtual clock; its lines and outcome from the measured
    /// run on real time once there is one, from the virtual run until then.
    pub fn of_cpython(
        variant: &'static Variant,
        run: &CpythonRun,
        measured: Option<&CpythonRun>,
        speed: f64,
    ) -> Column {
        let predicted = Rc::new(run.outcome(speed));
        let outcome = measured.map_or_else(|| predicted.clone(), |measured| Rc::new(measured.outcome(speed)));
        Column {
            variant,
            lines: outcome.lines(),
            timeline: Rc::new(timeline(&predicted.trace, Timing::Ideal)),
            predicted,
            outcome: Some(outcome),
            positions: Positions::default(),
            handles: Rc::default(),
        }
    }
}

/// The finished columns as a Chrome trace-event file (`model::export`), on the measured clock:
/// what "Export the run" downloads and what the embed API's `export` is answered with.
pub fn exported_trace(columns: &[Column], lang: Lang, speed: f64) -> ChromeTrace {
    let runs: Vec<(&str, &Trace, &[Line])> = columns
        .iter()
        .filter_map(|c| c.outcome.as_ref().map(|o| (c.variant.label.get(lang), &o.trace, c.lines.as_slice())))
        .collect();
    chrome_trace(&runs, Timing::Measured { speed })
}

impl PartialEq for Column {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.variant, other.variant)
            && Rc::ptr_eq(&self.predicted, &other.predicted)
            && Rc::ptr_eq(&self.timeline, &other.timeline)
            && Rc::ptr_eq(&self.handles, &other.handles)
            && self.lines == other.lines
            && self.positions == other.positions
            && match (&self.outcome, &other.outcome) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
    }
}

/// Why an edited version is left out of the link.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NotLinked {
    /// Packed, it is this many bytes: more than a link may carry.
    TooLong(usize),
    /// The browser could not pack it (it has no `CompressionStream`).
    CannotPack,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RunState {
    Idle,
    Running,
    Finished,
    Stopped,
}

impl RunState {
    pub fn as_str(self) -> &'static str {
        match self {
            RunState::Idle => "idle",
            RunState::Running => "running",
            RunState::Finished => "finished",
            RunState::Stopped => "stopped",
        }
    }
}

#[derive(Clone, PartialEq)]
pub struct Playground {
    /// The valid state: what a run uses and what the URL says.
    pub url: UrlState,
    pub lang: Lang,
    /// What is typed in each parameter field, by name, and why it is refused if it is.
    pub fields: Vec<Field>,
    pub speed_field: Field,
    pub notices: Vec<Notice>,
    /// Increases with every Run: events of an older run are recognised and dropped.
    pub run_id: u64,
    pub run_state: RunState,
    /// Why the last run that did not finish was cancelled.
    pub cancelled: Option<CancelReason>,
    /// One per variant shown.
    pub columns: Vec<Column>,
    /// After a run: the instant scrubbed to, in tutorial seconds on the measured clock.
    pub replay: Option<f64>,
    /// Every embed API message refused so far, oldest first; an effect logs the new ones.
    pub rejections: Rc<Vec<Rejection>>,
    /// The learner's own version of the lesson's Python, while they edit it (edit mode). The
    /// link carries it packed (`url.code`), once `web::code_link` has packed it.
    pub edited: Option<String>,
    /// Why the edited version is not in the link, if it is not.
    pub code_not_linked: Option<NotLinked>,
    /// How many `export` commands the embedding page has sent: each is answered once.
    pub exports: u64,
    /// The last request to run a variant's own Python on CPython in the page, from its column
    /// (to see a traceback in full): the variant, and a count that tells requests apart.
    pub cpython_request: Option<(&'static str, u64)>,
    /// While the loop inspector is open (`url.tick`): the variant shown it looks into, by its
    /// place among the variants shown, and that variant's run on the virtual clock with every
    /// turn of its loop kept.
    pub inspect_column: usize,
    pub inspected: Option<Rc<RunOutcome>>,
    /// How many `inspect` commands the embedding page has sent: each is answered once.
    pub inspections: u64,
    /// Projector mode: whether the list of its keyboard shortcuts is shown.
    pub shortcuts_shown: bool,
    /// Predict mode (`url.predict`): the learner's prediction for each column, kept across new
    /// values as long as the column prints the same lines.
    pub guesses: Vec<Guess>,
}

/// Where the current run stands, as the embed API reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct RunPhase {
    pub run_id: u64,
    pub state: RunState,
    pub cancelled: Option<CancelReason>,
    pub scenario: &'static str,
}

/// What the embed API reports between two rendered states, in this order.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RunChange {
    /// The earlier state's run ended early.
    Cancelled(CancelReason),
    Started,
    /// The lines printed since the last report.
    Lines,
    Finished,
}

impl RunPhase {
    /// What happened between two rendered phases, in order: every run reported as started is
    /// later reported as finished or cancelled, exactly once, after all of its lines.
    pub fn changes(before: &RunPhase, after: &RunPhase) -> Vec<RunChange> {
        let same_run = before.run_id == after.run_id;
        // Only Run changes the id, and a new run cancels one still going.
        let restarted = !same_run && before.state == RunState::Running;
        let started = !same_run;
        let was_running = if same_run { before.state == RunState::Running } else { true };
        let ended = match after.state {
            RunState::Running => None,
            _ if !was_running => None,
            RunState::Finished => Some(RunChange::Finished),
            _ => Some(RunChange::Cancelled(after.cancelled.unwrap_or(CancelReason::Stopped))),
        };
        let mut changes = Vec::new();
        changes.extend(restarted.then_some(RunChange::Cancelled(CancelReason::Restarted)));
        changes.extend(started.then_some(RunChange::Started));
        changes.extend((after.state == RunState::Running || ended.is_some()).then_some(RunChange::Lines));
        changes.extend(ended);
        changes
    }
}

#[derive(Clone, PartialEq, Debug)]
pub struct Field {
    pub name: &'static str,
    pub text: String,
    pub error: Option<ParamError>,
}

/// What one column's run did since it was last reported.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    /// The lines it printed, in order.
    pub lines: Vec<Line>,
    /// Where its tasks are now.
    pub positions: Positions,
}

pub enum Action {
    /// Open another scenario, with the tutorial's values.
    SelectScenario(&'static Scenario),
    /// Show one variant alone, or all of them.
    ShowVariant(Option<&'static Variant>),
    EditParam {
        name: String,
        text: String,
    },
    EditSpeed(String),
    /// A message from the embedding page, read by `web::embed`.
    Message(Result<Incoming, Rejection>),
    ResetParams,
    SetLang(Lang),
    SetTheme(Theme),
    /// Projector mode on or off.
    SetProjector(bool),
    /// A key of projector mode pressed (or the button that shows their list).
    Shortcut(Shortcut),
    Run,
    Stop,
    /// What the columns that changed did since the last report (sent in batches during a run).
    Progressed {
        run_id: u64,
        columns: Vec<(usize, Progress)>,
    },
    /// Scrub a finished run to an instant (tutorial seconds), or back to its end.
    Replay(Option<f64>),
    Finished {
        run_id: u64,
        column: usize,
        outcome: RunOutcome,
    },
    /// Edit mode: the learner's version (`None`: back to the lesson's own code).
    EditCode(Option<String>),
    /// The edited version, packed for the link, or its packed length when it is too long for one.
    CodeLinked(Result<String, NotLinked>),
    /// The link's `code=` could not be unpacked.
    CodeUnreadable,
    /// Run this variant's own Python on CPython in the page (its column asks, for a traceback
    /// in full).
    AskCpython(&'static Variant),
    /// The loop inspector: open at this turn, or move to it (clamped to the run's last);
    /// `None` closes it.
    Inspect(Option<usize>),
    /// The loop inspector looks into the variant shown at this place instead.
    InspectColumn(usize),
    /// Predict mode on or off.
    SetPredict(bool),
    /// Predict mode: move a column's line from one place to another.
    MoveLine {
        column: usize,
        from: usize,
        to: usize,
    },
    /// Predict mode: the time guessed for a column, as typed.
    GuessElapsed {
        column: usize,
        text: String,
    },
    /// Predict mode, after a run: a new exercise with the same values.
    PredictAgain,
}

impl Playground {
    pub fn new(url: UrlState, notices: Vec<Notice>, browser_lang: Lang) -> Playground {
        let lang = url.lang.unwrap_or(browser_lang);
        let mut state = Playground {
            fields: Vec::new(),
            speed_field: Field { name: "speed", text: String::new(), error: None },
            url,
            lang,
            notices,
            run_id: 0,
            run_state: RunState::Idle,
            cancelled: None,
            columns: Vec::new(),
            replay: None,
            rejections: Rc::default(),
            edited: None,
            code_not_linked: None,
            exports: 0,
            cpython_request: None,
            inspect_column: 0,
            inspected: None,
            inspections: 0,
            shortcuts_shown: false,
            guesses: Vec::new(),
        };
        state.sync_fields();
        state.predict();
        state
    }

    pub fn scenario(&self) -> &'static Scenario {
        self.url.scenario
    }

    /// Run is allowed only when every field holds a valid value and the run would not freeze
    /// the page for longer than allowed.
    pub fn can_run(&self) -> bool {
        self.invalid_fields().is_empty() && self.freeze_seconds() <= MAX_FREEZE_SECONDS
    }

    /// Real seconds the variants shown would freeze the page (blocking calls), as predicted.
    pub fn freeze_seconds(&self) -> f64 {
        freeze_seconds(self.columns.iter().map(|c| &*c.predicted), self.url.speed)
    }

    /// Worker threads the variants shown need at once for their `to_thread` jobs, as predicted.
    pub fn threads_needed(&self) -> usize {
        threads_needed(self.columns.iter().map(|c| &*c.predicted))
    }

    /// Whether the variants shown do real I/O (fetches, files), as predicted.
    pub fn does_io(&self) -> bool {
        self.columns.iter().any(|c| !io_waits(&c.predicted.trace).is_empty())
    }

    /// Whether the variants shown run one after another: one that holds the thread would make
    /// the others' timers late.
    pub fn one_after_another(&self) -> bool {
        runs_one_after_another(self.columns.iter().map(|c| &*c.predicted))
    }

    /// The fields holding a value that was refused, and why.
    pub fn invalid_fields(&self) -> Vec<(&'static str, ParamError)> {
        self.fields
            .iter()
            .chain([&self.speed_field])
            .filter_map(|f| f.error.clone().map(|error| (f.name, error)))
            .collect()
    }

    /// Where each shown variant's tasks are, for the code view: live during a run, at the
    /// instant scrubbed to after one, nowhere otherwise.
    pub fn positions(&self) -> Vec<(&'static str, Positions)> {
        let clock = Timing::Measured { speed: self.url.speed };
        self.columns
            .iter()
            .filter_map(|column| {
                let positions = match (self.run_state, self.replay, &column.outcome) {
                    (RunState::Running, _, _) => column.positions.clone(),
                    (RunState::Finished, Some(at), Some(outcome)) => Positions::at(&outcome.trace, clock, at),
                    _ => return None,
                };
                Some((column.variant.name, positions))
            })
            .collect()
    }

    /// Replay, one step back or on: the nearest instant before or after the one shown where
    /// something happened in a finished column (a line printed, a task waited, woke, ended), on
    /// the measured clock, in the slider's steps of 0.01 s rounded up (so that what happened by
    /// then shows); back from the first, the start; on to the last, the end (`None`), which shows
    /// the same. `None` when there is no finished run to step through.
    fn replay_step(&self, forward: bool) -> Option<Option<f64>> {
        if self.run_state == RunState::Running {
            return None;
        }
        let clock = Timing::Measured { speed: self.url.speed };
        let instant = |event: &crate::trace::Event| (clock.at(event) * 100.0 - 1e-6).ceil() / 100.0;
        let events = || self.columns.iter().filter_map(|c| c.outcome.as_deref()).flat_map(|o| &o.trace.events);
        let last = events().map(instant).reduce(f64::max)?;
        let at = self.replay.map_or(last, |at| at.min(last));
        let (mut on, mut back) = (last, 0.0_f64);
        for t in events().map(instant) {
            if t > at + 0.005 && t < on {
                on = t;
            }
            if t < at - 0.005 && t > back {
                back = t;
            }
        }
        Some(if forward { (on < last).then_some(on) } else { Some(back) })
    }

    pub fn phase(&self) -> RunPhase {
        RunPhase { run_id: self.run_id, state: self.run_state, cancelled: self.cancelled, scenario: self.scenario().id }
    }

    fn sync_fields(&mut self) {
        self.fields = self
            .scenario()
            .params
            .iter()
            .map(|spec| Field { name: spec.name, text: format!("{}", self.url.params.get(spec)), error: None })
            .collect();
        self.speed_field = Field { name: "speed", text: format!("{}", self.url.speed), error: None };
    }

    /// While the inspector is open: the inspected run, for the current values (made once), and
    /// the turn clamped to its last.
    fn inspect(&mut self) {
        let Some(tick) = self.url.tick else {
            self.inspected = None;
            return;
        };
        let variants = self.url.variants();
        if self.inspect_column > variants.len() {
            self.inspect_column = 0;
        }
        let Some(variant) = variants.get(self.inspect_column) else {
            // The learner's version: CPython's run of it keeps its turns, and the inspector
            // clamps the turn to them.
            self.inspected = None;
            return;
        };
        let run = self
            .inspected
            .get_or_insert_with(|| Rc::new(run_inspected(variant.program()(&self.url.params), self.url.speed, 0.0)));
        let last = run.trace.turns.len().saturating_sub(1);
        self.url.tick = Some(tick.min(last));
    }

    /// The virtual clock's timeline for the current values: instant, shown before and beside a run.
    fn predict(&mut self) {
        // New values, a new program: the inspector's run is made again for them.
        self.inspected = None;
        self.inspect();
        let (scenario, params, speed) = (self.scenario(), &self.url.params, self.url.speed);
        self.columns = self
            .url
            .variants()
            .iter()
            .map(|variant| {
                let predicted = run_virtual(variant.program()(params), speed, 0.0);
                Column {
                    handles: Rc::new(draggable_sleeps(scenario, variant, params, &predicted.trace)),
                    variant,
                    timeline: Rc::new(timeline(&predicted.trace, Timing::Ideal)),
                    predicted: Rc::new(predicted),
                    lines: Vec::new(),
                    outcome: None,
                    positions: Positions::default(),
                }
            })
            .collect();
        self.guess_again(false);
    }

    /// Predict mode: a guess for each column, the learner's own where it is for the same lines
    /// (`fresh`: new ones for all).
    fn guess_again(&mut self, fresh: bool) {
        if !self.url.predict {
            self.guesses.clear();
            return;
        }
        let old = std::mem::take(&mut self.guesses);
        self.guesses = self
            .columns
            .iter()
            .map(|column| {
                let lines = column.predicted.lines();
                old.iter()
                    .find(|g| !fresh && g.variant == column.variant.name && g.same_lines(&lines))
                    .cloned()
                    .unwrap_or_else(|| Guess::new(column.variant.name, &lines))
            })
            .collect();
    }

    /// Predict mode: whether the prediction is still the learner's to make (no run has started
    /// since the exercise began).
    pub fn predicting(&self) -> bool {
        self.url.predict && self.run_state == RunState::Idle
    }

    /// Predict mode, after a run: each column's verdict on the learner's guess.
    pub fn verdicts(&self) -> Vec<Option<Verdict>> {
        if !self.url.predict || self.run_state != RunState::Finished {
            return Vec::new();
        }
        self.guesses
            .iter()
            .zip(&self.columns)
            .map(|(guess, column)| {
                let outcome = column.outcome.as_deref()?;
                Some(judge(guess, outcome, Speed(self.url.speed).seconds(outcome.elapsed_ms)))
            })
            .collect()
    }

    /// Applies values that passed the validator, as if typed in their fields.
    fn set_values(&mut self, Checked { params, speed }: Checked) {
        let before = self.url.clone();
        let sent = params.into_iter().chain(speed.map(|s| ("speed", s)));
        for (name, value) in sent {
            let Some(field) = self.fields.iter_mut().chain([&mut self.speed_field]).find(|f| f.name == name) else {
                continue;
            };
            *field = Field { name: field.name, text: format_number(value), error: None };
            if name == "speed" {
                self.url.speed = value;
            } else {
                self.url.params.set(name, value);
            }
        }
        if self.url != before {
            self.values_changed(CancelReason::ParamsChanged);
        }
    }

    fn reject(&mut self, rejections: impl IntoIterator<Item = Rejection>) {
        Rc::make_mut(&mut self.rejections).extend(rejections);
    }

    /// A value changed: any run going on is for the old values, so it is cancelled, and the
    /// columns go back to the prediction for the new ones.
    fn values_changed(&mut self, reason: CancelReason) {
        if self.run_state == RunState::Running {
            self.cancelled = Some(reason);
        }
        self.run_state = RunState::Idle;
        self.replay = None;
        self.predict();
    }
}

impl Reducible for Playground {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SelectScenario(scenario) => {
                if scenario.id == self.scenario().id {
                    return self;
                }
                next.url = UrlState {
                    lang: next.url.lang,
                    theme: next.url.theme,
                    projector: next.url.projector,
                    predict: next.url.predict,
                    ..UrlState::for_scenario(scenario)
                };
                next.notices.clear();
                (next.edited, next.code_not_linked, next.cpython_request) = (None, None, None);
                next.sync_fields();
                next.values_changed(CancelReason::ScenarioChanged);
            }
            Action::EditCode(text) => {
                if text.is_none() {
                    next.url.code = None;
                    next.code_not_linked = None;
                    // Back to the article's text: no version of the learner's to inspect.
                    if next.inspect_column >= next.url.variants().len() {
                        next.inspect_column = 0;
                        next.inspect();
                    }
                }
                next.edited = text;
            }
            Action::CodeLinked(packed) => {
                if self.edited.is_none() {
                    return self;
                }
                match packed {
                    Ok(code) => (next.url.code, next.code_not_linked) = (Some(code), None),
                    Err(why) => (next.url.code, next.code_not_linked) = (None, Some(why)),
                }
            }
            Action::AskCpython(variant) => {
                let count = self.cpython_request.map_or(1, |(_, count)| count + 1);
                next.cpython_request = Some((variant.name, count));
            }
            Action::Inspect(tick) => {
                if tick == self.url.tick {
                    return self;
                }
                next.url.tick = tick;
                next.inspect();
            }
            Action::InspectColumn(column) => {
                // One past the variants: the learner's version, whose run the page holds.
                if column == self.inspect_column || column > self.url.variants().len() {
                    return self;
                }
                next.inspect_column = column;
                next.inspected = None;
                next.inspect();
            }
            Action::SetPredict(on) => {
                if on == self.url.predict {
                    return self;
                }
                next.url.predict = on;
                if on {
                    // A new exercise hides the answer: any run is over, the columns go back to
                    // the prediction, and the guesses are fresh.
                    if self.run_state == RunState::Running {
                        next.cancelled = Some(CancelReason::Stopped);
                    }
                    next.run_state = RunState::Idle;
                    next.replay = None;
                    next.predict();
                }
                next.guess_again(true);
            }
            Action::MoveLine { column, from, to } => {
                if !self.predicting() {
                    return self;
                }
                let Some(guess) = next.guesses.get_mut(column) else { return self };
                guess.move_line(from, to);
            }
            Action::GuessElapsed { column, text } => {
                if !self.predicting() {
                    return self;
                }
                let Some(guess) = next.guesses.get_mut(column) else { return self };
                guess.set_elapsed(text);
            }
            Action::PredictAgain => {
                if !self.url.predict || self.run_state == RunState::Running {
                    return self;
                }
                next.run_state = RunState::Idle;
                next.replay = None;
                next.predict();
                next.guess_again(true);
            }
            Action::CodeUnreadable => {
                next.url.code = None;
                next.notices.push(Notice::CodeUnreadable);
            }
            Action::ShowVariant(variant) => {
                if variant == self.url.variant {
                    return self;
                }
                next.url.variant = variant;
                next.values_changed(CancelReason::ScenarioChanged);
            }
            Action::EditParam { name, text } => {
                let Some(spec) = self.scenario().param(&name) else { return self };
                let Some(field) = next.fields.iter_mut().find(|f| f.name == spec.name) else { return self };
                field.text = text;
                match spec.parse(&field.text) {
                    Ok(value) => {
                        field.error = None;
                        next.url.params.set(spec.name, value);
                        next.values_changed(CancelReason::ParamsChanged);
                    }
                    Err(error) => field.error = Some(error),
                }
            }
            Action::EditSpeed(text) => {
                next.speed_field.text = text;
                match ParamSpec::parse_speed(&next.speed_field.text) {
                    Ok(speed) => {
                        next.speed_field.error = None;
                        next.url.speed = speed;
                        next.values_changed(CancelReason::ParamsChanged);
                    }
                    Err(error) => next.speed_field.error = Some(error),
                }
            }
            Action::Message(message) => match message {
                Ok(Incoming::OwnEvent) => return self,
                Err(rejection) => next.reject([rejection]),
                Ok(Incoming::Command(Command::Run)) if !self.can_run() => {
                    next.reject([Rejection::CannotRun(self.invalid_fields())]);
                }
                Ok(Incoming::Command(Command::Run)) => return self.reduce(Action::Run),
                Ok(Incoming::Command(Command::Stop)) => return self.reduce(Action::Stop),
                Ok(Incoming::Command(Command::SetCode { code })) => return self.reduce(Action::EditCode(Some(code))),
                Ok(Incoming::Command(Command::Export)) if self.run_state != RunState::Finished => {
                    next.reject([Rejection::NothingToExport]);
                }
                Ok(Incoming::Command(Command::Export)) => next.exports += 1,
                Ok(Incoming::Command(Command::Inspect(tick))) => {
                    next.url.tick = Some(tick);
                    next.inspect();
                    next.inspections += 1;
                }
                Ok(Incoming::Command(Command::SetParams { params, speed })) => {
                    let (checked, rejections) = check_values(self.scenario(), &params, speed.as_ref());
                    next.reject(rejections);
                    next.set_values(checked);
                }
            },
            Action::ResetParams => {
                next.url.params = Params::defaults(self.scenario().params);
                next.url.speed = self.scenario().default_speed;
                next.sync_fields();
                next.values_changed(CancelReason::ParamsChanged);
            }
            Action::SetLang(lang) => {
                next.lang = lang;
                next.url.lang = Some(lang);
            }
            Action::SetTheme(theme) => next.url.theme = Some(theme),
            Action::SetProjector(on) => {
                next.url.projector = on;
                next.shortcuts_shown = false;
            }
            Action::Shortcut(shortcut) => match shortcut {
                Shortcut::Run => return self.reduce(Action::Run),
                Shortcut::Stop => return self.reduce(Action::Stop),
                Shortcut::Back | Shortcut::Forward => match self.replay_step(shortcut == Shortcut::Forward) {
                    Some(at) => return self.reduce(Action::Replay(at)),
                    None => return self,
                },
                Shortcut::Predict => {
                    let on = !self.url.predict;
                    return self.reduce(Action::SetPredict(on));
                }
                Shortcut::Help => next.shortcuts_shown = !self.shortcuts_shown,
                Shortcut::Close if self.shortcuts_shown => next.shortcuts_shown = false,
                Shortcut::Close => return self,
            },
            Action::Run => {
                if !self.can_run() {
                    return self;
                }
                next.run_id += 1;
                next.run_state = RunState::Running;
                next.cancelled = None;
                next.replay = None;
                next.predict();
            }
            Action::Stop => {
                if self.run_state != RunState::Running {
                    return self;
                }
                next.run_state = RunState::Stopped;
                next.cancelled = Some(CancelReason::Stopped);
            }
            Action::Progressed { run_id, columns } => {
                if run_id != self.run_id || self.run_state != RunState::Running {
                    return self;
                }
                for (column, Progress { lines, positions }) in columns {
                    // A report sent after its column finished is in the outcome already.
                    if let Some(column) = next.columns.get_mut(column).filter(|c| c.outcome.is_none()) {
                        column.lines.extend(lines);
                        column.positions = positions;
                    }
                }
            }
            Action::Replay(at) => {
                // Not during a run; after one, or beside the learner's own run on CPython.
                if self.run_state == RunState::Running || at == self.replay {
                    return self;
                }
                next.replay = at;
            }
            Action::Finished { run_id, column, outcome } => {
                if run_id != self.run_id || self.run_state != RunState::Running {
                    return self;
                }
                let measured = timeline(&outcome.trace, Timing::Measured { speed: self.url.speed });
                next.columns[column].lines = outcome.lines();
                next.columns[column].timeline = Rc::new(measured);
                next.columns[column].outcome = Some(Rc::new(outcome));
                if next.columns.iter().all(|c| c.outcome.is_some()) {
                    next.run_state = RunState::Finished;
                }
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenarios;

    fn playground(query: &str) -> Rc<Playground> {
        let (url, notices) = UrlState::decode(query);
        Rc::new(Playground::new(url, notices, Lang::En))
    }

    /// The reduced state, and what the embed API reports, lines left out.
    fn step(state: Rc<Playground>, action: Action) -> (Rc<Playground>, Vec<RunChange>) {
        let before = state.phase();
        let after = state.reduce(action);
        let changes =
            RunPhase::changes(&before, &after.phase()).into_iter().filter(|c| *c != RunChange::Lines).collect();
        (after, changes)
    }

    /// A message as the page receives it, written as JSON for the test.
    fn message(json: &str) -> Action {
        Action::Message(crate::model::embed_api::parse_message(serde_json::from_str(json).ok()))
    }

    /// Predict mode: the lines to order come from the prediction, the guess survives a run, the
    /// run judges it, and only an exercise not yet run takes moves.
    #[test]
    fn a_prediction_is_made_before_the_run_and_judged_by_it() {
        let state = playground("s=say-after&variant=create-task&predict=1&autorun=1");
        assert!(state.predicting());
        assert_eq!(state.guesses.len(), 1);
        let printed = vec![0, 1, 2, 3];
        assert_ne!(state.guesses[0].order, printed, "shuffled");
        // Put them in the printed order, by moves.
        let mut state = state;
        for place in 0..4 {
            let from = state.guesses[0].order.iter().position(|i| *i == place).unwrap();
            state = step(state, Action::MoveLine { column: 0, from, to: place }).0;
        }
        assert_eq!(state.guesses[0].order, printed);
        let (state, _) = step(state, Action::GuessElapsed { column: 0, text: "2".into() });
        // New values that print the same lines keep the guess; other lines, a new exercise.
        let (state, _) = step(state, Action::EditParam { name: "hello_delay".into(), text: "0.5".into() });
        assert_eq!((state.guesses[0].order.clone(), state.guesses[0].elapsed()), (printed.clone(), Some(2.0)));
        let (other, _) = step(state.clone(), Action::EditParam { name: "world_delay".into(), text: "2.5".into() });
        assert!(
            other.guesses[0].lines.iter().any(|(_, l)| l.ends_with("2.5s")) && other.guesses[0].elapsed().is_none()
        );
        let (state, _) = step(state, Action::Run);
        assert!(!state.predicting());
        let (moved, _) = step(state.clone(), Action::MoveLine { column: 0, from: 0, to: 1 });
        assert_eq!(moved.guesses[0].order, printed, "no moves once the run started");
        assert!(state.verdicts().is_empty(), "nothing judged before the run ends");
        let outcome = (*state.columns[0].predicted).clone();
        let (state, _) = step(state.clone(), Action::Finished { run_id: state.run_id, column: 0, outcome });
        let verdict = state.verdicts()[0].clone().expect("judged");
        assert_eq!((verdict.correct_lines, verdict.total_lines), (4, 4));
        assert_eq!(verdict.elapsed, 2.0);
        // Again: a new exercise, hidden again.
        let (again, _) = step(state, Action::PredictAgain);
        assert!(again.predicting() && again.verdicts().is_empty());
        assert_ne!(again.guesses[0].order, printed);
        assert_eq!(again.guesses[0].elapsed(), None);
        // Off: no guesses; and P in projector mode turns it on.
        let (off, _) = step(again, Action::SetPredict(false));
        assert!(off.guesses.is_empty() && !off.predicting() && !off.url.encode().contains("predict"));
        let (on, _) = step(off, Action::Shortcut(Shortcut::Predict));
        assert!(on.predicting() && on.guesses.len() == 1);
        // Turned on during a run: the run stops, and the exercise hides its answer.
        let (running, _) = step(step(on, Action::SetPredict(false)).0, Action::Run);
        let (on, changes) = step(running, Action::SetPredict(true));
        assert!(on.predicting());
        assert_eq!(changes, [RunChange::Cancelled(CancelReason::Stopped)]);
    }

    /// Edit mode: the learner's version goes into the link once packed, leaves it when too long
    /// or when the editor closes, and stays with its lesson only.
    #[test]
    fn the_edited_version_travels_in_the_link_while_it_fits() {
        let state = playground("s=say-after&hello_delay=1.5");
        // A packed version arriving after the editor closed is too late.
        let (state, _) = step(state, Action::CodeLinked(Ok("stale".into())));
        assert_eq!(state.url.code, None);
        let (state, _) = step(state, Action::EditCode(Some("print('mine')".into())));
        let (state, _) = step(state, Action::CodeLinked(Ok("K8rMKylRUM_NTUlVBwA".into())));
        assert_eq!(state.url.encode(), "s=say-after&hello_delay=1.5&code=K8rMKylRUM_NTUlVBwA");
        let (state, _) = step(state, Action::CodeLinked(Err(NotLinked::TooLong(20_000))));
        assert_eq!((state.url.code.clone(), state.code_not_linked), (None, Some(NotLinked::TooLong(20_000))));
        let (state, _) = step(state, Action::CodeLinked(Err(NotLinked::CannotPack)));
        assert_eq!((state.url.code.clone(), state.code_not_linked), (None, Some(NotLinked::CannotPack)));
        let (state, _) = step(state, Action::CodeLinked(Ok("K8rMKylRUM_NTUlVBwA".into())));
        assert_eq!(state.code_not_linked, None);
        let (closed, _) = step(state.clone(), Action::EditCode(None));
        assert_eq!((closed.edited.clone(), closed.url.code.clone()), (None, None));
        let (other, _) = step(state, Action::SelectScenario(scenarios::find("gather-count").unwrap()));
        assert_eq!((other.edited.clone(), other.url.code.clone()), (None, None));
        // The embedding page's set-code opens the editor with its program, into the link too.
        let (sent, _) = step(playground("s=say-after&embed=1"), message(r#"{"type":"set-code","code":"print(1)"}"#));
        assert_eq!(sent.edited.as_deref(), Some("print(1)"));
        let (unreadable, _) = step(playground("s=say-after&code=AAAA"), Action::CodeUnreadable);
        assert_eq!((unreadable.url.code.clone(), unreadable.notices.clone()), (None, vec![Notice::CodeUnreadable]));
    }

    /// The learner's version as a column: CPython's lines, end and exception, drawn on its clock.
    #[test]
    fn a_cpython_run_makes_a_column() {
        use crate::model::cpython::{CpythonExit, Step, StepEvent, Written, YOUR_VERSION};
        use crate::trace::{Exit, Outcome};
        let at = |task, t, kind| StepEvent { task, t, kind };
        let run = CpythonRun {
            lines: vec![Written { t: 1.0, text: "hello".into(), alternatives: Vec::new() }],
            stderr: vec![Written { t: 1.0, text: "ValueError: no".into(), alternatives: Vec::new() }],
            elapsed: None,
            exit: CpythonExit {
                status: "exception".into(),
                exception: Some("ValueError: no".into()),
                last_event: 1.0,
                stopped_at: None,
            },
            turns: Vec::new(),
            unawaited: Vec::new(),
            events: vec![
                at(1, 0.0, Step::Created("main".into())),
                at(1, 0.0, Step::Resumed),
                at(1, 0.0, Step::Waits(Some(4), crate::trace::WaitOn::Sleep(1.0))),
                at(1, 1.0, Step::Resumed),
                at(1, 1.0, Step::Printed("hello".into())),
                at(1, 1.0, Step::Stderr("ValueError: no".into())),
                at(1, 1.0, Step::Finished(Outcome::Raised("ValueError: no".into()))),
            ],
        };
        let column = Column::of_cpython(&YOUR_VERSION, &run, None, 2.0);
        let texts: Vec<&str> = column.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["hello", "ValueError: no"]);
        let outcome = column.outcome.expect("a finished run");
        assert_eq!(
            (outcome.exit.clone(), outcome.elapsed, outcome.elapsed_ms),
            (Exit::Exception("ValueError: no".into()), 1.0, 500.0)
        );
        assert_eq!(column.predicted.elapsed, 1.0);
        assert_eq!(column.timeline.end, 1.0);
        assert_eq!(column.variant.name, "your-version");
    }

    #[test]
    fn each_way_a_run_ends_is_reported_once_with_its_reason() {
        use CancelReason::*;
        let state = playground("s=say-after");
        let (state, changes) = step(state, Action::Run);
        assert_eq!(changes, [RunChange::Started]);
        let (state, changes) = step(state, Action::Run);
        assert_eq!(changes, [RunChange::Cancelled(Restarted), RunChange::Started]);
        let (state, changes) = step(state, Action::Stop);
        assert_eq!(changes, [RunChange::Cancelled(Stopped)]);
        assert_eq!(state.run_state, RunState::Stopped);
        let (state, changes) = step(state, Action::Stop);
        assert_eq!(changes, [], "stopping twice says nothing");

        let (state, _) = step(state, Action::Run);
        let (state, changes) = step(state, Action::EditParam { name: "hello_delay".into(), text: "2".into() });
        assert_eq!(changes, [RunChange::Cancelled(ParamsChanged)]);
        assert_eq!(state.run_state, RunState::Idle, "the columns show the new prediction, not a stopped run");

        let (state, _) = step(state, Action::Run);
        let gather = state.scenario().variant("gather");
        let (state, changes) = step(state, Action::ShowVariant(gather));
        assert_eq!(changes, [RunChange::Cancelled(ScenarioChanged)]);
        let (state, _) = step(state, Action::Run);
        let (_, changes) = step(state, Action::SelectScenario(scenarios::find("gather-count").unwrap()));
        assert_eq!(changes, [RunChange::Cancelled(ScenarioChanged)]);
    }

    #[test]
    fn an_export_is_answered_only_once_a_run_has_finished() {
        let export = || Action::Message(Ok(Incoming::Command(Command::Export)));
        let state = playground("s=say-after&variant=create-task");
        let (state, _) = step(state, export());
        assert_eq!((state.exports, state.rejections.as_slice()), (0, &[Rejection::NothingToExport][..]));
        let (state, _) = step(state, Action::Run);
        let outcome = run_virtual(state.columns[0].variant.program()(&state.url.params), 1.0, 0.0);
        let run_id = state.run_id;
        let (state, _) = step(state, Action::Finished { run_id, column: 0, outcome });
        let (state, _) = step(state, export());
        let (state, _) = step(state, export());
        assert_eq!(state.exports, 2, "each is answered");
    }

    #[test]
    fn the_loop_inspector_opens_at_a_turn_of_the_variant_chosen_and_follows_the_values() {
        let state = playground("s=say-after&tick=999");
        assert_eq!(state.url.tick, Some(9), "clamped to sequential's last turn (of 10)");
        let turns = |state: &Playground| state.inspected.as_ref().map(|run| run.trace.turns.len());
        assert_eq!(turns(&state), Some(10));
        let (state, _) = step(state, Action::InspectColumn(1));
        assert_eq!((state.inspect_column, turns(&state)), (1, Some(13)), "create-task's run has 13");
        let (state, _) = step(state, Action::Inspect(Some(2)));
        let run = state.inspected.clone().unwrap();
        assert_eq!(run.trace.turns[2].t, 1.0);
        let (state, _) = step(state, Action::EditParam { name: "hello_delay".into(), text: "3".into() });
        let again = state.inspected.clone().unwrap();
        assert!(!Rc::ptr_eq(&run, &again), "new values, a new inspected run");
        assert_eq!(again.trace.turns[2].t, 2.0, "world's 2 s sleep now ends first");
        let (state, _) = step(state, Action::Inspect(None));
        assert_eq!((state.url.tick, state.inspected.is_none()), (None, true));
        assert!(!state.url.encode().contains("tick"));
    }

    #[test]
    fn a_run_finishes_when_every_shown_variant_has() {
        let state = playground("s=say-after&variant=create-task");
        assert_eq!(state.columns.len(), 1);
        let (state, _) = step(state, Action::Run);
        let outcome = run_virtual(state.columns[0].variant.program()(&state.url.params), 1.0, 0.0);
        let run_id = state.run_id;
        let (state, changes) = step(state, Action::Finished { run_id, column: 0, outcome });
        assert_eq!(changes, [RunChange::Finished]);
        assert_eq!(state.columns[0].lines.len(), 4);
        // An outcome of an older run is dropped.
        let outcome = run_virtual(state.columns[0].variant.program()(&state.url.params), 1.0, 0.0);
        let (_, changes) = step(state, Action::Finished { run_id: 0, column: 0, outcome });
        assert_eq!(changes, []);
    }

    #[test]
    fn the_code_shows_where_tasks_are_during_a_run_and_at_the_replayed_instant() {
        let state = playground("s=say-after&variant=create-task");
        assert!(state.positions().is_empty(), "before a run nothing is highlighted");
        let (state, _) = step(state, Action::Run);
        let outcome = run_virtual(state.columns[0].variant.program()(&state.url.params), 1.0, 0.0);
        let mut live = Positions::default();
        outcome.trace.events.iter().take(8).for_each(|e| live.apply(e));
        let run_id = state.run_id;
        let progress = |positions: Positions| vec![(0, Progress { lines: Vec::new(), positions })];
        let (state, _) = step(state, Action::Progressed { run_id, columns: progress(live.clone()) });
        assert_eq!(state.positions(), [("create-task", live)]);
        let (state, _) = step(state, Action::Progressed { run_id: 0, columns: progress(Positions::default()) });
        assert_ne!(state.positions()[0].1, Positions::default(), "an older run's report is dropped");

        let at_half = Positions::at(&outcome.trace, Timing::Measured { speed: 1.0 }, 500.0 / 1000.0);
        let (state, _) = step(state, Action::Finished { run_id, column: 0, outcome });
        assert!(state.positions().is_empty(), "at the end of the run every task has finished");
        let (state, _) = step(state, Action::Replay(Some(0.5)));
        assert_eq!(state.positions(), [("create-task", at_half.clone())]);
        assert_eq!(at_half.by_line(|site| Some(site.line())).len(), 2, "both sleeps, and main awaiting");
        let (state, _) = step(state, Action::Run);
        assert_eq!(state.replay, None, "a new run starts from its end again");
    }

    #[test]
    fn lines_sent_after_their_column_finished_are_not_added_twice() {
        let state = playground("s=say-after");
        let (state, _) = step(state, Action::Run);
        let run_id = state.run_id;
        let outcome = run_virtual(state.columns[0].variant.program()(&state.url.params), 1.0, 0.0);
        let lines = outcome.lines();
        let printed = |lines: &[Line]| Progress { lines: lines.to_vec(), positions: Positions::default() };
        let (state, _) = step(state, Action::Progressed { run_id, columns: vec![(0, printed(&lines[..2]))] });
        assert_eq!(state.columns[0].lines.len(), 2);
        let (state, _) = step(state, Action::Finished { run_id, column: 0, outcome });
        assert_eq!(state.run_state, RunState::Running, "the other columns still run");
        let late = vec![(0, printed(&lines[2..])), (1, printed(&lines[..1]))];
        let (state, _) = step(state, Action::Progressed { run_id, columns: late });
        assert_eq!(state.columns[0].lines, lines, "the outcome's lines, each once");
        assert_eq!(state.columns[1].lines, lines[..1], "a column still running takes its lines");
    }

    #[test]
    fn lines_are_reported_after_the_start_and_before_the_end() {
        use RunChange::*;
        let phase = |run_id, state, cancelled| RunPhase { run_id, state, cancelled, scenario: "say-after" };
        let idle = phase(0, RunState::Idle, None);
        let running = phase(1, RunState::Running, None);
        assert_eq!(RunPhase::changes(&idle, &idle), []);
        assert_eq!(RunPhase::changes(&idle, &running), [Started, Lines]);
        assert_eq!(RunPhase::changes(&running, &running), [Lines]);
        assert_eq!(RunPhase::changes(&running, &phase(1, RunState::Finished, None)), [Lines, Finished]);
        assert_eq!(
            RunPhase::changes(&running, &phase(2, RunState::Running, None)),
            [Cancelled(CancelReason::Restarted), Started, Lines]
        );
        // A run begun and stopped between two renders is still reported whole.
        let stopped = phase(2, RunState::Stopped, Some(CancelReason::Stopped));
        assert_eq!(
            RunPhase::changes(&running, &stopped),
            [Cancelled(CancelReason::Restarted), Started, Lines, Cancelled(CancelReason::Stopped)]
        );
        assert_eq!(RunPhase::changes(&stopped, &stopped), []);
    }

    #[test]
    fn commands_act_like_the_form_and_refusals_are_kept_for_the_console() {
        let state = playground("s=say-after");
        let (state, _) = step(state, Action::EditParam { name: "world_delay".into(), text: "x".into() });
        assert_eq!(state.invalid_fields(), [("world_delay", ParamError::NotANumber)]);
        let (state, changes) = step(state, message(r#"{"type":"run"}"#));
        assert_eq!(changes, [], "run is refused while a field is invalid");
        assert_eq!(*state.rejections, [Rejection::CannotRun(vec![("world_delay", ParamError::NotANumber)])]);

        let (state, _) = step(state, message(r#"{"type":"set-params","params":{"world_delay":2}}"#));
        assert!(state.can_run(), "a sent value replaces what was typed");
        let (state, changes) = step(state, message(r#"{"source":"tutorial","type":"run"}"#));
        assert_eq!(changes, [RunChange::Started]);
        let (state, changes) = step(state, message(r#"{"type":"set-params","params":{"world_delay":"2"}}"#));
        assert_eq!(changes, [], "the same values leave the run alone");
        let (state, changes) = step(
            state,
            message(r#"{"type":"set-params","params":{"hello_delay":0.5,"world_delay":"abc"},"speed":"10"}"#),
        );
        assert_eq!(changes, [RunChange::Cancelled(CancelReason::ParamsChanged)]);
        assert_eq!(state.url.encode(), "s=say-after&hello_delay=0.5&speed=10");
        assert_eq!(
            (state.fields[0].text.as_str(), state.fields[1].text.as_str(), state.speed_field.text.as_str()),
            ("0.5", "2", "10")
        );
        assert_eq!(state.rejections.len(), 2, "{:?}", state.rejections);

        let (state, _) = step(state, Action::Run);
        let (state, changes) = step(state, message(r#"{"type":"stop"}"#));
        assert_eq!(changes, [RunChange::Cancelled(CancelReason::Stopped)]);
        let (state, _) = step(state, message(r#"{"type":"fly"}"#));
        let (state, _) = step(state, message(r#"{"source":"coroutine-playground","type":"line"}"#));
        assert_eq!(state.rejections.last(), Some(&Rejection::UnknownType("fly".into())), "our own echo is not refused");
    }

    #[test]
    fn reset_keeps_the_view_and_opening_a_scenario_keeps_language_theme_and_projector() {
        let state = playground(
            "s=say-after&variant=gather&hello_delay=3&speed=2&lang=zh&theme=dark&embed=1&autorun=1&projector=1",
        );
        let (state, _) = step(state, Action::ResetParams);
        assert_eq!(state.url.encode(), "s=say-after&variant=gather&lang=zh&theme=dark&embed=1&autorun=1&projector=1");
        let (state, _) = step(state, Action::SelectScenario(scenarios::find("gather-count").unwrap()));
        assert_eq!(state.url.encode(), "s=gather-count&lang=zh&theme=dark&projector=1");
    }

    #[test]
    fn projector_mode_goes_on_and_off_in_the_link() {
        let (state, _) = step(playground("s=say-after&lang=en"), Action::SetProjector(true));
        assert_eq!(state.url.encode(), "s=say-after&lang=en&projector=1");
        let (state, _) = step(state, Action::SetProjector(false));
        assert_eq!(state.url.encode(), "s=say-after&lang=en");
    }

    #[test]
    fn projector_keys_run_stop_and_step_the_replay_through_what_happened() {
        use Shortcut::*;
        let key = |state, shortcut| step(state, Action::Shortcut(shortcut));
        let state = playground("s=say-after&variant=create-task&projector=1");
        let (state, changes) = key(state, Back);
        assert_eq!((changes, state.replay), (vec![], None), "no run to step through");
        let (state, changes) = key(state, Run);
        assert_eq!(changes, [RunChange::Started]);
        let (_, changes) = key(state.clone(), Stop);
        assert_eq!(changes, [RunChange::Cancelled(CancelReason::Stopped)]);
        let (state, _) = key(state, Forward);
        assert_eq!(state.replay, None, "not during a run");
        let outcome = run_virtual(state.columns[0].variant.program()(&state.url.params), state.url.speed, 0.0);
        let run_id = state.run_id;
        let (mut state, _) = step(state, Action::Finished { run_id, column: 0, outcome });
        // From the end (2 s) back to 1 s (hello printed, Task-2 ended, main awaits Task-3), to the
        // start, and no further; then on again, past the last instant to the end.
        let mut seen = Vec::new();
        for shortcut in [Back, Back, Back, Forward, Forward, Forward] {
            state = key(state, shortcut).0;
            seen.push(state.replay);
        }
        assert_eq!(seen, [Some(1.0), Some(0.0), Some(0.0), Some(1.0), None, None]);
        let (state, _) = step(state, Action::Replay(Some(0.4)));
        assert_eq!(key(state.clone(), Forward).0.replay, Some(1.0));
        assert_eq!(key(state, Back).0.replay, Some(0.0));
    }

    #[test]
    fn the_shortcuts_list_opens_and_closes_and_leaving_projector_mode_closes_it() {
        let state = playground("s=say-after&projector=1");
        let (state, _) = step(state, Action::Shortcut(Shortcut::Help));
        assert!(state.shortcuts_shown);
        let (closed, _) = step(state.clone(), Action::Shortcut(Shortcut::Help));
        assert!(!closed.shortcuts_shown, "? again hides it");
        let unchanged = closed.clone();
        assert!(Rc::ptr_eq(&unchanged.reduce(Action::Shortcut(Shortcut::Close)), &closed), "Esc with nothing open");
        let (state, _) = step(state, Action::Shortcut(Shortcut::Close));
        assert!(!state.shortcuts_shown);
        let (state, _) = step(state, Action::Shortcut(Shortcut::Help));
        let (state, _) = step(state, Action::SetProjector(false));
        assert!(!state.shortcuts_shown);
    }
}
