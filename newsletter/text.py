"""Sentences, datelines and language of news text: the one place that knows wire conventions.

Pure functions, no I/O. render.py builds headlines with them and classify.py finds lead
sentences with them, so a summary is cut into sentences the same way everywhere.

Wire copy starts with a dateline and a credit that say where the reporter sat and who sent
the story, not what happened: "(서울=연합뉴스) 홍길동 기자 = ", "[베이징=뉴시스] ",
"WASHINGTON (Reuters) - ", "Tokyo, Feb. 13 (Jiji Press)--", "(Bloomberg) -- ".
`split_dateline` takes that off the front without touching a character of what follows;
`sentence_spans` then cuts the story into sentences without being fooled by "Feb. 13",
"U.S.", "Inc.", "No. 1", initials, decimals, ellipses or quotations.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from newsletter.lazy_regex import lazy_pattern

__all__ = [
    "Dateline",
    "bare_full_stop",
    "first_sentence",
    "language",
    "looks_like_cp949",
    "sentence_spans",
    "sentences",
    "split_dateline",
]

# ---- sentences -------------------------------------------------------------------------------

# A candidate sentence end: terminal punctuation (an ellipsis counts), then closing quotes or
# brackets, then a space or the end of the text. Korean copy sometimes runs "했다.그러나" with
# no space, so a full stop between two Hangul syllables is a candidate too; CJK full stops
# need no space after them.
_CLOSERS = "\"'”’»)]」』"


# Compiled on first use, as are the datelines below: `newsletter send` imports this module
# (through the store and the renderer) but, when its helper process builds and renders the
# issue, never cuts a sentence; the three patterns are ~10 ms of its start-up (issue 12).
_candidate = lazy_pattern(
    r"(?P<punct>\.{2,}|…+|[.?!？！]+)(?P<close>[" + re.escape(_CLOSERS) + r"]*)(?=\s|$)"
    r"|(?<=[가-힣])(?P<kpunct>\.)(?=[가-힣])"
    r"|(?P<cjk>[。]+)"
)


_WORD_BEFORE = re.compile(r"[^\s\"'“‘(\[«「『]+$")
_NEXT_WORD = re.compile(r"\S+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Never the end of a sentence: a title before a name, or "e.g." before an example.
_TITLES = _words(
    "mr mrs ms dr prof sen rep gov gen lt col capt sgt cmdr adm rev hon pres messrs mme mlle "
    "vs cf approx e.g i.e viz"
)
# Before a number they are part of it ("Feb. 13", "No. 1", "Vol. 2", "p. 7"); otherwise they
# may end a sentence like any abbreviation below.
_BEFORE_NUMBER = _words(
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos vol art fig pp p ch sec"
)
# May end a sentence ("... bought Acme Inc. The deal ..."), but usually do not: they end one
# only when the next word is one that starts English sentences.
_AMBIGUOUS = _words(
    "inc co corp ltd plc llc bros jr sr st ave blvd rd mt ft dept univ govt intl est etc a.m p.m"
)
_STARTERS = _words(
    """The A An It Its He She They We I You This That These Those There Their His Her Our But
    And Or So Yet In On At For From By With As After Before While When If Although Though
    However Meanwhile Also Still Earlier Later Separately Shares Analysts Officials According
    Last Next Some Many Most Both Such Under Over"""
)
# A quotation inside a Korean sentence goes on with a particle: “끝났다.”라고 / ”고 / ”며.
_KO_QUOTE_PARTICLE = re.compile(r"(?:이?라고|이?라며|이?라는|고|며|는|란)(?:\s|$|[^가-힣])")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")


def _ends_sentence(text: str, match: re.Match[str], start: int) -> bool:
    """Whether the candidate `match` really ends the sentence that began at `start`."""
    if match.group("kpunct") or match.group("cjk"):
        return True
    after = text[match.end() :].lstrip()
    if not after:
        return True
    following = _NEXT_WORD.match(after)
    nxt = following.group() if following else ""
    first = nxt[0]
    # English sentences start with a capital (or a digit, or a quote): "said ... no. five",
    # '"Why?" she asked' and "... the U.S. economy" go on. "iPhone" starts one anyway.
    if first.isascii() and first.islower() and not any(ch.isupper() for ch in nxt):
        return False
    punct, close = match.group("punct"), match.group("close")
    if close and _KO_QUOTE_PARTICLE.match(after):
        return False
    if punct.startswith("…") or punct.startswith(".."):
        # An ellipsis trails off inside a sentence unless an English sentence clearly follows.
        return first.isascii() and first.isupper()
    if punct != "." or close:
        return True
    found = _WORD_BEFORE.search(text, start, match.start())
    word = found.group() if found else ""
    if not word or not word[-1].isascii():
        return True  # "…동결했다." or a number ends a sentence
    lowered = word.lower()
    if lowered in _TITLES:
        return False
    if lowered in _BEFORE_NUMBER and first.isdigit():
        return False
    if lowered in _BEFORE_NUMBER or lowered in _AMBIGUOUS or _INITIALS.fullmatch(word):
        # "U.S.", "J.P.", "F." (initials), "Inc.", "Feb." (no number after): only before a
        # word that starts sentences. Hangul after "U.S." is Korean copy going on (U.S. 스틸).
        return nxt.strip("\"'“‘(") in _STARTERS
    return True


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, in order. A span ends after its closing
    punctuation and quotes; the spaces between sentences belong to no span. Text after the
    last sentence end is one more span. Concatenating text[start:end] with the spaces between
    gives back `text` exactly: nothing is dropped or changed."""
    spans: list[tuple[int, int]] = []
    start = len(text) - len(text.lstrip())
    for match in _candidate().finditer(text):
        if match.end() <= start or not _ends_sentence(text, match, start):
            continue
        spans.append((start, match.end()))
        rest = text[match.end() :]
        start = match.end() + len(rest) - len(rest.lstrip())
    end = len(text.rstrip())
    if start < end:
        spans.append((start, end))
    return spans


