"""The articles a tree may link to, and the #parts each one has.

So that `make check` and the build agree on every link, both ask this module:
it renders an article's Markdown with the site's own Markdown settings and
collects the ids its HTML carries (heading anchors, as MkDocs does for its
own anchor check). Only the articles a tree links to are rendered, when first
asked for: the build's cost stays the trees', whatever the number of articles.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from html.parser import HTMLParser
from pathlib import Path

import markdown

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?^---[ \t]*$", re.S | re.M)


def article_index(content_dir: str | Path, extensions: list | None = None,
                  configs: dict | None = None) -> Mapping[str, frozenset[str]]:
    """{"causes/index.md": frozenset({"what-to-do", ...}), ...} for every article,
    each rendered when first looked up. `extensions` and `configs`: the site's
    markdown_extensions and their settings."""
    return _Articles(Path(content_dir), extensions or ["toc"], configs or {})


class _Articles(Mapping):
    def __init__(self, root: Path, extensions: list, configs: dict):
        self._root, self._extensions, self._configs = root, extensions, configs
        self._paths = {path.relative_to(root).as_posix(): path for path in sorted(root.rglob("*.md"))}
        self._parts: dict[str, frozenset[str]] = {}
        self._md = None

    def __getitem__(self, name: str) -> frozenset[str]:
        if name not in self._parts:
            path = self._paths[name]   # KeyError for a path that is not an article, as a dict says
            try:
                source = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):   # the front-matter check reports it
                source = ""
            if self._md is None:
                self._md = markdown.Markdown(extensions=self._extensions, extension_configs=self._configs)
            self._parts[name] = ids_in(self._md.reset().convert(_FRONT_MATTER.sub("", source, 1)))
        return self._parts[name]

    def __iter__(self):
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


def ids_in(html: str) -> frozenset[str]:
    found: set[str] = set()

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.update(value for name, value in attrs if name == "id" and value)

    Collect().feed(html)
    return frozenset(found)
