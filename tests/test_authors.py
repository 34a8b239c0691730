"""Authors: read from every blog's way of naming them, shown on posts, in listings, feeds and the
head; a page per author only when there is more than one; rebuilds follow an author's change."""

from __future__ import annotations

from pathlib import Path

import pytest

from postarchive.reading.posts import read_post
from tests.conftest import article, copy_root, read_html, warning_lines
from tests.test_incremental import _reread_docnames

DAY_ONE = "posts/2016/2016-04-01-day-one.md"
DAY_TWO = "posts/2016/2016-04-02-day-two.md"


@pytest.mark.parametrize(
    ("front", "authors"),
    [
        ("author: Ana Souza", ("Ana Souza",)),  # one name, commas and all
        ("author: 'Doe, Jane'", ("Doe, Jane",)),
        ("authors: [Ana, Bo]", ("Ana", "Bo")),  # Hugo
        ("authors: Ana, Bo", ("Ana", "Bo")),  # Pelican's Authors: line
        ("author:\n  name: Jo Writer\n  email: jo@example.com", ("Jo Writer",)),  # Jekyll, 11ty
        ("author: [Ana, {name: Bo}]", ("Ana", "Bo")),
        ("authors: [Ana]\nauthor: Ana", ("Ana",)),
        ("title: nobody", ()),
    ],
)
def test_authors_are_read_in_every_form(tmp_path, front, authors):
    path = tmp_path / "post.md"
    path.write_text(f"---\n{front}\n---\n\nText.\n", encoding="utf-8")
    post = read_post(path, "post", "post.md", fix_mojibake=True)
    assert post.authors == authors
    assert post.problems == []


def test_an_author_that_is_not_a_name_is_reported(tmp_path):
    path = tmp_path / "post.md"
    path.write_text("---\nauthor: [Ana, [1, 2]]\n---\n\nText.\n", encoding="utf-8")
    post = read_post(path, "post", "post.md", fix_mojibake=True)
    assert post.authors == ("Ana",)
    assert [(p.line, p.subtype) for p in post.problems] == [(2, "field")]


def test_one_author_is_named_on_posts_and_feeds_without_author_pages(tmp_path, build_root):
    srcdir = copy_root("basic", tmp_path / "src")
    app = build_root(
        srcdir=srcdir,
        confoverrides={"author": "Solo <Writer>", "html_baseurl": "https://example.org/"},
    )
    assert new_warnings(app) == []
    out = Path(app.outdir)
    post = article(out, "posts/2016/2016-04-01-day-one")
    assert post.select_one(".postarchive-post-header .postarchive-authors").get_text() == (
        "by Solo <Writer>"
    )
    assert not (out / "archive/authors").exists()
    assert article(out, "archive/2016").select(".postarchive-authors") == []  # not on each line
    head = read_html(out, "posts/2016/2016-04-01-day-one")
    assert head.find("meta", attrs={"name": "author"})["content"] == "Solo <Writer>"
    assert head.find("meta", attrs={"property": "article:author"})["content"] == "Solo <Writer>"
    assert "Solo &lt;Writer&gt;" in (out / "posts/2016/2016-04-01-day-one.html").read_text()
    feed = (out / "feeds/atom.xml").read_text(encoding="utf-8")
    entries = feed.split("<entry>")[1:]
    assert entries and all("<name>Solo &lt;Writer&gt;</name>" in e for e in entries)


def set_author(srcdir: Path, post: str, author: str) -> None:
    """Name the post's author in its front matter (YAML or TOML)."""
    path = srcdir / post
    lines = [line for line in path.read_text(encoding="utf-8").split("\n")]
    lines = [line for line in lines if not line.startswith("author")]
    lines.insert(1, f'author = "{author}"' if lines[0] == "+++" else f"author: {author}")
    path.write_text("\n".join(lines), encoding="utf-8")


def new_warnings(app) -> list[str]:
    """Warnings besides the mojibake repairs the basic root is made to need."""
    return [line for line in warning_lines(app) if "[postarchive.mojibake]" not in line]


def test_author_pages_appear_and_follow_an_authors_change(tmp_path, build_root):
    srcdir = copy_root("basic", tmp_path / "src")
    set_author(srcdir, DAY_ONE, "Ana")
    set_author(srcdir, DAY_TWO, "Bo")
    app = build_root(srcdir=srcdir)
    assert new_warnings(app) == []
    out = Path(app.outdir)
    journey = article(out, "archive/journeys/djangocon-europe-2016")
    assert "by Ana" in journey.get_text() and "by Bo" in journey.get_text()
    assert [
        a.get_text() for a in article(out, "archive/authors/index").select(".postarchive-author a")
    ] == [
        "Ana",
        "Bo",
    ]
    ana = article(out, "archive/authors/ana")
    assert [a.get_text() for a in ana.select(".postarchive-post-title a")] == [
        "Day one at DjangoCon"
    ]
    # A post without an author, in an archive with no site author: no author line.
    arrival = article(out, "posts/2016/2016-03-31-arrival")
    assert arrival.select(".postarchive-post-header .postarchive-authors") == []

    set_author(srcdir, DAY_ONE, "Cy")
    app = build_root(srcdir=srcdir)
    assert new_warnings(app) == []
    reread = _reread_docnames(app)
    assert {
        "posts/2016/2016-04-01-day-one",
        "archive/authors/cy",
        "archive/authors/index",
        "archive/journeys/djangocon-europe-2016",
        "archive/2016",
    } <= reread
    # Posts whose related posts do not list the changed one are not read again.
    assert not {"posts/2016/2016-04-02-tokyo-night", "posts/2016/2016-04-02-day-two"} & reread
    journey = article(out, "archive/journeys/djangocon-europe-2016")
    assert "by Cy" in journey.get_text() and "by Ana" not in journey.get_text()
    assert not (srcdir / "archive/authors/ana.md").exists()
    assert not (out / "archive/authors/ana.html").exists()
    assert "Day one at DjangoCon" in article(out, "archive/authors/cy").get_text()

    set_author(srcdir, DAY_ONE, "Bo")  # one author left: the author pages go
    app = build_root(srcdir=srcdir)
    assert new_warnings(app) == []
    assert not (srcdir / "archive/authors").exists() or not list(
        (srcdir / "archive/authors").glob("*.md")
    )
    assert "by Bo" not in article(out, "archive/journeys/djangocon-europe-2016").get_text()
    assert "Posts by author" not in article(out, "archive/index").get_text()
    day_two = article(out, "posts/2016/2016-04-02-day-two")
    assert day_two.select_one(".postarchive-post-header .postarchive-authors a") is None