def bare_full_stop(sentence: str) -> str:
    """The sentence without its final full stop, for a headline ("…동결했다." -> "…동결했다");
    a dot that belongs to an ellipsis or an abbreviation ("Honda Motor Co.", "U.S.") stays."""
    if not sentence.endswith(".") or sentence.endswith(".."):
        return sentence
    found = _WORD_BEFORE.search(sentence, 0, len(sentence) - 1)
    word = found.group() if found else ""
    lowered = word.lower()
    if (
        word
        and word[-1].isascii()
        and (
            lowered in _TITLES
            or lowered in _BEFORE_NUMBER
            or lowered in _AMBIGUOUS
            or (_INITIALS.fullmatch(word) and len(word) > 1)
        )
    ):
        return sentence
    return sentence[:-1]


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def first_sentence(text: str) -> str:
    """The first sentence with its end punctuation ("…동결했다.", "U.S. officials met."), or the
    whole text when it has no sentence end."""
    spans = sentence_spans(text)
    return text[spans[0][0] : spans[0][1]] if spans else text


# ---- datelines and credits -------------------------------------------------------------------

# Korean: "(서울=연합뉴스)", "[베이징=뉴시스]", "【도쿄=뉴스1】", "(로이터=연합뉴스)",
# "[워싱턴=특파원]", then an optional byline "홍길동 기자", "김철수 이영희 기자", "홍길동 특파원",
# and the "=" that joins them to the story.
_KO_REPORTER = r"(?:선임기자|객원기자|수습기자|논설위원|특파원|기자)"
_KO_BYLINE = r"(?:[가-힣]{2,4}\s?){1,3}" + _KO_REPORTER
_KO_BRACKET = (
    r"[(\[【〔<]\s*(?P<place>[^=()\[\]【】〔〕<>\n]{1,20}?)\s*=\s*"
    r"(?P<credit>[^=()\[\]【】〔〕<>\n]{1,20}?)\s*[)\]】〕>]"
)
# "[이데일리 홍길동 기자]", "[파이낸셜뉴스]": square brackets at the very start credit an outlet.
_KO_SQUARE = (
    r"[\[【]\s*(?P<outlet>[가-힣A-Za-z0-9]{2,12}?(?:\s?[가-힣A-Za-z0-9]{1,12}?)?)"
    r"(?:\s+(?P<sqbyline>" + _KO_BYLINE + r"))?\s*[\]】]"
)
_KO_DATELINE = (
    r"^\s*(?:(?:" + _KO_BRACKET + r")(?:\s*(?P<byline>" + _KO_BYLINE + r"))?"
    r"|(?:" + _KO_SQUARE + r")"
    r"|(?P<bare>" + _KO_BYLINE + r")(?=\s*=))"
    r"(?P<sep>\s*=\s*|\s+|(?=[가-힣A-Za-z“‘\"']))"
)
_KO_FOREIGN_AGENCIES = _words(
    "로이터 AP AFP EPA UPI 블룸버그 신화 신화통신 교도 교도통신 지지 타스 dpa"
)
_NOT_AN_OUTLET = frozenset({"특파원", "기자", "종합", "속보", "단독", "사진", "영상", "포토"})
# A bracket at the start is a credit only when it names an outlet (or a reporter); "[인터뷰]",
# "[르포]", "[특징주]" and the like label the story and stay in it.
_OUTLET = re.compile(
    r"(?:뉴스|일보|경제|신문|데일리|투데이|타임스|타임즈|저널|방송|통신|미디어|비즈|코리아|넷|"
    r"뉴스1|포스트|이코노미|헤럴드|[A-Za-z]{2,})$"
)

