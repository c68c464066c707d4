// Trunk post-build hook: writes user-admin.js (the portal's entry point) into
// the staged bundle with the hashed names Trunk just gave the JS glue, the
// wasm and the stylesheets, read from the staged index.html.
const fs = require('fs');
const path = require('path');

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('write-loader.js runs as a Trunk hook (TRUNK_STAGING_DIR is not set)');
  process.exit(1);
}
const index = fs.readFileSync(path.join(staging, 'index.html'), 'utf8');
const fileName = (href) => href.split('/').pop();
const loader = index.match(/data-js="([^"]+)" data-wasm="([^"]+)"/);
const css = [...index.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => fileName(m[1]));
if (!loader || css.length === 0) {
  console.error('write-loader.js: no loader script or stylesheets in the staged index.html');
  process.exit(1);
}
const assets = { js: fileName(loader[1]), wasm: fileName(loader[2]), css };
const template = fs.readFileSync(path.join(__dirname, 'user-admin.js'), 'utf8');
const placeholder = 'const ASSETS = null; // filled in by embed/write-loader.js';
if (!template.includes(placeholder)) {
  console.error('write-loader.js: embed/user-admin.js lost its ASSETS placeholder');
  process.exit(1);
}
fs.writeFileSync(
  path.join(staging, 'user-admin.js'),
  template.replace(placeholder, `const ASSETS = ${JSON.stringify(assets)};`),
);
