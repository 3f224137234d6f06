"""MkDocs hook: a failed build leaves the output folder (site/) empty.

MkDocs stops wherever it meets the mistake: before it has cleaned site/ (the
old site stays), halfway through writing pages (a partial site), or after
writing everything, when --strict counts a warning (a complete-looking site).
Any of these could be taken for a good build and published. So when a build
fails, this hook empties the folder it was writing to, as MkDocs' own cleaning
does (hidden files such as .git stay). Listed first in mkdocs.yml, so its
on_config runs before any other hook can fail.
"""
from __future__ import annotations

from mkdocs.utils import clean_directory

_output: list[str] = []   # the folder this build writes to (site/, or `mkdocs serve`'s temporary one)


# Hooks --------------------------------------------------------------------

def on_config(config):
    _output[:] = [config.site_dir]
    return config


def on_build_error(*, error: Exception) -> None:
    for folder in _output:
        clean_directory(folder)
