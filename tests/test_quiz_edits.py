"""Quiz edits a physio can make and sign off alone. Each mistake or change a
clinic editor makes is replayed on a copy of the quiz folder: it is refused at
the line of the mistake with a fix that is safe to follow, or shown to the
reviewer in words in the pull request's summary.

The copy is of tests/fixtures/quiz-site/, the site's quizzes as they were when
these tests were written (checklists, both trees, their scenarios), so that the
clinic rewording a sign in quiz/ never breaks a test here."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, mkdocs_build, project_copy

from scripts.staff import route_diff
from scripts.quiz import TreeError, compile_all
from scripts.quiz import checklists as shared
from scripts.quiz.paths import markdown_table

CALF = "A calf that is swollen after a long flight or car journey"
AFTER = "      - Fainting, nearly fainting, or a racing or fluttering heart during or after exercise\n"


SITE_QUIZ = ROOT / "tests" / "fixtures" / "quiz-site"


def quiz_copy(tmp_path: Path, scenarios: bool = False) -> Path:
    """A copy of the fixture quiz folder; without the clinic's scenarios unless
    asked (an edit that moves one is a problem of its own, tested below)."""
    folder = tmp_path / "quiz"
    shutil.copytree(SITE_QUIZ, folder)
    if not scenarios:
        shutil.rmtree(folder / "scenarios")
    return folder


def edit(path: Path, old: str, new: str, first: bool = False) -> int:
    """Replace `old` (which must occur once, or `first`: its first time) with `new`;
    the 1-based line where `new` starts."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1 or (first and old in text), old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


def problems(folder: Path):
    with pytest.raises(TreeError) as caught:
        compile_all(folder, articles=None)
    return caught.value.problems


def lines_of(text: str) -> list[str]:
    return text.splitlines()


# 1. A new warning sign is shown to the reviewer, in every place it appears ---------

def test_a_new_sign_shows_in_both_quizzes_word_diff_and_in_make_paths(tmp_path):
    folder = quiz_copy(tmp_path)
    edit(folder / shared.FILE_NAME, AFTER, AFTER + f"      - {CALF}\n")
    before, after = compile_all(SITE_QUIZ, articles=None), compile_all(folder, articles=None)
    report = route_diff.report(route_diff.diff(before, after))
    added = f"sign added: **{CALF}**"
    assert report.count(added) == len(after) == 2   # one file changed, both quizzes show it
    assert route_diff.NOTHING not in report
    for tree in after:
        listed = markdown_table(tree)
        assert f"- {CALF}" in listed   # make paths lists the signs under their checklist
        assert listed.index("In the last few days, have you had any of these?") < listed.index(CALF)


