"""The tables newsletter.classify works from: the lexicon and how much each kind weighs,
the continuations and particles Korean entries allow, the patterns, the clause endings
and English clause words, and the scoring constants. Data only; newsletter/classify.py
says how they are used and re-exports them.
"""

from __future__ import annotations

import re

from newsletter.lazy_regex import lazy_pattern as lazy_pattern  # the rules take it from here
from newsletter.lexicon import Group, load_lexicon

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
    "메타": ("버스", "데이터", "인지", "물질", "분석", "포", "휴먼", "세쿼이아", "볼릭", "플랜트"),
    "인텔": ("리",),
    "하이브": ("리드", "리트"),  # hybrid, not HYBE
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
    # In Korean copy "BOE가" is the Chinese display maker (the Bank of England is 영란은행);
    # PATTERNS gives it to China there.
    "BOE": (*"가이는은의와과를을도에만로", " 디스플레이", "디스플레이", " 테크놀로지", "(징둥팡)"),
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
    "디스코", "롬",
    "에르스테", "덴소", "캐논", "니콘", "카니", "루피", "루블",
    "금융위",  # not "금융위기", the financial crisis (round 26a)
    "리브스", "델리", "교황", "나겔", "엘리제궁", "월가", "우한", "하노버", "베른", "추크",
    "로잔", "바젤", "작센", "홍해", "남미", "남아공", "탈레반", "몽골", "네팔", "쿠바", "칠레",
    "페루", "콩고", "케냐", "쿠다", "클로드", "그록", "우버", "테무",
    "쉬인", "포드", "피치", "연준", "인도", "호주", "그리스", "비보", "아너", "위즈",
    "밴스", "그리어", "월러", "보먼", "미런", "버검", "엑손", "가토", "무토", "우치다", "하야시",
    "야나이", "다이와", "기린", "베일리", "빌루아", "슈나이더", "골드만",
    "유니티",  # Unity, the game engine (round 31); not inside a longer word
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
    # "12.82유로에서", "25억유로를": a sum in euros written close up, which the literal 유로
    # (a word start) misses (round 33); "20억 유로" is the literal's.
    (r"\d(?:[\d,.]*)(?:천|만|억|조)?유로(?=[을를이가은는의에도과와으로만]|\s|$|[,.)·])", "the EU",
     "market"),
    (r"(?<![A-Za-z])(?:¥|JPY)\s?\d", "Japan", "market"),
    (r"(?<![A-Za-z])(?:€|EUR)\s?\d", "the EU", "market"),
    (r"(?<![A-Za-z])(?:£|GBP)\s?\d", "the United Kingdom", "market"),
    (r"(?<![A-Za-z])(?:CNY|RMB)\s?\d", "China", "market"),
    # "the won fell past 1,450", "the won's slide": the Korean currency, not the verb
    # (literal first, so that the search skips ahead: most texts have no "won")
    (r"won\b(?!-)(?:(?<=\bthe won)|(?<=\bKorean won))", "South Korea", "market"),
    (r"(?<![A-Za-z])BOE(?=[가이는은의와과를을도에만로]|\s?디스플레이|\s테크놀로지|\(징둥팡\))",
     "China", "company"),
    # A firm's Japanese unit or venture: "SB오픈AI재팬", "아마존재팬" (Japanese news).
    (r"(?<![가-힣A-Za-z])[A-Za-z가-힣]+(?:재팬|저팬)(?=[을를이가은는의에도과와]|\s|$|[,.)])",
     "Japan", "company"),
    # (stop 28 b) 타깃, the wire's spelling of the retailer Target, is also the word "target" ("주요
    # 타깃은", "타깃으로 삼아", "타깃이 됐다"): only a subject or owner that opens a sentence or
    # follows a retail noun ("미국 유통업체 타깃은"), or a subject in 이 after a clause end
    # ("…이어지자 타깃이"): after a clause end "타깃은/도/의" is the word ("공습을 이어가면서
    # 타깃은 …였다"); never "타깃이 되다" (becoming a target).
    (r"(?:(?:^|(?<=[.!?] )|(?<=미국 )|(?<=업체 )|(?<=할인점 )|(?<=유통사 ))타깃(?=[이은의도]\s)"
     r"|(?<=[가-힣][자며고서데만] )타깃(?=이\s))(?!이\s(?:되|된|됐|될))",
     "United States", "company"),
    # (stop 28d) 와이즈 is Wise, the London money-transfer fintech, but it starts other names
    # (와이즈테크) and is a common loanword: only right after a word that says what it is.
    # Review of 28d: the particle must end the word, or 와이즈에이아이 and 와이즈와이어즈 (Korean
    # firms) read as Wise.
    (r"(?:(?<=송금 )|(?<=핀테크 )|(?<=송금업체 )|(?<=서비스 업체 ))와이즈"
     r"(?=(?:[이가은는의도를을와과에]|에서|로)?(?:\s|$|[,.)]))",
     "the United Kingdom", "company"),
    # (stop 28d, a pattern since its review) BCE, Canada's largest telecom group, by the short
    # name the wire uses ("BCE가", "BCE said"); other-r35 listed only "BCE Inc". With an article
    # ("the BCE", "la BCE", "del BCE") it is the ECB in French, Spanish, Italian or Portuguese
    # copy: the firm takes none. Literal first, so that the search skips ahead.
    (r"BCE(?![A-Za-z0-9])(?<![A-Za-z0-9]BCE)(?<![Tt]he BCE)(?<![Ll]a BCE)(?<![Ee]l BCE)"
     r"(?<!del BCE)",
     "the Americas outside the US", "company"),
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
# Verb endings that close a clause even without a comma ("쏟아지면서 베트남이 ..."), concessives
# too ("강화됐음에도 X는", "까다로운데도 X는"): what they concede is not the story's actor.
# (round nineteen: a concessive in -되, "공장은 그대로 두되 닛산이 …", closes its clause too.)
KO_CLAUSE_END_BARE = re.compile(
    r"(?:면서|가운데|지만|으나|는데|은데|따르면|[두하주보않있없받]되|[는은운인한]데도|음에도|아니라|아니고|[할될질록]수록|하자|되자|리자|서자|놓자|지자|히자|르자|늘자|줄자|"
    r"이자마자|자마자|.기자|치자|우자|오자|키자|[들나보내받잡막뜨크]자|[추꾸누두켜혀]자|"
    r"[늦찾맺넘얻닫않없있]자|[솟뛰쏟꺾깎밀끌떨굳]자|[겪묶잃읽맞잇쌓뽑접찍넣닿끊빼먹밟앉열걸]자|"
    # "문제 삼자", "차질을 빚자", "우려를 낳자", "높이자"; (stop 28 b) passives and 보이다 in
    # 이자, "수출이 꺾이자", "재고가 쌓이자", "강세를 보이자" (not 이자 alone: a noun, a copula)
    r"[삼빚낳]자|[높줄늘]이자|[꺾쌓보섞깎묶]이자)$"
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
    # "Eighteen months after …", "A few weeks before …", "Twenty years since …"
    r"Eleven|Twelve|(?:Thir|Four|Fif|Six|Seven|Eigh|Nine)teen|(?:Twen|Thir|For|Fif)ty|"
    r"Few|A few|Many|"
    r"Less than|More than|\d+)\s+(?:\w+\s+)?(?:hours?|days?|weeks?|months?|years?|decades?)\s+"
    r"(?:after|before|since|into|later|on))\b"
    r"(?!['’]s\b)"  # "Orsted's project …", "Husted's bill …": a name in 's, not a participle
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
    r"|(?:고객|고객사|모회사|자회사|협력사|경쟁사|파트너|납품사|공급사|소유주|출신|본사|투자자)인"
    r"|가진|[어려해워]진|만든|힌|[미거마]친|킨|낸|[올늘열걸내팔]린|[오이다]른|[넘남맡]긴"
    r"|[해나어여와려]온|[나앞어라러]선|[나앞어라러]서는|[세키채]운|어난|[어나]간|[여내]준"
    r"|[하되]자|[했됐였]다며|다며|라며|[다라]고|[하되했됐였었았있없]고|[하되했됐였었았있없]으며"
    r"|[하되]며|면서|지만|으나|는데|은데|따르면|자마자"
    # (stop 28 b) ㄹ-stems that drop it before 는: "X가 개발을 이끄는 Y", "X가 만드는 Y" (not
    # [끄드]는 alone: "포드는" is Ford)
    r"|이끄는|만드는"
    r")$"
)
# Verbs of leaving, holding and ending in their past adnominal form, which close a clause too
# (round sixteen): "닛산이 떠난 공장에서", "사업에서 손뗀", "밀려난", "시장을 거머쥔"; a suffix
# check on words in ㄴ, not more branches of the regex above (every word of a lead meets it).
KO_LEAVING_ENDS: tuple[str, ...] = (
    "떠난", "러난", "려난", "겨난", "끝난", "만난", "뗀", "뺀", "쥔", "꿰찬", "빠진", "쫓은",
    "겨간", "갈아탄",
    # round 29a: the auxiliaries 오다 and 지다 after -아/-어, "폭스콘과 나눠 맡아온 X가", "수입
    # 규제로 수출길이 좁아진 업체 X가" (not 해진, a given name)
    "아온", "어온", "해온", "와온", "워온", "져온", "아진", "어진", "워진",
)
# An English subject that opens with a description and then names it between commas: "Apple's
# biggest supplier in India, Tata Electronics, plans ...", "The world's largest contract
# chipmaker, TSMC, said ...". The description must hold a lowercase word, so that a list of
# names ("Nubank, the lender ...") or a name with its apposition is not taken for one.
EN_DESCRIPTION_THEN_NAME = re.compile(
    r"(?:(?:The|A|An) |[A-Z][\w.&-]*(?: [A-Z][\w.&-]*)*'s )[a-z][\w-]*(?: [\w.&'$%-]+)*?, "
    r"((?:[A-Z][\w.&'-]*)(?: (?:[A-Z][\w.&'-]*|&|of|de))*), (?=[a-z])"
)
# "Foxconn, Apple's main assembler, said …", "Zeekr, the premium brand of Geely, agreed …": a
# name set off by an appositive that describes it is the subject.
EN_NAME_THEN_APPOSITIVE = re.compile(
    r"([A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3}), "
    r"(?:(?:the|a|an) |[A-Z][\w.&-]*(?: [A-Z][\w.&-]*)*(?:'s|’s) )[^,]{1,90}, (?=[a-z])")
