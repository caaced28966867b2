"""``factcheck serve``: a preview server that rebuilds on change and reloads the browser.

- ``server.py``: HTTP only (serving built sites, live-reload events, the preview's banner);
- ``rebuild.py``: building the views it serves, their search indexes, garbage collection;
- ``watcher.py``: watching the project;
- ``follow.py``: which page shows what a saved file changed;
- ``preview.py``: the wiring (:class:`PreviewServer`).
"""

from __future__ import annotations

from .preview import PreviewServer
from .server import LiveState, PortInUse

__all__ = ["LiveState", "PortInUse", "PreviewServer"]
