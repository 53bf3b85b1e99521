"""Stage 2: file each summary under exactly one region, with a short reason. Pure: no I/O.

How a region is chosen
----------------------
1. An explicit ``summary.region`` (the source said so) wins.
2. Otherwise the text (title first, then the body) is scanned for *mentions*: entries of the
   lexicon (newsletter/lexicon/*.tsv: countries, places, people, institutions, companies,
   products, markets and currencies, in Korean and English). Each mention belongs to a *group*
   (France, Taiwan, ...) and each group to a region; groups without a section of their own
   (Korea, Taiwan, India, Russia, the Middle East, ...) file under ``Region.OTHER``.
3. Each mention scores by where and how it appears:
   - earlier sentences weigh more than later ones;
   - the *lead subject*, the subject of the first sentence's MAIN clause, gets a large bonus
     (its head, the last name in the phrase or the owner in "A의 중국 매출 비중이", most).
     Korean: the subjects are the phrases ending in 이/가/은/는/도; one followed by a clause
     end (an adnominal verb "손잡은", "발표한 뒤", "강화한 데 이어", "하자", "했다고") and then
     by another subject belongs to an embedded clause, so "미국 정부가 규제를 강화한 데 이어
     네덜란드 정부도 ..." and "엔비디아가 투자한 소니가 ..." are about the Netherlands and
     Sony, while "레이쥔 회장이 주문이 늘었다고 밝혔다" stays Lei Jun's. English: a fronted
     clause ("Two days after ..., ", "Stung by ..., ", "Following ..., ") is background and
     the subject is the phrase before the main verb. The subject of an embedded clause gets
     a small bonus; a news outlet that reports ("WSJ는 ...라고 보도했다") gets none;
   - mentions in a background context weigh less: "X와 Y 주도로", "X발", "X의 제재 속",
     "X에 맞서", "X 등 경쟁사", "amid US sanctions", "versus", "rivals such as";
   - Korean companies and places weigh less than others, because Korean news names them in
     almost every story (a Korean chipmaker "joining a US project" does not make the story
     Korean); a story whose lead subject is Korean still files under Other.
   - when the lead's subject is a name the tables lack, the place the lead sentence happens
     in ("...가 도쿄증시에 상장했다") gets a small bonus instead;
   - each further mention of one region counts less than the one before (x0.8), so a
     counterpart named in every later sentence ("미국 측은 ... 미국 상무부는 ...") does not
     outweigh the actor of the lead.
4. The region with the highest score wins; nothing named at all files under Other.

The clause analysis is rules over words and endings, not a morphological analyser: kiwipiepy
(measured for issue 13: about 150 MB installed, 1.2 s to load its model plus about 2 s for the
first sentence, about 500 MB peak RSS, about 2 ms per summary) would cost the job more than the
whole classifier does (about 0.2 ms per summary, 20 MB), for shapes the rules already find.
docs/classify.md has the figures and how they were measured.

Choices worth knowing
---------------------
- Taiwan (TSMC, Foxconn, ...) files under Other, except that a non-Korean Other-region firm
  whose lead sentence puts a plant/fab in a section region ("TSMC의 애리조나 공장") files
  under that region. Korean firms building abroad stay under Other: for Korean readers that
  is domestic business news.
- Hong Kong and Macau file under China; the UK, Switzerland, Norway and the Balkans under
  Europe; Russia, Ukraine, Belarus and Turkey under Other. Canada and Mexico are Other.
- Dollars are everywhere (amounts are quoted in dollars whatever the story), so "달러" is not
  evidence; yen, yuan, euro and pound amounts are.
- Three regions or more as one subject ("미국과 일본, EU가 ... 합의했다") are an international
  story and file under Other.
- NATO and the EU's institutions file under Europe. Other international bodies (the UN, IMF,
  World Bank, OECD, WTO, IEA, BIS, G7, G20, ...) file under Other: "IMF가 세계 성장률 전망을
  올렸다. 미국과 중국의 ..." is the IMF's story, not America's.

Korean words carry particles (딥시크가, 중국의, 미국과), so Korean entries match at the start
of a word (or after 대/반/친/탈/범/재, as in 대중국) with anything after them, except where the
tables below forbid a continuation (인도 "delivery" vs 인도 "India", 메타버스, 애플리케이션).
English entries match whole words, case-sensitively, so "US" is not "us" and "Apple" is not
"apple".
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from newsletter.lexicon import Group, load_lexicon
from newsletter.models import Classified, Region, Summary
from newsletter.text import sentence_spans, split_dateline

# ==== Lexicon tables ==========================================================================
#
# The names themselves live in newsletter/lexicon/*.tsv (one group per country or body:
# region, name, adjective, kind, term). `name` appears in reasons for countries
# ("프랑스 (France)"), `adjective` for everything else ("딥시크 (Chinese company)").
# Kinds: country, place, person, institution, company, product, market, media.

LEXICON: tuple[Group, ...] = load_lexicon()

# How much one mention of each kind counts before position and context.
KIND_WEIGHT: dict[str, float] = {
    "country": 1.0,
    "place": 0.8,
    "person": 1.0,
    "institution": 1.0,
    "company": 1.0,
    "product": 0.7,
    "market": 0.8,
    "media": 0.3,  # a newspaper or agency is usually the source, not the subject
    "pair": 0.5,  # 미중, 한·일: both sides named, neither is the subject
    "target": 0.4,  # 대미 수출, 대중 제재: the country is the other party
}

# Korean press names Korean firms, places and institutions in almost every story.
KOREA_GROUP = "South Korea"
KOREA_WEIGHT = 0.6
WEAK_TERMS: dict[str, float] = {"국내": 0.4, "우리나라": 0.6, "유럽": 0.9}

# Korean entries that must not run on into these letters (the word means something else).
NOT_FOLLOWED_BY: dict[str, tuple[str, ...]] = {
    "인도": (
        "량", "받", "하", "했", "한", "된", "될", "되", "돼", "해", "식", "적", "주의", "분", "일",
        " 물량", " 대수", " 지연", " 시점", " 목표", " 일정", " 실적", " 예정", " 계약", " 개시",
        " 완료", " 기준", " 시작", " 조건",
    ),
    "메타": ("버스", "데이터", "인지", "물질", "분석", "포", "휴먼", "세쿼이아", "볼릭"),
    "인텔": ("리",),
    "애플": ("리케이션", "릿", "망고", "파이"),
    "대만": ("족", "원"),
    "호주": ("머니",),
    "그리스": ("도",),
    "국내": ("외", "총생산", "선", " 외"),
    "중동": ("부",),
    "부산": ("물",),
    "원화": ("로 환산", " 환산", "환산", "로 약", " 기준"),
    "한화": ("로", " 약", "약", " 환산", "환산", " 기준"),
    "유로": ("파",),
    "리창": ("문",),
    "포드": ("자", "캐스트"),
    "셸": ("터", "프"),
    "쉘": ("터", "프"),
    "아베": ("크", "마리아"),
    "니오": ("븀", "스"),
    "모디": ("파이", "슈"),
    "델리": ("버리", "케", "카"),
    "아마존": ("강", " 열대", " 밀림", "의 열대"),
    "리프트": (" 업", "업"),
    "나토": ("리",),
    "교황": ("청",),
    # 상무부장 is China's commerce minister; the US one is 상무장관 or 상무부 장관.
    "상무부": ("장은", "장이", "장의", "장과", "장도", "장 ", "장,", "장을", "장에"),
    "광주": ("시",),
    "北": ("美", "極", "京", "米", "部", "上", "欧", "歐"),
    "中": (
        "企", "小", "銀", "間", "央", "期", "等", "長", "心", "古", "止", "斷", "断", "級", "堅",
        "途",
    ),
    "日": ("刊", "間", "記", "程", "常", "曜"),
    "US": ("$",),
    "Amazon": (" rainforest", " basin", " River", " river"),
    "Turkey": (" Day",),
}

# Entries that count only as a whole word, optionally with a particle (too short or too common
# to match at the start of a longer word).
WHOLE_WORD: frozenset[str] = frozenset({
    "하원", "상원", "연은", "일은", "한은", "리창", "모디", "타타", "니오", "셸", "쉘",
    "디올", "발레",
    "에온", "엔지", "롱지", "에니", "에넬", "아베", "우에다", "구로다", "기아", "토스",
    "로마", "파리", "유로", "나토", "국회", "샤프", "스바루", "엔고", "리빈", "리샹",
    "중공", "정협", "마누스", "지커", "징둥", "코네", "사브", "볼보", "레고", "다쏘", "악사",
    "에르스테", "덴소", "캐논", "니콘", "카니", "루피", "루블",
    "리브스", "델리", "교황", "나겔", "엘리제궁", "월가", "우한", "하노버", "베른", "추크",
    "로잔", "바젤", "작센", "홍해", "남미", "남아공", "탈레반", "몽골", "네팔", "쿠바", "칠레",
    "페루", "콩고", "케냐", "쿠다", "클로드", "그록", "우버", "테무",
    "쉬인", "포드", "피치", "연준", "인도", "호주", "그리스",
})
# Particles and short endings that may follow a WHOLE_WORD entry.
PARTICLES: frozenset[str] = frozenset({
    "", "이", "가", "은", "는", "을", "를", "의", "에", "에서", "에서는", "에서도", "에게", "으로",
    "로", "와", "과", "도", "만", "까지", "부터", "보다", "처럼", "이나", "나", "에는", "에도",
    "에선", "로는", "으로는", "와의", "과의", "이다", "였다", "이었다", "에게는", "산", "발", "측",
    "계", "인", "판", "형", "식", "과는", "와는", "조차", "마저", "만의", "에서의", "로의",
    "으로의",
    "이라는", "라는", "이란", "란", "께서", "께", "들", "들이", "들은", "들의", "에서만", "뿐",
    "이며", "며", "이고", "고", "이자", "자", "다", "보다도",
})

# Korean patterns the plain tables cannot express: (regex, group name, kind).
PATTERNS: tuple[tuple[str, str, str], ...] = (
    # "미 상무부", "미 연준": 미 as a prefix for US institutions and officials.
    (r"(?<![가-힣])미\s?(?=(?:정부|행정부|대통령|국무부|상무부|재무부|국방부|법무부|의회|하원|상원|"
     r"연준|연방|증시|국채|기업|빅테크|당국|무역대표부|관세|대선|중앙은행|국민|경제|군|해군|공군|"
     r"대사관|본토|정가|언론|매체|현지|측|재무장관|국무장관|상무장관|대통령실|법원|연방정부|"
     r"반도체|투자자|소비자|국채금리|고용|물가|노동부|에너지부|특허청|정보기관|싱크탱크|"
     r"IT|AI|테크|인공지능)(?![가-힣]{3,}))", "United States", "country"),
    (r"(?<![가-힣])중\s(?=(?:정부|당국|국무원|상무부|외교부|공산당|인민은행|기업|증시)"
     r"(?![가-힣]{3,}))", "China", "country"),
    (r"(?<![가-힣])일\s(?=(?:정부|총리|외무성|기업|증시|경제산업성)(?![가-힣]{3,}))",
     "Japan", "country"),
    # Amounts in a currency say where the money is: "1조엔", "500억 위안", "20억 유로".
    (r"\d(?:[\d,.]*)\s?(?:천|만|억|조)?\s?엔(?=[을이은는의에도과와으로만]|\s|$|[,.)·])", "Japan",
     "market"),
    (r"\d(?:[\d,.]*)\s?(?:천|만|억|조)?\s?위안(?=[을이은는의에도과와으로만]|\s|$|[,.)·]|화)",
     "China", "market"),
    (r"\d(?:[\d,.]*)\s?(?:천|만|억|조)?\s?파운드(?!리)", "the United Kingdom", "market"),
    (r"(?<![A-Za-z])(?:¥|JPY)\s?\d", "Japan", "market"),
    (r"(?<![A-Za-z])(?:€|EUR)\s?\d", "the EU", "market"),
    (r"(?<![A-Za-z])(?:£|GBP)\s?\d", "the United Kingdom", "market"),
    (r"(?<![A-Za-z])(?:CNY|RMB)\s?\d", "China", "market"),
    # A firm's Japanese unit or venture: "SB오픈AI재팬", "아마존재팬" (Japanese news).
    (r"(?<![가-힣A-Za-z])[A-Za-z가-힣]+(?:재팬|저팬)(?=[을를이가은는의에도과와]|\s|$|[,.)])",
     "Japan", "company"),
)

# Two- and three-country shorthands: 미중, 한·일, 미·중·일.
PAIR_LETTERS: dict[str, str] = {
    "한": "South Korea", "미": "United States", "중": "China", "일": "Japan", "러": "Russia",
    "북": "North Korea", "유": "the EU",
}
PAIR_WORDS: tuple[str, ...] = (
    "한미일", "한중일", "한미", "미중", "한중", "한일", "미일", "중일", "북중", "북러", "한러",
    "중러",
)
# Korean "toward X" compounds: the country is the other party, not the subject.
TARGET_WORDS: dict[str, str] = {"대미": "United States", "대중": "China", "대일": "Japan",
                                "방미": "United States", "방중": "China", "방일": "Japan",
                                "대러": "Russia", "대EU": "the EU", "대유럽": "the EU"}
TARGET_NEXT = (
    r"\s?(?:투자|수출|수입|관세|협상|무역|흑자|적자|보복|압박|외교|통상|의존|견제|강경|유화|"
    r"제재|규제|"
    r"봉쇄|정책|전략|반도체|수출통제|특사|일정|길|중|기간|직후|계획|채널|소통|로비|메시지|의존도|"
    r"공세|경고|협력|구상|라인|추가)"
)

# Words after a Korean mention that make it background: the story is about someone else.
KO_BACKGROUND_AFTER: tuple[str, ...] = (
    "주도로", "주도의", "주도하는", "주도한", "주도해", "주도 ", "발 ", "발(", "발 ‘", "발 '",
    "의 제재", "의 수출 통제", "의 수출통제", "의 견제", "의 압박", "의 관세", "의 규제", "의 봉쇄",
    "의 제재를", "제재 속", "제재에도", "견제 속", "견제에도", "에 맞서", "에 대응", "에 대항",
    "을 겨냥", "를 겨냥", "에 맞선", "을 제치", "를 제치", "에 이어", "보다", "처럼", "와 달리",
    "과 달리", "대비", "을 추격", "를 추격", "의 대항마", "에 밀려", "등 경쟁사", "등 경쟁",
    "등 글로벌 경쟁사", "등 라이벌", "에 뒤처", "에 뒤지", "과 경쟁", "와 경쟁", "의 빅테크",
    "빅테크와 맞먹", "와 맞먹", "과 맞먹", "수준", "을 의식", "를 의식", "을 견제", "를 견제",
    "의 공세", "와의 경쟁", "과의 경쟁", "등 주요국", "등 각국", "등 서방",
)
# Words before an English mention that make it background.
EN_BACKGROUND_BEFORE = re.compile(
    r"\b(?:amid|despite|versus|vs\.?|against|than|like|unlike|rivals?|rivalling|competitors?|"
    r"compared (?:with|to)|challenge to|following|overtaking|catch up with|behind|from|"
    r"backed by|owned by|funded by|controlled by|(?:a )?unit of|subsidiary of|"
    r"supplier (?:to|of)|customer of)\b"
    r"[^.,;]{0,40}$",
    re.IGNORECASE,
)
# Korean clauses that end in these are background to the main clause after them.
KO_CLAUSE_END = re.compile(
    r"(?:가운데|속에서도|속에|속|와중에|데다|는데|인데|지만|으나|했으나|자|면서|며|뒤|후|만큼|"
    r"위해|통해|따라|따르면|대해|달리|반면|이어|앞서|했고|하고|되고|있고|었고|았고|났고|이고|"
    r"여파로|결과|서|해)[,，]$"
)
# Verb endings that close a clause even without a comma ("쏟아지면서 베트남이 ...").
KO_CLAUSE_END_BARE = re.compile(
    r"(?:면서|가운데|지만|으나|는데|은데|따르면|하자|되자|리자|서자|놓자|지자|히자|르자|늘자|줄자|"
    r"이자마자|자마자|.기자|치자|우자|오자|키자|[들나보내받잡막뜨크]자|[추꾸누두켜혀]자|"
    r"[늦찾맺넘얻닫않없있]자)$"
)
EN_SUBORDINATE_START = re.compile(
    r"^(?:Amid|After|As|Despite|While|Following|With|Although|Though|Since|Because|When|"
    r"Facing|Under|In|Ahead|Even|Once|If|Unlike|Like|Weeks|Days|Months|Years|Hours|On|Just|"
    r"At|For|During|Before|Until|Over|Against|Thanks|Due|Stung|Hit|Backed|Armed|Eager|"
    r"Already|Citing|Spurred|Buoyed|Boosted|Pressured|Emboldened|Battered|Having|Flush|Fresh|"
    r"Keen|Worried|Wary|Unable|Unwilling|Desperate|Anxious|Confident|Mindful|Aware|Short|"
    r"Rather|Instead|To|Not|By|Beyond|Besides|Aside|Long|Barely|Nearly|Almost|Earlier|Last|This|Shortly|Soon|Hours|"
    r"Speaking|Shrugging|Seeking|Hoping|Squeezed|Reeling|Freed|Faced|Undeterred|Undaunted|"
    r"According|[A-Z][a-z]+ing|(?!United\b)[A-Z][a-z]{3,}ed|Shaken|Driven|Taken|Given|Stricken|"
    r"Frozen|Beaten|Chosen|Caught|Bought|Built|Hurt|Struck|Shut|Cut|(?:The|A|An|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Several|Only|"
    r"Less than|More than|\d+)\s+(?:\w+\s+)?(?:hours?|days?|weeks?|months?|years?|decades?)\s+"
    r"(?:after|before|since|into|later|on))\b"
)
# A Korean word that closes a clause embedded before the main one: a verb in its adnominal form
# ("손잡은 소니가", "발표한 것과 관련해", "투자할 계획") or a connective ending ("강화하자",
# "밝히면서", "했다고"). A subject before such a word belongs to the embedded clause when
# another subject follows it ("미국 정부가 규제를 강화한 데 이어 네덜란드 정부도 ...").
# Lists, not a rule on the last letter, because many nouns end in the same letters (금리는,
# 경영진, 역할, 제한).
KO_EMBEDDING_END = re.compile(
    r"(?:한|된|던|될|할|킬|낼"
    r"|[하되있없않이내오놓잡맺받르우키추]는|[아어해워세]지는|[어아]나는|[어아]가는|다는|라는"
    r"|[잡높넓입맺잊찾낮늦받얻닫믿넘담놓좋많넣않작겪읽꺾깎같붙맡깊잃짧얹막꼽뽑접집찍묶끊]은"
    r"|중인|예정인|계획인|주주인|대상인|[보벌높늘줄모쌓놓]인"
    r"|가진|[어려해]진|만든|힌|[미거마]친|킨|낸|[올늘열걸내팔]린|[오이다]른|[넘남맡]긴"
    r"|[해나어여와]온|[나앞]선|[세키채]운|어난|[어나]간|[여내]준"
    r"|[하되]자|[했됐였]다며|다며|라며|[다라]고|[하되했됐였었았있없]고|[하되했됐였었았있없]으며"
    r"|[하되]며|면서|지만|으나|는데|은데|따르면|자마자"
    r")$"
)
# An English subject that opens with a description and then names it between commas: "Apple's
# biggest supplier in India, Tata Electronics, plans ...", "The world's largest contract
# chipmaker, TSMC, said ...". The description must hold a lowercase word, so that a list of
# names ("Nubank, the lender ...") or a name with its apposition is not taken for one.
EN_DESCRIPTION_THEN_NAME = re.compile(
    r"(?:(?:The|A|An) |[A-Z][\w.&-]*(?: [A-Z][\w.&-]*)*'s )[a-z][\w-]*(?: [\w.&'$%-]+)*?, "
    r"((?:[A-Z][\w.&'-]*)(?: (?:[A-Z][\w.&'-]*|&|of|de))*), (?=[a-z])"
)
# Capitalised words that open an English subject without naming anyone.
EN_NOT_NAMES: frozenset[str] = frozenset({
    "The", "A", "An", "Its", "Their", "His", "Her", "Shares", "This", "That", "These", "Those",
    "It", "They", "He", "She", "We", "Investors", "Analysts", "Officials", "Prices", "Sales",
    "Demand", "Exports", "Imports", "Stocks", "Markets", "Both", "All", "Some", "Many", "Most",
})
# Verb forms in 는 that never end a name: "하는", "되는", "있는".
KO_VERB_TOPIC_ENDINGS: tuple[str, ...] = ("하는", "되는", "있는", "없는", "않는", "지는", "나는")
KO_MEDIA_NOUNS: tuple[str, ...] = (
    "방송", "통신", "신문", "저널", "타임스", "매체", "외신", "언론", "일보", "포스트",
)
# Last letters of verb stems that take ㄴ in the past adnominal (꾸 → 바꾼, 추 → 낮춘).
KO_VERB_STEM_ENDS = frozenset("꾸우누두주추르리기히키치하되내켜혀니푸끄")
KO_NOUNS_LIKE_ADNOMINAL: tuple[str, ...] = (
    "해운", "항운", "기준", "수준", "표준", "치킨", "행운", "기운", "정권", "수신", "혁신",
)
# Bare nouns that only follow a clause ("발표한 뒤", "늦추는 사이", "한 지 사흘 만에").
KO_AFTER_CLAUSE: frozenset[str] = frozenset({
    "사이", "뒤", "후", "이후", "직후", "동안", "만에", "이튿날", "다음날", "데", "반면", "와중에",
    "무렵", "가운데", "것과", "것에", "것으로", "것을",
})
# Words that end like a clause but are not one: postpositions ("중국에 대한", "관세에 따른"),
# numerals and nouns.
KO_NOT_EMBEDDING_WORDS: frozenset[str] = frozenset({
    "대한", "관한", "의한", "인한", "통한", "위한", "향한", "따른", "한", "지난", "이른바", "기자",
})
KO_NOT_EMBEDDING_ENDINGS: tuple[str, ...] = (
    "제한", "권한", "기한", "최소한", "무한", "역할", "분할", "관할", "사진",
    "지진", "경영진", "연구진", "임원진", "보고", "최고", "재고", "광고", "사고", "창고", "참고",
)
# A plant or fab named with a place: "TSMC의 애리조나 공장", "a new fab in Arizona".
FACILITY = re.compile(r"공장|팹|생산기지|생산 기지|생산라인|생산 라인|\bfabs?\b|\bplants?\b|"
                      r"\bfactor(?:y|ies)\b")

DIVEST = re.compile(r"매각|폐쇄|철수|처분|미루|연기|보류|철회|취소|중단|"
                    r"\b(?:sell|sold|sells|selling|close|closes|closed|shut|postpone|delay|scrap)")

# Banks, rating agencies and newspapers are often only the source of a figure ("골드만삭스는
# 올해 중국 성장률 전망치를 높였다" is about China): in a lead sentence that forecasts or
# reports, they get no subject bonus and count half.
SOURCES: frozenset[str] = frozenset({
    "골드만삭스", "모건스탠리", "JP모건", "씨티그룹", "씨티은행", "뱅크오브아메리카", "노무라",
    "UBS",
    "바클레이스", "HSBC", "무디스", "피치", "블랙록", "Goldman Sachs", "Morgan Stanley", "JPMorgan",
    "Citi", "Citigroup", "Bank of America", "Nomura", "Barclays", "Moody's", "Fitch",
})
ATTRIBUTION = re.compile(r"전망|예상|추정|내다봤|내다본|관측|진단|분석|보도|등급|예측|"
                         r"forecast|estimate|expect|predict|projection|outlook|downgrade|upgrade|"
                         r"rating|reported")
SOURCE_FACTOR = 0.5

# Korean nouns that end in 가/이 and are not "noun + subject particle".
KO_NOT_SUBJECT_ENDINGS: tuple[str, ...] = (
    "국가", "평가", "주가", "물가", "유가", "증가", "추가", "대가", "원가", "시가", "고가", "저가",
    "단가", "호가", "정가", "전문가", "투자가", "분석가", "사업가", "기업가", "작가", "정치가",
    "전략가", "는가", "인가", "던가", "은가", "같이", "많이", "없이", "깊이", "높이", "가까이",
    "일찍이", "굳이", "새로이", "사이", "차이", "아이", "나이", "길이", "넓이", "끊임없이",
    "어김없이", "특히",
)
# Stems before 은/는 that make an adverbial or a verb form, not a topic ("시장에서는", "하는").
KO_NOT_TOPIC_STEMS: tuple[str, ...] = (
    "에서", "에", "로", "서", "에게", "까지", "부터", "보다", "라", "다", "하", "와", "과",
)
# Time words take 은/는 as adverbs ("올해는 중국 기업들이 ..."), not as the subject.
KO_TIME_WORDS: frozenset[str] = frozenset({
    "올해", "지난해", "작년", "내년", "이번", "이번에", "오늘", "현재", "당시", "최근", "이날",
    "그동안", "당분간", "한편", "반면", "그간", "요즘", "지금", "향후", "앞으로", "이후", "이전",
    "상반기", "하반기", "분기", "연말", "연초", "이달", "지난달", "다음달", "올해도", "당장",
})
# Korean noun endings that make "…은/는" a topic rather than a verb form ("정부는", "업계는").
KO_TOPIC_NOUNS: tuple[str, ...] = (
    "정부", "기업", "회사", "업계", "업체", "시장", "당국", "은행", "측", "의장", "총리", "대통령",
    "장관", "총재", "회장", "대표", "최고경영자", "경영자", "주석", "위원장", "국왕", "대변인",
    "창업자", "사장", "그룹", "들", "부", "청", "행정부", "의회", "스타트업", "제조사", "개발사",
    "자회사", "모회사", "법인", "공장", "산업", "증시", "지수", "국민", "소비자", "투자자",
    "전문가",
    "애널리스트", "외신", "매체", "언론", "통신", "신문", "보고서", "연구소", "연구진", "팀",
    "위원회", "중앙은행", "당", "군", "경제", "재계", "정계", "관계자", "CEO",
)
EN_VERBS: frozenset[str] = frozenset({
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can", "may",
    "might", "must", "should", "said", "says", "say", "plans", "plan", "announced", "unveiled",
    "reported", "posted", "launched", "rose", "fell", "jumped", "slid", "surged", "plunged",
    "dropped", "climbed", "gained", "lost", "cut", "raised", "hiked", "held", "kept", "left",
    "made", "won", "took", "set", "hit", "agreed", "warned", "urged", "signed", "approved",
    "imposed", "fined", "banned", "ordered", "blocked", "sued", "filed", "told", "saw", "grew",
    "sold", "bought", "began", "became", "paid", "sent", "put", "ran", "got", "gave", "found",
    "spent", "built", "struck", "brought", "sought", "chose", "expects", "expected", "aims",
    "seeks", "wants", "needs", "faces", "faced", "overtook", "beat", "missed", "topped", "led",
    "does", "did", "reached", "unveils", "launches", "posts", "reports", "announces", "to",
    "that", "which", "who", "on", "in", "at", "after", "over", "amid", "for", "with", "by",
})

# "Apple supplier Foxconn", "테슬라 경쟁사 비야디": the name before the role noun only describes
# the subject after it.
EN_ROLE_NOUNS: frozenset[str] = frozenset({
    "supplier", "rival", "owner", "parent", "partner", "customer", "client", "investor",
    "backer", "peer", "competitor", "challenger", "contractor", "assembler", "affiliate",
    "unit", "subsidiary", "spinoff", "spin-off", "vendor",
})
ROLE_AFTER_NAME = re.compile(
    r"(?:'s|’s)?\s(?:" + "|".join(sorted(EN_ROLE_NOUNS)) + r")s?\s[A-Z]"
    r"|\s(?:협력사|경쟁사|공급사|납품사|납품업체|고객사|라이벌|파트너사|협력업체|부품업체|공급업체|"
    r"투자사|경쟁업체)\s\S"
)
# What a regulator or court does to the subject, in Korean ("X로부터 과징금을 부과받았다").
KO_SANCTION = re.compile(r"과징금|벌금|제재|부과받|소송을 당|퇴출|금지 명령|시정명령|명령을 받")
# A time aside after a date: "(현지시간)", "(미국 동부시간)", "(한국시간)", "(local time)".
TIME_ASIDE = re.compile(r"\([^()]{0,30}?(?:시간|시각|local time|ET|EST|EDT|GMT|UTC)\)")
# An English passive with its agent: "was fined ... by", "were blocked by", "has been sued by".
EN_PASSIVE_BY = re.compile(
    r"\s*(?:has been|have been|had been|was|were|is|are|got|gets)\s+(?:\w+ly\s+)?"
    r"(?:\w+ed|\w+en|hit|told|sued|fined|banned|blocked|ordered|summoned|barred|cut|held)\b"
    r"[^.;]{0,80}?\bby\s+"
    r"(?:the\s+|its\s+|a\s+|an\s+)?"
)
# Words that open a clause, which needs a verb before its comma ("After Washington, Brussels
# and Tokyo tightened curbs, ...").
EN_SUBORDINATORS: frozenset[str] = frozenset({
    "After", "As", "While", "When", "Since", "Although", "Though", "Because", "Once", "If",
    "Until", "Before", "Whereas",
})
# A bare list of names ("Brussels and Tokyo"), as in a fronted clause that names several.
EN_NAME_LIST = re.compile(r"(?:(?:and|or)\s+)?[A-Z][\w.'&-]*(?:\s+(?:[A-Z][\w.'&-]*|and|or))*$")
# Lowercase words that continue a name ("Bank of Japan", "Johnson & Johnson").
EN_NAME_JOINERS: frozenset[str] = frozenset({
    "of", "and", "&", "de", "du", "der", "von", "van", "la", "le", "del", "y", "for", "den",
})

# Scoring: position, role and context.
SENTENCE_FACTOR: tuple[float, ...] = (1.0, 0.75, 0.6, 0.5, 0.45, 0.4)
LATER_SENTENCE_FACTOR = 0.35
TITLE_FACTOR = 1.0
LEAD_HEAD_BONUS = 3.0  # the head of the lead subject ("... 딥시크가")
LEAD_MODIFIER_BONUS = 2.0  # other names inside the lead subject ("중국의 ... 딥시크가")
SUBORDINATE_HEAD_BONUS = 0.5  # the subject of a background clause ("A가 ... 가운데, B가")
SUBORDINATE_MODIFIER_BONUS = 0.5
SETTING_BONUS = 1.0  # the place of a lead sentence whose subject is not in the tables
MAX_LEAD_WORDS = 120  # words of a Korean lead sentence searched for its subjects
LATER_SUBJECT_BONUS = 0.5  # a name with a subject particle in a later sentence
TITLE_HEAD_BONUS = 2.0
TITLE_MODIFIER_BONUS = 1.0
MAX_BONUS_PER_REGION = 5.0
REPEAT_DECAY = 0.8  # weight of the n-th mention of a region is REPEAT_DECAY ** n
BACKGROUND_FACTOR = 0.5
OBJECT_FACTOR = 0.8  # "X를/X에" inside the lead sentence

# ==== Engine ==================================================================================

GENERIC_INSTITUTIONS: frozenset[str] = frozenset({
    "상무부", "재무부", "국무부", "외교부", "하원", "상원", "에너지부", "노동부", "국회",
    "공정거래위원회",
    "공정위", "산업부", "통계청", "국가통계국", "중앙은행", "집행위원회", "State Department",
    "Treasury", "Senate", "Congress", "연방정부", "국방부", "법무부", "내무부", "교통부",
    "재무상", "경제산업상", "외무상", "방위상",
})
SUBJECT_PARTICLES: frozenset[str] = frozenset({
    "이", "가", "은", "는", "도", "께서", "마저", "조차", "만", "들이", "들은", "측은", "측이",
    "측도",
})
OBJECT_PARTICLES: frozenset[str] = frozenset({"을", "를", "들을"})
COORD_PARTICLES: frozenset[str] = frozenset({
    "와", "과", "및", "이나", "나", "랑", "하고", "·", ",",
})
ADVERBIAL_PREFIXES: tuple[str, ...] = (
    "에", "로", "으로", "보다", "처럼", "까지", "부터", "만큼", "한테", "와의", "과의", "와는",
    "과는",
)
KO_BACKGROUND_SUFFIXES: frozenset[str] = frozenset({
    "보다", "보다도", "처럼", "발", "대비", "만큼", "와는", "과는", "산",
})
KO_BACKGROUND_NEXT: tuple[str, ...] = (
    "에 맞서", "에 맞선", "에 대응", "에 대항", "을 겨냥", "를 겨냥", "을 제치", "를 제치",
    "에 이어",
    "와 달리", "과 달리", "을 추격", "를 추격", "에 밀려", "에 뒤", "과 경쟁", "와 경쟁", "을 견제",
    "를 견제", "을 의식", "를 의식", "에 필적", "과 맞먹", "와 맞먹", "과 비교", "와 비교",
    "의 대항마", "의 공세", "와의 경쟁", "과의 경쟁", "에 못지", "에 버금", "의 뒤를",
)
KO_BACKGROUND_WINDOW: tuple[re.Pattern[str], ...] = (
    re.compile(r"^[^,.]{0,16}?주도(?:로|의|하|한|해|\s|권)"),
    re.compile(r"^(?:의|이|가)?[^,.]{0,14}?(?:제재|수출\s?통제|수출\s?규제|견제|압박|봉쇄|관세)"
               r"(?:\s?(?:강화|인상|확대))?\s?"
               r"(?:속|에도|여파|에 맞서|를 뚫|을 뚫|를 피|을 피|에 대응|에 대비|에 따른|으로 인한|"
               r"강화 속|가운데)"),
    re.compile(r"^(?:와|과|,|·)?[^,.]{0,24}?등\s(?:글로벌\s|미국\s|주요\s|해외\s)?"
               r"(?:경쟁사|경쟁업체|경쟁 업체|라이벌|빅테크|주요국|각국|서방|선진국)"),
    re.compile(r"^(?:와|과|의)?\s?(?:빅테크|기업들?)?(?:와|과)\s?맞먹"),
)
HANGUL = re.compile(r"[가-힣]")
_PAREN_AFTER = re.compile(r"\s?\([^()]{0,40}\)")
_QUOTES = "'\"‘’“”「」『』<>《》〈〉[]"
_TOKEN = re.compile(r"\S+")
_PARENS = re.compile(r"\([^()]*\)")
_QUOTE_CHARS = re.compile("[" + re.escape(_QUOTES) + "]")
_DATE_WORD = re.compile(r"^(?:\d+(?:일|월|년)|지난|오는|이날|전날|당일)")
_SPACES = re.compile(r"\s+")
_PARTICLE_ENDINGS: tuple[str, ...] = tuple(sorted({
    "에서는", "에서도", "으로는", "에게서", "으로의", "에서의", "로부터", "으로부터", "에게는",
    "에서",
    "에게", "으로", "에는", "에도", "에선", "와의", "과의", "와는", "과는", "보다", "처럼", "까지",
    "부터", "만큼", "께서", "마저", "조차", "이나", "하고", "들이", "들은", "들을", "들의",
    "보다도",
    "의", "이", "가", "은", "는", "을", "를", "에", "로", "와", "과", "도", "만", "랑",
}, key=len, reverse=True))
_DOTS = str.maketrans({"ㆍ": "·", "・": "·", "･": "·", "‧": "·", "•": "·", "\u200b": None,
                       "\ufeff": None})


@dataclass(frozen=True, slots=True)
class _Entry:
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


def _build_entries() -> dict[str, _Entry]:
    entries: dict[str, _Entry] = {}
    for region, name, adjective, kinds in LEXICON:
        korea = name == KOREA_GROUP
        for kind, terms in kinds.items():
            for term in terms:
                if term in entries:  # the first table to claim a surface keeps it
                    continue
                weight = KIND_WEIGHT[kind] * (KOREA_WEIGHT if korea else 1.0)
                weight *= WEAK_TERMS.get(term, 1.0)
                entries[term] = _Entry(term, name, region, kind, _describe(name, adjective, kind),
                                       weight)
    return entries


def _trie_pattern(terms: Iterable[str]) -> str:
    """One regex for many literals, shaped as a trie so that matching stays linear and the
    longest entry wins at each position."""
    trie: dict[str, dict] = {}
    for term in terms:
        node = trie
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + (
            "|)" if ends else ")")
        return body

    return emit(trie)


def _is_hanja(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


ENTRIES: dict[str, _Entry] = _build_entries()
_GROUPS: dict[str, tuple[Region, str]] = {name: (region, adj) for region, name, adj, _ in LEXICON}
_KO_TERMS = [t for t in ENTRIES if HANGUL.match(t[0])]
_LATIN_TERMS = [t for t in ENTRIES if t[0].isascii() and t[0].isalnum()]
_OTHER_TERMS = sorted(set(ENTRIES) - set(_KO_TERMS) - set(_LATIN_TERMS))
_KO_RE = re.compile(r"(?:(?<![가-힣A-Za-z0-9])|(?<=(?<![가-힣])[대반친탈범재]))"
                    + _trie_pattern(_KO_TERMS))
_LATIN_RE = re.compile(r"(?<![A-Za-z0-9])" + _trie_pattern(_LATIN_TERMS) + r"(?![A-Za-z0-9])")
_OTHER_RE = re.compile(_trie_pattern(_OTHER_TERMS))
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
    for regex in (_KO_RE, _LATIN_RE, _OTHER_RE):
        pos = 0
        while (m := regex.search(text, pos)) is not None:
            term = m.group()
            if _acceptable(text, m.start(), m.end(), term):
                found.append(_Mention(m.start(), m.end(), ENTRIES[term]))
                pos = m.end()
            else:
                pos = m.start() + 1
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
    return kept


def _attach_context(text: str, mentions: list[_Mention]) -> None:
    """Fill in each mention's particle, what follows it, and whether it is background."""
    for i, m in enumerate(mentions):
        j = m.end
        paren = _PAREN_AFTER.match(text, j)
        if paren:
            j = paren.end()
        while j < len(text) and text[j] in _QUOTES:
            j += 1
        suffix = _following_hangul(text, j)
        m.suffix = suffix
        m.particle = _particle(suffix)
        m.after = text[j + len(suffix):j + len(suffix) + 30]
        if i > 0 and m.entry.surface in GENERIC_INSTITUTIONS:
            prev = mentions[i - 1]
            if (prev.entry.kind == "country" and not prev.suffix
                    and text[prev.end:m.start] in ("", " ", "'s ", "’s ")):
                # "중국 상무부" is China's ministry, whatever the table says by default.
                region, adjective = _GROUPS[prev.entry.group]
                m.entry = _Entry(m.entry.surface, prev.entry.group, region, "institution",
                                 _describe(prev.entry.group, adjective, "institution"),
                                 prev.entry.weight)
        m.phrase_particle = m.particle
        if not m.particle and HANGUL.search(m.entry.surface):
            m.phrase_particle = _phrase_particle(text, j + len(suffix))
        m.background = _is_background(text, m)


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
        return any(rx.match(tail) for rx in KO_BACKGROUND_WINDOW)
    before = text[max(0, m.start - 48):m.start]
    return EN_BACKGROUND_BEFORE.search(before) is not None


