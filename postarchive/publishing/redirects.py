"""Old addresses keep working: a redirect page at each old address of a post, journey or tag,
written by sphinx-reredirects, and the same map in the form Read the Docs' redirects take.

The redirects are handed to sphinx-reredirects' writer directly rather than through its
``redirects`` setting: that setting is an "env" value, so adding one permalink would re-read
every document. The user's own ``redirects`` setting keeps working as that extension documents.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging
from sphinx_reredirects import Reredirects

from postarchive.reading.problems import Problem, Subtype
from postarchive.site.reporting import report
from postarchive.site.state import build_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

READTHEDOCS_MAP = "_redirects/readthedocs.json"
PLAIN_MAP = "_redirects/redirects.txt"


def write_redirects(app: Sphinx) -> list[Any]:
    builder = app.builder
    # Redirect pages belong to a site on the web, not to the single page or e-book builds.
    if not isinstance(builder, StandaloneHTMLBuilder) or builder.name not in ("html", "dirhtml"):
        return []
    catalog = build_state(app.env).catalog
    outdir = Path(app.outdir).resolve()
    # Where every page is written, to refuse redirects that would replace one (none to refuse
    # without redirects: working it out costs a moment per page).
    pages = {
        Path(builder.get_outfilename(doc)).relative_to(builder.outdir).as_posix(): doc
        for doc in (app.env.found_docs if catalog.redirects else ())
    }
    redirects: dict[str, str] = {}
    readthedocs = []
    for source, old in sorted(catalog.redirects.items()):
        docname, address, where = old.docname, old.address, old.claimed_in
        if source in pages or not (outdir / source).resolve().is_relative_to(outdir):
            report(
                Problem(
                    where,
                    None,
                    f"old address {address!r} is where the page {pages.get(source, source)!r} is "
                    "written; no redirect is made for it",
                    Subtype.REDIRECT,
                )
            )
            continue
        target = builder.get_target_uri(docname)
        relative = posixpath.relpath(target, posixpath.dirname(source) or ".")
        redirects[source] = relative + ("/" if target.endswith("/") else "")
        readthedocs.append({"type": "page", "from_url": address, "to_url": "/" + target})
    Reredirects(app).create_redirects(redirects)
    _write(outdir / READTHEDOCS_MAP, json.dumps(readthedocs, indent=2) + "\n")
    _write(outdir / PLAIN_MAP, "".join(f"{r['from_url']} -> {r['to_url']}\n" for r in readthedocs))
    return []


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
