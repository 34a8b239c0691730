"""Importing blogs of each kind: the posts, images, shortcodes, links and journeys arrive, and the
next build shows them; importing again is safe."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from sphinx.testing.util import SphinxTestApp

from postarchive.cli import main
from tests.conftest import article, copy_root, links_by_text, warning_lines, write_files

# A real PNG (1x1), so the browser and the EPUB builder accept the copied images.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c4944415408d763f8ffff3f0005fe02fea7d3a3c40000000049454e44ae426082"
)


def hugo_blog(root: Path) -> Path:
    return write_files(root, {
        "hugo.toml": 'baseURL = "https://old.example.com/"\n[taxonomies]\ntag = "tags"\njourney = "journeys"\n',
        "content/_index.md": "---\ntitle: Home\n---\nWelcome.\n",
        "content/about.md": "---\ntitle: About me\n---\nI write.\n",
        "content/posts/day-one.md": (
            "---\ntitle: Day one\ndate: 2016-04-01T17:23:18+02:00\ntags: [django, talks]\n"
            "journeys: [djangocon-2016]\nurl: /post/day-one/\naliases: [/2016/04/day-one/]\n---\n\n"
            '{{< figure src="/images/talks/badge.png" caption="The badge" alt="A badge" >}}\n\n'
            "{{< youtube dQw4w9WgXcQ >}}\n\n{{< gist alice 123abc >}}\n\n"
            '{{< highlight python >}}\nprint("hello")\n{{< /highlight >}}\n\n'
            'Read [the next day]({{< ref "day-two" >}}) and {{< relref "posts/day-two/index.md" >}}.\n\n'
            '<figure><img src="/images/talks/stage.png" alt="Stage"><figcaption>The stage</figcaption></figure>\n\n'
            "{{< instagram BWNjjyYFxVx >}}\n"
        ),
        "content/posts/day-two/index.md": (
            '+++\ntitle = "Day two"\ndate = 2016-04-02T09:00:00+02:00\njourneys = ["djangocon-2016"]\n+++\n\n'
            "![The crowd](crowd.png)\n\nBack to [day one](../day-one.md).\n"
        ),
        "content/posts/day-two/crowd.png": PNG,
        "content/journeys/djangocon-2016/_index.md": "---\ntitle: DjangoCon Europe 2016\n---\n\nBudapest, in spring.\n",
        "static/images/talks/badge.png": PNG,
        "static/images/talks/stage.png": PNG,
    })  # fmt: skip


def jekyll_blog(root: Path) -> Path:
    return write_files(root, {
        "_config.yml": "title: Old blog\nbaseurl: /blog\n",
        "about.md": "---\nlayout: page\ntitle: About\n---\nA page, not a post.\n",
        "_posts/2016-11-05-first.md": "---\nlayout: post\ntitle: First\n---\n\nThe first post.\n",
        "_posts/2016-11-06-recap.markdown": (
            "---\nlayout: post\ntitle: Recap\ntags: django python\ncategories: [events]\n---\n\n"
            "{% highlight ruby %}\nputs 'hi'\n{% endhighlight %}\n\n"
            "See [the first]({% post_url 2016-11-05-first %}) and [again]({% link _posts/2016-11-05-first.md %}).\n\n"
            "![Logo]({{ site.baseurl }}/assets/logo.png)\n\n{% include note.html %}\n\n{% comment %}x{% endcomment %}\n"
        ),
        "_drafts/unfinished.md": "---\ntitle: Unfinished\n---\n\nLater.\n",
        "_includes/note.html": '<div class="note">A note from an include.</div>\n',
        "assets/logo.png": PNG,
    })  # fmt: skip


def eleventy_blog(root: Path) -> Path:
    return write_files(root, {
        ".eleventy.js": 'module.exports = function (c) { c.addPassthroughCopy("img"); };\n',
        "README.md": "# My site\n",
        "node_modules/pkg/notes.md": "# not a post\n",
        "posts/posts.json": '{"tags": "posts"}\n',
        "posts/first-post.md": (
            "---\ntitle: First post\ndate: 2019-05-01\ntags: [post, travel]\npermalink: /blog/first-post/\n---\n\n"
            '<p><img src="/img/photo.png" alt="A photo"></p>\n\nThen [the second](second-post.md).\n\n'
            '<table><tr><td><img src="/img/photo.png" alt="In a table"></td></tr></table>\n'
        ),
        "posts/second-post.md": "---\ntitle: Second post\ndate: 2019-05-02\ntags: post\n---\n\nMore.\n",
        "img/photo.png": PNG,
    })  # fmt: skip


def pelican_blog(root: Path) -> Path:
    return write_files(root, {
        "pelicanconf.py": "AUTHOR = 'Me'\nPATH = 'content'\n",
        "content/first.md": (
            "Title: First article\nDate: 2016-01-02 10:20\nTags: python, pelican\nCategory: blog\n"
            "Slug: first-article\nSummary: The first one.\n\n"
            "![Picture]({static}/images/p.png)\n\nNext: [second]({filename}/second.md).\n"
        ),
        "content/second.md": "Title: Second article\nDate: 2016-01-03\n\nThe second one.\n",
        "content/pages/about.md": "Title: About\n\nA page.\n",
        "content/images/p.png": PNG,
    })  # fmt: skip


@pytest.fixture
def archive(tmp_path) -> Path:
    """An archive with no posts yet, to import into."""
    return copy_root("empty", tmp_path / "archive")


def run_import(source: Path, archive: Path, *options: str):
    result = CliRunner().invoke(main, ["import", str(source), "--dir", str(archive), *options])
    assert result.exit_code == 0, result.output
    return result


def output(app: SphinxTestApp) -> tuple[Path, list[str]]:
    """The build's output folder and its warnings."""
    return Path(app.outdir), warning_lines(app)


