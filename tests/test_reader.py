"""What a reader meets on a realistic small blog (tests/roots/test-reader: three journeys, photos
with captions, a missing photo, a video, talk notes, reference-style links): excerpts, one way
from post to post, pictures, journey cards, the sidebar and the theme's furniture."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import article, read_html, warning_lines

ARRIVAL = "posts/2019/2019-06-01-arrival"
GOLDEN = "posts/2019/2019-06-03-golden-circle"
LEAVING = "posts/2019/2019-06-05-leaving"
KEYNOTE = "posts/2020/2020-04-10-keynote"
LIGHTNING = "posts/2020/2020-04-11-lightning"
BREAD = "posts/2020/2020-08-01-bread"
TOKYO = "posts/2021/2021-03-15-tokyo"
NEW_YEAR = "posts/2022/2022-01-05-new-year"
# What Markdown or MyST looks like when it is shown instead of read.
MARKUP = re.compile(r"\]\(|\]\[|^\[|!\[|\*\*|`|\{[a-z-]+\}|<[a-z/]|^#|\.;")


@pytest.fixture(scope="module")
def reader(build_root):
    return build_root("reader")


def out(app) -> Path:
    return Path(app.outdir)


def test_excerpts_read_as_prose(reader):
    home = article(out(reader), "index")
    summaries = [p.get_text() for p in home.select(".postarchive-summary")]
    assert len(summaries) >= 9
    for summary in summaries:
        assert not MARKUP.search(summary), summary
    text = " ".join(summaries)
    # Reference-style links become their text.
    assert "The best was about Poutineville, a restaurant finder written in a weekend" in text
    # Talk notes: the notes, not the audience's questions at the end.
    assert "Started as a weekend project; now 40 maintainers. Burnout is the main risk" in text
    assert "2FA" not in text
    # The same excerpt is the page's description.
    page = read_html(out(reader), LIGHTNING)
    description = page.select_one('meta[name="description"]')["content"]
    assert description.startswith("Eleven talks in an hour. The best was about Poutineville,")


def steps_of(app, docname: str) -> dict[str, tuple[str, str, str]]:
    """The post's previous and next cards: way -> (label, link, date)."""
    page = read_html(out(app), docname)
    cards = {}
    for card in page.select(".postarchive-steps .postarchive-step"):
        way = "previous" if "postarchive-previous" in card["class"] else "next"
        assert way not in cards, f"two {way} cards on {docname}"
        cards[way] = (
            card.select_one(".postarchive-step-label").get_text(),
            card.select_one(".postarchive-step-title a")["href"],
            card.select_one(".postarchive-step-date").get_text(),
        )
    return cards


def test_one_way_from_post_to_post(reader):
    # Within a journey, in order.
    assert steps_of(reader, GOLDEN) == {
        "previous": ("← Previous", "2019-06-01-arrival.html", "June 1, 2019"),
        "next": ("Next →", "2019-06-05-leaving.html", "June 5, 2019"),
    }
    # At a journey's end, into the next journey in time; back again at its start.
    assert steps_of(reader, LEAVING)["next"] == (
        "Next journey: PyCon 2020 →",
        "../2020/2020-04-10-keynote.html",
        "April 10, 2020",
    )
    assert steps_of(reader, KEYNOTE)["previous"][0] == "← Previous journey: Iceland 2019"
    assert "previous" not in steps_of(reader, ARRIVAL)  # the first journey's first post
    # Posts of no journey go by date among themselves.
    assert steps_of(reader, BREAD) == {
        "next": ("Next →", "../2022/2022-01-05-new-year.html", "January 5, 2022"),
    }
    # Exactly one pair: the theme's own previous/next is left out on posts and listings.
    for docname in (GOLDEN, BREAD, "archive/journeys/iceland-2019", "archive/2020"):
        page = read_html(out(reader), docname)
        assert page.select(".related-pages a") == [], docname


def test_related_posts_leave_out_the_steps(reader):
    page = article(out(reader), GOLDEN)
    related = {a["href"] for a in page.select(".postarchive-related .postarchive-post-title a")}
    assert related and not related & {"2019-06-01-arrival.html", "2019-06-05-leaving.html"}


