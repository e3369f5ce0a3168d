"""Coverage cases and their call log: two more entry kinds, stored by the generic store.

A case is one request for coverage (one condition, one plan) followed from the first evidence
to the final decision. Its stage dates drive the deadlines in ``utils.deadlines``.

Built on ``utils.core.entries`` only; the entry-kind registry imports this module
(``SHARED_KIND_MODULES``) the first time the kinds are needed, so no one has to import it to
register them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from utils.core import entries
from utils.core.entries import CONDITIONS, Condition, Entry, Note, Short, build, register

PLAN_TYPES: dict[str, str] = {
    "employer": "Through an employer",
    "marketplace": "Marketplace (healthcare.gov or state exchange)",
    "medicare": "Medicare (incl. Medicare Advantage)",
    "medicaid": "Medicaid or CHIP",
    "other": "Other",
}
PlanType = Literal["employer", "marketplace", "medicare", "medicaid", "other"]

# The stages in order, each with the case field that holds the date it was reached.
STAGES: dict[str, str] = {
    "gathering": "Gathering evidence",
    "doctor_visit": "Doctor visit",
    "pa_submitted": "Pre-authorization submitted",
    "approved": "Approved",
    "denied": "Denied",
    "internal_appeal": "Internal appeal filed",
    "external_review": "External review requested",
    "decided": "Decided",
}
Stage = Literal[
    "gathering",
    "doctor_visit",
    "pa_submitted",
    "approved",
    "denied",
    "internal_appeal",
    "external_review",
    "decided",
]
STAGE_DATE_FIELD: dict[str, str] = {
    "gathering": "opened",
    "doctor_visit": "doctor_visit_on",
    "pa_submitted": "pa_submitted_on",
    "approved": "approved_on",
    "denied": "denied_on",
    "internal_appeal": "internal_appeal_filed_on",
    "external_review": "external_review_filed_on",
    "decided": "decided_on",
}
STAGE_DATE_LABELS: dict[str, str] = {
    "opened": "Case opened",
    "doctor_visit_on": "Doctor visit",
    "pa_submitted_on": "Pre-authorization submitted",
    "approved_on": "Approval notice",
    "denied_on": "Denial notice (date on the letter)",
    "internal_appeal_filed_on": "Internal appeal filed",
    "final_internal_denial_on": "Final internal denial (appeal refused)",
    "external_review_filed_on": "External review requested",
    "decided_on": "Final decision",
}
# Dates that must follow each other (earlier field, later field).
DATE_ORDER: tuple[tuple[str, str], ...] = (
    ("doctor_visit_on", "pa_submitted_on"),
    ("pa_submitted_on", "approved_on"),
    ("pa_submitted_on", "denied_on"),
    ("denied_on", "internal_appeal_filed_on"),
    ("internal_appeal_filed_on", "final_internal_denial_on"),
    ("denied_on", "final_internal_denial_on"),
    ("final_internal_denial_on", "external_review_filed_on"),
    ("denied_on", "decided_on"),
    ("internal_appeal_filed_on", "decided_on"),
    ("external_review_filed_on", "decided_on"),
)

DENIAL_CATEGORIES: dict[str, str] = {
    "not_medically_necessary": "Not medically necessary",
    "experimental": "Experimental or investigational",
    "step_therapy": "Step therapy (other treatments first)",
    "missing_information": "Missing information",
    "coding": "Coding or billing problem",
    "other": "Other",
}
DenialCategory = Literal[
    "not_medically_necessary",
    "experimental",
    "step_therapy",
    "missing_information",
    "coding",
    "other",
]

DOCUMENTS: dict[str, str] = {
    "diary_summary": "Diary summary (from the Reports page)",
    "necessity_letter": "Letter of medical necessity (signed by the doctor)",
    "treatment_history": "Treatment history (what was tried, dates, outcome)",
    "questionnaire_scores": "Questionnaire scores (MIDAS, HIT-6 or HDSS)",
    "denial_letter": "Copy of the denial letter",
}
Document = Literal[
    "diary_summary",
    "necessity_letter",
    "treatment_history",
    "questionnaire_scores",
    "denial_letter",
]

# Deadline key -> the case field where the patient types the date printed on their letter.
OVERRIDE_FIELDS: dict[str, str] = {
    "decision": "decision_due_override",
    "internal_appeal": "internal_appeal_due_override",
    "appeal_decision": "appeal_decision_due_override",
    "external_review": "external_review_due_override",
    "reauthorization": "approval_ends_on",
}
OVERRIDE_LABELS: dict[str, str] = {
    "decision_due_override": "Insurer's decision due",
    "internal_appeal_due_override": "Internal appeal must be filed by",
    "appeal_decision_due_override": "Insurer's appeal decision due",
    "external_review_due_override": "External review must be requested by",
    "approval_ends_on": "Approval valid until (re-authorization needed)",
}

OptDate = dt.date | None


def _today() -> dt.date:
    return entries.now().date()


@register
class CoverageCase(Entry):
    """One coverage request (condition + plan) and where it stands."""

    KIND: ClassVar[str] = "coverage_case"
    LABEL: ClassVar[str] = "Coverage case"

    condition: Condition
    insurer: Annotated[str, Field(min_length=1, max_length=120)]
    plan_type: PlanType = "employer"
    self_funded: bool = False
    member_id: Short = ""
    reference_number: Short = ""
    urgent: bool = False
    post_service: bool = False
    stage: Stage = "gathering"
    opened: dt.date
    doctor_visit_on: OptDate = None
    pa_submitted_on: OptDate = None
    approved_on: OptDate = None
    denied_on: OptDate = None
    internal_appeal_filed_on: OptDate = None
    final_internal_denial_on: OptDate = None
    external_review_filed_on: OptDate = None
    decided_on: OptDate = None
    outcome: Literal["approved", "denied"] | None = None
    denial_category: DenialCategory | None = None
    denial_reason: Note = ""
    documents: list[Document] = []
    decision_due_override: OptDate = None
    internal_appeal_due_override: OptDate = None
    appeal_decision_due_override: OptDate = None
    external_review_due_override: OptDate = None
    approval_ends_on: OptDate = None
    notes: Note = ""

    @field_validator("documents")
    @classmethod
    def _unique_documents(cls, v: list[str]) -> list[str]:
        return list(dict.fromkeys(v))

    @model_validator(mode="after")
    def _consistent(self) -> CoverageCase:
        today = _today()
        for name, label in STAGE_DATE_LABELS.items():
            value = getattr(self, name)
            if value is not None and value > today:
                raise ValueError(
                    f"{label.lower()} is in the future ({value.isoformat()}); "
                    "enter a day up to today"
                )
        for earlier, later in DATE_ORDER:
            a, b = getattr(self, earlier), getattr(self, later)
            if a is not None and b is not None and b < a:
                raise ValueError(
                    f"'{STAGE_DATE_LABELS[later]}' ({b.isoformat()}) is before "
                    f"'{STAGE_DATE_LABELS[earlier]}' ({a.isoformat()}); check the dates"
                )
        if self.approved_on is not None and self.denied_on is not None:
            raise ValueError(
                "a request is either approved or denied: keep one date "
                "(an appeal that wins is recorded as the final decision)"
            )
        needed = STAGE_DATE_FIELD[self.stage]
        if getattr(self, needed) is None:
            raise ValueError(
                f"the stage '{STAGES[self.stage]}' needs its date: "
                f"fill in '{STAGE_DATE_LABELS[needed]}'"
            )
        if self.stage in ("internal_appeal", "external_review") and self.denied_on is None:
            raise ValueError("an appeal needs the date of the denial notice")
        if self.stage == "decided" and self.outcome is None:
            raise ValueError("say how the case was decided (approved or denied)")
        if self.outcome is not None and self.decided_on is None:
            raise ValueError("a final outcome needs the date of the final decision")
        return self

    def day(self) -> dt.date:
        return self.opened

    def title(self) -> str:
        return f"{CONDITIONS.get(self.condition, self.condition)} · {self.insurer}"

    def summary(self) -> str:
        return f"Coverage case: {self.title()} ({STAGES[self.stage].lower()})"

    def other_rules(self) -> bool:
        """Medicare, Medicaid and self-funded employer plans do not follow the ACA defaults."""
        return self.plan_type in ("medicare", "medicaid") or self.self_funded

    def stage_label(self) -> str:
        """The stage in words; an internal appeal already refused says so."""
        if self.stage == "internal_appeal" and self.final_internal_denial_on is not None:
            return "Internal appeal refused"
        return STAGES[self.stage]

    def stage_dates(self) -> list[tuple[str, dt.date]]:
        """(label, date) of every stage reached, oldest first."""
        out = [
            (label, getattr(self, name))
            for name, label in STAGE_DATE_LABELS.items()
            if getattr(self, name) is not None
        ]
        return sorted(out, key=lambda item: item[1])

    def approval_date(self) -> dt.date | None:
        """When coverage started: the first approval, or a won appeal."""
        if self.approved_on is not None:
            return self.approved_on
        if self.outcome == "approved":
            return self.decided_on
        return None


@register
class CaseCall(Entry):
    """One contact with the insurer (or the doctor's office) about a case."""

    KIND: ClassVar[str] = "case_call"
    LABEL: ClassVar[str] = "Call about a case"

    case_id: Annotated[int, Field(ge=1)]
    date: dt.date
    spoke_with: Short = ""
    reference_number: Short = ""
    said: Annotated[str, Field(min_length=1, max_length=2000)]
    follow_up_on: OptDate = None

    @model_validator(mode="after")
    def _consistent(self) -> CaseCall:
        if self.date > _today():
            raise ValueError(
                f"the call date is in the future ({self.date.isoformat()}); enter a day up to today"
            )
        if self.follow_up_on is not None and self.follow_up_on < self.date:
            raise ValueError("the follow-up date is before the call")
        return self

    def day(self) -> dt.date:
        return self.date

    def summary(self) -> str:
        who = f" with {self.spoke_with}" if self.spoke_with else ""
        return f"Call{who}: {self.said[:80]}"


def case_with(case: CoverageCase, **changes: Any) -> CoverageCase:
    """A validated copy of ``case`` with some fields changed (raises ``EntryError``)."""
    data = case.model_dump()
    data.update(changes)
    return build(CoverageCase, **data)  # type: ignore[return-value]


def record_stage(
    case: CoverageCase,
    stage: str,
    on: dt.date,
    *,
    outcome: str | None = None,
    denial_category: str | None = None,
    denial_reason: str | None = None,
) -> CoverageCase:
    """Move a case to ``stage`` reached ``on``; a denial can bring its category and text.

    A second denial while an internal appeal runs is the *final internal denial*: its date goes
    to ``final_internal_denial_on`` (that date starts the external review clock), and the stage
    stays 'internal appeal' until the patient requests the review.
    """
    changes: dict[str, Any] = {}
    if stage == "denied" and case.stage == "internal_appeal":
        changes["final_internal_denial_on"] = on
        stage = "internal_appeal"
    else:
        changes[STAGE_DATE_FIELD[stage]] = on
    changes["stage"] = stage
    if stage == "decided":
        changes["outcome"] = outcome
    if denial_category is not None:
        changes["denial_category"] = denial_category
    if denial_reason:
        changes["denial_reason"] = denial_reason
    return case_with(case, **changes)


def next_stages(stage: str, *, appeal_refused: bool = False) -> list[str]:
    """The stages a case can move to from ``stage`` (the usual paths; editing allows any).

    ``appeal_refused``: the final internal denial is recorded, so only the external review or
    a final decision can follow.
    """
    if stage == "internal_appeal" and appeal_refused:
        return ["external_review", "decided"]
    paths = {
        "gathering": ["doctor_visit", "pa_submitted"],
        "doctor_visit": ["pa_submitted"],
        "pa_submitted": ["approved", "denied"],
        "approved": [],
        "denied": ["internal_appeal", "doctor_visit"],
        "internal_appeal": ["denied", "decided", "external_review"],
        "external_review": ["decided"],
        "decided": [],
    }
    return paths[stage]
