/*
 * cmd_classify.c - `jiqun classify`: tag every stored enterprise to the programme's industries
 * with the active rule set (engine/classify.h), apply the manual memberships, and replace the
 * stored memberships in one transaction; `--explain USCC` shows why one enterprise is where it is;
 * `--include`, `--exclude`, `--clear` and `--manual` keep the manual memberships.
 *
 * A run reads the enterprises in one pass through the store, in batches of BATCH firms whose
 * texts are classified by up to MAX_THREADS threads (one scratch each; the classifier is shared
 * read-only), then merges the batch in id order with the manual memberships.
 */
#include <getopt.h>
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/mem.h"
#include "catalog/rules.h"
#include "cli/cli.h"
#include "cli/context.h"
#include "engine/classify.h"
#include "io/table.h"

enum { OPT_DB = 1, OPT_JSON, OPT_EXPLAIN, OPT_INCLUDE, OPT_EXCLUDE, OPT_CLEAR, OPT_NOTE, OPT_MANUAL,
       OPT_USER };

#define BATCH 4096
#define MAX_THREADS 8

struct opts {
	const char *db, *explain, *note, *user;
	int action; /* 0 (classify), OPT_EXPLAIN, OPT_INCLUDE, OPT_EXCLUDE, OPT_CLEAR, OPT_MANUAL */
	bool json;
};

static int on_opt(int id, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	switch (id) {
	case OPT_DB: o->db = arg; break;
	case OPT_JSON: o->json = true; break;
	case OPT_NOTE: o->note = arg; break;
	case OPT_USER: o->user = arg; break;
	case OPT_EXPLAIN:
		o->explain = arg;
		/* fall through */
	case OPT_INCLUDE:
	case OPT_EXCLUDE:
	case OPT_CLEAR:
	case OPT_MANUAL:
		if (o->action != 0 && o->action != id)
			return cli_usage(&cmd_classify, "--explain, --include, --exclude, --clear and --manual "
			                                "are used one at a time");
		o->action = id;
		break;
	default: break;
	}
	return 0;
}

static const struct industry *find_industry(const struct programme *p, const char *s)
{
	const struct industry *ind = programme_industry(p, s);
	for (size_t i = 0; ind == NULL && i < p->n_industries; i++)
		if (strcmp(p->industries[i].name_zh, s) == 0)
			ind = &p->industries[i];
	return ind;
}

/* ---- the active rule set, compiled ---- */

struct compiled {
	struct rule_set *rs;
	struct rule *rules;
	struct classifier *cl;
};

static enum err_code compile_active(struct cli_ctx *c, struct compiled *k, struct err *e)
{
	enum err_code rc = store_rules_load(c->store, 0, &k->rs, e);
	if (rc == ERR_OK)
		rc = rules_compile(k->rs, c->programme, &k->rules, e);
	if (rc == ERR_OK)
		rc = classify_build(k->rules, k->rs->n, (unsigned)c->programme->n_industries, &k->cl, e);
	return rc;
}

static void compiled_free(struct compiled *k)
{
	classify_free(k->cl);
	free(k->rules);
	rules_free(k->rs);
}

/* The rule with `id`, or NULL (linear: used for a few lookups per explain or per summary). */
static const struct rule_row *rule_by_id(const struct rule_set *rs, uint32_t id)
{
	for (size_t i = 0; i < rs->n; i++)
		if (rs->rules[i].id == id)
			return &rs->rules[i];
	return NULL;
}

/* Business scope and main products as one text; a line break keeps a keyword from spanning both. */
static void firm_text(const struct store_firm *f, struct buf *b)
{
	buf_reset(b);
	if (f->business_scope)
		(void)buf_puts(b, f->business_scope);
	if (f->main_products) {
		(void)buf_puts(b, "\n");
		(void)buf_puts(b, f->main_products);
	}
}

/* ---- a classification run ---- */

struct firm_slot {
	long long id;
	char code[8];
	size_t off, len; /* in the batch's text */
};

struct found {
	long long enterprise;
	uint32_t rule, rule2;
	uint16_t industry;
	bool by_class, manual;
};

struct run {
	struct cli_ctx *c;
	struct compiled *k;
	unsigned n_ind, n_threads;
	/* the batch */
	struct firm_slot *slots;
	size_t n_slots;
	struct buf text, one;
	struct membership *out; /* BATCH x n_ind */
	size_t *counts;          /* BATCH */
	bool *dropped, *have;    /* n_ind each: per firm, industries excluded by hand / found by rules */
	/* manual memberships, by enterprise */
	struct manual { long long enterprise; uint16_t industry; bool include; } *manual;
	size_t n_manual, next_manual;
	/* the result */
	struct found *found;
	size_t n_found, cap_found;
	long firms, unclassified;
};

