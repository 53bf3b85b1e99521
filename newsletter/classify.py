"""Stage 2: file each summary under exactly one region, with a short reason. Pure: no I/O.

How a region is chosen
----------------------
1. An explicit ``summary.region`` (the source said so) wins.
2. Otherwise the text (title first, then the body) is scanned for *mentions*: entries of the
   lexicon tables below (countries, places, people, institutions, companies, products,
   markets and currencies, in Korean and English). Each mention belongs to a *group*
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

from newsletter.models import Classified, Region, Summary
from newsletter.text import sentence_spans, split_dateline

# ==== Lexicon tables ==========================================================================
#
# One entry per group: (region, name, adjective, {kind: terms}). `name` appears in reasons for
# countries ("프랑스 (France)"), `adjective` for everything else ("딥시크 (Chinese company)").
# Kinds: country, place, person, institution, company, product, market.

LEXICON: tuple[tuple[Region, str, str, dict[str, tuple[str, ...]]], ...] = (
    # ---- United States -----------------------------------------------------------------------
    (Region.US, "United States", "US", {
        "country": (
            "미국", "미합중국", "美", "美國", "미국인", "미국민", "미 본토",
            "United States", "U.S.", "US", "USA", "U.S.A.", "America", "American", "Americans",
        ),
        "place": (
            "워싱턴", "워싱턴DC", "뉴욕", "뉴욕주", "캘리포니아", "텍사스", "애리조나", "플로리다",
            "오하이오", "미시간", "일리노이", "시카고", "보스턴", "매사추세츠", "시애틀",
            "샌프란시스코", "로스앤젤레스", "실리콘밸리", "월가", "월스트리트", "할리우드",
            "라스베이거스", "네바다", "조지아주", "뉴저지", "펜실베이니아", "노스캐롤라이나",
            "사우스캐롤라이나", "테네시", "켄터키", "앨라배마", "인디애나", "위스콘신", "미네소타",
            "콜로라도", "유타주", "오리건", "버지니아", "메릴랜드", "델라웨어", "루이지애나",
            "하와이", "알래스카", "디트로이트", "휴스턴", "댈러스", "애틀랜타", "마이애미",
            "샌디에이고", "새너제이", "산호세", "쿠퍼티노", "마운틴뷰", "레드먼드", "팔로알토",
            "멘로파크", "마러라고", "팜비치", "맨해튼", "브루클린", "피츠버그", "필라델피아",
            "덴버", "피닉스", "캐피톨힐", "오스틴", "북미",
            "Washington", "New York", "California", "Texas", "Arizona", "Florida", "Ohio",
            "Michigan", "Illinois", "Chicago", "Boston", "Massachusetts", "Seattle",
            "San Francisco", "Los Angeles", "Silicon Valley", "Wall Street", "Hollywood",
            "Las Vegas", "Nevada", "New Jersey", "Pennsylvania", "North Carolina",
            "South Carolina", "Tennessee", "Kentucky", "Alabama", "Indiana", "Wisconsin",
            "Minnesota", "Colorado", "Utah", "Oregon", "Virginia", "Maryland", "Delaware",
            "Louisiana", "Hawaii", "Alaska", "Detroit", "Houston", "Dallas", "Atlanta", "Miami",
            "San Diego", "San Jose", "Cupertino", "Mountain View", "Redmond", "Palo Alto",
            "Menlo Park", "Mar-a-Lago", "Palm Beach", "Capitol Hill", "Manhattan", "Brooklyn",
            "Pittsburgh", "Philadelphia", "Denver", "Austin",
        ),
        "person": (
            "트럼프", "도널드 트럼프", "바이든", "조 바이든", "카멀라 해리스", "JD 밴스",
            "밴스 부통령",
            "루비오", "마코 루비오", "베선트", "스콧 베선트", "러트닉", "하워드 러트닉", "나바로",
            "피터 나바로", "그리어 대표", "제이미슨 그리어", "옐런", "재닛 옐런", "블링컨", "파월",
            "제롬 파월", "월러 이사", "크리스토퍼 월러", "머스크", "일론 머스크", "젠슨 황",
            "젠슨황",
            "샘 올트먼", "올트먼", "샘 알트먼", "알트먼", "팀 쿡", "순다르 피차이", "피차이",
            "사티아 나델라", "나델라", "마크 저커버그", "저커버그", "제프 베이조스", "베이조스",
            "앤디 재시", "빌 게이츠", "워런 버핏", "버핏", "리사 수", "팻 겔싱어", "겔싱어",
            "립부 탄", "다리오 아모데이", "아모데이", "래리 엘리슨", "제이미 다이먼", "다이먼",
            "래리 핑크", "피터 틸", "캐시 우드", "펠로시", "슈머", "헤그세스", "오바마",
            "데이비드 색스", "마크 베니오프", "그레그 브록먼", "무라티", "켄 그리핀",
            "Trump", "Donald Trump", "Biden", "Joe Biden", "Kamala Harris", "JD Vance", "Vance",
            "Rubio", "Marco Rubio", "Bessent", "Scott Bessent", "Lutnick", "Navarro",
            "Jamieson Greer", "Yellen", "Blinken", "Powell", "Jerome Powell", "Waller",
            "Elon Musk", "Musk", "Jensen Huang", "Sam Altman", "Altman", "Tim Cook",
            "Sundar Pichai", "Pichai", "Satya Nadella", "Nadella", "Mark Zuckerberg",
            "Zuckerberg", "Jeff Bezos", "Bezos", "Andy Jassy", "Bill Gates", "Warren Buffett",
            "Buffett", "Lisa Su", "Pat Gelsinger", "Gelsinger", "Lip-Bu Tan", "Dario Amodei",
            "Amodei", "Larry Ellison", "Jamie Dimon", "Dimon", "Larry Fink", "Peter Thiel",
            "Cathie Wood", "Pelosi", "Schumer", "Hegseth", "Obama", "David Sacks", "Ken Griffin",
        ),
        "institution": (
            "백악관", "미 행정부", "미 정부", "미 당국", "연방정부", "국무부", "재무부", "상무부",
            "펜타곤", "국토안보부", "에너지부", "노동부", "정부효율부", "DOGE", "연준",
            "연방준비제도", "연방준비제도이사회", "연방공개시장위원회", "FOMC", "Fed", "연은",
            "연방거래위원회", "FTC", "증권거래위원회", "SEC", "식품의약국", "FDA", "무역대표부",
            "USTR", "연방통신위원회", "FCC", "연방수사국", "FBI", "중앙정보국", "CIA",
            "미 항공우주국", "NASA", "하원", "상원", "공화당", "연방대법원", "국제무역위원회",
            "미 의회", "미국 의회", "노동통계국", "국제개발처", "USAID", "반도체법", "칩스법",
            "인플레이션감축법", "미 국방부", "미 법무부", "미 국채",
            "White House", "State Department", "Treasury", "Commerce Department",
            "Department of Commerce", "Pentagon", "Congress", "Senate",
            "House of Representatives", "Republicans", "Republican", "Democrats", "GOP",
            "Federal Reserve", "FTC", "SEC", "FDA", "FCC", "FBI", "CIA", "NASA",
            "Justice Department", "Department of Justice", "DOJ", "Federal Trade Commission",
            "Securities and Exchange Commission", "CHIPS Act", "Inflation Reduction Act",
            "Federal Communications Commission", "Commerce Secretary", "Treasury Secretary",
            "Bureau of Industry and Security", "산업안보국",
        ),
        "company": (
            "애플", "구글", "알파벳", "마이크로소프트", "MS", "아마존", "AWS", "메타",
            "메타플랫폼스", "메타플랫폼",
            "페이스북", "인스타그램", "왓츠앱", "엔비디아", "인텔", "AMD", "퀄컴", "브로드컴",
            "마이크론", "텍사스인스트루먼트", "마벨", "글로벌파운드리스", "램리서치",
            "어플라이드머티어리얼즈", "어플라이드 머티어리얼즈", "KLA", "시놉시스", "케이던스",
            "슈퍼마이크로", "델 테크놀로지스", "델테크놀로지스", "HP", "HPE", "IBM", "오라클",
            "시스코", "세일즈포스", "어도비", "팔란티어", "스노우플레이크", "서비스나우", "테슬라",
            "오픈AI", "오픈에이아이", "앤트로픽", "앤스로픽", "xAI", "퍼플렉시티", "스케일AI",
            "코어위브", "스페이스X", "스타링크", "넷플릭스", "디즈니", "워너브러더스",
            "파라마운트", "컴캐스트", "버라이즌", "AT&T", "T모바일", "우버", "리프트",
            "에어비앤비", "도어대시", "보잉", "록히드마틴", "레이시온", "RTX", "노스롭그루먼",
            "제너럴일렉트릭", "GE", "GE에어로스페이스", "허니웰", "3M", "캐터필러", "GM",
            "제너럴모터스", "포드", "포드자동차", "루시드모터스", "미드저니", "세레브라스",
            "데이터브릭스", "허깅페이스", "피규어AI", "어질리티로보틱스", "아날로그디바이스",
            "온세미", "울프스피드", "글로벌파운드리", "딥마인드", "크라이슬러", "리비안", "루시드",
            "웨이모", "JP모건",
            "JP모건체이스", "골드만삭스", "모건스탠리", "씨티그룹", "씨티은행", "뱅크오브아메리카",
            "웰스파고", "블랙록", "뱅가드", "블랙스톤", "버크셔해서웨이", "버크셔 해서웨이",
            "시타델", "브리지워터", "월마트", "코스트코", "홈디포", "스타벅스", "맥도날드",
            "코카콜라", "펩시코", "나이키", "화이자", "모더나", "일라이릴리", "존슨앤드존슨",
            "애브비", "암젠", "길리어드", "엑손모빌", "셰브론", "코노코필립스",
            "마이크로스트래티지",
            "코인베이스", "로빈후드", "페이팔", "마스터카드", "무디스", "피치", "유튜브", "트위터",
            "링크드인",
            "깃허브", "레딧", "인텔파운드리",
            "Apple", "Google", "Alphabet", "Microsoft", "Amazon", "AWS", "Meta",
            "Meta Platforms", "Facebook", "Instagram", "WhatsApp", "Nvidia", "NVIDIA", "Intel",
            "AMD", "Qualcomm", "Broadcom", "Micron", "Texas Instruments", "Marvell",
            "GlobalFoundries", "Applied Materials", "Lam Research", "Synopsys", "Cadence",
            "Super Micro", "Supermicro", "Dell", "HPE", "IBM", "Oracle", "Cisco", "Salesforce",
            "Adobe", "Palantir", "Snowflake", "ServiceNow", "Tesla", "OpenAI", "Anthropic",
            "xAI", "Perplexity", "Scale AI", "CoreWeave", "SpaceX", "Starlink", "Netflix",
            "Disney", "Warner Bros", "Paramount", "Comcast", "Verizon", "AT&T", "T-Mobile",
            "Uber", "Lyft", "Airbnb", "DoorDash", "Boeing", "Lockheed Martin", "Raytheon",
            "Northrop Grumman", "General Electric", "GE Aerospace", "Honeywell", "Caterpillar",
            "GM", "General Motors", "Ford", "Chrysler", "Rivian", "Lucid", "Waymo", "Lucid Motors",
            "Midjourney", "Cerebras", "Databricks", "Hugging Face", "Figure AI", "Agility Robotics",
            "Analog Devices", "Onsemi", "Wolfspeed", "DeepMind", "JPMorgan",
            "JPMorgan Chase", "Goldman Sachs", "Morgan Stanley", "Citigroup", "Citi",
            "Bank of America", "Wells Fargo", "BlackRock", "Vanguard", "Blackstone",
            "Berkshire Hathaway", "Citadel", "Walmart", "Costco", "Home Depot", "Starbucks",
            "McDonald's", "Coca-Cola", "PepsiCo", "Nike", "Pfizer", "Moderna", "Eli Lilly",
            "Johnson & Johnson", "Merck", "AbbVie", "Amgen", "Gilead", "ExxonMobil", "Exxon",
            "Chevron", "ConocoPhillips", "MicroStrategy", "Coinbase", "Robinhood", "PayPal",
            "Mastercard", "Moody's", "Fitch", "S&P Global", "YouTube", "Twitter", "LinkedIn",
            "GitHub", "Reddit",
        ),
        "media": (
            "월스트리트저널", "뉴욕타임스", "워싱턴포스트", "블룸버그통신", "블룸버그", "CNBC",
            "CNN", "AP통신", "악시오스", "디인포메이션", "폭스뉴스", "WSJ", "NYT",
            "Wall Street Journal", "New York Times", "Washington Post", "Bloomberg", "Axios",
            "The Information", "Associated Press",
        ),
        "product": (
            "챗GPT", "챗지피티", "아이폰", "아이패드", "맥북", "비전 프로", "비전프로", "애플워치",
            "에어팟", "제미나이", "코파일럿", "그록", "클로드", "옵티머스", "사이버트럭",
            "로보택시", "스타게이트", "블랙웰", "쿠다", "H100", "H20", "B200", "GPT-4", "GPT-4o",
            "GPT-5", "윈도우", "애저",
            "ChatGPT", "iPhone", "iPad", "MacBook", "Vision Pro", "Gemini", "Copilot", "Grok",
            "Claude", "Optimus", "Cybertruck", "Robotaxi", "Stargate", "Blackwell", "CUDA",
            "Azure", "Windows",
        ),
        "market": (
            "나스닥", "뉴욕증시", "뉴욕 증시", "뉴욕증권거래소", "NYSE", "다우지수", "다우존스",
            "S&P500", "S&P 500", "스탠더드앤드푸어스", "러셀2000", "미국채", "달러화", "강달러",
            "약달러", "Nasdaq", "Dow Jones", "S&P 500", "Treasuries", "Treasury yields",
        ),
    }),
    # ---- China (Hong Kong and Macau included) ------------------------------------------------
    (Region.CHINA, "China", "Chinese", {
        "country": (
            "중국", "中", "中國", "中国", "중국인", "중화인민공화국", "China", "Chinese", "PRC",
        ),
        "place": (
            "베이징", "상하이", "홍콩", "마카오", "선전시", "광저우", "광둥", "광동", "항저우",
            "저장성",
            "장쑤", "쑤저우", "난징", "우한", "충칭", "청두", "쓰촨", "톈진", "허페이", "안후이",
            "푸젠", "샤먼", "다롄", "칭다오", "산둥", "위구르", "티베트", "시짱", "내몽골",
            "하이난", "정저우", "후난", "허베이", "허난", "윈난", "구이저우", "중관촌",
            "둥관", "닝보", "시안시", "신장위구르", "北京",
            "Beijing", "Shanghai", "Hong Kong", "Macau", "Macao", "Shenzhen", "Guangzhou",
            "Guangdong", "Hangzhou", "Zhejiang", "Jiangsu", "Suzhou", "Nanjing", "Wuhan",
            "Chongqing", "Chengdu", "Sichuan", "Tianjin", "Xi'an", "Hefei", "Anhui", "Fujian",
            "Xiamen", "Dalian", "Qingdao", "Shandong", "Xinjiang", "Tibet", "Hainan",
            "Zhengzhou", "Inner Mongolia", "Zhongguancun",
        ),
        "person": (
            "시진핑", "시 주석", "리창", "허리펑", "왕이 외교부장", "왕이 부장", "딩쉐샹",
            "한정 부주석",
            "판궁성", "왕원타오", "리청강", "런정페이", "마윈", "잭 마", "마화텅", "리옌훙",
            "레이쥔",
            "왕촨푸", "쩡위췬", "량원펑", "장이밍", "허샤오펑", "리빈", "마오쩌둥", "덩샤오핑",
            "후진타오", "리커창", "쑨원", "류허", "이강 총재",
            "Xi Jinping", "Xi", "Li Qiang", "He Lifeng", "Wang Yi", "Pan Gongsheng",
            "Wang Wentao", "Ren Zhengfei", "Jack Ma", "Pony Ma", "Robin Li", "Lei Jun",
            "Wang Chuanfu", "Liang Wenfeng", "Zhang Yiming", "Deng Xiaoping", "Mao Zedong",
        ),
        "institution": (
            "국무원", "공산당", "중국공산당", "중공", "전인대", "전국인민대표대회", "양회", "정협",
            "인민은행", "중국인민은행", "인민銀", "국가발전개혁위원회", "발개위", "공업정보화부",
            "공신부", "국가시장감독관리총국", "시장감독총국", "증권감독관리위원회", "증감회",
            "인민해방군", "중앙군사위원회", "국가외환관리국", "해관총서", "국가통계국",
            "사이버공간관리국", "국가인터넷정보판공실", "중난하이", "中정부", "중앙정치국",
            "중앙경제공작회의",
            "State Council", "Communist Party", "CCP", "CPC", "National People's Congress",
            "NPC", "PBOC", "PBoC", "People's Bank of China", "NDRC", "MIIT", "CSRC", "PLA",
            "People's Liberation Army", "Zhongnanhai", "SAMR", "Cyberspace Administration",
        ),
        "media": (
            "신화통신", "신화사", "인민일보", "환구시보", "글로벌타임스", "차이신", "CCTV", "SCMP",
            "사우스차이나모닝포스트", "Xinhua", "Global Times", "People's Daily", "Caixin",
            "South China Morning Post",
        ),
        "company": (
            "딥시크", "화웨이", "알리바바", "텐센트", "바이두", "바이트댄스", "틱톡", "더우인",
            "샤오미", "BYD", "비야디", "CATL", "닝더스다이", "레노버", "ZTE", "중싱통신", "SMIC",
            "중신궈지", "YMTC", "양쯔메모리", "양쯔메모리테크놀로지스", "CXMT", "창신메모리",
            "하이실리콘", "징둥", "JD닷컴", "메이퇀", "핀둬둬", "PDD", "테무", "쉬인",
            "알리익스프레스",
            "타오바오", "티몰", "위챗", "니오", "웨이라이", "샤오펑", "리오토", "리샹",
            "지리자동차",
            "지리차", "지리그룹", "지리홀딩스", "창안자동차", "상하이자동차", "SAIC", "둥펑",
            "이치자동차", "체리자동차", "치루이", "창청자동차", "장성자동차", "광저우자동차", "GAC",
            "화훙", "캠브리콘", "한우지", "하이곤", "문샷AI", "즈푸AI", "지푸AI", "미니맥스",
            "바이촨",
            "스텝펀", "유니트리", "유비테크", "애지봇", "즈위안로봇", "앤트그룹", "앤트파이낸셜",
            "알리페이", "디디추싱",
            "넷이즈", "트립닷컴", "하이얼", "메이디", "DJI", "호라이즌로보틱스", "공상은행",
            "중국공상은행", "중국건설은행", "중국은행", "중국농업은행", "시노펙", "페트로차이나",
            "중국석유", "CNOOC", "중국해양석유", "차이나모바일", "차이나텔레콤", "차이나유니콤",
            "헝다", "에버그란데", "비구이위안", "컨트리가든", "완커", "코스코", "중국중차", "CRRC",
            "안타스포츠", "리닝", "팝마트", "루이싱커피", "하이디라오", "콰이쇼우", "비리비리",
            "웨이보", "센스타임", "메그비", "아이플라이텍", "커다쉰페이", "하이크비전", "다화",
            "롱지", "진코솔라", "트리나솔라", "징둥팡", "궈쉬안", "고션", "간펑리튬", "톈치리튬",
            "화유코발트", "CALB", "마누스", "지커", "립모터", "링파오",
            "DeepSeek", "Huawei", "Alibaba", "Tencent", "Baidu", "ByteDance", "TikTok",
            "Douyin", "Xiaomi", "BYD", "CATL", "Lenovo", "ZTE", "SMIC", "YMTC", "CXMT",
            "HiSilicon", "JD.com", "Meituan", "PDD", "Pinduoduo", "Temu", "Shein",
            "AliExpress", "Taobao", "WeChat", "Nio", "NIO", "XPeng", "Xpeng", "Li Auto", "Geely",
            "Chery", "Great Wall Motor", "SAIC", "Dongfeng", "Hua Hong", "Cambricon",
            "Moonshot AI", "Zhipu", "MiniMax", "Baichuan", "Unitree", "UBTech", "Agibot",
            "Ant Group",
            "Alipay", "Didi", "NetEase", "Trip.com", "Haier", "Midea", "DJI", "ICBC",
            "China Construction Bank", "Bank of China", "Sinopec", "PetroChina", "CNOOC",
            "China Mobile", "China Telecom", "Evergrande", "Country Garden", "Vanke", "COSCO",
            "CRRC", "SenseTime", "iFlytek", "Hikvision", "Kuaishou", "Bilibili", "Weibo",
            "Pop Mart", "Luckin", "Zeekr", "Leapmotor", "Manus",
        ),
        "product": (
            "어센드", "큐원", "훙멍", "하모니OS", "어니봇", "딥시크 R1",
            "Ascend", "Qwen", "HarmonyOS", "Ernie Bot",
        ),
        "market": (
            "위안화", "인민폐", "상하이종합지수", "상하이지수", "상하이종합", "선전성분지수",
            "항셍",
            "항셍지수", "홍콩증시", "중국증시", "과창판", "CSI300", "H지수", "홍콩H지수",
            "상하이증권거래소", "홍콩거래소",
            "yuan", "renminbi", "Hang Seng", "CSI 300", "Shanghai Composite", "STAR Market",
        ),
    }),
    # ---- Japan -------------------------------------------------------------------------------
    (Region.JAPAN, "Japan", "Japanese", {
        "country": ("일본", "日", "日本", "일본인", "왜색", "Japan", "Japanese"),
        "place": (
            "도쿄", "오사카", "교토", "나고야", "요코하마", "고베", "후쿠오카", "삿포로",
            "홋카이도",
            "오키나와", "규슈", "구마모토", "히로시마", "나가사키", "센다이", "후쿠시마", "지바현",
            "사이타마", "가나가와", "시즈오카", "니가타", "도호쿠", "간사이", "간토", "긴자",
            "시부야", "신주쿠", "나리타", "하네다", "아이치", "홋카이도",
            "Tokyo", "Osaka", "Kyoto", "Nagoya", "Yokohama", "Kobe", "Fukuoka", "Sapporo",
            "Hokkaido", "Okinawa", "Kyushu", "Kumamoto", "Hiroshima", "Nagasaki", "Sendai",
            "Fukushima", "Chiba", "Narita", "Haneda", "Ginza", "Shibuya", "Shinjuku",
        ),
        "person": (
            "이시바", "이시바 시게루", "기시다", "기시다 후미오", "아베 신조", "아베 총리", "아베",
            "스가 요시히데", "다카이치", "다카이치 사나에", "고이즈미 신지로", "고노 다로",
            "가토 가쓰노부", "하야시 요시마사", "무토 요지", "우에다", "우에다 가즈오", "구로다",
            "구로다 하루히코", "히미노", "나루히토", "일왕", "천황", "손정의", "마사요시 손",
            "야나이 다다시", "도요다 아키오", "사토 고지", "미베 도시히로", "우치다 마코토",
            "Shigeru Ishiba", "Ishiba", "Fumio Kishida", "Kishida", "Shinzo Abe",
            "Sanae Takaichi", "Takaichi", "Kazuo Ueda", "Ueda", "Haruhiko Kuroda", "Kuroda",
            "Masayoshi Son", "Tadashi Yanai", "Akio Toyoda", "Koji Sato", "Naruhito",
            "Katsunobu Kato", "Shinjiro Koizumi",
        ),
        "institution": (
            "일본은행", "BOJ", "BoJ", "자민당", "자유민주당", "입헌민주당", "공명당",
            "일본유신회", "경제산업성", "경산성", "재무성", "금융청", "후생노동성", "외무성",
            "방위성", "총무성", "국토교통성", "문부과학성", "내각부", "내각관방", "총리관저",
            "관방장관", "중의원", "참의원", "자위대", "일본정책투자은행", "GPIF",
            "도쿄증권거래소", "일본거래소",
            "Bank of Japan", "LDP", "Liberal Democratic Party", "Komeito", "METI",
            "Financial Services Agency", "Self-Defense Forces", "Tokyo Stock Exchange",
        ),
        "media": (
            "닛케이신문", "니혼게이자이", "닛케이아시아", "요미우리", "아사히신문", "마이니치",
            "산케이", "NHK", "교도통신", "지지통신", "Nikkei Asia", "Kyodo", "Yomiuri",
            "Asahi Shimbun", "Mainichi",
        ),
        "company": (
            "도요타", "토요타", "도요타자동차", "렉서스", "혼다", "닛산", "닛산자동차", "미쓰비시",
            "미츠비시", "MUFG", "마쓰다",
            "마츠다", "스바루", "스즈키", "다이하쓰", "이스즈", "야마하", "가와사키중공업", "소니",
            "파나소닉", "히타치", "도시바", "캐논", "니콘", "후지필름", "후지쓰", "후지츠", "NEC",
            "닌텐도", "반다이남코", "캡콤", "스퀘어에닉스", "코나미", "소프트뱅크", "라쿠텐",
            "라인야후", "야후재팬", "유니클로", "패스트리테일링", "세븐앤아이", "세븐앤드아이",
            "이온그룹", "무인양품", "다이킨", "무라타", "TDK", "교세라", "도쿄일렉트론",
            "도쿄엘렉트론", "키옥시아", "르네사스", "라피더스", "신에쓰화학", "신에츠", "섬코",
            "어드반테스트", "레이저텍", "화낙", "야스카와전기", "키엔스", "미쓰이", "미츠이",
            "스미토모", "이토추", "마루베니", "소지쓰", "미즈호", "노무라", "다이와증권", "SMBC",
            "닛폰제철", "일본제철", "신일본제철", "닛폰스틸", "JFE", "전일본공수", "ANA",
            "일본항공", "JAL",
            "도쿄전력", "간사이전력", "규슈전력", "NTT", "NTT도코모", "KDDI", "덴소", "아이신",
            "브리지스톤", "시세이도", "아사히맥주", "기린홀딩스", "산토리", "다케다", "아스텔라스",
            "다이이치산쿄", "오릭스", "리크루트홀딩스", "니토리", "니덴", "미네베아", "도요타통상",
            "세가사미", "쿄세라", "샤프",
            "Toyota", "Lexus", "Honda", "Nissan", "Mitsubishi", "Mazda", "Subaru", "Suzuki",
            "Daihatsu", "Isuzu", "Yamaha", "Kawasaki", "Sony", "Panasonic", "Hitachi",
            "Toshiba", "Canon", "Nikon", "Fujifilm", "Fujitsu", "NEC", "Nintendo",
            "Bandai Namco", "Capcom", "Square Enix", "Konami", "SoftBank", "Rakuten",
            "LY Corp", "Uniqlo", "Fast Retailing", "Seven & i", "Aeon", "Muji", "Daikin",
            "Murata", "TDK", "Kyocera", "Tokyo Electron", "Kioxia", "Renesas", "Rapidus",
            "Shin-Etsu", "Sumco", "Advantest", "Lasertec", "Fanuc", "Yaskawa", "Keyence",
            "Mitsui", "Sumitomo", "Itochu", "Marubeni", "Mizuho", "Nomura", "Daiwa", "SMBC",
            "Nippon Steel", "JFE", "All Nippon Airways", "Japan Airlines", "JAL", "TEPCO",
            "Kansai Electric", "NTT", "KDDI", "Denso", "Aisin", "Bridgestone", "Shiseido",
            "Kirin", "Suntory", "Takeda", "Astellas", "Daiichi Sankyo", "Orix", "Nidec",
        ),
        "product": ("플레이스테이션", "닌텐도 스위치", "PlayStation", "Nintendo Switch"),
        "market": (
            "닛케이", "니케이", "닛케이지수", "닛케이225", "토픽스", "TOPIX", "엔화", "엔저",
            "엔고",
            "엔캐리", "엔캐리트레이드", "슈퍼엔저", "초엔저", "엔·달러", "엔달러", "달러·엔",
            "도쿄증시", "일본증시", "아베노믹스",
            "Nikkei", "Topix", "yen", "Abenomics",
        ),
    }),
    # ---- Europe ------------------------------------------------------------------------------
    (Region.EUROPE, "the EU", "EU", {
        "country": (
            "유럽", "유럽연합", "EU", "歐", "欧", "유로존", "유로권", "유럽인", "서유럽", "동유럽",
            "북유럽", "남유럽", "중유럽", "중동부유럽",
            "Europe", "European", "Europeans", "European Union", "EU", "eurozone",
            "euro zone", "euro area",
        ),
        "place": ("브뤼셀", "스트라스부르", "Brussels", "Strasbourg"),
        "person": (
            "폰데어라이엔", "폰 데어 라이엔", "폰데어 라이엔", "라가르드", "크리스틴 라가르드",
            "카야 칼라스", "베스타게르", "티에리 브르통", "드라기", "마리오 드라기", "뤼터",
            "마르크 뤼터", "스톨텐베르그", "안토니우 코스타", "세주르네", "마로스 셰프초비치",
            "셰프초비치",
            "von der Leyen", "Ursula von der Leyen", "Lagarde", "Christine Lagarde",
            "Kaja Kallas", "Vestager", "Thierry Breton", "Mario Draghi", "Draghi", "Mark Rutte",
            "Rutte", "Stoltenberg", "Antonio Costa", "Maros Sefcovic", "Šefčovič",
        ),
        "institution": (
            "유럽위원회", "집행위원회", "집행위", "유럽의회", "유럽이사회", "유럽중앙은행", "ECB",
            "유럽사법재판소", "유럽투자은행", "EIB", "나토", "NATO", "북대서양조약기구",
            "디지털시장법", "DMA", "디지털서비스법", "DSA", "탄소국경조정제도", "CBAM",
            "일반개인정보보호법", "GDPR", "유로폴", "유로스타트", "유럽의약품청", "유럽연합 AI법",
            "European Commission", "European Parliament", "European Council",
            "European Central Bank", "ECB", "European Court of Justice", "NATO",
            "Digital Markets Act", "Digital Services Act", "GDPR", "CBAM", "AI Act",
            "Eurostat", "Europol",
        ),
        "market": (
            "유로", "유로화", "유로스톡스", "유로스톡스50", "스톡스600", "스톡스유럽600",
            "유럽증시",
            "euro", "euros", "Euro Stoxx", "Stoxx 600", "STOXX 600",
        ),
    }),
    (Region.EUROPE, "France", "French", {
        "media": ("AFP통신", "AFP", "르몽드", "레제코", "Le Monde", "Les Echos"),
        "country": ("프랑스", "佛", "프랑스인", "France", "French"),
        "place": (
            "파리", "리옹", "마르세유", "보르도", "툴루즈", "노르망디", "알자스", "샹파뉴",
            "베르사유",
            "Paris", "Lyon", "Marseille", "Bordeaux", "Toulouse", "Normandy", "Versailles",
        ),
        "person": (
            "마크롱", "에마뉘엘 마크롱", "바이루", "프랑수아 바이루", "바르니에", "미셸 바르니에",
            "아탈", "르펜", "마린 르펜", "바르델라", "르코르뉘", "빌루아 드갈로", "베르나르 아르노",
            "르메르 장관", "브뤼노 르메르",
            "Macron", "Emmanuel Macron", "Bayrou", "Barnier", "Le Pen", "Marine Le Pen",
            "Bardella", "Lecornu", "Villeroy", "Bernard Arnault", "Arnault", "Bruno Le Maire",
        ),
        "institution": (
            "엘리제궁", "프랑스은행", "프랑스중앙은행", "Elysee", "Élysée", "Banque de France",
        ),
        "company": (
            "LVMH", "루이비통", "모엣헤네시", "디올", "에르메스", "샤넬", "케링", "생로랑",
            "로레알",
            "토탈에너지스", "르노", "푸조", "시트로엥", "에어버스", "사프란", "탈레스",
            "다쏘", "다쏘시스템", "미스트랄AI", "미스트랄", "사노피", "BNP파리바", "소시에테제네랄",
            "크레디아그리콜", "악사", "AXA", "비벤디", "유비소프트", "미쉐린", "다논", "페르노리카",
            "카르푸", "알스톰", "슈나이더일렉트릭", "에실로룩소티카", "베올리아", "엔지", "EDF",
            "프랑스전력", "캡제미니", "아토스", "ST마이크로", "ST마이크로일렉트로닉스",
            "에어프랑스", "레미코앵트로", "오랑주", "부이그",
            "Louis Vuitton", "Dior", "Hermès", "Hermes", "Chanel", "Kering", "L'Oréal",
            "L'Oreal", "TotalEnergies", "Renault", "Peugeot", "Citroën", "Airbus", "Safran",
            "Thales", "Dassault", "Mistral AI", "Sanofi", "BNP Paribas", "Société Générale",
            "Societe Generale", "Credit Agricole", "AXA", "Vivendi", "Ubisoft", "Michelin",
            "Danone", "Pernod Ricard", "Carrefour", "Alstom", "Schneider Electric",
            "EssilorLuxottica", "Veolia", "Engie", "EDF", "Capgemini", "Atos",
            "STMicroelectronics", "Air France",
        ),
        "market": ("CAC40", "CAC 40", "CAC"),
    }),
    (Region.EUROPE, "Germany", "German", {
        "media": ("슈피겔", "한델스블라트", "Der Spiegel", "Handelsblatt"),
        "country": ("독일", "獨", "独", "독일인", "서독", "동독", "Germany", "German", "Germans"),
        "place": (
            "베를린", "프랑크푸르트", "뮌헨", "함부르크", "쾰른", "슈투트가르트", "드레스덴",
            "라이프치히", "뒤셀도르프", "볼프스부르크", "바이에른", "작센", "니더작센", "하노버",
            "뉘른베르크", "잉골슈타트", "마그데부르크", "브란덴부르크", "튀링겐", "헤센",
            "Berlin", "Frankfurt", "Munich", "Hamburg", "Cologne", "Stuttgart", "Dresden",
            "Leipzig", "Düsseldorf", "Dusseldorf", "Wolfsburg", "Bavaria", "Saxony", "Hanover",
            "Brandenburg", "Thuringia", "Hesse",
            "Magdeburg",
        ),
        "person": (
            "숄츠", "올라프 숄츠", "메르츠", "프리드리히 메르츠", "하베크", "린드너", "메르켈",
            "앙겔라 메르켈", "슈타인마이어", "바이델", "나겔 총재", "요아힘 나겔", "피스토리우스",
            "Scholz", "Olaf Scholz", "Merz", "Friedrich Merz", "Habeck", "Lindner", "Merkel",
            "Angela Merkel", "Steinmeier", "Weidel", "Joachim Nagel", "Pistorius",
        ),
        "institution": (
            "분데스방크", "독일연방은행", "분데스탁", "기민당", "CDU", "사민당", "SPD",
            "독일을위한대안", "AfD",
            "Bundesbank", "Bundestag", "CDU", "SPD", "AfD",
        ),
        "company": (
            "폭스바겐", "VW", "아우디", "포르쉐", "BMW", "메르세데스벤츠", "메르세데스-벤츠",
            "벤츠",
            "다임러", "다임러트럭", "보쉬", "콘티넨탈", "ZF", "지멘스", "지멘스에너지", "SAP",
            "바스프", "BASF", "바이엘", "알리안츠", "도이체방크", "코메르츠방크", "도이체텔레콤",
            "도이체포스트", "DHL", "루프트한자", "아디다스", "푸마", "인피니언", "티센크루프",
            "헨켈", "라인메탈", "에온", "RWE", "유니퍼", "잘란도", "베르텔스만", "프레제니우스",
            "머크KGaA", "쿠카", "칼자이스", "자이스", "셰플러", "딜리버리히어로", "비온텍",
            "큐어백",
            "Volkswagen", "VW", "Audi", "Porsche", "BMW", "Mercedes-Benz", "Mercedes",
            "Daimler", "Bosch", "Continental", "Siemens", "SAP", "BASF", "Bayer", "Allianz",
            "Deutsche Bank", "Commerzbank", "Deutsche Telekom", "DHL", "Lufthansa", "Adidas",
            "Puma", "Infineon", "Thyssenkrupp", "Henkel", "Rheinmetall", "E.ON", "RWE", "Uniper",
            "Zalando", "Bertelsmann", "Zeiss", "Schaeffler", "Delivery Hero", "BioNTech",
            "CureVac",
        ),
        "market": ("DAX", "닥스지수"),
    }),
    (Region.EUROPE, "the United Kingdom", "British", {
        "media": (
            "로이터통신", "로이터", "파이낸셜타임스", "BBC", "가디언", "이코노미스트", "FT",
            "Reuters", "Financial Times", "The Economist", "Guardian",
        ),
        "country": (
            "영국", "英", "영국인", "잉글랜드", "스코틀랜드", "웨일스", "북아일랜드", "브렉시트",
            "Britain", "British", "UK", "U.K.", "United Kingdom", "England", "Scotland", "Wales",
            "Brexit",
        ),
        "place": (
            "런던", "맨체스터", "버밍엄", "에든버러", "리버풀", "옥스퍼드", "케임브리지",
            "다우닝가",
            "웨스트민스터", "벨파스트", "글래스고", "더시티",
            "London", "Manchester", "Birmingham", "Edinburgh", "Liverpool", "Oxford",
            "Cambridge", "Downing Street", "Westminster", "Glasgow", "Belfast",
        ),
        "person": (
            "스타머", "키어 스타머", "수낵", "리시 수낵", "보리스 존슨", "리즈 트러스",
            "레이철 리브스",
            "리브스 재무장관", "나이절 패라지", "패라지", "앤드루 베일리", "베일리 총재",
            "찰스 3세",
            "찰스 국왕", "윌리엄 왕세자", "엘리자베스 2세", "케미 바데노크",
            "Starmer", "Keir Starmer", "Sunak", "Rishi Sunak", "Boris Johnson", "Liz Truss",
            "Rachel Reeves", "Reeves", "Nigel Farage", "Farage", "Andrew Bailey",
            "King Charles", "Kemi Badenoch",
        ),
        "institution": (
            "영란은행", "잉글랜드은행", "BOE", "BoE", "보수당", "영국 노동당", "금융행위감독청",
            "FCA", "경쟁시장청", "CMA", "런던증권거래소", "오프컴",
            "Bank of England", "Conservative Party", "Tories", "Labour Party",
            "Financial Conduct Authority", "Competition and Markets Authority",
            "London Stock Exchange", "Ofcom",
        ),
        "company": (
            "ARM", "암홀딩스", "BP", "셸", "쉘", "HSBC", "바클레이스", "로이즈", "스탠다드차타드",
            "스탠더드차타드", "냇웨스트", "유니레버", "아스트라제네카", "GSK", "글락소스미스클라인",
            "롤스로이스", "재규어랜드로버", "JLR", "보다폰", "테스코", "버버리", "다이슨",
            "리오틴토",
            "BAE시스템스", "디아지오", "브리티시아메리칸토바코", "프루덴셜", "아비바", "이지젯",
            "브리티시항공", "맥라렌", "애스턴마틴", "그래프코어", "오카도", "Arm Holdings", "Arm's",
            "BP", "Shell", "HSBC", "Barclays", "Lloyds",
            "Standard Chartered", "NatWest", "Unilever", "AstraZeneca", "GSK", "Rolls-Royce",
            "Jaguar Land Rover", "JLR", "Vodafone", "Tesco", "Burberry", "Dyson", "Rio Tinto",
            "BAE Systems", "Diageo", "British American Tobacco", "Prudential", "Aviva",
            "easyJet", "British Airways", "McLaren", "Aston Martin", "Graphcore", "Ocado",
        ),
        "market": (
            "FTSE", "FTSE100", "FTSE 100", "파운드화", "파운드 스털링", "스털링", "길트",
            "sterling", "gilts", "gilt yields",
        ),
    }),
    (Region.EUROPE, "the Netherlands", "Dutch", {
        "country": ("네덜란드", "Netherlands", "Dutch", "Holland"),
        "place": (
            "암스테르담", "로테르담", "헤이그", "에인트호번", "에인트호벤", "벨트호번", "펠트호번",
            "Amsterdam", "Rotterdam", "The Hague", "Eindhoven", "Veldhoven",
        ),
        "person": (
            "스호프 총리", "딕 스호프", "빌더르스", "크리스토프 푸케", "페터 베닝크",
            "Dick Schoof", "Schoof", "Geert Wilders", "Wilders", "Christophe Fouquet",
            "Peter Wennink",
        ),
        "company": (
            "ASML", "필립스", "NXP", "하이네켄", "ING", "스텔란티스", "아디엔", "프로서스", "KLM",
            "ASM인터내셔널", "아크조노벨", "엑소르",
            "Philips", "NXP", "Heineken", "ING", "Stellantis", "Adyen", "Prosus", "KLM",
            "ASM International", "AkzoNobel", "Exor",
        ),
        "market": ("AEX",),
    }),
    (Region.EUROPE, "Belgium and Luxembourg", "Benelux", {
        "country": (
            "벨기에", "룩셈부르크", "Belgium", "Belgian", "Luxembourg",
        ),
        "place": ("앤트워프", "안트베르펜", "Antwerp"),
        "company": (
            "AB인베브", "솔베이", "유미코아", "아르셀로미탈", "유로클리어",
            "AB InBev", "Solvay", "Umicore", "ArcelorMittal", "Euroclear",
        ),
    }),
    (Region.EUROPE, "Switzerland", "Swiss", {
        "country": ("스위스", "Switzerland", "Swiss"),
        "place": (
            "취리히", "제네바", "바젤", "베른", "다보스", "로잔", "추크",
            "Zurich", "Geneva", "Basel", "Bern", "Davos", "Lausanne", "Zug",
        ),
        "institution": ("스위스중앙은행", "스위스국립은행", "SNB", "Swiss National Bank"),
        "company": (
            "네슬레", "노바티스", "로슈", "UBS", "크레디트스위스", "취리히보험", "롤렉스", "스와치",
            "ABB", "리치몬트", "홀심", "글렌코어", "론자", "쉰들러", "스위스리",
            "Nestlé", "Nestle", "Novartis", "Roche", "UBS", "Credit Suisse", "Zurich Insurance",
            "Rolex", "Swatch", "ABB", "Richemont", "Holcim", "Glencore", "Lonza", "Swiss Re",
        ),
        "market": ("스위스프랑", "Swiss franc"),
    }),
    (Region.EUROPE, "Italy", "Italian", {
        "country": ("이탈리아", "Italy", "Italian", "바티칸", "Vatican"),
        "place": (
            "로마", "밀라노", "토리노", "베네치아", "나폴리", "피렌체", "시칠리아",
            "Rome", "Milan", "Turin", "Venice", "Naples", "Florence", "Sicily",
        ),
        "person": (
            "멜로니", "조르자 멜로니", "마타렐라", "교황", "프란치스코 교황", "레오 14세",
            "Meloni", "Giorgia Meloni", "Mattarella", "Pope Francis", "Pope Leo", "the Pope",
        ),
        "company": (
            "페라리", "피아트", "람보르기니", "마세라티", "구찌", "프라다", "아르마니", "베르사체",
            "불가리", "몽클레르", "에니", "에넬", "우니크레디트", "유니크레디트", "인테사상파올로",
            "피렐리", "레오나르도", "페레로", "루사스카", "몬테데이파스키",
            "Ferrari", "Fiat", "Lamborghini", "Maserati", "Gucci", "Prada", "Armani",
            "Versace", "Bulgari", "Moncler", "Eni", "Enel", "UniCredit", "Intesa Sanpaolo",
            "Pirelli", "Ferrero", "Monte dei Paschi",
        ),
        "market": ("FTSE MIB",),
    }),
    (Region.EUROPE, "Spain and Portugal", "Iberian", {
        "country": (
            "스페인", "포르투갈", "Spain", "Spanish", "Portugal", "Portuguese",
        ),
        "place": (
            "마드리드", "바르셀로나", "발렌시아", "세비야", "카탈루냐", "빌바오", "리스본",
            "Madrid", "Barcelona", "Valencia", "Seville", "Catalonia", "Bilbao", "Lisbon",
        ),
        "person": ("페드로 산체스", "산체스 총리", "Pedro Sánchez", "Pedro Sanchez"),
        "company": (
            "인디텍스", "산탄데르", "BBVA", "텔레포니카", "이베르드롤라", "렙솔", "갈프",
            "Inditex", "Zara", "Santander", "BBVA", "Telefónica", "Telefonica", "Iberdrola",
            "Repsol", "Galp",
        ),
        "market": ("IBEX",),
    }),
    (Region.EUROPE, "the Nordic countries", "Nordic", {
        "country": (
            "스웨덴", "덴마크", "노르웨이", "핀란드", "아이슬란드", "그린란드", "북유럽",
            "Sweden", "Swedish", "Denmark", "Danish", "Norway", "Norwegian", "Finland",
            "Finnish", "Iceland", "Greenland", "Nordic",
        ),
        "place": (
            "스톡홀름", "예테보리", "코펜하겐", "오슬로", "헬싱키", "레이캬비크",
            "Stockholm", "Gothenburg", "Copenhagen", "Oslo", "Helsinki", "Reykjavik",
        ),
        "person": ("메테 프레데릭센", "프레데릭센 총리", "Mette Frederiksen", "Frederiksen"),
        "institution": ("릭스방크", "노르게스은행", "노르웨이 국부펀드", "Riksbank", "Norges Bank"),
        "company": (
            "노보노디스크", "노보 노디스크", "레고", "칼스버그", "머스크라인", "AP몰러머스크",
            "베스타스", "외르스테드", "에릭슨", "볼보", "볼보자동차", "스포티파이", "H&M", "이케아",
            "일렉트로룩스", "사브", "노스볼트", "스카니아", "아틀라스콥코", "클라르나", "에퀴노르",
            "노르스크하이드로", "텔레노르", "노키아", "코네", "네스테", "슈퍼셀", "폴스타",
            "Novo Nordisk", "Lego", "LEGO", "Carlsberg", "Maersk", "Vestas", "Orsted", "Ørsted",
            "Ericsson", "Volvo", "Spotify", "H&M", "IKEA", "Ikea", "Electrolux", "Saab",
            "Northvolt", "Scania", "Atlas Copco", "Klarna", "Equinor", "Norsk Hydro",
            "Telenor", "Nokia", "Kone", "Neste", "Supercell", "Polestar",
        ),
    }),
    (Region.EUROPE, "Ireland and Austria", "European", {
        "country": (
            "아일랜드", "오스트리아", "Ireland", "Irish", "Austria", "Austrian",
        ),
        "place": ("더블린", "잘츠부르크", "Dublin", "Vienna", "Salzburg"),
        "company": ("라이언에어", "Ryanair", "에르스테", "Erste", "OMV"),
    }),
    (Region.EUROPE, "Central and Eastern Europe", "European", {
        "country": (
            "폴란드", "체코", "헝가리", "루마니아", "불가리아", "그리스", "크로아티아",
            "슬로바키아",
            "슬로베니아", "세르비아", "발칸", "에스토니아", "라트비아", "리투아니아", "발트3국",
            "발트 3국", "키프로스", "몰타", "알바니아", "보스니아", "몬테네그로", "북마케도니아",
            "코소보",
            "Poland", "Polish", "Czech", "Czechia", "Hungary", "Hungarian", "Romania",
            "Romanian", "Bulgaria", "Bulgarian", "Greece", "Greek", "Croatia", "Slovakia",
            "Slovenia", "Serbia", "Balkans", "Estonia", "Latvia", "Lithuania", "Baltic",
            "Cyprus", "Malta", "Albania", "Bosnia", "Montenegro", "North Macedonia", "Kosovo",
        ),
        "place": (
            "바르샤바", "프라하", "부다페스트", "부쿠레슈티", "아테네", "브라티슬라바",
            "베오그라드",
            "Warsaw", "Prague", "Budapest", "Bucharest", "Athens", "Bratislava", "Belgrade",
        ),
        "person": (
            "투스크", "도날트 투스크", "두다 대통령", "오르반", "빅토르 오르반", "피초 총리",
            "미초타키스",
            "Donald Tusk", "Tusk", "Duda", "Orban", "Orbán", "Viktor Orban", "Fico",
            "Mitsotakis",
        ),
    }),
    # ---- Korea: Other, and weighed lightly (see KOREA_WEIGHT) --------------------------------
    (Region.OTHER, "South Korea", "Korean", {
        "country": (
            "한국", "韓", "대한민국", "남한", "한국인", "우리나라", "우리 정부", "국내",
            "South Korea", "Korea", "Korean", "South Korean",
        ),
        "place": (
            "서울", "부산", "인천", "대구", "광주", "울산", "세종시", "제주", "판교", "여의도",
            "평택", "경기도", "강남", "새만금",
            "Seoul", "Busan", "Incheon", "Pyeongtaek", "Yongin",
        ),
        "person": (
            "윤석열", "이재명", "한덕수", "최상목", "이창용", "김문수", "이준석", "한동훈",
            "이재용",
            "최태원", "정의선", "구광모", "신동빈", "김범수", "이해진", "문재인", "박근혜",
            "김민석",
            "Yoon Suk Yeol", "Lee Jae-myung", "Lee Jae-yong", "Chey Tae-won", "Rhee Chang-yong",
        ),
        "institution": (
            "대통령실", "청와대", "기획재정부", "기재부", "산업통상자원부", "산업부",
            "과학기술정보통신부", "과기정통부", "금융위원회", "금융위", "금융감독원", "금감원",
            "한국은행", "한은", "공정거래위원회", "공정위", "국회", "더불어민주당", "국민의힘",
            "헌법재판소", "국세청", "통계청", "관세청", "국토교통부", "국토부", "중소벤처기업부",
            "고용노동부", "보건복지부", "외교부", "한국거래소", "국민연금", "한국개발연구원", "KDI",
            "한국무역협회", "산업은행", "수출입은행", "KOTRA", "코트라", "방송통신위원회",
            "Bank of Korea", "National Assembly",
        ),
        "company": (
            "삼성", "삼성전자", "삼성SDI", "삼성바이오로직스", "삼성디스플레이", "삼성물산",
            "삼성생명", "삼성중공업", "삼성SDS", "SK", "SK하이닉스", "SK이노베이션", "SK텔레콤",
            "SK온", "LG", "LG전자", "LG에너지솔루션", "LG화학", "LG디스플레이", "LG엔솔", "현대차",
            "현대자동차", "현대모비스", "현대차그룹", "기아", "기아차", "네이버", "카카오", "쿠팡",
            "포스코", "포스코홀딩스", "한화", "한화에어로스페이스", "한화오션", "롯데", "셀트리온",
            "두산", "두산에너빌리티", "HD현대", "HD한국조선해양", "한미반도체", "크래프톤",
            "넷마블",
            "엔씨소프트", "KT", "CJ", "이마트", "고려아연", "에코프로", "포스코퓨처엠",
            "한국전력", "한전", "카카오뱅크", "업비트", "빗썸", "하이브", "유한양행", "대한항공",
            "아시아나", "배달의민족", "리벨리온", "퓨리오사AI", "HMM", "한국가스공사", "갤럭시",
            "Samsung", "Samsung Electronics", "SK Hynix", "SK hynix", "Hyundai",
            "Hyundai Motor", "Kia", "LG Electronics", "LG Energy Solution", "Naver", "Kakao",
            "Coupang", "POSCO", "Hanwha", "Lotte", "Celltrion", "Krafton", "Korean Air",
        ),
        "market": (
            "코스피", "코스닥", "원화", "원·달러", "원달러", "원/달러", "KOSPI", "Kospi", "Kosdaq",
        ),
    }),
    # ---- Everywhere else: Other ----------------------------------------------------------------
    (Region.OTHER, "North Korea", "North Korean", {
        "country": ("북한", "北韓", "北", "North Korea", "North Korean", "Pyongyang"),
        "place": ("평양",),
        "person": ("김정은", "김여정", "Kim Jong Un", "Kim Jong-un"),
        "institution": ("조선노동당", "조선중앙통신", "KCNA"),
    }),
    (Region.OTHER, "Taiwan", "Taiwanese", {
        "country": ("대만", "臺灣", "台灣", "타이완", "Taiwan", "Taiwanese"),
        "place": ("타이베이", "가오슝", "타이중", "신주과학단지", "Taipei", "Hsinchu", "Kaohsiung"),
        "person": (
            "라이칭더", "차이잉원", "웨이저자", "모리스 창", "류양웨이", "궈타이밍",
            "Lai Ching-te", "Tsai Ing-wen", "C.C. Wei", "Morris Chang", "Young Liu",
        ),
        "institution": ("대만중앙은행", "입법원", "민진당", "국민당", "Legislative Yuan", "DPP"),
        "company": (
            "TSMC", "폭스콘", "훙하이", "홍하이", "미디어텍", "UMC", "롄화전자", "ASE", "에이수스",
            "아수스", "에이서", "콴타", "위스트론", "페가트론", "난야", "윈본드", "매크로닉스",
            "글로벌웨이퍼스", "델타일렉트로닉스", "TSMC의",
            "Foxconn", "Hon Hai", "MediaTek", "UMC", "Asus", "Acer", "Quanta", "Wistron",
            "Pegatron", "Nanya", "Winbond", "GlobalWafers",
        ),
        "market": ("가권지수", "자취안지수", "대만달러", "Taiex"),
    }),
    (Region.OTHER, "India", "Indian", {
        "country": ("인도", "인도인", "India", "Indian", "Indians"),
        "place": (
            "뉴델리", "델리", "뭄바이", "벵갈루루", "방갈로르", "첸나이", "하이데라바드",
            "구자라트",
            "New Delhi", "Delhi", "Mumbai", "Bengaluru", "Bangalore", "Chennai", "Hyderabad",
            "Gujarat",
        ),
        "person": (
            "모디", "나렌드라 모디", "무케시 암바니", "암바니", "가우탐 아다니",
            "Modi", "Narendra Modi", "Mukesh Ambani", "Ambani", "Gautam Adani",
        ),
        "institution": ("인도준비은행", "인도중앙은행", "RBI", "Reserve Bank of India"),
        "company": (
            "릴라이언스", "타타", "타타그룹", "타타자동차", "타타스틸", "인포시스", "위프로",
            "아다니",
            "마힌드라", "바르티에어텔", "에어텔", "플립카트", "페이티엠", "조마토",
            "Reliance", "Reliance Industries", "Tata", "Infosys", "Wipro", "Adani", "Mahindra",
            "Bharti Airtel", "Airtel", "Flipkart", "Paytm", "Zomato",
        ),
        "market": ("센섹스", "니프티", "루피", "루피화", "Sensex", "Nifty", "rupee", "rupees"),
    }),
    (Region.OTHER, "Russia", "Russian", {
        "country": (
            "러시아", "露", "러시아인", "벨라루스", "Russia", "Russian", "Russians", "Belarus",
        ),
        "place": (
            "모스크바", "상트페테르부르크", "시베리아", "크림반도", "Moscow", "St Petersburg",
            "Siberia", "Crimea",
        ),
        "person": (
            "푸틴", "블라디미르 푸틴", "라브로프", "미슈스틴", "페스코프", "나비울리나", "루카셴코",
            "Putin", "Vladimir Putin", "Lavrov", "Mishustin", "Peskov", "Nabiullina",
            "Lukashenko",
        ),
        "institution": ("크렘린", "러시아중앙은행", "Kremlin", "Bank of Russia"),
        "company": (
            "가스프롬", "로스네프트", "노바텍", "루크오일", "얀덱스", "스베르방크",
            "Gazprom", "Rosneft", "Novatek", "Lukoil", "Yandex", "Sberbank",
        ),
        "market": ("루블", "루블화", "ruble", "rouble"),
    }),
    (Region.OTHER, "Ukraine", "Ukrainian", {
        "country": ("우크라이나", "Ukraine", "Ukrainian"),
        "place": (
            "키이우", "키예프", "돈바스", "하르키우", "오데사", "Kyiv", "Kiev", "Donbas", "Odesa",
        ),
        "person": ("젤렌스키", "Zelensky", "Zelenskyy"),
    }),
    (Region.OTHER, "the Middle East", "Middle Eastern", {
        "country": (
            "중동", "中東", "사우디", "사우디아라비아", "아랍에미리트", "UAE", "카타르", "쿠웨이트",
            "바레인", "이란", "이라크", "이스라엘", "팔레스타인", "레바논", "시리아", "요르단",
            "이집트", "튀르키예", "터키", "예멘", "오만 정부",
            "Middle East", "Saudi", "Saudi Arabia", "United Arab Emirates", "UAE", "Qatar",
            "Kuwait", "Bahrain", "Oman", "Iran", "Iranian", "Iraq", "Israel", "Israeli",
            "Palestinian", "Lebanon", "Syria", "Syrian", "Egypt", "Egyptian", "Turkey",
            "Türkiye", "Turkish", "Yemen",
        ),
        "place": (
            "리야드", "두바이", "아부다비", "도하", "테헤란", "바그다드", "텔아비브", "예루살렘",
            "가자지구", "가자 지구", "베이루트", "다마스쿠스", "카이로", "수에즈운하", "앙카라",
            "이스탄불", "호르무즈", "홍해",
            "Riyadh", "Dubai", "Abu Dhabi", "Doha", "Tehran", "Baghdad", "Tel Aviv",
            "Jerusalem", "Gaza", "Beirut", "Damascus", "Cairo", "Suez", "Ankara", "Istanbul",
            "Hormuz", "Red Sea",
        ),
        "person": (
            "빈 살만", "무함마드 빈 살만", "네타냐후", "하메네이", "에르도안", "알아사드",
            "Mohammed bin Salman", "Netanyahu", "Khamenei", "Erdogan", "Erdoğan",
        ),
        "institution": (
            "하마스", "헤즈볼라", "후티", "OPEC", "오펙", "Hamas", "Hezbollah", "Houthi", "Houthis",
        ),
        "company": (
            "아람코", "사우디아람코", "네옴", "무바달라", "ADNOC", "G42",
            "Aramco", "Saudi Aramco", "NEOM", "Mubadala",
        ),
    }),
    (Region.OTHER, "Southeast Asia", "Southeast Asian", {
        "country": (
            "베트남", "越", "태국", "인도네시아", "인니", "말레이시아", "싱가포르", "필리핀",
            "미얀마",
            "캄보디아", "라오스", "브루나이", "동남아", "동남아시아", "아세안", "ASEAN",
            "Vietnam", "Vietnamese", "Thailand", "Thai", "Indonesia", "Indonesian", "Malaysia",
            "Malaysian", "Singapore", "Singaporean", "Philippines", "Philippine", "Filipino",
            "Myanmar", "Cambodia", "Laos", "Southeast Asia",
        ),
        "place": (
            "하노이", "호찌민", "호치민", "방콕", "자카르타", "쿠알라룸푸르", "마닐라",
            "Hanoi", "Ho Chi Minh City", "Bangkok", "Jakarta", "Kuala Lumpur", "Manila",
        ),
        "company": (
            "빈패스트", "빈그룹", "그랩", "테마섹", "페트로나스", "쇼피", "싱가포르항공",
            "VinFast", "Vingroup", "Grab", "Temasek", "Petronas", "Shopee",
        ),
    }),
    (Region.OTHER, "the Americas outside the US", "American (non-US)", {
        "country": (
            "캐나다", "멕시코", "브라질", "아르헨티나", "칠레", "페루", "콜롬비아", "베네수엘라",
            "쿠바", "파나마", "중남미", "남미", "라틴아메리카", "메르코수르",
            "Canada", "Canadian", "Mexico", "Mexican", "Brazil", "Brazilian", "Argentina",
            "Chile", "Peru", "Colombia", "Venezuela", "Cuba", "Panama", "Latin America",
            "Latin American",
            "Mercosur",
        ),
        "place": (
            "토론토", "밴쿠버", "오타와", "몬트리올", "퀘벡", "앨버타", "멕시코시티", "상파울루",
            "리우데자네이루", "부에노스아이레스", "파나마운하",
            "Toronto", "Vancouver", "Ottawa", "Montreal", "Quebec", "Alberta", "Mexico City",
            "São Paulo", "Sao Paulo", "Buenos Aires",
        ),
        "person": (
            "트뤼도", "쥐스탱 트뤼도", "마크 카니", "카니 총리", "셰인바움", "룰라", "밀레이",
            "마두로",
            "Trudeau", "Justin Trudeau", "Mark Carney", "Carney", "Sheinbaum", "Lula", "Milei",
            "Maduro",
        ),
        "institution": ("캐나다중앙은행", "Bank of Canada"),
        "company": ("쇼피파이", "페트로브라스", "Shopify", "Petrobras"),
    }),
    (Region.OTHER, "an international body", "international", {
        # Bodies of many nations speak for none of the sections (the EU's and NATO are above).
        "institution": (
            "국제통화기금", "IMF", "세계은행", "경제협력개발기구", "OECD", "세계무역기구", "WTO",
            "국제에너지기구", "IEA", "국제결제은행", "아시아개발은행", "ADB",
            "아시아인프라투자은행", "AIIB", "유엔", "국제연합", "안전보장이사회", "안보리",
            "주요 7개국", "주요7개국", "G7", "주요 20개국", "주요20개국", "G20", "국제원자력기구",
            "IAEA", "세계보건기구", "WHO", "국제노동기구", "ILO", "국제금융협회", "IIF",
            "금융안정위원회", "FSB", "브릭스", "BRICS", "세계경제포럼", "다보스포럼", "WEF",
            "아시아태평양경제협력체", "APEC", "국제해사기구", "IMO", "국제신용평가사",
            "International Monetary Fund", "World Bank", "World Trade Organization",
            "International Energy Agency", "Bank for International Settlements",
            "Asian Development Bank", "United Nations", "UN", "Security Council",
            "Group of Seven", "Group of 20", "World Health Organization",
            "World Economic Forum", "Financial Stability Board",
        ),
    }),
    (Region.OTHER, "Oceania", "Australian", {
        "country": ("호주", "오스트레일리아", "뉴질랜드", "Australia", "Australian", "New Zealand"),
        "place": ("시드니", "멜버른", "캔버라", "Sydney", "Melbourne", "Canberra"),
        "person": ("앨버니지", "Albanese"),
        "institution": ("호주중앙은행", "RBA", "Reserve Bank of Australia"),
        "company": ("BHP", "포테스큐", "라이너스", "Fortescue", "Lynas"),
    }),
    (Region.OTHER, "Africa and the rest of Asia", "", {
        "country": (
            "아프리카", "남아프리카공화국", "남아공", "나이지리아", "케냐", "에티오피아", "모로코",
            "알제리", "리비아", "콩고", "르완다", "앙골라", "잠비아", "짐바브웨", "탄자니아",
            "우간다", "세네갈", "튀니지", "파키스탄", "방글라데시", "스리랑카", "네팔",
            "아프가니스탄", "탈레반", "카자흐스탄", "우즈베키스탄", "몽골", "아르메니아",
            "아제르바이잔", "중앙아시아",
            "Africa", "African", "South Africa", "Nigeria", "Kenya", "Ethiopia", "Morocco",
            "Algeria", "Libya", "Congo", "Rwanda", "Angola", "Zambia", "Zimbabwe", "Tanzania",
            "Uganda", "Senegal", "Tunisia", "Pakistan", "Bangladesh", "Sri Lanka", "Nepal",
            "Afghanistan", "Taliban", "Kazakhstan", "Uzbekistan", "Mongolia", "Armenia",
            "Azerbaijan", "Central Asia",
        ),
    }),
)

# More names from the news of 2023-2026, kept as one table so the groups above stay readable:
# firms, officials and bodies that stories name without their country.
LEXICON += (
    (Region.US, "United States", "US", {
        "person": (
            "케빈 워시", "케빈 해싯", "해싯", "스티븐 미란", "미셸 보먼", "마이크 왈츠",
            "브렌던 카", "앤드루 퍼거슨", "크리스 라이트", "더그 버검", "Kevin Warsh",
            "Kevin Hassett", "Hassett", "Stephen Miran", "Michelle Bowman", "Mike Waltz",
            "Brendan Carr", "Andrew Ferguson", "Chris Wright", "Doug Burgum",
        ),
        "institution": (
            "외국인투자위원회", "CFIUS", "이민세관단속국", "미 육군", "미 해군", "미 공군",
            "US Army", "US Navy", "U.S. Army", "U.S. Navy",
        ),
        "company": (
            "로크웰오토메이션", "로크웰", "마이크로칩", "코닝", "에퀴닉스", "버티브", "아리스타",
            "US스틸", "뉴코어", "클리블랜드클리프스", "앨버말", "MP머티리얼즈", "퀀텀스케이프",
            "일라이 릴리", "버텍스", "유나이티드헬스", "월그린", "에스티로더", "앰코",
            "앰코테크놀로지", "핀터레스트", "에픽게임즈", "일렉트로닉아츠", "액티비전", "블리자드",
            "로블록스", "드롭박스", "팔로알토네트웍스", "크라우드스트라이크", "시게이트",
            "웨스턴디지털", "샌디스크", "Rockwell Automation", "Microchip", "Corning", "Equinix",
            "Vertiv", "Arista", "U.S. Steel", "US Steel", "Nucor", "Cleveland-Cliffs", "Albemarle",
            "MP Materials", "QuantumScape", "UnitedHealth", "Walgreens", "Estee Lauder", "Amkor",
            "Pinterest", "Epic Games", "Electronic Arts", "Activision", "Roblox",
            "Palo Alto Networks", "CrowdStrike", "Seagate", "Western Digital", "SanDisk", "Sandisk",
        ),
    }),
    (Region.CHINA, "China", "Chinese", {
        "person": (
            "둥쥔", "란포안", "정산제", "왕후닝", "차이치", "딩쉐샹", "위청둥", "왕싱싱",
            "Dong Jun", "Zheng Shanjie", "Wang Huning", "Cai Qi", "Ding Xuexiang",
        ),
        "institution": (
            "중국 상무부", "중국 외교부", "중국 국방부", "국가안전부", "중국 해경", "국가에너지국",
            "국가데이터국", "국가금융감독관리총국", "금융감독총국", "MOFCOM", "China Coast Guard",
        ),
        "company": (
            "럭스셰어", "고어텍", "오토델", "윙테크", "원타이", "나우라", "베이팡화창",
            "중웨이반도체", "모멘타", "포니AI", "위라이드", "샤오훙수", "미호요", "미쉐", "베이진",
            "우시바이오로직스", "우시앱텍", "퉁웨이", "선그로우", "코맥", "중국상용항공기",
            "중국국제항공", "에어차이나", "동방항공", "남방항공", "장화이", "중국원양해운",
            "유니온페이", "알리바바클라우드", "텐센트클라우드", "화웨이클라우드", "Luxshare",
            "Goertek", "Autel", "Wingtech", "Naura", "AMEC", "Momenta", "Pony.ai", "WeRide",
            "Xiaohongshu", "RedNote", "miHoYo", "Mixue", "BeiGene", "WuXi", "Tongwei", "Sungrow",
            "COMAC", "Air China", "China Eastern", "China Southern", "UnionPay", "EHang", "Kimi",
        ),
    }),
    (Region.JAPAN, "Japan", "Japanese", {
        "person": (
            "아카자와 료세이", "아카자와", "모테기 도시미쓰", "모테기", "고이즈미", "이와야 다케시",
            "가와이 도시키", "미무라 아쓰시", "노다 요시히코", "Ryosei Akazawa", "Akazawa",
            "Toshimitsu Motegi", "Motegi", "Koizumi", "Takeshi Iwaya", "Atsushi Mimura",
        ),
        "institution": (
            "수산청", "관광청", "게이단렌", "경단련", "Keidanren",
        ),
        "company": (
            "세븐일레븐", "미쓰코시", "이세탄", "다카시마야", "레조낙", "사쿠라인터넷", "사카나AI",
            "프리퍼드네트웍스", "도쿄해상", "유니참", "아식스", "JX금속", "스미토모전공",
            "올림푸스", "고마쓰", "코마츠", "구보타", "닛신", "아지노모토", "세콤", "IHI",
            "가와사키", "JR동일본", "JR도카이", "닛토덴코", "도레이", "아사히카세이", "에네오스",
            "이데미쓰", "메르카리", "코에이테크모", "반다이", "산리오", "고단샤", "슈에이샤",
            "야마토운수", "Seven-Eleven", "7-Eleven", "Mitsukoshi", "Resonac", "Sakura Internet",
            "Sakana AI", "Preferred Networks", "Tokio Marine", "Asics", "Olympus", "Komatsu",
            "Kubota", "Ajinomoto", "Secom", "Toray", "Asahi Kasei", "Eneos", "Idemitsu", "Mercari",
            "Sanrio", "Nitto Denko", "JR East",
        ),
    }),
    (Region.EUROPE, "the EU", "EU", {
        "person": (
            "테레사 리베라", "헨나 비르쿠넨", "비르쿠넨", "돔브로우스키스", "베른트 랑게",
            "로베르타 메촐라", "메촐라", "Teresa Ribera", "Henna Virkkunen", "Virkkunen",
            "Valdis Dombrovskis", "Dombrovskis", "Bernd Lange", "Roberta Metsola", "Metsola",
        ),
        "institution": (
            "EU 집행위", "EU 집행위원회", "유럽연합 집행위원회", "EU 이사회", "유럽 의회",
            "유럽방위기금", "유럽안정기구", "유럽증권시장청", "ESMA", "유럽은행감독청", "ESM",
        ),
        "market": (
            "디지털 유로", "digital euro",
        ),
    }),
    (Region.EUROPE, "Germany", "German", {
        "person": (
            "라르스 클링바일", "클링바일", "Lars Klingbeil", "Klingbeil",
        ),
        "institution": (
            "독일자동차산업협회", "VDA", "이포연구소",
        ),
        "company": (
            "헬싱", "알레프알파", "블랙포레스트랩스", "딥엘", "DeepL", "KNDS", "도이체뵈르제",
            "보노비아", "지멘스헬시니어스", "Helsing", "Aleph Alpha", "Black Forest Labs",
            "Deutsche Boerse", "Deutsche Börse", "Vonovia",
        ),
    }),
    (Region.EUROPE, "the Netherlands", "Dutch", {
        "company": (
            "넥스페리아", "유니버설뮤직", "유로넥스트", "Nexperia", "Universal Music", "Euronext",
        ),
    }),
    (Region.EUROPE, "the United Kingdom", "British", {
        "company": (
            "레볼루트", "몬조", "딜리버루", "웨이브", "스태빌리티AI", "신세시아", "Revolut",
            "Monzo", "Deliveroo", "Wayve", "Stability AI", "Synthesia",
        ),
    }),
    (Region.OTHER, "South Korea", "Korean", {
        "company": (
            "한국수력원자력", "한수원", "LS일렉트릭", "LS전선", "HD현대중공업", "한화시스템",
            "현대건설", "한국항공우주", "KAI", "현대로템", "LIG넥스원", "삼성전기", "LG이노텍",
            "SK스퀘어", "에코프로비엠", "두산로보틱스", "네이버웹툰", "무신사", "아모레퍼시픽",
            "농심", "KB금융", "신한금융", "하나금융", "우리금융", "미래에셋", "효성", "알테오젠",
            "Hanwha Ocean", "Hanwha Aerospace", "HD Hyundai", "Hyundai Rotem", "LG Innotek",
        ),
    }),
    (Region.OTHER, "Taiwan", "Taiwanese", {
        "person": (
            "줘룽타이", "샤오메이친", "Cho Jung-tai", "Hsiao Bi-khim",
        ),
        "institution": (
            "대만 경제부", "대만 행정원", "행정원",
        ),
        "company": (
            "유니마이크론", "노바텍", "리얼텍", "위윈", "Unimicron", "Realtek", "Wiwynn",
        ),
    }),
    (Region.OTHER, "India", "Indian", {
        "company": (
            "인디고", "HDFC", "ICICI", "바자즈", "오요", "Jio", "IndiGo", "Bajaj", "Oyo", "OYO",
        ),
    }),
    (Region.OTHER, "the Middle East", "Middle Eastern", {
        "institution": (
            "사우디 국부펀드", "PIF", "카타르투자청", "QIA", "ADQ", "MGX",
        ),
        "person": (
            "알루마이얀", "Yasir Al-Rumayyan", "Al-Rumayyan",
        ),
        "company": (
            "모빌아이", "테바", "체크포인트", "에미레이트항공", "카타르항공", "Mobileye", "Teva",
            "Check Point", "Emirates", "Qatar Airways",
        ),
    }),
    (Region.OTHER, "Southeast Asia", "Southeast Asian", {
        "institution": (
            "다난타라", "Danantara", "GIC",
        ),
        "company": (
            "라자다", "호아팟", "DBS", "FPT", "Lazada", "Hoa Phat",
        ),
    }),
    (Region.OTHER, "the Americas outside the US", "American (non-US)", {
        "company": (
            "엠브라에르", "누뱅크", "페멕스", "메르카도리브레", "코델코", "YPF", "코헤어",
            "엔브리지", "발레", "Vale", "Embraer", "Nubank", "Pemex", "Mercado Libre", "Codelco",
            "Cohere", "Enbridge",
        ),
    }),
    (Region.OTHER, "an international body", "international", {
        "institution": (
            "유엔무역개발회의", "UNCTAD", "세계식량계획", "WFP",
            "International Atomic Energy Agency",
        ),
    }),
)

LEXICON += (
    (Region.US, "United States", "US", {
        "person": (
            "스티브 위트코프", "위트코프", "로버트 라이트하이저", "라이트하이저", "캐서린 타이",
            "지나 러몬도", "러몬도", "제이크 설리번", "마이크 존슨 하원의장", "미치 매코널",
            "개빈 뉴섬", "뉴섬 주지사", "론 디샌티스", "비벡 라마스와미", "메리 바라", "짐 팔리",
            "켈리 오트버그", "데이비드 솔로몬", "그레그 에이블", "빌 애크먼", "레이 달리오",
            "마크 앤드리슨", "일리야 수츠케버", "수츠케버", "알렉산더 왕", "미라 무라티",
            "Steve Witkoff", "Witkoff", "Robert Lighthizer", "Katherine Tai", "Gina Raimondo",
            "Raimondo", "Jake Sullivan", "Mike Johnson", "Mitch McConnell", "Gavin Newsom",
            "Ron DeSantis", "Mary Barra", "Jim Farley", "Kelly Ortberg", "David Solomon",
            "Greg Abel", "Bill Ackman", "Ray Dalio", "Marc Andreessen", "Ilya Sutskever",
            "Alexandr Wang", "Mira Murati",
        ),
        "company": (
            "싱킹머신스", "싱킹머신랩", "세이프슈퍼인텔리전스", "캐릭터AI", "런웨이", "뉴럴링크",
            "블루오리진", "로켓랩", "아이온큐", "디웨이브", "리게티", "퀀티넘", "오클로",
            "뉴스케일", "컨스텔레이션에너지", "비스트라", "테라파워", "찰스슈왑", "피델리티", "KKR",
            "칼라일", "실버레이크", "엘리엇매니지먼트", "크로거", "베스트바이", "리바이스",
            "치폴레", "크래프트하인즈", "몬델리즈", "켈로그", "P&G", "프록터앤드갬블",
            "브리스톨마이어스", "리제네론", "바이오젠", "일루미나", "써모피셔", "다나허", "애보트",
            "넥스트에라", "코히런트", "루멘텀", "크레도", "아스테라랩스", "데이터독", "몽고DB",
            "워크데이", "인튜이트", "오토데스크", "델타항공", "유나이티드항공", "아메리칸항공",
            "사우스웨스트항공", "안두릴", "제너럴다이내믹스", "L3해리스", "페덱스", "옥시덴탈",
            "할리버튼", "스카이댄스", "워너브러더스디스커버리", "Thinking Machines",
            "Safe Superintelligence", "Character.AI", "Neuralink", "Blue Origin", "Rocket Lab",
            "IonQ", "D-Wave", "Rigetti", "Quantinuum", "Oklo", "NuScale", "Constellation Energy",
            "Vistra", "TerraPower", "Charles Schwab", "Fidelity", "KKR", "Carlyle", "Silver Lake",
            "Elliott Management", "Kroger", "Best Buy", "Levi Strauss", "Chipotle", "Kraft Heinz",
            "Mondelez", "Kellogg", "Procter & Gamble", "Bristol Myers", "Regeneron", "Biogen",
            "Illumina", "Thermo Fisher", "Danaher", "Abbott", "NextEra", "Coherent", "Lumentum",
            "Astera Labs", "Datadog", "MongoDB", "Workday", "Intuit", "Autodesk", "Delta Air Lines",
            "United Airlines", "American Airlines", "Southwest Airlines", "Anduril",
            "General Dynamics", "L3Harris", "FedEx", "Occidental", "Halliburton", "Skydance",
            "Warner Bros. Discovery",
        ),
    }),
    (Region.CHINA, "China", "Chinese", {
        "person": (
            "량루보", "우융밍", "차이충신", "멍완저우", "리카이푸", "왕싱", "Liang Rubo",
            "Eddie Wu", "Joe Tsai", "Meng Wanzhou", "Kai-Fu Lee", "He Xiaopeng",
        ),
        "company": (
            "베이징자동차", "세레스", "싸이리스", "오포", "원플러스", "트랜션", "아이치이",
            "어러머", "캡컷", "EVE에너지", "썬워다", "장쑤창장", "무어스레드", "비런테크", "메타X",
            "중국국가전망", "핑안보험", "중국핑안", "중국인수보험", "중국태평양보험", "중신증권",
            "화타이증권", "중금공사", "완다그룹", "푸싱그룹", "하이난항공", "칭화유니", "쯔광그룹",
            "거리전기", "TCL", "BAIC", "Seres", "Oppo", "OPPO", "Vivo", "vivo", "OnePlus",
            "Transsion", "iQiyi", "CapCut", "EVE Energy", "Sunwoda", "JCET", "Moore Threads",
            "Biren", "State Grid", "Ping An", "China Life", "CITIC", "CICC", "Wanda", "Fosun",
            "HNA", "Tsinghua Unigroup", "Gree", "TCL",
        ),
    }),
    (Region.JAPAN, "Japan", "Japanese", {
        "person": (
            "요시다 겐이치로", "도토키 히로키", "후루카와 슌타로", "미키타니 히로시",
            "에스피노사 사장", "Kenichiro Yoshida", "Hiroki Totoki", "Shuntaro Furukawa",
            "Hiroshi Mikitani",
        ),
        "company": (
            "마키타", "다이이치생명", "닛폰생명", "일본생명", "미쓰이스미토모", "리소나",
            "일본우정", "재팬포스트", "쓰무라", "니혼전산", "시마노", "로손", "패밀리마트",
            "도쿄가스", "오사카가스", "JERA", "미쓰이화학", "신에쓰", "스미토모상사",
            "카와사키중공업", "미쓰비시자동차", "Makita", "Dai-ichi Life", "Nippon Life",
            "Sumitomo Mitsui", "Resona", "Japan Post", "Shimano", "Lawson", "FamilyMart",
            "Tokyo Gas", "Osaka Gas", "JERA", "Mitsubishi Motors",
        ),
    }),
    (Region.EUROPE, "Germany", "German", {
        "person": (
            "올라 칼레니우스", "칼레니우스", "올리버 집세", "올리버 블루메", "블루메",
            "크리스티안 클라인", "Ola Kallenius", "Källenius", "Oliver Zipse", "Oliver Blume",
            "Christian Klein",
        ),
        "company": (
            "헨솔트", "렌크", "트라톤", "베링거인겔하임", "지멘스가메사", "Hensoldt", "Renk",
            "Traton", "Boehringer Ingelheim", "Siemens Gamesa", "Siemens Energy",
        ),
    }),
    (Region.EUROPE, "France", "French", {
        "person": (
            "루카 데 메오", "카를로스 타바레스", "타바레스", "프랑수아앙리 피노", "Luca de Meo",
            "Carlos Tavares", "Tavares", "Francois-Henri Pinault",
        ),
        "company": (
            "아리안그룹", "아리안스페이스", "유텔샛", "나발그룹", "Ariane", "Arianespace",
            "Eutelsat", "Naval Group",
        ),
    }),
    (Region.EUROPE, "the Nordic countries", "Nordic", {
        "person": (
            "마이크 두스타르", "라르스 프루에르가르", "Mike Doustdar", "Lars Fruergaard",
        ),
        "company": (
            "노르데아", "단스케", "젠맙", "베르코어", "Nordea", "Danske", "Genmab",
        ),
    }),
    (Region.EUROPE, "the Netherlands", "Dutch", {
        "company": (
            "ABN암로", "라보뱅크", "ABN Amro", "Rabobank",
        ),
    }),
    (Region.EUROPE, "Italy", "Italian", {
        "person": (
            "존 엘칸", "John Elkann",
        ),
        "company": (
            "이베코", "알파로메오", "피아트크라이슬러", "Iveco", "Alfa Romeo",
        ),
    }),
    (Region.EUROPE, "the United Kingdom", "British", {
        "company": (
            "벤틀리", "Bentley",
        ),
    }),
    (Region.OTHER, "India", "Indian", {
        "company": (
            "타타컨설턴시", "TCS", "HCL", "마루티스즈키", "마루티", "Tata Consultancy", "HCLTech",
            "Maruti Suzuki", "Maruti",
        ),
    }),
    (Region.OTHER, "Taiwan", "Taiwanese", {
        "company": (
            "인벤텍", "컴팔", "에버그린마린", "양밍해운", "완하이", "에바항공", "중화항공",
            "Inventec", "Compal", "Evergreen Marine", "Yang Ming", "EVA Air", "China Airlines",
        ),
    }),
    (Region.OTHER, "the Middle East", "Middle Eastern", {
        "company": (
            "사빅", "에티하드", "마스다르", "엠마르", "SABIC", "Etihad", "Masdar", "Emaar",
        ),
    }),
    (Region.OTHER, "the Americas outside the US", "American (non-US)", {
        "person": (
            "카를로스 슬림", "Carlos Slim",
        ),
        "company": (
            "캐나다왕립은행", "봄바디어", "알리망타시옹 쿠슈타르", "쿠슈타르", "룰루레몬", "마그나",
            "바릭골드", "테크리소시스", "뉴트리엔", "텔멕스", "아메리카모빌", "Bombardier",
            "Couche-Tard", "Lululemon", "Magna", "Barrick", "Teck Resources", "Nutrien",
            "America Movil",
        ),
    }),
    (Region.OTHER, "Oceania", "Australian", {
        "company": (
            "캔바", "아틀라시안", "맥쿼리", "콴타스", "Canva", "Atlassian", "Macquarie", "Qantas",
        ),
    }),
)

LEXICON += (
    (Region.US, "United States", "US", {
        "person": (
            "오스탄 굴스비", "굴스비", "알베르토 무살렘", "무살렘", "라파엘 보스틱", "보스틱",
            "존 윌리엄스 총재", "로리 로건", "메리 데일리", "베스 해맥", "제프리 슈미드",
            "닐 카시카리", "카시카리", "토머스 바킨", "필립 제퍼슨", "Austan Goolsbee", "Goolsbee",
            "Alberto Musalem", "Musalem", "Raphael Bostic", "Bostic", "John Williams",
            "Lorie Logan", "Mary Daly", "Beth Hammack", "Neel Kashkari", "Kashkari",
            "Philip Jefferson",
        ),
    }),
    (Region.EUROPE, "the EU", "EU", {
        "person": (
            "이자벨 슈나벨", "슈나벨", "필립 레인", "Isabel Schnabel", "Schnabel", "Philip Lane",
        ),
    }),
    (Region.EUROPE, "the Nordic countries", "Nordic", {
        "person": (
            "요나스 가르 스토레", "스토레 총리", "울프 크리스테르손", "크리스테르손",
            "페테리 오르포", "알렉산데르 스투브", "스투브 대통령", "Jonas Gahr Store",
            "Ulf Kristersson", "Kristersson", "Petteri Orpo", "Alexander Stubb", "Stubb",
        ),
    }),
    (Region.CHINA, "China", "Chinese", {
        "person": (
            "쉬안창넝", "친강", "셰펑", "마자오쉬", "린젠 대변인", "궈자쿤", "마오닝", "푸충",
            "리샹 CEO", "Qin Gang", "Xie Feng", "Lin Jian", "Guo Jiakun", "Mao Ning", "Fu Cong",
        ),
    }),
    (Region.JAPAN, "Japan", "Japanese", {
        "person": (
            "우치다 신이치", "다무라 나오키", "다카타 하지메", "노구치 아사히", "Shinichi Uchida",
            "Naoki Tamura", "Hajime Takata",
        ),
    }),
)

LEXICON += (
    (Region.US, "United States", "US", {
        "person": (
            "크리스티 놈", "팸 본디", "캐시 파텔", "털시 개버드", "러셀 보트", "숀 더피",
            "브룩 롤린스", "케네디 주니어", "린다 맥맨", "Kristi Noem", "Pam Bondi", "Kash Patel",
            "Tulsi Gabbard", "Russell Vought", "Sean Duffy", "Brooke Rollins", "Kennedy Jr.",
            "Linda McMahon",
        ),
    }),
    (Region.CHINA, "China", "Chinese", {
        "person": (
            "자오러지", "Zhao Leji",
        ),
    }),
    (Region.JAPAN, "Japan", "Japanese", {
        "person": (
            "기하라 미노루", "가타야마 사쓰키", "Minoru Kihara", "Satsuki Katayama",
        ),
    }),
    (Region.OTHER, "India", "Indian", {
        "person": (
            "자이샨카르", "자이샹카르", "니르말라 시타라만", "시타라만", "피유시 고얄",
            "S. Jaishankar", "Jaishankar", "Nirmala Sitharaman", "Piyush Goyal",
        ),
    }),
    (Region.OTHER, "the Middle East", "Middle Eastern", {
        "person": (
            "무함마드 빈 자이드", "타밈 국왕", "Mohamed bin Zayed", "Sheikh Tamim",
        ),
    }),
    (Region.OTHER, "the Americas outside the US", "American (non-US)", {
        "person": (
            "보리치 대통령", "페트로 대통령", "부켈레", "Gabriel Boric", "Gustavo Petro", "Bukele",
        ),
    }),
    (Region.OTHER, "Africa and the rest of Asia", "", {
        "person": (
            "라마포사", "Ramaphosa",
        ),
    }),
    (Region.OTHER, "Russia", "Russian", {
        "person": (
            "드미트리예프", "Kirill Dmitriev", "Dmitriev",
        ),
    }),
)

# Spellings with spaces and other transliterations that Korean news also uses.
LEXICON += (
    (Region.US, "United States", "US", {
        "company": (
            "텍사스 인스트루먼트", "램 리서치", "골드만 삭스", "모건 스탠리", "뱅크 오브 아메리카",
            "제너럴 모터스", "제너럴 일렉트릭", "록히드 마틴", "노스롭 그루먼", "존슨앤존슨",
            "존슨 앤드 존슨", "웨스턴 디지털", "슈퍼 마이크로", "델 테크놀로지", "휴렛팩커드",
            "스페이스 X",
        ),
    }),
    (Region.JAPAN, "Japan", "Japanese", {
        "company": (
            "키오시아", "어드밴테스트", "도쿄 일렉트론", "소프트 뱅크", "패스트 리테일링",
            "닛폰 스틸",
        ),
    }),
    (Region.EUROPE, "Germany", "German", {
        "company": (
            "도이체 방크", "도이치방크", "도이치텔레콤", "도이체 텔레콤", "메르세데스 벤츠",
        ),
    }),
    (Region.EUROPE, "the Netherlands", "Dutch", {
        "company": (
            "ASML홀딩", "에이에스엠엘",
        ),
    }),
)

LEXICON += (
    (Region.US, "United States", "US", {
        "company": (
            "오픈 AI", "셰브런", "MSD", "버크셔", "씨티", "아마존닷컴", "구글클라우드",
        ),
    }),
    (Region.JAPAN, "Japan", "Japanese", {
        "company": (
            "파낙", "메루카리", "오므론", "리코", "코니카미놀타", "로옴", "JSR", "Omron", "Ricoh",
            "Rohm",
        ),
    }),
    (Region.CHINA, "China", "Chinese", {
        "company": (
            "텅쉰", "메이투안", "동펑", "광치", "화홍", "롄샹", "콰이서우",
        ),
    }),
    (Region.EUROPE, "France", "French", {
        "company": (
            "루이뷔통", "모에헤네시",
        ),
    }),
    (Region.EUROPE, "the United Kingdom", "British", {
        "company": (
            "아스트라 제네카", "바클레이즈",
        ),
    }),
    (Region.EUROPE, "the Nordic countries", "Nordic", {
        "company": (
            "에릭손",
        ),
    }),
)

# Firms and officials of every region that Korean wire copy names without their country
# (dev batches 20-22).
LEXICON += (
    (Region.US, "United States", "US", {
        "person": (
            "립부탄", "립부 탄", "립 부 탄", "베센트", "루트닉", "스티븐 미런", "미런 이사",
            "케빈 워시", "밴스 부통령", "쿡 CEO", "Stephen Miran", "Kevin Warsh",
        ),
        "company": ("뉴몬트", "스페이스엑스", "엑스AI", "Newmont"),
    }),
    (Region.JAPAN, "Japan", "Japanese", {
        # Korean press gives Japan's ministers the title 상 (재무상, 경제산업상).
        "person": ("가토 재무상", "아카자와 료세이", "아카자와 경제재생상", "Ryosei Akazawa"),
        "institution": (
            "제트로", "일본무역진흥기구", "JETRO", "재무상", "경제산업상", "경제재생상", "외무상",
            "방위상",
        ),
        "company": (
            "니덱", "세이코엡손", "엡손", "아사히그룹", "기린홀딩스", "후루카와전기", "이비덴",
            "다이니폰인쇄", "도판홀딩스", "신코덴키", "Seiko Epson", "Epson", "Ibiden",
            "Furukawa Electric", "Toppan", "Shinko Electric",
        ),
    }),
    (Region.CHINA, "China", "Chinese", {
        "person": (
            "왕이 부장", "왕이 외교부장", "왕이 정치국원", "리윈쩌", "우칭 주석", "Wang Yi",
        ),
        "product": ("통이치엔원", "훈위안", "두바오", "Doubao", "Hunyuan"),
        "company": (
            "문샷AI", "Moonshot AI", "북방희토", "바오터우강철", "칭산그룹", "칭산강철",
            "화유코발트", "간펑리튬", "톈치리튬", "Tsingshan", "Ganfeng", "Tianqi", "헝루이제약",
            "쯔진광업", "빌리빌리", "씨트립", "링크앤코",
            "창청자동차", "체리자동차", "치루이자동차", "이치자동차", "제일자동차", "캐세이퍼시픽",
            "Hengrui", "Zijin Mining", "Bilibili", "Ctrip", "Lynk & Co", "Great Wall Motor",
            "Chery", "FAW", "Cathay Pacific",
        ),
    }),
    (Region.EUROPE, "the United Kingdom", "British", {
        "company": (
            "스탠다드차타드", "스탠다드차터드", "앵글로아메리칸", "이네오스", "Standard Chartered",
            "Anglo American", "Ineos", "INEOS",
        ),
    }),
    (Region.EUROPE, "the EU", "EU", {
        "person": ("칼라스", "칼라스 대표", "코스타 상임의장"),
    }),
    (Region.EUROPE, "Germany", "German", {
        "person": ("요아힘 나겔", "나겔 총재", "Joachim Nagel"),
        "company": ("폴크스바겐",),
    }),
    (Region.EUROPE, "Italy", "Italian", {
        "person": ("파네타 총재", "파비오 파네타", "Fabio Panetta"),
    }),
    (Region.EUROPE, "France", "French", {
        "company": ("에어리퀴드", "아코르", "Air Liquide", "Accor"),
    }),
    (Region.EUROPE, "the Nordic countries", "Nordic", {
        "company": ("오스테드", "외르스테드", "볼보카스", "Orsted", "Ørsted", "Volvo Cars"),
    }),
    (Region.EUROPE, "the Netherlands", "Dutch", {
        "company": ("ASMI", "ASM인터내셔널", "네비우스", "ASM International", "Nebius"),
    }),
    (Region.EUROPE, "Belgium and Luxembourg", "Benelux", {
        "institution": ("아이멕", "imec"),
    }),
    (Region.OTHER, "Taiwan", "Taiwanese", {
        "person": ("궈즈후이", "C.C. 웨이", "줘룽타이", "Kuo Jyh-huei"),
        "company": ("이노룩스", "AUO", "Innolux"),
    }),
    (Region.OTHER, "India", "Indian", {
        "person": (
            "피유시 고얄", "고얄 장관", "산자이 말호트라", "말호트라 총재", "시타라만",
            "Piyush Goyal", "Sanjay Malhotra", "Sitharaman",
        ),
        "company": (
            "인도국영은행", "인도스테이트은행", "선파마", "선 파마", "딕슨테크놀로지스", "크루트림",
            "HCL테크", "젭토", "올라일렉트릭", "Zepto", "Ola Electric", "State Bank of India",
            "Sun Pharma", "Sun Pharmaceutical", "Dixon",
            "Krutrim", "HCLTech",
        ),
    }),
    (Region.OTHER, "the Middle East", "Middle Eastern", {
        "person": (
            "아민 나세르", "빈살만", "무함마드 빈 자이드", "타흐눈", "Amin Nasser",
            "Mohamed bin Zayed", "Tahnoon",
        ),
        "company": (
            "휴메인", "마덴", "엘빗", "엘빗시스템스", "에미레이츠", "먼데이닷컴", "Humain",
            "Ma'aden", "Elbit", "Emirates", "Monday.com",
        ),
    }),
    (Region.OTHER, "Southeast Asia", "Southeast Asian", {
        "person": (
            "프라보워", "안와르 이브라힘", "안와르 총리", "로런스 웡", "웡 총리", "리셴룽",
            "Prabowo", "Anwar Ibrahim", "Lawrence Wong",
        ),
        "company": ("씨그룹", "토코피디아", "비엣젯", "CP그룹", "Sea Ltd", "Tokopedia", "VietJet"),
    }),
    (Region.OTHER, "the Americas outside the US", "American (non-US)", {
        "person": ("카푸토", "루이스 카푸토", "Caputo", "Luis Caputo"),
        "company": (
            "알리멘타시옹 쿠쉬타르", "쿠쉬타르", "쿠시타르", "Alimentation Couche-Tard",
            "SQM", "이타우", "브라데스코", "암베브", "그루포비모", "세멕스", "에코페트롤",
            "브룩필드", "텍리소시스", "Itau", "Itaú", "Bradesco", "Ambev", "Cemex", "Ecopetrol",
            "Brookfield", "Teck Resources",
        ),
    }),
    (Region.OTHER, "Oceania", "Australian", {
        "person": ("럭슨 총리", "크리스토퍼 럭슨", "룩슨 총리", "Christopher Luxon"),
        "company": ("우드사이드", "Woodside"),
    }),
    (Region.OTHER, "Africa and the rest of Asia", "", {
        "company": ("나스퍼스", "사솔", "Naspers", "Sasol"),
    }),
)

# World markets belong to no section: "국제유가가 ..." is an Other story.
LEXICON += (
    (Region.OTHER, "an international body", "international", {
        "market": (
            "국제유가", "국제 유가", "국제 금값", "국제금값", "국제 금 가격", "국제 곡물가",
            "브렌트유", "서부텍사스산원유", "서부텍사스산 원유", "세계 경제", "세계경제",
            "글로벌 경제", "세계 증시", "글로벌 증시", "global economy", "world economy",
            "Brent crude", "oil prices", "gold prices", "global markets",
        ),
    }),
)

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
