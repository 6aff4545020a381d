//! Parameters, declared once per scenario and used alike by the editor, the URL and the validator.

use std::fmt::Write;

use super::Literal;
// One rule for a value written into the article's code and for the twin printing it: a literal is
// what Python then prints.
use crate::aio::py_number;
use crate::lesson::i18n::{Lang, Text};
use crate::lesson::number;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Tutorial seconds: what the tutorial's `sleep()` calls say.
    Seconds,
    /// A whole number of things (tasks, items, moves).
    Count,
}

/// One editable value of a scenario.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParamSpec {
    /// The name in the URL, in the Python (upper-cased) and in the embed API.
    pub name: &'static str,
    pub label: Text,
    pub unit: Unit,
    /// The tutorial's value.
    pub default: f64,
    pub min: f64,
    /// Caps keep every accepted value small enough that a run cannot freeze the page.
    pub max: f64,
    pub step: f64,
}

/// Why a typed value was refused. Each names the rule, so the message can name the field and range.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamError {
    Empty,
    NotANumber,
    NotFinite,
    Negative,
    NotWhole,
    BelowMin(f64),
    AboveMax(f64),
}

impl ParamSpec {
    /// Reads a value as typed in the field or found in the URL.
    pub fn parse(&self, raw: &str) -> Result<f64, ParamError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(ParamError::Empty);
        }
        let lowered = raw.to_ascii_lowercase();
        if ["nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"].contains(&lowered.as_str()) {
            return Err(ParamError::NotFinite);
        }
        // Only decimal numbers, as Rust writes them ("1e400" is read, and refused as infinite).
        let value = number::read(raw).ok_or(ParamError::NotANumber)?;
        self.check(value)
    }

    /// Checks a number against the declared range and unit.
    pub fn check(&self, value: f64) -> Result<f64, ParamError> {
        if !value.is_finite() {
            return Err(ParamError::NotFinite);
        }
        if value < 0.0 {
            return Err(ParamError::Negative);
        }
        if self.unit == Unit::Count && value.fract() != 0.0 {
            return Err(ParamError::NotWhole);
        }
        if value < self.min {
            return Err(ParamError::BelowMin(self.min));
        }
        if value > self.max {
            return Err(ParamError::AboveMax(self.max));
        }
        Ok(value + 0.0) // turns -0 into 0
    }

    pub fn unit_label(&self, lang: Lang) -> &'static str {
        match (self.unit, lang) {
            (Unit::Seconds, Lang::Zh) => "秒",
            (Unit::Seconds, Lang::En) => "s",
            (Unit::Count, Lang::Zh) => "个",
            (Unit::Count, Lang::En) => "",
        }
    }

    /// A message for the person who typed the value: the field, the rule and the allowed range.
    pub fn message(&self, err: &ParamError, lang: Lang) -> String {
        let field = self.label.get(lang);
        let range = format!("{}–{}", format_number(self.min), format_number(self.max));
        let mut out = String::new();
        let _ = match (err, lang) {
            (ParamError::Empty, Lang::Zh) => write!(out, "{field}：请输入一个数（{range}）"),
            (ParamError::Empty, Lang::En) => write!(out, "{field}: enter a number ({range})"),
            (ParamError::NotANumber, Lang::Zh) => write!(out, "{field}：这不是数字，请输入 {range} 之间的数"),
            (ParamError::NotANumber, Lang::En) => write!(out, "{field}: not a number; enter {range}"),
            (ParamError::NotFinite, Lang::Zh) => write!(out, "{field}：必须是有限的数（{range}）"),
            (ParamError::NotFinite, Lang::En) => write!(out, "{field}: must be a finite number ({range})"),
            (ParamError::Negative, Lang::Zh) => write!(out, "{field}：不能为负数（{range}）"),
            (ParamError::Negative, Lang::En) => write!(out, "{field}: cannot be negative ({range})"),
            (ParamError::NotWhole, Lang::Zh) => write!(out, "{field}：必须是整数（{range}）"),
            (ParamError::NotWhole, Lang::En) => write!(out, "{field}: must be a whole number ({range})"),
            (ParamError::BelowMin(min), Lang::Zh) => write!(out, "{field}：不能小于 {}", format_number(*min)),
            (ParamError::BelowMin(min), Lang::En) => write!(out, "{field}: at least {}", format_number(*min)),
            (ParamError::AboveMax(max), Lang::Zh) => write!(out, "{field}：不能大于 {}", format_number(*max)),
            (ParamError::AboveMax(max), Lang::En) => write!(out, "{field}: at most {}", format_number(*max)),
        };
        out
    }
}

