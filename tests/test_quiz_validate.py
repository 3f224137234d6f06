"""Shape (schema), graph and text checks: one fixture per mistake, each reported
with file, exact line, the node's id and what to do."""
from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator
from quiz_helpers import (ARTICLES, INVALID, ROOT, VALID, assert_only_problem, assert_reported, fixture,
                          line_with, lines_with, only_problem, problems_of)

from scripts.quiz import Tree, TreeError, compile_all, compile_tree, load, validate
from scripts.quiz.text import article_links
from scripts.quiz.validate import MAX_PATHS, MAX_ROUTE, SCHEMA_PATH


# --- the fixture folders, as check-jsonschema tests its examples ------------

@pytest.mark.parametrize("path", sorted(VALID.glob("*.yml")), ids=lambda p: p.stem)
def test_valid_fixture_compiles(path):
    assert isinstance(compile_tree(path, articles=ARTICLES), Tree)


@pytest.mark.parametrize("path", sorted(INVALID.glob("*.yml")), ids=lambda p: p.stem)
def test_invalid_fixture_is_refused_with_file_and_line(path):
    for problem in problems_of(path):
        assert problem.file.endswith(path.name) and problem.line, problem


@pytest.mark.parametrize("path", sorted(p for p in [*VALID.glob("*.yml"), *INVALID.glob("*.yml")]
                                         if p.stem != "id-mismatch"),   # its mistake is the id
                         ids=lambda p: p.stem)
def test_fixture_id_matches_its_file_name(path):
    assert f"\nid: {path.stem}\n" in path.read_text(encoding="utf-8")


def test_each_invalid_fixture_says_what_its_mistake_is():
    for path in INVALID.glob("*.yml"):
        assert path.read_text(encoding="utf-8").startswith("# Mistake: "), path


# --- schema -------------------------------------------------------------------

def test_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def test_every_schema_field_has_a_title_and_a_description():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    owners = [schema, *(d for d in schema["$defs"].values() if "properties" in d)]
    for owner in owners:
        for name, field in owner["properties"].items():
            assert field.get("title") and field.get("description"), name


def test_misspelled_key_suggests_the_right_one_and_is_reported_once():
    # Not also as a missing "if_yes": the slip is the one mistake.
    assert_only_problem("misspelled-key", "if-yes: see-a-physio",
                        'Question "sharp-pain"', 'field "if-yes"', 'Did you mean "if_yes"?')


def test_missing_field_names_it_and_says_what_to_write():
    assert_only_problem("missing-field", "  go:",
                        'Outcome "go" has no "verdict"', 'Add "verdict:"', "go, easy, cross-train")


def test_wrong_type_says_what_kind_of_value_is_needed():
    assert_only_problem("wrong-type", "answers: Fine",
                        '"answers" of question "soreness" must be a list (lines starting with "- "), not "Fine"',
                        'each starting with "- label:"')


def test_bad_verdict_lists_the_verdicts_and_suggests_the_closest():
    assert_only_problem("bad-verdict", "verdict: see-physio",
                        'outcome "see-a-physio"', '"see-physio"', 'Did you mean "see-a-physio"?',
                        "go, easy, cross-train, rest, see-a-physio, same-day, urgent")


def test_a_warning_level_must_keep_the_runner_from_running():
    assert_only_problem("bad-warning", "warning: easy",
                        '"warning" of question "sharp-pain" is "easy"',
                        "One of: cross-train, rest, see-a-physio, same-day, urgent.")


def test_a_checklist_cannot_also_have_answers():
    path = fixture("checklist-with-answers")
    assert_reported(only_problem("checklist-with-answers"), path, lines_with(path, "    answers:")[0],
                        'Question "sharp-pain" has a field "answers" that a quiz does not use',
                        "text, help, signs, warning, if_yes, if_no")


def test_the_first_formats_red_flag_field_points_to_checklists():
    assert_only_problem("red-flag-field", "red_flag: true",
                        'Answer "Fine" of question "soreness" has a field "red_flag"',
                        'write the question with "signs:", "warning:", "if_yes:" and "if_no:"', "quiz/README.md")


