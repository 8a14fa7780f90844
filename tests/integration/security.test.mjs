// security.test.mjs - the server against hostile requests (issue 6, item 5): security headers on
// every response we make, pages that need no inline script (so the CSP can forbid it), limits on
// body, target and header sizes and on connections per address, path traversal towards files
// outside web/, and malformed JSON bodies answered 400 with a Chinese message naming the field.
// One server on a fresh database; the last test stops it and asserts a clean exit.
//
// What the server answers at each limit (also README.md, "Limits"):
//   body over 1 MiB (HTTP_MAX_BODY)            413 from our handler, JSON, with the headers
//   request target over 2048 bytes             414 from our handler, JSON, with the headers
//   request line + headers over 32 KiB         431 from libmicrohttpd itself (no JSON body)
//   more than 256 connections from one address  the extra connection is closed unanswered
//   a connection idle for 30 s                  closed (HTTP_TIMEOUT_SECONDS; not tested here)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  REPO_ROOT, SANITIZER_RE, adminHeaders, getJson, initDb, rawRequest, request, sleep, startServer,
} from './lib.mjs';

/** A raw HTTP/1.1 request with Connection: close. */
function raw(method, target, extra = '', body = '') {
  const len = body.length ? `Content-Length: ${Buffer.byteLength(body)}\r\n` : '';
  return `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}${len}Connection: close\r\n\r\n${body}`;
}

/** Lower-cased header map of a raw response text. */
function rawHeaders(text) {
  const head = text.split('\r\n\r\n')[0].split('\r\n').slice(1);
  return Object.fromEntries(head.map((l) => {
    const i = l.indexOf(':');
    return [l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim()];
  }));
}

/** The directives of a Content-Security-Policy value, by name. */
function csp(value) {
  return Object.fromEntries((value ?? '').split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...sources] = d.split(/\s+/);
    return [name, sources];
  }));
}

/** Assert the headers every response of ours carries. */
function assertSecurityHeaders(headers, what) {
  assert.equal(headers['x-content-type-options'], 'nosniff', `${what}: X-Content-Type-Options`);
  assert.equal(headers['x-frame-options'], 'DENY', `${what}: X-Frame-Options`);
  assert.equal(headers['referrer-policy'], 'same-origin', `${what}: Referrer-Policy`);
  const value = headers['content-security-policy'];
  const p = csp(value);
  assert.deepEqual(p['script-src'], ["'self'"], `${what}: script-src in ${value}`);
  assert.deepEqual(p['default-src'], ["'self'"], `${what}: default-src`);
  assert.deepEqual(p['frame-ancestors'], ["'none'"], `${what}: frame-ancestors`);
  assert.deepEqual(p['object-src'], ["'none'"], `${what}: object-src`);
  assert.doesNotMatch(value, /unsafe-inline|unsafe-eval|\*/, `${what}: ${value}`);
}

