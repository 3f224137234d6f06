"""From compiled trees to pages: URLs, links, the data the module reads, the
staff page, and the build refusing a bad tree in plain words."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, built_page, ConfigLoader, mkdocs_build, project_copy, real_trees
from scripts.quiz.compile import all_paths
from scripts.quiz.model import Answer, Outcome, Question, Step, Tree
from scripts.quiz.articles import article_index
from scripts.quiz.pages import (PAGE_KINDS, client_data, known_routes, plan, prefixes, questions_left, relative_url,
                                result_url, static_next_url)
from scripts.quiz.text import render, safe_html
from scripts.quiz.verdicts import VERDICTS

CLINIC = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader)["extra"]["clinic"]
TREES = real_trees()


def test_relative_url_between_directory_pages():
    assert relative_url("causes/worn-out-shoes/", "quiz/run/") == "../../causes/worn-out-shoes/"
    assert relative_url("quiz/run/rest/", "quiz/run/pain/") == "../rest/"
    assert relative_url("", "quiz/run/rest/") == "../../../"
    assert relative_url("faq/", "") == "faq/"


def from_page(page_url, urls):
    """url_of as the hook gives it: an article's URL from the page being drawn."""
    return lambda path: relative_url(urls[path], page_url) if path in urls else None


def test_article_links_point_at_the_article_from_this_page_and_others_are_kept():
    urls = {"causes/worn-out-shoes.md": "causes/worn-out-shoes/"}
    dead = []
    html = ('<p>See <a href="causes/worn-out-shoes.md#when" title="Shoes">shoes</a>, '
            '<a href="https://example.org">clinic</a>, <a href="#top">top</a>, '
            '<a href="tel:999">999</a> and <a href="nowhere.md">gone</a>.</p>')
    assert safe_html(html, from_page("quiz/run/rest/", urls), dead) == (
        '<p>See <a href="../../../causes/worn-out-shoes/#when" title="Shoes">shoes</a>, '
        '<a href="https://example.org">clinic</a>, <a href="#top">top</a>, '
        '<a href="tel:999">999</a> and <a href="nowhere.md">gone</a>.</p>')
    assert dead == ["nowhere.md"]


def test_markup_from_yaml_is_dropped_however_it_is_spelled():
    html = ('<p>A <img/src=x onerror=alert(1)> b <svg/onload=alert(2)></svg> '
            '<a href="javascript:alert(3)">c</a> <a href="JaVaScRiPt:alert(4)">d</a> '
            '<span onclick="x()" class="ok">e</span><script>alert(5)</script></p>')
    clean = safe_html(html, {}.get)
    for bad in ("<img", "<svg", "javascript", "JaVaScRiPt", "onclick", "onerror", "onload", "<script", "alert(5)",
                "<span", "class="):
        assert bad not in clean, bad
    assert "e" in clean


def test_each_text_is_rendered_on_its_own_though_the_converter_is_reused():
    """One text's raw HTML and link definitions do not carry over to the next."""
    html, raw = render("Read [the guide][g].\n\n[g]: causes/overuse.md\n\n<b>bold</b>")
    assert 'href="causes/overuse.md"' in html and raw == ["<b>", "</b>"]
    html, raw = render("Read [the guide][g].")
    assert "href" not in html and raw == []


def test_admonitions_survive_cleaning_but_no_tree_can_set_an_id_or_a_class_of_its_own():
    html, _ = render('!!! warning "Careful"\n    Text\n\n'
                     '!!! slsr-verdict--go "Go"\n    A fake badge\n\n'
                     'Hello {: #__config .slsr-verdict--go }\n\n## Heading\n')
    clean = safe_html(html, {}.get)
    assert '<div class="admonition warning">\n<p class="admonition-title">Careful</p>' in clean
    assert "slsr-verdict--go\"" not in clean and 'class="slsr' not in clean and " id=" not in clean
    assert '<div class="admonition">' in clean            # the fake badge is a plain box
    assert "<p>Hello {: #__config .slsr-verdict--go }</p>" in clean   # attr_list is off: text stays text


