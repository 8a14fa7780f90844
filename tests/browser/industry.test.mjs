// Industry page "/industry.html?id=ID": one industry as the policy describes it.
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

test('semiconductor-ic shows name, districts, carriers and the clause verbatim', async () => {
  const api = await (await fetch(`${srv.baseUrl}/api/v1/industries/semiconductor-ic`)).json();
  const page = await openPage(browser, srv.baseUrl, DESKTOP);
  await page.goto('/industry.html?id=semiconductor-ic');
  await page.locator('#content').waitFor({ state: 'visible' });

  assert.match(await page.locator('#ind-title').innerText(), /半导体与集成电路/);
  assert.equal(await page.title(), '半导体与集成电路 · 集群 Jiqun');
  assert.match(await page.locator('#ind-eyebrow').innerText(), /产业集群 02/);
  assert.match(await page.locator('#ind-badges').innerText(), /补短板/);
  assert.equal(await page.locator('#ind-positioning').innerText(), api.positioning);

  // Chip lists under their headings.
  for (const h of ['重点细分领域', '关键技术攻关', '重大载体和项目']) {
    assert.equal(await page.getByRole('heading', { name: h }).count(), 1, h);
  }
  assert.deepEqual(await page.locator('#ind-segments li').allInnerTexts(), api.segments);
  assert.deepEqual(await page.locator('#ind-technologies li').allInnerTexts(), api.technologies);
  const carriers = await page.locator('#ind-carriers li').allInnerTexts();
  assert.ok(carriers.includes('12英寸芯片生产线'), carriers.join('|'));

  // Districts 福田 … 坪山, each a link into the matrix.
  const districts = page.locator('#ind-districts a');
  const names = await districts.allInnerTexts();
  assert.equal(names.length, api.districts.length);
  api.districts.forEach((d, k) => assert.ok(names[k].startsWith(d), `${names[k]} ~ ${d}`));
  assert.ok(names[0].startsWith('福田') && names.at(-1).startsWith('坪山'), names.join('|'));
  assert.match(await districts.first().getAttribute('href'), /^\/matrix\.html\?district=futian$/);

  // The clause, verbatim, with its reference.
  assert.equal(await page.locator('#ind-clause-text').innerText(), api.clause_text);
  assert.match(await page.locator('#h-clause').innerText(), /^政策原文：三（一）2$/);

  // Previous / next.
  assert.match(await page.locator('a.pn-prev').innerText(), /网络与通信/);
  assert.match(await page.locator('a.pn-next').innerText(), /超高清视频显示/);

  await screenshot(page, 'industry-1366.png');
  assert.deepEqual(page.problems, []);

  // Following "next" loads the next industry.
  await page.locator('a.pn-next').click();
  await page.waitForURL(/id=uhd-display|id=[a-z-]+/);
  await page.locator('#content').waitFor({ state: 'visible' });
  assert.match(await page.locator('#ind-title').innerText(), /超高清视频显示/);
  await page.context().close();
});

test('a future industry says that the policy names no district', async () => {
  const page = await openPage(browser, srv.baseUrl, DESKTOP);
  await page.goto('/industry.html?id=quantum-information');
  await page.locator('#content').waitFor({ state: 'visible' });
  assert.match(await page.locator('#ind-title').innerText(), /量子信息/);
  assert.match(await page.locator('#ind-districts').innerText(), /未为未来产业指定布局区域/);
  assert.equal(await page.locator('a.pn-next').count(), 0, 'the last industry has no next');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('an unknown id shows 未找到该产业 with a link home', async () => {
  const page = await openPage(browser, srv.baseUrl, DESKTOP);
  await page.goto('/industry.html?id=no-such-industry');
  const status = page.locator('#status');
  await status.filter({ hasText: '未找到该产业' }).waitFor();
  assert.ok(await page.locator('#content').isHidden());
  assert.equal(await status.locator('a[href="/"]').count(), 1);
  assert.deepEqual(page.problems, []);
  await page.goto('/industry.html');
  await status.filter({ hasText: '未找到该产业' }).waitFor();
  await page.context().close();
});

test('industry page at 375 px has no horizontal overflow', async () => {
  const page = await openPage(browser, srv.baseUrl, PHONE);
  await page.goto('/industry.html?id=modern-fashion');
  await page.locator('#content').waitFor({ state: 'visible' });
  assert.ok(await scrollWidth(page) <= PHONE.width, `scrollWidth ${await scrollWidth(page)}`);
  await screenshot(page, 'industry-375.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
