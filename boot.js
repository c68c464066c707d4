// Starts the WebAssembly app. An external module rather than Trunk's inline
// loader, so the page runs under `script-src 'self' 'wasm-unsafe-eval'`.
const loader = document.querySelector('script[data-js][data-wasm]');
const { default: init } = await import(loader.dataset.js);
await init({ module_or_path: loader.dataset.wasm });
