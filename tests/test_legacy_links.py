"""Legacy links (Hugo ref/relref, Jekyll post_url/link, Pelican {filename}, links to old
addresses) are recognised by one module, for the importer and the build alike: made into links
in prose, and left exactly as written in code, fenced or inline."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sphinx.util.console import strip_colors

from postarchive.reading.legacy import (
    FORMS,
    LegacyLink,
    PostNames,
    ReferenceIndex,
    reference_keys,
    rewrite_legacy_links,
)
from tests.conftest import article, links_by_text, sphinx_build, write_files
from tests.test_import import archive, run_import  # noqa: F401 (archive is a fixture)

# Every legacy form, once; each is to name the post "second" (the old address too).
FORMS_WRITTEN = [
    '{{< ref "second.md" >}}',
    "{{% relref second %}}",
    "{% post_url 2016-01-02-second %}",
    "{%- link _posts/2016-01-02-second.md -%}",
    "{filename}/second.md",
    "[old](/2016/01/02/second/)",
]


def resolve(link: LegacyLink) -> str | None:
    if link.form.name == "markdown":
        return "/posts/second.md" if link.reference == "/2016/01/02/second/" else None
    known = ("second", "2016-01-02-second", "_posts/2016-01-02-second", "/second")
    return "/posts/second.md" if link.reference.removesuffix(".md") in known else None


def test_every_form_is_rewritten_in_prose_and_left_alone_in_code():
    prose = [f"Prose {written} here." for written in FORMS_WRITTEN]
    inline = [f"Inline `{written}` and ``a ` {written}``." for written in FORMS_WRITTEN]
    text = "\n".join(
        [
            "# Title",
            *prose,
            "",
            *inline,
            "",
            "```markdown",
            *FORMS_WRITTEN,
            "```",
            "",
            "   ~~~~",
            *FORMS_WRITTEN,
            "   ~~~~",
            "",
            "- a list item with code:",
            "",
            "      ````",
            *FORMS_WRITTEN,
            "      ```",  # shorter: does not close the fence
            "      ````",
            "",
            "After the code: {{< ref second >}}.",
        ]
    )
    seen: list[tuple[int, str]] = []

    def recording(link: LegacyLink) -> str | None:
        seen.append((link.line, link.written))
        return resolve(link)

    result = rewrite_legacy_links(text, recording)
    before, after = text.split("\n"), result.split("\n")
    assert len(after) == len(before)  # every line keeps its number
    rewritten = {n: line for n, line in enumerate(after, start=1) if line != before[n - 1]}
    assert rewritten == {
        2: "Prose [](/posts/second.md) here.",  # a post named bare shows its title
        3: "Prose [](/posts/second.md) here.",
        4: "Prose [](/posts/second.md) here.",
        5: "Prose [](/posts/second.md) here.",
        6: "Prose [](/posts/second.md) here.",
        7: "Prose [old](/posts/second.md) here.",
        len(before): "After the code: [](/posts/second.md).",
    }
    # Only the prose was looked up, at its lines.
    assert seen == [
        (n, FORMS_WRITTEN[n - 2].removeprefix("[old](").rstrip(")")) for n in range(2, 8)
    ] + [(len(before), "{{< ref second >}}")]


def test_inline_code_spans_lines_but_not_paragraphs():
    text = "Code `spans\n{{< ref second >}}` lines.\n\nAn `unclosed\n\n{{< ref second >}}\n"
    assert rewrite_legacy_links(text, resolve).split("\n") == [
        "Code `spans",
        "{{< ref second >}}` lines.",
        "",
        "An `unclosed",
        "",
        "[](/posts/second.md)",
        "",
    ]


def test_destinations_and_directives():
    text = "\n".join(
        [
            '[a]({{< ref "second.md#part" >}}) <a href="{% post_url 2016-01-02-second %}">b</a>',
            "[![img](/2016/01/02/second/)](/2016/01/02/second/)",
            "[id]: /2016/01/02/second/#top",
            "x = {{< ref second >}}",
            "[c](",  # a destination on the next line (thewagner.net)
            "{filename}2016-01-02-second.md)",
            "Prose",
            "{{< ref second >}}",
            "```{note}",
            "A note is prose: {{< ref second >}}",
            "```",
            "```{code-block} text",
            "{{< ref second >}}",
            "```",
        ]
    )
    assert rewrite_legacy_links(text, resolve).split("\n") == [
        '[a](/posts/second.md#part) <a href="/posts/second.md">b</a>',
        "[![img](/2016/01/02/second/)](/posts/second.md)",  # an image is not a link to a page
        "[id]: /posts/second.md#top",
        "x = [](/posts/second.md)",  # only an attribute's = opens a destination
        "[c](",
        "/posts/second.md)",
        "Prose",
        "[](/posts/second.md)",
        "```{note}",
        "A note is prose: [](/posts/second.md)",
        "```",
        "```{code-block} text",
        "{{< ref second >}}",
        "```",
    ]


def test_a_shortcode_over_several_lines_keeps_the_lines_after_it():
    text = '{{< ref\n  "second.md" >}} and\n[old](/2016/01/02/second/)'
    assert (
        rewrite_legacy_links(text, resolve) == "[](/posts/second.md)\n and\n[old](/posts/second.md)"
    )


def test_only_the_forms_asked_for():
    text = "{{< ref second >}} {% post_url 2016-01-02-second %}"
    hugo = [form for form in FORMS if form.name == "hugo"]
    assert rewrite_legacy_links(text, resolve, hugo) == (
        "[](/posts/second.md) {% post_url 2016-01-02-second %}"
    )


def test_references_are_found_by_file_stem_slug_and_address():
    index = ReferenceIndex(
        [
            PostNames(
                "posts/2016/2016-01-02-second",
                ("content/posts/second.md",),
                stem="second",
                slug="two",
                addresses=("/2016/01/02/second/",),
            ),
            PostNames("posts/2016/2016-01-03-third", ("content/posts/third.md",), stem="third"),
            # A slug never takes a name a file already has; a stem two posts share names neither.
            PostNames("posts/x", ("content/notes/x.md",), stem="dup", slug="third"),
            PostNames("posts/y", ("content/other/y.md",), stem="dup"),
        ]
    )
    second = "posts/2016/2016-01-02-second"
    for reference in (
        "second.md",
        "/second",
        "content/posts/second.md",
        "posts/second.markdown",
        "../posts/second.md#part",
        "two",
        "/2016/01/02/second/",
        "second%2Emd",
    ):
        assert index.find(reference) == second, reference
    assert index.find("third") == "posts/2016/2016-01-03-third"
    assert index.find("dup") is None
    assert index.find("y.md", relative_to="content/other/z.md") == "posts/y"
    assert index.find("missing.md") is None
    assert reference_keys("./a/b.md#x")[0] == "a/b"


# -- In a build ----------------------------------------------------------------------------------

CODE_POST = """---
title: Code
date: 2016-01-04
---

