"""The warning-sign checklists every quiz shares: quiz/checklists.yml.

Each checklist is written once: its question, how fast to act (`warning`), its
signs, the advice for "Yes" or "Not sure" (an outcome whose verdict is the
warning) and, for the articles, an urgent-advice box. A tree asks one with
`checklist: <id>` and says only where "No, none of these" leads, so no tree can
word a sign differently or send a "Yes" anywhere else. read() checks the file
(schema, signs written twice, the same sign in two lists) and returns the
checklists; compile.py puts them into each tree that names them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from scripts.build.plain_text import excerpt

from .errors import Problem, TreeError
from .loader import Lines, read as read_yaml
from .model import Outcome, Sign
from .text import article_links
from .verdicts import VERDICTS

FILE_NAME = "checklists.yml"


@dataclass(frozen=True)
class Box:
    file: str      # the name articles include it by: --8<-- "urgent-999.md"
    title: str
    after: str     # what to do, under the signs


@dataclass(frozen=True)
class Checklist:
    id: str
    text: str
    help: str
    warning: str                 # a verdict id: how fast to act
    signs: tuple[Sign, ...]
    outcome: Outcome             # where "Yes" and "Not sure" lead, in every tree
    box: Box | None
    line: int | None
    source: str                  # "quiz/checklists.yml"


def path_for(quiz_dir: str | Path) -> Path:
    return Path(quiz_dir) / FILE_NAME


def read(path: str | Path, source: str) -> tuple[dict[str, Checklist], list[Problem]]:
    """The checklists of `path` and every problem found in it. A missing file is
    no checklists (a folder of quizzes that writes all of its own)."""
    if not Path(path).is_file():
        return {}, []
    from .text_checks import text_repeats   # (they import the model: imported here, no cycle)
    from .validate import shape_problems
    try:
        data, lines, problems = read_yaml(path, source)
    except TreeError as error:   # an empty file: say what this file needs, not what a quiz does
        return {}, [Problem(p.file, p.line, p.message, "Put back the warning-sign checklists every quiz asks "
                            "(see quiz/README.md), from the last good version of this file.")
                    if p.message == "The file is empty." else p for p in error.problems]
    problems += shape_problems(data, lines, source, "checklists-file")
    checklists = build(data, lines, source)
    problems += _sign_problems(checklists.values()) + text_repeats(_texts(checklists.values()), source)
    return checklists, problems


def build(data: object, lines: Lines, source: str) -> dict[str, Checklist]:
    """The checklists the data describes, leniently: what the schema refused is blank."""
    raw_all = data.get("checklists") if isinstance(data, dict) else None
    found = {}
    for cid, raw in (raw_all.items() if isinstance(raw_all, dict) else ()):
        if not isinstance(raw, dict):
            continue
        signs = tuple(Sign(text=item if isinstance(item, str) else _text(item, "text"),
                           help="" if isinstance(item, str) else _text(item, "help"),
                           line=lines.get(("checklists", cid, "signs", index)))
                      for index, item in enumerate(raw.get("signs") if isinstance(raw.get("signs"), list) else ())
                      if isinstance(item, (str, dict)))
        out = raw.get("outcome") if isinstance(raw.get("outcome"), dict) else {}
        body = _text(out, "body")
        outcome = Outcome(id=_text(out, "id"), title=_text(out, "title"), verdict=_text(raw, "warning"), body=body,
                          links=article_links(body), line=lines.get(("checklists", cid, "outcome")), source=source)
        box = raw.get("box") if isinstance(raw.get("box"), dict) else None
        found[cid] = Checklist(
            id=cid, text=_text(raw, "text"), help=_text(raw, "help"), warning=_text(raw, "warning"), signs=signs,
            outcome=outcome, line=lines.get(("checklists", cid)), source=source,
            box=Box(_text(box, "file"), _text(box, "title"), _text(box, "after")) if box else None)
    return found


def boxes(checklists: dict[str, Checklist]) -> dict[str, Checklist]:
    """The checklists that have a box, by the name articles include it with."""
    return {c.box.file: c for c in checklists.values() if c.box and c.box.file}


def _sign_problems(checklists) -> list[Problem]:
    """A sign written twice, in one list or in two: a runner would read it twice,
    and in two lists it would have two different urgencies."""
    from .graph import repeated_signs
    checklists = list(checklists)
    source = {c.id: c.source for c in checklists}
    return [Problem(source[name], sign.line,
                    f'The sign "{excerpt(sign.text)}" of checklist "{excerpt(name)}" is already on line {first.line}, '
                    + ("in this list." if other == name else f'in the checklist "{excerpt(other)}".'),
                    "A runner would read it twice: delete this one, or reword it if the two mean different things.")
            for name, sign, other, first in repeated_signs((c.id, c.signs) for c in checklists)]


def _texts(checklists):
    for c in checklists:
        yield c.line, f'the question of checklist "{c.id}"', c.text
        yield c.line, f'the help of checklist "{c.id}"', c.help
        for sign in c.signs:
            yield sign.line, f'a sign of checklist "{c.id}"', sign.text
            yield sign.line, f'the help of a sign of checklist "{c.id}"', sign.help
        yield c.outcome.line, f'the title of the outcome of checklist "{c.id}"', c.outcome.title
        yield c.outcome.line, f'the advice of checklist "{c.id}"', c.outcome.body


def _text(raw: dict, name: str) -> str:
    value = raw.get(name, "")
    return value if isinstance(value, str) else ""


# ---------------------------------------------------------------------------
# The urgent-advice boxes of the articles
# ---------------------------------------------------------------------------

# An article includes a box with a line of its own: --8<-- "urgent-999.md"
INCLUDE = re.compile(r'^(?P<indent>[ \t]*)--8<--[ \t]+"(?P<name>[^"]*)"[ \t]*$', re.M)


def box_markdown(checklist: Checklist, indent: str = "") -> str:
    """The box as Markdown: a Material admonition with each sign (and its help)
    and what to do, in the checklist's own words."""
    box = checklist.box
    kind = VERDICTS[checklist.warning].box if checklist.warning in VERDICTS else "warning"
    lines = [f'!!! {kind} "{_quoted(_as_text(box.title))}"']
    for sign in checklist.signs:
        lines.append(f"    - **{_as_text(sign.text)}.** {_as_text(sign.help)}".rstrip())
    lines += ["", "    " + _as_text(box.after)]
    return "\n".join(indent + line if line else line for line in lines)


