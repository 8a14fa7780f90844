/* encoding.c - UTF-8 / GB18030 detection and conversion to UTF-8; see encoding.h. */
#include "io/encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BOM "\xEF\xBB\xBF"
#define BOM_LEN 3

/*
 * A GB18030 buffer whose text is at least this many valid multi-byte UTF-8 sequences, and this
 * many times as many as invalid ones, is UTF-8 with a few foreign bytes. GBK text forms a valid
 * UTF-8 sequence now and then by chance, but never this steadily.
 */
#define MIXED_MIN_UTF8 8
#define MIXED_RATIO 4

static bool has_bom(const char *s, size_t len)
{
	return len >= BOM_LEN && memcmp(s, BOM, BOM_LEN) == 0;
}

/*
 * The length (1 to 4) of the strictly valid UTF-8 sequence at s, or 0 when it is invalid. A
 * sequence valid so far but cut by the end of the buffer returns 0 and sets *cut.
 */
static size_t utf8_seq(const unsigned char *s, size_t len, bool *cut)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	size_t need;

	*cut = false;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		need = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 3;
		if (c == 0xE0)
			lo = 0xA0; /* below: overlong */
		else if (c == 0xED)
			hi = 0x9F; /* above: UTF-16 surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 4;
		if (c == 0xF0)
			lo = 0x90; /* below: overlong */
		else if (c == 0xF4)
			hi = 0x8F; /* above: beyond U+10FFFF */
	} else {
		return 0; /* a continuation byte, C0/C1 (overlong) or F5-FF */
	}
	for (size_t i = 1; i < need; i++) {
		if (i >= len) {
			*cut = true;
			return 0;
		}
		unsigned char min = i == 1 ? lo : 0x80, max = i == 1 ? hi : 0xBF;
		if (s[i] < min || s[i] > max)
			return 0;
	}
	return need;
}

/* The offset of the first invalid UTF-8 sequence in s, or len if there is none. */
static size_t utf8_first_invalid(const char *s, size_t len, bool allow_cut)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		if (len - i >= 8) { /* ASCII runs, eight bytes at a time */
			uint64_t w;
			memcpy(&w, u + i, sizeof w);
			if ((w & 0x8080808080808080ULL) == 0) {
				i += 8;
				continue;
			}
		}
		/* Chinese is mostly three-byte sequences needing no special range: inline those. */
		unsigned char c = u[i];
		if (c >= 0xE1 && c != 0xED && c <= 0xEF && len - i >= 3 &&
		    (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		bool cut;
		size_t n = utf8_seq(u + i, len - i, &cut);
		if (n == 0)
			return cut && allow_cut ? len : i;
		i += n;
	}
	return len;
}

bool utf8_valid(const char *s, size_t len)
{
	return utf8_first_invalid(s, len, false) == len;
}

enum text_encoding encoding_detect(const char *buf, size_t len)
{
	if (has_bom(buf, len))
		return ENC_UTF8_BOM;
	return utf8_first_invalid(buf, len, true) == len ? ENC_UTF8 : ENC_GB18030;
}

const char *encoding_name(enum text_encoding enc)
{
	switch (enc) {
	case ENC_UTF8: return "UTF-8";
	case ENC_UTF8_BOM: return "UTF-8 (BOM)";
	case ENC_GB18030: return "GB18030";
	}
	return "?";
}

/* The 1-based line of byte `off` in s and its 1-based byte in that line (CRLF, LF, CR end it). */
static void locate(const char *s, size_t len, size_t off, size_t *line, size_t *byte)
{
	size_t ln = 1, start = 0;
	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= len || s[i + 1] != '\n'))) {
			ln++;
			start = i + 1;
		}
	*line = ln;
	*byte = off - start + 1;
}

/* Whether s, known not to be valid UTF-8, is nonetheless mostly UTF-8 text. */
static bool mostly_utf8(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t good = 0, bad = 0, i = 0;
	while (i < len) {
		bool cut;
		size_t n = utf8_seq(u + i, len - i, &cut);
		if (n == 0) {
			bad++;
			i++;
		} else {
			good += n > 1;
			i += n;
		}
	}
	return good >= MIXED_MIN_UTF8 && good >= MIXED_RATIO * bad;
}

