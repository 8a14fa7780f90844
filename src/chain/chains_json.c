/*
 * chains_json.c - the JSON of chain maps with their coverage, the critical gaps and the
 * suggestions, shared by `jiqun chain ... --json` and /api/v1/chains. Money in yuan; shares and
 * HHI as numbers (null when a node has no enterprise).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chain/chains.h"
#include "model/indicator.h"

static json_t *num_or_null(double v)
{
	return isnan(v) ? json_null() : json_real(v);
}

static json_t *split(const char *s)
{
	json_t *a = json_array();
	while (s && *s) {
		size_t len = strcspn(s, "|");
		const char *p = s;
		size_t l = len;
		while (l > 0 && *p == ' ') {
			p++;
			l--;
		}
		while (l > 0 && p[l - 1] == ' ')
			l--;
		if (l > 0)
			json_array_append_new(a, json_stringn(p, l));
		s += len;
		if (*s == '|')
			s++;
	}
	return a;
}

void chains_value_label(const struct chains_all *a, char *out, size_t cap)
{
	if (a->value_indicator < 0)
		(void)snprintf(out, cap, "%s", "");
	else
		(void)snprintf(out, cap, "%d年%s", a->value_year,
		               indicator_defs[a->value_indicator].name_zh);
}

static json_t *firm_json(const struct chains_all *a, size_t f)
{
	const struct chains_firm *x = &a->firms[f];
	return json_pack("{s:s, s:s, s:o}", "uscc", x->uscc, "name", x->name, "value",
	                 num_or_null(x->value));
}

/* How firm f was tagged to node k (directly): "keyword", "class", "both", or below a sub-node. */
static const char *how(const struct chains_view *v, size_t node, size_t firm)
{
	for (size_t i = 0; i < v->n_pairs; i++)
		if (v->pairs[i].node == node && v->pairs[i].firm == firm) {
			unsigned h = v->pair_hits[i];
			return h == (CHAIN_HIT_KEYWORD | CHAIN_HIT_CLASS) ? "关键词和行业代码"
			       : h == CHAIN_HIT_KEYWORD                  ? "关键词"
			                                                 : "行业代码";
		}
	return "下级环节";
}

json_t *chains_node_json(const struct chains_all *a, const struct chains_view *v, size_t i,
                         bool with_firms)
{
	const struct chain_node *n = &v->nodes[i];
	const struct chain_node_cov *c = &v->cov.nodes[i];
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(n->id));
	json_object_set_new(o, "name", json_string(n->name));
	json_object_set_new(o, "stage", json_string(chain_stage_name(n->stage)));
	json_object_set_new(o, "parent", n->parent >= 0 ? json_string(v->nodes[n->parent].id)
	                                                : json_null());
	json_object_set_new(o, "critical", json_boolean(n->critical));
	json_object_set_new(o, "keywords", split(n->keywords));
	json_object_set_new(o, "industry_codes", split(n->codes));
	json_object_set_new(o, "basis", json_string(v->basis[i]));
	json_object_set_new(o, "count", json_integer(c->count));
	json_object_set_new(o, "direct", json_integer(c->direct));
	json_object_set_new(o, "status", json_string(chain_status_name(c->status)));
	json_object_set_new(o, "status_zh", json_string(chain_status_zh(c->status)));
	json_object_set_new(o, "value", c->n_value > 0 ? json_real(c->value) : json_null());
	json_object_set_new(o, "value_firms", json_integer(c->n_value));
	json_object_set_new(o, "top1_pct", num_or_null(c->top1_pct));
	json_object_set_new(o, "top2_pct", num_or_null(c->top2_pct));
	json_object_set_new(o, "hhi", num_or_null(c->hhi));
	json_object_set_new(o, "shares_by", json_string(c->count == 0 ? "none"
	                                                : c->by_value ? "value" : "count"));
	json_object_set_new(o, "concentrated", json_boolean(c->concentrated));
	json_object_set_new(o, "supply_total", json_real(c->supply_total));
	json_object_set_new(o, "outside_pct", num_or_null(c->outside_pct));
	json_t *leaders = json_array();
	for (size_t k = 0; k < c->n_leaders; k++)
		json_array_append_new(leaders, firm_json(a, c->leaders[k]));
	json_object_set_new(o, "leaders", leaders);
	if (with_firms) {
		json_t *firms = json_array();
		for (long k = 0; k < c->count; k++) {
			json_t *f = firm_json(a, c->firms[k]);
			json_object_set_new(f, "matched_by", json_string(how(v, i, c->firms[k])));
			json_array_append_new(firms, f);
		}
		json_object_set_new(o, "enterprises", firms);
	}
	return o;
}

static json_t *by_status(const struct chain_cov *c)
{
	json_t *o = json_object();
	for (int s = 0; s < CHAIN_STATUSES; s++)
		json_object_set_new(o, chain_status_name((enum chain_status)s), json_integer(c->by_status[s]));
	return o;
}

