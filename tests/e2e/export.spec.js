// "Export CSV" against the reference server: the file equals the API's
// data (parsed back as RFC 4180), formula cells are neutralised, accents
// survive (UTF-8 with a BOM), Cancel leaves no download, a failure half-way
// offers the rows so far, large exports ask first, and it works inside the
// portal's shadow root under its Content-Security-Policy.
const fs = require('node:fs');
const { test, expect, accessibilityViolations } = require('./fixtures');

const ADMIN = { Authorization: 'Bearer dev-admin-token' };
const rows = (page) => page.locator('table.ua-table:not(.ua-table--loading) tbody tr');

/// RFC 4180 records from `text`.
function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { record.push(field); records.push(record); record = []; field = ''; i += 1; }
    else field += c;
  }
  return records;
}

async function allUsers(request, query = '') {
  const users = [];
  for (let page = 0; ; page += 1) {
    const body = await (await request.get(`/api/v1/users?limit=100&page=${page}${query}`, { headers: ADMIN })).json();
    users.push(...body.items);
    if (!body._links.next) return users;
  }
}

async function create(request, username, fullName) {
  const reply = await request.post('/api/v1/users', {
    headers: { ...ADMIN, 'Idempotency-Key': `${username}-key` },
    data: { username, fullName, email: `${username}@example.com`, active: true },
  });
  expect(reply.status(), username).toBeLessThan(300);
}

async function resetFaults(request) {
  expect((await request.delete('/__faults')).status()).toBe(204);
}

test.beforeEach(async ({ request }) => {
  await resetFaults(request);
});

test('the export of the whole directory equals the API, with formulas neutralised and accents intact', async ({ page, request, problems }) => {
  test.setTimeout(90_000);
  // At least 1,000 users, some with names a spreadsheet would run or mangle.
  const tag = `csv${Date.now().toString(36)}`;
  await create(request, `${tag}.formula`, '=HYPERLINK("http://evil.example","Click")');
  await create(request, `${tag}.plus`, '+SUM(1,2)');
  await create(request, `${tag}.accents`, 'Zoë Ødegård-Łukasiewicz, "Jr."');
  const { totalCount } = (await (await request.get('/api/v1/users?limit=1', { headers: ADMIN })).json()).meta;
  const missing = Math.max(0, 1000 - totalCount);
  for (let start = 0; start < missing; start += 25) {
    await Promise.all(Array.from({ length: Math.min(25, missing - start) }, (_, i) =>
      create(request, `${tag}.${start + i}`, `Filler ${tag} ${start + i}`)));
  }
  const expected = await allUsers(request);
  expect(expected.length).toBeGreaterThanOrEqual(1000);

  await page.goto('/');
  await expect(rows(page)).toHaveCount(25);
  const listReads = [];
  page.on('request', (r) => { if (/\/api\/v1\/users\?/.test(r.url())) listReads.push(new URL(r.url()).searchParams.get('limit')); });
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  const today = new Date();
  const date = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  expect(file.suggestedFilename()).toBe(`users-${date}.csv`);
  await expect(page.getByRole('dialog').getByRole('status')).toContainText(`Saved users-${date}.csv with ${expected.length.toLocaleString('en-US')} users.`);
  expect(await accessibilityViolations(page)).toEqual([]);
  // Pages were read at the largest size, one after another.
  expect(new Set(listReads)).toEqual(new Set(['100']));
  expect(listReads).toHaveLength(Math.ceil(expected.length / 100));

  const bytes = fs.readFileSync(await file.path());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const records = parseCsv(bytes.toString('utf8').slice(1));
  expect(records[0]).toEqual(['Name', 'Username', 'Email', 'Roles', 'Status', 'Presence', 'Last login']);
  const body = records.slice(1);
  expect(body).toHaveLength(expected.length);
  const neutralised = (text) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
  body.forEach((record, i) => {
    const user = expected[i];
    expect(record.slice(0, 5), user.username).toEqual([
      neutralised(user.fullName), user.username, user.email, user.roles.join(', '), user.active ? 'Active' : 'Inactive',
    ]);
    expect(['Available', 'Away', 'Busy', 'Do not disturb', 'Offline', 'Unknown', '']).toContain(record[5]);
    expect(record[6]).toBe(user.lastLoginAt || '');
  });
  const byUsername = Object.fromEntries(body.map((r) => [r[1], r]));
  expect(byUsername[`${tag}.formula`][0]).toBe(`'=HYPERLINK("http://evil.example","Click")`);
  expect(byUsername[`${tag}.plus`][0]).toBe(`'+SUM(1,2)`);
  expect(byUsername[`${tag}.accents`][0]).toBe('Zoë Ødegård-Łukasiewicz, "Jr."');
  expect(problems).toEqual([]);
});

