//! Which Python line a Rust wait is at. The table (`src/scenarios/python_lines.txt`, served with
//! the scenario files) is recorded from CPython by `tests/python_parity.rs`, which also checks
//! every wait of every variant against it, so the line the page highlights is where CPython's
//! task would be.

use std::collections::HashMap;

use crate::trace::Site;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PythonLines {
    /// `(scenario, variant, "file.rs:line")` → the Python line.
    lines: HashMap<(String, String, String), u32>,
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
        let lines = text
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| {
                let mut fields = line.split_whitespace();
                let (scenario, variant, site, python) = (fields.next()?, fields.next()?, fields.next()?, fields.next()?);
                Some(((scenario.to_owned(), variant.to_owned(), site.to_owned()), python.parse().ok()?))
            })
            .collect();
        PythonLines { lines }
    }

    /// The Python line of a wait at `site` in a variant, if the task is in the program's code there.
    pub fn line(&self, scenario: &str, variant: &str, site: Site) -> Option<u32> {
        let key = (scenario.to_owned(), variant.to_owned(), format!("{}:{}", site.file(), site.line()));
        self.lines.get(&key).copied()
    }

    /// Every row, as `(scenario, variant, site, line)`.
    pub fn rows(&self) -> impl Iterator<Item = (&str, &str, &str, u32)> {
        self.lines.iter().map(|((s, v, site), line)| (s.as_str(), v.as_str(), site.as_str(), *line))
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
