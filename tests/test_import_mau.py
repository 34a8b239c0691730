"""Every published post has a page: Pelican's Mau articles (The Digital Cat's 35 newest) and
posts written as HTML with front matter (zachleat.com's 2 Eleventy tutorials) were left out."""

from __future__ import annotations

from tests.conftest import write_files
from tests.test_import import article, output, run_import
from tests.test_import_layouts import archive, imported, left_out  # noqa: F401 (a fixture)

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
# The Digital Cat's settings: an alias of admonition, its own templates beside the site, a
# provider of templates this machine has not.
PELICANCONF = """\
PATH = 'content'
STATIC_PATHS = ['images']
MAU = {
    "parser": {
        "aliases": {
            "tip": {"args": {"class": "tip", "icon": "lightbulb"}, "subtype": "admonition"},
        },
    },
    "visitor": {
        "templates": {"paths": ["../mau/templates"], "providers": ["mau-docs-templates"]},
    },
}
"""
KEYS = """\
:pelican.title:RSA keys
:pelican.date:2018-04-25 13:00:00 +0100
:pelican.category:Programming
:pelican.tags:cryptography, SSH
:pelican.series:Crypto
:pelican.summary:All about _keys_
:feedback:snippets/feedback.mau

A key starts with `ssh-rsa` [callout](1), see [link]("{{filename}}/other.markdown", "the other post").

== The PEM format

[@source, python]
----
import rsa
print(rsa.newkeys(512))
----

. Example key
[@source]
----
<key> & "value"
----

. The key
[@tip]
----
Keep it _private_.
----

[*infobox]
----
A box of the blog's own kind.
----

<< image:/images/keys/pem.png

A standard[footnote](pkcs).

[footnote=pkcs]
----
Public-Key Cryptography Standards.
----

A [mystery](x) macro.

<< repo.github:lgiordani/rust-todo-cli

<< mau:{feedback}
"""


def _pelican_blog(tmp_path, articles: dict[str, str]):
    return write_files(tmp_path / "blog", {
        "pelican/pelicanconf.py": PELICANCONF,
        "mau/templates/macro.name__callout.html": '<span class="callout">{{ args.0 }}</span>\n',
        "mau/templates/block.infobox.html": '<div class="infobox">{{ content }}</div>\n',
        "pelican/snippets/feedback.mau": "== Feedback\n\nWrite to me.\n",
        "pelican/content/other.markdown": "Title: Other\nDate: 2018-01-01\n\nBefore.\n",
        "pelican/content/images/keys/pem.png": PNG,
        **{f"pelican/content/{name}": text for name, text in articles.items()},
    })  # fmt: skip


