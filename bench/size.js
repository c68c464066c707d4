// What a first visit of the list downloads (index, loader, JS glue, the main
// wasm part, CSS) and what the whole bundle holds (the parts of the split
// bundle that load when needed too), raw, gzip -9 and brotli q11.
// With --budget FILE it fails when a first visit's gzip total is over the
// budget.
//
//   node bench/size.js dist [--budget bench/size-budget.json] [--json]
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const args = process.argv.slice(2);
const dir = args[0] || 'dist';
const option = (name) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : null;
};
const budgetFile = option('--budget');

// The order a visit needs them in; hashes in names vary per build.
const kind = (name) => {
  if (name === 'index.html') return '1 page';
  if (name === 'boot.js') return '2 loader';
  if (name === 'user-admin.js') return '2 portal loader';
  if (name.endsWith('.js')) return '3 JS glue';
  // The parts of the split bundle that load when needed (build/split.js).
  if (/^(split|chunk)_.*\.wasm$/.test(name)) return '7 part loaded when needed';
  if (name.endsWith('.wasm')) return '4 wasm';
  if (name.endsWith('.css')) return '5 CSS';
  return '6 other';
};

const files = fs.readdirSync(dir)
  .filter((name) => fs.statSync(path.join(dir, name)).isFile())
  // The precompressed copies a server sends instead of the file itself.
  .filter((name) => !/\.(br|gz)$/.test(name))
  .map((name) => {
    const bytes = fs.readFileSync(path.join(dir, name));
    return {
      file: name,
      kind: kind(name).slice(2),
      order: kind(name),
      raw: bytes.length,
      gzip: zlib.gzipSync(bytes, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(bytes, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      }).length,
    };
  })
  .sort((a, b) => a.order.localeCompare(b.order) || a.file.localeCompare(b.file));
// The standalone page loads index.html and boot.js; a portal loads
// user-admin.js instead. The rest (glue, main wasm, CSS) is the same for
// both; the other parts load when their screen or dialog is needed.
const firstVisit = files.filter((f) => f.kind !== 'part loaded when needed');
const standalone = firstVisit.filter((f) => f.kind !== 'portal loader');
const portal = firstVisit.filter((f) => f.kind !== 'page' && f.kind !== 'loader');
const parts = files.filter((f) => f.kind === 'part loaded when needed');
const total = (list) => ({
  raw: list.reduce((sum, f) => sum + f.raw, 0),
  gzip: list.reduce((sum, f) => sum + f.gzip, 0),
  brotli: list.reduce((sum, f) => sum + f.brotli, 0),
});
const report = {
  files: files.map(({ order, ...file }) => file),
  firstVisit: total(standalone),
  portalFirstVisit: total(portal),
  loadedWhenNeeded: { files: parts.length, ...total(parts) },
  wholeBundle: total(files),
};

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
if (args.includes('--json')) {
  console.log(JSON.stringify(report, null, 2));
} else {
  console.log('| file | kind | raw | gzip | brotli |\n|---|---|---:|---:|---:|');
  for (const f of report.files) console.log(`| ${f.file} | ${f.kind} | ${kb(f.raw)} | ${kb(f.gzip)} | ${kb(f.brotli)} |`);
  const t = report.firstVisit;
  console.log(`| **first visit** | | **${kb(t.raw)}** | **${kb(t.gzip)}** | **${kb(t.brotli)}** |`);
  const p = report.portalFirstVisit;
  console.log(`| **first visit in a portal** | | **${kb(p.raw)}** | **${kb(p.gzip)}** | **${kb(p.brotli)}** |`);
  const l = report.loadedWhenNeeded;
  console.log(`| ${l.files} parts loaded when needed | | ${kb(l.raw)} | ${kb(l.gzip)} | ${kb(l.brotli)} |`);
  const w = report.wholeBundle;
  console.log(`| whole bundle | | ${kb(w.raw)} | ${kb(w.gzip)} | ${kb(w.brotli)} |`);
}

if (budgetFile) {
  const budget = JSON.parse(fs.readFileSync(budgetFile, 'utf8'));
  const limit = budget.firstVisitGzipBytes;
  const used = Math.max(report.firstVisit.gzip, report.portalFirstVisit.gzip);
  if (used > limit) {
    console.error(`\nsize budget exceeded: the first visit is ${used} B gzip (${kb(used)}), the budget in ${budgetFile} is ${limit} B (${kb(limit)}), ${used - limit} B over.`);
    process.exit(1);
  }
  console.error(`\nsize budget: ${used} B of ${limit} B gzip (${(100 * used / limit).toFixed(1)} %)`);
  if (budget.targetGzipBytes && used > budget.targetGzipBytes) {
    console.error(`target: ${budget.targetGzipBytes} B (${kb(budget.targetGzipBytes)}); ${used - budget.targetGzipBytes} B to go`);
  }
}
