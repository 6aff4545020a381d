//! A run is a URL: the scenario, its parameters, the speed, the language, the theme, the variant
//! shown, the embed flags and projector mode, all in the query string.
//!
//! Decoding never fails as a whole: each field is read on its own, a bad one falls back to its
//! default, and a notice says which and why. Encoding omits defaults so links stay short.

use super::ui_text::UI;
use crate::lesson::i18n::{Lang, Text};
use crate::lesson::params::{format_number, ParamError, ParamSpec, Params, SPEED};
use crate::lesson::{Scenario, Variant};
use crate::scenarios;

/// A colour theme forced by the link or the toggle; without one the page follows the system.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn code(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_code(code: &str) -> Option<Theme> {
        match code {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }
}

#[derive(Clone, PartialEq)]
pub struct UrlState {
    pub scenario: &'static Scenario,
    pub params: Params,
    pub speed: f64,
    /// `None`: follow the browser's language.
    pub lang: Option<Lang>,
    /// `None`: follow the system's colour scheme.
    pub theme: Option<Theme>,
    /// Show (and run) this variant alone; `None`: all of the scenario's variants.
    pub variant: Option<&'static Variant>,
    /// The compact view for an `<iframe>` in a tutorial.
    pub embed: bool,
    /// Press Run as soon as the page is ready.
    pub autorun: bool,
    /// Projector mode, for teaching: large type, the code beside the timeline, keyboard shortcuts.
    /// Asked for; an embed keeps its own layout ([`UrlState::projecting`]).
    pub projector: bool,
    /// Predict, then run: the learner orders the lines and guesses the times before a run
    /// (`model::predict`); the prediction stays hidden until then, and autorun waits for Run.
    pub predict: bool,
    /// The learner's own version of the lesson's Python, as the link carries it: the UTF-8 text
    /// raw-deflated and in base64url without padding (`web::code_link` packs and unpacks it).
    pub code: Option<String>,
    /// The loop inspector open at this turn (from 0) of the first variant shown.
    pub tick: Option<usize>,
}

/// The longest `code=` a link carries, in characters: a longer program is not put in a link.
pub const MAX_CODE_LEN: usize = 16 * 1024;

/// Whether `code` can be a link's `code=`: base64url without padding, and not too long.
pub fn check_code(code: &str) -> Result<(), Notice> {
    if code.len() > MAX_CODE_LEN {
        return Err(Notice::CodeTooLong(code.len()));
    }
    if code.is_empty() || !code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Err(Notice::CodeNotBase64url);
    }
    Ok(())
}

impl std::fmt::Debug for UrlState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "UrlState({}, {:?}, speed {}, {:?}, {:?}, variant {:?}, embed {}, autorun {}, projector {}, predict {}, code {:?}, tick {:?})",
            self.scenario.id,
            self.params,
            self.speed,
            self.lang,
            self.theme,
            self.variant.map(|v| v.name),
            self.embed,
            self.autorun,
            self.projector,
            self.predict,
            self.code.as_ref().map(String::len),
            self.tick
        )
    }
}

