"""A letter's plain text: the blanks, the editing convention and the third person.

A letter is plain text so the patient and the doctor can edit it freely in a text box:
``# `` starts the title, ``## `` a section heading, ``- `` a list item, and a blank line separates
paragraphs (``parse`` reads it into ``Block``s; ``join`` writes parts in it). What only the
doctor (or the patient) can state is a clearly marked blank made by ``doctor``,
``doctor_states`` or ``patient``, such as ``[DOCTOR TO CONFIRM: ...]``; ``blanks`` lists those
left and ``segments`` splits a line around them so the files can mark them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from utils.rules.engine import FOR_CLINICIAN, MET, MISSING, NOT_MET

BLANK_RE = re.compile(r"\[(?:DOCTOR|PATIENT) TO [A-Z ]+:[^\]]*\]")
STATUS_LABELS = {
    MET: "Met",
    NOT_MET: "Not met",
    MISSING: "Missing data",
    FOR_CLINICIAN: "For the clinician",
}
STATUS_WORD = STATUS_LABELS  # the old name
DRAFT_MARK = "DRAFT for the physician to review, complete and sign"


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, str(status).replace("_", " ").capitalize())


def doctor(what: str) -> str:
    return f"[DOCTOR TO CONFIRM: {what}]"


def doctor_states(what: str) -> str:
    return f"[DOCTOR TO STATE: {what}]"


def patient(what: str) -> str:
    return f"[PATIENT TO FILL: {what}]"


def blanks(text: str) -> list[str]:
    """Every blank still to be filled in ``text``."""
    return BLANK_RE.findall(text)


_THIRD = (
    (re.compile(r"\b([Dd])o you have\b"), r"\1oes the patient have"),
    (re.compile(r"\b([Dd])id you\b"), r"\1id the patient"),
    (re.compile(r"\bHave you\b"), "Has the patient"),
    (re.compile(r"\bhave you\b"), "has the patient"),
    (re.compile(r"\b([Aa])re you\b"), r"\1s the patient"),
    (re.compile(r"\bWorth mentioning to your doctor\.\s*"), ""),
    (re.compile(r"\byour doctor\b"), "the physician"),
    (re.compile(r"\bYour\b"), "The patient's"),
    (re.compile(r"\byour\b"), "the patient's"),
    (re.compile(r"\bYou have\b"), "The patient has"),
    (re.compile(r"\byou have\b"), "the patient has"),
    (re.compile(r"\bYou\b"), "The patient"),
    (re.compile(r"\byou\b"), "the patient"),
)


def third_person(text: str) -> str:
    """An engine sentence about the patient, in the third person."""
    for pattern, repl in _THIRD:
        text = pattern.sub(repl, text)
    return text.strip()


def join(parts: Sequence[str]) -> str:
    out: list[str] = []
    for p in parts:
        if p.startswith("- ") and out and out[-1].startswith("- "):
            out[-1] += "\n" + p
        elif p.startswith("- ") and out and "\n- " in out[-1]:
            out[-1] += "\n" + p
        else:
            out.append(p)
    return "\n\n".join(out) + "\n"


# ---------------------------------------------------------------- text -> blocks -> files


@dataclass(frozen=True)
class Block:
    kind: str  # title | heading | bullet | para
    text: str


def parse(text: str) -> list[Block]:
    """Blocks of a letter's plain text (the editing convention in the module docstring)."""
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Block("para", "\n".join(para)))
            para.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            flush()
        elif line.startswith("## "):
            flush()
            blocks.append(Block("heading", line[3:].strip()))
        elif line.startswith("# "):
            flush()
            blocks.append(Block("title", line[2:].strip()))
        elif line.lstrip().startswith(("- ", "* ")):
            flush()
            blocks.append(Block("bullet", line.lstrip()[2:].strip()))
        else:
            para.append(line)
    flush()
    return blocks


def segments(text: str) -> list[tuple[str, bool]]:
    """(text, is_blank) pieces of a line."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in BLANK_RE.finditer(text):
        if m.start() > pos:
            out.append((text[pos : m.start()], False))
        out.append((m.group(0), True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    return _XML_BAD.sub("", text)
