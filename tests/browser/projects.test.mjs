// Key projects "/projects.html": status counts, a bar per project against plan, filters, as_of.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, openPage, screenshot, scrollWidth, DESKTOP, PHONE } from './browser.mjs';

let srv;
let browser;
const get = async (p) => (await fetch(`${srv.baseUrl}/api/v1${p}`)).json();

before(async () => {
  srv = await startServer({ data: true });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

const STATUS_ZH = { green: '正常', amber: '预警', red: '滞后', none: '无计划' };

async function open(viewport = DESKTOP, query = '') {
  const page = await openPage(browser, srv.baseUrl, viewport);
  await page.goto(`/projects.html${query}`);
  await page.locator('#content').waitFor({ state: 'visible' });
  return page;
}

async function summary(page) {
  const out = {};
  for (const s of Object.keys(STATUS_ZH)) {
    out[s] = Number((await page.locator(`#summary li[data-status="${s}"] .sum-num`).innerText()).replace(/\D+/g, ''));
  }
  return out;
}

test('status counts equal the API summary; one row per project with bar, status colour and text', async () => {
  const page = await open();
  const asOf = await page.locator('#f-asof').inputValue();
  assert.match(asOf, /^\d{4}-\d{2}-\d{2}$/, 'as_of defaults to the data cut-off the API chose');
  const api = await get(`/projects/progress?as_of=${asOf}`);
  assert.ok(api.items.length > 0);
  assert.deepEqual(await summary(page), api.summary);
  assert.equal(await page.locator('#rule').innerText(), `判定规则：${api.rule}。`);

  const rows = page.locator('#ptable tbody tr[data-id]');
  assert.equal(await rows.count(), api.items.length);
  const seen = await rows.evaluateAll((trs) => trs.map((tr) => {
    const b = tr.querySelector('.pbar').getBoundingClientRect();
    const fill = tr.querySelector('.pbar-fill');
    const mark = tr.querySelector('.pbar-mark');
    return {
      id: tr.dataset.id,
      tag: tr.querySelector('.status-tag').textContent,
      cls: tr.querySelector('.status-tag').className,
      nums: [...tr.querySelectorAll('td.num')].map((td) => td.textContent),
      fill: fill ? fill.getBoundingClientRect().width / b.width : null,
      mark: mark ? (mark.getBoundingClientRect().left + 1 - b.left) / b.width : null,
    };
  }));
  api.items.forEach((p, k) => {
    const r = seen[k];
    assert.equal(r.id, String(p.id));
    assert.equal(r.tag, STATUS_ZH[p.status], p.code);
    assert.ok(r.cls.split(' ').includes(`st-${p.status}`), p.code);
    assert.equal(r.nums[0], p.annual_plan ? (p.annual_plan / 1e8).toFixed(2) : '—');
    assert.equal(r.nums[1], ((p.completed || 0) / 1e8).toFixed(2));
    if (p.annual_plan) {
      // The bar's fill is the completed share, the marker sits at the expected share.
      assert.ok(Math.abs(r.fill - Math.min(1, p.ratio)) < 0.02, `${p.code} fill ${r.fill} vs ${p.ratio}`);
      assert.ok(Math.abs(r.mark - p.expected) < 0.02, `${p.code} marker ${r.mark} vs ${p.expected}`);
    }
  });
  assert.match(await page.locator('#ptable thead').innerText(), /亿元/);
  assert.match(await page.locator('#p-source').innerText(), /^来源：.*亿元/);
  await screenshot(page, 'projects-1366.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('industry, district and as_of filters ask the API again', async () => {
  const page = await open();
  const all = await get('/projects/progress');
  const ind = all.items[0].industry;
  await page.getByLabel('产业', { exact: true }).selectOption(ind);
  let api = await get(`/projects/progress?industry=${ind}&as_of=${await page.locator('#f-asof').inputValue()}`);
  await page.waitForFunction((n) => document.querySelectorAll('#ptable tbody tr[data-id]').length === n, api.items.length);
  assert.deepEqual(await summary(page), api.summary);
  assert.match(page.url(), new RegExp(`industry=${ind}`));

  await page.getByLabel('产业', { exact: true }).selectOption('');
  const d = all.items[0].district;
  await page.getByLabel('所在区', { exact: true }).selectOption(d);
  api = await get(`/projects/progress?district=${d}&as_of=${await page.locator('#f-asof').inputValue()}`);
  await page.waitForFunction((n) => document.querySelectorAll('#ptable tbody tr[data-id]').length === n, api.items.length);
  assert.deepEqual(await summary(page), api.summary);

  // Mid-year of the projects' plan year: the expected share is about a half.
  await page.getByLabel('所在区', { exact: true }).selectOption('');
  const year = (await get('/lists/projects?limit=1')).items[0].year;
  await page.locator('#f-asof').fill(`${year}-07-01`);
  api = await get(`/projects/progress?as_of=${year}-07-01`);
  await page.waitForFunction((s) => document.querySelector('#p-source').textContent.includes(s), `${year}-07-01`);
  assert.deepEqual(await summary(page), api.summary);
  assert.ok(api.items.some((p) => p.expected > 0.45 && p.expected < 0.55));
  assert.match(page.url(), new RegExp(`as_of=${year}-07-01`));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('projects at 375 px: no sideways scrolling of the page', async () => {
  const page = await open(PHONE);
  assert.ok(await scrollWidth(page) <= PHONE.width, `scrollWidth ${await scrollWidth(page)}`);
  await screenshot(page, 'projects-375.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
