"""From compiled trees to pages: URLs, links, the data the module reads, the
staff page, and the build refusing a bad tree in plain words."""
from __future__ import annotations

import json
import shutil

import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, ConfigLoader, mkdocs_build, project_copy
from scripts.quiz import compile_dir
from scripts.quiz.compile import all_paths
from scripts.quiz.model import Answer, Outcome, Question, Tree
from scripts.quiz.pages import (client_data, questions_left, relative_url, result_paths, result_url, routes,
                                safe_html, static_next_url)

CLINIC = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader)["extra"]["clinic"]
TREES = {tree.id: tree for tree in compile_dir(ROOT / "quiz", content_dir=ROOT / "content")}


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_relative_url_between_directory_pages():
    assert relative_url("causes/worn-out-shoes/", "quiz/run/") == "../../causes/worn-out-shoes/"
    assert relative_url("quiz/run/rest/", "quiz/run/pain/") == "../rest/"
    assert relative_url("", "quiz/run/rest/") == "../../../"
    assert relative_url("faq/", "") == "faq/"


def test_article_links_point_at_the_article_from_this_page_and_others_are_kept():
    urls = {"causes/worn-out-shoes.md": "causes/worn-out-shoes/"}
    dead = []
    html = ('<p>See <a href="causes/worn-out-shoes.md#when" title="Shoes">shoes</a>, '
            '<a href="https://example.org">clinic</a>, <a href="#top">top</a>, '
            '<a href="tel:999">999</a> and <a href="nowhere.md">gone</a>.</p>')
    assert safe_html(html, "quiz/run/rest/", urls.get, dead) == (
        '<p>See <a href="../../../causes/worn-out-shoes/#when" title="Shoes">shoes</a>, '
        '<a href="https://example.org">clinic</a>, <a href="#top">top</a>, '
        '<a href="tel:999">999</a> and <a href="nowhere.md">gone</a>.</p>')
    assert dead == ["nowhere.md"]


def test_markup_from_yaml_is_dropped_however_it_is_spelled():
    html = ('<p>A <img/src=x onerror=alert(1)> b <svg/onload=alert(2)></svg> '
            '<a href="javascript:alert(3)">c</a> <a href="JaVaScRiPt:alert(4)">d</a> '
            '<span onclick="x()" class="ok">e</span><script>alert(5)</script></p>')
    clean = safe_html(html, "quiz/run/", {}.get)
    for bad in ("<img", "<svg", "javascript", "JaVaScRiPt", "onclick", "onerror", "onload", "<script", "alert(5)"):
        assert bad not in clean, bad
    assert '<span class="ok">e</span>' in clean


def test_admonitions_and_permalinks_survive_cleaning():
    html = ('<div class="admonition warning"><p class="admonition-title">Careful</p><p>Text</p></div>'
            '<h2 id="next">Next<a class="headerlink" href="#next" title="Permanent link">&para;</a></h2>')
    assert safe_html(html, "quiz/run/", {}.get) == html.replace("&para;", "¶")


def test_questions_left_counts_the_longest_way_to_an_outcome():
    for tree in TREES.values():
        left = questions_left(tree)
        assert left[tree.start] == max(len(p.steps) for p in tree.paths)
        assert all(left[o] == 0 for o in tree.outcomes)


def test_client_data_is_structure_and_text_only():
    tree = TREES["should-i-run-today"]
    data = client_data(tree)
    assert set(data["questions"]) == set(tree.questions) and set(data["outcomes"]) == set(tree.outcomes)
    assert "body" not in json.dumps(data["outcomes"])  # bodies are HTML the build rendered, not data
    assert data["questions"][tree.start]["answers"][0]["next"] == tree.questions[tree.start].answers[0].next


def merging_tree() -> Tree:
    """"first" leads to "second" two ways, so "second" cannot know the answers before it."""
    q = lambda qid, *targets: Question(qid, qid, tuple(Answer(f"to {t}", t) for t in targets))  # noqa: E731
    questions = {"first": q("first", "second", "second", "rest"), "second": q("second", "rest", "go")}
    outcomes = {o: Outcome(o, o, o, "") for o in ("rest", "go")}
    tree = Tree("t", "T", "", "first", questions, outcomes, "2026-11-20", "Physio", "2027-05-20")
    return Tree(**{**tree.__dict__, "paths": all_paths(tree)})


def test_a_question_knows_the_answers_before_it_only_when_one_route_leads_there():
    tree = merging_tree()
    assert routes(tree) == {"first": (), "second": None}
    [path] = result_paths(tree)   # only "first" -> rest has a single route
    assert (path.outcome, result_url(tree.id, path)) == ("rest", "quiz/t/rest/2/")
    known = routes(tree)
    assert static_next_url(tree, "first", 2, known) == "quiz/t/rest/2/"
    assert static_next_url(tree, "first", 0, known) == "quiz/t/second/"
    assert static_next_url(tree, "second", 0, known) == "quiz/t/rest/"   # the shared outcome page


def test_every_path_of_the_real_trees_has_a_result_page_listing_its_answers(site):
    for tree in TREES.values():
        assert result_paths(tree) == list(tree.paths)   # no question is reached two ways
        for path in tree.paths:
            doc = soup(site / result_url(tree.id, path) / "index.html")
            assert doc.h1.get_text(strip=True) == tree.outcomes[path.outcome].title
            given = [li.get_text(" ", strip=True) for li in doc.select(".slsr-quiz__given li")]
            assert given == [f"{tree.questions[s.question].text} {tree.questions[s.question].answers[s.answer].label}"
                             for s in path.steps]
            assert doc.find("h2", string="Your answers")


