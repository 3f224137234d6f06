"""Clinical safety rules: a fixture breaking each, rule ids the same in code,
errors and quiz/README.md, and the real trees passing all and meeting their
length targets."""
from __future__ import annotations

import re

import pytest
from conftest import real_trees
from quiz_helpers import ROOT, assert_reported, fixture, line_with, lines_with, only_problem, problems_of

from scripts.quiz import Answer
from scripts.quiz.safety import MAX_PATHS_SHOWN, RULES, describe, is_unsure
from scripts.quiz.verdicts import RUNNING, seriousness

REAL_TREES = ["should-i-run-today", "why-are-my-legs-sore"]


TREES = real_trees()


def rule_problems(name: str, rule: str):
    return [p for p in problems_of(fixture(name)) if p.message.startswith(f"Safety rule {rule}: ")]


# --- one fixture per rule -----------------------------------------------------

def test_s1_a_warning_sign_never_leads_to_a_run():
    path = fixture("warning-to-go")
    problems = rule_problems("warning-to-go", "S1")
    assert len(problems) == 2   # "Yes" and "Not sure", each on to "go"
    for problem, label in zip(problems, ["Yes", "Not sure"]):
        assert_reported(problem, path, line_with(path, "if_yes: soreness2"),
                        f'"{label}" to the warning-sign checklist "sharp-pain" (warning: see-a-physio)',
                        'leads to outcome "go" (go)', f'sharp-pain "{label}" -> soreness2 "Not much" -> outcome "go"',
                        "every route must end at one of: see-a-physio, same-day, urgent.")


def test_s1_a_warning_sign_gets_at_least_its_level():
    path = fixture("warning-level")
    problems = problems_of(path)
    assert len(problems) == 2 and all(p.message.startswith("Safety rule S1: ") for p in problems)
    assert_reported(problems[0], path, lines_with(path, "if_yes: see-a-physio")[0],
                    '"Yes, one or more" to the warning-sign checklist "emergency" (warning: urgent)',
                    'leads to outcome "see-a-physio" (see-a-physio)', "must end at one of: urgent.")


def test_s2_running_needs_every_warning_sign_ruled_out():
    path = fixture("warning-to-go")
    problems = rule_problems("warning-to-go", "S2")
    assert len(problems) == 2
    assert_reported(problems[0], path, lines_with(path, "  go:")[0],
                    'Outcome "go" lets the runner run (go), but this route to it never rules out the warning sign '
                    'of "sharp-pain"', '"No, none of these" to every warning-sign checklist')


def test_s2_a_tree_without_warning_signs_may_not_tell_anyone_to_run():
    path = fixture("no-screening")
    problems = problems_of(path)
    assert [p.line for p in problems] == [line_with(path, "  go:"), line_with(path, "  easy-run:")]
    assert 'asks no warning-sign checklist at all: soreness "Fine" -> outcome "go"' in problems[0].message
    assert all(p.message.startswith("Safety rule S2: ") for p in problems)


def test_s3_warning_signs_come_first():
    path = fixture("warning-late")
    problems = rule_problems("warning-late", "S3")
    assert len(problems) == MAX_PATHS_SHOWN   # five routes through the late checklist
    # and the route that skips it on the way to "go" breaks S2 as well
    assert [p.line for p in rule_problems("warning-late", "S2")] == [line_with(path, "  go:")]
    for problem in problems:
        assert_reported(problem, path, line_with(path, "  emergency:"),
                        'Safety rule S3: Warning-sign checklist "emergency" is asked after the ordinary question '
                        '"soreness"', 'soreness "A bit sore" -> emergency')


def test_s4_not_sure_never_leads_to_a_run_even_with_a_non_breaking_space():
    path = fixture("unsure-to-go")
    assert_reported(only_problem("unsure-to-go"), path, lines_with(path, "next: go")[-1],
                    "Safety rule S4:", 'of question "soreness" leads to outcome "go"',
                    "not sure must not be told to run")


def test_s5_urgent_outcome_must_say_to_call_the_emergency_number():
    path = fixture("urgent-without-999")
    assert_reported(only_problem("urgent-without-999"), path, line_with(path, "  call-999:"),
                    'Safety rule S5: Outcome "call-999" is urgent', 'Write "Call 999 now" in the body.')


def test_s5_the_number_inside_a_link_address_does_not_count():
    path = fixture("emergency-number-in-a-link")
    assert_reported(only_problem("emergency-number-in-a-link"), path, line_with(path, "  call-999:"),
                    "Safety rule S5:", "does not tell the reader to call 999")


@pytest.mark.parametrize("body, said", [("Call 999 now.", True), ("call 999.", True), ("Ring 9999.", False),
                                        ("Call 1999 now", False), ("<https://x.org/999>", False),
                                        ("[Call](tel:999)", False), ("[Call 999](tel:999) now", True)])
def test_s5_finds_the_number_only_where_a_reader_reads_it(body, said):
    from dataclasses import replace

    from scripts.quiz.model import Outcome, Tree
    from scripts.quiz.safety import emergency_outcomes_say_the_number
    tree = Tree("t", "T", "", "q", {}, {"o": Outcome("o", "O", "urgent", body)}, "", "", "")
    assert (emergency_outcomes_say_the_number(replace(tree), "999") == []) is said


def test_emergency_number_is_a_parameter():
    path = fixture("valid-minimal")
    assert_reported(only_problem("valid-minimal", emergency_number="112"), path, line_with(path, "  call-999:"),
                    "does not tell the reader to call 112", 'Write "Call 112 now"')


