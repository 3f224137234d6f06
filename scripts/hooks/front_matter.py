"""MkDocs hook: refuse articles whose front matter is missing or wrong.

MkDocs itself ignores front matter it cannot read, so a typo would silently
drop a page's review date. This hook checks every page from content/ and
fails the build with all problems at once (file, line, field, what to write).
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # repo root, for `scripts.*`
from scripts.front_matter import check  # noqa: E402

_problems: list = []


# Hooks --------------------------------------------------------------------

def on_pre_build(*, config) -> None:
    _problems.clear()  # `mkdocs serve` rebuilds in the same process


def on_page_markdown(markdown: str, *, page, config, files) -> str:
    if page.file.generated_by or not page.file.abs_src_path:
        return markdown  # pages made by the build have no front matter to check
    path = Path(page.file.abs_src_path)
    shown = _display_path(path, config)
    _problems.extend(check(path.read_text(encoding="utf-8-sig"), shown))
    return markdown


def on_env(env, *, config, files):
    if _problems:
        lines = "\n".join(f"  {p}" for p in _problems)
        raise PluginError(f"Front matter problems in {len({p.file for p in _problems})} page(s):\n{lines}")
    return env


# Helpers ------------------------------------------------------------------

def _display_path(path: Path, config) -> str:
    root = Path(config.config_file_path).resolve().parent
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)
