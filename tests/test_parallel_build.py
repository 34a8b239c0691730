"""A parallel build (``-j``), whose reading workers send back only the documents they read
(``postarchive/parallel.py``), knows what a serial build knows and writes the same bytes: every
page, every picture, the search index, and the page store behind feeds and snippets; in a first
build and in a rebuild whose workers start from an environment holding every other document."""

from __future__ import annotations

import json
import pickle
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import copy_root

pytestmark = pytest.mark.slow

# A post that links a label no page defines: the warning comes while the page is resolved.
BROKEN_LINK = """---
title: A broken link
date: 2022-02-01
---

See {ref}`no-such-label` for more.
"""


@pytest.fixture
def srcdir(tmp_path) -> Path:
    folder = copy_root(
        "reader",
        tmp_path / "src",
        {"posts/2022/2022-02-01-broken.md": BROKEN_LINK},
    )
    conf = folder / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8") + "postarchive_feed_content = 'full'\n", encoding="utf-8"
    )
    return folder


def files_of(outdir: Path) -> dict[str, bytes]:
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted(outdir.rglob("*"))
        if path.is_file()
    }


def build(build_root, srcdir: Path, **kwargs):
    app = build_root(srcdir=srcdir, **kwargs)
    return app, Path(app.outdir)


def environment(app) -> dict[str, object]:
    """What the environment knows of each document, as it is pickled for the next build."""
    with open(Path(app.doctreedir) / "environment.pickle", "rb") as file:
        env = pickle.load(file)
    return {
        "documents": sorted(env.all_docs),
        "titles": {name: title.astext() for name, title in env.titles.items()},
        "tocs": {name: toc.pformat() for name, toc in env.tocs.items()},
        "toctrees": env.toctree_includes,
        "rebuild": env.files_to_rebuild,
        "metadata": env.metadata,
        "dependencies": {
            name: sorted(Path(path).relative_to(app.srcdir).as_posix() for path in paths)
            for name, paths in env.dependencies.items()
        },
        # (the C and C++ domains hold symbol objects, which compare by identity)
        "domains": {
            name: data
            for name, data in env.domaindata.items()
            if name not in ("postarchive", "c", "cpp")
        },
        "views": env.domaindata["postarchive"]["views"],
    }


def serial_copy(srcdir: Path, folder: Path) -> Path:
    shutil.copytree(srcdir, folder, ignore=shutil.ignore_patterns("_build", "archive"))
    return folder


def test_a_parallel_build_is_a_serial_build(srcdir, tmp_path, build_root):
    serial_app, serial = build(build_root, serial_copy(srcdir, tmp_path / "serial"))
    parallel_app, parallel = build(build_root, srcdir, parallel=2)
    assert parallel_app.parallel == 2  # as given, after writing with a writer for each core

    serial_files, parallel_files = files_of(serial), files_of(parallel)
    assert serial_files.keys() == parallel_files.keys()
    assert "_images/tokyo.png" in parallel_files
    for name, data in serial_files.items():
        assert parallel_files[name] == data, name

    def store(app) -> dict:
        return json.loads((Path(app.doctreedir) / "postarchive-pages.json").read_text())

    pages = store(parallel_app)["pages"]
    assert store(serial_app)["pages"] == pages
    assert "ramen" in pages["posts/2021/2021-03-15-tokyo"]["html"]

    # What the reading workers sent back is what a serial build read.
    assert environment(parallel_app) == environment(serial_app)

    # A warning met in a parallel build names its file and line.
    warnings = parallel_app.warning.getvalue()
    assert "2022-02-01-broken.md:6: WARNING: undefined label: 'no-such-label'" in warnings


def test_a_parallel_rebuild_is_a_clean_serial_build(srcdir, tmp_path, build_root):
    build(build_root, srcdir, parallel=2)
    # Six posts edited: enough for Sphinx to read them again in parallel, while the workers
    # are forked from an environment that holds every other document.
    posts = sorted((srcdir / "posts").rglob("*.md"))[:6]
    for number, post in enumerate(posts):
        post.write_text(post.read_text(encoding="utf-8") + f"\nAdded line {number}.\n")
    app, outdir = build(build_root, srcdir, parallel=2)
    status = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    assert "reading sources... [ 50%]" in status  # read by workers, in chunks
    serial_app, serial = build(build_root, serial_copy(srcdir, tmp_path / "serial"))
    assert environment(app) == environment(serial_app)
    serial_files, rebuilt_files = files_of(serial), files_of(outdir)
    assert serial_files.keys() == rebuilt_files.keys()
    for name, data in serial_files.items():
        assert rebuilt_files[name] == data, name
