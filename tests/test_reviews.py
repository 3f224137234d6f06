"""Review dates: `make reviews` lists every article and quiz with its status;
overdue never fails the build, a `reviewed` date in the future does."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys

from conftest import ROOT, mkdocs_build, project_copy
from scripts.build import reviews
from scripts.build.front_matter import check

FIXTURES = ROOT / "tests" / "fixtures" / "reviews"
TODAY = dt.date(2026, 11, 30)
D = dt.date.fromisoformat


def test_status_counts_thirty_days_before_the_due_day_and_the_day_itself_as_due_soon():
    reviewed = D("2026-01-01")
    assert reviews.status(reviewed, D("2026-11-29"), TODAY) == "overdue"
    assert reviews.status(reviewed, D("2026-11-30"), TODAY) == "due-soon"
    assert reviews.status(reviewed, D("2026-12-30"), TODAY) == "due-soon"
    assert reviews.status(reviewed, D("2026-12-31"), TODAY) == "current"
    assert reviews.status(None, D("2026-12-31"), TODAY) == "unreadable"
    assert reviews.status(reviewed, None, TODAY) == "unreadable"


def test_collect_lists_articles_and_quizzes_most_urgent_first():
    found = reviews.collect(FIXTURES, TODAY)
    assert [(r.file, r.kind, r.status) for r in found] == [
        ("content/no-dates.md", "article", "unreadable"),
        ("content/overdue.md", "article", "overdue"),
        ("quiz/a-quiz.yml", "quiz", "due-soon"),            # due today
        ("content/sub/due-soon.md", "article", "due-soon"),
        ("content/current.md", "article", "current"),
    ]
    overdue = found[1]
    assert (overdue.title, overdue.reviewer, overdue.reviewed, overdue.review_due) == (
        "An overdue page", "Sam Lee, physiotherapist", D("2025-01-10"), D("2025-07-10"))
    assert overdue.status_text == "Overdue"


def test_command_prints_the_table_and_the_counts_and_never_fails():
    result = subprocess.run([sys.executable, "-m", "scripts.build.reviews", "--root", str(FIXTURES),
                             "--today", TODAY.isoformat()], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "| Status | Page or quiz | Reviewer | Reviewed | Review due |"
    assert "| Overdue | An overdue page (`content/overdue.md`) | Sam Lee, physiotherapist | 2025-01-10 | 2025-07-10 |" in lines
    assert ("4 articles and 1 quizzes: 1 with unreadable dates, 1 overdue, 2 due within 30 days, 1 current."
            in lines)


def test_command_explains_a_mistyped_today():
    result = subprocess.run([sys.executable, "-m", "scripts.build.reviews", "--today", "30/11/2026"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "'30/11/2026' is not a date: write it as YYYY-MM-DD" in result.stderr


def test_every_real_article_and_quiz_has_readable_review_dates():
    found = reviews.collect(ROOT)
    assert len(found) == len(list((ROOT / "content").rglob("*.md"))) + len(list((ROOT / "quiz").glob("*.yml")))
    assert not [r.file for r in found if r.status == "unreadable"]


def test_reviewed_in_the_future_names_the_line_and_today():
    source = (FIXTURES / "content" / "current.md").read_text(encoding="utf-8")
    [problem] = check(source, "content/x.md", today=D("2026-10-31"))
    assert str(problem) == ('content/x.md:4: "reviewed" (2026-11-01) is in the future. Write the day a clinician '
                            'really checked the page: today or earlier.')
    assert check(source, "content/x.md", today=D("2026-11-01")) == []   # reviewed today is fine


def test_overdue_page_builds_and_is_listed(tmp_path):
    project = project_copy(tmp_path)
    page = project / "content" / "faq.md"
    source = page.read_text(encoding="utf-8")
    start, end = source.index("reviewed:"), source.index("---", 3)
    fields = "reviewed: 2020-01-06\nreviewer: Sam Lee, physiotherapist\nreview_due: 2020-07-06\n"
    page.write_text(source[:start] + fields + source[end:], encoding="utf-8")

    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr          # --strict, and still built
    assert "overdue for review (content/faq.md): `make reviews` lists them." in result.stderr
    built = (tmp_path / "out" / "faq" / "index.html").read_text(encoding="utf-8")
    assert "Next review due" in built
    [faq] = [r for r in reviews.collect(project) if r.file == "content/faq.md"]
    assert faq.status == "overdue"
