"""hash chain: a content hash on every event (chained per stream) and on every source

Revision ID: 0005_hash_chain
Revises: 0004_source_origin (written on 0002; rechained as main gained 0003 and 0004)
Create Date: 2026-11-24

Existing rows are hashed here, in Python, with the very functions the tool uses
(tracker.core.ledger); the append-only triggers are set aside for that one UPDATE and put back.
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0005_hash_chain"
down_revision: Union[str, None] = "0004_source_origin"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_SQLITE_TRIGGERS = [(table, action) for table in ("event", "source") for action in ("UPDATE", "DELETE")]


def _triggers(enable: bool) -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for table in ("event", "source"):
            op.execute(f"ALTER TABLE {table} {'ENABLE' if enable else 'DISABLE'} TRIGGER {table}_append_only")
        return
    for table, action in _SQLITE_TRIGGERS:
        name = f"{table}_no_{action.lower()}"
        if enable:
            op.execute(f"CREATE TRIGGER {name} BEFORE {action} ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, 'append-only: {action} on table {table} is not allowed "
                       f"(record a new event instead)'); END")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")


def upgrade() -> None:
    from tracker.core import ledger

    with op.batch_alter_table("event") as batch:
        batch.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    with op.batch_alter_table("source") as batch:
        batch.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    conn = op.get_bind()
    _triggers(enable=False)
    has_due = "due" in {c["name"] for c in sa.inspect(conn).get_columns("event")}
    event = sa.table("event", *[sa.column(c) for c in ("seq", "hash", *ledger.EVENT_FIELDS, *(["due"] if has_due else []))])
    source = sa.table("source", *[sa.column(c) for c in ("hash", *ledger.SOURCE_FIELDS)])
    updates, heads = [], {}
    for row in conn.execute(sa.select(event).order_by(event.c.commitment, event.c.version)):
        m = row._mapping
        heads[m["commitment"]] = link = ledger.event_hash_of(heads.get(m["commitment"]), m)
        updates.append({"k": m["seq"], "h": link})
    if updates:
        conn.execute(event.update().where(event.c.seq == sa.bindparam("k")).values(hash=sa.bindparam("h")), updates)
    sources = [{"k": r._mapping["id"], "h": ledger.source_hash(r._mapping)} for r in conn.execute(sa.select(source))]
    if sources:
        conn.execute(source.update().where(source.c.id == sa.bindparam("k")).values(hash=sa.bindparam("h")), sources)
    _triggers(enable=True)


def downgrade() -> None:
    _triggers(enable=False)  # SQLite's batch mode copies the table: the triggers go with it, then come back
    with op.batch_alter_table("event") as batch:
        batch.drop_column("hash")
    with op.batch_alter_table("source") as batch:
        batch.drop_column("hash")
    _triggers(enable=True)
