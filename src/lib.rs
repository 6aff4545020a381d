//! Coroutine Playground: Python asyncio lessons as live experiments on the browser's event loop.
//!
//! `aio`, `model`, `scenarios` and `trace` are the pure core (plain Rust, native tests); `state`
//! is the page's state and its pure reducer; `web` is the one place that touches the browser, and
//! `app` renders the state with Yew.

pub mod aio;
pub mod app;
pub mod lesson;
pub mod model;
pub mod scenarios;
pub mod state;
pub mod trace;
pub mod web;

/// Mounts the app into the page, with a panic hook that shows an error panel instead of a dead page.
/// `load` brings in the parts of the page a first load does not draw (`web::parts`).
pub fn start(load: web::parts::Load) {
    web::parts::set_load(load);
    web::panic::install();
    wasm_bindgen_futures::spawn_local(async {
        web::page::notice_first().await;
        yew::Renderer::<app::App>::new().render();
        #[cfg(any(debug_assertions, feature = "debug-panic"))]
        web::panic::debug::arm();
    });
}
