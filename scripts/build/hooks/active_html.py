"""MkDocs hook: articles cannot run code.

Each article's HTML is checked as Markdown made it (scripts/build/active_html.py);
the build fails once every page is read, listing every finding with file,
line and what to do, before anything is written to site/.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # repo root, for `scripts.*`
from scripts.build.active_html import problems  # noqa: E402
from scripts.build.project import display_path  # noqa: E402
from scripts.quiz.errors import Problem  # noqa: E402

_found: list[Problem] = []


# Hooks --------------------------------------------------------------------

def on_pre_build(config):
    _found.clear()


def on_page_content(html: str, *, page, config, files) -> str:
    file = page.file
    if not file.generated_by and file.abs_src_path:   # articles only: the build's own pages are checked elsewhere
        _found.extend(problems(html, file.content_string, display_path(file.abs_src_path, config)))
    return html


def on_env(env, *, config, files):
    # Every page has been read now, and nothing written yet.
    if _found:
        lines = "\n".join(f"  {p}" for p in _found)
        raise PluginError(f"Articles may not hold code or parts of other sites ({len(_found)} found):\n{lines}")
    return env
