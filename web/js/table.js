// table.js - a sortable, filterable, paged table over one of the API's list endpoints.
// Sorting, the text filter (q) and the district filter are done by the server; the table only
// keeps their state and asks again.
//
//   const t = dataTable({ label, columns, load, districts, actions, extra });
//   parent.appendChild(t.el); t.reload();
//
// columns: [{ field, label, num, sortable (default true), render(record) -> string | Node }]
// load({ q, district, sort, order, limit, offset }) -> Promise<{ items, total }>
// actions(record) -> Node[] for the last column; extra: Nodes for the filter bar's right end.
import { h, clear } from './dom.js';

let seq = 0;

export function dataTable(opts) {
  const id = `dt${++seq}`;
  const pageSize = opts.pageSize || 20;
  const state = { q: '', district: '', sort: '', order: 'asc', offset: 0, total: 0, items: [] };

  const qInput = h('input', { type: 'search', id: `${id}-q`, name: 'q', placeholder: '名称、代码等关键字', autocomplete: 'off' });
  const dSelect = h('select', { id: `${id}-d`, name: 'district' },
    h('option', { value: '' }, '全部'),
    (opts.districts || []).map((d) => h('option', { value: d.id }, d.name_zh)));
  const summary = h('p', { class: 'filter-summary', 'aria-live': 'polite' });
  const filters = h('form', { class: 'filters dt-filters', role: 'search', 'aria-label': `筛选${opts.label}` },
    h('span', { class: 'field' }, h('label', { for: qInput.id }, '搜索'), qInput),
    opts.districts ? h('span', { class: 'field' }, h('label', { for: dSelect.id }, '所在区'), dSelect) : null,
    opts.extra ? h('span', { class: 'dt-extra' }, opts.extra) : null,
    summary);

  const table = h('table', { class: 'data-table' });
  const tbody = h('tbody');
  const headCells = opts.columns.map((c) => {
    if (c.sortable === false) return h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label);
    const btn = h('button', { type: 'button', class: 'sort', dataset: { field: c.field } },
      c.label, h('span', { class: 'sort-arrow', 'aria-hidden': 'true' }));
    return h('th', { scope: 'col', class: c.num ? 'num' : null, dataset: { field: c.field } }, btn);
  });
  table.appendChild(h('caption', { class: 'sr-only' }, `${opts.label}（点击列标题排序）`));
  table.appendChild(h('thead', {}, h('tr', {}, headCells,
    opts.actions ? h('th', { scope: 'col', class: 'actions' }, '操作') : null)));
  table.appendChild(tbody);

  const prev = h('button', { type: 'button', class: 'btn btn-small' }, '上一页');
  const next = h('button', { type: 'button', class: 'btn btn-small' }, '下一页');
  const pageInfo = h('span', { class: 'pager-info' });
  const pager = h('nav', { class: 'pager', 'aria-label': `${opts.label}分页` }, prev, pageInfo, next);

  const el = h('div', { class: 'dt' }, filters,
    h('div', { class: 'table-scroll dt-scroll', tabindex: '0', role: 'region', 'aria-label': `${opts.label}（可横向滚动）` }, table),
    pager);

  let ticket = 0;
  async function reload() {
    const mine = ++ticket;
    el.setAttribute('aria-busy', 'true');
    let page;
    try {
      page = await opts.load({
        q: state.q, district: state.district,
        sort: state.sort, order: state.sort ? state.order : '',
        limit: pageSize, offset: state.offset,
      });
    } catch (e) {
      if (mine !== ticket) return;
      el.removeAttribute('aria-busy');
      clear(tbody).appendChild(h('tr', {}, h('td', { class: 'empty error', colspan: String(headCells.length + 1) },
        `数据加载失败：${e.message}`)));
      return;
    }
    if (mine !== ticket) return; // a newer request has been made
    // Deleting the last row of the last page: step back a page.
    if (page.items.length === 0 && state.offset > 0 && page.total > 0) {
      state.offset = Math.max(0, Math.floor((page.total - 1) / pageSize) * pageSize);
      return reload();
    }
    state.items = page.items;
    state.total = page.total ?? page.items.length;
    render();
    el.removeAttribute('aria-busy');
    if (opts.onLoad) opts.onLoad(state);
  }

  function render() {
    for (const th of headCells) {
      const f = th.dataset.field;
      if (!f) continue;
      const on = state.sort === f;
      th.setAttribute('aria-sort', on ? (state.order === 'desc' ? 'descending' : 'ascending') : 'none');
      th.querySelector('.sort-arrow').textContent = on ? (state.order === 'desc' ? '▼' : '▲') : '↕';
    }
    clear(tbody);
    for (const r of state.items) {
      tbody.appendChild(h('tr', { dataset: { id: r.id } },
        opts.columns.map((c) => {
          const v = c.render ? c.render(r) : r[c.field];
          return h('td', { class: c.num ? 'num' : null, dataset: { field: c.field } },
            v === null || v === undefined || v === '' ? h('span', { class: 'nil' }, '—') : v);
        }),
        opts.actions ? h('td', { class: 'actions' }, opts.actions(r)) : null));
    }
    if (!state.items.length) {
      tbody.appendChild(h('tr', {}, h('td', { class: 'empty', colspan: String(headCells.length + 1) },
        state.q || state.district ? '没有符合筛选条件的记录。' : '暂无记录。可点击“新增”填报，或下载模板批量导入。')));
    }
    const from = state.total ? state.offset + 1 : 0;
    const to = state.offset + state.items.length;
    summary.textContent = `共 ${state.total} 条`;
    pageInfo.textContent = `第 ${from}–${to} 条 / 共 ${state.total} 条`;
    prev.disabled = state.offset <= 0;
    next.disabled = to >= state.total;
    pager.hidden = state.total <= pageSize;
  }

  table.querySelector('thead').addEventListener('click', (e) => {
    const btn = e.target.closest('button.sort');
    if (!btn) return;
    const f = btn.dataset.field;
    if (state.sort === f) state.order = state.order === 'asc' ? 'desc' : 'asc';
    else { state.sort = f; state.order = 'asc'; }
    state.offset = 0;
    reload();
  });
  let timer = 0;
  const refilter = () => {
    clearTimeout(timer);
    state.q = qInput.value.trim();
    state.district = dSelect.value;
    state.offset = 0;
    reload();
  };
  qInput.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(refilter, 300); });
  dSelect.addEventListener('change', refilter);
  filters.addEventListener('submit', (e) => { e.preventDefault(); refilter(); });
  prev.addEventListener('click', () => { state.offset = Math.max(0, state.offset - pageSize); reload(); });
  next.addEventListener('click', () => { state.offset += pageSize; reload(); });

  return { el, reload, state };
}
