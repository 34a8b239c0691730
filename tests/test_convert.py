"""Converting the template forms real blogs use, on snippets modelled on real posts."""

from __future__ import annotations

from postarchive.importing.convert import Context, convert

POSTS = {"first": "/posts/2016/2016-01-01-first.md"}
FILES = {
    "/assets/a.png",
    "/assets/b.png",
    "/figures/f.png",
    "/images/p.png",
    "pelican:/images/p.png",
    "pelican:/images/my pic.png",
}


def context(**changes) -> Context:
    def bring(url: str, _rel: str) -> str | None:
        return "../assets" + url.removeprefix("pelican:") if url in FILES else None

    def include(name: str) -> str | None:
        return {
            "image.html": '<img src="{{ site.url }}{{ include.src }}" alt="{{ include.alt }}">'
        }.get(name)

    base = {
        "rel": "post.md",
        "find_post": lambda ref, _rel: POSTS.get(ref.rsplit("/", 1)[-1].removesuffix(".md")),
        "bring_asset": bring,
        "find_include": include,
        "find_code": lambda path: "print('hi')\n" if path == "hello.py" else None,
        "first_line": 10,
        "old_site": "https://old.example.org/blog/",
    }
    return Context(**{**base, **changes})


def test_pelican_liquid_tags():
    body = (
        '{% img /figures/f.png 400 300 "A chart" "Bars" %}\n\n{% include_code hello.py lang:python Hello %}\n\n'
        "{% notebook downloads/x.ipynb cells[2:] %}\n"
    )
    result = convert(body, "pelican", context())
    assert "```{figure} ../assets/figures/f.png\n:alt: Bars\n\nA chart\n```" in result.body
    assert "```python\nprint('hi')\n```" in result.body
    assert "{% notebook downloads/x.ipynb cells[2:] %}" in result.body  # kept, and reported:
    assert [(p.line, p.message.split(";")[0]) for p in result.problems] == [
        (14, "template tag {% notebook %} has no MyST form")
    ]


def test_html_blocks_wrapping_one_image_become_figures():
    body = (
        'Intro.\n\n<div class="imgcap">\n<img src="/assets/a.png">\n<div class="thecap">The header</div>\n</div>\n\n'
        '<div style="text-align:center;"><img src="/assets/b.png" alt="B"></div>\n\n'
        '<table><tr><td><img src="/assets/a.png"></td></tr></table>\n'
    )
    result = convert(body, "jekyll", context())
    assert "```{figure} ../assets/assets/a.png\n\nThe header\n```" in result.body
    assert "```{image} ../assets/assets/b.png\n:alt: B\n```" in result.body
    # Other HTML stays HTML, its image brought along and pointed at.
    assert '<table><tr><td><img src="../assets/assets/a.png"></td></tr></table>' in result.body
    assert result.problems == []


def test_jekyll_include_with_parameters():
    body = '{% include image.html src="/assets/a.png" alt="A screen" %}\n'
    result = convert(body, "jekyll", context())
    assert result.body.strip() == "```{image} ../assets/assets/a.png\n:alt: A screen\n```"
    assert result.problems == []


def test_hugo_paired_shortcodes():
    body = (
        '{{< highlighter rust "linenos=table" example.rs >}}\nfn main() {}\n{{< /highlighter >}}\n\n'
        "{{< notice warning >}}\nCareful.\n{{< /notice >}}\n\n{{< columns >}}\nKept text.\n{{< /columns >}}\n\n"
        "{{< highlight go >}}\nfunc x() {}\n{{< / highlight >}}\n"
    )
    result = convert(body, "hugo", context())
    assert "```rust\nfn main() {}\n```" in result.body
    assert "```{warning}\nCareful.\n```" in result.body
    assert "Kept text." in result.body and "columns" not in result.body
    assert "```go\nfunc x() {}\n```" in result.body
    assert [p.message.split(":")[0] for p in result.problems] == [
        "Hugo shortcode {{< columns >}} unwrapped"
    ]


def test_pelican_codehilite_and_converted_paths_left_alone():
    body = "Code:\n\n    :::bash\n    ls -l\n    echo hi\n\n[![P]({filename}/first.md)]({static}/images/p.png)\n"
    result = convert(body, "pelican", context())
    assert "```bash\nls -l\necho hi\n```" in result.body
    assert "[![P](/posts/2016/2016-01-01-first.md)](../assets/images/p.png)" in result.body
    assert result.problems == []


def test_links_to_pages_not_imported_go_to_the_old_site():
    result = convert("See [cards](/cards) and [first](/first.md).\n", "jekyll", context())
    assert "[cards](https://old.example.org/cards)" in result.body
    assert "[first](/posts/2016/2016-01-01-first.md)" in result.body
