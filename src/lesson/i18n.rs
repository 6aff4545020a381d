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

    /// The language for a browser language tag such as `zh-CN` or `en-GB`.
    pub fn from_browser(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// A piece of interface text in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Text {
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
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

/// Shorthand for declaring a [`Text`]: `t!("中文", "English")`.
#[macro_export]
macro_rules! t {
    ($zh:expr, $en:expr) => {
        $crate::lesson::i18n::Text { zh: $zh, en: $en }
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
}
