"""The shape, graph and text checks of a quiz tree, each a Problem in plain words.

Shape: quiz/schema.json, every error reported (iter_errors), translated from
JSON Schema terms into the words a physio used in the file. Graph: start,
next, loops, unreachable nodes, size, on the model. Text: article links and
raw HTML in the Markdown fields. Clinical rules live in safety.py.
"""
from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, ValidationError

from .errors import Problem
from .loader import Lines, PathKey, line_of
from .model import Answer, Question, Tree

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "quiz" / "schema.json"
# Past this many start-to-outcome paths no person can sign the tree off, and
# listing them would slow the build; a tree this tangled needs splitting.
MAX_PATHS = 2000


# ---------------------------------------------------------------------------
# Naming things the way the editor sees them
# ---------------------------------------------------------------------------

def sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def is_blank(text: str) -> bool:
    """Nothing a reader could see: spaces, or invisible characters (as the schema's "text")."""
    return not re.search(schema()["$defs"]["text"]["pattern"], text)


def answer_name(label: object, index: int) -> str:
    return f'answer "{label}"' if isinstance(label, str) and not is_blank(label) else f"answer {index + 1}"


def where(path: PathKey, data: object) -> str:
    """`("questions", "pain", "answers", 1, "next")` -> `"next" of answer "No" of question "pain"`."""
    if not path:
        return "the tree"
    if path[0] in ("questions", "outcomes") and len(path) >= 2:
        name, rest = f'{path[0][:-1]} "{path[1]}"', path[2:]
        if path[0] == "questions" and len(rest) >= 2 and rest[0] == "answers" and isinstance(rest[1], int):
            label = _get(data, (*path[:4], "label"))
            name, rest = f"{answer_name(label, rest[1])} of {name}", rest[2:]
        return f'"{rest[0]}" of {name}' if rest else name
    return f'the tree\'s "{path[0]}"' + "".join(f"[{key}]" for key in path[1:])


