/*
 * jsonfmt.h - how JSON meant for people and their scripts (API answers, --json, the report's
 * JSON) prints numbers: 15 significant digits, so a share rounded to 0.1 prints as 83.3 and not
 * 83.299999999999997, and a value in yuan below 10^13 keeps its fen. 17 digits give every double
 * back exactly; JSON that is read back by Jiqun itself (report snapshots, the audit trail) keeps
 * them. Include <jansson.h> first.
 */
#ifndef JIQUN_BASE_JSONFMT_H
#define JIQUN_BASE_JSONFMT_H

#define JSON_SHOWN_PRECISION JSON_REAL_PRECISION(15)

#endif
