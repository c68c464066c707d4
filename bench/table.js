// The Markdown table of a `cargo xtask bench` report (target/bench/report.json),
// with the targets each figure is measured against.
//
//   node bench/table.js target/bench/report.json
const fs = require('fs');

const report = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const range = (s, unit = ' ms') => `${s.median}${unit} (${s.min}–${s.max})`;
const scales = Object.keys(report.ui);
const users = (n) => `${Number(n).toLocaleString('en')} users`;
const first = report.ui[scales[0]];

const lines = [];
lines.push(`Measured on ${report.machine}, ${first.browser}, ${first.runs} runs per figure after a warm-up; median (min–max).`);
lines.push('');
const t = report.size.firstVisit;
lines.push('| figure | target | ' + scales.map(users).join(' | ') + ' |');
lines.push('|---|---|' + scales.map(() => '---:').join('|') + '|');
lines.push(`| first visit of the list, gzip (brotli) | ≤ 220 KB | ${kb(t.gzip)} (${kb(t.brotli)})` + ' | '.repeat(scales.length - 1) + ' |');
const whole = report.size.wholeBundle;
if (whole) {
  lines.push(`| whole bundle, gzip (brotli), with the parts loaded when needed | | ${kb(whole.gzip)} (${kb(whole.brotli)})` + ' | '.repeat(scales.length - 1) + ' |');
}
const row = (name, target, cell) => lines.push(`| ${name} | ${target} | ` + scales.map((s) => cell(report.ui[s])).join(' | ') + ' |');
// The react-admin peer's figures come from the same run, its cold loads
// alternating with ours.
const peer = (cell) => (u) => (u.peer ? cell(u.peer) : '–');
const ratio = (ours, theirs) => `${(ours.median / theirs.median).toFixed(2)}×`;
row('cold load to first row', '≤ 300 ms', (u) => range(u.coldLoadToFirstRowMs));
row('… react-admin 5.15.4, same run', '', peer((p) => range(p.coldLoadToFirstRowMs)));
row('… ours ÷ react-admin (medians)', '≤ 0.35×', (u) => (u.peer ? ratio(u.coldLoadToFirstRowMs, u.peer.coldLoadToFirstRowMs) : '–'));
row('first contentful paint', '', (u) => range(u.firstContentfulPaintMs));
row('… react-admin 5.15.4, same run', '', peer((p) => range(p.firstContentfulPaintMs)));
row('bytes received until the first row (code, styles, page; no API answers)', '', (u) => (u.bytesToFirstRow ? kb(u.bytesToFirstRow.median) : '–'));
row('… react-admin 5.15.4, same run', '', peer((p) => kb(p.bytesToFirstRow.median)));
row('search: last key to results (300 ms debounce included)', '≤ 450 ms', (u) => range(u.searchLastKeyToResultsMs));
row('list requests per search', '1', (u) => range(u.listRequestsPerSearch, ''));
row('profile open from the list', '', (u) => range(u.profileOpenMs));
row('API requests to open a profile', '0', (u) => range(u.profileOpenApiRequests, ''));
row('presence change to badge (live stream, 20 changes)', '≤ 1,000 ms', (u) => (u.presenceChangeToBadgeMs ? range(u.presenceChangeToBadgeMs) : '–'));
row('memory after load (JS heap + wasm)', '', (u) => (u.memory ? `${mib(u.memory.afterLoad.totalBytes)} (${mib(u.memory.afterLoad.jsHeapBytes)} + ${mib(u.memory.afterLoad.wasmBytes)})` : '–'));
const signed = (bytes) => `${bytes >= 0 ? '+' : ''}${kb(bytes)}`;
row('memory after list↔profile round trips', 'no growth', (u) => (u.memory ? `${mib(u.memory.afterRoundTrips.totalBytes)} after ${u.memory.roundTrips}, ${signed(u.memory.growthBytes)}` : '–'));
row('… and after as many again (JS heap, wasm)', 'no growth', (u) => (u.memory && u.memory.afterSecondBatch ? `${signed(u.memory.secondBatchGrowthBytes)} (${signed(u.memory.secondBatchJsHeapGrowthBytes)}, ${signed(u.memory.secondBatchWasmGrowthBytes)})` : '–'));
row('CSV export of ≥ 10,000 users (rows, time)', '', (u) => (u.export ? `${u.export.rows.toLocaleString('en')} rows in ${u.export.ms} ms, ${u.export.listRequests} list requests` : '–'));
row('… wasm memory before → peak during the export', 'no growth with rows', (u) => (u.export ? `${mib(u.export.wasmBytesBefore)} → ${mib(u.export.wasmBytesPeak)}` : '–'));
row('bulk deactivate / activate of 100 users', '', (u) => (u.bulkChange100 ? `${u.bulkChange100.deactivate.ms} / ${u.bulkChange100.activate.ms} ms, ${u.bulkChange100.deactivate.patchRequests} + ${u.bulkChange100.deactivate.otherRequests} requests` : '–'));
console.log(lines.join('\n'));
