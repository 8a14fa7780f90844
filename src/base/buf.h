/*
 * buf.h - a growable byte buffer with a cap (like curl's dynbuf).
 *
 * The caller owns the struct; buf_free releases its bytes. Growth is by doubling. Appends fail with
 * ERR_INVALID once `cap` bytes would be exceeded, so a buffer filled from outside input cannot grow
 * without bound; internal buffers pass BUF_NO_CAP. The content is always NUL-terminated.
 */
#ifndef JIQUN_BASE_BUF_H
#define JIQUN_BASE_BUF_H

#include <stddef.h>

#include "base/err.h"

#define BUF_NO_CAP ((size_t)-1)

struct buf {
	char *data;  /* NUL-terminated content, or NULL while empty */
	size_t len;  /* bytes used, excluding the terminator */
	size_t size; /* bytes allocated */
	size_t cap;  /* most bytes `len` may reach */
};

void buf_init(struct buf *b, size_t cap);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
enum err_code buf_append(struct buf *b, const void *data, size_t n);
enum err_code buf_puts(struct buf *b, const char *s);
enum err_code buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The content ("" when empty); valid until the next append or free. */
const char *buf_str(const struct buf *b);
/* Hand the content to the caller (to free()); the buffer is left empty. */
char *buf_take(struct buf *b);

#endif
