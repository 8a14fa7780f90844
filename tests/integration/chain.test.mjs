// chain.test.mjs - `jiqun chain` and `jiqun leads suggest` on a hand-built world: a small chain map
// for semiconductors, five enterprises classified into it, their 2024 revenue, supplier relations
// and three candidates outside the city. Every figure below is computed by hand:
//
//   ic-up   上游 (top)          F1 F5              -> 2 firms            present
//   ic-eda  EDA (critical)      F1 (EDA)           -> 1                  critical gap (weak)
//   ic-mat  材料 (critical)      F5 (硅片)           -> 1                  critical gap (weak)
//   ic-mid  中游 (top)          F1 F2 F3 F4        -> 4                  strong
//   ic-des  设计                 F1 F3 F4 (6520)    -> 3                  strong (--strong 3)
//   ic-fab  制造                 F2 (晶圆)           -> 1                  weak
// score over the leaves (weights 2 2 1 1, points 0 0 1 0.25) = 100 * 1.25 / 6 = 20.8
// 设计 revenue F1 3亿 F3 1亿 F4 1亿: 5亿; shares 60/20/20: top1 60, top2 80, HHI 4400 (集中 at 80)
// supply of 设计: 100万 from 苏州 + 300万 from 深圳 -> 25% outside
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import {
  SANITIZER_RE, addUser, describeRun, initDb, request, run, sqlite, startServer, tmpDir,
} from './lib.mjs';

const F = ['9144030071526726XG', '914403001922038216', '91440300100010011M', '9144030010001002XD',
  '914403001000100543'];

const MAP = `industry,node,name,stage,parent,critical,keywords,industry_codes,basis
semiconductor-ic,ic-up,EDA与材料,upstream,,0,,,“开展电子设计自动化（EDA）工具软件、半导体材料……技术攻关”
semiconductor-ic,ic-eda,EDA工具软件,upstream,ic-up,1,EDA|电子设计自动化,,“电子设计自动化（EDA）工具软件”
semiconductor-ic,ic-mat,半导体材料,上游,ic-up,是,硅片|光刻胶,3985,“半导体材料”
semiconductor-ic,ic-mid,设计与制造,midstream,,0,,,“集成电路设计、制造、封测”
semiconductor-ic,ic-des,芯片设计,midstream,ic-mid,0,芯片设计,6520,“集成电路设计”
半导体与集成电路,ic-fab,晶圆制造,中游,ic-mid,0,晶圆,,“12英寸芯片生产线”
`;

const ENTERPRISES = `统一社会信用代码,企业名称,所在区,行业代码,经营范围,主营产品
${F[0]},甲芯科技有限公司,南山,6520,集成电路设计；ＥＤＡ软件开发,芯片
${F[1]},乙晶半导体有限公司,南山,3973,晶圆制造；芯片生产,晶圆
${F[2]},丙芯设计有限公司,南山,6520,集成电路芯片设计,芯片
${F[3]},丁微电子有限公司,南山,6520,芯片设计服务,芯片
${F[4]},戊材料科技有限公司,南山,,硅片研发；半导体芯片材料,硅片
`;

const REVENUE = `统一社会信用代码,期间,指标,数值,单位
${F[0]},2024,营业收入,3,亿元
${F[2]},2024,营业收入,1,亿元
${F[3]},2024,营业收入,1,亿元
${F[1]},2024,营业收入,0.5,亿元
`;

const SUPPLIERS = `采购方信用代码,供应商名称,供应商所在城市,环节编号,采购金额（万元）
${F[0]},苏州某设计服务有限公司,苏州,ic-des,100
${F[2]},深圳市某设计服务有限公司,深圳,ic-des,300
`;

const CANDIDATES = `企业名称,所在城市,目标产业,行业代码,经营范围,主营产品,企业规模,专精特新,上市板块,营业收入（万元）
上海甲光刻胶有限公司,上海,半导体与集成电路,,光刻胶的研发和生产,光刻胶,大型,,科创板,50000
北京乙软件有限公司,北京,,6512,EDA软件开发,电子设计自动化软件,中型,国家级小巨人,,
杭州丙硅材料有限公司,杭州,,,硅片销售,硅片,小型,,,
`;

