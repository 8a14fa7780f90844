// plans-cli.test.mjs - `jiqun plans import|list|export`, `jiqun targets` and the API's
// /api/v1/plans and /api/v1/crosswalk as an official meets them: the built-in five-year targets before any import, an import that makes versions per
// level, a bad file rejected whole with row, column and reason, export and re-import, and target
// progress from a file of published figures (every number hand-computed in the comments).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import {
  SANITIZER_RE, describeRun, getJson, initDb, request, run, sqlite, startServer, tmpDir,
} from './lib.mjs';

function ok(r, what) {
  assert.equal(r.status, 0, `${what}\n${describeRun(r)}`);
  assert.ok(!SANITIZER_RE.test(r.stderr), `${what}: sanitizer report\n${r.stderr}`);
}

const PLAN = [
  '层级,范围,对象,指标,年份,基期,目标值,单位,门槛,说明',
  '年度,全市,,增加值,2025,,16000,亿元,,2025年度目标',
  '年度,产业,半导体与集成电路,value_added,2025,,2000,亿元,,',
  '三年滚动,类别,新一代电子信息,增加值,2026,2023,8000,亿元,,',
].join('\n') + '\n';

test('plans: built-in five-year targets, import makes versions, old versions kept', async (t) => {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  let r = await run(['plans', 'list', '--json', '--db', db]);
  ok(r, 'plans list before any import');
  const before = JSON.parse(r.stdout);
  assert.deepEqual(before.targets.map((x) => [x.level, x.source, x.value, x.unit, x.threshold]), [
    ['five_year', 'built-in', 1.5e12, '元', null],
    ['five_year', 'built-in', 6, '个', 1e11],
  ]);
  const file = path.join(dir, 'plan.csv');
  fs.writeFileSync(file, PLAN);
  r = await run(['plans', 'import', file, '--db', db]);
  ok(r, 'import');
  assert.match(r.stdout, /已导入三年滚动目标第1版，1 条/);
  assert.match(r.stdout, /已导入年度目标第1版，2 条/);
  r = await run(['plans', 'import', file, '--db', db]);
  ok(r, 'import again');
  assert.match(r.stdout, /年度目标第2版/);
  r = await run(['plans', 'list', '--versions', '--json', '--db', db]);
  ok(r, 'versions');
  assert.deepEqual(JSON.parse(r.stdout).map((v) => [v.level, v.version, v.targets]), [
    ['five_year', 0, 2], ['rolling', 1, 1], ['rolling', 2, 1], ['annual', 1, 2], ['annual', 2, 2],
  ]);
  r = await run(['plans', 'list', '--level', 'annual', '--version', '1', '--json', '--db', db]);
  ok(r, 'an old version');
  const annual = JSON.parse(r.stdout).targets;
  assert.deepEqual(annual.map((x) => [x.version, x.key, x.value]),
    [[1, '', 1.6e12], [1, 'semiconductor-ic', 2e11]]);
  r = await run(['plans', 'list', '--db', db]);
  ok(r, 'list table');
  assert.match(r.stdout, /半导体与集成电路/);
  assert.match(r.stdout, /15000\.00亿元/);
  r = await run(['plans', 'list', '--version', '2', '--db', db]);
  assert.equal(r.status, 2, 'a version without a level is a usage error');
});

test('plans import: a bad file is rejected whole, each problem with row, column and reason', async (t) => {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  const file = path.join(dir, 'bad.csv');
  fs.writeFileSync(file, [
    'level,scope,key,indicator,year,value,unit',
    'annual,programme,,value_added,2025,16000,亿元',
    'annual,industry,芯片,value_added,2025,1,亿元',
    'annual,programme,,value_added,2025,x,亿元',
  ].join('\n') + '\n');
  const r = await run(['plans', 'import', file, '--db', db]);
  assert.equal(r.status, 3, describeRun(r));
  assert.match(r.stderr, /bad\.csv: 第3行，“对象”列：未知的对象“芯片”/);
  assert.match(r.stderr, /bad\.csv: 第4行，“目标值”列：“x”不是非负数/);
  assert.match(r.stderr, /2 处错误，未导入任何数据/);
  assert.equal(await sqlite(db, 'select count(*) from plan_version'), '0');
  const dry = await run(['plans', 'import', path.join(dir, 'nosuch.csv'), '--db', db]);
  assert.equal(dry.status, 1, describeRun(dry));
});

test('plans export and re-import give the same targets (CSV and XLSX)', async (t) => {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  const file = path.join(dir, 'plan.csv');
  fs.writeFileSync(file, PLAN);
  ok(await run(['plans', 'import', file, '--db', db]), 'import');
  const stdout = await run(['plans', 'export', '--db', db]);
  ok(stdout, 'export to stdout');
  assert.ok(stdout.stdout.startsWith('\ufeff层级,范围,对象,指标,年份,基期,目标值,单位,门槛,说明\r\n'));
  assert.match(stdout.stdout, /规划,全市,,value_added,2025,2022,6,个,1000,/);
  const list = async () => JSON.parse((await run(['plans', 'list', '--json', '--db', db])).stdout).targets
    .map(({ version, source, ...rest }) => rest);
  const want = await list();
  for (const ext of ['csv', 'xlsx']) {
    const out = path.join(dir, `out.${ext}`);
    ok(await run(['plans', 'export', '--out', out, '--db', db]), `export ${ext}`);
    ok(await run(['plans', 'import', out, '--db', db]), `re-import ${ext}`);
    assert.deepEqual(await list(), want, `${ext} round trip`);
  }
});

