"""Reading grade of an article: Markdown stripped, then Flesch-Kincaid.

Articles read at grade 5 to 8: plain English for adults. Above 8, sentences
and words are too long; below 5, text is chopped into very short sentences
and headings, which reads as choppy and childish. Both limits fail the test.

Used by the readability test and by `python -m scripts.staff.readability` so staff
can check a page before they open a pull request.
"""
from __future__ import annotations

import argparse
import re
import sys
import textwrap
from functools import cache
from pathlib import Path

import markdown
import textstat
from bs4 import BeautifulSoup

from scripts.quiz import checklists

MIN_GRADE = 5.0
MAX_GRADE = 8.0
# Plain English for adults: sentences of about 12 to 18 words, few words of 4
# syllables or more. On a page that reads too hard, its hardest sentences are
# named (at most HARDEST, each of SHORTEST words or more: "Recovery." alone
# scores 20, which says nothing).
LONG_SENTENCE = 18
LONG_WORD = 4
SHORTEST, HARDEST = 8, 10
_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.S)
# Markdown extensions whose markup must not count as words.
_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "pymdownx.details"]
# The urgent-advice boxes are read where a page includes them, as the site build does.
_CHECKLISTS = Path(__file__).resolve().parents[2] / "quiz" / checklists.FILE_NAME


def plain_text(source: str) -> str:
    """The words a reader sees: no front matter, no markup, no code."""
    body = _FRONT_MATTER.sub("", source, count=1)
    body = checklists.expand_boxes(body, _shared(), "")[0]
    html = markdown.markdown(body, extensions=_EXTENSIONS)
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["code", "pre"]):
        tag.decompose()
    # Headings and list items are sentences of their own to a reader.
    for tag in soup(["h1", "h2", "h3", "h4", "li", "p", "td", "th", "summary"]):
        text = tag.get_text(" ", strip=True)
        if text and not text.endswith((".", "?", "!", ":")):
            tag.append(".")
    return re.sub(r"\s+", " ", soup.get_text(" ")).strip()


@cache
def _shared() -> dict:
    return checklists.read(_CHECKLISTS, f"quiz/{checklists.FILE_NAME}")[0]


def grade(source: str) -> float:
    return float(textstat.flesch_kincaid_grade(plain_text(source)))


def advice(g: float) -> str:
    """What to change, for a grade outside MIN_GRADE..MAX_GRADE; empty if it is inside."""
    if g > MAX_GRADE:
        return f"above grade {MAX_GRADE:g}: use shorter sentences and words"
    if g < MIN_GRADE:
        return f"below grade {MIN_GRADE:g}: join very short sentences and use fewer headings"
    return ""


def hard_sentences(source: str) -> list[tuple[int, float, int, list[str]]]:
    """(line, grade, words, long words) of each sentence of the page's own text
    that alone reads above MAX_GRADE: where to start on a page that is too hard.
    A sentence is placed on the line where it starts."""
    found = []
    for first, lines in _paragraphs(source):
        text = plain_text(textwrap.dedent("\n".join(lines)))
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            g = float(textstat.flesch_kincaid_grade(sentence))
            if g > MAX_GRADE and textstat.lexicon_count(sentence) >= SHORTEST:
                long_words = [w for w in dict.fromkeys(re.findall(r"[A-Za-z][A-Za-z'-]*", sentence))
                              if textstat.syllable_count(w) >= LONG_WORD]
                found.append((first + _start_line(lines, sentence), g, textstat.lexicon_count(sentence),
                              long_words))
    hardest = sorted(found, key=lambda s: -s[1])[:HARDEST]
    return sorted(hardest)


def report(path: Path, root: Path | None = None) -> str:
    """Why a page reads outside grade MIN_GRADE to MAX_GRADE and what to change,
    with file:line for its hardest sentences; empty when the grade is inside.
    What a failed readability test says."""
    source = path.read_text(encoding="utf-8")
    g = grade(source)
    problem = advice(g)
    if not problem:
        return ""
    name = _shown(path, root)
    text = plain_text(source)
    average = textstat.lexicon_count(text) / max(1, textstat.sentence_count(text))
    lines = [f"{name}: reads at grade {g:.1f}, {problem}. Aim for grade {MIN_GRADE:g} to {MAX_GRADE:g}: "
             f"sentences of about 12 to 18 words (this page averages {average:.0f})."]
    if g > MAX_GRADE:
        lines += [f"{name}:{line}: {_why(sg, words, long_words)}" for line, sg, words, long_words in hard_sentences(source)]
    lines.append(f"Check the page again with: python -m scripts.staff.readability {name}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.staff.readability",
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
        if g > MAX_GRADE:   # where to start: the hardest sentences, by line
            for line, sentence_grade, words, long_words in hard_sentences(path.read_text(encoding="utf-8")):
                print(f"       {path}:{line}: {_why(sentence_grade, words, long_words)}")
        worst = max(worst, bool(problem))
    return int(worst)


# Helpers ------------------------------------------------------------------

def _paragraphs(source: str):
    """(first line number, lines) of each paragraph of the page's body: front
    matter, fenced code and shared-text includes left out."""
    match = _FRONT_MATTER.match(source)
    offset = source[:match.end()].count("\n") if match else 0
    block: list[str] = []
    first, fenced = 0, False
    for number, line in enumerate(source[match.end() if match else 0:].splitlines(), offset + 1):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            line = ""
        if fenced or not line.strip() or line.lstrip().startswith("--8<--"):
            if block:
                yield first, block
            block = []
            continue
        if not block:
            first = number
        block.append(line)
    if block:
        yield first, block


def _start_line(lines: list[str], sentence: str) -> int:
    """How many lines into the paragraph the sentence starts (0: its first line)."""
    opening = " ".join(sentence.split()[:3])
    for i, line in enumerate(lines):
        if opening and opening in " ".join(re.sub(r"\]\([^)]*\)|[*_`\[\]]", " ", line).split()):
            return i
    return 0


def _why(g: float, words: int, long_words: list[str]) -> str:
    """What is hard about one sentence, and what to write instead."""
    fixes = [f"split it: {words} words, aim for 12 to 18"] if words > LONG_SENTENCE else []
    if long_words:
        fixes.append(f"use shorter words for {', '.join(f'“{w}”' for w in long_words)}")
    return f"this sentence reads at grade {g:.0f}: " + ("; ".join(fixes) or "use shorter words") + "."


def _shown(path: Path, root: Path | None) -> str:
    try:
        return path.resolve().relative_to((root or Path.cwd()).resolve()).as_posix()
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
