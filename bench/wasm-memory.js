// Bytes of the admin's WebAssembly memory, after a full GC, read through
// DevTools so the app needs no global. WebAssembly memory never shrinks: the
// figure is a high-water mark, and retention shows as growth. Used by
// bench/ui.js and by the browser suite's memory tests.
//
// The memory is asked of the app's own JS glue (found among the page's
// resources; importing it again gives the same module): its `initSync` hands
// back the running instance's exports. DevTools' `Runtime.queryObjects`,
// which found every memory before, never answers on a page with the parts
// of the split bundle loaded (Chromium 156).
const MEMORY_OF_THE_GLUE = `(async () => {
  const glue = performance.getEntriesByType('resource')
    .map((entry) => entry.name)
    .find((url) => /\\/user-admin-[0-9a-f]+\\.js$/.test(new URL(url).pathname));
  if (!glue) throw new Error('no user-admin glue among the page resources');
  const module = await import(glue);
  return module.initSync(undefined).memory.buffer.byteLength;
})()`;

async function wasmMemoryBytes(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression: MEMORY_OF_THE_GLUE,
    awaitPromise: true,
    returnByValue: true,
  });
  if (exceptionDetails) throw new Error(`wasm memory: ${exceptionDetails.exception?.description || exceptionDetails.text}`);
  return result.value;
}

module.exports = { wasmMemoryBytes };