/// A number as the URL and the fields show it: `1`, `0.5`, `10000`.
pub fn format_number(value: f64) -> String {
    format!("{value}")
}

/// The values of one scenario's parameters, in declaration order.
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    values: Vec<(&'static str, f64)>,
}

impl Params {
    pub fn defaults(specs: &[ParamSpec]) -> Params {
        Params { values: specs.iter().map(|s| (s.name, s.default)).collect() }
    }

    /// The value of a declared parameter.
    pub fn get(&self, spec: &ParamSpec) -> f64 {
        self.values.iter().find(|(name, _)| *name == spec.name).map_or(spec.default, |(_, value)| *value)
    }

    /// Sets a declared parameter; the value must already have passed `ParamSpec::check`.
    pub fn set(&mut self, name: &str, value: f64) {
        if let Some(slot) = self.values.iter_mut().find(|(n, _)| *n == name) {
            slot.1 = value;
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static str, f64)> + '_ {
        self.values.iter().copied()
    }
}

impl Params {
    /// A variant's Python with these values. Each parameter that differs from the tutorial's value
    /// replaces its literals in the article's code (`say_after(1, 'hello')` becomes
    /// `say_after(1.5, 'hello')`), or else its constant's line (`WORLD_DELAY = 2` becomes
    /// `WORLD_DELAY = 3.5`). The page shows this text and CI runs it on CPython, so the two cannot
    /// drift apart.
    pub fn in_python(&self, python: &str, specs: &'static [ParamSpec], literals: &[Literal]) -> String {
        self.python_with_spots(python, specs, literals).0
    }

    /// [`Params::in_python`], and where each literal stands in that text, with the value it shows:
    /// the page puts an editable number there.
    pub fn python_with_spots(
        &self,
        python: &str,
        specs: &'static [ParamSpec],
        literals: &[Literal],
    ) -> (String, Vec<Spot>) {
        let original: Vec<String> = python.split('\n').map(str::to_owned).collect();
        let mut lines = original.clone();
        // (line, byte where the literal starts in the article's text, its length, the text in force)
        let mut replacements: Vec<(usize, usize, usize, String, &'static ParamSpec)> = Vec::new();
        for spec in specs {
            let value = self.get(spec);
            let mut literals = literals.iter().filter(|l| l.param == spec.name).peekable();
            if literals.peek().is_some() {
                // Found in the article's text as written, then replaced right to left, so that one
                // value in force cannot be taken for another literal's text.
                for literal in literals {
                    if let (Some((line, at)), Some(token)) = (literal.find(&original), literal.token()) {
                        let text = if value == spec.default { literal.text.to_owned() } else { py_number(value) };
                        replacements.push((line, at + token, literal.text.len(), text, spec));
                    }
                }
                continue;
            }
            if value == spec.default {
                continue;
            }
            let constant = spec.name.to_ascii_uppercase();
            let assigns = |line: &String| {
                line.strip_prefix(constant.as_str())
                    .map(|rest| rest.trim_start())
                    .is_some_and(|rest| rest.starts_with('=') && !rest.starts_with("=="))
            };
            if let Some(line) = lines.iter_mut().find(|line| assigns(line)) {
                // Python's own spelling: whole counts, and seconds as floats (`3.0`, `0.25`).
                *line = match spec.unit {
                    Unit::Count => format!("{constant} = {}", value as i64),
                    Unit::Seconds => format!("{constant} = {value:?}"),
                };
            }
        }
        // Right to left within a line. A handful of literals: picked by hand rather than sorted,
        // which would bring a sort's code into the page (8 KB of wasm).
        let mut order: Vec<usize> = (0..replacements.len()).collect();
        while let Some(at) = (0..order.len()).max_by_key(|&k| (replacements[order[k]].0, replacements[order[k]].1)) {
            let (line, start, len, text, _) = &replacements[order.swap_remove(at)];
            lines[*line].replace_range(*start..*start + *len, text);
        }
        // Each literal's place in the new text: shifted by the literals before it on its line.
        let mut spots = Vec::new();
        for &(line, start, _, ref text, spec) in &replacements {
            let shift: isize = replacements
                .iter()
                .filter(|(l, s, ..)| *l == line && *s < start)
                .map(|(_, _, len, text, _)| text.len() as isize - *len as isize)
                .sum();
            let at = (start as isize + shift) as usize;
            spots.push(Spot {
                param: spec,
                line: line as u32 + 1,
                column: display_width(&lines[line][..at]),
                width: display_width(text),
            });
        }
        // In reading order (picked by hand, as above).
        let mut ordered = Vec::with_capacity(spots.len());
        while let Some(at) = (0..spots.len()).min_by_key(|&k| (spots[k].line, spots[k].column)) {
            ordered.push(spots.swap_remove(at));
        }
        (lines.join("\n"), ordered)
    }
}

/// Where a literal stands in the Python shown: the page draws an editable number there.
#[derive(Clone, Debug, PartialEq)]
pub struct Spot {
    pub param: &'static ParamSpec,
    /// The line, from 1.
    pub line: u32,
    /// Columns before it and its own, in monospace cells (a CJK character takes two).
    pub column: usize,
    pub width: usize,
}

/// A text's width in monospace cells: wide (CJK and full-width) characters take two.
pub fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

impl Literal {
    /// Where it stands in `lines`: the line's index and the byte where `line` starts in it.
    pub fn find(&self, lines: &[String]) -> Option<(usize, usize)> {
        lines.iter().enumerate().find_map(|(i, l)| l.find(self.line).map(|at| (i, at)))
    }

