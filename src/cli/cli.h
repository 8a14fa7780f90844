/*
 * cli.h - the command table and the helpers every subcommand shares.
 *
 * Each subcommand lives in src/cli/cmd_<verb>.c and exports one `const struct cli_cmd`; cli.c
 * collects them in `cli_commands`, from which main.c dispatches and `jiqun help` prints. A
 * command's run function returns the process exit code: 0 success, 1 failure, 2 usage error,
 * 3 input rejected (cli_exit_code maps error codes to these in one place).
 */
#ifndef JIQUN_CLI_CLI_H
#define JIQUN_CLI_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "base/err.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2, EXIT_REJECTED = 3 };

struct cli_cmd {
	const char *name;
	const char *summary; /* one line for `jiqun help` */
	const char *usage;   /* the synopsis lines, without the leading "usage: " */
	const char *help;    /* what it does, its options, an example */
	/* argv[0] is the command's name; returns the exit code. */
	int (*run)(int argc, char **argv);
};

extern const struct cli_cmd *const cli_commands[];

/* The command called `name`, or NULL. */
const struct cli_cmd *cli_find(const char *name);

/* The exit code for an error code. */
int cli_exit_code(enum err_code code);

/* Print e's message as "jiqun: ..." on stderr; return its exit code. */
int cli_fail(const struct err *e);

/* Print "jiqun CMD: <message>" and the command's usage on stderr; return EXIT_USAGE. */
int cli_usage(const struct cli_cmd *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* An option's whole decimal number from lo to hi into *out; false for anything else (empty, a
 * sign or text around it, out of range), for the caller's usage message. */
bool cli_number(const char *arg, long lo, long hi, long *out /* OUT */);

/* The database path: --db if given, else $JIQUN_DB, else "jiqun.db". */
const char *cli_db_path(const char *opt);

/*
 * Parse argv with getopt_long's long options only. On an unknown or malformed option prints the
 * usage and returns EXIT_USAGE; -1 when all options were read (then *first_arg is the index of the
 * first operand). Handlers see each option via `on_opt(id, optarg, ctx)`, which returns 0 or an
 * exit code. The option table is `struct option` from getopt.h with `val` as the id.
 */
struct option;
int cli_parse(const struct cli_cmd *cmd, int argc, char **argv, const struct option *opts,
              int (*on_opt)(int id, const char *arg, void *ctx), void *ctx, int *first_arg);

/* The list of commands, for `jiqun help` and for a missing or unknown command. */
void cli_print_overview(FILE *out);

/* Print `v` (a new reference, released here) as indented JSON on stdout: EXIT_OK, or EXIT_FAIL
 * when it cannot be serialised. */
struct json_t;
int cli_print_json(struct json_t *v);

/* Commands, one per file. */
extern const struct cli_cmd cmd_init, cmd_catalog, cmd_import, cmd_export, cmd_demo, cmd_serve,
	cmd_help, cmd_version;
extern const struct cli_cmd cmd_rules, cmd_classify;
extern const struct cli_cmd cmd_compute, cmd_stats;
extern const struct cli_cmd cmd_plans, cmd_targets;
extern const struct cli_cmd cmd_user, cmd_review, cmd_audit;

extern const struct cli_cmd cmd_chain, cmd_leads;

extern const struct cli_cmd cmd_report, cmd_brief;
extern const struct cli_cmd cmd_render_sample;

#endif
