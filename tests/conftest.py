"""Shared fixtures: Sphinx test roots under tests/roots, and helpers to read built HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

# The browser fixture and its helpers, for the browser tests.
pytest_plugins = ["tests.browser"]

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def sphinx_build(srcdir: Path, builder: str = "html", **kwargs) -> SphinxTestApp:
    """Build ``srcdir`` once with Sphinx's test application; the app keeps its output, status
    and warnings for the test to read."""
    app = SphinxTestApp(builder, srcdir=srcdir, **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def read_html(outdir: Path, docname: str) -> BeautifulSoup:
    return BeautifulSoup(
        (Path(outdir) / f"{docname}.html").read_text(encoding="utf-8"), "html.parser"
    )


def article(outdir: Path, docname: str) -> BeautifulSoup:
    """The page's own content, without theme chrome (sidebar, header, footer)."""
    found = read_html(outdir, docname).select_one("article")
    assert found is not None, f"{docname}.html has no <article>"
    return found


def link_targets(node: BeautifulSoup) -> list[str]:
    return [a["href"].split("#")[0] for a in node.select("a[href]")]


def links_by_text(node: BeautifulSoup, selector: str = "a") -> dict[str, str]:
    """Link text -> href of the links under ``node``."""
    return {a.get_text(): a["href"] for a in node.select(selector)}
