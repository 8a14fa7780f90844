// lib.mjs - helpers for the integration tests: run the jiqun binary, start and stop a server,
// send requests with node:http (no transparent decompression) or raw node:net sockets (no path
// normalisation), temporary directories, hashes and display widths.
//
// The binary is $JIQUN_BIN (default build/san/jiqun, the sanitizer build), relative to the
// repository root. Spawns run in the repository root unless a test gives another cwd.
//
// (tests/browser/server.mjs starts servers too, but its stop() does not report the exit code,
// which these tests must assert: a non-zero exit after SIGTERM is a sanitizer finding.)
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.resolve(REPO_ROOT, process.env.JIQUN_BIN || 'build/san/jiqun');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Sanitizer reports that must never appear in a child's stderr.
export const SANITIZER_RE = /ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|SUMMARY: UndefinedBehaviorSanitizer/;

/** A fresh temporary directory, removed after test `t` (a node:test TestContext). */
export function tmpDir(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiqun-it-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Run `jiqun ...args` to completion. Resolves to {status, signal, stdout, stderr}; a run that
 * outlives timeoutMs is killed (SIGKILL) and resolves with timedOut: true.
 */
export function run(args, { env, cwd = REPO_ROOT, timeoutMs = 20000, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out = [];
    const err = [];
    let timedOut = false;
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    if (input !== undefined) child.stdin.end(input);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({
        status,
        signal,
        timedOut,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** A compact description of a run for assertion messages. */
export function describeRun(r) {
  return `status=${r.status} signal=${r.signal}${r.timedOut ? ' (timed out)' : ''}\n` +
    `--- stdout ---\n${r.stdout.slice(0, 2000)}\n--- stderr ---\n${r.stderr.slice(0, 4000)}`;
}

/** A TCP port that was free a moment ago: listen on port 0, read the number, close. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * One HTTP request with node:http. Resolves to {status, headers, body: Buffer, text}.
 * `body` (Buffer or string) is sent as is; `headers` are sent as given.
 */
export function request(port, reqPath, { method = 'GET', headers = {}, body, timeoutMs = 10000 } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: reqPath, method, headers, agent: false },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          resolve({ status: res.statusCode, headers: res.headers, body: buf, text: buf.toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout: ${method} ${reqPath}`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** GET a JSON document; asserts nothing, returns {status, headers, json, text}. */
export async function getJson(port, reqPath, opts) {
  const r = await request(port, reqPath, opts);
  let json;
  try {
    json = JSON.parse(r.text);
  } catch {
    json = undefined;
  }
  return { ...r, json };
}

/**
 * Send `data` verbatim over a raw TCP connection and collect what comes back until the server
 * closes the connection (or timeoutMs passes). Resolves to the response as a latin1 string plus
 * the status code parsed from the status line (or null). A reset after some data is not an error.
 */
export function rawRequest(port, data, { timeoutMs = 5000 } = {}) {
  return new Promise((resolve) => {
    const chunks = [];
    let done = false;
    const sock = net.connect(port, '127.0.0.1');
    const finish = (error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ text, status: m ? Number(m[1]) : null, error: error ? error.message : null });
    };
    const timer = setTimeout(() => finish(new Error('timeout')), timeoutMs);
    sock.on('connect', () => sock.write(data));
    sock.on('data', (c) => chunks.push(c));
    sock.on('end', () => finish());
    sock.on('close', () => finish());
    sock.on('error', (e) => finish(e));
  });
}

/**
 * Start `jiqun serve --db <db> --port <free port> ...args` and wait until GET /healthz answers
 * 200 (at most 10 s). Returns {port, baseUrl, child, stdout(), stderr(), stop(signal)}, where
 * stop sends the signal (SIGTERM by default) and resolves to {code, signal, stdout, stderr}
 * once the process has exited (SIGKILL after 10 s).
 */
export async function startServer({ db, args = [], timeoutMs = 10000 } = {}) {
  const port = await freePort();
  const child = spawn(BIN, ['serve', '--db', db, '--port', String(port), ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (b) => { out += b; });
  child.stderr.on('data', (b) => { err += b; });
  const exited = new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  let exitInfo = null;
  void exited.then((x) => { exitInfo = x; });

  const stop = async (signal = 'SIGTERM') => {
    if (exitInfo === null) {
      child.kill(signal);
      const t = setTimeout(() => child.kill('SIGKILL'), 10000);
      await exited;
      clearTimeout(t);
    }
    const x = await exited;
    return { ...x, stdout: out, stderr: err };
  };

  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    if (exitInfo !== null) {
      throw new Error(`jiqun serve exited (code ${exitInfo.code}, signal ${exitInfo.signal}) before ` +
        `answering /healthz\n--- stdout ---\n${out}\n--- stderr ---\n${err}`);
    }
    try {
      const r = await request(port, '/healthz', { timeoutMs: 1000 });
      if (r.status === 200) break;
      last = `HTTP ${r.status}`;
    } catch (e) {
      last = e.message;
    }
    if (Date.now() > deadline) {
      await stop('SIGKILL');
      throw new Error(`jiqun serve did not answer /healthz within ${timeoutMs} ms (${last})\n` +
        `--- stdout ---\n${out}\n--- stderr ---\n${err}`);
    }
    await sleep(50);
  }
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    child,
    stdout: () => out,
    stderr: () => err,
    stop,
  };
}

/** `jiqun init --db <dir>/<name>`, asserting success; returns the database path. */
export async function initDb(dir, name = 'jiqun.db') {
  const db = path.join(dir, name);
  const r = await run(['init', '--db', db]);
  if (r.status !== 0) throw new Error(`jiqun init failed\n${describeRun(r)}`);
  return db;
}

/** sha256 of a file's bytes, hex. */
export function sha256(file) {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Run the sqlite3 command-line shell; returns trimmed stdout, throws on failure. */
export function sqlite(db, sql) {
  return new Promise((resolve, reject) => {
    const child = spawn('sqlite3', [db, sql], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8'); // decodes characters split across chunks correctly
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (b) => { out += b; });
    child.stderr.on('data', (b) => { err += b; });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`sqlite3 ${db} "${sql}" failed (${code}): ${err}`));
      else resolve(out.trim());
    });
  });
}

/**
 * Display width of a string in a terminal: East Asian wide and fullwidth code points count 2,
 * everything else 1.
 */
export function displayWidth(s) {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0);
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6);
    w += wide ? 2 : 1;
  }
  return w;
}

/**
 * Add an account with `jiqun user add NAME --role ROLE [--district D] [--industry I]...
 * --password-stdin` (password default "pass-NAME-1") and make an API token for it with
 * `jiqun user token`. Resolves to {name, password, token, headers} where headers carry
 * "Authorization: Bearer TOKEN" for writes.
 */
export async function addUser(db, name, role, { district, industries = [], password } = {}) {
  const pw = password || `pass-${name}-1`;
  const args = ['user', 'add', name, '--role', role, '--password-stdin', '--db', db];
  if (district) args.push('--district', district);
  for (const i of industries) args.push('--industry', i);
  const a = await run(args, { input: `${pw}\n` });
  if (a.status !== 0) throw new Error(`jiqun user add ${name} failed\n${describeRun(a)}`);
  const t = await run(['user', 'token', name, '--db', db]);
  if (t.status !== 0) throw new Error(`jiqun user token ${name} failed\n${describeRun(t)}`);
  const token = t.stdout.trim();
  return { name, password: pw, token, headers: { Authorization: `Bearer ${token}` } };
}

/** A city admin's API token for the database (account "it-admin", made once per database). */
const adminTokens = new Map();
export async function adminHeaders(db) {
  if (!adminTokens.has(db)) adminTokens.set(db, (await addUser(db, 'it-admin', 'city-admin')).headers);
  return adminTokens.get(db);
}
