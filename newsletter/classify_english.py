"""The English rules of newsletter.classify: a fronted clause is background, the subject is
the phrase before the main verb, and a passive's agent acts.
"""

from __future__ import annotations

from newsletter.classify_agent_acts import (
    measure_maker,
    measure_received,
    passive_beyond_by,
    role_of_owner,
    speaker_after_quote,
)
from newsletter.classify_mentions import (
    ENTRIES,
    _Mention,
)
from newsletter.classify_r26a_passive import passive_after_list
from newsletter.classify_r27_passive import back_on_list, passive_widened, trust_list_follows
from newsletter.classify_r27_speaker import trade_named_speaker
from newsletter.classify_r28a_caused import caused_to_act
from newsletter.classify_r28a_list import owned_list
from newsletter.classify_r29a_passive import passive_after_apposition
from newsletter.classify_r29a_subsidy import subsidy_from
from newsletter.classify_r29b_duty import duty_after_measure
from newsletter.classify_r30b_levy import levy_under_measure
from newsletter.classify_r30b_market import market_caused
from newsletter.classify_r34e_class_place import class_in_place
from newsletter.classify_r34e_front import approximate_front, gerund_kind_subject
from newsletter.classify_r34e_takeover import deal_by, owner_of_agent, passive_past_based
from newsletter.classify_r36e_measure import measure_of_country
from newsletter.classify_r38e_front import front_inner_piece
from newsletter.classify_s28b_english import unit_owner
from newsletter.classify_s28c_english import bare_body_in_place
from newsletter.classify_s28d_english import front_aside, group_led_by
from newsletter.classify_tables import (
    _QUOTES,
    _TOKEN,
    EN_BUT_BY,
    EN_COMPOUND_MODIFIER,
    EN_DESCRIPTION_FRONT,
    EN_DESCRIPTION_THEN_NAME,
    EN_FOR_TOPIC,
    EN_LIST_AFTER_OWNER,
    EN_NAME_JOINERS,
    EN_NAME_LIST,
    EN_NAME_THEN_APPOSITIVE,
    EN_NOT_BY,
    EN_NOT_NAMES,
    EN_OWNER_ROLE_THEN_NAME,
    EN_PASSIVE_BY,
    EN_PASSIVE_BY_LATE,
    EN_PASSIVE_BY_THAT,
    EN_PASSIVE_ONTO_LIST,
    EN_ROLE_NOUNS,
    EN_SUBORDINATE_START,
    EN_SUBORDINATORS,
    EN_VERBS,
    SUBORDINATE_MODIFIER_BONUS,
    lazy_pattern,
)


def _english_subject_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    if (owner := unit_owner(text, start, end, ENTRIES)) is not None:
        return owner  # "A unit of CATL broke ground …": the owner acts (stop 28b)
    if (leaders := group_led_by(text, start, end)) is not None:
        return leaders  # "Ten refiners led by X and Y agreed …": the leaders' group (28d)
    if text.startswith(("the ", "The ", "a ", "A "), start) and (
            body := _EN_BODY_IN_PLACE().match(text, start, end)) is not None:
        # "the government in New Delhi cut …": the place says whose body acts (round fourteen)
        return body.span()
    if (bare := bare_body_in_place(text, start, end)) is not None:
        return bare  # "prosecutors in Singapore charged …": the same, no article (stop 28c)
    if (placed := class_in_place(text, start, end)) is not None:
        return placed  # "shrimp exporters in Andhra Pradesh have begun …" (round 34)
    appositive = EN_DESCRIPTION_THEN_NAME.match(text, start, end)
    entry = ENTRIES.get(appositive.group(1)) if appositive is not None else None
    if appositive is not None and (entry is None or entry.kind not in ("country", "place")):
        # "Apple's biggest supplier in India, Tata Electronics, plans ...": the name set off
        # by commas is the subject the description before it describes.
        return appositive.span(1)
    named = EN_NAME_THEN_APPOSITIVE.match(text, start, end)
    if named is not None and named.group(1) in ENTRIES:
        return named.span(1)
    named = EN_OWNER_ROLE_THEN_NAME.match(text, start, end)
    if named is not None:
        return named.span(1)
    if (text[start:start + 1].islower() or text.startswith(_EN_DESCRIPTOR_OPENERS, start)) and (
            kind := _EN_KIND_THEN_NAME().match(text, start, end)) is not None:
        # "domestic AI chip designer Cambricon Technologies swung …", "Private launch company
        # LandSpace became …": a description of the firm's kind before its name; "AI" or "chip"
        # after it is no verb (round eighteen). The longest known name wins.
        name = kind.group(1)
        while name not in ENTRIES and " " in name:
            name = name.rsplit(" ", 1)[0]
        if name in ENTRIES:
            return kind.start(1), kind.start(1) + len(name)
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
        # "U.S.-listed shares of Alibaba": a name in a compound modifier is not the noun the
        # next word could be the verb of.
        previous_capital = (word[:1].isupper() or word.endswith("'s")) and not (
            EN_COMPOUND_MODIFIER.search(word))
    return start, tokens[-1].end()


