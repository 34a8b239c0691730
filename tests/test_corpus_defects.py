"""Defects the corpus of real blogs still showed after the conversion work (issue 13, round 2),
each reproduced by a few lines of our own: Hugo params, image titles in single quotes, footnotes
never defined, links to anchors of raw HTML, code blocks named by a file, Eleventy's and
Pelican's plugin tags, headings that skip a level."""

from __future__ import annotations

from pathlib import Path

import pytest

from postarchive.importing.convert import convert
from tests.conftest import (
    article,
    copy_root,
    links_by_text,
    sphinx_build,
    warning_lines,
    write_files,
)
from tests.test_convert import context
from tests.test_import import PNG, run_import
from tests.test_init import init


@pytest.fixture
def archive(tmp_path) -> Path:
    return copy_root("empty", tmp_path / "archive")


def only_post(archive: Path) -> str:
    [post] = (archive / "posts").rglob("*.md")
    return post.read_text(encoding="utf-8")


def test_hugo_param_shows_the_posts_field_then_the_sites(tmp_path, archive):
    # opentelemetry.io: {{% param title %}} in the text and {{% param x %}} inside link targets.
    source = write_files(tmp_path / "hugo", {
        "hugo.toml": '[params]\neventUrl = "https://events.example.org/"\n',
        "content/posts/kubecon.md": (
            "---\ntitle: KubeCon Europe\ndate: 2024-03-01\n"
            "canonical_url: https://medium.example/kubecon\n---\n\n"
            "Meet us at {{% param title %}}: [register]({{% param eventURL %}}register/).\n\n"
            "Docsy's own form: {{% _param title %}}. Unknown: {{% param nowhere %}}.\n\n"
            "First [posted there].\n\n[posted there]: <{{% param canonical_url %}}>\n"
        ),
    })  # fmt: skip
    result = run_import(source, archive)
    text = only_post(archive)
    assert "Meet us at KubeCon Europe: [register](https://events.example.org/register/)." in text
    assert "Docsy's own form: KubeCon Europe." in text
    assert "{{% param nowhere %}}" in text  # kept, visible, and reported at its line
    assert "[posted there]: <https://medium.example/kubecon>" in text
    assert "content/posts/kubecon.md:9: Hugo param 'nowhere'" in " ".join(result.output.split())


def test_an_image_titled_in_single_quotes_comes_along(tmp_path, archive):
    # opentelemetry.io: ![alt](pic.png 'Title') in a page bundle was neither copied nor reported.
    source = write_files(tmp_path / "hugo", {
        "hugo.toml": "",
        "content/posts/demo/index.md": (
            "---\ntitle: Demo\ndate: 2022-12-12\n---\n\n"
            "![The demo](demo.png 'The demo running')\n\n![Gone](gone.png (Missing))\n"
        ),
        "content/posts/demo/demo.png": PNG,
    })  # fmt: skip
    result = run_import(source, archive)
    text = only_post(archive)
    copied = [p for p in (archive / "posts/assets").rglob("demo.png")]
    assert len(copied) == 1 and copied[0].read_bytes() == PNG
    assert "demo.png 'The demo running')" in text and "](demo.png" not in text
    assert "content/posts/demo/index.md:8: image 'gone.png' not found" in result.output


def test_a_picture_whose_alt_text_holds_a_link_is_brought_along():
    # v8.dev: ![[WebAssembly demo](https://...)](/_img/x.jpg)
    result = convert("![[A demo](https://demo.example/)](/assets/a.png)\n", "eleventy", context())
    assert result.body == "![[A demo](https://demo.example/)](../assets/assets/a.png)\n"


def test_eleventy_plugin_tags_with_a_clear_meaning_are_converted():
    # zachleat.com's shortcodes.
    body = (
        '{% comment %}/web/img/old.svg{% endcomment %}Thanks, [{% indieAvatar "https://ana.example/" %}'
        'Ana](https://ana.example/).\n\n'
        '{% renderTemplate "webc" %}<div><youtube-lite-player @slug="9OiF8Hd6Db0" '
        ':@label="$data.title"></youtube-lite-player></div>{%- endrenderTemplate %}\n\n'
        '{% originalPostEmbed "https://old.example.org/web/rocket/" %}\n\n'
        "{% originalPostEmbed external_url %}\n\n"
        '{% callout "tip" %}\nUse the **cache**.\n{% endcallout %}\n\n'
        '{% renderTemplate "webc" %}<my-widget></my-widget>{% endrenderTemplate %}\n'
    )  # fmt: skip
    result = convert(body, "eleventy", context(params={"external_url": "https://b.example/x/"}))
    assert result.body == (
        "Thanks, [Ana](https://ana.example/).\n\n"
        "[YouTube video (9OiF8Hd6Db0)](https://www.youtube.com/watch?v=9OiF8Hd6Db0)\n\n"
        "Originally published at <https://old.example.org/web/rocket/>\n\n"
        "Originally published at <https://b.example/x/>\n\n"
        "```{tip}\nUse the **cache**.\n```\n\n"
        "<my-widget></my-widget>\n"
    )
    assert [(p.line, p.message.split(":")[0]) for p in result.problems] == [
        (22, "{% renderTemplate %}")
    ]


def test_a_pelican_notebook_is_a_note_linking_the_notebook(tmp_path, archive, build_root):
    # jakevdp.github.io: {% notebook downloads/notebooks/x.ipynb cells[1:] %}
    notebook = '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n'
    source = write_files(tmp_path / "pelican", {
        "pelicanconf.py": "PATH = 'content'\nSTATIC_PATHS = ['downloads']\n",
        "content/sparse.md": (
            "Title: Sparse graphs\nDate: 2012-11-26\n\nIntro.\n\n"
            "{% notebook downloads/notebooks/sparse.ipynb cells[2:] %}\n"
        ),
        "content/downloads/notebooks/sparse.ipynb": notebook,
    })  # fmt: skip
    result = run_import(source, archive)
    assert "content/sparse.md:6: notebook downloads/notebooks/sparse.ipynb" in result.output
    app = build_root(srcdir=archive)
    assert warning_lines(app) == []
    page = article(Path(app.outdir), "posts/2012/2012-11-26-sparse-graphs")
    note = page.select_one(".admonition.note")
    assert "showed the notebook sparse.ipynb here" in note.get_text()
    href = note.select_one("a")["href"]
    linked = (Path(app.outdir) / "posts/2012" / href).resolve()
    assert linked.name == "sparse.ipynb" and linked.read_text(encoding="utf-8") == notebook


