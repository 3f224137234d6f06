"""The staff's documents: the guide and the hazard log are linked where staff
look, the pull-request template holds the sign-off checklist, CODEOWNERS asks
a clinical reviewer, and the hazard log is complete and consistent."""
from __future__ import annotations

import re

from conftest import ROOT

LOG = (ROOT / "HAZARD-LOG.md").read_text(encoding="utf-8")
FIELDS = ("Cause", "Effect", "Harm", "Severity", "Likelihood before controls", "Controls",
          "Likelihood with controls", "Status")
SEVERITIES = ("Minor", "Significant", "Considerable", "Major", "Catastrophic")
LIKELIHOODS = ("Very low", "Low", "Medium", "High", "Very high")


def links(path: str) -> set[str]:
    """Link targets of a Markdown file, leaving out the examples in code."""
    text = re.sub(r"^ *```.*?^ *```", "", (ROOT / path).read_text(encoding="utf-8"), flags=re.S | re.M)
    return set(re.findall(r"\]\(([^)#]+)", re.sub(r"`[^`]*`", "", text)))


def test_guide_and_hazard_log_are_linked_where_staff_look():
    assert {"CONTRIBUTING.md", "HAZARD-LOG.md"} <= links("README.md")
    assert {"HAZARD-LOG.md", "quiz/README.md", ".github/CODEOWNERS"} <= links("CONTRIBUTING.md")
    for target in links("CONTRIBUTING.md") | links("README.md"):
        assert target.startswith("http") or (ROOT / target).exists(), target


def test_codeowners_ask_the_clinical_team_named_in_the_guide():
    rules = dict(line.split() for line in (ROOT / ".github" / "CODEOWNERS").read_text().splitlines()
                 if line.strip() and not line.startswith("#"))
    team = rules["/content/"]
    assert re.fullmatch(r"@[\w-]+/[\w-]+", team) and rules["/quiz/"] == team
    assert f"`{team}`" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_codeowners_ask_the_clinical_team_for_everything_clinical():
    """Not only articles and quizzes: the shared 999 and warning-sign boxes, the
    emergency number, the verdicts and safety rules, the log, and .github/ (so
    the rule, the checks and the checklist cannot be changed without them)."""
    rules = dict(line.split() for line in (ROOT / ".github" / "CODEOWNERS").read_text().splitlines()
                 if line.strip() and not line.startswith("#"))
    clinical = ("/mkdocs.yml", "/scripts/quiz/verdicts.py", "/scripts/quiz/safety.py",
                "/HAZARD-LOG.md", "/.github/")
    assert {path: rules.get(path) for path in clinical} == {path: rules["/content/"] for path in clinical}
    for path in rules:
        assert (ROOT / path.strip("/")).exists(), f".github/CODEOWNERS names {path}, which does not exist"
    controls = hazards()["H8. Content is changed without clinical review"]["Controls"]
    assert all(f"`{path.strip('/')}" in controls for path in clinical if path != "/HAZARD-LOG.md")


def test_pull_request_template_has_the_sign_off_checklist():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] \*\*(.+?)\*\*", template, re.M)
    assert boxes == ["Facts checked", "Reading level", "Path table reviewed", "Review fields updated",
                     "Hazard log checked"]


def hazards() -> dict[str, dict[str, str]]:
    found = {}
    for title, body in re.findall(r"^### (H\d+\. .+?)\n(.*?)(?=^### |\Z)", LOG, re.S | re.M):
        found[title] = dict(re.findall(r"^\| (.+?) \| (.+?) \|$", body, re.M))
    return found


def matrix() -> dict[tuple[str, str], int]:
    rows = re.findall(r"^\| (Very high|High|Medium|Low|Very low) \| (\d) \| (\d) \| (\d) \| (\d) \| (\d) \|$", LOG, re.M)
    assert len(rows) == 5
    return {(likelihood, severity): int(risk) for likelihood, *risks in rows
            for severity, risk in zip(SEVERITIES, risks)}


def test_every_hazard_has_every_field_and_ratings_that_follow_the_matrix():
    table, found = matrix(), hazards()
    assert len(found) >= 8
    for title, entry in found.items():
        assert all(entry.get(field) for field in FIELDS), f"{title}: missing {set(FIELDS) - set(entry)}"
        severity = entry["Severity"]
        assert severity in SEVERITIES, title
        for field in ("Likelihood before controls", "Likelihood with controls"):
            likelihood, risk = re.match(r"(Very low|Low|Medium|High|Very high) \(risk (\d)", entry[field]).groups()
            assert table[likelihood, severity] == int(risk), f"{title}: {field} is risk {table[likelihood, severity]}"


def test_controls_name_files_that_exist():
    named = set(re.findall(r"`((?:\.github|scripts|tests|quiz|content)/[^`]*|mkdocs\.yml)`", LOG))
    assert {".github/CODEOWNERS", "scripts/build/front_matter.py", "quiz/README.md", "quiz/checklists.yml",
            "scripts/quiz/safety.py"} <= named
    for path in named:
        if not path.endswith("/"):
            assert (ROOT / path).exists(), f"HAZARD-LOG.md names {path}, which does not exist"
