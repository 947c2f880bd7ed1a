"""Bytes to text: Arabic encodings, declarations that lie, mojibake and binary refused."""

from __future__ import annotations

import codecs

import pytest

from marsad.errors import DecodeError
from marsad.ingest.decode import arabic_score, charset_of, decode

NEWS = (
    "أعلنت وزارة الكهرباء العراقية، الأحد، عن خطة لإضافة ألفي ميغاواط إلى الشبكة الوطنية "
    "قبل حلول الصيف المقبل، بعد اجتماع مع شركات صينية وتركية في بغداد."
)
SHORT = "وزير الخارجية"


@pytest.mark.parametrize("encoding", ["utf-8", "cp1256", "iso8859_6"])
@pytest.mark.parametrize("text", [NEWS, SHORT, "الخميس"])
def test_decode_reads_arabic_encodings(encoding: str, text: str) -> None:
    assert decode(text.encode(encoding)) == text


@pytest.mark.parametrize("bom_encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_decode_follows_byte_order_marks(bom_encoding: str) -> None:
    assert decode(NEWS.encode(bom_encoding)) == NEWS


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_decode_reads_utf16_without_byte_order_mark(encoding: str) -> None:
    assert decode(NEWS.encode(encoding)) == NEWS


@pytest.mark.parametrize(
    ("actual", "declared"),
    [("iso8859_6", "windows-1256"), ("cp1256", "iso-8859-6"), ("cp1256", "utf-8"), ("iso8859_6", "no-such-charset")],
)
def test_decode_sees_through_a_wrong_declaration(actual: str, declared: str) -> None:
    assert decode(NEWS.encode(actual), declared=declared) == NEWS


def test_decode_repairs_one_round_of_mojibake() -> None:
    garbled = NEWS.encode("utf-8").decode("cp1252", errors="ignore").encode("utf-8")
    # Undecodable bytes were lost; what cannot be repaired must be refused, never stored.
    with pytest.raises(DecodeError):
        decode(garbled, source="page.html")
    once = NEWS.encode("utf-8").decode("latin-1").encode("utf-8")
    assert decode(once) == NEWS


def test_decode_refuses_binary_naming_the_input() -> None:
    with pytest.raises(DecodeError, match=r"scan\.pdf: binary data"):
        decode(b"%PDF-1.7\x00\x01\x02" * 50, source="scan.pdf")


def test_decode_normalises_line_ends() -> None:
    assert decode("سطر أول\r\nسطر ثان\r".encode("cp1256")) == "سطر أول\nسطر ثان\n"


@pytest.mark.parametrize("text", ["Réunion du conseil à Beyrouth", "Talks resumed in Baghdad on Thursday."])
def test_decode_keeps_non_arabic_utf8(text: str) -> None:
    assert decode(text.encode("utf-8")) == text


def test_decode_arabic_score_tells_the_right_code_page() -> None:
    right = NEWS.encode("iso8859_6").decode("iso8859_6")
    wrong = NEWS.encode("iso8859_6").decode("cp1256")
    assert arabic_score(right) > 0.5 > arabic_score(wrong)


@pytest.mark.parametrize(
    ("header", "charset"),
    [("text/html; charset=windows-1256", "windows-1256"), ('text/html; charset="UTF-8"', "UTF-8"), ("text/html", None), (None, None)],
)
def test_decode_charset_of_content_type(header: str | None, charset: str | None) -> None:
    assert charset_of(header) == charset
    if charset:
        codecs.lookup(charset)
