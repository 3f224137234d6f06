"""Quiz diff: what a runner would read or be told differently, quiz by quiz.

    python -m scripts.staff.route_diff BASE HEAD      # two quiz folders (or two checkouts)

For a pull request, BASE is the quiz folder of the base branch and HEAD the
changed one. For each quiz it shows, in this order: every change of wording a
runner reads (word_diff.py: questions, help, each sign, answers, outcomes),
the routes that now end at another outcome or verdict, and the clinic's
scenarios (quiz/scenarios/) that now end elsewhere. A quiz where none of these
changed says so. A route is the answers a runner gives, in the words they read:
the sequence of (question text, answer label). Routes are matched by those
words, not by ids or positions, so renaming an id or reordering the file is
not a change, and a reworded question shows as its old routes removed and its
new ones added. Uses only the compiler's public API (scripts.quiz).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from scripts import quiz
from scripts.quiz import checklists as shared
from scripts.quiz import scenarios
from scripts.quiz.verdicts import IDS
from scripts.staff.word_diff import flat as _words, list_changes, md_text as _md, text_change, tree_changes

Route = tuple[tuple[str, str], ...]    # ((question text, answer label), ...)
End = tuple[str, str]                  # (outcome title, verdict)


@dataclass(frozen=True)
class Change:
    kind: str             # "changed", "added" or "removed"
    route: Route
    before: End | None    # None for an added route
    after: End | None     # None for a removed route


@dataclass(frozen=True)
class TreeDiff:
    file: str             # "quiz/should-i-run-today.yml"
    title: str
    status: str           # "changed", "unchanged", "added" (new quiz) or "removed" (deleted quiz)
    routes: int           # routes in the changed version (in the old one if removed)
    changes: tuple[Change, ...]
    wording: tuple[str, ...] = ()     # Markdown list items: what a runner reads differently
    scenarios: tuple[str, ...] = ()   # Markdown list items: scenarios that end differently
    uncovered: tuple[str, ...] = ()   # Markdown list items: what no scenario stands for


def routes(tree: quiz.Tree) -> dict[Route, End]:
    """Every route of a compiled tree, in the reader's words, with where it ends."""
    found: dict[Route, End] = {}
    seen: Counter = Counter()
    for path in tree.paths:
        words = tuple((_words(tree.questions[s.question].text),
                       _words(tree.questions[s.question].answers[s.answer].label)) for s in path.steps)
        seen[words] += 1   # two questions worded alike on the same answers: keep both routes apart
        key = words if seen[words] == 1 else (*words, ("(same words, route", str(seen[words]) + ")"))
        outcome = tree.outcomes[path.outcome]
        found[key] = (_words(outcome.title), outcome.verdict)
    return found


def diff(base: list[quiz.Tree], head: list[quiz.Tree]) -> list[TreeDiff]:
    """What changed between two versions of the quiz folder, quiz by quiz."""
    old, new = {t.id: t for t in base}, {t.id: t for t in head}
    diffs = []
    for tree_id in sorted(old.keys() | new.keys()):
        before, after = routes(old[tree_id]) if tree_id in old else {}, routes(new[tree_id]) if tree_id in new else {}
        changes = [Change("changed", r, before[r], after[r]) for r in after if r in before and after[r] != before[r]]
        changes += [Change("added", r, None, after[r]) for r in after if r not in before]
        changes += [Change("removed", r, before[r], None) for r in before if r not in after]
        tree = new.get(tree_id) or old[tree_id]
        wording = tuple(tree_changes(old.get(tree_id), new.get(tree_id)))
        cases = tuple(scenario_changes(old.get(tree_id), new.get(tree_id)))
        status = "changed" if tree_id in old and tree_id in new else "added" if tree_id in new else "removed"
        if status == "changed" and not (changes or wording or cases):
            status = "unchanged"
        diffs.append(TreeDiff(f"quiz/{tree_id}.yml", tree.title, status, len(after or before), tuple(changes),
                              wording, cases, tuple(uncovered(new.get(tree_id)))))
    return diffs


def uncovered(tree: quiz.Tree | None) -> list[str]:
    """What none of the clinic's scenarios stands for: a sign, an answer or a verdict."""
    if tree is None:
        return []
    gaps = scenarios.coverage(tree, scenarios.walks(tree, Path(tree.source).parent)[0])
    return ([f"- No scenario stands for the sign “{_md(s)}”" for s in gaps["signs"]]
            + [f"- No scenario gives the answer “{_md(a)}”" for a in gaps["answers"]]
            + [f"- No scenario ends at the verdict `{v}`" for v in gaps["verdicts"]])


