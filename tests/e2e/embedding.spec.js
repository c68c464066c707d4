// The admin embedded in the example portal (examples/portal/, served by the
// reference server at /portal): a <user-admin> element in a page with its
// own global CSS, scripts and strict CSP.
const { test, expect, accessibilityViolations } = require('./fixtures');

const PORTAL = '/portal/admin/';
// Rows of the loaded table (not the loading skeleton's).
const rows = (admin) => admin.locator('table.ua-table:not(.ua-table--loading) tbody tr');

async function fault(request, rule) {
  await request.delete('/__faults');
  if (rule) expect((await request.post('/__faults', { data: rule })).status()).toBe(204);
}

test.beforeEach(async ({ request }) => {
  await fault(request, null);
});

// Refused requests show up as "Failed to load resource" in Chromium's console.
const unexpected = (problems) => problems.filter((p) => !/Failed to load resource.*40[13]/.test(p));

test('renders in the portal with zero CSP violations, console errors or new globals', async ({ page, problems }) => {
  await page.addInitScript(() => {
    // Recorded before any script of the page runs, under a symbol (not a name).
    Object.defineProperty(window, Symbol.for('globals-at-start'), { value: Object.getOwnPropertyNames(window) });
  });
  await page.goto(PORTAL);
  const admin = page.locator('user-admin');
  await expect(rows(admin).first()).toBeVisible();
  await expect(admin.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  // The portal keeps its own title; the admin lives in a shadow root.
  await expect(page).toHaveTitle('People · Acme intranet');
  expect(await page.evaluate(() => document.querySelector('user-admin').shadowRoot !== null)).toBe(true);
  const added = await page.evaluate(() => {
    const before = new Set(window[Symbol.for('globals-at-start')]);
    return Object.getOwnPropertyNames(window).filter((name) => !before.has(name));
  });
  expect(added).toEqual([]);
  expect(problems).toEqual([]);
  expect(await accessibilityViolations(page)).toEqual([]);
});

test("the portal's global CSS does not change the admin's styles", async ({ page }) => {
  // What the portal's CSS can reach: computed styles, not layout. Heights
  // depend on the width the portal's layout leaves and on the machine's
  // fonts (rows wrap differently), which is not the admin's styling.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(PORTAL);
  const admin = page.locator('user-admin');
  await expect(rows(admin).first()).toBeVisible();
  const measure = () =>
    page.evaluate(() => {
      const root = document.querySelector('user-admin').shadowRoot;
      const pick = (selector, props) => {
        const element = root.querySelector(selector);
        const style = getComputedStyle(element);
        return [selector, Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]))];
      };
      const text = ['font-family', 'font-size', 'line-height', 'letter-spacing', 'text-transform', 'color', 'white-space'];
      const box = ['box-sizing', 'padding-top', 'padding-bottom', 'padding-left', 'border-top-width', 'border-bottom-width', 'border-top-style', 'border-radius', 'display', 'min-height'];
      return Object.fromEntries([
        pick('h1.ua-page-title', [...text, 'margin-bottom']),
        pick('#ua-search-input', [...text, ...box]),
        pick('button.ua-sort', [...text, ...box, 'cursor', 'font-weight']),
        pick('a.ua-button--primary', [...text, ...box, 'background-color']),
        pick('table.ua-table td', [...text, ...box]),
        pick('.ua-nav a', [...text, 'text-decoration-line']),
      ]);
    });
  const withPortalCss = await measure();
  await page.evaluate(() => {
    document.querySelector('link[href="/portal/portal.css"]').sheet.disabled = true;
  });
  const withoutPortalCss = await measure();
  expect(withPortalCss).toEqual(withoutPortalCss);
  // The portal's CSS really is hostile: it changes the portal's own button.
  expect(await page.locator('.portal-theme').evaluate((b) => getComputedStyle(b).borderTopWidth)).not.toBe('0px');
});

