"""Pausing Python's cyclic garbage collector while a project is loaded and built.

Loading makes about a million objects (records, YAML values, Markdown tokens) that all live until
the build ends. Each of the collector's full passes walks every one of them, and a load triggers
several: on a 1,000-article project they were a third of ``factcheck check`` (4.4 s, 3.0 s
without). The model has no reference cycles (tests/test_gc_pause.py checks), so reference
counting frees it without the collector; whatever cycles a library makes meanwhile are collected
once the collector runs again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic collector for the ``with`` block (nesting is fine)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
