"""A smaller section set put together from the whole issue's render (newsletter/render_pieces.py)
is byte for byte the mail a fresh render of that set gives: HTML and text, every non-empty set
of regions, Korean and English, hostile text, an editor's moved story."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from pathlib import Path

import pytest

import newsletter.render as render
from newsletter.job_content import classified_source, reviewed_issue
from newsletter.models import Classified, Issue, Override, Region, Summary
from newsletter.render import Renderer, bundled_templates_dir
from newsletter.review import item_key
from newsletter.settings import Settings
from tests.test_render import make_issue

SettingsFactory = Callable[..., Settings]
DAY = dt.date(2025, 2, 11)


def every_set(issue: Issue) -> list[Issue]:
    """The issue as every non-empty set of its regions shows it (2^n - 1 sets, the whole too)."""
    regions = sorted(issue.regions, key=lambda r: r.value)
    return [
        issue.only(frozenset(chosen))
        for size in range(1, len(regions) + 1)
        for chosen in itertools.combinations(regions, size)
    ]


def assert_pieced_sets_equal_fresh_renders(settings: Settings, issue: Issue) -> None:
    renderer = Renderer(settings)
    renderer.render(issue)  # the whole issue first, as the helper renders it
    sets = every_set(issue)
    assert len(sets) == 2 ** len(issue.sections) - 1
    for chosen in sets:
        fresh = Renderer(settings).render(chosen)  # nothing to piece from: today's full path
        pieced = renderer.render(chosen)
        assert pieced.html == fresh.html, sorted(r.value for r in chosen.regions)
        assert pieced.text == fresh.text, sorted(r.value for r in chosen.regions)
        assert pieced == fresh
    assert renderer._pieces.get(issue) is not None  # the sets were pieced, not rendered


def sample_issue(settings: Settings, overrides: dict[str, Override] | None = None) -> Issue:
    got = classified_source(DAY, settings, None)
    return reviewed_issue(DAY, settings, got, overrides=overrides or {}).issue


def settings_for(make_settings: SettingsFactory, locale: str, **more: object) -> Settings:
    return make_settings(locale=locale, **{"from": "Morning Brief <brief@example.com>"}, **more)


@pytest.mark.parametrize("locale", ["ko", "en"])
def test_every_set_of_the_bundled_sample(make_settings: SettingsFactory, locale: str) -> None:
    settings = settings_for(make_settings, locale)
    issue = sample_issue(settings)
    assert issue.regions == frozenset(Region)  # every region present: 31 sets
    assert_pieced_sets_equal_fresh_renders(settings, issue)


# Text that the serializer must escape, or that looks like the pieces' own seams.
HOSTILE = [
    (
        Region.US,
        Summary(title="Tom & Jerry <b>bold</b> \"quoted\" 'single'", text="A & B < C > D."),
    ),
    (Region.US, Summary(text="x" * 200 + " a very long first sentence with no title at all.")),
    (Region.CHINA, Summary(text='<tr><td class="section-head"> is text here. Then more.')),
    (Region.CHINA, Summary(text="미국 3 · 중국 2 오늘의 소식 5건: 목차처럼 보이는 문장. 끝.")),
    (Region.JAPAN, Summary(text="Zero\u200cwidth\u034fjoiners and &nbsp; and &amp; typed. Done.")),
    (
        Region.EUROPE,
        Summary(
            text="Emoji 📰 and </title></div></td> in a story. Fine.",
            url="https://x.example/a?b=1&c=<2>",
        ),
    ),
    (
        Region.OTHER,
        Summary(
            title="====",
            text="============================================================ line. x",
        ),
    ),
]


@pytest.mark.parametrize("locale", ["ko", "en"])
def test_every_set_of_hostile_text(make_settings: SettingsFactory, locale: str) -> None:
    settings = settings_for(make_settings, locale, title='A & B <Brief> "x"')
    issue = make_issue(HOSTILE, DAY)
    assert issue.regions == frozenset(Region)
    assert_pieced_sets_equal_fresh_renders(settings, issue)


@pytest.mark.parametrize("locale", ["ko", "en"])
def test_every_set_with_an_editors_moved_story(make_settings: SettingsFactory, locale: str) -> None:
    settings = settings_for(make_settings, locale)
    plain = sample_issue(settings)
    story = plain.sections[0].items[0].summary  # the first US story, moved to Japan
    moved = Override(
        item_key(story), "move", Region.JAPAN.value, "", "editor", dt.datetime(2025, 2, 11, 6)
    )
    issue = sample_issue(settings, {moved.item_key: moved})
    japan = next(s for s in issue.sections if s.region is Region.JAPAN)
    assert any(item.summary == story for item in japan.items)
    assert_pieced_sets_equal_fresh_renders(settings, issue)


def test_fewer_regions_than_five(make_settings: SettingsFactory) -> None:
    settings = settings_for(make_settings, "ko")
    issue = make_issue([(r, Summary(text=f"{r.value} news today. More.")) for r in Region][:3])
    assert_pieced_sets_equal_fresh_renders(settings, issue)


def test_a_smaller_set_costs_no_premailer_pass(
    make_settings: SettingsFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    inliner = render._inliner_class()

    class Counting(inliner):  # type: ignore[misc,valid-type]
        def transform(self, *args: object, **kwargs: object) -> str:
            calls.append(1)
            return str(super().transform(*args, **kwargs))

    monkeypatch.setattr(render, "_INLINER", Counting)
    settings = settings_for(make_settings, "ko")
    issue = sample_issue(settings)
    renderer = Renderer(settings)
    renderer.render(issue)
    for chosen in every_set(issue):
        renderer.render(chosen)
    assert len(calls) == 1  # the whole issue's only; 30 sets pieced
    renderer.render(issue.only(frozenset({Region.US})), test=True)
    assert len(calls) == 2  # a test send is rendered afresh


def test_operator_templates_are_rendered_afresh(
    make_settings: SettingsFactory, tmp_path: Path
) -> None:
    custom = tmp_path / "brand"
    (custom / "partials").mkdir(parents=True)
    section = (bundled_templates_dir() / "partials" / "section.html.j2").read_text("utf-8")
    (custom / "partials" / "section.html.j2").write_text(
        section.replace("<h2>", "<h2>{{ loop.index if loop is defined else '' }}"), "utf-8"
    )
    settings = settings_for(make_settings, "ko", templates_dir=custom)
    issue = sample_issue(settings)
    renderer = Renderer(settings)
    renderer.render(issue)
    us = issue.only(frozenset({Region.US}))
    assert renderer.render(us) == Renderer(settings).render(us)
    assert not renderer._pieces  # nothing was cut


def test_a_render_that_cannot_be_cut_is_rendered_afresh(make_settings: SettingsFactory) -> None:
    settings = settings_for(make_settings, "ko")
    issue = sample_issue(settings)
    renderer = Renderer(settings)
    whole = renderer.render(issue)
    # a whole render not shaped as the bundled templates make it (adopted from elsewhere)
    odd = type(whole)(whole.day, whole.regions, whole.subject, whole.preheader, "<p>x</p>", "x")
    renderer.adopt(issue, odd)
    us = issue.only(frozenset({Region.US}))
    assert renderer.render(us) == Renderer(settings).render(us)
    assert renderer._pieces == {issue: None}


def test_classified_items_are_the_issues_own(make_settings: SettingsFactory) -> None:
    # A set whose section holds other items than the whole issue's is not pieced from it.
    settings = settings_for(make_settings, "ko")
    issue = sample_issue(settings)
    renderer = Renderer(settings)
    renderer.render(issue)
    other = Issue(
        DAY,
        (
            type(issue.sections[0])(
                Region.US, (Classified(Summary(text="Other. x"), Region.US, "t"),)
            ),
        ),
    )
    assert renderer.render(other) == Renderer(settings).render(other)
