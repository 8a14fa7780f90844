/*
 * demo_lists.c - the demo's other lists: investment leads with stage dates in order, key projects
 * with 2025 monthly investment ahead of, on or behind plan, innovation platforms, policies (per
 * industry and spanning several) and the organisations of each industry, leaving out the gaps
 * demo.h documents.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"
#include "demo/demo_int.h"

static bool skip(const struct demo_ind *d, const char *list, const char *kind)
{
	return demo_is_gap(list, kind, d->ind->id);
}

static const struct demo_ent *some_ent(struct demo_gen *g, const struct demo_ind *d)
{
	return d->n_ents ? &g->ents[d->ents[demo_below(g, d->n_ents)]] : NULL;
}

static const char *topic(struct demo_gen *g, const struct demo_ind *d)
{
	return demo_pick(g, d->pf->topics, DEMO_N(d->pf->topics));
}

static const char *product(struct demo_gen *g, const struct demo_ind *d)
{
	return demo_pick(g, d->pf->products, DEMO_N(d->pf->products));
}

/* A chain node: one of the clause's segments or technologies, else a topic. */
static const char *chain_node(struct demo_gen *g, const struct demo_ind *d)
{
	const struct industry *ind = d->ind;
	size_t n = ind->segments.n + ind->technologies.n;
	if (n == 0)
		return topic(g, d);
	size_t k = demo_below(g, n);
	return k < ind->segments.n ? ind->segments.items[k]
	                           : ind->technologies.items[k - ind->segments.n];
}

/* Round to a multiple of `step` (in 万元). */
static double round_to(double v, double step)
{
	return floor(v / step + 0.5) * step;
}

/* ---- leads ---- */

static enum err_code lead(struct demo_gen *g, const struct demo_ind *d, struct err *e)
{
	static const char *const stages[] = {"线索", "接洽", "洽谈", "签约", "落地"};
	static const char *const dates[] = {"date_clue", "date_contact", "date_negotiate",
	                                    "date_signed", "date_landed"};
	static const int weights[] = {30, 25, 20, 15, 10};
	const struct demo_origin *o = &demo_origins[demo_below(g, demo_n_origins)];
	char name[256];
	do {
		const char *brand = demo_brands[demo_below(g, demo_n_brands)];
		const char *word = demo_pick(g, d->pf->words, DEMO_N(d->pf->words));
		if (o->division)
			(void)snprintf(name, sizeof name, "%s%s%s%s", o->city, brand, word,
			               demo_chance(g, 30) ? "股份有限公司" : "有限公司");
		else
			(void)snprintf(name, sizeof name, "%s%s（%s）有限公司", brand, word, o->city);
	} while (!demo_name_add(g, name));

	struct demo_row r;
	demo_row_init(&r, list_find("leads"));
	demo_row_set(&r, "target_name", "%s", name);
	demo_row_set(&r, "industry", "%s", d->ind->name_zh);
	if (o->division && demo_chance(g, 70)) {
		char code[USCC_LEN + 1];
		do
			demo_uscc(g, '1', o->division, (int)demo_range(g, 2005, 2022), code);
		while (!demo_name_add(g, code));
		demo_row_set(&r, "target_uscc", "%s", code);
	}
	demo_row_set(&r, "origin", "%s", o->city);
	demo_row_set(&r, "chain_node", "%s", chain_node(g, d));
	int c = (int)demo_below(g, 100);
	demo_row_set(&r, "channel", "%s", c < 50 ? "精准招商" : c < 85 ? "产业链招商" : "以商招商");

