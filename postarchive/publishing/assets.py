"""The archive's own stylesheet and scripts, shipped in the package's ``static`` folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).parent.parent / "static"


def add_static_path(app: Sphinx, config: Config) -> None:
    # At config-inited, so the setting Sphinx keeps with the environment already has the path and
    # a rebuild does not see "the configuration has changed".
    if str(STATIC) not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, str(STATIC)]


def add_assets(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file("postarchive.css")
    if app.builder.name in ("html", "dirhtml"):
        # Read the Docs Addons: their search takes over when it is there (see head.py).
        app.add_js_file("postarchive-readthedocs.js", loading_method="defer")
