// Release step: the bundle's JavaScript without comments, whitespace and
// long local names (terser from npm). wasm-bindgen's glue is written to be
// read, and the first visit loads it before anything shows: minified, it is
// about a quarter smaller gzipped. Only names inside a module change; what it
// exports and the property names the wasm imports by stay as they are.
//
// `minify(code)` serves build/split.js (the glue and the split linker, before
// their integrity hashes are taken). Run as a step, it minifies the page's
// loader (boot.js) and the portal's (user-admin.js) in the staged bundle.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const terser = path.join(__dirname, '..', 'node_modules', '.bin', 'terser');

function minify(code, name) {
  try {
    return execFileSync(terser, ['--module', '--compress', '--mangle', '--comments', 'false'], {
      input: code,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'inherit'],
    });
  } catch (error) {
    console.error(`minify.js: terser failed on ${name} (${error.message}); \`npm ci\` installs it`);
    process.exit(1);
  }
}

module.exports = { minify };

if (require.main === module) {
  const staging = process.env.TRUNK_STAGING_DIR;
  if (!staging) {
    console.error('minify.js runs as a Trunk hook (TRUNK_STAGING_DIR is not set)');
    process.exit(1);
  }
  // `trunk serve` keeps the loaders as written, for reading in the browser.
  if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);
  for (const name of ['boot.js', 'user-admin.js']) {
    const file = path.join(staging, name);
    fs.writeFileSync(file, minify(fs.readFileSync(file, 'utf8'), name));
  }
}
