"""The pull request's summary for the reviewing physio (GitHub's job summary):
how to open the preview, the quiz routes that now end differently, the reading
grade of the changed pages, and the reviews that are overdue or due soon.

    python -m scripts.staff.pr_summary BASE_CHECKOUT >> "$GITHUB_STEP_SUMMARY"

BASE_CHECKOUT is a checkout of the branch the pull request goes into; the
changed version is the folder this runs in. Files are compared directly, so
git is not needed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from scripts.build import reviews
from scripts.staff import route_diff
from scripts.build.front_matter import review_fields
from scripts.quiz import TreeError, compile_all
from scripts.staff.readability import MAX_GRADE, MIN_GRADE, advice, grade

ROOT = Path(__file__).resolve().parents[2]
ARTIFACT = "site-preview"    # the name .github/workflows/ci.yml uploads the preview under


def changed(base: Path, head: Path, pattern: str) -> list[str]:
    """Files matching pattern that are new or different in head, from the top folder."""
    found = []
    for path in sorted(head.glob(pattern)):
        rel = path.relative_to(head).as_posix()
        old = base / rel
        if not old.is_file() or old.read_bytes() != path.read_bytes():
            found.append(rel)
    return found


def preview_section(env: dict[str, str]) -> str:
    run = ""
    if env.get("GITHUB_RUN_ID"):
        url = f"{env.get('GITHUB_SERVER_URL', 'https://github.com')}/{env.get('GITHUB_REPOSITORY')}/actions/runs/{env['GITHUB_RUN_ID']}"
        run = f" of [this check's page]({url})"
    return "\n".join([
        "## Preview", "",
        f"1. Download **{ARTIFACT}** from the *Artifacts* list at the bottom{run}.",
        "2. Unzip it and double-click `index.html`: the site opens in your browser, as readers will see it "
        "(plus an *Edit this page* pencil on each page, for staff).",
        "   (Opened from your computer, search does not work, and the quiz runs without JavaScript: "
        "a new page for each answer, as for a reader with JavaScript off.)", ""])


def routes_section(base: Path, head: Path) -> str:
    try:
        before, after = compile_all(base / "quiz", articles=None), compile_all(head / "quiz", articles=None)
    except TreeError as error:
        return (f"{route_diff.HEADING}\n\nThe quizzes cannot be compared until they build; "
                f"the check's log shows why:\n\n```text\n{error}\n```\n")
    boxes = route_diff.box_report(route_diff.box_changes(base / "quiz", head / "quiz"))
    return route_diff.report(route_diff.diff(before, after), route_diff.verdict_order()) + "\n" + boxes


def pages_section(base: Path, head: Path) -> str:
    pages = changed(base, head, "content/**/*.md")
    # An article whose urgent-advice box changed reads differently too, though its file did not change.
    pages += [a for box in route_diff.box_changes(base / "quiz", head / "quiz") for a in box.articles if a not in pages]
    quizzes = changed(base, head, "quiz/*.yml") + changed(base, head, "quiz/scenarios/*.yml")
    lines = ["## Changed pages", ""]
    if not pages and not quizzes:
        return "\n".join(lines + ["No article or quiz changed.", ""])
    lines += [f"Reading grade: {MIN_GRADE:g} to {MAX_GRADE:g} (Flesch-Kincaid). Review dates: a physio who checked "
              "the change updates `reviewed`, `reviewer` and `review_due`.", "",
              "| File | Reading grade | Review dates |", "|---|---|---|"]
    for rel in pages + quizzes:
        text = (head / rel).read_text(encoding="utf-8-sig")
        level = grade(text) if rel.endswith(".md") else None
        # Too hard and too choppy are both flagged, in the test's own words.
        shown = "-" if level is None else f"{level:.1f}" + (f" ⚠️ {advice(level)}" if advice(level) else "")
        lines.append(f"| `{rel}` | {shown} | {_review_note(base / rel, head / rel)} |")
    return "\n".join(lines + [""])


def reviews_section(head: Path, today: dt.date | None) -> str:
    found = [r for r in reviews.collect(head, today) if r.status != "current"]
    lines = ["## Reviews overdue or due soon", ""]
    if not found:
        return "\n".join(lines + ["None: every article and quiz is within its review date.", ""])
    return "\n".join(lines + ["These do not block this change; `make reviews` lists them all.", "",
                              reviews.table(found)])


def summary(base: Path, head: Path, today: dt.date | None = None, env: dict[str, str] | None = None) -> str:
    return "\n".join([preview_section(os.environ if env is None else env), routes_section(base, head),
                      pages_section(base, head), reviews_section(head, today)])


# Helpers ------------------------------------------------------------------

def _review_note(old: Path, new: Path) -> str:
    if new.parent.name == "scenarios":   # the clinic's test cases are signed off with their quiz
        return "signed off with its quiz"
    after = _fields(new)
    if not old.is_file():
        return f"new: reviewed {after.get('reviewed', '?')} by {after.get('reviewer', '?')}"
    before = _fields(old)
    if after.get("reviewed") == before.get("reviewed"):
        return f"⚠️ not updated (reviewed {after.get('reviewed', '?')})"
    return f"updated: reviewed {after.get('reviewed', '?')} by {after.get('reviewer', '?')}"


def _fields(path: Path) -> dict:
    if path.suffix == ".md":
        return review_fields(path.read_text(encoding="utf-8-sig"))
    return reviews.quiz_fields(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.staff.pr_summary",
                                     description="Markdown summary of a pull request for the reviewing physio.")
    parser.add_argument("base", type=Path, help="a checkout of the branch the pull request goes into")
    args = parser.parse_args(argv)
    if not (args.base / "quiz").is_dir():
        print(f"{args.base} is not a checkout of this project (it has no quiz/ folder).", file=sys.stderr)
        return 2
    print(summary(args.base, ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