def test_a_checklist_of_more_than_ten_signs_is_refused():
    path = fixture("too-many-signs")
    assert_reported(only_problem("too-many-signs"), path, lines_with(path, "    signs:")[1],
                        '"signs" of question "sharp-pain" has 11 items, more than the 10')


def test_an_id_too_long_for_an_address_is_refused_where_it_is_written():
    path = fixture("long-id")
    problems = problems_of(path)
    long = "run-easy-" * 8 + "today"
    assert [p.line for p in problems] == [line_with(path, f"next: {long}"), line_with(path, f"  {long}:")]
    assert all("at most 60 characters" in p.hint for p in problems)


def test_bad_id_explains_how_ids_are_written():
    path = fixture("bad-id")
    bad_id, dangling = sorted(problems_of(path), key=lambda p: "cannot be used" not in p.message)
    assert_reported(bad_id, path, line_with(path, "Legs Today:"),
                    'The id "Legs Today"', "lowercase letters, digits and single hyphens")
    # The answer meant to lead there is reported in the same build, with no
    # suggestion to use the id that cannot be used.
    assert_reported(dangling, path, line_with(path, "if_no: legs-today"),
                    '"if_no" of question "sharp-pain" goes to "legs-today"', "Check the spelling")
    assert "Legs Today" not in str(dangling)


def test_one_answer_says_a_question_needs_two():
    path = fixture("one-answer")
    assert_reported(only_problem("one-answer"), path, lines_with(path, "    answers:")[-1],
                    'Question "soreness" has 1 answer, but needs at least 2')


def test_empty_label_is_called_blank():
    assert_only_problem("empty-label", 'label: "  "',
                        '"label" of answer 2 of question "soreness" is blank', 'e.g. "They feel fine"')


def test_label_read_as_a_boolean_says_to_quote_it():
    assert_only_problem("label-not-text", "label: true",
                        '"label" of answer 2 of question "soreness" must be a text, not the word true',
                        'Put it in quote marks, e.g. "true".')


def test_review_due_must_come_after_reviewed():
    assert_only_problem("review-order", "review_due:",
                        '"review_due" (2025-05-20) is not after "reviewed" (2026-11-20)')


def test_impossible_date_is_refused():
    assert_only_problem("bad-date", "review_due:",
                        '"review_due" "2027-02-30" is not a real date', "YYYY-MM-DD")


def test_several_mistakes_are_reported_together_in_line_order():
    path = fixture("several-mistakes")
    problems = problems_of(path)
    assert [p.line for p in problems] == sorted(p.line for p in problems)
    text = "\n".join(map(str, problems))
    assert 'has a field "txt"' in text and 'Did you mean "text"?' in text
    assert 'Outcome "easy-run" has no "title"' in text
    assert '"warning" of question "sharp-pain" is "physio"' in text and 'Did you mean "see-a-physio"?' in text


def test_mistakes_of_every_kind_are_reported_in_one_build():
    path = fixture("mixed-mistakes")
    with pytest.raises(TreeError) as caught:
        compile_tree(path, articles=ARTICLES)
    problems = caught.value.problems
    assert [p.line for p in problems] == [line_with(path, "hepl:"), line_with(path, "next: easy-rn"),
                                          line_with(path, "title: Enjoy your run"),
                                          line_with(path, "causes/sore-legs.md")]
    text = str(caught.value)
    assert 'field "hepl"' in text and 'Did you mean "help"?' in text               # shape
    assert '"easy-rn", which is not a question' in text and '"easy-run"?' in text   # graph
    assert '"title" is written twice' in text                                       # reading
    assert '"causes/sore-legs.md", which is not an article' in text                 # text
    # The clinical rules judge whole paths, so they wait, and the editor is told.
    assert caught.value.unchecked == (str(path.relative_to(ROOT)),)
    assert text.endswith("are checked once these are fixed: build again after fixing them.")


def test_safety_problems_alone_do_not_say_anything_is_still_unchecked():
    with pytest.raises(TreeError) as caught:
        compile_tree(fixture("warning-to-go"), articles=ARTICLES)
    assert caught.value.unchecked == () and "checked once" not in str(caught.value)


