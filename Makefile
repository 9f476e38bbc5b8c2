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

# Installs what the build and the tests need, only when missing (see .ci/deps.sh).
deps:
	@bash .ci/deps.sh

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
bench-deps:
	@bash .ci/deps.sh bench

# Release build, deterministic 10 MB and 100 MB corpora from Corpus/ (in $${TMPDIR:-/tmp}/redline-bench),
# redline scan with 1 and 2 jobs against rg --count-matches on the same patterns; prints a table.
bench: bench-deps
	$(SWIFT) build -c release
	bash .ci/bench/bench.sh

clean:
	rm -rf .build
