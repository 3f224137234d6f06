"""Tests for scripts/quiz/diagram.py: the staff page's inline SVG of a quiz tree."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from scripts.quiz.diagram import TEXT, VERDICT_FILLS, WARN, to_svg
from scripts.quiz.model import Answer, Outcome, Question, Tree

NS = {"svg": "http://www.w3.org/2000/svg"}
ROOT = Path(__file__).resolve().parents[1]
HOSTILE = '<img src=x onerror=alert(1)> & "quotes" \'too\''


def make_tree(label_yes: str = "Yes", title: str = "Should I run today?") -> Tree:
    """Two questions, three outcomes, five answers; two of them red flags."""
    questions = {
        "chest-pain": Question("chest-pain", "Do you have chest pain?", (
            Answer(label_yes, "call-999", red_flag=True),
            Answer("Not sure", "call-999", red_flag=True),
            Answer("No", "legs-today"),
        )),
        "legs-today": Question("legs-today", "How do your legs feel?", (
            Answer("Fine", "go"),
            Answer("Sore", "easy-run"),
        )),
    }
    outcomes = {
        "call-999": Outcome("call-999", "Call 999 now", "urgent", "Call 999 now."),
        "go": Outcome("go", "Go for your run", "go", "Warm up first."),
        "easy-run": Outcome("easy-run", "Run easy", "easy", "Run easier."),
    }
    return Tree(id="test-tree", title=title, intro="Hi", start="chest-pain",
                questions=questions, outcomes=outcomes, reviewed="2026-11-25",
                reviewer="Physio", review_due="2027-05-25")


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)          # raises ParseError if the SVG is not well-formed


def groups(root: ET.Element, cls: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{{{NS['svg']}}}g") if cls in g.get("class", "").split()]


def all_text(el: ET.Element) -> str:
    return "".join(el.itertext())


def test_svg_is_well_formed_with_accessible_title_and_desc():
    root = parse(to_svg(make_tree()))
    assert root.tag == f"{{{NS['svg']}}}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox")
    # Natural size from the viewBox (CSS scales it down); no style attribute,
    # which a strict Content-Security-Policy would block.
    assert root.get("width") == root.get("viewBox").split()[2]
    assert root.get("style") is None
    ids = root.get("aria-labelledby").split()
    title = root.find("svg:title", NS)
    desc = root.find("svg:desc", NS)
    assert title is not None and "Should I run today?" in title.text
    assert desc is not None and desc.text
    assert ids == [title.get("id"), desc.get("id")]


def test_one_node_per_question_and_outcome():
    tree = make_tree()
    root = parse(to_svg(tree))
    questions = {g.get("data-id") for g in groups(root, "question")}
    outcomes = {g.get("data-id") for g in groups(root, "outcome")}
    assert questions == set(tree.questions)
    assert outcomes == set(tree.outcomes)
    assert len(groups(root, "node")) == len(tree.questions) + len(tree.outcomes)


def test_outcomes_show_the_verdict_word_not_only_a_colour():
    root = parse(to_svg(make_tree()))
    for g in groups(root, "outcome"):
        verdict = next(c for c in g.get("class").split() if c.startswith("verdict-"))[8:]
        assert verdict.upper() in all_text(g)
        assert g.find("svg:rect", NS).get("fill") == VERDICT_FILLS[verdict]


def test_one_edge_per_answer_with_its_label():
    tree = make_tree()
    root = parse(to_svg(tree))
    edges = groups(root, "edge")
    answers = [(q.id, a.next) for q in tree.questions.values() for a in q.answers]
    assert sorted((e.get("data-from"), e.get("data-to")) for e in edges) == sorted(answers)
    label_texts = sorted(all_text(g.find("svg:text", NS)) for g in groups(root, "edge-label"))
    assert label_texts == sorted(a.label for q in tree.questions.values() for a in q.answers)


LONG = "It was 3 out of 10 or less, did not get worse as I ran, and settled within a few hours"


def test_a_label_cut_short_keeps_the_full_answer_in_its_title():
    """The drawing has room for one short line; hovering shows the whole answer."""
    root = parse(to_svg(make_tree(label_yes=LONG)))
    label = next(g for g in groups(root, "edge-label") if g.find("svg:title", NS).text == LONG)
    shown = label.find("svg:text", NS).text
    assert shown.endswith("\u2026") and LONG.startswith(shown[:-1].rstrip())
    for g in groups(root, "edge-label"):   # every label has one, first, as SVG wants
        assert g[0].tag == f"{{{NS['svg']}}}title" and g[0].text


def test_a_hostile_label_is_escaped_in_its_title_too():
    svg = to_svg(make_tree(label_yes=HOSTILE))
    titles = [g.find("svg:title", NS).text for g in groups(parse(svg), "edge-label")]
    assert HOSTILE in titles and "<img" not in svg


def test_red_flag_edges_are_dashed_and_in_the_warning_colour():
    root = parse(to_svg(make_tree()))
    edges = groups(root, "edge")
    red = [e for e in edges if "red-flag" in e.get("class").split()]
    assert len(red) == 2
    for e in edges:
        path = e.find("svg:path", NS)
        if e in red:
            assert e.get("data-red-flag") == "true"
            assert path.get("stroke-dasharray") and path.get("stroke") == WARN
        else:
            assert e.get("data-red-flag") == "false"
            assert path.get("stroke-dasharray") is None and path.get("stroke") != WARN


def test_hostile_label_and_title_appear_only_as_escaped_text():
    svg = to_svg(make_tree(label_yes=HOSTILE, title=HOSTILE))
    root = parse(svg)
    assert not any(el.tag.endswith("img") for el in root.iter())
    assert "<img" not in svg
    assert "&lt;img" in svg
    assert HOSTILE[:24] in all_text(root)          # readable text, truncated to fit
    assert "<img src=x" in root.find("svg:title", NS).text


def test_no_script_no_external_resources():
    svg = to_svg(make_tree())
    assert "<script" not in svg and "javascript:" not in svg
    assert not re.search(r"(href|src)\s*=", svg)
    assert "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in svg


def test_layers_put_every_edge_downwards():
    root = parse(to_svg(make_tree()))
    top = {g.get("data-id"): float(g.find("svg:rect", NS).get("y")) for g in groups(root, "node")}
    for e in groups(root, "edge"):
        assert top[e.get("data-from")] < top[e.get("data-to")]


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("fill", [*VERDICT_FILLS.values(), "#ffffff"])
def test_text_colours_meet_wcag_aa_contrast(fill):
    assert _contrast(TEXT, fill) >= 4.5
    assert _contrast(WARN, "#ffffff") >= 4.5


def _compile_real(name: str) -> Tree:
    """Compile a real tree with whichever entry point the compiler offers (spec: compile_tree)."""
    import scripts.quiz as quiz

    path = ROOT / "quiz" / f"{name}.yml"
    if hasattr(quiz, "compile_tree"):
        articles = {p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").rglob("*.md")}
        return quiz.compile_tree(str(path), articles=articles)
    if hasattr(quiz, "compile_file"):
        return quiz.compile_file(path, content_dir=ROOT / "content")
    pytest.skip("the quiz compiler is not available yet")


@pytest.mark.parametrize("name", ["should-i-run-today", "why-are-my-legs-sore"])
def test_real_trees_draw(name):
    tree = _compile_real(name)
    root = parse(to_svg(tree))
    assert len(groups(root, "node")) == len(tree.questions) + len(tree.outcomes)
    assert len(groups(root, "edge")) == sum(len(q.answers) for q in tree.questions.values())
    assert len(groups(root, "red-flag")) == sum(
        a.red_flag for q in tree.questions.values() for a in q.answers)
    assert sorted(g.find("svg:title", NS).text for g in groups(root, "edge-label")) == sorted(
        " ".join(a.label.split()) for q in tree.questions.values() for a in q.answers)


def test_staff_page_says_to_scroll_sideways_and_heads_route_groups_in_words(site):
    from bs4 import BeautifulSoup

    from scripts.quiz.paths import route_groups
    doc = BeautifulSoup((site / "staff" / "index.html").read_text(encoding="utf-8"), "html.parser")
    for name in ("should-i-run-today", "why-are-my-legs-sore"):
        tree = _compile_real(name)
        diagram = doc.find("h2", id=name).find_next("div", class_="slsr-diagram")
        hint = doc.find(id=diagram["aria-describedby"])
        # Visible text before the diagram, not only an aria-label.
        assert hint.name == "p" and hint.find_next("div", class_="slsr-diagram") is diagram
        assert "scroll it sideways" in " ".join(hint.get_text().split())
        headings = [" ".join(p.get_text().split()) for p in doc.find("h2", id=name).find_all_next(
                    "p", class_="slsr-route-group") if p.find_previous("h2") is doc.find("h2", id=name)]
        assert headings == [f"{g['heading']}:" for g in route_groups(tree)]
        first_checklist = tree.questions[tree.start]
        assert f"After “No, none of these” to “{first_checklist.text}”:" in headings
        assert not any(qid in heading for heading in headings for qid in tree.questions)


def test_a_checklist_box_names_its_signs_and_warning_level():
    from dataclasses import replace

    from scripts.quiz.model import Sign
    tree = make_tree()
    checklist = replace(tree.questions["chest-pain"], signs=(Sign("Chest pain"), Sign("Fainting")), warning="urgent")
    svg = to_svg(replace(tree, questions={**tree.questions, "chest-pain": checklist}))
    box = ET.fromstring(svg).find(".//svg:g[@data-id='chest-pain']", NS)
    lines = [t.text for t in box.iter("{http://www.w3.org/2000/svg}tspan")]
    assert lines == ["chest-pain", "2 signs, warning: urgent", "Do you have chest pain?"]
