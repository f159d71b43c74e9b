"""The fold is one loop (tracker.core.fold.fold_steps), and every way of running it agrees:
``fold``, ``reduce(apply)``, the last step of ``replay``, the append path's read model and a
database rebuild, on generated streams with retractions (and retractions of retractions) and
dates of every precision, equal dates included."""
from __future__ import annotations

import itertools
from dataclasses import replace
from functools import reduce

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as s

from tracker.core.dates import PartialDate
from tracker.core.fold import apply, fold, replay, retracted_ids
from tracker.core.model import CLAIM_KINDS, Event, Kind, State, sort_key
from tracker.store import events as st
from tracker.store.database import open_store
from tracker.store.rebuild import rebuild_read_models

dates = s.builds(lambda y, m, d, p: PartialDate.parse(
    f"{y}" if p == 0 else f"{y}-{m:02d}" if p == 1 else f"{y}-{m:02d}-{d:02d}"),
    s.integers(2019, 2021), s.integers(1, 12), s.integers(1, 28), s.integers(0, 2))


@s.composite
def streams(draw, slug="direct-flights"):
    """A stream in recording order (versions 1..n): claims, then retractions aimed at earlier events."""
    events = []
    for version in range(1, draw(s.integers(0, 12)) + 1):
        earlier = [e.id for e in events]
        if earlier and draw(s.integers(0, 4)) == 0:
            target = draw(s.sampled_from(earlier))
            events.append(Event(slug, Kind.RETRACTED, draw(dates), version=version, id=f"{slug}-{version}",
                                target=target, note="wrong"))
        else:
            events.append(Event(slug, draw(s.sampled_from(CLAIM_KINDS)), draw(dates), version=version,
                                id=f"{slug}-{version}", source="src", quote="a quote of the source"))
    return events


def _by_reduce(events, slug):
    gone = retracted_ids(events)
    live = sorted((e for e in events if e.id not in gone), key=sort_key)
    return reduce(apply, live, State(slug))


@settings(max_examples=300, deadline=None)
@given(streams())
def test_fold_reduce_apply_and_the_last_replay_step_agree(events):
    folded = fold(events, "direct-flights")
    assert folded == _by_reduce(events, "direct-flights")
    steps = list(replay(events, "direct-flights"))
    assert (steps[-1].after if steps else folded.status) == folded.status


@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory):
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('fold') / 'fold.db'}", seed=False)
    yield store
    store.dispose()


_names = (f"stream-{n}" for n in itertools.count())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(s.data())
def test_the_append_path_and_a_rebuild_give_the_fold(sqlite_store, data):
    slug = next(_names)
    events = data.draw(streams(slug))
    if not events:
        return

    def write(conn):
        st.put_source(conn, "a quote of the source, and more text around it")  # idempotent
        source = st.source_by_hash(conn, st.content_hash("a quote of the source, and more text around it"))["id"]
        # one append per event, as `add` and `retract` do: the read model is updated incrementally
        for e in events:
            stored = replace(e, recorded_at="2026-01-01T00:00:00+00:00",
                             source=None if e.kind is Kind.RETRACTED else source)
            st.append(conn, [stored], keep_identity=True)
        return dict(st.statuses(conn)[slug])

    incremental = sqlite_store.run(write)
    want = fold(events, slug)
    expected = {"status": want.status.value, "since": str(want.since) if want.since else None,
                "last_event": str(want.last_event) if want.last_event else None, "events": want.events}
    assert {k: incremental[k] for k in expected} == expected

    def rebuilt(conn):
        rebuild_read_models(conn)
        return dict(st.statuses(conn)[slug])

    assert {k: v for k, v in sqlite_store.run(rebuilt).items() if k in expected} == expected
