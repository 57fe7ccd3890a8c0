#!/usr/bin/env python3
"""Writes the three kinds of queries the search benchmarks time, as `qid<TAB>text` files:

  short.tsv   200 condition names of 1-4 words, taken at an even stride through the sorted
              distinct `focus` values of corpus.jsonl (what a site's search box mostly gets);
  long.tsv    the LiveQA-Med dev consumer questions (original wording), as people write them;
  prefix.tsv  each short name cut to its first 4, 5 or 6 characters (by turns), as it is sent
              while the person is still typing.

  make_bench_queries.py DATA_DIR OUT_DIR      (DATA_DIR is ../shared/data/liveqa-med)
Deterministic; python3 standard library only.
"""
import json
import os
import sys


def main():
    data, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    names = set()
    with open(os.path.join(data, "corpus.jsonl"), encoding="utf-8") as corpus:
        for line in corpus:
            focus = (json.loads(line).get("focus") or "").strip()
            if focus and 1 <= len(focus.split()) <= 4:
                names.add(focus)
    names = sorted(names)
    short = names[:: max(1, len(names) // 200)][:200]
    with open(os.path.join(out, "short.tsv"), "w", encoding="utf-8") as f:
        for i, name in enumerate(short):
            f.write(f"s{i}\t{name}\n")
    with open(os.path.join(out, "prefix.tsv"), "w", encoding="utf-8") as f:
        for i, name in enumerate(short):
            f.write(f"p{i}\t{name[: 4 + i % 3].rstrip()}\n")
    with open(os.path.join(data, "topics-dev-original.tsv"), encoding="utf-8") as topics, open(
        os.path.join(out, "long.tsv"), "w", encoding="utf-8"
    ) as f:
        for line in topics:
            if "\t" in line and line.split("\t", 1)[1].strip():
                f.write(line if line.endswith("\n") else line + "\n")
    print(f"{len(short)} short names, their prefixes, and the long questions in {out}")


if __name__ == "__main__":
    main()
