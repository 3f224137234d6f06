"""Clinical safety rules: what no tree may ever tell a runner.

Warning signs are structural, never guessed from words: a warning-sign
checklist is declared in the tree (`warning: <verdict>`), its one clearing
answer is "No, none of these", and its "Yes" and "Not sure" are red flags. The
rules are checked on every start-to-outcome route, because a single answer can
look harmless and still, two questions later, end at "go for a run". The tree
is already free of loops and dangling answers (graph.py) when these run.
Each broken rule is reported once per route that breaks it, up to
MAX_PATHS_SHOWN per rule, and every message names the rule and shows the route.

RULES is the one list a physio signs against: quiz/README.md shows the same
ids and words (a test holds it to this table).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from .errors import Problem
from .model import Answer, Path, Question, Tree
from .text import without_links
from .verdicts import RUNNING, VERDICTS, at_least, seriousness, urgency

MAX_PATHS_SHOWN = 5


@dataclass(frozen=True)
class Rule:
    id: str          # "S1": in the code, the error text and quiz/README.md
    title: str       # what the rule promises, in a physio's words
    check: Callable  # (tree, path) -> Problem | None, or (tree, emergency_number) -> list[Problem]
    per_route: bool = True


# A clear label would be nicer to test with words, but words are not safety:
# "not sure" is only looked for in answers a tree writes itself (choice
# questions), as a second net under the structural rules.
_UNSURE = re.compile(r"not sure|unsure|don'?t know|do not know|no idea|maybe|can'?t tell", re.I)


def is_unsure(answer: Answer) -> bool:
    """Does the label say the runner is not sure? Look-alike spaces and quotes are
    folded first (NFKC), so a non-breaking space cannot hide it."""
    label = unicodedata.normalize("NFKC", answer.label).replace("\u2019", "'")
    return bool(_UNSURE.search(" ".join(label.split())))


def describe(tree: Tree, path: Path) -> str:
    """`emergency "No, none of these" -> legs "They feel fine" -> outcome "go"`"""
    steps = [f'{s.question} "{tree.answer(s).label}"' for s in path.steps]
    return " -> ".join([*steps, f'outcome "{path.outcome}"'])


def screening_checklists(tree: Tree) -> list[Question]:
    """The warning-sign checklists a runner can meet without having given a red
    flag: the screening every route to a run must pass. (A warning-sign checklist
    asked only after a red flag is a follow-up, and such routes never run.)"""
    seen, queue = {tree.start}, [tree.start]
    while queue:
        question = tree.questions.get(queue.pop())
        for answer in question.answers if question else ():
            if not answer.red_flag and answer.next not in seen:
                seen.add(answer.next)
                queue.append(answer.next)
    return [q for q in tree.questions.values() if q.is_warning and q.id in seen]


# Each rule: None if `path` is fine, else the Problem, at the line to change.

def warning_sign_is_acted_on(tree: Tree, path: Path) -> Problem | None:
    outcome = tree.outcomes[path.outcome]
    for step in path.steps:
        question, answer = tree.questions[step.question], tree.answer(step)
        if answer.red_flag and seriousness(outcome.verdict) < seriousness(question.warning):
            return Problem(tree.source, answer.line,
                           f'"{answer.label}" to the warning-sign checklist "{question.id}" (warning: '
                           f'{question.warning}) leads to outcome "{outcome.id}" ({outcome.verdict}): '
                           f"{describe(tree, path)}.",
                           f'After a "Yes" or "Not sure" here, every route must end at one of: '
                           f"{', '.join(at_least(question.warning))}.")
    return None


def run_only_after_screening(tree: Tree, path: Path) -> Problem | None:
    outcome = tree.outcomes[path.outcome]
    if outcome.verdict not in RUNNING:
        return None
    screens = screening_checklists(tree)
    cleared = {s.question for s in path.steps if tree.answer(s).clears}
    skipped = [q.id for q in screens if q.id not in cleared]
    if screens and not skipped:
        return None
    why = (f"never rules out the warning sign{'s' if len(skipped) > 1 else ''} of "
           + ", ".join(f'"{q}"' for q in skipped)) if screens else "asks no warning-sign checklist at all"
    return Problem(tree.file_of(outcome), outcome.line,
                   f'Outcome "{outcome.id}" lets the runner run ({outcome.verdict}), but this route to it {why}: '
                   f"{describe(tree, path)}.",
                   'A runner may only be told to run after answering "No, none of these" to every warning-sign '
                   "checklist: send this route through them first.")


def warning_signs_first(tree: Tree, path: Path) -> Problem | None:
    ordinary = None
    for step in path.steps:
        question = tree.questions[step.question]
        if not question.is_warning:
            ordinary = ordinary or question
        elif ordinary is not None:
            return Problem(tree.source, question.line,
                           f'Warning-sign checklist "{question.id}" is asked after the ordinary question '
                           f'"{ordinary.id}": {describe(tree, path)}.',
                           "Ask every warning-sign checklist before any other question, most urgent first.")
    return None


def most_urgent_first(tree: Tree, path: Path) -> Problem | None:
    before = None
    for step in path.steps:
        question = tree.questions[step.question]
        if not question.is_warning:
            continue
        if before is not None and urgency(question.warning) > urgency(before.warning):
            return Problem(tree.source, question.line,
                           f'Warning-sign checklist "{question.id}" ({question.warning}) is asked after '
                           f'"{before.id}" ({before.warning}), which is less urgent: {describe(tree, path)}.',
                           "Ask the checklists that send a runner for medical help first (999, then a check "
                           "today), so a runner with signs on two lists is sent for help: move this one up.")
        before = question
    return None


def unsure_never_runs(tree: Tree, path: Path) -> Problem | None:
    outcome = tree.outcomes[path.outcome]
    if outcome.verdict not in RUNNING:
        return None
    for step in path.steps:
        answer = tree.answer(step)
        if is_unsure(answer) and not tree.questions[step.question].is_checklist:
            return Problem(tree.source, answer.line,
                           f'Answer "{answer.label}" of question "{step.question}" leads to outcome '
                           f'"{outcome.id}", which lets the runner run ({outcome.verdict}): {describe(tree, path)}.',
                           "A runner who is not sure must not be told to run: send this answer to a more careful "
                           "outcome.")
    return None


def emergency_outcomes_say_the_number(tree: Tree, emergency_number: str) -> list[Problem]:
    # The number on its own, in the words a reader reads: not "9999", not inside a link.
    said = re.compile(rf"(?<![\w]){re.escape(emergency_number)}(?![\w])")
    return [Problem(tree.file_of(outcome), outcome.line,
                    f'Outcome "{outcome.id}" is {outcome.verdict}, but its body does not tell the reader to call '
                    f"{emergency_number}.",
                    f'Write "Call {emergency_number} now" in the body.')
            for outcome in tree.outcomes.values()
            if VERDICTS.get(outcome.verdict) and VERDICTS[outcome.verdict].calls == "emergency_number"
            and not said.search(without_links(outcome.body))]


RULES: tuple[Rule, ...] = (
    Rule("S1", 'A warning sign is acted on: after "Yes" or "Not sure" to a warning-sign checklist, every route '
               "ends at the checklist's `warning` verdict or a more serious one, so never at a run.",
         warning_sign_is_acted_on),
    Rule("S2", 'Running only after every warning sign is ruled out: every route to a verdict that lets the runner '
               'run (go, easy) answers "No, none of these" to every warning-sign checklist a runner can meet.',
         run_only_after_screening),
    Rule("S3", "Warning signs first: on every route, no warning-sign checklist comes after an ordinary question.",
         warning_signs_first),
    Rule("S4", '"Not sure" is not a no: on a choice question, an answer that says the runner is not sure never '
               'leads to a run. (On a checklist, "Not sure" goes where "Yes" goes; on a warning-sign checklist, '
               'rule S1 applies.)',
         unsure_never_runs),
    Rule("S5", "Emergencies name the number: the advice of every urgent outcome tells the reader to call the "
               "emergency number.",
         emergency_outcomes_say_the_number, per_route=False),
    Rule("S6", "Most urgent first: on every route, a warning-sign checklist that sends the runner for medical help "
               "(urgent: 999; same-day: a check today) comes before any less urgent one, so a runner with signs on "
               "two lists is sent for help.",
         most_urgent_first),
)


def safety_problems(tree: Tree, emergency_number: str = "999") -> list[Problem]:
    """Every broken rule, rule by rule. `tree.paths` must hold every path."""
    problems = []
    for rule in RULES:
        found = _capped(tree, rule.check) if rule.per_route else rule.check(tree, emergency_number)
        problems += [Problem(p.file, p.line, f"Safety rule {rule.id}: {p.message}", p.hint) for p in found]
    return problems


def _capped(tree: Tree, check) -> list[Problem]:
    """The rule's problems for the first routes that break it, and how many more do."""
    found = [p for path in tree.paths if (p := check(tree, path))]   # each names its route: no repeats
    shown, more = found[:MAX_PATHS_SHOWN], len(found) - MAX_PATHS_SHOWN
    if more > 0:
        last = shown[-1]
        shown[-1] = Problem(last.file, last.line, last.message,
                            f"{last.hint} (And {more} more route{'s' if more != 1 else ''} like this.)")
    return shown
