"""The search index brought up to date in a rebuild, rather than made again from all of it.

Sphinx's HTML builder, on every build, loads the whole ``searchindex.js`` back into sets of
document names (one per word), prunes every set to the documents it keeps, feeds the pages it
writes, then sorts every set into numbers again and writes the file. At 1000 posts that is about
half a second for one edited post, and it is done even when no page changed.

Here the previous index stays in the numbered form the file holds. Only the pages written in this
build are fed to Sphinx's indexer; at the end, Sphinx's own ``freeze`` numbers them among every
document (with the titles and file names of the kept documents added back), and the word lists of
the previous index are merged with theirs: the numbers of pages written again or gone are taken
out, and renumbered only when documents came or went. The file is written only when something in
it changed. Its bytes are those a clean build writes (``tests/test_search_index.py``); where the
previous file cannot be read as Sphinx's current format, Sphinx does it all its own way.
"""

from __future__ import annotations

from collections.abc import Callable, Set
from dataclasses import dataclass
from pathlib import Path
from types import MethodType
from typing import TYPE_CHECKING, Any

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.search import js_index

from postarchive.site.state import build_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment
    from sphinx.search import IndexBuilder

# What Sphinx's index holds (``IndexBuilder.freeze``); any other shape is left to Sphinx.
INDEX_KEYS = frozenset({
    "docnames", "filenames", "titles", "terms", "titleterms", "objects", "objtypes",
    "objnames", "envversion", "alltitles", "indexentries",
})  # fmt: skip
# The parts that list, for a key, the numbers of the documents that have it.
POSTINGS = ("terms", "titleterms")
# The parts that list, for a key, [document number, ...] entries in document order.
ENTRIES = ("alltitles", "indexentries")


@dataclass
class IndexUpdate:
    """The previous index, as its file holds it (None where it is missing or unreadable), and
    the documents written again in this build."""

    previous: dict[str, Any] | None = None
    written: Set[str] = frozenset()


def keep_search_index_current(app: Sphinx) -> None:
    """Give the HTML builder (``html``, ``dirhtml``, or a theme's or extension's subclass of
    them) the loading and dumping of the index below; other builders keep Sphinx's."""
    builder = app.builder
    if (
        not isinstance(builder, StandaloneHTMLBuilder)
        or builder.name not in ("html", "dirhtml")
        or not builder.search
        or builder.indexer_format is not js_index
        or not builder.indexer_dumps_unicode
    ):
        return
    build_state(app.env).search_index = IndexUpdate()
    own_load, own_dump = builder.load_indexer, builder.dump_search_index
    builder.load_indexer = MethodType(_load_with(own_load), builder)  # type: ignore[method-assign]
    builder.dump_search_index = MethodType(_dump_with(own_dump), builder)  # type: ignore[method-assign]


