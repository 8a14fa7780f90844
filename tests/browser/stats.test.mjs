// Statistical monitoring: "/stats.html" (programme total, target gauge, trend, ranking,
// crosswalked view), "/heatmap.html" (industry x district location quotients) and the
// statistics section of "/industry.html", each checked against the API on the demo data
// (classified and computed by server.mjs's fillData).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, openPage, screenshot, scrollWidth, DESKTOP, PHONE } from './browser.mjs';

let srv;
let browser;
const get = async (p) => (await fetch(`${srv.baseUrl}/api/v1${p}`)).json();
const yi = (v) => (v / 1e8).toFixed(2);

before(async () => {
  srv = await startServer({ data: true });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function open(url, viewport = DESKTOP) {
  const page = await openPage(browser, srv.baseUrl, viewport);
  await page.goto(url);
  await page.locator('#content').waitFor({ state: 'visible' });
  return page;
}

function pick(figs, level, key = '') {
  const all = figs.filter((f) => f.level === level && f.key === key && f.district === '' && f.indicator === 'value_added');
  return all.find((f) => f.source === 'published') || all.find((f) => f.source === 'computed');
}

test('overview: the total, the gauge and the ranking equal the API; a period change updates them', async () => {
  const periods = (await get('/stats/periods')).periods.filter((p) => p.indicators.includes('value_added'));
  const years = periods.filter((p) => p.kind === 'year');
  assert.ok(years.length > 0, 'the demo has an annual period');
  const year = years[years.length - 1].period;
  const page = await open('/stats.html');
  assert.equal(await page.locator('#period').inputValue(), year);
  const rep = await get(`/stats?period=${year}&indicator=value_added`);
  const prog = pick(rep.figures, 'programme');
  assert.ok(prog.value > 0);
  assert.equal(await page.locator('#total-value').innerText(), yi(prog.value));
  assert.equal(await page.locator('#total-gdp').innerText(), `${prog.share_gdp_pct.toFixed(1)}%`);
  assert.match(await page.locator('#total-source').innerText(), new RegExp(`由${prog.n_ent}家企业数据汇总计算`));

  // The gauge: share achieved and time elapsed of the 1.5万亿元 target.
  const tg = await get(`/stats/targets?year=${year}`);
  const t = tg.targets.find((x) => x.scope === 'programme' && x.indicator === 'value_added' && x.threshold === null);
  assert.equal(t.value, 1.5e12);
  assert.equal(await page.locator('#gauge-share').innerText(), `${(t.share * 100).toFixed(1)}%`);
  assert.equal(await page.locator('#gauge-elapsed').innerText(), `${(t.elapsed * 100).toFixed(1)}%`);
  assert.equal(await page.locator('#gauge-needed').innerText(), `${t.growth_needed_pct.toFixed(1)}%`);
  assert.match(await page.locator('#gauge-status').innerText(), /时间进度/);
  // The demo has annual figures from 2022: the projection fits their trend and gives its range.
  assert.ok(t.projection.points >= 3, `projection from ${t.projection.points} annual values`);
  assert.equal(await page.locator('#gauge-projection').innerText(),
    `${yi(t.projection.value)} 亿元（区间 ${yi(t.projection.low)}–${yi(t.projection.high)}）`);
  assert.match(await page.locator('#gauge-status').innerText(), new RegExp(`按趋势：${t.status_zh}`));

  // Ranking: one row per industry with a figure, in descending value.
  const inds = new Map();
  for (const f of rep.figures) if (f.level === 'industry' && f.district === '' && f.indicator === 'value_added') inds.set(f.key, pick(rep.figures, 'industry', f.key));
  const rows = await page.locator('#ranking tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    key: tr.dataset.key, value: tr.querySelectorAll('td')[0].textContent, gap: tr.querySelectorAll('td')[3].textContent,
  })));
  assert.equal(rows.length, inds.size);
  const sorted = [...inds.values()].sort((a, b) => b.value - a.value);
  sorted.forEach((f, k) => {
    assert.equal(rows[k].key, f.key);
    assert.equal(rows[k].value, yi(f.value));
  });
  assert.ok(rows.some((r) => /^(超出|差) /.test(r.gap)), 'the 千亿级 comparison on an annual period');
  assert.ok((await page.locator('#trend canvas').count()) > 0, 'the trend chart is drawn');

  // Crosswalked view: every 2024 cluster, flags visible.
  const xw = await get(`/stats/crosswalk?period=${year}&to=2024`);
  assert.equal(await page.locator('#crosswalk tbody tr').count(), xw.industries.length);
  const ai = xw.industries.find((x) => x.id === 'artificial-intelligence');
  assert.ok(ai.flags.length > 0, 'a split part carries a flag');
  assert.ok((await page.locator('#crosswalk tbody tr[data-key="artificial-intelligence"] .st-flag').count()) > 0);
  await screenshot(page, 'stats-1366.png');

  // Another period: the numbers follow.
  const q = periods.filter((p) => p.kind === 'quarter').pop();
  await page.locator('#period').selectOption(q.period);
  const rep2 = await get(`/stats?period=${q.period}&indicator=value_added`);
  const prog2 = pick(rep2.figures, 'programme');
  await page.locator('#total-value', { hasText: yi(prog2.value) }).waitFor();
  assert.equal(await page.locator('#total-period').innerText(), rep2.period_zh);
  assert.match(await page.locator('#pillar-note').innerText(), /按年度增加值衡量/);
  assert.match(page.url(), new RegExp(`period=${q.period}`));
  await screenshot(page, 'stats-quarter-1366.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('overview on a phone: no horizontal scrolling of the page', async () => {
  const page = await open('/stats.html', PHONE);
  assert.ok(await scrollWidth(page) <= PHONE.width, 'no horizontal scroll');
  await screenshot(page, 'stats-375.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('heat map: a cell per industry and district, coloured by the API location quotient', async () => {
  const page = await open('/heatmap.html');
  const period = await page.locator('#period').inputValue();
  const [inds, dists] = [(await get('/industries?limit=100')).items, (await get('/districts?limit=100')).items];
  assert.equal(await page.locator('#heatmap tbody tr').count(), inds.length);
  assert.equal(await page.locator('#heatmap tbody tr:first-child td').count(), dists.length);
  const rep = await get(`/stats?period=${period}&level=industry&indicator=value_added&district=nanshan`);
  const f = rep.figures.find((x) => x.district === 'nanshan' && x.source === 'computed' && Number.isFinite(x.lq));
  const col = dists.findIndex((d) => d.id === 'nanshan');
  const cell = page.locator(`#heatmap tbody tr[data-key="${f.key}"] td`).nth(col);
  assert.equal(await cell.getAttribute('data-lq'), f.lq.toFixed(4));
  assert.match(await cell.getAttribute('title'), new RegExp(`增加值 ${yi(f.value)} 亿元`));
  assert.match(await cell.getAttribute('title'), /南山区/);
  const strong = rep.figures.filter((x) => x.district === 'nanshan' && x.strong).length;
  assert.equal(await page.locator(`#heatmap tbody tr td:nth-of-type(${col + 1}).hm-strong`).count(), strong);
  await screenshot(page, 'heatmap-1366.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('industry page: the series section equals the API', async () => {
  const page = await open('/industry.html?id=network-communication');
  await page.locator('#st-series tbody tr').first().waitFor();
  const s = await get('/stats/series?level=industry&key=network-communication&indicator=value_added&kind=quarter');
  assert.ok(s.points.length > 0);
  assert.equal(await page.locator('#st-series tbody tr').count(), s.points.length);
  const last = s.points[s.points.length - 1];
  const first = page.locator('#st-series tbody tr').first();
  assert.equal(await first.getAttribute('data-period'), last.period);
  assert.equal(await first.locator('td').first().innerText(), yi((last.published || last.computed).value));
  await page.locator('#stats').scrollIntoViewIfNeeded();
  await screenshot(page, 'industry-stats-1366.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