def _clean_word(word: str) -> str:
    if "(" in word:
        word = _PARENS.sub("", word)
    if _QUOTE_CHARS.search(word):
        word = _QUOTE_CHARS.sub("", word)
    return word.rstrip(",.;:!?…")


def _is_korean_subject_word(word: str, tok_end: int, mentions: list[_Mention]) -> bool:
    for m in mentions:
        if (tok_end - len(word) < m.end <= tok_end
                and m.particle in SUBJECT_PARTICLES and not m.after.startswith(("의", "에"))):
            return True
    clean = _clean_word(word)
    if len(clean) < 2 or not HANGUL.search(clean[-1]):
        return False
    if clean.endswith("께서"):
        return True
    if clean[-1] in "가이":
        return not clean.endswith(KO_NOT_SUBJECT_ENDINGS)
    if clean[-1] == "도":  # "일본 정부도", "업계도": a subject too
        return clean[:-1].endswith(KO_TOPIC_NOUNS)
    if clean[-1] in "은는":
        stem = clean[:-1]
        if stem.endswith(KO_NOT_TOPIC_STEMS) or stem in KO_TIME_WORDS:
            return False
        # A noun with 은/는 is the topic ("자동차산업협회는"); a verb in its adnominal form
        # ("손잡은", "하는") is not.
        return (stem.endswith(KO_TOPIC_NOUNS) or not HANGUL.match(stem[-1:] or "가")
                or (len(stem) >= 2 and not _ends_embedded_clause(clean)))
    return False


