"""Names that become file and URL segments: safe, ASCII, stable and unique."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

# Symbols that carry meaning in tag names ("C++", "C#", "R&D") and would otherwise vanish.
_SPOKEN_SYMBOLS = {"+": "plus", "#": "sharp", "&": "and", "@": "at"}
_MAX_LENGTH = 60
# Names the generated folders already use for their own pages.
RESERVED = frozenset({"index", "undated", "genindex", "search"})


def name_key(name: str) -> str:
    """The identity of a tag or journey name: case and Unicode form do not make a new one."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


# Many posts share a journey or tag name, and a rebuild slugifies each of them again.
@lru_cache(maxsize=8192)
def slugify(text: str) -> str:
    """A lowercase ASCII slug for ``text``; never empty, at most 60 characters, no dots.

    Accented letters lose their accents (Köln -> koln); letters with no ASCII form are written
    as their code point (日本語 -> u65e5-u672c-u8a9e), so distinct names keep distinct slugs.
    """
    words: list[str] = []
    current = ""
    for char in unicodedata.normalize("NFKC", text):
        ascii_form = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        if char.isascii() and char.isalnum():
            current += char.lower()
        elif not char.isascii() and char.isalnum() and ascii_form.isalnum():
            current += ascii_form.lower()
        elif not char.isascii() and char.isalnum():
            words += [w for w in (current, f"u{ord(char):04x}") if w]
            current = ""
        else:
            words += [w for w in (current, _SPOKEN_SYMBOLS.get(char, "")) if w]
            current = ""
    if current:
        words.append(current)
    slug = "-".join(words) or "untitled"
    if len(slug) > _MAX_LENGTH:
        digest = hashlib.sha1(text.encode()).hexdigest()[:8]
        slug = f"{slug[: _MAX_LENGTH - 9].rstrip('-')}-{digest}"
    return slug


def unique_slugs(names: list[str]) -> dict[str, str]:
    """Give each distinct name a distinct slug; clashes get ``-2``, ``-3``... in the given order."""
    taken: set[str] = set(RESERVED)
    result: dict[str, str] = {}
    for name in names:
        base = slugify(name)
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        result[name] = slug
    return result


def strip_date_prefix(stem: str) -> str:
    """``2016-11-06-my-post`` -> ``my-post`` (Jekyll names posts this way)."""
    return re.sub(r"^\d{4}-\d{1,2}-\d{1,2}[-_]", "", stem)