def test_a_new_sign_shows_on_the_staff_page_and_in_the_article_boxes(tmp_path):
    project = project_copy(tmp_path)
    shutil.rmtree(project / "quiz" / "scenarios")
    for path in SITE_QUIZ.glob("*.yml"):
        shutil.copy(path, project / "quiz" / path.name)
    edit(project / "quiz" / shared.FILE_NAME, AFTER, AFTER + f"      - {CALF}\n")
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    staff = BeautifulSoup((tmp_path / "site" / "staff" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert CALF in staff.get_text(" ")
    box_pages = [p for p in (project / "content").rglob("*.md") if '--8<-- "urgent-today.md"' in p.read_text()]
    assert box_pages
    for page in box_pages:
        built = tmp_path / "site" / page.relative_to(project / "content").with_suffix("") / "index.html"
        if page.name == "index.md":
            built = tmp_path / "site" / page.relative_to(project / "content").parent / "index.html"
        boxes = BeautifulSoup(built.read_text(encoding="utf-8"), "html.parser").select(".admonition.warning")
        assert any(CALF in box.get_text(" ") for box in boxes), page
    for tree in ("should-i-run-today", "why-are-my-legs-sore"):
        step = (tmp_path / "site" / "quiz" / tree / "same-day-signs" / "index.html").read_text(encoding="utf-8")
        assert CALF in step


def test_a_reworded_outcome_is_shown_word_by_word(tmp_path):
    folder = quiz_copy(tmp_path, scenarios=True)
    edit(folder / "should-i-run-today.yml", "**Enjoy your run as planned.**", "**Enjoy your run today.**")
    report = route_diff.report(route_diff.diff(compile_all(SITE_QUIZ, articles=None),
                                               compile_all(folder, articles=None)))
    assert "Outcome “Go for your run” (`go`): its advice: " in report
    assert "~~as planned.\\*\\*~~ **today.\\*\\***" in report
    assert report.count(route_diff.NOTHING) == 1   # the other quiz did not change, and says so


@pytest.mark.parametrize("old, new", [
    ("  title: Call 999 now\n", "  title: Call 999 straight away\n"),
    ("You feel dizzy", "You feel dizzy or faint"),
    ("    title: Go for your run\n    verdict: go", "    title: Go for your run\n    verdict: easy"),
    ("- label: Tired or heavy, but not sore", "- label: Tired or heavy, not sore"),
    ("help: For example, you ran on Saturday", "help: For example, you ran on a Saturday"),
    ("title: Should I run today?", "title: Should I go for a run today?"),
])
def test_no_change_of_text_reads_as_nothing_changed(tmp_path, old, new):
    folder = quiz_copy(tmp_path)
    for path in (folder / shared.FILE_NAME, folder / "should-i-run-today.yml"):
        if path.read_text(encoding="utf-8").count(old) == 1:
            edit(path, old, new)
            break
    else:
        pytest.fail(f"{old!r} is in neither file")
    diffs = route_diff.diff(compile_all(SITE_QUIZ, articles=None), compile_all(folder, articles=None))
    changed = [d for d in diffs if d.file == "quiz/should-i-run-today.yml"]
    assert changed and changed[0].status == "changed" and changed[0].wording, route_diff.report(diffs)


# 2. An over-indented sign is refused at its line ---------------------------------

@pytest.mark.parametrize("spaces", [8, 10])
def test_an_over_indented_sign_is_refused_at_its_line_not_merged(tmp_path, spaces):
    folder = quiz_copy(tmp_path)
    line = edit(folder / shared.FILE_NAME, AFTER, AFTER + " " * spaces + f"- {CALF}\n") + 1
    found = problems(folder)
    assert [(p.file, p.line) for p in found] == [(str(folder / shared.FILE_NAME), line)], found
    text = str(found[0])
    assert "indented further than the list item above it" in text
    assert 'Start its "- " in the same column as the "- " of the item above (column 7).' in text


def test_a_plain_text_that_runs_onto_a_second_line_in_a_list_is_refused(tmp_path):
    folder = quiz_copy(tmp_path)
    line = edit(folder / shared.FILE_NAME, "      - Trouble breathing\n",
                "      - Trouble breathing, or breathing\n        that is fast and shallow\n") + 1
    [problem] = problems(folder)
    assert problem.line == line and "goes on over more than one line" in problem.message


# 3. Each checklist is written once ------------------------------------------------

def test_every_warning_checklist_of_the_real_quizzes_comes_from_the_one_file():
    for tree in compile_all(ROOT / "quiz", articles=None):
        own = [q.id for q in tree.questions.values() if q.is_warning and not q.source]
        assert not own, (f"{tree.source}: the warning-sign checklist(s) {', '.join(own)} are written in the quiz "
                         f"itself. Write warning signs once, in quiz/{shared.FILE_NAME}, and name the checklist "
                         '("checklist: <id>"), so both quizzes and the article boxes say the same.')


def test_a_checklist_name_with_a_slip_is_refused_at_the_tree_line_with_a_suggestion(tmp_path):
    folder = quiz_copy(tmp_path)
    line = edit(folder / "should-i-run-today.yml", "    checklist: same-day\n", "    checklist: sameday\n")
    [problem] = problems(folder)
    assert problem.line == line and problem.file.endswith("should-i-run-today.yml")
    assert 'asks the checklist "sameday", which is not in quiz/checklists.yml. Did you mean "same-day"?' in str(problem)


def test_the_same_sign_in_two_checklists_is_refused_on_the_second(tmp_path):
    folder = quiz_copy(tmp_path)
    line = edit(folder / shared.FILE_NAME, "      - You feel dizzy\n", "      - You feel dizzy\n      - Trouble breathing\n") + 1
    [problem] = problems(folder)
    assert problem.line == line and 'in the checklist "emergency"' in problem.message


# 4. A rewired answer is reported at the answer -----------------------------------

def test_an_answer_rewired_past_the_everyday_questions_is_one_problem_at_that_answer(tmp_path):
    folder = quiz_copy(tmp_path)
    line = edit(folder / "should-i-run-today.yml", "    if_no: legs-today\n", "    if_no: go\n")
    found = problems(folder)
    assert len(found) == 1, found
    text = str(found[0])
    assert found[0].line == line
    assert 'Question "legs-today" and the' in text and '"if_no" of question "injury-signs" goes to "go"' in text
    assert "delete" not in text.lower()


def test_an_orphaned_outcome_alone_may_be_deleted():
    from quiz_helpers import fixture, only_problem
    assert "or delete it" in str(only_problem("unreachable")) and fixture("unreachable")


# 5. Text pasted twice -------------------------------------------------------------

@pytest.mark.parametrize("file, old, new", [
    (shared.FILE_NAME, "      - Trouble breathing\n", "      - Trouble breathing Trouble breathing\n"),
    ("should-i-run-today.yml", "    text: How do your legs feel today, as you move about?\n",
     "    text: How do your legs feel today, as you move about? How do your legs feel today, as you move about?\n"),
    ("should-i-run-today.yml", "Cool down after your run, with an easy walk and gentle stretches.\n",
     "Cool down after your run, with an easy walk and gentle stretches.\n      Cool down after your run, with an "
     "easy walk and gentle stretches.\n"),
])
def test_a_text_pasted_twice_is_refused_at_its_line(tmp_path, file, old, new):
    folder = quiz_copy(tmp_path)
    edit(folder / file, old, new)
    [problem] = problems(folder)
    assert problem.file.endswith(file) and problem.line
    assert "twice in a row" in problem.message and "pasted twice" in problem.hint


# Checks from any Python ---------------------------------------------------------

@pytest.mark.parametrize("command", [["scripts.quiz", "check"], ["scripts.staff.route_diff", "quiz", "quiz"]])
def test_a_staff_command_from_a_python_without_the_packages_says_so_in_one_line(command):
    # -S: no site-packages, as in a Python where requirements.txt was never installed
    result = subprocess.run([sys.executable, "-S", "-m", *command], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Run `make check` instead" in result.stderr


# The clinic's scenarios -----------------------------------------------------------

def test_a_tree_change_that_moves_a_scenario_fails_with_its_file_line_and_own_words(tmp_path):
    folder = quiz_copy(tmp_path, scenarios=True)
    # An editor sends soreness that does not ease to an easy run.
    edit(folder / "should-i-run-today.yml",
         "      - label: Sore or stiff in both legs, and it does not ease as you move about\n        next: cross-train",
         "      - label: Sore or stiff in both legs, and it does not ease as you move about\n        next: easy-run")
    found = problems(folder)
    scenarios = folder / "scenarios" / "should-i-run-today.yml"
    assert found and all(p.file == str(scenarios) for p in found), found
    source = scenarios.read_text(encoding="utf-8").splitlines()
    for problem in found:
        assert source[problem.line - 1].lstrip().startswith("- situation: ")   # the scenario's own line
        situation = source[problem.line - 1].split("situation: ", 1)[1]
        assert f'Scenario "{situation[:40]}' in problem.message
        assert 'now ends at "Run, but make it easier or shorter" (easy)' in problem.message
        assert "does not ease as you move about" in problem.message


def test_the_summary_shows_each_scenario_that_ends_elsewhere(tmp_path):
    from scripts.quiz import scenarios
    folder = quiz_copy(tmp_path, scenarios=True)
    edit(folder / "should-i-run-today.yml", "    title: Go for your run\n    verdict: go",
         "    title: Go for your run\n    verdict: easy")
    cases = folder / "scenarios" / "should-i-run-today.yml"
    cases.write_text(cases.read_text(encoding="utf-8").replace("expect: go", "expect: [go, easy]"), encoding="utf-8")
    diffs = route_diff.diff(compile_all(SITE_QUIZ, articles=None), compile_all(folder, articles=None))
    [tree] = [d for d in diffs if d.file == "quiz/should-i-run-today.yml"]
    moved = [w for w in scenarios.walks(compile_all(folder, articles=None)[0], folder)[0]
             if w.outcome == "go"]
    assert len(tree.scenarios) == len(moved) > 0
    assert all("was “Go for your run” (verdict `go`), now “Go for your run” (verdict `easy`)" in line
               for line in tree.scenarios)


def test_an_answer_that_fits_no_sign_names_the_scenario_and_what_to_write(tmp_path):
    folder = quiz_copy(tmp_path, scenarios=True)
    cases = folder / "scenarios" / "should-i-run-today.yml"
    line = edit(cases, "      emergency-signs: Sudden confusion\n", "      emergency-signs: Sudden confusio\n", first=True)
    [problem] = problems(folder)
    assert problem.file == str(cases) and problem.line == line
    assert 'answers question "emergency-signs" with "Sudden confusio": that is not one of its answers or signs.' \
        in problem.message and '"No", "Not sure", or the sign that fits' in problem.hint


def test_coverage_names_the_signs_answers_and_verdicts_no_scenario_stands_for(tmp_path):
    from scripts.quiz import scenarios
    folder = quiz_copy(tmp_path, scenarios=True)
    edit(folder / shared.FILE_NAME, AFTER, AFTER + f"      - {CALF}\n")
    for tree in compile_all(folder, articles=None):
        done, found = scenarios.walks(tree, folder)
        assert not found and all(w.passed for w in done) and len(done) >= 30, tree.source
        assert scenarios.coverage(tree, done)["signs"] == [CALF], tree.source   # the new sign, and only it
        report = route_diff.report(route_diff.diff(compile_all(SITE_QUIZ, articles=None),
                                                   compile_all(folder, articles=None)))
        assert f"No scenario stands for the sign “{CALF}”" in report


def test_a_box_shows_checklist_text_as_text_never_as_markup(tmp_path):
    """Signs are text from YAML: in an article's box, as in the quiz, they are escaped."""
    import markdown
    folder = quiz_copy(tmp_path)
    edit(folder / shared.FILE_NAME, "      - Trouble breathing\n",
         "      - '<svg onload=alert(1)>Trouble *breathing* [here](javascript:x) A&E'\n")
    checklists, found = shared.read(folder / shared.FILE_NAME, "quiz/checklists.yml")
    assert not found
    text, found = shared.expand_boxes('Before.\n\n--8<-- "urgent-999.md"\n', checklists, "content/x.md")
    html = BeautifulSoup(markdown.markdown(text, extensions=["admonition"]), "html.parser")
    assert not html.find(["svg", "em", "a"])
    assert "<svg onload=alert(1)>Trouble *breathing* [here](javascript:x) A&E." in html.get_text()


def test_an_include_that_names_no_box_fails_at_the_articles_line(tmp_path):
    project = project_copy(tmp_path)
    page = project / "content" / "faq.md"
    line = edit(page, '--8<-- "urgent-999.md"', '--8<-- "urgent-99.md"', first=True)
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (f'content/faq.md:{line}: There is no shared box called "urgent-99.md". The boxes are "urgent-999.md", '
            '"urgent-today.md"') in result.stderr


def test_a_quiz_that_drops_a_shared_checklist_is_refused(tmp_path):
    folder = quiz_copy(tmp_path)
    edit(folder / "should-i-run-today.yml", "    if_no: unwell-signs\n", "    if_no: injury-signs\n")
    edit(folder / "should-i-run-today.yml", "  unwell-signs:\n    checklist: unwell\n    if_no: injury-signs\n", "")
    found = problems(folder)
    assert [p.message for p in found] == [
        'The quiz does not ask the warning-sign checklist "unwell" of quiz/checklists.yml.'], found


def test_checklists_that_send_for_help_come_first_on_every_route(tmp_path):
    """Rule S6: a runner with a swollen calf (same day) and swelling where it hurts
    (injury) must be sent for a check today, so same-day comes before injury."""
    folder = quiz_copy(tmp_path)
    tree = folder / "should-i-run-today.yml"
    text = tree.read_text(encoding="utf-8")
    text = (text.replace("    checklist: same-day\n", "    checklist: INJURY\n")
                .replace("    checklist: injury\n", "    checklist: same-day\n")
                .replace("    checklist: INJURY\n", "    checklist: injury\n"))
    tree.write_text(text, encoding="utf-8")
    found = problems(folder)
    assert found and all(p.message.startswith("Safety rule S6: ") for p in found), found
    assert 'Warning-sign checklist "injury-signs" (same-day) is asked after "unwell-signs" (rest), which is less ' \
        "urgent" in found[0].message


@pytest.mark.parametrize("spaces", [10, 12])   # (8 is a YAML syntax error, also said at its line)
def test_an_over_indented_sign_under_a_help_text_is_refused_not_swallowed(tmp_path, spaces):
    """After a sign with a ">-" help text, a sign indented too far would become
    a line of that help ("...pain are enough. - A calf that is swollen")."""
    folder = quiz_copy(tmp_path)
    help_end = "          enough.\n      - Fainting, nearly fainting"
    line = edit(folder / shared.FILE_NAME, help_end,
                "          enough.\n" + " " * spaces + f"- {CALF}\n      - Fainting, nearly fainting") + 1
    [problem] = problems(folder)
    assert problem.line == line and "indented further than the list item above it" in problem.message
    assert "(column 7)" in problem.hint


def test_a_changed_box_is_shown_word_by_word_with_the_articles_that_show_it(tmp_path):
    from scripts.staff.pr_summary import summary
    base, head = tmp_path / "base", tmp_path / "head"
    for folder in (base, head):
        shutil.copytree(SITE_QUIZ, folder / "quiz")
        shutil.copytree(ROOT / "content", folder / "content")
    edit(head / "quiz" / shared.FILE_NAME, 'title: "Urgent advice: call 999 now if you have any of these"',
         'title: "Call 999 now if you have any of these"')
    [change] = route_diff.box_changes(base / "quiz", head / "quiz")
    assert change.file == "urgent-999.md" and "content/faq.md" in change.articles
    assert "~~Urgent advice: call~~ **Call**" in change.lines[0]
    text = summary(base, head, None, {})
    assert "### The urgent-advice boxes in the articles" in text
    assert "| `content/faq.md` |" in text   # listed with the changed pages, for its reading grade and review
    assert text.count(route_diff.NOTHING) == 2   # the quizzes themselves read the same


# The guide quotes the build's real words ------------------------------------------

@pytest.mark.parametrize("mistake, old, new", [
    ("a misspelt next", "    if_no: legs-today\n", "    if_no: legs-toda\n"),
    ("a scenario moved", "      - label: Sore or stiff in both legs, and it does not ease as you move about\n"
     "        next: cross-train", "      - label: Sore or stiff in both legs, and it does not ease as you move "
     "about\n        next: easy-run"),
])
def test_quiz_readme_quotes_what_the_build_says(tmp_path, mistake, old, new):
    """quiz/README.md's example errors, made on a copy of today's quiz/ folder,
    are what the checks print, line for line."""
    import re
    folder = tmp_path / "quiz"
    shutil.copytree(ROOT / "quiz", folder)
    edit(folder / "should-i-run-today.yml", old, new)
    printed = {str(p).replace(str(folder), "quiz") for p in problems(folder)}
    quoted = re.findall(r"^```text\n(.*?)^```$", (ROOT / "quiz" / "README.md").read_text(encoding="utf-8"),
                        re.S | re.M)
    assert any(block.strip() in printed for block in quoted), (
        f"quiz/README.md quotes no message the build prints for {mistake}; it prints:\n" + "\n".join(printed)
        + "\nUpdate the example in quiz/README.md with these words.")