static enum err_code copy_utf8(const char *in, size_t len, char **out, size_t *out_len,
			       struct err *e)
{
	size_t skip = has_bom(in, len) ? BOM_LEN : 0, line, byte;
	const char *s = in + skip;
	size_t n = len - skip, bad = utf8_first_invalid(s, n, false);
	if (bad < n) {
		locate(s, n, bad, &line, &byte);
		return err_set(e, ERR_INVALID,
			       "第%zu行第%zu字节不是有效的 UTF-8，请检查文件编码后重试 "
			       "(invalid UTF-8 byte sequence at line %zu, byte %zu; "
			       "check the file's encoding)",
			       line, byte, line, byte);
	}
	char *p = malloc(n + 1);
	if (p == NULL)
		return err_set(e, ERR_NOMEM, "内存不足 (out of memory converting %zu bytes)", n);
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	*out = p;
	*out_len = n;
	return ERR_OK;
}

static enum err_code from_gb18030(const char *in, size_t len, char **out, size_t *out_len,
				  struct err *e)
{
	size_t line, byte;
	if (len >= 2 && ((unsigned char)in[0] == 0xFF || (unsigned char)in[0] == 0xFE) &&
	    (unsigned char)in[1] == ((unsigned char)in[0] ^ 0x01))
		return err_set(e, ERR_INVALID,
			       "文件是 UTF-16 编码，请另存为“CSV UTF-8(逗号分隔)”后重试 "
			       "(the file is UTF-16; save it as \"CSV UTF-8 (comma delimited)\")");
	size_t bad = utf8_first_invalid(in, len, false);
	if (bad < len && mostly_utf8(in, len)) {
		locate(in, len, bad, &line, &byte);
		return err_set(e, ERR_INVALID,
			       "文件混用了两种编码：其余是 UTF-8，第%zu行第%zu字节不是，请修正该处 "
			       "(mixed encodings: the file is UTF-8 except at line %zu, "
			       "byte %zu; fix that spot)",
			       line, byte, line, byte);
	}

	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if ((intptr_t)cd == -1)
		return err_set(e, ERR_INTERNAL, "iconv 不支持 GB18030 (iconv lacks GB18030)");
	/* A GB18030 character of n bytes needs at most 1.5 n bytes of UTF-8: 2 n is ample. */
	size_t cap = 2 * len + 1;
	char *buf = malloc(cap);
	if (buf == NULL) {
		(void)iconv_close(cd);
		return err_set(e, ERR_NOMEM, "内存不足 (out of memory converting %zu bytes)", len);
	}
	char *ip = (char *)in, *op = buf; /* iconv's prototype lacks const */
	size_t il = len, ol = cap - 1;
	enum err_code rc = ERR_OK;
	if (il > 0 && iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
		if (errno == EILSEQ || errno == EINVAL) {
			bool cut = errno == EINVAL;
			locate(in, len, (size_t)(ip - in), &line, &byte);
			rc = err_set(e, ERR_INVALID,
				     "第%zu行第%zu字节无法按 GB18030 解码%s "
				     "(invalid GB18030 byte sequence at line %zu, byte %zu%s)",
				     line, byte, cut ? "（文件在字符中间结束）" : "", line, byte,
				     cut ? ": the file ends mid-character" : "");
		} else {
			rc = err_set(e, ERR_INTERNAL, "GB18030 转换失败 (iconv failed: %s)",
				     strerror(errno));
		}
	}
	(void)iconv_close(cd);
	if (rc != ERR_OK) {
		free(buf);
		return rc;
	}
	*op = '\0';
	*out_len = (size_t)(op - buf);
	char *shrunk = realloc(buf, *out_len + 1);
	if (shrunk != NULL)
		buf = shrunk;
	*out = buf;
	return ERR_OK;
}

enum err_code encoding_to_utf8(const char *in, size_t len, enum text_encoding enc, char **out,
			       size_t *out_len, struct err *e)
{
	*out = NULL;
	*out_len = 0;
	if (len > ENCODING_MAX_INPUT)
		return err_set(e, ERR_REJECTED,
			       "文件有 %zu 字节，超过 %zu 字节的上限，请拆分后导入 "
			       "(the file has %zu bytes, over the %zu-byte limit; split it)",
			       len, ENCODING_MAX_INPUT, len, ENCODING_MAX_INPUT);
	if (enc == ENC_GB18030)
		return from_gb18030(in, len, out, out_len, e);
	return copy_utf8(in, len, out, out_len, e);
}
