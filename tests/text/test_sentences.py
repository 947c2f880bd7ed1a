import pytest
from hypothesis import given

from marsad.text.sentences import quoted_regions, split_sentences
from tests.text.strategies import any_text


def texts(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("عقدت القيادة، الخميس، مباحثات جديدة. وذكرت أن الاجتماع انتهى.", ["عقدت القيادة، الخميس، مباحثات جديدة.", "وذكرت أن الاجتماع انتهى."]),
        ("وقال: «وصلنا. وسنبقى حتى النهاية». ثم غادر.", ["وقال: «وصلنا. وسنبقى حتى النهاية».", "ثم غادر."]),
        ("وأضاف أن “الوضع مستقر. لا خوف”، مؤكدا ذلك.", ["وأضاف أن “الوضع مستقر. لا خوف”، مؤكدا ذلك."]),
        ("ارتفع النمو إلى 2.5 بالمئة. وتراجع التضخم.", ["ارتفع النمو إلى 2.5 بالمئة.", "وتراجع التضخم."]),
        ("استقبل د. أحمد الوفد. ثم عقد مؤتمرا.", ["استقبل د. أحمد الوفد.", "ثم عقد مؤتمرا."]),
        ("بني المعبد عام 300 ق.م. في عهد الفراعنة.", ["بني المعبد عام 300 ق.م. في عهد الفراعنة."]),
        ("هل انتهت الأزمة؟ لا أحد يعرف!", ["هل انتهت الأزمة؟", "لا أحد يعرف!"]),
        ("عنوان الخبر\n\nنص الخبر الأول", ["عنوان الخبر", "نص الخبر الأول"]),
        ("القوات في العراق.. انطلاق الانسحاب", ["القوات في العراق..", "انطلاق الانسحاب"]),
        ("المباحثات مستمرة (…) وتحديدا القوات.", ["المباحثات مستمرة (…) وتحديدا القوات."]),
    ],
)
def test_sentences_split_arabic_news(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_sentences_quote_over_two_paragraphs_stays_whole() -> None:
    text = "وقال الوزير: «المرحلة الأولى انتهت.\n\nوالثانية تبدأ غدا». وغادر القاعة."
    assert texts(text) == ["وقال الوزير: «المرحلة الأولى انتهت.\n\nوالثانية تبدأ غدا».", "وغادر القاعة."]


def test_sentences_unclosed_quote_does_not_swallow_the_article() -> None:
    text = "وقال: «بدأ الانسحاب.\n\nوأكد مسؤول آخر أن الخطة تسير. وانتهى الاجتماع."
    assert texts(text)[-2:] == ["وأكد مسؤول آخر أن الخطة تسير.", "وانتهى الاجتماع."]


def test_sentences_quoted_regions_are_outermost_pairs() -> None:
    text = "قال «نقلا عن “المصدر” هنا» وانتهى"
    ((start, end),) = quoted_regions(text)
    assert text[start:end] == "«نقلا عن “المصدر” هنا»"


def test_sentences_hard_wrapped_lines_are_joined() -> None:
    line = "وأوضح المتحدث أن اللجنة ستواصل عملها خلال الأيام المقبلة لدراسة"
    text = "\n".join([line] * 6) + " الملف."
    assert len(split_sentences(text)) == 1


@given(any_text)
def test_sentences_are_ordered_trimmed_spans(text: str) -> None:
    previous_end = 0
    for start, end in split_sentences(text):
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end
    covered = set()
    for start, end in split_sentences(text):
        covered.update(range(start, end))
    assert all(i in covered for i, char in enumerate(text) if not char.isspace())
