"""The theme's templates are compiled once and kept beside the environment: a rebuild compiles
none of them, and a template whose source changed is compiled again."""

from __future__ import annotations

from pathlib import Path

from jinja2.sandbox import SandboxedEnvironment

from postarchive.site.templates import TEMPLATES_CACHE
from tests.conftest import article, copy_root, read_html

DAY_ONE = "posts/2016/2016-04-01-day-one.md"
OWN_TEMPLATES = {"templates_path": ["_templates"]}


def page_template(mark: str) -> str:
    return (
        '{% extends "!page.html" %}{% block footer %}'
        f'<p class="template-mark">{mark}</p>{{{{ super() }}}}{{% endblock footer %}}'
    )


def test_a_rebuild_compiles_no_template_until_one_changes(tmp_path, build_root, monkeypatch):
    srcdir = copy_root("basic", tmp_path / "src", {"_templates/page.html": page_template("one")})
    first = build_root(srcdir=srcdir, confoverrides=OWN_TEMPLATES)
    assert list((Path(first.doctreedir) / TEMPLATES_CACHE).rglob("*.cache"))
    assert read_html(first.outdir, "index").select_one(".template-mark").text == "one"

    compiled: list[str] = []
    own_compile = SandboxedEnvironment.compile

    def counting_compile(self, source, name=None, filename=None, *args, **kwargs):
        if name is not None:  # a template file (not a string rendered once, never cached)
            compiled.append(name)
        return own_compile(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(SandboxedEnvironment, "compile", counting_compile)
    post = srcdir / DAY_ONE
    post.write_text(post.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    second = build_root(srcdir=srcdir, confoverrides=OWN_TEMPLATES)
    assert "One more line." in article(Path(second.outdir), DAY_ONE.removesuffix(".md")).text
    assert compiled == []  # every template came compiled from the first build

    (srcdir / "_templates/page.html").write_text(page_template("two"), encoding="utf-8")
    third = build_root(srcdir=srcdir, confoverrides=OWN_TEMPLATES)
    assert compiled == ["page.html"]  # only the changed one, compiled again
    assert read_html(third.outdir, "index").select_one(".template-mark").text == "two"
