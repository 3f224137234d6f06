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
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path

from .articles import article_index
from .errors import Problem, TreeError
from .loader import Lines, read
from .model import Answer, Outcome, Path as QuizPath, Question, Sign, Step, Tree, checklist_answers
from .safety import safety_problems
from .text import article_links
from .validate import Articles, graph_problems, shape_problems, text_problems


def compile_tree(path: str | Path, *, articles: Iterable[str] | Articles | None = None,
                 emergency_number: str = "999", today: date | None = None) -> Tree:
    """Load, check and build one tree, with every start-to-outcome path.

    `articles`: article paths relative to content/ ("causes/worn-out-shoes.md"),
    or a mapping of those paths to their #parts (articles.article_index); None
    skips the check that links point at one. `today`: the clinic's date, after
    which no review can have happened (None skips that check). Raises TreeError."""
    source = display_name(path)
    try:
        data, lines, read_problems = read(path, source)
    except TreeError as error:
        raise TreeError(error.problems, unchecked=(source,)) from None
    tree, problems, safety_checked = _check(data, lines, source, articles, emergency_number, read_problems, today)
    if problems:
        raise TreeError(problems, unchecked=() if safety_checked else (source,))
    return tree   # type: ignore[return-value]


# What else may live in quiz/ beside the trees.
OTHER_FILES = ("README.md", "schema.json")


def compile_all(quiz_dir: str | Path, *, articles: Iterable[str] | Articles | None = None,
                emergency_number: str = "999", today: date | None = None) -> list[Tree]:
    """Every quiz_dir/*.yml, sorted, or one TreeError with the problems of all of them.
    Nothing that looks like a quiz is silently left out of the site: a *.yaml or
    *.YML file or a sub-folder is refused with what to do."""
    entries = sorted(Path(quiz_dir).iterdir())
    problems = [Problem(display_name(p), None, "Quizzes are not read from sub-folders of quiz/.",
                        f"Move the quiz files in it up into {display_name(quiz_dir)}/, one file per quiz.")
                for p in entries if p.is_dir() and not p.name.startswith((".", "_"))]
    paths = [p for p in entries if p.is_file() and p.suffix.lower() in (".yml", ".yaml")]
    try:
        trees = compile_files(paths, articles=articles, emergency_number=emergency_number, today=today)
    except TreeError as error:
        raise TreeError([*problems, *error.problems], error.unchecked) from None
    if problems:
        raise TreeError(problems)
    return trees


def compile_files(paths: Iterable[str | Path], *, articles: Iterable[str] | Articles | None = None,
                  emergency_number: str = "999", today: date | None = None) -> list[Tree]:
    """Each of `paths`, or one TreeError with the problems of all of them."""
    trees, problems, unchecked = [], [], []
    if articles is not None and not isinstance(articles, Mapping):
        articles = dict.fromkeys(articles)
    for path in map(Path, paths):
        try:
            if path.suffix != ".yml":
                raise TreeError([Problem(display_name(path), None, "Quiz files must end in .yml (lowercase).",
                                         f"Rename it to {path.stem}.yml.")])
            if not path.is_file():
                raise TreeError([Problem(display_name(path), None, "There is no such file.",
                                         "Check the name and the folder.")])
            trees.append(compile_tree(path, articles=articles, emergency_number=emergency_number, today=today))
        except TreeError as error:
            problems += error.problems
            unchecked += error.unchecked
    if problems:
        raise TreeError(problems, tuple(unchecked))
    return trees


def compile_dir(quiz_dir: str | Path, *, content_dir: str | Path | None = None, markdown_extensions: list | None = None,
                markdown_configs: dict | None = None, emergency_number: str = "999",
                today: date | None = None) -> list[Tree]:
    """compile_all, with the articles (and their #parts) read from a content folder
    rendered with the site's Markdown settings (None: no link check)."""
    return compile_all(quiz_dir, articles=articles_in(content_dir, markdown_extensions, markdown_configs),
                       emergency_number=emergency_number, today=today)


def articles_in(content_dir: str | Path | None, markdown_extensions: list | None = None,
                markdown_configs: dict | None = None) -> dict[str, frozenset[str]] | None:
    """Article paths relative to content/ ("causes/index.md") with their #parts, or
    None without the folder."""
    if content_dir is None or not Path(content_dir).is_dir():
        return None
    return article_index(content_dir, markdown_extensions, markdown_configs)


