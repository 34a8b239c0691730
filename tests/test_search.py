"""The archive's search: accents and case folded on both sides, posts before listings, snippets
from the post's own text, dates and journeys on results, a no-results message for an archive,
and no dead search links in the single page or the e-book."""

from __future__ import annotations

import dataclasses
import json
import re
import zlib
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from sphinx.search import languages

from postarchive.publishing.pagestore import PageStore
from postarchive.publishing.search import fold, folding_language
from postarchive.publishing.snippets import (
    TEXTS_FOLDER,
    shard_count,
    shard_of,
    write_snippet_texts,
)
from tests.browser import expect, search, served, site_url

MONTREAL = "posts/2019-01-10-montreal"
OLD_TOWN = "posts/2019-01-12-old-town"
COFFEE = "posts/2019-01-14-coffee"
CREME = "posts/2019-01-16-crème-brûlée"
JOURNEY = "archive/journeys/quebec-2019"


def test_fold_drops_accents_of_latin_letters_only():
    assert fold("Montréal") == "montreal"
    assert fold("Chão") == "chao"
    assert fold("Straße") == "strasse"
    assert fold("Ærø") == "aero"
    assert fold("Ελλάδα") == "ελλαδα"
    assert fold("हिन्दी") == "हिन्दी"  # the marks of Devanagari are parts of its letters
    assert fold("日本語") == "日本語"


@pytest.mark.parametrize(
    ("language", "accented", "plain"),
    [
        ("fr", "siècle", "siecle"),
        ("fr", "élèves", "eleve"),
        ("de", "Häuser", "hauser"),
        ("es", "canción", "cancion"),
        ("pt", "informação", "informacao"),  # Portuguese's stemmer cuts these two differently
        ("en", "Montréal", "montreal"),
    ],
)
def test_a_word_with_accents_is_found_by_its_plain_spelling_and_its_own(language, accented, plain):
    base = languages[language]
    if isinstance(base, str):
        module, _, name = base.rpartition(".")
        base = getattr(__import__(module, fromlist=[name]), name)
    lang = folding_language(base)({})
    indexed = {lang.stem(word) for word in lang.split(accented)}
    assert lang.stem(plain) in indexed  # what a reader types without accents
    assert lang.stem(accented) in indexed  # and with them
    # Stemming still works under the folding: the plural meets the singular.
    if language == "fr":
        assert lang.stem("élève") == lang.stem("élèves")


@pytest.fixture(scope="module")
def site(build_root) -> Path:
    return Path(build_root("search").outdir)


def search_index(site: Path) -> dict:
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(re.match(r"Search\.setIndex\((.*)\)\s*$", text, re.S).group(1))


def test_pages_that_only_list_are_left_out_of_the_index_and_terms_are_folded(site):
    index = search_index(site)
    docnames = {d for d, title in zip(index["docnames"], index["titles"], strict=True) if title}
    # Posts, and the pages with words of their own: a journey's introduction, a tag's name.
    assert {MONTREAL, OLD_TOWN, COFFEE, JOURNEY, "index", "archive/tags/travel"} <= docnames
    for listing in ("archive/index", "archive/2019", "archive/tags/index",
                    "archive/journeys/index"):  # fmt: skip
        assert listing not in docnames
    assert "montreal" in index["titleterms"] and "montréal" not in index["titleterms"]
    assert "chao" in index["terms"] and "chão" not in index["terms"]


@pytest.fixture(scope="module", params=["http", "file"])
def base_url(request, site):
    with site_url(site, request.param) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize(
    ("plain", "accented"), [("Montreal", "Montréal"), ("chao", "Chão"), ("siecle", "siècle")]
)
def test_words_are_found_with_or_without_their_accents(page, base_url, plain, accented):
    with_accents = search(page, base_url, accented)
    assert with_accents  # the word is in the archive
    assert search(page, base_url, plain) == with_accents
    assert search(page, base_url, plain.upper()) == with_accents
    assert page.problems == []


@pytest.mark.browser
def test_the_post_titled_with_the_word_comes_first_and_listings_last(page, base_url):
    results = list(search(page, base_url, "Montreal").values())
    assert results[0] == f"{MONTREAL}.html"
    posts = [href.startswith("posts/") for href in results]
    assert posts == sorted(posts, reverse=True)  # every post before any other page
    assert f"{OLD_TOWN}.html" in results and f"{JOURNEY}.html" in results
    # The snippet shows, and highlights, the word as the post writes it.
    old_town = page.locator("#search-results ul.search > li", has_text="The old town")
    expect(old_town.locator("p.context span.highlighted").first).to_have_text("Montréal")


