"""Spelling (codespell + our word lists) and Markdown style (pymarkdownlnt):
the real text passes; each bad fixture fails with file:line and what to do."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT
from scripts.staff import lint

FIXTURES = ROOT / "tests" / "fixtures" / "lint"


def shown(problems) -> list[str]:
    return [str(p) for p in problems]


def no_problems(problems) -> None:
    """Fail with every problem in plain words, as `make lint` prints them: not
    a Python diff of the first one, and no traceback (the test is not the fault)."""
    if problems:
        pytest.fail(lint.report(problems), pytrace=False)


def test_the_sites_text_is_spelt_right():
    paths = lint.files(lint.SPELLING)
    assert any(p.name == "README.md" for p in paths) and any(p.suffix == ".yml" for p in paths)
    assert len([p for p in paths if "content" in p.parts]) > 20
    no_problems(lint.spelling(paths))


def test_the_articles_and_guides_follow_the_markdown_style():
    paths = lint.files(lint.MARKDOWN)
    assert len([p for p in paths if "content" in p.parts]) > 20
    no_problems(lint.markdown_style(paths))


def test_a_failed_check_lists_every_problem_in_plain_words():
    problems = lint.spelling([FIXTURES / "misspelt.md"]) + lint.markdown_style([FIXTURES / "bad-style.md"])
    with pytest.raises(pytest.fail.Exception) as failed:
        no_problems(problems)
    assert failed.value.pytrace is False
    lines = str(failed.value).splitlines()
    assert lines[0] == "6 problems in spelling and Markdown style:"
    assert [line.split(":")[:2] for line in lines[1:7]] == [
        ["tests/fixtures/lint/bad-style.md", "11"], ["tests/fixtures/lint/bad-style.md", "13"],
        ["tests/fixtures/lint/bad-style.md", "15"], ["tests/fixtures/lint/misspelt.md", "11"],
        ["tests/fixtures/lint/misspelt.md", "13"], ["tests/fixtures/lint/misspelt.md", "15"]]
    assert lines[4] == shown(lint.spelling([FIXTURES / "misspelt.md"]))[0]   # what is wrong, what to write
    assert lines[7] == ("Fix each one in its file, at the line number after the colon. "
                        "`make lint` checks again on your computer.")
    assert "Problem(" not in str(failed.value)


def test_misspellings_name_the_line_and_the_fix():
    assert shown(lint.spelling([FIXTURES / "misspelt.md"])) == [
        'tests/fixtures/lint/misspelt.md:11: "excercise" is misspelt. Write "exercise". '
        "If the word is right, add it to spelling/words.txt.",
        'tests/fixtures/lint/misspelt.md:13: "fascitis" is misspelt. Write "fasciitis". '   # our list
        "If the word is right, add it to spelling/words.txt.",
        'tests/fixtures/lint/misspelt.md:15: "fiber" is American spelling: this site uses British. Write "fibre". '
        "If the word is right, add it to spelling/words.txt.",
    ]


def test_a_word_on_the_projects_list_is_accepted(tmp_path):
    """spelling/words.txt is read (through .codespellrc): a word on it is not flagged."""
    project = tmp_path / "project"
    (project / "spelling").mkdir(parents=True)
    for name in (".codespellrc", "spelling/mistakes.txt", "spelling/american.txt"):
        (project / name).write_text((ROOT / name).read_text(encoding="utf-8"), encoding="utf-8")
    (project / "spelling" / "words.txt").write_text("fascitis\n", encoding="utf-8")
    page = project / "page.md"
    page.write_text((FIXTURES / "misspelt.md").read_text(encoding="utf-8"), encoding="utf-8")
    assert [p.line for p in lint.spelling([page], project)] == [11, 15]


def test_markdown_mistakes_name_the_line_the_rule_and_the_fix():
    assert shown(lint.markdown_style([FIXTURES / "bad-style.md"])) == [
        "tests/fixtures/lint/bad-style.md:11: Heading levels should only increment by one level at a time "
        "[Expected: h2; Actual: h4] (MD001 heading-increment). "
        "Go down one heading level at a time: after ## comes ###, not ####.",
        "tests/fixtures/lint/bad-style.md:13: Link text should be descriptive (MD059 descriptive-link-text). "
        'Say where the link goes, e.g. "read about cool-downs", not "here" or "link".',
        "tests/fixtures/lint/bad-style.md:15: Bare URL used (MD034 no-bare-urls). "
        "Make the web address a link with words: [the NHS page on shin splints](https://...).",
    ]


def test_ordinary_material_markdown_passes_both_checks():
    page = FIXTURES / "material-ok.md"
    assert shown(lint.markdown_style([page])) == [] and shown(lint.spelling([page])) == []


def test_command_lists_every_problem_and_fails():
    result = subprocess.run([sys.executable, "-m", "scripts.staff.lint", "tests/fixtures/lint/misspelt.md",
                             "tests/fixtures/lint/bad-style.md"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert [line.split(":")[:2] for line in result.stdout.splitlines()] == [
        ["tests/fixtures/lint/bad-style.md", "11"], ["tests/fixtures/lint/bad-style.md", "13"],
        ["tests/fixtures/lint/bad-style.md", "15"], ["tests/fixtures/lint/misspelt.md", "11"],
        ["tests/fixtures/lint/misspelt.md", "13"], ["tests/fixtures/lint/misspelt.md", "15"]]
    assert "6 problems in spelling and Markdown style" in result.stderr
    missing = subprocess.run([sys.executable, "-m", "scripts.staff.lint", "nope.md"], cwd=ROOT, capture_output=True, text=True)
    assert missing.returncode == 2 and "No such file: nope.md" in missing.stderr
