// stats-common.js - what the statistics pages share: the period selector over
// GET /api/v1/stats/periods and the number formats of Chinese statistical tables.
import { api } from './api.js';
import { h, clear } from './dom.js';
import { showError } from './layout.js';

const KIND_GROUP = { year: '年度', half: '半年', quarter: '季度', month: '月度' };

// Fill <select> with the periods that have value added, grouped by kind; the latest annual
// period is chosen unless `wanted` names one. Returns the chosen period label ('' if none).
export async function fillPeriods(select, wanted) {
  const res = await api.statsPeriods();
  const ps = (res.periods || []).filter((p) => (p.indicators || []).includes('value_added'));
  clear(select);
  for (const kind of ['year', 'half', 'quarter', 'month']) {
    const of = ps.filter((p) => p.kind === kind);
    if (of.length) {
      select.appendChild(h('optgroup', { label: KIND_GROUP[kind] },
        of.map((p) => h('option', { value: p.period }, p.label_zh))));
    }
  }
  const years = ps.filter((p) => p.kind === 'year');
  const pick = ps.find((p) => p.period === wanted) || years[years.length - 1] || ps[ps.length - 1];
  select.value = pick ? pick.period : '';
  return { period: select.value, periods: ps };
}

// Start a statistics page: the period selector (the URL's ?period= chosen when it has data) and
// the page's other requests together; `ready(chosen, ...answers)` keeps what they returned, then
// `load()` draws the page, again whenever the period changes, into state.period. Errors and a
// database without figures are shown in the page.
export async function startPeriodPage(select, state, requests, ready, load) {
  try {
    const [chosen, ...answers] = await Promise.all([
      fillPeriods(select, new URLSearchParams(location.search).get('period')), ...requests]);
    ready(chosen, ...answers);
    state.period = chosen.period;
    if (!chosen.period) {
      showError(new Error('尚无统计数据：请先导入指标数据并运行 jiqun compute'));
      return;
    }
    select.addEventListener('change', () => {
      state.period = select.value;
      load().catch(showError);
    });
    await load();
  } catch (e) {
    showError(e);
  }
}

// 元 -> "1234.56" (亿元, two decimals as the statistical bulletins print them).
export function yiyuan(v) {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : (v / 1e8).toFixed(2);
}

// 12.345 -> "12.3%"; signed growth "+12.3%" / "-4.0%".
export function pct(v, digits = 1) {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : `${v.toFixed(digits)}%`;
}
export function growth(v) {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(1)}%`;
}

// Where a figure comes from, in words.
export function sourceText(f) {
  if (!f) return '';
  if (f.source === 'published') return `公布数据（${f.source_text}）`;
  return f.n_ent != null ? `由${f.n_ent}家企业数据汇总计算` : f.source_text;
}

// Of a report's figures: the one for level/key/district (city-wide by default), published first
// when `preferPublished`, else computed first.
export function figure(figs, level, key, { district = '', indicator = 'value_added', preferPublished = true } = {}) {
  const all = figs.filter((f) => f.level === level && f.key === (key || '') &&
    f.district === district && f.indicator === indicator);
  const pub = all.find((f) => f.source === 'published');
  const comp = all.find((f) => f.source === 'computed');
  return preferPublished ? pub || comp || null : comp || pub || null;
}
