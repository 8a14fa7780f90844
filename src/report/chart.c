/*
 * chart.c - a report chart laid out into drawing primitives (see chart.h): legend and unit on top,
 * then axes, bars or lines, value labels and the target line, or a gauge's arcs.
 */
#include "report/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

#define INK 0x1f2933u
#define INK2 0x4a5563u
#define GRID 0xe3e8eeu
#define AXIS 0x8a94a0u
#define TARGET 0xc62828u
#define TRACK 0xe6eaf0u
#define DONE 0x2e7d32u

#define FS_TICK 8.5   /* tick and category labels */
#define FS_VALUE 8.0  /* value labels */
#define FS_LEGEND 9.0 /* legend and unit */
#define ROW_LEGEND 15.0
#define PI 3.14159265358979323846

static const uint32_t palette[] = {0x2f6fb5, 0xe0893a, 0x4e9a5b, 0xc0504d,
                                   0x8064a2, 0x3a9fb8, 0x9b7b4a, 0x7f7f7f};

uint32_t chart_color(size_t i)
{
	return palette[i % (sizeof(palette) / sizeof(palette[0]))];
}

/* ---- text measure ---- */

/* Decode one UTF-8 character at s (at least one byte, NUL excluded); *cp receives it. */
static size_t utf8_next(const char *s, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = 1;
	unsigned c = u[0];
	if (c >= 0xf0)
		n = 4, c &= 0x07;
	else if (c >= 0xe0)
		n = 3, c &= 0x0f;
	else if (c >= 0xc0)
		n = 2, c &= 0x1f;
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return i;
		}
		c = (c << 6) | (u[i] & 0x3f);
	}
	*cp = c;
	return n;
}

static double char_em(unsigned cp)
{
	if (cp >= 0x1100)
		return 1.0; /* CJK, full-width forms, the ellipsis and dashes of CJK fonts */
	if (cp == ' ')
		return 0.3;
	if (cp == '.' || cp == ',' || cp == ':' || cp == ';' || cp == '|' || cp == '\'' || cp == 'i' ||
	    cp == 'l' || cp == 'j')
		return 0.28;
	if (cp >= 'A' && cp <= 'Z')
		return 0.66;
	if (cp == 'm' || cp == 'w' || cp == '%')
		return 0.85;
	return 0.56;
}

double chart_text_width(const char *text, double size)
{
	double em = 0;
	for (const char *p = text ? text : ""; *p;) {
		unsigned cp;
		p += utf8_next(p, &cp);
		em += char_em(cp);
	}
	return em * size;
}

/* A copy of text cut (at a character boundary) so that it with "…" is at most maxw wide. */
static char *fit_text(const char *text, double size, double maxw)
{
	if (chart_text_width(text, size) <= maxw)
		return xstrdup(text);
	double lim = maxw - size; /* room for the ellipsis */
	double em = 0;
	size_t keep = 0;
	for (const char *p = text; *p;) {
		unsigned cp;
		size_t n = utf8_next(p, &cp);
		if ((em + char_em(cp)) * size > lim)
			break;
		em += char_em(cp);
		p += n;
		keep = (size_t)(p - text);
	}
	char *out = xmalloc(keep + 4);
	memcpy(out, text, keep);
	memcpy(out + keep, "\xe2\x80\xa6", 4);
	return out;
}

/* The byte length of the longest prefix of text at most maxw wide (at least one character). */
static size_t split_at(const char *text, double size, double maxw)
{
	double em = 0;
	const char *p = text;
	while (*p) {
		unsigned cp;
		size_t n = utf8_next(p, &cp);
		if (p > text && (em + char_em(cp)) * size > maxw)
			break;
		em += char_em(cp);
		p += n;
	}
	return (size_t)(p - text);
}

/* ---- primitives ---- */

static struct chart_prim *add(struct chart_layout *l, enum chart_prim_kind kind)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->p = xrealloc(l->p, l->cap * sizeof(*l->p));
	}
	struct chart_prim *p = &l->p[l->n++];
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	p->fill = CHART_NONE;
	p->stroke = CHART_NONE;
	p->width = 1;
	return p;
}

