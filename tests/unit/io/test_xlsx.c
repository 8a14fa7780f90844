/* test_xlsx.c - reading and writing .xlsx workbooks (src/io/xlsx_read.c, src/io/xlsx_write.c). */
#include "testutil.h"

#include <math.h>
#include <zip.h>

#include "io/xlsx.h"

/* ---- helpers ---- */

struct entry {
	const char *name, *text;
};

/* Write a zip at `path` holding `n` text entries, deflated. */
static void make_zip(const char *path, const struct entry *entries, size_t n)
{
	int zerr = 0;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	assert_non_null(z);
	for (size_t i = 0; i < n; i++) {
		const char *text = entries[i].text;
		zip_source_t *src = zip_source_buffer(z, text, strlen(text), 0);
		assert_non_null(src);
		assert_true(zip_file_add(z, entries[i].name, src, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
}

/* Read the next row and check it has exactly the `n` cells `want` at row `row_number`. */
static void expect_row(struct xlsx_reader *r, unsigned row_number, const char *const *want,
		       size_t n)
{
	struct xlsx_row row;
	struct err e = {0};
	enum err_code rc = xlsx_reader_next(r, &row, &e);
	if (rc != ERR_OK)
		fail_msg("row %u: %s", row_number, e.msg);
	assert_int_equal(row.row_number, row_number);
	for (size_t i = 0; i < n && i < row.n; i++)
		if (strcmp(row.cells[i], want[i]) != 0)
			fail_msg("row %u, column %zu: got \"%s\", want \"%s\"", row_number, i + 1,
				 row.cells[i], want[i]);
	assert_int_equal(row.n, n);
}

static void expect_end(struct xlsx_reader *r)
{
	struct xlsx_row row;
	struct err e = {0};
	assert_int_equal(xlsx_reader_next(r, &row, &e), ERR_NOT_FOUND);
	assert_int_equal(xlsx_reader_next(r, &row, &e), ERR_NOT_FOUND); /* and it stays there */
}

/* The text of entry `name` in the zip at `path` (malloc'd). */
static char *zip_entry_text(const char *path, const char *name)
{
	zip_t *z = zip_open(path, ZIP_RDONLY, NULL);
	assert_non_null(z);
	zip_stat_t st;
	assert_int_equal(zip_stat(z, name, 0, &st), 0);
	char *text = malloc(st.size + 1);
	assert_non_null(text);
	zip_file_t *f = zip_fopen(z, name, 0);
	assert_non_null(f);
	assert_int_equal(zip_fread(f, text, st.size), (zip_int64_t)st.size);
	text[st.size] = '\0';
	(void)zip_fclose(f);
	zip_discard(z);
	return text;
}

/* ---- a hand-made workbook: shared and inline strings, styles, two sheets ---- */

static const char content_types[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";

static const char workbook[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
	"<workbookPr/><sheets><sheet name=\"名单\" sheetId=\"1\" r:id=\"rId1\"/>"
	"<sheet name=\"Other\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";

static const char workbook_rels[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
	"<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/styles\" Target=\"styles.xml\"/></Relationships>";

static const char shared_strings[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"3\" "
	"uniqueCount=\"3\"><si><t>企业</t></si>"
	"<si><r><rPr><b/></rPr><t>深圳</t></r><r><t xml:space=\"preserve\"> 南山 &amp; 福田</t></r>"
	"<rPh sb=\"0\" eb=\"2\"><t>シンセン</t></rPh></si>"
	"<si><t>line1_x000A_line2 _x005F_x000A_</t></si></sst>";

/* xf 1: custom 年月日 date, 2: built-in 14, 3: custom time, 4: #,##0.00, 5: built-in 22, 6: 46 */
static const char styles[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	"<numFmts count=\"3\"><numFmt numFmtId=\"164\" "
	"formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;"
	"d&quot;日&quot;\"/><numFmt numFmtId=\"165\" formatCode=\"[h]:mm:ss\"/>"
	"<numFmt numFmtId=\"166\" formatCode=\"#,##0.00 &quot;days&quot;\"/></numFmts>"
	"<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
	"<cellXfs count=\"7\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\" applyNumberFormat=\"1\"/>"
	"<xf numFmtId=\"14\"/><xf numFmtId=\"165\"/><xf numFmtId=\"166\"/><xf numFmtId=\"22\"/>"
	"<xf numFmtId=\"46\"/></cellXfs></styleSheet>";

static const char sheet1[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\n"
	"<dimension ref=\"A1:G6\"/><sheetData>\n"
	"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>"
	"Inline 文本</t></is></c><c r=\"D1\" t=\"s\"><v>1</v></c>"
	"<c r=\"E1\"><v>12345678901</v></c></row>\n"
	"<row r=\"3\"><c r=\"A3\" s=\"1\"><v>45292</v></c><c r=\"B3\" s=\"2\"><v>60</v></c>"
	"<c r=\"C3\" s=\"2\"><v>61</v></c><c r=\"D3\" s=\"1\"><v>1</v></c><c r=\"E3\" s=\"3\">"
	"<v>0.5</v></c><c r=\"F3\" s=\"4\"><v>1234.5</v></c><c r=\"G3\" s=\"5\"><v>45292.5</v></c>"
	"<c r=\"H3\" s=\"6\"><v>0.25</v></c><c r=\"I3\" s=\"2\"><v>0.25</v></c></row>\n"
	"<row r=\"4\"><c r=\"A4\" s=\"1\"/><c r=\"B4\" t=\"inlineStr\"><is><t></t></is></c></row>\n"
	"<row r=\"5\"><c r=\"A5\" t=\"b\"><v>1</v></c><c r=\"B5\" t=\"str\"><f>A1&amp;\"\"</f>"
	"<v>企业</v></c><c r=\"C5\"><f>1+1</f><v>2</v></c><c r=\"D5\" t=\"e\"><v>#N/A</v></c>"
	"<c r=\"E5\" t=\"s\"><v>2</v></c><c r=\"F5\" t=\"b\"><v>0</v></c></row>\n"
	"<row><c t=\"inlineStr\"><is><t>no refs</t></is></c><c><v>-0.000001</v></c>"
	"<c r=\"D6\" t=\"inlineStr\"><is><r><t>ri</t></r><r><t>ch</t></r></is></c></row>\n"
	"</sheetData><autoFilter ref=\"A1:G6\"/></worksheet>";

static const char sheet2[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	"<x:sheetData><x:row r=\"2\"><x:c r=\"B2\" t=\"inlineStr\"><x:is><x:t>second</x:t></x:is>"
	"</x:c></x:row></x:sheetData></x:worksheet>";

static void make_handmade(const char *path)
{
	const struct entry entries[] = {
		{"[Content_Types].xml", content_types},
		{"xl/workbook.xml", workbook},
		{"xl/_rels/workbook.xml.rels", workbook_rels},
		{"xl/sharedStrings.xml", shared_strings},
		{"xl/styles.xml", styles},
		{"xl/worksheets/sheet1.xml", sheet1},
		{"xl/worksheets/sheet2.xml", sheet2},
	};
	make_zip(path, entries, sizeof entries / sizeof entries[0]);
}

static void test_handmade_values(void **state)
{
	(void)state;
	char dir[256], path[300];
	tmpdir_make(dir);
	(void)snprintf(path, sizeof path, "%s/list.xlsx", dir);
	make_handmade(path);
	struct xlsx_reader *r = NULL;
	struct err e = {0};
	if (xlsx_reader_open(path, NULL, &r, &e) != ERR_OK)
		fail_msg("%s", e.msg);
	expect_row(r, 1, (const char *const[]){"企业", "Inline 文本", "", "深圳 南山 & 福田",
					       "12345678901"}, 5);
	expect_row(r, 3, (const char *const[]){"2024-01-01", "1900-02-29", "1900-03-01",
					       "1900-01-01", "0.5", "1234.5",
					       "2024-01-01 12:00:00", "0.25", "0.25"}, 9);
	/* row 4 has only empty cells: skipped */
	expect_row(r, 5, (const char *const[]){"TRUE", "企业", "2", "#N/A",
					       "line1\nline2 _x000A_", "FALSE"}, 6);
	expect_row(r, 6, (const char *const[]){"no refs", "-0.000001", "", "rich"}, 4);
	expect_end(r);
	xlsx_reader_free(r);
	tmpdir_remove(dir);
}

static void test_sheet_by_name(void **state)
{
	(void)state;
	char dir[256], path[300];
	tmpdir_make(dir);
	(void)snprintf(path, sizeof path, "%s/list.xlsx", dir);
	make_handmade(path);
	struct xlsx_reader *r = NULL;
	struct err e = {0};
	if (xlsx_reader_open(path, "Other", &r, &e) != ERR_OK)
		fail_msg("%s", e.msg);
	expect_row(r, 2, (const char *const[]){"", "second"}, 2);
	expect_end(r);
	xlsx_reader_free(r);

	assert_int_equal(xlsx_reader_open(path, "名单", &r, &e), ERR_OK);
	expect_row(r, 1, (const char *const[]){"企业", "Inline 文本", "", "深圳 南山 & 福田",
					       "12345678901"}, 5);
	xlsx_reader_free(r);

	r = (struct xlsx_reader *)&e; /* must be reset to NULL on failure */
	assert_int_equal(xlsx_reader_open(path, "企业名单", &r, &e), ERR_NOT_FOUND);
	assert_null(r);
	assert_non_null(strstr(e.msg, path));
	assert_non_null(strstr(e.msg, "企业名单"));
	assert_non_null(strstr(e.msg, "“名单”、“Other”"));
	tmpdir_remove(dir);
}

static void test_date1904(void **state)
{
	(void)state;
	char dir[256], path[300];
	tmpdir_make(dir);
	(void)snprintf(path, sizeof path, "%s/mac.xlsx", dir);
	static const char wb1904[] =
		"<workbook xmlns:r=\"urn:r\"><workbookPr date1904=\"1\"/><sheets>"
		"<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
	static const char rels[] =
		"<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" "
		"Target=\"worksheets/sheet1.xml\"/></Relationships>";
	static const char st[] = "<styleSheet><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>"
				 "</cellXfs></styleSheet>";
	static const char sh[] = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v>"
				 "</c><c r=\"B1\" s=\"1\"><v>43830</v></c></row></sheetData>"
				 "</worksheet>";
	const struct entry entries[] = {{"xl/workbook.xml", wb1904},
					{"xl/_rels/workbook.xml.rels", rels},
					{"xl/styles.xml", st},
					{"xl/worksheets/sheet1.xml", sh}};
	make_zip(path, entries, 4);
	struct xlsx_reader *r = NULL;
	struct err e = {0};
	if (xlsx_reader_open(path, NULL, &r, &e) != ERR_OK)
		fail_msg("%s", e.msg);
	expect_row(r, 1, (const char *const[]){"1904-01-01", "2024-01-01"}, 2);
	expect_end(r);
	xlsx_reader_free(r);
	tmpdir_remove(dir);
}

/* ---- writing, then reading back ---- */

#define MANY_ROWS 5000

static void test_roundtrip(void **state)
{
	(void)state;
	char dir[256], path[300];
	tmpdir_make(dir);
	(void)snprintf(path, sizeof path, "%s/out.xlsx", dir);
	struct xlsx_writer *w = NULL;
	struct err e = {0};
	assert_int_equal(xlsx_writer_open(path, "企业名单", &w, &e), ERR_OK);
	static const char *const head[] = {"企业名称", "统一社会信用代码", "股票代码",
					   "营业收入（万元）", "成立日期", "备注"};
	assert_int_equal(xlsx_writer_header(w, head, 6, &e), ERR_OK);
	assert_int_equal(xlsx_writer_number_format(w, 3, "#,##0.00", &e), ERR_OK);
	const struct xlsx_cell r1[] = {
		{XLSX_TEXT, "深圳市南山区某某半导体有限公司", 0},
		{XLSX_TEXT, "91440300MA5FXT4K8Q", 0},
		{XLSX_TEXT, "000001", 0},
		{XLSX_NUMBER, NULL, 12345678901.0},
		{XLSX_DATE, "2024-01-01", 0},
		{XLSX_TEXT, "专精特新 \"小巨人\" <A&B>", 0},
	};
	const struct xlsx_cell r2[] = {
		{XLSX_TEXT, "Futian Robotics", 0},
		{XLSX_EMPTY, NULL, 0},
		{XLSX_TEXT, "", 0},
		{XLSX_NUMBER, NULL, 1234.5},
		{XLSX_DATE, "1900-03-01", 0},
		{XLSX_TEXT, "第二行", 0},
	};
	const struct xlsx_cell r3[] = {{XLSX_EMPTY, NULL, 0}, {XLSX_TEXT, NULL, 0}};
	const struct xlsx_cell r4[] = {
		{XLSX_EMPTY, NULL, 0},
		{XLSX_NUMBER, NULL, -0.1},
		{XLSX_EMPTY, NULL, 0},
		{XLSX_DATE, "2000-02-29", 0},
		{XLSX_EMPTY, NULL, 0},
	};
	assert_int_equal(xlsx_writer_row(w, r1, 6, &e), ERR_OK);
	assert_int_equal(xlsx_writer_row(w, r2, 6, &e), ERR_OK);
	assert_int_equal(xlsx_writer_row(w, r3, 2, &e), ERR_OK);
	assert_int_equal(xlsx_writer_row(w, r4, 5, &e), ERR_OK);
	for (int i = 0; i < MANY_ROWS; i++) {
		char name[64];
		(void)snprintf(name, sizeof name, "企业 %d", i);
		const struct xlsx_cell c[] = {{XLSX_TEXT, name, 0}, {XLSX_NUMBER, NULL, (double)i}};
		assert_int_equal(xlsx_writer_row(w, c, 2, &e), ERR_OK);
	}
	if (xlsx_writer_close(w, &e) != ERR_OK)
		fail_msg("%s", e.msg);

	/* What Excel shows: bold frozen header, autofilter over the six columns, widths. */
	char *xml = zip_entry_text(path, "xl/worksheets/sheet1.xml");
	char ref[64];
	(void)snprintf(ref, sizeof ref, "<autoFilter ref=\"A1:F%d\"/>", MANY_ROWS + 5);
	assert_non_null(strstr(xml, ref));
	assert_non_null(strstr(xml, "ySplit=\"1\""));
	assert_non_null(strstr(xml, "state=\"frozen\""));
	/* column A: 15 CJK characters count 30 (+1) */
	assert_non_null(strstr(xml, "<col min=\"1\" max=\"1\" width=\"31"));
	free(xml);
	xml = zip_entry_text(path, "xl/styles.xml");
	assert_non_null(strstr(xml, "formatCode=\"#,##0.00\""));
	assert_non_null(strstr(xml, "formatCode=\"yyyy-mm-dd\""));
	assert_non_null(strstr(xml, "<b/>"));
	free(xml);

	struct xlsx_reader *r = NULL;
	if (xlsx_reader_open(path, "企业名单", &r, &e) != ERR_OK)
		fail_msg("%s", e.msg);
	expect_row(r, 1, head, 6);
	expect_row(r, 2, (const char *const[]){"深圳市南山区某某半导体有限公司",
					       "91440300MA5FXT4K8Q", "000001", "12345678901",
					       "2024-01-01", "专精特新 \"小巨人\" <A&B>"}, 6);
	expect_row(r, 3, (const char *const[]){"Futian Robotics", "", "", "1234.5", "1900-03-01",
					       "第二行"}, 6);
	/* row 4 was written empty: skipped */
	expect_row(r, 5, (const char *const[]){"", "-0.1", "", "2000-02-29"}, 4);
	/* Many rows: the sheet is several 64 KiB chunks, so rows cross chunk boundaries. */
	for (int i = 0; i < MANY_ROWS; i++) {
		char name[64], num[32];
		(void)snprintf(name, sizeof name, "企业 %d", i);
		(void)snprintf(num, sizeof num, "%d", i);
		expect_row(r, (unsigned)i + 6, (const char *const[]){name, num}, 2);
	}
	expect_end(r);
	xlsx_reader_free(r);
	tmpdir_remove(dir);
}

static void test_writer_errors(void **state)
{
	(void)state;
	char dir[256], path[300];
	tmpdir_make(dir);
	(void)snprintf(path, sizeof path, "%s/bad.xlsx", dir);
	struct xlsx_writer *w = NULL;
	struct err e = {0};
	assert_int_equal(xlsx_writer_open(path, "a/b", &w, &e), ERR_INVALID);
	assert_null(w);
	assert_non_null(strstr(e.msg, "a/b"));

	assert_int_equal(xlsx_writer_open(path, NULL, &w, &e), ERR_OK);
	const struct xlsx_cell bad_date[] = {{XLSX_TEXT, "x", 0}, {XLSX_DATE, "2023-02-29", 0}};
	assert_int_equal(xlsx_writer_row(w, bad_date, 2, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "2023-02-29"));
	assert_non_null(strstr(e.msg, "第 1 行第 2 列"));
	const struct xlsx_cell bad_num[] = {{XLSX_NUMBER, NULL, NAN}};
	assert_int_equal(xlsx_writer_row(w, bad_num, 1, &e), ERR_INVALID);
	const struct xlsx_cell bad_text[] = {{XLSX_TEXT, "ok", 0}, {XLSX_TEXT, "\xff\xfe", 0}};
	assert_int_equal(xlsx_writer_row(w, bad_text, 2, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "UTF-8"));
	xlsx_writer_free(w);
	assert_int_equal(access(path, F_OK), -1); /* abandoned: nothing written */

	/* An unwritable path fails at close, naming the file. */
	char nodir[320];
	(void)snprintf(nodir, sizeof nodir, "%s/missing/out.xlsx", dir);
	assert_int_equal(xlsx_writer_open(nodir, NULL, &w, &e), ERR_OK);
	assert_int_equal(xlsx_writer_close(w, &e), ERR_IO);
	assert_non_null(strstr(e.msg, nodir));
	tmpdir_remove(dir);
}

/* ---- files that are not workbooks, or hostile ones ---- */

static void test_not_xlsx(void **state)
{
	(void)state;
	char dir[256], path[300];
	tmpdir_make(dir);
	struct xlsx_reader *r = NULL;
	struct err e = {0};

	(void)snprintf(path, sizeof path, "%s/absent.xlsx", dir);
	assert_int_equal(xlsx_reader_open(path, NULL, &r, &e), ERR_IO);
	assert_non_null(strstr(e.msg, path));

	(void)snprintf(path, sizeof path, "%s/list.csv.xlsx", dir);
	write_file(path, "名称,代码\n甲,1\n", strlen("名称,代码\n甲,1\n"));
	assert_int_equal(xlsx_reader_open(path, NULL, &r, &e), ERR_REJECTED);
	assert_null(r);
	assert_non_null(strstr(e.msg, path));
	assert_non_null(strstr(e.msg, "not a zip"));

	(void)snprintf(path, sizeof path, "%s/other.zip", dir);
	const struct entry only[] = {{"[Content_Types].xml", content_types}, {"readme.txt", "hi"}};
	make_zip(path, only, 2);
	assert_int_equal(xlsx_reader_open(path, NULL, &r, &e), ERR_REJECTED);
	assert_non_null(strstr(e.msg, path));
	assert_non_null(strstr(e.msg, "xl/workbook.xml"));
	tmpdir_remove(dir);
}

/* Open a workbook whose first sheet is `sheet_xml`; the code of opening and reading it all. */
static enum err_code read_sheet(const char *dir, const char *sheet_xml, struct err *e)
{
	char path[300];
	(void)snprintf(path, sizeof path, "%s/t.xlsx", dir);
	const struct entry entries[] = {
		{"xl/workbook.xml", workbook},
		{"xl/_rels/workbook.xml.rels", workbook_rels},
		{"xl/worksheets/sheet1.xml", sheet_xml},
	};
	make_zip(path, entries, 3);
	struct xlsx_reader *r = NULL;
	enum err_code rc = xlsx_reader_open(path, NULL, &r, e);
	struct xlsx_row row;
	while (rc == ERR_OK)
		rc = xlsx_reader_next(r, &row, e);
	xlsx_reader_free(r);
	return rc;
}

static void test_malformed(void **state)
{
	(void)state;
	char dir[256];
	tmpdir_make(dir);
	struct err e = {0};
	static const char mismatched[] = "<worksheet>\n<sheetData>\n"
					 "<row r=\"1\"><c r=\"A1\"><v>1</v></row>\n"
					 "</sheetData></worksheet>";
	assert_int_equal(read_sheet(dir, mismatched, &e), ERR_REJECTED);
	assert_non_null(strstr(e.msg, "xl/worksheets/sheet1.xml"));
	assert_non_null(strstr(e.msg, "line 3"));
	assert_non_null(strstr(e.msg, "t.xlsx"));

	static const char too_wide[] = "<worksheet><sheetData><row r=\"7\">"
				       "<c r=\"XFD7\"><v>1</v></c><c r=\"XFE7\"><v>1</v></c></row>"
				       "</sheetData></worksheet>";
	assert_int_equal(read_sheet(dir, too_wide, &e), ERR_REJECTED);
	assert_non_null(strstr(e.msg, "XFE"));
	assert_non_null(strstr(e.msg, "16384"));

	static const char no_sst[] = "<worksheet><sheetData><row r=\"2\"><c r=\"B2\" t=\"s\">"
				     "<v>0</v></c></row></sheetData></worksheet>";
	assert_int_equal(read_sheet(dir, no_sst, &e), ERR_REJECTED);
	assert_non_null(strstr(e.msg, "B2"));

	static const char doctype[] = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaa\">]>"
				      "<worksheet/>";
	assert_int_equal(read_sheet(dir, doctype, &e), ERR_REJECTED);
	assert_non_null(strstr(e.msg, "DOCTYPE"));

	static const char backwards[] = "<worksheet><sheetData><row r=\"1\">"
					"<c r=\"C1\"><v>1</v></c><c r=\"B1\"><v>2</v></c></row>"
					"</sheetData></worksheet>";
	assert_int_equal(read_sheet(dir, backwards, &e), ERR_REJECTED);
	assert_non_null(strstr(e.msg, "B1"));
	tmpdir_remove(dir);
}

/* A zip_source of `size` zero bytes, made as it is read (nothing that size is held in memory). */
struct zeros {
	zip_uint64_t size, pos;
};

static zip_int64_t zeros_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	struct zeros *z = ud;
	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		z->pos = 0;
		return 0;
	case ZIP_SOURCE_READ: {
		zip_uint64_t n = z->size - z->pos < len ? z->size - z->pos : len;
		memset(data, 0, n);
		z->pos += n;
		return (zip_int64_t)n;
	}
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = data;
		zip_stat_init(st);
		st->size = z->size;
		st->valid |= ZIP_STAT_SIZE;
		return sizeof *st;
	}
	case ZIP_SOURCE_ERROR:
		memset(data, 0, 2 * sizeof(int));
		return 2 * sizeof(int);
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ,
						      ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
						      ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		return 0;
	}
}

static void test_zip_bomb(void **state)
{
	(void)state;
	char dir[256], path[300];
	tmpdir_make(dir);
	(void)snprintf(path, sizeof path, "%s/bomb.xlsx", dir);
	int zerr = 0;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	assert_non_null(z);
	const struct entry small[] = {{"xl/workbook.xml", workbook},
				      {"xl/_rels/workbook.xml.rels", workbook_rels},
				      {"xl/worksheets/sheet1.xml", "<worksheet/>"}};
	for (size_t i = 0; i < 3; i++) {
		zip_source_t *src = zip_source_buffer(z, small[i].text, strlen(small[i].text), 0);
		assert_true(zip_file_add(z, small[i].name, src, 0) >= 0);
	}
	struct zeros zeros = {(zip_uint64_t)300 << 20, 0};
	zip_source_t *src = zip_source_function(z, zeros_cb, &zeros);
	assert_non_null(src);
	assert_true(zip_file_add(z, "xl/sharedStrings.xml", src, 0) >= 0);
	assert_int_equal(zip_close(z), 0);

	struct xlsx_reader *r = NULL;
	struct err e = {0};
	assert_int_equal(xlsx_reader_open(path, NULL, &r, &e), ERR_REJECTED);
	assert_null(r);
	assert_non_null(strstr(e.msg, "xl/sharedStrings.xml"));
	assert_non_null(strstr(e.msg, "314572800"));
	tmpdir_remove(dir);
}

/* Overwrite the uncompressed size of entry `name` (local and central headers) with `v`. */
static void patch_declared_size(const char *path, const char *name, uint32_t v)
{
	size_t len, nlen = strlen(name), hits = 0;
	char *zipdata = read_file(path, &len);
	unsigned char le[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
			       (unsigned char)(v >> 24)};
	for (size_t i = 0; i + 46 + nlen <= len; i++) {
		const char *p = zipdata + i;
		if (memcmp(p, "PK\3\4", 4) == 0 && memcmp(p + 30, name, nlen) == 0) {
			memcpy(zipdata + i + 22, le, 4);
			hits++;
		}
		if (memcmp(p, "PK\1\2", 4) == 0 && memcmp(p + 46, name, nlen) == 0) {
			memcpy(zipdata + i + 24, le, 4);
			hits++;
		}
	}
	assert_int_equal(hits, 2);
	write_file(path, zipdata, len);
	free(zipdata);
}

static void test_limits_lowered(void **state)
{
	(void)state;
	char dir[256], path[300];
	tmpdir_make(dir);
	(void)snprintf(path, sizeof path, "%s/t.xlsx", dir);
	/* A 2 MiB sheet that is valid XML all the way (whitespace inside sheetData). */
	size_t big = (size_t)2 << 20;
	char *sheet = malloc(big + 64);
	assert_non_null(sheet);
	size_t n = (size_t)snprintf(sheet, 64, "<worksheet><sheetData>");
	memset(sheet + n, ' ', big);
	(void)snprintf(sheet + n + big, 64, "</sheetData></worksheet>");
	const struct entry entries[] = {{"xl/workbook.xml", workbook},
					{"xl/_rels/workbook.xml.rels", workbook_rels},
					{"xl/worksheets/sheet1.xml", sheet}};
	make_zip(path, entries, 3);
	free(sheet);

	struct xlsx_reader *r = NULL;
	struct xlsx_row row;
	struct err e = {0};
	xlsx_set_limit_for_tests((size_t)1 << 20);
	/* Declared size over the limit: refused at open. */
	assert_int_equal(xlsx_reader_open(path, NULL, &r, &e), ERR_REJECTED);
	assert_non_null(strstr(e.msg, "xl/worksheets/sheet1.xml"));
	/* A lying header (declares 100 bytes): refused while inflating, past the limit. */
	patch_declared_size(path, "xl/worksheets/sheet1.xml", 100);
	enum err_code rc = xlsx_reader_open(path, NULL, &r, &e);
	if (rc == ERR_OK) {
		rc = xlsx_reader_next(r, &row, &e);
		xlsx_reader_free(r);
	}
	assert_int_equal(rc, ERR_REJECTED);
	assert_non_null(strstr(e.msg, "xl/worksheets/sheet1.xml"));
	assert_non_null(strstr(e.msg, "limit"));
	xlsx_set_limit_for_tests(0);
	tmpdir_remove(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_handmade_values),
		cmocka_unit_test(test_sheet_by_name),
		cmocka_unit_test(test_date1904),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_writer_errors),
		cmocka_unit_test(test_not_xlsx),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_zip_bomb),
		cmocka_unit_test(test_limits_lowered),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
