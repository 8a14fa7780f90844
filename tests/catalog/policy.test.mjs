// policy.test.mjs - checks the built-in 20+8 catalogue against the policy text it is written from.
//
// The industries come from the built binary (`jiqun catalog list --json`), so this checks what users
// get; the programme, category and district parts come from data/catalog/shenzhen-20plus8.json.
// Every quoted string must be verbatim policy text, and the lists must be complete where the policy
// text lets us check completeness mechanically (districts, carriers, enumerated segments).
//
// Run: node --test tests/catalog/        (JIQUN_BIN overrides build/jiqun)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const POLICY_PATH = path.join(ROOT, 'data/policy/shenzhen-20plus8-opinions-2022.zh.txt');
const SHARED_POLICY_PATH = path.join(ROOT, '../shared/policy/shenzhen-20plus8-opinions-2022.zh.txt');
const CATALOG_PATH = path.join(ROOT, 'data/catalog/shenzhen-20plus8.json');
const DIVISIONS_PATH = path.join(ROOT, '../shared/data/divisions/shenzhen_divisions.csv');
const BIN = process.env.JIQUN_BIN
  ? path.resolve(process.cwd(), process.env.JIQUN_BIN)
  : path.join(ROOT, 'build/jiqun');

const policy = readFileSync(POLICY_PATH, 'utf8');
const lines = policy.split('\n').map((l) => l.replace(/\r$/, ''));
const catalog = JSON.parse(readFileSync(CATALOG_PATH, 'utf8'));
const prog = catalog.programme;

function runCatalogList() {
  assert.ok(existsSync(BIN), `binary ${BIN} not found: build it first or set JIQUN_BIN`);
  const out = execFileSync(BIN, ['catalog', 'list', '--json'], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out);
}
const industries = runCatalogList();
const clusters = industries.filter((i) => i.kind === 'cluster');
const futures = industries.filter((i) => i.kind === 'future');

const FIELDS = ['id', 'kind', 'seq', 'name_zh', 'full_name_zh', 'name_en', 'category', 'tier', 'segments',
  'technologies', 'carriers', 'districts', 'positioning', 'clause', 'clause_text'];
const LISTS = ['segments', 'technologies', 'carriers', 'districts'];
const SHORTS = catalog.districts.map((d) => d.short);

function lineIndex(heading) {
  const i = lines.indexOf(heading);
  assert.ok(i >= 0, `policy heading not found: ${heading}`);
  return i;
}
const SEC_CLUSTERS = lineIndex('（一）战略性新兴产业重点细分领域。');
const SEC_FUTURES = lineIndex('（二）未来产业重点发展方向。');
const SEC_SAFEGUARDS = lineIndex('四、保障措施');
const SEC_TARGETS = lines.findIndex((l) => l.startsWith('（三）发展目标。'));

// All [start, end) spans where `needle` occurs in `hay`.
function spans(hay, needle) {
  const out = [];
  if (!needle) return out;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) out.push([i, i + needle.length]);
  return out;
}
const inside = ([s, e], spanList) => spanList.some(([cs, ce]) => cs <= s && e <= ce);

test('our policy copy equals the shared one', { skip: !existsSync(SHARED_POLICY_PATH) && 'no ../shared copy' }, () => {
  assert.equal(policy, readFileSync(SHARED_POLICY_PATH, 'utf8'), 'data/policy differs from ../shared/policy');
});

test('the binary prints the catalogue file, with exactly the industry fields', () => {
  for (const ind of industries) {
    assert.deepEqual(Object.keys(ind).sort(), [...FIELDS].sort(), `${ind.id}: fields differ`);
    for (const k of LISTS) assert.ok(Array.isArray(ind[k]), `${ind.id}: ${k} is not an array`);
  }
  assert.deepEqual(industries, catalog.industries, 'binary output differs from data/catalog/shenzhen-20plus8.json');
});

// 1
test('20 clusters then 8 futures in policy order, ids unique and well formed', () => {
  assert.equal(industries.length, 28);
  assert.deepEqual(industries.map((i) => i.kind), [...Array(20).fill('cluster'), ...Array(8).fill('future')]);
  assert.deepEqual(clusters.map((i) => i.seq), Array.from({ length: 20 }, (_, k) => k + 1));
  assert.deepEqual(futures.map((i) => i.seq), Array.from({ length: 8 }, (_, k) => k + 1));
  const seen = new Set();
  for (const { id } of industries) {
    assert.match(id, /^[a-z][a-z0-9-]*$/, `bad id ${id}`);
    assert.ok(!seen.has(id), `duplicate id ${id}`);
    seen.add(id);
  }
});

