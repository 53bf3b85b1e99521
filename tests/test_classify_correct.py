"""The learned correction on top of the region rules (issue 13): newsletter/classify_correct.py
and its model file, trained by bench/region_model.py."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import newsletter.classify_correct as learned
from newsletter.classify import classify
from newsletter.evaluate import load_cases
from newsletter.models import Region, Summary
from tests.region_cases import LEARNED_OVERRIDES

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture
def rules_alone() -> Iterator[None]:
    with learned.rules_only():
        yield


def test_corrects_a_line_the_rules_miss() -> None:
    # c58 52: the rules take the lead's 미국 웨이모와 테슬라 (an aside: "while … compete");
    # the actor is 우한시, China's. Failed before the model (US, "mentions …").
    text = ("미국 웨이모와 테슬라가 로보택시 경쟁을 벌이는 사이 우한시는 바이두의 자율주행 택시 "
            "뤄보콰이파오가 도심 대부분 지역에서 운행할 수 있도록 허용했다. 차량은 수백 대 규모로 "
            "늘어났다. 일부 택시기사들은 생계 위협을 호소했다.")
    result = classify(Summary(text=text))
    assert result.region is Region.CHINA
    assert result.reason.startswith("learned correction over the rules' US (")


def test_the_rules_alone_read_it_otherwise(rules_alone: None) -> None:
    text = ("미국 웨이모와 테슬라가 로보택시 경쟁을 벌이는 사이 우한시는 바이두의 택시 운행을 "
            "허용했다.")
    assert classify(Summary(text=text)).region is Region.US


def test_one_region_is_never_read_by_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(learned, "model", lambda: pytest.fail("model consulted"))
    assert classify(Summary(text="중국 상무부는 희토류 수출을 통제했다.")).region is Region.CHINA


def test_model_file_is_small_loads_fast_and_round_trips() -> None:
    raw = learned.MODEL_FILE.read_text(encoding="utf-8")
    assert len(raw.encode()) <= 1_000_000
    start = time.perf_counter()
    model = learned.Model.from_json(raw)
    assert time.perf_counter() - start < 0.1  # ~4 ms on the dev machine; generous under load
    assert model.to_json() + "\n" == raw
    assert model.margin >= 0


def test_the_shipped_model_carries_no_weight_under_the_prune_line() -> None:
    # Issue 12's memory floor: the unpruned file (8,790 weights) made the send's process tree
    # 100.0 MB in a 10,000-reader bench run; pruned, the same decisions on every labelled line.
    model = learned.Model.from_json(learned.MODEL_FILE.read_text(encoding="utf-8"))
    assert model.weights and min(abs(v) for v in model.weights.values()) >= learned.PRUNE


def test_training_is_deterministic() -> None:
    rows = [json.loads(line) for line in
            (BENCH / "blind-regions-c57.jsonl").read_text(encoding="utf-8").splitlines()[:40]]
    examples = []
    for row in rows:
        summary = Summary(text=row["text"])
        result = classify(summary)
        reading = learned.reading_of(result.region.value, result.reason, row["text"],
                                     {"US": 1.0, "China": 0.5, "Other": 0.2}, [])
        examples.append((reading, frozenset([row["region"], *row.get("acceptable", [])])))
    first = learned.train(examples, epochs=3, surfaces=True)
    assert first == learned.train(examples, epochs=3, surfaces=True)
    assert first


def test_no_tuning_line_lost_against_the_rules_alone() -> None:
    cases = [case for path in [*sorted(BENCH.glob("blind-regions-*.jsonl")),
                               BENCH / "heldout-regions.jsonl"]
             for case in load_cases(path)]
    with_model = [classify(case.summary).region for case in cases]
    with learned.rules_only():
        alone = [classify(case.summary).region for case in cases]
    lost = [case.where for case, region, rules in zip(cases, with_model, alone, strict=True)
            if rules in case.acceptable and region not in case.acceptable]
    # c68 14 and c71 53: the two lines the correction broke when c67-c74 were scored unseen
    # (at 2d1121f: 35 fixed, 2 broken); they were not trained on, and are kept here to be seen.
    # (c63 141, stop 25's one, is kept by the model trained with c59-c66.)
    # c82 26: the one it broke in c79-c82, scored unseen at b785e51 (11 fixed, 1 broken);
    # c83 53 and c85 6: the two it broke in c83-c86 at c204338 (9 fixed, 2 broken); c85 6
    # is right since lexicon round 35 (the correction, now that 미국 상무부 is an entry) and
    # left the list. c95 147: the one it broke in c95-c102 at cde71a5 (28 fixed, 1 broken).
    # c111 12: the one it broke in c111-c114, scored unseen at c7d45cd; kept since stop 28 c by
    # classify_s28c_body.own_firm_stake (a bare body buying into a firm: final), so it left.
    # c120 103: the one it broke in c119-c122, scored unseen at 4b61f7a (14 fixed, 1 broken).
    assert [where.rsplit("/", 1)[1] for where in lost] == ["blind-regions-c120.jsonl:103",
                                                           "blind-regions-c68.jsonl:14",
                                                           "blind-regions-c71.jsonl:53",
                                                           "blind-regions-c82.jsonl:26",
                                                           "blind-regions-c83.jsonl:53",
                                                           "blind-regions-c95.jsonl:147"]
    misses = sum(region not in case.acceptable
                 for case, region in zip(cases, with_model, strict=True))
    assert misses <= 101  # 34 of the 10,490 lines it was trained on at the commit that added
    # the context features (2d1121f; 179 with the rules alone), and c67-c74 (fresh there:
    # 67 missed of 1,200) counted since; 87 after lexicon round 31; c75-c78 (fresh at a263547:
    # 16 missed of 600, none lost to the correction); c79-c82 (fresh at b785e51, after
    # lexicon round 32: 13 of 600); 107 after round 33; c83-c86 (fresh at c204338: 16 of
    # 600); 85 after round 34 (Korean and English rules); 79 with lexicon round 35; c87-c94
    # (fresh at 562b5c6: 25 of 1,200, none lost to the correction); 91 after round 36
    # (Korean and English rules); 84 with lexicon round 37;
    # c95-c102 (fresh at cde71a5: 29 of 1,200); 106 after round 38 (Korean and English);
    # c103-c106 (fresh at 7e30b37: 10 of 600, none lost); 93 after stop 28's stages (body
    # owner, cleft focus, agent acts); c107-c110 (fresh at b660b45: 15 of 600, none lost); 89
    # after stop 28's second round; c111-c114 (fresh at c7d45cd: 20 of 600, one lost, c111 12,
    # kept since by a stage); 91 after stop 28's third round; c115-c118 (fresh at 83718a1: 21
    # of 600, none lost); 90 after stop 28's fourth round; c119-c122 (fresh at 4b61f7a: 11 of
    # 600, one lost): a bound, not a score


def test_each_pinned_sentence_is_still_one_the_model_moves() -> None:
    # tests/region_cases.py LEARNED_OVERRIDES names the constructed sentences the model files
    # otherwise than the rules; a sentence it no longer moves must leave the list.
    for text in LEARNED_OVERRIDES:
        moved = classify(Summary(text=text)).region
        with learned.rules_only():
            assert classify(Summary(text=text)).region is not moved, text


def test_a_text_shorter_than_the_model_saw_is_left_to_the_rules(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(learned, "model", lambda: pytest.fail("model consulted"))
    text = "오픈AI가 소프트뱅크로부터 400억 달러를 투자받았다."  # 5 words, two regions named
    assert len(text.split()) < learned.MIN_WORDS
    assert classify(Summary(text=text)).region is Region.US


def test_context_reads_the_words_and_clause_around_a_name() -> None:
    text = ("미국 정부가 수출 규제를 강화하자 일본 정부도 장비 수출을 막았다. "
            "도쿄일렉트론은 반발했다.")
    japan = text.index("일본")
    # the word before and after, their last two letters, the first connective after the name
    # in its sentence, a comma after it, in a main clause after a fronted one
    assert learned._context(text, 0, 2) == ("^", "^", "정부가", "부가", "하자", "False", "False")
    assert learned._context(text, japan, japan + 2) == (
        "강화하자", "하자", "정부도", "부도", "-", "False", "False")
    firm = text.index("도쿄일렉트론")  # a particle attached: the next word is the one after it
    assert learned._context(text, firm, firm + 6)[:3] == ("^", "^", "반발했다")
    english = "Two days after Washington widened its export curbs, Tokyo Electron cut its forecast."
    washington, tokyo = english.index("Washington"), english.index("Tokyo")
    assert learned._context(english, washington, washington + 10)[5:] == ("True", "False")
    assert learned._context(english, tokyo, tokyo + 14)[5:] == ("False", "True")


def test_context_reads_no_further_than_its_window() -> None:
    # A review's find: each name scanned from the start of its text, so a very long summary
    # cost the correction quadratic time; now WINDOW letters either side (no labelled
    # sentence is that long: the readings of bench/ and the tests are unchanged).
    text = f"일본 정부가 {'나 ' * learned.WINDOW}규제를 강화하자 미국이 반발했다."
    assert learned._context(text, 0, 2)[4] == "-"  # "하자" lies beyond the window
    near = "일본 정부가 규제를 강화하자 미국이 반발했다."
    assert learned._context(near, 0, 2)[4] == "하자"


def test_a_body_mention_is_read_at_its_place_after_the_title() -> None:
    class Entry:  # duck-typed like the rules' _Entry
        region, kind, group, surface = Region.JAPAN, "country", "Japan", "일본"

    class Mention:
        entry, role, sentence, particle, background, score, bonus = (
            Entry, "head", 0, "이", False, 1.0, 0.0)
        start, end = 0, 2

    title, body = "관세 여파", "일본이 보복 관세를 매겼다."
    reading = learned.reading_of("Japan", "lead subject", f"{title} {body}", {"Japan": 1.0},
                                 [Mention], len(title))
    # the body's "일본", whose sentence starts at the body: the title's words are not before it
    assert reading[5][0][10][:3] == ("^", "^", "보복")
    without = learned.reading_of("Japan", "lead subject", f"{title} {body}", {"Japan": 1.0},
                                 [Mention])
    assert without[5][0][10] == ()


def test_later_subjects_is_the_plain_definition() -> None:
    import random

    rng = random.Random(7)
    for _ in range(300):
        mentions = [(rng.choice("UCJ"), "", rng.randrange(3), rng.choice(["가", "의", "는", ""]))
                    for _ in range(rng.randrange(8))]
        plain = [any(n[2] == m[2] and n[0] != m[0] and n[3] in learned._SUBJECT
                     for n in mentions[i + 1:]) for i, m in enumerate(mentions)]
        assert learned._later_subjects(mentions) == plain, mentions  # type: ignore[arg-type]
