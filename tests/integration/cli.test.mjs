// cli.test.mjs - the jiqun command line as a user meets it: exit codes, usage messages, the
// catalogue commands (JSON and the aligned table), init on good and bad databases, and serve's
// start-up errors and clean shutdown.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { test } from 'node:test';

import {
  BIN, REPO_ROOT, SANITIZER_RE, describeRun, displayWidth, initDb, request, run, sha256,
  sqlite, startServer, tmpDir,
} from './lib.mjs';

const COMMANDS = ['init', 'catalog', 'serve', 'help', 'version'];

/** Assert a clean run: expected status, no sanitizer report. */
function assertExit(r, status, what) {
  assert.equal(r.timedOut, false, `${what}: timed out\n${describeRun(r)}`);
  assert.equal(r.status, status, `${what}: expected exit ${status}\n${describeRun(r)}`);
  assert.doesNotMatch(r.stderr, SANITIZER_RE, `${what}: sanitizer report\n${describeRun(r)}`);
}

/** A usage error: exit 2, "usage:" on stderr, nothing on stdout. */
function assertUsage(r, what) {
  assertExit(r, 2, what);
  assert.match(r.stderr, /usage:/, `${what}: no usage on stderr\n${describeRun(r)}`);
  assert.equal(r.stdout, '', `${what}: printed to stdout\n${describeRun(r)}`);
}

test('binary exists', () => {
  assert.ok(fs.existsSync(BIN), `${BIN} not found: run make build/san/jiqun (or set JIQUN_BIN)`);
});

// ---------------------------------------------------------------------------------------------
// version and help

test('--version, -V and version print "jiqun X.Y.Z" and exit 0', async () => {
  const outs = [];
  for (const args of [['--version'], ['-V'], ['version']]) {
    const r = await run(args);
    assertExit(r, 0, args.join(' '));
    assert.match(r.stdout, /^jiqun \d+\.\d+\.\d+\n$/, `${args.join(' ')}: ${JSON.stringify(r.stdout)}`);
    assert.equal(r.stderr, '');
    outs.push(r.stdout);
  }
  assert.equal(new Set(outs).size, 1, 'all three spellings print the same version');
});

test('version with an argument is a usage error', async () => {
  assertUsage(await run(['version', 'extra']), 'version extra');
});

test('help lists every command and exits 0', async () => {
  for (const args of [['help'], ['--help'], ['-h']]) {
    const r = await run(args);
    assertExit(r, 0, args.join(' '));
    for (const name of COMMANDS) {
      assert.match(r.stdout, new RegExp(`^ +${name} +\\S`, 'm'), `${args.join(' ')} does not list ${name}`);
    }
  }
});

test('help COMMAND prints that command\'s usage', async () => {
  const r = await run(['help', 'catalog']);
  assertExit(r, 0, 'help catalog');
  assert.match(r.stdout, /^usage: jiqun catalog list/m);
  assert.match(r.stdout, /jiqun catalog show ID/);
  assert.match(r.stdout, /--kind/);
  assert.match(r.stdout, /--tier/);
  for (const name of COMMANDS) {
    const h = await run(['help', name]);
    assertExit(h, 0, `help ${name}`);
    assert.match(h.stdout, new RegExp(`^usage: jiqun ${name}`, 'm'), `help ${name}`);
  }
});

test('help nosuch exits 2 naming the command', async () => {
  const r = await run(['help', 'nosuch']);
  assertUsage(r, 'help nosuch');
  assert.match(r.stderr, /nosuch/);
});

// ---------------------------------------------------------------------------------------------
// usage errors

test('no arguments: usage on stderr, exit 2', async () => {
  const r = await run([]);
  assertExit(r, 2, 'no arguments');
  assert.match(r.stderr, /usage:/);
  assert.equal(r.stdout, '');
  for (const name of COMMANDS) assert.match(r.stderr, new RegExp(`\\b${name}\\b`));
});

