/*
 * uscc.h - the unified social credit code (统一社会信用代码) of GB 32100-2015: validation, its
 * check character, and the parts import needs.
 *
 * A code is 18 characters from the code set "0123456789ABCDEFGHJKLMNPQRTUWXY" (digits and
 * upper-case letters without I, O, Z, S, V):
 *   1      registration authority (登记管理部门代码: 1 机构编制, 5 民政, 9 工商/市场监管, Y 其他, and
 *          the codes assigned since, e.g. 2, 3, 8, A, N): any character of the code set is
 *          accepted, because the list of assigned authorities keeps growing and a closed list
 *          would refuse real codes;
 *   2      entity type (机构类别代码), its meaning depends on position 1: any character of the set;
 *   3-8    administrative division code (登记管理机关行政区划码, GB/T 2260) of the registering
 *          authority, 6 digits. It is where the code was issued, not where the entity operates:
 *          most Shenzhen firms carry 440300 (the city's market regulator), not a district code;
 *   9-17   the subject identifier, which the standard requires to be an organisation code of
 *          GB 11714: 8 characters and its own check digit at position 17 (weights 3,7,9,10,5,8,4,2
 *          with letters valued A=10 .. Z=35; 11 - sum mod 11, 10 written X, 11 written 0).
 *          uscc_valid checks it: every real code satisfies it, and it catches typos the final
 *          check character misses;
 *   18     check character: weights 3^i mod 31 over positions 1-17, 31 - sum mod 31 (31 -> 0),
 *          written with the code set.
 * Lower-case letters are refused, not folded: call uscc_normalise first to accept them.
 * Pure functions on caller-owned strings; nothing is allocated; safe from any thread.
 */
#ifndef JIQUN_MODEL_USCC_H
#define JIQUN_MODEL_USCC_H

#include <stdbool.h>

#include "base/err.h"

/* Length of a code in characters (and bytes). */
#define USCC_LEN 18

/*
 * Whether `s` is a valid code. When not, and `e` is not NULL, e->code is ERR_INVALID and e->msg
 * names the first wrong position in Chinese with the reason in English, e.g.
 * "第18位校验码应为 X，请核对各位是否录入有误 (check character should be X)". NULL is invalid.
 */
bool uscc_valid(const char *s, struct err *e);

/*
 * Upper-case ASCII letters in place and strip leading and trailing ASCII white space and
 * full-width spaces (U+3000). Nothing else changes, so an invalid code stays invalid.
 */
void uscc_normalise(char *s);

/*
 * The check character (position 18) for the first 17 characters of `first17` (anything after
 * them is ignored), or 0 when there are fewer than 17 or one is outside the code set. It does not
 * look at the organisation-code check digit: build position 17 with uscc_org_check_char first.
 */
char uscc_check_char(const char *first17);

/*
 * The GB 11714 organisation-code check digit ('0'-'9' or 'X') for the 8 characters of `body8`
 * (positions 9-16 of a code; anything after them is ignored), or 0 when there are fewer than 8
 * or one is not a digit or an upper-case letter.
 */
char uscc_org_check_char(const char *body8);

/* When `s` is a valid code, copy its division code (positions 3-8) to `out` and return true. */
bool uscc_division_code(const char *s, char out[7]);

#endif
