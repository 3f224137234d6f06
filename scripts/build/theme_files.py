"""A file of the theme (overrides/) served changed: the quiz's minified script
and stylesheet, the scripts in place of Material's inline ones, site.css with
the icons' rules. The change is made in memory; overrides/ keeps the source."""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File


def replace(files, config, path: str, transform, needed_for: str) -> str:
    """Serve `path` (a theme file of overrides/) as transform(its text); returns
    what is served. `needed_for` ends the error when the file is missing."""
    file = files.get_file_from_path(path)
    if file is None:
        raise PluginError(f"overrides/{path} is missing: {needed_for}.")
    files.remove(file)
    content = transform(Path(file.abs_src_path).read_text(encoding="utf-8"))
    files.append(File.generated(config, path, content=content))
    return content
