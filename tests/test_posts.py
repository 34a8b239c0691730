"""Reading one post file: any bytes give a post (with problems), never an exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postarchive.reading.posts import TITLE_PLACEHOLDER, read_post


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(
        st.binary(max_size=400),
        st.text(max_size=400).map(
            lambda t: ("---\n" + t + "\n---\n" + t).encode("utf-8", "surrogatepass")
        ),
        st.text(max_size=400).map(
            lambda t: ("+++\n" + t + "\n+++\n").encode("utf-8", "surrogatepass")
        ),
    )
)
def test_any_file_gives_a_post(tmp_path, data):
    path = tmp_path / "2016-01-01-any-post.md"
    path.write_bytes(data)
    post = read_post(path, "posts/any", "posts/any.md", fix_mojibake=True)
    assert post.title.strip()
    assert post.slug
    assert all(p.path == "posts/any.md" and (p.line or 1) >= 1 for p in post.problems)
    assert TITLE_PLACEHOLDER in post.page_text or post.title_source == "heading"


def test_title_repeated_as_first_heading_is_dropped_from_the_body(tmp_path):
    path = tmp_path / "post.md"
    path.write_text("---\ntitle: Same Title\n---\n\n# Same title\n\nBody.\n", encoding="utf-8")
    post = read_post(path, "post", "post.md", fix_mojibake=True)
    lines = post.page_text.split("\n")
    assert lines[0] == f"# {TITLE_PLACEHOLDER}"
    assert "# Same title" not in lines
    assert lines[6] == "Body."  # every line keeps its number


def test_jekyll_tags_string_and_single_journey(tmp_path):
    path = tmp_path / "2016-11-06-recap.md"
    path.write_text(
        "---\ntags: django python\njourneys: DjangoCon Europe 2016\n---\nx\n", encoding="utf-8"
    )
    post = read_post(path, "recap", "recap.md", fix_mojibake=True)
    assert post.tags == ("django", "python")
    assert post.journeys == ("DjangoCon Europe 2016",)
    assert post.slug == "recap"
    assert post.title == "Recap"


def test_excerpt_is_the_part_before_more_or_the_first_prose_paragraph():
    from postarchive.reading.excerpts import excerpt

    assert excerpt(["Intro **bold** [link](x.md).", "<!--more-->", "Rest."]) == "Intro bold link."
    assert excerpt(
        ["## Heading", "", "- a list", "- item", "", "First *real* paragraph,", "two lines."]
    ) == ("First real paragraph, two lines.")
    assert excerpt(["## Only a heading", "", "- and a list"]) is None
    long = excerpt(["word " * 200])
    assert long.endswith(" …") and len(long) <= 285


def test_excerpt_reads_the_parsed_markdown_not_its_syntax():
    from postarchive.reading.excerpts import excerpt

    body = [
        "![A photo of the market](images/market.jpg)",
        "",
        "We ate at [Poutineville][1] and then at [Schwartz's](https://example.org), with",
        "*smoked meat* and `poutine` for everyone at the table that night.",
        "",
        "[1]: https://poutineville.example.org",
        "[jsx]: https://example.org/jsx",
    ]
    assert excerpt(body) == (
        "We ate at Poutineville and then at Schwartz's, with smoked meat and poutine for "
        "everyone at the table that night."
    )
    # Definitions written at the end of a long post still resolve the opening's links.
    long_body = ["Our guide, [Ana][guide], met us at the station with maps for the week.", ""]
    long_body += ["More text.", ""] * 60 + ["[guide]: https://example.org/ana"]
    assert excerpt(long_body) == "Our guide, Ana, met us at the station with maps for the week."
    # Code, HTML, tables and template tags are not prose.
    assert excerpt(["```python", "print('not prose at all, even if long enough')", "```"]) is None
    assert excerpt(['<div class="x">Raw HTML block with enough words in it here</div>']) is None
    assert excerpt(["{{< youtube abc >}}", "", "Short."]) == "Short."


def test_excerpt_of_talk_notes_is_their_notes_not_the_questions_at_the_end():
    from postarchive.reading.excerpts import excerpt

    notes = [
        "## Securing Django apps",
        "",
        "- Passwords are hashed with PBKDF2 by default",
        "- Sessions can live in signed cookies",
        "- Keep DEBUG off in production",
        "",
        "## Questions",
        "",
        "2FA?",
        "",
        "OpenStreetMaps?",
    ]
    assert excerpt(notes) == (
        "Passwords are hashed with PBKDF2 by default; Sessions can live in signed cookies; "
        "Keep DEBUG off in production"
    )


def test_excerpt_leaves_footnotes_out():
    from postarchive.reading.excerpts import excerpt

    body = [
        "Starting a blog with Hugo, and what to remember about it[^1].",
        "",
        "<!--more-->",
        "",
        "The rest.",
        "",
        "[^1]: A footnote, not the excerpt.",
    ]
    assert excerpt(body) == "Starting a blog with Hugo, and what to remember about it."
    assert excerpt(["[^1]: Only a footnote here, with enough words to pass.", "", "Prose."]) == (
        "Prose."
    )


def test_excerpt_knows_myst_and_code():
    from postarchive.reading.excerpts import excerpt

    # The mark shown in code is not the mark.
    body = [
        "Hugo cuts the summary where you write `<!--more-->` in the post, as this post shows.",
        "",
        "```html",
        "<!--more-->",
        "```",
    ]
    assert excerpt(body) == body[0].replace("`", "")
    # MyST's roles, ::: directives and targets are not prose; a role's text is.
    myst = [
        "(intro)=",
        "",
        ":::{note}",
        "A note that is long enough to be taken for the first paragraph of prose.",
        ":::",
        "",
        "See {post}`montreal-trip` for the first week of the trip, in the snow and the cold.",
    ]
    assert (
        excerpt(myst)
        == "See montreal-trip for the first week of the trip, in the snow and the cold."
    )
