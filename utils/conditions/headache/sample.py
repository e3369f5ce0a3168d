"""The migraine sample: chronic migraine, three failed preventives, then Botox every 12 weeks.

Part ``sample`` of the headache package (API in ``utils.core.sampling``).
"""

from __future__ import annotations

import datetime as dt
import random

from utils.conditions.headache.models import Attack, HeadacheCheckin, MedicationDose
from utils.core import entries
from utils.core.questionnaires import Hit6, Midas
from utils.core.sampling import DEFAULT_DAYS, Item, SampleSpec, each_day, recorded, trial
from utils.core.treatments import BotoxSession, SideEffect

WHICH = "migraine"
SAMPLE = SampleSpec(
    "Sample: migraine",
    ("headache",),
    "Chronic migraine for about eight months: three preventives tried, then Botox.",
)


def _acute(rng: random.Random, severe: bool) -> list[MedicationDose]:
    if severe and rng.random() < 0.45:
        meds = [MedicationDose(name="sumatriptan", drug_class="triptan", dose="50 mg")]
        meds[0].relief_2h = rng.choice(["partial", "full", "none", "partial"])
        if rng.random() < 0.2:
            meds.append(
                MedicationDose(name="metoclopramide", drug_class="antiemetic", dose="10 mg")
            )
        return meds
    if rng.random() < 0.2:
        return [
            MedicationDose(
                name="ibuprofen",
                drug_class="nsaid",
                dose="400 mg",
                relief_2h=rng.choice(["partial", "none", "full"]),
            )
        ]
    return []


