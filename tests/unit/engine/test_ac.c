/* test_ac.c - the Aho-Corasick automaton (src/engine/ac.c): hand-built cases and a seeded
 * cross-check against a naive matcher. */
#include "testutil.h"

#include "engine/ac.h"

#define MAX_HITS 4096

struct hit {
	uint32_t id;
	size_t start, end;
};

struct hits {
	struct hit v[MAX_HITS];
	size_t n;
	size_t stop_after; /* 0: never stop */
};

static bool collect(void *ctx, uint32_t id, size_t start, size_t end)
{
	struct hits *h = ctx;
	assert_true(h->n < MAX_HITS);
	h->v[h->n].id = id;
	h->v[h->n].start = start;
	h->v[h->n].end = end;
	h->n++;
	return h->stop_after == 0 || h->n < h->stop_after;
}

static struct ac *build(const char *const *texts, const uint32_t *ids, size_t n)
{
	struct ac_pattern p[64];
	assert_true(n <= 64);
	for (size_t i = 0; i < n; i++) {
		p[i].text = texts[i];
		p[i].len = strlen(texts[i]);
		p[i].id = ids[i];
	}
	struct ac *a = NULL;
	struct err e = {0};
	assert_int_equal(ac_build(p, n, NULL, &a, &e), ERR_OK);
	assert_non_null(a);
	return a;
}

static void expect_hit(const struct hits *h, size_t i, uint32_t id, size_t start, size_t end)
{
	assert_true(i < h->n);
	assert_int_equal(h->v[i].id, id);
	assert_int_equal(h->v[i].start, start);
	assert_int_equal(h->v[i].end, end);
}

static size_t scan(const struct ac *a, const char *text, struct hits *h)
{
	h->n = 0;
	return ac_scan(a, text, strlen(text), collect, h);
}

/* 集成电路 contains 集成 and 电路: all three reported, by end, longer first at one end. */
static void test_overlapping(void **state)
{
	(void)state;
	static const char *const pats[] = {"集成电路", "电路", "集成", "路"};
	static const uint32_t ids[] = {10, 20, 30, 40};
	struct ac *a = build(pats, ids, 4);
	static struct hits h;
	assert_int_equal(scan(a, "集成电路设计", &h), 4);
	expect_hit(&h, 0, 30, 0, 6);  /* 集成 */
	expect_hit(&h, 1, 10, 0, 12); /* 集成电路 */
	expect_hit(&h, 2, 20, 6, 12); /* 电路 */
	expect_hit(&h, 3, 40, 9, 12); /* 路 */
	/* Repeated and overlapping occurrences: 集成电路集成电路. */
	assert_int_equal(scan(a, "集成电路集成电路", &h), 8);
	expect_hit(&h, 4, 30, 12, 18);
	expect_hit(&h, 5, 10, 12, 24);
	/* Counting only. */
	assert_int_equal(ac_scan(a, "电路电路", strlen("电路电路"), NULL, NULL), 4);
	ac_free(a);
}

/* A pattern that is the whole text, at its start, at its end; texts shorter than 4 bytes. */
static void test_edges(void **state)
{
	(void)state;
	static const char *const pats[] = {"电路", "ab", "b", "x"};
	static const uint32_t ids[] = {1, 2, 3, 4};
	struct ac *a = build(pats, ids, 4);
	static struct hits h;
	assert_int_equal(scan(a, "电路", &h), 1);
	expect_hit(&h, 0, 1, 0, 6);
	assert_int_equal(scan(a, "电路板", &h), 1);
	expect_hit(&h, 0, 1, 0, 6);
	assert_int_equal(scan(a, "印刷电路", &h), 1);
	expect_hit(&h, 0, 1, 6, 12);
	assert_int_equal(scan(a, "ab", &h), 2);
	expect_hit(&h, 0, 2, 0, 2);
	expect_hit(&h, 1, 3, 1, 2);
	assert_int_equal(scan(a, "x", &h), 1);
	assert_int_equal(scan(a, "", &h), 0);
	/* A character in no pattern sends the automaton to the root: a集b holds no "ab". */
	assert_int_equal(scan(a, "a集b", &h), 1);
	expect_hit(&h, 0, 3, 4, 5);
	ac_free(a);
}

