"""Mentions for newsletter.classify: the lexicon's entries, finding them in a text, and the
context of each (its particle, what follows it, whether it is background).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Container, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from newsletter.classify_r28b_body import (
    denied_phrase,
    federal_by_its_money,
    official_before_body,
)
from newsletter.classify_r29a_exports import exports_from_owner
from newsletter.classify_r29b_home import home_of_builders
from newsletter.classify_r30b_federal import federal_past_worry
from newsletter.classify_r30b_home import home_of_signer
from newsletter.classify_r30b_trading import trading_place
from newsletter.classify_s28b_english import owner_of_subject_unit
from newsletter.classify_s28c_english import describes_a_name
from newsletter.classify_tables import (
    _PAREN_AFTER,
    _PARENS,
    _PARTICLE_ENDINGS,
    _QUOTE_CHARS,
    _QUOTES,
    _TOKEN,
    EN_BACKGROUND_BEFORE,
    GENERIC_INSTITUTIONS,
    HANGUL,
    KIND_WEIGHT,
    KO_BACKGROUND_NEXT,
    KO_BACKGROUND_SUFFIXES,
    KO_BACKGROUND_WINDOW,
    KOREA_GROUP,
    KOREA_WEIGHT,
    LEXICON,
    NOT_FOLLOWED_BY,
    PAIR_LETTERS,
    PAIR_WORDS,
    PARTICLES,
    PATTERNS,
    SUBORDINATE_MODIFIER_BONUS,
    TARGET_NEXT,
    TARGET_WORDS,
    WEAK_TERMS,
    WHOLE_WORD,
    lazy_pattern,
)
from newsletter.models import Region


class _Entry(NamedTuple):
    """One name the classifier knows. A named tuple, not a frozen dataclass: ~7,700 are built
    on the import path (before a send's first message), and a tuple is built three times as
    fast."""

    surface: str
    group: str
    region: Region
    kind: str
    description: str
    weight: float


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    entry: _Entry
    sentence: int = 0
    suffix: str = ""  # the Korean letters attached to the name ("산이" in "중국산이")
    particle: str = ""  # the particle that ends them ("이"), or "" for a bare noun
    phrase_particle: str = ""  # for a bare noun, the particle ending its phrase ("인도 시장에서")
    after: str = ""  # the text that follows, particle excluded
    background: bool = False
    role: str = ""  # "head", "modifier", "object", "sub-head", "sub-modifier", "later-subject"
    factor: float = 1.0
    bonus: float = 0.0

    @property
    def score(self) -> float:
        return self.entry.weight * self.factor

    def label(self) -> str:
        return f"{self.entry.surface} ({self.entry.description})"


def _describe(name: str, adjective: str, kind: str) -> str:
    if kind == "country":
        return name
    if kind == "place":
        return f"place in {name}"
    noun = {"person": "figure", "market": "market or currency"}.get(kind, kind)
    return f"{adjective} {noun}" if adjective else f"{noun} in {name}"


class _Table(dict[str, tuple[str, Region, str, str, float]]):
    """The lexicon: each term maps to the fields its entry shares with the other terms of its
    group and kind (group, region, kind, description, weight), and a lookup builds the term's
    `_Entry`. Sixteen thousand named tuples of their own cost the classifier ~1.5 MB, which
    the start-up helper holds beside the sender (issue 12's peak RSS of the tree); a few
    hundred shared ones cost next to nothing. Membership and iteration are the dict's own;
    an entry is compared by value, not identity (two lookups build two equal tuples)."""

    __slots__ = ()

    def __getitem__(self, term: str) -> _Entry:  # type: ignore[override]
        return _Entry(term, *dict.__getitem__(self, term))

    def get(self, term: str, default: _Entry | None = None) -> _Entry | None:  # type: ignore[override]
        fields = dict.get(self, term)
        return default if fields is None else _Entry(term, *fields)


def _build_entries() -> _Table:
    entries = _Table()
    shared: dict[tuple[str, Region, str, str, float], tuple[str, Region, str, str, float]] = {}
    for region, name, adjective, kinds in LEXICON:
        korea = name == KOREA_GROUP
        for kind, terms in kinds.items():
            # Once per group and kind, not per term: ~7,700 terms are built on the import path,
            # before a send's first message.
            weight = KIND_WEIGHT[kind] * (KOREA_WEIGHT if korea else 1.0)
            description = _describe(name, adjective, kind)
            for term in terms:
                if term in entries:  # the first table to claim a surface keeps it
                    continue
                weak = WEAK_TERMS.get(term)
                fields = (name, region, kind, description,
                          weight if weak is None else weight * weak)
                entries[term] = shared.setdefault(fields, fields)
    for term, fields in list(entries.items()):
        if (fields[1] is Region.JAPAN and term not in WHOLE_WORD
                and fields[2] in ("company", "person", "place")):
            for variant in _japanese_spellings(term):
                entries.setdefault(variant, fields)
    return entries


# Korean spells Japanese names two ways: the standard 도요타, 미쓰비시, 기시다 and the common
# 토요타, 미츠비시, 키시다 (a voiceless first consonant, 츠 for つ).
_ASPIRATED = {0: 15, 3: 16}  # initial ㄱ -> ㅋ, ㄷ -> ㅌ (indices of Hangul initial consonants)


def _japanese_spellings(term: str) -> set[str]:
    if not HANGUL.match(term[:1]) or len(term) < 3:
        return set()
    variants = {term.replace("쓰", "츠")}
    code = ord(term[0]) - 0xAC00
    initial, rest = divmod(code, 588)
    if initial in _ASPIRATED:
        first = chr(0xAC00 + _ASPIRATED[initial] * 588 + rest)
        variants |= {first + v[1:] for v in variants}
    variants.discard(term)
    return variants


class _Literals:
    """Many literal terms, found by hashing rather than by one big regex: at each place a term
    may start, the longest term that is a prefix of the text there (and, for whole-word terms,
    is followed by a word boundary) wins, as a trie-shaped alternation would choose. Building
    this is a few dictionary inserts; compiling the same 7,000 terms as one regex cost about
    110 ms of start-up (sre's parser and compiler are Python code)."""

    __slots__ = ("_lengths", "_single", "_starts", "_terms", "_whole_word")

    def __init__(self, terms: Iterable[str], starts: str, whole_word: bool,
                 known: Container[str]) -> None:
        terms = list(terms)
        # Membership is asked of `known` (every entry's surface): a term of this set and any
        # other that shares its first two letters share its script, so the answer is the same,
        # and no second table of the ~16,000 names is held (issue 12's memory).
        self._terms = known
        lengths: dict[str, set[int]] = {}
        for term in terms:
            if len(term) > 1:
                found = lengths.get(term[:2])  # no throwaway set() per term (import path)
                if found is None:
                    lengths[term[:2]] = {len(term)}
                else:
                    found.add(len(term))
        # Longest first, keyed by the first two letters; one-letter terms (셸, 中) apart.
        self._single = frozenset(term for term in terms if len(term) == 1)
        self._lengths = {key: tuple(sorted(found, reverse=True)) for key, found in lengths.items()}
        # Only where some term's first letter stands: most word starts are skipped in C.
        firsts = "".join(sorted(re.escape(ch) for ch in {term[0] for term in terms}))
        self._starts = re.compile(f"{starts}(?=[{firsts}])")
        self._whole_word = whole_word

    def search(self, text: str, pos: int) -> tuple[int, int] | None:
        """The first term at or after `pos`: (start, end), or None."""
        terms, lengths, single = self._terms, self._lengths, self._single
        whole_word = self._whole_word
        size = len(text)
        for candidate in self._starts.finditer(text, pos):
            at = candidate.start()
            for length in lengths.get(text[at:at + 2], ()):
                end = at + length
                if end <= size and text[at:end] in terms and not (
                        whole_word and end < size and _ascii_word_at(text, end)):
                    return at, end
            if single and text[at] in single and not (
                    whole_word and at + 1 < size and _ascii_word_at(text, at + 1)):
                return at, at + 1
        return None


def _ascii_word_at(text: str, at: int) -> bool:
    ch = text[at]
    return ch.isascii() and ch.isalnum()


def _is_hanja(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


ENTRIES: _Table = _build_entries()
_GROUPS: dict[str, tuple[Region, str]] = {name: (region, adj) for region, name, adj, _ in LEXICON}
_KO_TERMS = [t for t in ENTRIES if "가" <= t[0] <= "힣"]  # HANGUL's range, without a call per term
_LATIN_TERMS = [t for t in ENTRIES if t[0].isascii() and t[0].isalnum()]
_OTHER_TERMS = sorted(set(ENTRIES) - set(_KO_TERMS) - set(_LATIN_TERMS))
# Korean terms start a word, or follow a prefix such as 대/반/친 ("대중국"); Latin terms are
# whole words.
_KO_LITERALS = _Literals(_KO_TERMS, r"(?:(?<![가-힣A-Za-z0-9])|(?<=(?<![가-힣])[대반친탈범재]))",
                         whole_word=False, known=ENTRIES)
_LATIN_LITERALS = _Literals(_LATIN_TERMS, r"(?<![A-Za-z0-9])", whole_word=True, known=ENTRIES)
_OTHER_LITERALS = _Literals(_OTHER_TERMS, r"", whole_word=False, known=ENTRIES)
del _KO_TERMS, _LATIN_TERMS, _OTHER_TERMS  # built once; not kept beside ENTRIES
_PATTERN_RES = tuple((re.compile(rx), group, kind) for rx, group, kind in PATTERNS)
_PAIR_RE = re.compile(
    r"(?<![가-힣])(?:(?P<word>" + "|".join(PAIR_WORDS)
    + r")(?=[^가-힣]|$|간|의|은|는|이|가|과|와|도|을|를|"
    r"에|관계|갈등|정상|무역|관세|양국|협상|회담|동맹|패권|경쟁|전쟁|협력|통상|외교|공조|대립|합의|"
    r"분쟁|긴장|기술|반도체|첨단|3국|삼국)"
    r"|(?P<dots>[한미중일러북][·][한미중일러북유](?:[·][한미중일러북유])?)"
    r"(?![가-힣]?[·]?[가-힣]{0,1}국))"
)
_TARGET_RE = re.compile(r"(?<![가-힣])(?P<word>" + "|".join(TARGET_WORDS) + r")(?=" + TARGET_NEXT
                        + ")")
_NOT_PRECEDED_BY_DIGIT = frozenset({"日", "中"})


def _pattern_entry(surface: str, group: str, kind: str) -> _Entry:
    region, adjective = _GROUPS[group]
    weight = KIND_WEIGHT[kind] * (KOREA_WEIGHT if group == KOREA_GROUP else 1.0)
    description = _describe(group, adjective, kind)
    if kind == "target":
        description = f"toward {group}"
    elif kind == "pair":
        description = f"{group}, named in a pair"
    return _Entry(surface, group, region, kind, description, weight)


def _following_hangul(text: str, end: int) -> str:
    j = end
    while j < len(text) and "가" <= text[j] <= "힣":
        j += 1
    return text[end:j]


def _acceptable(text: str, start: int, end: int, term: str) -> bool:
    rest = text[end:end + 12]
    if any(rest.startswith(bad) for bad in NOT_FOLLOWED_BY.get(term, ())):
        return False
    if term in _NOT_PRECEDED_BY_DIGIT and start and text[start - 1].isdigit():
        return False
    return not (term in WHOLE_WORD and _following_hangul(text, end) not in PARTICLES)


def _find_mentions(text: str) -> list[_Mention]:
    found: list[_Mention] = []
    for literals in (_KO_LITERALS, _LATIN_LITERALS, _OTHER_LITERALS):
        pos = 0
        while (span := literals.search(text, pos)) is not None:
            start, end = span
            term = text[start:end]
            if _acceptable(text, start, end, term) and not describes_a_name(
                    text, start, end, ENTRIES[term].kind):  # "Robotaxi developer X" (28c)
                found.append(_Mention(start, end, ENTRIES[term]))
                pos = end
            else:
                pos = start + 1
    for regex, group, kind in _PATTERN_RES:
        for m in regex.finditer(text):
            found.append(_Mention(m.start(), m.end(), _pattern_entry(m.group().strip(), group,
                                                                      kind)))
    for m in _PAIR_RE.finditer(text):
        letters = [ch for ch in m.group() if ch in PAIR_LETTERS]
        for ch in dict.fromkeys(letters):
            found.append(_Mention(m.start(), m.end(),
                                  _pattern_entry(m.group(), PAIR_LETTERS[ch], "pair")))
    for m in _TARGET_RE.finditer(text):
        found.append(_Mention(m.start(), m.end(),
                              _pattern_entry(m.group(), TARGET_WORDS[m.group()], "target")))
    # Keep the longest match where matches overlap; pairs share their span on purpose.
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    kept: list[_Mention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            same_span = (mention.start, mention.end) == (kept[-1].start, kept[-1].end)
            if not (same_span and mention.entry.kind == "pair"):
                continue
        kept.append(mention)
    _foreign_bodies(text, kept)
    return kept


def _foreign_bodies(text: str, mentions: list[_Mention]) -> None:
    """"일본 개인정보보호위원회", "프랑스 외교부": a body the tables give to Korea, right after
    another country's name, is that country's (Korean names its own bodies without "한국")."""
    for before, body in itertools.pairwise(mentions):
        if (body.entry.group == KOREA_GROUP and body.entry.kind == "institution"
                and before.entry.kind == "country" and before.entry.group != KOREA_GROUP
                and text[before.end:body.start] == " "):
            body.entry = _Entry(body.entry.surface, before.entry.group, before.entry.region,
                                "institution", _describe(before.entry.group, "", "institution"),
                                KIND_WEIGHT["institution"])


def _attach_context(text: str, mentions: list[_Mention]) -> None:
    """Fill in each mention's particle, what follows it, and whether it is background."""
    # The bodies named with their country so far ("중국 상무부"), by their bare name.
    owned: dict[str, _Entry] = {}
    for i, m in enumerate(mentions):
        j = m.end
        paren = _PAREN_AFTER.match(text, j)
        if paren:
            j = paren.end()
        while j < len(text) and text[j] in _QUOTES:
            j += 1
        suffix = _following_hangul(text, j)
        m.suffix = suffix
        # "…승자는 X가 아니라 스카이댄스였지만, 소니는 …": a name before a copula that closes
        # a clause ("였지만", "이었으나", "이고") takes no particle; its 만 is no "only".
        copula = suffix in _COPULA_CONNECTIVES
        m.particle = "" if copula else _particle(suffix)
        m.after = text[j + len(suffix):j + len(suffix) + 30]
        if i > 0 and (m.entry.surface in GENERIC_INSTITUTIONS or _other_countrys_body(
                text, mentions[i - 1], m)):
            prev = mentions[i - 1]
            if (prev.entry.kind == "country" and not prev.suffix
                    and text[prev.end:m.start] in ("", " ", "'s ", "’s ")) or (
                    official_before_body(text, prev, m)):  # "허야둥 상무부 대변인" (r28b)
                # "중국 상무부" is China's ministry, whatever the table says by default.
                region, adjective = _GROUPS[prev.entry.group]
                m.entry = _Entry(m.entry.surface, prev.entry.group, region, "institution",
                                 _describe(prev.entry.group, adjective, "institution"),
                                 prev.entry.weight)
                owned[m.entry.surface] = m.entry
            elif m.entry.surface in owned:
                # "…중국 상무부의 제재 명단에 올랐다. 상무부는 …": the bare name again is the
                # body named with its country before, not the one the tables default to.
                m.entry = owned[m.entry.surface]
        elif m.entry.kind == "institution" and " " in m.entry.surface:
            bare = m.entry.surface.rsplit(" ", 1)[1]
            if bare in GENERIC_INSTITUTIONS:
                owned[bare] = m.entry
        m.phrase_particle = m.particle
        if not m.particle and not copula and HANGUL.search(m.entry.surface):
            m.phrase_particle = _phrase_particle(text, j + len(suffix))
        m.background = _is_background(text, m)
        if m.phrase_particle == "에" and _KO_HOME_BASE().match(text, m.end):
            # "미국 텍사스에 본사를 둔 업체": where a firm is based says whose it is; that 에
            # is no adverbial keeping the name out of the subject.
            m.phrase_particle = m.particle = ""
    federal_by_its_money(mentions)  # "연방정부가 75억 유로 규모의 …" (round twenty-eight b)
    home_of_builders(text, mentions)  # "국내에 공장을 짓는 기업이 …" (round twenty-nine b)
    home_of_signer(text, mentions)  # "…짓는 기업 …. 트럼프 대통령이 서명한 법안" (30b)
    federal_past_worry(text, mentions)  # "미국의 …다는 우려가 커지자 연방하원이 … 유로" (30b)


def _other_countrys_body(text: str, prev: _Mention, m: _Mention) -> bool:
    """"독일 연방대법원(BGH)은": a country right before a Korean body's name binds it, though
    the tables file the bare name under another country (연방대법원 is America's by default);
    so does a country's 's before an English one ("Brazil's Supreme Court", "India's Justice
    Department": round seventeen)."""
    if m.entry.kind != "institution" or prev.entry.kind != "country" or (
            prev.entry.region is m.entry.region):
        return False
    if text.startswith(("'s ", "’s "), prev.end) and prev.end + 3 == m.start:
        return m.entry.surface[:1].isupper() and not _NAMES_ITS_COUNTRY().search(m.entry.surface)
    return (prev.end + 1 == m.start
            and text[prev.end] == " " and all("가" <= ch <= "힣" for ch in m.entry.surface))


# An English body's name that says whose it is ("U.S. Supreme Court", "Federal Reserve").
_NAMES_ITS_COUNTRY = lazy_pattern(r"U\.S\.|\bUS\b|America|Federal Reserve|European|EU\b"
                                  r"|China|Chinese|Japan|British|German|French")


# "…에 본사를 둔", "…에 본부가 있는", "…에 기반을 둔": a firm's home base, after the name or
# after one more bare word ("미국 텍사스에 본사를 둔").
_KO_HOME_BASE = lazy_pattern(
    r"(?:\s[^\s.,]+)?에\s(?:\S+\s)?(?:본사|본부|기반|거점)[을를가이]\s"
    r"(?:둔|두고\s있는|있는)")


# The copula and a connective after a name: "였지만", "이지만", "이었으나", "였는데", "이고"
# (not "이나" nor "이며", which are also particles: "A이나 B", "A이며 B").
_COPULA_CONNECTIVES = frozenset({
    "지만", "이지만", "였지만", "이었지만", "였으나", "이었으나", "였고", "이었고", "이고",
    "였는데", "이었는데", "인데", "였으며", "이었으며",
})


def _phrase_particle(text: str, position: int) -> str:
    """The particle that ends the noun phrase a bare name begins: "에서" for "인도 시장에서"."""
    for count, tok in enumerate(_TOKEN.finditer(text, position, position + 40)):
        word = tok.group()
        if count >= 3 or not HANGUL.search(word[-1:]) or any(ch in "…,.;:!?" for ch in word):
            break
        if particle := _particle(_clean_word(word)):
            return particle
    return ""


def _particle(suffix: str) -> str:
    """The particle at the end of a word's tail: "이" in "산이", "에" in "신문에"."""
    for ending in _PARTICLE_ENDINGS:
        if suffix.endswith(ending):
            return ending
    return ""


def _is_background(text: str, m: _Mention) -> bool:
    if HANGUL.search(m.entry.surface) or m.suffix:
        if m.suffix in KO_BACKGROUND_SUFFIXES or m.particle in KO_BACKGROUND_SUFFIXES:
            return True
        tail = m.suffix + m.after
        if any(tail.startswith(p) for p in KO_BACKGROUND_NEXT):
            return True
        for rx in KO_BACKGROUND_WINDOW:
            found = rx.match(tail)
            if found is None:
                continue
            # "일본 정부가 중국의 수출 통제에 대비해": the curbs are the owner's named between
            # (중국의), and the subject in 이/가 before it acts.
            return not (m.particle in ("이", "가") and _OWNER_BETWEEN.search(
                found.group(), len(m.suffix)))
        return denied_phrase(tail)  # "X의 …가 아니라" (round twenty-eight b)
    before = text[max(0, m.start - 48):m.start]
    # round 29a: "Exports from China hit a record": the subject's owner, not background
    return (EN_BACKGROUND_BEFORE.search(before) is not None and not exports_from_owner(before)
            and not owner_of_subject_unit(text, m.start, ENTRIES)  # 28b: "A unit of CATL broke"
            ) or trading_place(before)  # round 30b: "sending their shares lower in Hong Kong"


_OWNER_BETWEEN = re.compile(r"\s\S+의\s")


def _clean_word(word: str) -> str:
    if "(" in word:
        word = _PARENS.sub("", word)
    if _QUOTE_CHARS.search(word):
        word = _QUOTE_CHARS.sub("", word)
    return word.rstrip(",.;:!?…")


def _resolve_bracketed_initials(text: str, mentions: list[_Mention]) -> None:
    """Initials in brackets after a body's name spell that body again: "국가인터넷정보판공실
    (CAC)" is China's regulator, not the French index, and "Taiwan's Fair Trade Commission
    (FTC)" Taiwan's, not America's; they take the region of the name they follow, unless
    that name is one every country uses and the initials say whose it is."""
    again: list[_Mention] = []
    for prev, m in itertools.pairwise(mentions):
        if (m.entry.region is prev.entry.region and text[m.start - 1:m.start] == "("
                and m.start - prev.end <= 1 and text.startswith(")", m.end)
                and _INITIALS.fullmatch(text, m.start, m.end)):
            # "미국 무역대표부(USTR)가": the initials name the body once more, not a second
            # actor; counted twice, a fronted clause's body outweighs the main clause's.
            again.append(m)
            continue
        if (m.entry.region is prev.entry.region or text[m.start - 1:m.start] != "("
                or not text.startswith(")", m.end)
                or not _INITIALS.fullmatch(text, m.start, m.end)):
            continue
        if m.start - prev.end > 40 or not _NAME_TAIL.fullmatch(text, prev.end, m.start - 1):
            continue
        if prev.entry.surface in GENERIC_INSTITUTIONS and prev.entry == ENTRIES.get(
                prev.entry.surface):
            # "공정거래위원회(JFTC)": a name every country uses, with no country before it,
            # is the one its initials say.
            prev.entry = m.entry
        else:
            m.entry = prev.entry
            if m.start - prev.end <= 1:
                again.append(m)  # "국가인터넷정보판공실(CAC)": named once
    if again:
        mentions[:] = [m for m in mentions if m not in again]


# Initials: "CAC", "SAMR", "BaFin", "HKMA".
_INITIALS = re.compile(r"[A-Z][A-Za-z]*[A-Z][A-Za-z]*")
# What may sit between a name and the brackets that spell its body: the rest of the body's
# name ("공정거래위원회", "'s Fair Trade Commission"), no verb, clause or sentence end.
_NAME_TAIL = re.compile(r"(?:'s|’s|의)?(?:\s*(?:[A-Z][\w&.-]*|of|for|and|on|the|[가-힣]+"
                        r"(?<![을를이가은는도에로서]))){0,5}\s*")


def agent_leads(inside: list[_Mention], agent: _Mention, head_bonus: float) -> None:
    """The agent becomes the clause's head; the names before it that led (the one the act is
    done to, and its modifiers) weigh as little as a background clause's subject."""
    for m in inside:
        if m.role in ("head", "modifier") and m.start < agent.start:
            m.role, m.bonus = "sub-modifier", SUBORDINATE_MODIFIER_BONUS
    agent.role, agent.bonus = "head", head_bonus
