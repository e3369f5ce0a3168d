"""Profile operations of the store: list, create, rename, settings, delete, last used."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from utils.storage.checks import _check_conditions, _check_name, _profile_id, check_settings
from utils.storage.core import StoreCore
from utils.storage.errors import StoreError
from utils.storage.rows import Profile, _profile, _utcnow
from utils.storage.schema import EntryHistoryRow, EntryRow, ProfileRow


class ProfileOps(StoreCore):
    """Every call checks that the profile belongs to the store's owner."""

    def profiles(self) -> list[Profile]:
        with self._read() as s:
            rows = s.scalars(
                select(ProfileRow)
                .where(ProfileRow.owner == self.owner)
                .order_by(ProfileRow.is_sample, ProfileRow.name)
            )
            return [_profile(r) for r in rows]

    def profile(self, profile_id: int) -> Profile:
        with self._read() as s:
            return _profile(self._profile_row(s, profile_id))

    def profile_by_name(self, name: str) -> Profile | None:
        with self._read() as s:
            row = s.scalar(
                select(ProfileRow).where(ProfileRow.owner == self.owner, ProfileRow.name == name)
            )
            return _profile(row) if row else None

    def create_profile(
        self,
        name: str,
        conditions: Sequence[str] | None = None,
        is_sample: bool = False,
        settings: dict[str, Any] | None = None,
    ) -> Profile:
        """A new profile; ``conditions`` defaults to the first registered condition (display
        order: the headache diary)."""
        if conditions is None:
            from utils import conditions as registry

            conditions = registry.keys()[:1]
        name = _check_name(name)
        _check_conditions(conditions)
        settings = check_settings(settings or {})
        with self._write() as s:
            clash = s.scalar(
                select(ProfileRow.id).where(ProfileRow.owner == self.owner, ProfileRow.name == name)
            )
            if clash is not None:
                raise StoreError(f"a profile named '{name}' exists already")
            row = ProfileRow(
                owner=self.owner,
                name=name,
                conditions=list(conditions),
                settings=settings,
                is_sample=is_sample,
                created_at=_utcnow(),
                revision=0,
            )
            s.add(row)
            s.flush()
            return _profile(row)

    def update_profile(
        self,
        profile_id: int,
        *,
        name: str | None = None,
        conditions: Sequence[str] | None = None,
        settings: dict[str, Any] | None = None,
    ) -> Profile:
        if name is not None:
            name = _check_name(name)
        if conditions is not None:
            _check_conditions(conditions)
        if settings is not None:
            settings = check_settings(settings)
        with self._write(profile_id) as s:
            if name is not None:
                clash = s.scalar(
                    select(ProfileRow.id).where(
                        ProfileRow.owner == self.owner,
                        ProfileRow.name == name,
                        ProfileRow.id != profile_id,
                    )
                )
                if clash is not None:
                    raise StoreError(f"a profile named '{name}' exists already")
            return self._set_profile(s, profile_id, name, conditions, settings)

    def _set_profile(
        self,
        s: Session,
        profile_id: int,
        name: str | None,
        conditions: Sequence[str] | None,
        settings: dict[str, Any] | None,
    ) -> Profile:
        values: dict[str, Any] = {"revision": ProfileRow.revision + 1}
        if name is not None:
            values["name"] = name
        if conditions is not None:
            values["conditions"] = list(conditions)
        if settings is not None:
            values["settings"] = dict(settings)
        s.execute(
            update(ProfileRow)
            .where(ProfileRow.id == profile_id)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        row = self._profile_row(s, profile_id)
        s.refresh(row)
        return _profile(row)

    def delete_profile(self, profile_id: int) -> None:
        with self._write(profile_id) as s:
            row = self._profile_row(s, profile_id)
            s.execute(
                EntryHistoryRow.__table__.delete().where(EntryHistoryRow.profile_id == profile_id)
            )
            s.execute(EntryRow.__table__.delete().where(EntryRow.profile_id == profile_id))
            s.delete(row)
            s.flush()

    def mark_used(self, profile_id: int) -> None:
        """Remember that this profile was chosen last (does not change its diary's revision)."""
        with self._write() as s:
            done = s.execute(
                update(ProfileRow)
                .where(ProfileRow.id == _profile_id(profile_id), ProfileRow.owner == self.owner)
                .values(last_used_at=dt.datetime.now())
                .execution_options(synchronize_session=False)
            )
            if done.rowcount != 1:
                raise StoreError(f"no profile with id {profile_id}")

    def last_used(self) -> Profile | None:
        """The profile chosen most recently, or None when none was ever chosen."""
        with self._read() as s:
            row = s.scalar(
                select(ProfileRow)
                .where(ProfileRow.owner == self.owner, ProfileRow.last_used_at.is_not(None))
                .order_by(ProfileRow.last_used_at.desc(), ProfileRow.id.desc())
                .limit(1)
            )
            return _profile(row) if row else None

    def revision(self, profile_id: int) -> int:
        with self._read() as s:
            rev = s.scalar(
                select(ProfileRow.revision).where(
                    ProfileRow.id == _profile_id(profile_id), ProfileRow.owner == self.owner
                )
            )
            if rev is None:
                raise StoreError(f"no profile with id {profile_id}")
            return rev
