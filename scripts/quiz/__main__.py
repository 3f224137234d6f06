"""Staff CLI: python -m scripts.quiz check|paths|graph [FILE ...]

check  validate the trees and list every problem (`make check`)
paths  print every path through each tree as a Markdown table, for sign-off (`make paths`)
graph  print each tree as a Mermaid flowchart

Without FILEs: every quiz/*.yml. Article links (and their #parts) are checked
against content/, rendered with mkdocs.yml's Markdown settings, as the build
does; the emergency number comes from mkdocs.yml (extra.clinic.emergency_number).
`check` also finds a quiz of quiz/ without a menu entry in mkdocs.yml's nav,
which fails the build (scripts/build/hooks/quiz.py on_nav, in the same words).
"""
from __future__ import annotations

import argparse
import posixpath
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

from scripts.build.front_matter import clinic_today

from . import scenarios as cases
from .compile import articles_in, compile_all, compile_files
from .errors import Problem, TreeError
from .model import Tree
from .pages import nav_problems
from .paths import markdown_table, to_mermaid

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.quiz",
                                     description="Check quiz trees and print them for clinical sign-off.")
    parser.add_argument("command", choices=["check", "paths", "graph"])
    parser.add_argument("files", nargs="*", type=Path, help="quiz files (default: every quiz/*.yml)")
    args = parser.parse_args(argv)
    config = site_config(ROOT / "mkdocs.yml")
    options = {"articles": articles_in(ROOT / "content", *markdown_settings(config)),
               "emergency_number": str(_get(config, "extra", "clinic", "emergency_number") or "999"),
               "today": clinic_today()}
    try:
        trees = compile_files(args.files, **options) if args.files else compile_all(ROOT / "quiz", **options)
        unlisted = missing_from_nav(config, trees) if args.command == "check" else []
        if unlisted:   # the build refuses these too
            raise TreeError(unlisted)
    except TreeError as error:   # a content mistake: the plain message, never a traceback
        print(error, file=sys.stderr)
        return 1
    if not trees:
        print("No quiz files found.", file=sys.stderr)
        return 1
    show = {"check": summary, "paths": markdown_table, "graph": to_mermaid}[args.command]
    print("\n".join(show(tree) for tree in trees), end="" if args.command != "check" else "\n")
    return 0


def summary(tree: Tree) -> str:
    sizes = [len(p.steps) for p in tree.paths]
    done = cases.walks(tree, Path(tree.source).parent)[0]
    gaps = cases.coverage(tree, done)
    missing = "; ".join(f"{kind}: {', '.join(items)}" for kind, items in gaps.items() if items)
    return (f"{tree.source}: OK ({len(tree.questions)} questions, {len(tree.outcomes)} outcomes, "
            f"{len(tree.paths)} routes of {min(sizes)} to {max(sizes)} questions; {len(done)} scenarios pass"
            + (f"; not yet in any scenario: {missing})" if missing else ")"))


def missing_from_nav(config: dict, trees: Iterable[Tree]) -> list[Problem]:
    """nav_problems for the trees the site is built from (quiz/*.yml: not test
    fixtures), as mkdocs.yml lists its pages. Without a nav, MkDocs lists every page."""
    if not isinstance(config.get("nav"), list):
        return []
    built = (ROOT / "quiz").resolve()
    return nav_problems([t for t in trees if Path(t.source).resolve().parent == built], set(nav_pages(config["nav"])))


def nav_pages(nav: object) -> Iterator[str]:
    """Every page path in a nav: `- page.md`, `- Title: page.md` and sections, at any depth."""
    if isinstance(nav, str):
        yield posixpath.normpath(nav)
    elif isinstance(nav, list):
        for item in nav:
            yield from nav_pages(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_pages(value)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, where tags like !!python/name: or !ENV mean nothing here."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_config(path: Path) -> dict:
    """mkdocs.yml as plain data ({} if it cannot be read: the build reports that)."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)   # noqa: S506 (safe subclass)
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _get(data: object, *keys: str) -> object:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def emergency_number(path: Path) -> str:
    return str(_get(site_config(path), "extra", "clinic", "emergency_number") or "999")


def markdown_settings(config: dict) -> tuple[list[str], dict]:
    """mkdocs.yml's markdown_extensions as Python-Markdown takes them: names, and
    the settings of those that have some (MkDocs adds toc and tables itself)."""
    names, settings = ["toc", "tables"], {}
    for item in _get(config, "markdown_extensions") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name not in names:
            names.append(name)
        if isinstance(options, dict):
            settings[name] = options
    return names, settings


if __name__ == "__main__":
    sys.exit(main())