async function ok(args) {
  const r = await run(args, { timeoutMs: 60000 });
  assert.equal(r.status, 0, describeRun(r));
  assert.doesNotMatch(r.stderr, SANITIZER_RE);
  return r;
}

async function world(t) {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  const put = (name, text) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  await ok(['chain', 'import', put('map.csv', MAP), '--db', db]);
  await ok(['import', 'enterprises', put('ent.csv', ENTERPRISES), '--db', db]);
  await ok(['import', 'indicators', put('rev.csv', REVENUE), '--db', db]);
  await ok(['classify', '--db', db]);
  await ok(['chain', 'suppliers', 'import', put('sup.csv', SUPPLIERS), '--db', db]);
  await ok(['chain', 'candidates', 'import', put('cand.csv', CANDIDATES), '--db', db]);
  return { dir, db, put };
}

const NODE_KEYS = ['basis', 'concentrated', 'count', 'critical', 'direct', 'hhi', 'id', 'industry_codes',
  'keywords', 'leaders', 'name', 'outside_pct', 'parent', 'shares_by', 'stage', 'status', 'status_zh',
  'supply_total', 'top1_pct', 'top2_pct', 'value', 'value_firms'];

test('chain show --json: the exact shape, statuses, concentration, outside supply and score', async (t) => {
  const { db } = await world(t);
  const r = await ok(['chain', 'show', 'semiconductor-ic', '--json', '--strong', '3', '--present', '2', '--db', db]);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(j).sort(), ['coverage', 'nodes']);
  assert.deepEqual(j.nodes.map((n) => n.id), ['ic-up', 'ic-eda', 'ic-mat', 'ic-mid', 'ic-des', 'ic-fab']);
  for (const n of j.nodes) assert.deepEqual(Object.keys(n).sort(), NODE_KEYS, n.id);
  const by = Object.fromEntries(j.nodes.map((n) => [n.id, n]));
  assert.equal(by['ic-up'].parent, null);
  assert.equal(by['ic-eda'].parent, 'ic-up');
  assert.equal(by['ic-mat'].stage, 'upstream');
  assert.equal(by['ic-fab'].stage, 'midstream');
  assert.equal(by['ic-eda'].critical, true);
  assert.equal(by['ic-des'].critical, false);
  assert.deepEqual(by['ic-mat'].keywords, ['硅片', '光刻胶']);
  assert.deepEqual(by['ic-mat'].industry_codes, ['3985']);
  const status = Object.fromEntries(j.nodes.map((n) => [n.id, [n.count, n.status]]));
  assert.deepEqual(status, {
    'ic-up': [2, 'present'], 'ic-eda': [1, 'critical_gap'], 'ic-mat': [1, 'critical_gap'],
    'ic-mid': [4, 'strong'], 'ic-des': [3, 'strong'], 'ic-fab': [1, 'weak'],
  });
  assert.equal(by['ic-eda'].status_zh, '卡脖子缺口');
  // 设计: 5亿 of revenue, 60/20/20, HHI 4400, concentrated at 80%.
  const des = by['ic-des'];
  assert.equal(des.value, 5e8);
  assert.equal(des.value_firms, 3);
  assert.equal(des.top1_pct, 60);
  assert.ok(Math.abs(des.top2_pct - 80) < 1e-9);
  assert.ok(Math.abs(des.hhi - 4400) < 1e-6);
  assert.equal(des.shares_by, 'value');
  assert.equal(des.concentrated, true);
  assert.deepEqual(des.leaders.map((f) => f.name), ['甲芯科技有限公司', '丁微电子有限公司', '丙芯设计有限公司']);
  assert.equal(des.supply_total, 4e6);
  assert.equal(des.outside_pct, 25);
  assert.equal(by['ic-fab'].outside_pct, null);
  assert.equal(by['ic-mat'].value, null); // 戊 reported no revenue
  // The score and its formula.
  const c = j.coverage;
  assert.equal(c.score, 20.8);
  assert.match(c.formula, /完整度 = 100 × Σ\(权重 × 得分\) ÷ Σ权重/);
  assert.deepEqual(c.by_status, { strong: 1, present: 0, weak: 1, missing: 0, critical_gap: 2 });
  assert.equal(c.leaves, 4);
  assert.equal(c.members, 5);
  assert.equal(c.tagged, 5);
  assert.equal(c.value_label, '2024年营业收入');
  assert.deepEqual(c.settings, { strong_min: 3, present_min: 2, concentration: 80 });

  // Stored thresholds apply without options; the readable table says the same in Chinese.
  await ok(['chain', 'settings', '--strong', '3', '--db', db]);
  const h = await ok(['chain', 'show', '半导体与集成电路', '--db', db]);
  assert.match(h.stdout, /完整度 20\.8 分（末级环节 4 个：强 1、有 0、弱 1、缺失 0、卡脖子缺口 2）/);
  assert.match(h.stdout, /└ 芯片设计\s+ic-des\s+3\s+强\s+5\.00\s+80\.0%\s+4400 集中\s+25\.0%/);
  const bad = await run(['chain', 'settings', '--present', '9', '--db', db]);
  assert.equal(bad.status, 2, describeRun(bad));
});