// 2
test('clause_text is the numbered policy line under the right section', () => {
  for (const ind of industries) {
    const at = lines.indexOf(ind.clause_text);
    assert.ok(at >= 0, `${ind.id}: clause_text is not a line of the policy`);
    const [lo, hi, sec] = ind.kind === 'cluster'
      ? [SEC_CLUSTERS, SEC_FUTURES, '三（一）'] : [SEC_FUTURES, SEC_SAFEGUARDS, '三（二）'];
    assert.ok(at > lo && at < hi, `${ind.id}: clause_text is not under ${sec}`);
    assert.equal(at - lo, ind.seq, `${ind.id}: line is item ${at - lo} of ${sec}, seq is ${ind.seq}`);
    assert.ok(ind.clause_text.startsWith(`${ind.seq}．`), `${ind.id}: clause_text does not start with "${ind.seq}．"`);
    assert.equal(ind.clause, `${sec}${ind.seq}`, `${ind.id}: clause`);
    const heading = ind.clause_text.slice(`${ind.seq}．`.length).split('。')[0];
    assert.equal(ind.full_name_zh, heading, `${ind.id}: full_name_zh is not the heading`);
  }
});

// 3
test('names, lists and positioning are verbatim substrings of the clause', () => {
  for (const ind of industries) {
    const ct = ind.clause_text;
    for (const k of ['name_zh', 'full_name_zh', 'positioning']) {
      assert.ok(typeof ind[k] === 'string' && ind[k] && ct.includes(ind[k]), `${ind.id}: ${k} "${ind[k]}" not in clause`);
    }
    for (const k of LISTS) {
      assert.equal(new Set(ind[k]).size, ind[k].length, `${ind.id}: ${k} has duplicates`);
      for (const s of ind[k]) assert.ok(s && ct.includes(s), `${ind.id}: ${k} item "${s}" not in clause`);
    }
    // The goal phrase ends the clause.
    assert.ok(ct.replace(/。$/, '').endsWith(ind.positioning), `${ind.id}: positioning "${ind.positioning}" does not end the clause`);
    // Short names: the tier sentence's wording where it names the industry, else the heading.
    if (ind.kind === 'future') assert.equal(ind.name_zh, ind.full_name_zh, `${ind.id}: name_zh`);
    else if (ind.tier) assert.ok(ind.full_name_zh.startsWith(ind.name_zh), `${ind.id}: name_zh "${ind.name_zh}"`);
    else assert.equal(ind.full_name_zh, `${ind.name_zh}产业集群`, `${ind.id}: name_zh "${ind.name_zh}"`);
  }
});

// 4
test('districts: exactly the district short names the clause names, in the order of its district list', () => {
  for (const ind of industries) {
    const named = SHORTS.filter((s) => ind.clause_text.includes(s));
    for (const s of named) assert.ok(ind.districts.includes(s), `${ind.id}: clause names "${s}" but districts lacks it`);
    for (const s of ind.districts) assert.ok(named.includes(s), `${ind.id}: district "${s}" is not named in the clause`);
    // Order: by last mention, i.e. the "支持/依托 X、Y等区" list (深汕 also occurs earlier in 深汕汽车工业园).
    const byLast = [...named].sort((a, b) => ind.clause_text.lastIndexOf(a) - ind.clause_text.lastIndexOf(b));
    assert.deepEqual(ind.districts, byLast, `${ind.id}: districts not in clause order`);
  }
});

// 5
// Words that end the name of a carrier (a platform, facility, base, park or project to build).
const CARRIER_SUFFIXES = ['中心', '设施', '基地', '生产线', '项目', '园区', '产业园', '工业园', '平台', '研究院',
  '先导区', '示范区', '先行区', '创新区', '试验设施', '中试线', '银行', '海洋城', '新城', '低碳城', '大学', '电厂', '总部'];
