"""Every article reads at Flesch-Kincaid grade 5 to 8, Markdown stripped:
plain English for adults, neither hard nor chopped into baby steps."""
from __future__ import annotations

import pytest

from conftest import ROOT
from scripts.readability import MAX_GRADE, MIN_GRADE, grade, plain_text

ARTICLES = sorted((ROOT / "content").rglob("*.md"))


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: str(p.relative_to(ROOT / "content")))
def test_article_reads_at_grade_5_to_8(path):
    assert MIN_GRADE <= grade(path.read_text(encoding="utf-8")) <= MAX_GRADE


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
    from scripts.readability import main
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
