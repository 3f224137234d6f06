"""The graph checks of a quiz tree, on the model: start and ids, where answers
lead, loops, what cannot be reached (said at the answer that cut it off),
route length and size. Each a Problem in plain words (validate.py's).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from scripts.build.plain_text import excerpt

from .errors import Problem
from .loader import Lines, line_of
from .model import Answer, Question, Sign, Tree
from .pages import EMBED
from .validate import MAX_PATHS, MAX_ROUTE, answer_name, schema, sentence, suggest


def edges(tree: Tree) -> Iterator[tuple[Question, int, Answer]]:
    """Every answer the editor wrote: all of a question's, and a checklist's
    "if_yes" and "if_no" ("Not sure" goes where "if_yes" does, so it is left out)."""
    for question in tree.questions.values():
        for index, answer in enumerate(question.answers[:2] if question.is_checklist else question.answers):
            yield question, index, answer


def edge_name(question: Question, index: int) -> str:
    """How the editor wrote this answer: `answer "No"`, or `"if_no"` of a checklist."""
    if question.is_checklist:
        return '"if_no"' if index == 1 else '"if_yes"'
    return answer_name(question.answers[index].label, index)


def graph_problems(tree: Tree, lines: Lines, *, complete: bool = True, today: date | None = None) -> list[Problem]:
    """Id and start, shared ids, dangling next, repeated labels, checklists that
    decide nothing, loops, unreachable nodes, route length, size.
    `complete`: False when build_tree left out parts the schema refused; then a node
    may only look unreachable, so that check waits."""
    dangling, loops = _dangling_problems(tree), _loop_problems(tree)
    problems = [*_header_problems(tree, lines, today), *_shared_id_problems(tree), *_reserved_id_problems(tree), *dangling,
                *_label_problems(tree), *_checklist_problems(tree), *loops]
    if tree.start in tree.questions:
        if not dangling and complete:   # a misspelled "next" cuts off everything behind it: fix that first
            problems += _unreachable_problems(tree)
        if not loops and not dangling:
            problems += _route_problems(tree) + _size_problems(tree, lines)
    return problems


def _header_problems(tree: Tree, lines: Lines, today: date | None = None) -> list[Problem]:
    """Blank fields are the schema's to report; these are the mistakes between fields."""
    file, problems = tree.source, []
    if tree.id and tree.id != Path(file).stem:   # the id is the page address: the file name must say which
        problems.append(Problem(file, line_of(lines, ("id",)),
                                f'The tree\'s "id" is "{excerpt(tree.id)}", but the file is named "{Path(file).name}".',
                                "They must match: change the id or rename the file "
                                "(lowercase letters, digits and hyphens)."))
    line = line_of(lines, ("start",))
    if tree.start in tree.outcomes:
        problems.append(Problem(file, line, f'The tree starts at "{excerpt(tree.start)}", which is an outcome.',
                                '"start" must be the id of the first question.'))
    elif tree.start and tree.start not in tree.questions:
        problems.append(Problem(file, line, f'The tree starts at "{excerpt(tree.start)}", which is not a question.',
                                suggest(tree.start, tree.questions) or '"start" must be the id of the first question.'))
    if tree.reviewed and tree.review_due and tree.review_due <= tree.reviewed:   # ISO dates compare as text
        problems.append(Problem(file, line_of(lines, ("review_due",)),
                                f'"review_due" ({excerpt(tree.review_due)}) is not after "reviewed" '
                                f'({excerpt(tree.reviewed)}).',
                                "Write the day the next clinical review is due."))
    if today and _ISO_DATE.fullmatch(tree.reviewed) and tree.reviewed > today.isoformat():
        problems.append(Problem(file, line_of(lines, ("reviewed",)), f'"reviewed" ({tree.reviewed}) is in the future.',
                                "Write the day a physio really checked the quiz: today or earlier."))
    return problems


_ID = re.compile(schema()["$defs"]["id"]["pattern"])
_ISO_DATE = re.compile(schema()["$defs"]["date"]["pattern"])


# Page addresses the build gives a quiz itself: quiz/<tree>/ is the start page,
# quiz/<tree>/embed/ the page partner sites show in a frame.
RESERVED_IDS = {"index": "the quiz's start page", EMBED: "the page partner sites embed"}


def _reserved_id_problems(tree: Tree) -> list[Problem]:
    return [Problem(tree.source, node.line,
                    f'The id "{excerpt(node.id)}" cannot be used: {RESERVED_IDS[node.id]} has that address.',
                    "Choose another id, and change the answers that lead to it.")
            for node in (*tree.questions.values(), *tree.outcomes.values()) if node.id in RESERVED_IDS]


def _shared_id_problems(tree: Tree) -> list[Problem]:
    return [Problem(tree.source, outcome.line, f'"{excerpt(oid)}" is the id of both a question and an outcome.',
                    "Rename one of them, and the answers that lead to it.")
            for oid, outcome in tree.outcomes.items() if oid in tree.questions]