test('leads suggest ranks candidates for the gaps and --add makes 产业链招商 leads', async (t) => {
  const { db } = await world(t);
  await ok(['chain', 'settings', '--strong', '3', '--db', db]);
  const r = await ok(['leads', 'suggest', 'semiconductor-ic', '--json', '--db', db]);
  const s = JSON.parse(r.stdout).suggestions;
  // Both gaps (EDA first, in map order), then 制造 (weak) has no candidate.
  // EDA: 乙 keyword 40 + 中型 12 + 小巨人 15 = 67 (its class 6512 is not one of the node's). 材料: 甲 40 + 大型 20 + listed 10 = 70; 丙 40 + 小型 6 = 46.
  assert.deepEqual(s.map((x) => [x.node, x.name, x.score]), [
    ['ic-eda', '北京乙软件有限公司', 67],
    ['ic-mat', '上海甲光刻胶有限公司', 70],
    ['ic-mat', '杭州丙硅材料有限公司', 46],
  ]);
  assert.equal(s[0].reason, '匹配环节关键词；中型企业；国家级专精特新小巨人');
  assert.equal(s[1].reason, '匹配环节关键词；大型企业；上市（科创板）；营业收入5.00亿元');
  const limited = JSON.parse((await ok(['leads', 'suggest', 'semiconductor-ic', '--json', '--limit', '1', '--node', 'ic-mat', '--db', db])).stdout);
  assert.deepEqual(limited.suggestions.map((x) => x.name), ['上海甲光刻胶有限公司']);
  const human = await ok(['leads', 'suggest', 'semiconductor-ic', '--db', db]);
  assert.match(human.stdout, /半导体材料\s+卡脖子缺口\s+上海甲光刻胶有限公司/);

  const add = await ok(['leads', 'suggest', 'semiconductor-ic', '--add', '上海甲光刻胶有限公司,北京乙软件有限公司', '--db', db]);
  assert.match(add.stdout, /上海甲光刻胶有限公司：已加入招商引资清单（线索 \d+，环节“半导体材料”，产业链招商）/);
  const out = path.join(path.dirname(db), 'leads.csv');
  await ok(['export', 'leads', '--out', out, '--db', db]);
  const rows = fs.readFileSync(out, 'utf8').split(/\r?\n/).filter((l) => l.includes('产业链招商'));
  assert.equal(rows.length, 2);
  assert.match(rows.find((l) => l.includes('上海甲')), /上海甲光刻胶有限公司,半导体与集成电路,,上海,半导体材料,产业链招商,线索/);
  // Again: left as it is; an unknown candidate changes nothing.
  const again = await ok(['leads', 'suggest', 'semiconductor-ic', '--add', '上海甲光刻胶有限公司', '--json', '--db', db]);
  assert.equal(JSON.parse(again.stdout).added[0].existed, true);
  const none = await run(['leads', 'suggest', 'semiconductor-ic', '--add', '上海甲光刻胶有限公司,无此企业', '--db', db]);
  assert.equal(none.status, 1, describeRun(none));
  assert.match(none.stderr, /候选企业“无此企业”不在半导体与集成电路的候选企业库中/);
});

