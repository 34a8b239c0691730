"""Pelican's Mau articles (the pelican-mau-reader plugin's format), made into MyST posts.

Mau itself reads an article, as Pelican's reader does: its metadata are the variables of the
``pelican`` namespace (``:pelican.title:``, ``:pelican.tags:``...), its aliases and templates come
from the blog's ``MAU`` setting. mau-html-visitor writes the HTML, with templates of our own for
what HTML would flatten (code with its language and title, boxes, footnotes, captioned pictures),
so that each comes back as MyST; the blog's own templates of macros and includes (its shortcodes)
are used as Pelican used them. That HTML then takes the path of every HTML post
(:mod:`postarchive.importing.fromhtml`), and the Markdown the path of every Markdown post:
``{static}`` links, pictures copied along.

Includes (``<< mau:snippets/x.mau``) are read from where Pelican ran (the folder of its settings)
or beside the article, never from outside the blog. A macro or include no template shows is kept
as written, as code, and reported with its line; an article Mau cannot read at all is kept as
written, in a code block, and reported: nothing of the article is lost.
"""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag
from jinja2.sandbox import SandboxedEnvironment

from postarchive.importing.convert import _fenced
from postarchive.importing.fromhtml import SetAside, html_to_myst, plain_text
from postarchive.importing.restructuredtext import Article
from postarchive.reading.problems import Problem, Subtype

try:
    from mau import BASE_NAMESPACE, Mau
    from mau.environment.environment import Environment
    from mau.message import BaseMessageHandler, MauException, MauMessage
    from mau.nodes.node import Node
    from mau_html_visitor import HtmlVisitor
except ImportError as error:  # reported on each article, which is then kept as written
    MAU_MISSING: str | None = f"the mau package cannot be loaded ({error})"
else:
    MAU_MISSING = None

# A line of metadata, when Mau cannot read the article: ``:pelican.title:Some title``.
_VARIABLE = re.compile(r"^:pelican\.([\w.-]+):(.*)$")
# ``<< mau:snippets/feedback.mau`` and ``<< raw:file.html``: Mau opens these from the working
# folder, which here is not the blog's.
_INCLUDE = re.compile(r"^(<<\s*(?:mau|raw):)\s*(\S.*?)\s*$")
# A variable defined (``:name:value``), and used (``{name}``).
_DEFINITION = re.compile(r"^:([\w.-]+):(.*)$")
_USE = re.compile(r"\{([\w.-]+)\}")
# A line delimiting a block (``----``): inside one, an include line is the block's text.
_DELIMITER = re.compile(r"^([-#*=+_])\1{3,}\s*$")
_ADMONITIONS = {"attention", "caution", "danger", "error", "hint", "important", "note", "tip",
                "warning", "seealso"}  # fmt: skip

# Templates (mau-html-visitor's Jinja) that write what the conversion below reads back as MyST.
_TEMPLATES = {
    "source.html": (
        '<div class="mau-source">{% if labels.title %}<div class="mau-title">{{ labels.title }}'
        '</div>{% endif %}<pre data-lang="{{ language }}">{{ content | e }}</pre></div>'
    ),
    "source-marker.html": "({{ value }})",  # a callout in the code, as the prose names it
    "block.html": (
        '{% if subtype %}<aside class="mau-box" data-kind="{{ subtype }}">'
        '{% if labels.title %}<header class="mau-title">{{ labels.title }}</header>{% endif %}'
        "{{ content }}</aside>{% else %}<div>{{ content }}</div>{% endif %}"
    ),
    "block.admonition.html": (
        '<aside class="mau-box" data-kind="{{ kwargs.class or "note" }}">'
        '{% if labels.title %}<header class="mau-title">{{ labels.title }}</header>{% endif %}'
        "{{ content }}</aside>"
    ),
    "block.quote.html": (
        "<blockquote>{{ content }}{% if labels.title %}<p>— {{ labels.title }}</p>{% endif %}"
        "</blockquote>"
    ),
    "include-image.html": (
        '{% if labels.title %}<figure><img src="{{ uri }}" alt="{{ alt_text or "" }}">'
        "<figcaption>{{ labels.title }}</figcaption></figure>"
        '{% else %}<p><img src="{{ uri }}" alt="{{ alt_text or "" }}"></p>{% endif %}'
    ),
    "macro-footnote.html": ('<span class="mau-noteref" data-id="{{ footnote.public_id }}"></span>'),
    # Every footnote is written at the end, as MyST wants it, whether the article lists them
    # (``<< footnotes``) or not.
    "footnotes.html": "",
    "toc.html": "",  # the archive shows its own table of contents
}
# The blog's templates kept: those of its own macros and includes. Its templates of blocks and
# headers dress what the templates above must keep readable.
_BLOG_TEMPLATES = re.compile(r"^(macro|include)[.-].*\.html$")


