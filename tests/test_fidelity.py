"""Conversion fidelity: patterns met on real blogs (code blocks next to HTML, Markdown inside
HTML, plugin and theme tags), each in a few lines of our own, checked on the converted Markdown
and on the page the archive builds from it."""

from __future__ import annotations

from html import escape
from pathlib import Path

import pytest

from postarchive.importing.convert import convert
from tests.conftest import article, copy_root, read_html, warning_lines, write_files
from tests.test_convert import context
from tests.test_import import PNG, run_import


def converted(kind: str, body: str) -> str:
    result = convert(body, kind, context())
    assert result.problems == [], result.problems
    return result.body


# -- Code blocks ---------------------------------------------------------------------------------


def test_highlight_next_to_html_makes_a_closed_fence_on_its_own_lines():
    body = converted(
        "jekyll",
        "Intro<br>{% highlight python %}\nx = 1\n{% endhighlight %} <br>\n## Next\n",
    )
    assert body == "Intro<br>\n```python\nx = 1\n```\n\n<br>\n\n## Next\n"


def test_endhighlight_with_a_language_and_csharp_are_recognised():
    body = converted(
        "jekyll",
        "{% highlight c# %}\nvar x = 1;\n{% endhighlight Swift %}\n\n"
        "{% codeblock Hello lang:swift %}\nprint(1)\n{% endcodeblock %}\n",
    )
    assert body == "```c#\nvar x = 1;\n```\n\n```swift\nprint(1)\n```\n"


def test_highlight_inside_a_list_item_of_html_is_set_apart_from_the_html():
    body = converted(
        "jekyll",
        "<ol>\n  <li>Step one\n  {% highlight bash %}\nls\n{% endhighlight %}\n  </li>\n</ol>\n",
    )
    assert body == "<ol>\n  <li>Step one\n\n```bash\nls\n```\n\n  </li>\n</ol>\n"


def test_template_tags_inside_code_are_shown_as_written():
    sample = "    {% highlight ruby %}\n    puts 1\n    {% endhighlight %}\n"
    body = converted(
        "jekyll", f"A post about Jekyll:\n\n{sample}\n> ```\n> {{% include x.html %}}\n> ```\n"
    )
    assert sample in body and "> {% include x.html %}" in body


def test_a_fence_the_conversion_cannot_close_is_reported():
    result = convert("Text\n\n```python\nx = 1\n", "jekyll", context())
    assert [(p.line, p.message.split(":")[0]) for p in result.problems] == [
        (12, "code block opened here is never closed")
    ]


# -- Markdown inside HTML ------------------------------------------------------------------------


def test_markdown_inside_html_is_read_as_markdown():
    body = converted(
        "jekyll",
        '<div class="box" markdown="1">\n  ![A](/assets/a.png)\n\n  **bold**\n</div>\n\n'
        '<span class="pic">\n![B](/assets/b.png)\n</span>\n',
    )
    assert body == (
        '<div class="box">\n\n![A](../assets/assets/a.png)\n\n**bold**\n\n</div>\n\n'
        '<span class="pic">![B](../assets/assets/b.png)\n</span>\n\n'
    )


def test_backticks_inside_pre_in_html_stay_text():
    body = '<div class="x">\n<pre><code>```terminal\n\n```</code></pre>\n</div>\n\n```\ncode\n```\n'
    assert converted("jekyll", body) == body.replace("\n\n```<", "\n<!-- -->\n```<")


def test_hugo_html_is_left_as_goldmark_read_it():
    body = '<span class="pic">\n![B](/assets/b.png)\n</span>\n'
    assert converted("hugo", body) == body.replace("/assets/b.png", "../assets/assets/b.png")


# -- Plugin and theme tags -----------------------------------------------------------------------


