"""The articles teach what the content brief (shared/content-brief.md) asks,
on the page a reader would look for it, and nothing the brief forbids: each
seed fact is listed here, deliberately, and looked for in the built site."""
from __future__ import annotations

import functools
import re

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT

ARTICLES = sorted(p.relative_to(ROOT / "content").with_suffix("").as_posix()
                  for p in (ROOT / "content").rglob("*.md"))


def url_of(article: str) -> str:
    """content/causes/index.md -> causes/, content/faq.md -> faq/"""
    return article.removesuffix("index").removesuffix("/") + "/" if article != "index" else ""


@functools.cache
def _article(site, article: str) -> BeautifulSoup:
    doc = BeautifulSoup((site / url_of(article) / "index.html").read_text(encoding="utf-8"), "html.parser")
    body = doc.select_one("article")
    for extra in body.select(".headerlink, .md-content__button, .slsr-review, .slsr-disclaimer, .slsr-book-box"):
        extra.decompose()   # the page's own words only: not the parts every page shares
    return body


def text_of(site, article: str) -> str:
    return re.sub(r"\s+", " ", _article(site, article).get_text(" ")).strip()


# The brief's seed facts: (page, the fact as the brief gives it, words that must be on that page).
# Patterns are regular expressions, case-insensitive; "–" and "to" both read as a range.
R = r"(?:–| to )"
SEED_FACTS = [
    # The dangers added to the brief: where a reader looks when soreness is extreme or a race went badly
    ("sore-legs/what-is-doms", "rhabdomyolysis: the one cause of sore legs that needs hospital care, same day",
     [r"rhabdomyolysis", r"kidneys", r"dark pee|tea or cola", r"A&E or an urgent treatment centre"]),
    ("faq", "rhabdomyolysis, same day", [r"rhabdomyolysis", r"tea or cola", r"not tomorrow"]),
    ("faq", "confusion after a hot run or long race: emergency; heat headache that settled: rest",
     [r"confusion or muddled speech", r"heatstroke", r"sodium", r"drink to thirst"]),
    ("get-help/when-to-see-a-physio", "rhabdomyolysis and confusion after a run", [r"rhabdomyolysis", r"heatstroke"]),
    ("recovery/hydration-and-nutrition", "drinking far beyond thirst in a long race: low blood sodium",
     [r"sodium", r"heatstroke", r"confusion or muddled speech"]),
    # Delayed-onset muscle soreness
    ("sore-legs/what-is-doms", "DOMS is the ache in the day or two after exercise",
     [r"delayed-onset muscle soreness", r"day or two after exercise"]),
    ("sore-legs/what-is-doms", "most after a harder or different session",
     [r"harder than usual", r"different from your usual routine"]),
    ("sore-legs/what-is-doms", "one of the most common complaints, beginners and marathoners alike",
     [r"most common complaints of runners", r"beginners", r"marathons"]),
    ("sore-legs/what-is-doms", "mild soreness is normal; lingering soreness in quads, calves or hips has another cause",
     [r"mild ache is normal", r"thighs \(quads\), calves or hips", r"another cause"]),
    ("sore-legs/what-is-doms", "DOMS usually peaks one to three days after the run",
     [r"usually peaks one to three days after the run"]),
    # Causes of sore legs
    ("causes/repetitive-impact", "each stride loads muscles, joints and connective tissue",
     [r"muscles, your joints and the connective tissue"]),
    ("causes/repetitive-impact", "micro-tears in muscle fibres, whose repair makes muscles stronger",
     [r"micro-tears in your muscle fibres", r"repairs the tears", r"stronger"]),
    ("causes/repetitive-impact", "it hurts most beyond your usual distance or pace",
     [r"usual distance", r"usual pace"]),
    ("causes/uneven-surfaces", "roots and rocks work the smaller stabilising muscles, most of all the rarely used",
     [r"roots, rocks", r"balanced", r"stabilising muscles", r"rarely use"]),
    ("causes/overtraining", "probably the number-one cause of tired, sore legs",
     [r"probably the number-one cause of tired, sore legs"]),
    ("causes/overtraining", "without rest days progress stalls and injury risk rises",
     [r"rest days", r"progress stalls", r"risk of injury rises"]),
    ("causes/overtraining", "overuse injuries are 70–80% of running injuries: knee, ankle and foot, shin",
     [r"70–80% of running injuries", r"the knee, the ankle and foot, and the lower leg \(the shin\)"]),
    ("causes/overtraining", "fixes: rest days, not too much on too many days in a row, other training",
     [r"regular rest days", r"too many days in a row", r"other kinds of training"]),
    ("causes/worn-out-shoes", "replace shoes every 500–800 km (300–500 miles), common guidance",
     [r"common guidance is to replace running shoes every 500–800 km \(300–500 miles\)"]),
    ("causes/worn-out-shoes", "depends on the shoe, running style and surface",
     [r"depends on the shoe, on your running style and on the surface"]),
    ("causes/worn-out-shoes", "worn shoes are linked to shin splints and runner's knee",
     [r"linked to shin splints and to runner's knee"]),
    ("causes/wrong-shoes", "a running shop can analyse your gait and suggest a shoe",
     [r"running shop can analyse your gait", r"suggest a running shoe"]),
    ("causes/dehydration", "drink to thirst; replace electrolytes around long or hot runs",
     [r"drink to thirst", r"electrolytes", r"long runs, or runs in hot weather"]),
    ("causes/dehydration", "cramps: tired muscles are a more common cause than too little fluid",
     [r"cramps can come with too little fluid, but tired muscles are a more common cause"]),
    ("causes/new-or-returning-runners", "not running enough causes soreness, which fades with regular running",
     [r"not running enough is a cause of soreness", r"fades as you run regularly"]),
    ("causes/new-or-returning-runners", "build distance and speed gradually with a plan",
     [r"distance and your speed gradually, following a plan"]),
    ("causes/possible-injury", "if soreness persists, rest and recover; see a doctor or physio if it does not settle",
     [r"rest and recover before you run again", r"see a GP or a physiotherapist"]),
    # Why warm up
    ("warm-up/why-warm-up", "Fradkin, Zazryn & Smoliga, 2010, JSCR: systematic review with meta-analysis",
     [r"Fradkin, Zazryn and Smoliga", r"2010", r"Journal of Strength and Conditioning Research",
      r"systematic review with meta-analysis"]),
    ("warm-up/why-warm-up", "warming up improved performance in 79% of the criteria examined",
     [r"improved performance in 79% of the criteria"]),
    ("warm-up/why-warm-up", "more blood flow: oxygen and nutrients, less cramping and stiffness",
     [r"more blood", r"oxygen and nutrients", r"less cramping and stiffness"]),
    ("warm-up/why-warm-up", "warm muscles contract and relax more efficiently",
     [r"contract and relax more efficiently"]),
    ("warm-up/why-warm-up", "dynamic movement widens range of motion; synovial fluid; nervous system wakes up",
     [r"range of motion", r"synovial fluid", r"coordination"]),
    # How to warm up (the named drills come from issue 11; the brief gives no length, so the page names none)
    ("warm-up/how-to-warm-up", "dynamic stretches: leg swings and walking lunges, slow and controlled",
     [r"leg swings", r"walking lunges", r"slow and controlled"]),
    ("warm-up/how-to-warm-up", "gradual pace: a brisk walk or easy jog first",
     [r"brisk walk or an easy jog", r"gradually"]),
    ("warm-up/how-to-warm-up", "drills copy the running action",
     [r"copy parts of the running action", r"high knees", r"heel flicks", r"skipping"]),
    # Recovery
    ("recovery/cool-down", "cool-down: 5–15 minutes of easy walking and stretching",
     [rf"5{R}15 minutes", r"easy walking", r"stretches of your leg muscles"]),
    ("recovery/active-rest", "active rest: walking, swimming, easy cycling; low-impact",
     [r"low-impact", r"walking", r"swimming", r"easy cycling"]),
    ("recovery/stretching-and-foam-rolling", "gentle stretching keeps flexibility; foam rolling eases tightness",
     [r"gentle stretching keeps your muscles flexible", r"prevent stiffness", r"foam rolling after a run eases muscle tightness"]),
    ("recovery/compression", "compression can reduce swelling and support blood flow",
     [r"reduce swelling and support the blood flow"]),
    ("recovery/hydration-and-nutrition", "balanced diet with protein, vitamins and minerals; personal advice from a professional",
     [r"balanced diet", r"protein", r"vitamins and minerals", r"healthcare professional"]),
    # When to get help
    ("get-help/when-to-see-a-physio", "severe or persistent soreness: see a physio", [r"soreness that has not eased"]),
    ("get-help/shin-splints-vs-stress-fractures", "a physio can tell shin splints from stress fractures and plan",
     [r"shin splints", r"stress fracture", r"examine your leg", r"plan that suits you"]),
    # Questions runners ask
    ("faq", "mild soreness: generally yes, listening to your body", [r"usually yes", r"listen to your body"]),
    ("faq", "sharp pain or persisting discomfort: stop running and get it checked",
     [r"sharp or stabbing pain.{0,80}stop running and see a physiotherapist"]),
    ("faq", "tired legs: usually yes, but easier or shorter", [r"usually yes, but make the run easier or shorter"]),
    ("faq", "extreme fatigue, dizziness, weak and heavy muscles: rest today",
     [r"rest today if you feel dizzy or extremely tired, or if your muscles feel weak and heavy all over"]),
    ("faq", "a foot or leg that does not work properly is an injury sign",
     [r"gives way, your foot drags or slaps", r"numb", r"do not run and see a physiotherapist"]),
    ("faq", "feeling ill below the neck, explained", [r"chesty cough, aching all over and an upset stomach"]),
    # Warning signs, by how fast to act
    ("get-help/when-to-see-a-physio", "emergency: call 999",
     [r"call 999 now", r"chest pain", r"trouble breathing", r"fainted or collapsed",
      r"numbness in both legs", r"groin or bottom", r"controlling when you pee or poo",
      r"confusion or muddled speech after a run", r"hot skin", r"drank a lot"]),
    ("get-help/when-to-see-a-physio", "same day: possible blood clot, fainting or racing heart, fever with infection",
     [r"calf or thigh of one leg is swollen and painful", r"warm, or look red or darker", r"darker skin",
      r"blood clot", r"dark pee", r"tea or cola",
      r"racing or fluttering", r"wound that looks infected", r"NHS 111", r"coughing up blood"]),
    ("get-help/when-to-see-a-physio", "rest today: dizziness, extreme fatigue, fever or ill below the neck",
     [r"dizzy or extremely tired", r"fever or feel ill below the neck", r"rest today"]),
    ("get-help/when-to-see-a-physio", "injury signs: do not run and see a physio",
     [r"sharp or stabbing pain", r"builds as you run", r"limp", r"press on one spot of a bone",
      r"stress fracture", r"swelling or bruising", r"wakes you during the night", r"numbness or tingling",
      r"does not work properly"]),
    ("get-help/when-to-see-a-physio", "not a warning sign: ordinary soreness, peaking one to three days after",
     [r"dull ache in the muscles of both legs", r"eases as you warm up", r"walking stiffly",
      r"usually peaks one to three days after the run"]),
    # Rules physios commonly give runners
    ("get-help/when-to-see-a-physio", "pain up to 3 out of 10 that does not worsen and settles within hours",
     [r"3 out of 10", r"settled within a few hours"]),
    ("get-help/when-to-see-a-physio", "pain in one spot or on one side is more worrying",
     [r"pain in one spot, or on one side, is more of a worry"]),
    ("get-help/when-to-see-a-physio", "signs to ease off and review load, shoes and recovery",
     [r"hard to finish", rf"more than 2{R}3 days", r"unusually tired", r"how much you run"]),
]


