"""Page names for tags and journeys: safe, ASCII, unique."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postarchive.reading.slugs import name_key, slugify, unique_slugs

SAFE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Django", "django"),
        ("C++", "c-plus-plus"),
        ("C#", "c-sharp"),
        ("Köln", "koln"),
        ("日本語", "u65e5-u672c-u8a9e"),
        ("open source", "open-source"),
        ("<script>", "script"),
        ("../../etc/passwd", "etc-passwd"),
        ("", "untitled"),
    ],
)
def test_slugify(name, slug):
    assert slugify(name) == slug


def test_case_and_unicode_variants_are_one_name():
    assert name_key("Django") == name_key("django") == name_key(" DJANGO ")
    assert name_key("Ko\u0308ln") == name_key("Köln")  # decomposed and composed ö


def test_clashing_slugs_are_made_distinct_and_avoid_reserved_names():
    slugs = unique_slugs(["c", "c++", "c-plus-plus", "index"])
    assert len(set(slugs.values())) == 4
    assert slugs["index"] != "index"


@given(st.lists(st.text(max_size=80), max_size=30, unique=True))
def test_slugs_are_unique_safe_path_segments(names):
    slugs = unique_slugs(names)
    assert len(set(slugs.values())) == len(names)
    for slug in slugs.values():
        assert SAFE.match(slug), slug
        assert len(slug) <= 64


@given(st.text(max_size=80))
def test_name_key_is_stable_and_never_raises(name):
    key = name_key(name)
    assert name_key(key) == key
    assert name_key(name.upper()) == name_key(name.lower()) or not name.isascii()
