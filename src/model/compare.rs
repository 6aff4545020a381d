//! The comparison's marks: a line printed at a different position than in another variant, so
//! a changed order jumps out (`One, One, Two, Two` against `One, Two, One, Two`).

/// For each column, for each line, whether it moved: the k-th line with this text is at another
/// index in some other column that also prints it at least k times. Lines whose text only one
/// column prints (a clock time, a measured duration) are never marked.
pub fn moved_lines(columns: &[Vec<&str>]) -> Vec<Vec<bool>> {
    /// Where the k-th line with `text` stands in `lines`.
    fn position(lines: &[&str], text: &str, k: usize) -> Option<usize> {
        lines.iter().enumerate().filter(|(_, t)| **t == text).nth(k).map(|(i, _)| i)
    }
    columns
        .iter()
        .enumerate()
        .map(|(me, lines)| {
            lines
                .iter()
                .enumerate()
                .map(|(index, text)| {
                    let k = lines[..index].iter().filter(|t| *t == text).count();
                    columns
                        .iter()
                        .enumerate()
                        .filter(|(other, _)| *other != me)
                        .any(|(_, other)| position(other, text, k).is_some_and(|at| at != index))
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(columns: &[&[&str]], expected: &[&[bool]]) {
        let columns: Vec<Vec<&str>> = columns.iter().map(|c| c.to_vec()).collect();
        let expected: Vec<Vec<bool>> = expected.iter().map(|c| c.to_vec()).collect();
        assert_eq!(moved_lines(&columns), expected, "{columns:?}");
    }

    #[test]
    fn marks_lines_whose_position_changed() {
        // count-tasks: awaited one by one, then as tasks.
        check(
            &[&["Starting", "One", "Two", "One", "Two", "End"], &["Starting", "One", "One", "Two", "Two", "End"]],
            &[&[false, false, true, true, false, false], &[false, false, true, true, false, false]],
        );
        // The same order everywhere: nothing to mark, even with lines only one column prints.
        check(&[&["a", "b", "at 12:00"], &["a", "b", "at 12:01"]], &[&[false, false, false], &[false, false, false]]);
        // A line missing from the other column is not a move.
        check(&[&["a", "x", "b"], &["a", "b"]], &[&[false, false, true], &[false, true]]);
        check(&[&["a"]], &[&[false]]);
    }
}
