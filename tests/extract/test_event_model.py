"""Candidates, features and the shipped models of event coding, on hand-built Documents."""

from __future__ import annotations

import pytest

from marsad.extract.event_model import (
    NONE,
    History,
    participant_features,
    participants,
    shipped_models,
    trigger_features,
)
from marsad.extract.events import _Coder, find_events
from tests.extract.docs_by_hand import make_doc

GOVERNMENT = ("ORG", "الحكومة العراقية", None, ["الحكومة العراقية"])
BAGHDAD = ("LOC", "بغداد", None, ["بغداد"])
WASHINGTON = ("LOC", "واشنطن", None, ["واشنطن"])
ARMED_FORCES = ("ORG", "القوات المسلحة العراقية", None, ["القوات المسلحة العراقية"])
IRAQ = ("LOC", "العراق", None, ["العراق"])


def _candidate(coder: _Coder, word: str):  # type: ignore[no-untyped-def]
    found = [c for c in coder.candidates() if coder.view.tokens[c.index].text == word]
    assert found, [coder.view.tokens[c.index].text for c in coder.candidates()]
    return found[0]


@pytest.mark.parametrize(
    ("text", "word", "event_type", "flag"),
    [
        # the agent after من makes a verbal noun with ب an event
        ("وتتواجد القوات في البلاد بطلب من الحكومة العراقية.", "بطلب", "REQUEST", "agent_min"),
        # the subject of a talk
        ("عقدت اللجنة اجتماعا لمناقشة الانسحاب من المنطقة.", "الانسحاب", "RETREAT", "topic"),
        # a support verb governs the noun
        ("وعقدت الوزارة مباحثات مع الوفد الأوروبي.", "مباحثات", "CONSULT", "governed"),
        # the entry's object is the trigger: "ألقت … القبض"
        ("وألقت الشرطة القبض على ثلاثة مشتبه بهم.", "وألقت", "COERCE", "object_is_the_trigger"),
        # a purpose: "احتجاجا على"
        ("وانسحب الوفد من الجلسة احتجاجا على إقصائه.", "احتجاجا", "ACCUSE", "purpose_accusative"),
        # a mode word names the kind of act
        ("وعقد وزراء الطاقة اجتماعا رباعيا في عمّان.", "اجتماعا", "CONSULT", "mode_word"),
    ],
)
def test_event_model_candidates_carry_the_lexicon_conditions(
    text: str, word: str, event_type: str, flag: str
) -> None:
    coder = _Coder(make_doc(text, [GOVERNMENT]))
    candidate = _candidate(coder, word)
    assert event_type in candidate.types
    assert flag in candidate.reading(event_type).flags


def test_event_model_candidates_are_a_wide_net_of_verbs_and_nouns() -> None:
    coder = _Coder(
        make_doc("وكان رئيس الوزراء قد زار بغداد، وأجرى مباحثات حول تعزيز التعاون.", [BAGHDAD])
    )
    words = {coder.view.tokens[c.index].text for c in coder.candidates()}
    # a topic ("تعزيز التعاون") is still a candidate: the model, not the lexicon, says no
    assert {"زار", "مباحثات", "التعاون"} <= words


def test_event_model_trigger_features_give_one_answer_per_type_and_none() -> None:
    coder = _Coder(make_doc("وأطلقت القوات عملية عسكرية واسعة في صحراء الأنبار."))
    candidates = coder.candidates()
    k = next(i for i, c in enumerate(candidates) if coder.view.tokens[c.index].text == "وأطلقت")
    answers = trigger_features(coder, candidates, k, History())
    assert len(answers) == 1 + len(candidates[k].types)
    assert "NONE" in answers[0] and "~w=واطلقت" in answers[0]
    assert all("EVENT" in a for a in answers[1:])
    # "أطلق عملية" finds its object, "أطلق سراح" does not: the readings say so per type
    by_type = dict(zip(candidates[k].types, answers[1:]))
    assert "r:needs=found" in by_type["ASSAULT"] and "r:needs=missing" in by_type["RETREAT"]