struct worker {
	struct run *r;
	size_t from, to;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	struct run *r = w->r;
	struct classify_scratch *s = classify_scratch_new(r->k->cl);
	for (size_t i = w->from; i < w->to; i++) {
		const struct firm_slot *f = &r->slots[i];
		r->counts[i] = classify_one(r->k->cl, s, f->code, r->text.data ? r->text.data + f->off : "",
		                            f->len, r->out + i * r->n_ind, r->n_ind);
		if (r->counts[i] > r->n_ind)
			r->counts[i] = r->n_ind;
	}
	classify_scratch_free(s);
	return NULL;
}

static void add_found(struct run *r, struct found f)
{
	if (r->n_found == r->cap_found) {
		r->cap_found = r->cap_found ? 2 * r->cap_found : 4096;
		r->found = xrealloc(r->found, r->cap_found * sizeof *r->found);
	}
	r->found[r->n_found++] = f;
}

/* Classify the batch, then merge each firm's memberships with its manual ones, in id order. */
static void flush(struct run *r)
{
	pthread_t th[MAX_THREADS];
	struct worker w[MAX_THREADS] = {{0}};
	unsigned n = r->n_slots < 1024 ? 1 : r->n_threads;
	w[0] = (struct worker){r, 0, r->n_slots / n};
	for (unsigned t = 1; t < n; t++) {
		w[t] = (struct worker){r, r->n_slots * t / n, r->n_slots * (t + 1) / n};
		if (pthread_create(&th[t], NULL, work, &w[t]) != 0) {
			work(&w[t]); /* no thread: do it here */
			w[t].r = NULL;
		}
	}
	work(&w[0]);
	for (unsigned t = 1; t < n; t++)
		if (w[t].r)
			(void)pthread_join(th[t], NULL);

	for (size_t i = 0; i < r->n_slots; i++) {
		long long id = r->slots[i].id;
		size_t before = r->n_found;
		bool *dropped = r->dropped, *have = r->have;
		memset(dropped, 0, r->n_ind * sizeof *dropped);
		memset(have, 0, r->n_ind * sizeof *have);
		size_t m = r->next_manual;
		while (m < r->n_manual && r->manual[m].enterprise < id)
			m++;
		size_t m0 = m;
		for (; m < r->n_manual && r->manual[m].enterprise == id; m++)
			if (!r->manual[m].include)
				dropped[r->manual[m].industry] = true;
		r->next_manual = m;
		const struct membership *ms = r->out + i * r->n_ind;
		for (size_t j = 0; j < r->counts[i]; j++) {
			have[ms[j].industry] = true;
			if (!dropped[ms[j].industry])
				add_found(r, (struct found){id, ms[j].rule, ms[j].rule2, (uint16_t)ms[j].industry,
				                            ms[j].by_class, false});
		}
		for (m = m0; m < r->next_manual; m++)
			if (r->manual[m].include && !have[r->manual[m].industry])
				add_found(r, (struct found){id, UINT32_MAX, UINT32_MAX, r->manual[m].industry, false,
				                            true});
		r->firms++;
		if (r->n_found == before)
			r->unclassified++;
	}
	r->n_slots = 0;
	buf_reset(&r->text);
}

static int on_firm(void *ctx, const struct store_firm *f)
{
	struct run *r = ctx;
	struct firm_slot *s = &r->slots[r->n_slots++];
	s->id = f->id;
	(void)snprintf(s->code, sizeof s->code, "%s", f->industry_code ? f->industry_code : "");
	firm_text(f, &r->one);
	s->off = r->text.len;
	s->len = r->one.len;
	(void)buf_append(&r->text, buf_str(&r->one), r->one.len);
	if (r->n_slots == BATCH)
		flush(r);
	return 0;
}

static int on_manual_row(void *ctx, const struct manual_row *m)
{
	struct run *r = ctx;
	const struct industry *ind = programme_industry(r->c->programme, m->industry);
	if (ind == NULL)
		return 0;
	r->manual = xrealloc(r->manual, (r->n_manual + 1) * sizeof *r->manual);
	r->manual[r->n_manual++] = (struct manual){m->enterprise,
	                                           (uint16_t)(ind - r->c->programme->industries),
	                                           m->include};
	return 0;
}

