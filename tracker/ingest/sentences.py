"""Sentence splitting that never rewrites the text.

Every sentence is returned as an exact substring of the input (only surrounding
whitespace and a list marker are left out), so a quote taken from it occurs
verbatim in the source.

The text is cut first into lines and blocks, then each block at sentence ends:

- a blank line always ends a sentence; a line break ends one after a line that ends
  in terminal punctuation, after a title-like line (short, or Title Case, with no
  final punctuation), before and after a list item, and after a line ending in ":";
  other line breaks are wrapped prose and are joined;
- a list marker ("1.", "2)", "-", "*", "•", "(a)", "(ii)", "iv.") at the start of a line is not part
  of the sentence;
- a leading date stamp ("date 2025-01-27") is a sentence of its own;
- inside a block, ``. ! ?`` (with any closing quotes or brackets after it) ends a
  sentence when whitespace and a sentence start follow, except after an abbreviation
  ("Mr.", "Dr.", "Jan.", "No. 5", "U.S.", "e.g.", an initial "S.") or inside a short
  parenthesis.  Decimals ("118.4") never qualify: no space follows their point.
"""
from __future__ import annotations

import re

__all__ = ["BLANK_LINE", "is_list_item", "sentence_spans", "split_sentences"]

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st sr jr gen lt col capt maj sgt adm gov sen rep rev hon pres
    amb dept govt co corp inc ltd vs viz cf al approx est fig mt mts jan feb mar apr jun jul
    aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun""".split()
)
_NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "art", "vol", "pp", "p", "sec", "para"})

BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\r?\n")  # ends a paragraph
_LIST_MARKER = re.compile(r"[ \t\u00a0]*(?:\d{1,3}[.)]|\(?[a-zA-Z]\)|\(?(?:i{1,3}|iv|vi{0,3}|ix|x)[.)]|[-*•·▪‣–—])[ \t\u00a0]+(?=\S)")
_DATE_STAMP = re.compile(r"[ \t\u00a0]*date[ \t\u00a0]+\d{4}-\d{2}-\d{2}(?=\s)", re.IGNORECASE)
_TERMINAL_LINE = re.compile(r"""[.!?:;…]["'”’»)\]]*+\s*+$""")
# Possessive quantifiers and the look-behind keep these linear on any text ("." * 10**6 took minutes).
_BOUNDARY = re.compile(r"""(?<![.!?])[.!?]++["'”’»)\]]*+(?=\s++["'“‘«(\[]*+[A-Z0-9\u00c0-\u024f])""")
_WORD_BEFORE = re.compile(r"""([A-Za-z]+(?:\.[A-Za-z]+)*)$""")
_NEXT_CHAR = re.compile(r"\s*+(\S?)")
_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to with vs".split())


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, each an exact substring of it, in order."""
    return [text[a:b] for a, b in sentence_spans(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the sentences of ``text``."""
    if not isinstance(text, str) or not text:
        return []
    spans: list[tuple[int, int]] = []
    for a, b in _blocks(text):
        spans.extend(_split_block(text, a, b))
    return [(a, b) for a, b in (_strip(text, a, b) for a, b in spans) if a < b and _has_word(text[a:b])]


def is_list_item(text: str, start: int, line: int) -> bool:
    """Whether the sentence at ``start`` opens a list item: only a list marker ("1.", "(ii)",
    "-") stands between it and ``line``, the start of its line."""
    if start - line > 40:  # a marker is short; never scan a long line once per sentence on it
        return False
    marker = _LIST_MARKER.match(text, line)
    return marker is not None and marker.end() == start


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        out.append((pos, pos + len(body)))
        pos += len(line)
    return out


def _blocks(text: str) -> list[tuple[int, int]]:
    """Runs of lines that belong to one sentence group (see the module docstring)."""
    blocks: list[tuple[int, int]] = []
    start: int | None = None
    prev_end = 0  # end of the last non-blank line (set before any use: start is None until then)
    lines = _lines(text)
    for i, (a, b) in enumerate(lines):
        line = text[a:b]
        if not line.strip():
            if start is not None:
                blocks.append((start, prev_end))
                start = None
            continue
        stamp = _DATE_STAMP.match(line)
        marker = None if stamp else _LIST_MARKER.match(line)
        if start is not None and (stamp or marker):
            blocks.append((start, prev_end))
            start = None
        if stamp:
            blocks.append((a, a + stamp.end()))
            a += stamp.end()
        elif marker:
            a += marker.end()
        if start is None:
            start = a
        prev_end = b
        nxt = next((text[c:d] for c, d in lines[i + 1:i + 2]), "")
        if _ends_line_sentence(line, nxt, bool(marker)) or i < _HEAD_LINES and _masthead_next(nxt):
            blocks.append((start, b))
            start = None
    if start is not None:
        blocks.append((start, prev_end))
    return blocks


