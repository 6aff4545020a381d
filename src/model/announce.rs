//! What a screen reader hears of a run: not every line as it prints (a lesson of a thousand tasks
//! would keep it talking long after the run), but, at most once a second, what is new since it
//! last spoke, and at the end how each variant ended.

use crate::lesson::i18n::Lang;
use crate::model::ui_text::UI;

/// The shortest time between two announcements during a run, real milliseconds.
pub const ANNOUNCE_EVERY_MS: u32 = 1000;

/// A column as the announcer reads it: its label, how many lines it has printed, and the last.
#[derive(Clone, Debug, PartialEq)]
pub struct Printed {
    pub label: &'static str,
    pub count: usize,
    pub last: Option<String>,
}

/// How many lines of each column have been announced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Announced {
    said: Vec<usize>,
}

impl Announced {
    /// What to say of the lines printed since the last announcement: the line itself when there
    /// is one, else how many and the last of them. None when nothing is new.
    pub fn news(&mut self, columns: &[Printed], lang: Lang) -> Option<String> {
        self.said.resize(columns.len(), 0);
        let mut new = 0;
        let mut last = None;
        for (column, said) in columns.iter().zip(&mut self.said) {
            // A column with fewer lines than were said was cleared (a new run): all are news.
            let from = if column.count < *said { 0 } else { *said };
            if column.count > from {
                new += column.count - from;
                last = column.last.as_deref().map(|text| (column.label, text));
            }
            *said = column.count;
        }
        let (label, text) = last?;
        Some(if new == 1 {
            UI.announce_line.fill(lang, &[("variant", label), ("text", text)])
        } else {
            UI.announce_lines.fill(lang, &[("count", &new.to_string()), ("variant", label), ("text", text)])
        })
    }
}

/// The end of a run: each variant's measured elapsed time, `(label, seconds)`.
pub fn finished(columns: &[(&str, f64)], lang: Lang) -> String {
    let each: Vec<String> = columns.iter().map(|(label, seconds)| format!("{label} {seconds:.3} s")).collect();
    let separator = if lang == Lang::Zh { "；" } else { "; " };
    UI.announce_finished.fill(lang, &[("results", &each.join(separator))])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn printed(label: &'static str, texts: &[&str]) -> Printed {
        Printed { label, count: texts.len(), last: texts.last().map(|t| (*t).to_owned()) }
    }

    #[test]
    fn news_is_what_printed_since_the_last_time_and_only_that() {
        let mut announced = Announced::default();
        let now = [printed("sequential", &["hello"]), printed("gather", &[])];
        assert_eq!(announced.news(&now, Lang::En).as_deref(), Some("sequential: hello"));
        assert_eq!(announced.news(&now, Lang::En), None, "nothing new");
        let now = [printed("sequential", &["hello", "world"]), printed("gather", &["hello", "world"])];
        assert_eq!(announced.news(&now, Lang::En).as_deref(), Some("3 new lines; the last, gather: world"));
        // A new run clears the columns: their lines are news again.
        let now = [printed("sequential", &["again"]), printed("gather", &[])];
        assert_eq!(announced.news(&now, Lang::Zh).as_deref(), Some("sequential：again"));
    }

    #[test]
    fn the_end_names_each_variants_time() {
        assert_eq!(
            finished(&[("sequential", 3.0), ("create_task", 2.0004)], Lang::En),
            "Run finished: sequential 3.000 s; create_task 2.000 s"
        );
        assert_eq!(finished(&[("sequential", 3.0)], Lang::Zh), "运行结束：sequential 3.000 s");
    }
}
