// layout.js - what every page shares: nav highlighting, the footer's source line,
// the loading / error status line and the tier legend.
import { h, clear, $ } from './dom.js';
import { TIERS } from './format.js';

export function initLayout() {
  const page = document.body.dataset.page;
  for (const a of document.querySelectorAll('.site-nav a')) {
    if (a.dataset.nav === page) a.setAttribute('aria-current', 'page');
  }
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
