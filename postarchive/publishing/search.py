"""Sphinx's built-in search, made to find what readers of an archive mean.

- **Accents and case**: the archive's search language is Sphinx's own for
  ``html_search_language`` or ``language`` (so its stemmer and stop words), with every indexed
  term folded after stemming (``Montréal`` and ``montreal`` are one term). Words with accents
  are also indexed as typed without them, since some stemmers cut ``informação`` and
  ``informacao`` differently. The search page folds the reader's words the same way
  (``postarchive-search.js``), with the table written here.
- **Posts first**: the generated pages that only list (years, the indexes) are not indexed; the
  pages that show listings and stay searchable (the home page, journeys, tags) rank below every
  post, and their lists of posts are not their search text.
- **Snippets from the post's text**, dates and journeys with each result (from the texts shipped
  with the site, :mod:`.snippets`), and a no-results message that points to the tags, journeys
  and the chronological archive (from the search page's data, ``postarchive-search-data.js``).
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.search import SearchLanguage, languages

from postarchive.catalog.views import ViewKind
from postarchive.publishing.snippets import TEXTS_FOLDER, shard_count
from postarchive.site.domain import archive_domain
from postarchive.site.listing import shown_date
from postarchive.site.state import build_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

DATA_SCRIPT = "_static/postarchive-search-data.js"
SEARCH_SCRIPT = "postarchive-search.js"

# Letters that carry no combining accent to drop, but that readers type as plain Latin letters.
LETTER_FOLDS = {
    "ß": "ss", "ẞ": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l",
    "þ": "th", "ı": "i",
}  # fmt: skip
# Scripts whose accents are marks on a letter that readers leave out; elsewhere (Devanagari,
# Arabic...) combining marks are letters' own parts and stay.
_FOLDED_SCRIPTS = ("LATIN", "GREEK", "CYRILLIC")


@cache
def _in_folded_script(char: str) -> bool:
    return unicodedata.name(char, "").startswith(_FOLDED_SCRIPTS)


def fold(word: str) -> str:
    """``word`` lowercased, without the accents of Latin, Greek and Cyrillic letters."""
    if word.isascii():
        return word.lower()
    kept: list[str] = []
    for char in unicodedata.normalize("NFKD", word.lower()):
        if unicodedata.category(char) == "Mn" and kept and _in_folded_script(kept[-1][-1:]):
            continue
        kept.append(LETTER_FOLDS.get(char, char))
    return "".join(kept)


def folding_language(base: type[SearchLanguage]) -> type[SearchLanguage]:
    """Sphinx's search language ``base``, with every term it indexes folded."""
    base = getattr(base, "folded_from", base)  # never fold a folding language again

    class Folding(base):  # type: ignore[valid-type, misc]
        folded_from = base
        # Stop words as written and as folded: the reader may type either.
        stopwords = frozenset(base.stopwords) | {fold(w) for w in base.stopwords}

        def split(self, input: str) -> list[str]:
            words: list[str] = super().split(input)
            return words + [fold(w) for w in words if not w.isascii() and fold(w) != w.lower()]

        def __init__(self, options: dict[str, str]) -> None:
            super().__init__(options)
            # A page's words are mostly words other pages have: each is stemmed once.
            self.stems: dict[str, str] = {}

        def stem(self, word: str) -> str:
            stemmed = self.stems.get(word)
            if stemmed is None:
                stemmed = self.stems[word] = fold(super().stem(word))
            return stemmed

    Folding.__name__ = Folding.__qualname__ = f"Folding{base.__name__}"
    return Folding


def search_language_code(config: Config) -> str:
    """The language Sphinx's search index is made in: ``html_search_language``, or ``language``."""
    return str(config.html_search_language or config.language or "en")


def use_folding_search(app: Sphinx, config: Config) -> None:
    """Register the folding form of the search language (Sphinx's own for the code, or English
    where Sphinx has none). Sphinx keeps search languages in one table for the process, so a
    build registers its own every time: an earlier build may have left another one there."""
    code = search_language_code(config)
    found = languages.get(code) or languages.get(code.partition("_")[0]) or languages["en"]
    if isinstance(found, str):
        module, _, name = found.rpartition(".")
        found = getattr(import_module(module), name)
    language = folding_language(found)
    language.lang = code
    app.add_search_language(language)


