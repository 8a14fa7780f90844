/*
 * lists.c - the definitions of the programme's lists, and the small generic pieces around them
 * (lookup, records, issues). Field order here is the column order of templates and exports.
 * Checks across fields live in checks.c; parsing and formatting of one value in field.c.
 */
#include "lists/lists.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "lists/lists_int.h"


#define N(a) (sizeof(a) / sizeof((a)[0]))
#define ALIASES(...) ((const char *const[]){__VA_ARGS__, NULL})
#define VALUES(...) ((const char *const[]){__VA_ARGS__, NULL})

static const char *const levels[] = {"国家级", "省级", "市级", "区级", NULL};

static const struct field_def enterprise_fields[] = {
	{"uscc", "统一社会信用代码", ALIASES("信用代码", "社会信用代码", "credit_code"), FT_USCC, true, true, NULL, 0},
	{"name", "企业名称", ALIASES("名称", "企业", "company"), FT_TEXT, true, false, NULL, 200},
	{"district", "所在区", ALIASES("所属区", "区", "辖区"), FT_DISTRICT, true, false, NULL, 0},
	{"park", "所在园区", ALIASES("园区"), FT_TEXT, false, false, NULL, 200},
	{"industry_code", "行业代码", ALIASES("国民经济行业代码", "国民经济行业分类代码", "行业分类代码"), FT_INDUSTRY_CODE, false, false, NULL, 0},
	{"business_scope", "经营范围", NULL, FT_TEXT, false, false, NULL, 4000},
	{"main_products", "主营产品", ALIASES("主要产品"), FT_TEXT, false, false, NULL, 1000},
	{"size", "企业规模", ALIASES("规模"), FT_ENUM, false, false, VALUES("大型", "中型", "小型", "微型"), 0},
	{"founded", "成立日期", ALIASES("成立时间", "注册日期"), FT_DATE, false, false, NULL, 0},
	{"leading", "龙头企业", NULL, FT_BOOL, false, false, NULL, 0},
	{"hidden_champion", "隐形冠军", NULL, FT_BOOL, false, false, NULL, 0},
	{"zjtx", "专精特新", ALIASES("专精特新等级"), FT_ENUM, false, false, VALUES("省级", "国家级小巨人"), 0},
	{"single_champion", "单项冠军", NULL, FT_BOOL, false, false, NULL, 0},
	{"unicorn", "独角兽", NULL, FT_BOOL, false, false, NULL, 0},
	{"high_tech", "国家高新技术企业", ALIASES("高新技术企业"), FT_BOOL, false, false, NULL, 0},
	{"above_scale", "规上企业", ALIASES("规模以上企业"), FT_BOOL, false, false, NULL, 0},
	{"listed_board", "上市板块", ALIASES("上市板"), FT_ENUM, false, false, VALUES("主板", "创业板", "科创板", "北交所", "港股", "境外"), 0},
	{"ticker", "股票代码", ALIASES("证券代码"), FT_TEXT, false, false, NULL, 20},
	{"stage", "培育阶段", ALIASES("发展阶段"), FT_ENUM, false, false, VALUES("个体户", "企业", "规上", "专精特新", "上市"), 0},
	{"date_enterprise", "转企日期", ALIASES("个转企日期"), FT_DATE, false, false, NULL, 0},
	{"date_above_scale", "升规日期", ALIASES("小升规日期", "规上日期"), FT_DATE, false, false, NULL, 0},
	{"date_zjtx", "专精特新认定日期", ALIASES("规做精日期"), FT_DATE, false, false, NULL, 0},
	{"date_listed", "上市日期", ALIASES("优上市日期"), FT_DATE, false, false, NULL, 0},
	{"lng", "经度（GCJ-02）", ALIASES("经度", "lng", "longitude"), FT_DECIMAL, false, false, NULL, 0},
	{"lat", "纬度（GCJ-02）", ALIASES("纬度", "lat", "latitude"), FT_DECIMAL, false, false, NULL, 0},
};

