"""The staff CLI: python -m scripts.quiz check|paths|graph [FILE ...]."""
from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

from quiz_helpers import ROOT, VALID, fixture, line_with

from scripts.quiz import compile_tree
from scripts.quiz.__main__ import emergency_number, main
from scripts.quiz.paths import path_rows, to_mermaid


def run(*args: str) -> subprocess.CompletedProcess:
    """The CLI as staff run it, from the repository root."""
    return subprocess.run([sys.executable, "-m", "scripts.quiz", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_check_on_valid_fixtures_exits_0_with_a_summary(capsys):
    files = [str(p) for p in sorted(VALID.glob("*.yml"))]
    assert main(["check", *files]) == 0
    out = capsys.readouterr().out
    assert "valid-minimal.yml: OK (3 questions, 4 outcomes, 4 paths)" in out


def test_check_on_a_bad_fixture_exits_1_with_the_message_and_no_traceback():
    path = fixture("dangling-next")
    result = run("check", str(path.relative_to(ROOT)))
    assert result.returncode == 1
    line = line_with(path, "next: sorenes")
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


def test_paths_prints_a_markdown_table(capsys):
    assert main(["paths", str(VALID / "valid-minimal.yml")]) == 0
    out = capsys.readouterr().out
    assert "| # | Answers given | Outcome | Verdict |" in out
    assert ("| 3 | Do you have chest pain? -> No; Do you have sharp pain? -> No; "
            "How do your legs feel? -> Fine | Go for your run | go |") in out
    assert "-> Yes (red flag) | Call 999 now | urgent |" in out


def test_graph_prints_a_mermaid_flowchart(capsys):
    assert main(["graph", str(VALID / "valid-minimal.yml")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("flowchart TD\n")
    assert 'q_chest_pain -.->|"Yes (red flag)"| o_call_999' in out
    assert 'q_soreness -->|"Fine"| o_go' in out
    assert 'o_go(["GO: Go for your run"])' in out


def test_path_rows_give_the_staff_page_its_columns():
    tree = compile_tree(VALID / "valid-minimal.yml")
    rows = path_rows(tree)
    assert len(rows) == len(tree.paths) == 4
    assert rows[0] == {"number": 1, "answers": "Do you have chest pain? -> Yes (red flag)",
                       "outcome": "Call 999 now", "outcome_id": "call-999", "verdict": "urgent",
                       "steps": [{"question": "chest-pain", "text": "Do you have chest pain?",
                                  "answer": "Yes", "red_flag": True}]}


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
