"""Staff views of a checked tree, for clinical sign-off: every route as table
rows (the warning-sign screening shown once, not in every row), the route
lengths, and the whole tree as Mermaid flowchart text. Pure functions; the CLI
prints them and the staff page (scripts/build/hooks/quiz.py) reuses route_groups.
"""
from __future__ import annotations

import re

from .model import Path, Tree


def screened(tree: Tree, path: Path) -> int:
    """How many of the route's first steps rule out warning signs ("No, none of
    these" to a warning-sign checklist): the screening every runner goes through."""
    count = 0
    for step in path.steps:
        if not tree.answer(step).clears:
            break
        count += 1
    return count


def path_rows(tree: Tree) -> list[dict]:
    """One row per start-to-outcome route, in the tree's order. `screened` lists the
    warning-sign checklists the route ruled out first; `steps` and `answers`
    ("Question? -> Answer; ...", red flags marked) are what comes after them."""
    rows = []
    for number, path in enumerate(tree.paths, 1):
        skip = screened(tree, path)
        steps = []
        for step in path.steps[skip:]:
            question, answer = tree.questions[step.question], tree.answer(step)
            steps.append({"question": question.id, "text": question.text, "answer": answer.label,
                          "red_flag": answer.red_flag})
        outcome = tree.outcomes[path.outcome]
        rows.append({
            "number": number,
            "screened": [s.question for s in path.steps[:skip]],
            "steps": steps,
            "answers": "; ".join(f"{s['text']} -> {s['answer']}{' (red flag)' if s['red_flag'] else ''}"
                                 for s in steps),
            "questions": len(path.steps),
            "outcome": outcome.title,
            "outcome_id": outcome.id,
            "verdict": outcome.verdict,
        })
    return rows


def route_groups(tree: Tree) -> list[dict]:
    """path_rows grouped by the screening they start with, the shortest screening
    first, rows in route order within a group. `heading` names the screening in
    the questions' words, as the runner read them (ids mean nothing to a physio
    signing off): [{"screened": ["emergency", ...], "heading": "After ...", "rows": [...]}, ...]."""
    groups: dict[tuple[str, ...], list[dict]] = {}
    for row in path_rows(tree):
        groups.setdefault(tuple(row["screened"]), []).append(row)
    return [{"screened": list(key), "heading": _screening(tree, key), "rows": groups[key]}
            for key in sorted(groups, key=len)]


def lengths(tree: Tree) -> dict:
    """Route lengths in questions (screens before the result): the shortest and
    longest route, and the shortest route to each verdict the tree gives."""
    by_length = sorted(tree.paths, key=lambda p: len(p.steps))
    to_verdict: dict[str, Path] = {}
    for path in by_length:
        to_verdict.setdefault(tree.outcomes[path.outcome].verdict, path)
    longest = max(tree.paths, key=lambda p: len(p.steps))   # the first of the longest, in route order
    return {"shortest": by_length[0], "longest": longest, "to_verdict": to_verdict}


def describe(tree: Tree, path: Path) -> str:
    return " -> ".join([*(f'{s.question} "{tree.answer(s).label}"' for s in path.steps), path.outcome])


def markdown_table(tree: Tree) -> str:
    """The routes as Markdown, to paste into a pull request: route lengths first,
    then one table per screening (the warning-sign checklists a route ruled out)."""
    def cell(value: object) -> str:
        return " ".join(str(value).split()).replace("|", "\\|")

    span = lengths(tree)
    lines = [f"## {cell(tree.title)} ({tree.source})", "",
             f"Reviewed {tree.reviewed} by {cell(tree.reviewer)}; next review due {tree.review_due}. "
             f"{len(tree.questions)} questions, {len(tree.outcomes)} outcomes, {len(tree.paths)} routes.", "",
             f"- Shortest route: {_questions(span['shortest'])}: {cell(describe(tree, span['shortest']))}",
             f"- Longest route: {_questions(span['longest'])}: {cell(describe(tree, span['longest']))}",
             "- Shortest route to each verdict: " + ", ".join(
                 f"{verdict} {len(path.steps)}" for verdict, path in span["to_verdict"].items()), ""]
    lines += ["### Checklists", ""]
    for question in (q for q in tree.questions.values() if q.is_checklist):
        kind = f"warning signs: {question.warning}" if question.is_warning else "not warning signs"
        where = f", from {question.source}" if question.source else ""
        lines += [f"{cell(question.text)} (`{question.id}`, {kind}{where}):", ""]
        lines += [f"- {cell(sign.text)}" + (f" ({cell(sign.help)})" if sign.help else "") for sign in question.signs]
        lines += ["", f"Yes or Not sure → {question.answers[0].next}; No → {question.answers[1].next}", ""]
    lines += ["### Routes", ""]
    for group in route_groups(tree):
        lines += [f"{cell(group['heading'])}:", ""]
        lines += ["| Route | Answers given | Outcome | Verdict | Questions |", "|---:|---|---|---|---:|"]
        lines += [f"| {row['number']} | {cell(row['answers'])} | {cell(row['outcome'])} | {row['verdict']} "
                  f"| {row['questions']} |" for row in group["rows"]]
        lines.append("")
    return "\n".join(lines)


def to_mermaid(tree: Tree) -> str:
    """The tree as a Mermaid flowchart: questions as boxes, outcomes as rounded
    nodes with their verdict, answers as labelled edges, red flags dotted."""
    def node(kind: str, nid: str) -> str:   # Mermaid ids: no hyphens, never a keyword
        return f"{kind}_{re.sub(r'[^A-Za-z0-9]', '_', nid)}"

    lines = ["flowchart TD"]
    for question in tree.questions.values():
        lines.append(f'  {node("q", question.id)}["{_quote(question.text)}"]')
    for outcome in tree.outcomes.values():
        lines.append(f'  {node("o", outcome.id)}(["{_quote(outcome.verdict.upper() + ": " + outcome.title)}"])')
    for question in tree.questions.values():
        for answer in question.answers:
            target = node("o" if answer.next in tree.outcomes else "q", answer.next)
            arrow, label = ("-.->", f"{answer.label} (red flag)") if answer.red_flag else ("-->", answer.label)
            lines.append(f'  {node("q", question.id)} {arrow}|"{_quote(label)}"| {target}')
    lines.append("  classDef start stroke-width:3px")
    lines.append(f"  class {node('q', tree.start)} start")
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    """Text safe inside a Mermaid "…" label: entity codes for quotes and markup."""
    text = " ".join(text.split())
    return text.replace("#", "#35;").replace('"', "#34;").replace("<", "#60;").replace(">", "#62;")


def _screening(tree: Tree, screened: tuple[str, ...]) -> str:
    """'After “No, none of these” to “A?” and “B?”', or 'From the first question'."""
    if not screened:
        return "From the first question"
    words = [f"“{' '.join(tree.questions[q].text.split())}”" for q in screened]
    listed = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
    return f"After “No, none of these” to {listed}"


def _questions(path: Path) -> str:
    return f"{len(path.steps)} question{'s' if len(path.steps) != 1 else ''}"
