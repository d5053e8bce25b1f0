# hotrocks: build, check, demo, bench, install, deps.
# Objects go under build/ (build/asan/ with SANITIZE=1); the tree stays clean.

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
SYSCONFDIR ?= $(PREFIX)/etc
DATADIR	?= $(PREFIX)/share
DESTDIR	?=
PYTHON	?= /usr/bin/python3

BUILD	:= build
ifeq ($(SANITIZE),1)
BUILD	:= build/asan
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	    -fno-omit-frame-pointer
endif

PKGS	:= gmime-3.0 libxml-2.0 libzip sqlite3 json-glib-1.0 glib-2.0 openssl
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS)) -lm
CHECK_CFLAGS = $(shell pkg-config --cflags check)
CHECK_LIBS = $(shell pkg-config --libs check)

CFLAGS	?= -O2 -g
override CFLAGS := -std=gnu17 -Wall -Wextra -Werror $(CFLAGS) $(SANFLAGS)
override CPPFLAGS := -I. -D_GNU_SOURCE $(CPPFLAGS)
override LDFLAGS := $(SANFLAGS) $(LDFLAGS)

LIB_SRCS	:= $(wildcard lib/*.c)
PARSER_SRCS	:= $(wildcard parsers/*.c)
INTAKE_SRCS	:= $(filter-out intake/main.c,$(wildcard intake/*.c))
OUTBOX_SRCS	:= $(wildcard outbox/*.c)
CORE_SRCS	:= $(LIB_SRCS) $(PARSER_SRCS) $(INTAKE_SRCS) $(OUTBOX_SRCS)
CORE_OBJS	:= $(CORE_SRCS:%.c=$(BUILD)/%.o)
PARSER_OBJS	:= $(PARSER_SRCS:%.c=$(BUILD)/%.o)
UNIT_SRCS	:= $(sort $(wildcard tests/unit/check-*.c))
UNIT_OBJS	:= $(UNIT_SRCS:%.c=$(BUILD)/%.o) $(BUILD)/tests/unit/run.o \
		   $(BUILD)/tests/unit/testlib.o

all: $(BUILD)/hotrocks

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -I$(BUILD)/tests $(PKG_CFLAGS) $(CHECK_CFLAGS) \
	    $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/libhotrocks.a: $(CORE_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/hotrocks: $(BUILD)/intake/main.o $(BUILD)/libhotrocks.a
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# The unit runner learns its suites from the file names, so adding a
# tests/unit/check-NAME.c that exports NAME_suite() is all it takes.
$(BUILD)/tests/suites.h: $(UNIT_SRCS) Makefile
	@mkdir -p $(dir $@)
	@for f in $(UNIT_SRCS); do n=$${f#tests/unit/check-}; n=$${n%.c}; \
	    echo "SUITE($$(echo $$n | tr - _))"; done > $@.tmp && mv $@.tmp $@
$(BUILD)/tests/unit/run.o: $(BUILD)/tests/suites.h

$(BUILD)/check-unit: $(UNIT_OBJS) $(BUILD)/libhotrocks.a
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(CHECK_LIBS)

# Parsers are pure: no file, socket, clock, environment or log.
PURITY_DENY := open openat fopen fdopen read write socket connect time \
	gettimeofday clock_gettime getenv secure_getenv syslog printf fprintf \
	puts fputs perror stat fstat mmap system popen exec execve fork
purity: $(PARSER_OBJS)
	@bad=$$(nm -u $(PARSER_OBJS) | awk '{print $$2}' | sed 's/@.*//' | \
	    grep -xE '$(subst $() ,|,$(strip $(PURITY_DENY)))' | sort -u); \
	if [ -n "$$bad" ]; then echo "parsers/ must not call: $$bad"; exit 1; \
	else echo "purity: parsers/ make no I/O calls"; fi

samples: $(BUILD)/samples/.stamp
$(BUILD)/samples/.stamp: samples/make-samples.py
	@mkdir -p $(dir $@)
	$(PYTHON) samples/make-samples.py $(BUILD)/samples
	@touch $@

check: deps $(BUILD)/hotrocks $(BUILD)/check-unit samples purity
	HOTROCKS_BUILD=$(BUILD) HOTROCKS_SAMPLES=$(BUILD)/samples \
	    HOTROCKS_BIN=$(BUILD)/hotrocks \
	    ASAN_OPTIONS=detect_leaks=1 $(BUILD)/check-unit

check-sanitize:
	$(MAKE) SANITIZE=1 check

# The blind set: submissions written from the domain texts alone by someone
# who had not read the code, judged field by field.
blind: $(BUILD)/hotrocks
	@mkdir -p $(BUILD)/blind
	$(PYTHON) tests/blind/make-blind.py $(BUILD)/blind
	$(PYTHON) tests/blind/judge.py $(BUILD)/hotrocks tests/blind/judge.conf \
	    $(BUILD)/blind

demo: deps $(BUILD)/hotrocks samples
	@sh samples/demo.sh $(BUILD)/hotrocks $(BUILD)/samples

$(BUILD)/bench: $(BUILD)/tests/bench/bench.o $(BUILD)/libhotrocks.a
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

bench: deps $(BUILD)/bench samples
	@sh tests/bench/bench.sh $(BUILD)/bench $(BUILD)/samples

deps:
	@sh .ci/deps

install: $(BUILD)/hotrocks
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/doc/hotrocks
	install -m 755 $(BUILD)/hotrocks $(DESTDIR)$(BINDIR)/hotrocks
	install -m 644 samples/hotrocks.conf README.md \
	    $(DESTDIR)$(DATADIR)/doc/hotrocks/

clean:
	rm -rf build

.PHONY: all check check-sanitize demo bench deps install clean purity samples \
	blind
-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