	int want = 0, roll = (int)demo_below(g, 100);
	while (want < 4 && roll >= weights[want]) {
		roll -= weights[want];
		want++;
	}
	long as_of = demo_day_parse(DEMO_AS_OF);
	long day = demo_range(g, demo_day(2024, 1, 1), demo_day(2025, 9, 30));
	int stage = 0;
	char text[16];
	demo_day_text(day, text);
	demo_row_set(&r, dates[0], "%s", text);
	while (stage < want) {
		long next = day + demo_range(g, 10, 120);
		if (next > as_of)
			break;
		day = next;
		stage++;
		demo_day_text(day, text);
		demo_row_set(&r, dates[stage], "%s", text);
	}
	demo_row_set(&r, "stage", "%s", stages[stage]);
	double amount = round_to(5000.0 * exp(demo_unit(g) * log(100.0)), 100);
	if (stage >= 2 || demo_chance(g, 50))
		demo_row_set(&r, "expected_investment", "%.0f", amount);
	if (stage >= 2 || demo_chance(g, 60))
		demo_row_set(&r, "district", "%s", d->districts[demo_below(g, d->n_districts)]->name_zh);
	char owner[32];
	demo_person(g, owner, sizeof owner);
	demo_row_set(&r, "owner", "%s", owner);
	if (stage == 4)
		demo_row_set(&r, "note", "已完成工商注册，计划%ld年投产", demo_range(g, 2026, 2027));
	else if (stage == 3)
		demo_row_set(&r, "note", "已签署投资协议，正在办理用地手续");
	return demo_emit(g, &r, e);
}

enum err_code demo_leads(struct demo_gen *g, struct err *e)
{
	enum err_code rc = ERR_OK;
	for (size_t i = 0; i < g->n_inds && rc == ERR_OK; i++) {
		const struct demo_ind *d = &g->inds[i];
		if (skip(d, "leads", NULL))
			continue;
		long n = d->ind->kind == KIND_CLUSTER ? demo_range(g, 1, 25) : demo_range(g, 1, 6);
		for (long k = 0; k < n && rc == ERR_OK; k++)
			rc = lead(g, d, e);
	}
	return rc;
}

/* ---- projects ---- */

/* Spread `done` over months first..last (1-based) with uneven weights; other months of m01..m10
 * are 0. */
static void months(struct demo_gen *g, struct demo_row *r, double done, int first, int last)
{
	double w[11] = {0}, sum = 0;
	for (int m = first; m <= last; m++) {
		w[m] = 0.6 + 0.8 * demo_unit(g);
		sum += w[m];
	}
	for (int m = 1; m <= 10; m++) {
		char f[4] = {'m', (char)('0' + m / 10), (char)('0' + m % 10), '\0'};
		double v = sum > 0 ? floor(done * w[m] / sum * 100.0) / 100.0 : 0;
		demo_row_set(r, f, "%.2f", v);
	}
}

static enum err_code project(struct demo_gen *g, const struct demo_ind *d, size_t seq,
                             struct err *e)
{
	struct demo_row r;
	demo_row_init(&r, list_find("projects"));
	demo_row_set(&r, "code", "SZ2025-%s-%03zu", d->pf->abbr, seq);
	const struct demo_ent *inv = some_ent(g, d);
	const struct district *dist = inv && demo_chance(g, 70)
	                              ? inv->district : d->districts[demo_below(g, d->n_districts)];
	const char *brand = inv ? inv->brand : demo_brands[demo_below(g, demo_n_brands)];
	switch (demo_below(g, 5)) {
	case 0: demo_row_set(&r, "name", "%s%s生产基地项目", brand, product(g, d)); break;
	case 1: demo_row_set(&r, "name", "%s%s研发总部项目", brand, topic(g, d)); break;
	case 2:
		demo_row_set(&r, "name", "%s%s产业园（%s期）项目", dist->short_name, topic(g, d),
		             demo_chance(g, 60) ? "一" : "二");
		break;
	case 3: demo_row_set(&r, "name", "%s%s智能制造项目", brand, product(g, d)); break;
	default: demo_row_set(&r, "name", "%s%s创新中心建设项目", dist->short_name, topic(g, d)); break;
	}
	demo_row_set(&r, "industry", "%s", d->ind->name_zh);
	demo_row_set(&r, "district", "%s", dist->name_zh);
	const char *const *parks = demo_parks(dist->id);
	if (parks[0] && demo_chance(g, 70))
		demo_row_set(&r, "park", "%s", demo_pick(g, parks, 5));
	if (inv)
		demo_row_set(&r, "investor", "%s", inv->name);
	else
		demo_row_set(&r, "investor", "%s%s产业投资有限公司", g->p->city, brand);

	/* 1亿-200亿, annual plan 8%-35% of it, all in 万元. */
	double total = round_to(10000.0 * exp(demo_unit(g) * log(200.0)), 100);
	double plan = round_to(total * (0.08 + 0.27 * demo_unit(g)), 10);
	demo_row_set(&r, "total_investment", "%.0f", total);
	demo_row_set(&r, "year", "2025");
	demo_row_set(&r, "annual_plan", "%.0f", plan);