def _english_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    sentence = text[start:end]
    comma = sentence.find(", ")
    topic = EN_FOR_TOPIC.match(sentence)
    if topic is not None and topic.group(1) in ENTRIES:
        # "For Samsung, the Tesla deal is a lifeline ...": the name after "For" is the topic
        # the sentence is about, whatever the grammatical subject after the comma.
        return [(start + topic.start(1), start + topic.end(1))]
    first_word = sentence.split(" ", 1)[0].rstrip(",")
    front = EN_DESCRIPTION_FRONT.match(sentence)
    if front is not None and not EN_DESCRIPTION_THEN_NAME.match(sentence):
        return [(start, start + front.end() - 1), (start + front.end(), end)]
    if first_word in ENTRIES:  # "Boeing said ...", "Beijing, which ...": a name, not a clause
        return [(start, end)]
    if (EN_SUBORDINATE_START.match(sentence) or approximate_front(sentence)) and not (
            gerund_kind_subject(sentence)) and 0 < comma < len(sentence) - 2:  # round 34
        # "Unlike Intel, which is still waiting for customers, Samsung said ...": a relative
        # clause after the front's name belongs to the front.
        while sentence.startswith(("which ", "who ", "whose ", "where "), comma + 2) and (
                nxt := sentence.find(", ", comma + 2)) > 0:
            comma = nxt
        # "After Washington, Brussels and Tokyo tightened curbs, SMIC ...": a list of names
        # after the comma belongs to the fronted clause; its end is the comma after the list.
        while (nxt := sentence.find(", ", comma + 2)) > 0 and (
                (EN_NAME_LIST.match(sentence, comma + 2, nxt)
                 # "During Trump's visit to the Gulf, Humain, the company set up by …, agreed":
                 # a name the tables know set off by an appositive is the main subject, not the
                 # tail of a list in the front (round eighteen)
                 and not _name_with_appositive(sentence, comma + 2, nxt))
                # "Less than a day after X locked out workers, threatening flows to U.S.
                # plants, Canada's minister …": a participle's aside is still the front's.
                or _EN_PARTICIPLE_ASIDE().match(sentence, comma + 2, nxt)
                # "Months after Beijing cut off exports of gallium, germanium and antimony to
                # the United States, the Trump administration …": a series' tail (round 17)
                or _EN_SERIES_TAIL().match(sentence, comma + 2, nxt)
                # "After … in Japan, the United States and Canada, NetEase …", "After talks
                # with Seven & i, the Japanese owner of 7-Eleven, Couche-Tard …" (round 38)
                or front_inner_piece(sentence, comma + 2, nxt)
                or front_aside(sentence, comma + 2, nxt)  # ", including …, over …," (28d)
                or (first_word in EN_SUBORDINATORS
                    and not any(w[:1].islower() for w in sentence[:comma].split()[1:]))):
            comma = nxt
        if comma < len(sentence) - 2:
            return [(start, start + comma + 1), (start + comma + 2, end)]
    return [(start, end)]


def _name_with_appositive(sentence: str, start: int, comma: int) -> bool:
    """Whether the name from start to comma is a known name set off by an appositive after it."""
    if sentence[start:comma] not in ENTRIES:
        return False
    named = EN_NAME_THEN_APPOSITIVE.match(sentence, start)
    return named is not None and named.end(1) == comma


