"""The quiz on a partner's site: the embed page, the loader, the snippets, oEmbed.

The site is built under a sub-folder (as a GitHub Pages project site is) and
served on one port; a partner's page, with a strict Content-Security-Policy of
its own, is served on another port, so the frame is on another origin, as it
is on the web."""
from __future__ import annotations

import functools
import gzip
import hashlib
import base64
import http.server
import json
import re
import threading
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from conftest import ROOT, mkdocs_build, project_copy
from scripts.quiz import compile_dir
from scripts.quiz.embed import SANDBOX

TREES = {tree.id: tree for tree in compile_dir(ROOT / "quiz", content_dir=ROOT / "content")}
TREE = TREES["should-i-run-today"]
SUB = "/partners-test/"   # the site lives in a sub-folder, like a GitHub Pages project site
AXE = Axe()


class _Site(http.server.SimpleHTTPRequestHandler):
    """The clinic's site under SUB; files readable by any origin (as GitHub Pages
    serves them), which the loader's integrity check needs."""

    def translate_path(self, path):
        return super().translate_path("/" + path.split("?")[0].removeprefix(SUB))

    def end_headers(self):
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def embed_site(tmp_path_factory):
    """(site folder, site_url): the real site built with a site_url on this machine."""
    out = tmp_path_factory.mktemp("embed") / "site"
    out.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Site, directory=str(out)))
    site_url = f"http://127.0.0.1:{server.server_address[1]}{SUB}"
    project = project_copy(tmp_path_factory.mktemp("project"))
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"^site_url: .*$", f"site_url: {site_url}", config.read_text(encoding="utf-8"),
                             count=1, flags=re.M), encoding="utf-8")
    result = mkdocs_build(config, out)
    assert result.returncode == 0, result.stdout + result.stderr
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield out, site_url
    server.shutdown()


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def snippet(site: Path, tree_id: str, kind: str) -> str:
    """A snippet as the "Embed the quiz" page offers it to copy."""
    return soup(site / "embed" / "index.html").select_one(f"#embed-{tree_id}-{kind}").get_text()


@pytest.fixture(scope="module")
def host(embed_site):
    """A partner's site on another port: /<name> serves a page holding the snippets
    put there with host.pages[name] = html, under a strict policy."""
    _, site_url = embed_site
    site_origin = site_url.split(SUB)[0]
    pages: dict[str, str] = {}

    class Host(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/favicon.ico":
                self.send_response(204)
                self.end_headers()
                return
            body = pages.get(self.path.strip("/"))
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Security-Policy", f"default-src 'self'; frame-src {site_origin}; "
                                                        f"script-src {site_origin}; style-src 'self'")
            self.end_headers()
            self.wfile.write((f"<!doctype html><html lang=en><head><meta charset=utf-8><title>Running club</title>"
                              f"</head><body><main><h1>Our running club</h1><p>Before you run:</p>{body}"
                              "<p>See you at the track.</p></main></body></html>").encode())

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Host)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.pages = pages
    server.url = f"http://127.0.0.1:{server.server_address[1]}/"
    yield server
    server.shutdown()


def partner_page(browser, host, site, name="script"):
    """A new browser page on the partner's page holding the quiz's two-line snippet."""
    host.pages[name] = snippet(site, TREE.id, "script")
    page = browser.new_page()
    page.goto(host.url + name)
    return page


def labels(tree, path):
    return [tree.answer(s).label for s in path.steps]


def first_path(tree, verdict):
    return next(p for p in tree.paths if tree.outcomes[p.outcome].verdict == verdict)


# The embed page and its weight ------------------------------------------------

def loaded_by(page: Path) -> list[str]:
    doc = soup(page)
    return [tag.get("src") or tag.get("href") for tag in doc.select("script[src], link[href], img[src], iframe[src]")
            if tag.name != "link" or "stylesheet" in tag.get("rel", []) or "icon" in tag.get("rel", [])]


