//! Coroutine Playground: Python asyncio lessons as live experiments on the browser's event loop.

pub mod aio;
pub mod model;
pub mod scenarios;
pub mod trace;

/// Mounts the app into the page.
pub fn start() {}
