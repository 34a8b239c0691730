"""Growth: the sidebar stays the same size as an archive grows; parallel builds give the same
pages as serial ones."""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

from tests.conftest import article, read_html


def make_archive(folder: Path, rootdir: Path, posts: int) -> Path:
    """An archive of ``posts`` posts, one journey per 2 posts, 5 tags."""
    folder.mkdir()
    shutil.copy(rootdir / "test-basic" / "conf.py", folder)
    shutil.copy(rootdir / "test-basic" / "index.md", folder)
    for n in range(posts):
        day = f"2016-{1 + n // 28:02d}-{1 + n % 28:02d}"
        post = folder / "posts" / f"{day}-post-{n}.md"
        post.parent.mkdir(parents=True, exist_ok=True)
        post.write_text(
            f"---\ntitle: Post {n}\ndate: {day}\njourneys: trip-{n // 2}\ntags: [t{n % 5}]\n---\n\n"
            f"Body of post {n}.\n",
            encoding="utf-8",
        )
    return folder


def build(srcdir: Path, **kwargs) -> Path:
    app = SphinxTestApp("html", srcdir=srcdir, **kwargs)
    try:
        app.build()
        assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
    finally:
        app.cleanup()
    return Path(app.outdir)


def sidebar(outdir: Path, docname: str) -> str:
    return str(read_html(outdir, docname).select_one(".sidebar-tree"))


def test_sidebar_does_not_grow_with_the_archive(rootdir, tmp_path):
    small = build(make_archive(tmp_path / "small", rootdir, 40))
    large = build(make_archive(tmp_path / "large", rootdir, 160))
    post = "posts/2016-01-01-post-0"
    assert len(sidebar(large, post)) - len(sidebar(small, post)) < 40  # only "All 20…" vs "All 80…"
    tree = read_html(large, post).select_one(".sidebar-tree")
    journeys = tree.select("li.toctree-l2")
    assert len(journeys) == 12 + 1 + 1  # 12 newest journeys, the current one, and "All 80…"
    assert journeys[-1].get_text() == "All 80…"
    assert journeys[-1].a["href"] == "../archive/journeys/index.html"
    current = [a.get_text() for a in tree.select("li.current > a")]
    assert current == ["Journeys", "Trip 0", "Post 0"]
    assert [a.get_text() for a in tree.select("li.toctree-l3 > a")] == ["Post 0", "Post 1"]


def test_parallel_build_gives_the_same_pages(rootdir, tmp_path):
    shutil.copytree(rootdir / "test-basic", tmp_path / "serial")
    shutil.copytree(rootdir / "test-basic", tmp_path / "parallel")
    serial = build(
        tmp_path / "serial",
        warningiserror=False,
        confoverrides={"suppress_warnings": ["postarchive.mojibake"]},
    )
    parallel = build(
        tmp_path / "parallel",
        parallel=2,
        confoverrides={"suppress_warnings": ["postarchive.mojibake"]},
    )
    pages = sorted(p.relative_to(serial).with_suffix("").as_posix() for p in serial.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        if page in ("genindex", "search"):
            continue
        assert str(article(serial, page)) == str(article(parallel, page)), page
        assert sidebar(serial, page) == sidebar(parallel, page), page
