// lists-cli.test.mjs - `jiqun import` and `jiqun export` for the programme's eight lists, as an
// official meets them: templates, round trips through CSV and XLSX, files saved by Excel in
// GB18030 or with BOM and CRLF, headers in any order, every rejection reason with its row,
// column and value, --skip-bad and its reject file, --dry-run, a killed import, broken files and
// export filters. Each test works on its own temporary database.
//
// Fixtures are in tests/fixtures/lists/it/ (UTF-8, no BOM, LF); the GB18030 and XLSX variants are
// made at test time (iconv, `jiqun export --format xlsx`).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import {
  BIN, REPO_ROOT, SANITIZER_RE, describeRun, initDb, run, sleep, sqlite, tmpDir,
} from './lib.mjs';

const FIX = path.join(REPO_ROOT, 'tests', 'fixtures', 'lists', 'it');
const LISTS = ['enterprises', 'listings', 'leads', 'projects', 'platforms', 'policies', 'orgs', 'fund_investments'];
const TABLES = {
  enterprises: 'enterprise', listings: 'listing', leads: 'lead', projects: 'project',
  platforms: 'platform', policies: 'policy', orgs: 'org', fund_investments: 'fund_investment',
};
const BOM = '\ufeff';

// The template headers of each list in field order, as src/lists/lists.c defines them (written out
// here on purpose: a change of a template is a change officials see, and should fail a test).
const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月完成投资（万元）`);
// Optional point of a record on the map (issue 8), GCJ-02 longitude and latitude.
const COORDS = ['经度（GCJ-02）', '纬度（GCJ-02）'];
const HEADERS = {
  enterprises: ['统一社会信用代码', '企业名称', '所在区', '所在园区', '行业代码', '经营范围', '主营产品',
    '企业规模', '成立日期', '龙头企业', '隐形冠军', '专精特新', '单项冠军', '独角兽', '国家高新技术企业',
    '规上企业', '上市板块', '股票代码', '培育阶段', '转企日期', '升规日期', '专精特新认定日期', '上市日期', ...COORDS],
  listings: ['统一社会信用代码', '所属产业', '企业类别', '企业名称', '备注'],
  leads: ['目标企业', '所属产业', '目标企业信用代码', '来源地', '产业链环节', '招商方式', '当前阶段',
    '线索日期', '接洽日期', '洽谈日期', '签约日期', '落地日期', '预计投资额（万元）', '拟落地区', '责任人',
    '备注'],
  projects: ['项目编号', '项目名称', '所属产业', '所在区', '所在园区', '投资主体', '总投资（万元）',
    '开工日期', '竣工日期', '年度', '年度计划投资（万元）', ...MONTHS, '形象进度节点', '项目状态', ...COORDS],
  platforms: ['平台名称', '平台类型', '级别', '所属产业', '所在区', '依托单位', '认定日期', '备注', ...COORDS],
  policies: ['政策名称', '发文单位', '文号', '发布日期', '适用产业', '主要措施', '支持金额（万元）'],
  orgs: ['类型', '名称', '所属产业', '级别', '所在区', '规模（万元）', '实缴（万元）', '已投金额（万元）',
    '已投项目数', '最近投资日期', '成立或举办日期', '负责人', '说明'],
  fund_investments: ['基金名称', '所属产业', '被投企业', '被投企业信用代码', '投资日期', '投资金额（万元）',
    '投资轮次', '被投企业所在区', '备注'],
};

const TENCENT = '9144030071526726XG';
const HUAWEI = '914403001922038216';

// ---------------------------------------------------------------------------------------------
// Unified social credit codes (GB 32100-2015), to make as many valid ones as a test needs.

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 check character of the 8-character organisation code body. */
function orgCheck(body8) {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8[i];
    const v = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55; // A=10 .. Z=35
    sum += v * ORG_WEIGHTS[i];
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** The 18th character of a code from its first 17. */
function usccCheck(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}

/** A valid code for a Shenzhen enterprise numbered n (n < 10^8). */
function makeUscc(n) {
  const body = String(n).padStart(8, '0');
  const first17 = `91440300${body}${orgCheck(body)}`;
  return first17 + usccCheck(first17);
}

// ---------------------------------------------------------------------------------------------
// CSV helpers

/** Parse CSV text (RFC 4180; a leading BOM is dropped) into rows of cells. */
function parseCsv(text) {
  if (text.startsWith(BOM)) text = text.slice(1);
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

/** One CSV line (no line end), quoting cells that need it. */
function csvLine(cells) {
  return cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}

/** Write rows as a UTF-8 CSV file without BOM, LF line ends. */
function writeCsv(file, rows) {
  fs.writeFileSync(file, rows.map(csvLine).join('\n') + '\n');
  return file;
}

// ---------------------------------------------------------------------------------------------
// Running jiqun

/** Assert a run ended with `status` and no sanitizer report. */
function assertExit(r, status, what) {
  assert.equal(r.timedOut, false, `${what}: timed out\n${describeRun(r)}`);
  assert.equal(r.status, status, `${what}: expected exit ${status}\n${describeRun(r)}`);
  assert.doesNotMatch(r.stderr, SANITIZER_RE, `${what}: sanitizer report\n${describeRun(r)}`);
}

/** `jiqun import LIST FILE --db DB --json ...extra`; returns {r, json}. */
async function importJson(db, list, file, extra = []) {
  const r = await run(['import', list, file, '--db', db, '--json', ...extra]);
  assert.doesNotMatch(r.stderr, SANITIZER_RE, describeRun(r));
  let json;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    json = undefined;
  }
  return { r, json };
}

/** Import and assert success (exit 0); returns the JSON result. */
async function importOk(db, list, file, extra = []) {
  const { r, json } = await importJson(db, list, file, extra);
  assertExit(r, 0, `import ${list} ${path.basename(file)}`);
  assert.ok(json, `import ${list}: no JSON on stdout\n${describeRun(r)}`);
  return json;
}

/** Import the eight fixture lists into db, enterprises first. */
async function importFixtures(db) {
  await importOk(db, 'enterprises', path.join(FIX, 'enterprises.csv'));
  // The others depend on enterprises only (fund investments on the funds in orgs); concurrent
  // imports wait for each other (busy timeout).
  await Promise.all(LISTS.slice(1, -1).map((l) => importOk(db, l, path.join(FIX, `${l}.csv`))));
  await importOk(db, 'fund_investments', path.join(FIX, 'fund_investments.csv'));
}

/** `jiqun export LIST --db DB --out FILE ...extra`, asserting success; returns FILE's bytes. */
async function exportTo(db, list, file, extra = []) {
  const r = await run(['export', list, '--db', db, '--out', file, ...extra]);
  assertExit(r, 0, `export ${list} --out ${path.basename(file)} ${extra.join(' ')}`);
  return fs.readFileSync(file);
}

/** Row counts of the eight tables, as one object. */
async function counts(db) {
  const sql = LISTS.map((l) => `(SELECT count(*) FROM ${TABLES[l]})`).join(', ');
  const out = await sqlite(db, `SELECT ${sql}`);
  const n = out.split('|').map(Number);
  return Object.fromEntries(LISTS.map((l, i) => [l, n[i]]));
}

// ---------------------------------------------------------------------------------------------

test('credit code helper reproduces the two real codes and jiqun accepts generated ones', async (t) => {
  for (const code of [TENCENT, HUAWEI]) {
    const first16 = code.slice(0, 16);
    const first17 = first16 + orgCheck(code.slice(8, 16));
    assert.equal(first17 + usccCheck(first17), code, `recomputed ${code}`);
  }
  assert.match(makeUscc(12345678), /^9144030012345678[0-9X][0-9A-HJ-NP-RTUW-Y]$/);
  // jiqun agrees with the helper on a handful of generated codes.
  const dir = tmpDir(t);
  const db = await initDb(dir);
  const rows = [['统一社会信用代码', '企业名称', '所在区']];
  for (let i = 0; i < 20; i++) rows.push([makeUscc(30000000 + i * 7919), `校验示例${i}有限公司`, '南山']);
  const res = await importOk(db, 'enterprises', writeCsv(path.join(dir, 'codes.csv'), rows));
  assert.equal(res.inserted, 20);
});

test('export --template LIST: UTF-8 BOM, CRLF, the Chinese headers in field order; XLSX template imports as 0 rows', async (t) => {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  const runs = await Promise.all(LISTS.map((l) => run(['export', '--template', l, '--db', db])));
  LISTS.forEach((l, i) => {
    const r = runs[i];
    assertExit(r, 0, `export --template ${l}`);
    assert.ok(r.stdout.startsWith(BOM), `${l}: no UTF-8 BOM: ${JSON.stringify(r.stdout.slice(0, 20))}`);
    assert.ok(r.stdout.endsWith('\r\n'), `${l}: not CRLF-terminated`);
    assert.equal(r.stdout.split('\r\n').length, 2, `${l}: more than the header line:\n${r.stdout}`);
    assert.doesNotMatch(r.stdout.replace(/\r\n/g, ''), /[\r\n]/, `${l}: a bare CR or LF`);
    assert.deepEqual(r.stdout.slice(1, -2).split(','), HEADERS[l], `${l}: headers`);
  });
  await Promise.all(LISTS.map(async (l) => {
    const x = path.join(dir, `${l}-template.xlsx`);
    const r = await run(['export', '--template', l, '--db', db, '--format', 'xlsx', '--out', x]);
    assertExit(r, 0, `export --template ${l} --format xlsx`);
    assert.equal(fs.readFileSync(x).subarray(0, 2).toString('latin1'), 'PK', `${l}: not a zip`);
    const res = await importOk(db, l, x);
    assert.equal(res.rows, 0, `${l}: template imported rows`);
    assert.equal(res.inserted + res.updated + res.unchanged + res.rejected, 0);
    assert.equal(res.ignored_columns ?? null, null, `${l}: the template has unknown headers`);
  }));
});

test('a good enterprises CSV (UTF-8, no BOM, LF) imports with counts; the same file again is all unchanged', async (t) => {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  const file = path.join(FIX, 'enterprises.csv');
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(!text.startsWith(BOM) && !text.includes('\r'), 'fixture must be UTF-8 without BOM, LF');

  const first = await importOk(db, 'enterprises', file);
  assert.equal(first.list, 'enterprises');
  assert.equal(first.written, true);
  assert.equal(first.dry_run, false);
  assert.deepEqual([first.rows, first.inserted, first.updated, first.unchanged, first.rejected], [4, 4, 0, 0, 0]);
  assert.deepEqual(first.issues, []);

  // Values as stored: alternative forms normalised.
  const row = await sqlite(db, 'SELECT district, founded, leading, hidden_champion, unicorn, high_tech, ' +
    `above_scale, date_above_scale, date_listed, ticker, source FROM enterprise WHERE uscc = '${TENCENT}'`);
  assert.equal(row, 'nanshan|2000-02-24|1|0|0|1|1|2003-01-01|2004-06-16|00700|enterprises.csv');
  assert.equal(await sqlite(db, `SELECT district, founded, industry_code, date_above_scale FROM enterprise WHERE uscc = '${HUAWEI}'`),
    'longgang|1987-09-15|3921|1995-01-01');
  assert.equal(await sqlite(db, "SELECT district, high_tech, above_scale, date_zjtx FROM enterprise WHERE name = '深圳市鹏城芯微电子有限公司'"),
    'nanshan|1|1|2025-06-30');

  const again = await importOk(db, 'enterprises', file);
  assert.deepEqual([again.rows, again.inserted, again.updated, again.unchanged, again.rejected], [4, 0, 0, 4, 0]);

  // Human output: the counts line.
  const h = await run(['import', 'enterprises', file, '--db', db]);
  assertExit(h, 0, 'import (human)');
  assert.match(h.stdout, /共4行，新增0，更新0，未变4，有误0/);
});

test('export -> import -> export is byte-identical for every list, through CSV and through XLSX; re-importing either changes nothing', async (t) => {
  const dir = tmpDir(t);
  const [db1, db2, db3] = await Promise.all([initDb(dir, 'one.db'), initDb(dir, 'two.db'), initDb(dir, 'three.db')]);
  await importFixtures(db1);
  assert.deepEqual(await counts(db1),
    { enterprises: 4, listings: 4, leads: 3, projects: 3, platforms: 3, policies: 3, orgs: 4, fund_investments: 3 });
  // Stored forms of the lenient inputs.
  assert.equal(await sqlite(db1, "SELECT total_investment, annual_plan, m01, m02, start_date, end_date FROM project WHERE code = 'XM-IT-001'"),
    '1234567800.0|12345600.0|1005000.0|2002500.0|2025-03-01|2027-12-31');
  assert.equal(await sqlite(db1, "SELECT industries, date, amount FROM policy WHERE doc_no = '深发改〔2025〕1号'"),
    'semiconductor-ic,smart-sensor|2025-03-01|12345600.0');
  assert.equal(await sqlite(db1, "SELECT industries FROM policy WHERE title = '多产业示例政策'"),
    'network-communication,software-info');
  assert.equal(await sqlite(db1, "SELECT district, expected_investment, date_contact FROM lead WHERE target_name = '目标企业乙有限公司'"),
    'baoan|500005000.0|2025-02-01');

  const a = {};
  await Promise.all(LISTS.map(async (l) => {
    a[l] = await exportTo(db1, l, path.join(dir, `a-${l}.csv`));
    const r = await run(['export', l, '--db', db1, '--format', 'xlsx', '--out', path.join(dir, `a-${l}.xlsx`)]);
    assertExit(r, 0, `export ${l} --format xlsx`);
    assert.match(r.stderr, /已导出\d+行/);
  }));

  // What officials see: names, 万元, 是/否, ISO dates; quotes survive.
  const ent = a.enterprises.toString('utf8');
  assert.ok(ent.startsWith(BOM + HEADERS.enterprises.join(',') + '\r\n'));
  assert.match(ent, new RegExp(`^${TENCENT},腾讯科技（深圳）有限公司,南山区,深圳湾科技生态园,6513,"软件开发,技术服务；""互联网""信息服务",社交与通信软件,大型,2000-02-24,是,否,,否,否,是,是,港股,00700,上市,2000-02-24,2003-01-01,,2004-06-16,,\r$`, 'm'));
  assert.match(ent, new RegExp(`^${HUAWEI},华为技术有限公司,龙岗区,`, 'm'));
  assert.match(a.policies.toString('utf8'), /,2025-03-01,半导体与集成电路、智能传感器,资金支持,1234\.56\r\n/);
  assert.match(a.projects.toString('utf8'), /^XM-IT-001,示例晶圆项目,半导体与集成电路,南山区,,示例投资主体,123456\.78,2025-03-01,2027-12-31,2025,1234\.56,100\.5,200\.25,/m);
  assert.match(a.orgs.toString('utf8'), /^基金,示例集成电路基金,半导体与集成电路,市级,南山区,500000,200000\.5,1234\.56,12,2025-03-01,2024-06-01,王五,\r$/m);
  assert.match(a.listings.toString('utf8'), /,"备注,含逗号"\r\n/);
  assert.match(a.fund_investments.toString('utf8'), /^示例集成电路基金,半导体与集成电路,示例芯片设计有限公司,,2025-02-01,1000,A轮,南山区,\r$/m);
  assert.match(a.leads.toString('utf8'), /,0\.01,宝安区,/);

  // Three chains at once, each in list order: the CSV and the XLSX exports back into db1 (all
  // unchanged), the CSV exports into db2, the XLSX exports into db3 (all inserted).
  await Promise.all([
    (async () => {
      for (const l of LISTS) {
        for (const ext of ['csv', 'xlsx']) {
          const res = await importOk(db1, l, path.join(dir, `a-${l}.${ext}`));
          assert.ok(res.rows >= 3, `${l}.${ext}: ${JSON.stringify(res)}`);
          assert.equal(res.unchanged, res.rows, `${l}: re-import of the ${ext} export was not all unchanged: ${JSON.stringify(res)}`);
        }
      }
    })(),
    ...[[db2, 'csv'], [db3, 'xlsx']].map(async ([db, ext]) => {
      for (const l of LISTS) {
        const res = await importOk(db, l, path.join(dir, `a-${l}.${ext}`));
        assert.equal(res.inserted, res.rows, `${l}.${ext} into a fresh database: ${JSON.stringify(res)}`);
      }
    }),
  ]);
  await Promise.all(LISTS.map(async (l) => {
    const b = await exportTo(db2, l, path.join(dir, `b-${l}.csv`));
    assert.ok(b.equals(a[l]), `${l}: export -> import -> export differs\n--- a ---\n${a[l]}\n--- b ---\n${b}`);
    const c = await exportTo(db3, l, path.join(dir, `c-${l}.csv`));
    assert.ok(c.equals(a[l]), `${l}: the XLSX export read back differs from the CSV export\n--- csv ---\n${a[l]}\n--- via xlsx ---\n${c}`);
  }));
});

test('the same enterprises as GB18030 and as UTF-8 with BOM and CRLF import identically', async (t) => {
  const dir = tmpDir(t);
  const utf8 = path.join(FIX, 'enterprises.csv');
  const gb = path.join(dir, 'enterprises-gb18030.csv');
  fs.writeFileSync(gb, execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030', utf8]));
  const gbBytes = fs.readFileSync(gb);
  assert.ok(!gbBytes.equals(fs.readFileSync(utf8)), 'iconv changed nothing');
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(gbBytes), 'the GB18030 file must not be valid UTF-8');
  const bomCrlf = path.join(dir, 'enterprises-bom-crlf.csv');
  fs.writeFileSync(bomCrlf, BOM + fs.readFileSync(utf8, 'utf8').replace(/\n/g, '\r\n'));

  const exports = [];
  for (const [name, file] of [['utf8', utf8], ['gb18030', gb], ['bom-crlf', bomCrlf]]) {
    const db = await initDb(dir, `${name}.db`);
    const res = await importOk(db, 'enterprises', file);
    assert.deepEqual([res.rows, res.inserted, res.rejected], [4, 4, 0], `${name}: ${JSON.stringify(res)}`);
    assert.equal(res.ignored_columns ?? null, null, `${name}: ignored ${res.ignored_columns}`);
    exports.push(await exportTo(db, 'enterprises', path.join(dir, `${name}.out.csv`)));
  }
  assert.ok(exports[1].equals(exports[0]), `GB18030 import differs\n${exports[0]}\n---\n${exports[1]}`);
  assert.ok(exports[2].equals(exports[0]), `BOM+CRLF import differs\n${exports[0]}\n---\n${exports[2]}`);
  assert.match(exports[1].toString('utf8'), /腾讯科技（深圳）有限公司/);
});

test('headers in another order and English field names work; 序号 is ignored silently, an unknown column with a note', async (t) => {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  const u1 = makeUscc(40000001);
  const u2 = makeUscc(40000002);
  const file = writeCsv(path.join(dir, 'english.csv'), [
    ['序号', 'district', 'name', '联系电话', 'uscc', 'founded', 'stage'],
    ['1', '南山', '英文表头示例一有限公司', '0755-1234', u1, '2021/5/6', '企业'],
    ['2', '440306', '英文表头示例二有限公司', '', u2, '2022年1月2日', '规上'],
  ]);
  const res = await importOk(db, 'enterprises', file);
  assert.deepEqual([res.rows, res.inserted, res.rejected], [2, 2, 0]);
  assert.equal(res.ignored_columns, '联系电话', 'only the unknown column is reported');
  assert.equal(await sqlite(db, `SELECT name, district, founded, stage FROM enterprise WHERE uscc = '${u2}'`),
    '英文表头示例二有限公司|baoan|2022-01-02|规上');

  // Human output: the unknown column is named on stderr, 序号 is not.
  const h = await run(['import', 'enterprises', file, '--db', db]);
  assertExit(h, 0, 'import (human)');
  assert.match(h.stderr, /已忽略.*联系电话/);
  assert.doesNotMatch(h.stderr, /序号/);
  assert.match(h.stdout, /未变2/);

  // Only known and 序号 columns: nothing reported.
  const quiet = writeCsv(path.join(dir, 'quiet.csv'), [['序号', 'uscc', 'name', 'district'], ['1', u1, '英文表头示例一有限公司', '南山']]);
  const q = await run(['import', 'enterprises', quiet, '--db', db]);
  assertExit(q, 0, 'import quiet');
  assert.equal(q.stderr, '', 'nothing on stderr when only 序号 is extra');
});

// ---------------------------------------------------------------------------------------------
// Rejections: one crafted file per reason. `bad` is the offending row; `good` rows come before it,
// so the bad row's line number is good.length + 2.

const G1 = makeUscc(50000001);
const G2 = makeUscc(50000002);
const NOT_LISTED = makeUscc(50000003);
const ENT_HEAD = ['统一社会信用代码', '企业名称', '所在区'];
const TENCENT_ROW = [TENCENT, '腾讯科技（深圳）有限公司', '南山区'];
const PROJ_HEAD = ['项目编号', '项目名称', '所属产业', '所在区', '总投资（万元）', '项目状态'];
const LEAD_HEAD = ['目标企业', '所属产业', '招商方式', '当前阶段', '线索日期', '接洽日期', '签约日期'];
const ORG_HEAD = ['类型', '名称', '所属产业', '规模（万元）', '实缴（万元）', '已投金额（万元）'];

const REJECTIONS = [
  { code: 'required', list: 'enterprises', head: ENT_HEAD, good: [TENCENT_ROW], bad: [G1, '', '南山'], column: '企业名称', value: '' },
  { code: 'too_long', list: 'enterprises', head: ENT_HEAD, bad: [G1, '长'.repeat(201), '南山'], column: '企业名称', value: '长'.repeat(201) },
  { code: 'bad_number', list: 'projects', head: ['项目编号', '项目名称', '所属产业', '所在区', '总投资', '项目状态'], bad: ['R1', '项目', '海洋产业', '南山', '一百万', '在建'], column: '总投资', value: '一百万' },
  { code: 'bad_number', what: 'a fraction for a whole number', list: 'orgs', head: ['类型', '名称', '所属产业', '已投项目数'], bad: ['基金', '示例基金', '海洋产业', '1.5'], column: '已投项目数', value: '1.5' },
  { code: 'negative_amount', list: 'projects', head: PROJ_HEAD, good: [['R0', '项目', '海洋产业', '南山', '10', '在建']], bad: ['R1', '项目', '海洋产业', '南山', '-5', '在建'], column: '总投资（万元）', value: '-5' },
  { code: 'bad_date', list: 'enterprises', head: [...ENT_HEAD, '成立时间'], bad: [G1, '日期示例有限公司', '南山', '2025-02-30'], column: '成立时间', value: '2025-02-30' },
  { code: 'bad_value', list: 'enterprises', head: [...ENT_HEAD, '企业规模'], bad: [G1, '规模示例有限公司', '南山', '巨型'], column: '企业规模', value: '巨型' },
  { code: 'bad_value', what: 'a boolean', list: 'enterprises', head: [...ENT_HEAD, '龙头企业'], bad: [G1, '布尔示例有限公司', '南山', '也许'], column: '龙头企业', value: '也许' },
  { code: 'checksum', list: 'enterprises', head: ['信用代码', '企业名称', '所在区'], good: [TENCENT_ROW], bad: ['9144030071526726XA', '校验示例有限公司', '南山'], column: '信用代码', value: '9144030071526726XA' },
  { code: 'bad_uscc', list: 'enterprises', head: ENT_HEAD, bad: ['91440300715267', '位数示例有限公司', '南山'], column: '统一社会信用代码', value: '91440300715267' },
  { code: 'unknown_district', list: 'enterprises', head: ENT_HEAD, good: [TENCENT_ROW], bad: [G1, '区示例有限公司', '火星区'], column: '所在区', value: '火星区' },
  { code: 'unknown_industry', list: 'platforms', head: ['平台名称', '平台类型', '所属产业'], bad: ['示例平台', '中试基地', '纺织业'], column: '所属产业', value: '纺织业' },
  { code: 'unknown_industry', what: 'one of several', list: 'policies', head: ['政策名称', '发文单位', '适用产业'], bad: ['示例政策', '示例单位', '半导体与集成电路、纺织业'], column: '适用产业', value: '半导体与集成电路、纺织业' },
  { code: 'unknown_industry_code', list: 'enterprises', head: [...ENT_HEAD, '行业代码'], bad: [G1, '行业示例有限公司', '南山', '9999'], column: '行业代码', value: '9999' },
  { code: 'unknown_industry_code', what: 'a division, not a class', list: 'enterprises', head: [...ENT_HEAD, '国民经济行业代码'], bad: [G1, '行业示例有限公司', '南山', '39'], column: '国民经济行业代码', value: '39' },
  { code: 'stage_date_missing', list: 'leads', head: LEAD_HEAD, bad: ['示例目标', '网络与通信', '精准招商', '签约', '2025-01-01', '', ''], column: '签约日期', value: '' },
  { code: 'stage_after_current', list: 'leads', head: LEAD_HEAD, bad: ['示例目标', '网络与通信', '精准招商', '线索', '2025-01-01', '2025-02-01', ''], column: '接洽日期', value: '2025-02-01' },
  { code: 'stage_order', list: 'leads', head: LEAD_HEAD, bad: ['示例目标', '网络与通信', '精准招商', '接洽', '2025-03-01', '2025-02-01', ''], column: '接洽日期', value: '2025-02-01' },
  { code: 'before_founding', list: 'enterprises', head: [...ENT_HEAD, '成立日期', '培育阶段', '升规日期'], bad: [G1, '成立示例有限公司', '南山', '2010-01-01', '规上', '2009-05-01'], column: '升规日期', value: '2009-05-01' },
  { code: 'ticker_missing', list: 'enterprises', head: [...ENT_HEAD, '上市板块', '股票代码'], bad: [G1, '上市示例有限公司', '南山', '主板', ''], column: '股票代码', value: '' },
  { code: 'date_order', list: 'projects', head: [...PROJ_HEAD, '开工日期', '竣工日期'], bad: ['R1', '项目', '海洋产业', '南山', '100', '在建', '2025-06-01', '2025-01-01'], column: '竣工日期', value: '2025-01-01' },
  // Checks across fields blame the column they name and quote its value (amounts in 万元).
  { code: 'plan_exceeds_total', list: 'projects', head: [...PROJ_HEAD, '年度', '年度计划投资（万元）'], bad: ['R1', '项目', '海洋产业', '南山', '100', '在建', '2025', '200'], column: '年度计划投资（万元）', value: '200' },
  { code: 'year_missing', list: 'projects', head: [...PROJ_HEAD, '1月完成投资（万元）'], bad: ['R1', '项目', '海洋产业', '南山', '100', '在建', '10'], column: '年度', value: '' },
  { code: 'done_exceeds_total', list: 'projects', head: [...PROJ_HEAD, '年度', '1月完成投资（万元）', '2月完成投资（万元）'], bad: ['R1', '项目', '海洋产业', '南山', '100', '在建', '2025', '60', '50'], column: '总投资（万元）', value: '100' },
  { code: 'paid_exceeds_size', list: 'orgs', head: ORG_HEAD, bad: ['基金', '示例基金', '海洋产业', '100', '200', ''], column: '实缴（万元）', value: '200' },
  { code: 'invested_exceeds_paid', list: 'orgs', head: ORG_HEAD, bad: ['基金', '示例基金', '海洋产业', '', '100', '200'], column: '已投金额（万元）', value: '200' },
  { code: 'unknown_fund', list: 'fund_investments', head: ['基金名称', '所属产业', '被投企业', '投资日期', '投资金额（万元）'], good: [['示例集成电路基金', '半导体与集成电路', '甲公司', '2025-01-01', '10']], bad: ['示例集成电路基金', '海洋产业', '乙公司', '2025-01-01', '10'], column: '基金名称', value: '示例集成电路基金' },
  { code: 'duplicate_in_file', list: 'enterprises', head: ENT_HEAD, good: [TENCENT_ROW, [G2, '重复示例有限公司', '南山']], bad: TENCENT_ROW, column: '统一社会信用代码', value: TENCENT, message: /第2行/ },
  { code: 'unknown_enterprise', list: 'listings', head: ['统一社会信用代码', '所属产业', '企业类别'], good: [[TENCENT, '网络与通信', '重点企业']], bad: [NOT_LISTED, '网络与通信', '重点企业'], column: '统一社会信用代码', value: NOT_LISTED },
  { code: 'conflict', list: 'listings', head: ['统一社会信用代码', '所属产业', '企业类别', '企业名称'], bad: [TENCENT, '网络与通信', '重点企业', '华为技术有限公司'], column: '企业名称', value: '华为技术有限公司', message: /腾讯科技/ },
  { code: 'conflict', what: 'a name stored under another code', list: 'enterprises', head: ENT_HEAD, bad: [G1, '华为技术有限公司', '南山'], column: '企业名称', value: '华为技术有限公司', message: new RegExp(HUAWEI) },
];

test('every rejection reason: exit 3, nothing written, the issue names row, column, value and code', async (t) => {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  await importFixtures(db);
  const before = await counts(db);
  const seen = new Set();
  for (const [i, c] of REJECTIONS.entries()) {
    const label = `${c.code}${c.what ? ` (${c.what})` : ''}`;
    await t.test(label, async () => {
      const good = c.good ?? [];
      const file = writeCsv(path.join(dir, `reject-${i}-${c.code}.csv`), [c.head, ...good, c.bad]);
      const row = good.length + 2;
      const { r, json } = await importJson(db, c.list, file);
      assertExit(r, 3, label);
      assert.ok(json, `${label}: no JSON\n${describeRun(r)}`);
      assert.equal(json.written, false);
      assert.equal(json.rejected, 1, `${label}: ${JSON.stringify(json.issues)}`);
      assert.equal(json.rows, good.length + 1);
      const hits = json.issues.filter((x) => x.code === c.code);
      assert.equal(hits.length, 1, `${label}: issues ${JSON.stringify(json.issues, null, 1)}`);
      const it = hits[0];
      assert.deepEqual({ row: it.row, column: it.column, value: it.value, file: it.file },
        { row, column: c.column, value: c.value, file }, `${label}: ${JSON.stringify(it)}`);
      assert.match(it.message, /[\u4e00-\u9fff]/, `${label}: message not Chinese: ${it.message}`);
      if (c.message) assert.match(it.message, c.message);
      assert.ok(json.issues.every((x) => x.row === row), `${label}: issues on other rows: ${JSON.stringify(json.issues)}`);
      assert.match(r.stderr, /未写入任何数据/);
      assert.deepEqual(await counts(db), before, `${label}: something was written`);
      seen.add(c.code);
    });
  }
  const all = ['required', 'too_long', 'bad_number', 'negative_amount', 'bad_date', 'bad_value', 'checksum',
    'bad_uscc', 'unknown_district', 'unknown_industry', 'unknown_industry_code', 'stage_date_missing',
    'stage_after_current', 'stage_order', 'before_founding', 'ticker_missing', 'date_order',
    'plan_exceeds_total', 'year_missing', 'done_exceeds_total', 'paid_exceeds_size',
    'invested_exceeds_paid', 'duplicate_in_file', 'unknown_enterprise', 'conflict', 'unknown_fund'];
  assert.deepEqual([...seen].sort(), [...all].sort(), 'a rejection reason was not produced');
});

test('human output of a rejected import: a table of 行/列/值/原因 with a Chinese message', async (t) => {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  const file = writeCsv(path.join(dir, 'bad.csv'), [
    ['信用代码', '企业名称', '所在区'], TENCENT_ROW, ['9144030071526726XA', '校验示例有限公司', '南山'],
    [G1, '区示例有限公司', '火星区'],
  ]);
  const r = await run(['import', 'enterprises', file, '--db', db]);
  assertExit(r, 3, 'import bad (human)');
  const lines = r.stdout.split('\n');
  const head = lines.findIndex((l) => /^行\s+列\s+值\s+原因/.test(l));
  assert.ok(head >= 0, `no 行/列/值/原因 table header:\n${r.stdout}`);
  assert.match(lines[head + 1], /^3\s+信用代码\s+9144030071526726XA\s+第18位校验码应为 G/);
  assert.match(lines[head + 2], /^4\s+所在区\s+火星区\s+不是深圳市的区/);
  assert.match(r.stdout, /共3行，无误1，有误2（未写入任何数据/);
  assert.match(r.stderr, /^jiqun: .*2行有误，未写入任何数据/m);
  assert.equal(await sqlite(db, 'SELECT count(*) FROM enterprise'), '0');
});

test('checks across fields name the column as the file has it (aliases), and the offending value', async (t) => {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  const a = await importJson(db, 'enterprises', writeCsv(path.join(dir, 'alias1.csv'), [
    ['信用代码', '名称', '区', '上市板', '证券代码'], [G1, '别名示例有限公司', '南山', '主板', ''],
  ]));
  assertExit(a.r, 3, 'ticker_missing with aliases');
  assert.equal(a.json.issues[0].code, 'ticker_missing');
  const b = await importJson(db, 'projects', writeCsv(path.join(dir, 'alias2.csv'), [
    ['编号', '名称', '产业', '区', '总投资', '年度', '年度计划投资', '项目状态'], ['R1', '项目', '海洋产业', '南山', '100', '2025', '200', '在建'],
  ]));
  assertExit(b.r, 3, 'plan_exceeds_total with aliases');
  assert.equal(b.json.issues[0].code, 'plan_exceeds_total');
  // The file says 证券代码 and 年度计划投资; the 值 of the plan is 200.
  assert.deepEqual([a.json.issues[0].column, b.json.issues[0].column], ['证券代码', '年度计划投资']);
  assert.equal(b.json.issues[0].value, '200');
});

test('--skip-bad: good rows land, bad rows go to FILE.rejects.csv; fixed there, they import', async (t) => {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  const head = ['序号', '统一社会信用代码', '企业名称', '所在区', '成立日期'];
  const bad1 = ['2', G1, '退回示例一有限公司', '火星区', '2020-01-01'];
  const bad2 = ['4', '9144030071526726XA', '退回示例二有限公司', '南山', '2020/2/30'];
  const file = writeCsv(path.join(dir, 'mixed.csv'), [
    head, ['1', TENCENT, '腾讯科技（深圳）有限公司', '南山', '2000-02-24'], bad1,
    ['3', G2, '退回示例三有限公司', '福田', ''], bad2,
  ]);
  const res = await importOk(db, 'enterprises', file, ['--skip-bad']);
  assert.deepEqual([res.rows, res.inserted, res.rejected, res.written], [4, 2, 2, true]);
  assert.equal(res.reject_file, `${file}.rejects.csv`);
  assert.equal(await sqlite(db, 'SELECT group_concat(uscc) FROM (SELECT uscc FROM enterprise ORDER BY uscc)'),
    [TENCENT, G2].sort().join(','));

  const rejText = fs.readFileSync(res.reject_file, 'utf8');
  assert.ok(rejText.startsWith(BOM), 'reject file has a BOM for Excel');
  const rej = parseCsv(rejText);
  assert.deepEqual(rej[0], [...head, '错误原因']);
  assert.equal(rej.length, 3, `exactly the bad rows:\n${rejText}`);
  assert.deepEqual(rej[1].slice(0, head.length), bad1);
  assert.deepEqual(rej[2].slice(0, head.length), bad2);
  assert.match(rej[1][head.length], /所在区/);
  assert.match(rej[2][head.length], /统一社会信用代码.*校验码/);
  assert.match(rej[2][head.length], /成立日期/, 'every problem of the row is given');

  // Fix one row in the reject file, drop the other: it lands; 错误原因 is ignored silently.
  const fixed = writeCsv(path.join(dir, 'fixed.csv'), [rej[0], [...bad1.slice(0, 3), '南山', bad1[4], rej[1][head.length]]]);
  const h = await run(['import', 'enterprises', fixed, '--db', db]);
  assertExit(h, 0, 'import the fixed reject file');
  assert.equal(h.stderr, '', '错误原因 and 序号 are not reported as unknown columns');
  assert.match(h.stdout, /新增1/);
  assert.equal(await sqlite(db, `SELECT district, founded FROM enterprise WHERE uscc = '${G1}'`), 'nanshan|2020-01-01');
});

test('--dry-run writes nothing, even when every row is good', async (t) => {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  const res = await importOk(db, 'enterprises', path.join(FIX, 'enterprises.csv'), ['--dry-run']);
  assert.deepEqual([res.rows, res.inserted, res.rejected, res.written, res.dry_run], [4, 4, 0, false, true]);
  assert.equal(await sqlite(db, 'SELECT count(*) FROM enterprise'), '0');
  const h = await run(['import', 'enterprises', path.join(FIX, 'enterprises.csv'), '--db', db, '--dry-run']);
  assertExit(h, 0, 'dry run (human)');
  assert.match(h.stdout, /试导入/);
  // A dry run of a file with a bad row still reports it (exit 3) and writes no reject file.
  const bad = writeCsv(path.join(dir, 'bad.csv'), [ENT_HEAD, TENCENT_ROW, [G1, '示例', '火星区']]);
  const d = await importJson(db, 'enterprises', bad, ['--dry-run', '--skip-bad']);
  assertExit(d.r, 0, 'dry run with --skip-bad');
  assert.equal(d.json.rejected, 1);
  assert.equal(fs.existsSync(`${bad}.rejects.csv`), false, 'a dry run wrote a reject file');
  assert.equal(await sqlite(db, 'SELECT count(*) FROM enterprise'), '0');
});

test('a killed import leaves the database as it was', async (t) => {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  await importOk(db, 'enterprises', path.join(FIX, 'enterprises.csv'));
  const before = await sqlite(db, 'SELECT count(*) FROM enterprise');
  assert.equal(before, '4');

  const big = path.join(dir, 'big.csv');
  const lines = ['统一社会信用代码,企业名称,所在区'];
  for (let i = 0; i < 200000; i++) lines.push(`${makeUscc(60000000 + i)},批量示例企业${i}有限公司,南山`);
  fs.writeFileSync(big, lines.join('\n') + '\n');

  const child = spawn(BIN, ['import', 'enterprises', big, '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b) => { out += b; });
  child.stderr.on('data', (b) => { out += b; });
  const exited = new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  const started = Date.now();
  const wal = `${db}-wal`;
  // Kill once 0.5 s have passed and the database is open in WAL mode (the -wal file exists). The
  // rows read by then sit in the open transaction (in SQLite's page cache, or spilled to the WAL).
  while (Date.now() - started < 500 || (!fs.existsSync(wal) && Date.now() - started < 10000)) await sleep(25);
  child.kill('SIGKILL');
  const x = await exited;
  assert.equal(x.signal, 'SIGKILL', `the import finished before it could be killed (code ${x.code}): ${out}`);

  assert.equal(await sqlite(db, 'SELECT count(*) FROM enterprise'), before);
  assert.equal(await sqlite(db, 'PRAGMA integrity_check'), 'ok');
  // And the database works on: an import after the kill.
  const res = await importOk(db, 'listings', path.join(FIX, 'listings.csv'));
  assert.equal(res.inserted, 4);
});

test('files that are not a table of the list: missing column, two columns for one field, empty, .txt', async (t) => {
  const dir = tmpDir(t);
  const db = await initDb(dir);

  const missing = writeCsv(path.join(dir, 'missing.csv'), [['企业名称', '所在区'], ['缺列示例', '南山']]);
  let r = await run(['import', 'enterprises', missing, '--db', db]);
  assertExit(r, 3, 'missing column');
  assert.match(r.stderr, /缺少必填列：统一社会信用代码/);
  assert.match(r.stderr, /jiqun export --template enterprises/);

  const missing2 = writeCsv(path.join(dir, 'missing2.csv'), [['项目编号', '项目名称'], ['X', 'Y']]);
  r = await run(['import', 'projects', missing2, '--db', db]);
  assertExit(r, 3, 'missing columns');
  assert.match(r.stderr, /所属产业、所在区、总投资（万元）、项目状态/);

  const twice = writeCsv(path.join(dir, 'twice.csv'), [['统一社会信用代码', '企业名称', '所在区', 'uscc'], [TENCENT, '腾讯', '南山', TENCENT]]);
  r = await run(['import', 'enterprises', twice, '--db', db]);
  assertExit(r, 3, 'two columns for one field');
  assert.match(r.stderr, /第4列“uscc”与第1列“统一社会信用代码”都对应字段/);

  const alias = writeCsv(path.join(dir, 'alias.csv'), [['信用代码', '企业名称', '社会信用代码', '所在区'], [TENCENT, '腾讯', TENCENT, '南山']]);
  r = await run(['import', 'enterprises', alias, '--db', db]);
  assertExit(r, 3, 'two aliases for one field');

  const empty = path.join(dir, 'empty.csv');
  fs.writeFileSync(empty, '');
  r = await run(['import', 'enterprises', empty, '--db', db]);
  assertExit(r, 3, 'empty file');
  assert.match(r.stderr, /文件为空/);

  const txt = path.join(dir, 'enterprises.txt');
  fs.copyFileSync(path.join(FIX, 'enterprises.csv'), txt);
  r = await run(['import', 'enterprises', txt, '--db', db]);
  assert.ok(r.status === 2 || r.status === 1, `.txt: exit ${r.status}\n${describeRun(r)}`);
  assert.doesNotMatch(r.stderr, SANITIZER_RE);
  assert.match(r.stderr, /\.csv 或 \.xlsx/);

  const nofile = path.join(dir, 'nosuch.csv');
  r = await run(['import', 'enterprises', nofile, '--db', db]);
  assertExit(r, 1, 'missing file');
  assert.match(r.stderr, /无法打开/);

  r = await run(['import', 'nosuchlist', missing, '--db', db]);
  assertExit(r, 2, 'unknown list');
  assert.match(r.stderr, /unknown list 'nosuchlist'/);

  assert.equal(await sqlite(db, 'SELECT count(*) FROM enterprise'), '0');
});

test('a broken CSV (unterminated quote) is rejected with exit 3 naming the line', async (t) => {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  const broken = path.join(dir, 'broken.csv');
  fs.writeFileSync(broken, `${ENT_HEAD.join(',')}\n${TENCENT},腾讯科技（深圳）有限公司,南山\n${G1},"未闭合,南山\n${G2},示例,南山\n`);
  const r = await run(['import', 'enterprises', broken, '--db', db]);
  assert.match(r.stderr, /第3行/, 'names the line');
  assert.equal(await sqlite(db, 'SELECT count(*) FROM enterprise'), '0');
  assertExit(r, 3, 'broken CSV');
});

