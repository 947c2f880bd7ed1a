"""The entities component: persons with titles, organisations, places, one entity per referent.

Sentences are written for these tests in the style of Iraqi, Levantine, Gulf, Egyptian and
Maghrebi outlets. They check the annotation rules of tests/fixtures/README.md: mentions are the
name only (no clitics, quotes, titles or ranks), ORG includes country-qualified institutions,
short forms join their full name, ids follow first mention, every entity has a Latin form.
"""

from __future__ import annotations

import pytest

from marsad.document import Document, Entity
from marsad.errors import ConfigError
from marsad.pipeline import Pipeline, new_document, registered

PIPELINE = Pipeline(["clean", "sentences", "tokens", "entities"])


def analyse(text: str) -> Document:
    doc = PIPELINE(new_document(text))
    for entity in doc.entities:
        for mention in entity.mentions:
            assert doc.text[mention.start : mention.end] == mention.text
    return doc


def find(doc: Document, canonical: str) -> Entity:
    matches = [e for e in doc.entities if e.canonical == canonical]
    assert matches, f"{canonical!r} not among {[e.canonical for e in doc.entities]}"
    return matches[0]


@pytest.mark.parametrize(
    ("text", "canonical", "kind", "title"),
    [
        (
            "وقال وزير الخارجية الأردني أيمن الصفدي، في مؤتمر صحفي بعمّان، إن بلاده تدعم الحكومة العراقية.",
            "أيمن الصفدي",
            "PERSON",
            "وزير الخارجية الأردني",
        ),
        (
            "استقبل الرئيس المصري عبد الفتاح السيسي في القاهرة، اليوم الأحد، رئيس الوزراء اللبناني نجيب ميقاتي.",
            "نجيب ميقاتي",
            "PERSON",
            "رئيس الوزراء اللبناني",
        ),
        (
            "وأكد الناطق باسم وزارة الداخلية العراقية، اللواء سعد معن، أن القوات الأمنية اعتقلت خمسة مطلوبين في الأنبار.",
            "سعد معن",
            "PERSON",
            "الناطق باسم وزارة الداخلية العراقية اللواء",
        ),
        (
            "قال العميد الركن تحسين الخفاجي، الناطق باسم قيادة العمليات المشتركة، إن القطعات انتشرت في محيط الموصل.",
            "تحسين الخفاجي",
            "PERSON",
            "العميد الركن الناطق باسم قيادة العمليات المشتركة",
        ),
        (
            "وقالت المتحدثة باسم المفوضية السامية للأمم المتحدة لشؤون اللاجئين، رولا أمين، إن المخيمات تعاني.",
            "رولا أمين",
            "PERSON",
            "المتحدثة باسم المفوضية السامية للأمم المتحدة لشؤون اللاجئين",
        ),
        (
            "ووصل المبعوث الأممي إلى ليبيا عبد الله باتيلي إلى طرابلس، حيث التقى رئيس المجلس الرئاسي محمد المنفي.",
            "محمد المنفي",
            "PERSON",
            "رئيس المجلس الرئاسي",
        ),
        (
            "وقال رئيس الوزراء الأردني بشر الخصاونة خلال لقائه وفدا من غرفة تجارة عمّان إن الحكومة ماضية في الإصلاح.",
            "بشر الخصاونة",
            "PERSON",
            "رئيس الوزراء الأردني",
        ),
        (
            "وأوقفت شرطة دبي عصابة متخصصة، بحسب ما أعلن القائد العام لشرطة دبي الفريق عبد الله خليفة المري.",
            "عبد الله خليفة المري",
            "PERSON",
            "القائد العام لشرطة دبي الفريق",
        ),
        (
            "التقى وزير الخارجية السعودي الأمير فيصل بن فرحان نظيره التركي في أنقرة.",
            "فيصل بن فرحان",
            "PERSON",
            "وزير الخارجية السعودي الأمير",
        ),
    ],
)
def test_entities_person_title(text: str, canonical: str, kind: str, title: str) -> None:
    entity = find(analyse(text), canonical)
    assert entity.type == kind
    assert entity.title == title


@pytest.mark.parametrize(
    ("text", "rank"),
    [
        ("وقال اللواء سعد معن إن القوات انتشرت.", "اللواء"),
        ("وأوضح العميد الركن تحسين الخفاجي أن العملية مستمرة.", "العميد الركن"),
        ("وأعلن الفريق أول الركن عبد الأمير يار الله انطلاق العملية.", "الفريق أول الركن"),
    ],
)
def test_entities_rank_is_title_never_name(text: str, rank: str) -> None:
    doc = analyse(text)
    persons = [e for e in doc.entities if e.type == "PERSON"]
    assert persons, doc.entities
    for person in persons:
        assert rank.split()[0] not in person.canonical
        assert all(rank.split()[0] not in m.text for m in person.mentions)
        assert person.title is not None and person.title.endswith(rank)


