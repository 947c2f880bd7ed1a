"""The quotes component: direct and reported speech, cues, speakers and continuations."""

from __future__ import annotations

import pytest

from marsad.extract.components import quotes
from marsad.extract.quotes import find_quotes
from tests.extract.docs_by_hand import make_doc

MINISTER = ("PERSON", "فؤاد حسين", "وزير الخارجية", ["فؤاد حسين"])
HEALTH = ("ORG", "وزارة الصحة", None, ["وزارة الصحة"])
DEFENCE = ("ORG", "وزارة الدفاع", None, ["وزارة الدفاع"])
SPOKESMAN = ("PERSON", "يحيى خالد", "المتحدث باسم الوزارة", ["يحيى خالد"])
ABBADI = ("PERSON", "ريم العبادي", "وزيرة الطاقة", ["ريم العبادي", "العبادي"])
STATS = ("ORG", "الجهاز المركزي للإحصاء", None, ["الجهاز المركزي للإحصاء"])


def test_quotes_direct_quote_has_the_named_speaker() -> None:
    doc = make_doc(
        "وقال وزير الخارجية، فؤاد حسين، إن «العراق لن يكون ساحة لتصفية الحسابات».", [MINISTER]
    )
    [quote] = find_quotes(doc)
    assert quote.text == "العراق لن يكون ساحة لتصفية الحسابات"
    assert (quote.speaker, quote.cue, quote.direct) == ("e1", "وقال", True)
    assert quote.speaker_text == "فؤاد حسين"  # the canonical name, without the title


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a feminine continuation cue goes to the organisation, not to the man quoted since
        (
            (
                "وذكرت وزارة الدفاع في بيان أن «القوات أحبطت هجوما». وقال المتحدث باسمها، يحيى خالد، إن «الوضع مستقر». "
                "وأضافت في بيان أن «التحقيقات جارية»."
            ),
            ["e1", "e2", "e1"],
        ),
        # a masculine one goes to the man
        (
            (
                "وذكرت وزارة الدفاع في بيان أن «القوات أحبطت هجوما». وقال المتحدث باسمها، يحيى خالد، إن «الوضع مستقر». "
                "وأردف أن «الحدود مؤمنة بالكامل»."
            ),
            ["e1", "e2", "e2"],
        ),
        # adverbial participles carry the gender too
        (
            "وقال المتحدث باسم الوزارة، يحيى خالد، إن «الوضع مستقر»، قائلا إن «الحدود مؤمنة».",
            ["e2", "e2"],
        ),
    ],
)
def test_quotes_continuation_cue_goes_to_last_speaker_of_its_gender(
    text: str, expected: list[str]
) -> None:
    doc = make_doc(text, [DEFENCE, SPOKESMAN])
    assert [q.speaker for q in find_quotes(doc)] == expected


def test_quotes_unnamed_speaker_keeps_its_text_and_feminine_participle_follows_it() -> None:
    text = "وأشارت الأطراف المجتمعة إلى: «استمرار التنسيق الأمني بين الجانبين». مؤكدة: «التزامها بالشراكة القائمة»."
    found = find_quotes(make_doc(text))
    assert [(q.speaker, q.speaker_text, q.cue) for q in found] == [
        (None, "الأطراف المجتمعة", "وأشارت"),
        (None, "الأطراف المجتمعة", "مؤكدة"),
    ]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        (
            "وأوضح المتحدث باسم الوزارة، يحيى خالد، أن الوزارة ستفتح المعبر يوم الأحد.",
            "الوزارة ستفتح المعبر يوم الأحد",
        ),
        (
            "وأكد يحيى خالد أن الحكومة ملتزمة بالاتفاق، مشيرا إلى أن المفاوضات مستمرة.",
            "الحكومة ملتزمة بالاتفاق",
        ),
        (
            "وحذر مراقبون من أنه في حال تأجلت الانتخابات فإن الأزمة ستتفاقم.",
            "في حال تأجلت الانتخابات فإن الأزمة ستتفاقم",
        ),
    ],
)
def test_quotes_reported_speech_is_an_indirect_quote(text: str, quoted: str) -> None:
    first = find_quotes(make_doc(text, [SPOKESMAN]))[0]
    assert first.text == quoted
    assert first.direct is False


def test_quotes_cue_after_the_quotation_and_resumed_quotation() -> None:
    text = "«هذه الخطوة ليست حلا نهائيا للأزمة»، قالت وزيرة الطاقة، ريم العبادي، «لكنها تخفف جزءا من المعاناة»."
    found = find_quotes(make_doc(text, [ABBADI]))
    assert [q.text for q in found] == [
        "هذه الخطوة ليست حلا نهائيا للأزمة",
        "لكنها تخفف جزءا من المعاناة",
    ]
    assert {q.speaker for q in found} == {"e1"}


