// The user profile (read-only view) against the reference server.
const { test, expect, accessibilityViolations } = require('./fixtures');

test('a user opened from the list shows their details and presence', async ({ page, problems }) => {
  await page.goto('/?q=garcia');
  const row = page.locator('table.ua-table:not(.ua-table--loading) tbody tr').first();
  await expect(row.locator('td.ua-table__username')).toContainText('garcia');
  const username = (await row.locator('td.ua-table__username').textContent()).trim();
  await row.locator('a').click();
  await expect(page.locator('.ua-details').first()).toContainText(username);
  await expect(page.locator('.ua-own-presence .ua-presence__label')).not.toHaveText('…');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  expect(await accessibilityViolations(page)).toEqual([]);
  expect(problems).toEqual([]);
});

test('a profile opened from the list needs no request: the list page already has the user and presence', async ({ page }) => {
  await page.goto('/?q=jansen');
  const row = page.locator('table.ua-table:not(.ua-table--loading) tbody tr').first();
  await expect(row.locator('.ua-presence__label')).not.toHaveText('…');
  const requests = [];
  // The live presence stream the profile subscribes to is not a read it waits for.
  page.on('request', (r) => {
    if (r.url().includes('/api/') && !r.url().includes('/presence/events')) requests.push(`${r.method()} ${r.url()}`);
  });
  const username = (await row.locator('td.ua-table__username').textContent()).trim();
  await row.locator('a').first().click();
  await expect(page.locator('.ua-details').first()).toContainText(username);
  await expect(page.locator('.ua-own-presence .ua-presence__label')).not.toHaveText('…');
  expect(requests).toEqual([]);
  // Editing starts from a fresh read, for the latest version and its ETag.
  await page.getByRole('link', { name: 'Edit user' }).click();
  await expect(page.getByLabel('Full name', { exact: true })).toBeVisible();
  expect(requests.filter((r) => r.startsWith('GET') && /\/users\/[0-9a-f]+$/.test(r))).toHaveLength(1);
});

test('an unknown user has a not-found view with a way back', async ({ page }) => {
  await page.goto('/users/no-such-user');
  await expect(page.getByRole('heading', { level: 1, name: 'User not found' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('link', { name: 'Go to the user list' })).toBeVisible();
});

test('a user from a {status, data} envelope with a long membership list stays readable', async ({ page }) => {
  const memberships = Array.from({ length: 40 }, (_, i) => `All Users_T_da7e4d23-78cb-4483-98ed-${i}`);
  await page.route('**/api/v1/users/tw1', (route) => route.fulfill({ json: { status: '200', data: {
    userID: 1, userName: 'tw_admin', fullName: 'Internal TW Admin user', isDisabled: false,
    primaryGroup: null, emailAddress: null, userPreferences: { Locale: 'en' }, memberships } } }));
  await page.route(/\/api\/v1\/users\/presence\?userIds=tw1$/, (route) => route.fulfill({ json: [
    { userId: 'tw1', state: 'AWAY', dndUntil: null, statusMessage: 'Back at 3', updatedAt: '2026-11-22T09:00:00Z' }] }));
  await page.goto('/users/tw1');
  await expect(page.getByRole('heading', { level: 1, name: 'Internal TW Admin user' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Memberships (40)' })).toBeVisible();
  await expect(page.locator('.ua-memberships').first().locator('li')).toHaveCount(8);
  await page.getByText('Show 32 more').click();
  await expect(page.locator('details .ua-memberships li')).toHaveCount(32);
  await expect(page.locator('.ua-own-presence .ua-presence__label')).toHaveText('Away');
  expect(await accessibilityViolations(page)).toEqual([]);
});

test("the profile's presence refreshes on the host's interval", async ({ page }) => {
  await page.route(/\/users\/[^/?]+$/, async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    const html = (await response.text()).replace('<div id="user-admin"', '<div id="user-admin" data-presence-refresh-ms="1000"');
    await route.fulfill({ response, body: html });
  });
  // An API without the presence event stream: the batch answer has no `Link`.
  await page.route('**/api/v1/users/presence?**', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers.link;
    await route.fulfill({ response, headers });
  });
  const profile = await (await page.request.get('/api/v1/users/profile', { headers: { Authorization: 'Bearer dev-admin-token' } })).json();
  const requests = [];
  page.on('request', (r) => { if (r.url().includes(`/api/v1/users/presence?userIds=${profile.id}`)) requests.push(r.url()); });
  await page.goto(`/users/${profile.id}`);
  await expect(page.locator('.ua-own-presence .ua-presence__label')).not.toHaveText('…');
  await expect.poll(() => requests.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
});
