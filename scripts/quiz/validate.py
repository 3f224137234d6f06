"""The shape, graph and text checks of a quiz tree, each a Problem in plain words.

Shape: quiz/schema.json, every error reported (iter_errors), translated from
JSON Schema terms into the words a physio used in the file. Graph: start,
next, loops, unreachable nodes, route length, size, on the model. Text: article
links (and their #parts) and raw HTML in the Markdown fields. Clinical rules
live in safety.py. A message quotes at most a short excerpt of anything from
the tree (excerpt()): a 30,000-character label must not become a 30,000-character
error.
"""
from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, ValidationError

from scripts.build.plain_text import excerpt

from .errors import Problem
from .loader import Lines, PathKey, line_of
from .model import Answer, Question, Sign, Tree
from .pages import EMBED
from .text import SCHEME, WEB_SCHEMES, link_targets, render, tags_in

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "quiz" / "schema.json"
# Past this many start-to-outcome paths no person can sign the tree off, and
# listing them would slow the build; a tree this tangled needs splitting.
MAX_PATHS = 2000
# Runners give up on long quizzes, and every answer is part of a result page's
# address: no route may ask more questions than this.
MAX_ROUTE = 6


# ---------------------------------------------------------------------------
# Naming things the way the editor sees them
# ---------------------------------------------------------------------------

def sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def is_blank(text: str) -> bool:
    """Nothing a reader could see: spaces, or invisible characters (as the schema's "text")."""
    return not re.search(schema()["$defs"]["text"]["pattern"], text)


def answer_name(label: object, index: int) -> str:
    return f'answer "{excerpt(label)}"' if isinstance(label, str) and not is_blank(label) else f"answer {index + 1}"


def where(path: PathKey, data: object) -> str:
    """`("questions", "pain", "answers", 1, "next")` -> `"next" of answer "No" of question "pain"`."""
    if not path:
        return "the tree"
    if path[0] == "scenarios" and len(path) >= 2 and isinstance(path[1], int):
        name = f"scenario {path[1] + 1}"
        return f'"{excerpt(path[-1])}" of {name}' if len(path) > 2 else name
    if path[0] in ("questions", "outcomes", "checklists") and len(path) >= 2:
        name, rest = f'{path[0][:-1]} "{excerpt(path[1])}"', path[2:]
        if path[0] == "questions" and len(rest) >= 2 and rest[0] == "answers" and isinstance(rest[1], int):
            label = _get(data, (*path[:4], "label"))
            name, rest = f"{answer_name(label, rest[1])} of {name}", rest[2:]
        elif len(rest) >= 2 and rest[0] == "signs" and isinstance(rest[1], int):
            name, rest = f"sign {rest[1] + 1} of {name}", rest[2:]
        elif path[0] == "checklists" and len(rest) >= 2 and rest[0] in ("outcome", "box"):
            name, rest = f"the {rest[0]} of {name}", rest[1:]
        return f'"{excerpt(rest[0])}" of {name}' if rest else name
    return f'the tree\'s "{excerpt(path[0])}"' + "".join(f"[{excerpt(key)}]" for key in path[1:])


