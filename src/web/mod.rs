//! The browser shell: the one place that touches the page's event loop (timers, `performance.now`,
//! `spawn_local`) and the page itself (URL, language).

pub mod clock;
pub mod highlight;
pub mod page;
pub mod run;
pub mod sources;
pub mod worker;
