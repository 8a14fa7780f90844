// stats.js - "/stats.html": the programme's figures for one period (GET /api/v1/stats), the
// target gauge (GET /api/v1/stats/targets), the trend (GET /api/v1/stats/series), the industry
// ranking with the six 千亿级 pillar target, and the ranking restated in the 2024 version's
// clusters (GET /api/v1/stats/crosswalk).
import { api } from './api.js';
import { h, clear, $ } from './dom.js';
import { initLayout, showContent, showLoading } from './layout.js';
import { formatYuan } from './format.js';
import { startPeriodPage, yiyuan, pct, growth, sourceText, figure } from './stats-common.js';

const PILLAR = 1000e8; // 千亿级: 1000亿元 of value added in a year
const FLAG_ZH = { estimated: '估算', incomplete: '不完整', no_weight: '缺权重', no_source: '无对应' };
const state = { period: '', periods: [], chart: null, industries: new Map() };

function renderTotal(rep) {
  const f = figure(rep.figures, 'programme', '');
  $('total-period').textContent = rep.period_zh;
  $('total-value').textContent = f ? yiyuan(f.value) : '—';
  $('total-growth').textContent = f ? growth(f.growth_pct) : '—';
  $('total-gdp').textContent = f ? pct(f.share_gdp_pct) : '—';
  const pub = figure(rep.figures, 'programme', '', { preferPublished: true });
  const comp = figure(rep.figures, 'programme', '', { preferPublished: false });
  const parts = [];
  if (pub && pub.source === 'published') parts.push(`公布：${pub.source_text}`);
  if (comp && comp.source === 'computed') parts.push(`计算：${sourceText(comp)}（每家企业只计一次）`);
  if (pub && comp && pub !== comp && comp.difference_pct != null) parts.push(`计算与公布相差 ${pct(comp.difference_pct)}`);
  $('total-source').textContent = parts.length ? `来源：${parts.join('；')}` : '本期无增加值数据';
  const ov = (rep.overlap || []).find((o) => o.indicator === 'value_added');
  $('total-overlap').textContent = ov
    ? `各产业合计 ${yiyuan(ov.sum_of_industries)} 亿元，高于总量 ${yiyuan(ov.programme)} 亿元，重叠 ${yiyuan(ov.overlap)} 亿元：${ov.explanation}`
    : '';
}

function renderGauge(tg) {
  const t = (tg.targets || []).find((x) => x.scope === 'programme' && x.indicator === 'value_added' && x.threshold == null);
  const g = $('gauge');
  if (!t) {
    $('gauge-status').textContent = '未设定增加值目标';
    return;
  }
  $('h-gauge').textContent = `${t.year}年目标：增加值超过${formatYuan(t.value)}`;
  const share = Number.isFinite(t.share) ? t.share : null;
  const el = Number.isFinite(t.elapsed) ? t.elapsed : null;
  $('gauge-share').textContent = share == null ? '—' : pct(share * 100);
  $('gauge-elapsed').textContent = el == null ? '—' : pct(el * 100);
  $('gauge-share-bar').style.width = `${Math.min(100, (share || 0) * 100)}%`;
  $('gauge-elapsed-bar').style.width = `${Math.min(100, (el || 0) * 100)}%`;
  $('gauge-elapsed-mark').style.left = `${Math.min(100, (el || 0) * 100)}%`;
  $('gauge-year').textContent = tg.year ? `${tg.year}年` : '—';
  $('gauge-actual').textContent = share == null ? '—' : `${yiyuan(share * t.value)} 亿元`;
  $('gauge-needed').textContent = Number.isFinite(t.growth_needed_pct) ? pct(t.growth_needed_pct) : (t.growth_needed_pct && t.growth_needed_pct.text) || '—';
  const pr = t.projection || {};
  $('gauge-projection').textContent = Number.isFinite(pr.value)
    ? `${yiyuan(pr.value)} 亿元（区间 ${yiyuan(pr.low)}–${yiyuan(pr.high)}）`
    : pr.text || '—';
  let verdict = '';
  if (share != null && el != null) {
    const gap = (share - el) * 100;
    verdict = gap >= 0 ? `完成进度领先时间进度 ${gap.toFixed(1)} 个百分点` : `完成进度落后时间进度 ${(-gap).toFixed(1)} 个百分点`;
  }
  if (t.status_zh) verdict += `${verdict ? '；' : ''}按趋势：${t.status_zh}`;
  $('gauge-status').textContent = verdict;
  g.dataset.status = t.status;
  const pillar = (tg.targets || []).find((x) => x.threshold != null);
  $('gauge-source').textContent = `目标：${t.note || '政策文件二（三）'}。实际值来源：${t.actual_source || '无'}${tg.latest_period ? `；最新数据期 ${tg.latest_period}` : ''}` +
    (pillar ? `。千亿级集群（${tg.year}年）：${pillar.count ?? '—'} 个，目标 ${pillar.value} 个` : '');
}

