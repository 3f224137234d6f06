"""Checks an article's front matter, so a staff edit can't silently drop the
review date or the meta description.

Pure functions: `check(source, file)` returns a list of Problems, one per
mistake, each with the file, the line and what to write instead.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re

import yaml

from scripts.quiz.errors import Problem

REQUIRED = {
    "title": "a short page title, e.g. title: What is DOMS?",
    "description": "one or two plain sentences (50-160 characters) for search results",
    "reviewed": "the date a clinician last checked the page, e.g. reviewed: 2026-11-20",
    "reviewer": "the reviewer's role, e.g. reviewer: Physiotherapist",
    "review_due": "the date of the next review, e.g. review_due: 2027-05-20",
}
# No other fields: Material's own page settings (template, icon, hide...) can
# break the build in ways only a developer can read, and articles need none.
OPTIONAL: set[str] = set()
DESCRIPTION_LENGTH = (50, 160)
EXAMPLE = "---\ntitle: ...\ndescription: ...\nreviewed: 2026-11-20\nreviewer: Physiotherapist\nreview_due: 2027-05-20\n---"

_BLOCK = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*$", re.S | re.M)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Text shown as page text or in an HTML attribute: no markup in it.
_MARKUP = re.compile(r"[<>]")


class _Loader(yaml.SafeLoader):
    """Safe YAML that leaves dates as the text typed, so "2026-02-30" is a
    mistake to explain rather than a crash inside PyYAML."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def check(source: str, file: str) -> list[Problem]:
    """Every front-matter problem of one Markdown file."""
    match = _BLOCK.match(source)
    if not match:
        return [Problem(file, 1, "has no front matter.",
                        f"Start the file with this block, filled in:\n{EXAMPLE}")]
    text = match.group(1)
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)   # noqa: S506 - a SafeLoader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1   # +1 for 0-based, +1 for the opening ---
        reason = getattr(error, "problem", None) or "it is not valid YAML"
        return [Problem(file, line, f"the front matter cannot be read ({reason}).",
                        'Check the colons and quotes on this line; put text containing ": " in "double quotes".')]
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return [Problem(file, 2, "the front matter is not a list of 'field: value' lines.",
                        f"Write it like this:\n{EXAMPLE}")]

    lines: dict[str, int] = {}
    problems: list[Problem] = []
    for key_node, _ in node.value:
        key, line = str(key_node.value), key_node.start_mark.line + 2
        if key in lines:
            problems.append(Problem(file, line, f'the field "{key}" is written twice (also on line {lines[key]}).',
                                    "Keep one of them."))
        lines[key] = line

    for key in data:
        if key not in REQUIRED and key not in OPTIONAL:
            close = difflib.get_close_matches(str(key), [*REQUIRED, *OPTIONAL], n=1)
            hint = f'Did you mean "{close[0]}"?' if close else f"Allowed fields: {', '.join(REQUIRED)}."
            problems.append(Problem(file, lines.get(str(key)), f'has an unknown field "{key}".', hint))

    for key, what in REQUIRED.items():
        if key not in data or data[key] in (None, ""):
            where = lines.get(key, 1)
            problems.append(Problem(file, where, f'the field "{key}" is missing or empty.', f"Add {what}."))
    problems += _check_values(data, lines, file)
    return problems


def _check_values(data: dict, lines: dict[str, int], file: str) -> list[Problem]:
    problems = []
    for key in ("title", "reviewer", "description"):
        value = data.get(key)
        if value not in (None, "") and not isinstance(value, str):
            problems.append(Problem(file, lines.get(key), f'the field "{key}" should be text, not {value!r}.',
                                    f'Put it in quotes: {key}: "{value}"'))
        elif isinstance(value, str) and _MARKUP.search(value):
            problems.append(Problem(file, lines.get(key), f'the field "{key}" contains < or >.',
                                    "Plain text only here: remove them, or write the words (less than, more than)."))
    description = data.get("description")
    low, high = DESCRIPTION_LENGTH
    if isinstance(description, str) and not low <= len(description.strip()) <= high:
        problems.append(Problem(file, lines.get("description"),
                                f'the "description" is {len(description.strip())} characters long.',
                                f"Write {low} to {high} characters: search engines cut longer ones and ignore shorter ones."))
    dates = {}
    for key in ("reviewed", "review_due"):
        value = data.get(key)
        if value in (None, ""):
            continue
        typed = value.strip() if isinstance(value, str) else ""
        if _DATE.fullmatch(typed):
            try:
                dates[key] = dt.date.fromisoformat(typed)
                continue
            except ValueError:   # e.g. 2026-02-30
                what = "a real date"
        else:
            what = "a date"
        problems.append(Problem(file, lines.get(key), f'the field "{key}" is "{value}", which is not {what}.',
                                f"Write it as year-month-day, e.g. {key}: 2026-11-20"))
    if len(dates) == 2 and dates["review_due"] <= dates["reviewed"]:
        problems.append(Problem(file, lines.get("review_due"),
                                f'"review_due" ({dates["review_due"]}) is not after "reviewed" ({dates["reviewed"]}).',
                                "Set the next review to a later date than the last one."))
    return problems
