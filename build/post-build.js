// Trunk post-build hook: the release steps after Trunk's own, in order.
// Trunk 0.21 starts every hook of one stage at the same time, so two hooks
// would race (the compressed copies could miss the loader, or catch it half
// written). One hook runs them one after the other instead.
const { execFileSync } = require('child_process');
const path = require('path');

const steps = [
  // The split bundle: the list first, the other screens when they are needed.
  'build/split.js',
  // dist/user-admin.js, the portal's entry point, with this build's file names.
  'embed/write-loader.js',
  // Both loaders minified (the glue and the linker were, in split.js).
  'build/minify.js',
  // .br and .gz copies of every script, wasm and stylesheet, the loader included.
  'build/precompress.js',
];
for (const step of steps) {
  execFileSync(process.execPath, [path.join(__dirname, '..', step)], { stdio: 'inherit' });
}
