// layout.js - what every page shares: the nav, the footer's source line, the loading / error
// status line, the demo-data banner and the tier legend.
import { h, clear, $ } from './dom.js';
import { TIERS } from './format.js';
import { api, me } from './api.js';

// The shared nav, in order. `page` matches <body data-page>.
export const NAV = [
  { page: 'home', href: '/', label: '总览' },
  { page: 'matrix', href: '/matrix.html', label: '区域矩阵' },
  { page: 'lists', href: '/lists.html', label: '六个一' },
  { page: 'completeness', href: '/completeness.html', label: '完整度' },
  { page: 'projects', href: '/projects.html', label: '重点项目' },
  { page: 'cultivation', href: '/cultivation.html', label: '企业培育' },
  { page: 'stats', href: '/stats.html', label: '统计监测' },
  { page: 'heatmap', href: '/heatmap.html', label: '区域热力' },
  { page: 'map', href: '/map.html', label: '作战地图' },
  { page: 'commissioner', href: '/commissioner.html', label: '专员工作台' },
  { page: 'chain', href: '/chain.html', label: '产业链' },
  { page: 'audit', href: '/audit.html', label: '审核与审计' },
];

const POLICY = '深圳市人民政府关于发展壮大战略性新兴产业集群和培育发展未来产业的意见';
// Pages whose figures come from the lists officials fill in, not from the policy alone.
const LIST_PAGES = new Set(['lists', 'completeness', 'projects', 'cultivation', 'map', 'commissioner', 'chain']);

function footer(page) {
  const source = LIST_PAGES.has(page) ? `Jiqun 清单数据（区、专员填报）；产业目录：${POLICY}` : POLICY;
  return h('div', { class: 'wrap' },
    h('p', {}, '资料来源：', h('span', { id: 'source' }, source)),
    h('p', { class: 'muted' }, '集群 Jiqun · 深圳市“20+8”战略性新兴产业集群和未来产业数据平台'));
}

// Fill every page's empty <header class="site-header"> and <footer class="site-footer"> with
// the logo, the nav and the source line, so they are written once, here.
export function initLayout() {
  const page = document.body.dataset.page;
  const header = document.querySelector('.site-header');
  if (!header) return;
  const nav = h('nav', { class: 'site-nav', 'aria-label': '主导航' });
  for (const n of NAV) {
    nav.appendChild(h('a', {
      href: n.href,
      dataset: { nav: n.page },
      'aria-current': n.page === page ? 'page' : null,
    }, n.label));
  }
  const foot = document.querySelector('.site-footer');
  if (foot) {
    clear(foot);
    foot.appendChild(footer(page));
  }
  clear(header);
  const userBox = h('span', { class: 'user-box', id: 'user-box' });
  header.appendChild(h('div', { class: 'wrap header-inner' },
    h('a', { class: 'logo', href: '/' }, h('span', { class: 'logo-zh' }, '集群'),
      h('span', { class: 'logo-en' }, 'Jiqun')),
    nav, userBox));
  if (page !== 'login') void fillUserBox(userBox);
}

// Who is signed in, with 退出; or a 登录 link back to this page. Reading needs no account.
async function fillUserBox(box) {
  const who = await me();
  clear(box);
  if (!who.authenticated) {
    const next = encodeURIComponent(location.pathname + location.search);
    box.appendChild(h('a', { class: 'btn btn-small', href: `/login.html?next=${next}`, id: 'login-link' }, '登录'));
    return;
  }
  const out = h('button', { type: 'button', class: 'btn btn-small', id: 'logout' }, '退出');
  out.addEventListener('click', async () => {
    try { await api.logout(); } catch { /* the session may be gone already */ }
    location.reload();
  });
  box.appendChild(h('span', { class: 'user-name', id: 'user-name' },
    `${who.user.name}（${who.user.role_zh}${who.user.district_zh ? ` · ${who.user.district_zh}` : ''}）`));
  box.appendChild(out);
}

// "来源：…" under a table or chart, from the API's `source`.
export function setSourceLine(el, source) {
  el.textContent = `来源：${source || 'Jiqun 清单数据'}`;
}

// The page-level banner shown while any record on the page is demo data.
export function setDemoBanner(on) {
  let b = $('demo-banner');
  if (!b && on) {
    b = h('p', { id: 'demo-banner', class: 'demo-banner', role: 'note' },
      h('strong', {}, '当前为演示数据'),
      '：标有“演示”的记录由 jiqun demo 生成，仅供演示，不是填报数据。');
    const main = $('main');
    main.insertBefore(b, main.firstChild);
  }
  if (b) b.hidden = !on;
}

export function demoBadge() {
  return h('span', { class: 'demo-badge', title: '演示数据' }, '演示');
}

export function setSource(programme) {
  const el = $('source');
  if (el && programme && programme.source) el.textContent = programme.source;
}

export function showLoading(text = '加载中…') {
  const s = $('status');
  s.hidden = false;
  s.className = 'status';
  s.textContent = text;
}

export function showError(err) {
  const s = $('status');
  s.hidden = false;
  s.className = 'status status-error';
  s.setAttribute('role', 'alert');
  s.textContent = `数据加载失败：${err && err.message ? err.message : String(err)}`;
  const c = $('content');
  if (c) c.hidden = true;
}

export function showContent() {
  $('status').hidden = true;
  $('content').hidden = false;
}

export function tierBadge(tier) {
  const b = h('span', { class: `tier-badge tier-${tier.id}` }, tier.label);
  return b;
}

// Legend: a colour swatch plus the text label for every tier (colour is never the only cue).
export function renderLegend(ul, tierDefs) {
  clear(ul);
  for (const t of TIERS) {
    const def = (tierDefs || []).find((d) => d.id === t.id);
    ul.appendChild(
      h('li', { title: def && def.text ? def.text : t.long },
        h('span', { class: `swatch tier-bg-${t.id}`, 'aria-hidden': 'true' }),
        t.label),
    );
  }
}
