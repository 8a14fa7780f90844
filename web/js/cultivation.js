// cultivation.js - "/cultivation.html?by=industry|district&period=2025H1": the enterprise
// cultivation ladder 个体户 → 企业 → 规上 → 专精特新 → 上市 for the city (ECharts), the four moves
// in the period, and a table per industry or per district.
import { api, anyDemo } from './api.js';
import { h, clear, $ } from './dom.js';
import { initLayout, showError, showContent, setSourceLine, setDemoBanner } from './layout.js';

const STAGES = ['个体户', '企业', '规上', '专精特新', '上市'];
const MOVES = [
  { id: '个转企', from: '个体户', to: '企业' },
  { id: '小升规', from: '企业', to: '规上' },
  { id: '规做精', from: '规上', to: '专精特新' },
  { id: '优上市', from: '专精特新', to: '上市' },
];
const COLORS = ['#90a4ae', '#5c8fc4', '#1565c0', '#b45309', '#c62828'];

const state = { by: 'industry', period: '', chart: null, data: null };

// Years, halves and quarters back to three years before this one.
function fillPeriods(sel, current) {
  clear(sel);
  const y0 = new Date().getFullYear();
  const labels = new Set();
  for (let y = y0; y >= y0 - 3; y--) {
    const g = h('optgroup', { label: `${y}年` },
      [[`${y}`, `${y}年全年`], [`${y}H1`, `${y}年上半年`], [`${y}H2`, `${y}年下半年`],
        [`${y}Q1`, `${y}年第1季度`], [`${y}Q2`, `${y}年第2季度`], [`${y}Q3`, `${y}年第3季度`], [`${y}Q4`, `${y}年第4季度`]]
        .map(([v, t]) => { labels.add(v); return h('option', { value: v }, t); }));
    sel.appendChild(g);
  }
  if (current && !labels.has(current.label)) {
    sel.insertBefore(h('option', { value: current.label }, current.label_zh || current.label), sel.firstChild);
  }
  if (current) sel.value = current.label;
}

function readQuery() {
  const q = new URLSearchParams(location.search);
  state.by = q.get('by') === 'district' ? 'district' : 'industry';
  // Default: this year so far.
  state.period = /^\d{4}([HhQq]\d|-\d{2})?$/.test(q.get('period') || '') ? q.get('period') : String(new Date().getFullYear());
}

function writeQuery() {
  const q = new URLSearchParams();
  if (state.by !== 'industry') q.set('by', state.by);
  if (state.period !== String(new Date().getFullYear())) q.set('period', state.period);
  const s = q.toString();
  history.replaceState(null, '', s ? `?${s}` : location.pathname);
}

function renderChart(city, periodZh) {
  const el = $('funnel');
  const values = STAGES.map((s) => city.stages[s] || 0);
  const label = `全市各培育阶段企业数：${STAGES.map((s, k) => `${s} ${values[k]} 家`).join('，')}`;
  el.setAttribute('aria-label', label);
  if (!window.echarts) {
    el.textContent = '图表组件未能加载。';
    return;
  }
  if (!state.chart) {
    state.chart = window.echarts.init(el, null, { renderer: 'canvas' });
    new ResizeObserver(() => state.chart.resize()).observe(el);
  }
  state.chart.setOption({
    aria: { enabled: false }, // the container's aria-label (set below) says it in words
    textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, renderMode: 'richText' },
    grid: { left: 8, right: 48, top: 8, bottom: 4, containLabel: true },
    xAxis: { type: 'value', name: '家', minInterval: 1, nameTextStyle: { color: '#555' } },
    yAxis: {
      type: 'category', data: STAGES, inverse: true,
      axisTick: { show: false }, axisLabel: { color: '#333', fontSize: 13 },
    },
    series: [{
      name: `企业数（当前，${periodZh}）`,
      type: 'bar',
      barMaxWidth: 28,
      data: values.map((v, k) => ({ value: v, itemStyle: { color: COLORS[k] } })),
      label: { show: true, position: 'right', formatter: '{c} 家', color: '#333' },
    }],
  }, true);
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', label);
}

