"""Every table of the store, in one module.

``event`` is the append-only log (triggers in the first migration refuse UPDATE
and DELETE).  ``source`` holds the documents events cite, also append-only.
``source_amendment`` corrects a source's details, also append-only.
``commitment`` and ``status`` are read models: caches of a replay of the log,
updated in the same transaction as each append and rebuilt by ``tracker db rebuild``.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import Column, Date, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

# Named constraints: SQLite batch migrations need names to find them again.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class SourceRow(SQLModel, table=True):
    __tablename__ = "source"

    id: str = Field(primary_key=True, max_length=16)  # short id: the hash's first 12 hex digits
    sha256: str = Field(max_length=64, unique=True)
    title: str = Field(sa_column=Column(Text, nullable=False))
    publisher: Optional[str] = Field(default=None, sa_column=Column(Text))
    published: Optional[str] = Field(default=None, max_length=10)  # YYYY[-MM[-DD]]
    published_basis: Optional[str] = Field(default=None, sa_column=Column(Text))
    url: Optional[str] = Field(default=None, sa_column=Column(Text))
    filename: Optional[str] = Field(default=None, sa_column=Column(Text))
    original_sha256: Optional[str] = Field(default=None, max_length=64)  # of the page/PDF/file read
    media_type: Optional[str] = Field(default=None, max_length=10)  # text, html or pdf
    text: str = Field(sa_column=Column(Text, nullable=False))
    recorded_at: str = Field(max_length=32)
    hash: Optional[str] = Field(default=None, max_length=64)  # tracker.core.ledger.source_hash


class EventRow(SQLModel, table=True):
    __tablename__ = "event"
    __table_args__ = (
        UniqueConstraint("commitment", "version"),
        Index("ix_event_commitment_date", "commitment", "date_start", "version"),
    )

    seq: Optional[int] = Field(default=None, primary_key=True)  # global recording order
    id: str = Field(max_length=32, unique=True)
    commitment: str = Field(max_length=80)
    version: int  # 1, 2, 3 ... within the commitment's stream, gapless
    kind: str = Field(max_length=20)
    date: str = Field(max_length=10)  # as given, precision kept
    date_start: dt.date = Field(sa_column=Column(Date, nullable=False))
    source_id: Optional[str] = Field(default=None, foreign_key="source.id", max_length=16, index=True)
    quote: str = Field(default="", sa_column=Column(Text, nullable=False))
    actors: str = Field(default="[]", sa_column=Column(Text, nullable=False))  # JSON list
    note: Optional[str] = Field(default=None, sa_column=Column(Text))
    target: Optional[str] = Field(default=None, max_length=32)  # retracted event id
    payload: Optional[str] = Field(default=None, sa_column=Column(Text))  # JSON, for 'defined'
    recorded_at: str = Field(max_length=32)
    due: Optional[str] = Field(default=None, max_length=10)  # a deadline the claim names (0003)
    hash: Optional[str] = Field(default=None, max_length=64)  # tracker.core.ledger: chained per stream


class CommitmentRow(SQLModel, table=True):
    """Read model: the latest definition of each commitment."""

    __tablename__ = "commitment"

    slug: str = Field(primary_key=True, max_length=80)
    title: str = Field(sa_column=Column(Text, nullable=False))
    description: Optional[str] = Field(default=None, sa_column=Column(Text))
    parties: str = Field(default="[]", sa_column=Column(Text, nullable=False))  # JSON list
    aliases: str = Field(default="[]", sa_column=Column(Text, nullable=False))  # JSON list
    names: str = Field(default="[]", sa_column=Column(Text, nullable=False))  # JSON list


class StatusRow(SQLModel, table=True):
    """Read model: the fold of each commitment's stream."""

    __tablename__ = "status"

    commitment: str = Field(primary_key=True, max_length=80)
    status: str = Field(max_length=20)
    since: Optional[str] = Field(default=None, max_length=10)
    last_event: Optional[str] = Field(default=None, max_length=10)
    events: int = 0
    version: int = 0  # the stream version this row has folded up to
    due: Optional[str] = Field(default=None, max_length=10)  # current deadline (core.deadlines)


class SourceAmendmentRow(SQLModel, table=True):
    """A correction of a source's details (append-only): the whole set of details after it, and
    why. The source's text and hash never change; its current details are the last amendment's."""

    __tablename__ = "source_amendment"

    seq: Optional[int] = Field(default=None, primary_key=True)
    source_id: str = Field(foreign_key="source.id", max_length=16, index=True)
    title: str = Field(sa_column=Column(Text, nullable=False))
    publisher: Optional[str] = Field(default=None, sa_column=Column(Text))
    published: Optional[str] = Field(default=None, max_length=10)
    url: Optional[str] = Field(default=None, sa_column=Column(Text))
    reason: str = Field(sa_column=Column(Text, nullable=False))
    recorded_at: str = Field(max_length=32)


class SettingRow(SQLModel, table=True):
    """The store's own settings: ``seed`` = ``no`` after ``db upgrade --no-seed``."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True, max_length=40)
    value: str = Field(sa_column=Column(Text, nullable=False))
