"""Shared fixtures: Sphinx test roots under tests/roots, one way to copy and build them, builds
shared by the modules that only read their output, and helpers to read built HTML.

A test that builds a root once with its own settings uses Sphinx's own fixtures::

    @pytest.mark.sphinx("html", testroot="basic", srcdir="basic-no-feed", confoverrides={...})
    def test_...(app):
        app.build()

``srcdir`` is required: it makes Sphinx copy the root to a folder of that name in the session's
temporary folder, where without it Sphinx would build the root in place, under tests/roots
(and this extension writes its generated pages into the source folder). Each test names its own.
A test that edits sources and builds again, or a fixture shared by a module, uses ``build_root``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

# The browser fixture and its helpers, for the browser tests.
pytest_plugins = ["tests.browser"]

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parent.parent
# What makes up this repository's own archive, as a user's archive folder holds it.
REPO_ARCHIVE = ("conf.py", "index.md", "posts", "journeys", "_static", "_templates")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test that asks Sphinx for a test root names a copy of its own (see above)."""
    copies: dict[str, str] = {}
    for item in items:
        marks = list(item.iter_markers("sphinx"))
        if not marks:
            continue
        srcdir = next((m.kwargs["srcdir"] for m in marks if "srcdir" in m.kwargs), None)
        if srcdir is None:
            raise pytest.UsageError(
                f"{item.nodeid}: @pytest.mark.sphinx needs srcdir=..., or Sphinx builds the "
                "test root in place, inside tests/roots"
            )
        if srcdir in copies:
            raise pytest.UsageError(
                f"{item.nodeid}: srcdir={srcdir!r} is already the copy of {copies[srcdir]}"
            )
        copies[srcdir] = item.nodeid


def copy_root(
    testroot: str, target: Path, files: Mapping[str, str | bytes | None] | None = None
) -> Path:
    """Copy ``tests/roots/test-<testroot>`` to ``target``, then write ``files`` (path relative
    to ``target``: text, bytes, or None to remove the file)."""
    shutil.copytree(ROOTS / f"test-{testroot}", target, dirs_exist_ok=True)
    return write_files(target, files or {})


def write_files(root: Path, files: Mapping[str, str | bytes | None]) -> Path:
    """Write ``files`` under ``root`` (path relative to it: text, bytes, or None to remove)."""
    for name, content in files.items():
        path = root / name
        if content is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def copy_repo_archive(target: Path) -> Path:
    """A copy of this repository's archive, so that neither its _build nor its generated
    archive/ is touched."""
    target.mkdir(parents=True, exist_ok=True)
    for name in REPO_ARCHIVE:
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy2)(REPO / name, target / name)
    return target


def sphinx_build(srcdir: Path, builder: str = "html", **kwargs) -> SphinxTestApp:
    """Build ``srcdir`` once with Sphinx's test application; the app keeps its output, status
    and warnings for the test to read. Cleaned up at once, so that the next app of the process
    starts afresh (and this one can be garbage-collected)."""
    app = SphinxTestApp(builder, srcdir=Path(srcdir), **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


BuildRoot = Callable[..., SphinxTestApp]


@pytest.fixture(scope="session")
def build_root(tmp_path_factory: pytest.TempPathFactory) -> BuildRoot:
    """``build_root(testroot="basic", buildername="html", *, files=None, **kwargs)`` copies the
    test root (with ``files`` as for ``copy_root``) into a fresh folder and builds it there
    with Sphinx's other arguments (``confoverrides``, ``parallel``, ``builddir``, ...);
    ``build_root(srcdir=folder, ...)`` builds that folder (again). Returns the app: ``status``,
    ``warning``, ``outdir``, ``env``."""

    def build(
        testroot: str = "basic",
        buildername: str = "html",
        *,
        srcdir: Path | str | None = None,
        files: Mapping[str, str | bytes | None] | None = None,
        **kwargs,
    ) -> SphinxTestApp:
        if srcdir is None:
            srcdir = copy_root(testroot, tmp_path_factory.mktemp(testroot) / "src", files)
        elif files:
            raise TypeError("files= is for a fresh copy of a root; edit srcdir's files instead")
        return sphinx_build(Path(srcdir), buildername, **kwargs)

    return build


@pytest.fixture(scope="session")
def basic_build(build_root: BuildRoot) -> SphinxTestApp:
    """The basic root built once with its own settings, for every test that only reads it."""
    return build_root("basic")


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    """This repository's archive built once, the strict way Read the Docs builds it (-W
    --keep-going): the run, for the tests that judge it, and the HTML folder."""
    out = tmp_path_factory.mktemp("site")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-b",
            "html",
            "-d",
            str(out / "doctrees"),
            str(REPO),
            str(out / "html"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return run, out / "html"


def warning_lines(app: SphinxTestApp) -> list[str]:
    """The build's warnings, one a line, without colours."""
    return [line for line in strip_colors(app.warning.getvalue()).splitlines() if "WARNING" in line]


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
