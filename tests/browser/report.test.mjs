// report.test.mjs - the report's self-contained HTML (`jiqun render-sample`, the hand-made sample
// doc) opened from disk in Chromium: no requests beyond the file, no console errors, contents
// links land on their headings, every chart's SVG is drawn with a size, the hostile cell is
// text, and printing gives A4 pages. Screenshots in out/report*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { launch, openPage, screenshot, scrollWidth, PHONE } from './browser.mjs';

const BIN = process.env.JIQUN_BIN || 'build/san/jiqun';
let dir;
let url;
let browser;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiqun-report-'));
  const r = spawnSync(BIN, ['render-sample', '--out', dir, '--industries', '3', '--format', 'html'],
    { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  url = pathToFileURL(path.join(dir, 'sample.html')).href;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function open(viewport) {
  const page = await openPage(browser, undefined, viewport);
  const requests = [];
  page.on('request', (req) => requests.push(req.url()));
  await page.goto(url);
  page.requests = requests;
  return page;
}

test('the report page: contents, charts, tables, escaping; nothing fetched, no errors', async () => {
  const page = await open();
  assert.deepEqual(page.requests, [url], 'only the file itself is loaded');
  assert.equal(await page.locator('script').count(), 0);
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.match(await page.locator('.cover h1').innerText(), /深圳市“20\+8”产业集群发展滚动报告/);

  // Every contents link points at a heading with that id and the same text.
  const links = await page.locator('nav.toc a').evaluateAll((as) =>
    as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent })));
  const headings = await page.locator('main h2, main h3, main h4').evaluateAll((hs) =>
    hs.map((h) => ({ id: h.id, text: h.firstChild.textContent })));
  assert.ok(links.length >= 10);
  assert.deepEqual(links.map((l) => [l.href, l.text]), headings.map((h) => [`#${h.id}`, h.text]));
  // Following one lands on its heading.
  await page.locator('nav.toc a[href="#s9"]').click();
  assert.equal(new URL(page.url()).hash, '#s9');
  const top = await page.locator('#s9').evaluate((h) => h.getBoundingClientRect().top);
  assert.ok(Math.abs(top) < 5, `heading at the top of the viewport (${top})`);

  // Charts: an inline SVG per chart figure, drawn with a size and with bars, lines or arcs.
  const charts = await page.locator('figure.chart').count();
  assert.ok(charts >= 9);
  const svgs = await page.locator('figure.chart svg').evaluateAll((ss) => ss.map((s) => {
    const r = s.getBoundingClientRect();
    return { w: r.width, h: r.height, marks: s.querySelectorAll('rect, polyline, path').length,
      texts: s.querySelectorAll('text').length };
  }));
  assert.equal(svgs.length, charts);
  for (const s of svgs) {
    assert.ok(s.w > 200 && s.h > 50, `svg ${s.w} x ${s.h}`);
    assert.ok(s.marks >= 1 && s.texts >= 1);
  }
  // Labels are laid out from estimated widths: the browser's own measure stays inside the box.
  const overflow = await page.locator('figure.chart svg').evaluateAll((ss) => ss.flatMap((s) => {
    const vb = s.viewBox.baseVal;
    return [...s.querySelectorAll('text')].filter((t) => !t.getAttribute('transform')).map((t) => {
      const b = t.getBBox();
      return b.x < -1 || b.x + b.width > vb.width + 1 ? `${t.textContent} ${b.x}+${b.width}` : null;
    }).filter(Boolean);
  }));
  assert.deepEqual(overflow, []);

  // Tables: numbers right-aligned, the hostile cell shown as text.
  const num = page.locator('td.num').first();
  assert.equal(await num.evaluate((td) => getComputedStyle(td).textAlign), 'right');
  assert.ok(await page.getByText('<script>alert("x")</script> & <b>粗</b>').count() === 1);
  assert.equal(await page.locator('td b').count(), 0);
  assert.ok(await page.locator('.rev-mark').count() >= 2);

  await screenshot(page, 'report.png');
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test('the report prints on A4 pages and fits a phone', async () => {
  const page = await open();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('thead').first().evaluate((t) => getComputedStyle(t).display),
    'table-header-group');
  assert.equal(await page.locator('main h2').nth(1).evaluate((h) => getComputedStyle(h).breakBefore), 'page');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 8, `${pages} printed pages`);
  await page.context().close();

  const phone = await open(PHONE);
  assert.ok(await scrollWidth(phone) <= PHONE.width + 1, 'no sideways scrolling on a phone');
  await screenshot(phone, 'report-phone.png');
  assert.deepEqual(phone.problems, []);
  await phone.context().close();
});
