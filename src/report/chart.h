/*
 * chart.h - one layout of a report chart into drawing primitives, shared by the HTML (SVG) and
 * PDF (cairo) renderers so both draw exactly the same picture.
 *
 * chart_layout turns a struct doc_chart (report/doc.h) into rectangles, lines, polylines, circles,
 * arcs and text placed in a box of w x h units (SVG user units = PDF points), origin top left,
 * y down. It draws the unit, the legend, axes with "nice" ticks, category labels (shortened with
 * "…" or turned 45 degrees when they do not fit), bars or lines, value labels, the target as a
 * dashed reference line, or the gauge's arcs. The chart's title and source are not part of the
 * picture: the renderers show them as caption and note, as for tables.
 *
 * Text is placed by its baseline point (x, y) and anchor; widths are estimated from the text
 * (CJK characters 1 em, others about 0.56 em), which is what Noto Sans CJK measures within a few
 * percent. Pure computation, no I/O.
 *
 * Ownership: the layout owns its primitives, their texts and point arrays; chart_layout_free
 * releases them (NULL allowed). The layout does not point into the doc.
 */
#ifndef JIQUN_REPORT_CHART_H
#define JIQUN_REPORT_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "report/doc.h"

/* Width every renderer gives a chart, in units (SVG px, PDF pt): the PDF's text column. */
#define CHART_WIDTH 480.0
/* The tallest chart_height gives (a long ranking), so a chart fits on an A4 page. */
#define CHART_MAX_HEIGHT 660.0
/* No colour (a rect without fill or stroke). */
#define CHART_NONE UINT32_MAX

enum chart_prim_kind {
	CHART_RECT,     /* x, y, w, h; fill and/or stroke */
	CHART_LINE,     /* x, y -> x2, y2; stroke, width, dashed */
	CHART_POLYLINE, /* npts points in pts[2*i], pts[2*i+1]; stroke, width */
	CHART_CIRCLE,   /* centre x, y, radius r; fill */
	CHART_ARC,      /* centre x, y, radius r, from angle a0 to a1 (radians, clockwise on the
	                   screen from +x, a0 < a1), stroked with `width` */
	CHART_TEXT      /* text at baseline point x, y; size, anchor, rotate, bold, fill */
};

enum chart_anchor { CHART_START, CHART_MIDDLE, CHART_END };

struct chart_prim {
	enum chart_prim_kind kind;
	double x, y, w, h, x2, y2, r, a0, a1;
	double width;    /* stroke width */
	uint32_t fill;   /* 0xRRGGBB or CHART_NONE */
	uint32_t stroke; /* 0xRRGGBB or CHART_NONE */
	bool dashed;
	double *pts;
	size_t npts;
	char *text;
	double size;   /* font size in units */
	enum chart_anchor anchor;
	double rotate; /* degrees, clockwise, about (x, y); 0 or -45 */
	bool bold;
};

struct chart_layout {
	double w, h;
	struct chart_prim *p;
	size_t n, cap;
};

/* The height a chart of this kind and size wants at width `w`. */
double chart_height(const struct doc_chart *c, double w);

/* Lay out `c` in a w x h box into `out` (initialised here). */
void chart_layout(const struct doc_chart *c, double w, double h, struct chart_layout *out);
void chart_layout_free(struct chart_layout *l);

/*
 * "Nice" axis ticks covering [lo, hi] with about `want` intervals: a step of 1, 2, 2.5 or 5 times
 * a power of ten, the first tick at or below lo, the last at or above hi. *first, *step and the
 * number of ticks *count (>= 2). lo == hi is widened; lo > hi swapped.
 */
void chart_ticks(double lo, double hi, int want, double *first, double *step, int *count);

/* Estimated width of `text` set at `size` (see above). */
double chart_text_width(const char *text, double size);

/* The i-th series colour (0xRRGGBB). */
uint32_t chart_color(size_t i);

#endif