def suggest(word: object, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f'Did you mean "{close[0]}"?' if close else ""


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
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def shape_problems(data: object, lines: Lines, source: str) -> list[Problem]:
    """Every way `data` breaks the schema; one Problem each, with its line."""
    found: dict[Problem, None] = {}   # a dict keeps order and drops repeats
    for error in _validator().iter_errors(data):
        for problem in _explain(error, data, lines, source):
            found[problem] = None
    return list(found)


_KINDS = {
    "string": "a text",
    "boolean": "true or false",
    "object": 'a block of named entries (lines like "name: value")',
    "array": 'a list (lines starting with "- ")',
}


def _explain(error: ValidationError, data: object, lines: Lines, file: str) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    kind, value, here = error.validator, error.instance, where(path, data)
    hint = _description(error)
    if "propertyNames" in error.absolute_schema_path:
        # The id itself is wrong (e.g. "Sharp pain"): jsonschema reports it at the parent.
        yield Problem(file, line_of(lines, (*path, value)),
                      f'The id "{value}" in "{path[-1]}" cannot be used.', hint)
    elif kind == "required":
        for name in error.validator_value:
            if isinstance(value, dict) and name not in value:
                field_hint = _property(error.schema, name).get("description", "")
                yield Problem(file, line_of(lines, path), f'{sentence(here)} has no "{name}".',
                              f'Add "{name}:". {field_hint}'.strip())
    elif kind == "additionalProperties" and error.validator_value is False:
        known = list(error.schema.get("properties", {}))
        for name in value:
            if name not in known:
                yield Problem(file, line_of(lines, (*path, name)),
                              f'{sentence(here)} has a field "{name}" that a quiz does not use.',
                              suggest(name, known) or f"The fields here are: {', '.join(known)}.")
    elif kind == "type" and value is None:
        yield Problem(file, line_of(lines, path), f"{sentence(here)} is empty.", hint)
    elif kind == "type":
        expected = _KINDS.get(error.validator_value, error.validator_value)
        if error.validator_value == "boolean" and isinstance(value, str):
            hint = _BOOLEAN_HINTS.get(value.strip().lower(), hint)
        elif error.validator_value == "string" and isinstance(value, bool):
            hint = f'Put it in quote marks, e.g. "{str(value).lower()}".'
        yield Problem(file, line_of(lines, path), f"{sentence(here)} must be {expected}, not {_show(value)}.", hint)
    elif kind == "enum":
        yield Problem(file, line_of(lines, path), f'{sentence(here)} is "{value}", which the quiz does not know.',
                      " ".join(filter(None, [suggest(value, error.validator_value), hint])))
    elif kind == "minLength" or (kind == "pattern" and error.validator_value == schema()["$defs"]["text"]["pattern"]):
        yield Problem(file, line_of(lines, path), f"{sentence(here)} is blank.", hint)
    elif kind in ("pattern", "format") and error.schema.get("format") == "date":
        yield Problem(file, line_of(lines, path), f'{sentence(here)} "{value}" is not a real date.', hint)
    elif kind == "pattern":
        yield Problem(file, line_of(lines, path), f'{sentence(here)} "{value}" is not a valid id.', hint)
    elif kind == "minItems":   # only "answers" has a minimum: name its owner
        owner, noun = where(path[:-1], data), str(path[-1]).removesuffix("s") if len(value) == 1 else path[-1]
        yield Problem(file, line_of(lines, path),
                      f"{sentence(owner)} has {len(value)} {noun}, but needs at least {error.validator_value}.", hint)
    elif kind == "minProperties":
        yield Problem(file, line_of(lines, path), f"{sentence(here)} has none.", hint)
    else:   # a keyword added to the schema later, before it gets its own wording
        yield Problem(file, line_of(lines, path), f"{sentence(here)}: {error.message}.", hint)


# `red_flag: yes` is the YAML 1.1 habit; `"true"` in quotes is text, not true.
_BOOLEAN_HINTS = {
    **dict.fromkeys(["yes", "y", "on"], "Write true instead."),
    **dict.fromkeys(["no", "n", "off"], "Write false instead, or leave the line out."),
    **dict.fromkeys(["true", "false"], "Remove the quote marks around it."),
}


def _show(value: object) -> str:
    if isinstance(value, bool):
        return f"the word {str(value).lower()}"
    if isinstance(value, dict):
        return "a block of named entries"
    if isinstance(value, list):
        return "a list"
    return f'"{value}"'


def _resolve(subschema: dict) -> dict:
    ref = subschema.get("$ref", "")
    if ref.startswith("#/$defs/"):
        # The definition's own description (e.g. how to write an id) beats the field's.
        return {**subschema, **schema()["$defs"][ref.removeprefix("#/$defs/")]}
    return subschema


def _property(subschema: dict, name: str) -> dict:
    return subschema.get("properties", {}).get(name, {})


def _description(error: ValidationError) -> str:
    """The innermost 'description' on the schema path: that is the field's hint."""
    node, found = schema(), schema().get("description", "")
    for step in error.absolute_schema_path:
        if step == "$ref":   # already followed by _resolve
            continue
        node = node.get(step) if isinstance(node, dict) else None
        if not isinstance(node, dict):
            break
        node = _resolve(node)
        found = node.get("description", found)
    return found if found != schema().get("description") else ""


# ---------------------------------------------------------------------------
# Graph: on the compiled tree
# ---------------------------------------------------------------------------

def edges(tree: Tree) -> Iterator[tuple[Question, int, Answer]]:
    for question in tree.questions.values():
        for index, answer in enumerate(question.answers):
            yield question, index, answer


def graph_problems(tree: Tree, lines: Lines, *, complete: bool = True) -> list[Problem]:
    """Id and start, shared ids, dangling next, repeated labels, loops, unreachable nodes, size.
    `complete`: False when build_tree left out parts the schema refused; then a node
    may only look unreachable, so that check waits."""
    dangling, loops = _dangling_problems(tree), _loop_problems(tree)
    problems = [*_header_problems(tree, lines), *_shared_id_problems(tree), *_reserved_id_problems(tree), *dangling,
                *_label_problems(tree), *loops]
    if tree.start in tree.questions:
        if not dangling and complete:   # a misspelled "next" cuts off everything behind it: fix that first
            problems += _unreachable_problems(tree)
        if not loops:
            problems += _size_problems(tree, lines)
    return problems


def _header_problems(tree: Tree, lines: Lines) -> list[Problem]:
    """Blank fields are the schema's to report; these are the mistakes between fields."""
    file, problems = tree.source, []
    if tree.id and tree.id != Path(file).stem:   # the id is the page address: the file name must say which
        problems.append(Problem(file, line_of(lines, ("id",)),
                                f'The tree\'s "id" is "{tree.id}", but the file is named "{Path(file).name}".',
                                "They must match: change the id or rename the file "
                                "(lowercase letters, digits and hyphens)."))
    line = line_of(lines, ("start",))
    if tree.start in tree.outcomes:
        problems.append(Problem(file, line, f'The tree starts at "{tree.start}", which is an outcome.',
                                '"start" must be the id of the first question.'))
    elif tree.start and tree.start not in tree.questions:
        problems.append(Problem(file, line, f'The tree starts at "{tree.start}", which is not a question.',
                                suggest(tree.start, tree.questions) or '"start" must be the id of the first question.'))
    if tree.reviewed and tree.review_due and tree.review_due <= tree.reviewed:   # ISO dates compare as text
        problems.append(Problem(file, line_of(lines, ("review_due",)),
                                f'"review_due" ({tree.review_due}) is not after "reviewed" ({tree.reviewed}).',
                                "Write the day the next clinical review is due."))
    return problems


_ID = re.compile(schema()["$defs"]["id"]["pattern"])


# Page addresses the build gives a quiz itself: quiz/<tree>/ is the start page.
RESERVED_IDS = ("index",)


def _reserved_id_problems(tree: Tree) -> list[Problem]:
    return [Problem(tree.source, node.line, f'The id "{node.id}" cannot be used: the quiz\'s start page has that address.',
                    "Choose another id, and change the answers that lead to it.")
            for node in (*tree.questions.values(), *tree.outcomes.values()) if node.id in RESERVED_IDS]


def _shared_id_problems(tree: Tree) -> list[Problem]:
    return [Problem(tree.source, outcome.line, f'"{oid}" is the id of both a question and an outcome.',
                    "Rename one of them, and the answers that lead to it.")
            for oid, outcome in tree.outcomes.items() if oid in tree.questions]


def _dangling_problems(tree: Tree) -> list[Problem]:
    nodes = [*tree.questions, *tree.outcomes]
    good = [n for n in nodes if _ID.match(n)]   # never suggest an id the schema refuses
    return [Problem(tree.source, answer.line,
                    f'{sentence(answer_name(answer.label, index))} of question "{question.id}" goes to '
                    f'"{answer.next}", which is not a question or outcome.',
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
                                        f'Question "{question.id}" has the answer "{answer.label}" twice.',
                                        "A runner could not tell them apart: reword or remove one."))
            seen.add(key)
    return problems


def _unreachable_problems(tree: Tree) -> list[Problem]:
    reached = reachable(tree, tree.start)
    return [Problem(tree.source, node.line,
                    f'{"Question" if node.id in tree.questions else "Outcome"} "{node.id}" cannot be reached '
                    "from the start.", 'Make an answer\'s "next" lead to it, or delete it.')
            for node in (*tree.questions.values(), *tree.outcomes.values()) if node.id not in reached]


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
            answers = tree.questions[node].answers
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
                cycle = " -> ".join([*trail[trail.index(target):], target])
                problems.append(Problem(tree.source, answers[index].line,
                                        f'{sentence(answer_name(answers[index].label, index))} of question '
                                        f'"{node}" leads back to question "{target}", so a runner could go '
                                        f"round in a loop: {cycle}.",
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


# ---------------------------------------------------------------------------
# Text: article links and raw HTML in the Markdown fields
# ---------------------------------------------------------------------------

# The same link form pages.rewrite_links points at the right page when rendering.
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
# A reference link's definition: `[name]: causes/x.md` on a line of its own.
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]]+\]:[ \t]*<?([^\s>]+)", re.M)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_WEB = ("http:", "https:", "mailto:", "tel:")
# An HTML tag or comment. Markdown autolinks (<https://…>, <a@b.org>) do not match.
_HTML = re.compile(r"<!--|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")


