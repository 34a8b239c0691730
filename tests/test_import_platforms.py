"""Importing a feed with full posts, a Blogger export (both of Takeout's forms) and a Ghost
export: the posts, their tags, authors, old addresses and comments arrive, drafts are listed as
left out, and the archive builds without a warning."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

import pytest
from click.testing import CliRunner

from postarchive.cli import main
from tests.conftest import article, copy_root, warning_lines


def run_import(source: Path, archive: Path, *options: str, code: int = 0):
    # The exports' images are on hosts a test cannot reach: their download is tested in
    # tests/test_remote_images.py against a local host.
    command = ["import", str(source), "--dir", str(archive), "--no-download", *options]
    result = CliRunner().invoke(main, command)
    assert result.exit_code == code, result.output
    return result


def written(archive: Path, name: str) -> str:
    return (archive / name).read_text(encoding="utf-8")


@pytest.fixture
def archive(tmp_path) -> Path:
    return copy_root("empty", tmp_path / "archive")


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Letters</title>
  <link>https://letters.example.com</link>
  <item>
    <title>Snow in Lyon</title>
    <link>https://letters.example.com/p/snow-in-lyon</link>
    <guid>https://letters.example.com/p/snow-in-lyon</guid>
    <pubDate>Tue, 10 Jan 2017 08:00:00 +0000</pubDate>
    <dc:creator>Jo Writer</dc:creator>
    <category>weather</category>
    <description>A short note about snow.</description>
    <content:encoded><![CDATA[<p>It snowed &amp; the <em>Saône</em> froze.</p>
<div id="attachment_9" class="wp-caption alignnone"><a href="https://letters.example.com/big.jpg"><img src="https://letters.example.com/river.jpg" alt="River"></a><p class="wp-caption-text">The river at noon</p></div>
<pre class="language-shell"><code>ls -l &gt; out.txt</code></pre>
<iframe src="https://www.youtube.com/embed/xyz" title="Snow video"></iframe>
<p>See <a href="/p/rain">the rain</a>.</p>]]></content:encoded>
  </item>
  <item>
    <title>Hail</title>
    <link>https://letters.example.com/p/hail</link>
    <pubDate>Thu, 12 Jan 2017 08:00:00 +0000</pubDate>
    <description><![CDATA[Hail fell on the <b>city</b> today, [&#8230;]]]></description>
    <content:encoded><![CDATA[<p>Hail fell on the <b>city</b> today, hard.</p>]]></content:encoded>
  </item>
  <item>
    <title>Rain</title>
    <link>https://letters.example.com/p/rain</link>
    <pubDate>Wed, 11 Jan 2017 08:00:00 +0000</pubDate>
    <description><![CDATA[Only the start of the post […]]]></description>
  </item>
</channel>
</rss>
"""


def test_feed_with_full_posts(tmp_path, archive, build_root):
    source = tmp_path / "feed.xml"
    source.write_text(RSS, encoding="utf-8")
    result = run_import(source, archive)
    assert "Imported a feed blog" in result.output
    snow = written(archive, "posts/2017/2017-01-10-snow-in-lyon.md")
    assert "authors:\n- Jo Writer\n" in snow and "tags:\n- weather\n" in snow
    assert "description: A short note about snow.\n" in snow
    assert "permalink: /p/snow-in-lyon\n" in snow
    assert "It snowed & the *Saône* froze." in snow
    assert (
        "```{figure} https://letters.example.com/river.jpg\n:alt: River\n"
        ":target: https://letters.example.com/big.jpg\n\nThe river at noon\n```"
    ) in snow
    assert "```shell\nls -l > out.txt\n```" in snow
    assert "[Snow video](https://www.youtube.com/embed/xyz)" in snow
    assert "[the rain](https://letters.example.com/p/rain)" in snow
    # WordPress's cut of the text is not a description of the post's own (seen on a real feed).
    assert "description:" not in written(archive, "posts/2017/2017-01-12-hail.md")
    # A feed that gives only a summary: imported, and said so.
    assert "Only the start of the post" in written(archive, "posts/2017/2017-01-11-rain.md")
    assert "the feed gives only a summary of 'Rain'" in result.output

    app = build_root(srcdir=archive)
    assert warning_lines(app) == []
    page = article(Path(app.outdir), "posts/2017/2017-01-10-snow-in-lyon")
    assert page.select_one("figure figcaption").get_text(strip=True).rstrip("¶") == (
        "The river at noon"
    )
    assert (Path(app.outdir) / "p/snow-in-lyon/index.html").is_file()  # the old address


