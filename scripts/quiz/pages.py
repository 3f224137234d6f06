"""Where a compiled tree's pages live and what the browser module is given.

Pure functions over the model: page paths and URLs, the reader-facing words
for each verdict, link rewriting for outcome bodies, and the inert JSON the
quiz module reads. The MkDocs hook turns these into pages with Jinja.
"""
from __future__ import annotations

import posixpath
import re
from typing import Callable

import nh3

from .model import Path, Step, Tree

# What each verdict means to a reader: a short word for the badge (shown with
# an icon and colour, never colour alone) and a one-line meaning.
VERDICT_TEXT = {
    "go": ("Go", "You can run as planned."),
    "easy": ("Easy run", "Run, but easier or shorter than planned."),
    "cross-train": ("Cross-train", "Skip running today; do something low-impact."),
    "rest": ("Rest", "Rest from running today."),
    "see-a-physio": ("See a physio", "Stop running and get this checked."),
    "urgent": ("Get help now", "Get medical help now."),
}
# Outcomes after which the reader is offered the clinic's booking call to action.
# After "urgent" it is a follow-up for after emergency care, below the call button.
BOOKING_VERDICTS = {"see-a-physio", "urgent"}

# What the site's Markdown (with admonitions, details, tables and heading
# permalinks) produces; everything else is dropped from tree text.
_TAGS = {"p", "a", "strong", "em", "b", "i", "ul", "ol", "li", "br", "hr", "code", "blockquote",
         "h2", "h3", "h4", "div", "span", "details", "summary", "table", "thead", "tbody", "tr", "th", "td"}
_ATTRIBUTES = {"a": {"href", "title", "class"}, "div": {"class"}, "p": {"class"}, "span": {"class"},
               "details": {"class"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "th": {"align"}, "td": {"align"}}


def page_uri(tree_id: str, node_id: str | None = None) -> str:
    """Source path of a generated page, as if it were in content/."""
    return f"quiz/{tree_id}.md" if node_id is None else f"quiz/{tree_id}/{node_id}.md"


def page_url(tree_id: str, node_id: str | None = None) -> str:
    """The page's URL relative to the site root (MkDocs directory URLs)."""
    return f"quiz/{tree_id}/" if node_id is None else f"quiz/{tree_id}/{node_id}/"


def result_uri(tree_id: str, path: Path) -> str:
    """Source path of the page for one start-to-outcome path: its outcome, with the
    answers given listed (the page a reader without JavaScript lands on)."""
    return f"quiz/{tree_id}/{path.outcome}/{answer_code(path.steps)}.md"


def result_url(tree_id: str, path: Path) -> str:
    return f"quiz/{tree_id}/{path.outcome}/{answer_code(path.steps)}/"


def answer_code(steps: tuple[Step, ...]) -> str:
    """The answers as the index of each one chosen, e.g. "0-1-0" (the module's ?answers=0.1.0)."""
    return "-".join(str(step.answer) for step in steps)


def routes(tree: Tree) -> dict[str, tuple[Step, ...] | None]:
    """For each question, the answers that lead to it, or None when more than one
    route does. Static pages can only say which answers were given at a question
    every reader reaches the same way; there they link to a result page per path."""
    found: dict[str, tuple[Step, ...] | None] = {}
    for path in tree.paths:
        for index, step in enumerate(path.steps):
            before = path.steps[:index]
            found[step.question] = before if found.get(step.question, before) == before else None
    return found


def result_paths(tree: Tree) -> list[Path]:
    """The paths whose last question has a single route: each gets a result page."""
    known = routes(tree)
    return [path for path in tree.paths if path.steps and known[path.steps[-1].question] is not None]


def static_next_url(tree: Tree, question_id: str, index: int,
                    known_routes: dict[str, tuple[Step, ...] | None]) -> str:
    """Where answer `index` of a static question page leads (a site-root URL): the
    next question, the result page of this path when there is one, else the outcome.
    `known_routes`: routes(tree), worked out once per tree."""
    target = tree.questions[question_id].answers[index].next
    before = known_routes.get(question_id)
    if target in tree.outcomes and before is not None:
        return result_url(tree.id, Path((*before, Step(question_id, index)), target))
    return page_url(tree.id, target)


def relative_url(target: str, from_url: str) -> str:
    """`target` (a site-root URL such as "causes/x/") as a link from the page at `from_url`.

    Both are MkDocs directory URLs, so a page's folder is its URL.
    """
    rel = posixpath.relpath(target.rstrip("/") or ".", from_url.rstrip("/") or ".")
    return rel if not (target.endswith("/") or target == "") else rel.rstrip("/") + "/"


def safe_html(html: str, from_url: str, url_of: Callable[[str], str | None],
              dead_links: list[str] | None = None) -> str:
    """Markdown rendered from a tree, made safe to put in a page.

    Keeps only the markup our Markdown makes (so raw HTML typed into YAML can
    do nothing, however it is spelled), keeps only web, mail and phone links,
    and points article links (written relative to content/, e.g.
    "causes/x.md#part") at the article's URL from this page. An article link
    that leads nowhere is kept as written and added to `dead_links`.
    """
    def filter_attribute(tag: str, attribute: str, value: str) -> str | None:
        if tag != "a" or attribute != "href" or re.match(r"^[a-z][a-z0-9+.-]*:|^#", value):
            return value  # web/mail/phone links (schemes allow-listed below) and same-page anchors
        path, _, anchor = value.partition("#")
        url = url_of(path)
        if url is None:
            if dead_links is not None:
                dead_links.append(value)
            return value
        return relative_url(url, from_url) + (f"#{anchor}" if anchor else "")

    return nh3.clean(html, tags=_TAGS, attributes=_ATTRIBUTES, attribute_filter=filter_attribute,
                     url_schemes={"http", "https", "mailto", "tel"}, link_rel=None)


def questions_left(tree: Tree) -> dict[str, int]:
    """For each node, the most questions a reader may still answer from it (itself included)."""
    memo: dict[str, int] = {oid: 0 for oid in tree.outcomes}

    def depth(node: str) -> int:
        if node not in memo:
            memo[node] = 1 + max(depth(a.next) for a in tree.questions[node].answers)
        return memo[node]

    for qid in tree.questions:
        depth(qid)
    return memo


def client_data(tree: Tree) -> dict:
    """The inert JSON the browser module reads: structure and plain text only.

    Outcome bodies are not here: they are rendered into the page as HTML at
    build time, so the module never turns text into markup.
    """
    left = questions_left(tree)
    return {
        "version": 1,
        "id": tree.id,
        "title": tree.title,
        "start": tree.start,
        "questions": {
            q.id: {
                "text": q.text,
                "help": q.help,
                "left": left[q.id],
                "answers": [{"label": a.label, "next": a.next} for a in q.answers],
            }
            for q in tree.questions.values()
        },
        "outcomes": {o.id: {"title": o.title, "verdict": o.verdict} for o in tree.outcomes.values()},
    }
