// classify.test.mjs - `jiqun rules` and `jiqun classify` on small fixtures: memberships made by
// whole classes, partial classes confirmed by keywords, keywords after full-width normalisation
// and exclusions; the summary; --explain; manual memberships overriding rules; rule imports
// refused with row and column; versions and activation. Also checks the built-in rule set against
// the policy text (every quoted phrase is in its clause), and the real-data test of issue 4
// part 8: the 426 listed Shenzhen companies classified by their CSRC division, the share that
// lands, and every division that does not land explained in data/rules/unclassified-divisions.md.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { REPO_ROOT, SANITIZER_RE, describeRun, initDb, run, sqlite, tmpDir } from './lib.mjs';

const FIX = path.join(REPO_ROOT, 'tests', 'fixtures');
const RULES_CSV = path.join(REPO_ROOT, 'data', 'rules', 'shenzhen-20plus8.csv');
const CATALOG = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'data', 'catalog', 'shenzhen-20plus8.json'), 'utf8'));

const A = '91440300700079194G'; // 3973, 集成电路
const B = '91440300700158386W'; // 3841, 动力电池
const C = '914403007002375789'; // 不含医疗器械
const D = '91440300700316778G'; // ５Ｇ
const E = '914403007003959557'; // 3670 partial, no keyword
const F = '91440300700475146Y'; // 6513, 手机游戏

/** Parse a CSV without quotes spanning lines (enough for the rule file and the listed companies). */
function parseCsv(text) {
  const rows = [];
  for (const line of text.replace(/^\ufeff/, '').split(/\r?\n/)) {
    if (line === '') continue;
    const cells = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (ch === '"') quoted = false; else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') { cells.push(cur); cur = ''; } else cur += ch;
    }
    cells.push(cur);
    rows.push(cells);
  }
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

const RULES = parseCsv(fs.readFileSync(RULES_CSV, 'utf8'));

/** The id of the built-in rule of `industry` with this code (class) or text (keyword, exclude). */
function ruleId(industry, kind, codeOrText) {
  const r = RULES.find((x) => x.industry === industry && x.kind === kind &&
    (kind === 'class' ? x.code === codeOrText : x.text === codeOrText));
  assert.ok(r, `no ${kind} rule ${codeOrText} for ${industry}`);
  return Number(r.rule_id);
}

async function ok(args) {
  const r = await run(args);
  assert.equal(r.status, 0, describeRun(r));
  assert.doesNotMatch(r.stderr, SANITIZER_RE);
  return r;
}

/** A database with the six fixture firms. */
async function fixtureDb(t) {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  await ok(['import', 'enterprises', path.join(FIX, 'classify', 'enterprises.csv'), '--db', db]);
  return { dir, db };
}

/** Stored memberships as "uscc industry source rule_set rule rule2" lines, sorted. */
async function memberships(db) {
  const out = await sqlite(db, "SELECT e.uscc || ' ' || m.industry || ' ' || m.source || ' ' || " +
    "coalesce(m.rule_set, '-') || ' ' || coalesce(m.rule, '-') || ' ' || coalesce(m.rule2, '-') " +
    'FROM membership m JOIN enterprise e ON e.id = m.enterprise ORDER BY 1');
  return out === '' ? [] : out.split('\n');
}

test('init stores the built-in rule set as version 1, once', async (t) => {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  let r = await ok(['rules', 'list', '--json', '--db', db]);
  let sets = JSON.parse(r.stdout);
  assert.equal(sets.length, 1);
  assert.equal(sets[0].version, 1);
  assert.equal(sets[0].active, true);
  assert.equal(sets[0].source, 'builtin');
  assert.equal(sets[0].rules, RULES.length);
  assert.equal(sets[0].class, RULES.filter((x) => x.kind === 'class').length);
  assert.match(sets[0].sha256, /^[0-9a-f]{64}$/);
  r = await ok(['init', '--db', db]);
  assert.doesNotMatch(r.stdout, /规则集版本1/);
  sets = JSON.parse((await ok(['rules', 'list', '--json', '--db', db])).stdout);
  assert.equal(sets.length, 1);
});

