"""The README's settings table is made from the one definition of the settings."""

from postarchive.config import config_reference
from tests.conftest import REPO


def test_readme_documents_every_setting_as_defined():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- config-table", 1)[1].split("<!-- end config-table", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    expected = [
        f"| `{name}` | `{default!r}` | {help} |" for name, default, help in config_reference()
    ]
    assert rows == expected