def test_quotes_words_after_a_colon_are_a_direct_quote() -> None:
    [quote] = find_quotes(make_doc("وقال فؤاد حسين: الأوضاع مستقرة والحدود مؤمنة.", [MINISTER]))
    assert (quote.text, quote.direct, quote.speaker) == ("الأوضاع مستقرة والحدود مؤمنة", True, "e1")


def test_quotes_source_phrase_names_the_speaker() -> None:
    text = "وبحسب بيانات الجهاز المركزي للإحصاء، فإن معدل التضخم بلغ 30 بالمئة في فبراير الماضي."
    [quote] = find_quotes(make_doc(text, [STATS]))
    assert quote.speaker == "e1"
    assert quote.text == "معدل التضخم بلغ 30 بالمئة في فبراير الماضي"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("وقتل عشرة أشخاص في الحادث، وفق ما أوردته وكالة الأنباء الرسمية.", "وكالة الأنباء الرسمية"),
        ("وأصيب خمسة آخرون، وفق حصيلة أعلنتها وزارة الصحة.", "وزارة الصحة"),
        ("وارتفع الإنتاج في الربع الأول، وفق تقرير صادر عن منظمة أوبك.", "منظمة أوبك"),
    ],
)
def test_quotes_source_phrase_stands_for_the_body_named_behind_it(text: str, speaker: str) -> None:
    body = ("ORG", speaker, None, [speaker])
    [quote] = find_quotes(make_doc(text, [body]))
    assert quote.speaker == "e1"
    assert quote.speaker_text == speaker
    assert not quote.direct


def test_quotes_quotation_spanning_paragraphs_is_one_quote() -> None:
    text = "وقال المتحدث باسم الوزارة، يحيى خالد، في تصريح للصحفيين:\n\n«إن الصادرات ارتفعت هذا الشهر.\n\n«وستستمر الوزارة في خطتها حتى نهاية العام»."
    [quote] = find_quotes(make_doc(text, [SPOKESMAN]))
    assert quote.text.startswith("إن الصادرات") and quote.text.endswith("حتى نهاية العام")
    assert quote.speaker == "e1"


@pytest.mark.parametrize(
    "text",
    [
        "وانضم العراق إلى اتفاق «أوبك+» عام 2016 بعد مفاوضات طويلة.",  # a quoted name
        "وكانت أول جولتين مع “ترامب”، والأخريات مع “بايدن”.",  # quoted names
        "وقع حادث تصادم بين سيارة وشاحنة على الطريق الدولي.",  # بين is not a cue here
        "وتراوحت الزيادة بين 4,5 و8 بالمئة، على أن تطبق الزيادة الثانية على دفعتين.",
    ],
)
def test_quotes_quoted_names_and_lookalike_words_are_not_quotes(text: str) -> None:
    assert find_quotes(make_doc(text)) == []


def test_quotes_component_spans_hold_their_text() -> None:
    text = (
        "وقالت وزارة الصحة في بيان إن «الفرق الطبية تعمل على مدار الساعة». وأضافت أن عدد الإصابات تراجع، "
        "مؤكدة: «لا داعي للقلق». «سنواصل العمل»، قال فؤاد حسين."
    )
    doc = quotes(make_doc(text, [HEALTH, MINISTER]))
    assert len(doc.quotes) == 4
    for quote in doc.quotes:
        assert doc.text[quote.start : quote.end] == quote.text
        assert 0.0 < quote.confidence <= 1.0
    assert [q.speaker for q in doc.quotes] == ["e1", "e1", "e1", "e2"]


