// completeness.js - "/completeness.html": 28 industries (clusters, then futures) x the 13 items of
// "六个一" + "七个一", then the 2 duties (链长, 专员) set apart. A cell shows the number of records,
// or is empty and red-tinted when the item is missing. Row score x/13, column totals, sort by score.
import { api, anyDemo } from './api.js';
import { h, clear, $ } from './dom.js';
import { tierOf, seqLabel } from './format.js';
import { initLayout, showError, showContent, setSourceLine, setDemoBanner, renderLegend } from './layout.js';

const state = { data: null, sort: '', kind: '' };

function readQuery() {
  const q = new URLSearchParams(location.search);
  state.sort = ['asc', 'desc'].includes(q.get('sort')) ? q.get('sort') : '';
  state.kind = ['cluster', 'future'].includes(q.get('kind')) ? q.get('kind') : '';
}

function writeQuery() {
  const q = new URLSearchParams();
  if (state.sort) q.set('sort', state.sort);
  if (state.kind) q.set('kind', state.kind);
  const s = q.toString();
  history.replaceState(null, '', s ? `?${s}` : location.pathname);
}

const GROUP_LABEL = { six: '六个一', seven: '七个一', duty: '工作职责' };

function render() {
  const { items, rows: all } = state.data;
  const scored = items.map((it, k) => ({ ...it, k })).filter((it) => it.group !== 'duty');
  const duties = items.map((it, k) => ({ ...it, k })).filter((it) => it.group === 'duty');
  let rows = all.filter((r) => !state.kind || r.kind === state.kind);
  if (state.sort) {
    const dir = state.sort === 'asc' ? 1 : -1;
    // Stable: equal scores keep the programme's order.
    rows = rows.map((r, i) => ({ r, i }))
      .sort((a, b) => (a.r.present - b.r.present) * dir || a.i - b.i)
      .map((x) => x.r);
  }
  const table = clear($('cmatrix'));
  table.appendChild(h('caption', { class: 'sr-only' },
    '各产业“六个一”“七个一”完整度：行是产业，列是条目，数字为已填报条数，空白为缺'));
  // Group header row: 六个一 (6) | 七个一 (7) | 得分 | 工作职责 (2).
  const groups = [];
  for (const it of scored) {
    const g = groups[groups.length - 1];
    if (g && g.id === it.group) g.n++; else groups.push({ id: it.group, n: 1 });
  }
  table.appendChild(h('thead', {},
    h('tr', { class: 'group-row' },
      h('th', { scope: 'col', class: 'corner', rowspan: '2' }, '产业 \\ 条目'),
      groups.map((g) => h('th', { scope: 'colgroup', colspan: String(g.n), class: `grp grp-${g.id}` }, `“${GROUP_LABEL[g.id]}”`)),
      h('th', { scope: 'col', class: 'score', rowspan: '2' },
        h('button', { type: 'button', class: 'sort', id: 'score-sort' }, '得分',
          h('span', { class: 'sort-arrow', 'aria-hidden': 'true' }, state.sort === 'asc' ? '▲' : state.sort === 'desc' ? '▼' : '↕'))),
      h('th', { scope: 'colgroup', colspan: String(duties.length), class: 'grp grp-duty duty-first' }, GROUP_LABEL.duty)),
    h('tr', {},
      scored.map((it) => h('th', { scope: 'col', class: `item grp-${it.group}`, dataset: { item: it.id }, title: it.name_zh }, it.name_zh)),
      duties.map((it, j) => h('th', { scope: 'col', class: `item duty${j === 0 ? ' duty-first' : ''}`, dataset: { item: it.id } }, it.name_zh)))));
  const scoreTh = table.querySelector('th.score');
  scoreTh.setAttribute('aria-sort', state.sort === 'asc' ? 'ascending' : state.sort === 'desc' ? 'descending' : 'none');

  const tbody = h('tbody');
  const colTotals = items.map(() => 0);
  let lastKind = null;
  for (const r of rows) {
    if (!state.sort && r.kind !== lastKind) {
      lastKind = r.kind;
      tbody.appendChild(h('tr', { class: 'kind-row' },
        h('th', { scope: 'rowgroup', colspan: String(items.length + 2) }, r.kind === 'future' ? '未来产业' : '战略性新兴产业集群')));
    }
    const tier = tierOf(r.tier);
    const cell = (it, extra = '') => {
      const n = r.counts[it.k];
      if (n > 0) colTotals[it.k]++;
      return h('td', {
        class: `cell ${n > 0 ? 'has' : 'miss'}${extra}`,
        dataset: { item: it.id },
        title: `${r.name_zh} · ${it.name_zh}：${n > 0 ? `${n} 条` : '缺'}`,
      }, n > 0 ? String(n) : h('span', { class: 'sr-only' }, '缺'));
    };
    const full = r.present === r.of;
    tbody.appendChild(h('tr', { class: `ind-row tier-row-${tier.id}`, dataset: { id: r.industry, kind: r.kind } },
      h('th', { scope: 'row', class: 'rowname' },
        h('a', { href: `/lists.html?industry=${encodeURIComponent(r.industry)}`, title: `打开${r.name_zh}的“六个一”工作台` },
          h('span', { class: 'seq' }, seqLabel(r.seq)), r.name_zh),
        h('span', { class: `tier-mini tier-${tier.id}` }, tier.label)),
      scored.map((it) => cell(it)),
      h('td', { class: `score${full ? ' full' : r.present <= r.of / 2 ? ' low' : ''}` },
        h('span', { class: 'score-bar', 'aria-hidden': 'true' }, h('span', { class: 'score-fill', dataset: { ratio: String(r.present / r.of) } })),
        `${r.present}/${r.of}`),
      duties.map((it, j) => cell(it, ` duty${j === 0 ? ' duty-first' : ''}`))));
  }
  table.appendChild(tbody);
  table.appendChild(h('tfoot', {}, h('tr', {},
    h('th', { scope: 'row' }, '具备该项的产业数'),
    scored.map((it) => h('td', { class: 'total', dataset: { item: it.id } }, String(colTotals[it.k]))),
    h('td', { class: 'total score' }, `${rows.filter((r) => r.present === r.of).length} 个齐全`),
    duties.map((it, j) => h('td', { class: `total duty${j === 0 ? ' duty-first' : ''}`, dataset: { item: it.id } }, String(colTotals[it.k]))))));
  // Bar widths are data, set from JS (the CSP allows element.style, not style attributes).
  for (const f of table.querySelectorAll('.score-fill')) f.style.width = `${Math.round(Number(f.dataset.ratio) * 100)}%`;

  const missingFund = rows.filter((r) => r.counts[items.findIndex((i) => i.id === 'fund')] === 0).length;
  const avg = rows.length ? rows.reduce((a, r) => a + r.present, 0) / rows.length : 0;
  $('summary').textContent = `${rows.length} 个产业 · 平均 ${avg.toFixed(1)}/13 项 · ${rows.filter((r) => r.present === r.of).length} 个齐全 · ${missingFund} 个缺基金`;
}