@pytest.mark.parametrize("page, fact, patterns", SEED_FACTS, ids=[f"{p}: {f}" for p, f, _ in SEED_FACTS])
def test_seed_fact_is_on_its_page(site, page, fact, patterns):
    text = text_of(site, page)
    missing = [p for p in patterns if not re.search(p, text, re.I)]
    assert not missing, f"content/{page}.md should teach {fact!r}; not found: {missing}"


def test_every_article_is_checked_and_every_listed_page_exists():
    assert {page for page, _, _ in SEED_FACTS} <= set(ARTICLES)


# What the brief forbids -------------------------------------------------------

@pytest.mark.parametrize("article", ARTICLES)
def test_no_page_tells_runners_to_drink_more(site, article):
    """Drink to thirst: "drink more" or "drink a lot" advice is risky."""
    found = re.findall(r"\b(?:drink|drinking) (?:more|a lot|plenty|as much)\b[^.]*", text_of(site, article), re.I)
    assert not found, f"content/{article}.md: {found}"


def test_overuse_figure_is_a_figure_not_common_guidance(site):
    sentence = next(s for s in re.split(r"(?<=\.) ", text_of(site, "causes/overtraining")) if "70–80%" in s)
    assert "common guidance" not in sentence.lower() and "overuse injuries make up" in sentence.lower()


