/*
 * gen_enterprises.c - writes N rows of the enterprise list as CSV for the import benchmark:
 * valid, unique credit codes, Chinese names, districts, industry classes and ~150 characters of
 * business scope, as officials' files have them. Seeded and deterministic. Not for tests or
 * demo data (src/demo/ makes those).
 *
 * usage: gen_enterprises N [SEED] > file.csv
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/uscc.h"

static uint64_t state;

static uint64_t next(void)
{
	uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static const char *pick(const char *const *a, size_t n)
{
	return a[next() % n];
}

#define PICK(a) pick(a, sizeof(a) / sizeof((a)[0]))

int main(int argc, char **argv)
{
	if (argc < 2) {
		(void)fprintf(stderr, "usage: gen_enterprises N [SEED] > file.csv\n");
		return 2;
	}
	char *end;
	errno = 0;
	long n = strtol(argv[1], &end, 10);
	if (*end || errno || n <= 0) {
		(void)fprintf(stderr, "gen_enterprises: N must be a positive number\n");
		return 2;
	}
	state = argc > 2 ? strtoull(argv[2], NULL, 10) : 1;
	static const char *const districts[] = {"福田区", "罗湖区", "南山区", "宝安区", "龙岗区",
	                                        "盐田区", "龙华区", "坪山区", "光明区", "大鹏新区"};
	static const char *const codes[] = {"3973", "6520", "3921", "3922", "3911", "3983", "6513",
	                                    "3491", "4014", "3841", "2761", "3581", "3985", "3731"};
	static const char *const words[] = {"微电子", "通信", "光电", "智能装备", "生物医药", "新能源",
	                                    "新材料", "医疗器械", "软件", "半导体", "传感", "海洋"};
	static const char *const brands[] = {"华", "创", "新", "科", "达", "信", "恒", "瑞", "鹏",
	                                     "宏", "腾", "泰", "联", "智", "汇", "嘉", "盛", "正"};
	static const char *const sizes[] = {"大型", "中型", "小型", "微型"};
	static const char *const scope =
		"一般经营项目是：电子产品、通信设备、集成电路的技术开发、技术咨询、技术服务；计算机软硬件的"
		"研发与销售；货物及技术进出口。许可经营项目是：电子元器件、传感器、智能终端设备的生产、加工"
		"与销售；信息系统集成服务；数据处理和存储支持服务";
	(void)fputs("统一社会信用代码,企业名称,所在区,行业代码,经营范围,企业规模,成立日期,规上企业,"
	            "国家高新技术企业,培育阶段,转企日期,升规日期\r\n",
	            stdout);
	for (long i = 0; i < n; i++) {
		char code[19] = "91440300";
		/* Positions 9-16 are the row number, so every code is unique; 17 and 18 are checks. */
		long w = i;
		for (int k = 15; k >= 8; k--) {
			code[k] = "0123456789"[w % 10];
			w /= 10;
		}
		code[16] = uscc_org_check_char(code + 8);
		code[17] = uscc_check_char(code);
		code[18] = '\0';
		int year = 1995 + (int)(next() % 29), month = 1 + (int)(next() % 12), day = 1 + (int)(next() % 28);
		int above = next() % 10 < 4;
		(void)printf("%s,深圳市%s%s%s%ld科技有限公司,%s,%s,%s,%s,%04d-%02d-%02d,%s,%s,%s,%04d-%02d-%02d,",
		             code, PICK(brands), PICK(brands), PICK(words), i, PICK(districts), PICK(codes),
		             scope, PICK(sizes), year, month, day, above ? "是" : "否",
		             next() % 10 < 4 ? "是" : "否", above ? "规上" : "企业", year, month, day);
		if (above)
			(void)printf("%04d-%02d-%02d\r\n", year + 1 + (int)(next() % 3), month, day);
		else
			(void)fputs("\r\n", stdout);
	}
	return ferror(stdout) ? 1 : 0;
}