def _korean_subjects(text: str, start: int, end: int,
                     mentions: list[_Mention]) -> list[tuple[tuple[int, int], bool]]:
    """The subject phrases of a Korean sentence, each with whether it is the main clause's.

    The main subject is the first one that no embedded clause closes: "A가 ... 강화한 데 이어
    B도 ..." is about B, "A가 투자한 B가 ..." is about B, "A는 B가 ...했다고 밝혔다" about A.
    A phrase runs back from its particle over bare nouns, genitives and "와/과" ("일본 도요타가",
    "미국과 중국이"), and stops at an adverbial, an object or a verb."""
    # A lead sentence's subject comes early; the cap bounds the work on a runaway "sentence".
    tokens = list(itertools.islice(_TOKEN.finditer(text, start, end), MAX_LEAD_WORDS))
    inside = [m for m in mentions if tokens and m.start < tokens[-1].end()]
    mentions = inside
    kinds: list[str] = []
    for tok in tokens:
        word = tok.group()
        if (_is_korean_subject_word(word, tok.end(), mentions)
                or _named_topic(tokens, len(kinds), kinds, mentions)) and not _reports(
                    word, tok, mentions):
            kinds.append("subject")
        elif _starts_name(tok.start(), mentions):
            kinds.append("")
        elif word in ("가운데", "중") and kinds and kinds[-1] != "boundary" and not _verbal(
                _clean_word(tokens[len(kinds) - 1].group())):
            kinds.append("")  # "업체들 가운데 디스코는": among a group, not "while"
        elif KO_CLAUSE_END.search(word) or _ends_embedded_clause(_clean_word(word)):
            if (word in KO_AFTER_CLAUSE and kinds and kinds[-1] == "subject"
                    and _clean_word(tokens[len(kinds) - 1].group()).endswith("는")):
                # "늘리는 가운데", "미루는 사이": a word in 는 before a noun that only
                # follows a clause is a verb, not a topic.
                kinds[-1] = ""
            kinds.append("boundary")
        else:
            kinds.append("")
    subjects = [i for i, kind in enumerate(kinds) if kind == "subject"]
    if not subjects:
        return []
    last = subjects[-1]
    closed = {i: "boundary" in kinds[i + 1:last] for i in subjects}
    # An embedded clause's subject takes 이/가, the main clause's often 은/는/도: "중국 정부가
    # 허가를 늦추자(?) 미국 국방부는 ..." is the Pentagon's even when the ending between them is
    # one the lists lack. A topic right after ("A가 B는") is not such a pair.
    topics = [j for j in subjects if _is_topic_noun(tokens[j], mentions)]
    for i in subjects:
        if not closed[i] and _clean_word(tokens[i].group()).endswith(("이", "가")):
            closed[i] = any(j - i >= 3 for j in topics if j > i)
    main = next(i for i in subjects if not closed[i])
    found: list[tuple[tuple[int, int], bool]] = []
    for i in subjects:
        # A subject after the main one that nothing closes sits in the main clause's
        # complement ("레이쥔 회장이 주문이 늘었다고 밝혔다"): kept, but not as the main one.
        first = i
        while first > 0 and kinds[first - 1] == "" and _inside_phrase(tokens[first - 1],
                                                                        mentions):
            first -= 1
        found.append(((tokens[first].start(), tokens[i].end()), i == main))
    return found