test('targets --year: progress from published figures, 无法计算 where there are none', async (t) => {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  const act = path.join(dir, 'act.csv');
  // 13,000 -> 14,000 -> 14,500 (亿元): growth 7.69% then 3.57%.
  fs.writeFileSync(act, [
    '范围,对象,指标,年份,数值,单位,来源',
    '全市,,增加值,2022,13000,亿元,统计公报',
    '全市,,增加值,2023,14000,亿元,统计公报',
    '全市,,增加值,2024,14500,亿元,统计公报',
    '产业,网络与通信,增加值,2024,1200,亿元,',
    '产业,软件与信息服务,增加值,2024,1000,亿元,',
  ].join('\n') + '\n');
  let r = await run(['targets', '--year', '2024', '--actuals', act, '--json', '--db', db]);
  ok(r, 'targets --json');
  const [va, count] = JSON.parse(r.stdout).targets;
  // 14,500 / 15,000 = 96.67%; 2 of 3 years elapsed; 15,000/14,500 - 1 = 3.448% still needed.
  assert.ok(Math.abs(va.share - 14500 / 15000) < 1e-12);
  assert.ok(Math.abs(va.elapsed - 2 / 3) < 1e-12);
  assert.ok(Math.abs(va.growth_needed_pct - (15000 / 14500 - 1) * 100) < 1e-9);
  // Range: 14,500 x (1 + 3.571%) = 15,017.86 .. 14,500 x (1 + 7.692%) = 15,615.38 (亿元).
  assert.ok(Math.abs(va.projection.low - 14500e8 * (14500 / 14000)) < 1);
  assert.ok(Math.abs(va.projection.high - 14500e8 * (14000 / 13000)) < 1);
  assert.equal(va.status, va.projection.value >= 1.5e12 ? 'on_track' : 'at_risk');
  assert.equal(va.actual_source, 'act.csv');
  assert.equal(count.count, 2);
  assert.ok(Math.abs(count.share - 2 / 6) < 1e-12);
  // Without figures: reasons instead of numbers, never NaN or inf.
  r = await run(['targets', '--year', '2024', '--json', '--db', db]);
  ok(r, 'targets without figures');
  assert.ok(!/NaN|Infinity|inf/.test(r.stdout), r.stdout);
  const none = JSON.parse(r.stdout).targets[0];
  assert.deepEqual(none.share, { reason: 'no_actual', text: '无法计算：缺少实际值' });
  r = await run(['targets', '--year', '2024', '--db', db]);
  ok(r, 'targets table');
  assert.match(r.stdout, /无法计算：缺少实际值/);
  r = await run(['targets', '--db', db]);
  assert.equal(r.status, 2, 'targets needs --year');
});

test('API: /api/v1/plans (in force, an old version, bad parameters) and /api/v1/crosswalk', async (t) => {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  const file = path.join(dir, 'plan.csv');
  fs.writeFileSync(file, PLAN);
  ok(await run(['plans', 'import', file, '--db', db]), 'import');
  ok(await run(['plans', 'import', file, '--db', db]), 'import again');
  const srv = await startServer({ db });
  t.after(() => srv.stop());
  const plans = (await getJson(srv.port, '/api/v1/plans')).json;
  assert.deepEqual(plans.in_force, { five_year: 0, rolling: 2, annual: 2 });
  assert.equal(plans.targets.length, 2 + 1 + 2);
  assert.equal(plans.targets[0].source, 'built-in');
  assert.equal(plans.versions.length, 4);
  const old = (await getJson(srv.port, '/api/v1/plans?level=annual&version=1')).json;
  assert.deepEqual(old.targets.map((x) => [x.version, x.key]), [[1, ''], [1, 'semiconductor-ic']]);
  for (const q of ['level=weekly', 'version=1', 'level=annual&version=0', 'level=annual&version=x']) {
    const r = await request(srv.port, `/api/v1/plans?${q}`);
    assert.equal(r.status, 400, `${q}: ${r.text}`);
  }
  const missing = await request(srv.port, '/api/v1/plans?level=annual&version=9');
  assert.equal(missing.status, 404);
  const x = (await getJson(srv.port, '/api/v1/crosswalk')).json;
  assert.deepEqual([x.from.version, x.to.version, x.links.length], ['2022', '2024', 29]);
  assert.equal(x.to.industries.filter((i) => i.kind === 'cluster').length, 20);
  const split = x.links.filter((l) => l.kind === 'split').map((l) => l.to_industry);
  assert.deepEqual(split, ['software-info-2024', 'artificial-intelligence']);
});
