"""The 404 page: served at any wrong address, it offers a way on (search, the
home page, the quizzes), its links work from any depth, and axe finds nothing."""
from __future__ import annotations

import pytest

from conftest import Axe, settle

pytestmark = pytest.mark.browser
WRONG = "causes/no-such-page/"   # two folders deep: relative links would break here


def test_wrong_address_offers_home_and_the_quiz(page, base_url):
    response = page.goto(base_url + WRONG)
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Sorry, we cannot find that page"
    assert page.get_by_text("use the search button").is_visible()
    page.get_by_role("link", name="Go to the home page").click()
    assert page.url == base_url
    page.go_back()
    page.get_by_role("link", name="Take the quiz: Should I run today?").click()
    assert page.url == base_url + "quiz/should-i-run-today/"
    page.go_back()
    page.get_by_role("link", name="Take the quiz: Why are my legs still sore?").click()
    assert page.url == base_url + "quiz/why-are-my-legs-sore/"


def test_search_hint_is_hidden_without_javascript(browser, base_url):
    """Material hides its search without JavaScript, so the page does not point at it."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + WRONG)
    assert page.get_by_role("link", name="Go to the home page").is_visible()
    assert not page.get_by_text("use the search button").is_visible()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_404_page_has_zero_axe_violations(browser, base_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + WRONG)
    settle(page)
    violations = Axe().run(page).response["violations"]
    context.close()
    assert not violations, "\n".join(f"  {v['id']}: {v['help']} e.g. {v['nodes'][0]['target']}" for v in violations)