def test_the_embed_page_loads_only_the_quizs_own_module_and_stylesheet_in_15_kb(embed_site):
    site, _ = embed_site
    page = site / "quiz" / TREE.id / "embed" / "index.html"
    assets = loaded_by(page)
    assert sorted(assets) == ["../../../assets/images/favicon.png", "../../../assets/javascripts/quiz.js",
                              "../../../assets/stylesheets/quiz.css"]
    total = sum(len(gzip.compress(p.read_bytes(), 9)) for p in [page, *((page.parent / a).resolve() for a in assets)])
    assert total <= 15 * 1024, f"{total} bytes gzipped"
    doc = soup(page)
    assert not doc.select(".md-header, .md-nav, .md-search, .md-footer, .md-sidebar")
    assert doc.select_one('meta[http-equiv="Content-Security-Policy"]')
    assert len(doc.find_all("h1")) - len([h for h in doc.find_all("h1") if h.find_parent("template")]) == 1
    assert "100vh" not in (site / "assets" / "stylesheets" / "quiz.css").read_text(encoding="utf-8")


def test_the_loader_weighs_at_most_1_kb_gzipped_and_the_snippet_pins_its_hash(embed_site):
    site, site_url = embed_site
    loader = (site / "assets" / "javascripts" / "embed.js").read_bytes()
    assert len(gzip.compress(loader, 9)) <= 1024
    two_lines = snippet(site, TREE.id, "script")
    digest = base64.b64encode(hashlib.sha384(loader).digest()).decode()
    assert f'src="{site_url}assets/javascripts/embed.js" integrity="sha384-{digest}" crossorigin="anonymous"' \
        in two_lines


def test_every_link_that_leaves_the_embed_is_absolute_and_opens_a_new_tab(embed_site):
    site, site_url = embed_site
    doc = soup(site / "quiz" / TREE.id / "embed" / "index.html")
    # (find_all, not select: soupsieve does not look inside <template>)
    leaving = [a for a in doc.find_all("a", href=True) if not a.has_attr("data-answer")]
    assert len(leaving) > 20   # articles, booking, calls, the start link, "From ..."
    for a in leaving:
        assert a["href"].startswith((site_url, "tel:", "https://")), a
        assert a.get("target") == "_blank" and "noopener" in a.get("rel", []), a
    # the emergency call too
    assert [a for a in leaving if a["href"] == "tel:999" and "slsr-call" in a.get("class", [])]


def test_snippets_and_oembed_use_absolute_addresses_and_a_sandbox_without_same_origin(embed_site):
    site, site_url = embed_site
    for tree in TREES.values():
        frame = snippet(site, tree.id, "iframe")
        assert f'src="{site_url}quiz/{tree.id}/embed/"' in frame and f'sandbox="{SANDBOX}"' in frame
        assert "allow-same-origin" not in frame + snippet(site, tree.id, "script")
        start = soup(site / "quiz" / tree.id / "index.html")
        [link] = [tag for tag in start.find_all("link", type="application/json+oembed") if "alternate" in tag["rel"]]
        assert link["href"] == f"{site_url}quiz/{tree.id}/oembed.json"
        answer = json.loads((site / "quiz" / tree.id / "oembed.json").read_text(encoding="utf-8"))
        assert answer["type"] == "rich" and answer["version"] == "1.0" and answer["html"] == frame
        assert answer["provider_url"] == site_url
    policy = soup(site / "embed" / "index.html").select_one("#embed-policy").get_text()
    origin = site_url.removesuffix(SUB)
    assert policy.splitlines() == [f"frame-src {origin}", f"script-src {origin}"]


# In a partner's page ---------------------------------------------------------