describe('security', () => {
  let dir;
  let srv;
  let port;
  let stopped = false;
  let admin;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiqun-sec-'));
    const db = await initDb(dir);
    admin = await adminHeaders(db); // writes need an account: the JSON checks run as a city admin
    srv = await startServer({ db });
    port = srv.port;
  });

  after(async () => {
    if (srv && !stopped) await srv.stop('SIGKILL');
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const send = (method, p, body, headers = { 'Content-Type': 'application/json' }) =>
    getJson(port, p, { method, headers, body });

  test('every kind of response carries the security headers', async () => {
    const programme = await request(port, '/api/v1/programme');
    const cases = [
      ['200 API', programme],
      ['200 page', await request(port, '/')],
      ['200 script', await request(port, '/js/api.js')],
      ['200 gzip', await request(port, '/vendor/echarts.min.js', { headers: { 'Accept-Encoding': 'gzip' } })],
      ['304', await request(port, '/api/v1/programme', { headers: { 'If-None-Match': programme.headers.etag } })],
      ['404 API', await request(port, '/api/v1/nosuch')],
      ['404 page', await request(port, '/nosuch.html')],
      ['405', await request(port, '/api/v1/programme', { method: 'DELETE' })],
      ['400 query', await request(port, '/api/v1/industries?limit=-1')],
      ['400 body', await send('POST', '/api/v1/lists/projects', '{')],
      ['201 or refused write', await send('POST', '/api/v1/lists/orgs', JSON.stringify({ name: '安全测试机构' }))],
    ];
    assert.equal(cases[4][1].status, 304);
    for (const [what, r] of cases) assertSecurityHeaders(r.headers, `${what} (${r.status})`);
    const long = await rawRequest(port, raw('GET', '/' + 'a'.repeat(3000)));
    assert.equal(long.status, 414);
    assertSecurityHeaders(rawHeaders(long.text), '414');
  });

  // The programme's response is made once and then reused: later answers must be whole too.
  test('the reused programme response keeps its headers, body and validators', async () => {
    const first = await request(port, '/api/v1/programme');
    const firstGz = await request(port, '/api/v1/programme', { headers: { 'Accept-Encoding': 'gzip' } });
    for (let i = 0; i < 3; i++) {
      const r = await request(port, '/api/v1/programme');
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, first.body);
      assert.equal(r.headers.etag, first.headers.etag);
      assert.equal(r.headers['cache-control'], 'no-cache');
      assertSecurityHeaders(r.headers, `programme #${i + 2}`);
      const z = await request(port, '/api/v1/programme', { headers: { 'Accept-Encoding': 'gzip' } });
      assert.equal(z.headers['content-encoding'], 'gzip');
      assert.deepEqual(z.body, firstGz.body);
      assert.equal(z.headers.etag, firstGz.headers.etag);
      assertSecurityHeaders(z.headers, `programme gzip #${i + 2}`);
      const head = await request(port, '/api/v1/programme', { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.body.length, 0);
      assert.equal(head.headers['content-length'], String(first.body.length));
    }
  });

  // The CSP forbids inline script and style: a page with any would break in the browser.
  test('the pages have no inline script, event handler attribute or inline style', () => {
    const web = path.join(REPO_ROOT, 'web');
    const pages = fs.readdirSync(web).filter((f) => f.endsWith('.html'));
    assert.ok(pages.length >= 3, `pages: ${pages}`);
    for (const f of pages) {
      const html = fs.readFileSync(path.join(web, f), 'utf8');
      for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
        assert.match(m[1], /\bsrc=/, `${f}: <script> without src`);
        assert.equal(m[2].trim(), '', `${f}: inline script`);
      }
      assert.doesNotMatch(html, /\son[a-z]+\s*=/i, `${f}: event handler attribute`);
      assert.doesNotMatch(html, /javascript:/i, `${f}: javascript: URL`);
      assert.doesNotMatch(html, /<style\b|\sstyle\s*=/i, `${f}: inline style`);
    }
  });

  test('path traversal: never a file from outside web/, only 400 or 404', async () => {
    const attempts = [
      '/../Makefile', '/../../../../../../etc/passwd', '/web/../Makefile', '/vendor/../../Makefile',
      '/%2e%2e/Makefile', '/%2E%2E/%2E%2E/etc/passwd', '/.%2e/Makefile', '/%2e./Makefile',
      '/..%2fMakefile', '/..%2F..%2Fetc%2Fpasswd', '/js%2f..%2f..%2fMakefile',
      '/%252e%252e/%252e%252e/etc/passwd', '/%252e%252e%252fMakefile', '/%25252e%25252e/Makefile',
      '/index.html%00', '/%00../Makefile', '/../Makefile%00.html', '/js/api.js%00.html',
      '/..\\Makefile', '/..\\..\\etc\\passwd', '/..%5cMakefile', '/..%5c..%5cetc%5cpasswd',
      '/%c0%ae%c0%ae/Makefile', '/%e0%80%ae%e0%80%ae/Makefile', '/..;/Makefile',
      '//etc/passwd', '/./../Makefile', '/src/main.c', '/web/index.html', '/.git/config',
      '/../.git/HEAD', '/api/../Makefile', '/api/v1/../../Makefile',
    ];
    for (const target of attempts) {
      const r = await rawRequest(port, raw('GET', target));
      assert.ok(r.status === 404 || r.status === 400, `${target}: ${r.status} ${r.text.slice(0, 200)}`);
      assert.doesNotMatch(r.text, /root:x?:0:0|CFLAGS|#include|\[core\]|ref: refs/, `${target} leaked a file`);
    }
    // And the files that are there are still served.
    for (const ok of ['/index.html', '/js/api.js']) {
      assert.equal((await rawRequest(port, raw('GET', ok))).status, 200, ok);
    }
  });

  test('body size: 1 MiB is read, one byte more is 413 with a message', async () => {
    const at = await send('POST', '/api/v1/lists/projects', Buffer.alloc(1 << 20, 0x20));
    assert.notEqual(at.status, 413, 'exactly HTTP_MAX_BODY is allowed');
    const over = await rawRequest(port, raw('POST', '/api/v1/lists/projects', 'Content-Type: application/json\r\n',
      ' '.repeat((1 << 20) + 1)), { timeoutMs: 20000 });
    assert.equal(over.status, 413, over.text.slice(0, 300));
    const body = JSON.parse(Buffer.from(over.text.split('\r\n\r\n')[1], 'latin1').toString('utf8'));
    assert.equal(body.error.code, 'too_large');
    assert.match(body.error.message, /请求内容过大/);
    assertSecurityHeaders(rawHeaders(over.text), '413');
  });

  test('target and header sizes: 414 past 2048 bytes, 431 past 32 KiB of headers', async () => {
    assert.equal((await rawRequest(port, raw('GET', '/api/v1/programme?x=' + 'a'.repeat(2100)))).status, 414);
    assert.equal((await rawRequest(port, raw('GET', '/' + 'a'.repeat(40000)))).status, 414);
    const one = await rawRequest(port, raw('GET', '/healthz', `X-Big: ${'b'.repeat(33 * 1024)}\r\n`));
    assert.equal(one.status, 431, one.text.slice(0, 200));
    let many = '';
    for (let i = 0; many.length < 40 * 1024; i++) many += `X-H-${i}: ${'c'.repeat(100)}\r\n`;
    assert.equal((await rawRequest(port, raw('GET', '/healthz', many))).status, 431);
    assert.equal((await request(port, '/healthz')).status, 200, 'still serving');
  });

  test('malformed JSON bodies: 400 with a Chinese message saying where or which field', async () => {
    // Without an account a write is refused before its body is looked at.
    assert.equal((await getJson(port, '/api/v1/lists/projects', { method: 'POST', body: '{' })).status, 401);
    const send = (method, p, body) =>
      getJson(port, p, { method, headers: { 'Content-Type': 'application/json', ...admin }, body });
    const bad = await send('POST', '/api/v1/lists/projects', '{"name": "x",\n "code": }');
    assert.equal(bad.status, 400, bad.text);
    assert.equal(bad.json.error.code, 'invalid');
    assert.match(bad.json.error.message, /请求内容不是有效的JSON：第2行第\d+列/);

    const empty = await send('POST', '/api/v1/lists/projects', '');
    assert.equal(empty.status, 400);
    assert.match(empty.json.error.message, /请求内容为空/);

    for (const body of ['[1, 2]', '"text"', '42', 'null']) {
      const r = await send('POST', '/api/v1/lists/projects', body);
      assert.equal(r.status, 400, body);
      assert.match(r.json.error.message, /应为JSON对象/, body);
    }

    const unknown = await send('POST', '/api/v1/lists/projects', JSON.stringify({ name: 'x', 口令: 1 }));
    assert.equal(unknown.status, 400);
    assert.match(unknown.json.error.message, /字段“口令”不属于清单/);

    const dup = await send('POST', '/api/v1/lists/projects', '{"name": "a", "name": "b"}');
    assert.equal(dup.status, 400);
    assert.match(dup.json.error.message, /请求内容不是有效的JSON/);

    // A value of the wrong shape: the issue names the field; the message names the first issue's.
    const shape = await send('POST', '/api/v1/lists/orgs', JSON.stringify({ name: { nested: 1 } }));
    assert.equal(shape.status, 400, shape.text);
    assert.match(shape.json.error.message, /^[a-z_]+：/);
    assert.ok(shape.json.error.issues.some((i) => i.field === 'name' && /不能是对象或数组/.test(i.message)),
      JSON.stringify(shape.json.error.issues));

    // Invalid UTF-8 in a body is refused by the JSON parser, and the message stays valid JSON.
    const latin = await send('POST', '/api/v1/lists/orgs', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]));
    assert.equal(latin.status, 400);
    assert.ok(latin.json, latin.text);
  });

  test('more than 256 connections from one address: the extra one is closed, then all is well', async () => {
    const idle = [];
    const open = () => new Promise((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1', () => resolve(s));
      s.on('error', reject);
    });
    try {
      for (let i = 0; i < 256; i++) idle.push(await open());
      await sleep(300); // let the server accept them all
      const extra = await rawRequest(port, raw('GET', '/healthz'), { timeoutMs: 3000 });
      assert.equal(extra.status, null, `connection 257 was answered: ${extra.text.slice(0, 100)}`);
    } finally {
      for (const s of idle) s.destroy();
    }
    await sleep(300);
    assert.equal((await request(port, '/healthz')).status, 200, 'served again once they closed');
  });

  test('the server stops cleanly after all this (no sanitizer report)', async () => {
    const x = await srv.stop('SIGTERM');
    stopped = true;
    assert.doesNotMatch(x.stderr, SANITIZER_RE, x.stderr.slice(0, 2000));
    assert.equal(x.code, 0, x.stderr.slice(0, 2000));
  });
});