/* Invalid bytes are no characters: nothing matches across them, and what follows still does. */
static void test_invalid_text(void **state)
{
	(void)state;
	static const char *const pats[] = {"集成电路", "电路", "集成", "/"};
	static const uint32_t ids[] = {1, 2, 3, 4};
	struct ac *a = build(pats, ids, 4);
	static struct hits h;
	assert_int_equal(scan(a, "集成\xff电路", &h), 2);
	expect_hit(&h, 0, 3, 0, 6);
	expect_hit(&h, 1, 2, 7, 13);
	/* A truncated lead byte before a character: the character is still read. */
	assert_int_equal(scan(a, "\xe9电路", &h), 1);
	expect_hit(&h, 0, 2, 1, 7);
	/* Overlong forms of "/" are not "/". */
	assert_int_equal(scan(a, "\xc0\xaf\xe0\x80\xaf/", &h), 1);
	expect_hit(&h, 0, 4, 5, 6);
	/* A cut sequence at the end. */
	assert_int_equal(scan(a, "电路\xe7\x94", &h), 1);
	/* Surrogates encoded in UTF-8 are invalid. */
	assert_int_equal(scan(a, "\xed\xa0\x80电路", &h), 1);
	ac_free(a);
}

/* Equal patterns with different ids are each reported; a callback can stop the scan. */
static void test_duplicates_and_stop(void **state)
{
	(void)state;
	static const char *const pats[] = {"显示", "显示", "示"};
	static const uint32_t ids[] = {7, 8, 9};
	struct ac *a = build(pats, ids, 3);
	static struct hits h;
	assert_int_equal(scan(a, "显示屏", &h), 3);
	expect_hit(&h, 0, 7, 0, 6);
	expect_hit(&h, 1, 8, 0, 6);
	expect_hit(&h, 2, 9, 3, 6);
	h.n = 0;
	h.stop_after = 2;
	assert_int_equal(ac_scan(a, "显示显示", strlen("显示显示"), collect, &h), 2);
	assert_int_equal(h.n, 2);
	h.stop_after = 0;
	ac_free(a);
}

/* No patterns: a valid automaton that never matches. Bad patterns are refused by index and id. */
static void test_build(void **state)
{
	(void)state;
	struct ac *a = NULL;
	struct err e = {0};
	assert_int_equal(ac_build(NULL, 0, NULL, &a, &e), ERR_OK);
	assert_int_equal(ac_scan(a, "集成电路", strlen("集成电路"), NULL, NULL), 0);
	struct ac_stats st;
	ac_get_stats(a, &st);
	assert_int_equal(st.states, 1);
	assert_int_equal(st.alphabet, 0);
	ac_free(a);

	struct ac_pattern bad[] = {{"电路", 6, 1}, {"", 0, 2}};
	a = (struct ac *)&e; /* must be reset to NULL */
	assert_int_equal(ac_build(bad, 2, NULL, &a, &e), ERR_INVALID);
	assert_null(a);
	assert_non_null(strstr(e.msg, "第 2 个关键词（编号 2）"));
	struct ac_pattern bad2[] = {{"电\xff路", 5, 5}};
	assert_int_equal(ac_build(bad2, 1, NULL, &a, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "第 4 字节"));
	struct ac_pattern bad3[] = {{"\xed\xa0\x80", 3, 6}}; /* a surrogate */
	assert_int_equal(ac_build(bad3, 1, NULL, &a, &e), ERR_INVALID);
	ac_free(NULL);
}

/* ASCII, 2-, 3- and 4-byte characters in one pattern set. */
static void test_widths(void **state)
{
	(void)state;
	static const char *const pats[] = {"café", "é集😀", "😀"};
	static const uint32_t ids[] = {1, 2, 3};
	struct ac *a = build(pats, ids, 3);
	static struct hits h;
	assert_int_equal(scan(a, "a café集😀!", &h), 3);
	expect_hit(&h, 0, 1, 2, 7);
	expect_hit(&h, 1, 2, 5, 14);
	expect_hit(&h, 2, 3, 10, 14);
	ac_free(a);
}

/* A map as classify uses one: upper to lower case, full-width letters to ASCII; X stops. */
static uint32_t test_map(uint32_t cp)
{
	if (cp == 'X')
		return AC_STOP;
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if (cp >= 0xFF21 && cp <= 0xFF3A) /* Ａ-Ｚ */
		return cp - 0xFF21 + 'a';
	return cp;
}

