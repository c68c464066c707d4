// What real portals, browsers and servers send, and what the admin must
// survive: odd locale tags, listeners that remove the admin, tokens that are
// not header values, an API without /users/profile, lost answers across a
// remount, numbers at the end of their range, a busy server.
const { test, expect } = require('./fixtures');
const { wasmMemoryBytes } = require('../../bench/wasm-memory');

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; frame-ancestors 'self'";
const ADMIN = { authorization: 'Bearer dev-admin-token' };
const rows = (root) => root.locator('table.ua-table:not(.ua-table--loading) tbody tr');
const unique = (prefix) => `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

async function fault(request, rule) {
  await request.delete('/__faults');
  if (rule) expect((await request.post('/__faults', { data: rule })).status()).toBe(204);
}

test.beforeEach(async ({ request }) => {
  await fault(request, null);
});

// A portal page of our own under /portal/x/: `elements` (by default one
// <user-admin> with the given attributes), each admin given `token`, and
// `script` run as the page's module (no inline script: CSP).
async function portal(page, { attributes = '', elements, script = '', path = '/portal/x/', token = 'dev-admin-token' } = {}) {
  const body = elements || `<user-admin base-path="/portal/x" ${attributes}></user-admin>`;
  await page.route('**/portal/x/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      headers: { 'content-security-policy': CSP },
      body: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Portal</title>
        <script type="module" src="/user-admin.js"></script><script type="module" src="/portal-x.js"></script></head>
        <body><main>${body}</main></body></html>`,
    }),
  );
  await page.route('**/portal-x.js', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: `for (const each of document.querySelectorAll('user-admin')) each.token = ${JSON.stringify(token)};
        const admin = document.querySelector('user-admin');
        ${script}`,
    }),
  );
  await page.goto(path);
  return page.locator('user-admin');
}

// 1. Locale tags as portals pass them.
for (const [tag, heading, lang] of [
  ['de_DE', 'Benutzer', 'de-DE'],
  ['de_AT.UTF-8@euro', 'Benutzer', 'de-AT'],
  ['en_US.UTF-8', 'Users', 'en-US'],
  ['zh_Hant_TW', 'Users', 'zh-Hant-TW'],
  ['C', 'Users', 'en-US'],
  ['not a tag!', 'Users', 'en-US'],
]) {
  test(`locale="${tag}" loads the list in the right language`, async ({ page, problems }) => {
    const admin = await portal(page, { attributes: `locale="${tag}"` });
    await expect(rows(admin).first()).toBeVisible();
    await expect(admin.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(admin.locator('.ua-app')).toHaveAttribute('lang', lang);
    // Dates went through Intl for that locale without a RangeError.
    await expect(rows(admin).first().locator('time').first()).not.toBeEmpty();
    expect(problems).toEqual([]);
  });
}

test('a browser whose own language is "C" (LANG=C) gets the default locale', async ({ page, problems }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'language', { get: () => 'C' });
    Object.defineProperty(Navigator.prototype, 'languages', { get: () => ['C'] });
  });
  const sent = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/v1/users')) sent.push(request.headers()['accept-language']);
  });
  await page.goto('/');
  await expect(rows(page).first()).toBeVisible();
  await expect(page.locator('.ua-app')).toHaveAttribute('lang', 'en');
  expect(sent[0]).toBe('en');
  expect(problems).toEqual([]);
});

// 2. A host listener that removes the admin.
test('a listener that removes the element on user-created leaves the other admins working', async ({ page, problems }) => {
  const username = unique('removed.');
  await portal(page, {
    path: '/portal/x/a/users/new',
    elements: `<p id="done"></p>
      <user-admin id="creating" base-path="/portal/x/a"></user-admin>
      <user-admin id="other" base-path="/portal/x/b"></user-admin>`,
    script: `const creating = document.getElementById('creating');
      creating.addEventListener('user-admin:user-created', (event) => {
        creating.remove();
        document.getElementById('done').textContent = 'created ' + event.detail.userKey;
      });`,
  });
  const creating = page.locator('#creating');
  await creating.getByLabel('Username', { exact: true }).fill(username);
  await creating.getByLabel('Full name', { exact: true }).fill('Removed By Portal');
  await creating.getByLabel('Email', { exact: true }).fill(`${username}@example.com`);
  await creating.getByRole('button', { name: 'Create user' }).click();
  await expect(page.locator('#done')).toHaveText(/^created /);
  await expect(page.locator('#creating')).toHaveCount(0);
  // The other admin on the page is alive: it searches and shows rows.
  const other = page.locator('#other');
  await other.getByLabel('Search users').fill(username);
  await expect(rows(other)).toHaveCount(1);
  await expect(rows(other).first()).toContainText('Removed By Portal');
  expect(problems).toEqual([]);
});

