"""Seeded generator of realistic sample diaries, used by the app, the tests and the benchmarks.

The same ``(which, days, seed, end)`` always gives the same diary. Three patients exist:
- ``migraine``: chronic migraine, three failed preventives, then Botox every 12 weeks;
- ``sweating``: severe underarm sweating, a failed aluminium chloride trial, then Botox;
- ``jaw``: TMJ pain with night-time grinding, a night guard and physiotherapy.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass

from utils import models
from utils.models import (
    Attack,
    BotoxSession,
    Entry,
    HdssAssessment,
    HeadacheCheckin,
    Hit6,
    JawDay,
    MedicationDose,
    Midas,
    SideEffect,
    SweatBaseline,
    SweatDay,
    Treatment,
)
from utils.store import Profile, Store

Item = tuple[Entry, dt.datetime]


@dataclass(frozen=True)
class SampleSpec:
    name: str
    conditions: tuple[str, ...]
    description: str


SAMPLE_YEAR_OF_BIRTH = 1988  # every sample person is an adult

SAMPLES: dict[str, SampleSpec] = {
    "migraine": SampleSpec(
        "Sample: migraine",
        ("headache",),
        "Chronic migraine for about eight months: three preventives tried, then Botox.",
    ),
    "sweating": SampleSpec(
        "Sample: sweating",
        ("sweating",),
        "Severe underarm sweating: aluminium chloride tried, then Botox.",
    ),
    "jaw": SampleSpec(
        "Sample: jaw",
        ("jaw", "headache"),
        "Jaw pain and night-time grinding with tension headaches.",
    ),
}
DEFAULT_DAYS = 240


def _recorded(rng: random.Random, day: dt.date, today: dt.date) -> dt.datetime:
    """Most entries are written the same evening; some one to four days later."""
    late = 0 if rng.random() < 0.88 else rng.randint(1, 4)
    when = dt.datetime.combine(min(day + dt.timedelta(days=late), today), dt.time(21, 0))
    return when + dt.timedelta(minutes=rng.randint(0, 90))


def _days(end: dt.date, days: int) -> Iterator[dt.date]:
    start = end - dt.timedelta(days=days - 1)
    for i in range(days):
        yield start + dt.timedelta(days=i)


def _trial(today: dt.date, **fields) -> Treatment:
    """A treatment trial, moved earlier when a short diary would put it after today."""
    start, stop = fields["start"], fields.get("stop")
    last = stop or start
    if last >= today:
        shift = last - today + dt.timedelta(days=1)
        fields["start"] = start - shift
        if stop is not None:
            fields["stop"] = stop - shift
    return Treatment(**fields)


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


def migraine_items(
    days: int = DEFAULT_DAYS, seed: int = 7, end: dt.date | None = None
) -> list[Item]:
    rng = random.Random(seed)
    today = end or models.now().date()
    start = today - dt.timedelta(days=days - 1)
    botox_start = start + dt.timedelta(days=min(max(days // 2, 120), 400))
    sessions = []
    d = botox_start
    while d <= today:
        sessions.append(d)
        d += dt.timedelta(days=84)
    items: list[Item] = []
    for day in _days(today, days):
        if rng.random() < 0.07 or day == today:  # not logged (today is not over yet)
            continue
        treated = bool(sessions) and day >= sessions[0] + dt.timedelta(days=14)
        p_headache = 0.36 if treated else 0.68
        if rng.random() >= p_headache:
            items.append((HeadacheCheckin(date=day), _recorded(rng, day, today)))
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
        items.append((Attack(**fields), _recorded(rng, day, today)))

    def at(offset: int) -> dt.date:
        return start + dt.timedelta(days=offset)

    # Treatment history: three preventive classes tried and failed before Botox.
    history = [
        _trial(
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
        _trial(
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
        _trial(
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


def sweating_items(
    days: int = DEFAULT_DAYS, seed: int = 11, end: dt.date | None = None
) -> list[Item]:
    rng = random.Random(seed)
    today = end or models.now().date()
    start = today - dt.timedelta(days=days - 1)
    botox_start = start + dt.timedelta(days=min(max(days // 2, 120), 400))
    sessions = []
    d = botox_start
    while d <= today:
        sessions.append(d)
        d += dt.timedelta(days=180)
    items: list[Item] = [
        (
            SweatBaseline(
                answered_on=start,
                onset_age=14,
                duration_months=12 * 15,
                family_history="yes",
                bilateral_symmetric="yes",
                impairs_daily_activities="yes",
                weekly_episodes="yes",
                stops_during_sleep="yes",
                sites=["underarms", "palms"],
                secondary_causes_checked="yes",
            ),
            dt.datetime.combine(start, dt.time(20, 0)),
        )
    ]
    for day in _days(today, days):
        if rng.random() < 0.1:
            continue
        treated = any(s <= day < s + dt.timedelta(days=150) for s in sessions)
        summer = day.month in (6, 7, 8)
        if rng.random() < (0.55 if treated else 0.1):
            items.append((SweatDay(date=day, normal_day=True), _recorded(rng, day, today)))
            continue
        hdss = (
            rng.choice([1, 2, 2]) if treated else rng.choice([3, 3, 4] if not summer else [3, 4, 4])
        )
        items.append(
            (
                SweatDay(
                    date=day,
                    sites=["underarms"] + (["palms"] if rng.random() < 0.4 else []),
                    hdss=hdss,
                    episodes=rng.randint(0, 2) if treated else rng.randint(2, 7),
                    clothing_changes=0 if treated else rng.randint(0, 3),
                    extra_showers=0 if treated else rng.randint(0, 2),
                    affected=[]
                    if treated
                    else rng.sample(["handshakes", "work", "social events", "exercise"], k=2),
                    triggers=rng.sample(["heat", "stress", "exercise", "food"], k=1),
                    stopped_during_sleep=True,
                    skin_problems=["maceration"] if (not treated and rng.random() < 0.1) else [],
                    topical_product="aluminium chloride"
                    if day < start + dt.timedelta(days=70)
                    else "",
                    topical_strength="20%" if day < start + dt.timedelta(days=70) else "",
                    topical_irritation=(rng.random() < 0.5)
                    if day < start + dt.timedelta(days=70)
                    else None,
                ),
                _recorded(rng, day, today),
            )
        )
    items.append(
        (
            _trial(
                today,
                condition="sweating",
                name="aluminium chloride 20%",
                treatment_class="aluminium_chloride",
                strength="20%",
                start=start,
                stop=start + dt.timedelta(days=69),
                outcome="side_effects",
                side_effects="burning and itching rash",
            ),
            dt.datetime.combine(min(start + dt.timedelta(days=70), today), dt.time(20, 0)),
        )
    )
    items.append(
        (
            HdssAssessment(date=start + dt.timedelta(days=2), score=4, timing="before treatment"),
            dt.datetime.combine(start + dt.timedelta(days=2), dt.time(19, 0)),
        )
    )
    for s in sessions:
        items.append(
            (
                BotoxSession(
                    date=s,
                    condition="sweating",
                    units=100,
                    areas=["left underarm", "right underarm"],
                    injector="Dr. Chen (dermatology)",
                    specialty="other",
                    cost=0.0,
                    next_date=s + dt.timedelta(days=180),
                ),
                dt.datetime.combine(s, dt.time(18, 0)),
            )
        )
        before = s - dt.timedelta(days=3)
        if before > start + dt.timedelta(days=2):
            items.append(
                (
                    HdssAssessment(
                        date=before, score=4 if rng.random() < 0.6 else 3, timing="before treatment"
                    ),
                    dt.datetime.combine(before, dt.time(19, 0)),
                )
            )
        after = s + dt.timedelta(days=30)
        if after <= today:
            items.append(
                (
                    HdssAssessment(date=after, score=rng.choice([1, 2]), timing="after treatment"),
                    dt.datetime.combine(after, dt.time(19, 0)),
                )
            )
    return items


def jaw_items(days: int = DEFAULT_DAYS, seed: int = 13, end: dt.date | None = None) -> list[Item]:
    rng = random.Random(seed)
    today = end or models.now().date()
    start = today - dt.timedelta(days=days - 1)
    guard_from = start + dt.timedelta(days=days // 3)
    items: list[Item] = []
    for day in _days(today, days):
        if rng.random() < 0.12:
            continue
        guard = day >= guard_from
        if rng.random() < (0.35 if guard else 0.15):
            items.append((JawDay(date=day, normal_day=True), _recorded(rng, day, today)))
            continue
        pain = rng.randint(2, 5) if guard else rng.randint(4, 8)
        items.append(
            (
                JawDay(
                    date=day,
                    pain=pain,
                    symptoms=rng.sample(
                        [
                            "pain when chewing",
                            "clicking or popping",
                            "facial muscle ache",
                            "tension headache",
                            "limited opening",
                            "ear ringing or ear pain",
                            "tooth sensitivity",
                        ],
                        k=rng.randint(1, 3),
                    ),
                    clenching=["night"] + (["day"] if rng.random() < 0.3 else []),
                    night_guard=guard,
                    helped=rng.choice(["", "warm compress", "soft food", "jaw exercises"]),
                ),
                _recorded(rng, day, today),
            )
        )
        # A tension-type headache in the afternoon; today's only once the afternoon has come.
        afternoon = dt.datetime.combine(day, dt.time(16, 0))
        if rng.random() < 0.2 and afternoon <= models.now():
            items.append(
                (
                    Attack(
                        start_date=day,
                        start_time=dt.time(16, 0),
                        duration_minutes=rng.randint(60, 240),
                        pain=rng.randint(3, 5),
                        function=1,
                        side="both",
                        pulsating=False,
                        worse_with_activity=False,
                        nausea_vomiting=False,
                        light_sensitivity=False,
                        sound_sensitivity=False,
                        aura=False,
                    ),
                    _recorded(rng, day, today),
                )
            )
        elif rng.random() < 0.5:
            items.append((HeadacheCheckin(date=day), _recorded(rng, day, today)))
    items.append(
        (
            _trial(
                today,
                condition="jaw",
                name="Night guard (dentist-made)",
                treatment_class="night_guard",
                start=guard_from,
                outcome="ongoing",
                prescriber="Dr. Patel (dentist)",
            ),
            dt.datetime.combine(guard_from, dt.time(20, 0)),
        )
    )
    items.append(
        (
            _trial(
                today,
                condition="jaw",
                name="Jaw physiotherapy",
                treatment_class="physiotherapy",
                start=start + dt.timedelta(days=10),
                stop=start + dt.timedelta(days=10 + 56),
                outcome="inadequate_response",
            ),
            dt.datetime.combine(min(start + dt.timedelta(days=66), today), dt.time(20, 0)),
        )
    )
    return items


GENERATORS = {"migraine": migraine_items, "sweating": sweating_items, "jaw": jaw_items}


def generate(
    which: str = "migraine",
    days: int = DEFAULT_DAYS,
    seed: int | None = None,
    end: dt.date | None = None,
) -> list[Item]:
    gen = GENERATORS[which]
    return gen(days=days, end=end) if seed is None else gen(days=days, seed=seed, end=end)


def load_sample(
    store: Store, which: str = "migraine", days: int = DEFAULT_DAYS, end: dt.date | None = None
) -> Profile:
    """Create (or replace) the sample profile and fill it: the entries, then the side effects
    linked to the session they followed."""
    spec = SAMPLES[which]
    items = generate(which, days=days, end=end)
    # One transaction: the old sample stays until the new one is whole.
    with store.transaction():
        existing = store.profile_by_name(spec.name)
        if existing is not None:
            store.delete_profile(existing.id)
        profile = store.create_profile(spec.name, spec.conditions, is_sample=True)
        store.update_profile(profile.id, settings={"year_of_birth": SAMPLE_YEAR_OF_BIRTH})
        effects = [(e, t) for e, t in items if isinstance(e, SideEffect)]
        rest = [(e, t) for e, t in items if not isinstance(e, SideEffect)]
        ids = store.add_many(profile.id, rest, source="sample")
        # Side effects point at the session they followed, which has an id only once stored.
        sessions = sorted(
            (e.date, i)
            for (e, _), i in zip(rest, ids, strict=True)
            if isinstance(e, BotoxSession)
        )
        linked = []
        for effect, when in effects:
            before = [i for day, i in sessions if day <= effect.start]
            session_id = before[-1] if before else None
            linked.append((effect.model_copy(update={"session_id": session_id}), when))
        if linked:
            store.add_many(profile.id, linked, source="sample")
        return store.profile(profile.id)


def remove_sample(store: Store, which: str) -> bool:
    existing = store.profile_by_name(SAMPLES[which].name)
    if existing is None:
        return False
    store.delete_profile(existing.id)
    return True
