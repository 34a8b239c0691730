"""Importing blogs as real ones are laid out: Eleventy's renamed passthrough copies and input
folder, includes, Hugo's leaf bundles and series, line numbers, old addresses from each blog's
configuration, and Pelican's translations."""

from __future__ import annotations

from pathlib import Path

import pytest

from postarchive.importing.sites import detect
from tests.conftest import copy_root, links_by_text, write_files
from tests.test_import import PNG, article, output, run_import


@pytest.fixture
def archive(tmp_path) -> Path:
    """An archive with no posts yet, to import into."""
    return copy_root("empty", tmp_path / "archive")


def front(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n")[1]


def test_eleventy_renamed_passthrough_copies_input_folder_and_includes(
    tmp_path, archive, build_root
):
    source = write_files(tmp_path / "eleventy", {
        ".eleventy.js": (
            "module.exports = function (eleventyConfig) {\n"
            '  eleventyConfig.addPassthroughCopy({ images: "_images" });\n'
            '  eleventyConfig.addPassthroughCopy({"src/img": "img"});\n'
            '  eleventyConfig.addPassthroughCopy("static");\n'
            '  return { dir: { input: "input", includes: "_includes" } };\n};\n'
        ),
        "input/posts/photos.md": (
            "---\ntitle: Photos\ndate: 2021-03-04\n---\n\n"
            "![Renamed](/_images/a.png)\n\n![Nested](/img/b.png)\n\n![Plain](/static/c.png)\n\n"
            '{% include "partials/note.md" %}\n\n{% include ../_includes/partials/cards.md %}\n\n'
            "{% include ../../../secret.md %}\n"
        ),
        "input/_includes/partials/note.md": "A note from the includes.\n",
        "input/_includes/partials/cards.md": "Cards to live by.\n",
        "images/a.png": PNG,
        "src/img/b.png": PNG,
        "static/c.png": PNG,
    })  # fmt: skip
    write_files(tmp_path, {"secret.md": "Outside the source tree.\n"})
    result = run_import(source, archive)
    assert "input/posts/photos.md:16: " in result.output  # the include out of the tree, kept
    post = (archive / "posts/2021/2021-03-04-photos.md").read_text(encoding="utf-8")
    assert "Outside the source tree." not in post and "{% include ../../../secret.md %}" in post
    out, warnings = output(build_root(srcdir=archive))
    assert warnings == []
    page = article(out, "posts/2021/2021-03-04-photos")
    assert sorted(img["src"].rsplit("/", 1)[-1] for img in page.select("img")) == [
        "a.png",
        "b.png",
        "c.png",
    ]
    assert "A note from the includes." in page.get_text()
    assert "Cards to live by." in page.get_text()


def test_eleventy_passthrough_folders_are_read(tmp_path):
    source = write_files(tmp_path / "eleventy", {
        "eleventy.config.js": (
            'module.exports = (c) => { c.addPassthroughCopy("src/fonts");\n'
            '  c.addPassthroughCopy({ "assets/pics": "/" }); c.addPassthroughCopy("**/*.jpg");\n'
            '  return { dir: { input: "src" } }; };\n'
        ),
        "src/post.md": "---\ntitle: P\n---\nP.\n",
    })  # fmt: skip
    site = detect(source)
    assert site.url_folders == {"/fonts/": source / "src/fonts", "/": source / "assets/pics"}
    assert site.include_folders == [source / "src/_includes"]


def test_hugo_leaf_bundle_resources_are_not_posts(tmp_path, archive, build_root):
    source = write_files(tmp_path / "hugo", {
        "hugo.toml": 'baseURL = "https://old.example.com/"\n',
        "content/post/x/index.md": (
            "---\ntitle: X\ndate: 2020-01-01\n---\n\nThe post, with its ![pic](pic.png).\n"
        ),
        "content/post/x/mentions.md": "---\ntitle: Mentions\n---\nA resource.\n",
        "content/post/x/trimmed_content/public_interface.md": "# Public interface\n",
        "content/post/x/pic.png": PNG,
        "content/post/y.md": "---\ntitle: Y\ndate: 2020-01-02\n---\n\nAnother post.\n",
    })  # fmt: skip
    run_import(source, archive)
    assert sorted(p.name for p in (archive / "posts").rglob("*.md")) == [
        "2020-01-01-x.md",
        "2020-01-02-y.md",
    ]
    out, warnings = output(build_root(srcdir=archive))
    assert warnings == []
    assert article(out, "posts/2020/2020-01-01-x").select("img")


def test_problems_name_the_file_line(tmp_path, archive):
    hugo = write_files(tmp_path / "hugo", {
        "hugo.toml": "",
        "content/posts/a.md": "---\ntitle: A\ndate: 2020-01-01\n---\n\nText.\n\n{{< instagram x >}}\n",
    })  # fmt: skip
    assert (
        "content/posts/a.md:8: Hugo shortcode {{< instagram >}}" in run_import(hugo, archive).output
    )
    pelican = write_files(tmp_path / "pelican", {
        "pelicanconf.py": "PATH = 'content'\n",
        "content/b.md": "Title: B\nDate: 2020-01-02\n\nText.\n\n![Gone]({static}/nothing.png)\n",
    })  # fmt: skip
    assert "content/b.md:6: " in run_import(pelican, archive).output


def test_jekyll_old_addresses_from_the_configuration(tmp_path, archive, build_root):
    source = write_files(tmp_path / "jekyll", {
        "_config.yml": "url: https://old.example.com\nbaseurl: /blog\npermalink: pretty\n",
        "_posts/2016-11-05-first.md": (
            "---\ntitle: First\ncategories: [Events, Talks]\n---\n\n"
            "Then [the recap](/2016/11/06/recap/).\n"
        ),
        "_posts/2016-11-06-recap.md": "---\ntitle: Recap\n---\n\nBack to [first](/events/talks/2016/11/05/first/).\n",
        "_posts/2016-11-07-own.md": "---\ntitle: Own\npermalink: /own-address/\n---\n\nMine.\n",
        "_drafts/later.md": "---\ntitle: Later\n---\n\nNever published.\n",
    })  # fmt: skip
    assert detect(source).base_url == "https://old.example.com/blog"
    run_import(source, archive)
    posts = archive / "posts/2016"
    assert "permalink: /events/talks/2016/11/05/first/" in front(posts / "2016-11-05-first.md")
    assert "permalink: /own-address/" in front(posts / "2016-11-07-own.md")
    assert "permalink" not in front(archive / "posts/undated/later.md")
    out, warnings = output(build_root(srcdir=archive))
    assert warnings == []
    assert (out / "events/talks/2016/11/05/first/index.html").is_file()  # redirects
    assert (out / "2016/11/06/recap/index.html").is_file()
    assert (out / "own-address/index.html").is_file()
    first = article(out, "posts/2016/2016-11-05-first")
    assert links_by_text(first)["the recap"] == ("2016-11-06-recap.html")
    recap = article(out, "posts/2016/2016-11-06-recap")
    assert links_by_text(recap)["first"] == ("2016-11-05-first.html")


def test_jekyll_default_date_style(tmp_path, archive):
    source = write_files(tmp_path / "jekyll", {
        "_config.yml": "title: Blog\n",
        "_posts/2016-11-05-first.md": "---\ntitle: First\ncategory: Events\n---\n\nOne.\n",
    })  # fmt: skip
    run_import(source, archive)
    post = archive / "posts/2016/2016-11-05-first.md"
    assert "permalink: /events/2016/11/05/first.html" in front(post)


def test_pelican_old_addresses_from_the_configuration(tmp_path, archive, build_root):
    source = write_files(tmp_path / "pelican", {
        "pelicanconf.py": (
            "PATH = 'content'\nSITEURL = ''\n"
            "ARTICLE_URL = 'posts/{date:%Y}/{date:%m}/{category}/{slug}/'\n"
        ),
        "publishconf.py": "from pelicanconf import *\nSITEURL = 'https://old.example.org'\n",
        "content/first.md": "Title: First Article\nDate: 2016-01-02\nCategory: Big News\n\nOne.\n",
        "content/notes/second.md": (
            "Title: Second\nDate: 2016-02-03\nSlug: two\n\nSee [first](/posts/2016/01/big-news/first-article/).\n"
        ),
    })  # fmt: skip
    assert detect(source).base_url == "https://old.example.org"
    run_import(source, archive)
    first = archive / "posts/2016/2016-01-02-first-article.md"
    assert "permalink: /posts/2016/01/big-news/first-article/" in front(first)
    second = archive / "posts/2016/2016-02-03-two.md"
    assert "permalink: /posts/2016/02/notes/two/" in front(second)  # the folder is the category
    out, warnings = output(build_root(srcdir=archive))
    assert warnings == []
    assert (out / "posts/2016/01/big-news/first-article/index.html").is_file()
    page = article(out, "posts/2016/2016-02-03-two")
    assert links_by_text(page)["first"] == ("2016-01-02-first-article.html")


def test_hugo_old_addresses_and_series(tmp_path, archive, build_root):
    source = write_files(tmp_path / "hugo", {
        "hugo.toml": (
            'baseURL = "https://old.example.com/"\n[taxonomies]\ntag = "tags"\nseries = "series"\n'
            '[permalinks]\nposts = "/:year/:month/:title/"\n'
        ),
        "content/posts/first-one.md": (
            '---\ntitle: "First One"\ndate: 2019-05-01\nseries: ["Rust in Action"]\n---\n\nOne.\n'
        ),
        "content/posts/second/index.md": (
            "---\ntitle: Second\ndate: 2019-06-02\nseries: Rust in Action\n---\n\nTwo.\n"
        ),
        "content/notes/Some Note.md": "---\ntitle: A note\ndate: 2019-07-03\n---\n\nThree.\n",
        "content/notes/slugged.md": (
            "---\ntitle: Slugged\ndate: 2019-07-04\nslug: my-slug\n---\n\n"
            "Read [the first](/2019/05/first-one/).\n"
        ),
        "content/series/rust-in-action/_index.md": (
            "---\ntitle: Rust in Action\n---\n\nA series on Rust.\n"
        ),
    })  # fmt: skip
    assert detect(source).base_url == "https://old.example.com/"
    result = run_import(source, archive)
    assert "Journey pages  1 new" in result.output
    posts = archive / "posts/2019"
    assert "permalink: /2019/05/first-one/" in front(posts / "2019-05-01-first-one.md")
    assert "permalink: /2019/06/second/" in front(posts / "2019-06-02-second.md")
    assert "permalink: /notes/some-note/" in front(posts / "2019-07-03-a-note.md")
    assert "permalink: /notes/my-slug/" in front(posts / "2019-07-04-my-slug.md")
    out, warnings = output(build_root(srcdir=archive))
    assert warnings == []
    assert (out / "2019/05/first-one/index.html").is_file()
    assert (out / "notes/my-slug/index.html").is_file()
    journey = article(out, "archive/journeys/rust-in-action")
    assert "A series on Rust." in journey.get_text()
    assert len(journey.select(".postarchive-post-list li")) == 2
    slugged = article(out, "posts/2019/2019-07-04-my-slug")
    assert links_by_text(slugged)["the first"] == ("2019-05-01-first-one.html")


def test_eleventy_old_addresses(tmp_path, archive, build_root):
    source = write_files(tmp_path / "eleventy", {
        ".eleventy.js": "module.exports = function () {};\n",
        "posts/plain.md": "---\ntitle: Plain\ndate: 2019-05-01\n---\n\nOne.\n",
        "posts/bundle/index.md": "---\ntitle: Bundle\ndate: 2019-05-02\n---\n\nTwo.\n",
        "posts/relative.md": (
            "---\ntitle: Relative\ndate: 2019-05-03\npermalink: accept-encoding-failed/index.html\n---\n\nThree.\n"
        ),
        "posts/templated.md": (
            "---\ntitle: Templated\ndate: 2019-05-04\npermalink: \"/{{ page.fileSlug }}/\"\n---\n\nFour.\n"
        ),
        "posts/hidden.md": "---\ntitle: Hidden\ndate: 2019-05-05\npermalink: false\n---\n\nFive.\n",
        "notes/notes.json": '{"permalink": "/n/{{ page.fileSlug }}/"}\n',
        "notes/note.md": "---\ntitle: Note\ndate: 2019-05-06\n---\n\nSix.\n",
    })  # fmt: skip
    run_import(source, archive)
    posts = archive / "posts/2019"
    assert "permalink: /posts/plain/" in front(posts / "2019-05-01-plain.md")
    assert "permalink: /posts/bundle/" in front(posts / "2019-05-02-bundle.md")
    assert "permalink: /accept-encoding-failed/\n" in front(posts / "2019-05-03-relative.md")
    assert "permalink" not in front(posts / "2019-05-04-templated.md")
    assert "permalink" not in front(posts / "2019-05-05-hidden.md")
    assert "permalink" not in front(posts / "2019-05-06-note.md")  # set by the folder's data
    out, warnings = output(build_root(srcdir=archive))
    assert warnings == []
    assert (out / "accept-encoding-failed/index.html").is_file()
    assert (out / "posts/plain/index.html").is_file()


def test_pelican_translations_get_their_own_slug(tmp_path, archive, build_root):
    source = write_files(tmp_path / "pelican", {
        "pelicanconf.py": "PATH = 'content'\nDEFAULT_LANG = 'en'\n",
        "content/hello.md": "Title: Hello\nDate: 2016-01-02\nSlug: hello\n\nHello.\n",
        "content/hello-fr.md": "Title: Bonjour\nDate: 2016-01-02\nSlug: hello\nLang: fr\n\nBonjour.\n",
        "content/other.md": "Title: Other\nDate: 2016-01-03\nSlug: other\nLang: de\n\nAlone.\n",
        "content/other-es.md": (
            "Title: Otro\nDate: 2016-01-03\nSlug: other\nLang: es\nTranslation: true\n\nOtro.\n"
        ),
    })  # fmt: skip
    result = run_import(source, archive)
    assert result.output.count("translation of") == 2
    assert "content/hello-fr.md:1: the fr translation of content/hello.md" in result.output
    assert "same name" not in result.output
    posts = archive / "posts/2016"
    assert sorted(p.name for p in posts.iterdir()) == [
        "2016-01-02-hello-fr.md",
        "2016-01-02-hello.md",
        "2016-01-03-other-es.md",
        "2016-01-03-other.md",
    ]
    translation = front(posts / "2016-01-02-hello-fr.md")
    assert "slug: hello-fr" in translation and "permalink: /hello-fr.html" in translation
    assert "permalink: /hello.html" in front(posts / "2016-01-02-hello.md")
    out, warnings = output(build_root(srcdir=archive))
    assert warnings == []
    assert "Bonjour." in article(out, "posts/2016/2016-01-02-hello-fr").get_text()
