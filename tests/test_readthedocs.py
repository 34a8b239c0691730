"""Publishing on Read the Docs: .readthedocs.yaml is valid, and the builds it asks for pass.

The builds run the very commands Read the Docs runs for this config (html, then the singlehtml
behind the HTML zip, epub, and latex for the PDF), with the environment it sets.
"""

from __future__ import annotations

import json
import os
import posixpath
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.conftest import REPO, copy_repo_archive, read_html

SCHEMA = Path(__file__).parent / "data" / "readthedocs-v2.schema.json"
CANONICAL = "https://postarchive.readthedocs.io/en/latest/"
POSTS = (
    "posts/2016/2016-04-01-lightning-talks-day-3-part-2",
    "posts/2016/2016-11-06-django-under-the-hood-2016-recap",
)
TITLES = ("Lightning Talks, Day 3 part 2", "Django Under The Hood 2016 recap")
# (builder, folder under $READTHEDOCS_OUTPUT), in the order Read the Docs runs them.
BUILDS = (("html", "html"), ("singlehtml", "htmlzip"), ("epub", "epub"), ("latex", "pdf"))


def load_config() -> dict:
    return yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))


def test_config_matches_read_the_docs_schema():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    # The validator of the draft the schema names in its "$schema" (2020-12 today).
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    validator(schema).validate(load_config())


def test_config_settings():
    config = load_config()
    assert config["version"] == 2
    assert config["build"]["os"] == "ubuntu-24.04"
    assert config["build"]["tools"]["python"] == "3.12"  # a string, not the float 3.12
    assert config["sphinx"] == {"configuration": "conf.py", "fail_on_warning": True}
    assert config["python"]["install"] == [
        {"method": "pip", "path": ".", "extra_requirements": ["docs"]}
    ]
    assert sorted(config["formats"]) == ["epub", "htmlzip", "pdf"]


# -- The builds ----------------------------------------------------------------------------------

# The builds take seconds (epubcheck as many again): `-m "not slow"` leaves them out.
slow = pytest.mark.slow


@pytest.fixture(scope="module")
def rtd(tmp_path_factory) -> dict:
    """Build the archive as Read the Docs does, once for the module; the runs and the output."""
    # A copy, so that neither the repository's _build nor its generated archive/ is touched.
    src = copy_repo_archive(tmp_path_factory.mktemp("rtd"))
    output = src / "_readthedocs"
    env = os.environ | {
        "READTHEDOCS": "True",
        "READTHEDOCS_VERSION": "latest",
        "READTHEDOCS_VERSION_TYPE": "branch",
        "READTHEDOCS_LANGUAGE": "en",
        "READTHEDOCS_PROJECT": "postarchive",
        "READTHEDOCS_OUTPUT": f"{output}/",
        "READTHEDOCS_CANONICAL_URL": CANONICAL,
    }
    sphinx = [sys.executable, "-m", "sphinx", "-T", "-W", "--keep-going"]
    runs = {}
    for builder, folder in BUILDS:
        out = str(output / folder)
        command = [*sphinx, "-b", builder, "-d", "_build/doctrees", "-D", "language=en", ".", out]
        runs[builder] = subprocess.run(
            command,
            cwd=src,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    return {"output": output, "runs": runs}


@slow
@pytest.mark.parametrize("builder", [b for b, _ in BUILDS])
def test_build_passes(rtd, builder):
    run = rtd["runs"][builder]
    assert run.returncode == 0, run.stderr
    assert "WARNING" not in run.stderr, run.stderr


@slow
def test_html_has_canonical_links_and_posts(rtd):
    html = rtd["output"] / "html"
    canonical = read_html(html, "index").select_one('link[rel="canonical"]')
    assert canonical is not None
    assert canonical["href"].startswith(CANONICAL)
    for post in POSTS:
        assert (html / f"{post}.html").is_file(), post


@slow
def test_single_page_has_the_posts_and_working_anchors(rtd):
    page = read_html(rtd["output"] / "htmlzip", "index")
    text = str(page)
    for needed in (*TITLES, "Loïc", "😊"):  # the mojibake repairs are kept
        assert needed in text, needed
    ids = {tag["id"] for tag in page.select("[id]")}
    # A bare "#" is the top of the page; every other fragment must name an element of it.
    hrefs = [a["href"] for a in page.select('a[href^="#"]')]
    broken = [href for href in hrefs if href != "#" and href[1:] not in ids]
    assert not broken, "\n".join(broken)


@pytest.fixture(scope="module")
def epub(rtd) -> Path:
    books = list((rtd["output"] / "epub").glob("*.epub"))
    assert len(books) == 1, books
    return books[0]


@slow
def test_epub_is_a_zip_with_the_epub_mimetype(epub):
    with zipfile.ZipFile(epub) as book:
        # The OCF container: "mimetype" first, and saying what the zip is.
        assert book.namelist()[0] == "mimetype"
        assert book.read("mimetype") == b"application/epub+zip"


@slow
def test_epub_contents_list_journey_before_its_post(epub):
    with zipfile.ZipFile(epub) as book:
        # The EPUB 3 navigation document, and the NCX that older readers use.
        for name in ("nav.xhtml", "toc.ncx"):
            toc = book.read(name).decode("utf-8")
            assert "DjangoCon Europe 2016" in toc, name
            assert TITLES[0] in toc, name
            assert toc.index("DjangoCon Europe 2016") < toc.index(TITLES[0]), name


@slow
def test_epub_has_the_repaired_text(epub):
    with zipfile.ZipFile(epub) as book:
        pages = [n for n in book.namelist() if n.endswith(".xhtml")]
        assert any("Loïc" in book.read(n).decode("utf-8") for n in pages)


@slow
def test_epub_links_lead_to_pages_and_anchors_it_holds(epub):
    """Post, journey and tag links are .xhtml pages in the book (sphinx-tags would write .html)."""
    from bs4 import BeautifulSoup

    with zipfile.ZipFile(epub) as book:
        pages = {
            n: BeautifulSoup(book.read(n), "html.parser")
            for n in book.namelist()
            if n.endswith(".xhtml")
        }
        links = 0
        for name, page in pages.items():
            for a in page.select("a[href]"):
                href = a["href"]
                if href.startswith(("http:", "https:", "mailto:")):
                    continue
                target, _, anchor = href.partition("#")
                target = (
                    posixpath.normpath(posixpath.join(posixpath.dirname(name), target))
                    if target
                    else name
                )
                assert target in pages, (name, href)
                assert not anchor or pages[target].find(id=anchor), (name, href)
                links += 1
        assert links > 20
        images = [n for n in book.namelist() if n.startswith("_images/")]
        assert any(n.endswith("journeys-over-time.png") for n in images)


def epubcheck_command() -> list[str] | None:
    found = shutil.which("epubcheck")
    if found is None:
        return None
    # Debian's epubcheck is the .jar itself, run through binfmt_misc, which containers often
    # lack: run it with java then.
    target = os.path.realpath(found)
    if target.endswith(".jar") and shutil.which("java"):
        return ["java", "-jar", target]
    return [found]


@slow
def test_epubcheck_accepts_the_epub(epub):
    command = epubcheck_command()
    if command is None:
        if os.environ.get("POSTARCHIVE_REQUIRE_EPUBCHECK") == "1":
            pytest.fail("epubcheck is not installed, and POSTARCHIVE_REQUIRE_EPUBCHECK=1")
        pytest.skip("epubcheck is not installed")
    run = subprocess.run(
        [*command, str(epub)], capture_output=True, text=True, check=False, timeout=120
    )
    assert run.returncode == 0, run.stdout + run.stderr