static void rect(struct chart_layout *l, double x, double y, double w, double h, uint32_t fill)
{
	struct chart_prim *p = add(l, CHART_RECT);
	p->x = x, p->y = y, p->w = w, p->h = h, p->fill = fill;
}

static struct chart_prim *line(struct chart_layout *l, double x, double y, double x2, double y2,
                               uint32_t stroke, double width)
{
	struct chart_prim *p = add(l, CHART_LINE);
	p->x = x, p->y = y, p->x2 = x2, p->y2 = y2, p->stroke = stroke, p->width = width;
	return p;
}

/* Text owned by the caller: copied. */
static struct chart_prim *text(struct chart_layout *l, double x, double y, const char *s,
                               double size, enum chart_anchor anchor, uint32_t fill)
{
	struct chart_prim *p = add(l, CHART_TEXT);
	p->x = x, p->y = y, p->text = xstrdup(s), p->size = size, p->anchor = anchor, p->fill = fill;
	return p;
}

void chart_layout_free(struct chart_layout *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->p[i].text);
		free(l->p[i].pts);
	}
	free(l->p);
	memset(l, 0, sizeof(*l));
}

/* ---- numbers ---- */

void chart_ticks(double lo, double hi, int want, double *first, double *step, int *count)
{
	if (!isfinite(lo) || !isfinite(hi))
		lo = 0, hi = 1;
	if (lo > hi) {
		double t = lo;
		lo = hi, hi = t;
	}
	if (hi - lo < 1e-12 * fmax(fabs(lo), fabs(hi)) || hi == lo) {
		double pad = lo == 0 ? 1 : fabs(lo) * 0.5;
		if (lo >= 0)
			lo = lo == 0 ? 0 : lo - pad, hi = hi + pad;
		else
			lo -= pad, hi = hi == 0 ? 0 : hi + pad;
		if (lo < 0 && hi > 0 && hi - lo > 2 * pad)
			lo = fmin(lo, 0);
	}
	if (want < 1)
		want = 1;
	double raw = (hi - lo) / want;
	double mag = pow(10, floor(log10(raw)));
	double f = raw / mag;
	double s = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
	s *= mag;
	double a = floor(lo / s + 1e-9) * s;
	double b = ceil(hi / s - 1e-9) * s;
	int n = (int)lround((b - a) / s) + 1;
	if (n < 2)
		n = 2;
	*first = a;
	*step = s;
	*count = n;
}

static bool unit_is_pct(const struct doc_chart *c)
{
	return c->unit && strcmp(c->unit, "%") == 0;
}

/* How value labels are shown: percent with one decimal, integers, else two decimals. */
static enum doc_numfmt value_fmt(const struct doc_chart *c)
{
	if (unit_is_pct(c))
		return DOC_NUM_PCT1;
	size_t nv = c->nseries * c->ncats;
	for (size_t i = 0; i < nv; i++)
		if (isfinite(c->values[i]) && c->values[i] != floor(c->values[i]))
			return DOC_NUM_D2;
	if (isfinite(c->target) && c->target != floor(c->target))
		return DOC_NUM_D2;
	return DOC_NUM_INT;
}

/* As many decimals as the step has (0.25: two), at most two. */
static enum doc_numfmt tick_fmt(double step)
{
	if (fabs(step - round(step)) < 1e-9 * fmax(1, step))
		return DOC_NUM_INT;
	if (fabs(step * 10 - round(step * 10)) < 1e-6)
		return DOC_NUM_D1;
	return DOC_NUM_D2;
}

/* ---- common parts ---- */

/* The unit on the left and the legend (when there are several series) right-aligned; the y
 * below them where the plot may start. With `draw` false only measures. */
