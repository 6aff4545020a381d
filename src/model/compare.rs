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

/// Progress as tqdm draws its bar, `' 17%|█▋        | 1/6'`: the latest such line's `(k, n)`.
/// A column shows it as a bar, advancing as each result arrives.
pub fn progress<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<(usize, usize)> {
    lines
        .into_iter()
        .filter_map(|line| {
            let (percent, rest) = line.trim_start().split_once("%|")?;
            percent.parse::<u32>().ok()?;
            let (_, fraction) = rest.rsplit_once("| ")?;
            let (done, total) = fraction.split_once('/')?;
            let (done, total) = (done.parse().ok()?, total.parse().ok()?);
            (done <= total && total > 0).then_some((done, total))
        })
        .last()
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
    fn progress_is_read_from_tqdm_bars() {
        let bars = ["   id    msg", "  0%|          | 0/6", " 17%|█▋        | 1/6", " 33%|███▎      | 2/6"];
        assert_eq!(progress(bars), Some((2, 6)));
        assert_eq!(progress(["100%|██████████| 6/6"]), Some((6, 6)));
        assert_eq!(progress(["hello", "1/6 not a bar", "50%| half"]), None);
        assert_eq!(progress([" 7%|x| 7/6", "0%|| 1/0", "1%|| a/b"]), None);
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
