"""The diary fields a spreadsheet column can be mapped to, and the column names that mean them."""

from __future__ import annotations

# Diary fields a column can be mapped to (id -> label shown on the page).
FIELDS: dict[str, str] = {
    "date": "Date",
    "start_time": "Start time",
    "end_time": "End time",
    "duration": "Duration",
    "pain": "Pain or severity",
    "headache": "Headache yes/no",
    "medicine": "Medicine taken",
    "notes": "Notes",
    "triggers": "Triggers",
    "nausea_vomiting": "Nausea or vomiting (yes/no)",
    "light_sensitivity": "Light bothers (yes/no)",
    "sound_sensitivity": "Noise bothers (yes/no)",
    "pulsating": "Throbbing (yes/no)",
    "worse_with_activity": "Worse with activity (yes/no)",
    "aura": "Aura (yes/no)",
}
FEATURES = (
    "nausea_vomiting",
    "light_sensitivity",
    "sound_sensitivity",
    "pulsating",
    "worse_with_activity",
    "aura",
)
IGNORE = ""
SYNONYMS: dict[str, tuple[str, ...]] = {
    "date": ("date", "day", "datum", "fecha", "start date", "date of attack", "headache date"),
    "start_time": (
        "start time",
        "time",
        "start",
        "started",
        "onset",
        "time started",
        "began",
        "begin",
        "from",
    ),
    "end_time": ("end time", "end", "ended", "finish", "finished", "stopped", "until", "to"),
    "duration": (
        "duration",
        "duration minutes",
        "how long",
        "length",
        "lasted",
        "hours",
        "minutes",
    ),
    "pain": (
        "pain",
        "severity",
        "intensity",
        "pain level",
        "pain score",
        "pain intensity",
        "headache severity",
        "migraine severity",
        "how bad",
        "rating",
        "level",
    ),
    "headache": ("headache", "migraine", "had headache", "headache today"),
    "medicine": (
        "medicine",
        "medicines",
        "medication",
        "medications",
        "meds",
        "drug",
        "drugs",
        "tablets",
        "pills",
        "painkiller",
        "painkillers",
        "took",
        "acute medication",
        "medications taken",
    ),
    "notes": ("notes", "note", "comments", "comment", "remarks", "description", "details"),
    "triggers": ("triggers", "trigger", "possible triggers", "cause", "causes"),
    "nausea_vomiting": ("nausea", "vomiting", "nausea vomiting", "nauseous", "felt sick", "sick"),
    "light_sensitivity": ("light", "light sensitivity", "photophobia", "sensitive to light"),
    "sound_sensitivity": (
        "sound",
        "noise",
        "sound sensitivity",
        "phonophobia",
        "noise sensitivity",
    ),
    "pulsating": ("throbbing", "pulsating", "pounding"),
    "worse_with_activity": ("worse with activity", "worse with movement", "activity"),
    "aura": ("aura", "visual aura"),
}
PAIN_SCALES = {
    "0-10": "0 to 10",
    "1-3": "1 mild, 2 moderate, 3 severe (0 none)",
}

MAX_SAVED = 20
PREVIEW_ROWS = 10
