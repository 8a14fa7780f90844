// concurrency.test.mjs - many writes sent to the server at once, over separate connections:
// every one lands, once, with one audit entry each (the server's threads take turns on the
// store's write lock instead of meeting SQLite's busy handler), and the write-ahead log stays
// bounded: the commit that fills it past 4 MiB (the store's wal_autocheckpoint) copies it into
// the database file while it holds the lock, so the next writer starts it over.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { SANITIZER_RE, adminHeaders, initDb, request, sqlite, startServer } from './lib.mjs';

let dir;
let db;
let server;
let auth;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiqun-it-'));
  db = await initDb(dir);
  auth = await adminHeaders(db);
  server = await startServer({ db });
});

after(async () => {
  if (server) {
    const r = await server.stop();
    assert.doesNotMatch(r.stderr, SANITIZER_RE);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

const N = 24;
const ROUNDS = 16;

test('concurrent writes all land once with one audit entry each; the log stays bounded', async () => {
  const detail = 'x'.repeat(1500); // a record that takes most of a page
  for (let round = 0; round < ROUNDS; round++) {
    const posts = [];
    for (let i = 0; i < N; i++) {
      posts.push(request(server.port, '/api/v1/lists/orgs', {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: '协会', name: `并发写入协会${round}-${i}`, industry: 'marine', detail }),
        timeoutMs: 30000,
      }));
    }
    const answers = await Promise.all(posts);
    for (const r of answers) assert.equal(r.status, 201, r.text);
  }
  const count = "SELECT count(*) FROM org WHERE name LIKE '并发写入协会%'";
  assert.equal(await sqlite(db, count), String(N * ROUNDS), 'every write is there');
  const audit = "SELECT count(*) FROM audit WHERE list = 'orgs' AND action = 'create'";
  assert.equal(await sqlite(db, audit), String(N * ROUNDS), 'one audit entry per write');
  // Each write logs several pages (record, index, audit row and its three indexes): 384 writes log
  // well over 4 MiB, so checkpoints ran and the log started over.
  // The store checkpoints at 4 MiB of log whatever the page size (src/store/sqlite.c).
  const wal = fs.statSync(`${db}-wal`).size;
  assert.ok(wal > 0 && wal < 4.5 * 2 ** 20, `the log is ${wal} bytes`);
});