static double header(const struct doc_chart *c, double w, struct chart_layout *l, bool draw)
{
	double y = 0;
	double unit_w = 0;
	char buf[160];
	if (c->unit && c->unit[0] && c->kind != DOC_CHART_GAUGE) {
		(void)snprintf(buf, sizeof(buf), "单位：%s", c->unit);
		unit_w = chart_text_width(buf, FS_LEGEND) + 16;
		if (draw)
			text(l, 0, 11, buf, FS_LEGEND, CHART_START, INK2);
		y = ROW_LEGEND;
	}
	if (c->nseries < 2 || c->kind == DOC_CHART_GAUGE)
		return y + 4;
	/* legend items packed into rows, right-aligned, the first row beside the unit */
	size_t i = 0;
	int row = 0;
	while (i < c->nseries) {
		double avail = row == 0 ? w - unit_w : w;
		size_t j = i;
		double used = 0;
		while (j < c->nseries) {
			double iw = 14 + fmin(chart_text_width(c->series[j], FS_LEGEND), w * 0.4) + 12;
			if (j > i && used + iw > avail)
				break;
			used += iw;
			j++;
		}
		if (draw) {
			double x = w - used + 12;
			for (size_t k = i; k < j; k++) {
				double base = row * ROW_LEGEND + 11;
				rect(l, x, base - 8, 10, 8, chart_color(k));
				char *s = fit_text(c->series[k], FS_LEGEND, w * 0.4);
				text(l, x + 14, base, s, FS_LEGEND, CHART_START, INK);
				x += 14 + chart_text_width(s, FS_LEGEND) + 12;
				free(s);
			}
		}
		i = j;
		row++;
	}
	return fmax(y, row * ROW_LEGEND) + 4;
}

static void empty(struct chart_layout *l, double w, double h)
{
	struct chart_prim *p = add(l, CHART_RECT);
	p->x = 0.5, p->y = 0.5, p->w = w - 1, p->h = h - 1, p->stroke = GRID;
	text(l, w / 2, h / 2 + 4, "暂无数据", 11, CHART_MIDDLE, AXIS);
}

/* The value range to show: finite values and the target, with zero for bars. */
static bool value_range(const struct doc_chart *c, bool with_zero, double *lo, double *hi)
{
	double a = INFINITY, b = -INFINITY;
	size_t nv = c->nseries * c->ncats;
	for (size_t i = 0; i < nv; i++) {
		if (isfinite(c->values[i])) {
			a = fmin(a, c->values[i]);
			b = fmax(b, c->values[i]);
		}
	}
	if (!isfinite(a))
		return false;
	if (isfinite(c->target)) {
		a = fmin(a, c->target);
		b = fmax(b, c->target);
	}
	if (with_zero) {
		a = fmin(a, 0);
		b = fmax(b, 0);
	} else if (a > 0 && a < 0.5 * b) {
		a = 0; /* a trend far from zero keeps its zero: no exaggerated slopes */
	} else if (b < 0 && b > 0.5 * a) {
		b = 0;
	} else {
		/* off zero: a margin so that no point sits on the axis */
		double pad = (b - a) * 0.08;
		a = a > 0 && a - pad < 0 ? 0 : a - pad;
		b = b < 0 && b + pad > 0 ? 0 : b + pad;
	}
	*lo = a;
	*hi = b;
	return true;
}

struct axis {
	double first, step;
	int count;
	double lo, hi; /* first and last tick */
	double p0, p1; /* the screen coordinates of lo and hi */
};

static double axis_pos(const struct axis *a, double v)
{
	return a->p0 + (v - a->lo) / (a->hi - a->lo) * (a->p1 - a->p0);
}

static void axis_init(struct axis *a, double lo, double hi, int want)
{
	chart_ticks(lo, hi, want, &a->first, &a->step, &a->count);
	a->lo = a->first;
	a->hi = a->first + a->step * (a->count - 1);
}

static double tick_labels_width(const struct axis *a)
{
	double m = 0;
	char buf[48];
	for (int i = 0; i < a->count; i++) {
		double v = a->first + a->step * i;
		doc_format_num(fabs(v) < a->step * 1e-6 ? 0 : v, tick_fmt(a->step), buf, sizeof(buf));
		m = fmax(m, chart_text_width(buf, FS_TICK));
	}
	return m;
}

/* Category labels under a horizontal axis at y `base`, slot width `slot` from x0. Returns the
 * height they take; with `draw` false only measures. */
