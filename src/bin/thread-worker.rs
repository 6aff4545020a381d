//! The Web Worker that runs `to_thread`'s jobs: a second instance of the playground's wasm.

fn main() {
    #[cfg(target_arch = "wasm32")]
    coroutine_playground::web::worker::run_worker();
}