def test_a_mau_article_is_imported_whole(tmp_path, archive, build_root):  # noqa: F811
    source = _pelican_blog(tmp_path, {"keys.mau": KEYS})
    result = run_import(source / "pelican", archive)
    assert imported(archive) == ["2018/2018-01-01-other.md", "2018/2018-04-25-rsa-keys.md"]
    text = (archive / "posts/2018/2018-04-25-rsa-keys.md").read_text(encoding="utf-8")
    front, body = text.split("---\n", 2)[1:]
    assert "title: RSA keys" in front and "- cryptography" in front and "- SSH" in front
    assert "date: 2018-04-25 13:00:00 +0100" in front
    assert "- Crypto" in front and "- Programming" in front  # the series and category: journeys
    assert "description: All about keys" in front  # the summary, written in Mau, as text
    assert "A key starts with `ssh-rsa` 1, see [the other post](" in body  # the blog's macro
    assert "## The PEM format" in body
    assert "```python\nimport rsa\nprint(rsa.newkeys(512))\n```" in body
    assert '```{code-block}\n:caption: Example key\n\n<key> & "value"\n```' in body
    assert "```{admonition} The key\n:class: tip\n\nKeep it *private*.\n```" in body
    assert "```{note}\n:class: infobox\n\nA box of the blog's own kind.\n```" in body
    assert "![](../assets/content/images/keys/pem.png)" in body
    assert "A standard[^1]." in body and "[^1]: Public-Key Cryptography Standards." in body
    assert "A `[mystery](x)` macro." in body  # no template shows it: kept as written
    assert "## Feedback\n\nWrite to me." in body  # the include, found where Pelican ran
    assert "content/keys.mau:45: '[mystery](x)': no template of the blog shows it" in result.output
    assert "`<< repo.github:lgiordani/rust-todo-cli`" in body
    assert "content/keys.mau:47: '<< repo.github:lgiordani/rust-todo-cli'" in result.output

    out, warnings = output(build_root(srcdir=archive))
    assert warnings == []
    page = article(out, "posts/2018/2018-04-25-rsa-keys")
    assert page.select_one("h1").get_text().rstrip("¶") == "RSA keys"
    assert "import rsa" in page.select_one("div.highlight-python").get_text()
    caption = page.select_one(".code-block-caption")
    assert caption is not None and "Example key" in caption.get_text()
    assert '<key> & "value"' in caption.find_parent("div").get_text()
    tip = page.select_one("div.admonition.tip")
    assert tip is not None and "The key" in tip.select_one(".admonition-title").get_text()
    assert page.select_one("div.admonition.infobox") is not None
    assert page.select_one("img[src$='pem.png']") is not None  # copied along
    assert (archive / "posts/assets/content/images/keys/pem.png").read_bytes() == PNG
    assert page.find("a", string="the other post")["href"].endswith("2018-01-01-other.html")
    assert "Public-Key Cryptography Standards." in page.select_one(".footnote, aside").get_text()
    journey = article(out, "archive/journeys/crypto")
    assert "RSA keys" in journey.get_text()


def test_a_mau_article_mau_cannot_read_is_kept_and_reported(tmp_path, archive, build_root):  # noqa: F811
    """Nothing is lost: the article Mau stops on has its page, its text shown as written."""
    source = _pelican_blog(tmp_path, {
        "broken.mau": (
            ":pelican.title:Broken\n:pelican.date:2020-01-01\n\nA note[footnote](nowhere).\n"
        ),
        "lonely.mau": (
            ":pelican.title:Lonely\n:pelican.date:2020-02-02\n\nHello.\n\n<< mau:snippets/gone.mau\n"
        ),
    })  # fmt: skip
    result = run_import(source / "pelican", archive)
    assert imported(archive) == [
        "2018/2018-01-01-other.md", "2020/2020-01-01-broken.md", "2020/2020-02-02-lonely.md"
    ]  # fmt: skip
    assert "content/broken.mau:4: Mau cannot read it: Footnote 'nowhere' has not been defined" in (
        result.output
    )
    broken = (archive / "posts/2020/2020-01-01-broken.md").read_text(encoding="utf-8")
    assert "title: Broken" in broken and "```\nA note[footnote](nowhere).\n```" in broken
    assert "content/lonely.mau:6: include 'snippets/gone.mau' not found in the blog" in (
        result.output
    )
    lonely = (archive / "posts/2020/2020-02-02-lonely.md").read_text(encoding="utf-8")
    assert "Hello.\n\n`<< mau:snippets/gone.mau`" in lonely

    out, warnings = output(build_root(srcdir=archive))
    assert warnings == []
    page = article(out, "posts/2020/2020-01-01-broken")
    assert "A note[footnote](nowhere)." in page.select_one("pre").get_text()


def test_without_mau_installed_the_articles_are_kept_as_written(tmp_path, archive, monkeypatch):  # noqa: F811
    from postarchive.importing import mau

    monkeypatch.setattr(mau, "MAU_MISSING", "the mau package cannot be loaded (no module)")
    source = _pelican_blog(tmp_path, {"keys.mau": KEYS})
    result = run_import(source / "pelican", archive)
    assert "content/keys.mau" in result.output
    assert "Mau cannot read it: the mau package cannot be loaded (no module)" in result.output
    text = (archive / "posts/2018/2018-04-25-rsa-keys.md").read_text(encoding="utf-8")
    assert "title: RSA keys" in text and "[@source, python]" in text


