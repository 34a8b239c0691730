"""The command line, through its real entry point, on temporary archives."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from postarchive.cli import main
from postarchive.reading.posts import read_post
from tests.conftest import copy_repo_archive, copy_root

COMMANDS = [[], ["new"], ["journey"], ["journey", "new"], ["build"], ["serve"], ["check"]]


@pytest.fixture
def archive(tmp_path) -> Path:
    """A copy of this repository's archive."""
    return copy_repo_archive(tmp_path / "archive")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "postarchive")
def test_every_command_has_help(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert result.output.startswith("Usage: ")
    assert len(result.output.splitlines()) > 4


def test_new_post_has_correct_front_matter_and_file_name(archive):
    result = run(
        "new",
        'Hello: a "quoted" title',
        "--dir",
        str(archive),
        "--tags",
        "django, open source",
        "--journey",
        "djangocon-europe-2016",
        "--date",
        "2016-04-05T10:00:00+02:00",
    )
    path = archive / "posts/2016/2016-04-05-hello-a-quoted-title.md"
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote {path}\n"
    post = read_post(path, "p", "p.md", fix_mojibake=True)
    assert post.problems == []
    assert post.title == 'Hello: a "quoted" title'
    assert post.tags == ("django", "open source")
    assert post.journeys == ("djangocon-europe-2016",)
    assert post.date.text == "2016-04-05T10:00:00+02:00"


def test_new_post_refuses_to_overwrite(archive):
    args = ["new", "Same", "--dir", str(archive), "--date", "2016-04-05"]
    assert run(*args).exit_code == 0
    path = archive / "posts/2016/2016-04-05-same.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nMy words.\n", encoding="utf-8")
    again = run(*args)
    assert again.exit_code == 1
    assert "already exists" in again.output and "Traceback" not in again.output
    assert path.read_text(encoding="utf-8").endswith("My words.\n")


def test_new_post_with_a_bad_date_is_refused(archive):
    result = run("new", "When", "--dir", str(archive), "--date", "2016-02-30")
    assert result.exit_code == 1
    assert "--date" in result.output and "not a calendar date" in result.output


def test_journey_new(archive):
    result = run(
        "journey",
        "new",
        "pycon-2017",
        "--title",
        "PyCon: 2017",
        "--date",
        "2017-05-17",
        "--dir",
        str(archive),
    )
    assert result.exit_code == 0, result.output
    description = read_post(archive / "journeys/pycon-2017.md", "j", "j.md", fix_mojibake=True)
    assert description.title == "PyCon: 2017" and description.problems == []
    wrong = run("journey", "new", "PyCon 2017", "--title", "x", "--dir", str(archive))
    assert wrong.exit_code == 1 and "did you mean 'pycon-2017'" in wrong.output
    assert run("journey", "new", "pycon-2017", "--title", "x", "--dir", str(archive)).exit_code == 1


def test_build_shows_progress_result_and_writes_the_site(archive):
    result = run("build", "html", "--dir", str(archive))
    assert result.exit_code == 0, result.output
    assert "✓ html in " in result.output
    assert (archive / "_build/html/index.html").is_file()
    assert (archive / "_build/doctrees/environment.pickle").is_file()


def test_strict_builds_of_two_formats_in_one_process(archive):
    """`postarchive build all` builds each format in turn in one process: the second must not
    find the first one's nodes and directives registered (a warning, which fails -W)."""
    for builder in ("html", "singlehtml"):
        result = run("build", builder, "--dir", str(archive), "--strict")
        assert result.exit_code == 0, result.output
        assert "already registered" not in result.output


def test_strict_build_lists_warnings_and_fails(tmp_path):
    copy_root("bad", tmp_path / "bad")
    result = run("build", "--dir", str(tmp_path / "bad"), "--strict")
    assert result.exit_code == 1
    assert "✗ html failed" in result.output
    assert "posts/misc/bad-date.md:3: WARNING:" in result.output
    assert "posts/misc/empty.md:1: WARNING: the post is empty" in result.output


def test_commands_refuse_a_folder_that_is_not_an_archive(tmp_path):
    for command in (["build"], ["check"], ["new", "x"], ["serve"]):
        args = (
            [*command, str(tmp_path)]
            if command == ["check"]
            else [*command, "--dir", str(tmp_path)]
        )
        result = run(*args)
        assert result.exit_code == 2, command
        assert "has no conf.py" in result.output and "Traceback" not in result.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            page = urllib.request.urlopen(url, timeout=2).read().decode()
            if text in page:
                return page
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {text!r}")


@pytest.mark.slow
def test_serve_rebuilds_an_edited_post_once_and_does_not_loop(archive):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "postarchive", "serve", "--dir", str(archive), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        _wait_for(base, "DjangoCon Europe 2016")
        post = archive / "posts/2016/2016-11-06-django-under-the-hood-2016-recap.md"
        post.write_text(
            post.read_text(encoding="utf-8").replace("## Day one", "## First day"), encoding="utf-8"
        )
        _wait_for(base + "posts/2016/2016-11-06-django-under-the-hood-2016-recap.html", "First day")
        time.sleep(4)  # a build that triggered itself would start within this time
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert output.count("Rebuilding...") == 1, output
    assert output.count("build succeeded") == 2, output


def test_commands_take_a_relative_archive_folder(archive, monkeypatch):
    monkeypatch.chdir(archive.parent)
    assert run("check", archive.name).exit_code == 0
    assert run("new", "Relative", "--dir", archive.name, "--date", "2020-01-01").exit_code == 0
    assert (archive / "posts/2020/2020-01-01-relative.md").is_file()
