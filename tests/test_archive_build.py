"""A small archive built with Sphinx: journeys, tags, years, home page, post pages, search."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import article, link_targets, links_by_text, read_html

DAY_ONE = "posts/2016/2016-04-01-day-one"
DAY_TWO = "posts/2016/2016-04-02-day-two"
ARRIVAL = "posts/2016/2016-03-31-arrival"
TOKYO = "posts/2016/2016-04-02-tokyo-night"
XMAS = "posts/2015/2015-12-24-xmas"
UNDATED = "posts/2016/notes/undated-thoughts"
MARKUP = "posts/2016/2016-06-01-markup"
JOURNEY = "archive/journeys/djangocon-europe-2016"


@pytest.fixture(scope="module")
def built(basic_build):
    """The basic root, built once for the session and read by this module's tests."""
    return basic_build


def out(app) -> Path:
    return Path(app.outdir)


def test_builds_with_only_the_expected_warnings(built):
    warnings = built.warning.getvalue()
    lines = [line for line in warnings.splitlines() if "WARNING" in line]
    # The only warnings: the two mojibake repairs of the Christmas post, with file and line.
    assert len(lines) == 2, warnings
    assert "posts/2015/2015-12-24-xmas.md:2: WARNING: repaired mojibake" in lines[0]
    assert "posts/2015/2015-12-24-xmas.md:7: WARNING: repaired mojibake" in lines[1]
    assert "[postarchive.mojibake]" in lines[0]


def test_journey_page_lists_its_posts_by_instant_in_its_toctree(built):
    page = article(out(built), JOURNEY)
    assert page.h1.get_text(strip=True).rstrip("¶") == "DjangoCon Europe 2016"
    text = page.get_text(" ", strip=True)
    assert "March 31, 2016 – April 2, 2016 · 4 posts" in text
    assert "Budapest, three days of talks and two of sprints." in text
    # Tokyo's post is dated April 2 as written but was written before day one's instant.
    posts = [t for t in link_targets(page) if "posts/" in t]
    assert [p.rsplit("/", 1)[-1] for p in posts] == [
        "2016-03-31-arrival.html",
        "2016-04-02-tokyo-night.html",
        "2016-04-01-day-one.html",
        "2016-04-02-day-two.html",
    ]
    doctree_docs = built.env.toctree_includes[JOURNEY]
    assert doctree_docs == [ARRIVAL, TOKYO, DAY_ONE, DAY_TWO]


def test_post_shows_title_once_and_its_header(built):
    page = article(out(built), DAY_ONE)
    assert [h.get_text(strip=True).rstrip("¶") for h in page.select("h1")] == [
        "Day one at DjangoCon"
    ]
    assert page.get_text().count("Day one at DjangoCon") == 1
    header = page.select_one(".postarchive-post-header")
    assert header.select_one(".postarchive-date").get_text() == "April 1, 2016"
    assert "1 min read" in header.get_text()
    journey = header.select_one(".postarchive-journey a")
    assert journey["href"] == "../../archive/journeys/djangocon-europe-2016.html"
    tags = links_by_text(header, ".postarchive-tags a")
    assert tags == {
        "Django": "../../archive/tags/django.html",
        "session-notes": "../../archive/tags/session-notes.html",
    }
    assert [h.get_text(strip=True).rstrip("¶") for h in page.select("h2")] == [
        "Keynote",
        "Lightning talks",
    ]


def test_date_shown_as_written_and_title_from_toml(built):
    tokyo = article(out(built), TOKYO).select_one(".postarchive-date").get_text()
    assert tokyo == "April 2, 2016"
    day_two = article(out(built), DAY_TWO)
    assert day_two.h1.get_text(strip=True).rstrip("¶") == "Day two"
    tags = [a.get_text() for a in day_two.select(".postarchive-tags a")]
    assert tags == ["django", "C++"]  # one comma-separated string in TOML