def generate(days: int = DEFAULT_DAYS, seed: int = 7, end: dt.date | None = None) -> list[Item]:
    rng = random.Random(seed)
    today = end or entries.now().date()
    start = today - dt.timedelta(days=days - 1)
    botox_start = start + dt.timedelta(days=min(max(days // 2, 120), 400))
    sessions = []
    d = botox_start
    while d <= today:
        sessions.append(d)
        d += dt.timedelta(days=84)
    items: list[Item] = []
    for day in each_day(today, days):
        if rng.random() < 0.07 or day == today:  # not logged (today is not over yet)
            continue
        treated = bool(sessions) and day >= sessions[0] + dt.timedelta(days=14)
        p_headache = 0.36 if treated else 0.68
        if rng.random() >= p_headache:
            items.append((HeadacheCheckin(date=day), recorded(rng, day, today)))
            continue
        severe = rng.random() < (0.45 if treated else 0.72)
        hour = rng.randint(5, 18)
        unknown_time = rng.random() < 0.05
        # Before Botox the headaches last 4 hours or more a day (the chronic migraine the first
        # authorization was granted on); after it the milder ones are often shorter.
        minutes = rng.randint(240, 1200) if severe else rng.randint(60 if treated else 240, 420)
        start_dt = dt.datetime.combine(day, dt.time(hour, rng.choice([0, 15, 30, 45])))
        fields: dict = dict(
            start_date=day,
            start_time=None if unknown_time else start_dt.time(),
            pain=rng.randint(6, 9) if severe else rng.randint(2, 5),
            function=rng.choice([2, 3]) if severe else rng.choice([0, 1, 1, 2]),
            side=rng.choice(["left", "right", "left", "both"])
            if severe
            else rng.choice(["both", "varies"]),
            pulsating=severe or rng.random() < 0.2,
            worse_with_activity=severe and rng.random() < 0.85,
            nausea_vomiting=severe and rng.random() < 0.7,
            light_sensitivity=severe or rng.random() < 0.3,
            sound_sensitivity=severe and rng.random() < 0.8,
            aura=rng.random() < 0.08,
            medications=_acute(rng, severe),
            triggers=rng.sample(
                ["stress", "poor sleep", "menstruation", "weather", "skipped meal"],
                k=rng.randint(0, 2),
            ),
        )
        if fields["aura"]:
            fields["aura_types"] = ["visual"]
        if severe and rng.random() < 0.5:
            fields["lost_work_hours"] = float(rng.choice([2, 4, 8]))
        ongoing_allowed = day == today
        end_dt = start_dt + dt.timedelta(minutes=minutes)
        if rng.random() < 0.04 and not ongoing_allowed:
            pass  # duration not recorded: shows up as a completeness gap
        elif unknown_time or rng.random() < 0.3:
            fields["duration_minutes"] = minutes
        elif end_dt <= dt.datetime.combine(today, dt.time(0)):
            fields["end"] = end_dt
        else:
            fields["duration_minutes"] = minutes
        items.append((Attack(**fields), recorded(rng, day, today)))

    def at(offset: int) -> dt.date:
        return start + dt.timedelta(days=offset)

    # Treatment history: three preventive classes tried and failed before Botox.
    history = [
        trial(
            today,
            condition="headache",
            name="topiramate",
            treatment_class="anticonvulsant",
            dose="50 mg twice daily",
            start=at(-200),
            stop=at(-125),
            outcome="side_effects",
            side_effects="tingling, word-finding problems",
            prescriber="Dr. Rivera (neurology)",
            specialty="neurologist",
        ),
        trial(
            today,
            condition="headache",
            name="propranolol",
            treatment_class="beta_blocker",
            dose="80 mg daily",
            start=at(-110),
            stop=at(-20),
            outcome="inadequate_response",
            prescriber="Dr. Rivera (neurology)",
            specialty="neurologist",
        ),
        trial(
            today,
            condition="headache",
            name="amitriptyline",
            treatment_class="tricyclic",
            dose="25 mg at night",
            start=at(5),
            stop=at(5 + 84),
            outcome="inadequate_response",
            prescriber="Dr. Rivera (neurology)",
            specialty="neurologist",
        ),
    ]
    for t in history:
        items.append((t, dt.datetime.combine(min(t.stop or t.start, today), dt.time(20, 0))))
    session_ids: list[dt.date] = []
    for i, sday in enumerate(sessions):
        items.append(
            (
                BotoxSession(
                    date=sday,
                    condition="headache",
                    product="botox",
                    units=155,
                    areas=list(
                        (
                            "corrugator",
                            "procerus",
                            "frontalis",
                            "temporalis",
                            "occipitalis",
                            "cervical paraspinal",
                            "trapezius",
                        )
                    ),
                    injector="Dr. Rivera (neurology)",
                    specialty="neurologist",
                    cost=0.0 if i else 150.0,
                ),
                dt.datetime.combine(sday, dt.time(18, 0)),
            )
        )
        session_ids.append(sday)
    if sessions:
        items.append(
            (
                SideEffect(
                    effect="neck pain",
                    start=sessions[0] + dt.timedelta(days=1),
                    end=sessions[0] + dt.timedelta(days=6),
                    severity="mild",
                ),
                dt.datetime.combine(sessions[0] + dt.timedelta(days=2), dt.time(20, 0)),
            )
        )
    # Questionnaires every ~90 days.
    q = start + dt.timedelta(days=30)
    while q <= today:
        treated = bool(sessions) and q >= sessions[0] + dt.timedelta(days=30)
        scale = 0.45 if treated else 1.0
        items.append(
            (
                Midas(
                    date=q,
                    q1=round(rng.randint(4, 8) * scale),
                    q2=round(rng.randint(6, 12) * scale),
                    q3=round(rng.randint(5, 10) * scale),
                    q4=round(rng.randint(6, 12) * scale),
                    q5=round(rng.randint(3, 7) * scale),
                    headache_days=round(rng.randint(50, 60) * (0.6 if treated else 1)),
                    average_pain=rng.randint(5, 7),
                ),
                dt.datetime.combine(q, dt.time(19, 0)),
            )
        )
        items.append(
            (
                Hit6(date=q, total=rng.randint(52, 58) if treated else rng.randint(62, 68)),
                dt.datetime.combine(q, dt.time(19, 5)),
            )
        )
        q += dt.timedelta(days=90)
    return items
