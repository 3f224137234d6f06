"""Articles cannot run code: find active HTML in an article's page.

`problems(html, source, file)` reads the HTML that Markdown made of an article
with a real HTML parser, so every way of writing a tag is seen, including raw
HTML that Markdown passes through as it is, while `<script>` typed in
backticks or a code block is text there and is fine. Each finding names the
first line of the Markdown file that has the tag or attribute, and what to do.

What browsers would read differently from this parser (odd comments, `<?`,
`<!`, a tag never closed, raw-text elements such as <textarea>) is refused
too, so nothing can hide from the check.
"""
from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import material

from scripts.build.plain_text import excerpt
from scripts.quiz.errors import Problem

REMOVE = "Remove it. To show the tag as an example, put it in backticks, like `<script>`."
LINK_INSTEAD = "Remove it, and link to that page instead: [what it is](https://...)."

# Tags an article may not hold, with what each would do.
TAGS = {
    "script": ("runs code in the reader's browser", REMOVE),
    "style": ("changes the look of the whole site",
              "Remove it; ask a developer to add the style to overrides/assets/stylesheets/site.css."),
    **dict.fromkeys(("iframe", "frame", "frameset", "object", "embed", "applet", "portal"),
                    ("shows another page or program inside the article", LINK_INSTEAD)),
    "form": ("sends what readers type to another place", LINK_INSTEAD),
    **dict.fromkeys(("meta", "link", "base"),
                    ("changes how the whole page behaves (it can send readers to another site)", REMOVE)),
    **dict.fromkeys(("svg", "math"), (
        "can hold code",
        "Save the drawing as a file next to the article and show it as an image: ![what it shows](drawing.svg).")),
    # Browsers read the inside of these as plain text, this check as HTML: they could hide a tag.
    **dict.fromkeys(("noscript", "textarea", "title", "xmp", "plaintext", "noembed", "noframes", "template"),
                    ("is not used in articles", REMOVE)),
}
# Attributes whose value is an address, and those that load it into the page.
LINKS = {"href", "action", "formaction", "cite", "longdesc", "xlink:href"}
LOADS = {"src", "srcset", "poster", "background", "ping", "data", "lowsrc", "dynsrc"}
SCHEMES = {"http", "https", "mailto", "tel"}
LINK_HINT = ("Link only to web pages (https://...), to other articles by their file (page.md), "
             "to an email address (mailto:) or a phone number (tel:).")

_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_CODE_SPAN = re.compile(r"(`+).*?\1")
_FENCE = re.compile(r"^\s*(```|~~~)")


def problems(html: str, source: str, file: str) -> list[Problem]:
    """Every piece of active HTML in one article's rendered `html`, located
    in its Markdown `source` (the whole file, front matter included)."""
    finder = _Finder()
    # The page goes on after the article: a tag left open swallows what
    # follows, as it does in the browser, so its attributes are seen.
    finder.feed(html + "\n<p></p>")
    finder.close()
    lines = _searchable_lines(source)
    return [Problem(file, _first_line(lines, needles), message, hint)
            for message, hint, needles in finder.found]


# Finding -------------------------------------------------------------------

