"""Front matter: every article carries its review data, and a mistake fails
the build naming the file, the line, the field and what to write."""
from __future__ import annotations

import shutil

from bs4 import BeautifulSoup

from conftest import ROOT, mkdocs_build, project_copy
from scripts.front_matter import check

FIXTURES = ROOT / "tests" / "fixtures" / "pages"
GOOD = """---
title: A good page
description: A description that is long enough to be useful in a search result, honestly.
reviewed: 2026-11-20
reviewer: Physiotherapist
review_due: 2027-05-20
---

# A good page
"""


def messages(source: str) -> list[str]:
    return [str(p) for p in check(source, "content/x.md")]


def test_good_front_matter_has_no_problems():
    assert messages(GOOD) == []


def test_every_article_in_content_passes():
    for path in (ROOT / "content").rglob("*.md"):
        assert check(path.read_text(encoding="utf-8"), str(path)) == [], path


def test_missing_front_matter_says_what_to_write():
    [message] = messages("# No front matter\n")
    assert message.startswith("content/x.md:1:") and "reviewed: 2026-11-20" in message


def test_missing_field_names_the_field_and_an_example():
    [message] = messages(GOOD.replace("reviewer: Physiotherapist\n", ""))
    assert 'content/x.md' in message and '"reviewer"' in message and "reviewer: Physiotherapist" in message


def test_bad_date_names_line_field_and_format():
    [message] = messages(GOOD.replace("reviewed: 2026-11-20", "reviewed: last Tuesday"))
    assert message.startswith("content/x.md:4:")
    assert '"reviewed"' in message and "last Tuesday" in message and "2026-11-20" in message


def test_misspelled_field_gets_a_suggestion():
    found = messages(GOOD.replace("reviewer:", "reviwer:"))
    assert any('unknown field "reviwer"' in m and 'Did you mean "reviewer"?' in m for m in found)
    assert any('"reviewer" is missing' in m for m in found)


def test_yaml_syntax_error_gives_the_line():
    [message] = messages(GOOD.replace("title: A good page", "title: A: bad: page"))
    assert message.startswith("content/x.md:2:") and "cannot be read" in message


def test_description_length_is_checked():
    [message] = messages(GOOD.replace(
        "A description that is long enough to be useful in a search result, honestly.", "Too short."))
    assert "10 characters" in message and "50 to 160" in message


def test_review_due_must_follow_reviewed():
    [message] = messages(GOOD.replace("review_due: 2027-05-20", "review_due: 2025-01-01"))
    assert message.startswith("content/x.md:6:") and "not after" in message


def test_duplicate_field_names_both_lines():
    found = messages(GOOD.replace("reviewer: Physiotherapist\n", "reviewer: Physiotherapist\nreviewer: Doctor\n"))
    assert any("content/x.md:6:" in m and "also on line 5" in m for m in found)


def test_broken_pages_fail_the_build_with_every_problem_and_no_traceback(tmp_path):
    project = project_copy(tmp_path)
    for fixture in FIXTURES.glob("*.md"):
        shutil.copy(fixture, project / "content" / fixture.name)
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert 'content/bad-date.md:4: the field "reviewed" is "next week", which is not a date.' in output
    assert 'content/missing-reviewer.md:1: the field "reviewer" is missing or empty.' in output
    assert "content/broken-yaml.md:2: the front matter cannot be read" in output
    assert 'content/impossible-date.md:4: the field "reviewed" is "2026-02-30", which is not a real date.' in output
    assert 'content/markup-in-title.md:2: the field "title" contains < or >.' in output
    assert 'content/markup-in-title.md:7: has an unknown field "icon".' in output


def test_impossible_date_is_explained_not_crashed_on():
    [message] = messages(GOOD.replace("reviewed: 2026-11-20", "reviewed: 2026-13-01"))
    assert message.startswith("content/x.md:4:") and "not a real date" in message


def test_quotes_in_a_description_stay_inside_the_meta_tag(tmp_path):
    project = project_copy(tmp_path)
    page = project / "content" / "faq.md"
    said = 'Answers to "Can I run?" & more: three questions runners ask, onfocus=alert(1) stays text.'
    source = page.read_text(encoding="utf-8")
    start = source.index("description:")
    page.write_text(source[:start] + f"description: '{said}'" + source[source.index("\n", start):],
                    encoding="utf-8")
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    built = (tmp_path / "out" / "faq" / "index.html").read_text(encoding="utf-8")
    doc = BeautifulSoup(built, "html.parser")
    metas = doc.find_all("meta", attrs={"name": "description"})
    assert [m["content"] for m in metas] == [said] and not doc.find(attrs={"onfocus": True})
