// monitor.test.mjs - indicator data end to end: `jiqun import indicators` (both file forms, good
// and bad files, GB18030), `jiqun compute`, `jiqun stats` and GET /api/v1/stats on a small data
// set whose every figure is computed by hand below.
//
// The data set (tests/fixtures/indicators/monitor-*.csv), values in 万元:
//   E1 91440300700079194G 罗湖, member of semiconductor-ic AND smart-terminal (overlap)
//      value added cumulative 2024: 100, 220, 360 (Jan-Mar); 2025: 110, 240, 400; year 2025: 2000
//      employees 2025-03: 100 人 (a stock)
//   E2 91440300700158386W 福田, member of semiconductor-ic
//      cumulative 2024: 50, 100, 150; 2025: 60, 120, 180
//   E3 914403007002375789 南山, member of nothing: cumulative Jan-Mar 2024 1000, 2025 1200
// Published: city GDP 2025 1-3月累计 10亿元 (growth 5.0); 罗湖 3亿元 and 福田 6亿元 for 2025Q1;
// semiconductor-ic value added 2025Q1 600万元 (growth 12.0).
//
// 2025Q1 value added (each quarter = cum(3)):
//   semiconductor-ic = E1 400 + E2 180 = 580万元 = 5 800 000 元; a year earlier 360 + 150 = 510;
//     growth (580/510 - 1) x 100 = 13.7254902 %; published 600万元: difference -200 000 元,
//     -3.3333 % of published; share of GDP 5.8e6 / 1e9 = 0.58 %.
//   smart-terminal = E1 400万元; growth (400/360 - 1) x 100 = 11.1111 %; share of the
//     programme 400/580 = 68.9655 %.
//   programme = E1 + E2 once = 580万元 (n_ent 2); sum of industries 980万元 (3 enterprise-
//     industry pairs): the overlap is E1's 400万元.
//   city (all enterprises) = 400 + 180 + 1200 = 1780万元; growth (1780/1510 - 1) x 100 = 17.8808 %.
//   罗湖 = E1 400万元: share of 罗湖's GDP 4e6 / 3e8 = 1.3333 %.
//   2025-03 for E2 = 180 - 120 = 60万元; 2025-02 for E1 = 240 - 110 = 130万元.
//   Districts' GDP 3 + 6 = 9亿元 against the city's 10亿元: 10 % short, flagged.
// 2025: programme value added = E1's year value 2000万元 (E2 has no year value):
//   target progress 2e7 / 1.5e12 x 100 = 0.0013333 %.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import {
  REPO_ROOT, SANITIZER_RE, describeRun, getJson, initDb, run, sqlite, startServer, tmpDir,
} from './lib.mjs';
import { close, monitorDataSet, ok } from './monitor-data.mjs';

const FIX = path.join(REPO_ROOT, 'tests', 'fixtures', 'indicators');
const ENTERPRISES = path.join(REPO_ROOT, 'tests', 'fixtures', 'lists', 'enterprises.csv');

/** The hand-computed data set, computed (monitor-data.mjs). */
async function dataSet(t) {
  const { dir, db, compute } = await monitorDataSet(t);
  assert.match(compute.stdout, /企业 30 家，产业归属 3 条，企业指标 16 行/);
  return { dir, db };
}

async function stats(db, ...args) {
  const r = await ok(['stats', '--db', db, '--json', ...args]);
  return JSON.parse(r.stdout);
}

const pick = (figs, level, key, indicator, source = 'computed', district = '') =>
  figs.find((f) => f.level === level && f.key === key && f.indicator === indicator &&
    f.source === source && f.district === district);