// Category words after an enumeration ("…等重点项目", "…等项目", "…等重大项目", "…等创新平台") name no carrier.
const GENERIC = /等(?:重点|重大|创新)?(?:项目|平台)/g;
// Suffix occurrences that are not carriers. Keyed by industry id; each phrase must occur in the
// clause and must actually excuse something (a stale entry fails the test).
const NOT_CARRIERS = {
  'software-info': [['低代码开发平台', 'a kind of basic software, listed as a segment']],
  'digital-creative': [['多中心', 'part of the "一核、一廊、多中心" spatial layout, not a named site']],
  'modern-fashion': [['国际时尚消费中心城市', 'the city\'s positioning goal']],
  'smart-robot': [['集成应用示范区', 'the positioning goal: the cluster as a demonstration zone, not a site']],
  'intelligent-connected-vehicle': [
    ['车载计算平台', 'a product segment (on-board computing platforms)'],
    ['快速充电设施', 'a product segment (fast-charging equipment)'],
  ],
  'marine': [['全球海洋中心城市', 'the city\'s positioning goal']],
  'blockchain': [['底层平台技术', 'a technology field, listed as a segment']],
};

test('carriers: every carrier-like name in the clause is listed (or an explained exception)', () => {
  const ids = new Set(industries.map((i) => i.id));
  for (const id of Object.keys(NOT_CARRIERS)) assert.ok(ids.has(id), `exception table names unknown industry ${id}`);
  for (const ind of industries) {
    const ct = ind.clause_text;
    const carrierSpans = ind.carriers.flatMap((c) => spans(ct, c));
    const genericSpans = [...ct.matchAll(GENERIC)].map((m) => [m.index, m.index + m[0].length]);
    const exceptions = (NOT_CARRIERS[ind.id] || []).map(([phrase]) => {
      const sp = spans(ct, phrase);
      assert.ok(sp.length, `${ind.id}: exception "${phrase}" does not occur in the clause`);
      return { phrase, sp, used: false };
    });
    for (const suffix of CARRIER_SUFFIXES) {
      for (const occ of spans(ct, suffix)) {
        if (inside(occ, carrierSpans) || inside(occ, genericSpans)) continue;
        const ex = exceptions.find((e) => inside(occ, e.sp));
        const ctx = ct.slice(Math.max(0, occ[0] - 10), occ[1]);
        assert.ok(ex, `${ind.id}: "${suffix}" in "…${ctx}" is not covered by any carrier`);
        ex.used = true;
      }
    }
    for (const e of exceptions) assert.ok(e.used, `${ind.id}: exception "${e.phrase}" excuses nothing; remove it`);
    for (const c of ind.carriers) {
      const occ = spans(ct, c);
      assert.ok(!occ.every((o) => inside(o, genericSpans)), `${ind.id}: carrier "${c}" is a generic word`);
    }
  }
});

// 6
// Enumerations of what a clause develops. Each capture group is a list split on 、; an item that is
// not itself a segment must split on 和 / 以及 into segments ("移动通信和卫星通信"), while a
// compound name such as "海洋工程和装备业" may stay whole. Captures never cross ，or 。.
const SEGMENT_PATTERNS = [
  /(?:重点|大力)?发展([^，。；]+?)等(?:细分领域|细分产业|重点领域|领域|行业|(?=，))/g,
  /聚焦([^，。；]+?)等(?:重点领域|领域|环节)/g,
  /围绕([^，。；]+?)等(?:领域|智能终端产品)/g,
  /支持([^，。；]+?)等领域发展/g,
  /推动([^，。；]+?)(?:等领域)?协同发展/g,
  /推动([^，。；]+?)等优势传统产业/g,
  /推动([^，。；]+?)等关键性基础软件和([^，。；]+?)等工具软件/g,
  /完善([^，。；]+?)等产业链/g,
  /提升([^，。；]+?)等行业发展水平/g,
  /巩固提升([^，。；]+?)等产业优势/g,
  /培育壮大([^，。；]+?)等产业/g,
];

test('segments: every item of the clause\'s development enumerations is listed', () => {
  let fired = 0;
  for (const ind of industries) {
    let hit = false;
    for (const re of SEGMENT_PATTERNS) {
      for (const m of ind.clause_text.matchAll(re)) {
        hit = true;
        for (const group of m.slice(1)) {
          for (const item of group.split('、')) {
            if (ind.segments.includes(item)) continue;
            const parts = item.split(/以及|和/);
            for (const p of parts) {
              assert.ok(parts.length > 1 && ind.segments.includes(p),
                `${ind.id}: enumerated item "${parts.length > 1 ? p : item}" (from "${m[0]}") missing from segments`);
            }
          }
        }
      }
    }
    if (hit) fired++;
  }
  assert.ok(fired >= 20, `segment patterns fired for only ${fired} of 28 industries`);
});

