"""``postarchive serve``'s rebuilds (``postarchive/cli/preview.py``): each is ``sphinx-build``
run in a process forked from a helper that loaded Sphinx and the extensions once. What the
reader gets is what the command writes: the edited post's page, the command's exit code."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from postarchive.cli.check import archive_config
from postarchive.cli.preview import WarmBuilds, can_fork, extension_modules, warm_autobuild_builder
from tests.conftest import article, copy_root

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not can_fork(), reason="rebuilds are forked on Linux only"),
]

TOKYO = "posts/2021/2021-03-15-tokyo.md"


@pytest.fixture
def builds(tmp_path):
    srcdir = copy_root("reader", tmp_path / "src")
    _, namespace = archive_config(srcdir)
    assert "postarchive" in extension_modules(namespace, srcdir)
    warm = WarmBuilds(extension_modules(namespace, srcdir))
    yield srcdir, warm
    warm.close()


def test_a_rebuild_shows_the_edit(builds):
    srcdir, warm = builds
    out = srcdir / "_build" / "html"
    args = ["-b", "html", "-q", "-d", str(srcdir / "_build" / "doctrees"), str(srcdir), str(out)]
    assert warm.build(args) == 0
    page = "posts/2021/2021-03-15-tokyo"
    assert "A paragraph written later." not in article(out, page).get_text()
    post = srcdir / TOKYO
    post.write_text(post.read_text(encoding="utf-8") + "\nA paragraph written later.\n")
    assert warm.build(args) == 0
    assert "A paragraph written later." in article(out, page).get_text()
    # A build that fails says so, as sphinx-build's exit code.
    assert warm.build(["-b", "html", "-q", str(srcdir / "missing"), str(out)]) != 0
    # The helper still builds after a failed build.
    assert warm.build(args) == 0


def test_an_extension_of_the_archive_is_not_preloaded(tmp_path):
    """One the author keeps beside conf.py may be what they are editing: each build imports it
    afresh."""
    srcdir = copy_root("reader", tmp_path / "src")
    (srcdir / "local_notes.py").write_text("def setup(app):\n    return {}\n")
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8")
        + "import os, sys\nsys.path.insert(0, os.path.dirname(__file__))\n"
        + "extensions.append('local_notes')\n",
        encoding="utf-8",
    )
    _, namespace = archive_config(srcdir)
    modules = extension_modules(namespace, srcdir)
    assert "postarchive" in modules and "furo" in modules
    assert "local_notes" not in modules


def test_the_preview_builder_rebuilds_with_the_helper(builds, capsys):
    srcdir, warm = builds
    out: Path = srcdir / "_build" / "html"
    make_builder = warm_autobuild_builder(warm)
    builder = make_builder(
        [str(srcdir), str(out), "-d", str(srcdir / "_build" / "doctrees"), "-q"],
        url_host="127.0.0.1:8000",
        pre_build_commands=[],
        post_build_commands=[],
    )
    # sphinx-autobuild pickles the builder into the process that runs each rebuild.
    pickle.loads(pickle.dumps(builder))(changed_paths=[srcdir / TOKYO])
    assert (out / "posts/2021/2021-03-15-tokyo.html").is_file()
    assert "Serving on http://127.0.0.1:8000" in capsys.readouterr().out
