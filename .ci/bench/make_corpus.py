#!/usr/bin/env python3
"""Deterministic benchmark-corpus generator (Redline copy of shared/bench/make_corpus.py, seeded
from Corpus/ instead of ../seeds) for the health-article compliance scanner.

Reads the seed articles (*.txt) from SEED_DIR, splits them into headings and
sentences, and recombines them (across seeds) into N synthetic articles until a
target size is reached. A fixed fraction of the articles gets injected content:

  spam       illicit-sale lines ("BUY KETAMINE ONLINE WITHOUT PRESCRIPTION", ...)
  unsafe     unsafe medical claims ("completely safe", "no side effects", ...)
  residue    blog comment-form / share-bar residue ("Leave a Reply", ...)
  obfusc     obfuscated spam: leetspeak (k3tamine), spaced letters
             (w i t h o u t  p r e s c r i p t i o n), dotted/hyphenated letters,
             zero-width characters, Cyrillic homoglyphs, fullwidth letters
  caveat     caveat sentences ("consult your doctor", "under medical supervision")

Outputs (any subset):
  --out-dir DIR   one UTF-8 file per article: DIR/<id>.txt
  --jsonl FILE    one JSON object per line: {"id": ..., "text": ...} (ensure_ascii=False)
  --labels FILE   one JSON object per line: {"id", "bytes", "injected": [{"kind","variant","text"}]}
                  (only what the generator injected; the seed text itself also contains
                  natural findings, e.g. "low risk of side effects", "under the supervision")

Same arguments + same seed files => byte-identical output (fixed RNG seed, sorted inputs).

Examples (from shared/bench; WORK=${TMPDIR:-/tmp}/redline-bench, as run_peers.sh uses):
  python3 make_corpus.py ../seeds --size 10MB  --out-dir "$WORK/c10/articles"  --jsonl "$WORK/c10/corpus.jsonl"
  python3 make_corpus.py ../seeds --size 100MB --out-dir "$WORK/c100/articles" --jsonl "$WORK/c100/corpus.jsonl" --labels "$WORK/c100/labels.jsonl"
"""
import argparse
import glob
import json
import os
import random
import re
import sys

# ---------------------------------------------------------------- injected material
SPAM_LINES = [
    "BUY KETAMINE ONLINE WITHOUT PRESCRIPTION",
    "Buy ketamine online without a prescription - fast, discreet shipping worldwide.",
    "Order ketamine online today, no prescription needed!",
    "Buy Xanax online without prescription, overnight delivery available.",
    "Cheap ketamine for sale, best prices, bulk discounts for resellers.",
    "Get your ketamine nasal spray delivered without a doctor's prescription from our online pharmacy.",
    "Contact us on WhatsApp: +1 (555) 010-2345 to order ketamine powder.",
    "Telegram: @ketashop24 - pay with Bitcoin, same-day shipping to USA, UK, Canada, Australia.",
    "Click here to buy ketamine: https://ketamine-shop.example/buy?ref=health",
    "Ketamine crystals in stock. Email orders@keta-pharma.example for wholesale pricing.",
    "Buy Adderall, Oxycodone and Ketamine online - no Rx required, money-back guarantee.",
    "Buy esketamine (Spravato) without prescription at the lowest price online.",
]

UNSAFE_LINES = [
    "Ketamine therapy is completely safe and has no side effects.",
    "This treatment cures depression in 100% of patients after a single infusion.",
    "There is absolutely no risk of addiction with ketamine.",
    "Ketamine is a miracle cure for PTSD, anxiety and chronic pain.",
    "Guaranteed results after just one session.",
    "Once you start ketamine you can stop taking your antidepressants.",
    "Clinically proven to cure anxiety permanently.",
    "It is safe for everyone, including pregnant women and children.",
    "Ketamine has a low risk of side effects and works for everyone.",
    "Unlike other drugs, ketamine is non-addictive and totally safe.",
    "Patients report instant relief and a 98% success rate.",
    "Ketamine is safer than alcohol and completely harmless at any dose.",
    "One infusion is all you need to end depression forever.",
    "It is impossible to overdose on ketamine.",
    "There is no need to see a doctor before trying ketamine at home.",
]

RESIDUE_BLOCKS = [
    "Leave a Reply\nCancel reply\nYour email address will not be published. Required fields are marked *\n"
    "Comment *\nName *\nEmail *\nWebsite\nSave my name, email, and website in this browser for the next time I comment.\nPost Comment",
    "Share this:\nShare on Facebook\nShare on Twitter\nShare on Pinterest\nRelated Posts\nRead more",
    "Previous Post\nNext Post\nTags: ketamine, depression, mental health\nPosted in Wellness by admin",
    "This post may contain affiliate links. Subscribe to our newsletter for more health tips!\n\u00a9 2024 Wellness Blog. All rights reserved.",
    "Leave a Reply\n\nYour email address will not be published. Required fields are marked *",
]

