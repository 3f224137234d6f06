"""The home page is the clinic's front door: the "Should I run today?" quiz
first (its Start button above the fold on a small phone), the second quiz,
topic cards, and the clinic's phone and booking from extra.clinic."""
from __future__ import annotations

import pytest
import yaml

from conftest import ROOT, ConfigLoader, Axe, settle

pytestmark = pytest.mark.browser
PHONE = {"width": 375, "height": 667}
CLINIC = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader)["extra"]["clinic"]


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_quiz_start_button_is_above_the_fold_on_a_phone(browser, base_url, javascript):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(base_url)
    start = page.get_by_role("link", name="Start the quiz")
    box = start.bounding_box()
    assert box and box["y"] + box["height"] <= PHONE["height"], f"Start button ends at {box} on a 375x667 phone"
    start.click()
    assert page.url == base_url + "quiz/should-i-run-today/"
    assert page.get_by_role("heading", level=1).inner_text() == "Should I run today?"
    context.close()


def test_home_page_offers_the_second_quiz_the_topics_and_the_clinic(page, base_url):
    page.goto(base_url)
    article = page.locator("article")
    article.get_by_role("link", name="Why are my legs still sore?").click()
    assert page.url == base_url + "quiz/why-are-my-legs-sore/"
    page.go_back()
    topics = {"Sore legs": "sore-legs/what-is-doms/", "Warm up": "warm-up/how-to-warm-up/",
              "Recover": "recovery/", "Get help": "get-help/when-to-see-a-physio/"}
    for name, url in topics.items():
        card = article.get_by_role("heading", name=name, level=3)
        assert card.get_by_role("link", name=name, exact=True).get_attribute("href") == url
    book = article.get_by_role("link", name="Book a physio visit")
    assert book.get_attribute("href") == CLINIC["booking_url"]
    phone = article.get_by_role("link", name=CLINIC["phone"])
    assert phone.get_attribute("href") == f"tel:{CLINIC['phone_href']}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_home_page_has_zero_axe_violations_on_a_phone(browser, base_url, scheme):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url)
    settle(page)
    assert page.locator("body").get_attribute("data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
    violations = Axe().run(page).response["violations"]
    context.close()
    assert not violations, "\n".join(f"  {v['id']}: {v['help']} e.g. {v['nodes'][0]['target']}" for v in violations)