	int roll = (int)demo_below(g, 100);
	const char *status = roll < 8 ? "前期" : roll < 83 ? "在建" : roll < 91 ? "竣工" : "停缓建";
	long start, end;
	char a[16], b[16], c[16], dd[16];
	if (strcmp(status, "前期") == 0) {
		start = demo_range(g, demo_day(2025, 11, 15), demo_day(2026, 6, 30));
		end = start + demo_range(g, 2, 4) * 365;
		demo_day_text(demo_range(g, demo_day(2025, 2, 1), demo_day(2025, 5, 31)), a);
		demo_day_text(demo_range(g, demo_day(2025, 6, 1), demo_day(2025, 10, 15)), b);
		demo_day_text(start, c);
		demo_row_set(&r, "milestones", "%s 完成立项；%s 取得用地；%s 计划开工", a, b, c);
		if (demo_chance(g, 50))
			months(g, &r, plan * 10.0 / 12.0 * 0.12 * demo_unit(g), 6, 10);
	} else if (strcmp(status, "竣工") == 0) {
		start = demo_range(g, demo_day(2021, 6, 1), demo_day(2024, 6, 30));
		end = demo_range(g, demo_day(2025, 1, 15), demo_day(2025, 9, 30));
		demo_day_text(start, a);
		demo_day_text(start + (end - start) / 2, b);
		demo_day_text(end, c);
		demo_row_set(&r, "milestones", "%s 开工；%s 主体封顶；%s 竣工验收", a, b, c);
		char mm[16];
		demo_day_text(end, mm);
		int last = (mm[5] - '0') * 10 + (mm[6] - '0');
		months(g, &r, plan * (0.95 + 0.1 * demo_unit(g)), 1, last);
	} else if (strcmp(status, "停缓建") == 0) {
		start = demo_range(g, demo_day(2022, 6, 1), demo_day(2024, 12, 31));
		end = start + 3L * 365;
		int stop = (int)demo_range(g, 3, 8);
		demo_day_text(start, a);
		demo_day_text(demo_day(2025, stop, (int)demo_range(g, 1, 28)), b);
		demo_row_set(&r, "milestones", "%s 开工；%s 暂停施工（资金未到位）", a, b);
		months(g, &r, plan * 10.0 / 12.0 * (0.1 + 0.3 * demo_unit(g)), 1, stop);
	} else {
		start = demo_range(g, demo_day(2022, 3, 1), demo_day(2025, 6, 30));
		end = start + demo_range(g, 700, 1800);
		if (end < demo_day(2026, 1, 1))
			end = demo_range(g, demo_day(2026, 1, 1), demo_day(2026, 12, 31));
		demo_day_text(start, a);
		demo_day_text(start + (end - start) * 2 / 5, b);
		demo_day_text(start + (end - start) * 7 / 10, c);
		demo_day_text(end, dd);
		demo_row_set(&r, "milestones", "%s 开工；%s 主体封顶；%s 设备安装；%s 竣工投产", a, b,
		             c, dd);
		/* Against the share of the year elapsed (10/12): ahead, on track or behind. */
		int pace = (int)demo_below(g, 100);
		double ratio = pace < 25 ? 1.08 + 0.22 * demo_unit(g)
		               : pace < 70 ? 0.92 + 0.13 * demo_unit(g) : 0.35 + 0.4 * demo_unit(g);
		int first = 1;
		if (start >= demo_day(2025, 1, 1)) {
			char s[16];
			demo_day_text(start, s);
			first = (s[5] - '0') * 10 + (s[6] - '0');
		}
		months(g, &r, plan * 10.0 / 12.0 * ratio, first, 10);
	}
	demo_day_text(start, a);
	demo_day_text(end, b);
	demo_row_set(&r, "start_date", "%s", a);
	demo_row_set(&r, "end_date", "%s", b);
	demo_row_set(&r, "status", "%s", status);
	return demo_emit(g, &r, e);
}