function renderKey() {
  const ul = clear($('legend'));
  ul.appendChild(h('li', {}, h('span', { class: 'swatch swatch-has', 'aria-hidden': 'true' }), '已具备（数字为条数）'));
  ul.appendChild(h('li', {}, h('span', { class: 'swatch swatch-miss', 'aria-hidden': 'true' }), '缺'));
  const tiers = h('li', { class: 'legend-tiers' }, '梯队：');
  const inner = h('ul', { class: 'legend' });
  renderLegend(inner);
  tiers.appendChild(inner);
  ul.appendChild(tiers);
}

async function main() {
  initLayout();
  readQuery();
  $('f-sort').value = state.sort;
  $('f-kind').value = state.kind;
  const onChange = () => {
    state.sort = $('f-sort').value;
    state.kind = $('f-kind').value;
    writeQuery();
    render();
  };
  $('f-sort').addEventListener('change', onChange);
  $('f-kind').addEventListener('change', onChange);
  $('filters').addEventListener('submit', (e) => e.preventDefault());
  $('cmatrix').addEventListener('click', (e) => {
    if (!e.target.closest('#score-sort')) return;
    state.sort = state.sort === 'asc' ? 'desc' : 'asc';
    $('f-sort').value = state.sort;
    writeQuery();
    render();
    $('score-sort').focus();
  });
  try {
    state.data = await api.completeness();
    render();
    renderKey();
    setSourceLine($('cm-source'), `${state.data.source}；“一集群”即该产业集群本身，恒为 1。`);
    anyDemo([...new Set(state.data.items.map((i) => i.list).filter(Boolean))]).then(setDemoBanner, () => {});
    showContent();
  } catch (e) {
    showError(e);
  }
}

main();
