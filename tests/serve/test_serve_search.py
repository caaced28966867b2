"""The preview server's search index: remade in the background after a rebuild, swapped in
whole, and then the same as a fresh build's (real Pagefind)."""

from __future__ import annotations

from pathlib import Path

from serve_helpers import INJECTED, VERDICT, edit, get, wait_for_build, wait_until

from factcheck.build import build_site
from factcheck.serve import PreviewServer


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_index_follows_edits_and_equals_a_fresh_builds(project: Path, tmp_path: Path) -> None:
    server = PreviewServer(project, port=0, debounce=0.1, search=True)
    first = server.start()
    try:
        assert first is not None and first.ok
        assert "search" not in first.timings  # pages are served before the index is made
        wait_until(server.search_current, 60, "the first search index")
        assert (server.output / "pagefind/pagefind.js").is_file()
        old_index = (server.output / "pagefind/pagefind-entry.json").read_bytes()

        builds = server.builds
        edit(project / VERDICT, "headline: ", "headline: Zanzibarian ")
        wait_for_build(server, builds)
        wait_until(server.search_current, 60, "the search index to catch up")
        assert server.last_result is not None and server.last_result.ok
        assert "search" not in server.last_result.timings  # the rebuild did not wait for it
        assert (server.output / "pagefind/pagefind-entry.json").read_bytes() != old_index
        assert not list(server.output.parent.glob(".preview.search-*"))

        fresh_folder = project / ".factcheck-cache" / "fresh"
        fresh = build_site(project, output=fresh_folder, search=True, preview=True)
        assert fresh.ok
        expected = _tree(fresh_folder)
        served = _tree(server.output)
        assert served.keys() == expected.keys()
        assert any(rel.startswith("pagefind/") for rel in expected)
        for rel, data in expected.items():
            assert served[rel] == data, rel
        status, _, body = get(server, "/pagefind/pagefind-entry.json")
        assert status == 200 and INJECTED.sub(b"", body) == expected["pagefind/pagefind-entry.json"]
    finally:
        server.stop()


def test_an_edit_during_indexing_is_indexed_too(project: Path) -> None:
    """A rebuild while an index is being made: that index is thrown away, not swapped in over
    newer pages, and the next one is made."""
    server = PreviewServer(project, port=0, debounce=0.05, search=True)
    server.start()
    try:
        for word in ("Quokkaville", "Wombatshire", "Numbatton"):
            builds = server.builds
            edit(project / VERDICT, "headline: ", f"headline: {word} ")
            wait_for_build(server, builds)
        wait_until(server.search_current, 60, "the search index to catch up")
        view = server.rebuilder.view("preview")
        assert view.index_key == view.site_key
        assert server.last_result is not None
        assert view.index_key == server.last_result.search_key
    finally:
        server.stop()
