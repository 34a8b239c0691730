"""The texts behind search result snippets, shipped with the site.

Sphinx's search fetches each result's whole page to cut a snippet from it; read from disk
(``file://``) the browser refuses those fetches, and a post's page starts with its header (date,
reading time, journeys) and ends with its footer. The search page (``postarchive-search.js``)
instead takes each page's own text, and a post's date and journeys, from here, over http and from
disk alike.

The texts are split into scripts of about ``SHARD_BYTES`` by a hash of the document name, so the
search page loads only the few that its first results need, however big the archive. A script is
written again only when a text it holds, or the date or journeys of a post in it, changed.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from postarchive.publishing.pagestore import PageStore

TEXTS_FOLDER = "_static/postarchive-texts"
SHARD_BYTES = 64 * 1024
MOST_SHARDS = 1024


def shard_count(store: PageStore, docnames: set[str] | None = None) -> int:
    """How many scripts the texts (of ``docnames``, or all) are split into: a power of two, so
    that each holds about ``SHARD_BYTES``; it changes only when the archive doubles or halves."""
    total = sum(
        len(entry["text"].encode("utf-8"))
        for docname, entry in store.pages.items()
        if docnames is None or docname in docnames
    )
    count = 1
    while count * SHARD_BYTES < total and count < MOST_SHARDS:
        count *= 2
    return count


def shard_of(docname: str, count: int) -> int:
    """Which script holds the document's text; ``postarchive-search.js`` computes the same."""
    return zlib.crc32(docname.encode("utf-8")) % count


def write_snippet_texts(outdir: Path, store: PageStore, meta: dict[str, str]) -> None:
    """Write each script whose texts or ``meta`` (a post's date and journeys, shown under its
    search result) changed since it was last written, or that is missing: after a one-post edit,
    the one script that holds the post."""
    count = shard_count(store)
    folder = outdir / TEXTS_FOLDER
    shards: list[list[str]] = [[] for _ in range(count)]
    for docname in sorted(store.pages):
        shards[shard_of(docname, count)].append(docname)
    made_of = {
        str(number): hashlib.sha1(
            repr((count, [(d, meta.get(d, "")) for d in docnames])).encode()
        ).hexdigest()
        for number, docnames in enumerate(shards)
    }
    changed = {shard_of(docname, count) for docname in store.changed}
    folder.mkdir(parents=True, exist_ok=True)
    for number, docnames in enumerate(shards):
        path = folder / f"{number}.js"
        unchanged = (
            number not in changed and store.snippets.get(str(number)) == made_of[str(number)]
        )
        if unchanged and path.exists():
            continue
        # Wrapped as the part of a page that Sphinx's search reads snippets from.
        texts = {
            d: [f'<div role="main">{escape(store.pages[d]["text"])}</div>', meta.get(d, "")]
            for d in docnames
        }
        script = "postarchiveTexts.add(" + json.dumps(texts, ensure_ascii=False) + ");\n"
        if not path.exists() or path.read_text(encoding="utf-8") != script:
            path.write_text(script, encoding="utf-8")
    for path in folder.glob("*.js"):  # left from a bigger archive
        if not path.stem.isdigit() or int(path.stem) >= count:
            path.unlink()
    store.snippets = made_of
