"""Nodes shared by the pages that list posts: titled sections, post lists, links, toctrees.

Every title, name and summary taken from metadata becomes a text node here, never markup, so a
title such as ``<script>`` is shown as written and not run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import Any

from babel import Locale
from babel.dates import format_date
from docutils import nodes
from docutils.utils import new_document
from sphinx import addnodes
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxSmartQuotes, SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from postarchive.catalog.views import AuthorLink, PageLink, PostEntry
from postarchive.site.state import build_state


def leave_out_of_search(env: BuildEnvironment) -> None:
    """The current document, a generated page that only lists (a year, the indexes), is not in
    the search index: the posts it lists are, and a reader searching wants them."""
    env.metadata[env.current_document.docname]["nosearch"] = True


def page_section(title: str, anchor: str) -> nodes.section:
    section = nodes.section(ids=[nodes.make_id(anchor) or "postarchive-page"], names=[])
    section += nodes.title(title, title)
    return section


def add_label(document: nodes.document, section: nodes.section, label: str) -> None:
    """Make ``label`` a std label of the section, for ``{ref}`` and intersphinx."""
    section["names"].append(label)
    document.note_explicit_target(section, section)


def doc_link(docname: str, text: str, *, classes: Iterable[str] = ()) -> nodes.inline:
    """A link to a document, resolved by each builder (HTML, single page, EPUB alike).

    The classes go on a wrapper: Sphinx replaces the link's own inner node when resolving it.
    """
    shown = nodes.inline(text, text)
    shown["support_smartquotes"] = False  # names and titles are shown as their authors wrote them
    ref = addnodes.pending_xref(
        "",
        shown,
        refdomain="std",
        reftype="doc",
        reftarget="/" + docname,
        refexplicit=True,
        refwarn=True,
    )
    return nodes.inline("", "", ref, classes=list(classes))


_INLINE_CODE = re.compile(r"(`+)(.+?)\1")


def title_nodes(title: str) -> list[nodes.Node]:
    """A title as its author wrote it: its inline code (```foo()```) shown as code, the rest as
    text, never parsed as Markdown or HTML."""
    shown: list[nodes.Node] = []
    done = 0
    for code in _INLINE_CODE.finditer(title):
        if code.start() > done:
            shown.append(nodes.Text(title[done : code.start()]))
        shown.append(nodes.literal(code.group(0), code.group(2).strip() or code.group(2)))
        done = code.end()
    if done < len(title):
        shown.append(nodes.Text(title[done:]))
    return shown


def shown_date(day: date | None, config: Config) -> str:
    if day is None:
        return "undated"
    return _long_date(day, config.language or "en")


@cache
def _long_date(day: date, language: str) -> str:
    """Babel's long date, made once for each day: a post's date is shown on many pages."""
    return format_date(day, format="long", locale=_locale(language))


@cache
def _locale(language: str) -> Locale:
    """Babel's locale for a Sphinx language code, made once: babel parses a locale given as a
    string again on every date, three quarters of the time of formatting one."""
    return Locale.parse(language.replace("-", "_"))


def date_range(first: date | None, last: date | None, config: Config) -> str:
    if first is None or last is None:
        return "undated"
    if first == last:
        return shown_date(first, config)
    return f"{shown_date(first, config)} – {shown_date(last, config)}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class pending_post_list(nodes.Element):
    """A list of posts, made into nodes only when its page is resolved (ListingTransform).

    A year, tag or journey page lists hundreds of posts, about twenty nodes each; made when the
    page is read, they would be walked by each of the ~60 transforms that read every page, for
    nothing: a listing holds no markup of an author's. Its entries are the catalog's, taken when
    the page was read, so they are the ones its page recorded.
    """


def post_list(
    entries: Iterable[PostEntry], *, show_journeys: bool = True, show_summary: bool = False
) -> pending_post_list:
    """One entry per post: its title on a line of its own, then a muted line with its date,
    journeys, authors (when the archive has more than one) and reading time, then optionally its
    excerpt."""
    return pending_post_list(
        entries=tuple(entries), show_journeys=show_journeys, show_summary=show_summary
    )


def _post_list_nodes(
    place: pending_post_list, config: Config, document: nodes.document
) -> nodes.bullet_list:
    show_journeys, show_summary = place["show_journeys"], place["show_summary"]
    # "no-search": the titles and dates listed are the posts' own words, not this page's; a
    # listing is found by its own title and introduction.
    items = nodes.bullet_list(classes=["postarchive-post-list", "no-search"])
    for entry in place["entries"]:
        item = nodes.list_item(classes=["postarchive-entry"])
        item += entry_title(entry.docname, entry.title, "postarchive-post-title")
        meta = nodes.paragraph(classes=["postarchive-entry-meta"])
        meta += nodes.inline("", shown_date(entry.date, config), classes=["postarchive-date"])
        if show_journeys and entry.journeys:
            meta += nodes.Text(" · ")
            meta += journey_links(entry.journeys)
        if entry.authors:
            meta += nodes.Text(" · ")
            meta += author_line(entry.authors)
        meta += nodes.Text(" · ")
        meta += nodes.inline("", f"{entry.minutes} min read", classes=["postarchive-reading-time"])
        item += meta
        if show_summary and entry.summary:
            summary = typographic(entry.summary, document)
            item += nodes.paragraph(summary, summary, classes=["postarchive-summary"])
        items += item
    return items


def never_written(translator: Any, node: nodes.Element) -> None:
    """A placeholder's visitor, never called: each is replaced when its page is resolved."""
    raise nodes.SkipNode


