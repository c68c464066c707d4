// Bulk changes on the user list against the reference server: selecting
// (per row, per page, all matching; kept over paging and a reload), the
// confirmation, the run with per-user faults, the report, retrying the
// failed ones, Cancel, and the keyboard, with axe in English and German.
const { test, expect, accessibilityViolations } = require('./fixtures');

const ADMIN = { Authorization: 'Bearer dev-admin-token' };
const rows = (page) => page.locator('table.ua-table:not(.ua-table--loading) tbody tr');
const bar = (page) => page.getByRole('group', { name: /Change the selected users|Ausgewählte Benutzer ändern/ });

async function resetFaults(request) {
  expect((await request.delete('/__faults')).status()).toBe(204);
}

async function fault(request, rule) {
  expect((await request.post('/__faults', { data: rule })).status()).toBe(204);
}

// Creates `count` users whose names share a fresh tag; returns the tag and
// the users in username order (the list's default sort).
async function createTeam(request, count, prefix = 'team') {
  const tag = `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  for (let i = 0; i < count; i += 1) {
    const username = `${tag}.${String(i).padStart(2, '0')}`;
    const created = await request.post('/api/v1/users', {
      headers: { ...ADMIN, 'Idempotency-Key': `${username}-key` },
      data: { username, fullName: `Member ${tag} ${String(i).padStart(2, '0')}`, email: `${username}@example.com`, active: true, roles: ['support'] },
    });
    expect(created.status(), `create ${username}`).toBeLessThan(300);
  }
  return { tag, users: await team(request, tag) };
}

async function team(request, tag) {
  const reply = await request.get(`/api/v1/users?q=${tag}&limit=100`, { headers: ADMIN });
  return (await reply.json()).items;
}

test.beforeEach(async ({ request }) => {
  await resetFaults(request);
});

test('a bulk deactivate reports each user exactly, changes nobody twice, and retries the failed ones', async ({ page, request, problems }) => {
  const { tag, users } = await createTeam(request, 30);
  await page.addInitScript(() => {
    window.bulkEvents = [];
    document.addEventListener('user-admin:users-updated', (event) => window.bulkEvents.push(event.detail));
  });
  await page.goto(`/?q=${tag}&limit=50`);
  await expect(rows(page)).toHaveCount(30);
  await page.getByRole('checkbox', { name: 'Select every user on this page' }).check();
  await expect(bar(page)).toContainText('30 selected');
  await expect(page.getByRole('status').filter({ hasText: '30 selected' })).toHaveCount(1);
  expect(await accessibilityViolations(page)).toEqual([]);

  // Someone else edits one user after the page was read: its ETag is old.
  const [stale, refused, busy] = [users[4], users[6], users[8]];
  const current = await request.get(`/api/v1/users/${stale.id}`, { headers: ADMIN });
  const edited = await request.patch(`/api/v1/users/${stale.id}`, {
    headers: { ...ADMIN, 'If-Match': current.headers().etag, 'Content-Type': 'application/merge-patch+json' },
    data: { fullName: `${stale.fullName} (edited)` },
  });
  expect(edited.status()).toBe(200);
  await fault(request, { path: `/api/v1/users/${refused.id}`, method: 'PATCH', status: 403 });
  await fault(request, { path: `/api/v1/users/${busy.id}`, method: 'PATCH', status: 503, retryAfter: '1' });
  const patches = {};
  page.on('request', (r) => {
    if (r.method() === 'PATCH') patches[r.url().split('/').pop()] = (patches[r.url().split('/').pop()] || 0) + 1;
  });
  const listReads = [];
  page.on('request', (r) => { if (/\/api\/v1\/users\?/.test(r.url())) listReads.push(r.url()); });

  await bar(page).getByRole('button', { name: 'Deactivate' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deactivate 30 users?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`Member ${tag} 00, Member ${tag} 01`);
  await expect(dialog).toContainText('and 25 more');
  expect(await accessibilityViolations(page)).toEqual([]);
  const run = dialog.getByRole('button', { name: 'Deactivate' });
  await run.dblclick();

  const report = page.getByRole('dialog', { name: '28 of 30 changed' });
  await expect(report).toBeVisible({ timeout: 20_000 });
  await expect(report.getByRole('heading', { name: '28 of 30 changed' })).toBeFocused();
  const failed = report.locator('.ua-report__failed li');
  await expect(failed).toHaveCount(2);
  await expect(failed.filter({ hasText: stale.fullName })).toContainText(/changed|modified|precondition/i);
  await expect(failed.filter({ hasText: refused.fullName })).toContainText(/permission|not allowed|forbidden/i);
  await expect(report.getByText('Changed (28)')).toBeVisible();
  expect(await accessibilityViolations(page)).toEqual([]);

  // Each user was sent once, the busy one once more after its 503.
  for (const user of users) {
    expect(patches[user.id] || 0, user.username).toBe(user.id === busy.id ? 2 : 1);
  }
  const after = await team(request, tag);
  for (const user of after) {
    const before = users.find((u) => u.id === user.id);
    const shouldChange = ![stale.id, refused.id].includes(user.id);
    expect(user.active, user.username).toBe(!shouldChange);
    // One change each: the version moved by one (the stale user's by the other admin's edit).
    const step = (v) => Number(v.replace(/\D/g, ''));
    expect(step(user.version) - step(before.version), user.username).toBe(shouldChange || user.id === stale.id ? 1 : 0);
  }
  // The list shows the answers without reading its page again.
  expect(listReads).toEqual([]);
  const events = await page.evaluate(() => window.bulkEvents);
  expect(events).toHaveLength(1);
  expect(events[0].action).toBe('deactivate');
  expect(events[0].ids).toHaveLength(28);
  expect(events[0].failed.sort()).toEqual([stale.id, refused.id].sort());

  await report.getByRole('button', { name: 'Retry the failed ones' }).click();
  await expect(page.getByRole('dialog', { name: '2 of 2 changed' })).toBeVisible({ timeout: 15_000 });
  for (const user of await team(request, tag)) expect(user.active, user.username).toBe(false);
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(rows(page).filter({ hasText: 'Inactive' })).toHaveCount(30);
  // The browser logs the injected refusals; nothing else may appear.
  expect(problems.filter((p) => !/Failed to load resource.*(412|403|503)/.test(p))).toEqual([]);
});

test('cancel starts no more changes and reports the ones on the wire', async ({ page, request }) => {
  const { tag, users } = await createTeam(request, 20, 'stop');
  // Each change takes a second: four at a time, the run takes five.
  await fault(request, { path: '/api/v1/users/*', method: 'PATCH', count: 40, delayMs: 1000 });
  // Counted in the page, where the admin starts and awaits each change:
  // the browser's network events for different requests may arrive out of
  // order (the next request before the last one's end) and overcount.
  await page.addInitScript(() => {
    window.patches = { onTheWire: 0, mostAtOnce: 0 };
    const fetch = window.fetch;
    window.fetch = function counted(input, init) {
      const method = (init && init.method) || (input instanceof Request ? input.method : 'GET');
      if (method.toUpperCase() !== 'PATCH') return fetch.apply(this, arguments);
      window.patches.onTheWire += 1;
      window.patches.mostAtOnce = Math.max(window.patches.mostAtOnce, window.patches.onTheWire);
      const landed = () => { window.patches.onTheWire -= 1; };
      const answer = fetch.apply(this, arguments);
      answer.then(landed, landed);
      return answer;
    };
  });
  await page.goto(`/?q=${tag}`);
  await expect(rows(page)).toHaveCount(20);
  await page.getByRole('checkbox', { name: 'Select every user on this page' }).check();
  await bar(page).getByRole('button', { name: 'Deactivate' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
  const progress = page.getByRole('dialog', { name: 'Changing users' });
  await expect(progress.getByRole('progressbar')).toBeVisible();
  await expect(progress.getByRole('status')).toHaveText('0 of 20');
  expect(await accessibilityViolations(page)).toEqual([]);
  await expect(progress.getByRole('status')).toHaveText(/^([4-9]|1[01]) of 20$/, { timeout: 5000 });
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress.getByRole('button', { name: 'Stopping…' })).toBeVisible();
  const report = page.getByRole('dialog', { name: /of 20 changed/ });
  await expect(report).toBeVisible({ timeout: 10_000 });
  const heading = await report.getByRole('heading').first().textContent();
  const changed = Number(heading.split(' ')[0]);
  expect(changed).toBeGreaterThanOrEqual(4);
  expect(changed).toBeLessThan(20);
  await expect(report.getByText(`Not started (cancelled) (${20 - changed})`)).toBeVisible();
  const inactive = (await team(request, tag)).filter((u) => !u.active).length;
  expect(inactive).toBe(changed);
  expect(users).toHaveLength(20);
  expect(await page.evaluate(() => window.patches.mostAtOnce)).toBe(4);
});

test('with an API whose list items carry no version, each user is read before it is changed', async ({ page, request }) => {
  const { tag, users } = await createTeam(request, 3, 'nover');
  await page.route(/\/api\/v1\/users\?/, async (route) => {
    // A request the admin aborted meanwhile has nothing to answer.
    await route.fetch().then(async (response) => {
      const body = await response.json();
      for (const item of body.items) delete item.version;
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
    }).catch(() => {});
  });
  const sent = [];
  page.on('request', (r) => {
    const id = r.url().split('/').pop();
    if (users.some((u) => u.id === id)) sent.push(`${r.method()} ${id}`);
  });
  await page.goto(`/?q=${tag}`);
  await expect(rows(page)).toHaveCount(3);
  await page.getByRole('checkbox', { name: 'Select every user on this page' }).check();
  await bar(page).getByRole('button', { name: 'Deactivate' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
  await expect(page.getByRole('dialog', { name: '3 of 3 changed' })).toBeVisible({ timeout: 15_000 });
  for (const user of users) {
    expect(sent.filter((s) => s.endsWith(user.id))).toEqual([`GET ${user.id}`, `PATCH ${user.id}`]);
  }
});

test('all matching users: selected across pages, kept over a reload, given a role by keyboard', async ({ page, request }) => {
  const { tag } = await createTeam(request, 24, 'role');
  await page.goto(`/?q=${tag}&limit=10`);
  await expect(rows(page)).toHaveCount(10);
  // One user on the first page and one on the second, by keyboard.
  await page.getByRole('checkbox', { name: `Select Member ${tag} 01` }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/page=1/);
  await page.getByRole('checkbox', { name: `Select Member ${tag} 12` }).check();
  await expect(bar(page)).toContainText('2 selected');
  await page.reload();
  await expect(rows(page)).toHaveCount(10);
  await expect(bar(page)).toContainText('2 selected');
  await expect(page.getByRole('checkbox', { name: `Select Member ${tag} 12` })).toBeChecked();
  // Sorting keeps it too.
  await page.getByRole('button', { name: 'Name', exact: true }).click();
  await expect(bar(page)).toContainText('2 selected');

  await page.getByRole('checkbox', { name: 'Select every user on this page' }).check();
  await bar(page).getByRole('button', { name: 'Select all 24 matching' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'All 24 matching users are selected.' })).toHaveCount(1);
  await page.reload();
  await expect(bar(page)).toContainText('All 24 matching users are selected.');

  const addRole = bar(page).getByRole('button', { name: 'Add role…' });
  await addRole.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: /Add the role .* to 24 users\?/ })).toBeFocused({ timeout: 10_000 });
  await dialog.getByLabel('Role').selectOption('auditor');
  await expect(dialog.getByRole('heading', { name: 'Add the role auditor to 24 users?' })).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Add role' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: '24 of 24 changed' })).toBeVisible({ timeout: 15_000 });
  for (const user of await team(request, tag)) expect([...user.roles].sort(), user.username).toEqual(['auditor', 'support']);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Adding it again skips everyone.
  await bar(page).getByRole('button', { name: 'Add role…' }).click();
  await page.getByRole('dialog').getByLabel('Role').selectOption('auditor');
  await expect(page.getByRole('dialog')).toContainText('Nothing to change');
  await expect(page.getByRole('dialog')).toContainText('24 users selected already have this role and will be skipped.');
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await bar(page).getByRole('button', { name: 'Clear' }).click();
  await expect(bar(page)).toBeHidden();
});

test.describe('in German', () => {
  test.use({ locale: 'de-DE' });

  test('the bar, the confirmation, the progress and the report are accessible', async ({ page, request }) => {
    const { tag, users } = await createTeam(request, 6, 'de');
    // The first matching rule applies: the refusal before the delays.
    await fault(request, { path: `/api/v1/users/${users[2].id}`, method: 'PATCH', status: 403 });
    await fault(request, { path: '/api/v1/users/*', method: 'PATCH', count: 6, delayMs: 400 });
    await page.goto(`/?q=${tag}`);
    await expect(rows(page)).toHaveCount(6);
    await page.getByRole('checkbox', { name: 'Alle Benutzer dieser Seite auswählen' }).check();
    await expect(bar(page)).toContainText('6 ausgewählt');
    expect(await accessibilityViolations(page)).toEqual([]);
    await bar(page).getByRole('button', { name: 'Deaktivieren' }).click();
    const dialog = page.getByRole('dialog', { name: '6 Benutzer deaktivieren?' });
    await expect(dialog).toBeVisible();
    expect(await accessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Deaktivieren' }).click();
    await expect(page.getByRole('dialog', { name: 'Benutzer werden geändert' })).toBeVisible();
    expect(await accessibilityViolations(page)).toEqual([]);
    const report = page.getByRole('dialog', { name: '5 von 6 geändert' });
    await expect(report).toBeVisible({ timeout: 15_000 });
    await expect(report.getByText('Nicht geändert (1)')).toBeVisible();
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});

test('a portal listener that removes the admin when it hears users-updated breaks nothing', async ({ page, request, problems }) => {
  const { tag } = await createTeam(request, 3, 'gone');
  await page.goto('/portal/admin/');
  const admin = page.locator('user-admin');
  await expect(admin.locator('tbody tr').first()).toBeVisible();
  await page.evaluate(() => {
    document.addEventListener('user-admin:users-updated', (event) => {
      window.heard = event.detail;
      document.querySelector('user-admin').remove();
    });
  });
  await admin.getByLabel('Search users').fill(tag);
  await expect(admin.locator('table.ua-table:not(.ua-table--loading) tbody tr')).toHaveCount(3);
  await admin.getByRole('checkbox', { name: 'Select every user on this page' }).check();
  await admin.getByRole('group', { name: 'Change the selected users' }).getByRole('button', { name: 'Deactivate' }).click();
  await admin.getByRole('dialog').getByRole('button', { name: 'Deactivate' }).click();
  await expect(page.locator('user-admin')).toHaveCount(0);
  expect((await page.evaluate(() => window.heard)).ids).toHaveLength(3);
  await page.waitForTimeout(500);
  for (const user of await team(request, tag)) expect(user.active, user.username).toBe(false);
  expect(problems).toEqual([]);
});
