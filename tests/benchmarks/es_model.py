"""The benchmark's model for the ``eventsourcing`` library: one aggregate per commitment, one
aggregate event per tracker event, the status folded in the aggregate (as its docs show)."""
from __future__ import annotations

import uuid

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

TRACK = ["not_started", "proposed", "under_discussion", "agreed", "in_progress", "implemented"]
ADVANCES = {"raised": 1, "discussed": 2, "agreed": 3, "progress": 4, "implemented": 5}
SETS = {"stalled", "suspended", "abandoned"}


class Commitment(Aggregate):
    @staticmethod
    def create_id(slug: str):
        return uuid.uuid5(uuid.NAMESPACE_URL, slug)

    @event("Defined")
    def __init__(self, slug: str, definition: dict, event_id: str, date: str, recorded_at: str):
        self.slug = slug
        self.definition = definition
        self.status, self.since, self.last_event, self.events = "not_started", None, None, 0
        self.retracted: list = []

    @event("Recorded")
    def record(self, event_id: str, kind: str, date: str, source: str, quote: str, actors: list,
               note, recorded_at: str):
        # Applied in recording order (the library's model: a stream is a sequence, not a sort).
        if kind in SETS:
            new = kind
        elif kind in ADVANCES:
            step = ADVANCES[kind]
            new = TRACK[step] if self.status not in TRACK else TRACK[max(TRACK.index(self.status), step)]
        else:
            new = self.status
        if new != self.status:
            self.status, self.since = new, date
        self.last_event, self.events = date, self.events + 1

    @event("Retracted")
    def retract(self, event_id: str, target: str, reason: str, date: str, recorded_at: str):
        self.retracted.append(target)


class Tracker(Application):
    pass