@pytest.mark.browser
def test_a_listing_is_not_a_result_for_the_words_of_the_posts_it_lists(page, base_url):
    # "Tiles of Lisbon" is listed on the home page, its year, its tag and in related posts.
    assert search(page, base_url, "Tiles") == {"Tiles of Lisbon": "posts/2018-06-02-lisbon.html"}
    # A tag's page is found by the tag's name, after the posts that have it (and here after the
    # journey, whose page names its most used tags).
    results = list(search(page, base_url, "food").values())
    assert set(results[:2]) == {f"{COFFEE}.html", f"{CREME}.html"}
    assert set(results[2:]) == {"archive/tags/food.html", f"{JOURNEY}.html"}


@pytest.mark.browser
def test_a_result_shows_its_date_journey_and_a_snippet_of_its_own_text(page, base_url):
    search(page, base_url, "poutine")
    result = page.locator("#search-results ul.search > li").first
    expect(result.locator("a")).to_have_text("Montréal in winter")
    expect(result.locator(".postarchive-result-meta")).to_have_text(
        "January 10, 2019 · Québec, winter 2019"
    )
    snippet = result.locator("p.context")
    expect(snippet).to_contain_text("ate poutine by the window")
    text = snippet.inner_text()
    for furniture in ("min read", "Journey", "Tags:", "Related posts", "←", "→", "(1 of 3)"):
        assert furniture not in text
    assert page.problems == []


@pytest.mark.browser
def test_a_post_with_accents_in_its_file_name_has_its_snippet_and_date(page, base_url):
    # The search page finds the script holding its text by a CRC-32 of the name's UTF-8 bytes,
    # as Python's zlib does.
    assert search(page, base_url, "caramelized") == {"Crème brûlée by the river": f"{CREME}.html"}
    result = page.locator("#search-results ul.search > li").first
    expect(result.locator(".postarchive-result-meta")).to_have_text(
        "January 16, 2019 · Québec, winter 2019"
    )
    expect(result.locator("p.context")).to_contain_text("under a blowtorch")


@pytest.mark.browser
def test_no_result_points_to_the_tags_and_the_archive(page, base_url):
    assert search(page, base_url, "xylophone") == {}
    status = page.locator("#search-results p.search-summary")
    expect(status).to_contain_text("No post matches “xylophone”")
    links = {a.inner_text(): a.get_attribute("href") for a in status.locator("a").all()}
    assert set(links) == {"tags", "journeys", "archive by date"}
    for label, href in links.items():
        page.goto(base_url + href)
        expect(page.locator("article h1")).to_be_visible()
        assert label.split()[0] in page.locator("article h1").inner_text().lower()


def test_snippet_texts_are_escaped_split_and_rewritten_only_when_they_change(tmp_path):
    store = PageStore(tmp_path / "store.json")
    store.remember("posts/a", {"text": "Less <script>alert(1)</script> & more"})
    store.remember("posts/b", {"text": "Plain words"})
    lines = {"posts/a": "June 1, 2016 · A trip"}
    write_snippet_texts(tmp_path, store, lines)
    scripts = sorted((tmp_path / TEXTS_FOLDER).glob("*.js"))
    assert len(scripts) == shard_count(store) == 1  # a small archive: one script
    found = json.loads(scripts[0].read_text(encoding="utf-8")[len("postarchiveTexts.add(") : -3])
    assert found == {
        "posts/a": [
            '<div role="main">Less &lt;script&gt;alert(1)&lt;/script&gt; &amp; more</div>',
            "June 1, 2016 · A trip",
        ],
        "posts/b": ['<div role="main">Plain words</div>', ""],
    }
    # Unchanged texts and lines: nothing written.
    store.changed.clear()
    scripts[0].write_text("edited by hand", encoding="utf-8")
    write_snippet_texts(tmp_path, store, lines)
    assert scripts[0].read_text(encoding="utf-8") == "edited by hand"
    # A big archive is split into scripts of about SHARD_BYTES, each text in the one its name
    # hashes to (postarchive-search.js computes the same CRC-32).
    for n in range(400):
        store.remember(f"posts/{n}", {"text": "word " * 200})
    write_snippet_texts(tmp_path, store, lines)
    count = shard_count(store)
    assert count == 8 and len(list((tmp_path / TEXTS_FOLDER).glob("*.js"))) == count
    assert shard_of("posts/12", count) == zlib.crc32(b"posts/12") % count
    shard = (tmp_path / TEXTS_FOLDER / f"{shard_of('posts/12', count)}.js").read_text()
    assert '"posts/12"' in shard
    # Shrunk again: the scripts beyond the new count are removed.
    store.keep_only({"posts/a", "posts/b"})
    write_snippet_texts(tmp_path, store, lines)
    assert [p.name for p in (tmp_path / TEXTS_FOLDER).glob("*.js")] == ["0.js"]


def local_targets(soup: BeautifulSoup) -> list[str]:
    found = []
    for element, attribute in (("a", "href"), ("link", "href"), ("script", "src"),
                               ("img", "src"), ("form", "action")):  # fmt: skip
        for node in soup.find_all(element):
            value = node.get(attribute)
            if value and not urlsplit(value).scheme and not value.startswith("#"):
                found.append(unquote(urlsplit(value).path))
    return found


