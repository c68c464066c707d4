// Starts the standalone page. An external module rather than Trunk's inline
// loader, so the page runs under `script-src 'self' 'wasm-unsafe-eval'`.
const loader = document.querySelector('script[data-js][data-wasm]');
const app = await import(loader.dataset.js);
await app.default({ module_or_path: loader.dataset.wasm });
app.mountHostPage();
