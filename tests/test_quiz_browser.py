"""The quiz as readers use it, in a real Chromium: every path of every tree,
with JavaScript on and off (without it, as plain HTTP and links, and the
longest path of each tree in Chromium), by keyboard, through shared links,
reload and history, under a strict CSP, with axe at every step."""
from __future__ import annotations

import gzip
import re
import shutil

import pytest
from playwright.sync_api import expect

from conftest import mkdocs_build, project_copy, real_trees, _serve, settle, Axe
from static_reader import StaticReader
from scripts.quiz.model import Step
from scripts.quiz.pages import result_url
from scripts.quiz.verdicts import VERDICTS

pytestmark = pytest.mark.browser
TREES = real_trees()
PATHS = [(tree.id, n, path) for tree in TREES.values() for n, path in enumerate(tree.paths)]
AXE = Axe()
SITE_NAME = "Sore Legs, Strong Runs"


def ids(item):
    tree_id, number, _ = item
    return f"{tree_id}-{number}"


def labels(tree, path):
    return [tree.questions[s.question].answers[s.answer].label for s in path.steps]


def answers_query(path):
    return ".".join(str(s.answer) for s in path.steps)


def heading(page):
    return page.get_by_role("heading", level=1)


def given_text(tree, step):
    """A "Your answers" line: the question, a checklist's signs, the answer."""
    question = tree.questions[step.question]
    signs = f" ({'; '.join(s.text for s in question.signs)})" if question.is_checklist else ""
    return f"{question.text}{signs} {tree.answer(step).label}"


def assert_outcome(page, tree, path):
    outcome = tree.outcomes[path.outcome]
    expect(heading(page)).to_have_text(outcome.title)
    expect(page.locator(".slsr-verdict:visible")).to_contain_text(VERDICTS[outcome.verdict].word)


# Every path, JavaScript on and off ------------------------------------------

def click_through(page, base_url, tree, path):
    """Start the quiz and answer as a reader would: by the visible answer names."""
    page.goto(f"{base_url}quiz/{tree.id}/")
    page.get_by_role("link", name="Start the quiz").click()
    for step, label in zip(path.steps, labels(tree, path)):
        expect(heading(page)).to_have_text(tree.questions[step.question].text)
        page.get_by_role("link", name=label, exact=True).click()
    assert_outcome(page, tree, path)