_MONTHS = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
    r"Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_DATE = _MONTHS + r"\s\d{1,2}(?:,\s\d{4})?"
_AGENCIES = (
    r"(?:Reuters|AP|AFP|Bloomberg(?:\sNews)?|Jiji(?:\sPress)?|Kyodo(?:\sNews)?|Xinhua|"
    r"Yonhap(?:\sNews)?|dpa|DPA|EFE|ANSA|UPI|TASS|PTI|IANS|Bernama|Anadolu|Antara|CNA|KUNA|"
    r"WAM|SPA|Nikkei(?:\sAsia)?|NHK|BNO|Sputnik|RIA|Interfax|Kyodo\sNews\sInternational)"
)
_CAPS_PLACE = r"[A-Z][A-Z.'\-]+(?:\s(?:[A-Z][A-Z.'\-]+|de|da|do|del|la|el))*"
_TITLE_PLACE = r"[A-Z][a-z]+(?:[\s-][A-Z][a-z]+){0,2}"
_STATE = r"[A-Z][a-z]{1,10}\.|[A-Z]\.[A-Z]\.|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?"
_EN_SEP = r"(?P<sep>\s*(?:--|—|–)\s*|\s+-\s+|\s*-\s+)"
_EN_DATELINE = (
    # "WASHINGTON (Reuters) - ", "BERLIN, March 3 (AP) — ", "SAN FRANCISCO, Calif. (AP) — "
    r"^\s*(?P<en>(?P<caps>" + _CAPS_PLACE + r")(?:,\s(?:" + _DATE + r"|" + _STATE + r"))?"
    r"(?:,\s"
    + _DATE
    + r")?\s?\((?P<c1>[A-Z][A-Za-z.&' ]{1,30}?)\))"
    + _EN_SEP
    # "Tokyo, Feb. 13 (Jiji Press)--": a place in title case needs a date or a known agency
    + r"|^\s*(?P<en2>(?P<title>"
    + _TITLE_PLACE
    + r")(?:,\s"
    + _DATE
    + r"\s?\((?P<c2>[A-Z][A-Za-z"
    r".&' ]{1,30}?)\)|\s?\((?P<c3>"
    + _AGENCIES
    + r")\)))"
    + _EN_SEP.replace("sep", "sep2")
    # "(Bloomberg) -- ", and Reuters' "Feb 13 (Reuters) - " with a date but no place
    + r"|^\s*(?P<en3>(?:"
    + _DATE
    + r"\s?)?\((?P<c4>"
    + _AGENCIES
    + r")\))"
    + _EN_SEP.replace("sep", "sep3")
    # "LONDON — ": a place in capitals with a dash of its own, no credit
    + r"|^\s*(?P<en4>(?P<caps2>[A-Z][A-Z.'\-]{2,}(?:\s[A-Z][A-Z.'\-]+)*)(?:,\s(?:"
    + _DATE
    + r"|"
    + _STATE
    + r"))?)(?P<sep4>\s*(?:--|—|–)\s*)(?=[A-Z0-9\"“‘])"
)