def blogger_entry(
    id: str, kind: str, title: str, html: str, *, new_form: bool, status: str = "LIVE", **more
) -> str:
    if new_form:
        meta = (
            f"<blogger:type>{kind.upper()}</blogger:type><blogger:status>{status}</blogger:status>"
        )
        if "filename" in more:
            meta += f"<blogger:filename>{more['filename']}</blogger:filename>"
        if "parent" in more:
            meta += f"<blogger:parent>{more['parent']}</blogger:parent>"
    else:
        meta = (
            '<category scheme="http://schemas.google.com/g/2005#kind" '
            f'term="http://schemas.google.com/blogger/2008/kind#{kind}"/>'
        )
        if status != "LIVE":
            meta += "<app:control><app:draft>yes</app:draft></app:control>"
        if "parent" in more:
            meta += f'<thr:in-reply-to ref="{more["parent"]}" href="x"/>'
        if "filename" in more:
            meta += f'<link rel="alternate" href="https://trips.blogspot.com{more["filename"]}"/>'
    labels = "".join(
        f'<category scheme="http://www.blogger.com/atom/ns#" term="{label}"/>'
        for label in more.get("labels", [])
    )
    return f"""<entry><id>{id}</id><published>{more.get("date", "2012-05-01T10:00:00Z")}</published>
<title type="text">{escape(title)}</title><content type="html">{escape(html)}</content>
<author><name>{more.get("author", "Sam")}</name><email>sam@mail.example</email></author>
{meta}{labels}</entry>"""


