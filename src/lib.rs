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
/// `loaders` bring in what a first load does not draw (`web::parts`): the parts of the page, and
/// each lesson's programs, the linked lesson's before the page is first drawn.
pub fn start(loaders: web::parts::Loaders) {
    web::parts::set_loaders(loaders);
    web::panic::install();
    wasm_bindgen_futures::spawn_local(async {
        // The link the page opened with, read once for what comes before the first drawing.
        let (url, _) = model::url::UrlState::decode(&web::page::location_search());
        // What the stylesheet reads on <html> (the theme, projector mode's larger type, the
        // language's fonts), set before the first drawing: set by the state's effects, after it,
        // projector mode was first painted at the ordinary size and then all moved (a layout
        // shift of 0.44 at 1920 px). The effects keep them in step from then on.
        web::page::set_theme(url.theme);
        web::page::set_projector(url.projecting());
        web::page::set_document_lang(url.lang.unwrap_or_else(web::page::browser_lang));
        let ((), lesson, words) =
            futures::join!(web::page::notice_first(&url), web::page::lesson_first(&url), web::page::words_first(&url));
        if !(lesson && words) {
            web::page::show_load_failed(&url);
            return;
        }
        yew::Renderer::<app::App>::new().render();
        #[cfg(any(debug_assertions, feature = "debug-panic"))]
        web::panic::debug::arm();
    });
}
