"""Character classes and the rule for joining hard-wrapped lines.

Chinese has no spaces between words, so a line break inside Chinese text is joined
with nothing; a break between a number or Latin word and Chinese text stands for the
space that UN Chinese typography puts there (``在 2013 年``).
"""

from __future__ import annotations

import re

# Sentence- or clause-final punctuation, optionally followed by closing quotes/brackets.
_CLOSED = re.compile(r"[。！？；：…][”’」』）)》〉]*$|[。！？；：][”’」』）)》〉]*\s*$")
_OPENERS = {"“": "”", "《": "》", "（": "）", "(": ")", "「": "」"}


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def is_cjk_punct(ch: str) -> bool:
    return "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or ch in "“”‘’…—·"


def is_wide(ch: str) -> bool:
    """A character of Chinese running text (ideograph or full-width punctuation)."""
    return is_han(ch) or is_cjk_punct(ch)


def is_closed(text: str) -> bool:
    """Does ``text`` end a sentence or a lead-in, with its quotes and brackets balanced?"""
    if not _CLOSED.search(text.rstrip()):
        return False
    for opener, closer in _OPENERS.items():
        if text.count(opener) > text.count(closer):
            return False
    return True


def separator(left: str, right: str) -> str:
    """What stands between two wrapped pieces of text: ``""`` or ``" "``."""
    if not left or not right:
        return ""
    a, b = left[-1], right[0]
    if a.isascii() and a.isalnum() and is_han(b):
        return " "
    if is_han(a) and b.isascii() and b.isalnum():
        return " "
    if a.isascii() and b.isascii() and a not in "/-(" and b not in ")/.,;:" and not a.isspace():
        return " "
    return ""