def _speaker_after_report(text: str, start: int, end: int,
                          inside: list[_Mention]) -> tuple[int, int] | None:
    """"The dollar's dominance is giving way to a multipolar system, People's Bank of China
    Governor Pan Gongsheng told a forum": a reported clause without quotes, then its speaker,
    who acts. Only a speaker the tables name, after a clause of five words or more whose
    subject names no one but a country or a place."""
    found = None
    if ('," ' in text[start:end] or ',” ' in text[start:end]) and (quoted := speaker_after_quote(
            text, start, end, inside, _EN_BODY_SPEAKER())) is not None:
        return quoted  # stop 28: 'Beijing's rules are "a wall," Secretary Jane Doe said'
    comma = text.find(", ", start + 20, end)
    while 0 < comma < start + 260:  # 220 until round fourteen (a 221-character clause)
        if any(ch in text[start:comma] for ch in _EN_NOT_IN_REPORT):
            return None
        if (owner := role_of_owner(text, comma + 2, end, inside)) is not None:
            # stop 28: "…, the chief executive of the Qatari fund's arm told Reuters"; a firm's
            # own news told by another firm's chief stays the firm's, as below
            return None if text.count(" ", start, comma) < 5 or _clause_names_firm(
                text, start, comma, inside) else owner
        # a body first: "the Japan Fair Trade Commission said" reads as a speaker too
        if (found := _EN_BODY_SPEAKER().match(text, comma + 2, end)) is not None:
            break
        if (found := _EN_SPEAKER_THEN_VERB().match(text, comma + 2, end)) is not None:
            break
        comma = text.find(", ", comma + 2, end)
    if found is None:  # round 27: "…, the carmaker said" speaks for the one firm named
        return trade_named_speaker(text, start, end, inside)
    if found.start(1) - start < 30 or text.count(" ", start, comma) < 5:
        return None
    if not any(found.start(1) <= m.start < found.end(1) for m in inside):
        return None
    if found.re is _EN_BODY_SPEAKER():
        # "Nvidia violated the country's anti-monopoly law, China's market regulator said": a
        # government that finds against a firm acts on it.
        return found.span(1)
    if _clause_names_firm(text, start, found.start(1) - 2, inside):
        return None  # "Samsung's Texas fab will make Tesla's chips, Elon Musk said": Samsung's
    return found.span(1)


def _clause_names_firm(text: str, start: int, stop: int, inside: list[_Mention]) -> bool:
    """Whether the reported clause's subject names someone but a country or a place: then the
    news is that one's, whoever reports it."""
    clause = _english_subject_span(text, start, stop)
    return clause is not None and any(clause[0] <= m.start < clause[1] and m.entry.kind not in (
        "country", "place") for m in inside)


def _names_someone(text: str, spans: list[tuple[tuple[int, int], bool]]) -> bool:
    """Whether an English main clause's subject is a capitalised name ("Sun Pharma"), not a
    pronoun or a common noun phrase ("Its shares", "The company")."""
    span = next((span for span, is_main in spans if is_main), None)
    if span is None:
        return False
    first = text[span[0]:span[1]].split(" ", 1)[0].strip(_QUOTES + ",;:")
    return first[:1].isupper() and first not in EN_NOT_NAMES


def _passive_agent(text: str, subject_end: int, end: int, inside: list[_Mention],
                   head_bonus: float, mod_bonus: float) -> None:
    """"Apple was fined ... by the European Commission": the agent acts, the subject does not.
    Only the main verb counts ("Huawei, which was blacklisted by ..., launched" is Huawei's)."""
    agent = _passive_agent_of(text, subject_end, end, inside) or caused_to_act(
        text, subject_end, end, inside  # round 28a: "… stimulus led the IMF to raise"
    ) or duty_after_measure(text, subject_end, end, inside) or market_caused(
        text, subject_end, end, inside) or levy_under_measure(text, subject_end, end, inside
    ) or deal_by(text, subject_end, end, inside  # 34: "agreed to a takeover by ADNOC"
    ) or measure_of_country(text, subject_end, end, inside)  # 36: "hit with Chinese sanctions"
    # 29b, 30b: "must now …, after"; "Weak demand … pushed X to"; "began paying fees under"
    if agent is None or agent.role == "head":
        return
    for m in inside:
        if m.role == "head":
            m.role, m.bonus = "modifier", mod_bonus
        if m.role == "modifier" and m.start < agent.start:
            # The subject of a passive only undergoes what the agent does: it weighs as
            # little as a background clause's subject ("Several U.S. defense contractors
            # … were hit with sanctions by Beijing over Washington's arms sales").
            m.role, m.bonus = "sub-modifier", SUBORDINATE_MODIFIER_BONUS
    agent.role, agent.bonus = "head", head_bonus


