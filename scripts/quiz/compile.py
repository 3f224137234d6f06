"""From a quiz file to a checked Tree, or one TreeError listing every problem.

Stages: read (YAML) -> shape (schema) -> graph and text -> safety. Shape,
graph and text run together on what could be read, so one build shows the
editor all of those; the graph checks see a lenient model that leaves out
what the schema refused. The safety rules judge every path, so they wait for
a tree with no other problem (a misread answer would make them judge a tree
the physio never wrote); the error then says they are still to come.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from .errors import Problem, TreeError
from .loader import Lines, read
from .model import Answer, Outcome, Path as QuizPath, Question, Step, Tree
from .safety import safety_problems
from .validate import article_links, graph_problems, shape_problems, text_problems


def compile_tree(path: str | Path, *, articles: Iterable[str] | None = None,
                 emergency_number: str = "999") -> Tree:
    """Load, check and build one tree, with every start-to-outcome path.

    `articles`: article paths relative to content/ ("causes/worn-out-shoes.md");
    None skips the check that links point at one. Raises TreeError."""
    source = display_name(path)
    try:
        data, lines, read_problems = read(path, source)
    except TreeError as error:
        raise TreeError(error.problems, unchecked=(source,)) from None
    tree, problems, safety_checked = _check(data, lines, source, articles, emergency_number, read_problems)
    if problems:
        raise TreeError(problems, unchecked=() if safety_checked else (source,))
    return tree   # type: ignore[return-value]


def compile_all(quiz_dir: str | Path, *, articles: Iterable[str] | None = None,
                emergency_number: str = "999") -> list[Tree]:
    """Every quiz_dir/*.yml, sorted, or one TreeError with the problems of all of them.
    A *.yaml file is refused rather than silently left out of the site."""
    paths = sorted(p for p in Path(quiz_dir).iterdir() if p.suffix in (".yml", ".yaml"))
    return compile_files(paths, articles=articles, emergency_number=emergency_number)


def compile_files(paths: Iterable[str | Path], *, articles: Iterable[str] | None = None,
                  emergency_number: str = "999") -> list[Tree]:
    """Each of `paths`, or one TreeError with the problems of all of them."""
    trees, problems, unchecked = [], [], []
    articles = None if articles is None else set(articles)
    for path in map(Path, paths):
        try:
            if path.suffix != ".yml":
                raise TreeError([Problem(display_name(path), None, "Quiz files must end in .yml.",
                                         f"Rename it to {path.stem}.yml.")])
            if not path.is_file():
                raise TreeError([Problem(display_name(path), None, "There is no such file.",
                                         "Check the name and the folder.")])
            trees.append(compile_tree(path, articles=articles, emergency_number=emergency_number))
        except TreeError as error:
            problems += error.problems
            unchecked += error.unchecked
    if problems:
        raise TreeError(problems, tuple(unchecked))
    return trees


def compile_dir(quiz_dir: str | Path, *, content_dir: str | Path | None = None,
                emergency_number: str = "999") -> list[Tree]:
    """compile_all, with the article list read from a content folder (None: no link check)."""
    return compile_all(quiz_dir, articles=articles_in(content_dir), emergency_number=emergency_number)


def articles_in(content_dir: str | Path | None) -> set[str] | None:
    """Article paths relative to content/ ("causes/index.md"), or None without the folder."""
    if content_dir is None or not Path(content_dir).is_dir():
        return None
    return {p.relative_to(content_dir).as_posix() for p in Path(content_dir).rglob("*.md")}


def validate(data: object, lines: Lines, *, source: str, articles: Iterable[str] | None = None,
             emergency_number: str = "999") -> list[Problem]:
    """Every problem of loaded data: shape, graph and text, then (if none) safety rules."""
    return _check(data, lines, source, articles, emergency_number)[1]


def check(data: object, lines: Lines, *, source: str, articles: Iterable[str] | None = None,
          emergency_number: str = "999") -> tuple[Tree | None, list[Problem]]:
    """The checked tree (None if any problem) and the problems: validate() that also
    hands back the model it built, so compile_tree does not build it twice."""
    return _check(data, lines, source, articles, emergency_number)[:2]


def _check(data: object, lines: Lines, source: str, articles: Iterable[str] | None,
           emergency_number: str, read_problems: Iterable[Problem] = ()) -> tuple[Tree | None, list[Problem], bool]:
    """check(), and whether the safety rules were run. `read_problems`: what the
    reader found (a key written twice); like any other problem, they hold the
    safety rules back."""
    shape = shape_problems(data, lines, source)
    tree, complete = build_tree(data, lines, source)
    problems = graph_problems(tree, lines, complete=complete) + text_problems(tree, lines, articles)
    problems = _drop_repeats([*read_problems, *shape, *problems])
    if problems:
        return None, problems, False
    tree = replace(tree, paths=all_paths(tree))
    problems = safety_problems(tree, emergency_number)
    return (None if problems else tree), problems, True


def _drop_repeats(problems: list[Problem]) -> list[Problem]:
    """One line said once, even when the schema and the graph both notice it."""
    return list(dict.fromkeys(problems))


def display_name(path: str | Path) -> str:
    """The path as given, relative to where the build runs when it is inside it
    (the hook passes an absolute quiz/ folder; the editor knows quiz/x.yml)."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def build_tree(data: object, lines: Lines, source: str) -> tuple[Tree, bool]:
    """The model of the data, and whether it is complete. Data the schema refused
    is read leniently: a field of the wrong kind counts as blank, and a question,
    answer or outcome it cannot use is left out, so the graph checks can still
    run on the rest. The graph is not checked yet."""
    data = data if isinstance(data, dict) else {}
    raw_questions, raw_outcomes = _entries(data, "questions"), _entries(data, "outcomes")

    def answers(qid: str, raw: dict) -> tuple[Answer, ...]:
        return tuple(Answer(label=_text(item, "label"), next=item["next"], red_flag=item.get("red_flag") is True,
                            line=lines.get(("questions", qid, "answers", index, "next")))
                     for index, item in enumerate(_items(raw, "answers"))
                     if isinstance(item, dict) and isinstance(item.get("next"), str))

    questions = {
        qid: Question(id=qid, text=_text(raw, "text"), help=_text(raw, "help"), answers=answers(qid, raw),
                      line=lines.get(("questions", qid)))
        for qid, raw in raw_questions.items() if isinstance(raw, dict)
    }
    outcomes = {
        oid: Outcome(id=oid, title=_text(raw, "title"), verdict=_text(raw, "verdict"), body=_text(raw, "body"),
                     links=article_links(_text(raw, "body")), line=lines.get(("outcomes", oid)))
        for oid, raw in raw_outcomes.items() if isinstance(raw, dict)
    }
    # A question or answer left out hides what lies behind it, which may then
    # only look unreachable. (An outcome left out makes its answers dangle.)
    complete = len(questions) == len(raw_questions) and all(
        len(q.answers) == len(_items(raw_questions[q.id], "answers")) for q in questions.values())
    tree = Tree(id=_text(data, "id"), title=_text(data, "title"), intro=_text(data, "intro"),
                start=_text(data, "start"), questions=questions, outcomes=outcomes, reviewed=_text(data, "reviewed"),
                reviewer=_text(data, "reviewer"), review_due=_text(data, "review_due"), source=source)
    return tree, complete


def _text(raw: dict, name: str) -> str:
    value = raw.get(name, "")
    return value if isinstance(value, str) else ""


def _entries(raw: dict, name: str) -> dict:
    value = raw.get(name)
    return value if isinstance(value, dict) else {}


def _items(raw: dict, name: str) -> list:
    value = raw.get(name)
    return value if isinstance(value, list) else []


def all_paths(tree: Tree) -> tuple[QuizPath, ...]:
    """Every start-to-outcome path, in answer order (checked tree: no loops, at most
    validate.MAX_PATHS paths)."""
    paths: list[QuizPath] = []
    stack: list[tuple[str, tuple[Step, ...]]] = [(tree.start, ())]
    while stack:   # depth-first, without recursion: a long chain cannot hit Python's limit
        node, steps = stack.pop()
        if node in tree.outcomes:
            paths.append(QuizPath(steps, node))
            continue
        answers = tree.questions[node].answers
        stack += [(answers[i].next, (*steps, Step(node, i))) for i in reversed(range(len(answers)))]
    return tuple(paths)