# a headline's next line is a byline ("By Reuters staff") or a dateline ("RIO DE JANEIRO, Nov 19, 2024 (Reuters) -"):
# the headline ends there, whatever its capitals
_HEAD_LINES = 3  # the headline and what may follow it: a byline, a dateline
_NAME = r"[A-Z](?:\.|[\w'’-]*)"  # "Reuters", "O'Neill", "S." (an initial; not "October.")
_BYLINE = re.compile(rf"[ \t]*By[ \t]+{_NAME}(?:,?[ \t]+(?:{_NAME}|and|&|staff|our|special|"
                     r"correspondents?|reporters?|writers?))*[ \t]*$")
_DATELINE_START = re.compile(r"[ \t]*[A-Z][A-Z'’.-]+(?:[ \t/][A-Z][A-Z'’.-]+){0,4},[ \t]")
# a dateline standing alone on its line ("RIO DE JANEIRO, Nov 19, 2024 (Reuters) -"), or opening the lead
_DATELINE_LINE = re.compile(r"[^\n]{0,80}?(?:[-\u2013\u2014:][ \t]*$|\((?:Reuters|PTI|AP|AFP|IANS|ANI|Xinhua|UNI|Wire)\))")


def _masthead_next(nxt: str) -> bool:
    """Whether ``nxt``, a line just under the headline, is a byline or a dateline."""
    return bool(_BYLINE.match(nxt) or _DATELINE_START.match(nxt) and _DATELINE_LINE.match(nxt))


def is_masthead(sentence: str) -> bool:
    """Whether ``sentence`` is a byline or a dateline alone, not the story's words."""
    return bool(_BYLINE.match(sentence) or _DATELINE_START.match(sentence) and sentence.rstrip()[-1:] in "-\u2013\u2014:")


def _ends_line_sentence(line: str, nxt: str, is_item: bool) -> bool:
    if not nxt.strip() or _TERMINAL_LINE.search(line):
        return True
    if _LIST_MARKER.match(nxt) or _DATE_STAMP.match(nxt):
        return True
    if is_item and nxt.lstrip()[:1].isupper():
        return True
    return _looks_like_title(line)


def _looks_like_title(line: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'’-]*", line)
    if len(words) <= 6:
        return True
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    capitals = sum(1 for w in content if w[:1].isupper())
    return bool(content) and capitals / len(content) >= 0.6


def _split_block(text: str, a: int, b: int) -> list[tuple[int, int]]:
    block = text[a:b]
    out, start = [], 0
    for m in _BOUNDARY.finditer(block):
        if _is_abbreviation(block, m) or _inside_parenthesis(block, start, m.start(), m.end()):
            continue
        out.append((a + start, a + m.end()))
        start = m.end()
    out.append((a + start, b))
    return out


def _is_abbreviation(block: str, m: re.Match) -> bool:
    mark = block[m.start():m.end()]
    if not mark.startswith(".") or mark.startswith(".."):
        return False
    word = _WORD_BEFORE.search(block, max(0, m.start() - 40), m.start())
    if not word:
        return False
    token = word.group(1)
    following = _NEXT_CHAR.match(block, m.end()).group(1)  # not a slice of the rest: linear
    if "." in token:  # U.S., e.g., i.e.
        return True
    if len(token) == 1 and token.isupper():  # an initial: "S. Jaishankar"
        return True
    low = token.lower()
    if low in _NUMBER_ABBREVIATIONS:
        return following.isdigit()
    return low in _ABBREVIATIONS and (len(mark) == 1)


def _inside_parenthesis(block: str, start: int, at: int, end: int) -> bool:
    """True inside a short parenthesis that opened in this sentence and closes soon after."""
    close = block.find(")", end, end + 201)  # bounded searches, no slices: linear on any text
    if close < 0:
        return False
    opened = block.rfind("(", start, at)
    if opened < 0 or block.find(")", opened, at) >= 0:
        return False
    return "\n\n" not in block[end:close]


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _has_word(s: str) -> bool:
    return any(ch.isalnum() for ch in s)
