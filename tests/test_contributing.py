"""CONTRIBUTING.md quotes what the checks really print. Every ```text
from-the-build block in it must appear, line for line, in the output of a
build (or `make lint`) of a copy of the site with the guide's mistakes made,
so the guide cannot drift from the messages."""
from __future__ import annotations

import concurrent.futures
import functools
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_once, mkdocs_build, offline_env, project_copy

GUIDE = ROOT / "CONTRIBUTING.md"
QUOTED = re.compile(r"^```text from-the-build\n(.*?)^```$", re.S | re.M)

GOOD = """---
title: {title}
description: {description}
reviewed: {reviewed}
reviewer: Sam Lee, physiotherapist
review_due: {due}
---

# {title}

{body}
"""


def page(project: Path, path: str, title: str = "Shin pain", reviewed: str = "2026-11-20",
         due: str = "2027-05-20", body: str = "Some words.", description: str = "") -> Path:
    description = description or "What shin pain after running can mean, and when to see a physio about it."
    target = project / "content" / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(GOOD.format(title=title, description=description, reviewed=reviewed, due=due, body=body),
                      encoding="utf-8")
    return target


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r} not found: update tests/test_contributing.py"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def front_matter_mistakes(project: Path) -> None:
    replace(page(project, "shin-pain.md"), "reviewer:", "reviwer:")
    page(project, "new-article.md", reviewed="20/11/2026")
    replace(page(project, "hamstrings.md"), "title: Shin pain", "title: Tight hamstrings: what helps")
    page(project, "calf-pain.md", reviewed="2099-11-20", due="2100-05-20")
    page(project, "knee-pain.md", reviewed="2026-11-20", due="2026-05-20")
    page(project, "ankle-pain.md", description="Ankle pain.")


def link_and_menu_mistakes(project: Path) -> None:
    page(project, "get-help/shin-pain.md", body="Read about [shin splints](../causes/shin-splints.md) and "
                                                "[the warning signs](when-to-see-a-physio.md#red-flag-signs).")
    faq = project / "content" / "faq.md"
    text = faq.read_text(encoding="utf-8")
    text = re.sub(r"^reviewed: .*$", "reviewed: 2025-01-06", text, count=1, flags=re.M)
    faq.write_text(re.sub(r"^review_due: .*$", "review_due: 2025-07-06", text, count=1, flags=re.M),
                   encoding="utf-8")


def quiz_mistake(project: Path) -> None:
    tree = project / "quiz" / "sore-legs-check.yml"
    shutil.copy(ROOT / "tests" / "fixtures" / "route_diff" / "head" / "legs.yml", tree)
    replace(tree, "id: legs", "id: sore-legs-check")
    replace(tree, "next: cross-train", "next: cross-trian")


# The menu mistakes of the guide's "The menu" section, each on the line that adds
# a new article under "Recover" (one build each: a YAML mistake stops the rest).
MENU_LINE = "      - recovery/cool-down.md\n"


def menu(project: Path, line: str) -> None:
    page(project, "recovery/tight-hamstrings.md", title="Tight hamstrings")
    replace(project / "mkdocs.yml", MENU_LINE, MENU_LINE + line)


def menu_name_mistyped(project: Path) -> None:
    menu(project, "      - recovery/tight-hamstring.md\n")


def menu_line_too_far_right(project: Path) -> None:
    menu(project, "        - recovery/tight-hamstrings.md\n")


def menu_line_too_far_left(project: Path) -> None:
    menu(project, "    - recovery/tight-hamstrings.md\n")


def menu_tab(project: Path) -> None:
    menu(project, "\t  - recovery/tight-hamstrings.md\n")


def lint_mistakes(project: Path) -> list[str]:
    page(project, "warm-up/strides.md", title="Strides", body="Strides are a good excercise after an easy run.\n\n"
                                                               "To book, click [here](https://example.org/book).")
    return ["content/warm-up/strides.md"]


HARD = ("Notwithstanding considerable interindividual variability, musculoskeletal adaptations consequent upon "
        "unaccustomed eccentric exercise predominantly manifest as delayed-onset myalgia.")


