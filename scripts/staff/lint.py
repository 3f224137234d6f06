"""Spelling and Markdown style of what readers and staff read, each problem
with its file, line and what to do.

    make lint       # or: python -m scripts.staff.lint [FILE ...]

Spelling: codespell, with our list of misspelt running and medical words and
American spellings (spelling/mistakes.txt; settings in .codespellrc).
Markdown: pymarkdownlnt, with the rules that clash with Material's own
Markdown (admonitions, grid cards) switched off in .pymarkdown.
Both run in `make lint` (CI runs it first, so a pull request lists every
problem plainly) and in `make test` (tests/test_lint.py, failing with report()).
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

from pymarkdown.api import PyMarkdownApi, PyMarkdownApiException

from scripts.quiz.errors import Problem

ROOT = Path(__file__).resolve().parents[2]

# What each check reads by default (glob patterns from the top folder).
SPELLING = ("content/**/*.md", "quiz/*.yml", "quiz/README.md", "overrides/**/*.html", "mkdocs.yml",
            "README.md", "CONTRIBUTING.md", "HAZARD-LOG.md", ".github/pull_request_template.md")
MARKDOWN = ("content/**/*.md", "README.md", "CONTRIBUTING.md", "HAZARD-LOG.md", "quiz/README.md")

WORD_LIST = "spelling/words.txt"
AMERICAN = ROOT / "spelling" / "american.txt"    # "color->colour": the site spells British
# Rule id -> what to do, for the rules a page is most likely to break.
MARKDOWN_FIXES = {
    "MD001": "Go down one heading level at a time: after ## comes ###, not ####.",
    "MD003": "Write headings with # marks at the start of the line, e.g. ## Why warm up?",
    "MD004": "Start every item of a list with the same mark, a hyphen (-).",
    "MD005": "Indent the items of one list by the same number of spaces.",
    "MD007": "Indent a list inside a list by 4 spaces.",
    "MD009": "Remove the spaces at the end of the line.",
    "MD010": "Use spaces, not tabs.",
    "MD012": "Leave one empty line, not two or more.",
    "MD018": "Put a space after the # marks of the heading.",
    "MD019": "Put one space, not more, after the # marks of the heading.",
    "MD022": "Leave an empty line above and below the heading.",
    "MD023": "Start the heading at the beginning of the line.",
    "MD024": "Give the heading other words: two headings side by side have the same ones.",
    "MD025": "Keep one # heading (the page's title) and make the others ## headings.",
    "MD026": "Remove the full stop, comma or colon at the end of the heading.",
    "MD029": "Number the list 1. 2. 3. in order.",
    "MD030": "Put one space after the list mark (- or 1.).",
    "MD031": "Leave an empty line before and after the ``` block.",
    "MD032": "Leave an empty line before and after the list.",
    "MD034": "Make the web address a link with words: [the NHS page on shin splints](https://...).",
    "MD036": "Use a ## heading instead of a line in bold or italics.",
    "MD037": "Remove the spaces just inside the * or ** marks.",
    "MD038": "Remove the spaces just inside the ` marks.",
    "MD039": "Remove the spaces just inside the [ ] of the link.",
    "MD040": "Name the kind of text after the opening ```, e.g. ```yaml or ```text.",
    "MD041": "Start the page, after the front matter, with its # heading.",
    "MD042": "Put the address of the link in its ( ).",
    "MD045": "Describe the picture in the [ ] of ![...](...), for readers who cannot see it.",
    "MD047": "End the file with one empty line.",
    "MD051": "The #part after the link does not match a heading of the page: copy it from the heading's link.",
    "MD059": 'Say where the link goes, e.g. "read about cool-downs", not "here" or "link".',
}
_CODESPELL = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<word>.+?) ==> (?P<fix>[^|]+?)(?: \| (?P<why>.*))?$")


def files(patterns: tuple[str, ...], root: Path = ROOT) -> list[Path]:
    return sorted({path for pattern in patterns for path in root.glob(pattern) if path.is_file()})


def spelling(paths: list[Path], root: Path = ROOT) -> list[Problem]:
    """Every misspelt word, with the fix codespell knows."""
    if not paths:
        return []
    result = subprocess.run([sys.executable, "-m", "codespell_lib", *map(str, paths)], cwd=root,
                            capture_output=True, text=True)
    if result.returncode not in (0, 65):   # 65: it found mistakes; anything else: it could not run
        raise RuntimeError(f"codespell could not run:\n{result.stdout}{result.stderr}")
    american = {line.split("->")[0] for line in AMERICAN.read_text(encoding="utf-8").split()}
    problems = []
    for line in result.stdout.splitlines():
        if not (match := _CODESPELL.match(line)):
            continue
        kind = "American spelling: this site uses British" if match["word"].lower() in american else "misspelt"
        fixes = [f'"{fix.strip()}"' for fix in match["fix"].split(",") if fix.strip()]
        write = f"Write {fixes[0]}" if len(fixes) == 1 else f"Write one of {', '.join(fixes)}"
        why = f" ({match['why'].strip()})" if match["why"] else ""
        problems.append(Problem(_shown(Path(match["file"]), root), int(match["line"]),
                                f'"{match["word"]}" is {kind}{why}.',
                                f"{write}. If the word is right, add it to {WORD_LIST}."))
    return problems


def markdown_style(paths: list[Path], root: Path = ROOT) -> list[Problem]:
    """Every Markdown style problem, with what to do about it."""
    api = PyMarkdownApi().configuration_file_path(str(root / ".pymarkdown")).enable_strict_configuration()
    problems = []
    for path in paths:
        try:
            failures = api.scan_path(str(path)).scan_failures
        except PyMarkdownApiException as error:   # e.g. a file it cannot read
            problems.append(Problem(_shown(path, root), None, f"could not be checked ({error}).", ""))
            continue
        for failure in failures:
            extra = f" {failure.extra_error_information.strip()}" if failure.extra_error_information else ""
            name = failure.rule_name.split(",")[0]
            fix = MARKDOWN_FIXES.get(failure.rule_id.upper(), "What the rule asks: https://pymarkdown.readthedocs"
                                     f".io/en/latest/plugins/rule_{failure.rule_id.lower()}/")
            problems.append(Problem(_shown(path, root), failure.line_number,
                                    f"{failure.rule_description.rstrip('.')}{extra} ({failure.rule_id} {name}).",
                                    fix))
    return problems


def report(problems: list[Problem]) -> str:
    """Every problem on a line of its own (file:line, what is wrong, what to
    write), in file and line order, then what to do: what a failed lint test says."""
    count = len(problems)
    return "\n".join([f"{count} problem{'s' if count != 1 else ''} in spelling and Markdown style:",
                      *map(str, ordered(problems)),
                      "Fix each one in its file, at the line number after the colon. "
                      "`make lint` checks again on your computer."])


def ordered(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.file, p.line or 0))


def _shown(path: Path, root: Path) -> str:
    path = path if path.is_absolute() else root / path
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.staff.lint",
                                     description="Check the spelling and Markdown style of the site's text.")
    parser.add_argument("paths", nargs="*", type=Path, help="files to check (default: the site's text and guides)")
    args = parser.parse_args(argv)
    missing = [p for p in args.paths if not p.is_file()]
    if missing:
        print(f"No such file: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    chosen = [p.resolve() for p in args.paths]
    spelt = chosen or files(SPELLING)
    styled = [p for p in chosen if p.suffix == ".md"] if chosen else files(MARKDOWN)
    problems = spelling(spelt) + markdown_style(styled)
    for problem in ordered(problems):
        print(problem)
    count = len(problems)
    print(f"{count} problem{'s' if count != 1 else ''} in spelling and Markdown style "
          f"({len(spelt)} files spell-checked, {len(styled)} style-checked).", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