def _named_topic(tokens: list[re.Match[str]], index: int, kinds: list[str],
                 mentions: list[_Mention]) -> bool:
    """A word in 은/는 that looks like a verb ("베르코르는" like "오르는") after bare nouns that
    open with a name ("프랑스 배터리 스타트업 베르코르는"): a name the tables lack, as the
    topic. A verb before a noun takes its object or adverb with a particle, not bare nouns."""
    word = _clean_word(tokens[index].group())
    if not word.endswith(("은", "는")) or word.endswith(KO_VERB_TOPIC_ENDINGS) or index == 0:
        return False
    j, named = index - 1, False
    while j >= 0 and kinds[j] == "":
        previous = _clean_word(tokens[j].group())
        if (previous != tokens[j].group() or _particle(previous) or _verbal(previous)
                or _DATE_WORD.match(previous) or not previous):
            break
        named = named or _starts_name(tokens[j].start(), mentions)
        j -= 1
    return named and j < index - 1


def _verbal(word: str) -> bool:
    """Whether a word ends like a verb before a noun (늘리는, 한, 할, 했던), not like a noun."""
    if not word or not HANGUL.match(word[-1]) or word.endswith("들"):
        return False
    coda = (ord(word[-1]) - 0xAC00) % 28
    return word.endswith(("는", "은", "던")) or coda in (4, 8)  # final ㄴ or ㄹ


