/* test_chart.c - the chart layout (src/report/chart.c): ticks, bar geometry, missing values,
 * empty charts, long labels, the gauge. Expected positions computed by hand from the layout rules. */
#include "testutil.h"

#include <math.h>

#include "report/chart.h"
#include "report/doc.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-6)

static void ticks(double lo, double hi, double first, double step, int count)
{
	double f, s;
	int n;
	chart_ticks(lo, hi, 5, &f, &s, &n);
	NEAR(f, first);
	NEAR(s, step);
	assert_int_equal(n, count);
}

static void test_ticks(void **state)
{
	(void)state;
	ticks(0, 87, 0, 20, 6);       /* 87/5 = 17.4 -> 20: 0..100 */
	ticks(0, 1.3, 0, 0.5, 4);     /* 0.26 -> 0.5: 0, 0.5, 1, 1.5 */
	ticks(-3.2, 18.7, -5, 5, 6);  /* 4.38 -> 5: -5..20 */
	ticks(10, 0, 0, 2, 6);        /* swapped */
	ticks(0, 0, 0, 0.2, 6);       /* nothing: 0..1 */
	ticks(5, 5, 2, 1, 7);         /* widened by half: 2.5..7.5 -> 2..8 */
	ticks(0, 2400, 0, 500, 6);    /* 480 -> 500 */
	ticks(0, 12, 0, 2.5, 6);      /* 2.4 -> 2.5: 0..12.5 */
}

static void test_text_width(void **state)
{
	(void)state;
	NEAR(chart_text_width("深圳", 10), 20);
	NEAR(chart_text_width("20", 10), 11.2);
	NEAR(chart_text_width("", 10), 0);
	NEAR(chart_text_width(NULL, 10), 0);
}

static size_t count(const struct chart_layout *l, enum chart_prim_kind k, uint32_t fill)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += l->p[i].kind == k && (fill == CHART_NONE || l->p[i].fill == fill);
	return n;
}

static const struct chart_prim *find_text(const struct chart_layout *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->p[i].kind == CHART_TEXT && strcmp(l->p[i].text, s) == 0)
			return &l->p[i];
	return NULL;
}

static const struct chart_prim *nth(const struct chart_layout *l, enum chart_prim_kind k,
                                    uint32_t fill, size_t i)
{
	for (size_t j = 0; j < l->n; j++)
		if (l->p[j].kind == k && l->p[j].fill == fill && i-- == 0)
			return &l->p[j];
	return NULL;
}

/*
 * Bars 10 and 20 in a 480 x 240 box, no unit, one series. Ticks 0..20 by 5; the widest tick label
 * "20" is 2 x 0.56 x 8.5 = 9.52 wide, so the plot starts at x0 = 17.52 and ends at 474: two slots
 * of 228.24. Labels "A", "B" fit: the axis is at 240 - 16 = 224; the plot top is 4 + 6 = 10. A bar
 * is 0.6 of its slot (136.944), centred (offset 45.648), drawn 0.5 in and 1 narrower.
 */
