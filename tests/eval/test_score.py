from marsad.document import (
    Boilerplate,
    DateExpr,
    Document,
    Entity,
    Event,
    Quantity,
    Quote,
    Sentence,
    Span,
)
from marsad.eval.score import score_document

RAW = "اقرأ أيضا:\nعنوان آخر\n\nقال اللواء يحيى رسول إن: «الانسحاب بدأ». وأضاف أن القوات غادرت بغداد الخميس."


def span_of(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    position = text.index(needle, start)
    return position, position + len(needle)


def gold() -> dict:
    def s(needle: str) -> dict:
        start, end = span_of(RAW, needle)
        return {"start": start, "end": end, "text": needle}

    return {
        "published": "2021-11-11",
        "boilerplate": [{**s("اقرأ أيضا:\nعنوان آخر"), "kind": "related_links"}],
        "sentences": [s("قال اللواء يحيى رسول إن: «الانسحاب بدأ»."), s("وأضاف أن القوات غادرت بغداد الخميس.")],
        "entities": [
            {"id": "e1", "type": "PERSON", "canonical": "يحيى رسول", "title": "اللواء", "mentions": [s("يحيى رسول")]},
            {"id": "e2", "type": "LOC", "canonical": "بغداد", "title": None, "mentions": [s("بغداد")]},
        ],
        "dates": [{**s("الخميس"), "value": "2021-11-04", "mod": None, "kind": "relative"}],
        "quantities": [],
        "quotes": [{**s("الانسحاب بدأ"), "speaker": "e1", "speaker_text": "يحيى رسول", "cue": "قال", "direct": True}],
        "events": [{"type": "RETREAT", "trigger": s("غادرت"), "actor": None, "actor_text": "القوات", "target": None}],
        "commitments": [],
    }


def predicted(text: str, *, date_value: str = "2021-11-04", title: str | None = "اللواء") -> Document:
    doc = Document(id="t", text=text, boilerplate=(Boilerplate(text=RAW[: len(RAW) - len(text)], kind="related_links", start=0),))

    def sp(needle: str) -> Span:
        start, end = span_of(text, needle)
        return Span(start=start, end=end, text=needle)

    person = Entity(id="e1", type="PERSON", canonical="يحيى رسول", latin="Yahya Rasool", title=title, mentions=(sp("يحيى رسول"),))
    # A wrong extra entity: "القوات" is not a gold mention.
    extra = Entity(id="e2", type="ORG", canonical="القوات", latin="al-Quwwat", mentions=(sp("القوات"),))
    return doc.replace(
        sentences=tuple(Sentence(start=a, end=b) for a, b in (span_of(text, "قال اللواء يحيى رسول إن: «الانسحاب بدأ»."), span_of(text, "وأضاف أن القوات غادرت بغداد الخميس."))),
        entities=(person, extra),
        dates=(DateExpr(start=sp("الخميس").start, end=sp("الخميس").end, text="الخميس", value=date_value, kind="relative"),),
        quantities=(Quantity(start=0, end=3, text=text[:3], value=3.0),),
        quotes=(Quote(start=sp("الانسحاب بدأ").start, end=sp("الانسحاب بدأ").end, text="الانسحاب بدأ", speaker="e1", speaker_text="اللواء يحيى رسول", cue="قال", direct=True),),
        events=(Event(type="RETREAT", trigger=sp("غادرت"), sentence=1, actor="e2", actor_text="القوات"),),
    )


CLEAN = RAW[RAW.index("قال اللواء") :]


def test_score_maps_offsets_through_removed_furniture() -> None:
    scores = score_document(predicted(CLEAN), gold(), RAW)
    assert scores["sentences"].f1 == 1.0
    assert scores["boilerplate"].recall == 1.0 and scores["boilerplate"].precision == 1.0
    assert (scores["entities.PERSON"].tp, scores["entities.PERSON"].fp) == (1, 0)
    assert (scores["entities.ORG"].fp, scores["entities.LOC"].fn) == (1, 1)
    assert scores["entities.titles"].accuracy == 1.0


def test_score_values_and_speakers() -> None:
    scores = score_document(predicted(CLEAN, date_value="2021-11-11", title=None), gold(), RAW)
    assert scores["dates"].f1 == 1.0 and scores["dates.value"].accuracy == 0.0
    assert scores["entities.titles"].accuracy == 0.0
    assert scores["quotes"].f1 == 1.0 and scores["quotes.speaker"].accuracy == 1.0
    assert scores["quantities"].fp == 1
    assert scores["events.type"].f1 == 1.0 and scores["events.type+actor"].f1 == 1.0  # actor text matches
