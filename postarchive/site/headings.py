"""Headings that link to a file of the archive (``### [Download](talk.zip)``, common on blogs).

MyST makes such a link a download reference, which Sphinx copies as it is into the page's table
of contents, where it has no anchor: writing the page then fails (``KeyError: 'anchorname'``)
and stops the whole build. The heading keeps its link on the page; its table-of-contents entry
keeps the link's text only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def unlink_downloads_in_toc(app: Sphinx, doctree: nodes.document) -> None:
    toc = app.env.tocs.get(app.env.docname)
    if toc is None:
        return
    for link in list(toc.findall(addnodes.download_reference)):
        link.replace_self(link.children or [nodes.Text(link.astext())])
