"""Importing blogs laid out as the real ones of the corpus (corpus/blogs.toml) are: each engine's
configuration where real sites keep it, posts told from pages, documentation and other languages
left out and listed, categories and series as journeys, and nothing skipped without a word."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from postarchive.cli import main
from tests.conftest import copy_root, write_files
from tests.test_import import article, output, run_import


@pytest.fixture
def archive(tmp_path) -> Path:
    """An archive with no posts yet, to import into."""
    return copy_root("empty", tmp_path / "archive")


def imported(archive: Path, folder: str = "posts") -> list[str]:
    """The files an import wrote under ``folder``, relative to it."""
    return sorted(
        p.relative_to(archive / folder).as_posix() for p in (archive / folder).rglob("*.md")
    )


def left_out(output: str) -> dict[str, str]:
    """The import report's "Files left out": file -> why."""
    _head, _sep, listed = output.partition("Files left out")
    lines = [line.strip() for line in listed.split("\n")[1:] if line.startswith("  ")]
    return dict(line.split(": ", 1) for line in lines)


def hugo_multilingual(root: Path) -> Path:
    """Let's Encrypt's layout: config/_default/ only, each language its own contentDir, a docs
    section and raw HTML pages beside the posts."""
    return write_files(root, {
        "config/_default/hugo.toml": 'baseURL = "https://old.example.org/"\ndefaultContentLanguage = "en"\n',
        "config/_default/languages.en.toml": 'contentDir = "content/en"\ntitle = "Site"\n',
        "config/_default/languages.fr.toml": 'contentDir = "content/fr"\ntitle = "Site"\n',
        "content/en/post/2020-01-02-hello.md": "---\ntitle: Hello\ndate: 2020-01-02\n---\n\nHello.\n",
        "content/en/post/_index.md": "---\ntitle: Blog\n---\n",
        "content/en/docs/faq.md": "---\ntitle: FAQ\nlastmod: 2021-01-01\n---\n\nQuestions.\n",
        "content/en/about.md": "---\ntitle: About\n---\n\nWho we are.\n",
        "content/en/stats.html": "---\ntitle: Stats\n---\n<div>numbers</div>\n",
        "content/fr/post/2020-01-02-bonjour.md": "---\ntitle: Bonjour\ndate: 2020-01-02\n---\n\nBonjour.\n",
        "content/fr/a-propos.md": "---\ntitle: À propos\n---\n\nQui.\n",
    })  # fmt: skip


def test_hugo_languages_from_config_default_and_docs_left_out(tmp_path, archive, build_root):
    source = hugo_multilingual(tmp_path / "hugo")
    result = run_import(source, archive)
    assert "Imported a hugo blog" in result.output
    assert imported(archive) == ["2020/2020-01-02-hello.md"]
    assert imported(archive, "pages") == ["about.md"]
    listed = left_out(result.output)
    assert listed["content/fr/post/2020-01-02-bonjour.md"] == (
        "in another language (fr); --language fr imports it"
    )
    assert "content/fr/a-propos.md" in listed
    assert listed["content/en/docs/faq.md"] == "not in a section of posts (post)"
    assert listed["content/en/stats.html"] == "a HTML page: only Markdown pages are imported"
    _out, warnings = output(build_root(srcdir=archive))
    assert warnings == []


def test_hugo_language_chosen(tmp_path, archive):
    source = hugo_multilingual(tmp_path / "hugo")
    result = run_import(source, archive, "--language", "fr")
    assert imported(archive) == ["2020/2020-01-02-bonjour.md"]
    assert imported(archive, "pages") == ["a-propos.md"]
    assert "content/en/post/2020-01-02-hello.md" in left_out(result.output)
    refused = CliRunner().invoke(
        main, ["import", str(source), "--dir", str(archive), "--language", "de"]
    )
    assert refused.exit_code == 1
    assert "has no language 'de' (it has en, fr)" in refused.output