impl PartialEq for Scenario {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

/// Variants are told apart by name within their scenario.
impl PartialEq for Variant {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

/// Why a value from the URL was not used.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    UnknownScenario(String),
    UnknownParam(String),
    BadValue {
        key: String,
        error: ParamError,
    },
    UnknownLang(String),
    UnknownTheme(String),
    UnknownVariant(String),
    /// `embed`, `autorun` or `projector` with something other than `1` or `0`.
    BadFlag {
        key: String,
        value: String,
    },
    /// `code=` longer than a link may carry: its length.
    CodeTooLong(usize),
    /// `code=` that is not base64url.
    CodeNotBase64url,
    /// `code=` that did not unpack into text.
    CodeUnreadable,
    /// `tick=` that is not a turn number.
    BadTick(String),
}

impl Notice {
    pub fn message(&self, scenario: &Scenario, lang: Lang) -> String {
        let fill = |text: Text, values: &[(&str, &str)]| text.fill(lang, values);
        match self {
            Notice::UnknownScenario(id) => fill(UI.notice_unknown_scenario, &[("id", id)]),
            Notice::UnknownParam(key) => fill(UI.notice_unknown_param, &[("key", key)]),
            Notice::UnknownLang(code) => fill(UI.notice_unknown_lang, &[("value", code)]),
            Notice::UnknownTheme(code) => fill(UI.notice_unknown_theme, &[("value", code)]),
            Notice::UnknownVariant(name) => {
                let names = scenario.variants.iter().map(|v| v.name).collect::<Vec<_>>().join(", ");
                fill(UI.notice_unknown_variant, &[("value", name), ("names", &names)])
            }
            Notice::BadFlag { key, value } => fill(UI.notice_bad_flag, &[("key", key), ("value", value)]),
            Notice::BadTick(value) => fill(UI.notice_bad_tick, &[("value", value)]),
            Notice::CodeTooLong(len) => {
                fill(UI.notice_code_too_long, &[("kb", &format!("{:.1}", *len as f64 / 1024.0)), ("max", "16")])
            }
            Notice::CodeNotBase64url | Notice::CodeUnreadable => fill(UI.notice_code_unreadable, &[]),
            Notice::BadValue { key, error } => {
                let spec = if key == "speed" { Some(&SPEED) } else { scenario.param(key) };
                let reason = spec.map_or_else(|| format!("{error:?}"), |s| s.message(error, lang));
                fill(UI.notice_bad_value, &[("key", key), ("reason", &reason)])
            }
        }
    }
}

impl UrlState {
    /// Whether the page is in projector mode: asked for, and not an embed.
    pub fn projecting(&self) -> bool {
        self.projector && !self.embed
    }

    pub fn for_scenario(scenario: &'static Scenario) -> UrlState {
        UrlState {
            scenario,
            params: Params::defaults(scenario.params),
            speed: scenario.default_speed,
            lang: None,
            theme: None,
            variant: None,
            embed: false,
            autorun: false,
            projector: false,
            predict: false,
            code: None,
            tick: None,
        }
    }

    /// The variants shown and run: the one the link names, or all of them.
    pub fn variants(&self) -> &'static [Variant] {
        match self.variant {
            Some(variant) => std::slice::from_ref(variant),
            None => self.scenario.variants,
        }
    }

