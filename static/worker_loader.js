// Starts the thread worker (trunk builds it as a no-modules wasm-bindgen bundle). Jobs posted
// while the wasm is still loading are kept and handed to its handler once it is installed:
// a message that arrives before any handler is set would otherwise be lost.
const early = [];
self.onmessage = (event) => early.push(event);
importScripts('./thread-worker.js');
wasm_bindgen({ module_or_path: './thread-worker_bg.wasm' }).then(() => {
  for (const event of early.splice(0)) self.onmessage(event);
});
