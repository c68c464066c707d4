// Starts the standalone page. An external module rather than Trunk's inline
// loader, so the page runs under `script-src 'self' 'wasm-unsafe-eval'`.
const loader = document.querySelector('script[data-js][data-wasm]');
const outline = document.querySelector('.ua-boot');
const failed = document.querySelector('.ua-boot-failed');
try {
  const app = await import(loader.dataset.js);
  await app.default({ module_or_path: loader.dataset.wasm });
  // The admin renders beside the outline; both change in one frame.
  app.mountHostPage();
  outline?.remove();
  failed?.remove();
} catch (error) {
  console.error('user-admin: the admin did not load', error);
  outline?.remove();
  if (failed) {
    failed.querySelector('button')?.addEventListener('click', () => window.location.reload());
    failed.hidden = false;
  }
}