def validate(data: object, lines: Lines, *, source: str, articles: Iterable[str] | Articles | None = None,
             emergency_number: str = "999") -> list[Problem]:
    """Every problem of loaded data: shape, graph and text, then (if none) safety rules."""
    return _check(data, lines, source, articles, emergency_number)[1]


def check(data: object, lines: Lines, *, source: str, articles: Iterable[str] | Articles | None = None,
          emergency_number: str = "999") -> tuple[Tree | None, list[Problem]]:
    """The checked tree (None if any problem) and the problems: validate() that also
    hands back the model it built, so compile_tree does not build it twice."""
    return _check(data, lines, source, articles, emergency_number)[:2]


def _check(data: object, lines: Lines, source: str, articles: Iterable[str] | Articles | None,
           emergency_number: str, read_problems: Iterable[Problem] = (),
           today: date | None = None) -> tuple[Tree | None, list[Problem], bool]:
    """check(), and whether the safety rules were run. `read_problems`: what the
    reader found (a key written twice); like any other problem, they hold the
    safety rules back."""
    shape = shape_problems(data, lines, source)
    tree, complete = build_tree(data, lines, source)
    problems = graph_problems(tree, lines, complete=complete, today=today) + text_problems(tree, lines, articles)
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
    answer, sign or outcome it cannot use is left out, so the graph checks can
    still run on the rest. The graph is not checked yet."""
    data = data if isinstance(data, dict) else {}
    raw_questions, raw_outcomes = _entries(data, "questions"), _entries(data, "outcomes")
    questions = {qid: _question(qid, raw, lines) for qid, raw in raw_questions.items() if isinstance(raw, dict)}
    outcomes = {
        oid: Outcome(id=oid, title=_text(raw, "title"), verdict=_text(raw, "verdict"), body=_text(raw, "body"),
                     links=article_links(_text(raw, "body")), line=lines.get(("outcomes", oid)))
        for oid, raw in raw_outcomes.items() if isinstance(raw, dict)
    }
    # A question or answer left out hides what lies behind it, which may then
    # only look unreachable. (An outcome left out makes its answers dangle.)
    complete = len(questions) == len(raw_questions) and all(
        len(q.answers) == 3 if "signs" in raw_questions[q.id] else
        isinstance(raw_questions[q.id].get("answers"), list) and len(q.answers) == len(raw_questions[q.id]["answers"])
        for q in questions.values())
    tree = Tree(id=_text(data, "id"), title=_text(data, "title"), intro=_text(data, "intro"),
                start=_text(data, "start"), questions=questions, outcomes=outcomes, reviewed=_text(data, "reviewed"),
                reviewer=_text(data, "reviewer"), review_due=_text(data, "review_due"), source=source)
    return tree, complete


def _question(qid: str, raw: dict, lines: Lines) -> Question:
    """A question with answers to choose from, or a checklist, whose three answers
    the build writes itself (a warning-sign checklist marks its own red flags)."""
    common = {"id": qid, "text": _text(raw, "text"), "help": _text(raw, "help"), "line": lines.get(("questions", qid))}
    if "signs" not in raw:
        answers = tuple(Answer(label=_text(item, "label"), next=item["next"],
                               line=lines.get(("questions", qid, "answers", index, "next")))
                        for index, item in enumerate(_items(raw, "answers"))
                        if isinstance(item, dict) and isinstance(item.get("next"), str))
        return Question(answers=answers, **common)
    signs = tuple(Sign(text=item if isinstance(item, str) else _text(item, "text"),
                       help="" if isinstance(item, str) else _text(item, "help"),
                       line=lines.get(("questions", qid, "signs", index)))
                  for index, item in enumerate(_items(raw, "signs")) if isinstance(item, (str, dict)))
    if_yes, if_no = raw.get("if_yes"), raw.get("if_no")
    answers = ()
    if isinstance(if_yes, str) and isinstance(if_no, str):
        answers = checklist_answers(len(signs), if_yes, if_no, warning=bool(_text(raw, "warning")),
                                    yes_line=lines.get(("questions", qid, "if_yes")),
                                    no_line=lines.get(("questions", qid, "if_no")))
    return Question(answers=answers, signs=signs or (Sign(""),), warning=_text(raw, "warning"), **common)


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
