"""The README's tables of settings and warnings are made from their one definition each."""

from postarchive.config import config_reference
from postarchive.reading.problems import warning_reference
from tests.conftest import REPO


def test_readme_documents_every_setting_as_defined():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- config-table", 1)[1].split("<!-- end config-table", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    expected = [
        f"| `{name}` | `{default!r}` | {help} |" for name, default, help in config_reference()
    ]
    assert rows == expected


def test_readme_documents_every_warning_as_declared():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- warnings-table", 1)[1].split("<!-- end warnings-table", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    expected = [f"| `{name}` | {meaning} |" for name, meaning in warning_reference()]
    assert rows == expected


def test_archive_your_blog_comes_first_and_its_commands_work(tmp_path, monkeypatch):
    """The README's first section, run as written: the blog's path is the only stand-in."""
    import sphinx.locale
    from click.testing import CliRunner

    from postarchive.cli import main
    from tests.test_init import hugo_blog

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first = readme.split("\n## ")[1]
    assert first.startswith("Archive your blog\n")
    block = first.split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [
        part.strip().split("#", 1)[0].strip()
        for line in block.splitlines()
        for part in line.split("&&")
    ]
    assert commands[0].startswith("pip install ")
    blog = hugo_blog(tmp_path / "blog")
    monkeypatch.chdir(tmp_path)
    try:
        for command in commands[1:]:
            words = command.replace("path/to/blog", str(blog)).split()
            if words[0] == "cd":
                monkeypatch.chdir(words[1])
                continue
            assert words[0] == "postarchive", command
            result = CliRunner().invoke(main, words[1:])
            assert result.exit_code == 0, (command, result.output)
    finally:
        # The build ran in this process: its Portuguese translations must not outlive it (they
        # would change Sphinx's translated defaults for the next builds), as Sphinx's test
        # applications make sure on cleanup.
        sphinx.locale.translators.clear()
    assert (tmp_path / "my-archive/_build/html/pages/about.html").is_file()
    assert "Diário de viagem" in (tmp_path / "my-archive/_build/html/index.html").read_text(
        encoding="utf-8"
    )
