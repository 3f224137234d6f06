"""Which pages a compiled tree becomes, where they live, and what the browser
module is given.

Pure functions over the model. `plan(tree)` lists every page (its kind, source
path, URL, node and route); each kind has one template (PAGE_KINDS), chosen
through Material's `template:` mechanism by the MkDocs hook.
"""
from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass

from .errors import Problem
from .model import Path, Step, Tree

# Page kind -> the template that draws it (in overrides/).
PAGE_KINDS = {
    "start": "quiz/start.html",        # the quiz: intro, Start link, and every step for the module
    "question": "quiz/question.html",  # one question; its answers are links (works with JavaScript off)
    "outcome": "quiz/outcome.html",    # one outcome
    "result": "quiz/outcome.html",     # one outcome reached by one route: it lists the answers given
    "embed": "quiz/embed.html",        # the quiz alone, for a partner site's iframe (embed.js)
}


# Pages for routes (a question's page per route that reaches it, a result page
# per route) tell a reader without JavaScript the answers given so far. A tree
# whose answers merge (several lead on to the same questions) has far more
# routes than questions: past this many route pages per question and outcome,
# it gets its question and outcome pages only (the outcome page asks the reader
# to note their answers), so the pages a tree writes stay bounded by its size.
ROUTE_PAGES_PER_NODE = 10

# The embed page's place among a tree's pages: quiz/<tree>/embed/ (so no
# question or outcome may have this id: graph.RESERVED_IDS).
EMBED = "embed"


@dataclass(frozen=True)
class QuizPage:
    kind: str                 # a key of PAGE_KINDS
    uri: str                  # source path, as if in content/: "quiz/<tree>/<node>.md"
    url: str                  # URL from the site root: "quiz/<tree>/<node>/"
    node: str | None = None   # question or outcome id (None: the start page)
    before: tuple[Step, ...] | None = None   # the answers given before this page, where it knows them
    route: Path | None = None  # result pages: the route that reached the outcome


def plan(tree: Tree) -> list[QuizPage]:
    """Every page of a tree: the start page and the embed page; a page per question and per outcome;
    for a question more than one route leads to, a page per route as well; and a
    result page per route (both unless the tree has too many routes: known_routes). So a reader without JavaScript always follows a chain
    of pages that knows the answers given, and ends on the result page that
    lists them (for their physio)."""
    pages = [QuizPage("start", page_uri(tree.id), page_url(tree.id)),
             QuizPage("embed", page_uri(tree.id, EMBED), page_url(tree.id, EMBED))]
    known = known_routes(tree)
    for qid in tree.questions:
        only = known[qid][0] if len(known[qid]) == 1 else None
        pages.append(QuizPage("question", page_uri(tree.id, qid), page_url(tree.id, qid), qid, only))
        if only is None:
            pages += [QuizPage("question", f"{question_url(tree.id, qid, before, known).rstrip('/')}.md",
                               question_url(tree.id, qid, before, known), qid, before) for before in known[qid]]
    pages += [QuizPage("outcome", page_uri(tree.id, o), page_url(tree.id, o), o) for o in tree.outcomes]
    if known[tree.start]:   # routes are known to the pages (see ROUTE_PAGES_PER_NODE)
        pages += [QuizPage("result", result_uri(tree.id, p), result_url(tree.id, p), p.outcome, p.steps, p)
                  for p in tree.paths]
    return pages


def page_uri(tree_id: str, node_id: str | None = None) -> str:
    """Source path of a generated page, as if it were in content/."""
    return f"quiz/{tree_id}.md" if node_id is None else f"quiz/{tree_id}/{node_id}.md"


def nav_problems(trees: Iterable[Tree], listed: set[str]) -> list[Problem]:
    """The quizzes whose start page is not in the menu: built, but hard to find.
    `listed`: the pages the nav names, relative to content/. The one wording of
    this mistake, for the build (scripts/build/hooks/quiz.py on_nav) and `make check`."""
    return [Problem(tree.source, None, f'the quiz "{tree.title}" has no menu entry.',
                    f'Add the line "- {tree.title}: {page_uri(tree.id)}" under nav: in mkdocs.yml.')
            for tree in trees if page_uri(tree.id) not in listed]


