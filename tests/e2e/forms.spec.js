// Create and edit forms against the reference server: errors land on their
// fields, nothing typed is lost, conflicts and unsaved edits are handled.
const { test, expect, accessibilityViolations } = require('./fixtures');

const ADMIN = { Authorization: 'Bearer dev-admin-token' };

async function someUser(page, q = '') {
  const response = await page.request.get(`/api/v1/users?limit=1&q=${encodeURIComponent(q)}`, { headers: ADMIN });
  return (await response.json()).items[0];
}

function unique(prefix) {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

async function fillCreateForm(page, { username, fullName = 'New Person', email, timeZone = 'Europe/Berlin' }) {
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Full name', { exact: true }).fill(fullName);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Time zone', { exact: true }).fill(timeZone);
}

/// Serves the app with another token on the host element (e.g. the viewer's).
async function signInAs(page, token) {
  await page.route((url) => !url.pathname.startsWith('/api/') && !/\.[a-z0-9]+$/.test(url.pathname), async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    const html = (await response.text()).replace(/data-token="[^"]*"/, `data-token="${token}"`);
    await route.fulfill({ response, body: html });
  });
}

test('a refused create shows each error on its field, keeps every value, and errors go stale on edit', async ({ page, problems }) => {
  const taken = (await someUser(page)).username;
  await page.goto('/users/new');
  const email = `${unique('fresh')}@example.com`;
  await fillCreateForm(page, { username: taken, email, timeZone: 'Mars/Olympus_Mons' });
  await page.getByRole('checkbox', { name: /^auditor/ }).check();
  await page.getByRole('button', { name: 'Create user' }).click();

  const summary = page.locator('.ua-error-summary');
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText(['Username is already taken', /^Time zone /]);
  const username = page.getByLabel('Username', { exact: true });
  const timeZone = page.getByLabel('Time zone', { exact: true });
  await expect(username).toHaveAttribute('aria-invalid', 'true');
  await expect(timeZone).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#ua-create-username-error')).toHaveText('Error: Username is already taken');
  await expect(username).toHaveAttribute('aria-describedby', /ua-create-username-error/);
  await expect(page).toHaveTitle(/^Error: Create user/);
  // Everything typed is still there.
  await expect(username).toHaveValue(taken);
  await expect(page.getByLabel('Full name', { exact: true })).toHaveValue('New Person');
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(email);
  await expect(timeZone).toHaveValue('Mars/Olympus_Mons');
  await expect(page.getByRole('checkbox', { name: /^auditor/ })).toBeChecked();
  expect(await accessibilityViolations(page)).toEqual([]);

  // A summary link takes focus to its field.
  await summary.getByRole('link', { name: /^Time zone/ }).click();
  await expect(timeZone).toBeFocused();
  // Fixing one field clears only its error; restoring the submitted value brings it back.
  await timeZone.fill('Europe/Berlin');
  await expect(timeZone).not.toHaveAttribute('aria-invalid', 'true');
  await expect(username).toHaveAttribute('aria-invalid', 'true');
  await expect(summary.getByRole('link')).toHaveText(['Username is already taken']);
  await timeZone.fill('Mars/Olympus_Mons');
  await expect(timeZone).toHaveAttribute('aria-invalid', 'true');
  await timeZone.fill('Europe/Berlin');
  await username.fill(unique('new.'));
  await expect(summary).toHaveCount(0);
  await expect(page).toHaveTitle(/^Create user/);
  // Only the refused request itself is logged by the browser.
  expect(problems.filter((p) => !p.includes('status of 422'))).toEqual([]);
});

test('the error summary announces from a child and a link shows the field with its label', async ({ page }) => {
  const taken = (await someUser(page)).username;
  // Shorter than a field's label, hint, message and input together.
  await page.setViewportSize({ width: 900, height: 110 });
  await page.goto('/users/new');
  await fillCreateForm(page, { username: taken, email: `${unique('label')}@example.com`, timeZone: 'Mars/Olympus_Mons' });
  await page.getByRole('button', { name: 'Create user' }).click();
  const summary = page.locator('.ua-error-summary');
  await expect(summary).toBeFocused();
  // The element that takes focus is not the alert; its child is.
  await expect(summary).not.toHaveAttribute('role', 'alert');
  await expect(summary.locator('> [role="alert"]')).toContainText('There is a problem');
  // Following a link focuses the input with its whole label on screen
  // (scrolled to the input alone, the label would be cut off at the top).
  await summary.getByRole('link', { name: /^Time zone/ }).click();
  await expect(page.getByLabel('Time zone', { exact: true })).toBeFocused();
  await expect(page.locator('label[for="ua-create-timeZone"]')).toBeInViewport({ ratio: 1 });
});

