/*
 * cmd_catalog.c - `jiqun catalog list|show|versions`: browse the built-in programme versions from
 * the terminal (the default 2022 document unless --version asks for another).
 * Human output is an aligned table (Chinese widths handled by io/table); --json prints the same
 * objects the API serves.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "catalog/catalog.h"
#include "cli/cli.h"
#include "engine/crosswalk.h"
#include "io/table.h"

enum { OPT_KIND = 1, OPT_TIER, OPT_JSON, OPT_VERSION };

struct opts {
	bool json;
	const char *version;
	bool has_kind, has_tier;
	enum industry_kind kind;
	enum tier tier;
};

static int on_opt(int id, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	switch (id) {
	case OPT_JSON:
		o->json = true;
		break;
	case OPT_VERSION:
		o->version = arg;
		break;
	case OPT_KIND:
		if (!industry_kind_parse(arg, &o->kind))
			return cli_usage(&cmd_catalog, "--kind must be cluster or future, not '%s'", arg);
		o->has_kind = true;
		break;
	case OPT_TIER:
		if (!tier_parse(arg, &o->tier))
			return cli_usage(&cmd_catalog,
			                 "--tier must be pillar, short_board, improve, growth_point or none, not '%s'",
			                 arg);
		o->has_tier = true;
		break;
	default:
		break;
	}
	return 0;
}

static void join(struct buf *b, const struct strlist *l, const char *sep)
{
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			(void)buf_puts(b, sep);
		(void)buf_puts(b, l->items[i]);
	}
}

static int list(const struct programme *p, const struct opts *o)
{
	json_t *arr = o->json ? json_array() : NULL;
	static const char *const head[] = {"类别", "序号", "ID", "名称", "英文名", "2025定位", "集聚区"};
	static const size_t width[] = {0, 0, 0, 0, 36, 0, 40};
	struct table *t = o->json ? NULL : table_new(7, head, width);
	for (size_t i = 0; i < p->n_industries; i++) {
		const struct industry *ind = &p->industries[i];
		if ((o->has_kind && ind->kind != o->kind) || (o->has_tier && ind->tier != o->tier))
			continue;
		if (arr) {
			json_array_append_new(arr, catalog_industry_json(ind));
			continue;
		}
		char seq[16];
		struct buf d;
		buf_init(&d, BUF_NO_CAP);
		join(&d, &ind->districts, "、");
		(void)snprintf(seq, sizeof seq, "%d", ind->seq);
		const char *row[] = {ind->kind == KIND_CLUSTER ? "产业集群" : "未来产业", seq, ind->id,
		                     ind->name_zh, ind->name_en,
		                     ind->tier == TIER_NONE ? "—" : tier_label_zh(ind->tier),
		                     d.len ? buf_str(&d) : "—"};
		table_add(t, row);
		buf_free(&d);
	}
	if (arr)
		return cli_print_json(arr);
	(void)printf("%s（版本 %s%s）\n", p->name_zh, p->version ? p->version : "—",
	             p->supersedes ? "" : "，默认");
	table_print(t, stdout);
	(void)printf("内置版本：2022（默认）、2024（调整版）；`jiqun catalog versions` 列出各版本，"
	             "--version 选择。\n");
	table_free(t);
	return EXIT_OK;
}

static void section(const char *title, const struct strlist *l)
{
	(void)printf("\n%s\n", title);
	for (size_t i = 0; i < l->n; i++)
		(void)printf("  · %s\n", l->items[i]);
	if (l->n == 0)
		(void)printf("  （政策未列明）\n");
}

static int show(const struct programme *p, const char *id, const struct opts *o)
{
	const struct industry *ind = programme_industry(p, id);
	if (ind == NULL) {
		struct err e = {0};
		(void)err_set(&e, ERR_NOT_FOUND,
		              "no industry with id '%s' (未找到该产业); `jiqun catalog list` shows the ids", id);
		return cli_fail(&e);
	}
	if (o->json)
		return cli_print_json(catalog_industry_json(ind));
	struct buf d;
	buf_init(&d, BUF_NO_CAP);
	join(&d, &ind->districts, "、");
	(void)printf("%s（%s）\n", ind->full_name_zh, ind->name_en);
	(void)printf("ID: %s   %s 第%d项   政策条款：%s   版本：%s\n", ind->id,
	             ind->kind == KIND_CLUSTER ? "产业集群" : "未来产业", ind->seq,
	             ind->clause ? ind->clause : "—", p->version ? p->version : "—");
	(void)printf("2025定位：%s\n", ind->tier == TIER_NONE ? "—" : tier_label_zh(ind->tier));
	(void)printf("发展方向：%s\n", ind->positioning ? ind->positioning : "（未列明）");
	if (ind->note)
		(void)printf("说明：%s\n", ind->note);
	(void)printf("集聚区：%s\n", d.len ? buf_str(&d) : "（政策未指定）");
	buf_free(&d);
	section("重点细分领域", &ind->segments);
	section("关键技术攻关", &ind->technologies);
	section("重大载体和项目", &ind->carriers);
	if (ind->clause)
		(void)printf("\n政策原文（%s）\n  %s\n", ind->clause, ind->clause_text);
	else
		(void)printf("\n政策原文：未收录\n");
	return EXIT_OK;
}

/* The built-in 2022-2024 crosswalk: one line per link, with the basis of its weight. */
static int crosswalk(const struct opts *o)
{
	struct catalog_crosswalk *x = NULL;
	struct err e = {0};
	if (catalog_crosswalk_builtin(&x, &e) != ERR_OK)
		return cli_fail(&e);
	json_t *arr = o->json ? json_array() : NULL;
	static const char *const head[] = {"原版本", "原产业", "新版本", "新产业", "关系", "权重", "依据"};
	static const size_t width[] = {0, 0, 0, 0, 0, 0, 0};
	struct table *t = o->json ? NULL : table_new(7, head, width);
	for (size_t i = 0; i < x->n; i++) {
		const struct xw_link *l = &x->links[i];
		if (arr) {
			json_t *row = json_pack("{s:s, s:s, s:s, s:s, s:s}", "from_version", l->from_version,
			                        "from_industry", l->from_industry, "to_version", l->to_version,
			                        "to_industry", l->to_industry, "kind", xw_kind_name(l->kind));
			json_object_set_new(row, "weight", l->has_weight ? json_real(l->weight) : json_null());
			json_object_set_new(row, "basis", l->basis ? json_string(l->basis) : json_null());
			json_array_append_new(arr, row);
			continue;
		}
		static const char *const kinds_zh[] = {"不变", "更名", "合并", "拆分"};
		char w[32] = "—";
		if (l->has_weight)
			(void)snprintf(w, sizeof w, "%.4g", l->weight);
		const char *row[] = {l->from_version, l->from_industry, l->to_version, l->to_industry,
		                     kinds_zh[l->kind], w, l->basis ? l->basis : "—"};
		table_add(t, row);
	}
	catalog_crosswalk_free(x);
	if (arr)
		return cli_print_json(arr);
	table_print(t, stdout);
	table_free(t);
	(void)printf("低空经济与空天（2024年新增）在2022年版本中没有对应产业。\n");
	return EXIT_OK;
}

