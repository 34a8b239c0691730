"""Code block languages that blogs' highlighters (Prism, highlight.js, Rouge) know by names
Pygments does not: ``markup`` is Prism's HTML, ``clike`` its C-like languages, ``none`` and
``nohighlight`` mean plain text, ``terminal`` is Rouge's shell session. Registered as Sphinx
lexers so such a block is highlighted as its author meant, without a warning, and the post's
text is left as written.

Blogs also name a block by its file (```` ```app.py ````, ```` ```docker-compose.yml ````) or by a
language no highlighter knows (``dns``, ``log``, ``mermaid``), which their engines showed as
plain code: such a block is highlighted by its file's type when Pygments knows it, else shown
as plain text, without a warning; the post keeps its fence as written.

A block in a language Pygments knows may still not lex (JSON with comments, a shell session's
output, a no-break space): the blogs' own highlighters (Chroma, Rouge, Prism) showed it
highlighted as far as they could, without a word. Such blocks are marked ``force``, Sphinx's own
switch for that (what ``code-block``'s ``:force:`` option sets): Pygments then marks the token
it cannot read instead of failing, the block is still highlighted and shown as written, and the
build gives no ``misc.highlighting_failure`` for code the author wrote and cannot change in an
archive. Only blocks whose language the author named: one without (``default``) is still tried
as the configured language and shown plain if it is not."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from docutils import nodes
from pygments.lexer import Lexer
from pygments.lexers import get_all_lexers, get_lexer_by_name, get_lexer_for_filename
from pygments.lexers.c_cpp import CLexer
from pygments.lexers.html import HtmlLexer, XmlLexer
from pygments.lexers.shell import BashSessionLexer
from pygments.lexers.special import TextLexer
from pygments.util import ClassNotFound
from sphinx.highlighting import lexer_classes, lexers
from sphinx.transforms import SphinxTransform

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
        if name not in _pygments_names():  # a later release may know it: its own stays
            app.add_lexer(name, lexer)


@functools.cache
def _pygments_names() -> frozenset[str]:
    """The names of Pygments' own lexers. (Asked for a name it lacks, ``get_lexer_by_name``
    looks through every installed package's plugins: about 10 ms a name.)"""
    return frozenset(
        alias for _name, aliases, _files, _types in get_all_lexers(plugins=False)
        for alias in aliases
    )  # fmt: skip


@functools.cache
def _lexer_named(language: str) -> bool:
    """Whether Pygments, or a plugin of an installed package, has a lexer of this name."""
    if language.lower() in _pygments_names():
        return True
    try:
        get_lexer_by_name(language)
    except ClassNotFound:
        return False
    return True


class CodeLanguageTransform(SphinxTransform):
    """A code block's language that Pygments does not know is read as a file name, else as
    plain text (Sphinx would warn and show it plain); a block in a named language is
    highlighted even where it does not lex."""

    default_priority = 400

    def apply(self, **kwargs: Any) -> None:
        for block in self.document.findall(nodes.literal_block):
            language = block.get("language")
            if not language or language == "default":
                continue
            if not _known(language):
                block["language"] = language_of_file(language)
            block["force"] = True


# Sphinx's own names besides Pygments' (``default`` is the configured highlight language).
_SPHINX_NAMES = {"default", "guess", "none", "py3", "python3", "pycon3"}


def _known(language: str) -> bool:
    if language in _SPHINX_NAMES or language in lexers or language in lexer_classes:
        return True
    return _lexer_named(language)


def language_of_file(name: str) -> str:
    """The Pygments language of a file named ``name`` (``app.py``) or of its extension
    (``tfvars``), else ``text``."""
    for file_name in (name, f"file.{name}"):
        try:
            return str(get_lexer_for_filename(file_name).aliases[0])
        except (ClassNotFound, IndexError):
            continue
    return "text"