    /// The query string (without `?`), defaults left out.
    pub fn encode(&self) -> String {
        let mut pairs = vec![("s", self.scenario.id.to_owned())];
        if let Some(variant) = self.variant {
            pairs.push(("variant", variant.name.to_owned()));
        }
        for spec in self.scenario.params {
            let value = self.params.get(spec);
            if value != spec.default {
                pairs.push((spec.name, format_number(value)));
            }
        }
        if self.speed != self.scenario.default_speed {
            pairs.push(("speed", format_number(self.speed)));
        }
        if let Some(lang) = self.lang {
            pairs.push(("lang", lang.code().to_owned()));
        }
        if let Some(theme) = self.theme {
            pairs.push(("theme", theme.code().to_owned()));
        }
        if self.embed {
            pairs.push(("embed", "1".to_owned()));
        }
        if self.autorun {
            pairs.push(("autorun", "1".to_owned()));
        }
        if self.projector {
            pairs.push(("projector", "1".to_owned()));
        }
        if self.predict {
            pairs.push(("predict", "1".to_owned()));
        }
        if let Some(code) = &self.code {
            pairs.push(("code", code.clone()));
        }
        if let Some(tick) = self.tick {
            pairs.push(("tick", tick.to_string()));
        }
        pairs
            .iter()
            .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
            .collect::<Vec<_>>()
            .join("&")
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
                "theme" => match Theme::from_code(value) {
                    Some(theme) => state.theme = Some(theme),
                    None => notices.push(Notice::UnknownTheme(value.clone())),
                },
                "tick" => match value.parse::<usize>() {
                    Ok(tick) => state.tick = Some(tick),
                    Err(_) => notices.push(Notice::BadTick(value.clone())),
                },
                "code" => match check_code(value) {
                    Ok(()) => state.code = Some(value.clone()),
                    Err(notice) => notices.push(notice),
                },
                "variant" => match scenario.variant(value) {
                    Some(variant) => state.variant = Some(variant),
                    None => notices.push(Notice::UnknownVariant(value.clone())),
                },
                "embed" | "autorun" | "projector" | "predict" => {
                    let flag = match value.as_str() {
                        "1" => true,
                        "0" => false,
                        _ => {
                            notices.push(Notice::BadFlag { key: key.clone(), value: value.clone() });
                            false
                        }
                    };
                    match key.as_str() {
                        "embed" => state.embed = flag,
                        "autorun" => state.autorun = flag,
                        "predict" => state.predict = flag,
                        _ => state.projector = flag,
                    }
                }
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
    fn code_travels_packed_and_a_link_refuses_what_it_cannot_carry() {
        check("s=say-after&code=y0zPyclXKM8vyklR5AIA", "s=say-after&code=y0zPyclXKM8vyklR5AIA", &[]);
        check("s=say-after&code=not%20base64", "s=say-after", &[Notice::CodeNotBase64url]);
        check("s=say-after&code=", "s=say-after", &[Notice::CodeNotBase64url]);
        let long = "A".repeat(MAX_CODE_LEN + 1);
        check(&format!("s=say-after&code={long}"), "s=say-after", &[Notice::CodeTooLong(MAX_CODE_LEN + 1)]);
        let longest = "A".repeat(MAX_CODE_LEN);
        assert_eq!(UrlState::decode(&format!("code={longest}")).0.code.as_deref(), Some(longest.as_str()));
        let message = Notice::CodeTooLong(20_480).message(scenarios::default_scenario(), Lang::En);
        assert!(message.contains("20.0 KB") && message.contains("16 KB"), "{message}");
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
            state.theme = Some(Theme::Dark);
            state.embed = true;
            state.autorun = true;
            state.projector = true;
            for variant in scenario.variants.iter().map(Some).chain([None]) {
                state.variant = variant;
                let (decoded, notices) = UrlState::decode(&state.encode());
                assert!(notices.is_empty(), "{}: {notices:?}", scenario.id);
                assert_eq!(decoded, state, "{}", scenario.id);
            }
            // And the other choices: the tutorial's values, Chinese, light, not embedded.
            let plain =
                UrlState { lang: Some(Lang::Zh), theme: Some(Theme::Light), ..UrlState::for_scenario(scenario) };
            let (decoded, notices) = UrlState::decode(&plain.encode());
            assert!(notices.is_empty(), "{}: {notices:?}", scenario.id);
            assert_eq!(decoded, plain, "{}", scenario.id);
            assert_eq!(plain.encode(), format!("s={}&lang=zh&theme=light", scenario.id), "defaults are left out");
        }
    }

    #[test]
    fn theme_variant_and_flags_are_read_and_checked() {
        check(
            "s=say-after&variant=create-task&theme=dark&embed=1&autorun=1",
            "s=say-after&variant=create-task&theme=dark&embed=1&autorun=1",
            &[],
        );
        check("s=say-after&embed=0&autorun=0&theme=light", "s=say-after&theme=light", &[]);
        check(
            "s=say-after&variant=parallel&theme=purple&embed=yes&autorun=",
            "s=say-after",
            &[
                Notice::UnknownVariant("parallel".into()),
                Notice::UnknownTheme("purple".into()),
                Notice::BadFlag { key: "embed".into(), value: "yes".into() },
                Notice::BadFlag { key: "autorun".into(), value: String::new() },
            ],
        );
        let (state, _) = UrlState::decode("s=say-after&variant=nope");
        assert_eq!(state.variants().len(), state.scenario.variants.len(), "an unknown variant shows them all");
        let (state, _) = UrlState::decode("s=say-after&variant=sequential");
        assert_eq!(state.variants().iter().map(|v| v.name).collect::<Vec<_>>(), ["sequential"]);
    }

