"""Sweating (hyperhidrosis) evidence: the HDSS day diary summary, the daily entries the checks
read, the daily series the charts read (``ev.daily["sweating"]``), and the HDSS assessment
history.

Part API: see ``utils/conditions/headache/evidence.py`` (``section``, ``empty``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from utils import metrics
from utils.conditions.sweating import metrics as metrics_part
from utils.conditions.sweating.models import SweatBaseline, SweatDay
from utils.core.diary import recorded_of
from utils.core.questionnaires import HdssAssessment
from utils.ledger import questionnaire_history

if TYPE_CHECKING:
    from utils.evidence import Section, SectionInput


# The entry classes ``section`` reads (besides the ledger's; see ``utils.evidence._section``).
READS = (SweatDay, SweatBaseline, HdssAssessment)


def empty() -> Section:
    from utils.evidence import Section

    return Section(
        fields={"sweating": None},
        facts={"sweat": None, "sweat_days": {}, "hdss_assessments": ()},
    )


def section(inp: SectionInput) -> Section:
    from utils.evidence import Section

    th = inp.thresholds
    end = inp.counted_end
    sweat_days: dict[dt.date, SweatDay] = {}
    for _, e in recorded_of(inp.entries, SweatDay):  # the latest recorded daily entry wins
        sweat_days[e.date] = e
    hdss = questionnaire_history(inp.entries, HdssAssessment, "hdss", "sweating", end, inp.ledger)
    sweat = metrics.sweat_summary(
        inp.entries,
        inp.start,
        end,
        end,
        min_features=th["primary_features_min"],
        min_months=th["sweat_min_months"],
        before_days=th["hdss_before_days"],
        after_from=th["hdss_after_from_day"],
        after_days=th["hdss_after_days"],
        response_grades=th["hdss_response_grades"],
    )
    series = metrics_part.daily_series(sweat_days, inp.start, end)
    return Section(
        fields={"sweating": sweat, "questionnaires": {"hdss": hdss}, "daily": {"sweating": series}},
        facts={"sweat": sweat, "sweat_days": sweat_days, "hdss_assessments": hdss.entries},
    )
