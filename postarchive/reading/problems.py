"""Problems found in the archive's sources, each tied to a file and, where known, a line, and the
vocabulary of warning subtypes they are reported under.

Every subtype is declared once, below, with what it means; the README's table of warnings is made
from these docstrings, so ``suppress_warnings = ["postarchive.mojibake"]`` can be looked up.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

WARNING_TYPE = "postarchive"


class Subtype(StrEnum):
    """The subtypes of the archive's warnings (`postarchive.<subtype>`), each with its meaning
    as its docstring (the README's table is made from them)."""

    def __new__(cls, value: str, meaning: str) -> Subtype:
        member = str.__new__(cls, value)
        member._value_ = value
        member.__doc__ = " ".join(meaning.split())
        return member

    READ = (
        "read",
        "A post file could not be read (missing, unreadable, binary) or a symbolic link leads "
        "out of the posts folder.",
    )
    EMPTY = (
        "empty",
        "A post file is empty.",
    )
    ENCODING = (
        "encoding",
        "A post file is not UTF-8; it is read as Windows-1252 or Latin-1.",
    )
    MOJIBAKE = (
        "mojibake",
        "Mojibake (text decoded with the wrong codec) was repaired while reading, line by line.",
    )
    FRONTMATTER = (
        "frontmatter",
        "Front matter is not valid YAML or TOML, or never closed; the valid fields are kept.",
    )
    FIELD = (
        "field",
        "A front-matter field has the wrong type or value (a date that is not a date, a title "
        "that is a list); it is ignored or read as far as it can be.",
    )
    NESTING = (
        "nesting",
        "Lines nested deeper than Markdown can show are brought up to the deepest level it shows "
        "(lines of code and HTML blocks keep their indentation).",
    )
    SLUG = (
        "slug",
        "Two posts have the same slug and the old blog's addresses do not tell them apart; links "
        "by slug go to the first.",
    )
    TITLE = (
        "title",
        "Two posts have the same title (reported by `postarchive check`).",
    )
    LINK = (
        "link",
        "A legacy link (Hugo `ref`, Jekyll `post_url`, Pelican `{filename}`) names no post.",
    )
    PERMALINK = (
        "permalink",
        "A `permalink` or alias is unsafe, not on the old blog, or claimed by two posts.",
    )
    REDIRECT = (
        "redirect",
        "An old address is where a page of the archive is written; no redirect is made for it.",
    )
    PICTURE = (
        "picture",
        "A picture's file is missing; the page shows a box with its alt text in its place.",
    )
    TAGS = (
        "tags",
        "A `{tags}` block names no tag.",
    )
    CONFIG = (
        "config",
        "A setting of another extension was changed to fit the archive (`tags_create_tags`).",
    )
    IMPORT = (
        "import",
        "A shortcode, template tag or image of an imported post could not be converted, or a "
        "remote image could not be downloaded; it stays visible in the post.",
    )
    BUILD = (
        "build",
        "A post has no page in the built site, or its page is not reachable through toctrees "
        "(reported by `postarchive check`).",
    )
    DIRECTIVE = (
        "directive",
        "A `postarchive-journey` or `postarchive-tag` directive written by hand names a journey or "
        "tag the archive does not have; it shows nothing.",
    )


class Severity(StrEnum):
    WARNING = "warning"
    # Something is lost or cannot be built. Sphinx has no error level that keeps building, so it
    # is reported as a warning that says so.
    ERROR = "error"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a source file, and what was done about it."""

    path: str
    line: int | None
    message: str
    subtype: Subtype
    severity: Severity = Severity.WARNING

    @property
    def location(self) -> str:
        # A problem of the whole file is placed at its first line: Sphinx reads a location
        # without a line number as a document name, not a path.
        return f"{self.path}:{self.line or 1}"

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


def warning_reference() -> list[tuple[str, str]]:
    """(``postarchive.<subtype>``, meaning) of every subtype, for the README's table."""
    return [(f"{WARNING_TYPE}.{member.value}", member.__doc__ or "") for member in Subtype]
