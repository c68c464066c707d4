// The split bundle: a first visit of the list loads only the main part; the
// other screens and the dialogs load when the browser is idle after the first
// rows, or when the pointer reaches a link to them, and a part that does not
// load (network error, the server's index.html instead of the file) is an
// error with Try again, never a panic or a blank screen.
const { test, expect, accessibilityViolations } = require('./fixtures');

const rows = (page) => page.locator('table.ua-table:not(.ua-table--loading) tbody tr');
// The wasm files of the parts loaded when needed (build/split.js names them).
const PART = /\/(split|chunk)_[^/]*\.wasm$/;
// The screens' part (profile, edit, create, my presence); the dialogs' part.
const SCREENS_PART = /\/split_screens-[0-9a-f]+\.wasm$/;
const DIALOGS_PART = /\/split_list_dialogs-[0-9a-f]+\.wasm$/;

test('the list needs none of the other parts, and they load once the browser is idle', async ({ page, problems }) => {
  const parts = [];
  page.on('request', (r) => { if (PART.test(new URL(r.url()).pathname)) parts.push(r.url()); });
  // Every part refused: the list still loads, searches and pages.
  await page.route(PART, (route) => route.abort());
  await page.goto('/?q=jansen');
  await expect(rows(page).first()).toContainText('jansen');
  await expect.poll(() => parts.length, { message: 'the idle prefetch asks for the parts' }).toBeGreaterThan(0);
  await page.getByRole('searchbox').fill('garcia');
  await expect(rows(page).first()).toContainText('garcia');
  // Nothing the admin asked for failed, so nothing says so.
  await expect(page.getByRole('alert')).toHaveCount(0);
  // Allowed again: the profile's part loads, with the screen's events working.
  await page.unroute(PART);
  const username = (await rows(page).first().locator('td.ua-table__username').textContent()).trim();
  await rows(page).first().locator('a').first().click();
  await expect(page.locator('.ua-details').first()).toContainText(username);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await page.getByRole('link', { name: 'Edit user' }).click();
  // A value the server refuses: its error is on the field.
  const timeZone = page.getByLabel('Time zone', { exact: true });
  await timeZone.fill('Mars/Olympus_Mons');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(timeZone).toHaveAttribute('aria-invalid', 'true');
  // The loader logs the refused downloads, the browser the refused save;
  // nothing else went wrong.
  expect(problems.filter((p) => !/Failed to fetch|net::ERR_FAILED|422/.test(p))).toEqual([]);
});

test('after the idle prefetch, opening a profile downloads no code', async ({ page }) => {
  const parts = [];
  page.on('requestfinished', (r) => { if (PART.test(new URL(r.url()).pathname)) parts.push(r.url()); });
  await page.goto('/?q=jansen');
  await expect(rows(page).first()).toContainText('jansen');
  await expect.poll(() => parts.some((url) => SCREENS_PART.test(url))).toBe(true);
  // The dialogs' part is in too (the prefetch asks for every part).
  await expect.poll(() => parts.some((url) => DIALOGS_PART.test(url))).toBe(true);
  // Our contract needs no profile reading, English no German: their parts
  // are never fetched.
  expect(parts.filter((url) => /\/split_(profile_reader|catalogue_de)-/.test(url))).toEqual([]);
  const before = parts.length;
  const requested = [];
  page.on('request', (r) => { if (PART.test(new URL(r.url()).pathname)) requested.push(r.url()); });
  await rows(page).first().locator('a').first().click();
  await expect(page.locator('.ua-details').first()).toContainText('jansen');
  expect(requested).toEqual([]);
  expect(parts.length).toBe(before);
});

