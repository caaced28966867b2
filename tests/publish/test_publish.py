"""`factcheck publish`: to a folder, to an rsync target, to a branch of a bare git repository;
each read back and compared with a fresh build of the same project."""

from __future__ import annotations

import shutil
import subprocess
from importlib import resources
from pathlib import Path

import pytest
from helpers import run_cli

from factcheck.build import build_site
from factcheck.readiness import SAMPLE_MARKER

VERDICT = "content/verdicts/council-tax-frozen/first-reviewer.md"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    with resources.as_file(resources.files("factcheck") / "scaffold") as source:
        shutil.copytree(
            source,
            tmp_path / "project",
            ignore=shutil.ignore_patterns("__pycache__", "__init__.py"),
        )
    root = tmp_path / "project"
    if (root / "gitignore").is_file():  # as `factcheck init` names it
        (root / "gitignore").rename(root / ".gitignore")
    return make_ready(root)


def make_ready(root: Path) -> Path:
    """The scaffold as a newsroom makes it its own: the sample markers gone, base_url set."""
    for path in (root / "content").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(
            "".join(
                line
                for line in text.splitlines(keepends=True)
                if not line.startswith(SAMPLE_MARKER)
            ),
            encoding="utf-8",
        )
    config = root / "factcheck.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "# base_url: https://check.example.org/", "base_url: https://check.example.org/"
        ),
        encoding="utf-8",
    )
    return root


