"""The articles a tree may link to, and the #parts each one has.

So that `make check` and the build agree on every link, both ask this module:
it renders each article's Markdown with the site's own Markdown settings and
collects the ids its HTML carries (heading anchors, as MkDocs does for its
own anchor check).
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?^---[ \t]*$", re.S | re.M)


def article_index(content_dir: str | Path, extensions: list | None = None,
                  configs: dict | None = None) -> dict[str, frozenset[str]]:
    """{"causes/index.md": frozenset({"what-to-do", ...}), ...} for every article.
    `extensions` and `configs`: the site's markdown_extensions and their settings."""
    root = Path(content_dir)
    md = markdown.Markdown(extensions=extensions or ["toc"], extension_configs=configs or {})
    index = {}
    for path in sorted(root.rglob("*.md")):
        try:
            source = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):   # the front-matter check reports it
            source = ""
        index[path.relative_to(root).as_posix()] = ids_in(md.reset().convert(_FRONT_MATTER.sub("", source, 1)))
    return index


def ids_in(html: str) -> frozenset[str]:
    found: set[str] = set()

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.update(value for name, value in attrs if name == "id" and value)

    Collect().feed(html)
    return frozenset(found)