static uint32_t identity(uint32_t cp)
{
	return cp;
}

static void test_mapped(void **state)
{
	(void)state;
	struct ac_pattern p[] = {{"led显示屏", strlen("led显示屏"), 1}, {"显示", 6, 2}};
	struct ac *a = NULL;
	struct err e = {0};
	assert_int_equal(ac_build(p, 2, test_map, &a, &e), ERR_OK);
	static struct hits h;
	size_t count = 99;
	const char *t = "ＬＥＤ显示屏";
	h.n = 0;
	assert_true(ac_scan_mapped(a, t, strlen(t), collect, &h, &count));
	assert_int_equal(count, 2);
	expect_hit(&h, 0, 2, 3, 5); /* spans in characters */
	expect_hit(&h, 1, 1, 0, 6);
	t = "Led显示屏";
	h.n = 0;
	assert_true(ac_scan_mapped(a, t, strlen(t), collect, &h, &count));
	assert_int_equal(count, 2);
	/* The exact scan does not fold. */
	assert_int_equal(scan(a, "Led显示屏", &h), 1);
	/* A character the map stops at, or an invalid byte: false, after what came before it. */
	t = "led显示屏X";
	h.n = 0;
	assert_false(ac_scan_mapped(a, t, strlen(t), collect, &h, &count));
	assert_int_equal(count, 2);
	t = "显示\xff";
	assert_false(ac_scan_mapped(a, t, strlen(t), NULL, NULL, &count));
	assert_int_equal(count, 1);
	t = "显\xe7\xa4"; /* cut at the end */
	assert_false(ac_scan_mapped(a, t, strlen(t), NULL, NULL, &count));
	ac_free(a);
	/* Without a map there is no mapped scan. */
	assert_int_equal(ac_build(p, 2, NULL, &a, &e), ERR_OK);
	assert_false(ac_scan_mapped(a, "显示", 6, NULL, NULL, &count));
	assert_int_equal(count, 0);
	ac_free(a);
}

/* ---- seeded cross-check against memmem at every offset ---- */

static uint64_t rng_state;
static uint32_t rnd(uint32_t n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint32_t)((rng_state >> 33) % n);
}