def _passive_agent_of(text: str, subject_end: int, end: int,
                      inside: list[_Mention]) -> _Mention | None:
    """The named agent of a main verb in the passive, or None; "bought not by a Wall Street
    firm but by Nomura" names Nomura."""
    passive = (EN_PASSIVE_BY.match(text, subject_end)
               or EN_PASSIVE_BY_LATE.match(text, subject_end)
               # "Qualcomm, which bought …, is being investigated by China's regulator"
               or _EN_PASSIVE_AFTER_RELATIVE().match(text, subject_end)
               or (EN_PASSIVE_BY_THAT.match(text, subject_end)
                   # a costly miss on most leads: tried only with a "that" near the subject
                   if " that " in text[subject_end:subject_end + 92] else None)
               or passive_after_list(text, subject_end, end)  # round 26a
               or passive_widened(text, subject_end, end)  # round 27
               or passive_after_apposition(text, subject_end, end)  # round 29a
               or passive_past_based(text, subject_end, end)  # round 34: "Culver City, Calif"
               # stop 28: "the first company to be given … by", "dropped from the portfolio of"
               or passive_beyond_by(text, subject_end, end))
    if passive is None or passive.end() > end:
        lead = text[subject_end:end]
        # most leads name no approval: skip the lazy scan unless its words are there
        approval = _EN_APPROVAL_FROM().match(text, subject_end, end) if " from " in lead and (
            "approval" in lead or "clearance" in lead or "permission" in lead
            or "green light" in lead) else None
        if approval is not None:
            # "X's plant in Gujarat won approval from Prime Minister Modi's cabinet": who
            # approves acts, as in "…로부터 승인을 받았다"; a title may stand before the name.
            return next((m for m in inside
                         if approval.end() <= m.start <= approval.end() + 30), None)
        if (" from " in lead or " to " in lead) and _EN_PENALTY_HINT().search(lead) and (
                penalty := _EN_PENALTY_FROM().match(text, subject_end, end)
                or _EN_PENALTY_PAID_TO().match(text, subject_end, end)) is not None:
            # "Meta was hit with a fine from India's competition regulator": who fines acts,
            # as in "…로부터 과징금을 부과받았다" (round sixteen).
            return next((m for m in inside
                         if penalty.end() <= m.start <= penalty.end() + 30), None)
        if " in " in lead and _EN_JUDGED_HINT().search(lead) and (
                judged := _EN_JUDGED().match(text, subject_end, end)):
            # "An Astellas executive was jailed for three years in Beijing": a court or the
            # police of the place act, as "베이징 법원에서 … 선고받았다" (round sixteen).
            return _place_judging(text, judged.end(), end, inside)
        if " under " in lead and (under := _EN_UNDER_MEASURE().match(text, subject_end, end)):
            # "Apple and Google are required under a new Japanese smartphone law to …": the
            # law's country acts, as a passive's agent does (round fourteen)
            return _country_of_measure(text, under.start(1), end, inside)
        if (subsidy := subsidy_from(text, subject_end, end, inside)) is not None:
            return subsidy  # round 29a: "… will receive subsidies from Japan's industry ministry"
        # stop 28: "was hit with new curbs from Washington"
        return measure_received(text, subject_end, end, inside) or _list_owner(
            text, subject_end, end, inside)
    at = passive.end()
    if EN_NOT_BY.search(text, passive.start(), at):
        but = EN_BUT_BY.match(text, at)
        if but is None or but.end() > end:
            return None
        at = but.end()
    agent = next((m for m in inside if m.start == at), None)
    if agent is None and (titled := _EN_TITLE_BEFORE_AGENT().match(text, at, end)) is not None:
        # "handed a reprieve by President Donald Trump": the title is not the name
        agent = next((m for m in inside if m.start == titled.end()), None)
    if agent is None and (polity := _EN_POLITY_OF().match(text, at, end)) is not None:
        # "sued by the state of Arkansas", "fined by the government of India": the polity
        # named after "of" acts (round eighteen)
        agent = next((m for m in inside if m.start == polity.end()), None)
    if agent is None and (owned := _EN_THE_COUNTRYS().match(text, at, end)) is not None:
        # "raided by the country's Fair Trade Commission": the body the context names acts;
        # a body the tables lack ("the country's cartel office") acts for the country named
        # before it ("Amazon's German unit").
        agent = next((m for m in inside if m.start == owned.end()), None) or next(
            (m for m in reversed(inside) if m.end <= at and m.entry.kind == "country"), None)
    if agent is None and (described := _EN_AGENT_DESCRIBED().match(text, at, end)) is not None:
        # "pressed by its largest shareholder, China's Sinochem": the name after the
        # description is the agent.
        agent = next((m for m in inside if m.start == described.end()), None)
    if agent is None and (placed := _EN_AGENT_IN_PLACE().match(text, at, end)) is not None:
        # "charged by federal prosecutors in Brooklyn": unnamed officials act for their place.
        agent = next((m for m in inside if m.start == placed.end()
                      and m.entry.kind in ("country", "place")), None)
    # stop 28: "hit by fresh restrictions from the Commerce Department": the measure's maker
    agent = agent or measure_maker(text, at, end, inside)
    if agent is None and _EN_MEASURE_AGENT().match(text, at, end) is not None:
        agent = _country_of_measure(text, at, end, inside)
    # round 34: "acquired by Savvy Games Group, which is owned by Saudi Arabia's PIF"
    agent = agent or owner_of_agent(text, at, end, inside)
    return agent or _list_owner(text, subject_end, end, inside)  # a body unnamed (26a)


