// format.js - number formatting as Chinese statistics write it (亿元 / 万亿元),
// tier names and colours, and small label helpers shared by all pages.

// Tiers of the policy's part 二（三）, in display order. "none" = not ranked by the policy.
export const TIERS = [
  { id: 'pillar', label: '千亿级', long: '增加值千亿级产业集群', color: '#c62828' },
  { id: 'short_board', label: '补短板', long: '产业短板加快补齐', color: '#b45309' },
  { id: 'improve', label: '显著提升', long: '产业发展水平显著提升', color: '#1565c0' },
  { id: 'growth_point', label: '新增长点', long: '逐步发展成为新增长点', color: '#2e7d32' },
  { id: 'none', label: '其他', long: '政策未列入上述梯队', color: '#7f8b98' },
];

export function tierOf(id) {
  return TIERS.find((t) => t.id === (id || 'none')) || TIERS[TIERS.length - 1];
}

export const KIND_LABEL = { cluster: '产业集群', future: '未来产业' };

// Trim a fixed-point string: "1.50" -> "1.5", "1000.00" -> "1000".
function trimNum(n, digits) {
  return n.toFixed(digits).replace(/\.?0+$/, '');
}

// Split an amount in 元 into a number and a unit, e.g. 1.5e12 -> {num:"1.5", unit:"万亿元"}.
export function yuanParts(value) {
  if (value === null || value === undefined || !Number.isFinite(Number(value))) return null;
  const v = Number(value);
  const a = Math.abs(v);
  if (a >= 1e12) return { num: trimNum(v / 1e12, 2), unit: '万亿元' };
  if (a >= 1e8) return { num: trimNum(v / 1e8, 2), unit: '亿元' };
  if (a >= 1e4) return { num: trimNum(v / 1e4, 2), unit: '万元' };
  return { num: trimNum(v, 2), unit: '元' };
}

export function formatYuan(value) {
  const p = yuanParts(value);
  return p ? p.num + p.unit : '—';
}

const OP_WORD = { '>': '超过', '>=': '不低于', '<': '低于', '<=': '不超过', '=': '' };
export function opWord(op) {
  return OP_WORD[op] ?? '';
}

// "01".."20" for card sequence numbers.
export function seqLabel(seq) {
  return String(seq).padStart(2, '0');
}

// The policy is cited as 意见 + clause, e.g. "来源：意见 二（三）".
export function sourceLabel(clause) {
  return clause ? `来源：意见 ${clause}` : '';
}

// An amount in 元 shown in 亿元 with two decimals, as the project tables do: 1.5e8 -> "1.50".
export function yi(value) {
  if (value === null || value === undefined || !Number.isFinite(Number(value))) return '—';
  return (Number(value) / 1e8).toFixed(2);
}

// 元 <-> 万元 for form inputs (the lists' amounts are stored in 元, officials type 万元).
export function toWan(yuanValue) {
  if (yuanValue === null || yuanValue === undefined || yuanValue === '') return '';
  return String(Math.round(Number(yuanValue) / 100) / 100); // 4 decimals at most, no float noise
}
export function fromWan(wan) {
  return Math.round(Number(wan) * 1e4 * 100) / 100;
}

// 0.4567 -> "45.7%".
export function percent(ratio, digits = 1) {
  if (ratio === null || ratio === undefined || !Number.isFinite(Number(ratio))) return '—';
  return `${(Number(ratio) * 100).toFixed(digits)}%`;
}

// The API's messages are Chinese with an English gloss in brackets at the end:
// "必填项“企业名称”为空 (required)" -> "必填项“企业名称”为空".
export function zhText(message) {
  return String(message || '').replace(/\s*\([\x20-\x7e]*\)\s*$/, '');
}

// A field's Chinese header without the unit the CSV header carries: "总投资（万元）" -> "总投资".
export function fieldLabel(field) {
  return String(field.header_zh || field.name).replace(/（万元）$/, '');
}
