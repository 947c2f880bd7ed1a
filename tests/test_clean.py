"""Page furniture out of text and HTML alike, every removed block kept and restorable."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.clean import (
    _cut,
    clean,
    clean_document,
    find_furniture,
    remove_furniture,
    restore,
    to_input_offset,
)
from marsad.pipeline import new_document

BODY = [
    "أعلنت هيئة النزاهة الاتحادية في العراق، الأحد، ضبط موظفين في دائرة التسجيل العقاري بمحافظة البصرة متهمين بتزوير سندات ملكية.",
    "وقالت الهيئة في بيان إن «فريق التحري نفذ عملية الضبط بموجب مذكرة قضائية، وضبط بحوزة المتهمين مستندات مزورة».",
    "وأضافت أن الأوراق المضبوطة أحيلت إلى محكمة تحقيق البصرة المختصة بقضايا النزاهة لاتخاذ الإجراءات القانونية.",
]

FURNITURE = [
    ("اقرأ أيضا:", "related_links"),
    ("إقرأ المزيد", "related_links"),
    ("للقراءة أو الاستماع:", "related_links"),
    ("شاهد أيضاً", "related_links"),
    ("مواضيع ذات صلة", "related_links"),
    ("الأكثر قراءة", "related_links"),
    ("اشترك في نشرتنا البريدية لتصلك آخر الأخبار", "newsletter"),
    ("هل أعجبك المحتوى وتريد المزيد منه يصل إلى صندوق بريدك الإلكتروني بشكل دوري؟", "newsletter"),
    ("شارك هذا المقال: فيسبوك - تويتر - واتساب", "share"),
    ("شارك الخبر:", "share"),
    ("تابعونا على تلغرام وإنستغرام", "share"),
    ("فيسبوك | تويتر | واتساب | نسخ الرابط", "share"),
    ("جميع الحقوق محفوظة © 2024 بوابة الرافدين", "copyright"),
    ("© 2023 وكالة الأنباء. كافة الحقوق محفوظة", "copyright"),
    ("أضف تعليقك", "comment_form"),
    ("لن يتم نشر عنوان بريدك الإلكتروني.", "comment_form"),
    ("إعلان", "advert"),
    ("(صورة أرشيفية)", "credit"),
    ("تصوير: أحمد الساعدي", "credit"),
    ("الرئيسية » أخبار » العراق", "navigation"),
    ("الوسوم: البصرة، النزاهة، العقارات", "navigation"),
]

NOT_FURNITURE = [
    "وأكد الوزير أن الحكومة ستنشر تفاصيل الخطة على موقعها الرسمي خلال أيام.",
    "وتابع المتحدث أن اللجنة ستعقد اجتماعها المقبل في أربيل.",
    "وقال إن «جميع الخيارات مطروحة، بما فيها اللجوء إلى القضاء الدولي».",
    "ودعا النائب المواطنين إلى الاشتراك في حملة التبرع بالدم التي تنظمها وزارة الصحة.",
    "الانسحاب الأميركي من العراق: المباحثات مستمرة",
]


def text_of(lines: list[str]) -> str:
    return "\n\n".join(lines)


@pytest.mark.parametrize(("line", "kind"), FURNITURE)
def test_clean_removes_each_kind_of_furniture(line: str, kind: str) -> None:
    text = text_of([BODY[0], BODY[1], line, BODY[2]])
    cleaned, removed = remove_furniture(text)
    assert line not in cleaned
    assert cleaned == text_of([BODY[0], BODY[1], BODY[2]])
    assert [b.kind for b in removed] == [kind]


@pytest.mark.parametrize("line", NOT_FURNITURE)
def test_clean_keeps_article_lines(line: str) -> None:
    text = text_of([BODY[0], line, BODY[1]])
    assert remove_furniture(text) == (text, ())


def test_clean_related_header_takes_its_link_titles_not_the_next_paragraph() -> None:
    titles = ["البصرة: ضبط شبكة لتزوير العقارات", "النزاهة تسترد أموالا عامة في ذي قار"]
    text = text_of([BODY[0], "اقرأ أيضا:\n" + "\n".join(titles), BODY[1], BODY[2]])
    cleaned, [block] = remove_furniture(text)
    assert cleaned == text_of(BODY)
    assert block.kind == "related_links" and all(t in block.text for t in titles)


def test_clean_html_link_lines_take_every_title() -> None:
    titles = [f"عنوان خبر ذي صلة رقم {n}" for n in range(6)]
    text = text_of([BODY[0], "اقرأ أيضا", *titles, BODY[1]])
    plain, _ = remove_furniture(text)
    assert titles[-1] in plain  # plain text: a header takes at most three lines
    linked, [block] = remove_furniture(text, link_lines=titles)
    assert linked == text_of([BODY[0], BODY[1]]) and all(t in block.text for t in titles)


def test_clean_html_run_of_bare_links_is_related_links() -> None:
    titles = ["النزاهة تسترد أموالا عامة في ذي قار", "ضبط موظف في دائرة الجوازات"]
    text = text_of([BODY[0], *titles, BODY[1]])
    cleaned, [block] = remove_furniture(text, link_lines=titles)
    assert cleaned == text_of([BODY[0], BODY[1]]) and block.kind == "related_links"
    one = text_of([BODY[0], titles[0], BODY[1]])
    assert remove_furniture(one, link_lines=titles) == (one, ())  # a lone link line may be prose


def test_clean_trailing_furniture_leaves_no_blank_end() -> None:
    text = text_of([*BODY, "اقرأ أيضا:\nعنوان", "شارك: فيسبوك - تويتر"]) + "\n"
    cleaned, removed = remove_furniture(text)
    assert cleaned == text_of(BODY)
    doc = clean(new_document(text))
    assert restore(doc) == text and len(removed) == 2


def test_clean_component_leaves_clean_text_alone() -> None:
    doc = new_document(text_of(BODY))
    assert clean(doc) is doc and clean(doc).text == text_of(BODY)


def test_clean_offsets_map_back_to_the_input() -> None:
    text = text_of([BODY[0], "إعلان", BODY[1]])
    doc = clean(new_document(text))
    start = doc.text.index("فريق")
    assert text[to_input_offset(doc, start) : to_input_offset(doc, start) + 4] == "فريق"


def test_clean_two_passes_restore_exactly() -> None:
    # An HTML page is cleaned at ingest (knowing its links), then by the `clean` component;
    # here the first pass takes only the related links, the second the rest.
    titles = ["عنوان خبر مرتبط أول", "عنوان خبر مرتبط ثان"]
    original = text_of([BODY[0], "اقرأ أيضا", *titles, BODY[1], "إعلان", BODY[2], "جميع الحقوق محفوظة", "تابعونا على فيسبوك"])
    related = [b for b in find_furniture(original, link_lines=titles) if b[2] == "related_links"]
    first_text, first_blocks = _cut(original, related)
    twice = clean(new_document(first_text).replace(boilerplate=tuple(first_blocks)))
    assert twice.text == text_of(BODY)
    assert [b.kind for b in twice.boilerplate] == ["related_links", "advert", "copyright", "share"]
    assert restore(twice) == original
    once = clean_document(new_document(original), link_lines=titles)
    assert restore(once) == original and once.text == twice.text


def test_clean_second_pass_block_around_a_first_pass_block_is_merged() -> None:
    # The first pass removed a line inside what the second pass sees as one block.
    original = text_of([BODY[0], "شارك الخبر:\nإعلان\nفيسبوك | تويتر", BODY[1]])
    inner = [b for b in find_furniture(original) if b[2] == "advert"] or [(original.index("إعلان"), original.index("إعلان") + 5, "advert")]
    first_text, first_blocks = _cut(original, inner)
    doc = clean(new_document(first_text).replace(boilerplate=tuple(first_blocks)))
    assert restore(doc) == original and doc.text == text_of([BODY[0], BODY[1]])


LINES = st.lists(
    st.one_of(st.sampled_from(BODY), st.sampled_from([line for line, _ in FURNITURE]), st.sampled_from(NOT_FURNITURE)),
    min_size=1,
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(lines=LINES, separators=st.lists(st.sampled_from(["\n", "\n\n", "\n \n", "\n\n\n"]), min_size=12, max_size=12))
def test_clean_restore_is_exact_and_body_survives(lines: list[str], separators: list[str]) -> None:
    text = "".join(line + separators[i] for i, line in enumerate(lines)).rstrip("\n") + separators[0][:1]
    doc = clean(new_document(text))
    assert restore(doc) == text
    for line in BODY:
        if line in text:
            assert line in doc.text
    assert find_furniture(doc.text) == []  # nothing left that the rules would remove