def test_questions_left_counts_the_longest_way_to_an_outcome():
    for tree in TREES.values():
        left = questions_left(tree)
        assert left[tree.start] == max(len(p.steps) for p in tree.paths)
        assert all(left[o] == 0 for o in tree.outcomes)


def test_client_data_is_the_structure_only():
    tree = TREES["should-i-run-today"]
    data = client_data(tree)
    assert data["version"] == 2 and data["start"] == tree.start
    assert set(data["questions"]) == set(tree.questions)
    assert data["questions"][tree.start]["next"] == [a.next for a in tree.questions[tree.start].answers]
    # no words at all: every text a reader sees is in the page's markup, rendered once
    text = json.dumps(data)
    for question in tree.questions.values():
        assert question.text not in text and all(a.label not in text for a in question.answers)


def test_the_plan_lists_each_page_once_with_its_kind_and_template():
    tree = TREES["should-i-run-today"]
    pages = plan(tree)
    assert [p.kind for p in pages].count("start") == 1
    assert {p.node for p in pages if p.kind == "question"} == set(tree.questions)
    assert {p.node for p in pages if p.kind == "outcome"} == set(tree.outcomes)
    assert [p.route for p in pages if p.kind == "result"] == list(tree.paths)
    assert len({p.url for p in pages}) == len(pages) and all(p.kind in PAGE_KINDS for p in pages)


def merging_tree() -> Tree:
    """"first" leads to "second" two ways, so "second" cannot know the answers before it."""
    q = lambda qid, *targets: Question(qid, qid, tuple(Answer(f"to {t}", t) for t in targets))  # noqa: E731
    questions = {"first": q("first", "second", "second", "rest"), "second": q("second", "rest", "go")}
    outcomes = {o: Outcome(o, o, o, "") for o in ("rest", "go")}
    tree = Tree("t", "T", "", "first", questions, outcomes, "2026-11-20", "Physio", "2027-05-20")
    return Tree(**{**tree.__dict__, "paths": all_paths(tree)})


def test_a_question_two_routes_lead_to_gets_a_page_per_route_so_every_route_ends_on_its_result():
    tree = merging_tree()
    known = prefixes(tree)
    assert known == {"first": [()], "second": [(Step("first", 0),), (Step("first", 1),)]}
    urls = {p.url: p for p in plan(tree)}
    assert {"quiz/t/second/", "quiz/t/second/0/", "quiz/t/second/1/"} <= set(urls)
    assert urls["quiz/t/second/1/"].before == (Step("first", 1),)
    # From the start page, each answer leads on along its own route ...
    assert static_next_url(tree, "first", 1, (), known) == "quiz/t/second/1/"
    assert static_next_url(tree, "first", 2, (), known) == "quiz/t/rest/2/"
    # ... to the result page that lists the answers,
    assert static_next_url(tree, "second", 1, (Step("first", 1),), known) == "quiz/t/go/1-1/"
    # while the question's own page (the route unknown) leads to the plain outcome page.
    assert static_next_url(tree, "second", 1, None, known) == "quiz/t/go/"
    assert [p.url for p in plan(tree) if p.kind == "result"] == [result_url("t", p) for p in tree.paths]


def _links_of(tree, pages):
    """Every address an answer link of a planned question page leads to."""
    known = known_routes(tree)
    return {static_next_url(tree, p.node, i, p.before, known)
            for p in pages if p.kind == "question" for i in range(len(tree.questions[p.node].answers))}


def test_a_tree_of_many_merging_routes_writes_a_page_per_question_and_outcome_only(tmp_path):
    """As many questions in a row as a route may hold, each answer leading on: 1,024
    routes. A page per route would be 2,000 pages for 8 nodes; the plan stays at
    the tree's size, and every answer link still leads to a page of the plan."""
    from scripts.measure import synthetic
    from scripts.quiz import compile_tree
    from scripts.quiz.validate import MAX_ROUTE

    source = tmp_path / "bench-merging.yml"
    source.write_text(synthetic.tree("merging", MAX_ROUTE - 1), encoding="utf-8")
    tree = compile_tree(source)
    pages = plan(tree)
    assert len(tree.paths) > 500
    assert len(pages) == len(tree.questions) + len(tree.outcomes) + 2   # and the start and embed pages
    assert not [p for p in pages if p.kind == "result" or p.before is not None]
    assert _links_of(tree, pages) <= {p.url for p in pages}
    for real in TREES.values():   # the real trees keep a page per route
        real_pages = plan(real)
        assert [p.route for p in real_pages if p.kind == "result"] == list(real.paths)
        assert _links_of(real, real_pages) <= {p.url for p in real_pages}