def blogger_export(new_form: bool) -> str:
    post = "tag:blogger.com,1999:blog-1.post-11"
    entries = [
        blogger_entry("tag:blogger.com,1999:blog-1.settings.X", "settings", "x", "x", new_form=new_form),
        blogger_entry(
            post,
            "post",
            "Alps by train",
            "<p>Up the <b>mountain</b>.</p><br />Second line.",
            new_form=new_form,
            filename="/2012/05/alps-by-train.html",
            labels=["trains", "alps"],
        ),
        blogger_entry(
            "tag:blogger.com,1999:blog-1.post-12", "post", "Unfinished", "Later", new_form=new_form,
            status="DRAFT",
        ),
        blogger_entry(
            "tag:blogger.com,1999:blog-1.post-13", "comment", "", "Beautiful views!",
            new_form=new_form, parent=post, author="Kim", date="2012-05-02T09:00:00Z",
        ),
        blogger_entry(
            "tag:blogger.com,1999:blog-1.page-14", "page", "About", "<p>Two travellers.</p>",
            new_form=new_form, filename="/p/about.html",
        ),
    ]  # fmt: skip
    namespaces = (
        'xmlns:blogger="http://schemas.google.com/blogger/2018"'
        if new_form
        else 'xmlns:app="http://purl.org/atom/app#" '
        'xmlns:thr="http://purl.org/syndication/thread/1.0"'
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" {namespaces}>
<id>tag:blogger.com,1999:blog-1</id><title>Trips</title>
<link rel="alternate" type="text/html" href="https://trips.blogspot.com/"/>
<generator>Blogger</generator>
{"".join(entries)}
</feed>
"""


@pytest.mark.parametrize("new_form", [True, False], ids=["takeout-2021", "takeout-old"])
def test_blogger_export(tmp_path, archive, build_root, new_form):
    source = tmp_path / "feed.atom"
    source.write_text(blogger_export(new_form), encoding="utf-8")
    result = run_import(source, archive)
    assert "Imported a blogger blog" in result.output
    alps = written(archive, "posts/2012/2012-05-01-alps-by-train.md")
    assert "tags:\n- trains\n- alps\n" in alps
    assert "permalink: /2012/05/alps-by-train.html\n" in alps
    assert "Up the **mountain**." in alps
    assert "## Comments\n\n**Kim** · 2012-05-02 09:00\n\nBeautiful views!" in alps
    assert "mail.example" not in alps and "kind#" not in alps
    assert "# About\n\nTwo travellers." in written(archive, "pages/about.md")
    assert ": Unfinished (draft)" in result.output
    assert "Pages          1 new" in result.output

    app = build_root(srcdir=archive)
    assert warning_lines(app) == []
    assert (Path(app.outdir) / "2012/05/alps-by-train.html").is_file()


GHOST = {
    "db": [
        {
            "meta": {"version": "5.80.0"},
            "data": {
                "posts": [
                    {
                        "id": "p1",
                        "uuid": "u-1",
                        "title": "Coffee in Oslo",
                        "slug": "coffee-in-oslo",
                        "html": '<p>Strong <a href="__GHOST_URL__/tea/">unlike tea</a>.</p>'
                        '<figure class="kg-card kg-image-card kg-card-hascaption"><img '
                        'src="https://cdn.example.com/cup.jpg" class="kg-image" alt="Cup">'
                        "<figcaption>A cup</figcaption></figure>",
                        "mobiledoc": "{}",
                        "status": "published",
                        "type": "post",
                        "visibility": "public",
                        "published_at": "2021-03-04T05:06:07.000Z",
                        "custom_excerpt": "Dark roast.",
                        "feature_image": "https://cdn.example.com/cover.jpg",
                    },
                    {
                        "id": "p2",
                        "title": "Draft",
                        "slug": "d",
                        "html": "<p>x</p>",
                        "status": "draft",
                        "type": "post",
                    },
                    {
                        "id": "p3",
                        "title": "Members",
                        "slug": "m",
                        "html": "<p>x</p>",
                        "status": "published",
                        "type": "post",
                        "visibility": "paid",
                    },
                    {
                        "id": "p4",
                        "title": "Lexical only",
                        "slug": "l",
                        "lexical": "{}",
                        "status": "published",
                        "type": "post",
                        "html": None,
                    },
                    {
                        "id": "p5",
                        "title": "Contact",
                        "slug": "contact",
                        "html": "<p>Write to us.</p>",
                        "status": "published",
                        "type": "page",
                        "published_at": "2021-01-01T00:00:00.000Z",
                    },
                ],
                "tags": [
                    {"id": "t1", "name": "Coffee", "slug": "coffee", "visibility": "public"},
                    {
                        "id": "t2",
                        "name": "#internal",
                        "slug": "hash-internal",
                        "visibility": "internal",
                    },
                ],
                "posts_tags": [
                    {"post_id": "p1", "tag_id": "t1", "sort_order": 0},
                    {"post_id": "p1", "tag_id": "t2", "sort_order": 1},
                ],
                "users": [{"id": "a1", "name": "Ola Nordmann", "email": "ola@mail.example"}],
                "posts_authors": [{"post_id": "p1", "author_id": "a1", "sort_order": 0}],
            },
        }
    ]
}


def test_ghost_export(tmp_path, archive):
    source = tmp_path / "site.ghost.2024-01-01.json"
    source.write_text(json.dumps(GHOST), encoding="utf-8")
    result = run_import(source, archive)
    assert "Imported a ghost blog" in result.output
    coffee = written(archive, "posts/2021/2021-03-04-coffee-in-oslo.md")
    assert "authors:\n- Ola Nordmann\n" in coffee and "tags:\n- Coffee\n" in coffee
    assert "#internal" not in coffee and "mail.example" not in coffee
    assert "description: Dark roast.\n" in coffee
    assert "image: https://cdn.example.com/cover.jpg\n" in coffee
    assert "permalink: /coffee-in-oslo/\n" in coffee
    assert "```{figure} https://cdn.example.com/cup.jpg\n:alt: Cup\n\nA cup\n```" in coffee
    assert "[unlike tea](/tea/)" in coffee
    assert "__GHOST_URL__" in result.output  # said: the export does not give the address
    assert "# Contact\n\nWrite to us." in written(archive, "pages/contact.md")
    for title, why in (
        ("Draft", "draft"),
        ("Members", "for paid members"),
        ("Lexical only", "no HTML in the export"),
    ):
        assert f": {title} ({why})" in result.output


def test_kind_is_forced_and_checked(tmp_path, archive):
    source = tmp_path / "export.txt"
    source.write_text(json.dumps({"posts": "none"}), encoding="utf-8")
    result = run_import(source, archive, "--kind", "ghost", code=1)
    assert "is JSON but not a Ghost export" in result.output
    result = run_import(tmp_path, archive, "--kind", "wordpress", code=2)
    assert "--kind wordpress is for an export file" in result.output
