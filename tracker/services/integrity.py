"""What ``tracker verify`` adds to the quote and replay checks: the hash chains, the commitment
read model, the append-only triggers, and the digest of the whole store (:mod:`tracker.core.ledger`)."""
from __future__ import annotations

import json

from sqlalchemy import select, text

from tracker.core import ledger
from tracker.store import events as st

#: The append-only triggers of migration 0002, per engine.
TRIGGERS = {
    "sqlite": {"event_no_update", "event_no_delete", "source_no_update", "source_no_delete"},
    "postgresql": {"event_append_only", "event_no_truncate", "source_append_only", "source_no_truncate"},
}


def chains(conn) -> tuple[list[str], dict[str, tuple[int, str]], dict[str, str]]:
    """(problems, chain head per stream as (version, hash), hash per source), recomputed from the rows."""
    problems: list[str] = []
    heads: dict[str, tuple[int, str]] = {}
    cols = [st.EVENT.c[f] for f in ("hash", *ledger.EVENT_FIELDS)]
    if "due" in st.EVENT.c:
        cols.append(st.EVENT.c.due)
    prev_slug, prev = None, None
    q = select(*cols).order_by(st.EVENT.c.commitment, st.EVENT.c.version)
    for row in conn.execute(q.execution_options(yield_per=5000)):
        m = row._mapping
        slug = m["commitment"]
        if slug != prev_slug:
            prev_slug, prev = slug, None
        want = ledger.event_hash_of(prev, m)
        if m["hash"] != want or ledger.has_nul(m.values()):
            problems.append(f"event {m['id']} ({slug} v{m['version']}): its hash does not match its content and "
                            f"the events before it: the event was edited, or one before it was edited, "
                            f"removed or inserted")
        prev = m["hash"]  # go on from the stored link: one edit is reported once, where it is
        heads[slug] = (m["version"], m["hash"] or "")
    sources: dict[str, str] = {}
    for row in conn.execute(select(st.SOURCE.c.hash, *[st.SOURCE.c[f] for f in ledger.SOURCE_FIELDS])):
        m = row._mapping
        if m["hash"] != ledger.source_hash(m) or ledger.has_nul(m.values()):
            problems.append(f"source {m['id']}: its hash does not match its details (title, publisher, "
                            f"published, url, ...): the source was edited")
        sources[m["id"]] = m["hash"] or ""
    return problems, heads, sources


def digest(conn) -> str:
    _, heads, sources = chains(conn)
    return ledger.store_digest(heads, sources)


def trigger_problems(conn) -> list[str]:
    dialect = conn.dialect.name
    if dialect == "postgresql":
        found = set(conn.execute(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'"))
                    .scalars())
    elif dialect == "sqlite":
        found = set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars())
    else:
        return []
    missing = sorted(TRIGGERS.get(dialect, set()) - found)
    return [f"append-only trigger {name} is missing or disabled: events and sources can be changed in place"
            for name in missing]


def commitment_model_problems(conn, definitions: dict[str, dict]) -> list[str]:
    """The commitment read model against the latest definition in each stream (slug -> payload)."""
    stored = {c["slug"]: c for c in st.commitments(conn)}
    problems = []
    for slug, definition in sorted(definitions.items()):
        want = st._commitment_values(slug, definition or {})
        have = stored.get(slug)
        if have is None:
            problems.append(f"{slug}: defined in its stream but missing from the commitment table: "
                            f"run `tracker db rebuild`")
            continue
        for field, value in want.items():
            got = have.get(field)
            if field in ("parties", "aliases", "names"):
                value = json.loads(value)
            if got != value:
                problems.append(f"{slug}: the commitment table's {field} is {got!r} but the stream's latest "
                                f"definition says {value!r}: run `tracker db rebuild`")
    for slug in sorted(set(stored) - set(definitions)):
        problems.append(f"{slug}: in the commitment table but never defined in the event log")
    return problems
