"""Markdown in a tree (the intro and outcome bodies): render it, find raw HTML
and links in it, and make the result safe to put in a page.

Tree Markdown gets a small fixed set of extensions, not the site's: no
attr_list or md_in_html, so a tree cannot set ids or classes (an id can break
Material's scripts; a class can dress advice up as a "Go" badge), and no heading
permalinks (outcome panels share one page). Pure functions; pages.py and the
hook call them.
"""
from __future__ import annotations

import re
import threading
from html.parser import HTMLParser
from typing import Callable

import markdown
import nh3

EXTENSIONS = ["admonition", "tables", "sane_lists", "pymdownx.details"]

# What those extensions produce; everything else is dropped.
_TAGS = {"p", "a", "strong", "em", "ul", "ol", "li", "br", "hr", "code", "blockquote", "h2", "h3", "h4",
         "div", "details", "summary", "table", "thead", "tbody", "tr", "th", "td"}
_ATTRIBUTES = {"a": {"href", "title"}, "div": {"class"}, "p": {"class"}, "details": {"class"},
               "th": {"align"}, "td": {"align"}}
# Class names admonitions and details may carry (Material's admonition types).
_CLASSES = {"admonition", "admonition-title", "note", "abstract", "info", "tip", "success", "question",
            "warning", "failure", "danger", "bug", "example", "quote"}

# Where each link points: inline links and reference definitions (`[name]: causes/x.md`).
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]]+\]:[ \t]*<?([^\s>]+)", re.M)
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
WEB_SCHEMES = ("http", "https", "mailto", "tel")


_local = threading.local()


def _markdown() -> markdown.Markdown:
    """A Markdown converter, reset: one per thread, as a converter holds the
    state of what it converts. Built once: building one took twice as long as
    converting a tree's text, and two fifths of checking a tree."""
    if not hasattr(_local, "md"):
        _local.md = markdown.Markdown(extensions=EXTENSIONS)
    return _local.md.reset()


def render(text: str) -> tuple[str, list[str]]:
    """The HTML of a tree's Markdown, and the raw HTML typed into it (tags and
    comments, in order). Markdown keeps raw HTML aside in its "stash": that is
    exactly what was typed as HTML, whatever its form, while `<b>` inside
    backticks is code, which Markdown escapes and never stashes."""
    md = _markdown()
    html = md.convert(text)
    raw = [str(chunk).strip() for chunk in md.htmlStash.rawHtmlBlocks]
    return html, [chunk for chunk in raw if chunk.startswith("<")]


def tags_in(raw_html: list[str]) -> list[str]:
    """`<b>hi</b>` -> ["<b>", "</b>"]: the tags of raw HTML, to name them in an error."""
    found: list[str] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append(f"<{tag}>")

        def handle_endtag(self, tag):
            found.append(f"</{tag}>")

        def handle_comment(self, data):
            found.append("<!-- -->")

    for chunk in raw_html:
        parser = Collect()
        parser.feed(chunk)
        parser.close()
    return list(dict.fromkeys(found)) or [chunk[:40] for chunk in raw_html]


def link_targets(text: str) -> list[str]:
    """Where each link points: inline links and reference definitions."""
    return _LINK.findall(text) + _REFERENCE.findall(text)


def article_links(text: str) -> tuple[str, ...]:
    """Article paths a Markdown text links to, e.g. "causes/worn-out-shoes.md"
    (anchors stripped; web, mail and phone links and same-page anchors left out)."""
    found: dict[str, None] = {}
    for target in link_targets(text):
        if not SCHEME.match(target) and not target.startswith("#"):
            found[target.split("#", 1)[0]] = None
    return tuple(found)


def without_links(text: str) -> str:
    """The text a reader reads: link targets and autolinks removed (so a number
    inside a web address is not taken for one the text tells them to call)."""
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = _REFERENCE.sub("", text)
    text = re.sub(r"<[A-Za-z][A-Za-z0-9+.-]*:[^>\s]*>", "", text)
    return re.sub(r"\b[A-Za-z][A-Za-z0-9+.-]*://\S+", "", text)   # a web address written out


def safe_html(html: str, url_of: Callable[[str], str | None], dead_links: list[str] | None = None,
              new_tab: bool = False) -> str:
    """Rendered tree Markdown made safe to put in a page.

    Keeps only the markup our Markdown makes (so raw HTML typed into YAML can do
    nothing, however it is spelled), only web, mail and phone links, and only
    admonition classes. Article links (written relative to content/, e.g.
    "causes/x.md#part") become what `url_of(path)` returns for them; one that
    leads nowhere is kept as written and added to `dead_links`. `new_tab`: every
    link opens a new tab (the embed, whose frame is sandboxed).
    """
    def filter_attribute(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "class":
            kept = [name for name in value.split() if name in _CLASSES]
            return " ".join(kept) or None
        if tag != "a" or attribute != "href" or SCHEME.match(value) or value.startswith("#"):
            return value  # web/mail/phone links (schemes allow-listed below) and same-page anchors
        path, _, anchor = value.partition("#")
        url = url_of(path)
        if url is None:
            if dead_links is not None:
                dead_links.append(value)
            return value
        return url + (f"#{anchor}" if anchor else "")

    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, attribute_filter=filter_attribute,
                     url_schemes=set(WEB_SCHEMES), link_rel="noopener" if new_tab else None,
                     set_tag_attribute_values={"a": {"target": "_blank"}} if new_tab else None)