static int cmp_hit(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

static void test_random_vs_naive(void **state)
{
	(void)state;
	/* A small alphabet makes deep failure chains; invalid bytes sit in the texts too. */
	static const char *const alpha[] = {"a", "b", "é", "集", "成", "电", "路", "😀"};
	static const char *const junk[] = {"\xff", "\x80", "\xe9", "\xc3", "\xf0\x9f"};
	rng_state = 42;
	static struct hits got, want;
	for (int round = 0; round < 200; round++) {
		size_t np = 1 + rnd(round < 100 ? 8 : 60);
		static char pbuf[64][32];
		struct ac_pattern p[64];
		size_t kept = 0;
		for (size_t i = 0; i < np; i++) {
			size_t nch = 1 + rnd(6), len = 0;
			for (size_t k = 0; k < nch; k++) {
				const char *ch = alpha[rnd(round % 2 ? 8 : 3)];
				memcpy(pbuf[kept] + len, ch, strlen(ch));
				len += strlen(ch);
			}
			pbuf[kept][len] = '\0';
			bool dup = false;
			for (size_t j = 0; j < kept; j++)
				dup = dup || strcmp(pbuf[j], pbuf[kept]) == 0;
			if (dup)
				continue;
			p[kept].text = pbuf[kept];
			p[kept].len = len;
			p[kept].id = (uint32_t)(1000 + kept);
			kept++;
		}
		struct ac *a = NULL;
		struct err e = {0};
		assert_int_equal(ac_build(p, kept, identity, &a, &e), ERR_OK);
		for (int t = 0; t < 20; t++) {
			char text[1200];
			size_t len = 0, nch = rnd(200);
			bool has_junk = false;
			for (size_t k = 0; k < nch; k++) {
				bool j = t % 2 && rnd(25) == 0;
				const char *ch = j ? junk[rnd(5)] : alpha[rnd(round % 2 ? 8 : 3)];
				has_junk = has_junk || j;
				memcpy(text + len, ch, strlen(ch));
				len += strlen(ch);
			}
			want.n = 0;
			for (size_t i = 0; i < kept; i++)
				for (size_t off = 0; off + p[i].len <= len; off++)
					if (memcmp(text + off, p[i].text, p[i].len) == 0) {
						assert_true(want.n < MAX_HITS);
						want.v[want.n].id = p[i].id;
						want.v[want.n].start = off;
						want.v[want.n].end = off + p[i].len;
						want.n++;
					}
			got.n = 0;
			assert_int_equal(ac_scan(a, text, len, collect, &got), want.n);
			/* Scan order: by end, longer first; compare as sets in one order. */
			for (size_t i = 1; i < got.n; i++)
				assert_true(got.v[i - 1].end < got.v[i].end ||
				            (got.v[i - 1].end == got.v[i].end &&
				             got.v[i - 1].start < got.v[i].start));
			qsort(got.v, got.n, sizeof *got.v, cmp_hit);
			qsort(want.v, want.n, sizeof *want.v, cmp_hit);
			for (size_t i = 0; i < want.n; i++) {
				assert_int_equal(got.v[i].id, want.v[i].id);
				assert_int_equal(got.v[i].start, want.v[i].start);
				assert_int_equal(got.v[i].end, want.v[i].end);
			}
			/* The mapped scan (identity map) finds the same, spans in characters; it refuses
			 * texts with invalid bytes. */
			size_t count = 0;
			got.n = 0;
			assert_int_equal(ac_scan_mapped(a, text, len, collect, &got, &count), !has_junk);
			if (has_junk)
				continue;
			assert_int_equal(count, want.n);
			qsort(got.v, got.n, sizeof *got.v, cmp_hit);
			for (size_t i = 0; i < want.n; i++) {
				size_t cs = 0, ce = 0;
				for (size_t b = 0; b < want.v[i].end; b++) {
					bool lead = ((unsigned char)text[b] & 0xC0) != 0x80;
					cs += lead && b < want.v[i].start;
					ce += lead;
				}
				assert_int_equal(got.v[i].id, want.v[i].id);
				assert_int_equal(got.v[i].start, cs);
				assert_int_equal(got.v[i].end, ce);
			}
		}
		ac_free(a);
	}
}

/* A hub state (a character followed by hundreds of others) makes states behind it keep their
 * failure links instead of copying its edges (AC_COPY_MAX): the answers must not change. */
static void test_hub(void **state)
{
	(void)state;
	enum { N = 400 };
	static char buf[N + 2][16];
	struct ac_pattern p[N + 2];
	for (int i = 0; i < N; i++) {
		/* 子 followed by one of N distinct CJK characters */
		uint32_t cp = 0x4E00 + (uint32_t)i;
		memcpy(buf[i], "子", 3);
		buf[i][3] = (char)(0xE0 | (cp >> 12));
		buf[i][4] = (char)(0x80 | ((cp >> 6) & 0x3F));
		buf[i][5] = (char)(0x80 | (cp & 0x3F));
		p[i].text = buf[i];
		p[i].len = 6;
		p[i].id = (uint32_t)i;
	}
	p[N].text = "电子子子";
	p[N].len = strlen(p[N].text);
	p[N].id = 9000;
	p[N + 1].text = "电子子";
	p[N + 1].len = strlen(p[N + 1].text);
	p[N + 1].id = 9001;
	struct ac *a = NULL;
	struct err e = {0};
	assert_int_equal(ac_build(p, N + 2, NULL, &a, &e), ERR_OK);
	static struct hits h;
	/* 电子子一: 电子子 (9001) ends at 9, then 子一 ends at 12 (一 is U+4E00, pattern 0). */
	assert_int_equal(scan(a, "电子子一", &h), 2);
	expect_hit(&h, 0, 9001, 0, 9);
	expect_hit(&h, 1, 0, 6, 12);
	/* 电子子子丁: 电子子, 电子子子 + 电子子? no: 子子子 suffixes; then 子丁 (U+4E01, pattern 1) */
	assert_int_equal(scan(a, "电子子子丁", &h), 3);
	expect_hit(&h, 0, 9001, 0, 9);
	expect_hit(&h, 1, 9000, 0, 12);
	expect_hit(&h, 2, 1, 9, 15);
	ac_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overlapping),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_invalid_text),
		cmocka_unit_test(test_duplicates_and_stop),
		cmocka_unit_test(test_build),
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_mapped),
		cmocka_unit_test(test_random_vs_naive),
		cmocka_unit_test(test_hub),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
