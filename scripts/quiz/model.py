"""The compiled quiz: a plain data model of nodes, edges and paths.

Built by compile.py from a validated tree; read by the MkDocs hook, the staff
CLI, the diagram and the tests. Nothing here knows about YAML or MkDocs.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .verdicts import IDS as VERDICTS  # noqa: F401  (re-exported: the verdict ids, least serious first)

# The fixed answers of a checklist question, in the order a runner sees them.
# "Not sure" leads where "Yes" does: on a warning-sign checklist both are red flags.
CHECKLIST_YES, CHECKLIST_NO, CHECKLIST_UNSURE = "Yes, one or more", "No, none of these", "Not sure"
SINGLE_SIGN_YES, SINGLE_SIGN_NO = "Yes", "No"


@dataclass(frozen=True)
class Answer:
    label: str
    next: str               # id of a question or an outcome
    red_flag: bool = False  # "Yes" or "Not sure" to a warning-sign checklist (derived, never typed)
    clears: bool = False    # "No, none of these" to a warning-sign checklist: the one answer that rules the signs out
    line: int | None = None


@dataclass(frozen=True)
class Sign:
    text: str
    help: str = ""
    line: int | None = None


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    answers: tuple[Answer, ...]
    help: str = ""
    line: int | None = None
    signs: tuple[Sign, ...] = ()   # a checklist question: "Do you have any of these?"
    warning: str = ""              # a warning-sign checklist: the least serious verdict its "Yes" may reach
    checklist: str = ""            # the id of the shared checklist (quiz/checklists.yml) it asks, if any
    source: str = ""               # where its text and signs are written, when not in the tree (that file)

    @property
    def is_checklist(self) -> bool:
        return bool(self.signs)

    @property
    def is_warning(self) -> bool:
        """A warning-sign checklist: declared in the tree with `warning:`, never guessed from words."""
        return bool(self.warning)


def checklist_answers(signs: int, if_yes: str, if_no: str, warning: bool,
                      yes_line: int | None = None, no_line: int | None = None) -> tuple[Answer, ...]:
    """The three answers of a checklist, made by the build so no tree can word them otherwise."""
    yes, no = (CHECKLIST_YES, CHECKLIST_NO) if signs != 1 else (SINGLE_SIGN_YES, SINGLE_SIGN_NO)
    return (Answer(yes, if_yes, red_flag=warning, line=yes_line),
            Answer(no, if_no, clears=warning, line=no_line),
            Answer(CHECKLIST_UNSURE, if_yes, red_flag=warning, line=yes_line))


@dataclass(frozen=True)
class Outcome:
    id: str
    title: str
    verdict: str            # one of VERDICTS
    body: str               # Markdown; article links are relative to content/
    links: tuple[str, ...] = ()   # article paths the body links to, e.g. "causes/worn-out-shoes.md"
    line: int | None = None
    source: str = ""        # the file it is written in, when not the tree's own (quiz/checklists.yml)


@dataclass(frozen=True)
class Step:
    question: str           # question id
    answer: int             # index into that question's answers


@dataclass(frozen=True)
class Path:
    steps: tuple[Step, ...]
    outcome: str            # outcome id


@dataclass(frozen=True)
class Tree:
    id: str
    title: str
    intro: str              # Markdown
    start: str              # id of the first question
    questions: dict[str, Question]
    outcomes: dict[str, Outcome]
    reviewed: str           # ISO date, e.g. "2026-11-20"
    reviewer: str
    review_due: str
    source: str = ""        # file the tree came from
    paths: tuple[Path, ...] = field(default=())   # every start-to-outcome path

    def answer(self, step: Step) -> Answer:
        return self.questions[step.question].answers[step.answer]

    def file_of(self, node: Question | Outcome) -> str:
        """The file a question or outcome is written in: the tree's, or quiz/checklists.yml."""
        return getattr(node, "source", "") or self.source