def test_tag_pages_join_case_variants_and_list_newest_first(built):
    page = article(out(built), "archive/tags/django")
    assert page.h1.get_text(strip=True).rstrip("¶") == "Tag: django"
    posts = [t.rsplit("/", 1)[-1] for t in link_targets(page) if "posts/" in t]
    assert posts == ["2016-04-02-day-two.html", "2016-04-01-day-one.html", "2015-12-24-xmas.html"]


def test_every_tag_gets_a_safe_page(built):
    tags_dir = out(built) / "archive" / "tags"
    pages = sorted(p.stem for p in tags_dir.glob("*.html"))
    assert pages == [
        "c-plus-plus",
        "django",
        "hand-made",
        "img-src-x-onerror-alert-1",
        "index",
        "koln",
        "open-source",
        "session-notes",
        "travel",
        "u65e5-u672c-u8a9e",
    ]
    titles = {
        p: article(out(built), f"archive/tags/{p}").h1.get_text(strip=True).rstrip("¶")
        for p in pages
    }
    assert titles["koln"] == "Tag: Köln"
    assert titles["u65e5-u672c-u8a9e"] == "Tag: 日本語"
    assert titles["open-source"] == "Tag: open source"
    assert titles["hand-made"] == "Tag: hand-made"  # from a {tags} block in the body


def test_tag_overview_counts(built):
    page = article(out(built), "archive/tags/index")
    lines = [li.get_text(" ", strip=True) for li in page.select(".postarchive-tag-cloud li")]
    assert lines[0] == "django (3)"
    assert "C++ (1)" in lines
    assert len(lines) == 9
    assert built.env.toctree_includes["archive/tags/index"][0] == "archive/tags/c-plus-plus"


def test_home_links_journeys_recent_posts_tags_and_archive(built):
    page = article(out(built), "index")
    targets = link_targets(page)
    assert "archive/journeys/djangocon-europe-2016.html" in targets
    assert "archive/tags/index.html" in targets
    assert "archive/index.html" in targets
    recent = [t for t in link_targets(page.select_one(".postarchive-post-list")) if "posts/" in t]
    assert recent[0] == f"{MARKUP}.html"  # the newest
    assert f"{UNDATED}.html" not in recent  # undated posts are not "recent"
    assert "March 31, 2016 – April 2, 2016 · 4 posts" in page.get_text(" ", strip=True)


def test_every_post_is_reachable_through_toctrees(built):
    env = built.env
    reachable, queue = set(), ["index"]
    while queue:
        doc = queue.pop()
        if doc not in reachable:
            reachable.add(doc)
            queue.extend(env.toctree_includes.get(doc, []))
    posts = {d for d in env.found_docs if d.startswith("posts/")}
    assert posts == {DAY_ONE, DAY_TWO, ARRIVAL, TOKYO, XMAS, UNDATED, MARKUP}
    assert posts <= reachable
    assert env.toctree_includes["archive/2015"] == [XMAS]
    assert env.toctree_includes["archive/undated"] == [UNDATED]


def test_year_pages_by_month(built):
    page = article(out(built), "archive/2016")
    months = [h.get_text(strip=True).rstrip("¶") for h in page.select("h2")]
    assert months == ["March 2016", "April 2016", "June 2016"]
    assert page.select_one("section#month-2016-04") is not None
    index = article(out(built), "archive/index").get_text(" ", strip=True)
    assert "2016 — 5 posts" in index
    assert "2015 — 1 post" in index
    assert "Undated — 1 post" in index


def test_mojibake_is_repaired_in_title_and_body(built):
    page = article(out(built), XMAS)
    assert page.h1.get_text(strip=True).rstrip("¶") == "Christmas at the café"
    assert "We met at the café near the station." in page.get_text()
    assert "Ã" not in read_html(out(built), XMAS).get_text()
    source = (Path(built.srcdir) / f"{XMAS}.md").read_text(encoding="utf-8")
    assert "cafÃ©" in source  # the source file is never rewritten