def test_an_empty_tree_lists_every_missing_field():
    problems = validate({}, {(): 1}, source="quiz/x.yml")
    missing = {p.message for p in problems}
    assert {f'The tree has no "{f}".' for f in ["id", "title", "start", "questions", "outcomes"]} <= missing


def test_questions_written_as_a_list_are_explained():
    problems = validate({"questions": [{"id": "pain"}]}, {(): 1, ("questions",): 4}, source="quiz/x.yml")
    [problem] = [p for p in problems if '"questions"' in p.message and "must be" in p.message]
    assert problem.line == 4 and "named entries" in problem.message


# --- graph --------------------------------------------------------------------

def test_dangling_next_names_file_line_and_suggestion():
    assert_only_problem("dangling-next", "if_no: sorenes",
                        '"if_no" of question "sharp-pain" goes to "sorenes", which is not a question or outcome.',
                        'Did you mean "soreness"?')


def test_missing_start_suggests_the_nearest_question():
    assert_only_problem("start-missing", "start:",
                        '"emergancy", which is not a question', 'Did you mean "emergency"?')


def test_start_at_an_outcome_is_refused():
    assert_only_problem("start-at-outcome", "start:",
                        'starts at "go", which is an outcome', '"start" must be the id of the first question')


def test_id_used_for_a_question_and_an_outcome_is_refused():
    path = fixture("duplicate-id")
    assert_reported(only_problem("duplicate-id"), path, lines_with(path, "  go:")[-1],
                    '"go" is the id of both a question and an outcome')


def test_unreachable_outcome_is_named():
    assert_only_problem("unreachable", "  rest:",
                        'Outcome "rest" cannot be reached from the start', 'Make an answer\'s "next" lead to "rest" '
                        "again (look for the answer you changed), or delete it.")


def test_cycle_prints_the_loop():
    path = fixture("cycle")
    assert_reported(only_problem("cycle"), path, lines_with(path, "next: sharp-pain")[-1],
                    'Answer "Ask me again" of question "soreness"', "sharp-pain -> soreness -> sharp-pain")


def test_two_answers_with_one_label_are_refused():
    assert_only_problem("duplicate-label", "next: easy-run",
                        'Question "soreness" has the answer "fine" twice')


def test_id_must_match_the_file_name():
    assert_only_problem("id-mismatch", "id: should-i-run-today",
                        '"should-i-run-today", but the file is named "id-mismatch.yml"')


def test_a_checklist_whose_yes_and_no_lead_to_one_place_is_refused():
    path = fixture("checklist-decides-nothing")
    problems = sorted(problems_of(path), key=lambda p: p.message.startswith("Safety rule"))
    assert_reported(problems[0], path, line_with(path, "if_no: soreness"),
                    '"if_yes" and "if_no" of question "sharp-pain" both lead to "soreness"')
    # and the outcome only "Yes" led to is now out of reach, in the same build; and
    # since every route is known, the safety rules say what that "Yes" now lets through
    rest = [p for p in problems[1:] if not p.message.startswith("Safety rule")]
    assert [p.line for p in rest] == [line_with(path, "  see-a-physio:")]
    assert any(p.message.startswith('Safety rule S1: "Yes" to the warning-sign checklist "sharp-pain"')
               for p in problems)


def test_a_route_longer_than_max_route_is_refused_at_the_question_too_many():
    path = fixture("too-long")
    assert_reported(only_problem("too-long"), path, line_with(path, "  q4:"),
                    f"asks 12 questions, more than the {MAX_ROUTE}", '"emergency" -> "sharp-pain" -> "soreness" -> "q1"',
                    "put signs that lead to the same advice into one checklist")


def test_more_than_max_paths_is_refused(tmp_path):
    # Four questions whose eight answers all go on: 8**4 = 4096 paths, on routes
    # short enough to pass MAX_ROUTE.
    count, answers = 4, 8
    questions = "".join(
        f"  q{i}:\n    text: Question {i}?\n    answers:\n" + "".join(
            f"      - label: \"Answer {a}\"\n        next: {f'q{i + 1}' if i + 1 < count else 'go'}\n"
            for a in range(answers))
        for i in range(count))
    path = tmp_path / "too-many-paths.yml"
    path.write_text(
        "id: too-many-paths\ntitle: T\nintro: I\nreviewed: 2026-01-01\nreviewer: R\nreview_due: 2027-01-01\n"
        f"start: q0\nquestions:\n{questions}outcomes:\n  go:\n    title: Go\n    verdict: rest\n    body: Rest.\n")
    [problem] = problems_of(path)
    assert f"{answers ** count} different paths" in problem.message and str(MAX_PATHS) in problem.message


