"""The shape check of a quiz file, and the words every check names things in.

Shape: quiz/schema.json, every error reported (iter_errors), translated from
JSON Schema terms into the words a physio used in the file. The graph checks
(start, next, loops, unreachable nodes, route length, size) are in graph.py,
the text checks (article links, raw HTML, text pasted twice) in
text_checks.py, the clinical rules in safety.py. A message quotes at most a
short excerpt of anything from the tree (excerpt()): a 30,000-character label
must not become a 30,000-character error.
"""
from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, ValidationError

from scripts.build.plain_text import excerpt

from .errors import Problem
from .loader import Lines, PathKey, line_of

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
