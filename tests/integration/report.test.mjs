// report.test.mjs - the semi-annual report (issue 5) on the demo data: `jiqun demo`, `classify`,
// `compute`, then `jiqun report`. Every part is present; the numbers in the summary and the
// industry sentences are the engine's (`jiqun stats --json`, /api/v1/cultivation,
// /api/v1/projects/progress); the XLSX holds the doc's tables with the same numbers; a rerun
// from the snapshot is byte-identical; a refresh after a change says what changed; briefs are
// added, listed and shown, missing ones listed; GET /api/v1/report serves the same file.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
  SANITIZER_RE, addUser, describeRun, initDb, request, run, sha256, sqlite, startServer,
} from './lib.mjs';

const LONG = 180000;
let dir;
let db;

async function ok(args) {
  const r = await run(args, { timeoutMs: LONG });
  assert.equal(r.status, 0, describeRun(r));
  assert.doesNotMatch(r.stderr, SANITIZER_RE);
  return r;
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiqun-report-'));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  db = await initDb(dir);
  await ok(['demo', '--db', db]);
  await ok(['classify', '--db', db]);
  await ok(['compute', '--db', db]);
});

const readJson = (f) => JSON.parse(fs.readFileSync(f, 'utf8'));
const texts = (doc) => doc.blocks.filter((b) => b.text !== undefined).map((b) => b.text);
const yi = (v) => (v / 1e8).toFixed(2);
const p1 = (v) => v.toFixed(1);
const growth = (g) => (g === null ? '同比增速无数据' : g >= 0 ? `同比增长${p1(g)}%` : `同比下降${p1(-g)}%`);

function best(figs, level, key, indicator = 'value_added') {
  const all = figs.filter((f) => f.level === level && f.key === key && f.district === '' && f.indicator === indicator);
  return all.find((f) => f.source === 'published') || all.find((f) => f.source === 'computed');
}

