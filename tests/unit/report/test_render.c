/* test_render.c - the report renderers (render_html.c, render_pdf.c) on the hand-made sample doc
 * (report/sample.h): escaping, contents, one SVG per chart, the PDF's pages, same bytes on a rerun. */
#include "testutil.h"

#include <ctype.h>
#include <math.h>

#include "base/buf.h"
#include "report/doc.h"
#include "report/sample.h"

static size_t occurrences(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static bool contains_nocase(const char *hay, const char *needle)
{
	size_t m = strlen(needle);
	for (const char *p = hay; *p; p++)
		if (strncasecmp(p, needle, m) == 0)
			return true;
	return false;
}

static void test_html(void **state)
{
	(void)state;
	struct doc d;
	sample_doc(&d, 3, "zh");
	struct buf b;
	buf_init(&b, BUF_NO_CAP);
	struct err e = {0};
	assert_int_equal(doc_html(&d, &b, &e), ERR_OK);
	const char *h = buf_str(&b);
	assert_true(strncmp(h, "<!DOCTYPE html>", 15) == 0);
	assert_non_null(strstr(h, "<html lang=\"zh-CN\">"));
	assert_non_null(strstr(h, "<meta charset=\"utf-8\">"));
	/* the hostile cell arrives as text, and nothing anywhere is a script or an outside fetch */
	assert_non_null(strstr(h, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;粗&lt;/b&gt;"));
	assert_false(contains_nocase(h, "<script"));
	assert_false(contains_nocase(h, "<b>粗"));
	assert_false(contains_nocase(h, "<link"));
	assert_false(contains_nocase(h, "src=\""));
	assert_false(contains_nocase(h, "url("));
	/* every heading is in the contents and carries its anchor */
	size_t charts = 0, headings = 0;
	char want[512];
	for (size_t i = 0; i < d.n; i++) {
		const struct doc_block *bl = &d.blocks[i];
		if (bl->kind == DOC_CHART)
			charts++;
		if (bl->kind != DOC_HEADING)
			continue;
		headings++;
		(void)snprintf(want, sizeof(want), "<li class=\"l%d\"><a href=\"#%s\">%s</a></li>",
		               bl->level, bl->anchor, bl->text);
		assert_non_null(strstr(h, want));
		(void)snprintf(want, sizeof(want), "<h%d id=\"%s\"", bl->level + 1, bl->anchor);
		assert_non_null(strstr(h, want));
	}
	assert_true(headings >= 8);
	assert_int_equal(occurrences(h, "<svg "), charts);
	assert_int_equal(occurrences(h, "</svg>"), charts);
	assert_true(charts >= 9);
	/* numbers formatted and right-aligned, "—" for none, revised blocks marked */
	assert_non_null(strstr(h, "<td class=\"num\">—</td>"));
	assert_non_null(strstr(h, "<th class=\"num\">营业收入（亿元）</th>"));
	assert_non_null(strstr(h, "<span class=\"rev-mark\">（修订）</span>"));
	assert_non_null(strstr(h, "<p class=\"source\">来源：深圳市统计局</p>"));
	assert_non_null(strstr(h, "<div class=\"page-break\"></div>"));
	assert_non_null(strstr(h, "@page{size:A4"));
	assert_non_null(strstr(h, "thead{display:table-header-group}"));
	/* bullets grouped in one list */
	assert_int_equal(occurrences(h, "<ul>"), 1);
	assert_non_null(strstr(h, "暂无数据"));
	buf_free(&b);
	doc_free(&d);
}

/* Strings in attributes and headings are escaped too; English gets its own words. */
static void test_html_escapes_everything(void **state)
{
	(void)state;
	struct doc d;
	doc_init(&d, "<T>", "2025H1", "en", "2025-08-01\"");
	doc_add_heading(&d, 1, "a\"b", "<i>x</i>");
	const char *s[] = {"s'"};
	const char *c[] = {"<c>"};
	struct doc_chart *ch = &doc_add_chart(&d, DOC_CHART_BAR, "t\"", "u<", "", 1, s, 1, c)->chart;
	doc_chart_set(ch, 0, 0, 1);
	struct buf b;
	buf_init(&b, BUF_NO_CAP);
	struct err e = {0};
	assert_int_equal(doc_html(&d, &b, &e), ERR_OK);
	const char *h = buf_str(&b);
	assert_non_null(strstr(h, "<html lang=\"en\">"));
	assert_non_null(strstr(h, "<title>&lt;T&gt;</title>"));
	assert_non_null(strstr(h, "id=\"a&quot;b\""));
	assert_non_null(strstr(h, "href=\"#a&quot;b\">&lt;i&gt;x&lt;/i&gt;</a>"));
	assert_non_null(strstr(h, "aria-label=\"t&quot;\""));
	assert_non_null(strstr(h, ">&lt;c&gt;</text>"));
	assert_non_null(strstr(h, "Contents"));
	assert_null(strstr(h, "<i>"));
	assert_null(strstr(h, "<c>"));
	buf_free(&b);
	doc_free(&d);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	long n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	char *s = malloc((size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return s;
}

/* Pages in a cairo PDF: "/Type /Page" objects, not the "/Type /Pages" tree. */
static size_t pdf_pages(const char *s, size_t len)
{
	size_t n = 0;
	const char *end = s + len;
	for (const char *p = s; p + 11 < end; p++)
		if (memcmp(p, "/Type /Page", 11) == 0 && p[11] != 's')
			n++;
	return n;
}

static void test_pdf(void **state)
{
	(void)state;
	char dir[256], a[512], b[512];
	tmpdir_make(dir);
	(void)snprintf(a, sizeof(a), "%s/a.pdf", dir);
	(void)snprintf(b, sizeof(b), "%s/b.pdf", dir);
	struct doc d;
	sample_doc(&d, 2, "zh");
	struct err e = {0};
	assert_int_equal(doc_pdf(&d, a, &e), ERR_OK);
	assert_int_equal(doc_pdf(&d, b, &e), ERR_OK);
	size_t na, nb;
	char *pa = slurp(a, &na);
	char *pb = slurp(b, &nb);
	assert_true(strncmp(pa, "%PDF-", 5) == 0);
	/* title, contents, summary (3), 2 industries, appendix with a 120-row table */
	size_t pages = pdf_pages(pa, na);
	assert_true(pages >= 8);
	/* the fonts are embedded, bookmarks and links are there, the date is the doc's */
	assert_non_null(memmem(pa, na, "NotoSansCJK", 11));
	assert_non_null(memmem(pa, na, "/Outlines", 9));
	assert_non_null(memmem(pa, na, "/Link", 5));
	assert_non_null(memmem(pa, na, "/CreationDate (20250801000000Z)", 31));
	/* a rerun gives the same bytes */
	assert_int_equal(na, nb);
	assert_memory_equal(pa, pb, na);
	free(pa);
	free(pb);
	doc_free(&d);

	/* an unwritable path is an I/O error naming the path */
	doc_init(&d, "t", "2025H1", "zh", "");
	doc_add_text(&d, DOC_PARAGRAPH, "一段话");
	(void)snprintf(a, sizeof(a), "%s/no/such/dir/x.pdf", dir);
	assert_int_equal(doc_pdf(&d, a, &e), ERR_IO);
	assert_non_null(strstr(e.msg, "no/such/dir/x.pdf"));
	doc_free(&d);
	tmpdir_remove(dir);
}

/* Invalid UTF-8 does not stop the PDF (the bad byte shows as U+FFFD); a cell longer than a page
 * is cut to half a page rather than running off it. */
static void test_pdf_bad_text(void **state)
{
	(void)state;
	char dir[256], a[512];
	tmpdir_make(dir);
	(void)snprintf(a, sizeof(a), "%s/b.pdf", dir);
	struct doc d;
	doc_init(&d, "bad \xff title", "2025H1", "zh", "not a date \xff");
	doc_add_heading(&d, 1, "x", "标题\xc3");
	doc_add_text(&d, DOC_PARAGRAPH, "段落\xe4\xb8");
	const char *s[] = {"\xfe"};
	struct doc_chart *c = &doc_add_chart(&d, DOC_CHART_BAR, "图\x80", "", "", 1, s, 1, s)->chart;
	doc_chart_set(c, 0, 0, 1);
	const char *h[] = {"a\xff", "b"};
	struct doc_table *t = &doc_add_table(&d, "s", "表", "", 2, h, NULL, 1)->table;
	static char long_cell[3 * 6000 + 1]; /* ~130 lines at the table's width: cut to half a page */
	for (size_t i = 0; i < 6000; i++)
		memcpy(long_cell + 3 * i, "长", 3);
	long_cell[3 * 6000] = '\0';
	doc_table_set_text(t, 0, 0, long_cell);
	doc_table_set_num(t, 0, 1, 1.5);
	doc_add_text(&d, DOC_PARAGRAPH, "表后的一段话");
	struct err e = {0};
	assert_int_equal(doc_pdf(&d, a, &e), ERR_OK);
	size_t n;
	char *pdf = slurp(a, &n);
	/* title, contents, the chart's page, then the table cut to half a page with the paragraph
	 * after it (a row left whole would push that paragraph to a fifth page) */
	assert_int_equal(pdf_pages(pdf, n), 4);
	free(pdf);
	doc_free(&d);
	tmpdir_remove(dir);
}

/* An empty doc still makes a valid PDF: title page and an empty contents page. */
static void test_pdf_empty_doc(void **state)
{
	(void)state;
	char dir[256], a[512];
	tmpdir_make(dir);
	(void)snprintf(a, sizeof(a), "%s/e.pdf", dir);
	struct doc d;
	doc_init(&d, "", "", "en", "");
	struct err e = {0};
	assert_int_equal(doc_pdf(&d, a, &e), ERR_OK);
	size_t n;
	char *s = slurp(a, &n);
	assert_int_equal(pdf_pages(s, n), 2);
	free(s);
	doc_free(&d);
	tmpdir_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_html_escapes_everything),
		cmocka_unit_test(test_pdf),
		cmocka_unit_test(test_pdf_empty_doc),
		cmocka_unit_test(test_pdf_bad_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
