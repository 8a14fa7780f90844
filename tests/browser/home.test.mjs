// Home page "/": targets, 20 + 8 industry cards, tier legend, the ECharts chart, policy texts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, openPage, screenshot, scrollWidth, DESKTOP, PHONE } from './browser.mjs';

let srv;
let browser;

before(async () => {
  srv = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('home shows targets, 20 cluster + 8 future cards, legend and a chart', async () => {
  const page = await openPage(browser, srv.baseUrl, DESKTOP);
  await page.goto('/');
  await page.locator('#content').waitFor({ state: 'visible' });

  // Header / nav / footer.
  assert.match(await page.locator('.site-header .logo').innerText(), /^集群\s*Jiqun$/);
  assert.deepEqual(await page.locator('.site-nav a').allInnerTexts(),
    ['总览', '区域矩阵', '六个一', '完整度', '重点项目', '企业培育', '统计监测', '区域热力', '作战地图', '专员工作台', '产业链', '审核与审计']);
  const programme = await (await fetch(`${srv.baseUrl}/api/v1/programme`)).json();
  assert.equal(await page.locator('#source').innerText(), programme.source);

  // Targets: 1.5万亿元 with its clause, and 6 千亿级集群.
  const targets = page.locator('#targets');
  const sei = targets.locator('[data-target="sei_value_added_2025"]');
  assert.match(await sei.innerText(), /超过\s*1\.5\s*万亿元/);
  assert.match(await sei.innerText(), /来源：意见 二（三）/);
  assert.match(await targets.locator('[data-target="pillar_clusters_2025"]').innerText(), /6\s*个千亿级集群/);

  // Cards: 20 clusters, 8 futures, each linking to its industry page, with a visible tier badge.
  const clusters = page.locator('a.industry-card[data-kind="cluster"]');
  const futures = page.locator('a.industry-card[data-kind="future"]');
  assert.equal(await clusters.count(), 20);
  assert.equal(await futures.count(), 8);
  const first = clusters.first();
  assert.equal(await first.getAttribute('href'), '/industry.html?id=network-communication');
  assert.match(await first.innerText(), /01[\s\S]*千亿级[\s\S]*网络与通信[\s\S]*4 个区布局/);
  for (const card of await page.locator('a.industry-card').all()) {
    assert.ok(await card.locator('.tier-badge').isVisible(), 'every card has a tier badge');
  }
  // Cards grouped by category: every category name of the programme is a group title.
  const groupTitles = (await page.locator('.group-title').allInnerTexts()).join('|');
  for (const c of programme.categories) assert.ok(groupTitles.includes(c.name_zh), c.name_zh);

  // Legend with all five tier labels.
  assert.deepEqual(await page.locator('#legend li').allInnerTexts(), ['千亿级', '补短板', '显著提升', '新增长点', '其他']);

  // ECharts rendered into a canvas (or svg) of nonzero size.
  const chart = page.locator('#district-chart canvas, #district-chart svg').first();
  await chart.waitFor();
  const box = await chart.boundingBox();
  assert.ok(box && box.width > 100 && box.height > 100, `chart size ${JSON.stringify(box)}`);
  // Hovering a bar draws the tooltip into the canvas (and must not trip the CSP: checked below).
  await page.locator('#district-chart').scrollIntoViewIfNeeded();
  const cbox = await chart.boundingBox();
  const pixels = () => page.locator('#district-chart canvas').first().evaluate((c) => c.toDataURL());
  const before = await pixels();
  await page.mouse.move(cbox.x + cbox.width * 0.3, cbox.y + cbox.height * 0.75);
  await page.waitForFunction((b) => document.querySelector('#district-chart canvas').toDataURL() !== b, before);
  await page.mouse.move(0, 0);

  // Principles and safeguards as collapsible sections.
  const sg = page.locator('details.text-section', { hasText: '保障措施' });
  assert.equal(await sg.count(), 1);
  assert.equal(await sg.getAttribute('open'), null);
  await sg.locator('summary').click();
  assert.ok(await sg.locator('.text-body').isVisible());
  assert.match(await sg.innerText(), /六个一/);
  assert.equal(await page.locator('details.text-section', { hasText: '基本原则' }).count(), 1);

  await screenshot(page, 'home-1366.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('home at 375 px has no horizontal overflow', async () => {
  const page = await openPage(browser, srv.baseUrl, PHONE);
  await page.goto('/');
  await page.locator('#district-chart canvas, #district-chart svg').first().waitFor();
  assert.ok(await scrollWidth(page) <= PHONE.width, `scrollWidth ${await scrollWidth(page)}`);
  assert.equal(await page.locator('a.industry-card').count(), 28);
  await screenshot(page, 'home-375.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('API failure shows 数据加载失败 with the message', async () => {
  const page = await openPage(browser, srv.baseUrl, DESKTOP);
  await page.route('**/api/v1/programme', (route) => route.fulfill({
    status: 500,
    contentType: 'application/json',
    body: JSON.stringify({ error: { code: 'internal', message: '数据库不可用' } }),
  }));
  await page.goto('/');
  const status = page.locator('#status');
  await status.filter({ hasText: '数据加载失败' }).waitFor();
  assert.equal(await status.innerText(), '数据加载失败：数据库不可用');
  assert.ok(await page.locator('#content').isHidden());
  await page.context().close();
});
