"""The realistic small blog (tests/roots/test-reader) read in a real browser, on a desktop and
on a phone, light and dark: nothing wider than a phone's screen, the timeline readable and easy
to tap, captions and missing pictures as a reader sees them, a whole card to tap for the next
post. Every page is kept as a screenshot (_build/test-artifacts/reader-*.png)."""

from __future__ import annotations

import pytest

from tests.browser import expect, screenshot, served

pytestmark = pytest.mark.browser

PAGES = {
    "home": "index.html",
    "post": "posts/2019/2019-06-03-golden-circle.html",
    "video": "posts/2019/2019-06-05-leaving.html",
    "journey": "archive/journeys/iceland-2019.html",
    "journeys": "archive/journeys/index.html",
    "year": "archive/2020.html",
}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture(scope="module")
def base_url(build_root):
    app = build_root("reader")
    with served(app.outdir) as url:
        yield url


@pytest.fixture(params=["light", "dark"])
def phone(browser, request):
    context = browser.new_context(color_scheme=request.param, **PHONE)
    page = context.new_page()
    page.scheme = request.param
    yield page
    context.close()


@pytest.fixture(params=["light", "dark"])
def desktop(browser, request):
    context = browser.new_context(color_scheme=request.param, **DESKTOP)
    page = context.new_page()
    page.scheme = request.param
    yield page
    context.close()


def test_every_page_fits_a_phone(phone, base_url):
    for name, path in PAGES.items():
        phone.goto(base_url + path)
        expect(phone.locator("article h1")).to_be_visible()
        # Nothing sticks out sideways, the video included: the page scrolls only downwards.
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, (name, overflow)
        # A title smaller than furo's 2.5em, so a long word is not cut in the middle.
        assert _font_px(phone.locator("article h1").first) <= 33, name
        screenshot(phone, f"reader-phone-{phone.scheme}-{name}")


def test_every_page_on_a_desktop(desktop, base_url):
    for name, path in PAGES.items():
        desktop.goto(base_url + path)
        expect(desktop.locator("article h1")).to_be_visible()
        screenshot(desktop, f"reader-desktop-{desktop.scheme}-{name}")
    # Prose lines of a comfortable length: about 75 characters (40 em), not the column's 95.
    desktop.goto(base_url + PAGES["post"])
    prose = desktop.locator("article p", has_text="Þingvellir in the morning")
    width_em = prose.evaluate(
        "e => e.getBoundingClientRect().width / parseFloat(getComputedStyle(e).fontSize)"
    )
    assert 30 <= width_em <= 40.5, width_em


def _font_px(locator) -> float:
    return float(locator.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))


def test_the_timeline_on_a_phone_is_a_line_per_year_easy_to_tap(phone, base_url):
    phone.goto(base_url)
    expect(phone.locator(".postarchive-tl-chart")).to_be_hidden()
    rows = phone.locator(".postarchive-tl-list a")
    assert rows.count() == 4  # 2019 to 2022
    for n in range(rows.count()):
        box = rows.nth(n).bounding_box()
        assert box["height"] >= 24 and box["width"] >= 24, box
        assert _font_px(rows.nth(n).locator(".postarchive-tl-total")) >= 12
    expect(rows.first).to_contain_text("2019")
    expect(rows.first).to_contain_text("3 posts")
    # A screen reader meets the phone's version only: the chart is hidden from everyone.
    expect(phone.get_by_role("link", name="June 2019: 3 posts")).to_have_count(0)
    rows.nth(1).click()
    phone.wait_for_url("**/archive/2020.html")


def test_the_timeline_on_a_desktop_shows_its_counts(desktop, base_url):
    desktop.goto(base_url)
    chart = desktop.locator(".postarchive-tl-chart")
    expect(chart).to_be_visible()
    june = chart.locator('a.postarchive-tl-bar[data-month="2019-06"]')
    # Each bar is a link a screen reader names; the phone's list is hidden from everyone here.
    expect(desktop.get_by_role("link", name="June 2019: 3 posts")).to_have_count(1)
    expect(desktop.locator(".postarchive-tl-list")).to_be_hidden()
    count = june.locator(".postarchive-tl-count")
    expect(count).to_be_visible()
    expect(count).to_have_text("3")
    assert _font_px(count) >= 11
    labels = chart.locator(".postarchive-tl-label")
    assert labels.count() == 4
    for n in range(labels.count()):
        assert _font_px(labels.nth(n)) >= 11
    expect(labels.first.locator(".postarchive-tl-total")).to_be_visible()
    june.click()
    desktop.wait_for_url("**/archive/2019.html#month-2019-06")


def _luminance(css_color: str) -> float:
    import re

    r, g, b = (int(float(v)) for v in re.findall(r"[\d.]+", css_color)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255


def test_captions_are_muted_and_a_missing_picture_is_visible(desktop, base_url):
    desktop.goto(base_url + PAGES["post"])
    body = desktop.locator("article p", has_text="Þingvellir in the morning")
    caption = desktop.locator("figcaption").first
    assert _font_px(caption) < _font_px(body)
    body_color = _luminance(body.evaluate("e => getComputedStyle(e).color"))
    caption_color = _luminance(caption.evaluate("e => getComputedStyle(e).color"))
    assert caption_color != body_color  # muted, in light and dark alike
    missing = desktop.locator(".postarchive-missing-picture")
    expect(missing).to_be_visible()
    expect(missing).to_contain_text("Picture not found (gullfoss.jpg)")
    assert missing.bounding_box()["height"] >= 40


def test_the_next_card_is_tapped_anywhere(phone, base_url):
    phone.goto(base_url + PAGES["video"])
    cards = phone.locator(".postarchive-steps .postarchive-step")
    assert cards.count() == 2
    card = phone.locator(".postarchive-step.postarchive-next")
    expect(card).to_contain_text("Next journey: PyCon 2020")
    box = card.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 300
    # Its date, not its title: the whole card leads on.
    card.scroll_into_view_if_needed()
    date = card.locator(".postarchive-step-date").bounding_box()
    phone.touchscreen.tap(date["x"] + 5, date["y"] + date["height"] / 2)
    phone.wait_for_url("**/posts/2020/2020-04-10-keynote.html")
    expect(phone.locator("article h1")).to_contain_text("Keynote")