def test_jekyll_plugin_and_theme_tags():
    body = converted(
        "jekyll",
        '{% include_cached image.html src="/assets/a.png" alt="Cached" %}\n\n'
        '{% figure caption:"The B, 99.9% sure" %}\n![B](/assets/b.png)\n{% endfigure %}\n\n'
        "{% notice warning %}\n**Note:** careful.\n{% endnotice %}\n\n"
        '{% include figure image_path="/assets/a.png" alt="A" caption="Theme figure" %}\n\n'
        "Mind the gap.\n{: .notice--warning}\n\n"
        '<div class="notice--info" markdown="1">\n**Tip:** read on.\n</div>\n\n'
        "{% capture aside %}\nCaptured *text*.\n{% endcapture %}\n"
        '<div class="notice">{{ aside | markdownify }}</div>\n\n'
        "* TOC\n{:toc}\n\n![C](/assets/a.png){: .align-center}\n\n"
        "[Buy][shop]{:.btn} {::comment}a note to self{:/comment}\n"
        "| a | {::nomarkdown}<ul><li>b</li></ul>{:/} |\n\n"
        "{% blockquote Rose Smith, Her Book http://example.org/book %}\nLife.\n{% endblockquote %}\n",
    )
    assert body == (
        "```{image} ../assets/assets/a.png\n:alt: Cached\n```\n\n"
        "```{figure} ../assets/assets/b.png\n:alt: B\n\nThe B, 99.9% sure\n```\n\n"
        "```{warning}\n**Note:** careful.\n```\n\n"
        "```{figure} ../assets/assets/a.png\n:alt: A\n\nTheme figure\n```\n\n"
        "```{warning}\nMind the gap.\n```\n\n"
        "```{note}\n**Tip:** read on.\n```\n\n"
        "```{note}\nCaptured *text*.\n```\n\n"
        "```{contents}\n:local:\n```\n\n![C](../assets/assets/a.png)\n\n"
        "[Buy][shop] \n| a | <ul><li>b</li></ul> |\n\n"
        "> Life.\n>\n> — Rose Smith, [Her Book](http://example.org/book)\n"
    )


def test_kramdown_heading_ids_become_myst_anchors():
    body = "See [mixer](#mixer).\n\n### Eraser {#eraser}\n\n## Color Mixer {#mixer}\n"
    result = convert(body, "jekyll", context())
    assert result.body == "See [mixer](#color-mixer).\n\n### Eraser\n\n## Color Mixer\n"
    assert [(p.line, p.message.split(" (")[0]) for p in result.problems] == [
        (14, "heading id {#mixer} left out: the heading's anchor is 'color-mixer'")
    ]


def test_hugo_theme_figure_and_blockquote_keep_image_and_attribution():
    body = converted(
        "hugo",
        '{{< figure img="/assets/a.png" caption="Cap" >}}\n\n'
        '{{< blockquote author="Rose" source="Letters" >}}\nQuoted.\n{{< /blockquote >}}\n',
    )
    assert body == (
        "```{figure} ../assets/assets/a.png\n:alt: Cap\n\nCap\n```\n\n"
        "> Quoted.\n>\n> — Rose, Letters\n"
    )


def test_pelican_table_of_contents_marker():
    assert converted("pelican", "[TOC]\n\n## A\n") == "```{contents}\n:local:\n```\n\n## A\n"


def test_an_unknown_tag_stays_readable_and_is_reported():
    result = convert("{% gallery %}\nKept.\n{% endgallery %}\n", "jekyll", context())
    assert "Kept." in result.body and "{% gallery %}" in result.body
    assert [p.line for p in result.problems] == [10, 12]


# -- What the reader sees ------------------------------------------------------------------------


def jekyll_blog(root: Path) -> Path:
    return write_files(root, {
        "_config.yml": "title: Old blog\n",
        "_posts/2020-01-05-code.md": (
            "---\ntitle: Code\n---\n\nFirst:<br>{% highlight python %}\nx = 1\n"
            "{% endhighlight %} <br>\n## After the code\n\nA paragraph.\n\n"
            "<ol>\n<li>Step\n{% highlight c# %}\nvar y = 2;\n{% endhighlight %}\n</li>\n</ol>\n\n"
            '<div markdown="1">\n![A picture](/assets/pic.png)\n</div>\n\n'
            "Careful.\n{: .notice--danger}\n\n{% highlight terminal %}\n$ ls\n{% endhighlight %}\n"
        ),
        "assets/pic.png": PNG,
    })  # fmt: skip


