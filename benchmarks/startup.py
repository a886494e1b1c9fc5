"""Time to the app's first screen, beside the time to `import whisper`.

The app must show its home screen before torch or whisper are imported (they load in a
background worker afterwards), so the first figure should be far below the second.
Each run is a fresh interpreter, timed from process start by the parent:

- first screen: `InterviewApp` with the real speech services, run headless (Textual's
  headless driver composes, lays out and renders as in a terminal, minus the terminal
  writes) until the home screen has been mounted and painted once; the child also reports
  whether torch or whisper had been imported by then;
- import whisper: `python -c "import whisper"` (which imports torch);
- responsiveness while the model loads: after the first screen, a 20 ms UI timer runs while
  the background worker imports torch/whisper and loads `--model`; the longest gap between
  ticks is how long the screen could not react to a key (a load that fails for want of
  weights still measures the imports, which are most of the work).

    .venv/bin/python benchmarks/startup.py [--runs 5] [--model PATH_OR_NAME]

Target: first screen under 1 s on the development machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

TARGET_S = 1.0

CHILD = r"""
import os, sys
from interviewer.settings import Settings
from interviewer.tui.app import InterviewApp

class Timed(InterviewApp):
    def on_mount(self):
        # Runs before the app's own on_mount (Textual calls both, subclass first), so this
        # report is queued ahead of the background checks and model load.
        self.call_after_refresh(self.report)

    def report(self):
        heavy = [m for m in ("torch", "whisper") if m in sys.modules]
        print("FIRST_SCREEN", type(self.screen).__name__, ",".join(heavy) or "-", flush=True)
        os._exit(0)  # do not wait for the readiness checks and model load in threads

Timed(Settings()).run(headless=True, size=(100, 30))
"""


STALL_CHILD = r"""
import os, sys, time
from interviewer.settings import Settings
from interviewer.tui.app import InterviewApp

class Timed(InterviewApp):
    def on_mount(self):
        self.gaps, self.last = [], time.perf_counter()
        self.set_interval(0.02, self.tick)

    def tick(self):
        now = time.perf_counter()
        self.gaps.append(now - self.last)
        self.last = now
        if self.model_state in ("ready", "failed"):
            print("STALL", f"{max(self.gaps):.3f}", self.model_state, flush=True)
            os._exit(0)

Timed(Settings(model=sys.argv[1])).run(headless=True, size=(100, 30))
"""


def _timed(code: str, marker: str | None, *args: str) -> tuple[float, str]:
    """Seconds from spawning `python -c code` to `marker` on stdout (or to exit)."""
    # A throwaway data folder per child, removed afterwards, so runs never touch $HOME
    # and leave nothing behind in /tmp.
    with tempfile.TemporaryDirectory(prefix="interviewer-bench-") as home:
        env = dict(os.environ, INTERVIEWER_HOME=home)
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", code, *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        line = ""
        for line in child.stdout:
            if marker is None or line.startswith(marker):
                break
        elapsed = time.perf_counter() - start
        child.kill()
        child.wait()
    if marker is not None and not line.startswith(marker):
        raise SystemExit(f"the child never printed {marker!r}; run the code by hand:\n{code}")
    return elapsed, line.strip()


def main() -> None:
    """Print median and range over `--runs` fresh processes for each measurement."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--model", default="base.en", help="model loaded for the stall figure")
    args = parser.parse_args()

    first: list[float] = []
    report = ""
    for _ in range(args.runs):
        seconds, report = _timed(CHILD, "FIRST_SCREEN")
        first.append(seconds)
    whisper = [_timed("import whisper", None)[0] for _ in range(args.runs)]
    python = [_timed("pass", None)[0] for _ in range(args.runs)]
    stalls = [_timed(STALL_CHILD, "STALL", args.model)[1].split() for _ in range(args.runs)]

    _, screen, heavy = report.split()
    print(f"runs: {args.runs} fresh interpreters each (median, min–max)")
    print(f"  first screen ({screen}):   {_fmt(first)}   target < {TARGET_S:.1f} s")
    print(f"  import whisper (+torch):    {_fmt(whisper)}")
    print(f"  bare interpreter start:     {_fmt(python)}")
    print(f"  heavy modules imported at first screen: {heavy}")
    worst = [float(stall[1]) for stall in stalls]
    print(f"  longest UI stall while the model loads ({args.model}, {stalls[-1][2]}): "
          f"{_fmt(worst)}")
    verdict = "meets" if statistics.median(first) < TARGET_S else "MISSES"
    print(f"first screen {verdict} the target; whisper would add "
          f"{statistics.median(whisper) - statistics.median(python):.2f} s if imported first")


def _fmt(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} s ({min(values):.3f}–{max(values):.3f})"


if __name__ == "__main__":
    main()
