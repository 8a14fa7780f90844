/*
 * sample.h - a hand-made report doc with every block kind, for the renderers' tests, the
 * `jiqun render-sample` developer command and the report benchmark. Not a real report: the
 * figures are invented (deterministic) and say so.
 */
#ifndef JIQUN_REPORT_SAMPLE_H
#define JIQUN_REPORT_SAMPLE_H

#include "report/doc.h"

/* The text put into a table cell to prove escaping: it must never reach HTML as markup. */
#define SAMPLE_INJECTION "<script>alert(\"x\")</script> & <b>粗</b>"

/*
 * Fill `d` (doc_init'ed here; doc_free it) with a summary part (paragraphs, bullets, a gauge, a
 * trend, a ranking), `industries` industry sections (1..28: each a heading, a paragraph, a table,
 * two charts; every other one a third chart and a second table), a long appendix table of
 * 120 rows that spans pages, a revised paragraph and table, a page break and notes.
 */
void sample_doc(struct doc *d, int industries, const char *lang);

#endif