def _is_topic_noun(tok: re.Match[str], mentions: list[_Mention]) -> bool:
    """A name or a noun such as 정부/업계/국방부 with 은/는/도 ("미국 국방부는", "닛산은")."""
    word = _clean_word(tok.group())
    if not word.endswith(("은", "는", "도")):
        return False
    if any(tok.start() <= m.start < tok.end() and m.particle in ("은", "는", "도")
           for m in mentions):
        return True
    return word[:-1].endswith(KO_TOPIC_NOUNS)


def _ends_embedded_clause(word: str) -> bool:
    if word in KO_NOT_EMBEDDING_WORDS:
        return False
    if word in KO_AFTER_CLAUSE or _is_past_adnominal(word):
        return True
    return ((KO_EMBEDDING_END.search(word) is not None or KO_CLAUSE_END_BARE.search(word)
             is not None) and word not in KO_NOT_EMBEDDING_WORDS
            and not word.endswith(KO_NOT_EMBEDDING_ENDINGS))


def _reports(word: str, tok: re.Match[str], mentions: list[_Mention]) -> bool:
    """Whether a subject is a news outlet: "WSJ는 바이트댄스가 ...라고 보도했다" is
    ByteDance's story."""
    stem = _clean_word(word)[:-1]
    return stem.endswith(KO_MEDIA_NOUNS) or any(
        m.entry.kind == "media" and tok.start() <= m.start < tok.end() and m.end >= tok.end() - 3
        for m in mentions)


