// industry-stats.js - the "统计数据" section of /industry.html: one industry's value added (or
// another indicator) over time from GET /api/v1/stats/series, as a chart and a table.
import { api } from './api.js';
import { h, clear, $ } from './dom.js';
import { yiyuan, growth, sourceText } from './stats-common.js';

let chart = null;

function draw(el, s) {
  const pts = s.points;
  const fig = (p) => p.published || p.computed || {};
  el.setAttribute('aria-label', `${s.name}${s.indicator_zh}（亿元）：${pts.map((p) => `${p.label_zh} ${yiyuan(fig(p).value)}`).join('，')}`);
  if (!window.echarts) {
    el.textContent = '图表组件未能加载。';
    return;
  }
  if (!chart) {
    chart = window.echarts.init(el, null, { renderer: 'canvas' });
    new ResizeObserver(() => chart.resize()).observe(el);
  }
  chart.setOption({
    aria: { enabled: false },
    textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    legend: { data: [`${s.indicator_zh}（亿元）`, '同比增长（%）'], top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: pts.map((p) => p.label_zh) },
    yAxis: [{ type: 'value', name: '亿元' }, { type: 'value', name: '%', splitLine: { show: false } }],
    series: [
      { name: `${s.indicator_zh}（亿元）`, type: 'bar', barMaxWidth: 36, itemStyle: { color: '#2f6fb3' },
        data: pts.map((p) => Number(yiyuan(fig(p).value))) },
      { name: '同比增长（%）', type: 'line', yAxisIndex: 1, itemStyle: { color: '#d9822b' },
        data: pts.map((p) => (Number.isFinite(fig(p).growth_pct) ? Number(fig(p).growth_pct.toFixed(1)) : null)) },
    ],
  }, true);
}

async function load(id) {
  const kind = $('st-kind').value;
  const s = await api.statsSeries({ level: 'industry', key: id, indicator: 'value_added', kind });
  const t = clear($('st-series'));
  if (!s.points.length) {
    $('st-empty').hidden = false;
    $('st-chart').hidden = true;
    return;
  }
  $('st-empty').hidden = true;
  $('st-chart').hidden = false;
  draw($('st-chart'), s);
  t.appendChild(h('thead', {}, h('tr', {}, ['期间', '增加值（亿元）', '同比增长', '来源']
    .map((x, i) => h('th', { scope: 'col', class: i === 1 || i === 2 ? 'num' : null }, x)))));
  t.appendChild(h('tbody', {}, [...s.points].reverse().map((p) => {
    const f = p.published || p.computed;
    return h('tr', { dataset: { period: p.period } }, h('th', { scope: 'row' }, p.label_zh),
      h('td', { class: 'num' }, yiyuan(f.value)), h('td', { class: 'num' }, growth(f.growth_pct)),
      h('td', { class: 'muted' }, sourceText({ ...f, source: p.source })));
  })));
}

// Show the section for industry `id`; failures stay inside the section.
export async function industryStats(id) {
  const sel = $('st-kind');
  if (!sel) return;
  const run = () => load(id).catch((e) => {
    $('st-empty').hidden = false;
    $('st-empty').textContent = `统计数据加载失败：${e.message}`;
  });
  sel.addEventListener('change', run);
  await run();
}
