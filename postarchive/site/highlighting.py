"""Code block languages that blogs' highlighters (Prism, highlight.js, Rouge) know by names
Pygments does not: ``markup`` is Prism's HTML, ``clike`` its C-like languages, ``none`` and
``nohighlight`` mean plain text, ``terminal`` is Rouge's shell session. Registered as Sphinx
lexers so such a block is highlighted as its author meant, without a warning, and the post's
text is left as written."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.lexers.c_cpp import CLexer
from pygments.lexers.html import HtmlLexer, XmlLexer
from pygments.lexers.shell import BashSessionLexer
from pygments.lexers.special import TextLexer
from pygments.util import ClassNotFound

if TYPE_CHECKING:
    from sphinx.application import Sphinx

BLOG_LANGUAGES: dict[str, type[Lexer]] = {
    "markup": HtmlLexer,
    "svg": XmlLexer,
    "mathml": XmlLexer,
    "ssml": XmlLexer,
    "rss": XmlLexer,
    "atom": XmlLexer,
    "clike": CLexer,
    "none": TextLexer,
    "plain": TextLexer,
    "plaintext": TextLexer,
    "nohighlight": TextLexer,
    "terminal": BashSessionLexer,  # Rouge's (Jekyll's) name for a shell session
    "shell_session": BashSessionLexer,
}


def register_blog_languages(app: Sphinx) -> None:
    for name, lexer in BLOG_LANGUAGES.items():
        try:
            get_lexer_by_name(name)  # Pygments knows it (a later release may): its own stays
        except ClassNotFound:
            app.add_lexer(name, lexer)