def _is_past_adnominal(word: str) -> bool:
    """A verb whose stem ends in a vowel, in its past adnominal form: 바꾼, 세운, 낮춘, 늘린,
    맡긴, 밝힌 (the stem's last vowel takes ㄴ). Nouns that look the same are listed."""
    if not word or word.endswith(KO_NOUNS_LIKE_ADNOMINAL):
        return False
    code = ord(word[-1]) - 0xAC00
    if not 0 <= code < 11172 or code % 28 != 4:  # the last letter must end in ㄴ
        return False
    return chr(0xAC00 + code - 4) in KO_VERB_STEM_ENDS


def _starts_name(position: int, mentions: list[_Mention]) -> bool:
    return any(m.start == position for m in mentions)


def _inside_phrase(tok: re.Match[str], mentions: list[_Mention]) -> bool:
    """Whether a word can sit inside a noun phrase before its head: a bare noun, a genitive,
    or a name joined by 와/과 ("미국과 중국이"); not a date, an adverbial or an object."""
    word = tok.group()
    name = next((m for m in mentions if tok.start() <= m.start < tok.end()), None)
    if word.endswith((",", "，")):
        # A list of names ("미국, 일본, 유럽 등 주요국이") stays one phrase; other commas end it.
        return name is not None and name.start == tok.start() and name.end >= tok.end() - 1
    if _DATE_WORD.match(word):
        return False
    if name is not None and name.end >= tok.end():
        return True  # a name that runs on into the next word ("대만 경제부가")
    if name is not None and name.end + len(name.suffix) >= tok.end() - 2:
        particle = name.particle
    else:
        particle = _particle(_clean_word(word))
    return particle in ("", "의", "들의", "와", "과") or particle in COORD_PARTICLES


def _english_subject_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    appositive = EN_DESCRIPTION_THEN_NAME.match(text, start, end)
    entry = ENTRIES.get(appositive.group(1)) if appositive is not None else None
    if appositive is not None and (entry is None or entry.kind not in ("country", "place")):
        # "Apple's biggest supplier in India, Tata Electronics, plans ...": the name set off
        # by commas is the subject the description before it describes.
        return appositive.span(1)
    tokens = list(_TOKEN.finditer(text, start, end))
    if not tokens:
        return None
    previous_capital = False
    for count, tok in enumerate(tokens):
        word = tok.group().strip(_QUOTES + ",;:")
        lower = word.lower()
        verbish = word.islower() and (
            lower in EN_VERBS
            or (lower.endswith("ed") and len(lower) > 4 and "-" not in lower)
            or (lower.endswith("s") and not lower.endswith("ss") and previous_capital)
            # "BYD outsold ...": a lowercase word right after a name is mostly its verb; and
            # when it is a noun ("Canada's finance minister"), the name before it is the one
            # that counts anyway.
            or (previous_capital and lower not in EN_NAME_JOINERS
                and not (lower in EN_ROLE_NOUNS and count + 1 < len(tokens)
                         and tokens[count + 1].group()[:1].isupper()))
        )
        if count and (verbish or count >= 12):
            return start, tokens[count - 1].end()
        previous_capital = word[:1].isupper() or word.endswith("'s")
    return start, tokens[-1].end()