def test_drafts_are_left_out(built):
    assert not (out(built) / "posts/2016/2016-05-01-unfinished.html").exists()
    assert "Unfinished draft" not in (out(built) / "searchindex.js").read_text(encoding="utf-8")


def test_metadata_is_shown_as_text_never_as_markup(built):
    for path in out(built).rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html, path
        assert "<img src=x" not in html, path
    page = article(out(built), MARKUP)
    assert page.h1.get_text(strip=True).rstrip("¶") == "Less <script>alert(1)</script> & more"


def _search_index(app) -> dict:
    text = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(re.match(r"Search\.setIndex\((.*)\)\s*$", text, re.S).group(1))


def test_search_index_finds_posts_by_body_title_and_tag_words(built):
    index = _search_index(built)
    docnames = index["docnames"]

    def docs_for(word: str) -> set[str]:
        hits = index["terms"].get(word, [])
        hits = hits if isinstance(hits, list) else [hits]
        titles = index["titleterms"].get(word, [])
        titles = titles if isinstance(titles, list) else [titles]
        return {docnames[i] for i in [*hits, *titles]}

    assert DAY_ONE in docs_for("zeppelin")  # body
    assert DAY_TWO in docs_for("quokka")  # body, stemmed
    assert ARRIVAL in docs_for("budapest")  # title
    assert DAY_ONE in docs_for("session")  # tag shown in the post header


def test_sidebar_shows_journeys_and_the_current_journeys_posts_only(built):
    sidebar = read_html(out(built), DAY_ONE).select_one(".sidebar-tree")
    entries = [a.get_text() for a in sidebar.select("a")]
    assert entries[:2] == ["Journeys", "DjangoCon Europe 2016"]
    assert "Day one at DjangoCon" in entries and "Arrival in Budapest" in entries
    assert "Christmas at the café" not in entries  # another branch, folded away
    assert "Tag: django" not in entries
    current = sidebar.select("li.current > a")
    assert [a.get_text() for a in current] == [
        "Journeys",
        "DjangoCon Europe 2016",
        "Day one at DjangoCon",
    ]


@pytest.mark.sphinx(
    "html",
    testroot="basic",
    srcdir="basic-no-mojibake-repair",
    confoverrides={"postarchive_fix_mojibake": False},
)
def test_mojibake_repair_can_be_turned_off(app):
    app.build()
    assert "We met at the cafÃ© near the station." in article(out(app), XMAS).get_text()
    assert "mojibake" not in app.warning.getvalue()


@pytest.mark.sphinx(
    "html",
    testroot="basic",
    srcdir="basic-with-drafts",
    confoverrides={"postarchive_include_drafts": True},
)
def test_drafts_can_be_included(app):
    app.build()
    assert (
        "Never to be published: platypus."
        in article(out(app), "posts/2016/2016-05-01-unfinished").get_text()
    )
    assert "posts/2016/2016-05-01-unfinished" in app.env.toctree_includes["archive/2016"]


def test_a_heading_that_repeats_the_title_later_keeps_its_own_anchor(build_root):
    """Seen on a real blog: the front matter's title is also a heading further down the body."""
    post = (
        "---\ntitle: Gulp starter pack\ndate: 2016-10-14\n---\n\nIntro.\n\n# Overview\n\nText.\n\n"
        "# Gulp starter pack\n\nThe project itself.\n"
    )
    app = build_root("basic", files={"posts/2016/2016-10-14-gulp-starter-pack.md": post})
    assert "Duplicate ID" not in app.warning.getvalue()
    page = article(Path(app.outdir), "posts/2016/2016-10-14-gulp-starter-pack")
    ids = [section["id"] for section in page.select("section[id]")]
    assert len(ids) == len(set(ids))
    assert (
        page.select_one("section#gulp-starter-pack h2")
        .get_text(strip=True)
        .startswith("Gulp starter pack")
    )
    assert page.select_one("h1").get_text(strip=True).rstrip("¶") == "Gulp starter pack"


