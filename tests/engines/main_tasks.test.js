// The admin's main tasks in one engine (ENGINE=chromium|firefox|webkit),
// against the reference server at E2E_BASE_URL: the list (rows, search,
// reload keeps it), a profile, an edit the server refuses, the unsaved-
// changes prompt, create, a bulk change, my presence, and the example portal.
//
// Elements are found by script (inside the portal's shadow root where
// there is one) and used through WebDriver: real clicks and key presses.
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { Key } = require('selenium-webdriver');
const { startEngine } = require('./engines');

const ENGINE = process.env.ENGINE || 'chromium';
const BASE = process.env.E2E_BASE_URL || 'http://127.0.0.1:8080';
const ADMIN = { authorization: 'Bearer dev-admin-token' };
const ROWS = 'table.ua-table:not(.ua-table--loading) tbody tr';
const unique = (prefix) => `${prefix}${ENGINE}.${Date.now().toString(36)}`;

let driver;
let stop;

async function api(path) {
  const response = await fetch(`${BASE}/api/v1${path}`, { headers: ADMIN });
  assert.equal(response.status, 200, `GET ${path}`);
  return response.json();
}

// Polls `check` until it returns something truthy.
async function until(check, what, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${ENGINE}: timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

// Elements matching `css` (whose text contains `text`), in the document or
// in `host`'s shadow root.
function all(css, { text, host } = {}) {
  return driver.executeScript(
    `const [css, text, host] = arguments;
     const scope = host ? document.querySelector(host)?.shadowRoot : document;
     if (!scope) return [];
     return [...scope.querySelectorAll(css)].filter((e) => !text || e.textContent.includes(text));`,
    css, text || null, host || null,
  );
}

async function one(css, options = {}) {
  return until(async () => (await all(css, options))[0], `${css}${options.text ? ` with "${options.text}"` : ''}`);
}

// Records uncaught errors and rejections from now on (a panic in wasm ends
// in an uncaught RuntimeError).
async function watchErrors() {
  await driver.executeScript(`
    window.__uaErrors = [];
    addEventListener('error', (event) => window.__uaErrors.push(String(event.message)));
    addEventListener('unhandledrejection', (event) => window.__uaErrors.push(String(event.reason)));`);
}

async function uncaughtErrors() {
  return driver.executeScript('return window.__uaErrors || []');
}

async function open(path) {
  await driver.get(`${BASE}${path}`);
  await watchErrors();
}

async function typeInto(element, text) {
  await element.clear();
  await element.sendKeys(text);
}

const property = (element, name) => driver.executeScript('return arguments[0][arguments[1]]', element, name);
const activeIs = (element, host) => driver.executeScript(
  `const [element, host] = arguments;
   const root = host ? document.querySelector(host).shadowRoot : document;
   return root.activeElement === element;`, element, host || null);

describe(`main tasks in ${ENGINE}`, { timeout: 600_000 }, () => {
  before(async () => {
    ({ driver, stop } = await startEngine(ENGINE));
  });

  after(async () => {
    if (stop) await stop();
  });

  it("the browser's own language, whatever it is, gives a working admin with a valid lang", async () => {
    await open('/');
    await one(ROWS);
    const [language, lang] = await driver.executeScript(
      'return [navigator.language, document.querySelector(".ua-app").getAttribute("lang")]');
    // Run with LANG=C.UTF-8 and no LC_ALL, WebKit says "C", which is no tag.
    if (process.env.EXPECT_NAVIGATOR_LANGUAGE) assert.equal(language, process.env.EXPECT_NAVIGATOR_LANGUAGE);
    const valid = await driver.executeScript(
      'try { return Intl.getCanonicalLocales(arguments[0]).length === 1; } catch (_) { return false; }', lang);
    assert.ok(valid, `lang="${lang}" for navigator.language "${language}"`);
    assert.deepEqual(await uncaughtErrors(), []);
  });

  it('the list shows rows, searches, and a reload keeps the search', async () => {
    const [user] = (await api('/users?q=anouk&limit=1')).items;
    assert.ok(user, 'a seeded user to search for');
    await open('/');
    await one(ROWS);
    const search = await one('#ua-search-input');
    await typeInto(search, 'anouk');
    await until(async () => (await driver.getCurrentUrl()).includes('q=anouk'), 'the search in the URL');
    await until(async () => {
      const rows = await all(ROWS);
      if (rows.length === 0) return false;
      const texts = await Promise.all(rows.map((row) => row.getText()));
      return texts.every((text) => /anouk/i.test(text));
    }, 'only matching rows');
    await driver.navigate().refresh();
    await watchErrors();
    const again = await one('#ua-search-input');
    assert.equal(await property(again, 'value'), 'anouk');
    await one(ROWS, { text: user.username });
    assert.deepEqual(await uncaughtErrors(), []);
  });

  it('a profile opened from the list shows the user', async () => {
    await open('/');
    const link = await one(`${ROWS} a`);
    const name = (await link.getText()).trim();
    await link.click();
    await one('.ua-details');
    const heading = await one('h1');
    assert.equal((await heading.getText()).trim(), name);
    assert.deepEqual(await uncaughtErrors(), []);
  });

  it('an edit the server refuses shows the error on the field, focuses the summary and keeps the input', async () => {
    const [user] = (await api('/users?q=sem&limit=1')).items;
    await open(`/users/${user.id}/edit`);
    const zone = await one('#ua-edit-timeZone');
    await until(async () => (await property(zone, 'value')) !== '', 'the form filled from the user');
    await typeInto(zone, 'Nowhere/Special');
    await (await one('button', { text: 'Save changes' })).click();
    const summary = await one('.ua-error-summary');
    await until(() => activeIs(summary), 'focus on the error summary');
    assert.equal(await zone.getAttribute('aria-invalid'), 'true');
    const describedBy = await zone.getAttribute('aria-describedby');
    assert.ok(describedBy, 'the field names its error');
    assert.equal(await property(zone, 'value'), 'Nowhere/Special');
    assert.deepEqual(await uncaughtErrors(), []);
  });

  it('unsaved edits ask before an in-app link, and staying keeps them', async () => {
    const [user] = (await api('/users?q=sem&limit=1')).items;
    await open(`/users/${user.id}/edit`);
    const fullName = await one('#ua-edit-fullName');
    await until(async () => (await property(fullName, 'value')) !== '', 'the form filled from the user');
    await typeInto(fullName, 'Not saved yet');
    await (await one('.ua-nav a', { text: 'Users' })).click();
    const prompt = await until(async () => driver.switchTo().alert(), 'the unsaved-changes prompt');
    await prompt.dismiss();
    assert.match(await driver.getCurrentUrl(), /\/edit$/);
    assert.equal(await property(await one('#ua-edit-fullName'), 'value'), 'Not saved yet');
    assert.deepEqual(await uncaughtErrors(), []);
  });

  it('create makes a user and lands on them', async () => {
    const username = unique('engine.');
    await open('/users/new');
    await typeInto(await one('#ua-create-username'), username);
    await typeInto(await one('#ua-create-fullName'), `Engine ${ENGINE}`);
    await typeInto(await one('#ua-create-email'), `${username}@example.com`);
    await (await one('button[type="submit"]', { text: 'Create user' })).click();
    await until(async () => {
      const heading = (await all('h1'))[0];
      return heading && (await heading.getText()).trim() === `Engine ${ENGINE}`;
    }, "the new user's heading");
    const found = await api(`/users?q=${encodeURIComponent(username)}`);
    assert.equal(found.items.length, 1);
    assert.deepEqual(await uncaughtErrors(), []);
  });

  it('a bulk change: tick the page, deactivate from the bar, read the report', async () => {
    const tag = unique('bulk');
    for (const n of [1, 2, 3]) {
      const username = `${tag}.${n}`;
      const reply = await fetch(`${BASE}/api/v1/users`, {
        method: 'POST',
        headers: { ...ADMIN, 'Content-Type': 'application/json', 'Idempotency-Key': `${username}-key` },
        body: JSON.stringify({ username, fullName: `Bulk ${ENGINE} ${n}`, email: `${username}@example.com` }),
      });
      assert.ok(reply.status < 300, `create ${username}`);
    }
    await open(`/?q=${tag}`);
    await until(async () => (await all(ROWS)).length === 3, 'the three users');
    await (await one('thead input[type="checkbox"]')).click();
    await one('.ua-selection__count', { text: '3 selected' });
    await (await one('.ua-selection button', { text: 'Deactivate' })).click();
    await one('dialog h2', { text: 'Deactivate 3 users?' });
    await (await one('dialog button.ua-button--primary', { text: 'Deactivate' })).click();
    await one('dialog h2', { text: '3 of 3 changed' });
    const found = await api(`/users?q=${tag}`);
    assert.deepEqual(found.items.map((u) => u.active), [false, false, false]);
    await (await one('dialog button', { text: 'Close' })).click();
    await until(async () => (await all(ROWS, { text: 'Inactive' })).length === 3, 'the rows marked inactive');
    assert.deepEqual(await uncaughtErrors(), []);
  });

  it('my presence: do not disturb for an hour, then cleared', async () => {
    await open('/me');
    const state = await one('#ua-presence-state');
    await (await one('button', { text: '1 hour' })).click();
    await until(async () => (await property(state, 'value')) === 'DND', 'the state set to DND');
    await (await one('button', { text: 'Save presence' })).click();
    await one('[role="status"]', { text: 'Your presence is saved.' });
    await one('.ua-own-presence .ua-presence__label', { text: 'Do not disturb' });
    await (await one('button', { text: 'Clear do not disturb' })).click();
    await one('.ua-own-presence .ua-presence__label', { text: 'Available' });
    const me = await api('/users/profile');
    await until(async () => (await api(`/users/${me.id}/presence`)).state === 'AVAILABLE', 'presence saved as available');
    assert.deepEqual(await uncaughtErrors(), []);
  });

  it('the example portal: the admin in its shadow root, themed by the host, searching without errors', async () => {
    await open('/portal/admin/');
    const host = 'user-admin';
    await one(ROWS, { host });
    const hasShadow = await driver.executeScript('return document.querySelector("user-admin").shadowRoot !== null');
    assert.equal(hasShadow, true);
    // None of the admin's DOM is in the portal's document.
    assert.equal((await all('.ua-app')).length, 0);
    // portal-theme.css sets --ua-color-accent: #8b3d14 on the element.
    const create = await one('a.ua-button--primary', { host });
    const background = await driver.executeScript('return getComputedStyle(arguments[0]).backgroundColor', create);
    assert.equal(background, 'rgb(139, 61, 20)');
    const search = await one('#ua-search-input', { host });
    await typeInto(search, 'anouk');
    await until(async () => (await driver.getCurrentUrl()).includes('q=anouk'), 'the search in the URL');
    await search.sendKeys(Key.TAB);
    await one(ROWS, { host, text: 'anouk' });
    assert.deepEqual(await uncaughtErrors(), []);
  });
});
