"""deadlines and source amendments: event.due, status.due (read model), source_amendment

Revision ID: 0003_deadlines_amendments
Revises: 0002
Create Date: 2026-11-24
"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0003_deadlines_amendments"
down_revision: Union[str, None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy): the event table keeps its append-only triggers.
    op.add_column("event", sa.Column("due", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True))
    op.add_column("status", sa.Column("due", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True))
    op.create_table(
        "source_amendment",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("source_id", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("publisher", sa.Text(), nullable=True),
        sa.Column("published", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_at", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["source.id"], name=op.f("fk_source_amendment_source_id_source")),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_source_amendment")),
    )
    op.create_index(op.f("ix_source_amendment_source_id"), "source_amendment", ["source_id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":  # tracker_refuse_change() is from 0002
        op.execute("CREATE TRIGGER source_amendment_append_only BEFORE UPDATE OR DELETE ON source_amendment "
                   "FOR EACH ROW EXECUTE FUNCTION tracker_refuse_change()")
        op.execute("CREATE TRIGGER source_amendment_no_truncate BEFORE TRUNCATE ON source_amendment "
                   "FOR EACH STATEMENT EXECUTE FUNCTION tracker_refuse_change()")
    else:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER source_amendment_no_{action.lower()} BEFORE {action} ON source_amendment "
                f"BEGIN SELECT RAISE(ABORT, 'append-only: {action} on table source_amendment is not "
                f"allowed (record a new amendment instead)'); END")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS source_amendment_append_only ON source_amendment")
        op.execute("DROP TRIGGER IF EXISTS source_amendment_no_truncate ON source_amendment")
    else:
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS source_amendment_no_{action}")
    op.drop_index(op.f("ix_source_amendment_source_id"), table_name="source_amendment")
    op.drop_table("source_amendment")
    with op.batch_alter_table("status") as batch_op:
        batch_op.drop_column("due")
    if op.get_bind().dialect.name == "postgresql":
        op.drop_column("event", "due")
    else:  # SQLite >= 3.35 drops a column in place (the triggers stay)
        op.execute("ALTER TABLE event DROP COLUMN due")