def test_jekyll_code_and_html_build_as_the_blog_showed_them(tmp_path, build_root):
    archive = copy_root("empty", tmp_path / "archive")
    run_import(jekyll_blog(tmp_path / "jekyll"), archive)
    app = build_root(srcdir=archive)
    assert warning_lines(app) == []
    page = article(Path(app.outdir), "posts/2020/2020-01-05-code")
    code = [pre.get_text() for pre in page.select("pre")]
    assert code == ["x = 1\n", "var y = 2;\n", "$ ls\n"]
    assert page.select_one("div.highlight-c\\#") is not None
    heading = page.find("h2")
    assert heading.get_text(strip=True).rstrip("¶") == "After the code"
    assert heading.find_parent("pre") is None and "A paragraph." in page.get_text()
    assert page.select_one("li div.highlight pre") is not None  # the code stays in its step
    assert page.select_one("img[alt='A picture']") is not None
    assert "![" not in page.get_text()
    assert page.select_one(".admonition.danger").get_text(strip=True).endswith("Careful.")


@pytest.mark.parametrize("kind", ["jekyll", "pelican"])
def test_no_fence_is_left_open(kind):
    body = "<div>\n<br>\n```\ncode\n```\n</div>\n\n## Then\n"
    result = convert(body, kind, context())
    assert result.body == "<div>\n<br>\n\n```\ncode\n```\n\n</div>\n\n## Then\n"


# -- Titles and dates as written -----------------------------------------------------------------


def test_titles_dates_and_ids_as_the_author_wrote_them(tmp_path, build_root):
    archive = copy_root("empty", tmp_path / "archive", {
        "posts/2020/rose.md": "---\ntitle: \"Rose's \\\"garden\\\" -- why\"\ndate: 2020-01-01\n---\n\nBody.\n",
        "posts/2020/code.md": "---\ntitle: Using `foo()` *now*\ndate: 2020-01-02\n---\n\nBody.\n",
        "posts/2020/quote.md": '---\ntitle: "An unclosed quote\ndate: 2020-01-03\n---\n\nBody.\n',
        "posts/2019/leap.md": "---\ntitle: Leap\ndate: 2019-02-29\n---\n\nBody.\n",
        "posts/2019/dash.md": "---\ntitle: Dash\ndate: 2019-12-01-19:48\n---\n\nBody.\n",
        "posts/2020/intro.md": (
            "---\ntitle: Intro\ndate: 2020-01-04\n---\n\n## Intro\n\nText[^intro].\n\n[^intro]: A note.\n"
            "\n```{index} Intro\n```\n"  # a directive, not Pelican's {index} link
        ),
    })  # fmt: skip
    app = build_root(srcdir=archive, confoverrides={"myst_heading_anchors": 3})
    warnings = warning_lines(app)
    assert [w.split("WARNING: ")[1] for w in warnings] == [
        "'2019-02-29' is past the end of its month; dated 2019-03-01, the day Jekyll published "
        "it [postarchive.field]",
        "front matter field 'title' is not valid YAML (found unexpected end of stream); read as "
        "the text of its line: 'An unclosed quote' [postarchive.frontmatter]",
    ]
    out = Path(app.outdir)
    rose = read_html(out, "posts/2020/rose")
    assert rose.select_one("article h1").get_text().rstrip("¶") == 'Rose\'s "garden" -- why'
    assert rose.title.get_text().startswith('Rose\'s "garden" -- why')
    listed = [a.get_text() for a in article(out, "index").select("a")]
    assert 'Rose\'s "garden" -- why' in listed
    assert 'Rose\'s \\"garden\\" -- why' in (out / "searchindex.js").read_text(encoding="utf-8")
    code = read_html(out, "posts/2020/code").select_one("article h1")
    assert code.select_one("code").get_text() == "foo()"
    assert code.get_text().rstrip("¶") == "Using foo() *now*"
    assert article(out, "posts/2020/quote").h1.get_text().rstrip("¶") == "An unclosed quote"
    dates = {doc: article(out, f"posts/2019/{doc}").select_one(".postarchive-date").get_text()
             for doc in ("leap", "dash")}  # fmt: skip
    assert dates == {"leap": "March 1, 2019", "dash": "December 1, 2019"}


def test_import_writes_the_day_jekyll_published_and_the_title_yaml_refused(tmp_path):
    source = write_files(tmp_path / "jekyll", {
        "_config.yml": "title: Old blog\n",
        "_posts/2019-02-29-leap.md": '---\ntitle: "Leap day\ndate: 2019-02-29 10:00\n---\n\nBody.\n',
    })  # fmt: skip
    archive = copy_root("empty", tmp_path / "archive")
    result = run_import(source, archive)
    written = (archive / "posts/2019/2019-03-01-leap.md").read_text(encoding="utf-8")
    assert "title: Leap day\ndate: 2019-03-01 10:00\n" in written
    assert result.output.count("past the end of its month") == 1
    assert "read as the text of its line" in result.output


