"""The theme's templates, compiled once and kept between builds.

Sphinx makes its Jinja environment anew for every build, so every build compiled the theme's
templates from their source again (furo's page, base, sidebar and components): in a one-post
edit at 1000 posts, most of the time of writing its two pages. Jinja's own bytecode cache keeps
the compiled code in a folder beside Sphinx's environment. Jinja tells templates apart by name and
file and compiles one again whenever its source changes; the folder is named after what else
makes the compiled code (Jinja's and Sphinx's versions, the environment's extensions), so a
change of those starts a new one.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import sphinx
from jinja2 import FileSystemBytecodeCache
from sphinx.jinja2glue import BuiltinTemplateLoader

if TYPE_CHECKING:
    from sphinx.application import Sphinx

TEMPLATES_CACHE = "postarchive-templates"


def keep_compiled_templates(app: Sphinx) -> None:
    """Give the builder's Jinja environment a bytecode cache under the doctrees folder (HTML
    builders of every kind; not where another extension gave it one already)."""
    templates = getattr(app.builder, "templates", None)
    if not isinstance(templates, BuiltinTemplateLoader):
        return
    environment = templates.environment
    if environment.bytecode_cache is not None:
        return
    made_by = " ".join([
        jinja2.__version__, sphinx.__display_version__, type(environment).__name__,
        *sorted(environment.extensions),
    ])  # fmt: skip
    root = Path(app.doctreedir) / TEMPLATES_CACHE
    folder = root / hashlib.sha1(made_by.encode()).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    for other in root.iterdir():  # left by other versions
        if other != folder:
            shutil.rmtree(other, ignore_errors=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))
