"""A reader without JavaScript, over plain HTTP: it opens a page, reads it as
the accessibility tree names it, and follows a link by its visible name, as
Playwright's get_by_role("link", name=..., exact=True).click() does in a
browser with JavaScript off, where a link is only a link.

It is stricter than the browser where it cannot see styles: a name must
belong to exactly one link it counts as shown, so a second link that only a
style sheet hides fails the walk rather than passing it. The tests that walk
with it keep a few walks in Chromium too (tests/test_quiz_browser.py)."""
from __future__ import annotations

import functools
import urllib.request
from urllib.parse import urljoin

from bs4 import BeautifulSoup, NavigableString, Tag

# Never shown, nor in the accessibility tree: (a browser without JavaScript shows <noscript>.)
UNRENDERED = {"template", "script", "style", "head", "title", "meta", "link"}


@functools.lru_cache(maxsize=32)
def _parse(body: bytes) -> BeautifulSoup:
    """Pages the walks share (a quiz's start and its questions) are parsed once;
    each is still fetched at every step. Nothing changes a parsed page."""
    return BeautifulSoup(body, "html.parser")


def _shown(tag: Tag) -> bool:
    """Not hidden by markup: no `hidden`, no aria-hidden, not in a closed <details>
    (but for its summary), nothing that is never drawn."""
    for node in (tag, *tag.parents):
        if not isinstance(node, Tag) or node.name == "[document]":
            continue
        if node.name in UNRENDERED or node.has_attr("hidden") or node.get("aria-hidden") == "true":
            return False
        if "display:none" in node.get("style", "").replace(" ", ""):
            return False
        if node.name == "details" and not node.has_attr("open") and node is not tag \
                and not any(p.name == "summary" and p.parent is node for p in (tag, *tag.parents)):
            return False
    return True


def _name_from_content(tag: Tag) -> str:
    parts = []
    for child in tag.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:   # not a comment, nor CDATA
                parts.append(str(child))
        elif child.name in UNRENDERED or child.has_attr("hidden") or child.get("aria-hidden") == "true":
            continue
        elif child.get("aria-label", "").strip():
            parts.append(f" {child['aria-label']} ")
        elif child.name == "img":
            parts.append(f" {child.get('alt', '')} ")
        else:
            parts.append(_name_from_content(child))
    return "".join(parts)


def normalise(text: str) -> str:
    return " ".join(text.split())


def accessible_name(tag: Tag) -> str:
    """The name of a link (WAI-ARIA's accessible name computation, for the markup
    a link can hold: aria-labelledby, aria-label, or its shown content)."""
    if tag.get("aria-labelledby"):
        root = tag.find_parent("[document]") or tag
        return normalise(" ".join(_name_from_content(root.find(id=i)) for i in tag["aria-labelledby"].split()
                                  if root.find(id=i)))
    if tag.get("aria-label", "").strip():
        return normalise(tag["aria-label"])
    return normalise(_name_from_content(tag))


class StaticReader:
    """A browser with JavaScript off, on one page at a time."""

    def __init__(self, url: str):
        self.open(url)

    def open(self, url: str) -> None:
        with urllib.request.urlopen(url, timeout=30) as response:   # a 404 or a 500 raises HTTPError
            assert response.status == 200, (url, response.status)
            assert response.headers.get_content_type() == "text/html", (url, response.headers["Content-Type"])
            self.url = response.geturl()   # after a redirect (a folder without its "/")
            self.doc = _parse(response.read())

    def links(self, name: str) -> list[Tag]:
        """The shown links named exactly `name`."""
        return [a for a in self.doc.find_all("a", href=True) if accessible_name(a) == name and _shown(a)]

    def follow(self, name: str) -> None:
        """Click the one link named `name`, as get_by_role("link", name=name, exact=True) would."""
        found = self.links(name)
        assert len(found) == 1, f"{self.url}: {len(found)} links named {name!r}"
        self.open(urljoin(self.url, found[0]["href"]))

    def heading(self) -> str:
        """The text of the page's one shown level-1 heading."""
        found = [h for h in self.doc.find_all("h1") if _shown(h)]
        assert len(found) == 1, f"{self.url}: {len(found)} shown level-1 headings"
        return normalise(found[0].get_text())

    def text(self, selector: str) -> str:
        """The text of the one shown element that `selector` matches."""
        found = [tag for tag in self.doc.select(selector) if _shown(tag)]
        assert len(found) == 1, f"{self.url}: {len(found)} shown {selector}"
        return normalise(found[0].get_text())

    def texts(self, selector: str) -> list[str]:
        """The text of every element that `selector` matches, in order."""
        return [normalise(tag.get_text()) for tag in self.doc.select(selector)]