static void test_bar_geometry(void **state)
{
	(void)state;
	struct doc d;
	doc_init(&d, "t", "2025H1", "zh", "");
	const char *s[] = {"增加值"};
	const char *c[] = {"A", "B"};
	struct doc_chart *ch = &doc_add_chart(&d, DOC_CHART_BAR, "图", "", "", 1, s, 2, c)->chart;
	doc_chart_set(ch, 0, 0, 10);
	doc_chart_set(ch, 0, 1, 20);
	doc_chart_target(ch, 15, "目标");
	struct chart_layout l;
	chart_layout(ch, 480, 240, &l);
	assert_int_equal(count(&l, CHART_RECT, chart_color(0)), 2);
	const struct chart_prim *a = nth(&l, CHART_RECT, chart_color(0), 0);
	const struct chart_prim *b = nth(&l, CHART_RECT, chart_color(0), 1);
	NEAR(a->x, 63.668);
	NEAR(a->w, 135.944);
	NEAR(a->y, 117); /* 224 - 10/20 x 214 */
	NEAR(a->h, 107);
	NEAR(b->x, 291.908);
	NEAR(b->y, 10);
	NEAR(b->h, 214);
	/* value labels above the bars, centred */
	const struct chart_prim *t = NULL;
	for (size_t i = 0; i < l.n && !t; i++) /* not the tick label "10", anchored at its end */
		if (l.p[i].kind == CHART_TEXT && strcmp(l.p[i].text, "10") == 0 &&
		    l.p[i].anchor == CHART_MIDDLE)
			t = &l.p[i];
	assert_non_null(t);
	NEAR(t->x, 131.64);
	NEAR(t->y, 114);
	assert_int_equal(t->anchor, CHART_MIDDLE);
	/* the target: a dashed line at 224 - 15/20 x 214 = 63.5 across the plot, labelled */
	bool seen = false;
	for (size_t i = 0; i < l.n; i++) {
		if (l.p[i].kind == CHART_LINE && l.p[i].dashed) {
			NEAR(l.p[i].y, 63.5);
			NEAR(l.p[i].y2, 63.5);
			NEAR(l.p[i].x, 17.52);
			NEAR(l.p[i].x2, 474);
			seen = true;
		}
	}
	assert_true(seen);
	assert_non_null(find_text(&l, "目标 15"));
	/* tick labels 0..20 and category labels */
	assert_non_null(find_text(&l, "0"));
	assert_non_null(find_text(&l, "20"));
	assert_non_null(find_text(&l, "A"));
	chart_layout_free(&l);
	chart_layout_free(NULL);
	doc_free(&d);
}

static void test_missing_values(void **state)
{
	(void)state;
	struct doc d;
	doc_init(&d, "t", "2025H1", "zh", "");
	const char *s[] = {"x"};
	const char *c[] = {"1", "2", "3", "4"};
	struct doc_chart *bar = &doc_add_chart(&d, DOC_CHART_BAR, "b", "亿元", "", 1, s, 2, c)->chart;
	doc_chart_set(bar, 0, 1, 5.5);
	struct doc_chart *ln = &doc_add_chart(&d, DOC_CHART_LINE, "l", "%", "", 1, s, 4, c)->chart;
	doc_chart_set(ln, 0, 0, 1);
	doc_chart_set(ln, 0, 2, 3);
	doc_chart_set(ln, 0, 3, 4);
	struct chart_layout l;
	bar = &d.blocks[0].chart;
	chart_layout(bar, 480, 240, &l);
	assert_int_equal(count(&l, CHART_RECT, chart_color(0)), 1); /* no bar for NAN */
	assert_non_null(find_text(&l, "—"));                      /* but a mark */
	assert_non_null(find_text(&l, "5.50"));
	assert_non_null(find_text(&l, "单位：亿元"));
	for (size_t i = 0; i < l.n; i++)
		if (l.p[i].kind == CHART_RECT)
			assert_true(isfinite(l.p[i].y) && isfinite(l.p[i].h) && l.p[i].h >= 0);
	chart_layout_free(&l);
	chart_layout(ln, 480, 240, &l);
	/* the gap splits the line: 1 alone draws no segment, 3-4 one polyline of two points */
	assert_int_equal(count(&l, CHART_POLYLINE, CHART_NONE), 1);
	for (size_t i = 0; i < l.n; i++)
		if (l.p[i].kind == CHART_POLYLINE)
			assert_int_equal(l.p[i].npts, 2);
	assert_int_equal(count(&l, CHART_CIRCLE, CHART_NONE), 3);
	assert_non_null(find_text(&l, "4.0%")); /* percent unit: one decimal with % */
	chart_layout_free(&l);
	doc_free(&d);
}

