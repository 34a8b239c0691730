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