test('unknown command exits 2 and names it', async () => {
  const r = await run(['nosuchcmd']);
  assertExit(r, 2, 'nosuchcmd');
  assert.match(r.stderr, /nosuchcmd/);
  assert.equal(r.stdout, '');
});

test('unknown options and stray arguments exit 2 with usage, print nothing, create nothing', async (t) => {
  const dir = tmpDir(t);
  const env = { JIQUN_DB: path.join(dir, 'default.db') };
  const cases = [
    ['catalog', 'list', '--bogus'],
    ['catalog', 'show', '--bogus', 'semiconductor-ic'],
    ['catalog', 'list', 'extra'],
    ['catalog', 'show', '--kind', 'future', 'marine'],
    ['catalog', 'nosuch'],
    ['catalog'],
    ['init', '--nope'],
    ['init', 'extra'],
    ['init', '--db'],
    ['serve', '--nope'],
    ['serve', 'extra'],
    ['serve', '--port'],
    ['serve', '--threads', '0'],
    ['compute', '--threads', ''],
    ['compute', '--threads', '65'],
    ['audit', '--limit', '0'],
    ['audit', '--limit', '5x'],
    ['leads', 'suggest', '--limit', '10001'],
    ['chain', 'show', 'marine', '--strong', '0'],
  ];
  for (const args of cases) {
    assertUsage(await run(args, { env, cwd: dir }), args.join(' '));
  }
  assert.deepEqual(fs.readdirSync(dir), [], 'a usage error created a file');
});

test('serve --port out of range or not a number exits 2', async (t) => {
  const dir = tmpDir(t);
  const env = { JIQUN_DB: path.join(dir, 'default.db') };
  for (const port of ['70000', 'abc', '-1', '65536', '80x', '']) {
    const r = await run(['serve', '--port', port], { env, cwd: dir, timeoutMs: 5000 });
    assertUsage(r, `serve --port '${port}'`);
    assert.match(r.stderr, /--port/);
  }
  assert.deepEqual(fs.readdirSync(dir), []);
});

// ---------------------------------------------------------------------------------------------
// catalog

async function catalogJson(...args) {
  const r = await run(['catalog', 'list', '--json', ...args]);
  assertExit(r, 0, `catalog list --json ${args.join(' ')}`);
  return JSON.parse(r.stdout);
}

test('catalog list --json: 28 industries, 20 clusters and 8 future, with the documented fields', async () => {
  const all = await catalogJson();
  assert.ok(Array.isArray(all));
  assert.equal(all.length, 28);
  assert.equal(all.filter((i) => i.kind === 'cluster').length, 20);
  assert.equal(all.filter((i) => i.kind === 'future').length, 8);
  assert.equal(new Set(all.map((i) => i.id)).size, 28, 'ids are unique');
  for (const i of all) {
    for (const k of ['id', 'kind', 'name_zh', 'name_en']) {
      assert.equal(typeof i[k], 'string', `${i.id}.${k}`);
      assert.ok(i[k].length > 0, `${i.id}.${k} empty`);
    }
    assert.ok(Number.isInteger(i.seq), `${i.id}.seq`);
    assert.ok(i.tier === null || typeof i.tier === 'string', `${i.id}.tier`);
    for (const k of ['districts', 'segments', 'technologies', 'carriers']) {
      assert.ok(Array.isArray(i[k]), `${i.id}.${k} not an array`);
      for (const v of i[k]) assert.equal(typeof v, 'string', `${i.id}.${k}`);
    }
  }
  const seqs = (kind) => all.filter((i) => i.kind === kind).map((i) => i.seq).sort((a, b) => a - b);
  assert.deepEqual(seqs('cluster'), Array.from({ length: 20 }, (_, n) => n + 1));
  assert.deepEqual(seqs('future'), Array.from({ length: 8 }, (_, n) => n + 1));
});

