// chain.js - "/chain.html?industry=ID&node=ID": an industry's chain map (GET /api/v1/chains/{id})
// drawn upstream -> midstream -> downstream with ECharts, nodes coloured by status; a click on a
// node shows its enterprises and the candidates outside the city (/chains/{id}/nodes/{node}),
// each with a button adding it to the investment-promotion list (POST /chains/{id}/leads);
// the programme-wide table of critical gaps (/chains/gaps).
import { getJSON, postJSON, query, anyDemo, me, can } from './api.js';
import { h, clear, $ } from './dom.js';
import { yi, zhText } from './format.js';
import { initLayout, showError, showContent, showLoading, setSourceLine, setDemoBanner } from './layout.js';

export const STATUS = [
  { id: 'strong', label: '强', color: '#1b7f3b' },
  { id: 'present', label: '有', color: '#7cb342' },
  { id: 'weak', label: '弱', color: '#f0a020' },
  { id: 'missing', label: '缺失', color: '#9aa5b1' },
  { id: 'critical_gap', label: '卡脖子缺口', color: '#d32f2f' },
];
const COLOR = Object.fromEntries(STATUS.map((s) => [s.id, s.color]));
const STAGES = [['upstream', '上游'], ['midstream', '中游'], ['downstream', '下游']];
const STAGE_ZH = Object.fromEntries(STAGES);

const state = { chains: [], industry: '', node: '', map: null, chart: null };
window.jiqunChain = state; // for tests: the chart and the map shown

const pct = (v) => (v === null || v === undefined ? '—' : `${Number(v).toFixed(1)}%`);
const hhi = (v) => (v === null || v === undefined ? '—' : String(Math.round(v)));

function readQuery() {
  const q = new URLSearchParams(location.search);
  state.industry = q.get('industry') || '';
  state.node = q.get('node') || '';
}

function writeQuery() {
  history.replaceState(null, '', `${location.pathname}${query({ industry: state.industry, node: state.node })}`);
}

function statusTag(status, zh) {
  return h('span', { class: `chain-status cs-${status}` }, zh || STATUS.find((s) => s.id === status)?.label || status);
}

function renderSummary(map) {
  const c = map.coverage;
  const ul = clear($('chain-summary'));
  ul.appendChild(h('li', { class: 'chain-card chain-card-score', dataset: { key: 'score' } },
    h('span', { class: 'chain-card-label' }, '完整度'), h('span', { class: 'chain-card-num' }, c.score.toFixed(1)),
    h('span', { class: 'chain-card-unit' }, '分')));
  for (const s of STATUS) {
    ul.appendChild(h('li', { class: 'chain-card', dataset: { key: s.id } },
      h('span', { class: 'chain-card-label' }, h('span', { class: `swatch cs-${s.id}` }), ` ${s.label}`),
      h('span', { class: 'chain-card-num' }, String(c.by_status[s.id])), h('span', { class: 'chain-card-unit' }, '个末级环节')));
  }
  $('formula').textContent = `${c.formula}。状态阈值：强 ≥ ${c.settings.strong_min} 家，有 ≥ ${c.settings.present_min} 家，`
    + `不足 ${c.settings.present_min} 家为弱；前两家企业占比 ≥ ${c.settings.concentration}% 标为“集中”。本产业企业 ${c.members} 家，已标注到环节 ${c.tagged} 家。`;
  const lg = clear($('chain-legend'));
  for (const s of STATUS) lg.appendChild(h('li', { dataset: { status: s.id } }, h('span', { class: `swatch cs-${s.id}` }), s.label));
  lg.appendChild(h('li', {}, h('span', { class: 'swatch chain-swatch-critical' }), '粗框：卡脖子环节'));
}

// Columns by stage; in each, every top node followed by its descendants, depth-first.
function layout(nodes) {
  const kids = new Map();
  for (const n of nodes) {
    if (!kids.has(n.parent)) kids.set(n.parent, []);
    kids.get(n.parent).push(n);
  }
  const pos = new Map();
  STAGES.forEach(([stage], col) => {
    let row = 0;
    const walk = (n, depth) => {
      pos.set(n.id, { x: col * 300 + depth * 24, y: row * 62 + (depth === 0 ? 0 : 14) });
      row += 1;
      for (const k of kids.get(n.id) || []) walk(k, depth + 1);
    };
    for (const top of (kids.get(null) || []).filter((n) => n.stage === stage)) walk(top, 0);
  });
  return pos;
}

