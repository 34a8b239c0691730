"""The texts behind search result snippets, shipped with the site.

Sphinx's search fetches each result's whole page to cut a snippet from it; read from disk
(``file://``) the browser refuses those fetches, and a post's page starts with its header (date,
reading time, journeys) and ends with its footer. The search page (``postarchive-search.js``)
instead takes each page's own text, and a post's date and journeys, from here, over http and from
disk alike.

The texts are split into scripts of about ``SHARD_BYTES`` by a hash of the document name, so the
search page loads only the few that its first results need, however big the archive. They are
written again only when a page's text or a post's date or journeys changed.
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
    """Write the scripts when the texts or ``meta`` (a post's date and journeys, shown under its
    search result) changed since they were last written, or when they are missing."""
    count = shard_count(store)
    folder = outdir / TEXTS_FOLDER
    made_of = hashlib.sha1(repr((count, sorted(meta.items()))).encode()).hexdigest()
    if not store.pages_changed and store.snippets == made_of and folder.is_dir():
        return
    shards: list[dict[str, list[str]]] = [{} for _ in range(count)]
    for docname, entry in sorted(store.pages.items()):
        # Wrapped as the part of a page that Sphinx's search reads snippets from.
        text = f'<div role="main">{escape(entry["text"])}</div>'
        shards[shard_of(docname, count)][docname] = [text, meta.get(docname, "")]
    folder.mkdir(parents=True, exist_ok=True)
    for number, texts in enumerate(shards):
        script = "postarchiveTexts.add(" + json.dumps(texts, ensure_ascii=False) + ");\n"
        path = folder / f"{number}.js"
        if not path.exists() or path.read_text(encoding="utf-8") != script:
            path.write_text(script, encoding="utf-8")
    for path in folder.glob("*.js"):  # left from a bigger archive
        if not path.stem.isdigit() or int(path.stem) >= count:
            path.unlink()
    store.snippets = made_of
