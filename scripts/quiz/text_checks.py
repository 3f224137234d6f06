"""The text checks of a quiz tree: article links (and their #parts) and raw
HTML in the Markdown fields, and any text pasted twice. Each a Problem in
plain words (validate.py's).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from scripts.build.plain_text import excerpt

from .errors import Problem
from .loader import Lines, PathKey, line_of
from .model import Tree
from .text import SCHEME, WEB_SCHEMES, link_targets, render, tags_in
from .validate import sentence, suggest


# The articles a tree may link to: their paths relative to content/, each with the
# #parts (heading ids) it has, or None where those are not known.
Articles = Mapping[str, "frozenset[str] | None"]


def text_problems(tree: Tree, lines: Lines, articles: Iterable[str] | Articles | None) -> list[Problem]:
    """The Markdown fields (intro, body) may hold no raw HTML, and link only to
    web addresses or to articles that exist, at a #part they have (when `articles`
    is given: paths, or a mapping of paths to their #parts)."""
    texts: list[tuple[PathKey, str, str]] = [(("intro",), "The tree's intro", tree.intro)]
    texts += [(("outcomes", o.id, "body"), f'The body of outcome "{excerpt(o.id)}"', o.body)
              for o in tree.outcomes.values()]
    if articles is not None and not isinstance(articles, Mapping):
        articles = dict.fromkeys(articles)
    problems = []
    for path, name, text in texts:
        outcome = tree.outcomes.get(path[1]) if path[0] == "outcomes" else None
        if outcome is not None and outcome.source:   # written in quiz/checklists.yml: said there
            problems += [Problem(outcome.source, outcome.line, p.message, p.hint)
                         for p in _text_checks(tree, outcome.line, name, text, articles)]
            continue
        problems += _text_checks(tree, line_of(lines, path), name, text, articles)
    return problems


def _text_checks(tree: Tree, line: int | None, name: str, text: str, articles: Articles | None) -> list[Problem]:
    problems = []
    raw = render(text)[1]
    if raw:
        # Bodies become HTML on the site: markup must come from Markdown, never raw.
        tags = excerpt(" ".join(tags_in(raw)))
        problems.append(Problem(tree.source, line, f"{name} contains the HTML code {tags}.",
                                "Use Markdown instead, e.g. **bold** or [link text](causes/index.md). "
                                "To show a tag as text, put it in `backticks`."))
    for target in dict.fromkeys(link_targets(text)):
        problems += _link_problems(tree.source, line, name, target, articles)
    return problems


def _link_problems(file: str, line: int | None, name: str, target: str, articles: Articles | None) -> list[Problem]:
    if SCHEME.match(target):
        if target.split(":", 1)[0].lower() in WEB_SCHEMES:
            return []
        return [Problem(file, line, f'{name} links to "{excerpt(target)}".',
                        "Links must be web addresses (https://…) or articles, e.g. causes/index.md.")]
    if articles is None or target.startswith("#"):
        return []
    article, _, anchor = target.partition("#")
    if article not in articles:
        return [Problem(file, line, f'{name} links to "{excerpt(article)}", which is not an article.',
                        suggest(article, sorted(articles)) or
                        "Write the article's path from content/, e.g. causes/worn-out-shoes.md.")]
    parts = articles[article]
    if anchor and parts is not None and anchor not in parts:
        return [Problem(file, line, f'{name} links to "{excerpt(target)}", but that article has no part called '
                        f"#{excerpt(anchor)}.",
                        f"Use one of its headings ({', '.join(f'#{a}' for a in sorted(parts)) or 'none'}), "
                        "or link to the article alone.")]
    return []


# ---------------------------------------------------------------------------
# Text pasted twice
# ---------------------------------------------------------------------------

_WORD = re.compile(r"[\w'’-]+")


def repeated_words(text: str) -> str:
    """The words a text says twice in a row, as when a paste went in twice
    ("Trouble breathing Trouble breathing"), or "" when there are none. Three or
    more words repeated at once, or the whole text doubled: prose never does that."""
    words = [w.casefold() for w in _WORD.findall(text)]
    for size in range(len(words) // 2, 1, -1):
        for start in range(len(words) - 2 * size + 1):
            if words[start:start + size] == words[start + size:start + 2 * size] and (
                    size >= 3 or 2 * size == len(words)):
                return " ".join(_WORD.findall(text)[start:start + size])
    return ""


def text_repeats(texts: Iterable[tuple[int | None, str, str]], source: str) -> list[Problem]:
    """A problem for each (line, name, text) whose text repeats itself."""
    problems = []
    for line, name, text in texts:
        said = repeated_words(text) if text else ""
        if said:
            problems.append(Problem(source, line, f'{sentence(name)} says "{excerpt(said)}" twice in a row.',
                                    "It was probably pasted twice: delete the second copy."))
    return problems


def tree_texts(tree: Tree) -> Iterator[tuple[int | None, str, str]]:
    """Every text of a tree's own (not of quiz/checklists.yml) a runner reads, with its line and name."""
    yield None, "the tree's title", tree.title
    yield None, "the tree's intro", tree.intro
    for q in tree.questions.values():
        if q.source:
            continue
        yield q.line, f'the text of question "{q.id}"', q.text
        yield q.line, f'the help of question "{q.id}"', q.help
        for sign in q.signs:
            yield sign.line, f'a sign of question "{q.id}"', sign.text
            yield sign.line, f'the help of a sign of question "{q.id}"', sign.help
        if not q.is_checklist:
            for answer in q.answers:
                yield answer.line, f'an answer of question "{q.id}"', answer.label
    for o in tree.outcomes.values():
        if not o.source:
            yield o.line, f'the title of outcome "{o.id}"', o.title
            yield o.line, f'the body of outcome "{o.id}"', o.body