function drawGraph(map) {
  const el = $('chain-graph');
  if (!window.echarts) {
    el.textContent = '图表组件未能加载';
    return;
  }
  if (!state.chart) {
    state.chart = window.echarts.init(el, null, { renderer: 'canvas' });
    state.chart.on('click', (p) => {
      if (p.dataType === 'node') selectNode(p.data.id);
    });
    window.addEventListener('resize', () => state.chart && state.chart.resize());
  }
  const pos = layout(map.nodes);
  const data = map.nodes.map((n) => {
    const p = pos.get(n.id) || { x: 0, y: 0 };
    const top = n.parent === null;
    return {
      id: n.id,
      name: n.name,
      x: p.x,
      y: p.y,
      value: n.count,
      symbol: 'roundRect',
      symbolSize: top ? [176, 44] : [158, 36],
      itemStyle: {
        color: COLOR[n.status],
        borderColor: n.critical ? '#5b0000' : '#ffffff',
        borderWidth: n.critical ? 3 : 1,
        opacity: n.id === state.node ? 1 : 0.92,
        shadowBlur: n.id === state.node ? 12 : 0,
        shadowColor: '#1f3b57',
      },
      label: {
        show: true,
        color: n.status === 'missing' || n.status === 'present' ? '#16202b' : '#ffffff',
        fontWeight: top ? 700 : 400,
        fontSize: top ? 13 : 12,
        formatter: `${top ? `${STAGE_ZH[n.stage]}｜` : ''}${n.name}\n${n.count} 家`,
        width: top ? 168 : 150,
        overflow: 'truncate',
      },
      tooltip: {
        formatter: `${n.name}（${statusLabel(n.status)}）<br>本地企业 ${n.count} 家${n.critical ? '<br>卡脖子环节' : ''}`,
      },
    };
  });
  const links = [];
  // Each stage is a column headed by its top node, sub-nodes below it (indented per level);
  // the arrows run between the stages, upstream -> midstream -> downstream.
  const tops = STAGES.map(([s]) => map.nodes.find((n) => n.parent === null && n.stage === s)).filter(Boolean);
  for (let i = 0; i + 1 < tops.length; i++) {
    links.push({ source: tops[i].id, target: tops[i + 1].id, symbol: ['none', 'arrow'], symbolSize: 12,
      lineStyle: { color: '#1f3b57', width: 2.5, type: 'solid', curveness: 0 } });
  }
  state.chart.setOption({
    animation: false,
    tooltip: { confine: true },
    series: [{
      type: 'graph', layout: 'none', roam: false, data, links,
      edgeSymbol: ['none', 'none'],
      lineStyle: { curveness: 0 },
      emphasis: { scale: false },
      left: 90, right: 90, top: 30, bottom: 30,
    }],
  }, true);
  const rows = Math.max(...STAGES.map(([s]) => map.nodes.filter((n) => n.stage === s).length), 3);
  el.style.height = `${Math.max(360, rows * 62 + 80)}px`;
  state.chart.resize();
}

function statusLabel(id) {
  return STATUS.find((s) => s.id === id)?.label || id;
}

function renderNodesTable(map) {
  const t = clear($('nodes-table'));
  const label = map.coverage.value_label || '营业收入';
  const head = ['位置', '环节', '卡脖子', { l: '企业数', num: true }, '状态', { l: `${label}（亿元）`, num: true },
    { l: '前两家占比', num: true }, { l: 'HHI', num: true }, { l: '市外采购占比', num: true }, '龙头企业'];
  t.appendChild(h('thead', {}, h('tr', {}, head.map((x) => h('th', { scope: 'col', class: x.num ? 'num' : null }, x.l || x)))));
  t.appendChild(h('tbody', {}, map.nodes.map((n) => h('tr', { dataset: { node: n.id, status: n.status } },
    h('td', {}, STAGE_ZH[n.stage]),
    h('td', {}, h('button', { type: 'button', class: 'link-button', dataset: { node: n.id } }, `${n.parent ? '└ ' : ''}${n.name}`)),
    h('td', {}, n.critical ? '是' : ''),
    h('td', { class: 'num' }, String(n.count)),
    h('td', {}, statusTag(n.status, n.status_zh)),
    h('td', { class: 'num' }, yi(n.value)),
    h('td', { class: 'num' }, pct(n.top2_pct)),
    h('td', { class: 'num' }, `${hhi(n.hhi)}${n.concentrated ? ' 集中' : ''}`),
    h('td', { class: 'num' }, pct(n.outside_pct)),
    h('td', {}, n.leaders.slice(0, 3).map((f) => f.name).join('、') || '—')))));
}

