"""Articles written for the web tests, with hand-built facts, and stores made from them.

The articles are in the style of Iraqi and Gulf news wires (people are invented; institutions
and places are real). Their facts are given by the text they cover, located in the analysed
text, so the tests do not depend on how far the extraction components have come: the pages
must show every kind of fact, and these Documents have every kind.

:func:`build_store` writes them through the store's own writer (entity resolution, stories,
duplicates, search index), exactly as ``marsad ingest`` would.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import marsad
from marsad.document import Commitment, DateExpr, Document, Entity, Event, Quantity, Quote, Span
from marsad.ingest.records import Article
from marsad.store.write import Pending, Writer, article_key, input_hash


@dataclass
class Spec:
    """One test article: text and metadata, and its facts written as the text they cover."""

    key: str
    title: str
    text: str
    published: str
    source: str
    url: str
    entities: list[dict[str, Any]] = field(default_factory=list)
    dates: list[dict[str, Any]] = field(default_factory=list)
    quantities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    commitments: list[dict[str, Any]] = field(default_factory=list)


WITHDRAWAL = Spec(
    key="withdrawal",
    title="قيادة العمليات المشتركة تبحث مع التحالف الدولي جدول انسحاب القوات",
    published="2024-03-12",
    source="وكالة الرافدين",
    url="https://rafidain.example/news/2024/03/12/withdrawal",
    text=(
        "بحثت قيادة العمليات المشتركة العراقية، الثلاثاء، مع وفد من التحالف الدولي جدولا زمنيا لانسحاب القوات القتالية من البلاد.\n\n"
        "وقال الناطق باسم القيادة، اللواء سامر الجبوري، في مؤتمر صحفي ببغداد إن «الجانبين اتفقا على استكمال الانسحاب قبل نهاية العام الجاري».\n\n"
        "وأضاف الجبوري أن القوات العراقية تسلمت أكثر من 2100 شحنة من المعدات خلال الأشهر الماضية، "
        "مؤكدا أن «الحاجة إلى القوات الأجنبية تراجعت كثيرا».\n\n"
        "وكانت الحكومة العراقية قد طلبت في (8 كانون الثاني) المنصرم من الولايات المتحدة الإسراع في سحب قواتها، "
        "بعد أن استعادت القوات العراقية منذ صيف 2014 نحو ثلث مساحة البلاد."
    ),
    entities=[
        {"id": "e1", "type": "ORG", "canonical": "قيادة العمليات المشتركة", "latin": "Joint Operations Command", "mentions": ["قيادة العمليات المشتركة", "القيادة"]},
        {"id": "e2", "type": "ORG", "canonical": "التحالف الدولي", "latin": "International Coalition", "mentions": ["التحالف الدولي"]},
        {"id": "e3", "type": "PERSON", "canonical": "سامر الجبوري", "latin": "Samer al-Jubouri", "title": "الناطق باسم القيادة اللواء", "mentions": ["سامر الجبوري", "الجبوري"]},
        {"id": "e4", "type": "LOC", "canonical": "بغداد", "latin": "Baghdad", "mentions": ["بغداد"]},
        {"id": "e5", "type": "LOC", "canonical": "الولايات المتحدة", "latin": "United States", "mentions": ["الولايات المتحدة"]},
        {"id": "e6", "type": "ORG", "canonical": "الحكومة العراقية", "latin": "Iraqi Government", "mentions": ["الحكومة العراقية"]},
    ],
    dates=[
        {"text": "الثلاثاء", "value": "2024-03-12", "kind": "relative"},
        {"text": "نهاية العام الجاري", "value": "2024", "mod": "END", "kind": "relative"},
        {"text": "(8 كانون الثاني) المنصرم", "value": "2024-01-08", "kind": "date"},
        {"text": "صيف 2014", "value": "2014-SU", "kind": "date"},
    ],
    quantities=[
        {"text": "أكثر من 2100 شحنة", "value": 2100, "unit": "شحنة", "qualifier": "more_than"},
        {"text": "نحو ثلث مساحة البلاد", "value": 1 / 3, "unit": "مساحة البلاد", "qualifier": "about"},
    ],
    quotes=[
        {"text": "«الجانبين اتفقا على استكمال الانسحاب قبل نهاية العام الجاري»", "speaker": "e3", "speaker_text": "سامر الجبوري", "cue": "وقال"},
        {"text": "«الحاجة إلى القوات الأجنبية تراجعت كثيرا»", "speaker": "e3", "speaker_text": "الجبوري", "cue": "مؤكدا"},
    ],
    events=[
        {"type": "CONSULT", "trigger": "بحثت", "actor": "e1", "target": "e2", "date": "2024-03-12"},
        {"type": "AGREE", "trigger": "اتفقا", "actor": "e1", "target": "e2", "modality": "reported"},
        {"type": "RETREAT", "mode": "withdraw", "trigger": "الانسحاب", "actor": "e2", "location": "e4", "date": "2024", "modality": "future"},
        {"type": "REQUEST", "trigger": "طلبت", "actor": "e6", "target": "e5", "date": "2024-01-08"},
    ],
    commitments=[
        {"who": "e2", "what": "استكمال الانسحاب", "due": "2024", "due_mod": "END", "trigger": "اتفقا على"},
    ],
)

FOLLOW_UP = Spec(
    key="follow-up",
    title="واشنطن: سحب القوات من العراق سيجري بالتنسيق مع بغداد",
    published="2024-03-13",
    source="صحيفة الخليج اليوم",
    url="https://khaleej.example/politics/2024-03-13/us-iraq",
    text=(
        "أعلنت وزارة الخارجية الأمريكية، الأربعاء، أن سحب قوات التحالف الدولي من العراق سيجري بالتنسيق الكامل مع الحكومة في بغداد.\n\n"
        "وقالت المتحدثة باسم الوزارة، ليندا كارتر، إن «أي جدول زمني سيراعي قدرة القوات العراقية على حماية البلاد».\n\n"
        "وكان الناطق باسم قيادة العمليات المشتركة، سامر الجبوري، قد أعلن أمس أن الانسحاب سيكتمل قبل نهاية العام."
    ),
    entities=[
        {"id": "e1", "type": "ORG", "canonical": "وزارة الخارجية الأمريكية", "latin": "US State Department", "mentions": ["وزارة الخارجية الأمريكية", "الوزارة"]},
        {"id": "e2", "type": "ORG", "canonical": "التحالف الدولي", "latin": "International Coalition", "mentions": ["التحالف الدولي"]},
        {"id": "e3", "type": "LOC", "canonical": "العراق", "latin": "Iraq", "mentions": ["العراق"]},
        {"id": "e4", "type": "LOC", "canonical": "بغداد", "latin": "Baghdad", "mentions": ["بغداد"]},
        {"id": "e5", "type": "PERSON", "canonical": "ليندا كارتر", "latin": "Linda Carter", "title": "المتحدثة باسم الوزارة", "mentions": ["ليندا كارتر"]},
        {"id": "e6", "type": "PERSON", "canonical": "سامر الجبوري", "latin": "Samer al-Jubouri", "mentions": ["سامر الجبوري"]},
        {"id": "e7", "type": "ORG", "canonical": "قيادة العمليات المشتركة", "latin": "Joint Operations Command", "mentions": ["قيادة العمليات المشتركة"]},
    ],
    dates=[
        {"text": "الأربعاء", "value": "2024-03-13", "kind": "relative"},
        {"text": "أمس", "value": "2024-03-12", "kind": "relative"},
        {"text": "نهاية العام", "value": "2024", "mod": "END", "kind": "relative"},
    ],
    quotes=[
        {"text": "«أي جدول زمني سيراعي قدرة القوات العراقية على حماية البلاد»", "speaker": "e5", "speaker_text": "ليندا كارتر", "cue": "وقالت"},
    ],
    events=[
        {"type": "RETREAT", "mode": "withdraw", "trigger": "سحب", "actor": "e2", "location": "e3", "modality": "future"},
        {"type": "COOPERATE", "trigger": "بالتنسيق", "actor": "e1", "target": "e4", "modality": "future"},
        {"type": "RETREAT", "mode": "withdraw", "trigger": "الانسحاب", "actor": "e2", "date": "2024", "modality": "reported", "nth": 0},
    ],
    commitments=[
        {"who": "e2", "what": "الانسحاب سيكتمل", "due": "2024", "due_mod": "END", "trigger": "سيكتمل"},
    ],
)

RATES = Spec(
    key="rates",
    title="البنك المركزي الكويتي يرفع سعر الخصم ربع نقطة مئوية",
    published="2024-03-14",
    source="صحيفة الخليج اليوم",
    url="https://khaleej.example/economy/2024-03-14/rates",
    text=(
        "قرر بنك الكويت المركزي، الخميس، رفع سعر الخصم بمقدار 0.25 نقطة مئوية ليصل إلى 4.25%، في خطوة هي الثالثة منذ مطلع العام.\n\n"
        "وقال محافظ البنك، فهد العتيبي، إن «القرار يهدف إلى الحفاظ على جاذبية الدينار واحتواء التضخم».\n\n"
        "وتوقع العتيبي أن يتراجع التضخم إلى أقل من 3% بحلول منتصف العام المقبل."
    ),
    entities=[
        {"id": "e1", "type": "ORG", "canonical": "بنك الكويت المركزي", "latin": "Central Bank of Kuwait", "mentions": ["بنك الكويت المركزي", "البنك"]},
        {"id": "e2", "type": "PERSON", "canonical": "فهد العتيبي", "latin": "Fahad al-Otaibi", "title": "محافظ البنك", "mentions": ["فهد العتيبي", "العتيبي"]},
    ],
    dates=[
        {"text": "الخميس", "value": "2024-03-14", "kind": "relative"},
        {"text": "مطلع العام", "value": "2024", "mod": "START", "kind": "relative"},
        {"text": "منتصف العام المقبل", "value": "2025", "mod": "MID", "kind": "relative"},
    ],
    quantities=[
        {"text": "0.25 نقطة مئوية", "value": 0.25, "unit": "نقطة مئوية"},
        {"text": "4.25%", "value": 4.25, "unit": "%"},
        {"text": "أقل من 3%", "value": 3, "unit": "%", "qualifier": "less_than"},
    ],
    quotes=[
        {"text": "«القرار يهدف إلى الحفاظ على جاذبية الدينار واحتواء التضخم»", "speaker": "e2", "speaker_text": "فهد العتيبي", "cue": "وقال"},
    ],
    events=[],
    commitments=[
        {"who": "e2", "what": "يتراجع التضخم إلى أقل من 3%", "due": "2025", "due_mod": "MID", "trigger": "وتوقع"},
    ],
)

# A syndicated copy of the first article under another outlet: an exact duplicate.
COPY = Spec(**{**WITHDRAWAL.__dict__, "key": "copy", "source": "شبكة النهرين", "url": "https://nahrain.example/a/8812"})

CORPUS = (WITHDRAWAL, FOLLOW_UP, RATES, COPY)

# Hostile input: markup, direction overrides, a word longer than any screen, a script URL.
HOSTILE = Spec(
    key="hostile",
    title="<img src=x onerror=alert(1)> عنوان \u202eمعكوس\u202c <script>alert('t')</script>",
    published="2024-03-15",
    source="<b>مصدر</b>\u202e",
    url="javascript:alert(document.cookie)",
    text=(
        "قال المتحدث <script>alert('xss')</script> باسم \u202eالجبهة\u202c الوطنية، خالد <b>النجار</b>، إن "
        "«الهجوم \u2067انتهى\u2069 <iframe src=//evil.example></iframe>».\n\n"
        + "ب" * 3000
        + " "
        + "A" * 400
        + "\n\nوأكد النجار أن الاتفاق سيوقع في 2024-04-01."
    ),
    entities=[
        {"id": "e1", "type": "PERSON", "canonical": "خالد <b>النجار</b>", "latin": "<script>x</script>Khaled", "title": "\u202eالمتحدث", "mentions": ["خالد <b>النجار</b>", "النجار"]},
        {"id": "e2", "type": "ORG", "canonical": "\u202eالجبهة\u202c الوطنية", "latin": "National Front", "mentions": ["\u202eالجبهة\u202c الوطنية"]},
    ],
    dates=[{"text": "2024-04-01", "value": "2024-04-01", "kind": "date"}],
    quotes=[
        {"text": "«الهجوم \u2067انتهى\u2069 <iframe src=//evil.example></iframe>»", "speaker": "e1", "speaker_text": "<i>خالد</i>", "cue": "<u>قال</u>"},
    ],
    events=[{"type": "ASSAULT", "trigger": "الهجوم", "actor": "e2", "modality": "reported"}],
    commitments=[{"who": "e1", "what": "الاتفاق سيوقع", "due": "2024-04-01", "trigger": "سيوقع"}],
)


def _locate(text: str, snippet: str, nth: int = 0, after: int = 0) -> tuple[int, int]:
    position = after - 1
    for _ in range(nth + 1):
        position = text.find(snippet, position + 1)
        if position < 0:
            raise AssertionError(f"{snippet!r} is not in the test article")
    return position, position + len(snippet)


def document(spec: Spec) -> Document:
    """The Document of ``spec``: analysed by the configured pipeline, facts replaced by the spec's."""
    doc = marsad.analyse(spec.text, published=spec.published, title=spec.title, url=spec.url, source=spec.source)
    text = doc.text

    def span(snippet: str, nth: int = 0) -> Span:
        start, end = _locate(text, snippet, nth)
        return Span(start=start, end=end, text=text[start:end])

    entities = []
    for e in spec.entities:
        mentions: list[Span] = []
        for m in e["mentions"]:
            position = -1
            while True:
                position = text.find(m, position + 1)
                if position < 0:
                    break
                if not any(s.start <= position < s.end for s in mentions):
                    mentions.append(Span(start=position, end=position + len(m), text=m))
        mentions.sort(key=lambda s: s.start)
        entities.append(Entity(id=e["id"], type=e["type"], canonical=e["canonical"], latin=e["latin"], title=e.get("title"), mentions=tuple(mentions)))
    names = {e.id: e.canonical for e in entities}
    dates = [
        DateExpr(start=(s := span(d["text"])).start, end=s.end, text=s.text, value=d["value"], mod=d.get("mod"), kind=d.get("kind", "date"))
        for d in spec.dates
    ]
    quantities = [
        Quantity(start=(s := span(q["text"])).start, end=s.end, text=s.text, value=float(q["value"]), unit=q.get("unit"), qualifier=q.get("qualifier", "exact"))
        for q in spec.quantities
    ]
    quotes = [
        Quote(start=(s := span(q["text"])).start, end=s.end, text=s.text, speaker=q["speaker"], speaker_text=q["speaker_text"], cue=q["cue"], direct=True)
        for q in spec.quotes
    ]
    events = []
    for ev in spec.events:
        trigger = span(ev["trigger"], ev.get("nth", 0))
        events.append(Event(
            type=ev["type"], mode=ev.get("mode"), trigger=trigger, sentence=doc.sentence_of(trigger.start),
            actor=ev.get("actor"), actor_text=names.get(ev.get("actor", "")), target=ev.get("target"), target_text=names.get(ev.get("target", "")),
            location=ev.get("location"), location_text=names.get(ev.get("location", "")), date=ev.get("date"),
            modality=ev.get("modality", "asserted"), confidence=0.9,
        ))
    commitments = [
        Commitment(who=c["who"], who_text=names.get(c["who"]), what=span(c["what"]), due=c["due"], due_mod=c.get("due_mod"), trigger=span(c["trigger"]))
        for c in spec.commitments
    ]
    return doc.replace(entities=tuple(entities), dates=tuple(dates), quantities=tuple(quantities), quotes=tuple(quotes),
                       events=tuple(events), commitments=tuple(commitments))


def build_store(path: Path, specs: Sequence[Spec] = CORPUS) -> dict[str, str]:
    """Write ``specs`` into a new store at ``path``; the store id of each spec's article by key."""
    ids: dict[str, str] = {}
    with Writer(path) as writer:
        for spec in specs:
            article = Article(text=spec.text, origin=spec.url, title=spec.title, url=spec.url, published=spec.published, source=spec.source)
            hash_ = input_hash(article)
            key = article_key(article, hash_)
            writer.write([Pending(article=article, doc=document(spec), key=key, input_hash=hash_)])
            row = writer.db.execute("SELECT id FROM articles WHERE key = ? AND current = 1", (key,)).fetchone()
            ids[spec.key] = str(row[0])
    return ids
