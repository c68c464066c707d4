// Measures the built app in headless Chromium against a running reference
// server: cold load to the first user row, first contentful paint, search
// (one key every 80 ms; time from the last key to only matching rows, and how
// many list requests were sent), opening a profile from the list (time to the
// filled profile, API requests made), and memory (JS heap plus wasm memory)
// after load and after list↔profile round trips. Prints one JSON document.
// With --screenshots DIR it also saves the screens shown in the README.
//
// With --peer URL (the react-admin app of bench/react-admin, served by a
// second reference server with the same directory) the cold loads alternate
// between the two apps, so both are measured in one run on one machine.
//
//   node bench/ui.js http://127.0.0.1:8080 [--runs 7] [--round-trips 200]
//                    [--peer http://127.0.0.1:8081] [--screenshots docs/screenshots]
const { chromium } = require('playwright-core');
const { wasmMemoryBytes } = require('./wasm-memory');

const args = process.argv.slice(2);
const base = args[0];
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : fallback;
};
const runs = Number(option('--runs', '7'));
const screenshots = option('--screenshots', null);
const roundTrips = Number(option('--round-trips', '200'));
const peer = option('--peer', null);
const QUERY = 'tanaka';

const launch = () => chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});

// Records when the first user row appears, in the page's own clock, with
// the bytes the page had received by then (scripts, wasm, styles; the API's
// answers not counted), and says so on the console. Waiting for that from
// here puts no script in the page while it loads: Playwright's injected
// helpers (waitForFunction) took ~16 ms of the main thread in the middle of
// start-up.
const FIRST_ROW_SHOWN = 'user-admin bench: first row';
const recordFirstRow = ({ message, row }) => {
  new MutationObserver((_, observer) => {
    if (document.querySelector(row)) {
      window.__firstRow = performance.now();
      window.__codeBytes = [...performance.getEntriesByType('navigation'),
        ...performance.getEntriesByType('resource')]
        .filter((entry) => !new URL(entry.name).pathname.includes('/api/'))
        .reduce((sum, entry) => sum + entry.transferSize, 0);
      console.debug(message);
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
};

// The two apps' first row: ours, and react-admin's Datagrid.
const ROW_LINK = 'table.ua-table:not(.ua-table--loading) tbody tr a';
const PEER_FIRST_ROW = 'table tbody tr.RaDatagrid-row';

async function coldLoad(browser, url = base + '/', row = ROW_LINK) {
  // An empty cache every run. MUI injects its styles as <style> elements,
  // which the reference server's strict CSP refuses; the peer runs with the
  // page's CSP bypassed (our app runs under it).
  const context = await browser.newContext({ bypassCSP: row !== ROW_LINK });
  const page = await context.newPage();
  await page.addInitScript(recordFirstRow, { message: FIRST_ROW_SHOWN, row });
  const firstRowShown = page.waitForEvent('console', {
    predicate: (message) => message.text() === FIRST_ROW_SHOWN,
    timeout: 30000,
  });
  await page.goto(url);
  await firstRowShown;
  const result = await page.evaluate(() => ({
    firstRow: window.__firstRow,
    codeBytes: window.__codeBytes,
    fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime,
  }));
  await context.close();
  return result;
}

async function search(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + '/');
  await page.waitForSelector('table.ua-table:not(.ua-table--loading) tbody tr a');
  let listRequests = 0;
  page.on('request', (r) => { if (/\/api\/v1\/users\?/.test(r.url())) listRequests += 1; });
  const box = page.getByLabel('Search users');
  await box.click();
  let lastKey = 0;
  for (const [index, key] of [...QUERY].entries()) {
    await page.keyboard.type(key);
    if (index === QUERY.length - 1) lastKey = await page.evaluate(() => performance.now());
    else await page.waitForTimeout(80);
  }
  const shown = await page.waitForFunction((q) => {
    const cells = [...document.querySelectorAll('table.ua-table tbody tr td.ua-table__username')];
    return cells.length > 0 && cells.every((c) => c.textContent.includes(q)) ? performance.now() : false;
  }, QUERY, { timeout: 30000, polling: 'raf' });
  const done = await shown.jsonValue();
  await context.close();
  return { searchMs: done - lastKey, listRequests };
}

const SETTLED_BADGE = '.ua-own-presence .ua-presence__label:not(:text("…"))';

// Opens the first user of the loaded list once the browser has fetched the
// other screens' code while idle: time from the click to the filled profile
// (details and presence), and the API requests that took.
async function profileOpen(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + '/');
  await page.waitForSelector(ROW_LINK);
  await page.waitForSelector('tbody .ua-presence__label:not(:text("…"))');
  await page.waitForFunction(() => performance.getEntriesByType('resource')
    .some((entry) => /\/split_screens-[^/]*\.wasm$/.test(entry.name)), null, { timeout: 30000 });
  let apiRequests = 0;
  // The presence event stream the profile subscribes to is not a request
  // the profile waits for.
  page.on('request', (r) => {
    if (r.url().includes('/api/') && !r.url().includes('/presence/events')) apiRequests += 1;
  });
  const clicked = await page.evaluate(() => performance.now());
  await page.locator(ROW_LINK).first().click();
  await page.waitForSelector('.ua-details');
  const filled = await (await page.waitForFunction(() => {
    const badge = document.querySelector('.ua-own-presence .ua-presence__label');
    return badge && badge.textContent !== '…' ? performance.now() : false;
  }, null, { polling: 'raf' })).jsonValue();
  await context.close();
  return { ms: filled - clicked, apiRequests };
}

// Live presence: the signed-in admin's own profile is open with its event
// stream; each of `count` presence changes is sent through the API, and timed
// from sending to the badge showing it.
async function presenceLatency(browser, count) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let streams = 0;
  let polls = 0;
  page.on('request', (r) => {
    if (r.url().includes('/presence/events')) streams += 1;
    else if (r.url().includes('/api/v1/users/presence?')) polls += 1;
  });
  await page.goto(base + '/profile');
  await page.waitForSelector(SETTLED_BADGE);
  while (streams === 0) await page.waitForTimeout(20);
  await page.waitForTimeout(300); // the stream's first events are in
  const pollsBefore = polls;
  const put = (state) => fetch(`${base}/api/v1/users/presence`, {
    method: 'PUT',
    headers: { Authorization: 'Bearer dev-admin-token', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `state=${state}&clearDnd=true`,
  });
  const times = [];
  for (let i = 0; i < count; i += 1) {
    const [state, label] = i % 2 === 0 ? ['AWAY', 'Away'] : ['BUSY', 'Busy'];
    const sent = Date.now();
    await put(state);
    await page.waitForFunction((text) => {
      const badge = document.querySelector('.ua-own-presence .ua-presence__label');
      return badge && badge.textContent === text;
    }, label, { polling: 'raf' });
    times.push(Date.now() - sent);
  }
  await put('AVAILABLE');
  await context.close();
  return { times, pollsDuring: polls - pollsBefore };
}

// A filter matching at least `target` users (or as many as there are): a
// last name seen on the first page, alone or with a status or role filter.
async function filterMatching(target) {
  const get = async (query) => (await fetch(`${base}/api/v1/users?limit=100${query}`, { headers: ADMIN })).json();
  const first = await get('');
  const lastNames = [...new Set(first.items.map((u) => u.fullName.split(' ').pop()))].slice(0, 4);
  let best = null;
  for (const name of lastNames) {
    for (const extra of ['', '&active=true', '&active=false', '&role=support', '&role=developer']) {
      const query = `&q=${encodeURIComponent(name)}${extra}`;
      const { totalCount } = (await get(`${query}&limit=1`)).meta;
      // The smallest total of at least `target`, else the largest below it.
      const better = !best
        || (totalCount >= target && (best.totalCount < target || totalCount < best.totalCount))
        || (totalCount < target && best.totalCount < target && totalCount > best.totalCount);
      if (better) best = { query, totalCount };
    }
  }
  return best;
}

// Export CSV of at least 10,000 users: wall time from the click to the file,
// list requests, and the wasm memory after load and at the end (the rows
// are held as Blobs by the browser, so it must not grow with the count).
async function exportRun(browser) {
  const { query, totalCount } = await filterMatching(10_000);
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(`${base}/?${query.slice(1)}`);
  await page.waitForSelector(ROW_LINK);
  const before = await wasmMemoryBytes(cdp);
  let requests = 0;
  page.on('request', (r) => { if (r.url().includes('/api/v1/users?')) requests += 1; });
  let peak = before;
  const sample = setInterval(() => {
    wasmMemoryBytes(cdp).then((bytes) => { peak = Math.max(peak, bytes); }).catch(() => {});
  }, 500);
  const started = Date.now();
  const download = page.waitForEvent('download', { timeout: 600_000 });
  await page.click('button:has-text("Export CSV")');
  // Over 10,000 rows the admin confirms first.
  if (totalCount > 10_000) await page.click('dialog button.ua-button--primary:text-is("Export")');
  const file = await download;
  const ms = Date.now() - started;
  clearInterval(sample);
  const after = await wasmMemoryBytes(cdp);
  const bytes = require('fs').statSync(await file.path()).size;
  await context.close();
  return { filter: query, rows: totalCount, ms, listRequests: requests, fileBytes: bytes, wasmBytesBefore: before, wasmBytesPeak: Math.max(peak, after) };
}

// A bulk deactivate and activate of 100 users (a page of 100, all ticked):
// wall time from confirming to the report, and the requests it made.
async function bulkRun(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/?limit=100&active=true&sort=-createdAt`);
  await page.waitForSelector(ROW_LINK);
  const times = {};
  for (const [action, filter] of [['Deactivate', 'active=true'], ['Activate', 'active=false']]) {
    await page.evaluate(() => sessionStorage.clear()); // the last run's selection
    await page.goto(`${base}/?limit=100&${filter}&sort=-createdAt`);
    await page.waitForSelector(ROW_LINK);
    await page.check('thead input[type=checkbox]');
    await page.click(`.ua-selection button:text-is("${action}")`);
    let patches = 0;
    let reads = 0;
    const count = (r) => {
      if (r.method() === 'PATCH') patches += 1;
      else if (r.url().includes('/api/v1/')) reads += 1;
    };
    page.on('request', count);
    const started = Date.now();
    await page.click(`dialog button.ua-button--primary:text-is("${action}")`);
    await page.waitForSelector('dialog h2:has-text("of 100 changed")', { timeout: 120_000 });
    times[action.toLowerCase()] = { ms: Date.now() - started, patchRequests: patches, otherRequests: reads };
    page.off('request', count);
    await page.keyboard.press('Escape');
  }
  await context.close();
  return times;
}

// JS heap in use plus every WebAssembly memory of the page, after a full GC.
async function memoryInUse(cdp) {
  const wasmBytes = await wasmMemoryBytes(cdp); // collects garbage first
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return { jsHeapBytes: usedSize, wasmBytes, totalBytes: usedSize + wasmBytes };
}

// Memory after load, after N list→profile→Back round trips, and after N
// more: growth in the first batch may be warm-up (caches filling, the
// allocator's high-water mark); growth that goes on in the second is a leak.
// WebAssembly memory never shrinks, so it shows the high-water mark.
async function memory(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(base + '/');
  await page.waitForFunction((selector) => document.querySelector(selector) !== null, ROW_LINK)
    .then((handle) => handle.dispose());
  await page.waitForTimeout(500);
  const afterLoad = await memoryInUse(cdp);
  // Clicks and waits run inside the page: Playwright's element handles and
  // locators would keep the old screens' DOM alive and show up as a leak.
  const until = (predicate, arg) => page.waitForFunction(predicate, arg, { polling: 'raf' })
    .then((handle) => handle.dispose());
  const batch = async () => {
    for (let i = 0; i < roundTrips; i += 1) {
      await page.evaluate(([selector, n]) => document.querySelectorAll(selector)[n].click(), [ROW_LINK, i % 10]);
      await until(() => document.querySelector('.ua-details') !== null);
      await page.evaluate(() => history.back());
      await until((selector) => document.querySelector(selector) !== null, ROW_LINK);
    }
    await page.waitForTimeout(500);
    return memoryInUse(cdp);
  };
  const afterRoundTrips = await batch();
  const afterSecondBatch = await batch();
  await context.close();
  return {
    roundTrips,
    afterLoad,
    afterRoundTrips,
    afterSecondBatch,
    growthBytes: afterRoundTrips.totalBytes - afterLoad.totalBytes,
    secondBatchGrowthBytes: afterSecondBatch.totalBytes - afterRoundTrips.totalBytes,
    secondBatchJsHeapGrowthBytes: afterSecondBatch.jsHeapBytes - afterRoundTrips.jsHeapBytes,
    secondBatchWasmGrowthBytes: afterSecondBatch.wasmBytes - afterRoundTrips.wasmBytes,
  };
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return { median: Math.round(median), min: Math.round(sorted[0]), max: Math.round(sorted[sorted.length - 1]) };
}

async function takeScreenshots(browser, dir) {
  const fs = require('fs');
  fs.mkdirSync(dir, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
  await page.goto(base + '/');
  await page.waitForSelector('table.ua-table:not(.ua-table--loading) tbody tr a');
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${dir}/list-loaded.png` });
  await page.route('**/api/v1/users?**', () => {}); // never answers: the loading state
  await page.goto(base + '/?sort=email');
  await page.waitForSelector('.ua-table--loading');
  await page.screenshot({ path: `${dir}/list-loading.png` });
  await page.unroute('**/api/v1/users?**');
  await page.goto(base + '/?q=zzzzqqq');
  await page.waitForSelector('.ua-empty');
  await page.screenshot({ path: `${dir}/list-empty.png` });
  await page.route('**/api/v1/users?**', (route) => route.fulfill({
    status: 503, contentType: 'application/problem+json', headers: { 'Retry-After': '0' },
    body: JSON.stringify({ title: 'The directory is being upgraded.', status: 503, detail: 'Try again in a few minutes.', instance: 'urn:request:4f1c' }),
  }));
  await page.goto(base + '/?page=2');
  await page.waitForSelector('[role=alert]', { timeout: 20000 });
  await page.screenshot({ path: `${dir}/list-error.png` });
  await page.close();
  await formScreenshots(browser, dir);
}

