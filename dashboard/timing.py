"""Opt-in timing of script and fragment runs (``SPECTRUM_TIMING=1``), for the benchmarks.

Printed to the server's stderr, never sent anywhere; ``benchmarks/bench_dashboard.py`` reads it
from the log of the server it starts.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def timed(name: str) -> Iterator[None]:
    if not os.environ.get("SPECTRUM_TIMING"):
        yield
        return
    started = time.perf_counter()
    try:
        yield
    finally:
        elapsed = (time.perf_counter() - started) * 1000
        print(f"[spectrum-timing] page={name} ms={elapsed:.1f}", file=sys.stderr)
