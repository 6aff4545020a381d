// Starts the thread worker: trunk builds it as a no-modules wasm-bindgen bundle.
importScripts('./thread-worker.js');
wasm_bindgen('./thread-worker_bg.wasm');