test('client-side checks catch the cheap mistakes before sending', async ({ page }) => {
  let posts = 0;
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().includes('/api/v1/users')) posts += 1; });
  await page.goto('/users/new');
  await page.getByLabel('Username', { exact: true }).fill('has space');
  await page.getByLabel('Email', { exact: true }).fill('not-an-address');
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.locator('.ua-error-summary li')).toHaveText([
    'Username can only contain letters, digits and . _ @ -',
    'Enter an email address like name@example.com',
  ]);
  expect(posts).toBe(0);
});

// Each dialect's body for a refused create, and where its errors must land.
const DIALECTS = [
  {
    name: 'problem details with invalidFields',
    status: 400,
    body: { errorCode: 'VALIDATION', requestId: 'req-1', invalidFields: [
      { name: 'email', value: 'x', message: 'Invalid email address' },
      { name: 'timeZoneCode', value: 'Mars', message: 'Unknown time zone' },
      { name: 'apps', value: 12, message: 'Unknown app' }] },
    fields: { email: 'Invalid email address', timeZone: 'Unknown time zone' },
    summaryOnly: ['apps: Unknown app'],
  },
  {
    name: 'ASP.NET errors map',
    status: 400,
    contentType: 'application/problem+json',
    body: { type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1', title: 'One or more validation errors occurred.', status: 400,
      errors: { Username: ['The Username field is required.'], FullName: ['Too long.'], '': ['The request is invalid.'] } },
    fields: { username: 'The Username field is required.', fullName: 'Too long.' },
    summaryOnly: ['The request is invalid.'],
  },
  {
    name: 'Zalando violations',
    status: 400,
    contentType: 'application/problem+json',
    body: { title: 'Constraint Violation', status: 400, violations: [
      { field: 'createUser.user.email', message: 'must be a well-formed email address' },
      { field: 'createUser.user.nickname', message: 'must not be blank' }] },
    fields: { email: 'Email must be a well-formed email address' },
    summaryOnly: ['createUser/user/nickname: must not be blank'],
  },
  {
    name: 'Django REST framework',
    status: 400,
    body: { email: ['Enter a valid email address.'], time_zone: ['Unknown zone.'], non_field_errors: ['Username and email clash.'] },
    fields: { email: 'Enter a valid email address.', timeZone: 'Unknown zone.' },
    summaryOnly: ['Username and email clash.'],
  },
  {
    name: 'a bare message',
    status: 400,
    body: { message: 'A user with that name cannot be created now.' },
    fields: {},
    summaryOnly: ['A user with that name cannot be created now.'],
  },
  {
    name: 'WLE errorMessage',
    status: 400,
    body: { status: '400', exceptionType: 'com.ibm.bpm.wle.api.WLEException', errorNumber: 'CWTBG0019E',
      errorMessage: 'CWTBG0019E: The user could not be created.', programmersDetails: 'at com.ibm.Stack.trace(Line 1)' },
    fields: {},
    summaryOnly: ['CWTBG0019E: The user could not be created.'],
  },
];

for (const dialect of DIALECTS) {
  test(`a ${dialect.name} body puts field errors on their fields and the rest in the summary`, async ({ page }) => {
    await page.route('**/api/v1/users', (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      return route.fulfill({ status: dialect.status, contentType: dialect.contentType || 'application/json', body: JSON.stringify(dialect.body) });
    });
    await page.goto('/users/new');
    await fillCreateForm(page, { username: 'dialect.user', email: 'dialect@example.com' });
    await page.getByRole('button', { name: 'Create user' }).click();
    const summary = page.locator('.ua-error-summary');
    await expect(summary).toBeFocused();
    for (const [field, message] of Object.entries(dialect.fields)) {
      await expect(page.locator(`#ua-create-${field}-error`)).toContainText(message);
      await expect(page.locator(`#ua-create-${field}`)).toHaveAttribute('aria-invalid', 'true');
      await expect(summary.getByRole('link', { name: message })).toBeVisible();
    }
    await expect(page.locator('.ua-field-error')).toHaveCount(Object.keys(dialect.fields).length);
    for (const message of dialect.summaryOnly) {
      await expect(summary.locator('li', { hasText: message })).toBeVisible();
      await expect(summary.locator('li', { hasText: message }).getByRole('link')).toHaveCount(0);
    }
    // The stack trace in a WLE error is never shown.
    await expect(page.getByText('Stack.trace')).toHaveCount(0);
    await expect(page.getByLabel('Username', { exact: true })).toHaveValue('dialect.user');
  });
}

