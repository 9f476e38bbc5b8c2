# Redline: `make scan` and `make test` work on a fresh Debian machine: they install what
# is missing (apt-get update at most once), build, then scan or test.
SWIFT ?= swift
BIN := .build/debug/redline
REPORTS := Reports
# The corpus reports, one file per format; Tests/RedlineCLITests/ReportsFreshnessTests.swift
# regenerates them with these flags and fails when the committed ones are stale.
REPORT_FORMATS := --format text=$(REPORTS)/corpus.txt --format json=$(REPORTS)/corpus.json \
  --format sarif=$(REPORTS)/corpus.sarif --format junit=$(REPORTS)/corpus.xml \
  --format markdown=$(REPORTS)/corpus.md --format html=$(REPORTS)/corpus.html

.PHONY: all deps bench-deps build scan reports test bench clean

all: build

# Hyperscan (the prefilter) is libhyperscan-dev on x86-64 and libvectorscan-dev elsewhere (same hs/hs.h API).
# Installs what the build and the tests need, only when missing: the PCRE2 headers; Python's
# jsonschema and junitparser (SARIF and JUnit checks); Chromium (the HTML report check).
deps:
	@set -e; updated=0; \
	apt_install() { \
	  if [ "$$(id -u)" != 0 ]; then echo "missing: $$*; install it (apt-get install -y $$*) or run as root" >&2; exit 1; fi; \
	  if [ $$updated = 0 ]; then apt-get update -qq; updated=1; fi; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$$@" >/dev/null; }; \
	python_module() { \
	  python3 -c "import $$1" 2>/dev/null || apt_install "python3-$$1"; \
	  python3 -c "import $$1" 2>/dev/null && return 0; \
	  python3 -m pip --version >/dev/null 2>&1 || apt_install python3-pip; \
	  python3 -m pip install -q "$$1" 2>/dev/null || python3 -m pip install -q --break-system-packages "$$1"; }; \
	command -v pkg-config >/dev/null 2>&1 || apt_install pkg-config; \
	pkg-config --exists libpcre2-8 || apt_install libpcre2-dev; \
	pkg-config --exists libhs || { if [ "$$(dpkg --print-architecture)" = amd64 ]; then apt_install libhyperscan-dev; else apt_install libvectorscan-dev; fi; }; \
	command -v python3 >/dev/null 2>&1 || apt_install python3; \
	python_module jsonschema; \
	python_module junitparser; \
	command -v chromium >/dev/null 2>&1 || apt_install chromium

build: deps
	$(SWIFT) build

# The demonstration run: scans Corpus/ with the default packs, prints the findings and
# writes Reports/. Exits 0 even though the corpus has findings (that is its point).
scan: build
	$(BIN) scan Corpus --format text $(REPORT_FORMATS) --fail-on none

# Regenerates Reports/ without printing.
reports: build
	$(BIN) scan Corpus $(REPORT_FORMATS) --fail-on none

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# What `make bench` needs besides the build: ripgrep (the baseline), hyperfine, GNU time.
bench-deps: deps
	@set -e; updated=0; \
	apt_install() { \
	  if [ "$$(id -u)" != 0 ]; then echo "missing: $$*; install it (apt-get install -y $$*) or run as root" >&2; exit 1; fi; \
	  if [ $$updated = 0 ]; then apt-get update -qq; updated=1; fi; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$$@" >/dev/null; }; \
	command -v rg >/dev/null 2>&1 || apt_install ripgrep; \
	command -v hyperfine >/dev/null 2>&1 || apt_install hyperfine; \
	[ -x /usr/bin/time ] || apt_install time

# Release build, deterministic 10 MB and 100 MB corpora from Corpus/ (in $${TMPDIR:-/tmp}/redline-bench),
# redline scan with 1 and 2 jobs against rg --count-matches on the same patterns; prints a table.
bench: bench-deps
	$(SWIFT) build -c release
	bash .ci/bench/bench.sh

clean:
	rm -rf .build
