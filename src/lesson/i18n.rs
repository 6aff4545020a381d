//! The page's two languages.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The page's other language: what its language button switches to.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The language for a browser language tag such as `zh-CN` or `en-GB`.
    pub fn from_browser(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// A piece of interface text in both languages: its index in the words files (`lesson::words`),
/// written `t!("中文", "English")`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Text(u16);

impl Text {
    #[doc(hidden)]
    pub const fn at(index: u16) -> Text {
        Text(index)
    }

    /// The text in `lang`; empty if the page has not got `lang`'s words (it fetches them before
    /// it draws in `lang`).
    pub fn get(self, lang: Lang) -> &'static str {
        self.try_get(lang).unwrap_or_default()
    }

    /// The text in `lang` if the page has `lang`'s words.
    pub fn try_get(self, lang: Lang) -> Option<&'static str> {
        super::words::word(lang, self.0)
    }

    /// Every text of the interface.
    #[cfg(test)]
    pub(crate) fn all() -> impl Iterator<Item = Text> {
        (0..super::words::count()).map(|index| Text(index as u16))
    }

    /// The text in `lang` with each `{name}` replaced by its value, in one pass: a value that
    /// itself contains `{…}` (it may come from a URL) is inserted as it is.
    pub fn fill(self, lang: Lang, values: &[(&str, &str)]) -> String {
        let mut out = String::new();
        let mut rest = self.get(lang);
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let known = after.find('}').and_then(|close| {
                values.iter().find(|(name, _)| *name == &after[..close]).map(|(_, value)| (*value, close))
            });
            match known {
                Some((value, close)) => {
                    out.push_str(value);
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// The `{name}` placeholders of one language's text, sorted: both languages must have the same.
    /// Braces around anything but a lower-case name (`{"type": …}`) are text, not placeholders.
    pub fn placeholders(self, lang: Lang) -> Vec<&'static str> {
        let is_name = |name: &str| !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
        let mut names: Vec<&'static str> = self
            .get(lang)
            .split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name))
            .filter(|name| is_name(name))
            .collect();
        names.sort_unstable();
        names
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.try_get(Lang::Zh), self.try_get(Lang::En)) {
            (Some(zh), Some(en)) => write!(f, "t!({zh:?}, {en:?})"),
            _ => write!(f, "Text({})", self.0),
        }
    }
}

/// Text in both languages that stays in the wasm: for what must show when the words could not be
/// fetched (the error panel, a lesson that did not load).
#[derive(Clone, Copy, Debug)]
pub struct Both {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Both {
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// Declares a [`Text`]: `t!("中文", "English")`, string literals only. build.rs writes both into
/// the words files; what the wasm keeps is the text's index there, found at compile time.
#[macro_export]
macro_rules! t {
    ($zh:literal, $en:literal $(,)?) => {
        $crate::lesson::i18n::Text::at(const { $crate::lesson::words::index_of($zh, $en) })
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_placeholders_once() {
        let text = crate::t!("“{id}” 不存在 {x} {名}", "“{id}” does not exist {x} {\"json\": 1}");
        assert_eq!(text.fill(Lang::En, &[("id", "{x}")]), "“{x}” does not exist {x} {\"json\": 1}");
        assert_eq!(text.fill(Lang::Zh, &[("id", "a"), ("x", "b")]), "“a” 不存在 b {名}");
        assert_eq!(text.placeholders(Lang::En), ["id", "x"]);
        assert_eq!(text.placeholders(Lang::Zh), ["id", "x"]);
    }

    /// Every `t!` of src/, not only the interface's table: a placeholder named in one language
    /// and not the other would be printed as it is, or its value lost.
    #[test]
    fn every_text_has_the_same_placeholders_in_both_languages() {
        let mut texts = 0;
        for text in Text::all() {
            assert_eq!(text.placeholders(Lang::Zh), text.placeholders(Lang::En), "{text:?}");
            texts += 1;
        }
        assert!(texts > 300, "the words files hold every text: {texts}");
    }
}
