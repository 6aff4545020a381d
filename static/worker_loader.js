// Starts the thread worker (trunk builds it as a no-modules wasm-bindgen bundle). Jobs posted
// while the wasm is still loading are kept and handed to its handler once it is installed:
// a message that arrives before any handler is set would otherwise be lost. Once loaded, it
// says so: a run starts its clock only when its threads are ready, as CPython's are.
const early = [];
self.onmessage = (event) => early.push(event);
importScripts('./thread-worker.js');
wasm_bindgen({ module_or_path: './thread-worker_bg.wasm' }).then(() => {
  for (const event of early.splice(0)) self.onmessage(event);
  self.postMessage({ ready: true });
}, (error) => {
  // A wasm that did not load is thrown where the page hears it: the worker's error event,
  // which fails its job (and the wait for its load) instead of leaving the run waiting.
  setTimeout(() => {
    throw error;
  });
});
