//! What a lesson is made of: a scenario with its variants, its parameters and their validation,
//! the words it says in both languages. The catalogue (`crate::scenarios`) is written in these
//! terms; the page's model (`crate::model`) is built from them.

pub mod i18n;
pub mod number;
pub mod params;
pub mod words;
mod words_key;

use self::i18n::{Lang, Text};
use self::params::{ParamSpec, Params};
use crate::aio::Program;

/// Source text the page shows: compiled in natively, where the tests run it; in the page only
/// its name, and the code view fetches the file when it is shown, which keeps the text of every
/// scenario out of the first load.
#[derive(Clone, Copy, Debug)]
pub struct Source {
    /// The file's path as the site serves it: `scenarios/say_after.rs`, `py/say-after/gather.py`.
    pub path: &'static str,
    #[cfg(not(target_arch = "wasm32"))]
    pub text: &'static str,
}

impl Source {
    /// The path inside its lesson's folder (`aiohttp/__init__.py` of
    /// `py/aiohttp-fetch/aiohttp/__init__.py`): where a stand-in lies beside the programs.
    pub fn in_folder(&self) -> &'static str {
        self.path.splitn(3, '/').nth(2).unwrap_or(self.path)
    }

    /// The file's name without its folder: how a Rust wait site names its file.
    pub fn file_name(&self) -> &'static str {
        self.path.rsplit('/').next().unwrap_or(self.path)
    }
}

/// A text the site serves in each language, fetched when shown (a scenario's notice): kept out
/// of the first load, where it would weigh as much as all of them.
#[derive(Clone, Copy, Debug)]
pub struct Localized {
    pub zh: Source,
    pub en: Source,
}

impl Localized {
    pub fn get(&self, lang: Lang) -> Source {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// The lesson groups of the picker, in the order of the tutorials.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Topic {
    Basics,
    TasksAndGather,
    WaitingAndTimeouts,
    Queues,
    GeneratorsAndIterators,
    ContextManagers,
    CallbacksAndLoop,
    BlockingAndThreads,
    RealIo,
}

/// Where a parameter's value stands in a variant's Python as the article wrote it: the literal
/// `text` inside `line`, which stands once in the program (`Literal { param: "hello_delay", line:
/// "say_after(1, 'hello')", text: "1" }`). The page shows the value in force there, and CI runs that
/// text on CPython.
#[derive(Clone, Copy, Debug)]
pub struct Literal {
    pub param: &'static str,
    pub line: &'static str,
    pub text: &'static str,
}

/// One way of writing the demo, shown as a column beside the others.
pub struct Variant {
    /// Part of the URL and the embed API.
    pub name: &'static str,
    pub label: Text,
    /// This variant's Python program: what the page shows and CI runs on CPython.
    pub python: Source,
    /// Where the parameters stand in it as literals. A parameter with none is set through a
    /// module constant of its name (`HELLO_DELAY = 1`), in the programs that are ours.
    pub literals: &'static [Literal],
    /// The program is ours, not one of the article's blocks: derived from its words (marked in the
    /// code with the words it comes from), or a lesson the article tells only in prose. The page
    /// says so beside the variant's name.
    pub ours: bool,
}

/// A variant's program in Rust, on the `aio` vocabulary.
pub type ProgramFn = fn(&Params) -> Program;

/// A scenario's programs, one per variant in the order of its `variants`
/// (`scenarios::<lesson>::PROGRAMS`), apart from the catalogue: `Variant::program` finds them.
pub type Programs = &'static [ProgramFn];

pub struct Scenario {
    /// Part of the URL and the embed API.
    pub id: &'static str,
    pub topic: Topic,
    pub title: Text,
    /// What to notice when it runs (`static/notices/<id>.<lang>.txt`).
    pub notice: Localized,
    /// The tutorial lesson it comes from.
    pub lesson: Text,
    pub params: &'static [ParamSpec],
    pub variants: &'static [Variant],
    /// Speed at which the tutorial's delays make a pleasant run.
    pub default_speed: f64,
    /// The scenario's own source file, shown as its Rust.
    pub rust_source: Source,
    /// Python modules beside the programs, standing in for packages a browser cannot install or
    /// a network CI does not have (`py/aiohttp-fetch/aiohttp/__init__.py`): `import aiohttp`
    /// finds them first, on CPython as in the page. A parameter that is no literal of the
    /// article's stands in them as a module constant of its name (`GITHUB_LATENCY = 1`).
    pub stand_ins: &'static [Source],
}

impl Scenario {
    pub fn param(&self, name: &str) -> Option<&'static ParamSpec> {
        self.params.iter().find(|p| p.name == name)
    }

    pub fn variant(&self, name: &str) -> Option<&'static Variant> {
        self.variants.iter().find(|v| v.name == name)
    }
}
