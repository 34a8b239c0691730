"""Struck-out text (``~~was~~ is``, MyST's ``strikethrough``, common in blogs' corrections and
updates) in every format.

MyST writes it as two raw HTML tags around the text, with a warning at each use: the tags are
lost in the PDF, where the text then reads as if it stood, and the warning fails a Read the Docs
build that has ``fail_on_warning``. The archive turns each pair into one inline node with a
class instead: a line through it in HTML and the EPUB (postarchive.css), and in the PDF through
lua-ul, LuaLaTeX's package for it. The warning is then not needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STRUCK = "postarchive-struck"

# \DUrole{postarchive-struck}{text} is what Sphinx's LaTeX writer makes of the inline node.
LATEX = (
    r"""
\ifdefined\directlua\usepackage{lua-ul}\fi
\expandafter\def\csname DUrole"""
    + STRUCK
    + r"""\endcsname#1{%
  \ifdefined\strikeThrough\strikeThrough{#1}\else#1\fi}
"""
)


def _is_tag(node: nodes.Node, tag: str) -> bool:
    return isinstance(node, nodes.raw) and node.get("format") == "html" and node.astext() == tag


class StrikethroughTransform(SphinxTransform):
    """``<s>`` text ``</s>`` (raw nodes MyST leaves side by side in one parent) becomes one
    inline node of class ``postarchive-struck`` holding the text."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        # (found by class, then filtered: a function as findall's condition is called on every
        # node of every page)
        openings = [raw for raw in self.document.findall(nodes.raw) if _is_tag(raw, "<s>")]
        for opening in openings:
            parent = opening.parent
            start = parent.index(opening)
            end = next(
                (i for i in range(start + 1, len(parent)) if _is_tag(parent[i], "</s>")), None
            )
            if end is None:  # not MyST's pair: left as it is
                continue
            struck = nodes.inline(classes=[STRUCK])
            struck.extend(parent[start + 1 : end])
            parent[start : end + 1] = [struck]


def struck_text_everywhere(app: Sphinx, config: Config) -> None:
    """Quiet MyST's warning, which the transform makes needless, and give LaTeX the line."""
    if "strikethrough" not in config.myst_enable_extensions:
        return
    config.suppress_warnings = [*config.suppress_warnings, "myst.strikethrough"]
    preamble = config.latex_elements.get("preamble", "")
    if LATEX not in preamble:
        config.latex_elements = {**config.latex_elements, "preamble": preamble + LATEX}
