/*
 * sample.c - the hand-made report doc of sample.h: every block kind, Chinese text, long labels,
 * missing figures, a table longer than a page, and hostile text in a cell.
 */
#include "report/sample.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

static const char *const industry_names[28] = {
	"网络与通信", "半导体与集成电路", "超高清视频显示", "智能终端", "智能传感器",
	"软件与信息服务", "数字创意", "现代时尚", "工业母机", "智能机器人",
	"激光与增材制造", "精密仪器设备", "新能源", "安全节能环保", "智能网联汽车",
	"新材料", "高端医疗器械", "生物医药", "大健康", "海洋产业",
	"合成生物", "区块链", "细胞与基因", "空天技术", "脑科学与类脑智能",
	"深地深海", "可见光通信与光计算", "量子信息"};

static const char *const districts[11] = {"福田区", "罗湖区", "南山区", "盐田区", "宝安区",
                                          "龙岗区", "龙华区", "坪山区", "光明区", "大鹏新区",
                                          "深汕特别合作区"};

/* A deterministic "random" figure in [0, 1) from two integers. */
static double pseudo(int a, int b)
{
	unsigned x = (unsigned)a * 2654435761u ^ (unsigned)b * 40503u;
	x ^= x >> 13;
	x *= 0x5bd1e995u;
	x ^= x >> 15;
	return (double)(x % 10000u) / 10000.0;
}

static void summary(struct doc *d)
{
	doc_add_heading(d, 1, "s1", "一、总体情况");
	doc_add_text(d, DOC_PARAGRAPH,
	             "上半年，全市战略性新兴产业增加值7,712.34亿元，同比增长8.6%，占地区生产总值比重"
	             "42.1%，较上年同期提高0.8个百分点。20个产业集群中，网络与通信、新能源、智能终端"
	             "三个集群增加值超过千亿元，半导体与集成电路集群增速最快，达到21.3%。本段文字较长，"
	             "用于检验中文段落在页面宽度内的自动换行与标点避头尾处理是否正常（这是示例数据）。");
	doc_add_text(d, DOC_BULLET, "战略性新兴产业增加值占GDP比重达到42.1%，距2025年目标差0.9个百分点。");
	doc_add_text(d, DOC_BULLET, "规模以上工业企业新增386家，其中“小升规”企业214家。");
	doc_add_text(d, DOC_BULLET, "重点项目完成投资1,236.58亿元，12个项目进度滞后。");
	struct doc_block *b = doc_add_text(d, DOC_PARAGRAPH,
	                                   "经复核，一季度新材料集群增加值由182.40亿元修订为179.95亿元。");
	b->revised = true;

	const char *gs[] = {"战新产业增加值占GDP比重"};
	const char *gc[] = {"2025H1"};
	struct doc_chart *g = &doc_add_chart(d, DOC_CHART_GAUGE, "图1 战新产业增加值占GDP比重",
	                                     "%", "深圳市统计局", 1, gs, 1, gc)->chart;
	doc_chart_set(g, 0, 0, 42.1);
	doc_chart_target(g, 43.0, "2025年目标");

	const char *ts[] = {"增加值", "增速"};
	const char *tc[] = {"2022H1", "2022H2", "2023H1", "2023H2", "2024H1", "2024H2", "2025H1"};
	struct doc_chart *t = &doc_add_chart(d, DOC_CHART_LINE, "图2 战新产业增加值走势", "亿元",
	                                     "深圳市统计局", 1, ts, 7, tc)->chart;
	double tv[] = {6012.3, 6588.1, 6501.7, 7102.9, 7089.4, NAN, 7712.34};
	for (size_t i = 0; i < 7; i++)
		doc_chart_set(t, 0, i, tv[i]);

	const char *rs[] = {"2024H1", "2025H1"};
	const char *rc[8];
	for (size_t i = 0; i < 8; i++)
		rc[i] = industry_names[i];
	struct doc_chart *r = &doc_add_chart(d, DOC_CHART_HBAR, "图3 各集群增加值排名（前8）",
	                                     "亿元", "深圳市统计局；集群口径见附录", 2, rs, 8,
	                                     rc)->chart;
	for (size_t i = 0; i < 8; i++) {
		doc_chart_set(r, 0, i, 1400 - 150.0 * (double)i + 37 * pseudo((int)i, 1));
		doc_chart_set(r, 1, i, 1500 - 160.0 * (double)i + 41 * pseudo((int)i, 2));
	}
	doc_chart_target(r, 1000, "千亿元");
	doc_add_text(d, DOC_NOTE, "注：增加值按现价计算，增速按可比价计算。");

	/* all 28 industries: a long ranking, and contributions with negative values */
	struct doc_chart *all = &doc_add_chart(d, DOC_CHART_HBAR, "图4 各产业增加值排名", "亿元",
	                                       "深圳市统计局", 1, (const char *const[]){"增加值"},
	                                       28, industry_names)->chart;
	for (size_t i = 0; i < 28; i++)
		doc_chart_set(all, 0, i, i == 27 ? NAN : 1500.0 / (1.0 + (double)i * 0.4));
	struct doc_chart *con = &doc_add_chart(d, DOC_CHART_BAR, "图5 各产业对增长的贡献",
	                                       "个百分点", "深圳市统计局", 1,
	                                       (const char *const[]){"贡献"}, 28,
	                                       industry_names)->chart;
	for (size_t i = 0; i < 28; i++)
		doc_chart_set(con, 0, i, -0.3 + 1.2 * pseudo((int)i, 90));
	const char *ps[] = {"计算值", "发布值"};
	const char *pc[] = {"2022年上半年", "2022年下半年", "2023年上半年", "2023年下半年",
	                    "2024年上半年", "2024年下半年", "2025年上半年"};
	struct doc_chart *two = &doc_add_chart(d, DOC_CHART_LINE, "图6 增加值：计算与发布", "亿元",
	                                       "深圳市统计局", 2, ps, 7, pc)->chart;
	for (size_t i = 0; i < 7; i++) {
		doc_chart_set(two, 0, i, 6000 + 280.0 * (double)i);
		doc_chart_set(two, 1, i, i == 6 ? NAN : 6050 + 270.0 * (double)i);
	}
	doc_add_page_break(d);
}

