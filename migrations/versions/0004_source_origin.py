"""source origin: the hash and kind of the original a source's text was extracted from

A source read from an HTML page or a PDF stores the extracted text (quotes are checked against
it); ``original_sha256`` is the SHA-256 of the bytes read (the page, the PDF, the file) and
``media_type`` is ``text``, ``html`` or ``pdf``. Both are NULL for sources stored before.

``setting`` holds the store's own settings (``seed`` = ``no`` after ``tracker db upgrade --no-seed``,
so later commands do not load the bundled data into it).

Revision ID: 0004_source_origin
Revises: 0003_deadlines_amendments
Create Date: 2026-11-24
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0004_source_origin"
down_revision: Union[str, None] = "0003_deadlines_amendments"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # ADD COLUMN needs no table rebuild on either engine, so the append-only triggers stay as they are.
    op.add_column("source", sa.Column("original_sha256", sa.String(64), nullable=True))
    op.add_column("source", sa.Column("media_type", sa.String(10), nullable=True))
    op.create_table("setting", sa.Column("key", sa.String(40), primary_key=True),
                    sa.Column("value", sa.Text, nullable=False))


def downgrade() -> None:
    op.drop_table("setting")
    with op.batch_alter_table("source") as batch:
        batch.drop_column("media_type")
        batch.drop_column("original_sha256")
