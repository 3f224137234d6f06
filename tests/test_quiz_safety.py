"""Clinical safety rules: a fixture breaking each, and the real trees passing all."""
from __future__ import annotations

import pytest
from quiz_helpers import (ROOT, assert_only_problem, assert_reported, fixture, line_with, lines_with, only_problem,
                          problems_of)

from scripts.quiz import Answer, compile_all, compile_tree
from scripts.quiz.safety import MAX_PATHS_SHOWN, is_explicit_no, is_unsure

REAL_TREES = ["should-i-run-today", "why-are-my-legs-sore"]
CONTENT = ROOT / "content"


def real_articles() -> set[str]:
    return {p.relative_to(CONTENT).as_posix() for p in CONTENT.rglob("*.md")}


# --- one fixture per rule -----------------------------------------------------

def test_red_flag_answer_never_leads_to_a_run():
    path = fixture("red-flag-to-go")
    problems = [p for p in problems_of(path) if "is a red flag" in p.message]
    assert len(problems) == 2   # one per path: on to "go" and on to "easy-run"
    for problem, outcome in zip(problems, ['outcome "go" (go)', 'outcome "easy-run" (easy)']):
        assert_reported(problem, path, lines_with(path, "next: soreness")[0],
                        'Answer "Yes" of question "sharp-pain" is a red flag', outcome,
                        'chest-pain "No" -> sharp-pain "Yes" -> soreness',
                        "cross-train, rest, see-a-physio, urgent")


def test_go_path_must_ask_every_red_flag_question():
    assert_only_problem("go-skips-red-flag", "  go:",
                        'Outcome "go" says go', 'never asks the red-flag question "sharp-pain"',
                        'chest-pain "No, never any pain" -> soreness "Fine" -> outcome "go"', 'a clear "No"')


def test_go_path_needs_a_clear_no_to_each_red_flag_question():
    assert_only_problem("go-without-clear-no", "  go:",
                        'passes red-flag question "sharp-pain" with "A little", not a clear "No"',
                        'sharp-pain "A little" -> soreness "Fine" -> outcome "go"')


def test_unsure_answer_never_leads_to_go():
    path = fixture("unsure-to-go")
    assert_reported(only_problem("unsure-to-go"), path, lines_with(path, "next: go")[-1],
                    'Answer "Don’t know" of question "soreness" leads to outcome "go"',
                    'soreness "Don’t know" -> outcome "go"', "not sure must not be told to go")


def test_urgent_outcome_must_say_to_call_the_emergency_number():
    assert_only_problem("urgent-without-999", "  call-999:",
                        'Outcome "call-999" is urgent', 'Write "Call 999 now" in the body.')


def test_emergency_number_is_a_parameter():
    path = fixture("valid-minimal")
    assert_reported(only_problem("valid-minimal", emergency_number="112"), path, line_with(path, "  call-999:"),
                    "does not say to call 112", 'Write "Call 112 now"')


def test_red_flag_questions_come_first():
    path = fixture("red-flag-late")
    problems = problems_of(path)
    assert len(problems) == 2   # both paths through the late question
    for problem in problems:
        assert_reported(problem, path, line_with(path, "  sharp-pain:"),
                        'Red-flag question "sharp-pain" is asked after the ordinary question "soreness"',
                        'chest-pain "No" -> soreness "Fine" -> sharp-pain')


def test_running_needs_a_red_flag_question_even_in_a_tree_without_any(tmp_path):
    path = tmp_path / "no-red-flags.yml"
    path.write_text(
        "id: no-red-flags\ntitle: T\nintro: I\nreviewed: 2026-01-01\nreviewer: R\nreview_due: 2027-01-01\n"
        "start: legs\nquestions:\n  legs:\n    text: How are your legs?\n    answers:\n"
        "      - label: Fine\n        next: go\n      - label: Sore\n        next: rest\n"
        "outcomes:\n  go:\n    title: Go\n    verdict: go\n    body: Go.\n"
        "  rest:\n    title: Rest\n    verdict: rest\n    body: Rest.\n")
    [problem] = problems_of(path)
    assert problem.line == 17 and 'asks no red-flag question: legs "Fine" -> outcome "go"' in problem.message