def test_footnotes_anchors_and_code_names_build_without_warnings(tmp_path, archive, build_root):
    # benbalter: [^4] never defined; letsencrypt: [1](#1) to <a name="1">; ajs-blog: ```app.py,
    # ```dns, ```log.
    source = write_files(tmp_path / "jekyll", {
        "_config.yml": "title: Notes\n",
        "_posts/2010-10-10-cloud.md": (
            "---\ntitle: Cloud\n---\n\n"
            "Our private sphere.[^4] Defined.[^1] See note [1](#1).\n\n"
            "```app.py\nprint('hi')\n```\n\n"
            "```dns\nexample.org. IN A 192.0.2.1\n```\n\n"
            "```log\n2024-01-01 started\n```\n\n"
            '<a name="1"></a>1. The first note.\n\n'
            "[^1]: The one footnote written.\n"
        ),
    })  # fmt: skip
    result = run_import(source, archive)
    assert "_posts/2010-10-10-cloud.md:5: footnote [^4] is never defined" in result.output
    app = build_root(srcdir=archive)
    assert warning_lines(app) == []
    page = article(Path(app.outdir), "posts/2010/2010-10-10-cloud")
    assert "Our private sphere.[^4] Defined." in page.get_text()
    assert page.select_one("a[href='#1']").get_text() == "1"
    assert len(page.select("aside.footnote, .footnote-list .footnote, dl.footnote > dt")) >= 1
    blocks = page.select("div[class*='highlight-']")
    assert [b.pre.get_text() for b in blocks] == [
        "print('hi')\n",
        "example.org. IN A 192.0.2.1\n",
        "2024-01-01 started\n",
    ]
    assert "highlight-python" in blocks[0]["class"]
    assert "highlight-text" in blocks[1]["class"] and "highlight-text" in blocks[2]["class"]


def test_an_archive_made_by_init_takes_headings_that_skip_a_level(tmp_path):
    # fullstackpython, ajs-blog: "## Part" then "#### Detail", which every engine showed.
    folder = tmp_path / "archive"
    assert init(folder).exit_code == 0
    write_files(folder, {
        "posts/2020/skip.md": (
            "---\ntitle: Skip\ndate: 2020-01-01\n---\n\n## Part\n\n#### Detail\n\nText.\n"
        ),
    })  # fmt: skip
    app = sphinx_build(folder)
    assert warning_lines(app) == []
    page = article(Path(app.outdir), "posts/2020/skip")
    headings = [h.get_text(strip=True).rstrip("¶") for h in page.select("h2, h3, h4")]
    assert headings == ["Part", "Detail"]  # both shown, as written


def test_a_captured_text_given_to_a_themes_callout_include_is_a_note():
    # benbalter.com: the theme's callout.html (not in the blog) shows a captured text.
    body = (
        "{% capture update %}\nRead [the newer post](https://a.example/new/) instead.\n"
        "{% endcapture %}\n{% assign update = update | markdownify %}\n"
        "{% include callout.html content=update %}\n\nText.\n"
    )
    result = convert(body, "jekyll", context())
    assert result.problems == []
    assert result.body == (
        "```{note}\nRead [the newer post](https://a.example/new/) instead.\n```\n\nText.\n"
    )


def test_pelican_include_code_reads_the_code_folder_of_the_settings(tmp_path, archive):
    # jakevdp.github.io: CODE_DIR = 'downloads/code'.
    source = write_files(tmp_path / "pelican", {
        "pelicanconf.py": "PATH = 'content'\nCODE_DIR = 'downloads/code'\n",
        "content/anim.md": (
            "Title: Animation\nDate: 2012-08-18\n\n"
            "{% include_code basic_animation.py lang:python Basic Animation %}\n\n"
            "{% include_code ../../../../secret.py lang:python %}\n"
        ),
        "content/downloads/code/basic_animation.py": "import matplotlib\n",
    })  # fmt: skip
    write_files(tmp_path, {"secret.py": "outside the blog\n"})
    result = run_import(source, archive)
    text = only_post(archive)
    assert "```python\nimport matplotlib\n```" in text
    assert "{% include_code ../../../../secret.py lang:python %}" in text  # outside: kept
    assert "content/anim.md:6: template tag {% include_code %}" in " ".join(result.output.split())


@pytest.mark.parametrize(
    "data",
    [
        ("metadata.json", '{"title": "V8", "url": "https://v8.example.org/"}\n'),
        ("site.json", '{\n\t"name": "V8",\n\t"url": "https://v8.example.org/"\n}\n'),  # tabs
    ],
)
def test_an_eleventy_link_to_a_page_not_imported_leads_to_the_old_site(tmp_path, archive, data):
    # v8.dev: [release process](/docs/release-process), its docs left out of the import;
    # zachleat.com's address is in a site.json indented with tabs.
    name, text = data
    source = write_files(tmp_path / "eleventy", {
        ".eleventy.js": 'module.exports = () => ({ dir: { input: "src" } });\n',
        f"src/_data/{name}": text,
        "src/blog/release.md": (
            "---\ntitle: Release\ndate: 2019-05-01\ntags: [post]\n---\n\n"
            "See the [release process](/docs/release-process).\n"
        ),
    })  # fmt: skip
    run_import(source, archive)
    assert "[release process](https://v8.example.org/docs/release-process)" in only_post(archive)


def test_jekyll_tabs_are_shown_one_after_the_other_under_their_labels():
    # scala-lang.org: the same build set up with sbt, Mill or Maven.
    body = (
        "Add it:\n\n{% tabs build-tools %}\n{% tab 'sbt' %}\n```scala\nlibraryDependencies += x\n```\n"
        "{% endtab %}\n{% tab 'Mill' %}\nIn `build.sc`.\n{% endtab %}\n{% endtabs %}\n\nDone.\n"
    )
    result = convert(body, "jekyll", context())
    assert result.problems == []
    assert result.body == (
        "Add it:\n\n**sbt**\n\n```scala\nlibraryDependencies += x\n```\n\n"
        "**Mill**\n\nIn `build.sc`.\n\nDone.\n"
    )


def test_an_eleventy_signup_box_keeps_its_title_and_text():
    # mxb.dev: {% signup "By the way..." %} text {% endsignup %}; its form has no archive form.
    body = '{% signup "By the way..." %}\nI run an email list.\n{% endsignup %}\n'
    result = convert(body, "eleventy", context())
    assert result.body == "```{admonition} By the way...\nI run an email list.\n```\n"


def test_eleventy_highlights_in_list_items_and_after_html_stay_code():
    # zachleat.com: {% highlight "bash" %} after a list item's text (tab-indented), and inside
    # a web component's HTML.
    body = (
        "1. Install:\n"
        '\t* Use the plugin {% highlight "bash" %}npm install x --save-dev{% endhighlight %}\n'
        "\t* Then this.\n\n"
        '<div><squirm-inal autoplay>\n{% highlight "js" %}\nclass A {}\n{% endhighlight %}\n'
        "</squirm-inal></div>\n"
    )
    result = convert(body, "eleventy", context())
    assert result.body == (
        "1. Install:\n\t* Use the plugin\n\t  ```bash\n\t  npm install x --save-dev\n\t  ```\n"
        "\t* Then this.\n\n"
        "<div><squirm-inal autoplay>\n\n```js\nclass A {}\n```\n</squirm-inal></div>\n"
    )


# -- Round 3: no template syntax left in the prose ------------------------------------------------


def post_page(archive: Path, app) -> tuple[str, object]:
    """The one post's Markdown and its built article."""
    [post] = (archive / "posts").rglob("*.md")
    docname = post.relative_to(archive).with_suffix("").as_posix()
    return post.read_text(encoding="utf-8"), article(Path(app.outdir), docname)