async function renderGaps() {
  const g = await getJSON('/chains/gaps');
  const t = clear($('gaps-table'));
  t.appendChild(h('thead', {}, h('tr', {}, ['产业', '环节', '位置', '本地企业', '市外候选企业', '政策依据']
    .map((x, i) => h('th', { scope: 'col', class: i === 3 || i === 4 ? 'num' : null }, x)))));
  t.appendChild(h('tbody', {}, g.gaps.length ? g.gaps.map((x) => h('tr', { dataset: { industry: x.industry, node: x.node } },
    h('td', {}, h('a', { href: `/chain.html${query({ industry: x.industry, node: x.node })}` }, x.industry_name)),
    h('td', {}, x.name),
    h('td', {}, x.stage_zh),
    h('td', { class: 'num' }, `${x.count} 家`),
    h('td', { class: 'num' }, `${x.candidates} 家`),
    h('td', {}, x.basis))) : h('tr', {}, h('td', { colspan: '6', class: 'empty' }, '无卡脖子缺口'))));
}

function table(caption, head, rows, empty) {
  if (!rows.length) return h('p', { class: 'muted empty' }, empty);
  return h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': caption }, h('table', { class: 'data-table' },
    h('caption', { class: 'sr-only' }, caption),
    h('thead', {}, h('tr', {}, head.map((x) => h('th', { scope: 'col', class: x.num ? 'num' : null }, x.l || x)))),
    h('tbody', {}, rows)));
}

async function addLead(btn, cand) {
  btn.disabled = true;
  const msg = $('node-message');
  try {
    const r = await postJSON(`/chains/${encodeURIComponent(state.industry)}/leads`, {
      candidates: [cand.uscc || cand.name], node: state.node,
    });
    const a = r.added[0];
    btn.textContent = a.existed ? `已在清单（线索 ${a.lead_id}）` : `已加入（线索 ${a.lead_id}）`;
    msg.className = 'status';
    msg.textContent = a.existed ? `${a.name} 已在招商引资清单中，未改动。`
      : `已将 ${a.name} 加入招商引资清单：环节“${a.node}”，招商方式“产业链招商”，阶段“线索”。`;
  } catch (err) {
    btn.disabled = false;
    msg.className = 'status status-error';
    msg.textContent = `加入失败：${zhText(err.message)}`;
  }
  msg.hidden = false;
}

