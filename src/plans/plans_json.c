/* plans_json.c - plans and their progress as JSON, for `jiqun plans|targets --json` and the API;
 * see plans.h. */
#include "plans/plans.h"

json_t *plans_target_json(const struct plans_set *set, const struct plan_target *t)
{
	json_t *o = json_pack("{s:s, s:i, s:s, s:s, s:s, s:i, s:i, s:f, s:s, s:s}", "level",
	                      plan_level_name(t->level), "version", set->version[t->level], "scope",
	                      plan_scope_name(t->scope), "key", t->key, "indicator", t->indicator,
	                      "year", t->year, "base_year", t->base_year, "value", t->value, "unit",
	                      t->unit, "note", t->note);
	json_object_set_new(o, "threshold", t->has_threshold ? json_real(t->threshold) : json_null());
	json_object_set_new(o, "source", json_string(set->version[t->level] ? "imported" : "built-in"));
	return o;
}

static json_t *num_or_reason(bool has, double v, enum tgt_reason why)
{
	return has ? json_real(v) : json_pack("{s:s, s:s}", "reason", tgt_reason_name(why), "text",
	                                      tgt_reason_zh(why));
}

json_t *plans_progress_json(const struct plans_set *set, const struct plans_progress *g)
{
	json_t *o = plans_target_json(set, g->target);
	const struct tgt_result *r = &g->r;
	json_object_set_new(o, "actual_source", g->source ? json_string(g->source) : json_null());
	if (g->is_count) {
		json_object_set_new(o, "count", g->count_known ? json_integer(g->count) : json_null());
		json_object_set_new(o, "industries_with_data", json_integer(g->count_known));
	}
	json_object_set_new(o, "share", num_or_reason(r->has_share, r->share, r->why_share));
	json_object_set_new(o, "elapsed", num_or_reason(r->has_elapsed, r->elapsed, r->why_elapsed));
	if (!g->is_count) {
		json_object_set_new(o, "growth_needed_pct",
		                    num_or_reason(r->has_needed, r->needed_pct, r->why_needed));
		json_object_set_new(o, "projection",
		                    r->has_projection
		                            ? json_pack("{s:f, s:f, s:f, s:f, s:f, s:f, s:i}", "value",
		                                        r->projected, "low", r->projected_low, "high",
		                                        r->projected_high, "trend_pct", r->trend_pct,
		                                        "growth_min_pct", r->growth_min_pct,
		                                        "growth_max_pct", r->growth_max_pct, "points",
		                                        r->points)
		                            : num_or_reason(false, 0, r->why_projection));
	}
	json_object_set_new(o, "status", json_string(tgt_status_name(r->status)));
	json_object_set_new(o, "status_zh", json_string(tgt_status_label_zh(r->status)));
	return o;
}