/** The sheets of an XLSX (unzip): name -> [[cell values by column letter index]], numbers as numbers. */
function readXlsx(file) {
  const unz = (part) => execFileSync('unzip', ['-p', file, part], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const unescape = (x) => x.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  // libxlsxwriter's constant_memory mode writes strings inline (t="inlineStr"), not shared.
  const parts = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n');
  const shared = parts.includes('xl/sharedStrings.xml')
    ? [...unz('xl/sharedStrings.xml').matchAll(/<si>(.*?)<\/si>/gs)].map((m) =>
      unescape([...m[1].matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join('')))
    : [];
  const names = [...unz('xl/workbook.xml').matchAll(/<sheet name="([^"]*)" sheetId="(\d+)"/g)]
    .map((m) => [m[1].replace(/&amp;/g, '&').replace(/&quot;/g, '"'), Number(m[2])]);
  const col = (ref) => [...ref.replace(/\d+/, '')].reduce((a, c) => a * 26 + c.charCodeAt(0) - 64, 0) - 1;
  const sheets = new Map();
  for (const [name, id] of names) {
    const rows = [];
    for (const m of unz(`xl/worksheets/sheet${id}.xml`).matchAll(/<c r="([A-Z]+)(\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
      const r = Number(m[2]) - 1;
      const inline = /<is>.*?<t[^>]*>(.*?)<\/t>/s.exec(m[4] || '');
      const v = /<v>(.*?)<\/v>/s.exec(m[4] || '');
      if (!v && !inline) continue;
      rows[r] = rows[r] || [];
      rows[r][col(m[1])] = inline ? unescape(inline[1]) : /t="s"/.test(m[3]) ? shared[Number(v[1])] : Number(v[1]);
    }
    sheets.set(name, rows);
  }
  return sheets;
}

test('every part on the demo data; the summary and industry sentences are the engine numbers', { timeout: LONG }, async () => {
  const out = path.join(dir, 'a');
  const r = await ok(['report', '--db', db, '--period', '2025H1', '--format', 'json,xlsx', '--out', out]);
  assert.match(r.stdout, /报告 2025H1：新建快照 #1/);
  const doc = readJson(path.join(out, 'jiqun-report-2025H1.json'));
  assert.equal(doc.title, '深圳市“20+8”产业集群发展滚动报告（2025年上半年）');
  const heads = doc.blocks.filter((b) => b.kind === 'heading');
  for (const h of ['一、摘要', '二、规划目标进展', '三、总体态势', '四、产业集群', '五、未来产业', '六、各区',
    '七、企业培育', '八、世界产业趋势', '九、与上期报告相比', '附录', '十、资料来源与说明']) {
    assert.ok(heads.some((b) => b.level === 1 && b.text === h), `part ${h}`);
  }
  const industries = (await ok(['catalog', 'list', '--json'])).stdout;
  const ids = JSON.parse(industries);
  const list = Array.isArray(ids) ? ids : ids.items || ids.industries;
  assert.equal(list.length, 28);
  for (const ind of list) assert.ok(heads.some((b) => b.level === 2 && b.text === ind.name_zh), `section ${ind.name_zh}`);
  const charts = doc.blocks.filter((b) => b.kind === 'chart').map((b) => b.chart.kind).sort();
  assert.deepEqual(charts, ['bar', 'gauge', 'hbar', 'line']);

  // The summary against `jiqun stats --json`.
  const stats = JSON.parse((await ok(['stats', '--db', db, '--period', '2025H1', '--json'])).stdout);
  const va = best(stats.figures, 'programme', '');
  assert.ok(va && va.growth_pct !== null && va.share_gdp_pct !== null, 'the demo has growth and GDP share for 2025H1');
  const t = texts(doc);
  const summary = `2025年上半年，全市战略性新兴产业增加值${yi(va.value)}亿元，${growth(va.growth_pct)}，占GDP比重${p1(va.share_gdp_pct)}%。`;
  assert.ok(t.includes(summary), `summary: ${summary}\n${t.slice(0, 4).join('\n')}`);
  const rev = best(stats.figures, 'programme', '', 'revenue');
  assert.ok(t.some((s) => s.startsWith('其中：') && s.includes(`营业收入 ${yi(rev.value)}亿元，${growth(rev.growth_pct)}`)));
  // Every industry sentence.
  let withData = 0;
  for (const ind of list) {
    const f = best(stats.figures, 'industry', ind.id);
    if (!f) {
      assert.ok(t.includes(`${ind.name_zh}：本期无数据。`), `${ind.name_zh} says 无数据`);
      continue;
    }
    withData++;
    const s = `2025年上半年，${ind.name_zh}增加值${yi(f.value)}亿元，${growth(f.growth_pct)}，占战略性新兴产业的${p1(f.share_pct)}%。`;
    assert.ok(t.includes(s), s);
  }
  assert.ok(withData >= 20, `industries with figures: ${withData}`);
  // Chain weak links equal the chain engine's (jiqun chain show): leaf nodes weak, missing or a
  // critical gap; briefs missing; first report.
  const chain = JSON.parse((await run(['chain', 'show', 'semiconductor-ic', '--json', '--db', db])).stdout);
  const parents = new Set(chain.nodes.map((n) => n.parent).filter(Boolean));
  const weak = chain.nodes.filter((n) => !parents.has(n.id) && ['weak', 'missing', 'critical_gap'].includes(n.status));
  const chainLine = weak.length
    ? `产业链完整度${chain.coverage.score.toFixed(1)}分；薄弱环节${weak.length}个：${weak.map((n) => `${n.name}（${n.status_zh}，本地企业${n.count}家）`).join('、')}。`
    : `产业链完整度${chain.coverage.score.toFixed(1)}分；无薄弱环节。`;
  assert.ok(t.includes(chainLine), chainLine);
  assert.ok(t.some((s) => s.startsWith('缺少简报（28个产业）：')));
  assert.ok(t.includes('没有上期报告的快照，无法比较：这是第一份报告。'));

  // The API's cultivation and projects give the sentences' numbers.
  const srv = await startServer({ db });
  try {
    const cu = JSON.parse((await request(srv.port, '/api/v1/cultivation?period=2025H1')).text).city.moves;
    assert.ok(t.includes(`2025年上半年，个转企${cu['个转企']}家、小升规${cu['小升规']}家、规做精${cu['规做精']}家、优上市${cu['优上市']}家。`));
    const pj = JSON.parse((await request(srv.port, '/api/v1/projects/progress?as_of=2025-06-30')).text).summary;
    const n = pj.green + pj.amber + pj.red + pj.none;
    assert.ok(t.includes(`重点投资项目（截至2025-06-30）共${n}个：进度正常${pj.green}个，预警${pj.amber}个，滞后${pj.red}个。`));
    // The download: the same snapshot, the same bytes as the CLI's file.
    const x = await request(srv.port, '/api/v1/report?period=2025H1&format=xlsx');
    assert.equal(x.status, 200);
    assert.match(x.headers['content-type'], /spreadsheetml/);
    assert.match(x.headers['content-disposition'], /attachment; filename="jiqun-report-2025H1\.xlsx"/);
    const f = path.join(dir, 'api.xlsx');
    fs.writeFileSync(f, x.body);
    assert.equal(sha256(f), sha256(path.join(out, 'jiqun-report-2025H1.xlsx')));
    const bad = await request(srv.port, '/api/v1/report?period=2025H1&format=docx');
    assert.equal(bad.status, 400);
    assert.equal((await request(srv.port, '/api/v1/report?format=xlsx')).status, 400);
  } finally {
    const st = await srv.stop();
    assert.doesNotMatch(st.stderr, SANITIZER_RE);
  }

  // The XLSX: 说明 first, then every table of the doc on its sheet with the same numbers.
  const sheets = readXlsx(path.join(out, 'jiqun-report-2025H1.xlsx'));
  const tables = doc.blocks.filter((b) => b.kind === 'table').map((b) => b.table);
  assert.equal([...sheets.keys()][0], '说明');
  assert.equal(sheets.size, tables.length + 1);
  for (const tb of tables) {
    const rows = sheets.get(tb.sheet);
    assert.ok(rows, `sheet ${tb.sheet}`);
    assert.deepEqual(rows[0], tb.headers, `${tb.sheet} header`);
    tb.rows.forEach((row, i) => row.forEach((v, c) => {
      const got = rows[i + 1] ? rows[i + 1][c] : undefined;
      if (v === null) assert.equal(got, undefined, `${tb.sheet} r${i + 2}c${c + 1} empty`);
      else if (typeof v === 'number') assert.ok(Math.abs(got - v) <= 1e-9 * Math.max(1, Math.abs(v)), `${tb.sheet} r${i + 2}c${c + 1}: ${got} != ${v}`);
      else if (v !== '') assert.equal(got, v, `${tb.sheet} r${i + 2}c${c + 1}`);
    }));
  }
  // The industries' table holds the engine's value added in 亿元.
  const ind = tables.find((x) => x.title === '表2 各产业增加值');
  for (const [k, row] of ind.rows.entries()) {
    const f = best(stats.figures, 'industry', list[k].id);
    if (f) assert.ok(Math.abs(sheets.get(ind.sheet)[k + 1][1] - f.value / 1e8) < 1e-6, row[0]);
  }
});

test('a rerun comes from the snapshot byte for byte; a refresh says what changed', { timeout: LONG }, async () => {
  const a = path.join(dir, 'r1');
  const b = path.join(dir, 'r2');
  const c = path.join(dir, 'r3');
  await ok(['report', '--db', db, '--period', '2025H1', '--format', 'json,xlsx', '--out', a]);
  // Data change after the report: no effect until --refresh.
  // A project on plan at the period's end (the appendix lists every project's status).
  const first = readJson(path.join(a, 'jiqun-report-2025H1.json'));
  const projects = first.blocks.find((x) => x.kind === 'table' && x.table.title.endsWith('附表 重点项目进度')).table;
  const code = projects.rows.find((r) => r[8] === '正常')[0];
  await sqlite(db, `UPDATE project SET m01 = 0, m02 = 0, m03 = 0, m04 = 0, m05 = 0, m06 = 0 WHERE code = '${code}'`);
  await sqlite(db, "UPDATE indicator_computed SET value = value * 1.05 WHERE period = '2025H1' AND level = 'industry' AND key = 'network-communication' AND district = '' AND indicator = 'value_added'");
  const r2 = await ok(['report', '--db', db, '--period', '2025H1', '--format', 'json,xlsx', '--out', b, '--from-snapshot']);
  assert.match(r2.stdout, /使用已有快照 #1/);
  for (const ext of ['json', 'xlsx']) {
    assert.equal(sha256(path.join(a, `jiqun-report-2025H1.${ext}`)), sha256(path.join(b, `jiqun-report-2025H1.${ext}`)), ext);
  }
  const r3 = await ok(['report', '--db', db, '--period', '2025H1', '--format', 'json', '--out', c, '--refresh']);
  assert.match(r3.stdout, /新建快照 #2/);
  assert.match(r3.stdout, /与上期报告（快照 #1）比较/);
  const doc = readJson(path.join(c, 'jiqun-report-2025H1.json'));
  const t = texts(doc);
  const name = await sqlite(db, `SELECT name FROM project WHERE code = '${code}'`);
  assert.ok(t.some((s) => s.startsWith('新滞后的重点项目') && s.includes(`${name}（${code}）`)), t.filter((s) => s.includes('滞后')).join('\n'));
  assert.ok(t.some((s) => /^修订的数据（2025年上半年）：\d+项。$/.test(s)));
  const revTable = doc.blocks.find((x) => x.kind === 'table' && x.table.title.endsWith('修订的数据'));
  assert.ok(revTable.revised);
  const row = revTable.table.rows.find((r) => r[0] === '网络与通信（计算）' && r[1] === '增加值');
  assert.ok(row, 'network-communication value added revised');
  assert.ok(Math.abs(row[4] / row[3] - 1.05) < 1e-9);
  const industries = doc.blocks.find((x) => x.kind === 'table' && x.table.title === '表2 各产业增加值');
  assert.ok(industries.revised);
  assert.ok(industries.table.rows.some((r) => r[0] === '网络与通信（修订）'));
  const listed = (await ok(['report', '--list', '--db', db])).stdout;
  assert.match(listed, /^#1 +2025H1 /m);
  assert.match(listed, /^#2 +2025H1 /m);
  // The snapshot by number still gives the first report.
  const d = path.join(dir, 'r4');
  await ok(['report', '--db', db, '--snapshot', '1', '--format', 'xlsx', '--out', d]);
  assert.equal(sha256(path.join(d, 'jiqun-report-2025H1.xlsx')), sha256(path.join(a, 'jiqun-report-2025H1.xlsx')));
  // English.
  await ok(['report', '--db', db, '--period', '2025H1', '--format', 'json', '--lang', 'en', '--out', d]);
  const en = readJson(path.join(d, 'jiqun-report-2025H1-en.json'));
  assert.ok(texts(en).includes('1. Summary'));
  assert.ok(texts(en).some((s) => s.startsWith('In the first half of 2025, the value added of the city\'s strategic emerging industries was ')));
});

test('briefs: added, listed, quoted in the report; the rest listed as missing', { timeout: LONG }, async () => {
  const md = path.join(dir, 'ic.md');
  fs.writeFileSync(md, '# 全球半导体\n2025年上半年全球半导体销售额同比增长18.8%。\n\n## 来源\n- WSTS，2025年8月\n');
  const bad = path.join(dir, 'bad.md');
  fs.writeFileSync(bad, '没有来源的简报。\n');
  const r = await run(['brief', 'add', 'semiconductor-ic', '2025H1', bad, '--db', db]);
  assert.equal(r.status, 3, describeRun(r));
  assert.match(r.stderr, /缺少来源列表/);
  assert.equal((await run(['brief', 'add', 'no-such', '2025H1', md, '--db', db])).status, 3);
  // Who may add it: another industry's commissioner and a viewer are refused, nothing stored;
  // the industry's own commissioner may; each brief added leaves an audit entry.
  await addUser(db, 'r-bio', 'commissioner', { industries: ['biomedicine'] });
  await addUser(db, 'r-ic', 'commissioner', { industries: ['semiconductor-ic'] });
  await addUser(db, 'r-view', 'viewer');
  for (const u of ['r-bio', 'r-view']) {
    const x = await run(['brief', 'add', 'semiconductor-ic', '2025H1', md, '--user', u, '--db', db]);
    assert.equal(x.status, 1, describeRun(x));
    assert.match(x.stderr, /只有市级管理员和该产业的专员可以提交简报/);
  }
  assert.equal(JSON.parse((await ok(['brief', 'list', '--period', '2025H1', '--json', '--db', db])).stdout).briefs.length, 0);
  await ok(['brief', 'add', '半导体与集成电路', '2025H1', md, '--user', 'r-ic', '--db', db]);
  assert.equal(await sqlite(db, "SELECT user || ' ' || record_key FROM audit WHERE action = 'brief-add'"), 'r-ic semiconductor-ic 2025H1');
  const l = JSON.parse((await ok(['brief', 'list', '--period', '2025H1', '--json', '--db', db])).stdout);
  assert.deepEqual(l.briefs.map((x) => x.industry), ['semiconductor-ic']);
  assert.equal(l.missing.length, 27);
  const txt = (await ok(['brief', 'list', '--period', '2025H1', '--db', db])).stdout;
  assert.match(txt, /已有简报 1 个，缺少简报 27 个/);
  const out = path.join(dir, 'b');
  await ok(['report', '--db', db, '--period', '2025H1', '--format', 'json', '--out', out, '--refresh']);
  const t = texts(readJson(path.join(out, 'jiqun-report-2025H1.json')));
  assert.ok(t.includes('2025年上半年全球半导体销售额同比增长18.8%。'));
  assert.ok(t.includes('WSTS，2025年8月'));
  assert.ok(t.some((s) => s.startsWith('缺少简报（27个产业）：网络与通信、')));
});

test('HTML and PDF of the demo report, the same bytes from the same snapshot', { timeout: LONG }, async () => {
  const a = path.join(dir, 'h1');
  const b = path.join(dir, 'h2');
  const r = await ok(['report', '--db', db, '--period', '2025H1', '--format', 'html,pdf', '--out', a]);
  assert.match(r.stdout, /使用已有快照/);
  await ok(['report', '--db', db, '--period', '2025H1', '--format', 'html,pdf', '--out', b, '--from-snapshot']);
  const html = fs.readFileSync(path.join(a, 'jiqun-report-2025H1.html'), 'utf8');
  assert.match(html, /^<!doctype html>/i);
  assert.ok(html.includes('深圳市“20+8”产业集群发展滚动报告（2025年上半年）'));
  assert.ok(html.includes('<svg'), 'charts inline');
  assert.doesNotMatch(html, /<script|<link /i, 'self-contained');
  const pdf = fs.readFileSync(path.join(a, 'jiqun-report-2025H1.pdf'));
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const info = execFileSync('pdfinfo', [path.join(a, 'jiqun-report-2025H1.pdf')], { encoding: 'utf8' });
  assert.ok(Number(/Pages:\s+(\d+)/.exec(info)[1]) > 20, info);
  assert.match(info, /Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
  const text = execFileSync('pdftotext', ['-f', '1', '-l', '6', path.join(a, 'jiqun-report-2025H1.pdf'), '-'], { encoding: 'utf8' });
  assert.match(text.replace(/\s+/g, ''), /全市战略性新兴产业增加值[\d.]+亿元/);
  for (const ext of ['html', 'pdf']) {
    assert.equal(sha256(path.join(a, `jiqun-report-2025H1.${ext}`)), sha256(path.join(b, `jiqun-report-2025H1.${ext}`)), ext);
  }
});

test('first requests for a period at the same moment share one snapshot', { timeout: LONG }, async () => {
  const srv = await startServer({ db });
  try {
    const answers = await Promise.all([0, 1, 2, 3, 4, 5].map(() =>
      request(srv.port, '/api/v1/report?period=2024&format=xlsx', { timeoutMs: LONG })));
    for (const x of answers) assert.equal(x.status, 200, x.text);
    assert.ok(answers.every((x) => x.body.equals(answers[0].body)), 'the same file each time');
  } finally {
    const r = await srv.stop();
    assert.doesNotMatch(r.stderr, SANITIZER_RE);
  }
  const listed = (await ok(['report', '--list', '--db', db])).stdout;
  assert.equal(listed.split('\n').filter((l) => /^#\d+ +2024 /.test(l)).length, 1, listed);
});
