"""Read a quiz file: YAML to plain data, with the line of every value.

Why not yaml.safe_load: it forgets line numbers, keeps the last of two
duplicate keys without a word, and reads YAML 1.1, where an answer written
`label: No` becomes the boolean False and `reviewed: 2026-11-20` a date.
Here only true/false are booleans and everything else stays the text the
physio typed. Anchors, aliases and tags are refused before anything is
built, so an alias bomb costs one quick pass over the file.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.cyaml import CParser   # PyYAML's wheels carry libyaml (requirements.txt pins one)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader, ReaderError
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from scripts.build.plain_text import excerpt

from .errors import Problem, TreeError

# A path to a value: the keys and list indexes from the top of the file.
PathKey = tuple[str | int, ...]
Lines = dict[PathKey, int]

# Far above any real tree (the largest has about 500 nodes, 6 levels, 13 KiB);
# they only stop absurd input before it costs time.
MAX_BYTES = 256 * 1024
MAX_DEPTH = 20
MAX_NODES = 5000

_BOOL = "tag:yaml.org,2002:bool"


class _Resolver(BaseResolver):
    """Plain scalars are text, except true and false."""


_Resolver.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


class _Loader(Reader, Scanner, Parser, Composer, _Resolver):
    """PyYAML's safe reading parts, without its constructor: _build makes the data
    itself so it can keep the marks. Nothing here can create a Python object."""

    def __init__(self, stream: str):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _Resolver.__init__(self)


class _FastLoader(CParser, _Resolver):
    """The same reading in libyaml (PyYAML's C parser), about five times as fast.
    Used for files it reads without a mistake; a file with one is read again by
    _Loader, whose messages the problems are written from."""

    def __init__(self, stream: str):
        CParser.__init__(self, stream)
        _Resolver.__init__(self)


def _read_with(loader, text: str, source: str) -> Node | None:
    _precheck(loader, text, source)
    return loader(text).get_single_node()


def load(path: str | Path, source: str | None = None) -> tuple[object, Lines]:
    """Read one quiz file: its data and the line of each value. `source` names the
    file in errors (default: the path as given). Raises TreeError."""
    data, lines, problems = read(path, source)
    if problems:
        raise TreeError(problems)
    return data, lines


def read(path: str | Path, source: str | None = None) -> tuple[object, Lines, list[Problem]]:
    """load() that hands back the mistakes it could read past (a key written twice,
    a block used as a name) with the data, so later checks can report theirs too.
    Raises TreeError for what cannot be read at all."""
    source = source or str(path)
    raw = Path(path).read_bytes()
    if len(raw) > MAX_BYTES:
        raise TreeError([Problem(source, None, f"The file is {len(raw) // 1024} KiB, far bigger than a quiz "
                                 f"should be (at most {MAX_BYTES // 1024} KiB).",
                                 "Check that this is the right file, or split the quiz in two.")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise TreeError([Problem(source, None, "The file is not saved as UTF-8 text.",
                                 "Save it again as UTF-8 in your editor.")]) from None
    return read_text(text, source)


def load_text(text: str, source: str) -> tuple[object, Lines]:
    """Parse a quiz file's text, as load() does."""
    data, lines, problems = read_text(text, source)
    if problems:
        raise TreeError(problems)
    return data, lines


# YAML ends a line at these too, but editors and GitHub do not: every line
# number after one would be off by one, so they are refused first.
_HIDDEN_BREAKS = re.compile("[\x85\u2028\u2029]")


def read_text(text: str, source: str) -> tuple[object, Lines, list[Problem]]:
    """Parse a quiz file's text, as read() does."""
    breaks = [Problem(source, text.count("\n", 0, match.start()) + 1,
                      "There is an invisible line-break character on this line (often pasted from a web page or "
                      "a word processor).", "Delete the line and type it again.")
              for match in _HIDDEN_BREAKS.finditer(text)]
    if breaks:
        raise TreeError(list(dict.fromkeys(breaks)))
    try:
        try:
            root = _read_with(_FastLoader, text, source)
        except yaml.YAMLError:
            root = _read_with(_Loader, text, source)
    except yaml.MarkedYAMLError as err:
        raise TreeError([_syntax_problem(err, source)]) from None
    except ReaderError as err:   # a control character: no mark, only a position
        line = text.count("\n", 0, err.position) + 1
        raise TreeError([Problem(source, line, "There is an invisible control character on this line.",
                                 "Delete the line and type it again.")]) from None
    if root is None:
        raise TreeError([Problem(source, None, "The file is empty.", "Start from a copy of an existing quiz file.")])
    lines: Lines = {(): root.start_mark.line + 1}
    problems: list[Problem] = []
    data = _build(root, (), lines, problems, source, text.split("\n"))   # of a key written twice, the first is kept
    return data, lines, problems


def line_of(lines: Lines, path: PathKey) -> int | None:
    """Line of the value at `path`, or of its nearest parent the file has."""
    for end in range(len(path), -1, -1):
        if path[:end] in lines:
            return lines[path[:end]]
    return None


def _precheck(loader, text: str, source: str) -> None:
    """One pass over the parser's events, before any node is built: refuse anchors,
    aliases and tags (how alias bombs and Python objects get in), and absurd nesting."""
    problems, depth, nodes = [], 0, 0
    for event in yaml.parse(text, Loader=loader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            problems.append(Problem(source, line, f'This line uses the alias "*{event.anchor}".',
                                    "A quiz file does not need & and *: write the text out in full."))
            continue
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            nodes += 1
            if event.anchor:
                problems.append(Problem(source, line, f'This line uses the anchor "&{event.anchor}".',
                                        "A quiz file does not need & and *: write the text out in full."))
            if event.tag:
                tag = event.tag.replace("tag:yaml.org,2002:", "!!")
                problems.append(Problem(source, line, f'This line uses the YAML tag "{tag}".',
                                        "A quiz file does not need tags: remove the word starting with !."))
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise TreeError([Problem(source, line, f"The file is nested more than {MAX_DEPTH} levels deep.",
                                         "Check the indentation: a quiz needs about 6 levels.")])
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if nodes > MAX_NODES:
            raise TreeError([Problem(source, line, f"The file has more than {MAX_NODES} values.",
                                     "A quiz this big cannot be checked by a person: split it in two.")])
    if problems:
        raise TreeError(problems)


def _build(node: Node, path: PathKey, lines: Lines, problems: list[Problem], source: str,
           text: list[str]) -> object:
    """Dicts, lists, text and booleans from composed nodes, noting each value's line."""
    if isinstance(node, SequenceNode):
        out = []
        for index, item in enumerate(node.value):
            lines[(*path, index)] = item.start_mark.line + 1
            out.append(_build(item, (*path, index), lines, problems, source, text))
        return out
    if isinstance(node, MappingNode):
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                problems.append(Problem(source, line, "A list or block is used where a name was expected.",
                                        'Each entry is a name, a colon and a value, e.g. "verdict: rest".'))
                continue
            key = key_node.value   # a key is a name, even `true:` or `3:`
            if key in result:
                problems.append(Problem(source, line,
                                        f'"{key}" is written twice here: on line {lines[(*path, key)]} '
                                        f"and on line {line}.",
                                        "YAML would silently keep only the last one: remove or rename one of them."))
                continue
            # A value's line is its key's: for `pain:` followed by its fields, that
            # is the line an editor looks for.
            lines[(*path, key)] = line
            result[key] = _build(value_node, (*path, key), lines, problems, source, text)
        return result
    if node.end_mark.line > node.start_mark.line + (node.end_mark.column == 0) and any(isinstance(k, int) for k in path):
        problem = _folded(node, source, path, lines, text)
        if problem:
            problems.append(problem)
    return _scalar(node)


def _folded(node: ScalarNode, source: str, path: PathKey, lines: Lines, text: list[str]) -> Problem | None:
    """A value inside a list that goes on over several lines and swallows what was
    meant as the next item. YAML joins a plain (unquoted) text's lines with a
    space, and keeps a deeper line in a ">-" or "|" text, so an item indented too
    far becomes part of the one above ("...infected - A calf that is swollen")
    without a word. Refused at the swallowed line; a plain text in a list must
    also fit on one line."""
    # A ">-" or "|" text ends at the start of the line after it (column 0): not part of it.
    last = min(node.end_mark.line - (node.end_mark.column == 0), len(text) - 1)
    for index in range(node.start_mark.line + 1, last + 1):
        if text[index].lstrip().startswith("- "):
            # the "- " of the item this value belongs to: where the swallowed one should start
            item = len(path) - 1 - [isinstance(k, int) for k in path][::-1].index(True)
            owner = text[lines[path[:item + 1]] - 1]
            column = owner.index("- ") + 1 if "- " in owner else 1
            return Problem(source, index + 1, "This line is indented further than the list item above it, so it "
                           f'is read as part of that item: "{excerpt(node.value)}".',
                           f'Start its "- " in the same column as the "- " of the item above (column {column}).')
    if not node.style:   # plain: None from PyYAML's Python parser, "" from libyaml
        return Problem(source, node.start_mark.line + 2,
                       f'A text in a list goes on over more than one line here: "{excerpt(node.value)}".',
                       "Put the whole text on one line, or, for a long one, write \">-\" after its colon and the "
                       "text on the lines under it.")
    return None


def _scalar(node: ScalarNode) -> object:
    return node.value.lower() == "true" if node.tag == _BOOL else node.value


# The YAML mistakes people make most when writing by hand, in plain words
# (PyYAML's own, like "expected <block end>", mean nothing to an editor).
_SYNTAX = [
    ("cannot start any token", "\t", "There is a tab here.", "Indent with spaces, not tabs."),
    ("mapping values are not allowed", "", "There is an unexpected colon on this line.",
     "Either the line is indented too far, or it is a text with \": \" in it, which must be "
     'in quotes, e.g. text: "Pain: is it sharp?".'),
    ("expected <block end>", "", "This line is not lined up with the lines around it.",
     "Entries at the same level must start in the same column; list items start with \"- \"."),
    ("could not find expected ':'", "", "A colon is missing near here.",
     "Each line needs a name, a colon and a value, e.g. verdict: rest. "
     "A text that runs onto the next line must be in quotes or start with |."),
    ("stream end", "", "A quote mark or bracket opened near here is never closed.", "Close it, or remove it."),
    ("end of stream", "", "A quote mark or bracket opened near here is never closed.", "Close it, or remove it."),
    ("single document", "", "The file holds more than one YAML document.",
     "Remove the line with ---; a quiz file holds one tree."),
]


def _syntax_problem(err: yaml.MarkedYAMLError, source: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 if mark else None
    said = str(err)
    for needle, char, message, hint in _SYNTAX:
        if needle in said and char in said:
            return Problem(source, line, message, hint)
    return Problem(source, line, f"The file cannot be read as YAML here ({err.problem or err.context}).",
                   "Compare this line with the lines around it: indentation, colons and quotes.")
