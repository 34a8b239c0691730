"""The archive builds to PDF through LaTeX, as `make latexpdf` does, with its Unicode intact.

Uses the real conf.py (LuaLaTeX: the one TeX engine that draws colour emoji). Skipped when a tool
is missing, unless POSTARCHIVE_REQUIRE_LATEX=1 (as in CI), where that is a failure.
"""

import os
import re
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from tests.conftest import copy_repo_archive, copy_root

pytestmark = pytest.mark.slow

# lualatex and latexmk build the PDF; xindy sorts a non-ASCII index; pdftotext reads the PDF.
TOOLS = ["lualatex", "latexmk", "xindy", "pdftotext"]
JOURNEY, POST = "DjangoCon Europe 2016", "Lightning Talks, Day 3 part 2"
# Titles, repaired mojibake, a smart quote, an en dash (journey dates) and the sample's CJK.
TEXTS = [POST, "Django Under The Hood 2016 recap", "Loïc", "Don’t", "–", "日本語"]
EMOJI = "😊"  # U+1F60A, in the Lightning Talks post (repaired from mojibake)
# The seed posts hold no CJK, so the copy gets one more post with CJK in a tag, text and index.
SAMPLE = """\
---
title: Notes in 日本語
date: 2016-12-01
tags: [日本語]
---

```{index} 日本語
```

Written in 日本語, with an emoji: 😊, ~~typed~~ struck through (lua-ul).
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[str, Path, str]:
    """Sphinx's warnings, the PDF and latexmk's report, from `sphinx-build -b latex` then
    `make all-pdf`."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        reason = f"{', '.join(missing)} missing; see docs-latex-notes.md for the Debian packages"
        if os.environ.get("POSTARCHIVE_REQUIRE_LATEX") == "1":
            pytest.fail(f"POSTARCHIVE_REQUIRE_LATEX=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    src = copy_repo_archive(tmp_path_factory.mktemp("latex"))
    (src / "posts" / "2016" / "2016-12-01-notes-in-japanese.md").write_text(SAMPLE, "utf-8")
    out = src / "_build" / "latex"
    sphinx = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "latex", "--keep-going", ".", str(out)],
        cwd=src, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert sphinx.returncode == 0, sphinx.stderr  # without -W: warnings get their own test
    make = subprocess.run(
        ["make", "-C", out, "all-pdf"], capture_output=True, text=True, timeout=900
    )
    errors = [line for line in make.stdout.splitlines() if line.startswith("!")]  # TeX's
    assert make.returncode == 0, errors
    (pdf,) = out.glob("*.pdf")  # the one document of latex_documents
    return sphinx.stderr, pdf, make.stdout


@pytest.fixture(scope="module")
def text(built) -> str:
    return subprocess.check_output(["pdftotext", str(built[1]), "-"], text=True)


def test_the_latex_build_has_no_warnings(built):
    assert [line for line in built[0].splitlines() if "WARNING" in line] == []


def test_no_character_lacks_a_glyph(built):
    # A character no font has is drawn as a box, yet pdftotext still reads it: only the log tells.
    log = built[1].with_suffix(".log").read_text("utf-8", errors="replace")
    assert [line for line in log.splitlines() if line.startswith("Missing character")] == []


def test_the_text_fonts_are_set_by_tex_itself(built):
    # The archive's fonts (postarchive/publishing/latex.py) are in luaotfload's base mode, twice
    # as fast as its node mode, with the emoji and CJK fallbacks working (the tests around).
    log = built[1].with_suffix(".log").read_text("utf-8", errors="replace")
    assert '"NotoSerif:mode=base;' in log
    assert '"NotoSerif:mode=node;' not in log


@pytest.mark.parametrize("expected", TEXTS)
def test_the_pdf_has_the_text(text, expected):
    assert expected in text


def test_the_pdf_has_no_mojibake(text):
    assert "Lo√Øc" not in text and "ðŸ" not in text  # repaired on every build, PDF included


def test_the_pdf_has_the_emoji_in_colour(built):
    # Noto Color Emoji glyphs are PNG images, which pdftotext can't read; LuaLaTeX tags each
    # with its character as /ActualText (what copy and paste use) in the compressed page content.
    tag = b"/ActualText<FEFF" + EMOJI.encode("utf-16-be").hex().upper().encode() + b">"
    streams = re.findall(rb"stream\r?\n(.*?)endstream", built[1].read_bytes(), re.S)
    assert any(tag in inflate(stream) for stream in streams), f"no colour {EMOJI} in the PDF"


def inflate(stream: bytes) -> bytes:
    try:
        return zlib.decompressobj().decompress(stream)
    except zlib.error:  # not Flate (e.g. a JPEG): no page content
        return b""


