"""Review dates: who last checked each article and quiz, when, when it is due
again, and whether that day is near or past.

    make reviews        # or: python -m scripts.build.reviews [--today YYYY-MM-DD]

An overdue review never fails the build (it must not block an unrelated typo
fix); the staff page, the pull-request summary and this command show it. A
`reviewed` date in the future does fail the build (scripts/build/front_matter.py).
collect() and status() are pure, so the staff page and the tests use them too.
"""
from __future__ import annotations

import argparse
import datetime as dt
import functools
import sys
from dataclasses import dataclass
from pathlib import Path

from scripts.build.front_matter import REVIEW_FIELDS, clinic_today, review_fields
from scripts.quiz import TreeError, load

ROOT = Path(__file__).resolve().parents[2]
DUE_SOON_DAYS = 30

# Status id -> what staff read, most urgent first (the table's sort order).
STATUSES = {
    "unreadable": "Dates missing or not readable: `make build` says what to fix",
    "overdue": "Overdue",
    "due-soon": f"Due within {DUE_SOON_DAYS} days",
    "current": "Current",
}


@dataclass(frozen=True)
class Review:
    file: str                     # as staff know it: "content/faq.md", "quiz/should-i-run-today.yml"
    kind: str                     # "article" or "quiz"
    title: str
    reviewer: str
    reviewed: dt.date | None      # None when missing or not a date
    review_due: dt.date | None
    status: str                   # a key of STATUSES

    @property
    def status_text(self) -> str:
        return STATUSES[self.status]


def status(reviewed: dt.date | None, review_due: dt.date | None, today: dt.date) -> str:
    """"overdue" once review_due has passed, "due-soon" within DUE_SOON_DAYS of
    it (the day itself included), else "current"; "unreadable" without both dates."""
    if reviewed is None or review_due is None:
        return "unreadable"
    if review_due < today:
        return "overdue"
    if review_due <= today + dt.timedelta(days=DUE_SOON_DAYS):
        return "due-soon"
    return "current"


def collect(root: str | Path = ROOT, today: dt.date | None = None) -> list[Review]:
    """Every article (content/**/*.md) and quiz (quiz/*.yml) under root, the most
    urgent first, then by due date and file."""
    root, today = Path(root), today or clinic_today()
    articles, quizzes = sorted((root / "content").rglob("*.md")), sorted((root / "quiz").glob("*.yml"))
    # A build asks twice (the overdue note, the staff page): the files are read
    # once, and again only when one of them has changed.
    files = tuple((path, path.stat().st_mtime_ns, path.stat().st_size) for path in articles + quizzes)
    return list(_collect(root, today, files, len(articles)))


@functools.lru_cache(maxsize=8)
def _collect(root: Path, today: dt.date, files: tuple, article_count: int) -> tuple[Review, ...]:
    paths = [path for path, _, _ in files]
    found = [_review(path, root, "article", _article_fields(path), today) for path in paths[:article_count]]
    found += [_review(path, root, "quiz", quiz_fields(path), today) for path in paths[article_count:]]
    order = list(STATUSES)
    return tuple(sorted(found, key=lambda r: (order.index(r.status), r.review_due or dt.date.min, r.file)))


def table(reviews: list[Review]) -> str:
    """A Markdown table, for the terminal and the pull-request summary."""
    def cell(text: object) -> str:
        return " ".join(str(text).split()).replace("|", "\\|") or "-"

    lines = ["| Status | Page or quiz | Reviewer | Reviewed | Review due |", "|---|---|---|---|---|"]
    lines += [f"| {cell(r.status_text)} | {cell(r.title)} (`{r.file}`) | {cell(r.reviewer)} | "
              f"{cell(r.reviewed or '')} | {cell(r.review_due or '')} |" for r in reviews]
    return "\n".join(lines) + "\n"


def counts(reviews: list[Review]) -> str:
    """"22 articles and 2 quizzes: 1 overdue, 23 current" (the statuses that occur)."""
    kinds = " and ".join(f"{sum(r.kind == k for r in reviews)} {k}{'zes' if k == 'quiz' else 's'}"
                         for k in ("article", "quiz"))
    states = ", ".join(f"{n} {'with unreadable dates' if s == 'unreadable' else STATUSES[s].lower()}"
                       for s in STATUSES if (n := sum(r.status == s for r in reviews)))
    return f"{kinds}: {states or 'none found'}"


# Helpers ------------------------------------------------------------------

def _review(path: Path, root: Path, kind: str, fields: dict, today: dt.date) -> Review:
    reviewed, review_due = _date(fields.get("reviewed")), _date(fields.get("review_due"))
    return Review(file=path.relative_to(root).as_posix(), kind=kind, title=fields.get("title") or path.stem,
                  reviewer=fields.get("reviewer", ""), reviewed=reviewed, review_due=review_due,
                  status=status(reviewed, review_due, today))


def _article_fields(path: Path) -> dict:
    try:
        return review_fields(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return {}


def quiz_fields(path: Path) -> dict:
    """The title and review fields of a quiz file as typed ({} if it cannot be read)."""
    try:
        data, _ = load(path)   # the quiz's own reader: dates stay the text typed
    except TreeError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: str(data[key]).strip() for key in ("title", *REVIEW_FIELDS) if isinstance(data.get(key), str)}


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _day(text: str) -> dt.date:
    day = _date(text)
    if day is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2027-01-31")
    return day


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.build.reviews",
                                     description="List every article and quiz with its review dates.")
    parser.add_argument("--today", type=_day, help="count from this day (YYYY-MM-DD), not today")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    reviews = collect(args.root, args.today)
    print(table(reviews))
    print(f"{counts(reviews)}.")
    if any(r.status in ("overdue", "due-soon") for r in reviews):
        print("A physio checks each overdue page, then updates reviewed, reviewer and review_due "
              "(CONTRIBUTING.md, 'Review dates').")
    return 0   # overdue is news, not a failure: it must not block other work


if __name__ == "__main__":
    sys.exit(main())