def read_article(
    text: str, rel: str, *, folder: Path, root: Path, settings: Mapping[str, Any]
) -> Article:
    """The article's metadata and its body as Markdown. ``folder`` is the article's, ``root`` the
    folder Pelican ran in (its settings'), ``settings`` the blog's ``MAU`` setting."""
    if MAU_MISSING:
        return _as_written(text, rel, None, MAU_MISSING)
    written, problems = _includes(text, rel, folder, root)
    environment = _environment(settings, root)
    handler = _Messages()
    mau = Mau(handler, environment=environment)
    try:
        lexer = mau.run_lexer(mau.init_text_buffer(written, rel))
        parser = mau.run_parser(lexer.tokens)
        visitor = _ArchiveVisitor(handler, mau.environment, rel)
        body = visitor.process(parser.output.document)
        notes = {
            note.public_id: str(visitor.visitlist(note, note.content))
            for note in parser.footnotes_manager.footnotes_dict.values()
        }
    except MauException as error:
        return _as_written(text, rel, *_where(error.message))
    except Exception as error:  # Mau's own slip: the article is still kept
        return _as_written(text, rel, None, f"{type(error).__name__}: {error}")
    problems += [
        Problem(rel, line, f"{written!r}: no template of the blog shows it; kept as written, "
                "as code", Subtype.IMPORT)
        for line, written in visitor.kept
    ]  # fmt: skip
    fields = _metadata(mau.environment, settings, root)
    return Article(fields, _markdown(str(body), notes), problems)


class _Messages(BaseMessageHandler if not MAU_MISSING else object):  # type: ignore[misc]
    """Mau's messages, kept for the report rather than logged."""

    def __init__(self) -> None:
        self.messages: list[MauMessage] = []

    def process(self, message: MauMessage) -> None:
        self.messages.append(message)

    def process_lexer_error(self, message: MauMessage) -> None:
        self.process(message)

    def process_parser_error(self, message: MauMessage) -> None:
        self.process(message)

    def process_visitor_error(self, message: MauMessage) -> None:
        self.process(message)

    def process_visitor_debug(self, message: MauMessage) -> None:
        pass


class _NoTemplate(Exception):
    """No template of the blog shows this include (``<< repo.github:...``)."""


class _ArchiveVisitor(HtmlVisitor if not MAU_MISSING else object):  # type: ignore[misc]
    """mau-html-visitor, but a macro or include no template shows is kept as written (Pelican
    would stop on the whole article)."""

    def __init__(self, handler: BaseMessageHandler, environment: Environment, rel: str) -> None:
        super().__init__(handler, environment)
        # The blog's templates run sandboxed: a template is the blog's, not the machine's.
        compiled: Any = self._dict_env  # type: ignore[has-type]  # mau is untyped
        self._dict_env = SandboxedEnvironment(loader=compiled.loader)
        self.rel = rel
        self.kept: list[tuple[int | None, str]] = []  # (line, as written)

    def _find_matching_template(self, node: Node, data: dict[str, Any]) -> Any:
        template = super()._find_matching_template(node, data)
        if template.name == "include":  # mau-html-visitor's shows the kind, not what it names
            raise _NoTemplate
        return template

    def visit(self, node: Node | None, **kwargs: Any) -> str:
        try:
            return str(super().visit(node, **kwargs))
        except (MauException, _NoTemplate):
            if node is None or node.type not in ("macro", "include"):
                raise
        written = _written(node)
        context = node.info.context if node.info else None
        line = context.start_line + 1 if context and context.source == self.rel else None
        self.kept.append((line, written))
        return f"<code>{html.escape(written)}</code>"