# "For Samsung, the Tesla deal is a lifeline ...": a name after "For" and before the first
# comma is the sentence's topic.
EN_FOR_TOPIC = re.compile(r"For ([A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3}), ")
# "U.S.-listed", "Tokyo-based", "state-backed": a name inside a compound modifier only
# describes the noun after it ("U.S.-listed shares of Alibaba" are Alibaba's).
EN_COMPOUND_MODIFIER = re.compile(
    r"-(?:listed|based|owned|backed|made|headquartered|registered|born|funded|controlled)$")
# "A company once dismissed by Silicon Valley, Chinese carmaker Xpeng now ...": a description
# that opens the sentence and ends at a comma before a capitalised subject.
EN_DESCRIPTION_FRONT = re.compile(r"(?:A|An|The|Once|Formerly|Long)\s+[a-z][^,]*, (?=[A-Z])")
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
# 드: 줄어든 (줄어들다; a stem in ㄹ drops it).
KO_VERB_STEM_ENDS = frozenset("꾸우누두주추르리기히키치하되내켜혀니푸끄루쓰뜨드")
KO_NOUNS_LIKE_ADNOMINAL: tuple[str, ...] = (
    "해운", "항운", "기준", "수준", "표준", "치킨", "행운", "기운", "정권", "수신", "혁신",
    "모든", "골든", "가든",
)
# Bare nouns that only follow a clause ("발표한 뒤", "늦추는 사이", "한 지 사흘 만에").
KO_AFTER_CLAUSE: frozenset[str] = frozenset({
    "사이", "뒤", "후", "이후", "직후", "동안", "만에", "이튿날", "다음날", "데", "반면", "와중에",
    "무렵", "가운데", "것과", "것에", "것으로", "것을",
    # "…무너진 지 두 달도 안 돼 또 하나의 은행이": a span of time since a clause
    "돼",
})
# Verbs used as postpositions after a noun with a particle: "X와 달리", "X와 관련해",
# "X에 맞서", "X을 계기로", "X에 이어", "X에 힘입어". The phrase before them is an adverbial,
# so a subject phrase never runs back over them ("미국 연준의 동결 기조와 달리 ECB가 ..." is
# the ECB's, "틱톡의 ... 문제와 관련해 아일랜드 DPC가 ..." the DPC's).
KO_POSTPOSITION_VERBS: frozenset[str] = frozenset({
    "달리", "관련해", "관련하여", "관련해서", "관련", "맞서", "맞서서", "맞서며", "계기로",
    "이어", "이어서", "대응해", "대응하여", "대응해서", "대응하기", "반발해", "반발하며",
    "힘입어", "따라", "비해", "비하면", "불구하고", "앞서", "대비해", "대비하여", "발맞춰",
    "맞춰", "앞두고", "겨냥해", "의식해", "제치고", "뒤이어", "아랑곳없이", "상관없이",
    "힘입은", "대항해", "대항하기", "맞대응해", "맞물려", "걸쳐", "더불어", "함께", "마찬가지로",
    "비교해", "견줘", "빗대", "좇아", "편승해", "뒤따라", "견제해", "견제하기", "의존해",
    "제외하고", "대신", "기점으로", "발판으로", "바탕으로", "틈타", "놓고", "두고", "둘러싸고",
    "둘러싼", "통해", "위해", "대해", "대해서는", "관해", "관련한", "맞선", "이은", "뒤이은",
})
# Auxiliary verbs standing alone in their adnominal form close a clause: "주도해 온 시장에서",
# "늘려 간", "해 왔던".
KO_AUXILIARY_ADNOMINAL: frozenset[str] = frozenset({
    "온", "간", "왔던", "갔던", "있는", "있던", "왔다는", "오던", "가던", "둔", "놓은", "버린",
    "낸", "본", "준", "보인",
})
# A main subject that points back to a firm named before it: "이 회사의 점유율은", "해당 업체는".
KO_ANAPHOR = re.compile(r"(?:^|\s)(?:이|그|해당|동|같은)\s?(?:회사|업체|기업|그룹|제조사|업체들)")
# Words that end like a clause but are not one: postpositions ("중국에 대한", "관세에 따른"),
# numerals and nouns.
KO_NOT_EMBEDDING_WORDS: frozenset[str] = frozenset({
    "대한", "관한", "의한", "인한", "통한", "위한", "향한", "따른", "한", "지난", "이른바", "기자",
    "어선",  # a fishing boat, not 들어선/올라선/물러선 (which close a clause)
    # An event "held" ("톈진에서 열린 포럼에서") has no subject of its own to embed: "리창
    # 총리가 24일 톈진에서 열린 포럼 연설에서 …라며 …를 밝혔다" is still Li's sentence.
    "열린", "열리는", "개최된", "개최되는", "진행된", "치러진",
    # days, not verbs in ㄹ: "중국 상무부는 이튿날 …를 발표했다"
    "이튿날", "다음날", "전날", "첫날", "이날", "그날", "사흗날",
    # round 30a: the determiner "the same" ("…하자 중국 교통운수부도 같은 날부터 미국 기업이
    # 소유하는 선박에"): no clause of its own, so the subject before it stays the main one
    "같은",
})
KO_NOT_EMBEDDING_ENDINGS: tuple[str, ...] = (
    "제한", "권한", "기한", "최소한", "무한", "역할", "분할", "관할", "사진",
    "지진", "경영진", "연구진", "임원진", "보고", "최고", "재고", "광고", "사고", "창고", "참고",
    "부담은", "회담은", "면담은", "상담은", "전담은", "수입은", "도입은", "투입은", "개입은",
    "가입은", "진입은", "유입은", "편집은", "모집은", "직접은", "간접은",
)
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
# Words that end like one of these but are a noun with its particle ("ASML의 수주가": 수주 + 가).
KO_SUBJECT_DESPITE_ENDING: frozenset[str] = frozenset({
    "수주가", "매수주가", "증시가", "도시가",
    # nouns in 대/고 that are no price ("대가", "고가"): "…시대가 막을 내렸다", "…경고가 나왔다"
    "시대가", "세대가", "기대가", "반대가", "확대가", "무대가", "경고가", "보고가", "사고가",
    "재고가", "권고가", "예고가",
    # (stop 28 b) a launch, not a launch price: "…의 출시가 미뤄졌다" (every use in bench text)
    "출시가",
})
KO_NOT_SUBJECT_ENDINGS: tuple[str, ...] = (
    "국가", "평가", "주가", "물가", "유가", "증가", "추가", "대가", "원가", "시가", "고가", "저가",
    "단가", "호가", "정가", "전문가", "투자가", "분석가", "사업가", "기업가", "작가", "정치가",
    "전략가", "는가", "인가", "던가", "은가", "허가", "휴가", "참가", "특가", "염가",
    "감가", "애호가", "혁신가", "자본가", "건축가", "평론가", "예술가", "운동가",
    "활동가", "재평가", "호가", "할증가", "시세가",
    "같이", "많이", "없이", "깊이", "높이", "가까이",
    "일찍이", "굳이", "새로이", "사이", "차이", "아이", "나이", "길이", "넓이", "끊임없이",
    "어김없이", "특히",
)
# Stems before 은/는 that make an adverbial or a verb form, not a topic ("시장에서는", "하는").
KO_NOT_TOPIC_STEMS: tuple[str, ...] = (
    "에서", "에", "로", "서", "에게", "까지", "부터", "보다", "라", "다", "하", "와", "과",
    # verbs of rivalry in their adnominal form (round seventeen): "X와 시장을 놓고 다투는 Y가"
    "다투", "겨루", "싸우", "맞붙", "앞다투",
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
    # travellers a rule is for (round seventeen): "한국 일반여권 소지자도 … 방문할 수 있게 된다"
    "소지자", "여행객", "관광객", "입국자",
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
    # "Apple supplier Foxconn", "TSMC's biggest equipment supplier ASML".
    r"(?:'s|’s)?\s(?:(?:(?:'s|’s)\s)?[a-z][\w-]*\s){0,3}?(?:" + "|".join(sorted(EN_ROLE_NOUNS))
    + r")s?\s[A-Z]"
    r"|\s(?:협력사|경쟁사|공급사|납품사|납품업체|고객사|라이벌|파트너사|협력업체|부품업체|공급업체|"
    r"투자사|경쟁업체)\s\S"
)
# "TSMC's biggest equipment supplier ASML said …", "Apple supplier Foxconn said …": the name
# after the role is the subject; the one before only describes it.
EN_OWNER_ROLE_THEN_NAME = re.compile(
    r"\s*[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,2}(?:'s|’s)? (?:[a-z][\w-]* ){0,3}?(?:"
    + "|".join(sorted(EN_ROLE_NOUNS)) + r")s? ([A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3})")