static const struct field_def listing_fields[] = {
	{"uscc", "统一社会信用代码", ALIASES("信用代码", "社会信用代码", "credit_code"), FT_USCC, true, true, NULL, 0},
	{"industry", "所属产业", ALIASES("产业集群", "产业", "集群"), FT_INDUSTRY, true, true, NULL, 0},
	{"role", "企业类别", ALIASES("清单类别", "类别"), FT_ENUM, true, true, VALUES("龙头企业", "隐形冠军", "链主企业", "重点企业", "独角兽", "专精特新"), 0},
	{"name", "企业名称", ALIASES("名称", "企业", "company"), FT_TEXT, false, false, NULL, 200},
	{"note", "备注", ALIASES("说明"), FT_TEXT, false, false, NULL, 1000},
};

static const struct field_def lead_fields[] = {
	{"target_name", "目标企业", ALIASES("企业名称", "招商对象"), FT_TEXT, true, true, NULL, 200},
	{"industry", "所属产业", ALIASES("产业集群", "产业"), FT_INDUSTRY, true, true, NULL, 0},
	{"target_uscc", "目标企业信用代码", ALIASES("统一社会信用代码"), FT_USCC, false, false, NULL, 0},
	{"origin", "来源地", ALIASES("企业所在地"), FT_TEXT, false, false, NULL, 100},
	{"chain_node", "产业链环节", ALIASES("产业链节点"), FT_TEXT, false, false, NULL, 200},
	{"channel", "招商方式", ALIASES("招商渠道"), FT_ENUM, true, false, VALUES("精准招商", "产业链招商", "以商招商"), 0},
	{"stage", "当前阶段", ALIASES("阶段", "进展阶段"), FT_ENUM, true, false, VALUES("线索", "接洽", "洽谈", "签约", "落地"), 0},
	{"date_clue", "线索日期", NULL, FT_DATE, false, false, NULL, 0},
	{"date_contact", "接洽日期", NULL, FT_DATE, false, false, NULL, 0},
	{"date_negotiate", "洽谈日期", NULL, FT_DATE, false, false, NULL, 0},
	{"date_signed", "签约日期", NULL, FT_DATE, false, false, NULL, 0},
	{"date_landed", "落地日期", NULL, FT_DATE, false, false, NULL, 0},
	{"expected_investment", "预计投资额（万元）", ALIASES("预计投资额", "投资额（万元）"), FT_AMOUNT, false, false, NULL, 0},
	{"district", "拟落地区", ALIASES("落地区"), FT_DISTRICT, false, false, NULL, 0},
	{"owner", "责任人", ALIASES("负责人"), FT_TEXT, false, false, NULL, 50},
	{"note", "备注", ALIASES("说明"), FT_TEXT, false, false, NULL, 1000},
};

