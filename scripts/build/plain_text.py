"""Text as a reader sees it, and as error messages may quote it.

Shared by every check that reports what an editor typed: a message quotes at
most a short excerpt of a value (a 10 MB title must not become a 10 MB error),
and "blank" means nothing a reader could see.
"""
from __future__ import annotations

import unicodedata

EXCERPT = 60

# Letters that draw nothing although Unicode does not call them spaces.
_INVISIBLE_LETTERS = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}


def excerpt(value: object, limit: int = EXCERPT) -> str:
    """At most `limit` characters of `value`, on one line, with … when cut."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def is_blank(text: str) -> bool:
    """True when a reader would see nothing: spaces, line breaks, and
    invisible characters such as zero-width spaces or a byte-order mark."""
    return all(char.isspace() or char in _INVISIBLE_LETTERS
               or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me")
               for char in text)