test('an HTML 502 page gives a clear message and none of its markup', async ({ page, problems }) => {
  await page.route('**/api/v1/users', (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    return route.fulfill({ status: 502, contentType: 'text/html', body: '<html><body><h1 id="proxy">Bad Gateway</h1><script>window.pwned=1</script></body></html>' });
  });
  await page.goto('/users/new');
  await fillCreateForm(page, { username: 'gateway.user', email: 'gateway@example.com' });
  await page.getByRole('button', { name: 'Create user' }).click();
  const banner = page.locator('.ua-banner--error');
  // A POST with an Idempotency-Key is retried a few times on 502 first.
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(banner).toContainText('unavailable');
  await expect(banner).not.toContainText('<');
  await expect(page.locator('#proxy')).toHaveCount(0);
  expect(await page.evaluate(() => window.pwned)).toBeUndefined();
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue('gateway@example.com');
  // Only the failed request itself is logged by the browser.
  expect(problems.filter((p) => !p.includes('502'))).toEqual([]);
});

test('HTML in every string of an error body executes nothing and shows as text', async ({ page }) => {
  const evil = '<img src=x onerror="window.pwned=1">';
  await page.route('**/api/v1/users', (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    return route.fulfill({ status: 422, contentType: 'application/problem+json', body: JSON.stringify({
      type: evil, title: evil, status: 422, detail: evil, instance: evil,
      errors: [{ pointer: '#/email', detail: evil }, { pointer: `#/${evil}`, detail: evil }] }) });
  });
  await page.goto('/users/new');
  await fillCreateForm(page, { username: 'evil.user', email: 'evil@example.com' });
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.locator('#ua-create-email-error')).toContainText(evil);
  await expect(page.locator('.ua-app img')).toHaveCount(0);
  expect(await page.evaluate(() => window.pwned)).toBeUndefined();
});

test('a double click on Create makes one user, and the admin lands on them', async ({ page, problems }) => {
  const username = unique('double.');
  let posts = 0;
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/v1/users')) posts += 1; });
  await page.goto('/users/new');
  await fillCreateForm(page, { username, fullName: 'Double Click', email: `${username}@example.com` });
  await page.getByRole('button', { name: 'Create user' }).dblclick();
  await expect(page.getByRole('heading', { level: 1, name: 'Double Click' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'accepted the new user' })).toBeVisible();
  expect(posts).toBe(1);
  const found = await (await page.request.get(`/api/v1/users?q=${username}`, { headers: ADMIN })).json();
  expect(found.items.map((u) => u.username)).toEqual([username]);
  expect(problems).toEqual([]);
});

test('a create answered 201 with only a Location lands the admin on the new user', async ({ page, problems }) => {
  const username = unique('located.');
  // The user is really created; the answer is rewritten to a bodiless 201.
  await page.route('**/api/v1/users', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    const created = await (await route.fetch()).json();
    await route.fulfill({ status: 201, headers: { location: `/api/v1/users/${encodeURIComponent(created.userKey)}` }, body: '' });
  });
  await page.goto('/users/new');
  await fillCreateForm(page, { username, fullName: 'Located Person', email: `${username}@example.com` });
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Located Person' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('a resent submission after a lost answer reuses its Idempotency-Key', async ({ page }) => {
  const username = unique('retry.');
  const keys = [];
  let first = true;
  await page.route('**/api/v1/users', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    keys.push(route.request().headers()['idempotency-key']);
    if (first) {
      // The server creates the user, but its answer never arrives.
      first = false;
      await route.fetch();
      return route.abort('connectionreset');
    }
    return route.continue();
  });
  await page.goto('/users/new');
  await fillCreateForm(page, { username, fullName: 'Retried Person', email: `${username}@example.com` });
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Retried Person' })).toBeVisible({ timeout: 15_000 });
  expect(keys.length).toBeGreaterThanOrEqual(2);
  expect(new Set(keys).size).toBe(1);
  const found = await (await page.request.get(`/api/v1/users?q=${username}`, { headers: ADMIN })).json();
  expect(found.items).toHaveLength(1);
});