static const struct field_def project_fields[] = {
	{"code", "项目编号", ALIASES("项目代码", "编号"), FT_TEXT, true, true, NULL, 50},
	{"name", "项目名称", ALIASES("名称"), FT_TEXT, true, false, NULL, 200},
	{"industry", "所属产业", ALIASES("产业集群", "产业"), FT_INDUSTRY, true, false, NULL, 0},
	{"district", "所在区", ALIASES("所属区", "区"), FT_DISTRICT, true, false, NULL, 0},
	{"park", "所在园区", ALIASES("园区"), FT_TEXT, false, false, NULL, 200},
	{"investor", "投资主体", ALIASES("建设单位", "业主单位"), FT_TEXT, false, false, NULL, 200},
	{"total_investment", "总投资（万元）", ALIASES("总投资"), FT_AMOUNT, true, false, NULL, 0},
	{"start_date", "开工日期", ALIASES("开工时间"), FT_DATE, false, false, NULL, 0},
	{"end_date", "竣工日期", ALIASES("竣工时间", "完工日期"), FT_DATE, false, false, NULL, 0},
	{"year", "年度", ALIASES("计划年度"), FT_INT, false, false, NULL, 0},
	{"annual_plan", "年度计划投资（万元）", ALIASES("年度计划投资"), FT_AMOUNT, false, false, NULL, 0},
	{"m01", "1月完成投资（万元）", NULL, FT_AMOUNT, false, false, NULL, 0},
	{"m02", "2月完成投资（万元）", NULL, FT_AMOUNT, false, false, NULL, 0},
	{"m03", "3月完成投资（万元）", NULL, FT_AMOUNT, false, false, NULL, 0},
	{"m04", "4月完成投资（万元）", NULL, FT_AMOUNT, false, false, NULL, 0},
	{"m05", "5月完成投资（万元）", NULL, FT_AMOUNT, false, false, NULL, 0},
	{"m06", "6月完成投资（万元）", NULL, FT_AMOUNT, false, false, NULL, 0},
	{"m07", "7月完成投资（万元）", NULL, FT_AMOUNT, false, false, NULL, 0},
	{"m08", "8月完成投资（万元）", NULL, FT_AMOUNT, false, false, NULL, 0},
	{"m09", "9月完成投资（万元）", NULL, FT_AMOUNT, false, false, NULL, 0},
	{"m10", "10月完成投资（万元）", NULL, FT_AMOUNT, false, false, NULL, 0},
	{"m11", "11月完成投资（万元）", NULL, FT_AMOUNT, false, false, NULL, 0},
	{"m12", "12月完成投资（万元）", NULL, FT_AMOUNT, false, false, NULL, 0},
	{"milestones", "形象进度节点", ALIASES("节点", "里程碑"), FT_TEXT, false, false, NULL, 2000},
	{"status", "项目状态", ALIASES("状态"), FT_ENUM, true, false, VALUES("前期", "在建", "竣工", "停缓建"), 0},
	{"lng", "经度（GCJ-02）", ALIASES("经度", "lng", "longitude"), FT_DECIMAL, false, false, NULL, 0},
	{"lat", "纬度（GCJ-02）", ALIASES("纬度", "lat", "latitude"), FT_DECIMAL, false, false, NULL, 0},
};

static const struct field_def platform_fields[] = {
	{"name", "平台名称", ALIASES("名称"), FT_TEXT, true, true, NULL, 200},
	{"type", "平台类型", ALIASES("类型"), FT_ENUM, true, false,
	 VALUES("国家实验室", "省实验室", "制造业创新中心", "技术创新中心", "工程研究中心", "重点实验室",
	        "概念验证中心", "中试基地", "公共技术服务平台", "新型研发机构", "高校", "学科"), 0},
	{"level", "级别", NULL, FT_ENUM, false, false, levels, 0},
	{"industry", "所属产业", ALIASES("产业集群", "产业"), FT_INDUSTRY, true, false, NULL, 0},
	{"district", "所在区", ALIASES("所属区", "区"), FT_DISTRICT, false, false, NULL, 0},
	{"host", "依托单位", ALIASES("建设单位"), FT_TEXT, false, false, NULL, 200},
	{"established", "认定日期", ALIASES("成立日期"), FT_DATE, false, false, NULL, 0},
	{"note", "备注", ALIASES("说明"), FT_TEXT, false, false, NULL, 1000},
	{"lng", "经度（GCJ-02）", ALIASES("经度", "lng", "longitude"), FT_DECIMAL, false, false, NULL, 0},
	{"lat", "纬度（GCJ-02）", ALIASES("纬度", "lat", "latitude"), FT_DECIMAL, false, false, NULL, 0},
};

static const struct field_def policy_fields[] = {
	{"title", "政策名称", ALIASES("名称", "文件名称"), FT_TEXT, true, true, NULL, 300},
	{"issuer", "发文单位", ALIASES("发布单位"), FT_TEXT, true, false, NULL, 200},
	{"doc_no", "文号", ALIASES("发文字号"), FT_TEXT, false, false, NULL, 100},
	{"date", "发布日期", ALIASES("印发日期"), FT_DATE, false, false, NULL, 0},
	{"industries", "适用产业", ALIASES("所属产业", "产业"), FT_INDUSTRIES, true, false, NULL, 0},
	{"measures", "主要措施", ALIASES("政策措施"), FT_TEXT, false, false, NULL, 4000},
	{"amount", "支持金额（万元）", ALIASES("支持金额"), FT_AMOUNT, false, false, NULL, 0},
};

