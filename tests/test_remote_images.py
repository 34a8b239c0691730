"""Hot-linked images kept: the import downloads them from a local HTTP server (no network in
CI), points the posts at the copies, reports what it could not fetch, and downloads nothing twice;
the built pages show the copies, and the alt text or caption of an image that could not be
fetched."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from postarchive.importing import FetchSettings, import_blog
from postarchive.importing.remote import (
    ImageFetcher,
    find_remote_images,
    keep_images,
    point_images_at,
)
from tests.conftest import article, copy_root, warning_lines, write_files
from tests.test_import import PNG, run_import

# The smallest GIF, a different image from PNG.
GIF = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c000000000100010000020144003b"
)
SVG = b'<?xml version="1.0"?>\n<!-- by hand -->\n<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>'
HTML = b"<!DOCTYPE html><html><body>This photo has been removed</body></html>"
# The tests' image host is on this machine: an address the import refuses unless allowed.
QUICK = FetchSettings(
    timeout=0.5, retries=0, backoff=0.01, max_bytes=10_000, private_addresses=True
)
LOCAL = "--allow-private-addresses"


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    """A local image host: photos, a 404, a slow answer, an HTML page for a .jpg, a server
    lying about its type, a redirect, an image too big, and one that fails once."""
    # threaded: the slow answer must not hold up the requests that follow it
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.expect_request("/photos/cat.png").respond_with_data(PNG, content_type="image/png")
    server.expect_request("/photos/dog").respond_with_data(GIF, content_type="image/gif")
    server.expect_request("/copy/cat.png").respond_with_data(PNG, content_type="image/png")
    server.expect_request("/gone.png").respond_with_data("no", status=404)
    # Servers that do not say: the first bytes decide.
    server.expect_request("/raw/diagram.svg").respond_with_data(SVG, content_type="text/plain")
    server.expect_request("/badge.svg").respond_with_data(
        b'<svg xmlns="http://www.w3.org/2000/svg"/>', content_type="image/svg+xml"
    )
    server.expect_request("/download").respond_with_data(
        PNG, content_type="application/octet-stream"
    )
    server.expect_request("/page.jpg").respond_with_data(HTML, content_type="text/html")
    server.expect_request("/liar.jpg").respond_with_data(HTML, content_type="image/jpeg")
    server.expect_request("/old/cat.png").respond_with_response(
        Response(status=301, headers={"Location": "/photos/cat.png"})
    )
    server.expect_request("/huge.png").respond_with_data(
        PNG + bytes(20_000), content_type="image/png"
    )

    def streamed_huge(request: Request) -> Response:  # no Content-Length: counted as it comes
        chunks = (PNG if n == 0 else bytes(4096) for n in range(10))
        return Response(chunks, content_type="image/png", direct_passthrough=True)

    server.expect_request("/stream.png").respond_with_handler(streamed_huge)

    def slow(request: Request) -> Response:
        time.sleep(1.5)
        return Response(PNG, content_type="image/png")

    server.expect_request("/slow.png").respond_with_handler(slow)
    tries = []

    def fails_once(request: Request) -> Response:
        tries.append(request.path)
        if len(tries) == 1:
            return Response("busy", status=503)
        return Response(PNG, content_type="image/png")

    server.expect_request("/busy.png").respond_with_handler(fails_once)
    server.start()
    yield server
    server.clear()
    server.stop()


def requested(server: HTTPServer) -> list[str]:
    return [request.path for request, _response in server.log]


# -- Finding them in a post ----------------------------------------------------------------------


POST = """\
Intro ![A cat](https://img.example/cat.jpg "Title") and [a page](https://img.example/page),
![local](cat.png), ![data](data:image/png;base64,iVBORw0KGgo=), ![Wiki](https://img.example/File_(1).jpg), ![Bare](//img.example/bare.png).

![By reference][cat] ![Shortcut] and [a link by reference][page].

[cat]: https://img.example/ref.png
[Shortcut]: <https://img.example/short.png>
[page]: https://img.example/about.png

```{figure} https://img.example/figure.jpg
:target: https://img.example/full.jpg

The caption
```

<table><tr><td><img alt="x" src="https://img.example/a.png?w=1&amp;h=2" srcset="https://img.example/a,w_300.png 1x, https://img.example/b.png 2x"></td></tr></table>

Code: `![inline](https://img.example/inline.png)`

```markdown
![fenced](https://img.example/fenced.png)
<img src="https://img.example/fenced.png">
```
"""


def test_every_form_of_remote_image_is_found_outside_code():
    found = [(image.line, image.url) for image in find_remote_images(POST)]
    assert found == [
        (1, "https://img.example/cat.jpg"),
        (2, "https://img.example/File_(1).jpg"),
        (2, "https://img.example/bare.png"),  # protocol-relative: fetched with https
        (6, "https://img.example/ref.png"),
        (7, "https://img.example/short.png"),
        (10, "https://img.example/figure.jpg"),
        (16, "https://img.example/a.png?w=1&h=2"),  # as the browser reads the attribute
        (16, "https://img.example/a,w_300.png"),
        (16, "https://img.example/b.png"),
    ]


def test_images_are_pointed_at_their_copies_and_nothing_else_changes():
    def local(url: str) -> str | None:
        return None if "short" in url else "../assets/remote/" + url.rsplit("/", 1)[1]

    text = point_images_at(POST, local)
    assert '![A cat](../assets/remote/cat.jpg "Title")' in text
    assert "[a page](https://img.example/page)" in text  # a link: not an image
    assert "![local](cat.png)" in text and "data:image/png;base64,iVBORw0KGgo=" in text
    assert "![Wiki](<../assets/remote/File_(1).jpg>)" in text
    assert "![Bare](../assets/remote/bare.png)" in text
    assert "[cat]: ../assets/remote/ref.png" in text
    assert "[Shortcut]: <https://img.example/short.png>" in text  # no copy: kept
    unfetched = point_images_at(POST)
    assert "![Bare](https://img.example/bare.png)" in unfetched  # Sphinx reads // as a file
    assert unfetched == POST.replace("](//img.example/bare.png)", "](https://img.example/bare.png)")
    assert "[page]: https://img.example/about.png" in text  # only a link uses it
    assert "```{figure} ../assets/remote/figure.jpg\n:target: https://img.example/full.jpg" in text
    assert (
        'src="../assets/remote/a.png?w=1&amp;h=2" '
        'srcset="../assets/remote/a,w_300.png 1x, ../assets/remote/b.png 2x"'
    ) in text
    code = POST[POST.index("Code:") :]
    assert text.endswith(code)  # code shows the addresses as written


# -- Fetching ------------------------------------------------------------------------------------


def test_fetcher_keeps_images_and_says_why_not(tmp_path, server):
    store, cache = tmp_path / "remote", tmp_path / "cache.json"
    with ImageFetcher(store, cache, QUICK) as fetcher:
        outcomes = {
            path: fetcher.fetch(server.url_for(path))
            for path in [
                "/photos/cat.png", "/photos/dog", "/old/cat.png", "/gone.png", "/page.jpg",
                "/liar.jpg", "/huge.png", "/stream.png", "/slow.png", "/raw/diagram.svg",
                "/download?id=3", "/badge.svg",
            ]
        }  # fmt: skip
    failures = {path: outcome.failure for path, outcome in outcomes.items() if not outcome.file}
    assert failures == {
        "/gone.png": "404 Not Found",
        "/page.jpg": "not an image (the server sent text/html)",
        "/liar.jpg": "not an image (the server said image/jpeg, the file is text/html)",
        "/huge.png": f"too big ({len(PNG) + 20_000} bytes; the limit is 10000 bytes)",
        "/stream.png": "too big (more than the limit of 10000 bytes)",
        "/slow.png": "timed out after 0.5 s",
    }
    cat = outcomes["/photos/cat.png"].file
    assert cat is not None and cat.read_bytes() == PNG
    assert cat.relative_to(store).parent.as_posix() == "127-0-0-1"
    assert cat.name.startswith("cat-") and cat.suffix == ".png"
    dog = outcomes["/photos/dog"].file
    assert dog is not None and dog.suffix == ".gif"  # from the content, the address has none
    # A redirect to an image already kept: the same file, not a second copy.
    assert outcomes["/old/cat.png"].file == cat
    svg = outcomes["/raw/diagram.svg"].file
    assert svg is not None and svg.name.startswith("diagram-") and svg.suffix == ".svg"
    assert outcomes["/badge.svg"].file is not None  # XML said to be SVG
    # The same bytes as the cat: kept once, under the first name.
    assert outcomes["/download?id=3"].file == cat
    assert sorted(p.name for p in (store / "127-0-0-1").iterdir()) == sorted(
        [cat.name, dog.name, svg.name, outcomes["/badge.svg"].file.name]
    )


def test_fetcher_retries_a_busy_server_with_backoff(tmp_path, server):
    settings = FetchSettings(timeout=0.5, retries=2, backoff=0.2, private_addresses=True)
    with ImageFetcher(tmp_path / "remote", tmp_path / "cache.json", settings) as fetcher:
        start = time.monotonic()
        outcome = fetcher.fetch(server.url_for("/busy.png"))
        waited = time.monotonic() - start
    assert outcome.file is not None and waited >= 0.2
    assert requested(server) == ["/busy.png", "/busy.png"]


def test_fetcher_tries_each_address_once_and_remembers_it(tmp_path, server):
    store, cache = tmp_path / "remote", tmp_path / "cache.json"
    cat, gone = server.url_for("/photos/cat.png"), server.url_for("/gone.png")
    with ImageFetcher(store, cache, QUICK) as fetcher:
        first = [fetcher.fetch(url) for url in (cat, gone, cat, gone)]
    assert requested(server) == ["/photos/cat.png", "/gone.png"]
    assert first[0].downloaded and first[2] == first[0]
    with ImageFetcher(store, cache, QUICK) as fetcher:
        again = fetcher.fetch(cat)
    assert again.file == first[0].file and not again.downloaded
    assert requested(server) == ["/photos/cat.png", "/gone.png"]  # nothing more
    with ImageFetcher(store, cache, QUICK, offline=True) as fetcher:
        assert fetcher.fetch(server.url_for("/photos/dog")).failure == "not downloaded"


def test_a_host_that_does_not_answer_is_tried_once(tmp_path):
    with ImageFetcher(tmp_path / "remote", tmp_path / "cache.json", QUICK) as fetcher:
        # Port 9 (discard) is closed on the test machine: the connection is refused.
        first = fetcher.fetch("http://127.0.0.1:9/a.png")
        second = fetcher.fetch("http://127.0.0.1:9/b.png")
    assert first.failure.startswith("no connection: ")
    assert second.failure == "not tried: 127.0.0.1 could not be reached earlier"
    assert not (tmp_path / "remote").exists()


def test_keep_images_for_any_importer(tmp_path, server):
    """What an importer of exports (WordPress, feeds) uses: texts in, texts and failures out."""
    cat, gone = server.url_for("/photos/cat.png"), server.url_for("/gone.png")
    texts = [f"![Cat]({cat})\n\n![Gone]({gone})\n", f'<p><img src="{cat}"></p>\n']
    targets = ["posts/2016/a.md", "pages/about.md"]
    steps = []
    with ImageFetcher(tmp_path / "posts/assets/remote", tmp_path / "cache.json", QUICK) as f:
        kept = keep_images(texts, targets, f, tmp_path, step=lambda: steps.append(1))
    name = next((tmp_path / "posts/assets/remote/127-0-0-1").iterdir()).name
    assert kept.texts == [
        f"![Cat](../assets/remote/127-0-0-1/{name})\n\n![Gone]({gone})\n",
        f'<p><img src="../posts/assets/remote/127-0-0-1/{name}"></p>\n',
    ]
    assert kept.counts == {"downloaded": 1, "not fetched": 1} and len(steps) == 2
    [missed] = kept.not_fetched
    assert (missed.post, missed.image.line, missed.failure) == (0, 3, "404 Not Found")


# -- Importing -----------------------------------------------------------------------------------


def hot_linking_blog(root: Path, base: str) -> Path:
    """A Hugo blog whose photos are on another host (``base``), in each form posts use."""
    return write_files(root, {
        "hugo.toml": 'baseURL = "https://old.example.com/"\n',
        "content/posts/trip.md": (
            "---\ntitle: The trip\ndate: 2016-04-01\n---\n\n"
            f"![A cat on the road]({base}/photos/cat.png)\n\n"
            f'{{{{< figure src="{base}/photos/dog" caption="The dog" >}}}}\n\n'
            f'<figure><img src="{base}/page.jpg" alt=""><figcaption>The lake at dawn</figcaption></figure>\n\n'
            f"![The missing view]({base}/gone.png)\n\n"
            f'<table><tr><td><img src="{base}/old/cat.png" alt="Cat again"></td></tr></table>\n\n'
            f"See [the host's page]({base}/about.html).\n\n"
            "```markdown\n"
            f"![In code]({base}/photos/cat.png)\n"
            "```\n"
        ),
        "content/posts/home.md": (
            "---\ntitle: Home again\ndate: 2016-04-03\n---\n\n"
            f"The same cat: ![Cat]({base}/photos/cat.png)\n\n![Still missing]({base}/gone.png)\n"
        ),
    })  # fmt: skip


@pytest.fixture
def archive(tmp_path) -> Path:
    return copy_root("empty", tmp_path / "archive")


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def test_import_downloads_hot_linked_images_and_the_pages_show_them(
    tmp_path, archive, server, build_root
):
    base = server.url_for("").rstrip("/")
    source = hot_linking_blog(tmp_path / "blog", base)
    result = run_import(source, archive, LOCAL)  # the real command line

    trip = (archive / "posts/2016/2016-04-01-the-trip.md").read_text(encoding="utf-8")
    copies = sorted(p.name for p in (archive / "posts/assets/remote/127-0-0-1").iterdir())
    assert [name.split("-")[0] for name in copies] == ["cat", "dog"]  # one cat for three addresses
    cat, dog = copies
    assert f"![A cat on the road](../assets/remote/127-0-0-1/{cat})" in trip
    assert f"```{{figure}} ../assets/remote/127-0-0-1/{dog}\n:alt: The dog\n\nThe dog\n```" in trip
    assert f'<img src="../assets/remote/127-0-0-1/{cat}" alt="Cat again">' in trip
    assert f"![The missing view]({base}/gone.png)" in trip  # not fetched: kept
    assert f"```{{figure}} {base}/page.jpg\n\nThe lake at dawn\n```" in trip
    assert f"[the host's page]({base}/about.html)" in trip
    assert f"```markdown\n![In code]({base}/photos/cat.png)\n```" in trip
    # Each address once, in both posts; the redirect leads to the cat once more.
    assert requested(server) == [
        "/photos/cat.png", "/gone.png", "/photos/dog", "/page.jpg", "/old/cat.png", "/photos/cat.png"
    ]  # fmt: skip

    # Each failure named once per post, with its file and line, and the reason.
    trip_source = source / "content/posts/trip.md"
    home_source = source / "content/posts/home.md"
    output = result.output
    gone = f"image {base}/gone.png not fetched: 404 Not Found; its address is kept"
    assert f"content/posts/trip.md:{line_of(trip_source, 'gone.png')}: {gone}" in output
    assert f"content/posts/home.md:{line_of(home_source, 'gone.png')}: {gone}" in output
    page = f"image {base}/page.jpg not fetched: not an image (the server sent text/html)"
    assert f"content/posts/trip.md:{line_of(trip_source, 'page.jpg')}: {page}" in output
    assert output.count("not fetched:") == 3
    assert "Remote images  3 downloaded, 2 not fetched" in output

    app = build_root(srcdir=archive)
    assert warning_lines(app) == []
    out = Path(app.outdir)
    page_html = article(out, "posts/2016/2016-04-01-the-trip")
    images = {img.get("alt"): img["src"] for img in page_html.select("img")}
    for alt in ("A cat on the road", "The dog", "Cat again"):
        assert "://" not in images[alt]
        assert (out / "posts/2016" / images[alt]).resolve().is_file(), alt
    # What a reader sees of an image that could not be fetched: its alt text, or its caption.
    assert images["The missing view"] == f"{base}/gone.png"
    lake = next(f for f in page_html.select("figure") if f.img["src"] == f"{base}/page.jpg")
    assert lake.figcaption.get_text(strip=True).rstrip("¶") == "The lake at dawn"


def test_import_again_downloads_nothing(tmp_path, archive, server):
    base = server.url_for("").rstrip("/")
    source = hot_linking_blog(tmp_path / "blog", base)
    run_import(source, archive, LOCAL)
    downloads = [p for p in requested(server) if p != "/gone.png" and p != "/page.jpg"]
    snapshot = {p: p.read_bytes() for p in (archive / "posts").rglob("*") if p.is_file()}

    again = run_import(source, archive, LOCAL)
    assert "2 unchanged" in again.output
    assert "Remote images  3 already in the archive, 2 not fetched" in again.output
    assert [p for p in requested(server) if p not in ("/gone.png", "/page.jpg")] == downloads
    assert {p: p.read_bytes() for p in (archive / "posts").rglob("*") if p.is_file()} == snapshot

    # The posts imported afresh into the same archive: the copies are found, not downloaded.
    for post in (archive / "posts/2016").iterdir():
        post.unlink()
    (archive / "posts/.postarchive-import.json").unlink()
    fresh = run_import(source, archive, LOCAL)
    assert "2 new" in fresh.output and "3 already in the archive" in fresh.output
    assert [p for p in requested(server) if p not in ("/gone.png", "/page.jpg")] == downloads
    assert {p: p.read_bytes() for p in (archive / "posts").rglob("*") if p.is_file()} == snapshot


def test_no_download_keeps_the_links(tmp_path, archive, server):
    base = server.url_for("").rstrip("/")
    source = hot_linking_blog(tmp_path / "blog", base)
    result = run_import(source, archive, LOCAL, "--no-download")
    assert requested(server) == []
    trip = (archive / "posts/2016/2016-04-01-the-trip.md").read_text(encoding="utf-8")
    assert f"![A cat on the road]({base}/photos/cat.png)" in trip
    # A shortcode showing a remote image is still a figure, pointing at the old address.
    assert f"```{{figure}} {base}/photos/dog\n:alt: The dog\n\nThe dog\n```" in trip
    assert not (archive / "posts/assets").exists()
    assert "Remote images  5 kept as links" in result.output
    assert "not fetched" not in result.output


def test_dry_run_downloads_nothing(tmp_path, archive, server):
    source = hot_linking_blog(tmp_path / "blog", server.url_for("").rstrip("/"))
    result = run_import(source, archive, LOCAL, "--dry-run")
    assert requested(server) == []
    assert "Remote images  5 to download" in result.output
    assert sorted(p.name for p in archive.iterdir()) == ["conf.py", "index.md"]


def test_slow_and_oversized_images_are_reported_with_their_line(tmp_path, archive, server):
    base = server.url_for("").rstrip("/")
    source = write_files(tmp_path / "notes", {
        "walk.md": (
            "---\ntitle: A walk\ndate: 2020-05-01\n---\n\nFirst, a slow one:\n\n"
            f'<p><img src="{base}/slow.png" alt="Slow"></p>\n\n'
            f"Then a big one:\n\n![Big]({base}/huge.png)\n"
        ),
    })  # fmt: skip
    report = import_blog(source, archive, fetch_settings=QUICK)
    problems = {str(problem) for problem in report.problems}
    assert problems == {
        f"walk.md:8: image {base}/slow.png not fetched: timed out after 0.5 s; its address is kept",
        f"walk.md:12: image {base}/huge.png not fetched: too big ({len(PNG) + 20_000} bytes; "
        "the limit is 10000 bytes); its address is kept",
    }


def test_images_of_the_old_site_come_from_the_source_folder(tmp_path, archive, server):
    source = write_files(tmp_path / "blog", {
        "hugo.toml": 'baseURL = "https://old.example.com/"\n',
        "content/posts/a.md": (
            "---\ntitle: A\ndate: 2016-04-01\n---\n\n![Logo](https://old.example.com/img/logo.png)\n"
        ),
        "static/img/logo.png": PNG,
    })  # fmt: skip
    report = import_blog(source, archive, fetch_settings=QUICK)
    text = (archive / "posts/2016/2016-04-01-a.md").read_text(encoding="utf-8")
    assert "![Logo](../assets/static/img/logo.png)" in text
    assert report.problems == [] and not report.remote


def test_a_theme_image_shortcode_at_a_protocol_relative_address(tmp_path, archive):
    """As the tranquilpeak theme's example posts write their photos (seen on a real blog)."""
    source = write_files(tmp_path / "blog", {
        "hugo.toml": 'baseURL = "https://old.example.com/"\n',
        "content/post/cars.md": (
            "---\ntitle: Cars\ndate: 2014-10-29\n---\n\n"
            '{{< image classes="fancybox fig-50" src="//127.0.0.1:9/car-4.jpg" '
            'thumbnail="//127.0.0.1:9/car-4-375.jpg" title="Ferrari" >}}\n'
        ),
    })  # fmt: skip
    report = import_blog(source, archive, fetch_settings=QUICK)
    text = (archive / "posts/2014/2014-10-29-cars.md").read_text(encoding="utf-8")
    # Not fetched (nothing listens there): a figure at the https address, which Sphinx shows.
    assert "```{figure} https://127.0.0.1:9/car-4.jpg\n:alt: Ferrari\n\nFerrari\n```" in text
    assert [str(p).split(" not fetched")[0] for p in report.problems] == [
        "content/post/cars.md:6: image https://127.0.0.1:9/car-4.jpg"
    ]


def test_a_cache_naming_a_file_outside_the_store_is_not_believed(tmp_path, server):
    cat = server.url_for("/photos/cat.png")
    entry = {"file": "../secret.png", "sha256": "x", "type": "image/png"}
    write_files(tmp_path, {"secret.png": PNG, "cache.json": json.dumps({"images": {cat: entry}})})
    with ImageFetcher(tmp_path / "remote", tmp_path / "cache.json", QUICK) as fetcher:
        outcome = fetcher.fetch(cat)
    assert outcome.downloaded and outcome.file is not None
    assert outcome.file.parent.parent == tmp_path / "remote"


def test_an_exports_images_are_downloaded_too(tmp_path, archive, server, build_root):
    """A WordPress export's pictures (its media library on the old blog, or elsewhere) come into
    the archive as a blog folder's do; one that cannot be fetched is named with its line."""
    from tests.test_import_wordpress import export, item

    cat, gone = server.url_for("/photos/cat.png"), server.url_for("/gone.png")
    body = f'<p>At the door.</p>\n<p><img src="{cat}" alt="The cat" /></p>\n<p><img src="{gone}" alt="Gone" /></p>'
    source = write_files(tmp_path, {"export.xml": export(item(7, "The cat", body))}) / "export.xml"
    result = run_import(source, archive, LOCAL)
    post = (archive / "posts/2016/2016-11-06-the-cat.md").read_text(encoding="utf-8")
    assert cat not in post and "assets/remote/127-0-0-1/" in post
    assert gone in post  # kept as it was, and said why
    assert f"image {gone} not fetched: 404 Not Found" in result.output
    app = build_root(srcdir=archive)
    img = article(Path(app.outdir), "posts/2016/2016-11-06-the-cat").select_one(
        'img[alt="The cat"]'
    )
    assert (Path(app.outdir) / "posts/2016" / img["src"]).resolve().is_file()