def test_every_question_and_outcome_has_a_static_page_with_links(site):
    for tree in TREES.values():
        for qid, question in tree.questions.items():
            doc = soup(site / "quiz" / tree.id / qid / "index.html")
            assert doc.h1.get_text(strip=True) == question.text
            links = [a.get_text(strip=True) for a in doc.select(".slsr-quiz__answers a")]
            assert links == [a.label for a in question.answers]
        for oid, outcome in tree.outcomes.items():
            doc = soup(site / "quiz" / tree.id / oid / "index.html")
            assert doc.h1.get_text(strip=True) == outcome.title
            assert doc.select_one(f".slsr-verdict--{outcome.verdict}")


def test_outcome_article_links_lead_to_built_pages(site):
    for tree in TREES.values():
        pages = [site / "quiz" / tree.id / oid / "index.html" for oid in tree.outcomes]
        pages += [site / result_url(tree.id, path) / "index.html" for path in result_paths(tree)]
        for page in pages:
            links = soup(page).select(".slsr-outcome__body a[href], .slsr-quiz__controls a[href]")
            assert links, page   # at least "Start again"
            for a in links:
                target = (page.parent / a["href"].split("#")[0]).resolve()
                assert (target / "index.html").is_file(), f"{page}: {a['href']}"


def test_booking_call_to_action_only_where_the_verdict_asks_for_it(site):
    for tree in TREES.values():
        for oid, outcome in tree.outcomes.items():
            doc = soup(site / "quiz" / tree.id / oid / "index.html")
            box = doc.select_one(".slsr-quiz .slsr-book-box")
            assert (box is not None) == (outcome.verdict in ("see-a-physio", "urgent")), oid
            if outcome.verdict == "see-a-physio":
                assert box.select_one(f'a.md-button--primary[href="{CLINIC["booking_url"]}"]'), oid
            if outcome.verdict == "urgent":
                # Emergency care first: the call button, then the booking as a plain follow-up.
                number = CLINIC["emergency_number"]
                call = doc.select_one(f'.slsr-quiz a.md-button--primary[href="tel:{number}"]')
                assert call.get_text(strip=True) == f"Call {number}"
                assert call in box.find_all_previous("a")
                assert not box.select(".md-button--primary")
                assert box.find("a", href=CLINIC["booking_url"]).get_text(strip=True) == "Book a follow-up visit"
                assert "urgent help first" in box.get_text()
                assert [a["href"] for a in doc.select('.slsr-quiz a[href^="tel:"]')] == [f"tel:{number}"]


def test_staff_page_shows_each_tree_as_a_diagram_and_a_path_table(site):
    doc = soup(site / "staff" / "index.html")
    assert doc.find("meta", attrs={"name": "robots", "content": "noindex"})
    for tree in TREES.values():
        section = doc.find("h2", id=tree.id)
        assert section and section.get_text(strip=True) == tree.title
        svg = section.find_next("svg")
        assert svg and svg.find("title")
        rows = section.find_next("table").select("tbody tr")
        assert len(rows) == len(tree.paths)
    assert not doc.find("script", src=lambda s: s and "mermaid" in s)


def test_bad_tree_fails_the_build_with_file_line_and_hint(tmp_path):
    project = project_copy(tmp_path)
    tree_file = project / "quiz" / "should-i-run-today.yml"
    source = tree_file.read_text(encoding="utf-8")
    start = TREES["should-i-run-today"].start
    target = TREES["should-i-run-today"].questions[start].answers[-1].next
    broken = source.replace(f"next: {target}\n", f"next: {target[:-1]}\n", 1)
    assert broken != source
    tree_file.write_text(broken, encoding="utf-8")
    line = broken[: broken.index(f"next: {target[:-1]}\n")].count("\n") + 1
    for strict in (True, False):
        result = mkdocs_build(project / "mkdocs.yml", tmp_path / "out", strict=strict)
        output = result.stdout + result.stderr
        assert result.returncode != 0
        assert "Traceback" not in output
        assert f"quiz/should-i-run-today.yml:{line}:" in output
        assert f'Did you mean "{target}"?' in output


def test_an_article_at_a_quiz_pages_address_fails_the_build(tmp_path):
    project = project_copy(tmp_path)
    clash = project / "content" / "quiz" / "should-i-run-today.md"
    clash.parent.mkdir(parents=True, exist_ok=True)
    clash.write_text((ROOT / "content" / "faq.md").read_text(encoding="utf-8"), encoding="utf-8")
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "content/quiz/should-i-run-today.md has the address of a page of the quiz" in output


def test_outcome_links_to_article_parts_must_name_a_part_that_exists(tmp_path):
    project = project_copy(tmp_path)
    tree_file = project / "quiz" / "should-i-run-today.yml"
    source = tree_file.read_text(encoding="utf-8")
    link = "(get-help/when-to-see-a-physio.md)"
    good = source.replace(link, "(get-help/when-to-see-a-physio.md#red-flags)", 1)
    tree_file.write_text(good, encoding="utf-8")
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "good")
    assert result.returncode == 0, result.stdout + result.stderr
    line = good[: good.index("#red-flags)")].count("\n") + 1
    bad = good.replace("#red-flags)", "#red-flag)")
    tree_file.write_text(bad, encoding="utf-8")
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "bad")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert ("links to 'get-help/when-to-see-a-physio.md#red-flag', "
            "but that article has no part called #red-flag") in output
    assert "#red-flags" in output   # the parts it does have
    tree = TREES["should-i-run-today"]
    outcome = next(o for o in tree.outcomes.values() if link in o.body)   # the first one in the file
    assert all(q.line < outcome.line < line for q in tree.questions.values())   # the link edited is its
    assert f'quiz/should-i-run-today.yml:{outcome.line}: outcome "{outcome.id}"' in output