# A lead that says only that its subject was fined, with no one doing it in the sentence
# ("애플과 메타가 … 과징금을 부과받았다.", "Apple and Meta were fined … ."): the body that
# fined them, named next, is the story's actor.
# A summary naming no one but a federal body or law: America's, in a Korean newsletter's foreign
# news ("Buyers of electric vehicles lost access to a federal tax credit …").
FEDERAL = lazy_pattern(r"\b[Ff]ederal\b|(?<![가-힣])연방(?:정부|의회|법원|대법원|하원|상원|\s)")
FINED_WITHOUT_AGENT = re.compile(
    r"(?:(?:과징금|벌금|제재금)[^.]{0,40}?(?:부과받았|물게 됐|내게 됐)"
    # an adverb before the verb: "…명단에 새로 올랐다" (round fourteen)
    # (round seventeen: a quoted list's name, "…'수출 제한 명단'에 올랐다", and the firms
    # putting their own name on it, "…명단에 새로 이름을 올렸다")
    r"|(?:명단|목록|리스트|대상국)['’\"」』]?에 (?:(?:새로|추가로|다시|또|잇따라|무더기로) )?"
    r"(?:추가됐|올랐|포함됐|이름을 (?:올렸|새로 올렸)))다[.]?\s*$"
    r"|\b(?:was|were|has been|have been) (?:fined|added to|(?:put|placed)(?: back| again)? on)\b"
    r"(?![^.]*\bby\b)")
