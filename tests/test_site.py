"""The archive of this repository, and the package that makes it: built as a user builds them."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from sphinx.errors import ConfigError

from postarchive.cli import main
from tests.conftest import REPO, article, link_targets, read_html

SEED_JOURNEY_POST = "posts/2016/2016-04-01-lightning-talks-day-3-part-2"
SEED_LOOSE_POST = "posts/2016/2016-11-06-django-under-the-hood-2016-recap"


# The archive takes seconds to build, in a subprocess: the tests that read it are marked slow.
@pytest.fixture(scope="module")
def site(repo_site) -> Path:
    """The repository's own archive, built (once for the session) the strict way Read the Docs
    builds it."""
    run, html = repo_site
    assert run.returncode == 0, run.stderr
    assert "WARNING" not in run.stderr
    return html


# SHA-256 of the two seed posts as delivered in shared/seeds/ (mojibake included).
SEED_HASHES = {
    SEED_JOURNEY_POST: "768d90f8e2de5dc1a34813e571e54b5df97a52fdb898127bdbbcc579f71bd6de",
    SEED_LOOSE_POST: "bcd6aae27359c8928a2b85f0b19758fdac4363346bfea75ffb3b239a2aa647c4",
}


def test_seeds_are_in_posts_byte_for_byte():
    for docname, digest in SEED_HASHES.items():
        assert hashlib.sha256((REPO / f"{docname}.md").read_bytes()).hexdigest() == digest


@pytest.mark.slow
def test_first_seed_is_in_its_journey_and_tag(site):
    journey = article(site, "archive/journeys/djangocon-europe-2016")
    assert f"../../{SEED_JOURNEY_POST}.html" in link_targets(journey)
    tag = article(site, "archive/tags/session-notes")
    assert f"../../{SEED_JOURNEY_POST}.html" in link_targets(tag)


@pytest.mark.slow
def test_second_seed_is_in_the_2016_archive(site):
    year = article(site, "archive/2016")
    assert f"../{SEED_LOOSE_POST}.html" in link_targets(year)
    # The home page reaches the archive by year through the sidebar and the timeline's years.
    home = read_html(site, "index")
    assert "archive/index.html" in link_targets(home.select_one(".sidebar-tree"))
    assert "archive/2016.html" in link_targets(home.select_one("article .postarchive-tl-list"))


@pytest.mark.slow
def test_seed_mojibake_is_repaired(site):
    assert "[Sorry, got distracted 😊]" in article(site, SEED_JOURNEY_POST).get_text()
    recap = article(site, SEED_LOOSE_POST).get_text()
    assert "validation by Loïc Bistuer" in recap
    assert "Lo√Øc" not in recap


def test_module_entry_point_prints_help():
    run = subprocess.run(
        [sys.executable, "-m", "postarchive", "--help"], capture_output=True, text=True, check=True
    )
    assert "build" in run.stdout


def test_wheel_carries_the_extension_and_its_static_files(tmp_path):
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    (wheel,) = tmp_path.glob("postarchive-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "postarchive/static/postarchive.css" in names
    assert "postarchive/__init__.py" in names
    assert any(n.endswith("entry_points.txt") for n in names)


@pytest.mark.sphinx("html", testroot="basic", srcdir="basic-invalid-configuration")
def test_invalid_configuration_is_refused(make_app, app_params):
    args, kwargs = app_params
    with pytest.raises(ConfigError, match="postarchive_words_per_minute"):
        make_app(*args, **kwargs, confoverrides={"postarchive_words_per_minute": 0})
    with pytest.raises(ConfigError, match="inside the source folder"):
        make_app(*args, **kwargs, confoverrides={"postarchive_pages_dir": "../out"})


@pytest.mark.slow
def test_check_finds_no_error_in_the_built_archive(site):
    result = CliRunner().invoke(
        main, ["check", str(REPO), "--html", str(site), "--doctrees", str(site.parent / "doctrees")]
    )
    assert result.exit_code == 0, result.output
    assert "Posts               3" in result.output
    assert "DjangoCon Europe 2016 (1)" in result.output
    assert f"Built site checked  {site}" in result.output


@pytest.mark.slow
def test_sitemap_open_graph_and_404_page(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"https://archive.example.org/{SEED_LOOSE_POST}.html" in sitemap
    recap = read_html(site, SEED_LOOSE_POST)
    description = recap.select_one('meta[property="og:description"]')["content"]
    assert description.startswith("From the beginning I really wanted to contribute to Django.")
    assert recap.select_one('meta[property="og:url"]')["content"].endswith(
        f"{SEED_LOOSE_POST}.html"
    )
    not_found = read_html(site, "404")
    assert not_found.select_one("article h1").get_text(strip=True).startswith("Page not found")
    # Its links work from any address a reader mistyped: they are absolute.
    assert all(
        a["href"].startswith(("/", "http", "#")) for a in not_found.select(".sidebar-tree a")
    )
    # A way on: home, search and the journeys, from any depth.
    ways = {a.get_text(): a["href"] for a in not_found.select(".postarchive-not-found a")}
    assert ways == {
        "Home: Post archive": "/index.html",
        "Search the archive": "/search.html",
        "All journeys": "/archive/journeys/index.html",
    }
