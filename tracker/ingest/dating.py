"""The date of what a sentence reports, and the due date of a plan.

- The story's date (:func:`story_date`): the day the lead reports a meeting or a statement ("On
  the afternoon of August 18, 2025, Wang Yi held talks ...", "the carriers said on Wednesday"),
  or the day a visit or meeting "ended", "concluded", or its host "received" the guest ("the
  visit ended on Monday"; not a timetable's "Monday, Wednesday and Friday"), within two weeks
  before publication and not a span of days ("a visit on February 8-10"); else a news dateline
  ("BEIJING, Jan. 27 (Xinhua) --"); else the published date.  A sentence without a date of its
  own is dated by the last recent day named earlier in its paragraph, else by the story.
- A sentence's own date (:func:`event_date`): the first date of the clause, else of the sentence;
  a date after the published date is the plan's, so the event is dated by the paragraph's day or the story.
- Stuck (``stalled``) is a state: dated by the report when the sentence's own date is long gone
  ("the MoU lapsed in June 2023 and has not been renewed", told in 2025).
- A plan (a clause in the future tense, "can resume by", "agreed to resume ... this year") is
  an event of the day it was announced: the day of "said on Thursday" / "agreed on Tuesday", a
  recent day named in the clause, else the story's date; the plan's own date becomes ``due``.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re

from tracker.core.dates import PartialDate
from tracker.core.model import Kind
from tracker.ingest.deadlines import find_due
from tracker.ingest.sentences import is_masthead
from tracker.ingest.textdates import MONTH_WORD, TextDate, find_date, find_dateline, not_after_report

_AUX = r"(?:will|would|shall|won.t|wouldn.t)"
FUTURE = re.compile(
    rf"\b{_AUX}\b|\b(?:is|are)\s+(?:now\s+|also\s+)?(?:set|scheduled|slated|due|planned)\s+to\b"
    r"|\bnext\s+(?:month|year|week)\b|\bby\s+the\s+end\s+of\b"
    r"|\b(?:agreed|decided|plans?|planned|expected|likely|aims?|aimed|intends?|intended|hopes?|hoped)\s+to\b",
    re.IGNORECASE,
)
_DECIDING = re.compile(r"\b(?:agreed|decided|said|announced|confirmed|told|stated|declared|resolved|promised|"
                       r"pledged|notified|informed|indicated|assured)\b", re.IGNORECASE)
_AUXILIARY = re.compile(_AUX, re.IGNORECASE)
_MAYBE = re.compile(r"\b(?:can|could|may|might)\b", re.IGNORECASE)
_SAID_ON = re.compile(
    r"\b(?:said|says|announced|told\s+\w+|stated|confirmed|agreed|decided|showed|notified|declared|met|held\s+talks)"
    r"\s+(?:late\s+|early\s+|earlier\s+)?(?:on\s+|last\s+|in\s+(?=\d)|(?=this\s+(?:month|week)|yesterday|today))",
    re.IGNORECASE)
# a visit or a meeting in the lead, whose day dates the story ("the visit ended on Monday", "was in Delhi on Thursday")
_ENDED = re.compile(r"\b(?:ended|concluded|wrapped\s+up|spent|received|hosted|called\s+on|sat\s+down)\b"
                    r"|\b(?:was|were)\s+in\s+(?-i:[A-Z])", re.IGNORECASE)
_LEAD = re.compile(r"\b(?:held\s+(?:talks|a\s+meeting)|met|meeting|talks|said|announced|told|visit)\b", re.IGNORECASE)
_PLANNED = {Kind.AGREED, Kind.RAISED, Kind.DISCUSSED, Kind.PROGRESS, Kind.REAFFIRMED}
_RECENT = dt.timedelta(days=14)
_RANGE = r"\s*(?:-|–|to|and|,)\s*[0-3]?\d(?![\d:])"  # "February 8-10", "January 26, 27": several days
_LEAD_SENTENCES = 6


def _recent(found: TextDate | None, published: PartialDate) -> bool:
    if found is None or found.date.precision != "day":
        return False
    try:
        return published.start - _RECENT <= found.date.start <= published.end
    except (ValueError, OverflowError):
        return False


_STILL = re.compile(r"\b(?:has|have|is|are|remains?|still|expired|lapsed)\b", re.IGNORECASE)  # the stall goes on


# "said on", "told reporters on", "said in a statement late on": the day something was said
_TOLD = (r"\b(?:said|told|stated|added|briefed)\s+(?:(?:reporters|journalists|the\s+media|parliament"
         r"|in\s+\w+(?:\s+\w+)?|at\s+\w+(?:\s+\w+)?)\s+)?(?:late\s+)?(?:on|last)\s+")


def _told_on(found: TextDate, sentence: str) -> bool:
    """Whether ``found`` is the day something said at the meeting was reported ("urged India to
    restore flights when he met his counterpart, Beijing said on Tuesday"), not done."""
    return (bool(found.words) and _AT_THE_MEETING.search(sentence) is not None
            and re.search(_TOLD + re.escape(found.words), sentence, re.IGNORECASE) is not None)


def _long_before(date: PartialDate, published: PartialDate) -> bool:
    """Whether ``date`` ended more than two months before the report."""
    try:
        return (published.start - date.end).days > _SOON.days
    except (ValueError, OverflowError):
        return False


def _before(date: PartialDate, published: PartialDate) -> bool:
    try:
        return date.end < published.start
    except (ValueError, OverflowError):
        return False


def _span_of_days(found: TextDate, sentence: str) -> bool:
    words = found.words.split()
    if not words or not words[-1].rstrip(",").isdigit() or len(words[-1].rstrip(",")) > 2:
        return bool(re.search(_RANGE, found.words))
    return bool(re.search(r"\s+".join(map(re.escape, words)) + _RANGE, sentence))


def said_on(sentence: str, published: PartialDate) -> TextDate | None:
    """The day of "said on Thursday", "agreed on Tuesday" in ``sentence``, when recent."""
    for m in _SAID_ON.finditer(sentence):
        words = sentence[m.end():m.end() + 40]
        found = find_date(words if not words[:1].isdigit() else "in " + words, published)
        if _recent(found, published) or (found is not None and found.date.precision != "day"
                                          and found.date.start <= published.start):
            return found
    return None


def story_date(text: str, spans: list[tuple[int, int]], published: PartialDate) -> TextDate:
    """The story's date (see the module doc)."""
    dateline = find_dateline(text, published)
    met = _meeting_day(text, spans, published)
    if met is not None:  # "agreed ... after talks on Thursday": the meeting's day, not the statement's
        return met
    for a, b in _lead(text, spans):
        sentence = text[a:b]
        found = said_on(sentence, published)
        if found is None and (_LEAD.search(sentence) or _ENDED.search(sentence)) and not _TIMETABLE.search(sentence):
            found = find_date(sentence, published)  # the day the lead gives its meeting or visit, not a timetable's
        if _recent(found, published) and found.date != published and not _span_of_days(found, sentence):
            return found._replace(basis=f"the story's date: {found.basis}")
    if dateline is not None:
        return dateline
    return TextDate(published, f"no date in the sentence: published {published}")


def recent_day(sentence: str, published: PartialDate) -> TextDate | None:
    """The day ``sentence`` names, when it is a recent day before the report ("met on Monday")."""
    if FUTURE.search(sentence) or _TIMETABLE.search(sentence):
        return None  # "the ministers will meet on Monday", "flights run Monday, Wednesday and Friday"
    found = find_date(sentence, published)
    if found is not None and found.date.precision == "day" and found.date != published and _recent(found, published) \
            and not _span_of_days(found, sentence):
        return found
    return None


# a timeline's entry: a line that starts with its date and a dash or a colon ("2020 — Flights stop ...",
# "January 2025 – Misri in Beijing", "2024, October — ...", "2018-2019 — Informal summits", "2019: ...");
# words follow, not a number ("2020 - 2021 saw ...", "2019 – 2,345 pilgrims")
_ENTRY = re.compile(rf"[ \t]*(?:[-*\u2022][ \t]+)?(?:(?P<m1>{MONTH_WORD})[ \t]+)?(?:(?:19|20)\d\d[ \t]*[-\u2013][ \t]*)?"
                    rf"(?P<year>(?:19|20)\d\d)(?:,?[ \t]+(?P<m2>{MONTH_WORD}))?[ \t]*[\u2014\u2013:-][ \t]+(?=[^\W\d])")


def timeline_entries(text: str) -> list[tuple[int, int, TextDate]]:
    """The entries of a timeline in ``text``: (start, end, date) of each run of lines that starts with
    a date and a dash and goes on to the next such line or a blank line. A single such line is not a
    timeline ("2020 - the year everything stopped - feels distant now")."""
    entries: list[tuple[int, int, TextDate]] = []
    at = 0
    while at <= len(text):
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        m = _ENTRY.match(text, at, end)
        if m is not None:
            year, month = int(m.group("year")), m.group("m1") or m.group("m2")
            found = find_date(f"in {month} {year}", PartialDate(year)) if month else None
            date = found.date if found is not None else PartialDate(year)
            words = m.group(0).strip()
            entries.append((at, end, TextDate(date, f"a line of a timeline dated “{words}”", words)))
        elif entries and entries[-1][1] == at - 1 and text[at:end].strip():
            entries[-1] = (entries[-1][0], end, entries[-1][2])  # the entry's text wraps onto this line
        at = end + 1
    return entries if len(entries) >= 2 else []


def old_timeline_entry(entries: list[tuple[int, int, TextDate]], start: int, published: PartialDate,
                       days: int) -> TextDate | None:
    """The entry of ``entries`` the sentence at ``start`` belongs to, when it is dated more than ``days``
    before the report ("2020 — Scheduled flights stop", "December 2024 — ... agree", in an April
    2025 timeline): history, not news."""
    i = bisect.bisect_right(entries, start, key=lambda e: e[0]) - 1
    if i < 0 or not entries[i][0] <= start < entries[i][1]:
        return None
    entry = entries[i][2]
    try:
        return entry if (published.start - entry.date.end).days > days else None
    except (ValueError, OverflowError):
        return None


def paragraph_date(day_before: TextDate | None, story: TextDate) -> TextDate:
    """What dates a sentence without a date of its own: the last recent day named earlier in its
    paragraph ("Misri and Sun agreed in Beijing on Monday ... The same meeting settled that the
    pilgrimage would restart": Monday), else the story's date."""
    if day_before is None or story.basis.startswith("the day of the meeting"):
        return story  # the meeting the lead reports dates what it settled, not a later statement's day
    return day_before._replace(basis=f"the story's date: a day named earlier in the paragraph, {day_before.basis}")


_WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# a timetable, not a day: "Monday, Wednesday and Friday", "on Tuesdays" (but "on Thursday and Friday" is a visit's days)
_TIMETABLE = re.compile(rf"\b{_WEEKDAYS}\s*,\s*{_WEEKDAYS}\b|\b{_WEEKDAYS}s\b")
_MEETING_WORDS = (r"(?:held\s+talks|met|talks|meeting|met\s+with|sat\s+down\s+with|hosted|called\s+on|"
                  r"spoke\s+(?:with|to)|phone\s+call|telephone\s+conversation)")
# "met ... on Monday", and "On Monday, ... sat down with" (not "On Monday ... will hold talks"):
# group 1 is where the weekday starts
# the nouns of a meeting ("the meeting", "Thursday's talks", "the exchanges held in April")
_MEETING_NOUNS = r"(?:meetings?|talks|round|dialogue|sessions?|consultations|summit|discussions|exchanges|mechanism|conference|visit)"
# "the statement released on Friday about Thursday's talks": Thursday's, as far as the lead reaches
_TALKS_DAY = re.compile(rf"\b({_WEEKDAYS})['’]s\s+(?:[\w-]+\s+)?{_MEETING_NOUNS}\b")
# the first that matches decides: the talks' day before a weekday near a meeting word
_MET_ON = (_TALKS_DAY,
           re.compile(rf"\b{_MEETING_WORDS}\b[^.;]{{0,120}}?\b(?:on|last)\s+({_WEEKDAYS})\b"),
           re.compile(rf"\b(?:[Oo]n|[Ll]ast)\s+({_WEEKDAYS})\b"
                      rf"(?=(?:(?!\b(?:will|would|shall|to|preparing|prepare)\b)[^.;]){{0,80}}?\b{_MEETING_WORDS}\b)"))


_AT_THE_MEETING = re.compile(rf"\b(?:{_MEETING_WORDS}|dialogue)\b", re.IGNORECASE)  # a sentence about the meeting
_TOLD_BEFORE = re.compile(_TOLD + "$", re.IGNORECASE)  # "..., Beijing said on " right before a weekday


def _lead(text: str, spans) -> list[tuple[int, int]]:
    """The headline and the first sentences, without a byline or a dateline standing alone."""
    return [(a, b) for a, b in spans[:_LEAD_SENTENCES + 2] if not is_masthead(text[a:b])][:_LEAD_SENTENCES]


def _meeting_day(text: str, spans, published: PartialDate) -> TextDate | None:
    """The day of the meeting the lead reports ("after talks ... on Thursday"), when recent."""
    for i, (a, b) in enumerate(_lead(text, spans)):
        # the headline, the lead and the sentence after it; "Thursday's talks" as far as the lead reaches
        patterns = _MET_ON if i < 3 else (_TALKS_DAY,)
        for m in (m for pattern in patterns for m in pattern.finditer(text, a, b)):
            day = m.start(1)
            if _TOLD_BEFORE.search(text, max(a, day - 40), day):
                continue  # "when he met his counterpart, Beijing said on Tuesday": the day it was said
            found = find_date(text[day:day + 24], published)  # "Monday 10 November" too
            if _recent(found, published) and found.date != published:
                return found._replace(basis=f"the day of the meeting: {found.basis}")
    return None


_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# "the October 2024 agreement", and "this year's pilgrimage": a date that names a thing ("last year's
# talks" keeps its year: it says when the talks were, a recap)
_ATTRIBUTIVE = re.compile(rf"\bthe\s+(?:{_MONTH}\s+)?(?:19|20)\d\d(?=\s+[a-z])|\b(?i:this)\s+year['’]s\b")


_DAY_MONTH_YEAR = (rf"(?:(?:early|late|mid)[\s-]+)?(?:(?:[0-3]?\d\s+)?{_MONTH}(?:\s+[0-3]?\d)?(?:,?\s+(?:19|20)\d\d)?"
                   r"|(?:19|20)\d\d)\b")
# "the ELM meeting held in April 2025", "the MoU, last renewed in June 2018, expired": a participle
# right after its noun (a meeting, an MoU) or after a comma or "last" dates that noun, not what the
# sentence reports ("China signed in June 2023 a memorandum" keeps its date: a subject comes first).
_PARTICIPLE_DATE = re.compile(
    r"(?:,\s*|\b(?:last|first|originally|previously)\s+|\b(?:meeting|meetings|talks|MoUs?|memorand\w+|agreements?"
    r"|pacts?|summit|round|dialogue|session|consultations|mechanism|arrangements?|accords?|deal|understandings?"
    r"|protocols?|visit|(?-i:[A-Z]{2,}))\s+)"
    r"(?:held|signed|renewed|concluded|inked|established|set\s+up|extended)\s+(?:in|on)\s+"
    + _DAY_MONTH_YEAR
    # "referring to the discussions at the meeting of the Expert Level Mechanism on trans-border rivers
    # held in April": a meeting after a preposition, and its "held" up to 80 characters on, is a
    # participle ("The ELM meeting held in April agreed ..." keeps its date: the meeting is the subject;
    # so does "the draw of lots held on 8 May": there the draw is what the sentence reports)
    + r"|\b(?:at|after|during|from|of|on|to|since|recalling|recalled)\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,4}?"
    + _MEETING_NOUNS + r"\b[^,.;:]{0,80}?"
    r"(?<!\bwas )(?<!\bwere )(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bbeen )(?<!\bbeing )held\s+(?:in|on)\s+" + _DAY_MONTH_YEAR,
    re.IGNORECASE)


def _plain(text: str) -> str:
    """``text`` without the dates that only name a thing ("the October 2024 agreement", "the 2020
    border clash", "the meeting held in April 2025"): they say when that thing was, not when the
    event was."""
    text = _ATTRIBUTIVE.sub(lambda m: " " * len(m.group(0)), text)
    return _PARTICIPLE_DATE.sub(lambda m: " " * len(m.group(0)), text)


def _finest(text: str, published: PartialDate, future: bool) -> TextDate | None:
    """The first date of ``text``; but a year ("this year") followed by a day of that year
    ("as of April 9") is that day."""
    found = find_date(text, published, future)
    if found is None or found.date.precision != "year" or not found.words:
        return found
    finer = find_date(text.replace(found.words, " " * len(found.words), 1), published, future)
    if finer is not None and finer.date.precision != "year" and finer.date.year == found.date.year:
        return finer
    return found


_FROM = re.compile(r"\b(?:from|starting|with\s+effect\s+from|effective|on|by|in|before|tomorrow|next)\b", re.IGNORECASE)
_PERMISSIVE = re.compile(r"\b(?:tomorrow|with\s+effect\s+from|effective\s+from|starting\s+from)\b", re.IGNORECASE)


_HALT_FROM = re.compile(rf"\b(?:from|between)\s+(?:\d{{1,2}}\s+{MONTH_WORD}|{MONTH_WORD}\s+\d{{1,2}}\b)", re.IGNORECASE)
_SOON = dt.timedelta(days=62)  # a month named without a year, past and gone, is last year's, not next year's
_WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", re.IGNORECASE)


def _later(clause: str, published: PartialDate, halt: bool = False) -> PartialDate | None:
    """A date after the report among the clause's dates ("from tomorrow, July 24"; a halt "from 31
    March to 20 April", told on 14 March)."""
    if not (FUTURE.search(clause) or _MAYBE.search(clause) or _PERMISSIVE.search(clause)
            or halt and _HALT_FROM.search(clause)):
        return None  # "resumed in December", told in November: last December, not a plan
    for m in _FROM.finditer(clause):
        found = find_date(clause[m.start():m.start() + 40], published, future=True)
        if found is not None and not _WEEKDAY.search(found.words or ""):  # "on Sunday" is the past one
            try:
                if published.end < found.date.start <= published.end + _SOON:
                    return found.date
            except (ValueError, OverflowError):
                return None
    return None


# "landed in Guangzhou early on Monday, after leaving Kolkata late on Sunday": a flight that landed is
# dated by its departure (pilgrims who "crossed into Tibet, after leaving Delhi on 30 October" are not)
_LANDED = re.compile(r"\b(?:landed|lands|touched\s+down|touches\s+down)\b", re.IGNORECASE)
_DEPARTURE = re.compile(r"\b(?:leaving|left|departing|departed|took\s+off|taking\s+off|pushed\s+back)\b", re.IGNORECASE)


def _departed(clause: str, published: PartialDate) -> TextDate | None:
    """The day of the departure of a flight the clause says landed, when the clause gives it."""
    if not _LANDED.search(clause):
        return None
    m = _DEPARTURE.search(clause)  # the first departure only: one date read, whatever the text's length
    found = find_date(clause[m.end():m.end() + 70], published) if m else None
    if found is not None and found.date.precision == "day":
        return found._replace(basis=f"the departure: {found.basis}")
    return None


_NEGATED = re.compile(r"\b(?:not|no|never)\b|n[’']t\b", re.IGNORECASE)
# a state or a plan, not a past act: "the Yatra in 2026 is under discussion", "talks since earlier this
# year", "due later this year", "should be strengthened", "pressed for more pilgrims to be allowed this year"
_PRESENT = re.compile(r"\b(?:is|are|remains?|still|since|due|later|should|must|to\s+be)\b", re.IGNORECASE)
# "agreed this year", "so far this year": the year dates the act (or the tally) itself
_ACT_YEAR = re.compile(r"\b(?:agreed|decided|so\s+far|till\s+now|until\s+now)\s+$", re.IGNORECASE)


def _this_year(found: TextDate, clause: str, sentence: str, published: PartialDate) -> bool:
    """Whether ``found`` is only the report's own year, said of the thing rather than of the act."""
    if found.date.precision != "year" or found.date.year != published.year or not found.words:
        return False
    if not (FUTURE.search(clause) or _MAYBE.search(clause) or _NEGATED.search(clause) or _PRESENT.search(clause)):
        return False  # "resumed earlier this year", "were suspended in 2025": a past act keeps its year
    for text in (clause, sentence):
        at = text.find(found.words)
        if at >= 0:
            return _ACT_YEAR.search(text, max(0, at - 20), at) is None
    return True


def event_date(clause: str, sentence: str, kind: Kind, published: PartialDate,
               story: TextDate) -> tuple[PartialDate, str, PartialDate | None]:
    """(date, how it was read, due) of an event of ``kind`` reported in ``clause`` of ``sentence``."""
    clause, sentence = _plain(clause), _plain(sentence)
    plan = kind in _PLANNED and bool(FUTURE.search(clause) or _MAYBE.search(clause)
                                     or FUTURE.search(sentence) and not find_date(clause, published))
    if plan:
        due = find_due(clause, published) or find_due(sentence, published)
        verb = FUTURE.search(clause) or _MAYBE.search(clause)
        before_verb = find_date(clause[:verb.start()] if verb else clause, published)
        own = find_date(clause, published, future=True)
        said = said_on(sentence, published)
        # "In March, flights will resume": a month with no year before "will" is the plan's, not the saying's
        # (not "In December the two sides agreed that flights would resume", nor "agreed in January that the
        # Mechanism would meet": a verb of deciding or saying before "will" takes the month)
        plans_month = (verb is not None and _AUXILIARY.fullmatch(verb.group(0)) is not None and before_verb is not None
                       and before_verb.basis.startswith("'") and before_verb.date.precision == "month"
                       and not _DECIDING.search(clause, 0, verb.start()))
        if said is None and before_verb is not None and before_verb.date != published and not plans_month \
                and (_recent(before_verb, published) or _before(before_verb.date, published)):
            said = before_verb  # "on Monday the two sides agreed that ...", "on January 27, when they decided to"
        if said is None and own is not None and _before(own.date, published):
            said = own  # a plan reported after its date: "will resume in June 2025" (in August)
        if said is not None and story.basis.startswith("the day of the meeting") and _told_on(said, sentence):
            said = story  # "agreed to ... when they met, the ministry said on Tuesday": the meeting's day
        if said is not None:
            return said.date, said.basis, due
        plan_words = f"a plan, due {due}" if due else "a plan"
        return story.date, f"{plan_words}: dated by the report ({story.basis})", due
    found = (kind is Kind.IMPLEMENTED and _departed(clause, published)
             or _finest(clause, published, bool(FUTURE.search(clause)))
             or _finest(sentence, published, bool(FUTURE.search(sentence))) or story)
    if _this_year(found, clause, sentence, published) and story.date.year == published.year:
        # "will not host the Yatra this year", "the Yatra in 2026" told in 2026: the report's day says more
        found = story._replace(basis=f"{story.basis} (the sentence's {found.words!r} names only the report's own year)")
    if story.basis.startswith("the day of the meeting") and _told_on(found, sentence):
        found = story  # "Wang urged India to restore flights when they met, Beijing said on Tuesday": Monday's
    dated = not_after_report(TextDate(*found), published)
    if kind is Kind.STALLED and _long_before(dated.date, published) and _STILL.search(clause):
        # "lapsed in June 2023 and has not been renewed", told in 2025: still stuck, as of the report
        return story.date, f"still stuck at the report ({story.basis}); {dated.basis} says since when", None
    due = _later(clause, published, kind is Kind.SUSPENDED) if kind in (Kind.IMPLEMENTED, Kind.SUSPENDED) else None
    if due is not None:  # "can apply from tomorrow, July 24", "cancelled from 31 March": announced today, done later
        return story.date, f"a plan, due {due}: dated by the report ({story.basis})", due
    if dated.date == published and found.date != published:
        dated = story._replace(basis=f"{dated.basis}; the story's date")
        due = find_due(clause, published) if kind in _PLANNED else None
    return dated.date, dated.basis, due