# A sentence that ends by naming who reported it: "…했다고 대만 국방부가 밝혔다", "…했다고
# 이스라엘 경제매체들이 보도했다" (an outlet the tables lack, named by its country).
KO_REPORT_END = re.compile(
    r"\s(?:\S+\s){0,3}?(?:밝혔|발표했|전했|집계했|공시했|확인했|보도했)다[.]?\s*$")
# A Korean cleft: "인텔 지분을 확보한 곳은 소프트뱅크가 아닌 미국 정부였다", "…1위에 오른 것은
# 미국 아이로봇이 아닌 중국 로보락이었다", "…올린 것은 대만 경제부였다": the focus before the
# copula is the actor; what "아닌/아니라" denies is not.
_KO_FOCUS_WORD = r"(?!아닌\s|아니라\s|아니고\s)[^\s.]*[^\s.을를]"  # no object, no denial
_KO_FOCUS = rf"(?P<focus>{_KO_FOCUS_WORD}(?:\s{_KO_FOCUS_WORD}){{0,3}}?)"
KO_CLEFT = re.compile(
    r"(?P<topic>[^\s.]*(?:것|곳|쪽|주인공|승자|회사|기업|업체|나라|국가|주체|종목)[은는]"
    r"|(?<=\s)건)\s+"  # 건: "…발표한 건 캐나다가 아니라 중국이었다"
    # What comes before the focus ("미국 방산 수요의 수혜를 입은 독일 라인메탈이다"), or a
    # denial ("X가 아닌", "다름 아닌").
    r"(?:[^.]*?\s(?:아닌|아니라|아니고)\s+|[^.]*?\s)??" + _KO_FOCUS
    + r"(?:이었다|였다|이다|였던 셈이다)[.]?\s*$"
    # Any topic with a denial: "…의 최종 승자는 X가 아닌 Y였다".
    r"|(?P<topic2>[^\s.]+)[은는]\s+[^.]*?\s(?:아닌|아니라|아니고)\s+"
    + _KO_FOCUS.replace("focus", "focus2")
    # …or passes to it: "…라는 타이틀은 X가 아니라 Y로 넘어갔다" (the title is now Y's).
    + r"(?:이었다|였다|이다|(?<=로)\s(?:넘어갔다|넘어간다|돌아갔다|돌아간다|옮겨갔다))[.]?\s*$")
