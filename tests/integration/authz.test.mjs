// authz.test.mjs - who may change what (issue 6), against one server on a demo database:
//  - the matrix: every role (and nobody) x every write endpoint (POST, PUT, DELETE of every list;
//    approve and reject of the review queue) x a record in and out of the role's scope, each
//    answered as the role allows (2xx, 202 for changes waiting for review) or refuses (403;
//    401 for nobody), and each allowed write leaving exactly one audit entry (a refused one none);
//  - the review queue: a district editor's change waits, a city admin approves or rejects it;
//  - sessions: the login cookie's attributes, CSRF missing / wrong / right, logout, /api/v1/me;
//  - login: unknown account and wrong password answered alike, throttling with Retry-After;
//  - the command line with --user; the audit trail is append-only even for SQL.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  SANITIZER_RE, addUser, describeRun, initDb, request, run, sqlite, startServer,
} from './lib.mjs';

const DISTRICT = 'nanshan';   // the district editor's
const OTHER_DISTRICT = 'futian';
const INDUSTRY = 'aerospace'; // the commissioner's
const OTHER_INDUSTRY = 'biomedicine';
const REVIEWED = new Set(['enterprises', 'projects']); // review on by default

// A valid unified social credit code (GB 32100, with the GB 11714 organisation code check).
function uscc(n) {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const body8 = String(10000000 + n).slice(-8);
  const w1 = [3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 8; i++) s += Number(body8[i]) * w1[i];
  const c = 11 - (s % 11);
  const org = body8 + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
  const first17 = `91440300${org}`;
  const w2 = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  s = 0;
  for (let i = 0; i < 17; i++) s += chars.indexOf(first17[i]) * w2[i];
  return first17 + chars[(31 - (s % 31)) % 31];
}