enum err_code demo_projects(struct demo_gen *g, struct err *e)
{
	enum err_code rc = ERR_OK;
	for (size_t i = 0; i < g->n_inds && rc == ERR_OK; i++) {
		const struct demo_ind *d = &g->inds[i];
		if (skip(d, "projects", NULL))
			continue;
		long n = d->ind->kind == KIND_CLUSTER ? demo_range(g, 3, 15) : demo_range(g, 1, 3);
		for (long k = 0; k < n && rc == ERR_OK; k++)
			rc = project(g, d, (size_t)k + 1, e);
	}
	return rc;
}

/* ---- platforms ---- */

struct platform_kind {
	const char *before, *after, *type, *level; /* name: before + topic + after */
};

static const struct platform_kind platform_kinds[] = {
	{"深圳市", "研究院", "新型研发机构", "市级"},
	{"广东省", "重点实验室", "重点实验室", "省级"},
	{"深圳市", "重点实验室", "重点实验室", "市级"},
	{"深圳市", "工程研究中心", "工程研究中心", "市级"},
	{"国家", "工程研究中心深圳分中心", "工程研究中心", "国家级"},
	{"广东省", "制造业创新中心", "制造业创新中心", "省级"},
	{"深圳市", "技术创新中心", "技术创新中心", "市级"},
	{"深圳", "概念验证中心", "概念验证中心", "市级"},
	{"深圳", "中试基地", "中试基地", "市级"},
	{"深圳市", "公共技术服务平台", "公共技术服务平台", "市级"},
};

static enum err_code platform(struct demo_gen *g, const struct demo_ind *d, struct err *e)
{
	char name[256];
	const struct platform_kind *k = NULL;
	const char *t = NULL;
	for (int tries = 0; tries < 40; tries++) {
		k = &platform_kinds[demo_below(g, DEMO_N(platform_kinds))];
		t = topic(g, d);
		(void)snprintf(name, sizeof name, "%s%s%s", k->before, t, k->after);
		if (demo_name_add(g, name))
			break;
		k = NULL;
	}
	if (k == NULL)
		return ERR_OK; /* every combination taken: one platform fewer */
	struct demo_row r;
	demo_row_init(&r, list_find("platforms"));
	demo_row_set(&r, "name", "%s", name);
	demo_row_set(&r, "type", "%s", k->type);
	demo_row_set(&r, "level", "%s", k->level);
	demo_row_set(&r, "industry", "%s", d->ind->name_zh);
	demo_row_set(&r, "district", "%s", d->districts[demo_below(g, d->n_districts)]->name_zh);
	const struct demo_ent *host = some_ent(g, d);
	if (host && demo_chance(g, 50))
		demo_row_set(&r, "host", "%s", host->name);
	else
		demo_row_set(&r, "host", "%s", demo_universities[demo_below(g, demo_n_universities)]);
	char day[16];
	demo_day_text(demo_range(g, demo_day(2016, 1, 1), demo_day(2025, 9, 30)), day);
	demo_row_set(&r, "established", "%s", day);
	demo_row_set(&r, "note", "聚焦%s、%s等方向", t, chain_node(g, d));
	return demo_emit(g, &r, e);
}

enum err_code demo_platforms(struct demo_gen *g, struct err *e)
{
	enum err_code rc = ERR_OK;
	for (size_t i = 0; i < g->n_inds && rc == ERR_OK; i++) {
		const struct demo_ind *d = &g->inds[i];
		if (skip(d, "platforms", NULL))
			continue;
		long n = d->ind->kind == KIND_CLUSTER ? demo_range(g, 1, 6) : demo_range(g, 1, 3);
		for (long k = 0; k < n && rc == ERR_OK; k++)
			rc = platform(g, d, e);
	}
	return rc;
}

/* ---- policies ---- */

struct issuer {
	const char *name, *prefix;
	int next[3]; /* next document number in 2023, 2024, 2025 */
};

