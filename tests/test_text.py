"""newsletter.text: one sentence splitter and wire-dateline reader for the whole package.

The examples are made up in the shape of real wire copy (Korean and English agencies); none is
copied from the shared data.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsletter.models import Summary
from newsletter.render import split_item
from newsletter.text import bare_full_stop, language, sentence_spans, sentences, split_dateline

# ---- datelines and credits -------------------------------------------------------------------

DATELINES = [
    # (text, dateline as written, place, credit, byline, where the story starts)
    (
        "(서울=연합뉴스) 홍길동 기자 = 정부가 내년 예산안을 확정했다. 국회 심의가 남았다.",
        "(서울=연합뉴스) 홍길동 기자",
        "서울",
        "연합뉴스",
        "홍길동 기자",
        "정부가",
    ),
    (
        "(워싱턴=연합뉴스) 김동현 특파원 = 미국 상무부가 새 규정을 내놨다.",
        "(워싱턴=연합뉴스) 김동현 특파원",
        "워싱턴",
        "연합뉴스",
        "김동현 특파원",
        "미국",
    ),
    (
        "[베이징=특파원] 중국 인민은행이 지급준비율을 내렸다.",
        "[베이징=특파원]",
        "베이징",
        None,
        None,
        "중국",
    ),
    (
        "[서울=뉴시스]김철수 기자 = 삼성전자가 새 칩을 공개했다.",
        "[서울=뉴시스]김철수 기자",
        "서울",
        "뉴시스",
        "김철수 기자",
        "삼성전자가",
    ),
    (
        "(서울=뉴스1) 김철수 이영희 기자 = 코스피가 올랐다.",
        "(서울=뉴스1) 김철수 이영희 기자",
        "서울",
        "뉴스1",
        "김철수 이영희 기자",
        "코스피가",
    ),
    (
        "(로이터=연합뉴스) 미국 정부가 발표했다.",
        "(로이터=연합뉴스)",
        None,
        "연합뉴스",
        None,
        "미국",
    ),
    ("【도쿄=뉴시스】 일본 정부가 발표했다.", "【도쿄=뉴시스】", "도쿄", "뉴시스", None, "일본"),
    (
        "[이데일리 홍길동 기자] 카카오가 새 서비스를 내놨다.",
        "[이데일리 홍길동 기자]",
        None,
        "이데일리",
        "홍길동 기자",
        "카카오가",
    ),
    (
        "WASHINGTON (Reuters) - The Federal Reserve held rates steady on Wednesday.",
        "WASHINGTON (Reuters)",
        "WASHINGTON",
        "Reuters",
        None,
        "The Federal",
    ),
    (
        "BERLIN, March 3 (AP) — Germany's parliament approved the budget.",
        "BERLIN, March 3 (AP)",
        "BERLIN",
        "AP",
        None,
        "Germany's",
    ),
    (
        "Tokyo, Feb. 13 (Jiji Press)--Honda Motor Co. and Nissan Motor Co. agreed to talks.",
        "Tokyo, Feb. 13 (Jiji Press)",
        "Tokyo",
        "Jiji Press",
        None,
        "Honda",
    ),
    (
        "PARIS (AFP) - France unveiled a plan for data centres.",
        "PARIS (AFP)",
        "PARIS",
        "AFP",
        None,
        "France",
    ),
    (
        "(Bloomberg) -- Apple Inc. shares rose 2.1% in early trading.",
        "(Bloomberg)",
        None,
        "Bloomberg",
        None,
        "Apple",
    ),
    (
        "TOKYO (Kyodo) -- Japan's cabinet approved an extra budget.",
        "TOKYO (Kyodo)",
        "TOKYO",
        "Kyodo",
        None,
        "Japan's",
    ),
    (
        "BEIJING, Jan. 5 (Xinhua) -- China's exports rose 7 percent.",
        "BEIJING, Jan. 5 (Xinhua)",
        "BEIJING",
        "Xinhua",
        None,
        "China's",
    ),
    (
        "SAN FRANCISCO, Calif. (AP) — A startup raised $2 billion.",
        "SAN FRANCISCO, Calif. (AP)",
        "SAN FRANCISCO",
        "AP",
        None,
        "A startup",
    ),
    ("LONDON — The Bank of England cut rates.", "LONDON", "LONDON", None, None, "The Bank"),
    (
        "Feb 13 (Reuters) - Apple said it would invest more.",
        "Feb 13 (Reuters)",
        None,
        "Reuters",
        None,
        "Apple",
    ),
    (
        "[머니투데이 홍길동기자] 삼성전자가 발표했다.",
        "[머니투데이 홍길동기자]",
        None,
        "머니투데이",
        "홍길동기자",
        "삼성전자가",
    ),
    ("[파이낸셜뉴스] 삼성전자가 발표했다.", "[파이낸셜뉴스]", None, "파이낸셜뉴스", None, "삼성"),
    (
        "SEOUL, Feb. 13 (Yonhap) -- South Korea's exports rose.",
        "SEOUL, Feb. 13 (Yonhap)",
        "SEOUL",
        "Yonhap",
        None,
        "South",
    ),
]


@pytest.mark.parametrize(("text", "shown", "place", "credit", "byline", "starts"), DATELINES)
def test_datelines_and_credits_come_off_the_front_verbatim(
    text: str, shown: str, place: str | None, credit: str | None, byline: str | None, starts: str
) -> None:
    dateline, story = split_dateline(text)
    assert dateline is not None
    assert (dateline.text, dateline.place, dateline.credit, dateline.byline) == (
        shown,
        place,
        credit,
        byline,
    )
    assert story.startswith(starts)
    assert story == text[dateline.end :]
    # Nothing lost: the dateline as shown, then only the joining punctuation, then the story.
    joint = text[len(shown) : dateline.end]
    assert text.startswith(shown) and set(joint) <= set(" =-–—")


@pytest.mark.parametrize(
    "text",
    [
        "[단독] 삼성전자가 새 공장을 짓는다.",  # a label of the story, not a credit
        "[인터뷰] 반도체 장비 업체 대표가 말했다.",
        "[특징주] 삼성전자가 급등했다.",
        "Tesla (TSLA) - shares rose 3%.",  # a ticker, not an agency
        "AI — the next big thing, investors say.",
        "NASA — the agency said — will delay the launch.",
        "미국 연방준비제도(Fed)가 금리를 동결했다.",
        "Honda Motor Co. said on Jan. 7 that it would merge.",
        "(서울=연합뉴스) 홍길동 기자 = ",  # nothing after it: keep the text as it is
        "",
    ],
)
def test_text_without_a_dateline_is_left_alone(text: str) -> None:
    assert split_dateline(text) == (None, text)


# ---- sentences -------------------------------------------------------------------------------

SENTENCES = [
    ("첫 문장이다. 둘째 문장이다.", ["첫 문장이다.", "둘째 문장이다."]),
    ("정말 그럴까? 아니다!", ["정말 그럴까?", "아니다!"]),
    ("수익률은 3.5%다. 다음 문장.", ["수익률은 3.5%다.", "다음 문장."]),
    ("매출이 줄었다.그러나 이익은 늘었다.", ["매출이 줄었다.", "그러나 이익은 늘었다."]),
    ("그는 “끝났다.”라고 말했다. 다음.", ["그는 “끝났다.”라고 말했다.", "다음."]),
    ("그는 “끝났다.” 라고 말했다. 다음.", ["그는 “끝났다.” 라고 말했다.", "다음."]),
    ("매출이 줄었다…그러나 이익은 늘었다. 끝.", ["매출이 줄었다…그러나 이익은 늘었다.", "끝."]),
    ("미국 U.S. 스틸 인수가 마무리됐다. 끝.", ["미국 U.S. 스틸 인수가 마무리됐다.", "끝."]),
    (
        "Honda Motor Co. and Nissan said on Jan. 7 that they would merge. The deal is big.",
        ["Honda Motor Co. and Nissan said on Jan. 7 that they would merge.", "The deal is big."],
    ),
    ("U.S. officials met. Then left.", ["U.S. officials met.", "Then left."]),
    ("Sales at Acme Inc. fell 3.5% in Q1. The rest rose.", None),
    ("The rate was 3.5%. Done.", ["The rate was 3.5%.", "Done."]),
    ("He met John F. Kennedy Jr. at No. 10 Downing St. on Tuesday. Then he left.", None),
    ("J.P. Morgan Chase & Co. raised its target. Shares rose.", None),
    (
        "It bought Acme Inc. The deal closes in May.",
        ["It bought Acme Inc.", "The deal closes in May."],
    ),
    ("Tariffs on the U.S. It said so.", ["Tariffs on the U.S.", "It said so."]),
    ("Mr. Kim and Dr. Lee met Gov. Newsom. Talks went well.", None),
    ("It rose to No. 1 in the chart. Then it fell.", None),
    (
        "Sales fell... Analysts were surprised. Next.",
        ["Sales fell...", "Analysts were surprised.", "Next."],
    ),
    ("He paused... and went on. Done.", ["He paused... and went on.", "Done."]),
    (
        '"Are you done?" she asked. "Yes." He left.',
        ['"Are you done?" she asked.', '"Yes."', "He left."],
    ),
    ("It costs $2.5 bn. e.g. chips and memory. Done.", None),
    ("The meeting ends at 5 p.m. Tuesday. Nothing else.", None),
    ("No full stop at all", ["No full stop at all"]),
    ("  앞뒤 공백이 있다.   다음.  ", ["앞뒤 공백이 있다.", "다음."]),
    ("中国经济增长。下一句。", ["中国经济增长。", "下一句。"]),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_sentences_in_korean_and_english_wire_copy(text: str, expected: list[str] | None) -> None:
    found = sentences(text)
    if expected is None:  # two sentences, the second after the last ". "
        head, _, tail = text.rpartition(". ")
        expected = [head + ".", tail]
    assert found == expected


@pytest.mark.parametrize("text", [t for t, _ in SENTENCES] + [d[0] for d in DATELINES])
def test_sentences_lose_no_character(text: str) -> None:
    spans = sentence_spans(text)
    rebuilt = ""
    position = 0
    for start, end in spans:
        assert text[position:start].strip() == ""  # only spaces between sentences
        rebuilt += text[position:end]
        position = end
    assert rebuilt + text[position:] == text
    assert text[position:].strip() == ""


def test_bare_full_stop_keeps_dots_that_are_not_full_stops() -> None:
    assert bare_full_stop("정부가 예산을 늘렸다.") == "정부가 예산을 늘렸다"
    assert bare_full_stop("The Fed held rates.") == "The Fed held rates"
    assert bare_full_stop("Talks with Honda Motor Co.") == "Talks with Honda Motor Co."
    assert bare_full_stop("Tariffs on the U.S.") == "Tariffs on the U.S."
    assert bare_full_stop("Sales fell...") == "Sales fell..."
    assert bare_full_stop("정말 그럴까?") == "정말 그럴까?"


# ---- headlines built from wire copy ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "headline", "dateline"),
    [
        (
            "Tokyo, Feb. 13 (Jiji Press)--Honda Motor Co. and Nissan Motor Co. agreed to start "
            "merger talks. The two will set up a holding company.",
            "Honda Motor Co. and Nissan Motor Co. agreed to start merger talks",
            "Tokyo, Feb. 13 (Jiji Press)",
        ),
        (
            "(서울=연합뉴스) 홍길동 기자 = 정부가 내년 예산안을 확정했다. 국회 심의가 남았다.",
            "정부가 내년 예산안을 확정했다",
            "(서울=연합뉴스) 홍길동 기자",
        ),
        (
            "[베이징=특파원] 중국 인민은행이 지급준비율을 0.5%포인트 내렸다. 시장은 반겼다.",
            "중국 인민은행이 지급준비율을 0.5%포인트 내렸다",
            "[베이징=특파원]",
        ),
        (
            "WASHINGTON (Reuters) - The U.S. Commerce Department said on Jan. 7 that it would "
            "widen export curbs. Chipmakers fell.",
            "The U.S. Commerce Department said on Jan. 7 that it would widen export curbs",
            "WASHINGTON (Reuters)",
        ),
        (
            "BERLIN, March 3 (AP) — Germany's jobless rate rose to 6.3%. Economists had "
            "expected it.",
            "Germany's jobless rate rose to 6.3%",
            "BERLIN, March 3 (AP)",
        ),
    ],
)
def test_the_headline_is_the_news_and_the_dateline_is_kept(
    text: str, headline: str, dateline: str
) -> None:
    found_dateline, found_headline, body = split_item(Summary(text=text))
    assert found_headline == headline
    assert found_dateline is not None and found_dateline.text == dateline
    # No character of the reporter's text is lost or changed (a headline ends without ".").
    joint = text[len(dateline) : found_dateline.end]
    assert text == f"{dateline}{joint}{headline}. {body}"


def test_a_title_wins_and_the_dateline_still_leaves_the_body() -> None:
    summary = Summary(title="엔비디아 실적 발표", text="[서울=뉴시스] 엔비디아가 실적을 냈다.")
    dateline, headline, body = split_item(summary)
    assert (headline, body) == ("엔비디아 실적 발표", "엔비디아가 실적을 냈다.")
    assert dateline is not None and dateline.credit == "뉴시스"


# ---- language --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("미국 연방준비제도(Fed)가 기준금리를 동결했다.", "ko"),
        ("엔비디아(NVIDIA) CEO가 GTC에서 AI GPU 로드맵을 공개했다.", "ko"),
        ("The Bank of Japan held its policy rate at 0.5%.", "en"),
        ("日本銀行は政策金利を据え置いた。", "ja"),
        ("3.5% · 2025", None),
    ],
)
def test_language(text: str, tag: str | None) -> None:
    assert language(text) == tag


# ---- any text at all -------------------------------------------------------------------------

_WIRE_ALPHABET = st.sampled_from(
    [
        *"가나다라한국미중일 .?!…\"'“”‘’()[]【】=-—–,:;0123456789%abcXYZ\n\t",
        "다.",
        "U.S.",
        "Inc.",
        "Feb.",
        "No.",
        " The ",
        "(서울=연합뉴스)",
        "기자 =",
        "(Reuters) -",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WIRE_ALPHABET, max_size=40).map("".join))
def test_any_text_splits_into_ordered_spans_that_lose_nothing(text: str) -> None:
    position = 0
    for start, end in sentence_spans(text):
        assert position <= start < end <= len(text)
        assert text[position:start].strip() == ""
        position = end
    assert text[position:].strip() == ""
    dateline, story = split_dateline(text)
    if dateline is None:
        assert story == text
    else:
        assert story == text[dateline.end :] and story.strip()
        assert dateline.text in text[: dateline.end]
    split_item(Summary(text=text or "x"))  # never raises
