//! The browser shell: the one place that touches the page's event loop (timers, `performance.now`,
//! `spawn_local`) and the page itself (URL, language, theme, the embed API, the panic panel).

pub mod clock;
pub mod code_link;
pub mod cpython;
pub mod editor;
pub mod embed;
pub mod highlight;
pub mod hooks;
pub mod io;
pub mod page;
pub mod panic;
pub mod parts;
pub mod run;
pub mod sources;
pub mod words;
pub mod worker;
