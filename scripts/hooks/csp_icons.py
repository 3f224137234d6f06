"""MkDocs hook: Material's icons as files, so every page runs under a strict
Content-Security-Policy.

Material's stylesheet draws its icons (navigation arrows, admonition signs,
search) from `data:` URLs, which `default-src 'self'` blocks. This hook writes
each of those icons to `assets/icons/` and a small stylesheet,
`assets/stylesheets/icons.css` (listed in `extra_css`), that points Material's
icon variables at the files. Nothing is copied into the repository: the icons
are read from the installed theme at build time.
"""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

STYLESHEET = "assets/stylesheets/icons.css"
_ICON = re.compile(r'(--md-[a-z0-9-]+):url\("data:image/svg\+xml;charset=utf-8,(<svg.*?</svg>)"\)')


def on_files(files, *, config):
    rules = []
    for variable, svg in dict(_ICON.findall(_material_css(config))).items():
        name = variable.removeprefix("--md-")
        files.append(File.generated(config, f"assets/icons/{name}.svg", content=svg))
        rules.append(f'{variable}:url("../icons/{name}.svg")')
    files.append(File.generated(config, STYLESHEET, content=":root{" + ";".join(rules) + "}\n"))
    return files


def _material_css(config) -> str:
    for folder in config.theme.dirs:
        for css in sorted(Path(folder).glob("assets/stylesheets/main.*.min.css")):
            return css.read_text(encoding="utf-8")
    raise PluginError("Material's main stylesheet was not found; is mkdocs-material installed?")
