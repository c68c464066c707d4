// The main tasks against the reference server speaking each built-in API
// profile's dialect (`--dialect NAME`): the page is told the API base and
// profile, and the admin offers what that system's API has, no more.
// `cargo xtask test` starts one server per dialect; their URLs arrive in
// E2E_DIALECTS as {"circuit": "http://127.0.0.1:…", …}.
const { test, expect, accessibilityViolations } = require('./fixtures');

const servers = JSON.parse(process.env.E2E_DIALECTS || '{}');
const ADMIN = { Authorization: 'Bearer dev-admin-token' };

const rows = (page) => page.locator('table.ua-table:not(.ua-table--loading) tbody tr');
const nav = (page) => page.getByRole('navigation', { name: 'User admin' });

function dialect(name, body) {
  test.describe(`the ${name} dialect`, () => {
    test.skip(!servers[name], 'E2E_DIALECTS names no server for this dialect (cargo xtask test starts them)');
    body(() => servers[name]);
  });
}

dialect('circuit', (url) => {
  test('search answers one array: the admin pages through it, without sort, create or edit', async ({ page, problems }) => {
    const lists = [];
    page.on('request', (r) => { if (r.url().includes('/rest/v2/users?') || r.url().endsWith('/rest/v2/users')) lists.push(r.url()); });
    await page.goto(`${url()}/`);
    await expect(rows(page)).toHaveCount(25);
    await expect(page.locator('.ua-list-complete')).toHaveText(/^All \d+ users found are shown\.$/);
    await expect(page.locator('button.ua-sort')).toHaveCount(0);
    await expect(page.getByRole('columnheader', { name: 'Presence' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Create user' })).toHaveCount(0);
    await expect(page.getByRole('checkbox')).toHaveCount(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    // The next page is cut from the same search: no page parameter is sent.
    await page.getByRole('link', { name: 'Next' }).click();
    await expect(page).toHaveURL(/page=1/);
    await expect(rows(page)).toHaveCount(25);
    expect(lists.every((u) => !/[?&](page|limit|sort)=/.test(u))).toBe(true);

    await page.getByLabel('Search users').fill('Ada');
    await expect(rows(page)).toHaveCount(1);
    // gloo-net ends a URL that has a query with "&".
    expect(lists.at(-1)).toMatch(/\/rest\/v2\/users\?name=Ada$/);
    await expect(page.locator('.ua-list-complete')).toHaveText('All 1 users found are shown.');

    // No match is the API's 404, and the admin's empty list.
    await page.getByLabel('Search users').fill('no-such-person-anywhere');
    await expect(page.getByText('No users match')).toBeVisible();

    await page.getByLabel('Search users').fill('Ada');
    await rows(page).first().locator('a').click();
    await expect(page.locator('.ua-details').first()).toContainText('admin');
    await expect(page.locator('.ua-own-presence .ua-presence__label')).not.toHaveText('…');
    await expect(page.getByRole('link', { name: 'Edit user' })).toHaveCount(0);
    // The browser logs the API's 404 for the search without a match.
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
  });

  test('the example portal embeds the admin against the same API', async ({ page, problems }) => {
    const lists = [];
    page.on('request', (r) => { if (r.url().includes('/users')) lists.push(new URL(r.url()).pathname); });
    await page.goto(`${url()}/portal/admin/`);
    await expect(rows(page)).toHaveCount(25);
    await expect(page.locator('.ua-list-complete')).toHaveText(/^All \d+ users found are shown\.$/);
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.every((path) => path.startsWith('/rest/v2/'))).toBe(true);
    expect(problems).toEqual([]);
  });

  test('a profile reader that does not load is an error with Try again, not a blank page', async ({ page, problems }) => {
    const readerPart = /\/split_profile_reader-[0-9a-f]+\.wasm$/;
    await page.route(readerPart, (route) => route.abort());
    await page.goto(`${url()}/`);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('This part of the admin could not be loaded.');
    await expect(rows(page)).toHaveCount(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.unroute(readerPart);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(rows(page)).toHaveCount(25);
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(problems.filter((p) => !/Failed to fetch|net::ERR_FAILED/.test(p))).toEqual([]);
  });

  test('my presence is read and set through the collaboration API', async ({ page, request, problems }) => {
    await request.put(`${url()}/rest/v2/users/presence`, { headers: ADMIN, form: { state: 'AVAILABLE', clearDnd: 'true', statusMessage: '' } });
    await page.goto(`${url()}/`);
    await nav(page).getByRole('link', { name: 'My presence' }).click();
    await expect(page.getByLabel('State')).toHaveValue('AVAILABLE');
    await page.getByLabel('State').selectOption('AWAY');
    await page.getByLabel('Status message').fill('At lunch');
    await page.getByRole('button', { name: 'Save presence' }).click();
    await expect(page.getByRole('status')).toHaveText('Your presence is saved.');
    const saved = await (await request.get(`${url()}/rest/v2/users/profile`, { headers: ADMIN })).json();
    const presence = await (await request.get(`${url()}/rest/v2/users/${saved.userId}/presence`, { headers: ADMIN })).json();
    expect([presence.state, presence.statusMessage]).toEqual(['AWAY', 'At lunch']);
    expect(problems).toEqual([]);
  });
});

dialect('ibm-bpm', (url) => {
  test('without a list the admin opens a user by id, and reads them from the envelope', async ({ page, request, problems }) => {
    const profile = await (await request.get(`${url()}/rest/bpm/wle/v1/user`, { headers: ADMIN })).json();
    await page.goto(`${url()}/`);
    await expect(page.getByText("The portal's API has no list of users.")).toBeVisible();
    await expect(nav(page).getByRole('link', { name: 'Create user' })).toHaveCount(0);
    await expect(nav(page).getByRole('link', { name: 'My presence' })).toHaveCount(0);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('User id').fill(profile.data.userID);
    await page.getByRole('button', { name: 'Open' }).click();
    await expect(page.locator('.ua-details').first()).toContainText(profile.data.userName);
    await expect(page.getByRole('link', { name: 'Edit user' })).toHaveCount(0);
    await expect(page.locator('.ua-own-presence')).toHaveCount(0);

    // The system's own error format, in the admin's words.
    await page.goto(`${url()}/users/no-such-user`);
    await expect(page.getByRole('heading', { level: 1, name: 'User not found' })).toBeVisible();

    await page.goto(`${url()}/`);
    await nav(page).getByRole('link', { name: 'My profile' }).click();
    await expect(page.locator('.ua-details').first()).toContainText(profile.data.userName);
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
  });
});

dialect('adyen-management', (url) => {
  test('pages numbered from 1, and an edit sent as a JSON PATCH with the field refused inline', async ({ page, problems }) => {
    const sent = [];
    page.on('request', (r) => sent.push({ method: r.method(), url: r.url(), headers: r.headers(), body: r.postData() }));
    await page.goto(`${url()}/`);
    await expect(rows(page)).toHaveCount(25);
    expect(sent.some((r) => /\/v3\/companies\/DEMO\/users\?pageNumber=1&pageSize=25$/.test(r.url))).toBe(true);
    await expect(page.getByLabel('Search users')).toHaveCount(0);
    await expect(page.locator('button.ua-sort')).toHaveCount(0);
    await expect(page.getByRole('columnheader', { name: 'Presence' })).toHaveCount(0);
    await page.getByRole('link', { name: 'Next' }).click();
    await expect(rows(page)).toHaveCount(25);
    expect(sent.some((r) => /pageNumber=2&pageSize=25$/.test(r.url))).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);

    await rows(page).first().locator('a').click();
    await page.getByRole('link', { name: 'Edit user' }).click();
    const timeZone = page.getByLabel('Time zone', { exact: true });
    await timeZone.fill('Mars/Olympus_Mons');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(timeZone).toHaveAttribute('aria-invalid', 'true');
    await expect(timeZone).toHaveValue('Mars/Olympus_Mons');
    const patch = sent.filter((r) => r.method === 'PATCH').at(-1);
    expect(patch.headers['content-type']).toBe('application/json');
    expect(patch.headers['if-match']).toBeUndefined();
    expect(JSON.parse(patch.body)).toEqual({ timeZoneCode: 'Mars/Olympus_Mons' });

    await timeZone.fill('Europe/Amsterdam');
    const renamed = `Renamed ${Date.now()}`;
    await page.getByLabel('Full name', { exact: true }).fill(renamed);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Changes saved.' })).toBeVisible();
    await expect(page.locator('.ua-details').first()).toContainText('Europe/Amsterdam');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(renamed);
    expect(problems.filter((p) => !p.includes('422'))).toEqual([]);
  });

  // A portal's own profile, served from its origin: this one pages by the
  // `_links.next` the answers carry instead of by page number.
  const LINKS_PROFILE = {
    name: 'payments, by links',
    list: { path: '/users', paging: 'links', sizeParameter: 'pageSize', searchParameter: null,
      sortParameter: null, activeParameter: null, roleParameter: null },
    me: null, create: null, update: null, roles: null, presence: null,
  };
  async function hostWithProfile(page, profileUrl) {
    await page.route((u) => u.pathname === '/' || u.pathname.startsWith('/users'), async (route) => {
      if (route.request().resourceType() !== 'document') return route.continue();
      const response = await route.fetch();
      const html = (await response.text()).replace('data-api-profile="adyen-management"', `data-api-profile="${profileUrl}"`);
      await route.fulfill({ response, body: html });
    });
  }

  test('a profile fetched from the portal\'s origin pages by next links, also from a deep link', async ({ page, problems }) => {
    const lists = [];
    page.on('request', (r) => { if (r.url().includes('/v3/companies/DEMO/users?')) lists.push(r.url()); });
    await page.route('**/portal-profiles/links.json', (route) => route.fulfill({ json: LINKS_PROFILE }));
    await hostWithProfile(page, '/portal-profiles/links.json');
    await page.goto(`${url()}/`);
    await expect(rows(page)).toHaveCount(25);
    // The first page is the list's path, without a page number.
    expect(lists).toHaveLength(1);
    expect(lists[0]).toMatch(/\/users\?pageSize=25$/);
    const firstName = await rows(page).first().locator('a').textContent();

    // Next is the link the answer gave.
    await page.getByRole('link', { name: 'Next' }).click();
    await expect(page).toHaveURL(/page=1/);
    await expect(rows(page).first().locator('a')).not.toHaveText(firstName);
    expect(lists.at(-1)).toMatch(/\/users\?pageNumber=2&pageSize=25$/);
    expect(await accessibilityViolations(page)).toEqual([]);

    // A deep link to the third page walks there from the first.
    lists.length = 0;
    await page.goto(`${url()}/?page=2`);
    await expect(rows(page)).toHaveCount(25);
    expect(lists.map((u) => u.replace(/.*\/users\?/, ''))).toEqual([
      'pageSize=25', 'pageNumber=2&pageSize=25', 'pageNumber=3&pageSize=25',
    ]);
    // Going back a page needs only the link already known.
    lists.length = 0;
    await page.getByRole('link', { name: 'Previous' }).click();
    await expect(page).toHaveURL(/page=1/);
    await expect(rows(page)).toHaveCount(25);
    expect(lists.length).toBeLessThanOrEqual(1);
    expect(problems).toEqual([]);
  });

  test('a profile on another origin is refused before anything is sent', async ({ page, problems }) => {
    const api = [];
    page.on('request', (r) => { if (r.url().includes('/v3/')) api.push(r.url()); });
    const elsewhere = url().replace('127.0.0.1', 'localhost');
    await hostWithProfile(page, `${elsewhere}/portal-profiles/links.json`);
    await page.goto(`${url()}/`);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText("The admin cannot start: the portal's API profile is not valid.");
    await expect(alert).toContainText("the api-profile URL must be on the page's own origin");
    expect(api).toEqual([]);
    expect(problems.filter((p) => !p.includes('API profile is not valid'))).toEqual([]);
  });
});

dialect('user-admin-api', (url) => {
  test('meta paging from 0, reading only', async ({ page, problems }) => {
    await page.goto(`${url()}/`);
    await expect(rows(page)).toHaveCount(25);
    await expect(page.getByText(/Page 1 of \d+/)).toBeVisible();
    await expect(page.getByRole('link', { name: 'Create user' })).toHaveCount(0);
    await expect(page.getByRole('checkbox')).toHaveCount(0);
    await expect(page.locator('.ua-filters')).toHaveCount(0);
    await page.getByRole('link', { name: 'Next' }).click();
    await expect(page).toHaveURL(/page=1/);
    await expect(rows(page)).toHaveCount(25);
    await rows(page).first().locator('a').click();
    await expect(page.locator('.ua-details').first()).toBeVisible();
    await expect(page.getByRole('link', { name: 'Edit user' })).toHaveCount(0);
    // Straight to the form: the API cannot create, and the admin says so.
    await page.goto(`${url()}/users/new`);
    await expect(page.getByText('Users cannot be created here')).toBeVisible();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});

test('a wrong profile from the host page names the member, and nothing else starts', async ({ page, problems }) => {
  await page.goto('/portal/');
  await page.evaluate(async () => {
    const { mount } = await import('/user-admin.js');
    const element = document.createElement('div');
    element.id = 'wrong-profile';
    document.body.append(element);
    window.wrongProfile = mount(element, { apiProfile: { list: { paging: 'cursor' } } });
    await window.wrongProfile.ready;
  });
  const alert = page.locator('#wrong-profile').getByRole('alert');
  await expect(alert).toContainText("The admin cannot start: the portal's API profile is not valid.");
  await expect(alert.locator('code')).toHaveText('list.paging must be one of "page", "offset", "whole", "links"');
  expect(problems.filter((p) => !p.includes('API profile is not valid'))).toEqual([]);
});

test('a profile\'s field names are read from answers and written in changes', async ({ page, problems }) => {
  // An API that calls the full name "displayName": the contract server's
  // answers rewritten, and the profile saying so.
  await page.route('**/portal-profiles/renamed.json', (route) => route.fulfill({
    json: { name: 'renamed', fields: { fullName: 'displayName' } },
  }));
  await page.route((u) => u.pathname === '/' || u.pathname.startsWith('/users'), async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    const html = (await response.text()).replace('<div id="user-admin"', '<div id="user-admin" data-api-profile="/portal-profiles/renamed.json"');
    await route.fulfill({ response, body: html });
  });
  const sent = [];
  await page.route('**/api/v1/users**', async (route) => {
    const request = route.request();
    let response;
    if (request.method() === 'PATCH') {
      sent.push(JSON.parse(request.postData()));
      response = await route.fetch({ postData: request.postData().replace(/"displayName":/g, '"fullName":') });
    } else {
      response = await route.fetch();
    }
    const type = response.headers()['content-type'] || '';
    if (!type.includes('json')) return route.fulfill({ response });
    const body = (await response.text()).replace(/"fullName":/g, '"displayName":');
    await route.fulfill({ response, body });
  });
  await page.goto('/?q=jansen');
  const first = rows(page).first().locator('a');
  await expect(first).not.toHaveText('');
  const name = (await first.textContent()).trim();
  expect(name.length).toBeGreaterThan(1);
  await first.click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  await page.getByRole('link', { name: 'Edit user' }).click();
  await expect(page.getByLabel('Full name', { exact: true })).toHaveValue(name);
  const renamed = `Renamed ${Date.now()}`;
  await page.getByLabel('Full name', { exact: true }).fill(renamed);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(renamed);
  expect(sent).toEqual([{ displayName: renamed }]);
  expect(problems).toEqual([]);
  // Presence polling may still be passing through the rewrite.
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});
