// Release step: the split bundle. Trunk 0.21 runs wasm-bindgen on the whole
// wasm and has no stage before it, so this step starts again from cargo's
// output (linked with --emit-relocs, see build.rs) and replaces Trunk's
// JS glue and wasm in the staged bundle:
//
//   1. wasm-split-cli cuts the wasm at its #[wasm_split] points (src/lazy.rs):
//      the main part (shell, router, API client, resource layer, user list),
//      one part per screen or dialog, and chunks of code that several share.
//   2. wasm-bindgen --keep-lld-exports on the main part (the parts link to
//      its exports).
//   3. The main part's exports that nothing uses dropped, and the long
//      names of the others shortened, in the wasm and the glue alike
//      (build/trim-bindings.js).
//   4. wasm-opt on every part, only now: optimising before splitting breaks
//      the relocations the splitter reads.
//   5. Content-hashed names, and the staged index.html pointed at them; the
//      glue and the linker minified (build/minify.js) before their integrity
//      hashes are taken.
//
// A debug build (`trunk serve`) is not split, and this step does nothing.
const { execFileSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { minify } = require('./minify');
const { trimBindings } = require('./trim-bindings');

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('split.js runs as a Trunk hook (TRUNK_STAGING_DIR is not set)');
  process.exit(1);
}
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const root = path.join(__dirname, '..');
const target = process.env.CARGO_TARGET_DIR || path.join(root, 'target');
const input = path.join(target, 'wasm32-unknown-unknown', 'wasm-release', 'user-admin.wasm');
const work = path.join(target, 'split');
const parts = path.join(work, 'parts');
const bindgen = path.join(work, 'bindgen');
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });

const run = (tool, args, hint) => {
  try {
    execFileSync(tool, args, { stdio: 'inherit' });
  } catch (error) {
    console.error(`split.js: ${tool} failed (${error.message}); ${hint}`);
    process.exit(1);
  }
};
run('wasm-split-cli', [input, parts, '--target', 'web', '--out-name', 'user-admin'],
  '`cargo xtask setup` installs wasm-split-cli');
run('wasm-bindgen', ['--target=web', '--keep-lld-exports', '--weak-refs', '--no-typescript',
  `--out-dir=${bindgen}`, '--out-name=user-admin', path.join(parts, 'user-admin.wasm')],
'`cargo xtask setup` installs the wasm-bindgen that Cargo.lock names');

// --low-memory-unused: Rust's stack grows down towards address 0 from 1 MiB,
// so the lowest KiB is never used unless the stack has overflowed anyway;
// knowing it, wasm-opt folds constant offsets into loads and stores
// (about 1 KB gzip of the first visit). The producers and target features
// sections are for tools, which have all run by now; browsers ignore them.
const wasmOpt = (file) => run('wasm-opt', ['-Oz', '--low-memory-unused', '--strip-producers',
  '--strip-target-features', `--output=${file}`, file],
  'wasm-opt comes from npm (`npm ci`)');
const shortHash = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);

// The parts other than the main one, each under the hash of its content.
const linkName = '__wasm_split.js';
let linker = fs.readFileSync(path.join(parts, linkName), 'utf8');
const written = [];
for (const name of fs.readdirSync(parts)) {
  if (!name.endsWith('.wasm') || name === 'user-admin.wasm') continue;
  const file = path.join(parts, name);
  wasmOpt(file);
  const bytes = fs.readFileSync(file);
  const hashed = `${name.replace(/\.wasm$/, '')}-${shortHash(bytes)}.wasm`;
  const reference = `"./${name}"`;
  if (!linker.includes(reference)) {
    console.error(`split.js: ${linkName} does not load ${name}`);
    process.exit(1);
  }
  linker = linker.split(reference).join(`"./${hashed}"`);
  fs.writeFileSync(path.join(staging, hashed), bytes);
  written.push(hashed);
}

const mainWasm = path.join(bindgen, 'user-admin_bg.wasm');
const trimmedGlue = trimBindings(mainWasm, fs.readFileSync(path.join(bindgen, 'user-admin.js'), 'utf8'));
wasmOpt(mainWasm);
const wasmBytes = fs.readFileSync(mainWasm);
const wasmName = `user-admin-${shortHash(wasmBytes)}_bg.wasm`;

// The glue and the linker import each other, so they share one hash. Only
// the module specifiers change: the wasm names its imports by the old names.
let glue = trimmedGlue;
const glueImportsLinker = `from "./${linkName}"`;
const linkerImportsGlue = 'from "./user-admin.js"';
if (!glue.includes(glueImportsLinker) || !linker.includes(linkerImportsGlue)) {
  console.error('split.js: the glue and the split linker no longer import each other by these names');
  process.exit(1);
}
const pair = shortHash(glue + linker);
const glueName = `user-admin-${pair}.js`;
const linkerName = `__wasm_split-${pair}.js`;
glue = minify(glue.split(glueImportsLinker).join(`from "./${linkerName}"`), glueName);
linker = minify(linker.split(linkerImportsGlue).join(`from "./${glueName}"`), linkerName);
fs.writeFileSync(path.join(staging, wasmName), wasmBytes);
fs.writeFileSync(path.join(staging, glueName), glue);
fs.writeFileSync(path.join(staging, linkerName), linker);
written.push(wasmName, glueName, linkerName);

// Trunk's own glue and wasm go; the page and its preloads name the new ones.
const indexFile = path.join(staging, 'index.html');
let index = fs.readFileSync(indexFile, 'utf8');
const loader = index.match(/data-js="([^"]*?)([^"/]+)" data-wasm="([^"]*?)([^"/]+)"/);
if (!loader) {
  console.error('split.js: no loader script in the staged index.html');
  process.exit(1);
}
const [, , oldGlue, , oldWasm] = loader;
const integrity = (bytes) => `sha384-${crypto.createHash('sha384').update(bytes).digest('base64')}`;
const renames = [[oldGlue, glueName, Buffer.from(glue)], [oldWasm, wasmName, wasmBytes]];
for (const [from, to, bytes] of renames) {
  // A <link> preloading the file carries its integrity hash.
  index = index.replace(
    new RegExp(`(<link[^>]*href="[^"]*)${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}("[^>]*>)`, 'g'),
    (tag, head, tail) => `${head}${to}${tail}`.replace(/integrity="[^"]*"/, `integrity="${integrity(bytes)}"`),
  );
  index = index.split(from).join(to);
  fs.rmSync(path.join(staging, from), { force: true });
}
// The glue imports the linker: preload it beside the glue, not after it.
index = index.replace(
  new RegExp(`<link rel="modulepreload" href="([^"]*)${glueName.replace(/[.]/g, '\\.')}"[^>]*>`),
  (tag, prefix) => `${tag}<link rel="modulepreload" href="${prefix}${linkerName}" crossorigin="anonymous" integrity="${integrity(Buffer.from(linker))}">`,
);
// The page's comments are for the people who read index.html, not for
// every first visit.
index = index.replace(/[ \t]*<!--[\s\S]*?-->\n?/g, '');
fs.writeFileSync(indexFile, index);
console.log(`split.js: ${written.length} files, main part ${(wasmBytes.length / 1024).toFixed(0)} KB`);