def test_each_rule_shows_at_most_a_few_routes_and_counts_the_rest(tmp_path):
    # A warning sign followed by a chain of 4 two-answer questions: 2 x 16 routes to "go".
    chain = "".join(
        f"  q{i}:\n    text: Q{i}?\n    answers:\n"
        f"      - label: Up\n        next: {f'q{i + 1}' if i < 3 else 'go'}\n"
        f"      - label: Down\n        next: {f'q{i + 1}' if i < 3 else 'go'}\n" for i in range(4))
    path = tmp_path / "many.yml"
    path.write_text(
        "id: many\ntitle: T\nintro: I\nreviewed: 2026-01-01\nreviewer: R\nreview_due: 2027-01-01\n"
        "start: flag\nquestions:\n  flag:\n    text: Any of these?\n    warning: rest\n    signs: [Sharp pain]\n"
        "    if_yes: q0\n    if_no: rest\n"
        f"{chain}outcomes:\n  go:\n    title: Go\n    verdict: go\n    body: Go.\n"
        "  rest:\n    title: Rest\n    verdict: rest\n    body: Rest.\n")
    s1 = [p for p in problems_of(path) if p.message.startswith("Safety rule S1")]
    assert len(s1) == MAX_PATHS_SHOWN
    assert s1[-1].hint.endswith(f"(And {32 - MAX_PATHS_SHOWN} more routes like this.)")


@pytest.mark.parametrize("label", ["Not sure", "I'm unsure", "Don't know", "Don’t know", "I do not know",
                                   "Not\u00a0sure", "NOT  SURE", "Not\u2009sure", "Maybe", "Can't tell"])
def test_unsure_answers_are_recognised(label):
    assert is_unsure(Answer(label, "x"))


@pytest.mark.parametrize("label", ["No", "Sure", "They feel fine", "Nothing to report"])
def test_plain_answers_are_not_unsure(label):
    assert not is_unsure(Answer(label, "x"))


# --- one numbering: code, errors and README agree ----------------------------

def test_every_rule_has_one_id_and_the_readme_lists_each_with_its_words():
    readme = (ROOT / "quiz" / "README.md").read_text(encoding="utf-8")
    assert [r.id for r in RULES] == [f"S{n}" for n in range(1, len(RULES) + 1)]
    listed = re.findall(r"^\| (S\d+) \| (.+?) \|$", readme, re.M)
    assert [rule_id for rule_id, _ in listed] == [r.id for r in RULES], "quiz/README.md's rule table"
    for (rule_id, words), rule in zip(listed, RULES):
        assert words == rule.title, f"{rule_id}: README says {words!r}, safety.py says {rule.title!r}"


# --- the real trees ---------------------------------------------------------

def test_real_trees_pass_every_check():
    assert sorted(TREES) == REAL_TREES


@pytest.mark.parametrize("name", REAL_TREES)
def test_real_tree_screens_the_four_levels_of_warning_sign_most_urgent_first(name):
    """In the order a runner meets them (on every route to a run), as the brief
    sorts warning signs: emergency, same day, rest today, injury."""
    tree = TREES[name]
    for path in tree.paths:
        if tree.outcomes[path.outcome].verdict in RUNNING:
            levels = [tree.questions[s.question].warning for s in path.steps if tree.questions[s.question].is_warning]
            assert levels == ["urgent", "same-day", "rest", "see-a-physio"], (
                f"{tree.source}: this route meets the warning-sign checklists in the order {levels}, not the "
                f"brief's (urgent, same-day, rest, see-a-physio): {describe(tree, path)}. Put the checklists back "
                "in that order.")
    # and the start is the most urgent one, so an emergency takes one tap
    assert tree.questions[tree.start].warning == "urgent", f"{tree.source}: start with the emergency checklist."


@pytest.mark.parametrize("name", REAL_TREES)
def test_real_tree_training_load_or_soreness_is_asked_on_every_everyday_route(name):
    """Past the warning signs, every route asks how the legs are (and in "Should
    I run today?" the training-load signs too, before "go") before it lets anyone run."""
    tree = TREES[name]
    for path in tree.paths:
        if tree.outcomes[path.outcome].verdict in RUNNING:
            asked = [tree.questions[s.question].text for s in path.steps]
            assert any(t.startswith(("How do your legs feel", "Where are your legs sore")) for t in asked), (
                f"{tree.source}: this route lets the runner run without asking how their legs feel: "
                f"{describe(tree, path)}. Ask it first.")
            if tree.outcomes[path.outcome].verdict == "go":
                assert "In the last week, has any of these happened?" in asked, (
                    f"{tree.source}: this route says go without asking the training-load signs: "
                    f"{describe(tree, path)}. Ask them first.")


@pytest.mark.parametrize("name", REAL_TREES)
def test_real_tree_warning_sign_routes_end_at_least_at_their_level(name):
    tree = TREES[name]
    flagged = 0
    for path in tree.paths:
        for step in path.steps:
            question = tree.questions[step.question]
            if tree.answer(step).red_flag:
                flagged += 1
                assert seriousness(tree.outcomes[path.outcome].verdict) >= seriousness(question.warning), (
                    f"{tree.source}: {describe(tree, path)} (rule S1).")
    assert flagged >= 8   # Yes and Not sure on each of the four checklists
