"""``postarchive init``: a new archive folder, from the templates shipped in the package, with
the blog's identity (title, author, language, address, logo) written into its conf.py.

What the folder already holds is never overwritten: each file the templates would write over is
kept and named, so ``--force`` only adds what is missing.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field, replace
from datetime import date
from importlib.resources import files
from pathlib import Path
from string import Template

from postarchive.importing.escaping import markdown_text
from postarchive.importing.sites import Identity
from postarchive.reading.slugs import slugify

# Template -> file of the new archive; "_t" templates have $placeholders.
TEMPLATES = {
    "conf.py_t": "conf.py",
    "index.md_t": "index.md",
    "README.md_t": "README.md",
    "Makefile": "Makefile",
    "readthedocs.yaml": ".readthedocs.yaml",
    "requirements.txt": "requirements.txt",
    "gitignore": ".gitignore",
}
# Empty folders, kept in version control by a file git sees (not Markdown: that would be a post).
FOLDERS = ("posts", "journeys", "pages", "_static")
KEEP = ".gitkeep"
DEFAULT_TITLE = "My blog"


@dataclass
class NewArchive:
    folder: Path
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # already there: left as they were


def settled_identity(identity: Identity, title: str | None, author: str | None) -> Identity:
    """The blog's identity with what the command line gives taking precedence."""
    return replace(identity, title=title or identity.title, author=author or identity.author)


def start_archive(folder: Path, identity: Identity) -> NewArchive:
    """Write the archive's files into ``folder`` (made if missing), keeping any already there."""
    result = NewArchive(folder)
    folder.mkdir(parents=True, exist_ok=True)
    images = _copy_images(folder, identity, result)
    values = _values(identity, images)
    templates = files("postarchive") / "templates" / "init"
    for name, target in TEMPLATES.items():
        text = templates.joinpath(name).read_text(encoding="utf-8")
        if name.endswith("_t"):
            text = Template(text).substitute(values)
        _write_new(folder, target, text, result)
    for name in FOLDERS:
        (folder / name).mkdir(exist_ok=True)
        if not any((folder / name).iterdir()):
            _write_new(folder, f"{name}/{KEEP}", "", result)
    return result


def _values(identity: Identity, images: dict[str, str]) -> dict[str, str]:
    """The placeholders: Python values as ``repr`` literals (never text pasted into code),
    Markdown as escaped text."""
    title = identity.title or DEFAULT_TITLE
    author = identity.author or ""
    year = date.today().year
    description = identity.description
    lines = [f"{setting} = {path!r}" for setting, path in images.items()]
    return {
        "project": repr(title),
        "author": repr(author),
        "year": repr(str(year)),
        # An XML name, as EPUB wants: letters, digits and hyphens, starting with a letter.
        "book_id": repr("archive-" + slugify(title)),
        "language": repr(identity.language or "en"),
        "base_url": repr(_with_slash(identity.base_url) if identity.base_url else ""),
        "images": "".join(line + "\n" for line in lines),
        "title": markdown_text(title),
        "introduction": f"{markdown_text(description)}\n\n" if description else "",
    }


def _with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def _copy_images(folder: Path, identity: Identity, result: NewArchive) -> dict[str, str]:
    """The blog's logo and favicon copied into ``_static/``: setting -> path for conf.py."""
    settings = {}
    for setting, source in (("html_logo", identity.logo), ("html_favicon", identity.favicon)):
        if source is None or not source.is_file():
            continue
        target = f"_static/{source.name}"
        settings[setting] = target
        if (folder / target).exists():
            result.kept.append(target)
            continue
        (folder / "_static").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, folder / target)
        result.written.append(target)
    return settings


def _write_new(folder: Path, name: str, text: str, result: NewArchive) -> None:
    path = folder / name
    if path.exists() or path.is_symlink():
        result.kept.append(name)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    result.written.append(name)