def test_listing_entries_have_title_facts_and_excerpt(reader):
    entry = article(out(reader), "index").select(".postarchive-post-list > li")[0]
    title = entry.select_one(".postarchive-entry-title strong a")
    assert title.get_text() == "A new year, a new notebook"
    assert entry.select_one(".postarchive-entry-meta").get_text() == "January 5, 2022 · 1 min read"
    journeyed = article(out(reader), "index").select(".postarchive-post-list > li")[1]
    assert journeyed.select_one(".postarchive-entry-meta").get_text() == (
        "March 20, 2021 · Japan 2021 · 1 min read"
    )


def test_pictures_have_honest_alt_text_and_load_lazily(reader):
    golden = article(out(reader), GOLDEN)
    images = golden.select("img")
    assert [img["alt"] for img in images] == [""]  # no alt given, no caption: empty, not a path
    assert "loading" not in images[0].attrs  # the page's first picture loads at once
    arrival = article(out(reader), ARRIVAL)
    img = arrival.select_one("figure img")
    assert img["alt"] == "Boats in the old harbour of Reykjavík under a low sun"
    tokyo = article(out(reader), TOKYO)
    assert tokyo.select_one("img")["alt"] == "Neon signs reflected in a wet street in Shinjuku"


def test_a_missing_picture_is_shown_and_reported(reader):
    golden = article(out(reader), GOLDEN)
    figure = golden.select("figure")[-1]
    box = figure.select_one(".postarchive-missing-picture")
    assert box.get_text(strip=True) == "Picture not found (gullfoss.jpg)"
    assert figure.select_one("figcaption").get_text(strip=True).startswith("Gullfoss from")
    warnings = warning_lines(reader)
    assert any(
        f"{GOLDEN}.md:14: WARNING: picture not found: ../images/gullfoss.jpg" in line
        and line.endswith("[postarchive.picture]")
        for line in warnings
    ), warnings


def test_journey_cards_show_dates_count_intro_and_a_picture(reader):
    cards = article(out(reader), "archive/journeys/index").select(".postarchive-journey-card")
    by_title = {card.select_one(".postarchive-entry-title").get_text(): card for card in cards}
    assert list(by_title) == ["Japan 2021", "PyCon 2020", "Iceland 2019"]  # newest first
    iceland = by_title["Iceland 2019"]
    assert iceland.select_one(".postarchive-entry-meta").get_text() == (
        "June 1, 2019 – June 5, 2019 · 3 posts"
    )
    assert iceland.select_one(".postarchive-summary").get_text().startswith("Ten days around")
    # The first photo of its posts; Japan's from a post's front matter; PyCon has none.
    covers = {t: c.select_one("img.postarchive-cover") for t, c in by_title.items()}
    assert covers["PyCon 2020"] is None
    for title in ("Iceland 2019", "Japan 2021"):
        img = covers[title]
        assert img["alt"] == "" and img["loading"] == "lazy"
        assert (out(reader) / "archive/journeys" / img["src"]).resolve().is_file()
    assert Path(covers["Iceland 2019"]["src"]).name.startswith("harbour")
    assert Path(covers["Japan 2021"]["src"]).name.startswith("tokyo")


def test_a_year_in_the_sidebar_lists_all_its_posts(reader):
    page = read_html(out(reader), "archive/2020")
    current = page.select_one(".sidebar-tree li.current.toctree-l2")
    assert [a.get_text() for a in current.select(":scope > ul a")] == [
        "Keynote: Maintaining Open Source for Ten Years",
        "Lightning talks, day two",
        "Baking bread in the lockdown",
    ]


def test_theme_furniture_fits_an_archive(reader):
    page = read_html(out(reader), GOLDEN)
    assert page.title.get_text().endswith("Notes from the Road")
    assert "documentation" not in page.select_one(".sidebar-brand").get_text()
    assert page.select(".view-this-page") == []  # no link to the raw Markdown
    assert "2019–2022, Ana Example" in page.select_one(".copyright").get_text()
    home = article(out(reader), "index")
    feed = home.select_one(".postarchive-feed-link a")
    assert feed.get_text() == "Notes from the Road" and feed["href"].endswith(".xml")
    assert (out(reader) / feed["href"]).is_file()
