#!/usr/bin/env bash
# `make bench`: Redline against ripgrep on the same patterns, same corpora, same run.
#
# Builds nothing (make bench builds release first). Generates (once) deterministic 10 MB and
# 100 MB JSONL corpora from Corpus/ with .ci/bench/make_corpus.py, then measures with
# hyperfine (RUNS runs, 1 warm-up):
#   redline scan CORPUS --format json --jobs 1|2     (whole process: start-up, read, scan, report)
#   rg --count-matches -i -f PACK-PATTERNS           (a) the default packs' patterns, exported by
#                                                     `redline rules export --regex-list`; \b made
#                                                     ASCII (?-u:\b) as the peer kit does; patterns
#                                                     rg's engine rejects run in a second rg -P call;
#                                                     also timed: the rg-engine share alone
#   rg --count-matches -i -f ../shared/bench patterns (b) the peer kit's 150 rules, ASCII \b
# plus peak RSS (/usr/bin/time), start-up (load + JIT + prefilter in-process, and a scan of one
# small article), and JSONL decoding alone (in-process). Prints a table and one key=value line
# per Redline row, to pipe into ../shared/bench/bench_table.py:
#   grep '^label=redline-jobs1-c100' OUT | python3 ../shared/bench/bench_table.py kv RESULTS.jsonl redline "LABEL" 100MB
#
# Environment: WORK (default ${TMPDIR:-/tmp}/redline-bench/redline), RUNS (default 3),
# KIT (default ../shared/bench), SIZES (default "10 100"), ONE_DOC_MB (default 50: the size of the
# one-document row, empty: no such row), MEM_GB (unset by default: when set, e.g. 1, also the peak RSS
# of one scan of a MEM_GB GB directory of articles, generated once into WORK, with all seven report
# formats at once and --jobs 2).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
WORK=${WORK:-${TMPDIR:-/tmp}/redline-bench/redline}
RUNS=${RUNS:-3}
KIT=${KIT:-$ROOT/../shared/bench}
SIZES=${SIZES:-10 100}
ONE_DOC_MB=${ONE_DOC_MB-50}
BIN=$ROOT/.build/release/redline
BENCH=$ROOT/.build/release/RedlineBench
mkdir -p "$WORK"
[ -x "$BIN" ] && [ -x "$BENCH" ] || { echo "build first: swift build -c release" >&2; exit 1; }
for tool in rg hyperfine python3; do command -v $tool >/dev/null || { echo "missing $tool: make bench-deps" >&2; exit 1; }; done

for s in $SIZES; do
  [ -s "$WORK/c$s.jsonl" ] || python3 .ci/bench/make_corpus.py Corpus --size ${s}MB --jsonl "$WORK/c$s.jsonl" >&2
done

# (a) the packs' own patterns; ripgrep's engine gets ASCII \b, what it cannot parse goes to rg -P.
"$BIN" rules export --regex-list > "$WORK/pack-patterns.txt"
: > "$WORK/pack-rg.txt"; : > "$WORK/pack-pcre2.txt"
while IFS= read -r pattern; do
  ascii=${pattern//\\b/(?-u:\\b)}
  if rg -q -i -e "$ascii" /dev/null 2>/dev/null || [ $? = 1 ]; then
    printf '%s\n' "$ascii" >> "$WORK/pack-rg.txt"
  else
    printf '%s\n' "$pattern" >> "$WORK/pack-pcre2.txt"
  fi
done < "$WORK/pack-patterns.txt"
# rg -P joins its patterns into one regex, which PCRE2 rejects as too large once the packs use
# large vocabulary classes: group them into as few files as still compile, one rg -P call each.
rm -f "$WORK"/pack-pcre2-*.txt
chunk=0; : > "$WORK/pack-pcre2-0.txt"
while IFS= read -r pattern; do
  { cat "$WORK/pack-pcre2-$chunk.txt"; printf '%s\n' "$pattern"; } > "$WORK/pack-pcre2-try.txt"
  if [ -s "$WORK/pack-pcre2-$chunk.txt" ] && ! { rg -P -q -i -f "$WORK/pack-pcre2-try.txt" /dev/null 2>/dev/null || [ $? = 1 ]; }; then
    chunk=$((chunk + 1)); printf '%s\n' "$pattern" > "$WORK/pack-pcre2-$chunk.txt"
  else
    mv "$WORK/pack-pcre2-try.txt" "$WORK/pack-pcre2-$chunk.txt"
  fi
done < "$WORK/pack-pcre2.txt"
rm -f "$WORK/pack-pcre2-try.txt"
# (b) the peer kit's patterns, ASCII \b.
KITPATTERNS=""
if [ -f "$KIT/patterns.txt" ]; then
  KITPATTERNS=$WORK/kit-rg.txt
  sed 's/\\b/(?-u:\\b)/g' "$KIT/patterns.txt" > "$KITPATTERNS"
fi

RESULTS=$WORK/results.tsv
: > "$RESULTS"
# hf NAME CORPUS-BYTES DOCS -- command: median and min seconds into RESULTS.
hf() {
  local name=$1 bytes=$2 docs=$3; shift 4
  hyperfine --style none --output=pipe -w 1 -r "$RUNS" --export-json "$WORK/hf.json" "$*" >/dev/null
  python3 - "$WORK/hf.json" "$name" "$bytes" "$docs" >> "$RESULTS" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("\t".join([sys.argv[2], sys.argv[3], sys.argv[4], "%.4f" % statistics.median(r["times"]), "%.4f" % min(r["times"])]))
PY
}

peak_rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }

