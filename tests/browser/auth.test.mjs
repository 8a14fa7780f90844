// Accounts in the dashboard (issue 6): reading needs no account; the login page; the controls a
// role cannot use are hidden (the server refuses them anyway: tests/integration/authz.test.mjs);
// a district editor's change waits for review and a city admin approves it on the audit page;
// logout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addAccount, startServer } from './server.mjs';
import { launch, openPage, screenshot, signIn, DESKTOP } from './browser.mjs';

let srv;
let browser;
let admin;
let editor;
let viewer;
const INDUSTRY = 'semiconductor-ic';

before(async () => {
  srv = await startServer({ data: true });
  admin = addAccount(srv, 'b-admin', 'city-admin');
  editor = addAccount(srv, 'b-nanshan', 'district-editor', { district: '南山区' });
  viewer = addAccount(srv, 'b-viewer', 'viewer');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

const listsUrl = (tab) => `/lists.html?industry=${INDUSTRY}&tab=${tab}`;

// The panel of `list` once its table has answered.
async function panelOf(page, list) {
  const p = page.locator(`#panel-${list}`);
  await page.locator('#content').waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.querySelectorAll('.dt[aria-busy]').length === 0);
  return p;
}

test('without an account: the dashboard reads, writes are hidden, the header offers 登录', async () => {
  const page = await openPage(browser, srv.baseUrl, DESKTOP);
  await page.goto(listsUrl('projects'));
  const p = await panelOf(page, 'projects');
  await page.locator('#login-link').waitFor();
  assert.ok((await p.locator('tbody tr[data-id]').count()) > 0, 'records are shown');
  assert.equal(await p.locator('button[data-action="create"]').count(), 0, 'no 新增');
  assert.equal(await p.getByRole('button', { name: '删除' }).count(), 0, 'no 删除');
  assert.equal(await p.locator('tbody tr[data-id]').first().getByRole('button', { name: '查看', exact: true }).count(), 1);
  assert.match(await page.locator('#login-link').getAttribute('href'), /^\/login\.html\?next=%2Flists\.html/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('login page: a wrong password is refused with one message; the right one goes back to the page', async () => {
  const page = await openPage(browser, srv.baseUrl, DESKTOP);
  await page.goto('/login.html?next=%2Fstats.html');
  await page.locator('#login-name').fill(viewer.name);
  await page.locator('#login-password').fill('not-the-password');
  await page.locator('#login-submit').click();
  await page.locator('#login-error').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#login-error').innerText(), '账号或密码错误。');
  await page.locator('#login-name').fill('no-such-account');
  await page.locator('#login-password').fill('not-the-password');
  await page.locator('#login-submit').click();
  await page.waitForFunction(() => document.querySelector('#login-password').value === '');
  assert.equal(await page.locator('#login-error').innerText(), '账号或密码错误。', 'unknown accounts get the same words');
  await screenshot(page, 'login-error-1366.png');
  // An outside `next` is not followed.
  await page.goto('/login.html?next=https%3A%2F%2Fevil.example%2F');
  await page.locator('#login-name').fill(viewer.name);
  await page.locator('#login-password').fill(viewer.password);
  await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.locator('#login-submit').click()]);
  assert.equal(new URL(page.url()).origin, srv.baseUrl);
  await page.locator('#user-name').waitFor();
  assert.match(await page.locator('#user-name').innerText(), /b-viewer（只读用户）/);
  // The cookie is HttpOnly: scripts on the page cannot read it.
  assert.equal(await page.evaluate(() => document.cookie), '');
  // A viewer sees no write control either.
  await page.goto(listsUrl('projects'));
  const p = await panelOf(page, 'projects');
  assert.equal(await p.locator('button[data-action="create"]').count(), 0);
  assert.equal(await p.getByRole('button', { name: '删除' }).count(), 0);
  // The refused logins are the only failed requests (the browser logs their 401s).
  assert.deepEqual(page.problems.filter((x) => !/status of 401/.test(x)), []);
  await page.context().close();
});

test('a district editor: controls only where its district can be written; a new project waits for review', async () => {
  const page = await openPage(browser, srv.baseUrl, DESKTOP);
  await signIn(page, editor, listsUrl('projects'));
  await page.locator('#user-name').waitFor();
  assert.match(await page.locator('#user-name').innerText(), /区级编辑 · 南山区/);
  let p = await panelOf(page, 'projects');
  assert.equal(await p.locator('button[data-action="create"]').count(), 1, 'projects record a district');
  // Lists without a district (listings, policies): no 新增.
  await page.locator('#tab-policies').click();
  p = await panelOf(page, 'policies');
  assert.equal(await p.locator('button[data-action="create"]').count(), 0, 'policies: hidden');
  await page.locator('#tab-listings').click();
  p = await panelOf(page, 'listings');
  assert.equal(await p.locator('button[data-action="create"]').count(), 0, 'listings: hidden');
  // A project in 南山区: submitted for review.
  await page.locator('#tab-projects').click();
  p = await panelOf(page, 'projects');
  await p.locator('button[data-action="create"]').click();
  const dialog = page.locator('dialog[open]');
  await dialog.locator('[name="code"]').fill('BR-AUTH-1');
  await dialog.locator('[name="name"]').fill('浏览器待审项目');
  await dialog.locator('[name="district"]').selectOption({ label: '南山区' });
  await dialog.locator('[name="total_investment"]').fill('5000');
  await dialog.locator('[name="status"]').selectOption('在建');
  await dialog.getByRole('button', { name: '保存', exact: true }).click();
  const notice = page.locator('dialog[open]', { hasText: '已提交审核' });
  await notice.waitFor();
  await screenshot(page, 'lists-pending-1366.png');
  await notice.getByRole('button', { name: '知道了' }).click();
  const found = await (await fetch(`${srv.baseUrl}/api/v1/lists/projects?q=BR-AUTH-1`)).json();
  assert.equal(found.total, 0, 'not applied before review');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a city admin approves it on the audit page; the audit trail shows who did what; logout', async () => {
  const page = await openPage(browser, srv.baseUrl, DESKTOP);
  await signIn(page, admin, '/audit.html');
  await page.locator('#content').waitFor({ state: 'visible' });
  const row = page.locator('#review-table tbody tr', { hasText: 'BR-AUTH-1' });
  await row.waitFor();
  assert.match(await row.innerText(), /b-nanshan/);
  await screenshot(page, 'audit-review-1366.png');
  await row.getByRole('button', { name: '通过' }).click();
  const dlg = page.locator('dialog[open]');
  await dlg.locator('#review-comment').fill('同意');
  await dlg.getByRole('button', { name: '通过并生效' }).click();
  await page.locator('#review-table tbody tr', { hasText: 'BR-AUTH-1' }).waitFor({ state: 'detached' });
  const found = await (await fetch(`${srv.baseUrl}/api/v1/lists/projects?q=BR-AUTH-1`)).json();
  assert.equal(found.total, 1, 'applied after approval');
  // The trail: the submission and the approval, newest first; filter by user.
  await page.locator('#f-user').fill('b-admin');
  await page.locator('#audit-filters button[type="submit"]').click();
  const first = page.locator('#audit-table tbody tr').first();
  await page.waitForFunction(() => /审核通过/.test(document.querySelector('#audit-table tbody tr')?.textContent || ''));
  assert.match(await first.innerText(), /b-admin[\s\S]*审核通过[\s\S]*BR-AUTH-1/);
  // Fields by their Chinese headers, amounts in 万元 as typed.
  assert.match(await first.innerText(), /项目名称：浏览器待审项目/);
  assert.match(await first.innerText(), /总投资[^：]*：5000万元/);
  assert.match(await page.locator('#audit-csv').getAttribute('href'), /^\/api\/v1\/audit\?user=b-admin&format=csv$/);
  await screenshot(page, 'audit-1366.png');
  // Logout: the header offers 登录 again and writes are hidden.
  await page.locator('#logout').click();
  await page.locator('#login-link').waitFor();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the audit page without an account asks to sign in', async () => {
  const page = await openPage(browser, srv.baseUrl, DESKTOP);
  await page.goto('/audit.html');
  await page.waitForFunction(() => /需要登录/.test(document.querySelector('#status').textContent));
  assert.ok(await page.locator('#content').isHidden());
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