test('classify: whole and partial classes, keywords, normalisation, exclusions', async (t) => {
  const { db } = await fixtureDb(t);
  const r = await ok(['classify', '--json', '--db', db]);
  const s = JSON.parse(r.stdout);
  assert.equal(s.rule_set.version, 1);
  assert.equal(s.enterprises, 6);
  assert.equal(s.classified, 4);
  assert.equal(s.unclassified, 2); // 丙 (exclusion) and 戊 (partial class, no keyword)
  assert.equal(s.memberships, 6);
  const by = Object.fromEntries(s.industries.map((i) => [i.id, i]));
  assert.equal(s.industries.length, 28);
  assert.deepEqual([by['semiconductor-ic'].members, by['semiconductor-ic'].by_class], [1, 1]);
  assert.deepEqual([by['new-energy'].members, by['new-energy'].by_class], [1, 1]);
  assert.deepEqual([by['intelligent-connected-vehicle'].members,
    by['intelligent-connected-vehicle'].by_class], [1, 1]);
  assert.deepEqual([by['network-communication'].members, by['network-communication'].by_keyword], [1, 1]);
  assert.deepEqual([by['software-info'].members, by['software-info'].by_class], [1, 1]);
  assert.deepEqual([by['digital-creative'].members, by['digital-creative'].by_keyword], [1, 1]);
  assert.equal(by['smart-terminal'].members, 0);
  assert.equal(by['high-end-medical-devices'].members, 0);
  assert.equal(s.industries.reduce((n, i) => n + i.members, 0), 6);

  // 己's text 软件开发；手机游戏开发 holds 手机游戏 and 游戏开发: the membership records the keyword
  // whose occurrence ends first (engine/classify.c), 手机游戏
  assert.deepEqual(await memberships(db), [
    `${A} semiconductor-ic rule 1 ${ruleId('semiconductor-ic', 'class', '3973')} -`,
    `${B} intelligent-connected-vehicle rule 1 ${ruleId('intelligent-connected-vehicle', 'class', '3841')} ` +
      `${ruleId('intelligent-connected-vehicle', 'keyword', '动力电池')}`,
    `${B} new-energy rule 1 ${ruleId('new-energy', 'class', '3841')} -`,
    `${D} network-communication rule 1 ${ruleId('network-communication', 'keyword', '5G通信')} -`,
    `${F} digital-creative rule 1 ${ruleId('digital-creative', 'keyword', '手机游戏')} -`,
    `${F} software-info rule 1 ${ruleId('software-info', 'class', '6513')} -`,
  ]);

  // the human summary: Chinese names and the totals line
  const h = await ok(['classify', '--db', db]);
  assert.match(h.stdout, /半导体与集成电路\s+产业集群\s+1\s+1\s+0\s+0/);
  assert.match(h.stdout, /网络与通信\s+产业集群\s+1\s+0\s+1\s+0/);
  assert.match(h.stdout, /企业6家，已归入至少一个产业4家（66\.7%），未归类2家；归属6条/);
});

// Valid credit codes for generated firms (GB 32100 with the GB 11714 organisation code check).
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
function makeUscc(n) {
  const body = String(n).padStart(8, '0');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (body.charCodeAt(i) - 48) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  const first17 = `91440300${body}${c === 10 ? 'X' : c === 11 ? '0' : String(c)}`;
  let s = 0;
  for (let i = 0; i < 17; i++) s += USCC_CHARSET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return first17 + USCC_CHARSET[(31 - (s % 31)) % 31];
}

