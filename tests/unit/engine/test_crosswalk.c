/* test_crosswalk.c - restating series across programme versions (src/engine/crosswalk.c): each
 * kind of link in both directions, missing inputs and missing weights, hand-computed. */
#include "testutil.h"

#include <math.h>

#include "engine/crosswalk.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/* Version A: x, r, m1, m2, m3, s.  Version B: x, r2, M, s1, s2 and a new industry n. */
static const struct xw_link links[] = {
	{"A", "x", "B", "x", XW_SAME, 0, false, NULL},
	{"A", "r", "B", "r2", XW_RENAME, 0, false, NULL},
	{"A", "m1", "B", "M", XW_MERGE, 0.5, true, "shares in year 0"},
	{"A", "m2", "B", "M", XW_MERGE, 0.3, true, "shares in year 0"},
	{"A", "m3", "B", "M", XW_MERGE, 0.2, true, "shares in year 0"},
	{"A", "s", "B", "s1", XW_SPLIT, 0.6, true, "shares in year 0"},
	{"A", "s", "B", "s2", XW_SPLIT, 0.4, true, "shares in year 0"},
};
#define N_LINKS (sizeof links / sizeof links[0])

static const char *const b_inds[] = {"x", "r2", "M", "s1", "s2", "n"};
static const char *const a_inds[] = {"x", "r", "m1", "m2", "m3", "s"};

static void test_check_ok(void **state)
{
	(void)state;
	struct err e = {0};
	assert_int_equal(xw_check(links, N_LINKS, "t.csv", &e), ERR_OK);
	enum xw_kind k;
	assert_true(xw_kind_parse("split", &k) && k == XW_SPLIT);
	assert_false(xw_kind_parse("join", &k));
	assert_string_equal(xw_kind_name(XW_RENAME), "rename");
}

static void test_forward(void **state)
{
	(void)state;
	struct xw_value in[] = {{"x", 10, true}, {"r", 20, true}, {"m1", 5, true},
	                        {"m2", 3, true}, {"m3", 2, true}, {"s", 100, true}};
	struct xw_result out[6];
	xw_restate(links, N_LINKS, "A", "B", in, 6, b_inds, 6, out);
	/* same and rename: 1:1, exact. */
	assert_true(out[0].has && out[0].flags == 0);
	NEAR(out[0].value, 10);
	assert_true(out[1].has && out[1].flags == 0);
	NEAR(out[1].value, 20);
	/* merge: 5 + 3 + 2 = 10, exact (weights are for the way back only). */
	assert_true(out[2].has && out[2].flags == 0);
	assert_int_equal(out[2].parts, 3);
	NEAR(out[2].value, 10);
	/* split: 100 x 0.6 and 100 x 0.4, estimated. */
	assert_true(out[3].has && out[3].flags == XW_ESTIMATED);
	NEAR(out[3].value, 60);
	assert_true(out[4].has && out[4].flags == XW_ESTIMATED);
	NEAR(out[4].value, 40);
	/* An industry new in B: nothing maps to it. */
	assert_false(out[5].has);
	assert_int_equal(out[5].flags, XW_NO_SOURCE);
	assert_true(xw_feeds(links, N_LINKS, "A", "B", "s"));
}

static void test_backward(void **state)
{
	(void)state;
	struct xw_value in[] = {{"x", 10, true}, {"r2", 20, true}, {"M", 10, true},
	                        {"s1", 60, true}, {"s2", 40, true}, {"n", 7, true}};
	struct xw_result out[6];
	xw_restate(links, N_LINKS, "B", "A", in, 6, a_inds, 6, out);
	NEAR(out[0].value, 10);
	assert_true(out[0].has && out[0].flags == 0);
	NEAR(out[1].value, 20); /* r2 back to r */
	assert_true(out[1].has && out[1].flags == 0);
	/* Undoing the merge: the merged 10 apportioned 0.5 / 0.3 / 0.2, estimated. */
	NEAR(out[2].value, 5);
	NEAR(out[3].value, 3);
	NEAR(out[4].value, 2);
	for (int i = 2; i <= 4; i++)
		assert_true(out[i].has && out[i].flags == XW_ESTIMATED);
	/* Undoing the split: 60 + 40 = 100, exact. */
	NEAR(out[5].value, 100);
	assert_true(out[5].has && out[5].flags == 0);
	assert_int_equal(out[5].parts, 2);
	/* n has no place in A: its 7 is left out, and callers can say so. */
	assert_false(xw_feeds(links, N_LINKS, "B", "A", "n"));
	assert_true(xw_feeds(links, N_LINKS, "B", "A", "M"));
}