def test_hugo_language_folders_mounted_by_code_and_main_sections(tmp_path, archive):
    """OpenTelemetry's layout: config/_default/hugo.yaml, content/<code>/ per language."""
    source = write_files(tmp_path / "hugo", {
        "config/_default/hugo.yaml": (
            "title: Project\ndefaultContentLanguage: en\nlanguages:\n  en: {label: English}\n"
            "  ja: {label: 日本語}\nparams:\n  mainSections: [blog]\n"
        ),
        "content/en/blog/2024/launch/index.md": "---\ntitle: Launch\ndate: 2024-03-01\n---\n\nOut.\n",
        "content/en/blog/2024/launch/notes.md": "Notes kept beside the post.\n",
        "content/en/announcements/banner.md": "---\ntitle: Banner\ndate: 2024-03-02\n---\n\nNews.\n",
        "content/ja/blog/2024/launch/index.md": "---\ntitle: 公開\ndate: 2024-03-01\n---\n\n公開。\n",
    })  # fmt: skip
    result = run_import(source, archive)
    assert imported(archive) == ["2024/2024-03-01-launch.md"]
    listed = left_out(result.output)
    assert listed["content/en/announcements/banner.md"] == ("not in the site's mainSections (blog)")
    assert listed["content/en/blog/2024/launch/notes.md"] == (
        "a page resource of content/en/blog/2024/launch/index.md"
    )
    assert listed["content/ja/blog/2024/launch/index.md"].startswith("in another language (ja)")


def test_hugo_dated_sections_are_posts_documentation_is_not(tmp_path, archive):
    source = write_files(tmp_path / "hugo", {
        "config/_default/hugo.toml": 'title = "Notes"\n',
        "content/posts/a.md": "---\ntitle: A\ndate: 2020-01-01\n---\n\nA.\n",
        "content/til/b.md": "---\ntitle: B\ndate: 2020-02-01\n---\n\nB.\n",
        "content/docs/c.md": "---\ntitle: C\ndate: 2020-03-01\n---\n\nC.\n",
        "content/projects/d.md": "---\ntitle: D\n---\n\nD.\n",
    })  # fmt: skip
    result = run_import(source, archive)
    assert imported(archive) == ["2020/2020-01-01-a.md", "2020/2020-02-01-b.md"]
    listed = left_out(result.output)
    assert listed["content/docs/c.md"] == "not in a section of posts (posts, til)"
    assert listed["content/projects/d.md"] == "not in a section of posts (posts, til)"


def test_jekyll_source_folder_every_posts_folder_and_what_is_left_out(
    tmp_path, archive, build_root
):
    """Made Mistakes' and scala-lang's layouts: ``source:`` a folder a task runner fills from
    src/, posts in ``blog/_posts`` too, pages in ``_pages``, collections, ``exclude:``."""
    source = write_files(tmp_path / "jekyll", {
        "_config.yml": (
            "title: Mistakes\nsource: .tmp/src\nexclude: [old-notes]\n"
            "collections:\n  faqs:\n    output: true\n"
        ),
        "src/_posts/articles/2019-05-01-going-static.md": "---\ntitle: Going static\n---\n\nOne.\n",
        "src/blog/_posts/2019-05-02-news.md": "---\ntitle: News\ncategory: release notes\n---\n\nTwo.\n",
        "src/_posts/2019-05-03-slides.html": "---\ntitle: Slides\n---\n<p>Slides.</p>\n",
        "src/_pages/about.md": "---\ntitle: About\npermalink: /about/\n---\n\nMe.\n",
        "src/_faqs/why.md": "---\ntitle: Why?\n---\n\nBecause.\n",
        "src/old-notes/_posts/2010-01-01-old.md": "---\ntitle: Old\n---\n\nGone.\n",
        "src/index.md": "---\nlayout: home\n---\n{% for post in site.posts %}{{ post.title }}{% endfor %}\n",
    })  # fmt: skip
    result = run_import(source, archive)
    assert imported(archive) == [
        "2019/2019-05-01-going-static.md", "2019/2019-05-02-news.md", "2019/2019-05-03-slides.md"
    ]  # fmt: skip
    assert imported(archive, "pages") == ["about.md"]
    listed = left_out(result.output)
    assert listed == {
        "src/_faqs/why.md": "in the faqs collection, which is neither posts nor pages",
        "src/index.md": "a listing the blog's engine fills from its posts",
        "src/old-notes/_posts/2010-01-01-old.md": "excluded by _config.yml (exclude:)",
    }
    out, warnings = output(build_root(srcdir=archive))
    assert warnings == []
    # The folders above _posts are categories, and categories are journeys.
    journeys = article(out, "archive/journeys/index").get_text().lower()
    assert "blog" in journeys and "release notes" in journeys and "articles" not in journeys