summary=""
for s in $SIZES; do
  corpus=$WORK/c$s.jsonl
  bytes=$(stat -c %s "$corpus")
  docs=$(wc -l < "$corpus")
  for jobs in 1 2; do
    hf "redline jobs=$jobs c$s" "$bytes" "$docs" -- "$BIN" scan "$corpus" --format json --output "$WORK/out-$s-$jobs.json" --fail-on none --jobs $jobs
    rss=$(peak_rss "$BIN" scan "$corpus" --format json --output "$WORK/rss.json" --fail-on none --jobs $jobs)
    findings=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["findings"])' "$WORK/out-$s-$jobs.json")
    summary+="rss c$s jobs=$jobs $rss findings $findings"$'\n'
  done
  cmp -s "$WORK/out-$s-1.json" "$WORK/out-$s-2.json" || echo "WARNING: jobs=1 and jobs=2 reports differ on c$s" >&2
  if [ -s "$WORK/pack-pcre2.txt" ]; then
    calls=""
    for f in "$WORK"/pack-pcre2-*.txt; do [ -s "$f" ] && calls+="; rg -P --count-matches -i -f '$f' '$corpus' >/dev/null"; done
    hf "rg packs c$s" "$bytes" "$docs" -- sh -c "rg --count-matches -i -f '$WORK/pack-rg.txt' '$corpus' >/dev/null$calls"
    # The share ripgrep's own engine runs, without the rg -P call: the ratio to it is the harder one.
    hf "rg packs-rg-engine c$s" "$bytes" "$docs" -- rg --count-matches -i -f "$WORK/pack-rg.txt" "$corpus"
  else
    hf "rg packs c$s" "$bytes" "$docs" -- rg --count-matches -i -f "$WORK/pack-rg.txt" "$corpus"
  fi
  [ -n "$KITPATTERNS" ] && hf "rg kit-150 c$s" "$bytes" "$docs" -- rg --count-matches -i -f "$KITPATTERNS" "$corpus"
done

# One huge document (the generated articles of ONE_DOC_MB megabytes joined by blank lines into
# one plain-text file): its matching is split into chunks over the jobs (see SplitScan).
if [ -n "$ONE_DOC_MB" ]; then
  one=$WORK/one$ONE_DOC_MB.txt
  if [ ! -s "$one" ]; then
    python3 .ci/bench/make_corpus.py Corpus --size ${ONE_DOC_MB}MB --out-dir "$WORK/one$ONE_DOC_MB" >&2
    python3 -c 'import glob, sys; sys.stdout.write("\n\n".join(open(p, encoding="utf-8").read() for p in sorted(glob.glob(sys.argv[1] + "/*.txt"))))' "$WORK/one$ONE_DOC_MB" > "$one"
  fi
  for jobs in 1 2; do
    hf "redline one-document jobs=$jobs one${ONE_DOC_MB}MB" "$(stat -c %s "$one")" 1 -- "$BIN" scan "$one" --format json --output "$WORK/out-one-$jobs.json" --fail-on none --jobs $jobs
  done
  cmp -s "$WORK/out-one-1.json" "$WORK/out-one-2.json" || echo "WARNING: jobs=1 and jobs=2 reports differ on one${ONE_DOC_MB}MB" >&2
fi