def test_a_hand_written_directive_naming_nothing_warns_at_its_line(build_root):
    page = (
        "---\norphan: true\n---\n\n# Notes\n\n```{postarchive-tag} no-such-tag\n```\n\n"
        "```{postarchive-journey} no-such-journey\n```\n"
    )
    app = build_root("basic", files={"notes.md": page})
    warnings = app.warning.getvalue()
    assert "notes.md:7: WARNING: {postarchive-tag} names no tag of the archive: 'no-such-tag'" in (
        warnings
    )
    assert "names no journey of the archive: 'no-such-journey'" in warnings
    assert "[postarchive.directive]" in warnings
    assert (Path(app.outdir) / "notes.html").is_file()


def test_a_home_page_without_journeys_leaves_out_their_heading(build_root):
    # Most imported blogs have no series or categories: no "Journeys" heading over nothing.
    post = "---\ntitle: Alone\ndate: 2019-05-01\n---\n\nA post in no journey at all.\n"
    app = build_root("empty", files={"posts/alone.md": post})
    home = article(Path(app.outdir), "index")
    assert home.select_one("section#journeys") is None
    assert "No post belongs to a journey yet." not in home.get_text()
    assert "Journeys" not in [h.get_text().rstrip("¶") for h in home.select("h2")]
    assert "Alone" in home.select_one("section#recent-posts").get_text()
    # The journeys page itself says why it is empty.
    page = article(Path(app.outdir), "archive/journeys/index")
    assert "No post belongs to a journey yet." in page.get_text()


def test_a_journeys_listing_under_words_of_the_authors_keeps_its_heading(build_root):
    page = "# Trips\n\n## Journeys\n\nWhere I went:\n\n```{postarchive-journeys}\n```\n"
    app = build_root("empty", files={"trips.md": page})
    section = article(Path(app.outdir), "trips").select_one("section#journeys")
    assert section.get_text(" ", strip=True).endswith("No post belongs to a journey yet.")


def test_code_in_a_blog_highlighters_language_is_highlighted_without_warning(build_root):
    """Seen on a real Hugo blog: ``~~~markup`` (Prism's name for HTML)."""
    post = (
        "---\ntitle: Markup\ndate: 2016-11-17\n---\n\nA page:\n\n~~~markup\n"
        '<a href="x.html">link</a>\n~~~\n\n```none\nplain <b>text</b>\n```\n'
    )
    app = build_root("basic", files={"posts/2016/2016-11-17-markup-code.md": post})
    assert "lexer name" not in app.warning.getvalue()
    page = article(Path(app.outdir), "posts/2016/2016-11-17-markup-code")
    html_block = page.select_one("div.highlight-markup")
    assert html_block.select_one("span.nt").get_text() == "a"  # a tag name, highlighted as HTML
    assert html_block.get_text().strip() == '<a href="x.html">link</a>'  # as written
    assert page.select_one("div.highlight-none").get_text().strip() == "plain <b>text</b>"


def test_struck_text_shows_struck_in_html_and_latex_without_a_warning(build_root):
    # `~~was~~ is`: MyST warns at every use (failing Read the Docs' fail_on_warning) and leaves
    # the PDF without the line, so the correction read as if both stood.
    post = (
        "---\ntitle: Update\ndate: 2019-05-01\n---\n\n"
        "The release is ~~in May~~ in June, [~~old link~~](https://example.org).\n"
    )
    overrides = {"myst_enable_extensions": ["strikethrough"]}
    app = build_root("empty", files={"posts/update.md": post}, confoverrides=overrides)
    assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
    body = article(Path(app.outdir), "posts/update")
    assert [s.get_text() for s in body.select("span.postarchive-struck")] == [
        "in May",
        "old link",
    ]
    assert "<s>" not in str(body)
    latex = build_root("empty", "latex", files={"posts/update.md": post}, confoverrides=overrides)
    (tex,) = Path(latex.outdir).glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    assert r"\DUrole{postarchive-struck}{in May} in June" in text
    assert r"\usepackage{lua-ul}" in text.split(r"\begin{document}")[0]