describe('roles, review, audit, sessions', () => {
  let dir;
  let db;
  let srv;
  let port;
  let lists;           // GET /api/v1/lists items
  const users = {};    // role -> {name, token, headers, password}
  const templates = {}; // list -> a stored record (fields only)
  let seq = 0;

  const call = async (method, p, { headers = {}, body } = {}) => {
    const r = await request(port, p, {
      method,
      headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    let json;
    try { json = JSON.parse(r.text); } catch { json = undefined; }
    return { ...r, json };
  };
  const admin = () => users['city-admin'].headers;
  const auditTotal = async () => (await call('GET', '/api/v1/audit?limit=1', { headers: admin() })).json.total;
  const fieldsOf = (l) => lists.find((x) => x.name === l).fields;
  const has = (l, type) => fieldsOf(l).some((f) => f.type === type);

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiqun-authz-'));
    db = await initDb(dir);
    const d = await run(['demo', '--db', db], { timeoutMs: 120000 });
    assert.equal(d.status, 0, describeRun(d));
    users['city-admin'] = await addUser(db, 'a-admin', 'city-admin');
    users['district-editor'] = await addUser(db, 'a-nanshan', 'district-editor', { district: '南山区' });
    users.commissioner = await addUser(db, 'a-aero', 'commissioner', { industries: [INDUSTRY] });
    users.analyst = await addUser(db, 'a-analyst', 'analyst');
    users.viewer = await addUser(db, 'a-viewer', 'viewer');
    users.nobody = { name: 'nobody', headers: {} };
    srv = await startServer({ db });
    port = srv.port;
    lists = (await call('GET', '/api/v1/lists')).json.items;
    for (const l of lists) {
      const page = (await call('GET', `/api/v1/lists/${l.name}?limit=50`)).json;
      assert.ok(page.items.length > 0, `demo data has ${l.name}`);
      // Prefer a record of the commissioner's industry: fund investments need a fund there.
      const mine = page.items.find((r) => r.industry === INDUSTRY) ||
        ((await call('GET', `/api/v1/lists/${l.name}?industry=${INDUSTRY}&limit=1`)).json.items || [])[0];
      const t = { ...(mine || page.items[0]) };
      delete t.id; delete t.source; delete t.demo;
      templates[l.name] = t;
    }
  });

  after(async () => {
    if (srv) await srv.stop('SIGKILL');
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  // A new record of list `l` (its key unused), in or out of `role`'s scope. Lists that refer
  // to other records get them first (written by the city admin).
  async function fresh(l, role, inScope) {
    const n = ++seq;
    const r = { ...templates[l] };
    for (const f of fieldsOf(l)) {
      // Key text gets a suffix, except references (a fund, a park: fresh ones) and periods.
      if (f.key && f.type === 'text' && !['fund', 'park', 'period'].includes(f.name)) r[f.name] = `${String(r[f.name]).slice(0, 40)}-M${n}`;
      if (f.name === 'lng' || f.name === 'lat') r[f.name] = null; // a point must be in the district
    }
    if (l === 'enterprises') { r.uscc = uscc(n); r.name = `矩阵企业${n}`; }
    if (l === 'listings') {
      const ent = { ...templates.enterprises, uscc: uscc(n), name: `矩阵企业${n}`, lng: null, lat: null };
      const c = await call('POST', '/api/v1/lists/enterprises', { headers: admin(), body: ent });
      assert.equal(c.status, 201, c.text);
      r.uscc = ent.uscc; r.name = ent.name;
    }
    if (l === 'park_zones' || l === 'park_progress') {
      const park = { ...templates.parks, name: `矩阵园区${n}`, lng: null, lat: null };
      const c = await call('POST', '/api/v1/lists/parks', { headers: admin(), body: park });
      assert.equal(c.status, 201, c.text);
      r.park = park.name;
    }
    // The scope the role looks at.
    if (role === 'district-editor' && has(l, 'district')) r.district = inScope ? DISTRICT : OTHER_DISTRICT;
    if (role === 'commissioner' && l !== 'fund_investments') {
      if (has(l, 'industry')) r.industry = inScope ? INDUSTRY : OTHER_INDUSTRY;
      if (has(l, 'industries')) r.industries = [inScope ? INDUSTRY : OTHER_INDUSTRY];
    }
    if (role === 'commissioner' && l === 'fund_investments' && !inScope) {
      // Another industry's fund: take a stored investment of another industry as the base.
      const other = (await call('GET', `/api/v1/lists/fund_investments?industry=${OTHER_INDUSTRY}&limit=1`)).json.items[0];
      assert.ok(other, 'demo data has fund investments of another industry');
      Object.assign(r, { fund: other.fund, industry: other.industry, investee: `${other.investee}-M${n}` });
    }
    return r;
  }

  // What `role` should get for a write of list `l` in or out of its scope.
  function expected(role, l, inScope, method) {
    const ok = method === 'POST' ? 201 : 200;
    switch (role) {
      case 'nobody': return 401;
      case 'city-admin': return ok;
      case 'district-editor':
        if (!has(l, 'district') || !inScope) return 403;
        return REVIEWED.has(l) ? 202 : ok;
      case 'commissioner':
        return (has(l, 'industry') || has(l, 'industries')) && inScope ? ok : 403;
      default: return 403;
    }
  }

  const ROLES = ['city-admin', 'district-editor', 'commissioner', 'analyst', 'viewer', 'nobody'];

  test('matrix: every role x POST / PUT / DELETE of every list x in / out of scope; one audit entry per write', async () => {
    const failures = [];
    let checked = 0;
    for (const l of lists.map((x) => x.name)) {
      for (const role of ROLES) {
        for (const inScope of [true, false]) {
          const who = users[role];
          // POST a new record.
          const body = await fresh(l, role, inScope);
          let before = await auditTotal();
          const c = await call('POST', `/api/v1/lists/${l}`, { headers: who.headers, body });
          let want = expected(role, l, inScope, 'POST');
          let audits = (await auditTotal()) - before;
          if (c.status !== want || audits !== (want < 300 ? 1 : 0)) {
            failures.push(`${role} POST ${l} ${inScope ? 'in' : 'out'}: ${c.status} (want ${want}), ${audits} audit entries: ${c.text.slice(0, 200)}`);
          }
          checked++;
          // PUT and DELETE a record the city admin wrote in that scope.
          const rec = await fresh(l, role, inScope);
          const made = await call('POST', `/api/v1/lists/${l}`, { headers: admin(), body: rec });
          assert.equal(made.status, 201, `${l}: admin create ${made.text}`);
          const id = made.json.id;
          const put = { ...rec };
          for (const f of fieldsOf(l)) if (f.type === 'text' && !f.key && f.name === 'note') put.note = `改-${role}`;
          before = await auditTotal();
          const u = await call('PUT', `/api/v1/lists/${l}/${id}`, { headers: who.headers, body: put });
          want = expected(role, l, inScope, 'PUT');
          audits = (await auditTotal()) - before;
          if (u.status !== want || audits !== (want < 300 ? 1 : 0)) {
            failures.push(`${role} PUT ${l} ${inScope ? 'in' : 'out'}: ${u.status} (want ${want}), ${audits} audit entries: ${u.text.slice(0, 200)}`);
          }
          before = await auditTotal();
          const del = await call('DELETE', `/api/v1/lists/${l}/${id}`, { headers: who.headers });
          want = expected(role, l, inScope, 'DELETE');
          audits = (await auditTotal()) - before;
          if (del.status !== want || audits !== (want < 300 ? 1 : 0)) {
            failures.push(`${role} DELETE ${l} ${inScope ? 'in' : 'out'}: ${del.status} (want ${want}), ${audits} audit entries: ${del.text.slice(0, 200)}`);
          }
          checked += 2;
          if (del.status === 200) {
            assert.equal((await call('GET', `/api/v1/lists/${l}/${id}`)).status, 404, `${l} ${id} deleted`);
          }
        }
      }
    }
    assert.deepEqual(failures, [], `${failures.length} of ${checked} cells wrong:\n${failures.join('\n')}`);
    assert.equal(checked, lists.length * ROLES.length * 2 * 3);
  });

  test('review: approve and reject by every role; only a city admin decides; one audit entry each', async () => {
    const ed = users['district-editor'];
    const submit = async (n) => {
      const body = { ...(await fresh('projects', 'district-editor', true)), name: `待审项目${n}` };
      const r = await call('POST', '/api/v1/lists/projects', { headers: ed.headers, body });
      assert.equal(r.status, 202, r.text);
      assert.equal(r.json.status, 'pending');
      const got = await call('GET', `/api/v1/lists/projects?q=${encodeURIComponent(body.code)}`);
      assert.equal(got.json.total, 0, 'a pending change is not applied');
      return { id: r.json.pending_id, code: body.code };
    };
    for (const action of ['approve', 'reject']) {
      for (const role of ROLES) {
        const p = await submit(`${action}-${role}`);
        const before = await auditTotal();
        const r = await call('POST', `/api/v1/review/${p.id}/${action}`, { headers: users[role].headers, body: { comment: `意见-${role}` } });
        const want = role === 'city-admin' ? 200 : role === 'nobody' ? 401 : 403;
        assert.equal(r.status, want, `${role} ${action}: ${r.text}`);
        assert.equal((await auditTotal()) - before, want === 200 ? 1 : 0, `${role} ${action}: audit entries`);
        const applied = (await call('GET', `/api/v1/lists/projects?q=${encodeURIComponent(p.code)}`)).json.total;
        assert.equal(applied, role === 'city-admin' && action === 'approve' ? 1 : 0, `${role} ${action}: applied`);
        if (want === 200) {
          const again = await call('POST', `/api/v1/review/${p.id}/${action}`, { headers: admin(), body: { comment: 'x' } });
          assert.equal(again.status, 400, 'a decided change cannot be decided again');
        }
      }
    }
    // A rejection needs a comment; the editor sees its own submissions with the decision.
    const p = await submit('no-comment');
    assert.equal((await call('POST', `/api/v1/review/${p.id}/reject`, { headers: admin(), body: {} })).status, 400);
    const mine = (await call('GET', '/api/v1/review?status=all', { headers: ed.headers })).json;
    assert.equal(mine.can_decide, false);
    assert.ok(mine.items.length >= 13 && mine.items.every((x) => x.submitted_by === ed.name));
    const rejected = mine.items.find((x) => x.status === 'rejected' && x.comment === '意见-city-admin');
    assert.ok(rejected, 'the rejection and its comment are shown to the editor');
    assert.equal(rejected.decided_by, users['city-admin'].name);
    assert.deepEqual(mine.review_required.enterprises, true);
    assert.equal((await call('GET', '/api/v1/review', { headers: users.viewer.headers })).json.items.length, 0);
    assert.equal((await call('GET', '/api/v1/review')).status, 401);
    // Approving a change to a record that changed since: refused.
    const proj = (await call('GET', `/api/v1/lists/projects?district=${DISTRICT}&limit=1`)).json.items[0];
    const upd = { ...proj };
    delete upd.id; delete upd.source; delete upd.demo;
    const sub = await call('PUT', `/api/v1/lists/projects/${proj.id}`, { headers: ed.headers, body: { ...upd, name: '编辑改名' } });
    assert.equal(sub.status, 202, sub.text);
    const adm = await call('PUT', `/api/v1/lists/projects/${proj.id}`, { headers: admin(), body: { ...upd, name: '管理员改名' } });
    assert.equal(adm.status, 200, adm.text);
    const stale = await call('POST', `/api/v1/review/${sub.json.pending_id}/approve`, { headers: admin(), body: {} });
    assert.equal(stale.status, 400, stale.text);
    assert.match(stale.json.error.message, /changed since/);
  });

  test('audit entries: who, when, which record, before and after; filters; CSV and XLSX; analysts read, others do not', async () => {
    const ent = (await call('GET', `/api/v1/lists/platforms?district=${DISTRICT}&limit=1`)).json.items[0];
    const body = { ...ent };
    delete body.id; delete body.source; delete body.demo;
    const r = await call('PUT', `/api/v1/lists/platforms/${ent.id}`, { headers: users['district-editor'].headers, body: { ...body, host: '审计测试单位' } });
    assert.equal(r.status, 200, r.text);
    const a = (await call('GET', `/api/v1/audit?user=${users['district-editor'].name}&list=platforms&limit=1`, { headers: users.analyst.headers })).json;
    const e = a.items[0];
    assert.equal(e.user, 'a-nanshan');
    assert.equal(e.role, 'district-editor');
    assert.equal(e.via, 'token');
    assert.equal(e.action, 'update');
    assert.equal(e.list, 'platforms');
    assert.equal(e.record_id, ent.id);
    assert.equal(e.record_key, ent.name);
    assert.equal(e.before.host, ent.host);
    assert.equal(e.after.host, '审计测试单位');
    assert.match(e.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const since = (await call('GET', '/api/v1/audit?since=2999-01-01', { headers: admin() })).json;
    assert.equal(since.total, 0);
    const csv = await call('GET', '/api/v1/audit?format=csv&list=platforms', { headers: admin() });
    assert.equal(csv.status, 200);
    assert.match(csv.headers['content-type'], /text\/csv/);
    assert.match(csv.text, /^\ufeff编号,时间,用户,角色,方式,操作,对象,记录编号,主键,修改前,修改后,说明\r\n/);
    assert.match(csv.text, /审计测试单位/);
    const xlsx = await call('GET', '/api/v1/audit?format=xlsx', { headers: admin() });
    assert.equal(xlsx.status, 200);
    assert.equal(xlsx.body.subarray(0, 2).toString('latin1'), 'PK');
    for (const role of ['district-editor', 'commissioner', 'viewer']) {
      assert.equal((await call('GET', '/api/v1/audit', { headers: users[role].headers })).status, 403, role);
    }
    assert.equal((await call('GET', '/api/v1/audit')).status, 401);
    // Append-only: there is no route to change it, and SQL is refused by the triggers.
    assert.equal((await call('DELETE', '/api/v1/audit', { headers: admin() })).status, 405);
    await assert.rejects(sqlite(db, 'DELETE FROM audit'), /append-only/);
    await assert.rejects(sqlite(db, "UPDATE audit SET user = 'x'"), /append-only/);
  });

  test('sessions: cookie attributes, CSRF missing / wrong / right, bearer needs none, /me, logout', async () => {
    const ed = users['district-editor'];
    const login = await call('POST', '/api/v1/login', { body: { name: ed.name, password: ed.password } });
    assert.equal(login.status, 200, login.text);
    const cookie = login.headers['set-cookie'][0];
    assert.match(cookie, /^jiqun_session=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800$/);
    const jar = cookie.split(';')[0];
    assert.equal(login.json.user.name, ed.name);
    assert.match(login.json.csrf, /^[0-9a-f]{64}$/);
    // The session's token is stored as a hash only.
    const token = jar.split('=')[1];
    assert.equal(await sqlite(db, `SELECT count(*) FROM user_session WHERE token_hash = '${token}'`), '0');
    const me = (await call('GET', '/api/v1/me', { headers: { Cookie: jar } })).json;
    assert.equal(me.authenticated, true);
    assert.equal(me.user.role, 'district-editor');
    assert.equal(me.user.district, DISTRICT);
    assert.equal(me.csrf, login.json.csrf);
    assert.equal(me.permissions.lists.enterprises.create, true);
    assert.equal(me.permissions.lists.policies.create, false, 'policies record no district');
    assert.equal(me.permissions.review, false);
    assert.equal(me.permissions.audit, false);
    const body = await fresh('platforms', 'district-editor', true);
    const url = '/api/v1/lists/platforms';
    for (const [what, h] of [['missing', {}], ['wrong', { 'X-CSRF-Token': '0'.repeat(64) }], ['empty', { 'X-CSRF-Token': '' }]]) {
      const before = await auditTotal();
      const r = await call('POST', url, { headers: { Cookie: jar, ...h }, body });
      assert.equal(r.status, 403, `${what} CSRF token: ${r.text}`);
      assert.equal(r.json.error.code, 'csrf');
      assert.equal(await auditTotal(), before);
    }
    const ok = await call('POST', url, { headers: { Cookie: jar, 'X-CSRF-Token': login.json.csrf }, body });
    assert.equal(ok.status, 201, ok.text);
    const viaToken = await call('POST', url, { headers: ed.headers, body: await fresh('platforms', 'district-editor', true) });
    assert.equal(viaToken.status, 201, 'bearer writes need no CSRF token');
    const e = (await call('GET', '/api/v1/audit?limit=1', { headers: admin() })).json.items[0];
    assert.equal(e.via, 'token');
    // Logout ends the session: the cookie no longer authenticates.
    const out = await call('POST', '/api/v1/logout', { headers: { Cookie: jar, 'X-CSRF-Token': login.json.csrf } });
    assert.equal(out.status, 200);
    assert.match(out.headers['set-cookie'][0], /^jiqun_session=; .*Max-Age=0/);
    assert.equal((await call('GET', '/api/v1/me', { headers: { Cookie: jar } })).json.authenticated, false);
    const after = await call('POST', url, { headers: { Cookie: jar, 'X-CSRF-Token': login.json.csrf }, body: await fresh('platforms', 'district-editor', true) });
    assert.equal(after.status, 401);
    // Anonymous /me; a bad bearer token is 401 even for reads; GETs stay open without one.
    assert.deepEqual((await call('GET', '/api/v1/me')).json, { authenticated: false, user: null });
    assert.equal((await call('GET', '/api/v1/programme', { headers: { Authorization: 'Bearer nope' } })).status, 401);
    assert.equal((await call('GET', '/api/v1/programme')).status, 200);
  });

  test('CLI with --user: a district editor imports only its district; an analyst imports statistics, a viewer nothing; a disabled account is refused', async () => {
    const csv = path.join(dir, 'platforms.csv');
    fs.writeFileSync(csv, '平台名称,类型,级别,所属产业,所在区\n南山导入平台,重点实验室,市级,空天技术,南山区\n福田导入平台,重点实验室,市级,空天技术,福田区\n');
    let r = await run(['import', 'platforms', csv, '--db', db, '--user', users['district-editor'].name, '--json']);
    assert.equal(r.status, 3, describeRun(r));
    const out = JSON.parse(r.stdout);
    assert.equal(out.rejected, 1);
    assert.deepEqual(out.issues.map((i) => [i.row, i.code]), [[3, 'forbidden']]);
    fs.writeFileSync(csv, '平台名称,类型,级别,所属产业,所在区\n南山导入平台,重点实验室,市级,空天技术,南山区\n');
    const before = Number(await sqlite(db, 'SELECT count(*) FROM audit'));
    r = await run(['import', 'platforms', csv, '--db', db, '--user', users['district-editor'].name]);
    assert.equal(r.status, 0, describeRun(r));
    assert.equal(await sqlite(db, `SELECT user || '|' || action || '|' || list || '|' || record_key FROM audit WHERE id > (SELECT max(id) - 1 FROM audit)`),
      'a-nanshan|import|platforms|platforms.csv');
    assert.equal(Number(await sqlite(db, 'SELECT count(*) FROM audit')), before + 1);
    const ent = path.join(dir, 'ent.csv');
    fs.writeFileSync(ent, `统一社会信用代码,企业名称,所在区\n${uscc(999)},导入企业,南山区\n`);
    r = await run(['import', 'enterprises', ent, '--db', db, '--user', users['district-editor'].name, '--json']);
    assert.equal(r.status, 3, 'enterprises are under review: no bulk import by a district editor');
    assert.equal(JSON.parse(r.stdout).issues[0].code, 'review');
    r = await run(['import', 'platforms', csv, '--db', db, '--user', users.viewer.name]);
    assert.equal(r.status, 1, describeRun(r));
    assert.match(r.stderr, /只读|viewers read only/);
    const ind = path.join(dir, 'ind.csv');
    fs.writeFileSync(ind, '层级,对象,期间,指标,数值,单位,来源\n全市,,2025Q1,增加值,100,亿元,测试\n');
    r = await run(['import', 'indicators', ind, '--db', db, '--user', users.viewer.name]);
    assert.notEqual(r.status, 0, 'a viewer imports no statistics');
    r = await run(['import', 'indicators', ind, '--db', db, '--user', users.analyst.name]);
    assert.equal(r.status, 0, describeRun(r));
    assert.equal(await sqlite(db, "SELECT user || '|' || list FROM audit ORDER BY id DESC LIMIT 1"), 'a-analyst|indicators');
    r = await run(['user', 'add', 'x', '--role', 'viewer', '--db', db, '--user', users.analyst.name]);
    assert.equal(r.status, 1, 'only a city admin manages accounts');
    // Rules and classification: a city admin's, audited under the account named.
    r = await run(['classify', '--db', db, '--user', users.analyst.name]);
    assert.equal(r.status, 1, 'an analyst does not reclassify');
    r = await run(['rules', 'activate', '1', '--db', db, '--user', users.commissioner.name]);
    assert.equal(r.status, 1, 'a commissioner does not switch rule sets');
    r = await run(['classify', '--db', db, '--user', users['city-admin'].name], { timeoutMs: 120000 });
    assert.equal(r.status, 0, describeRun(r));
    assert.equal(await sqlite(db, "SELECT user || '|' || action || '|' || list FROM audit ORDER BY id DESC LIMIT 1"),
      'a-admin|classify|memberships');
    // Disabling revokes the account's token at once.
    r = await run(['user', 'disable', users.viewer.name, '--db', db]);
    assert.equal(r.status, 0, describeRun(r));
    assert.equal((await call('GET', '/api/v1/me', { headers: users.viewer.headers })).status, 401);
    r = await run(['import', 'platforms', csv, '--db', db, '--user', users.viewer.name]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /已停用|no such enabled account/);
    // `jiqun audit` filters and exports.
    r = await run(['audit', '--db', db, '--user', 'a-analyst', '--limit', '5']);
    assert.equal(r.status, 0, describeRun(r));
    assert.match(r.stdout, /a-analyst .*import +indicators/);
    const x = path.join(dir, 'audit.xlsx');
    r = await run(['audit', '--db', db, '--list', 'platforms', '--out', x]);
    assert.equal(r.status, 0, describeRun(r));
    assert.equal(fs.readFileSync(x).subarray(0, 2).toString('latin1'), 'PK');
    r = await run(['audit', '--db', db, '--as', users['district-editor'].name]);
    assert.equal(r.status, 1, 'district editors do not read the audit trail');
  });

  test('login: unknown account and wrong password answered alike (status, body, work); throttled after 5 failures with Retry-After', async () => {
    const ed = users.commissioner;
    const time = async (name, password) => {
      const t0 = process.hrtime.bigint();
      const r = await call('POST', '/api/v1/login', { body: { name, password } });
      return { r, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
    };
    const unknown = await time('no-such-user', 'whatever-pw');
    const wrong = await time(ed.name, 'wrong-password');
    assert.equal(unknown.r.status, 401);
    assert.equal(wrong.r.status, 401);
    assert.equal(unknown.r.text, wrong.r.text, 'the same answer');
    assert.equal(unknown.r.headers['set-cookie'], undefined);
    // Both check an argon2id hash (tens of ms at least): an unknown name is not answered early.
    assert.ok(unknown.ms > 0.4 * wrong.ms, `unknown ${unknown.ms} ms vs wrong ${wrong.ms} ms`);
    // Three more failures (5 with the one above and one for `no-such-user`'s account key apart).
    for (let i = 0; i < 4; i++) assert.equal((await time(ed.name, `wrong-${i}`)).r.status, 401);
    const blocked = await time(ed.name, ed.password);
    assert.equal(blocked.r.status, 429, 'the right password is refused too while throttled');
    const ra = Number(blocked.r.headers['retry-after']);
    assert.ok(ra > 0 && ra <= 900, `Retry-After ${ra}`);
    assert.equal(blocked.r.json.error.code, 'throttled');
    // Unknown names are throttled the same way (no hint that they do not exist).
    for (let i = 0; i < 4; i++) await time('no-such-user', `x-${i}`);
    assert.equal((await time('no-such-user', 'y')).r.status, 429);
    // Per address: 10 failures from this address block even another, good account.
    const good = users['city-admin'];
    assert.equal((await time(good.name, 'wrong')).r.status, 429, '11th failure from one address');
    const g = await time(good.name, good.password);
    assert.equal(g.r.status, 429);
    // Expire the failures (as 15 minutes would): the account signs in again.
    await sqlite(db, 'UPDATE login_failure SET at = at - 1000');
    assert.equal((await time(ed.name, ed.password)).r.status, 200);
  });

  test('serve --private: API reads need an account too; pages, /healthz and /api/v1/me stay open', async (t) => {
    const own = await startServer({ db, args: ['--private'] });
    t.after(() => own.stop('SIGKILL'));
    const get = (p, headers = {}) => request(own.port, p, { headers });
    assert.equal((await get('/api/v1/programme')).status, 401);
    assert.equal((await get('/api/v1/lists/projects')).status, 401);
    assert.equal((await get('/api/v1/programme', users.analyst.headers)).status, 200);
    assert.equal((await get('/api/v1/me')).status, 200);
    assert.equal((await get('/healthz')).status, 200);
    assert.equal((await get('/login.html')).status, 200);
    const x = await own.stop('SIGTERM');
    assert.doesNotMatch(x.stderr, SANITIZER_RE, x.stderr.slice(0, 2000));
  });

  test('SIGTERM: exit 0, no sanitizer report', async () => {
    const x = await srv.stop('SIGTERM');
    srv = null;
    assert.doesNotMatch(x.stderr, SANITIZER_RE, x.stderr.slice(0, 3000));
    assert.equal(x.code, 0, x.stderr.slice(0, 2000));
  });
});
