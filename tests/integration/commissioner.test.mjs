// commissioner.test.mjs - the commissioner's view (GET /api/v1/commissioner, /commissioner/brief)
// on a hand-built industry: which projects, leads, items and lists need attention, as JSON and XLSX.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { describeRun, getJson, initDb, request, run, sqlite, startServer } from './lib.mjs';

const PROJECTS = `项目编号,项目名称,所属产业,所在区,总投资（万元）,开工日期,竣工日期,年度,年度计划投资（万元）,1月完成投资（万元）,2月完成投资（万元）,3月完成投资（万元）,4月完成投资（万元）,5月完成投资（万元）,6月完成投资（万元）,7月完成投资（万元）,8月完成投资（万元）,9月完成投资（万元）,10月完成投资（万元）,形象进度节点,项目状态
P1,甲项目,半导体与集成电路,南山区,1000,2025-01-01,2027-12-31,2025,100,10,10,10,10,10,10,,,,,,前期
P2,乙项目,半导体与集成电路,福田区,1000,2024-01-01,2027-12-31,2025,100,9,9,9,9,9,9,9,9,9,9,2024-01-01 开工；2025-09-30 主体封顶,在建
P3,丙项目,半导体与集成电路,宝安区,1000,2024-01-01,2027-12-31,,,,,,,,,,,,,,停缓建
P4,丁项目,半导体与集成电路,宝安区,1000,2023-01-01,2028-12-31,2025,100,9,9,9,9,9,9,9,9,9,9,2023-01-01 开工；2025-06-30 一期投产,在建
`;
const LEADS = `目标企业,所属产业,招商方式,当前阶段,线索日期,接洽日期,洽谈日期,签约日期,落地日期,责任人
甲公司,半导体与集成电路,精准招商,洽谈,2025-01-01,2025-03-01,2025-06-01,,,张三
乙公司,半导体与集成电路,精准招商,接洽,2025-09-01,2025-10-01,,,,李四
丙公司,半导体与集成电路,精准招商,落地,2024-01-01,2024-02-01,2024-03-01,2024-04-01,2024-05-01,王五
`;
const ORGS = `类型,名称,所属产业
专员,赵六,半导体与集成电路
基金,芯片基金,半导体与集成电路
`;

describe('commissioner API', () => {
  let dir;
  let db;
  let srv;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiqun-comm-'));
    db = await initDb(dir);
    for (const [list, text] of [['projects', PROJECTS], ['leads', LEADS], ['orgs', ORGS]]) {
      const f = path.join(dir, `${list}.csv`);
      fs.writeFileSync(f, text);
      const r = await run(['import', list, f, '--db', db]);
      assert.equal(r.status, 0, describeRun(r));
    }
    // 乙项目 was last written long ago.
    await sqlite(db, "UPDATE project SET updated_at = '2020-01-01T00:00:00Z' WHERE code = 'P2'");
    srv = await startServer({ db });
  });
  after(async () => {
    if (srv) await srv.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('what needs the commissioner of 半导体与集成电路 on 2025-10-31', async () => {
    const r = await getJson(srv.port, '/api/v1/commissioner?industry=semiconductor-ic&as_of=2025-10-31');
    assert.equal(r.status, 200, r.text);
    const c = r.json;
    assert.deepEqual(c.industry, { id: 'semiconductor-ic', name_zh: '半导体与集成电路' });
    assert.deepEqual(c.commissioners, ['赵六']);
    assert.deepEqual(c.settings, { lead_days: 60, stale_days: 90, stale_before: '2025-08-02' });
    // At 2025-10-31, 304 of 365 days (83.3 %) have passed. 甲: 60 of 100 = 60 %, 23 points
    // behind: red. 乙 and 丁: 90 %: on plan. 丙 has no plan.
    assert.deepEqual(c.projects_behind.map((p) => [p.code, p.status]), [['P1', 'red']]);
    assert.equal(c.projects_behind[0].ratio, 0.6);
    // Overdue: 甲 still 前期 after its start (2025-01-01); 丙 停缓建; 丁's 一期投产 (2025-06-30)
    // passed while 在建. 乙's passed milestones (开工, 主体封顶) agree with 在建.
    assert.deepEqual(c.projects_overdue.map((p) => [p.code, p.reason, p.date]),
      [['P1', 'not_started', '2025-01-01'], ['P3', 'stalled', ''], ['P4', 'not_finished', '2025-06-30']]);
    assert.equal(c.projects_overdue[2].milestone, '2025-06-30 一期投产');
    // Leads: 甲公司 in 洽谈 since 2025-06-01, 152 days (> 60); 乙公司 30 days; 丙公司 landed.
    assert.deepEqual(c.leads_stuck.map((l) => [l.target_name, l.stage, l.since, l.days, l.owner]),
      [['甲公司', '洽谈', '2025-06-01', 152, '张三']]);
    // Six and seven ones: leads, projects, the fund and the commissioner exist; 一集群 is the
    // industry itself; the rest are missing.
    assert.deepEqual(c.missing.map((m) => m.id), ['leading_list', 'innovation', 'policy_toolkit', 'consulting',
      'expo', 'forum', 'association', 'alliance', 'team', 'chain_chief']);
    // Stale: 乙项目 not written since 2020 (before 2025-08-02).
    assert.deepEqual(c.stale, [{ list: 'projects', title_zh: '重点投资项目清单', count: 1, oldest: '2020-01-01T00:00:00Z' }]);
    // A longer lead setting clears the stuck lead.
    const relaxed = await getJson(srv.port, '/api/v1/commissioner?industry=半导体与集成电路&as_of=2025-10-31&lead_days=200'.replace('半导体与集成电路', encodeURIComponent('半导体与集成电路')));
    assert.equal(relaxed.json.leads_stuck.length, 0);
    // Bad requests.
    for (const q of ['', '?industry=nosuch', '?industry=semiconductor-ic&lead_days=0', '?industry=semiconductor-ic&as_of=2025-13-01']) {
      assert.equal((await getJson(srv.port, `/api/v1/commissioner${q}`)).status, 400, q);
    }
  });

  test('the brief as XLSX: one row per item, in Chinese', async () => {
    const r = await request(srv.port, '/api/v1/commissioner/brief?industry=semiconductor-ic&as_of=2025-10-31');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(r.headers['content-disposition'], /commissioner-semiconductor-ic\.xlsx/);
    const f = path.join(dir, 'brief.xlsx');
    fs.writeFileSync(f, r.body);
    // The writer streams rows with inline strings: the sheet itself holds the text.
    const strings = spawnSync('unzip', ['-p', f, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' }).stdout;
    for (const s of ['半导体与集成电路 专员简报，截至 2025-10-31', '投资进度滞后', '甲项目', '节点逾期', '逾期未竣工',
      '招商线索停滞', '2025-06-01起停留152天', '六个一、七个一缺项', '数据陈旧', '1条超过90天未更新']) {
      assert.ok(strings.includes(s), `brief lacks ${s}`);
    }
  });
});