def pages_for_a_lost_index(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Read the previous index; where it is missing or unreadable, write every page again, so
    that the new one is complete (Sphinx's own rebuild would warn and leave out every page it
    does not write)."""
    update, builder = build_state(env).search_index, app.builder
    if update is None or not isinstance(builder, StandaloneHTMLBuilder):
        return []
    update.previous = _read_index(Path(builder.outdir) / builder.searchindex_filename, env)
    return sorted(env.found_docs) if update.previous is None else []


def _load_with(own_load: Callable[[Set[str]], None]) -> Callable[..., None]:
    def load_indexer(builder: StandaloneHTMLBuilder, docnames: Set[str]) -> None:
        """Keep the previous index as it is; the indexer gets only the pages written now."""
        update = build_state(builder.env).search_index
        if update is None or update.previous is None:
            own_load(docnames)
            return
        update.written = frozenset(docnames)

    return load_indexer


def _dump_with(own_dump: Callable[[], None]) -> Callable[..., None]:
    def dump_search_index(builder: StandaloneHTMLBuilder) -> None:
        update = build_state(builder.env).search_index
        if update is None or update.previous is None or builder.indexer is None:
            own_dump()
            return
        text = _updated_index(builder.indexer, update.previous, update.written, builder.env)
        if text is None:  # nothing in it changed
            return
        path = Path(builder.outdir) / builder.searchindex_filename
        temporary = path.with_name(path.name + ".tmp")  # a failed write keeps the last index
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(path)

    return dump_search_index


def _read_index(path: Path, env: BuildEnvironment) -> dict[str, Any] | None:
    """The index the last build wrote, if it is in the shape this Sphinx writes."""
    try:
        data = js_index.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.keys() != INDEX_KEYS or data["envversion"] != env.version:
        return None
    return data


def _updated_index(
    indexer: IndexBuilder, previous: dict[str, Any], written: Set[str], env: BuildEnvironment
) -> str | None:
    """The new index as ``searchindex.js``'s text; None when it would be the previous one."""
    all_docs = set(env.all_docs)
    indexer.prune(all_docs)  # pages written that are no documents (as Sphinx's own dump does)
    fed = set(indexer._titles)  # before the kept documents' titles are added back
    kept = [
        (number, docname)
        for number, docname in enumerate(previous["docnames"])
        if docname in all_docs and docname not in written and docname not in fed
    ]
    if not fed and len(kept) == len(previous["docnames"]):
        return None
    # Sphinx numbers and titles the documents, and finds their objects, with the kept
    # documents' titles and file names back in its indexer; its word lists hold the fed pages.
    for number, docname in kept:
        indexer._titles[docname] = previous["titles"][number]
        indexer._filenames[docname] = previous["filenames"][number]
    frozen = indexer.freeze()
    new_number = {docname: number for number, docname in enumerate(frozen["docnames"])}
    renumber = [-1] * len(previous["docnames"])
    for number, docname in kept:
        renumber[number] = new_number[docname]
    fed_numbers = {new_number[docname] for docname in fed}
    for part in POSTINGS:
        frozen[part] = _merged_postings(previous[part], frozen[part], renumber, fed_numbers)
    for part in ENTRIES:
        frozen[part] = _merged_entries(previous[part], frozen[part], renumber, fed_numbers)
    return js_index.dumps(frozen)


def _merged_postings(
    old: dict[str, int | list[int]],
    fresh: dict[str, int | list[int]],
    renumber: list[int],
    fed: set[int],
) -> dict[str, int | list[int]]:
    """Each word's documents, numbered anew: the previous ones still kept, and the fed pages'.
    As Sphinx writes them: one number alone, several as a sorted list, none left out."""
    dropped = {number for number, new in enumerate(renumber) if new < 0}
    same_numbers = all(new in (old_number, -1) for old_number, new in enumerate(renumber))
    merged: dict[str, int | list[int]] = {}
    for key, value in old.items():
        numbers = [value] if isinstance(value, int) else value
        if not same_numbers:
            numbers = [renumber[n] for n in numbers if renumber[n] >= 0]
        elif not dropped.isdisjoint(numbers):  # most words are not in the pages written
            numbers = [n for n in numbers if n not in dropped]
        if key in fresh:
            numbers = sorted(numbers + [n for n in _as_list(fresh[key]) if n in fed])
        if numbers:
            merged[key] = numbers[0] if len(numbers) == 1 else numbers
    for key in fresh.keys() - old.keys():
        numbers = [n for n in _as_list(fresh[key]) if n in fed]
        if numbers:
            merged[key] = numbers[0] if len(numbers) == 1 else numbers
    return merged


def _merged_entries(
    old: dict[str, list[list[Any]]],
    fresh: dict[str, list[Any]],
    renumber: list[int],
    fed: set[int],
) -> dict[str, list[Any]]:
    """Each title's (or index entry's) places, numbered anew, in document order as a clean build
    lists them (within one document, in the order the document has them)."""
    merged: dict[str, list[Any]] = {}
    for key in old.keys() | fresh.keys():
        places = [
            [renumber[place[0]], *place[1:]]
            for place in old.get(key, ())
            if renumber[place[0]] >= 0
        ]
        places += [list(place) for place in fresh.get(key, ()) if place[0] in fed]
        if places:
            places.sort(key=lambda place: place[0])  # stable: a document's own order stays
            merged[key] = places
    return merged


def _as_list(numbers: int | list[int]) -> list[int]:
    return [numbers] if isinstance(numbers, int) else numbers
