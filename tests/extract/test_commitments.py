"""The commitments component: a future marker with a due date, who is committed, and to what."""

from __future__ import annotations

import pytest

from marsad.extract.commitments import find_commitments
from marsad.extract.components import commitments, events
from tests.extract.docs_by_hand import make_doc

COMMISSION = ("ORG", "المفوضية", None, ["المفوضية"])
GOVERNOR = ("PERSON", "مجدي عبد الفتاح", "محافظ الجيزة", ["مجدي عبد الفتاح"])
SYRIA = ("LOC", "سوريا", None, ["سوريا"])


def test_commitments_future_verb_with_end_of_year_deadline() -> None:
    doc = make_doc(
        "وقال إن القوات القتالية بدأت بعملية الانسحاب، وسيكتمل الانسحاب الأميركي من سوريا، نهاية هذا العام.",
        [SYRIA],
        [("نهاية هذا العام", "2023", "END", "relative")],
    )
    [commitment] = find_commitments(events(doc))
    assert commitment.trigger.text == "وسيكتمل"
    assert commitment.what.text == "وسيكتمل الانسحاب الأميركي من سوريا"
    assert (commitment.due, commitment.due_mod) == ("2023", "END")
    assert commitment.who_text == "الولايات المتحدة"  # the actor of the withdrawal, from its nisba


@pytest.mark.parametrize(
    ("text", "trigger", "what", "due", "who"),
    [
        (
            "ومن المقرر أن تنظم المفوضية الاقتراع في 18 كانون الأول المقبل في 15 محافظة.",
            "ومن المقرر",
            "ومن المقرر أن تنظم المفوضية الاقتراع",
            "2023-12-18",
            "e1",
        ),
        (
            "وأوضحت أن المفوضية ستبدأ طباعة بطاقات الاقتراع منتصف الشهر الجاري.",
            "ستبدأ",
            "ستبدأ طباعة بطاقات الاقتراع",
            "2023-05",
            "e1",
        ),
        (
            "وتعهد محافظ الجيزة، مجدي عبد الفتاح، بالانتهاء من أعمال إنارة الطريق قبل نهاية يونيو المقبل.",
            "وتعهد",
            "وتعهد محافظ الجيزة، مجدي عبد الفتاح، بالانتهاء من أعمال إنارة الطريق",
            "2023-06",
            "e2",
        ),
    ],
)
def test_commitments_markers_due_dates_and_who(
    text: str, trigger: str, what: str, due: str, who: str
) -> None:
    dates = [
        ("18 كانون الأول المقبل", "2023-12-18", None, "relative"),
        ("منتصف الشهر الجاري", "2023-05", "MID", "relative"),
        ("نهاية يونيو المقبل", "2023-06", "END", "relative"),
    ]
    [commitment] = find_commitments(make_doc(text, [COMMISSION, GOVERNOR], dates))
    assert (commitment.trigger.text, commitment.what.text, commitment.due, commitment.who) == (
        trigger,
        what,
        due,
        who,
    )


@pytest.mark.parametrize(
    "text",
    [
        "وستبقى كلفة الكهرباء عبئا على الخزينة العامة.",  # no due date
        "ولن تبدأ الوزارة توزيع المساعدات قبل نهاية الشهر الجاري.",  # negated
        "وفي حال تأخر التمويل، ستبدأ الوزارة التوزيع نهاية الشهر الجاري.",  # conditional
        "وسيبقى الجنود في القاعدة التي يعملون فيها منذ صيف 2014.",  # since, not by
        "وقال الطبيب إن القصف استمر ساعتين قبل أن يتوقف.",  # ساعتين is no future verb
        "وبحسب توقعات الصندوق فإن الاقتصاد سينمو بنسبة 2 بالمئة نهاية الشهر الجاري.",  # a forecast
    ],
)
def test_commitments_need_an_asserted_future_and_a_deadline(text: str) -> None:
    dates = [
        ("نهاية الشهر الجاري", "2023-05", "END", "relative"),
        ("صيف 2014", "2014-SU", None, "date"),
        ("ساعتين", "PT2H", None, "duration"),
    ]
    assert find_commitments(make_doc(text, dates=dates)) == []


def test_commitments_component_spans_hold_their_text() -> None:
    text = "وأكد أن المفوضية ستغلق باب الترشح في 22 نوفمبر الجاري. ومن المقرر أن تعلن النتائج مطلع العام المقبل."
    doc = commitments(
        events(
            make_doc(
                text,
                [COMMISSION],
                [
                    ("22 نوفمبر الجاري", "2023-11-22", None, "relative"),
                    ("مطلع العام المقبل", "2024", "START", "relative"),
                ],
            )
        )
    )
    assert [(c.trigger.text, c.due, c.due_mod) for c in doc.commitments] == [
        ("ستغلق", "2023-11-22", None),
        ("ومن المقرر", "2024", "START"),
    ]
    for commitment in doc.commitments:
        assert doc.text[commitment.what.start : commitment.what.end] == commitment.what.text
        assert (
            doc.text[commitment.trigger.start : commitment.trigger.end] == commitment.trigger.text
        )


def test_commitments_a_duration_is_due_only_as_a_time_limit() -> None:
    within = make_doc("وتعهدت المفوضية بإعلان النتائج خلال أسبوعين.", [COMMISSION], [("أسبوعين", "P2W", None, "duration")])
    [commitment] = find_commitments(events(within))
    assert (commitment.due, commitment.who) == ("P2W", "e1")
    length = make_doc("وقال إن الخط سيختصر زمن الرحلة إلى 35 دقيقة.", [], [("35 دقيقة", "PT35M", None, "duration")])
    assert find_commitments(events(length)) == []  # how long a trip takes is no deadline


def test_commitments_a_preposition_after_the_verb_is_not_its_subject() -> None:
    doc = make_doc(
        "وأكد المحافظ مجدي عبد الفتاح أن «المرحلة الثانية من المشروع، التي تربط المدينتين، ستنجز قبل نهاية العام المقبل».",
        [GOVERNOR],
        [("نهاية العام المقبل", "2024", "END", "relative")],
    )
    [commitment] = find_commitments(events(doc))
    assert commitment.due == "2024"
    assert commitment.who_text != "قبل"
