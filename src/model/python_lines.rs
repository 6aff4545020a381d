//! Which Python line a Rust line of a twin is: each wait (the line the page highlights is where
//! CPython's task would be), and the lines a mistake notice names (where a coroutine never
//! awaited is made, the call a wait is inside). The table (`src/scenarios/python_lines.txt`,
//! served with the scenario files) is recorded from CPython by `tests/python_parity.rs`, which
//! also checks every such line of every variant against it.
//!
//! A row names its Rust wait by the code on that line and which occurrence of that code in the
//! scenario's file it is (`sleep(delay).await?;`, the first), not by its line number: adding a
//! comment or a function to a scenario moves lines and leaves the table true.

use crate::trace::Site;

/// One row: in this variant, the `occurrence`-th line of the scenario's Rust whose code is `code`
/// waits at `python_line` of the variant's Python.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    scenario: String,
    variant: String,
    python_line: u32,
    occurrence: u32,
    code: String,
}

/// The table. A list, searched in order: it has a hundred-odd rows, and a map would cost the
/// page's download more than the search costs its time.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PythonLines {
    rows: Vec<Row>,
}

/// A Rust wait site as the table names it: the code on its line (trimmed) and which occurrence
/// of that code in the file it is, from 1.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct RustCode {
    pub code: String,
    pub occurrence: u32,
}

impl RustCode {
    /// The code at 1-based `line` of `source`, if the source has that line.
    pub fn at(source: &str, line: u32) -> Option<RustCode> {
        let code = source.lines().nth(line.checked_sub(1)? as usize)?.trim();
        let occurrence = source.lines().take(line as usize).filter(|l| l.trim() == code).count() as u32;
        Some(RustCode { code: code.to_owned(), occurrence })
    }
}

/// One variant's rows resolved against the scenario's Rust: Rust line → Python line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineMap {
    lines: Vec<(u32, u32)>,
}

impl LineMap {
    /// The Python line of a wait at `site`, if the task is in the program's code there.
    pub fn get(&self, site: Site) -> Option<u32> {
        site.file()?;
        self.lines.iter().find(|(rust, _)| *rust == site.line()).map(|(_, python)| *python)
    }
}

impl PythonLines {
    /// The table's first lines: what it is and how it is made.
    pub const HEADER: &'static str = "\
# Where each task of a variant waits, as a Python line: scenario, variant, the line of the
# variant's Python where CPython's task is at that moment, and the Rust wait: which occurrence of
# its code in the scenario's file, and that code (to the end of the row). Also the Rust lines a
# mistake notice names: where a coroutine never awaited is made, the call a wait is inside.
# Written by `UPDATE_PYTHON_LINES=1 cargo test --test python_parity`; checked by the same test.
";

    /// Reads the table; lines that are not `scenario variant python_line occurrence code` are
    /// skipped.
    pub fn parse(text: &str) -> PythonLines {
        let rows = text
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| {
                let mut fields = line.splitn(5, ' ');
                let (scenario, variant) = (fields.next()?, fields.next()?);
                let (python_line, occurrence) = (fields.next()?.parse().ok()?, fields.next()?.parse().ok()?);
                let code = fields.next()?.trim();
                (!code.is_empty()).then(|| Row {
                    scenario: scenario.to_owned(),
                    variant: variant.to_owned(),
                    python_line,
                    occurrence,
                    code: code.to_owned(),
                })
            })
            .collect();
        PythonLines { rows }
    }

    /// Writes `rows` as the table: (scenario, variant, Rust wait, Python line).
    pub fn write<'a>(rows: impl IntoIterator<Item = (&'a str, &'a str, &'a RustCode, u32)>) -> String {
        let rows = rows.into_iter().map(|(scenario, variant, rust, python_line)| {
            format!("{scenario} {variant} {python_line} {} {}\n", rust.occurrence, rust.code)
        });
        format!("{}{}", Self::HEADER, rows.collect::<String>())
    }

    /// A variant's rows against the scenario's Rust `source`: each row's line in it.
    pub fn resolve(&self, scenario: &str, variant: &str, source: &str) -> LineMap {
        let mut lines = Vec::new();
        let mut seen: Vec<(&str, u32)> = Vec::new();
        for (index, line) in source.lines().enumerate() {
            let code = line.trim();
            let occurrence = match seen.iter_mut().find(|(c, _)| *c == code) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    seen.push((code, 1));
                    1
                }
            };
            let row = self.rows.iter().find(|r| {
                r.occurrence == occurrence && r.code == code && r.variant == variant && r.scenario == scenario
            });
            if let Some(row) = row {
                lines.push((index as u32 + 1, row.python_line));
            }
        }
        LineMap { lines }
    }

    /// Every row, as `(scenario, variant, Rust wait, python line)`.
    pub fn rows(&self) -> impl Iterator<Item = (&str, &str, RustCode, u32)> {
        self.rows.iter().map(|r| {
            let rust = RustCode { code: r.code.clone(), occurrence: r.occurrence };
            (r.scenario.as_str(), r.variant.as_str(), rust, r.python_line)
        })
    }
}

// Native only: the tests read the scenarios' Rust, which the page fetches instead of compiling in.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::aio::virtual_clock::run_virtual;
    use crate::lesson::params::Params;
    use crate::scenarios;
    use crate::trace::EventKind;

    #[test]
    fn a_wait_is_found_by_its_code_wherever_its_line_moves() {
        let scenario = scenarios::find("say-after").unwrap();
        let program = scenario.variant("sequential").unwrap().program()(&Params::defaults(scenario.params));
        let trace = run_virtual(program, 1.0, 0.0).trace;
        let site = trace
            .events
            .iter()
            .find_map(|e| match e.kind {
                EventKind::Waits(_, site) => site,
                _ => None,
            })
            .expect("the first sleep has a site");
        assert_eq!(site.file(), Some("say_after.rs"));
        let source = scenario.rust_source.text;
        let rust = RustCode::at(source, site.line()).unwrap();
        assert_eq!(rust, RustCode { code: "sleep(delay).await?;".into(), occurrence: 1 });
        let table =
            PythonLines::parse(&format!("{}not a row\n", PythonLines::write([("say-after", "sequential", &rust, 9)])));
        assert_eq!(table.rows().count(), 1);
        assert_eq!(table.resolve("say-after", "sequential", source).get(site), Some(9));
        assert_eq!(table.resolve("say-after", "gather", source).get(site), None, "each variant has its own Python");
        // A comment above it moves the line; the row still finds it, one line further down.
        let moved = format!("// a comment\n{source}");
        let lines = table.resolve("say-after", "sequential", &moved);
        assert_eq!(lines.lines, vec![(site.line() + 1, 9)]);
    }

    #[test]
    fn the_same_code_twice_is_told_apart_by_its_occurrence() {
        let source = "fn a() {\n    sleep(1).await;\n}\nfn b() {\n    sleep(1).await;\n}\n";
        assert_eq!(RustCode::at(source, 5), Some(RustCode { code: "sleep(1).await;".into(), occurrence: 2 }));
        let table = PythonLines::parse("s v 7 2 sleep(1).await;\n");
        assert_eq!(table.resolve("s", "v", source).lines, vec![(5, 7)]);
        assert_eq!(RustCode::at(source, 99), None);
    }
}
