"""The front-matter reader: YAML and TOML, lenient with the errors real blogs contain."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from postarchive.reading.frontmatter import read_front_matter


def read(text: str):
    return read_front_matter(text.split("\n"), "post.md")


def test_yaml_keeps_dates_as_written():
    front, problems = read(
        "---\ntitle: A\ndate: 2016-04-01T17:23:18+02:00\ntags: [a, b]\n---\nbody"
    )
    assert problems == []
    assert front.kind == "yaml"
    assert front.fields == {"title": "A", "date": "2016-04-01T17:23:18+02:00", "tags": ["a", "b"]}
    assert (front.start, front.end) == (0, 4)
    assert front.key_lines == {"title": 2, "date": 3, "tags": 4}


def test_toml_front_matter():
    front, problems = read('+++\ntitle = "A"\ndate = 2016-04-02T09:00:00+02:00\n+++\nbody')
    assert problems == []
    assert front.kind == "toml"
    assert front.fields["title"] == "A"
    assert front.fields["date"].isoformat() == "2016-04-02T09:00:00+02:00"


def test_invalid_yaml_keeps_the_valid_keys_and_names_the_line():
    front, problems = read("---\ntitle: Good\ntags: [unclosed\ndate: 2016-01-01\n---\n")
    assert front.fields["title"] == "Good"
    assert front.fields["date"] == "2016-01-01"
    assert "tags" not in front.fields
    assert next(p.line for p in problems if p.subtype == "frontmatter") in (3, 4)
    assert all(p.path == "post.md" for p in problems)


def test_invalid_toml_keeps_the_valid_keys():
    front, problems = read('+++\ntitle = "Good"\ndate = 2016-13-45\n+++\n')
    assert front.fields == {"title": "Good"}
    assert problems and problems[0].line == 3


def test_unclosed_front_matter_is_reported_and_read_as_text():
    front, problems = read("---\ntitle: A\nno end here")
    assert front.kind is None
    assert problems[0].line == 1
    assert "never closed" in problems[0].message


def test_front_matter_that_is_not_a_mapping():
    front, problems = read("---\n- a\n- b\n---\n")
    assert front.fields == {}
    assert "key: value" in problems[0].message


@given(st.text(max_size=300))
def test_any_text_gives_fields_or_problems_never_an_exception(text):
    front, problems = read("---\n" + text + "\n---\n")
    assert isinstance(front.fields, dict)
    assert all(p.path == "post.md" for p in problems)


@given(st.text(max_size=300))
def test_any_toml_text_never_raises(text):
    front, _problems = read("+++\n" + text + "\n+++\n")
    assert isinstance(front.fields, dict)