test('keyboard only: create a user from the list without the mouse', async ({ page }) => {
  const username = unique('keys.');
  await page.goto('/');
  await expect(page.locator('table.ua-table tbody tr').first()).toBeVisible();
  // Tab to the list's Create user button and follow it.
  const create = page.getByRole('main').getByRole('link', { name: 'Create user' });
  for (let i = 0; i < 30 && !(await create.evaluate((el) => el === document.activeElement)); i += 1) {
    await page.keyboard.press('Tab');
  }
  await expect(create).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Create user' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Username', { exact: true })).toBeFocused();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Keyboard Person');
  await page.keyboard.press('Tab');
  await page.keyboard.type(`${username}@example.com`);
  await page.keyboard.press('Tab'); // Active: already checked
  await page.keyboard.press('Tab'); // first role
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter'); // submits the form
  await expect(page.getByRole('heading', { level: 1, name: 'Keyboard Person' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Keyboard Person' })).toBeFocused();
});

test('an edit saves only the changed fields and the list shows it without a reload', async ({ page, problems }) => {
  const user = await someUser(page, 'lukas');
  const patches = [];
  page.on('request', (r) => { if (r.method() === 'PATCH') patches.push({ body: r.postDataJSON(), ifMatch: r.headers()['if-match'] }); });
  await page.goto(`/?q=${user.username}`);
  await page.getByRole('link', { name: user.fullName || user.username }).first().click();
  await page.getByRole('link', { name: 'Edit user' }).click();
  const name = `${user.fullName.split(' ')[0]} ${unique('Edited')}`;
  await page.getByLabel('Full name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Changes saved.' })).toBeVisible();
  expect(patches).toHaveLength(1);
  expect(patches[0].body).toEqual({ fullName: name });
  expect(patches[0].ifMatch).toBeTruthy();
  // Back to the list: the row shows the new name from the cache, no refetch needed.
  await page.goBack();
  await page.goBack();
  await expect(page.locator('table.ua-table tbody')).toContainText(name);
  expect(problems).toEqual([]);
});

test('edit errors show inline with a summary, and axe finds nothing on profile and edit', async ({ page }) => {
  const user = await someUser(page, 'anouk');
  await page.goto(`/users/${user.id}`);
  await expect(page.getByRole('link', { name: 'Edit user' })).toBeVisible();
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.getByRole('link', { name: 'Edit user' }).click();
  await page.getByLabel('Time zone', { exact: true }).fill('Nowhere/Special');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.locator('.ua-error-summary')).toBeFocused();
  await expect(page.locator('#ua-edit-timeZone')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveTitle(/^Error: Edit /);
  await expect(page.getByLabel('Time zone', { exact: true })).toHaveValue('Nowhere/Special');
  expect(await accessibilityViolations(page)).toEqual([]);
});

test('two admins edit the same user: the second save gets the conflict view and loses nothing', async ({ browser }) => {
  const [one, two] = [await browser.newContext(), await browser.newContext()];
  const [first, second] = [await one.newPage(), await two.newPage()];
  const user = await someUser(first, 'jansen');
  for (const page of [first, second]) {
    await page.goto(`/users/${user.id}/edit`);
    await expect(page.getByLabel('Full name', { exact: true })).toHaveValue(user.fullName);
  }
  const theirs = `Theirs ${unique('')}`;
  await first.getByLabel('Full name', { exact: true }).fill(theirs);
  await first.getByRole('button', { name: 'Save changes' }).click();
  await expect(first.getByRole('heading', { level: 1, name: theirs })).toBeVisible();

  const mine = `Mine ${unique('')}`;
  await second.getByLabel('Full name', { exact: true }).fill(mine);
  await second.getByLabel('Email', { exact: true }).fill(`${unique('mine')}@example.com`);
  await second.getByRole('button', { name: 'Save changes' }).click();
  const conflict = second.locator('.ua-conflict');
  await expect(conflict.getByRole('heading', { name: 'Someone else changed this user' })).toBeFocused();
  await expect(conflict.getByRole('row', { name: /Full name/ })).toContainText(mine);
  await expect(conflict.getByRole('row', { name: /Full name/ })).toContainText(theirs);
  await expect(second.getByLabel('Full name', { exact: true })).toHaveValue(mine);
  expect(await accessibilityViolations(second)).toEqual([]);

  await conflict.getByRole('button', { name: 'Save my edits onto the new version' }).click();
  await expect(second.getByRole('heading', { level: 1, name: mine })).toBeVisible();
  const saved = await (await second.request.get(`/api/v1/users/${user.id}`, { headers: ADMIN })).json();
  expect(saved.fullName).toBe(mine);
  await one.close();
  await two.close();
});

