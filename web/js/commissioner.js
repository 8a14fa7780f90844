// commissioner.js - "/commissioner.html?industry=ID&as_of=&lead_days=&stale_days=": the commissioner's
// to-do list for one industry (GET /api/v1/commissioner), printable as a one-page brief and
// downloadable as XLSX (/api/v1/commissioner/brief).
import { api, getJSON, query, apiUrl, anyDemo } from './api.js';
import { h, clear, $ } from './dom.js';
import { yi, percent } from './format.js';
import { initLayout, showError, showContent, showLoading, setSourceLine, setDemoBanner } from './layout.js';

const state = { industries: [], districts: new Map(), industry: '', as_of: '', lead_days: '', stale_days: '' };

function readQuery() {
  const q = new URLSearchParams(location.search);
  state.industry = q.get('industry') || '';
  state.as_of = /^\d{4}-\d{2}-\d{2}$/.test(q.get('as_of') || '') ? q.get('as_of') : '';
  state.lead_days = /^\d+$/.test(q.get('lead_days') || '') ? q.get('lead_days') : '';
  state.stale_days = /^\d+$/.test(q.get('stale_days') || '') ? q.get('stale_days') : '';
}

function params() {
  return { industry: state.industry, as_of: state.as_of, lead_days: state.lead_days, stale_days: state.stale_days };
}

function writeQuery() {
  history.replaceState(null, '', `${location.pathname}${query(params())}`);
}

const dname = (id) => state.districts.get(id)?.name_zh || id || '—';

function table(caption, head, rows) {
  if (!rows.length) return h('p', { class: 'muted empty' }, '无');
  return h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': caption }, h('table', { class: 'data-table' },
    h('caption', { class: 'sr-only' }, caption),
    h('thead', {}, h('tr', {}, head.map((x) => h('th', { scope: 'col', class: x.num ? 'num' : null }, x.label || x)))),
    h('tbody', {}, rows.map((r) => h('tr', { dataset: r.data || {} }, r.cells.map((c, k) => h('td', { class: head[k].num ? 'num' : null }, c)))))));
}

function render(c) {
  $('title').textContent = `专员工作台：${c.industry.name_zh}`;
  document.title = `${c.industry.name_zh} 专员工作台 · 集群 Jiqun`;
  $('people').textContent = `专员：${c.commissioners.join('、') || '未登记'}；链长：${c.chain_chiefs.join('、') || '未登记'}；截至 ${c.as_of}`;
  const sum = clear($('summary'));
  const cards = [
    ['projects_behind', '进度滞后项目'], ['projects_overdue', '节点逾期项目'], ['leads_stuck', '停滞线索'],
    ['missing', '缺项'], ['stale_lists', '陈旧清单'],
  ];
  for (const [k, label] of cards) {
    sum.appendChild(h('li', { class: 'sum-card', dataset: { key: k } }, h('span', { class: 'sum-label' }, label),
      h('span', { class: 'sum-num' }, String(c.summary[k]))));
  }
  const put = (id, el) => { const d = clear($(id).querySelector('div')); d.appendChild(el); };
  put('sec-behind', table('投资进度滞后的重点项目', ['项目编号', '项目', '区', { label: '年度计划（亿元）', num: true }, { label: '已完成（亿元）', num: true }, { label: '完成率', num: true }, { label: '时间进度', num: true }, '状态'],
    c.projects_behind.map((p) => ({ data: { id: String(p.id) }, cells: [p.code, p.name, dname(p.district), yi(p.annual_plan), yi(p.completed), percent(p.ratio), percent(p.expected), h('span', { class: `status-tag st-${p.status}` }, p.status_zh)] }))));
  put('sec-overdue', table('节点逾期或停缓建的重点项目', ['项目编号', '项目', '区', '项目状态', '问题', '节点'],
    c.projects_overdue.map((p) => ({ data: { id: String(p.id) }, cells: [p.code, p.name, dname(p.district), p.project_status, p.reason_zh, p.milestone] }))));
  put('sec-leads', table(`在同一阶段超过 ${c.settings.lead_days} 天的招商线索`, ['目标企业', '阶段', '自', { label: '停留天数', num: true }, '责任人'],
    c.leads_stuck.map((l) => ({ data: { id: String(l.id) }, cells: [l.target_name, l.stage, l.since, String(l.days), l.owner || '—'] }))));
  put('sec-missing', c.missing.length
    ? h('ul', { class: 'tag-list' }, c.missing.map((m) => h('li', { dataset: { id: m.id } }, m.name_zh)))
    : h('p', { class: 'muted empty' }, '无'));
  put('sec-stale', table(`超过 ${c.settings.stale_days} 天未更新的记录`, ['清单', { label: '条数', num: true }, '最早更新时间'],
    c.stale.map((s) => ({ data: { list: s.list }, cells: [s.title_zh, String(s.count), s.oldest.replace('T', ' ').replace('Z', ' UTC')] }))));
  $('sec-leads').querySelector('h2').textContent = `招商线索停滞（超过 ${c.settings.lead_days} 天）`;
  $('sec-stale').querySelector('h2').textContent = `数据陈旧（${c.settings.stale_before} 以来未更新）`;
  $('rule').textContent = `判定规则：${c.rule}。`;
  setSourceLine($('c-source'), c.source);
  $('xlsx').href = apiUrl('/commissioner/brief', params());
  if (!state.as_of) $('f-asof').value = c.as_of;
  $('f-lead').value = String(c.settings.lead_days);
  $('f-stale').value = String(c.settings.stale_days);
}

async function load() {
  showLoading();
  writeQuery();
  try {
    const [c, demo] = await Promise.all([getJSON(`/commissioner${query(params())}`), anyDemo(['projects', 'leads'], { industry: state.industry })]);
    render(c);
    setDemoBanner(demo);
    showContent();
  } catch (err) {
    showError(err);
  }
}

async function main() {
  initLayout();
  readQuery();
  try {
    const [industries, districts] = await Promise.all([api.industries(), api.districts()]);
    state.industries = industries;
    state.districts = new Map(districts.map((d) => [d.id, d]));
  } catch (err) {
    showError(err);
    return;
  }
  if (!state.industries.some((i) => i.id === state.industry)) state.industry = state.industries[0].id;
  const fi = $('f-industry');
  for (const i of state.industries) fi.appendChild(h('option', { value: i.id }, i.name_zh));
  fi.value = state.industry;
  $('f-asof').value = state.as_of;
  $('filters').addEventListener('change', () => {
    state.industry = fi.value;
    state.as_of = $('f-asof').value;
    state.lead_days = $('f-lead').value;
    state.stale_days = $('f-stale').value;
    load();
  });
  $('filters').addEventListener('submit', (e) => e.preventDefault());
  $('print').addEventListener('click', () => window.print());
  await load();
}

main();
