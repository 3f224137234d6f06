"""MkDocs hook: refuse articles whose front matter is missing or wrong.

MkDocs itself ignores front matter it cannot read, so a typo would silently
drop a page's review date, and some mistakes (a 30 February) crash it with a
traceback. So every page from content/ is checked when the file list is
known, before MkDocs reads any page, and the build fails with all problems
at once (file, line, field, what to write).
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # repo root, for `scripts.*`
from scripts.build.front_matter import check  # noqa: E402
from scripts.build.project import display_path  # noqa: E402
from scripts.quiz.errors import Problem  # noqa: E402
from scripts.build import reviews  # noqa: E402

log = get_plugin_logger("reviews")


# Hooks --------------------------------------------------------------------

def on_files(files, *, config):
    problems: list[Problem] = []
    for file in files.documentation_pages():
        if file.generated_by or not file.abs_src_path:
            continue  # pages made by the build have no front matter to check
        path = Path(file.abs_src_path)
        shown = display_path(path, config)
        try:
            source = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            problems.append(Problem(shown, None, "is not saved as UTF-8 text.", "Save it again as UTF-8."))
            continue
        problems += check(source, shown)
    if problems:
        lines = "\n".join(f"  {p}" for p in problems)
        raise PluginError(f"Front matter problems in {len({p.file for p in problems})} page(s):\n{lines}")
    # Overdue reviews are news, not errors (INFO: they never fail --strict).
    root = Path(config.config_file_path).resolve().parent
    late = [r.file for r in reviews.collect(root) if r.status == "overdue"]
    if late:
        log.info(f"{len(late)} page(s) or quiz(zes) overdue for review ({', '.join(late[:3])}"
                 f"{', ...' if len(late) > 3 else ''}): `make reviews` lists them.")
    return files


def on_page_markdown(markdown: str, *, page, config, files) -> str:
    # Material writes the description into an HTML attribute as it is: escape
    # it here, once, so a quote mark in it cannot end the attribute.
    if not page.file.generated_by and isinstance(page.meta.get("description"), str):
        page.meta["description"] = html.escape(page.meta["description"], quote=True)
    return markdown
