/*
 * encoding.h - telling UTF-8 from GB18030 input and converting it to UTF-8 before it is parsed.
 *
 * It is for the files officials send: UTF-8 with or without a BOM, or GB18030/GBK as Excel and
 * WPS save "CSV" on a Chinese Windows. It works on a whole buffer in memory (at most
 * ENCODING_MAX_INPUT bytes), not on streams, and it knows no other encodings: UTF-16 is refused
 * with a message saying how to re-save the file. Validation is strict (no overlong forms, no
 * surrogates, nothing above U+10FFFF), so what comes out is safe to hand to jansson.
 *
 * Ownership: encoding_to_utf8 gives the caller a malloc'd buffer to free(); the other functions
 * only read their arguments. Messages name the line and byte but not the file: callers add it.
 */
#ifndef JIQUN_IO_ENCODING_H
#define JIQUN_IO_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

/* The largest input encoding_to_utf8 accepts (1 GiB); larger files are ERR_REJECTED. */
#define ENCODING_MAX_INPUT ((size_t)1 << 30)

enum text_encoding {
	ENC_UTF8,     /* UTF-8 without a BOM (plain ASCII is this too) */
	ENC_UTF8_BOM, /* UTF-8 starting with EF BB BF */
	ENC_GB18030   /* anything else: GB18030, of which GBK and GB2312 are subsets */
};

/*
 * The encoding of `buf`, which may be the first `len` bytes of a larger file: a UTF-8 BOM means
 * ENC_UTF8_BOM; strictly valid UTF-8 throughout means ENC_UTF8 (a sequence cut by the end of the
 * sample is allowed); anything else ENC_GB18030.
 */
enum text_encoding encoding_detect(const char *buf, size_t len);

/* A short name for messages: "UTF-8", "UTF-8 (BOM)", "GB18030". */
const char *encoding_name(enum text_encoding enc);

/* Whether s[0..len) is strictly valid UTF-8 (a sequence cut at the end is not). */
bool utf8_valid(const char *s, size_t len);

/*
 * Convert `len` bytes in encoding `enc` to UTF-8: *out receives a malloc'd NUL-terminated buffer
 * (the caller frees it) and *out_len its length without the terminator. A UTF-8 BOM is dropped.
 * UTF-8 input is validated; GB18030 goes through glibc iconv. A bad byte sequence is ERR_INVALID
 * naming its line and byte in Chinese and English; so is a file that is UTF-8 except for a few
 * bytes (two encodings mixed), which converting as GB18030 would only garble. On failure *out is
 * NULL and *out_len 0.
 */
enum err_code encoding_to_utf8(const char *in, size_t len, enum text_encoding enc, char **out,
			       size_t *out_len, struct err *e);

#endif
