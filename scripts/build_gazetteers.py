"""Build ``src/marsad/data/ar/entities/gazetteer.tsv``: the entity tagger's gazetteer.

One row per name: places and organisations with their English (Latin) names, and Arabic given
and family names. Sources (licences in each SOURCE.md under ../shared/data, summarised in
src/marsad/data/README.md):

- ``country_list_ar``: CLDR country names in Arabic and English (MIT / Unicode licence);
- pycountry's Arabic translations of ISO 3166-1 (LGPL-2.1 data, names only);
- GeoNames cities15000: every Arab League place with an Arabic-script name, and the largest
  places and capitals elsewhere (CC BY 4.0, attribution to GeoNames);
- ``arabic_names``: given names (male, female) and family names (MIT);
- ANERcorp train split, only to mark place names that are mostly common words as ``weak``
  (a hint to the tagger, never tagged alone);
- the project's own lists in ``src/marsad/data/ar/entities/`` (organisations.yaml,
  places.yaml, latin.yaml), which win over the others.

The output starts with a "generated, do not edit" header that records the sha256 of every
input, of this script and of the rows, so ``tests/scripts/test_build_gazetteers.py`` can tell,
without ../shared, that the file was neither edited by hand nor left behind by a change to the
project's lists or to this script.

Usage: python scripts/build_gazetteers.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import csv
import gettext
import hashlib
import io
import re
import sys
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pycountry
import yaml

ROOT = Path(__file__).resolve().parents[1]
ENTITY_DATA = ROOT / "src/marsad/data/ar/entities"
OUTPUT = ENTITY_DATA / "gazetteer.tsv"
PROJECT_INPUTS = ("organisations.yaml", "places.yaml", "given_names.yaml", "latin.yaml", "heads.yaml", "titles.yaml")
WORDFREQ = ROOT / "src/marsad/data/ar/wordfreq.tsv"
COLUMNS = ("name", "type", "kind", "canonical", "latin", "strength")

ARAB_LEAGUE = frozenset(["DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA", "SO", "SD", "SY", "TN", "AE", "YE"])
# Places outside the Arab League are kept when they are this big or a capital.
WORLD_MIN_POPULATION = 1_000_000
# Arabic letters only (hamza forms, ta marbuta, alef maqsura) and spaces: Persian, Urdu and
# Kurdish spellings in GeoNames' alternate names use other letters and are left out.
ARABIC_NAME = re.compile(r"^[\u0621-\u063a\u0641-\u064a]+(?: [\u0621-\u063a\u0641-\u064a]+)*$")
# Uyghur and Kurdish spellings that use only Arabic code points: a word-initial ئ, or ى inside
# a word ("ئاممان", "مىلان").
NOT_ARABIC = re.compile(r"(?:^|\s)ئ|ى(?=\S)")
# A one-word place name seen this often in ANERcorp train but tagged as a name of any kind
# less than this share of the time is a common word first ("الحي", "الصعيد" in "على الصعيد
# الاقتصادي"): it becomes a weak hint. ANERcorp's tags are noisy, hence the low share.
WEAK_MIN_SEEN = 4
WEAK_MAX_NAME_SHARE = 0.25
# A one-word GeoNames name this frequent in news text (data/ar/wordfreq.tsv) and not mostly a
# name in ANERcorp is also a common word ("العين", "خبر", "بورصة"): weak.
COMMON_MIN_COUNT = 5
COMMON_MAX_NAME_SHARE = 0.5
_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "ؤ": "ء", "ئ": "ء"})


@dataclass(frozen=True, order=True)
class Row:
    name: str
    type: str
    kind: str
    canonical: str
    latin: str
    strength: str = "strong"

    def line(self) -> str:
        return f"{self.name}\t{self.type}\t{self.kind}\t{self.canonical}\t{self.latin}\t{self.strength}"


def fold(text: str) -> str:
    """The matching key of a name (diacritics dropped, alef/ya/ta marbuta/hamza folded).

    Kept in step with marsad.text.normalize.normalize for Arabic letters; the script does not
    import marsad so that it reads the same on any checkout.
    """
    return " ".join(_DIACRITICS.sub("", text).translate(_FOLD).split())


def clean(text: str) -> str:
    """A name as written, without diacritics or tatweel and with single spaces."""
    return " ".join(_DIACRITICS.sub("", text).split())


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---- project-written lists (inside the repository; also used by the currency test) ----


def project_rows(entity_data: Path = ENTITY_DATA) -> list[Row]:
    """Rows from the project's organisations.yaml and places.yaml (names and aliases)."""
    rows: list[Row] = []
    for filename, type_ in (("organisations.yaml", "ORG"), ("places.yaml", "LOC")):
        data = yaml.safe_load((entity_data / filename).read_text(encoding="utf-8"))
        for kind, entries in data.items():
            for entry in entries:
                name = clean(entry["name"])
                strength = "weak" if entry.get("weak") else "strong"
                latin = str(entry.get("latin", ""))
                rows.append(Row(name, type_, kind, name, latin, strength))
                for alias in entry.get("aliases", []) or []:
                    rows.append(Row(clean(alias), type_, kind, name, latin, strength))
    return rows


