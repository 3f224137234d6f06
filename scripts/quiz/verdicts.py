"""The verdicts: what an outcome tells the runner to do today. Defined here once.

Everything else is derived from this table: the model's list, the safety rules
(which verdicts let a runner run, how serious each is), the words, icon and
colour of the badge (templates and the generated stylesheet), the call and
booking buttons, the diagram. The schema's enums and the README's table are held
to it by tests (tests/test_quiz_verdicts.py).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Verdict:
    id: str           # as written in a tree: `verdict: rest`
    word: str         # the badge, e.g. "Rest"
    today: str        # "What to do today: ..."
    icon: str         # a Material icon, shown with the word (never colour alone)
    colour: str       # badge background; white text on it is at least 4.5:1
    fill: str         # light fill of the outcome box in the staff diagram
    runs: bool        # lets the runner run today
    calls: str = ""   # the extra.clinic number the main button calls: "emergency_number" or "health_line"
    booking: str = ""  # the clinic's booking box: "offer" (main action) or "follow-up" (after the call)
    box: str = "warning"  # the admonition type of its urgent-advice box in the articles


# Least serious first: the order is the seriousness the safety rules compare.
VERDICT_TABLE: tuple[Verdict, ...] = (
    Verdict("go", "Go", "You can run as planned.", "check-circle", "#1b5e20", "#d4edda", runs=True),
    Verdict("easy", "Easy run", "Run, but easier or shorter than planned.", "walk", "#00695c", "#e3f2d0",
            runs=True),
    Verdict("cross-train", "Cross-train", "Skip running today; do something gentle instead.", "bike",
            "#0d47a1", "#d6eaf8", runs=False),
    Verdict("rest", "Rest", "Rest from running today.", "bed", "#6d4c00", "#fff3cd", runs=False),
    Verdict("see-a-physio", "See a physio", "Stop running until a physio has checked this.", "stethoscope",
            "#8e2c00", "#ffe0b2", runs=False, booking="offer"),
    Verdict("same-day", "Get checked today", "Do not run. Get checked by a doctor or nurse today.",
            "clock-alert-outline", "#6a1b9a", "#ead7f5", runs=False, calls="health_line", booking="follow-up"),
    Verdict("urgent", "Get help now", "Get emergency help now.", "alert-octagon", "#b71c1c", "#f8d7da",
            runs=False, calls="emergency_number", booking="follow-up", box="danger"),
)

VERDICTS: dict[str, Verdict] = {v.id: v for v in VERDICT_TABLE}
IDS: tuple[str, ...] = tuple(VERDICTS)
RUNNING: tuple[str, ...] = tuple(v.id for v in VERDICT_TABLE if v.runs)
# What a warning-sign checklist may ask for: any verdict that keeps the runner from running.
WARNING_LEVELS: tuple[str, ...] = tuple(v.id for v in VERDICT_TABLE if not v.runs)


def seriousness(verdict: str) -> int:
    """0 for go, up to the most serious; unknown verdicts count as the least serious."""
    return IDS.index(verdict) if verdict in VERDICTS else -1


def urgency(verdict: str) -> int:
    """How fast the runner must get medical help: 2 now (the emergency number), 1
    today (the health line), 0 not today. Warning-sign checklists are asked in
    this order (the brief sorts warning signs by how fast to act)."""
    calls = VERDICTS[verdict].calls if verdict in VERDICTS else ""
    return {"emergency_number": 2, "health_line": 1}.get(calls, 0)


def at_least(verdict: str) -> tuple[str, ...]:
    """`verdict` and every more serious one."""
    return IDS[seriousness(verdict):]


def stylesheet() -> str:
    """The badge colours, appended to quiz.css at build time (so CSS never lists verdicts by hand)."""
    return "".join(f".md-typeset .slsr-verdict--{v.id}{{background:{v.colour}}}\n" for v in VERDICT_TABLE)
