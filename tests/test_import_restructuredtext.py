"""Pelican's reStructuredText articles come in as Markdown posts, whole (a real blog, thewagner.net,
had 14 of its 62 articles in rST: they were left out)."""

from __future__ import annotations

from tests.conftest import write_files
from tests.test_import import article, output, run_import
from tests.test_import_layouts import archive, imported  # noqa: F401 (a fixture)

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
LED = """\
Led and button
==============

:date: 2013-06-26 10:20
:tags: raspberrypi, electronics
:category: Tinkering
:summary: Blinking an LED.

A *first* circuit, with ``GPIO`` pins [#]_ and a :abbr:`LED (light-emitting diode)`.

.. image:: |static|/images/pi/board.png
    :alt: The board

See the `case <{filename}/2013-03-17-case.md>`_ I made.

.. code-block:: python

    import RPi.GPIO as GPIO
    GPIO.setup(12, GPIO.OUT)

.. note:: Mind the *resistor*.

.. code-block:: rst

    Old Pelican wrote |static|/images/x.png, kept as written here.

.. youtube:: dQw4w9WgXcQ

.. Vimeo:: 12345

Power
-----

The current is :math:`I = V / R`.

.. [#] General-purpose input/output.
"""


def test_a_pelican_rst_article_is_imported_whole(tmp_path, archive, build_root):  # noqa: F811
    source = write_files(tmp_path / "blog", {
        "pelicanconf.py": "PATH = 'content'\nSTATIC_PATHS = ['images']\n",
        "content/2013-06-26-led.rst": LED,
        "content/2013-03-17-case.md": "Title: The case\nDate: 2013-03-17\n\nCardboard.\n",
        "content/images/pi/board.png": PNG,
    })  # fmt: skip
    result = run_import(source, archive)
    assert imported(archive) == ["2013/2013-03-17-case.md", "2013/2013-06-26-led.md"]
    text = (archive / "posts/2013/2013-06-26-led.md").read_text(encoding="utf-8")
    front, body = text.split("---\n", 2)[1:]
    assert "title: Led and button" in front and "- electronics" in front
    assert "date: 2013-06-26 10:20" in front and "Tinkering" in front
    assert "A *first* circuit, with `GPIO` pins [^1]" in body
    assert "```python\nimport RPi.GPIO as GPIO\nGPIO.setup(12, GPIO.OUT)\n```" in body
    assert "```{note}\nMind the *resistor*.\n```" in body
    assert "Old Pelican wrote |static|/images/x.png, kept as written here." in body  # code
    assert "```\n.. youtube:: dQw4w9WgXcQ\n```" in body  # unknown: kept as written
    assert "```\n.. Vimeo:: 12345\n```" in body  # docutils looks names up in lower case
    assert "## Power" in body and "{math}`I = V / R`" in body
    assert "[^1]: General-purpose input/output." in body
    assert "2013-06-26-led.rst:27" in result.output  # the unknown directive, by its line
    assert "youtube" in result.output

    out, warnings = output(build_root(srcdir=archive))
    assert warnings == []
    page = article(out, "posts/2013/2013-06-26-led")
    assert page.select_one("h1").get_text().rstrip("¶") == "Led and button"
    assert page.select_one("img[alt='The board']") is not None  # copied along
    link = page.find("a", string="case")
    assert link["href"].endswith("2013-03-17-case.html")
    assert page.select_one("div.highlight-python") is not None
    assert page.select_one("div.admonition.note") is not None
    assert page.select_one("aside.footnote, .footnote") is not None
    assert page.select_one("span.math, .math") is not None
    journey = article(out, "archive/journeys/tinkering")
    assert "Led and button" in journey.get_text()