struct tally {
	long members, by_class, by_keyword, manual;
};

static int print_summary(const struct run *r, const struct tally *t, const struct opts *o)
{
	const struct programme *p = r->c->programme;
	const struct rule_set *rs = r->k->rs;
	long classified = r->firms - r->unclassified;
	double share = r->firms ? 100.0 * (double)classified / (double)r->firms : 0.0;
	if (o->json) {
		json_t *arr = json_array();
		for (unsigned i = 0; i < r->n_ind; i++)
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I}", "id",
			                                     p->industries[i].id, "name_zh", p->industries[i].name_zh,
			                                     "kind", industry_kind_name(p->industries[i].kind),
			                                     "members", (json_int_t)t[i].members, "by_class",
			                                     (json_int_t)t[i].by_class, "by_keyword",
			                                     (json_int_t)t[i].by_keyword, "manual",
			                                     (json_int_t)t[i].manual));
		return cli_print_json(json_pack("{s:{s:i, s:s}, s:I, s:I, s:I, s:I, s:o}", "rule_set", "version",
		                            rs->version, "name", rs->name, "enterprises", (json_int_t)r->firms,
		                            "classified", (json_int_t)classified, "unclassified",
		                            (json_int_t)r->unclassified, "memberships",
		                            (json_int_t)r->n_found, "industries", arr));
	}
	static const char *const head[] = {"产业", "类别", "企业数", "按行业代码", "按关键词", "人工纳入"};
	struct table *tb = table_new(6, head, NULL);
	for (unsigned i = 0; i < r->n_ind; i++) {
		char a[24], b[24], c[24], d[24];
		(void)snprintf(a, sizeof a, "%ld", t[i].members);
		(void)snprintf(b, sizeof b, "%ld", t[i].by_class);
		(void)snprintf(c, sizeof c, "%ld", t[i].by_keyword);
		(void)snprintf(d, sizeof d, "%ld", t[i].manual);
		const char *row[] = {p->industries[i].name_zh,
		                     p->industries[i].kind == KIND_CLUSTER ? "产业集群" : "未来产业", a, b, c, d};
		table_add(tb, row);
	}
	table_print(tb, stdout);
	table_free(tb);
	(void)printf("规则集版本%d（%s）。企业%ld家，已归入至少一个产业%ld家（%.1f%%），未归类%ld家；"
	             "归属%zu条（一家企业可属多个产业，各产业企业数之和大于已归类企业数）。\n",
	             rs->version, rs->name, r->firms, classified, share, r->unclassified, r->n_found);
	return EXIT_OK;
}

static int do_classify(struct cli_ctx *c, const struct opts *o, struct err *e)
{
	struct compiled k = {0};
	struct run r = {.c = c, .k = &k, .n_ind = (unsigned)c->programme->n_industries};
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	r.n_threads = cores < 1 ? 1 : cores > MAX_THREADS ? MAX_THREADS : (unsigned)cores;
	buf_init(&r.text, BUF_NO_CAP);
	buf_init(&r.one, BUF_NO_CAP);
	enum err_code rc = compile_active(c, &k, e);
	if (rc == ERR_OK)
		rc = store_manual_list(c->store, -1, on_manual_row, &r, e);
	if (rc == ERR_OK) {
		r.slots = xmalloc(BATCH * sizeof *r.slots);
		r.out = xmalloc((size_t)BATCH * r.n_ind * sizeof *r.out);
		r.counts = xmalloc(BATCH * sizeof *r.counts);
		r.dropped = xcalloc(r.n_ind, sizeof *r.dropped);
		r.have = xcalloc(r.n_ind, sizeof *r.have);
		rc = store_firms_scan(c->store, on_firm, &r, e);
	}
	if (rc == ERR_OK && r.n_slots > 0)
		flush(&r);

	struct tally *t = xcalloc(r.n_ind ? r.n_ind : 1, sizeof *t);
	struct member_row *rows = NULL;
	if (rc == ERR_OK) {
		rows = xmalloc((r.n_found ? r.n_found : 1) * sizeof *rows);
		for (size_t i = 0; i < r.n_found; i++) {
			const struct found *f = &r.found[i];
			rows[i] = (struct member_row){
				.enterprise = f->enterprise,
				.industry = c->programme->industries[f->industry].id,
				.source = f->manual ? MEMBER_MANUAL : MEMBER_RULE,
				.rule_set = f->manual ? -1 : k.rs->version,
				.rule = f->manual ? -1 : (long long)f->rule,
				.rule2 = f->manual || f->rule2 == UINT32_MAX ? -1 : (long long)f->rule2,
			};
			struct tally *ti = &t[f->industry];
			ti->members++;
			if (f->manual)
				ti->manual++;
			else if (f->by_class)
				ti->by_class++;
			else
				ti->by_keyword++;
		}
		rc = store_members_replace(c->store, rows, r.n_found, e);
		json_t *after = json_pack("{s:I}", "memberships", (json_int_t)r.n_found);
		if (rc == ERR_OK)
			rc = cli_audit(c->store, o->user, "classify", "memberships", NULL, after, e);
		json_decref(after);
	}
	int exit_code = rc == ERR_OK ? print_summary(&r, t, o) : cli_fail(e);
	free(rows);
	free(t);
	free(r.found);
	free(r.manual);
	free(r.slots);
	free(r.out);
	free(r.counts);
	free(r.dropped);
	free(r.have);
	buf_free(&r.text);
	buf_free(&r.one);
	compiled_free(&k);
	return exit_code;
}

