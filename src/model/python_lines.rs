//! Which Python line a Rust wait is at. The table (`src/scenarios/python_lines.txt`, served with
//! the scenario files) is recorded from CPython by `tests/python_parity.rs`, which also checks
//! every wait of every variant against it, so the line the page highlights is where CPython's
//! task would be.

use crate::trace::Site;

/// One row: in this variant, a wait at `file:rust_line` is at `python_line` of its Python.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    scenario: String,
    variant: String,
    file: String,
    rust_line: u32,
    python_line: u32,
}

/// The table. A list, searched in order: it has a hundred-odd rows, and a map would cost the
/// page's download more than the search costs its time.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PythonLines {
    rows: Vec<Row>,
}

impl PythonLines {
    /// The table's first lines: what it is and how it is made.
    pub const HEADER: &'static str = "\
# Where each task of a variant waits, as a Python line: scenario, variant, the Rust call site of
# the wait, the line of the variant's Python where CPython's task is at that moment.
# Written by `UPDATE_PYTHON_LINES=1 cargo test --test python_parity`; checked by the same test.
";

    /// Reads the table; lines that are not `scenario variant file.rs:line python_line` are skipped.
    pub fn parse(text: &str) -> PythonLines {
        let rows = text
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| {
                let mut fields = line.split_whitespace();
                let (scenario, variant, site, python) =
                    (fields.next()?, fields.next()?, fields.next()?, fields.next()?);
                let (file, rust_line) = site.split_once(':')?;
                Some(Row {
                    scenario: scenario.to_owned(),
                    variant: variant.to_owned(),
                    file: file.to_owned(),
                    rust_line: rust_line.parse().ok()?,
                    python_line: python.parse().ok()?,
                })
            })
            .collect();
        PythonLines { rows }
    }

    /// The Python line of a wait at `site` in a variant, if the task is in the program's code there.
    pub fn line(&self, scenario: &str, variant: &str, site: Site) -> Option<u32> {
        self.rows
            .iter()
            .find(|r| {
                r.rust_line == site.line() && r.file == site.file() && r.variant == variant && r.scenario == scenario
            })
            .map(|r| r.python_line)
    }

    /// Every row, as `(scenario, variant, "file.rs:line", python line)`.
    pub fn rows(&self) -> impl Iterator<Item = (&str, &str, String, u32)> {
        self.rows
            .iter()
            .map(|r| (r.scenario.as_str(), r.variant.as_str(), format!("{}:{}", r.file, r.rust_line), r.python_line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aio::virtual_clock::run_virtual;
    use crate::model::params::Params;
    use crate::scenarios;
    use crate::trace::EventKind;

    #[test]
    fn a_wait_is_found_by_its_variant_and_rust_line() {
        let scenario = scenarios::find("say-after").unwrap();
        let program = (scenario.variant("sequential").unwrap().program)(&Params::defaults(scenario.params));
        let trace = run_virtual(program, 1.0, 0.0).trace;
        let site = trace
            .events
            .iter()
            .find_map(|e| match e.kind {
                EventKind::Waits(_, site) => site,
                _ => None,
            })
            .expect("the first sleep has a site");
        assert_eq!(site.file(), "say_after.rs");
        let table = PythonLines::parse(&format!(
            "{}say-after sequential say_after.rs:{} 9\nnot a row\n",
            PythonLines::HEADER,
            site.line()
        ));
        assert_eq!(table.line("say-after", "sequential", site), Some(9));
        assert_eq!(table.line("say-after", "gather", site), None, "each variant has its own Python");
        assert_eq!(table.rows().count(), 1);
    }
}