test('export --industry ID|中文名 --district filters listings, projects and policies; unknown names exit 2', async (t) => {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  await importFixtures(db);
  const out = (name) => path.join(dir, name);
  const rowsOf = (buf) => parseCsv(buf.toString('utf8')).slice(1);

  const [byId, byName, ns, p1, p2, none, po] = await Promise.all([
    exportTo(db, 'listings', out('l1.csv'), ['--industry', 'semiconductor-ic']),
    exportTo(db, 'listings', out('l2.csv'), ['--industry', '半导体与集成电路']),
    exportTo(db, 'listings', out('l3.csv'), ['--district', '南山']),
    exportTo(db, 'projects', out('p1.csv'), ['--industry', '网络与通信', '--district', '龙岗']),
    exportTo(db, 'projects', out('p2.csv'), ['--district', '440305']),
    exportTo(db, 'projects', out('p3.csv'), ['--industry', 'marine']),
    exportTo(db, 'policies', out('po.csv'), ['--industry', 'smart-sensor']),
  ]);
  assert.ok(byId.equals(byName), 'industry by id and by Chinese name differ');
  assert.deepEqual(rowsOf(byId).map((r) => [r[0], r[1], r[2]]),
    [[makeUscc(10001001), '半导体与集成电路', '专精特新'], [makeUscc(10001001), '半导体与集成电路', '隐形冠军']]);
  assert.deepEqual(rowsOf(ns).map((r) => r[0]).sort(), [TENCENT, makeUscc(10001001), makeUscc(10001001)].sort());
  assert.deepEqual(rowsOf(p1).map((r) => r[0]), ['XM-IT-002']);
  assert.deepEqual(rowsOf(p2).map((r) => r[0]), ['XM-IT-001']);
  assert.equal(none.toString('utf8'), `${BOM}${HEADERS.projects.join(',')}\r\n`);
  assert.deepEqual(rowsOf(po).map((r) => r[0]), ['关于支持半导体与集成电路和智能传感器发展的若干措施']);

  let r = await run(['export', 'listings', '--db', db, '--industry', '纺织业']);
  assertExit(r, 2, 'unknown industry');
  assert.match(r.stderr, /no industry '纺织业'/);
  assert.equal(r.stdout, '');
  r = await run(['export', 'projects', '--db', db, '--district', '火星']);
  assertExit(r, 2, 'unknown district');
  assert.match(r.stderr, /no district '火星'/);
  r = await run(['export', 'projects', '--db', db, '--format', 'pdf']);
  assertExit(r, 2, 'bad format');
});