/* ---- explain ---- */

struct firm_copy {
	bool found;
	long long id;
	char *uscc, *name, *code;
	struct buf text;
};

static int copy_firm(void *ctx, const struct store_firm *f)
{
	struct firm_copy *fc = ctx;
	fc->found = true;
	fc->id = f->id;
	fc->uscc = xstrdup(f->uscc ? f->uscc : "");
	fc->name = xstrdup(f->name ? f->name : "");
	fc->code = xstrdup(f->industry_code ? f->industry_code : "");
	firm_text(f, &fc->text);
	return 0;
}

static char *normalized(const char *s, size_t len)
{
	size_t need = classify_normalize(s, len, NULL, 0);
	char *out = xmalloc(need + 1);
	(void)classify_normalize(s, len, out, need + 1);
	return out;
}

/* Occurrences of needle in hay (non-overlapping scan by one byte, so overlaps count too). */
static size_t occurrences(const char *hay, const char *needle, size_t *pos, size_t cap)
{
	size_t n = 0, nl = strlen(needle);
	if (nl == 0)
		return 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) {
		if (n < cap)
			pos[n] = (size_t)(p - hay);
		n++;
	}
	return n;
}

static json_t *rule_json(const struct rule_row *r)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:b, s:s}", "id", (json_int_t)r->id, "kind",
	                 rule_kind_name(r->kind), "code", r->code, "text", r->text, "partial", r->partial,
	                 "reason", r->reason);
}

static const char *rule_label(const struct rule_row *r, char *buf, size_t cap)
{
	if (r->kind == RULE_CLASS)
		(void)snprintf(buf, cap, "规则%u 行业代码%s%s", r->id, r->code, r->partial ? "（部分属于）" : "");
	else
		(void)snprintf(buf, cap, "规则%u %s“%s”", r->id, rule_kind_label_zh(r->kind), r->text);
	return buf;
}

struct manual_list {
	json_t *arr;
	struct cli_ctx *c;
};

static int on_explain_manual(void *ctx, const struct manual_row *m)
{
	struct manual_list *l = ctx;
	const struct industry *ind = programme_industry(l->c->programme, m->industry);
	json_array_append_new(l->arr, json_pack("{s:s, s:s, s:s, s:s, s:b, s:s, s:s}", "uscc",
	                                        m->uscc ? m->uscc : "", "name", m->name ? m->name : "",
	                                        "industry", m->industry, "industry_name",
	                                        ind ? ind->name_zh : m->industry, "include", m->include,
	                                        "note", m->note ? m->note : "", "created_at",
	                                        m->created_at ? m->created_at : ""));
	return 0;
}

static int on_stored(void *ctx, const struct member_row *m)
{
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:I, s:I, s:I}", "industry", m->industry,
	                                     "source", m->source == MEMBER_MANUAL ? "manual" : "rule",
	                                     "rule_set", (json_int_t)m->rule_set, "rule",
	                                     (json_int_t)m->rule, "rule2", (json_int_t)m->rule2));
	return 0;
}

