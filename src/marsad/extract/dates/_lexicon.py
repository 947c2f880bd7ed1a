"""The date vocabulary, loaded once from ``data/ar/months.yaml`` and ``data/ar/time_words.yaml``.

Every entry is normalised the way tokens are (:func:`marsad.text.normalize.normalize`), and
phrases of several words are kept in :class:`Phrases` tables keyed by their first word, so the
reader looks a word up once and then compares the following tokens.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from marsad.errors import DataFileError
from marsad.extract.quantities.words import Phrases, clitics
from marsad.resources import read_yaml
from marsad.text.normalize import normalize

MONTHS_FILE = "data/ar/months.yaml"
TIME_WORDS_FILE = "data/ar/time_words.yaml"

@dataclass(frozen=True, slots=True)
class Unit:
    """A calendar unit: its name, ISO 8601 designator, size in its designator, and if a time unit."""

    name: str
    designator: str
    size: int
    time: bool
    singular_alone: bool = True


@dataclass(frozen=True, slots=True)
class UnitForm:
    """A written form of a unit and how many it counts by itself (1, 2, or None for a plural)."""

    unit: Unit
    count: int | None


@dataclass(frozen=True, slots=True)
class MonthName:
    calendar: str  # "g" Gregorian, "h" Hijri
    month: int
    ambiguous: bool


@dataclass(frozen=True)
class DateWords:
    """Everything the date reader knows about Arabic date words."""

    months: Phrases[MonthName]
    weekdays: dict[str, int]
    weekday_not_after: frozenset[str]
    weekday_dual: frozenset[str]
    deictic: Phrases[int]
    deictic_needs_context: frozenset[str]
    times_of_day: frozenset[str]
    today: str
    today_not_after: frozenset[str]
    today_not_before: frozenset[str]
    units: dict[str, UnitForm]
    units_by_name: dict[str, Unit]
    definite_plural_units: dict[str, Unit]
    definite_dual_units: dict[str, Unit]
    periods: dict[str, Unit]
    relative: dict[str, str]
    before_last: Phrases[str]
    this: frozenset[str]
    mods: dict[str, str]
    first_day: frozenset[str]
    parts: dict[str, str]
    part_ordinals: dict[str, int]
    part_links: frozenset[str]
    weeks_of_month: frozenset[str]
    range_links: frozenset[str]
    week_ordinals: dict[str, int]
    seasons: dict[str, str]
    decades: dict[str, int]
    centuries: Phrases[str]
    set_adverbs: dict[str, str]
    set_adjectives: dict[str, str]
    every: frozenset[str]
    year_cues: frozenset[str]
    not_year_after: frozenset[str]
    month_cues: frozenset[str]
    time_cues: frozenset[str]
    duration_cues: Phrases[bool]
    range_cues: frozenset[str]
    of: frozenset[str]
    shift_cues: dict[str, int]
    shift_other_anchor: frozenset[str]
    correspondence: Phrases[bool]
    era: Phrases[str]
    period_adjectives: frozenset[str]
    future: frozenset[str]
    not_future: frozenset[str]
    complementizers: frozenset[str]
    future_heads: frozenset[str]
    hijri_holidays: Phrases[tuple[int, int]]
    gregorian_holidays: Phrases[tuple[int, int]]


def _norms(words: Iterable[str]) -> frozenset[str]:
    return frozenset(normalize(w) for w in words)


def _by_key(table: dict[object, list[str]]) -> dict[str, str]:
    """Word → the key it is listed under (a mod, a season code…)."""
    return {normalize(word): str(key) for key, words in table.items() for word in words}


def _numbered(table: dict[object, list[str]]) -> dict[str, int]:
    """Word → the number it is listed under (a weekday, a decade, an ordinal)."""
    return {normalize(word): int(str(key)) for key, words in table.items() for word in words}


@lru_cache(maxsize=1)
def date_words() -> DateWords:
    """The date vocabulary, loaded and normalised once."""
    months = read_yaml(MONTHS_FILE)
    words = read_yaml(TIME_WORDS_FILE)
    try:
        return _build(months, words)
    except (KeyError, TypeError, ValueError) as error:
        raise DataFileError(
            f"date vocabulary in {MONTHS_FILE} / {TIME_WORDS_FILE} is malformed: {error!r}; "
            "compare it with the structure described at the top of each file"
        ) from error


def _build(months: dict[str, Any], words: dict[str, Any]) -> DateWords:
    ambiguous = _norms(months["ambiguous"])
    month_entries: list[tuple[str, MonthName]] = []
    for number, areas in months["gregorian"].items():
        for names in areas.values():
            for name in names:
                month_entries.append((name, MonthName("g", int(number), normalize(name) in ambiguous)))
    for number, names in months["hijri"].items():
        for name in names:
            month_entries.append((name, MonthName("h", int(number), normalize(name) in ambiguous)))

    article = clitics().article
    units: dict[str, UnitForm] = {}
    units_by_name: dict[str, Unit] = {}
    definite_plural: dict[str, Unit] = {}
    definite_dual: dict[str, Unit] = {}
    for name, spec in words["units"].items():
        unit = Unit(
            name=name,
            designator=spec["designator"],
            size=int(spec.get("years", 1)),
            time=bool(spec.get("time", name in ("hour", "minute"))),
            singular_alone=bool(spec.get("singular_alone", True)),
        )
        units_by_name[name] = unit
        for form in spec["singular"]:
            units.setdefault(normalize(form), UnitForm(unit, 1))
        for form in spec["dual"]:
            units[normalize(form)] = UnitForm(unit, 2)
            definite_dual[article + normalize(form)] = unit
        for form in spec["plural"]:
            units[normalize(form)] = UnitForm(unit, None)
            definite_plural[article + normalize(form)] = unit

    relative: dict[str, str] = {}
    for direction in ("past", "next", "current"):
        for word in words["relative"][direction]:
            relative[normalize(word)] = direction

    deictic = [(entry["words"], int(entry["days"])) for entry in words["deictic"]]
    holidays = [(entry["words"], (int(entry["month"]), int(entry["day"]))) for entry in words["hijri_holidays"]]
    gregorian = [(entry["words"], (int(entry["month"]), int(entry["day"]))) for entry in words["gregorian_holidays"]]
    cues = words["cues"]
    era = [(w, "g") for w in words["era"]["gregorian"]] + [(w, "h") for w in words["era"]["hijri"]]
    era += [(w, "bc") for w in words["era"]["before_common_era"]]
    return DateWords(
        months=Phrases(month_entries),
        weekdays=_numbered(words["weekdays"]),
        weekday_not_after=_norms(words["weekday_not_after"]),
        weekday_dual=_norms(words["weekday_dual"]),
        deictic=Phrases(deictic),
        deictic_needs_context=_norms(e["words"] for e in words["deictic"] if e.get("weekday_or_time_of_day")),
        times_of_day=_norms(words["times_of_day"]),
        today=normalize(next(w for w, d in deictic if d == 0 and " " not in w)),
        today_not_after=_norms(words["today_not_after"]),
        today_not_before=_norms(words["today_not_before"]),
        units=units,
        units_by_name=units_by_name,
        definite_plural_units=definite_plural,
        definite_dual_units=definite_dual,
        periods={normalize(w): units_by_name[name] for name, ws in words["periods"].items() for w in ws},
        relative=relative,
        before_last=Phrases((w, "before_last") for w in words["relative"]["before_last"]),
        this=_norms(words["relative"]["this"]),
        mods=_by_key(words["mods"]),
        first_day=_norms(words["first_day"]),
        parts=_by_key(words["parts_of_year"]),
        part_ordinals=_numbered(words["part_ordinals"]),
        part_links=_norms(words["part_links"]),
        weeks_of_month=_norms(words["weeks_of_month"]),
        range_links=_norms(words["range_links"]),
        week_ordinals=_numbered(words["week_ordinals"]),
        seasons=_by_key(words["seasons"]),
        decades=_numbered(words["decades"]),
        centuries=Phrases((w, kind) for kind, ws in words["centuries"].items() for w in ws),
        set_adverbs=_by_key(words["sets"]["adverbs"]),
        set_adjectives=_by_key(words["sets"]["adjectives"]),
        every=_norms(words["sets"]["every"]),
        year_cues=_norms(cues["year"]),
        not_year_after=_norms(cues["not_year_after"]),
        month_cues=_norms(cues["month"]),
        time_cues=_norms(cues["time"]),
        duration_cues=Phrases((w, True) for w in cues["duration"]),
        range_cues=_norms(cues["range"]),
        of=_norms(cues["of"]),
        shift_cues={
            normalize(w): (-1 if side == "before" else 1) for side in ("before", "after") for w in cues["shift"][side]
        },
        shift_other_anchor=_norms(cues["shift_other_anchor"]),
        correspondence=Phrases((w, True) for w in cues["correspondence"]),
        era=Phrases(era),
        period_adjectives=_norms(words["period_adjectives"]),
        future=_norms(words["future"]["words"]),
        not_future=_norms(words["future"]["not_future"]),
        complementizers=_norms(words["complementizers"]),
        future_heads=_norms(words["future_heads"]),
        hijri_holidays=Phrases(holidays),
        gregorian_holidays=Phrases(gregorian),
    )