test('the conflict view can discard the edits and load the new version', async ({ page }) => {
  const user = await someUser(page, 'schmidt');
  await page.goto(`/users/${user.id}/edit`);
  await expect(page.getByLabel('Full name', { exact: true })).toHaveValue(user.fullName);
  // Someone else saves through the API meanwhile.
  const current = await page.request.get(`/api/v1/users/${user.id}`, { headers: ADMIN });
  const theirs = `Changed ${unique('')}`;
  await page.request.patch(`/api/v1/users/${user.id}`, {
    headers: { ...ADMIN, 'If-Match': current.headers().etag, 'Content-Type': 'application/merge-patch+json' },
    data: JSON.stringify({ fullName: theirs }),
  });
  await page.getByLabel('Full name', { exact: true }).fill('My version');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('button', { name: 'Discard my edits and load the new version' }).click();
  await expect(page.getByLabel('Full name', { exact: true })).toHaveValue(theirs);
  await expect(page.locator('.ua-conflict')).toHaveCount(0);
});

test('unsaved edits ask before a reload or an in-app link; pristine and saved forms do not', async ({ page }) => {
  const user = await someUser(page, 'sem');
  await page.goto(`/users/${user.id}/edit`);
  await expect(page.getByLabel('Full name', { exact: true })).toHaveValue(user.fullName);
  // Pristine: a link leaves without asking.
  let asked = 0;
  page.on('dialog', (dialog) => { asked += 1; dialog.dismiss(); });
  await page.getByRole('link', { name: 'Cancel' }).click();
  await expect(page).toHaveURL(new RegExp(`/users/${user.id}$`));
  expect(asked).toBe(0);

  await page.goto(`/users/${user.id}/edit`);
  await page.getByLabel('Full name', { exact: true }).fill('Not saved yet');
  // An in-app link asks; dismissing stays with the edits.
  await page.getByRole('navigation').getByRole('link', { name: 'Users' }).click();
  await expect.poll(() => asked).toBe(1);
  await expect(page).toHaveURL(/\/edit$/);
  await expect(page.getByLabel('Full name', { exact: true })).toHaveValue('Not saved yet');
  // A reload asks too (beforeunload); dismissing keeps the page.
  const beforeUnload = page.waitForEvent('dialog');
  page.reload().catch(() => {});
  const dialog = await beforeUnload;
  expect(dialog.type()).toBe('beforeunload');
  await expect(page.getByLabel('Full name', { exact: true })).toHaveValue('Not saved yet');
});

test('deactivate and activate ask for confirmation first', async ({ page }) => {
  const username = unique('toggle.');
  await page.request.post('/api/v1/users', { headers: { ...ADMIN, 'Idempotency-Key': unique('k') },
    data: { username, fullName: 'Toggle Person', email: `${username}@example.com`, active: true } });
  const user = await someUser(page, username);
  await page.goto(`/users/${user.id}`);
  await page.getByRole('button', { name: 'Deactivate user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Deactivate Toggle Person?' });
  await expect(dialog).toBeVisible();
  // Cancel (Escape) changes nothing.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.locator('.ua-details')).toContainText('Active');
  await page.getByRole('button', { name: 'Deactivate user' }).click();
  await dialog.getByRole('button', { name: 'Deactivate user' }).click();
  await expect(page.locator('.ua-details').first()).toContainText('Inactive');
  await expect(page.getByRole('status').filter({ hasText: 'is now inactive' })).toBeVisible();
  await page.getByRole('button', { name: 'Activate user' }).click();
  await page.getByRole('dialog', { name: 'Activate Toggle Person?' }).getByRole('button', { name: 'Activate user' }).click();
  await expect(page.locator('.ua-details').first()).toContainText('Active');
  const saved = await (await page.request.get(`/api/v1/users/${user.id}`, { headers: ADMIN })).json();
  expect(saved.active).toBe(true);
});