def reader_page(browser, **options):
    """One tab for a module's walks: each walk starts with its own page load, and
    the tab keeps the site's files cached between them, as a reader's does."""
    context = browser.new_context(**options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


# With JavaScript, a tab per part of a tree walks its routes in order, as a
# reader trying each answer in turn would: from one route to the next it goes
# Back to the step the two share and answers on from there. Every route is
# answered in full and every step is reached by a click, but the steps routes
# share are not walked again from the start, and axe checks each step in the
# document it is in (its 570 kB script sent once per part, not once a step).
# Around the quiz, every step shows the same page, the quiz's start page, which
# tests/test_site_browser.py checks whole: so axe checks the whole page at a
# tree's first question and first outcome, and the quiz at every other step.
# Parts of 16 routes: a step is checked once per part, and with parts of 8
# the shared first steps were checked again in each (82 axe runs, now 61).
ROUTES_PER_PART = 16
QUIZ_ONLY = {"include": [[".slsr-quiz"]]}
PARTS = [(tree.id, n) for tree in TREES.values() for n in range(-(-len(tree.paths) // ROUTES_PER_PART))]


def in_order(routes):
    """`routes` sorted so that routes sharing their first answers are side by side."""
    return sorted(routes, key=lambda path: [s.answer for s in path.steps])


def part_routes(tree, part):
    """The routes the `part`th tab of `tree` walks, in order."""
    return in_order(tree.paths)[part * ROUTES_PER_PART:(part + 1) * ROUTES_PER_PART]


def axe_at(page, step, whole):
    # The pointer rests where the last answer was clicked, and Chromium gives the
    # link that comes under it its hover colours a moment later, in a transition
    # axe could catch half-way. Moved off the quiz, the page settles now.
    page.mouse.move(0, 0)
    settle(page)
    return [f"{step}: {v['id']} {v['help']}: {n['target']} {n['failureSummary']}"
            for v in AXE.run(page, context=None if whole else QUIZ_ONLY).response["violations"] for n in v["nodes"]]


def walk(page, base_url, tree, routes):
    """Answer each of `routes` in turn by its answers' visible names, from one
    tab: Back to the step a route shares with the one before, then on. Yields
    (path, node) at each step reached, a question before it is answered, then
    the outcome, each once its heading (and at the outcome, its verdict) shows."""
    page.goto(f"{base_url}quiz/{tree.id}/")
    page.get_by_role("link", name="Start the quiz").click()
    answered = []
    for path in routes:
        shared = 0
        while shared < min(len(answered), len(path.steps)) and answered[shared] == path.steps[shared]:
            shared += 1
        for _ in range(len(answered) - shared):
            page.get_by_role("button", name="Back", exact=True).click()
        answered = list(path.steps[:shared])
        for step, label in list(zip(path.steps, labels(tree, path)))[shared:]:
            expect(heading(page)).to_have_text(tree.questions[step.question].text)
            yield path, step.question
            page.get_by_role("link", name=label, exact=True).click()
            answered.append(step)
        assert_outcome(page, tree, path)
        yield path, path.outcome


@pytest.mark.parametrize("tree_id, part", PARTS, ids=[f"{t}-{n}" for t, n in PARTS])
def test_every_route_with_javascript_reaches_its_outcome_and_axe_passes_at_every_step(base_url, page, tree_id,
                                                                                        part):
    tree = TREES[tree_id]
    routes = part_routes(tree, part)
    failures, checked = [], set()
    for path, node in walk(page, base_url, tree, routes):
        if node not in checked:
            kind_checked = any((n in tree.outcomes) == (node in tree.outcomes) for n in checked)
            checked.add(node)
            failures += axe_at(page, f"{tree.id}/{node}", whole=part == 0 and not kind_checked)
        if node == path.outcome:
            assert page.url.endswith(f"?answers={answers_query(path)}")
            # The answers given are listed, for the reader's physio.
            expect(page.locator(".slsr-quiz__given li")).to_have_text([given_text(tree, s) for s in path.steps])
    assert not failures, "\n".join(failures)


def test_the_parts_walk_every_route_once_and_check_the_whole_page_at_a_question_and_an_outcome():
    for tree in TREES.values():
        parts = [part_routes(tree, n) for t, n in PARTS if t == tree.id]
        assert sorted(map(id, sum(parts, []))) == sorted(map(id, tree.paths)), tree.id
        first = parts[0][0]
        assert first.steps[0].question == tree.start and first.outcome in tree.outcomes, tree.id


@pytest.fixture(scope="module")
def no_js_page(browser):
    context, page = reader_page(browser, java_script_enabled=False)
    yield page
    context.close()


def result_address(tree, path):
    return f"quiz/{tree.id}/{path.outcome}/{'-'.join(str(s.answer) for s in path.steps)}/"


# Without JavaScript the quiz is plain pages and plain links, and a browser adds
# nothing to following a link: every path is walked over HTTP, reading each page
# as the accessibility tree names it (tests/static_reader.py), the way
# click_through does in Chromium; and the longest path of each tree in Chromium
# too, so the two readings are held to each other.

@pytest.mark.parametrize("item", PATHS, ids=[ids(p) for p in PATHS])
def test_every_path_without_javascript_reaches_the_compiled_outcome(item, base_url):
    tree_id, _, path = item
    tree = TREES[tree_id]
    reader = StaticReader(f"{base_url}quiz/{tree.id}/")
    reader.follow("Start the quiz")
    for step, label in zip(path.steps, labels(tree, path)):
        assert reader.heading() == tree.questions[step.question].text, reader.url
        reader.follow(label)
    outcome = tree.outcomes[path.outcome]
    assert reader.heading() == outcome.title, reader.url
    assert VERDICTS[outcome.verdict].word in reader.text(".slsr-verdict"), reader.url
    # Each path ends on its own result page, which lists the answers for the physio.
    assert reader.url.endswith(result_address(tree, path))
    assert reader.texts(".slsr-quiz__given li") == [given_text(tree, s) for s in path.steps]


@pytest.mark.parametrize("tree_id", sorted(TREES))
def test_the_longest_path_of_each_tree_without_javascript_in_chromium(tree_id, base_url, no_js_page):
    tree = TREES[tree_id]
    path = max(tree.paths, key=lambda p: len(p.steps))
    click_through(no_js_page, base_url, tree, path)
    assert no_js_page.url.endswith(result_address(tree, path))
    expect(no_js_page.locator(".slsr-quiz__given li")).to_have_text([given_text(tree, s) for s in path.steps])


# One step at a time ---------------------------------------------------------

def first_go_path(tree):
    return next(p for p in tree.paths if tree.outcomes[p.outcome].verdict == "go")


@pytest.mark.parametrize("tree_id", sorted(TREES))
def test_dark_palette_has_zero_axe_violations_at_a_question_and_every_verdict(browser, base_url, tree_id):
    """Each tree, dark: each verdict it has and the question before it, and its
    last route; the whole page at the first of them, the quiz at the others."""
    tree = TREES[tree_id]
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    failures, checked = [], set()
    one_per_verdict = {tree.outcomes[p.outcome].verdict: p for p in tree.paths}
    assert len(one_per_verdict) == len({o.verdict for o in tree.outcomes.values()}), tree.id
    routes = in_order({tree.paths[-1], *one_per_verdict.values()})
    for path, node in walk(page, base_url, tree, routes):
        last_two = [path.steps[-1].question, path.outcome] if path.steps else [path.outcome]
        if node in last_two and node not in checked:
            # axe on the light page would pass this test without a word: check it is dark.
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
            failures += axe_at(page, f"{tree.id}/{node}", whole=not checked)
            checked.add(node)
    context.close()
    assert not failures, "\n".join(failures)


def test_each_step_moves_focus_announces_and_retitles(base_url, page):
    tree = TREES["should-i-run-today"]
    first = tree.questions[tree.start]
    page.goto(f"{base_url}quiz/{tree.id}/")
    page.get_by_role("link", name="Start the quiz").click()
    expect(heading(page)).to_be_focused()
    expect(heading(page)).to_have_text(first.text)
    expect(page.locator("[aria-live=polite]")).to_contain_text(first.text)
    assert page.title() == f"{first.text} - {SITE_NAME}"
    expect(page.locator(".slsr-quiz__progress").first).to_have_text(re.compile(r"^Question 1 of up to \d+$"))
    second = tree.questions[first.answers[1].next]   # "No, none of these"
    page.get_by_role("link", name=first.answers[1].label, exact=True).click()
    expect(heading(page)).to_be_focused()
    expect(page.locator(".slsr-quiz__progress").first).to_have_text(re.compile(r"^Question 2 of up to \d+$"))
    assert page.title() == f"{second.text} - {SITE_NAME}"


def test_shared_link_reload_and_history_keep_the_step(base_url, page, context):
    tree = TREES["should-i-run-today"]
    path = first_go_path(tree)
    names = labels(tree, path)
    page.goto(f"{base_url}quiz/{tree.id}/")
    page.get_by_role("link", name="Start the quiz").click()
    for label in names[:2]:
        page.get_by_role("link", name=label, exact=True).click()
    third = tree.questions[path.steps[2].question].text
    expect(heading(page)).to_have_text(third)
    shared = page.url
    page.reload()
    expect(heading(page)).to_have_text(third)
    page.go_back()
    expect(heading(page)).to_have_text(tree.questions[path.steps[1].question].text)
    page.go_forward()
    expect(heading(page)).to_have_text(third)
    other = context.new_page()  # someone opens the shared link
    other.goto(shared)
    expect(heading(other)).to_have_text(third)
    other.goto(f"{base_url}quiz/{tree.id}/?answers={answers_query(path)}")
    assert_outcome(other, tree, path)


def test_back_button_restores_the_previous_answer_and_start_again_restarts(base_url, page):
    tree = TREES["should-i-run-today"]
    path = first_go_path(tree)
    first = tree.questions[tree.start]
    page.goto(f"{base_url}quiz/{tree.id}/")
    page.get_by_role("link", name="Start the quiz").click()
    chosen = labels(tree, path)[0]
    page.get_by_role("link", name=chosen, exact=True).click()
    page.get_by_role("button", name="Back", exact=True).click()
    expect(heading(page)).to_have_text(first.text)
    expect(page.get_by_role("link", name=chosen, exact=True)).to_have_accessible_description("Your last answer")
    page.get_by_role("link", name=chosen, exact=True).click()
    page.get_by_role("button", name="Start again").click()
    expect(heading(page)).to_have_text(first.text)
    page.get_by_role("button", name="Back", exact=True).click()  # back to the start page
    expect(heading(page)).to_have_text(tree.title)
    expect(heading(page)).to_be_focused()


def test_back_after_opening_a_shared_link_still_shows_the_answer_undone(base_url, page):
    tree = TREES["should-i-run-today"]
    path = first_go_path(tree)
    page.goto(f"{base_url}quiz/{tree.id}/?answers={answers_query(path)}")
    page.get_by_role("button", name="Back", exact=True).click()
    last = path.steps[-1]
    expect(heading(page)).to_have_text(tree.questions[last.question].text)
    chosen = tree.questions[last.question].answers[last.answer].label
    expect(page.get_by_role("link", name=chosen, exact=True)).to_have_accessible_description("Your last answer")


def test_keyboard_only_run_reaches_the_outcome(base_url, page):
    tree = TREES["should-i-run-today"]
    path = first_go_path(tree)
    page.goto(f"{base_url}quiz/{tree.id}/")
    start = page.get_by_role("link", name="Start the quiz")
    for _ in range(60):  # Tab from the top of the page to the Start link
        page.keyboard.press("Tab")
        if start.evaluate("el => el === document.activeElement"):
            break
    page.keyboard.press("Enter")
    for label in labels(tree, path):
        expect(heading(page)).to_be_focused()
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent.trim()") == label:
                break
        page.keyboard.press("Enter")
    assert_outcome(page, tree, path)


def test_answer_targets_are_at_least_24_by_24(base_url, page, no_js_page):
    tree = TREES["should-i-run-today"]
    page.goto(f"{base_url}quiz/{tree.id}/?answers=")
    no_js_page.goto(f"{base_url}quiz/{tree.id}/{tree.start}/")
    for p in (page, no_js_page):
        for answer in tree.questions[tree.start].answers:
            box = p.get_by_role("link", name=answer.label, exact=True).bounding_box()
            assert box["width"] >= 24 and box["height"] >= 24, (answer.label, box)


def test_reduced_motion_turns_off_the_animation(browser, base_url):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(f"{base_url}quiz/should-i-run-today/?answers=")
    assert page.locator(".slsr-quiz__stage").evaluate("el => getComputedStyle(el).animationName") == "none"
    context.close()


def top_in_document(locator):
    return locator.evaluate("el => el.getBoundingClientRect().top + window.scrollY")


def test_progress_line_keeps_its_height_between_steps(base_url, page):
    tree = TREES["should-i-run-today"]
    path = first_go_path(tree)
    page.goto(f"{base_url}quiz/{tree.id}/?answers=")
    tops = []
    for label in labels(tree, path):
        tops.append(top_in_document(heading(page)))
        page.get_by_role("link", name=label, exact=True).click()
    tops.append(top_in_document(heading(page)))
    assert max(tops) - min(tops) < 1, tops  # the heading never jumps


def test_after_answering_at_the_foot_of_a_long_list_the_next_question_shows_from_its_top(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 640})
    page = context.new_page()
    tree = TREES["should-i-run-today"]
    page.goto(f"{base_url}quiz/{tree.id}/?answers=1.1.1")   # the longest checklist
    answer = page.get_by_role("link", name="No, none of these", exact=True)
    answer.scroll_into_view_if_needed()
    assert page.evaluate("window.scrollY") > 100
    answer.click()
    expect(heading(page)).to_be_focused()
    box = heading(page).bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert box["y"] >= header["y"] + header["height"] and box["y"] + box["height"] <= 640, (box, header)
    context.close()


# Safety of the module -------------------------------------------------------

def test_link_with_answers_that_do_not_fit_shows_the_start_page(base_url, page):
    page.goto(f"{base_url}quiz/should-i-run-today/?answers=9.9.9")
    expect(heading(page)).to_have_text(TREES["should-i-run-today"].title)
    expect(page.get_by_text("That quiz link is out of date. Please start again.").first).to_be_visible()
    expect(page.locator(".slsr-verdict:visible")).to_have_count(0)


@pytest.mark.parametrize("corruption", [
    (r'"next": \["[a-z0-9-]+"', '"next": ["nowhere"'),
    (r'"version": 2', '"version": 3'),
    (r'data-kind="outcome"', 'data-kind="other"'),
    (r'data-part="controls"', 'data-part="gone"'),
])
def test_data_it_does_not_understand_falls_back_to_the_static_pages(base_url, page, corruption):
    pattern, replacement = corruption
    url = f"{base_url}quiz/should-i-run-today/"

    def corrupt(route):
        body = route.fetch().text()
        route.fulfill(body=re.sub(pattern, replacement, body, count=1), content_type="text/html")

    page.route(url, corrupt)
    page.goto(url)
    expect(page.get_by_text("Sorry, the quiz could not start here.")).to_be_visible()
    page.get_by_role("link", name="Start the quiz").click()  # the static pages take over
    tree = TREES["should-i-run-today"]
    expect(heading(page)).to_have_text(tree.questions[tree.start].text)
    assert page.url.endswith(f"/{tree.start}/")


def test_quiz_runs_under_a_strict_csp_with_no_console_errors(csp_base_url, page):
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    for tree in TREES.values():
        click_through(page, csp_base_url, tree, tree.paths[0])
    page.goto(csp_base_url)  # and an ordinary page, with Material's own scripts
    page.get_by_role("link", name="What is DOMS?").first.click()
    assert not errors, errors


def test_quiz_assets_weigh_at_most_5_kb_gzipped(site):
    total = sum(len(gzip.compress(p.read_bytes(), 9)) for p in
                (site / "assets/javascripts/quiz.js", site / "assets/stylesheets/quiz.css"))
    assert total <= 5 * 1024, f"{total} bytes gzipped"


HOSTILE = "<img src=x onerror=alert(1)>"


def hostile_site(tmp_path):
    """The real site, with markup typed into every kind of text a tree has."""
    project = project_copy(tmp_path)
    shutil.rmtree(project / "quiz" / "scenarios")   # they name the answers this test rewrites
    tree_file, checklists = project / "quiz" / "should-i-run-today.yml", project / "quiz" / "checklists.yml"
    tree = TREES["should-i-run-today"]
    start = tree.questions[tree.start]
    legs = tree.questions["legs-today"]
    go = next(o for o in tree.outcomes.values() if o.verdict == "go")
    edits = [  # (file, text as written in it, replacement); each must be found
        (tree_file, f"- label: {legs.answers[0].label}\n", f"- label: '{HOSTILE}'\n"),   # an answer
        # the first question is a shared checklist: its words are in checklists.yml
        (checklists, f"text: {start.text}\n", "text: 'Chest pain?\"><img src=x onerror=alert(2)>'\n"),
        (checklists, f"- {start.signs[1].text}\n",   # a sign, and a sign's help
         "- '<svg onload=alert(6)>sign'\n      - text: A sign with help\n        help: '<b onclick=alert(7)>help</b>'\n"),
        (tree_file, f"title: {go.title}\n", f"title: '{go.title} <svg onload=alert(3)>'\n"),
        (tree_file, f"title: {tree.title}\n", f"title: '{tree.title} - </title><script>alert(4)</script>'\n"),
        # (raw HTML or a javascript: link in Markdown never gets this far: the compiler refuses it)
    ]
    for path, old, new in edits:
        data = path.read_text(encoding="utf-8")
        assert data.count(old) >= 1, old
        path.write_text(data.replace(old, new, 1), encoding="utf-8")
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp_path / "site", tree, go


def test_hostile_text_in_a_tree_renders_as_text_and_runs_nothing(tmp_path, browser):
    site, tree, go = hostile_site(tmp_path)
    server = _serve(site, None)
    base = f"http://127.0.0.1:{server.server_address[1]}/quiz/{tree.id}/"
    to_legs = next(p for p in tree.paths if p.steps[-1].question == "legs-today"
                   and all(tree.answer(s).label.startswith("No") for s in p.steps[:-1]))
    before_legs = ".".join(str(s.answer) for s in to_legs.steps[:-1])
    result = next(p for p in tree.paths if Step("legs-today", 0) in p.steps)
    result_page = result_url(tree.id, result).removeprefix(f"quiz/{tree.id}/")
    pages = [(True, f"?answers={before_legs}"), (False, "legs-today/"), (True, "?answers="), (False, f"{tree.start}/"),
             (True, f"?answers={answers_query(first_go_path(tree))}"), (False, f"{go.id}/"), (True, ""),
             (False, result_page), (True, f"?answers={answers_query(result)}")]
    try:
        for javascript, url in pages:
            context = browser.new_context(java_script_enabled=javascript)
            page = context.new_page()
            dialogs = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(base + url)
            page.wait_for_load_state("networkidle")
            if url in ("legs-today/", f"?answers={before_legs}"):   # the hostile answer, as its visible name
                expect(page.get_by_role("link", name=HOSTILE, exact=True)).to_be_visible()
            if url in ("?answers=", f"{tree.start}/"):
                expect(page.locator(".slsr-quiz__signs:visible")).to_contain_text("<svg onload=alert(6)>sign")
                expect(page.locator(".slsr-quiz__signs:visible")).to_contain_text("<b onclick=alert(7)>help</b>")
            assert page.locator("img, article svg[onload], a[href^='javascript'], b[onclick]").count() == 0, url
            assert page.locator("[onerror], [onload], [onclick]").count() == 0, url
            assert not dialogs, (url, dialogs)
            if url == "?answers=":   # the step's title is the question's, even with " - " in the quiz title
                assert page.title() == f'Chest pain?"><img src=x onerror=alert(2)> - {SITE_NAME}'
            if url in (result_page, f"?answers={answers_query(result)}"):   # the answers given list it as text
                expect(page.locator(".slsr-quiz__given")).to_contain_text(HOSTILE)
            context.close()
    finally:
        server.shutdown()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_print_shows_the_result_and_answers_for_the_physio(base_url, page, no_js_page, javascript):
    tree = TREES["should-i-run-today"]
    path = next(p for p in tree.paths if tree.outcomes[p.outcome].verdict == "see-a-physio")
    if not javascript:   # the result page a reader without JavaScript lands on
        page = no_js_page
        page.goto(base_url + result_url(tree.id, path))
    else:
        page.goto(f"{base_url}quiz/{tree.id}/?answers={answers_query(path)}")
    page.emulate_media(media="print")
    expect(page.get_by_text("Write down the answers you gave")).to_have_count(0)
    expect(page.get_by_text("Take this page to your physio.").last).to_be_visible()
    expect(page.get_by_role("heading", name="Your answers")).to_be_visible()
    for label in labels(tree, path):
        expect(page.locator(".slsr-quiz__given")).to_contain_text(label)
    expect(page.get_by_role("button", name="Start again")).to_be_hidden()
    expect(page.get_by_role("link", name="Start again")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    page.emulate_media(media="screen")


def test_each_verdict_has_its_own_colour_an_icon_and_a_word(base_url, page):
    colours = {}
    for tree in TREES.values():
        for oid, outcome in tree.outcomes.items():
            if outcome.verdict in colours:
                continue
            page.goto(f"{base_url}quiz/{tree.id}/{oid}/")
            badge = page.locator(".slsr-verdict")
            expect(badge).to_contain_text(VERDICTS[outcome.verdict].word)
            expect(badge.locator("svg")).to_have_count(1)
            colours[outcome.verdict] = badge.evaluate("el => getComputedStyle(el).backgroundColor")
    assert len(set(colours.values())) == len(colours) >= 5, colours


# Rendered once; laid out for fingers --------------------------------------

def step_markup(page):
    """The visible step, as markup, without what only the route and the day decide
    (links, the progress line, the date); white space between tags folded."""
    return page.locator(".slsr-quiz__step:visible").evaluate("""el => {
        const copy = el.cloneNode(true);
        copy.querySelectorAll("[href]").forEach(a => a.removeAttribute("href"));
        copy.querySelector(".slsr-quiz__progress").textContent = "";
        copy.querySelectorAll('[data-slot="date"]').forEach(d => { d.textContent = ""; });
        return copy.outerHTML.replace(/\\s+/g, " ").replace(/> </g, "><");
    }""")


@pytest.mark.parametrize("name", sorted(TREES))
def test_each_step_the_module_shows_is_the_markup_of_its_static_page(name, base_url, page, no_js_page):
    tree = TREES[name]
    for path in {p.steps[-1].question: p for p in tree.paths}.values():   # a route to each last question
        query = ".".join(str(s.answer) for s in path.steps[:-1])
        page.goto(f"{base_url}quiz/{tree.id}/?answers={query}")
        no_js_page.goto(f"{base_url}quiz/{tree.id}/{path.steps[-1].question}/")
        assert step_markup(page) == step_markup(no_js_page)
    page.goto(f"{base_url}quiz/{tree.id}/?answers={answers_query(tree.paths[0])}")
    no_js_page.goto(base_url + result_url(tree.id, tree.paths[0]))
    js, static = step_markup(page), step_markup(no_js_page)
    assert js == static, "an outcome with the answers given"


def test_answers_line_up_with_the_question_and_the_controls(base_url, page, no_js_page):
    tree = TREES["should-i-run-today"]
    page.goto(f"{base_url}quiz/{tree.id}/?answers=1")
    no_js_page.goto(f"{base_url}quiz/{tree.id}/{tree.start}/")
    for p, control in ((page, p_role(page, "button", "Back")), (no_js_page, p_role(no_js_page, "link", "Start again"))):
        left = heading(p).bounding_box()["x"]
        answers = p.locator(".slsr-quiz__answer:visible")
        assert answers.count() >= 3
        for i in range(answers.count()):
            assert abs(answers.nth(i).bounding_box()["x"] - left) < 1
        assert abs(control.bounding_box()["x"] - left) < 1


def p_role(page, role, name):
    return page.get_by_role(role, name=name, exact=True)


def test_on_a_touch_screen_the_next_answer_under_the_finger_does_not_look_chosen(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 800}, has_touch=True, is_mobile=True)
    page = context.new_page()
    tree = TREES["should-i-run-today"]
    page.goto(f"{base_url}quiz/{tree.id}/?answers=")
    assert not page.evaluate("matchMedia('(hover: hover)').matches")
    tapped = page.get_by_role("link", name="No, none of these", exact=True)
    tapped.tap()
    expect(heading(page)).to_have_text(tree.questions[tree.questions[tree.start].answers[1].next].text)
    same_place = page.get_by_role("link", name="No, none of these", exact=True)
    other = page.get_by_role("link", name="Not sure", exact=True)
    background = "el => getComputedStyle(el).backgroundColor"
    assert same_place.evaluate(background) == other.evaluate(background)
    context.close()


def test_a_printed_result_carries_the_date(base_url, page):
    tree = TREES["should-i-run-today"]
    page.goto(f"{base_url}quiz/{tree.id}/?answers={answers_query(first_go_path(tree))}")
    page.emulate_media(media="print")
    today = page.evaluate("new Date().toLocaleDateString('en-GB', {day: 'numeric', month: 'long', year: 'numeric'})")
    expect(page.locator(".slsr-quiz__date:visible")).to_have_text(f"Date of this result: {today}")
    page.emulate_media(media="screen")
    expect(page.locator(".slsr-quiz__date")).to_be_hidden()


def test_a_printed_result_without_javascript_has_a_line_to_write_the_date_on(base_url, no_js_page):
    tree = TREES["should-i-run-today"]
    no_js_page.goto(base_url + result_url(tree.id, first_go_path(tree)))
    no_js_page.emulate_media(media="print")
    expect(no_js_page.locator(".slsr-quiz__date")).to_have_text(re.compile(r"^Date of this result: _{10,}$"))
    no_js_page.emulate_media(media="screen")


def test_an_id_that_names_a_javascript_object_property_works_like_any_other(tmp_path, browser):
    """Ids such as "constructor" or "__proto__"-like names must not reach Object.prototype."""
    project = project_copy(tmp_path)
    tree_file = project / "quiz" / "should-i-run-today.yml"
    tree = TREES["should-i-run-today"]
    go = next(o for o in tree.outcomes.values() if o.verdict == "go")
    shutil.rmtree(project / "quiz" / "scenarios")   # they name the ids this test renames
    text = tree_file.read_text(encoding="utf-8").replace(f"next: {go.id}\n", "next: constructor\n")
    text = text.replace(f"if_no: {go.id}\n", "if_no: constructor\n")
    text = text.replace(f"\n  {go.id}:\n", "\n  constructor:\n").replace("if_no: legs-today\n", "if_no: to-string\n")
    text = text.replace("\n  legs-today:\n", "\n  to-string:\n")
    tree_file.write_text(text, encoding="utf-8")
    result = mkdocs_build(project / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    server = _serve(tmp_path / "site", None)
    try:
        page = browser.new_page()
        errors = []
        page.on("console", lambda m: m.type in ("error", "warning") and errors.append(m.text))
        path = first_go_path(tree)
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/quiz/{tree.id}/")
        page.get_by_role("link", name="Start the quiz").click()
        for label in labels(tree, path):
            page.get_by_role("link", name=label, exact=True).click()
        expect(heading(page)).to_have_text(go.title)
        assert page.url.endswith(f"?answers={answers_query(path)}") and not errors, errors
        page.close()
    finally:
        server.shutdown()
