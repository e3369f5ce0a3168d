"""Refusals: ``StoreError`` (a message for the person) and the database's errors turned into it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from sqlalchemy import exc as sa_exc

if TYPE_CHECKING:
    from utils.storage.rows import StoredEntry


class StoreError(ValueError):
    """A refused store operation, with a message for the person."""


class StaleEntryError(StoreError):
    """An edit or delete based on a version that is no longer the latest one."""

    def __init__(self, latest: StoredEntry):
        self.latest = latest
        super().__init__(
            "this entry was changed in another window; here is the latest "
            f"(version {latest.version}). Nothing was saved: make your change again."
        )


@contextlib.contextmanager
def database_errors() -> Iterator[None]:
    """Turn the database's refusals into ``StoreError`` messages (nothing is saved then)."""
    try:
        yield
    except sa_exc.IntegrityError as exc:
        text_ = str(exc.orig).lower()
        if "name" in text_ and ("unique" in text_ or "duplicate" in text_):
            raise StoreError("a profile with that name exists already") from None
        raise StoreError(
            "the database refused the change because it would leave the diary inconsistent "
            "(it may have changed in another window); nothing was saved, please reload"
        ) from None
    except sa_exc.DataError:
        raise StoreError(
            "the database refused a value (text with a NUL character, or a number or date out "
            "of range); nothing was saved"
        ) from None
    except OverflowError:
        raise StoreError("a number is too large to store; nothing was saved") from None
    except sa_exc.OperationalError as exc:
        if "locked" in str(exc.orig).lower() or "deadlock" in str(exc.orig).lower():
            raise StoreError(
                "the diary is busy in another window; nothing was saved, please try again"
            ) from None
        raise