test('classify 5,000 firms: two batches, the first on several threads, each firm its own result', async (t) => {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  // the six fixture profiles, cycled: firm i has profile i % 6 and its name ends in that digit
  const fixture = fs.readFileSync(path.join(FIX, 'classify', 'enterprises.csv'), 'utf8').trim().split('\n');
  const profiles = fixture.slice(1).map((l) => l.split(',').slice(2));
  const lines = [fixture[0]];
  for (let i = 0; i < 5000; i++) lines.push([makeUscc(30000000 + i), `测试企业${i}号${i % 6}`, ...profiles[i % 6]].join(','));
  const file = path.join(dir, 'many.csv');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  await ok(['import', 'enterprises', file, '--db', db]);

  const s = JSON.parse((await ok(['classify', '--json', '--db', db])).stdout);
  const by = Object.fromEntries(s.industries.map((i) => [i.id, i.members]));
  // residues 0 and 1 occur 834 times in 0..4999, the others 833
  assert.deepEqual([by['semiconductor-ic'], by['new-energy'], by['intelligent-connected-vehicle'],
    by['network-communication'], by['software-info'], by['digital-creative'], by['smart-terminal']],
  [834, 834, 834, 833, 833, 833, 0]);
  assert.deepEqual([s.enterprises, s.unclassified, s.memberships], [5000, 1666, 5001]);
  // every membership belongs to a firm of the profile that makes it
  const pairs = await sqlite(db, "SELECT m.industry || ':' || substr(e.name, -1) || ':' || count(*) " +
    'FROM membership m JOIN enterprise e ON e.id = m.enterprise GROUP BY m.industry, substr(e.name, -1) ORDER BY 1');
  assert.deepEqual(pairs.split('\n'), [
    'digital-creative:5:833', 'intelligent-connected-vehicle:1:834', 'network-communication:3:833',
    'new-energy:1:834', 'semiconductor-ic:0:834', 'software-info:5:833',
  ]);
});

test('classify --explain: class name, normalised text, hits, voided hits, rules and reasons', async (t) => {
  const { db } = await fixtureDb(t);
  await ok(['classify', '--db', db]);

  let x = JSON.parse((await ok(['classify', '--explain', C, '--json', '--db', db])).stdout);
  assert.equal(x.enterprise.name, '丙商贸有限公司');
  assert.equal(x.enterprise.industry_code, '');
  assert.equal(x.text, '日用百货销售(不含医疗器械)'); // full-width brackets normalised
  assert.deepEqual(x.memberships, []);
  const hit = x.hits.find((h) => h.keyword === '医疗器械');
  assert.deepEqual([hit.industry, hit.count, hit.voided], ['high-end-medical-devices', 1, 1]);
  assert.equal(x.voided.length, 1);
  assert.equal(x.voided[0].by[0].text, '不含医疗器械');
  assert.equal(x.voided[0].by[0].rule, ruleId('high-end-medical-devices', 'exclude', '不含医疗器械'));
  assert.equal(x.stored_matches, true);

  x = JSON.parse((await ok(['classify', '--explain', B, '--json', '--db', db])).stdout);
  assert.equal(x.enterprise.industry_code_name, '锂离子电池制造');
  const icv = x.memberships.find((m) => m.industry === 'intelligent-connected-vehicle');
  assert.equal(icv.by_class, true);
  assert.deepEqual(icv.rules.map((r) => [r.kind, r.code || r.text, r.partial]),
    [['class', '3841', true], ['keyword', '动力电池', false]]);
  assert.match(icv.rules[0].reason, /三（一）15智能网联汽车“动力电池”/);
  assert.deepEqual(x.memberships.map((m) => m.industry).sort(), ['intelligent-connected-vehicle', 'new-energy']);

  x = JSON.parse((await ok(['classify', '--explain', D, '--json', '--db', db])).stdout);
  assert.equal(x.text, '\n5g通信模块'); // empty scope, then the products; NFKC and lower case
  assert.equal(x.memberships[0].industry, 'network-communication');
  assert.equal(x.memberships[0].rules[0].text, '5G通信');

  x = JSON.parse((await ok(['classify', '--explain', F, '--json', '--db', db])).stdout);
  const phone = x.hits.find((h) => h.keyword === '手机');
  assert.deepEqual([phone.industry, phone.count, phone.voided], ['smart-terminal', 1, 1]);
  assert.equal(x.voided.find((v) => v.keyword === '手机').by[0].text, '手机游戏');
  assert.deepEqual(x.memberships.map((m) => m.industry).sort(), ['digital-creative', 'software-info']);

  // the text form says the same in Chinese
  const h = await ok(['classify', '--explain', F, '--db', db]);
  assert.match(h.stdout, /行业代码：6513 应用软件开发/);
  assert.match(h.stdout, /“手机”（规则\d+）在排除词“手机游戏”（规则\d+）之内/);
  assert.match(h.stdout, /软件与信息服务：规则\d+ 行业代码6513/);

  const r = await run(['classify', '--explain', '91440300MA5XXXXX00', '--db', db]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /没有统一社会信用代码为 91440300MA5XXXXX00 的企业/);
});

