"""Links to addresses a browser or another program opens by their scheme (``chrome://flags``,
``about:preferences``, ``tel:``, ``irc:``), which MyST does not count as external: it looks for
a page of that name and warns. The blogs showed them as links; so does the archive. Only the
schemes listed, never ``javascript:``, ``data:`` or ``file:``."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from postarchive.reading.schemes import opened_by_program


class ProgramLinks(SphinxPostTransform):
    """A MyST link whose target has one of those schemes made a plain link to it."""

    default_priority = 8  # before MyST resolves its links (9) and warns

    def run(self, **kwargs: Any) -> None:
        for pending in list(self.document.findall(addnodes.pending_xref)):
            target = pending.get("reftarget", "")
            if pending.get("reftype") != "myst" or not opened_by_program(target):
                continue
            link = nodes.reference("", "", refuri=target, internal=False)
            link += pending.children or [nodes.literal(target, target)]
            pending.replace_self(link)
