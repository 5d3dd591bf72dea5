"""'What really happened': the history notes of the cards drawn, in the order the events really happened.

The notes are free text written by scenario authors, so their dates are read
best effort ('21 September 2016', 'mid-2016', 'since late 2015'); a note
without a date takes the game date on which its card was drawn.
"""

from __future__ import annotations

import re

from wargame.report.model import HistoryNote, Moment
from wargame.scenario.model import Scenario

MONTH_NAMES = (
    "january|jan",
    "february|feb",
    "march|mar",
    "april|apr",
    "may",
    "june|jun",
    "july|jul",
    "august|aug",
    "september|sept|sep",
    "october|oct",
    "november|nov",
    "december|dec",
)
MONTHS = {name: i for i, names in enumerate(MONTH_NAMES, 1) for name in names.split("|")}
SEASONS = {"early": 2, "winter": 1, "spring": 4, "mid": 6, "summer": 7, "autumn": 10, "fall": 10, "late": 11}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
TOKEN = re.compile(rf"\b(?:({_MONTH_RE})\.?|({'|'.join(SEASONS)})|((?:19|20)\d\d)|(\d{{1,2}}))\b", re.I)


def date_key(text: str) -> tuple[int, int, int] | None:
    """The date a note is about, best effort, as (year, month, day).

    The first month that a year follows ('21 September 2016', '1 August to 19
    December 2016', 'Feb. 19, 2016'), else the first season ('mid-2016'), else
    the first year. Used only to order the history notes.
    """
    toks = [
        (m.lastindex, m.group(m.lastindex).lower().rstrip("."), m.start(), m.end())
        for m in TOKEN.finditer(text)
        if m.lastindex
    ]

    def year_after(i: int, within: int) -> int | None:
        return next((int(t[1]) for t in toks[i + 1 :] if t[0] == 3 and t[2] - toks[i][3] <= within), None)

    def day_near(i: int) -> int:
        for j in (i - 1, i + 1):
            if 0 <= j < len(toks) and toks[j][0] == 4:
                gap = toks[i][2] - toks[j][3] if j < i else toks[j][2] - toks[i][3]
                if gap <= 3 and 1 <= int(toks[j][1]) <= 31:
                    return int(toks[j][1])
        return 0

    for i, (kind, word, _, _) in enumerate(toks):
        if kind == 1 and (year := year_after(i, 40)):
            return year, MONTHS[word], day_near(i)
    for i, (kind, word, _, _) in enumerate(toks):
        if kind == 2 and (year := year_after(i, 8)):
            return year, SEASONS[word], 0
    return next(((int(t[1]), 0, 0) for t in toks if t[0] == 3), None)


def history_notes(s: Scenario, moments: list[Moment]) -> tuple[HistoryNote, ...]:
    """The real events behind the cards drawn, ordered by the date their note gives (else the game's)."""
    drawn: dict[str, list[Moment]] = {}
    for m in moments:
        if m.kind == "card" and s.card(m.ref).history.strip():
            drawn.setdefault(m.ref, []).append(m)
    keyed = []
    for n, (cid, ms) in enumerate(drawn.items()):
        card = s.card(cid)
        key = date_key(card.history) or date_key(ms[0].date) or (9999, 0, 0)
        note = HistoryNote(
            cid, card.title, " ".join(card.history.split()), tuple(m.date for m in ms), any(m.facilitator for m in ms)
        )
        keyed.append((key, n, note))
    return tuple(note for _, _, note in sorted(keyed))
