//! The playground's plain-Rust model: parameters, their validation, the URL state, the embed
//! API's messages and the words of the interface in both languages. Nothing here touches the
//! browser.

pub mod compare;
pub mod drag;
pub mod embed_api;
pub mod freeze;
pub mod i18n;
pub mod params;
pub mod positions;
pub mod pyrandom;
pub mod python_lines;
pub mod timeline;
pub mod ui_text;
pub mod url;
