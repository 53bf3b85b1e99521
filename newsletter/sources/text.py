"""Plain text: one summary per line.

Pages copied out of a browser carry their chrome with them ("Skip to main content", "Share",
menus, copyright footers). A summary is a sentence or more of prose, so a line is kept when it
is long enough and reads like prose; everything else is reported by line number, never silently
dropped, so an operator can see what the rule threw away. Blank lines are layout, not content,
and are skipped without a word.

The rule has to work for Korean and English alike. Korean packs a sentence into far fewer
characters and words than English, which is why the thresholds are low; what separates prose
from chrome in both languages is sentence-ending punctuation ("...다." / "...said.").
"""

from __future__ import annotations

import re

from newsletter.models import LoadResult, Problem, Summary

# The shortest Korean summaries are ~60 characters; the longest chrome lines ("Skip to main
# content", "본문 바로가기", "Advertisement") are ~20. 25 leaves room on both sides.
MIN_CHARS = 25
# Without closing punctuation a line must at least be longer than a headline to be kept:
# headlines run to about ten words in English and eight eojeol in Korean, and never end
# with a full stop, while a summary missing only its final period is a long run-on sentence.
MIN_WORDS_WITHOUT_PUNCTUATION = 12

# "." / "다." / "?" / "。", maybe followed by closing quotes or brackets, then a space or the end.
_SENTENCE_END = re.compile(r"[.!?。！？…](?:[\"'”’)\]」』》〉]*)(?=\s|$)")
# Navigation menus and breadcrumbs: items joined by separators, and no sentence in sight.
_MENU_SEPARATOR = re.compile(r"(?:^|\s)[|·•›»>/](?=\s|$)")
MIN_MENU_SEPARATORS = 3
# Footers that do end with a full stop: "© 2025 Example News. All rights reserved."
_COPYRIGHT = re.compile(
    r"[©ⓒ]|\(c\)\s*\d{4}|all rights reserved|무단\s*전재|재배포\s*금지|저작권자",
    re.IGNORECASE,
)


def chrome_reason(line: str) -> str | None:
    """Why `line` (already stripped, not blank) is not a summary, or None when it is one."""
    if len(line) < MIN_CHARS:
        return f"not a summary: too short ({len(line)} characters, need {MIN_CHARS})"
    if _COPYRIGHT.search(line):
        return "not a summary: looks like a copyright notice"
    if _SENTENCE_END.search(line):
        return None
    if len(_MENU_SEPARATOR.findall(line)) >= MIN_MENU_SEPARATORS:
        return "not a summary: looks like a navigation menu"
    words = len(line.split())
    if words < MIN_WORDS_WITHOUT_PUNCTUATION:
        return (
            f"not a summary: no sentence-ending punctuation and only {words} words"
            " (a headline or a menu?)"
        )
    return None


def normalize_space(text: str) -> str:
    """Collapse runs of whitespace (tabs, NBSP, newlines) so a summary is one clean paragraph."""
    return " ".join(text.split())


def parse_text(text: str, where: str) -> LoadResult:
    """Split decoded text into summaries, one per line.

    `where` names the file or URL for origins and problems ("where:line"). Only "\\n" and
    "\\r\\n" end a line, the way editors count, so reported line numbers match what the operator
    sees (str.splitlines would also break on form feeds and U+2028).
    """
    text = text.removeprefix("\ufeff")
    summaries: list[Summary] = []
    problems: list[Problem] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = normalize_space(raw)
        if not line:
            continue
        origin = f"{where}:{number}"
        reason = chrome_reason(line)
        if reason:
            problems.append(Problem(origin, f"{reason}: {_preview(line)}"))
            continue
        summaries.append(Summary(text=line, origin=origin))
    return LoadResult(summaries=summaries, problems=problems, location=where)


def _preview(line: str, limit: int = 60) -> str:
    return repr(line if len(line) <= limit else line[: limit - 1] + "…")
