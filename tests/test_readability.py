"""Every article reads at Flesch-Kincaid grade 5 to 8, Markdown stripped:
plain English for adults, neither hard nor chopped into baby steps."""
from __future__ import annotations

import pytest

from conftest import ROOT
from scripts.staff.readability import MAX_GRADE, MIN_GRADE, grade, hard_sentences, plain_text, report

ARTICLES = sorted((ROOT / "content").rglob("*.md"))
HARD_PAGE = """---
title: Why legs ache
---

# Why legs ache

Rest helps your legs.

Notwithstanding considerable interindividual variability, musculoskeletal adaptations consequent
upon unaccustomed eccentric exercise predominantly manifest as delayed-onset myalgia.

!!! note "Why"
    Your legs ache after a long run because the small fibres in your muscles get tiny tears that your body then repairs over the next few days while you rest.
"""


def reads_at_grade_5_to_8(path) -> None:
    """Fail with why and where in plain words (not "assert 5.0 <= 9.3"), and no traceback."""
    message = report(path, ROOT)
    if message:
        pytest.fail(message, pytrace=False)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: str(p.relative_to(ROOT / "content")))
def test_article_reads_at_grade_5_to_8(path):
    reads_at_grade_5_to_8(path)


def test_a_page_that_reads_too_hard_fails_with_its_hardest_sentences_by_line(tmp_path):
    page = tmp_path / "content" / "why-legs-ache.md"
    page.parent.mkdir()
    page.write_text(HARD_PAGE, encoding="utf-8")
    with pytest.raises(pytest.fail.Exception) as failed:
        reads_at_grade_5_to_8(page)
    assert failed.value.pytrace is False
    name = str(page)   # outside the project: shown as it is
    lines = str(failed.value).splitlines()
    assert lines[0].startswith(f"{name}: reads at grade ")
    assert lines[0].endswith(", above grade 8: use shorter sentences and words. Aim for grade 5 to 8: "
                             "sentences of about 12 to 18 words (this page averages 14).")
    # The sentence split over two lines is placed where it starts; the long one
    # inside the note is found too; "Rest helps your legs." is not listed.
    assert lines[1].startswith(f"{name}:9: this sentence reads at grade ")
    assert "use shorter words for “Notwithstanding”, “considerable”, “interindividual”" in lines[1]
    assert lines[2].startswith(f"{name}:13: this sentence reads at grade ")
    assert lines[2].endswith(": split it: 30 words, aim for 12 to 18.")
    assert lines[3] == f"Check the page again with: python -m scripts.staff.readability {name}"
    assert len(lines) == 4


def test_a_page_inside_the_range_passes_with_no_message():
    assert report(ROOT / "content" / "faq.md", ROOT) == ""
    reads_at_grade_5_to_8(ROOT / "content" / "faq.md")


def test_a_choppy_page_fails_with_what_to_do(tmp_path):
    page = tmp_path / "choppy.md"
    page.write_text("# Rest\n\nRest is good. It helps. Your legs heal.\n\n## Why\n\nYou run. You get sore.\n",
                    encoding="utf-8")
    assert report(page, tmp_path).startswith("choppy.md: reads at grade ")
    assert ", below grade 5: join very short sentences and use fewer headings. Aim for grade 5 to 8" in report(
        page, tmp_path)
    assert hard_sentences(page.read_text(encoding="utf-8")) == []


def test_markup_and_front_matter_are_not_counted():
    text = plain_text("---\ntitle: X\n---\n# Heading\n\nA [link](a.md) and `code`.\n\n!!! note \"Note\"\n    Body.\n")
    assert "title" not in text and "[" not in text and "code" not in text and "!!!" not in text
    assert "Heading" in text and "link" in text and "Body" in text


def test_hard_text_scores_above_the_limit():
    hard = ("Notwithstanding considerable interindividual variability, musculoskeletal adaptations "
            "consequent upon unaccustomed eccentric exercise predominantly manifest as delayed-onset "
            "myalgia, necessitating individualised periodisation considerations.")
    assert grade(hard) > MAX_GRADE


def test_choppy_text_scores_below_the_floor():
    choppy = "# Rest\n\nRest is good. It helps. Your legs heal.\n\n## Why\n\nYou run. You get sore. Then you rest.\n"
    assert grade(choppy) < MIN_GRADE


def test_shared_text_is_read_where_a_page_includes_it():
    text = plain_text('Before.\n\n--8<-- "urgent-999.md"\n')
    assert "call 999 now" in text and "--8<--" not in text


def test_command_flags_a_hard_page_and_a_missing_file_without_a_traceback(tmp_path, capsys):
    from scripts.staff.readability import main
    hard = tmp_path / "hard.md"
    hard.write_text("Notwithstanding considerable interindividual variability, unaccustomed eccentric exercise "
                    "predominantly manifests as delayed-onset myalgia, necessitating periodisation.\n",
                    encoding="utf-8")
    assert main([str(ROOT / "content" / "faq.md")]) == 0
    assert main([str(hard), str(tmp_path / "missing.md")]) == 1
    out = capsys.readouterr().out
    assert "above grade 8: use shorter sentences" in out and "missing.md  <- cannot read it" in out
    choppy = tmp_path / "choppy.md"
    choppy.write_text("Run. Rest. Eat well. Sleep. Run again. It helps.\n", encoding="utf-8")
    assert main([str(choppy)]) == 1
    assert "below grade 5: join very short sentences" in capsys.readouterr().out
