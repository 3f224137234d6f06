"""MkDocs hook: Material's icons as files, so every page runs under a strict
Content-Security-Policy.

Material's stylesheet draws its icons (navigation arrows, admonition signs,
search) from `data:` URLs, which `default-src 'self'` blocks. This hook writes
each of those icons to `assets/icons/`, and points Material's icon variables
at the files with rules put at the top of the site's own stylesheet (site.css,
in `extra_css`), so pages make no extra request for them. The stylesheet's
comments stay in overrides/ and are left out of the built file (0.6 KiB of
every first page, gzipped). Nothing is copied
into the repository: the icons are read from the installed theme at build time.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # repo root, for `scripts.*`
from scripts.build.theme_files import replace  # noqa: E402

STYLESHEET = "assets/stylesheets/site.css"   # ours (overrides/), which the rules are put in front of
# Material 9.5-9.7 quote these URLs with ', 9.8 with ": accept either.
_COMMENT = re.compile(r"/\*.*?\*/\s*", re.S)
_ICON = re.compile(r"""(--md-[a-z0-9-]+):url\((["'])data:image/svg\+xml;charset=utf-8,(<svg.*?</svg>)\2\)""")


def icons(css: str) -> dict[str, str]:
    """Material's icon variables and their SVG, from its main stylesheet."""
    return {variable: svg for variable, _, svg in _ICON.findall(css)}


def on_files(files, *, config):
    found = icons(_material_css(config))
    if not found:   # Material changed how it writes its icons: without them every arrow and sign is blank
        raise PluginError("No icons were found in Material's main stylesheet, so the site would show none "
                          "under its Content-Security-Policy. Material has changed how it writes them: update "
                          "the pattern in scripts/build/hooks/csp_icons.py (README: Upgrading Material).")
    rules = []
    for variable, svg in found.items():
        name = variable.removeprefix("--md-")
        files.append(File.generated(config, f"assets/icons/{name}.svg", content=svg))
        rules.append(f'{variable}:url("../icons/{name}.svg")')
    replace(files, config, STYLESHEET, lambda css: ":root{" + ";".join(rules) + "}\n" + lean(css),
            "the icons' rules go into it")
    return files


def lean(css: str) -> str:
    """A stylesheet without its comments and blank lines (its rules as written)."""
    return "\n".join(line for line in _COMMENT.sub("", css).splitlines() if line.strip()) + "\n"


def _material_css(config) -> str:
    for folder in config.theme.dirs:
        for css in sorted(Path(folder).glob("assets/stylesheets/main.*.min.css")):
            return css.read_text(encoding="utf-8")
    raise PluginError("Material's main stylesheet was not found; is mkdocs-material installed?")
