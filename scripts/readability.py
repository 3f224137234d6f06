"""Reading grade of an article: Markdown stripped, then Flesch-Kincaid.

Articles read at grade 5 to 8: plain English for adults. Above 8, sentences
and words are too long; below 5, text is chopped into very short sentences
and headings, which reads as choppy and childish. Both limits fail the test.

Used by the readability test and by `python -m scripts.readability` so staff
can check a page before they open a pull request.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import markdown
import textstat
from bs4 import BeautifulSoup

MIN_GRADE = 5.0
MAX_GRADE = 8.0
_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.S)
# Markdown extensions whose markup must not count as words.
_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "pymdownx.details", "pymdownx.snippets"]
# Shared text is read where a page includes it, as the site build does.
_CONFIGS = {"pymdownx.snippets": {"base_path": [str(Path(__file__).resolve().parents[1] / "snippets")]}}


def plain_text(source: str) -> str:
    """The words a reader sees: no front matter, no markup, no code."""
    body = _FRONT_MATTER.sub("", source, count=1)
    html = markdown.markdown(body, extensions=_EXTENSIONS, extension_configs=_CONFIGS)
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["code", "pre"]):
        tag.decompose()
    # Headings and list items are sentences of their own to a reader.
    for tag in soup(["h1", "h2", "h3", "h4", "li", "p", "td", "th", "summary"]):
        text = tag.get_text(" ", strip=True)
        if text and not text.endswith((".", "?", "!", ":")):
            tag.append(".")
    return re.sub(r"\s+", " ", soup.get_text(" ")).strip()


def grade(source: str) -> float:
    return float(textstat.flesch_kincaid_grade(plain_text(source)))


def advice(g: float) -> str:
    """What to change, for a grade outside MIN_GRADE..MAX_GRADE; empty if it is inside."""
    if g > MAX_GRADE:
        return f"above grade {MAX_GRADE:g}: use shorter sentences and words"
    if g < MIN_GRADE:
        return f"below grade {MIN_GRADE:g}: join very short sentences and use fewer headings"
    return ""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.readability",
                                     description=f"Print the reading grade of articles ({MIN_GRADE:g} to {MAX_GRADE:g}).")
    parser.add_argument("paths", nargs="*", type=Path, help="Markdown files (default: every article in content/)")
    paths = parser.parse_args(argv).paths or sorted(Path("content").rglob("*.md"))
    worst = 0
    for path in paths:
        try:
            g = grade(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:   # a mistyped path: say so, no traceback
            print(f"  ?    {path}  <- cannot read it ({error.strerror or 'not UTF-8 text'})")
            worst = 1
            continue
        problem = advice(g)
        print(f"{g:5.1f}  {path}" + (f"  <- {problem}" if problem else ""))
        worst = max(worst, bool(problem))
    return int(worst)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
