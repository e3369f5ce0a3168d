"""Facade: the FHIR R4 export lives in ``utils.exchange.fhir`` (bundle), ``fhir_base`` (codes,
builder) and ``fhir_resources``; each condition's observations in its ``exchange.py``.

``CODES``, ``MONTHLY``, ``GUIDE_CONDITION``, ``CONDITION_TEXT`` and ``MIDAS_EXTRA`` are assembled from the
condition packages when first asked for.
"""

from typing import Any

from utils.exchange.fhir import (  # noqa: F401
    _condition_codes,
    _condition_text,
    _patient,
    build_bundle,
    bundle_bytes,
    bundle_filename,
    identity_from_settings,
    read_monthly_counts,
)
from utils.exchange.fhir_base import (  # noqa: F401
    AE_SEVERITY,
    CODE_SYSTEM,
    COND_CATEGORY,
    COND_CLINICAL,
    COND_VERIFICATION,
    ICD10CM,
    LOINC,
    OBS_CATEGORY,
    PAIN_LOINC,
    PATIENT_TAG,
    QUESTIONNAIRE_BASE,
    UCUM,
    codes,
    monthly,
)
from utils.exchange.fhir_resources import MED_STATUS  # noqa: F401

__all__ = [
    "AE_SEVERITY",
    "CODE_SYSTEM",
    "COND_CATEGORY",
    "COND_CLINICAL",
    "COND_VERIFICATION",
    "ICD10CM",
    "LOINC",
    "MED_STATUS",
    "OBS_CATEGORY",
    "PAIN_LOINC",
    "PATIENT_TAG",
    "QUESTIONNAIRE_BASE",
    "UCUM",
    "build_bundle",
    "bundle_bytes",
    "bundle_filename",
    "identity_from_settings",
    "read_monthly_counts",
]


def __getattr__(name: str) -> Any:
    from utils import conditions

    if name == "CODES":
        return codes()
    if name == "MONTHLY":
        return monthly()
    if name == "GUIDE_CONDITION":
        return {s.key: p.FHIR_GUIDE_CONDITION for s, p in conditions.parts("exchange")}
    if name == "CONDITION_TEXT":
        return {s.key: p.FHIR_CONDITION_TEXT for s, p in conditions.parts("exchange")}
    if name == "MIDAS_EXTRA":
        from utils.conditions.headache.exchange import MIDAS_EXTRA

        return MIDAS_EXTRA
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
