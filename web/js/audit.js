// audit.js - "/audit.html": the review queue (district editors' changes waiting for a city admin,
// who approves or rejects them with a comment) and the audit trail (filter by user, list and
// date; export CSV or Excel). Signed-in users only; the server decides who sees what.
import { api, me } from './api.js';
import { h, clear, $ } from './dom.js';
import { zhText, toWan } from './format.js';
import { initLayout, showContent } from './layout.js';
import { openDialog, formAlert } from './form.js';

const ACTIONS = {
  create: '新增', update: '修改', delete: '删除', submit: '提交审核', approve: '审核通过',
  reject: '驳回', import: '导入', 'user-add': '添加账号', 'user-disable': '停用账号',
  'user-enable': '启用账号', 'user-passwd': '修改密码', 'user-token': '生成令牌',
  'review-setting': '审核设置',
};
const STATUS = { pending: '待审核', approved: '已通过', rejected: '已驳回' };
const state = { who: null, lists: new Map(), headers: new Map(), amounts: new Set() };

const listName = (name) => state.lists.get(name) || name;

// A field's Chinese header (the list's template header), else its name.
const header = (list, k) => (state.headers.get(list) && state.headers.get(list).get(k)) || k;

// What a change does, field by field: "名称：旧 → 新" (at most 6 fields, then "…").
function diff(before, after, list) {
  const b = before && typeof before === 'object' ? before : {};
  const a = after && typeof after === 'object' ? after : {};
  // Amounts are stored in 元 and shown in 万元, as the forms take them.
  const show = (v, k) => (v === null || v === undefined || v === '' ? '（空）'
    : Array.isArray(v) ? v.join('、')
      : state.amounts.has(`${list}.${k}`) && typeof v === 'number' ? `${toWan(v)}万元` : String(v));
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null));
  const lines = keys.slice(0, 6).map((k) => (before && after ? `${header(list, k)}：${show(b[k], k)} → ${show(a[k], k)}`
    : `${header(list, k)}：${show(after ? a[k] : b[k], k)}`));
  if (keys.length > 6) lines.push(`…另有 ${keys.length - 6} 项`);
  return h('div', { class: 'diff' }, lines.map((l) => h('div', {}, l)));
}

function statusLine(text, link) {
  const el = $('status');
  clear(el);
  el.append(text);
  if (link) el.append(' ', h('a', { href: link.href }, link.label));
  el.hidden = false;
}

async function decide(item, approve) {
  const alert = formAlert();
  const comment = h('textarea', { id: 'review-comment', rows: 3, maxlength: 2000 });
  const ok = await openDialog({
    title: `${approve ? '通过' : '驳回'}修改 #${item.id}`,
    body: [alert.el, h('p', { class: 'field-row' }, h('label', { for: 'review-comment' }, approve ? '意见（可选）' : '驳回意见（必填）'), comment)],
    buttons: [
      { label: '取消', value: false },
      {
        label: approve ? '通过并生效' : '驳回',
        class: approve ? 'btn-primary' : 'btn-danger',
        onClick: async (close) => {
          const text = comment.value.trim();
          if (!approve && !text) { alert.show('驳回需要填写意见。'); return; }
          try {
            if (approve) await api.approve(item.id, text);
            else await api.reject(item.id, text);
            close(true);
          } catch (e) {
            alert.show(zhText(e.message));
          }
        },
      },
    ],
  });
  if (ok) await loadReview();
}

async function loadReview() {
  const status = $('review-status').value;
  const res = await api.review({ status });
  $('review-note').textContent = res.can_decide
    ? `需审核的清单：${Object.entries(res.review_required).filter(([, on]) => on).map(([l]) => listName(l)).join('、') || '无'}（用 jiqun review require 修改）。`
    : '这里列出您提交的修改及审核结果。';
  const tbody = clear($('review-table').querySelector('tbody'));
  if (!res.items.length) {
    tbody.appendChild(h('tr', {}, h('td', { colspan: 9, class: 'empty' }, '没有记录。')));
    return;
  }
  for (const it of res.items) {
    const buttons = [];
    if (res.can_decide && it.status === 'pending') {
      const ok = h('button', { type: 'button', class: 'btn btn-small btn-primary', dataset: { approve: it.id } }, '通过');
      const no = h('button', { type: 'button', class: 'btn btn-small btn-danger-text', dataset: { reject: it.id } }, '驳回');
      ok.addEventListener('click', () => decide(it, true));
      no.addEventListener('click', () => decide(it, false));
      buttons.push(ok, no);
    } else if (it.status !== 'pending') {
      buttons.push(`${it.decided_by || ''}${it.comment ? `：${it.comment}` : ''}`);
    }
    tbody.appendChild(h('tr', { dataset: { id: it.id } },
      h('td', {}, String(it.id)), h('td', {}, listName(it.list)), h('td', {}, ACTIONS[it.action] || it.action),
      h('td', {}, it.record_key), h('td', {}, diff(it.before, it.after, it.list)), h('td', {}, it.submitted_by),
      h('td', {}, it.submitted_at), h('td', {}, STATUS[it.status] || it.status), h('td', { class: 'actions' }, buttons)));
  }
}

function auditParams() {
  const p = {};
  for (const k of ['user', 'list', 'since']) {
    const v = $(`f-${k}`).value.trim();
    if (v) p[k] = v;
  }
  return p;
}

async function loadAudit() {
  const params = auditParams();
  $('audit-csv').href = api.auditUrl('csv', params);
  $('audit-xlsx').href = api.auditUrl('xlsx', params);
  const res = await api.audit({ ...params, limit: 200 });
  $('audit-summary').textContent = `共 ${res.total} 条${res.total > res.items.length ? `，显示最新 ${res.items.length} 条，完整记录请导出` : ''}`;
  const tbody = clear($('audit-table').querySelector('tbody'));
  for (const a of res.items) {
    tbody.appendChild(h('tr', { dataset: { id: a.id } },
      h('td', {}, String(a.id)), h('td', {}, a.at), h('td', {}, a.user), h('td', {}, a.role),
      h('td', {}, ACTIONS[a.action] || a.action), h('td', {}, listName(a.list)), h('td', {}, a.record_key || ''),
      h('td', {}, diff(a.before, a.after, a.list)), h('td', {}, a.comment || '')));
  }
}

async function main() {
  initLayout();
  try {
    const [who, lists] = await Promise.all([me(), api.lists()]);
    state.who = who;
    for (const l of lists.items) {
      state.lists.set(l.name, l.title_zh);
      state.headers.set(l.name, new Map(l.fields.map((f) => [f.name, f.header_zh])));
      for (const f of l.fields) if (f.type === 'amount') state.amounts.add(`${l.name}.${f.name}`);
    }
    state.lists.set('users', '账号');
    state.lists.set('indicators', '统计数据');
    state.lists.set('plans', '规划目标');
    if (!who.authenticated) {
      statusLine('审核与审计需要登录。', { href: '/login.html?next=/audit.html', label: '登录' });
      return;
    }
    const sel = $('f-list');
    for (const [name, title] of state.lists) sel.appendChild(h('option', { value: name }, title));
    $('review-status').addEventListener('change', () => { void loadReview(); });
    $('audit-filters').addEventListener('submit', (e) => { e.preventDefault(); void loadAudit(); });
    await loadReview();
    if (who.permissions.audit) await loadAudit();
    else $('audit-panel').hidden = true; // the server answers 403 for this role anyway
    showContent();
  } catch (e) {
    statusLine(`数据加载失败：${zhText(e.message)}`);
  }
}

main();
