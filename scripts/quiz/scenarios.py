"""The clinic's own test cases for a tree: quiz/scenarios/<tree id>.yml.

A scenario is one runner, written by a physio: their situation in a sentence
or two, the answer they would give to each question, and the verdict (or the
verdicts) a physio expects. Every build walks each scenario through the tree
and names, in the physio's own words, any that now ends elsewhere, so a tree
stays right after years of edits by different people.

Answers are written as the runner reads them: a choice question's label (or
enough of its start to tell it from the others); for a checklist "No", "Not
sure", "Yes", or the sign that fits (enough of its start), which counts as
"Yes" and shows which sign the scenario stands for.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scripts.build.plain_text import excerpt

from .errors import Problem, TreeError
from .loader import read as read_yaml
from .model import CHECKLIST_NO, CHECKLIST_UNSURE, CHECKLIST_YES, SINGLE_SIGN_NO, SINGLE_SIGN_YES, Question, Step, Tree
from .verdicts import IDS

FOLDER = "scenarios"


@dataclass(frozen=True)
class Scenario:
    situation: str
    answers: dict[str, str]            # question id -> the answer as written
    expect: tuple[str, ...]            # the verdicts a physio accepts
    line: int | None = None
    answer_lines: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Walk:
    """One scenario walked through a tree: the steps it took, the sign it stands
    for at each checklist it said yes to, and where it ended (or the problem
    that stopped it)."""
    scenario: Scenario
    steps: tuple[Step, ...]
    signs: tuple[tuple[str, int], ...]   # (question id, sign index) for each sign named
    outcome: str | None                  # the outcome reached, None when the walk stopped
    problem: Problem | None

    @property
    def passed(self) -> bool:
        return self.problem is None


def path_for(quiz_dir: str | Path, tree_id: str) -> Path:
    return Path(quiz_dir) / FOLDER / f"{tree_id}.yml"


def read(path: str | Path, source: str) -> tuple[list[Scenario], list[Problem]]:
    """The scenarios of a file, and the problems of its shape."""
    from .validate import shape_problems   # validate imports the model only: no cycle at run time
    try:
        data, lines, problems = read_yaml(path, source)
    except TreeError as error:   # an empty file: say what this file needs, not what a quiz does
        return [], [Problem(p.file, p.line, p.message, "Write at least one scenario (see quiz/README.md, "
                            '"Scenarios"), or delete the file.') if p.message == "The file is empty." else p
                    for p in error.problems]
    problems += shape_problems(data, lines, source, "scenarios-file")
    found = []
    items = data.get("scenarios") if isinstance(data, dict) else None
    for index, raw in enumerate(items if isinstance(items, list) else ()):
        if not isinstance(raw, dict) or not isinstance(raw.get("answers"), dict):
            continue
        expect = raw.get("expect")
        expect = tuple(e for e in (expect if isinstance(expect, list) else [expect]) if isinstance(e, str))
        answers = {str(k): v for k, v in raw["answers"].items() if isinstance(v, str)}
        found.append(Scenario(
            situation=" ".join(str(raw.get("situation", "")).split()), answers=answers, expect=expect,
            line=lines.get(("scenarios", index)),
            answer_lines={k: lines[("scenarios", index, "answers", k)] for k in answers
                          if ("scenarios", index, "answers", k) in lines}))
    return found, problems


def load(tree: Tree, quiz_dir: str | Path) -> tuple[list[Scenario], list[Problem], str]:
    """The tree's scenarios (none when it has no file), their problems, and the file's name."""
    from .compile import display_name
    path = path_for(quiz_dir, tree.id)
    source = display_name(path)
    if not path.is_file():
        return [], [], source
    scenarios, problems = read(path, source)
    return scenarios, problems, source


def walks(tree: Tree, quiz_dir: str | Path) -> tuple[list[Walk], list[Problem]]:
    """Every scenario of the tree walked through it, and the file's own problems."""
    scenarios, problems, source = load(tree, quiz_dir)
    return [walk(tree, s, source) for s in scenarios], problems


def problems(tree: Tree, quiz_dir: str | Path) -> list[Problem]:
    """What the build reports: the file's mistakes, and every scenario that ends elsewhere."""
    done, found = walks(tree, quiz_dir)
    return found + [w.problem for w in done if w.problem]


def orphans(quiz_dir: str | Path, tree_ids: set[str]) -> list[Problem]:
    """Scenario files whose tree is gone or misnamed: they would never run."""
    from .compile import display_name
    folder = Path(quiz_dir) / FOLDER
    if not folder.is_dir():
        return []
    return [Problem(display_name(p), None, f'There is no quiz "{p.stem}" for these scenarios: no quiz/{p.stem}.yml.',
                    "Name the file after its quiz (quiz/scenarios/<quiz id>.yml), or delete it with its quiz.")
            for p in sorted(folder.iterdir()) if p.is_file() and p.stem not in tree_ids]


