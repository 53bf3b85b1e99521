"""The classifier's lexicon files: the shipped ones load, and a bad line is refused with its
file and line."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import newsletter
from newsletter.errors import LexiconError, NewsletterError
from newsletter.lexicon import KINDS, _in_order, load_lexicon, load_lexicon_dir
from newsletter.models import Region

HEADER = "# region\tgroup\tadjective\tkind\tterm\n"


def _write(folder: Path, name: str, *rows: str) -> Path:
    path = folder / name
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def test_the_shipped_lexicon_loads_once_with_every_region() -> None:
    lexicon = load_lexicon()
    assert load_lexicon() is lexicon  # cached: read once per process
    assert {region for region, *_ in lexicon} == set(Region)
    terms = [t for _, _, _, kinds in lexicon for ts in kinds.values() for t in ts]
    assert len(terms) == len(set(terms)) > 4000
    assert {kind for _, _, _, kinds in lexicon for kind in kinds} <= set(KINDS)
    groups = {name: (region, adjective) for region, name, adjective, _ in lexicon}
    assert groups["China"] == (Region.CHINA, "Chinese")
    assert "딥시크" in next(k["company"] for _, name, _, k in lexicon if name == "China")


def test_a_folder_of_files_is_gathered_into_groups(tmp_path: Path) -> None:
    _write(tmp_path, "a.tsv", "US\tUnited States\tUS\tcountry\t미국",
           "US\tUnited States\tUS\tcompany\tApple", "", "# a note between rows",
           "Other\tAfrica and the rest of Asia\t\tcountry\t케냐")
    _write(tmp_path, "b.tsv", "US\tUnited States\tUS\tcountry\tUSA")
    assert load_lexicon_dir(tmp_path) == (
        (Region.US, "United States", "US", {"country": ("미국", "USA"), "company": ("Apple",)}),
        (Region.OTHER, "Africa and the rest of Asia", "", {"country": ("케냐",)}),
    )


def test_a_regions_later_file_is_read_after_its_first(tmp_path: Path) -> None:
    # "us-more.tsv" sorts before "us.tsv" by name ('-' < '.'); the first file must still give
    # the groups and runs their order, and a repeat is reported against the first file.
    _write(tmp_path, "us-more.tsv", "US\tUnited States\tUS\tcompany\tNvidia",
           "Other\tTaiwan\tTaiwanese\tcompany\tTSMC")
    _write(tmp_path, "us.tsv", "US\tUnited States\tUS\tcountry\t미국",
           "US\tUnited States\tUS\tcompany\tApple")
    assert load_lexicon_dir(tmp_path) == (
        (Region.US, "United States", "US", {"country": ("미국",), "company": ("Apple", "Nvidia")}),
        (Region.OTHER, "Taiwan", "Taiwanese", {"company": ("TSMC",)}),
    )
    _write(tmp_path, "us-more.tsv", "US\tUnited States\tUS\tcompany\tApple")
    with pytest.raises(LexiconError, match=r"us-more\.tsv:2: 'Apple' is already listed at "
                       r".*/us\.tsv:3$"):
        load_lexicon_dir(tmp_path)


def test_the_shipped_files_load_first_files_first() -> None:
    folder = Path(newsletter.__file__).parent / "lexicon"
    names = [p.name for p in _in_order(folder.glob("*.tsv"))]
    for name in names:
        if name.endswith("-more.tsv"):
            assert names.index(name.replace("-more", "")) < names.index(name)


def test_an_unknown_region_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "asia.tsv", "US\tUnited States\tUS\tcountry\t미국",
                  "Asia\tIndia\tIndian\tcountry\t인도")
    with pytest.raises(LexiconError) as caught:
        load_lexicon_dir(tmp_path)
    assert str(caught.value) == (
        f"{path}:3: unknown region 'Asia' (one of US, China, Japan, Europe, Other)")
    assert isinstance(caught.value, NewsletterError) and caught.value.exit_code == 2


def test_a_term_under_two_regions_names_both_places(tmp_path: Path) -> None:
    first = _write(tmp_path, "a.tsv", "Japan\tJapan\tJapanese\tcompany\t소니")
    second = _write(tmp_path, "b.tsv", "US\tUnited States\tUS\tcountry\t미국",
                    "US\tUnited States\tUS\tcompany\t소니")
    with pytest.raises(LexiconError, match="^" + str(second) + r":3: '소니' is listed under US, "
                       "but " + str(first) + ":2 already lists it under Japan; a term belongs "
                       "to one region$"):
        load_lexicon_dir(tmp_path)


def test_a_term_listed_twice_in_one_region_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.tsv", "US\tUnited States\tUS\tcountry\t미국",
                  "US\tUnited States\tUS\tplace\t미국")
    with pytest.raises(LexiconError, match=f"^{path}:3: '미국' is already listed at {path}:2$"):
        load_lexicon_dir(tmp_path)


@pytest.mark.parametrize(("row", "problem"), [
    ("US\tUnited States\tUS\tcountry\t", "empty term"),
    ("US\tUnited States\tUS\tcountry\tUSA", "'USA' is already listed at {path}:2"),
    ("미국", "expected 5 tab-separated columns (region, group, adjective, kind, term), found 1"),
    ("US\tUnited States\tUS\tcountry\t   ", "empty term"),
    ("US\t\tUS\tcountry\t미국", "empty group"),
    ("US\tUnited States\tUS\tcountry\t미국 ", "term '미국 ' has spaces around it"),
    ("US\tUnited States\tUS\tcountry", "expected 5 tab-separated columns "
     "(region, group, adjective, kind, term), found 4"),
    ("US\tUnited States\tUS\tcountry\t미국\textra", "expected 5 tab-separated columns "
     "(region, group, adjective, kind, term), found 6"),
    ("US\tUnited States\tUS\tcity\t뉴욕", "unknown kind 'city' (one of country, place, person, "
     "institution, company, product, market, media)"),
    ("China\tUnited States\tUS\tcountry\t美", "group 'United States' is given as China/'US', "
     "but {path}:2 gives US/'US'"),
])
def test_a_bad_line_names_file_and_line(tmp_path: Path, row: str, problem: str) -> None:
    path = _write(tmp_path, "us.tsv", "US\tUnited States\tUS\tcountry\tUSA", row)
    with pytest.raises(LexiconError) as caught:
        load_lexicon_dir(tmp_path)
    assert str(caught.value) == f"{path}:3: " + problem.format(path=path)


def test_a_broken_shipped_file_stops_the_cli_with_one_line(tmp_path: Path) -> None:
    """The operator's view: a copy of the package whose other.tsv gained a bad line; `newsletter
    classify` exits 2 with the file and line, and no traceback."""
    package = tmp_path / "pkg" / "newsletter"
    shutil.copytree(Path(newsletter.__file__).parent, package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    table = package / "lexicon" / "other.tsv"
    lines = table.read_text(encoding="utf-8").count("\n")
    with table.open("a", encoding="utf-8") as out:
        out.write("Asia\tIndia\tIndian\tcountry\t뭄바이\n")
    source = tmp_path / "today.txt"
    source.write_text("딥시크가 새 모델을 공개했다.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSLETTER_", "PYTHON"))}
    env.update(PYTHONPATH=str(package.parent), NEWSLETTER_DATA_DIR=str(tmp_path))
    done = subprocess.run([sys.executable, "-m", "newsletter.cli", "classify", str(source)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].endswith(
        f"newsletter/lexicon/other.tsv:{lines + 1}: unknown region 'Asia' "
        "(one of US, China, Japan, Europe, Other)"), done.stderr
    assert done.stdout == ""


def test_no_shipped_latin_name_carries_a_korean_particle() -> None:
    # "TSMC의" listed as a name of its own hid the owner's 의 from the classifier, so "TSMC의
    # 구마모토 공장이" was the plant's place's (round seventeen); the particle is read, not listed.
    lexicon = load_lexicon()
    terms = [t for _, _, _, kinds in lexicon for ts in kinds.values() for t in ts]
    glued = [t for t in terms
             if re.fullmatch(r"[A-Za-z][\w&.' -]*[A-Za-z0-9][의이가은는을를와과]", t)]
    assert glued == []