# --- text: links and raw HTML -------------------------------------------------

def test_dead_article_link_suggests_the_closest_article():
    assert_only_problem("dead-article-link", "causes/indx.md",
                        'The body of outcome "easy-run" links to "causes/indx.md", which is not an article',
                        'Did you mean "causes/index.md"?')


def test_links_are_not_checked_without_an_article_list():
    compile_tree(fixture("dead-article-link"), articles=None)


def test_raw_html_is_refused():
    assert_only_problem("raw-html", "<script>",
                        'outcome "go" contains the HTML code <script> </script>', "Use Markdown instead")


@pytest.mark.parametrize("body", ["a <img/src=x onerror=alert(1)> b", "<IMG SRC=x>", "a <!-- hidden --> b",
                                  "<details open>x</details>", "x <b\nclass=y>bold</b>"])
def test_raw_html_is_found_in_any_form(body):
    data, lines = load(VALID / "valid-minimal.yml")
    data["outcomes"]["go"]["body"] = body.replace("\\n", "\n")
    found = "\n".join(map(str, validate(data, lines, source="quiz/x.yml", articles=ARTICLES)))
    assert 'outcome "go" contains the HTML code <' in found, found


def test_html_in_backticks_is_text_not_html():
    data, lines = load(VALID / "valid-minimal.yml")
    data["outcomes"]["go"]["body"] = "Never type `<script>` here.\n\n    <b>indented code</b>\n"
    assert validate(data, lines, source="tests/fixtures/quiz/valid/valid-minimal.yml", articles=ARTICLES) == []


def test_a_link_to_a_part_an_article_does_not_have_is_refused_by_check_and_build_alike():
    assert_only_problem("dead-anchor", "causes/index.md#no-such-part",
                        'links to "causes/index.md#no-such-part", but that article has no part called #no-such-part',
                        "#the-main-causes")


def test_javascript_link_is_refused():
    path = fixture("bad-link-scheme")
    assert_reported(only_problem("bad-link-scheme"), path, line_with(path, "(javascript:"),
                    'outcome "go" links to "javascript:', "web addresses")


def test_reference_links_are_checked_like_inline_links():
    data, lines = load(VALID / "valid-minimal.yml")
    data["outcomes"]["go"]["body"] = ("Read [this][a] and [that][b].\n\n[a]: causes/nope.md\n"
                                      "[b]: javascript:alert(1)\n")
    found = "\n".join(map(str, validate(data, lines, source="quiz/x.yml", articles=ARTICLES)))
    assert '"causes/nope.md", which is not an article' in found
    assert 'links to "javascript:alert(1)"' in found


def test_article_links_strip_anchors_and_skip_web_links():
    body = ("See [a](causes/a.md#why), [b](https://nhs.uk/x.md), [c](#top), [d](mailto:x@y.org), "
            "[e](<causes/e.md>) and [a again](causes/a.md).")
    assert article_links(body) == ("causes/a.md", "causes/e.md")


def test_markdown_autolinks_are_not_html():
    data, lines = load(VALID / "valid-minimal.yml")
    data["outcomes"]["go"]["body"] = "See <https://www.nhs.uk> or write to <team@example.org>. 2 < 3 > 1."
    assert validate(data, lines, source="tests/fixtures/quiz/valid/valid-minimal.yml", articles=ARTICLES) == []


# --- whole folders ------------------------------------------------------------

def test_compile_all_reports_the_problems_of_every_file(tmp_path):
    for name in ["dangling-next", "bad-verdict"]:
        (tmp_path / f"{name}.yml").write_text(fixture(name).read_text())
    (tmp_path / "valid-minimal.yml").write_text((VALID / "valid-minimal.yml").read_text())
    with pytest.raises(TreeError) as caught:
        compile_all(tmp_path, articles=ARTICLES)
    files = {p.file.rsplit("/", 1)[-1] for p in caught.value.problems}
    assert files == {"dangling-next.yml", "bad-verdict.yml"}


