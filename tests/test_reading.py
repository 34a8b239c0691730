"""Reading the archive as a reader does, over http and straight from disk (file://): search with
snippets, home → journey → post → next post → tag → home by clicking, images, no console errors,
and Read the Docs' search taking over only when it is there."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import expect, screenshot, site_url

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(basic_build) -> Path:
    """The basic root as built once for the session."""
    return Path(basic_build.outdir)


@pytest.fixture(scope="module", params=["http", "file"])
def base_url(request, site):
    with site_url(site, request.param) as url:
        yield url


def test_search_shows_the_post_with_a_snippet(page, base_url):
    page.goto(f"{base_url}search.html?q=zeppelin")
    result = page.locator("#search-results ul.search li").first
    expect(result.locator("a")).to_have_text("Day one at DjangoCon")
    # The snippet comes from the page's own text, shipped with the site (online and from disk).
    expect(result.locator("p.context")).to_contain_text("arrived by zeppelin")
    assert page.problems == []


def test_reader_walks_home_journey_post_next_tag_and_home(page, base_url, request):
    page.goto(base_url + "index.html")
    page.locator("article a", has_text="DjangoCon Europe 2016").first.click()
    expect(page.locator("article h1")).to_have_text("DjangoCon Europe 2016¶")
    page.locator("article .postarchive-post-list a", has_text="A call from Tokyo").click()
    expect(page.locator("article h1")).to_have_text("A call from Tokyo¶")
    expect(page.locator(".postarchive-position")).to_have_text(" (2 of 4)")
    page.locator(".postarchive-next a").click()
    expect(page.locator("article h1")).to_have_text("Day one at DjangoCon¶")
    image = page.locator("article img")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth") > 0
    screenshot(page, f"post-{request.node.callspec.id}")
    page.locator(".postarchive-post-header .postarchive-tags a", has_text="Django").click()
    expect(page.locator("article h1")).to_have_text("Tag: django¶")
    page.locator(".sidebar-brand").click()
    expect(page.locator("article h1")).to_have_text("Post archive¶")
    screenshot(page, f"home-{request.node.callspec.id}")
    assert page.problems == []


def test_read_the_docs_search_takes_over_only_when_there(page, base_url):
    page.goto(base_url + "index.html")
    page.evaluate("""() => {
        window.shown = 0;
        document.addEventListener("readthedocs-search-show", () => window.shown++);
    }""")
    box = page.locator(".sidebar-search")
    box.click()
    assert page.evaluate("window.shown") == 0  # no Read the Docs: the built-in search is used
    box.fill("zeppelin")
    box.press("Enter")
    page.wait_for_url("**/search.html?q=zeppelin*")

    page.goto(base_url + "index.html")
    # What Read the Docs' addons send when its search is enabled for the project.
    page.evaluate("""() => {
        window.shown = 0;
        document.addEventListener("readthedocs-search-show", () => window.shown++);
        const data = {addons: {search: {enabled: true}}};
        document.dispatchEvent(new CustomEvent("readthedocs-addons-data-ready",
                                               {detail: {data: () => data}}));
    }""")
    page.locator(".sidebar-search").click()
    assert page.evaluate("window.shown") == 1
    assert page.url.endswith("index.html")
    assert page.problems == []
