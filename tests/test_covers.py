"""A post's header picture (its cover), named in front matter in the forms blog themes use, comes
along with the import and shows at the top of the post's page, once, in every format; a missing
one is reported with its file and line, by the import and by the build."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from postarchive.cli import main
from tests.conftest import article, copy_root, warning_lines, write_files

# Real PNGs (1x1), two different ones, so a copy can be told from another picture.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415408d763f8ffff3f0005fe02fea7d3a3c40000000049454e44ae426082"
)
OTHER_PNG = PNG + b"\x00"


@pytest.fixture
def archive(tmp_path) -> Path:
    return copy_root("empty", tmp_path / "archive")


def run_import(source: Path, archive: Path) -> str:
    result = CliRunner().invoke(
        main, ["import", str(source), "--dir", str(archive), "--no-download"]
    )
    assert result.exit_code == 0, result.output
    return " ".join(result.output.split())


def cover_of(page) -> dict[str, str] | None:
    """The cover picture under the post's header: its src and alt, or None."""
    img = page.select_one(".postarchive-post-header + .postarchive-post-cover img")
    return None if img is None else {"src": img["src"], "alt": img["alt"]}


def pelican_blog(root: Path) -> Path:
    """Pelican's bengal theme: ``Image: <name>`` is ``/images/<name>.jpg``."""
    return write_files(root, {
        "pelicanconf.py": "PATH = 'content'\nSTATIC_PATHS = ['images']\nTHEME = 'bengal'\n",
        "content/lakes.markdown": (
            "Title: Lakes\nDate: 2016-03-06 10:00\nImage: lake-view\n\n"
            "(image from https://commons.wikimedia.org/wiki/File:Lake.jpg)\n\nCold water.\n"
        ),
        "content/rivers.markdown": (
            "Title: Rivers\nDate: 2016-03-07 10:00\nImage: river-view\n\nFlowing water.\n"
        ),
        "content/images/lake-view.jpg": PNG,
        # fullstackpython's form: its Makefile copies static/ to the site's root.
        "content/talks.markdown": (
            "Title: Talks\nDate: 2016-03-08 10:00\nHeaderImage: /img/visuals/talk.png\n"
            "HeaderAlt: A speech bubble with code in it\n\nOn talks.\n"
        ),
        "static/img/visuals/talk.png": OTHER_PNG,
        "static/img/other/talk.png": PNG,
        "bengal/templates/article.html": '<img src="/images/{{ article.image }}.jpg">\n',
    })  # fmt: skip


def test_a_pelican_bare_name_is_the_themes_picture_shown_on_the_post(tmp_path, archive, build_root):
    source = pelican_blog(tmp_path / "pelican")
    output = run_import(source, archive)
    lakes = (archive / "posts/2016/2016-03-06-lakes.md").read_text(encoding="utf-8")
    assert "image: ../assets/content/images/lake-view.jpg\n" in lakes
    assert (archive / "posts/assets/content/images/lake-view.jpg").read_bytes() == PNG
    # The body, and its credit for the picture, as written.
    assert "(image from https://commons.wikimedia.org/wiki/File:Lake.jpg)\n\nCold water." in lakes
    # No river-view picture anywhere: kept as written, said once with file and line.
    assert (
        "content/rivers.markdown:3: image names the picture 'river-view', which is not in the "
        "source; kept as written" in output
    )
    rivers = (archive / "posts/2016/2016-03-07-rivers.md").read_text(encoding="utf-8")
    assert "image: river-view\n" in rivers

    app = build_root(srcdir=archive)
    out = Path(app.outdir)
    page = article(out, "posts/2016/2016-03-06-lakes")
    cover = cover_of(page)
    assert cover is not None and cover["alt"] == ""  # decorative: the title is next to it
    assert (out / "posts/2016" / cover["src"]).read_bytes() == PNG
    assert "loading" not in page.select_one(".postarchive-post-cover img").attrs
    # A missing cover: nothing on the page (no broken picture, no box), a warning at its line.
    rivers_page = article(out, "posts/2016/2016-03-07-rivers")
    assert cover_of(rivers_page) is None and not rivers_page.select("img")
    assert not rivers_page.select(".postarchive-missing-picture")
    talks = article(out, "posts/2016/2016-03-08-talks")
    assert cover_of(talks)["alt"] == "A speech bubble with code in it"
    assert (out / "posts/2016" / cover_of(talks)["src"]).read_bytes() == OTHER_PNG
    warnings = warning_lines(app)
    assert [w.split("posts/2016/", 1)[-1] for w in warnings if "cover picture" in w] == [
        "2016-03-07-rivers.md:4: WARNING: cover picture not found: river-view (image) "
        "[postarchive.picture]"
    ], warnings