def test_an_eleventy_loop_over_a_data_file_beside_the_post_shows_its_pictures(
    tmp_path, archive, build_root
):
    # mxb.dev: {% for src in posters %} over the bundle's directory data file posters.json.
    source = write_files(tmp_path / "eleventy", {
        ".eleventy.js": 'module.exports = () => ({ dir: { input: "src" } });\n',
        "src/posts/posts.json": '{"tags": ["post"]}\n',
        "src/posts/gigposters/gigposters.json": '{"posters": ["rage.png", "burst.png"]}\n',
        "src/posts/gigposters/2015-01-03-index.md": (
            "---\ntitle: Gig posters\ndate: 2015-01-03\n---\n\nA few of my own:\n\n"
            '{% for src in posters %}\n<figure>\n    <img src="{{ src }}" alt="">\n</figure>\n'
            "{% endfor %}\n"
        ),
        "src/posts/gigposters/rage.png": PNG,
        "src/posts/gigposters/burst.png": PNG,
    })  # fmt: skip
    result = run_import(source, archive)
    assert "Problems" not in result.output
    assert "template computed from the page's data" in result.output
    app = build_root(srcdir=archive)
    assert warning_lines(app) == []
    text, page = post_page(archive, app)
    assert "{%" not in text and "{{" not in text
    shown = [Path(img["src"]).name for img in page.select("img")]
    assert [name.split(".")[0] for name in shown] == ["rage", "burst"]
    for img in page.select("img"):  # each picture brought beside the page
        assert (Path(app.outdir) / "posts/2015" / img["src"]).resolve().is_file()


def test_site_wide_liquid_is_computed_from_the_blogs_posts_or_kept_marked(
    tmp_path, archive, build_root
):
    # made-mistakes: {{ site.posts.size }}, a loop over site.categories.paperfaces, a date of
    # the page; and what needs data the archive does not have (site.data, a plugin's tag).
    posts = {
        f"_posts/2014-0{n}-01-face-{n}.md": (
            f"---\ntitle: Face {n}\ncategories: [paperfaces]\n---\n\nA face.\n"
        )
        for n in (1, 2, 3)
    }
    source = write_files(tmp_path / "jekyll", {
        "_config.yml": "title: Mistakes\nurl: https://mistakes.example\n",
        **posts,
        "_posts/2014-11-28-review.md": (
            "---\ntitle: Review\n---\n\n"
            "One of {{ site.posts.size }} posts, written {{ page.date | date: '%B %d, %Y' }}.\n\n"
            "The latest faces:\n\n"
            "{% for post in site.categories.paperfaces limit:2 %}\n"
            "* [{{ post.title }}]({{ post.url }})\n{% endfor %}\n\n"
            "Projects:\n\n{% for p in site.data.projects %}\n* {{ p.name }}\n{% endfor %}\n\n"
            "Seen {% counter views %} times. Total: {{ site.data.total }}.\n\n"
            "{% assign faces = site.categories.paperfaces %}Faces: {{ faces | size }}.\n"
        ),
    })  # fmt: skip
    result = run_import(source, archive)
    report = " ".join(result.output.split())
    review = next((archive / "posts").rglob("*review.md")).read_text(encoding="utf-8")
    assert "One of 4 posts, written November 28, 2014." in review
    assert "\nFaces: 3.\n" in review
    assert "{% for post in site.categories" not in review
    assert "_posts/2014-11-28-review.md:15: {% for %} block needs data" in report
    assert "_posts/2014-11-28-review.md:19: template tag {% counter %} has no MyST form" in report
    assert "_posts/2014-11-28-review.md:19: template output '{{ site.data.total }}'" in report
    app = build_root(srcdir=archive)
    assert warning_lines(app) == []
    page = article(Path(app.outdir), "posts/2014/2014-11-28-review")
    latest = next(p for p in page.select("p") if p.get_text() == "The latest faces:")
    links = [(a.get_text(), a["href"]) for a in latest.find_next("ul").select("a")]
    assert links == [("Face 3", "2014-03-01-face-3.html"), ("Face 2", "2014-02-01-face-2.html")]
    # What only the old site had: shown as written, marked, never as raw syntax in the prose.
    note = page.select_one(".admonition.postarchive-template")
    assert note.select_one(".admonition-title").get_text() == "Made by the template of the old site"
    assert (
        note.pre.get_text() == "{% for p in site.data.projects %}\n* {{ p.name }}\n{% endfor %}\n"
    )
    inline = [code.get_text() for code in page.select("p code")]
    assert inline == ["{% counter views %}", "{{ site.data.total }}"]
    for literal in page.select("pre, code"):
        literal.decompose()
    assert "{%" not in page.get_text() and "{{" not in page.get_text()


def test_eleventy_icons_show_their_text_or_name_counted_once(tmp_path, archive, build_root):
    # zachleat.com: {% icon "fas:check", attrs.supported %} in table cells (the alt text is in
    # the front matter), {% icon "fas:trophy" %} in a sentence.
    source = write_files(tmp_path / "eleventy", {
        "eleventy.config.js": "export default function (config) {}\n",
        "_posts/2025-07-23-dates.md": (
            "---\ntitle: Dates\ntags: [post]\nattrs:\n  supported:\n    alt: Supported\n"
            "  unsupported:\n    alt: Unsupported\n---\n\n"
            "Down to `3:56` {% icon \"fas:trophy\" %} (fast).\n\n"
            "<table>\n<tr><td>ISO</td><td>{% icon \"fas:check\", attrs.supported %}</td>"
            "<td>{% icon \"fas:circle-xmark\", attrs.unsupported %}{% icon \"far:face-surprise\" %}"
            "</td></tr>\n</table>\n"
        ),
    })  # fmt: skip
    result = run_import(source, archive)
    assert "Problems" not in result.output  # counted once for the blog, not one by one
    assert "4 icon shown as its text or name" in " ".join(result.output.split())
    app = build_root(srcdir=archive)
    assert warning_lines(app) == []
    _text, page = post_page(archive, app)
    assert "Down to 3:56 (trophy icon) (fast)." in page.get_text()
    cells = [td.get_text() for td in page.select("td")]
    assert cells == ["ISO", "Supported", "Unsupported (face surprise icon)"]


def test_a_share_highlight_is_a_quote_and_a_highlight_with_a_language_is_code():
    # mxb.dev: eleventy-plugin-share-highlight's {% highlight %} (no language) is a passage the
    # reader may share; Eleventy's syntax highlighter always names one.
    body = (
        "{% highlight %}The web is getting slower.{% endhighlight %}\n\n"
        "As I said, {% highlight %}less is more{% endhighlight %} here.\n\n"
        '{% highlight "js" %}\nlet a = 1;\n{% endhighlight %}\n'
    )
    result = convert(body, "eleventy", context())
    assert result.problems == []
    assert result.body == (
        "> The web is getting slower.\n\nAs I said, less is more here.\n\n```js\nlet a = 1;\n```\n"
    )