    #[test]
    fn a_tick_opens_the_loop_inspector_at_a_turn() {
        check("s=say-after&variant=create-task&tick=2", "s=say-after&variant=create-task&tick=2", &[]);
        check("s=say-after&tick=0", "s=say-after&tick=0", &[]);
        for bad in ["-1", "two", "", "1.5"] {
            check(&format!("s=say-after&tick={bad}"), "s=say-after", &[Notice::BadTick(bad.into())]);
        }
    }

    #[test]
    fn predict_mode_is_a_flag_an_embed_can_carry() {
        check("s=say-after&predict=1", "s=say-after&predict=1", &[]);
        check("s=say-after&predict=0", "s=say-after", &[]);
        check("predict=1&embed=1&autorun=1", "s=say-after&embed=1&autorun=1&predict=1", &[]);
        check(
            "s=say-after&predict=yes",
            "s=say-after",
            &[Notice::BadFlag { key: "predict".into(), value: "yes".into() }],
        );
    }

    #[test]
    fn projector_mode_is_a_flag_left_out_when_off() {
        check("s=say-after&projector=1", "s=say-after&projector=1", &[]);
        let projecting = |query: &str| UrlState::decode(query).0.projecting();
        assert!(projecting("s=say-after&projector=1"));
        assert!(!projecting("s=say-after&projector=1&embed=1"), "an embed keeps its own layout");
        assert!(!projecting("s=say-after"));
        check("s=say-after&projector=0", "s=say-after", &[]);
        check("projector=1&theme=dark&lang=en", "s=say-after&lang=en&theme=dark&projector=1", &[]);
        check(
            "s=say-after&projector=on",
            "s=say-after",
            &[Notice::BadFlag { key: "projector".into(), value: "on".into() }],
        );
        check(
            "s=say-after&projector",
            "s=say-after",
            &[Notice::BadFlag { key: "projector".into(), value: String::new() }],
        );
        let (state, notices) = UrlState::decode("s=say-after&projector=yes");
        assert!(!state.projector);
        let message = notices[0].message(state.scenario, Lang::En);
        assert!(message.contains("projector") && message.contains("yes"), "{message}");
    }

    #[test]
    fn notices_explain_themselves_in_both_languages() {
        let (state, notices) = UrlState::decode("hello_delay=-1");
        let en = notices[0].message(state.scenario, Lang::En);
        assert_eq!(
            en,
            "The link's hello_delay is invalid; using the default. hello's delay: cannot be negative (0–60)"
        );
        let zh = notices[0].message(state.scenario, Lang::Zh);
        assert!(zh.contains("不能为负数"), "{zh}");
    }

    #[test]
    fn every_notice_names_the_value_in_both_languages() {
        let (state, notices) =
            UrlState::decode("s=say-after&variant=nope&theme=purple&embed=yes&lang=fr&colour=red&speed=0&tick=x7");
        assert_eq!(notices.len(), 7, "{notices:?}");
        for notice in &notices {
            for lang in [Lang::Zh, Lang::En] {
                let text = notice.message(state.scenario, lang);
                let named = ["nope", "purple", "yes", "fr", "colour", "speed", "x7"].iter().any(|v| text.contains(v));
                assert!(named && !text.contains('{'), "{lang:?}: {text}");
            }
        }
        let variant = notices[0].message(state.scenario, Lang::En);
        assert!(variant.contains("sequential, create-task"), "lists the scenario's variants: {variant}");
    }
}