def test_jekyll_posts_in_a_folder_per_language(tmp_path, archive):
    source = write_files(tmp_path / "jekyll", {
        "_config.yml": "title: News\nlang: en\n",
        "en/news/_posts/2020-01-01-release.md": "---\ntitle: Release\n---\n\nOut.\n",
        "fr/news/_posts/2020-01-01-release.md": "---\ntitle: Version\n---\n\nSortie.\n",
    })  # fmt: skip
    result = run_import(source, archive)
    assert imported(archive) == ["2020/2020-01-01-release.md"]
    assert "Out." in (archive / "posts/2020/2020-01-01-release.md").read_text(encoding="utf-8")
    assert left_out(result.output) == {
        "fr/news/_posts/2020-01-01-release.md": "in another language (fr); --language fr imports it"
    }
    other = tmp_path / "other"
    copy_root("empty", other)
    run_import(source, other, "--language", "fr")
    assert "Sortie." in (other / "posts/2020/2020-01-01-release.md").read_text(encoding="utf-8")


def test_jekyll_categories_as_tags(tmp_path, archive):
    source = write_files(tmp_path / "jekyll", {
        "_config.yml": "title: Blog\n",
        "_posts/2016-11-05-first.md": "---\ntitle: First\ncategories: events talks\ntags: [x]\n---\n\nOne.\n",
    })  # fmt: skip
    run_import(source, archive)
    post = (archive / "posts/2016/2016-11-05-first.md").read_text(encoding="utf-8")
    assert "journeys:\n- events\n- talks\n" in post
    run_import(source, archive, "--categories-as", "tags", "--force")
    post = (archive / "posts/2016/2016-11-05-first.md").read_text(encoding="utf-8")
    assert "tags:\n- x\n- events\n- talks\n" in post and "journeys" not in post


def test_jekyll_source_without_posts_fails_clearly(tmp_path, archive):
    source = write_files(tmp_path / "jekyll", {
        "_config.yml": "title: Empty\nsource: src\n",
        "src/about.md": "---\ntitle: About\n---\n\nMe.\n",
        "src/_post/2019-01-01-typo.md": "---\ntitle: Typo\n---\n\nIn the wrong folder.\n",
    })  # fmt: skip
    result = CliRunner().invoke(main, ["import", str(source), "--dir", str(archive)])
    assert result.exit_code == 1
    assert "holds no Markdown posts of a jekyll blog (looked in src)" in result.output
    assert "src/_post/2019-01-01-typo.md: in the post collection" in result.output
    assert not (archive / "posts").exists()


def test_eleventy_input_option_ignore_file_and_posts_collection(tmp_path, archive):
    """Zach Leatherman's and Max Böck's layouts: the posts collection is a glob in a function
    or a constant, the input folder is given on the command line, .eleventyignore."""
    source = write_files(tmp_path / "eleventy", {
        "package.json": '{"scripts": {"build": "npx @11ty/eleventy --input=site --quiet"}}\n',
        "eleventy.config.js": (
            "const GLOBS = {\n  posts: 'site/posts/**/*.{md,html}',\n  notes: 'site/notes/*.md'\n};\n"
            "function getPosts(api) {\n  return api.getFilteredByGlob(GLOBS.posts).reverse();\n}\n"
            "export default function (config) {\n"
            '  config.addCollection("posts", function (c) {\n    return getPosts(c);\n  });\n'
            '  config.addCollection("notes", (c) => c.getFilteredByGlob(GLOBS.notes));\n}\n'
        ),
        ".eleventyignore": "site/talks/\n",
        "site/posts/2020/first/index.md": "---\ntitle: First\ndate: 2020-01-01\n---\n\nOne.\n",
        "site/posts/2020-02-02-second.html": "---\ntitle: Second\n---\n<p>Two.</p>\n",
        "site/notes/2020-03-03.md": "---\ndate: 2020-03-03\n---\n\nA note.\n",
        "site/talks/2019-talk.md": "---\ntitle: Talk\ndate: 2019-01-01\n---\n\nSlides.\n",
        "site/uses.md": "---\ntitle: Uses\n---\n\nMy tools.\n",
    })  # fmt: skip
    result = run_import(source, archive)
    assert imported(archive) == ["2020/2020-01-01-first.md", "2020/2020-02-02-second.md"]
    assert imported(archive, "pages") == ["uses.md"]
    assert left_out(result.output) == {
        "site/notes/2020-03-03.md": "not in the posts collection (site/posts/**/*.{md,html})",
        "site/talks/2019-talk.md": "ignored by .eleventyignore",
    }