def test_each_rule_shows_at_most_a_few_paths_and_counts_the_rest(tmp_path):
    # A red flag followed by a chain of 4 two-answer questions: 16 paths to "go".
    chain = "".join(
        f"  q{i}:\n    text: Q{i}?\n    answers:\n"
        f"      - label: \"No\"\n        next: {f'q{i + 1}' if i < 3 else 'go'}\n"
        f"      - label: \"No, never\"\n        next: {f'q{i + 1}' if i < 3 else 'go'}\n" for i in range(4))
    path = tmp_path / "many.yml"
    path.write_text(
        "id: many\ntitle: T\nintro: I\nreviewed: 2026-01-01\nreviewer: R\nreview_due: 2027-01-01\n"
        "start: flag\nquestions:\n  flag:\n    text: Sharp pain?\n    answers:\n"
        "      - label: \"Yes\"\n        next: q0\n        red_flag: true\n      - label: \"No\"\n        next: rest\n"
        f"{chain}outcomes:\n  go:\n    title: Go\n    verdict: go\n    body: Go.\n"
        "  rest:\n    title: Rest\n    verdict: rest\n    body: Rest.\n")
    red_flag = [p for p in problems_of(path) if "is a red flag" in p.message]
    assert len(red_flag) == MAX_PATHS_SHOWN
    assert red_flag[-1].hint.endswith(f"(And {16 - MAX_PATHS_SHOWN} more paths like this.)")


@pytest.mark.parametrize("label, expected", [
    ("No", True), ("no", True), ("No, none of these", True), ("No, 3 or less", True),
    ("No.", True), ("Not sure", False), ("None", False), ("Yes", False), ("I don't know", False),
    ("No idea", False), ("No pain", False), ("No, not sure", False), ("Nope", False),
])
def test_explicit_no_is_a_label_starting_with_the_word_no(label, expected):
    assert is_explicit_no(Answer(label, "x")) is expected


def test_a_red_flag_answer_is_never_an_explicit_no():
    assert not is_explicit_no(Answer("No", "x", red_flag=True))


@pytest.mark.parametrize("label", ["Not sure", "I'm unsure", "Don't know", "Don’t know", "I do not know"])
def test_unsure_answers_are_recognised(label):
    assert is_unsure(Answer(label, "x"))


# --- the real trees: no skips; they fail until the trees exist and are safe ---

def test_real_trees_pass_every_check():
    trees = compile_all(ROOT / "quiz", articles=real_articles())
    assert sorted(t.id for t in trees) == REAL_TREES


@pytest.mark.parametrize("name", REAL_TREES)
def test_real_tree_red_flag_paths_end_in_rest_physio_or_urgent(name):
    tree = compile_tree(ROOT / "quiz" / f"{name}.yml", articles=real_articles())
    flagged = [p for p in tree.paths
               if any(tree.questions[s.question].answers[s.answer].red_flag for s in p.steps)]
    assert flagged, "a tree must have red-flag answers"
    for path in flagged:
        assert tree.outcomes[path.outcome].verdict in {"rest", "see-a-physio", "urgent"}, path


@pytest.mark.parametrize("name", REAL_TREES)
def test_real_tree_urgent_outcomes_say_call_999(name):
    tree = compile_tree(ROOT / "quiz" / f"{name}.yml", articles=real_articles())
    urgent = [o for o in tree.outcomes.values() if o.verdict == "urgent"]
    assert urgent and all("Call 999" in o.body for o in urgent)


def test_should_i_run_today_asks_every_red_flag_before_go():
    tree = compile_tree(ROOT / "quiz" / "should-i-run-today.yml", articles=real_articles())
    screens = {q.id for q in tree.questions.values() if q.is_red_flag}
    go_paths = [p for p in tree.paths if tree.outcomes[p.outcome].verdict == "go"]
    assert go_paths
    for path in go_paths:
        asked = {s.question: tree.questions[s.question].answers[s.answer] for s in path.steps}
        assert screens <= set(asked) and all(is_explicit_no(asked[q]) for q in screens)