static void industry(struct doc *d, int k, const char *lang)
{
	char anchor[32], title[128], sheet[32], cap[160];
	const char *name = industry_names[k % 28];
	(void)snprintf(anchor, sizeof(anchor), "s2-%d", k + 1);
	(void)snprintf(title, sizeof(title), "（%d）%s", k + 1, name);
	doc_add_heading(d, 2, anchor, title);
	doc_addf(d, DOC_PARAGRAPH,
	         "上半年，%s集群实现增加值%.2f亿元，同比增长%.1f%%；规模以上企业%d家，"
	         "重点项目%d个，其中进度滞后%d个。%s",
	         name, 120 + 900 * pseudo(k, 3), -3 + 20 * pseudo(k, 4), 40 + (int)(300 * pseudo(k, 5)),
	         5 + k % 9, k % 3, strcmp(lang, "en") == 0 ? "(sample text)" : "（示例数据）");

	(void)snprintf(anchor, sizeof(anchor), "s2-%d-1", k + 1);
	doc_add_heading(d, 3, anchor, "主要指标");
	const char *h[] = {"指标", "本期（亿元）", "上年同期（亿元）", "同比增长（%）", "占全市比重（%）"};
	enum doc_numfmt f[] = {DOC_NUM_INT, DOC_NUM_D2, DOC_NUM_D2, DOC_NUM_PCT1, DOC_NUM_PCT1};
	(void)snprintf(sheet, sizeof(sheet), "集群%02d指标", k + 1);
	(void)snprintf(cap, sizeof(cap), "表%d-1 %s集群主要指标", k + 1, name);
	static const char *const inds[] = {"增加值", "营业收入", "工业总产值", "固定资产投资",
	                                   "研发投入", "出口额"};
	struct doc_table *t = &doc_add_table(d, sheet, cap, "深圳市统计局；集群统计监测", 5, h, f,
	                                     6)->table;
	for (size_t r = 0; r < 6; r++) {
		doc_table_set_text(t, r, 0, inds[r]);
		double cur = 50 + 3000 * pseudo(k, (int)r + 10);
		double prev = cur / (1 + (-0.05 + 0.25 * pseudo(k, (int)r + 20)));
		doc_table_set_num(t, r, 1, cur);
		doc_table_set_num(t, r, 2, r == 5 && k % 4 == 0 ? NAN : prev);
		doc_table_set_num(t, r, 3, r == 5 && k % 4 == 0 ? NAN : (cur / prev - 1) * 100);
		doc_table_set_num(t, r, 4, 30 * pseudo(k, (int)r + 30));
	}

	const char *bs[] = {"2024H1", "2025H1"};
	(void)snprintf(cap, sizeof(cap), "图%d-1 %s集群各区增加值", k + 1, name);
	struct doc_chart *c = &doc_add_chart(d, DOC_CHART_BAR, cap, "亿元", "各区统计局", 2, bs, 11,
	                                     districts)->chart;
	for (size_t i = 0; i < 11; i++) {
		doc_chart_set(c, 0, i, 200 * pseudo(k, (int)i + 40));
		doc_chart_set(c, 1, i, i == 10 ? NAN : 220 * pseudo(k, (int)i + 50));
	}
	const char *ls[] = {"同比增速"};
	const char *lc[] = {"2023H1", "2023H2", "2024H1", "2024H2", "2025H1"};
	(void)snprintf(cap, sizeof(cap), "图%d-2 %s集群增加值增速", k + 1, name);
	c = &doc_add_chart(d, DOC_CHART_LINE, cap, "%", "深圳市统计局", 1, ls, 5, lc)->chart;
	for (size_t i = 0; i < 5; i++)
		doc_chart_set(c, 0, i, -4 + 24 * pseudo(k, (int)i + 60));
	doc_chart_target(c, 10, "年度目标");
	if (k % 2 == 0) {
		const char *ps[] = {"完成投资"};
		const char *pc[] = {"某某智能制造产业园二期工程建设项目", "新一代通信设备研发总部",
		                    "先进封装测试基地", "化合物半导体生产线", "智能终端产业园"};
		(void)snprintf(cap, sizeof(cap), "图%d-3 %s集群重点项目完成投资", k + 1, name);
		c = &doc_add_chart(d, DOC_CHART_HBAR, cap, "亿元", "市发展改革委", 1, ps, 5, pc)->chart;
		for (size_t i = 0; i < 5; i++)
			doc_chart_set(c, 0, i, 80 - 14.0 * (double)i + 5 * pseudo(k, (int)i));
		(void)snprintf(sheet, sizeof(sheet), "集群%02d项目", k + 1);
		(void)snprintf(cap, sizeof(cap), "表%d-2 %s集群重点项目", k + 1, name);
		const char *ph[] = {"项目", "所在区", "计划投资（亿元）", "完成（亿元）", "状态"};
		enum doc_numfmt pf[] = {DOC_NUM_INT, DOC_NUM_INT, DOC_NUM_D2, DOC_NUM_D2, DOC_NUM_INT};
		t = &doc_add_table(d, sheet, cap, "市发展改革委重大项目库", 5, ph, pf, 5)->table;
		for (size_t r = 0; r < 5; r++) {
			doc_table_set_text(t, r, 0, pc[r]);
			doc_table_set_text(t, r, 1, districts[(k + (int)r) % 11]);
			doc_table_set_num(t, r, 2, 100 + 50 * pseudo(k, (int)r + 70));
			doc_table_set_num(t, r, 3, 80 - 14.0 * (double)r + 5 * pseudo(k, (int)r));
			doc_table_set_text(t, r, 4, r == 2 ? "滞后" : "正常");
		}
	}
}