# Korean denials: "X가 아니라 Y".
_DENIALS = ("아니라 ", "아닌 ", "아니고 ")
# A name whose phrase is denied: "중국 업체가 아니라", "엔비디아가 아닌".
_KO_DENIED = lazy_pattern(r"[^\s.]*(?:\s[^\s.]+)?[이가]\s(?:아니라|아닌|아니고)\s")
# The last denial before a Korean cleft's focus: "X가 아니라 Y였다", "X가 아닌 Y였다".
_KO_DENIAL = lazy_pattern(r"\s(?:아닌|아니라|아니고)\s+(?!.*\s(?:아닌|아니라|아니고)\s)")
# An English cleft: "It was not Tesla but Xiaomi that …", "It was Xiaomi, not Tesla, that …";
# an article before the focus ("but the Bank of Japan that") is not part of the name.
EN_CLEFT = re.compile(
    # "It was not Brussels but a federal judge in Virginia who …": a described focus after "but"
    # holds the name (round fourteen)
    # (stop 28b: "It is no longer L'Oreal but home-grown brands that …" denies as "not" does;
    # "no longer only A but also B" adds B and denies nothing, as "not only" (review))
    r"\s*(?:It (?:was|is|has been)\s+(?:(?:not|no\s+longer(?!\s+(?:only|just|merely)\s))"
    r"\s+[^,]+?\s+but\s+(?:an?\s+)?)?"
    r"(?:the\s+)?"
    # round twenty-eight b: any described focus after "but" ("but two European groups, …, that")
    r"(?P<focus>(?:[A-Z]|(?<=but )[a-z]|(?<=but a )[a-z]|(?<=but an )[a-z]"
    r"|(?<=but the )[a-z])[^,]*?)"
    # "…, not X," or an appositive ("Sakana AI, the Tokyo startup founded by …, that won")
    r"(?:,\s*not\s+[^,]+,|,\s(?P<apposition>[^,]{1,90}),)?\s+(?:that|which|who)\s"
    # "Not Nvidia but ASML was the biggest winner": the name after "but" is the subject.
    # (stop 28: an apposition after the denied one, "Not BHP, its spurned suitor, but X …";
    # "Not only A but B too" denies nothing: both act, A stays the subject)
    r"|Not\s+(?!only\s|just\s|merely\s)[^,]+?(?:,\s[^,]{1,60},)?\s+but\s+(?:the\s+)?(?P<but>[A-Z][\w.&'-]*(?:\s[A-Z][\w.&'-]*)*)"
    # "The biggest buyer … was not a Japanese bank but U.S. hedge fund Citadel".
    # round twenty-four: "will not be X but Y", "turned out to be not X, <apposition>, but Y"
    # round twenty-eight b: an owner's noun as the subject ("Nvidia's main supplier … was not X")
    r"|(?:The|[A-Z][\w.&-]*'s)\s[^,]*?\s"
    r"(?:(?:was|is|were|are|will\sbe|turned\sout\sto\sbe)\s+not|will\s+not\s+be)"
    r"\s+[^,]+?(?:,\s[^,]{1,80},)?\s+but\s+(?P<but2>[^,;]+?)(?=,|;|\.\s|\.?$))")