# Flat memory: a directory of MEM_GB GB of articles, every report format at once.
memory=""
if [ -n "${MEM_GB:-}" ]; then
  dir=$WORK/dir${MEM_GB}g
  [ -d "$dir" ] || python3 .ci/bench/make_corpus.py Corpus --size $((MEM_GB * 1000))MB --out-dir "$dir" >&2
  formats=(); for f in text json sarif junit github markdown html; do formats+=(--format "$f=$WORK/mem-report.$f"); done
  memory=$( { /usr/bin/time -f '%M %e' "$BIN" scan "$dir" "${formats[@]}" --fail-on none --jobs 2 >/dev/null; } 2>&1 | tail -1 |
    awk -v gb="$MEM_GB" '{printf "peak RSS scanning a %s GB directory (--jobs 2, all seven formats at once): %.1f MB, %s s", gb, $1 / 1024, $2}')
  rm -f "$WORK"/mem-report.*
fi

# Start-up: in-process load + prefilter (cached database), the lazy JIT it defers, and one small article end to end.
"$BIN" scan Corpus/faq/ketamine-clinic-faq.txt --format json --fail-on none >/dev/null  # warms the prefilter cache
startup=$("$BENCH" startup 5)
hf "redline one-article 1file" "$(stat -c %s Corpus/faq/ketamine-clinic-faq.txt)" 1 -- "$BIN" scan Corpus/faq/ketamine-clinic-faq.txt --format json --fail-on none
last=$(echo $SIZES | awk '{print $NF}')
decode=$("$BENCH" decode "$WORK/c$last.jsonl" 3)

python3 - "$RESULTS" "$startup" "$decode" "$summary" "$RUNS" <<'PY'
import sys
rows = [line.split("\t") for line in open(sys.argv[1]).read().splitlines()]
startup = dict(kv.split("=") for kv in sys.argv[2].split()[1:])
decode = dict(kv.split("=") for kv in sys.argv[3].split()[1:])
extra = {}
for line in sys.argv[4].splitlines():
    f = line.split()
    extra[(f[1], f[2])] = (int(f[3]), int(f[5]))
runs = sys.argv[5]
times = {r[0]: r for r in rows}
print("| run | corpus | median s | MB/s | documents/s | findings | peak RSS MB | Redline / rg (packs) | Redline / rg (packs, rg engine share) | Redline / rg (kit 150) |")
print("|---|---|---|---|---|---|---|---|---|---|")
for name, bytes_, docs, med, mn in rows:
    if name.startswith("redline one-article"): continue
    mb = int(bytes_) / float(med) / 1e6
    corpus = name.split()[-1]
    cells = [name.rsplit(" ", 1)[0], corpus, med, "%.1f" % mb, "%.0f" % (int(docs) / float(med))]
    if name.startswith("redline jobs"):
        jobs = name.split()[1]
        rss, findings = extra.get((corpus, jobs), (0, 0))
        ratio = lambda other: ("%.2f" % (float(times[other][3]) / float(med))) if other in times else "-"
        cells += [str(findings), "%.1f" % (rss / 1024), ratio("rg packs " + corpus), ratio("rg packs-rg-engine " + corpus),
                  ratio("rg kit-150 " + corpus)]
    else:
        cells += ["", "", "", "", ""]
    print("| " + " | ".join(cells) + " |")
print()
print("start-up: loading the default packs (YAML, pcre2_compile of %s regexes) %s ms, prefilter (cached Hyperscan database) %s ms, total %s ms;"
      " PCRE2 JIT is lazy: all of it would add %s ms, the scan of one small article with fresh rules (its JIT included) takes %s ms"
      % (startup["regexes"], startup["load_compile_ms"], startup["prefilter_ms"], startup["total_ms"], startup["jit_all_ms"],
         startup["first_article_scan_ms"]))
one = [r for r in rows if r[0].startswith("redline one-article")]
if one: print("redline scan of one small article (%s bytes), wall: %.0f ms" % (one[0][1], float(one[0][3]) * 1000))
print("JSONL decode alone: %s MB/s (%s documents, %s bytes)" % (decode["decode_mb_s"], decode["documents"], decode["file_bytes"]))
print()
for name, bytes_, docs, med, mn in rows:
    if name.startswith("redline jobs"):
        corpus = name.split()[-1]
        print("label=redline-jobs%s-%s bytes=%s scan_s_median=%s scan_s_min=%s reps=%s matches=%s"
              % (name.split()[1].split("=")[1], corpus, bytes_, med, mn, runs, extra.get((corpus, name.split()[1]), (0, 0))[1]))
PY
[ -z "$memory" ] || echo "$memory"
