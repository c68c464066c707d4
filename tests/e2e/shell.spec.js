// The built app under the strict Content-Security-Policy the reference server sends.
const { test, expect, accessibilityViolations } = require('./fixtures');

const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; frame-ancestors 'self'";

test('the shell renders under the strict CSP with no console errors', async ({ page, problems }) => {
  const response = await page.goto('/');
  expect(response.headers()['content-security-policy']).toBe(STRICT_CSP);

  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'User admin' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('the built index.html has no inline script or style', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const inlineScripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)].filter((m) => m[1].trim() !== '');
  expect(inlineScripts).toEqual([]);
  expect(html).not.toMatch(/<style\b/i);
  expect(html).not.toMatch(/\sstyle\s*=/i);
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
});

test('navigation works by keyboard and deep links load the right screen', async ({ page, problems }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  const createLink = page.getByRole('navigation', { name: 'User admin' }).getByRole('link', { name: 'Create user' });
  await createLink.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Create user' })).toBeFocused();
  await expect(page).toHaveURL(/\/users\/new$/);

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();

  await page.goto('/me');
  await expect(page.getByRole('heading', { level: 1, name: 'My presence' })).toBeVisible();
  await page.goto('/nowhere');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('a link opened in a new tab is left to the browser: the admin stays where it is', async ({ page, context }) => {
  await page.goto('/');
  const user = page.locator('table.ua-table:not(.ua-table--loading) tbody tr a').first();
  await expect(user).toBeVisible();
  const [tab] = await Promise.all([context.waitForEvent('page'), user.click({ modifiers: ['ControlOrMeta'] })]);
  await expect(tab).toHaveURL(/\/users\/[^/]+$/);
  await expect(tab.getByRole('heading', { level: 1 })).not.toHaveText('Users');
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/');
  await tab.close();
});

test('axe finds no accessibility violations in the shell', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  expect(await accessibilityViolations(page)).toEqual([]);
});

const MAIN_WASM = /\/user-admin-[0-9a-f]+_bg\.wasm$/;

test('until the code has arrived the page shows the outline of the list, then the list in its place', async ({ page, problems }) => {
  let release;
  const arrived = new Promise((resolve) => { release = resolve; });
  await page.route(MAIN_WASM, async (route) => { await arrived; await route.continue(); });
  await page.goto('/');
  const outline = page.locator('#user-admin .ua-boot');
  await expect(outline).toBeVisible();
  await expect(outline.locator('rect').first()).toBeVisible();
  await expect(page.getByRole('heading')).toHaveCount(0);
  release();
  await expect(page.locator('table.ua-table:not(.ua-table--loading) tbody tr').first()).toBeVisible();
  await expect(outline).toHaveCount(0);
  await expect(page.getByRole('main')).toHaveCount(1);
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  expect(problems).toEqual([]);
});

test('code answered with a web page is a message with Reload, not an outline for ever', async ({ page }) => {
  // What a proxy or an SSO gateway does with a file it does not know.
  await page.route(MAIN_WASM, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!DOCTYPE html><p>Sign in</p>' }));
  await page.goto('/');
  const alert = page.getByRole('alert');
  await expect(alert.getByRole('heading', { level: 1 })).toHaveText('The admin did not load');
  await expect(alert).toContainText('Check your connection and reload the page.');
  await expect(page.locator('.ua-boot')).toHaveCount(0);
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.getByRole('main').getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});
