//! The page's state and the actions that change it. Reducers are pure: runs are started and
//! cancelled by the app's effects, which watch `run_id` and `running`.

use std::rc::Rc;

use yew::Reducible;

use crate::aio::virtual_clock::run_virtual;
use crate::model::i18n::Lang;
use crate::model::params::{ParamError, ParamSpec};
use crate::model::timeline::{timeline, Clock as TimelineClock, Timeline};
use crate::model::url::{Notice, UrlState};
use crate::scenarios::{Scenario, Variant};
use crate::trace::{Line, RunOutcome};

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
}

impl PartialEq for Column {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.variant, other.variant)
            && Rc::ptr_eq(&self.predicted, &other.predicted)
            && Rc::ptr_eq(&self.timeline, &other.timeline)
            && self.lines == other.lines
            && match (&self.outcome, &other.outcome) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
    }
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
    pub columns: Vec<Column>,
}

#[derive(Clone, PartialEq, Debug)]
pub struct Field {
    pub name: &'static str,
    pub text: String,
    pub error: Option<ParamError>,
}

pub enum Action {
    /// Open another scenario, with the tutorial's values.
    SelectScenario(&'static Scenario),
    EditParam { name: String, text: String },
    EditSpeed(String),
    ResetParams,
    SetLang(Lang),
    Run,
    Stop,
    Printed { run_id: u64, column: usize, line: Line },
    Finished { run_id: u64, column: usize, outcome: RunOutcome },
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
            columns: Vec::new(),
        };
        state.sync_fields();
        state.predict();
        state
    }

    pub fn scenario(&self) -> &'static Scenario {
        self.url.scenario
    }

    /// Run is allowed only when every field holds a valid value.
    pub fn can_run(&self) -> bool {
        self.speed_field.error.is_none() && self.fields.iter().all(|f| f.error.is_none())
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

    /// The virtual clock's timeline for the current values: instant, shown before and beside a run.
    fn predict(&mut self) {
        let (params, speed) = (&self.url.params, self.url.speed);
        self.columns = self
            .scenario()
            .variants
            .iter()
            .map(|variant| {
                let predicted = run_virtual((variant.program)(params), speed, 0.0);
                Column {
                    variant,
                    timeline: Rc::new(timeline(&predicted.trace, TimelineClock::Ideal)),
                    predicted: Rc::new(predicted),
                    lines: Vec::new(),
                    outcome: None,
                }
            })
            .collect();
    }

    /// A value changed: any run going on is for the old values, so it stops.
    fn values_changed(&mut self) {
        if self.run_state == RunState::Running {
            self.run_state = RunState::Stopped;
        }
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
                next.url = UrlState { lang: next.url.lang, ..UrlState::for_scenario(scenario) };
                next.notices.clear();
                next.sync_fields();
                next.values_changed();
            }
            Action::EditParam { name, text } => {
                let Some(spec) = self.scenario().param(&name) else { return self };
                let Some(field) = next.fields.iter_mut().find(|f| f.name == spec.name) else { return self };
                field.text = text;
                match spec.parse(&field.text) {
                    Ok(value) => {
                        field.error = None;
                        next.url.params.set(spec.name, value);
                        next.values_changed();
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
                        next.values_changed();
                    }
                    Err(error) => next.speed_field.error = Some(error),
                }
            }
            Action::ResetParams => {
                next.url = UrlState { lang: next.url.lang, ..UrlState::for_scenario(self.scenario()) };
                next.sync_fields();
                next.values_changed();
            }
            Action::SetLang(lang) => {
                next.lang = lang;
                next.url.lang = Some(lang);
            }
            Action::Run => {
                if !self.can_run() {
                    return self;
                }
                next.run_id += 1;
                next.run_state = RunState::Running;
                next.predict();
            }
            Action::Stop => {
                if self.run_state != RunState::Running {
                    return self;
                }
                next.run_state = RunState::Stopped;
            }
            Action::Printed { run_id, column, line } => {
                if run_id != self.run_id || self.run_state != RunState::Running {
                    return self;
                }
                next.columns[column].lines.push(line);
            }
            Action::Finished { run_id, column, outcome } => {
                if run_id != self.run_id || self.run_state != RunState::Running {
                    return self;
                }
                let measured = timeline(&outcome.trace, TimelineClock::Measured { speed: self.url.speed });
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