def test_each_build_folds_in_its_own_language_in_one_process(site, build_root):
    """Sphinx keeps search languages in one table for the process: a Greek build after the
    English one (``site``) must still fold its terms."""
    greek = Path(build_root("search", confoverrides={"language": "el"}).outdir)
    index = search_index(greek)
    assert "montreal" in index["titleterms"] and "montréal" not in index["titleterms"]
    assert "chao" in index["terms"]


def test_a_setting_of_the_written_pages_only_changes_no_fact():
    from postarchive.catalog.changes import document_settings
    from postarchive.config import ArchiveConfig

    base = ArchiveConfig()
    for html_only in ({"feed_length": 2}, {"sidebar_items": 3}, {"feed_content": "full"}):
        assert document_settings(dataclasses.replace(base, **html_only)) == document_settings(base)
    assert document_settings(dataclasses.replace(base, recent_posts=3)) != document_settings(base)


def test_the_single_page_has_no_dead_link_and_no_search_box(build_root):
    out = Path(build_root("search", "singlehtml").outdir)
    soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    targets = local_targets(soup)
    assert targets  # stylesheets, scripts and images at least
    assert [t for t in targets if not (out / t).is_file()] == []
    assert soup.find("form") is None


@pytest.mark.slow
def test_the_epub_links_no_search_page(build_root):
    out = Path(build_root("search", "epub").outdir)
    for page in out.rglob("*.xhtml"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for target in local_targets(soup):
            assert "search" not in target, (page.name, target)
            assert (page.parent / target).exists(), (page.name, target)


@pytest.fixture(scope="module")
def french_site(build_root) -> Path:
    return Path(build_root("search", confoverrides={"language": "fr"}).outdir)


@pytest.mark.browser
def test_a_french_archive_stems_and_folds_in_french_and_says_so(page, french_site):
    with served(french_site) as base_url:
        # French stemming under the folding: singular and plural, with and without accents.
        found = search(page, base_url, "siècles")
        assert found == search(page, base_url, "siecle") == {"The old town": f"{OLD_TOWN}.html"}
        assert search(page, base_url, "xylophone") == {}
        status = page.locator("#search-results p.search-summary")
        expect(status).to_contain_text("Aucun billet ne correspond à « xylophone »")
        expect(status.locator("a")).to_have_text(["étiquettes", "voyages", "archives par date"])
        meta = search_result_meta(page, base_url, "poutine")
        assert meta == "10 janvier 2019 · Québec, winter 2019"
    assert page.problems == []


def search_result_meta(page, base_url: str, query: str) -> str:
    search(page, base_url, query)
    return page.locator("#search-results .postarchive-result-meta").first.inner_text()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["http", "file"])
def test_search_works_the_same_in_a_dirhtml_build(page, build_root, scheme):
    site = Path(build_root("search", "dirhtml").outdir)
    with served(site) as served_url:
        base_url = served_url if scheme == "http" else site.as_uri() + "/"
        page.goto(f"{base_url}search/index.html?q=Montreal")
        page.wait_for_function(
            "() => Search._pulse_status === -1 && document.querySelector('p.context')"
        )
        first = page.locator("#search-results ul.search > li").first
        expect(first.locator("a")).to_have_text("Montréal in winter")
        expect(first.locator(".postarchive-result-meta")).to_have_text(
            "January 10, 2019 · Québec, winter 2019"
        )
        expect(first.locator("p.context")).to_contain_text("underground city")
        assert "min read" not in first.locator("p.context").inner_text()
    assert page.problems == []


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["http", "file"])
def test_a_broad_search_lists_every_result_and_fills_snippets_as_they_near_the_screen(
    page, build_root, scheme
):
    many = 150
    posts = {
        f"posts/2020/2020-02-{n % 28 + 1:02}-walk-{n}.md": (
            f"---\ntitle: Walk {n}\ndate: 2020-02-{n % 28 + 1:02}\n---\n\n"
            f"A walk along the quayside, number {n}.\n"
        )
        for n in range(many)
    }
    site = Path(build_root("search", "html", files=posts).outdir)
    with site_url(site, scheme) as base_url:
        page.goto(f"{base_url}search.html?q=quayside")
        page.wait_for_function(
            "() => (document.querySelector('#search-results p.search-summary') || {})"
            ".textContent?.startsWith('Search finished')"
        )
        items = page.locator("#search-results ul.search > li")
        expect(items).to_have_count(many)
        expect(items.first.locator("p.context")).to_contain_text("quayside")
        last = items.last
        # Listed, but far below the window: its text is not loaded until the reader gets near.
        assert last.locator("p.context").count() == 0
        last.scroll_into_view_if_needed()
        expect(last.locator("p.context")).to_contain_text("A walk along the quayside, number")
        expect(last.locator(".postarchive-result-meta")).to_contain_text("2020")
    assert page.problems == []