def test_every_path_of_the_real_trees_has_a_result_page_listing_its_answers(site):
    for tree in TREES.values():
        for path in tree.paths:
            doc = built_page(site / result_url(tree.id, path) / "index.html")
            assert doc.h1.get_text(strip=True) == tree.outcomes[path.outcome].title
            given = [li.get_text(" ", strip=True) for li in doc.select(".slsr-quiz__given li")]
            assert given == [given_text(tree, s) for s in path.steps]
            assert doc.find("h2", string="Your answers")


def given_text(tree, step):
    """A "Your answers" line: the question, a checklist's signs, the answer."""
    question = tree.questions[step.question]
    signs = f" ({'; '.join(s.text for s in question.signs)})" if question.is_checklist else ""
    return f"{question.text}{signs} {tree.answer(step).label}"


def test_every_question_and_outcome_has_a_static_page_with_links(site):
    for tree in TREES.values():
        for qid, question in tree.questions.items():
            doc = built_page(site / "quiz" / tree.id / qid / "index.html")
            assert doc.h1.get_text(strip=True) == question.text
            links = [a.get_text(strip=True) for a in doc.select(".slsr-quiz__answers a")]
            assert links == [a.label for a in question.answers]
            signs = [li.get_text(" ", strip=True) for li in doc.select(".slsr-quiz__signs > li")]
            assert signs == [f"{s.text} {s.help}".strip() for s in question.signs]
            # warning signs say what is ordinary soreness, so sore runners answer No
            note = doc.select_one(".slsr-quiz__note")
            assert (note is not None) == question.is_warning, qid
            if note:
                assert "ordinary soreness" in note.get_text() and question.answers[1].label in note.get_text()
        for oid, outcome in tree.outcomes.items():
            doc = built_page(site / "quiz" / tree.id / oid / "index.html")
            assert doc.h1.get_text(strip=True) == outcome.title
            assert doc.select_one(f".slsr-verdict--{outcome.verdict}")


def test_outcome_article_links_lead_to_built_pages(site):
    for tree in TREES.values():
        pages = [site / "quiz" / tree.id / oid / "index.html" for oid in tree.outcomes]
        pages += [site / result_url(tree.id, path) / "index.html" for path in tree.paths]
        for page in pages:
            links = built_page(page).select(".slsr-outcome__body a[href], .slsr-quiz__controls a[href]")
            assert links, page   # at least "Start again"
            for a in links:
                target = (page.parent / a["href"].split("#")[0]).resolve()
                assert (target / "index.html").is_file(), f"{page}: {a['href']}"


def test_call_and_booking_buttons_follow_the_verdict_table(site):
    calls = {"emergency_number": (CLINIC["emergency_number"], f"Call {CLINIC['emergency_number']}"),
             "health_line": (CLINIC["health_line"], f"Call {CLINIC['health_line_name']}")}
    seen = set()
    for tree in TREES.values():
        for oid, outcome in tree.outcomes.items():
            verdict = VERDICTS[outcome.verdict]
            seen.add(verdict.id)
            doc = built_page(site / "quiz" / tree.id / oid / "index.html")
            box = doc.select_one(".slsr-quiz .slsr-book-box")
            assert (box is not None) == bool(verdict.booking), oid
            phones = [a["href"] for a in doc.select('.slsr-quiz a[href^="tel:"]')]
            if verdict.booking == "offer":
                assert box.select_one(f'a.md-button--primary[href="{CLINIC["booking_url"]}"]'), oid
            if verdict.calls:
                # The call first, as the main button; the booking as a plain follow-up; no other number.
                number, words = calls[verdict.calls]
                call = doc.select_one(f'.slsr-quiz a.md-button--primary[href="tel:{number}"]')
                assert call.get_text(strip=True) == words
                assert call in box.find_all_previous("a")
                assert not box.select(".md-button--primary")
                assert box.find("a", href=CLINIC["booking_url"]).get_text(strip=True) == "Book a follow-up visit"
                assert phones == [f"tel:{number}"], oid
            else:
                assert not doc.select(".slsr-quiz .slsr-call"), oid
    assert {"urgent", "same-day", "see-a-physio"} <= seen


