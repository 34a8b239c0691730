"""The ids an HTML fragment sets, which links may name: for the build (anchors of a page's raw
HTML) and the import (whether a link's fragment names anything on its page)."""

from __future__ import annotations

from html.parser import HTMLParser


def html_ids(html: str) -> list[str]:
    """The ids an HTML fragment sets: any element's ``id``, an ``<a>``'s ``name``."""
    parser = _IdParser()
    parser.feed(html)
    parser.close()
    return parser.ids


class _IdParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name == "id" or (name == "name" and tag == "a")):
                self.ids.append(value)

    handle_startendtag = handle_starttag
