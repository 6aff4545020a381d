//! The numbers of the learner's own program that the page offers as fields, as it does a lesson's
//! values: each top-level constant (`DELAY = 1.5`) and each delay written in `asyncio.sleep(…)`.
//! The editor finds them in the program's syntax tree (CodeMirror's Python parser) and writes a
//! field's value back into the text; this names them and checks what is typed.

use crate::lesson::i18n::Lang;
use crate::lesson::params::{format_number, ParamError, ParamSpec, Unit};
use crate::model::ui_text::UI;

/// Where the number stands in the program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OwnKind {
    /// `NAME = number` at the top level.
    Constant,
    /// The delay of `asyncio.sleep(number)`.
    Sleep,
}

/// A number of the program, as the editor reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnValue {
    pub kind: OwnKind,
    /// The constant's name (`DELAY`); for a sleep, `asyncio.sleep`.
    pub name: String,
    /// Its line, from 1.
    pub line: u32,
    /// Where it stands, in the editor's positions: what a new value replaces.
    pub from: u32,
    pub to: u32,
    /// As written (`1.5`).
    pub text: String,
}

/// The largest value a field takes: a sleep of an hour, a constant of a million. CPython's run in
/// the page is cut at its own caps in any case; these keep a typo from asking for that.
const MAX_SLEEP: f64 = 3600.0;
const MAX_CONSTANT: f64 = 1_000_000.0;

impl OwnValue {
    fn spec(&self) -> ParamSpec {
        let (label, unit, max) = match self.kind {
            OwnKind::Constant => (UI.own_constant, Unit::Count, MAX_CONSTANT),
            OwnKind::Sleep => (UI.own_sleep, Unit::Seconds, MAX_SLEEP),
        };
        ParamSpec { name: "value", label, unit, default: 0.0, min: 0.0, max, step: 0.1 }
    }

    /// The text to write into the program for `raw` as typed in the field: as typed when it is a
    /// plain decimal literal Python reads as that value (`1.`, `0.50` while typing), else
    /// formatted. Refused if not a number, negative, or above the cap.
    pub fn check(&self, raw: &str) -> Result<String, ParamError> {
        let raw = raw.trim();
        // A count's rule (whole numbers) is not the program's: `DELAY = 2` may become 2.5.
        let spec = ParamSpec { unit: Unit::Seconds, ..self.spec() };
        let value = spec.parse(raw)?;
        let plain = !raw.is_empty()
            && raw.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && raw.bytes().filter(|&b| b == b'.').count() <= 1
            && raw.bytes().any(|b| b.is_ascii_digit());
        Ok(if plain { raw.to_owned() } else { format_number(value) })
    }

    /// Why `error` refused the typed text, naming the rule and the range.
    pub fn message(&self, error: &ParamError, lang: Lang) -> String {
        self.spec().message(error, lang)
    }

    /// The field's label: the constant's name, or the sleep and its line.
    pub fn label(&self, lang: Lang) -> String {
        match self.kind {
            OwnKind::Constant => self.name.clone(),
            OwnKind::Sleep => UI.own_sleep_at.fill(lang, &[("line", &self.line.to_string())]),
        }
    }

    /// The unit beside the field: seconds for a sleep, none for a constant.
    pub fn unit(&self, lang: Lang) -> &'static str {
        match self.kind {
            OwnKind::Constant => "",
            OwnKind::Sleep => self.spec().unit_label(lang),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(kind: OwnKind, text: &str) -> OwnValue {
        OwnValue { kind, name: "DELAY".into(), line: 7, from: 8, to: 8 + text.len() as u32, text: text.into() }
    }

    #[test]
    fn a_typed_value_is_written_as_typed_when_python_reads_it_so() {
        let delay = value(OwnKind::Constant, "1.5");
        assert_eq!(delay.check("2").as_deref(), Ok("2"));
        assert_eq!(delay.check(" 2.50 ").as_deref(), Ok("2.50"), "kept while typing");
        assert_eq!(delay.check("1.").as_deref(), Ok("1."), "a float literal in Python");
        assert_eq!(delay.check("2.5").as_deref(), Ok("2.5"), "a constant written whole may become a fraction");
        assert_eq!(delay.check("1e1").as_deref(), Ok("10"), "formatted when not plain");
        assert_eq!(delay.check("-0").as_deref(), Ok("0"), "never written with a sign, which is no longer a literal");
    }

    #[test]
    fn bad_input_is_refused_with_the_rule_and_the_range() {
        let sleep = value(OwnKind::Sleep, "1");
        assert_eq!(sleep.check(""), Err(ParamError::Empty));
        assert_eq!(sleep.check("abc"), Err(ParamError::NotANumber));
        assert_eq!(sleep.check("-1"), Err(ParamError::Negative));
        assert_eq!(sleep.check("inf"), Err(ParamError::NotFinite));
        assert_eq!(sleep.check("3601"), Err(ParamError::AboveMax(MAX_SLEEP)));
        assert_eq!(value(OwnKind::Constant, "3").check("3601").as_deref(), Ok("3601"));
        let message = sleep.message(&ParamError::NotANumber, Lang::En);
        assert!(message.contains("not a number") && message.contains("0–3600"), "{message}");
        assert!(!sleep.message(&ParamError::Negative, Lang::Zh).is_empty());
    }

    #[test]
    fn fields_are_named_by_the_constant_or_the_sleeps_line() {
        assert_eq!(value(OwnKind::Constant, "1.5").label(Lang::En), "DELAY");
        assert_eq!(value(OwnKind::Sleep, "1").label(Lang::En), "asyncio.sleep, line 7");
        assert_eq!(value(OwnKind::Sleep, "1").label(Lang::Zh), "asyncio.sleep（第 7 行）");
        assert_eq!(
            (value(OwnKind::Sleep, "1").unit(Lang::En), value(OwnKind::Constant, "1").unit(Lang::En)),
            ("s", "")
        );
    }
}
