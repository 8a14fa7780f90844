// form.js - forms generated from a list's field descriptions (GET /api/v1/lists), the server's
// per-field issues shown next to their fields, and modal dialogs (<dialog>) for forms and
// confirmations.
//
// Field types: text, int, amount (typed in 万元, sent in 元), decimal (coordinates, km²), date, enum (select), bool (是/否
// select, empty = not stated), uscc, district (select of the 12), industry (select),
// industries (multi-select), industry_code.
import { h, clear } from './dom.js';
import { toWan, fromWan, zhText, fieldLabel } from './format.js';

let seq = 0;

function control(f, id, refs) {
  const base = { id, name: f.name, 'aria-required': f.required ? 'true' : null };
  switch (f.type) {
    case 'int':
      return h('input', { ...base, type: 'number', step: '1', inputmode: 'numeric' });
    case 'amount':
    case 'decimal':
      return h('input', { ...base, type: 'number', step: 'any', min: '0', inputmode: 'decimal' });
    case 'date':
      return h('input', { ...base, type: 'date' });
    case 'enum':
      return h('select', base, h('option', { value: '' }, '—'), (f.values || []).map((v) => h('option', { value: v }, v)));
    case 'bool':
      return h('select', base, h('option', { value: '' }, '—'), h('option', { value: 'true' }, '是'), h('option', { value: 'false' }, '否'));
    case 'district':
      return h('select', base, h('option', { value: '' }, '—'), refs.districts.map((d) => h('option', { value: d.id }, d.name_zh)));
    case 'industry':
      return h('select', base, h('option', { value: '' }, '—'), refs.industries.map((i) => h('option', { value: i.id }, i.name_zh)));
    case 'industries':
      return h('select', { ...base, multiple: true, size: '6' }, refs.industries.map((i) => h('option', { value: i.id }, i.name_zh)));
    case 'uscc':
      return h('input', { ...base, type: 'text', maxlength: '18', autocomplete: 'off', spellcheck: 'false', class: 'mono', placeholder: '18位，如 91440300…' });
    default:
      if ((f.max_len || 0) > 300) return h('textarea', { ...base, rows: '3', maxlength: String(f.max_len) });
      return h('input', { ...base, type: 'text', maxlength: f.max_len ? String(f.max_len) : null });
  }
}

function setValue(f, el, v) {
  if (f.type === 'industries') {
    const set = new Set(Array.isArray(v) ? v : []);
    for (const o of el.options) o.selected = set.has(o.value);
  } else if (f.type === 'bool') {
    el.value = v === true ? 'true' : v === false ? 'false' : '';
  } else if (f.type === 'amount') {
    el.value = toWan(v);
  } else {
    el.value = v === null || v === undefined ? '' : String(v);
  }
}

function getValue(f, el) {
  if (f.type === 'industries') return [...el.selectedOptions].map((o) => o.value);
  const s = el.value.trim();
  if (s === '') return null;
  switch (f.type) {
    case 'bool': return s === 'true';
    case 'int': return Number.isInteger(Number(s)) ? Number(s) : s;
    case 'amount': return Number.isFinite(Number(s)) ? fromWan(s) : s;
    case 'decimal': return Number.isFinite(Number(s)) ? Number(s) : s;
    default: return s;
  }
}

/**
 * The fields of one list as labelled controls.
 * @param {object[]} fields   the list's field descriptions
 * @param {object} opts       { values: record to edit, refs: loadRefs(), industry: preset industry id }
 * @returns {{el: HTMLElement, read: () => object, showIssues: (issues) => string[], clearIssues: () => void, focusFirst: () => void}}
 */