CAVEAT_LINES = [
    "Always consult your doctor before starting any new treatment.",
    "This article is for informational purposes only and is not medical advice.",
    "Ketamine therapy should only be administered under medical supervision.",
    "Talk to your healthcare provider about the potential risks and benefits.",
    "Individual results may vary, and more research is needed.",
    "If you are in crisis, call or text 988 to reach the Suicide and Crisis Lifeline.",
    "Please consult a physician or a qualified healthcare professional.",
    "Seek immediate medical attention if you experience severe side effects.",
]

ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
# Latin -> visually identical Cyrillic
HOMOGLYPHS = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441",
              "x": "\u0445", "i": "\u0456", "y": "\u0443", "k": "\u043a",
              "A": "\u0410", "E": "\u0415", "O": "\u041e", "P": "\u0420", "C": "\u0421",
              "K": "\u041a", "T": "\u0422", "H": "\u041d", "M": "\u041c", "B": "\u0412"}
LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}

OBFUSC_BASES = [
    "buy ketamine online without prescription",
    "order ketamine online, no prescription needed",
    "ketamine for sale without a prescription",
]


def obfuscate(rng, text):
    """Return (variant_name, obfuscated_text)."""
    variant = rng.choice(["leet", "spaced", "dotted", "zerowidth", "homoglyph", "fullwidth", "mixed"])
    words = text.split(" ")
    if variant == "leet":
        # leet a subset of letters of the sensitive words only (k3tamine, 0nline, pr3scription)
        out = []
        for w in words:
            if w.strip(",") in ("ketamine", "online", "prescription", "buy"):
                w = "".join(LEET[ch] if ch in LEET and rng.random() < 0.5 else ch for ch in w)
                if w == "ketamine":
                    w = "k3tamine"
            out.append(w)
        s = " ".join(out)
    elif variant == "spaced":
        # "w i t h o u t  p r e s c r i p t i o n" (double space between words)
        s = "  ".join(" ".join(w) for w in words)
    elif variant == "dotted":
        sep = rng.choice([".", "-", "_", "*"])
        s = " ".join(sep.join(w) if w.strip(",") in ("ketamine", "prescription") else w for w in words)
    elif variant == "zerowidth":
        s = " ".join("".join(ch + (rng.choice(ZERO_WIDTH) if rng.random() < 0.5 else "") for ch in w)
                     if len(w) > 3 else w for w in words)
    elif variant == "homoglyph":
        s = "".join(HOMOGLYPHS[ch] if ch in HOMOGLYPHS and rng.random() < 0.4 else ch for ch in text)
    elif variant == "fullwidth":
        s = "".join(chr(ord(ch) - 0x20 + 0xFF00) if "!" <= ch <= "~" else ch for ch in text)
    else:  # mixed case + one homoglyph + one zero width
        s = "".join(ch.upper() if rng.random() < 0.5 else ch for ch in text)
        pos = rng.randrange(len(s))
        s = s[:pos] + rng.choice(ZERO_WIDTH) + s[pos:]
        s = s.replace("e", "\u0435", 1)
    if rng.random() < 0.5:
        s = s[0].upper() + s[1:]
    return variant, s


# ---------------------------------------------------------------- seed parsing
SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\u201c\"(])")
SEED_SPAM = re.compile(r"\s*BUY KETAMINE ONLINE WITHOUT PRESCRIPTION\s*")
RESIDUE_LINE = re.compile(r"^(leave a reply|your email address will not be published.*)$", re.I)


def load_pool(seed_dir):
    # Redline's copy: the seeds are the plain-text and Markdown articles of Corpus/ (walked
    # recursively, sorted), so the benchmark text is the kind of text the packs were written for.
    files = sorted(glob.glob(os.path.join(seed_dir, "**", "*.txt"), recursive=True)
                   + glob.glob(os.path.join(seed_dir, "**", "*.md"), recursive=True))
    files = [f for f in files if os.path.basename(f) != "README.md"]
    if not files:
        sys.exit(f"no *.txt / *.md seed files in {seed_dir}")
    headings, sentences, bullets = [], [], []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            for raw in fh.read().splitlines():
                line = raw.strip()
                if not line or RESIDUE_LINE.match(line):
                    continue  # comment-form residue is injected deliberately (and labelled) instead
                line = SEED_SPAM.sub(" ", line).strip()  # the seed's spam is injected deliberately instead
                if line.startswith(("-", "+", "*")) or re.match(r"^\d+\.\s", line):
                    bullets.append(line)
                elif len(line) < 90 and not line.endswith((".", "!")):
                    headings.append(line)
                else:
                    sentences.extend(s.strip() for s in SENT_SPLIT.split(line) if s.strip())
    return headings, sentences, bullets


def parse_size(s):
    m = re.fullmatch(r"(?i)\s*([0-9.]+)\s*([kmg]?)i?b?\s*", s)
    if not m:
        raise argparse.ArgumentTypeError(f"bad size {s!r} (use e.g. 10MB, 500KB, 1GB)")
    mult = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9}[m.group(2).lower()]
    return int(float(m.group(1)) * mult)