def test_html_posts_with_front_matter_are_imported(tmp_path, archive, build_root):  # noqa: F811
    """zachleat.com's tutorials: HTML with Liquid includes and highlights, where the posts are;
    the site's HTML templates and files without front matter stay out."""
    source = write_files(tmp_path / "eleventy", {
        ".eleventy.js": "module.exports = function () {};\n",
        "_posts/2018-01-24-level-1.html": (
            "---\ntitle: Level 1\ntags: eleventy\n---\n\n"
            '{% include "intro.html" %}\n'
            '<div class="section">\n\t<h3 id="x">Installation</h3>\n'
            "\t<p>Run <code>npm install</code> &amp; wait.</p>\n"
            '{% highlight "html" %}\n<!doctype html>\n<title>Giffleball</title>\n'
            "{% endhighlight %}\n"
            '\t<figure><img src="/img/parrot.png" alt="A parrot">'
            "<figcaption>via bukk.it</figcaption></figure>\n</div>\n"
        ),
        "_posts/2018-01-26-level-2.html": "---\ntitle: Level 2\n---\n<p>Two.</p>\n",
        "_posts/notes.html": "<p>No front matter.</p>\n",
        "_posts/2018-01-01-first.md": "---\ntitle: First\n---\n\nOne.\n",
        "_includes/intro.html": "<p>An <em>intro</em>.</p>\n",
        "_includes/layouts/post.html": "---\n---\n<html>{{ content }}</html>\n",
        "index.html": "---\n---\n{% for post in collections.posts %}{{ post.data.title }}{% endfor %}\n",
        "img/parrot.png": PNG,
    })  # fmt: skip
    result = run_import(source, archive)
    assert imported(archive) == [
        "2018/2018-01-01-first.md", "2018/2018-01-24-level-1.md", "2018/2018-01-26-level-2.md"
    ]  # fmt: skip
    assert imported(archive, "pages") == []
    assert left_out(result.output) == {
        "_posts/notes.html": "no front matter: Eleventy does not publish it as a post"
    }
    text = (archive / "posts/2018/2018-01-24-level-1.md").read_text(encoding="utf-8")
    front, body = text.split("---\n", 2)[1:]
    assert "title: Level 1" in front and "- eleventy" in front
    assert "<p>An <em>intro</em>.</p>" in body  # the include, filled in as in a Markdown post
    assert "### Installation" in body and "Run `npm install` & wait." in body
    assert "```html\n<!doctype html>\n<title>Giffleball</title>\n```" in body
    assert "```{figure} " in body and "parrot.png" in body and "via bukk.it" in body

    out, warnings = output(build_root(srcdir=archive))
    assert warnings == []
    page = article(out, "posts/2018/2018-01-24-level-1")
    assert page.select_one("h1").get_text().rstrip("¶") == "Level 1"
    assert "<title>Giffleball</title>" in page.select_one("div.highlight-html").get_text()
    assert page.select_one("img[alt='A parrot']") is not None
    assert page.find("em", string="intro") is not None
    code = page.select_one("code.literal")
    assert code.get_text() == "npm install"
    assert code.parent.get_text() == "Run npm install & wait."


def test_what_the_conversion_of_an_html_post_finds_names_the_post_written(
    tmp_path,
    archive,  # noqa: F811
):
    """A line of the Markdown made from an HTML post is no line of the HTML file: a template
    kept as written is placed in the archive's post, and at no line of either."""
    source = write_files(tmp_path / "eleventy", {
        ".eleventy.js": "module.exports = function () {};\n",
        "_posts/2018-02-01-kept.html": (
            "---\ntitle: Kept\n---\n<div>\n<p>One.</p>\n\n\n\n<p>Two.</p>\n</div>\n"
            "{% mystery_tag 'x' %}\n"
        ),
    })  # fmt: skip
    result = run_import(source, archive)
    text = (archive / "posts/2018/2018-02-01-kept.md").read_text(encoding="utf-8")
    assert "{% mystery_tag 'x' %}" in text
    report = " ".join(result.output.split())
    assert (
        "_posts/2018-02-01-kept.html:1: template tag {% mystery_tag %} has no MyST form" in report
        and "(in posts/2018/2018-02-01-kept.md, made from its HTML)" in report
    ), report