# An agent that is a law, a measure or a body the tables lack: "forced by a new smartphone
# competition law", "hit by tariffs of up to 50% approved by …", "ordered by the Fair Trade
# Commission".
_EN_MEASURE_AGENT = lazy_pattern(
    r"(?:[\w%-]+\s){0,5}?(?:law|act|rules?|regulations?|tariffs?|duties|levies|ban|measures?|"
    r"ruling|decision|directive|bill|legislation)\b|(?:[A-Z][\w-]*\s){1,4}(?:Commission|Agency|"
    r"Authority|Ministry|Court|Office|Bureau|Administration|Council|Board|Tribunal)\b")
# Words before a country that make it a target or a market, not the measure's maker.
_EN_NOT_MAKER = ("to", "into", "on", "from", "against", "with", "for", "towards", "toward",
                 "over", "than")


def _country_of_measure(text: str, at: int, end: int, inside: list[_Mention]) -> _Mention | None:
    """Whose law, measure or body it is: the first country or place after it in the sentence
    that is an owner or an adjective ("approved by Mexican lawmakers", "Tokyo's antitrust
    watchdog") or where it applies ("… devices in Japan"); not a target ("controls on sales to
    China")."""
    for m in inside:
        if m.start < at or m.entry.kind not in ("country", "place"):
            continue
        before = [w for w in text[max(at, m.start - 16):m.start].split() if w != "the"]
        if not before or before[-1] not in _EN_NOT_MAKER:
            return m
    return None


# After a reported clause and a comma: its speaker (capitalised words) and a report verb.
_EN_NOT_IN_REPORT = (";", ":", '"', "“", "”")
_EN_SPEAKER_THEN_VERB = lazy_pattern(
    # "Huawei founder Ren Zhengfei", "SMIC co-chief executive Zhao": role words between names
    # "…, the International Energy Agency said": a body with its article
    # "QatarEnergy Chief Executive Saad al-Kaabi said": a particle's name (al-, el-; round 29 b)
    r"(?:the )?((?:[A-Z][\w.'’&-]*)(?: (?:[A-Z][\w.'’&-]*|of|the|for|[a-z]{2,3}-[A-Z][\w'’-]*"
    r"|[a-z][\w-]{2,}(?= (?:[a-z][\w-]+ ){0,2}[A-Z])))*)"
    r" (?:told|said|says|tells|warned|argued|wrote)\b")
# A country's body the tables lack, as the speaker after a reported clause: "China's market
# regulator said", "Japan's trade ministry said".
_EN_BODY_SPEAKER = lazy_pattern(
    r"((?:the )?[A-Z][\w.&-]*['’]s (?:[a-z][\w-]+ ){0,2}(?:regulators?|watchdog|ministry"
    r"|authorit(?:y|ies)|agency|commission|court|government|cabinet|bank|prosecutors?"
    r"|office|bureau|department)"
    # a regulator by its full name: "…, the Japan Fair Trade Commission said" (round eighteen)
    r"|the (?:[A-Z][\w.&-]*\s){1,4}(?:Commission|Agency|Authority|Ministry|Administration"
    # r30b: a tail in for/of ("the State Administration for Market Regulation said")
    r"|Regulator|Bureau)(?: (?:for|of) [A-Z][\w&-]*(?: (?:and )?[A-Z][\w&-]*){0,3})?"
    # round 38: a country's possessive with the full name ("…, Japan's Fair Trade Commission
    # said", "China's State Administration for Market Regulation said")
    r"|(?:the )?[A-Z][\w.&-]*['’]s (?:[A-Z][\w.&-]*\s){1,5}?(?:Commission|Agency|Authority"
    r"|Ministry|Administration|Regulator|Bureau|Office|Court|Department|Prosecutors)"
    r"(?: (?:for|of) [A-Z][\w&-]*(?: (?:and )?[A-Z][\w&-]*){0,3})?)"
    r"(?: on \w+day)? (?:told|said|says|warned|found|ruled)\b")
