"""Links between posts, old addresses, redirects and the inventory other projects link to."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sphinx.util.console import strip_colors
from sphinx.util.inventory import InventoryFile

from tests.conftest import article, copy_root, links_by_text, read_html


@pytest.fixture(scope="module")
def links_build(build_root, tmp_path_factory):
    top = tmp_path_factory.mktemp("links")
    app = build_root(srcdir=copy_root("links", top / "src"), builddir=top / "out")
    return app, top


def hrefs(app, docname: str) -> dict[str, str]:
    """Link text -> href of the links in a post's body list."""
    body = article(Path(app.outdir), docname).select_one("section ul")
    return links_by_text(body)


def warnings_of(app) -> list[str]:
    text = strip_colors(app.warning.getvalue())
    return [
        line.split("/test-links/")[-1].split("/src/")[-1]
        for line in text.splitlines()
        if "WARNING" in line
    ]


def test_every_link_form_resolves_to_the_post(links_build):
    app, _top = links_build
    links = hrefs(app, "posts/a-first")
    assert links["hugo"] == "b-second.html"
    assert links["Details"] == "b-second.html#details"  # bare relref with an anchor, titled
    assert links["jekyll"] == "2016-01-03-c-third.html"
    assert links["pelican"] == "b-second.html"
    assert links["Third"] == "2016-01-03-c-third.html"  # {post} shows the target's title
    assert links["Custom text"] == "b-second.html"
    assert links["Trip"] == "../archive/journeys/trip.html"
    assert links["django"] == "../archive/tags/django.html"  # {tag} meets case variants
    assert links["plain"] == "b-second.html"


def test_links_to_old_addresses_become_internal(links_build):
    app, _top = links_build
    links = hrefs(app, "posts/a-first")
    assert links["old"] == "2016-01-03-c-third.html"  # by the configured pattern
    assert links["absolute"] == "2016-01-03-c-third.html"  # on the old domain
    assert links["permalink"] == "b-second.html#details"  # by the post's permalink
    assert links["refstyle"] == "../archive/journeys/trip.html"  # a journey's old address
    assert links["elsewhere"] == "https://elsewhere.example.org/post/2016/c-third/"


def test_links_to_nothing_are_reported_with_file_and_line(links_build):
    app, _top = links_build
    warnings = warnings_of(app)
    assert any(
        w.startswith(
            "posts/a-first.md:17: WARNING: link '{{< ref \"missing.md\" >}}' names no post"
        )
        for w in warnings
    ), warnings
    assert any(
        w.startswith("posts/a-first.md:18: WARNING: no post of the archive is named 'no-such-post'")
        for w in warnings
    ), warnings


def test_reading_order_within_the_journey_and_related_posts(links_build):
    app, _top = links_build
    out = Path(app.outdir)
    second = article(out, "posts/b-second")
    assert second.select_one(".postarchive-position").get_text() == " (1 of 2)"
    steps = second.select_one(".postarchive-steps")
    assert steps.select_one(".postarchive-previous") is None
    assert steps.select_one(".postarchive-next a")["href"] == "2016-01-03-c-third.html"
    assert steps.select_one(".postarchive-next .postarchive-step-label").get_text() == "Next →"
    third = article(out, "posts/2016-01-03-c-third")
    assert third.select_one(".postarchive-position").get_text() == " (2 of 2)"
    assert third.select_one(".postarchive-previous a")["href"] == "b-second.html"
    related = [a.get_text() for a in third.select(".postarchive-related .postarchive-post-title a")]
    # Second shares django but is already linked as the previous post: First (python) leads.
    assert related[0] == "First" and "Second" not in related


