"""What a build leaves in the output folder besides Sphinx's pages, at its end: the texts for
search snippets and the feeds (made from the store of written pages), the files that imported
posts link from raw HTML, and no pages of documents that are gone."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.builders.html import StandaloneHTMLBuilder

from postarchive.config import ASSETS
from postarchive.publishing.feeds import write_feeds
from postarchive.publishing.search import result_lines
from postarchive.publishing.snippets import write_snippet_texts
from postarchive.site.state import build_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def copy_post_assets(app: Sphinx, exception: Exception | None) -> None:
    """Images that imported posts keep inside raw HTML (a table, a gallery) are not seen by
    Sphinx; their files, in the posts' assets folder, go beside the pages that use them."""
    if exception is not None or app.builder.name != "html":
        return
    posts_dir = app.config.postarchive_posts_dir.strip("/")
    source = Path(app.srcdir) / posts_dir / ASSETS
    if source.is_dir():
        shutil.copytree(source, Path(app.outdir) / posts_dir / ASSETS, dirs_exist_ok=True)


def drop_removed_pages(app: Sphinx, exception: Exception | None) -> None:
    """Sphinx leaves the page of a deleted post (or a tag no post has any more, or a new draft)
    in the output; a reader following an old link would find it. Remove it."""
    builder = app.builder
    if exception is not None or not isinstance(builder, StandaloneHTMLBuilder):
        return
    outdir = Path(builder.outdir).resolve()
    for docname in build_state(app.env).removed - set(app.env.found_docs):
        page = Path(builder.get_outfilename(docname)).resolve()
        if page.is_relative_to(outdir) and page.is_file():
            page.unlink()


def write_from_pages(app: Sphinx, exception: Exception | None) -> None:
    """What is made from the written pages: the texts for search snippets and the feeds, each only
    when what it is made from changed."""
    state = build_state(app.env)
    store = state.store
    if exception is not None or store is None:
        return
    store.keep_only(set(app.env.found_docs))
    write_snippet_texts(Path(app.outdir), store, result_lines(app))
    write_feeds(app, state.catalog, store)  # only those whose entries changed
    store.save()
