// industry.js - "/industry.html?id=ID": everything the policy says of one industry, and its
// figures over time (industry-stats.js).
import { api } from './api.js';
import { h, clear, $ } from './dom.js';
import { tierOf, KIND_LABEL, seqLabel } from './format.js';
import { initLayout, setSource, showError, showContent, tierBadge } from './layout.js';
import { industryStats } from './industry-stats.js';

function chips(ul, items, emptyText) {
  clear(ul);
  if (!items || !items.length) {
    ul.appendChild(h('li', { class: 'chip chip-empty' }, emptyText || '政策未列明'));
    return;
  }
  for (const it of items) ul.appendChild(h('li', { class: 'chip' }, it));
}

function fact(dl, term, ...value) {
  dl.appendChild(h('div', { class: 'fact' }, h('dt', {}, term), h('dd', {}, ...value)));
}

function showNotFound(id) {
  const s = $('status');
  s.hidden = false;
  s.className = 'status status-notfound';
  clear(s);
  s.appendChild(h('strong', {}, '未找到该产业'));
  s.appendChild(h('span', {}, id ? `（编号“${id.slice(0, 64)}”不在“20+8”产业目录中）。` : '（缺少产业编号）。'));
  s.appendChild(h('a', { href: '/' }, '返回总览'));
  $('crumb').textContent = '未找到该产业';
  document.title = '未找到该产业 · 集群 Jiqun';
}

function render(ind, programme, all, districts) {
  const tier = tierOf(ind.tier);
  const cat = (programme.categories || []).find((c) => c.id === ind.category);
  const kind = KIND_LABEL[ind.kind] || ind.kind;
  document.title = `${ind.name_zh} · 集群 Jiqun`;
  $('crumb').textContent = ind.name_zh;
  $('ind-eyebrow').textContent = `${kind} ${seqLabel(ind.seq)}${cat ? ` · ${cat.name_zh}` : ''}`;
  $('ind-title').textContent = ind.full_name_zh || ind.name_zh;
  const badges = clear($('ind-badges'));
  badges.appendChild(tierBadge(tier));
  badges.appendChild(h('span', { class: 'kind-badge' }, kind));
  if (ind.name_en) badges.appendChild(h('span', { class: 'name-en', lang: 'en' }, ind.name_en));
  badges.appendChild(h('a', { class: 'btn btn-small btn-primary ws-link', href: `/lists.html?industry=${encodeURIComponent(ind.id)}` }, '“六个一”工作台 →'));
  $('ind-positioning').textContent = ind.positioning || '';
  $('ind-positioning').hidden = !ind.positioning;

  const dl = clear($('ind-facts'));
  fact(dl, '类型', kind);
  fact(dl, '序号', `${ind.kind === 'future' ? '未来产业' : '集群'}第 ${ind.seq} 位`);
  const tierDef = (programme.tiers || []).find((t) => t.id === tier.id);
  fact(dl, '2025 年梯队', tierBadge(tier), tierDef && tierDef.clause ? h('span', { class: 'clause-ref' }, `意见 ${tierDef.clause}`) : null);
  fact(dl, '产业类别', cat ? cat.name_zh : (ind.kind === 'future' ? '未来产业（不分类别）' : '—'));

  chips($('ind-segments'), ind.segments);
  chips($('ind-technologies'), ind.technologies);
  chips($('ind-carriers'), ind.carriers);

  const dul = clear($('ind-districts'));
  const ds = ind.districts || [];
  if (!ds.length) {
    dul.appendChild(h('li', { class: 'chip chip-empty' },
      ind.kind === 'future' ? '政策未为未来产业指定布局区域' : '政策未列明具体区域'));
  }
  for (const name of ds) {
    const d = districts.find((x) => x.short === name || x.name_zh === name || x.id === name);
    const key = d ? d.id : name;
    dul.appendChild(h('li', {},
      h('a', { class: 'chip', href: `/matrix.html?district=${encodeURIComponent(key)}`, title: `在区域矩阵中查看${d ? d.name_zh : name}` },
        d ? d.name_zh : name)));
  }

  $('ind-clause').textContent = ind.clause || '';
  $('ind-clause-text').textContent = ind.clause_text || '';

  const nav = clear($('prev-next'));
  const k = all.findIndex((x) => x.id === ind.id);
  const prev = k > 0 ? all[k - 1] : null;
  const next = k >= 0 && k < all.length - 1 ? all[k + 1] : null;
  const link = (x, dir) => x
    ? h('a', { class: `pn pn-${dir}`, href: `/industry.html?id=${encodeURIComponent(x.id)}`, rel: dir },
      h('span', { class: 'pn-dir' }, dir === 'prev' ? '← 上一个' : '下一个 →'),
      h('span', { class: 'pn-name' }, `${KIND_LABEL[x.kind] || ''} ${seqLabel(x.seq)} ${x.name_zh}`))
    : h('span', { class: `pn pn-${dir} pn-none` });
  nav.appendChild(link(prev, 'prev'));
  nav.appendChild(link(next, 'next'));
}

async function main() {
  initLayout();
  const id = new URLSearchParams(location.search).get('id');
  const programmeP = api.programme();
  programmeP.then(setSource, () => {});
  if (!id) {
    showNotFound('');
    return;
  }
  try {
    // The full list is needed for previous / next anyway; an id that is not in it is unknown,
    // which spares a request that would answer 404.
    const [programme, all, districts] = await Promise.all([programmeP, api.industries(), api.districts()]);
    const ind = all.find((x) => x.id === id);
    if (!ind) {
      showNotFound(id);
      return;
    }
    render(ind, programme, all, districts);
    showContent();
    await industryStats(ind.id);
  } catch (e) {
    showError(e);
  }
}

main();
