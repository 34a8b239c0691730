"""A tiny Sphinx extension loaded only by the benchmark runner (``-D extensions=...``): it records
which documents a build reads and which it writes, and saves them as JSON at the end.

Both events run in the main process, in serial and parallel builds alike, so the lists are
complete with ``-j auto`` too.
"""

from __future__ import annotations

import json
import os
from typing import Any


def setup(app: Any) -> dict[str, Any]:
    seen: dict[str, list[str]] = {"read": [], "written": []}

    def before_read(app: Any, env: Any, docnames: list[str]) -> None:
        seen["read"] = sorted(docnames)

    def resolved(app: Any, doctree: Any, docname: str) -> None:
        seen["written"].append(docname)

    def finished(app: Any, exception: Exception | None) -> None:
        path = os.environ.get("BENCH_PROBE_OUT")
        if path:
            with open(path, "w", encoding="utf-8") as file:
                json.dump(seen, file)

    # Late priority: the list other extensions may have changed is the one Sphinx reads.
    app.connect("env-before-read-docs", before_read, priority=900)
    app.connect("doctree-resolved", resolved)
    app.connect("build-finished", finished, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