test('manual memberships override rules on the next run', async (t) => {
  const { db } = await fixtureDb(t);
  await ok(['classify', '--include', E, '海洋产业', '--note', '船用座椅', '--db', db]);
  await ok(['classify', '--exclude', F, 'digital-creative', '--db', db]);
  const list = JSON.parse((await ok(['classify', '--manual', '--json', '--db', db])).stdout);
  assert.deepEqual(list.map((m) => [m.uscc, m.industry, m.include, m.note]).sort(),
    [[E, 'marine', true, '船用座椅'], [F, 'digital-creative', false, '']]);

  const s = JSON.parse((await ok(['classify', '--json', '--db', db])).stdout);
  const by = Object.fromEntries(s.industries.map((i) => [i.id, i]));
  assert.deepEqual([by.marine.members, by.marine.manual], [1, 1]);
  assert.equal(by['digital-creative'].members, 0);
  assert.equal(s.unclassified, 1); // only 丙 now
  const rows = await memberships(db);
  assert.ok(rows.includes(`${E} marine manual - - -`), rows.join('\n'));
  assert.ok(!rows.some((l) => l.startsWith(`${F} digital-creative`)));

  const x = JSON.parse((await ok(['classify', '--explain', F, '--json', '--db', db])).stdout);
  const dc = x.memberships.find((m) => m.industry === 'digital-creative');
  assert.equal(dc.effective, false);
  assert.match(dc.how, /人工排除/);
  assert.equal(x.manual[0].include, false);

  await ok(['classify', '--clear', E, 'marine', '--db', db]);
  let r = await run(['classify', '--clear', E, 'marine', '--db', db]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /没有人工指定/);
  r = await run(['classify', '--include', E, '不存在的产业', '--db', db]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /没有产业“不存在的产业”/);
  r = await run(['classify', '--include', E, '--db', db]);
  assert.equal(r.status, 2);
  // stale until the next run, which the explain output says
  const stale = await ok(['classify', '--explain', E, '--db', db]);
  assert.match(stale.stdout, /已保存的归属与上面不同/);
  await ok(['classify', '--db', db]);
  assert.ok(!(await memberships(db)).some((l) => l.startsWith(E)));
});