def frame_fits(page, index: int = 0) -> None:
    """The frame is as tall as the quiz in it: no scrollbar inside, nothing cut off."""
    frame = page.locator("iframe").nth(index)
    page.wait_for_function("""([i]) => {
        const f = document.querySelectorAll('iframe')[i];
        return f.getBoundingClientRect().height > 200;
    }""", arg=[index])
    content = frame.content_frame
    for _ in range(40):   # the height follows the step within a few frames
        inner = content.locator("body").evaluate("b => b.getBoundingClientRect().height")
        outer = frame.evaluate("f => f.getBoundingClientRect().height")
        if abs(inner - outer) <= 1:
            break
        page.wait_for_timeout(50)
    assert abs(inner - outer) <= 1, (inner, outer)
    scroll = content.locator("html").evaluate("h => [h.scrollHeight, h.clientHeight]")
    assert scroll[0] <= scroll[1] + 1, scroll


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_a_partner_page_runs_a_whole_route_in_the_frame_which_always_fits(embed_site, host, browser, width):
    site, _ = embed_site
    host.pages["script"] = snippet(site, TREE.id, "script")
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(host.url + "script")
    iframe = page.locator("iframe")
    expect(iframe).to_have_attribute("title", f"{TREE.title} A quiz from Example Sports Physio")
    expect(iframe).to_have_attribute("loading", "lazy")
    expect(iframe).to_have_attribute("sandbox", SANDBOX)
    quiz = page.frame_locator("iframe")
    quiz.get_by_role("link", name="Start the quiz").click()
    path = first_path(TREE, "easy")
    for step, label in zip(path.steps, labels(TREE, path)):
        expect(quiz.get_by_role("heading", level=1)).to_have_text(TREE.questions[step.question].text)
        frame_fits(page)
        quiz.get_by_role("link", name=label, exact=True).click()
    expect(quiz.get_by_role("heading", level=1)).to_have_text(TREE.outcomes[path.outcome].title)
    frame_fits(page)
    quiz.get_by_role("button", name="Back").click()
    expect(quiz.get_by_role("heading", level=1)).to_have_text(TREE.questions[path.steps[-1].question].text)
    frame_fits(page)
    assert not problems, problems
    context.close()


@pytest.mark.browser
def test_a_message_from_anyone_but_the_frame_changes_nothing(embed_site, host, browser):
    page = partner_page(browser, host, embed_site[0])
    frame_fits(page)
    before = page.locator("iframe").evaluate("f => f.style.height")
    # the host page itself, pretending to be the frame
    page.evaluate("window.postMessage({type: 'slsr-quiz:height', height: 5000}, '*')")
    # another site's frame on the page, saying the same
    page.evaluate(f"""() => {{
        const f = document.createElement('iframe');
        f.src = 'data:text/html,<script>parent.postMessage({{type: "slsr-quiz:height", height: 4000}}, "*")<' + '/script>';
        document.body.append(f);
    }}""")
    page.wait_for_timeout(500)
    assert page.locator("iframe").first.evaluate("f => f.style.height") == before
    page.close()


@pytest.mark.browser
def test_two_quizzes_on_one_page_resize_on_their_own(embed_site, host, browser):
    site, _ = embed_site
    two = TREES["why-are-my-legs-sore"]
    first, second = snippet(site, TREE.id, "script").splitlines()[0], snippet(site, two.id, "script")
    host.pages["two"] = first + second
    page = browser.new_page(viewport={"width": 600, "height": 900})
    page.goto(host.url + "two")
    expect(page.locator("iframe")).to_have_count(2)
    frame_fits(page, 0)
    frame_fits(page, 1)
    heights = page.locator("iframe").evaluate_all("fs => fs.map(f => f.style.height)")
    page.frame_locator("iframe").nth(1).get_by_role("link", name="Start the quiz").click()
    frame_fits(page, 1)
    after = page.locator("iframe").evaluate_all("fs => fs.map(f => f.style.height)")
    assert after[0] == heights[0] and after[1] != heights[1], (heights, after)
    page.close()


