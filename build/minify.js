// Release step: the bundle's JavaScript without comments, whitespace and
// long local names (terser from npm). wasm-bindgen's glue is written to be
// read, and the first visit loads it before anything shows: minified, it is
// about a quarter smaller gzipped. Only names inside a module change; what it
// exports and the property names the wasm imports by stay as they are.
//
// `minify(code)` serves build/split.js (the glue and the split linker, before
// their integrity hashes are taken). Run as a step, it minifies the page's
// loader (boot.js) and the portal's (user-admin.js) in the staged bundle,
// and the stylesheets (lightningcss from npm, the minifier Trunk itself
// uses; Trunk's own minifying would rewrite index.html too): without their
// comments and layout they are 1.2 KB gzip less of every first visit. The
// page's integrity hashes follow the minified files; the names keep the
// hashes Trunk gave them, which still change with the source.
const { execFileSync } = require('child_process');
const crypto = require('crypto');
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
  minifyStylesheets(staging);
}

/// Every stylesheet the staged page links, minified, with the page's
/// integrity hash for it updated.
function minifyStylesheets(staging) {
  const { transform } = require('lightningcss');
  const indexFile = path.join(staging, 'index.html');
  let index = fs.readFileSync(indexFile, 'utf8');
  const links = [...index.matchAll(/<link rel="stylesheet" href="[^"]*?([^"/]+\.css)" integrity="([^"]+)"/g)];
  if (links.length === 0) {
    console.error('minify.js: the staged index.html links no stylesheet with an integrity hash');
    process.exit(1);
  }
  for (const [, name, oldIntegrity] of links) {
    const file = path.join(staging, name);
    let code;
    try {
      code = transform({ filename: name, code: fs.readFileSync(file), minify: true }).code;
    } catch (error) {
      console.error(`minify.js: lightningcss failed on ${name} (${error.message}); \`npm ci\` installs it`);
      process.exit(1);
    }
    fs.writeFileSync(file, code);
    const integrity = `sha384-${crypto.createHash('sha384').update(code).digest('base64')}`;
    index = index.split(oldIntegrity).join(integrity);
  }
  fs.writeFileSync(indexFile, index);
}
