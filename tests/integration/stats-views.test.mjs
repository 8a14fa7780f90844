// stats-views.test.mjs - the dashboard's statistics views: GET /api/v1/stats/series,
// /api/v1/stats/targets and /api/v1/stats/crosswalk on the hand-computed data set of
// monitor.test.mjs (tests/fixtures/indicators/monitor-*.csv), values in 万元:
//   semiconductor-ic = E1 + E2; smart-terminal = E1; the programme = E1 + E2 once.
//   Quarters (Q1 = cum(3)): 2024Q1 semiconductor 360 + 150 = 510; 2025Q1 400 + 180 = 580,
//     growth (580/510 - 1) x 100 = 13.7254902 %; published 2025Q1 600 (growth 12.0).
//   Months of the programme (cum(m) - cum(m-1)): 2024: 150, 170, 190; 2025: 170, 190, 220;
//     2025-01 growth (170/150 - 1) x 100 = 13.3333 %.
//   2025 (annual): programme = E1's 2000万元 = 2e7 元 against 1.5万亿元: share 2e7/1.5e12,
//     time elapsed 1 (2025 is the target year): no growth left to need and nothing to project. Clusters at 1000亿元 or more: 0, with data for 2 (semiconductor, terminal).
//   Crosswalk 2025Q1 into 2024's industries: semiconductor-ic the published 600万元,
//     smart-terminal 400万元 computed; a split part (人工智能) without a weight has no value.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { SANITIZER_RE, getJson, startServer } from './lib.mjs';
import { close, monitorDataSet } from './monitor-data.mjs';

async function server(t) {
  const { db } = await monitorDataSet(t);
  const srv = await startServer({ db });
  t.after(async () => {
    const x = await srv.stop();
    assert.equal(x.code, 0, x.stderr);
    assert.doesNotMatch(x.stderr, SANITIZER_RE);
  });
  return async (p) => {
    const r = await getJson(srv.port, p);
    return r;
  };
}

test('GET /api/v1/stats/series: an industry by quarter and the programme by month', async (t) => {
  const get = await server(t);
  const r = await get('/api/v1/stats/series?level=industry&key=%E5%8D%8A%E5%AF%BC%E4%BD%93%E4%B8%8E%E9%9B%86%E6%88%90%E7%94%B5%E8%B7%AF&kind=quarter');
  assert.equal(r.status, 200, r.text);
  const s = r.json;
  assert.equal(s.key, 'semiconductor-ic');
  assert.equal(s.name, '半导体与集成电路');
  assert.equal(s.indicator, 'value_added');
  assert.equal(s.unit, '元');
  assert.deepEqual(s.points.map((p) => p.period), ['2024Q1', '2025Q1']);
  close(s.points[0].computed.value, 5100000, '2024Q1');
  assert.equal(s.points[0].computed.growth_pct, null);
  assert.equal(s.points[0].published, null);
  assert.equal(s.points[0].source, 'computed');
  assert.equal(s.points[0].computed.n_ent, 2);
  close(s.points[1].computed.value, 5800000, '2025Q1 computed');
  close(s.points[1].computed.growth_pct, (580 / 510 - 1) * 100, '2025Q1 growth');
  close(s.points[1].published.value, 6000000, '2025Q1 published');
  close(s.points[1].published.growth_pct, 12, 'published growth');
  assert.equal(s.points[1].published.source_text, '深圳市工业和信息化局');
  assert.equal(s.points[1].source, 'published');

  const m = await get('/api/v1/stats/series?kind=month');
  assert.equal(m.status, 200, m.text);
  assert.equal(m.json.level, 'programme');
  assert.deepEqual(m.json.points.map((p) => p.period), ['2024-01', '2024-02', '2024-03', '2025-01', '2025-02', '2025-03']);
  assert.deepEqual(m.json.points.map((p) => p.computed.value), [150, 170, 190, 170, 190, 220].map((v) => v * 1e4));
  close(m.json.points[3].computed.growth_pct, (170 / 150 - 1) * 100, '2025-01 growth');

  for (const q of ['?level=industry', '?kind=week', '?indicator=nope', '?level=industry&key=%E4%B8%8D%E5%AD%98%E5%9C%A8']) {
    const e = await get(`/api/v1/stats/series${q}`);
    assert.equal(e.status, 400, q);
    assert.ok(e.json.error.message, q);
  }
});

test('GET /api/v1/stats/targets: the 1.5万亿元 target against the computed annual figure', async (t) => {
  const get = await server(t);
  const r = await get('/api/v1/stats/targets');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.year, 2025);
  assert.equal(r.json.latest_period, '2025-03');
  const va = r.json.targets.find((x) => x.scope === 'programme' && x.indicator === 'value_added' && x.threshold === null);
  assert.equal(va.value, 1.5e12);
  close(va.share, 2e7 / 1.5e12, 'share achieved');
  close(va.elapsed, 1, 'time elapsed');
  assert.equal(va.growth_needed_pct.reason, 'past_target');
  assert.equal(va.projection.reason, 'past_target');
  assert.equal(va.actual_source, '由1家企业数据汇总计算');
  const pillars = r.json.targets.find((x) => x.threshold === 1e11);
  assert.equal(pillars.count, 0);
  assert.equal(pillars.industries_with_data, 2);
  // A year without annual figures: no actual value.
  const y = await get('/api/v1/stats/targets?year=2024');
  assert.equal(y.status, 200, y.text);
  const v24 = y.json.targets.find((x) => x.scope === 'programme' && x.threshold === null);
  assert.equal(v24.share.reason, 'no_actual');
  for (const q of ['?year=abc', '?year=3000', '?year=']) {
    const e = await get(`/api/v1/stats/targets${q}`);
    assert.equal(e.status, 400, q);
  }
});

test('GET /api/v1/stats/crosswalk: 2025Q1 restated in the 2024 version, flags carried', async (t) => {
  const get = await server(t);
  const r = await get('/api/v1/stats/crosswalk?period=2025Q1');
  assert.equal(r.status, 200, r.text);
  const x = r.json;
  assert.equal(x.from_version, '2022');
  assert.equal(x.to_version, '2024');
  assert.equal(x.period, '2025Q1');
  const by = new Map(x.industries.map((i) => [i.id, i]));
  assert.equal(by.get('semiconductor-ic').value, 6000000);
  assert.equal(by.get('semiconductor-ic').complete, true);
  assert.deepEqual(by.get('semiconductor-ic').flags, []);
  assert.equal(by.get('smart-terminal').value, 4000000);
  const ai = by.get('artificial-intelligence');
  assert.equal(ai.value, null);
  assert.ok(ai.flags.includes('no_weight'), JSON.stringify(ai));
  assert.deepEqual(x.from.map((f) => [f.id, f.value, f.source]),
    [['semiconductor-ic', 6000000, 'published'], ['smart-terminal', 4000000, 'computed']]);
  for (const q of ['', '?period=2025Q5', '?period=2025&to=2030', '?period=2025&indicator=nope']) {
    const e = await get(`/api/v1/stats/crosswalk${q}`);
    assert.equal(e.status, 400, q);
  }
});
