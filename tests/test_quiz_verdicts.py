"""One verdict table (scripts/quiz/verdicts.py): the schema, the README, the
stylesheet, the templates and the diagram all follow it."""
from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT
from scripts.quiz.diagram import VERDICT_FILLS
from scripts.quiz.model import VERDICTS as MODEL_VERDICTS
from scripts.quiz.verdicts import IDS, RUNNING, VERDICT_TABLE, WARNING_LEVELS

SCHEMA = json.loads((ROOT / "quiz" / "schema.json").read_text(encoding="utf-8"))
ICONS = next(ROOT.joinpath(".venv").glob("lib/python*/site-packages/material/templates/.icons/material"), None)


def test_the_schema_enums_are_the_verdict_table():
    defs = SCHEMA["$defs"]
    assert defs["outcome"]["properties"]["verdict"]["enum"] == list(IDS)
    assert defs["checklist"]["properties"]["warning"]["enum"] == list(WARNING_LEVELS)
    # and their hints list the same words, in the same order
    assert defs["outcome"]["properties"]["verdict"]["description"].endswith(", ".join(IDS) + ".")
    assert defs["checklist"]["properties"]["warning"]["description"].endswith(", ".join(WARNING_LEVELS) + ".")


def test_the_readme_table_is_the_verdict_table():
    readme = (ROOT / "quiz" / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## The seven verdicts\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z-]+)` \| (.+?) \| (.+?) \|$", section, re.M)
    assert rows == [(v.id, v.word, v.today) for v in VERDICT_TABLE]


def test_the_model_and_the_rules_read_the_same_table():
    assert MODEL_VERDICTS == IDS
    assert RUNNING == ("go", "easy")
    assert set(VERDICT_FILLS) == set(IDS) and len(set(VERDICT_FILLS.values())) == len(IDS)


def contrast(hex_a: str, hex_b: str) -> float:
    def luminance(hex_colour):
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    light, dark = sorted((luminance(hex_a), luminance(hex_b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("verdict", VERDICT_TABLE, ids=lambda v: v.id)
def test_each_badge_is_readable_and_has_its_own_colour_and_icon(verdict):
    assert contrast(verdict.colour, "#ffffff") >= 4.5
    assert contrast(verdict.fill, "#1b1b1b") >= 4.5
    assert [v.colour for v in VERDICT_TABLE].count(verdict.colour) == 1
    assert ICONS is not None and (ICONS / f"{verdict.icon}.svg").is_file(), verdict.icon


def test_the_built_stylesheet_carries_each_verdict_colour(site):
    css = (site / "assets" / "stylesheets" / "quiz.css").read_text(encoding="utf-8")
    for verdict in VERDICT_TABLE:
        assert f".md-typeset .slsr-verdict--{verdict.id}{{background:{verdict.colour}}}" in css
    source = (ROOT / "overrides" / "assets" / "stylesheets" / "quiz.css").read_text(encoding="utf-8")
    assert not re.search(r"slsr-verdict--[a-z]", source), "verdict colours belong in verdicts.py only"