@functools.cache
def _datelines() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The Korean and the English dateline, compiled on first use (see `_candidate`)."""
    return re.compile(_KO_DATELINE), re.compile(_EN_DATELINE)


@dataclass(frozen=True, slots=True)
class Dateline:
    """The dateline and credit a wire story starts with.

    `text` is exactly as written (without the "=" / " - " / "--" joining it to the story),
    `place` the dateline's city ("서울", "WASHINGTON", "Tokyo"), `credit` the agency or
    outlet when it names one ("연합뉴스", "Reuters", "Jiji Press"), `byline` the reporter
    ("홍길동 기자"), and `end` the offset in the original text where the story begins."""

    text: str
    place: str | None
    credit: str | None
    byline: str | None
    end: int


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def split_dateline(text: str) -> tuple[Dateline | None, str]:
    """(the dateline, the story after it). Without a dateline: (None, text). The story is
    text[dateline.end:], unchanged; the dateline's text is a verbatim piece of the start."""
    korean, english = _datelines()
    match = korean.match(text)
    if match and (match.group("place") or match.group("outlet") or match.group("bare")):
        head = text[: match.end() - len(match.group("sep"))]
        outlet = match.group("outlet")
        if outlet and (
            outlet in _NOT_AN_OUTLET or not (match.group("sqbyline") or _OUTLET.search(outlet))
        ):
            return None, text  # "[단독] ..." is a label of the story, not a credit
        credit = _clean(match.group("credit")) or _clean(match.group("outlet"))
        if credit in _NOT_AN_OUTLET:
            credit = None
        byline = _clean(match.group("byline") or match.group("sqbyline") or match.group("bare"))
        place = _clean(match.group("place"))
        if place in _KO_FOREIGN_AGENCIES:
            place = None  # "(로이터=연합뉴스)": Reuters' story as 연합뉴스 carries it, no city
        story = text[match.end() :]
        if story.strip():
            return (
                Dateline(head.strip(), place, credit, byline, match.end()),
                story,
            )
        return None, text
    match = english.match(text)
    if match:
        head = match.group("en") or match.group("en2") or match.group("en3") or match.group("en4")
        place = match.group("caps") or match.group("title") or match.group("caps2")
        credit = match.group("c1") or match.group("c2") or match.group("c3") or match.group("c4")
        story = text[match.end() :]
        if story.strip():
            return Dateline(head.strip(), _clean(place), _clean(credit), None, match.end()), story
    return None, text


# ---- language --------------------------------------------------------------------------------


def language(text: str) -> str | None:
    """A BCP 47 tag for the language `text` is mostly written in: "ko" when Hangul is more
    than a sprinkling (Korean copy is full of "AI", "CEO" and company names), "ja" with kana,
    "en" when Latin letters carry it; None when it cannot tell (numbers, symbols)."""
    hangul = latin = kana = han = 0
    for ch in text:
        if "가" <= ch <= "힣":
            hangul += 1
        elif ch.isascii() and ch.isalpha():
            latin += 1
        elif "\u3040" <= ch <= "\u30ff":
            kana += 1
        elif "\u4e00" <= ch <= "\u9fff":
            han += 1
    letters = hangul + latin + kana + han
    if not letters:
        return None
    if hangul >= 0.15 * letters:
        return "ko"
    if kana:
        return "ja"
    if latin >= 0.6 * letters:
        return "en"
    if han:
        return "zh"
    return None


def looks_like_cp949(data: bytes) -> bool:
    """Korean text saved by Windows or Excel: the bytes read as CP949 and most of the Hangul
    they give is among the 2,350 everyday syllables (KS X 1001, both bytes 0xA1 or more).
    An English file with one Windows-1252 byte before a letter (Word's apostrophe in
    "Nintendo\x92s") also reads as CP949, but as a rare UHC syllable: not Korean."""
    try:
        decoded = data.decode("cp949")
    except UnicodeDecodeError:
        return False
    hangul = [ch for ch in decoded if "가" <= ch <= "힣"]
    common = sum(1 for ch in hangul if min(ch.encode("cp949")) >= 0xA1)
    return common * 2 > len(hangul)
