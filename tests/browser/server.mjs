// server.mjs - start and stop a Jiqun server for tests (browser tests and API integration tests).
//
//   import { startServer } from './server.mjs';
//   const srv = await startServer();            // or startServer({ bin, args })
//   ... fetch(srv.baseUrl + '/api/v1/programme') ...
//   await srv.stop();
//
// When JIQUN_BASE_URL is set (e.g. http://127.0.0.1:18080), nothing is spawned: that server is
// used as it is and stop() does nothing. Otherwise the binary ($JIQUN_BIN, default build/jiqun,
// relative to the repository root) is run as
//   <bin> init --db <tmp>/t.db          (once, unless args.init === false)
//   with { data: true }: <bin> demo --db <tmp>/t.db when the binary has a `demo` command, else
//                        <bin> import LIST tests/fixtures/lists/LIST.csv for the seven lists
//   <bin> serve --db <tmp>/t.db --port <free port>
// and the server counts as up when GET /healthz answers 200 (polled for at most 10 s).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// A TCP port that was free a moment ago: listen on port 0, read the number, close.
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// The lists in the order their references need (listings name enterprises, fund investments funds).
export const FIXTURE_LISTS = ['enterprises', 'listings', 'leads', 'projects', 'platforms', 'policies', 'orgs', 'fund_investments'];
export const FIXTURE_DIR = path.join(REPO_ROOT, 'tests', 'fixtures', 'lists');

function run(bin, args) {
  const r = spawnSync(bin, args, { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60000 });
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (status ${r.status}): ${r.stderr || r.stdout || r.error}`);
  return r;
}

function hasCommand(bin, name) {
  const r = spawnSync(bin, ['help'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 10000 });
  return new RegExp(`^\\s+${name}\\s`, 'm').test(r.stdout || '');
}

// Fill a fresh database: the demo data set when `jiqun demo` exists, else the fixture CSVs.
// Returns 'demo' or 'fixtures'.
export function fillData(bin, dbPath) {
  if (process.env.JIQUN_TEST_DATA !== 'fixtures' && hasCommand(bin, 'demo')) {
    run(bin, ['demo', '--db', dbPath]);
    // Classify and compute, so the statistics pages show figures as `make run` does.
    if (hasCommand(bin, 'compute')) {
      run(bin, ['classify', '--db', dbPath]);
      run(bin, ['compute', '--db', dbPath]);
    }
    return 'demo';
  }
  for (const list of FIXTURE_LISTS) run(bin, ['import', list, path.join(FIXTURE_DIR, `${list}.csv`), '--db', dbPath]);
  return 'fixtures';
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitHealthy(baseUrl, child, output, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let lastErr = '';
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`server exited with code ${child.exitCode} before answering /healthz:\n${output()}`);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return;
      lastErr = `HTTP ${res.status}`;
    } catch (e) {
      lastErr = e.message;
    }
    await sleep(100);
  }
  throw new Error(`server at ${baseUrl} did not answer /healthz with 200 within ${timeoutMs} ms (${lastErr}):\n${output()}`);
}

/**
 * Start a server (or reuse $JIQUN_BASE_URL).
 * @param {object} [opts]
 * @param {string} [opts.bin]   binary path; default $JIQUN_BIN or build/jiqun (relative to the repo root)
 * @param {string[]} [opts.args] extra arguments appended to `serve`
 * @param {boolean} [opts.init] run `init --db` first (default true)
 * @param {boolean} [opts.data] after init, fill the lists (fillData: demo or fixture CSVs)
 * @param {number} [opts.timeoutMs] how long to wait for /healthz (default 10000)
 * @returns {Promise<{baseUrl: string, dbPath: string|null, stop: () => Promise<void>, data: string|null}>}
 */
export async function startServer(opts = {}) {
  const external = process.env.JIQUN_BASE_URL;
  if (external) {
    const baseUrl = external.replace(/\/+$/, '');
    await waitHealthy(baseUrl, null, () => '', opts.timeoutMs ?? 10000);
    return { baseUrl, dbPath: null, stop: async () => {} };
  }

  const bin = path.resolve(REPO_ROOT, opts.bin || process.env.JIQUN_BIN || 'build/jiqun');
  if (!fs.existsSync(bin)) {
    throw new Error(`server binary ${bin} not found: build it (make) or set JIQUN_BASE_URL`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiqun-test-'));
  const dbPath = path.join(dir, 't.db');
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });

  if (opts.init !== false) {
    const r = spawnSync(bin, ['init', '--db', dbPath], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30000 });
    if (r.status !== 0) {
      cleanup();
      throw new Error(`${bin} init failed (status ${r.status}): ${r.stderr || r.stdout || r.error}`);
    }
  }
  let data = null;
  if (opts.data) {
    try {
      data = fillData(bin, dbPath);
    } catch (e) {
      cleanup();
      throw e;
    }
  }

  const port = await freePort();
  const child = spawn(bin, ['serve', '--db', dbPath, '--port', String(port), ...(opts.args || [])], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b) => { out = (out + b.toString()).slice(-8000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    }
    cleanup();
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(baseUrl, child, () => out, opts.timeoutMs ?? 10000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { baseUrl, dbPath, stop, output: () => out, data };
}

/**
 * Add an account to the server's database (`jiqun user add NAME --role ROLE ... --password-stdin`)
 * and return {name, password}. With JIQUN_BASE_URL (no database at hand) the demo accounts of
 * `make run` are assumed: demo-admin etc., password jiqun-demo.
 */
export function addAccount(srv, name, role, { district, industries = [], password } = {}) {
  if (!srv.dbPath) return { name: role === 'city-admin' ? 'demo-admin' : `demo-${role}`, password: 'jiqun-demo' };
  const pw = password || `pass-${name}-1`;
  const bin = path.resolve(REPO_ROOT, process.env.JIQUN_BIN || 'build/jiqun');
  const args = ['user', 'add', name, '--role', role, '--password-stdin', '--db', srv.dbPath];
  if (district) args.push('--district', district);
  for (const i of industries) args.push('--industry', i);
  const r = spawnSync(bin, args, { cwd: REPO_ROOT, encoding: 'utf8', input: `${pw}\n`, timeout: 30000 });
  if (r.status !== 0) throw new Error(`jiqun user add ${name} failed: ${r.stderr || r.stdout}`);
  return { name, password: pw };
}