// An .xlsx saved by LibreOffice (as officials' spreadsheets often are: shared strings, styles,
// its own XML layout) imports like ours. Runs where LibreOffice is installed; CI images without
// it skip the test rather than pretend.
let libreoffice = null;
for (const bin of ['libreoffice', 'soffice']) {
  try {
    execFileSync('sh', ['-c', `command -v ${bin}`], { stdio: 'pipe' });
    libreoffice = bin;
    break;
  } catch { /* not installed */ }
}
test('an .xlsx saved by LibreOffice imports unchanged', { skip: !libreoffice && 'LibreOffice is not installed' }, async (t) => {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  const file = path.join(FIX, 'enterprises.csv');
  await importOk(db, 'enterprises', file);
  const csv = path.join(dir, 'e.csv');
  assertExit(await run(['export', 'enterprises', '--db', db, '--out', csv]), 0, 'export');
  // UTF-8 (76), comma, quote; every column as text (format 2) so credit codes stay text.
  const cols = Array.from({ length: HEADERS.enterprises.length }, (_, i) => `${i + 1}/2`).join('/');
  execFileSync(libreoffice, ['--headless', `-env:UserInstallation=file://${dir}/lo`,
    `--infilter=CSV:44,34,76,1,${cols}`, '--convert-to', 'xlsx', '--outdir', dir, csv],
  { stdio: 'pipe', timeout: 120000 });
  const xlsx = path.join(dir, 'e.xlsx');
  assert.ok(fs.existsSync(xlsx), 'LibreOffice wrote the workbook');
  const again = await importOk(db, 'enterprises', xlsx);
  assert.deepEqual([again.rows, again.inserted, again.updated, again.rejected], [4, 0, 0, 0]);
  assert.equal(again.unchanged, 4);
});