def test_every_outcome_that_lets_the_runner_run_shows_the_stop_rule_and_no_other_does(site):
    """The warm-up test and when to stop come with every run, from the template:
    no tree can leave them out (and an outcome that keeps a runner home has none)."""
    running = set()
    for tree in TREES.values():
        for oid, outcome in tree.outcomes.items():
            pages = [site / "quiz" / tree.id / oid / "index.html", site / "quiz" / tree.id / "index.html"]
            for page in pages:
                doc = built_page(page)
                if page.parent.name != oid:   # the start page: the outcome's <template> for the module
                    doc = BeautifulSoup(doc.select_one(f'template[data-node="{oid}"]').decode_contents(),
                                        "html.parser")
                rule = doc.select_one(f'[data-outcome-id="{oid}"] .slsr-outcome__stop')
                if VERDICTS[outcome.verdict].runs:
                    running.add(outcome.verdict)
                    text = " ".join(rule.get_text().split())
                    assert "Warm up first" in text and "does not ease as you warm up" in text, (tree.id, oid)
                    assert "gets worse" in text and "turns sharp" in text, (tree.id, oid)
                else:
                    assert rule is None, (tree.id, oid)
    assert running == {v.id for v in VERDICTS.values() if v.runs}


def test_staff_page_shows_each_tree_as_a_diagram_and_a_path_table(site):
    doc = built_page(site / "staff" / "index.html")
    assert doc.find("meta", attrs={"name": "robots", "content": "noindex"})
    for tree in TREES.values():
        section = doc.find("h2", id=tree.id)
        assert section and section.get_text(strip=True) == tree.title
        svg = section.find_next("svg")
        assert svg and svg.find("title")
        routes = doc.find("h3", id=f"{tree.id}-paths")
        rows = [tr for table in section.find_all_next("table", limit=20)
                if table.find_previous("h3") is routes for tr in table.select("tbody tr")]
        assert len(rows) == len(tree.paths)
    assert not doc.find("script", src=lambda s: s and "mermaid" in s)


def test_bad_tree_fails_the_build_with_file_line_and_hint(tmp_path):
    project = project_copy(tmp_path)
    tree_file = project / "quiz" / "should-i-run-today.yml"
    source = tree_file.read_text(encoding="utf-8")
    start = TREES["should-i-run-today"].start
    target = TREES["should-i-run-today"].questions[start].answers[1].next   # "No, none of these"
    broken = source.replace(f"if_no: {target}\n", f"if_no: {target[:-1]}\n", 1)
    assert broken != source
    tree_file.write_text(broken, encoding="utf-8")
    line = broken[: broken.index(f"if_no: {target[:-1]}\n")].count("\n") + 1
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
    article = "get-help/when-to-see-a-physio.md"
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader)
    from scripts.quiz.__main__ import markdown_settings
    part = sorted(article_index(ROOT / "content", *markdown_settings(config))[article])[0]
    link = f"({article})"
    good = source.replace(link, f"({article}#{part})", 1)
    tree_file.write_text(good, encoding="utf-8")
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "good")
    assert result.returncode == 0, result.stdout + result.stderr
    bad = good.replace(f"#{part})", "#no-such-part)")
    tree_file.write_text(bad, encoding="utf-8")
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "bad")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    tree = TREES["should-i-run-today"]
    outcome = next(o for o in tree.outcomes.values() if link in o.body)   # the first one in the file
    body = next(n for n, text in enumerate(bad.splitlines(), 1) if n > outcome.line and text.strip() == "body: |")
    assert (f'quiz/should-i-run-today.yml:{body}: The body of outcome "{outcome.id}" links to '
            f'"{article}#no-such-part", but that article has no part called #no-such-part.') in output
    assert f"#{part}" in output   # the parts it does have
    # and `make check` says the same, from the same compiler
    check = subprocess.run([sys.executable, "-m", "scripts.quiz", "check"], cwd=project, capture_output=True, text=True)
    assert check.returncode == 1 and "but that article has no part called #no-such-part" in check.stderr