static enum err_code policy(struct demo_gen *g, struct issuer *is, const char *title,
                            const char *industries, const char *t1, const char *t2,
                            struct err *e)
{
	struct demo_row r;
	demo_row_init(&r, list_find("policies"));
	int year = (int)demo_range(g, 2023, 2025);
	long day = demo_range(g, demo_day(year, 1, 10), demo_day(year, year == 2025 ? 10 : 12,
	                                                      year == 2025 ? 20 : 28));
	char text[16];
	demo_day_text(day, text);
	demo_row_set(&r, "title", "%s", title);
	demo_row_set(&r, "issuer", "%s", is->name);
	demo_row_set(&r, "doc_no", "%s〔%d〕%d号", is->prefix, year, ++is->next[year - 2023]);
	demo_row_set(&r, "date", "%s", text);
	demo_row_set(&r, "industries", "%s", industries);
	demo_row_set(&r, "measures",
	             "对%s领域重大项目按实际投资额给予最高%ld%%资助，单个项目最高%ld万元；支持建设%s等"
	             "公共技术服务平台；对首台（套）装备、首批次材料、首版次软件给予奖励；发挥产业基金"
	             "引导作用，加大人才、用地和金融支持。",
	             t1, demo_range(g, 1, 4) * 10, demo_range(g, 1, 10) * 1000, t2);
	demo_row_set(&r, "amount", "%ld", demo_range(g, 2, 30) * 5000);
	return demo_emit(g, &r, e);
}

struct joint_policy {
	const char *title;
	const char *ids[10]; /* industries; NULL-terminated; none means every industry */
	bool futures;        /* every future industry instead */
};

static const struct joint_policy joint[] = {
	{"深圳市支持战略性新兴产业集群和未来产业发展的若干措施", {NULL}, false},
	{"深圳市加快培育发展未来产业的若干措施", {NULL}, true},
	{"深圳市推动新一代电子信息产业高质量发展的若干措施",
	 {"network-communication", "semiconductor-ic", "uhd-display", "smart-terminal", "smart-sensor"},
	 false},
	{"深圳市促进生物医药与健康产业融合发展的若干措施",
	 {"biomedicine", "high-end-medical-devices", "big-health", "cell-gene", "synthetic-biology"},
	 false},
	{"深圳市推进高端装备与智能制造产业发展的若干措施",
	 {"machine-tools", "smart-robot", "laser-additive", "precision-instruments"}, false},
};

static bool joint_has(const struct joint_policy *j, const struct industry *ind)
{
	if (j->futures)
		return ind->kind == KIND_FUTURE;
	if (j->ids[0] == NULL)
		return true;
	for (size_t k = 0; k < DEMO_N(j->ids) && j->ids[k]; k++)
		if (strcmp(j->ids[k], ind->id) == 0)
			return true;
	return false;
}

enum err_code demo_policies(struct demo_gen *g, struct err *e)
{
	struct issuer issuers[] = {
		{"深圳市发展和改革委员会", "深发改规", {0, 0, 0}},
		{"深圳市工业和信息化局", "深工信规", {0, 0, 0}},
		{"深圳市科技创新局", "深科技创新规", {0, 0, 0}},
	};
	enum err_code rc = ERR_OK;
	char title[512];
	for (size_t i = 0; i < g->n_inds && rc == ERR_OK; i++) {
		const struct demo_ind *d = &g->inds[i];
		char word[256];
		demo_industry_word(d->ind, word, sizeof word);
		long n = demo_range(g, 1, 3);
		size_t first = demo_below(g, 3);
		for (long k = 0; k < n && rc == ERR_OK; k++) {
			switch ((first + (size_t)k) % 3) {
			case 0:
				(void)snprintf(title, sizeof title, "深圳市关于促进%s高质量发展的若干措施", word);
				break;
			case 1:
				if (d->ind->kind == KIND_CLUSTER)
					(void)snprintf(title, sizeof title,
					               "深圳市推动%s集群高质量发展行动计划（2025—2026年）", word);
				else
					(void)snprintf(title, sizeof title,
					               "深圳市培育发展%s行动计划（2025—2027年）", word);
				break;
			default:
				(void)snprintf(title, sizeof title, "深圳市支持%s创新发展的若干措施", word);
				break;
			}
			rc = policy(g, &issuers[demo_below(g, DEMO_N(issuers))], title, d->ind->name_zh,
			            chain_node(g, d), topic(g, d), e);
		}
	}
	for (size_t j = 0; j < DEMO_N(joint) && rc == ERR_OK; j++) {
		struct buf b;
		buf_init(&b, BUF_NO_CAP);
		for (size_t i = 0; i < g->n_inds; i++)
			if (joint_has(&joint[j], g->inds[i].ind))
				(void)buf_printf(&b, "%s%s", b.len ? "、" : "", g->inds[i].ind->name_zh);
		if (b.len)
			rc = policy(g, &issuers[j % 2], joint[j].title, buf_str(&b), "关键核心技术",
			            "中试验证", e);
		buf_free(&b);
	}
	return rc;
}

