"""Rebuilds: nothing re-read without a change, listings follow a post's edits, the source tree
stays clean."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from tests.conftest import article, copy_root, link_targets, read_html

DAY_ONE = "posts/2016/2016-04-01-day-one.md"


@pytest.fixture
def srcdir(tmp_path) -> Path:
    """A copy of the basic root of the test's own, to edit and build again."""
    return copy_root("basic", tmp_path / "archive-src")


def reread(app: SphinxTestApp) -> str:
    """Sphinx's own count of what it re-read, e.g. '0 added, 0 changed, 0 removed'."""
    status = strip_colors(app.status.getvalue())
    line = next(line for line in status.splitlines() if "updating environment" in line)
    return line.split("updating environment: ", 1)[1].split(" [", 1)[0].strip()


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes())
        for p in folder.rglob("*")
        if p.is_file() and "_build" not in p.parts
    }


def test_second_build_rereads_nothing_and_rewrites_no_source(srcdir, build_root):
    build_root(srcdir=srcdir)
    before = snapshot(srcdir)
    second = build_root(srcdir=srcdir)
    assert reread(second) == "0 added, 0 changed, 0 removed"
    assert snapshot(srcdir) == before  # not one byte or timestamp of the sources changed
    assert "writing output... [" not in strip_colors(second.status.getvalue())


