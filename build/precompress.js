// Trunk post-build hook: writes `name.br` (brotli, quality 11) and `name.gz`
// (gzip -9) beside every script, wasm and stylesheet of the staged bundle.
// Servers that look for them (the reference server, nginx `gzip_static`,
// Caddy `precompressed`) send them as they are instead of compressing the
// 800 KB wasm on every request at a lower ratio.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('precompress.js runs as a Trunk hook (TRUNK_STAGING_DIR is not set)');
  process.exit(1);
}
// A debug build's wasm is ten times larger and `trunk serve` rebuilds it on
// every change; its dev server does not look for these files anyway.
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);
for (const name of fs.readdirSync(staging)) {
  if (!/\.(js|wasm|css)$/.test(name)) continue;
  const file = path.join(staging, name);
  const bytes = fs.readFileSync(file);
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }));
}
// A copy that does not give back the file would be served as the file.
for (const name of fs.readdirSync(staging)) {
  if (!/\.(js|wasm|css)$/.test(name)) continue;
  const bytes = fs.readFileSync(path.join(staging, name));
  const br = zlib.brotliDecompressSync(fs.readFileSync(path.join(staging, `${name}.br`)));
  const gz = zlib.gunzipSync(fs.readFileSync(path.join(staging, `${name}.gz`)));
  if (!bytes.equals(br) || !bytes.equals(gz)) {
    console.error(`precompress.js: the compressed copies of ${name} do not match it`);
    process.exit(1);
  }
}