@dataclass(frozen=True)
class BoxChange:
    file: str                     # the name articles include it by, e.g. "urgent-999.md"
    lines: tuple[str, ...]        # Markdown list items: what reads differently
    articles: tuple[str, ...]     # content/... files that include it


def box_changes(base: Path, head: Path) -> list[BoxChange]:
    """The urgent-advice boxes (quiz/checklists.yml) that read differently in the
    articles: their title, signs and what to do. `base`, `head`: two quiz folders;
    the articles that include a box are looked up in the content/ beside `head`."""
    def read(folder: Path) -> dict:
        return shared.boxes(shared.read(shared.path_for(folder), f"quiz/{shared.FILE_NAME}")[0])

    old, new = read(base), read(head)
    content = head.parent / "content"
    found = []
    for name in sorted(old.keys() | new.keys()):
        before, after = old.get(name), new.get(name)
        label = f"The box `{name}`"
        if before is None:
            lines = [f"- {label} is new: “{after.box.title}”"]
        elif after is None:
            lines = [f"- {label} is gone (articles that include it will not build)"]
        else:
            lines = (text_change(f"{label}: its title", before.box.title, after.box.title)
                     + list_changes(label, "sign", [s.text for s in before.signs], [s.text for s in after.signs])
                     + [line for s in after.signs for b in before.signs if _words(b.text) == _words(s.text)
                        for line in text_change(f"{label}: the help of “{_md(s.text)}”", b.help, s.help)]
                     + text_change(f"{label}: what to do", before.box.after, after.box.after))
        if lines:
            include = f'--8<-- "{name}"'
            articles = tuple(sorted(p.relative_to(head.parent).as_posix() for p in content.rglob("*.md")
                                    if include in p.read_text(encoding="utf-8"))) if content.is_dir() else ()
            found.append(BoxChange(name, tuple(lines), articles))
    return found


def box_report(changes: list[BoxChange]) -> str:
    """The box changes in Markdown, after the quizzes' own."""
    if not changes:
        return ""
    lines = ["### The urgent-advice boxes in the articles", "",
             "Made from the warning-sign checklists (`quiz/checklists.yml`): each changed box, word by word, and "
             "the articles that show it.", ""]
    for change in changes:
        shown = ", ".join(f"`{a}`" for a in change.articles) or "no article"
        lines += [*change.lines, f"- Shown on: {shown}", ""]
    return "\n".join(lines)


def scenario_changes(old: quiz.Tree | None, new: quiz.Tree | None) -> list[str]:
    """The clinic's scenarios (matched by their situation) that end at another
    outcome or verdict than before, and those added or removed."""
    def ends(tree):
        if tree is None:
            return {}
        done = scenarios.walks(tree, Path(tree.source).parent)[0]
        return {w.scenario.situation: (_words(tree.outcomes[w.outcome].title), tree.outcomes[w.outcome].verdict)
                if w.outcome else ("(stops before an outcome)", "") for w in done}

    before, after = ends(old), ends(new)
    found = [f"- “{_md(s)}”  \n  was {_end(before[s])}, now {_end(after[s])}{_flag(before[s], after[s])}"
             for s in after if s in before and before[s] != after[s]]
    found += [f"- New: “{_md(s)}”  \n  ends at {_end(after[s])}" for s in after if s not in before and old]
    found += [f"- Removed: ~~“{_md(s)}”~~" for s in before if s not in after and new]
    return found


HEADING = "## What changes for a runner, quiz by quiz"
NOTHING = "Nothing a runner reads or is told changed in this quiz."


