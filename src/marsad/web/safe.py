"""Article text made safe to show: escaped, with invisible direction controls made visible.

Article text is hostile input. HTML escaping (Jinja's autoescape) stops ``<script>``, but not
Unicode's explicit direction controls (U+202A–U+202E, U+2066–U+2069): an unmatched RIGHT-TO-LEFT
OVERRIDE in a headline would reverse everything after it on the page, and a fact-checker must
see that such characters are there at all. So in running article text each control is shown
as a small visible code (``U+202E``), and in short strings (names, titles, attribute values,
feed and e-mail text) it is dropped. Letter-level marks that Arabic text uses legitimately
(LRM, RLM, ALM, ZWJ, ZWNJ) are left alone: they reorder nothing beyond a neutral character.
"""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup, escape

# Embeddings, overrides and isolates: the characters that change the order of what follows.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI_RE = re.compile(f"[{BIDI_CONTROLS}]")
# Characters XML 1.0 forbids (C0 controls but tab, LF, CR; surrogates; U+FFFE/FFFF).
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def plain(value: str) -> str:
    """``value`` without direction controls and XML-forbidden characters: for short strings."""
    return _NOT_XML_RE.sub("", _BIDI_RE.sub("", value))


def _control(match: re.Match[str]) -> str:
    char = match.group(0)
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, code)
    return f'<span class="ctl" title="{code} {name}">{code}</span>'


def body(value: str) -> Markup:
    """Escaped running text, direction controls shown as visible codes, nothing dropped silently."""
    escaped = str(escape(_NOT_XML_RE.sub("\ufffd", value)))
    return Markup(_BIDI_RE.sub(_control, escaped))


def finalize(value: object) -> object:
    """Jinja ``finalize``: every plain string a template prints loses its direction controls.

    Markup (already built safely, e.g. by :func:`body`) passes through; autoescape still escapes
    the result, so this only ever removes characters.
    """
    if isinstance(value, str) and not isinstance(value, Markup):
        return plain(value)
    if value is None:
        return ""
    return value
