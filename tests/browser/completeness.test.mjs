// Completeness matrix "/completeness.html": 28 industries x 13 items (+ 2 duties), counts from
// GET /api/v1/completeness, missing cells marked, score x/13, column totals, sort by score.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, openPage, screenshot, scrollWidth, DESKTOP, PHONE } from './browser.mjs';

let srv;
let browser;
let api;

before(async () => {
  srv = await startServer({ data: true });
  browser = await launch();
  api = await (await fetch(`${srv.baseUrl}/api/v1/completeness`)).json();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function open(viewport = DESKTOP, query = '') {
  const page = await openPage(browser, srv.baseUrl, viewport);
  await page.goto(`/completeness.html${query}`);
  await page.locator('#content').waitFor({ state: 'visible' });
  return page;
}

test('28 rows x 13 item columns + 2 duties; cells, scores and totals equal the API', async () => {
  assert.equal(api.rows.length, 28);
  assert.equal(api.items.length, 15);
  const page = await open();
  const rows = page.locator('#cmatrix tbody tr.ind-row');
  assert.equal(await rows.count(), 28);
  const scored = page.locator('#cmatrix thead th.item:not(.duty)');
  assert.equal(await scored.count(), 13);
  assert.deepEqual(await scored.allInnerTexts(), api.items.slice(0, 13).map((i) => i.name_zh));
  assert.deepEqual(await page.locator('#cmatrix thead th.item.duty').allInnerTexts(), ['链长', '专员']);
  // Rows in the API's order (clusters, then futures), each linking to its workspace.
  assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.id)), api.rows.map((r) => r.industry));
  assert.deepEqual(api.rows.map((r) => r.kind), [...Array(20).fill('cluster'), ...Array(8).fill('future')]);

  const cells = await rows.evaluateAll((trs) => trs.map((tr) => ({
    counts: [...tr.querySelectorAll('td.cell')].map((td) => (td.classList.contains('miss') ? 0 : Number(td.textContent))),
    miss: [...tr.querySelectorAll('td.cell')].map((td) => td.classList.contains('miss')),
    score: tr.querySelector('td.score').textContent,
    href: tr.querySelector('th a').getAttribute('href'),
  })));
  api.rows.forEach((r, k) => {
    assert.deepEqual(cells[k].counts, r.counts, r.industry);
    assert.deepEqual(cells[k].miss, r.counts.map((n) => n === 0), r.industry);
    assert.equal(cells[k].score, `${r.present}/13`, r.industry);
    assert.equal(r.present, r.counts.slice(0, 13).filter((n) => n > 0).length);
    assert.equal(cells[k].href, `/lists.html?industry=${r.industry}`);
  });
  // Every industry is its own cluster: 一集群 is present in every row.
  assert.ok(api.rows.every((r) => r.counts[6] === 1));
  const totals = await page.locator('#cmatrix tfoot td.total[data-item]').allInnerTexts();
  assert.deepEqual(totals.map(Number), api.items.map((_, k) => api.rows.filter((r) => r.counts[k] > 0).length));
  // Tier on every row, as text.
  assert.equal(await page.locator('#cmatrix tbody tr.ind-row .tier-mini').count(), 28);
  assert.match(await page.locator('#cm-source').innerText(), /^来源：/);
  await screenshot(page, 'completeness-1366.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('sorting by score puts the least complete first; a row opens its workspace', async () => {
  const page = await open();
  await page.getByLabel('排序', { exact: true }).selectOption({ label: '得分从低到高' });
  const scores = async () => (await page.locator('#cmatrix tbody tr.ind-row td.score').allInnerTexts())
    .map((s) => Number(s.split('/')[0]));
  const asc = await scores();
  assert.deepEqual(asc, [...asc].sort((a, b) => a - b));
  assert.match(page.url(), /sort=asc/);
  // The column header toggles the order.
  await page.locator('#score-sort').click();
  const desc = await scores();
  assert.deepEqual(desc, [...desc].sort((a, b) => b - a));
  assert.equal(await page.locator('#cmatrix th.score').getAttribute('aria-sort'), 'descending');
  const best = api.rows.reduce((a, r) => (r.present > a.present ? r : a));
  await page.locator('#cmatrix tbody tr.ind-row').first().locator('th a').click();
  await page.waitForURL(/\/lists\.html\?industry=/);
  await page.locator('#content').waitFor({ state: 'visible' });
  assert.match(await page.locator('#page-title').innerText(), new RegExp(best.name_zh));
  // Kind filter.
  await page.goto('/completeness.html?kind=future');
  await page.locator('#content').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#cmatrix tbody tr.ind-row').count(), 8);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('completeness at 375 px: the page does not scroll sideways, the matrix scrolls in its box', async () => {
  const page = await open(PHONE);
  assert.ok(await scrollWidth(page) <= PHONE.width, `scrollWidth ${await scrollWidth(page)}`);
  const box = await page.locator('#cm-scroll').evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth }));
  assert.ok(box.sw > box.cw);
  await screenshot(page, 'completeness-375.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