test('rules import: refused files name row and column and store nothing', async (t) => {
  const { dir, db } = await fixtureDb(t);
  const head = 'rule_id,industry,kind,code,text,partial,reason\n';
  const cases = [
    [`${head}1,marine,class,3731,,0,x\n2,marine,class,3738,,0,x\n`, /第3行 D列（code）: “3738”不是GB\/T 4754-2017/],
    [`${head}1,marine,keyword,,游艇,,x\n2,外太空,keyword,,火箭,,x\n`, /第3行 B列（industry）: 未知产业“外太空”/],
    [`${head}1,marine,keyword,,,,x\n`, /第2行 E列（text）: 关键词为空/],
    [`${head}1,marine,keyword,,游艇,,x\n1,marine,keyword,,邮轮,,x\n`, /第3行 A列（rule_id）: 规则编号重复：1（第2行已用）/],
    [`${head}1,marine,rule,,游艇,,x\n`, /第2行 C列（kind）: 规则类型“rule”无效/],
    ['编号,产业\n1,marine\n', /缺少“类型”列|缺少“规则编号”列/],
  ];
  for (const [i, [body, re]] of cases.entries()) {
    const file = path.join(dir, `bad${i}.csv`);
    fs.writeFileSync(file, body);
    const r = await run(['rules', 'import', file, '--db', db]);
    assert.equal(r.status, 3, describeRun(r));
    assert.match(r.stderr, new RegExp(`bad${i}\\.csv`));
    assert.match(r.stderr, re);
  }
  const sets = JSON.parse((await ok(['rules', 'list', '--json', '--db', db])).stdout);
  assert.equal(sets.length, 1);
});

test('rules versions: import, export as CSV and XLSX, activate; classify uses the active one', async (t) => {
  const { dir, db } = await fixtureDb(t);
  const mine = path.join(dir, 'mine.csv');
  fs.writeFileSync(mine, 'rule_id,industry,kind,code,text,partial,reason\n' +
    '7,海洋产业,keyword,,汽车座椅,,测试：船用座椅\n8,marine,exclude,,不含汽车座椅,,测试\n');
  let r = await ok(['rules', 'import', mine, '--name', '测试规则', '--db', db]);
  assert.match(r.stdout, /已导入为规则集版本2，2条规则，已启用/);
  let s = JSON.parse((await ok(['classify', '--json', '--db', db])).stdout);
  assert.deepEqual([s.rule_set.version, s.rule_set.name, s.classified, s.memberships], [2, '测试规则', 1, 1]);
  assert.deepEqual(await memberships(db), [`${E} marine rule 2 7 -`]);

  // export version 2 as CSV (stdout) and XLSX; the XLSX imports again as version 3, not active
  r = await ok(['rules', 'export', '--db', db]);
  assert.equal(r.stdout, '\ufeffrule_id,industry,kind,code,text,partial,reason\r\n' +
    '7,marine,keyword,,汽车座椅,,测试：船用座椅\r\n8,marine,exclude,,不含汽车座椅,,测试\r\n');
  const xlsx = path.join(dir, 'v2.xlsx');
  await ok(['rules', 'export', '--out', xlsx, '--db', db]);
  r = await ok(['rules', 'import', xlsx, '--no-activate', '--db', db]);
  assert.match(r.stdout, /版本3，2条规则，未启用/);

  await ok(['rules', 'activate', '1', '--db', db]);
  const sets = JSON.parse((await ok(['rules', 'list', '--json', '--db', db])).stdout);
  assert.deepEqual(sets.map((v) => [v.version, v.active, v.rules]),
    [[1, true, RULES.length], [2, false, 2], [3, false, 2]]);
  assert.equal(sets[2].name, 'v2.xlsx');
  s = JSON.parse((await ok(['classify', '--json', '--db', db])).stdout);
  assert.deepEqual([s.rule_set.version, s.classified], [1, 4]);

  // the exported built-in set is the embedded file, row for row
  const out = path.join(dir, 'v1.csv');
  await ok(['rules', 'export', '--version', '1', '--out', out, '--db', db]);
  const back = parseCsv(fs.readFileSync(out, 'utf8'));
  assert.deepEqual(back.map((x) => [x.rule_id, x.industry, x.kind, x.code, x.text, x.reason]),
    RULES.map((x) => [x.rule_id, x.industry, x.kind, x.code, x.text, x.reason]));

  r = await run(['rules', 'activate', '9', '--db', db]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /规则集版本 9 不存在/);
});

