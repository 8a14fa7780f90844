// home.js - the overview page "/": 2025 targets, the 20 clusters and 8 future industries as
// cards grouped by category, a chart of clusters per district, principles and safeguards.
import { api } from './api.js';
import { h, clear, $ } from './dom.js';
import { TIERS, tierOf, yuanParts, opWord, seqLabel, sourceLabel } from './format.js';
import { initLayout, setSource, showError, showContent, tierBadge, renderLegend } from './layout.js';

const INDICATOR_LABEL = { value_added: '增加值' };
const TIER_CAPTION = {
  pillar: '千亿级集群',
  short_board: '补短板产业',
  improve: '显著提升产业',
  growth_point: '未来产业新增长点',
};

function renderHero(p) {
  const doc = p.document || {};
  $('hero-doc').textContent = [doc.issuer, doc.year ? `${doc.year}年` : ''].filter(Boolean).join(' · ');
  $('hero-title').textContent = p.name_zh || doc.title || '深圳市“20+8”产业集群';
  const c = p.counts || {};
  $('hero-meta').textContent =
    `${p.city || '深圳市'} · ${c.cluster ?? 20} 个战略性新兴产业集群 + ${c.future ?? 8} 个未来产业 · ` +
    `规划期 ${p.base_year ?? ''}—${p.target_year ?? ''} 年`;
}

// One figure per quantified target; amounts in 元 are shown in 亿元 / 万亿元.
// Returns {el, primary} or null for targets stated only in words (listed under 政策要点).
function targetFigure(t) {
  const tierId = typeof t.scope === 'string' && t.scope.startsWith('tier:') ? t.scope.slice(5) : null;
  const money = yuanParts(t.value);
  let label;
  let figure;
  let detail = null;
  if (tierId && t.count) {
    const tier = tierOf(tierId);
    label = `${t.year || ''}年目标 · ${tier.label}`;
    figure = h('p', { class: 'figure-value' },
      h('span', { class: 'num' }, String(t.count)),
      h('span', { class: 'unit' }, ` 个${TIER_CAPTION[tierId] || tier.label}`));
    if (money) detail = `每个集群${INDICATOR_LABEL[t.indicator] || ''}${opWord(t.op)}${money.num}${money.unit}`;
  } else if (money) {
    const what = t.scope === 'programme' ? '战略性新兴产业' : '';
    label = `${t.year || ''}年目标 · ${what}${INDICATOR_LABEL[t.indicator] || t.indicator || ''}`;
    figure = h('p', { class: 'figure-value' },
      t.op ? h('span', { class: 'op' }, opWord(t.op)) : null,
      h('span', { class: 'num' }, money.num),
      h('span', { class: 'unit' }, money.unit));
  } else {
    return null;
  }
  const primary = Boolean(money);
  const el = h('div', {
    class: `figure${primary ? ' figure-primary' : ' figure-minor'}${tierId ? ` figure-tier tier-border-${tierOf(tierId).id}` : ''}`,
    dataset: { target: t.id || '' },
  },
  h('p', { class: 'figure-label' }, label),
  figure,
  detail ? h('p', { class: 'figure-detail' }, detail) : null,
  h('p', { class: 'figure-text' }, t.text || ''),
  h('p', { class: 'figure-source' }, sourceLabel(t.clause)));
  return { el, primary };
}

function renderTargets(p) {
  const box = clear($('targets'));
  const figs = (p.targets || []).map(targetFigure).filter(Boolean);
  const c = p.counts || {};
  const major = h('div', { class: 'figures figures-major' }, figs.filter((f) => f.primary).map((f) => f.el));
  // The programme's size, from the same document.
  major.appendChild(h('div', { class: 'figure figure-primary figure-plain' },
    h('p', { class: 'figure-label' }, '产业布局 · “20+8”'),
    h('p', { class: 'figure-value' },
      h('span', { class: 'num' }, String(c.cluster ?? '—')),
      h('span', { class: 'unit' }, ' 个集群 + '),
      h('span', { class: 'num' }, String(c.future ?? '—')),
      h('span', { class: 'unit' }, ' 个未来产业')),
    h('p', { class: 'figure-text' }, '发展壮大战略性新兴产业集群，培育发展未来产业'),
    h('p', { class: 'figure-source' }, sourceLabel('三'))));
  box.appendChild(major);
  const minor = figs.filter((f) => !f.primary);
  if (minor.length) box.appendChild(h('div', { class: 'figures figures-minor' }, minor.map((f) => f.el)));
}

function industryCard(ind) {
  const tier = tierOf(ind.tier);
  const n = (ind.districts || []).length;
  return h('li', {},
    h('a', {
      class: `industry-card tier-border-${tier.id}`,
      href: `/industry.html?id=${encodeURIComponent(ind.id)}`,
      dataset: { kind: ind.kind, tier: tier.id, id: ind.id },
    },
    h('span', { class: 'card-top' },
      h('span', { class: 'seq' }, seqLabel(ind.seq)),
      tierBadge(tier)),
    h('span', { class: 'card-name' }, ind.name_zh),
    h('span', { class: 'card-meta' }, n ? `${n} 个区布局` : '未指定区域')));
}

function group(title, count, items, extraClass = '') {
  return h('section', { class: `group ${extraClass}` },
    h('h3', { class: 'group-title' }, title, h('span', { class: 'group-count' }, `${count} 个`)),
    h('ul', { class: 'cards' }, items.map(industryCard)));
}

