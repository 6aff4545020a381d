//! Projector mode's keyboard shortcuts: which key does what, and the list `?` shows. The page
//! listens for them only in projector mode and never while a field or the editor has the keys
//! (`web::page::listen_shortcuts`): single keys that a screen reader or a learner typing could
//! press by accident stay off elsewhere.

use crate::lesson::i18n::Text;
use crate::model::ui_text::UI;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    Run,
    Stop,
    /// Replay: back to the previous instant where something happened.
    Back,
    /// Replay: on to the next instant where something happened.
    Forward,
    /// Predict mode on or off.
    Predict,
    /// Show or hide the list of shortcuts.
    Help,
    /// Hide the list.
    Close,
}

/// The shortcuts as the list shows them: the key, as printed on it, and what it does.
pub const SHORTCUTS: [(&str, Shortcut); 7] = [
    ("R", Shortcut::Run),
    ("S", Shortcut::Stop),
    ("←", Shortcut::Back),
    ("→", Shortcut::Forward),
    ("P", Shortcut::Predict),
    ("?", Shortcut::Help),
    ("Esc", Shortcut::Close),
];

impl Shortcut {
    /// The shortcut of a `KeyboardEvent.key`, if it is one.
    pub fn of_key(key: &str) -> Option<Shortcut> {
        Some(match key {
            "r" | "R" => Shortcut::Run,
            "s" | "S" => Shortcut::Stop,
            "ArrowLeft" => Shortcut::Back,
            "ArrowRight" => Shortcut::Forward,
            "p" | "P" => Shortcut::Predict,
            "?" => Shortcut::Help,
            "Escape" => Shortcut::Close,
            _ => return None,
        })
    }

    /// Whether holding the key down repeats it: stepping does, starting a run does not.
    pub fn repeats(self) -> bool {
        matches!(self, Shortcut::Back | Shortcut::Forward)
    }

    pub fn text(self) -> Text {
        match self {
            Shortcut::Run => UI.run,
            Shortcut::Stop => UI.stop,
            Shortcut::Back => UI.shortcut_back,
            Shortcut::Forward => UI.shortcut_forward,
            Shortcut::Predict => UI.predict,
            Shortcut::Help => UI.shortcut_help,
            Shortcut::Close => UI.shortcut_close,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_listed_key_is_read_back_as_its_shortcut() {
        let keys = ["R", "S", "ArrowLeft", "ArrowRight", "P", "?", "Escape"];
        for ((_, shortcut), key) in SHORTCUTS.iter().zip(keys) {
            assert_eq!(Shortcut::of_key(key), Some(*shortcut), "{key}");
        }
        assert_eq!(Shortcut::of_key("r"), Some(Shortcut::Run), "with Caps Lock off");
        assert_eq!(Shortcut::of_key("p"), Some(Shortcut::Predict));
        for other in ["q", "Enter", " ", "ArrowUp", "", "Shift", "rr"] {
            assert_eq!(Shortcut::of_key(other), None, "{other:?}");
        }
        let repeating: Vec<_> = SHORTCUTS.iter().filter(|(_, s)| s.repeats()).map(|(key, _)| *key).collect();
        assert_eq!(repeating, ["←", "→"]);
    }
}
