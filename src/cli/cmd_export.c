/*
 * cmd_export.c - `jiqun export LIST`: a list (or its empty template) as CSV or XLSX, with the
 * template's Chinese headers, filtered by industry or district.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/context.h"
#include "exchange/exchange.h"

enum { OPT_DB = 1, OPT_FORMAT, OPT_INDUSTRY, OPT_DISTRICT, OPT_OUT, OPT_TEMPLATE };

struct opts {
	const char *db, *format, *industry, *district, *out;
	bool template_only;
};

static int on_opt(int id, const char *arg, void *ctx)
{
	struct opts *o = ctx;
	switch (id) {
	case OPT_DB: o->db = arg; break;
	case OPT_FORMAT: o->format = arg; break;
	case OPT_INDUSTRY: o->industry = arg; break;
	case OPT_DISTRICT: o->district = arg; break;
	case OPT_OUT: o->out = arg; break;
	case OPT_TEMPLATE: o->template_only = true; break;
	default: break;
	}
	return 0;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"industry", required_argument, NULL, OPT_INDUSTRY},
		{"district", required_argument, NULL, OPT_DISTRICT},
		{"out", required_argument, NULL, OPT_OUT},
		{"template", no_argument, NULL, OPT_TEMPLATE},
		{0, 0, 0, 0},
	};
	struct opts o = {0};
	int first, rc = cli_parse(&cmd_export, argc, argv, opts, on_opt, &o, &first);
	if (rc != -1)
		return rc;
	if (argc - first != 1)
		return cli_usage(&cmd_export, "expected one list");
	const struct list_def *l = list_find(argv[first]);
	if (l == NULL)
		return cli_usage(&cmd_export, "unknown list '%s' (enterprises, listings, leads, projects, "
		                              "platforms, policies or orgs)", argv[first]);
	struct export_opts x = {.template_only = o.template_only, .format = FORMAT_CSV};
	if (o.format && strcmp(o.format, "xlsx") == 0)
		x.format = FORMAT_XLSX;
	else if (o.format && strcmp(o.format, "csv") != 0)
		return cli_usage(&cmd_export, "--format must be csv or xlsx, not '%s'", o.format);
	else if (o.format == NULL && o.out && !exchange_format_of(o.out, &x.format))
		return cli_usage(&cmd_export, "--out must end in .csv or .xlsx (or give --format)");
	if (x.format == FORMAT_XLSX && o.out == NULL)
		return cli_usage(&cmd_export, "XLSX needs --out FILE.xlsx");

	struct err e = {0};
	struct cli_ctx c = {0};
	long rows = 0;
	enum err_code erc = cli_ctx_open(&c, cli_db_path(o.db), &e);
	if (erc == ERR_OK && o.industry) {
		const struct industry *ind = programme_industry(c.programme, o.industry);
		for (size_t i = 0; ind == NULL && i < c.programme->n_industries; i++)
			if (strcmp(c.programme->industries[i].name_zh, o.industry) == 0)
				ind = &c.programme->industries[i];
		if (ind == NULL)
			erc = err_set(&e, ERR_USAGE, "--industry: no industry '%s'; `jiqun catalog list` shows them",
			              o.industry);
		else
			x.industry = ind->id;
	}
	if (erc == ERR_OK && o.district) {
		const struct district *d = programme_district(c.programme, o.district);
		if (d == NULL)
			erc = err_set(&e, ERR_USAGE, "--district: no district '%s'", o.district);
		else
			x.district = d->id;
	}
	if (erc == ERR_OK)
		erc = exchange_export(c.store, &c.lists, l, &x, o.out, &rows, &e);
	cli_ctx_close(&c);
	if (erc != ERR_OK)
		return cli_fail(&e);
	if (o.out)
		(void)fprintf(stderr, "jiqun: %s: 已导出%ld行 (%ld rows written)\n", o.out, rows, rows);
	return EXIT_OK;
}

const struct cli_cmd cmd_export = {
	.name = "export",
	.summary = "write a list, or its template, as CSV or XLSX",
	.usage = "jiqun export LIST [--db PATH] [--format csv|xlsx] [--out FILE] [--industry ID]\n"
	         "       [--district NAME] [--template]",
	.help = "Writes the list with the template's Chinese headers: amounts in 万元, 是/否, names of\n"
	        "districts and industries, so the file imports again unchanged. CSV goes to standard\n"
	        "output unless --out is given (UTF-8 with BOM, as Excel opens it).\n\n"
	        "  --template      only the header row, for officials to fill in\n"
	        "  --industry ID   only records of this industry (id or Chinese name)\n"
	        "  --district D    only records of this district (name, id or code)\n"
	        "  --format F      csv (default) or xlsx (needs --out)\n",
	.run = run,
};