class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)   # so a "<" left in the text is one the parser gave up on
        self.found: list[tuple[str, str, list[str]]] = []

    def add(self, message: str, hint: str, *needles: str) -> None:
        self.found.append((message, hint, [n for n in needles if n]))

    def handle_starttag(self, tag, attrs):
        tag_needle = rf"<\s*{re.escape(tag)}\b"
        if tag in TAGS:
            what, hint = TAGS[tag]
            self.add(f"has a <{tag}> tag, which {what}.", hint, tag_needle)
        for name, value in attrs:
            self._attribute(tag, name, value or "", tag_needle)

    handle_startendtag = handle_starttag

    def _attribute(self, tag: str, name: str, value: str, tag_needle: str) -> None:
        name_needle = rf"\b{re.escape(name)}\s*="
        if name.startswith("on"):
            self.add(f'has an "{name}" attribute on <{tag}>, which runs code in the reader\'s browser.',
                     "Remove the attribute.", name_needle, tag_needle)
        elif name in ("style", "srcdoc"):
            why = "changes the look of the page" if name == "style" else "puts a hidden page inside this one"
            self.add(f'has a "{name}" attribute on <{tag}>, which {why}.',
                     "Remove the attribute; for a new style, ask a developer (overrides/assets/stylesheets/site.css).",
                     name_needle, tag_needle)
        elif name in ("id", "name") and _is_materials(value):
            self.add(f'has {name}="{excerpt(value)}" on <{tag}>, a name the site\'s own menus and search use.',
                     "Choose another name.", re.escape(value), tag_needle)
        elif name in LINKS or name in LOADS:
            urls = [part.split()[0] for part in value.split(",") if part.split()] if name == "srcset" else [value]
            for url in urls:
                self._address(tag, name, url, name_needle, tag_needle)

    def _address(self, tag: str, name: str, url: str, *needles: str) -> None:
        # As browsers read an address: no tabs or line breaks, no spaces or controls at either end.
        clean = re.sub(r"^[\x00-\x20]+|[\x00-\x20]+$|[\t\n\r]", "", url).replace("\\", "/")
        scheme = _SCHEME.match(clean)
        shown = excerpt(url)
        if scheme and scheme.group(1).lower() not in SCHEMES:
            word = scheme.group(1).lower()
            self.add(f'has the address "{shown}" in <{tag} {name}>: "{word}:" addresses can run code or hide a file.',
                     LINK_HINT, rf"\b{re.escape(word)}\s*:", re.escape(url[:40]), *needles)
        elif name in LOADS and (scheme or urlsplit(clean).netloc):
            self.add(f'loads "{shown}" from another website into the page (<{tag} {name}>), '
                     "which the site's Content-Security-Policy blocks.",
                     "Save the file next to the article and use its file name, e.g. ![what it shows](photo.jpg).",
                     re.escape(url[:40]), *needles)

    def handle_comment(self, data):
        # Browsers end "<!-->", "<!--->" and "--!>" comments where this parser does not.
        if data.startswith((">", "->")) or "--!>" in data:
            self.add("has an HTML comment written in a way browsers read differently.",
                     "Write a comment as <!-- your note --> or remove it.", r"<!--")

    def handle_decl(self, decl):
        self.add(f'has a "<!{excerpt(decl, 20)}" block, which articles do not use.', REMOVE, r"<!")

    def unknown_decl(self, data):   # <![CDATA[ ... and the like
        self.add(f'has a "<![{excerpt(data, 20)}" block, which articles do not use.', REMOVE, r"<!\[")

    def handle_pi(self, data):
        self.add(f'has a "<?{excerpt(data, 20)}" block, which articles do not use.', REMOVE, r"<\?")

    def handle_data(self, data):
        if self.cdata_elem:   # inside <script> or <style>, refused already
            return
        if re.search(r"<[a-zA-Z!/?]", data):
            start = re.search(r"<[a-zA-Z!/?][^\s>]*", data).group()
            self.add(f'has an HTML tag "{excerpt(start, 20)}" that is never closed with ">".',
                     "Close the tag with > or remove it; to show it as text, put it in backticks.",
                     re.escape(start))


@functools.cache
def _material_ids() -> tuple[str, ...]:
    """The ids Material's templates give their own elements (e.g. __config,
    __search, __palette_0): an article element with one breaks them."""
    folder = Path(material.__file__).parent / "templates"
    return tuple(sorted({name for path in folder.rglob("*.html")
                         for name in re.findall(r'\b(?:id|name|for)="(__\w+)', path.read_text(encoding="utf-8"))}))


def _is_materials(value: str) -> bool:
    # "__palette_" stands for __palette_0, __palette_1...
    return any(value == name or (name.endswith("_") and value.startswith(name)) for name in _material_ids())


# Locating ------------------------------------------------------------------

def _searchable_lines(source: str) -> list[str]:
    """The file's lines as the check searches them: code spans and fenced code
    blocks blanked out, since a tag there is text on the page."""
    lines, fenced = [], False
    # Split at "\n" only, as editors count lines: str.splitlines() also breaks at
    # U+2028, U+2029 and U+0085, which would put every later finding a line too low.
    for line in source.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
            lines.append("")
            continue
        lines.append("" if fenced else _CODE_SPAN.sub("", line))
    return lines


def _first_line(lines: list[str], needles: list[str]) -> int | None:
    """The first line with the most precise needle found (1-based)."""
    for needle in needles:
        pattern = re.compile(needle, re.I)
        for number, line in enumerate(lines, 1):
            if pattern.search(line):
                return number
    return None