# The no-results message, in the archive's language where it is one of these: {query} is what the
# reader searched for; the three links follow it.
NO_RESULTS = {
    "en": ("No post matches “{query}”. Try other words, or browse the ",
           ["tags", "journeys", "archive by date"], ", ", " or the ", "."),
    "fr": ("Aucun billet ne correspond à « {query} ». Essayez d’autres mots, ou parcourez les ",
           ["étiquettes", "voyages", "archives par date"], ", ", " ou les ", "."),
    "de": ("Kein Beitrag passt zu „{query}“. Versuchen Sie andere Wörter oder stöbern Sie in den ",
           ["Schlagwörtern", "Reisen", "Archiven nach Datum"], ", ", " oder den ", "."),
    "es": ("Ninguna entrada coincide con «{query}». Pruebe otras palabras o explore las ",
           ["etiquetas", "viajes", "archivo por fecha"], ", ", " o el ", "."),
    "pt": ("Nenhum post corresponde a “{query}”. Tente outras palavras ou navegue pelas ",
           ["etiquetas", "viagens", "arquivo por data"], ", ", " ou pelo ", "."),
    "it": ("Nessun articolo corrisponde a «{query}». Prova altre parole, o sfoglia i ",
           ["tag", "viaggi", "archivio per data"], ", ", " o l’", "."),
}  # fmt: skip


def add_search_page_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """On the search page only, before Sphinx's own scripts: its data (written now, when every
    document is written, so Sphinx names it with its checksum and a browser never keeps an old
    one) and its script."""
    if pagename != "search" or app.builder.name not in ("html", "dirhtml"):
        return
    text = "window.postarchiveSearch = " + json.dumps(search_data(app), ensure_ascii=False) + ";\n"
    path = Path(app.outdir) / DATA_SCRIPT
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    app.add_js_file(DATA_SCRIPT.removeprefix("_static/"))  # Sphinx adds its checksum
    app.add_js_file(SEARCH_SCRIPT)


def search_data(app: Sphinx) -> dict[str, Any]:
    """What the search page needs before it searches (kept small: it is loaded before the first
    result): which pages rank below posts, where the snippet texts are and in how many scripts,
    the letters to fold, and the no-results message with where to browse."""
    state = build_state(app.env)
    shown = archive_domain(app.env).views
    listings = sorted(
        docname
        for docname, views in shown.items()
        if any(key.kind is not ViewKind.POST for key in views)
        and "nosearch" not in app.env.metadata.get(docname, {})
    )
    names, builder = state.catalog.names, app.builder
    language = search_language_code(app.config).replace("-", "_").partition("_")[0]
    return {
        "rankedBelowPosts": listings,
        "textsFolder": TEXTS_FOLDER,
        "shards": _shards(app),
        "folds": LETTER_FOLDS,
        "noResults": NO_RESULTS.get(language, NO_RESULTS["en"]),
        "browse": [
            builder.get_target_uri(names.tags_index),
            builder.get_target_uri(names.journeys_index),
            builder.get_target_uri(names.archive_index),
        ],
    }


def _shards(app: Sphinx) -> int:
    """The number of snippet scripts the build's end will write (it counts the same pages)."""
    store = build_state(app.env).store
    return shard_count(store, set(app.env.found_docs)) if store else 1


def result_lines(app: Sphinx) -> dict[str, str]:
    """The line under each post's search result: its date and journeys."""
    catalog = build_state(app.env).catalog
    lines = {}
    for docname, post in catalog.posts.items():
        day = shown_date(post.date.local, app.config) if post.date else ""
        journeys = ", ".join(catalog.journeys[slug].title for slug in post.journey_slugs)
        lines[docname] = " · ".join(part for part in (day, journeys) if part)
    return lines


def no_search_in_single_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The single page (and Read the Docs' HTML zip made of it) has no search page and no
    general index: no search box posting to one, no head links to either."""
    if app.builder.name != "singlehtml":
        return
    context["sidebars"] = [s for s in context.get("sidebars") or () if "search" not in s]
    hasdoc = context.get("hasdoc")
    if callable(hasdoc):
        context["hasdoc"] = lambda name: name not in ("search", "genindex") and hasdoc(name)