def test_dated_bundle_index_is_named_by_its_folder(tmp_path, archive, build_root):
    """Max Böck's bundles: ``posts/<slug>/<date>-index.md`` had the slug "index", all 52."""
    source = write_files(tmp_path / "eleventy", {
        ".eleventy.js": "module.exports = () => ({ dir: { input: 'src' } });\n",
        "src/posts/posts.json": '{"tags": "posts"}\n',
        "src/posts/webmentions/2019-01-10-index.md": "---\ntitle: Webmentions\n---\n\nOne.\n",
        "src/posts/space-jam/2021-04-04-index.md": "---\ntitle: Space Jam\n---\n\nTwo.\n",
    })  # fmt: skip
    run_import(source, archive)
    assert imported(archive) == [
        "2019/2019-01-10-webmentions.md", "2021/2021-04-04-space-jam.md"
    ]  # fmt: skip
    _out, warnings = output(build_root(srcdir=archive))
    assert warnings == []


def test_eleventy_posts_collection_by_tags(tmp_path, archive):
    """Without a collection in the configuration, Eleventy's posts are the pages tagged
    "post(s)", by a folder's data file or one by one; documentation is left out."""
    source = write_files(tmp_path / "eleventy", {
        ".eleventy.js": "module.exports = () => ({ dir: { input: 'src' } });\n",
        "src/blog/blog.11tydata.json": '{"layout": "post", "tags": ["posts"]}\n',
        "src/blog/first.md": "---\ntitle: First\ndate: 2021-01-01\n---\n\nOne.\n",
        "src/notes/tagged.md": "---\ntitle: Tagged\ndate: 2021-01-02\ntags: [post, css]\n---\n\nTwo.\n",
        "src/docs/api.md": "---\ntitle: API\n---\n\nCalls.\n",
        "src/uses.md": "---\ntitle: Uses\n---\n\nTools.\n",
    })  # fmt: skip
    result = run_import(source, archive)
    assert imported(archive) == ["2021/2021-01-01-first.md", "2021/2021-01-02-tagged.md"]
    assert imported(archive, "pages") == ["uses.md"]
    assert left_out(result.output) == {
        "src/docs/api.md": "not in the posts collection (tagged post or posts)"
    }


def test_eleventy_with_jekyll_style_posts_folder_is_eleventy(tmp_path):
    from postarchive.importing.sites import detect

    source = write_files(tmp_path / "eleventy", {
        ".eleventy.js": "module.exports = function () {};\n",
        "_posts/2020-01-01-a.md": "---\ntitle: A\n---\n\nA.\n",
    })  # fmt: skip
    assert detect(source).kind == "eleventy"


