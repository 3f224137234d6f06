"""What a runner would read differently: two versions of a quiz tree compared
word by word, like a review in a word processor, for the reviewing physio.

    tree_changes(old, new) -> ["- Question “…”: sign added: …", ...]

Every text of a tree a runner reads is compared: its title and intro; each
question's text and help; each checklist sign and its help (added, removed or
reworded), which is where a new warning sign shows; each answer's label; each
outcome's title, verdict and advice. Questions and outcomes are matched by id,
signs and answers by their words. Removed words are ~~struck through~~, new
ones **bold**. Where answers lead is the route diff's part (route_diff.py).
"""
from __future__ import annotations

import difflib
import re

from scripts.quiz import Tree
from scripts.quiz.verdicts import seriousness

CONTEXT = 6   # unchanged words kept on each side of a change


def words(old: str, new: str) -> str:
    """`old` → `new` as one line of Markdown: unchanged words plain (long runs
    cut to CONTEXT words each side), removed ~~struck~~, added **bold**."""
    a, b = old.split(), new.split()
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    codes = matcher.get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(codes):
        if op == "equal":
            same = [md_text(w) for w in a[i1:i2]]
            first, last = index == 0, index == len(codes) - 1
            keep_head = 0 if first else CONTEXT
            keep_tail = 0 if last else CONTEXT
            if len(same) > keep_head + keep_tail + 1:
                same = same[:keep_head] + ["…"] + (same[len(same) - keep_tail:] if keep_tail else [])
            out += same
            continue
        if i2 > i1:
            out.append(f"~~{' '.join(md_text(w) for w in a[i1:i2])}~~")
        if j2 > j1:
            out.append(f"**{' '.join(md_text(w) for w in b[j1:j2])}**")
    return " ".join(out)


def tree_changes(old: Tree | None, new: Tree | None) -> list[str]:
    """Each change a runner would read, as a Markdown list item."""
    if old is None or new is None:
        return []
    found = text_change("The quiz's title", old.title, new.title) + text_change("The quiz's intro", old.intro, new.intro)
    for qid in [*new.questions, *(q for q in old.questions if q not in new.questions)]:
        found += _question(old.questions.get(qid), new.questions.get(qid))
    for oid in [*new.outcomes, *(o for o in old.outcomes if o not in new.outcomes)]:
        found += _outcome(old.outcomes.get(oid), new.outcomes.get(oid))
    return found


def _question(old, new) -> list[str]:
    if old is None:
        listed = "; ".join(f"“{md_text(x)}”" for x in _items(new))
        return [f"- New question {_name(new)}: {listed}"]
    if new is None:
        return [f"- Question {_name(old)} removed"]
    name = f"Question {_name(new)}"
    found = text_change(f"{name}: its text", old.text, new.text) + text_change(f"{name}: its help", old.help, new.help)
    if old.is_checklist or new.is_checklist:
        found += list_changes(name, "sign", [s.text for s in old.signs], [s.text for s in new.signs])
        helps = {_key(s.text): s.help for s in old.signs}
        for sign in new.signs:
            if _key(sign.text) in helps:
                found += text_change(f"{name}: the help of sign “{md_text(sign.text)}”", helps[_key(sign.text)], sign.help)
    if not (old.is_checklist and new.is_checklist):
        found += list_changes(name, "answer", [a.label for a in old.answers], [a.label for a in new.answers])
    if old.warning != new.warning:
        found.append(f"- {name}: warning level {old.warning or 'none'} → **{new.warning or 'none'}**")
    return found


def _outcome(old, new) -> list[str]:
    if old is None:
        return [f"- New outcome “{md_text(new.title)}” (`{new.id}`, verdict `{new.verdict}`): {md_text(flat(new.body))}"]
    if new is None:
        return [f"- Outcome “{md_text(old.title)}” (`{old.id}`) removed"]
    name = f"Outcome “{md_text(new.title)}” (`{new.id}`)"
    found = text_change(f"{name}: its title", old.title, new.title)
    if old.verdict != new.verdict:
        flag = " ⚠️ **less serious than before**" if seriousness(new.verdict) < seriousness(old.verdict) else ""
        found.append(f"- {name}: verdict `{old.verdict}` → `{new.verdict}`{flag}")
    return found + text_change(f"{name}: its advice", old.body, new.body)


def list_changes(name: str, noun: str, old: list[str], new: list[str]) -> list[str]:
    """Items added, removed, reworded or moved, matched by their words."""
    found, moved = [], []
    common = {_key(x) for x in old} & {_key(x) for x in new}   # the same item, elsewhere in the list
    matcher = difflib.SequenceMatcher(a=[_key(x) for x in old], b=[_key(x) for x in new], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        gone = [x for x in old[i1:i2] if _key(x) not in common]
        came = [x for x in new[j1:j2] if _key(x) not in common]
        moved += [x for x in new[j1:j2] if _key(x) in common]
        pairs = min(len(gone), len(came)) if op == "replace" else 0
        found += [f"- {name}: {noun} reworded: {words(gone[k], came[k])}" for k in range(pairs)]
        found += [f"- {name}: {noun} removed: ~~{md_text(flat(x))}~~" for x in gone[pairs:]]
        found += [f"- {name}: {noun} added: **{md_text(flat(x))}**" for x in came[pairs:]]
    found += [f"- {name}: {noun} moved: “{md_text(flat(x))}” is now {noun} {new.index(x) + 1} of {len(new)}"
              for x in moved]
    return found


def text_change(name: str, old: str, new: str) -> list[str]:
    if flat(old) == flat(new):
        return []
    if not flat(old):
        return [f"- {name}, new: **{md_text(flat(new))}**"]
    if not flat(new):
        return [f"- {name}, removed: ~~{md_text(flat(old))}~~"]
    return [f"- {name}: {words(old, new)}"]


def _items(question) -> list[str]:
    return [s.text for s in question.signs] if question.is_checklist else [a.label for a in question.answers]


def _name(question) -> str:
    return f"“{md_text(flat(question.text))}” (`{question.id}`)"


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def flat(text: str) -> str:
    """A text on one line, its spaces as a reader sees them."""
    return " ".join(text.split())


_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md_text(text: str) -> str:
    """Tree text shown as text in Markdown: no markup, links or HTML of its own."""
    return _SPECIAL.sub(r"\\\1", text)
