"""The old import path of ``utils.core.scores`` (questionnaire scoring), kept for existing imports."""

from utils.core.scores import (
    HIT6_BANDS,
    MIDAS_GRADES,
    hdss_response,
    hdss_severe,
    hit6_band,
    midas_grade,
)

__all__ = ["HIT6_BANDS", "MIDAS_GRADES", "hdss_response", "hdss_severe", "hit6_band", "midas_grade"]
