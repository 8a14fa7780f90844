// heatmap.js - "/heatmap.html": industries (rows) x districts (columns) of one period's value
// added, each cell coloured by its location quotient (GET /api/v1/stats?level=industry&district=D),
// strong clusters outlined, the value in the cell's title.
import { api } from './api.js';
import { h, clear, $ } from './dom.js';
import { initLayout, showContent, showLoading } from './layout.js';
import { startPeriodPage, yiyuan, sourceText } from './stats-common.js';

const BANDS = [
  { max: 0.5, label: '< 0.5' }, { max: 0.8, label: '0.5–0.8' }, { max: 1, label: '0.8–1' },
  { max: 1.5, label: '1–1.5' }, { max: 2.5, label: '1.5–2.5' }, { max: Infinity, label: '≥ 2.5' },
];
const band = (lq) => BANDS.findIndex((b) => lq < b.max);
const state = { period: '', districts: [], industries: [] };

function legend() {
  const ul = clear($('legend'));
  BANDS.forEach((b, i) => ul.appendChild(h('li', {}, h('span', { class: `hm-cell lq${i}` }), `LQ ${b.label}`)));
  ul.appendChild(h('li', {}, h('span', { class: 'hm-cell hm-strong lq4' }), '强集群'));
  ul.appendChild(h('li', {}, '— 无数据'));
}

async function load() {
  showLoading();
  const reps = await Promise.all(state.districts.map((d) =>
    api.stats({ period: state.period, level: 'industry', indicator: 'value_added', district: d.id })));
  const cell = new Map(); // `${industry}|${district}` -> figure
  let periodZh = state.period;
  reps.forEach((rep, k) => {
    periodZh = rep.period_zh;
    for (const f of rep.figures) {
      if (f.level !== 'industry' || f.district !== state.districts[k].id) continue;
      const key = `${f.key}|${f.district}`;
      if (!cell.has(key) || f.source === 'computed') cell.set(key, f);
    }
  });
  const t = clear($('heatmap'));
  t.appendChild(h('caption', { class: 'sr-only' }, `${periodZh}各产业在各区的增加值区位商`));
  t.appendChild(h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'corner' }, '产业 \\ 区域'),
    state.districts.map((d) => h('th', { scope: 'col', dataset: { district: d.id } }, d.short || d.name_zh)))));
  const tb = h('tbody');
  let strong = 0;
  for (const ind of state.industries) {
    tb.appendChild(h('tr', { dataset: { key: ind.id } }, h('th', { scope: 'row' }, ind.name_zh),
      state.districts.map((d) => {
        const f = cell.get(`${ind.id}|${d.id}`);
        if (!f || !Number.isFinite(f.lq)) {
          return h('td', { class: 'hm-cell', title: `${ind.name_zh} · ${d.name_zh}：无数据` }, '—');
        }
        if (f.strong) strong++;
        return h('td', {
          class: `hm-cell lq${band(f.lq)}${f.strong ? ' hm-strong' : ''}`,
          dataset: { lq: f.lq.toFixed(4), value: String(f.value), strong: String(f.strong) },
          title: `${ind.name_zh} · ${d.name_zh}\n增加值 ${yiyuan(f.value)} 亿元\n区位商 ${f.lq.toFixed(2)}${f.strong ? '（强集群）' : ''}\n${sourceText(f)}`,
        }, f.lq.toFixed(2));
      })));
  }
  t.appendChild(tb);
  $('hm-source').textContent = `来源：由 Jiqun 按分类规则归集的企业数据汇总计算（${periodZh}）；强集群 ${strong} 个。`;
  showContent();
  const u = new URL(location.href);
  u.searchParams.set('period', state.period);
  history.replaceState(null, '', u);
}

function main() {
  initLayout();
  legend();
  return startPeriodPage($('period'), state, [api.districts(), api.industries()], (_, districts, inds) => {
    state.districts = districts;
    state.industries = inds;
  }, load);
}

main();
