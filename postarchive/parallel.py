"""Parallel reading (``-j``) whose workers send back only the documents they read.

Sphinx forks a worker for each chunk of documents; the worker reads them and sends its whole
environment back, and the main process unpickles it only to copy the entries of those
documents. A worker forked late holds every document merged before it, so what is sent back
grows with each chunk: at 1000 posts, 36 MB in all, 2.3 s of unpickling in the main process
while both cores read. Here a worker, before it reads its first document, forgets the other
documents' entries (it reads nothing of them: in a first build it could not have either), and
sends back 7 MB.

The environment and the pages are those a serial build makes (``tests/test_parallel_build.py``).

Writing keeps Sphinx's split: the main process resolves and indexes each page, workers turn
chunks of pages into HTML. Sphinx starts one worker fewer than ``-j`` asks, leaving a core to the
main process; here every core gets a writer. In an archive the main process's share is the
lighter one (at 1000 posts on two cores: 10 s resolving against 13 s of writing), so with a
single writer the main process sat waiting for it while a core idled, and the writer only began
once a first chunk of 108 pages was resolved. (Workers that resolved and wrote whole pages were
tried too; on two cores they gained nothing over this.)
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from postarchive.site.domain import archive_domain
from postarchive.site.state import build_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

# The environment's entries per document (Sphinx's collectors merge only the read documents'
# entries from a worker's), and the search index kept from the last build.
PER_DOCUMENT = (
    "tocs", "toc_num_entries", "toctree_includes", "files_to_rebuild", "glob_toctrees",
    "numbered_toctrees", "titles", "longtitles", "metadata", "dependencies",
    "_search_index_titles", "_search_index_filenames", "_search_index_mapping",
    "_search_index_title_mapping", "_search_index_all_titles", "_search_index_index_entries",
)  # fmt: skip


def forget_other_documents(app: Sphinx, docname: str, source: list[str]) -> None:
    """In a reading worker, before its first document: only what it reads is sent back."""
    state = build_state(app.env)
    process = os.getpid()
    if process in (state.main_process, state.reading_worker):
        return
    state.reading_worker = process
    env = app.env
    for name in PER_DOCUMENT:
        entries = getattr(env, name, None)
        if entries is not None:
            entries.clear()
    archive_domain(env).forget_other_documents()


def a_writer_for_every_core(app: Sphinx, builder: Builder) -> None:
    """At ``write-started``: Sphinx writes with ``-j`` minus one workers; give it one more."""
    if builder.parallel_ok and app.parallel > 1:
        build_state(app.env).parallel_asked = app.parallel
        app.parallel += 1


def parallel_as_asked(app: Sphinx, exception: BaseException | None) -> None:
    """At ``build-finished``: ``-j`` as it was given, for a next build in the same process."""
    try:
        state = build_state(app.env)
    except RuntimeError:  # the build stopped before it started
        return
    if state.parallel_asked is not None:
        app.parallel = state.parallel_asked
        state.parallel_asked = None
