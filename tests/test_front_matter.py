"""Front matter: every article carries its review data, and a mistake fails
the build naming the file, the line, the field and what to write."""
from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from conftest import ROOT, mkdocs_build, project_copy
from scripts.build.front_matter import REQUIRED, check

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
    assert 'content/x.md' in message and '"reviewer"' in message and "reviewer: Sam Lee, physiotherapist" in message


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
    assert 'content/alias-bomb.md:2: uses the anchor "&a".' in output
    assert 'content/title-no.md:2: the site reads "No" in the field "title" as a yes/no answer' in output
    assert 'content/title-no.md:5: the field "reviewer" is blank' in output
    assert "content/ends-after-front-matter.md:7: the file ends right after the closing ---" in output
    assert "lol, lol" not in output   # no value is ever expanded or printed in full
    assert 'content/future-review.md:4: "reviewed" (2999-01-04) is in the future.' in output


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


# Read as strictly as quiz files -------------------------------------------------

def bomb(levels: int) -> str:
    """Front matter whose title expands to 9**levels items if aliases are followed."""
    rows = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    rows += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, levels)]
    return GOOD.replace("title: A good page", "\n".join(rows) + f"\ntitle: *a{levels - 1}")


def test_alias_bomb_is_refused_before_anything_is_expanded():
    found = messages(bomb(4))   # 6561 items if expanded: small enough to show the old reader printing them
    assert found and all("anchor" in m or "alias" in m for m in found), found
    assert all(len(m) < 200 for m in found)
    assert found[0].startswith("content/x.md:2:") and "&a0" in found[0]


def test_anchors_aliases_and_tags_are_each_refused():
    anchor = messages(GOOD.replace("reviewer: Physiotherapist", "reviewer: &who Physiotherapist"))
    tag = messages(GOOD.replace("reviewer: Physiotherapist", "reviewer: !!str Physiotherapist"))
    python = messages(GOOD.replace("reviewer: Physiotherapist", "reviewer: !!python/name:os.system ''"))
    assert anchor == ['content/x.md:5: uses the anchor "&who". The front matter does not need & and *: '
                      "write the text out in full."]
    assert tag == ['content/x.md:5: uses the YAML tag "!!str". The front matter does not need tags: '
                   "remove the word starting with !."]
    assert len(python) == 1 and "!!python/name:os.system" in python[0]


@pytest.mark.parametrize("field, typed", [("title", "No"), ("title", "yes"), ("reviewer", "off"), ("title", "1.5")])
def test_text_yaml_reads_otherwise_gets_a_quoted_hint_as_typed(field, typed):
    old = "title: A good page" if field == "title" else "reviewer: Physiotherapist"
    [message] = messages(GOOD.replace(old, f"{field}: {typed}"))
    assert f'{field}: "{typed}"' in message, message
    assert "False" not in message and "True" not in message and "false" not in message.split("Put")[1]


@pytest.mark.parametrize("value", ['" "', '"\u200b"', '"\u00a0\u2060\ufeff"', "'\u3164'"])
@pytest.mark.parametrize("field", ["title", "reviewer"])
def test_blank_title_or_reviewer_is_refused(field, value):
    old = "title: A good page" if field == "title" else "reviewer: Physiotherapist"
    found = messages(GOOD.replace(old, f"{field}: {value}"))
    assert any(f'the field "{field}" is blank' in m for m in found), found


@pytest.mark.parametrize("where", ["field name", "date", "title", "yaml error"])
def test_messages_quote_only_a_short_excerpt_of_a_huge_value(where):
    huge = "x" * 100_000
    source = {
        "field name": GOOD.replace("reviewer:", f"? {huge}\n: 1\nreviewer:"),
        "date": GOOD.replace("reviewed: 2026-11-20", f"reviewed: {huge}"),
        "title": GOOD.replace("title: A good page", f"title: {huge}<"),
        "yaml error": GOOD.replace("title: A good page", f'title: "{huge}'),
    }[where]
    found = messages(source)
    assert found and all(len(m) < 300 for m in found), [m[:300] for m in found]


def test_a_file_ending_right_after_the_closing_dashes_is_refused_plainly():
    [message] = messages(GOOD.split("\n# A good page")[0].rstrip("\n"))
    assert message.startswith("content/x.md:7: the file ends right after the closing ---")


OPENING = st.sampled_from(["---", "--- ", "---\t", "----", "..."])
CLOSING = st.sampled_from(["---", "...", "--- ", "----", "-- -"])
AFTER = st.sampled_from(["", "\n", "\n\n# A page\n", " text", "\nmore"])


@settings(max_examples=150, deadline=None)
@given(opening=OPENING, closing=CLOSING, after=AFTER)
def test_what_the_check_accepts_is_exactly_what_mkdocs_reads(opening, closing, after):
    body = GOOD.split("---\n")[1]
    source = f"{opening}\n{body}{closing}{after}"
    accepted = not check(source, "content/x.md")
    _, meta = get_data(source)
    assert accepted == (set(meta) == set(REQUIRED)), (source, meta, check(source, "content/x.md"))
    if accepted:
        assert meta["title"] == "A good page" and meta["reviewer"] == "Physiotherapist"


def test_absurd_nesting_is_refused_before_it_is_built():
    deep = GOOD.replace("title: A good page", "title: " + "[" * 50 + "]" * 50)
    [message] = messages(deep)
    assert message.startswith("content/x.md:2:") and "nested more than" in message


@pytest.mark.parametrize("hidden", ["\u2028", "\u2029", "\x85"], ids=["U+2028", "U+2029", "U+0085"])
def test_a_hidden_line_break_is_refused_on_the_line_an_editor_sees(hidden):
    # YAML ends a line there, editors do not: left in, the bad date on line 4 was reported on line 5.
    source = GOOD.replace("title: A good page", f"title: A good{hidden}page").replace(
        "reviewed: 2026-11-20", "reviewed: next week") + f"\nA pasted{hidden}sentence.\n"
    assert messages(source) == [
        f"content/x.md:{line}: has an invisible line-break character on this line (often pasted from a web page "
        "or a word processor). Delete the line and type it again." for line in (2, 11)]
    [date] = messages(source.replace(hidden, " "))   # once it is gone, the other mistake shows, where it is
    assert date.startswith('content/x.md:4: the field "reviewed"'), date