def shows_image(page, name: str) -> bool:
    return any(img["src"].endswith(name) for img in page.select("img"))


def test_hugo(tmp_path, archive, build_root):
    result = run_import(hugo_blog(tmp_path / "hugo"), archive)
    assert "Imported a hugo blog" in result.output
    assert "instagram" in result.output  # the shortcode with no MyST form is reported
    out, warnings = output(build_root(srcdir=archive))
    assert warnings == []
    day_one = article(out, "posts/2016/2016-04-01-day-one")
    figures = day_one.select("figure")
    assert [f.figcaption.get_text(strip=True).rstrip("¶") for f in figures] == [
        "The badge",
        "The stage",
    ]
    assert shows_image(day_one, "badge.png") and shows_image(day_one, "stage.png")
    assert (out / "_images/badge.png").is_file()
    assert day_one.select_one("div.highlight-python") is not None
    links = links_by_text(day_one)
    assert links["the next day"] == "2016-04-02-day-two.html"
    assert links["Day two"] == "2016-04-02-day-two.html"  # a bare relref shows the title
    assert links["Youtube video (dQw4w9WgXcQ)"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert links["Gist alice/123abc"] == "https://gist.github.com/alice/123abc"
    assert "{{< instagram BWNjjyYFxVx >}}" in day_one.get_text()  # kept visible
    day_two = article(out, "posts/2016/2016-04-02-day-two")
    assert shows_image(day_two, "crowd.png")  # from the page bundle
    assert links_by_text(day_two)["day one"] == "2016-04-01-day-one.html"
    journey = article(out, "archive/journeys/djangocon-2016")
    assert journey.h1.get_text(strip=True).rstrip("¶") == "DjangoCon Europe 2016"
    assert "Budapest, in spring." in journey.get_text()
    assert len(journey.select(".postarchive-post-list li")) == 2
    assert (out / "post/day-one/index.html").is_file()  # the old address redirects
    assert (out / "2016/04/day-one/index.html").is_file()  # and so do its aliases
    assert not (archive / "posts/undated/home.md").exists()  # _index pages are not posts
    assert not (archive / "posts/undated/about-me.md").exists()  # a page, not a post
    about = article(out, "pages/about")
    assert about.h1.get_text(strip=True).rstrip("¶") == "About me"
    assert "I write." in about.get_text()
    assert links_by_text(article(out, "index"))["About me"] == "pages/about.html"


def test_jekyll(tmp_path, archive, build_root):
    run_import(jekyll_blog(tmp_path / "jekyll"), archive)
    post = (archive / "posts/2016/2016-11-06-recap.md").read_text(encoding="utf-8")
    assert "date: '2016-11-06'" in post and "- events" in post and "layout" not in post
    assert not (archive / "posts/undated/about.md").exists()
    assert "A page, not a post." in (archive / "pages/about.md").read_text(encoding="utf-8")
    assert "draft: true" in (archive / "posts/undated/unfinished.md").read_text(encoding="utf-8")
    out, warnings = output(build_root(srcdir=archive))
    assert warnings == []
    recap = article(out, "posts/2016/2016-11-06-recap")
    assert recap.select_one("div.highlight-ruby") is not None
    links = links_by_text(recap)
    assert links["the first"] == links["again"] == "2016-11-05-first.html"
    assert shows_image(recap, "logo.png")
    assert "A note from an include." in recap.get_text()
    assert [a.get_text() for a in recap.select(".postarchive-tags a")] == ["django", "python"]


def test_eleventy(tmp_path, archive, build_root):
    run_import(eleventy_blog(tmp_path / "eleventy"), archive)
    posts = sorted(p.name for p in (archive / "posts").rglob("*.md"))
    assert posts == ["2019-05-01-first-post.md", "2019-05-02-second-post.md"]
    first = (archive / "posts/2019/2019-05-01-first-post.md").read_text(encoding="utf-8")
    assert "- travel" in first and "- post" not in first  # the collection tag is dropped
    out, warnings = output(build_root(srcdir=archive))
    assert warnings == []
    page = article(out, "posts/2019/2019-05-01-first-post")
    assert shows_image(page, "photo.png")
    in_table = page.select_one("table img")
    assert (out / "posts/2019" / in_table["src"]).resolve().is_file()  # raw HTML, file beside it
    assert links_by_text(page)["the second"] == "2019-05-02-second-post.html"
    assert (out / "blog/first-post/index.html").is_file()


def test_pelican(tmp_path, archive, build_root):
    run_import(pelican_blog(tmp_path / "pelican"), archive)
    out, warnings = output(build_root(srcdir=archive))
    assert warnings == []
    page = article(out, "posts/2016/2016-01-02-first-article")
    assert page.h1.get_text(strip=True).rstrip("¶") == "First article"
    assert shows_image(page, "p.png")
    assert links_by_text(page)["second"] == "2016-01-03-second-article.html"
    assert [a.get_text() for a in page.select(".postarchive-tags a")] == ["python", "pelican"]
    assert not list((archive / "posts").rglob("about*.md"))
    assert "A page." in article(out, "pages/about").get_text()


def test_plain_folder_with_links_between_files(tmp_path, archive, build_root):
    source = write_files(tmp_path / "notes", {
        "a.md": "# A note without front matter\n\nLinks to [b](sub/b.md).\n",
        "sub/b.md": "---\ntitle: B\ndate: 2020-02-02\n---\n\nBack to [a](../a.md).\n",
    })  # fmt: skip
    run_import(source, archive)
    out, warnings = output(build_root(srcdir=archive))
    assert warnings == []
    b = article(out, "posts/2020/2020-02-02-b")
    assert links_by_text(b)["a"] == "../undated/a-note-without-front-matter.html"


def test_reimport_is_idempotent_and_respects_edits(tmp_path, archive):
    source = jekyll_blog(tmp_path / "jekyll")
    run_import(source, archive)
    snapshot = {p: p.read_bytes() for p in archive.rglob("*") if p.is_file()}
    again = run_import(source, archive)
    assert "3 unchanged" in again.output
    assert {p: p.read_bytes() for p in archive.rglob("*") if p.is_file()} == snapshot

    first = source / "_posts/2016-11-05-first.md"
    first.write_text(
        first.read_text(encoding="utf-8").replace("The first post.", "The first post, revised."),
        encoding="utf-8",
    )
    recap = archive / "posts/2016/2016-11-06-recap.md"
    recap.write_text(
        recap.read_text(encoding="utf-8") + "\nMy note in the archive.\n", encoding="utf-8"
    )
    (source / "_posts/2016-11-06-recap.markdown").write_text(
        "---\ntitle: Recap v2\n---\nNew.\n", encoding="utf-8"
    )
    third = run_import(source, archive)
    assert "updated: _posts/2016-11-05-first.md" in third.output
    assert "kept (edited)" in third.output and "--force replaces it" in third.output
    assert "revised" in (archive / "posts/2016/2016-11-05-first.md").read_text(encoding="utf-8")
    assert "My note in the archive." in recap.read_text(encoding="utf-8")
    forced = run_import(source, archive, "--force")
    assert "updated: _posts/2016-11-06-recap.markdown" in forced.output
    assert "Recap v2" in recap.read_text(encoding="utf-8")
    assert len(list((archive / "posts").rglob("*.md"))) == 3  # never a duplicate


def test_dry_run_writes_nothing(tmp_path, archive):
    result = run_import(hugo_blog(tmp_path / "hugo"), archive, "--dry-run")
    assert "Would import a hugo blog" in result.output
    assert "new: content/posts/day-one.md -> posts/2016/2016-04-01-day-one.md" in result.output
    assert sorted(p.name for p in archive.iterdir()) == ["conf.py", "index.md"]


def test_not_a_blog_is_refused_clearly(tmp_path, archive):
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["import", str(tmp_path / "empty"), "--dir", str(archive)])
    assert result.exit_code == 1
    assert "holds no Markdown posts" in result.output and "Traceback" not in result.output