function renderMoves(city) {
  const ul = clear($('moves'));
  for (const m of MOVES) {
    ul.appendChild(h('li', { class: 'move', dataset: { move: m.id } },
      h('span', { class: 'move-name' }, m.id),
      h('span', { class: 'move-path' }, `${m.from} → ${m.to}`),
      h('span', { class: 'move-num' }, String(city.moves[m.id] || 0), h('span', { class: 'unit' }, ' 家'))));
  }
}

function renderTable(data) {
  const t = clear($('ctable'));
  const keyLabel = data.by === 'district' ? '区' : '产业';
  $('table-title').textContent = `按${keyLabel}：各阶段企业数和${data.period.label_zh}晋级数（家）`;
  t.appendChild(h('caption', { class: 'sr-only' }, `按${keyLabel}的企业培育情况`));
  t.appendChild(h('thead', {},
    h('tr', { class: 'group-row' },
      h('th', { scope: 'col', rowspan: '2' }, keyLabel),
      h('th', { scope: 'colgroup', colspan: String(STAGES.length + 1), class: 'grp' }, '各阶段企业数（当前）'),
      h('th', { scope: 'colgroup', colspan: String(MOVES.length), class: 'grp grp-moves' }, `${data.period.label_zh}晋级`)),
    h('tr', {},
      STAGES.map((s) => h('th', { scope: 'col', class: 'num' }, s)),
      h('th', { scope: 'col', class: 'num' }, '合计'),
      MOVES.map((m, k) => h('th', { scope: 'col', class: `num${k === 0 ? ' moves-first' : ''}` }, m.id)))));
  const row = (r, cls, head) => h('tr', { class: cls, dataset: { key: r.key || '' } },
    head,
    STAGES.map((s) => h('td', { class: `num${(r.stages[s] || 0) === 0 ? ' zero' : ''}` }, String(r.stages[s] || 0))),
    h('td', { class: 'num total' }, String(r.total || 0)),
    MOVES.map((m, k) => h('td', { class: `num${k === 0 ? ' moves-first' : ''}${(r.moves[m.id] || 0) === 0 ? ' zero' : ''}` }, String(r.moves[m.id] || 0))));
  const tb = h('tbody');
  for (const r of data.rows) {
    const name = data.by === 'industry'
      ? h('a', { href: `/lists.html?industry=${encodeURIComponent(r.key)}` }, r.name_zh)
      : r.name_zh;
    tb.appendChild(row(r, 'data-row', h('th', { scope: 'row' }, name)));
  }
  t.appendChild(tb);
  t.appendChild(h('tfoot', {}, row(data.city, 'city-row', h('th', { scope: 'row' }, '全市'))));
}

let ticket = 0;
async function load() {
  const mine = ++ticket;
  try {
    const data = await api.cultivation({ by: state.by, period: state.period });
    if (mine !== ticket) return;
    state.data = data;
    if ($('f-period').value !== data.period.label) fillPeriods($('f-period'), data.period);
    for (const b of document.querySelectorAll('#by-toggle button')) {
      b.setAttribute('aria-pressed', b.dataset.by === data.by ? 'true' : 'false');
    }
    $('summary').textContent = `${data.period.label_zh}（${data.period.first} 至 ${data.period.last}）· 全市 ${data.city.total} 家`;
    renderMoves(data.city);
    renderTable(data);
    setSourceLine($('c-source'), `${data.source}；阶段为企业名录“培育阶段”的当前值，晋级按转企、升规、专精特新认定、上市日期落在期间内统计`);
    anyDemo(['enterprises']).then(setDemoBanner, () => {});
    showContent();
    renderChart(data.city, data.period.label_zh);
  } catch (e) {
    if (mine === ticket) showError(e);
  }
}

function main() {
  initLayout();
  readQuery();
  $('f-period').addEventListener('change', (e) => {
    state.period = e.target.value;
    writeQuery();
    load();
  });
  $('by-toggle').addEventListener('click', (e) => {
    const b = e.target.closest('button[data-by]');
    if (!b) return;
    state.by = b.dataset.by;
    writeQuery();
    load();
  });
  $('filters').addEventListener('submit', (e) => e.preventDefault());
  load();
}

main();