const ADMIN = { Authorization: 'Bearer dev-admin-token' };

async function formScreenshots(browser, dir) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const list = await (await page.request.get(`${base}/api/v1/users?limit=2&q=jansen`, { headers: ADMIN })).json();
  const [user, other] = list.items;
  await page.goto(`${base}/users/${user.id}`);
  await page.waitForSelector('.ua-own-presence .ua-presence__label:not(:text("…"))');
  await page.screenshot({ path: `${dir}/profile.png` });

  await page.goto(`${base}/users/${user.id}/edit`);
  await page.getByLabel('Email', { exact: true }).fill(other.email);
  await page.getByLabel('Time zone', { exact: true }).fill('Europe/Amsterdamm');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.waitForSelector('.ua-error-summary');
  await page.screenshot({ path: `${dir}/edit-errors.png` });

  // Someone else saves first; this admin's save meets the conflict view.
  await page.goto(`${base}/users/${user.id}/edit`);
  await page.getByLabel('Full name', { exact: true }).fill(`${user.fullName} (Sales)`);
  const current = await page.request.get(`${base}/api/v1/users/${user.id}`, { headers: ADMIN });
  await page.request.patch(`${base}/api/v1/users/${user.id}`, {
    headers: { ...ADMIN, 'If-Match': current.headers().etag, 'Content-Type': 'application/merge-patch+json' },
    data: JSON.stringify({ fullName: `${user.fullName} (Finance)` }),
  });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.waitForSelector('.ua-conflict');
  await page.screenshot({ path: `${dir}/edit-conflict.png` });
  page.on('dialog', (dialog) => dialog.accept());

  await page.goto(`${base}/users/new`);
  await page.getByLabel('Username', { exact: true }).fill(user.username);
  await page.getByLabel('Full name', { exact: true }).fill('Noor Jansen');
  await page.getByLabel('Email', { exact: true }).fill('noor.jansen@example');
  await page.getByRole('checkbox', { name: /^support/ }).check();
  await page.getByRole('button', { name: 'Create user' }).click();
  await page.waitForSelector('.ua-error-summary');
  await page.getByLabel('Email', { exact: true }).fill('noor.jansen@example.com');
  await page.getByRole('button', { name: 'Create user' }).click();
  await page.waitForSelector('#ua-create-username-error');
  await page.screenshot({ path: `${dir}/create-errors.png`, fullPage: true });
  await context.close();
}