class ListingTransform(SphinxPostTransform):
    """Make each pending list of posts, in its page and in the pages that gather others."""

    default_priority = 991  # last, as PostPartsTransform, after it: a post's footer holds one

    def run(self, **kwargs: Any) -> None:
        for place in list(self.document.findall(pending_post_list)):
            made = _post_list_nodes(place, self.config, self.document)
            link_pages(made, self)
            place.replace_self(made)


def link_pages(made: nodes.Element, transform: SphinxTransform) -> None:
    """Resolve the links to the archive's pages in nodes made after Sphinx resolved the page's
    links, as Sphinx resolves ``doc`` links (without the round of every domain its resolver
    makes for each: a year page holds hundreds). They name pages of the catalog, which exist;
    one that would not is shown as text."""
    env, builder = transform.env, build_state(transform.env).builder
    here = env.current_document.docname
    for ref in list(made.findall(addnodes.pending_xref)):
        docname = ref["reftarget"].removeprefix("/")
        shown = ref.astext()
        link = nodes.inline(shown, shown, classes=["doc"])
        if docname in env.all_docs:
            ref.replace_self(make_refnode(builder, here, docname, None, link))
        else:
            ref.replace_self(link)


# What Sphinx's smart quotes may change: quotes, backticks, dashes, ellipses.
_MAY_BE_EDUCATED = re.compile(r"""['"`]|--|\.\.\.""")


def typographic(text: str, document: nodes.document) -> str:
    """Prose made after reading (a post's excerpt) with the quotes and dashes the page's own text
    got when it was read: Sphinx's smart quotes, with the page's settings and language. Kept
    for the build: one excerpt is listed on many pages."""
    made = build_state(document.settings.env).typographic
    if text not in made:
        if _MAY_BE_EDUCATED.search(text):
            holder = new_document(document["source"], document.settings)
            holder += nodes.paragraph(text, text)
            SphinxSmartQuotes(holder, holder).apply()
            made[text] = holder.astext()
        else:
            made[text] = text
    return made[text]


def entry_title(docname: str, title: str, kind: str) -> nodes.paragraph:
    """A listed page's title, bold, on a line of its own; ``kind`` is the link's class."""
    line = nodes.paragraph(classes=["postarchive-entry-title"])
    line += nodes.strong("", "", doc_link(docname, title, classes=[kind]))
    return line


def author_line(authors: Iterable[AuthorLink]) -> nodes.inline:
    """ "By A and B", each name linking to its author page when there are author pages."""
    names = list(authors)
    line = nodes.inline(classes=["postarchive-authors"])
    line += nodes.Text("by ")
    for n, author in enumerate(names):
        if n:
            line += nodes.Text(" and " if n == len(names) - 1 else ", ")
        if author.docname is None:
            line += nodes.inline(author.name, author.name, classes=["postarchive-author"])
        else:
            line += doc_link(author.docname, author.name, classes=["postarchive-author"])
    return line


def year_list(years: Iterable[tuple[str, int, str]]) -> nodes.bullet_list:
    """One line per (years, number of posts, their page): "2016 — 12 posts"."""
    items = nodes.bullet_list(classes=["postarchive-year-list", "no-search"])
    for label, count, docname in years:
        line = nodes.paragraph()
        line += doc_link(docname, label)
        line += nodes.Text(f" — {plural(count, 'post')}")
        items += nodes.list_item("", line, classes=["postarchive-year-entry"])
    return items


def journey_links(journeys: Iterable[PageLink]) -> nodes.inline:
    links = nodes.inline(classes=["postarchive-journeys"])
    for n, journey in enumerate(journeys):
        if n:
            links += nodes.Text(", ")
        links += doc_link(journey.docname, journey.title, classes=["postarchive-journey"])
    return links


def tag_line(tags: Iterable[tuple[str, str | None]], intro: str) -> nodes.paragraph:
    """ "Tags: a, b", each (name, docname) linking to its tag page when it has one."""
    line = nodes.paragraph(classes=["tags", "postarchive-tags"])
    line += nodes.inline(intro, intro, classes=["postarchive-label"])
    for n, (name, docname) in enumerate(tags):
        line += nodes.Text(", " if n else " ")
        if docname is None:
            line += nodes.inline(name, name, classes=["postarchive-tag"])
        else:
            line += doc_link(docname, name, classes=["postarchive-tag"])
    return line


def toctree(parent: str, docnames: Iterable[str], *, hidden: bool = True) -> nodes.compound:
    """A toctree node, as the ``toctree`` directive makes it, over generated entries."""
    docnames = list(docnames)
    tree = addnodes.toctree()
    tree["parent"] = parent
    tree["entries"] = [(None, docname) for docname in docnames]
    tree["includefiles"] = docnames
    tree["maxdepth"] = -1
    tree["caption"] = None
    tree["glob"] = False
    tree["hidden"] = hidden
    tree["includehidden"] = False
    tree["numbered"] = 0
    tree["titlesonly"] = True
    wrapper = nodes.compound(classes=["toctree-wrapper"])
    wrapper += tree
    return wrapper


NOTHING_LISTED = "postarchive-nothing-listed"


class EmptyListingTransform(SphinxTransform):
    """A section that holds nothing but its title and a listing's "nothing to list yet" (the
    home page's "Journeys" of a blog that has none) is left out: a heading over no content
    reads as a broken page, and it would stand in the page's contents."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        for note in list(self.document.findall(nodes.paragraph)):
            if NOTHING_LISTED not in note["classes"]:
                continue
            section = note.parent
            if isinstance(section, nodes.section) and _holds_only(section, note):
                section.parent.remove(section)


def _holds_only(section: nodes.section, note: nodes.Node) -> bool:
    rest = [child for child in section.children if not isinstance(child, nodes.title)]
    return rest == [note]