def _english_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    sentence = text[start:end]
    comma = sentence.find(", ")
    first_word = sentence.split(" ", 1)[0].rstrip(",")
    if first_word in ENTRIES:  # "Boeing said ...", "Beijing, which ...": a name, not a clause
        return [(start, end)]
    if EN_SUBORDINATE_START.match(sentence) and 0 < comma < len(sentence) - 2:
        # "After Washington, Brussels and Tokyo tightened curbs, SMIC ...": a list of names
        # after the comma belongs to the fronted clause; its end is the comma after the list.
        while (nxt := sentence.find(", ", comma + 2)) > 0 and (
                EN_NAME_LIST.match(sentence, comma + 2, nxt)
                or (first_word in EN_SUBORDINATORS
                    and not any(w[:1].islower() for w in sentence[:comma].split()[1:]))):
            comma = nxt
        if comma < len(sentence) - 2:
            return [(start, start + comma + 1), (start + comma + 2, end)]
    return [(start, end)]


def _mark_lead(text: str, start: int, end: int, mentions: list[_Mention], *,
               title: bool) -> list[_Mention]:
    """Give the subject of a lead sentence (or headline) its bonus. Returns a mention standing
    for several countries acting together, when the subject is such a group."""
    inside = [m for m in mentions if start <= m.start < end]
    if not inside:
        return []
    korean = len(HANGUL.findall(text[start:end])) * 2 >= len(text[start:end].replace(" ", ""))
    attribution = ATTRIBUTION.search(text, start, end) is not None
    for m in inside:
        if _is_source(m, attribution) and m.entry.kind != "media":
            m.factor *= SOURCE_FACTOR
    spans: list[tuple[tuple[int, int], bool]] = []
    if korean:
        spans = _korean_subjects(text, start, end, inside)
    else:
        clauses = _english_clauses(text, start, end)
        for index, (c_start, c_end) in enumerate(clauses):
            span = _english_subject_span(text, c_start, c_end)
            if span is not None:
                spans.append((span, index == len(clauses) - 1))
    if not spans and title:
        comma = text.find(",", start, end)
        if 0 < comma - start <= 24:
            spans.append(((start, comma), True))
    subjects: list[tuple[list[_Mention], bool]] = []
    for span, is_main in spans:
        in_np = [m for m in inside if span[0] <= m.start < span[1]]
        _inherit_coordination(in_np)
        named = [m for m in in_np if m.role != "object" and not _is_source(m, attribution)]
        if named:
            subjects.append((named, is_main))
    if subjects and not any(is_main for _, is_main in subjects):
        # The main subject names nobody ("애플이 개발한 모뎀 칩이 ..."): the nearest named
        # subject before it speaks for the story; but a subject right after another one, with
        # no clause end between them, sits in that one's quoted complement ("ASML이 중국 매출
        # 비중이 줄 것이라고 밝히면서 주가가 ..."), so the outer one speaks.
        pick = len(subjects) - 1
        if not korean and _names_someone(text, spans):
            # "Hours after the White House ..., Sun Pharma said": an English main subject
            # that is a name the tables lack is still the actor; a fronted clause is only
            # background. Only "its shares", "the company" and the like speak for it.
            pick = -1
        while (korean and pick > 0
               and not _korean_boundary_between(text, subjects[pick - 1][0][-1].end,
                                                subjects[pick][0][0].start)):
            pick -= 1
        if pick >= 0:
            subjects[pick] = (subjects[pick][0], True)
    if not subjects:
        first = next((m for m in inside if not m.background
                      and m.phrase_particle not in OBJECT_PARTICLES
                      and not m.phrase_particle.startswith(ADVERBIAL_PREFIXES)
                      and not _is_source(m, attribution)), None)
        if first is not None:
            first.role = "modifier"
            first.bonus = TITLE_MODIFIER_BONUS if title else LEAD_MODIFIER_BONUS
        elif (place := next((m for m in inside if not m.background and m.role != "object"
                             and m.phrase_particle not in OBJECT_PARTICLES
                             and not _is_source(m, attribution)), None)) is not None:
            # The subject is a name the tables lack ("키오시아가 도쿄증시에 상장했다"): where the
            # lead sentence happens says a little.
            place.role = "setting"
            place.bonus = SETTING_BONUS
        return []
    head_bonus, mod_bonus = ((TITLE_HEAD_BONUS, TITLE_MODIFIER_BONUS) if title
                             else (LEAD_HEAD_BONUS, LEAD_MODIFIER_BONUS))
    group = _several_countries(text, subjects, head_bonus)
    if group is not None:
        return [group]
    for named, main in subjects:
        head_at = _head_of(named, spans, text)
        for m in named:
            if m.start != head_at and ROLE_AFTER_NAME.match(text, m.end):
                m.background = True  # "Apple supplier Foxconn": Apple describes Foxconn
                m.factor *= BACKGROUND_FACTOR
            if m.entry.kind == "target":
                continue  # "대미 수출은": the exports of whoever sells to the US, not the US's
            # Both sides of a pair ("미·중이") share the head's role.
            head = m.start == head_at
            if main:
                m.role = "head" if head else "modifier"
                m.bonus = head_bonus if head else mod_bonus
                if head and m.entry.group == KOREA_GROUP and not title:
                    # Korean names weigh light because they are everywhere; not when a Korean
                    # firm or ministry is what the story is about.
                    m.factor /= KOREA_WEIGHT
            else:
                m.role = "sub-head" if head else "sub-modifier"
                m.bonus = SUBORDINATE_HEAD_BONUS if head else SUBORDINATE_MODIFIER_BONUS
            if m.background:
                m.bonus /= 2
    main_end = next((span[1] for span, is_main in spans if is_main), None)
    if not korean and main_end is not None:
        _passive_agent(text, main_end, end, inside, head_bonus, mod_bonus)
    elif korean:
        _korean_sanction_agent(text, end, inside, head_bonus, mod_bonus)
    return []


def _names_someone(text: str, spans: list[tuple[tuple[int, int], bool]]) -> bool:
    """Whether an English main clause's subject is a capitalised name ("Sun Pharma"), not a
    pronoun or a common noun phrase ("Its shares", "The company")."""
    span = next((span for span, is_main in spans if is_main), None)
    if span is None:
        return False
    first = text[span[0]:span[1]].split(" ", 1)[0].strip(_QUOTES + ",;:")
    return first[:1].isupper() and first not in EN_NOT_NAMES


def _korean_boundary_between(text: str, start: int, end: int) -> bool:
    """Whether a clause ends between two subjects of a Korean sentence."""
    return any(KO_CLAUSE_END.search(tok.group()) or _ends_embedded_clause(_clean_word(tok.group()))
               for tok in _TOKEN.finditer(text, start, end))


def _several_countries(text: str, subjects: list[tuple[list[_Mention], bool]],
                       head_bonus: float) -> _Mention | None:
    """"미국과 일본, 유럽연합(EU)이 ... 합의했다", "US, Japanese and EU officials ...": three
    regions or more acting together are an international story (Other), like a body of many
    nations; each of them counts as a plain mention."""
    named = next((named for named, main in subjects if main), [])
    if len({m.entry.region for m in named}) < 3:
        return None
    end = named[-1].end + (text[named[-1].end:named[-1].end + 1] == ")")
    entry = _Entry(text[named[0].start:end], "several countries", Region.OTHER,
                   "institution", "several countries together", 1.0)
    group = _Mention(named[0].start, end, entry, role="head", bonus=head_bonus)
    for m in named:
        m.role, m.bonus = "", 0.0
    return group


def _passive_agent(text: str, subject_end: int, end: int, inside: list[_Mention],
                   head_bonus: float, mod_bonus: float) -> None:
    """"Apple was fined ... by the European Commission": the agent acts, the subject does not.
    Only the main verb counts ("Huawei, which was blacklisted by ..., launched" is Huawei's)."""
    passive = EN_PASSIVE_BY.match(text, subject_end)
    if passive is None or passive.end() > end:
        return
    agent = next((m for m in inside if m.start == passive.end()), None)
    if agent is None or agent.role == "head":
        return
    for m in inside:
        if m.role == "head":
            m.role, m.bonus = "modifier", mod_bonus
    agent.role, agent.bonus = "head", head_bonus