static const struct field_def org_fields[] = {
	{"type", "类型", ALIASES("机构类型"), FT_ENUM, true, true,
	 VALUES("基金", "展会", "论坛", "协会", "联盟", "团队", "咨询机构", "链长", "专员"), 0},
	{"name", "名称", ALIASES("机构名称", "姓名"), FT_TEXT, true, true, NULL, 200},
	{"industry", "所属产业", ALIASES("产业集群", "产业"), FT_INDUSTRY, true, true, NULL, 0},
	{"level", "级别", ALIASES("层级"), FT_ENUM, false, false, levels, 0},
	{"district", "所在区", ALIASES("所属区"), FT_DISTRICT, false, false, NULL, 0},
	{"size", "规模（万元）", ALIASES("基金规模（万元）", "规模"), FT_AMOUNT, false, false, NULL, 0},
	{"paid_in", "实缴（万元）", ALIASES("实缴规模（万元）"), FT_AMOUNT, false, false, NULL, 0},
	{"invested", "已投金额（万元）", ALIASES("已投资金额（万元）"), FT_AMOUNT, false, false, NULL, 0},
	{"invest_count", "已投项目数", NULL, FT_INT, false, false, NULL, 0},
	{"last_invest_date", "最近投资日期", NULL, FT_DATE, false, false, NULL, 0},
	{"date", "成立或举办日期", ALIASES("成立日期", "举办日期"), FT_DATE, false, false, NULL, 0},
	{"contact", "负责人", ALIASES("联系人"), FT_TEXT, false, false, NULL, 100},
	{"detail", "说明", ALIASES("备注", "简介"), FT_TEXT, false, false, NULL, 2000},
};

/* A fund's investments one by one; the fund is an org of type 基金 with the same name and industry. */
static const struct field_def fund_investment_fields[] = {
	{"fund", "基金名称", ALIASES("基金", "fund_name"), FT_TEXT, true, true, NULL, 200},
	{"industry", "所属产业", ALIASES("产业集群", "产业"), FT_INDUSTRY, true, true, NULL, 0},
	{"investee", "被投企业", ALIASES("被投资企业", "投资标的"), FT_TEXT, true, true, NULL, 200},
	{"investee_uscc", "被投企业信用代码", ALIASES("被投企业统一社会信用代码"), FT_USCC, false, false, NULL, 0},
	{"date", "投资日期", ALIASES("出资日期"), FT_DATE, true, true, NULL, 0},
	{"amount", "投资金额（万元）", ALIASES("投资金额", "出资金额（万元）"), FT_AMOUNT, true, false, NULL, 0},
	{"round", "投资轮次", ALIASES("轮次"), FT_TEXT, false, false, NULL, 50},
	{"district", "被投企业所在区", NULL, FT_DISTRICT, false, false, NULL, 0},
	{"note", "备注", NULL, FT_TEXT, false, false, NULL, 2000},
};

/* The advanced manufacturing parks of policy 四（二）, their zones and their progress. */
static const struct field_def park_fields[] = {
	{"name", "园区名称", ALIASES("名称", "园区"), FT_TEXT, true, true, NULL, 200},
	{"district", "所在区", ALIASES("所属区", "区"), FT_DISTRICT, true, false, NULL, 0},
	{"industries", "主导产业", ALIASES("所属产业", "产业"), FT_INDUSTRIES, false, false, NULL, 0},
	{"planned_area", "规划面积（平方公里）", ALIASES("规划面积", "面积（平方公里）"), FT_DECIMAL, false, false, NULL, 0},
	{"lng", "中心点经度（GCJ-02）", ALIASES("经度（GCJ-02）", "经度", "lng"), FT_DECIMAL, false, false, NULL, 0},
	{"lat", "中心点纬度（GCJ-02）", ALIASES("纬度（GCJ-02）", "纬度", "lat"), FT_DECIMAL, false, false, NULL, 0},
	{"note", "备注", ALIASES("说明"), FT_TEXT, false, false, NULL, 1000},
};

