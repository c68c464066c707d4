// "My presence" against the reference server, signed in as the admin.
const { test, expect, accessibilityViolations } = require('./fixtures');

const ADMIN = { Authorization: 'Bearer dev-admin-token' };

test.beforeEach(async ({ request }) => {
  await request.delete('/__faults');
  // Start from a known presence.
  await request.put('/api/v1/users/presence', { headers: ADMIN, form: { state: 'AVAILABLE', clearDnd: 'true', statusMessage: '' } });
});

test('a do-not-disturb time in the past is shown on the DND-until field', async ({ page }) => {
  await page.goto('/me');
  await expect(page.getByLabel('State')).toHaveValue('AVAILABLE');
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByLabel('State').selectOption('DND');
  await page.getByLabel('Do not disturb until').fill('2020-01-01T09:00');
  await page.getByRole('button', { name: 'Save presence' }).click();

  // The summary box takes focus; the alert inside it is what is announced.
  const summary = page.locator('.ua-error-summary').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'must be in the future' })).toBeVisible();
  const until = page.getByLabel('Do not disturb until');
  await expect(until).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#ua-presence-dndUntil-error')).toHaveText('Error: Do not disturb until must be in the future');
  await expect(until).toHaveValue('2020-01-01T09:00'); // what the admin typed is kept
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.locator('.ua-own-presence .ua-presence__label')).toHaveText('Available'); // rolled back
  expect(await accessibilityViolations(page)).toEqual([]);

  await summary.getByRole('link', { name: 'must be in the future' }).click();
  await expect(until).toBeFocused();
  await until.fill('2030-01-01T09:00');
  await expect(until).not.toHaveAttribute('aria-invalid', 'true'); // the error goes stale on edit
});

test('do not disturb for an hour shows on the badge and in the list; clearing it ends it', async ({ page }) => {
  await page.goto('/me');
  await expect(page.getByLabel('State')).toHaveValue('AVAILABLE');
  await page.getByRole('button', { name: '1 hour' }).click();
  await expect(page.getByLabel('State')).toHaveValue('DND');
  await page.getByLabel('Status message').fill('In a workshop');
  await expect(page.getByText('13 of 255 characters')).toBeVisible();
  await page.getByRole('button', { name: 'Save presence' }).click();
  await expect(page.getByRole('status')).toHaveText('Your presence is saved.');
  await expect(page.locator('.ua-own-presence .ua-presence__label')).toHaveText('Do not disturb');

  await page.getByRole('navigation', { name: 'User admin' }).getByRole('link', { name: 'Users' }).click();
  const adminRow = page.locator('tbody tr', { hasText: 'admin@example.com' });
  await expect(adminRow.locator('.ua-presence__label')).toHaveText('Do not disturb');
  await expect(adminRow.locator('.ua-presence')).toHaveAttribute('title', /until .*: In a workshop/);

  await page.getByRole('navigation', { name: 'User admin' }).getByRole('link', { name: 'My presence' }).click();
  await page.getByRole('button', { name: 'Clear do not disturb' }).click();
  await expect(page.locator('.ua-own-presence .ua-presence__label')).toHaveText('Available');
  const saved = await (await page.request.get('/api/v1/users/profile', { headers: ADMIN })).json();
  const presence = await (await page.request.get(`/api/v1/users/${saved.id}/presence`, { headers: ADMIN })).json();
  expect(presence.state).toBe('AVAILABLE');
  expect(presence.dndUntil).toBeNull();
});

test('a presence state the client does not know is shown as unknown', async ({ page }) => {
  await page.route('**/api/v1/users/presence?**', async (route) => {
    const response = await route.fetch();
    const list = await response.json();
    route.fulfill({ json: list.map((p) => ({ ...p, state: 'ON_MARS' })) });
  });
  await page.goto('/');
  await expect(page.locator('tbody tr').first().locator('.ua-presence__label')).toHaveText('Unknown');
  await page.goto('/me');
  await expect(page.locator('.ua-own-presence .ua-presence__label')).toHaveText('Unknown');
});

const setHidden = (page, hidden) => page.evaluate((value) => {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => value });
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (value ? 'hidden' : 'visible') });
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
}, hidden);

// Serves the page with a 1 s presence refresh (the host element's setting),
// from an API that does not link to a presence event stream (polling).
async function withFastRefresh(page) {
  await withoutPresenceStream(page);
  await page.route(/\/$|\/\?/, async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    const html = (await response.text()).replace('<div id="user-admin"', '<div id="user-admin" data-presence-refresh-ms="1000"');
    await route.fulfill({ response, body: html });
  });
}

test('badges refresh while the tab is visible, pause while hidden, and refresh on return', async ({ page }) => {
  await withFastRefresh(page);
  const presenceRequests = [];
  page.on('request', (r) => { if (r.url().includes('/api/v1/users/presence?')) presenceRequests.push(r.url()); });
  await page.goto('/');
  await expect(page.locator('tbody tr').first().locator('.ua-presence__label')).not.toHaveText('…');
  await expect.poll(() => presenceRequests.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);

  await setHidden(page, true);
  await page.waitForTimeout(300); // a refresh already on its way may land
  const whileHidden = presenceRequests.length;
  await page.waitForTimeout(2_500); // two and a half intervals
  expect(presenceRequests.length).toBe(whileHidden);

  await setHidden(page, false);
  // At once on return: well before the next 1 s tick could have done it.
  await expect.poll(() => presenceRequests.length, { timeout: 500 }).toBeGreaterThanOrEqual(whileHidden + 1);
});

test('failed refreshes keep the last known badges and mark them stale after a while', async ({ page }) => {
  await withFastRefresh(page);
  await page.goto('/');
  const firstBadge = page.locator('tbody tr').first().locator('.ua-presence');
  await expect(firstBadge.locator('.ua-presence__label')).not.toHaveText('…');
  const label = await firstBadge.locator('.ua-presence__label').textContent();
  await page.route('**/api/v1/users/presence?**', (route) => route.abort());

  await expect(firstBadge).toHaveClass(/ua-presence--stale/, { timeout: 10_000 });
  await expect(firstBadge.locator('.ua-presence__label')).toHaveText(label); // never blanked
  await expect(firstBadge).toHaveAttribute('title', /may be out of date/);
});

test('a do-not-disturb that ends shows as ended without waiting for a refresh', async ({ page, request }) => {
  const soon = new Date(Date.now() + 3_000).toISOString();
  const set = await request.put('/api/v1/users/presence', { headers: ADMIN, form: { state: 'DND', dndUntil: soon } });
  expect(set.status()).toBe(200);
  await page.goto('/me');
  const own = page.locator('.ua-own-presence .ua-presence__label');
  await expect(own).toHaveText('Do not disturb');
  await expect(own).toHaveText('Available', { timeout: 6_000 });
});

// The batch answers without their `Link` to the event stream: the API of a
// portal that has none.
async function withoutPresenceStream(page) {
  await page.route('**/api/v1/users/presence?**', async (route) => {
    // A request the admin aborted meanwhile (the tab hidden, the page
    // left) has nothing to answer.
    await route.fetch().then((response) => {
      const headers = { ...response.headers() };
      delete headers.link;
      return route.fulfill({ response, headers });
    }).catch(() => {});
  });
}
