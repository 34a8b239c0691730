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
    from postarchive.reading.posts import excerpt

    assert excerpt(["Intro **bold** [link](x.md).", "<!--more-->", "Rest."]) == "Intro bold link."
    assert excerpt(
        ["## Heading", "", "- a list", "- item", "", "First *real* paragraph,", "two lines."]
    ) == ("First real paragraph, two lines.")
    assert excerpt(["## Only a heading", "", "- and a list"]) is None
    long = excerpt(["word " * 200])
    assert long.endswith(" …") and len(long) <= 285
