"""The classifier's lexicon: names of countries, places, people, institutions, companies and
markets, each with the region it files a story under.

The tables live in the tab-separated files next to this module (one per region; each file's
header comment says the columns) so that an editor can read and extend them without touching
the rules in newsletter/classify.py. They are read once, checked, and cached: a mistake in a
file (an unknown region or kind, an empty field, a term listed twice) stops the load with a
LexiconError naming the file and line, rather than quietly filing stories under the wrong region.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

from newsletter.errors import LexiconError
from newsletter.models import Region

# (region, group, adjective, {kind: terms}): the shape newsletter.classify builds its tables from.
Group = tuple[Region, str, str, dict[str, tuple[str, ...]]]

KINDS: tuple[str, ...] = (
    "country", "place", "person", "institution", "company", "product", "market", "media",
)
COLUMNS: tuple[str, ...] = ("region", "group", "adjective", "kind", "term")
_REGIONS: dict[str, Region] = {region.value: region for region in Region}


@functools.cache
def load_lexicon() -> tuple[Group, ...]:
    """The lexicon shipped with the package, read once per process."""
    # The files sit next to this module in the source tree and in the installed wheel alike
    # (package-data in pyproject.toml); shown by name only, since that is what an editor opens.
    folder = Path(__file__).parent
    return parse_lexicon([(f"newsletter/lexicon/{path.name}", path.read_text(encoding="utf-8"))
                          for path in _in_order(folder.glob("*.tsv"))])


def _in_order(paths: Iterable[Path]) -> list[Path]:
    """A region's first file before its later ones (us.tsv, then us-more.tsv): a plain sort
    would put "us-more" first ('-' sorts before '.'), and the first file gives each group its
    place in the tables."""
    return sorted(paths, key=lambda path: (path.stem.partition("-")[0], path.stem))


def load_lexicon_dir(directory: Path) -> tuple[Group, ...]:
    """The lexicon in another folder of *.tsv files (for checking an edited copy)."""
    paths = _in_order(directory.glob("*.tsv"))
    return parse_lexicon([(str(p), p.read_text(encoding="utf-8")) for p in paths])


def parse_lexicon(files: list[tuple[str, str]]) -> tuple[Group, ...]:
    """Check and gather (file name, text) pairs into groups, in the order first seen."""
    groups: dict[str, tuple[Region, str, dict[str, list[str]]]] = {}
    group_where: dict[str, str] = {}
    term_where: dict[str, tuple[str, int, str]] = {}  # term -> (file, line, group)
    # The first four columns of the last good line: rows come in runs of one group and kind, so
    # only the term of a line that repeats them needs checking (the load is on the import path).
    checked: str | None = None
    terms: list[str] = []
    group = ""
    for name, text in files:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line or line[0] == "#" or line.isspace():
                continue
            head, _, term = line.rpartition("\t")
            if head == checked and term and term.strip() == term and term not in term_where:
                term_where[term] = (name, number, group)
                terms.append(term)
                continue
            where = f"{name}:{number}"
            fields = line.split("\t")
            if len(fields) != len(COLUMNS):
                raise LexiconError(
                    f"{where}: expected {len(COLUMNS)} tab-separated columns "
                    f"({', '.join(COLUMNS)}), found {len(fields)}")
            region_text, group, adjective, kind, term = fields
            region = _REGIONS.get(region_text)
            if region is None:
                raise LexiconError(f"{where}: unknown region {region_text!r} "
                                   f"(one of {', '.join(_REGIONS)})")
            if kind not in KINDS:
                raise LexiconError(f"{where}: unknown kind {kind!r} (one of {', '.join(KINDS)})")
            for column, value in (("group", group), ("term", term)):
                if not value.strip():
                    raise LexiconError(f"{where}: empty {column}")
                if value != value.strip():
                    raise LexiconError(f"{where}: {column} {value!r} has spaces around it")
            known = groups.get(group)
            if known is None:
                known = groups[group] = (region, adjective, {})
                group_where[group] = where
            elif known[:2] != (region, adjective):
                raise LexiconError(
                    f"{where}: group {group!r} is given as {region.value}/{adjective!r}, but "
                    f"{group_where[group]} gives {known[0].value}/{known[1]!r}")
            if term in term_where:
                first_name, first_line, first_group = term_where[term]
                first = f"{first_name}:{first_line}"
                first_region = groups[first_group][0]
                if first_region != region:
                    raise LexiconError(
                        f"{where}: {term!r} is listed under {region.value}, but {first} already "
                        f"lists it under {first_region.value}; a term belongs to one region")
                raise LexiconError(f"{where}: {term!r} is already listed at {first}")
            term_where[term] = (name, number, group)
            terms = known[2].setdefault(kind, [])  # the run that following lines extend
            terms.append(term)
            checked = head
    return tuple((region, group, adjective, {kind: tuple(run) for kind, run in kinds.items()})
                 for group, (region, adjective, kinds) in groups.items())
