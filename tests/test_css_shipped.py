"""premailer's reading of the bundled stylesheet shipped with the install
(newsletter/css_shipped.py): a render that uses it is the render that parses, byte for byte,
and it is never used for another stylesheet, another premailer or cssutils, or a torn file."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import newsletter.render as render
import newsletter.template_code as template_code
from newsletter import css_shipped
from newsletter.job import build_issue
from newsletter.models import Issue
from newsletter.render import INLINE_OPTIONS, Renderer
from newsletter.settings import Settings
from newsletter.ship_templates import ship_css

DAY = dt.date(2025, 2, 11)  # the bundled sample day


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("shipped")
    assert ship_css(folder) == 1  # issue.css; the dark block and Outlook's are not premailer's
    return folder


@pytest.fixture
def shipped(made: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the made file, as the shipped one, for this test to change."""
    folder = tmp_path / "shipped"
    folder.mkdir()
    (folder / css_shipped.FILE_NAME).write_bytes((made / css_shipped.FILE_NAME).read_bytes())
    monkeypatch.setattr(template_code, "SHIPPED", folder)
    return folder


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How many stylesheets premailer parses from now on (a fresh inliner, as in a new
    process)."""
    premailer = render._import_premailer()
    parsed: list[int] = []
    parse = premailer.Premailer._parse_style_rules

    def counting(self: Any, css_body: str, index: int) -> Any:
        parsed.append(index)
        return parse(self, css_body, index)

    monkeypatch.setattr(premailer.Premailer, "_parse_style_rules", counting)
    monkeypatch.setattr(render, "_INLINER", None)
    yield parsed
    render._INLINER = None  # the next test's renders make their own


def _issue(make_settings: Callable[..., Settings]) -> tuple[Settings, Issue]:
    settings = make_settings()
    return settings, build_issue(DAY, settings).issue


def _html(settings: Settings, issue: Issue) -> str:
    render._INLINER = None  # as a new process: the inliner reads the shipped file again
    return Renderer(settings).render(issue).html


def _without_file(settings: Settings, issue: Issue, monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as m:
        m.setattr(template_code, "SHIPPED", Path("/nonexistent/shipped"))
        return _html(settings, issue)


def test_a_render_with_the_shipped_file_parses_nothing_and_is_the_same_html(
    make_settings: Callable[..., Settings],
    shipped: Path,
    parses: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings, issue = _issue(make_settings)
    with_file = _html(settings, issue)
    assert parses == []
    from premailer.merge_style import csstext_to_pairs

    shipped_pairs = css_shipped.load(INLINE_OPTIONS)
    assert shipped_pairs is not None
    for text, pairs in shipped_pairs.pairs.items():  # in premailer's cache, as premailer asks
        assert csstext_to_pairs.cache[csstext_to_pairs.cache_key(text, validate=False)] == pairs
    parsed = _without_file(settings, issue, monkeypatch)
    assert parses == [0]
    assert with_file == parsed
    # a smaller section set, rendered afresh (not pieced), the same way
    smaller = issue.only(frozenset(list(issue.regions)[:1]))
    render._INLINER = None
    assert render.inline_css(_raw(settings, smaller)) == _raw_inlined(settings, smaller)


def _raw(settings: Settings, issue: Issue) -> str:
    """`issue`'s HTML before premailer."""
    pages: list[str] = []
    Renderer(settings, inliner=lambda html: pages.append(html) or html).render(issue)
    return pages[0]


def _raw_inlined(settings: Settings, issue: Issue) -> str:
    premailer = render._import_premailer()
    return str(
        premailer.Premailer(**INLINE_OPTIONS).transform(_raw(settings, issue), pretty_print=False)
    )