static const struct field_def park_zone_fields[] = {
	{"park", "园区名称", ALIASES("园区"), FT_TEXT, true, true, NULL, 200},
	{"zone_type", "片区类型", ALIASES("类型", "片区"), FT_ENUM, true, true, VALUES("启动区", "拓展区", "储备区"), 0},
	{"area", "面积（平方公里）", ALIASES("面积"), FT_DECIMAL, false, false, NULL, 0},
	{"boundary", "边界（GeoJSON，GCJ-02）", ALIASES("边界", "边界（GeoJSON）", "boundary"), FT_TEXT, false, false, NULL, PARK_BOUNDARY_MAX},
};

static const struct field_def park_progress_fields[] = {
	{"park", "园区名称", ALIASES("园区"), FT_TEXT, true, true, NULL, 200},
	{"period", "报告期", ALIASES("期间", "时期"), FT_TEXT, true, true, NULL, 16},
	{"land_consolidated", "累计完成土地整备（平方公里）", ALIASES("土地整备（平方公里）", "整备面积"), FT_DECIMAL, false, false, NULL, 0},
	{"custom_factory", "累计建成定制化厂房（万平方米）", ALIASES("定制化厂房（万平方米）", "定制化厂房"), FT_DECIMAL, false, false, NULL, 0},
	{"note", "备注", ALIASES("说明"), FT_TEXT, false, false, NULL, 1000},
};

static const struct list_def enterprises = {"enterprises", "企业名录", "enterprise", enterprise_fields, N(enterprise_fields), lists_check_enterprise};
static const struct list_def listings = {"listings", "龙头和隐形冠军企业清单", "listing", listing_fields, N(listing_fields), NULL};
static const struct list_def leads = {"leads", "招商引资清单", "lead", lead_fields, N(lead_fields), lists_check_lead};
static const struct list_def projects = {"projects", "重点投资项目清单", "project", project_fields, N(project_fields), lists_check_project};
static const struct list_def platforms = {"platforms", "科技创新体系", "platform", platform_fields, N(platform_fields), lists_check_platform};
static const struct list_def policies = {"policies", "政策工具包", "policy", policy_fields, N(policy_fields), NULL};
static const struct list_def orgs = {"orgs", "基金、展会、论坛、协会、联盟、团队、咨询机构、链长和专员", "org", org_fields, N(org_fields), lists_check_org};
static const struct list_def parks = {"parks", "先进制造业园区", "park", park_fields, N(park_fields), lists_check_park};
static const struct list_def park_zones = {"park_zones", "园区片区（启动区、拓展区、储备区）", "park_zone", park_zone_fields, N(park_zone_fields), lists_check_park_zone};
static const struct list_def park_progress = {"park_progress", "园区进展（土地整备、定制化厂房）", "park_progress", park_progress_fields, N(park_progress_fields), lists_check_park_progress};
static const struct list_def fund_investments = {"fund_investments", "基金投资明细", "fund_investment", fund_investment_fields, N(fund_investment_fields), NULL};

const struct list_def *const lists_all[] = {
	&enterprises, &listings, &leads, &projects, &platforms, &policies, &orgs, &fund_investments,
	&parks, &park_zones, &park_progress, NULL,
};

const struct list_def *list_find(const char *name)
{
	for (size_t i = 0; lists_all[i]; i++)
		if (strcmp(lists_all[i]->name, name) == 0)
			return lists_all[i];
	return NULL;
}

/*
 * Checks look fields up by name for every row of an import, mostly with string literals: a small
 * per-thread cache keyed by (list, name pointer) answers those with one strcmp that confirms the
 * hit (a reused pointer to other text simply misses).
 */
int list_field_index(const struct list_def *l, const char *name)
{
	static _Thread_local struct {
		const struct list_def *l;
		const char *name;
		int idx;
	} cache[128];
	/* Literals such as "lng" and "lat" lie a few bytes apart: mix every bit of both pointers. */
	uint64_t h = ((uint64_t)(uintptr_t)name ^ ((uint64_t)(uintptr_t)l << 17)) * 0x9E3779B97F4A7C15ULL;
	size_t slot = (size_t)(h >> 57);
	if (cache[slot].l == l && cache[slot].name == name &&
	    strcmp(l->fields[cache[slot].idx].name, name) == 0)
		return cache[slot].idx;
	for (size_t i = 0; i < l->n_fields; i++)
		if (strcmp(l->fields[i].name, name) == 0) {
			cache[slot].l = l;
			cache[slot].name = name;
			cache[slot].idx = (int)i;
			return (int)i;
		}
	return -1;
}

