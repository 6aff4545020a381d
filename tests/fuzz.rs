//! Generated inputs against the two doors into the app's state: a parameter field
//! (`ParamSpec::parse`, `ParamSpec::check`) and a link (`UrlState::decode`). Whatever comes in,
//! nothing panics, every accepted value is inside its declared range and unit, and every state
//! the page can hold survives a trip through its URL.
//!
//! A small seeded generator instead of a crate: the cases are reproducible (`FUZZ_SEED=n` picks
//! another run) and cost no dependency. The fuzzing tests print how many cases they generated.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};

use coroutine_playground::lesson::i18n::Lang;
use coroutine_playground::lesson::params::{format_number, ParamError, ParamSpec, Unit, SPEED};
use coroutine_playground::lesson::Scenario;
use coroutine_playground::model::url::UrlState;
use coroutine_playground::scenarios::{self, CATALOGUE};

/// SplitMix64: tiny, fast, and good enough to spread cases over the input space.
struct Rng(u64);

impl Rng {
    fn new(salt: u64) -> Rng {
        let seed = std::env::var("FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5eed_c0de);
        Rng(seed ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Uniform in `[low, high]`.
    fn between(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Written straight to stderr: libtest captures `println!`, and the counts are the point.
fn report(line: &str) {
    let _ = writeln!(std::io::stderr(), "fuzz: {line}");
}

/// Runs `f`, turning a panic into a failure that names the input.
fn no_panic<T>(what: &str, input: &str, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| panic!("{what} panicked on {input:?}"))
}

const NON_FINITE: &[&str] = &[
    "nan",
    "NaN",
    "NAN",
    "-nan",
    "+NaN",
    "inf",
    "INF",
    "+inf",
    "-inf",
    "Inf",
    "infinity",
    "Infinity",
    "-Infinity",
    "+INFINITY",
    "1e309",
    "-1e309",
    "1e400",
    "1E99999",
    "nan(0x1)",
    "∞",
    "-∞",
    "1.#INF",
    "1.#QNAN",
];
const ODD_SPELLINGS: &[&str] = &[
    "",
    " ",
    "-0",
    "+0",
    "-0.0",
    "0e0",
    ".5",
    "5.",
    "+.5e1",
    "1e-400",
    "4.9e-324",
    "1e",
    "e1",
    "--1",
    "+-1",
    "1..2",
    "1.2.3",
    "0x10",
    "0b1",
    "1_000",
    "1,5",
    "1 000",
    "١٢",
    "１２",
    "½",
    "๓",
    "1\u{a0}",
    "\u{3000}2\u{3000}",
    "\t3\n",
    "99999999999999999999999999999999",
    "18446744073709551616",
    "1e308",
    "1.7976931348623157e308",
    "%31",
    "1&2",
    "1=2",
    "😀",
    "é",
    "\u{0}",
    "\u{200b}1",
    "1\u{fe0f}",
];
const GARBAGE_CHARS: &[&str] = &[
    "0",
    "1",
    "5",
    "9",
    ".",
    "e",
    "E",
    "+",
    "-",
    " ",
    "\t",
    "x",
    ",",
    "_",
    "%",
    "&",
    "=",
    "#",
    "?",
    "/",
    "\u{a0}",
    "١",
    "１",
    "é",
    "😀",
    "中",
    "\u{0}",
    "\u{ffff}",
    "%2",
    "%ZZ",
    "%e4%b8%ad",
    "%FF",
    "%C3",
    "+",
];

/// A number spelt the way a person or a link might, plainly (digits, one sign, one dot, an
/// exponent): what Rust's own float parser reads is the truth for these.
fn plain_number(rng: &mut Rng, spec: &ParamSpec) -> String {
    let span = (spec.max - spec.min).max(1.0);
    let value = match rng.below(6) {
        0 => spec.min,
        1 => spec.max,
        2 => rng.between(spec.min - span, spec.max + span),
        3 => (rng.between(spec.min, spec.max) / spec.step).round() * spec.step,
        // The floats right next to the bounds.
        4 => f64::from_bits(spec.max.to_bits() + 1),
        _ => rng.between(0.0, 1.0) * 10f64.powi(rng.below(40) as i32 - 10),
    };
    let text = match rng.below(5) {
        0 => format_number(value),
        1 => format!("{value:.*}", rng.below(6)),
        2 => format!("{value:e}"),
        3 => format!("{value:?}"),
        _ => format!("{}", value.round() as i64),
    };
    let signed = if rng.chance(10) && !text.starts_with('-') { format!("+{text}") } else { text };
    if rng.chance(15) {
        format!(" {signed}\t")
    } else {
        signed
    }
}

/// Anything at all: odd spellings, non-finite ones, garbage, and pieces of each glued together.
fn any_text(rng: &mut Rng, spec: &ParamSpec) -> String {
    match rng.below(5) {
        0 => plain_number(rng, spec),
        1 => rng.pick(NON_FINITE).to_string(),
        2 => rng.pick(ODD_SPELLINGS).to_string(),
        3 => (0..rng.below(12)).map(|_| *rng.pick(GARBAGE_CHARS)).collect(),
        _ => format!("{}{}", plain_number(rng, spec), rng.pick(ODD_SPELLINGS)),
    }
}

/// What the field promises about an accepted value.
fn assert_acceptable(spec: &ParamSpec, value: f64, input: &str) {
    let name = spec.name;
    assert!(value.is_finite(), "{name}: {input:?} gave {value}");
    assert!(
        value >= spec.min && value <= spec.max,
        "{name}: {input:?} gave {value}, outside {}–{}",
        spec.min,
        spec.max
    );
    assert!(value.is_sign_positive(), "{name}: {input:?} gave a negative zero");
    if spec.unit == Unit::Count {
        assert_eq!(value.fract(), 0.0, "{name}: {input:?} gave {value}, not a whole number");
    }
    // The URL and the field show the value with `format_number`: that must read back the same.
    assert_eq!(spec.parse(&format_number(value)), Ok(value), "{name}: {value} does not read back");
}

fn all_specs() -> Vec<(&'static str, &'static ParamSpec)> {
    CATALOGUE.iter().flat_map(|s| s.params.iter().map(move |p| (s.id, p))).collect()
}

#[test]
fn parse_accepts_only_values_in_range_and_unit() {
    const PER_SPEC: usize = 3_000;
    let specs = all_specs();
    let mut rng = Rng::new(1);
    let (mut cases, mut accepted) = (0, 0);
    for (scenario, spec) in &specs {
        for _ in 0..PER_SPEC {
            let plain = rng.chance(40);
            let raw = if plain { plain_number(&mut rng, spec) } else { any_text(&mut rng, spec) };
            let result = no_panic("parse", &raw, || spec.parse(&raw));
            cases += 1;
            if plain {
                // A plain decimal is refused only for what it is, never for how it is spelt.
                let value: f64 = raw.trim().parse().expect("plain numbers parse");
                assert_eq!(result, spec.check(value), "{scenario}.{}: {raw:?}", spec.name);
            }
            if let Ok(value) = result {
                accepted += 1;
                assert_acceptable(spec, value, &raw);
            }
        }
    }
    // The speed, read as a fraction-friendly count.
    let speed = ParamSpec { unit: Unit::Seconds, ..SPEED };
    for _ in 0..PER_SPEC * 4 {
        let raw = any_text(&mut rng, &speed);
        cases += 1;
        if let Ok(value) = no_panic("parse_speed", &raw, || ParamSpec::parse_speed(&raw)) {
            accepted += 1;
            assert_acceptable(&speed, value, &raw);
        }
    }
    report(&format!(
        "parse: {cases} generated inputs over {} parameters and the speed, {accepted} accepted",
        specs.len()
    ));
    assert!(
        accepted > cases / 20 && accepted < cases * 9 / 10,
        "the generator should both hit and miss: {accepted} of {cases}"
    );
    let caps: Vec<String> = specs
        .iter()
        .filter(|(_, spec)| spec.unit == Unit::Count)
        .map(|(scenario, spec)| format!("{scenario}.{} ≤ {}", spec.name, spec.max))
        .collect();
    report(&format!("count caps: {}", caps.join(", ")));
}

#[test]
fn check_refuses_exactly_what_breaks_a_rule() {
    const PER_SPEC: usize = 2_000;
    let specs = all_specs();
    let mut rng = Rng::new(2);
    let mut cases = 0;
    for (scenario, spec) in &specs {
        let near = [spec.min, spec.max, spec.default, 0.0, -0.0, spec.max + spec.step, spec.min - spec.step];
        for i in 0..PER_SPEC {
            let value = match i % 4 {
                0 => f64::from_bits(rng.next()),
                1 => *rng.pick(&near),
                2 => f64::from_bits(rng.pick(&near).to_bits().wrapping_add(rng.below(5) as u64).wrapping_sub(2)),
                _ => rng.between(spec.min - 2.0, spec.max + 2.0),
            };
            cases += 1;
            let result = no_panic("check", &value.to_string(), || spec.check(value));
            let allowed = value.is_finite()
                && value >= spec.min
                && value <= spec.max
                && !(spec.unit == Unit::Count && value.fract() != 0.0);
            match result {
                Ok(accepted) => {
                    assert!(allowed, "{scenario}.{}: accepted {value:?}", spec.name);
                    assert_eq!(accepted, value, "{scenario}.{}: changed {value:?}", spec.name);
                    assert_acceptable(spec, accepted, &value.to_string());
                }
                Err(error) => assert!(!allowed, "{scenario}.{}: refused {value:?} as {error:?}", spec.name),
            }
        }
    }
    report(&format!("check: {cases} generated numbers over {} parameters", specs.len()));
}

// --- links ---

/// Keys a link may carry: ours today, the ones being added (theme, embed, autorun, variant), every
/// scenario's parameter names (most of them foreign to any one scenario) and made-up ones.
fn known_keys() -> Vec<&'static str> {
    let mut keys = vec!["s", "speed", "lang", "theme", "embed", "autorun", "variant", "debug", "S", "lang "];
    keys.extend(all_specs().iter().map(|(_, spec)| spec.name));
    keys
}

fn value_for(rng: &mut Rng, key: &str) -> String {
    let ids: Vec<&str> = CATALOGUE.iter().map(|s| s.id).collect();
    let variants: Vec<&str> = CATALOGUE.iter().flat_map(|s| s.variants.iter().map(|v| v.name)).collect();
    let spec = all_specs().into_iter().map(|(_, spec)| spec).find(|spec| spec.name == key).unwrap_or(&SPEED);
    match (key, rng.below(4)) {
        (_, 0) => any_text(rng, spec),
        ("s", _) => {
            if rng.chance(80) {
                rng.pick(&ids).to_string()
            } else {
                rng.pick(&ids).to_uppercase()
            }
        }
        ("lang", _) => rng.pick(&["zh", "en", "fr", "EN", "zh-CN", ""]).to_string(),
        ("theme", _) => rng.pick(&["light", "dark", "auto", "system", "1"]).to_string(),
        ("embed" | "autorun", _) => rng.pick(&["1", "0", "true", "false", "yes", ""]).to_string(),
        ("variant", _) => rng.pick(&variants).to_string(),
        _ => plain_number(rng, spec),
    }
}

/// Percent-encodes so that the decoded text is exactly `text`, choosing at random among the
/// spellings a browser or a person might use (literal, `%xx` in either case, `+` for space).
fn encode_loosely(rng: &mut Rng, text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        // `?` too: a leading one would be taken for the query's own.
        let must_escape = matches!(c, '&' | '=' | '%' | '+' | '#' | '?');
        match c {
            ' ' if rng.chance(50) => out.push('+'),
            _ if must_escape || c == ' ' || rng.chance(30) => {
                let mut buffer = [0u8; 4];
                for byte in c.encode_utf8(&mut buffer).bytes() {
                    out.push_str(&if rng.chance(50) { format!("%{byte:02X}") } else { format!("%{byte:02x}") });
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// A query whose decoded pairs are known, so the result can be held to them.
fn structured_query(rng: &mut Rng, keys: &[&'static str]) -> (String, Vec<(String, String)>) {
    let pairs: Vec<(String, String)> = (0..rng.below(9))
        .map(|_| {
            let key = if rng.chance(90) {
                rng.pick(keys).to_string()
            } else {
                (0..rng.below(4)).map(|_| *rng.pick(GARBAGE_CHARS)).collect()
            };
            let value = value_for(rng, &key);
            (key, value)
        })
        .collect();
    let prefix = *rng.pick(&["", "", "?", "??"]);
    let body: Vec<String> =
        pairs.iter().map(|(k, v)| format!("{}={}", encode_loosely(rng, k), encode_loosely(rng, v))).collect();
    let joiner = if rng.chance(10) { "&&" } else { "&" };
    (format!("{prefix}{}", body.join(joiner)), pairs)
}

/// A link the page itself could have made, spelt loosely: each key once, every value good.
fn good_query(rng: &mut Rng) -> (String, UrlState) {
    let scenario = *rng.pick(CATALOGUE);
    let mut expected = UrlState::for_scenario(scenario);
    let mut pairs = vec![("s".to_owned(), scenario.id.to_owned())];
    for spec in scenario.params {
        if rng.chance(40) {
            continue;
        }
        let raw =
            std::iter::repeat_with(|| plain_number(rng, spec)).find(|raw| spec.parse(raw).is_ok()).expect("endless");
        expected.params.set(spec.name, spec.parse(&raw).expect("found above"));
        pairs.push((spec.name.to_owned(), raw));
    }
    if rng.chance(50) {
        let raw = std::iter::repeat_with(|| plain_number(rng, &SPEED))
            .find(|raw| ParamSpec::parse_speed(raw).is_ok())
            .expect("endless");
        expected.speed = ParamSpec::parse_speed(&raw).expect("found above");
        pairs.push(("speed".to_owned(), raw));
    }
    if let Some(lang) = *rng.pick(&[None, Some(Lang::Zh), Some(Lang::En)]) {
        expected.lang = Some(lang);
        pairs.push(("lang".to_owned(), lang.code().to_owned()));
    }
    // The order of the pairs is nobody's business.
    for i in (1..pairs.len()).rev() {
        pairs.swap(i, rng.below(i + 1));
    }
    let body: Vec<String> =
        pairs.iter().map(|(k, v)| format!("{}={}", encode_loosely(rng, k), encode_loosely(rng, v))).collect();
    (body.join("&"), expected)
}

/// Anything that might be pasted after a `?`.
fn garbage_query(rng: &mut Rng, keys: &[&'static str]) -> String {
    const PIECES: &[&str] = &[
        "&",
        "=",
        "==",
        "%",
        "%2",
        "%zz",
        "%25",
        "%C3%28",
        "%F0%9F%98%80",
        "%E4%B8",
        "+",
        "?",
        "#",
        ";",
        "\u{0}",
        "中文",
        "😀",
        "\u{202e}",
        "%00",
    ];
    (0..rng.below(16))
        .map(|_| match rng.below(4) {
            0 => rng.pick(PIECES).to_string(),
            1 => rng.pick(keys).to_string(),
            2 => rng.pick(GARBAGE_CHARS).to_string(),
            _ => {
                let key = *rng.pick(&["s", "speed", "n", "lang"]);
                value_for(rng, key)
            }
        })
        .collect()
}

/// The values a link gives for `key`.
fn given<'a>(pairs: &'a [(String, String)], key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    pairs.iter().filter(move |(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// What every decoded state promises, whatever the query was; returns the state's own link.
fn assert_sound(state: &UrlState, query: &str) -> String {
    for spec in state.scenario.params {
        let value = state.params.get(spec);
        assert_eq!(spec.check(value), Ok(value), "{query:?}: {} = {value}", spec.name);
        assert!(value.is_sign_positive(), "{query:?}: {} is a negative zero", spec.name);
    }
    let speed = ParamSpec { unit: Unit::Seconds, ..SPEED };
    assert_eq!(speed.check(state.speed), Ok(state.speed), "{query:?}: speed {}", state.speed);
    let link = state.encode();
    assert!(
        link.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%=&".contains(&b)),
        "{query:?} encodes as {link:?}, which is not URL-safe"
    );
    let (again, notices) = no_panic("decode", &link, || UrlState::decode(&link));
    assert!(notices.is_empty(), "{query:?}: its own link {link:?} gives notices {notices:?}");
    assert_eq!(&again, state, "{query:?}: its own link {link:?} decodes differently");
    assert_eq!(again.encode(), link, "{query:?}: encoding is not stable");
    link
}

#[test]
fn any_link_decodes_to_a_sound_state_that_round_trips() {
    const QUERIES: usize = 20_000;
    let keys = known_keys();
    let mut rng = Rng::new(3);
    let (mut good, mut structured, mut garbage, mut with_notices) = (0, 0, 0, 0);
    for i in 0..QUERIES {
        if i % 4 == 3 {
            let (query, expected) = good_query(&mut rng);
            let (state, notices) = no_panic("decode", &query, || UrlState::decode(&query));
            assert!(notices.is_empty(), "{query:?}: {notices:?}");
            assert_eq!(state, expected, "{query:?}");
            assert_sound(&state, &query);
            good += 1;
            continue;
        }
        let (query, pairs) = if i % 4 == 2 {
            (garbage_query(&mut rng, &keys), None)
        } else {
            let (query, pairs) = structured_query(&mut rng, &keys);
            (query, Some(pairs))
        };
        let (state, notices) = no_panic("decode", &query, || UrlState::decode(&query));
        if !notices.is_empty() {
            with_notices += 1;
        }
        assert_sound(&state, &query);
        let Some(pairs) = pairs else {
            garbage += 1;
            continue;
        };
        structured += 1;
        // Each value comes from the link (as the field would read it) or is the default.
        let given = |key| given(&pairs, key);
        let named: Vec<&Scenario> = given("s").filter_map(scenarios::find).collect();
        assert!(
            std::ptr::eq(state.scenario, scenarios::default_scenario())
                || named.iter().any(|s| std::ptr::eq(*s, state.scenario)),
            "{query:?} opened {}",
            state.scenario.id
        );
        for spec in state.scenario.params {
            let value = state.params.get(spec);
            let from_link = given(spec.name).any(|raw| spec.parse(raw) == Ok(value));
            assert!(value == spec.default || from_link, "{query:?}: {} = {value} came from nowhere", spec.name);
        }
        let speed_from_link = given("speed").any(|raw| ParamSpec::parse_speed(raw) == Ok(state.speed));
        assert!(state.speed == state.scenario.default_speed || speed_from_link, "{query:?}: speed {}", state.speed);
        if let Some(lang) = state.lang {
            assert!(given("lang").any(|raw| Lang::from_code(raw) == Some(lang)), "{query:?}: lang {lang:?}");
        }
        if pairs.is_empty() {
            assert!(notices.is_empty(), "{query:?}: {notices:?}");
            assert_eq!(state, UrlState::for_scenario(scenarios::default_scenario()));
        }
    }
    report(&format!(
        "decode: {QUERIES} generated queries ({good} good links spelt loosely, {structured} mixing real and \
         foreign keys and values, {garbage} garbage; {with_notices} gave notices), each decoded state re-encoded \
         and decoded again"
    ));
}

#[test]
fn every_state_the_page_can_hold_round_trips() {
    const PER_SCENARIO: usize = 400;
    let mut rng = Rng::new(4);
    let mut cases = 0;
    for scenario in CATALOGUE {
        for _ in 0..PER_SCENARIO {
            let mut state = UrlState::for_scenario(scenario);
            for spec in scenario.params {
                let value = match rng.below(4) {
                    0 => *rng.pick(&[spec.min, spec.max, spec.default]),
                    1 => ((rng.between(spec.min, spec.max) / spec.step).round() * spec.step).clamp(spec.min, spec.max),
                    _ => rng.between(spec.min, spec.max),
                };
                let value = if spec.unit == Unit::Count { value.round().clamp(spec.min, spec.max) } else { value };
                state.params.set(spec.name, spec.check(value).expect("generated in range"));
            }
            state.speed = match rng.below(3) {
                0 => scenario.default_speed,
                1 => *rng.pick(&[SPEED.min, SPEED.max, 1.0, 20.0]),
                _ => rng.between(SPEED.min, SPEED.max),
            };
            state.lang = *rng.pick(&[None, Some(Lang::Zh), Some(Lang::En)]);
            cases += 1;
            assert_sound(&state, &format!("{state:?}"));
        }
    }
    report(&format!("round trip: {cases} generated states over {} scenarios", CATALOGUE.len()));
}

/// The error type is part of the contract the fields show; keep the generator honest about it.
#[test]
fn the_generator_reaches_every_refusal() {
    let spec = scenarios::find("many-tasks").and_then(|s| s.param("n")).expect("many-tasks has n");
    let mut rng = Rng::new(5);
    let mut seen: Vec<ParamError> = Vec::new();
    for _ in 0..5_000 {
        let raw = any_text(&mut rng, spec);
        if let Err(error) = spec.parse(&raw) {
            if !seen.iter().any(|e| std::mem::discriminant(e) == std::mem::discriminant(&error)) {
                seen.push(error);
            }
        }
    }
    assert_eq!(seen.len(), 7, "refusals reached: {seen:?}");
}
