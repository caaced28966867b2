"""factcheck: a static site generator for fact-checking newsrooms."""

from __future__ import annotations

__version__ = "0.1.0"
