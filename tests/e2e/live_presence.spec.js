// Live presence: when the batch answer links to the event stream, the
// badges follow it instead of polling.
const { test, expect } = require('./fixtures');

const ADMIN = { Authorization: 'Bearer dev-admin-token' };
const isStream = (url) => url.includes('/api/v1/users/presence/events');
const isBatch = (url) => url.includes('/api/v1/users/presence?');

test.beforeEach(async ({ request }) => {
  await request.delete('/__faults');
  await request.put('/api/v1/users/presence', { headers: ADMIN, form: { state: 'AVAILABLE', clearDnd: 'true', statusMessage: '' } });
});

/// Records the page's stream and batch presence requests.
function watch(page) {
  const seen = { streams: [], open: new Set(), batches: [], answered: 0 };
  page.on('request', (r) => {
    if (isStream(r.url())) { seen.streams.push(r); seen.open.add(r); }
    if (isBatch(r.url())) seen.batches.push(r.url());
  });
  // The server answers a stream's headers once it is subscribed: only then
  // does a fault aimed at open streams reach it.
  page.on('response', (r) => { if (isStream(r.url())) seen.answered += 1; });
  const closed = (r) => seen.open.delete(r);
  page.on('requestfailed', closed);
  page.on('requestfinished', closed);
  return seen;
}

const adminBadge = (page) => page.locator('tbody tr', { hasText: 'admin@example.com' }).locator('.ua-presence__label');

/// The standalone page with the host's presence refresh at 1 s.
function pollEverySecond(page) {
  return page.route(/\/$|\/\?/, async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    const html = (await response.text()).replace('<div id="user-admin"', '<div id="user-admin" data-presence-refresh-ms="1000"');
    await route.fulfill({ response, body: html });
  });
}

test('another admin\'s do-not-disturb shows within a second, with no polling request', async ({ browser, page, problems }) => {
  const seen = watch(page);
  await page.goto('/');
  await expect(adminBadge(page)).toHaveText('Available');
  await expect.poll(() => seen.open.size).toBe(1);
  // The second admin, in a browser context of their own, sets do-not-disturb.
  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const second = await other.newPage();
  await second.goto('/me');
  await second.getByLabel('State').selectOption('DND');
  await second.getByRole('button', { name: '1 hour' }).click();
  const batchesBefore = seen.batches.length;
  const saved = Date.now();
  await second.getByRole('button', { name: 'Save presence' }).click();
  await expect(second.getByRole('status')).toHaveText('Your presence is saved.');
  await expect(adminBadge(page)).toHaveText('Do not disturb', { timeout: 1_000 });
  expect(Date.now() - saved).toBeLessThan(2_000);
  expect(seen.batches.length).toBe(batchesBefore);
  expect(seen.streams.length).toBe(1);
  await other.close();
  expect(problems).toEqual([]);
});

test('a stream cut off (a server restart) reconnects and catches up with what it missed', async ({ page, request }) => {
  const seen = watch(page);
  await page.goto('/');
  await expect(adminBadge(page)).toHaveText('Available');
  await expect.poll(() => seen.open.size).toBe(1);
  await expect.poll(() => seen.answered).toBe(1);
  expect((await request.delete('/__faults/presence-streams')).status()).toBe(204);
  // Changed while no stream is open.
  await request.put('/api/v1/users/presence', { headers: ADMIN, form: { state: 'BUSY' } });
  await expect(adminBadge(page)).toHaveText('Busy', { timeout: 5_000 });
  // The reconnect waits its jittered backoff, or the Retry-After of a 429
  // while the server still counts streams of pages other tests closed.
  await expect.poll(() => seen.streams.length, { timeout: 15_000 }).toBe(2);
  const resumed = seen.streams[1].headers()['last-event-id'];
  expect(resumed).toMatch(/^\d+$/);
  await expect.poll(() => seen.open.size).toBe(1);
});

test('a hidden tab has no stream open, and the stream resumes when it is visible', async ({ page, request }) => {
  const seen = watch(page);
  await page.goto('/');
  await expect.poll(() => seen.open.size).toBe(1);
  await setHidden(page, true);
  await expect.poll(() => seen.open.size).toBe(0);
  await request.put('/api/v1/users/presence', { headers: ADMIN, form: { state: 'AWAY' } });
  await page.waitForTimeout(500);
  expect(seen.open.size).toBe(0);
  await setHidden(page, false);
  await expect(adminBadge(page)).toHaveText('Away', { timeout: 3_000 });
  await expect.poll(() => seen.open.size).toBe(1);
});

test('an API without the stream (404) is polled exactly as before', async ({ page }) => {
  await pollEverySecond(page);
  await page.route('**/api/v1/users/presence/events**', (route) => route.fulfill({
    status: 404, contentType: 'application/problem+json', body: JSON.stringify({ title: 'Not found', status: 404 }),
  }));
  const seen = watch(page);
  await page.goto('/');
  await expect(adminBadge(page)).not.toHaveText('…');
  const start = seen.batches.length;
  await expect.poll(() => seen.batches.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(start + 2);
  expect(seen.streams.length).toBe(1); // asked once, never again
});

function setHidden(page, hidden) {
  return page.evaluate((value) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => value });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (value ? 'hidden' : 'visible') });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  }, hidden);
}

test('a stream that falls silent is given up for polling until a new one opens', async ({ page, request }) => {
  test.setTimeout(60_000);
  const seen = watch(page);
  await page.goto('/');
  await expect(adminBadge(page)).toHaveText('Available');
  await expect.poll(() => seen.open.size).toBe(1);
  await expect.poll(() => seen.answered).toBe(1);
  const batches = seen.batches.length;
  // The connection stays open but nothing more comes, not even heartbeats.
  expect((await request.put('/__faults/presence-streams')).status()).toBe(204);
  // After two heartbeat intervals (15 s each) and a margin, the admin gives
  // the stream up, asks for the badges again and opens a new stream.
  await expect.poll(() => seen.streams.length, { timeout: 40_000 }).toBe(2);
  expect(seen.batches.length).toBeGreaterThan(batches);
  await expect.poll(() => seen.open.size).toBe(1);
  await request.put('/api/v1/users/presence', { headers: ADMIN, form: { state: 'BUSY' } });
  await expect(adminBadge(page)).toHaveText('Busy', { timeout: 2_000 });
});

test('when the stream\'s code does not load, the badges are polled and a change still shows', async ({ page, request, problems }) => {
  await pollEverySecond(page);
  // The part that reads the stream (build/split.js names it), refused.
  let refused = 0;
  await page.route(/\/split_live_presence-[0-9a-f]+\.wasm$/, (route) => { refused += 1; return route.abort(); });
  const seen = watch(page);
  await page.goto('/');
  await expect(adminBadge(page)).toHaveText('Available');
  await expect.poll(() => refused, { message: 'the first stream asks for its code' }).toBeGreaterThan(0);
  const saved = await request.put('/api/v1/users/presence', { headers: ADMIN, form: { state: 'BUSY', statusMessage: '' } });
  expect(saved.status()).toBeLessThan(300);
  await expect(adminBadge(page)).toHaveText('Busy', { timeout: 5_000 });
  expect(seen.streams).toHaveLength(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  expect(problems.filter((p) => !/Failed to fetch|net::ERR_FAILED/.test(p))).toEqual([]);
});
