// api.js - fetch JSON from the Jiqun API (/api/v1/...) with uniform error handling.
// Every failure becomes an ApiError whose message is fit to show after "数据加载失败：".

export class ApiError extends Error {
  constructor(message, status = 0, code = '', issues = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status; // HTTP status, 0 for network failures
    this.code = code;     // the API's error.code, e.g. "not_found", "invalid", "conflict"
    this.issues = issues; // for "invalid": [{field, value, code, message}]
  }
}

const BASE = '/api/v1';

export function getJSON(path) {
  return request('GET', path);
}

export function postJSON(path, payload) {
  return request('POST', path, payload);
}

// Who is signed in (GET /api/v1/me), fetched once per page: {authenticated, user, permissions,
// csrf}. The server refuses what a role may not do; pages only use this to hide controls.
let mePromise = null;
export function me(refresh = false) {
  if (!mePromise || refresh) {
    mePromise = getJSON('/me').catch(() => ({ authenticated: false, user: null }));
  }
  return mePromise;
}

// Whether the signed-in principal may do `action` (create, update, delete) on some record of `list`.
export function can(who, list, action) {
  return Boolean(who && who.authenticated && who.permissions &&
    who.permissions.lists[list] && who.permissions.lists[list][action]);
}

// One request; a JSON body is sent for POST / PUT. 204 answers resolve to null. Writes carry the
// session's CSRF token (X-CSRF-Token), which the server checks for cookie-authenticated writes.
async function request(method, path, payload) {
  let res;
  const init = { method, headers: { Accept: 'application/json' } };
  if (method !== 'GET' && path !== '/login') {
    const who = await me();
    if (who && who.csrf) init.headers['X-CSRF-Token'] = who.csrf;
  }
  if (payload !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(payload);
  }
  try {
    res = await fetch(BASE + path, init);
  } catch (e) {
    throw new ApiError(`网络错误（${e.message}）`);
  }
  if (res.status === 204) return null;
  let body = null;
  try {
    body = await res.json();
  } catch {
    if (res.ok) throw new ApiError(`响应不是有效的 JSON（${path}）`, res.status);
  }
  if (!res.ok) {
    const err = body && body.error;
    const msg = err && err.message ? err.message : `HTTP ${res.status}`;
    throw new ApiError(msg, res.status, (err && err.code) || '', (err && err.issues) || []);
  }
  return body;
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

// Fetch every page of a list endpoint ({items,total,limit,offset}).
async function getAll(path, params = {}) {
  const items = [];
  const limit = 100;
  for (let offset = 0; ; ) {
    const page = await getJSON(path + query({ ...params, limit, offset }));
    const got = Array.isArray(page.items) ? page.items : [];
    items.push(...got);
    offset += got.length;
    if (got.length === 0 || offset >= (page.total ?? 0)) break;
  }
  return items;
}

// An API address for links (file downloads), e.g. apiUrl('/lists/leads/export', {format: 'csv'}).
export function apiUrl(path, params) {
  return BASE + path + query(params);
}

const listPath = (list, id) =>
  `/lists/${encodeURIComponent(list)}${id === undefined ? '' : `/${encodeURIComponent(id)}`}`;

export const api = {
  programme: () => getJSON('/programme'),
  industries: (params) => getAll('/industries', params),
  industry: (id) => getJSON(`/industries/${encodeURIComponent(id)}`),
  districts: () => getAll('/districts'),
  // The seven lists: {items: [{name, title_zh, fields: [...]}]}.
  lists: () => getJSON('/lists'),
  // One page of a list: {items, total, limit, offset}; params: industry, district, q, sort, order, limit, offset.
  list: (list, params) => getJSON(listPath(list) + query(params)),
  record: (list, id) => getJSON(listPath(list, id)),
  create: (list, record) => request('POST', listPath(list), record),
  update: (list, id, record) => request('PUT', listPath(list, id), record),
  remove: (list, id) => request('DELETE', listPath(list, id)),
  exportUrl: (list, format, params) => apiUrl(`${listPath(list)}/export`, { format, ...params }),
  templateUrl: (list, format) => apiUrl(`${listPath(list)}/template`, { format }),
  completeness: () => getJSON('/completeness'),
  progress: (params) => getJSON('/projects/progress' + query(params)),
  cultivation: (params) => getJSON('/cultivation' + query(params)),
  // Statistical monitoring (issue 4): figures of a period, the periods with data, one figure's
  // series, the targets' progress and a period restated in the 2024 version's industries.
  stats: (params) => getJSON('/stats' + query(params)),
  statsPeriods: () => getJSON('/stats/periods'),
  statsSeries: (params) => getJSON('/stats/series' + query(params)),
  statsTargets: (params) => getJSON('/stats/targets' + query(params)),
  statsCrosswalk: (params) => getJSON('/stats/crosswalk' + query(params)),
  // Accounts (issue 6): sign in and out, the review queue, the audit trail.
  login: (name, password) => request('POST', '/login', { name, password }),
  logout: () => request('POST', '/logout', {}),
  review: (params) => getJSON('/review' + query(params)),
  approve: (id, comment) => request('POST', `/review/${encodeURIComponent(id)}/approve`, { comment }),
  reject: (id, comment) => request('POST', `/review/${encodeURIComponent(id)}/reject`, { comment }),
  audit: (params) => getJSON('/audit' + query(params)),
  auditUrl: (format, params) => apiUrl('/audit', { ...params, format }),
};

// Whether any record of these lists (first page, with the given filters) is demo data: the
// aggregate endpoints (completeness, progress, cultivation) do not say so themselves.
export async function anyDemo(lists, params = {}) {
  const pages = await Promise.all(lists.map((l) => api.list(l, { ...params, limit: 100 })));
  return pages.some((p) => (p.items || []).some((r) => r.demo === true));
}

// Industries and districts with lookups by id, for pages that show list records
// (which carry ids) and offer them in selects.
export async function loadRefs() {
  const [industries, districts] = await Promise.all([api.industries(), api.districts()]);
  return {
    industries,
    districts,
    industry: new Map(industries.map((i) => [i.id, i])),
    district: new Map(districts.map((d) => [d.id, d])),
  };
}