test('built-in rules: every industry covered, every quoted phrase is in its clause', () => {
  const inds = CATALOG.industries;
  assert.equal(inds.length, 28);
  for (const ind of inds) {
    const mine = RULES.filter((r) => r.industry === ind.id);
    assert.ok(mine.some((r) => r.kind === 'class'), `${ind.id} has no class rule`);
    assert.ok(mine.some((r) => r.kind === 'keyword'), `${ind.id} has no keyword`);
  }
  for (const r of RULES) {
    const ind = inds.find((i) => i.id === r.industry);
    assert.ok(ind, `rule ${r.rule_id}: industry ${r.industry}`);
    if (r.kind === 'exclude') {
      assert.match(r.reason, /^排除：/);
      continue;
    }
    assert.ok(r.reason.startsWith(ind.clause + ind.name_zh), `rule ${r.rule_id}: ${r.reason}`);
    const m = r.reason.match(/“([^”]*)”|「([^」]*)」/);
    assert.ok(m, `rule ${r.rule_id} quotes nothing: ${r.reason}`);
    for (const part of (m[1] ?? m[2]).split('……'))
      assert.ok(ind.clause_text.includes(part), `rule ${r.rule_id}: “${part}” is not in ${ind.clause}`);
  }
});

test('real data: the 426 listed Shenzhen companies by CSRC division (issue 4 part 8)', async (t) => {
  // the rules as the binary has them (export of the built-in version 1)
  const dir = tmpDir(t);
  const db = await initDb(dir);
  const rules = parseCsv((await ok(['rules', 'export', '--db', db])).stdout).filter((r) => r.kind === 'class');
  const any = new Set(rules.map((r) => r.code.slice(0, 2)));
  const whole = new Set(rules.filter((r) => r.partial === '0').map((r) => r.code.slice(0, 2)));

  const firms = parseCsv(fs.readFileSync(path.join(FIX, 'listed', 'shenzhen_listed_companies_csrc.csv'), 'utf8'));
  assert.equal(firms.length, 426);
  const landed = firms.filter((f) => any.has(f.csrc_division_2d)).length;
  const landedWhole = firms.filter((f) => whole.has(f.csrc_division_2d)).length;
  const share = (100 * landed) / firms.length;
  t.diagnostic(`landed ${landed}/426 = ${share.toFixed(1)}% (whole classes only: ${landedWhole}, ` +
    `${((100 * landedWhole) / firms.length).toFixed(1)}%)`);

  // every division that does not land has a row with a reason and the right count
  const md = fs.readFileSync(path.join(REPO_ROOT, 'data', 'rules', 'unclassified-divisions.md'), 'utf8');
  const table = new Map();
  for (const line of md.split('\n')) {
    const m = line.match(/^\| (\(none\)|\d{2}) \| ([^|]+) \| (\d+) \| ([^|]+) \|$/);
    if (m) table.set(m[1] === '(none)' ? '' : m[1], { name: m[2].trim(), count: Number(m[3]), why: m[4].trim() });
  }
  const missing = new Map();
  for (const f of firms) {
    const d = f.csrc_division_2d;
    if (!any.has(d)) missing.set(d, (missing.get(d) ?? 0) + 1);
  }
  for (const [d, n] of missing) {
    const row = table.get(d);
    assert.ok(row, `division '${d}' (${n} companies) does not land and is not explained`);
    assert.equal(row.count, n, `division '${d}': the table says ${row.count} companies, there are ${n}`);
    assert.ok(row.why.length > 20, `division '${d}' needs a real explanation`);
    const name = firms.find((f) => f.csrc_division_2d === d).csrc_division_name;
    if (d !== '') assert.equal(row.name, name);
  }
  for (const d of table.keys()) assert.ok(missing.has(d), `division '${d}' is explained but lands`);
  // the figures the table states
  assert.equal(landed, 369);
  assert.equal(landedWhole, 348);
  assert.match(md, /369 of 426 companies \(86\.6%\)/);
  assert.match(md, /348 of 426 \(81\.7%\)/);
  assert.ok(share >= 80, `only ${share.toFixed(1)}% of listed companies land in the 20+8`);
});
