// Bytes of every WebAssembly memory of a page, after a full GC, found
// through DevTools so the app needs no global. WebAssembly memory never
// shrinks: the figure is a high-water mark, and retention shows as growth.
// Used by bench/ui.js and by the browser suite's memory test.
async function wasmMemoryBytes(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { result: prototype } = await cdp.send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
  const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: prototype.objectId });
  const { result } = await cdp.send('Runtime.callFunctionOn', {
    objectId: objects.objectId,
    functionDeclaration: 'function () { return this.reduce((sum, m) => sum + m.buffer.byteLength, 0); }',
    returnByValue: true,
  });
  return result.value;
}

module.exports = { wasmMemoryBytes };
