"""What a reader does in a real browser: search, follow a journey, read repaired text, open files.

Drives Debian's Chromium through Playwright against a site built once per session. Skipped when
either is missing, unless POSTARCHIVE_REQUIRE_BROWSER=1 (as in CI), where that is a failure.
"""

import re
from pathlib import Path

import pytest

from tests.browser import expect, screenshot, search, served

pytestmark = pytest.mark.browser

LIGHTNING = "posts/2016/2016-04-01-lightning-talks-day-3-part-2.html"
RECAP = "posts/2016/2016-11-06-django-under-the-hood-2016-recap.html"
JOURNEY = "archive/journeys/djangocon-europe-2016.html"
TAG = "archive/tags/session-notes.html"


@pytest.fixture(scope="module")
def site(repo_site) -> Path:
    """The repository's archive as built once for the session (the build test_site judges)."""
    run, out = repo_site
    assert run.returncode == 0, f"sphinx build failed:\n{run.stdout}\n{run.stderr}"
    return out


@pytest.fixture(scope="module")
def base_url(site):
    with served(site) as url:
        yield url


def test_search_finds_posts_by_body_words(page, base_url):
    assert search(page, base_url, "GeoDjango") == {"Django Under The Hood 2016 recap": RECAP}

    assert search(page, base_url, "Twisted") == {"Lightning Talks, Day 3 part 2": LIGHTNING}
    # A result link takes the reader to the post.
    page.locator("ul.search li > a", has_text="Lightning Talks").click()
    page.wait_for_url(f"**/{LIGHTNING}*")
    assert page.locator("article h1").inner_text().startswith("Lightning Talks, Day 3 part 2")


def test_search_finds_tag_and_title_words(page, base_url):
    # The tag shows in the post header and has its own page: both are found.
    results = search(page, base_url, "session-notes")
    assert results.get("Tag: session-notes") == TAG
    assert results.get("Lightning Talks, Day 3 part 2") == LIGHTNING
    assert RECAP not in results.values()  # the recap has no tags

    # A title word ranks the post itself first.
    results = search(page, base_url, "Lightning")
    assert next(iter(results.values())) == LIGHTNING
    assert search(page, base_url, "nonexistentword") == {}


def test_journey_navigation_from_home(page, base_url):
    page.goto(base_url)
    page.locator("article a", has_text="DjangoCon Europe 2016").first.click()
    page.wait_for_url(f"**/{JOURNEY}")
    expect(page.locator("article h1")).to_contain_text("DjangoCon Europe 2016")

    page.locator("article a", has_text="Lightning Talks, Day 3 part 2").click()
    page.wait_for_url(f"**/{LIGHTNING}")
    expect(page.locator("article h1")).to_contain_text("Lightning Talks, Day 3 part 2")

    # The sidebar opens the journey and marks the post as the page being read.
    tree = page.locator(".sidebar-tree")
    journey_item = tree.locator("li.current", has=page.locator("> a", has_text="DjangoCon"))
    expect(journey_item).to_have_count(1)
    expect(tree.locator("li.current-page > a.current")).to_have_text(
        "Lightning Talks, Day 3 part 2"
    )

    header = page.locator(".postarchive-post-header")
    expect(header).to_contain_text("April 1, 2016")
    expect(header.locator(".postarchive-journeys a")).to_have_text("DjangoCon Europe 2016")
    expect(header.locator(".postarchive-tags a")).to_have_text("session-notes")

    header.locator(".postarchive-tags a", has_text="session-notes").click()
    page.wait_for_url(f"**/{TAG}")
    expect(page.locator("article h1")).to_contain_text("Tag: session-notes")
    expect(page.locator("article a", has_text="Lightning Talks, Day 3 part 2")).to_be_visible()


def test_repaired_text_is_what_the_reader_sees(page, base_url):
    # The seed posts were stored as mojibake; the reader must see the original characters.
    page.goto(base_url + LIGHTNING)
    text = page.locator("article").inner_text()
    assert "😊" in text and "ðŸ" not in text
    assert "GraphQL" in text and "Celery" in text

    page.goto(base_url + RECAP)
    text = page.locator("article").inner_text()
    assert "Loïc Bistuer" in text and "Lo√Øc" not in text
    assert "Amsterdam" in text and "GeoDjango" in text


def test_site_works_from_disk(page, site):
    # Someone may open the built HTML straight from disk, without a server.
    page.goto((site / LIGHTNING).as_uri())
    expect(page).to_have_title(re.compile(r"^Lightning Talks, Day 3 part 2"))
    expect(page.locator("article h1")).to_contain_text("Lightning Talks, Day 3 part 2")

    page.locator(".sidebar-tree a", has_text="DjangoCon Europe 2016").click()
    page.wait_for_url((site / JOURNEY).as_uri())
    expect(page.locator("article h1")).to_contain_text("DjangoCon Europe 2016")

    page.locator(".sidebar-tree a", has_text="Tags").click()
    page.wait_for_url((site / "archive/tags/index.html").as_uri())
    expect(page.locator("article")).to_contain_text("session-notes (1)")


def test_timeline_renders_and_leads_to_its_month(page, base_url):
    page.goto(base_url)
    chart = page.locator("article .postarchive-tl-chart")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box["width"] > 100 and box["height"] > 40
    bar = chart.locator('a.postarchive-tl-bar[data-month="2016-11"]')
    expect(bar).to_have_attribute("title", "November 2016: 1 post")
    expect(bar.locator(".postarchive-tl-count")).to_have_text("1")  # shown, not only on hover
    assert bar.locator(".postarchive-tl-fill").bounding_box()["height"] > 10
    bar.click()
    page.wait_for_url("**/archive/2016.html#month-2016-11")
    expect(page.locator("section#month-2016-11")).to_contain_text(
        "Django Under The Hood 2016 recap"
    )


@pytest.mark.parametrize("path", ["", JOURNEY, RECAP])
def test_pages_fit_a_phone_screen(browser, base_url, path):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    try:
        page.goto(base_url + path)
        expect(page.locator("article h1")).to_be_visible()
        # Nothing sticks out sideways: the page scrolls only downwards.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, overflow
        screenshot(page, f"phone-{Path(path).stem or 'home'}")
    finally:
        context.close()


def _luminance(css_color: str) -> float:
    r, g, b = (int(v) for v in re.findall(r"\d+", css_color)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def test_dark_mode_keeps_text_readable(browser, base_url):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(base_url + LIGHTNING)
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert _luminance(background) < 0.3, background
        for selector in ("article h1", ".postarchive-post-header .postarchive-date", "article p"):
            color = page.locator(selector).first.evaluate("e => getComputedStyle(e).color")
            assert _luminance(color) - _luminance(background) > 0.35, (selector, color)
        screenshot(page, "dark-post")
        page.goto(base_url)
        bar = page.locator('.postarchive-tl-bar[data-count="1"] .postarchive-tl-fill').first
        fill = bar.evaluate("e => getComputedStyle(e).backgroundColor")
        assert _luminance(fill) - _luminance(background) > 0.2, fill
        screenshot(page, "dark-home")
    finally:
        context.close()
