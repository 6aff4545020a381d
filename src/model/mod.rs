//! What the page is made of, built from the catalogue: the URL state, the embed API's messages,
//! the timeline's geometry (and the timeline as an SVG file), where tasks are at an instant, the
//! sleeps a drag can change, projector mode's shortcuts, the words of the interface in both
//! languages. Plain Rust: nothing here touches the browser.

pub mod announce;
pub mod await_graph;
pub mod compare;
pub mod cpython;
pub mod drag;
pub mod embed_api;
pub mod export;
pub mod freeze;
pub mod inspector;
pub mod mistakes;
pub mod own_values;
pub mod positions;
pub mod predict;
pub mod python_lines;
pub mod real_io;
pub mod shortcuts;
pub mod timeline;
pub mod timeline_svg;
pub mod ui_text;
pub mod url;
