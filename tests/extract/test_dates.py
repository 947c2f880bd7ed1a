"""The dates component: expressions of time found with their spans and TIMEX3-style values.

Sentences are written in the style of Egyptian, Gulf, Levantine, Iraqi and Maghrebi outlets.
The last tests build one sentence for every entry of ``data/ar/months.yaml`` and
``data/ar/time_words.yaml``, and check that no entry of those files goes untested.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from marsad.document import DateExpr
from marsad.errors import ConfigError
from marsad.extract.dates import find_dates, resolve
from marsad.extract.dates._calendar import hijri_to_gregorian
from marsad.pipeline import Pipeline, new_document
from marsad.resources import read_yaml

PIPELINE = Pipeline(["clean", "sentences", "tokens", "dates"])

Expected = tuple[str, str, str | None, str]


def dates_of(text: str, published: str | None, **options: str) -> list[DateExpr]:
    doc = PIPELINE(new_document(text, published=published))
    found = find_dates(doc, **options) if options else list(doc.dates)
    for date in found:
        assert doc.text[date.start : date.end] == date.text
    return found


def described(text: str, published: str | None) -> list[Expected]:
    return [(d.text, d.value, d.mod, d.kind) for d in dates_of(text, published)]


CASES: list[tuple[str, str | None, list[Expected]]] = [
    # Egyptian and Gulf month names, deictics with their weekday, mods, relative months
    (
        "وقّعت وزارة التعاون الدولي المصرية، أمس الأربعاء، اتفاق تمويل جديدا مع البنك الدولي.",
        "2023-03-16",
        [("أمس الأربعاء", "2023-03-15", None, "relative")],
    ),
    (
        "ومن المقرر أن يصرف البنك الشريحة الثانية قبل نهاية يونيو المقبل.",
        "2023-03-16",
        [("نهاية يونيو المقبل", "2023-06", "END", "relative")],
    ),
    (
        "وكان البنك المركزي قد رفع أسعار الفائدة مطلع الشهر الجاري، بعدما بلغ التضخم ذروته في فبراير الماضي.",
        "2023-03-16",
        [("مطلع الشهر الجاري", "2023-03", "START", "relative"), ("فبراير الماضي", "2023-02", None, "relative")],
    ),
    (
        "وأقر الصندوق القرض لمصر في (16 ديسمبر) الماضي، وهو الأعلى منذ أواخر 2017.",
        "2023-03-16",
        [("(16 ديسمبر) الماضي", "2022-12-16", None, "relative"), ("أواخر 2017", "2017", "END", "date")],
    ),
    # Levantine and Iraqi names, with the Western name in parentheses or after a slash
    (
        "وكان وزراء الطاقة قد عقدوا اجتماعا رباعيا في عمّان في 26 كانون الثاني (يناير) الماضي.",
        "2022-03-10",
        [("26 كانون الثاني (يناير) الماضي", "2022-01-26", None, "relative")],
    ),
    (
        "ويعيش لبنان منذ تشرين الأول/أكتوبر 2019 أزمة مالية حادة.",
        "2022-03-10",
        [("تشرين الأول/أكتوبر 2019", "2019-10", None, "date")],
    ),
    (
        "وأقر مجلس النواب العراقي الموازنة الاتحادية في 12 مايس 2023 بعد جلسات مطولة.",
        "2024-02-14",
        [("12 مايس 2023", "2023-05-12", None, "date")],
    ),
    (
        "ومن المقرر أن تنظم المفوضية الاقتراع في 18 كانون الأول المقبل في 15 محافظة.",
        "2023-10-19",
        [("18 كانون الأول المقبل", "2023-12-18", None, "relative")],
    ),
    # Maghrebi names
    (
        "وأوضح الوزير أن الشطر الأول من الدعم سيصرف قبل متم شتنبر المقبل.",
        "2022-08-18",
        [("متم شتنبر المقبل", "2022-09", "END", "relative")],
    ),
    (
        "وانطلقت الحملة الانتخابية يوم 15 جويلية 2021، وتستمر ثلاثة أسابيع.",
        "2021-08-01",
        [("15 جويلية 2021", "2021-07-15", None, "date"), ("ثلاثة أسابيع", "P3W", None, "duration")],
    ),
    (
        "وأعلنت الهيئة أن الدور الثاني سيجرى في أفريل المقبل.",
        "2022-02-10",
        [("أفريل المقبل", "2022-04", None, "relative")],
    ),
    (
        "وقفز معدل التضخم إلى 7,7 في المائة في يوليوز الماضي، بحسب المندوبية السامية للتخطيط.",
        "2022-08-18",
        [("يوليوز الماضي", "2022-07", None, "relative")],
    ),
    # Hijri dates, converted with hijridate; holidays fixed in the Hijri calendar
    (
        "وأعلنت الرئاسة أن ١٥ رمضان ١٤٤٢ هـ سيكون عطلة رسمية في البلاد.",
        "2021-04-01",
        [("١٥ رمضان ١٤٤٢ هـ", "2021-04-27", None, "date")],
    ),
    (
        "وتوقع المصدر أن يعلن الطرفان هدنة شاملة قبل عيد الأضحى.",
        "2023-04-16",
        [("عيد الأضحى", "2023-06-28", None, "relative")],
    ),
    ("ويقف الحجاج على صعيد عرفات في يوم عرفة، ويتوجهون إلى منى يوم التروية.", "2023-06-20", [("يوم عرفة", "2023-06-27", None, "relative"), ("يوم التروية", "2023-06-26", None, "relative")]),
    ("وتتراجع ساعات العمل في رمضان، وتعود إلى طبيعتها بعد عيد الفطر.", "2023-03-16", [("رمضان", "2023-04", None, "relative"), ("عيد الفطر", "2023-04-21", None, "relative")]),
    # numeric dates, years, decades, seasons
    (
        "ووقعت اللجنة العسكرية المشتركة اتفاق وقف إطلاق النار في جنيف بتاريخ 23/10/2020.",
        "2021-11-04",
        [("23/10/2020", "2020-10-23", None, "date")],
    ),
    ("وصدر المرسوم في 2021-03-12 ونشر في الجريدة الرسمية.", "2021-04-01", [("2021-03-12", "2021-03-12", None, "date")]),
    (
        "وتوقف التصدير عبر ميناء جيهان منذ آذار 2023، فيما بلغت الإيرادات مستوى قياسيا عام 2022.",
        "2024-02-14",
        [("آذار 2023", "2023-03", None, "date"), ("2022", "2022", None, "date")],
    ),
    (
        "وتشهد المملكة موجة جفاف توصف بأنها الأسوأ منذ الثمانينيات.",
        "2022-08-18",
        [("الثمانينيات", "198", None, "date")],
    ),
    (
        "وتنشط خلايا التنظيم في هذه المنطقة منذ صيف 2014، حين سيطر على مساحات واسعة.",
        "2021-03-16",
        [("صيف 2014", "2014-SU", None, "date")],
    ),
    (
        "وتراجعت الصادرات الزراعية خلال صيف العام الماضي بسبب موجة الحر.",
        "2023-03-16",
        [("صيف العام الماضي", "2022-SU", None, "relative")],
    ),
    ("وبحث الجانبان الملف بين عامي 2019 و2020 دون نتيجة.", "2023-03-16", [("2019", "2019", None, "date"), ("2020", "2020", None, "date")]),
    ("وجرت آخر انتخابات محلية في نيسان 2013.", "2023-10-19", [("نيسان 2013", "2013-04", None, "date")]),
    ("وولد في كانون الثاني (يناير) من العام 1901، وحكم البلاد (1796 - 1820م).", "2023-10-19", [("كانون الثاني (يناير) من العام 1901", "1901-01", None, "date"), ("1796", "1796", None, "date"), ("1820م", "1820", None, "date")]),
    ("وسجلت 58 إصابة خلال الساعات الأربع والعشرين الماضية، في نفس اليوم الذي أعلن فيه الحظر.", "2023-10-19", [("الساعات الأربع والعشرين الماضية", "PT24H", None, "duration")]),
    ("وتنتهي المهلة الخميس 20 الجاري، بعد عطلة عيد العمال.", "2023-04-11", [("الخميس 20 الجاري", "2023-04-20", None, "relative"), ("عيد العمال", "2023-05-01", None, "relative")]),
    ("وتعقد الدورة بين 12 و15 مارس المقبل، ودخل القرار حيز التنفيذ يوم 12.03.2023.", "2023-05-18", [("12", "2024-03-12", None, "relative"), ("15 مارس المقبل", "2024-03-15", None, "relative"), ("12.03.2023", "2023-03-12", None, "date")]),
    ("وتشهد البلاد أزمة منذ منتصف التسعينيات، ولم تعدل المعاشات منذ عامين ونصف.", "2023-05-18", [("منتصف التسعينيات", "199", "MID", "date"), ("عامين ونصف", "P30M", None, "duration")]),
    # relative periods, shifts and their week values
    (
        "وتراجع المحصول بنحو 67 في المائة مقارنة بالعام الماضي، فيما يتوقع انتعاش العام المقبل.",
        "2022-08-18",
        [("العام الماضي", "2021", None, "relative"), ("العام المقبل", "2023", None, "relative")],
    ),
    (
        "وقال المصرف إن البنك الدولي سيصرف الشريحة الأولى خلال الأسبوع المقبل.",
        "2023-03-16",
        [("الأسبوع المقبل", "2023-W12", None, "relative")],
    ),
    (
        "وأجرى وفد من صندوق النقد الدولي مباحثات في القاهرة قبل أسبوعين مع وزير المالية.",
        "2023-03-16",
        [("قبل أسبوعين", "2023-W09", None, "relative")],
    ),
    (
        "وأكد أن القطعات ستطلق المرحلة الثانية من العملية بعد ثلاثة أيام.",
        "2021-03-16",
        [("بعد ثلاثة أيام", "2021-03-19", None, "relative")],
    ),
    ("وغادر السفير البلاد قبل عامين، وعاد إليها هذه السنة.", "2023-06-01", [("قبل عامين", "2021", None, "relative"), ("هذه السنة", "2023", None, "relative")]),
    ("وارتفعت الأسعار مرتين منذ العام قبل الماضي.", "2023-06-01", [("العام قبل الماضي", "2021", None, "relative")]),
    (
        "وتعهد الموقعون بتسمية رئيس وزراء مدني قبل نهاية هذا العام.",
        "2022-12-06",
        [("نهاية هذا العام", "2022", "END", "relative")],
    ),
    (
        "ونما الناتج المحلي 2.1% في الربع الأول من العام الجاري، بعد انكماش في النصف الثاني من 2022.",
        "2023-06-01",
        [("الربع الأول من العام الجاري", "2023-Q1", None, "relative"), ("النصف الثاني من 2022", "2022-H2", None, "date")],
    ),
    (
        "وسيجتمع الطرفان مجددا في مسقط خلال الأسبوع الأول من مايو المقبل.",
        "2023-04-16",
        [("الأسبوع الأول من مايو المقبل", "2023-W18", None, "relative")],
    ),
    (
        "وقال المصدر إن الدفعة الثانية ستصرف في العاشر من الشهر المقبل.",
        "2023-03-16",
        [("العاشر من الشهر المقبل", "2023-04-10", None, "relative")],
    ),
    ("وتعود الذكرى إلى اعتداءات الحادي عشر من سبتمبر 2001 في نيويورك.", "2021-09-10", [("الحادي عشر من سبتمبر 2001", "2001-09-11", None, "date")]),
    # durations
    (
        "وقال إن «التصويت أنهى جدلا استمر ثلاثة أشهر حول الجهة التي تتحمل الكلفة».",
        "2023-10-19",
        [("ثلاثة أشهر", "P3M", None, "duration")],
    ),
    (
        "واتفق الموقعون على أن تمتد الفترة الانتقالية 24 شهرا تبدأ من تاريخ التعيين.",
        "2022-12-06",
        [("24 شهرا", "P24M", None, "duration")],
    ),
    (
        "«لم نر مثل هذا الجفاف منذ أكثر من ثلاثين سنة»، يقول الفلاح.",
        "2022-08-18",
        [("ثلاثين سنة", "P30Y", None, "duration")],
    ),
    ("وهو أعلى مستوى يسجل منذ ثلاثة عقود.", "2022-08-18", [("ثلاثة عقود", "P30Y", None, "duration")]),
    ("وسحب القوات من الشوارع خلال 72 ساعة، بعد اشتباكات دامت ساعتين.", "2023-08-16", [("72 ساعة", "PT72H", None, "duration"), ("ساعتين", "PT2H", None, "duration")]),
    ("وأغلقت الحدود منذ عام ونصف، ثم فتحت لمدة نصف ساعة.", "2023-08-16", [("عام ونصف", "P18M", None, "duration"), ("نصف ساعة", "PT30M", None, "duration")]),
    (
        "وطالب بإقرار القانون خلال الأشهر الستة الأولى من عمر الحكومة.",
        "2022-06-17",
        [("الأشهر الستة الأولى", "P6M", None, "duration")],
    ),
    ("وسجلت 300 إصابة خلال الساعات الـ24 الماضية.", "2022-06-17", [("الساعات الـ24 الماضية", "PT24H", None, "duration")]),
    (
        "وأعلنت الحكومة النصر العسكري عليه في كانون الأول 2017، أي بعد ست سنوات من الانسحاب.",
        "2021-03-16",
        [("كانون الأول 2017", "2017-12", None, "date"), ("ست سنوات", "P6Y", None, "duration")],
    ),
    # recurrences
    ("وتلتزم الوزارة بحصة تبلغ نحو 4 ملايين برميل يوميا.", "2024-02-14", [("يوميا", "P1D", None, "set")]),
    ("وردت إسرائيل بقصف يومي على القرى الحدودية.", "2023-11-09", [("يومي", "P1D", None, "set")]),
    ("وتعقد القمة كل عامين، ويجتمع الوزراء كل ثلاثة أشهر.", "2023-11-09", [("كل عامين", "P2Y", None, "set"), ("كل ثلاثة أشهر", "P3M", None, "set")]),
    # weekdays: past on or before publication (the publication day when it is that weekday),
    # future after it; "الماضي" forces the week before
    (
        "عقدت قيادة العمليات المشتركة العراقية، الخميس، مباحثات جديدة مع قيادات التحالف الدولي.",
        "2021-11-11",
        [("الخميس", "2021-11-11", None, "relative")],
    ),
    ("وكانت الحكومة قد أعلنت الأربعاء خطة جديدة للطاقة.", "2021-11-11", [("الأربعاء", "2021-11-10", None, "relative")]),
    ("واجتمع الوزراء الخميس الماضي في عمّان.", "2021-11-11", [("الخميس الماضي", "2021-11-04", None, "relative")]),
    ("وسيزور الوزير بغداد الأحد لبحث ملف المياه.", "2021-11-11", [("الأحد", "2021-11-14", None, "relative")]),
    ("ومن المقرر أن تنطلق المفاوضات الاثنين في جنيف.", "2021-11-11", [("الاثنين", "2021-11-15", None, "relative")]),
    (
        "وأعلنت الوزارة الأحد أنها ستعقد الاجتماع الخميس.",
        "2021-11-11",
        [("الأحد", "2021-11-07", None, "relative"), ("الخميس", "2021-11-18", None, "relative")],
    ),
    (
        "وأعلنت الوزارة، يوم الاثنين المنصرم، أن المحصول تراجع، وستعقد مؤتمرا الجمعة المقبل.",
        "2022-08-18",
        [("الاثنين المنصرم", "2022-08-15", None, "relative"), ("الجمعة المقبل", "2022-08-19", None, "relative")],
    ),
    ("ووقع اتفاق الإطار يوم الأحد الموافق 12 مارس في الخرطوم.", "2023-03-16", [("الأحد الموافق 12 مارس", "2023-03-12", None, "relative")]),
    ("ودمر متظاهرون المضخات يومي السبت والأحد الماضيين.", "2023-03-16", [("السبت", "2023-03-11", None, "relative"), ("الأحد الماضيين", "2023-03-12", None, "relative")]),
    # a weekday in a heading takes the value the body gives it
    (
        "عون يدعو إلى استشارات ملزمة الاثنين\n\nدعا الرئيس الكتل النيابية إلى استشارات ملزمة يوم الاثنين المقبل.",
        "2022-06-17",
        [("الاثنين", "2022-06-20", None, "relative"), ("الاثنين المقبل", "2022-06-20", None, "relative")],
    ),
    # deictics
    (
        "أطلقت قيادة العمليات المشتركة، اليوم الثلاثاء، عملية عسكرية، بعد هجوم وقع أول أمس.",
        "2021-03-16",
        [("اليوم الثلاثاء", "2021-03-16", None, "relative"), ("أول أمس", "2021-03-14", None, "relative")],
    ),
    ("ومن المقرر أن يزور قائد الجيش المنطقة الحدودية غدا، ويعود بعد غد.", "2023-11-09", [("غدا", "2023-11-10", None, "relative"), ("بعد غد", "2023-11-11", None, "relative")]),
    ("وتتساقط الأمطار من مساء اليوم الاثنين إلى غاية صبيحة غد الثلاثاء.", "2023-12-18", [("اليوم الاثنين", "2023-12-18", None, "relative"), ("غد الثلاثاء", "2023-12-19", None, "relative")]),
    # a date inside a quotation is still a date
    ("وقال الوزير: «سنبدأ التنفيذ مطلع العام المقبل»، مؤكدا التزام الحكومة.", "2023-06-01", [("مطلع العام المقبل", "2024", "START", "relative")]),
    # the parentheses are kept only when a relative word outside them is part of the date
    ("وفي (8 أكتوبر) المنصرم، أعلن الناطق بدء الانسحاب.", "2021-11-11", [("(8 أكتوبر) المنصرم", "2021-10-08", None, "relative")]),
    ("وأعلن الناطق بدء الانسحاب (8 أكتوبر 2021).", "2021-11-11", [("8 أكتوبر 2021", "2021-10-08", None, "date")]),
    # a day and month without year: the nearest, or the next one in a future-tense clause
    (
        "وأكد أن القانون أقر في جلسة علنية يوم 9 سبتمبر، وأن الانتخابات ستجرى في 24 ديسمبر.",
        "2021-11-04",
        [("9 سبتمبر", "2021-09-09", None, "relative"), ("24 ديسمبر", "2021-12-24", None, "relative")],
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES, ids=[f"case{i:02d}" for i in range(len(CASES))])
def test_dates_finds_each_expression_with_its_value(text: str, published: str, expected: list[Expected]) -> None:
    assert described(text, published) == expected


@pytest.mark.parametrize(
    "text",
    [
        "وقال إن الرئيس مارس ضغوطا كبيرة على الحكومة.",  # مارس is a verb here
        "والتقى الأمين العام للأمم المتحدة وزير الخارجية.",
        "ولم توقع المؤسسة بعد عقد إدارة المركز.",  # عقد is a contract
        "ويحق للمواطنين التصويت قبل يوم الاقتراع.",
        "ودعا مجلس الأمن إلى تطبيق القرار 2254 بالكامل.",
        "وأشارت الأطراف إلى إجلاء أكثر من 2100 شحنة من المعدات.",
        "واحتفلت المدارس باليوم الوطني، وهو اليوم الأول من العطلة.",
        "وتعرضت بلدية سوق الجمعة لأضرار كبيرة.",
        "وكانت مرحلة الربيع العربي نقطة تحول.",
        "والتقى الرئيس التركي رجب طيب أردوغان نظيره الإيراني.",
        "ودعا إلى العمل من أجل غد أفضل للشباب.",
        "وارتفع عدد المصابين إلى 2010، وفق الوزارة.",
        "وقالت إن أبها تحتفل مع آب وأبناء العائلة.",
        "وانطلق العداد من صفر إلى الحد الأقصى.",
        "وتأسست المنظمة بعد حرب أكتوبر.",
    ],
)
def test_dates_leaves_out_words_that_only_look_like_dates(text: str) -> None:
    assert described(text, "2023-03-16") == []


REFERENCE = (
    "عقدت قيادة العمليات المشتركة العراقية، الخميس، مباحثات جديدة مع قيادات التحالف الدولي.\n\n"
    "وذكرت أن: «مستشار الأمن القومي استضاف اليوم، اجتماعا بين اللجنتين».\n\n"
    "وفي (8 أكتوبر) المنصرم، أعلن الناطق مباشرة القوات الأميركية بعملية الانسحاب، قائلا إن «الانسحاب سيكتمل نهاية هذا العام».\n\n"
    "وفي (26 يوليو) الماضي، اتفقت بغداد وواشنطن على انسحاب كامل. وتتواجد القوات في العراق منذ صيف 2014."
)


def test_dates_without_publication_day_keep_what_the_text_fixes() -> None:
    assert [(d.text, d.value, d.mod) for d in dates_of(REFERENCE, None)] == [
        ("الخميس", "XXXX-WXX-4", None),
        ("اليوم", "REF", None),
        ("(8 أكتوبر) المنصرم", "XXXX-10-08", None),
        ("نهاية هذا العام", "REF+P0Y", "END"),
        ("(26 يوليو) الماضي", "XXXX-07-26", None),
        ("صيف 2014", "2014-SU", None),
    ]


def test_dates_values_without_publication_day_resolve_like_with_it() -> None:
    without = dates_of(REFERENCE, None)
    with_day = dates_of(REFERENCE, "2021-11-11")
    assert [resolve(d.value, "2021-11-11") for d in without] == [d.value for d in with_day]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("REF-P1D", "2021-11-10"), ("REF+P1W", "2021-W46"), ("REF-P2M", "2021-09"), ("REF+P0Y", "2021"), ("REF-PT2H", "2021-11-11"), ("XXXX-WXX-1", "2021-11-08"), ("XXXX-SU", "2021-SU"), ("2014-SU", "2014-SU")],
)
def test_dates_resolve_anchors_a_value_at_a_publication_day(value: str, expected: str) -> None:
    assert resolve(value, "2021-11-11") == expected


def test_dates_weekday_on_publication_day_option() -> None:
    text = "وأفرج عنه فجر الأربعاء بوساطة من أعيان المنطقة."
    assert [d.value for d in dates_of(text, "2023-08-16")] == ["2023-08-16"]
    assert [d.value for d in dates_of(text, "2023-08-16", weekday_on_publication_day="previous")] == ["2023-08-09"]
    with pytest.raises(ConfigError, match="weekday_on_publication_day"):
        dates_of(text, "2023-08-16", weekday_on_publication_day="today")


def test_dates_component_rejects_unknown_options() -> None:
    with pytest.raises(ConfigError, match="unknown option"):
        Pipeline(["sentences", "tokens", "dates"], {"dates": {"weekdays": "same"}})


# -- every entry of the language data ------------------------------------------------------

MONTHS = read_yaml("data/ar/months.yaml")
WORDS = read_yaml("data/ar/time_words.yaml")
PUB = "2023-03-16"  # a Thursday
PUB_DAY = dt.date(2023, 3, 16)


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _entry_cases() -> Iterator[tuple[str, str, str, Any]]:
    """(file, entry, sentence, check) for every word or phrase of the two data files.

    ``check`` is the list of (text, value, mod) expected, or a callable on the found dates.
    """
    for number, areas in MONTHS["gregorian"].items():
        for names in areas.values():
            for name in names:
                yield "months", name, f"ووقعت الحكومة الاتفاق في 12 {name} 2021.", [(f"12 {name} 2021", f"2021-{int(number):02d}-12", None)]
    for number, names in MONTHS["hijri"].items():
        for name in names:
            expected = hijri_to_gregorian(1442, int(number), 15)
            assert expected is not None
            yield "months", name, f"وتقرر ذلك في 15 {name} 1442.", [(f"15 {name} 1442", expected.isoformat(), None)]
    for name in MONTHS["ambiguous"]:
        yield "months", name, f"وقال إن {name} كان حاضرا في الاجتماع.", []
    for number, names in WORDS["weekdays"].items():
        back = (PUB_DAY.isoweekday() - int(number)) % 7  # the publication day itself when it is that weekday
        for name in names:
            yield "time_words", name, f"وعقد المجلس جلسته {name}، وناقش الموازنة.", [(name, (PUB_DAY - dt.timedelta(days=back)).isoformat(), None)]
    for word in WORDS["weekday_not_after"]:
        yield "time_words", word, f"وتعرضت بلدية {word} الجمعة لأضرار.", []
    for word in WORDS["weekday_dual"]:
        yield "time_words", word, f"وتظاهر المحتجون {word} السبت والأحد الماضيين.", [("السبت", "2023-03-11", None), ("الأحد الماضيين", "2023-03-12", None)]
    for entry in WORDS["deictic"]:
        words, days = entry["words"], int(entry["days"])
        before = "صباح " if entry.get("weekday_or_time_of_day") else ""
        yield "time_words", words, f"وأعلنت الوزارة {before}{words} أن العمل مستمر.", [(words, (PUB_DAY + dt.timedelta(days=days)).isoformat(), None)]
    for word in WORDS["times_of_day"]:
        yield "time_words", word, f"ويصل الوفد {word} غد إلى بغداد.", [("غد", "2023-03-17", None)]
    for word in WORDS["today_not_after"]:
        yield "time_words", word, f"وقال إنه في {word} اليوم تأسست المدينة.", [] if word != "هذا" else [("هذا اليوم", "XX", None)]
    for word in WORDS["today_not_before"]:
        yield "time_words", word, f"وكان اليوم {word} حافلا بالأحداث.", []
    for name, spec in WORDS["units"].items():
        code = {"day": "P{}D", "week": "P{}W", "month": "P{}M", "year": "P{}Y", "decade": "P{}0Y", "century": "P{}00Y", "hour": "PT{}H", "minute": "PT{}M"}[name]
        for form in spec["singular"]:
            yield "time_words", form, f"واستمرت الاشتباكات 20 {form} متواصلة.", [(f"20 {form}", code.format(20), None)]
        for form in spec["dual"]:
            yield "time_words", form, f"واستمرت الاشتباكات {form} متواصلة.", [(form, code.format(2), None)]
        for form in spec["plural"]:
            yield "time_words", form, f"واستمرت الاشتباكات ثلاثة {form} متواصلة.", [(f"ثلاثة {form}", code.format(3), None)]
        if "singular_alone" in spec:
            yield "time_words", "singular_alone", "ولم توقع الشركة بعد عقد الشراكة.", []
        yield "time_words", spec["designator"], f"واستمرت الاشتباكات ثلاثة {spec['plural'][0]}.", [(f"ثلاثة {spec['plural'][0]}", code.format(3), None)]
        if "years" in spec:
            yield "time_words", str(spec["years"]), f"واستمرت الحرب {spec['dual'][1]}.", [(spec["dual"][1], code.format(2), None)]
        if "time" in spec:
            yield "time_words", "time", f"وتأخر القطار {spec['dual'][1]}.", [(spec["dual"][1], code.format(2), None)]
    unit_value = {"week": _iso_week(PUB_DAY - dt.timedelta(weeks=1)), "month": "2023-02", "year": "2022", "decade": "201"}
    for name, words in WORDS["periods"].items():
        for word in words:
            yield "time_words", word, f"وتراجعت المبيعات {word} الماضي.", [(f"{word} الماضي", unit_value[name], None)]
    period_values = {"past": "2022", "next": "2024", "current": "2023"}
    for direction in ("past", "next", "current"):
        for word in WORDS["relative"][direction]:
            yield "time_words", word, f"وتراجعت المبيعات العام {word} بشكل ملحوظ.", [(f"العام {word}", period_values[direction], None)]
    for phrase in WORDS["relative"]["before_last"]:
        yield "time_words", phrase, f"وتراجعت المبيعات العام {phrase} بشكل ملحوظ.", [(f"العام {phrase}", "2021", None)]
    for word in WORDS["relative"]["this"]:
        yield "time_words", word, f"وتراجعت المبيعات {word} السنة بشكل ملحوظ.", [(f"{word} السنة", "2023", None)]
    for mod, words in WORDS["mods"].items():
        for word in words:
            yield "time_words", word, f"وتبدأ المرحلة الثانية {word} العام المقبل.", [(f"{word} العام المقبل", "2024", mod)]
    for word in WORDS["first_day"]:
        expected = hijri_to_gregorian(1442, 10, 1)
        assert expected is not None
        yield "time_words", word, f"وتبدأ العطلة {word} شوال 1442.", [(f"{word} شوال 1442", expected.isoformat(), None)]
    for code, words in WORDS["parts_of_year"].items():
        for word in words:
            yield "time_words", word, f"ونما الاقتصاد في {word} الأول من عام 2022.", [(f"{word} الأول من عام 2022", f"2022-{code}1", None)]
    for number, words in WORDS["part_ordinals"].items():
        for word in words:
            quarter = 4 if int(number) < 0 else int(number)
            yield "time_words", word, f"ونما الاقتصاد في الربع {word} من 2022.", [(f"الربع {word} من 2022", f"2022-Q{quarter}", None)]
            if int(number) < 0:
                yield "time_words", word, f"ونما الاقتصاد في النصف {word} من 2022.", [(f"النصف {word} من 2022", "2022-H2", None)]
    for word in WORDS["part_links"]:
        yield "time_words", word, f"ونما الاقتصاد في الربع الثاني {word} 2022.", [(f"الربع الثاني {word} 2022", "2022-Q2", None)]
    for link in WORDS["range_links"]:
        yield "time_words", link, f"وتقام الدورة من 12 {link} 15 مارس 2021.", [("12", "2021-03-12", None), ("15 مارس 2021", "2021-03-15", None)]
    for word in WORDS["weeks_of_month"]:
        yield "time_words", word, f"ويجتمع الطرفان {word} الأول من مايو المقبل.", [(f"{word} الأول من مايو المقبل", "2023-W18", None)]
    for number, words in WORDS["week_ordinals"].items():
        day = dt.date(2023, 5, 31) if int(number) < 0 else dt.date(2023, 5, 1 + 7 * (int(number) - 1))
        for word in words:
            yield "time_words", word, f"ويجتمع الطرفان الأسبوع {word} من مايو المقبل.", [(f"الأسبوع {word} من مايو المقبل", _iso_week(day), None)]
    for code, words in WORDS["seasons"].items():
        for word in words:
            if word.startswith("ال"):
                yield "time_words", word, f"وتراجعت السياحة {word} الماضي.", [(f"{word} الماضي", None, None)]
            else:
                yield "time_words", word, f"وتراجعت السياحة منذ {word} 2014.", [(f"{word} 2014", f"2014-{code}", None)]
    for digit, words in WORDS["decades"].items():
        for word in words:
            century = "" if word.startswith("ال") else " القرن الماضي"
            # a decade without its century: the latest one begun by publication
            value = f"20{digit}" if not century and 2000 + 10 * int(digit) <= PUB_DAY.year else f"19{digit}"
            yield "time_words", word, f"وتعود الأزمة إلى {word}{century}.", [(f"{word}{century}", value, None)]
    for kind, phrases in WORDS["centuries"].items():
        for phrase in phrases:
            yield "time_words", phrase, f"وتعود الأزمة إلى ثمانينيات {phrase}.", [(f"ثمانينيات {phrase}", "198" if kind == "last" else "208", None)]
    for code, words in WORDS["sets"]["adverbs"].items():
        for word in words:
            yield "time_words", word, f"وتصدر البلاد 4 ملايين برميل {word}.", [(word, code, None)]
    for code, words in WORDS["sets"]["adjectives"].items():
        for word in words:
            yield "time_words", word, f"وتعرضت القرى لقصف {word} مكثف.", [(word, code, None)]
    for word in WORDS["sets"]["every"]:
        yield "time_words", word, f"وتعقد القمة {word} عام.", [(f"{word} عام", "P1Y", None)]
    cues = WORDS["cues"]
    for word in cues["year"]:
        yield "time_words", word, f"ووقع الاتفاق {word} 2014 في جنيف.", [("2014", "2014", None)]
    for word in cues["not_year_after"]:
        yield "time_words", word, f"وقال إن {word} 2014، بحسب التقرير.", []
    for word in cues["month"]:
        yield "time_words", word, f"ويبدأ الصيام في {word} رمضان.", [("رمضان", "2023-04", None)]
    for word in cues["time"]:
        if word in ("من", "إلى", "بين"):
            yield "time_words", word, f"وتعود الوثائق {word} أكتوبر.", [("أكتوبر", "2022-10", None)]
        else:
            yield "time_words", word, f"وتعود الوثائق {word} أكتوبر.", [("أكتوبر", "2022-10", None)]
    for phrase in cues["duration"]:
        yield "time_words", phrase, f"وتعيش البلاد أزمة منذ {phrase} عام." if phrase != "منذ" else "وتعيش البلاد أزمة منذ عام.", [("عام", "P1Y", None)]
    for word in cues["range"]:
        yield "time_words", word, f"وارتفع الإنتاج {word} 2019 إلى 2021.", [("2019", "2019", None), ("2021", "2021", None)]
        yield "time_words", word, f"وأشار إلى إجلاء أكثر {word} 2100 شحنة.", []
    for word in cues["of"]:
        yield "time_words", word, f"ووقع الاتفاق في 15 {word} مارس.", [(f"15 {word} مارس", "2023-03-15", None)]
    for side, words in cues["shift"].items():
        for word in words:
            expected = "2022" if side == "before" else "2024"
            yield "time_words", word, f"وتغيرت الحكومة {word} عام.", [(f"{word} عام", expected, None)]
    for word in cues["shift_other_anchor"]:
        yield "time_words", word, f"وعاد بعد ست سنوات {word} الانسحاب.", [("ست سنوات", "P6Y", None)]
    for phrase in cues["correspondence"]:
        yield "time_words", phrase, f"ووقع الاتفاق الأحد {phrase} 12 مارس.", [(f"الأحد {phrase} 12 مارس", "2023-03-12", None)]
    for word in WORDS["era"]["before_common_era"]:
        written = word.replace(" . ", ".")  # the entry lists the tokens of "ق.م"
        yield "time_words", word, f"وبنيت المدينة سنة 1500 {written} على ضفاف النهر.", []
    for calendar, words in WORDS["era"].items():
        if calendar == "before_common_era":
            continue
        for word in words:
            year = "2014" if calendar == "gregorian" else "1442"
            value = "2014" if calendar == "gregorian" else "2021"
            yield "time_words", word, f"وتأسست الجمعية عام {year} {word} في المدينة.", [(f"{year} {word}", value, None)]
    for word in WORDS["period_adjectives"]:
        yield "time_words", word, f"وتراجعت المبيعات خلال الأشهر الستة {word}.", [(f"الأشهر الستة {word}", "P6M", None)]
    for word in WORDS["future"]["words"]:
        yield "time_words", word, f"وقال المصدر إن {word} عقد الجلسة الخميس.", [("الخميس", "2023-03-23", None)]
    sets = {w: code for table in WORDS["sets"].values() if isinstance(table, dict) for code, ws in table.items() for w in ws}
    for word in WORDS["future"]["not_future"]:
        also = [(word, sets[word], None)] if word in sets else []
        yield "time_words", word, f"وأقرت {word} الجديدة الخميس.", also + [("الخميس", "2023-03-16", None)]
    for word in WORDS["future_heads"]:
        yield "time_words", word, f"وأعلنت الوزارة الأحد، {word} أن تبدأ المفاوضات الخميس.", [("الأحد", "2023-03-12", None), ("الخميس", "2023-03-23", None)]
    for word in WORDS["complementizers"]:
        yield "time_words", word, f"وسيعلن الوزير غدا {word} الاتفاق وقع الخميس.", [("غدا", "2023-03-17", None), ("الخميس", "2023-03-16", None)]
    for entry in WORDS["gregorian_holidays"]:
        expected_day = dt.date(2023, int(entry["month"]), int(entry["day"]))
        yield "time_words", entry["words"], f"واحتفلت البلاد بـ{entry['words']} 2023.", [(f"{entry['words']} 2023", expected_day.isoformat(), None)]
    for entry in WORDS["hijri_holidays"]:
        expected = hijri_to_gregorian(1444, int(entry["month"]), int(entry["day"]))
        assert expected is not None
        yield "time_words", entry["words"], f"وتوقع المصدر إعلان الهدنة قبل {entry['words']} 1444.", [(f"{entry['words']} 1444", expected.isoformat(), None)]


ENTRY_CASES = list(_entry_cases())


@pytest.mark.parametrize(("source", "entry", "sentence", "expected"), ENTRY_CASES, ids=[f"{c[0]}-{i:03d}" for i, c in enumerate(ENTRY_CASES)])
def test_dates_reads_every_entry_of_the_language_data(source: str, entry: str, sentence: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    found = [(d.text, d.value, d.mod) for d in dates_of(sentence, PUB)]
    if expected and expected[0][1] == "XX":
        assert not any(text == "اليوم" for text, _, _ in found)  # "هذا اليوم" is no publication day
        return
    if expected and expected[0][1] is None:  # seasons: any value, the span is what matters
        assert [text for text, _, _ in found] == [text for text, _, _ in expected]
        return
    assert found == expected


def _leaves(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, (list, dict)):
                yield from _leaves(value)
            elif key == "words":
                yield str(value)
            elif key in ("designator", "years", "time", "singular_alone"):
                yield str(value) if key != "singular_alone" and key != "time" else key
    elif isinstance(data, list):
        for item in data:
            yield from _leaves(item)
    else:
        yield str(data)


@pytest.mark.parametrize(("source", "data"), [("months", MONTHS), ("time_words", WORDS)])
def test_dates_language_data_has_no_untested_entry(source: str, data: Any) -> None:
    tested = {entry for file, entry, _, _ in ENTRY_CASES if file == source}
    untested = sorted(set(_leaves(data)) - tested)
    assert untested == [], f"entries of {source}.yaml that no test sentence exercises: {untested}"
