// api.js - fetch JSON from the Jiqun API (/api/v1/...) with uniform error handling.
// Every failure becomes an ApiError whose message is fit to show after "数据加载失败：".

export class ApiError extends Error {
  constructor(message, status = 0, code = '') {
    super(message);
    this.name = 'ApiError';
    this.status = status; // HTTP status, 0 for network failures
    this.code = code;     // the API's error.code, e.g. "not_found"
  }
}

const BASE = '/api/v1';

export async function getJSON(path) {
  let res;
  try {
    res = await fetch(BASE + path, { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new ApiError(`网络错误（${e.message}）`);
  }
  let body = null;
  try {
    body = await res.json();
  } catch {
    if (res.ok) throw new ApiError(`响应不是有效的 JSON（${path}）`, res.status);
  }
  if (!res.ok) {
    const err = body && body.error;
    const msg = err && err.message ? err.message : `HTTP ${res.status}`;
    throw new ApiError(msg, res.status, (err && err.code) || '');
  }
  return body;
}

function query(params) {
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

export const api = {
  programme: () => getJSON('/programme'),
  industries: (params) => getAll('/industries', params),
  industry: (id) => getJSON(`/industries/${encodeURIComponent(id)}`),
  districts: () => getAll('/districts'),
};
