"""A learned correction on top of the rules' reading (issue 13).

The rules (newsletter.classify) read a summary into per-region scores and mentions, each with a
role, a sentence and a particle. This module turns that reading into features for every region
the summary names and scores them with a linear model trained on the rules' *fresh* readings of
the labelled checks (each read by the rules as they stood before the check was added;
bench/region_model.py). The rules' region is kept unless another region beats it by more than
the model's margin, chosen by validation on writers the model had not seen.

Only the standard library, and nothing from newsletter.classify: bench/region_view.py loads this
file into older trees of the rules to read their fresh readings the same way.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import repeat
from pathlib import Path

MODEL_FILE = Path(__file__).with_name("classify_correct.json")
# Weights smaller than this are not shipped: dropping them (8,790 -> 3,689) changed no decision
# over the 11,980 labelled lines of bench/ (0.03 changed 2), and the model's dict is ~1.3 MB of
# the send's helper process, whose tree issue 12 holds to 100 MB.
PRUNE = 0.02
_HANGUL_START, _HANGUL_END = "\uac00", "\ud7a3"

# A reading, as plain data: (rules' region, reason kind, rival region or "", Korean?, scores,
# mentions); a mention is (region, role, sentence, particle, background, score, bonus, kind,
# group, surface).
Mention = tuple[str, str, int, str, bool, float, float, str, str, str]
Reading = tuple[str, str, str, bool, dict[str, float], list[Mention]]


def reading_of(region: str, reason: str, text: str, scores: dict, mentions: Iterable) -> Reading:
    """The plain-data reading of one summary from the rules' analysis (duck-typed: any tree's
    `_Analysis.scores` and `_Analysis.mentions` will do)."""
    kind = reason.split(" ", 2)
    reason_kind = " ".join(kind[:2]) if kind[0] in ("headline", "lead") else kind[0]
    rival = ""
    if "; outweighs " in reason and reason.endswith(")"):
        rival = reason.rsplit("(", 1)[-1][:-1]
    korean = any(_HANGUL_START <= ch <= _HANGUL_END for ch in text[:80])
    plain = {str(r.value if hasattr(r, "value") else r): float(s) for r, s in scores.items()}
    ms = [(str(m.entry.region.value), m.role, m.sentence, m.particle, bool(m.background),
           float(m.score), float(m.bonus), m.entry.kind, m.entry.group, m.entry.surface)
          for m in mentions]
    return (region, reason_kind, rival, korean, plain, ms)


def _bin(value: float, step: float, low: int, high: int) -> int:
    return max(low, min(high, math.floor(value / step)))


def candidate_features(reading: Reading, surfaces: bool = False) -> dict[str, list[str]]:
    """Feature names for every region the reading names (and the rules' region); with
    `surfaces`, also each name as written and its role."""
    rules, reason_kind, rival, korean, scores, mentions = reading
    lang = "ko" if korean else "en"
    ranked = sorted(scores, key=lambda r: -scores[r])
    total = sum(max(s, 0.0) for s in scores.values()) or 1.0
    rules_score = scores.get(rules, 0.0)
    first_region = mentions[0][0] if mentions else ""
    first_subject = next((m[0] for m in mentions if m[1] in ("head", "modifier")), "")
    by_region: dict[str, list[Mention]] = {}
    for m in mentions:
        by_region.setdefault(m[0], []).append(m)
    out: dict[str, list[str]] = {}
    for cand in dict.fromkeys([rules, *ranked]):
        pick = "P" if cand == rules else "A"
        own = scores.get(cand, 0.0)
        fs = [pick, f"{pick}:{lang}", f"{pick}:c={cand}", f"{pick}:R={rules}:c={cand}",
              f"{pick}:why={reason_kind}", f"{pick}:why={reason_kind}:{lang}",
              f"{pick}:rank={min(ranked.index(cand), 3) if cand in scores else 9}",
              f"{pick}:share={_bin(own / total, 0.1, 0, 10)}",
              f"{pick}:n={min(len(scores), 4)}"]
        if cand != rules:
            gap = own - rules_score
            ratio = own / (rules_score or 1e-6)
            fs += [f"A:gap={_bin(gap, 0.25, -8, 4)}", f"A:ratio={_bin(ratio, 0.2, 0, 8)}",
                   f"A:rival={cand == rival}", f"A:rival={cand == rival}:why={reason_kind}"]
        if cand == first_region:
            fs.append(f"{pick}:first")
        if cand == first_subject:
            fs.append(f"{pick}:firstsubj")
        plain: dict[str, None] = {}
        for _, role, sentence, particle, background, _score, bonus, kind, group, surface \
                in by_region.get(cand, ()):
            where = "t" if sentence < 0 else str(min(sentence, 2))
            role = role or "-"
            if surfaces:
                fs.append(f"{pick}:s={surface}")
                fs.append(f"{pick}:s={surface}:role={role}")
            particle = particle or "-"
            plain.update(dict.fromkeys((
                f"role={role}", f"role={role}@{where}", f"kind={kind}", f"pt={particle}",
                f"pt={particle}@{where}", f"role={role}:kind={kind}", f"bg={background}@{where}",
                f"grp={group}", f"c={cand}:role={role}", f"bonus={bonus > 0}@{where}")))
        fs.extend(f"{pick}:{f}" for f in plain)
        out[cand] = fs
    return out


class Model:
    """A linear scorer over candidate features, and the margin to override the rules by."""

    def __init__(self, weights: dict[str, float], margin: float, surfaces: bool = False) -> None:
        self.weights = weights
        self.margin = margin
        self.surfaces = surfaces

    def scores(self, reading: Reading) -> dict[str, float]:
        w = self.weights
        return {c: sum(map(w.get, fs, repeat(0.0)))
                for c, fs in candidate_features(reading, self.surfaces).items()}

    def correct(self, reading: Reading) -> str | None:
        """The region that beats the rules' by more than the margin, or None."""
        scores = self.scores(reading)
        rules = reading[0]
        best = max(scores, key=lambda c: (scores[c], c == rules))
        if best != rules and scores[best] - scores[rules] > self.margin:
            return best
        return None

    def to_json(self) -> str:
        weights = {f: round(v, 4) for f, v in sorted(self.weights.items()) if abs(v) >= PRUNE}
        return json.dumps({"margin": self.margin, "surfaces": self.surfaces,
                           "weights": weights}, ensure_ascii=False,
                          separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Model:
        data = json.loads(text)
        return cls({str(k): float(v) for k, v in data["weights"].items()}, float(data["margin"]),
                   bool(data.get("surfaces")))


def train(examples: Sequence[tuple[Reading, frozenset[str]]], *, epochs: int = 12,
          rate: float = 0.1, l2: float = 1e-4, surfaces: bool = False) -> dict[str, float]:
    """Softmax regression over the candidates by plain SGD, in the given order (deterministic).
    An example whose acceptable regions are none of the candidates is skipped."""
    weights: dict[str, float] = {}
    prepared = []
    for reading, acceptable in examples:
        feats = candidate_features(reading, surfaces)
        if any(c in acceptable for c in feats) and len(feats) > 1:
            prepared.append((feats, acceptable))
    for epoch in range(epochs):
        step = rate / (1.0 + epoch)
        for feats, acceptable in prepared:
            raw = {c: sum(weights.get(f, 0.0) for f in fs) for c, fs in feats.items()}
            top = max(raw.values())
            exp = {c: math.exp(v - top) for c, v in raw.items()}
            z = sum(exp.values())
            good = sum(exp[c] for c in feats if c in acceptable)
            for c, fs in feats.items():
                p = exp[c] / z
                # gradient of -log P(acceptable): p - p * [c acceptable] / P(acceptable)
                target = exp[c] / good if c in acceptable else 0.0
                g = target - p
                if g:
                    for f in fs:
                        weights[f] = weights.get(f, 0.0) + step * g
        if l2:
            shrink = 1.0 - step * l2 * len(prepared)
            for f in weights:
                weights[f] *= shrink
    return weights


_loaded: list[Model | None] = []
_off: list[bool] = []  # rules_only(): set while the rules alone are asked


@contextmanager
def rules_only() -> Iterator[None]:
    """Inside, classify() gives the rules' reading alone: the classifier tests that pin a
    constructed sentence the learned correction overrides (tests/region_cases.py) ask so."""
    _off.append(True)
    try:
        yield
    finally:
        _off.pop()


def model() -> Model | None:
    """The shipped model, loaded once; None when the file is absent."""
    if not _loaded:
        try:
            _loaded.append(Model.from_json(MODEL_FILE.read_text(encoding="utf-8")))
        except FileNotFoundError:
            _loaded.append(None)
    return _loaded[0]


def correct(region: str, reason: str, text: str, scores: dict,
            mentions: Sequence) -> tuple[str, str] | None:
    """The learned model's region and reason when it overrides the rules' `region`, else None.
    A summary with one region scored is left alone without reading it."""
    if len(scores) < 2 or _off:
        return None
    learned = model()
    if learned is None:
        return None
    better = learned.correct(reading_of(region, reason, text, scores, mentions))
    if better is None:
        return None
    return better, f"learned correction over the rules' {region} ({reason})"
