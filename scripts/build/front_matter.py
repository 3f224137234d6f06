"""Checks an article's front matter, so a staff edit can't silently drop the
review date or the meta description.

Pure functions: `check(source, file)` returns a list of Problems, one per
mistake, each with the file, the line and what to write instead.

The block is found with MkDocs' own pattern, and values are read the way
MkDocs reads them (YAML 1.1, where `title: No` is false), so what passes here
is what MkDocs shows. Anchors, aliases and tags are refused before anything is
built (scripts/build/safe_yaml.py), and messages quote at most a short excerpt of
what was typed.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from zoneinfo import ZoneInfo

import yaml
from mkdocs.utils.meta import YAML_RE
from yaml.nodes import MappingNode, Node, ScalarNode

from scripts.build.plain_text import excerpt, is_blank
from scripts.quiz.errors import Problem
from scripts.build.safe_yaml import FAST_LOADER, unsafe_parts

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
TEXT_FIELDS = ("title", "reviewer", "description")
REVIEW_FIELDS = ("reviewed", "reviewer", "review_due")
DESCRIPTION_LENGTH = (50, 160)
EXAMPLE = "---\ntitle: ...\ndescription: ...\nreviewed: 2026-11-20\nreviewer: Sam Lee, physiotherapist\nreview_due: 2027-05-20\n---"

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# YAML ends a line at these too, but editors and GitHub do not: every line
# number after one would be off by one (as in scripts/quiz/loader.py).
_HIDDEN_BREAKS = re.compile("[\x85\u2028\u2029]")
_DASHES = re.compile(r"^(---|\.\.\.)[ \t]*$", re.M)
# Text shown as page text or in an HTML attribute: no markup in it.
_MARKUP = re.compile(r"[<>]")


class _Loader(yaml.SafeLoader):
    """MkDocs' reading (safe YAML 1.1), except that dates stay the text typed,
    so "2026-02-30" is a mistake to explain rather than a crash inside PyYAML."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))

# The same reading with libyaml's parser, about 40 times faster, so the check
# costs little per article; a mistake is read again by _Loader, whose words
# (PyYAML's) are the ones the guides quote.
_FastLoader = None
if FAST_LOADER is not None:
    class _FastLoader(FAST_LOADER):   # noqa: N801 - a loader class, as _Loader
        pass

    _FastLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def _read_fields(text: str) -> list | None:
    """The fields of a front matter (None if it is not a mapping), read fast
    when it can be; raises yaml.YAMLError in PyYAML's words when it cannot."""
    for loader_class in filter(None, (_FastLoader, _Loader)):
        loader = loader_class(text)
        try:
            node = loader.get_single_node()
            return _fields(loader, node) if isinstance(node, MappingNode) else None
        except yaml.YAMLError:
            if loader_class is _Loader:
                raise
        finally:
            loader.dispose()
    return None   # not reached: _Loader either reads it or raises


def clinic_today() -> dt.date:
    """Today where the clinic is (en-GB). CI machines run on UTC, so a review
    signed off just after midnight in a British summer is not "in the future"."""
    return dt.datetime.now(ZoneInfo("Europe/London")).date()


