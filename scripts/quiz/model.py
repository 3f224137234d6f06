"""The compiled quiz: a plain data model of nodes, edges and paths.

Built by compile.py from a validated tree; read by the MkDocs hook, the staff
CLI, the diagram and the tests. Nothing here knows about YAML or MkDocs.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# The fixed list of verdicts, safest last. Order matters for the staff table.
VERDICTS = ("go", "easy", "cross-train", "rest", "see-a-physio", "urgent")


@dataclass(frozen=True)
class Answer:
    label: str
    next: str               # id of a question or an outcome
    red_flag: bool = False
    line: int | None = None


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    answers: tuple[Answer, ...]
    help: str = ""
    line: int | None = None

    @property
    def is_red_flag(self) -> bool:
        """A red-flag question is one with at least one answer marked red_flag."""
        return any(a.red_flag for a in self.answers)


@dataclass(frozen=True)
class Outcome:
    id: str
    title: str
    verdict: str            # one of VERDICTS
    body: str               # Markdown; article links are relative to content/
    links: tuple[str, ...] = ()   # article paths the body links to, e.g. "causes/worn-out-shoes.md"
    line: int | None = None


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