def test_the_one_study_is_named_only_where_the_brief_names_it(site):
    for article in ARTICLES:
        text = text_of(site, article)
        if article != "warm-up/why-warm-up":
            assert not re.search(r"\b(?:journal|et al|study found|researchers found)\b", text, re.I), article


# The shape of a page ----------------------------------------------------------

@pytest.mark.parametrize("article", ARTICLES)
def test_emergency_signs_are_inside_an_urgent_advice_box(site, article):
    """Wherever an article names an emergency sign, it is in a box titled "Urgent advice"."""
    for node in _article(site, article).find_all(string=re.compile(r"chest pain|call 999", re.I)):
        box = node.find_parent(class_="admonition")
        title = box.select_one(".admonition-title").get_text() if box else ""
        assert title.startswith("Urgent advice"), f"content/{article}.md names {node.strip()!r} outside an urgent box"


@pytest.mark.parametrize("article", ARTICLES)
def test_a_page_that_uses_a_figure_says_where_it_comes_from(site, article):
    body = BeautifulSoup(str(_article(site, article)), "html.parser")   # a copy: the cached page stays whole
    for urgent in body.select(".admonition.danger, .admonition.warning"):
        urgent.decompose()   # phone numbers and "the last few days", not figures
    text = re.sub(r"\s+", " ", body.get_text(" "))
    if re.search(r"\d", text):
        assert re.search(r"(?:^| )Sources: ", text), f"content/{article}.md uses a figure but has no Sources line"
