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

from . import checklists as shared
from . import scenarios as cases
from .articles import article_index
from .errors import Problem, TreeError
from .loader import Lines, read
from .model import Answer, Outcome, Path as QuizPath, Question, Sign, Step, Tree, checklist_answers
from .safety import safety_problems
from .text import article_links
from .graph import graph_problems
from .text_checks import Articles, text_problems, text_repeats, tree_texts
from .validate import shape_problems, suggest

Shared = tuple[dict[str, shared.Checklist], list[Problem]]


def compile_tree(path: str | Path, *, articles: Iterable[str] | Articles | None = None,
                 emergency_number: str = "999", today: date | None = None, checklists: Shared | None = None) -> Tree:
    """Load, check and build one tree, with every start-to-outcome path, and walk
    its scenarios (quiz/scenarios/<id>.yml, when there is one) through it.

    `articles`: article paths relative to content/ ("causes/worn-out-shoes.md"),
    or a mapping of those paths to their #parts (articles.article_index); None
    skips the check that links point at one. `today`: the clinic's date, after
    which no review can have happened (None skips that check). `checklists`: the
    shared checklists and their file's problems (default: read from the tree's
    folder, quiz/checklists.yml). Raises TreeError."""
    source = display_name(path)
    if checklists is None:
        checklists = read_checklists(Path(path).parent)
    try:
        data, lines, read_problems = read(path, source)
    except TreeError as error:
        raise TreeError([*checklists[1], *error.problems], unchecked=(source,)) from None
    # When quiz/checklists.yml cannot be read at all, its own problem says so: no
    # tree then also reports every checklist it names as missing.
    known = checklists[0] if checklists[0] or not checklists[1] else None
    tree, problems, safety_checked = _check(data, lines, source, articles, emergency_number,
                                            [*checklists[1], *read_problems], today, known)
    if safety_checked and not problems:   # walk the clinic's scenarios along a tree with no other mistake
        problems += cases.problems(tree, Path(path).parent)   # (else each would only repeat that mistake)
    if problems:
        raise TreeError(problems, unchecked=() if safety_checked else (source,))
    return tree   # type: ignore[return-value]


def read_checklists(quiz_dir: str | Path) -> Shared:
    """The shared checklists of a quiz folder, and the problems of their file."""
    path = shared.path_for(quiz_dir)
    return shared.read(path, display_name(path))


# What else may live in quiz/ beside the trees.
OTHER_FILES = ("README.md", "schema.json", shared.FILE_NAME)


def compile_all(quiz_dir: str | Path, *, articles: Iterable[str] | Articles | None = None,
                emergency_number: str = "999", today: date | None = None) -> list[Tree]:
    """Every quiz_dir/*.yml, sorted, or one TreeError with the problems of all of them.
    Nothing that looks like a quiz is silently left out of the site: a *.yaml or
    *.YML file or a sub-folder is refused with what to do."""
    entries = sorted(Path(quiz_dir).iterdir())
    problems = [Problem(display_name(p), None, "Quizzes are not read from sub-folders of quiz/.",
                        f"Move the quiz files in it up into {display_name(quiz_dir)}/, one file per quiz.")
                for p in entries if p.is_dir() and not p.name.startswith((".", "_")) and p.name != cases.FOLDER]
    paths = [p for p in entries if p.is_file() and p.suffix.lower() in (".yml", ".yaml") and p.name not in OTHER_FILES]
    problems += cases.orphans(quiz_dir, {p.stem for p in paths})
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
    folders: dict[Path, Shared] = {}   # each folder's checklists, read once
    for path in map(Path, paths):
        try:
            if path.suffix != ".yml":
                raise TreeError([Problem(display_name(path), None, "Quiz files must end in .yml (lowercase).",
                                         f"Rename it to {path.stem}.yml.")])
            if not path.is_file():
                raise TreeError([Problem(display_name(path), None, "There is no such file.",
                                         "Check the name and the folder.")])
            if path.parent not in folders:
                folders[path.parent] = read_checklists(path.parent)
            trees.append(compile_tree(path, articles=articles, emergency_number=emergency_number, today=today,
                                      checklists=folders[path.parent]))
        except TreeError as error:
            problems += error.problems
            unchecked += error.unchecked
    if problems:   # a mistake in a shared file is found once per tree that uses it: say it once
        raise TreeError(list(dict.fromkeys(problems)), tuple(unchecked))
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
    tree, problems, _ = _check(data, lines, source, articles, emergency_number)
    return (None if problems else tree), problems