def suggest(word: object, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f'Did you mean "{excerpt(close[0])}"?' if close else ""


def _get(data: object, path: PathKey) -> object:
    for key in path:
        try:
            data = data[key]   # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return data


# ---------------------------------------------------------------------------
# Shape: JSON Schema, in plain words
# ---------------------------------------------------------------------------

@cache
def schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _root(definition: str | None) -> dict:
    """The whole schema (a tree file), or one of its definitions as the root (another quiz/ file)."""
    if definition is None:
        return schema()
    return {"$schema": schema()["$schema"], "$ref": f"#/$defs/{definition}", "$defs": schema()["$defs"]}


@cache
def _validator(definition: str | None = None) -> Draft202012Validator:
    return Draft202012Validator(_root(definition), format_checker=Draft202012Validator.FORMAT_CHECKER)


def shape_problems(data: object, lines: Lines, source: str, definition: str | None = None) -> list[Problem]:
    """Every way `data` breaks the schema (or its `definition`, e.g. "checklists-file");
    one Problem each, with its line."""
    found: dict[Problem, None] = {}   # a dict keeps order and drops repeats
    for error in _validator(definition).iter_errors(data):
        for problem in _explain(error, data, lines, source, _root(definition)):
            found[problem] = None
    return list(found)


_KINDS = {
    "string": "a text",
    "object": 'a block of named entries (lines like "name: value")',
    "array": 'a list (lines starting with "- ")',
}


def _explain(error: ValidationError, data: object, lines: Lines, file: str, root: dict) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    kind, value, here = error.validator, error.instance, where(path, data)
    hint = _description(error, root)
    if "propertyNames" in error.absolute_schema_path:
        # The id itself is wrong (e.g. "Sharp pain"): jsonschema reports it at the parent.
        yield Problem(file, line_of(lines, (*path, value)),
                      f'The id "{excerpt(value)}" in "{excerpt(path[-1])}" cannot be used.', hint)
    elif kind == "required":
        typed = [key for key in value if key not in _property_names(error.schema)] if isinstance(value, dict) else []
        for name in error.validator_value:
            # A field typed with a slip ("if-yes") is reported once, as that slip.
            if isinstance(value, dict) and name not in value and not suggest(name, typed):
                field_hint = _property(error.schema, name).get("description", "")
                yield Problem(file, line_of(lines, path), f'{sentence(here)} has no "{name}".',
                              f'Add "{name}:". {field_hint}'.strip())
    elif kind == "additionalProperties" and error.validator_value is False:
        known = list(error.schema.get("properties", {}))
        for name in value:
            if name not in known:
                yield Problem(file, line_of(lines, (*path, name)),
                              f'{sentence(here)} has a field "{excerpt(name)}" that a quiz does not use.',
                              _RETIRED.get(name) or suggest(name, known) or _same_meaning(name, known)
                              or f"The fields here are: {', '.join(known)}.")
    elif kind == "type" and value in (None, ""):   # a field name with nothing after its colon
        yield Problem(file, line_of(lines, path), f"{sentence(here)} is empty.", hint)
    elif kind == "type":
        expected = _KINDS.get(error.validator_value, error.validator_value)
        if error.validator_value == "string" and isinstance(value, bool):
            hint = f'Put it in quote marks, e.g. "{str(value).lower()}".'
        yield Problem(file, line_of(lines, path), f"{sentence(here)} must be {expected}, not {_show(value)}.", hint)
    elif kind == "enum":
        yield Problem(file, line_of(lines, path),
                      f'{sentence(here)} is "{excerpt(value)}", which the quiz does not know.',
                      " ".join(filter(None, [suggest(value, error.validator_value), hint])))
    elif kind == "minLength" or (kind == "pattern" and error.validator_value == schema()["$defs"]["text"]["pattern"]):
        yield Problem(file, line_of(lines, path), f"{sentence(here)} is blank.", hint)
    elif kind in ("pattern", "format") and error.schema.get("format") == "date":
        yield Problem(file, line_of(lines, path), f'{sentence(here)} "{excerpt(value)}" is not a real date.', hint)
    elif kind == "pattern":
        yield Problem(file, line_of(lines, path), f'{sentence(here)} "{excerpt(value)}" is not a valid id.', hint)
    elif kind == "minItems":   # "answers" or "signs": name its owner
        owner, noun = where(path[:-1], data), str(path[-1]).removesuffix("s") if len(value) == 1 else path[-1]
        count = f"has {len(value)} {noun}, but needs at least {error.validator_value}" if value else f"has no {noun}"
        yield Problem(file, line_of(lines, path), f"{sentence(owner)} {count}.", hint)
    elif kind == "maxLength":
        yield Problem(file, line_of(lines, path), f'{sentence(here)} is {len(value)} characters long, '
                      f"more than the {error.validator_value} allowed.", hint)
    elif kind == "maxItems":
        split = ("Split the list in two: a second checklist with the same \"warning\", asked right after it "
                 "(quiz/README.md, \"Warning-sign checklists\")." if path and path[-1] == "signs" else
                 "Split them over two questions.")
        yield Problem(file, line_of(lines, path), f"{sentence(here)} has {len(value)} items, more than the "
                      f"{error.validator_value} a runner can take in on one screen.", split)
    elif kind == "minProperties":
        yield Problem(file, line_of(lines, path), f"{sentence(here)} has none.", hint)
    else:   # a keyword added to the schema later, before it gets its own wording
        said = error.message.replace(repr(value), f'"{excerpt(value)}"') if isinstance(value, str) else error.message
        yield Problem(file, line_of(lines, path), f"{sentence(here)}: {excerpt(said, 200)}.", hint)


# Fields of the first quiz format, and what to write now.
_RETIRED = {
    "red_flag": "Warning signs are now asked as a checklist, which marks its own red flags: write the question "
                'with "signs:", "warning:", "if_yes:" and "if_no:" (see quiz/README.md, "Checklists").',
}

# Words an editor may use for a field, and the field a quiz calls that.
_SAME_MEANING = {"hint": "help", "tip": "help", "note": "help", "explanation": "help",
                 "label": "text", "sign": "text", "question": "text"}


def _same_meaning(name: str, known: list[str]) -> str:
    meant = _SAME_MEANING.get(str(name).casefold())
    return f'Did you mean "{meant}"? ' + f"The fields here are: {', '.join(known)}." if meant in known else ""


def _show(value: object) -> str:
    if isinstance(value, bool):
        return f"the word {str(value).lower()}"
    if isinstance(value, dict):
        return "a block of named entries"
    if isinstance(value, list):
        return "a list"
    return f'"{excerpt(value)}"'


def _resolve(subschema: dict) -> dict:
    ref = subschema.get("$ref", "")
    if ref.startswith("#/$defs/"):
        # The definition's own description (e.g. how to write an id) beats the field's.
        return {**subschema, **schema()["$defs"][ref.removeprefix("#/$defs/")]}
    return subschema


def _property_names(subschema: dict) -> list[str]:
    return list(subschema.get("properties", {}))


def _property(subschema: dict, name: str) -> dict:
    return subschema.get("properties", {}).get(name, {})


def _description(error: ValidationError, root: dict) -> str:
    """The innermost 'description' on the schema path: that is the field's hint."""
    node = _resolve(root)
    top = found = node.get("description", "")
    for step in error.absolute_schema_path:
        if step == "$ref":   # already followed by _resolve
            continue
        node = node.get(step) if isinstance(node, dict) else None
        if not isinstance(node, dict):
            break
        node = _resolve(node)
        found = node.get("description", found)
    return found if found != top else ""


# ---------------------------------------------------------------------------
# Graph: on the compiled tree
# ---------------------------------------------------------------------------

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
        first: dict[str, Sign] = {}
        for sign in () if question.source else question.signs:   # quiz/checklists.yml checks its own
            key = sign_key(sign.text)
            if not key:   # a blank sign is the schema's to report
                continue
            if key in first:
                problems.append(Problem(tree.source, sign.line,
                                        f'Question "{excerpt(question.id)}" lists the sign "{excerpt(sign.text)}" '
                                        f"twice: it is already on line {first[key].line}.",
                                        "A runner would read it twice: delete this one, or reword it if the two "
                                        "mean different things."))
            else:
                first[key] = sign
    return problems


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


# ---------------------------------------------------------------------------
# Text: article links and raw HTML in the Markdown fields
# ---------------------------------------------------------------------------

# The articles a tree may link to: their paths relative to content/, each with the
# #parts (heading ids) it has, or None where those are not known.
Articles = Mapping[str, "frozenset[str] | None"]


def text_problems(tree: Tree, lines: Lines, articles: Iterable[str] | Articles | None) -> list[Problem]:
    """The Markdown fields (intro, body) may hold no raw HTML, and link only to
    web addresses or to articles that exist, at a #part they have (when `articles`
    is given: paths, or a mapping of paths to their #parts)."""
    texts: list[tuple[PathKey, str, str]] = [(("intro",), "The tree's intro", tree.intro)]
    texts += [(("outcomes", o.id, "body"), f'The body of outcome "{excerpt(o.id)}"', o.body)
              for o in tree.outcomes.values()]
    if articles is not None and not isinstance(articles, Mapping):
        articles = dict.fromkeys(articles)
    problems = []
    for path, name, text in texts:
        outcome = tree.outcomes.get(path[1]) if path[0] == "outcomes" else None
        if outcome is not None and outcome.source:   # written in quiz/checklists.yml: said there
            problems += [Problem(outcome.source, outcome.line, p.message, p.hint)
                         for p in _text_checks(tree, outcome.line, name, text, articles)]
            continue
        problems += _text_checks(tree, line_of(lines, path), name, text, articles)
    return problems


def _text_checks(tree: Tree, line: int | None, name: str, text: str, articles: Articles | None) -> list[Problem]:
    problems = []
    raw = render(text)[1]
    if raw:
        # Bodies become HTML on the site: markup must come from Markdown, never raw.
        tags = excerpt(" ".join(tags_in(raw)))
        problems.append(Problem(tree.source, line, f"{name} contains the HTML code {tags}.",
                                "Use Markdown instead, e.g. **bold** or [link text](causes/index.md). "
                                "To show a tag as text, put it in `backticks`."))
    for target in dict.fromkeys(link_targets(text)):
        problems += _link_problems(tree.source, line, name, target, articles)
    return problems


def _link_problems(file: str, line: int | None, name: str, target: str, articles: Articles | None) -> list[Problem]:
    if SCHEME.match(target):
        if target.split(":", 1)[0].lower() in WEB_SCHEMES:
            return []
        return [Problem(file, line, f'{name} links to "{excerpt(target)}".',
                        "Links must be web addresses (https://…) or articles, e.g. causes/index.md.")]
    if articles is None or target.startswith("#"):
        return []
    article, _, anchor = target.partition("#")
    if article not in articles:
        return [Problem(file, line, f'{name} links to "{excerpt(article)}", which is not an article.',
                        suggest(article, sorted(articles)) or
                        "Write the article's path from content/, e.g. causes/worn-out-shoes.md.")]
    parts = articles[article]
    if anchor and parts is not None and anchor not in parts:
        return [Problem(file, line, f'{name} links to "{excerpt(target)}", but that article has no part called '
                        f"#{excerpt(anchor)}.",
                        f"Use one of its headings ({', '.join(f'#{a}' for a in sorted(parts)) or 'none'}), "
                        "or link to the article alone.")]
    return []


# ---------------------------------------------------------------------------
# Text pasted twice
# ---------------------------------------------------------------------------

_WORD = re.compile(r"[\w'’-]+")


def repeated_words(text: str) -> str:
    """The words a text says twice in a row, as when a paste went in twice
    ("Trouble breathing Trouble breathing"), or "" when there are none. Three or
    more words repeated at once, or the whole text doubled: prose never does that."""
    words = [w.casefold() for w in _WORD.findall(text)]
    for size in range(len(words) // 2, 1, -1):
        for start in range(len(words) - 2 * size + 1):
            if words[start:start + size] == words[start + size:start + 2 * size] and (
                    size >= 3 or 2 * size == len(words)):
                return " ".join(_WORD.findall(text)[start:start + size])
    return ""


def text_repeats(texts: Iterable[tuple[int | None, str, str]], source: str) -> list[Problem]:
    """A problem for each (line, name, text) whose text repeats itself."""
    problems = []
    for line, name, text in texts:
        said = repeated_words(text) if text else ""
        if said:
            problems.append(Problem(source, line, f'{sentence(name)} says "{excerpt(said)}" twice in a row.',
                                    "It was probably pasted twice: delete the second copy."))
    return problems


def tree_texts(tree: Tree) -> Iterator[tuple[int | None, str, str]]:
    """Every text of a tree's own (not of quiz/checklists.yml) a runner reads, with its line and name."""
    yield None, "the tree's title", tree.title
    yield None, "the tree's intro", tree.intro
    for q in tree.questions.values():
        if q.source:
            continue
        yield q.line, f'the text of question "{q.id}"', q.text
        yield q.line, f'the help of question "{q.id}"', q.help
        for sign in q.signs:
            yield sign.line, f'a sign of question "{q.id}"', sign.text
            yield sign.line, f'the help of a sign of question "{q.id}"', sign.help
        if not q.is_checklist:
            for answer in q.answers:
                yield answer.line, f'an answer of question "{q.id}"', answer.label
    for o in tree.outcomes.values():
        if not o.source:
            yield o.line, f'the title of outcome "{o.id}"', o.title
            yield o.line, f'the body of outcome "{o.id}"', o.body