def _dangling_problems(tree: Tree) -> list[Problem]:
    nodes = [*tree.questions, *tree.outcomes]
    good = [n for n in nodes if _ID.match(n)]   # never suggest an id the schema refuses
    return [Problem(tree.source, answer.line,
                    f'{sentence(edge_name(question, index))} of question "{excerpt(question.id)}" goes to '
                    f'"{excerpt(answer.next)}", which is not a question or outcome.',
                    suggest(answer.next, good) or "Check the spelling, or add that question or outcome.")
            for question, index, answer in edges(tree) if answer.next not in nodes]


def _label_problems(tree: Tree) -> list[Problem]:
    problems = []
    for question in tree.questions.values():
        seen: set[str] = set()
        for answer in question.answers:
            key = " ".join(answer.label.split()).casefold()
            if key and key in seen:   # a blank label is the schema's to report
                problems.append(Problem(tree.source, answer.line,
                                        f'Question "{excerpt(question.id)}" has the answer "{excerpt(answer.label)}" '
                                        "twice.",
                                        "A runner could not tell them apart: reword or remove one."))
            seen.add(key)
    return problems


def _checklist_problems(tree: Tree) -> list[Problem]:
    """A checklist whose "Yes" and "No" lead to the same place decides nothing; on a
    warning-sign checklist it would let a warning sign through unnoticed. A sign
    written twice is read twice, and the list looks unchecked."""
    problems = [Problem(tree.source, question.answers[1].line,
                        f'"if_yes" and "if_no" of question "{excerpt(question.id)}" both lead to '
                        f'"{excerpt(question.answers[0].next)}".',
                        'A runner who ticks a sign must go somewhere else than one who has none: change "if_yes" or '
                        '"if_no".')
                for question in tree.questions.values()
                if question.is_checklist and question.answers and question.answers[0].next == question.answers[1].next]
    for question in tree.questions.values():
        own = [] if question.source else [(question.id, question.signs)]   # quiz/checklists.yml checks its own
        problems += [Problem(tree.source, sign.line,
                             f'Question "{excerpt(question.id)}" lists the sign "{excerpt(sign.text)}" '
                             f"twice: it is already on line {first.line}.",
                             "A runner would read it twice: delete this one, or reword it if the two "
                             "mean different things.")
                     for _, sign, _, first in repeated_signs(own)]
    return problems


def repeated_signs(groups) -> Iterator[tuple[str, Sign, str, Sign]]:
    """(group, sign, first group, first sign) for each sign whose words (sign_key)
    came earlier, in its own group or another: `groups` is (name, signs) pairs.
    A blank sign is the schema's to report."""
    first: dict[str, tuple[str, Sign]] = {}
    for name, signs in groups:
        for sign in signs:
            key = sign_key(sign.text)
            if key in first:
                yield name, sign, *first[key]
            elif key:
                first[key] = (name, sign)


def sign_key(text: str) -> str:
    """What makes two signs the same to a reader: the words, whatever the capitals,
    spaces or full stop at the end."""
    return " ".join(text.split()).casefold().rstrip(" .!?;:,")


def _unreachable_problems(tree: Tree) -> list[Problem]:
    """One problem per cut-off part of the tree, said where the cut most likely
    is: at the answer that now skips past it (an answer rewired to go further
    on), else at the first node of the part. Never "delete it" for a part with
    questions in it: those are usually the everyday questions, orphaned by one edit."""
    reached = reachable(tree, tree.start)
    lost = [n for n in (*tree.questions.values(), *tree.outcomes.values()) if n.id not in reached]
    led_to = {a.next for q in tree.questions.values() if q.id not in reached for a in q.answers}
    problems = []
    for root in (n for n in lost if n.id not in led_to):   # where each cut-off part begins
        behind = reachable(tree, root.id)
        kind = "Question" if root.id in tree.questions else "Outcome"
        after = [n for n in lost if n.id in behind and n.id != root.id]
        counts = [(sum(n.id in tree.questions for n in after), "question"),
                  (sum(n.id in tree.outcomes for n in after), "outcome")]
        named = " and ".join(f"{count} {noun}{'s' if count != 1 else ''}" for count, noun in counts if count)
        what = f'{kind} "{excerpt(root.id)}"' + (f" and the {named} after it" if after else "")
        skips = sorted(_skips(tree, reached, behind, root.id), key=lambda e: (e[3], e[2].line or 0))
        if skips:
            question, index, answer, _ = skips[0]
            others = "" if len(skips) == 1 else f" (and {len(skips) - 1} other answer{'s' if len(skips) > 2 else ''} " \
                                                 "that lead past it)"
            problems.append(Problem(
                tree.source, answer.line,
                f'{what} cannot be reached from the start: no answer leads to "{excerpt(root.id)}". '
                f'{sentence(edge_name(question, index))} of question "{excerpt(question.id)}" goes to '
                f'"{excerpt(answer.next)}", which comes after it{others}.',
                f'Was it meant to go to "{excerpt(root.id)}"? Change it back, or make another answer lead to '
                f'"{excerpt(root.id)}".'))
        else:
            # Deleting is safe advice only for a lone outcome: a question holds a rule someone wrote.
            hint = f'Make an answer\'s "next" lead to "{excerpt(root.id)}" again (look for the answer you changed)' + (
                ", or delete it." if root.id in tree.outcomes and not after else ".")
            problems.append(Problem(tree.source, root.line, f"{what} cannot be reached from the start.", hint))
    return problems