test('catalog list --kind and --tier filter', async () => {
  const all = await catalogJson();
  const future = await catalogJson('--kind', 'future');
  assert.equal(future.length, 8);
  assert.ok(future.every((i) => i.kind === 'future'));
  assert.deepEqual(future, all.filter((i) => i.kind === 'future'));

  const cluster = await catalogJson('--kind', 'cluster');
  assert.equal(cluster.length, 20);

  const pillar = await catalogJson('--tier', 'pillar');
  assert.deepEqual(pillar.map((i) => i.name_zh).sort(),
    ['网络与通信', '软件与信息服务', '智能终端', '超高清视频显示', '新能源', '海洋产业'].sort());
  assert.ok(pillar.every((i) => i.tier === 'pillar'));

  const shortBoard = await catalogJson('--tier', 'short_board');
  assert.deepEqual(shortBoard.map((i) => i.name_zh).sort(), ['半导体与集成电路', '智能传感器', '工业母机'].sort());

  const none = await catalogJson('--tier', 'none');
  assert.ok(none.length > 0);
  assert.ok(none.every((i) => i.tier === null), '--tier none gives only untiered industries');
  assert.deepEqual(none, all.filter((i) => i.tier === null), '--tier none gives every untiered industry');
  let tiered = 0;
  for (const tier of ['pillar', 'short_board', 'improve', 'growth_point']) tiered += (await catalogJson('--tier', tier)).length;
  assert.equal(none.length, 28 - tiered, 'the tiers and none partition the 28');

  const both = await catalogJson('--kind', 'future', '--tier', 'growth_point');
  assert.deepEqual(both.map((i) => i.name_zh).sort(), ['合成生物', '区块链'].sort());
});

test('catalog versions and --version 2024: the revision as stated, the rest marked unverified', async () => {
  const v = await run(['catalog', 'versions', '--json']);
  assertExit(v, 0, 'catalog versions --json');
  const vs = JSON.parse(v.stdout);
  assert.deepEqual(vs.map((x) => [x.version, x.id, x.default, x.supersedes]),
    [['2022', 'shenzhen-20plus8', true, null], ['2024', 'shenzhen-20plus8-2024', false, 'shenzhen-20plus8']]);
  assert.ok(vs[1].notes.some((n) => n.includes('未核实')), 'the 2024 notes say what is not verified');
  const all = await catalogJson('--version', '2024');
  const names = all.filter((i) => i.kind === 'cluster').map((i) => i.name_zh);
  assert.equal(names.length, 20);
  for (const n of ['低空经济与空天', '人工智能', '高端装备与仪器', '机器人', '高性能材料']) assert.ok(names.includes(n), n);
  for (const n of ['工业母机', '激光与增材制造', '精密仪器设备', '智能机器人', '新材料']) assert.ok(!names.includes(n), n);
  assert.ok(all.every((i) => typeof i.note === 'string' && i.note), 'every 2024 entry says where it comes from');
  const ai = all.find((i) => i.id === 'artificial-intelligence');
  assert.deepEqual([ai.clause, ai.clause_text, ai.segments], [null, null, []]);
  const show = await run(['catalog', 'show', 'low-altitude-aerospace', '--version', '2024']);
  assertExit(show, 0, 'show low-altitude-aerospace');
  assert.match(show.stdout, /政策原文：未收录/);
  const bad = await run(['catalog', 'list', '--version', '2019']);
  assertExit(bad, 1, 'unknown version');
  assert.match(bad.stderr, /2019/);
  // The links between the versions: 22 kept, 2 renamed, 3 merged, 1 split in two; no weights published.
  const x = await run(['catalog', 'crosswalk', '--json']);
  assertExit(x, 0, 'catalog crosswalk --json');
  const links = JSON.parse(x.stdout);
  const kinds = {};
  for (const l of links) kinds[l.kind] = (kinds[l.kind] || 0) + 1;
  assert.deepEqual(kinds, { same: 22, rename: 2, merge: 3, split: 2 });
  assert.ok(links.every((l) => l.weight === null));
  assert.ok(links.filter((l) => l.kind === 'split' || l.kind === 'merge').every((l) => l.basis.includes('未公布')));
  // The default stays 2022.
  assert.deepEqual((await catalogJson()).map((i) => i.id), (await catalogJson('--version', '2022')).map((i) => i.id));
});

