"""Checks an article's front matter, so a staff edit can't silently drop the
review date or the meta description.

Pure functions: `check(source, file)` returns a list of Problems, one per
mistake, each with the file, the line and what to write instead.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from zoneinfo import ZoneInfo

import yaml

from scripts.quiz.errors import Problem

REQUIRED = {
    "title": "a short page title, e.g. title: What is DOMS?",
    "description": "one or two plain sentences (50-160 characters) for search results",
    "reviewed": "the date a clinician last checked the page, e.g. reviewed: 2026-11-20",
    "reviewer": "the name and role of the clinician who checked it, e.g. reviewer: Sam Lee, physiotherapist",
    "review_due": "the date of the next review, e.g. review_due: 2027-05-20",
}
# No other fields: Material's own page settings (template, icon, hide...) can
# break the build in ways only a developer can read, and articles need none.
OPTIONAL: set[str] = set()
REVIEW_FIELDS = ("reviewed", "reviewer", "review_due")
DESCRIPTION_LENGTH = (50, 160)
EXAMPLE = "---\ntitle: ...\ndescription: ...\nreviewed: 2026-11-20\nreviewer: Sam Lee, physiotherapist\nreview_due: 2027-05-20\n---"

_BLOCK = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*$", re.S | re.M)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Text shown as page text or in an HTML attribute: no markup in it.
_MARKUP = re.compile(r"[<>]")


class _Loader(yaml.SafeLoader):
    """Safe YAML that leaves dates as the text typed, so "2026-02-30" is a
    mistake to explain rather than a crash inside PyYAML."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def clinic_today() -> dt.date:
    """Today where the clinic is (en-GB). CI machines run on UTC, so a review
    signed off just after midnight in a British summer is not "in the future"."""
    return dt.datetime.now(ZoneInfo("Europe/London")).date()


def check(source: str, file: str, today: dt.date | None = None) -> list[Problem]:
    """Every front-matter problem of one Markdown file (`today`: the clinic's, by default)."""
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
    problems += _check_values(data, lines, file, today or clinic_today())
    return problems


def _check_values(data: dict, lines: dict[str, int], file: str, today: dt.date) -> list[Problem]:
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
    # A review cannot have happened yet. (An overdue review_due is not an error:
    # it must not block an unrelated typo fix; `make reviews` lists it.)
    if "reviewed" in dates and dates["reviewed"] > today:
        problems.append(Problem(file, lines.get("reviewed"), f'"reviewed" ({dates["reviewed"]}) is in the future.',
                                "Write the day a clinician really checked the page: today or earlier."))
    return problems


def review_fields(source: str) -> dict[str, str]:
    """The title and review fields of a page as typed, as text ({} when the front
    matter cannot be read: the build explains why). For `make reviews`."""
    match = _BLOCK.match(source)
    try:
        data = yaml.load(match.group(1), Loader=_Loader) if match else None   # noqa: S506 - a SafeLoader
    except yaml.YAMLError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: str(data[key]).strip() for key in ("title", *REVIEW_FIELDS) if data.get(key) not in (None, "")}