def project_given_names(entity_data: Path = ENTITY_DATA, latin: dict[str, str] | None = None) -> list[Row]:
    """GIVEN rows from the project's given_names.yaml (Latin forms from latin.yaml)."""
    latin = latin if latin is not None else given_name_latin(entity_data)
    data = yaml.safe_load((entity_data / "given_names.yaml").read_text(encoding="utf-8"))
    return [Row(clean(n), "GIVEN", kind, clean(n), latin.get(fold(n), "")) for kind, names in data.items() for n in names]


def given_name_latin(entity_data: Path = ENTITY_DATA) -> dict[str, str]:
    """Folded word → Latin form, from latin.yaml's ``words``."""
    data = yaml.safe_load((entity_data / "latin.yaml").read_text(encoding="utf-8"))
    return {fold(word): str(latin) for word, latin in (data.get("words") or {}).items()}


def pycountry_rows(cldr: dict[str, tuple[str, str]] | None = None) -> list[Row]:
    """Country names from pycountry's Arabic ISO 3166-1 translations.

    ``cldr`` maps an alpha-2 code to its CLDR (Arabic, English) names: the Arabic one becomes
    the canonical name (جمهورية العراق → العراق), the English one the Latin form.
    """
    translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    rows = []
    for country in pycountry.countries:
        canonical, english = (cldr or {}).get(country.alpha_2, ("", ""))
        english = english or getattr(country, "common_name", None) or country.name
        for field in ("name", "official_name", "common_name"):
            source = getattr(country, field, None)
            if not source:
                continue
            arabic = clean(translation.gettext(source))
            if arabic != source and ARABIC_NAME.match(arabic):
                rows.append(Row(arabic, "LOC", "country", canonical, english))
    return rows


def pycountry_digest() -> str:
    """Identity of the pycountry data read: its version and the Arabic catalogue's bytes."""
    mo = Path(pycountry.LOCALES_DIR) / "ar" / "LC_MESSAGES" / "iso3166-1.mo"
    version = getattr(pycountry, "__version__", "unknown")
    return f"{version}:{sha256(mo.read_bytes())}"


# ---- ../shared/data ----


def cldr_countries(data: Path) -> dict[str, tuple[str, str]]:
    """Alpha-2 code → (Arabic name, English name) from the CLDR country list."""
    folder = data / "country_list_ar"
    read = lambda name: {r["id"]: r["value"] for r in csv.DictReader(io.StringIO((folder / name).read_text(encoding="utf-8")))}
    english = read("en_country.csv")
    return {code: (clean(arabic), english.get(code, "")) for code, arabic in read("ar_country.csv").items()}


def country_rows(cldr: dict[str, tuple[str, str]]) -> list[Row]:
    return [Row(arabic, "LOC", "country", arabic, english) for arabic, english in cldr.values() if ARABIC_NAME.match(arabic)]


def _geonames_lines(data: Path) -> Iterator[list[str]]:
    with zipfile.ZipFile(data / "geonames_cities15000" / "cities15000.zip") as archive, archive.open("cities15000.txt") as raw:
        for line in io.TextIOWrapper(raw, encoding="utf-8"):
            yield line.rstrip("\n").split("\t")