test('import indicators: good files of both forms, converted to yuan', async (t) => {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  await ok(['import', 'enterprises', ENTERPRISES, '--db', db]);
  const a = await ok(['import', 'indicators', path.join(FIX, 'enterprise-good.csv'), '--db', db]);
  assert.match(a.stdout, /共6行，新增6/);
  assert.equal(await sqlite(db, "SELECT value FROM indicator_value WHERE indicator = 'revenue'"), '12000000.0');
  assert.equal(await sqlite(db, "SELECT value || ' ' || unit FROM indicator_value WHERE indicator = 'employees'"), '12000.0 万人');
  // GB18030 as Excel saves it: the same rows as the UTF-8 file.
  const b = await ok(['import', 'indicators', path.join(FIX, 'published-gb18030.csv'), '--db', db]);
  assert.match(b.stdout, /共6行，新增6/);
  assert.equal(await sqlite(db, "SELECT value FROM indicator_published WHERE level = 'category'"), '1200000000000.0');
  assert.equal(await sqlite(db, "SELECT key FROM indicator_published WHERE level = 'district'"), 'nanshan');
  // The same enterprise file saved as XLSX by LibreOffice: the same values.
  const before = await sqlite(db, 'SELECT group_concat(indicator || period || cumulative || value, ";") FROM indicator_value');
  const x = await ok(['import', 'indicators', path.join(FIX, 'enterprise-good.xlsx'), '--db', db]);
  assert.match(x.stdout, /共6行，新增6/);
  assert.equal(await sqlite(db, 'SELECT group_concat(indicator || period || cumulative || value, ";") FROM indicator_value'), before);
  // --dry-run writes nothing.
  const dry = await ok(['import', 'indicators', path.join(FIX, 'published-good.csv'), '--db', db, '--dry-run']);
  assert.match(dry.stdout, /试导入/);
});

test('import indicators: bad files are rejected whole, every row named', async (t) => {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  await ok(['import', 'enterprises', ENTERPRISES, '--db', db]);
  const r = await run(['import', 'indicators', path.join(FIX, 'enterprise-bad.csv'), '--db', db, '--json']);
  assert.equal(r.status, 3, describeRun(r));
  const j = JSON.parse(r.stdout);
  assert.equal(j.written, false);
  const got = j.issues.map((i) => `${i.row} ${i.column} ${i.code}`);
  assert.deepEqual(got, [
    '2 期间 bad_period', '3 统一社会信用代码 bad_uscc', '4 指标 unknown_indicator',
    '5 口径 cumulative_stock', '6 单位 bad_unit', '7 数值 bad_number', '8 指标 aggregate_only',
    '9 统一社会信用代码 unknown_enterprise', '10 口径 bad_basis', '12 期间 duplicate_in_file',
  ]);
  assert.match(j.issues[2].message, /出口交货值/);
  assert.equal(await sqlite(db, 'SELECT count(*) FROM indicator_value'), '0');
  const p = await run(['import', 'indicators', path.join(FIX, 'published-bad.csv'), '--db', db, '--json']);
  assert.equal(p.status, 3, describeRun(p));
  assert.deepEqual(JSON.parse(p.stdout).issues.map((i) => `${i.row} ${i.column} ${i.code}`), [
    '2 层级 bad_level', '3 对象 unknown_key', '4 层级 aggregate_only', '5 增速 bad_number',
    '6 来源 missing_source', '7 对象 unknown_key',
  ]);
  assert.equal(await sqlite(db, 'SELECT count(*) FROM indicator_published'), '0');
});

