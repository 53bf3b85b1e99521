"""Stage 3: sections in region order, duplicates out, and a JSON round trip."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from newsletter.assemble import assemble, dedupe_key, issue_from_dict, issue_to_dict
from newsletter.models import REGION_ORDER, Classified, Region, Summary

DAY = dt.date(2025, 2, 11)


def item(text: str, filed_under: Region, **summary: object) -> Classified:
    return Classified(Summary(text=text, **summary), filed_under, "test")  # type: ignore[arg-type]


def test_sections_follow_region_order_whatever_the_input_order() -> None:
    issue = assemble(
        DAY,
        [
            item("기타 지역 소식이다.", Region.OTHER),
            item("유럽 소식이다.", Region.EUROPE),
            item("미국 소식 하나다.", Region.US),
            item("일본 소식이다.", Region.JAPAN),
            item("중국 소식이다.", Region.CHINA),
            item("미국 소식 둘이다.", Region.US),
        ],
    )
    assert [s.region for s in issue.sections] == list(REGION_ORDER)
    assert [i.summary.text for i in issue.sections[0].items] == [
        "미국 소식 하나다.",
        "미국 소식 둘이다.",
    ]
    assert issue.day == DAY
    assert issue.item_count == 6


def test_empty_sections_are_left_out() -> None:
    issue = assemble(
        DAY, [item("유럽 소식이다.", Region.EUROPE), item("미국 소식이다.", Region.US)]
    )
    assert [s.region for s in issue.sections] == [Region.US, Region.EUROPE]
    assert issue.regions == frozenset({Region.US, Region.EUROPE})


def test_nothing_in_gives_an_issue_without_sections() -> None:
    assert assemble(DAY, []).sections == ()


@pytest.mark.parametrize(
    "again",
    [
        "반도체 수출이 석 달 만에 반등했다.",  # the very same
        "  반도체  수출이 석 달 만에\n반등했다. ",  # whitespace
        "반도체 수출이, 석 달 만에 반등했다!",  # punctuation
        "반도체 수출이 석 달 만에 반등했다",  # a missing final period
    ],
)
def test_a_repeated_story_appears_once_where_it_first_came(again: str) -> None:
    first = item("반도체 수출이 석 달 만에 반등했다.", Region.CHINA)
    issue = assemble(DAY, [first, item(again, Region.US)])
    assert [s.region for s in issue.sections] == [Region.CHINA]
    assert issue.sections[0].items == (first,)


def test_dedupe_ignores_case_and_full_width_forms() -> None:
    assert dedupe_key("Chip exports ROSE 3% in January.") == dedupe_key(
        "chip exports rose 3% in january"
    )
    assert dedupe_key("ＡＩ 투자") == dedupe_key("AI 투자")


def test_different_stories_are_all_kept() -> None:
    texts = ["수출이 3% 늘었다.", "수출이 4% 늘었다.", "수입이 3% 늘었다."]
    issue = assemble(DAY, [item(t, Region.OTHER) for t in texts])
    assert [i.summary.text for i in issue.sections[0].items] == texts


def test_dedupe_key_of_punctuation_only_text_is_not_empty() -> None:
    issue = assemble(
        DAY, [item("…", Region.OTHER), item("!!!", Region.OTHER), item("…", Region.OTHER)]
    )
    assert [i.summary.text for i in issue.sections[0].items] == ["…", "!!!"]


def test_issue_survives_a_json_round_trip() -> None:
    issue = assemble(
        DAY,
        [
            item(
                "도쿄 증시가 엔화 약세에 힘입어 올랐다.",
                Region.JAPAN,
                title="도쿄 증시 상승",
                url="https://news.example.com/tokyo",
                region=Region.JAPAN,
                source="예시통신",
                published=dt.datetime(2025, 2, 11, 6, 30, tzinfo=dt.UTC),
                origin="feed.xml:12",
            ),
            item("유럽중앙은행이 금리를 동결했다.", Region.EUROPE),
        ],
    )
    stored = json.loads(json.dumps(issue_to_dict(issue), ensure_ascii=False))
    assert issue_from_dict(stored) == issue


def test_unknown_format_version_is_refused() -> None:
    data = issue_to_dict(assemble(DAY, [item("소식이다.", Region.US)]))
    data["version"] = 99
    with pytest.raises(ValueError, match="version 99"):
        issue_from_dict(data)