test("the admin's CSS does not change the portal's elements", async ({ page }) => {
  await page.goto(PORTAL);
  await expect(rows(page.locator('user-admin')).first()).toBeVisible();
  const measure = () =>
    page.evaluate(() => {
      const props = ['font-size', 'font-family', 'line-height', 'color', 'background-color', 'box-sizing', 'padding-top', 'border-top-width', 'letter-spacing'];
      return ['body', '.portal-header', '.portal-theme', '.portal-sidebar a', '.portal-breadcrumbs li'].map((selector) => {
        const style = getComputedStyle(document.querySelector(selector));
        return [selector, props.map((p) => style.getPropertyValue(p))];
      });
    });
  const withAdmin = await measure();
  // None of the admin's stylesheets is in the document.
  const sheets = await page.evaluate(() => [...document.styleSheets].map((s) => new URL(s.href).pathname));
  expect(sheets).toEqual(['/portal/portal.css', '/portal/portal-theme.css']);
  await page.evaluate(() => document.querySelector('user-admin').remove());
  expect(await measure()).toEqual(withAdmin);
});

test('the theme comes from the host: custom properties set on the element reach the admin', async ({ page }) => {
  await page.goto(PORTAL);
  const admin = page.locator('user-admin');
  await expect(rows(admin).first()).toBeVisible();
  const create = admin.locator('a.ua-button--primary');
  // portal-theme.css sets --ua-color-accent: #8b3d14 and --ua-radius: 2px.
  await expect(create).toHaveCSS('background-color', 'rgb(139, 61, 20)');
  await expect(create).toHaveCSS('color', 'rgb(255, 255, 255)');
  await expect(create).toHaveCSS('border-top-left-radius', '2px');
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(create).toHaveCSS('background-color', 'rgb(240, 168, 120)');
  await expect(create).toHaveCSS('color', 'rgb(29, 26, 23)');
  await expect(admin.locator('.ua-app')).toHaveCSS('background-color', 'rgb(29, 26, 23)');
  expect(await accessibilityViolations(page)).toEqual([]);
});

test('with no theme set, the admin follows prefers-color-scheme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.route('**/portal/portal-theme.css', (route) => route.fulfill({ contentType: 'text/css', body: '' }));
  await page.goto(PORTAL);
  const admin = page.locator('user-admin');
  await expect(rows(admin).first()).toBeVisible();
  await expect(admin.locator('.ua-app')).toHaveCSS('background-color', 'rgb(15, 20, 25)');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(admin.locator('.ua-app')).toHaveCSS('background-color', 'rgb(255, 255, 255)');
});

test('prefers-reduced-motion turns the transitions off', async ({ page }) => {
  await page.goto(PORTAL);
  const table = page.locator('user-admin table.ua-table:not(.ua-table--loading)');
  await expect(table).toHaveCSS('transition-duration', '0.15s');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await expect(table).not.toHaveCSS('transition-duration', '0.15s');
});

test('the token function is asked on a 401 and the refused request is replayed', async ({ page, problems }) => {
  let asked = 0;
  await page.route('**/portal/session/token', (route) => {
    asked += 1;
    // The portal's first token has expired by the time it is used.
    if (asked === 1) return route.fulfill({ json: { token: 'expired-token' } });
    return route.continue();
  });
  const sent = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === '/api/v1/users') {
      sent.push([response.request().headers().authorization, response.status()]);
    }
  });
  await page.goto(PORTAL);
  await expect(rows(page.locator('user-admin')).first()).toBeVisible();
  expect(asked).toBe(2);
  expect(sent).toEqual([
    ['Bearer expired-token', 401],
    ['Bearer dev-admin-token', 200],
  ]);
  expect(unexpected(problems)).toEqual([]);
});

test('without a token the host hears session-expired', async ({ page }) => {
  await page.route('**/portal/session/token', (route) => route.fulfill({ status: 401, body: '' }));
  await page.addInitScript(() => {
    document.addEventListener('user-admin:session-expired', (event) => {
      document.documentElement.dataset.sessionExpired = event.target.tagName;
    });
  });
  await page.goto(PORTAL);
  await expect(page.locator('html')).toHaveAttribute('data-session-expired', 'USER-ADMIN');
  await expect(page.locator('user-admin').getByText(/sign in/i).first()).toBeVisible();
});

