// report-download.test.mjs - the stats page's 下载报告 control (web/js/report-download.js): the
// link follows the chosen period and format, the workbook downloads, and the HTML report of the
// demo data (GET /api/v1/report) opens in the browser with every part, the summary sentence
// equal to /api/v1/stats, and nothing fetched but the page itself. Screenshots in out/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';
import { launch, openPage, screenshot } from './browser.mjs';

let srv;
let browser;

before(async () => {
  srv = await startServer({ data: true });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

test('下载报告: the link follows the period and the format; the workbook downloads', async () => {
  const page = await openPage(browser, srv.baseUrl);
  await page.goto('/stats.html?period=2025H1');
  await page.locator('#content').waitFor({ state: 'visible' });
  const link = page.locator('#report-download');
  assert.equal((await link.innerText()).trim(), '下载报告');
  assert.equal(await page.locator('#period').inputValue(), '2025H1');
  assert.equal(await link.getAttribute('href'), '/api/v1/report?period=2025H1&format=html');
  await page.locator('#report-format').selectOption('xlsx');
  assert.equal(await link.getAttribute('href'), '/api/v1/report?period=2025H1&format=xlsx');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.equal(download.suggestedFilename(), 'jiqun-report-2025H1.xlsx');
  const r = await fetch(`${srv.baseUrl}/api/v1/report?period=2025H1&format=xlsx`);
  assert.equal(r.status, 200);
  assert.equal((await r.arrayBuffer()).byteLength > 10000, true);
  await screenshot(page, 'report-download.png');
  await page.close();
});

test('the HTML report of the demo data: every part, the summary equals the API, self-contained', async () => {
  const stats = await (await fetch(`${srv.baseUrl}/api/v1/stats?period=2025H1&level=programme&indicator=value_added`)).json();
  const va = stats.figures.find((f) => f.source === 'published') || stats.figures.find((f) => f.source === 'computed');
  const page = await openPage(browser, srv.baseUrl);
  const requests = [];
  page.on('request', (req) => requests.push(req.url()));
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/api/v1/report?period=2025H1&format=html');
  assert.deepEqual(requests, [`${srv.baseUrl}/api/v1/report?period=2025H1&format=html`], 'nothing but the page');
  assert.deepEqual(errors, []);
  const body = await page.locator('body').innerText();
  for (const h of ['一、摘要', '二、规划目标进展', '三、总体态势', '四、产业集群', '五、未来产业', '六、各区',
    '七、企业培育', '八、世界产业趋势', '九、与上期报告相比', '十、资料来源与说明', '附录']) {
    assert.ok(body.includes(h), h);
  }
  const g = va.growth_pct >= 0 ? `同比增长${va.growth_pct.toFixed(1)}%` : `同比下降${(-va.growth_pct).toFixed(1)}%`;
  assert.ok(body.includes(`2025年上半年，全市战略性新兴产业增加值${(va.value / 1e8).toFixed(2)}亿元，${g}，占GDP比重${va.share_gdp_pct.toFixed(1)}%。`));
  assert.ok((await page.locator('svg').count()) >= 4, 'the four programme charts are drawn');
  await screenshot(page, 'report-html-demo.png');
  await page.close();
});
