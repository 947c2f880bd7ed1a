"""The quantities component: amounts, money, percentages and fractions with unit and qualifier.

Sentences are written in the style of Arabic news outlets across the region. The last tests
build one sentence for every entry of ``data/ar/numbers.yaml`` and ``data/ar/quantities.yaml``
and check that no entry of those files goes untested.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import Any

import pytest

from marsad.document import Quantity
from marsad.errors import ConfigError
from marsad.extract.quantities import find_quantities
from marsad.extract.quantities.numbers import read_number
from marsad.extract.quantities.words import parse_digits, words_of
from marsad.pipeline import Pipeline, new_document
from marsad.resources import read_yaml

PIPELINE = Pipeline(["clean", "sentences", "tokens", "dates", "quantities"])

Expected = tuple[str, float, str | None, str]


def quantities_of(text: str) -> list[Quantity]:
    doc = PIPELINE(new_document(text, published="2023-03-16"))
    for quantity in doc.quantities:
        assert doc.text[quantity.start : quantity.end] == quantity.text
    assert list(doc.quantities) == find_quantities(doc)
    return list(doc.quantities)


def described(text: str) -> list[Expected]:
    return [(q.text, round(q.value, 4), q.unit, q.qualifier) for q in quantities_of(text)]


CASES: list[tuple[str, list[Expected]]] = [
    (
        "وأشارت الأطراف المجتمعة إلى عملية إجلاء أكثر من 2100 شحنة من المعدات العسكرية من العراق.",
        [("أكثر من 2100 شحنة", 2100, "شحنة", "more_than")],
    ),
    ("وجاء الطلب لمساعدة العراق في حربه مع التنظيم الذي سيطر على ثلث مساحة البلاد.", [("ثلث مساحة البلاد", 0.3333, "مساحة البلاد", "exact")]),
    ("وجرى الاتفاق ضمن مخرجات الحوار الاستراتيجي الذي عقد بواقع 4 جولات.", [("4 جولات", 4, "جولات", "exact")]),
    ("ودفع البنك الدولي إلى تعليق مساعدات بنحو 4.6 مليار دولار.", [("نحو 4.6 مليار دولار", 4_600_000_000, "دولار", "about")]),
    ("في المقابل، خرج عشرات الآلاف، مساء الاثنين، في مسيرات بالخرطوم.", [("عشرات الآلاف", 10000, None, "about")]),
    ("وأضاف: «ألقينا القبض على خمسة عشر مطلوبا بموجب مذكرات قضائية».", [("خمسة عشر مطلوبا", 15, "مطلوبا", "exact")]),
    ("وبلغت نسبة المشاركة ٣٠٪ في المحافظات الجنوبية.", [("٣٠٪", 30, "%", "exact")]),
    ("وبلغ معدل التضخم السنوي 31,9 بالمئة في المدن.", [("31,9 بالمئة", 31.9, "%", "exact")]),
    ("وتراجع المحصول بنحو 67 في المائة، ونما الاقتصاد بنسبة %2.", [("نحو 67 في المائة", 67, "%", "about"), ("%2", 2, "%", "exact")]),
    ("وقال إن «معدل الصادرات اليومية بلغ 3 ملايين و300 ألف برميل».", [("3 ملايين و300 ألف برميل", 3_300_000, "برميل", "exact")]),
    ("وأرسلت الوزارة خمسة وعشرين مراقبا وألفي دولار لكل مركز.", [("خمسة وعشرين مراقبا", 25, "مراقبا", "exact"), ("ألفي دولار", 2000, "دولار", "exact")]),
    ("فيما يعيش نحو ثلاثة أرباع السكان تحت خط الفقر.", [("نحو ثلاثة أرباع السكان", 0.75, "السكان", "about")]),
    ("وتسبب التصعيد بنزوح ما يقارب 25 ألفا من سكان القرى الحدودية.", [("ما يقارب 25 ألفا", 25000, None, "about")]),
    ("وأضاف أن البرنامج يشمل توفير قرابة 7 ملايين قنطار من الشعير.", [("قرابة 7 ملايين قنطار", 7_000_000, "قنطار", "about")]),
    ("وطالت الأضرار ما يزيد على 300 منزل، وأعيد تأهيل 100 مدرسة تقريبا.", [("ما يزيد على 300 منزل", 300, "منزل", "more_than"), ("100 مدرسة تقريبا", 100, "مدرسة", "about")]),
    ("وخفضت إيران إمدادات الغاز إلى أقل من نصف الكميات المتفق عليها.", [("أقل من نصف الكميات", 0.5, "الكميات", "less_than")]),
    ("وطالب بألا يتجاوز العجز نسبة لا يتجاوز 5 في المائة من الناتج.", [("لا يتجاوز 5 في المائة", 5, "%", "less_than")]),
    ("وتجاوزت درجات الحرارة ۴۹ درجة مئوية في البصرة.", [("۴۹ درجة مئوية", 49, "درجة مئوية", "exact")]),
    ("وبلغ عدد المسجلين ١٢٫٥ مليون ناخب.", [("١٢٫٥ مليون ناخب", 12_500_000, "ناخب", "exact")]),
    ("مصر توقع اتفاق تمويل بـ500 مليون دولار مع البنك الدولي.", [("500 مليون دولار", 500_000_000, "دولار", "exact")]),
    ("وأسفرت الاشتباكات عن مقتل 55 شخصا وإصابة 146 آخرين.", [("55 شخصا", 55, "شخصا", "exact"), ("146 آخرين", 146, "آخرين", "exact")]),
    ("وتزامن التوقيع مع اعتصام نفذه عشرات المواطنين أمام الوزارة.", [("عشرات المواطنين", 10, "المواطنين", "about")]),
    ("وأقر البرلمان موازنة بقيمة 198.9 تريليون دينار، و12,500 وظيفة جديدة.", [("198.9 تريليون دينار", 198_900_000_000_000, "دينار", "exact"), ("12,500 وظيفة", 12500, "وظيفة", "exact")]),
    ("وتبلغ كلفة المشروع مليون ونصف يورو.", [("مليون ونصف يورو", 1_500_000, "يورو", "exact")]),
    ("ويشغل القطاع قرابة ثلث اليد العاملة النشيطة.", [("قرابة ثلث اليد العاملة", 0.3333, "اليد العاملة", "about")]),
    ("وقتل العشرات في القصف، ونزح الآلاف نحو الحدود.", [("العشرات", 10, None, "about"), ("الآلاف", 1000, None, "about")]),
    ("وأصيب ثلاثة منهم بجروح خطرة.", [("ثلاثة", 3, None, "exact")]),
    ("وتتجه الأنظار نحو 5ر1 مليار شخص حول العالم.", [("نحو 5ر1 مليار شخص", 1_500_000_000, "شخص", "about")]),
    ("ونزح نحو نصف مليون لاجئ إلى الحدود، وخصص المانحون ربع مليار دولار.", [("نحو نصف مليون لاجئ", 500_000, "لاجئ", "about"), ("ربع مليار دولار", 250_000_000, "دولار", "exact")]),
    ("وأصيب بين 20-30 شخصا في المواجهات، فيما ارتفعت الأسعار بين 4,5 و8 بالمئة.", [("20", 20, "شخصا", "exact"), ("30 شخصا", 30, "شخصا", "exact"), ("4,5", 4.5, "%", "exact"), ("8 بالمئة", 8, "%", "exact")]),
    ("وارتفع معدل البطالة 2 نقطة مئوية، وبلغت مساحة الحريق 40 كيلومترا مربعا.", [("2 نقطة مئوية", 2, "نقطة مئوية", "exact"), ("40 كيلومترا مربعا", 40, "كيلومترا مربعا", "exact")]),
    ("وبلغت قيمة الصفقة مليار و200 مليون دولار.", [("مليار و200 مليون دولار", 1_200_000_000, "دولار", "exact")]),
    ("وبلغ عدد سكان المنطقة 5 ملايين نسمة، غادر أكثر من نصف السكان منهم.", [("5 ملايين نسمة", 5_000_000, "نسمة", "exact"), ("أكثر من نصف السكان", 0.5, "السكان", "more_than")]),
    # خمس before a definite noun is a fifth, before an indefinite one five
    ("وتتناول الدراسة خمس الدول الأعضاء في خمس دول.", [("خمس الدول الأعضاء", 0.2, "الدول الأعضاء", "exact"), ("خمس دول", 5, "دول", "exact")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[f"case{i:02d}" for i in range(len(CASES))])
def test_quantities_finds_each_amount_with_value_unit_and_qualifier(text: str, expected: list[Expected]) -> None:
    found = described(text)
    assert [(t, u, q) for t, _, u, q in found] == [(t, u, q) for t, _, u, q in expected]
    assert [v for _, v, _, _ in found] == pytest.approx([v for _, v, _, _ in expected], rel=1e-4)


NOT_AMOUNTS = [
    "وانتشرت الفرقة الخامسة في محيط المدينة.",  # an ordinal in a name
    "ودعا المجلس إلى تطبيق القرار 2254 بالكامل.",  # an identifier
    "وبدأ الاجتماع الساعة 10 صباحا واستمر حتى 10:30.",  # clock times
    "وسجلت الوزارة إصابات جديدة بكوفيد-19.",
    "ووقعت اللجنة العسكرية المشتركة (5+5) الاتفاق.",
    "وفاز المنتخب 2-1 على ضيفه، وانتهت المباراة الأخرى 4 - صفر.",
    "وللاستفسار يرجى الاتصال على الرقم 0791234567.",
    "واستمر الجدل ثلاثة أشهر، ويعيش البلد أزمة منذ صيف 2014.",  # durations and years are dates
    "وكانت أول جولتين مع ترامب، والأخريات مع بايدن.",  # bare duals, no number word
    "وأغلق الطريق 6 بعد انهيار جسر، وتقدم اللواء 444 نحو المطار.",
    "وتأهل الفريق إلى ربع النهائي بعد فوزه في نصف النهائي السابق.",
    "وولد الشاعر سنة 1948م في فاس.",
    "وشارك في الجلسة الخامسة عشرة للمجلس.",
    "وأعاد التذكير بمونديال 2006.",
    "ودعا إلى تطبيق القرار الأممي 1701 بالكامل، وفق ما ذكرته القناة 12.",
    "وطرحت الشركة هاتف iPhone 15 في الأسواق.",
]


@pytest.mark.parametrize("text", NOT_AMOUNTS, ids=[f"not{i:02d}" for i in range(len(NOT_AMOUNTS))])
def test_quantities_leaves_out_numbers_that_are_not_amounts(text: str) -> None:
    assert described(text) == []


@pytest.mark.parametrize(
    ("written", "value"),
    [("2.5", 2.5), ("12,500", 12500), ("31,9", 31.9), ("1,0", 1.0), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("1.500.000", 1_500_000), ("١٢٬٥٠٠", 12500), ("١٢٫٥", 12.5), ("۴۹", 49), ("0,75", 0.75)],
)
def test_quantities_parse_digits_tells_decimal_from_thousands(written: str, value: float) -> None:
    from marsad.text.normalize import normalize

    assert parse_digits(written, normalize(written)) == pytest.approx(value)


def test_quantities_component_takes_no_options() -> None:
    with pytest.raises(ConfigError, match="no options"):
        Pipeline(["sentences", "tokens", "dates", "quantities"], {"quantities": {"units": True}})


# -- every entry of the language data ------------------------------------------------------

NUMBERS = read_yaml("data/ar/numbers.yaml")
QUANTITIES = read_yaml("data/ar/quantities.yaml")


def _number_of(text: str) -> float | None:
    reading = read_number(words_of(text), 0)
    return None if reading is None else reading.value


def _entry_cases() -> Iterator[tuple[str, str, str, Any]]:
    """(file, entry, sentence, expected quantities) for every entry of the two data files."""
    excluded = {int(v) for v in NUMBERS["standalone_excluded"]}
    for value, forms in NUMBERS["units"].items():
        for form in forms:
            if int(value) in excluded:
                yield "numbers", form, f"وقال إن {form} من الحضور غادر.", []
                yield "numbers", form, f"وأرسلت الوزارة {form} وعشرين مراقبا.", [(f"{form} وعشرين مراقبا", int(value) + 20, "مراقبا", "exact")]
            else:
                yield "numbers", form, f"وأرسلت الوزارة {form} مراقبين.", [(f"{form} مراقبين", int(value), "مراقبين", "exact")]
    for value in NUMBERS["standalone_excluded"]:
        yield "numbers", str(value), "وقال إن واحدا من الحضور غادر.", []
    for form in NUMBERS["teen"]:
        yield "numbers", form, f"وأرسلت الوزارة ثلاثة {form} مراقبا.", [(f"ثلاثة {form} مراقبا", 13, "مراقبا", "exact")]
    for value, forms in NUMBERS["tens"].items():
        for form in forms:
            yield "numbers", form, f"وأرسلت الوزارة {form} مراقبا.", [(f"{form} مراقبا", int(value), "مراقبا", "exact")]
    for value, forms in NUMBERS["hundreds"].items():
        for form in forms:
            yield "numbers", form, f"وأرسلت الوزارة {form} مراقب.", [(f"{form} مراقب", int(value), "مراقب", "exact")]
    for value, by_kind in NUMBERS["multipliers"].items():
        for kind, forms in by_kind.items():
            for form in forms:
                if kind == "dual":
                    yield "numbers", form, f"وخصصت الحكومة {form} دولار للمشروع.", [(f"{form} دولار", 2 * int(value), "دولار", "exact")]
                else:
                    yield "numbers", form, f"وخصصت الحكومة 3 {form} دولار للمشروع.", [(f"3 {form} دولار", 3 * int(value), "دولار", "exact")]
    for value, phrases in NUMBERS["fractions"].items():
        for phrase in phrases:
            yield "numbers", phrase, f"وسيطر التنظيم على {phrase} المساحة المزروعة.", [(f"{phrase} المساحة المزروعة", float(Fraction(value)), "المساحة المزروعة", "exact")]
    for word in NUMBERS["fractions_need_definite"]:
        yield "numbers", word, f"وزارت البعثة {word} دول.", [(f"{word} دول", 5 if word == "خمس" else 10, "دول", "exact")]
    yield "numbers", NUMBERS["join"], f"وبلغ الإنتاج 3 ملايين {NUMBERS['join']}300 ألف برميل.", [(f"3 ملايين {NUMBERS['join']}300 ألف برميل", 3_300_000, "برميل", "exact")]
    sign = NUMBERS["wire_decimal_sign"]
    yield "numbers", sign, f"وأغلق السهم على 94{sign}6 درهم.", [(f"94{sign}6 درهم", 6.94, "درهم", "exact")]
    for word in NUMBERS["half"]:
        yield "numbers", word, f"وتبلغ الكلفة مليون و{word} يورو.", [(f"مليون و{word} يورو", 1_500_000, "يورو", "exact")]
    for value, forms in NUMBERS["ordinals"].items():
        for form in forms:
            yield "numbers", form, f"وعقدت الجلسة {form} عشر للمجلس.", []
    for value, forms in NUMBERS["ordinal_tens"].items():
        for form in forms:
            yield "numbers", form, f"وعقدت الجلسة الحادية و{form} للمجلس.", []
    for kind, phrases in QUANTITIES["qualifiers"].items():
        for phrase in phrases:
            yield "quantities", phrase, f"وقتل {phrase} 20 شخصا في الهجوم.", [(f"{phrase} 20 شخصا", 20, "شخصا", kind)]
    for kind, words in QUANTITIES["after_qualifiers"].items():
        for word in words:
            yield "quantities", word, f"وقتل 20 شخصا {word} في الهجوم.", [(f"20 شخصا {word}", 20, "شخصا", kind)]
    for sign in QUANTITIES["percent"]["signs"]:
        yield "quantities", sign, f"ونما الاقتصاد بنسبة 3{sign} العام الماضي.", [(f"3{sign}", 3, "%", "exact")]
    for phrase in QUANTITIES["percent"]["words"]:
        yield "quantities", phrase, f"ونما الاقتصاد 3 {phrase} العام الماضي.", [(f"3 {phrase}", 3, "%", "exact")]
    for entry in QUANTITIES["vague"]:
        words = entry["words"]
        yield "quantities", words, f"وتظاهر {words} من المواطنين.", [(words, float(entry["value"]), None, "about")]
    for phrase in QUANTITIES["currencies"]:
        yield "quantities", phrase, f"وبلغت الكلفة 40 {phrase} فقط.", [(f"40 {phrase}", 40, phrase, "exact")]
    for sign in QUANTITIES["currency_signs"]:
        yield "quantities", sign, f"وبلغت الكلفة {sign}40 فقط.", [(f"{sign}40", 40, sign, "exact")]
    for phrase in QUANTITIES["compound_units"]:
        yield "quantities", phrase, f"وبلغت القيمة 40 {phrase} في المنطقة.", [(f"40 {phrase}", 40, phrase, "exact")]
    for word in QUANTITIES["participle_complements"]:
        yield "quantities", word, f"ووصلت إلى نصف الكميات المتفق {word} سابقا.", [("نصف الكميات", 0.5, "الكميات", "exact")]
    for word in QUANTITIES["identifier_nouns"] + QUANTITIES["time_nouns"] + QUANTITIES["year_nouns"]:
        yield "quantities", word, f"وأشار إلى {word} 45 في كلمته.", []
    for word in QUANTITIES["time_after"]:
        yield "quantities", word, f"ويبدأ الاجتماع 10 {word} في المقر.", []
    for phrase in QUANTITIES["era_after"]:
        yield "quantities", phrase, f"وبنيت القلعة 850 {phrase} على التل.", []
    for word in QUANTITIES["fraction_not_of"]:
        yield "quantities", word, f"وأعلنت الشركة نتائج نصف {word} المالية.", []
    for phrase in QUANTITIES["not_fractions"]:
        yield "quantities", phrase, f"وتأهل الفريق إلى {phrase} بعد الفوز.", []
    for mark in QUANTITIES["score_marks"]:
        yield "quantities", mark, f"وفاز الفريق 3 {mark} 1 على ضيفه.", []
    for word in QUANTITIES["zero"]:
        yield "quantities", word, f"وفاز الفريق 3 - {word} على ضيفه.", []
    for link in QUANTITIES["range_links"]:
        yield "quantities", link, f"وارتفعت الأسعار بين 4,5 {link} 8 بالمئة.", [("4,5", 4.5, "%", "exact"), ("8 بالمئة", 8, "%", "exact")]
    for ending in QUANTITIES["verb_endings"]:
        yield "quantities", ending, f"وبينهم ثلاثة أصيب{ending} بجروح.", [("ثلاثة", 3, None, "exact")]
    after = {word: kind for kind, words in QUANTITIES["after_qualifiers"].items() for word in words}
    for word in QUANTITIES["not_units"]:
        expected = [(f"20 {word}", 20, None, after[word])] if word in after else [("20", 20, None, "exact")]
        yield "quantities", word, f"وأصيب 20 {word} الحادث.", expected


ENTRY_CASES = list(_entry_cases())


@pytest.mark.parametrize(("source", "entry", "sentence", "expected"), ENTRY_CASES, ids=[f"{c[0]}-{i:03d}" for i, c in enumerate(ENTRY_CASES)])
def test_quantities_reads_every_entry_of_the_language_data(source: str, entry: str, sentence: str, expected: list[Expected]) -> None:
    found = described(sentence)
    assert [(t, u, q) for t, _, u, q in found] == [(t, u, q) for t, _, u, q in expected]
    assert [v for _, v, _, _ in found] == pytest.approx([v for _, v, _, _ in expected], rel=1e-3)


def _leaves(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, (list, dict)):
                yield from _leaves(value)
            elif key == "words":
                yield str(value)
    elif isinstance(data, list):
        for item in data:
            yield from _leaves(item)
    else:
        yield str(data)


@pytest.mark.parametrize(("source", "data"), [("numbers", NUMBERS), ("quantities", QUANTITIES)])
def test_quantities_language_data_has_no_untested_entry(source: str, data: Any) -> None:
    tested = {entry for file, entry, _, _ in ENTRY_CASES if file == source}
    untested = sorted(set(_leaves(data)) - tested)
    assert untested == [], f"entries of {source}.yaml that no test sentence exercises: {untested}"


@pytest.mark.parametrize(
    ("text", "value"),
    [("ثلاثة آلاف وخمسمائة وعشرون", 3520), ("خمسة عشر", 15), ("اثنا عشر", 12), ("ثلاث مائة", 300), ("مائتي ألف", 200000), ("3 آلاف و500", 3500), ("عشرة آلاف", 10000)],
)
def test_quantities_read_number_in_words(text: str, value: float) -> None:
    assert _number_of(text) == value


@pytest.mark.parametrize(
    ("text", "quantity", "unit"),
    [
        # 11 to 99 count one noun in the accusative, whatever letter it begins with
        ("وألقت الشرطة القبض على ٤١ فردا من العصابة.", "٤١ فردا", "فردا"),
        ("وضبطت الدوريات 48 وافدا مخالفا لقانون الإقامة.", "48 وافدا", "وافدا"),
        # an accusative in و+ا is a noun when its root ends in و, not a plural verb
        ("وصوّت 14 عضوا لصالح القرار في المجلس.", "14 عضوا", "عضوا"),
    ],
)
def test_quantities_accusative_counted_noun(text: str, quantity: str, unit: str) -> None:
    found = [(q.text, q.unit) for q in quantities_of(text)]
    assert (quantity, unit) in found


def test_quantities_plural_verb_after_a_number_is_no_unit() -> None:
    assert [(q.text, q.unit) for q in quantities_of("وقال إن 3 أصيبوا في الحادث.")] == [("3", None)]