Prose: {{< ref "b-second.md" >}}, [jekyll]({% post_url 2016-01-03-c-third %}) and [old](/post/2016/c-third/).

Inline: `{{< ref "b-second.md" >}}`, `{% post_url 2016-01-03-c-third %}` and `[old](/post/2016/c-third/)`.

```text
{{< ref "b-second.md" >}}
[jekyll]({% post_url 2016-01-03-c-third %})
[old](/post/2016/c-third/)
```

~~~~
{{< relref "missing.md" >}}
~~~~
"""


@pytest.fixture(scope="module")
def code_build(rootdir, tmp_path_factory):
    top = tmp_path_factory.mktemp("legacy")
    shutil.copytree(rootdir / "test-links", top / "src")
    (top / "src" / "posts" / "i-code.md").write_text(CODE_POST, encoding="utf-8")
    return sphinx_build(srcdir=top / "src", builddir=top / "out")


def test_build_links_prose_and_shows_code_as_written(code_build):
    page = article(Path(code_build.outdir), "posts/i-code")
    prose = next(p for p in page.select("p") if p.get_text().startswith("Prose"))
    assert links_by_text(prose) == {
        "Second": "b-second.html",  # a bare ref shows the post's title
        "jekyll": "2016-01-03-c-third.html",
        "old": "2016-01-03-c-third.html",
    }
    inline = [code.get_text() for code in page.select("p code")]
    assert inline == [
        '{{< ref "b-second.md" >}}',
        "{% post_url 2016-01-03-c-third %}",
        "[old](/post/2016/c-third/)",
    ]
    blocks = [pre.get_text() for pre in page.select("pre")]
    assert blocks == [
        '{{< ref "b-second.md" >}}\n[jekyll]({% post_url 2016-01-03-c-third %})\n'
        "[old](/post/2016/c-third/)\n",
        '{{< relref "missing.md" >}}\n',
    ]
    assert not page.select("pre a, code a")
    # A shortcode in code names nothing: nothing is reported about it.
    warnings = strip_colors(code_build.warning.getvalue())
    assert "i-code" not in warnings, warnings


# -- In an import --------------------------------------------------------------------------------


def test_import_converts_prose_and_keeps_code(tmp_path, archive):  # noqa: F811
    source = write_files(tmp_path / "jekyll", {
        "_config.yml": "title: Old blog\n",
        "_posts/2016-11-05-first.md": "---\ntitle: First\n---\n\nOne.\n",
        "_posts/2016-11-06-code.md": (
            "---\ntitle: Code\n---\n\n"
            "See [the first]({% post_url 2016-11-05-first %}) and [old](/2016/11/05/first.html).\n\n"
            "Write `{% post_url 2016-11-05-first %}` or `[old](/2016/11/05/first.html)`.\n\n"
            "```liquid\n[the first]({% post_url 2016-11-05-first %})\n{% post_url missing %}\n```\n"
        ),
    })  # fmt: skip
    result = run_import(source, archive)
    assert "missing" not in result.output  # nothing is reported about code
    body = (archive / "posts/2016/2016-11-06-code.md").read_text(encoding="utf-8")
    body = body.split("---\n", 2)[2].lstrip("\n")
    assert body == (
        "See [the first](/posts/2016/2016-11-05-first.md) and [old](/posts/2016/2016-11-05-first.md).\n\n"
        "Write `{% post_url 2016-11-05-first %}` or `[old](/2016/11/05/first.html)`.\n\n"
        "```liquid\n[the first]({% post_url 2016-11-05-first %})\n{% post_url missing %}\n```\n"
    )
