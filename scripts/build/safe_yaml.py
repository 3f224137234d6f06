"""Hand-written YAML, read without its traps.

Anchors (&), aliases (*) and tags (!) are refused in one pass over the
parser's events, before any value is built: an alias bomb costs one quick
pass instead of gigabytes, and no tag can make a Python object. Absurd
nesting and absurd numbers of values stop early too.

Shared by the readers of editors' files: article front matter uses it;
scripts/quiz/loader.py applies the same rules to quiz files in its own words.
"""
from __future__ import annotations

import yaml

from scripts.build.plain_text import excerpt
from scripts.quiz.errors import Problem

MAX_DEPTH = 20
MAX_VALUES = 5000
FAST_LOADER = getattr(yaml, "CSafeLoader", None)   # libyaml, when PyYAML was built with it


def _events(text: str):
    """The parser's events: from libyaml (about 40 times faster, so a build with
    many articles stays quick), or, when libyaml is missing or finds a mistake,
    from PyYAML's own parser, whose error message is the one editors are shown."""
    if FAST_LOADER is not None:
        try:
            return list(yaml.parse(text, Loader=FAST_LOADER))
        except yaml.YAMLError:
            pass
    return yaml.parse(text, Loader=yaml.SafeLoader)


def unsafe_parts(text: str, file: str, what: str, first_line: int = 1) -> list[Problem]:
    """The anchors, aliases and tags in `text` (and too deep or too big a
    document), as problems of `file` whose YAML starts on `first_line`.
    `what` names the text for the hint, e.g. "The front matter".
    Raises yaml.YAMLError when the text is not YAML at all."""
    problems: list[Problem] = []
    depth = values = 0
    full = f"{what} does not need & and *: write the text out in full."
    for event in _events(text):
        line = event.start_mark.line + first_line
        if isinstance(event, yaml.AliasEvent):
            problems.append(Problem(file, line, f'uses the alias "*{excerpt(event.anchor, 20)}".', full))
            continue
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            values += 1
            if event.anchor:
                problems.append(Problem(file, line, f'uses the anchor "&{excerpt(event.anchor, 20)}".', full))
            if event.tag:
                tag = excerpt(event.tag.replace("tag:yaml.org,2002:", "!!"), 30)
                problems.append(Problem(file, line, f'uses the YAML tag "{tag}".',
                                        f"{what} does not need tags: remove the word starting with !."))
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return [Problem(file, line, f"is nested more than {MAX_DEPTH} levels deep.", "Check the indentation.")]
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if values > MAX_VALUES:
            return [Problem(file, line, f"has more than {MAX_VALUES} values.", "Check that this is the right file.")]
    first_per_line = {p.line: p for p in reversed(problems)}   # one message per line is enough
    return sorted(first_per_line.values(), key=lambda p: p.line)