# A firm's unit named by its country ("삼성전자 미국법인", "도요타 북미 판매법인"): the firm's.
KO_UNIT_AFTER_PLACE = re.compile(
    r" ?(?:현지 ?)?(?:판매 ?|생산 ?)?(?:법인|지사|지점|사업부|자회사|사업장|연구소|본부|지역본부)"
    r"(?:[은는이가도의]|과|와|을|를|에|$|\s)")
# What a regulator or court does to the subject, in Korean ("X로부터 과징금을 부과받았다").
KO_SANCTION = re.compile(r"과징금|벌금|제재|부과받|소송을 당|선고받|퇴출|금지 명령|시정명령"
                         r"|명령을 받")
# Korean passives whose agent takes 에/에게 or 의: "코베스트로가 ADNOC에 인수된다", "…가 중국
# SAMR의 반독점 조사를 받게 됐다". The verb must end the clause (not "인수된 회사", "받은 조사").
KO_TAKEN_OVER = re.compile(
    r"\s*(?:\S+\s){0,5}?(?:(?:피?인수|매각|흡수합병|합병)(?:(?:된다|됐다|되었다)(?![가-힣])|되기로"
    r"|될\s(?:예정|전망|계획))|(?:팔린다|팔렸다|넘어간다|넘어갔다)(?![가-힣]))")
