"""``factcheck serve``: a preview server that rebuilds on change and reloads the browser."""

from __future__ import annotations

from .server import LiveState, PortInUse, PreviewServer

__all__ = ["LiveState", "PortInUse", "PreviewServer"]