test('catalog list --kind bad / --tier bad exit 2', async () => {
  for (const args of [['--kind', 'bad'], ['--tier', 'bad'], ['--kind', ''], ['--kind']]) {
    const r = await run(['catalog', 'list', ...args]);
    assertUsage(r, `catalog list ${args.join(' ')}`);
  }
});

/** Start columns (in display columns) of the cells of a table line; cells are split by 2+ spaces. */
function columnStarts(line) {
  const starts = [];
  const cells = [];
  for (const m of line.matchAll(/\S+(?: \S+)*/g)) {
    starts.push(displayWidth(line.slice(0, m.index)));
    cells.push(m[0]);
  }
  return { starts, cells };
}

test('catalog list (table): columns aligned by display width', async () => {
  const r = await run(['catalog', 'list']);
  assertExit(r, 0, 'catalog list');
  // A title naming the version, the table, and a line pointing to the other versions.
  const all_lines = r.stdout.replace(/\n$/, '').split('\n');
  assert.match(all_lines[0], /版本 2022，默认/);
  assert.match(all_lines[all_lines.length - 1], /2024/);
  const lines = all_lines.slice(1, -1);
  assert.equal(lines.length, 1 + 28, 'a header and 28 rows');
  const head = columnStarts(lines[0]);
  assert.deepEqual(head.cells, ['类别', '序号', 'ID', '名称', '英文名', '2025定位', '集聚区']);
  const idCol = head.starts[2];
  const all = await catalogJson();
  lines.slice(1).forEach((line, n) => {
    // The third column (ID) by the structure of the first two cells, which never hold spaces.
    const m = /^(\S+)( +)(\S+)( +)(\S+)/.exec(line);
    assert.ok(m, `row ${n + 1}: ${line}`);
    assert.equal(displayWidth(m[1] + m[2] + m[3] + m[4]), idCol,
      `row ${n + 1}: ID column starts at display column ${displayWidth(m[1] + m[2] + m[3] + m[4])}, ` +
      `header's at ${idCol}:\n${lines[0]}\n${line}`);
    assert.equal(m[5], all[n].id, `row ${n + 1} is ${all[n].id}`);
    // And every other column too.
    const row = columnStarts(line);
    assert.equal(row.cells.length, 7, `row ${n + 1} has 7 cells: ${JSON.stringify(row.cells)}`);
    assert.deepEqual(row.starts, head.starts, `row ${n + 1} misaligned:\n${lines[0]}\n${line}`);
  });
});

test('catalog show --json ID: one industry, the same object as the list', async () => {
  const r = await run(['catalog', 'show', '--json', 'semiconductor-ic']);
  assertExit(r, 0, 'catalog show --json semiconductor-ic');
  const ind = JSON.parse(r.stdout);
  assert.equal(ind.id, 'semiconductor-ic');
  assert.equal(ind.name_zh, '半导体与集成电路');
  assert.deepEqual(ind.districts, ['福田', '南山', '宝安', '龙岗', '龙华', '坪山']);
  assert.ok(ind.carriers.some((c) => c.includes('12英寸芯片生产线')), JSON.stringify(ind.carriers));
  const all = await catalogJson();
  assert.deepEqual(ind, all.find((i) => i.id === 'semiconductor-ic'));
});

// The usage line is "jiqun catalog show ID [--json]": options after the id must work too.
test('catalog show ID --json (options after the id, as the usage line writes it)', async () => {
  const r = await run(['catalog', 'show', 'semiconductor-ic', '--json']);
  assertExit(r, 0, 'catalog show semiconductor-ic --json');
  const ind = JSON.parse(r.stdout);
  assert.equal(ind.id, 'semiconductor-ic');
  assert.deepEqual(ind.districts, ['福田', '南山', '宝安', '龙岗', '龙华', '坪山']);
  assert.ok(ind.carriers.some((c) => c.includes('12英寸芯片生产线')), JSON.stringify(ind.carriers));
});

