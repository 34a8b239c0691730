"""The objects a build loads at its start are kept out of the cycle collector's way, and a process
that runs several builds still gets the earlier builds' memory back."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

from tests.conftest import copy_root, read_html

# Built with build_root, which cleans each app up as soon as it has built and keeps no reference
# to it: the process's memory is what these tests look at.


def test_a_rebuild_freezes_the_loaded_environment_and_builds_the_same_pages(build_root):
    first = build_root("basic")
    srcdir = Path(first.srcdir)
    expected = read_html(first.outdir, "index").select_one("article")
    (first.outdir / "index.html").unlink()  # so the rebuild writes it again

    app = SphinxTestApp("html", srcdir=srcdir)
    seen: dict[str, object] = {}

    def look(app, builder) -> None:
        tracked = {id(item) for item in gc.get_objects()}
        seen["frozen"] = gc.get_freeze_count()
        seen["environment tracked"] = id(app.env.__dict__) in tracked

    app.connect("write-started", look)
    try:
        app.build()
    finally:
        app.cleanup()
    assert not app.fresh_env_used  # the environment was loaded from the first build
    assert seen["frozen"] > 0
    assert seen["environment tracked"] is False  # out of the collector's generations
    assert read_html(app.outdir, "index").select_one("article") == expected


def test_the_next_build_in_a_process_reclaims_the_last_ones_objects(build_root):
    earlier = build_root("basic")
    earlier_environment = weakref.ref(earlier.env)
    del earlier
    build_root("basic")
    assert earlier_environment() is None


def test_what_reading_made_is_frozen_before_the_pages_are_written(tmp_path):
    """Sphinx keeps every doctree it read until it writes it: the collector's full passes would
    walk them all again and again. They are frozen as reading goes."""
    srcdir = copy_root("basic", tmp_path / "src")
    app = SphinxTestApp("html", srcdir=srcdir)
    read: list[object] = []
    seen: dict[str, object] = {}

    def keep(app, doctree) -> None:
        read.append(doctree)

    def look(app, builder) -> None:
        tracked = {id(item) for item in gc.get_objects()}
        seen["read"] = len(read)
        seen["tracked"] = [d for d in read if id(d) in tracked]

    app.connect("doctree-read", keep)
    app.connect("write-started", look)
    try:
        app.build()
    finally:
        app.cleanup()
    assert seen["read"] >= 10
    assert seen["tracked"] == []  # every document read is out of the collector's generations
    assert read_html(app.outdir, "index").select_one("article") is not None


def test_pages_are_written_with_fewer_collections_and_the_thresholds_come_back(tmp_path):
    srcdir = copy_root("basic", tmp_path / "src")
    before = gc.get_threshold()
    app = SphinxTestApp("html", srcdir=srcdir)
    while_writing: list[tuple[int, int, int]] = []
    app.connect(
        "doctree-resolved", lambda app, doctree, docname: while_writing.append(gc.get_threshold())
    )
    try:
        app.build()
    finally:
        app.cleanup()
    assert while_writing and all(t[0] >= 50_000 for t in while_writing)
    assert gc.get_threshold() == before
    assert read_html(app.outdir, "index").select_one("article") is not None


def test_a_build_that_fails_early_leaves_the_collector_on(tmp_path):
    # `postarchive build all`, or a test session, goes on after a format that failed: the
    # collector the build turned off at its start must not stay off.
    from click.testing import CliRunner

    from postarchive.cli import main

    srcdir = copy_root("basic", tmp_path / "src")
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('\nhtml_theme = "no-such-theme"\n')
    assert gc.isenabled()
    result = CliRunner().invoke(main, ["build", "html", "--dir", str(srcdir)])
    assert result.exit_code != 0
    assert gc.isenabled()
