// api.test.mjs - the HTTP API and the static files against one server started on a fresh
// database: shapes and filters, errors, methods, caching (ETag / If-None-Match), gzip, path
// traversal, request limits and headers. The last test stops the server and asserts a clean exit.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';

import {
  REPO_ROOT, SANITIZER_RE, getJson, initDb, rawRequest, request, run, startServer,
} from './lib.mjs';

const JSON_TYPE = 'application/json; charset=utf-8';

/** Assert an error response: status and the {"error":{"code","message"}} body. */
function assertError(r, status, what) {
  assert.equal(r.status, status, `${what}: status ${r.status}, body ${r.text.slice(0, 300)}`);
  assert.equal(r.headers['content-type'], JSON_TYPE, `${what}: content type`);
  assert.ok(r.json && typeof r.json === 'object', `${what}: body is not JSON: ${r.text.slice(0, 300)}`);
  assert.deepEqual(Object.keys(r.json), ['error'], `${what}: ${r.text}`);
  assert.equal(typeof r.json.error.code, 'string', `${what}: error.code`);
  assert.ok(r.json.error.code.length > 0, `${what}: error.code empty`);
  assert.equal(typeof r.json.error.message, 'string', `${what}: error.message`);
  assert.ok(r.json.error.message.length > 0, `${what}: error.message empty`);
}

/** A raw HTTP/1.1 request text with Connection: close. */
function raw(method, target, extraHeaders = '') {
  return `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extraHeaders}Connection: close\r\n\r\n`;
}