def test_every_shipped_entry_is_what_premailer_makes_of_its_text(made: Path) -> None:
    premailer = render._import_premailer()
    from premailer.merge_style import csstext_to_pairs

    shipped = css_shipped.load(INLINE_OPTIONS, made)
    assert shipped is not None and shipped.rules and shipped.pairs
    inliner = premailer.Premailer(**INLINE_OPTIONS)
    for (css, index), (rules, leftover) in shipped.rules.items():
        fresh_rules, fresh_leftover = inliner._parse_style_rules(css, index)
        assert rules == fresh_rules
        assert leftover == inliner._css_rules_to_string(fresh_leftover)
    for text, pairs in shipped.pairs.items():
        assert pairs == csstext_to_pairs.__wrapped__(text, validate=False)


def test_an_edited_stylesheet_is_parsed_not_taken_from_the_file(
    make_settings: Callable[..., Settings],
    shipped: Path,
    parses: list[int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An operator's issue.css (NEWSLETTER_TEMPLATES_DIR) has another text: a miss."""
    own = tmp_path / "templates"
    own.mkdir()
    css = (render.bundled_templates_dir() / "issue.css").read_text(encoding="utf-8")
    (own / "issue.css").write_text(css.replace("}", "}\n", 1), encoding="utf-8")
    settings = make_settings(templates_dir=own)
    issue = build_issue(DAY, settings).issue
    with_file = _html(settings, issue)
    assert parses == [0]
    assert with_file == _without_file(settings, issue, monkeypatch)


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data: data["stamp"].update(cssutils="cssutils-0.0.1.dist-info"),
        lambda data: data["stamp"].update(premailer="premailer-0.0.1.dist-info"),
        lambda data: data["stamp"]["options"].update(strip_important="True"),
        lambda data: data["stamp"].update(python=[3, 0]),
        lambda data: data.pop("pairs"),
    ],
    ids=["cssutils", "premailer", "options", "python", "torn"],
)
def test_a_file_made_by_anything_else_is_not_used(
    make_settings: Callable[..., Settings],
    shipped: Path,
    parses: list[int],
    spoil: Callable[[dict[str, Any]], Any],
) -> None:
    path = shipped / css_shipped.FILE_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    spoil(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    assert css_shipped.load(INLINE_OPTIONS) is None
    settings, issue = _issue(make_settings)
    _html(settings, issue)
    assert parses == [0]


def test_a_file_cut_short_or_of_another_shape_is_not_used(shipped: Path) -> None:
    path = shipped / css_shipped.FILE_NAME
    whole = path.read_bytes()
    path.write_bytes(whole[:100])
    assert css_shipped.load(INLINE_OPTIONS) is None
    path.write_text("[]", encoding="utf-8")
    assert css_shipped.load(INLINE_OPTIONS) is None
    path.write_bytes(whole)
    assert css_shipped.load(INLINE_OPTIONS) is not None


class _RefusingCache(dict):
    """A cache that refuses every entry, as premailer's does with PREMAILER_CACHE_MAXSIZE=0
    (cachetools raises ValueError: value too large)."""

    def __setitem__(self, key: Any, value: Any) -> None:
        raise ValueError("value too large")


def test_a_cache_that_refuses_the_seed_leaves_the_render_to_parse(
        shipped: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A reviewer's find: the seed's ValueError escaped _inliner_class, so every render of the
    # process failed where, without the file, the same setting worked.
    from premailer.merge_style import csstext_to_pairs

    monkeypatch.setattr(csstext_to_pairs, "cache", _RefusingCache())
    found = css_shipped.load(INLINE_OPTIONS, shipped)
    assert found is not None and found.pairs
    css_shipped.seed_pairs(found, validate=False)  # nothing seeded, nothing raised


def test_a_premailer_whose_cache_key_differs_gets_no_seed(
        shipped: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from premailer.merge_style import csstext_to_pairs

    def other_key(text: str) -> str:  # no `validate` keyword: TypeError if called as today
        return text

    monkeypatch.setattr(csstext_to_pairs, "cache_key", other_key)
    found = css_shipped.load(INLINE_OPTIONS, shipped)
    assert found is not None
    css_shipped.seed_pairs(found, validate=False)