# A duty laid on the subject under a law or a rule: "are required under a new Japanese law".
_EN_UNDER_MEASURE = lazy_pattern(
    r"[^,;.]{0,90}?\s(?:are|is|were|was|will be|would be)\s+(?:now\s+)?(?:required|obliged"
    r"|obligated|forced|compelled|barred|banned|prohibited)\s+(?:to\s[^,;.]{0,80}?\s)?under\s+"
    r"(?:a|an|the)\s+((?:[\w-]+\s){0,5}?(?:law|act|rules?|regulations?|directive|legislation)\b)")
# A body named by its seat: "the government in New Delhi", "the authorities in Beijing".
# Round fifteen: "a House select committee in Washington", "the competition watchdog in Seoul"
# (up to three words before the body noun).
_EN_BODY_IN_PLACE = lazy_pattern(
    r"(?:[Tt]he|[Aa]) (?:[\w-]+ ){0,3}?(?:government|authorities|regulators?|officials"
    r"|prosecutors|cabinet|ministry|parliament|lawmakers|legislature|court|central bank"
    r"|committee|panel|commission|watchdog|agency) in [A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2}")
# A non-restrictive relative clause between the subject and its passive verb.
_EN_PASSIVE_AFTER_RELATIVE = lazy_pattern(r",?\s(?:which|who|whose)\b[^;.,]{0,120},"
                                          + EN_PASSIVE_BY.pattern)
# Approval won from someone: "won approval on Wednesday from", "received clearance from".
_EN_APPROVAL_FROM = lazy_pattern(
    # the rest of a subject phrase cut short ("'s … plant in Gujarat"), a decimal in it
    r"(?:(?!\b(?:which|who|whose|that)\b)(?:[^,;.]|\.(?=\d))){0,90}?"
    r"\s(?:(?:has|have)\s)?(?:won|received|secured|got|gained|obtained|wins|receives|gets)\s"
    r"(?:\w+\s)?(?:approval|clearance|permission|the green light|a green light)\b"
    r"[^.;]{0,40}?\bfrom\s(?:the\s)?")
# A firm's kind before its name ("state-backed memory chipmaker YMTC", "Private launch company
# LandSpace"): up to four words of description, a head noun of the kind, then the name.
_EN_DESCRIPTOR_OPENERS = ("Private ", "State-owned ", "State-backed ", "Domestic ", "Local ",
                          "Rival ", "Homegrown ", "Home-grown ", "Start-up ", "Startup ")
_EN_KIND_THEN_NAME = lazy_pattern(
    r"(?:[\w.&-]+ ){0,4}?(?:maker|makers|designer|company|firm|startup|start-up|group|giant|"
    r"operator|retailer|carrier|chipmaker|carmaker|automaker|developer|lender|producer|"
    r"platform|provider|manufacturer|insurer|brand|builder|miner|conglomerate|champion|"
    r"supplier|foundry|airline|exchange|broker) "
    r"([A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3})")
# A penalty received from someone: "was hit with a $2 billion fine from", "received a warning
# from" (not "an order from", which may be a sale).
_EN_PENALTY_HINT = lazy_pattern(r"fine|penalt|warning|sentence|subpoena|summons|reprimand"
                                r"|ive order|desist order|court order"
                                r"|investigation|probe|inquir|scrutiny|sanction")
_EN_JUDGED_HINT = lazy_pattern(r"jailed|sentenced|convicted|imprisoned|detained|arrested"
                               r"|indicted|found guilty")
_EN_PENALTY_FROM = lazy_pattern(
    r"(?:(?!\b(?:which|who|whose|that)\b)(?:[^,;.]|\.(?=\d))){0,90}?"
    r"\s(?:(?:has|have|was|were|is|are)\s)?(?:been\s)?(?:hit with|handed|slapped with|served with"
    r"|given|received|got|gets|receives|drew|draws"
    # an inquiry drawn or faced: "has drawn an antitrust investigation from" (round seventeen)
    r"|drawn|faces|faced|facing|triggered|attracted|(?:come|came|comes|coming)\sunder)"
    r"\s(?:[\w$.%-]+\s){0,6}?"
    r"(?:fines?|penalty|penalties|warnings?|sentences?|subpoenas?|summons|reprimand"
    r"|investigations?|probes?|inquiry|inquiries|scrutiny|sanctions"
    r"|(?:corrective|cease-and-desist|administrative|court)\sorders?)\b"
    r"[^.;]{0,40}?\bfrom\s(?:the\s)?")