/* Keyword hits and the exclusions that voided them, found by plain search for display. */
static void explain_hits(const struct compiled *k, const struct programme *p, const char *text,
                         json_t *hits, json_t *voided)
{
	const struct rule_set *rs = k->rs;
	enum { MAXPOS = 64 };
	for (size_t i = 0; i < rs->n; i++) {
		const struct rule_row *kw = &rs->rules[i];
		if (kw->kind != RULE_KEYWORD)
			continue;
		char *nk = normalized(kw->text, strlen(kw->text));
		size_t pos[MAXPOS];
		size_t n = occurrences(text, nk, pos, MAXPOS), live = 0;
		if (n > MAXPOS)
			n = MAXPOS;
		json_t *by = json_array();
		for (size_t a = 0; a < n; a++) {
			bool inside = false;
			for (size_t j = 0; j < rs->n && !inside; j++) {
				const struct rule_row *x = &rs->rules[j];
				if (x->kind != RULE_EXCLUDE || strcmp(x->industry, kw->industry) != 0)
					continue;
				char *nx = normalized(x->text, strlen(x->text));
				size_t xp[MAXPOS];
				size_t nxo = occurrences(text, nx, xp, MAXPOS);
				for (size_t b = 0; b < nxo && b < MAXPOS && !inside; b++)
					if (xp[b] <= pos[a] && pos[a] + strlen(nk) <= xp[b] + strlen(nx)) {
						inside = true;
						json_array_append_new(by, json_pack("{s:I, s:s, s:I}", "rule",
						                                    (json_int_t)x->id, "text", x->text,
						                                    "at", (json_int_t)pos[a]));
					}
				free(nx);
			}
			if (!inside)
				live++;
		}
		if (n > 0) {
			const struct industry *ind = programme_industry(p, kw->industry);
			json_t *h = json_pack("{s:I, s:s, s:s, s:s, s:I, s:I}", "rule", (json_int_t)kw->id,
			                      "industry", kw->industry, "industry_name", ind ? ind->name_zh : "",
			                      "keyword", kw->text, "count", (json_int_t)n, "voided",
			                      (json_int_t)(n - live));
			json_array_append_new(hits, h);
			if (live < n)
				json_array_append_new(voided, json_pack("{s:I, s:s, s:s, s:O}", "rule",
				                                        (json_int_t)kw->id, "industry", kw->industry,
				                                        "keyword", kw->text, "by", by));
		}
		json_decref(by);
		free(nk);
	}
}

static void print_explain(json_t *x)
{
	json_t *f = json_object_get(x, "enterprise");
	(void)printf("企业：%s（%s）\n", json_string_value(json_object_get(f, "name")),
	             json_string_value(json_object_get(f, "uscc")));
	const char *code = json_string_value(json_object_get(f, "industry_code"));
	const char *cname = json_string_value(json_object_get(f, "industry_code_name"));
	(void)printf("行业代码：%s %s\n", code[0] ? code : "（未填）", cname ? cname : "");
	(void)printf("文本（规范化后）：%s\n", json_string_value(json_object_get(x, "text")));
	json_t *rs = json_object_get(x, "rule_set");
	(void)printf("规则集：版本%lld（%s）\n", (long long)json_integer_value(json_object_get(rs, "version")),
	             json_string_value(json_object_get(rs, "name")));
	size_t i;
	json_t *v;
	(void)printf("\n关键词命中：\n");
	json_array_foreach(json_object_get(x, "hits"), i, v)
		(void)printf("  “%s” → %s（规则%lld）%lld处%s\n", json_string_value(json_object_get(v, "keyword")),
		             json_string_value(json_object_get(v, "industry_name")),
		             (long long)json_integer_value(json_object_get(v, "rule")),
		             (long long)json_integer_value(json_object_get(v, "count")),
		             json_integer_value(json_object_get(v, "voided")) > 0 ? "，其中有被排除的" : "");
	if (json_array_size(json_object_get(x, "hits")) == 0)
		(void)printf("  （无）\n");
	(void)printf("\n被排除词作废的命中：\n");
	json_array_foreach(json_object_get(x, "voided"), i, v) {
		size_t j;
		json_t *b;
		json_array_foreach(json_object_get(v, "by"), j, b)
			(void)printf("  “%s”（规则%lld）在排除词“%s”（规则%lld）之内\n",
			             json_string_value(json_object_get(v, "keyword")),
			             (long long)json_integer_value(json_object_get(v, "rule")),
			             json_string_value(json_object_get(b, "text")),
			             (long long)json_integer_value(json_object_get(b, "rule")));
	}
	if (json_array_size(json_object_get(x, "voided")) == 0)
		(void)printf("  （无）\n");
	(void)printf("\n归属：\n");
	json_array_foreach(json_object_get(x, "memberships"), i, v) {
		(void)printf("  %s：%s\n", json_string_value(json_object_get(v, "industry_name")),
		             json_string_value(json_object_get(v, "how")));
		size_t j;
		json_t *r;
		json_array_foreach(json_object_get(v, "rules"), j, r)
			(void)printf("    规则%lld：%s\n", (long long)json_integer_value(json_object_get(r, "id")),
			             json_string_value(json_object_get(r, "reason")));
	}
	if (json_array_size(json_object_get(x, "memberships")) == 0)
		(void)printf("  （未归入任何产业）\n");
	(void)printf("\n人工指定：\n");
	json_array_foreach(json_object_get(x, "manual"), i, v) {
		const char *note = json_string_value(json_object_get(v, "note"));
		(void)printf("  %s：%s%s%s\n", json_string_value(json_object_get(v, "industry_name")),
		             json_is_true(json_object_get(v, "include")) ? "人工纳入" : "人工排除",
		             note && note[0] ? "，" : "", note ? note : "");
	}
	if (json_array_size(json_object_get(x, "manual")) == 0)
		(void)printf("  （无）\n");
	if (json_is_false(json_object_get(x, "stored_matches")))
		(void)printf("\n注意：已保存的归属与上面不同，运行 jiqun classify 更新。\n");
}

