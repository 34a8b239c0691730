"""Importing a WordPress export: posts and pages, shortcodes, Gutenberg blocks, attachments,
old addresses and comments arrive as a reader of the old blog saw them, the next build shows
them without a warning, and what was left out is listed."""

from __future__ import annotations

from html import escape
from pathlib import Path

import pytest
from click.testing import CliRunner

from postarchive.cli import main
from tests.conftest import article, copy_root, read_html, warning_lines

SITE = "https://blog.example.com"
# The archive's home page lists the site pages (as the archive's own setting will).


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def comment(
    id: int, author: str, text: str, *, parent: int = 0, approved: str = "1", kind: str = ""
) -> str:
    return f"""
    <wp:comment>
      <wp:comment_id>{id}</wp:comment_id>
      <wp:comment_author>{cdata(author)}</wp:comment_author>
      <wp:comment_author_email>{author.lower()}@mail.example</wp:comment_author_email>
      <wp:comment_author_url>https://{author.lower()}.example</wp:comment_author_url>
      <wp:comment_author_IP>203.0.113.7</wp:comment_author_IP>
      <wp:comment_date>2016-11-0{id} 10:0{id}:00</wp:comment_date>
      <wp:comment_content>{cdata(text)}</wp:comment_content>
      <wp:comment_approved>{approved}</wp:comment_approved>
      <wp:comment_type>{kind}</wp:comment_type>
      <wp:comment_parent>{parent}</wp:comment_parent>
    </wp:comment>"""


def item(
    id: int,
    title: str,
    content: str = "",
    *,
    kind: str = "post",
    status: str = "publish",
    slug: str = "",
    date: str = "2016-11-06 09:30:00",
    link: str | None = None,
    excerpt: str = "",
    parent: int = 0,
    terms: str = "",
    meta: dict[str, str] | None = None,
    extra: str = "",
) -> str:
    link = link if link is not None else f"{SITE}/?p={id}"
    metas = "".join(
        f"<wp:postmeta><wp:meta_key>{k}</wp:meta_key><wp:meta_value>{cdata(v)}</wp:meta_value>"
        "</wp:postmeta>"
        for k, v in (meta or {}).items()
    )
    return f"""
  <item>
    <title>{escape(title)}</title>
    <link>{link}</link>
    <dc:creator>{cdata("alice")}</dc:creator>
    <content:encoded>{cdata(content)}</content:encoded>
    <excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>
    <wp:post_id>{id}</wp:post_id>
    <wp:post_date>{date}</wp:post_date>
    <wp:post_name>{slug}</wp:post_name>
    <wp:status>{status}</wp:status>
    <wp:post_parent>{parent}</wp:post_parent>
    <wp:post_type>{kind}</wp:post_type>
    {terms}{metas}{extra}
  </item>"""


def export(*items: str, version: str = "1.2") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/{version}/">
<channel>
  <title>Old blog</title>
  <link>{SITE}</link>
  <wp:wxr_version>{version}</wp:wxr_version>
  <wp:base_blog_url>{SITE}</wp:base_blog_url>
  <wp:author>
    <wp:author_login>{cdata("alice")}</wp:author_login>
    <wp:author_email>alice@mail.example</wp:author_email>
    <wp:author_display_name>{cdata("Alice Martin")}</wp:author_display_name>
  </wp:author>
  {"".join(items)}
</channel>
</rss>
"""


CLASSIC = """Arrived in Kyoto after a long flight.
The hotel was small.

[caption id="attachment_20" align="alignnone" width="300"]<a href="https://blog.example.com/wp-content/uploads/2016/11/temple.jpg"><img class="size-medium wp-image-20" src="https://blog.example.com/wp-content/uploads/2016/11/temple-300x200.jpg" alt="A temple" width="300" height="200" /></a> The temple at <em>dawn</em>[/caption]

<!--more-->

[code language="python"]
if a < b and c &amp;&amp; d:
    print("&amp;lt;")
[/code]

[sourcecode lang="js"]const x = 1;[/sourcecode]

<pre>  two spaces
	a tab &gt; here</pre>

[gallery ids="20,21"]

[embed]https://www.youtube.com/watch?v=abc123[/embed]

