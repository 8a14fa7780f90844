// lists.js - "/lists.html?industry=ID&tab=LIST": one industry's "六个一" workspace. The
// completeness strip (13 items + 2 duties) on top, then one tab per list filtered to the industry,
// each a server-sorted, filtered, paged table with create / edit / delete through dialogs whose
// forms are generated from the list's field descriptions.
import { api, loadRefs, me, can } from './api.js';
import { h, clear, $ } from './dom.js';
import { formatYuan, tierOf, zhText, fieldLabel } from './format.js';
import { initLayout, showError, showContent, setSourceLine, setDemoBanner, demoBadge, tierBadge } from './layout.js';
import { dataTable } from './table.js';
import { fieldsForm, openDialog, confirmDialog, formAlert } from './form.js';

// The tabs: list, short label, the table's columns (the rest of the fields are in the dialog).
const TABS = [
  { list: 'listings', label: '龙头企业', cols: ['name', 'uscc', 'role', 'note'] },
  { list: 'leads', label: '招商引资', cols: ['target_name', 'origin', 'chain_node', 'channel', 'stage', 'expected_investment', 'district', 'owner'] },
  { list: 'projects', label: '重点项目', cols: ['code', 'name', 'district', 'total_investment', 'annual_plan', 'start_date', 'end_date', 'status'] },
  { list: 'platforms', label: '科技创新', cols: ['name', 'type', 'level', 'district', 'host', 'established'] },
  { list: 'policies', label: '政策工具包', cols: ['title', 'issuer', 'doc_no', 'date', 'industries', 'amount'] },
  { list: 'orgs', label: '基金·展会·机构', cols: ['type', 'name', 'level', 'district', 'size', 'contact', 'date'] },
  { list: 'fund_investments', label: '基金投资', cols: ['fund', 'investee', 'date', 'amount', 'round', 'district'] },
];

const state = { refs: null, lists: new Map(), industry: null, tab: 'listings', tables: new Map(), demoByTab: new Map(), who: null };

function display(f, v) {
  if (v === null || v === undefined || v === '') return '';
  switch (f.type) {
    case 'amount': return formatYuan(v);
    case 'bool': return v ? '是' : '否';
    case 'district': return state.refs.district.get(v)?.name_zh || v;
    case 'industry': return state.refs.industry.get(v)?.name_zh || v;
    case 'industries': return (v || []).map((id) => state.refs.industry.get(id)?.name_zh || id).join('、');
    default: return String(v);
  }
}

// The columns of a tab: the list's own headers; the first column carries the 演示 badge.
function columns(def, meta) {
  return def.cols.map((name, k) => {
    const f = meta.fields.find((x) => x.name === name);
    return {
      field: name,
      label: fieldLabel(f),
      num: f.type === 'amount' || f.type === 'int',
      render: (r) => {
        const text = display(f, r[name]);
        if (k !== 0) return f.type === 'uscc' ? h('span', { class: 'mono' }, text) : text;
        return h('span', { class: 'cell-main' }, text || '—', r.demo ? demoBadge() : null);
      },
    };
  });
}

// Error text for a failed save: per-field issues go under their fields, the rest here.
function showSaveError(err, form, alert, meta) {
  if (err.code === 'invalid' && err.issues && err.issues.length) {
    const rest = form.showIssues(err.issues);
    if (rest.length) alert.show(rest); else alert.show('请按提示修改标红的项目后再保存。');
  } else if (err.code === 'conflict') {
    form.clearIssues();
    const keys = meta.fields.filter((f) => f.key).map(fieldLabel).join('、');
    alert.show(`已有相同的记录（${keys}相同），不能重复添加；请修改后再保存，或编辑已有记录。`);
  } else {
    form.clearIssues();
    alert.show(`保存失败：${zhText(err.message)}`);
  }
}

// The create / edit dialog of one list. record: undefined to create. Resolves true when saved.
async function editDialog(listName, record, extraButtons = []) {
  const meta = state.lists.get(listName);
  const form = fieldsForm(meta.fields, { values: record || {}, refs: state.refs, industry: state.industry.id });
  const alert = formAlert();
  const save = async (close) => {
    alert.hide();
    try {
      const body = form.read();
      const res = record ? await api.update(listName, record.id, body) : await api.create(listName, body);
      close(true);
      if (res && res.status === 'pending') await pendingNotice();
    } catch (e) {
      showSaveError(e, form, alert, meta);
    }
  };
  // Controls a role cannot use are not shown (the server refuses them anyway).
  const mayWrite = can(state.who, listName, record ? 'update' : 'create');
  const buttons = [...extraButtons, { label: mayWrite ? '取消' : '关闭', value: false },
    mayWrite ? { label: record ? '保存修改' : '保存', class: 'btn-primary', onClick: save } : null].filter(Boolean);
  const formEl = h('form', { class: 'record-form', novalidate: true, dataset: { list: listName } }, alert.el, form.el);
  formEl.addEventListener('submit', (e) => e.preventDefault());
  const p = openDialog({
    title: `${record ? (mayWrite ? '编辑' : '查看') : '新增'} · ${meta.title_zh}`,
    body: [
      record && record.demo ? h('p', { class: 'note' }, '这是一条演示数据。') : null,
      formEl,
      h('p', { class: 'hint' }, '标 * 为必填项；金额单位为万元。'),
    ],
    buttons,
    wide: true,
  });
  form.focusFirst();
  return (await p) === true;
}