static int do_explain(struct cli_ctx *c, const struct opts *o, struct err *e)
{
	struct compiled k = {0};
	struct firm_copy fc = {0};
	buf_init(&fc.text, BUF_NO_CAP);
	enum err_code rc = store_firm_get(c->store, o->explain, copy_firm, &fc, e);
	if (rc == ERR_OK)
		rc = compile_active(c, &k, e);
	json_t *x = NULL;
	if (rc == ERR_OK) {
		const struct programme *p = c->programme;
		char *text = normalized(buf_str(&fc.text), fc.text.len);
		const struct industry_code *ic = fc.code[0] ? industry_code_find(c->codes, fc.code) : NULL;
		json_t *hits = json_array(), *voided = json_array(), *members = json_array();
		json_t *stored = json_array();
		struct manual_list ml = {json_array(), c};
		explain_hits(&k, p, text, hits, voided);
		rc = store_manual_list(c->store, fc.id, on_explain_manual, &ml, e);
		if (rc == ERR_OK)
			rc = store_members_scan(c->store, fc.id, on_stored, stored, e);

		struct membership ms[1024];
		struct classify_scratch *scratch = classify_scratch_new(k.cl);
		size_t n = classify_one(k.cl, scratch, fc.code, buf_str(&fc.text), fc.text.len, ms, 1024);
		classify_scratch_free(scratch);
		bool in[1024] = {false};
		for (size_t i = 0; i < n && i < 1024; i++) {
			const struct industry *ind = &p->industries[ms[i].industry];
			bool excluded = false;
			size_t j;
			json_t *m;
			json_array_foreach(ml.arr, j, m)
				if (strcmp(json_string_value(json_object_get(m, "industry")), ind->id) == 0 &&
				    json_is_false(json_object_get(m, "include")))
					excluded = true;
			json_t *rules = json_array();
			const struct rule_row *r1 = rule_by_id(k.rs, ms[i].rule);
			const struct rule_row *r2 = ms[i].rule2 != UINT32_MAX ? rule_by_id(k.rs, ms[i].rule2) : NULL;
			char how[256], l1[160], l2[160];
			if (r1)
				json_array_append_new(rules, rule_json(r1));
			if (r2)
				json_array_append_new(rules, rule_json(r2));
			(void)snprintf(how, sizeof how, "%s%s%s%s%s", r1 ? rule_label(r1, l1, sizeof l1) : "",
			               r2 ? "，由" : "", r2 ? rule_label(r2, l2, sizeof l2) : "", r2 ? "确认" : "",
			               excluded ? "；但已被人工排除，不计入" : "");
			in[ms[i].industry] = !excluded;
			json_array_append_new(members, json_pack("{s:s, s:s, s:s, s:b, s:b, s:s, s:o}", "industry",
			                                         ind->id, "industry_name", ind->name_zh, "source",
			                                         "rule", "by_class", ms[i].by_class, "effective",
			                                         !excluded, "how", how, "rules", rules));
		}
		size_t j;
		json_t *m;
		json_array_foreach(ml.arr, j, m) {
			const struct industry *ind = programme_industry(p, json_string_value(json_object_get(m, "industry")));
			if (ind == NULL || !json_is_true(json_object_get(m, "include")))
				continue;
			bool by_rule = false;
			for (size_t i = 0; i < n && i < 1024; i++)
				by_rule = by_rule || ms[i].industry == (unsigned)(ind - p->industries);
			if (by_rule)
				continue;
			in[ind - p->industries] = true;
			json_array_append_new(members, json_pack("{s:s, s:s, s:s, s:b, s:b, s:s, s:[]}", "industry",
			                                         ind->id, "industry_name", ind->name_zh, "source",
			                                         "manual", "by_class", 0, "effective", 1, "how",
			                                         "人工纳入", "rules"));
		}
		/* does the stored result (last run) equal the effective one now? */
		size_t n_in = 0;
		for (size_t i = 0; i < p->n_industries && i < 1024; i++)
			n_in += in[i];
		bool same = json_array_size(stored) == n_in;
		json_array_foreach(stored, j, m) {
			const struct industry *ind = programme_industry(p, json_string_value(json_object_get(m, "industry")));
			if (ind == NULL || !in[ind - p->industries])
				same = false;
		}
		x = json_pack("{s:{s:s, s:s, s:s, s:s}, s:s, s:{s:i, s:s}, s:o, s:o, s:o, s:o, s:o, s:b}",
		              "enterprise", "uscc", fc.uscc, "name", fc.name, "industry_code", fc.code,
		              "industry_code_name", ic ? ic->name : "", "text", text, "rule_set", "version",
		              k.rs->version, "name", k.rs->name, "hits", hits, "voided", voided,
		              "memberships", members, "manual", ml.arr, "stored", stored, "stored_matches",
		              same);
		free(text);
	}
	int exit_code;
	if (rc != ERR_OK) {
		json_decref(x);
		exit_code = cli_fail(e);
	} else if (o->json) {
		exit_code = cli_print_json(x);
	} else {
		print_explain(x);
		json_decref(x);
		exit_code = EXIT_OK;
	}
	free(fc.uscc);
	free(fc.name);
	free(fc.code);
	buf_free(&fc.text);
	compiled_free(&k);
	return exit_code;
}