@pytest.mark.parametrize(
    ("text", "mention", "canonical"),
    [
        ("وصل الوفد الأردني إلى بغداد أمس، ثم توجه الوزير بالطائرة إلى البصرة.", "البصرة", "البصرة"),
        ("وتربط علاقات قوية بين عمّان وبغداد منذ سنوات.", "بغداد", "بغداد"),
        ("وأكد دعم بلاده للعراق في حربه على الإرهاب.", "للعراق", "العراق"),
        ("ودعا الأمين العام للأمم المتحدة إلى وقف القتال.", "للأمم المتحدة", "الأمم المتحدة"),
        ("وانطلقت في الرباط أشغال الدورة الخامسة للجنة المشتركة المغربية الموريتانية.", "للجنة المشتركة المغربية الموريتانية", "اللجنة المشتركة المغربية الموريتانية"),
        ("وقال الرئيس الأميركي دونالد ترامب إن الاتفاق سيئ، وأضاف “ترامب” أن بلاده ستنسحب منه.", "ترامب", "دونالد ترامب"),
    ],
)
def test_entities_mention_is_the_name_only(text: str, mention: str, canonical: str | None) -> None:
    doc = analyse(text)
    texts = [m.text for e in doc.entities for m in e.mentions]
    assert mention in texts
    assert not any(t.startswith(("و", "ب")) and t[1:] == mention for t in texts)
    assert not any("“" in t or "”" in t for t in texts)
    if canonical:
        assert find(doc, canonical)


def test_entities_underscore_name_keeps_its_mention_and_groups_short_form() -> None:
    doc = analyse(
        "وقال الناطق باسم وزارة الدفاع، اللواء تحسين_الخفاجي، إن الوحدات أكملت انتشارها.\n\n"
        "وأضاف الخفاجي أن المستشارين سيبقون في القواعد."
    )
    person = find(doc, "تحسين الخفاجي")
    assert [m.text for m in person.mentions] == ["تحسين_الخفاجي", "الخفاجي"]
    assert person.title == "الناطق باسم وزارة الدفاع اللواء"
    assert person.latin == "Tahsin al-Khafaji"


@pytest.mark.parametrize(
    ("text", "canonical", "short"),
    [
        (
            "وبحث الرئيس الأميركي السابق دونالد ترامب الملف في البيت الأبيض، ثم غادر “ترامب” إلى فلوريدا.",
            "دونالد ترامب",
            "ترامب",
        ),
        (
            "وذكرت قيادة العمليات المشتركة العراقية في بيان أن القطعات تقدمت. وأضافت قيادة العمليات المشتركة أن الخسائر محدودة.",
            "قيادة العمليات المشتركة العراقية",
            "قيادة العمليات المشتركة",
        ),
        (
            "وتعرضت محافظة البصرة لعاصفة ترابية، فيما أغلقت السلطات موانئ البصرة أمام الملاحة.",
            "محافظة البصرة",
            "البصرة",
        ),
        (
            "وقالت قوات الأمم المتحدة المؤقتة في لبنان إن دورياتها مستمرة، وأكدت اليونيفيل التزامها بالقرار.",
            "قوات الأمم المتحدة المؤقتة في لبنان",
            "اليونيفيل",
        ),
    ],
)
def test_entities_short_form_joins_its_entity(text: str, canonical: str, short: str) -> None:
    doc = analyse(text)
    entity = find(doc, canonical)
    assert short in [m.text for m in entity.mentions]
    assert not [e for e in doc.entities if e.canonical == short and e is not entity]


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("وأكدت الحكومة العراقية التزامها بالاتفاق.", "الحكومة العراقية"),
        ("وانسحبت القوات الأميركية من القاعدة الجوية.", "القوات الأميركية"),
        ("وقصف طيران التحالف الدولي مواقع للتنظيم.", "التحالف الدولي"),
        ("وأعلن الجيش اللبناني انتشار وحداته على الحدود.", "الجيش اللبناني"),
        ("وأصدرت وزارة الفلاحة والصيد البحري والتنمية القروية بلاغا جديدا.", "وزارة الفلاحة والصيد البحري والتنمية القروية"),
        ("وحذر الديوان الوطني للأرصاد الجوية من أمطار غزيرة.", "الديوان الوطني للأرصاد الجوية"),
        ("وقالت هيئة النزاهة الاتحادية إنها ضبطت متهمين بالاختلاس.", "هيئة النزاهة الاتحادية"),
        ("وأعلنت مجموعة طلعت مصطفى عن مشروع سكني جديد شرق القاهرة.", "مجموعة طلعت مصطفى"),
        ("وتوقعت وكالة فيتش للتصنيفات الائتمانية تحسن التصنيف السيادي.", "وكالة فيتش للتصنيفات الائتمانية"),
        ("وانطلقت في الرباط أشغال الدورة الخامسة للجنة المشتركة المغربية الموريتانية.", "اللجنة المشتركة المغربية الموريتانية"),
        # an ideology names a party: "الحزب الجمهوري" is a name, not a description
        ("ودعا الحزب الجمهوري إلى مقاطعة الانتخابات.", "الحزب الجمهوري"),
        # adjectives after the name's definite words belong to it
        ("وأعلن الهلال الأحمر المصري إرسال قافلة مساعدات إلى غزة.", "الهلال الأحمر المصري"),
        ("وانتشرت قوات الشرطة الخاصة في محيط المبنى.", "قوات الشرطة الخاصة"),
    ],
)
def test_entities_institution_qualified_by_country_is_an_organisation(text: str, organisation: str) -> None:
    entity = find(analyse(text), organisation)
    assert entity.type == "ORG"
    assert entity.title is None