def test_symlinks_out_of_the_source_are_not_followed(tmp_path, archive):
    outside = write_files(
        tmp_path / "outside", {"secret.md": "---\ntitle: Secret\n---\nPrivate.\n"}
    )
    source = write_files(tmp_path / "notes", {"a.md": "---\ntitle: A\n---\nA.\n"})
    (source / "linked.md").symlink_to(outside / "secret.md")
    run_import(source, archive)
    assert [p.name for p in (archive / "posts").rglob("*.md")] == ["a.md"]


def test_two_posts_with_one_name_get_distinct_files(tmp_path, archive):
    source = write_files(tmp_path / "notes", {
        "one/post.md": "---\ntitle: Same\ndate: 2020-01-01\n---\nOne.\n",
        "two/post.md": "---\ntitle: Same\ndate: 2020-01-01\n---\nTwo.\n",
    })  # fmt: skip
    result = run_import(source, archive)
    assert (archive / "posts/2020/2020-01-01-same.md").is_file()
    assert (archive / "posts/2020/2020-01-01-same-2.md").is_file()
    assert "has the same name; imported as posts/2020/2020-01-01-same-2.md" in result.output


def test_encoding_kept_unless_fixed(tmp_path, archive, build_root):
    mojibake = "---\ntitle: Café\n---\n\nSorry ðŸ˜Š and Lo√Øc.\n"
    source = write_files(
        tmp_path / "notes", {"m.md": mojibake, "latin.md": b"---\ntitle: Latin\n---\n\nCaf\xe9.\n"}
    )
    run_import(source, archive)
    kept = (archive / "posts/undated/cafe.md").read_bytes()
    assert "ðŸ˜Š and Lo√Øc".encode() in kept
    assert b"Caf\xe9." in (archive / "posts/undated/latin.md").read_bytes()  # the Latin-1 bytes
    out, _warnings = output(build_root(srcdir=archive))
    assert (
        "Sorry 😊 and Loïc." in article(out, "posts/undated/cafe").get_text()
    )  # repaired on build
    shutil.rmtree(archive / "posts")
    run_import(source, archive, "--fix-encoding")
    assert "Sorry 😊 and Loïc." in (archive / "posts/undated/cafe.md").read_text(encoding="utf-8")
    assert "Café." in (archive / "posts/undated/latin.md").read_text(encoding="utf-8")


def test_import_summary(tmp_path, archive):
    result = run_import(hugo_blog(tmp_path / "hugo"), archive)
    rows = [
        line.split("  ", 1)
        for line in result.output.splitlines()
        if "  " in line and not line.startswith(" ")
    ]
    lines = {label: value.strip() for label, value in rows}
    assert lines["Posts"] == "2 new"
    assert lines["Journey pages"] == "1 new"
    assert lines["Pages"] == "1 new"  # About, apart from the posts
    assert lines["Images"] == "3" and lines["Tags"] == "2" and lines["Journeys"] == "1"
    assert "1 hugo figure" in lines["Conversions"] and "1 html figure" in lines["Conversions"]
    assert (
        "content/posts/day-one.md:24: Hugo shortcode {{< instagram >}} has no MyST form"
        in result.output
    )