    /// Where `text` stands in `line` as a token of its own: the `1` of `say_after(1, 'hello')`,
    /// not the one of `task1` or of `1.5`.
    pub fn token(&self) -> Option<usize> {
        let part_of_token = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
        self.line.match_indices(self.text).map(|(at, _)| at).find(|&at| {
            let before = self.line[..at].chars().next_back();
            let after = self.line[at + self.text.len()..].chars().next();
            !before.is_some_and(part_of_token) && !after.is_some_and(part_of_token)
        })
    }
}

/// The speed factor: tutorial seconds per real second.
pub const SPEED: ParamSpec = ParamSpec {
    name: "speed",
    label: crate::t!("速度", "Speed"),
    unit: Unit::Count,
    default: 1.0,
    min: 0.1,
    max: 10_000.0,
    step: 0.1,
};

impl ParamSpec {
    /// The speed accepts fractions (×0.5 slows a run down) although it is not a duration.
    pub fn parse_speed(raw: &str) -> Result<f64, ParamError> {
        let as_seconds = ParamSpec { unit: Unit::Seconds, ..SPEED };
        as_seconds.parse(raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DELAY: ParamSpec = ParamSpec {
        name: "delay",
        label: crate::t!("延迟", "Delay"),
        unit: Unit::Seconds,
        default: 1.0,
        min: 0.0,
        max: 60.0,
        step: 0.1,
    };
    const COUNT: ParamSpec = ParamSpec {
        name: "n",
        label: crate::t!("数量", "Count"),
        unit: Unit::Count,
        default: 10.0,
        min: 1.0,
        max: 1000.0,
        step: 1.0,
    };

    #[test]
    fn the_python_shows_the_values_that_differ_from_the_tutorials() {
        let python = "N = 10\nDELAY = 1  # a comment\nDELAY_TWICE = DELAY * 2\n\nif N == 10:\n    pass\n";
        let mut params = Params::defaults(&[DELAY, COUNT]);
        assert_eq!(params.in_python(python, &[DELAY, COUNT], &[]), python, "the tutorial's values leave it alone");
        params.set("delay", 2.5);
        params.set("n", 3.0);
        assert_eq!(
            params.in_python(python, &[DELAY, COUNT], &[]),
            "N = 3\nDELAY = 2.5\nDELAY_TWICE = DELAY * 2\n\nif N == 10:\n    pass\n"
        );
        params.set("delay", 3.0);
        assert!(params.in_python(python, &[DELAY, COUNT], &[]).contains("DELAY = 3.0\n"), "seconds stay floats");
    }

    #[test]
    fn a_literal_in_the_articles_code_takes_the_value_in_its_place() {
        let python = "async def main():\n    await asyncio.sleep(1)  # one second\n    print(count(10), 1)\n";
        let literals = [
            Literal { param: "delay", line: "    await asyncio.sleep(1)", text: "1" },
            Literal { param: "n", line: "count(10)", text: "10" },
        ];
        let mut params = Params::defaults(&[DELAY, COUNT]);
        assert_eq!(params.in_python(python, &[DELAY, COUNT], &literals), python);
        params.set("delay", 2.5);
        params.set("n", 3.0);
        assert_eq!(
            params.in_python(python, &[DELAY, COUNT], &literals),
            "async def main():\n    await asyncio.sleep(2.5)  # one second\n    print(count(3), 1)\n",
            "only the literal inside its line changes"
        );
        params.set("delay", 2.0);
        assert!(params.in_python(python, &[DELAY, COUNT], &literals).contains("sleep(2)  #"), "whole values as ints");
        // Two literals in one line: the first one's new value is never taken for the second.
        let twice = "gather(work(1), work(3))\n";
        let literals = [
            Literal { param: "delay", line: "work(1)", text: "1" },
            Literal { param: "n", line: "work(3)", text: "3" },
        ];
        params.set("delay", 3.0);
        params.set("n", 5.0);
        assert_eq!(params.in_python(twice, &[DELAY, COUNT], &literals), "gather(work(3), work(5))\n");
    }

    #[test]
    fn each_literal_is_found_where_it_stands_in_the_text_shown() {
        let python = "print('一二', work(1), work(10))\n";
        let literals = [
            Literal { param: "delay", line: "work(1)", text: "1" },
            Literal { param: "n", line: "work(10)", text: "10" },
        ];
        let mut params = Params::defaults(&[DELAY, COUNT]);
        let at = |params: &Params| {
            let (text, spots) = params.python_with_spots(python, &[DELAY, COUNT], &literals);
            (text, spots.iter().map(|s| (s.param.name, s.line, s.column, s.width)).collect::<Vec<_>>())
        };
        // The tutorial's values: `一二` takes four cells, so work(1)'s 1 is at column 19.
        assert_eq!(at(&params).1, [("delay", 1, 19, 1), ("n", 1, 28, 2)]);
        params.set("delay", 2.5);
        let (text, spots) = at(&params);
        assert_eq!(text, "print('一二', work(2.5), work(10))\n");
        assert_eq!(spots, [("delay", 1, 19, 3), ("n", 1, 30, 2)], "the second moves right by the first's growth");
        assert_eq!(py_number(0.25), "0.25");
        assert_eq!(py_number(60.0), "60");
    }

    fn check(spec: &ParamSpec, raw: &str, expected: Result<f64, ParamError>) {
        assert_eq!(spec.parse(raw), expected, "parsing {raw:?} for {}", spec.name);
    }

    #[test]
    fn parses_and_rejects_as_a_person_would_expect() {
        use ParamError::*;
        let cases: &[(&ParamSpec, &str, Result<f64, ParamError>)] = &[
            (&DELAY, "1", Ok(1.0)),
            (&DELAY, " 2.5 ", Ok(2.5)),
            (&DELAY, "0", Ok(0.0)),
            (&DELAY, "-0", Ok(0.0)),
            (&DELAY, "60", Ok(60.0)),
            (&DELAY, "", Err(Empty)),
            (&DELAY, "   ", Err(Empty)),
            (&DELAY, "abc", Err(NotANumber)),
            (&DELAY, "1,5", Err(NotANumber)),
            (&DELAY, "0x10", Err(NotANumber)),
            (&DELAY, "1..2", Err(NotANumber)),
            (&DELAY, "NaN", Err(NotFinite)),
            (&DELAY, "inf", Err(NotFinite)),
            (&DELAY, "-Infinity", Err(NotFinite)),
            (&DELAY, "1e400", Err(NotFinite)),
            (&DELAY, "-1", Err(Negative)),
            (&DELAY, "60.5", Err(AboveMax(60.0))),
            (&COUNT, "0", Err(BelowMin(1.0))),
            (&COUNT, "2.5", Err(NotWhole)),
            (&COUNT, "1e3", Ok(1000.0)),
            (&COUNT, "1001", Err(AboveMax(1000.0))),
        ];
        for (spec, raw, expected) in cases {
            check(spec, raw, expected.clone());
        }
    }

    #[test]
    fn messages_name_the_field_and_the_range_in_both_languages() {
        let en = DELAY.message(&ParamError::NotANumber, Lang::En);
        assert_eq!(en, "Delay: not a number; enter 0–60");
        let zh = DELAY.message(&ParamError::AboveMax(60.0), Lang::Zh);
        assert_eq!(zh, "延迟：不能大于 60");
    }

    #[test]
    fn speed_takes_fractions_within_its_range() {
        assert_eq!(ParamSpec::parse_speed("0.5"), Ok(0.5));
        assert_eq!(ParamSpec::parse_speed("10000"), Ok(10_000.0));
        assert_eq!(ParamSpec::parse_speed("0"), Err(ParamError::BelowMin(0.1)));
        assert_eq!(ParamSpec::parse_speed("20000"), Err(ParamError::AboveMax(10_000.0)));
    }
}