/* The built-in versions: id, version, what each supersedes, counts, notes. */
static int versions(const struct opts *o)
{
	json_t *arr = json_array();
	struct err e = {0};
	for (size_t i = 0; i < catalog_builtin_count(); i++) {
		size_t len;
		struct programme *p = NULL;
		const char *doc = catalog_builtin_json_at(i, &len);
		if (catalog_parse(doc, len, "built-in programme", &p, &e) != ERR_OK) {
			json_decref(arr);
			return cli_fail(&e);
		}
		json_t *v = catalog_programme_json(p);
		json_t *row = json_pack("{s:s, s:O, s:O, s:s, s:b, s:O, s:O, s:O}", "id", p->id, "version",
		                        json_object_get(v, "version"), "supersedes",
		                        json_object_get(v, "supersedes"), "name_zh", p->name_zh,
		                        "default", i == 0, "counts", json_object_get(v, "counts"),
		                        "source", json_object_get(v, "source"), "notes",
		                        json_object_get(v, "notes"));
		json_decref(v);
		if (!o->json) {
			int clusters = 0;
			for (size_t k = 0; k < p->n_industries; k++)
				clusters += p->industries[k].kind == KIND_CLUSTER;
			(void)printf("%s  %s%s  %s\n  %d个产业集群、%zu个未来产业%s%s\n", p->version ? p->version : "—",
			             p->id, i == 0 ? "（默认）" : "", p->name_zh, clusters,
			             p->n_industries - (size_t)clusters, p->supersedes ? "；取代 " : "",
			             p->supersedes ? p->supersedes : "");
			for (size_t k = 0; k < p->notes.n; k++)
				(void)printf("  · %s\n", p->notes.items[k]);
		}
		json_array_append_new(arr, row);
		programme_free(p);
	}
	if (o->json)
		return cli_print_json(arr);
	json_decref(arr);
	return EXIT_OK;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"kind", required_argument, NULL, OPT_KIND},
		{"tier", required_argument, NULL, OPT_TIER},
		{"json", no_argument, NULL, OPT_JSON},
		{"version", required_argument, NULL, OPT_VERSION},
		{0, 0, 0, 0},
	};
	if (argc < 2)
		return cli_usage(&cmd_catalog, "missing subcommand (list, show or versions)");
	const char *sub = argv[1];
	if (strcmp(sub, "list") != 0 && strcmp(sub, "show") != 0 && strcmp(sub, "versions") != 0 &&
	    strcmp(sub, "crosswalk") != 0)
		return cli_usage(&cmd_catalog, "unknown subcommand '%s'", sub);
	struct opts o = {0};
	int first, rc = cli_parse(&cmd_catalog, argc - 1, argv + 1, opts, on_opt, &o, &first);
	if (rc != -1)
		return rc;
	first++; /* index into argv, past the subcommand */
	if (strcmp(sub, "versions") == 0 || strcmp(sub, "crosswalk") == 0) {
		if (argc - first != 0 || o.has_kind || o.has_tier || o.version)
			return cli_usage(&cmd_catalog, "%s takes only --json", sub);
		return sub[0] == 'v' ? versions(&o) : crosswalk(&o);
	}
	bool is_show = strcmp(sub, "show") == 0;
	if (is_show && (o.has_kind || o.has_tier))
		return cli_usage(&cmd_catalog, "--kind and --tier apply to list only");
	if (is_show && argc - first != 1)
		return cli_usage(&cmd_catalog, "show takes exactly one industry id");
	if (!is_show && argc - first != 0)
		return cli_usage(&cmd_catalog, "unexpected argument '%s'", argv[first]);

	struct err e = {0};
	struct programme *p = NULL;
	if (catalog_builtin_version(o.version, &p, &e) != ERR_OK)
		return cli_fail(&e);
	rc = is_show ? show(p, argv[first], &o) : list(p, &o);
	programme_free(p);
	return rc;
}

const struct cli_cmd cmd_catalog = {
	.name = "catalog",
	.summary = "browse the built-in 20+8 programme",
	.usage = "jiqun catalog list [--kind cluster|future] [--tier TIER] [--version V] [--json]\n"
	         "       jiqun catalog show ID [--version V] [--json]\n"
	         "       jiqun catalog versions [--json]\n"
	         "       jiqun catalog crosswalk [--json]",
	.help = "Lists the 20 strategic emerging industry clusters and 8 future industries of the\n"
	        "built-in programme, or shows everything the policy says of one of them.\n\n"
	        "  --kind K    cluster or future\n"
	        "  --tier T    pillar (千亿级), short_board (补短板), improve (显著提升),\n"
	        "              growth_point (新增长点) or none\n"
	        "  --version V the programme version: 2022 (the default) or 2024 (the revision:\n"
	        "              人工智能 and 低空经济与空天 added, 高端装备与仪器 merged, renames);\n"
	        "              `versions` lists them with what each carries over unverified;\n"
	        "              `crosswalk` the links between them (same, rename, merge, split)\n"
	        "  --json      print JSON (the objects of GET /api/v1/industries)\n\n"
	        "Example: jiqun catalog show semiconductor-ic\n",
	.run = run,
};
