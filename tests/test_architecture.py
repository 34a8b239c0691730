"""docs/architecture.md maps the build as the code wires it, and the stages keep to their
boundaries."""

from __future__ import annotations

import ast

from postarchive import wiring
from tests.conftest import REPO


def test_the_map_lists_every_handler_as_wired():
    doc = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = doc.split("<!-- handlers", 1)[1].split("<!-- end handlers", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert rows == wiring.handler_table()


def test_handlers_are_listed_in_the_order_sphinx_calls_them():
    events = [
        "config-inited", "builder-inited", "env-get-outdated", "source-read", "doctree-read",
        "env-updated", "env-get-updated", "write-started", "doctree-resolved", "html-page-context",
        "html-collect-pages", "build-finished",
    ]  # fmt: skip
    order = [(events.index(h.event), h.priority) for h in wiring.HANDLERS]
    assert order == sorted(order)


def test_only_the_wiring_connects_events():
    connecting = []
    for path in sorted((REPO / "postarchive").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            is_call = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            # app.connect(...) or self.app.connect(...), not a socket's connect
            receiver = node.func.value if is_call else None
            on_app = (isinstance(receiver, ast.Name) and receiver.id == "app") or (
                isinstance(receiver, ast.Attribute) and receiver.attr == "app"
            )
            if on_app and node.func.attr == "connect":
                connecting.append(path.relative_to(REPO).as_posix())
    assert set(connecting) <= {"postarchive/wiring.py", "postarchive/cli/building.py"}


def test_reading_and_catalog_do_not_use_sphinx_applications():
    """reading/ does not import Sphinx at all; catalog/ uses no application or environment."""
    for folder, banned in (
        ("reading", ("sphinx",)),
        ("catalog", ("sphinx.application", "sphinx.environment")),
    ):
        for path in (REPO / "postarchive" / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                for name in names:
                    assert not name.startswith(banned), f"{path.name} imports {name}"