def geonames_rows(data: Path) -> list[Row]:
    """Arabic-script names of Arab League places, and of big places and capitals elsewhere."""
    rows = []
    for cols in _geonames_lines(data):
        country, population, feature = cols[8], int(cols[14] or 0), cols[7]
        if country not in ARAB_LEAGUE and population < WORLD_MIN_POPULATION and feature != "PPLC":
            continue
        names = [clean(n) for n in cols[3].split(",")]
        arabic = sorted({n for n in names if ARABIC_NAME.match(n) and not NOT_ARABIC.search(n) and len(n.replace(" ", "")) >= 3})
        if not arabic:
            continue
        # The canonical spelling: the most carefully written variant (hamza, ta marbuta,
        # article), e.g. الأغواط rather than اغواط.
        canonical = max(arabic, key=lambda n: (sum(c in "أإآةى" for c in n), n.startswith("ال"), -len(n), n))
        kind = "city" if country in ARAB_LEAGUE else "world_city"
        rows += [Row(name, "LOC", kind, canonical, cols[2]) for name in arabic]
    return rows


def name_rows(data: Path, latin: dict[str, str]) -> list[Row]:
    folder = data / "arabic_names"
    rows = []
    for filename, type_, kind in (
        ("male-first--names-in-arabic.txt", "GIVEN", "male"),
        ("female-first-names-in-arabic.txt", "GIVEN", "female"),
        ("last-names-in-arabic.txt", "FAMILY", "family"),
    ):
        for line in (folder / filename).read_text(encoding="utf-8").splitlines():
            name = clean(line)
            if name and ARABIC_NAME.match(name):
                rows.append(Row(name, type_, kind, name, latin.get(fold(name), "")))
    return rows


