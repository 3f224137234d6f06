"""Route diff: two versions of a small tree (tests/fixtures/route_diff/), matched
by the words a runner reads, so renamed ids and a reordered file are no change."""
from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import ROOT
from scripts.staff import route_diff
from scripts.quiz import compile_all

FIXTURES = ROOT / "tests" / "fixtures" / "route_diff"
CHEST, SHARP, LEGS = "Do you have chest pain?", "Do you have sharp pain?", "How do your legs feel?"


def trees(version: str):
    return compile_all(FIXTURES / version, articles=None)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts.staff.route_diff", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_routes_are_keyed_by_question_text_and_answer_label():
    [legs] = [t for t in trees("base") if t.id == "legs"]
    found = route_diff.routes(legs)
    assert found[((CHEST, "Yes"),)] == ("Call 999 now", "urgent")
    assert found[((CHEST, "No"), (SHARP, "No"), (LEGS, "Very sore"))] == ("Rest today", "rest")
    assert found[((CHEST, "Not sure"),)] == ("Call 999 now", "urgent")   # a checklist's Not sure is a route too
    assert len(found) == len(legs.paths) == 7


def test_diff_finds_changed_new_and_removed_routes_and_quizzes_only():
    diffs = {d.file: d for d in route_diff.diff(trees("base"), trees("head"))}
    assert {f: d.status for f, d in diffs.items()} == {
        "quiz/added.yml": "added", "quiz/legs.yml": "changed", "quiz/removed.yml": "removed"}
    legs = diffs["quiz/legs.yml"]
    # Renamed ids (chest-pain -> q-chest) and the new order of the file change nothing:
    # the chest-pain routes are not listed.
    assert {(c.kind, c.route, c.before, c.after) for c in legs.changes} == {
        ("changed", ((CHEST, "No"), (SHARP, "Yes")),
         ("See a physio", "see-a-physio"), ("Do not run. See a physio", "see-a-physio")),
        ("changed", ((CHEST, "No"), (SHARP, "Not sure")),
         ("See a physio", "see-a-physio"), ("Do not run. See a physio", "see-a-physio")),
        ("changed", ((CHEST, "No"), (SHARP, "No"), (LEGS, "A bit sore")),
         ("Go for your run", "go"), ("Run, but easier", "easy")),
        ("changed", ((CHEST, "No"), (SHARP, "No"), (LEGS, "Very sore")),
         ("Rest today", "rest"), ("Cross-train today", "cross-train")),
        ("added", ((CHEST, "No"), (SHARP, "No"), (LEGS, "Stiff")), None, ("Run, but easier", "easy")),
    }
    assert legs.routes == 8


def test_same_trees_have_no_diff():
    same = route_diff.diff(trees("base"), trees("base"))
    assert {d.status for d in same} == {"unchanged"} and len(same) == len(trees("base"))
    text = route_diff.report(same)
    assert text.count(route_diff.NOTHING) == len(same)   # each quiz says so, by name


def test_report_reads_as_answers_and_flags_a_less_serious_verdict():
    text = route_diff.report(route_diff.diff(trees("base"), trees("head")),
                             ("go", "easy", "cross-train", "rest", "see-a-physio", "same-day", "urgent"))
    assert ("- Do you have chest pain? **No** → Do you have sharp pain? **No** → How do your legs feel? "
            "**Very sore**  \n  was “Rest today” (verdict `rest`), now “Cross-train today” (verdict `cross-train`)"
            " ⚠️ **less serious than before**") in text
    assert "now “Run, but easier” (verdict `easy`) (more serious than before)" in text
    assert "4 routes end differently, 1 new, 0 removed (8 routes in all)." in text
    assert "### A new quiz (`quiz/added.yml`)\n\nA new quiz with 7 routes" in text
    assert "### An old quiz (`quiz/removed.yml`)\n\nThis quiz is deleted (it had 7 routes)." in text


def test_markup_in_tree_text_is_shown_as_text():
    assert route_diff._md("See [this](http://x) <b>now</b> *") == "See \\[this\\](http://x) \\<b\\>now\\</b\\> \\*"


def test_command_compares_two_checkouts_or_two_quiz_folders():
    result = run(str(FIXTURES / "base"), str(FIXTURES / "head"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(route_diff.HEADING)
    same = run(str(ROOT), str(ROOT))   # a checkout: its quiz/ folder
    assert same.returncode == 0 and route_diff.NOTHING in same.stdout


def test_command_reports_a_broken_tree_plainly(tmp_path):
    head = tmp_path / "head"
    shutil.copytree(FIXTURES / "head", head)
    legs = head / "legs.yml"
    legs.write_text(legs.read_text(encoding="utf-8").replace("next: cross-train", "next: cross-trian"),
                    encoding="utf-8")
    result = run(str(FIXTURES / "base"), str(head))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("The quizzes after the change cannot be compared until they build:")
    assert "legs.yml" in result.stderr and "cross-trian" in result.stderr
    missing = run(str(FIXTURES / "base"), str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and "is not a folder" in missing.stderr


def test_one_route_is_said_in_the_singular():
    change = route_diff.Change("changed", ((CHEST, "No"),), ("Go for your run", "go"), ("Rest today", "rest"))
    text = route_diff.report([route_diff.TreeDiff("quiz/legs.yml", "Legs", "changed", 1, (change,)),
                              route_diff.TreeDiff("quiz/new.yml", "New", "added", 1, ()),
                              route_diff.TreeDiff("quiz/old.yml", "Old", "removed", 1, ())])
    assert "1 route ends differently, 0 new, 0 removed (1 route in all)." in text
    assert "A new quiz with 1 route:" in text and "(it had 1 route)." in text
    assert "1 routes" not in text