# A fine paid to someone: "will pay a 500 million euro fine to Ireland's regulator".
_EN_PENALTY_PAID_TO = lazy_pattern(
    r"(?:(?!\b(?:which|who|whose|that)\b)[^,;.]){0,60}?\bpays?\s(?:[\w$.%-]+\s){0,6}?"
    r"(?:fines?|penalty|penalties)\s(?:of\s[^,;.]{1,30}\s)?to\s(?:the\s)?")
# A person or a firm judged, detained or charged, with no agent in "by": "was jailed for three
# years in Beijing", "were arrested in Tokyo on suspicion of …".
_EN_JUDGED = lazy_pattern(
    r"(?:(?!\b(?:which|who|whose|that)\b)[^,;.]){0,60}?\s(?:has been|have been|was|were|is|are)"
    r"\s(?:\w+ly\s)?(?:jailed|sentenced|convicted|imprisoned|detained|arrested|indicted"
    r"|found guilty)\b")


def _place_judging(text: str, at: int, end: int, inside: list[_Mention]) -> _Mention | None:
    """The first country or place after "in" (within 100 characters, no agent in "by" first)
    after a judicial passive: whose court or police acted."""
    stop = min(end, at + 100)
    by = text.find(" by ", at, stop)
    stop = stop if by < 0 else by
    return next((m for m in inside if at <= m.start < stop and m.entry.kind in ("country", "place")
                 and text[max(at, m.start - 7):m.start].endswith(("in ", "in the "))), None)


# Titles before an agent's name: "President", "Prime Minister", "Commerce Secretary".
_EN_TITLE_BEFORE_AGENT = lazy_pattern(
    r"(?:(?:U\.S\.|US|Vice|Deputy|Acting|Former)\s)?(?:[A-Z][a-z]+\s)?(?:President|Premier|"
    r"Minister|Secretary|Chancellor|Governor|Chairman|Chair|Senator|Representative|Judge|"
    r"Justice|Commissioner|King|Emperor)\s")
_EN_POLITY_OF = lazy_pattern(
    r"(?:the\s)?(?:[Ss]tate|[Cc]ity|[Pp]rovince|[Gg]overnment|[Kk]ingdom|[Rr]epublic|[Pp]refecture"
    r"|[Cc]ounty|[Ee]mirate|[Cc]ommonwealth|[Pp]eople)\sof\s(?:the\s)?")
# Officials described by their place: "federal prosecutors in Brooklyn", "regulators in Tokyo".
_EN_THE_COUNTRYS = lazy_pattern(r"(?:the )?(?:country|nation)(?:'s|’s) ")
_EN_AGENT_IN_PLACE = lazy_pattern(r"(?:[a-z][\w-]*\s){1,3}(?:in|from)\s(?:the\s)?")
# A participle opening an aside after a fronted clause: "…, threatening freight flows …,".
_EN_SERIES_TAIL = lazy_pattern(r"[a-z][\w-]*(?:\s[a-z][\w-]*){0,2}\s(?:and|or)\s")
_EN_PARTICIPLE_ASIDE = lazy_pattern(r"[a-z]{3,}ing\s")
# An agent described before it is named: "by its largest shareholder, China's Sinochem,".
_EN_AGENT_DESCRIBED = lazy_pattern(r"(?:[a-z][\w-]*\s){0,3}[a-z][\w-]*,\s")
# A rule for a class of firms where it applies: "Chipmakers such as TSMC that are building
# factories in the United States will be exempt …", "Foreign automakers selling in China must
# …": the country whose market the rule governs acts, not the firms named as examples.
_EN_CLASS_UNDER_RULE = lazy_pattern(
    r"(?:[A-Z][\w.'-]*\s)?(?:[a-z-]+\s){0,2}?(?:[A-Za-z-]*(?:makers|manufacturers|companies|firms|producers|"
    r"suppliers|exporters|importers|platforms|providers|operators|developers|retailers|banks|"
    r"lenders|investors|brands|apps|sellers|vendors|businesses|designers|assemblers|miners|"
    r"refiners|airlines|insurers|startups|foundries|marketplaces|services|stores|shops|"
    r"merchants|traders|shippers|carriers|contractors|owners|employers|plants|factories|"
    r"giants|players|groups|multinationals|conglomerates|chains|drugmakers))\b[^.;]{0,160}?"
    # "… that build plants on American soil": where they build is the rule's country too
    r"\b(?:in|into|to|on)\s(?:the\s)?")