(async () => {
  const browser = await launch();
  await coldLoad(browser); // warm-up: the server's caches, the OS file cache
  if (peer) await coldLoad(browser, peer + '/', PEER_FIRST_ROW);
  const loads = [];
  const peerLoads = [];
  const searches = [];
  const opens = [];
  for (let i = 0; i < runs; i += 1) {
    loads.push(await coldLoad(browser));
    if (peer) peerLoads.push(await coldLoad(browser, peer + '/', PEER_FIRST_ROW));
    searches.push(await search(browser));
    opens.push(await profileOpen(browser));
  }
  const report = {
    browser: `Chromium ${browser.version()}`,
    runs,
    coldLoadToFirstRowMs: stats(loads.map((l) => l.firstRow)),
    firstContentfulPaintMs: stats(loads.filter((l) => l.fcp !== undefined).map((l) => l.fcp)),
    bytesToFirstRow: stats(loads.map((l) => l.codeBytes)),
    searchLastKeyToResultsMs: stats(searches.map((s) => s.searchMs)),
    listRequestsPerSearch: stats(searches.map((s) => s.listRequests)),
    profileOpenMs: stats(opens.map((o) => o.ms)),
    profileOpenApiRequests: stats(opens.map((o) => o.apiRequests)),
    memory: roundTrips > 0 ? await memory(browser) : null,
  };
  if (peer) {
    report.peer = {
      app: 'react-admin 5.15.4 (bench/react-admin)',
      coldLoadToFirstRowMs: stats(peerLoads.map((l) => l.firstRow)),
      firstContentfulPaintMs: stats(peerLoads.filter((l) => l.fcp !== undefined).map((l) => l.fcp)),
      bytesToFirstRow: stats(peerLoads.map((l) => l.codeBytes)),
    };
  }
  const live = await presenceLatency(browser, 20);
  report.presenceChangeToBadgeMs = stats(live.times);
  report.presencePollsDuringLiveChanges = live.pollsDuring;
  report.export = await exportRun(browser);
  report.bulkChange100 = await bulkRun(browser);
  if (screenshots) await takeScreenshots(browser, screenshots);
  await browser.close();
  console.log(JSON.stringify(report, null, 2));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
