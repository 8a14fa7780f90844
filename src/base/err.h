/*
 * err.h - the one error type of Jiqun.
 *
 * Every fallible function returns an `enum err_code` (ERR_OK == 0 means success) and, when it
 * fails, fills a caller-owned `struct err` with a human-readable message. The message is what a
 * user reads: it names the file, row, column or request part that is wrong and says what to do.
 * Codes become CLI exit codes in cli/cli.c (cli_exit_code) and HTTP statuses in http/respond.c
 * (respond_error): nowhere else.
 */
#ifndef JIQUN_BASE_ERR_H
#define JIQUN_BASE_ERR_H

#include <stddef.h>

enum err_code {
	ERR_OK = 0,
	ERR_NOMEM,     /* allocation failed */
	ERR_USAGE,     /* bad command line */
	ERR_IO,        /* a file or socket could not be read or written */
	ERR_CORRUPT,   /* stored data is damaged or not ours */
	ERR_VERSION,   /* stored data comes from a newer Jiqun */
	ERR_NOT_FOUND, /* no such entity */
	ERR_INVALID,   /* a value breaks a rule (bad id, bad code, bad date, ...) */
	ERR_REJECTED,  /* an input file was rejected as a whole */
	ERR_BUSY,      /* a resource is in use (port taken, database locked) */
	ERR_INTERNAL,  /* a bug: an invariant did not hold */
	ERR_UNAUTHENTICATED, /* nobody signed in, or a bad password or token (HTTP 401) */
	ERR_FORBIDDEN, /* signed in, but the role may not do this (HTTP 403) */
	ERR_THROTTLED  /* too many failed attempts: try again later (HTTP 429) */
};

/* A failure's code and message; zero-initialise it (`struct err e = {0};`). */
struct err {
	enum err_code code;
	char msg[512];
};

/*
 * Record a failure in `e` (which may be NULL) and return `code`, so callers can write
 * `return err_set(e, ERR_IO, "cannot open %s: %s", path, strerror(errno));`.
 * The message is truncated to fit; it is never left unterminated.
 */
enum err_code err_set(struct err *e, enum err_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A short stable English name for a code ("not_found", "invalid", ...), used in API bodies. */
const char *err_code_name(enum err_code code);

#endif