static double cat_labels(const struct doc_chart *c, struct chart_layout *l, double x0, double slot,
                         double base, bool draw)
{
	double maxw = 0;
	for (size_t i = 0; i < c->ncats; i++)
		maxw = fmax(maxw, chart_text_width(c->cats[i], FS_TICK));
	if (maxw <= slot - 3) {
		if (draw)
			for (size_t i = 0; i < c->ncats; i++)
				text(l, x0 + slot * ((double)i + 0.5), base + 12, c->cats[i], FS_TICK, CHART_MIDDLE,
				     INK2);
		return 16;
	}
	/* on two lines when every label fits so (CJK text breaks between any two characters) */
	bool two = true;
	for (size_t i = 0; i < c->ncats && two; i++) {
		size_t cut = split_at(c->cats[i], FS_TICK, slot - 3);
		two = chart_text_width(c->cats[i] + cut, FS_TICK) <= slot - 3;
	}
	if (two) {
		if (draw) {
			for (size_t i = 0; i < c->ncats; i++) {
				size_t cut = split_at(c->cats[i], FS_TICK, slot - 3);
				char *first = xstrndup(c->cats[i], cut);
				double x = x0 + slot * ((double)i + 0.5);
				text(l, x, base + 12, first, FS_TICK, CHART_MIDDLE, INK2);
				if (c->cats[i][cut])
					text(l, x, base + 12 + FS_TICK * 1.3, c->cats[i] + cut, FS_TICK,
					     CHART_MIDDLE, INK2);
				free(first);
			}
		}
		return 16 + FS_TICK * 1.3;
	}
	/* turned 45 degrees, shortened to 7 em, smaller when crowded (down to 7), every k-th when
	 * slots are narrower than a line */
	double fs = fmax(7, fmin(FS_TICK, slot * 0.7071 / 1.45));
	double lim = fmin(maxw * fs / FS_TICK, fs * 7);
	size_t every = 1;
	while (slot * (double)every * 0.7071 < fs * 1.3)
		every++;
	if (draw) {
		for (size_t i = 0; i < c->ncats; i += every) {
			char *s = fit_text(c->cats[i], fs, lim);
			struct chart_prim *p = text(l, x0 + slot * ((double)i + 0.5) + fs * 0.35, base + 9,
			                            s, fs, CHART_END, INK2);
			p->rotate = -45;
			free(s);
		}
	}
	return lim * 0.7071 + 14;
}

static void value_axis_grid(struct chart_layout *l, const struct axis *a, double x0, double x1)
{
	char buf[48];
	for (int i = 0; i < a->count; i++) {
		double v = a->first + a->step * i;
		double y = axis_pos(a, v);
		line(l, x0, y, x1, y, fabs(v) < a->step * 1e-6 ? AXIS : GRID, fabs(v) < a->step * 1e-6 ? 1 : 0.6);
		doc_format_num(fabs(v) < a->step * 1e-6 ? 0 : v, tick_fmt(a->step), buf, sizeof(buf));
		text(l, x0 - 5, y + FS_TICK * 0.35, buf, FS_TICK, CHART_END, INK2);
	}
}

static void target_label(const struct doc_chart *c, char *buf, size_t size, enum doc_numfmt f)
{
	char num[48];
	doc_format_num(c->target, f, num, sizeof(num));
	(void)snprintf(buf, size, "%s %s", c->target_label && c->target_label[0] ? c->target_label : "目标",
	               num);
}

/* ---- kinds ---- */