test('the portal follows the admin through navigate events on the element', async ({ page }) => {
  await page.goto(PORTAL);
  const admin = page.locator('user-admin');
  await expect(rows(admin).first()).toBeVisible();
  const events = [];
  await page.exposeFunction('recordNavigate', (detail) => events.push(detail));
  await page.evaluate(() => {
    document.addEventListener('user-admin:navigate', (event) => window.recordNavigate(event.detail));
  });
  await rows(admin).first().getByRole('link').click();
  await expect(admin.getByRole('heading', { level: 1 })).not.toHaveText('Users');
  await expect(page.locator('.portal-crumb-here')).toHaveText('People › Profile');
  expect(page.url()).toMatch(/\/portal\/admin\/users\/[^/]+$/);
  expect(events.at(-1).path).toMatch(/^\/users\/[^/]+$/);
  expect(events.at(-1).url).toBe(page.url());
  // The portal's own links are left to the browser: a full page load.
  await page.getByRole('link', { name: 'Reports' }).click();
  await expect(page).toHaveURL(/\/portal\/reports$/);
  await expect(page.locator('user-admin')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Acme intranet' })).toBeVisible();
});

test("the portal's own link to the admin's path opens its screen without reloading the page", async ({ page }) => {
  await page.goto(PORTAL);
  const admin = page.locator('user-admin');
  await expect(rows(admin).first()).toBeVisible();
  await rows(admin).first().getByRole('link').click();
  await expect(admin.getByRole('heading', { level: 1 })).not.toHaveText('Users');
  await page.evaluate(() => { window.samePage = true; });
  // "People" in the portal's navigation, outside the element.
  await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'People' }).click();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Users');
  await expect(page).toHaveURL(/\/portal\/admin\/$/);
  expect(await page.evaluate(() => window.samePage)).toBe(true);
});

test('changing api-base at run time sends the requests to the new API', async ({ page }) => {
  // The first API's requests all start before the change: the list, its
  // presence, and the presence stream the presence answer links to.
  const streamOpened = page.waitForRequest(/\/api\/v1\/users\/presence\/events/);
  await page.goto(PORTAL);
  const admin = page.locator('user-admin');
  await expect(rows(admin).first()).toBeVisible();
  await streamOpened;
  // A second API (here the same server under another path).
  await page.route('**/other-api/v1/**', async (route) => {
    const url = route.request().url().replace('/other-api/v1/', '/api/v1/');
    // A request the admin aborted meanwhile (a remount) has nothing to answer.
    await route.fetch({ url }).then((response) => route.fulfill({ response })).catch(() => {});
  });
  const paths = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.includes('api/v1/')) paths.push(path);
  });
  await page.evaluate(() => document.querySelector('user-admin').setAttribute('api-base', '/other-api/v1'));
  await expect(rows(admin).first()).toBeVisible();
  await expect.poll(() => paths.includes('/other-api/v1/users')).toBe(true);
  expect(paths.filter((p) => p.startsWith('/api/v1/'))).toEqual([]);
});

