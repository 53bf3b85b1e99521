from tests.region_cases import CHINA, EUROPE, JAPAN, OTHER, US, misfiled

# Round thirty-eight (English): a fronted clause with commas of its own
# (classify_r38e_front). Sentences written for this file; each `*_is_*` test failed before the
# rule, the neighbours must not move.

# The tail of a list opened by "the" after the front's comma: still the front's.
_THE_LIST_TAIL = [
    ("After opening design offices in Germany, the United States and Japan, Xiaomi has closed "
     "two of them to cut costs.", CHINA),
    ("After buying vineyards in France, the Netherlands and Spain, Kweichow Moutai said it "
     "would sell them.", CHINA),
    ("Having built plants in Mexico, the United Kingdom or Japan, Hyundai Motor is now "
     "shutting them.", OTHER),
]

# An appositive on the front's last name: the subject comes after it.
_APPOSITIVE = [
    ("After months of talks with Nissan, the Japanese maker of the Leaf, Alibaba dropped its "
     "plan to buy a stake.", CHINA),
    ("Following a failed bid for Toshiba, the Japanese owner of several chip plants, Bain "
     "Capital walked away.", US),
    ("After two years of negotiations with Volkswagen, the German parent of Audi, Tata "
     "Motors ended the partnership.", OTHER),
]

# Neighbours: a front ending in a lowercase word keeps the subject after its comma; a
# clause after the comma with a verb is the main one; a relative clause is still handled.
_FRONT_STAYS = [
    ("After talks collapsed, the German government, long a close ally of Beijing, imposed "
     "new duties.", EUROPE),
    ("After a meeting with Toyota, the U.S. commerce secretary, Howard Lutnick, said tariffs "
     "would stay.", US),
    ("After a call with Siemens, the German minister said the plan was sound.", EUROPE),
    ("After a year of talks with Tesla, the Japanese government approved the plant.", JAPAN),
]


def test_the_list_tail_is_the_fronts() -> None:
    assert misfiled(_THE_LIST_TAIL) == []


def test_appositive_is_the_fronts() -> None:
    assert misfiled(_APPOSITIVE) == []


def test_front_stays() -> None:
    assert misfiled(_FRONT_STAYS) == []