async function selectNode(id) {
  state.node = id;
  writeQuery();
  const body = $('node-body');
  $('node-hint').hidden = true;
  body.hidden = false;
  clear(body).appendChild(h('p', { class: 'muted' }, '加载中…'));
  if (state.map) drawGraph(state.map);
  $('node-detail').scrollIntoView({ block: 'nearest' });
  let d;
  try {
    d = await getJSON(`/chains/${encodeURIComponent(state.industry)}/nodes/${encodeURIComponent(id)}`);
  } catch (err) {
    clear(body).appendChild(h('p', { class: 'status status-error' }, `加载失败：${err.message}`));
    return;
  }
  if (state.node !== id) return;
  const n = d.node;
  const label = d.value_label || '营业收入';
  clear(body);
  body.dataset.node = n.id;
  body.appendChild(h('h3', { class: 'chain-node-title' }, n.name, ' ', statusTag(n.status, n.status_zh), n.critical ? h('span', { class: 'chain-critical' }, '卡脖子') : null));
  const dl = h('dl', { class: 'chain-facts' });
  const fact = (k, v, field) => { dl.appendChild(h('dt', {}, k)); dl.appendChild(h('dd', { dataset: { field } }, v)); };
  fact('位置', STAGE_ZH[n.stage], 'stage');
  fact('本地企业', `${n.count} 家`, 'count');
  fact(`${label}`, n.value === null ? '—' : `${yi(n.value)} 亿元`, 'value');
  fact('集中度', n.count ? `第一家 ${pct(n.top1_pct)}，前两家 ${pct(n.top2_pct)}，HHI ${hhi(n.hhi)}${n.concentrated ? '（集中）' : ''}` : '—', 'concentration');
  fact('市外采购占比', n.outside_pct === null ? '无供应关系数据' : pct(n.outside_pct), 'outside');
  fact('政策依据', n.basis || '—', 'basis');
  fact('匹配关键词', n.keywords.join('、') || '—', 'keywords');
  body.appendChild(dl);
  body.appendChild(h('h4', {}, `本地企业（${n.enterprises.length} 家）`));
  body.appendChild(table('本地企业', ['企业', { l: `${label}（亿元）`, num: true }, '匹配方式'],
    n.enterprises.map((f) => h('tr', { dataset: { uscc: f.uscc } }, h('td', {}, f.name), h('td', { class: 'num' }, yi(f.value)), h('td', {}, f.matched_by))),
    '暂无本地企业'));
  body.appendChild(h('h4', {}, `市外候选企业（${d.candidates.length} 家）`));
  body.appendChild(h('p', { class: 'status', id: 'node-message', role: 'status', hidden: true }));
  // Adding a lead is a write: only shown to a role that may create leads (the server decides).
  const mayAdd = can(await me(), 'leads', 'create');
  if (d.candidates.length && !mayAdd) {
    body.appendChild(h('p', { class: 'muted', id: 'add-hint' }, '登录后，有权编辑招商引资清单的用户可将候选企业加入清单。',
      h('a', { href: `/login.html${query({ next: location.pathname + location.search })}` }, '登录')));
  }
  body.appendChild(table('市外候选企业', ['候选企业', '所在城市', { l: '得分', num: true }, '推荐理由', ''],
    d.candidates.map((c) => {
      const btn = mayAdd ? h('button', { type: 'button', class: 'btn btn-small add-lead' }, '加入招商清单') : null;
      if (btn) btn.addEventListener('click', () => addLead(btn, c));
      return h('tr', { dataset: { name: c.name } }, h('td', {}, c.name), h('td', {}, c.city), h('td', { class: 'num' }, String(Math.round(c.score))),
        h('td', {}, c.reason), h('td', { class: 'actions' }, btn));
    }), '候选企业库中没有匹配本环节的企业（jiqun chain candidates import）'));
}

async function load() {
  showLoading();
  try {
    const [map, demo] = await Promise.all([getJSON(`/chains/${encodeURIComponent(state.industry)}`),
      anyDemo(['enterprises'], { industry: state.industry })]);
    state.map = map;
    const c = map.coverage;
    $('title').textContent = `产业链图谱：${c.industry_name}`;
    document.title = `${c.industry_name} 产业链图谱 · 集群 Jiqun`;
    renderSummary(map);
    renderNodesTable(map);
    setSourceLine($('c-source'), `${c.source}；${c.value_label || '无营业收入数据'}为企业上报数（元，表中以亿元显示）`);
    setDemoBanner(demo);
    showContent();
    drawGraph(map);
    if (state.node && map.nodes.some((n) => n.id === state.node)) await selectNode(state.node);
    else {
      state.node = '';
      writeQuery();
      $('node-hint').hidden = false;
      $('node-body').hidden = true;
    }
  } catch (err) {
    showError(err);
  }
}

async function main() {
  initLayout();
  readQuery();
  try {
    state.chains = (await getJSON('/chains')).chains;
  } catch (err) {
    showError(err);
    return;
  }
  if (!state.chains.length) {
    showError(new Error('尚无产业链图谱（jiqun init 载入内置图谱，或 jiqun chain import FILE）'));
    return;
  }
  if (!state.chains.some((c) => c.industry === state.industry)) state.industry = state.chains[0].industry;
  const fi = $('f-industry');
  for (const c of state.chains) fi.appendChild(h('option', { value: c.industry }, c.name));
  fi.value = state.industry;
  fi.addEventListener('change', () => {
    state.industry = fi.value;
    state.node = '';
    load();
  });
  $('filters').addEventListener('submit', (e) => e.preventDefault());
  $('nodes-table').addEventListener('click', (e) => {
    const b = e.target.closest('button[data-node]');
    if (b) selectNode(b.dataset.node);
  });
  await Promise.all([load(), renderGaps().catch(showError)]);
}

main();