test('a part answered with the web page instead of the file is an error with Try again', async ({ page, request, problems }) => {
  const index = await (await request.get('/')).text();
  let refuse = true;
  await page.route(PART, (route) => (refuse
    ? route.fulfill({ status: 200, contentType: 'text/html', body: index })
    : route.fallback()));
  await page.goto('/?q=jansen');
  await expect(rows(page).first()).toContainText('jansen');
  // A dialog asked for says it could not load; the list around it works.
  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect(page.getByRole('alert')).toContainText('could not be loaded');
  await expect(rows(page).first()).toContainText('jansen');
  // A screen says so in place of the screen.
  await page.getByRole('link', { name: 'My presence' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('could not be loaded');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Screen not loaded');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  expect(await accessibilityViolations(page)).toEqual([]);
  // Try again once the files are back: the screen is there.
  refuse = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My presence');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(problems.filter((p) => !/MIME|mime|WebAssembly|wasm/.test(p))).toEqual([]);
});

test('the selection bar loads at the first tick; if it does not load, the tick is kept and Try again brings it', async ({ page, problems }) => {
  let refuse = true;
  await page.route(DIALOGS_PART, (route) => (refuse ? route.abort() : route.fallback()));
  await page.goto('/?q=jansen');
  await expect(rows(page).first()).toContainText('jansen');
  await rows(page).first().getByRole('checkbox').check();
  // Said at once: the live region is in the first download.
  await expect(page.getByRole('status').filter({ hasText: '1 selected' })).toBeAttached();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('could not be loaded');
  await expect(rows(page).first().getByRole('checkbox')).toBeChecked();
  refuse = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  const bar = page.getByRole('group', { name: 'Change the selected users' });
  await expect(bar).toBeVisible();
  await expect(bar).toContainText('1 selected');
  await expect(page.getByRole('alert')).toHaveCount(0);
  // Its buttons work: Clear empties the selection and hides the bar.
  await bar.getByRole('button', { name: 'Clear' }).click();
  await expect(rows(page).first().getByRole('checkbox')).not.toBeChecked();
  await expect(bar).toBeHidden();
  expect(problems.filter((p) => !/Failed to fetch|net::ERR_FAILED/.test(p))).toEqual([]);
});

test('the pointer on a link loads the screen behind it', async ({ page }) => {
  let refused = 0;
  await page.route(PART, (route) => {
    if (refused >= 0) { refused += SCREENS_PART.test(new URL(route.request().url()).pathname) ? 1 : 0; return route.abort(); }
    return route.fallback();
  });
  await page.goto('/?q=jansen');
  await expect(rows(page).first()).toContainText('jansen');
  // The idle prefetch was refused; nothing asks again until the pointer does.
  await expect.poll(() => refused).toBeGreaterThan(0);
  await page.waitForTimeout(300);
  refused = -1;
  const screens = page.waitForRequest((r) => SCREENS_PART.test(new URL(r.url()).pathname), { timeout: 5000 });
  await rows(page).first().locator('a').first().hover();
  await screens;
});

test('a German admin loads the German part first; if it does not load, the admin speaks English', async ({ page, problems }) => {
  const GERMAN_PART = /\/split_catalogue_de-[0-9a-f]+\.wasm$/;
  await page.route((u) => u.pathname === '/', async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    const html = (await response.text()).replace('<div id="user-admin"', '<div id="user-admin" data-locale="de"');
    await route.fulfill({ response, body: html });
  });
  const german = [];
  page.on('requestfinished', (r) => { if (GERMAN_PART.test(new URL(r.url()).pathname)) german.push(r.url()); });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Benutzer');
  await expect(rows(page)).toHaveCount(25);
  expect(german).toHaveLength(1);

  await page.route(GERMAN_PART, (route) => route.abort());
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users');
  await expect(rows(page)).toHaveCount(25);
  expect(problems.filter((p) => !/Failed to fetch|net::ERR_FAILED/.test(p))).toEqual([]);
});

test('a refused list parameter is placed on its control by a part loaded then; without it the banner says the list was refused, with Try again', async ({ page, problems }) => {
  const ERRORS_PART = /\/split_list_errors-[0-9a-f]+\.wasm$/;
  await page.route('**/api/v1/users?**', (route) => route.fulfill({
    status: 400,
    contentType: 'application/problem+json',
    body: JSON.stringify({ type: 'about:blank', title: 'A query parameter is not valid.', status: 400,
      errors: [{ detail: 'is not a role', parameter: 'role' }] }),
  }));
  await page.route(ERRORS_PART, (route) => route.abort());
  await page.goto('/?role=astronaut');
  await expect(page.getByRole('alert')).toContainText('A query parameter is not valid.');
  await expect(page.getByLabel('Role')).not.toHaveAttribute('aria-invalid', 'true');
  await page.unroute(ERRORS_PART);
  const loaded = page.waitForRequest((r) => ERRORS_PART.test(new URL(r.url()).pathname));
  await page.getByRole('button', { name: 'Try again' }).click();
  await loaded;
  await expect(page.getByLabel('Role')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#ua-error-role')).toHaveText('Error: Role is not a role');
  expect(problems.filter((p) => !/Failed to fetch|net::ERR_FAILED|400/.test(p))).toEqual([]);
});
