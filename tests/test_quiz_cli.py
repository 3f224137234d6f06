"""The staff CLI: python -m scripts.quiz check|paths|graph [FILE ...]."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

from quiz_helpers import ROOT, VALID, fixture, line_with

from scripts.quiz import compile_tree
from scripts.quiz.__main__ import emergency_number, main
from scripts.quiz.paths import path_rows, route_groups, to_mermaid


def run(*args: str) -> subprocess.CompletedProcess:
    """The CLI as staff run it, from the repository root."""
    return subprocess.run([sys.executable, "-m", "scripts.quiz", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_check_on_valid_fixtures_exits_0_with_a_summary(capsys):
    files = [str(p) for p in sorted(VALID.glob("*.yml"))]
    assert main(["check", *files]) == 0
    out = capsys.readouterr().out
    assert "valid-minimal.yml: OK (3 questions, 4 outcomes, 6 routes of 1 to 3 questions; 0 scenarios pass; " \
           "not yet in any scenario: signs: " in out   # a quiz without scenarios says what none stands for


def test_check_on_a_bad_fixture_exits_1_with_the_message_and_no_traceback():
    path = fixture("dangling-next")
    result = run("check", str(path.relative_to(ROOT)))
    assert result.returncode == 1
    line = line_with(path, "if_no: sorenes")
    assert f"tests/fixtures/quiz/invalid/dangling-next.yml:{line}: " in result.stderr
    assert 'Did you mean "soreness"?' in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_check_reports_the_problems_of_every_file_named(capsys):
    assert main(["check", str(fixture("dangling-next")), str(fixture("bad-verdict"))]) == 1
    err = capsys.readouterr().err
    assert "dangling-next.yml" in err and "bad-verdict.yml" in err and err.startswith("2 problems")


def test_check_on_a_missing_file_is_a_plain_error(capsys):
    assert main(["check", "quiz/no-such-quiz.yml"]) == 1
    assert "quiz/no-such-quiz.yml: There is no such file." in capsys.readouterr().err


def test_check_without_files_checks_the_real_trees():
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert "quiz/should-i-run-today.yml: OK" in result.stdout
    assert "quiz/why-are-my-legs-sore.yml: OK" in result.stdout


def test_paths_prints_route_lengths_then_the_screening_once_then_the_routes(capsys):
    assert main(["paths", str(VALID / "valid-minimal.yml")]) == 0
    out = capsys.readouterr().out
    assert '- Shortest route: 1 question: emergency "Yes, one or more" -> call-999' in out
    assert ('- Longest route: 3 questions: emergency "No, none of these" -> sharp-pain "No" -> '
            'soreness "Fine" -> go') in out
    assert "- Shortest route to each verdict: urgent 1, see-a-physio 2, go 3, easy 3" in out
    assert "| Route | Answers given | Outcome | Verdict | Questions |" in out
    # The warning signs ruled out are named once, in the questions' words, above
    # the routes that follow them, not repeated in every row.
    after = out.split("After “No, none of these” to “Do you have any of these right now?” and "
                      "“Do you have this in your legs?”:\n", 1)[1]
    assert "| 3 | How do your legs feel? -> Fine | Go for your run | go | 3 |" in after
    assert "Do you have any of these right now?" not in after
    first = out.split("From the first question:\n", 1)[1].split("After", 1)[0]
    assert "| 1 | Do you have any of these right now? -> Yes, one or more (red flag) | Call 999 now | urgent | 1 |" in first
    assert "| 6 | Do you have any of these right now? -> Not sure (red flag) | Call 999 now | urgent | 1 |" in first
    assert out.count("From the first question:") == 1 and out.count("After ") == 2


def test_graph_prints_a_mermaid_flowchart(capsys):
    assert main(["graph", str(VALID / "valid-minimal.yml")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("flowchart TD\n")
    assert 'q_emergency -.->|"Yes, one or more (red flag)"| o_call_999' in out
    assert 'q_soreness -->|"Fine"| o_go' in out
    assert 'o_go(["GO: Go for your run"])' in out


def test_path_rows_give_the_staff_page_its_columns():
    tree = compile_tree(VALID / "valid-minimal.yml")
    rows = path_rows(tree)
    assert len(rows) == len(tree.paths) == 6
    assert rows[0] == {"number": 1, "answers": "Do you have any of these right now? -> Yes, one or more (red flag)",
                       "outcome": "Call 999 now", "outcome_id": "call-999", "verdict": "urgent", "questions": 1,
                       "screened": [],
                       "steps": [{"question": "emergency", "text": "Do you have any of these right now?",
                                  "answer": "Yes, one or more", "red_flag": True}]}
    assert rows[2]["screened"] == ["emergency", "sharp-pain"] and rows[2]["answers"] == "How do your legs feel? -> Fine"


def test_route_groups_are_headed_in_the_questions_words_not_ids():
    """The staff page and `make paths` share these headings."""
    groups = route_groups(compile_tree(VALID / "valid-minimal.yml"))
    assert [(g["screened"], g["heading"]) for g in groups] == [
        ([], "From the first question"),
        (["emergency"], "After “No, none of these” to “Do you have any of these right now?”"),
        (["emergency", "sharp-pain"], "After “No, none of these” to “Do you have any of these right now?” "
                                      "and “Do you have this in your legs?”"),
    ]


def test_mermaid_labels_are_quoted_safely():
    tree = compile_tree(VALID / "valid-minimal.yml")
    question = tree.questions["soreness"]
    hostile = replace(question, text='Say "hi" <b>#1</b>')
    out = to_mermaid(replace(tree, questions={**tree.questions, "soreness": hostile}))
    assert 'q_soreness["Say #34;hi#34; #60;b#62;#35;1#60;/b#62;"]' in out


def test_emergency_number_is_read_from_mkdocs_yml_despite_python_tags(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("markdown_extensions:\n  - pymdownx.emoji:\n"
                      "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
                      "extra:\n  clinic:\n    emergency_number: \"112\"\n")
    assert emergency_number(config) == "112"
    assert emergency_number(tmp_path / "missing.yml") == "999"


def test_check_refuses_a_new_quiz_without_a_menu_entry_in_the_words_of_the_build(tmp_path):
    # The build fails on it (the hook's on_nav): `make check` must not say OK.
    from conftest import mkdocs_build, project_copy

    project = project_copy(tmp_path)
    text = (VALID / "valid-minimal.yml").read_text(encoding="utf-8")
    (project / "quiz" / "new-quiz.yml").write_text(
        text.replace("id: valid-minimal", "id: new-quiz").replace("title: Should I run today?", "title: A new quiz"),
        encoding="utf-8")
    said = ('quiz/new-quiz.yml: the quiz "A new quiz" has no menu entry. '
            'Add the line "- A new quiz: quiz/new-quiz.md" under nav: in mkdocs.yml.')
    check = subprocess.run([sys.executable, "-m", "scripts.quiz", "check"], cwd=project,
                           capture_output=True, text=True, timeout=60)
    assert check.returncode == 1 and said in check.stderr.splitlines()[1], check.stderr + check.stdout
    assert "OK" not in check.stdout and "Traceback" not in check.stderr
    build = mkdocs_build(project / "mkdocs.yml", tmp_path / "out")
    assert build.returncode != 0 and said in build.stderr + build.stdout
    # Listed in the menu, the quiz passes both.
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "nav:\n  - Home: index.md\n", "nav:\n  - Home: index.md\n  - A new quiz: quiz/new-quiz.md\n"), encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "scripts.quiz", "check"], cwd=project,
                           capture_output=True, text=True, timeout=60)
    assert check.returncode == 0 and "quiz/new-quiz.yml: OK" in check.stdout, check.stderr
