// The chain map "/chain.html?industry=…": the graph is drawn with one node per map node coloured
// by status, a click on a node (a real mouse click on the canvas) shows its enterprises and
// candidates, 加入招商清单 adds a lead with channel 产业链招商, and the gaps table equals the API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { addAccount, startServer } from './server.mjs';
import { launch, openPage, screenshot, scrollWidth, signIn, DESKTOP, PHONE } from './browser.mjs';

let srv;
let browser;
let commissioner; // adding a lead is a write: the semiconductor commissioner signs in
const get = async (p) => (await fetch(`${srv.baseUrl}/api/v1${p}`)).json();

before(async () => {
  srv = await startServer({ data: true });
  commissioner = addAccount(srv, 'b-ic', 'commissioner', { industries: ['semiconductor-ic'] });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function open(viewport = DESKTOP, q = '?industry=semiconductor-ic', account = null) {
  const page = await openPage(browser, srv.baseUrl, viewport);
  if (account) await signIn(page, account, `/chain.html${q}`);
  else await page.goto(`/chain.html${q}`);
  await page.locator('#content').waitFor({ state: 'visible' });
  await page.locator('#chain-graph canvas').first().waitFor();
  return page;
}

test('the graph and tables equal the API; a click on a node shows enterprises and candidates', async () => {
  const page = await open();
  const map = await get('/chains/semiconductor-ic');
  assert.equal(await page.locator('#title').innerText(), '产业链图谱：半导体与集成电路');
  assert.equal(await page.locator('#chain-summary li[data-key="score"] .chain-card-num').innerText(), map.coverage.score.toFixed(1));
  for (const [k, n] of Object.entries(map.coverage.by_status)) {
    assert.equal(await page.locator(`#chain-summary li[data-key="${k}"] .chain-card-num`).innerText(), String(n), k);
  }
  assert.match(await page.locator('#formula').innerText(), /完整度 = 100 × Σ/);
  assert.equal(await page.locator('#nodes-table tbody tr').count(), map.nodes.length);

  // The chart holds every node, coloured by its status; flow arrows join the stages.
  const drawn = await page.evaluate(() => {
    const s = window.jiqunChain.chart.getOption().series[0];
    return { data: s.data.map((d) => ({ id: d.id, color: d.itemStyle.color })), links: s.links.length };
  });
  assert.equal(drawn.data.length, map.nodes.length);
  const colors = { strong: '#1b7f3b', present: '#7cb342', weak: '#f0a020', missing: '#9aa5b1', critical_gap: '#d32f2f' };
  for (const n of map.nodes) assert.equal(drawn.data.find((d) => d.id === n.id).color, colors[n.status], n.id);
  assert.equal(drawn.links, 2); // upstream -> midstream -> downstream

  // A real click where the chart draws a node that has enterprises.
  const target = map.nodes.find((n) => n.parent && n.count > 0);
  const px = await page.evaluate((id) => {
    const c = window.jiqunChain.chart;
    const d = c.getOption().series[0].data.find((x) => x.id === id);
    return c.convertToPixel({ seriesIndex: 0 }, [d.x, d.y]);
  }, target.id);
  await page.locator('#chain-graph canvas').first().click({ position: { x: px[0], y: px[1] } });
  await page.waitForFunction((id) => document.querySelector('#node-body')?.dataset.node === id, target.id);
  const node = await get(`/chains/semiconductor-ic/nodes/${target.id}`);
  assert.match(await page.locator('#node-body h3').innerText(), new RegExp(target.name));
  assert.equal(await page.locator('#node-body dd[data-field="count"]').innerText(), `${target.count} 家`);
  assert.equal(node.node.enterprises.length, target.count);
  const rows = page.locator('#node-body table').first().locator('tbody tr');
  assert.equal(await rows.count(), target.count);
  assert.equal(await rows.first().locator('td').first().innerText(), node.node.enterprises[0].name);
  assert.match(page.url(), new RegExp(`node=${target.id}`));
  await screenshot(page, 'chain-1366.png');
  await page.locator('#chain-graph').screenshot({ path: 'tests/browser/out/chain-graph-1366.png' });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('a critical gap shows its candidates; 加入招商清单 adds a lead with channel 产业链招商', async () => {
  const gaps = (await get('/chains/gaps')).gaps;
  const gap = gaps.find((g) => g.industry === 'semiconductor-ic' && g.candidates > 0);
  assert.ok(gap, 'the demo leaves a critical gap with candidates in semiconductors');
  // Without an account the candidates show, but not the button (the server would refuse: 401).
  const anon = await open(DESKTOP, `?industry=semiconductor-ic&node=${gap.node}`);
  await anon.waitForFunction((id) => document.querySelector('#node-body')?.dataset.node === id, gap.node);
  assert.equal(await anon.locator('#node-body button.add-lead').count(), 0);
  assert.match(await anon.locator('#add-hint').innerText(), /登录/);
  await anon.context().close();

  const page = await open(DESKTOP, `?industry=semiconductor-ic&node=${gap.node}`, commissioner);
  await page.waitForFunction((id) => document.querySelector('#node-body')?.dataset.node === id, gap.node);
  const node = await get(`/chains/semiconductor-ic/nodes/${gap.node}`);
  assert.equal(await page.locator('#node-body .chain-status').first().innerText(), '卡脖子缺口');
  const cands = page.locator('#node-body tr[data-name]');
  assert.equal(await cands.count(), node.candidates.length);
  assert.equal(await cands.first().getAttribute('data-name'), node.candidates[0].name);
  assert.equal(await cands.first().locator('td').nth(3).innerText(), node.candidates[0].reason);

  // The gaps table lists every gap of the programme, with its candidates.
  await page.locator('#gaps-table tbody tr').first().waitFor();
  assert.equal(await page.locator('#gaps-table tbody tr').count(), gaps.length);
  const row = page.locator(`#gaps-table tr[data-industry="${gap.industry}"][data-node="${gap.node}"]`);
  assert.equal(await row.locator('td').nth(4).innerText(), `${gap.candidates} 家`);

  const name = node.candidates[0].name;
  await cands.first().locator('button.add-lead').click();
  await page.waitForFunction(() => /已加入/.test(document.querySelector('#node-body button.add-lead')?.textContent || ''));
  assert.match(await page.locator('#node-message').innerText(), /产业链招商/);
  const leads = await get(`/lists/leads?q=${encodeURIComponent(name)}`);
  assert.equal(leads.items.length, 1);
  assert.equal(leads.items[0].channel, '产业链招商');
  assert.equal(leads.items[0].stage, '线索');
  assert.equal(leads.items[0].chain_node, gap.name);
  await screenshot(page, 'chain-gap-1366.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the industry selector switches maps; the page fits a phone', async () => {
  const page = await open(PHONE);
  await page.locator('#f-industry').selectOption('new-materials');
  await page.waitForFunction(() => document.querySelector('#title').textContent.includes('新材料'));
  const map = await get('/chains/new-materials');
  assert.equal(await page.locator('#nodes-table tbody tr').count(), map.nodes.length);
  assert.match(page.url(), /industry=new-materials/);
  assert.ok((await scrollWidth(page)) <= PHONE.width + 1, 'no sideways scrolling');
  await screenshot(page, 'chain-375.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
