"""Files named the way an editor knows them: relative to the project folder
(the one holding mkdocs.yml), e.g. `content/faq.md`."""
from __future__ import annotations

from pathlib import Path


def display_path(path: str | Path, config) -> str:
    root = Path(config.config_file_path).resolve().parent
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)