def link_targets(markdown: str) -> list[str]:
    """Where each link points: inline links and reference definitions."""
    return _LINK.findall(markdown) + _REFERENCE.findall(markdown)


def article_links(markdown: str) -> tuple[str, ...]:
    """Article paths a Markdown text links to, e.g. "causes/worn-out-shoes.md"
    (anchors stripped; web, mail and phone links and same-page anchors left out)."""
    found: dict[str, None] = {}
    for target in link_targets(markdown):
        if not _SCHEME.match(target) and not target.startswith("#"):
            found[target.split("#", 1)[0]] = None
    return tuple(found)


def text_problems(tree: Tree, lines: Lines, articles: Iterable[str] | None) -> list[Problem]:
    """The Markdown fields (intro, help, body) may hold no raw HTML, link only to
    web addresses or to articles that exist (when `articles` is given)."""
    texts: list[tuple[PathKey, str, str]] = [(("intro",), "The tree's intro", tree.intro)]
    texts += [(("questions", q.id, "help"), f'The help of question "{q.id}"', q.help) for q in tree.questions.values()]
    texts += [(("outcomes", o.id, "body"), f'The body of outcome "{o.id}"', o.body) for o in tree.outcomes.values()]
    known = None if articles is None else sorted(articles)
    problems = []
    for path, name, text in texts:
        line = line_of(lines, path)
        if tags := list(dict.fromkeys(_HTML.findall(text))):
            # Bodies become HTML on the site: markup must come from Markdown, never raw.
            problems.append(Problem(tree.source, line, f"{name} contains the HTML code {' '.join(tags)}.",
                                    "Use Markdown instead, e.g. **bold** or [link text](causes/index.md)."))
        for target in dict.fromkeys(link_targets(text)):
            if _SCHEME.match(target) and not target.lower().startswith(_WEB):
                problems.append(Problem(tree.source, line, f'{name} links to "{target}".',
                                        "Links must be web addresses (https://…) or articles, e.g. causes/index.md."))
            elif known is not None and not _SCHEME.match(target) and not target.startswith("#"):
                article = target.split("#", 1)[0]
                if article not in known:
                    problems.append(Problem(tree.source, line,
                                            f'{name} links to "{article}", which is not an article.',
                                            suggest(article, known) or
                                            "Write the article's path from content/, e.g. causes/worn-out-shoes.md."))
    return problems
