/*
 * fuzz_xlsx.c - libFuzzer target for XLSX through io/sheet.h (the streaming reader on libzip and
 * expat), as every import reads a workbook. A mutated zip rarely gets past the zip checks, so the
 * first byte chooses how the input becomes a file:
 *   even: the rest is the .xlsx file as it is (zip structure, the part size limits);
 *   odd:  the rest is the workbook's XML parts, separated by "\n--\n", in this order: the sheet,
 *         the shared strings, the styles, workbook.xml and its rels; the harness zips them
 *         (stored, uncompressed) with a fixed [Content_Types].xml, filling parts not given with
 *         minimal valid ones. This reaches the XML handlers (cells, shared strings, rich text,
 *         dates from styles, sheet lookup through the rels).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "fuzz_common.h"
#include "io/sheet.h"

static const char *const part_names[] = {
	"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml",
	"xl/_rels/workbook.xml.rels",
};
enum { N_PARTS = sizeof part_names / sizeof part_names[0] };

static const char *const part_defaults[N_PARTS] = {
	"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
	"<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>",
	"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"1\" "
	"uniqueCount=\"1\"><si><t>名称</t></si></sst>",
	"<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><cellXfs "
	"count=\"1\"><xf numFmtId=\"0\"/></cellXfs></styleSheet>",
	"<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
	"<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
	"relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>",
};

static const char content_types[] =
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";

static void add(zip_t *z, const char *name, const void *data, size_t len)
{
	zip_source_t *src = zip_source_buffer(z, data, len, 0);
	zip_int64_t i = src ? zip_file_add(z, name, src, ZIP_FL_OVERWRITE) : -1;
	if (i < 0) {
		zip_source_free(src);
		abort();
	}
	(void)zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0);
}

/* Zip the parts of `data` (see the top comment) into `path`. */
static void assemble(const char *path, const uint8_t *data, size_t size)
{
	int zerr;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (z == NULL)
		abort();
	add(z, "[Content_Types].xml", content_types, sizeof content_types - 1);
	const char *p = (const char *)data, *end = p + size;
	for (size_t i = 0; i < N_PARTS; i++) {
		if (p == NULL) {
			add(z, part_names[i], part_defaults[i], strlen(part_defaults[i]));
			continue;
		}
		const char *sep = memmem(p, (size_t)(end - p), "\n--\n", 4);
		size_t len = sep ? (size_t)(sep - p) : (size_t)(end - p);
		add(z, part_names[i], p, len);
		p = sep ? sep + 4 : NULL;
	}
	if (zip_close(z) != 0)
		abort(); /* the buffers are ours until here: zip_close reads them */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	char path[300];
	(void)snprintf(path, sizeof path, "%s/in.xlsx", fuzz_tmpdir());
	(void)remove(path);
	if (data[0] & 1)
		assemble(path, data + 1, size - 1);
	else
		fuzz_write_file(path, data + 1, size - 1);
	struct sheet *s = NULL;
	struct err e = {0};
	const char *const *cells;
	size_t n;
	if (sheet_open(path, NULL, &s, &e) == ERR_OK && sheet_header(s, path, &cells, &n, &e) == ERR_OK) {
		while (sheet_next(s, &cells, &n, &e) == ERR_OK)
			for (size_t i = 0; i < n; i++)
				(void)strlen(cells[i]);
	}
	if (e.code != ERR_OK && e.code != ERR_NOT_FOUND && e.msg[0] == '\0')
		abort(); /* a refusal must say why */
	sheet_close(s);
	return 0;
}
