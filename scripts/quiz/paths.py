"""Staff views of a checked tree, for clinical sign-off: every path as table
rows, and the whole tree as Mermaid flowchart text. Pure functions; the CLI
prints them and the staff page (scripts/hooks/quiz.py) reuses path_rows.
"""
from __future__ import annotations

import re

from .model import Tree


def path_rows(tree: Tree) -> list[dict]:
    """One row per start-to-outcome path, in the tree's order.

    `answers` reads "Question? -> Answer; Next question? -> Answer", red-flag
    answers marked, so a physio can follow each path without the file."""
    rows = []
    for number, path in enumerate(tree.paths, 1):
        steps = []
        for step in path.steps:
            question = tree.questions[step.question]
            answer = question.answers[step.answer]
            steps.append({"question": question.id, "text": question.text, "answer": answer.label,
                          "red_flag": answer.red_flag})
        outcome = tree.outcomes[path.outcome]
        rows.append({
            "number": number,
            "steps": steps,
            "answers": "; ".join(f"{s['text']} -> {s['answer']}{' (red flag)' if s['red_flag'] else ''}"
                                 for s in steps),
            "outcome": outcome.title,
            "outcome_id": outcome.id,
            "verdict": outcome.verdict,
        })
    return rows


def markdown_table(tree: Tree) -> str:
    """path_rows as a Markdown table, to paste into a pull request."""
    def cell(value: object) -> str:
        return " ".join(str(value).split()).replace("|", "\\|")

    lines = [f"## {cell(tree.title)} ({tree.source})", "",
             f"Reviewed {tree.reviewed} by {cell(tree.reviewer)}; next review due {tree.review_due}. "
             f"{len(tree.paths)} paths.", "",
             "| # | Answers given | Outcome | Verdict |", "|---:|---|---|---|"]
    lines += [f"| {row['number']} | {cell(row['answers'])} | {cell(row['outcome'])} | {row['verdict']} |"
              for row in path_rows(tree)]
    return "\n".join(lines) + "\n"


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