def tree(folder: Path) -> dict[str, bytes]:
    """Every file's bytes, except the search index's: Pagefind's index file names and hashes
    differ from one build of the same content to the next, so only its presence is compared."""
    files = {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
    assert "pagefind/pagefind-entry.json" in files
    return {rel: data for rel, data in files.items() if not rel.startswith("pagefind/")}


def fresh_build(project: Path, tmp_path: Path) -> dict[str, bytes]:
    result = build_site(project, output=tmp_path / "expected")
    assert result.ok, result.diagnostics.format_text()
    return tree(tmp_path / "expected")


def publish(project: Path, *args: str) -> str:
    result = run_cli("publish", "--project", str(project), *args)
    result.assert_no_crash()
    assert result.exit_code == 0, result.output
    return result.output


def test_publish_to_a_folder(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "www" / "site"
    output = publish(project, "--to", "folder", str(target), "--dry-run")
    assert "+ index.html" in output and not target.exists()
    publish(project, "--to", "folder", str(target))
    assert tree(target) == fresh_build(project, tmp_path)

    (project / "content/pages/about.md").unlink()
    output = publish(project, "--to", "folder", str(target), "--dry-run")
    assert "- pages/about.html" in output
    publish(project, "--to", "folder", str(target))
    assert not (target / "pages/about.html").exists()
    assert tree(target) == fresh_build(project, tmp_path / "again")
    assert sorted(p.name for p in target.parent.iterdir()) == ["site"]  # no leftovers


def test_a_failed_build_publishes_nothing(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "www"
    publish(project, "--to", "folder", str(target))
    before = tree(target)
    verdict = project / VERDICT
    verdict.write_text(verdict.read_text().replace('rating: "false"', "rating: nonsense"))
    result = run_cli("publish", "--project", str(project), "--to", "folder", str(target))
    result.assert_no_crash()
    assert result.exit_code == 1 and "nothing was published" in result.output
    assert tree(target) == before


def test_publish_refuses_a_folder_that_is_not_a_site(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "documents"
    target.mkdir()
    (target / "thesis.txt").write_text("precious")
    result = run_cli("publish", "--project", str(project), "--to", "folder", str(target))
    assert result.exit_code == 1 and "was not made by factcheck" in result.output
    assert (target / "thesis.txt").read_text() == "precious"
    result = run_cli("publish", "--project", str(project), "--to", "folder", str(project))
    assert result.exit_code == 1 and "contains the project" in result.output


@pytest.mark.skipif(shutil.which("rsync") is None, reason="rsync is not installed")
def test_publish_with_rsync(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "rsync-target"
    target.mkdir()
    (target / "stale.html").write_text("old")
    output = publish(project, "--to", "rsync", str(target), "--dry-run")
    assert "+ index.html" in output and "- stale.html" in output
    assert (target / "stale.html").exists()
    publish(project, "--to", "rsync", str(target))
    assert tree(target) == fresh_build(project, tmp_path)


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout


def read_branch(repo: Path, branch: str, into: Path) -> dict[str, bytes]:
    into.mkdir()
    archive = subprocess.run(
        ["git", "archive", branch], cwd=repo, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return tree(into)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_publish_to_a_branch_of_a_bare_repository(project: Path, tmp_path: Path) -> None:
    bare = tmp_path / "pages.git"
    git("init", "-q", "--bare", str(bare), cwd=tmp_path)
    publish(project, "--to", "git-branch", "gh-pages", "--remote", str(bare))
    expected = fresh_build(project, tmp_path)
    expected[".nojekyll"] = b""
    assert read_branch(bare, "gh-pages", tmp_path / "one") == expected

    (project / "content/pages/about.md").unlink()
    output = publish(project, "--to", "git-branch", "gh-pages", "--remote", str(bare), "--dry-run")
    assert "- pages/about.html" in output
    publish(project, "--to", "git-branch", "gh-pages", "--remote", str(bare))
    assert git("rev-list", "--count", "gh-pages", cwd=bare).strip() == "2"
    expected = fresh_build(project, tmp_path / "b")
    expected[".nojekyll"] = b""
    assert read_branch(bare, "gh-pages", tmp_path / "two") == expected


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_publish_to_a_branch_of_the_projects_repository(project: Path, tmp_path: Path) -> None:
    git("init", "-q", "-b", "main", cwd=project)
    git(
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@t",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "start",
        cwd=project,
    )
    status_before = git("status", "--porcelain", cwd=project)
    publish(project, "--to", "git-branch", "site", "-m", "Site")
    assert git("status", "--porcelain", cwd=project) == status_before  # working tree as it was
    assert git("rev-parse", "--abbrev-ref", "HEAD", cwd=project).strip() == "main"
    expected = fresh_build(project, tmp_path)
    expected[".nojekyll"] = b""
    assert read_branch(project, "site", tmp_path / "read") == expected


# -- publishing that cannot go wrong quietly -----------------------------------------------------


def _refused(project: Path, target: Path) -> str:
    result = run_cli("publish", "--project", str(project), "--to", "folder", str(target))
    result.assert_no_crash()
    assert result.exit_code == 1, result.output
    assert "nothing was published" in result.output
    assert not target.exists(), "nothing is written when publishing is refused"
    return result.output


def test_publish_refuses_without_base_url(project: Path, tmp_path: Path) -> None:
    config = project / "factcheck.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "base_url: https://check.example.org/", "# no base_url"
        ),
        encoding="utf-8",
    )
    output = _refused(project, tmp_path / "www")
    assert "factcheck.yaml:1:1: error: no base_url" in output
    assert "hint: add 'base_url: https://...'" in output
    # --base-url supplies it.
    publish(
        project, "--to", "folder", str(tmp_path / "www"), "--base-url", "https://check.example.org/"
    )
    assert (tmp_path / "www" / "sitemap.xml").is_file()


def test_build_warns_without_base_url(project: Path, tmp_path: Path) -> None:
    config = project / "factcheck.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "base_url: https://check.example.org/", "# no base_url"
        ),
        encoding="utf-8",
    )
    result = run_cli("build", "--project", str(project), "--output", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "factcheck.yaml:1:1: warning: no base_url" in result.output
    with_url = run_cli(
        "build",
        "--project",
        str(project),
        "--output",
        str(tmp_path / "out"),
        "--base-url",
        "https://check.example.org/",
    )
    assert "no base_url" not in with_url.output


def test_publish_refuses_while_sample_content_is_left(tmp_path: Path) -> None:
    project = tmp_path / "new"
    assert run_cli("init", str(project)).exit_code == 0
    config = project / "factcheck.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "# base_url: https://check.example.org/", "base_url: https://check.example.org/"
        ),
        encoding="utf-8",
    )
    samples = sorted(p.relative_to(project).as_posix() for p in (project / "content").rglob("*.md"))
    assert len(samples) >= 8
    output = _refused(project, tmp_path / "www")
    for rel in samples:  # every sample file is named, at its marker's line
        assert f"{rel}:2:1: error: this is sample content from `factcheck init`" in output
    # Once each file is the newsroom's own (or gone), it publishes.
    make_ready(project)
    publish(project, "--to", "folder", str(tmp_path / "www"))
    assert (tmp_path / "www" / "index.html").is_file()


def test_every_sample_file_carries_the_marker() -> None:
    with resources.as_file(resources.files("factcheck") / "scaffold") as source:
        files = sorted(Path(source, "content").rglob("*.md"))
        assert files
        for path in files:
            assert path.read_text(encoding="utf-8").splitlines()[1] == SAMPLE_MARKER, path


def test_init_bare_writes_no_sample_content(tmp_path: Path) -> None:
    project = tmp_path / "bare"
    result = run_cli("init", "--bare", str(project))
    assert result.exit_code == 0, result.output
    assert not [p for p in (project / "content").rglob("*") if p.is_file()]
    for folder in ("articles", "claims", "verdicts", "evidence", "reviewers", "pages"):
        assert (project / "content" / folder).is_dir()
    check = run_cli("check", "--project", str(project))
    assert check.exit_code == 0, check.output
    config = project / "factcheck.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "# base_url: https://check.example.org/", "base_url: https://check.example.org/"
        ),
        encoding="utf-8",
    )
    publish(project, "--to", "folder", str(tmp_path / "www"))