static void appendix(struct doc *d)
{
	doc_add_heading(d, 1, "s9", "附录");
	doc_add_heading(d, 2, "s9-1", "附表1 企业明细（示例）");
	const char *h[] = {"序号", "企业名称", "所属集群", "所在区", "营业收入（亿元）", "增速（%）"};
	enum doc_numfmt f[] = {DOC_NUM_INT, DOC_NUM_INT, DOC_NUM_INT, DOC_NUM_INT, DOC_NUM_D2,
	                       DOC_NUM_PCT1};
	struct doc_block *b = doc_add_table(d, "附表1", "附表1 重点企业营业收入", "企业联系平台", 6,
	                                    h, f, 120);
	b->revised = true;
	struct doc_table *t = &b->table;
	char name[96];
	for (size_t r = 0; r < 120; r++) {
		doc_table_set_num(t, r, 0, (double)(r + 1));
		(void)snprintf(name, sizeof(name), "深圳市示例科技有限公司%03zu", r + 1);
		doc_table_set_text(t, r, 1, r == 7 ? SAMPLE_INJECTION : name);
		doc_table_set_text(t, r, 2, industry_names[r % 28]);
		doc_table_set_text(t, r, 3, districts[r % 11]);
		doc_table_set_num(t, r, 4, 1 + 500 * pseudo((int)r, 80));
		doc_table_set_num(t, r, 5, r % 17 == 3 ? NAN : -10 + 40 * pseudo((int)r, 81));
	}
	doc_add_text(d, DOC_NOTE, "注：“—”表示无数据。标注（修订）的内容较上期报告有修订。");
	const char *es[] = {"无数据"};
	doc_add_chart(d, DOC_CHART_BAR, "图A-1 空图表", "个", "", 1, es, 0, NULL);
}

void sample_doc(struct doc *d, int industries, const char *lang)
{
	bool en = lang && strcmp(lang, "en") == 0;
	doc_init(d, "深圳市“20+8”产业集群发展滚动报告（2025年上半年）", "2025H1", en ? "en" : "zh",
	         "2025-08-01T00:00:00Z");
	free(d->subtitle);
	d->subtitle = xstrdup("示例文档 · 渲染测试");
	summary(d);
	if (industries < 1)
		industries = 1;
	if (industries > 28)
		industries = 28;
	doc_add_heading(d, 1, "s2", "二、产业集群");
	for (int k = 0; k < industries; k++)
		industry(d, k, lang ? lang : "zh");
	appendix(d);
}
