"""Letter drafts filled from the evidence: a facade kept for old import paths.

The letters are assembled in ``utils.documents.letters`` from the shared pieces of
``utils.documents.letter_parts`` and the plain-text convention of
``utils.documents.letter_text``; ``utils.documents.docx`` and ``utils.documents.letter_pdf``
write the files. Each condition's paragraphs are in ``utils/conditions/<key>/letters.py``.
"""

from __future__ import annotations

from typing import Any

from utils.documents.docx import to_docx
from utils.documents.letter_parts import (
    J_CODES,
    PatientInfo,
    argued,
    chosen_rule_set,
    criterion,
    date_text,
    entries_of,
    is_met,
    period_text,
    rule_sets,
    treatment_lines,
)
from utils.documents.letter_pdf import LetterDoc, to_pdf
from utils.documents.letter_text import (
    BLANK_RE,
    DRAFT_MARK,
    STATUS_LABELS,
    STATUS_WORD,
    Block,
    blanks,
    doctor,
    doctor_states,
    join,
    parse,
    patient,
    segments,
    status_label,
    third_person,
    xml_safe,
)
from utils.documents.letters import (
    LETTER_TYPES,
    appeal_letter,
    clinician_checklist,
    draft,
    file_stem,
    necessity_letter,
)

# The old private names (tests and older callers).
_rule_sets = rule_sets
_chosen_rule_set = chosen_rule_set
_criterion = criterion
_is_met = is_met
_treatments = treatment_lines
_entries = entries_of
_d = date_text
_join = join
_segments = segments
_LetterDoc = LetterDoc

__all__ = [
    "BLANK_RE",
    "DRAFT_MARK",
    "J_CODES",
    "LETTER_TYPES",
    "STATUS_LABELS",
    "STATUS_WORD",
    "Block",
    "PatientInfo",
    "appeal_letter",
    "argued",
    "blanks",
    "clinician_checklist",
    "doctor",
    "doctor_states",
    "draft",
    "file_stem",
    "necessity_letter",
    "parse",
    "patient",
    "period_text",
    "status_label",
    "third_person",
    "to_docx",
    "to_pdf",
    "xml_safe",
]


def __getattr__(name: str) -> Any:
    """Tables that moved into the conditions, by their old names: ``CONDITION_TEXT``,
    ``APPROVED_USE``, ``RULE_SETS`` and ``SECTIONS`` (``{condition: ...}``)."""
    from utils import conditions

    if name == "RULE_SETS":
        return {s.key: s.rule_sets for s in conditions.all_specs() if s.rule_sets}
    attr = {
        "CONDITION_TEXT": "CONDITION_TEXT",
        "APPROVED_USE": "APPROVED_USE",
        "SECTIONS": "sections",
    }
    if name in attr:
        return {
            spec.key: getattr(module, attr[name])
            for spec, module in conditions.parts("letters")
            if hasattr(module, attr[name])
        }
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
