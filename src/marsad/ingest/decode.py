"""Bytes to text, for Arabic sites whose encodings are rarely declared right.

Arabic pages and files come in UTF-8, windows-1256, ISO-8859-6 and UTF-16 (with a byte-order
mark, from Windows editors). We trust, in order: a byte-order mark, strict UTF-8 (repairing
one round of UTF-8-read-as-windows-1252), then the single-byte Arabic encodings — the one the
source declared (HTTP header, ``<meta charset>``) first — judged by how Arabic the result reads,
then charset-normalizer's detection for text that is not Arabic. A declaration is a hint, not
the truth: windows-1256 decodes almost any byte, so ISO-8859-6 bytes declared as windows-1256
come out as Arabic letters mixed with French accented ones, and are rejected for that.

Binary data, and text that still reads as mojibake after every attempt, are refused with a
:class:`DecodeError` that names the input: nothing garbled is ever stored.

>>> decode("الانسحاب الأميركي".encode("cp1256"))
'الانسحاب الأميركي'
"""

from __future__ import annotations

import codecs
import re
from email.message import Message

from charset_normalizer import from_bytes

from marsad.errors import DecodeError
from marsad.text.clitics import word_frequencies
from marsad.text.normalize import normalize

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Single-byte encodings Arabic sites use; tried (after a declared one) and judged by reading.
_ARABIC_SINGLE_BYTE = ("cp1256", "iso8859_6")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u064b-\u0652\u0640]{2,}")
# French letters windows-1256 puts where ISO-8859-6 has Arabic ones: inside Arabic words they
# betray the wrong code page.
_LATIN_IN_ARABIC = re.compile(r"[\u0621-\u064a][\u00c0-\u00ff]|[\u00c0-\u00ff][\u0621-\u064a]")
# UTF-8 Arabic read as windows-1252/latin-1: "Ø§Ù„" for "ال".
_MOJIBAKE = re.compile(r"[ØÙÚÛ][\u0080-\u00bf\u2018-\u203a\u0152-\u017e\u02c6-\u02dc]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# A text whose Arabic words are this rarely real words was decoded with the wrong table.
_MIN_KNOWN_SHARE = 0.25


def _is_binary(data: bytes) -> bool:
    sample = data[:8192]
    return b"\x00" in sample or len(_CONTROL.findall(sample.decode("latin-1"))) > len(sample) * 0.05


def _repair_mojibake(text: str) -> str:
    """Undo one round of UTF-8-read-as-windows-1252, when that is what happened."""
    if len(_MOJIBAKE.findall(text)) < 3:
        return text
    for wrong in ("cp1252", "latin-1"):
        try:
            fixed = text.encode(wrong).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if _ARABIC_LETTER.search(fixed) and not _MOJIBAKE.search(fixed):
            return fixed
    return text


def _is_mojibake(text: str) -> bool:
    """Whether ``text`` still holds UTF-8 Arabic read as a Western code page."""
    hits = len(_MOJIBAKE.findall(text))
    return hits >= 3 and hits * 20 > len(_ARABIC_LETTER.findall(text))


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def arabic_score(text: str) -> float:
    """How much ``text`` reads as Arabic news: the share of its Arabic words that are known
    news words (from the packaged word list), less a penalty for Latin letters inside Arabic
    words. Near 0 for a wrong code page, typically above 0.5 for the right one."""
    words = _ARABIC_WORD.findall(text[:20000])
    if not words:
        return 0.0
    known = word_frequencies()
    hits = 0
    for word in words:
        norm = normalize(word)
        if norm in known or (norm[:1] in "وفبل" and norm[1:] in known):
            hits += 1
    penalty = len(_LATIN_IN_ARABIC.findall(text[:20000])) / len(words)
    return hits / len(words) - penalty


def charset_of(content_type: str | None) -> str | None:
    """The ``charset`` parameter of an HTTP ``Content-Type`` header, if any."""
    if not content_type:
        return None
    message = Message()
    message["content-type"] = content_type
    charset = message.get_param("charset")
    return charset.strip().strip("'\"") if isinstance(charset, str) and charset.strip() else None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("'\"")).name
    except LookupError:
        return None  # an unknown declaration is common; detection decides


def decode(data: bytes, *, declared: str | None = None, source: str | None = None) -> str:
    """Decode ``data`` to text; ``declared`` is the encoding the source claims, if any.

    Raises:
        DecodeError: the data is binary, or no encoding yields readable text.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _normalise_newlines(data[len(bom) :].decode(encoding))
            except UnicodeDecodeError as error:
                raise DecodeError(
                    f"starts with a {encoding} byte-order mark but is not {encoding}: {error.reason}", source=source
                ) from error
    if _is_binary(data):
        # UTF-16 without a byte-order mark looks binary (every other byte is 0 or 6 for Arabic).
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if arabic_score(text) >= _MIN_KNOWN_SHARE:
                return _normalise_newlines(text)
        raise DecodeError("binary data, not text (is it a PDF, image or archive?)", source=source)
    try:
        text = _repair_mojibake(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    else:
        if _is_mojibake(text):
            raise DecodeError(
                "the text is garbled (UTF-8 Arabic that was saved as windows-1252 more than once); "
                "fetch or export it again as UTF-8",
                source=source,
            )
        return _normalise_newlines(text)
    declared_codec = _codec(declared)
    candidates = ([declared_codec] if declared_codec and declared_codec not in ("utf-8", "ascii") else [])
    candidates += [c for c in _ARABIC_SINGLE_BYTE if codecs.lookup(c).name not in candidates]
    readings: list[tuple[float, int, str]] = []
    for rank, codec in enumerate(candidates):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        # The declared codec wins ties: rank breaks them in its favour.
        readings.append((arabic_score(text), -rank, text))
    if readings:
        score, _, best_text = max(readings)
        if score >= _MIN_KNOWN_SHARE:
            return _normalise_newlines(best_text)
    guess = from_bytes(data).best()
    if guess is None or _is_mojibake(str(guess)):
        raise DecodeError(
            "not text in any known encoding (tried UTF-8, windows-1256, ISO-8859-6, UTF-16 and detection)",
            source=source,
        )
    text = str(guess)
    if _ARABIC_LETTER.search(text) and arabic_score(text) < _MIN_KNOWN_SHARE and readings:
        # Detection picked a non-Arabic code page for Arabic bytes; the best Arabic reading is
        # still the better answer when it reads at all.
        text = max(readings)[2]
    return _normalise_newlines(text)
