"""The search index of a rebuild, brought up to date rather than made again
(``postarchive/publishing/searchindex.py``), is byte for byte the one a clean build writes of the
same sources, whatever changed; a rebuild that writes no page leaves it alone; a lost index is
made whole again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import copy_root, warning_lines

MONTREAL = "posts/2019-01-10-montreal.md"
# A post with what the usual posts lack: index entries, a described object (the index's
# "objects"), and two sections of one title (two places for one title in "alltitles").
REFERENCE = """---
title: Brewing notes
date: 2019-02-01
tags: [coffee]
---

```{index} single: Espresso; Lisbon
```

```{py:function} brew(beans)

Brews the beans.
```

## Notes

Grind finer for espresso.

## Notes

Grind coarser for a press.
"""


@pytest.fixture
def srcdir(tmp_path) -> Path:
    return copy_root("search", tmp_path / "src", {"posts/2019-02-01-brewing.md": REFERENCE})


def index_of(app) -> bytes:
    return (Path(app.outdir) / "searchindex.js").read_bytes()


def clean_index(srcdir: Path, folder: Path, build_root, **kwargs) -> bytes:
    """The index a build from scratch writes of the same sources."""
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(srcdir, folder, ignore=shutil.ignore_patterns("_build", "archive"))
    return index_of(build_root(srcdir=folder, **kwargs))


def edit(srcdir: Path, name: str, old: str, new: str) -> None:
    path = srcdir / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_edit_and_then_no_change(srcdir, tmp_path, build_root):
    build_root(srcdir=srcdir)
    # A word only this post has, added: the index gains it.
    edit(srcdir, MONTREAL, "ate poutine", "ate poutine and zeppelinfood")
    app = build_root(srcdir=srcdir)
    assert b'"zeppelinfood"' in index_of(app)
    assert index_of(app) == clean_index(srcdir, tmp_path / "clean", build_root)
    # Nothing changed: the index is not written again.
    path = Path(app.outdir) / "searchindex.js"
    written = path.stat().st_mtime_ns
    assert index_of(build_root(srcdir=srcdir)) == clean_index(
        srcdir, tmp_path / "clean", build_root
    )
    assert path.stat().st_mtime_ns == written


# Applied one after another, each rebuilt and compared with a clean build.
EDITS = [
    ("a word only one post has is taken out", MONTREAL, "then ate poutine", "then ate"),
    ("a title", MONTREAL, "title: Montréal in winter", "title: Montreal under snow"),
    ("the index entries and the object", "posts/2019-02-01-brewing.md",
     "single: Espresso; Lisbon", "single: Ristretto"),
    ("a section title", "posts/2019-02-01-brewing.md", "## Notes\n\nGrind coarser",
     "## Press\n\nGrind coarser"),
]  # fmt: skip


@pytest.mark.slow
def test_every_kind_of_change_gives_the_clean_build_index(srcdir, tmp_path, build_root):
    build_root(srcdir=srcdir)
    clean = tmp_path / "clean"
    for what, name, old, new in EDITS:
        edit(srcdir, name, old, new)
        assert index_of(build_root(srcdir=srcdir)) == clean_index(srcdir, clean, build_root), what
    # A post added and another deleted: every document after them is numbered anew.
    (srcdir / "posts/2018-01-01-aachen.md").write_text(
        "---\ntitle: Aachen\ndate: 2018-01-01\ntags: [travel]\n---\n\nThe cathedral.\n",
        encoding="utf-8",
    )
    (srcdir / "posts/2019-01-14-coffee.md").unlink()
    app = build_root(srcdir=srcdir)
    assert b"2018-01-01-aachen" in index_of(app) and b"2019-01-14-coffee" not in index_of(app)
    assert index_of(app) == clean_index(srcdir, clean, build_root), "added and deleted"
    # Everything read again (-E): the same.
    app = build_root(srcdir=srcdir, freshenv=True)
    assert index_of(app) == clean_index(srcdir, clean, build_root), "-E"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("buildername", "parallel"), [("html", 2), ("dirhtml", 1)], ids=["parallel", "dirhtml"]
)
def test_parallel_and_dirhtml_rebuilds(srcdir, tmp_path, build_root, buildername, parallel):
    build_root(srcdir=srcdir, buildername=buildername, parallel=parallel)
    edit(srcdir, MONTREAL, "then ate poutine", "then ate")
    app = build_root(srcdir=srcdir, buildername=buildername, parallel=parallel)
    clean = clean_index(
        srcdir, tmp_path / "clean", build_root, buildername=buildername, parallel=parallel
    )
    assert index_of(app) == clean


@pytest.mark.parametrize("loss", ["deleted", "not an index"])
def test_a_lost_index_is_made_whole(srcdir, tmp_path, build_root, loss):
    """Sphinx alone would warn and write an index of only the pages it writes."""
    first = build_root(srcdir=srcdir)
    path = Path(first.outdir) / "searchindex.js"
    if loss == "deleted":
        path.unlink()
    else:
        path.write_text("Search.setIndex({})", encoding="utf-8")
    app = build_root(srcdir=srcdir)
    assert not [line for line in warning_lines(app) if "search index" in line]
    assert index_of(app) == clean_index(srcdir, tmp_path / "clean", build_root)
