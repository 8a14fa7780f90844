// report-download.js - the 下载报告 control on the stats page: a link to GET /api/v1/report for the
// period chosen in #period and the format chosen in #report-format (the semi-annual report, the
// same document `jiqun report` writes). Kept apart from stats.js: it only reads the two selects.
const period = document.getElementById('period');
const format = document.getElementById('report-format');
const link = document.getElementById('report-download');

function update() {
  const u = new URL('/api/v1/report', location.origin);
  u.searchParams.set('period', period.value);
  u.searchParams.set('format', format.value);
  link.href = u.pathname + u.search;
  link.setAttribute('download', `jiqun-report-${period.value}.${format.value}`);
  link.setAttribute('aria-disabled', period.value ? 'false' : 'true');
}

period.addEventListener('change', update);
format.addEventListener('change', update);
// The link is brought up to date when clicked too, whatever set the period meanwhile.
link.addEventListener('click', update);
// The periods are filled by stats.js after it loads them; follow the select until then.
new MutationObserver(update).observe(period, { childList: true });
update();
