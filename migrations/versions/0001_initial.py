"""initial schema: append-only events and sources, read models

Revision ID: 0001
Revises: 
Create Date: 2026-11-24
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = '0001'
down_revision: Union[str, None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('commitment',
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('parties', sa.Text(), nullable=False),
    sa.Column('aliases', sa.Text(), nullable=False),
    sa.Column('names', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('slug', name=op.f('pk_commitment'))
    )
    op.create_table('source',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('sha256', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('publisher', sa.Text(), nullable=True),
    sa.Column('published', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
    sa.Column('published_basis', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('filename', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('recorded_at', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_source')),
    sa.UniqueConstraint('sha256', name=op.f('uq_source_sha256'))
    )
    op.create_table('status',
    sa.Column('commitment', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('since', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
    sa.Column('last_event', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
    sa.Column('events', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('commitment', name=op.f('pk_status'))
    )
    op.create_table('event',
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('commitment', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('date', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('date_start', sa.Date(), nullable=False),
    sa.Column('source_id', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('actors', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('target', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('payload', sa.Text(), nullable=True),
    sa.Column('recorded_at', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], name=op.f('fk_event_source_id_source')),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_event')),
    sa.UniqueConstraint('commitment', 'version', name=op.f('uq_event_commitment_version')),
    sa.UniqueConstraint('id', name=op.f('uq_event_id'))
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index('ix_event_commitment_date', ['commitment', 'date_start', 'version'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_source_id'), ['source_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_source_id'))
        batch_op.drop_index('ix_event_commitment_date')

    op.drop_table('event')
    op.drop_table('status')
    op.drop_table('source')
    op.drop_table('commitment')
