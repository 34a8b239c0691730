"""A post's header and footer and the lists of posts are made when a page is resolved, after
Sphinx resolved the page's own links: they are in every format, in the single page and the PDF
too, with links that work there, and an excerpt has the quotes and dashes of the post's text
while titles and names stay as written."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import article

DAY_ONE = "posts/2016/2016-04-01-day-one"
DAY_TWO = "posts/2016/2016-04-02-day-two"
JOURNEY = "archive/journeys/djangocon-europe-2016"


def links(node) -> dict[str, str]:
    return {a.get_text(): a["href"] for a in node.select("a")}


def test_the_single_page_has_every_posts_header_footer_and_listing(build_root):
    app = build_root("basic", "singlehtml")
    page = BeautifulSoup((Path(app.outdir) / "index.html").read_text(), "html.parser")

    def section(docname: str):
        return page.find(id=f"document-{docname}").find_next("section")

    day_one = section(DAY_ONE)
    assert links(day_one.select_one(".postarchive-post-header")) == {
        "DjangoCon Europe 2016": f"#document-{JOURNEY}",
        "Django": "#document-archive/tags/django",
        "session-notes": "#document-archive/tags/session-notes",
    }
    footer = day_one.select_one(".postarchive-post-footer")
    assert links(footer.select_one(".postarchive-next"))["Day two"] == f"#document-{DAY_TWO}"
    assert footer.select(".postarchive-related .postarchive-entry")
    listed = links(section(JOURNEY).select_one(".postarchive-post-list"))
    assert listed["Day one at DjangoCon"] == f"#document-{DAY_ONE}"
    assert not page.select(".postarchive-post-header .xref, a.reference.external[href^='/']")


def test_the_pdf_links_a_posts_parts_to_the_pages_they_name(build_root):
    app = build_root("basic", "latex")
    tex = next(Path(app.outdir).glob("*.tex")).read_text()
    # Day one's part of the PDF: from its label to the next document's.
    day_one = tex.split(r"\label{\detokenize{" + DAY_ONE + "::doc}}")[1].split("::doc}}")[0]
    assert r"\DUrole{postarchive-label}{Journey: }" in day_one
    assert r"\hyperref[\detokenize{" + JOURNEY + "::doc}]" in day_one
    assert r"Next \(\rightarrow\)" in day_one
    assert r"\hyperref[\detokenize{" + DAY_TWO + "::doc}]" in day_one


EXCERPT = "Rose's café doesn't open -- \"never\" on Mondays..."


def test_an_excerpt_has_typographic_quotes_and_a_title_stays_as_written(build_root):
    files = {
        "posts/2016/2016-07-01-roses.md": (
            "---\n"
            'title: Rose\'s "little" café\n'
            "date: 2016-07-01\n"
            "tags: [quotes]\n"
            f"description: '{EXCERPT.replace(chr(39), chr(39) * 2)}'\n"
            "---\n\n"
            'She said it\'s closed -- "again".\n'
        )
    }
    app = build_root("basic", files=files)
    tag_page = article(Path(app.outdir), "archive/tags/quotes")
    entry = tag_page.select_one(".postarchive-entry")
    assert entry.select_one(".postarchive-post-title").get_text() == 'Rose\'s "little" café'
    assert entry.select_one(".postarchive-summary").get_text() == (
        "Rose’s café doesn’t open – “never” on Mondays…"
    )
    post = article(Path(app.outdir), "posts/2016/2016-07-01-roses")
    assert "it’s closed – “again”." in post.get_text()