def _korean_sanction_agent(text: str, end: int, inside: list[_Mention], head_bonus: float,
                           mod_bonus: float) -> None:
    """"애플이 EU 집행위원회로부터 과징금을 부과받았다": who fines or sanctions acts."""
    for agent in inside:
        if (agent.suffix.endswith(("로부터", "에 의해")) or agent.after.startswith("에 의해")) \
                and KO_SANCTION.search(text, agent.end, min(end, agent.end + 50)):
            if agent.role == "head":
                return
            for m in inside:
                if m.role == "head":
                    m.role, m.bonus = "modifier", mod_bonus
            agent.role, agent.bonus = "head", head_bonus
            return


def _head_of(named: list[_Mention], spans: list[tuple[tuple[int, int], bool]],
             text: str) -> int:
    """Where the named head of a subject phrase starts: its last name, unless the phrase ends
    in a common noun with an owner before it ("도쿄일렉트론의 중국 매출 비중이" is Tokyo
    Electron's share, "중국 비야디의 헝가리 공장이" BYD's plant)."""
    last = named[-1]
    span_end = next((end for (start, end), _ in spans if start <= last.start < end), last.end)
    if last.end + len(last.suffix) + 1 >= span_end:
        return last.start  # the phrase ends in the name itself
    owner = next((m for m in named if m.phrase_particle.endswith("의")
                  or m.particle.endswith("의") or text.startswith("'s", m.end)), None)
    return owner.start if owner is not None else last.start


def _is_source(m: _Mention, attribution: bool) -> bool:
    return m.entry.kind == "media" or (attribution and m.entry.surface in SOURCES)


def _inherit_coordination(in_np: list[_Mention]) -> None:
    """Mark objects and adverbials inside a subject phrase; "A와 B를" makes A an object too."""
    role = ""
    for m in reversed(in_np):
        if m.phrase_particle in OBJECT_PARTICLES or (
                m.phrase_particle and m.phrase_particle.startswith(ADVERBIAL_PREFIXES)):
            role = "object"
        elif m.particle in COORD_PARTICLES or m.after.startswith(("·", ",")):
            pass  # keeps the role of the name it is joined to
        else:
            role = ""
        m.role = role
        if role == "object":
            m.factor *= OBJECT_FACTOR


@dataclass(slots=True)
class _Analysis:
    scores: dict[Region, float] = field(default_factory=dict)
    mentions: list[_Mention] = field(default_factory=list)


def _analyse(title: str, body: str) -> _Analysis:
    analysis = _Analysis()
    for text, is_title in ((title, True), (body, False)):
        if not text:
            continue
        mentions = _without_time_asides(text, _find_mentions(text))
        if not mentions:
            continue
        _attach_context(text, mentions)
        sentences = [(0, len(text))] if is_title else sentence_spans(text)
        for index, (start, end) in enumerate(sentences):
            in_sentence = [m for m in mentions if start <= m.start < end]
            for m in in_sentence:
                m.sentence = -1 if is_title else index
                if is_title:
                    m.factor *= TITLE_FACTOR
                else:
                    m.factor *= (SENTENCE_FACTOR[index] if index < len(SENTENCE_FACTOR)
                                 else LATER_SENTENCE_FACTOR)
                if m.background:
                    m.factor *= BACKGROUND_FACTOR
            if index == 0:
                for group in _mark_lead(text, start, end, in_sentence, title=is_title):
                    group.sentence = -1 if is_title else index
                    mentions.append(group)
            else:
                for m in in_sentence:
                    if m.particle in SUBJECT_PARTICLES and not m.background:
                        m.role = "later-subject"
                        m.bonus = LATER_SUBJECT_BONUS * m.factor
        analysis.mentions.extend(mentions)
    bonuses: dict[Region, float] = {}
    plain: dict[Region, list[float]] = {}
    for m in analysis.mentions:
        region = m.entry.region
        plain.setdefault(region, []).append(m.score)
        bonuses[region] = bonuses.get(region, 0.0) + m.bonus
    for region, scores in plain.items():
        # Each further mention of one region counts less: a counterpart named in every later
        # sentence ("미국 측은 ... 미국 상무부는 ... 미국 의회는") must not outweigh the actor.
        scores.sort(reverse=True)
        analysis.scores[region] = sum(score * REPEAT_DECAY ** n for n, score in enumerate(scores))
    for region, bonus in bonuses.items():
        analysis.scores[region] += min(bonus, MAX_BONUS_PER_REGION)
    return analysis


def _without_time_asides(text: str, mentions: list[_Mention]) -> list[_Mention]:
    """Drop names inside a time aside: "9일(미국 뉴욕 현지시간)" says when, not who."""
    asides = [m.span() for m in TIME_ASIDE.finditer(text)]
    if not asides:
        return mentions
    return [m for m in mentions if not any(a <= m.start < b for a, b in asides)]


def _normalise(text: str | None) -> str:
    if not text:
        return ""
    text = _SPACES.sub(" ", unicodedata.normalize("NFKC", text.translate(_DOTS))).strip()
    # Datelines and bylines say where the reporter sits, not what the story is about.
    return split_dateline(text)[1]


def _facility_region(body: str, mentions: list[_Mention]) -> tuple[Region, _Mention] | None:
    """A non-Korean Other-region firm's plant in a section region files under that region."""
    lead = [m for m in mentions if m.sentence in (-1, 0)]
    for site in FACILITY.finditer(body):
        if DIVEST.search(body, max(0, site.start() - 40), site.end() + 30):
            continue  # a plant being sold or shut says the firm is leaving
        for m in lead:
            near = (m.end <= site.start() <= m.end + 25  # "애리조나 공장", "Arizona fab"
                    or site.end() <= m.start <= site.end() + 12)  # "a fab in Arizona"
            if (m.entry.region is not Region.OTHER and m.entry.kind in ("country", "place")
                    and near and m.sentence == 0):
                return m.entry.region, m
    return None


def classify(summary: Summary) -> Classified:
    """The region `summary` belongs in, and why."""
    if summary.region is not None:
        return Classified(summary, summary.region, "region given by the source")
    title, body = _normalise(summary.title), _normalise(summary.text)
    if not title and not body:
        return Classified(summary, Region.OTHER, "empty summary: filed under Other")
    analysis = _analyse(title, body)
    if not analysis.mentions:
        return Classified(summary, Region.OTHER,
                          "no country, company or person recognised: filed under Other")
    region, reason = _decide(analysis, body)
    return Classified(summary, region, reason)


def _decide(analysis: _Analysis, body: str) -> tuple[Region, str]:
    lead_regions = {m.entry.region for m in analysis.mentions if m.role == "head"}
    first_seen: dict[Region, int] = {}
    for order, m in enumerate(analysis.mentions):
        first_seen.setdefault(m.entry.region, order)
    ranked = sorted(analysis.scores, key=lambda r: (-round(analysis.scores[r], 6),
                                                    r not in lead_regions, first_seen[r]))
    winner = ranked[0]
    best = sorted((m for m in analysis.mentions if m.entry.region is winner),
                  key=lambda m: -(m.score + m.bonus))
    top = best[0]
    # Only a firm has plants: "칠레 정부가 ... 중국 비야디의 공장 계획" stays Chile's story.
    if winner is Region.OTHER and top.role in ("head", "modifier") and top.entry.group not in (
            KOREA_GROUP, "North Korea") and top.entry.kind == "company":
        moved = _facility_region(body, analysis.mentions)
        if moved is not None:
            return moved[0], f"{top.label()} site in {moved[1].label()}"
    if top.role in ("head", "modifier"):
        where = "headline subject" if top.sentence == -1 else "lead subject"
        reason = f"{where} {top.label()}"
    else:
        names = list(dict.fromkeys(m.label() for m in best))[:2]
        reason = "mentions " + ", ".join(names)
    if len(ranked) > 1 and analysis.scores[ranked[1]] > 0:
        rival = max((m for m in analysis.mentions if m.entry.region is ranked[1]),
                    key=lambda m: m.score + m.bonus)
        reason += f"; outweighs {rival.entry.surface} ({ranked[1].value})"
    return winner, reason


def classify_all(summaries: Iterable[Summary]) -> list[Classified]:
    """Classify every summary, in order; nothing is dropped."""
    return [classify(summary) for summary in summaries]


def iter_mentions(text: str) -> Iterator[tuple[str, Region, str]]:
    """The names the lexicon recognises in `text`, in order: (surface, region, description).
    For looking at what the classifier sees; `classify` is the API."""
    for m in _find_mentions(_normalise(text)):
        yield m.entry.surface, m.entry.region, m.entry.description