# What a rule does to them: "will be exempt", "will face", "must", "are required to".
_EN_RULE_VERB = lazy_pattern(
    r"[^.;]{0,60}?\b(?:must|(?:will|would|shall)\s(?:(?:no longer|also|still|now|then)\s)?"
    r"(?:be\s(?:exempt|spared|required|allowed|barred|banned|subject|eligible|charged|taxed|"
    r"forced|obliged|able|entitled|covered)|face|need|have to|get|receive|qualify|lose|owe|pay|"
    r"gain|enjoy|keep)|(?:are|is)\s(?:required|barred|banned|exempt|allowed|obliged|entitled))\b")

# A benefit for a class of firms, and its change: "A tax credit for chipmakers …", "… will rise".
_EN_BENEFIT_FOR = lazy_pattern(
    r"(?:A|An|The)\s(?:[\w-]+\s){0,3}?(?:tax credits?|credits?|subsid(?:y|ies)|incentives?"
    r"|tax breaks?|grants?)\s(?:for|to|available to|offered to)\s")
_EN_BENEFIT_CHANGE = lazy_pattern(
    r"[^.;]{0,60}?\b(?:(?:will|would)\s(?:rise|increase|grow|climb|double|fall|shrink|expire|end"
    r"|disappear|be\s(?:raised|cut|doubled|scrapped|extended))|rose|rises|increased|doubled"
    r"|fell|expired|ended|was\s(?:raised|cut|doubled|scrapped|extended))\b")


def _class_under_rule(text: str, start: int, end: int, inside: list[_Mention],
                      head_bonus: float) -> bool:
    """Give a rule for a class of firms to the country where it applies (see above)."""
    found = _EN_CLASS_UNDER_RULE().match(text, start, end)
    benefit = None
    if found is None and text.startswith(("A ", "An ", "The "), start) and (
            benefit := _EN_BENEFIT_FOR().match(text, start, end)) is not None:
        # "A tax credit for chipmakers such as Samsung that build on U.S. soil will rise":
        # the benefit's country, where the class builds (round sixteen)
        found = _EN_CLASS_UNDER_RULE().match(text, benefit.end(), end)
    if found is None:
        return False
    first = ENTRIES.get(found.group().split(" ", 1)[0])
    if first is not None and first.kind != "country":
        return False  # "Apple suppliers in China will …" are Apple's; "Chinese automakers
        # selling in Europe will face tariffs" are under Europe's rule
    country = next((m for m in inside if m.start == found.end()
                    and m.entry.kind in ("country", "place", "institution")), None)
    if country is None or not (_EN_RULE_VERB().match(text, country.end, end) or (
            benefit is not None and _EN_BENEFIT_CHANGE().match(text, country.end, end))):
        return False
    if found.group().endswith(("on ", "on the ")) and not text.startswith(
            (" soil", " territory", " ground"), country.end):
        return False  # "that rely on Chinese parts" is no place where they build
    for m in inside:
        if m.start < country.start and m.role in ("head", "modifier"):
            m.role, m.bonus = "sub-modifier", SUBORDINATE_MODIFIER_BONUS
    country.role, country.bonus = "head", head_bonus
    return True


def _list_owner(text: str, subject_end: int, end: int, inside: list[_Mention]) -> _Mention | None:
    """"Illumina was added to Beijing's unreliable entity list": whose list it is acts."""
    onto = EN_PASSIVE_ONTO_LIST.match(text, subject_end)
    if onto is None or onto.end() > end:
        back = back_on_list(text, subject_end, end)  # round 27: "restored to Japan's 'white list'"
        owner = next((m for m in inside if m.start == back), None)
        if owner and trust_list_follows(text, owner.end, end):
            return owner
        return owned_list(text, subject_end, end, inside)  # round 28a: "a Pentagon list"
    owner = next((m for m in inside if m.start == onto.end()), None)
    if owner is None or not EN_LIST_AFTER_OWNER.match(text, owner.end, end):
        return owned_list(text, subject_end, end, inside)
    return owner


def _english_owner(text: str, m: _Mention) -> bool:
    """Whether an English name is an owner: "BYD's", "Samsung Electronics' U.S. unit"."""
    return text.startswith(("'s", "’s"), m.end) or (
        text[m.end - 1:m.end] == "s" and text.startswith(("' ", "’ "), m.end))
