//! The interface's words, one language at a time. build.rs writes every `t!("中文", "English")`
//! of src/ into a file per language (`words/zh-<id>.txt`, `words/en-<id>.txt`), and `t!` keeps
//! only the text's index in them, found at compile time. The page fetches the file of its
//! language before it first draws (`web::page::words_first`) and the other one when the learner
//! switches: the wasm carries neither language (11.9 KiB gzip of the first load when it carried
//! both).
//!
//! Natively, and in the crate's own tests in the browser, the files are compiled in.

use std::sync::OnceLock;

use super::i18n::Lang;

include!(concat!(env!("OUT_DIR"), "/words.rs"));

/// What a language's file holds once read: its texts in index order.
type Table = Box<[&'static str]>;

static TABLES: [OnceLock<Table>; 2] = [OnceLock::new(), OnceLock::new()];

fn slot(lang: Lang) -> usize {
    match lang {
        Lang::Zh => 0,
        Lang::En => 1,
    }
}

/// The index of the text with these two languages, for `t!` at compile time. A text build.rs
/// did not read (a `t!` it cannot see) stops the build here.
pub const fn index_of(zh: &str, en: &str) -> u16 {
    let key = super::words_key::key(zh, en);
    let (mut low, mut high) = (0, KEYS.len());
    while low < high {
        let mid = (low + high) / 2;
        if KEYS[mid].0 == key {
            return KEYS[mid].1;
        } else if KEYS[mid].0 < key {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    panic!("t!: a text build.rs did not write into the words files")
}

/// How many texts the files hold.
pub const fn count() -> usize {
    KEYS.len()
}

/// The file of `lang`'s words, as the site serves it.
pub fn path(lang: Lang) -> &'static str {
    PATHS[slot(lang)]
}

/// Why a words file was not taken.
#[derive(Debug, PartialEq, Eq)]
pub enum WordsError {
    /// Its first line is not this build's id: a file of another build (a cache that kept it).
    OtherBuild,
    /// It has not one line for each text.
    Count { found: usize },
}

/// The texts of a words file, checked against this build.
fn read(file: &'static str) -> Result<Table, WordsError> {
    let mut lines = file.lines();
    if lines.next() != Some(ID) {
        return Err(WordsError::OtherBuild);
    }
    let table: Table = lines.collect();
    if table.len() != KEYS.len() {
        return Err(WordsError::Count { found: table.len() });
    }
    Ok(table)
}

/// Takes a fetched words file for `lang`, kept for the rest of the visit. A second file for a
/// language already in is ignored.
pub fn install(lang: Lang, file: String) -> Result<(), WordsError> {
    if loaded(lang) {
        return Ok(());
    }
    // Leaked once per language: its texts are the page's for as long as it lives.
    let table = read(Box::leak(file.into_boxed_str()))?;
    let _ = TABLES[slot(lang)].set(table);
    Ok(())
}

/// Whether `lang`'s words are in.
pub fn loaded(lang: Lang) -> bool {
    table(lang).is_some()
}

#[cfg(any(not(target_arch = "wasm32"), test))]
fn table(lang: Lang) -> Option<&'static Table> {
    let slot = slot(lang);
    Some(TABLES[slot].get_or_init(|| read(COMPILED_IN[slot]).expect("build.rs wrote it for this build")))
}

#[cfg(all(target_arch = "wasm32", not(test)))]
fn table(lang: Lang) -> Option<&'static Table> {
    TABLES[slot(lang)].get()
}

/// Text `index` in `lang`, if its words are in.
pub(super) fn word(lang: Lang, index: u16) -> Option<&'static str> {
    table(lang).and_then(|table| table.get(usize::from(index)).copied())
}

/// The words compiled in, for a browser test that draws the page without a site to fetch them
/// from. The page itself never calls it, so its wasm does not carry them.
#[doc(hidden)]
pub fn install_compiled_in() {
    for lang in [Lang::Zh, Lang::En] {
        let _ = TABLES[slot(lang)].set(read(COMPILED_IN[slot(lang)]).expect("build.rs wrote it for this build"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_of_another_build_or_length_is_refused() {
        assert_eq!(read("0123456789abcdef\nx\n"), Err(WordsError::OtherBuild));
        let short: &'static str = Box::leak(format!("{ID}\nx\n").into_boxed_str());
        assert_eq!(read(short), Err(WordsError::Count { found: 1 }));
        assert_eq!(read(COMPILED_IN[0]).map(|t| t.len()), Ok(count()));
    }

    #[test]
    fn each_text_is_at_its_index_in_both_files() {
        let text = crate::t!("运行", "Run");
        assert_eq!((text.get(Lang::Zh), text.get(Lang::En)), ("运行", "Run"));
        assert!(path(Lang::Zh).starts_with("words/zh-") && path(Lang::En).ends_with(&format!("{ID}.txt")));
    }
}