test('catalog list --json --kind future works in any option order', async () => {
  const a = await catalogJson('--kind', 'future');
  const r = await run(['catalog', 'list', '--kind', 'future', '--json']);
  assertExit(r, 0, 'catalog list --kind future --json');
  assert.deepEqual(JSON.parse(r.stdout), a);
});

test('catalog show ID: human-readable with the name and the policy clause', async () => {
  const j = JSON.parse((await run(['catalog', 'show', '--json', 'semiconductor-ic'])).stdout);
  const r = await run(['catalog', 'show', 'semiconductor-ic']);
  assertExit(r, 0, 'catalog show semiconductor-ic');
  assert.match(r.stdout, /半导体与集成电路/);
  assert.ok(j.clause_text.length > 10, 'clause_text present in JSON');
  assert.ok(r.stdout.includes(j.clause_text), 'human output contains the clause text');
  assert.ok(r.stdout.includes(j.clause), 'human output names the clause');
  assert.ok(r.stdout.includes('12英寸芯片生产线'));
  assert.equal(r.stderr, '');
});

test('catalog show nosuch exits 1 with a message; show without an id exits 2', async () => {
  const r = await run(['catalog', 'show', 'nosuch']);
  assertExit(r, 1, 'catalog show nosuch');
  assert.match(r.stderr, /nosuch/);
  assert.equal(r.stdout, '');
  assertUsage(await run(['catalog', 'show']), 'catalog show');
  assertUsage(await run(['catalog', 'show', 'a', 'b']), 'catalog show a b');
});

// ---------------------------------------------------------------------------------------------
// init

async function dumpRows(db) {
  return {
    programme: await sqlite(db, 'select * from programme order by id'),
    industry: await sqlite(db, 'select * from industry order by id'),
    district: await sqlite(db, 'select * from district order by id'),
    links: await sqlite(db, 'select * from industry_district order by 1, 2'),
  };
}

test('init creates the database; a second init leaves it unchanged', async (t) => {
  const dir = tmpDir(t);
  const db = path.join(dir, 'new.db');
  const r1 = await run(['init', '--db', db]);
  assertExit(r1, 0, 'first init');
  assert.ok(fs.existsSync(db), 'database created');
  assert.ok(r1.stdout.includes(db), `first init names the file: ${r1.stdout}`);
  assert.match(r1.stdout, /loaded/);

  // Both built-in versions: the 2022 one owns its 28 industries and the 12 districts; the 2024
  // revision adds only its 4 industries with a new scope (ids shared otherwise).
  assert.equal(await sqlite(db, 'select count(*) from industry'), '32');
  assert.equal(await sqlite(db, "select count(*) from industry where programme_id = 'shenzhen-20plus8'"), '28');
  assert.equal(await sqlite(db, "select group_concat(id, ' ') from (select id from industry where programme_id = 'shenzhen-20plus8-2024' order by seq)"),
    'software-info-2024 artificial-intelligence high-end-equipment-instruments low-altitude-aerospace');
  assert.equal(await sqlite(db, 'select count(*) from district'), '12');
  assert.equal(await sqlite(db, "select count(*) from industry where kind = 'future'"), '8');
  assert.equal(await sqlite(db, 'select count(*) from programme'), '2');
  assert.equal(await sqlite(db, 'PRAGMA journal_mode'), 'wal');
  assert.ok(Number(await sqlite(db, 'PRAGMA user_version')) >= 1);
  assert.equal(await sqlite(db, 'PRAGMA application_id'), String(0x4a51554e), 'application_id "JQUN"');
  assert.equal(await sqlite(db, 'PRAGMA integrity_check'), 'ok');
  const before = await dumpRows(db);

  const r2 = await run(['init', '--db', db]);
  assertExit(r2, 0, 'second init');
  assert.match(r2.stdout, /up to date/);
  assert.ok(r2.stdout.includes(db));
  assert.deepEqual(await dumpRows(db), before, 'a second init changed the rows (loaded_at included)');
  assert.equal(await sqlite(db, 'select count(*) from industry'), '32');
  assert.equal(await sqlite(db, 'select count(*) from district'), '12');
});