/* ---- manual memberships ---- */

static int do_manual(struct cli_ctx *c, const struct opts *o, int argc, char **argv, struct err *e)
{
	if (o->action == OPT_MANUAL) {
		struct manual_list ml = {json_array(), c};
		if (store_manual_list(c->store, -1, on_explain_manual, &ml, e) != ERR_OK) {
			json_decref(ml.arr);
			return cli_fail(e);
		}
		if (o->json)
			return cli_print_json(ml.arr);
		static const char *const head[] = {"统一社会信用代码", "企业", "产业", "人工", "说明", "时间"};
		struct table *t = table_new(6, head, NULL);
		size_t i;
		json_t *v;
		json_array_foreach(ml.arr, i, v) {
			const char *row[] = {json_string_value(json_object_get(v, "uscc")),
			                     json_string_value(json_object_get(v, "name")),
			                     json_string_value(json_object_get(v, "industry_name")),
			                     json_is_true(json_object_get(v, "include")) ? "纳入" : "排除",
			                     json_string_value(json_object_get(v, "note")),
			                     json_string_value(json_object_get(v, "created_at"))};
			table_add(t, row);
		}
		table_print(t, stdout);
		table_free(t);
		json_decref(ml.arr);
		return EXIT_OK;
	}
	if (argc != 2)
		return cli_usage(&cmd_classify, "--include, --exclude and --clear take USCC INDUSTRY");
	const struct industry *ind = find_industry(c->programme, argv[1]);
	if (ind == NULL) {
		(void)err_set(e, ERR_USAGE, "没有产业“%s”(no industry '%s'); `jiqun catalog list` shows them",
		              argv[1], argv[1]);
		return cli_fail(e);
	}
	struct firm_copy fc = {0};
	buf_init(&fc.text, BUF_NO_CAP);
	enum err_code rc = store_firm_get(c->store, argv[0], copy_firm, &fc, e);
	if (rc == ERR_OK && o->action == OPT_CLEAR)
		rc = store_manual_remove(c->store, fc.id, ind->id, e);
	else if (rc == ERR_OK)
		rc = store_manual_set(c->store, fc.id, ind->id, o->action == OPT_INCLUDE, o->note, e);
	if (rc == ERR_OK) {
		char key[160];
		(void)snprintf(key, sizeof key, "%s / %s", argv[0], ind->id);
		json_t *after = json_pack("{s:s, s:s?}", "membership",
		                          o->action == OPT_CLEAR     ? "cleared"
		                          : o->action == OPT_INCLUDE ? "include"
		                                                     : "exclude",
		                          "note", o->note);
		rc = cli_audit(c->store, o->user, "manual-membership", "memberships", key, after, e);
		json_decref(after);
	}
	if (rc == ERR_OK)
		(void)printf("%s %s：%s。下次运行 jiqun classify 时生效 (takes effect on the next classify)\n",
		             fc.name, ind->name_zh,
		             o->action == OPT_CLEAR     ? "已取消人工指定"
		             : o->action == OPT_INCLUDE ? "已人工纳入"
		                                        : "已人工排除");
	free(fc.uscc);
	free(fc.name);
	free(fc.code);
	buf_free(&fc.text);
	return rc == ERR_OK ? EXIT_OK : cli_fail(e);
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"json", no_argument, NULL, OPT_JSON},
		{"explain", required_argument, NULL, OPT_EXPLAIN},
		{"include", no_argument, NULL, OPT_INCLUDE},
		{"exclude", no_argument, NULL, OPT_EXCLUDE},
		{"clear", no_argument, NULL, OPT_CLEAR},
		{"manual", no_argument, NULL, OPT_MANUAL},
		{"note", required_argument, NULL, OPT_NOTE},
		{"user", required_argument, NULL, OPT_USER},
		{0, 0, 0, 0},
	};
	struct opts o = {0};
	int first, rc = cli_parse(&cmd_classify, argc, argv, opts, on_opt, &o, &first);
	if (rc != -1)
		return rc;
	bool takes_args = o.action == OPT_INCLUDE || o.action == OPT_EXCLUDE || o.action == OPT_CLEAR;
	if (!takes_args && first < argc)
		return cli_usage(&cmd_classify, "unexpected argument '%s'", argv[first]);
	if (o.note && o.action != OPT_INCLUDE && o.action != OPT_EXCLUDE)
		return cli_usage(&cmd_classify, "--note goes with --include or --exclude");

	struct err e = {0};
	struct cli_ctx c = {0};
	bool writes = o.action == 0 || takes_args;
	if (cli_ctx_open(&c, cli_db_path(o.db), &e) != ERR_OK ||
	    (writes && cli_require(c.store, o.user, AUTHZ_ADMIN, &e) != ERR_OK)) {
		cli_ctx_close(&c);
		return cli_fail(&e);
	}
	if (o.action == 0)
		rc = do_classify(&c, &o, &e);
	else if (o.action == OPT_EXPLAIN)
		rc = do_explain(&c, &o, &e);
	else
		rc = do_manual(&c, &o, argc - first, argv + first, &e);
	cli_ctx_close(&c);
	return rc;
}

