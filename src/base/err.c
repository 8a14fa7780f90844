/* err.c - recording failures; see err.h. */
#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>

enum err_code err_set(struct err *e, enum err_code code, const char *fmt, ...)
{
	if (e != NULL) {
		va_list ap;
		va_start(ap, fmt);
		(void)vsnprintf(e->msg, sizeof e->msg, fmt, ap);
		va_end(ap);
		e->code = code;
	}
	return code;
}

const char *err_code_name(enum err_code code)
{
	switch (code) {
	case ERR_OK: return "ok";
	case ERR_NOMEM: return "out_of_memory";
	case ERR_USAGE: return "usage";
	case ERR_IO: return "io";
	case ERR_CORRUPT: return "corrupt";
	case ERR_VERSION: return "version";
	case ERR_NOT_FOUND: return "not_found";
	case ERR_INVALID: return "invalid";
	case ERR_REJECTED: return "rejected";
	case ERR_BUSY: return "busy";
	case ERR_INTERNAL: return "internal";
	case ERR_UNAUTHENTICATED: return "unauthenticated";
	case ERR_FORBIDDEN: return "forbidden";
	case ERR_THROTTLED: return "throttled";
	}
	return "internal";
}
