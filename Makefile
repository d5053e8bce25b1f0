# hotrocks: build, check, demo, bench, install, deps.
# Objects go under build/ (build/asan/ with SANITIZE=1); the tree stays clean.

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
SYSCONFDIR ?= $(PREFIX)/etc
DATADIR	?= $(PREFIX)/share
MANDIR	?= $(DATADIR)/man
DOCDIR	?= $(DATADIR)/doc/hotrocks
# The systemd unit: /lib/systemd/system for PREFIX=/usr (Debian 12), else
# under PREFIX, where systemd does not look unless told.
ifeq ($(PREFIX),/usr)
UNITDIR	?= /lib/systemd/system
else
UNITDIR	?= $(PREFIX)/lib/systemd/system
endif
DESTDIR	?=
PYTHON	?= /usr/bin/python3

# The letter files: installed to TEMPLATESDIR, the default of [outbox]
# templates; every recipe here (check, demo, bench, blind) reads the
# source tree's copies instead.
TEMPLATESDIR ?= $(DATADIR)/hotrocks/templates
export HOTROCKS_TEMPLATES ?= $(CURDIR)/outbox/templates

BUILD	:= build
ifeq ($(SANITIZE),1)
BUILD	:= build/asan
SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	    -fno-omit-frame-pointer
endif

PKGS	:= gmime-3.0 libxml-2.0 libzip sqlite3 json-glib-1.0 glib-2.0 openssl \
	   xlsxwriter libqpdf poppler-glib nettle
# libetpan's --libs carries -specs=…no-pie-link.specs, which links non-PIE
# with gcc and breaks -Werror under clang: dropped (../shared/FACTS.md).
ETPAN_CFLAGS = $(shell pkg-config --cflags libetpan)
ETPAN_LIBS = $(shell pkg-config --libs libetpan | sed 's/-specs=[^ ]*//')
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS)) $(ETPAN_CFLAGS)
PKG_LIBS = $(shell pkg-config --libs $(PKGS)) $(ETPAN_LIBS) -lm
CHECK_CFLAGS = $(shell pkg-config --cflags check)
CHECK_LIBS = $(shell pkg-config --libs check)

# The goals a newcomer runs install missing Debian packages first. It
# happens while the Makefile is read, so a parallel build (-j) never
# compiles before the headers it needs are there.
DEPS_GOALS := check check-sanitize demo bench interop blind docs deb
ifneq ($(filter $(DEPS_GOALS),$(MAKECMDGOALS)),)
# bench also brings its peers (fdm, GNU time), interop its independent
# implementations (PDFBox), blind the writer of its legacy .xls files:
# never needed to build or test.
DEPS_STATUS := $(shell sh .ci/deps $(filter bench interop blind,$(MAKECMDGOALS)) >&2; \
	echo $$?)
ifneq ($(DEPS_STATUS),0)
$(error make deps failed)
endif
endif

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
		   $(BUILD)/tests/unit/testlib.o $(BUILD)/tests/unit/servers.o

all: $(BUILD)/hotrocks

$(BUILD)/intake/config.o: override CPPFLAGS += \
	-DHOTROCKS_TEMPLATES_DIR='"$(TEMPLATESDIR)"'
# The letters' folder is compiled in: a PREFIX (or TEMPLATESDIR) other
# than the last build's rebuilds config.o, so `make install PREFIX=…`
# never installs a binary that looks for its letters elsewhere.
$(BUILD)/intake/config.o: $(BUILD)/templatesdir
$(BUILD)/templatesdir: FORCE
	@mkdir -p $(dir $@)
	@echo '$(TEMPLATESDIR)' | cmp -s - $@ || echo '$(TEMPLATESDIR)' > $@
FORCE:

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

