"""Parallel reading (``-j``) whose workers send back only the documents they read.

Sphinx forks a worker for each chunk of documents; the worker reads them and sends its whole
environment back, and the main process unpickles it only to copy the entries of those
documents. A worker forked late holds every document merged before it, so what is sent back
grows with each chunk: at 1000 posts, 36 MB in all, 2.3 s of unpickling in the main process
while both cores read. Here a worker, before it reads its first document, forgets the other
documents' entries (it reads nothing of them: in a first build it could not have either), and
sends back 7 MB.

The environment and the pages are those a serial build makes (``tests/test_parallel_build.py``).

(Writing is left as Sphinx does it: the main process resolves and indexes each page, a worker
turns it into HTML. Workers that did whole pages were tried; on two cores the time was the same,
since Sphinx's split already keeps both busy.)
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from postarchive.site.domain import archive_domain
from postarchive.site.state import build_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

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