test('init without --db uses $JIQUN_DB', async (t) => {
  const dir = tmpDir(t);
  const db = path.join(dir, 'env.db');
  const r = await run(['init'], { env: { JIQUN_DB: db }, cwd: dir });
  assertExit(r, 0, 'init with JIQUN_DB');
  assert.deepEqual(fs.readdirSync(dir), ['env.db']);
  assert.equal(await sqlite(db, 'select count(*) from industry'), '32');
});

// ---------------------------------------------------------------------------------------------
// databases that are not ours, or not readable: refused, never touched

/** Each case builds its file in `dir` and returns its path. */
const BAD_DATABASES = [
  {
    name: 'a text file',
    make: (dir) => {
      const f = path.join(dir, 'text.db');
      fs.writeFileSync(f, 'hello, not a database\n');
      return f;
    },
  },
  {
    name: '8 KiB of random bytes',
    make: (dir) => {
      const f = path.join(dir, 'random.db');
      const b = Buffer.alloc(8192);
      for (let i = 0; i < b.length; i++) b[i] = Math.floor(Math.random() * 256);
      fs.writeFileSync(f, b);
      return f;
    },
  },
  {
    name: "another program's SQLite database",
    make: async (dir) => {
      const f = path.join(dir, 'other.db');
      await sqlite(f, 'create table t(x); insert into t values (1)');
      return f;
    },
  },
  {
    name: 'a Jiqun database from a newer version (user_version 999)',
    make: async (dir) => {
      const f = await initDb(dir, 'newer.db');
      await sqlite(f, 'pragma user_version=999');
      await sqlite(f, 'pragma wal_checkpoint(truncate)');
      for (const ext of ['-wal', '-shm']) fs.rmSync(f + ext, { force: true });
      return f;
    },
  },
  {
    name: 'a truncated Jiqun database (1000 bytes)',
    make: async (dir) => {
      const f = await initDb(dir, 'truncated.db');
      await sqlite(f, 'pragma wal_checkpoint(truncate)');
      for (const ext of ['-wal', '-shm']) fs.rmSync(f + ext, { force: true });
      assert.ok(fs.statSync(f).size > 1000);
      fs.truncateSync(f, 1000);
      return f;
    },
  },
  {
    name: 'a directory',
    make: (dir) => {
      const f = path.join(dir, 'dir.db');
      fs.mkdirSync(f);
      return f;
    },
  },
];

/** What may not change: the file's bytes (or a directory's listing) and its directory's listing. */
function snapshot(f) {
  const st = fs.statSync(f);
  return {
    content: st.isDirectory() ? fs.readdirSync(f) : sha256(f),
    size: st.size,
    siblings: fs.readdirSync(path.dirname(f)).sort(),
  };
}

for (const bad of BAD_DATABASES) {
  test(`init and serve refuse ${bad.name} and leave it untouched`, async (t) => {
    const dir = tmpDir(t);
    const f = await bad.make(dir);
    const before = snapshot(f);
    assert.deepEqual(before.siblings, [path.basename(f)], 'set-up left only the file');
    for (const args of [['init', '--db', f], ['serve', '--db', f, '--port', '0']]) {
      const what = `${args[0]} on ${bad.name}`;
      const r = await run(args, { timeoutMs: 10000 });
      assertExit(r, 1, what);
      assert.ok(r.stderr.includes(f), `${what}: stderr does not name ${f}\n${describeRun(r)}`);
      assert.equal(r.stdout, '', `${what}: printed to stdout`);
      assert.deepEqual(snapshot(f), before, `${what}: the file or its directory changed (e.g. -wal/-shm left)`);
    }
  });
}