@pytest.mark.browser
def test_the_plain_frame_works_without_the_loader_and_options_apply(embed_site, host, browser):
    site, _ = embed_site
    host.pages["iframe"] = snippet(site, TREE.id, "iframe")
    host.pages["options"] = snippet(site, TREE.id, "options")
    page = browser.new_page()
    page.goto(host.url + "iframe")
    quiz = page.frame_locator("iframe")
    quiz.get_by_role("link", name="Start the quiz").click()
    expect(quiz.get_by_role("heading", level=1)).to_have_text(TREE.questions[TREE.start].text)
    page.goto(host.url + "options")   # dark, and straight to the first question
    frame = page.frame_locator("iframe")
    expect(frame.get_by_role("heading", level=1)).to_have_text(TREE.questions[TREE.start].text)
    assert frame.locator("html").evaluate("h => h.dataset.theme") == "dark"
    page.close()


@pytest.mark.browser
def test_the_emergency_call_and_the_booking_leave_the_frame_for_a_new_tab(embed_site, host, browser):
    page = partner_page(browser, host, embed_site[0])
    quiz = page.frame_locator("iframe")
    quiz.get_by_role("link", name="Start the quiz").click()
    quiz.get_by_role("link", name=TREE.questions[TREE.start].answers[0].label, exact=True).click()
    call = quiz.get_by_role("link", name="Call 999")
    expect(call).to_have_attribute("href", "tel:999")
    expect(call).to_have_attribute("target", "_blank")
    booking = quiz.get_by_role("link", name="Book a follow-up visit")
    page.context.route("https://example.org/**", lambda route: route.fulfill(body="<title>Booking</title>Book"))
    with page.context.expect_page() as opened:
        booking.click()
    tab = opened.value
    tab.wait_for_load_state()
    assert tab.url == "https://example.org/book"
    # a tab of its own, free of the frame's sandbox (allow-popups-to-escape-sandbox)
    assert tab.evaluate("() => { try { localStorage.setItem('x', '1'); return true; } catch (e) { return false; } }")
    assert page.frame_locator("iframe").locator("body").evaluate(
        "() => { try { localStorage.length; return 'storage'; } catch (e) { return 'none'; } }") == "none"
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_the_frame_at_a_question_and_an_outcome(embed_site, browser, scheme):
    _, site_url = embed_site
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    failures = []
    page.goto(f"{site_url}quiz/{TREE.id}/embed/")
    for label in [None, *labels(TREE, first_path(TREE, "same-day"))]:
        if label:
            page.get_by_role("link", name=label, exact=True).click()
        else:
            page.get_by_role("link", name="Start the quiz").click()
        page.evaluate("() => Promise.all(document.getAnimations().map((a) => a.finished))")
        failures += [f"{page.locator('h1:visible').inner_text()}: {v['id']} {v['help']}"
                     for v in AXE.run(page).response["violations"]]
    context.close()
    assert not failures, "\n".join(failures)


@pytest.mark.browser
def test_without_javascript_the_frame_offers_the_quiz_on_the_clinics_site(embed_site, browser):
    _, site_url = embed_site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}quiz/{TREE.id}/embed/")
    start = page.get_by_role("link", name="Start the quiz")
    expect(start).to_have_attribute("href", f"{site_url}quiz/{TREE.id}/")
    expect(start).to_have_attribute("target", "_blank")
    context.close()


@pytest.mark.browser
def test_the_embed_help_page_previews_each_quiz_with_the_loader(embed_site, browser):
    _, site_url = embed_site
    page = browser.new_page()
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(f"{site_url}embed/")
    expect(page.locator(".slsr-embed-preview iframe")).to_have_count(len(TREES))
    for tree in TREES.values():
        expect(page.frame_locator(f'[data-slsr-quiz="{tree.id}"] iframe').get_by_role("heading", level=1)) \
            .to_have_text(tree.title)
    page.get_by_role("button", name="Copy the two lines").first.click()
    assert not errors, errors
    page.close()
