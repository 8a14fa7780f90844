// checkpoint.test.mjs - the server's writes under concurrency, and its write-ahead log:
//  - many writes sent at once over separate connections all land (the server's threads take
//    turns on one write lock instead of meeting SQLite's busy handler), each once;
//  - the request connections leave checkpoints to the server's checkpointer thread, which copies
//    committed writes into the database file itself within a second or so: read with
//    ?immutable=1, SQLite ignores the log and sees only what a checkpoint has copied. Without the
//    checkpointer nothing a few writes commit would reach the file (the default automatic
//    checkpoint waits for 1,000 pages of log).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { SANITIZER_RE, adminHeaders, initDb, request, sleep, sqlite, startServer } from './lib.mjs';

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

test('concurrent writes all land once, and the checkpointer copies them into the database file', async () => {
  const posts = [];
  for (let i = 0; i < N; i++) {
    posts.push(request(server.port, '/api/v1/lists/orgs', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: '协会', name: `并发写入协会${i}`, industry: 'marine' }),
      timeoutMs: 20000,
    }));
  }
  const answers = await Promise.all(posts);
  for (const r of answers) assert.equal(r.status, 201, r.text);

  const count = "SELECT count(*) FROM org WHERE name LIKE '并发写入协会%'";
  assert.equal(await sqlite(db, count), String(N), 'through the log, every write is there');
  const audit = "SELECT count(*) FROM audit WHERE list = 'orgs' AND action = 'create'";
  assert.equal(await sqlite(db, audit), String(N), 'one audit entry per write');

  // The file alone, as a checkpoint leaves it.
  const fileOnly = `file:${db}?immutable=1`;
  let seen = '';
  for (let i = 0; i < 50 && seen !== String(N); i++) {
    await sleep(100);
    seen = await sqlite(fileOnly, count);
  }
  assert.equal(seen, String(N), 'the checkpointer copied the committed writes into the database file');
});
