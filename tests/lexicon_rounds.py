"""What the lexicon rounds' tests share: a round's terms, and where a round's Korean name
starts a longer word in a labelled text (Korean names match at a word's start, so a name
that is the head of another word would be read inside it)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from newsletter.classify_tables import PARTICLES

ROOT = Path(__file__).resolve().parent.parent


def round_terms(suffix: str) -> list[str]:
    """Every term of newsletter/lexicon/*-{suffix}.tsv."""
    return [line.split("\t")[4]
            for path in sorted(ROOT.glob(f"newsletter/lexicon/*-{suffix}.tsv"))
            for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


def _labelled_text() -> str:
    texts = []
    for path in [*ROOT.glob("bench/**/*.jsonl"), *ROOT.glob("tests/data/*.jsonl")]:
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
            except ValueError:
                continue
            if isinstance(row, dict) and isinstance(row.get("text"), str):
                texts.append(row["text"])
    return "\n".join(texts)


def words_started(terms: list[str]) -> set[tuple[str, str]]:
    """(term, the rest of the word) wherever a Korean term starts a longer word, other than
    with a particle, in a bench or test-data text."""
    text = _labelled_text()
    found = set()
    for term in terms:
        if "가" <= term[0] <= "힣":
            for match in re.finditer(r"(?<![가-힣A-Za-z0-9])" + re.escape(term) + "([가-힣]*)",
                                     text):
                if match.group(1) not in PARTICLES:
                    found.add((term, match.group(1)))
    return found