test('adding suggested leads is a write: the role decides, each new lead leaves one audit entry', async (t) => {
  const { db } = await world(t);
  await ok(['chain', 'settings', '--strong', '3', '--db', db]);
  const own = await addUser(db, 'c-ic', 'commissioner', { industries: ['semiconductor-ic'] });
  const other = await addUser(db, 'c-bio', 'commissioner', { industries: ['biomedicine'] });
  const viewer = await addUser(db, 'c-view', 'viewer');
  const audits = async () => Number(await sqlite(db, "SELECT count(*) FROM audit WHERE list = 'leads'"));
  const leads = async () => Number(await sqlite(db, "SELECT count(*) FROM lead WHERE channel = '产业链招商'"));
  // The command line with --user: another industry's commissioner is refused, nothing written.
  const refused = await run(['leads', 'suggest', 'semiconductor-ic', '--add', '上海甲光刻胶有限公司', '--user', 'c-bio', '--db', db]);
  assert.notEqual(refused.status, 0, describeRun(refused));
  assert.equal(await leads(), 0);
  const srv = await startServer({ db });
  t.after(() => srv.stop());
  const post = (headers, who) => request(srv.port, '/api/v1/chains/semiconductor-ic/leads', {
    method: 'POST', headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ candidates: who, node: 'ic-mat' }),
  });
  assert.equal((await post({}, ['上海甲光刻胶有限公司'])).status, 401);
  assert.equal((await post(viewer.headers, ['上海甲光刻胶有限公司'])).status, 403);
  assert.equal((await post(other.headers, ['上海甲光刻胶有限公司'])).status, 403);
  assert.equal(await leads(), 0);
  assert.equal(await audits(), 0);
  const r = await post(own.headers, ['上海甲光刻胶有限公司', '杭州丙硅材料有限公司']);
  assert.equal(r.status, 201, r.text);
  assert.equal(JSON.parse(r.text).added.length, 2);
  assert.equal(await leads(), 2);
  assert.equal(await audits(), 2);
  assert.equal(await sqlite(db, "SELECT DISTINCT user || ' ' || action FROM audit WHERE list = 'leads'"), 'c-ic create');
  // Again: both already on the list, nothing written, no new audit entry.
  const again = await post(own.headers, ['上海甲光刻胶有限公司']);
  assert.equal(JSON.parse(again.text).added[0].existed, true);
  assert.equal(await audits(), 2);
});

test('chain import is all or nothing: every problem with its row and column', async (t) => {
  const { db, put } = await world(t);
  const bad = put('bad.csv', `产业,环节编号,环节名称,环节位置,上级环节,卡脖子,关键词,行业代码,依据
semiconductor-ic,x-a,甲,上游,x-b,1,芯片,3973,
semiconductor-ic,x-b,乙,upstream,x-a,0,,9999,
无此产业,x-c,丙,旁路,,0,,,
semiconductor-ic,x-a,丁,midstream,x-zz,2,,,
smart-sensor,x-d,戊,下游,x-b,0,,,
`);
  const r = await run(['chain', 'import', bad, '--json', '--db', db]);
  assert.equal(r.status, 3, describeRun(r));
  const j = JSON.parse(r.stdout);
  assert.equal(j.written, false);
  const got = j.issues.map((i) => [i.row, i.column, i.code]);
  assert.deepEqual(got, [
    [2, '上级环节', 'cycle'],
    [3, '行业代码', 'unknown_industry_code'],
    [3, '上级环节', 'cycle'],
    [4, '产业', 'unknown_industry'],
    [4, '环节位置', 'unknown_stage'],
    [5, '卡脖子', 'bad_value'],
    [5, '环节编号', 'duplicate_in_file'],
    [5, '上级环节', 'unknown_parent'],
    [6, '上级环节', 'parent_other_industry'],
  ]);
  assert.ok(j.issues.every((i) => i.file === bad));
  // Nothing changed.
  const show = JSON.parse((await ok(['chain', 'show', 'semiconductor-ic', '--json', '--db', db])).stdout);
  assert.deepEqual(show.nodes.map((n) => n.id), ['ic-up', 'ic-eda', 'ic-mat', 'ic-mid', 'ic-des', 'ic-fab']);
  // A missing column, a candidate in the city, a relation to an unknown node or buyer.
  const nocol = await run(['chain', 'import', put('nocol.csv', 'industry,node,name\nsemiconductor-ic,a,b\n'), '--json', '--db', db]);
  assert.equal(nocol.status, 3);
  assert.deepEqual(JSON.parse(nocol.stdout).issues.map((i) => [i.row, i.column, i.code]), [[1, '环节位置', 'missing_column']]);
  const local = await run(['chain', 'candidates', 'import', put('c.csv', '企业名称,所在城市\n本地公司,深圳市\n外地公司,\n'), '--json', '--db', db]);
  assert.equal(local.status, 3);
  assert.deepEqual(JSON.parse(local.stdout).issues.map((i) => [i.row, i.column, i.code]),
    [[2, '所在城市', 'local_candidate'], [3, '所在城市', 'required']]);
  const sup = await run(['chain', 'suppliers', 'import', put('s.csv', `采购方信用代码,供应商名称,供应商所在城市,环节编号,采购金额（万元）
${F[0]},某公司,上海,no-such-node,10
91440300100010062X,某公司,上海,ic-des,10
`), '--json', '--db', db]);
  assert.equal(sup.status, 3);
  assert.deepEqual(JSON.parse(sup.stdout).issues.map((i) => [i.row, i.column, i.code]),
    [[2, '环节编号', 'unknown_node'], [3, '采购方信用代码', 'unknown_enterprise']]);
  // A node id another industry's map uses.
  const clash = await run(['chain', 'import', put('clash.csv', 'industry,node,name,stage\nsmart-sensor,ic-des,x,upstream\n'), '--db', db]);
  assert.equal(clash.status, 1, describeRun(clash));
  assert.match(clash.stderr, /环节编号 ic-des 已被产业 semiconductor-ic 的产业链使用/);
});

