"""MkDocs hook: no article silently loses its address to another page.

MkDocs keeps one file per source path and writes one file per output path,
without a word when two collide: an article at content/staff.md is replaced by
the staff page the build makes, and content/quiz/<tree>/<node>/index.md is
published at the address of a quiz page. So once every hook has added its
pages (this hook is listed last in mkdocs.yml), output addresses are compared,
not source paths, and any clash fails the build with a plain message.
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import get_files

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # repo root, for `scripts.*`
from scripts.build.project import display_path  # noqa: E402

# Hooks --------------------------------------------------------------------

def on_files(files, *, config):
    problems = []
    # Articles that a page made by the build replaced (same source path).
    for article in get_files(config):   # content/ as it is on disk
        final = files.get_file_from_path(article.src_uri)
        if final is not None and final.generated_by and not article.inclusion.is_excluded():
            problems.append(f"{_name(article, config)} would be published at {_address(final)}, where the build "
                            f"puts a page of its own (made by {final.generated_by}). Rename the file or move it "
                            "to another folder.")
    # Files written to the same place (different source paths).
    by_output: dict[str, list] = defaultdict(list)
    for file in files:
        if not file.inclusion.is_excluded():
            by_output[file.dest_uri].append(file)
    for same in by_output.values():
        if len(same) > 1:
            names = " and ".join(_name(f, config) for f in same)
            every = "both" if len(same) == 2 else "all"
            problems.append(f"{names} would {every} be published at {_address(same[0])}, and only one would be "
                            f"kept. Rename or move the article.")
    if problems:
        raise PluginError("Two pages want the same address:\n" + "\n".join(f"  {p}" for p in problems))
    return files


# Helpers ------------------------------------------------------------------

def _name(file, config) -> str:
    if file.generated_by:
        return f"a page the build makes itself ({file.generated_by})"
    return display_path(file.abs_src_path, config) if file.abs_src_path else file.src_uri


def _address(file) -> str:
    return "/" + (file.url if file.is_documentation_page() else file.dest_uri)
