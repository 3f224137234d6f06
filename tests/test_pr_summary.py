"""The pull request's summary for the reviewing physio: preview, route diff,
reading grade of changed pages (and whether their review dates moved), and
reviews overdue or due soon."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys

from conftest import ROOT
from scripts.staff.pr_summary import changed, preview_section, summary

FIXTURES = ROOT / "tests" / "fixtures"
FINE = ("\nWhen your legs still feel stiff two days after a long race, a gentle recovery run or a brisk walk "
        "usually helps the muscles loosen, because moving brings fresh blood to them.\n")
HARD = ("Notwithstanding considerable interindividual variability, musculoskeletal adaptations consequent "
        "upon unaccustomed eccentric exercise predominantly manifest as delayed-onset myalgia.\n")


def versions(tmp_path):
    base, head = tmp_path / "base", tmp_path / "head"
    for folder, quiz in ((base, "base"), (head, "head")):
        shutil.copytree(FIXTURES / "route_diff" / quiz, folder / "quiz")
        (folder / "content").mkdir()
        shutil.copy(FIXTURES / "reviews" / "content" / "current.md", folder / "content" / "kept.md")
        shutil.copy(FIXTURES / "reviews" / "content" / "current.md", folder / "content" / "edited.md")
    edited = head / "content" / "edited.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")
    new = head / "content" / "new.md"
    new.write_text((FIXTURES / "reviews" / "content" / "current.md").read_text(encoding="utf-8") + HARD,
                   encoding="utf-8")
    shutil.copy(FIXTURES / "reviews" / "content" / "overdue.md", head / "content" / "overdue.md")
    shutil.copy(FIXTURES / "reviews" / "content" / "overdue.md", base / "content" / "overdue.md")
    return base, head


def test_changed_lists_new_and_edited_files_only(tmp_path):
    base, head = versions(tmp_path)
    assert changed(base, head, "content/**/*.md") == ["content/edited.md", "content/new.md"]
    assert changed(base, head, "quiz/*.yml") == ["quiz/added.yml", "quiz/legs.yml"]


def test_summary_has_the_preview_routes_pages_and_reviews(tmp_path):
    base, head = versions(tmp_path)
    env = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "your-clinic/site", "GITHUB_RUN_ID": "42"}
    text = summary(base, head, dt.date(2026, 11, 30), env)
    assert ("1. Download **site-preview** from the *Artifacts* list at the bottom of "
            "[this check's page](https://github.com/your-clinic/site/actions/runs/42).") in text
    assert "was “Rest today” (verdict `rest`), now “Cross-train today” (verdict `cross-train`) ⚠️" in text
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert rows[0].startswith("| `content/edited.md` | ") and rows[0].endswith(
        "| ⚠️ not updated (reviewed 2026-11-01) |")
    assert rows[1].startswith("| `content/new.md` | ") and "above grade 8" in rows[1]
    assert rows[1].endswith("| new: reviewed 2026-11-01 by Sam Lee, physiotherapist |")
    assert rows[2] == "| `quiz/added.yml` | - | new: reviewed 2026-11-20 by Sam Lee, physiotherapist |"
    assert rows[3] == "| `quiz/legs.yml` | - | updated: reviewed 2026-11-24 by Sam Lee, physiotherapist |"
    reviews = text[text.index("## Reviews overdue or due soon"):]
    assert "| Overdue | An overdue page (`content/overdue.md`) |" in reviews and "kept.md" not in reviews


def test_pages_outside_grade_5_to_8_are_flagged_on_both_sides(tmp_path):
    base, head = versions(tmp_path)
    fine = head / "content" / "fine.md"
    fine.write_text((FIXTURES / "reviews" / "content" / "current.md").read_text(encoding="utf-8") + FINE,
                    encoding="utf-8")
    text = summary(base, head, dt.date(2026, 11, 30), {})
    assert "Reading grade: 5 to 8 (Flesch-Kincaid)." in text
    grades = {line.split(" | ")[0]: line.split(" | ")[1] for line in text.splitlines() if line.startswith("| `")}
    # edited.md is a heading and one short sentence: choppy, flagged like a hard page.
    assert grades["| `content/edited.md`"].endswith(" ⚠️ below grade 5: join very short sentences and use fewer headings")
    assert grades["| `content/new.md`"].endswith(" ⚠️ above grade 8: use shorter sentences and words")
    assert re.fullmatch(r"[5-7]\.\d", grades["| `content/fine.md`"])


def test_the_preview_says_the_quiz_runs_without_javascript_from_files():
    # Chromium refuses the quiz's script module from file:// pages, so the static pages answer.
    assert "the quiz runs without JavaScript: a new page for each answer" in preview_section({})


def test_nothing_changed_says_so(tmp_path):
    base, _ = versions(tmp_path)
    text = summary(base, base, dt.date(2026, 11, 30), {})
    assert "Nothing a runner reads or is told changed in this quiz." in text
    assert "No article or quiz changed." in text


def test_command_needs_a_checkout(tmp_path):
    result = subprocess.run([sys.executable, "-m", "scripts.staff.pr_summary", str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 2 and "is not a checkout of this project" in result.stderr
    same = subprocess.run([sys.executable, "-m", "scripts.staff.pr_summary", str(ROOT)], cwd=ROOT,
                          capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert same.returncode == 0, same.stderr
    assert same.stdout.startswith("## Preview") and "No article or quiz changed." in same.stdout