def test_the_generated_folder_ignores_itself(basic_build):
    srcdir = Path(basic_build.srcdir)
    assert (srcdir / "archive" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"


def test_editing_tags_updates_tag_pages_and_rereads_only_what_shows_them(srcdir, build_root):
    build_root(srcdir=srcdir)
    post = srcdir / DAY_ONE
    post.write_text(
        post.read_text(encoding="utf-8").replace("  - session-notes\n", "  - keynotes\n"),
        encoding="utf-8",
    )
    app = build_root(srcdir=srcdir)
    # Re-read: the post, the new tag's page, the overview that counts tags and the journey
    # page that shows its most used tags; nothing else (the year page shows no tags).
    assert _reread_docnames(app) == {
        "posts/2016/2016-04-01-day-one",
        "archive/tags/keynotes",
        "archive/tags/index",
        "archive/journeys/djangocon-europe-2016",
    }
    assert reread(app) == "1 added, 3 changed, 1 removed"
    outdir = Path(app.outdir)
    assert not (srcdir / "archive/tags/session-notes.md").exists()
    page = article(outdir, "archive/tags/keynotes")
    assert "../../posts/2016/2016-04-01-day-one.html" in link_targets(page)
    overview = article(outdir, "archive/tags/index").get_text(" ", strip=True)
    assert "keynotes (1)" in overview and "session-notes" not in overview


def test_a_new_title_reaches_every_listing(srcdir, build_root):
    build_root(srcdir=srcdir)
    post = srcdir / DAY_ONE
    post.write_text(
        post.read_text(encoding="utf-8").replace("Day one at DjangoCon", "Opening day"),
        encoding="utf-8",
    )
    app = build_root(srcdir=srcdir)
    outdir = Path(app.outdir)
    for docname in (
        "archive/journeys/djangocon-europe-2016",
        "archive/tags/django",
        "archive/2016",
        "index",
    ):
        assert "Opening day" in article(outdir, docname).get_text(), docname
        assert "Day one at DjangoCon" not in article(outdir, docname).get_text(), docname


def test_a_new_post_and_a_deleted_post(srcdir, build_root):
    build_root(srcdir=srcdir)
    (srcdir / "posts/2016/2016-04-03-day-three.md").write_text(
        "---\ntitle: Day three\ndate: 2016-04-03\njourneys: djangocon-europe-2016\n"
        "tags: sprints\n---\n\nSprints.\n",
        encoding="utf-8",
    )
    (srcdir / "posts/2016/2016-03-31-arrival.md").unlink()
    app = build_root(srcdir=srcdir)
    outdir = Path(app.outdir)
    journey = article(outdir, "archive/journeys/djangocon-europe-2016")
    targets = [t.rsplit("/", 1)[-1] for t in link_targets(journey) if "posts/" in t]
    assert targets == [
        "2016-04-02-tokyo-night.html",
        "2016-04-01-day-one.html",
        "2016-04-02-day-two.html",
        "2016-04-03-day-three.html",
    ]
    assert (outdir / "archive/tags/sprints.html").exists()
    assert not (srcdir / "archive/tags/travel.md").exists()  # the arrival post's tag is gone


@pytest.mark.slow
def test_incremental_result_equals_a_clean_build(srcdir, tmp_path, build_root):
    build_root(srcdir=srcdir)
    post = srcdir / DAY_ONE
    post.write_text(
        post.read_text(encoding="utf-8").replace("  - Django\n", "  - Django\n  - keynotes\n"),
        encoding="utf-8",
    )
    incremental = build_root(srcdir=srcdir)
    clean_src = tmp_path / "clean"
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build", "archive"))
    clean = build_root(srcdir=clean_src)
    for docname in (
        "archive/tags/index",
        "archive/tags/keynotes",
        "archive/tags/django",
        "index",
        "posts/2016/2016-04-01-day-one",
        "archive/journeys/djangocon-europe-2016",
    ):
        assert str(article(Path(incremental.outdir), docname)) == str(
            article(Path(clean.outdir), docname)
        ), docname


EDITS = {
    "body": lambda t: t.replace("arrived by zeppelin", "arrived by balloon"),
    "title": lambda t: t.replace("title: Day one at DjangoCon", "title: Opening day"),
    "tags": lambda t: t.replace("  - session-notes\n", "  - keynotes\n"),
    "journey": lambda t: t.replace("  - djangocon-europe-2016\n", "  - budapest-sprints\n"),
}


def _pages(outdir: Path) -> dict[str, str]:
    """Every page's article and sidebar, which is what a reader sees of it."""
    pages = {}
    for path in sorted(outdir.rglob("*.html")):
        docname = path.relative_to(outdir).with_suffix("").as_posix()
        if (
            docname in ("genindex", "search")
            or "/_" in f"/{docname}"
            or ("index.html" in path.name and path.parent.name in ("post", "old"))
        ):
            continue
        html = read_html(outdir, docname)
        if html.select_one("article") is not None:
            pages[docname] = str(html.select_one("article")) + str(html.select_one(".sidebar-tree"))
    return pages


@pytest.mark.slow
@pytest.mark.parametrize("edit", [*EDITS, "add and delete"])
def test_each_edit_rebuilt_equals_a_clean_build(srcdir, tmp_path, build_root, edit):
    build_root(srcdir=srcdir)
    if edit == "add and delete":
        (srcdir / "posts/2016/2016-04-03-day-three.md").write_text(
            "---\ntitle: Day three\ndate: 2016-04-03\njourneys: djangocon-europe-2016\ntags: [django]\n---\n\nSprints.\n",
            encoding="utf-8",
        )
        (srcdir / "posts/2016/2016-04-02-tokyo-night.md").unlink()
    else:
        post = srcdir / DAY_ONE
        edited = EDITS[edit](post.read_text(encoding="utf-8"))
        assert edited != post.read_text(encoding="utf-8")
        post.write_text(edited, encoding="utf-8")
    incremental = build_root(srcdir=srcdir)
    clean_src = tmp_path / "clean"
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build", "archive"))
    clean = build_root(srcdir=clean_src)
    incremental_pages, clean_pages = _pages(Path(incremental.outdir)), _pages(Path(clean.outdir))
    assert incremental_pages.keys() == clean_pages.keys()
    for docname, html in clean_pages.items():
        assert incremental_pages[docname] == html, docname


def _reread_docnames(app: SphinxTestApp) -> set[str]:
    status = strip_colors(app.status.getvalue())
    return {
        line.rsplit("] ", 1)[-1].strip()
        for line in status.splitlines()
        if line.startswith("reading sources... [")
    }


def _write_post(folder: Path, n: int, tags: str, journey: str = "", **fields: str) -> None:
    """Post ``n`` of a generated archive; ``fields`` override its title, date or description."""
    day = f"2017-{1 + n // 28:02d}-{1 + n % 28:02d}"
    front = {"title": f"Post {n}", "date": day, "journeys": journey, "tags": f"[{tags}]", **fields}
    lines = "".join(f"{key}: {value}\n" for key, value in front.items() if value)
    (folder / "posts" / f"post-{n}.md").write_text(
        f"---\n{lines}---\n\nFirst paragraph of post {n}.\n\nMore of post {n}.\n",
        encoding="utf-8",
    )


def _stale_views(app: SphinxTestApp) -> dict[str, list]:
    """Views whose fingerprint, as recorded in the environment, differs from the catalog's now:
    the pages showing them were not re-read when they should have been."""
    domain = app.env.domains["postarchive"]
    stale = {}
    for docname, views in domain.data["views"].items():
        wrong = [key for key, seen in views.items() if domain.state.views.fingerprint(key) != seen]
        if wrong:
            stale[docname] = wrong
    return stale


# Applied one after another: (post, tags, journey, other fields).
POST_EDITS = [
    (3, "alpha, delta", "trip-0", {}),  # a tag changes
    (7, "beta, gamma", "trip-0", {"date": "2016-12-30"}),  # a post moves in time
    (12, "gamma", "", {}),  # leaves its journey, drops a tag
    (30, "lonely", "", {}),  # a new post with a tag of its own: related posts by time
    (40, "alpha", "", {"date": "2017-01-19"}),  # nearest in time to post 18, which shares nothing
    (5, "beta", "trip-0", {"title": "Renamed"}),
    (9, "alpha, beta", "trip-1", {"description": "Another summary"}),
    (16, "alpha", "TRIP 2", {}),  # a journey's title: as its first post writes it
    (21, "beta, café", "trip-2", {}),  # the tag café gets the page archive/tags/cafe
    (3, "alpha, cafe", "trip-0", {}),  # cafe takes archive/tags/cafe; café moves to cafe-2
    # Previous and next posts (catalog/steps.py): a post of no journey moves in time, a new one
    # comes between two others, and a journey gets a post so early that it becomes the first
    # journey (every journey's ends step elsewhere).
    (12, "gamma", "", {"date": "2017-03-20"}),
    (41, "delta", "", {"date": "2017-01-02"}),
    (42, "alpha", "trip-1", {"date": "2016-01-01"}),
]


@pytest.mark.slow
def test_views_stay_current_across_many_edits(tmp_path, build_root):
    """After each of a series of edits, every view recorded in the environment matches the
    catalog (no page that shows a changed view is left unread), and the end result equals a
    clean build."""
    srcdir = copy_root("empty", tmp_path / "many")
    (srcdir / "posts").mkdir(parents=True)
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("postarchive_tag_page_posts = 4\n")  # big tags get pages by years
    pool = ["alpha", "beta", "gamma", "delta"]
    for n in range(24):
        tags = f"{pool[n % 4]}, {pool[(n // 4) % 4]}" if n % 6 else f"solo-{n}"
        _write_post(srcdir, n, tags, f"trip-{n // 8}")
    assert _stale_views(build_root(srcdir=srcdir)) == {}
    for n, tags, journey, fields in POST_EDITS:
        _write_post(srcdir, n, tags, journey, **fields)
        app = build_root(srcdir=srcdir)
        assert _stale_views(app) == {}, (n, tags, journey, fields)
    (srcdir / "posts" / "post-4.md").unlink()
    app = build_root(srcdir=srcdir)
    assert _stale_views(app) == {}
    clean_src = tmp_path / "clean"
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build", "archive"))
    incremental_pages = _pages(Path(app.outdir))
    clean_pages = _pages(Path(build_root(srcdir=clean_src).outdir))
    assert incremental_pages.keys() == clean_pages.keys()
    for docname, html in clean_pages.items():
        assert incremental_pages[docname] == html, docname
