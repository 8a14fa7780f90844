/* targets.c - progress towards a target, growth needed and the trend projection; see targets.h. */
#include "engine/targets.h"

#include <math.h>

double targets_elapsed(const struct tgt_plan *plan, int year, int end_month, bool *ok)
{
	*ok = plan->target_year > plan->base_year && end_month >= 1 && end_month <= 12;
	if (!*ok)
		return 0;
	double t = (double)(year - plan->base_year) + (double)(end_month - 12) / 12.0;
	double f = t / (double)(plan->target_year - plan->base_year);
	return f < 0 ? 0 : f > 1 ? 1 : f;
}

/* The usable points sorted by year, at most `max` of the latest; returns how many. */
static size_t latest_points(const struct tgt_point *pts, size_t n, size_t max,
                            struct tgt_point out[TARGETS_MAX_WINDOW])
{
	size_t k = 0;
	/* Selection of the `max` latest years, kept in ascending order by insertion. */
	for (size_t i = 0; i < n; i++) {
		if (!pts[i].has || !isfinite(pts[i].value))
			continue;
		size_t at = k;
		while (at > 0 && out[at - 1].year > pts[i].year)
			at--;
		if (k == max) {
			if (at == 0)
				continue; /* older than everything kept */
			for (size_t j = 0; j + 1 < at; j++)
				out[j] = out[j + 1];
			out[at - 1] = pts[i];
			continue;
		}
		for (size_t j = k; j > at; j--)
			out[j] = out[j - 1];
		out[at] = pts[i];
		k++;
	}
	return k;
}

static void project(struct tgt_result *r, const struct tgt_plan *plan, const struct tgt_point *w,
                    size_t k)
{
	r->points = (int)k;
	if (k < 2) {
		r->why_projection = TGT_FEW_POINTS;
		return;
	}
	double mx = 0, my = 0;
	for (size_t i = 0; i < k; i++) {
		if (w[i].value <= 0) {
			r->why_projection = TGT_NONPOSITIVE;
			return;
		}
		mx += w[i].year;
		my += log(w[i].value);
	}
	mx /= (double)k;
	my /= (double)k;
	double sxx = 0, sxy = 0;
	for (size_t i = 0; i < k; i++) {
		double dx = w[i].year - mx;
		sxx += dx * dx;
		sxy += dx * (log(w[i].value) - my);
	}
	double b = sxy / sxx; /* sxx > 0: years are distinct */
	double gmin = INFINITY, gmax = -INFINITY;
	for (size_t i = 1; i < k; i++) {
		double g = pow(w[i].value / w[i - 1].value, 1.0 / (w[i].year - w[i - 1].year)) - 1;
		gmin = g < gmin ? g : gmin;
		gmax = g > gmax ? g : gmax;
	}
	const struct tgt_point *last = &w[k - 1];
	double ahead = plan->target_year - last->year;
	r->projected = exp(my + b * (plan->target_year - mx));
	r->projected_low = last->value * pow(1 + gmin, ahead);
	r->projected_high = last->value * pow(1 + gmax, ahead);
	r->trend_pct = (exp(b) - 1) * 100;
	r->growth_min_pct = gmin * 100;
	r->growth_max_pct = gmax * 100;
	if (!isfinite(r->projected) || !isfinite(r->projected_low) || !isfinite(r->projected_high) ||
	    !isfinite(r->trend_pct)) {
		r->projected = r->projected_low = r->projected_high = r->trend_pct = 0;
		r->growth_min_pct = r->growth_max_pct = 0;
		r->why_projection = TGT_NONPOSITIVE;
		return;
	}
	r->has_projection = true;
	r->why_projection = TGT_OK;
}

