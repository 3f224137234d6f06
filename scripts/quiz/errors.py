"""The one error type of the quiz compiler, and its formatter.

Every check reports a Problem; a file's problems are raised together as one
TreeError, so a physio can fix them all in one go.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str            # path as the editor knows it, e.g. "quiz/should-i-run-today.yml"
    line: int | None     # 1-based line in that file, None when not known
    message: str         # what is wrong, in plain words, naming the node or field
    hint: str = ""       # what to do about it

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.message}"
        return f"{text} {self.hint}" if self.hint else text


class TreeError(Exception):
    """A tree that must not be built. Carries every problem found in it, and the
    files whose clinical safety rules could not be checked yet because of them."""

    def __init__(self, problems: list[Problem], unchecked: tuple[str, ...] = ()):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0))
        self.unchecked = tuple(dict.fromkeys(unchecked))
        super().__init__(str(self))

    def __str__(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in a quiz tree:"
        lines = [head, *(f"  {p}" for p in self.problems)]
        if self.unchecked:
            from .safety import RULES   # (safety.py reports Problems: imported here, when first needed)
            lines.append(f"  The safety rules ({RULES[0].id} to {RULES[-1].id}: warning signs, who may run) of "
                         f"{', '.join(self.unchecked)} are "
                         "checked once these are fixed: build again after fixing them.")
        return "\n".join(lines)