def _check(data: object, lines: Lines, source: str, articles: Iterable[str] | Articles | None,
           emergency_number: str, read_problems: Iterable[Problem] = (),
           today: date | None = None, checklists: dict | None = None) -> tuple[Tree | None, list[Problem], bool]:
    """The tree (with its routes, once they are known) and its problems, and
    whether the safety rules were run. They run on every route from the start
    whenever the routes can be trusted to be the ones the physio wrote: every
    field reads as the schema says, and no answer dangles or loops. So a physio sees the safety verdict in the same run as, say, an
    unreachable question or a bad link."""
    shape = shape_problems(data, lines, source)
    tree, complete, expand = build_tree(data, lines, source, checklists)
    problems = graph_problems(tree, lines, complete=complete, today=today) + text_problems(tree, lines, articles)
    problems += text_repeats(tree_texts(tree), source)
    read_problems = list(read_problems)
    problems = _drop_repeats([*read_problems, *shape, *expand, *problems])
    if read_problems or shape or expand or not (complete and routes_known(tree)):
        return None, problems, False   # a misread field would make the rules judge a tree nobody wrote
    tree = replace(tree, paths=all_paths(tree))
    problems = _drop_repeats([*problems, *safety_problems(tree, emergency_number)])
    return tree, problems, True


def _drop_repeats(problems: list[Problem]) -> list[Problem]:
    """One line said once, even when the schema and the graph both notice it."""
    return list(dict.fromkeys(problems))