# -- Images and links ----------------------------------------------------------------------------


def test_pelican_images_and_links_reach_the_archive(tmp_path, build_root):
    source = write_files(tmp_path / "pelican", {
        "pelicanconf.py": "AUTHOR = 'Rose'\nPATH = 'content'\n",
        "content/post.md": (
            "Title: Pictures\nDate: 2016-01-02 10:20\nTags: python, blog\nAuthor: Rose\n\n"
            "![A [linked](https://example.org) alt]({static}/images/p.png)\n\n"
            '![Spaced]({static}/images/my pic.png "Mine")\n\n![By reference][16]\n\n'
            '<a href="{static}/images/big.png"><img src="{static}/images/p.png" alt="a > b"></a>\n\n'
            "More on [Python]({tag}python), [the blog]({category}blog) and [its author]({author}rose).\n\n"
            "![Gone]({static}/images/gone.png)\n\n[16]: {static}/images/p.png\n"
        ),
        "content/images/p.png": PNG,
        "content/images/big.png": PNG,
        "content/images/my pic.png": PNG,
    })  # fmt: skip
    archive = copy_root("empty", tmp_path / "archive")
    result = run_import(source, archive)
    assert result.output.count("gone.png") == 1 and "content/post.md:16" in result.output
    app = build_root(srcdir=archive)
    assert [w for w in warning_lines(app) if "gone.png" not in w] == []
    out = Path(app.outdir)
    page = article(out, "posts/2016/2016-01-02-pictures")
    shown = {img["alt"]: img["src"] for img in page.select("img")}
    assert set(shown) == {"A linked alt", "Spaced", "By reference", "a > b"}
    assert all((out / "posts/2016" / src).is_file() for src in shown.values())
    assert page.select_one("a.image-reference")["href"].endswith("big.png")
    links = {a.get_text(): a["href"] for a in page.select("p a")}
    assert links["Python"] == "../../archive/tags/python.html"
    assert links["the blog"] == "../../archive/tags/blog.html"
    assert links["its author"] == "../../index.html"


def test_hugo_escaped_shortcodes_show_as_hugo_showed_them():
    body = converted(
        "hugo",
        'Write `{{</* ref "x.md" */>}}`:\n\n```go-html-template\n{{%/* note */%}}\n```\n\n'
        'Then {{< ref "first.md" >}}.\n',
    )
    assert body == (
        'Write `{{< ref "x.md" >}}`:\n\n```go-html-template\n{{% note %}}\n```\n\n'
        "Then [](/posts/2016/2016-01-01-first.md).\n"
    )


def test_liquid_raw_text_is_shown_as_written():
    body = converted(
        "jekyll",
        "Use {% raw %}{{ site.url }}{% endraw %} and {% raw %}{% include x.html %}{% endraw %}.\n\n"
        "```liquid\n{% raw %}{% highlight ruby %}{% endraw %}\n```\n",
    )
    assert body == (
        "Use {{ site.url }} and {% include x.html %}.\n\n```liquid\n{% highlight ruby %}\n```\n"
    )


def test_an_html_block_with_blank_lines_stays_html_and_its_template_tags_are_reported():
    body = (
        '<div class="grid">\n  {% for p in site.projects %}\n    <div class="card">\n'
        "      <h3>{{ p.title }}</h3>\n\n      <p>{{ p.text }}</p>\n    </div>\n  {% endfor %}\n</div>\n"
    )
    result = convert(body, "jekyll", context())
    # The loop, which only the old site could fill, is shown as written in a marked literal
    # (HTML: Markdown is not read inside the block), its blank line kept.
    loop = body.removeprefix('<div class="grid">\n  ').removesuffix("\n</div>\n")
    literal = escape(loop).replace("\n", "&#10;")
    assert result.body == (
        '<div class="grid">\n  <pre class="postarchive-template" '
        f'title="Made by the template of the old site">{literal}</pre>\n</div>\n'
    )
    assert [(p.line, p.message.split(" needs")[0]) for p in result.problems] == [
        (11, "{% for %} block")
    ]