static void test_empty(void **state)
{
	(void)state;
	struct doc d;
	doc_init(&d, "t", "2025H1", "zh", "");
	const char *s[] = {"x"};
	const char *c[] = {"a"};
	doc_add_chart(&d, DOC_CHART_BAR, "no categories", "", "", 1, s, 0, NULL);
	doc_add_chart(&d, DOC_CHART_HBAR, "all missing", "", "", 1, s, 1, c);
	doc_add_chart(&d, DOC_CHART_LINE, "no series", "", "", 0, NULL, 1, c);
	doc_add_chart(&d, DOC_CHART_GAUGE, "no value, no target", "", "", 1, s, 1, c);
	for (size_t i = 0; i < d.n; i++) {
		struct chart_layout l;
		const struct doc_chart *ch = &d.blocks[i].chart;
		NEAR(chart_height(ch, 480), 80);
		chart_layout(ch, 480, 80, &l);
		assert_non_null(find_text(&l, "暂无数据"));
		assert_int_equal(count(&l, CHART_RECT, CHART_NONE), 1); /* the frame only */
		assert_int_equal(count(&l, CHART_ARC, CHART_NONE), 0);
		chart_layout_free(&l);
	}
	doc_free(&d);
}

static void test_long_labels(void **state)
{
	(void)state;
	struct doc d;
	doc_init(&d, "t", "2025H1", "zh", "");
	const char *s[] = {"x"};
	const char *c[] = {"某某智能制造产业园二期工程建设项目", "短"};
	struct doc_chart *h = &doc_add_chart(&d, DOC_CHART_HBAR, "h", "", "", 1, s, 2, c)->chart;
	doc_chart_set(h, 0, 0, 3);
	doc_chart_set(h, 0, 1, 2);
	struct chart_layout l;
	chart_layout(h, 480, chart_height(h, 480), &l);
	/* shortened with an ellipsis to at most 0.3 x 480 = 144 */
	bool cut = false;
	for (size_t i = 0; i < l.n; i++) {
		const struct chart_prim *p = &l.p[i];
		if (p->kind == CHART_TEXT && strncmp(p->text, "某某", 6) == 0) {
			assert_non_null(strstr(p->text, "…"));
			assert_true(chart_text_width(p->text, p->size) <= 144 + 1e-9);
			cut = true;
		}
	}
	assert_true(cut);
	chart_layout_free(&l);

	/* 28 categories of six characters cannot stand side by side: they turn 45 degrees */
	const char *many[28];
	for (size_t i = 0; i < 28; i++)
		many[i] = "半导体与集成电路";
	struct doc_chart *b = &doc_add_chart(&d, DOC_CHART_BAR, "b", "", "", 1, s, 28, many)->chart;
	for (size_t i = 0; i < 28; i++)
		doc_chart_set(b, 0, i, (double)i);
	chart_layout(b, 480, 240, &l);
	size_t turned = 0;
	for (size_t i = 0; i < l.n; i++)
		turned += l.p[i].kind == CHART_TEXT && l.p[i].rotate == -45;
	assert_true(turned >= 14 && turned <= 28); /* every label, or every other one */
	chart_layout_free(&l);

	/* a ranking of 80 stops at the tallest chart; its labels shrink to the rows (660 high, about
	 * 640 for 80 rows: 8 a row, labels 6.67) */
	const char *cats[80];
	for (size_t i = 0; i < 80; i++)
		cats[i] = "工业母机";
	struct doc_chart *r = &doc_add_chart(&d, DOC_CHART_HBAR, "r", "", "", 1, s, 80, cats)->chart;
	for (size_t i = 0; i < 80; i++)
		doc_chart_set(r, 0, i, (double)(80 - i));
	NEAR(chart_height(r, 480), CHART_MAX_HEIGHT);
	chart_layout(r, 480, CHART_MAX_HEIGHT, &l);
	size_t labels = 0;
	for (size_t i = 0; i < l.n; i++) {
		if (l.p[i].kind == CHART_TEXT && strcmp(l.p[i].text, "工业母机") == 0) {
			labels++;
			assert_true(l.p[i].size < 7 && l.p[i].size >= 5);
			assert_true(l.p[i].y <= CHART_MAX_HEIGHT);
		}
	}
	assert_int_equal(labels, 80);
	chart_layout_free(&l);
	doc_free(&d);
}