const struct cli_cmd cmd_classify = {
	.name = "classify",
	.summary = "tag enterprises to the 20+8 industries; explain one; manual memberships",
	.usage = "jiqun classify [--json]\n"
	         "       jiqun classify --explain USCC [--json]\n"
	         "       jiqun classify --include USCC INDUSTRY [--note TEXT]\n"
	         "       jiqun classify --exclude USCC INDUSTRY [--note TEXT]\n"
	         "       jiqun classify --clear USCC INDUSTRY\n"
	         "       jiqun classify --manual [--json]\n"
	         "       (all take [--db PATH]; those that write take [--user NAME], a city admin)",
	.help = "Runs the active rule set (`jiqun rules list`) over every stored enterprise: its GB/T\n"
	        "4754 class, and keywords in its business scope and main products (full-width and\n"
	        "half-width forms alike). An enterprise may belong to several industries. Manual\n"
	        "memberships override the rules: --include adds the enterprise to the industry\n"
	        "whatever the rules say, --exclude keeps it out, --clear removes the manual entry so\n"
	        "the rules decide again. They take effect on the next run. The memberships are\n"
	        "replaced as a whole, in one transaction; the summary shows per industry the members,\n"
	        "how many by class, by keyword and by manual inclusion, and the unclassified count.\n\n"
	        "  --explain USCC   why the enterprise is where it is: its class, its normalised text\n"
	        "                   with the keyword hits, the exclusions that voided hits, each\n"
	        "                   membership with its rules and reasons, the manual entries\n"
	        "  --include / --exclude / --clear USCC INDUSTRY   a manual membership (INDUSTRY:\n"
	        "                   id or Chinese name); --note TEXT says why\n"
	        "  --manual         list the manual memberships\n"
	        "  --json           print JSON\n\n"
	        "Example:\n"
	        "  jiqun classify --exclude 91440300MA5XXXXXX0 高端医疗器械 --note 只做贸易\n",
	.run = run,
};