// 7
test('tiers, targets, principles and safeguards follow 二（三） and the rest of the text', () => {
  assert.equal(prog.document.title, lines[0], 'document title');
  const f0 = lineIndex('一、发展基础');
  const f1 = lineIndex('二、总体要求');
  assert.equal(prog.foundation, lines.slice(f0 + 1, f1).join('\n'), 'foundation');
  assert.equal(`（一）指导思想。${prog.guiding_ideology}`, lines[f1 + 1], 'guiding_ideology');

  const expected = { pillar: 6, short_board: 3, improve: 6, growth_point: 2 };
  assert.deepEqual(prog.tiers.map((t) => t.id), Object.keys(expected));
  const byName = new Map(industries.map((i) => [i.name_zh, i]));
  for (const t of prog.tiers) {
    assert.ok(lines[SEC_TARGETS].includes(t.text), `tier ${t.id}: text not in 二（三）`);
    assert.equal(t.clause, '二（三）', `tier ${t.id}: clause`);
    const names = t.text.split('等')[0].split('、');
    const named = names.map((n) => {
      assert.ok(byName.has(n), `tier ${t.id}: "${n}" is no industry's name_zh`);
      return byName.get(n).id;
    });
    const tagged = industries.filter((i) => i.tier === t.id).map((i) => i.id);
    assert.deepEqual([...named].sort(), [...tagged].sort(), `tier ${t.id}: named industries differ from tagged ones`);
    assert.equal(tagged.length, expected[t.id], `tier ${t.id}: count`);
  }
  for (const i of industries) {
    assert.ok(i.tier === null || i.tier in expected, `${i.id}: unknown tier ${i.tier}`);
  }

  const tids = new Set();
  for (const t of prog.targets) {
    assert.ok(!tids.has(t.id) && /^[a-z][a-z0-9_]*$/.test(t.id), `target id ${t.id}`);
    tids.add(t.id);
    assert.ok(lines[SEC_TARGETS].includes(t.text), `target ${t.id}: text "${t.text}" not in 二（三）`);
    assert.equal(t.clause, '二（三）', `target ${t.id}: clause`);
    assert.equal(t.year, 2025, `target ${t.id}: year`);
    if (t.indicator === null) assert.equal(t.value, null, `target ${t.id}: text-only target with a value`);
    const tier = /^tier:(.*)$/.exec(t.scope);
    if (tier) {
      const td = prog.tiers.find((x) => x.id === tier[1]);
      assert.ok(td, `target ${t.id}: unknown scope ${t.scope}`);
      assert.equal(t.text, td.text, `target ${t.id}: text differs from its tier's`);
      assert.equal(t.count, expected[tier[1]], `target ${t.id}: count`);
    } else {
      assert.equal(t.scope, 'programme', `target ${t.id}: scope`);
    }
  }
  const sei = prog.targets.find((t) => t.id === 'sei_value_added_2025');
  assert.ok(sei, 'programme value-added target missing');
  assert.deepEqual([sei.indicator, sei.op, sei.value, sei.unit, sei.scope], ['value_added', '>', 1.5e12, '元', 'programme']);
  assert.ok(sei.text.includes('超过1.5万亿元'));
  const pil = prog.targets.find((t) => t.id === 'pillar_clusters_2025');
  assert.deepEqual([pil.indicator, pil.op, pil.value, pil.unit, pil.count], ['value_added', '>=', 1e11, '元', 6]);
  assert.ok(pil.text.includes('千亿级'));
  // Every sentence part of 二（三） after the value target is some target's text.
  const goals = lines[SEC_TARGETS].replace('（三）发展目标。', '').replace(/。$/, '').split(/[，。]/);
  for (const g of goals) {
    assert.ok(prog.targets.some((t) => t.text.includes(g) || g.includes(t.text)), `二（三） part "${g}" is in no target`);
  }

  assert.equal(prog.principles.length, 4);
  const pIdx = lineIndex('（二）基本原则。');
  prog.principles.forEach((p, k) => {
    assert.equal(`${p.title}。${p.text}`, lines[pIdx + 1 + k], `principle ${k + 1} "${p.title}"`);
    assert.equal(p.clause, '二（二）');
  });

  assert.equal(prog.safeguards.length, 6);
  const nums = ['（一）', '（二）', '（三）', '（四）', '（五）', '（六）'];
  const sids = new Set();
  prog.safeguards.forEach((s, k) => {
    assert.equal(s.seq, k + 1, `safeguard ${s.id}: seq`);
    assert.match(s.id, /^[a-z][a-z0-9_]*$/, `safeguard id ${s.id}`);
    assert.ok(!sids.has(s.id), `duplicate safeguard id ${s.id}`);
    sids.add(s.id);
    assert.equal(`${nums[k]}${s.title}。${s.text}`, lines[SEC_SAFEGUARDS + 1 + k], `safeguard ${s.id}`);
    assert.equal(s.clause, `四${nums[k]}`, `safeguard ${s.id}: clause`);
  });
});

