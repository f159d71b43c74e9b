"""Verbs as data: a rule may list verbs by their base form ("take off", "touch down", "begin
accepting") instead of regular expressions, and every form of the first verb is matched
("took off", "takes off", "taking off", "taken off").  The rest of the phrase is matched as
written, with any run of spaces between words; a word in brackets is optional
("leave (for)").

This is what lets an analyst write "depart" once instead of five spellings, and what makes a
rule carry over to wording nobody wrote down: the rule is the verb, not one sentence.
"""
from __future__ import annotations

import re

# Irregular verbs: base -> (past, past participle)
_IRREGULAR = {
    "begin": ("began", "begun"), "take": ("took", "taken"), "leave": ("left", "left"),
    "fly": ("flew", "flown"), "send": ("sent", "sent"), "hold": ("held", "held"),
    "run": ("ran", "run"), "come": ("came", "come"), "get": ("got", "gotten|got"),
    "give": ("gave", "given"), "go": ("went", "gone"), "set": ("set", "set"),
    "put": ("put", "put"), "make": ("made", "made"), "see": ("saw", "seen"),
    "write": ("wrote", "written"), "ride": ("rode", "ridden"), "lead": ("led", "led"),
    "bring": ("brought", "brought"), "draw": ("drew", "drawn"), "undertake": ("undertook", "undertaken"),
    "meet": ("met", "met"), "keep": ("kept", "kept"), "pay": ("paid", "paid"), "lay": ("laid", "laid"),
    "reach": ("reached", "reached"), "issue": ("issued", "issued"), "cut": ("cut", "cut"),
    "shut": ("shut", "shut"), "let": ("let", "let"), "sign": ("signed", "signed"),
    "hand": ("handed", "handed"), "win": ("won", "won"), "break": ("broke", "broken"),
    "seek": ("sought", "sought"), "tell": ("told", "told"), "say": ("said", "said"),
    "freeze": ("froze", "frozen"), "speed": ("sped|speeded", "sped|speeded"), "shake": ("shook", "shaken"),
}
_DOUBLED = {"stop", "ship", "plan", "drop", "scrap", "step", "ban", "admit", "commit", "submit",
            "transmit", "permit", "rebook", "trek", "set", "cut", "run", "begin", "get", "put", "shut", "let", "win"}
_VOWEL = "aeiou"


def forms(verb: str) -> list[str]:
    """Every inflected form of ``verb`` (one word, its base form)."""
    v = verb.lower()
    if v == "be":
        return ["being", "been", "were", "was", "are", "is", "am", "be"]
    out = {v}
    if v.endswith(("s", "sh", "ch", "x", "z", "o")):
        out.add(v + "es")
    elif v.endswith("y") and len(v) > 2 and v[-2] not in _VOWEL:
        out.add(v[:-1] + "ies")
    else:
        out.add(v + "s")
    one_syllable_cvc = len(v) <= 4 and re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", v) is not None
    stem = v + v[-1] if v in _DOUBLED or one_syllable_cvc else v
    if v.endswith("l") and len(v) > 2 and v[-2] in _VOWEL and v[-3] not in _VOWEL:  # cancelled and canceled
        out.update({v + "led", v + "ling", v + "ed", v + "ing"})
    if v.endswith("ie"):
        out.add(v[:-2] + "ying")
    elif v.endswith("e") and not v.endswith(("ee", "ye", "oe")):
        out.add(v[:-1] + "ing")
    else:
        out.add(stem + "ing")
    if v in _IRREGULAR:
        for f in _IRREGULAR[v]:
            out.update(f.split("|"))
    elif v.endswith("e"):
        out.add(v + "d")
    elif v.endswith("y") and len(v) > 2 and v[-2] not in _VOWEL:
        out.add(v[:-1] + "ied")
    else:
        out.add(stem + "ed")
    return sorted(out, key=lambda f: (-len(f), f))


def phrase_pattern(phrase: str) -> str:
    """A regular expression (text) for ``phrase``: every form of its first word, then its other
    words as written ("(for)" optional, "..." up to three words), on word boundaries.  Whether a
    determiner comes just before it ("the restart of") is checked by :func:`a_noun_here`."""
    words = phrase.split()
    if not words or not re.fullmatch(r"[A-Za-z][A-Za-z'-]+", words[0]):
        raise ValueError(f"a verb phrase must start with a verb: {phrase!r}")
    if words.count("...") > 1:
        raise ValueError(f"at most one \"...\" in a verb phrase: {phrase!r}")
    parts = ["(?:" + "|".join(re.escape(f) for f in forms(words[0])) + ")"]
    for w in words[1:]:
        if w.startswith("(") and w.endswith(")") and len(w) > 2:
            parts.append(r"(?:\s+" + re.escape(w[1:-1]) + ")?")
        elif w == "...":
            parts.append(r"(?:\s+[\w'’–-]+){0,3}?")  # "Kolkata–Shanghai" is one word
        else:
            parts.append(r"\s+" + re.escape(w))
    tail = r"(?!-)" + (r"(?!\s+of\b)" if len(words) == 1 else "")  # "cross-border"; "the restart of" is a noun
    return r"\b" + "".join(parts) + r"\b" + tail


def verbs_pattern(phrases: list[str]) -> str:
    """One regular expression for all of a rule's verb phrases (one search instead of many)."""
    return "(?:" + "|".join(phrase_pattern(p) for p in phrases) + ")"


_DETERMINER = re.compile(r"\b(?:(?:the|a|an|its|their|any|this)\s+"
                         r"(?:(?:short|long|brief|quick|first|second|daily|weekly|new|safe|smooth|successful|"
                         r"direct|non-stop|full|planned|proposed|final|last)\s+)?|(?:early|earliest|that)\s+)$",
                         re.IGNORECASE)


def a_noun_here(sentence: str, start: int) -> bool:
    """After a determiner, and maybe an adjective, the word is a noun ("the restart of flights",
    "an early return", "a short walk into")."""
    return bool(_DETERMINER.search(sentence, max(0, start - 30), start))