/* ---- organisations ---- */

static const struct district *district_or(const struct demo_gen *g, const char *id,
                                          const struct district *fallback)
{
	const struct district *d = programme_district(g->p, id);
	return d ? d : fallback;
}

/*
 * A fund's investments one by one, agreeing with the totals the fund reports: `count` deals
 * between its founding and `last` (the last deal on that day) whose amounts add up to `invested`
 * (万元).
 */
static enum err_code fund_investments(struct demo_gen *g, const struct demo_ind *d, const char *fund,
                                      double invested, long count, long founded, long last,
                                      struct err *e)
{
	static const char *const rounds[] = {"天使轮", "A轮", "B轮", "C轮", "Pre-IPO", "战略投资"};
	double left = invested;
	enum err_code rc = ERR_OK;
	for (long k = 0; k < count && rc == ERR_OK; k++) {
		/* Equal shares with +-50% noise, whole 万元; the last deal takes what is left. */
		double amount = k == count - 1 ? left
		                               : round_to(invested / (double)count * (0.5 + demo_unit(g)), 1);
		if (amount > left - (double)(count - 1 - k))
			amount = left - (double)(count - 1 - k);
		left -= amount;
		long day_no = k == count - 1 ? last : demo_range(g, founded + 30, last - 1);
		char day[16], word[256];
		demo_day_text(day_no, day);
		demo_industry_word(d->ind, word, sizeof word);
		struct demo_row r;
		demo_row_init(&r, list_find("fund_investments"));
		demo_row_set(&r, "fund", "%s", fund);
		demo_row_set(&r, "industry", "%s", d->ind->name_zh);
		demo_row_set(&r, "investee", "深圳%s%s科技有限公司",
		             demo_brands[demo_below(g, demo_n_brands)], word);
		demo_row_set(&r, "date", "%s", day);
		demo_row_set(&r, "amount", "%.0f", amount);
		demo_row_set(&r, "round", "%s", rounds[demo_below(g, DEMO_N(rounds))]);
		demo_row_set(&r, "district", "%s", d->districts[demo_below(g, d->n_districts)]->name_zh);
		rc = demo_emit(g, &r, e);
	}
	return rc;
}