/* BAR and LINE share the frame: value axis on the left, categories along the bottom. */
static void columns(const struct doc_chart *c, double w, double h, struct chart_layout *l)
{
	bool bar = c->kind == DOC_CHART_BAR;
	double lo, hi;
	if (!value_range(c, bar, &lo, &hi)) {
		empty(l, w, h);
		return;
	}
	double top = header(c, w, l, true) + 6;
	struct axis a;
	axis_init(&a, lo, hi, 5);
	double x0 = tick_labels_width(&a) + 8;
	double x1 = w - 6;
	double slot = (x1 - x0) / (double)c->ncats;
	double bottom = cat_labels(c, l, x0, slot, 0, false);
	double y1 = h - bottom;
	if (y1 - top < 40)
		y1 = top + 40;
	a.p0 = y1;
	a.p1 = top;
	value_axis_grid(l, &a, x0, x1);
	line(l, x0, y1, x1, y1, AXIS, 1);
	cat_labels(c, l, x0, slot, y1, true);
	enum doc_numfmt vf = value_fmt(c);
	char buf[64];
	double zero = axis_pos(&a, fmin(fmax(0, a.lo), a.hi));
	if (bar) {
		double group = slot * (c->nseries > 1 ? 0.8 : 0.6);
		double bw = group / (double)c->nseries;
		bool labels = true;
		for (size_t i = 0; i < c->nseries * c->ncats && labels; i++) {
			doc_format_num(c->values[i], vf, buf, sizeof(buf));
			labels = chart_text_width(buf, FS_VALUE) <= bw + slot * 0.1 + 2;
		}
		for (size_t s = 0; s < c->nseries; s++) {
			for (size_t i = 0; i < c->ncats; i++) {
				double v = c->values[s * c->ncats + i];
				double x = x0 + slot * (double)i + (slot - group) / 2 + bw * (double)s;
				if (!isfinite(v)) {
					if (labels)
						text(l, x + bw / 2, zero - 3, "—", FS_VALUE, CHART_MIDDLE, AXIS);
					continue;
				}
				double y = axis_pos(&a, v);
				double ytop = fmin(y, zero), hgt = fabs(zero - y);
				rect(l, x + 0.5, ytop, bw - 1 > 1 ? bw - 1 : bw, hgt, chart_color(s));
				if (labels) {
					doc_format_num(v, vf, buf, sizeof(buf));
					double ty = v >= 0 ? y - 3 : y + FS_VALUE + 2;
					text(l, x + bw / 2, ty, buf, FS_VALUE, CHART_MIDDLE, INK);
				}
			}
		}
	} else {
		for (size_t s = 0; s < c->nseries; s++) {
			const double *v = c->values + s * c->ncats;
			size_t i = 0;
			while (i < c->ncats) {
				while (i < c->ncats && !isfinite(v[i]))
					i++;
				size_t j = i;
				while (j < c->ncats && isfinite(v[j]))
					j++;
				if (j - i >= 2) {
					struct chart_prim *p = add(l, CHART_POLYLINE);
					p->npts = j - i;
					p->pts = xmalloc(p->npts * 2 * sizeof(double));
					for (size_t k = i; k < j; k++) {
						p->pts[2 * (k - i)] = x0 + slot * ((double)k + 0.5);
						p->pts[2 * (k - i) + 1] = axis_pos(&a, v[k]);
					}
					p->stroke = chart_color(s);
					p->width = 2;
				}
				i = j;
			}
			for (size_t k = 0; k < c->ncats; k++) {
				if (!isfinite(v[k]))
					continue;
				struct chart_prim *p = add(l, CHART_CIRCLE);
				p->x = x0 + slot * ((double)k + 0.5);
				p->y = axis_pos(&a, v[k]);
				p->r = 2.5;
				p->fill = chart_color(s);
				if (c->nseries == 1 && c->ncats <= 16) {
					doc_format_num(v[k], vf, buf, sizeof(buf));
					if (chart_text_width(buf, FS_VALUE) <= slot + 2)
						text(l, p->x, p->y - 6, buf, FS_VALUE, CHART_MIDDLE, INK);
				}
			}
		}
	}
	if (isfinite(c->target)) {
		double y = axis_pos(&a, c->target);
		struct chart_prim *p = line(l, x0, y, x1, y, TARGET, 1.2);
		p->dashed = true;
		target_label(c, buf, sizeof(buf), vf);
		text(l, x1, y - 3, buf, FS_VALUE, CHART_END, TARGET);
	}
}