def test_each_quiz_start_page_is_in_the_search_index_with_its_intro(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for tree in TREES.values():
        entries = [d for d in index["docs"] if d["location"] == f"quiz/{tree.id}/"]
        assert entries and tree.title in entries[0]["title"], tree.id
        first_words = " ".join(tree.intro.split()[:6])
        assert first_words in " ".join(entries[0]["text"].split()), tree.id
    # and no step of a quiz is: one entry per quiz
    assert not [d for d in index["docs"] if d["location"].count("/") > 2 and d["location"].startswith("quiz/")]


def test_a_quiz_without_a_menu_entry_fails_the_build_saying_which_line_to_add(tmp_path):
    project = project_copy(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    tree = TREES["why-are-my-legs-sore"]
    entry = f"  - {tree.title}: quiz/{tree.id}.md\n"
    assert entry in text
    config.write_text(text.replace(entry, ""), encoding="utf-8")
    (project / "content" / "faq.md").write_text(
        (project / "content" / "faq.md").read_text(encoding="utf-8").replace(f"quiz/{tree.id}.md", "index.md"),
        encoding="utf-8")
    result = mkdocs_build(config, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert (f'quiz/{tree.id}.yml: the quiz "{tree.title}" has no menu entry. Add the line '
            f'"- {tree.title}: quiz/{tree.id}.md" under nav: in mkdocs.yml.') in output


def test_only_each_quizs_start_page_is_in_the_sitemap_and_its_steps_say_noindex(site):
    listed = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    quiz_urls = sorted(u.split("/", 3)[3] for u in listed if "/quiz/" in u)
    assert quiz_urls == sorted(f"quiz/{tree.id}/" for tree in TREES.values())
    assert not [u for u in listed if u.endswith("/staff/")]
    for tree in TREES.values():
        start = built_page(site / "quiz" / tree.id / "index.html")
        assert not start.find("meta", attrs={"name": "robots"})
        for page in plan(tree)[1:]:
            doc = built_page(site / page.url / "index.html")
            assert doc.find("meta", attrs={"name": "robots", "content": "noindex"}), page.url


def test_staff_page_lists_every_review_and_links_the_guides(site):
    doc = built_page(site / "staff" / "index.html")
    reviews = doc.find("h2", id="reviews").find_next("table")
    files = [code.get_text() for code in reviews.select("td code")]
    assert {f"quiz/{tree.id}.yml" for tree in TREES.values()} <= set(files)
    assert len(files) == len(list((ROOT / "content").rglob("*.md"))) + len(TREES) + 1   # and quiz/checklists.yml
    assert "quiz/checklists.yml" in files
    links = {a.get_text(strip=True): a["href"] for a in doc.select("a[href]")}
    assert links["Guide for changing the website"].endswith("/blob/main/CONTRIBUTING.md")
    assert links["Clinical hazard log"].endswith("/blob/main/HAZARD-LOG.md")


def test_every_static_step_after_the_first_links_back_to_the_previous_step_of_its_route(site):
    """Without JavaScript a runner who mis-clicks goes back one step on the same
    route, not only with the browser's button: every question page that knows its
    route (and every result page) has a Back link, which leads to the page whose
    answer link leads here."""
    checked = 0
    for tree in TREES.values():
        for page in plan(tree):
            if page.kind not in ("question", "result") or page.before is None:
                continue
            html = built_page(site / page.url / "index.html")
            back = [a for a in html.select(".slsr-quiz__controls a") if a.get_text(strip=True) == "Back"]
            if not page.before:   # the first question: nothing to go back to
                assert not back, page.url
                continue
            assert len(back) == 1, page.url
            previous = (site / page.url / back[0]["href"]).resolve()
            links = [a["href"] for a in built_page(previous / "index.html").select("a.slsr-quiz__answer")]
            assert any((previous / href).resolve() == (site / page.url).resolve() for href in links), page.url
            checked += 1
    assert checked >= sum(len(t.paths) for t in TREES.values())   # every result page at least
