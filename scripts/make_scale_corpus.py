#!/usr/bin/env python3
"""Writes the scale corpora and the query list of scripts/bench_scale.sh (python3 stdlib only).

The 1x corpus is ../shared/data/liveqa-med/corpus.jsonl as it is: MedQuAD's 16,373 answered
pairs plus the judged answers MedQuAD no longer ships, 17,908 documents and 27.8 MB, already in
hqa's JSON Lines fields (id, question, answer, focus, qtype, source, url). Taking it rather than
re-reading the MedQuAD XML keeps one parser out of the benchmark, and it is the file the issue's
reference timings of Lucene and scriptindex were measured on. Copy r (r >= 1) of every document
gets the id `ID~rR`, and its answer loses a fixed, seeded fifth of its sentences: the copies are
near-duplicates, not exact ones. Exact copies would all share one answer fingerprint, and hqa
shows an answer repeated word for word once, so its matcher would walk N copies of every answer
to fill a page of distinct ones, which no real corpus asks of it. Each term's document frequency
still grows with N, so the curve shows how posting lists, not vocabulary, scale.
`--exact-copies` keeps the text unchanged.

  make_scale_corpus.py corpus --copies N --output OUT.jsonl [--format jsonl|omega] [--source F]
  make_scale_corpus.py queries --output OUT.tsv [--count 1000] [--data DIR]

`--format omega` writes the same documents as a scriptindex dump (field=value lines, a newline
inside a value continued by '=', records separated by a blank line) for bench/peers/hqa.script.
`queries` writes `qN<TAB>text` lines: every LiveQA-Med dev topic (original, paraphrase, summary)
and then MedQuAD questions taken at an even stride through the corpus, distinct, up to --count.
Both are deterministic.
"""
import argparse
import json
import os
import random
import re
import sys
import zlib

FIELDS = ("id", "question", "answer", "focus", "qtype", "source", "url")


def default_data_dir():
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data")


def omega_record(doc):
    lines = []
    for field in FIELDS:
        value = doc.get(field)
        if not value:
            continue
        # scriptindex continues a value on the next line when that line starts with '='.
        lines.append(field + "=" + value.replace("\r", "").replace("\n", "\n="))
    return "\n".join(lines) + "\n\n"


def near_duplicate(answer, seed):
    """The answer without about a fifth of its sentences, chosen by `seed`, deterministically."""
    sentences = re.split(r"(?<=[.!?])\s+", answer)
    if len(sentences) < 2:
        return answer
    rng = random.Random(zlib.crc32(seed.encode("utf-8")))
    kept = [s for s in sentences if rng.random() >= 0.2]
    return " ".join(kept or sentences[:1])


def write_corpus(args):
    with open(args.source, encoding="utf-8") as source:
        lines = [line for line in source if line.strip()]
    docs = [json.loads(line) for line in lines]
    with open(args.output, "w", encoding="utf-8") as out:
        for copy in range(args.copies):
            for line, doc in zip(lines, docs):
                if copy == 0 and args.format == "jsonl":
                    out.write(line if line.endswith("\n") else line + "\n")
                    continue
                if copy > 0:
                    doc = dict(doc, id=f"{doc['id']}~r{copy}")
                    if not args.exact_copies:
                        doc["answer"] = near_duplicate(doc.get("answer") or "", doc["id"])
                if args.format == "jsonl":
                    out.write(json.dumps(doc, ensure_ascii=False) + "\n")
                else:
                    out.write(omega_record(doc))
    print(f"{args.output}: {len(docs) * args.copies} documents, "
          f"{os.path.getsize(args.output) / 1e6:.1f} MB", file=sys.stderr)


def clean(text):
    return " ".join(text.split())


def write_queries(args):
    queries, seen = [], set()

    def add(text):
        text = clean(text)
        if text and text.lower() not in seen and len(queries) < args.count:
            seen.add(text.lower())
            queries.append(text)

    topics = os.path.join(args.data, "liveqa-med")
    for name in ("topics-dev-original.tsv", "topics-dev-paraphrase.tsv", "topics-dev-summary.tsv"):
        with open(os.path.join(topics, name), encoding="utf-8") as f:
            for line in f:
                if "\t" in line:
                    add(line.split("\t", 1)[1])
    with open(os.path.join(topics, "corpus.jsonl"), encoding="utf-8") as f:
        questions = [json.loads(line)["question"] for line in f if line.strip()]
    # An even stride over the corpus, then again one further on, until there are enough.
    stride = max(1, len(questions) // max(1, args.count - len(queries)))
    for offset in range(stride):
        for i in range(offset, len(questions), stride):
            add(questions[i])
    with open(args.output, "w", encoding="utf-8") as out:
        for number, text in enumerate(queries, 1):
            out.write(f"q{number}\t{text}\n")
    print(f"{args.output}: {len(queries)} queries", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    corpus = commands.add_parser("corpus", help="the corpus replicated N times")
    corpus.add_argument("--copies", type=int, required=True)
    corpus.add_argument("--output", required=True)
    corpus.add_argument("--format", choices=("jsonl", "omega"), default="jsonl")
    corpus.add_argument("--exact-copies", action="store_true",
                        help="copies keep their text unchanged (they are near-duplicates by default)")
    corpus.add_argument("--source",
                        default=os.path.join(default_data_dir(), "liveqa-med", "corpus.jsonl"))
    queries = commands.add_parser("queries", help="the deterministic query list")
    queries.add_argument("--output", required=True)
    queries.add_argument("--count", type=int, default=1000)
    queries.add_argument("--data", default=default_data_dir())
    args = parser.parse_args()
    if args.command == "corpus":
        if args.copies < 1:
            parser.error("--copies must be at least 1")
        write_corpus(args)
    else:
        write_queries(args)


if __name__ == "__main__":
    main()
