// lists-api.test.mjs - the programme's lists over HTTP, against one server on a database filled
// through `jiqun import` beforehand (tests/fixtures/lists/it/): list and field descriptions,
// paging, sorting and filters, create / replace / delete with the same checks as imports,
// downloads that match `jiqun export` byte for byte, and the three views built on the lists:
// completeness of the six and seven ones, key projects against plan, enterprise cultivation.
// The last test stops the server with SIGTERM and asserts a clean exit.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  REPO_ROOT, SANITIZER_RE, adminHeaders, describeRun, getJson, initDb, rawRequest, request, run,
  startServer,
} from './lib.mjs';

const FIX = path.join(REPO_ROOT, 'tests', 'fixtures', 'lists', 'it');
const LISTS = ['enterprises', 'listings', 'leads', 'projects', 'platforms', 'policies', 'orgs', 'fund_investments'];
// The parks of the battle map (issue 8); tests/integration/map.test.mjs covers them.
const MAP_LISTS = ['parks', 'park_zones', 'park_progress'];
const JSON_TYPE = 'application/json; charset=utf-8';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const BOM = '\ufeff';
const TENCENT = '9144030071526726XG';
// The server must see what other processes write while it runs, and keep what it writes, with
// every worker thread on its own connection (store_open never opens the database file itself,
// which would drop SQLite's POSIX locks): the tests below run it with its default threads.
const TYPES = ['text', 'int', 'amount', 'date', 'enum', 'bool', 'uscc', 'district', 'industry',
  'industries', 'industry_code', 'decimal'];

/** Assert an error answer: status, JSON content type, {"error":{"code","message",...}}. */
function assertError(r, status, what) {
  assert.equal(r.status, status, `${what}: status ${r.status}, body ${r.text.slice(0, 400)}`);
  assert.equal(r.headers['content-type'], JSON_TYPE, `${what}: content type`);
  assert.ok(r.json && r.json.error, `${what}: not an error body: ${r.text.slice(0, 300)}`);
  assert.equal(typeof r.json.error.code, 'string', `${what}: error.code`);
  assert.ok(r.json.error.message.length > 0, `${what}: error.message empty`);
}

async function cli(args, what) {
  const r = await run(args);
  assert.equal(r.status, 0, `${what}\n${describeRun(r)}`);
  assert.doesNotMatch(r.stderr, SANITIZER_RE, `${what}\n${describeRun(r)}`);
  return r;
}

