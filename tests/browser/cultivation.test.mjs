// Cultivation "/cultivation.html": the city's stages as an ECharts chart, the four moves of the
// period, a table by industry or by district.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, openPage, screenshot, scrollWidth, DESKTOP, PHONE } from './browser.mjs';

let srv;
let browser;
const get = async (p) => (await fetch(`${srv.baseUrl}/api/v1${p}`)).json();
const STAGES = ['个体户', '企业', '规上', '专精特新', '上市'];
const MOVES = ['个转企', '小升规', '规做精', '优上市'];

before(async () => {
  srv = await startServer({ data: true });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function open(viewport = DESKTOP, query = '') {
  const page = await openPage(browser, srv.baseUrl, viewport);
  await page.goto(`/cultivation.html${query}`);
  await page.locator('#content').waitFor({ state: 'visible' });
  await page.locator('#funnel canvas').waitFor();
  return page;
}

const tableRows = (page) => page.locator('#ctable tbody tr').evaluateAll((trs) => trs.map((tr) => ({
  key: tr.dataset.key,
  nums: [...tr.querySelectorAll('td')].map((td) => Number(td.textContent)),
})));

test('chart, moves and the per-industry table equal the API for this year', async () => {
  const page = await open();
  const year = String(new Date().getFullYear());
  assert.equal(await page.locator('#f-period').inputValue(), year);
  const api = await get(`/cultivation?by=industry&period=${year}`);
  const size = await page.locator('#funnel canvas').evaluate((c) => ({ w: c.width, h: c.height }));
  assert.ok(size.w > 0 && size.h > 0, `canvas ${size.w}x${size.h}`);
  assert.match(await page.locator('#funnel').getAttribute('aria-label'),
    new RegExp(STAGES.map((s) => `${s} ${api.city.stages[s]} 家`).join('，')));
  for (const m of MOVES) {
    assert.equal(await page.locator(`#moves li[data-move="${m}"] .move-num`).innerText(), `${api.city.moves[m]} 家`);
  }
  const rows = await tableRows(page);
  assert.equal(rows.length, 28);
  api.rows.forEach((r, k) => {
    assert.equal(rows[k].key, r.key);
    assert.deepEqual(rows[k].nums, [...STAGES.map((s) => r.stages[s]), r.total, ...MOVES.map((m) => r.moves[m])]);
  });
  const city = await page.locator('#ctable tfoot td').allInnerTexts();
  assert.deepEqual(city.map(Number), [...STAGES.map((s) => api.city.stages[s]), api.city.total, ...MOVES.map((m) => api.city.moves[m])]);
  assert.ok(api.city.total > 0);
  assert.match(await page.locator('#c-source').innerText(), /^来源：/);
  await screenshot(page, 'cultivation-1366.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('按区 shows the 12 districts; another period changes the moves', async () => {
  const page = await open();
  await page.getByRole('button', { name: '按区' }).click();
  await page.waitForFunction(() => document.querySelectorAll('#ctable tbody tr').length === 12);
  assert.equal(await page.getByRole('button', { name: '按区' }).getAttribute('aria-pressed'), 'true');
  assert.match(page.url(), /by=district/);
  const year = new Date().getFullYear() - 1;
  await page.getByLabel('期间', { exact: true }).selectOption(`${year}H1`);
  const api = await get(`/cultivation?by=district&period=${year}H1`);
  await page.waitForFunction((s) => document.querySelector('#summary').textContent.startsWith(s), api.period.label_zh);
  const rows = await tableRows(page);
  assert.deepEqual(rows.map((r) => r.key), api.rows.map((r) => r.key));
  api.rows.forEach((r, k) => assert.deepEqual(rows[k].nums.slice(6), MOVES.map((m) => r.moves[m])));
  for (const m of MOVES) {
    assert.equal(await page.locator(`#moves li[data-move="${m}"] .move-num`).innerText(), `${api.city.moves[m]} 家`);
  }
  assert.match(await page.locator('#table-title').innerText(), new RegExp(api.period.label_zh));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('cultivation at 375 px: chart drawn, no sideways scrolling of the page', async () => {
  const page = await open(PHONE);
  assert.ok(await scrollWidth(page) <= PHONE.width, `scrollWidth ${await scrollWidth(page)}`);
  const w = await page.locator('#funnel canvas').evaluate((c) => c.getBoundingClientRect().width);
  assert.ok(w > 200 && w <= PHONE.width, `canvas width ${w}`);
  await screenshot(page, 'cultivation-375.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