def _written(node: Node) -> str:
    """A macro or include as the author wrote it (near enough: its arguments in order)."""
    arguments = node.arguments
    values = [*arguments.unnamed_args, *(f"{k}={v}" for k, v in arguments.named_args.items())]
    if node.type == "macro":
        return f"[{getattr(node, 'name', '')}]({', '.join(values)})"
    return f"<< {getattr(node, 'ctype', '')}:{', '.join(values)}"


def _environment(settings: Mapping[str, Any], root: Path) -> Environment:
    """The blog's ``MAU`` setting (its aliases), with our templates and its own ones of macros
    and includes; no template provider (a package of the old site's machine)."""
    config = copy.deepcopy(dict(settings))
    visitor = config.setdefault("visitor", {})
    visitor = visitor if isinstance(visitor, dict) else {}
    config["visitor"] = visitor
    blog_templates = visitor.pop("templates", None)
    templates: dict[str, str] = {}
    paths = blog_templates.get("paths", []) if isinstance(blog_templates, dict) else []
    for name in paths if isinstance(paths, list) else []:
        templates.update(_blog_templates(root, str(name)))
    templates.update(_TEMPLATES)
    visitor["html"] = {**visitor.get("html", {}), "highlighter": "none"}  # the archive highlights
    environment = Environment.from_dict(config, BASE_NAMESPACE)
    environment["mau.visitor.templates.custom"] = Environment.from_dict(templates)
    return environment


def _blog_templates(root: Path, name: str) -> dict[str, str]:
    folder = (root / name).resolve()
    if not folder.is_dir() or not folder.is_relative_to(root.resolve().parent):
        return {}  # the theme beside the settings (``../mau/templates``), not further
    return {
        path.name: "".join(line.strip() for line in path.read_text("utf-8").split("\n"))
        for path in sorted(folder.iterdir())
        if _BLOG_TEMPLATES.match(path.name) and path.is_file()
    }


def _includes(text: str, rel: str, folder: Path, root: Path) -> tuple[str, list[Problem]]:
    """Each include's file named by its whole path, found where Pelican ran or beside the
    article; one not found is kept as written, as code, and reported."""
    problems: list[Problem] = []
    lines = text.split("\n")
    inside: str | None = None
    top = root.resolve()
    variables: dict[str, str] = {}  # ``:feedback:snippets/feedback.mau``, for ``<< mau:{feedback}``
    for number, line in enumerate(lines):
        if defined := _DEFINITION.match(line):
            variables[defined[1]] = defined[2].strip()
        delimiter = _DELIMITER.match(line)
        if delimiter:
            inside = None if inside == line.strip() else inside or line.strip()
            continue
        match = _INCLUDE.match(line)
        if inside or not match or "=" in match[2]:
            continue
        name = _USE.sub(lambda m: variables.get(m[1], m[0]), match[2].strip("\"'"))
        found = next(
            (
                path
                for path in ((root / name).resolve(), (folder / name).resolve())
                if path.is_file() and path.is_relative_to(top)
            ),
            None,
        )
        if found is not None:
            lines[number] = match[1] + found.as_posix()
        else:
            lines[number] = f"`{line.strip()}`"
            message = f"include {name!r} not found in the blog; kept as written"
            problems.append(Problem(rel, number + 1, message, Subtype.IMPORT))
    return "\n".join(lines), problems