def test_unknown_hugo_shortcodes_are_kept_marked_and_reported(tmp_path, archive, build_root):
    # letsencrypt.org: {{< plotly >}} (a chart the theme's script drew); opentelemetry.io:
    # {{< blog/integration-badge >}} inside a sentence.
    source = write_files(tmp_path / "hugo", {
        "hugo.toml": "",
        "content/posts/stats.md": (
            "---\ntitle: Stats\ndate: 2019-01-01\n---\n\nGrowth:\n\n"
            '{{< plotly json="/stats/growth.json" height="400px" >}}\n\n'
            "Built in {{< blog/integration-badge >}} by the vendor.\n\n"
            "```go-html-template\n{{< plotly >}}\n```\n"
        ),
    })  # fmt: skip
    result = run_import(source, archive)
    report = " ".join(result.output.split())
    assert "content/posts/stats.md:8: Hugo shortcode {{< plotly >}} has no MyST form" in report
    assert "content/posts/stats.md:10: Hugo shortcode {{< blog >}} has no MyST form" in report
    app = build_root(srcdir=archive)
    assert warning_lines(app) == []
    text, page = post_page(archive, app)
    assert "```go-html-template\n{{< plotly >}}\n```" in text  # the author's code untouched
    note = page.select_one(".admonition.postarchive-template")
    assert note.pre.get_text() == '{{< plotly json="/stats/growth.json" height="400px" >}}\n'
    assert page.select_one("p code").get_text() == "{{< blog/integration-badge >}}"


def test_jekyll_links_the_archive_can_still_make(tmp_path, archive):
    # scala-lang.org: [teach]: {% link teach.md %} to a page not imported; benbalter.com:
    # {% github_edit_link “Add it” %} (curly quotes) and a loop over the page's own hash.
    source = write_files(tmp_path / "jekyll", {
        "_config.yml": "url: https://blog.example\nrepository: ana/blog\npermalink: pretty\n",
        "teach.md": "---\ntitle: Teach\n---\n\nTeaching.\n",
        "_posts/2015-11-12-why-urls.md": (
            "---\ntitle: Why URLs\ndescription: Each page [has an address](#why).\n---\n\nText.\n"
        ),
        "_posts/2020-09-12-ten-years.md": (
            "---\ntitle: Ten years\nposts:\n  Why URLs: /2015/11/12/why-urls/\n"
            "reads: [/2015/11/12/why-urls/]\n---\n\n"
            "See [how we teach][teach]. Missing? {% github_edit_link “Add it” %}.\n\n"
            "{% for post in page.posts %}\n* [{{ post[0] }}]({{ post[1] | absolute_url }})\n"
            "{% endfor %}\n\n{% for url in page.reads %}\n"
            '{%- assign post=site.posts | where:"url",url | first -%}\n\n'
            "* [{{ post.title }}]({{ post.url | absolute_url }}) —"
            " {{ post.description | markdownify | strip_html }}\n{% endfor %}\n\n"
            "[teach]: {% link teach.md %}\n"
        ),
    })  # fmt: skip
    result = run_import(source, archive)
    assert "Problems" not in result.output
    text = next((archive / "posts").rglob("*ten-years.md")).read_text(encoding="utf-8")
    assert "[teach]: https://blog.example/teach/" in text  # pages too are "pretty"
    edit = "https://github.com/ana/blog/edit/HEAD/_posts/2020-09-12-ten-years.md"
    assert f"Missing? [Add it](<{edit}>)." in text
    # From the page's own hash, then from its list of addresses looked up among the posts (its
    # description made HTML then text, as on the old site: no link to the other post's anchor).
    assert "* [Why URLs](/posts/2015/2015-11-12-why-urls.md)\n" in text
    assert "* [Why URLs](/posts/2015/2015-11-12-why-urls.md) — Each page has an address.\n" in text


def test_template_in_a_link_address_or_an_html_attribute_is_not_shown_raw(tmp_path):
    # zachleat.com: [the Kickstarter]({{ ba_kickstarter_url }}), a value="{{ x }}" attribute.
    body = (
        "Back [the Kickstarter]({{ kickstarter_url }}) now.\n\n"
        '<meter value="{{ fundraising.value }}" max="100"></meter>\n'
    )
    result = convert(body, "eleventy", context())
    assert result.body == (
        "Back the Kickstarter (`{{ kickstarter_url }}`) now.\n\n"
        '<meter value="{{ fundraising.value }}" max="100"></meter>\n'
    )
    assert [p.line for p in result.problems] == [10, 12]


def test_eleventy_slides_are_the_pictures_of_the_slides_the_blog_has():
    # zachleat.com: {% slides slides.dir, "1-3", slides.alt %}, slides.dir in the front matter;
    # slide 2 is not in the blog (the site skipped it too).
    have = {"/talk/001.jpeg", "/talk/003.jpeg"}
    data = {"slides": {"dir": "/talk/", "alt": {"3": "Thanks [and bye]"}}}
    body = 'The talk:\n\n{% slides slides.dir, "1-3", slides.alt %}\n'
    bring = lambda url, _rel: "../assets" + url if url in have else None  # noqa: E731
    result = convert(body, "eleventy", context(data=data, bring_asset=bring))
    assert result.problems == []
    assert result.body == (
        "The talk:\n\n![Slide 1](../assets/talk/001.jpeg)\n\n"
        "![Thanks \\[and bye\\]](../assets/talk/003.jpeg)\n"
    )


def test_the_corpus_counts_code_blocks_as_markdown_it_reads_them():
    # made-mistakes, zachleat.com: a fence shown inside a 4-backtick fence, a {% highlight %}
    # shown inside a fence; mxb.dev: {% highlight %} without a language is not code.
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(
        "corpus_run", Path(__file__).parents[1] / "corpus/run.py"
    )
    assert spec is not None and spec.loader is not None
    run = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = run  # its dataclasses look their module up
    spec.loader.exec_module(run)
    source = (
        "---\ntitle: Code\n---\n\n````md\n```js\nlet a;\n```\n````\n\n"
        "```liquid\n{% highlight ruby %}\nx\n{% endhighlight %}\n```\n\n"
        "{% highlight ruby %}\nputs 1\n{% endhighlight %}\n\n"
        "{% highlight %}A passage to share.{% endhighlight %}\n\n"
        "{% raw %}{% highlight js %}{% endraw %}\n"
    )
    assert run.code_blocks_in_source(source) == 3
    assert run.shown_by_author("{% raw %}*In the {{ webmentions }} variable.*{% endraw %}") == {
        "{{ webmentions }}"
    }


def test_a_template_that_would_not_end_is_kept_not_run_for_ever():
    # The import runs a post's Liquid: a loop of ten million stops at python-liquid's limit.
    body = "{% for i in (1..10000000) %}\nx\n{% endfor %}\n"
    result = convert(body, "jekyll", context(data={"page": {"title": "T"}}))
    assert "```text\n{% for i in (1..10000000) %}\nx\n{% endfor %}\n```" in result.body
    assert [p.line for p in result.problems] == [10]


def test_code_that_does_not_lex_in_its_named_language_is_highlighted_without_a_warning(
    build_root,
):
    # ajs-blog: HCL with a single-quoted string, JSON indented with no-break spaces; Chroma
    # showed both highlighted. An unnamed block is still shown plain where it does not lex.
    hcl = "token = 'terraform-prov@pve!mytoken'\nsecret = \"x\"\n"
    json = '{\n\xa0\xa0"username": "api@pve"\n}\n'
    app = build_root("empty", files={
        "posts/2022/terraform.md": (
            "---\ntitle: Terraform\ndate: 2022-05-22\n---\n\n"
            f"```hcl\n{hcl}```\n\n```json\n{json}```\n"
        ),
    })  # fmt: skip
    assert warning_lines(app) == []
    page = article(Path(app.outdir), "posts/2022/terraform")
    blocks = page.select("div[class*='highlight-']")
    assert [b.pre.get_text() for b in blocks] == [hcl, json]  # as written
    assert "highlight-hcl" in blocks[0]["class"] and "highlight-json" in blocks[1]["class"]
    # Highlighted: the parts Pygments reads are coloured, the one it cannot is marked.
    assert blocks[0].select_one("span.na") is not None and blocks[0].select_one("span.s2")
    assert blocks[0].select_one("span.err") is not None
    assert blocks[1].select_one("span.nt") is not None