static void test_missing_inputs(void **state)
{
	(void)state;
	struct xw_result out[6];
	/* m3 missing (absent) and m2 marked missing: the merged total is incomplete, never the
	 * smaller 5 presented as whole; the partial sum is kept with the flag. */
	struct xw_value in[] = {{"x", 10, true}, {"m1", 5, true}, {"m2", 3, false}, {"s", 100, true}};
	xw_restate(links, N_LINKS, "A", "B", in, 4, b_inds, 6, out);
	assert_false(out[2].has);
	assert_true(out[2].flags & XW_INCOMPLETE);
	assert_int_equal(out[2].missing, 2);
	assert_int_equal(out[2].parts, 3);
	NEAR(out[2].value, 5);
	/* r missing: its renamed successor is missing too. */
	assert_false(out[1].has);
	assert_int_equal(out[1].flags, XW_INCOMPLETE);
	/* The way back with one split part missing: incomplete, partial 60. */
	struct xw_value back[] = {{"s1", 60, true}, {"M", NAN, true}};
	xw_restate(links, N_LINKS, "B", "A", back, 2, a_inds, 6, out);
	assert_false(out[5].has);
	assert_true(out[5].flags & XW_INCOMPLETE);
	NEAR(out[5].value, 60);
	/* A non-finite input counts as missing. */
	assert_false(out[2].has);
	assert_true(out[2].flags & XW_INCOMPLETE);
	assert_true(out[2].flags & XW_ESTIMATED);
	assert_true(isfinite(out[2].value));
}

static void test_missing_weights(void **state)
{
	(void)state;
	/* The built-in 2022-2024 case: a split and a merge whose shares are not published. */
	const struct xw_link nw[] = {
		{"A", "m1", "B", "M", XW_MERGE, 0, false, "not published"},
		{"A", "m2", "B", "M", XW_MERGE, 0, false, "not published"},
		{"A", "s", "B", "s1", XW_SPLIT, 0, false, "not published"},
		{"A", "s", "B", "s2", XW_SPLIT, 0, false, "not published"},
	};
	struct err e = {0};
	assert_int_equal(xw_check(nw, 4, "t.csv", &e), ERR_OK);
	struct xw_value a[] = {{"m1", 4, true}, {"m2", 6, true}, {"s", 100, true}};
	const char *const bt[] = {"M", "s1", "s2"};
	struct xw_result out[3];
	xw_restate(nw, 4, "A", "B", a, 3, bt, 3, out);
	assert_true(out[0].has); /* a merge needs no weight forwards */
	NEAR(out[0].value, 10);
	assert_false(out[1].has);
	assert_int_equal(out[1].flags, XW_NO_WEIGHT);
	NEAR(out[1].value, 0);
	/* Backwards the split is a plain sum and the merge cannot be undone. */
	struct xw_value b[] = {{"M", 10, true}, {"s1", 70, true}, {"s2", 30, true}};
	const char *const at[] = {"m1", "s"};
	xw_restate(nw, 4, "B", "A", b, 3, at, 2, out);
	assert_false(out[0].has);
	assert_int_equal(out[0].flags, XW_NO_WEIGHT);
	assert_true(out[1].has);
	NEAR(out[1].value, 100);
}