test('serve --db missing.db exits 1 with a hint to run jiqun init and creates nothing', async (t) => {
  const dir = tmpDir(t);
  const db = path.join(dir, 'missing.db');
  const r = await run(['serve', '--db', db, '--port', '0'], { timeoutMs: 10000 });
  assertExit(r, 1, 'serve missing.db');
  assert.ok(r.stderr.includes(db), r.stderr);
  assert.match(r.stderr, /jiqun init/);
  assert.deepEqual(fs.readdirSync(dir), []);
});

// ---------------------------------------------------------------------------------------------
// serve

test('serve on a port in use exits 1 within 5 s naming the port', async (t) => {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  const holder = net.createServer();
  await new Promise((resolve, reject) => {
    holder.once('error', reject);
    holder.listen(0, '127.0.0.1', resolve);
  });
  t.after(() => new Promise((resolve) => holder.close(resolve)));
  const { port } = holder.address();
  const t0 = Date.now();
  const r = await run(['serve', '--db', db, '--port', String(port)], { timeoutMs: 5000 });
  const ms = Date.now() - t0;
  assertExit(r, 1, `serve on busy port ${port}`);
  assert.ok(ms < 5000, `took ${ms} ms`);
  assert.ok(r.stderr.includes(String(port)), `stderr does not name port ${port}\n${describeRun(r)}`);
  assert.match(r.stderr, /in use/);
  assert.equal(r.stdout, '');
});

test('serve --bind not-an-ip exits 1 or 2 with a clear message', async (t) => {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  const r = await run(['serve', '--db', db, '--port', '0', '--bind', 'not-an-ip'], { timeoutMs: 5000 });
  assert.equal(r.timedOut, false, describeRun(r));
  assert.ok(r.status === 1 || r.status === 2, `exit ${r.status}\n${describeRun(r)}`);
  assert.match(r.stderr, /not-an-ip/);
  assert.match(r.stderr, /--bind|address/);
  assert.equal(r.stdout, '');
  assert.doesNotMatch(r.stderr, SANITIZER_RE);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  test(`serve prints its address and stops with exit 0 on ${signal}`, async (t) => {
    const dir = tmpDir(t);
    const db = await initDb(dir);
    const srv = await startServer({ db });
    t.after(() => srv.stop('SIGKILL'));
    assert.ok(srv.stdout().includes(`http://127.0.0.1:${srv.port}/`), `stdout: ${srv.stdout()}`);
    const h = await request(srv.port, '/healthz');
    assert.equal(h.status, 200);
    const x = await srv.stop(signal);
    assert.equal(x.signal, null, `killed by ${x.signal}\n${x.stderr}`);
    assert.equal(x.code, 0, `exit code ${x.code} after ${signal}\n${x.stderr}`);
    assert.doesNotMatch(x.stderr, SANITIZER_RE, x.stderr);
    assert.match(x.stderr, new RegExp(`stopping \\(${signal}\\)`));
  });
}

test('serve --port 0 picks a free port and prints it', async (t) => {
  const dir = tmpDir(t);
  const db = await initDb(dir);
  const child = spawn(BIN, ['serve', '--db', db, '--port', '0'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const closed = new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  t.after(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (b) => { err += b; });
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address printed in 10 s: ${out}\n${err}`)), 10000);
    child.stdout.on('data', (b) => {
      out += b;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    void closed.then((x) => reject(new Error(`exited early ${JSON.stringify(x)}: ${err}`)));
  });
  assert.ok(port > 0 && port < 65536, `port ${port}`);
  const h = await request(port, '/healthz');
  assert.equal(h.status, 200);
  assert.equal(JSON.parse(h.text).status, 'ok');
  child.kill('SIGTERM');
  const x = await closed;
  assert.equal(x.code, 0, `exit ${x.code} (${x.signal})\n${err}`);
  assert.doesNotMatch(err, SANITIZER_RE, err);
});