describe('HTTP API', () => {
  let dir;
  let srv;
  let port;
  let stopped = false;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiqun-api-'));
    const db = await initDb(dir);
    srv = await startServer({ db });
    port = srv.port;
  });

  after(async () => {
    if (srv && !stopped) await srv.stop('SIGKILL');
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const get = (p, opts) => getJson(port, p, opts);

  // -------------------------------------------------------------------------------------------

  test('GET /healthz: 200 {"status":"ok"}', async () => {
    const r = await get('/healthz');
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], JSON_TYPE);
    assert.equal(r.json.status, 'ok');
    assert.match(r.json.version, /^\d+\.\d+\.\d+$/);
  });

  test('GET /api/v1/programme: the programme document', async () => {
    const r = await get('/api/v1/programme');
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], JSON_TYPE);
    const p = r.json;
    const total = p.targets.find((t) => t.value === 1.5e12);
    assert.ok(total, `no target of 1.5e12: ${JSON.stringify(p.targets.map((t) => t.value))}`);
    assert.equal(total.unit, '元');
    assert.equal(p.tiers.length, 4);
    assert.deepEqual(p.tiers.map((t) => t.id), ['pillar', 'short_board', 'improve', 'growth_point']);
    assert.deepEqual(p.counts, { cluster: 20, future: 8 });
    assert.equal(p.principles.length, 4);
    assert.equal(p.safeguards.length, 6);
    assert.equal(p.categories.length, 7);

    const list = (await get('/api/v1/industries')).json.items;
    const clusters = list.filter((i) => i.kind === 'cluster').map((i) => i.id);
    const inCategories = p.categories.flatMap((c) => c.industries);
    assert.equal(inCategories.length, 20, 'each cluster once');
    assert.deepEqual([...inCategories].sort(), [...clusters].sort(), 'categories cover exactly the 20 clusters');
    for (const i of list) {
      const cat = p.categories.find((c) => c.industries.includes(i.id));
      assert.equal(i.category, cat ? cat.id : null, `${i.id}.category agrees with the categories`);
    }

    assert.equal(typeof p.source, 'string');
    assert.ok(p.source.includes(p.document.title), `source ${p.source} names the document`);
    assert.match(p.source, /深圳市人民政府关于发展壮大战略性新兴产业集群和培育发展未来产业的意见/);
  });

  test('GET /api/v1/industries: all 28, the same objects as `catalog list --json`', async () => {
    const r = await get('/api/v1/industries');
    assert.equal(r.status, 200);
    assert.equal(r.json.total, 28);
    assert.equal(r.json.items.length, 28);
    assert.equal(r.json.offset, 0);
    const cli = await run(['catalog', 'list', '--json']);
    assert.equal(cli.status, 0, cli.stderr);
    assert.deepEqual(r.json.items, JSON.parse(cli.stdout));
  });

  test('GET /api/v1/industries: filters', async () => {
    const q = async (query) => {
      const r = await get(`/api/v1/industries?${query}`);
      assert.equal(r.status, 200, `${query}: ${r.text.slice(0, 300)}`);
      assert.equal(r.json.total, r.json.items.length, `${query}: total vs items`);
      return r.json.items;
    };
    const future = await q('kind=future');
    assert.equal(future.length, 8);
    assert.ok(future.every((i) => i.kind === 'future'));

    const sb = await q('tier=short_board');
    assert.deepEqual(sb.map((i) => i.name_zh).sort(), ['半导体与集成电路', '智能传感器', '工业母机'].sort());

    const byName = await q(`district=${encodeURIComponent('南山')}`);
    const byId = await q('district=nanshan');
    const byCode = await q('district=440305');
    assert.ok(byName.length > 0);
    assert.deepEqual(byId, byName);
    assert.deepEqual(byCode, byName);
    assert.ok(byName.every((i) => i.districts.includes('南山')), 'every item is in 南山');
    const all = await q('');
    assert.deepEqual(byName, all.filter((i) => i.districts.includes('南山')), 'and every 南山 industry is listed');

    const shenshan = await q(`district=${encodeURIComponent('深汕')}`);
    assert.ok(shenshan.some((i) => i.id === 'intelligent-connected-vehicle'));

    const both = await q('kind=cluster&tier=pillar');
    assert.deepEqual(both.map((i) => i.name_zh).sort(),
      ['网络与通信', '软件与信息服务', '智能终端', '超高清视频显示', '新能源', '海洋产业'].sort());
    assert.deepEqual(await q('kind=future&tier=pillar'), []);
    const growth = await q('kind=future&tier=growth_point');
    assert.deepEqual(growth.map((i) => i.name_zh).sort(), ['合成生物', '区块链'].sort());
    assert.deepEqual(await q('tier=none'), all.filter((i) => i.tier === null));
  });

  test('GET /api/v1/industries: paging', async () => {
    const all = (await get('/api/v1/industries')).json.items;
    const r = await get('/api/v1/industries?limit=5&offset=25');
    assert.equal(r.status, 200);
    assert.equal(r.json.total, 28);
    assert.equal(r.json.limit, 5);
    assert.equal(r.json.offset, 25);
    assert.deepEqual(r.json.items, all.slice(25));
    const p2 = await get('/api/v1/industries?limit=5&offset=5');
    assert.deepEqual(p2.json.items, all.slice(5, 10));
    const empty = await get('/api/v1/industries?offset=100');
    assert.equal(empty.status, 200);
    assert.deepEqual(empty.json.items, []);
    assert.equal(empty.json.total, 28);
    const zero = await get('/api/v1/industries?limit=0');
    assert.equal(zero.status, 200);
    assert.deepEqual(zero.json.items, []);
  });

  test('GET /api/v1/industries: bad parameters answer 400 with an error body', async () => {
    for (const query of ['kind=bad', 'tier=bad', 'district=nowhere', `district=${encodeURIComponent('北京')}`,
      'limit=-1', 'limit=abc', 'limit=100000', 'limit=', 'limit=1.5', 'offset=-3', 'offset=x',
      'limit=99999999999999999999999']) {
      assertError(await get(`/api/v1/industries?${query}`), 400, query);
    }
  });

  test('GET /api/v1/industries/{id}: every industry equals its list object', async () => {
    const all = (await get('/api/v1/industries')).json.items;
    assert.equal(all.length, 28);
    for (const i of all) {
      const r = await get(`/api/v1/industries/${encodeURIComponent(i.id)}`);
      assert.equal(r.status, 200, i.id);
      assert.equal(r.headers['content-type'], JSON_TYPE);
      assert.deepEqual(r.json, i, i.id);
    }
  });

  test('GET /api/v1/industries/{id}: unknown id and trailing slash answer 404', async () => {
    assertError(await get('/api/v1/industries/nosuch'), 404, 'unknown id');
    assertError(await get('/api/v1/industries/'), 404, 'trailing slash');
    assertError(await get('/api/v1/industries/marine/extra'), 404, 'extra segment');
  });

  test('GET /api/v1/districts: 12 districts, each listing its industries', async () => {
    const r = await get('/api/v1/districts');
    assert.equal(r.status, 200);
    const ds = r.json.items;
    assert.equal(ds.length, 12);
    assert.equal(r.json.total, 12);
    const codes = ds.map((d) => d.code).filter((c) => c !== null).sort();
    assert.deepEqual(codes, ['440303', '440304', '440305', '440306', '440307', '440308', '440309', '440310', '440311']);
    for (const id of ['dapeng', 'shenshan', 'qianhai']) {
      const d = ds.find((x) => x.id === id);
      assert.ok(d, `district ${id} missing`);
      assert.equal(d.code, null, `${id}.code`);
    }
    assert.equal(new Set(ds.map((d) => d.id)).size, 12);
    const inds = (await get('/api/v1/industries')).json.items;
    for (const d of ds) {
      assert.equal(typeof d.short, 'string');
      const expected = inds.filter((i) => i.districts.includes(d.short)).map((i) => i.id);
      assert.deepEqual(d.industries, expected, `${d.id} (${d.short})`);
    }
    // Every district an industry names is one of the 12.
    const shorts = new Set(ds.map((d) => d.short));
    for (const i of inds) for (const s of i.districts) assert.ok(shorts.has(s), `${i.id}: unknown district ${s}`);
  });

  test('GET /api/v1/districts/{code}: by code and by id; unknown 404', async () => {
    const byCode = await get('/api/v1/districts/440305');
    const byId = await get('/api/v1/districts/nanshan');
    assert.equal(byCode.status, 200);
    assert.equal(byId.status, 200);
    assert.deepEqual(byCode.json, byId.json);
    assert.equal(byCode.json.id, 'nanshan');
    assert.equal(byCode.json.short, '南山');
    const list = (await get('/api/v1/districts')).json.items;
    assert.deepEqual(byId.json, list.find((d) => d.id === 'nanshan'));
    for (const d of list) {
      const one = await get(`/api/v1/districts/${encodeURIComponent(d.id)}`);
      assert.deepEqual(one.json, d, d.id);
    }
    assertError(await get('/api/v1/districts/440399'), 404, 'unknown code');
    assertError(await get('/api/v1/districts/nowhere'), 404, 'unknown id');
  });

  test('unknown API paths answer 404 JSON', async () => {
    for (const p of ['/api/v1/nosuch', '/api/v2/programme', '/api/', '/api/v1', '/api/v1/programme/x']) {
      assertError(await get(p), 404, p);
    }
  });

  test('other methods answer 405 with Allow; HEAD answers without a body', async () => {
    for (const p of ['/api/v1/programme', '/api/v1/industries/marine']) {
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
        const r = await get(p, { method });
        assertError(r, 405, `${method} ${p}`);
        assert.ok(r.headers.allow, `${method} ${p}: no Allow header`);
        assert.match(r.headers.allow, /\bGET\b/, `${method} ${p}: Allow ${r.headers.allow}`);
      }
    }
    const h = await request(port, '/api/v1/programme', { method: 'HEAD' });
    assert.equal(h.status, 200);
    assert.equal(h.body.length, 0);
    assert.equal(h.headers['content-type'], JSON_TYPE);
    const g = await request(port, '/api/v1/programme');
    assert.equal(h.headers.etag, g.headers.etag, 'HEAD and GET agree on the ETag');
    // On the wire too: nothing after the header block.
    const w = await rawRequest(port, raw('HEAD', '/api/v1/programme'));
    assert.equal(w.status, 200, w.text.slice(0, 200));
    assert.equal(w.text.slice(w.text.indexOf('\r\n\r\n') + 4), '', 'HEAD sent a body');
  });

  test('ETag and If-None-Match', async () => {
    const a = await request(port, '/api/v1/programme');
    assert.equal(a.status, 200);
    const etag = a.headers.etag;
    assert.match(etag ?? '', /^"[^"]+"$/, `strong ETag: ${etag}`);
    const again = await request(port, '/api/v1/programme');
    assert.equal(again.headers.etag, etag, 'stable ETag');

    const nm = await request(port, '/api/v1/programme', { headers: { 'If-None-Match': etag } });
    assert.equal(nm.status, 304);
    assert.equal(nm.body.length, 0);
    assert.equal(nm.headers.etag, etag);

    const list = await request(port, '/api/v1/programme', { headers: { 'If-None-Match': `"other", ${etag}` } });
    assert.equal(list.status, 304, 'an ETag in a list matches');

    const other = await request(port, '/api/v1/programme', { headers: { 'If-None-Match': '"0000000000000000"' } });
    assert.equal(other.status, 200);
    assert.deepEqual(other.body, a.body);

    const prefix = await request(port, '/api/v1/programme', { headers: { 'If-None-Match': etag.slice(0, -2) + '"' } });
    assert.equal(prefix.status, 200, 'a prefix of the ETag does not match');

    const otherPath = await request(port, '/api/v1/industries', { headers: { 'If-None-Match': etag } });
    assert.equal(otherPath.status, 200, 'another resource\'s ETag does not match');
  });

  test('gzip when accepted: different ETag, same content', async () => {
    const id = await request(port, '/api/v1/programme');
    const gz = await request(port, '/api/v1/programme', { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(gz.status, 200);
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gz.headers['content-type'], JSON_TYPE);
    assert.match(gz.headers.vary ?? '', /Accept-Encoding/i);
    assert.ok(gz.headers.etag && gz.headers.etag !== id.headers.etag,
      `gzip ETag ${gz.headers.etag} must differ from ${id.headers.etag}`);
    assert.ok(gz.body.length < id.body.length, 'compressed is smaller');
    assert.deepEqual(zlib.gunzipSync(gz.body), id.body, 'decompresses to the identity body');
    assert.equal(Number(gz.headers['content-length'] ?? gz.body.length), gz.body.length);

    const nm = await request(port, '/api/v1/programme',
      { headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': gz.headers.etag } });
    assert.equal(nm.status, 304, 'the gzip ETag revalidates the gzip representation');

    for (const ae of ['gzip;q=0', 'gzip; q=0', 'identity', 'deflate, br;q=1']) {
      const r = await request(port, '/api/v1/programme', { headers: { 'Accept-Encoding': ae } });
      assert.equal(r.headers['content-encoding'], undefined, `Accept-Encoding: ${ae}`);
      assert.deepEqual(r.body, id.body, `Accept-Encoding: ${ae}`);
      assert.equal(r.headers.etag, id.headers.etag);
    }
    for (const ae of ['gzip, deflate, br', 'br;q=1.0, gzip;q=0.8', 'deflate;q=0, gzip']) {
      const r = await request(port, '/api/v1/programme', { headers: { 'Accept-Encoding': ae } });
      assert.equal(r.headers['content-encoding'], 'gzip', `Accept-Encoding: ${ae}`);
      assert.deepEqual(zlib.gunzipSync(r.body), id.body);
    }
  });

  // Embedded files keep their ETags and gzip form from the first request on: repeated requests
  // must answer the same bytes, and both representations must revalidate.
  test('static files: gzip and ETags stay the same across requests', async () => {
    const plain = await request(port, '/vendor/echarts.min.js');
    const first = await request(port, '/vendor/echarts.min.js', { headers: { 'Accept-Encoding': 'gzip' } });
    const again = await request(port, '/vendor/echarts.min.js', { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(first.headers['content-encoding'], 'gzip');
    assert.deepEqual(again.body, first.body);
    assert.equal(again.headers.etag, first.headers.etag);
    assert.notEqual(first.headers.etag, plain.headers.etag);
    assert.deepEqual(zlib.gunzipSync(first.body), plain.body);
    for (const [etag, ae] of [[plain.headers.etag, 'identity'], [first.headers.etag, 'gzip']]) {
      const nm = await request(port, '/vendor/echarts.min.js',
        { headers: { 'Accept-Encoding': ae, 'If-None-Match': etag } });
      assert.equal(nm.status, 304, `revalidate ${ae}`);
      assert.equal(nm.body.length, 0);
    }
    assert.match(plain.headers['cache-control'], /max-age/);
  });

  // RFC 9110 12.4.2: the "q" parameter name is case-insensitive.
  test('Accept-Encoding with an upper-case Q=0 is not compressed', async () => {
    const r = await request(port, '/api/v1/programme', { headers: { 'Accept-Encoding': 'GZIP;Q=0' } });
    assert.equal(r.headers['content-encoding'], undefined);
  });

  test('static files: the dashboard and the vendored library', async () => {
    const home = await request(port, '/');
    assert.equal(home.status, 200);
    assert.match(home.headers['content-type'], /^text\/html/);
    assert.ok(home.text.includes('集群'), 'index.html mentions 集群');
    const index = await request(port, '/index.html');
    assert.deepEqual(index.body, home.body, '/ serves index.html');
    const js = await request(port, '/vendor/echarts.min.js');
    assert.equal(js.status, 200);
    assert.match(js.headers['content-type'], /^text\/javascript/);
    assert.ok(js.body.length > 100000, 'the whole library');
    assertError(await get('/nosuch.html'), 404, '/nosuch.html');
  });

  test('path traversal never leaves the embedded files', async () => {
    for (const target of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/web/../Makefile',
      '/..%2f..%2fetc%2fpasswd', '/%2E%2E/%2E%2E/%2E%2E/etc/passwd', '/./../Makefile', '//etc/passwd',
      '/vendor/../../Makefile', '/web/index.html', '/../src/main.c']) {
      const r = await rawRequest(port, raw('GET', target));
      assert.equal(r.status, 404, `${target}: ${r.text.slice(0, 200)}`);
      assert.ok(!r.text.includes('root:'), `${target} leaked /etc/passwd`);
      assert.ok(!r.text.includes('CFLAGS'), `${target} leaked the Makefile`);
    }
  });

  test('request limits: 414 for a long path, 431 for huge headers, still serving after', async () => {
    const long = await rawRequest(port, raw('GET', '/' + 'a'.repeat(10000)));
    assert.equal(long.status, 414, long.text.slice(0, 200));
    const longApi = await rawRequest(port, raw('GET', '/api/v1/industries/' + 'x'.repeat(10000)));
    assert.equal(longApi.status, 414, longApi.text.slice(0, 200));

    let headers = '';
    for (let i = 0; headers.length < 64 * 1024; i++) headers += `X-Filler-${i}: ${'b'.repeat(1000)}\r\n`;
    const big = await rawRequest(port, raw('GET', '/healthz', headers));
    assert.equal(big.status, 431, big.text.slice(0, 200));

    const h = await get('/healthz');
    assert.equal(h.status, 200, 'server still answers');
  });

  test('the path limit is 2048 bytes: 2048 is routed, 2049 is 414', async () => {
    const at = await rawRequest(port, raw('GET', '/' + 'a'.repeat(2047)));
    assert.equal(at.status, 404, at.text.slice(0, 200));
    const over = await rawRequest(port, raw('GET', '/' + 'a'.repeat(2048)));
    assert.equal(over.status, 414, over.text.slice(0, 200));
  });

  test('keep-alive: two pipelined requests on one connection are both answered', async () => {
    const r = await rawRequest(port,
      'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n' + raw('GET', '/api/v1/districts/nanshan'));
    const statuses = [...r.text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
    assert.deepEqual(statuses, [200, 200], r.text.slice(0, 400));
    assert.ok(r.text.includes('"status":"ok"'));
    assert.ok(r.text.includes('"id":"nanshan"'));
  });

  test('200 concurrent requests are all answered correctly', async () => {
    const ref = {
      '/api/v1/programme': (await request(port, '/api/v1/programme')).body,
      '/api/v1/districts': (await request(port, '/api/v1/districts')).body,
      '/api/v1/industries?kind=future': (await request(port, '/api/v1/industries?kind=future')).body,
    };
    const paths = Object.keys(ref);
    const rs = await Promise.all(Array.from({ length: 200 }, (_, i) => {
      const gz = i % 3 === 0;
      return request(port, paths[i % paths.length], { headers: gz ? { 'Accept-Encoding': 'gzip' } : {} })
        .then((r) => ({ ...r, p: paths[i % paths.length], gz }));
    }));
    for (const r of rs) {
      assert.equal(r.status, 200, r.p);
      const body = r.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(r.body) : r.body;
      assert.deepEqual(body, ref[r.p], r.p);
    }
  });

  // Error messages quote the client's input, cut with "%.64s" or "%.200s" (which can split a
  // multi-byte character) or not UTF-8 at all; the error body must still be valid JSON.
  test('error bodies stay JSON for long non-ASCII and invalid UTF-8 input', async () => {
      const long = encodeURIComponent('半'.repeat(30)); // 90 bytes: "%.64s" cuts a character
      for (const p of [`/api/v1/industries/${long}`, `/api/v1/districts/${long}`,
        `/api/v1/industries?district=${long}`, `/${encodeURIComponent('页'.repeat(100))}`,
        '/api/v1/industries/%ff', '/%ff.html']) {
        const r = await get(p);
        assertError(r, p.includes('district=') ? 400 : 404, p);
      }
    });

  // The path is decoded before routing and compared as a C string, so "%00" would end it early:
  // /api/v1/industries/marine%00anything must not answer as /api/v1/industries/marine.
  test('a path with an encoded NUL is not served as its prefix', async () => {
      const r = await rawRequest(port, raw('GET', '/api/v1/industries/marine%00x'));
      assert.notEqual(r.status, 200, r.text.slice(0, 300));
      const s = await rawRequest(port, raw('GET', '/index.html%00.png'));
      assert.notEqual(s.status, 200, s.text.slice(0, 300));
    });

  test('a 1 MB body to POST /api/v1/programme answers 405 or 413; server still answers', async () => {
    let r;
    try {
      r = await request(port, '/api/v1/programme', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(1 << 20) },
        body: Buffer.alloc(1 << 20, 0x61),
        timeoutMs: 15000,
      });
    } catch (e) {
      // A server may answer and close before reading the body; then only the raw status counts.
      const w = await rawRequest(port, `POST /api/v1/programme HTTP/1.1\r\nHost: x\r\nContent-Length: ${1 << 20}\r\n` +
        `Connection: close\r\n\r\n${'a'.repeat(1 << 20)}`, { timeoutMs: 15000 });
      r = { status: w.status, text: w.text, error: e.message };
    }
    assert.ok(r.status === 405 || r.status === 413, `status ${r.status} ${r.error ?? ''}`);
    const h = await get('/healthz');
    assert.equal(h.status, 200, 'server still answers');
  });

  test('security headers on API and static responses', async () => {
    for (const p of ['/api/v1/programme', '/api/v1/nosuch', '/']) {
      const r = await request(port, p);
      assert.equal(r.headers['x-content-type-options'], 'nosniff', p);
      assert.match(r.headers['content-security-policy'] ?? '', /frame-ancestors 'none'/, p);
    }
  });

  test('docs/openapi.yaml documents every route of src/http/router.c', () => {
    const router = fs.readFileSync(path.join(REPO_ROOT, 'src/http/router.c'), 'utf8');
    const routes = [...router.matchAll(/\{\s*"GET"\s*,\s*"(\/[^"]*)"/g)].map((m) => m[1]).filter((p) => p !== '/*');
    assert.ok(routes.includes('/healthz'));
    assert.ok(routes.includes('/api/v1/programme'));
    assert.ok(routes.length >= 6, `routes parsed from router.c: ${routes}`);
    const specPath = path.join(REPO_ROOT, 'docs/openapi.yaml');
    assert.ok(fs.existsSync(specPath), 'docs/openapi.yaml is missing');
    const spec = fs.readFileSync(specPath, 'utf8');
    assert.match(spec, /^openapi: ["']?3\./m, 'an OpenAPI 3 document');
    for (const route of routes) {
      // A path item key: the route at the start of a line (indented), followed by a colon.
      const re = new RegExp(`^\\s+["']?${route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?:\\s*$`, 'm');
      assert.match(spec, re, `docs/openapi.yaml does not document ${route}`);
    }
    // Every method of every route (writes too): the path item has that operation.
    const all = [...router.matchAll(/\{\s*"(GET|POST|PUT|DELETE)"\s*,\s*"(\/[^"]*)"/g)]
      .map((m) => [m[1].toLowerCase(), m[2]]).filter(([, p]) => p !== '/*');
    assert.ok(all.some(([m]) => m === 'post'), 'write routes parsed from router.c');
    for (const [method, route] of all) {
      const start = spec.indexOf(`\n  ${route}:\n`);
      assert.ok(start >= 0, `docs/openapi.yaml does not document ${route}`);
      const rest = spec.slice(start + route.length + 4);
      const end = rest.search(/\n {2}\S/);
      const item = end < 0 ? rest : rest.slice(0, end);
      assert.match(item, new RegExp(`^ {4}${method}:`, 'm'), `docs/openapi.yaml: ${method.toUpperCase()} ${route} is not documented`);
    }
  });

  test('the server stops on SIGTERM with exit code 0 and no sanitizer report', async () => {
    const x = await srv.stop('SIGTERM');
    stopped = true;
    assert.equal(x.signal, null, `killed by ${x.signal}\n${x.stderr}`);
    assert.equal(x.code, 0, `exit code ${x.code}\n${x.stderr}`);
    assert.doesNotMatch(x.stderr, SANITIZER_RE, x.stderr);
    assert.ok(!x.stderr.includes('ERROR: AddressSanitizer'));
    assert.ok(!x.stderr.includes('runtime error'));
  });
});