def walk(tree: Tree, scenario: Scenario, source: str) -> Walk:
    """Follow the scenario's answers from the start to an outcome."""
    name = f'Scenario "{excerpt(scenario.situation, 90)}"'
    node, steps, signs = tree.start, [], []
    unknown = [q for q in scenario.answers if q not in tree.questions]
    if unknown:
        return Walk(scenario, (), (), None, Problem(
            source, scenario.answer_lines.get(unknown[0], scenario.line),
            f'{name} answers question "{excerpt(unknown[0])}", which the quiz {tree.source} does not have.',
            _spell(unknown[0], tree)))
    while node in tree.questions:
        question = tree.questions[node]
        if node not in scenario.answers:
            return Walk(scenario, tuple(steps), tuple(signs), None, Problem(
                source, scenario.line,
                f'{name} gives no answer to question "{node}" ("{excerpt(question.text)}"), which the quiz asks '
                f"{'first' if not steps else 'after: ' + route_words(tree, steps)}.",
                f'Add "{node}: ..." under its answers, with one of: {_choices(question)}.'))
        given = scenario.answers[node]
        index, sign, error = match(question, given)
        if error:
            return Walk(scenario, tuple(steps), tuple(signs), None, Problem(
                source, scenario.answer_lines.get(node, scenario.line),
                f'{name} answers question "{node}" with "{excerpt(given)}": {error}',
                f"Write one of: {_choices(question)}."))
        if sign is not None:
            signs.append((node, sign))
        steps.append(Step(node, index))
        node = question.answers[index].next
    outcome = tree.outcomes[node]
    if outcome.verdict in scenario.expect:
        return Walk(scenario, tuple(steps), tuple(signs), node, None)
    return Walk(scenario, tuple(steps), tuple(signs), node, Problem(
        source, scenario.line,
        f'{name} expects {" or ".join(scenario.expect) or "a verdict"}, but the quiz {tree.source} now ends at '
        f'"{excerpt(outcome.title)}" ({outcome.verdict}): {route_words(tree, steps)}.',
        'If a physio agrees with the new advice, change its "expect:"; if not, change the tree back.'))


def match(question: Question, given: str) -> tuple[int, int | None, str]:
    """(answer index, sign index or None, "") for an answer as written, or (0, None, why it matches none)."""
    said = _norm(given)
    if question.is_checklist:
        words = {CHECKLIST_YES: 0, SINGLE_SIGN_YES: 0, CHECKLIST_NO: 1, SINGLE_SIGN_NO: 1, CHECKLIST_UNSURE: 2}
        for label, index in words.items():
            if said == _norm(label):
                return index, None, ""
        hits = [i for i, s in enumerate(question.signs) if _starts(_norm(s.text), said)]
        if len(hits) == 1:
            return 0, hits[0], ""
        return 0, None, ("it fits more than one sign: write more of the sign." if hits else
                         "that is not one of its answers or signs.")
    hits = [i for i, a in enumerate(question.answers) if _starts(_norm(a.label), said)]
    exact = [i for i in hits if _norm(question.answers[i].label) == said]
    if len(exact) == 1 or len(hits) == 1:
        return (exact or hits)[0], None, ""
    return 0, None, ("it fits more than one answer: write more of the answer." if hits else
                     "that is not one of its answers.")


def route_words(tree: Tree, steps) -> str:
    """The route as the runner read it: "Question? → Answer; ..."."""
    return "; ".join(f"{' '.join(tree.questions[s.question].text.split())} → {tree.answer(s).label}" for s in steps)


def coverage(tree: Tree, done: list[Walk]) -> dict[str, list[str]]:
    """What no passing scenario stands for: checklist signs, answers of choice
    questions, and verdicts the tree can give. Shown to the reviewer."""
    signs = {(q, i) for w in done if w.passed for q, i in w.signs}
    taken = {(s.question, s.answer) for w in done if w.passed for s in w.steps}
    verdicts = {tree.outcomes[w.outcome].verdict for w in done if w.passed}
    return {
        "signs": [s.text for q in tree.questions.values() if q.is_warning
                  for i, s in enumerate(q.signs) if (q.id, i) not in signs],
        "answers": [f"{q.text} → {a.label}" for q in tree.questions.values() if not q.is_checklist
                    for i, a in enumerate(q.answers) if (q.id, i) not in taken],
        "verdicts": [v for v in IDS if v in {o.verdict for o in tree.outcomes.values()} and v not in verdicts],
    }


def _choices(question: Question) -> str:
    if question.is_checklist:
        return '"No", "Not sure", or the sign that fits (which counts as "Yes")'
    return ", ".join(f'"{excerpt(a.label)}"' for a in question.answers)


def _spell(qid: str, tree: Tree) -> str:
    from .validate import suggest
    return suggest(qid, tree.questions) or f"The questions are: {', '.join(tree.questions)}."


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold().rstrip(".")


def _starts(text: str, start: str) -> bool:
    """`start` is the whole of `text` or its beginning, ending at a word's end."""
    return bool(start) and text.startswith(start) and (len(text) == len(start) or not text[len(start)].isalnum())
