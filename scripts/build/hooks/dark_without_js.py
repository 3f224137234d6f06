"""MkDocs hook: the dark palette for readers who prefer dark and have
JavaScript off.

Material switches to its dark scheme ("slate") with JavaScript, by setting
`data-md-color-scheme="slate"` on <body>; without JavaScript the page stays
light whatever the reader's device prefers. CSS cannot change that attribute,
so this hook writes `assets/stylesheets/dark-without-js.css`: every rule of
Material's and our stylesheets that applies to the slate scheme, copied for
the page left in the default scheme and wrapped in
`@media (prefers-color-scheme: dark)`. main.html loads it inside <noscript>,
so it never touches a reader whose script applied (or saved) a palette.

Nothing is copied into the repository: the rules are read from the installed
theme and from overrides/ at build time, so a new slate rule anywhere (ours,
the quiz's, or Material's after an upgrade) is followed without an edit here.
Reading Material's 140 kB stylesheet took a tenth of a build, so the result is
kept in the user's temporary folder, under a hash of everything it comes from
(the stylesheets, this file and tinycss2's version), as Jinja keeps templates.
"""
from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

import tinycss2
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

STYLESHEET = "assets/stylesheets/dark-without-js.css"
_SLATE = re.compile(r"""\[data-md-color-scheme=(["']?)slate\1\]""")
_NOT_SLATE = re.compile(r":not\([^)]*scheme=[\"']?slate")   # a rule for every scheme but slate
_DEFAULT = "[data-md-color-scheme=default]"


# Hooks --------------------------------------------------------------------

def on_files(files, *, config):
    sheets = [sheet.read_text(encoding="utf-8") for sheet in _stylesheets(config)]
    files.append(File.generated(config, STYLESHEET, content=_cached(dark_sheet, sheets)))
    return files


def dark_sheet(sheets: list[str]) -> str:
    """The dark sheet made from the text of each stylesheet, in the order pages load them."""
    rules = []
    for sheet in sheets:
        rules += _slate_rules(tinycss2.parse_stylesheet(sheet, skip_comments=True, skip_whitespace=True))
    if not rules:
        raise PluginError("No dark-scheme (slate) rules were found in Material's stylesheets; "
                          "is mkdocs-material installed, and does it still name its dark scheme 'slate'?")
    return "@media (prefers-color-scheme: dark) {\n" + "\n".join(rules) + "\n}\n"


# Helpers ------------------------------------------------------------------

def _cached(make, sheets: list[str]) -> str:
    """make(sheets), from the temporary folder when made before from the same inputs."""
    key = hashlib.sha256(Path(__file__).read_bytes() + tinycss2.__version__.encode())
    for sheet in sheets:
        key.update(b"\0" + sheet.encode())
    path = Path(tempfile.gettempdir()) / f"slsr-dark-without-js-{key.hexdigest()[:32]}.css"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    css = make(sheets)
    try:   # written whole, then renamed: a build running beside this one never reads half of it
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(css, encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        pass   # no temporary folder to write to: the next build makes it again
    return css


def _stylesheets(config) -> list[Path]:
    """Material's stylesheets first, then ours, as pages load them (a later rule
    wins a tie, so the order is kept); a file in overrides/ replaces Material's."""
    found: dict[str, Path] = {}
    for folder in reversed(config.theme.dirs):   # Material first, overrides/ last
        for css in sorted(Path(folder).glob("assets/stylesheets/*.css")):
            found.pop(css.name, None)
            found[css.name] = css
    return list(found.values())


def _slate_rules(nodes) -> list[str]:
    """Each slate rule rewritten for the default scheme; @media blocks kept around them."""
    out = []
    for node in nodes:
        if node.type == "qualified-rule":
            selectors = [_SLATE.sub(_DEFAULT, s) for s in _selectors(tinycss2.serialize(node.prelude))
                         if _SLATE.search(s) and not _NOT_SLATE.search(s)]
            if selectors:
                out.append(f"{', '.join(selectors)} {{{tinycss2.serialize(node.content)}}}")
        elif node.type == "at-rule" and node.lower_at_keyword == "media" and node.content:
            inner = _slate_rules(tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True))
            if inner:
                out.append(f"@media {tinycss2.serialize(node.prelude).strip()} {{{' '.join(inner)}}}")
    return out


def _selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside :is(...))."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(prelude):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(prelude[start:i].strip())
            start = i + 1
    parts.append(prelude[start:].strip())
    return [p for p in parts if p]