def test_minimal_mistakes_header_pictures_come_along(tmp_path, archive, build_root):
    source = write_files(tmp_path / "jekyll", {
        "_config.yml": "title: Old blog\ntheme: minimal-mistakes-jekyll\n",
        "_posts/2017-05-01-harbour.md": (
            "---\ntitle: Harbour\nheader:\n  overlay_color: '#333'\n"
            "  image: /assets/images/harbour-wide.png\n  teaser: assets/images/harbour-small.png\n"
            "  image_description: Boats in the harbour at dawn\n---\n\nThe boats came in.\n"
        ),
        "_posts/2017-05-02-paper.md": (
            "---\ntitle: Paper\nimage:\n  feature: /assets/images/paper-feature.png\n"
            "  thumbnail: /assets/images/paper-gone.png\n---\n\nDrawn on paper.\n"
        ),
        # One missing picture under two fields: said once, at the line of the field shown first.
        "_posts/2017-05-03-sketch.md": (
            "---\ntitle: Sketch\nimage:\n  path: /assets/images/sketch.jpg\n"
            "  feature: /assets/images/sketch.jpg\n---\n\nPencil.\n"
        ),
        "assets/images/harbour-wide.png": PNG,
        "assets/images/harbour-small.png": OTHER_PNG,
        "assets/images/paper-feature.png": PNG,
    })  # fmt: skip
    output = run_import(source, archive)
    harbour = (archive / "posts/2017/2017-05-01-harbour.md").read_text(encoding="utf-8")
    assert "  image: ../assets/assets/images/harbour-wide.png\n" in harbour
    # The teaser, from the site's root as Jekyll's relative_url reads it, copied too.
    assert "  teaser: ../assets/assets/images/harbour-small.png\n" in harbour
    assert (archive / "posts/assets/assets/images/harbour-small.png").read_bytes() == OTHER_PNG
    assert "  overlay_color: '#333'\n" in harbour  # the theme's other settings kept
    assert (
        "_posts/2017-05-02-paper.md:5: image.thumbnail names the picture "
        "'/assets/images/paper-gone.png', which is not in the source" in output
    )

    sketch = [line for line in output.split("_posts/")[1:] if "sketch.jpg" in line]
    assert [line.split(" names")[0] for line in sketch] == ["2017-05-03-sketch.md:5: image.feature"]

    app = build_root(srcdir=archive)
    out = Path(app.outdir)
    cover = cover_of(article(out, "posts/2017/2017-05-01-harbour"))
    assert cover is not None and cover["alt"] == "Boats in the harbour at dawn"
    assert Path(cover["src"]).name == "harbour-wide.png"  # the header picture, not the teaser
    paper = cover_of(article(out, "posts/2017/2017-05-02-paper"))
    assert paper is not None and Path(paper["src"]).name == "paper-feature.png"
    assert any(
        "2017-05-02-paper.md:6: WARNING: cover picture not found: /assets/images/paper-gone.png "
        "(image.thumbnail) [postarchive.picture]" in w
        for w in warning_lines(app)
    ), warning_lines(app)
    assert [w.split("posts/2017/")[-1] for w in warning_lines(app) if "sketch" in w] == [
        "2017-05-03-sketch.md:6: WARNING: cover picture not found: /assets/images/sketch.jpg "
        "(image.feature) [postarchive.picture]"
    ]


