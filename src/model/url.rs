//! A run is a URL: the scenario, its parameters, the speed and the language in the query string.
//!
//! Decoding never fails as a whole: each field is read on its own, a bad one falls back to its
//! default, and a notice says which and why. Encoding omits defaults so links stay short.

use super::i18n::Lang;
use super::params::{format_number, ParamError, ParamSpec, Params};
use crate::scenarios::{self, Scenario};

#[derive(Clone, PartialEq)]
pub struct UrlState {
    pub scenario: &'static Scenario,
    pub params: Params,
    pub speed: f64,
    /// `None`: follow the browser's language.
    pub lang: Option<Lang>,
}

impl std::fmt::Debug for UrlState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "UrlState({}, {:?}, speed {}, {:?})", self.scenario.id, self.params, self.speed, self.lang)
    }
}

impl PartialEq for Scenario {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

/// Why a value from the URL was not used.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    UnknownScenario(String),
    UnknownParam(String),
    BadValue { key: String, error: ParamError },
    UnknownLang(String),
}

impl Notice {
    pub fn message(&self, scenario: &Scenario, lang: Lang) -> String {
        match (self, lang) {
            (Notice::UnknownScenario(id), Lang::Zh) => format!("链接里的场景 “{id}” 不存在，已打开默认场景。"),
            (Notice::UnknownScenario(id), Lang::En) => format!("The link names a scenario “{id}” that does not exist; opened the default one."),
            (Notice::UnknownParam(key), Lang::Zh) => format!("链接里的参数 “{key}” 不属于这个场景，已忽略。"),
            (Notice::UnknownParam(key), Lang::En) => format!("The link's parameter “{key}” is not one of this scenario's; ignored."),
            (Notice::UnknownLang(code), Lang::Zh) => format!("链接里的语言 “{code}” 不支持（zh 或 en）。"),
            (Notice::UnknownLang(code), Lang::En) => format!("The link's language “{code}” is not supported (zh or en)."),
            (Notice::BadValue { key, error }, _) => {
                let spec = if key == "speed" { Some(&super::params::SPEED) } else { scenario.param(key) };
                let reason = spec.map_or_else(|| format!("{error:?}"), |s| s.message(error, lang));
                match lang {
                    Lang::Zh => format!("链接里的 {key} 无效，已用默认值。{reason}"),
                    Lang::En => format!("The link's {key} is invalid; using the default. {reason}"),
                }
            }
        }
    }
}

impl UrlState {
    pub fn for_scenario(scenario: &'static Scenario) -> UrlState {
        UrlState { scenario, params: Params::defaults(scenario.params), speed: scenario.default_speed, lang: None }
    }

    /// The query string (without `?`), defaults left out.
    pub fn encode(&self) -> String {
        let mut pairs = vec![("s".to_owned(), self.scenario.id.to_owned())];
        for spec in self.scenario.params {
            let value = self.params.get(spec);
            if value != spec.default {
                pairs.push((spec.name.to_owned(), format_number(value)));
            }
        }
        if self.speed != self.scenario.default_speed {
            pairs.push(("speed".to_owned(), format_number(self.speed)));
        }
        if let Some(lang) = self.lang {
            pairs.push(("lang".to_owned(), lang.code().to_owned()));
        }
        pairs.iter().map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v))).collect::<Vec<_>>().join("&")
    }

    /// Reads a query string (with or without `?`).
    pub fn decode(query: &str) -> (UrlState, Vec<Notice>) {
        let pairs: Vec<(String, String)> = query
            .trim_start_matches('?')
            .split('&')
            .filter(|part| !part.is_empty())
            .map(|part| {
                let (k, v) = part.split_once('=').unwrap_or((part, ""));
                (decode_component(k), decode_component(v))
            })
            .collect();
        let mut notices = Vec::new();
        let scenario = match pairs.iter().find(|(k, _)| k == "s") {
            None => scenarios::default_scenario(),
            Some((_, id)) => scenarios::find(id).unwrap_or_else(|| {
                notices.push(Notice::UnknownScenario(id.clone()));
                scenarios::default_scenario()
            }),
        };
        let mut state = UrlState::for_scenario(scenario);
        for (key, value) in &pairs {
            match key.as_str() {
                "s" => {}
                "speed" => match ParamSpec::parse_speed(value) {
                    Ok(speed) => state.speed = speed,
                    Err(error) => notices.push(Notice::BadValue { key: key.clone(), error }),
                },
                "lang" => match Lang::from_code(value) {
                    Some(lang) => state.lang = Some(lang),
                    None => notices.push(Notice::UnknownLang(value.clone())),
                },
                _ => match scenario.param(key) {
                    Some(spec) => match spec.parse(value) {
                        Ok(v) => state.params.set(spec.name, v),
                        Err(error) => notices.push(Notice::BadValue { key: key.clone(), error }),
                    },
                    None => notices.push(Notice::UnknownParam(key.clone())),
                },
            }
        }
        (state, notices)
    }
}

