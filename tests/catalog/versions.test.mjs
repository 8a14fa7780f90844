// versions.test.mjs - checks the 2024 revision (data/catalog/shenzhen-20plus8-2024.json) against
// what is known of it and against the 2022 document it carries over: exactly the stated changes,
// nothing invented (every quoted string is verbatim 2022 policy text, the new clusters have empty
// lists and no clause), carried-over entries equal to their 2022 ones, and the crosswalk covering
// both versions. The binary's `catalog list --version 2024 --json` must print the file.
//
// Run: node --test tests/catalog/        (JIQUN_BIN overrides build/jiqun)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = process.env.JIQUN_BIN
  ? path.resolve(process.cwd(), process.env.JIQUN_BIN)
  : path.join(ROOT, 'build/jiqun');
const policy = readFileSync(path.join(ROOT, 'data/policy/shenzhen-20plus8-opinions-2022.zh.txt'), 'utf8');
const v22 = JSON.parse(readFileSync(path.join(ROOT, 'data/catalog/shenzhen-20plus8.json'), 'utf8'));
const v24 = JSON.parse(readFileSync(path.join(ROOT, 'data/catalog/shenzhen-20plus8-2024.json'), 'utf8'));
const crosswalk = readFileSync(path.join(ROOT, 'data/catalog/crosswalk-2022-2024.csv'), 'utf8')
  .trim().split('\n').slice(1).map((l) => l.split(','));
const old = new Map(v22.industries.map((i) => [i.id, i]));
const neu = new Map(v24.industries.map((i) => [i.id, i]));
const clusterNames = (v) => v.industries.filter((i) => i.kind === 'cluster').map((i) => i.name_zh);

test('the binary prints the 2024 file', () => {
  assert.ok(existsSync(BIN), `binary ${BIN} not found: build it first or set JIQUN_BIN`);
  const out = execFileSync(BIN, ['catalog', 'list', '--version', '2024', '--json'], { encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out), v24.industries);
});

test('version fields link the two documents', () => {
  assert.equal(v22.programme.version, '2022');
  assert.equal(v22.programme.supersedes, null);
  assert.equal(v24.programme.version, '2024');
  assert.equal(v24.programme.supersedes, v22.programme.id);
  assert.deepEqual(v24.districts, v22.districts);
});

test('exactly the stated changes to the clusters', () => {
  const before = new Set(clusterNames(v22));
  const after = new Set(clusterNames(v24));
  const removed = [...before].filter((n) => !after.has(n)).sort();
  const added = [...after].filter((n) => !before.has(n)).sort();
  assert.deepEqual(removed, ['工业母机', '新材料', '智能机器人', '激光与增材制造', '精密仪器设备'].sort());
  assert.deepEqual(added, ['人工智能', '低空经济与空天', '机器人', '高性能材料', '高端装备与仪器'].sort());
  assert.equal(after.size, 20);
  // The 8 future industries are carried over unchanged in name.
  assert.deepEqual(v24.industries.filter((i) => i.kind === 'future').map((i) => i.name_zh),
    v22.industries.filter((i) => i.kind === 'future').map((i) => i.name_zh));
});

test('nothing invented: quoted strings are 2022 policy text, new clusters have none', () => {
  for (const ind of v24.industries) {
    assert.ok(typeof ind.note === 'string' && ind.note.length > 0, `${ind.id}: note`);
    for (const k of ['segments', 'technologies', 'carriers', 'districts']) {
      for (const s of ind[k]) assert.ok(policy.includes(s), `${ind.id}: ${k} "${s}" is not in the 2022 policy`);
    }
    for (const k of ['positioning', 'clause_text']) {
      if (ind[k] !== null) assert.ok(policy.includes(ind[k]), `${ind.id}: ${k} is not in the 2022 policy`);
    }
    assert.equal(ind.tier, null, `${ind.id}: the 2022 tiers are not carried over`);
  }
  for (const id of ['artificial-intelligence', 'low-altitude-aerospace']) {
    const ind = neu.get(id);
    assert.deepEqual([ind.segments, ind.technologies, ind.carriers, ind.districts, ind.clause, ind.clause_text, ind.positioning],
      [[], [], [], [], null, null, null], id);
  }
  // The merged cluster: the union of its three parts, in order.
  const parts = ['machine-tools', 'laser-additive', 'precision-instruments'].map((id) => old.get(id));
  const merged = neu.get('high-end-equipment-instruments');
  for (const k of ['segments', 'technologies', 'carriers']) {
    assert.deepEqual(merged[k], [...new Set(parts.flatMap((p) => p[k]))], `merged ${k}`);
  }
  assert.deepEqual(v24.programme.targets, []);
  assert.deepEqual(v24.programme.tiers, []);
  assert.ok(v24.programme.notes.some((n) => n.includes('未核实')));
});

test('carried-over entries equal their 2022 ones apart from name, note, tier and seq', () => {
  const IGNORED = new Set(['name_zh', 'full_name_zh', 'name_en', 'note', 'tier', 'seq']);
  for (const ind of v24.industries) {
    const was = old.get(ind.id);
    if (!was) continue;
    for (const [k, v] of Object.entries(ind)) {
      if (!IGNORED.has(k)) assert.deepEqual(v, was[k], `${ind.id}.${k} differs from 2022`);
    }
    if (ind.name_zh !== was.name_zh) {
      assert.ok(['smart-robot', 'new-materials'].includes(ind.id), `${ind.id}: renamed without being stated`);
    }
  }
});

test('the crosswalk links every 2022 industry and every 2024 one but 低空经济与空天', () => {
  const from = new Set(crosswalk.map((r) => r[1]));
  const to = new Set(crosswalk.map((r) => r[3]));
  for (const id of old.keys()) assert.ok(from.has(id), `2022 ${id} has no link`);
  for (const id of neu.keys()) {
    assert.equal(to.has(id), id !== 'low-altitude-aerospace', `2024 ${id}`);
  }
  for (const [fv, fi, tv, ti, kind] of crosswalk) {
    assert.deepEqual([fv, tv], ['2022', '2024']);
    assert.ok(old.has(fi) && neu.has(ti), `${fi} -> ${ti}`);
    if (kind === 'same' || kind === 'rename') assert.equal(fi, ti, `${kind} keeps the id`);
  }
  // Categories: the seven of 2022, each 2024 cluster in its own category except 低空经济与空天.
  assert.deepEqual(v24.categories.map((c) => c.id), v22.categories.map((c) => c.id));
  const listed = v24.categories.flatMap((c) => c.industries);
  const clusters = v24.industries.filter((i) => i.kind === 'cluster').map((i) => i.id);
  assert.deepEqual(clusters.filter((id) => !listed.includes(id)), ['low-altitude-aerospace']);
});
