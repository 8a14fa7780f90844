/*
 * exchange.h - Excel in and out for the programme's lists: importing an official's CSV or XLSX
 * file into a list, exporting a list (or its empty template) as CSV or XLSX.
 *
 * An import is all or nothing: every row is read, parsed and checked (field rules, checks across
 * fields, duplicates within the file, conflicts with stored data) inside one transaction; any
 * problem rolls it back unless skip_bad is set, in which case good rows land and bad rows go to a
 * reject file (the same columns plus 错误原因) ready to fix and import again. Re-importing the
 * same file changes nothing: rows are matched by their natural key.
 *
 * Not for: parsing bytes (io/), SQL (store/), field rules (lists/).
 * Ownership: results own their strings; free with import_result_free.
 */
#ifndef JIQUN_EXCHANGE_EXCHANGE_H
#define JIQUN_EXCHANGE_EXCHANGE_H

#include <stdbool.h>
#include <stdio.h>

#include "lists/lists.h"
#include "store/store.h"

enum exchange_format { FORMAT_CSV, FORMAT_XLSX };

struct import_opts {
	const char *path;        /* .csv (UTF-8 or GB18030) or .xlsx */
	const char *sheet;       /* XLSX sheet name; NULL: the first */
	bool dry_run;            /* check everything, write nothing */
	bool skip_bad;           /* write the good rows, reject the bad ones */
	const char *reject_path; /* where bad rows go with skip_bad; NULL: PATH.rejects.csv */
	const char *source;      /* recorded as each row's source; NULL: the file's name */
	/* Called every IMPORT_PROGRESS_ROWS rows with the rows read so far, and once more with
	 * `finishing` when every row is read and a large import still builds indexes and commits
	 * (seconds for a million rows); may be NULL. */
	void (*progress)(void *ctx, long rows, bool finishing);
	void *progress_ctx;
	/* Optional hooks, given hook_ctx (change/change.h sets them: who may write each row, and the
	 * audit entry). row_check is asked about each row that passed every other check, before it
	 * is written, and may add issues naming `row` to `is` to refuse it (lists only);
	 * before_commit runs inside the import's transaction, just before a commit (not for dry
	 * runs), with the counts written. */
	enum err_code (*row_check)(void *ctx, const struct record *rec, unsigned row,
	                           struct issues *is, struct err *e);
	enum err_code (*before_commit)(void *ctx, const char *path, long rows, long inserted,
	                               long updated, long unchanged, struct err *e);
	void *hook_ctx;
};

#define IMPORT_PROGRESS_ROWS 50000

struct import_result {
	long rows, inserted, updated, unchanged, rejected;
	struct issues issues;
	char *reject_path;  /* set when a reject file was written */
	char *ignored;      /* headers that name no field, joined by "、"; NULL if none */
};

/*
 * Import the file into list `l`. ERR_OK when it was written (or would be, with dry_run);
 * ERR_REJECTED when rows had problems and nothing was written (res->issues says which);
 * other errors for a file that cannot be read as a table at all (e's message says why).
 */
enum err_code exchange_import(struct store *s, const struct list_ctx *ctx, const struct list_def *l,
                              const struct import_opts *o, struct import_result *res /* OUT */,
                              struct err *e);
void import_result_free(struct import_result *r);

struct export_opts {
	enum exchange_format format;
	const char *industry; /* industry id filter, or NULL */
	const char *district; /* district id filter, or NULL */
	bool template_only;   /* only the header row officials fill in */
};

/*
 * Write list `l` (filtered) to `path` (for CSV, NULL means standard output) with the template's
 * Chinese headers, in field order; *rows receives the number of records written.
 */
enum err_code exchange_export(struct store *s, const struct list_ctx *ctx, const struct list_def *l,
                              const struct export_opts *o, const char *path, long *rows /* OUT */,
                              struct err *e);

/*
 * Checks of record `r` of list `l` against what is stored: a listing's enterprise must be in the
 * enterprise list (with the same name, when one is given); an enterprise's name must not be
 * registered under another credit code. Problems are added to `is`, blaming columns[field].
 */
enum err_code exchange_check_stored(struct store *s, const struct list_def *l,
                                    const struct record *r, const char *const *columns,
                                    struct issues *is, struct err *e);

/*
 * Write a table of text cells (`rows` x `n_cols`, row-major; NULL cells are empty) under header
 * `head` as an .xlsx workbook of one sheet at `path`: reports such as the commissioner's brief.
 */
enum err_code exchange_table_xlsx(const char *path, const char *sheet, const char *const *head,
                                  size_t n_cols, const char *const *cells, size_t rows,
                                  struct err *e);

/* The format a path's extension names (.csv or .xlsx); false for anything else. */
bool exchange_format_of(const char *path, enum exchange_format *out);

/* ---- indicator data (exchange/indicators.c) ----
 * Two file forms, told apart by their headers (README.md documents both):
 * - enterprise values: 统一社会信用代码/uscc, 期间/period, 指标/indicator, 数值/value, 单位/unit,
 *   口径/basis (当期 or 累计; default 当期);
 * - published aggregates: 层级/level, 对象/key, 期间/period, 指标/indicator, 数值/value, 单位/unit,
 *   增速/growth_pct (optional), 来源/source, 口径/basis (optional).
 * Values are converted to the indicator's base unit. All or nothing: any bad row and nothing is
 * written; every problem is listed with its row, column and reason. Only dry_run, sheet, source
 * and progress of the options apply.
 */
enum ind_file_form { IND_FILE_ENTERPRISE, IND_FILE_PUBLISHED };

struct ind_import_result {
	enum ind_file_form form;
	long rows, written, rejected; /* rejected: rows with a problem */
	struct issues issues;
	char *ignored; /* headers that name no column, joined by "、"; NULL if none */
};

enum err_code exchange_import_indicators(struct store *s, const struct programme *p,
                                         const struct import_opts *o,
                                         struct ind_import_result *res /* OUT */, struct err *e);
void ind_import_result_free(struct ind_import_result *r);

#endif