def test_compile_all_refuses_a_yaml_suffix(tmp_path):
    (tmp_path / "old.yaml").write_text("id: old\n")
    with pytest.raises(TreeError) as caught:
        compile_all(tmp_path)
    assert "old.yaml: Quiz files must end in .yml (lowercase). Rename it to old.yml." in str(caught.value)


def test_compile_all_refuses_an_uppercase_suffix_and_sub_folders(tmp_path):
    (tmp_path / "loud.YML").write_text("id: loud\n")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "README.md").write_text("guide")
    with pytest.raises(TreeError) as caught:
        compile_all(tmp_path)
    text = str(caught.value)
    assert "loud.YML: Quiz files must end in .yml (lowercase). Rename it to loud.yml." in text
    assert "drafts: Quizzes are not read from sub-folders of quiz/." in text and "README" not in text


def test_compile_all_returns_trees_sorted_by_file(tmp_path):
    for name in ["yes-label-unquoted", "valid-minimal"]:
        (tmp_path / f"{name}.yml").write_text((VALID / f"{name}.yml").read_text())
    assert [t.id for t in compile_all(tmp_path, articles=ARTICLES)] == ["valid-minimal", "yes-label-unquoted"]


def test_the_start_pages_address_cannot_be_an_id():
    assert_only_problem("reserved-id", "  index:",
                        'The id "index" cannot be used', "start page", "Choose another id")


def test_invisible_characters_alone_are_blank_text():
    data, lines = load(VALID / "valid-minimal.yml")
    data["questions"]["soreness"]["text"] = "\u200b\ufeff "
    data["questions"]["soreness"]["answers"][0]["label"] = "\u2060"
    found = "\n".join(map(str, validate(data, lines, source="quiz/x.yml", articles=ARTICLES)))
    assert '"text" of question "soreness" is blank' in found
    assert '"label" of answer 1 of question "soreness" is blank' in found


def test_a_review_cannot_be_dated_after_today():
    from datetime import date
    path = VALID / "valid-minimal.yml"
    assert compile_tree(path, articles=ARTICLES, today=date(2026, 11, 20))   # the day itself is fine
    with pytest.raises(TreeError) as caught:
        compile_tree(path, articles=ARTICLES, today=date(2026, 11, 19))
    [problem] = caught.value.problems
    assert_reported(problem, path, line_with(path, "reviewed:"), '"reviewed" (2026-11-20) is in the future.',
                    "today or earlier")


# --- checklists ---------------------------------------------------------------

def test_a_checklist_with_nothing_under_signs_is_refused_at_signs():
    path = fixture("empty-signs")
    assert_reported(only_problem("empty-signs"), path, lines_with(path, "    signs:")[1],
                    '"signs" of question "sharp-pain" is empty.', 'each on a line starting with "- "')


def test_a_checklist_with_an_empty_list_of_signs_is_refused_at_signs():
    assert_only_problem("empty-signs-list", "signs: []",
                        'Question "sharp-pain" has no signs.', 'each on a line starting with "- "')


def test_a_sign_of_only_spaces_is_called_blank_and_says_what_to_write():
    assert_only_problem("blank-sign", '- "   "',
                        'Sign 1 of question "sharp-pain" is blank.',
                        'Write the sign as the runner reads it, e.g. "Chest pain", or delete the line.')


@pytest.mark.parametrize("blank", ["", "\u200b", "\t"])
def test_an_empty_or_invisible_sign_is_blank_on_its_line(blank):
    data, lines = load(VALID / "valid-minimal.yml")
    data["questions"]["sharp-pain"]["signs"][0] = blank
    [problem] = validate(data, lines, source="quiz/valid-minimal.yml", articles=ARTICLES)
    assert problem.line == line_with(VALID / "valid-minimal.yml", "- Sharp pain")
    assert str(problem).endswith('Sign 1 of question "sharp-pain" is blank. Write the sign as the runner reads it, '
                                 'e.g. "Chest pain", or delete the line.')