struct tgt_result targets_progress(const struct tgt_plan *plan, const struct tgt_point *pts,
                                   size_t n, int window, int period_year, int period_end_month)
{
	struct tgt_result r = {.why_share = TGT_NO_ACTUAL,
	                       .why_elapsed = TGT_NO_ACTUAL,
	                       .why_needed = TGT_NO_ACTUAL,
	                       .why_projection = TGT_NO_ACTUAL,
	                       .status = TGT_UNKNOWN};
	struct tgt_point w[TARGETS_MAX_WINDOW];
	if (window <= 0)
		window = TARGETS_DEFAULT_WINDOW;
	if (window > TARGETS_MAX_WINDOW)
		window = TARGETS_MAX_WINDOW;
	size_t k = latest_points(pts, n, (size_t)window, w);

	if (plan->target_year <= plan->base_year) {
		r.why_share = r.why_elapsed = r.why_needed = r.why_projection = TGT_BAD_PLAN;
		return r;
	}
	if (k > 0 || period_year > 0) {
		bool ok;
		int y = period_year > 0 ? period_year : w[k - 1].year;
		int m = period_year > 0 ? period_end_month : 12;
		r.elapsed = targets_elapsed(plan, y, m, &ok);
		r.has_elapsed = ok;
		r.why_elapsed = ok ? TGT_OK : TGT_BAD_PLAN;
	}
	if (!(plan->target > 0) || !isfinite(plan->target)) {
		r.why_share = r.why_needed = r.why_projection = TGT_NO_TARGET;
		return r;
	}
	if (k == 0)
		return r;

	const struct tgt_point *last = &w[k - 1];
	r.years_left = plan->target_year - last->year;
	if (last->value < 0) {
		r.why_share = TGT_NONPOSITIVE;
	} else {
		r.share = last->value / plan->target;
		r.has_share = true;
		r.why_share = TGT_OK;
	}
	if (r.years_left <= 0) {
		r.why_needed = TGT_PAST_TARGET;
	} else if (last->value <= 0) {
		r.why_needed = TGT_NONPOSITIVE;
	} else {
		double g = (pow(plan->target / last->value, 1.0 / r.years_left) - 1) * 100;
		r.has_needed = isfinite(g);
		r.needed_pct = r.has_needed ? g : 0;
		r.why_needed = r.has_needed ? TGT_OK : TGT_NONPOSITIVE;
	}
	if (r.years_left <= 0)
		r.why_projection = TGT_PAST_TARGET;
	else
		project(&r, plan, w, k);

	/* Time is up without reaching the target, or even the top of the range falls short. */
	bool short_anyway = r.years_left <= 0 || (r.has_projection && r.projected_high < plan->target);
	if (last->value >= plan->target)
		r.status = TGT_ACHIEVED;
	else if (short_anyway)
		r.status = TGT_OFF_TRACK;
	else if (!r.has_projection)
		r.status = TGT_UNKNOWN;
	else
		r.status = r.projected >= plan->target ? TGT_ON_TRACK : TGT_AT_RISK;
	return r;
}

int targets_count_reaching(const double *values, const bool *has, size_t n, double threshold)
{
	int c = 0;
	for (size_t i = 0; i < n; i++)
		if (has[i] && isfinite(values[i]) && values[i] >= threshold)
			c++;
	return c;
}

static const struct {
	const char *name, *zh;
} statuses[] = {
	[TGT_UNKNOWN] = {"unknown", "无法判断"},    [TGT_ACHIEVED] = {"achieved", "已达成"},
	[TGT_ON_TRACK] = {"on_track", "可望达成"},  [TGT_AT_RISK] = {"at_risk", "存在风险"},
	[TGT_OFF_TRACK] = {"off_track", "难以达成"},
};

static const struct {
	const char *name, *zh;
} reasons[] = {
	[TGT_OK] = {"ok", ""},
	[TGT_NO_ACTUAL] = {"no_actual", "无法计算：缺少实际值"},
	[TGT_NO_TARGET] = {"no_target", "无法计算：目标值缺失或不为正数"},
	[TGT_NONPOSITIVE] = {"nonpositive", "无法计算：实际值为零或负数"},
	[TGT_BAD_PLAN] = {"bad_plan", "无法计算：目标年份不晚于基期年份"},
	[TGT_PAST_TARGET] = {"past_target", "无法计算：已到目标年份"},
	[TGT_FEW_POINTS] = {"few_points", "无法计算：年度数据少于两年"},
};

const char *tgt_status_name(enum tgt_status s)
{
	return (unsigned)s < sizeof statuses / sizeof statuses[0] ? statuses[s].name : "unknown";
}

const char *tgt_status_label_zh(enum tgt_status s)
{
	return (unsigned)s < sizeof statuses / sizeof statuses[0] ? statuses[s].zh : "无法判断";
}

const char *tgt_reason_name(enum tgt_reason r)
{
	return (unsigned)r < sizeof reasons / sizeof reasons[0] ? reasons[r].name : "unknown";
}

const char *tgt_reason_zh(enum tgt_reason r)
{
	return (unsigned)r < sizeof reasons / sizeof reasons[0] ? reasons[r].zh : "无法计算";
}