def test_posts_sharing_a_slug_under_dated_addresses_build_without_warnings(
    tmp_path, archive, build_root
):
    # thewagner.net, scala-lang.org, letsencrypt.org: "Advent of Code" every December, each at
    # its own dated address on the old blog.
    source = write_files(tmp_path / "jekyll", {
        "_config.yml": "title: Notes\npermalink: /blog/:year/:month/:day/:title/\n",
        "_posts/2020-12-25-advent-of-code.md": "---\ntitle: Advent of Code 2020\n---\n\nIn Clojure.\n",
        "_posts/2021-12-25-advent-of-code.md": (
            "---\ntitle: Advent of Code 2021\n---\n\n"
            "Like [last year]({% post_url 2020-12-25-advent-of-code %}).\n"
        ),
        "_posts/2022-01-02-recap.md": (
            "---\ntitle: Recap\n---\n\nSee [the puzzles]({% post_url 2021-12-25-advent-of-code %}).\n"
        ),
    })  # fmt: skip
    run_import(source, archive)
    app = build_root(srcdir=archive)
    assert warning_lines(app) == []
    out = Path(app.outdir)
    recap = article(out, "posts/2022/2022-01-02-recap")
    assert recap.select_one("a.reference")["href"] == "../2021/2021-12-25-advent-of-code.html"
    later = article(out, "posts/2021/2021-12-25-advent-of-code")
    assert later.select_one("a.reference")["href"] == "../2020/2020-12-25-advent-of-code.html"
    for year in (2020, 2021):  # each old address leads to its own post
        old = (out / f"blog/{year}/12/25/advent-of-code/index.html").read_text("utf-8")
        assert f"{year}-12-25-advent-of-code.html" in old


def test_posts_sharing_a_slug_with_nothing_else_to_tell_them_apart_are_reported(build_root):
    app = build_root("empty", files={
        "posts/2016/a.md": "---\ntitle: One\ndate: 2016-02-10\nslug: same\n---\n\nOne.\n",
        "posts/2016/b.md": (
            "---\ntitle: Two\ndate: 2016-02-11\nslug: same\npermalink: /same/\n---\n\nTwo.\n"
        ),
    })  # fmt: skip
    assert [line.split("WARNING: ")[1] for line in warning_lines(app)] == [
        "slug 'same' is also the slug of posts/2016/a.md [postarchive.slug]"
    ]


def test_links_to_other_posts_headings_by_their_old_ids_lead_to_the_archives_anchors(
    tmp_path, build_root
):
    # made-mistakes: kramdown's {#ink-pen}; zachleat.com: an id in HTML inside the heading and
    # markdown-it-anchor's "1.-webc"; v8.dev: "async%2Fawait".
    source = write_files(tmp_path / "jekyll", {
        "_config.yml": "title: Paper\npermalink: /blog/:year/:month/:day/:title/\n",
        "_posts/2013-07-31-tool-guide.md": (
            "---\ntitle: Tool guide\n---\n\n## The tools\n\n### Ink pen (Write) {#ink-pen}\n\n"
            "Ink.\n\n## <span id=\"font-face\">Unceremonious @font-face</span>\n\nFonts.\n\n"
            "## 1. WebC\n\nWeb.\n\n## async/await\n\nLater.\n\n"
            "Back to [the pen](#ink-pen).\n"
        ),
        "_posts/2014-01-13-contour.md": (
            "---\ntitle: Contour\n---\n\n"
            "Use the [ink pen]({% post_url 2013-07-31-tool-guide %}#ink-pen), "
            "[the fonts](/blog/2013/07/31/tool-guide/#font-face), [WebC][w], "
            "[await](/blog/2013/07/31/tool-guide/#async%2Fawait) "
            "and [a part it never had]({% post_url 2013-07-31-tool-guide %}#eraser).\n\n"
            "`[code](/blog/2013/07/31/tool-guide/#ink-pen)`\n\n"
            "[w]: /blog/2013/07/31/tool-guide/#1.-webc\n"
        ),
    })  # fmt: skip
    archive = tmp_path / "archive"
    assert init(archive).exit_code == 0  # its conf.py gives headings anchors
    result = run_import(source, archive)
    assert "link to a heading by its old id" in result.output
    said = " ".join(result.output.split())
    assert (
        "_posts/2014-01-13-contour.md:5: link to #eraser: _posts/2013-07-31-tool-guide.md has "
        "no heading or id of that name; kept as written" in said
    )
    assert said.count("has no heading or id") == 1
    text = (archive / "posts/2014/2014-01-13-contour.md").read_text("utf-8")
    guide = "/posts/2013/2013-07-31-tool-guide.md"
    assert f"[ink pen]({guide}#ink-pen-write)" in text
    assert f"[the fonts]({guide}#unceremonious-font-face)" in text
    assert f"[await]({guide}#asyncawait)" in text
    assert f"[w]: {guide}#1-webc" in text
    assert f"[a part it never had]({guide}#eraser)" in text  # no such heading: as written
    assert "`[code](/blog/2013/07/31/tool-guide/#ink-pen)`" in text  # code: as written
    app = build_root(srcdir=archive)
    # Only the link to a heading the post never had is left, for the author to see.
    assert [line.split("WARNING: ")[1] for line in warning_lines(app)] == [
        "local id not found in doc 'posts/2013/2013-07-31-tool-guide': 'eraser' [myst.xref_missing]"
    ]
    page = article(Path(app.outdir), "posts/2014/2014-01-13-contour")
    links = {a.get_text(): a["href"] for a in page.select("a.reference")}
    target = "../2013/2013-07-31-tool-guide.html"
    assert links["ink pen"] == f"{target}#ink-pen-write"
    assert links["the fonts"] == f"{target}#unceremonious-font-face"
    assert links["WebC"] == f"{target}#webc"
    guide_page = article(Path(app.outdir), "posts/2013/2013-07-31-tool-guide")
    assert guide_page.select_one("#ink-pen-write") is not None
    assert guide_page.select_one("#webc") is not None
    assert links_by_text(guide_page)["the pen"] == "#ink-pen-write"


def test_code_indented_deeper_than_nesting_allows_is_shown_as_written(build_root):
    # zachleat.com: a build file indented 28 spaces in a list item's code block; v8.dev: an
    # ASCII diagram in <pre>. Their indentation is the author's, not nesting to flatten.
    xml = "".join(" " * (4 * depth) + f"<level{depth}>\n" for depth in range(8))
    indented = "".join(f"        {line}\n" for line in xml.splitlines())
    diagram = "<pre>\n" + " " * 24 + "|--- 32 bits ---|\n</pre>\n"
    app = build_root("empty", files={
        "posts/2007/phing.md": (
            "---\ntitle: Phing\ndate: 2007-08-11\n---\n\n"
            f"1.  A build file:\n\n{indented}\n2.  Run it.\n\n{diagram}"
        ),
    })  # fmt: skip
    assert warning_lines(app) == []
    page = article(Path(app.outdir), "posts/2007/phing")
    assert page.select_one("li pre").get_text() == xml
    assert " " * 24 + "|--- 32 bits ---|" in page.select("pre")[-1].get_text()


