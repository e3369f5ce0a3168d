"""Hosted mode's pieces that need no browser: the owner of a signed-in person, the mode switch,
the texts saying where the data is, and "today" in the person's own time zone."""

from __future__ import annotations

import datetime as dt

import pytest

from utils import hosting, models
from utils.store import LOCAL_OWNER

AHEAD = "Pacific/Kiritimati"  # UTC+14
BEHIND = "Etc/GMT+12"  # UTC-12: always a different calendar day from AHEAD


def test_the_owner_is_issuer_and_subject_never_the_email() -> None:
    user = {"iss": "https://idp.example", "sub": "248289761001", "email": "a@example.org"}
    assert hosting.owner_of(user) == "https://idp.example#248289761001"
    for missing in ({"iss": "https://idp.example"}, {"sub": "1"}, {"iss": " ", "sub": "1"}):
        with pytest.raises(hosting.NotSignedIn):
            hosting.owner_of(missing)


def test_local_mode_is_the_default_and_owns_as_the_local_user(monkeypatch) -> None:
    monkeypatch.delenv(hosting.ENV_MODE, raising=False)
    assert not hosting.hosted() and hosting.current_owner() == LOCAL_OWNER
    assert hosting.where("stays") == "Everything stays on this computer."
    monkeypatch.setenv(hosting.ENV_MODE, "hosted")
    assert hosting.hosted()
    assert "computer" not in hosting.where("stays") and "server" in hosting.where("sidebar")
    with pytest.raises(hosting.NotSignedIn):
        hosting.current_owner()  # outside a session nobody is signed in


def test_today_is_the_persons_day_in_their_time_zone(monkeypatch) -> None:
    monkeypatch.setattr(models, "now", models.local_now)
    monkeypatch.setattr(models, "user_time_zone", lambda: AHEAD)
    their_today = models.local_now().date()
    assert models._not_future(their_today, "The day") == their_today
    monkeypatch.setattr(models, "user_time_zone", lambda: BEHIND)
    assert models.local_now().date() < their_today
    with pytest.raises(ValueError, match="in the future"):
        models._not_future(their_today, "The day")
    # An unknown zone name falls back to this computer's time, never fails.
    monkeypatch.setattr(models, "user_time_zone", lambda: "Not/AZone")
    assert abs(models.local_now() - dt.datetime.now()) < dt.timedelta(minutes=1)