test('an admin without users:write sees no create, edit or deactivate controls', async ({ page }) => {
  await signInAs(page, 'dev-viewer-token');
  const user = await someUser(page);
  await page.goto(`/users/${user.id}`);
  await expect(page.locator('.ua-details').first()).toContainText(user.username);
  await expect(page.getByRole('link', { name: 'Edit user' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /activate user/i })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Create user' })).toHaveCount(0);
  await page.goto('/users/new');
  await expect(page.getByRole('alert')).toContainText('users:write');
  await expect(page.getByRole('button', { name: 'Create user' })).toHaveCount(0);
});

test('a 403 on save shows a banner naming the missing permission and keeps the edits', async ({ page }) => {
  const user = await someUser(page, 'mia');
  await page.route(`**/api/v1/users/${user.id}`, (route) => {
    if (route.request().method() !== 'PATCH') return route.continue();
    return route.fulfill({ status: 403, contentType: 'application/problem+json',
      headers: { 'WWW-Authenticate': 'Bearer error="insufficient_scope", scope="users:write"' },
      body: JSON.stringify({ title: 'Forbidden', status: 403 }) });
  });
  await page.goto(`/users/${user.id}/edit`);
  await page.getByLabel('Full name', { exact: true }).fill('Forbidden Change');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.locator('.ua-banner--error')).toContainText('users:write');
  await expect(page.locator('.ua-error-summary')).toHaveCount(0);
  await expect(page.getByLabel('Full name', { exact: true })).toHaveValue('Forbidden Change');
});

test('the signed-in admin has their own profile in the same view', async ({ page }) => {
  const me = await (await page.request.get('/api/v1/users/profile', { headers: ADMIN })).json();
  await page.goto('/');
  await page.getByRole('navigation').getByRole('link', { name: 'My profile' }).click();
  await expect(page.getByRole('heading', { level: 1, name: me.fullName || me.username })).toBeVisible();
  await expect(page.locator('.ua-details').first()).toContainText(me.username);
  expect(await accessibilityViolations(page)).toEqual([]);
});

test('the host page hears about created and updated users and about navigation', async ({ page }) => {
  await page.addInitScript(() => {
    window.hostEvents = [];
    for (const name of ['user-admin:user-created', 'user-admin:user-updated', 'user-admin:navigate']) {
      document.addEventListener(name, (event) => window.hostEvents.push({ name, detail: event.detail, bubbles: event.bubbles, composed: event.composed }));
    }
  });
  const username = unique('events.');
  await page.goto('/users/new');
  await fillCreateForm(page, { username, fullName: 'Event Person', email: `${username}@example.com` });
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Event Person' })).toBeVisible();
  await page.getByRole('link', { name: 'Edit user' }).click();
  await page.getByLabel('Full name', { exact: true }).fill('Event Person Renamed');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Event Person Renamed' })).toBeVisible();

  const events = await page.evaluate(() => window.hostEvents);
  const created = events.find((e) => e.name === 'user-admin:user-created');
  expect(created.detail.userKey).toBeTruthy();
  expect(created.detail.location).toContain(created.detail.userKey);
  const updated = events.find((e) => e.name === 'user-admin:user-updated');
  expect(updated.detail).toEqual({ id: created.detail.userKey, fields: ['fullName'] });
  const paths = events.filter((e) => e.name === 'user-admin:navigate').map((e) => e.detail.path);
  expect(paths).toEqual(['/users/new', `/users/${created.detail.userKey}`, `/users/${created.detail.userKey}/edit`, `/users/${created.detail.userKey}`]);
  expect(events.every((e) => e.bubbles && e.composed)).toBe(true);
});

test("Back cannot be stopped, so unsaved edits come back when the admin returns; confirmed leaving drops them", async ({ page }) => {
  const user = await someUser(page, 'zoe');
  await page.goto(`/users/${user.id}`);
  await page.getByRole('link', { name: 'Edit user' }).click();
  await page.getByLabel('Full name', { exact: true }).fill('Typed before Back');
  await page.goBack();
  await expect(page.locator('.ua-details').first()).toBeVisible();
  await page.goForward();
  await expect(page.getByLabel('Full name', { exact: true })).toHaveValue('Typed before Back');
  await expect(page.getByRole('status').filter({ hasText: 'unsaved changes from before are back' })).toBeVisible();

  // Leaving through a link and confirming loses the edits, as the question said.
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('link', { name: 'Cancel' }).click();
  await expect(page.locator('.ua-details').first()).toBeVisible();
  await page.getByRole('link', { name: 'Edit user' }).click();
  await expect(page.getByLabel('Full name', { exact: true })).toHaveValue(user.fullName);
});
