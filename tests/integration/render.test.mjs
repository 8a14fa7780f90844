// render.test.mjs - the report renderers end to end: `jiqun render-sample` (a hand-made report
// with every block kind) written as HTML and PDF, the PDF checked with poppler-utils: every page
// has ink (pdftoppm), Noto Sans CJK is embedded (pdffonts), the Chinese text comes back out as text,
// not missing-glyph boxes (pdftotext), with the page numbers and the contents' page references.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { run, tmpDir, SANITIZER_RE } from './lib.mjs';

// Dark pixels of each page, from pdftoppm's grey PGM files (P5, 8 bit).
function inkPerPage(pdf, dir) {
  execFileSync('pdftoppm', ['-r', '24', '-gray', pdf, path.join(dir, 'pg')]);
  const files = fs.readdirSync(dir).filter((f) => /^pg-\d+\.pgm$/.test(f)).sort();
  return files.map((f) => {
    const b = fs.readFileSync(path.join(dir, f));
    // header: "P5\n<w> <h>\n255\n"
    const m = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(b.subarray(0, 40).toString('latin1'));
    assert.ok(m, `${f} is a PGM`);
    const start = m[0].length;
    let dark = 0;
    for (let i = start; i < b.length; i++) if (b[i] < 200) dark++;
    return { file: f, dark, total: Number(m[1]) * Number(m[2]) };
  });
}

test('render-sample writes an HTML file and an A4 PDF whose pages all carry Chinese text in Noto CJK', async (t) => {
  const dir = tmpDir(t);
  const r = await run(['render-sample', '--out', dir, '--industries', '2'], { timeoutMs: 60000 });
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stderr, SANITIZER_RE);
  assert.match(r.stdout, /^html: \d+\.\d{3} s \(cpu \d+\.\d{3} s\)$/m);
  assert.match(r.stdout, /^pdf: \d+\.\d{3} s \(cpu \d+\.\d{3} s\)$/m);

  const html = fs.readFileSync(path.join(dir, 'sample.html'), 'utf8');
  assert.doesNotMatch(html, /<script/i);
  assert.match(html, /&lt;script&gt;/);

  const pdf = path.join(dir, 'sample.pdf');
  const head = fs.readFileSync(pdf).subarray(0, 5).toString('latin1');
  assert.equal(head, '%PDF-');

  const info = execFileSync('pdfinfo', [pdf]).toString();
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
  assert.ok(pages >= 8, `${pages} pages`);
  assert.match(info, /Page size:\s+595\.27\d? x 841\.89 pts \(A4\)/);
  assert.match(info, /Title:\s+深圳市“20\+8”产业集群发展滚动报告/);

  // Not blank: every page has ink; body pages plenty of it.
  const ink = inkPerPage(pdf, fs.mkdtempSync(path.join(dir, 'ppm-')));
  assert.equal(ink.length, pages);
  for (const p of ink) assert.ok(p.dark > 40, `${p.file} is blank (${p.dark} dark pixels)`);
  assert.ok(ink[2].dark > ink[2].total * 0.01, 'the first body page has text and a chart');

  // The CJK font is embedded (a subset), nothing falls back to a Type 3 bitmap font.
  const fonts = execFileSync('pdffonts', [pdf]).toString();
  const rows = fonts.split('\n').slice(2).filter((l) => l.trim());
  assert.ok(rows.some((l) => /NotoSansCJK/.test(l)), fonts);
  for (const l of rows) assert.match(l, /\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/, `embedded subset: ${l}`);

  // Glyphs, not boxes: the text comes back as the same characters.
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  for (const s of ['一、总体情况', '二、产业集群', '（1）网络与通信', '附表1 重点企业营业收入（续）',
    '上半年，全市战略性新兴产业增加值7,712.34亿元', '来源：深圳市统计局', '（修订）', '暂无数据',
    `第 3 页 / 共 ${pages} 页`, '目录']) {
    assert.ok(text.includes(s), `pdftotext has "${s}"`);
  }
  // The hostile cell is text in the PDF as well.
  assert.ok(text.includes('<script>alert("x")</script>'));
  // The contents give each section's page: "一、总体情况 ...... 3".
  const tocPage = text.split('\f')[1];
  assert.match(tocPage, /一、总体情况[ .·…]*\s3\s*$/m);
  assert.match(tocPage, /附录[ .·…]*\s\d+\s*$/m);
});

test('render-sample in English: English words on the pages, still Chinese-capable', async (t) => {
  const dir = tmpDir(t);
  const r = await run(['render-sample', '--out', dir, '--industries', '1', '--lang', 'en', '--format', 'pdf'],
    { timeoutMs: 60000 });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(!fs.existsSync(path.join(dir, 'sample.html')), 'only the PDF was asked for');
  const text = execFileSync('pdftotext', [path.join(dir, 'sample.pdf'), '-']).toString();
  assert.match(text, /Contents/);
  assert.match(text, /Page 3 of \d+/);
  assert.match(text, /一、总体情况/);
});

test('render-sample: usage errors and an unwritable directory', async (t) => {
  let r = await run(['render-sample']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--out DIR is required/);
  r = await run(['render-sample', '--out', '/tmp', '--industries', '29']);
  assert.equal(r.status, 2);
  const dir = tmpDir(t);
  r = await run(['render-sample', '--out', path.join(dir, 'missing'), '--format', 'pdf']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /无法写入 PDF 文件 .*missing\/sample\.pdf/);
  assert.doesNotMatch(r.stderr, SANITIZER_RE);
});
