"""Hypothesis strategies for Arabic news-like text."""

from __future__ import annotations

from hypothesis import strategies as st

ARABIC_LETTERS = "".join(chr(c) for c in range(0x0621, 0x064B))
MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640\u0670"
DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
PUNCT = "،؛؟.!:«»“”\"()-–_…٪%/\n "
PRESENTATION = "\ufefb\ufe8d\ufee3\ufb50"
WORDS = ["قال", "وأضاف", "بالعراق", "للقوات", "الأميركي", "«", "»", "2.5", "١٢٬٥٠٠", "ق.م", "د.", "\n\n", "..", "“ترامب”", "يحيى_رسول"]

arabic_text = st.lists(
    st.one_of(
        st.text(alphabet=ARABIC_LETTERS + MARKS + DIGITS + PUNCT + PRESENTATION + "abcXYZ", max_size=12),
        st.sampled_from(WORDS),
    ),
    max_size=40,
).map(" ".join)

any_text = st.one_of(arabic_text, st.text(max_size=200))
