/*
 * gen_classify.c - seeded data for the classification benchmark (bench/classify.sh): N lines of
 * business-scope text (~150 Chinese characters each, full-width punctuation as registries write
 * it), one 4-digit industry class per line, and a rule set of 5,000 keywords plus some class
 * rules and exclusions. The vocabulary comes from the segments and technologies of the
 * programme's catalogue (data/catalog/shenzhen-20plus8.json), combined with technical modifiers,
 * and generic business-scope phrases (技术开发、技术咨询、销售…（不含限制项目）). Not for tests.
 *
 * usage: gen_classify CATALOG N SEED DIR
 * writes DIR/text.txt (one enterprise a line), DIR/codes.txt (its class), DIR/keywords.txt (one
 * keyword a line, for grep -f and python) and DIR/rules.tsv (id, industry, kind, value, partial).
 */
#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_KEYWORDS 5000
#define MAX_CAND 20000

static uint64_t rng;

static uint64_t next(void)
{
	uint64_t z = (rng += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Characters in a UTF-8 string (lead bytes). */
static size_t nchars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

struct kw {
	char text[64];
	unsigned industry;
};

static struct kw cand[MAX_CAND];
static size_t n_cand;

static void add_cand(const char *s, size_t len, unsigned industry)
{
	if (n_cand == MAX_CAND || len == 0 || len >= sizeof cand[0].text)
		return;
	memcpy(cand[n_cand].text, s, len);
	cand[n_cand].text[len] = '\0';
	size_t n = nchars(cand[n_cand].text);
	if (n < 2 || n > 8)
		return;
	for (size_t i = 0; i < n_cand; i++)
		if (strcmp(cand[i].text, cand[n_cand].text) == 0)
			return;
	cand[n_cand++].industry = industry;
}

/* Pieces of a catalogue phrase made only of CJK ideographs: "电子设计自动化（EDA）工具软件"
 * gives 电子设计自动化 and 工具软件. */
static void add_pieces(const char *s, unsigned industry)
{
	const char *start = NULL;
	for (const char *p = s;; p++) {
		unsigned char c = (unsigned char)*p;
		bool cjk = c >= 0xE4 && c <= 0xE9;
		if (cjk && start == NULL)
			start = p;
		if (c == 0 || (!cjk && (c & 0xC0) != 0x80)) {
			if (start)
				add_cand(start, (size_t)(p - start), industry);
			start = NULL;
		}
		if (c == 0)
			break;
	}
}

static FILE *open_out(const char *dir, const char *name)
{
	char path[4096];
	(void)snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (f == NULL) {
		(void)fprintf(stderr, "gen_classify: cannot write %s: %s\n", path, strerror(errno));
		exit(1);
	}
	static char bufs[4][1 << 20];
	static int used;
	(void)setvbuf(f, bufs[used++ % 4], _IOFBF, sizeof bufs[0]);
	return f;
}

static void close_out(FILE *f)
{
	if (ferror(f) || fclose(f) != 0) {
		(void)fprintf(stderr, "gen_classify: write failed\n");
		exit(1);
	}
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		(void)fprintf(stderr, "usage: gen_classify CATALOG N SEED DIR\n");
		return 2;
	}
	char *end;
	errno = 0;
	long n = strtol(argv[2], &end, 10);
	if (*end || errno || n <= 0) {
		(void)fprintf(stderr, "gen_classify: N must be a positive number\n");
		return 2;
	}
	rng = strtoull(argv[3], NULL, 10);
	json_error_t jerr;
	json_t *cat = json_load_file(argv[1], 0, &jerr);
	if (cat == NULL) {
		(void)fprintf(stderr, "gen_classify: %s: %s\n", argv[1], jerr.text);
		return 1;
	}
	json_t *inds = json_object_get(cat, "industries");
	unsigned n_ind = (unsigned)json_array_size(inds);
	if (n_ind == 0) {
		(void)fprintf(stderr, "gen_classify: %s has no industries\n", argv[1]);
		return 1;
	}

	/* Catalogue phrases, each with its industry. */
	static const char *const lists[] = {"segments", "technologies"};
	for (unsigned i = 0; i < n_ind; i++) {
		json_t *ind = json_array_get(inds, i);
		add_pieces(json_string_value(json_object_get(ind, "name_zh")), i);
		for (size_t l = 0; l < COUNT(lists); l++) {
			json_t *a = json_object_get(ind, lists[l]);
			for (size_t j = 0; j < json_array_size(a); j++)
				add_pieces(json_string_value(json_array_get(a, j)), i);
		}
	}
	size_t n_catalog = n_cand;
	/* Technical modifiers x products: 智能传感器, 车载激光雷达, 医用高分子材料, ... */
	static const char *const mods[] = {
		"智能", "新型", "高端", "精密", "工业", "医用", "车载", "海洋", "量子", "激光", "柔性",
		"微型", "高效", "数字", "生物", "光学", "电子", "无线", "卫星", "自动化", "纳米",
		"高分子", "半导体", "超高清", "可穿戴", "储能", "氢能", "深海", "空天", "类脑", "基因",
		"细胞", "医疗", "环保", "节能", "安全", "射频", "功率", "光伏", "风电", "锂电", "航空",
		"航天", "导航", "遥感", "物联网", "精准", "康复", "诊断", "检测", "通信", "特种", "服务",
		"家用", "商用", "农业", "水下", "便携式", "嵌入式", "分布式", "模块化", "高精度", "大功率"};
	static const struct {
		const char *text;
		unsigned industry;
	} products[] = {
		{"芯片", 1}, {"传感器", 4}, {"机器人", 9}, {"显示屏", 2}, {"面板", 2}, {"材料", 15},
		{"装备", 8}, {"设备", 11}, {"电池", 12}, {"模组", 0}, {"器件", 1}, {"系统", 5},
		{"平台", 5}, {"软件", 5}, {"仪器", 11}, {"终端", 3}, {"控制器", 9}, {"减速器", 9},
		{"激光器", 10}, {"光纤", 10}, {"电机", 14}, {"充电桩", 14}, {"无人机", 23}, {"基站", 0},
		{"天线", 0}, {"光模块", 0}, {"服务器", 5}, {"操作系统", 5}, {"数据库", 5}, {"试剂", 17},
		{"疫苗", 17}, {"制剂", 17}, {"抗体", 17}, {"药物", 17}, {"影像设备", 16}, {"监护仪", 16},
		{"机床", 8}, {"刀具", 8}, {"伺服系统", 9}, {"涂层", 15}, {"薄膜", 15}, {"陶瓷", 15},
		{"合金", 15}, {"纤维", 15}, {"树脂", 15}, {"封装", 1}, {"逆变器", 12}, {"燃料电池", 12},
		{"电解槽", 12}, {"风机", 12}, {"船舶", 19}, {"探测器", 11}, {"示波器", 11}, {"摄像头", 3},
		{"雷达", 14}, {"激光雷达", 14}, {"算法", 24}, {"晶圆", 1}, {"光刻胶", 1}, {"靶材", 1},
		{"基板", 1}, {"电路板", 1}, {"耳机", 3}, {"手表", 7}, {"家具", 7}, {"服装", 7},
		{"医疗器械", 16}, {"检测设备", 11}, {"测试设备", 11}, {"照明", 13}, {"水处理设备", 13},
		{"监测设备", 13}, {"保健食品", 18}, {"化妆品", 18}, {"养老服务", 18}, {"游戏", 6},
		{"动漫", 6}, {"影视", 6}, {"区块链", 21}, {"测序仪", 16}, {"种子", 22}};
	for (size_t p = 0; p < COUNT(products); p++)
		add_cand(products[p].text, strlen(products[p].text), products[p].industry % n_ind);
	for (size_t m = 0; m < COUNT(mods); m++)
		for (size_t p = 0; p < COUNT(products); p++) {
			char s[64];
			int k = snprintf(s, sizeof s, "%s%s", mods[m], products[p].text);
			add_cand(s, (size_t)k, products[p].industry % n_ind);
		}
	/* Catalogue phrases behind a modifier too: 智能移动通信, 高端集成电路设计, ... */
	for (size_t c = 0; c < n_catalog && n_cand < MAX_CAND; c++)
		for (size_t m = 0; m < COUNT(mods); m += 7) {
			char s[96];
			int k = snprintf(s, sizeof s, "%s%s", mods[(m + c) % COUNT(mods)], cand[c].text);
			if (k > 0 && (size_t)k < sizeof s)
				add_cand(s, (size_t)k, cand[c].industry);
		}
	if (n_cand < N_KEYWORDS) {
		(void)fprintf(stderr, "gen_classify: only %zu keywords\n", n_cand);
		return 1;
	}
	/* Catalogue phrases and bare products first, then a seeded choice of the combinations. */
	size_t fixed = n_catalog + COUNT(products);
	for (size_t i = n_cand - 1; i > fixed; i--) {
		size_t j = fixed + next() % (i - fixed + 1);
		struct kw t = cand[i];
		cand[i] = cand[j];
		cand[j] = t;
	}

	const char *dir = argv[4];
	FILE *fk = open_out(dir, "keywords.txt"), *fr = open_out(dir, "rules.tsv");
	unsigned id = 1;
	for (size_t i = 0; i < N_KEYWORDS; i++) {
		(void)fprintf(fk, "%s\n", cand[i].text);
		(void)fprintf(fr, "%u\t%u\tkeyword\t%s\t0\n", id++, cand[i].industry, cand[i].text);
	}
	/* Exclusions: the phrases generic scopes use to say what is NOT done. */
	static const char *const excl[] = {"不含医疗器械", "不含危险化学品", "不含药品", "不含限制项目"};
	for (unsigned i = 0; i < n_ind; i++)
		(void)fprintf(fr, "%u\t%u\texclude\t%s\t0\n", id++, i, excl[i % COUNT(excl)]);
	/* Class rules: a few classes per industry, some only partly in scope. */
	static const char *const classes[] = {
		"3921", "3973", "3974", "3976", "3922", "3914", "3971", "3824", "6513", "6511", "8710",
		"1810", "3421", "3491", "3831", "3411", "4411", "7716", "3670", "2641", "3581", "2710",
		"1491", "5521", "2761", "6450", "6440", "3744", "4028", "3940", "4014", "3562"};
	for (size_t c = 0; c < COUNT(classes); c++)
		(void)fprintf(fr, "%u\t%u\tclass\t%s\t%d\n", id++, (unsigned)(c % n_ind), classes[c],
		              c % 3 == 2);
	close_out(fk);
	close_out(fr);

	/* Texts: 一般经营项目是：items；... 许可经营项目是：items。 about 150 characters. */
	static const char *const generic[] = {
		"技术开发", "技术咨询", "技术服务", "技术转让", "计算机软硬件的研发与销售",
		"货物及技术进出口", "国内贸易（不含专营、专卖、专控商品）", "经营进出口业务",
		"企业管理咨询", "信息咨询（不含限制项目）", "销售日用品（不含医疗器械）", "房屋租赁",
		"会议及展览服务", "物业管理", "广告设计、制作、代理", "电子商务", "供应链管理",
		"商务信息咨询", "市场营销策划", "人力资源服务（不含职业中介活动）",
		"投资兴办实业（具体项目另行申报）", "普通货运", "机械设备租赁", "办公用品销售",
		"五金交电销售", "建筑材料销售（不含危险化学品）", "预包装食品销售", "数据处理和存储支持服务",
		"信息系统集成服务", "ＬＥＤ照明产品的销售", "5Ｇ通信设备的安装与维护", "文化活动策划",
		"家用电器的销售", "化工产品销售（不含危险化学品）", "仓储服务", "从事广告业务"};
	static const char *const around[][2] = {{"", "的研发、生产与销售"}, {"", "的技术开发"},
	                                        {"", "的设计与销售"}, {"从事", "相关业务"},
	                                        {"", "的生产、加工"}, {"", "及配件的批发"}};
	static const char *const codes[] = {
		"3921", "3973", "3974", "3976", "3922", "3914", "3971", "3824", "6513", "6511", "5179",
		"7291", "5191", "6520", "3985", "3841", "2761", "3581", "7517", "8710", "5261", "1810"};
	FILE *ft = open_out(dir, "text.txt"), *fc = open_out(dir, "codes.txt");
	char line[4096], item[512];
	for (long r = 0; r < n; r++) {
		size_t len = 0, chars = 0, target = 135 + next() % 31;
		bool licensed = false;
		len += (size_t)snprintf(line, sizeof line, "一般经营项目是：");
		chars += 8;
		for (int k = 0; chars < target && len < sizeof line - 600; k++) {
			if (!licensed && chars > target * 2 / 3) {
				len += (size_t)snprintf(line + len, sizeof line - len, "。许可经营项目是：");
				chars += 9;
				licensed = true;
				k = 0;
			}
			if (next() % 100 < 40) {
				/* a keyword, popular ones more often (quadratic skew) */
				double u = (double)(next() >> 11) / 9007199254740992.0;
				size_t ki = (size_t)(u * u * N_KEYWORDS);
				size_t a = next() % COUNT(around);
				(void)snprintf(item, sizeof item, "%s%s%s", around[a][0], cand[ki].text,
				               around[a][1]);
			} else {
				(void)snprintf(item, sizeof item, "%s", generic[next() % COUNT(generic)]);
			}
			if (k > 0) {
				len += (size_t)snprintf(line + len, sizeof line - len, "%s",
				                        next() % 3 ? "；" : "、");
				chars++;
			}
			len += (size_t)snprintf(line + len, sizeof line - len, "%s", item);
			chars += nchars(item);
		}
		len += (size_t)snprintf(line + len, sizeof line - len, "。\n");
		(void)fwrite(line, 1, len, ft);
		(void)fprintf(fc, "%s\n", codes[next() % COUNT(codes)]);
	}
	close_out(ft);
	close_out(fc);
	json_decref(cat);
	(void)fprintf(stderr, "gen_classify: %ld enterprises, %d keywords of %zu candidates\n", n,
	              N_KEYWORDS, n_cand);
	return 0;
}
