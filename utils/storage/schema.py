"""Database tables (SQLAlchemy 2). Changes here need an Alembic migration in
utils/storage/migrations."""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


def new_epoch() -> int:
    """A fresh ``ProfileRow.entries_epoch`` (random: it never matches an earlier one)."""
    return secrets.randbits(62) + 1


class ProfileRow(Base):
    __tablename__ = "profiles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Who the profile belongs to: "local" in local mode, the signed-in subject in hosted mode.
    owner: Mapped[str] = mapped_column(String(400), default="local", server_default="local")
    name: Mapped[str] = mapped_column(String(80))
    conditions: Mapped[list] = mapped_column(JSON, default=list)
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # Bumped by every write to the profile's diary: lets readers cache safely.
    revision: Mapped[int] = mapped_column(Integer, default=0)
    # Changed (a new random number) when the diary's rows change in a way a reader cannot follow
    # change by change: the profile is created, its bin is emptied (rows gone) or a backup is
    # restored into it. A read kept with another epoch is read again whole.
    entries_epoch: Mapped[int] = mapped_column(BigInteger, default=new_epoch, server_default="0")
    # When the profile was last chosen: a new visit opens the last profile used.
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)

    # Names are unique per owner (two people may both call their diary "Me").
    __table_args__ = (UniqueConstraint("owner", "name", name="uq_profiles_owner_name"),)


class EntryRow(Base):
    __tablename__ = "entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    day: Mapped[dt.date] = mapped_column(Date)
    data: Mapped[dict] = mapped_column(JSON)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    source: Mapped[str] = mapped_column(String(20), default="entered")
    # The profile's revision at which the row was last added, edited, binned or restored
    # (set in the write's transaction): a reader holding revision R reads only rows above R.
    changed_rev: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    __table_args__ = (
        Index("ix_entries_profile_kind_day", "profile_id", "kind", "day"),
        Index("ix_entries_profile_changed", "profile_id", "changed_rev"),
    )


class EntryHistoryRow(Base):
    """Every earlier version of an entry, written before it is changed or deleted."""

    __tablename__ = "entry_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    day: Mapped[dt.date] = mapped_column(Date)
    data: Mapped[dict] = mapped_column(JSON)
    action: Mapped[str] = mapped_column(String(20))
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(Text, default="")
