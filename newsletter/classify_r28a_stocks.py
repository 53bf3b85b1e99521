"""Shares named by their class as a Korean subject (round twenty-eight part a, issue 13).

"…권고하자 도쿄증시에서 시세이도와 미쓰코시이세탄 등 관광·면세 관련주가 급락했다": a class of
shares ("관련주", "수혜주", "자동차주", "반도체주") with its subject particle 가 ends in "주가",
which the tables read as the bare noun 주가 (share price, "시세이도 주가가"), so the main clause
lost its subject and the fronted clause's 중국 led. A word that ends in one of these classes and
가 is a subject; the bare "주가" and "목표주가" keep their reading.
"""

from __future__ import annotations

from newsletter.classify_tables import KO_SUBJECT_DESPITE_ENDING

_STOCK_CLASSES: tuple[str, ...] = tuple(
    f"{noun}주가"
    for noun in (
        "관련",
        "수혜",
        "테마",
        "자동차",
        "반도체",
        "기술",
        "대형",
        "중형",
        "소형",
        "성장",
        "가치",
        "은행",
        "금융",
        "방산",
        "조선",
        "건설",
        "화장품",
        "면세",
        "여행",
        "항공",
        "경기민감",
        "배당",
        "우선",
        "소비재",
        "유통",
        "증권",
        "보험",
        "바이오",
        "제약",
        "게임",
        "엔터",
        "통신",
        "에너지",
        "철강",
        "화학",
        "전지",
        "배터리",
        "해운",
        "카지노",
        "내수",
        "수출",
        "기계",
        "원전",
        "정유",
        "석유",
        "인터넷",
        "플랫폼",
        "빅테크",
        "전력",
        "유틸리티",
        "부동산",
        "관광",
        "레저",
        "식품",
        "음식료",
        "의류",
        "명품",
        "가전",
        "부품",
        "장비",
        "소재",
    )
)


def subject_despite_ending(clean: str) -> bool:
    """True where a Korean word in 가/이 is a noun and its subject particle though it ends like
    a noun that is none: the tables' list ("수주가"), or a class of shares ("관련주가")."""
    return clean in KO_SUBJECT_DESPITE_ENDING or clean.endswith(_STOCK_CLASSES)