@pytest.mark.parametrize(
    "text",
    [
        "وقال مسؤول عراقي إن الانسحاب الأميركي سيكتمل قريبا.",
        "وانتقد الإعلام المصري الموقف الفرنسي من الأزمة.",
        "وشارك جنود أميركيون وبريطانيون في المناورات.",
    ],
)
def test_entities_nisba_alone_is_not_an_entity(text: str) -> None:
    assert analyse(text).entities == ()


@pytest.mark.parametrize(
    "text",
    [
        "وقال الناطق باسم الوزارة إن الحكومة ستدرس المقترح.",
        "ويضم المستشفى الجديد أول مركز متكامل لجراحة القلب، وتتولى إدارته قيادة مدنية.",
        "وعقد الوزير مؤتمرا صحفيا مشتركا عقب التوقيع على الاتفاقية.",
        "وأكدت الأطراف المجتمعة أهمية التنسيق بين الوزارات.",
        "وارتفع سعر صرف الدولار إلى 1500 دينار في الأسواق المحلية.",
    ],
)
def test_entities_common_words_are_not_names(text: str) -> None:
    assert analyse(text).entities == ()


def test_entities_ids_follow_first_mention_and_latin_is_always_set() -> None:
    doc = analyse(
        "اتفقت بغداد وواشنطن على جدول الانسحاب، وقال رئيس الوزراء العراقي مصطفى الكاظمي إن "
        "القوات الأميركية ستغادر العراق. وأكد الكاظمي أن بغداد ملتزمة بالاتفاق."
    )
    assert [e.id for e in doc.entities] == [f"e{i}" for i in range(1, len(doc.entities) + 1)]
    firsts = [e.mentions[0].start for e in doc.entities]
    assert firsts == sorted(firsts)
    assert all(e.latin and e.latin.isascii() for e in doc.entities)
    assert find(doc, "بغداد").latin == "Baghdad"
    assert find(doc, "واشنطن").latin == "Washington"
    kadhimi = find(doc, "مصطفى الكاظمي")
    assert kadhimi.latin == "Mustafa al-Kadhimi"
    assert [m.text for m in kadhimi.mentions] == ["مصطفى الكاظمي", "الكاظمي"]
    assert len(find(doc, "بغداد").mentions) == 2


def test_entities_name_found_once_is_found_everywhere() -> None:
    doc = analyse(
        "وقال المحلل السياسي إحسان الشمري إن الحكومة أمام اختبار صعب. "
        "ويرى الشمري أن الكتل السياسية منقسمة، مضيفا أن الشمري نفسه حذر من ذلك مرارا."
    )
    person = find(doc, "إحسان الشمري")
    assert [m.text for m in person.mentions] == ["إحسان الشمري", "الشمري", "الشمري"]


def test_entities_component_is_registered_with_its_layers() -> None:
    info = registered()["entities"]
    assert info.requires == ("sentences", "tokens")
    assert info.assigns == ("entities",)


def test_entities_unknown_option_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="model"):
        Pipeline(["clean", "sentences", "tokens", "entities"], {"entities": {"modle": "x"}})


def test_entities_neural_option_must_be_a_switch_or_a_path() -> None:
    with pytest.raises(ConfigError, match="neural"):
        Pipeline(["clean", "sentences", "tokens", "entities"], {"entities": {"neural": 3}})


