"""A tiny Sphinx extension loaded only by the benchmark runner (``-D extensions=...``): it records
which documents a build reads and writes, and which pages it writes without a document (genindex,
search, ABlog's tag, category and year archives), and saves them as JSON at the end.

These events run in the main process, in serial and parallel builds alike, so the lists are
complete with ``-j auto`` too (pages without a document are written at the end, by the main
process; documents' pages may be written by workers, hence ``doctree-resolved`` for those).
"""

from __future__ import annotations

import json
import os
from typing import Any

from docutils import nodes


def setup(app: Any) -> dict[str, Any]:
    seen: dict[str, list[str]] = {"read": [], "written": [], "generated": []}

    def before_read(app: Any, env: Any, docnames: list[str]) -> None:
        seen["read"] = sorted(docnames)

    def resolved(app: Any, doctree: Any, docname: str) -> None:
        # Sphinx resolves a page's whole document, read from its file, just before writing it.
        # ABlog also resolves excerpts and posts for its lists and archives (bare nodes, or
        # documents without a source): those are no page written.
        if isinstance(doctree, nodes.document) and doctree.get("source"):
            seen["written"].append(docname)

    def page(app: Any, pagename: str, templatename: str, context: Any, doctree: Any) -> None:
        if doctree is None:
            seen["generated"].append(pagename)

    def finished(app: Any, exception: Exception | None) -> None:
        path = os.environ.get("BENCH_PROBE_OUT")
        if path:
            with open(path, "w", encoding="utf-8") as file:
                json.dump(seen, file)

    # Late priority: the list other extensions may have changed is the one Sphinx reads.
    app.connect("env-before-read-docs", before_read, priority=900)
    app.connect("doctree-resolved", resolved)
    app.connect("html-page-context", page)
    app.connect("build-finished", finished, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
