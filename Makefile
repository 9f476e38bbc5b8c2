# Redline: `make scan` and `make test` work on a fresh Debian machine: they install what
# is missing (apt-get update at most once), build, then scan or test.
SWIFT ?= swift
BIN := .build/debug/redline
REPORTS := Reports
SCAN_FORMATS := --format text --format text=$(REPORTS)/corpus.txt --format json=$(REPORTS)/corpus.json

.PHONY: all deps build scan reports test clean

all: build

# Installs the system packages the build and the tests need, only when missing.
deps:
	@set -e; updated=0; \
	apt_install() { \
	  if [ "$$(id -u)" != 0 ]; then echo "missing: $$*; install it (apt-get install -y $$*) or run as root" >&2; exit 1; fi; \
	  if [ $$updated = 0 ]; then apt-get update -qq; updated=1; fi; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$$@" >/dev/null; }; \
	command -v pkg-config >/dev/null 2>&1 || apt_install pkg-config; \
	pkg-config --exists libpcre2-8 || apt_install libpcre2-dev

build: deps
	$(SWIFT) build

# The demonstration run: scans Corpus/ with the default packs, prints the findings and
# writes Reports/. Exits 0 even though the corpus has findings (that is its point).
scan: build
	$(BIN) scan Corpus $(SCAN_FORMATS) --fail-on none

# Regenerates Reports/ without printing.
reports: build
	$(BIN) scan Corpus --format text=$(REPORTS)/corpus.txt --format json=$(REPORTS)/corpus.json --fail-on none

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build
