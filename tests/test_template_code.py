"""The bundled templates' compiled code shipped with the install (newsletter/template_code.py):
a new data dir's first render loads it instead of compiling, and it is never a wrong template."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import newsletter.template_code as template_code
from newsletter.job import build_issue
from newsletter.render import TEXT_TEMPLATE, Renderer, bundled_templates_dir
from newsletter.settings import Settings
from newsletter.ship_templates import ship

DAY = dt.date(2025, 2, 11)  # the bundled sample day


def _compiled_by(renderer: Renderer) -> list[str | None]:
    """The names `renderer` compiles from source from now on."""
    compiled: list[str | None] = []
    compile_source = renderer.env.compile

    def counting(source: str, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        compiled.append(name)
        return compile_source(source, name, *args, **kwargs)

    renderer.env.compile = counting  # type: ignore[method-assign]
    return compiled


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "shipped"
    assert ship(folder) >= 3  # the issue's HTML, its text, their partials and CSS
    monkeypatch.setattr(template_code, "SHIPPED", folder)
    return folder


def _fresh_render(settings: Settings) -> tuple[str, str]:
    rendered = Renderer(settings).render(build_issue(DAY, settings).issue)
    return rendered.html, rendered.text


def test_a_new_data_dir_loads_the_shipped_code_and_compiles_nothing(
    make_settings: Callable[..., Settings], shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings()
    settings.data_dir.mkdir()
    renderer = Renderer(settings)
    compiled = _compiled_by(renderer)
    rendered = renderer.render(build_issue(DAY, settings).issue)
    assert compiled == []
    assert not list((settings.data_dir / "template-cache").iterdir())  # nothing to write

    monkeypatch.setattr(template_code, "SHIPPED", shipped.parent / "none")  # as before
    other = make_settings(data_dir=settings.data_dir.parent / "other")
    assert (rendered.html, rendered.text) == _fresh_render(other)


def test_a_stale_or_broken_shipped_entry_is_compiled_afresh(
    make_settings: Callable[..., Settings], shipped: Path
) -> None:
    entries = sorted(shipped.iterdir())
    entries[0].write_bytes(b"not jinja's")  # a torn file
    data = bytearray(entries[1].read_bytes())
    data[-40:] = bytes(40)  # the same header, other code: its checksum no longer matches
    entries[1].write_bytes(bytes(data))
    settings = make_settings()
    settings.data_dir.mkdir()
    renderer = Renderer(settings)
    compiled = _compiled_by(renderer)
    html = renderer.render(build_issue(DAY, settings).issue).html
    assert compiled  # at least the broken ones
    assert html == _fresh_render(make_settings(data_dir=settings.data_dir.parent / "x"))[0]


def test_an_operators_template_is_never_taken_from_the_shipped_code(
    make_settings: Callable[..., Settings], shipped: Path, tmp_path: Path
) -> None:
    own = tmp_path / "own"
    own.mkdir()
    source = (bundled_templates_dir() / TEXT_TEMPLATE).read_text(encoding="utf-8")
    (own / TEXT_TEMPLATE).write_text("OPERATOR\n" + source, encoding="utf-8")
    settings = make_settings(templates_dir=own)
    settings.data_dir.mkdir()
    renderer = Renderer(settings)
    compiled = _compiled_by(renderer)
    rendered = renderer.render(build_issue(DAY, settings).issue)
    assert rendered.text.startswith("OPERATOR\n")
    assert compiled == [TEXT_TEMPLATE]  # the rest came from the shipped code


def test_without_a_data_dir_the_shipped_code_is_read_and_nothing_is_written(
    make_settings: Callable[..., Settings], shipped: Path
) -> None:
    before = sorted(p.name for p in shipped.iterdir())
    settings = make_settings()
    renderer = Renderer(settings)
    compiled = _compiled_by(renderer)
    assert renderer.render(build_issue(DAY, settings).issue).html
    assert compiled == []
    assert not settings.data_dir.exists()
    assert sorted(p.name for p in shipped.iterdir()) == before


def test_shipping_skips_the_bytecode_beside_the_templates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bundled folder is the package newsletter._templates: importing it (the image's
    `python -I` build step does, and writes bytecode) leaves __pycache__/*.pyc there, which
    ship() compiled as a template and failed on (UnicodeDecodeError)."""
    import newsletter.ship_templates as ship_templates
    from newsletter.render import make_environment

    folder = tmp_path / "templates"
    (folder / "__pycache__").mkdir(parents=True)
    (folder / "__init__.py").write_text("")
    (folder / "__pycache__" / "__init__.cpython-311.pyc").write_bytes(b"\xa7\r\r\n\x00\x00")
    monkeypatch.setattr(ship_templates, "make_environment", lambda _: make_environment(folder))
    target = tmp_path / "shipped"
    assert ship(target) == len(list(bundled_templates_dir().rglob("*.j2"))) - len(
        list(bundled_templates_dir().glob("web/**/*.j2"))
    ) + len(list(bundled_templates_dir().glob("*.css")))