describe('lists over HTTP', () => {
  let dir;
  let db;
  let srv;
  let port;
  let stopped = false;
  let auth = {};

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiqun-lists-api-'));
    db = await initDb(dir);
    const imp = (l, f) => cli(['import', l, path.join(FIX, f), '--db', db], `import ${l} ${f}`);
    await imp('enterprises', 'enterprises.csv');
    await imp('enterprises', 'cultivation-enterprises.csv');
    await Promise.all([
      ...LISTS.slice(1, -1).map((l) => imp(l, `${l}.csv`)),
      imp('listings', 'cultivation-listings.csv'),
      imp('projects', 'progress-projects.csv'),
    ]);
    await imp('fund_investments', 'fund_investments.csv'); // after the funds it names
    auth = await adminHeaders(db); // writes need a principal (tests/integration/authz.test.mjs)
    srv = await startServer({ db });
    port = srv.port;
  });

  after(async () => {
    if (srv && !stopped) await srv.stop('SIGKILL');
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = (p) => getJson(port, p);
  const send = async (method, p, body, headers = { 'Content-Type': 'application/json' }) => {
    const r = await request(port, p, {
      method, headers: { ...auth, ...headers }, body: body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
    });
    let json;
    try {
      json = JSON.parse(r.text);
    } catch {
      json = undefined;
    }
    return { ...r, json };
  };

  // -------------------------------------------------------------------------------------------

  test('GET /api/v1/lists: eleven lists, each field with name, header_zh, type, required, key; enums with values', async () => {
    const r = await get('/api/v1/lists');
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], JSON_TYPE);
    assert.deepEqual(r.json.items.map((l) => l.name), [...LISTS, ...MAP_LISTS]);
    for (const l of r.json.items) {
      assert.ok(l.title_zh && /[\u4e00-\u9fff]/.test(l.title_zh), `${l.name}: title_zh`);
      assert.ok(l.fields.length > 0);
      assert.ok(l.fields.some((f) => f.key), `${l.name}: no key field`);
      for (const f of l.fields) {
        assert.equal(typeof f.name, 'string');
        assert.match(f.header_zh, /[\u4e00-\u9fff]/, `${l.name}.${f.name}: header_zh`);
        assert.ok(TYPES.includes(f.type), `${l.name}.${f.name}: type ${f.type}`);
        assert.equal(typeof f.required, 'boolean');
        assert.equal(typeof f.key, 'boolean');
        if (f.key) assert.equal(f.required, true, `${l.name}.${f.name}: a key field must be required`);
        if (f.type === 'enum') {
          assert.ok(Array.isArray(f.values) && f.values.length > 0, `${l.name}.${f.name}: enum without values`);
          assert.ok(f.values.every((v) => typeof v === 'string' && v.length > 0));
        } else {
          assert.equal(f.values, undefined, `${l.name}.${f.name}: values on a ${f.type}`);
        }
      }
      // The template download has exactly these headers, in this order.
      const t = await request(port, `/api/v1/lists/${l.name}/template`);
      assert.equal(t.status, 200);
      assert.equal(t.text, `${BOM}${l.fields.map((f) => f.header_zh).join(',')}\r\n`, `${l.name}: template`);
    }
    const ent = r.json.items[0].fields;
    assert.deepEqual(ent.filter((f) => f.key).map((f) => f.name), ['uscc']);
    assert.deepEqual(ent.find((f) => f.name === 'size').values, ['大型', '中型', '小型', '微型']);
    assert.equal(ent.find((f) => f.name === 'founded').type, 'date');
    const listings = r.json.items[1].fields;
    assert.deepEqual(listings.filter((f) => f.key).map((f) => f.name), ['uscc', 'industry', 'role']);
    assert.equal(r.json.items[5].fields.find((f) => f.name === 'industries').type, 'industries');
    assert.equal(r.json.items[3].fields.find((f) => f.name === 'total_investment').type, 'amount');
  });

  test('GET /api/v1/lists/{list}: paging with limit, offset and total; records carry id, source, demo:false', async () => {
    const all = await get('/api/v1/lists/enterprises');
    assert.equal(all.status, 200);
    assert.equal(all.json.list, 'enterprises');
    assert.equal(all.json.total, 10);
    assert.equal(all.json.items.length, 10);
    assert.equal(all.json.limit, 100);
    assert.equal(all.json.offset, 0);
    for (const rec of all.json.items) {
      assert.ok(Number.isInteger(rec.id) && rec.id > 0, `id ${rec.id}`);
      assert.ok(['enterprises.csv', 'cultivation-enterprises.csv'].includes(rec.source), `source ${rec.source}`);
      assert.equal(rec.demo, false);
    }
    const t = all.json.items.find((x) => x.uscc === TENCENT);
    assert.deepEqual([t.district, t.leading, t.hidden_champion, t.founded, t.ticker, t.source],
      ['nanshan', true, false, '2000-02-24', '00700', 'enterprises.csv']);
    assert.equal(t.zjtx, null);

    const ids = [];
    for (let offset = 0; offset < 10; offset += 4) {
      const page = await get(`/api/v1/lists/enterprises?limit=4&offset=${offset}`);
      assert.equal(page.status, 200);
      assert.equal(page.json.total, 10);
      assert.equal(page.json.limit, 4);
      assert.equal(page.json.offset, offset);
      assert.equal(page.json.items.length, Math.min(4, 10 - offset));
      ids.push(...page.json.items.map((x) => x.id));
    }
    assert.deepEqual(ids, all.json.items.map((x) => x.id), 'pages put together are the whole list');
    const past = await get('/api/v1/lists/enterprises?offset=50');
    assert.deepEqual([past.status, past.json.items.length, past.json.total], [200, 0, 10]);
    const zero = await get('/api/v1/lists/enterprises?limit=0');
    assert.deepEqual([zero.status, zero.json.items.length, zero.json.total], [200, 0, 10]);
  });

  test('GET /api/v1/lists/{list}: sort=name&order=desc, q= substring, industry= and district= by id and by name', async () => {
    const desc = await get('/api/v1/lists/enterprises?sort=name&order=desc');
    assert.equal(desc.status, 200);
    const names = desc.json.items.map((x) => x.name);
    const sorted = [...names].sort((a, b) => Buffer.compare(Buffer.from(b), Buffer.from(a)));
    assert.deepEqual(names, sorted);
    const asc = await get('/api/v1/lists/enterprises?sort=name');
    assert.deepEqual(asc.json.items.map((x) => x.name), [...names].reverse());

    const q = await get(`/api/v1/lists/enterprises?q=${encodeURIComponent('腾讯')}`);
    assert.deepEqual([q.json.total, q.json.items.map((x) => x.uscc)], [1, [TENCENT]]);
    const qCode = await get('/api/v1/lists/enterprises?q=26xg');
    assert.deepEqual(qCode.json.items.map((x) => x.uscc), [TENCENT], 'q matches a credit code, any case');
    const qMany = await get(`/api/v1/lists/enterprises?q=${encodeURIComponent('培育示例')}&limit=2`);
    assert.deepEqual([qMany.json.total, qMany.json.items.length], [6, 2]);
    const qNone = await get(`/api/v1/lists/enterprises?q=${encodeURIComponent('不存在的名字')}`);
    assert.deepEqual([qNone.json.total, qNone.json.items.length], [0, 0]);

    const byId = await get('/api/v1/lists/listings?industry=semiconductor-ic');
    const byName = await get(`/api/v1/lists/listings?industry=${encodeURIComponent('半导体与集成电路')}`);
    assert.equal(byId.status, 200);
    assert.equal(byId.json.total, 2);
    assert.ok(byId.json.items.every((x) => x.industry === 'semiconductor-ic'));
    assert.deepEqual(byName.json.items, byId.json.items);

    const projects = [];
    for (const d of ['nanshan', '南山区', '南山', '440305']) {
      const p = await get(`/api/v1/lists/projects?district=${encodeURIComponent(d)}`);
      assert.equal(p.status, 200, `district=${d}: ${p.text}`);
      projects.push(p.json.items.map((x) => x.code));
    }
    assert.deepEqual(projects, Array(4).fill(['XM-IT-001']));
    const gm = await get(`/api/v1/lists/enterprises?district=${encodeURIComponent('光明区')}`);
    assert.equal(gm.json.total, 3);
    const both = await get(`/api/v1/lists/listings?industry=biomedicine&district=${encodeURIComponent('大鹏新区')}`);
    assert.equal(both.json.total, 3);
    const pol = await get('/api/v1/lists/policies?industry=smart-sensor');
    assert.deepEqual(pol.json.items.map((x) => x.industries), [['semiconductor-ic', 'smart-sensor']]);
  });

  test('GET /api/v1/lists/{list}: unknown list 404; bad sort, order, limit, offset, industry, district 400', async () => {
    assertError(await get('/api/v1/lists/nosuch'), 404, 'unknown list');
    assertError(await get('/api/v1/lists/nosuch/1'), 404, 'unknown list, record');
    assertError(await get('/api/v1/lists/enterprises/999999'), 404, 'no such record');
    assertError(await get('/api/v1/lists/enterprises/abc'), 404, 'id not a number');
    for (const qs of ['sort=bogus', 'sort=source', 'order=up', 'limit=abc', 'limit=-1', 'limit=1001', 'limit=',
      'offset=-5', 'offset=x', 'industry=nosuch', 'district=%E7%81%AB%E6%98%9F']) {
      assertError(await get(`/api/v1/lists/enterprises?${qs}`), 400, qs);
    }
    assertError(await get('/api/v1/lists/policies?district=nanshan'), 400, 'district filter on a list without one');
  });

  test('GET /api/v1/lists/{list}/export?format=csv equals `jiqun export LIST` byte for byte; xlsx and template downloads', async () => {
    for (const l of LISTS) {
      const r = await request(port, `/api/v1/lists/${l}/export?format=csv`);
      assert.equal(r.status, 200, `${l}: ${r.text.slice(0, 200)}`);
      assert.equal(r.headers['content-type'], 'text/csv; charset=utf-8');
      assert.equal(r.headers['content-disposition'], `attachment; filename="${l}.csv"`);
      const file = path.join(dir, `cli-${l}.csv`);
      await cli(['export', l, '--db', db, '--out', file], `export ${l}`);
      assert.ok(r.body.equals(fs.readFileSync(file)), `${l}: HTTP export differs from jiqun export`);
      const d = await request(port, `/api/v1/lists/${l}/export`);
      assert.ok(d.body.equals(r.body), `${l}: csv is the default format`);
    }
    const x = await request(port, '/api/v1/lists/projects/export?format=xlsx');
    assert.equal(x.status, 200);
    assert.equal(x.headers['content-type'], XLSX_TYPE);
    assert.match(x.headers['content-disposition'], /^attachment; filename="projects\.xlsx"$/);
    assert.equal(x.body.subarray(0, 2).toString('latin1'), 'PK');
    // The download imports like the CLI's XLSX: everything unchanged.
    const xf = path.join(dir, 'http-projects.xlsx');
    fs.writeFileSync(xf, x.body);
    const imp = await cli(['import', 'projects', xf, '--db', db, '--json'], 'import the HTTP xlsx');
    const res = JSON.parse(imp.stdout);
    assert.deepEqual([res.rows, res.unchanged], [7, 7]);

    const f = await request(port, '/api/v1/lists/projects/export?format=csv&industry=marine');
    assert.equal(f.text.split('\r\n').filter(Boolean).length, 5, 'header + 4 marine projects');
    const t = await request(port, '/api/v1/lists/orgs/template?format=xlsx');
    assert.equal(t.status, 200);
    assert.equal(t.headers['content-type'], XLSX_TYPE);
    assert.equal(t.headers['content-disposition'], 'attachment; filename="orgs-template.xlsx"');
    const tc = await request(port, '/api/v1/lists/orgs/template');
    assert.equal(tc.headers['content-disposition'], 'attachment; filename="orgs-template.csv"');
    assert.equal(tc.text.split('\r\n').length, 2, 'template: only the header line');
    assertError(await getJson(port, '/api/v1/lists/orgs/export?format=pdf'), 400, 'format=pdf');
    assertError(await getJson(port, '/api/v1/lists/nosuch/export'), 404, 'export of an unknown list');
  });

  // -------------------------------------------------------------------------------------------
  // views

  test('GET /api/v1/completeness: 28 rows x 15 counts, 一集群 1 everywhere, counts per item', async () => {
    const c = await get('/api/v1/completeness');
    assert.equal(c.status, 200);
    assert.equal(c.json.items.length, 15);
    assert.equal(c.json.rows.length, 28);
    const cluster = c.json.items.findIndex((i) => i.id === 'cluster');
    const fund = c.json.items.findIndex((i) => i.id === 'fund');
    const leading = c.json.items.findIndex((i) => i.id === 'leading_list');
    assert.equal(c.json.items[cluster].name_zh, '一集群');
    for (const row of c.json.rows) {
      assert.equal(row.counts.length, 15, row.industry);
      assert.equal(row.counts[cluster], 1, `${row.industry}: 一集群`);
      assert.equal(row.of, 13);
      assert.ok(row.present >= 1 && row.present <= 13);
    }
    const semi = c.json.rows.find((r) => r.industry === 'semiconductor-ic');
    assert.equal(semi.counts[fund], 1);
    assert.equal(semi.counts[leading], 1, 'only 龙头企业/隐形冠军/链主企业 roles count: 隐形冠军 yes, 专精特新 no');
    const marine = c.json.rows.find((r) => r.industry === 'marine');
    assert.equal(marine.counts[fund], 0);
  });

  test('a fund imported while the server runs: its industry\'s fund cell is 1 and present goes up by 1', async () => {
    const items = (await get('/api/v1/completeness')).json.items;
    const fund = items.findIndex((i) => i.id === 'fund');
    const marine = (await get('/api/v1/completeness')).json.rows.find((r) => r.industry === 'marine');
    assert.equal(marine.counts[fund], 0);
    const f = path.join(dir, 'fund.csv');
    fs.writeFileSync(f, '类型,名称,所属产业,规模（万元）\n基金,海洋产业示例基金,海洋产业,100000\n');
    await cli(['import', 'orgs', f, '--db', db], 'import a fund while the server runs');
    const after = (await get('/api/v1/completeness')).json.rows.find((r) => r.industry === 'marine');
    assert.equal(after.counts[fund], 1);
    assert.equal(after.present, marine.present + 1);
  });

  test('GET /api/v1/projects/progress?as_of=2025-06-30: green, amber, red and none by plan against time', async () => {
    const r = await get('/api/v1/projects/progress?as_of=2025-06-30&industry=marine');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.as_of, '2025-06-30');
    const by = Object.fromEntries(r.json.items.map((i) => [i.code, i]));
    const expected = 181 / 365;
    assert.ok(Math.abs(by['PG-GREEN'].expected - expected) < 1e-9, `expected ${by['PG-GREEN'].expected}`);
    assert.deepEqual([by['PG-GREEN'].annual_plan, by['PG-GREEN'].completed, by['PG-GREEN'].ratio, by['PG-GREEN'].status],
      [12000000, 6000000, 0.5, 'green'], 'July is after as_of and does not count');
    assert.deepEqual([by['PG-RED'].completed, by['PG-RED'].ratio, by['PG-RED'].status, by['PG-RED'].status_zh], [3000000, 0.25, 'red', '滞后']);
    assert.deepEqual([by['PG-AMBER'].completed, by['PG-AMBER'].ratio, by['PG-AMBER'].status, by['PG-AMBER'].status_zh], [4500000, 0.375, 'amber', '预警']);
    assert.equal(by['PG-NONE'].status, 'none');
    assert.equal(by['PG-GREEN'].status_zh, '正常');
    assert.deepEqual(r.json.summary, { green: 1, amber: 1, red: 1, none: 1 });

    const all = await get('/api/v1/projects/progress?as_of=2025-06-30');
    const tally = { green: 0, amber: 0, red: 0, none: 0 };
    for (const i of all.json.items) tally[i.status]++;
    assert.deepEqual(all.json.summary, tally);
    assert.equal(all.json.items.length, (await get('/api/v1/lists/projects')).json.total);
    const xm1 = all.json.items.find((i) => i.code === 'XM-IT-001');
    assert.equal(xm1.completed, 3007500, '100.5 + 200.25 万元');
    for (const bad of ['2025-13-01', '2025/06/30', 'x', '2025-02-30', '']) {
      assertError(await get(`/api/v1/projects/progress?as_of=${encodeURIComponent(bad)}`), 400, `as_of=${bad}`);
    }
  });

  test('GET /api/v1/cultivation?period=2025H1: stages and the four moves by industry and by district', async () => {
    const r = await get('/api/v1/cultivation?by=industry&period=2025H1');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.by, 'industry');
    assert.deepEqual(r.json.period, { label: '2025H1', label_zh: r.json.period.label_zh, first: '2025-01-01', last: '2025-06-30' });
    assert.equal(r.json.rows.length, 28);
    const bio = r.json.rows.find((x) => x.key === 'biomedicine');
    assert.equal(bio.name_zh, '生物医药');
    assert.deepEqual(bio.stages, { 个体户: 1, 企业: 1, 规上: 2, 专精特新: 1, 上市: 1 });
    // 小升规 on 2025-03-15 counts, on 2024-11-01 not; 规做精 on 2025-06-30 counts; 优上市 on 2025-07-01 not.
    assert.deepEqual(bio.moves, { 个转企: 1, 小升规: 1, 规做精: 1, 优上市: 0 });
    assert.equal(bio.total, 6, 'an enterprise with two roles in one industry counts once');
    assert.equal(r.json.city.total, (await get('/api/v1/lists/enterprises')).json.total);

    const d = await get('/api/v1/cultivation?by=district&period=2025H1');
    assert.equal(d.status, 200);
    assert.equal(d.json.by, 'district');
    const dapeng = d.json.rows.find((x) => x.key === 'dapeng');
    const guangming = d.json.rows.find((x) => x.key === 'guangming');
    assert.deepEqual([dapeng.stages, dapeng.moves, dapeng.total],
      [{ 个体户: 1, 企业: 0, 规上: 2, 专精特新: 0, 上市: 0 }, { 个转企: 0, 小升规: 1, 规做精: 0, 优上市: 0 }, 3]);
    assert.deepEqual([guangming.stages, guangming.moves, guangming.total],
      [{ 个体户: 0, 企业: 1, 规上: 0, 专精特新: 1, 上市: 1 }, { 个转企: 1, 小升规: 0, 规做精: 1, 优上市: 0 }, 3]);

    const y = await get('/api/v1/cultivation?by=industry&period=2025');
    assert.deepEqual(y.json.rows.find((x) => x.key === 'biomedicine').moves, { 个转企: 1, 小升规: 1, 规做精: 1, 优上市: 1 });
    const none = await get('/api/v1/cultivation');
    assert.equal(none.status, 200);
    assert.equal(none.json.period, undefined);
    assert.deepEqual(none.json.rows.find((x) => x.key === 'biomedicine').moves, { 个转企: 0, 小升规: 0, 规做精: 0, 优上市: 0 });
    for (const qs of ['period=2025H3', 'period=25H1', 'period=2025Q5', 'by=city']) {
      assertError(await get(`/api/v1/cultivation?${qs}`), 400, qs);
    }
  });

  // -------------------------------------------------------------------------------------------
  // writes

  test('POST creates (201, amounts in yuan); invalid code 400 with issues; existing key 409; unknown enterprise 400', async () => {
    const body = {
      code: 'API-001', name: '接口新建项目', industry: 'aerospace', district: 'nanshan',
      total_investment: 123456000, start_date: '2025/3/1', year: 2025, status: '在建',
    };
    const c = await send('POST', '/api/v1/lists/projects', body);
    assert.equal(c.status, 201, c.text);
    assert.equal(c.headers['content-type'], JSON_TYPE);
    assert.ok(Number.isInteger(c.json.id) && c.json.id > 0);
    assert.deepEqual([c.json.total_investment, c.json.start_date, c.json.year, c.json.source, c.json.demo, c.json.park],
      [123456000, '2025-03-01', 2025, 'api', false, null]);
    const g = await get(`/api/v1/lists/projects/${c.json.id}`);
    assert.equal(g.status, 200);
    assert.deepEqual(g.json, c.json);
    // In the CSV export, 123456000 yuan is 12345.6 万元.
    const e = await request(port, '/api/v1/lists/projects/export?industry=aerospace');
    assert.match(e.text, /^API-001,接口新建项目,空天技术,南山区,,,12345\.6,2025-03-01,,2025,/m);

    const bad = await send('POST', '/api/v1/lists/enterprises', { uscc: '9144030071526726XA', name: '校验示例', district: 'nanshan' });
    assertError(bad, 400, 'invalid credit code');
    assert.equal(bad.json.error.issues[0].field, 'uscc');
    assert.equal(bad.json.error.issues[0].code, 'checksum');
    assert.equal(bad.json.error.issues[0].value, '9144030071526726XA');
    const several = await send('POST', '/api/v1/lists/enterprises', { uscc: TENCENT, name: '', district: '火星' });
    assertError(several, 400, 'several issues');
    assert.deepEqual(several.json.error.issues.map((i) => [i.field, i.code]), [['name', 'required'], ['district', 'unknown_district']]);

    const dup = await send('POST', '/api/v1/lists/projects', { ...body, name: '同编号' });
    assertError(dup, 409, 'existing key');
    const dupEnt = await send('POST', '/api/v1/lists/enterprises', { uscc: TENCENT, name: '腾讯科技（深圳）有限公司', district: 'nanshan' });
    assertError(dupEnt, 409, 'existing enterprise');

    const orphan = await send('POST', '/api/v1/lists/listings', { uscc: '914403001000100468', industry: 'marine', role: '重点企业' });
    assertError(orphan, 400, 'listing of an unknown enterprise');
    assert.equal(orphan.json.error.issues[0].code, 'unknown_enterprise');
    assert.equal(orphan.json.error.issues[0].field, 'uscc');
    const cross = await send('POST', '/api/v1/lists/orgs', { type: '基金', name: '接口基金', industry: 'marine', size: 1000000, paid_in: 2000000 });
    assertError(cross, 400, 'paid-in above size');
    assert.equal(cross.json.error.issues[0].code, 'paid_exceeds_size');
    const pol = await send('POST', '/api/v1/lists/policies', { title: '接口政策', issuer: '接口单位', industries: ['marine', '海洋产业', 'aerospace'], amount: 5000 });
    assert.equal(pol.status, 201, pol.text);
    assert.deepEqual([pol.json.industries, pol.json.amount], [['marine', 'aerospace'], 5000]);
  });

  test('PUT replaces a record (GET shows it); PUT of a missing id 404; a key taken by another record 409', async () => {
    const list = await get('/api/v1/lists/projects?q=API-001');
    const rec = list.json.items[0];
    const body = {
      code: 'API-001', name: '接口改名项目', industry: 'aerospace', district: 'futian', total_investment: 1000000, status: '前期',
    };
    const u = await send('PUT', `/api/v1/lists/projects/${rec.id}`, body);
    assert.equal(u.status, 200, u.text);
    const g = await get(`/api/v1/lists/projects/${rec.id}`);
    assert.deepEqual([g.json.name, g.json.district, g.json.total_investment, g.json.status, g.json.year, g.json.start_date],
      ['接口改名项目', 'futian', 1000000, '前期', null, null], 'PUT replaces: omitted fields are cleared');
    assertError(await send('PUT', '/api/v1/lists/projects/999999', body), 404, 'PUT missing id');
    const other = await get('/api/v1/lists/projects?q=XM-IT-002');
    assertError(await send('PUT', `/api/v1/lists/projects/${other.json.items[0].id}`, body), 409, 'PUT onto a key taken');
    const invalid = await send('PUT', `/api/v1/lists/projects/${rec.id}`, { ...body, total_investment: -1 });
    assertError(invalid, 400, 'PUT with a negative amount');
    assert.equal(invalid.json.error.issues[0].code, 'negative_amount');
  });

  test('DELETE removes (200, then GET 404); an enterprise still in a listing cannot be deleted (400)', async () => {
    const rec = (await get('/api/v1/lists/projects?q=API-001')).json.items[0];
    const d = await send('DELETE', `/api/v1/lists/projects/${rec.id}`);
    assert.equal(d.status, 200, d.text);
    assertError(await get(`/api/v1/lists/projects/${rec.id}`), 404, 'GET after DELETE');
    assertError(await send('DELETE', `/api/v1/lists/projects/${rec.id}`), 404, 'DELETE twice');

    const t = (await get(`/api/v1/lists/enterprises?q=${TENCENT}`)).json.items[0];
    assertError(await send('DELETE', `/api/v1/lists/enterprises/${t.id}`), 400, 'DELETE a listed enterprise');
    assert.equal((await get(`/api/v1/lists/enterprises/${t.id}`)).status, 200, 'still there');
  });

  test('fund investments: an unknown fund is refused; a fund with investments cannot be deleted; renaming it carries them along', async () => {
    const bad = await send('POST', '/api/v1/lists/fund_investments',
      { fund: '没有这支基金', industry: 'semiconductor-ic', investee: '某公司', date: '2025-01-01', amount: 10000 });
    assertError(bad, 400, 'POST an investment of an unknown fund');
    assert.equal(bad.json.error.issues[0].code, 'unknown_fund');

    const fund = (await get('/api/v1/lists/orgs?q=' + encodeURIComponent('示例集成电路基金'))).json.items[0];
    assertError(await send('DELETE', `/api/v1/lists/orgs/${fund.id}`), 400, 'DELETE a fund with investments');
    const u = await send('PUT', `/api/v1/lists/orgs/${fund.id}`, { ...fund, name: '示例集成电路基金二期' });
    assert.equal(u.status, 200, u.text);
    const items = (await get('/api/v1/lists/fund_investments?industry=semiconductor-ic&limit=100')).json.items;
    assert.equal(items.length, 3);
    assert.ok(items.every((r) => r.fund === '示例集成电路基金二期'), JSON.stringify(items));
    const back = await send('PUT', `/api/v1/lists/orgs/${fund.id}`, fund);
    assert.equal(back.status, 200, back.text);
  });

  test('bodies: not JSON, not an object, empty 400; 2 MB 413; the server goes on', async () => {
    for (const [what, body] of [['not JSON', 'nope'], ['an array', '[1]'], ['a string', '"x"'], ['empty', '']]) {
      assertError(await send('POST', '/api/v1/lists/projects', body), 400, what);
    }
    const big = Buffer.alloc(2 << 20, 0x20);
    let status;
    try {
      status = (await send('POST', '/api/v1/lists/projects', big, { 'Content-Type': 'application/json', 'Content-Length': String(big.length) })).status;
    } catch {
      // The server may answer and close before reading everything: then read the raw status.
      const w = await rawRequest(port, `POST /api/v1/lists/projects HTTP/1.1\r\nHost: x\r\nContent-Length: ${big.length}\r\n` +
        `Connection: close\r\n\r\n${' '.repeat(big.length)}`, { timeoutMs: 15000 });
      status = w.status;
    }
    assert.equal(status, 413);
    assert.equal((await get('/healthz')).status, 200, 'server still answers');
  });

  test('a body with an unknown field is answered 400 (and does not take the server down)', async (t) => {
    // On a server of its own: the bug kills the server it hits.
    const own = await startServer({ db });
    t.after(() => own.stop('SIGKILL'));
    let r;
    try {
      r = await getJson(own.port, '/api/v1/lists/projects', {
        method: 'POST', headers: { 'Content-Type': 'application/json', ...auth }, body: JSON.stringify({ code: 'X', bogus: 1 }),
      });
    } catch (e) {
      r = { status: null, text: e.message };
    }
    const x = await own.stop('SIGTERM');
    assert.doesNotMatch(x.stderr, SANITIZER_RE, x.stderr.slice(0, 1500));
    assert.equal(r.status, 400, r.text);
    assert.match(r.json.error.message, /bogus/);
    assert.equal(x.code, 0);
  });

  test('GET /api/v1/cultivation on a database without listings answers 200', async (t) => {
    // On a server of its own over an empty database: the bug kills the server it hits.
    const emptyDb = await initDb(dir, 'empty.db');
    const own = await startServer({ db: emptyDb });
    t.after(() => own.stop('SIGKILL'));
    let r;
    try {
      r = await getJson(own.port, '/api/v1/cultivation?period=2025H1');
    } catch (e) {
      r = { status: null, text: e.message };
    }
    const x = await own.stop('SIGTERM');
    assert.doesNotMatch(x.stderr, SANITIZER_RE, x.stderr.slice(0, 1500));
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.city.total, 0);
  });

  test('a JSON object for a text field is rejected', async () => {
    const r = await send('POST', '/api/v1/lists/projects',
      { code: { a: 1 }, name: '对象编号', industry: 'aerospace', district: 'nanshan', total_investment: 1, status: '在建' });
    assertError(r, 400, 'an object as the code');
  });

  test('records written over HTTP are committed: `jiqun export` sees them', async () => {
    const codes = ['API-C1', 'API-C2', 'API-C3'];
    for (const code of codes) {
      const r = await send('POST', '/api/v1/lists/projects',
        { code, name: '提交检查项目', industry: 'aerospace', district: 'nanshan', total_investment: 123456000, status: '在建' });
      assert.equal(r.status, 201, r.text);
    }
    const e = await cli(['export', 'projects', '--db', db, '--industry', 'aerospace'], 'export aerospace projects');
    for (const code of codes) assert.match(e.stdout, new RegExp(`^${code},提交检查项目,空天技术,南山区,,,12345\\.6,`, 'm'), e.stdout);
  });

  // -------------------------------------------------------------------------------------------

  test('SIGTERM: exit 0, no sanitizer report', async () => {
    const x = await srv.stop('SIGTERM');
    stopped = true;
    assert.doesNotMatch(x.stderr, SANITIZER_RE, x.stderr.slice(0, 3000));
    assert.equal(x.signal, null, `killed by ${x.signal}`);
    assert.equal(x.code, 0, x.stderr.slice(0, 3000));
  });
});