static void hbars(const struct doc_chart *c, double w, double h, struct chart_layout *l)
{
	double lo, hi;
	if (!value_range(c, true, &lo, &hi)) {
		empty(l, w, h);
		return;
	}
	double top = header(c, w, l, true) + (isfinite(c->target) ? 14 : 2);
	enum doc_numfmt vf = value_fmt(c);
	char buf[64];
	double labw = 0, valw = 0;
	for (size_t i = 0; i < c->ncats; i++)
		labw = fmax(labw, chart_text_width(c->cats[i], FS_TICK));
	labw = fmin(labw, w * 0.3);
	for (size_t i = 0; i < c->nseries * c->ncats; i++) {
		doc_format_num(c->values[i], vf, buf, sizeof(buf));
		valw = fmax(valw, chart_text_width(buf, FS_VALUE));
	}
	struct axis a;
	axis_init(&a, lo, hi, 5);
	double x0 = labw + 8;
	double x1 = w - valw - 8;
	double y1 = h - 18;
	a.p0 = x0;
	a.p1 = x1;
	/* grid and ticks along the bottom */
	for (int i = 0; i < a.count; i++) {
		double v = a.first + a.step * i;
		double x = axis_pos(&a, v);
		bool z = fabs(v) < a.step * 1e-6;
		line(l, x, top, x, y1, z ? AXIS : GRID, z ? 1 : 0.6);
		doc_format_num(z ? 0 : v, tick_fmt(a.step), buf, sizeof(buf));
		text(l, x, y1 + 12, buf, FS_TICK, CHART_MIDDLE, INK2);
	}
	double row = (y1 - top) / (double)c->ncats;
	double group = row * 0.7;
	double bh = group / (double)c->nseries;
	double zero = axis_pos(&a, fmin(fmax(0, a.lo), a.hi));
	/* labels as large as the rows allow */
	double fs = fmin(FS_TICK, fmax(5, row / 1.2));
	for (size_t i = 0; i < c->ncats; i++) {
		double cy = top + row * ((double)i + 0.5);
		char *s = fit_text(c->cats[i], fs, labw);
		text(l, x0 - 6, cy + fs * 0.35, s, fs, CHART_END, INK);
		free(s);
		for (size_t k = 0; k < c->nseries; k++) {
			double v = c->values[k * c->ncats + i];
			double y = cy - group / 2 + bh * (double)k;
			double ty = y + bh / 2 + FS_VALUE * 0.35;
			if (!isfinite(v)) {
				text(l, zero + 3, ty, "—", FS_VALUE, CHART_START, AXIS);
				continue;
			}
			double x = axis_pos(&a, v);
			rect(l, fmin(x, zero), y + 0.5, fabs(x - zero), bh - 1 > 1 ? bh - 1 : bh,
			     chart_color(k));
			doc_format_num(v, vf, buf, sizeof(buf));
			if (bh >= FS_VALUE * 0.8)
				text(l, v >= 0 ? x + 3 : x - 3, ty, buf, FS_VALUE,
				     v >= 0 ? CHART_START : CHART_END, INK);
		}
	}
	if (isfinite(c->target)) {
		double x = axis_pos(&a, c->target);
		struct chart_prim *p = line(l, x, top - 4, x, y1, TARGET, 1.2);
		p->dashed = true;
		target_label(c, buf, sizeof(buf), vf);
		double tw = chart_text_width(buf, FS_VALUE);
		enum chart_anchor an = x + tw / 2 > w ? CHART_END : x - tw / 2 < 0 ? CHART_START : CHART_MIDDLE;
		text(l, x, top - 6, buf, FS_VALUE, an, TARGET);
	}
}

/*
 * A half-circle dial from 0 to a scale end: 100 for percent figures (more when a figure is
 * beyond it), else the larger of value and target. The value fills the dial, a red tick marks the
 * target; the value is written large inside the dial, the scale's ends under the dial's feet,
 * then the target (and for amounts, the share achieved) and the series name below them.
 */