def test_pelican_series_and_categories_are_journeys(tmp_path, archive, build_root):
    """The Digital Cat's layout: the site in a subfolder, ``Series:`` and ``Category:``, Mau
    articles beside Markdown ones, notebooks offered for download, settings as lists."""
    source = write_files(tmp_path / "blog", {
        "pelican/pelicanconf.py": (
            "PATH = 'content'\nSTATIC_PATHS = ['images', 'notebooks']\n"
            "PAGE_PATHS = ['pages', 'legal']\nARTICLE_EXCLUDES = ['drafts']\n"
            "ARTICLE_SAVE_AS = ARTICLE_URL + 'index.html'  # not a literal: left out\n"
        ),
        "pelican/content/oop-1.markdown": (
            "Title: OOP, part 1\nDate: 2014-03-05\nCategory: Programming\nSeries: Python OOP\n\nOne.\n"
        ),
        "pelican/content/oop-2.markdown": (
            "Title: OOP, part 2\nDate: 2014-03-09\nCategory: Programming\nSeries: Python OOP\n"
            "Series_info: Objects, from the first class to metaclasses.\n\nTwo.\n"
        ),
        "pelican/content/tdd.mau": (
            ":pelican.title:TDD\n:pelican.date:2020-09-10\n:pelican.category:Programming\n"
            ":pelican.series:Python OOP\n\nTests first.\n"
        ),
        "pelican/content/notebooks/demo.ipynb": '{"cells": []}\n',
        "pelican/content/drafts/idea.md": "Title: Idea\nDate: 2021-01-01\n\nLater.\n",
        "pelican/content/legal/terms.md": "Title: Terms\n\nThe terms.\n",
    })  # fmt: skip
    result = run_import(source / "pelican", archive)
    assert imported(archive) == [
        "2014/2014-03-05-oop-part-1.md", "2014/2014-03-09-oop-part-2.md", "2020/2020-09-10-tdd.md"
    ]  # fmt: skip
    assert imported(archive, "pages") == ["terms.md"]
    assert left_out(result.output) == {
        "content/drafts/idea.md": "not in ARTICLE_PATHS, or in ARTICLE_EXCLUDES",
    }
    out, warnings = output(build_root(srcdir=archive))
    assert warnings == []
    series = article(out, "archive/journeys/python-oop")
    assert len(series.select(".postarchive-post-list li")) == 3  # the Mau article's series too
    # The theme's series description, written in one of its posts, describes the journey.
    assert "Objects, from the first class to metaclasses." in series.get_text()
    assert (archive / "journeys/python-oop.md").read_text(encoding="utf-8") == (
        "---\ntitle: Python OOP\n---\n\nObjects, from the first class to metaclasses.\n"
    )
    assert (
        len(article(out, "archive/journeys/programming").select(".postarchive-post-list li")) == 3
    )


def test_pelican_settings_py_with_kind(tmp_path, archive):
    """Full Stack Python's layout: settings.py, not pelicanconf.py; hundreds of pages."""
    source = write_files(tmp_path / "site", {
        "settings.py": "AUTHOR = u'Me'\nSITENAME = u'Guide'\nARTICLE_URL = 'blog/{slug}.html'\n",
        "content/posts/first.markdown": "title: First\ndate: 2016-01-01\ncategory: post\n\nOne.\n",
        "content/pages/01-intro/00-intro.markdown": "title: Introduction\ncategory: page\n\nStart.\n",
    })  # fmt: skip
    run_import(source, archive, "--kind", "pelican")
    assert imported(archive) == ["2016/2016-01-01-first.md"]
    assert imported(archive, "pages") == ["00-intro.md"]
    assert "permalink: /blog/first.html" in (archive / "posts/2016/2016-01-01-first.md").read_text(
        encoding="utf-8"
    )


def test_a_heading_linking_to_a_file_builds(tmp_path, build_root):
    """zachleat.com's ``### [Download as .zip](../assets/demo.zip)``: Sphinx stopped the whole
    build on the page's table of contents."""
    root = copy_root("empty", tmp_path / "archive")
    write_files(root, {
        "posts/2017/2017-05-17-demo.md": (
            "---\ntitle: Demo\ndate: 2017-05-17\n---\n\nText.\n\n"
            "## [Download as .zip](../assets/demo.zip)\n\nMore.\n"
        ),
        "posts/assets/demo.zip": b"PK",
    })  # fmt: skip
    out, warnings = output(build_root(srcdir=root))
    assert warnings == []
    page = article(out, "posts/2017/2017-05-17-demo")
    link = page.select_one("h2 a.download")
    assert link is not None and link.get_text() == "Download as .zip"
    assert (out / link["href"].replace("../../", "")).is_file()
