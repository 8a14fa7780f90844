// map.test.mjs - the battle map's API: the built-in district shapes (GET /api/v1/map/districts)
// against the catalogue's districts, and coordinates on records checked against them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { getJson, initDb, request, startServer } from './lib.mjs';

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
    // The nine districts with codes 440303-440311: eight with shapes from the source, 光明区
    // without (its area is inside 宝安区's shape, which says so); 大鹏新区 derived; 深汕 none.
    const withShape = g.features.filter((f) => f.geometry && f.properties.kind === 'district')
      .map((f) => f.properties.code).sort();
    assert.deepEqual(withShape, ['440303', '440304', '440305', '440306', '440307', '440308', '440309', '440310']);
    assert.equal(byId.get('guangming').geometry, null);
    assert.equal(byId.get('guangming').properties.shape, 'unavailable');
    assert.match(byId.get('baoan').properties.note, /光明区/);
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