static enum err_code org(struct demo_gen *g, const struct demo_ind *d, const char *type,
                         struct err *e)
{
	const struct industry *ind = d->ind;
	const struct district *here = d->districts[demo_below(g, d->n_districts)];
	char word[256], person[32], day[16];
	demo_industry_word(ind, word, sizeof word);
	demo_person(g, person, sizeof person);
	struct demo_row r;
	demo_row_init(&r, list_find("orgs"));
	demo_row_set(&r, "type", "%s", type);
	demo_row_set(&r, "industry", "%s", ind->name_zh);
	demo_row_set(&r, "level", "%s", "市级");
	if (strcmp(type, "基金") == 0) {
		double size = (double)demo_range(g, 10, 100) * 10000.0;
		double paid = round_to(size * (0.3 + 0.7 * demo_unit(g)), 100);
		double invested = round_to(paid * (0.3 + 0.65 * demo_unit(g)), 100);
		long count = demo_range(g, 3, 24);
		long founded = demo_range(g, demo_day(2020, 1, 1), demo_day(2024, 12, 31));
		long last = demo_range(g, demo_day(2025, 1, 1), demo_day_parse(DEMO_AS_OF));
		char fund[512];
		(void)snprintf(fund, sizeof fund, "%s%s投资基金（有限合伙）", g->p->city, word);
		demo_row_set(&r, "name", "%s", fund);
		demo_row_set(&r, "district", "%s",
		             demo_chance(g, 70) ? district_or(g, "futian", here)->name_zh : here->name_zh);
		demo_row_set(&r, "size", "%.0f", size);
		demo_row_set(&r, "paid_in", "%.0f", paid);
		demo_row_set(&r, "invested", "%.0f", invested);
		demo_row_set(&r, "invest_count", "%ld", count);
		demo_day_text(last, day);
		demo_row_set(&r, "last_invest_date", "%s", day);
		demo_day_text(founded, day);
		demo_row_set(&r, "date", "%s", day);
		demo_row_set(&r, "contact", "%s", person);
		demo_row_set(&r, "detail", "市政府投资引导基金联合社会资本发起设立，重点投向%s、%s等环节",
		             chain_node(g, d), topic(g, d));
		enum err_code rc = demo_emit(g, &r, e);
		if (rc == ERR_OK)
			rc = fund_investments(g, d, fund, invested, count, founded, last, e);
		return rc;
	} else if (strcmp(type, "展会") == 0) {
		if (demo_chance(g, 50))
			demo_row_set(&r, "name", "中国（深圳）国际%s博览会", ind->name_zh);
		else
			demo_row_set(&r, "name", "深圳国际%s展览会", ind->name_zh);
		if (demo_chance(g, 30))
			demo_row_set(&r, "level", "%s", "国家级");
		demo_row_set(&r, "district", "%s", district_or(g, "baoan", here)->name_zh);
		demo_day_text(demo_range(g, demo_day(2025, 3, 1), demo_day(2025, 12, 15)), day);
		demo_row_set(&r, "date", "%s", day);
		demo_row_set(&r, "detail", "在深圳国际会展中心举办，展览面积约%ld万平方米",
		             demo_range(g, 3, 20));
	} else if (strcmp(type, "论坛") == 0) {
		if (demo_chance(g, 50))
			demo_row_set(&r, "name", "%s创新发展大会", ind->name_zh);
		else
			demo_row_set(&r, "name", "粤港澳大湾区%s发展论坛", ind->name_zh);
		demo_row_set(&r, "district", "%s", here->name_zh);
		demo_day_text(demo_range(g, demo_day(2025, 3, 1), demo_day(2025, 12, 15)), day);
		demo_row_set(&r, "date", "%s", day);
	} else if (strcmp(type, "协会") == 0) {
		demo_row_set(&r, "name", "%s%s行业协会", g->p->city, ind->name_zh);
		demo_day_text(demo_range(g, demo_day(2000, 1, 1), demo_day(2020, 12, 31)), day);
		demo_row_set(&r, "date", "%s", day);
		demo_row_set(&r, "contact", "%s", person);
	} else if (strcmp(type, "联盟") == 0) {
		demo_row_set(&r, "name", "%s%s联盟", g->p->city, word);
		demo_day_text(demo_range(g, demo_day(2015, 1, 1), demo_day(2024, 12, 31)), day);
		demo_row_set(&r, "date", "%s", day);
		demo_row_set(&r, "detail", "由%s家企业、高校和科研机构发起", "数十");
	} else if (strcmp(type, "团队") == 0) {
		demo_row_set(&r, "name", "%s创新团队", topic(g, d));
		demo_row_set(&r, "contact", "%s", person);
		demo_row_set(&r, "detail", "市级高层次人才创新创业团队，带头人%s", person);
	} else if (strcmp(type, "咨询机构") == 0) {
		demo_row_set(&r, "name", "%s产业咨询（深圳）有限公司",
		             demo_brands[demo_below(g, demo_n_brands)]);
		demo_row_set(&r, "level", "%s", "区级");
		demo_row_set(&r, "district", "%s", here->name_zh);
		demo_row_set(&r, "contact", "%s", person);
		demo_row_set(&r, "detail", "承担%s产业链图谱和招商目标企业研究", ind->name_zh);
	} else if (strcmp(type, "链长") == 0) {
		demo_row_set(&r, "name", "%s", "市领导（示例）");
		demo_row_set(&r, "detail", "%s产业链链长（演示数据）", ind->name_zh);
	} else {
		demo_row_set(&r, "name", "%s", person);
		demo_row_set(&r, "detail", "%s产业链专员，负责统筹调度（演示数据）", ind->name_zh);
	}
	return demo_emit(g, &r, e);
}

enum err_code demo_orgs(struct demo_gen *g, struct err *e)
{
	static const char *const types[] = {"基金", "展会", "论坛", "协会", "联盟",
	                                    "团队", "咨询机构", "链长", "专员"};
	enum err_code rc = ERR_OK;
	for (size_t i = 0; i < g->n_inds && rc == ERR_OK; i++)
		for (size_t k = 0; k < DEMO_N(types) && rc == ERR_OK; k++)
			if (!skip(&g->inds[i], "orgs", types[k]))
				rc = org(g, &g->inds[i], types[k], e);
	return rc;
}