def display_name(path: str | Path) -> str:
    """The path as given, relative to where the build runs when it is inside it
    (the hook passes an absolute quiz/ folder; the editor knows quiz/x.yml)."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def routes_known(tree: Tree) -> bool:
    """Can every route from the start be listed: a real first question, no answer
    that dangles or loops, and not too many routes to judge?"""
    from .graph import MAX_PATHS, count_paths, reachable   # one place defines the limits
    if tree.start not in tree.questions:
        return False
    nodes = reachable(tree, tree.start)
    if any(n not in tree.questions and n not in tree.outcomes for n in nodes):
        return False
    state: dict[str, int] = {}

    def loops(node: str) -> bool:   # depth-first: 1 = on the current route, 2 = done
        if node not in tree.questions or state.get(node) == 2:
            return False
        if state.get(node) == 1:
            return True
        state[node] = 1
        found = any(loops(a.next) for a in tree.questions[node].answers)
        state[node] = 2
        return found

    return not loops(tree.start) and count_paths(tree) <= MAX_PATHS


def build_tree(data: object, lines: Lines, source: str,
               checklists: dict[str, shared.Checklist] | None = None) -> tuple[Tree, bool, list[Problem]]:
    """The model of the data, whether it is complete, and the problems of its
    shared checklists (a name that is not in quiz/checklists.yml, an outcome
    written both there and here). Data the schema refused is read leniently: a
    field of the wrong kind counts as blank, and a question, answer, sign or
    outcome it cannot use is left out, so the graph checks can still run on the
    rest. The graph is not checked yet."""
    data = data if isinstance(data, dict) else {}
    unknown_file, checklists = checklists is None, checklists or {}
    raw_questions, raw_outcomes = _entries(data, "questions"), _entries(data, "outcomes")
    questions = {qid: _question(qid, raw, lines, checklists) for qid, raw in raw_questions.items()
                 if isinstance(raw, dict)}
    outcomes = {
        oid: Outcome(id=oid, title=_text(raw, "title"), verdict=_text(raw, "verdict"), body=_text(raw, "body"),
                     links=article_links(_text(raw, "body")), line=lines.get(("outcomes", oid)))
        for oid, raw in raw_outcomes.items() if isinstance(raw, dict)
    }
    problems = []
    for qid, raw in raw_questions.items():
        name = raw.get("checklist") if isinstance(raw, dict) else None
        if not isinstance(name, str) or not name:
            continue
        line = lines.get(("questions", qid, "checklist"))
        if not checklists and not unknown_file:
            problems.append(Problem(source, line, f'Question "{qid}" asks the checklist "{name}", but there is no '
                                    f"quiz/{shared.FILE_NAME}.",
                                    f"Put quiz/{shared.FILE_NAME} back: it holds the warning-sign checklists every "
                                    "quiz asks."))
        elif name not in checklists and not unknown_file:
            problems.append(Problem(source, line, f'Question "{qid}" asks the checklist "{name}", which is not in '
                                    f"quiz/{shared.FILE_NAME}.",
                                    suggest(name, checklists) or "The checklists there are: "
                                    + ", ".join(checklists) + "."))
        if name not in checklists:
            continue
        outcome = checklists[name].outcome
        if outcome.id in outcomes and not outcomes[outcome.id].source:
            problems.append(Problem(source, outcomes[outcome.id].line,
                                    f'Outcome "{outcome.id}" is already written in quiz/{shared.FILE_NAME}, with the '
                                    f'checklist "{name}" that question "{qid}" asks.',
                                    "Delete it here: the advice for that checklist is written once, there."))
        outcomes[outcome.id] = outcome
    asked = {q.checklist for q in questions.values() if q.checklist}
    if asked and asked <= set(checklists):   # a quiz that asks the shared checklists asks them all (a misspelt
        # name is said once, above): none can be dropped by one edit
        problems += [Problem(source, lines.get(("questions",)),
                             f'The quiz does not ask the warning-sign checklist "{name}" of quiz/{shared.FILE_NAME}.',
                             "Every quiz asks every checklist there, most urgent first: add a question with "
                             f'"checklist: {name}" in its place.')
                     for name in checklists if name not in asked]
    # A question or answer left out hides what lies behind it, which may then
    # only look unreachable. (An outcome left out makes its answers dangle.)
    complete = len(questions) == len(raw_questions) and all(
        len(q.answers) == 3 if ("signs" in raw_questions[q.id] or "checklist" in raw_questions[q.id]) else
        isinstance(raw_questions[q.id].get("answers"), list) and len(q.answers) == len(raw_questions[q.id]["answers"])
        for q in questions.values())
    tree = Tree(id=_text(data, "id"), title=_text(data, "title"), intro=_text(data, "intro"),
                start=_text(data, "start"), questions=questions, outcomes=outcomes, reviewed=_text(data, "reviewed"),
                reviewer=_text(data, "reviewer"), review_due=_text(data, "review_due"), source=source)
    return tree, complete, problems


def _question(qid: str, raw: dict, lines: Lines, checklists: dict[str, shared.Checklist]) -> Question:
    """A question with answers to choose from, or a checklist, whose three answers
    the build writes itself (a warning-sign checklist marks its own red flags). A
    shared checklist brings its text, signs and outcome from quiz/checklists.yml."""
    line = lines.get(("questions", qid))
    name, if_no = raw.get("checklist"), raw.get("if_no")
    if isinstance(name, str) and name:
        found = checklists.get(name)
        answers = ()
        if found and isinstance(if_no, str):
            answers = checklist_answers(len(found.signs), found.outcome.id, if_no, warning=True,
                                        yes_line=lines.get(("questions", qid, "checklist")),
                                        no_line=lines.get(("questions", qid, "if_no")))
        return Question(id=qid, text=found.text if found else "", help=found.help if found else "", line=line,
                        answers=answers, signs=(found.signs if found else ()) or (Sign(""),),
                        warning=found.warning if found else "see-a-physio", checklist=name,
                        source=found.source if found else "")
    common = {"id": qid, "text": _text(raw, "text"), "help": _text(raw, "help"), "line": line}
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