/* 42.1% against a target of 43%: a dial to 100%, the value arc to 42.1% of the half circle,
 * the target's tick at 43%. An amount: the dial ends at the larger figure, the share is written. */
static void test_gauge(void **state)
{
	(void)state;
	struct doc d;
	doc_init(&d, "t", "2025H1", "zh", "");
	const char *s[] = {"比重"};
	const char *c[] = {"2025H1"};
	struct doc_chart *g = &doc_add_chart(&d, DOC_CHART_GAUGE, "g", "%", "", 1, s, 1, c)->chart;
	doc_chart_set(g, 0, 0, 42.1);
	doc_chart_target(g, 43, "目标");
	struct chart_layout l;
	chart_layout(g, 480, chart_height(g, 480), &l);
	assert_int_equal(count(&l, CHART_ARC, CHART_NONE), 2);
	const struct chart_prim *track = NULL, *value = NULL, *tick = NULL;
	for (size_t i = 0; i < l.n; i++) {
		if (l.p[i].kind == CHART_ARC)
			*(track ? &value : &track) = &l.p[i];
		if (l.p[i].kind == CHART_LINE)
			tick = &l.p[i];
	}
	NEAR(track->a0, M_PI);
	NEAR(track->a1, 2 * M_PI);
	NEAR(value->a1, M_PI + M_PI * 0.421);
	/* the tick points from the centre at the angle of 43% */
	assert_non_null(tick);
	double a = M_PI + M_PI * 0.43;
	NEAR(atan2(tick->y2 - tick->y, tick->x2 - tick->x), atan2(sin(a), cos(a)));
	NEAR(atan2(tick->y - value->y, tick->x - value->x), atan2(sin(a), cos(a)));
	assert_non_null(find_text(&l, "42.1%"));
	assert_non_null(find_text(&l, "目标 43.0%"));
	assert_non_null(find_text(&l, "100%"));
	chart_layout_free(&l);
	/* beyond 100%: the dial grows to 130 */
	doc_chart_set(g, 0, 0, 121);
	chart_layout(g, 480, chart_height(g, 480), &l);
	for (size_t i = 0; i < l.n; i++)
		if (l.p[i].kind == CHART_ARC)
			assert_true(l.p[i].a1 <= 2 * M_PI + 1e-9);
	assert_non_null(find_text(&l, "130%"));
	chart_layout_free(&l);

	struct doc_chart *m = &doc_add_chart(&d, DOC_CHART_GAUGE, "m", "亿元", "", 1, s, 1, c)->chart;
	doc_chart_set(m, 0, 0, 800);
	doc_chart_target(m, 1000, "");
	chart_layout(m, 480, chart_height(m, 480), &l);
	for (size_t i = 0; i < l.n; i++)
		if (l.p[i].kind == CHART_ARC && l.p[i].stroke != 0xe6eaf0u)
			NEAR(l.p[i].a1, M_PI + M_PI * 0.8);
	assert_non_null(find_text(&l, "800亿元"));
	assert_non_null(find_text(&l, "目标 1,000亿元 · 完成 80.0%"));
	chart_layout_free(&l);
	doc_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ticks),        cmocka_unit_test(test_text_width),
		cmocka_unit_test(test_bar_geometry), cmocka_unit_test(test_missing_values),
		cmocka_unit_test(test_empty),        cmocka_unit_test(test_long_labels),
		cmocka_unit_test(test_gauge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
