"""The command line: exit codes, where `--project` may go, `init`, and `check`'s output forms."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import DIAGNOSTIC_LINE, check, run_cli, write_project

import factcheck.commands.check
from factcheck.cli import main

CLEAN = {"content/pages/about.md": "---\ntitle: About\n---\nWho we are.\n"}
WARNING_ONLY = {"content/pages/about.md": "---\ntitle: About\ncolour: blue\n---\n"}
BROKEN = {
    "content/pages/about.md": "---\ntitle: [About\n---\n",
    "content/evidence/x.md": "---\ntitle: X\nurl: javascript:alert(1)\n---\n",
}


# -- exit status ---------------------------------------------------------------------------------


def test_clean_project_exits_0(tmp_path: Path) -> None:
    result = check(write_project(tmp_path, CLEAN))
    assert result.exit_code == 0
    assert result.lines == [
        "0 errors, 0 warnings in 0 articles, 0 claims, 0 verdicts, "
        "0 evidence items, 0 reviewers, 1 page"
    ]


def test_errors_exit_1_and_all_are_reported(tmp_path: Path) -> None:
    result = check(write_project(tmp_path, BROKEN))
    assert result.exit_code == 1
    problems = [line for line in result.lines if DIAGNOSTIC_LINE.match(line)]
    assert [line.split(": error: ")[0] for line in problems] == [
        "content/evidence/x.md:3:6",
        "content/pages/about.md:3:1",
    ]
    assert result.lines[-1].startswith("2 errors, 0 warnings")


def test_missing_project_exits_1(tmp_path: Path) -> None:
    result = check(tmp_path)
    assert result.exit_code == 1
    assert result.lines[0] == "factcheck.yaml:1:1: error: no factcheck.yaml in the project folder"


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--no-such-option"],
        ["--no-such-option", "check"],
        ["no-such-command"],
        ["check", "--format", "xml"],
        ["status", "--format", "yaml"],
        ["check", "unexpected-argument"],
        ["init"],
    ],
)
def test_wrong_usage_exits_2(tmp_path: Path, args: list[str]) -> None:
    write_project(tmp_path, CLEAN)
    result = run_cli(*args, cwd=tmp_path)
    result.assert_no_crash()
    assert result.exit_code == 2, result.output
    assert "Usage:" in result.output


def test_version_and_help_exit_0() -> None:
    for args in (["--version"], ["--help"], ["check", "--help"], ["status", "-h"]):
        result = run_cli(*args)
        result.assert_no_crash()
        assert result.exit_code == 0, (args, result.output)


def test_a_bug_is_an_internal_error_message_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("something broke")

    monkeypatch.setattr(factcheck.commands.check, "run_check", broken)
    monkeypatch.delenv("FACTCHECK_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--project", str(write_project(tmp_path, CLEAN))])
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "factcheck: internal error: RuntimeError: something broke" in err
    assert "Traceback" not in err


def test_python_dash_m_runs_the_cli(tmp_path: Path) -> None:
    root = write_project(tmp_path, BROKEN)
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", "check", "--project", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "content/pages/about.md:3:1: error:" in done.stdout
    assert "Traceback" not in done.stderr


# -- --project -----------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["before", "after", "short-before", "short-after"])
def test_project_before_or_after_the_command(tmp_path: Path, where: str) -> None:
    root = write_project(tmp_path / "proj", BROKEN)
    flag = "-p" if where.startswith("short") else "--project"
    args = [flag, str(root), "check"] if where.endswith("before") else ["check", flag, str(root)]
    result = run_cli(*args, cwd=tmp_path)  # the current folder is not a project
    result.assert_no_crash()
    assert result.exit_code == 1
    assert result.lines[-1].startswith("2 errors")


def test_project_defaults_to_the_current_folder(tmp_path: Path) -> None:
    write_project(tmp_path, CLEAN)
    result = run_cli("check", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert run_cli("status", "--format", "json", cwd=tmp_path).json() == []


def test_project_after_the_command_wins(tmp_path: Path) -> None:
    clean = write_project(tmp_path / "clean", CLEAN)
    broken = write_project(tmp_path / "broken", BROKEN)
    result = run_cli("--project", str(clean), "check", "--project", str(broken))
    assert result.exit_code == 1


def test_status_with_project_before_and_after(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"content/claims/fares.md": "---\nsummary: Fares rose.\n---\n"})
    for args in (["--project", str(root), "status"], ["status", "--project", str(root)]):
        result = run_cli(*args, "--format", "json")
        result.assert_no_crash()
        assert result.exit_code == 0
        assert [row["claim"] for row in result.json()] == ["fares"]


def test_status_of_a_project_without_configuration_exits_1(tmp_path: Path) -> None:
    result = run_cli("status", "--project", str(tmp_path))
    result.assert_no_crash()
    assert result.exit_code == 1
    assert "no factcheck.yaml" in result.output


# -- init ----------------------------------------------------------------------------------------


def test_init_creates_a_project_that_passes_check(tmp_path: Path) -> None:
    target = tmp_path / "new-site"
    result = run_cli("init", str(target))
    result.assert_no_crash()
    assert result.exit_code == 0, result.output
    assert (target / "factcheck.yaml").is_file()
    for kind in ("articles", "claims", "verdicts", "evidence", "reviewers", "pages"):
        assert any((target / "content" / kind).rglob("*.md")), kind
    assert check(target, "--strict").exit_code == 0
    status = run_cli("status", "--project", str(target), "--format", "json")
    assert status.exit_code == 0
    assert status.json(), "the new project has example claims"


def test_init_into_an_existing_empty_folder(tmp_path: Path) -> None:
    result = run_cli("init", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert check(tmp_path).exit_code == 0


def test_init_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_cli("init", str(tmp_path))
    result.assert_no_crash()
    assert result.exit_code == 2
    assert "is not empty" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_init_refuses_a_file(tmp_path: Path) -> None:
    target = tmp_path / "a-file"
    target.write_text("mine", encoding="utf-8")
    result = run_cli("init", str(target))
    result.assert_no_crash()
    assert result.exit_code == 2
    assert target.read_text(encoding="utf-8") == "mine"


# -- check --format json and --strict ----------------------------------------------------------


def test_check_json_shape(tmp_path: Path) -> None:
    root = write_project(
        tmp_path, {**BROKEN, **{"content/pages/extra.md": "---\ntitle: Extra\ncolour: blue\n---\n"}}
    )
    result = check(root, "--format", "json")
    assert result.exit_code == 1
    report = result.json()
    assert set(report) == {"ok", "errors", "warnings", "diagnostics"}
    assert (report["ok"], report["errors"], report["warnings"]) == (False, 2, 1)
    assert report["diagnostics"][0] == {
        "path": "content/evidence/x.md",
        "line": 3,
        "column": 6,
        "severity": "error",
        "message": "'url' is not an allowed URL: the scheme 'javascript:' is not allowed; "
        "use http, https or mailto",
        "hint": "write the full address, starting with https://",
    }
    for item in report["diagnostics"]:
        assert set(item) == {"path", "line", "column", "severity", "message", "hint"}
        assert item["severity"] in ("error", "warning")
        assert isinstance(item["line"], int) and isinstance(item["column"], int)
    assert [d["path"] for d in report["diagnostics"]] == sorted(
        d["path"] for d in report["diagnostics"]
    )
    # Nothing but the JSON on stdout: scripts parse it whole.
    json.loads(result.stdout)


def test_check_json_of_a_clean_project(tmp_path: Path) -> None:
    result = check(write_project(tmp_path, CLEAN), "--format", "json")
    assert result.exit_code == 0
    assert result.json() == {"ok": True, "errors": 0, "warnings": 0, "diagnostics": []}


def test_strict_makes_warnings_fail(tmp_path: Path) -> None:
    root = write_project(tmp_path, WARNING_ONLY)
    relaxed = check(root)
    assert relaxed.exit_code == 0
    assert relaxed.lines[0] == (
        "content/pages/about.md:3:1: warning: unknown field 'colour' in page front matter"
    )
    strict = check(root, "--strict")
    assert strict.exit_code == 1
    assert strict.lines == relaxed.lines  # the same report; only the verdict changes
    report = check(root, "--strict", "--format", "json").json()
    assert (report["ok"], report["errors"], report["warnings"]) == (False, 0, 1)
    assert check(root, "--format", "json").json()["ok"] is True


def test_strict_on_a_clean_project_exits_0(tmp_path: Path) -> None:
    assert check(write_project(tmp_path, CLEAN), "--strict").exit_code == 0


def test_check_writes_nothing(tmp_path: Path) -> None:
    root = write_project(tmp_path, BROKEN)
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    check(root)
    check(root, "--format", "json")
    after = sorted(p.relative_to(root) for p in root.rglob("*"))
    assert before == after


# -- one way to define a command -----------------------------------------------------------------


def _imports(path: Path) -> set[str]:
    """The modules ``path`` imports, as absolute names within factcheck."""
    import ast

    package = ["factcheck", *path.relative_to(FACTCHECK.parent).with_suffix("").parts[1:-1]]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


FACTCHECK = Path(__file__).resolve().parent.parent / "factcheck"


def test_commands_never_import_the_command_line_group() -> None:
    for path in sorted((FACTCHECK / "commands").glob("*.py")):
        assert "factcheck.cli" not in _imports(path), path


def test_the_library_never_imports_the_command_line() -> None:
    for path in sorted(FACTCHECK.rglob("*.py")):
        rel = path.relative_to(FACTCHECK).as_posix()
        if rel.startswith("commands/") or rel in ("cli.py", "__main__.py"):
            continue
        imported = _imports(path)
        assert not {m for m in imported if m.startswith(("factcheck.cli", "factcheck.commands"))}, (
            rel
        )


def test_every_command_is_defined_in_its_own_module() -> None:
    from factcheck.cli import LAZY_COMMANDS, cli

    assert not cli.commands, "no command is defined in cli.py itself"
    for name, target in LAZY_COMMANDS.items():
        module = target.split(":")[0]
        assert (FACTCHECK / "commands" / f"{module.rsplit('.', 1)[1]}.py").is_file(), name


def test_a_wrong_base_url_is_said_at_the_option(tmp_path: Path) -> None:
    root = write_project(tmp_path, {})
    result = run_cli("build", "--project", str(root), "--base-url", "ftp://x")
    assert result.exit_code == 2, result.output
    assert "factcheck: error: --base-url: 'ftp://x' is not an http or https URL" in result.output
    assert "(command line)" not in result.output