def _metadata(environment: Environment, settings: Mapping[str, Any], root: Path) -> dict[str, Any]:
    """The ``pelican`` namespace's variables, as Pelican's fields; the summary, written in Mau,
    as plain text."""
    namespace = environment.get("pelican")
    values = namespace.asdict() if namespace is not None else {}
    fields = {
        str(name).lower(): str(value).strip()
        for name, value in values.items()
        if not isinstance(value, dict | list)
    }
    if fields.get("summary"):
        summary = Mau(_Messages(), environment=_environment(settings, root))
        try:
            shown = summary.process(HtmlVisitor, fields["summary"], "summary")
            fields["summary"] = plain_text(str(shown))
        except Exception:  # the summary as written, then
            pass
    return fields


def _where(message: MauMessage) -> tuple[int | None, str]:
    context = getattr(message, "context", None)
    position = getattr(message, "position", None)
    if context is not None:
        return context.start_line + 1, message.text
    if position:
        return position[0] + 1, message.text
    return None, message.text


def _as_written(text: str, rel: str, line: int | None, why: str) -> Article:
    """An article Mau cannot read: its metadata lines read as Pelican would, the rest kept as
    written in a code block, and reported."""
    fields: dict[str, Any] = {}
    body: list[str] = []
    for written in text.split("\n"):
        match = _VARIABLE.match(written)
        if match and "." not in match[1]:
            fields[match[1].lower()] = match[2].strip()
        else:
            body.append(written)
    message = f"Mau cannot read it: {why.rstrip('.')}; kept as written, as code"
    problem = Problem(rel, line, message, Subtype.IMPORT)
    return Article(fields, _fenced("", "\n".join(body)) + "\n", [problem])


def _markdown(body: str, notes: Mapping[str, str]) -> str:
    """The HTML of our templates as MyST, with the footnotes (their HTML by number) at the end:
    what the HTML conversion would flatten is set aside first, then written back."""
    soup = BeautifulSoup(body, "html.parser")
    aside = SetAside(soup)
    set_aside = aside.replace

    def myst(node: Tag) -> str:
        return aside.put_back(html_to_myst(node.decode_contents()).text.strip("\n"))

    for source in soup.select("div.mau-source"):
        caption_node, pre = source.select_one("div.mau-title"), source.find("pre")
        language = str(pre.get("data-lang") or "") if isinstance(pre, Tag) else ""
        language = "" if language == "text" else language
        code = pre.get_text() if isinstance(pre, Tag) else ""
        if caption_node is None:
            set_aside(source, _fenced(language, code))
        else:
            caption = plain_text(caption_node.decode_contents())
            set_aside(source, _fenced(f"{{code-block}} {language}".rstrip(),
                                      f":caption: {caption}\n\n{code}"))  # fmt: skip
    for reference in soup.select("span.mau-noteref"):
        set_aside(reference, f"[^{reference.get('data-id')}]", inline=True)
    for box in reversed(soup.select("aside.mau-box")):  # innermost first
        kind = str(box.get("data-kind") or "note").lower()
        header = box.find("header", class_="mau-title", recursive=False)
        title = " ".join(myst(header).split()) if isinstance(header, Tag) else ""
        if isinstance(header, Tag):
            header.decompose()
        if kind in _ADMONITIONS and not title:
            heading, options = f"{{{kind}}}", ""
        elif title:
            heading, options = f"{{admonition}} {title}", f":class: {kind}\n\n"
        else:  # a box of the blog's own kind (an infobox): a note, dressed as that kind
            heading, options = "{note}", f":class: {kind}\n\n"
        set_aside(box, _fenced(heading, options + myst(box)))
    text = aside.put_back(html_to_myst(str(soup)).text.strip("\n"))
    definitions = [
        f"[^{number}]: " + myst(BeautifulSoup(note, "html.parser")).replace("\n", "\n    ")
        for number, note in notes.items()
    ]
    return "\n\n".join([text, *definitions]) + "\n"
