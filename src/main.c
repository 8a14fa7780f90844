/* main.c - argument dispatch only: find the command in cli/ and run it. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

int main(int argc, char **argv)
{
	(void)setlocale(LC_ALL, "C.UTF-8");
	if (argc < 2) {
		cli_print_overview(stderr);
		return EXIT_USAGE;
	}
	const char *name = argv[1];
	if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0)
		name = "version";
	else if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0)
		name = "help";
	const struct cli_cmd *cmd = cli_find(name);
	if (cmd == NULL) {
		(void)fprintf(stderr, "jiqun: unknown command '%s'\n\n", argv[1]);
		cli_print_overview(stderr);
		return EXIT_USAGE;
	}
	return cmd->run(argc - 1, argv + 1);
}