KO_UNDERGOES = re.compile(
    r"\s*(?:\S+\s){0,3}?(?:조사|제재|과징금|벌금|처분|명령|압수수색|소송|심사|견제)[을를]\s"
    # the verb ends the sentence ("받았다", "받게 됐다", "받고 있다"), not a connective
    # ("받으면서도 …", "받았지만 …") or an adnominal ("받은 자회사")
    r"(?:받|당)(?:(?:았다|했다|한다|는다)(?![가-힣])|게\s|고\s있|기로|아\s?왔|해\s?왔"
    r"|을\s(?:전망|예정|위기|처지|가능성))")
# A time aside after a date: "(현지시간)", "(미국 동부시간)", "(한국시간)", "(local time)".
TIME_ASIDE = re.compile(r"\([^()]{0,30}?(?:시간|시각|local time|ET|EST|EDT|GMT|UTC)\)")
# An English passive with its agent: "was fined ... by", "were blocked by", "has been sued by".
EN_PASSIVE_BY = re.compile(
    r"\s*(?:(?:has|have|had)(?:\s(?:already|also|just|since|now))?\sbeen|"
    r"(?:was|were|is|are)(?:\s(?:again|now|also|still))?\sbeing|was|were|is|are|got|gets|"
    # "agreed to be acquired by Siemens": a deal's passive in the infinitive (round fourteen)
    r"(?:will|would|could|may|might|is set to|are set to|is to|are to|agreed to|agrees to"
    r"|has agreed to) be)\s+(?:\w+ly\s+)?"
    r"(?:\w+ed|\w+en|hit|told|sued|fined|banned|blocked|ordered|summoned|barred|cut|held|"
    r"bought|sold|won|led|run|built|made|paid|struck|caught|shut|seized|"
    # irregular participles of courting, seeking and pressing ("is being sought by JD.com")
    r"sought|brought|fought|kept|sent|lost|met|set|put|dealt|left|found|bid|beaten|hurt)\b"
    # a decimal ("2.95 billion euros") does not end it; "overtaken as the world's top seller
    # of … in the final quarter of 2023 by BYD"
    r"(?:[^.;]|\.(?=\d)){0,100}?\bby\s+"
    r"(?:the\s+|its\s+|a\s+|an\s+)?"
)
# The same after the rest of a subject phrase the subject rule cut short ("Huawei's cloud unit
# and two dozen Chinese makers were added to the list by the Commerce Department"); no comma, so
# a relative clause ("Apple, which was fined by ...,") is not the main verb; nor is a reported
# clause's ("Sony said Apple, one of its buyers, was hit by …": the speaker is the subject).
EN_PASSIVE_BY_LATE = re.compile(r"(?:(?!\b(?:which|who|whose|that|said|says)\b)[^,;.]){0,90}?"
                                # an aside that lists members ("Several U.S. contractors,
                                # including Skydio and Shield AI, were hit ... by Beijing")
                                r"(?:,\s+(?:including|such as|among them)\b[^,;.]{0,90},)?"
                                # an apposition that describes the subject the tables lack
                                # ("Philly Shipyard, a Pennsylvania builder of …, was bought by
                                # …"): round fourteen; "one of the few …" too (stop 28c)
                                r"(?:(?:,|(?<=,))\s(?:a|an|the|one of)\s"
                                r"(?:[^,;.]|(?<=[A-Z])\.){1,90},)?"
                                + EN_PASSIVE_BY.pattern)
