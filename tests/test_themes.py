"""The archive in the themes Sphinx projects use besides furo: each builds the realistic blog
with -W, shows the archive's pages as it does in furo (one previous/next pair, cards, timeline),
and fits a phone's screen. Screenshots: _build/test-artifacts/theme-*.png."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import expect, screenshot, served
from tests.conftest import read_html, warning_lines

THEMES = ["pydata_sphinx_theme", "sphinx_book_theme", "sphinx_rtd_theme", "alabaster"]
POST = "posts/2019/2019-06-05-leaving"


@pytest.fixture(scope="module", params=THEMES)
def themed(request, build_root):
    """The reader blog built in one theme, strictly; its missing picture is this test's noise."""
    app = build_root(
        "reader",
        confoverrides={"html_theme": request.param, "suppress_warnings": ["postarchive.picture"]},
        warningiserror=True,
    )
    return request.param, app


@pytest.mark.slow
def test_each_theme_builds_the_archive_strictly(themed):
    theme, app = themed
    assert warning_lines(app) == [], theme
    out = Path(app.outdir)
    post = read_html(out, POST)
    cards = post.select(".postarchive-steps .postarchive-step")
    assert [c.select_one(".postarchive-step-title").get_text() for c in cards] == [
        "The Golden Circle",
        "Keynote: Maintaining Open Source for Ten Years",
    ], theme
    # The post's cover, under its header and before its first paragraph, with its alt text.
    cover = post.select_one(".postarchive-post-header + .postarchive-post-cover img")
    assert cover["alt"] == "The ferry waiting in the harbour", theme
    assert (out / POST).parent.joinpath(cover["src"]).resolve().is_file(), theme
    home = read_html(out, "index")
    assert len(home.select(".postarchive-journey-card")) == 3
    assert home.select_one(".postarchive-tl-chart") is not None
    assert len(home.select(".postarchive-post-list .postarchive-summary")) >= 8


@pytest.mark.slow
@pytest.mark.browser
def test_each_theme_reads_well_on_a_phone_and_a_desktop(themed, browser):
    theme, app = themed
    with served(app.outdir) as url:
        for size, viewport in (("phone", (390, 844)), ("desktop", (1280, 900))):
            context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
            page = context.new_page()
            try:
                for name, path in (("home", "index.html"), ("post", f"{POST}.html")):
                    page.goto(url + path)
                    expect(
                        page.locator(".postarchive-timeline, .postarchive-steps").first
                    ).to_be_attached()
                    overflow = page.evaluate(
                        "document.documentElement.scrollWidth - window.innerWidth"
                    )
                    assert overflow <= 1, (theme, size, name, overflow)
                    # Listings are not bulleted lists in any theme.
                    bullets = page.locator("ul.postarchive-post-list > li").first.evaluate(
                        "e => getComputedStyle(e).listStyleType"
                    )
                    assert bullets == "none", (theme, name)
                    screenshot(page, f"theme-{theme}-{size}-{name}")
            finally:
                context.close()
