"""A relative clause inside a Korean cleft names a firm that is not the cleft's actor (round
thirty-six, issue 13).

Two places a relative clause hides in a cleft "…한 것은 A가 아니라 B였다":

- in the topic, after a subject: "베인캐피털이 보유하던 ADK그룹을 사들이기로 한 곳은 현지
  경쟁사가 아니라 크래프톤이었다". Round eighteen reads the first 이/가 word as the subject of the
  cleft's own clause ("클라르나가 상장 무대로 택한 것은 …": Klarna acts); but a word in 던
  between them ("보유하던", "운영하던", "갖고 있던") closes a relative clause whose subject that
  name is, on the noun after it. The cleft's clause then has no subject of its own, and its
  focus acts. Only 던 is read: unlike an adnominal in ㄴ it is rarely a noun's last syllable
  (런던, London, is: "소프트뱅크가 런던 대신 … 택한 곳은" keeps 소프트뱅크 as the subject).
- in the focus, before its head: "…무산시킨 것은 중국 규제 당국이 아니라 키옥시아에 간접
  출자한 SK하이닉스였다". The focus after the denial is the whole phrase (round thirty), so its
  first name (키옥시아, whom the head invested in) was read as the focus. A verb's adnominal
  ("출자한", "투자한", "보유한", "인수했던") with a name before it and a name after it makes the
  names after it the focus; "미국 실리콘밸리의 배터리 스타트업 Y" has no verb and keeps its whole.

Round thirty-eight adds the present adnominal 하는 in the focus ("…아니라 엔비디아에 HBM을
공급하는 SK하이닉스였다") and, in the topic, a fronted clause closed by 뒤/후 ("유럽연합이
상계관세를 물린 뒤에도 … 늘린 곳은 테슬라가 아니라 BYD였다": the EU is that clause's subject).
"""

from __future__ import annotations

import re
from typing import Any

from newsletter.classify_tables import lazy_pattern

# a word closing a relative clause in 던 ("보유하던", "갖고 있던", "투자했던"), then another word;
# not 런던 (London), a noun ending in 던
_RELATIVE_DEON = lazy_pattern(r"[가-힣](?<!런)던\s[^\s.]")
# a verb's adnominal in the focus: 한/된/던 after a stem of two syllables or more ("출자한");
# round 38: the present 하는 too ("엔비디아에 HBM을 공급하는 SK하이닉스")
_ADNOMINAL = lazy_pattern(r"[가-힣]{2,}(?:한|된|던|하는)(?=\s)")
# round 38: a fronted clause closed by "뒤(에도)/후(에도)" ("EU가 상계관세를 물린 뒤에도 … 늘린
# 곳은"): the name before it is that clause's subject, not the cleft's
# (review 3: not a span of time, "3년 뒤", "6개월 후", "그 뒤", whose name is the cleft's own)
_FRONTED_AFTER = lazy_pattern(r"[가-힣](?<![년월주일간그])\s(?:뒤|후)(?:에도|에는|에)?[\s,]")


def subject_of_a_relative(text: str, own: re.Match[str]) -> bool:
    """True when a word in 던 stands between the cleft's would-be subject (group 1) and the
    cleft's verb (group 2): the name is the subject of a relative clause, not the cleft's."""
    return (_RELATIVE_DEON().search(text, own.end(1), own.start(2)) is not None
            or _FRONTED_AFTER().search(text, own.end(1), own.start(2)) is not None)


def focus_head(text: str, focus: tuple[int, int], mentions: list[Any]) -> tuple[int, int]:
    """The focus from after its last relative verb, when a name stands on both sides of it."""
    verbs = list(_ADNOMINAL().finditer(text, *focus))
    if not verbs:
        return focus
    last = verbs[-1]
    before = any(focus[0] <= m.start < last.start() for m in mentions)
    after = any(last.end() <= m.start < focus[1] for m in mentions)
    return (last.end() + 1, focus[1]) if before and after else focus