static void gauge(const struct doc_chart *c, double w, double h, struct chart_layout *l)
{
	double v = c->nseries && c->ncats ? c->values[0] : NAN;
	double t = c->target;
	if (!isfinite(v) && !isfinite(t)) {
		empty(l, w, h);
		return;
	}
	bool pct = unit_is_pct(c);
	double top = fmax(isfinite(v) ? v : 0, isfinite(t) ? t : 0);
	double scale = pct ? fmax(100, ceil(top / 10) * 10) : top;
	if (!(scale > 0))
		scale = 1;
	double r = fmin(w * 0.2, h - 68);
	if (r < 20)
		r = 20;
	double cx = w / 2, cy = 8 + r;
	double thick = r * 0.22, mid = r - thick / 2;
	struct chart_prim *p = add(l, CHART_ARC);
	p->x = cx, p->y = cy, p->r = mid, p->a0 = PI, p->a1 = 2 * PI;
	p->stroke = TRACK, p->width = thick;
	if (isfinite(v) && v > 0) {
		p = add(l, CHART_ARC);
		p->x = cx, p->y = cy, p->r = mid, p->a0 = PI, p->a1 = PI + PI * fmin(v / scale, 1);
		p->stroke = isfinite(t) && v >= t ? DONE : chart_color(0), p->width = thick;
	}
	if (isfinite(t) && t >= 0) {
		double a = PI + PI * fmin(t / scale, 1);
		line(l, cx + (r - thick - 3) * cos(a), cy + (r - thick - 3) * sin(a),
		     cx + (r + 3) * cos(a), cy + (r + 3) * sin(a), TARGET, 2);
	}
	enum doc_numfmt vf = value_fmt(c);
	const char *u = pct || !c->unit ? "" : c->unit;
	char big[96], num[48], tn[48], share[48], small[256];
	doc_format_num(v, vf, num, sizeof(num));
	(void)snprintf(big, sizeof(big), "%s%s", num, isfinite(v) ? u : "");
	/* The value sits in the dial's hole, as large as fits its inner width (20 at most). */
	double inner = 2 * (r - thick) - 8, size = 20;
	while (size > 9 && chart_text_width(big, size) > inner)
		size -= 1;
	struct chart_prim *tp = text(l, cx, cy - 6, big, size, CHART_MIDDLE, INK);
	tp->bold = true;
	if (isfinite(t)) {
		const char *name = c->target_label && c->target_label[0] ? c->target_label : "目标";
		doc_format_num(t, vf, tn, sizeof(tn));
		if (!pct && t > 0 && isfinite(v)) {
			doc_format_num(v / t * 100, DOC_NUM_PCT1, share, sizeof(share));
			(void)snprintf(small, sizeof(small), "%s %s%s · 完成 %s", name, tn, u, share);
		} else {
			(void)snprintf(small, sizeof(small), "%s %s%s", name, tn, u);
		}
		text(l, cx, cy + 30, small, FS_LEGEND, CHART_MIDDLE, TARGET);
	}
	text(l, cx - mid, cy + 14, "0", FS_TICK, CHART_MIDDLE, INK2);
	doc_format_num(scale, pct ? DOC_NUM_PCT1 : vf, tn, sizeof(tn));
	if (pct && scale == floor(scale))
		(void)snprintf(tn, sizeof(tn), "%.0f%%", scale);
	text(l, cx + mid, cy + 14, tn, FS_TICK, CHART_MIDDLE, INK2);
	if (c->nseries && c->series[0][0]) {
		char *s = fit_text(c->series[0], FS_LEGEND, w * 0.9);
		text(l, cx, cy + 46, s, FS_LEGEND, CHART_MIDDLE, INK);
		free(s);
	}
}

double chart_height(const struct doc_chart *c, double w)
{
	double lo, hi;
	bool blank = c->kind == DOC_CHART_GAUGE
		? !(c->nseries && c->ncats && isfinite(c->values[0])) && !isfinite(c->target)
		: c->nseries == 0 || c->ncats == 0 || !value_range(c, true, &lo, &hi);
	if (blank)
		return 80;
	switch (c->kind) {
	case DOC_CHART_GAUGE:
		return fmin(w * 0.2, 150) + 68;
	case DOC_CHART_HBAR: {
		struct chart_layout none = {0};
		double top = header(c, w, &none, false) + (isfinite(c->target) ? 14 : 2);
		double row = 12 + 6.0 * (double)(c->nseries ? c->nseries : 1);
		double h = top + row * (double)c->ncats + 20;
		/* no taller than an A4 text column: long rankings get thinner rows */
		return h < 100 ? 100 : h > CHART_MAX_HEIGHT ? CHART_MAX_HEIGHT : h;
	}
	case DOC_CHART_BAR:
	case DOC_CHART_LINE:
		break;
	}
	return w * 0.5;
}

void chart_layout(const struct doc_chart *c, double w, double h, struct chart_layout *out)
{
	memset(out, 0, sizeof(*out));
	out->w = w;
	out->h = h;
	if (c->kind != DOC_CHART_GAUGE && (c->nseries == 0 || c->ncats == 0)) {
		empty(out, w, h);
		return;
	}
	switch (c->kind) {
	case DOC_CHART_BAR:
	case DOC_CHART_LINE:
		columns(c, w, h, out);
		break;
	case DOC_CHART_HBAR:
		hbars(c, w, h, out);
		break;
	case DOC_CHART_GAUGE:
		gauge(c, w, h, out);
		break;
	}
}
