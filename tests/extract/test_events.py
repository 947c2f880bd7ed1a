"""The events component: PLOVER types, participants, dates, negation and modality."""

from __future__ import annotations

import pytest

from marsad.document import EVENT_TYPES
from marsad.extract.events import events, find_events, trigger_lexicon
from marsad.extract.quotes import quotes
from tests.extract.docs_by_hand import make_doc

BAGHDAD = ("LOC", "بغداد", None, ["بغداد"])
WASHINGTON = ("LOC", "واشنطن", None, ["واشنطن"])
SYRIA = ("LOC", "سوريا", None, ["سوريا"])
FOREIGN = ("ORG", "وزارة الخارجية", None, ["وزارة الخارجية"])
EU = ("ORG", "الاتحاد الأوروبي", None, ["الاتحاد الأوروبي"])
GOVERNMENT = ("ORG", "الحكومة العراقية", None, ["الحكومة العراقية"])
COMMISSION = ("ORG", "المفوضية", None, ["المفوضية"])
INTERIOR = ("ORG", "وزارة الداخلية", None, ["وزارة الداخلية"])
MINISTER = ("PERSON", "قاسم الأعرجي", "مستشار الأمن القومي", ["قاسم الأعرجي"])


def test_events_verb_first_agreement_with_joined_subjects() -> None:
    doc = make_doc(
        "وفي (26 يوليو) الماضي، اتفقت بغداد وواشنطن على انسحاب كامل للقوات القتالية من البلاد.",
        [BAGHDAD, WASHINGTON],
        [("(26 يوليو) الماضي", "2023-07-26", None, "relative")],
    )
    [event] = find_events(doc)  # the withdrawal is what they agreed on, not an event of its own
    assert (event.type, event.trigger.text, event.actor, event.target) == (
        "AGREE",
        "اتفقت",
        "e1",
        "e2",
    )
    assert (event.date, event.modality, event.negated) == ("2023-07-26", "asserted", False)


def test_events_support_verb_makes_a_verbal_noun_an_event() -> None:
    doc = make_doc(
        "عقدت وزارة الخارجية، الخميس، مباحثات مع وفد من الاتحاد الأوروبي حول ملف الهجرة.",
        [FOREIGN, EU],
        [("الخميس", "2023-05-18", None, "relative")],
    )
    [event] = find_events(doc)
    assert (event.type, event.trigger.text, event.actor, event.target, event.date) == (
        "CONSULT",
        "مباحثات",
        "e1",
        "e2",
        "2023-05-18",
    )


def test_events_nisba_stands_for_the_country_and_future_is_marked() -> None:
    doc = make_doc(
        "وقال المسؤول إن القوات بدأت التحضير، وسيكتمل الانسحاب الأميركي من سوريا نهاية العام.",
        [SYRIA],
        [("نهاية العام", "2023", "END", "relative")],
    )
    [event] = [e for e in find_events(doc) if e.type == "RETREAT"]
    assert (event.actor, event.actor_text, event.mode) == (None, "الولايات المتحدة", "withdraw")
    assert (event.location, event.modality, event.date) == ("e1", "future", "2023")


def test_events_agent_after_min_is_the_actor() -> None:
    doc = make_doc(
        "وتتواجد القوات في البلاد منذ صيف 2014، بطلب من الحكومة العراقية آنذاك.",
        [GOVERNMENT],
        [("صيف 2014", "2014-SU", None, "date")],
    )
    [event] = find_events(doc)
    assert (event.type, event.trigger.text, event.actor, event.date) == (
        "REQUEST",
        "بطلب",
        "e1",
        "2014-SU",
    )


def test_events_subject_before_the_verb_and_object_masdar_is_not_an_event() -> None:
    doc = quotes(
        make_doc(
            "وأوضحت الناطقة أن المفوضية طلبت من وزارة الداخلية نشر قوات إضافية حول المراكز.",
            [COMMISSION, INTERIOR],
        )
    )
    [event] = find_events(doc)  # what the spokeswoman says happened: reported
    assert (event.type, event.actor, event.target) == ("REQUEST", "e1", "e2")
    assert event.modality == "reported"


def test_events_host_and_meeting_are_one_event() -> None:
    doc = make_doc(
        "وقال البيان إن قاسم الأعرجي، استضاف اليوم، اجتماعا بين اللجنتين الفنيتين.", [MINISTER]
    )
    [event] = find_events(doc)
    assert (event.type, event.trigger.text, event.actor) == ("CONSULT", "استضاف", "e1")


