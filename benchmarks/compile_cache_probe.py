"""Would keeping compiled questions on disk make a cold start faster? Compiling beside reading.

    .venv/bin/python benchmarks/compile_cache_probe.py [--runs 7]

With empty caches, scoring the dev set's 1,000 answers spends about a quarter of its time
compiling its 15 questions (normalising, chunking and indexing some 12,700 alias and pattern
phrases). A cache on disk would replace that with reading the compiled questions back. This
prints both for the same questions, median (best) of `--runs`: compiling from the loaded
bank, and unpickling the same compiled questions from bytes already in memory (a lower bound
on reading them from a file), with the garbage collector on and paused. The cache is only
worth building if reading is much faster than compiling.
"""

from __future__ import annotations

import argparse
import gc
import json
import pickle
import statistics
import time

from scoring_quality import DEV

from interviewer.bank import load_bank
from interviewer.scoring.compiled import clear_caches, compile_question


def main(argv: list[str] | None = None) -> int:
    """Print the time to compile the dev set's questions beside the time to unpickle them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each")
    args = parser.parse_args(argv)
    bank = load_bank(None)
    ids = sorted({json.loads(line)["question"]
                  for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()})
    questions = [bank.get(qid) for qid in ids]

    compiling, reading, paused = [], [], []
    for _ in range(args.runs):
        clear_caches()
        start = time.perf_counter()
        compiled = [compile_question(question) for question in questions]
        compiling.append(time.perf_counter() - start)
        blob = pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL)
        start = time.perf_counter()
        pickle.loads(blob)
        reading.append(time.perf_counter() - start)
        # A cache reader would pause the collector: unpickling makes many small objects,
        # and each collection it triggers walks all of them again.
        gc.disable()
        start = time.perf_counter()
        pickle.loads(blob)
        paused.append(time.perf_counter() - start)
        gc.enable()

    print(f"{len(questions)} questions, pickled to {len(blob) / 1e6:.1f} MB")
    for name, timings in (("compile from the bank", compiling), ("unpickle", reading),
                          ("unpickle, collector off", paused)):
        print(f"{name:<26} {statistics.median(timings):.3f} s ({min(timings):.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