test('compute and stats: the hand-computed figures', async (t) => {
  const { db } = await dataSet(t);
  const s = await stats(db, '--period', '2025Q1', '--indicator', 'value_added');
  assert.equal(s.period, '2025Q1');
  const f = s.figures;
  const semi = pick(f, 'industry', 'semiconductor-ic', 'value_added');
  close(semi.value, 5800000, 'semiconductor value');
  assert.equal(semi.unit, '元');
  assert.equal(semi.n_ent, 2);
  close(semi.growth_pct, (580 / 510 - 1) * 100, 'semiconductor growth');
  close(semi.share_gdp_pct, 0.58, 'semiconductor share of GDP');
  close(semi.other_value, 6000000, 'published beside computed');
  close(semi.difference, -200000, 'difference');
  close(semi.difference_pct, -200000 / 6000000 * 100, 'difference %');
  const semiPub = pick(f, 'industry', 'semiconductor-ic', 'value_added', 'published');
  close(semiPub.value, 6000000, 'published value');
  close(semiPub.growth_pct, 12, 'published growth as given');
  assert.equal(semiPub.source_text, '深圳市工业和信息化局');
  const term = pick(f, 'industry', 'smart-terminal', 'value_added');
  close(term.value, 4000000, 'smart terminal');
  close(term.growth_pct, (400 / 360 - 1) * 100, 'smart terminal growth');
  close(term.share_pct, 400 / 580 * 100, 'smart terminal share of the programme');
  const prog = pick(f, 'programme', '', 'value_added');
  close(prog.value, 5800000, 'programme counts each enterprise once');
  assert.equal(prog.n_ent, 2);
  const city = pick(f, 'city', '', 'value_added');
  close(city.value, 17800000, 'city');
  close(city.growth_pct, (1780 / 1510 - 1) * 100, 'city growth');
  const luohu = pick(f, 'district', 'luohu', 'value_added', 'computed', 'luohu');
  close(luohu.share_gdp_pct, 4e6 / 3e8 * 100, 'share of the district GDP');
  assert.equal(luohu.district_name, '罗湖区');
  const ov = s.overlap.find((o) => o.indicator === 'value_added');
  close(ov.programme, 5800000, 'overlap: programme');
  close(ov.sum_of_industries, 9800000, 'overlap: sum of industries');
  close(ov.overlap, 4000000, 'overlap');
  assert.equal(ov.n_ent_programme, 2);
  assert.equal(ov.n_ent_sum_of_industries, 3);
  assert.match(ov.explanation, /只计一次/);
  // Months from cumulative values; a stock at the period's end.
  const m = await stats(db, '--period', '2025-03', '--level', 'industry', '--key', '半导体与集成电路');
  close(pick(m.figures, 'industry', 'semiconductor-ic', 'value_added').value, (400 - 240 + 180 - 120) * 1e4, '2025-03');
  const emp = await stats(db, '--period', '2025Q1', '--level', 'city', '--indicator', 'employees');
  assert.equal(pick(emp.figures, 'city', '', 'employees').value, 100);
  // Published parts that do not add up.
  const g = await stats(db, '--period', '2025Q1', '--indicator', 'gdp');
  assert.equal(g.flags.length, 1);
  close(g.flags[0].difference_pct, -10, 'districts against the city');
  assert.equal(g.flags[0].n_parts, 2);
  close(pick(g.figures, 'city', '', 'gdp', 'published').growth_pct, 5, 'published GDP growth');
  // Target progress for the programme's year.
  const y = await stats(db, '--period', '2025', '--level', 'programme', '--indicator', 'value_added');
  const py = pick(y.figures, 'programme', '', 'value_added');
  close(py.value, 20000000, 'programme 2025');
  close(py.target, 1.5e12, 'target 1.5万亿元');
  close(py.target_progress_pct, 2e7 / 1.5e12 * 100, 'target progress');
  // The table: 亿元, sources and the overlap explained.
  const tbl = await ok(['stats', '--db', db, '--period', '2025Q1', '--indicator', 'value_added']);
  assert.match(tbl.stdout, /产业\s+半导体与集成电路\s+全市\s+增加值\s+0\.06\s+亿元\s+13\.7\s+0\.58\s+计算\s+-3\.33/);
  assert.match(tbl.stdout, /说明：增加值：各产业合计0\.10亿元/);
  // Bad queries are usage errors.
  const bad = await run(['stats', '--db', db, '--period', '2025Q5']);
  assert.equal(bad.status, 2, describeRun(bad));
  const badKey = await run(['stats', '--db', db, '--period', '2025', '--level', 'industry', '--key', '不存在']);
  assert.equal(badKey.status, 2, describeRun(badKey));
});