def page_url(tree_id: str, node_id: str | None = None) -> str:
    """The page's URL relative to the site root (MkDocs directory URLs)."""
    return f"quiz/{tree_id}/" if node_id is None else f"quiz/{tree_id}/{node_id}/"


def result_uri(tree_id: str, path: Path) -> str:
    """Source path of the page for one start-to-outcome path: its outcome, with the
    answers given listed (the page a reader without JavaScript lands on)."""
    return f"quiz/{tree_id}/{path.outcome}/{answer_code(path.steps)}.md"


def result_url(tree_id: str, path: Path) -> str:
    return f"quiz/{tree_id}/{path.outcome}/{answer_code(path.steps)}/"


def question_url(tree_id: str, question_id: str, before: tuple[Step, ...],
                 known: dict[str, list[tuple[Step, ...]]]) -> str:
    """The page of a question reached by the answers `before`: the question's own
    page where only one route leads to it, else the page for this route."""
    if len(known[question_id]) == 1:
        return page_url(tree_id, question_id)
    return f"quiz/{tree_id}/{question_id}/{answer_code(before)}/"


def answer_code(steps: tuple[Step, ...]) -> str:
    """The answers as the index of each one chosen, e.g. "0-1-0" (the module's ?answers=0.1.0)."""
    return "-".join(str(step.answer) for step in steps)


def prefixes(tree: Tree) -> dict[str, list[tuple[Step, ...]]]:
    """For each question, the answers given before it on each route that reaches
    it, in route order."""
    found: dict[str, dict[tuple[Step, ...], None]] = {q: {} for q in tree.questions}
    for path in tree.paths:
        for index, step in enumerate(path.steps):
            found[step.question][path.steps[:index]] = None
    return {q: list(before) for q, before in found.items()}


def known_routes(tree: Tree) -> dict[str, list[tuple[Step, ...]]]:
    """prefixes(tree) where a page per route is worth writing; else no question
    page knows the answers before it (ROUTE_PAGES_PER_NODE)."""
    known = prefixes(tree)
    route_pages = sum(len(before) for before in known.values() if len(before) > 1) + len(tree.paths)
    if route_pages <= ROUTE_PAGES_PER_NODE * (len(tree.questions) + len(tree.outcomes)):
        return known
    return {question: [] for question in known}


def static_next_url(tree: Tree, question_id: str, index: int, before: tuple[Step, ...] | None,
                    known: dict[str, list[tuple[Step, ...]]]) -> str:
    """Where answer `index` of a static question page leads (a site-root URL). On a
    page that knows the answers `before` it: the next question's page for this
    route, or this route's result page. On a page that does not (a question's own
    page, when several routes lead to it): the next question's or outcome's own page.
    `known`: known_routes(tree), worked out once per tree."""
    target = tree.questions[question_id].answers[index].next
    if before is None:
        return page_url(tree.id, target)
    steps = (*before, Step(question_id, index))
    if target in tree.outcomes:
        return result_url(tree.id, Path(steps, target))
    return question_url(tree.id, target, steps, known)


def relative_url(target: str, from_url: str) -> str:
    """`target` (a site-root URL such as "causes/x/") as a link from the page at `from_url`.

    Both are MkDocs directory URLs, so a page's folder is its URL.
    """
    rel = posixpath.relpath(target.rstrip("/") or ".", from_url.rstrip("/") or ".")
    return rel if not (target.endswith("/") or target == "") else rel.rstrip("/") + "/"


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
    """The inert JSON the browser module reads: the structure only.

    Every word and every piece of markup a reader sees is in the page already,
    rendered once at build time (one <template> per step); the module only
    follows the answers and shows the step they lead to.
    """
    left = questions_left(tree)
    return {
        "version": 2,
        "start": tree.start,
        "questions": {q.id: {"next": [a.next for a in q.answers], "left": left[q.id]}
                      for q in tree.questions.values()},
    }