def test_links_to_ids_of_raw_html_lead_there_from_the_page_and_from_others(build_root):
    # zachleat.com: <h4 id="id-srcset-widthheight"> in a post's HTML, linked from the post and
    # from others; jakevdp: <a name="...">; made-mistakes: "##### Deployment" of another post.
    settings = {"myst_heading_anchors": 3, "suppress_warnings": ["myst.header"]}  # as init
    app = build_root("empty", confoverrides=settings, files={
        "posts/2021/images.md": (
            "---\ntitle: Images\ndate: 2021-01-30\n---\n\n"
            "Jump to [**srcset**](#srcset) or [the note](#note-1).\n\n"
            '<div class="demo">\n  <h4 id="srcset">Using srcset</h4>\n</div>\n\n'
            'Text <a name="note-1"></a>with a note.\n\n## Build\n\n##### Deployment\n\nRsync.\n'
        ),
        "posts/2021/later.md": (
            "---\ntitle: Later\ndate: 2021-02-01\n---\n\n"
            "As [shown before](/posts/2021/images.md#srcset); [nowhere](/posts/2021/images.md#gone).\n"
            "[Deployed](/posts/2021/images.md#deployment) as before.\n"
        ),
    })  # fmt: skip
    assert [line.split("WARNING: ")[1] for line in warning_lines(app)] == [
        "local id not found in doc 'posts/2021/images': 'gone' [myst.xref_missing]"
    ]
    out = Path(app.outdir)
    page = article(out, "posts/2021/images")
    assert page.select_one("#srcset").get_text() == "Using srcset"
    assert links_by_text(page, "a[href]")["srcset"] == "#srcset"
    assert links_by_text(page, "a[href]")["the note"] == "#note-1"
    later = links_by_text(article(out, "posts/2021/later"))
    assert later["shown before"] == "images.html#srcset"
    # A heading deeper than myst_heading_anchors (3 in init's conf.py) is named as well.
    assert later["Deployed"] == "images.html#deployment"
    assert "Deployment" in page.select_one("section#deployment").get_text()


def test_a_link_reference_defined_twice_is_reported_by_the_import(tmp_path, archive):
    # ajs-blog: [6]: given to two posts; scala-lang.org: [pants] and [Pants], the same address.
    source = write_files(tmp_path / "jekyll", {
        "_config.yml": "title: Lab\n",
        "_posts/2022-05-22-terraform.md": (
            "---\ntitle: Terraform\n---\n\nSee [Portainer][6] and [Pants][pants], to deploy[^1]:\n\n"
            "```\n[6]: in code, not a definition\n```\n\n"
            "[6]: https://a.example/portainer/\n[pants]: https://pants.example/\n"
            "[6]: https://a.example/proxmox/\n[Pants]: https://pants.example/\n\n"
            "[^polyfill]: A footnote never referred to (made-mistakes).\n"
            "[^1]: One referred to before a colon (opentelemetry.io).\n\n"
            "The [source code]() is here; `[code]()` is not a link; ![a picture]().\n"
        ),
    })  # fmt: skip
    result = run_import(source, archive)
    said = " ".join(result.output.split())
    assert "_posts/2022-05-22-terraform.md:16: footnote [^polyfill] is never referred to" in said
    assert "_posts/2022-05-22-terraform.md:19: link [source code]() has no address" in said
    assert said.count("is never referred to") == 1
    assert said.count("() has no address") == 1
    assert (
        "_posts/2022-05-22-terraform.md:13: link reference [6] is defined again (first at line "
        "11, to 'https://a.example/portainer/'); links use the first" in said
    )
    assert "_posts/2022-05-22-terraform.md:14: link reference [Pants] is defined again " in said
    assert "terraform.md:9:" not in said
    assert "[6]: https://a.example/proxmox/\n[Pants]: https://pants.example/\n" in only_post(
        archive
    )


def test_a_hugo_alias_without_a_leading_slash_is_beside_its_page(tmp_path, archive, build_root):
    # opentelemetry.io: aliases: [gc-elections-2022] on /blog/2022/gc-elections/.
    source = write_files(tmp_path / "hugo", {
        "hugo.toml": "",
        "content/blog/2022/gc-elections.md": (
            "---\ntitle: Elections\ndate: 2022-09-15\naliases: [gc-elections-2022, /old/]\n---\n\n"
            "Vote.\n"
        ),
    })  # fmt: skip
    run_import(source, archive)
    assert "aliases:\n- /blog/2022/gc-elections-2022\n- /old/\n" in only_post(archive)
    app = build_root(srcdir=archive)
    assert warning_lines(app) == []
    out = Path(app.outdir)
    for old in ("blog/2022/gc-elections-2022", "old", "blog/2022/gc-elections"):
        assert "2022-09-15-elections.html" in (out / old / "index.html").read_text("utf-8")


def test_a_hugo_link_to_a_page_left_out_is_not_taken_for_a_post_of_the_same_name(tmp_path, archive):
    # opentelemetry.io: [docs](/docs/collector/#when-to-use) went to the post
    # blog/2021/collector/; Goldmark's {#id} after a heading stayed in its text.
    source = write_files(tmp_path / "hugo", {
        "hugo.toml": 'baseURL = "https://otel.example/"\n',
        "content/docs/collector/_index.md": "---\ntitle: Collector\n---\n\n## When to use\n",
        "content/posts/2021/collector/index.md": (
            "---\ntitle: Collector stable\ndate: 2021-09-22\n---\n\n### Stable at last {#stable}\n"
        ),
        "content/posts/2024/antipatterns.md": (
            "---\ntitle: Antipatterns\ndate: 2024-03-01\n---\n\n"
            "The [docs](/docs/collector/#when-to-use) and [the news](/posts/2021/collector/#stable).\n"
        ),
    })  # fmt: skip
    run_import(source, archive)
    text = (archive / "posts/2024/2024-03-01-antipatterns.md").read_text("utf-8")
    assert "[docs](https://otel.example/docs/collector/#when-to-use)" in text
    assert "[the news](/posts/2021/2021-09-22-collector-stable.md#stable-at-last)" in text
    stable = (archive / "posts/2021/2021-09-22-collector-stable.md").read_text("utf-8")
    assert "### Stable at last\n" in stable