# ---------------------------------------------------------------- article builder
def build_article(rng, pool, target, rates):
    headings, sentences, bullets = pool
    injected = []
    blocks = [rng.choice(headings)]  # title
    size = len(blocks[0])
    paragraphs = []
    while size < target:
        if rng.random() < 0.35:
            paragraphs.append(rng.choice(headings))
        if rng.random() < 0.15 and bullets:
            para = "\n".join(rng.choice(bullets) for _ in range(rng.randint(2, 5)))
        else:
            para = " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 7)))
        paragraphs.append(para)
        size += len(para) + 1

    def insert_sentence(s, kind, variant, inline_ok=True):
        injected.append({"kind": kind, "variant": variant, "text": s})
        i = rng.randrange(len(paragraphs))
        p = paragraphs[i]
        if inline_ok and rng.random() < 0.5 and " " in p:
            # splice into the middle of a paragraph, like the seed's injection
            spaces = [m.start() for m in re.finditer(" ", p)]
            cut = rng.choice(spaces)
            paragraphs[i] = p[:cut] + " " + s + p[cut:]
        else:
            paragraphs.insert(i, s)

    if rng.random() < rates["spam"]:
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            insert_sentence(rng.choice(SPAM_LINES), "spam", "plain")
    if rng.random() < rates["unsafe"]:
        for _ in range(rng.choice([1, 1, 2])):
            insert_sentence(rng.choice(UNSAFE_LINES), "unsafe", "plain")
    if rng.random() < rates["obfusc"]:
        variant, s = obfuscate(rng, rng.choice(OBFUSC_BASES))
        insert_sentence(s, "obfusc", variant)
    if rng.random() < rates["caveat"]:
        insert_sentence(rng.choice(CAVEAT_LINES), "caveat", "plain", inline_ok=False)
    text = "\n".join(blocks + paragraphs)
    if rng.random() < rates["residue"]:
        block = rng.choice(RESIDUE_BLOCKS)
        injected.append({"kind": "residue", "variant": "footer", "text": block})
        text += "\n\n" + block
    return text + "\n", injected


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("seed_dir", help="directory with the seed articles (*.txt, *.md; Corpus/)")
    ap.add_argument("--size", type=parse_size, default=parse_size("10MB"),
                    help="target total UTF-8 bytes of article text (default 10MB; e.g. 100MB)")
    ap.add_argument("--count", type=int, default=0, help="exact number of articles (overrides --size)")
    ap.add_argument("--seed", type=int, default=20240601, help="RNG seed (default 20240601)")
    ap.add_argument("--mean-kb", type=float, default=8.0, help="mean article size in KB (default 8)")
    ap.add_argument("--long-frac", type=float, default=0.002,
                    help="fraction of very long articles (256KB-1MB) to exercise streaming (default 0.002)")
    ap.add_argument("--spam", type=float, default=0.06, help="P(article has injected spam lines)")
    ap.add_argument("--unsafe", type=float, default=0.10, help="P(article has injected unsafe claims)")
    ap.add_argument("--obfusc", type=float, default=0.04, help="P(article has an obfuscated spam line)")
    ap.add_argument("--residue", type=float, default=0.05, help="P(article has comment-form residue)")
    ap.add_argument("--caveat", type=float, default=0.30, help="P(article has an injected caveat)")
    ap.add_argument("--out-dir", help="write one file per article here")
    ap.add_argument("--jsonl", help="write all articles as JSONL here")
    ap.add_argument("--labels", help="write injected-content labels as JSONL here")
    args = ap.parse_args()
    if not (args.out_dir or args.jsonl or args.labels):
        ap.error("nothing to write: give --out-dir and/or --jsonl and/or --labels")

    rng = random.Random(args.seed)
    pool = load_pool(args.seed_dir)
    rates = {k: getattr(args, k) for k in ("spam", "unsafe", "obfusc", "residue", "caveat")}
    if args.out_dir:
        os.makedirs(args.out_dir, exist_ok=True)
    jf = open(args.jsonl, "w", encoding="utf-8", newline="\n") if args.jsonl else None
    lf = open(args.labels, "w", encoding="utf-8", newline="\n") if args.labels else None

    total = n = 0
    counts = {}
    while (n < args.count) if args.count else (total < args.size):
        n += 1
        if rng.random() < args.long_frac:
            target = rng.randint(256 * 1024, 1024 * 1024)
        else:
            target = int(min(40_000, max(1500, rng.lognormvariate(0, 0.5) * args.mean_kb * 1000 / 1.13)))
        text, injected = build_article(rng, pool, target, rates)
        aid = f"art-{n:07d}"
        data = text.encode("utf-8")
        total += len(data)
        for item in injected:
            counts[item["kind"]] = counts.get(item["kind"], 0) + 1
        if args.out_dir:
            with open(os.path.join(args.out_dir, aid + ".txt"), "wb") as fh:
                fh.write(data)
        if jf:
            jf.write(json.dumps({"id": aid, "text": text}, ensure_ascii=False) + "\n")
        if lf:
            lf.write(json.dumps({"id": aid, "bytes": len(data), "injected": injected}, ensure_ascii=False) + "\n")
    for f in (jf, lf):
        if f:
            f.close()
    print(f"articles={n} text_bytes={total} ({total / 1e6:.1f} MB) injected={json.dumps(counts, sort_keys=True)}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