export function fieldsForm(fields, opts = {}) {
  const prefix = `f${++seq}`;
  const values = opts.values || {};
  const rows = [];
  const el = h('div', { class: 'form-grid' });
  for (const f of fields) {
    const id = `${prefix}-${f.name}`;
    const ctl = control(f, id, opts.refs);
    const err = h('p', { class: 'field-error', id: `${id}-err`, hidden: true });
    ctl.setAttribute('aria-describedby', err.id);
    if (Object.prototype.hasOwnProperty.call(values, f.name)) setValue(f, ctl, values[f.name]);
    else if ((f.type === 'industry' || f.type === 'industries') && opts.industry) setValue(f, ctl, f.type === 'industry' ? opts.industry : [opts.industry]);
    const wide = f.type === 'industries' || ctl.tagName === 'TEXTAREA';
    const row = h('div', { class: `form-row${wide ? ' wide' : ''}`, dataset: { field: f.name } },
      // Required fields: the * comes from CSS (label.required::after); the control has aria-required.
      h('label', { for: id, class: f.required ? 'required' : null },
        fieldLabel(f),
        f.type === 'amount' ? h('span', { class: 'unit' }, '（万元）') : null),
      ctl,
      f.type === 'industries' ? h('p', { class: 'hint' }, '按住 Ctrl（Mac 为 ⌘）可多选') : null,
      err);
    rows.push({ f, ctl, err, row });
    el.appendChild(row);
  }

  function clearIssues() {
    for (const r of rows) {
      r.err.hidden = true;
      r.err.textContent = '';
      r.ctl.removeAttribute('aria-invalid');
      r.row.classList.remove('has-error');
    }
  }

  // Puts each issue under its field; returns the messages of issues that name no field here.
  function showIssues(issues) {
    clearIssues();
    const rest = [];
    let first = null;
    for (const is of issues || []) {
      const r = rows.find((x) => x.f.name === is.field);
      const msg = zhText(is.message);
      if (!r) { rest.push(msg); continue; }
      r.err.textContent = r.err.textContent ? `${r.err.textContent}；${msg}` : msg;
      r.err.hidden = false;
      r.ctl.setAttribute('aria-invalid', 'true');
      r.row.classList.add('has-error');
      first = first || r.ctl;
    }
    if (first) first.focus();
    return rest;
  }

  return {
    el,
    read: () => Object.fromEntries(rows.map((r) => [r.f.name, getValue(r.f, r.ctl)])),
    showIssues,
    clearIssues,
    focusFirst: () => rows[0] && rows[0].ctl.focus(),
  };
}

// A modal dialog; resolves with the value passed to close() (undefined for Esc / ×).
// body: Nodes; buttons: [{label, value, class, onClick(close) -> optional async}] (a button
// with onClick does not close by itself).
export function openDialog({ title, body, buttons, wide }) {
  return new Promise((resolve) => {
    const titleId = `dlg${++seq}`;
    const dlg = h('dialog', { class: `dialog${wide ? ' dialog-wide' : ''}`, 'aria-labelledby': titleId });
    const close = (v) => {
      dlg.close();
      dlg.remove();
      resolve(v);
    };
    const foot = h('div', { class: 'dialog-actions' });
    for (const b of buttons || []) {
      const btn = h('button', { type: 'button', class: `btn ${b.class || ''}` }, b.label);
      btn.addEventListener('click', async () => {
        if (!b.onClick) { close(b.value); return; }
        btn.disabled = true;
        try { await b.onClick(close); } finally { btn.disabled = false; }
      });
      foot.appendChild(btn);
    }
    const x = h('button', { type: 'button', class: 'dialog-x', 'aria-label': '关闭' }, '×');
    x.addEventListener('click', () => close(undefined));
    dlg.append(
      h('div', { class: 'dialog-head' }, h('h2', { id: titleId }, title), x),
      h('div', { class: 'dialog-body' }, body),
      foot);
    dlg.addEventListener('cancel', (e) => { e.preventDefault(); close(undefined); });
    document.body.appendChild(dlg);
    dlg.showModal();
  });
}

export async function confirmDialog(title, message, okLabel = '确定') {
  const v = await openDialog({
    title,
    body: [h('p', {}, message)],
    buttons: [
      { label: '取消', value: false },
      { label: okLabel, value: true, class: 'btn-danger' },
    ],
  });
  return v === true;
}

// A form-level message box (errors that belong to no single field, conflicts, network errors).
export function formAlert() {
  const el = h('div', { class: 'form-alert', role: 'alert', hidden: true });
  return {
    el,
    show(lines) {
      clear(el);
      for (const l of [].concat(lines)) el.appendChild(h('p', {}, l));
      el.hidden = false;
    },
    hide() { el.hidden = true; clear(el); },
  };
}