// 3. Tokens that are not valid header values.
for (const [name, token] of [
  ['CR/LF', 'dev-admin-token\r\nX-Injected: 1'],
  ['U+2028', 'dev-admin\u2028token'],
  ['above U+00FF', 'dev-admin-tok\u20acen'],
]) {
  test(`a token with ${name} is no token: the admin is told to sign in again`, async ({ page, problems }) => {
    await page.addInitScript(() => {
      document.addEventListener('user-admin:session-expired', () => {
        document.documentElement.dataset.sessionExpired = 'yes';
      });
    });
    // Given as the token and again by the token function on the 401.
    const admin = await portal(page, { token, script: `admin.getToken = () => ${JSON.stringify(token)};` });
    await expect(page.locator('html')).toHaveAttribute('data-session-expired', 'yes', { timeout: 10_000 });
    await expect(admin.getByText(/sign in/i).first()).toBeVisible();
    await expect(admin.getByText('Loading users…')).toHaveCount(0);
    expect(problems.filter((p) => !/Failed to load resource.*401/.test(p))).toEqual([]);
  });
}

// 4. An API whose /users/profile fails or does not exist.
test('a failing /users/profile is shown with Try again, and the create controls stay', async ({ page }) => {
  // Fails until Try again: every screen that reads the profile meanwhile
  // (the navigation, the create screen) sees the failure.
  let failing = true;
  await page.route('**/api/v1/users/profile', (route) =>
    failing
      ? route.fulfill({ status: 500, contentType: 'application/problem+json', body: JSON.stringify({ title: 'Internal Server Error', status: 500 }) })
      : route.continue(),
  );
  await page.goto('/users/new');
  const main = page.getByRole('main');
  await expect(main.getByRole('alert')).toContainText(/server/i);
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Create user' })).toBeVisible();
  await expect(main.getByText('Loading…')).toHaveCount(0);
  failing = false;
  await main.getByRole('button', { name: 'Try again' }).click();
  await expect(main.getByRole('alert')).toHaveCount(0);
  await expect(page.getByLabel('Username', { exact: true })).toBeVisible();
});

test('an API without /users/profile (404) offers the controls and lets the server decide', async ({ page }) => {
  await page.route('**/api/v1/users/profile', (route) =>
    route.fulfill({ status: 404, contentType: 'application/problem+json', body: JSON.stringify({ title: 'Not Found', status: 404 }) }),
  );
  await page.goto('/');
  await expect(rows(page).first()).toBeVisible();
  await expect(page.getByRole('main').getByRole('link', { name: 'Create user' })).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'Create user' }).click();
  await expect(page.getByLabel('Username', { exact: true })).toBeVisible();
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
});

// 5. The idempotency key travels with the draft.
test('a create whose answer was lost keeps its Idempotency-Key across a remount', async ({ page }) => {
  const username = unique('remount.');
  const keys = [];
  let lose = true;
  await page.route('**/api/v1/users', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    keys.push(route.request().headers()['idempotency-key']);
    if (lose) {
      // Stored by the server, answer lost: every retry of this mount too.
      await route.fetch();
      return route.abort('connectionreset');
    }
    return route.continue();
  });
  await page.goto('/portal/admin/users/new');
  const admin = page.locator('user-admin');
  await admin.getByLabel('Username', { exact: true }).fill(username);
  await admin.getByLabel('Full name', { exact: true }).fill('Remounted Person');
  await admin.getByLabel('Email', { exact: true }).fill(`${username}@example.com`);
  await admin.getByRole('button', { name: 'Create user' }).click();
  await expect(admin.getByRole('alert')).toBeVisible({ timeout: 20_000 });
  lose = false;
  // The portal changes an attribute: the admin remounts with the draft.
  await page.evaluate(() => document.querySelector('user-admin').setAttribute('locale', 'de'));
  await expect(admin.getByLabel('Benutzername')).toHaveValue(username);
  await admin.getByRole('button', { name: 'Benutzer anlegen' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Remounted Person' })).toBeVisible({ timeout: 15_000 });
  expect(new Set(keys).size).toBe(1);
  const found = await (await page.request.get(`/api/v1/users?q=${username}`, { headers: ADMIN })).json();
  expect(found.items).toHaveLength(1);
});

// 7. The query cache forgets what nobody reads.
test('500 distinct searches grow the wasm memory by a bounded amount', async ({ page, problems }) => {
  test.setTimeout(180_000);
  const cdp = await page.context().newCDPSession(page);
  const views = [];
  for (const sort of ['', 'username', '-username', 'email', '-email', 'fullName', '-fullName', 'createdAt', '-createdAt', 'lastLoginAt', '-lastLoginAt']) {
    for (const [limit, pages] of [[10, 50], [25, 20], [50, 10], [100, 5]]) {
      for (let p = 0; p < pages; p += 1) views.push(`?limit=${limit}&page=${p}${sort ? `&sort=${sort}` : ''}`);
    }
  }
  expect(views.length).toBeGreaterThanOrEqual(600);
  // Navigations run inside the page (no Playwright handles on old DOM).
  const visit = (list) => page.evaluate(async (list) => {
    const settled = () => !document.querySelector('[aria-busy="true"]');
    for (const query of list) {
      history.pushState(null, '', `/${query}`);
      dispatchEvent(new PopStateEvent('popstate'));
      await new Promise((resolve) => setTimeout(resolve, 0));
      for (let i = 0; i < 400 && !settled(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }, list);
  await page.goto('/');
  await expect(rows(page).first()).toBeVisible();
  await visit(views.slice(0, 100));
  const warm = await wasmMemoryBytes(cdp);
  await visit(views.slice(100, 600));
  const grown = (await wasmMemoryBytes(cdp)) - warm;
  console.log(`wasm memory after 500 more distinct views: +${grown} bytes`);
  // Without eviction every page stays cached: ~15 MB for these 500.
  expect(grown).toBeLessThanOrEqual(2 * 1024 * 1024);
  expect(problems).toEqual([]);
});

// 8. Numbers from the host and the network at the end of their range.
test('a presence interval above i32::MAX and a page number near u64::MAX do not break the list', async ({ page, problems }) => {
  const admin = await portal(page, { attributes: 'presence-refresh-ms="99999999999"', path: '/portal/x/?page=18446744073709551615' });
  // The server refuses the page number; the admin says so, nothing crashes.
  await expect(admin.locator('.ua-app')).toBeVisible();
  await expect(admin.getByRole('alert').or(admin.locator('.ua-pager')).first()).toBeVisible();
  await page.route('**/api/v1/users?*', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        meta: { page: 18446744073709551615, limit: 25, pageCount: 18446744073709551615, totalCount: 18446744073709551615 },
        items: [{ id: '1', username: 'edge', fullName: 'Edge Of Range', email: 'edge@example.com', active: true }],
      }),
    }),
  );
  await admin.getByLabel('Search users').fill('edge');
  await expect(rows(admin)).toHaveCount(1);
  await expect(admin.locator('.ua-pager__summary')).toBeVisible();
  // 400: the server refuses the page number; 404: the made-up user has no presence.
  expect(problems.filter((p) => !/Failed to load resource.*40[04]/.test(p))).toEqual([]);
});