# Dependencies run one way (lib <- parsers <- intake -> outbox -> lib):
# outbox/ and lib/ never include an intake/ header, and lib/ no outbox/
# one either, so mail out can be built and tested without mail in.
layers:
	@bad=$$(grep -lE '^[[:space:]]*#[[:space:]]*include[[:space:]]+"intake/' \
	    outbox/*.c outbox/*.h lib/*.c lib/*.h; \
	    grep -lE '^[[:space:]]*#[[:space:]]*include[[:space:]]+"outbox/' \
	    lib/*.c lib/*.h); \
	if [ -n "$$bad" ]; then echo "layers: these include a header of a" \
	    "layer above them:" $$bad; exit 1; \
	else echo "layers: outbox/ and lib/ include no intake/ header"; fi

# Fuzzing: one libFuzzer harness per parser, tests/fuzz/fuzz-NAME.c, with
# its committed corpus in tests/fuzz/corpus/NAME/. `make check` replays every
# corpus (and tests/data/regress/fuzz-NAME-*) through its harness with this
# build's compiler and flags, sanitizers included; a crash fails the check.
FUZZ_NAMES	:= $(patsubst tests/fuzz/fuzz-%.c,%,$(wildcard tests/fuzz/fuzz-*.c))
FUZZ_REPLAYS	:= $(FUZZ_NAMES:%=$(BUILD)/replay-%)

$(FUZZ_REPLAYS): $(BUILD)/replay-%: $(BUILD)/tests/fuzz/fuzz-%.o \
    $(BUILD)/tests/fuzz/replay.o $(BUILD)/tests/fuzz/pack.o \
    $(BUILD)/libhotrocks.a
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# `make fuzz` builds the harnesses with clang and libFuzzer under
# build/fuzz/ (its own objects) and runs each for FUZZ_SECONDS; FUZZ=NAME
# picks some. New inputs and crashes go to build/fuzz/{corpus,artifacts}/,
# never into the committed corpus (libFuzzer writes to its first directory).
FUZZ		?= $(FUZZ_NAMES)
FUZZ_SECONDS	?= 60
FUZZ_CC		?= clang
FUZZ_BUILD	:= build/fuzz
# clang, unlike gcc, counts a table entry that leaves its last fields to
# their zero (outbox/texts-vi.c) as a missing initializer.
FUZZ_CFLAGS	:= -std=gnu17 -Wall -Wextra -Werror -O1 -g \
		   -Wno-missing-field-initializers \
		   -fno-omit-frame-pointer -fno-sanitize-recover=all \
		   -fsanitize=fuzzer-no-link,address,undefined
FUZZ_LDFLAGS	:= -fsanitize=fuzzer,address,undefined
FUZZ_CORE_OBJS	:= $(CORE_SRCS:%.c=$(FUZZ_BUILD)/%.o)
FUZZ_BINS	:= $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz-%)
# Inputs larger than this teach the fuzzer nothing and slow it down.
FUZZ_MAXLEN_xml	:= 16384
FUZZ_MAXLEN	:= 65536
FUZZ_DICT_xml	:= tests/fuzz/ooxml.dict
FUZZ_DICT_docx	:= tests/fuzz/ooxml.dict
FUZZ_DICT_xlsx	:= tests/fuzz/ooxml.dict
FUZZ_DICT_zip	:= tests/fuzz/ooxml.dict
FUZZ_DICT_mime	:= tests/fuzz/mime.dict
FUZZ_DICT_sig	:= tests/fuzz/sig.dict
# A header value longer than this teaches the decoder nothing new.
FUZZ_MAXLEN_rfc2047 := 4096

$(FUZZ_BUILD)/%.o: %.c | fuzz-deps
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(PKG_CFLAGS) $(FUZZ_CFLAGS) -MMD -MP -c -o $@ $<

$(FUZZ_BUILD)/libhotrocks.a: $(FUZZ_CORE_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(FUZZ_BINS): $(FUZZ_BUILD)/fuzz-%: $(FUZZ_BUILD)/tests/fuzz/fuzz-%.o \
    $(FUZZ_BUILD)/tests/fuzz/pack.o $(FUZZ_BUILD)/libhotrocks.a
	$(FUZZ_CC) $(FUZZ_LDFLAGS) -o $@ $^ $(PKG_LIBS)

fuzz-build: $(FUZZ_BINS)

fuzz_run = mkdir -p $(FUZZ_BUILD)/corpus/$(1) $(FUZZ_BUILD)/artifacts/$(1) && \
	echo "fuzz-$(1): $(FUZZ_SECONDS) s" && \
	$(FUZZ_BUILD)/fuzz-$(1) -max_total_time=$(FUZZ_SECONDS) -timeout=1 \
	-rss_limit_mb=2048 -max_len=$(or $(FUZZ_MAXLEN_$(1)),$(FUZZ_MAXLEN)) \
	$(if $(FUZZ_DICT_$(1)),-dict=$(FUZZ_DICT_$(1))) -print_final_stats=1 \
	-artifact_prefix=$(FUZZ_BUILD)/artifacts/$(1)/ \
	$(FUZZ_BUILD)/corpus/$(1) tests/fuzz/corpus/$(1)

fuzz: fuzz-build
	@$(foreach n,$(FUZZ),$(call fuzz_run,$(n)) && ) true

# clang and its runtime are needed only here, not by `make check`.
fuzz-deps:
	@m=""; for p in clang libclang-rt-14-dev; do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | \
	    grep -q 'ok installed' || m="$$m $$p"; done; \
	[ -z "$$m" ] && exit 0; echo "make fuzz-deps: installing$$m"; \
	s=""; [ "$$(id -u)" -eq 0 ] || s=sudo; \
	$$s apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	$$s apt-get install -y -q -o DPkg::Lock::Timeout=900 \
	--no-install-recommends $$m

samples: $(BUILD)/samples/.stamp
$(BUILD)/samples/.stamp: samples/make-samples.py samples/xls.py samples/docgen.py
	@mkdir -p $(dir $@)
	$(PYTHON) samples/make-samples.py $(BUILD)/samples
	@touch $@

# Everything the suites print, and everything the hotrocks processes they
# run print (testlib.c appends it to HOTROCKS_TEST_OUTPUT), goes to
# $(BUILD)/check-output.log, which tests/secrets-check.sh then searches for
# the private servers' passwords: no secret may reach a log line.
check: $(BUILD)/hotrocks $(BUILD)/check-unit samples purity layers \
    $(FUZZ_REPLAYS) docs
	@rm -f $(BUILD)/check-output.log $(BUILD)/check-unit.rc
	@{ HOTROCKS_BUILD=$(BUILD) HOTROCKS_SAMPLES=$(BUILD)/samples \
	    HOTROCKS_BIN=$(BUILD)/hotrocks G_DEBUG=fatal-criticals \
	    HOTROCKS_TEST_OUTPUT=$(CURDIR)/$(BUILD)/check-output.log \
	    ASAN_OPTIONS=detect_leaks=1 $(BUILD)/check-unit 2>&1; \
	    echo $$? > $(BUILD)/check-unit.rc; } | \
	    tee -a $(BUILD)/check-output.log
	@exit $$(cat $(BUILD)/check-unit.rc)
	@sh tests/secrets-check.sh $(BUILD)/check-output.log
	@$(PYTHON) samples/check-samples.py $(BUILD)/samples \
	    >$(BUILD)/check-samples.log || { cat $(BUILD)/check-samples.log; \
	    exit 1; }; tail -n 1 $(BUILD)/check-samples.log
	@for n in $(FUZZ_NAMES); do \
	    set -- tests/data/regress/fuzz-$$n-*; [ -e "$$1" ] || set --; \
	    G_DEBUG=fatal-criticals ASAN_OPTIONS=detect_leaks=1 \
	    $(BUILD)/replay-$$n \
	    tests/fuzz/corpus/$$n "$$@" || exit 1; done

check-sanitize:
	$(MAKE) SANITIZE=1 check

# The manual pages lint clean and name every command, option, exit code
# and key the program has (tests/doc-check.sh), and the check catches a
# miss (its self-test).
docs: $(BUILD)/hotrocks
	@sh tests/doc-check.sh $(BUILD)/hotrocks man/hotrocks.1 \
	    man/hotrocks.conf.5 samples/hotrocks.conf intake/config.c
	@sh tests/doc-check.sh --self-test $(BUILD)/hotrocks man/hotrocks.1 \
	    man/hotrocks.conf.5 samples/hotrocks.conf intake/config.c

# The blind set: submissions written from the domain texts alone by someone
# who had not read the code, judged field by field.
blind: $(BUILD)/hotrocks
	@mkdir -p $(BUILD)/blind
	$(PYTHON) tests/blind/make-blind.py $(BUILD)/blind
	$(PYTHON) tests/blind/judge.py $(BUILD)/hotrocks tests/blind/judge.conf \
	    $(BUILD)/blind
	@mkdir -p $(BUILD)/blind2
	$(PYTHON) tests/blind2/make-blind.py $(BUILD)/blind2
	$(PYTHON) tests/blind2/judge.py $(BUILD)/hotrocks tests/blind/judge.conf \
	    $(BUILD)/blind2
	@rm -rf $(BUILD)/blind3
	bash tests/blind3/make-set.sh $(BUILD)/blind3
	$(PYTHON) tests/blind3/judge.py $(BUILD)/hotrocks $(BUILD)/blind3
	@rm -rf $(BUILD)/blind4
	$(PYTHON) tests/blind4/make-blind.py $(BUILD)/blind4
	$(PYTHON) tests/blind4/judge.py $(BUILD)/hotrocks $(BUILD)/blind4
	@rm -rf $(BUILD)/blind5
	$(PYTHON) tests/blind5/make-blind.py $(BUILD)/blind5
	$(PYTHON) tests/blind5/judge.py $(BUILD)/hotrocks $(BUILD)/blind5
	@rm -rf $(BUILD)/blind6
	$(PYTHON) tests/blind6/make-blind.py $(BUILD)/blind6
	$(PYTHON) tests/blind6/judge.py $(BUILD)/hotrocks \
	    samples/hotrocks.conf $(BUILD)/blind6
	@rm -rf $(BUILD)/blind7 $(BUILD)/blind7-run
	$(PYTHON) tests/blind7/make-blind7.py $(BUILD)/blind7
	$(PYTHON) tests/blind7/judge.py $(BUILD)/hotrocks \
	    samples/hotrocks.conf $(BUILD)/blind7 $(BUILD)/blind7-run
	@rm -rf $(BUILD)/blind8
	HOTROCKS=$(BUILD)/hotrocks $(PYTHON) tests/blind8/make-blind8.py \
	    $(BUILD)/blind8
	$(PYTHON) tests/blind8/judge.py $(BUILD)/hotrocks $(BUILD)/blind8

# The demo builds what it needs in parallel and quietly (no compiler
# lines between its sections; errors still show), then runs.
NPROC	:= $(shell nproc 2>/dev/null || echo 2)
demo:
	@$(MAKE) -s -j$(NPROC) --no-print-directory $(BUILD)/hotrocks samples \
	    >/dev/null
	@sh samples/demo.sh $(BUILD)/hotrocks $(BUILD)/samples

$(BUILD)/bench: $(BUILD)/tests/bench/bench.o $(BUILD)/libhotrocks.a
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/bench-xlsx: $(BUILD)/tests/bench/bench-xlsx.o $(BUILD)/libhotrocks.a
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/bench-verify: $(BUILD)/tests/bench/bench-verify.o \
    $(BUILD)/libhotrocks.a
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/bench-store: $(BUILD)/tests/bench/bench-store.o \
    $(BUILD)/libhotrocks.a
	$(CC) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

bench: $(BUILD)/bench $(BUILD)/bench-xlsx $(BUILD)/bench-verify \
    $(BUILD)/bench-store $(BUILD)/hotrocks samples
	@bash tests/bench/bench.sh $(BUILD)/bench $(BUILD)/samples \
	    $(BUILD)/bench-xlsx $(BUILD)/bench-verify $(BUILD)/hotrocks \
	    $(BUILD)/bench-store
	@HOTROCKS_TEMPLATES=$(HOTROCKS_TEMPLATES) bash tests/bench/bench-imap.sh \
	    $(BUILD)/hotrocks 10000
	@HOTROCKS_TEMPLATES=$(HOTROCKS_TEMPLATES) bash tests/bench/bench-reply.sh \
	    $(BUILD)/hotrocks $(BUILD)/samples 20

# Interoperability: PDFs hotrocks signs are checked by poppler's pdfsig
# (an NSS database holding the test root); PDFs with Apache PDFBox 2 and
# BouncyCastle (Debian's jars, which `.ci/deps interop` installs, with a
# JDK to compile tests/interop/PdfBoxSign.java); OOXML with Apache POI
# (../shared/tools/poi, beside the repository in CI): what either side
# signs, the other verifies; the Phụ lục 3 workbooks opened and printed
# by LibreOffice Calc (libreoffice-calc-nogui). Exits 2
# when the shared tools are absent; POI_DIR=... points elsewhere.
interop: $(BUILD)/hotrocks samples
	@rm -rf $(BUILD)/interop
	@sh tests/pki/make-pki.sh $(BUILD)/interop/pki
	@bash tests/interop/pdfsig.sh $(BUILD)/hotrocks $(BUILD)/interop/pki
	@bash tests/interop/pdfbox.sh $(BUILD)/hotrocks $(BUILD)/interop/pki
	@bash tests/interop/poi.sh $(BUILD)/hotrocks $(BUILD)/interop/pki \
	    $(BUILD)/samples
	@bash tests/interop/calc.sh $(BUILD)/hotrocks

deps:
	@sh .ci/deps

# The Debian package, built in a copy of the tree and linted: .ci/deb.
deb:
	@sh .ci/deb $(BUILD)/deb

# GNU-style: PREFIX, DESTDIR, BINDIR, SYSCONFDIR, DATADIR, MANDIR, DOCDIR,
# UNITDIR. The config goes to SYSCONFDIR/hotrocks only when none is there
# (an operator's file is never overwritten); uninstall removes exactly the
# files install wrote, and the config only when it is still the example.
INSTALLED := $(BINDIR)/hotrocks $(MANDIR)/man1/hotrocks.1 \
	$(MANDIR)/man5/hotrocks.conf.5 $(DOCDIR)/README.md \
	$(DOCDIR)/hotrocks.conf $(UNITDIR)/hotrocks.service \
	$(patsubst outbox/templates/%,$(TEMPLATESDIR)/%,\
	$(wildcard outbox/templates/*.txt))

install: $(BUILD)/hotrocks
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DOCDIR) \
	    $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(TEMPLATESDIR) $(DESTDIR)$(UNITDIR) \
	    $(DESTDIR)$(SYSCONFDIR)/hotrocks
	install -m 755 $(BUILD)/hotrocks $(DESTDIR)$(BINDIR)/hotrocks
	install -m 644 samples/hotrocks.conf README.md $(DESTDIR)$(DOCDIR)/
	install -m 644 man/hotrocks.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 man/hotrocks.conf.5 $(DESTDIR)$(MANDIR)/man5/
	install -m 644 outbox/templates/*.txt $(DESTDIR)$(TEMPLATESDIR)/
	sed 's|/usr/bin/hotrocks|$(BINDIR)/hotrocks|g; s|/etc/hotrocks/|$(SYSCONFDIR)/hotrocks/|g' \
	    etc/hotrocks.service > $(DESTDIR)$(UNITDIR)/hotrocks.service
	chmod 644 $(DESTDIR)$(UNITDIR)/hotrocks.service
	[ -e $(DESTDIR)$(SYSCONFDIR)/hotrocks/hotrocks.conf ] || \
	    install -m 640 samples/hotrocks.conf \
	    $(DESTDIR)$(SYSCONFDIR)/hotrocks/hotrocks.conf

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED))
	if cmp -s samples/hotrocks.conf \
	    $(DESTDIR)$(SYSCONFDIR)/hotrocks/hotrocks.conf; then \
	    rm -f $(DESTDIR)$(SYSCONFDIR)/hotrocks/hotrocks.conf; fi
	-rmdir $(DESTDIR)$(TEMPLATESDIR) $(DESTDIR)$(DATADIR)/hotrocks \
	    $(DESTDIR)$(DOCDIR) $(DESTDIR)$(SYSCONFDIR)/hotrocks 2>/dev/null

clean:
	rm -rf build

.PHONY: all check check-sanitize demo bench deps install uninstall clean \
	purity layers docs deb FORCE \
	samples \
	blind fuzz fuzz-build fuzz-deps interop
-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