async function renderTrend(kind) {
  const names = { year: '年度', half: '半年', quarter: '季度', month: '月度' };
  $('trend-kind').textContent = names[kind] || '';
  const s = await api.statsSeries({ indicator: 'value_added', kind });
  const pts = s.points || [];
  const val = (p) => (p.published || p.computed || {}).value;
  const gr = (p) => (p.published || p.computed || {}).growth_pct;
  const el = $('trend');
  el.setAttribute('aria-label', `战略性新兴产业增加值（亿元）：${pts.map((p) => `${p.label_zh} ${yiyuan(val(p))}`).join('，')}`);
  if (!window.echarts) {
    el.textContent = '图表组件未能加载。';
    return;
  }
  if (!state.chart) {
    state.chart = window.echarts.init(el, null, { renderer: 'canvas' });
    new ResizeObserver(() => state.chart.resize()).observe(el);
  }
  state.chart.setOption({
    aria: { enabled: false },
    textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    legend: { data: ['增加值（亿元）', '同比增长（%）'], top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: pts.map((p) => p.label_zh) },
    yAxis: [{ type: 'value', name: '亿元' }, { type: 'value', name: '%', splitLine: { show: false } }],
    series: [
      { name: '增加值（亿元）', type: 'bar', barMaxWidth: 36, itemStyle: { color: '#2f6fb3' },
        data: pts.map((p) => Number(yiyuan(val(p)))) },
      { name: '同比增长（%）', type: 'line', yAxisIndex: 1, connectNulls: false, itemStyle: { color: '#d9822b' },
        data: pts.map((p) => (Number.isFinite(gr(p)) ? Number(gr(p).toFixed(1)) : null)) },
    ],
  }, true);
}

function renderRanking(rep, annual) {
  const rows = rep.figures.filter((f) => f.level === 'industry' && f.district === '' && f.indicator === 'value_added');
  const best = new Map();
  for (const f of rows) if (!best.has(f.key) || f.source === 'published') best.set(f.key, f);
  const list = [...best.values()].sort((a, b) => b.value - a.value);
  const t = clear($('ranking'));
  t.appendChild(h('caption', { class: 'sr-only' }, `${rep.period_zh}各产业增加值排名`));
  t.appendChild(h('thead', {}, h('tr', {},
    ['产业（按增加值排名）', '增加值（亿元）', '同比增长', '占总量比重', annual ? '与千亿级（1000亿元）相比' : '千亿级对比', '来源']
      .map((x, i) => h('th', { scope: 'col', class: i >= 1 && i <= 4 ? 'num' : null }, x)))));
  const tb = h('tbody');
  let above = 0;
  list.forEach((f, i) => {
    const ind = state.industries.get(f.key);
    const cluster = !ind || ind.kind === 'cluster';
    let gap = '—';
    let cls = '';
    if (annual && cluster) {
      const d = f.value - PILLAR;
      if (d >= 0) above++;
      gap = d >= 0 ? `超出 ${yiyuan(d)}` : `差 ${yiyuan(-d)}`;
      cls = d >= 0 ? 'st-above' : 'st-below';
    } else if (!annual) gap = '仅年度可比';
    else gap = '未来产业';
    tb.appendChild(h('tr', { dataset: { key: f.key } },
      h('th', { scope: 'row' }, h('span', { class: 'st-rank' }, String(i + 1)), h('a', { href: `/industry.html?id=${encodeURIComponent(f.key)}#stats` }, f.name)),
      h('td', { class: 'num' }, yiyuan(f.value)),
      h('td', { class: 'num' }, growth(f.growth_pct)),
      h('td', { class: 'num' }, pct(f.share_pct)),
      h('td', { class: `num ${cls}` }, gap),
      h('td', { class: 'muted' }, sourceText(f))));
  });
  t.appendChild(tb);
  $('pillar-note').textContent = annual
    ? `目标：网络与通信、软件与信息服务、智能终端、超高清视频显示、新能源、海洋产业等六个集群增加值达千亿级。${rep.period_zh}增加值在1000亿元以上的集群 ${above} 个。占总量比重以战略性新兴产业总量（每家企业只计一次）为分母，因集群重叠，各产业比重之和超过100%。`
    : '千亿级目标按年度增加值衡量；请选择年度期间查看各集群与1000亿元的差距。占总量比重之和因集群重叠超过100%。';
}