def test_event_model_history_tells_a_content_of_a_request() -> None:
    coder = _Coder(make_doc("ودعا الرئيس الكتل النيابية إلى استشارات ملزمة يوم الاثنين."))
    candidates = coder.candidates()
    history = History()
    history.add(candidates[0].index, "REQUEST", 0, True)
    k = next(i for i, c in enumerate(candidates) if coder.view.tokens[c.index].text == "استشارات")
    assert "~hist_content_head=REQUEST" in trigger_features(coder, candidates, k, history)[0]


def test_event_model_participants_include_nobody_names_and_nisba_countries() -> None:
    doc = make_doc("وسيكتمل الانسحاب الأميركي من العراق نهاية العام.", [IRAQ])
    coder = _Coder(doc)
    found = _candidate(coder, "الانسحاب").reading("RETREAT")
    candidates = participants(coder, found, "actor")
    assert candidates[0].who is None
    texts = {c.who.text: c.sources for c in candidates if c.who}
    assert "nisba_after" in texts["الولايات المتحدة"]
    assert "العراق" in texts


def test_event_model_participant_features_read_the_clause() -> None:
    doc = make_doc(
        "وأردف أن هناك تنسيقا في تسليم المعدات إلى القوات المسلحة العراقية.", [ARMED_FORCES]
    )
    coder = _Coder(doc)
    found = _candidate(coder, "تسليم").reading("AID")
    for candidate in participants(coder, found, "target"):
        if candidate.who is not None and candidate.who.id == "e1":
            features = participant_features(coder, found, candidate, "target")
            assert "prep=الي" in features and "pos=after" in features and "type=ORG" in features
            break
    else:
        pytest.fail("the armed forces are no candidate recipient")
    # a name after إلى is the recipient, never the actor
    assert all(c.who is None or c.who.id != "e1" for c in participants(coder, found, "actor"))


def test_event_model_shipped_models_load_with_their_record() -> None:
    models = shipped_models()
    assert models.trigger.labels == ("score",) and models.actor.labels == ("score",)
    assert 0.0 < models.threshold < 1.0
    assert models.trigger.header["command"].startswith("marsad train events")
    assert len(models.trigger.features) > 1000


@pytest.mark.parametrize(
    ("text", "entities", "expected"),
    [
        (
            "وفي (26 يوليو) الماضي، اتفقت بغداد وواشنطن على انسحاب كامل للقوات القتالية الأميركية من العراق.",
            [BAGHDAD, WASHINGTON, IRAQ],
            [("AGREE", "اتفقت", "e1")],
        ),
        (
            "يشار إلى أن القوات الأميركية، تتواجد في العراق منذ صيف 2014، بطلب من الحكومة العراقية آنذاك.",
            [GOVERNMENT, IRAQ],
            [("REQUEST", "بطلب", "e1")],
        ),
        (
            "وشنت الطائرات الحربية غارتين على مواقع التنظيم.",
            [],
            [("ASSAULT", "غارتين", None)],
        ),
        (
            "وفرضت الوزارة غرامات مالية على 212 منشأة مخالفة.",
            [],
            [("SANCTION", "غرامات", None)],
        ),
        ("عقدت اللجنة اجتماعا لمناقشة الانسحاب من المنطقة.", [], []),
        ("وأعلنت الوزارة استعدادها للعمل مع الجميع، تحسبا لغارات جديدة.", [], []),
    ],
)
def test_event_model_reproduces_known_decisions_on_news_sentences(
    text: str,
    entities: list,
    expected: list,  # type: ignore[type-arg]
) -> None:
    found = find_events(make_doc(text, entities))
    assert [(e.type, e.trigger.text) for e in found] == [(t, w) for t, w, _ in expected]
    for event, (_, _, actor) in zip(found, expected):
        if actor is not None:
            assert event.actor == actor
        assert 0.0 < event.confidence <= 1.0


def test_event_model_none_is_never_a_type() -> None:
    doc = make_doc("وقالت الوزارة إن قواتها نفذت عملية أمنية واعتقلت خمسة مطلوبين.")
    assert all(e.type != NONE for e in find_events(doc))