// 9. /users is the list.
test('/users shows the list', async ({ page, problems }) => {
  await page.goto('/users');
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(rows(page).first()).toBeVisible();
  expect(problems).toEqual([]);
});

// 11. Waiting is visible.
test('a list held back by a busy server says so and counts down', async ({ page, request }) => {
  await fault(request, { path: '/api/v1/users', method: 'GET', count: 1, status: 503, retryAfter: '3' });
  await page.goto('/');
  const notice = page.locator('.ua-retry');
  await expect(notice).toContainText(/The server is busy; trying again in [23] s/);
  // Announced once, politely: the live region holds the sentence, not the countdown.
  await expect(page.locator('.ua-retry-live[aria-live="polite"]')).toHaveText('The server is busy; trying again in 3 s.');
  await expect(notice).toContainText(/trying again in [12] s/);
  await expect(rows(page).first()).toBeVisible({ timeout: 10_000 });
  await expect(notice).toHaveCount(0);
});

test('a create held back by a busy server can be cancelled, keeping the input', async ({ page, request }) => {
  const username = unique('busy.');
  await fault(request, { path: '/api/v1/users', method: 'POST', count: 4, status: 503, retryAfter: '20' });
  await page.goto('/users/new');
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Full name', { exact: true }).fill('Busy Server');
  await page.getByLabel('Email', { exact: true }).fill(`${username}@example.com`);
  await page.getByRole('button', { name: 'Create user' }).click();
  const notice = page.locator('.ua-retry');
  await expect(notice).toContainText(/The server is busy; trying again in (20|19|18) s/);
  await notice.getByRole('button', { name: 'Cancel' }).click();
  await expect(notice).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Create user' })).toBeVisible();
  await expect(page.getByLabel('Username', { exact: true })).toHaveValue(username);
  await fault(request, null);
});

test('a presence save held back by a busy server can be cancelled, and the badge goes back', async ({ page, request }) => {
  // Start from a known state: the seeded one may be anything.
  const reset = await request.put('/api/v1/users/presence', {
    headers: { ...ADMIN, 'content-type': 'application/x-www-form-urlencoded' },
    data: 'state=AVAILABLE&clearDnd=true',
  });
  expect(reset.status()).toBe(200);
  await page.goto('/me');
  await expect(page.locator('.ua-own-presence .ua-presence__label')).toHaveText('Available');
  await fault(request, { path: '/api/v1/users/presence', method: 'PUT', count: 4, status: 503, retryAfter: '20' });
  await page.getByRole('button', { name: '1 hour' }).click();
  await page.getByRole('button', { name: 'Save presence' }).click();
  const notice = page.locator('.ua-retry');
  await expect(notice).toContainText(/The server is busy; trying again in (20|19|18) s/);
  await notice.getByRole('button', { name: 'Cancel' }).click();
  await expect(notice).toHaveCount(0);
  await expect(page.locator('.ua-own-presence .ua-presence__label')).toHaveText('Available');
  await fault(request, null);
});