def check(source: str, file: str, today: dt.date | None = None) -> list[Problem]:
    """Every front-matter problem of one Markdown file (`today`: the clinic's, by
    default); first, a hidden line break anywhere in it, which would shift the
    line numbers of every later problem, here and in the other checks."""
    breaks = hidden_breaks(source, file)
    if breaks:   # any other line reported would be wrong: these first
        return breaks
    match = YAML_RE.match(source)   # exactly the block MkDocs reads, or none
    if not match:
        return [_why_no_block(source, file)]
    text = match.group(1)
    try:
        unsafe = unsafe_parts(text, file, "The front matter", first_line=2)
        if unsafe:
            return unsafe
        fields = _read_fields(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1   # +1 for 0-based, +1 for the opening ---
        reason = excerpt(getattr(error, "problem", None) or "it is not valid YAML")
        return [Problem(file, line, f"the front matter cannot be read ({reason}).",
                        'Check the colons and quotes on this line; put text containing ": " in "double quotes".')]
    if fields is None:
        return [Problem(file, 2, "the front matter is not a list of 'field: value' lines.",
                        f"Write it like this:\n{EXAMPLE}")]
    return _check_fields(fields, file, today or clinic_today())


def hidden_breaks(source: str, file: str) -> list[Problem]:
    """One problem per line (as an editor counts lines: by "\\n") holding a hidden line break."""
    lines = dict.fromkeys(source.count("\n", 0, m.start()) + 1 for m in _HIDDEN_BREAKS.finditer(source))
    return [Problem(file, line, "has an invisible line-break character on this line (often pasted from a web "
                    "page or a word processor).", "Delete the line and type it again.") for line in lines]


# The block -------------------------------------------------------------------

def _why_no_block(source: str, file: str) -> Problem:
    """Why MkDocs would see no front matter, in words an editor can act on."""
    if not re.match(r"---[ \t]*\n", source):
        return Problem(file, 1, "has no front matter.", f"Start the file with this block, filled in:\n{EXAMPLE}")
    closing = [m for m in _DASHES.finditer(source) if m.start() > 0]
    if not closing:
        return Problem(file, 1, "the front matter is never closed.",
                       "Add a line with three dashes (---) after the last field.")
    end = closing[0]
    line = source.count("\n", 0, end.start()) + 1
    if end.end() == len(source):
        return Problem(file, line, "the file ends right after the closing ---, so the site would not read "
                       "the front matter.", "Press Enter at the end of that line, then write the article below it.")
    return Problem(file, line, "the front matter is empty.", f"Fill it in like this:\n{EXAMPLE}")


def _fields(loader, node: MappingNode) -> list[tuple[str, int, Node, object]]:
    """(name as typed, line, value node, value as MkDocs reads it) per field."""
    fields = []
    for key_node, value_node in node.value:
        name = key_node.value if isinstance(key_node, ScalarNode) else "?"
        fields.append((name, key_node.start_mark.line + 2, value_node,
                       loader.construct_object(value_node, deep=True)))
    return fields


# The fields ------------------------------------------------------------------

def _check_fields(fields: list[tuple[str, int, Node, object]], file: str, today: dt.date) -> list[Problem]:
    problems: list[Problem] = []
    lines: dict[str, int] = {}
    data: dict[str, object] = {}
    typed: dict[str, Node] = {}
    for name, line, value_node, value in fields:
        if name in lines:
            problems.append(Problem(file, line, f'the field "{excerpt(name)}" is written twice '
                                    f"(also on line {lines[name]}).", "Keep one of them."))
            continue
        lines[name], data[name], typed[name] = line, value, value_node
        if name not in REQUIRED and name not in OPTIONAL:
            close = difflib.get_close_matches(name, [*REQUIRED, *OPTIONAL], n=1)
            hint = f'Did you mean "{close[0]}"?' if close else f"Allowed fields: {', '.join(REQUIRED)}."
            problems.append(Problem(file, line, f'has an unknown field "{excerpt(name)}".', hint))

    for key, what in REQUIRED.items():
        value = data.get(key)
        if value is None or value == "":
            problems.append(Problem(file, lines.get(key, 1), f'the field "{key}" is missing or empty.', f"Add {what}."))
        elif isinstance(value, str) and is_blank(value):
            problems.append(Problem(file, lines[key], f'the field "{key}" is blank: it holds only spaces or '
                                    "invisible characters.", f"Add {what}."))
    return problems + _check_values(data, typed, lines, file, today)


def _check_values(data: dict, typed: dict[str, Node], lines: dict[str, int], file: str,
                  today: dt.date) -> list[Problem]:
    problems = []
    for key in TEXT_FIELDS:
        value = data.get(key)
        if value in (None, "") or isinstance(value, str):
            if isinstance(value, str) and _MARKUP.search(value):
                problems.append(Problem(file, lines.get(key), f'the field "{key}" contains < or >.',
                                        "Plain text only here: remove them, or write the words (less than, more than)."))
            continue
        node = typed[key]
        if isinstance(node, ScalarNode):   # e.g. `title: No`, which YAML reads as false
            as_typed = excerpt(node.value)
            problems.append(Problem(file, lines.get(key), f'the site reads "{as_typed}" in the field "{key}" as '
                                    f"{_kind(value)}, not as text.",
                                    f'Put the text in quotes, exactly as you typed it: {key}: "{as_typed}"'))
        else:
            problems.append(Problem(file, lines.get(key), f'the field "{key}" is a list or a block, not text.',
                                    f"Write the text on the same line, after {key}:"))
    description = data.get("description")
    low, high = DESCRIPTION_LENGTH
    if isinstance(description, str) and not low <= len(description.strip()) <= high:
        problems.append(Problem(file, lines.get("description"),
                                f'the "description" is {len(description.strip())} characters long.',
                                f"Write {low} to {high} characters: search engines cut longer ones and ignore shorter ones."))
    dates = {}
    for key in ("reviewed", "review_due"):
        value = data.get(key)
        if value is None or value == "" or (isinstance(value, str) and is_blank(value)):
            continue   # reported as missing or blank
        node = typed[key]
        text = node.value.strip() if isinstance(node, ScalarNode) else ""
        if _DATE.fullmatch(text):
            try:
                dates[key] = dt.date.fromisoformat(text)
                continue
            except ValueError:   # e.g. 2026-02-30
                what = "a real date"
        else:
            what = "a date"
        shown = f'"{excerpt(text)}"' if isinstance(node, ScalarNode) else "a list or a block"
        problems.append(Problem(file, lines.get(key), f'the field "{key}" is {shown}, which is not {what}.',
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
    matter cannot be read, or is unsafe to read: the build explains why). For
    `make reviews`."""
    match = YAML_RE.match(source)
    try:
        if not match or unsafe_parts(match.group(1), "", "", first_line=2):
            return {}
        data = yaml.load(match.group(1), Loader=_FastLoader or _Loader)   # noqa: S506 - safe loaders, no aliases left
    except yaml.YAMLError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: str(data[key]).strip() for key in ("title", *REVIEW_FIELDS) if data.get(key) not in (None, "")}


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "a yes/no answer"
    return "a number" if isinstance(value, (int, float)) else "something other than text"
