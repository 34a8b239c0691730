"""``postarchive init``: a clean archive that builds at once, and, with ``--from``, a blog of each
engine brought in with its identity (title, author, language, address, logo) and its own pages."""

from __future__ import annotations

import ast
import contextlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from postarchive.cli import main
from tests.conftest import REPO, article, read_html, sphinx_build, warning_lines, write_files
from tests.test_import import PNG

SAMPLE_TITLES = ("About this archive",)


def init(*args: str):
    return CliRunner().invoke(main, ["init", *map(str, args)])


def built(folder: Path) -> Path:
    """Build the archive as ``-W`` would judge it: no warning at all."""
    app = sphinx_build(folder)
    assert warning_lines(app) == []
    return Path(app.outdir)


def conf_values(folder: Path) -> dict[str, object]:
    """The plain assignments of the new conf.py, read as Python literals."""
    values = {}
    for node in ast.parse((folder / "conf.py").read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            with contextlib.suppress(ValueError):
                values[node.targets[0].id] = ast.literal_eval(node.value)
    return values


def sidebar_links(out: Path, docname: str = "index") -> dict[str, str]:
    tree = read_html(out, docname).select_one(".sidebar-tree")
    return {a.get_text(strip=True): a["href"] for a in tree.select("a")}


def no_sample_content(folder: Path, out: Path) -> None:
    """Nothing of this repository's own archive came along."""
    for title in SAMPLE_TITLES:
        assert title not in read_html(out, "index").get_text()
    repo_posts = {p.name for p in (REPO / "posts").rglob("*.md")}
    assert repo_posts.isdisjoint(p.name for p in (folder / "posts").rglob("*.md"))
    assert not (folder / "journeys/djangocon-europe-2016.md").exists()


# -- a new, empty archive ------------------------------------------------------------------------


def test_init_makes_an_archive_that_builds_and_says_it_is_empty(tmp_path):
    folder = tmp_path / "my-archive"
    result = init(folder, "--title", "Notes from <the> road", "--author", "Ana O'Neil")
    assert result.exit_code == 0, result.output
    for name in ("conf.py", "index.md", "Makefile", ".readthedocs.yaml", ".gitignore", "README.md"):
        assert (folder / name).is_file(), name
    for name in ("posts", "journeys", "pages"):
        assert (folder / name).is_dir()
        assert not list((folder / name).rglob("*.md"))  # no sample posts
    values = conf_values(folder)
    assert values["project"] == "Notes from <the> road"
    assert values["author"] == "Ana O'Neil"  # quoted as Python, not pasted into code
    out = built(folder)
    home = article(out, "index")
    assert home.h1.get_text(strip=True).rstrip("¶") == "Notes from <the> road"
    assert home.select("script") == []  # the title is text, not markup
    assert "No posts yet." in home.get_text()
    assert "postarchive import" in home.get_text()  # how posts come in
    assert "Browse" not in home.get_text()
    no_sample_content(folder, out)


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    folder = write_files(tmp_path / "notes", {"todo.txt": "mine\n"})
    result = init(folder)
    assert result.exit_code == 1
    assert "is not empty; nothing written" in result.output
    assert sorted(p.name for p in folder.iterdir()) == ["todo.txt"]


def test_init_with_force_keeps_every_file_already_there(tmp_path):
    folder = write_files(tmp_path / "notes", {
        "index.md": "# My own home page\n\nKept.\n",
        "todo.txt": "mine\n",
    })  # fmt: skip
    result = init(folder, "--force")
    assert result.exit_code == 0, result.output
    assert "Kept as they were: index.md" in result.output
    assert (folder / "index.md").read_text(encoding="utf-8") == "# My own home page\n\nKept.\n"
    assert (folder / "todo.txt").read_text(encoding="utf-8") == "mine\n"
    assert (folder / "conf.py").is_file()
    again = init(folder, "--force")  # nothing is ever written twice over
    assert "conf.py" in again.output.split("Kept as they were:")[1]


def test_init_from_a_folder_that_is_not_a_blog(tmp_path):
    source = write_files(tmp_path / "empty-source", {"notes.txt": "no posts\n"})
    result = init(tmp_path / "archive", "--from", source)
    assert result.exit_code == 1
    assert "holds no Markdown posts" in result.output and "nothing written" in result.output
    assert not (tmp_path / "archive").exists()


# -- from a blog of each engine ------------------------------------------------------------------


def hugo_blog(root: Path) -> Path:
    return write_files(root, {
        "hugo.toml": (
            'baseURL = "https://travel.example.net/"\nlanguageCode = "pt-br"\n'
            'title = "Diário de viagem"\n[params]\ndescription = "Trips & talks"\n'
            'author = "Ana Souza"\nlogo = "/images/logo.png"\nfavicon = "favicon.ico"\n'
        ),
        "content/_index.md": "---\ntitle: Home\n---\nWelcome.\n",
        "content/posts/_index.md": "---\ntitle: Posts\n---\n",
        "content/posts/lisbon.md": (
            "---\ntitle: Lisbon\ndate: 2019-06-01\ntags: [travel]\n---\n\nTrams.\n"
        ),
        "content/posts/porto.md": (
            "---\ntitle: Porto\ndate: 2019-06-03\nauthors: [Ana Souza]\n---\n\nBridges.\n"
        ),
        "content/about.md": "---\ntitle: Sobre\n---\n\nWho writes here.\n\n![Me](/images/me.png)\n",
        "content/contact/index.md": "---\ntitle: Contact\n---\n\nWrite to me.\n",
        "static/images/logo.png": PNG,
        "static/images/me.png": PNG,
        "static/favicon.ico": PNG,
    })  # fmt: skip


def test_init_from_hugo(tmp_path):
    folder = tmp_path / "archive"
    result = init(folder, "--from", hugo_blog(tmp_path / "hugo"))
    assert result.exit_code == 0, result.output
    assert "Imported a hugo blog" in result.output
    values = conf_values(folder)
    assert values["project"] == "Diário de viagem"
    assert values["author"] == "Ana Souza"
    assert values["language"] == "pt_BR"
    assert "https://travel.example.net/" in (folder / "conf.py").read_text(encoding="utf-8")
    assert values["html_logo"] == "_static/logo.png"
    assert values["html_favicon"] == "_static/favicon.ico"
    assert (folder / "_static/logo.png").read_bytes() == PNG
    out = built(folder)
    page = read_html(out, "index")
    assert page.title.get_text().startswith("Diário de viagem")
    home = article(out, "index")
    assert "Trips & talks" in home.get_text()  # the blog's description introduces it
    assert {"Sobre", "Contact"} <= set(sidebar_links(out))
    assert sidebar_links(out)["Sobre"] == "pages/about.html"
    assert [a.get_text() for a in home.select(".postarchive-site-page a")] == ["Sobre", "Contact"]
    about = article(out, "pages/about")
    assert "Who writes here." in about.get_text()
    assert about.select_one("img")["src"].endswith("me.png")
    assert not list((folder / "posts").rglob("*about*"))  # a page, not a dated post
    # One author, from the blog's settings: named on each post, without author pages.
    post = article(out, "posts/2019/2019-06-01-lisbon")
    assert (
        post.select_one(".postarchive-post-header .postarchive-authors").get_text()
        == "by Ana Souza"
    )
    assert not (out / "archive/authors").exists()
    # The footer's copyright: the years of the posts, not the year the archive was made.
    assert "copyright" not in values
    assert page.select_one(".copyright").get_text(" ", strip=True).endswith("2019, Ana Souza")
    assert (
        read_html(out, "posts/2019/2019-06-01-lisbon").find("meta", attrs={"name": "author"})[
            "content"
        ]
        == "Ana Souza"
    )
    no_sample_content(folder, out)


def jekyll_blog(root: Path) -> Path:
    return write_files(root, {
        "_config.yml": (
            "title: Jo's <b>notebook</b>\ndescription: Small things, written down.\n"
            "author:\n  name: Jo Writer\n  email: jo@example.com\nlang: en-GB\n"
            "url: https://jo.example.com\nbaseurl: /blog\nlogo: /assets/logo.png\n"
        ),
        "_data/authors.yml": "jo:\n  name: Jo Writer\nsam:\n  name: Sam Guest\n",
        "_posts/2020-01-02-first.md": "---\ntitle: First\nauthor: jo\n---\n\nThe first post.\n",
        "_posts/2020-02-03-guest.md": "---\ntitle: A guest\nauthor: sam\n---\n\nBy a guest.\n",
        "_posts/2020-03-04-both.md": (
            "---\ntitle: Together\nauthors: [jo, sam]\n---\n\nWritten by both.\n"
        ),
        "about.md": "---\nlayout: page\ntitle: About\n---\n\nA page, not a post.\n",
        "index.md": "---\nlayout: home\n---\n",
        "tags.md": "---\nlayout: page\ntitle: Tags\n---\n{% for tag in site.tags %}{{ tag }}{% endfor %}\n",
        "archive.md": "---\ntitle: Everything\n---\n{% for post in site.posts %}x{% endfor %}\n",
        "notes.md": "Not a page: Jekyll copies a file without front matter as it is.\n",
        "assets/logo.png": PNG,
    })  # fmt: skip


def test_init_from_jekyll_with_authors(tmp_path):
    folder = tmp_path / "archive"
    result = init(folder, "--from", jekyll_blog(tmp_path / "jekyll"))
    assert result.exit_code == 0, result.output
    values = conf_values(folder)
    assert values["project"] == "Jo's <b>notebook</b>"
    assert values["author"] == "Jo Writer"
    assert values["language"] == "en_GB"
    assert "https://jo.example.com/blog/" in (folder / "conf.py").read_text(encoding="utf-8")
    assert sorted(p.name for p in (folder / "pages").glob("*.md")) == ["about.md"]
    out = built(folder)
    home = article(out, "index")
    # As written (MyST's smartquotes curl the apostrophe), never as markup.
    assert home.h1.get_text(strip=True).rstrip("¶") == "Jo’s <b>notebook</b>"
    assert home.select("b") == []
    # The theme's title and footer too: themes write them as HTML.
    page = read_html(out, "index")
    brand = page.select_one(".sidebar-brand")
    assert brand.select("b") == [] and "Jo's <b>notebook</b>" in brand.get_text()
    assert page.title.get_text().startswith("Jo's <b>notebook</b>")
    assert "Small things, written down." in home.get_text()
    assert sidebar_links(out)["About"] == "pages/about.html"
    # Two authors: a page each, an index, and names on posts, listings and feeds.
    guest = article(out, "posts/2020/2020-02-03-guest")
    assert (
        guest.select_one(".postarchive-post-header .postarchive-authors").get_text()
        == "by Sam Guest"
    )
    both = article(out, "posts/2020/2020-03-04-both")
    assert [
        a.get_text() for a in both.select(".postarchive-post-header .postarchive-authors a")
    ] == [
        "Jo Writer",
        "Sam Guest",
    ]
    sam = article(out, "archive/authors/sam-guest")
    assert sam.h1.get_text(strip=True).rstrip("¶") == "Sam Guest"
    assert [a.get_text() for a in sam.select(".postarchive-post-title a")] == [
        "Together",
        "A guest",
    ]
    index = article(out, "archive/authors/index")
    assert [a.get_text() for a in index.select(".postarchive-author a")] == [
        "Jo Writer",
        "Sam Guest",
    ]
    recent = home.select(".postarchive-entry-meta")
    assert "by Jo Writer and Sam Guest" in recent[0].get_text()
    feed = (out / "feeds/atom.xml").read_text(encoding="utf-8")
    assert feed.count("<name>Sam Guest</name>") == 2
    assert "Posts by author" in article(out, "archive/index").get_text()


def pelican_blog(root: Path) -> Path:
    return write_files(root, {
        "pelicanconf.py": (
            "AUTHOR = 'Pat Pelican'\nSITENAME = \"Pat's notes\"\nSITESUBTITLE = 'Carnets'\n"
            "DEFAULT_LANG = 'fr'\nSITEURL = ''\nPATH = 'content'\nSITELOGO = '/images/logo.png'\n"
            "import os\nSECRET = os.environ['NEVER_RUN']\n"
        ),
        "publishconf.py": "from pelicanconf import *\nSITEURL = 'https://pat.example.org'\n",
        "content/premier.md": (
            "Title: Premier\nDate: 2018-05-06\nAuthors: Pat Pelican, Lou Invité\n\nLe premier.\n"
        ),
        "content/second.md": "Title: Second\nDate: 2018-05-07\n\nLe second.\n",
        "content/pages/about.md": "Title: À propos\n\nQui suis-je.\n",
        "content/images/logo.png": PNG,
    })  # fmt: skip


def test_init_from_pelican_without_running_its_settings(tmp_path):
    folder = tmp_path / "archive"
    result = init(folder, "--from", pelican_blog(tmp_path / "pelican"))
    assert result.exit_code == 0, result.output
    values = conf_values(folder)
    assert values["project"] == "Pat's notes"
    assert values["author"] == "Pat Pelican"
    assert values["language"] == "fr"
    assert values["html_logo"] == "_static/logo.png"
    assert "https://pat.example.org/" in (folder / "conf.py").read_text(encoding="utf-8")
    out = built(folder)
    assert "Carnets" in article(out, "index").get_text()
    assert sidebar_links(out)["À propos"] == "pages/about.html"
    second = article(out, "posts/2018/2018-05-07-second")
    assert (
        second.select_one(".postarchive-post-header .postarchive-authors").get_text()
        == "by Pat Pelican"
    )
    assert (out / "archive/authors/lou-invite.html").is_file()


def eleventy_blog(root: Path) -> Path:
    return write_files(root, {
        "eleventy.config.js": 'export default function (c) {};\nexport const config = { dir: { input: "content" } };\n',
        "content/_data/metadata.js": (
            "export default {\n\ttitle: \"Eleventy notes\",\n\turl: \"https://eleventy.example.com/\",\n"
            "\tlanguage: \"en\",\n\tdescription: \"Notes, in Eleventy.\",\n\tauthor: {\n"
            "\t\tname: \"Eli Venty\",\n\t\temail: \"eli@example.com\",\n"
            "\t\turl: \"https://eleventy.example.com/about-me/\"\n\t}\n}\n"
        ),
        "content/blog/blog.11tydata.js": 'export default { tags: ["posts"] };\n',
        "content/blog/first.md": "---\ntitle: First\ndate: 2021-01-01\ntags: [posts, notes]\n---\n\nOne.\n",
        "content/blog/second.md": "---\ntitle: Second\ndate: 2021-01-02\n---\n\nTwo.\n",
        "content/about/index.md": "---\nlayout: layouts/base.njk\ntitle: About Eli\n---\n\nEli writes.\n",
        "content/tagged.md": "---\ntitle: A root post\ndate: 2021-01-03\ntags: post\n---\n\nThree.\n",
    })  # fmt: skip


def test_init_from_eleventy(tmp_path):
    folder = tmp_path / "archive"
    result = init(folder, "--from", eleventy_blog(tmp_path / "eleventy"), "--title", "Eli's")
    assert result.exit_code == 0, result.output
    values = conf_values(folder)
    assert values["project"] == "Eli's"  # the command line wins over the blog's settings
    assert values["author"] == "Eli Venty"
    assert "https://eleventy.example.com/" in (folder / "conf.py").read_text(encoding="utf-8")
    assert sorted(p.name for p in (folder / "pages").glob("*.md")) == ["about.md"]
    out = built(folder)
    assert "Notes, in Eleventy." in article(out, "index").get_text()
    assert sidebar_links(out)["About Eli"] == "pages/about.html"
    posts = sorted(p.name for p in (folder / "posts").rglob("*.md"))
    assert posts == ["2021-01-01-first.md", "2021-01-02-second.md", "2021-01-03-a-root-post.md"]
    first = article(out, "posts/2021/2021-01-01-first")
    assert (
        first.select_one(".postarchive-post-header .postarchive-authors").get_text()
        == "by Eli Venty"
    )


def test_import_into_an_older_archive_says_how_to_link_the_pages(tmp_path):
    from tests.conftest import copy_root

    archive = copy_root("empty", tmp_path / "archive")
    home = archive / "index.md"
    home.write_text(
        home.read_text(encoding="utf-8").replace("```{postarchive-site-pages}\n```\n", ""),
        encoding="utf-8",
    )
    source = jekyll_blog(tmp_path / "jekyll")
    result = CliRunner().invoke(main, ["import", str(source), "--dir", str(archive)])
    assert result.exit_code == 0, result.output
    assert "add a {postarchive-site-pages} directive to index.md" in result.output
    lines = dict(
        line.split("  ", 1) for line in result.output.splitlines() if line.startswith("Pages ")
    )
    assert lines["Pages"].strip() == "1 new"


def test_a_new_archive_has_a_valid_read_the_docs_config(tmp_path):
    import json

    import jsonschema
    import yaml

    from tests.test_readthedocs import SCHEMA

    folder = tmp_path / "archive"
    assert init(folder).exit_code == 0
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    config = yaml.safe_load((folder / ".readthedocs.yaml").read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(config)
    assert config["sphinx"]["fail_on_warning"] is True
    requirement = (folder / config["python"]["install"][0]["requirements"]).read_text()
    assert requirement.strip() == "postarchive[docs]"
    # Every download Read the Docs makes, the PDF too: a 3000-post archive's whole sequence
    # fits its build limit (BENCHMARKS.md, "Read the Docs' formats").
    assert config["formats"] == ["epub", "htmlzip", "pdf"]


@pytest.mark.slow
@pytest.mark.parametrize("builder", ["singlehtml", "epub"])
def test_an_archive_from_a_blog_builds_offline_formats_without_warnings(tmp_path, builder):
    import subprocess
    import sys

    folder = tmp_path / "archive"
    assert init(folder, "--from", jekyll_blog(tmp_path / "jekyll")).exit_code == 0
    run = subprocess.run(
        # As the archive's Makefile runs it (make epub).
        [sys.executable, "-m", "sphinx", "-M", builder, ".", "_build", "-W", "--keep-going"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr


@pytest.mark.slow
def test_an_archive_from_a_blog_has_latex_for_a_pdf_with_emoji_and_cjk(tmp_path):
    import subprocess
    import sys

    folder = tmp_path / "archive"
    assert init(folder, "--from", jekyll_blog(tmp_path / "jekyll")).exit_code == 0
    run = subprocess.run(
        # As `make latexpdf` starts (the PDF itself needs LaTeX: tests/test_latex.py).
        [sys.executable, "-m", "sphinx", "-M", "latex", ".", "_build", "-W", "--keep-going"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    (tex,) = (folder / "_build" / "latex").glob("*.tex")
    preamble = tex.read_text(encoding="utf-8").split(r"\begin{document}")[0]
    assert r"\usepackage{fontspec}" in preamble  # LuaLaTeX's (pdflatex stops at an emoji)
    assert r"\IfFontExistsTF{Noto Color Emoji}" in preamble  # each font only where it exists
    assert r"\IfFontExistsTF{Noto Sans CJK JP}" in preamble


def test_a_new_page_reaches_the_home_page_and_its_navigation_on_rebuild(tmp_path):
    folder = tmp_path / "archive"
    assert init(folder, "--title", "Pages").exit_code == 0
    write_files(folder, {"pages/about.md": "# About\n\nMe.\n"})
    built(folder)
    write_files(folder, {"pages/contact.md": "# Contact\n\nWrite.\n"})
    out = built(folder)
    home = article(out, "index")
    assert [a.get_text() for a in home.select(".postarchive-site-page a")] == ["About", "Contact"]
    assert sidebar_links(out, "pages/about")["Contact"] == "contact.html"


def test_init_from_a_blog_takes_the_import_options(tmp_path):
    # `init --from` is the README's first step: it imports as `import` does, with its options.
    source = write_files(tmp_path / "jekyll", {
        "_config.yml": "title: Trips\n",
        "_posts/2020-01-02-lisbon.md": (
            "---\ntitle: Lisbon\ncategories: [travel]\n---\n\n"
            "![The bridge](https://images.example.org/bridge.jpg)\n"
        ),
    })  # fmt: skip
    folder = tmp_path / "archive"
    result = init(folder, "--from", source, "--no-download", "--categories-as", "tags")
    assert result.exit_code == 0, result.output
    (post,) = (folder / "posts").rglob("*lisbon*.md")
    text = post.read_text(encoding="utf-8")
    assert "![The bridge](https://images.example.org/bridge.jpg)" in text  # not fetched
    assert "travel" in text.split("---")[1] and "journeys" not in text.split("---")[1]
    assert not any((folder / "journeys").glob("*.md"))