# The same after a restrictive relative clause in the subject, which may list names ("A 25%
# stake in a new unit that will hold Alpha, Beta and Gamma is being bought by Tencent"); not
# when "that" is itself the passive's subject ("a chip that was banned by the U.S.").
EN_PASSIVE_BY_THAT = re.compile(
    r"(?:(?!\b(?:which|who|whose|that)\b)[^,;.]){0,90}?\bthat\s+"
    r"(?!(?:has been|have been|had been|was|were|is|are|got|gets"
    r"|(?:will|would|could|may|might) be)\b)"
    r"(?:(?!\b(?:which|who|whose|that|and then)\b)(?:[^,;.]|,(?=\s[A-Z]))){0,120}?"
    + EN_PASSIVE_BY.pattern)
# A passive onto someone's list: "was added to Beijing's unreliable entity list", "were put on
# the Commerce Department's Entity List", "has been placed on Tokyo's export-control list": the
# list's owner acts, as an agent after "by" does.
EN_PASSIVE_ONTO_LIST = re.compile(
    r"(?:,?\s[^,;]{0,60},)?"  # an apposition: "Skydio, a U.S. drone maker, was added to"
    r"(?:(?!\b(?:which|who|whose|that)\b)(?:[^,;.]|(?<=[A-Z])\.)){0,60}?"
    r"\s*(?:has been|have been|had been|was|were|is|are|got|gets|"
    r"(?:will|would|could|may|might|is set to|are set to|is to|are to) be)\s+(?:\w+ly\s+)?"
    r"(?:added|put|placed|included|named|listed|entered)\s+(?:to|on|onto|in)\s+(?:the\s+)?")
EN_LIST_AFTER_OWNER = re.compile(
    r"(?:'s|’s|')\s(?:[\w-]+\s){0,3}?(?:[\w-]*(?:[Ee]ntity|[Ss]anction|[Ee]xport|[Cc]ontrol|"
    r"[Uu]nreliable|[Ww]atch|[Rr]estrict|[Mm]ilitary|[Ee]nd-[Uu]ser)[\w-]*\s(?:[\w-]+\s){0,2}?"
    r"(?:list|List)|[Bb]lacklist)\b")
# "bought not by a Wall Street firm but by Nomura": the agent is the one after "but by".
EN_NOT_BY = re.compile(r"\bnot\s+by\s+(?:the\s+|its\s+|a\s+|an\s+)?$")
EN_BUT_BY = re.compile(r"(?:[^.;]|(?<=[A-Z])\.){0,80}?"  # "U.S." does not end it
                       r"\bbut\s+(?:also\s+)?by\s+(?:the\s+|its\s+|a\s+|an\s+)?")
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

# ==== Engine tables ============================================================================

GENERIC_INSTITUTIONS: frozenset[str] = frozenset({
    "상무부", "재무부", "국무부", "외교부", "하원", "상원", "에너지부", "노동부", "국회",
    "공정거래위원회",
    "공정위", "산업부", "통계청", "국가통계국", "중앙은행", "집행위원회", "State Department",
    "Treasury", "Senate", "Congress", "연방정부", "국방부", "법무부", "내무부", "교통부",
    "재무상", "경제산업상", "외무상", "방위상",
    # every country has one; its initials say whose ("보건복지부(HHS)" is America's)
    "보건복지부",
    # round 29a: Japan's NRA and America's NRC share the Korean name ("…(NRC)의 승인")
    "원자력규제위원회",
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