test('chain export and import round-trip through XLSX and CSV; init loads the built-in maps', async (t) => {
  const { dir, db } = await world(t);
  const before = JSON.parse((await ok(['chain', 'show', 'semiconductor-ic', '--json', '--db', db])).stdout);
  for (const ext of ['xlsx', 'csv']) {
    const f = path.join(dir, `ic.${ext}`);
    const e = await ok(['chain', 'export', 'semiconductor-ic', '--out', f, '--db', db]);
    assert.match(e.stdout, /已导出 6 个环节/);
    await ok(['chain', 'import', f, '--db', db]);
    const after = JSON.parse((await ok(['chain', 'show', 'semiconductor-ic', '--json', '--db', db])).stdout);
    assert.deepEqual(after, before, ext);
  }
  const csv = fs.readFileSync(path.join(dir, 'ic.csv'), 'utf8');
  assert.match(csv, /^\ufeff产业,环节编号,环节名称,环节位置,上级环节,卡脖子,关键词,行业代码,依据\r\n/);
  assert.match(csv, /半导体与集成电路,ic-mat,半导体材料,上游,ic-up,是,硅片\|光刻胶,3985,/);

  // A fresh database has all 28 built-in maps, two levels deep, every node with its policy words.
  const fresh = await initDb(dir, 'fresh.db');
  const list = JSON.parse((await ok(['chain', 'list', '--json', '--db', fresh])).stdout);
  assert.equal(list.length, 28);
  const all = path.join(dir, 'all.csv');
  await ok(['chain', 'export', 'all', '--out', all, '--db', fresh]);
  const lines = fs.readFileSync(all, 'utf8').trim().split(/\r?\n/).slice(1);
  assert.ok(lines.length > 250, `${lines.length} nodes`);
  assert.ok(lines.every((l) => /“.+”/.test(l)), 'every node quotes the policy');
  const ic = JSON.parse((await ok(['chain', 'show', 'semiconductor-ic', '--json', '--db', fresh])).stdout);
  const names = ic.nodes.map((n) => n.name);
  for (const n of ['EDA工具软件', '芯片设计', '晶圆制造', '封装测试', '半导体材料', '半导体装备']) assert.ok(names.includes(n), n);
  assert.ok(ic.nodes.every((n) => n.parent === null || ic.nodes.some((p) => p.id === n.parent)));
  const unknown = await run(['chain', 'show', 'no-such', '--db', fresh]);
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /没有产业“no-such”/);
});