/* Trim ASCII white space, full-width spaces (U+3000) and a BOM from both ends into out. */
static void trim(const char *s, char *out, size_t size)
{
	static const char *const junk[] = {" ", "\t", "\r", "\n", "\xe3\x80\x80", "\xef\xbb\xbf"};
	size_t len = strlen(s);
	bool moved = true;
	while (moved) {
		moved = false;
		for (size_t j = 0; j < N(junk); j++) {
			size_t n = strlen(junk[j]);
			if (len >= n && memcmp(s, junk[j], n) == 0) {
				s += n;
				len -= n;
				moved = true;
			}
			if (len >= n && memcmp(s + len - n, junk[j], n) == 0) {
				len -= n;
				moved = true;
			}
		}
	}
	if (len >= size)
		len = size - 1;
	memcpy(out, s, len);
	out[len] = '\0';
}

int list_field_for_header(const struct list_def *l, const char *header)
{
	char h[256];
	trim(header, h, sizeof h);
	for (size_t i = 0; i < l->n_fields; i++) {
		const struct field_def *f = &l->fields[i];
		if (strcmp(h, f->header_zh) == 0 || strcmp(h, f->name) == 0)
			return (int)i;
		for (size_t j = 0; f->aliases && f->aliases[j]; j++)
			if (strcmp(h, f->aliases[j]) == 0)
				return (int)i;
	}
	return -1;
}

void record_init(struct record *r, const struct list_def *l)
{
	r->n = l->n_fields;
	r->v = xcalloc(r->n, sizeof *r->v);
	for (size_t i = 0; i < r->n; i++)
		r->v[i].null = true;
	r->row = 0;
	r->id = 0;
	r->source = NULL;
}

void record_free(struct record *r)
{
	if (r == NULL || r->v == NULL)
		return;
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].text);
	free(r->v);
	free(r->source);
	r->source = NULL;
	r->v = NULL;
	r->n = 0;
}

void issues_add(struct issues *is, unsigned row, const char *column, const char *value,
                const char *code, const char *fmt, ...)
{
	if (is->n == is->cap) {
		is->cap = is->cap ? is->cap * 2 : 16;
		is->items = xrealloc(is->items, is->cap * sizeof *is->items);
	}
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	struct issue *it = &is->items[is->n++];
	it->row = row;
	it->column = xstrdup(column ? column : "");
	it->value = xstrdup(value ? value : "");
	it->code = code;
	it->message = xstrdup(msg);
}

void issues_free(struct issues *is)
{
	if (is == NULL)
		return;
	for (size_t i = 0; i < is->n; i++) {
		free(is->items[i].column);
		free(is->items[i].value);
		free(is->items[i].message);
	}
	free(is->items);
	is->items = NULL;
	is->n = is->cap = 0;
}

char *record_key(const struct list_def *l, const struct record *r)
{
	size_t cap = 1;
	for (size_t i = 0; i < l->n_fields; i++)
		if (l->fields[i].key)
			cap += (r->v[i].text ? strlen(r->v[i].text) : 32) + 1;
	char *k = xmalloc(cap);
	size_t len = 0;
	for (size_t i = 0; i < l->n_fields; i++) {
		if (!l->fields[i].key)
			continue;
		char num[32] = "";
		const char *s = r->v[i].null ? "" : r->v[i].text;
		if (!r->v[i].null && s == NULL) {
			(void)snprintf(num, sizeof num, "%.17g", r->v[i].num);
			s = num;
		}
		size_t n = strlen(s);
		memcpy(k + len, s, n);
		len += n;
		k[len++] = '\x1f';
	}
	k[len] = '\0';
	return k;
}