def test_eleventy_heading_attributes_and_links_to_pages_left_out(tmp_path, archive):
    # v8.dev: "## Major GC { #major-gc }" (markdown-it-attrs) linked from other posts, and
    # [an explanation](/features/bigint#operators) to an explainer not imported, which went to
    # the post blog/bigint.md.
    source = write_files(tmp_path / "eleventy", {
        ".eleventy.js": (
            "module.exports = (config) => {\n"
            "  config.addCollection('posts', (c) => c.getFilteredByGlob('src/blog/*.md'));\n"
            '  return { dir: { input: "src" } };\n};\n'
        ),
        "src/_data/site.json": '{"url": "https://v8.example.org/"}\n',
        "src/features/bigint.md": "---\ntitle: BigInt\n---\n\n## Operators\n",
        "src/blog/trash-talk.md": (
            "---\ntitle: Trash talk\ndate: 2019-01-03\ntags: [post]\n---\n\n"
            "## Major GC (Full Mark-Compact) { #major-gc }\n\nMarking.\n"
        ),
        "src/blog/bigint.md": (
            "---\ntitle: Adding BigInts\ndate: 2018-05-02\ntags: [post]\n---\n\n"
            "There is [an explanation](/features/bigint#operators), and [the GC](/blog/trash-talk/#major-gc).\n"
        ),
    })  # fmt: skip
    run_import(source, archive)
    trash = (archive / "posts/2019/2019-01-03-trash-talk.md").read_text("utf-8")
    assert "## Major GC (Full Mark-Compact)\n" in trash
    assert not (archive / "posts/undated").exists()  # the explainer is no post
    text = (archive / "posts/2018/2018-05-02-adding-bigints.md").read_text("utf-8")
    assert "[an explanation](https://v8.example.org/features/bigint#operators)" in text
    assert "[the GC](/posts/2019/2019-01-03-trash-talk.md#major-gc-full-mark-compact)" in text


def test_a_jekyll_date_the_archive_cannot_read_is_the_date_of_the_files_name(
    tmp_path, archive, build_root
):
    # scala-lang.org: date: 11-9-2017 in _posts/2017-09-11-scalafix-v0.5.md.
    source = write_files(tmp_path / "jekyll", {
        "_config.yml": "title: Scala\n",
        "_posts/2017-09-11-scalafix.md": "---\ntitle: Scalafix\ndate: 11-9-2017\n---\n\nOut.\n",
    })  # fmt: skip
    result = run_import(source, archive)
    said = " ".join(result.output.split())
    assert "_posts/2017-09-11-scalafix.md:3: cannot read '11-9-2017' as a date" in said
    assert "dated 2017-09-11, the date of the file's name" in said
    post = archive / "posts/2017/2017-09-11-scalafix.md"
    assert "date: '2017-09-11'" in post.read_text("utf-8")
    app = build_root(srcdir=archive)
    assert warning_lines(app) == []


def test_links_to_addresses_programs_open_are_links(build_root):
    # v8.dev: chrome://flags/#enable-webassembly; thedigitalcat: about:preferences#privacy.
    app = build_root("empty", files={
        "posts/2016/wasm.md": (
            "---\ntitle: Wasm\ndate: 2016-10-31\n---\n\n"
            "Turn on [the flag](chrome://flags/#enable-webassembly), see "
            "[privacy](about:preferences#privacy); [not this](javascript:alert(1)).\n"
        ),
    })  # fmt: skip
    assert warning_lines(app) == []
    links = links_by_text(article(Path(app.outdir), "posts/2016/wasm"), "a[href]")
    assert links["the flag"] == "chrome://flags/#enable-webassembly"
    assert links["privacy"] == "about:preferences#privacy"
    assert not [href for href in links.values() if href.startswith("javascript")]


def test_jekyll_relative_url_is_from_the_sites_root():
    # made-mistakes: [feed]({{ 'atom.xml' | relative_url }}) on a page not at the root.
    body = (
        "- Atom: [{{ 'atom.xml' | relative_url }}]({{ 'atom.xml' | relative_url }})\n"
        "- [Home]({{ 'https://mademistakes.example/' | absolute_url }})\n"
    )
    result = convert(body, "jekyll", context())
    assert result.body == (
        "- Atom: [/atom.xml](https://old.example.org/atom.xml)\n"
        "- [Home](https://mademistakes.example/)\n"
    )


def test_a_relative_link_is_read_from_the_posts_old_address(tmp_path, archive):
    # opentelemetry.io: [Japan](../kubecon-japan/) in blog/2025/kubecon-china.md, with posts
    # named kubecon-japan.md in 2025 and 2026.
    post = "---\ntitle: {title}\ndate: {date}\n---\n\n{text}\n"
    source = write_files(tmp_path / "hugo", {
        "hugo.toml": "",
        "content/blog/2025/kubecon-china.md": post.format(
            title="China", date="2025-05-22", text="Then [Japan](../kubecon-japan/)."
        ),
        "content/blog/2025/kubecon-japan.md": post.format(
            title="Japan 2025", date="2025-05-29", text="Tokyo."
        ),
        "content/blog/2026/kubecon-japan.md": post.format(
            title="Japan 2026", date="2026-07-23", text="Again."
        ),
    })  # fmt: skip
    run_import(source, archive)
    text = (archive / "posts/2025/2025-05-22-china.md").read_text("utf-8")
    assert "Then [Japan](/posts/2025/2025-05-29-japan-2025.md)." in text


def test_a_pages_relative_links_lead_to_the_archives_page_or_the_old_site(tmp_path, archive):
    # scala-lang.org: community.md (/community/) links ../conduct.html, a page imported, and
    # ../ambassadors/, a page left out.
    source = write_files(tmp_path / "jekyll", {
        "_config.yml": "title: Scala\nurl: https://scala.example.org\n",
        "community.md": (
            "---\ntitle: Community\nlayout: page\npermalink: /community/\n---\n\n"
            "Read the [code of conduct](../conduct.html#rules); meet the "
            "[ambassadors](../ambassadors/). The [API spec](/docs/specs/api/#tracer) is "
            "not the API page.\n"
        ),
        # opentelemetry.io: its /api/ page is no page /docs/specs/api/ names.
        "api.md": "---\ntitle: API\nlayout: page\npermalink: /api/\n---\n\nThe API.\n",
        "conduct.md": (
            "---\ntitle: Code of conduct\nlayout: page\npermalink: /conduct.html\n---\n\n"
            "## Rules\n\nBe kind.\n"
        ),
        "_posts/2020-01-01-hello.md": "---\ntitle: Hello\n---\n\nHi.\n",
        # Its address is the import's guess: no link to the old site is made from a guess.
        "about.md": "---\ntitle: About\nlayout: page\n---\n\nMeet [the team](../team.html).\n",
    })  # fmt: skip
    run_import(source, archive)
    assert "[the team](../team.html)" in (archive / "pages/about.md").read_text("utf-8")
    text = (archive / "pages/community.md").read_text("utf-8")
    assert "[code of conduct](/pages/conduct.md#rules)" in text
    assert "[ambassadors](https://scala.example.org/ambassadors/)" in text
    assert "[API spec](https://scala.example.org/docs/specs/api/#tracer)" in text


def test_link_addresses_no_browser_follows_are_reported(tmp_path, archive):
    # fullstackpython: [Twilio](www.twilio.com/referral/x), [4](localhost:5000/4/),
    # [repo](git@github.com:x/y.git); zachleat.com: [amp.dev](amp.dev); scala-lang:
    # Xhttps://. Broken on the blogs too: kept, and each reported with its line.
    source = write_files(tmp_path / "pelican", {
        "pelicanconf.py": "PATH = 'content'\n",
        "content/sms.md": (
            "Title: SMS\nDate: 2016-05-11\n\n"
            "Sign up at [Twilio](www.twilio.com/referral/w9pugq), open [4](localhost:5000/4/).\n\n"
            "Clone [the repo](git@github.com:kv/wtforms-alchemy.git), see [amp.dev](amp.dev)\n"
            "and [the code](Xhttps://github.com/x). Fine: [Flask](https://flask.example/), "
            "[flags](chrome://flags), `[code](www.in-code.com)`.\n"
        ),
    })  # fmt: skip
    result = run_import(source, archive)
    said = " ".join(result.output.split())
    for line, address in [
        (4, "www.twilio.com/referral/w9pugq"),
        (4, "localhost:5000/4/"),
        (6, "git@github.com:kv/wtforms-alchemy.git"),
        (6, "amp.dev"),
        (7, "Xhttps://github.com/x"),
    ]:
        assert f"content/sms.md:{line}: link address '{address}'" in said
    assert said.count("link address") == 5
    assert "[Twilio](www.twilio.com/referral/w9pugq)" in only_post(archive)  # as written