def test_a_journey_holds_its_posts(text):
    # Section headings are "number title" alone on a line; contents lines end with leaders.
    def heading(title: str) -> re.Match[str]:
        found = re.search(rf"^([\d.]+) {re.escape(title)}$", text, re.M)
        assert found, f"no heading {title!r}"
        return found

    journey, post = heading(JOURNEY), heading(POST)
    assert journey.start() < post.start()
    assert post[1].startswith(journey[1] + ".")  # e.g. 1.1.1 within 1.1


# -- how many passes: an archive whose table of contents takes several pages ---------------------

POSTS = 120  # each with a tag of its own: a tag page each, a line each in the contents
READ_THE_DOCS_LATEXMK = ["latexmk", "-r", "latexmkrc", "-pdf", "-f", "-dvi-", "-ps-"]


@pytest.fixture(scope="module")
def many_posts(tmp_path_factory) -> tuple[str, str, Path]:
    """latexmk's report, the PDF's text and the PDF, for the basic archive with 120 more posts,
    built as Read the Docs builds a PDF (sphinx-build -b latex, then latexmk with Sphinx's
    latexmkrc)."""
    if missing := [tool for tool in TOOLS if shutil.which(tool) is None]:
        pytest.skip(f"{', '.join(missing)} missing")
    posts = {
        f"posts/2020/2020-01-{n % 28 + 1:02}-post-{n}.md": (
            f"---\ntitle: Post number {n}\ndate: 2020-01-{n % 28 + 1:02}\n"
            f"tags: [topic-{n}]\n---\n\nWords of post {n} 😊.\n"
        )
        for n in range(POSTS)
    }
    src = copy_root("basic", tmp_path_factory.mktemp("many") / "src", posts)
    out = src / "_build" / "latex"
    sphinx = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "latex", "-D", "latex_engine=lualatex", ".", str(out)],
        cwd=src, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert sphinx.returncode == 0, sphinx.stderr
    (tex,) = out.glob("*.tex")
    latexmk = subprocess.run(
        [*READ_THE_DOCS_LATEXMK, "-interaction=nonstopmode", tex.name],
        cwd=out, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert latexmk.returncode == 0, latexmk.stdout[-3000:]
    pdf = tex.with_suffix(".pdf")
    text = subprocess.check_output(["pdftotext", str(pdf), "-"], text=True)
    return latexmk.stdout, text, pdf


def test_latexmk_runs_lualatex_twice(many_posts):
    # Once to learn the pages, once to fill in the contents and the links; what changes in
    # between without changing the PDF (the count of pages, now with pages of contents; the font
    # cache) asks for no third pass (postarchive/publishing/latex.py).
    report, text, _ = many_posts
    assert report.count("Running 'lualatex") == 2
    contents = text[: text.index("CHAPTER")]  # the first chapter follows the contents
    assert contents.count("\f") >= 3  # title page and several pages of contents
    assert all(f"Tag: topic-{n} ." in contents for n in range(POSTS))


def test_the_pictures_and_every_post_are_in_the_pdf(many_posts):
    _, text, pdf = many_posts
    assert all(f"Words of post {n}" in text for n in range(POSTS))
    if shutil.which("pdfimages") is None:
        pytest.skip("pdfimages (poppler-utils) is missing")
    listing = subprocess.check_output(["pdfimages", "-list", str(pdf)], text=True)
    images = listing.splitlines()[2:]  # under a header of two lines
    assert any(" image " in line for line in images)  # the basic archive's bars.png


# -- a machine without some of the fonts (Read the Docs' image, a reader's laptop) ----------------


def test_a_missing_font_costs_only_the_characters_no_other_font_has(tmp_path):
    # Before, one missing fallback font left luaotfload without any font: a PDF of empty pages.
    if shutil.which("lualatex") is None or shutil.which("pdftotext") is None:
        pytest.skip("lualatex or pdftotext missing")
    from postarchive.publishing.latex import FALLBACK_FONTS, fonts_preamble

    cjk = [spec for spec in FALLBACK_FONTS if "CJK" in spec]
    preamble = fonts_preamble(
        main="Missing Serif",
        sans="Missing Sans",
        mono="Missing Mono",
        fallbacks=("Missing Emoji:mode=harf;", *cjk),
    )
    (tmp_path / "doc.tex").write_text(
        "\\documentclass{article}\n\\usepackage{fontspec}\n"
        + preamble
        + "\\begin{document}\nPlain text, 日本語, \\texttt{code} and 😊.\n\\end{document}\n",
        encoding="utf-8",
    )
    run = subprocess.run(
        ["lualatex", "-interaction=nonstopmode", "doc.tex"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-2000:]
    text = subprocess.check_output(["pdftotext", str(tmp_path / "doc.pdf"), "-"], text=True)
    assert "Plain text, 日本語, code" in text
    log = (tmp_path / "doc.log").read_text("utf-8", errors="replace")
    missing = [line for line in log.splitlines() if line.startswith("Missing character")]
    assert len(missing) == 1 and "U+1F60A" in missing[0]  # only the emoji, which no font has
