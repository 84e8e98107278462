"""Timing several runs, in this process or in a child process with its own peak memory, as min/median/max."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Figure:
    """One measured thing at one size: seconds (and peak memory in MiB, when a child process ran it)."""

    what: str
    size: int
    seconds: list[float] = field(default_factory=list)
    peak_mib: list[float] = field(default_factory=list)
    note: str = ""

    def row(self) -> dict:
        def three(values: list[float]) -> tuple[float, float, float] | None:
            return (min(values), statistics.median(values), max(values)) if values else None

        return {"what": self.what, "size": self.size, "seconds": three(self.seconds), "peak": three(self.peak_mib)}


def timed(call: Callable[[], object], runs: int) -> list[float]:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - started)
    return seconds


# Runs the command as the child of a small process and prints the command's peak resident memory (KiB) and its
# exit code. A child forked straight from the bench starts with the bench's own memory as its high-water mark
# (the kernel keeps it across exec), which at ten million rows is larger than the import's own peak.
PEAK = (
    "import os, subprocess, sys; p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL); "
    "_, status, usage = os.wait4(p.pid, 0); print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))"
)


def child(command: list[str], *, before: Callable[[], object] = lambda: None) -> tuple[float, float]:
    """(wall seconds, peak MiB) of one run of `command` as a process of its own, from the kernel's accounting."""
    before()
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, *command], capture_output=True, check=False)
    seconds = time.perf_counter() - started
    peak_kib, code = (int(word) for word in done.stdout.split())
    if code != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.decode()[-2000:]}")
    return seconds, peak_kib / 1024


def load() -> str:
    """The machine's load average, which results.md states beside each run (the machine is shared)."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f}"


def self_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
