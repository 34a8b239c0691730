"""The catalog's cache of read posts: a rebuild reads no unchanged post, reads an edited one
again, and never believes an entry it cannot read."""

from __future__ import annotations

import pickle

import pytest

import postarchive.catalog.gather as gather
from postarchive.catalog.gather import build_catalog
from postarchive.config import ArchiveConfig
from tests.conftest import copy_root

DAY_ONE = "posts/2016/2016-04-01-day-one.md"


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The post files read from disk (not from the cache), as their paths under the root."""
    read: list[str] = []
    own_read = gather.read_post

    def counting_read(path, docname, display_path, **kwargs):
        if display_path.startswith("posts/"):
            read.append(display_path)
        return own_read(path, docname, display_path, **kwargs)

    monkeypatch.setattr(gather, "read_post", counting_read)
    return read


def summary(catalog) -> dict[str, tuple]:
    return {
        docname: (post.title, post.date and post.date.text, post.tags, post.page_text)
        for docname, post in catalog.posts.items()
    }


def test_a_rebuild_reads_only_the_edited_post(tmp_path, reads):
    root = copy_root("basic", tmp_path / "src")
    cache = tmp_path / "catalog.pickle"
    first = summary(build_catalog(root, ArchiveConfig(), cache))
    count = len(reads)
    assert count >= len(first) > 1  # the posts, and a draft

    assert summary(build_catalog(root, ArchiveConfig(), cache)) == first
    assert len(reads) == count  # all from the cache

    post = root / DAY_ONE
    post.write_text(
        post.read_text(encoding="utf-8").replace("title: Day one at DjangoCon", "title: Day 1"),
        encoding="utf-8",
    )
    edited = summary(build_catalog(root, ArchiveConfig(), cache))
    assert reads[count:] == [DAY_ONE]
    assert edited["posts/2016/2016-04-01-day-one"][0] == "Day 1"
    # The edited post was saved to the cache with the others: nothing is read the next time.
    assert summary(build_catalog(root, ArchiveConfig(), cache)) == edited
    assert reads[count:] == [DAY_ONE]


def test_an_entry_that_cannot_be_read_is_read_from_its_file(tmp_path, reads):
    root = copy_root("basic", tmp_path / "src")
    cache = tmp_path / "catalog.pickle"
    first = summary(build_catalog(root, ArchiveConfig(), cache))
    version, entries = pickle.loads(cache.read_bytes())
    key, _ = entries[DAY_ONE]
    entries[DAY_ONE] = (key, b"not a pickle")
    cache.write_bytes(pickle.dumps((version, entries)))
    count = len(reads)
    assert summary(build_catalog(root, ArchiveConfig(), cache)) == first
    assert reads[count:] == [DAY_ONE]
    # ... and saved again, readable this time.
    assert summary(build_catalog(root, ArchiveConfig(), cache)) == first
    assert reads[count:] == [DAY_ONE]


@pytest.mark.parametrize("damage", ["not a pickle", "another version"])
def test_a_cache_that_cannot_be_used_is_ignored(tmp_path, reads, damage):
    root = copy_root("basic", tmp_path / "src")
    cache = tmp_path / "catalog.pickle"
    first = summary(build_catalog(root, ArchiveConfig(), cache))
    files = len(reads)
    if damage == "not a pickle":
        cache.write_bytes(b"\x00garbage")
    else:
        _, entries = pickle.loads(cache.read_bytes())
        cache.write_bytes(pickle.dumps(("an older reader", entries)))
    count = len(reads)
    assert summary(build_catalog(root, ArchiveConfig(), cache)) == first
    assert len(reads) - count == files  # every post read from its file