test('removing the element leaves no timers running and no requests in flight', async ({ page, request, problems }) => {
  await page.addInitScript(() => {
    // Counts the page's live timers and fetches, kept off `window`'s names.
    const live = { timeouts: new Set(), intervals: new Set(), fetching: 0, fetches: 0 };
    Object.defineProperty(window, Symbol.for('live'), { value: live });
    const { setTimeout, clearTimeout, setInterval, clearInterval, fetch } = window;
    window.setTimeout = function (callback, ms, ...args) {
      const id = setTimeout.call(window, (...a) => {
        live.timeouts.delete(id);
        if (typeof callback === 'function') callback(...a);
      }, ms, ...args);
      live.timeouts.add(id);
      return id;
    };
    window.clearTimeout = (id) => { live.timeouts.delete(id); clearTimeout.call(window, id); };
    window.setInterval = function (...args) {
      const id = setInterval.apply(window, args);
      live.intervals.add(id);
      return id;
    };
    window.clearInterval = (id) => { live.intervals.delete(id); clearInterval.call(window, id); };
    window.fetch = function (...args) {
      live.fetches += 1;
      live.fetching += 1;
      return fetch.apply(window, args).finally(() => { live.fetching -= 1; });
    };
  });
  await page.goto(PORTAL);
  const admin = page.locator('user-admin');
  await page.evaluate(() => document.querySelector('user-admin').setAttribute('presence-refresh-ms', '1000'));
  await expect(rows(admin).first()).toBeVisible();
  const state = () => page.evaluate(() => {
    const live = window[Symbol.for('live')];
    return { timeouts: live.timeouts.size, intervals: live.intervals.size, fetching: live.fetching, fetches: live.fetches };
  });
  // Running: the presence interval is live.
  expect((await state()).intervals).toBeGreaterThan(0);
  // A search whose answer is slow is on the wire when the element goes.
  await fault(request, { path: '/api/v1/users', method: 'GET', count: 1, delayMs: 3000 });
  await admin.getByLabel('Search users').fill('an');
  await expect.poll(async () => (await state()).fetching).toBeGreaterThan(0);
  await page.evaluate(() => document.querySelector('user-admin').remove());
  await expect.poll(state).toMatchObject({ timeouts: 0, intervals: 0, fetching: 0 });
  const after = (await state()).fetches;
  await page.waitForTimeout(2500); // over two presence intervals
  expect((await state()).fetches).toBe(after);
  expect(await page.evaluate(() => document.querySelector('.portal-main').innerHTML)).not.toContain('ua-app');
  expect(unexpected(problems)).toEqual([]);
});

test('mount() without the custom element: a handle with setToken and unmount', async ({ page, problems }) => {
  await page.route('**/portal/plain/', (route) =>
    route.fulfill({
      contentType: 'text/html',
      headers: { 'content-security-policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'" },
      body: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Plain portal</title>
        <script type="module" src="/portal/plain.js"></script></head>
        <body><main><div id="admin-here"></div></main></body></html>`,
    }),
  );
  await page.route('**/portal/plain.js', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: `import { mount } from '/user-admin.js';
        const handle = mount(document.getElementById('admin-here'), { basePath: '/portal/plain', locale: 'en' });
        handle.setToken('dev-admin-token');
        document.addEventListener('unmount-admin', () => handle.unmount());`,
    }),
  );
  await page.goto('/portal/plain/');
  const admin = page.locator('#admin-here');
  await expect(rows(admin).first()).toBeVisible();
  await page.evaluate(() => document.dispatchEvent(new Event('unmount-admin')));
  await expect(admin.locator('.ua-app')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test('two admins on one page keep their own data, state and screens', async ({ page, problems }) => {
  const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";
  await page.route('**/portal/two/', (route) =>
    route.fulfill({
      contentType: 'text/html',
      headers: { 'content-security-policy': csp },
      body: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Two admins</title>
        <script type="module" src="/user-admin.js"></script><script type="module" src="/portal/two.js"></script></head>
        <body><main>
          <user-admin id="a" base-path="/portal/two/a"></user-admin>
          <user-admin id="b" base-path="/portal/two/b"></user-admin>
        </main></body></html>`,
    }),
  );
  await page.route('**/portal/two.js', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: `document.getElementById('a').token = 'dev-admin-token';
        document.getElementById('b').token = 'dev-viewer-token';`,
    }),
  );
  await page.goto('/portal/two/');
  const a = page.locator('#a');
  const b = page.locator('#b');
  await expect(rows(a).first()).toBeVisible();
  await expect(rows(b).first()).toBeVisible();
  // Each has its own token: only the admin's instance offers Create user.
  await expect(a.getByRole('link', { name: 'Create user' }).first()).toBeVisible();
  await expect(b.getByRole('link', { name: 'Create user' })).toHaveCount(0);
  // The user, not the whole row: presence badges arrive later, and other
  // suites change presence on the shared server.
  const bFirst = await rows(b).first().locator('a').textContent();

  await a.getByLabel('Search users').fill('admin');
  await expect(rows(a)).toHaveCount(1);
  await expect(b.getByLabel('Search users')).toHaveValue('');
  expect(await rows(b).first().locator('a').textContent()).toBe(bFirst);

  await rows(a).first().getByRole('link').click();
  await expect(page).toHaveURL(/\/portal\/two\/a\/users\//);
  await expect(a.getByRole('heading', { level: 1 })).toHaveText('Ada Administrator');
  await expect(b.getByRole('heading', { level: 1 })).toHaveText('Users');

  // Back to an entry outside b's base path leaves b on its list.
  await page.goBack();
  await expect(a.getByRole('heading', { level: 1 })).toHaveText('Users');
  await expect(b.getByRole('heading', { level: 1 })).toHaveText('Users');

  // Removing one leaves the other working.
  await page.evaluate(() => document.getElementById('a').remove());
  await b.getByLabel('Search users').fill('viewer');
  await expect(rows(b)).toHaveCount(1);
  expect(unexpected(problems)).toEqual([]);
});