def test_old_addresses_get_redirect_pages(links_build):
    app, _top = links_build
    out = Path(app.outdir)
    expected = {
        "legacy/second.html": "../posts/b-second.html",
        "old/second/index.html": "../../posts/b-second.html",  # Hugo's aliases
        "older/second.html": "../posts/b-second.html",
        "post/2016/c-third/index.html": "../../../posts/2016-01-03-c-third.html",
        "post/2016/a-first/index.html": "../../../posts/a-first.html",
        "journeys/trip/index.html": "../../archive/journeys/trip.html",
        "tags/django/index.html": "../../archive/tags/django.html",
    }
    for page, target in expected.items():
        html = (out / page).read_text(encoding="utf-8")
        assert f'url={target}"' in html, page
        assert (out / page).parent.joinpath(target).resolve().is_file(), page
    readthedocs = json.loads((out / "_redirects" / "readthedocs.json").read_text(encoding="utf-8"))
    assert {
        "type": "page",
        "from_url": "/legacy/second.html",
        "to_url": "/posts/b-second.html",
    } in readthedocs
    assert all(r["to_url"].startswith("/") for r in readthedocs)


def test_unsafe_and_duplicate_permalinks_are_refused(links_build):
    app, top = links_build
    warnings = warnings_of(app)

    def reported(start: str) -> bool:
        return any(w.startswith(start) for w in warnings)

    assert reported("posts/d-unsafe.md:4: WARNING: permalink '../../outside/escape.html'")
    assert reported("posts/f-scheme.md:4: WARNING: permalink 'javascript:alert(1)'")
    assert reported("posts/g-windows.md:4: WARNING: permalink 'C:\\\\Windows\\\\evil.html'")
    assert reported(
        "posts/e-duplicate.md:4: WARNING: error: permalink '/legacy/second.html' is also claimed by posts/b-second.md"
    )
    assert reported(
        "posts/h-home.md:1: WARNING: old address '/index.html' is where the page 'index' is written"
    )
    # The home page is the archive's, and nothing escaped the output folder.
    assert read_html(Path(app.outdir), "index").select_one("article .postarchive-post-list")
    assert not (top / "outside").exists()
    assert not list(top.parent.glob("**/escape.html"))


def test_inventory_lists_posts_journeys_and_tags(links_build):
    app, _top = links_build
    with open(Path(app.outdir) / "objects.inv", "rb") as stream:
        inventory = InventoryFile.load(
            stream, "https://archive.example.org", lambda base, uri: f"{base}/{uri}"
        )
    assert (
        inventory["postarchive:post"]["b-second"].uri
        == "https://archive.example.org/posts/b-second.html"
    )
    assert inventory["postarchive:journey"]["trip"].display_name == "Trip"
    assert "django" in inventory["postarchive:tag"]
    assert inventory["std:label"]["post-b-second"].uri.endswith("posts/b-second.html#b-second")


def test_another_project_links_into_the_archive_with_intersphinx(links_build, build_root, tmp_path):
    app, _top = links_build
    other = tmp_path / "other"
    other.mkdir()
    (other / "conf.py").write_text(
        "extensions = ['sphinx.ext.intersphinx', 'postarchive.intersphinx']\n"
        f"intersphinx_mapping = {{'archive': ('https://archive.example.org/', {str(Path(app.outdir) / 'objects.inv')!r})}}\n",
        encoding="utf-8",
    )
    (other / "index.rst").write_text(
        "Elsewhere\n=========\n\n"
        "See :postarchive:post:`b-second`, :external+archive:postarchive:journey:`trip` "
        "and :external+archive:ref:`post-c-third`.\n",
        encoding="utf-8",
    )
    linking = build_root(srcdir=other)
    assert "WARNING" not in linking.warning.getvalue(), linking.warning.getvalue()
    links = links_by_text(read_html(Path(linking.outdir), "index"), "a.reference.external")
    assert links["Second"] == "https://archive.example.org/posts/b-second.html"
    assert links["Trip"] == "https://archive.example.org/archive/journeys/trip.html"
    assert links["Third"].startswith("https://archive.example.org/posts/2016-01-03-c-third.html")
