"""Clinical safety rules: what no tree may ever tell a runner.

Checked on every start-to-outcome path, because a single answer can look
harmless and still, two questions later, end at "go for a run". The tree is
already free of loops and dangling answers (validate.py) when these run.
Each broken rule is reported once per path that breaks it, up to
MAX_PATHS_SHOWN per rule, and every message shows the path.
"""
from __future__ import annotations

import re

from .errors import Problem
from .model import VERDICTS, Answer, Path, Tree

# Verdicts that tell the runner to run today; the content brief's red flags
# are "never go run".
RUNNING = ("go", "easy")
AFTER_RED_FLAG = tuple(v for v in VERDICTS if v not in RUNNING)
MAX_PATHS_SHOWN = 5

# "No" alone or followed by punctuation ("No, none of these"). "No idea" or
# "No pain" are not a clear no to a red-flag question: the word must stand alone.
_EXPLICIT_NO = re.compile(r"^\s*no\s*(?:$|[,.;:!])", re.I)
_UNSURE = re.compile(r"not sure|unsure|don't know|do not know|no idea|maybe", re.I)


def is_explicit_no(answer: Answer) -> bool:
    return not answer.red_flag and bool(_EXPLICIT_NO.match(answer.label)) and not is_unsure(answer)


def is_unsure(answer: Answer) -> bool:
    return bool(_UNSURE.search(answer.label.replace("\u2019", "'")))


def describe(tree: Tree, path: Path) -> str:
    """`chest-pain "No" -> calf "Yes" -> outcome "go-run"`"""
    steps = [f'{s.question} "{tree.questions[s.question].answers[s.answer].label}"' for s in path.steps]
    return " -> ".join([*steps, f'outcome "{path.outcome}"'])


def safety_problems(tree: Tree, emergency_number: str = "999") -> list[Problem]:
    """Every broken rule, rule by rule. `tree.paths` must hold every path."""
    rules = [red_flag_never_runs, go_asks_every_red_flag, unsure_never_goes,
             running_needs_screening, red_flags_come_first]
    problems = [p for rule in rules for p in _capped(tree, rule)]
    return problems + urgent_names_emergency_number(tree, emergency_number)


def _capped(tree: Tree, rule) -> list[Problem]:
    """The rule's problems for the first paths that break it, and how many more do."""
    found = [p for path in tree.paths if (p := rule(tree, path))]   # each names its path: no repeats
    shown, more = found[:MAX_PATHS_SHOWN], len(found) - MAX_PATHS_SHOWN
    if more > 0:
        last = shown[-1]
        shown[-1] = Problem(last.file, last.line, last.message,
                            f"{last.hint} (And {more} more path{'s' if more != 1 else ''} like this.)")
    return shown


def _answers(tree: Tree, path: Path) -> list[Answer]:
    return [tree.questions[s.question].answers[s.answer] for s in path.steps]


# Each rule: None if `path` is fine, else the Problem, at the line to change.

def red_flag_never_runs(tree: Tree, path: Path) -> Problem | None:
    """1. No path through a red-flag answer ends in go or easy."""
    outcome = tree.outcomes[path.outcome]
    flagged = [(s, a) for s, a in zip(path.steps, _answers(tree, path)) if a.red_flag]
    if outcome.verdict not in RUNNING or not flagged:
        return None
    step, answer = flagged[0]
    return Problem(tree.source, answer.line,
                   f'Answer "{answer.label}" of question "{step.question}" is a red flag, but this path ends '
                   f'at outcome "{outcome.id}" ({outcome.verdict}), which tells the runner to run: '
                   f"{describe(tree, path)}.",
                   f"After a red flag, every path must end at one of: {', '.join(AFTER_RED_FLAG)}.")


def go_asks_every_red_flag(tree: Tree, path: Path) -> Problem | None:
    """2. A path to go has asked every red-flag question and got a clear "No" to each."""
    outcome = tree.outcomes[path.outcome]
    if outcome.verdict != "go":
        return None
    given = {s.question: a for s, a in zip(path.steps, _answers(tree, path))}
    screens = [q.id for q in tree.questions.values() if q.is_red_flag]
    skipped = [q for q in screens if q not in given]
    unclear = [q for q in screens if q in given and not is_explicit_no(given[q])]
    if not skipped and not unclear:
        return None
    if skipped:
        names = ", ".join(f'"{q}"' for q in skipped)
        why = f"never asks the red-flag question{'s' if len(skipped) > 1 else ''} {names}"
    else:
        why = f'passes red-flag question "{unclear[0]}" with "{given[unclear[0]].label}", not a clear "No"'
    return Problem(tree.source, outcome.line,
                   f'Outcome "{outcome.id}" says go, but this path to it {why}: {describe(tree, path)}.',
                   'A runner may only be told "go" after answering a clear "No" (a label starting '
                   "with No) to every red-flag question.")


def unsure_never_goes(tree: Tree, path: Path) -> Problem | None:
    """3. Not sure is not a no: an unsure answer never leads to go."""
    outcome = tree.outcomes[path.outcome]
    unsure = [(s, a) for s, a in zip(path.steps, _answers(tree, path)) if is_unsure(a)]
    if outcome.verdict != "go" or not unsure:
        return None
    step, answer = unsure[0]
    return Problem(tree.source, answer.line,
                   f'Answer "{answer.label}" of question "{step.question}" leads to outcome "{outcome.id}", '
                   f"which says go: {describe(tree, path)}.",
                   "A runner who is not sure must not be told to go: send this answer to a more careful outcome.")


def running_needs_screening(tree: Tree, path: Path) -> Problem | None:
    """No path tells a runner to run (go or easy) without asking any red-flag
    question. (Rule 2 covers "go" only, and says nothing in a tree without red flags.)"""
    outcome = tree.outcomes[path.outcome]
    if outcome.verdict not in RUNNING or any(tree.questions[s.question].is_red_flag for s in path.steps):
        return None
    return Problem(tree.source, outcome.line,
                   f'Outcome "{outcome.id}" tells the runner to run ({outcome.verdict}), but this path to it '
                   f"asks no red-flag question: {describe(tree, path)}.",
                   "Ask the red-flag questions (answers with red_flag: true) first, on every path.")


def red_flags_come_first(tree: Tree, path: Path) -> Problem | None:
    """5. As in NHS triage: no red-flag question after an ordinary one."""
    ordinary = None
    for step in path.steps:
        question = tree.questions[step.question]
        if not question.is_red_flag:
            ordinary = ordinary or question
        elif ordinary is not None:
            return Problem(tree.source, question.line,
                           f'Red-flag question "{question.id}" is asked after the ordinary question '
                           f'"{ordinary.id}": {describe(tree, path)}.',
                           "Ask every red-flag question before any other question.")
    return None


def urgent_names_emergency_number(tree: Tree, emergency_number: str) -> list[Problem]:
    """4. Every urgent outcome tells the reader to call the emergency number."""
    return [Problem(tree.source, outcome.line,
                    f'Outcome "{outcome.id}" is urgent, but its body does not say to call {emergency_number}.',
                    f'Write "Call {emergency_number} now" in the body.')
            for outcome in tree.outcomes.values()
            if outcome.verdict == "urgent" and emergency_number not in outcome.body]
