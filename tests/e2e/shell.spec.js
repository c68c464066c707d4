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

test('axe finds no accessibility violations in the shell', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  expect(await accessibilityViolations(page)).toEqual([]);
});
