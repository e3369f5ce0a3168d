"""Facade: the database tables live in ``utils.storage.schema``."""

from utils.storage.schema import Base, EntryHistoryRow, EntryRow, ProfileRow  # noqa: F401

__all__ = ["Base", "EntryHistoryRow", "EntryRow", "ProfileRow"]