fn encode_component(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Percent-decoding that never fails: broken escapes are kept as typed.
fn decode_component(text: &str) -> String {
    fn hex(byte: u8) -> Option<u8> {
        (byte as char).to_digit(16).map(|d| d as u8)
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes[i] {
            b'%' if i + 2 < bytes.len() => hex(bytes[i + 1]).zip(hex(bytes[i + 2])),
            _ => None,
        };
        match (bytes[i], escaped) {
            (_, Some((high, low))) => {
                out.push(high * 16 + low);
                i += 3;
            }
            (b'+', None) => {
                out.push(b' ');
                i += 1;
            }
            (other, None) => {
                out.push(other);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(query: &str, expected_encoding: &str, expected_notices: &[Notice]) {
        let (state, notices) = UrlState::decode(query);
        assert_eq!(notices, expected_notices, "notices for {query:?}");
        assert_eq!(state.encode(), expected_encoding, "re-encoding of {query:?}");
    }

    #[test]
    fn decodes_good_links_and_keeps_them_short() {
        check("", "s=say-after", &[]);
        check("?s=say-after", "s=say-after", &[]);
        check("s=say-after&hello_delay=1", "s=say-after", &[]);
        check("s=say-after&hello_delay=0.5&speed=20&lang=en", "s=say-after&hello_delay=0.5&speed=20&lang=en", &[]);
        check("s=say%2Dafter&world_delay=3", "s=say-after&world_delay=3", &[]);
    }

    #[test]
    fn a_bad_field_falls_back_alone_and_says_why() {
        check(
            "s=say-after&hello_delay=abc&world_delay=4",
            "s=say-after&world_delay=4",
            &[Notice::BadValue { key: "hello_delay".into(), error: ParamError::NotANumber }],
        );
        check("s=nope&speed=20", "s=say-after&speed=20", &[Notice::UnknownScenario("nope".into())]);
        check("s=say-after&colour=red", "s=say-after", &[Notice::UnknownParam("colour".into())]);
        check("lang=fr", "s=say-after", &[Notice::UnknownLang("fr".into())]);
        check(
            "speed=1e9&hello_delay=%ZZ&%",
            "s=say-after",
            &[
                Notice::BadValue { key: "speed".into(), error: ParamError::AboveMax(10_000.0) },
                Notice::BadValue { key: "hello_delay".into(), error: ParamError::NotANumber },
                Notice::UnknownParam("%".into()),
            ],
        );
    }

    #[test]
    fn every_scenario_round_trips_its_non_default_values() {
        for scenario in scenarios::CATALOGUE {
            let mut state = UrlState::for_scenario(scenario);
            for spec in scenario.params {
                state.params.set(spec.name, spec.max);
            }
            state.speed = 20.0;
            state.lang = Some(Lang::En);
            let (decoded, notices) = UrlState::decode(&state.encode());
            assert!(notices.is_empty(), "{}: {notices:?}", scenario.id);
            assert_eq!(decoded, state, "{}", scenario.id);
        }
    }

    #[test]
    fn notices_explain_themselves_in_both_languages() {
        let (state, notices) = UrlState::decode("hello_delay=-1");
        let en = notices[0].message(state.scenario, Lang::En);
        assert_eq!(en, "The link's hello_delay is invalid; using the default. hello's delay: cannot be negative (0–60)");
        let zh = notices[0].message(state.scenario, Lang::Zh);
        assert!(zh.contains("不能为负数"), "{zh}");
    }
}
