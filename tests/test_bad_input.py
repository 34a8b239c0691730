"""Bad input: every kind of broken post is archived, reported once with its file and line, and
nothing is lost or written where it should not be."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from postarchive.cli import main
from postarchive.cli.check import check_archive
from tests.conftest import article, copy_root, read_html, warning_lines

# Its builds read a 5 MB post, and one is a strict build in a subprocess: `-m "not slow"`
# leaves the module out.
pytestmark = pytest.mark.slow

MISC = "posts/misc"
# (location, part of the message): each must be reported exactly once.
EXPECTED_WARNINGS = [
    (f"{MISC}/bad-yaml.md:4", "front matter field 'tags: [unclosed' skipped"),
    (f"{MISC}/bad-toml.md:3", "front matter is not valid TOML"),
    (f"{MISC}/unclosed.md:1", "front matter opened with '---' is never closed"),
    (f"{MISC}/bad-date.md:3", "'2016-03-32' is not a calendar date"),
    (f"{MISC}/future.md:3", "the date '2099-01-01' is in the future"),
    (f"{MISC}/wrong-types.md:4", "'tags' should be a list, got dict; ignored"),
    (f"{MISC}/latin1.md:2", "file is not UTF-8; read it as cp1252"),
    (f"{MISC}/cp1252.md:6", "file is not UTF-8; read it as cp1252"),
    (f"{MISC}/empty.md:1", "the post is empty"),
    (f"{MISC}/binary.md:1", "error: cannot read post: line 1 holds binary data"),
    (f"{MISC}/dup-slug-b.md:1", "slug 'same' is also the slug of posts/misc/dup-slug-a.md"),
    (f"{MISC}/nested.md:15", "52 lines are nested too deeply to show as written"),
]


def make_source(folder: Path) -> Path:
    """The bad-input root, plus the files too big to keep in the repository."""
    paragraph = "A long line of an enormous post about nothing in particular. " * 20 + "\n\n"
    huge = "---\ntitle: Huge\ndate: 2016-02-20\n---\n\n" + paragraph * (5_000_000 // len(paragraph))
    nested = "".join("  " * i + "- level\n" for i in range(60)) + "\n" + ">" * 60 + " deep quote\n"
    return copy_root(
        "bad",
        folder,
        files={
            f"{MISC}/huge.md": huge,
            f"{MISC}/nested.md": "---\ntitle: Deeply nested\ndate: 2016-02-21\n---\n\n" + nested,
        },
    )


def files_under(folder: Path) -> dict[str, int]:
    return {
        str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def bad_build(build_root, tmp_path_factory):
    top = tmp_path_factory.mktemp("bad")
    srcdir = make_source(top / "src")
    before = files_under(top)
    app = build_root(srcdir=srcdir, builddir=top / "out")
    return app, top, before


def test_every_problem_is_reported_once_with_file_and_line(bad_build):
    app, _top, _before = bad_build
    warnings = warning_lines(app)
    for location, message in EXPECTED_WARNINGS:
        hits = [w for w in warnings if f"{location}: WARNING: " in w and message in w]
        assert len(hits) == 1, (location, message, warnings)
    assert len(warnings) == len(EXPECTED_WARNINGS), warnings


def test_every_post_has_one_reachable_page(bad_build):
    app, _top, _before = bad_build
    report = check_archive(Path(app.srcdir), Path(app.outdir), Path(app.doctreedir))
    assert report.posts == len(list(Path(app.srcdir, "posts").rglob("*.md"))) == 26
    assert [p.subtype for p in report.errors] == ["read"]  # the binary file, which still has a page
    sources = sorted(
        p.relative_to(app.srcdir).with_suffix("") for p in Path(app.srcdir, "posts").rglob("*.md")
    )
    for source in sources:
        assert (Path(app.outdir) / f"{source.as_posix()}.html").is_file(), source


@pytest.mark.parametrize(
    ("docname", "title"),
    [
        ("no-title", "Heading as title"),
        ("no-title-no-heading", "No title no heading"),
        ("unclosed", "Unclosed"),
        ("empty", "Empty"),
        ("front-matter-only", "Only front matter"),
        ("wrong-types", "42"),
        ("latin1", "Café in Latin-1"),
        ("bom-crlf", "BOM and CRLF"),
        ("binary", "Binary"),
        ("file with spaces", "Spaces in the name"),
        ("ünïcode-名前", "Unicode name"),
        ("several.dots.in.name", "Several dots"),
        ("huge", "Huge"),
        ("nested", "Deeply nested"),
    ],
)
def test_each_bad_post_gets_a_sensible_page(bad_build, docname, title):
    app, _top, _before = bad_build
    page = article(Path(app.outdir), f"{MISC}/{docname}")
    assert [h.get_text(strip=True).rstrip("¶") for h in page.select("h1")] == [title]


def test_text_survives_bad_encodings_and_line_endings(bad_build):
    app, _top, _before = bad_build
    out = Path(app.outdir)
    assert "Café au lait." in article(out, f"{MISC}/latin1").get_text()
    assert "“Quoted” in cp1252 – with a dash." in article(out, f"{MISC}/cp1252").get_text()
    assert "Windows line endings." in article(out, f"{MISC}/bom-crlf").get_text()
    assert "Body of the unclosed post." in article(out, f"{MISC}/unclosed").get_text()
    assert "could not be read" in article(out, f"{MISC}/binary").get_text()
    assert article(out, f"{MISC}/nested").get_text().count("level") == 60


def test_undated_posts_are_listed_not_lost(bad_build):
    app, _top, _before = bad_build
    undated = article(Path(app.outdir), "archive/undated").get_text()
    for title in ("Bad date", "Bad TOML", "Unclosed", "Empty"):
        assert title in undated


def test_markup_in_metadata_is_text_everywhere(bad_build):
    app, _top, _before = bad_build
    out = Path(app.outdir)
    for path in out.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for raw in ("<script>alert('x')", "<b>bold</b>", "<img src=x"):
            assert raw not in html, (path, raw)
    page = read_html(out, f"{MISC}/markup")
    # Shown as text, exactly as written: no smart quotes in a title.
    assert page.title.get_text().startswith("<script>alert('x')</script> & \"quotes\"")
    assert page.select_one(".postarchive-journey").get_text() == "<b>bold</b> trip"
    sidebar = read_html(out, f"{MISC}/markup").select_one(".sidebar-tree").get_text()
    assert "<b>bold</b> trip" in sidebar
    tags = [a.get_text() for a in page.select(".postarchive-tags a")]
    assert tags == ["<img src=x onerror=alert(1)>", "R&D"]


def test_tag_variants_meet_and_odd_names_get_safe_distinct_pages(bad_build):
    app, _top, _before = bad_build
    out = Path(app.outdir)
    pages = {p.stem for p in (out / "archive" / "tags").glob("*.html")}
    assert {"python", "koln", "c-plus-plus", "c-plus-plus-2", "outside", "r-and-d"} <= pages
    python = article(out, "archive/tags/python")
    assert python.get_text().count("Case variants") == 1
    assert not any("PYTHON" in p or "Python" in p for p in pages)
    # On the post, one link per tag: the first spelling of the variants that meet.
    post = article(out, "posts/misc/tag-variants")
    names = [a.get_text() for a in post.select(".postarchive-post-header .postarchive-tags a")]
    assert [n for n in names if n.lower() == "python"] == ["Python"]
    assert [unicodedata.normalize("NFC", n) for n in names].count("Köln") == 1  # NFC and NFD


def test_nothing_is_written_outside_the_output_and_generated_folders(bad_build):
    _app, top, before = bad_build
    after = files_under(top)
    changed = {path for path, mtime in after.items() if before.get(path) != mtime}
    allowed = ("out/", "src/archive/")
    assert changed and all(path.startswith(allowed) for path in changed), sorted(
        p for p in changed if not p.startswith(allowed)
    )[:5]
    assert not (top / "outside").exists() and not (top.parent / "outside").exists()


def test_check_reports_and_fails_on_errors_only(bad_build):
    app, top, _before = bad_build
    before = files_under(top)
    args = ["check", str(app.srcdir), "--html", str(app.outdir), "--doctrees", str(app.doctreedir)]
    human = CliRunner().invoke(main, args)
    assert human.exit_code == 1, human.output
    assert "Posts               26" in human.output
    assert f"{MISC}/binary.md:1: error: cannot read post" in human.output
    assert (
        f"{MISC}/dup-title-2.md:1: warning: title 'Twice the title' is also the title of"
        in human.output
    )
    machine = CliRunner().invoke(main, [*args, "--json"])
    data = json.loads(machine.output)
    assert data["errors"] == 1 and data["posts"] == 26 and data["drafts"] == 0
    assert data["tags"]["Python"] == 1
    assert files_under(top) == before  # check writes nothing


def test_strict_build_fails_listing_every_problem(tmp_path):
    srcdir = make_source(tmp_path / "src")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-W",
            "--keep-going",
            "-q",
            "-b",
            "html",
            str(srcdir),
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode != 0
    for location, message in EXPECTED_WARNINGS:
        assert f"{location}: WARNING: " in run.stderr and message in run.stderr, (
            location,
            run.stderr,
        )
