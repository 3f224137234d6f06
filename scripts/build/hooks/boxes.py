"""MkDocs hook: the urgent-advice boxes of the articles, made from the
warning-sign checklists (quiz/checklists.yml).

An article includes a box with a line of its own, `--8<-- "urgent-999.md"`;
the box lists the checklist's signs in the quiz's own words, so the articles,
both quizzes and the staff page can never disagree. A line naming no box fails
the build with the article's file and line.
"""
from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # repo root, for `scripts.*`
from scripts.build.project import display_path  # noqa: E402
from scripts.quiz import checklists as shared  # noqa: E402

_checklists: dict = {}


# Hooks --------------------------------------------------------------------

def on_config(config):
    """Read the checklists once (their mistakes are the quiz hook's to report)."""
    root = Path(config.config_file_path).resolve().parent
    _checklists.clear()
    _checklists.update(shared.read(shared.path_for(root / "quiz"), f"quiz/{shared.FILE_NAME}")[0])
    return config


def on_page_markdown(markdown, *, page, config, files):
    if not page.file.abs_src_path or page.file.generated_by:
        return markdown
    path = Path(page.file.abs_src_path)
    text, problems = shared.expand_boxes(markdown, _checklists, display_path(path, config))
    if problems:   # said again on the whole file, so each line counts the front matter too
        problems = shared.expand_boxes(path.read_text(encoding="utf-8-sig"), _checklists,
                                       display_path(path, config))[1]
        raise PluginError("\n".join(map(str, problems)))
    return text