async function deleteRecord(def, r) {
  const meta = state.lists.get(def.list);
  const name = r[def.cols[0]] ?? r.id;
  const ok = await confirmDialog('确认删除', `从“${meta.title_zh}”中删除“${display(meta.fields.find((f) => f.name === def.cols[0]), name)}”？删除后不能恢复。`, '删除');
  if (!ok) return;
  try {
    const res = await api.remove(def.list, r.id);
    if (res && res.status === 'pending') await pendingNotice();
  } catch (e) {
    await openDialog({ title: '删除失败', body: [h('p', {}, zhText(e.message))], buttons: [{ label: '知道了' }] });
  }
  changed(def.list);
}

// A district editor's change to a list under review waits for a city admin.
async function pendingNotice() {
  await openDialog({
    title: '已提交审核',
    body: [h('p', {}, '修改已提交，市级管理员审核通过后生效。可在“审核与审计”页查看进度。')],
    buttons: [{ label: '知道了' }],
  });
}

// The listing's enterprise in 企业名录 (found by its credit code), to view or edit there.
async function openEnterprise(uscc) {
  const page = await api.list('enterprises', { q: uscc, limit: 5 });
  const ent = page.items.find((e) => e.uscc === uscc);
  if (!ent) {
    await openDialog({ title: '企业名录', body: [h('p', {}, `企业名录中没有统一社会信用代码为 ${uscc} 的企业。`)], buttons: [{ label: '知道了' }] });
    return;
  }
  if (await editDialog('enterprises', ent)) changed('enterprises');
}

function rowActions(def) {
  return (r) => {
    const mayEdit = can(state.who, def.list, 'update');
    const edit = h('button', { type: 'button', class: 'btn btn-small', 'aria-label': mayEdit ? '查看或编辑' : '查看' }, mayEdit ? '查看/编辑' : '查看');
    const del = can(state.who, def.list, 'delete')
      ? h('button', { type: 'button', class: 'btn btn-small btn-danger-text', 'aria-label': '删除' }, '删除')
      : null;
    edit.addEventListener('click', async () => {
      const extra = def.list === 'listings'
        ? [{ label: '企业名录资料', class: 'btn-left', onClick: async (close) => { close(false); await openEnterprise(r.uscc); } }]
        : [];
      if (await editDialog(def.list, r, extra)) changed(def.list);
    });
    if (del) del.addEventListener('click', () => deleteRecord(def, r));
    return del ? [edit, del] : [edit];
  };
}

function downloads(def) {
  const params = { industry: state.industry.id };
  return h('span', { class: 'downloads' },
    h('a', { class: 'btn btn-small', href: api.exportUrl(def.list, 'csv', params), download: '' }, '导出CSV'),
    h('a', { class: 'btn btn-small', href: api.exportUrl(def.list, 'xlsx', params), download: '' }, '导出Excel'),
    h('a', { class: 'btn btn-small', href: api.templateUrl(def.list, 'xlsx'), download: '' }, '下载模板'));
}

function buildPanel(def) {
  const meta = state.lists.get(def.list);
  const add = h('button', { type: 'button', class: 'btn btn-primary btn-small', dataset: { action: 'create' } }, '新增');
  add.addEventListener('click', async () => { if (await editDialog(def.list)) changed(def.list); });
  const extra = can(state.who, def.list, 'create') ? [add] : [];
  if (def.list === 'listings' && can(state.who, 'enterprises', 'create')) {
    const addEnt = h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'create-enterprise' } }, '新增企业名录');
    addEnt.title = '清单中的企业须先在企业名录中登记';
    addEnt.addEventListener('click', async () => { if (await editDialog('enterprises')) changed('enterprises'); });
    extra.push(addEnt);
  }
  const table = dataTable({
    label: meta.title_zh,
    columns: columns(def, meta),
    districts: state.refs.districts,
    extra,
    load: (p) => api.list(def.list, { ...p, industry: state.industry.id }),
    actions: rowActions(def),
    onLoad: (s) => {
      state.demoByTab.set(def.list, s.items.some((r) => r.demo));
      updateDemo();
      const tab = document.getElementById(`tab-${def.list}`);
      if (tab) tab.querySelector('.tab-count').textContent = String(s.total);
    },
  });
  state.tables.set(def.list, table);
  const panel = h('section', {
    class: 'tab-panel', id: `panel-${def.list}`, role: 'tabpanel', 'aria-labelledby': `tab-${def.list}`,
    dataset: { list: def.list },
  },
  h('div', { class: 'panel-head' },
    h('h2', {}, meta.title_zh),
    downloads(def)),
  table.el,
  h('p', { class: 'source-line' }, '来源：Jiqun 清单数据（区、专员填报）；金额按“万元 / 亿元”显示。'));
  return panel;
}