[audio mp3="https://blog.example.com/wp-content/uploads/2016/11/birds.mp3"][/audio]

[video src="https://blog.example.com/wp-content/uploads/2016/11/train.mp4"][/video]

<table style="width: 100%"><tr><th>Day</th><th>Yen</th></tr><tr><td><span style="color: red">1 | 2</span></td><td>3000</td></tr></table>

[contact-form-7 id="7" title="Contact"]

See <a href="/2016/11/07/nara/">the next day</a> and [[gallery]] written as text."""

GUTENBERG = """<!-- wp:paragraph -->
<p>Deer everywhere.</p>
<!-- /wp:paragraph -->

<!-- wp:code {"language":"rust"} -->
<pre class="wp-block-code"><code>fn main() { println!("&lt;deer&gt;"); }</code></pre>
<!-- /wp:code -->

<!-- wp:image {"id":21} -->
<figure class="wp-block-image"><img src="https://blog.example.com/wp-content/uploads/2016/11/deer.jpg" alt="A deer" class="wp-image-21"/><figcaption>A deer in the park</figcaption></figure>
<!-- /wp:image -->

<!-- wp:separator -->
<hr class="wp-block-separator"/>
<!-- /wp:separator -->

<!-- wp:embed {"url":"https://vimeo.com/76979871","type":"video"} -->
<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">
https://vimeo.com/76979871
</div><figcaption>The deer video</figcaption></figure>
<!-- /wp:embed -->

