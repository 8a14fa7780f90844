// monitor-data.mjs - the hand-computed data set of monitor.test.mjs and stats-views.test.mjs
// (tests/fixtures/indicators/monitor-*.csv; the expected figures are worked out in those files'
// opening comments), loaded into a fresh database and computed.
import assert from 'node:assert/strict';
import path from 'node:path';

import { REPO_ROOT, SANITIZER_RE, describeRun, initDb, run, sqlite, tmpDir } from './lib.mjs';

const FIX = path.join(REPO_ROOT, 'tests', 'fixtures', 'indicators');
const ENTERPRISES = path.join(REPO_ROOT, 'tests', 'fixtures', 'lists', 'enterprises.csv');

/** Equal within a relative 1e-6. */
export const close = (a, b, msg) => assert.ok(Math.abs(a - b) < 1e-6 * Math.max(1, Math.abs(b)), `${msg}: ${a} != ${b}`);

/** Run the binary, asserting exit 0 and no sanitizer report. */
export async function ok(args) {
  const r = await run(args);
  assert.equal(r.status, 0, describeRun(r));
  assert.doesNotMatch(r.stderr, SANITIZER_RE);
  return r;
}

/** A database with the data set, computed: { dir, db, compute } (compute: the run's result). */
export async function monitorDataSet(t) {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  await ok(['import', 'enterprises', ENTERPRISES, '--db', db]);
  await ok(['import', 'indicators', path.join(FIX, 'monitor-values.csv'), '--db', db]);
  await ok(['import', 'indicators', path.join(FIX, 'monitor-published.csv'), '--db', db]);
  // Memberships as `jiqun classify` would leave them (manual ones, so no rule set is needed).
  await sqlite(db, "INSERT INTO membership SELECT id, 'semiconductor-ic', 'manual', NULL, NULL, NULL FROM enterprise WHERE uscc IN ('91440300700079194G', '91440300700158386W'); INSERT INTO membership SELECT id, 'smart-terminal', 'manual', NULL, NULL, NULL FROM enterprise WHERE uscc = '91440300700079194G';");
  const compute = await ok(['compute', '--db', db]);
  return { dir, db, compute };
}