def build_with(make, folder: Path) -> list[str]:
    """What `mkdocs build` prints for a copy of the site with `make`'s mistakes."""
    folder.mkdir()
    project = project_copy(folder)
    make(project)
    result = mkdocs_build(project / "mkdocs.yml", folder / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr, result.stderr
    return [result.stderr, result.stdout]


def staff_checks(folder: Path) -> list[str]:
    """What `make lint` and the readability check print for the guide's mistakes."""
    folder.mkdir()
    project = project_copy(folder)
    for name in (".codespellrc", ".pymarkdown", "spelling"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    result = subprocess.run([sys.executable, "-m", "scripts.staff.lint", *lint_mistakes(project)], cwd=project,
                            env=offline_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    printed = [result.stdout, result.stderr]
    page(project, "sore-legs/why-legs-ache.md", title="Why legs ache", body=HARD)
    result = subprocess.run([sys.executable, "-m", "scripts.staff.readability", "content/sore-legs/why-legs-ache.md"],
                            cwd=project, env=offline_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    return printed + [result.stdout]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> str:
    """What the checks print for each of the guide's mistakes, all together: each
    build is its own process, so they run side by side, and once per test run
    (build_once), whichever workers the quoted blocks land on."""
    def run_all(folder: Path) -> None:
        folder.mkdir()
        jobs = [functools.partial(build_with, make, folder / make.__name__)
                for make in (front_matter_mistakes, link_and_menu_mistakes, quiz_mistake, menu_name_mistyped,
                             menu_line_too_far_right, menu_line_too_far_left, menu_tab)]
        jobs.append(functools.partial(staff_checks, folder / "lint"))
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            printed = [text for texts in pool.map(lambda job: job(), jobs) for text in texts]
        (folder / "printed.txt").write_text("\n".join(printed), encoding="utf-8")

    return (build_once(tmp_path_factory, "contributing", run_all) / "printed.txt").read_text(encoding="utf-8")


def quoted_blocks() -> list[str]:
    return QUOTED.findall(GUIDE.read_text(encoding="utf-8"))


def test_the_guide_quotes_the_common_failures():
    blocks = quoted_blocks()
    assert len(blocks) >= 13
    # The menu mistakes, and how the build stops on a front-matter or quiz mistake.
    assert any("'recovery/tight-hamstring.md'" in b for b in blocks)
    assert any("'recovery/cool-down.md - recovery/tight-hamstrings.md'" in b for b in blocks)
    assert any("expected <block end>, but found '-'" in b for b in blocks)
    assert any("found character '\\t' that cannot start any token" in b for b in blocks)
    assert "Aborted with a BuildError!\n" in blocks


def test_the_tests_the_guide_names_exist():
    """A staff member looks for these names in the check's log."""
    named = set(re.findall(r"`(test_\w+)`", GUIDE.read_text(encoding="utf-8")))
    assert "test_article_reads_at_grade_5_to_8" in named
    defined = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "tests").glob("test_*.py"))
    assert not {name for name in named if f"def {name}(" not in defined}


def test_the_guide_asks_for_grade_5_to_8_in_adult_plain_english():
    guide = GUIDE.read_text(encoding="utf-8")
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert "12-year-old" not in guide and "grade 8 or lower" not in guide + template
    assert "grade 5 to 8" in guide and "sentences of about 12 to 18 words" in guide
    assert "reads at grade 5 to 8" in template


def test_the_guide_says_how_to_run_the_route_diff_and_that_it_runs():
    """The command as the guide gives it, on two checkouts (here the project and itself)."""
    command = re.search(r"^\.venv/bin/python -m (scripts\.staff\.route_diff) (\S+) \.$", GUIDE.read_text(encoding="utf-8"),
                        re.M)
    assert command and command[2].endswith("-main")
    result = subprocess.run([sys.executable, "-m", command[1], str(ROOT), "."], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0 and "Nothing a runner reads or is told changed in this quiz." in result.stdout


@pytest.mark.parametrize("block", quoted_blocks(), ids=lambda b: b.strip().splitlines()[0][:60])
def test_each_quoted_message_is_what_the_checks_print(block, outputs):
    printed = {line.rstrip() for line in outputs.splitlines()}
    for line in block.splitlines():
        if line.strip() and line.strip() != "...":
            assert line.rstrip() in printed, (f"CONTRIBUTING.md quotes {line!r}, which the checks no longer "
                                              "print: update the guide with the new message")