<!-- wp:latest-posts /-->"""

TERMS = (
    '<category domain="category" nicename="japan-2016">{}</category>'.format(cdata("Japan 2016"))
    + '<category domain="post_tag" nicename="travel">{}</category>'.format(cdata("travel"))
    + '<category domain="category" nicename="uncategorized">Uncategorized</category>'
)


def blog_export() -> str:
    uploads = f"{SITE}/wp-content/uploads/2016/11"
    return export(
        item(
            20,
            "temple",
            kind="attachment",
            status="inherit",
            parent=1,
            link=f"{SITE}/2016/11/06/kyoto/temple/",
            excerpt="The temple at dawn",
            meta={"_wp_attachment_image_alt": "A temple"},
            extra=f"<wp:attachment_url>{uploads}/temple.jpg</wp:attachment_url>",
        ),
        item(
            21,
            "deer",
            kind="attachment",
            status="inherit",
            parent=2,
            link=f"{SITE}/2016/11/07/nara/deer/",
            extra=f"<wp:attachment_url>{uploads}/deer.jpg</wp:attachment_url>",
        ),
        item(
            1,
            "Kyoto &amp; the temples",
            CLASSIC,
            slug="kyoto",
            link=f"{SITE}/2016/11/06/kyoto/",
            excerpt="Temples at dawn.",
            terms=TERMS,
            meta={"_thumbnail_id": "20"},
            extra=comment(1, "Bob", "Lovely <b>photos</b>!\n\nWhich temple?")
            + comment(2, "Alice", "Kiyomizu-dera.", parent=1)
            + comment(3, "Spammer", "Buy now", approved="spam")
            + comment(4, "Carol", "Waiting for moderation", approved="0")
            + comment(5, "Other blog", "linked here", kind="pingback"),
        ),
        item(
            2,
            "Nara",
            GUTENBERG,
            slug="nara",
            date="2016-11-07 08:00:00",
            link=f"{SITE}/2016/11/07/nara/",
            terms=TERMS,
        ),
        item(
            3,
            "Only a photo",
            '<img src="https://blog.example.com/wp-content/uploads/2016/11/temple.jpg" alt=""'
            ' class="wp-image-20">',
            slug="only-a-photo",
            date="2016-11-08 08:00:00",
            extra=comment(6, "Dave", "A comment long enough to be taken for the post's excerpt."),
        ),
        item(
            10, "About me", "I write about trips.", kind="page", slug="about", link=f"{SITE}/about/"
        ),
        item(11, "Half written", "Later.", status="draft", slug="half"),
        item(12, "Just for me", "Secret.", status="private", slug="mine"),
        item(13, "Thrown away", "Gone.", status="trash", slug="gone"),
        item(14, "", "", status="auto-draft"),
        item(15, "Home", "", kind="nav_menu_item"),
        item(16, "Lamp", "A product.", kind="product"),
    )


@pytest.fixture
def archive(tmp_path) -> Path:
    return copy_root("empty", tmp_path / "archive")


def run_import(source: Path, archive: Path, *options: str, code: int = 0):
    # The exports' images are on hosts a test cannot reach: their download is tested in
    # tests/test_remote_images.py against a local host.
    command = ["import", str(source), "--dir", str(archive), "--no-download", *options]
    result = CliRunner().invoke(main, command)
    assert result.exit_code == code, result.output
    return result


def written(archive: Path, name: str) -> str:
    return (archive / name).read_text(encoding="utf-8")


def front_matter(text: str) -> str:
    return text.split("---\n")[1]


KYOTO = "posts/2016/2016-11-06-kyoto.md"
NARA = "posts/2016/2016-11-07-nara.md"


def test_wordpress_export(tmp_path, archive, build_root):
    source = tmp_path / "blog.wordpress.2024-01-01.xml"
    source.write_text(blog_export(), encoding="utf-8")
    result = run_import(source, archive)

    kyoto = written(archive, KYOTO)
    fields = front_matter(kyoto)
    assert "title: Kyoto & the temples\n" in fields
    assert "authors:\n- Alice Martin\n" in fields
    assert "journeys:\n- Japan 2016\n" in fields and "tags:\n- travel\n" in fields
    assert "Uncategorized" not in fields
    assert "description: Temples at dawn.\n" in fields
    assert f"image: {SITE}/wp-content/uploads/2016/11/temple.jpg\n" in fields
    assert "permalink: /2016/11/06/kyoto/\n" in fields
    assert "aliases:\n- /2016/11/06/kyoto/temple/\n" in fields  # the attachment's page
    assert "wordpress_address: /?p=1\n" in fields
    # Paragraphs as WordPress made them: a blank line parts them, a new line breaks a line.
    assert "Arrived in Kyoto after a long flight.  \nThe hotel was small." in kyoto
    # Code exactly as shown: entities decoded once, whitespace kept.
    assert '```python\nif a < b and c && d:\n    print("&lt;")\n```' in kyoto
    assert "```js\nconst x = 1;\n```" in kyoto
    assert "```\n  two spaces\n\ta tab > here\n```" in kyoto
    assert (
        f"```{{figure}} {SITE}/wp-content/uploads/2016/11/temple-300x200.jpg\n:alt: A temple\n"
        f":target: {SITE}/wp-content/uploads/2016/11/temple.jpg\n\nThe temple at *dawn*\n```"
    ) in kyoto
    # The gallery: its images from the export's attachment records, with what they say.
    assert f"```{{figure}} {SITE}/wp-content/uploads/2016/11/temple.jpg\n:alt: A temple" in kyoto
    assert f"```{{image}} {SITE}/wp-content/uploads/2016/11/deer.jpg\n:alt: deer" in kyoto
    assert (
        "[https://www.youtube.com/watch?v=abc123](https://www.youtube.com/watch?v=abc123)" in kyoto
    )
    assert f"[Audio: birds.mp3]({SITE}/wp-content/uploads/2016/11/birds.mp3)" in kyoto
    assert f"[Video: train.mp4]({SITE}/wp-content/uploads/2016/11/train.mp4)" in kyoto
    assert "| Day | Yen |" in kyoto.replace("  ", " ").replace("  ", " ")
    assert "1 \\| 2" in kyoto
    assert '`[contact-form-7 id="7" title="Contact"]`' in kyoto
    assert f"[the next day]({SITE}/2016/11/07/nara/)" in kyoto
    assert "[gallery] written as text" in kyoto
    assert "<!--more-->" in kyoto
    for leftover in ("[caption", "[code", "[sourcecode", "[embed", "[audio", "style=", "<span"):
        assert leftover not in kyoto, leftover

    nara = written(archive, NARA)
    assert "<!-- wp:" not in nara and "<!-- /wp:" not in nara
    assert '```rust\nfn main() { println!("<deer>"); }\n```' in nara
    assert (
        f"```{{figure}} {SITE}/wp-content/uploads/2016/11/deer.jpg\n:alt: A deer\n\n"
        "A deer in the park\n```"
    ) in nara
    assert "[https://vimeo.com/76979871](https://vimeo.com/76979871)\n\nThe deer video" in nara

    # Comments: approved ones only, threaded, without e-mail, address or IP.
    section = kyoto.split("## Comments\n", 1)[1]
    assert "**Bob** · 2016-11-01 10:01\n\nLovely **photos**!\n\nWhich temple?" in section
    assert "> **Alice** · 2016-11-02 10:02\n>\n> Kiyomizu-dera." in section
    for hidden in ("Spammer", "Carol", "Other blog", "mail.example", "203.0.113", "bob.example"):
        assert hidden not in kyoto, hidden

    # An image of the media library without alt text gets its record's.
    photo = written(archive, "posts/2016/2016-11-08-only-a-photo.md")
    assert f"![A temple]({SITE}/wp-content/uploads/2016/11/temple.jpg)" in photo

    about = written(archive, "pages/about.md")
    assert "# About me\n\nI write about trips." in about
    assert "permalink: /about/\n" in front_matter(about)
    assert not (archive / "posts/2016/2016-11-06-half.md").exists()

    # What the report says.
    assert "Imported a wordpress blog" in result.output
    assert "Pages          1 new" in result.output
    for title, why in (
        ("Half written", "draft"),
        ("Just for me", "private"),
        ("Thrown away", "trash"),
    ):
        assert f": {title} ({why})" in result.output
    assert "(no title)" not in result.output  # WordPress's empty auto-drafts are not news
    assert "items of type 'product' (1) are not posts or pages; not imported" in result.output
    assert "nav_menu_item" not in result.output
    assert "shortcode [contact-form-7" in result.output
    assert "wp:latest-posts" in result.output
    assert 'postarchive_old_domains = ["blog.example.com"]' in result.output
    line = next(
        n for n, text in enumerate(source.read_text().split("\n"), 1) if "[contact-form-7" in text
    )
    assert f"blog.wordpress.2024-01-01.xml:{line}: shortcode [contact-form-7" in result.output

    app = build_root(srcdir=archive)
    out = Path(app.outdir)
    assert warning_lines(app) == []
    page = article(out, "posts/2016/2016-11-06-kyoto")
    captions = [
        " ".join(f.figcaption.get_text().split()).rstrip("¶") for f in page.select("figure")
    ]
    assert captions[:2] == ["The temple at dawn", "The temple at dawn"]
    assert page.select_one("div.highlight-python") is not None
    assert "Which temple?" in page.get_text() and "Kiyomizu-dera." in page.get_text()
    assert "1 | 2" in page.select_one("table").get_text()
    assert (out / "2016/11/06/kyoto/index.html").is_file()  # the old address redirects
    assert (out / "2016/11/06/kyoto/temple/index.html").is_file()  # and its photo's page
    assert article(out, "posts/2016/2016-11-07-nara").select_one("div.highlight-rust")
    assert "I write about trips." in article(out, "pages/about").get_text()
    # A post of a photo and a comment: its excerpt is never the reader's comment.
    head = read_html(out, "posts/2016/2016-11-08-only-a-photo").head
    description = head.select_one('meta[name="description"]')
    assert description is None or "comment long enough" not in description["content"]


def test_categories_as_tags_and_comments_left_out(tmp_path, archive):
    source = tmp_path / "export.xml"
    source.write_text(blog_export(), encoding="utf-8")
    run_import(source, archive, "--categories-as", "tags", "--no-comments")
    kyoto = written(archive, KYOTO)
    assert "tags:\n- travel\n- Japan 2016\n" in front_matter(kyoto)
    assert "journeys:" not in kyoto
    assert "## Comments" not in kyoto and "Kiyomizu" not in kyoto


def test_reimport_keeps_edits(tmp_path, archive):
    source = tmp_path / "export.xml"
    source.write_text(blog_export(), encoding="utf-8")
    run_import(source, archive)
    again = run_import(source, archive)
    assert "new:" not in again.output and "updated:" not in again.output
    (archive / NARA).write_text("---\ntitle: Nara, edited\n---\nMine now.\n", encoding="utf-8")
    source.write_text(blog_export().replace("Deer everywhere.", "Deer, everywhere."), "utf-8")
    third = run_import(source, archive)
    assert "kept (edited): export.xml:" in third.output
    assert written(archive, NARA).endswith("Mine now.\n")


def test_wxr_1_0_namespaces(tmp_path, archive):
    """The oldest exports name their namespaces 1.0; they are read the same."""
    source = tmp_path / "old.xml"
    source.write_text(export(item(1, "Old post", "Hello.", slug="old"), version="1.0"), "utf-8")
    run_import(source, archive)
    assert "Hello." in written(archive, "posts/2016/2016-11-06-old.md")


def test_malformed_export_imports_what_it_can(tmp_path, archive):
    good = item(1, "First", "One.", slug="first")
    broken = item(2, "Second", "Two.", slug="second").replace(
        "<wp:post_id>2</wp:post_id>", "<wp:post_id>2</wp:post_idd>"
    )
    later = item(3, "Third", "Three.", slug="third", date="2016-11-08 08:00:00")
    source = tmp_path / "broken.xml"
    text = export(good, broken, later)
    source.write_text(text, encoding="utf-8")
    result = run_import(source, archive)
    line = next(n for n, t in enumerate(text.split("\n"), 1) if "post_idd" in t)
    start = next(n for n, t in enumerate(text.split("\n"), 1) if "<title>Second" in t) - 1
    assert f"broken.xml:{line}: the export is not well-formed XML" in result.output
    assert "post_id" in result.output  # the element named
    assert f"in the <item> 'Second' from line {start}" in result.output
    assert (archive / "posts/2016/2016-11-06-first.md").is_file()
    assert (archive / "posts/2016/2016-11-08-third.md").is_file()


def test_a_file_that_is_no_export_is_refused(tmp_path, archive):
    source = tmp_path / "notes.xml"
    source.write_text("<notes><note>hi</note></notes>\n", encoding="utf-8")
    result = run_import(source, archive, code=1)
    assert "is not a WordPress, Blogger or Ghost export, nor a feed" in result.output
    assert not (archive / "posts").exists()


# What real exports showed (WordPress's theme test exports, a WordPress feed), each a fixture.
SEEN = """<h2>Layout</h2>
<hr class="wp-block-separator"/>
<p>Between.</p>
<hr/>
<hr/>
<p>After two rules.</p>
[audio https://blog.example.com/wp-content/uploads/song.mp3]
<p><a href="hhttps://wordpressfoundation.org/">A typo</a>, <a href="#">a button</a>, <a href="#fn1">1</a>.</p>
<video src="ttps://blog.example.com/clip.mov"></video>
<blockquote><p>I used this script:</p><pre>for KEY in $(ls); do
  echo $KEY
done</pre></blockquote>
<hr/>"""


def test_what_real_exports_showed(tmp_path, archive, build_root):
    thread = "".join(
        comment(n, f"Reader{n}", f"Reply number {n}.", parent=n - 1) for n in range(1, 8)
    )
    source = tmp_path / "export.xml"
    about = item(2, "About", "A page.", kind="page", slug="about")
    source.write_text(export(item(1, "Seen", SEEN, slug="seen", extra=thread), about), "utf-8")
    result = run_import(source, archive)
    seen = written(archive, "posts/2016/2016-11-06-seen.md")
    body = seen.split("## Comments")[0]
    # Rules only between text: not after a heading, not twice, not at the end, not quoted.
    assert body.count("---") == 2 + 1  # the front matter's two, and one between paragraphs
    assert "[Audio: song.mp3](https://blog.example.com/wp-content/uploads/song.mp3)" in seen
    assert "A typo (hhttps://wordpressfoundation.org/), a button, 1." in seen
    assert "ttps://blog.example.com/clip.mov" in seen and "](ttps:" not in seen
    assert (
        "> I used this script:\n>\n> ```\n> for KEY in $(ls); do\n>   echo $KEY\n> done\n> ```"
        in seen
    )
    # A thread seven deep is quoted five deep at most, every reply kept.
    assert "> > > > > **Reader7**" in seen and "> > > > > >" not in seen
    assert all(f"Reply number {n}." in seen for n in range(1, 8))
    assert "1 [audio]" in result.output  # the report's [names] are not read as markup
    app = build_root(srcdir=archive)
    assert warning_lines(app) == []
