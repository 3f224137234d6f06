"""No command of the project builds with --strict and -q together: MkDocs 1.6
counts strict-mode warnings through its log, which -q silences, so such a
build exits 0 on a broken site (and a benchmark would time it as if it built)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUIET = re.compile(r"(?<![\w-])(-q|--quiet)(?![\w-])|[\"']-q[\"']")


def quiet_strict_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if "--strict" in line and QUIET.search(line)]


def tracked_files() -> list[Path]:
    names = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [ROOT / n for n in names.splitlines()
            if n.endswith((".py", ".yml", ".yaml", ".md", ".sh", ".toml", ".ini", ".cfg")) or n.endswith("Makefile")
            or n.startswith(".ci/")]


def test_the_check_finds_every_spelling_of_quiet_beside_strict():
    for line in ("$(PY) -m mkdocs build --strict --quiet --site-dir x", "mkdocs build -q --strict",
                 '["mkdocs", "build", "--strict", "-q", "-d", out]', "mkdocs build --strict -q"):
        assert quiet_strict_lines(line), line
    for line in ("mkdocs build --strict -d site", '["--strict"] if strict else []', "pip install --quiet x"):
        assert not quiet_strict_lines(line), line


def test_no_command_builds_strict_and_quiet():
    found = {f"{path.relative_to(ROOT)}: {line}" for path in tracked_files() if path.is_file()
             and path.name != Path(__file__).name
             for line in quiet_strict_lines(path.read_text(encoding="utf-8", errors="replace"))}
    assert not found, "Drop -q/--quiet where --strict is used (it silences the warnings --strict counts):\n" \
        + "\n".join(sorted(found))
