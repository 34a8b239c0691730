"""Where the generated pages live: the document name of every journey, tag, author and year
page.

Names only, from the pages folder and the subject's slug or year; nothing here reads posts.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentNames:
    """Document names of the generated pages under ``pages_dir`` (``archive`` by default)."""

    pages_dir: str

    def page(self, *parts: str) -> str:
        """Docname of a generated page, e.g. ``page("tags", "django")``."""
        return "/".join((self.pages_dir.strip("/"), *parts))

    @property
    def archive_index(self) -> str:
        return self.page("index")

    @property
    def journeys_index(self) -> str:
        return self.page("journeys", "index")

    @property
    def tags_index(self) -> str:
        return self.page("tags", "index")

    @property
    def authors_index(self) -> str:
        return self.page("authors", "index")

    def author(self, slug: str) -> str:
        return self.page("authors", slug)

    def journey(self, slug: str) -> str:
        return self.page("journeys", slug)

    def tag(self, slug: str) -> str:
        return self.page("tags", slug)

    def year(self, year: int | None) -> str:
        return self.page(str(year) if year else "undated")

    def tag_period(self, slug: str, first: int | None) -> str:
        """The page of a tag's posts from year ``first`` on (``None``: its undated posts)."""
        return self.page("tags", slug, str(first) if first else "undated")
