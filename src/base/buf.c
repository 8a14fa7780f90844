/* buf.c - growable capped byte buffer; see buf.h. */
#include "base/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

void buf_init(struct buf *b, size_t cap)
{
	b->data = NULL;
	b->len = 0;
	b->size = 0;
	b->cap = cap;
}

void buf_free(struct buf *b)
{
	if (b == NULL)
		return;
	free(b->data);
	b->data = NULL;
	b->len = b->size = 0;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

static enum err_code reserve(struct buf *b, size_t extra)
{
	if (extra > b->cap || b->len > b->cap - extra)
		return ERR_INVALID;
	size_t need = b->len + extra + 1;
	if (need <= b->size)
		return ERR_OK;
	size_t size = b->size ? b->size : 64;
	while (size < need)
		size *= 2;
	b->data = xrealloc(b->data, size);
	b->size = size;
	return ERR_OK;
}

enum err_code buf_append(struct buf *b, const void *data, size_t n)
{
	enum err_code rc = reserve(b, n);
	if (rc != ERR_OK)
		return rc;
	if (n)
		memcpy(b->data + b->len, data, n);
	b->len += n;
	b->data[b->len] = '\0';
	return ERR_OK;
}

enum err_code buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

enum err_code buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return ERR_INTERNAL;
	enum err_code rc = reserve(b, (size_t)n);
	if (rc != ERR_OK)
		return rc;
	va_start(ap, fmt);
	(void)vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return ERR_OK;
}

const char *buf_str(const struct buf *b)
{
	return b->data ? b->data : "";
}

char *buf_take(struct buf *b)
{
	char *p = b->data ? b->data : xstrdup("");
	b->data = NULL;
	b->len = b->size = 0;
	return p;
}
