// matrix.js - "/matrix.html": industries (rows) x districts (columns); a ● where the policy
// names the district for that industry. Filters: kind, tier; ?district=ID highlights a column.
import { api } from './api.js';
import { h, clear, $ } from './dom.js';
import { TIERS, tierOf, seqLabel, KIND_LABEL } from './format.js';
import { initLayout, setSource, showError, showContent, tierBadge, renderLegend } from './layout.js';

const state = { programme: null, industries: [], districts: [], kind: '', tier: '', district: '' };

function inDistrict(ind, d) {
  return (ind.districts || []).some((n) => n === d.short || n === d.name_zh || n === d.id);
}

function findDistrict(key) {
  if (!key) return null;
  return state.districts.find((d) => d.id === key || d.code === key || d.short === key || d.name_zh === key) || null;
}

function readQuery() {
  const q = new URLSearchParams(location.search);
  state.kind = ['cluster', 'future'].includes(q.get('kind')) ? q.get('kind') : '';
  state.tier = TIERS.some((t) => t.id === q.get('tier')) ? q.get('tier') : '';
  state.district = q.get('district') || '';
}

// The page's URL for the current filters, with `district` highlighted ('' for none).
function hrefWith(district) {
  const q = new URLSearchParams();
  if (state.kind) q.set('kind', state.kind);
  if (state.tier) q.set('tier', state.tier);
  if (district) q.set('district', district);
  const s = q.toString();
  return s ? `?${s}` : location.pathname;
}

function writeQuery() {
  history.replaceState(null, '', hrefWith(state.district));
}

function render() {
  const hl = findDistrict(state.district);
  const rows = state.industries.filter((i) =>
    (!state.kind || i.kind === state.kind) && (!state.tier || tierOf(i.tier).id === state.tier));
  const cols = state.districts;
  const table = clear($('matrix'));
  table.appendChild(h('caption', { class: 'sr-only' },
    '深圳“20+8”产业与区域布局矩阵：行是产业，列是区域，● 表示政策指定该区为该产业集聚区'));

  const colgroup = h('colgroup', {}, h('col', { class: 'col-name' }),
    cols.map((d) => h('col', { class: d === hl ? 'col-hl' : '' })), h('col', { class: 'col-total' }));
  table.appendChild(colgroup);

  table.appendChild(h('thead', {}, h('tr', {},
    h('th', { scope: 'col', class: 'corner' }, '产业 \\ 区域'),
    cols.map((d) => h('th', {
      scope: 'col',
      class: `dcol${d === hl ? ' hl' : ''}`,
      title: d.name_zh,
      dataset: { district: d.id },
    }, h('a', {
      href: hrefWith(d === hl ? '' : d.id),
      dataset: { district: d === hl ? '' : d.id },
      'aria-current': d === hl ? 'true' : null,
      title: d === hl ? `取消突出显示${d.name_zh}` : `突出显示${d.name_zh}`,
    }, d.short || d.name_zh))),
    h('th', { scope: 'col', class: 'total' }, '合计'))));

  const tbody = h('tbody');
  const colTotals = cols.map(() => 0);
  let lastKind = null;
  for (const ind of rows) {
    if (ind.kind !== lastKind) {
      lastKind = ind.kind;
      tbody.appendChild(h('tr', { class: 'kind-row' },
        h('th', { scope: 'rowgroup', colspan: String(cols.length + 2) },
          ind.kind === 'future' ? '未来产业（政策未指定布局区域）' : '战略性新兴产业集群')));
    }
    const tier = tierOf(ind.tier);
    let total = 0;
    const cells = cols.map((d, k) => {
      const on = inDistrict(ind, d);
      if (on) { total++; colTotals[k]++; }
      return h('td', { class: `cell${on ? ' on' : ''}${d === hl ? ' hl' : ''}`, title: on ? `${ind.name_zh} · ${d.name_zh}` : null },
        on ? h('span', { class: `dot tier-fg-${tier.id}`, 'aria-label': '是' }, '●') : '');
    });
    tbody.appendChild(h('tr', { class: `ind-row tier-row-${tier.id}`, dataset: { id: ind.id, kind: ind.kind, tier: tier.id } },
      h('th', { scope: 'row', class: 'rowname' },
        h('a', { href: `/industry.html?id=${encodeURIComponent(ind.id)}` },
          h('span', { class: 'seq' }, seqLabel(ind.seq)), ind.name_zh),
        h('span', { class: `tier-mini tier-${tier.id}` }, tier.label)),
      cells,
      h('td', { class: 'total' }, String(total))));
  }
  if (!rows.length) {
    tbody.appendChild(h('tr', {}, h('td', { colspan: String(cols.length + 2), class: 'empty' }, '没有符合筛选条件的产业。')));
  }
  table.appendChild(tbody);
  const grand = colTotals.reduce((a, b) => a + b, 0);
  table.appendChild(h('tfoot', {}, h('tr', {},
    h('th', { scope: 'row' }, '合计'),
    colTotals.map((n, k) => h('td', { class: `total${cols[k] === hl ? ' hl' : ''}` }, String(n))),
    h('td', { class: 'total grand' }, String(grand)))));

  const parts = [`显示 ${rows.length} 个产业`, `${cols.length} 个区域`, `${grand} 处布局`];
  if (hl) parts.push(`突出显示：${hl.name_zh}（${(hl.industries || []).length} 个产业）`);
  $('summary').textContent = parts.join(' · ');
  $('future-note').hidden = state.kind === 'cluster';
}

async function main() {
  initLayout();
  readQuery();
  const tierSel = $('f-tier');
  for (const t of TIERS) tierSel.appendChild(h('option', { value: t.id }, t.label));
  $('f-kind').value = state.kind;
  tierSel.value = state.tier;
  const onChange = () => {
    state.kind = $('f-kind').value;
    state.tier = tierSel.value;
    writeQuery();
    render();
  };
  $('f-kind').addEventListener('change', onChange);
  tierSel.addEventListener('change', onChange);
  $('filters').addEventListener('submit', (e) => e.preventDefault());
  // Column headers toggle the highlighted district without reloading the page.
  $('matrix').addEventListener('click', (e) => {
    const a = e.target.closest('thead a[data-district]');
    if (!a) return;
    e.preventDefault();
    state.district = a.dataset.district;
    writeQuery();
    render();
  });
  try {
    const [programme, industries, districts] = await Promise.all([
      api.programme(), api.industries(), api.districts(),
    ]);
    Object.assign(state, { programme, industries, districts });
    setSource(programme);
    renderLegend($('legend'), programme.tiers);
    render();
    showContent();
    const hl = findDistrict(state.district);
    if (hl) {
      const th = document.querySelector(`th.dcol.hl`);
      if (th) th.scrollIntoView({ block: 'nearest', inline: 'center' });
    }
  } catch (e) {
    showError(e);
  }
}

main();