// 8
test('districts: the 9 coded districts and the 3 areas the policy names', () => {
  const ds = catalog.districts;
  assert.equal(ds.length, 12);
  const coded = ds.filter((d) => d.kind === 'district');
  assert.deepEqual(coded.map((d) => d.code), ['440303', '440304', '440305', '440306', '440307', '440308', '440309', '440310', '440311']);
  for (const d of coded) {
    assert.equal(d.parent_code, '440300', `${d.id}: parent_code`);
    assert.equal(d.name_zh, `${d.short}区`, `${d.id}: name_zh`);
  }
  const areas = ds.filter((d) => d.kind !== 'district');
  assert.deepEqual(areas.map((d) => [d.id, d.code, d.short, d.kind]), [
    ['dapeng', null, '大鹏', 'new_area'], ['shenshan', null, '深汕', 'cooperation_zone'], ['qianhai', null, '前海', 'cooperation_zone'],
  ]);
  assert.equal(new Set(ds.map((d) => d.id)).size, 12, 'district ids unique');
  assert.equal(new Set(SHORTS).size, 12, 'district shorts unique');
  for (const d of ds) assert.match(d.id, /^[a-z][a-z0-9-]*$/, `district id ${d.id}`);
  for (const ind of industries) {
    for (const s of ind.districts) assert.ok(SHORTS.includes(s), `${ind.id}: district "${s}" is not one of the 12`);
  }
  // The policy's own full names of the two areas it spells out.
  assert.ok(policy.includes('前海深港现代服务业合作区（以下简称前海）'));
});

test('districts agree with the NBS division table', { skip: !existsSync(DIVISIONS_PATH) && 'no ../shared divisions table' }, () => {
  const rows = readFileSync(DIVISIONS_PATH, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const csvDistricts = rows.filter((r) => r[2] === 'district').map((r) => [r[0], r[1]]);
  const ours = catalog.districts.filter((d) => d.kind === 'district').map((d) => [d.code, d.name_zh]);
  assert.deepEqual(ours, csvDistricts, 'district codes/names differ from shenzhen_divisions.csv');
  // Areas without a code sit in the unit the table puts their streets or towns in.
  for (const [id, zone] of [['dapeng', '大鹏新区'], ['shenshan', '深汕特别合作区']]) {
    const parents = new Set(rows.filter((r) => r[4] === zone).map((r) => r[3]));
    const d = catalog.districts.find((x) => x.id === id);
    assert.deepEqual([...parents], [d.parent_code], `${id}: parent_code vs the table`);
  }
});

// 9
test('categories: every cluster in exactly one category, consistent with its category field', () => {
  const cats = catalog.categories;
  assert.equal(cats.length, 7);
  const clusterIds = new Set(clusters.map((c) => c.id));
  const owner = new Map();
  for (const cat of cats) {
    assert.match(cat.id, /^[a-z][a-z0-9-]*$/, `category id ${cat.id}`);
    for (const id of cat.industries) {
      assert.ok(clusterIds.has(id), `category ${cat.id}: "${id}" is not a cluster id`);
      assert.ok(!owner.has(id), `${id}: in both ${owner.get(id)} and ${cat.id}`);
      owner.set(id, cat.id);
    }
  }
  for (const c of clusters) {
    assert.ok(owner.has(c.id), `${c.id}: in no category`);
    assert.equal(c.category, owner.get(c.id), `${c.id}: category field "${c.category}" but listed under ${owner.get(c.id)}`);
  }
  for (const f of futures) assert.equal(f.category, null, `${f.id}: futures have no category`);
  // Within a category, clusters keep policy order.
  for (const cat of cats) {
    const seqs = cat.industries.map((id) => clusters.find((c) => c.id === id).seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), `category ${cat.id}: not in policy order`);
  }
});