def test_pictures_a_site_serves_from_a_folder_its_build_copies_are_found(tmp_path, build_root):
    # fullstackpython: its Makefile copies static/ to the site's root, so "/img/x/a.png" is
    # static/img/x/a.png; 599 of its pictures were reported missing although they exist.
    from tests.test_import import article, output, run_import

    source = write_files(tmp_path / "site", {
        "settings.py": "SITENAME = 'Guide'\n",
        "content/posts/first.markdown": (
            "title: First\ndate: 2016-05-09\n\n"
            "![The desktop](/img/160509-gunicorn/desktop.png)\n\n"
            '<img src="/img/160509-gunicorn/run.png" alt="Running">\n\n'
            "![Elsewhere](/img/other-post/desktop.png)\n"
        ),
        "static/img/160509-gunicorn/desktop.png": PNG,
        "static/img/160509-gunicorn/run.png": PNG,
        "static/img/unrelated/desktop.png": PNG,  # same name, another folder: never taken
    })  # fmt: skip
    archive = copy_root("empty", tmp_path / "archive")
    result = run_import(source, archive, "--kind", "pelican")
    assert "160509-gunicorn/desktop.png' not found" not in result.output
    assert "other-post/desktop.png" in result.output  # reported: no such folder has it
    text = (archive / "posts/2016/2016-05-09-first.md").read_text(encoding="utf-8")
    assert "assets/static/img/160509-gunicorn/desktop.png)" in text
    assert "assets/static/img/160509-gunicorn/run.png" in text
    out, _ = output(build_root(srcdir=archive))
    page = article(out, "posts/2016/2016-05-09-first")
    assert {img.get("alt") for img in page.select("img")} >= {"The desktop", "Running"}


def _one_post_imported(tmp_path: Path, name: str, text: str) -> tuple[Path, str]:
    """A Jekyll blog of one post, ``_posts/<name>``, imported into an archive `init` made: the
    archive and the import's report on one line."""
    source = write_files(
        tmp_path / "jekyll", {"_config.yml": "title: Notes\n", f"_posts/{name}": text}
    )
    archive = tmp_path / "archive"
    assert init(archive).exit_code == 0
    return archive, " ".join(run_import(source, archive).output.split())


def test_a_link_to_an_id_shown_only_in_a_code_sample_is_reported(tmp_path):
    # mxb: "[end of this post](#webmentions)", an id its theme adds; the post shows
    # <ol id="webmentions"> only in a code sample, which is no anchor of the page.
    _archive, said = _one_post_imported(tmp_path, "2019-01-10-mentions.md", (
        "---\ntitle: Mentions\n---\n\n```html\n<ol id=\"webmentions\"></ol>\n```\n\n"
        "See the [end of this post](#webmentions).\n"
    ))  # fmt: skip
    assert (
        "_posts/2019-01-10-mentions.md:9: link to #webmentions: this post has no heading or id "
        "of that name; kept as written" in said
    )


def test_a_relative_link_to_a_page_nobody_imported_is_reported(tmp_path):
    # fullstackpython's change log: "[future direction](../future-directions.html)", from a
    # page whose old address the import does not know: the build cannot follow it either.
    archive, said = _one_post_imported(tmp_path, "2019-01-10-log.md", (
        "---\ntitle: Log\n---\n\nAdded a [future direction](../future-directions.html) "
        "section.\n"
    ))  # fmt: skip
    assert (
        "_posts/2019-01-10-log.md:5: link to '../future-directions.html' names no page "
        "imported; kept" in said
    )
    text = (archive / "posts/2019/2019-01-10-log.md").read_text("utf-8")
    assert "[future direction](../future-directions.html)" in text  # as written


def test_a_picture_linked_out_of_the_blog_or_to_nothing_is_not_taken(tmp_path):
    # A symbolic link in the blog's pictures to a file outside it (or to nothing) stopped the
    # import when a root path was looked for among the site's pictures.
    outside = write_files(tmp_path / "outside", {"secret.png": PNG})
    source = write_files(tmp_path / "jekyll", {
        "_config.yml": "title: Notes\n",
        "_posts/2019-01-10-pics.md": (
            "---\ntitle: Pics\n---\n\n![leak](/img/a/leak.png)\n\n![gone](/img/a/gone.png)\n"
        ),
    })  # fmt: skip
    (source / "assets/img/a").mkdir(parents=True)
    (source / "assets/img/a/leak.png").symlink_to(outside / "secret.png")
    (source / "assets/img/a/gone.png").symlink_to(tmp_path / "nowhere.png")
    archive = tmp_path / "archive"
    assert init(archive).exit_code == 0
    result = run_import(source, archive)
    assert "/img/a/leak.png" in result.output and "/img/a/gone.png" in result.output  # reported
    assert not list(archive.rglob("secret.png")) and not list(archive.rglob("leak.png"))


def test_a_value_assigned_twice_shows_each_where_the_old_site_showed_it(tmp_path):
    # Liquid runs top to bottom: an output sees the assigns above it, not one further down.
    archive, _said = _one_post_imported(tmp_path, "2019-01-10-values.md", (
        "---\ntitle: Values\n---\n\n{% assign n = \"first\" %}\nValue one: {{ n }}\n\n"
        "{% assign n = \"second\" %}\nValue two: {{ n }}\n"
    ))  # fmt: skip
    text = (archive / "posts/2019/2019-01-10-values.md").read_text("utf-8")
    body = text.split("---\n", 2)[2]
    assert "Value one: first" in body and "Value two: second" in body
    assert "{%" not in body and "{{" not in body


def test_a_kept_template_in_a_table_row_keeps_the_row_whole(tmp_path, build_root):
    # "| {{ site.foo | upcase }} | x |": the "|" of a filter split the row, and the author's
    # "x" was dropped.
    archive, _said = _one_post_imported(tmp_path, "2019-01-10-table.md", (
        "---\ntitle: Table\n---\n\n| What | Note |\n|---|---|\n"
        "| {{ site.data.foo | upcase }} | x |\n\nAfter: `a | b` {{ site.data.bar | size }}.\n"
    ))  # fmt: skip
    app = build_root(srcdir=archive)
    page = article(Path(app.outdir), "posts/2019/2019-01-10-table")
    cells = [td.get_text() for td in page.select("table td")]
    assert cells == ["{{ site.data.foo | upcase }}", "x"]
    # Outside a table no "|" is escaped: the literal shows the template as written.
    shown = [code.get_text() for code in page.select("p code")]
    assert "{{ site.data.bar | size }}" in shown and "a | b" in shown