test('GET /api/v1/stats equals `jiqun stats --json`; /api/v1/stats/periods', async (t) => {
  const { db } = await dataSet(t);
  const cli = await stats(db, '--period', '2025Q1', '--level', 'industry');
  const srv = await startServer({ db });
  try {
    const r = await getJson(srv.port, '/api/v1/stats?period=2025Q1&level=industry');
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, cli);
    const d = await getJson(srv.port, '/api/v1/stats?period=2025Q1&district=%E7%BD%97%E6%B9%96%E5%8C%BA&indicator=value_added');
    assert.equal(d.status, 200, d.text);
    assert.ok(d.json.figures.length > 0);
    assert.ok(d.json.figures.every((f) => f.district === 'luohu'));
    close(pick(d.json.figures, 'programme', '', 'value_added', 'computed', 'luohu').value, 4000000, 'programme in 罗湖');
    const p = await getJson(srv.port, '/api/v1/stats/periods');
    assert.equal(p.status, 200, p.text);
    const labels = p.json.periods.map((x) => x.period);
    for (const want of ['2024Q1', '2025', '2025Q1', '2025-03']) assert.ok(labels.includes(want), want);
    const q1 = p.json.periods.find((x) => x.period === '2025Q1');
    assert.equal(q1.computed, true);
    assert.equal(q1.published, true);
    assert.ok(q1.indicators.includes('gdp'));
    assert.equal(p.json.indicators.length, 10);
    for (const q of ['', '?period=2025Q5', '?period=2025&indicator=nope', '?period=2025&level=x', '?period=2025&district=nowhere']) {
      const e = await getJson(srv.port, `/api/v1/stats${q}`);
      assert.equal(e.status, 400, q);
      assert.ok(e.json.error.message, q);
    }
  } finally {
    const x = await srv.stop();
    assert.equal(x.code, 0, x.stderr);
    assert.doesNotMatch(x.stderr, SANITIZER_RE);
  }
});

test('demo: indicator values and the demo GDP give figures, the same for the same seed', async (t) => {
  const dir = tmpDir(t);
  const figures = [];
  for (const name of ['a.db', 'b.db']) {
    const db = await initDb(dir, name);
    await ok(['demo', '--db', db]);
    await ok(['classify', '--db', db]);
    await ok(['compute', '--db', db]);
    const s = await stats(db, '--period', '2025Q3', '--indicator', 'value_added');
    const prog = pick(s.figures, 'programme', '', 'value_added');
    assert.ok(prog.value > 0 && prog.n_ent > 0, 'the programme has a value');
    assert.ok(prog.share_gdp_pct > 0 && prog.share_gdp_pct < 100, 'share of the demo GDP');
    // Share of GDP is for value added only: revenue over GDP would compare unlike measures.
    const rev = await stats(db, '--period', '2025Q3', '--indicator', 'revenue');
    assert.ok(rev.figures.length > 0);
    assert.ok(rev.figures.every((f) => f.share_gdp_pct === null), 'no GDP share for revenue');
    assert.ok(Number.isFinite(prog.growth_pct), 'growth against 2024Q3');
    assert.equal(s.overlap.length, 1);
    assert.ok(s.overlap[0].sum_of_industries >= s.overlap[0].programme);
    const g = await stats(db, '--period', '2025Q3', '--level', 'city', '--indicator', 'gdp');
    const gdp = pick(g.figures, 'city', '', 'gdp', 'published');
    assert.equal(gdp.value, (28000 - 18300) * 1e8); // Q3 = cum(9) - cum(6)
    assert.match(gdp.source_text, /演示数据/);
    figures.push(s.figures.map((f) => [f.level, f.key, f.value]));
  }
  assert.deepEqual(figures[0], figures[1]);
});
