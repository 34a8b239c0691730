"""The archive builds to PDF through LaTeX (what `make latexpdf` does), its Unicode intact.

Builds a copy of the real archive with the real conf.py, which picks LuaLaTeX: the one TeX engine
that draws colour emoji. Skipped when the TeX tools are missing, unless
POSTARCHIVE_REQUIRE_LATEX=1 (as in CI), where that is a failure.
"""

import os
import re
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ["conf.py", "index.md", "posts", "journeys", "_static", "_templates"]
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

Written in 日本語, with an emoji: 😊.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[str, Path]:
    """Sphinx's warnings and the PDF, from `sphinx-build -b latex` then `make all-pdf`."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        reason = f"{', '.join(missing)} missing; see docs-latex-notes.md for the Debian packages"
        if os.environ.get("POSTARCHIVE_REQUIRE_LATEX") == "1":
            pytest.fail(f"POSTARCHIVE_REQUIRE_LATEX=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    src = tmp_path_factory.mktemp("latex")
    for name in ARCHIVE:
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, src / name)
    (src / "posts" / "2016" / "2016-12-01-notes-in-japanese.md").write_text(SAMPLE, "utf-8")
    out = src / "_build" / "latex"
    sphinx = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "latex", "--keep-going", ".", str(out)],
        cwd=src, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert sphinx.returncode == 0, sphinx.stderr  # without -W: warnings get their own test
    make = subprocess.run(
        ["make", "-C", str(out), "all-pdf"], capture_output=True, text=True, timeout=900
    )
    assert make.returncode == 0, make.stdout[-3000:]
    pdfs = list(out.glob("*.pdf"))
    assert len(pdfs) == 1, f"expected one PDF in {out}, found {pdfs}"
    return sphinx.stderr, pdfs[0]


@pytest.fixture(scope="module")
def text(built) -> str:
    return subprocess.run(
        ["pdftotext", str(built[1]), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_latex_build_has_no_warnings(built):
    assert [line for line in built[0].splitlines() if "WARNING" in line or "ERROR" in line] == []


@pytest.mark.parametrize("expected", TEXTS)
def test_the_pdf_has_the_text(text, expected):
    assert expected in text


def test_the_pdf_has_no_mojibake(text):
    # postarchive repairs the seed posts' mojibake on every build, PDF included.
    assert "Lo√Øc" not in text and "ðŸ" not in text


def test_the_pdf_has_the_emoji(text, built):
    # A colour emoji is a PNG image: pdftotext can't read it, but LuaLaTeX tags it with the
    # character as /ActualText (which copy and paste use) inside the compressed page content.
    if EMOJI in text:
        return
    tag = b"/ActualText<FEFF" + EMOJI.encode("utf-16-be").hex().upper().encode() + b">"
    streams = re.findall(rb"stream\r?\n(.*?)endstream", built[1].read_bytes(), re.S)
    assert any(tag in inflate(stream) for stream in streams), f"no {EMOJI} in the PDF"


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
