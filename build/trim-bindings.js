// Release step (called by build/split.js): the main part's bindings, trimmed
// before wasm-opt runs, in the wasm and in wasm-bindgen's glue alike.
//
// - wasm-streams' stream classes go. Leptos turns on server_fn's `browser`
//   feature, which brings them, and wasm-bindgen exports them, so nothing
//   could drop their code; nothing here makes one (the admin reads event
//   streams with the browser's own reader). Without their exports wasm-opt
//   drops the code only they reached.
// - The exports wasm-bindgen makes for calling closures are named after
//   their full Rust types (up to 340 characters each, written in the wasm
//   and again in the glue); they get short names.
//
// Every edit is checked: if wasm-bindgen's output no longer has the shape
// looked for, the build fails here rather than ship glue that calls exports
// which are not there.
const fs = require('fs');

const UNUSED_EXPORT = /^(__wbg_)?intounderlying(bytesource|sink|source)_/;
const UNUSED_CLASSES = ['IntoUnderlyingByteSource', 'IntoUnderlyingSink', 'IntoUnderlyingSource'];
const CLOSURE_EXPORT = /^wasm_bindgen_[0-9a-f]+___convert__closures_/;

function fail(message) {
  console.error(`trim-bindings.js: ${message}; wasm-bindgen's output changed`);
  process.exit(1);
}

/// Trims `wasmFile` in place and returns `glue` to match.
function trimBindings(wasmFile, glue) {
  const renamed = new Map();
  let dropped = 0;
  editExports(wasmFile, (name) => {
    if (UNUSED_EXPORT.test(name)) {
      dropped += 1;
      return null;
    }
    if (CLOSURE_EXPORT.test(name)) {
      const short = `__c${renamed.size}`;
      renamed.set(name, short);
      return short;
    }
    return name;
  });
  if (!dropped) fail(`no export matches ${UNUSED_EXPORT}`);
  if (!renamed.size) fail(`no export matches ${CLOSURE_EXPORT}`);
  for (const [long, short] of renamed) {
    const uses = glue.split(`wasm.${long}(`).length - 1;
    if (uses !== 1) fail(`the glue calls ${long} ${uses} times, not once`);
    glue = glue.replace(`wasm.${long}(`, `wasm.${short}(`);
  }
  return dropClasses(glue, UNUSED_CLASSES);
}

/// Rewrites the export section: `edit(name)` gives the new name, or null to
/// drop the export.
function editExports(file, edit) {
  const bytes = fs.readFileSync(file);
  const leb = (at) => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return [value, at];
  };
  const encode = (value) => {
    const out = [];
    do {
      let byte = value & 0x7f;
      value = Math.floor(value / 128);
      if (value) byte |= 0x80;
      out.push(byte);
    } while (value);
    return Buffer.from(out);
  };
  let at = 8;
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at++];
    const [size, body] = leb(at);
    const end = body + size;
    if (id === 7) {
      let [count, cursor] = leb(body);
      const kept = [];
      while (count--) {
        const [nameLength, nameStart] = leb(cursor);
        const name = bytes.subarray(nameStart, nameStart + nameLength).toString();
        const described = nameStart + nameLength;
        [, cursor] = leb(described + 1); // the kind byte, then the index
        const newName = edit(name);
        if (newName !== null) {
          const encoded = Buffer.from(newName);
          kept.push(encode(encoded.length), encoded, bytes.subarray(described, cursor));
        }
      }
      const entries = kept.length / 3;
      const section = Buffer.concat([encode(entries), ...kept]);
      fs.writeFileSync(file, Buffer.concat([
        bytes.subarray(0, start), Buffer.from([7]), encode(section.length), section, bytes.subarray(end),
      ]));
      return;
    }
    at = end;
  }
  fail('the wasm has no export section');
}

/// The glue without `classes`: each class, its dispose hook and its
/// finalization registry, in the shapes wasm-bindgen writes them.
function dropClasses(glue, classes) {
  for (const name of classes) {
    for (const shape of [
      new RegExp(`^export class ${name} \\{\\n[\\s\\S]*?^\\}\\n`, 'm'),
      new RegExp(`^if \\(Symbol\\.dispose\\) ${name}\\.prototype.*\\n`, 'm'),
      new RegExp(`^const ${name}Finalization = [^;]*;\\n`, 'm'),
    ]) {
      if (!shape.test(glue)) fail(`${name} is not in the glue as ${shape}`);
      glue = glue.replace(shape, '');
    }
    if (glue.includes(name)) fail(`the glue still uses ${name} after its class was dropped`);
  }
  return glue;
}

module.exports = { trimBindings };
