"""From a quiz file to a checked Tree, or one TreeError listing every problem.

Stages: load (YAML) -> shape (schema) -> graph and text -> safety. A stage
runs only on what the one before accepted, so no check trips over a
half-written tree (safety needs every path, so no loops); within a stage
every problem is collected, so one build shows the editor all of them.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from .errors import Problem, TreeError
from .loader import Lines, load
from .model import Answer, Outcome, Path as QuizPath, Question, Step, Tree
from .safety import safety_problems
from .validate import article_links, graph_problems, shape_problems, text_problems


def compile_tree(path: str | Path, *, articles: Iterable[str] | None = None,
                 emergency_number: str = "999") -> Tree:
    """Load, check and build one tree, with every start-to-outcome path.

    `articles`: article paths relative to content/ ("causes/worn-out-shoes.md");
    None skips the check that links point at one. Raises TreeError."""
    source = display_name(path)
    data, lines = load(path, source)
    tree, problems = check(data, lines, source=source, articles=articles, emergency_number=emergency_number)
    if problems:
        raise TreeError(problems)
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
    trees, problems = [], []
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
    if problems:
        raise TreeError(problems)
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
    """Every problem of loaded data: schema first, then graph, then safety rules."""
    return check(data, lines, source=source, articles=articles, emergency_number=emergency_number)[1]


def check(data: object, lines: Lines, *, source: str, articles: Iterable[str] | None = None,
          emergency_number: str = "999") -> tuple[Tree | None, list[Problem]]:
    """The checked tree (None if any problem) and the problems: validate() that also
    hands back the model it built, so compile_tree does not build it twice."""
    problems = shape_problems(data, lines, source)
    if problems:
        return None, problems
    tree = build_tree(data, lines, source)   # type: ignore[arg-type]
    problems = graph_problems(tree, lines) + text_problems(tree, lines, articles)
    if problems:
        return None, problems
    tree = replace(tree, paths=all_paths(tree))
    problems = safety_problems(tree, emergency_number)
    return (None, problems) if problems else (tree, [])


def display_name(path: str | Path) -> str:
    """The path as given, relative to where the build runs when it is inside it
    (the hook passes an absolute quiz/ folder; the editor knows quiz/x.yml)."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def build_tree(data: dict, lines: Lines, source: str) -> Tree:
    """The model of data that passed the schema; the graph is not checked yet."""
    def answer(qid: str, index: int, raw: dict) -> Answer:
        return Answer(label=raw["label"], next=raw["next"], red_flag=raw.get("red_flag", False),
                      line=lines.get(("questions", qid, "answers", index, "next")))

    questions = {
        qid: Question(id=qid, text=raw["text"], help=raw.get("help", ""),
                      answers=tuple(answer(qid, i, a) for i, a in enumerate(raw["answers"])),
                      line=lines.get(("questions", qid)))
        for qid, raw in data["questions"].items()
    }
    outcomes = {
        oid: Outcome(id=oid, title=raw["title"], verdict=raw["verdict"], body=raw["body"],
                     links=article_links(raw["body"]), line=lines.get(("outcomes", oid)))
        for oid, raw in data["outcomes"].items()
    }
    return Tree(id=data["id"], title=data["title"], intro=data["intro"], start=data["start"],
                questions=questions, outcomes=outcomes, reviewed=data["reviewed"],
                reviewer=data["reviewer"], review_due=data["review_due"], source=source)


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