def test_hugo_bundle_and_static_covers_show_once(tmp_path, archive, build_root):
    source = write_files(tmp_path / "hugo", {
        "hugo.toml": 'baseURL = "https://old.example.com/"\n',
        "content/posts/fjord/index.md": (
            "---\ntitle: Fjord\ndate: 2018-07-01\ncover:\n  image: fjord.png\n"
            "  alt: 'A \"fjord\" <b>under</b> clouds'\n---\n\nSteep walls.\n"
        ),
        "content/posts/fjord/fjord.png": PNG,
        "content/posts/glacier/index.md": (
            "---\ntitle: Glacier\ndate: 2018-07-02\ncover:\n  image: ice.png\n  alt: Blue ice\n"
            "---\n\n![Blue ice, close](ice.png)\n\nIt creaks.\n"
        ),
        "content/posts/glacier/ice.png": OTHER_PNG,
        "content/posts/logo.md": (
            "---\ntitle: Logo\ndate: 2018-07-03\nimage: /images/logo.png\n---\n\nOur logo.\n"
        ),
        # Another bundle's cover.png is not a post's missing cover.png.
        "content/posts/moor/index.md": "---\ntitle: Moor\ndate: 2018-07-04\nimage: cover.png\n---\n\nWind.\n",
        "content/posts/bay/index.md": "---\ntitle: Bay\ndate: 2018-07-05\nimage: cover.png\n---\n\nSand.\n",
        "content/posts/bay/cover.png": PNG,
        "content/posts/cove/index.md": "---\ntitle: Cove\ndate: 2018-07-06\nimage: cover.png\n---\n\nRocks.\n",
        "content/posts/cove/cover.png": OTHER_PNG,
        "static/images/logo.png": PNG,
    })  # fmt: skip
    output = run_import(source, archive)
    assert "content/posts/moor/index.md:4: image names the picture 'cover.png'" in output
    logo = (archive / "posts/2018/2018-07-03-logo.md").read_text(encoding="utf-8")
    assert "image: ../assets/static/images/logo.png\n" in logo

    app = build_root(srcdir=archive)
    out = Path(app.outdir)
    fjord = article(out, "posts/2018/2018-07-01-fjord")
    assert cover_of(fjord)["alt"] == 'A "fjord" <b>under</b> clouds'  # text, never markup
    assert not fjord.select(".postarchive-post-cover b")
    assert (out / "posts/2018" / cover_of(fjord)["src"]).read_bytes() == PNG
    # The body repeats its cover as its first picture: shown once, where the author put it.
    glacier = article(out, "posts/2018/2018-07-02-glacier")
    assert cover_of(glacier) is None
    assert [img["alt"] for img in glacier.select("img")] == ["Blue ice, close"]
    logo_page = article(out, "posts/2018/2018-07-03-logo")
    assert (out / "posts/2018" / cover_of(logo_page)["src"]).read_bytes() == PNG
    assert cover_of(article(out, "posts/2018/2018-07-04-moor")) is None
    bay = article(out, "posts/2018/2018-07-05-bay")
    assert (out / "posts/2018" / cover_of(bay)["src"]).read_bytes() == PNG


def test_the_cover_is_in_the_pdf_the_single_page_and_the_epub(build_root, tmp_path):
    files = {
        "posts/2020/2020-05-01-lake.md": (
            "---\ntitle: Lake\ndate: 2020-05-01\ncover:\n  image: lake.png\n  alt: A grey lake\n"
            "---\n\nCold water.\n"
        ),
        "posts/2020/lake.png": PNG,
    }
    latex = build_root("basic", "latex", files=files)
    (tex,) = Path(latex.outdir).glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    lake = text[text.index(r"section{Lake}") :]
    assert lake.index(r"\sphinxincludegraphics") < lake.index("Cold water.")
    assert (Path(latex.outdir) / "lake.png").read_bytes() == PNG

    single = build_root("basic", "singlehtml", files=files)
    page = (Path(single.outdir) / "index.html").read_text(encoding="utf-8")
    assert '<img alt="A grey lake" class="postarchive-cover-picture"' in page

    epub = build_root("basic", "epub", files=files)
    page = (Path(epub.outdir) / "posts/2020/2020-05-01-lake.xhtml").read_text(encoding="utf-8")
    assert '<img alt="A grey lake" class="postarchive-cover-picture"' in page
    assert (Path(epub.outdir) / "_images/lake.png").read_bytes() == PNG


def test_a_picture_added_after_the_build_missed_it_shows_on_the_next_build(tmp_path, build_root):
    # The author follows the build's warning and adds the file: the post's page is read again,
    # cover and body picture shown; while they are still missing, nothing is read again.
    from tests.test_incremental import reread

    folder = copy_root("empty", tmp_path / "archive")
    write_files(folder, {
        "posts/2020/trip.md": (
            "---\ntitle: Trip\ndate: 2020-05-01\nimage: cover.png\n---\n\n"
            "Text.\n\n![The lake](lake.png)\n"
        ),
    })  # fmt: skip
    first = build_root(srcdir=folder)
    assert "cover picture not found: cover.png" in first.warning.getvalue()
    page = article(Path(first.outdir), "posts/2020/trip")
    assert page.select_one(".postarchive-cover-picture") is None
    assert page.select_one(".postarchive-missing-picture") is not None
    assert reread(build_root(srcdir=folder)) == "0 added, 0 changed, 0 removed"
    (folder / "posts/2020/cover.png").write_bytes(PNG)
    (folder / "posts/2020/lake.png").write_bytes(OTHER_PNG)
    again = build_root(srcdir=folder)
    assert "not found" not in again.warning.getvalue()
    page = article(Path(again.outdir), "posts/2020/trip")
    assert page.select_one(".postarchive-cover-picture") is not None
    assert page.select_one("img[alt='The lake']") is not None
    assert page.select_one(".postarchive-missing-picture") is None
