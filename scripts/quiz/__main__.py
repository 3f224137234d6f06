"""Staff CLI: python -m scripts.quiz check|paths|graph [FILE ...]

check  validate the trees and list every problem (`make check`)
paths  print every path through each tree as a Markdown table, for sign-off (`make paths`)
graph  print each tree as a Mermaid flowchart

Without FILEs: every quiz/*.yml. Article links are checked against content/;
the emergency number comes from mkdocs.yml (extra.clinic.emergency_number).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from .compile import articles_in, compile_all, compile_files
from .errors import TreeError
from .model import Tree
from .paths import markdown_table, to_mermaid

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.quiz",
                                     description="Check quiz trees and print them for clinical sign-off.")
    parser.add_argument("command", choices=["check", "paths", "graph"])
    parser.add_argument("files", nargs="*", type=Path, help="quiz files (default: every quiz/*.yml)")
    args = parser.parse_args(argv)
    options = {"articles": articles_in(ROOT / "content"), "emergency_number": emergency_number(ROOT / "mkdocs.yml")}
    try:
        trees = compile_files(args.files, **options) if args.files else compile_all(ROOT / "quiz", **options)
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
    return (f"{tree.source}: OK ({len(tree.questions)} questions, {len(tree.outcomes)} outcomes, "
            f"{len(tree.paths)} paths)")


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, where tags like !!python/name: or !ENV mean nothing here."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def emergency_number(config: Path) -> str:
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)   # noqa: S506 (safe subclass)
        return str(data["extra"]["clinic"]["emergency_number"])
    except (OSError, yaml.YAMLError, KeyError, TypeError):
        return "999"


if __name__ == "__main__":
    sys.exit(main())
