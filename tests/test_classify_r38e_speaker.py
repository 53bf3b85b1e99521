from tests.region_cases import CHINA, EUROPE, JAPAN, US, misfiled

# Round thirty-eight (English): a country's body by its full name speaking after a reported
# clause (classify_r38e_speaker). Sentences written for this file; each `*_is_*` test failed
# before the rule, the neighbours must not move.

# A finding against a firm, then "<Country>'s <Full Name of a body> said": the body acts.
_COUNTRY_BODY_SPEAKER = [
    ("Apple abused its dominance over in-app payments, Japan's Fair Trade Commission said on "
     "Tuesday.", JAPAN),
    ("Qualcomm broke the terms attached to its purchase of Autotalks, China's State "
     "Administration for Market Regulation said in a preliminary ruling.", CHINA),
    ("Meta failed to protect the data of its users, Ireland's Data Protection Commission said, "
     "adding that a fine would follow.", EUROPE),
]

# Neighbours: a person in 's speaks for the firm; a body in lowercase (round thirty) and a
# full name with its article (round eighteen) keep their reading.
_SPEAKER_STAYS = [
    ("The company will double its investment in Kentucky, Toyota's Chief Executive Koji Sato "
     "said.", JAPAN),
    ("Intel will cut a fifth of its staff this year, the firm's Chief Financial Officer said.",
     US),
    ("Nvidia violated the country's anti-monopoly law, China's market regulator said.", CHINA),
]


def test_country_body_speaker_is_the_bodys() -> None:
    assert misfiled(_COUNTRY_BODY_SPEAKER) == []


def test_speaker_stays() -> None:
    assert misfiled(_SPEAKER_STAYS) == []