def report(diffs: list[TreeDiff], verdict_order: tuple[str, ...] = ()) -> str:
    """The diff in Markdown, in the words a physio reads (for the pull request's summary)."""
    lines = [HEADING, ""]
    if not diffs:
        return "\n".join(lines + ["There are no quizzes.", ""])
    lines += ["For each quiz: the wording a runner reads (~~removed~~ **added**), then each route (the answers "
              "a runner gives, in order) and each of the clinic's scenarios that now ends differently. Read "
              "every line against the brief before you sign the change off.", ""]
    for tree in diffs:
        lines += [f"### {_md(tree.title)} (`{tree.file}`)", ""]
        if tree.status == "unchanged":
            lines += [NOTHING, "", *_uncovered_lines(tree)]
            continue
        if tree.status == "added":
            lines += [f"A new quiz with {_routes(tree.routes)}: read every one on the staff page of the preview.", ""]
            continue
        if tree.status == "removed":
            lines += [f"This quiz is deleted (it had {_routes(tree.routes)}).", ""]
            continue
        if tree.wording:
            lines += [f"#### What a runner reads differently ({len(tree.wording)})", "", *tree.wording, ""]
        lines += _route_lines(tree, verdict_order)
        if tree.scenarios:
            lines += [f"#### Scenarios that end differently ({len(tree.scenarios)})", "", *tree.scenarios, ""]
        lines += _uncovered_lines(tree)
    return "\n".join(lines)


def _uncovered_lines(tree: TreeDiff) -> list[str]:
    if not tree.uncovered:
        return []
    return ["#### ⚠️ Not yet covered by a scenario", "",
            f"Add a runner for each to `quiz/scenarios/{Path(tree.file).stem}.yml`:", "", *tree.uncovered, ""]


def _route_lines(tree: TreeDiff, verdict_order: tuple[str, ...]) -> list[str]:
    counts = Counter(c.kind for c in tree.changes)
    if not tree.changes:
        return ["No route ends at a different outcome or verdict.", ""]
    ends = "ends" if counts["changed"] == 1 else "end"
    lines = [f"{_routes(counts['changed'])} {ends} differently, {counts['added']} new, {counts['removed']} "
             f"removed ({_routes(tree.routes)} in all).", ""]
    for kind, heading in (("changed", "End differently"), ("added", "New routes"), ("removed", "Removed routes")):
        items = [_item(c, verdict_order) for c in tree.changes if c.kind == kind]
        if items:
            lines += [f"#### {heading}", "", *items, ""]
    return lines


# Helpers ------------------------------------------------------------------

def _flag(before: End, after: End) -> str:
    if before[1] in IDS and after[1] in IDS and IDS.index(after[1]) < IDS.index(before[1]):
        return " ⚠️ **less serious than before**"
    return ""


def _item(change: Change, verdict_order: tuple[str, ...]) -> str:
    answers = " → ".join(f'{_md(question)} **{_md(label)}**' for question, label in change.route)
    if change.kind == "changed":
        before, after = change.before, change.after
        flag = ""
        if before[1] in verdict_order and after[1] in verdict_order:
            if verdict_order.index(after[1]) < verdict_order.index(before[1]):
                flag = " ⚠️ **less serious than before**"
            elif verdict_order.index(after[1]) > verdict_order.index(before[1]):
                flag = " (more serious than before)"
        return f"- {answers}  \n  was {_end(before)}, now {_end(after)}{flag}"
    return f"- {answers}  \n  ends at {_end(change.after or change.before)}"


def _routes(count: int) -> str:
    """ "1 route", "2 routes": the summary is read as plain English."""
    return f"{count} route{'' if count == 1 else 's'}"


def _end(end: End) -> str:
    return f"“{_md(end[0])}” (verdict `{end[1]}`)"


def verdict_order() -> tuple[str, ...]:
    """Verdict ids from least to most serious (scripts/quiz/verdicts.py)."""
    return IDS


def _quiz_dir(path: Path) -> Path:
    """A quiz folder, or a checkout's quiz/ folder."""
    return path / "quiz" if (path / "quiz").is_dir() else path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.staff.route_diff",
                                     description="Which quiz routes end at a different outcome or verdict.")
    parser.add_argument("base", type=Path, help="the quiz folder before the change (or a checkout of it)")
    parser.add_argument("head", type=Path, help="the quiz folder after the change (or a checkout of it)")
    args = parser.parse_args(argv)
    versions = []
    for name, folder in (("before", args.base), ("after", args.head)):
        folder = _quiz_dir(folder)
        if not folder.is_dir():
            print(f"{folder} is not a folder: give the quiz folder of each version.", file=sys.stderr)
            return 2
        try:
            versions.append(quiz.compile_all(folder, articles=None))
        except quiz.TreeError as error:   # the build shows the same problems: no traceback here
            print(f"The quizzes {name} the change cannot be compared until they build:\n{error}", file=sys.stderr)
            return 1
    print(report(diff(*versions), verdict_order()))
    print(box_report(box_changes(_quiz_dir(args.base), _quiz_dir(args.head))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