def test_a_signs_unknown_field_is_named_with_the_field_it_means():
    assert_only_problem("sign-unknown-key", "hint: You cannot",
                        'Sign 2 of question "emergency" has a field "hint" that a quiz does not use.',
                        'Did you mean "help"?', "The fields here are: text, help.")


@pytest.mark.parametrize("field, leads", [("if_no", '"No, none of these" leads to'),
                                          ("if_yes", '"Yes, one or more" and "Not sure" lead to')])
def test_a_checklist_missing_where_an_answer_leads_is_refused_at_the_question(field, leads):
    path = fixture(f"checklist-without-{field.replace('_', '-')}")
    assert_reported(only_problem(path.stem), path, line_with(path, "  sharp-pain:"),
                    f'Question "sharp-pain" has no "{field}". Add "{field}:". The id of the question or outcome that '
                    f"{leads}")


def test_a_sign_written_twice_is_refused_on_the_second_naming_the_first():
    path = fixture("duplicate-sign")
    first = line_with(path, "- Chest pain")
    assert_only_problem("duplicate-sign", "- text: chest  PAIN",
                        f'Question "emergency" lists the sign "chest PAIN" twice: it is already on line {first}.',
                        "delete this one, or reword it")


def test_signs_that_only_look_alike_are_not_the_same_sign():
    data, lines = load(VALID / "valid-minimal.yml")
    data["questions"]["emergency"]["signs"].append("Chest pains")
    assert validate(data, lines, source="tests/fixtures/quiz/valid/valid-minimal.yml", articles=ARTICLES) == []


# --- a huge value is quoted as a short excerpt --------------------------------

LONG = "x" * 30_000


def test_a_huge_label_is_quoted_as_a_short_excerpt(tmp_path):
    source = fixture("duplicate-label").read_text(encoding="utf-8").replace("label: Fine", f"label: {LONG}")
    path = tmp_path / "duplicate-label.yml"
    path.write_text(source.replace("label: fine", f"label: {LONG.upper()}"), encoding="utf-8")
    [problem] = problems_of(path)
    assert_reported(problem, path, line_with(path, "next: easy-run"), 'Question "soreness" has the answer "XXXX',
                    '…" twice.', "reword or remove one")
    assert len(str(problem)) < len(str(path)) + 200, str(problem)


def _with(data, path, value):
    *parents, last = path
    for key in parents:
        data = data[key]
    data[last] = value


@pytest.mark.parametrize("path, value", [
    (("questions", "soreness", "answers", 1, "label"), LONG),             # in "answer ..." of a message
    (("questions", "soreness", "answers", 1, "next"), LONG),              # a next that is no id, and dangles
    (("outcomes", "go", "verdict"), LONG),                                # a verdict the quiz does not know
    (("start",), LONG),                                                   # a start that is no question
    (("id",), LONG),                                                      # an id unlike the file name
    (("review_due",), LONG),                                              # not a date
    (("outcomes", "go", LONG), "extra"),                                  # a field a quiz does not use
    (("questions", LONG), {"text": "Q?", "answers": []}),                 # an id that cannot be used
    (("outcomes", "go", "body"), f"[a](causes/{LONG}.md) <b title='{LONG}'>"),  # a link and raw HTML
    (("questions", "emergency", "signs"), [LONG, LONG]),                  # a sign written twice
], ids=["label", "next", "verdict", "start", "id", "date", "field", "question-id", "body", "sign"])
def test_every_message_quotes_a_huge_value_as_a_short_excerpt(path, value):
    data, lines = load(VALID / "valid-minimal.yml")
    _with(data, path, value)
    if path[-1] == "label":   # a label is quoted where its answer is named: here, in a dangling "next"
        data["questions"]["soreness"]["answers"][1]["next"] = "easy-rn"
    problems = validate(data, lines, source="quiz/valid-minimal.yml", articles=ARTICLES)
    assert problems
    for problem in problems:
        assert len(str(problem)) < 400 and "x" * 61 not in str(problem), str(problem)[:400]
    assert any("xxxx…" in str(p) for p in problems), "\n".join(map(str, problems))