test('a filtered export is named for its filter; Cancel leaves no download', async ({ page, request }) => {
  await page.goto('/?active=false');
  await expect(rows(page).first()).toBeVisible();
  // Slow pages, so the export is still running when Cancel is pressed.
  await request.post('/__faults', { data: { path: '/api/v1/users', method: 'GET', count: 4, delayMs: 4000 } });
  let downloads = 0;
  page.on('download', () => { downloads += 1; });
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Exporting users' });
  await expect(dialog.getByRole('progressbar')).toBeVisible();
  expect(await accessibilityViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.waitForTimeout(2500);
  expect(downloads).toBe(0);

  await resetFaults(request);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/^users-\d{4}-\d\d-\d\d-inactive\.csv$/);
});

test('a failure half-way offers the rows so far or discards them', async ({ page }) => {
  // The third page keeps failing (after the client's retries).
  await page.route(/\/api\/v1\/users\?page=2&/, (route) => route.fulfill({
    status: 503, contentType: 'application/problem+json', headers: { 'Retry-After': '0' },
    body: JSON.stringify({ title: 'Service Unavailable', status: 503, detail: 'The directory is being backed up.' }),
  }));
  await page.goto('/');
  await expect(rows(page)).toHaveCount(25);
  let downloads = 0;
  page.on('download', () => { downloads += 1; });
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const stopped = page.getByRole('dialog', { name: /The export stopped after 200 of/ });
  await expect(stopped).toBeVisible({ timeout: 30_000 });
  await expect(stopped).toContainText('The directory is being backed up.');
  expect(await accessibilityViolations(page)).toEqual([]);
  await stopped.getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(downloads).toBe(0);

  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect(stopped).toBeVisible({ timeout: 30_000 });
  const download = page.waitForEvent('download');
  await stopped.getByRole('button', { name: 'Download the 200 users so far' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/-partial\.csv$/);
  const records = parseCsv(fs.readFileSync(await file.path(), 'utf8').slice(1));
  expect(records).toHaveLength(201);
});

test('over 10,000 rows it asks first with the estimate', async ({ page }) => {
  // A directory of 123,456 users, as the first page tells it.
  await page.route(/\/api\/v1\/users\?page=0&limit=25$/, async (route) => {
    await route.fetch().then(async (response) => {
      const body = await response.json();
      body.meta.totalCount = 123456;
      body.meta.pageCount = 4939;
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
    }).catch(() => {}); // aborted by the admin meanwhile
  });
  await page.goto('/');
  await expect(rows(page)).toHaveCount(25);
  await expect(page.locator('.ua-pager__summary')).toContainText('123,456');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export 123,456 users?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('2,470 requests');
  await expect(dialog).toContainText(/about \d+\.\d MB/);
  expect(await accessibilityViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('inside the portal: the download works from the shadow root under the portal CSP', async ({ page, problems }) => {
  await page.goto('/portal/admin/');
  const host = page.locator('user-admin');
  await expect(host.locator('table.ua-table tbody tr').first()).toBeVisible();
  const download = page.waitForEvent('download', { timeout: 30_000 });
  await host.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^users-.*\.csv$/);
  expect(parseCsv(fs.readFileSync(await file.path(), 'utf8').slice(1)).length).toBeGreaterThan(100);
  expect(problems).toEqual([]);
});