function updateDemo() {
  setDemoBanner([...state.demoByTab.values()].some(Boolean));
}

function selectTab(list, focus) {
  state.tab = list;
  for (const def of TABS) {
    const on = def.list === list;
    const tab = $(`tab-${def.list}`);
    tab.setAttribute('aria-selected', on ? 'true' : 'false');
    tab.tabIndex = on ? 0 : -1;
    $(`panel-${def.list}`).hidden = !on;
    if (on && focus) tab.focus();
  }
  const q = new URLSearchParams(location.search);
  q.set('industry', state.industry.id);
  if (list === TABS[0].list) q.delete('tab'); else q.set('tab', list);
  history.replaceState(null, '', `?${q}`);
}

function buildTabs() {
  const tabs = clear($('tabs'));
  const panels = clear($('panels'));
  for (const def of TABS) {
    const t = h('button', {
      type: 'button', role: 'tab', id: `tab-${def.list}`, class: 'tab',
      'aria-controls': `panel-${def.list}`, dataset: { list: def.list },
    }, def.label, h('span', { class: 'tab-count' }, '…'));
    t.addEventListener('click', () => selectTab(def.list));
    tabs.appendChild(t);
    panels.appendChild(buildPanel(def));
  }
  tabs.addEventListener('keydown', (e) => {
    const k = TABS.findIndex((d) => d.list === state.tab);
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      const n = (k + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length;
      selectTab(TABS[n].list, true);
      e.preventDefault();
    }
  });
  for (const t of state.tables.values()) t.reload();
}

// The strip: each of the 13 items (and the 2 duties) as present (with its count) or missing.
async function renderStrip() {
  const c = await api.completeness();
  const row = c.rows.find((r) => r.industry === state.industry.id);
  const ul = clear($('strip'));
  if (!row) return;
  c.items.forEach((it, k) => {
    const n = row.counts[k];
    const tab = TABS.find((d) => d.list === it.list);
    const duty = it.group === 'duty';
    const li = h('li', {
      class: `strip-item ${n > 0 ? 'present' : 'missing'}${duty ? ' duty' : ''}${k === 13 ? ' duty-first' : ''}`,
      dataset: { item: it.id },
      title: `${it.name_zh}：${n > 0 ? `已有 ${n} 条` : '缺'}`,
    },
    h('span', { class: 'strip-mark', 'aria-hidden': 'true' }, n > 0 ? '✓' : '✗'),
    h('span', { class: 'strip-name' }, it.name_zh),
    h('span', { class: 'strip-n' }, n > 0 ? String(n) : '缺'));
    if (tab) {
      li.classList.add('clickable');
      li.tabIndex = 0;
      li.setAttribute('role', 'button');
      const go = () => selectTab(tab.list, false);
      li.addEventListener('click', go);
      li.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); go(); } });
    }
    ul.appendChild(li);
  });
  $('strip-score').textContent = `已具备 ${row.present}/${row.of} 项`;
  $('strip-score').className = `strip-score${row.present === row.of ? ' full' : ''}`;
  setSourceLine($('strip-source'), `${c.source}；“一集群”即本产业集群本身，恒为 1；链长、专员为工作职责，不计入 13 项。`);
}

let stripTimer = 0;
function changed(list) {
  const t = state.tables.get(list);
  if (t) t.reload();
  if (list === 'enterprises') state.tables.get('listings')?.reload();
  clearTimeout(stripTimer);
  stripTimer = setTimeout(() => renderStrip().catch(() => {}), 50);
}

function renderHead() {
  const ind = state.industry;
  const tier = tierOf(ind.tier);
  document.title = `${ind.name_zh} · 六个一 · 集群 Jiqun`;
  const title = clear($('page-title'));
  title.append(`${ind.name_zh} · “六个一”工作台 `, tierBadge(tier));
  const crumb = $('crumb-ind');
  crumb.textContent = ind.name_zh;
  crumb.href = `/industry.html?id=${encodeURIComponent(ind.id)}`;
  const sel = clear($('ind-select'));
  for (const i of state.refs.industries) sel.appendChild(h('option', { value: i.id }, i.name_zh));
  sel.value = ind.id;
}

async function main() {
  initLayout();
  const q = new URLSearchParams(location.search);
  try {
    const [refs, lists, who] = await Promise.all([loadRefs(), api.lists(), me()]);
    state.refs = refs;
    state.who = who;
    for (const l of lists.items) state.lists.set(l.name, l);
    state.industry = refs.industry.get(q.get('industry')) || refs.industries[0];
    state.tab = TABS.some((d) => d.list === q.get('tab')) ? q.get('tab') : TABS[0].list;
    renderHead();
    $('ind-select').addEventListener('change', (e) => {
      location.assign(`/lists.html?industry=${encodeURIComponent(e.target.value)}`);
    });
    await renderStrip();
    buildTabs();
    selectTab(state.tab);
    showContent();
  } catch (e) {
    showError(e);
  }
}

main();
