"""Growth: the sidebar stays the same size as an archive grows; parallel builds give the same
pages as serial ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from tests.conftest import article, copy_root, read_html

# Whole builds of up to 160 posts, and a parallel one: `-m "not slow"` leaves them out.
pytestmark = pytest.mark.slow


def make_archive(folder: Path, posts: int) -> Path:
    """An archive of ``posts`` posts, one journey per 2 posts, 5 tags."""
    copy_root("empty", folder)
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


def outdir(app: SphinxTestApp) -> Path:
    """Where the build wrote its pages, once it is known to have given no warning."""
    assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
    return Path(app.outdir)


@pytest.fixture(scope="module")
def forty_posts(build_root, tmp_path_factory) -> Path:
    """An archive of 40 posts (20 journeys), built once for the tests that read it."""
    return outdir(build_root(srcdir=make_archive(tmp_path_factory.mktemp("scale") / "src", 40)))


def sidebar(outdir: Path, docname: str) -> str:
    return str(read_html(outdir, docname).select_one(".sidebar-tree"))


def test_sidebar_does_not_grow_with_the_archive(forty_posts, build_root, tmp_path):
    small = forty_posts
    large = outdir(build_root(srcdir=make_archive(tmp_path / "large", 160)))
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


def test_parallel_build_gives_the_same_pages(build_root):
    serial = outdir(
        build_root(
            "basic",
            warningiserror=False,
            confoverrides={"suppress_warnings": ["postarchive.mojibake"]},
        )
    )
    parallel = outdir(
        build_root(
            "basic",
            parallel=2,
            confoverrides={"suppress_warnings": ["postarchive.mojibake"]},
        )
    )
    pages = sorted(p.relative_to(serial).with_suffix("").as_posix() for p in serial.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        if page in ("genindex", "search"):
            continue
        assert str(article(serial, page)) == str(article(parallel, page)), page
        assert sidebar(serial, page) == sidebar(parallel, page), page


def _dated_posts(folder: Path, tagged: dict[str, range]) -> Path:
    """Posts 0..N, ten a year from 2014, each tagged with the tags whose range holds it."""
    copy_root("empty", folder)
    (folder / "posts").mkdir(exist_ok=True)
    for n in range(max(r.stop for r in tagged.values())):
        tags = ", ".join(tag for tag, numbers in tagged.items() if n in numbers)
        day = f"{2014 + n // 10}-{1 + n % 10:02d}-01"
        (folder / "posts" / f"post-{n}.md").write_text(
            f"---\ntitle: Post {n}\ndate: {day}\ntags: [{tags}]\n---\n\nBody {n}.\n",
            encoding="utf-8",
        )
    return folder


def _titles(page) -> list[str]:
    return [a.get_text() for a in page.select(".postarchive-post-title a")]


def test_a_tag_with_many_posts_gets_pages_by_years(build_root, tmp_path):
    tagged = {"common": range(30), "few": range(25, 30), "sparse": range(0, 30, 3)}
    folder = _dated_posts(tmp_path / "src", tagged)
    out = outdir(build_root(srcdir=folder, confoverrides={"postarchive_tag_page_posts": 8}))
    page = article(out, "archive/tags/common")
    assert "30 posts" in page.get_text()
    years = page.select(".postarchive-year-list a")
    assert [(a.get_text(), a["href"]) for a in years] == [
        ("2016", "common/2016.html"),
        ("2015", "common/2015.html"),
        ("2014", "common/2014.html"),
    ]
    assert "2015 — 10 posts" in page.select_one(".postarchive-year-list").get_text()
    # The newest posts only (postarchive_recent_posts, 10), not all 30.
    assert _titles(page) == [f"Post {n}" for n in range(29, 19, -1)]
    year = article(out, "archive/tags/common/2015")
    assert year.h1.get_text().startswith("Tag: common, 2015")
    assert _titles(year) == [f"Post {n}" for n in range(19, 9, -1)]
    assert year.select_one("a[href='../common.html']").get_text() == "all years of common"
    # Quiet years share a page while it holds at most 8 posts, counted from the oldest.
    sparse = article(out, "archive/tags/sparse").select(".postarchive-year-list li")
    assert [li.get_text() for li in sparse] == ["2016 — 3 posts", "2014–2015 — 7 posts"]
    assert [li.a["href"] for li in sparse] == ["sparse/2016.html", "sparse/2014.html"]
    older = article(out, "archive/tags/sparse/2014")
    assert older.h1.get_text().startswith("Tag: sparse, 2014–2015")
    assert _titles(older) == [f"Post {n}" for n in (18, 15, 12, 9, 6, 3, 0)]
    # A tag with few posts keeps one page with all of them.
    assert _titles(article(out, "archive/tags/few")) == [f"Post {n}" for n in range(29, 24, -1)]
    assert not (out / "archive/tags/few").exists()


def test_year_pages_of_a_tag_come_and_go_with_its_size(build_root, tmp_path):
    overrides = {"postarchive_tag_page_posts": 8}
    folder = _dated_posts(tmp_path / "src", {"grows": range(15, 20), "other": range(20)})
    out = outdir(build_root(srcdir=folder, confoverrides=overrides))
    assert not (out / "archive/tags/grows").exists()
    _dated_posts(folder, {"grows": range(5, 20), "other": range(20)})
    out = outdir(build_root(srcdir=folder, confoverrides=overrides))
    assert [
        a.get_text() for a in article(out, "archive/tags/grows").select(".postarchive-year-list a")
    ] == ["2015", "2014"]
    assert _titles(article(out, "archive/tags/grows/2014")) == [
        f"Post {n}" for n in range(9, 4, -1)
    ]
    _dated_posts(folder, {"grows": range(15, 20), "other": range(20)})
    out = outdir(build_root(srcdir=folder, confoverrides=overrides))
    assert not (out / "archive/tags/grows/2014.html").exists()
    assert _titles(article(out, "archive/tags/grows")) == [f"Post {n}" for n in range(19, 14, -1)]


def test_the_home_page_lists_the_newest_journeys_and_links_to_all(forty_posts):
    out = forty_posts  # 20 journeys
    home = article(out, "index")
    assert len(home.select(".postarchive-journey-list li")) == 12
    more = home.select_one(".postarchive-more a")
    assert (more.get_text(), more["href"]) == ("All 20 journeys", "archive/journeys/index.html")
    assert len(article(out, "archive/journeys/index").select(".postarchive-journey-list li")) == 20


def test_the_journeys_page_does_not_grow_with_the_archive(build_root, tmp_path):
    # 20 journeys of two posts each (make_archive); 8 cards, the other 12 by the year they began.
    src = make_archive(tmp_path / "src", 40)
    out = outdir(build_root(srcdir=src, confoverrides={"postarchive_journeys_page_cards": 8}))
    page = article(out, "archive/journeys/index")
    assert len(page.select(".postarchive-journey-card")) == 8
    earlier = page.select_one("section#journeys-earlier")
    lines = [li.get_text() for li in earlier.select(".postarchive-year-entry")]
    assert sum(int(line.split(" — ")[1].split()[0]) for line in lines) == 12
    first = earlier.select_one(".postarchive-year-entry a")
    year_page = first["href"].removesuffix(".html").replace("../", "archive/")
    named = [a.get_text() for a in article(out, year_page).select(".postarchive-year-journeys a")]
    assert named and all(name.startswith("Trip ") for name in named)


def test_a_blog_with_many_pages_keeps_the_archive_in_its_sidebar(build_root, tmp_path):
    # A real blog (letsencrypt) has 17 site pages: the root level is not bounded, so Journeys,
    # the archive by date and Tags never hide behind "All 20…".
    folder = make_archive(tmp_path / "src", 4)
    for n in range(15):
        (folder / "pages").mkdir(exist_ok=True)
        (folder / "pages" / f"page-{n:02d}.md").write_text(f"# Page {n}\n\nText.\n", "utf-8")
    out = outdir(build_root(srcdir=folder))
    tree = read_html(out, "posts/2016-01-01-post-0").select_one(".sidebar-tree")
    top = [a.get_text() for a in tree.select("li.toctree-l1 > a")]
    assert {"Journeys", "Archive", "Tags"} <= set(top)
    assert {f"Page {n}" for n in range(15)} <= set(top)
    assert not tree.select("li.toctree-l1.postarchive-more")