def anercorp_name_share(data: Path) -> dict[str, tuple[int, float]]:
    """Folded one-word token → (times seen, share tagged as any name) in ANERcorp train."""
    seen: Counter[str] = Counter()
    named: Counter[str] = Counter()
    text = (data / "anercorp" / "ANERCorp_CamelLab_train.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        parts = line.rsplit(" ", 1)
        if len(parts) == 2:
            key = fold(parts[0])
            seen[key] += 1
            named[key] += parts[1] != "O"
    return {key: (count, named[key] / count) for key, count in seen.items()}


# ---- merging ----


def word_counts(path: Path = WORDFREQ) -> dict[str, int]:
    counts = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, _, count = line.partition("\t")
            counts[word] = int(count)
    return counts


def lexicon_words(entity_data: Path = ENTITY_DATA) -> set[str]:
    """Folded words of the title and head lists, with and without the article: never places."""
    words: set[str] = set()
    for filename in ("titles.yaml", "heads.yaml"):
        for entries in yaml.safe_load((entity_data / filename).read_text(encoding="utf-8")).values():
            for entry in entries:
                word = fold(str(entry))
                words.update((word, "ال" + word))
    return words


@dataclass(frozen=True)
class Evidence:
    """What decides that a one-word place name is a common word first."""

    name_share: dict[str, tuple[int, float]]
    counts: dict[str, int]
    lexicon: set[str]
    given: set[str]
    verb_prefixes: tuple[str, ...] = ()

    def is_common(self, row: Row) -> bool:
        if row.type != "LOC" or " " in row.name or row.kind == "country":
            return False
        key = fold(row.name)
        seen, share = self.name_share.get(key, (0, 0.0))
        if seen >= WEAK_MIN_SEEN and share < WEAK_MAX_NAME_SHARE:
            return True
        if row.kind not in ("city", "world_city"):
            return False  # the project's own lists are trusted beyond that
        if key in self.lexicon or key in self.given:
            return True
        if len(key) >= 4 and key.startswith(self.verb_prefixes) and self.counts.get(key[1:], 0) >= COMMON_MIN_COUNT:
            return True  # an imperfect verb of a common word ("ينقل" = ي + نقل), not "تيبازة"
        if key.startswith("ال") and self.counts.get(key[2:], 0) >= COMMON_MIN_COUNT and (seen == 0 or share < COMMON_MAX_NAME_SHARE):
            return True  # the article on a common word: "الخبر" (the news), "الطرف" (the side)
        return self.counts.get(key, 0) >= COMMON_MIN_COUNT and (seen == 0 or share < COMMON_MAX_NAME_SHARE)


def merge(groups: Iterable[list[Row]], evidence: Evidence | None = None) -> list[Row]:
    """One row per (folded name, type); earlier groups win. Fills canonical and weak marks."""
    chosen: dict[tuple[str, str], Row] = {}
    for rows in groups:
        for row in rows:
            key = (fold(row.name), row.type)
            if key in chosen:
                continue
            canonical = row.canonical or row.name
            strength = "weak" if evidence is not None and evidence.is_common(row) else row.strength
            chosen[key] = Row(row.name, row.type, row.kind, canonical, row.latin, strength)
    return sorted(chosen.values(), key=lambda r: (r.type, fold(r.name), r.name))


def body(rows: list[Row]) -> str:
    return "\t".join(COLUMNS) + "\n" + "".join(row.line() + "\n" for row in rows)


def header(inputs: dict[str, str], body_text: str) -> str:
    lines = [
        "# generated by scripts/build_gazetteers.py, do not edit: change the inputs and rerun it.",
        "# Sources and licences: src/marsad/data/README.md (entities). One row per name and type;",
        "# strength weak = a hint to the tagger, never tagged alone.",
    ]
    lines += [f"# input {name} sha256={digest}" for name, digest in sorted(inputs.items())]
    lines.append(f"# body sha256={sha256(body_text.encode('utf-8'))}")
    return "\n".join(lines) + "\n"


def project_input_digests(entity_data: Path = ENTITY_DATA) -> dict[str, str]:
    """Digests of the inputs that live in the repository (checked by the currency test)."""
    digests = {f"src/marsad/data/ar/entities/{n}": sha256((entity_data / n).read_bytes()) for n in PROJECT_INPUTS}
    digests["scripts/build_gazetteers.py"] = sha256(Path(__file__).read_bytes())
    digests["src/marsad/data/ar/wordfreq.tsv"] = sha256(WORDFREQ.read_bytes())
    return digests


def build(data: Path) -> str:
    """The whole file's text, from ../shared/data at ``data`` and the project's lists."""
    shared = {
        "country_list_ar/ar_country.csv": data / "country_list_ar/ar_country.csv",
        "country_list_ar/en_country.csv": data / "country_list_ar/en_country.csv",
        "geonames_cities15000/cities15000.zip": data / "geonames_cities15000/cities15000.zip",
        "arabic_names/male-first--names-in-arabic.txt": data / "arabic_names/male-first--names-in-arabic.txt",
        "arabic_names/female-first-names-in-arabic.txt": data / "arabic_names/female-first-names-in-arabic.txt",
        "arabic_names/last-names-in-arabic.txt": data / "arabic_names/last-names-in-arabic.txt",
        "anercorp/ANERCorp_CamelLab_train.txt": data / "anercorp/ANERCorp_CamelLab_train.txt",
    }
    inputs = {f"shared/data/{name}": sha256(path.read_bytes()) for name, path in shared.items()}
    inputs.update(project_input_digests())
    inputs["pycountry"] = pycountry_digest()
    cldr = cldr_countries(data)
    names = name_rows(data, given_name_latin())
    evidence = Evidence(
        name_share=anercorp_name_share(data),
        counts=word_counts(),
        lexicon=lexicon_words(),
        given={fold(r.name) for r in names + project_given_names() if r.type == "GIVEN"},
        verb_prefixes=tuple(fold(p) for p in yaml.safe_load((ENTITY_DATA / "heads.yaml").read_text(encoding="utf-8"))["verb_prefixes"]),
    )
    rows = merge([project_rows(), project_given_names(), country_rows(cldr), pycountry_rows(cldr), geonames_rows(data), names], evidence)
    text = body(rows)
    return header(inputs, text) + text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data", help="the shared corpora folder")
    args = parser.parse_args(argv)
    if not (args.data / "country_list_ar").is_dir():
        print(f"{args.data}: not the shared data folder (no country_list_ar/); pass --data", file=sys.stderr)
        return 2
    text = build(args.data)
    OUTPUT.write_text(text, encoding="utf-8")
    rows = sum(1 for line in text.splitlines() if line and not line.startswith("#")) - 1
    print(f"{OUTPUT.relative_to(ROOT)}: {rows} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
