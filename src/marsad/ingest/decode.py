"""Bytes to text, for Arabic sites whose encodings are rarely declared right.

Arabic pages and files come in UTF-8, windows-1256, ISO-8859-6 and UTF-16 (with a byte-order
mark, from Windows editors). We trust, in order: a byte-order mark, strict UTF-8, an encoding
the source declared (HTTP header, ``<meta charset>``) when it decodes cleanly, then
charset-normalizer's detection. Binary data and text that decodes to mojibake are refused with
an error that names the input, never stored.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from marsad.errors import DecodeError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Encodings we accept from detection for Arabic text; detection on short Arabic samples
# otherwise likes to answer with Cyrillic or Hebrew code pages.
_ARABIC_CANDIDATES = ("cp1256", "iso8859_6", "utf_16", "utf_8")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
# UTF-8 Arabic read as windows-1252/latin-1: "Ø§Ù„" for "ال".
_MOJIBAKE = re.compile(r"[ØÙÚÛ][\u0080-\u00bf\u2018-\u203a\u0152-\u017e\u02c6-\u02dc]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


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


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
                raise DecodeError(f"starts with a {encoding} byte-order mark but is not {encoding}: {error.reason}", source=source) from error
    if _is_binary(data):
        raise DecodeError("binary data, not text (is it a PDF, image or archive?)", source=source)
    try:
        return _normalise_newlines(_repair_mojibake(data.decode("utf-8")))
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            codec = codecs.lookup(declared.strip().strip("'\"")).name
            if codec not in ("utf-8", "ascii"):
                return _normalise_newlines(data.decode(codec))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall through to detection
    guesses = from_bytes(data, cp_isolation=list(_ARABIC_CANDIDATES))
    best = guesses.best()
    if best is None:
        best = from_bytes(data).best()
    if best is None:
        raise DecodeError("not text in any known encoding (tried UTF-8, windows-1256, ISO-8859-6, UTF-16)", source=source)
    return _normalise_newlines(str(best))
