/* cmd_help.c - `jiqun help [COMMAND]` and `jiqun version`, both from the command table. */
#include <stdio.h>

#include "base/version.h"
#include "cli/cli.h"

static void overview(FILE *out)
{
	(void)fprintf(out, "jiqun %s - 集群: Shenzhen 20+8 industry cluster programme platform\n\n"
	                   "usage: jiqun COMMAND [options]\n\ncommands:\n", JIQUN_VERSION);
	for (size_t i = 0; cli_commands[i]; i++)
		(void)fprintf(out, "  %-10s %s\n", cli_commands[i]->name, cli_commands[i]->summary);
	(void)fprintf(out, "\n`jiqun help COMMAND` explains one. Exit codes: 0 ok, 1 failure, "
	                   "2 usage error, 3 input rejected.\n");
}

static int run_help(int argc, char **argv)
{
	if (argc > 2)
		return cli_usage(&cmd_help, "too many arguments");
	if (argc == 1) {
		overview(stdout);
		return EXIT_OK;
	}
	const struct cli_cmd *cmd = cli_find(argv[1]);
	if (cmd == NULL)
		return cli_usage(&cmd_help, "unknown command '%s'", argv[1]);
	(void)printf("usage: %s\n\n%s", cmd->usage, cmd->help);
	return EXIT_OK;
}

static int run_version(int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		return cli_usage(&cmd_version, "takes no arguments");
	(void)printf("jiqun %s\n", JIQUN_VERSION);
	return EXIT_OK;
}

void cli_print_overview(FILE *out)
{
	overview(out);
}

const struct cli_cmd cmd_help = {
	.name = "help",
	.summary = "explain a command",
	.usage = "jiqun help [COMMAND]",
	.help = "Without COMMAND lists the commands; with one, prints its usage and options.\n",
	.run = run_help,
};

const struct cli_cmd cmd_version = {
	.name = "version",
	.summary = "print the version (also --version)",
	.usage = "jiqun version | jiqun --version",
	.help = "Prints the release of this build.\n",
	.run = run_version,
};