@pytest.mark.parametrize(
    ("text", "negated", "modality"),
    [
        (
            "وبحث الوزير مع نظيره التركي الملف، من دون أن يتوصل الجانبان إلى اتفاق نهائي.",
            True,
            "asserted",
        ),
        ("ونفت الوزارة أن تكون قد رفضت طلبات التعديل.", True, "asserted"),
        (
            "وحذر مراقبون من أنه في حال قاطع الحزب الانتخابات فإن الاقتراع سيتعثر.",
            False,
            "hypothetical",
        ),
        ("وقال الوزير إن الحكومة سترفض أي تدخل خارجي.", False, "future"),
    ],
)
def test_events_negation_and_modality_are_marked(text: str, negated: bool, modality: str) -> None:
    event = find_events(make_doc(text))[-1]
    assert (event.negated, event.modality) == (negated, modality)


@pytest.mark.parametrize(
    "text",
    [
        "وقع انفجار قوي في السوق الشعبي وسط المدينة.",  # وقع "happened", not "signed"
        "عقدت اللجنة اجتماعا لمناقشة الانسحاب من المنطقة.",  # the withdrawal is a topic
        "وتعمل وزارة التعاون الدولي على برامج الحماية الاجتماعية.",  # a trigger word inside a name
        "خرج الآلاف في مسيرات رفضا للقرار.",  # رفضا is an adverbial noun
    ],
)
def test_events_lookalikes_and_topics_are_not_coded(text: str) -> None:
    found = find_events(
        make_doc(text, [("ORG", "وزارة التعاون الدولي", None, ["وزارة التعاون الدولي"])])
    )
    assert all(e.type not in ("AGREE", "RETREAT", "REJECT", "COOPERATE") for e in found)


def test_events_past_verb_without_date_takes_the_publication_day() -> None:
    doc = make_doc(
        "ودعا قاسم الأعرجي الأطراف كافة إلى ضبط النفس.", [MINISTER], published="2023-05-18"
    )
    [event] = find_events(doc)
    assert (event.type, event.actor, event.date) == ("REQUEST", "e1", "2023-05-18")


def test_events_visit_has_its_plover_mode() -> None:
    [event] = find_events(make_doc("وزار قاسم الأعرجي بغداد أمس.", [MINISTER, BAGHDAD]))
    assert (event.type, event.mode, event.actor, event.target) == ("CONSULT", "visit", "e1", "e2")


def test_events_lexicon_types_are_plover_types() -> None:
    lexicon = trigger_lexicon()
    types = {
        entry.trigger.type for bucket in lexicon.verbs._by_first.values() for _, entry in bucket
    }
    assert types <= set(EVENT_TYPES)
    assert len(types) == len(EVENT_TYPES)


def test_events_component_spans_hold_their_text() -> None:
    text = "اتفقت بغداد وواشنطن على جدول زمني. وسيكتمل الانسحاب الأميركي من سوريا نهاية العام، بطلب من الحكومة العراقية."
    doc = events(
        make_doc(
            text,
            [BAGHDAD, WASHINGTON, SYRIA, GOVERNMENT],
            [("نهاية العام", "2023", "END", "relative")],
        )
    )
    assert [e.type for e in doc.events] == ["AGREE", "RETREAT", "REQUEST"]
    for event in doc.events:
        assert doc.text[event.trigger.start : event.trigger.end] == event.trigger.text
        assert 0.0 < event.confidence <= 1.0
        assert event.sentence == doc.sentence_of(event.trigger.start)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وعقد وزراء الطاقة اجتماعا رباعيا في عمّان.", ("CONSULT", "multilateral")),
        ("وأجرى الرئيسان اتصالا هاتفيا بحثا خلاله العلاقات الثنائية.", ("CONSULT", "phone")),
        ("وقدمت الحكومة مساعدات عسكرية للجيش الأوكراني.", ("AID", "military")),
        ("وقدم البنك قرضا بقيمة مليار دولار.", ("AID", "economic")),
        ("وألقت الشرطة القبض على ثلاثة مشتبه بهم.", ("COERCE", "arrest")),
    ],
)
def test_events_mode_follows_the_words_after_the_trigger(
    text: str, expected: tuple[str, str]
) -> None:
    event = find_events(make_doc(text))[0]
    assert (event.type, event.mode) == expected
