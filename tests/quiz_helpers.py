"""Shared helpers for the quiz compiler tests (tests/test_quiz_*.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from scripts.quiz import Problem, TreeError, compile_tree

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "quiz"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"
# The articles the fixtures link to, as the hook passes them (relative to
# content/), each with the #parts (heading ids) it has.
ARTICLES = {"causes/index.md": frozenset({"the-main-causes"}), "get-help/when-to-see-a-physio.md": frozenset()}


def fixture(name: str) -> Path:
    path = INVALID / f"{name}.yml"
    return path if path.exists() else VALID / f"{name}.yml"


def problems_of(path: Path, **options) -> list[Problem]:
    """The problems compile_tree reports for `path` (it must refuse it)."""
    options.setdefault("articles", ARTICLES)
    with pytest.raises(TreeError) as caught:
        compile_tree(path, **options)
    return caught.value.problems


def only_problem(name: str, **options) -> Problem:
    problems = problems_of(fixture(name), **options)
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


def lines_with(path: Path, text: str) -> list[int]:
    """The 1-based lines of `path` that hold `text`."""
    return [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line]


def line_with(path: Path, text: str) -> int:
    """The 1-based line of `path` that holds `text` (which must occur once)."""
    hits = lines_with(path, text)
    assert len(hits) == 1, f"{text!r} is on lines {hits} of {path}"
    return hits[0]


def assert_reported(problem: Problem, path: Path, line: int, *parts: str) -> None:
    """The one-line message names the file and line, and says each of `parts`."""
    text = str(problem)
    assert problem.file.endswith(f"{path.parent.name}/{path.name}"), text
    assert problem.line == line, text
    assert text.startswith(f"{problem.file}:{line}: "), text
    for part in parts:
        assert part in text, f"{part!r} not in {text!r}"


def assert_only_problem(name: str, line_text: str, *parts: str) -> None:
    """Fixture `name` is refused with exactly one problem, on the one line that
    holds `line_text`, saying each of `parts` (see assert_reported)."""
    path = fixture(name)
    assert_reported(only_problem(name), path, line_with(path, line_text), *parts)
