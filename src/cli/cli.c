/* cli.c - the command table, exit codes and shared option handling; see cli.h. */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/jsonfmt.h"

const struct cli_cmd *const cli_commands[] = {
	&cmd_init, &cmd_catalog, &cmd_import, &cmd_export, &cmd_demo, &cmd_serve, &cmd_help,
	&cmd_version, &cmd_rules, &cmd_classify,
	&cmd_compute, &cmd_stats, &cmd_plans, &cmd_targets,
	&cmd_user, &cmd_review, &cmd_audit,
	&cmd_chain, &cmd_leads,
	&cmd_report, &cmd_brief,
	&cmd_render_sample,
	NULL,
};

const struct cli_cmd *cli_find(const char *name)
{
	for (size_t i = 0; cli_commands[i]; i++)
		if (strcmp(cli_commands[i]->name, name) == 0)
			return cli_commands[i];
	return NULL;
}

int cli_exit_code(enum err_code code)
{
	switch (code) {
	case ERR_OK: return EXIT_OK;
	case ERR_USAGE: return EXIT_USAGE;
	case ERR_REJECTED: return EXIT_REJECTED;
	default: return EXIT_FAIL;
	}
}

int cli_fail(const struct err *e)
{
	(void)fprintf(stderr, "jiqun: %s\n", e->msg[0] ? e->msg : err_code_name(e->code));
	return cli_exit_code(e->code);
}

int cli_usage(const struct cli_cmd *cmd, const char *fmt, ...)
{
	va_list ap;
	(void)fprintf(stderr, "jiqun %s: ", cmd->name);
	va_start(ap, fmt);
	(void)vfprintf(stderr, fmt, ap);
	va_end(ap);
	(void)fprintf(stderr, "\nusage: %s\nTry `jiqun help %s`.\n", cmd->usage, cmd->name);
	return EXIT_USAGE;
}

bool cli_number(const char *arg, long lo, long hi, long *out)
{
	const char *digits = arg[0] == '-' ? arg + 1 : arg;
	if (*digits < '0' || *digits > '9') /* strtol would skip spaces and take a '+' */
		return false;
	char *end = NULL;
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (*end != '\0' || errno != 0 || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

const char *cli_db_path(const char *opt)
{
	if (opt)
		return opt;
	const char *env = getenv("JIQUN_DB");
	return env && env[0] ? env : "jiqun.db";
}

int cli_parse(const struct cli_cmd *cmd, int argc, char **argv, const struct option *opts,
              int (*on_opt)(int id, const char *arg, void *ctx), void *ctx, int *first_arg)
{
	optind = 0; /* full re-initialisation (GNU) so each parse starts afresh */
	opterr = 0;
	for (;;) {
		int id = getopt_long(argc, argv, ":", opts, NULL);
		if (id == -1)
			break;
		if (id == '?')
			return cli_usage(cmd, "unknown option '%s'", argv[optind - 1]);
		if (id == ':')
			return cli_usage(cmd, "option '%s' needs a value", argv[optind - 1]);
		int rc = on_opt(id, optarg, ctx);
		if (rc != 0)
			return rc;
	}
	*first_arg = optind;
	return -1;
}

int cli_print_json(json_t *v)
{
	char *s = json_dumps(v, JSON_INDENT(2) | JSON_SHOWN_PRECISION);
	json_decref(v);
	if (s == NULL)
		return EXIT_FAIL;
	(void)puts(s);
	free(s);
	return EXIT_OK;
}
