"""Synthetic content for the benchmarks (scripts/measure/bench.py): a library of
articles of any size, and quiz trees of three shapes. Deterministic, so two
runs (and this site and stock Material in one run) build the same input.

Articles are grouped as a real library of that size would be: sections of
topics of ARTICLES_PER_TOPIC articles each, every one with valid front matter,
a few headings and links to its neighbours.
"""
from __future__ import annotations

from pathlib import Path

ARTICLES_PER_TOPIC = 10
TOPICS_PER_SECTION = 15
FOLDER = "library"

_WORDS = ("runner calf shin knee hip ankle foot stride pace hill trail road track session rest stretch "
          "walk jog warm cool soreness muscle tendon shoe plan week distance speed recovery sleep drink").split()


def library(docs: Path, articles: int) -> list:
    """Write `articles` articles under docs/library/; return their nav entries
    (a list for mkdocs.yml's `nav:`), sections of topics of articles."""
    nav: list = []
    for n in range(articles):
        section, topic, item = _place(n)
        path = _path(n)
        file = docs / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(_article(n, articles), encoding="utf-8")
        if item == 0 and topic == 0:
            nav.append({f"Section {section + 1}": []})
        topics = nav[-1][f"Section {section + 1}"]
        if item == 0:
            topics.append({f"Topic {section + 1}.{topic + 1}": []})
        topics[-1][f"Topic {section + 1}.{topic + 1}"].append(path)
    return nav


def _place(n: int) -> tuple[int, int, int]:
    """Article n's section, topic and place in its topic."""
    per_section = ARTICLES_PER_TOPIC * TOPICS_PER_SECTION
    return n // per_section, n // ARTICLES_PER_TOPIC % TOPICS_PER_SECTION, n % ARTICLES_PER_TOPIC


def _path(n: int) -> str:
    section, topic, item = _place(n)
    return f"{FOLDER}/s{section:02d}/t{topic:02d}/a{item:02d}.md"


def _article(n: int, total: int) -> str:
    words = [_WORDS[(n * 7 + i * 3) % len(_WORDS)] for i in range(60)]
    sentence = lambda start: " ".join(words[start:start + 12]).capitalize() + "."  # noqa: E731
    paragraph = " ".join(sentence(s) for s in range(0, 48, 12))
    link = "../../" + _path((n + 1) % total).removeprefix(FOLDER + "/")   # from library/sNN/tNN/
    return (f"---\ntitle: Library article {n + 1}\n"
            f"description: Synthetic article {n + 1} of {total}, for measuring how the build grows with the site.\n"
            "reviewed: 2026-11-20\nreviewer: Sam Lee, physiotherapist\nreview_due: 2027-05-20\n---\n\n"
            f"# Library article {n + 1}\n\n{paragraph}\n\n## What helps\n\n{paragraph}\n\n"
            f"- {sentence(0)}\n- {sentence(12)}\n- {sentence(24)}\n\n## Read next\n\n"
            f"{paragraph} Read [the next article]({link}).\n")


# Trees ---------------------------------------------------------------------

_HEAD = """id: {id}
title: Synthetic {shape} tree
intro: A tree made by scripts/measure/synthetic.py for the benchmarks.
reviewed: "2026-11-20"
reviewer: Sam Lee, physiotherapist
review_due: "2027-05-20"
start: emergency
questions:
  emergency:
    text: Do you have any of these right now?
    warning: urgent
    signs:
      - Chest pain
      - Trouble breathing
    if_yes: call-999
    if_no: q0
"""
_URGENT = """  call-999:
    title: Call 999 now
    verdict: urgent
    body: "**Call 999 now.**"
"""
MAX_ANSWERS = 8   # what the format allows on one screen


def tree(shape: str, size: int) -> str:
    """A valid tree of one shape, as YAML, after one warning-sign checklist:
    - "deep": a chain of `size` questions, each with a way out to "rest";
    - "wide": a question of 8 answers, each to a question of `size` (at most 8)
      answers, each its own outcome: 8 x size outcomes;
    - "merging": `size` questions in a row whose four answers all lead on, so
      4**size routes share size pages."""
    questions: list[str] = []
    outcomes = [_URGENT]
    if shape == "deep":
        for i in range(size):
            questions.append(_question(f"q{i}", [("Fine", f"q{i + 1}" if i + 1 < size else "go"), ("Sore", "rest")]))
        outcomes += [_outcome("rest", "rest"), _outcome("go", "go")]
    elif shape == "wide":
        questions.append(_question("q0", [(f"Group {g + 1}", f"g{g}") for g in range(MAX_ANSWERS)]))
        for g in range(MAX_ANSWERS):
            questions.append(_question(f"g{g}", [(f"Answer {i + 1}", f"o{g}-{i}") for i in range(min(size, MAX_ANSWERS))]))
            outcomes += [_outcome(f"o{g}-{i}", "easy") for i in range(min(size, MAX_ANSWERS))]
    elif shape == "merging":
        for i in range(size):
            nxt = f"q{i + 1}" if i + 1 < size else "go"
            questions.append(_question(f"q{i}", [("Not at all", nxt), ("A little", nxt), ("Some", nxt),
                                                 ("A lot", nxt)]))
        outcomes.append(_outcome("go", "go"))
    else:
        raise ValueError(f"unknown shape {shape!r}")
    return _HEAD.format(id=f"bench-{shape}", shape=shape) + "".join(questions) + "outcomes:\n" + "".join(outcomes)


def _question(qid: str, answers: list[tuple[str, str]]) -> str:
    rows = "".join(f"      - label: {label}\n        next: {nxt}\n" for label, nxt in answers)
    return f"  {qid}:\n    text: Question {qid}?\n    answers:\n{rows}"


def _outcome(oid: str, verdict: str) -> str:
    return f"  {oid}:\n    title: Outcome {oid}\n    verdict: {verdict}\n    body: Advice for {oid}.\n"
