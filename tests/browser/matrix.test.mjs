// Matrix page "/matrix.html": industries x districts, totals, filters, highlighted column.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, openPage, screenshot, scrollWidth, DESKTOP, PHONE } from './browser.mjs';

let srv;
let browser;
let industries;
let districts;

before(async () => {
  srv = await startServer();
  browser = await launch();
  const get = async (p) => (await fetch(`${srv.baseUrl}${p}`)).json();
  industries = (await get('/api/v1/industries?limit=100')).items;
  districts = (await get('/api/v1/districts?limit=100')).items;
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

const dotCount = (page) => page.locator('#matrix tbody td.cell.on').evaluateAll(
  (cells) => cells.filter((c) => c.textContent.trim() === '●').length);

test('matrix has 28 rows x 12 district columns, ● per policy assignment, totals', async () => {
  assert.equal(industries.length, 28);
  assert.equal(districts.length, 12);
  const page = await openPage(browser, srv.baseUrl, DESKTOP);
  await page.goto('/matrix.html');
  await page.locator('#content').waitFor({ state: 'visible' });

  const rows = page.locator('#matrix tbody tr.ind-row');
  assert.equal(await rows.count(), 28);
  const cols = page.locator('#matrix thead th.dcol');
  assert.deepEqual(await cols.allInnerTexts(), districts.map((d) => d.short));
  // Rows in API order: clusters, then futures.
  const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.id));
  assert.deepEqual(ids, industries.map((i) => i.id));
  // Every row carries its tier as text, too.
  assert.equal(await page.locator('#matrix tbody tr.ind-row .tier-mini').count(), 28);

  const expected = industries.reduce((n, i) => n + i.districts.length, 0);
  assert.ok(expected > 0);
  assert.equal(await dotCount(page), expected);

  // Row totals, column totals and the grand total agree with the API.
  for (const ind of industries) {
    const t = await page.locator(`#matrix tr.ind-row[data-id="${ind.id}"] td.total`).innerText();
    assert.equal(Number(t), ind.districts.length, ind.id);
  }
  const foot = await page.locator('#matrix tfoot td.total:not(.grand)').allInnerTexts();
  assert.deepEqual(foot.map(Number), districts.map((d) => d.industries.length));
  assert.equal(Number(await page.locator('#matrix tfoot td.grand').innerText()), expected);

  // The note on future industries.
  assert.match(await page.locator('#future-note').innerText(), /未来产业/);
  assert.match(await page.locator('#future-note').innerText(), /并非数据缺失/);

  await screenshot(page, 'matrix-1366.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('filters: 未来产业 leaves 8 rows, a tier filter leaves that tier', async () => {
  const page = await openPage(browser, srv.baseUrl, DESKTOP);
  await page.goto('/matrix.html');
  await page.locator('#content').waitFor({ state: 'visible' });
  const rows = page.locator('#matrix tbody tr.ind-row');

  await page.getByLabel('类型', { exact: true }).selectOption({ label: '未来产业' });
  assert.equal(await rows.count(), 8);
  assert.equal(await dotCount(page), 0);
  assert.match(page.url(), /kind=future/);

  await page.getByLabel('类型', { exact: true }).selectOption({ label: '产业集群' });
  assert.equal(await rows.count(), 20);

  await page.getByLabel('类型', { exact: true }).selectOption({ label: '全部' });
  await page.getByLabel('梯队', { exact: true }).selectOption({ label: '千亿级' });
  const pillar = industries.filter((i) => i.tier === 'pillar');
  assert.equal(await rows.count(), pillar.length);
  assert.equal(await dotCount(page), pillar.reduce((n, i) => n + i.districts.length, 0));

  await page.getByLabel('梯队', { exact: true }).selectOption({ label: '其他' });
  assert.equal(await rows.count(), industries.filter((i) => !i.tier).length);

  // Filters come back from the URL.
  await page.goto('/matrix.html?kind=future');
  await page.locator('#content').waitFor({ state: 'visible' });
  assert.equal(await rows.count(), 8);
  assert.equal(await page.getByLabel('类型', { exact: true }).inputValue(), 'future');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('?district= highlights that column', async () => {
  const d = districts.find((x) => x.id === 'nanshan');
  const page = await openPage(browser, srv.baseUrl, DESKTOP);
  await page.goto('/matrix.html?district=nanshan');
  await page.locator('#content').waitFor({ state: 'visible' });
  assert.deepEqual(await page.locator('#matrix thead th.dcol.hl').allInnerTexts(), ['南山']);
  assert.equal(await page.locator('#matrix tbody td.cell.hl').count(), 28);
  assert.equal(await page.locator('#matrix tbody td.cell.hl.on').count(), d.industries.length);
  assert.match(await page.locator('#summary').innerText(), /南山区/);
  // A short name or a code works too.
  await page.goto(`/matrix.html?district=${d.code}`);
  await page.locator('#content').waitFor({ state: 'visible' });
  assert.deepEqual(await page.locator('#matrix thead th.dcol.hl').allInnerTexts(), ['南山']);
  // Clicking a column header moves the highlight.
  await page.locator('#matrix thead th.dcol a', { hasText: '宝安' }).click();
  assert.deepEqual(await page.locator('#matrix thead th.dcol.hl').allInnerTexts(), ['宝安']);
  assert.match(page.url(), /district=baoan/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('matrix at 375 px: body does not scroll sideways, the table scrolls in its box', async () => {
  const page = await openPage(browser, srv.baseUrl, PHONE);
  await page.goto('/matrix.html');
  await page.locator('#content').waitFor({ state: 'visible' });
  assert.ok(await scrollWidth(page) <= PHONE.width, `scrollWidth ${await scrollWidth(page)}`);
  const box = await page.locator('#matrix-scroll').evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth }));
  assert.ok(box.sw > box.cw, 'the table is wider than its box and scrolls inside it');
  // Header row stays visible while the box scrolls down.
  await page.locator('#matrix-scroll').evaluate((el) => { el.scrollTop = 400; });
  const top = await page.evaluate(() => {
    const box = document.getElementById('matrix-scroll').getBoundingClientRect();
    const th = document.querySelector('#matrix thead th.dcol').getBoundingClientRect();
    return Math.abs(th.top - box.top);
  });
  assert.ok(top < 3, `header row offset ${top}`);
  await page.locator('#matrix-scroll').evaluate((el) => { el.scrollTop = 0; });
  await screenshot(page, 'matrix-375.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
