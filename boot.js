// Starts the standalone page. An external module rather than Trunk's inline
// loader, so the page runs under `script-src 'self' 'wasm-unsafe-eval'`.
const loader = document.querySelector('script[data-js][data-wasm]');
const outline = document.querySelector('.ua-boot');
try {
  const app = await import(loader.dataset.js);
  await app.default({ module_or_path: loader.dataset.wasm });
  // The admin renders beside the outline; both change in one frame.
  app.mountHostPage();
  outline?.remove();
} catch (error) {
  // The admin's catalogue is in the code that did not load, so this one
  // message is written here, in the page's language (English).
  console.error('user-admin: the admin did not load', error);
  const element = (name, className, text) => {
    const made = document.createElement(name);
    if (className) made.className = className;
    if (text) made.textContent = text;
    return made;
  };
  const failed = element('main', 'ua-app ua-main');
  const alert = element('div');
  alert.setAttribute('role', 'alert');
  alert.append(
    element('h1', 'ua-page-title', 'The admin did not load'),
    element('p', '', 'Its code could not be downloaded. Check your connection and reload the page.'),
  );
  const reload = element('button', 'ua-button', 'Reload');
  reload.type = 'button';
  reload.addEventListener('click', () => window.location.reload());
  failed.append(alert, reload);
  if (outline) outline.replaceWith(failed);
  else document.body.append(failed);
}