static json_t *coverage_json(const struct chains_all *a, const struct chains_view *v)
{
	char label[64];
	chains_value_label(a, label, sizeof label);
	long tagged = 0; /* pairs come grouped by firm */
	for (size_t i = 0; i < v->n_pairs; i++)
		tagged += i == 0 || v->pairs[i].firm != v->pairs[i - 1].firm;
	json_t *o = json_object();
	json_object_set_new(o, "industry", json_string(v->ind->id));
	json_object_set_new(o, "industry_name", json_string(v->ind->name_zh));
	json_object_set_new(o, "score", json_real(round(v->cov.score * 10) / 10));
	json_object_set_new(o, "formula", json_string(CHAIN_SCORE_FORMULA));
	json_object_set_new(o, "leaves", json_integer(v->cov.leaves));
	json_object_set_new(o, "critical_leaves", json_integer(v->cov.critical_leaves));
	json_object_set_new(o, "by_status", by_status(&v->cov));
	json_object_set_new(o, "members", json_integer(v->members));
	json_object_set_new(o, "tagged", json_integer(tagged));
	json_object_set_new(o, "settings",
	                    json_pack("{s:I, s:I, s:f}", "strong_min", (json_int_t)a->set.strong_min,
	                              "present_min", (json_int_t)a->set.present_min, "concentration",
	                              a->set.concentration));
	json_object_set_new(o, "value_label", json_string(label));
	json_object_set_new(o, "value_unit", json_string("元"));
	json_object_set_new(o, "supply_relations", json_integer(a->supply_relations));
	json_object_set_new(o, "source",
	                    json_string("产业链图谱：政策原文的细分领域和技术攻关方向；企业：企业名录中属于本产业的企业"
	                                "（jiqun classify），按关键词和行业代码标注到环节"));
	return o;
}

json_t *chains_view_json(const struct chains_all *a, const struct chains_view *v, bool with_firms)
{
	json_t *nodes = json_array();
	for (size_t i = 0; i < v->n; i++)
		json_array_append_new(nodes, chains_node_json(a, v, i, with_firms));
	return json_pack("{s:o, s:o}", "nodes", nodes, "coverage", coverage_json(a, v));
}

json_t *chains_summary_json(const struct chains_all *a)
{
	json_t *arr = json_array();
	for (size_t k = 0; k < a->n; k++) {
		const struct chains_view *v = &a->views[k];
		json_array_append_new(
			arr, json_pack("{s:s, s:s, s:s, s:f, s:I, s:I, s:I, s:o, s:I}", "industry", v->ind->id,
			               "name", v->ind->name_zh, "kind", industry_kind_name(v->ind->kind),
			               "score", round(v->cov.score * 10) / 10, "nodes", (json_int_t)v->n,
			               "leaves", (json_int_t)v->cov.leaves, "critical_gaps",
			               (json_int_t)v->cov.by_status[CHAIN_CRITICAL_GAP], "by_status",
			               by_status(&v->cov), "members", (json_int_t)v->members));
	}
	return arr;
}

json_t *chains_gaps_json(const struct chains_all *a)
{
	json_t *arr = json_array();
	for (size_t k = 0; k < a->n; k++) {
		const struct chains_view *v = &a->views[k];
		for (size_t i = 0; i < v->n; i++) {
			if (v->cov.nodes[i].status != CHAIN_CRITICAL_GAP)
				continue;
			const struct chain_node *n = &v->nodes[i];
			json_array_append_new(
				arr, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s}", "industry",
				               v->ind->id, "industry_name", v->ind->name_zh, "node", n->id,
				               "name", n->name, "stage", chain_stage_name(n->stage), "stage_zh",
				               chain_stage_zh(n->stage), "count", (json_int_t)v->cov.nodes[i].count,
				               "status", chain_status_name(v->cov.nodes[i].status), "basis",
				               v->basis[i]));
		}
	}
	return arr;
}

json_t *chains_suggestions_json(const struct chains_view *v, const struct chains_suggestions *x)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < x->n; i++) {
		const struct chains_suggestion *s = &x->items[i];
		const struct chain_node *n = &v->nodes[s->node];
		json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:f, s:s}", "node", n->id, "node_name",
		                      n->name, "node_status",
		                      chain_status_name(v->cov.nodes[s->node].status), "name", s->c.name,
		                      "city", s->c.city ? s->c.city : "", "score", s->score, "reason",
		                      s->reason);
		json_object_set_new(o, "uscc", s->c.uscc ? json_string(s->c.uscc) : json_null());
		json_object_set_new(o, "size", s->c.size ? json_string(s->c.size) : json_null());
		json_object_set_new(o, "zjtx", s->c.zjtx ? json_string(s->c.zjtx) : json_null());
		json_object_set_new(o, "listed_board",
		                    s->c.listed_board ? json_string(s->c.listed_board) : json_null());
		json_object_set_new(o, "revenue", num_or_null(s->c.revenue));
		json_array_append_new(arr, o);
	}
	return arr;
}
