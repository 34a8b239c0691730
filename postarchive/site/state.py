"""What one build knows beyond Sphinx's environment, in one object: the catalog and its views,
and what later steps of the same build reuse. Made at builder-inited and kept on the archive's
domain for this build only (domains are made anew with each environment and never pickled), so
forked parallel readers inherit it and the next build starts clean.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from postarchive.catalog.addresses import PostIndex
from postarchive.catalog.model import Catalog
from postarchive.catalog.views import Views

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from postarchive.publishing.pagestore import PageStore
    from postarchive.publishing.searchindex import IndexUpdate
    from postarchive.site.navigation import SidebarTree


@dataclass
class BuildState:
    catalog: Catalog
    builder: Builder  # for the links post-transforms make (transforms reach it only privately)
    views: Views = field(init=False)
    index: PostIndex = field(init=False)
    # Documents gone since the last build (deleted posts, tags no post has, new drafts): their
    # pages are removed from the output at the end.
    removed: set[str] = field(default_factory=set)
    # Made when the first page is written, once the toctrees are complete.
    sidebar: SidebarTree | None = None
    # HTML builds only: what each written page says (search snippets, full-content feeds).
    store: PageStore | None = None
    # Feed path and title of the feeds each page links in its head, worked out once.
    page_feeds: dict[str, list[tuple[str, str]]] | None = None
    # HTML builds only: the previous search index, brought up to date at the end.
    search_index: IndexUpdate | None = None
    # The cycle collector's thresholds before pages were written (postarchive.memory).
    collector_thresholds: tuple[int, int, int] | None = None
    # The process that started the build, and the reading worker (forked from it) this is, once
    # it has forgotten the documents it does not read (postarchive.parallel).
    main_process: int = field(default_factory=os.getpid)
    reading_worker: int | None = None
    # Excerpts with Sphinx's smart quotes, made once for the pages that list them (site.listing).
    typographic: dict[str, str] = field(default_factory=dict)
    # The ``-j`` given, while writing runs with one worker more (postarchive.parallel).
    parallel_asked: int | None = None

    def __post_init__(self) -> None:
        self.views = Views(self.catalog)
        self.index = PostIndex(self.catalog)


def build_state(env: BuildEnvironment) -> BuildState:
    from postarchive.site.domain import archive_domain

    state = archive_domain(env).state
    if state is None:
        raise RuntimeError("postarchive: the build's state is made at builder-inited")
    return state
