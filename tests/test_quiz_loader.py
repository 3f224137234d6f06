"""The loader: YAML read the way the physio meant it, refused with file:line otherwise."""
from __future__ import annotations

import pytest
import yaml
from quiz_helpers import (ARTICLES, INVALID, ROOT, VALID, assert_only_problem, assert_reported, fixture, line_with, lines_with,
                          only_problem, problems_of)

from scripts.quiz import TreeError, compile_tree, load
from scripts.quiz import loader
from scripts.quiz.loader import MAX_BYTES, MAX_DEPTH, MAX_NODES, line_of, load_text


def refused(text: str) -> list:
    with pytest.raises(TreeError) as caught:
        load_text(text, "quiz/x.yml")
    return caught.value.problems


def test_syntax_error_names_line_and_says_to_quote_the_text():
    assert_only_problem("syntax-error", "Sharp pain: do you",
                        "unexpected colon", 'must be in quotes')


def test_tab_indent_names_line_and_says_use_spaces():
    assert_only_problem("tab-indent", "\ttext:",
                        "tab", "Indent with spaces")


def test_duplicate_key_names_both_lines():
    path = fixture("duplicate-key")
    first, second = lines_with(path, "  soreness:")
    assert_reported(only_problem("duplicate-key"), path, second, '"soreness" is written twice',
                    f"on line {first} and on line {second}", "remove or rename one")


def test_anchor_and_alias_are_refused_each_at_its_line():
    path = fixture("anchor-alias")
    anchor, alias = sorted(problems_of(path), key=lambda p: p.line)
    assert_reported(anchor, path, line_with(path, "&call"), 'anchor "&call"', "write the text out in full")
    assert_reported(alias, path, line_with(path, "*call"), 'alias "*call"', "write the text out in full")


def test_python_tag_is_refused_before_anything_is_built():
    assert_only_problem("python-tag", "!!python",
                        'tag "!!python/object/apply:os.system"', "remove the word starting with !")


def test_alias_bomb_is_refused():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9))
    problems = refused(bomb)
    assert problems and all("anchor" in p.message or "alias" in p.message for p in problems)


def test_unquoted_yes_and_no_labels_stay_text_and_compile():
    tree = compile_tree(VALID / "yes-label-unquoted.yml", articles=ARTICLES)
    labels = [a.label for a in tree.questions["soreness"].answers]
    assert labels == ["No", "Yes"]
    assert tree.reviewed == "2026-11-20"   # an unquoted date stays the text typed


def test_plain_scalars_are_text_except_true_and_false():
    data, _ = load_text("a: yes\nb: No\nc: 1.10\nd: 2026-11-20\ne: null\nf: true\ng: FALSE\nh:\n", "x.yml")
    assert data == {"a": "yes", "b": "No", "c": "1.10", "d": "2026-11-20", "e": "null",
                    "f": True, "g": False, "h": ""}


def test_every_value_has_its_line():
    path = VALID / "valid-minimal.yml"
    data, lines = load(path)
    assert lines[("questions", "soreness")] == line_with(path, "  soreness:")
    assert lines[("questions", "soreness", "answers", 1)] == line_with(path, "- label: A bit sore")
    assert lines[("questions", "soreness", "answers", 1, "next")] == line_with(path, "next: easy-run")
    assert lines[("outcomes", "go", "body")] == line_with(path, "body: Enjoy your run.")


def test_line_of_falls_back_to_the_nearest_parent():
    _, lines = load(VALID / "valid-minimal.yml")
    assert line_of(lines, ("questions", "soreness", "nothing-here")) == lines[("questions", "soreness")]
    assert line_of(lines, ("not-a-field",)) == lines[()] == line_with(VALID / "valid-minimal.yml", "id: valid-minimal")


def test_empty_file_is_refused_with_a_hint():
    [problem] = refused("# only a comment\n")
    assert problem.message == "The file is empty." and "copy" in problem.hint


def test_two_documents_are_refused():
    [problem] = refused("id: a\n---\nid: b\n")
    assert problem.line == 2 and "more than one YAML document" in problem.message


def test_unclosed_quote_is_refused_in_plain_words():
    [problem] = refused('id: a\ntitle: "Should I run today?\n')
    assert "never closed" in problem.message


def test_control_character_names_its_line():
    [problem] = refused("id: a\ntitle: b\x07c\n")
    assert problem.line == 2 and "control character" in problem.message


def test_huge_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.yml"
    path.write_text("title: " + "x" * MAX_BYTES + "\n")
    with pytest.raises(TreeError) as caught:
        load(path)
    assert "KiB" in str(caught.value)


def test_deep_nesting_is_refused():
    [problem] = refused("a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n")
    assert f"more than {MAX_DEPTH} levels" in problem.message


def test_too_many_values_are_refused():
    [problem] = refused("a: [" + ", ".join(["x"] * MAX_NODES) + "]\n")
    assert f"more than {MAX_NODES} values" in problem.message


def test_file_not_in_utf8_is_refused(tmp_path):
    path = tmp_path / "latin.yml"
    path.write_bytes("title: Caf\xe9\n".encode("latin-1"))
    with pytest.raises(TreeError) as caught:
        load(path)
    assert "UTF-8" in str(caught.value)


def test_errors_never_show_pyyaml_jargon():
    for text in ["a:\n\tb: 1", "a: 1\n b: 2", "- a\nb: 1", 'a: "x', "a: [1", "a: 1\n---\nb: 2"]:
        for problem in refused(text):
            assert "<block end>" not in str(problem) and "token" not in str(problem), problem


def test_a_hidden_line_break_is_refused_on_the_line_an_editor_sees():
    # YAML ends a line at U+2028, U+2029 and U+0085; editors and GitHub do not, so
    # every later line number would be off by one. The file is refused first.
    from quiz_helpers import INVALID, assert_reported, line_with, only_problem
    path = INVALID / "hidden-line-break.yml"
    assert "\u2028" in path.read_text(encoding="utf-8")
    assert_reported(only_problem("hidden-line-break"), path, line_with(path, "How do your"),
                    "invisible line-break character", "Delete the line and type it again.")
    for char in ("\u2029", "\x85"):
        with pytest.raises(TreeError) as caught:
            load_text(f"id: x\ntitle: a{char}b\nintro: c\n", "quiz/x.yml")
        assert [p.line for p in caught.value.problems] == [2]


@pytest.mark.parametrize("path", sorted({*ROOT.glob("quiz/**/*.yml"), *VALID.glob("*.yml"), *INVALID.glob("*.yml")}),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_libyaml_reads_each_quiz_file_as_the_python_parser_does(path):
    """The loader reads with libyaml for speed and falls back to PyYAML's Python
    parser for a file with a mistake: both must see the same values on the same
    lines, or a file could mean one thing to the build and another to its message."""
    text = path.read_text(encoding="utf-8")
    read = {}
    for name, reader in (("libyaml", loader._FastLoader), ("python", loader._Loader)):
        try:
            root = reader(text).get_single_node()
        except yaml.YAMLError as error:
            read[name] = type(error).__name__
            continue
        lines, problems = {}, []
        data = loader._build(root, (), lines, problems, "x.yml", text.split("\n"))
        read[name] = (data, lines, [str(p) for p in problems])
    if isinstance(read["libyaml"], str):   # libyaml refuses it: the Python parser gives the message
        return
    assert read["libyaml"] == read["python"]