def _skips(tree: Tree, reached: set[str], behind: set[str], root: str):
    """Answers of questions a runner can reach that lead into the part behind
    `root`, but not to `root` itself: they skip past it. Ranked: to a question
    first, then to a node no other answer reaches (most likely the rewired one)."""
    for question, index, answer in edges(tree):
        if question.id in reached and answer.next in behind and answer.next != root:
            others = sum(1 for q, _, a in edges(tree) if q.id in reached and a.next == answer.next)
            yield question, index, answer, (answer.next not in tree.questions, others > 1)


def _route_problems(tree: Tree) -> list[Problem]:
    longest = longest_route(tree)
    if len(longest) <= MAX_ROUTE:
        return []
    names = " -> ".join(f'"{excerpt(q)}"' for q in longest)
    return [Problem(tree.source, tree.questions[longest[MAX_ROUTE]].line,
                    f"A route through this quiz asks {len(longest)} questions, more than the {MAX_ROUTE} a runner "
                    f"will answer: {names}.",
                    "Ask fewer questions on this route: put signs that lead to the same advice into one checklist.")]


def _size_problems(tree: Tree, lines: Lines) -> list[Problem]:
    count = count_paths(tree)
    if count <= MAX_PATHS:
        return []
    return [Problem(tree.source, line_of(lines, ("questions",)),
                    f"The tree has {count} different paths from start to outcome, "
                    f"more than the {MAX_PATHS} a person can check.",
                    "Let answers that mean the same thing lead to one shared question, or split the quiz in two.")]


def reachable(tree: Tree, start: str) -> set[str]:
    """Every question and outcome a runner can get to from `start`."""
    seen, queue = {start}, [start]
    while queue:
        question = tree.questions.get(queue.pop())
        for answer in question.answers if question else ():
            if answer.next not in seen:
                seen.add(answer.next)
                queue.append(answer.next)
    return seen


def _loop_problems(tree: Tree) -> list[Problem]:
    """An answer leading back to a question already on the way: the runner goes round forever."""
    problems, state = [], {}   # state: 1 = on the current route, 2 = done
    for root in [tree.start, *tree.questions]:
        if root not in tree.questions or state.get(root):
            continue
        stack, trail = [(root, 0)], [root]
        state[root] = 1
        while stack:
            node, index = stack[-1]
            question = tree.questions[node]
            answers = question.answers[:2] if question.is_checklist else question.answers
            if index == len(answers):
                stack.pop()
                trail.pop()
                state[node] = 2
                continue
            stack[-1] = (node, index + 1)
            target = answers[index].next
            if target not in tree.questions:
                continue
            if state.get(target) == 1:
                cycle = " -> ".join(map(excerpt, [*trail[trail.index(target):], target]))
                problems.append(Problem(tree.source, answers[index].line,
                                        f'{sentence(edge_name(question, index))} of question '
                                        f'"{excerpt(node)}" leads back to question "{excerpt(target)}", so a runner '
                                        f"could go round in a loop: {cycle}.",
                                        "Every answer must move on to a later question or to an outcome."))
            elif not state.get(target):
                state[target] = 1
                stack.append((target, 0))
                trail.append(target)
    return problems


def count_paths(tree: Tree) -> int:
    """Start-to-outcome paths, counted without listing them (the tree has no loops)."""
    memo: dict[str, int] = {}

    def count(node: str) -> int:
        if node not in tree.questions:
            return 1 if node in tree.outcomes else 0
        if node not in memo:
            memo[node] = sum(count(answer.next) for answer in tree.questions[node].answers)
        return memo[node]

    return count(tree.start)


def longest_route(tree: Tree) -> list[str]:
    """The questions of the longest start-to-outcome route (the tree has no loops)."""
    memo: dict[str, list[str]] = {}

    def longest(node: str) -> list[str]:
        if node not in tree.questions:
            return []
        if node not in memo:
            memo[node] = [node, *max((longest(a.next) for a in tree.questions[node].answers), key=len, default=[])]
        return memo[node]

    return longest(tree.start)
