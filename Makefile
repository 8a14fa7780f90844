# Jiqun build. `make run` and `make test` are the two set-up commands (see README.md); both
# install what is missing through scripts/deps.sh first. `make` alone only builds build/jiqun.
#
# Variants: build/ is the release build (-O2); build/san/ is the test build with
# AddressSanitizer and UndefinedBehaviorSanitizer, which every test runs against.

CC      ?= cc
PKGS    := libmicrohttpd jansson sqlite3 libutf8proc zlib libzip expat xlsxwriter cairo pangocairo
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
WARN    := -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes -Wshadow -Wformat=2 \
           -Wvla -Wpointer-arith
CFLAGS_COMMON = -std=c11 -D_GNU_SOURCE -Isrc $(WARN) $(PKG_CFLAGS) -MMD -MP
REL_FLAGS := -O2 -g
SAN_FLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
LDLIBS   = $(PKG_LIBS) -lpthread -lm

SRCS     := $(shell find src -name '*.c' | LC_ALL=C sort)
LIB_SRCS := $(filter-out src/main.c,$(SRCS))
TEST_SRCS := $(shell find tests/unit -name 'test_*.c' 2>/dev/null | LC_ALL=C sort)

# Everything compiled into the binary (see src/base/embed.h).
ECHARTS  := node_modules/echarts/dist/echarts.min.js
WEB_FILES := $(shell find web -type f 2>/dev/null | LC_ALL=C sort)
SCHEMA_FILES := $(sort $(wildcard src/store/schema/*.sql))
EMBED := catalog/shenzhen-20plus8.json=data/catalog/shenzhen-20plus8.json \
         catalog/shenzhen-20plus8-2024.json=data/catalog/shenzhen-20plus8-2024.json \
         catalog/crosswalk-2022-2024.csv=data/catalog/crosswalk-2022-2024.csv \
         gbt4754/codes.csv=data/gbt4754-2017/codes.csv \
         rules/shenzhen-20plus8.csv=data/rules/shenzhen-20plus8.csv \
         map/shenzhen-districts.geojson=data/map/shenzhen-districts.geojson \
         $(foreach f,$(SCHEMA_FILES),schema/$(notdir $(f))=$(f)) \
         $(foreach f,$(WEB_FILES),$(f)=$(f)) \
         web/vendor/echarts.min.js=$(ECHARTS)
EMBED_DEPS := $(foreach p,$(EMBED),$(lastword $(subst =, ,$(p))))

REL_OBJS := $(LIB_SRCS:%.c=build/obj/%.o) build/obj/gen/embed_table.o build/obj/gen/embed_data.o
SAN_OBJS := $(LIB_SRCS:%.c=build/san/obj/%.o) build/san/obj/gen/embed_table.o build/san/obj/gen/embed_data.o
UNIT_BINS := $(TEST_SRCS:tests/unit/%.c=build/san/unit/%)

.PHONY: all build deps run test unit lint bench clean
all build: build/jiqun

deps:
	@scripts/deps.sh

$(ECHARTS):
	@echo "node_modules missing: run 'make deps' (or 'make run' / 'make test')" >&2; exit 1

build/gen/embed_table.c build/gen/embed_data.S &: $(EMBED_DEPS) tools/embed.sh Makefile
	@tools/embed.sh build/gen $(EMBED)

# `make V=1` shows the full commands.
say = $(if $(V),,@echo "  $(1) $@";)

build/obj/%.o: %.c
	@mkdir -p $(@D)
	$(call say,CC) $(CC) $(CFLAGS_COMMON) $(REL_FLAGS) -c $< -o $@
build/san/obj/%.o: %.c
	@mkdir -p $(@D)
	$(call say,CC) $(CC) $(CFLAGS_COMMON) $(SAN_FLAGS) -c $< -o $@
build/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(@D)
	$(call say,CC) $(CC) $(CFLAGS_COMMON) $(REL_FLAGS) -c $< -o $@
build/san/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(@D)
	$(call say,CC) $(CC) $(CFLAGS_COMMON) $(SAN_FLAGS) -c $< -o $@
build/obj/gen/embed_data.o build/san/obj/gen/embed_data.o: build/gen/embed_data.S
	@mkdir -p $(@D)
	$(call say,AS) $(CC) -c $< -o $@

build/jiqun: build/obj/src/main.o $(REL_OBJS)
	$(call say,LD) $(CC) $(REL_FLAGS) $^ -o $@ $(LDLIBS)
build/san/jiqun: build/san/obj/src/main.o $(SAN_OBJS)
	$(call say,LD) $(CC) $(SAN_FLAGS) $^ -o $@ $(LDLIBS)

build/san/unit/%: tests/unit/%.c $(SAN_OBJS)
	@mkdir -p $(@D)
	$(call say,CC+LD) $(CC) $(CFLAGS_COMMON) $(SAN_FLAGS) -Itests/unit $< $(SAN_OBJS) -o $@ $(LDLIBS) -lcmocka

# Create the database with the built-in programme when it is absent, then serve on :8080.
DB ?= jiqun.db
PORT ?= 8080
run: deps
	@$(MAKE) --no-print-directory -j2 build/jiqun
	@build/jiqun init --db $(DB)
	@build/jiqun demo --db $(DB) --if-empty
	@build/jiqun classify --db $(DB) >/dev/null
	@build/jiqun compute --db $(DB)
	@exec build/jiqun serve --db $(DB) --port $(PORT)

# Unit, integration and browser tests against the sanitizer build, then the source checks.
# Ends with "N passed, N failed"; exits non-zero on any failure.
test: deps
	@$(MAKE) --no-print-directory -j2 build/san/jiqun $(UNIT_BINS)
	@tests/run.sh

unit: build/san/jiqun $(UNIT_BINS)
	@SUITES=unit tests/run.sh

lint:
	@SUITES=lint tests/run.sh

# Benchmarks against their baselines (bench/run.sh says which); BENCH_ROWS sets the size.
build/bench/gen_enterprises: bench/gen_enterprises.c build/obj/src/model/uscc.o build/obj/src/base/err.o
	@mkdir -p $(@D)
	$(call say,CC+LD) $(CC) $(CFLAGS_COMMON) $(REL_FLAGS) $^ -o $@
build/bench/gen_facts: bench/gen_facts.c
	@mkdir -p $(@D)
	$(call say,CC+LD) $(CC) $(CFLAGS_COMMON) $(REL_FLAGS) $^ -o $@ -lm
build/bench/cube: bench/cube.c build/obj/src/engine/cube.o build/obj/src/base/mem.o build/obj/src/base/err.o
	@mkdir -p $(@D)
	$(call say,CC+LD) $(CC) $(CFLAGS_COMMON) $(REL_FLAGS) $^ -o $@ -lpthread -lm
build/bench/gen_classify: bench/gen_classify.c
	@mkdir -p $(@D)
	$(call say,CC+LD) $(CC) $(CFLAGS_COMMON) $(REL_FLAGS) $^ -o $@ $(LDLIBS)
build/bench/classify: bench/classify.c build/obj/src/engine/classify.o build/obj/src/engine/ac.o \
                      build/obj/src/base/mem.o build/obj/src/base/err.o
	@mkdir -p $(@D)
	$(call say,CC+LD) $(CC) $(CFLAGS_COMMON) $(REL_FLAGS) $^ -o $@ $(LDLIBS)
BENCH_BINS := build/bench/gen_enterprises build/bench/gen_facts build/bench/cube \
              build/bench/gen_classify build/bench/classify
bench:
	@BENCH=1 scripts/deps.sh
	@$(MAKE) --no-print-directory -j2 build/jiqun $(BENCH_BINS)
	@bench/run.sh

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)

# Static checks run by `make test` (tests/run.sh lint). clang-tidy's checks are in .clang-tidy.
CPPCHECK_FLAGS := --enable=warning,performance,portability --std=c11 --error-exitcode=1 \
                  --inline-suppr --quiet -D_GNU_SOURCE -Isrc --suppress=missingIncludeSystem
cppcheck:
	cppcheck $(CPPCHECK_FLAGS) $(SRCS)
# clang-tidy checks one file at a time: spread the files over the cores.
tidy:
	@printf '%s\n' $(SRCS) | xargs -P "$$(nproc)" -n 8 sh -c 'clang-tidy --quiet "$$@" -- -std=c11 \
		-D_GNU_SOURCE -Isrc $(PKG_CFLAGS)' clang-tidy
.PHONY: cppcheck tidy