def expand_boxes(markdown: str, checklists: dict[str, Checklist], source: str) -> tuple[str, list[Problem]]:
    """An article's Markdown with each --8<-- "<box>" line replaced by that box,
    and a problem (file:line) for each line that names no box."""
    named, problems = boxes(checklists), []

    def replace(match: re.Match) -> str:
        name = match["name"]
        if name in named:
            return box_markdown(named[name], match["indent"])
        line = markdown.count("\n", 0, match.start()) + 1
        problems.append(Problem(source, line, f'There is no shared box called "{excerpt(name)}".',
                                "The boxes are " + (", ".join(f'"{n}"' for n in named) or "none")
                                + f" (each comes with a warning-sign checklist in quiz/{FILE_NAME})."))
        return match[0]

    return INCLUDE.sub(replace, markdown), problems


_MARKDOWN = re.compile(r"([\\`*_\[\]#|~])")


def _as_text(text: str) -> str:
    """Checklist text as Markdown that shows exactly that text: on one line, its
    markup characters escaped and <, > and & as entities, so a sign can never
    become HTML or markup in an article (it is text from YAML, as in the quiz)."""
    flat = " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN.sub(r"\\\1", flat)


def _quoted(text: str) -> str:
    return " ".join(text.split()).replace('"', "'")
