"""The settings kept with a profile: the identifiers a patient may choose to print."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from utils.core.entries import Past, Short


def _npi(value: str) -> str:
    if value and not (value.isdigit() and len(value) == 10):
        raise ValueError("an NPI is 10 digits")
    return value


class ProfileSettings(BaseModel):
    """Settings kept with a profile (``Profile.settings``), read and checked in one place.

    The identifiers are optional and printed on documents only when ``print_identifiers`` is on:
    the patient chooses. Other keys of the settings dictionary (the plan's thresholds) are left
    alone by ``from_settings`` / ``to_settings``.
    """

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    print_identifiers: bool = False
    patient_name: Short = ""
    date_of_birth: Annotated[dt.date, Past("The date of birth")] | None = None
    member_id: Annotated[str, Field(max_length=40)] = ""
    clinician_name: Short = ""
    clinician_specialty: Short = ""
    clinician_npi: Annotated[str, Field(max_length=10), AfterValidator(_npi)] = ""

    @classmethod
    def from_settings(cls, settings: dict[str, Any] | None) -> ProfileSettings:
        """The settings of a profile; values that no longer validate are dropped."""
        data = dict(settings or {})
        try:
            return cls.model_validate(data)
        except ValidationError:
            good = {}
            for name in cls.model_fields:
                if name in data:
                    try:
                        cls.model_validate({name: data[name]})
                    except ValidationError:
                        continue
                    good[name] = data[name]
            return cls.model_validate(good)

    def to_settings(self, settings: dict[str, Any] | None) -> dict[str, Any]:
        """``settings`` with these values written in (other keys kept)."""
        new = dict(settings or {})
        new.update(self.model_dump(mode="json"))
        return new