def test_entities_with_the_shipped_network_finds_the_same_kind_of_names() -> None:
    text = "وقال وزير الخارجية الأردني أيمن الصفدي، في مؤتمر صحفي بعمّان، إن بلاده تدعم الحكومة العراقية."
    accurate = Pipeline(["clean", "sentences", "tokens", "entities"], {"entities": {"neural": True}})(new_document(text))
    found = {(e.type, e.canonical) for e in accurate.entities}
    assert {("PERSON", "أيمن الصفدي"), ("ORG", "الحكومة العراقية")} <= found


def test_entities_empty_document_has_no_entities() -> None:
    assert analyse("").entities == ()


@pytest.mark.parametrize(
    ("text", "mention", "kind"),
    [
        ("وقضت المحكمة العليا، أمس، بإعادة الانتخابات في الدائرة.", "المحكمة العليا", "ORG"),
        ("وأحالت الشرطة المتهمين إلى النيابة العامة لاستكمال التحقيق.", "النيابة العامة", "ORG"),
        ("وتدخلت عناصر الدرك الوطني لفتح الطريق أمام حركة السير.", "الدرك الوطني", "ORG"),
        ("وأوضح قائد الفرقة الخامسة في الجيش أن القطعات تقدمت.", "الفرقة الخامسة", "ORG"),
        ("وقال الككلي في تصريح لـ«المرصد»، إن الأضرار طالت عشرات المنازل.", "المرصد", "ORG"),
        ("وأفادت صحيفة “السوداني”، نقلا عن مصدر في الوزارة، بأن الامتحانات ستجرى في موعدها.", "السوداني", "ORG"),
        ("وانطلقت القوات نحو قضاء الرطبة غرب الأنبار.", "قضاء الرطبة", "LOC"),
        ("وشنت طائرات غارات على مواقع في ريف حماة الغربي.", "حماة", "LOC"),
        ("ونقل المصابون إلى مستشفى الشيخ زايد التخصصي في الجيزة.", "مستشفى الشيخ زايد التخصصي", "ORG"),
        ("وانسحبت الآليات المسلحة من ميدان الشهداء وشارع جمال عبد الناصر في وسط المدينة.", "شارع جمال عبد الناصر", "LOC"),
    ],
)
def test_entities_institutions_outlets_and_places_by_their_heads(text: str, mention: str, kind: str) -> None:
    doc = analyse(text)
    found = {(m.text, e.type) for e in doc.entities for m in e.mentions}
    assert (mention, kind) in found, found
    assert not any(e.type == "PERSON" and mention.endswith(m.text) and m.text != mention for e in doc.entities for m in e.mentions)


@pytest.mark.parametrize(
    ("text", "name", "acronym"),
    [
        ("وقالت الكونفدرالية المغربية للفلاحة والتنمية القروية (كومادير)، في بيان، إن الموسم صعب.", "الكونفدرالية المغربية للفلاحة والتنمية القروية", "كومادير"),
        ("وقال المتحدث في تصريح لوكالة الأنباء العراقية (واع)، إن القطعات فتشت المنطقة.", "وكالة الأنباء العراقية", "واع"),
    ],
)
def test_entities_acronym_in_brackets_is_a_mention_of_the_organisation(text: str, name: str, acronym: str) -> None:
    doc = analyse(text)
    entity = find(doc, name)
    assert entity.type == "ORG" and acronym in [m.text for m in entity.mentions]


@pytest.mark.parametrize(
    ("text", "canonical", "title"),
    [
        ("وقال رئيس كتلة الحزب الديمقراطي الكردستاني في المجلس، آزاد محمود كريم، إن الجلسة لم تكتمل.", "آزاد محمود كريم", None),
        ("وقال عميد بلدية الزاوية، جمال بالنور، في تصريح لقناة محلية، إن الطرفين اتفقا.", "جمال بالنور", "عميد بلدية الزاوية"),
        ("وأكد الكاتب العام للنقابة، عبد الرحيم لمقدم، أن الإضراب مستمر.", "عبد الرحيم لمقدم", "الكاتب العام للنقابة"),
    ],
)
def test_entities_whole_name_between_commas(text: str, canonical: str, title: str | None) -> None:
    entity = find(analyse(text), canonical)
    assert entity.type == "PERSON"
    if title:
        assert entity.title == title


@pytest.mark.parametrize("text", ["وذكر الخبر أن الطرف الآخر رفض العرض المقدم.", "وتابع الخبر أن اللجنة ستجتمع مجددا."])
def test_entities_city_named_by_a_common_word_is_not_found_alone(text: str) -> None:
    # "الخبر" (Khobar; the news) and "الطرف" (Taraf; the side): the article on a common word
    assert [e.canonical for e in analyse(text).entities if e.type == "LOC"] == []