@pytest.mark.parametrize(
    ("text", "speaker", "speaker_text", "quoted"),
    [
        # the source quoted by an agency is the speaker, not the agency
        (
            "ونقلت وكالة الأنباء عن مسؤول في الوزارة قوله إن المفاوضات متوقفة.",
            None,
            "مسؤول في الوزارة",
            "المفاوضات متوقفة",
        ),
        (
            "وأفادت صحيفة محلية، نقلا عن مصدر في وزارة المالية، بأن الخزينة عاجزة عن تمويل الزيادة.",
            None,
            "مصدر في وزارة المالية",
            "الخزينة عاجزة عن تمويل الزيادة",
        ),
        # an impersonal cue goes to the body whose statement it is
        (
            "وقالت وزارة الصحة إن الوضع مستقر. وجاء في البيان أن الفرق الطبية تعمل بلا توقف.",
            "e1",
            None,
            "الفرق الطبية تعمل بلا توقف",
        ),
        # a relative pronoun points back to the speaker
        (
            "وخرج الآلاف استجابة لدعوة وزارة الصحة، التي اعتبرت في بيان أن «الوقاية مسؤولية الجميع».",
            "e1",
            None,
            "الوقاية مسؤولية الجميع",
        ),
    ],
)
def test_quotes_reported_sources_and_impersonal_cues(
    text: str, speaker: str | None, speaker_text: str | None, quoted: str
) -> None:
    last = find_quotes(make_doc(text, [HEALTH]))[-1]
    assert (last.speaker, last.text) == (speaker, quoted)
    if speaker_text is not None:
        assert last.speaker_text == speaker_text


def test_quotes_outlet_spoken_to_is_not_the_quote() -> None:
    text = "وقال فؤاد حسين لـ«الشرق الأوسط»: «الحوار مع أنقرة مستمر رغم الخلافات»."
    [quote] = find_quotes(make_doc(text, [MINISTER]))
    assert (quote.text, quote.speaker) == ("الحوار مع أنقرة مستمر رغم الخلافات", "e1")


def test_quotes_shared_per_article_work_does_not_leak_between_articles() -> None:
    from concurrent.futures import ThreadPoolExecutor

    first = make_doc("وقال فؤاد حسين إن «الحوار مستمر».", [MINISTER])
    second = make_doc(
        "وذكرت وزارة الصحة في بيان أن «الوضع مستقر». وأضافت أن «الفرق تعمل».", [HEALTH]
    )
    expected = {id(d): find_quotes(d) for d in (first, second)}
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda d: (id(d), find_quotes(d)), [first, second] * 20))
    assert all(found == expected[key] for key, found in results)


# -- round 2: speech acts quoted as their object, joined cues, agreement of cue and subject --

KRG = ("ORG", "حكومة إقليم كردستان", None, ["حكومة إقليم كردستان"])
UNSMIL = ("ORG", "بعثة الأمم المتحدة للدعم في ليبيا", None, ["بعثة الأمم المتحدة للدعم في ليبيا"])
RSF = ("ORG", "قوات الدعم السريع", None, ["قوات الدعم السريع"])
ARMY = ("ORG", "الجيش السوداني", None, ["الجيش"])


@pytest.mark.parametrize(
    ("text", "cue", "quoted"),
    [
        (
            "في المقابل، رفضت حكومة إقليم كردستان «أي اتفاق يمس أمن الإقليم دون مشاركتها».",
            "رفضت",
            "أي اتفاق يمس أمن الإقليم دون مشاركتها",
        ),
        (
            "وانتقدت حكومة إقليم كردستان ما وصفته بـ«صمت بغداد» إزاء القصف المتكرر.",
            "وصفته",
            "صمت بغداد",
        ),
        (
            "وأدانت حكومة إقليم كردستان الهجوم، محملة الحكومة الاتحادية «المسؤولية الكاملة عن تبعاته».",
            "محملة",
            "المسؤولية الكاملة عن تبعاته",
        ),
    ],
)
def test_quotes_speech_act_with_its_words_quoted(text: str, cue: str, quoted: str) -> None:
    found = [q for q in find_quotes(make_doc(text, [KRG])) if q.cue == cue]
    assert [(q.text, q.speaker, q.direct) for q in found] == [(quoted, "e1", True)]


def test_quotes_joined_cue_has_its_own_words_and_the_same_speaker() -> None:
    doc = make_doc(
        "وأدانت بعثة الأمم المتحدة للدعم في ليبيا «الاستخدام العشوائي للأسلحة الثقيلة»، وطالبت بـ«محاسبة المسؤولين عن ترويع المدنيين».",
        [UNSMIL],
    )
    found = find_quotes(doc)
    assert [(q.cue, q.text, q.speaker) for q in found] == [
        ("وأدانت", "الاستخدام العشوائي للأسلحة الثقيلة", "e1"),
        ("وطالبت", "محاسبة المسؤولين عن ترويع المدنيين", "e1"),
    ]


def test_quotes_feminine_cue_does_not_take_a_masculine_object_as_speaker() -> None:
    doc = make_doc(
        "ونفت قوات الدعم السريع قصف المخيم، واتهمت الجيش بـ«إلقاء البراميل المتفجرة على الأسواق».",
        [RSF, ARMY],
    )
    [quote] = find_quotes(doc)
    assert (quote.cue, quote.speaker) == ("واتهمت", "e1")
