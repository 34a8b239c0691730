"""What a review of the importers found: an import never writes over a file it did not write,
reports every renamed post, reads damaged and old exports without a traceback, names posts
from their real slugs, keeps finding posts after the blog moved to https, and never downloads
from this machine or a private network unless told to."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from html_to_markdown import ConversionError
from pytest_httpserver import HTTPServer
from werkzeug import Response

from postarchive.cli import main
from postarchive.importing import FetchSettings, platforms
from postarchive.importing import remote as remote_module
from postarchive.importing.remote import ImageFetcher
from tests.conftest import article, copy_root, warning_lines, write_files
from tests.test_import import PNG
from tests.test_import_platforms import RSS
from tests.test_import_wordpress import SITE, export, item
from tests.test_remote_images import GIF


def run(*args: str, code: int = 0):
    result = CliRunner().invoke(main, [*map(str, args)])
    assert result.exit_code == code, result.output
    return result


def run_import(source: Path, archive: Path, *options: str):
    return run("import", source, "--dir", archive, "--no-download", *options)


@pytest.fixture
def archive(tmp_path) -> Path:
    return copy_root("empty", tmp_path / "archive")


MINE_ABOUT = "# About\n\nWritten by hand, in the archive.\n"
MINE_KYOTO = "---\ntitle: Kyoto\ndate: 2016-11-06\n---\n\nMy own words on Kyoto.\n"


# -- 1, 23: the user's files are never written over ---------------------------------------------


def test_an_export_never_overwrites_the_users_files(tmp_path):
    folder = tmp_path / "archive"
    run("init", folder)
    write_files(
        folder, {"pages/about.md": MINE_ABOUT, "posts/2016/2016-11-06-kyoto.md": MINE_KYOTO}
    )
    source = tmp_path / "export.xml"
    source.write_text(
        export(
            item(7, "Kyoto", "<p>From the old blog.</p>", slug="kyoto"),
            item(8, "About", "<p>The old About.</p>", kind="page", slug="about"),
        ),
        encoding="utf-8",
    )
    result = run_import(source, folder)
    assert (folder / "pages/about.md").read_text(encoding="utf-8") == MINE_ABOUT
    assert (folder / "posts/2016/2016-11-06-kyoto.md").read_text(encoding="utf-8") == MINE_KYOTO
    assert "From the old blog." in (folder / "posts/2016/2016-11-06-kyoto-2.md").read_text()
    assert "The old About." in (folder / "pages/about-2.md").read_text()
    output = " ".join(result.output.split())
    assert (
        "posts/2016/2016-11-06-kyoto.md is already in the archive and is kept; "
        "imported as posts/2016/2016-11-06-kyoto-2.md"
    ) in output
    assert (
        "pages/about.md is already in the archive and is kept; imported as pages/about-2.md"
        in output
    )
    # Importing again updates the imported copies, still never the user's.
    again = run_import(source, folder)
    assert "new:" not in again.output and "-3.md" not in again.output
    assert (folder / "pages/about.md").read_text(encoding="utf-8") == MINE_ABOUT


def test_init_force_from_a_blog_keeps_the_users_files(tmp_path):
    folder = tmp_path / "archive"
    write_files(
        folder, {"pages/about.md": MINE_ABOUT, "posts/2016/2016-11-06-kyoto.md": MINE_KYOTO}
    )
    blog = write_files(tmp_path / "hugo", {
        "hugo.toml": 'baseURL = "https://old.example.com/"\n',
        "content/about.md": "---\ntitle: About me\n---\nThe old About.\n",
        "content/posts/kyoto.md": "---\ntitle: Kyoto\ndate: 2016-11-06\n---\nFrom the old blog.\n",
    })  # fmt: skip
    result = run("init", folder, "--force", "--from", blog)
    assert (folder / "pages/about.md").read_text(encoding="utf-8") == MINE_ABOUT
    assert (folder / "posts/2016/2016-11-06-kyoto.md").read_text(encoding="utf-8") == MINE_KYOTO
    assert "The old About." in (folder / "pages/about-2.md").read_text()
    assert "From the old blog." in (folder / "posts/2016/2016-11-06-kyoto-2.md").read_text()
    output = " ".join(result.output.split())
    assert "content/about.md:1: pages/about.md is already in the archive and is kept" in output
    assert "new: content/about.md -> pages/about-2.md" in output


def test_two_pages_with_one_name_are_both_imported_and_said(tmp_path, archive):
    blog = write_files(tmp_path / "hugo", {
        "hugo.toml": 'baseURL = "https://old.example.com/"\n',
        "content/about.md": "---\ntitle: About\n---\nThe first.\n",
        "content/about/index.md": "---\ntitle: About again\n---\nThe second.\n",
        "content/posts/first.md": "---\ntitle: First\ndate: 2016-01-02\n---\nA post.\n",
    })  # fmt: skip
    result = run("import", blog, "--dir", archive)
    texts = {p.name: p.read_text() for p in (archive / "pages").glob("about*.md")}
    assert sorted(texts) == ["about-2.md", "about.md"]
    assert "The first." in "".join(texts.values()) and "The second." in "".join(texts.values())
    assert "has the same name; imported as pages/about-2.md" in " ".join(result.output.split())


# -- 22: no ":0" for exports that give no lines --------------------------------------------------


def test_a_feeds_posts_are_named_without_a_line(tmp_path, archive):
    source = tmp_path / "feed.xml"
    source.write_text(RSS, encoding="utf-8")
    result = run_import(source, archive)
    assert "new: feed.xml -> posts/2017/2017-01-10-snow-in-lyon.md" in result.output
    assert "feed.xml:0" not in result.output


# -- 11, 14, 20: Ghost exports, damaged and old ---------------------------------------------------


def ghost_export(**tables) -> str:
    post = {
        "id": "1", "uuid": "u-1", "title": "New year", "slug": "new-year", "status": "published",
        "html": "<p>Hello 2020.</p>", "published_at": 1577836800000,  # Ghost 0.x: milliseconds
    }  # fmt: skip
    data = {"posts": [post], "tags": [{"id": "t", "name": "Life"}], "users": [], **tables}
    return json.dumps({"db": [{"data": data}]})


def test_a_damaged_ghost_export_is_imported_without_a_traceback(tmp_path, archive):
    source = tmp_path / "ghost.json"
    source.write_text(
        ghost_export(posts_tags=None, posts_authors=["x", None, {"post_id": [1], "author_id": {}}]),
        encoding="utf-8",
    )
    result = run_import(source, archive)
    text = (archive / "posts/2020/2020-01-01-new-year.md").read_text(encoding="utf-8")
    assert "date: '2020-01-01T00:00:00+00:00'" in text and "Hello 2020." in text
    assert "ghost.json:1: 2 entries of posts_authors are not JSON objects; skipped" in result.output
    assert "Traceback" not in result.output


def test_a_ghost_tables_that_is_not_a_list_is_said(tmp_path, archive):
    source = tmp_path / "ghost.json"
    source.write_text(ghost_export(posts_tags={"post_id": "1"}), encoding="utf-8")
    result = run_import(source, archive)
    assert "posts_tags is not a list in the export (dict); skipped" in result.output
    assert (archive / "posts/2020/2020-01-01-new-year.md").is_file()


def test_ghost_links_are_made_whole_with_the_old_site(tmp_path, archive):
    post = {
        "id": "2", "title": "Links", "slug": "links", "status": "published",
        "published_at": "2021-03-04T10:00:00.000Z",
        "html": '<p><a href="__GHOST_URL__/tea/">Tea</a></p>',
    }  # fmt: skip
    source = tmp_path / "ghost.json"
    source.write_text(json.dumps({"db": [{"data": {"posts": [post]}}]}), encoding="utf-8")
    result = run_import(source, archive, "--old-site", "https://tea.example.com")
    text = (archive / "posts/2021/2021-03-04-links.md").read_text(encoding="utf-8")
    assert "[Tea](https://tea.example.com/tea/)" in text
    assert "__GHOST_URL__" not in result.output


# -- 12, 19, 13: WordPress names and keys --------------------------------------------------------


def test_wordpress_slugs_are_decoded_and_untitled_posts_keep_their_ids(tmp_path, archive):
    source = tmp_path / "export.xml"
    source.write_text(
        export(
            item(5, "Café", "<p>Coffee.</p>", slug="caf%c3%a9"),
            item(6, "При", "<p>Russian.</p>", slug="%d0%bf%d1%80%d0%b8"),
            item(7, "", "<p>No title at all.</p>"),
            item(8, "", "<p>Nor here.</p>"),
        ),
        encoding="utf-8",
    )
    run_import(source, archive)
    names = sorted(p.name for p in (archive / "posts/2016").glob("*.md"))
    assert names == [
        "2016-11-06-cafe.md", "2016-11-06-post-7.md", "2016-11-06-post-8.md",
        "2016-11-06-u043f-u0440-u0438.md",
    ]  # fmt: skip


def test_a_blog_moved_to_https_is_imported_again_without_duplicates(tmp_path, archive):
    old = export(item(7, "Kyoto", "<p>Temples.</p>", slug="kyoto", link=f"{SITE}/kyoto/"))
    source = tmp_path / "export.xml"
    source.write_text(old.replace("https://", "http://"), encoding="utf-8")
    run_import(source, archive)
    # The record as the first importer wrote it: keyed by the site's address with its scheme.
    record_path = archive / "posts/.postarchive-import.json"
    record = json.loads(record_path.read_text(encoding="utf-8"))
    (entry,) = record["posts"].values()
    record["posts"] = {"wordpress:http://blog.example.com:7": entry}
    record_path.write_text(json.dumps(record), encoding="utf-8")
    source.write_text(old, encoding="utf-8")  # the blog now on https
    result = run_import(source, archive)
    assert "new:" not in result.output
    assert [p.name for p in (archive / "posts/2016").glob("*.md")] == ["2016-11-06-kyoto.md"]
    again = run_import(source, archive)
    assert "Posts          1 unchanged" in again.output


# -- 9: no downloads from this machine or a private network -----------------------------------


@pytest.fixture
def server():
    server = HTTPServer(host="127.0.0.1", port=0)
    server.expect_request("/photos/cat.png").respond_with_data(PNG, content_type="image/png")
    server.start()
    yield server
    server.clear()
    server.stop()


def test_images_on_private_addresses_are_refused_unless_allowed(tmp_path, server):
    url = server.url_for("/photos/cat.png")
    settings = FetchSettings(timeout=0.5, retries=0)
    with ImageFetcher(tmp_path / "store", tmp_path / "cache.json", settings) as fetcher:
        refused = fetcher.fetch(url)
        metadata = fetcher.fetch("http://169.254.169.254/latest/meta-data/x.png")
    assert refused.file is None and "127.0.0.1 is at a non-public address" in refused.failure
    assert "169.254.169.254 is at a non-public address" in metadata.failure
    assert server.log == []
    allowed = FetchSettings(timeout=0.5, retries=0, private_addresses=True)
    with ImageFetcher(tmp_path / "store", tmp_path / "cache.json", allowed) as fetcher:
        assert fetcher.fetch(url).file is not None


def test_a_redirect_to_a_private_address_is_refused(tmp_path, server, monkeypatch):
    """A public host (here: the local server, taken for one) that sends the download on to
    this machine under another name is refused at the redirect."""
    away = f"http://localhost:{server.port}/photos/cat.png"
    server.expect_request("/away.png").respond_with_response(
        Response(status=302, headers={"Location": away})
    )
    real = remote_module._resolve

    def resolve(host: str, port: int) -> list[str]:
        return ["93.184.215.14"] if host == "127.0.0.1" else real(host, port)  # "public"

    monkeypatch.setattr(remote_module, "_resolve", resolve)
    settings = FetchSettings(timeout=0.5, retries=0)
    with ImageFetcher(tmp_path / "store", tmp_path / "cache.json", settings) as fetcher:
        outcome = fetcher.fetch(server.url_for("/away.png"))
    assert outcome.file is None and "localhost is at a non-public address" in outcome.failure
    assert [request.path for request, _ in server.log] == ["/away.png"]


def test_the_import_command_refuses_and_reports_a_local_image(tmp_path, archive, server):
    url = server.url_for("/photos/cat.png")
    source = tmp_path / "export.xml"
    source.write_text(
        export(item(7, "Cat", f'<p><img src="{url}" alt="Cat"></p>', slug="cat")),
        encoding="utf-8",
    )
    result = run("import", source, "--dir", archive)
    assert f"image {url} not fetched: 127.0.0.1 is at a non-public address" in result.output
    assert url in (archive / "posts/2016/2016-11-06-cat.md").read_text(encoding="utf-8")
    allowed = run("import", source, "--dir", archive, "--allow-private-addresses")
    assert "1 downloaded" in allowed.output


# -- 2, 3: the blog's own pages: drafts left out, old addresses redirected ---------------------


@pytest.mark.slow
def test_a_draft_page_is_left_out_and_pages_old_addresses_redirect(tmp_path, archive, build_root):
    blog = write_files(tmp_path / "hugo", {
        "hugo.toml": 'baseURL = "https://old.example.com/"\n',
        "content/about.md": "---\ntitle: About\nurl: /about-me/\naliases: [/who/]\n---\nI write.\n",
        "content/secret.md": "---\ntitle: Secret plans\ndraft: true\n---\nNot yet.\n",
        "content/posts/day.md": "---\ntitle: A day\ndate: 2016-04-01\n---\nA post.\n",
    })  # fmt: skip
    run("import", blog, "--dir", archive)
    assert "draft: true" in (archive / "pages/secret.md").read_text(encoding="utf-8")
    source = tmp_path / "export.xml"
    source.write_text(
        # A doubled slash, as in a real export: still a path on the old blog.
        export(item(8, "Contact", "<p>Write.</p>", kind="page", link=f"{SITE}//contact/")),
        encoding="utf-8",
    )
    run_import(source, archive)
    app = build_root(srcdir=archive)
    out = Path(app.outdir)
    assert not (out / "pages/secret.html").exists()
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "Secret plans" not in home and "About" in home
    for old, page in (("about-me", "about"), ("who", "about"), ("contact", "contact")):
        html = (out / old / "index.html").read_text(encoding="utf-8")
        assert f'url=../pages/{page}.html"' in html, old
    readthedocs = json.loads((out / "_redirects/readthedocs.json").read_text(encoding="utf-8"))
    assert {"type": "page", "from_url": "/who/", "to_url": "/pages/about.html"} in readthedocs
    assert "/about-me/" in (out / "_redirects/redirects.txt").read_text(encoding="utf-8")
    # Published after all: the page is built and linked.
    page = archive / "pages/secret.md"
    page.write_text(page.read_text(encoding="utf-8").replace("draft: true\n", ""), "utf-8")
    app = build_root(srcdir=archive)
    assert (Path(app.outdir) / "pages/secret.html").is_file()
    assert "Secret plans" in (Path(app.outdir) / "index.html").read_text(encoding="utf-8")


# -- 4, 5, 10: what WordPress HTML holds beyond text ---------------------------------------------

SVG_POST = (
    '<p>A chart:</p><svg width="20" height="20" onload="alert(1)"><script>alert(2)</script>'
    '<a href="javascript:alert(3)"><circle r="4" fill="red"/></a></svg>'
    '<p>An icon <svg width="8" height="8"><rect width="8" height="8"/></svg> in a sentence.</p>'
    '<script src="https://gist.github.com/alice/123abc.js"></script><p>The end.</p>'
)


def item_line(source: Path) -> int:
    return source.read_text(encoding="utf-8").split("\n").index("  <item>") + 1


@pytest.mark.slow
def test_inline_svg_is_a_picture_and_an_embedding_script_a_link(tmp_path, archive, build_root):
    source = tmp_path / "export.xml"
    source.write_text(export(item(7, "Charts", SVG_POST, slug="charts")), encoding="utf-8")
    result = run_import(source, archive)
    text = (archive / "posts/2016/2016-11-06-charts.md").read_text(encoding="utf-8")
    assert "data:image/svg" not in text and "alert" not in text
    assert "[Gist alice/123abc](https://gist.github.com/alice/123abc)" in text
    assert (
        f"export.xml:{item_line(source)}: 'Charts': an embedded script is now a link: "
        "[Gist alice/123abc](https://gist.github.com/alice/123abc)"
    ) in " ".join(result.output.split())
    app = build_root(srcdir=archive)
    assert warning_lines(app) == []
    page = article(Path(app.outdir), "posts/2016/2016-11-06-charts")
    chart, icon = page.select("svg")
    assert chart.circle["fill"] == "red" and icon.rect is not None
    assert icon.parent.name == "p" and "in a sentence" in icon.parent.get_text()
    assert (
        not page.select("script") and "onload" not in str(page) and "javascript:" not in str(page)
    )
    assert "![" not in page.get_text()
    assert (
        page.find("a", string="Gist alice/123abc")["href"] == "https://gist.github.com/alice/123abc"
    )


@pytest.mark.slow
def test_html_the_converter_refuses_is_kept_without_scripts(
    tmp_path, archive, build_root, monkeypatch
):
    def refuse(html: str, **options):
        raise ConversionError("the converter gave up")

    monkeypatch.setattr(platforms, "html_to_myst", refuse)
    body = (
        '<p onclick="steal()">Kept <b>words</b> and *stars*.</p><script>evil()</script>'
        '<a href="javascript:alert(1)">a link</a> <a href="https://ok.example/">fine</a>'
    )
    source = tmp_path / "export.xml"
    source.write_text(export(item(7, "Odd", body, slug="odd")), encoding="utf-8")
    result = run_import(source, archive)
    text = (archive / "posts/2016/2016-11-06-odd.md").read_text(encoding="utf-8")
    assert "```{raw} html\n<p>Kept <b>words</b> and *stars*.</p>" in text
    for gone in ("steal", "evil", "javascript:"):
        assert gone not in text
    assert "its HTML is kept, without scripts, as a raw HTML block" in result.output
    app = build_root(srcdir=archive)
    assert warning_lines(app) == []
    page = article(Path(app.outdir), "posts/2016/2016-11-06-odd")
    assert page.b.get_text() == "words" and "and *stars*." in page.get_text()
    assert page.find("a", string="fine")["href"] == "https://ok.example/"
    assert not page.find("a", string="a link").get("href")
    assert not page.select("script")


# -- 6: pictures named in front matter -----------------------------------------------------------


def test_front_matter_pictures_are_downloaded(tmp_path, archive, server):
    cat = server.url_for("/photos/cat.png")
    server.expect_request("/covers/dog.png").respond_with_data(GIF, content_type="image/gif")
    dog = server.url_for("/covers/dog.png")
    attachment = item(
        20, "Cover", kind="attachment", extra=f"<wp:attachment_url>{cat}</wp:attachment_url>"
    )
    post = item(7, "Kyoto", "<p>Temples.</p>", slug="kyoto", meta={"_thumbnail_id": "20"})
    source = tmp_path / "export.xml"
    source.write_text(export(attachment, post), encoding="utf-8")
    result = run("import", source, "--dir", archive, "--allow-private-addresses")
    assert "Remote images  1 downloaded" in result.output
    kyoto = (archive / "posts/2016/2016-11-06-kyoto.md").read_text(encoding="utf-8")
    (copy,) = (archive / "posts/assets/remote/127-0-0-1").glob("cat-*.png")
    assert f"image: ../assets/remote/127-0-0-1/{copy.name}\n" in kyoto

    blog = write_files(tmp_path / "hugo", {
        "hugo.toml": 'baseURL = "https://old.example.com/"\n',
        "content/posts/nara.md": (
            f"---\ntitle: Nara\ndate: 2016-11-07\nimages: ['{cat}']\ncover:\n  image: {dog}\n"
            "  alt: A dog\n---\nDeer.\n"
        ),
    })  # fmt: skip
    result = run("import", blog, "--dir", archive, "--allow-private-addresses")
    nara = (archive / "posts/2016/2016-11-07-nara.md").read_text(encoding="utf-8")
    (dog_copy,) = (archive / "posts/assets/remote/127-0-0-1").glob("dog-*")
    assert f"- ../assets/remote/127-0-0-1/{copy.name}\n" in nara  # already there: not again
    assert f"image: ../assets/remote/127-0-0-1/{dog_copy.name}\n  alt: A dog\n" in nara
    assert "1 already in the archive, 1 downloaded" in result.output
    assert [request.path for request, _ in server.log] == ["/photos/cat.png", "/covers/dog.png"]


def test_front_matter_pictures_stay_links_without_download(tmp_path, archive, server):
    cat = server.url_for("/photos/cat.png")
    blog = write_files(tmp_path / "hugo", {
        "hugo.toml": 'baseURL = "https://old.example.com/"\n',
        "content/posts/nara.md": f"---\ntitle: Nara\ndate: 2016-11-07\nimage: {cat}\n---\nDeer.\n",
    })  # fmt: skip
    run("import", blog, "--dir", archive, "--no-download")
    nara = (archive / "posts/2016/2016-11-07-nara.md").read_text(encoding="utf-8")
    assert f"image: {cat}\n" in nara and server.log == []


# -- 15: listing pages of a blog folder said, not silently dropped -------------------------------


def test_a_jekyll_blogs_listing_pages_are_listed_as_left_out(tmp_path, archive):
    blog = write_files(tmp_path / "jekyll", {
        "_config.yml": "title: Old blog\n",
        "_posts/2016-11-05-first.md": "---\ntitle: First\n---\nThe first post.\n",
        "about.md": "---\ntitle: About\n---\nMe.\n",
        "blog.md": "---\ntitle: Blog\n---\n{% for post in paginator.posts %}{{ post.title }}{% endfor %}\n",
        "archive.md": "---\ntitle: Everything\n---\nAll I wrote.\n",
    })  # fmt: skip
    result = run("import", blog, "--dir", archive)
    output = " ".join(result.output.split())
    assert "Files left out 2 (listed below)" in output
    assert "blog.md: a listing the blog's engine fills from its posts" in output
    assert "archive.md: a listing the blog's engine fills from its posts" in output
    assert (archive / "pages/about.md").is_file()


# -- 18: a title written as Markdown shows as written ------------------------------------------


@pytest.mark.slow
def test_page_titles_with_markup_show_as_written(tmp_path, archive, build_root):
    blog = write_files(tmp_path / "hugo", {
        "hugo.toml": 'baseURL = "https://old.example.com/"\n',
        "content/about.md": "---\ntitle: About <me> & *stars*\n---\nI write.\n",
        "content/posts/first.md": "---\ntitle: First\ndate: 2016-01-02\n---\nA post.\n",
    })  # fmt: skip
    run("import", blog, "--dir", archive)
    source = tmp_path / "export.xml"
    source.write_text(
        export(item(8, "R&amp;D &lt;lab&gt; #1", "<p>Work.</p>", kind="page", slug="lab")),
        encoding="utf-8",
    )
    run_import(source, archive)
    app = build_root(srcdir=archive)
    assert warning_lines(app) == []
    out = Path(app.outdir)
    assert article(out, "pages/about").h1.get_text().rstrip("¶") == "About <me> & *stars*"
    assert article(out, "pages/lab").h1.get_text().rstrip("¶") == "R&D <lab> #1"