function renderCrosswalk(xw) {
  const t = clear($('crosswalk'));
  t.appendChild(h('caption', { class: 'sr-only' }, `${xw.period_zh}增加值按2024年版口径折算`));
  t.appendChild(h('thead', {}, h('tr', {},
    ['2024年版产业', '增加值（亿元）', '说明'].map((x, i) => h('th', { scope: 'col', class: i === 1 ? 'num' : null }, x)))));
  const tb = h('tbody');
  const items = [...(xw.industries || [])].sort((a, b) => (b.value ?? b.partial_value ?? 0) - (a.value ?? a.partial_value ?? 0));
  for (const r of items) {
    const flags = (r.flags || []).map((f) => h('span', { class: `badge st-flag st-flag-${f}` }, FLAG_ZH[f] || f));
    const shown = r.value != null ? yiyuan(r.value) : (r.partial_value ? `≥${yiyuan(r.partial_value)}` : '—');
    tb.appendChild(h('tr', { dataset: { key: r.id, complete: String(r.complete) } },
      h('th', { scope: 'row' }, r.name_zh),
      h('td', { class: 'num' }, shown),
      h('td', {}, flags, r.missing ? h('span', { class: 'muted' }, ` ${r.missing}/${r.parts} 个组成部分缺数据`) : null)));
  }
  t.appendChild(tb);
}

async function load() {
  showLoading();
  const u = new URL(location.href);
  u.searchParams.set('period', state.period);
  history.replaceState(null, '', u);
  const p = state.periods.find((x) => x.period === state.period);
  const [rep, tg, xw] = await Promise.all([
    api.stats({ period: state.period, indicator: 'value_added' }),
    api.statsTargets(p && p.kind === 'year' ? { year: state.period } : {}),
    api.statsCrosswalk({ period: state.period, indicator: 'value_added', to: '2024' }),
  ]);
  showContent();
  renderTotal(rep);
  renderGauge(tg);
  renderRanking(rep, p && p.kind === 'year');
  renderCrosswalk(xw);
  // Annual figures are few: the trend is drawn by quarter unless a month is chosen.
  await renderTrend(p && p.kind === 'month' ? 'month' : 'quarter');
  $('sources').textContent = `资料来源：计算值由 Jiqun 按分类规则（第${rep.rule_set ?? '—'}版）归集企业数据汇总，计算于 ${rep.computed_at || '—'}；公布值来自导入的统计公报；地区生产总值为公布数据；目标：政策文件二（三）及导入的规划。${xw.source}。`;
}

function main() {
  initLayout();
  return startPeriodPage($('period'), state, [api.industries()], ({ periods }, inds) => {
    for (const i of inds) state.industries.set(i.id, i);
    state.periods = periods;
  }, load);
}

main();