static void test_derive_weights(void **state)
{
	(void)state;
	struct xw_link nw[] = {
		{"A", "m1", "B", "M", XW_MERGE, 0, false, "not published"},
		{"A", "m2", "B", "M", XW_MERGE, 0, false, "not published"},
		{"A", "s", "B", "s1", XW_SPLIT, 0, false, "not published"},
		{"A", "s", "B", "s2", XW_SPLIT, 0, false, "not published"},
		{"A", "t", "B", "t1", XW_SPLIT, 0, false, "not published"},
		{"A", "t", "B", "t2", XW_SPLIT, 0, false, "not published"},
	};
	/* One year known in both versions: m1 30 + m2 10 = M 40; s1 75 + s2 25 = s 100; t2 missing. */
	struct xw_value a[] = {{"m1", 30, true}, {"m2", 10, true}, {"s", 100, true}, {"t", 9, true}};
	struct xw_value b[] = {{"M", 40, true}, {"s1", 75, true}, {"s2", 25, true}, {"t1", 9, true}};
	assert_int_equal(xw_derive_weights(nw, 6, "A", "B", a, 4, b, 4, "year 0 shares"), 4);
	assert_true(fabs(nw[0].weight - 0.75) < 1e-12 && nw[0].has_weight);
	assert_true(fabs(nw[1].weight - 0.25) < 1e-12);
	assert_true(fabs(nw[2].weight - 0.75) < 1e-12);
	assert_true(fabs(nw[3].weight - 0.25) < 1e-12);
	assert_string_equal(nw[3].basis, "year 0 shares");
	assert_false(nw[4].has_weight || nw[5].has_weight); /* a part missing: left alone */
	assert_string_equal(nw[4].basis, "not published");
	struct err e = {0};
	assert_int_equal(xw_check(nw, 6, "t.csv", &e), ERR_OK);
	/* Now the split restates: a later year's s = 200 gives 150 and 50, estimated. */
	struct xw_value later[] = {{"s", 200, true}};
	const char *const parts[] = {"s1", "s2"};
	struct xw_result out[2];
	xw_restate(nw, 6, "A", "B", later, 1, parts, 2, out);
	assert_true(out[0].has && out[0].flags == XW_ESTIMATED);
	NEAR(out[0].value, 150);
	NEAR(out[1].value, 50);
}

/* Expect xw_check to refuse `l` with a message containing `want`. */
static void refuse(const struct xw_link *l, size_t n, const char *want)
{
	struct err e = {0};
	assert_int_equal(xw_check(l, n, "t.csv", &e), ERR_INVALID);
	if (strstr(e.msg, want) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", e.msg, want);
}

static void test_check_errors(void **state)
{
	(void)state;
	const struct xw_link sum[] = {{"A", "s", "B", "s1", XW_SPLIT, 0.6, true, NULL},
	                              {"A", "s", "B", "s2", XW_SPLIT, 0.3, true, NULL}};
	refuse(sum, 2, "row 2: the weights of a split's or merge's parts must sum to 1");
	const struct xw_link mixed[] = {{"A", "s", "B", "s1", XW_SPLIT, 0.6, true, NULL},
	                                {"A", "s", "B", "s2", XW_SPLIT, 0, false, NULL}};
	refuse(mixed, 2, "all parts");
	const struct xw_link one[] = {{"A", "s", "B", "s1", XW_SPLIT, 1, true, NULL}};
	refuse(one, 1, "at least two parts");
	const struct xw_link same_id[] = {{"A", "x", "B", "y", XW_SAME, 0, false, NULL}};
	refuse(same_id, 1, "keeps the industry's id");
	const struct xw_link w_same[] = {{"A", "x", "B", "x", XW_SAME, 1, true, NULL}};
	refuse(w_same, 1, "only split and merge");
	const struct xw_link range[] = {{"A", "s", "B", "s1", XW_SPLIT, 1.5, true, NULL},
	                                {"A", "s", "B", "s2", XW_SPLIT, -0.5, true, NULL}};
	refuse(range, 2, "share in (0, 1]");
	const struct xw_link dup[] = {{"A", "x", "B", "x", XW_SAME, 0, false, NULL},
	                              {"A", "x", "B", "x", XW_SAME, 0, false, NULL}};
	refuse(dup, 2, "row 3: repeats an earlier link");
	const struct xw_link both[] = {{"A", "s", "B", "s", XW_SAME, 0, false, NULL},
	                               {"A", "s", "B", "s1", XW_SPLIT, 0, false, NULL},
	                               {"A", "s", "B", "s2", XW_SPLIT, 0, false, NULL}};
	refuse(both, 3, "must not be linked again");
	const struct xw_link selfv[] = {{"A", "x", "A", "x", XW_SAME, 0, false, NULL}};
	refuse(selfv, 1, "must differ");
	const struct xw_link blank[] = {{"A", "", "B", "x", XW_SAME, 0, false, NULL}};
	refuse(blank, 1, "must not be empty");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_ok),       cmocka_unit_test(test_forward),
		cmocka_unit_test(test_backward),       cmocka_unit_test(test_missing_inputs),
		cmocka_unit_test(test_missing_weights), cmocka_unit_test(test_check_errors),
		cmocka_unit_test(test_derive_weights),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