function renderGroups(p, industries) {
  const box = clear($('groups'));
  const byId = new Map(industries.map((i) => [i.id, i]));
  const clusters = industries.filter((i) => i.kind === 'cluster');
  const futures = industries.filter((i) => i.kind === 'future');
  const placed = new Set();
  const clusterBox = h('div', { class: 'group-block' },
    h('h3', { class: 'block-title' }, `战略性新兴产业集群（${clusters.length}）`));
  const grid = h('div', { class: 'group-grid' });
  for (const cat of p.categories || []) {
    const items = (cat.industries || []).map((id) => byId.get(id)).filter((i) => i && i.kind === 'cluster');
    if (!items.length) continue;
    items.forEach((i) => placed.add(i.id));
    grid.appendChild(group(cat.name_zh, items.length, items));
  }
  const rest = clusters.filter((i) => !placed.has(i.id));
  if (rest.length) grid.appendChild(group('其他', rest.length, rest));
  clusterBox.appendChild(grid);
  box.appendChild(clusterBox);
  box.appendChild(h('div', { class: 'group-block' },
    h('h3', { class: 'block-title' }, `未来产业（${futures.length}）`),
    group('重点发展方向', futures.length, futures, 'group-future')));
  renderLegend($('legend'), p.tiers);
}

function renderChart(districts, industries) {
  const el = $('district-chart');
  if (!window.echarts) {
    el.textContent = '图表组件未能加载。';
    return;
  }
  const names = districts.map((d) => d.short || d.name_zh);
  const byId = new Map(industries.map((i) => [i.id, i]));
  const series = TIERS.map((t) => ({
    name: t.label,
    type: 'bar',
    stack: 'tier',
    barMaxWidth: 36,
    itemStyle: { color: t.color },
    emphasis: { focus: 'series' },
    data: districts.map((d) => (d.industries || []).filter((id) => {
      const ind = byId.get(id);
      return ind && tierOf(ind.tier).id === t.id;
    }).length),
  })).filter((s) => s.data.some((v) => v > 0));
  const totals = districts.map((d) => (d.industries || []).length);
  el.setAttribute('aria-label',
    '各区产业集群数量：' + districts.map((d, k) => `${names[k]} ${totals[k]} 个`).join('，'));
  const chart = window.echarts.init(el, null, { renderer: 'canvas' });
  const narrow = () => el.clientWidth < 560;
  const option = () => ({
    aria: { enabled: true },
    textStyle: { fontFamily: getComputedStyle(document.body).fontFamily },
    // richText: the tooltip is drawn by ECharts itself, not as HTML with style attributes,
    // which a Content-Security-Policy without 'unsafe-inline' styles would block.
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, renderMode: 'richText' },
    legend: { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 12 } },
    grid: { left: 8, right: 8, top: narrow() ? 56 : 36, bottom: 4, containLabel: true },
    xAxis: {
      type: 'category',
      data: names,
      axisTick: { show: false },
      axisLabel: { interval: 0, fontSize: narrow() ? 10 : 12, color: '#333' },
    },
    yAxis: { type: 'value', name: '集群数', minInterval: 1, nameTextStyle: { color: '#555' } },
    series,
  });
  chart.setOption(option());
  new ResizeObserver(() => {
    chart.resize();
    chart.setOption({ grid: option().grid, xAxis: option().xAxis });
  }).observe(el);
}

function details(title, clause, paragraphs, open = false) {
  return h('details', { class: 'text-section', open: open || null },
    h('summary', {}, h('span', {}, title), clause ? h('span', { class: 'clause-ref' }, `意见 ${clause}`) : null),
    h('div', { class: 'text-body' }, paragraphs));
}

function renderTexts(p) {
  const box = clear($('texts'));
  if (p.foundation) box.appendChild(details('发展基础', '一', [h('p', {}, p.foundation)]));
  if (p.guiding_ideology) box.appendChild(details('指导思想', '二（一）', [h('p', {}, p.guiding_ideology)]));
  const pr = p.principles || [];
  if (pr.length) {
    box.appendChild(details(`基本原则（${pr.length} 条）`, pr[0].clause,
      pr.map((x) => h('div', { class: 'passage' }, h('h4', {}, x.title), h('p', {}, x.text)))));
  }
  const tg = (p.targets || []);
  if (tg.length) {
    box.appendChild(details(`发展目标（${tg.length} 项）`, tg[0].clause,
      [h('ul', { class: 'target-list' }, tg.map((t) => h('li', {}, t.text, ' ', h('span', { class: 'clause-ref' }, t.clause || ''))))]));
  }
  const sg = p.safeguards || [];
  if (sg.length) {
    box.appendChild(details(`保障措施（${sg.length} 项）`, '四',
      sg.map((x) => h('div', { class: 'passage' },
        h('h4', {}, x.title, h('span', { class: 'clause-ref' }, x.clause || '')),
        h('p', {}, x.text)))));
  }
}

async function main() {
  initLayout();
  try {
    const [programme, industries, districts] = await Promise.all([
      api.programme(), api.industries(), api.districts(),
    ]);
    setSource(programme);
    renderHero(programme);
    renderTargets(programme);
    renderGroups(programme, industries);
    renderTexts(programme);
    showContent();
    renderChart(districts, industries);
  } catch (e) {
    showError(e);
  }
}

main();
