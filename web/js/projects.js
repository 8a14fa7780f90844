// projects.js - "/projects.html?industry=&district=&as_of=": key investment projects against their
// annual plan. Summary counts by status; per project a bar of completed / annual plan with a marker
// at the share of the year elapsed, the status as colour and text, amounts in 亿元.
import { api, loadRefs, anyDemo } from './api.js';
import { h, clear, $ } from './dom.js';
import { yi, percent } from './format.js';
import { initLayout, showError, showContent, setSourceLine, setDemoBanner } from './layout.js';

const STATUS = [
  { id: 'green', label: '正常' },
  { id: 'amber', label: '预警' },
  { id: 'red', label: '滞后' },
  { id: 'none', label: '无计划' },
];

const state = { refs: null, industry: '', district: '', as_of: '' };

function readQuery() {
  const q = new URLSearchParams(location.search);
  state.industry = q.get('industry') || '';
  state.district = q.get('district') || '';
  // Without a date the server judges at the data's cut-off (the end of the latest reported month).
  state.as_of = /^\d{4}-\d{2}-\d{2}$/.test(q.get('as_of') || '') ? q.get('as_of') : '';
}

function writeQuery() {
  const q = new URLSearchParams();
  if (state.industry) q.set('industry', state.industry);
  if (state.district) q.set('district', state.district);
  if (state.as_of) q.set('as_of', state.as_of);
  const s = q.toString();
  history.replaceState(null, '', s ? `?${s}` : location.pathname);
}

function bar(p) {
  const wrap = h('div', { class: 'pbar', role: 'img' });
  if (!p.annual_plan) {
    wrap.classList.add('pbar-none');
    wrap.setAttribute('aria-label', '无年度计划');
    return wrap;
  }
  const ratio = Math.max(0, p.ratio || 0);
  const fill = h('span', { class: `pbar-fill st-${p.status}` });
  const mark = h('span', { class: 'pbar-mark', title: `时间进度 ${percent(p.expected)}` });
  // Widths and positions are data: set through element.style (allowed by the CSP).
  fill.style.width = `${Math.min(100, ratio * 100)}%`;
  mark.style.left = `${Math.min(100, Math.max(0, (p.expected || 0) * 100))}%`;
  wrap.append(fill, mark);
  wrap.setAttribute('aria-label', `完成 ${percent(ratio)}，时间进度 ${percent(p.expected)}`);
  return wrap;
}

function renderSummary(data) {
  const ul = clear($('summary'));
  const total = STATUS.reduce((n, s) => n + (data.summary[s.id] || 0), 0);
  ul.appendChild(h('li', { class: 'sum-card sum-total' },
    h('span', { class: 'sum-label' }, '项目总数'),
    h('span', { class: 'sum-num' }, String(total), h('span', { class: 'unit' }, ' 个'))));
  for (const s of STATUS) {
    ul.appendChild(h('li', { class: `sum-card st-border-${s.id}`, dataset: { status: s.id } },
      h('span', { class: 'sum-label' }, h('span', { class: `st-dot st-${s.id}`, 'aria-hidden': 'true' }), s.label),
      h('span', { class: 'sum-num' }, String(data.summary[s.id] || 0), h('span', { class: 'unit' }, ' 个'))));
  }
}

function renderTable(data) {
  const t = clear($('ptable'));
  t.appendChild(h('caption', { class: 'sr-only' }, `重点投资项目进度，截至 ${data.as_of}`));
  t.appendChild(h('thead', {}, h('tr', {},
    h('th', { scope: 'col' }, '项目'),
    h('th', { scope: 'col' }, '产业 / 区'),
    h('th', { scope: 'col', class: 'num' }, '年度计划（亿元）'),
    h('th', { scope: 'col', class: 'num' }, '已完成（亿元）'),
    h('th', { scope: 'col', class: 'bar-col' }, '完成进度（│为时间进度）'),
    h('th', { scope: 'col' }, '状态'))));
  const tb = h('tbody');
  for (const p of data.items) {
    const ind = state.refs.industry.get(p.industry);
    const dis = state.refs.district.get(p.district);
    tb.appendChild(h('tr', { dataset: { id: p.id, status: p.status } },
      h('td', { class: 'pname' },
        h('span', { class: 'pcode mono' }, p.code || ''),
        h('span', {}, p.name || ''),
        p.project_status ? h('span', { class: 'kind-badge' }, p.project_status) : null),
      h('td', { class: 'pwhere' },
        ind ? h('a', { href: `/lists.html?industry=${encodeURIComponent(ind.id)}&tab=projects` }, ind.name_zh) : (p.industry || ''),
        h('br'), h('span', { class: 'muted' }, dis ? dis.name_zh : (p.district || ''))),
      h('td', { class: 'num', dataset: { label: '年度计划（亿元）' } }, p.annual_plan ? yi(p.annual_plan) : '—'),
      h('td', { class: 'num', dataset: { label: '已完成（亿元）' } }, yi(p.completed || 0)),
      h('td', { class: 'bar-col' }, bar(p),
        h('span', { class: 'pbar-text' }, p.annual_plan ? `${percent(p.ratio)} / 应达 ${percent(p.expected)}` : '无年度计划')),
      h('td', { class: 'pstatus' }, h('span', { class: `status-tag st-${p.status}` }, p.status_zh || ''))));
  }
  if (!data.items.length) {
    tb.appendChild(h('tr', {}, h('td', { colspan: '6', class: 'empty' }, '没有符合条件的项目。')));
  }
  t.appendChild(tb);
}

let ticket = 0;
async function load() {
  const mine = ++ticket;
  try {
    const data = await api.progress({ as_of: state.as_of, industry: state.industry, district: state.district });
    if (mine !== ticket) return;
    $('rule').textContent = `判定规则：${data.rule}。`;
    renderSummary(data);
    renderTable(data);
    if (!state.as_of) $('f-asof').value = data.as_of;
    const basis = data.as_of_basis === 'data' ? '（最新填报月末）' : data.as_of_basis === 'today' ? '（今天）' : '';
    setSourceLine($('p-source'), `${data.source}；截至 ${data.as_of}${basis}；金额单位：亿元`);
    anyDemo(['projects'], { industry: state.industry, district: state.district }).then(setDemoBanner, () => {});
    showContent();
  } catch (e) {
    if (mine === ticket) showError(e);
  }
}

async function main() {
  initLayout();
  readQuery();
  try {
    state.refs = await loadRefs();
  } catch (e) {
    showError(e);
    return;
  }
  const fi = $('f-industry');
  for (const i of state.refs.industries) fi.appendChild(h('option', { value: i.id }, i.name_zh));
  const fd = $('f-district');
  for (const d of state.refs.districts) fd.appendChild(h('option', { value: d.id }, d.name_zh));
  fi.value = state.refs.industry.has(state.industry) ? state.industry : '';
  fd.value = state.refs.district.has(state.district) ? state.district : '';
  $('f-asof').value = state.as_of;
  const onChange = () => {
    state.industry = fi.value;
    state.district = fd.value;
    state.as_of = $('f-asof').value || '';
    writeQuery();
    load();
  };
  fi.addEventListener('change', onChange);
  fd.addEventListener('change', onChange);
  $('f-asof').addEventListener('change', onChange);
  $('filters').addEventListener('submit', (e) => e.preventDefault());
  await load();
}

main();