test('locale="de" shows the admin in German, with dates and numbers formatted for German', async ({ page, problems }) => {
  await page.goto(PORTAL);
  const admin = page.locator('user-admin');
  await expect(rows(admin).first()).toBeVisible();
  const total = (await (await page.request.get('/api/v1/users?limit=1', { headers: { authorization: 'Bearer dev-admin-token' } })).json()).meta.totalCount;
  await page.evaluate(() => document.querySelector('user-admin').setAttribute('locale', 'de'));
  await expect(admin.getByRole('heading', { level: 1, name: 'Benutzer' })).toBeVisible();
  await expect(admin.locator('.ua-app')).toHaveAttribute('lang', 'de');
  await expect(admin.getByLabel('Benutzer suchen')).toBeVisible();
  await expect(admin.getByRole('columnheader', { name: 'Letzte Anmeldung' })).toBeVisible();
  await expect(admin.locator('.ua-pager__summary')).toContainText(`1–25 von ${total.toLocaleString('de-DE')}`);
  // Relative times come from Intl for German ("vor 3 Monaten").
  await expect(rows(admin).first().locator('time')).toHaveText(/^vor |gestern|heute/);
  await rows(admin).first().getByRole('link').click();
  await expect(admin.locator('.ua-details dt').first()).toHaveText('Benutzername');
  await admin.getByRole('link', { name: 'Benutzer bearbeiten' }).click();
  const email = admin.getByLabel('E-Mail');
  await email.fill('');
  await admin.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(admin.getByRole('heading', { name: 'Es gibt ein Problem' })).toBeVisible();
  await expect(admin.locator('.ua-error-summary')).toContainText('Geben Sie eine E-Mail-Adresse ein');
  // Before axe: its injected script adds inline styles the CSP refuses.
  expect(unexpected(problems)).toEqual([]);
  expect(await accessibilityViolations(page)).toEqual([]);
});

test('a form open when an attribute changes keeps what the admin typed', async ({ page }) => {
  await page.goto('/portal/admin/users/new');
  const admin = page.locator('user-admin');
  await admin.getByLabel('Username').fill('kept.across.remount');
  await admin.getByLabel('Full name').fill('Kept Across');
  await page.evaluate(() => document.querySelector('user-admin').setAttribute('locale', 'de'));
  await expect(admin.getByRole('heading', { level: 1, name: 'Benutzer anlegen' })).toBeVisible();
  await expect(admin.getByLabel('Benutzername')).toHaveValue('kept.across.remount');
  await expect(admin.getByLabel('Vollständiger Name')).toHaveValue('Kept Across');
  await expect(admin.locator('.ua-notice')).toContainText('wieder da');
});

test('code that does not load is said in the element with Try again, which then loads it', async ({ page }) => {
  let refused = 0;
  await page.route(/\/user-admin-[0-9a-f]+_bg\.wasm$/, (route) => { refused += 1; return route.abort(); });
  await page.goto(PORTAL);
  const admin = page.locator('user-admin');
  const alert = admin.getByRole('alert');
  await expect(alert.getByRole('heading', { level: 1 })).toHaveText('The admin did not load');
  await expect(alert).toContainText('Check your connection and try again.');
  expect(refused).toBe(1);
  expect(await accessibilityViolations(page)).toEqual([]);
  // The failed download is not kept: Try again fetches the code afresh.
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await admin.getByRole('button', { name: 'Try again' }).click();
  await expect(rows(admin).first()).toBeVisible();
  await expect(admin.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(admin.getByRole('alert')).toHaveCount(0);
});
