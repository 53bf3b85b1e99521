"""premailer's reading of the bundled stylesheet, made once per install instead of per process.

The first render of a process (the helper's of newsletter/prebuild.py, or the sender's
without one) spends most of its CPU in premailer before the first message (issue 12): cssutils
parses the issue's <style> block into rules and serialises every property, writes the rules it
does not inline (@media, :hover) back as text, and parses each inlined rule's declarations again
when it applies them (`csstext_to_pairs`). Each of those is a pure function of its input
text, premailer's and cssutils' code and the inliner's options, so `python -m
newsletter.ship_templates` (a step of the image's build) writes their results for the bundled
stylesheet to newsletter/_template_code/css.json, beside the templates' code, and the
renderer's inliner reads them instead:

- an entry is keyed by the whole text it was made from (the <style> block and its index, a
  rule's declarations): an operator's or an edited stylesheet has another text, a miss, parsed
  as before; so is anything a render meets that the file lacks;
- the file says which premailer and cssutils (their installed dist-info folders), which Python
  and which inliner options made it; with any other, or unreadable, it is not used at all.

Without the file (a pip install without the step, a source checkout) every render parses, as
before.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsletter import template_code

FILE_NAME = "css.json"
_FORMAT = 1

# premailer's rules: ((important, ids, classes, elements, ruleset, n), selector, declarations)
Rule = tuple[tuple[int, ...], str, str]
Pairs = list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class LeftoverText:
    """The rules premailer leaves in the <style> block, already written as it writes them
    (`Premailer._css_rules_to_string` of its leftover list): it stands for that list."""

    text: str


@dataclass(frozen=True, slots=True)
class Shipped:
    """What one file holds: per (stylesheet, index) its rules and leftover text, and per
    declaration block its (property, value) pairs."""

    rules: dict[tuple[str, int], tuple[list[Rule], str | None]]
    pairs: dict[str, Pairs]

    def style_rules(self, css_body: str, index: int) -> tuple[list[Rule], list[Any]] | None:
        """`Premailer._parse_style_rules(css_body, index)`'s result, its leftover list as one
        LeftoverText (or empty); None when the file lacks it."""
        found = self.rules.get((css_body, index))
        if found is None:
            return None
        rules, leftover = found
        return list(rules), [] if leftover is None else [LeftoverText(leftover)]


def stamp(options: dict[str, Any]) -> dict[str, Any] | None:
    """What made (or reads) a file: None when premailer's or cssutils' installed version
    cannot be told, and then no file is written or read."""
    import cssutils
    import premailer

    versions = [
        _dist_info(module, name)
        for module, name in ((premailer, "premailer"), (cssutils, "cssutils"))
    ]
    if None in versions:
        return None
    return {
        "format": _FORMAT,
        "python": list(sys.version_info[:2]),
        "premailer": versions[0],
        "cssutils": versions[1],
        "options": {key: repr(value) for key, value in sorted(options.items())},
    }


def _dist_info(module: Any, name: str) -> str | None:
    """The name of the one dist-info folder beside `module`'s package ("cssutils-2.15.0.dist-info"):
    a listing of site-packages, not importlib.metadata (~12 ms to import)."""
    try:
        site = Path(module.__file__).resolve().parent.parent
        found = sorted(
            p.name
            for p in site.iterdir()
            if p.name.startswith(f"{name}-") and p.name.endswith(".dist-info")
        )
    except (OSError, TypeError):
        return None
    return found[0] if len(found) == 1 else None


def load(options: dict[str, Any], folder: Path | None = None) -> Shipped | None:
    """The shipped file's entries (in FOLDER, by default the templates' code's), if it was
    made by what reads it now; None otherwise."""
    try:
        path = (folder or template_code.SHIPPED) / FILE_NAME
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("stamp") != stamp(options):
            return None
        rules = {
            (entry["css"], entry["index"]): (
                [(tuple(s), selector, bulk) for s, selector, bulk in entry["rules"]],
                entry["leftover"],
            )
            for entry in data["rules"]
        }
        pairs = {text: [(k, v) for k, v in found] for text, found in data["pairs"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # none shipped, or torn: parsed as before
    return Shipped(rules, pairs)


def seed_pairs(shipped: Shipped, validate: bool) -> None:
    """Put the shipped pairs into premailer's own cache of `csstext_to_pairs` (its cachetools
    decorator's cache, under its key for the arguments premailer passes when it applies a
    rule); an entry it evicts is parsed again, as before. A premailer whose function has no
    such cache, or whose cache or key refuses the entry (PREMAILER_CACHE_MAXSIZE=0 makes
    cachetools raise ValueError), gets none and parses, as before: the seed only saves time."""
    from premailer.merge_style import csstext_to_pairs

    cache = getattr(csstext_to_pairs, "cache", None)
    key = getattr(csstext_to_pairs, "cache_key", None)
    lock = getattr(csstext_to_pairs, "cache_lock", None)
    if cache is None or key is None or lock is None:
        return
    with lock:
        try:
            for text, pairs in shipped.pairs.items():
                cache[key(text, validate=validate)] = pairs
        except (ValueError, TypeError, KeyError, AttributeError):
            return


def write(
    folder: Path,
    html: Iterable[str],
    inliner: Callable[..., Any],
    options: dict[str, Any],
) -> int:
    """Run premailer (`inliner`, a Premailer class, with `options`) over each page of `html`,
    recording what it reads of their stylesheets, and write it to FOLDER/css.json; returns
    how many stylesheets. Writes nothing when `stamp` cannot tell the versions."""
    from premailer.merge_style import csstext_to_pairs

    made = stamp(options)
    if made is None:
        return 0
    rules: dict[tuple[str, int], tuple[list[Rule], str | None]] = {}

    class Recording(inliner):  # type: ignore[misc,valid-type]
        def _parse_style_rules(self, css_body: str, index: int) -> Any:
            found, leftover = super()._parse_style_rules(css_body, index)
            text = self._css_rules_to_string(leftover) if leftover else None
            rules[(css_body, index)] = (list(found), text)
            return found, leftover

    for page in html:
        Recording(**options).transform(page, pretty_print=False)
    validate = not options.get("disable_validation", False)
    pairs = {
        bulk: csstext_to_pairs(bulk, validate=validate)
        for found, _ in rules.values()
        for _, _, bulk in found
    }
    data = {
        "stamp": made,
        "rules": [
            {"css": css, "index": index, "rules": found, "leftover": text}
            for (css, index), (found, text) in rules.items()
        ],
        "pairs": pairs,
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / FILE_NAME).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return len(rules)
