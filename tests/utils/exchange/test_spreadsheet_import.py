"""Import from any spreadsheet: column mapping, date orders, conversions, the import rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from utils import exchange
from utils import spreadsheet_import as si
from utils.models import Attack, HeadacheCheckin

DATA = Path(__file__).resolve().parents[2] / "data"


def sheet(name: str) -> si.Sheet:
    return si.read_sheet((DATA / name).read_bytes(), name)


def csv_sheet(text: str, name: str = "mine.csv") -> si.Sheet:
    return si.read_sheet(text.encode("utf-8"), name)


# ---------------------------------------------------------------- recognising columns


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Date", "date"),
        ("date formatted", "date"),
        ("Datum", "date"),
        ("Start Time", "start_time"),
        ("Time of onset", "start_time"),
        ("End", "end_time"),
        ("Duration (min)", "duration"),
        ("How long (hours)", "duration"),
        ("Pain (0-10)", "pain"),
        ("Severity (1-3)", "pain"),
        ("Headache severity", "pain"),
        ("Migraine? (Y/N)", "headache"),
        ("Meds", "medicine"),
        ("Tablets", "medicine"),
        ("Comments", "notes"),
        ("Photophobia", "light_sensitivity"),
        ("Nausea/vomiting", "nausea_vomiting"),
        ("Throbbing", "pulsating"),
        ("Mood", ""),
        ("weekday", ""),
    ],
)
def test_common_header_names_are_recognised(label, field):
    assert si.guess_field(label) == field


def test_proposed_mappings_of_the_six_files():
    expected = {
        "paper_diary.xlsx": (
            {
                "Date": "date",
                "Time": "start_time",
                "Severity (1-3)": "pain",
                "How long (hours)": "duration",
                "Tablets": "medicine",
                "Notes": "notes",
            },
            "ymd",
            "1-3",
            "hours",
        ),
        "bearable_export.csv": (
            {
                "date formatted": "date",
                "Headache": "pain",  # none / mild / moderate / severe: a severity
                "Nausea": "nausea_vomiting",
                "Light sensitivity": "light_sensitivity",
                "medication": "medicine",
                "notes": "notes",
            },
            "ymd",
            "0-10",
            "hours",
        ),
        "us_month_first.csv": (
            {
                "Date": "date",
                "Start Time": "start_time",
                "End Time": "end_time",
                "Pain (0-10)": "pain",
                "Medication": "medicine",
                "Nausea": "nausea_vomiting",
                "Light sensitivity": "light_sensitivity",
                "Notes": "notes",
            },
            None,  # every date reads both ways: the page asks
            "0-10",
            "hours",
        ),
        "european_day_first.csv": (
            {
                "Date": "date",
                "Start": "start_time",
                "Duration (hours)": "duration",
                "Pain": "pain",
                "Medicine": "medicine",
                "Throbbing": "pulsating",
                "Notes": "notes",
            },
            "dmy",
            "0-10",
            "hours",
        ),
        "merged_headers.xlsx": (
            {
                "Date": "date",
                "Start": "start_time",
                "Pain (0-10)": "pain",
                "Duration (min)": "duration",
                "Nausea": "nausea_vomiting",
                "Medicine": "medicine",
                "Notes": "notes",  # the merged cell above stands in for the empty one
            },
            "ymd",
            "0-10",
            "minutes",
        ),
        "one_bad_row.csv": (
            {
                "Day": "date",
                "Pain level": "pain",
                "Duration (min)": "duration",
                "Meds": "medicine",
                "Comments": "notes",
            },
            "ymd",
            "0-10",
            "minutes",
        ),
    }
    for name, (columns, order, scale, unit) in expected.items():
        m = si.propose_mapping(sheet(name))
        assert {c: f for c, f in m.columns.items() if f} == columns, name
        assert (m.date_order, m.pain_scale, m.duration_unit) == (order, scale, unit), name


def test_header_under_a_title_and_merged_group_row_keeps_spreadsheet_row_numbers():
    s = sheet("merged_headers.xlsx")
    assert s.header_row == 4
    # Blank lines are left out; the numbers are the ones the spreadsheet shows.
    assert [n for n, _ in s.rows] == [5, 7, 8, 11, 12]


def test_time_of_day_words_are_not_taken_for_a_start_time():
    m = si.propose_mapping(sheet("bearable_export.csv"))
    assert m.columns["time of day"] == ""


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("values", "order"),
    [
        (["2025-03-04", "2025-12-31"], "ymd"),
        (["12/03/2025", "13/03/2025"], "dmy"),  # 13 cannot be a month
        (["03/12/2025", "03/13/2025"], "mdy"),
        (["03/12/2025", "04/12/2025"], None),  # both readings work: ask
        (["12/12/2025"], None),
        (["14.03.2025", "2.4.2025"], "dmy"),
        (["4 Mar 2025", "March 5, 2025", "Thu 6 Mar 2025"], "ymd"),
        (["not a date"], None),
    ],
)
def test_date_order_guess(values, order):
    assert si.guess_date_order(values) == order


def test_parse_date_in_each_order_and_with_a_time():
    assert si.parse_date("03/04/2025", "dmy") == dt.date(2025, 4, 3)
    assert si.parse_date("03/04/2025", "mdy") == dt.date(2025, 3, 4)
    assert si.parse_date("2025-03-04 08:30", None) == dt.date(2025, 3, 4)
    assert si.parse_date("March 4th, 2025", None) == dt.date(2025, 3, 4)
    with pytest.raises(ValueError):
        si.parse_date("03/04/2025", None)  # numeric and no order chosen
    with pytest.raises(ValueError):
        si.parse_date("13/04/2025", "mdy")
    assert si.split_date_time("2025-03-04 8:30 pm") == ("2025-03-04", "8:30 pm")


@pytest.mark.parametrize(
    ("text", "time"),
    [
        ("14:30", dt.time(14, 30)),
        ("2:30 PM", dt.time(14, 30)),
        ("12:15 am", dt.time(0, 15)),
        ("2pm", dt.time(14, 0)),
        ("07.45", dt.time(7, 45)),
        ("23:59", dt.time(23, 59)),
    ],
)
def test_parse_time(text, time):
    assert si.parse_time(text) == time


@pytest.mark.parametrize("text", ["24:00", "13 pm", "morning", "7"])
def test_parse_time_refuses(text):
    with pytest.raises(ValueError):
        si.parse_time(text)


@pytest.mark.parametrize(
    ("text", "unit", "minutes"),
    [
        ("2", "hours", 120),
        ("2,5", "hours", 150),
        ("90", "minutes", 90),
        ("90 min", "hours", 90),
        ("2h 30", "hours", 150),
        ("1:30", "hours", 90),
        ("3 hours", "minutes", 180),
    ],
)
def test_parse_duration(text, unit, minutes):
    assert si.parse_duration(text, unit) == minutes


# ---------------------------------------------------------------- pain


@pytest.mark.parametrize(
    ("text", "scale", "pain", "word"),
    [
        ("0", "1-3", 0, ""),
        ("1", "1-3", 2, "1 of 3 (mild)"),
        ("2", "1-3", 5, "2 of 3 (moderate)"),
        ("3", "1-3", 8, "3 of 3 (severe)"),
        ("Moderate", "0-10", 5, "moderate"),
        ("severe", "1-3", 8, "severe"),
        ("None", "0-10", 0, ""),
        ("10", "0-10", 10, ""),
        ("0", "0-10", 0, ""),
    ],
)
def test_pain_scales(text, scale, pain, word):
    assert si.parse_pain(text, scale) == (pain, word)


@pytest.mark.parametrize(
    ("text", "scale"),
    [("4", "1-3"), ("11", "0-10"), ("-1", "0-10"), ("7.5", "0-10"), ("awful", "0-10")],
)
def test_pain_out_of_scale_is_refused(text, scale):
    with pytest.raises(ValueError):
        si.parse_pain(text, scale)


# ---------------------------------------------------------------- rows


def test_rows_become_attacks_and_check_ins_with_the_original_words_kept():
    s = sheet("bearable_export.csv")
    result = si.preview(s, si.propose_mapping(s))
    assert result.ok, result.error_lines()
    kinds = [(r.row, type(r.entry).__name__) for r in result.rows]
    assert kinds == [
        (2, "Attack"),
        (3, "HeadacheCheckin"),
        (4, "Attack"),
        (5, "HeadacheCheckin"),
        (6, "Attack"),
        (7, "Attack"),
        (8, "HeadacheCheckin"),
    ]
    first = result.rows[0].entry
    assert isinstance(first, Attack)
    assert first.pain == 5 and first.start_time is None  # the export's time stamp is not a start
    assert first.light_sensitivity is True and first.nausea_vomiting is False
    assert first.medications[0].drug_class == "nsaid"
    assert "Pain in the spreadsheet: moderate" in first.notes
    worst = result.rows[5].entry
    assert worst.pain == 10 and [m.name for m in worst.medications] == ["Sumatriptan", "Ibuprofen"]


def test_end_time_after_midnight_is_the_next_day():
    s = sheet("us_month_first.csv")
    m = si.propose_mapping(s)
    m.date_order = "mdy"
    result = si.preview(s, m)
    assert result.ok, result.error_lines()
    night = result.rows[2].entry
    assert night.start_date == dt.date(2025, 2, 6) and night.start_time == dt.time(23, 0)
    assert night.end == dt.datetime(2025, 2, 7, 3, 0)


def test_an_undecided_date_order_asks_before_any_preview():
    s = sheet("us_month_first.csv")
    result = si.preview(s, si.propose_mapping(s))
    assert not result.ok and not result.rows
    assert result.file_errors == ["Say how the dates are written (day first or month first)."]


def test_every_bad_row_is_named_with_its_spreadsheet_row_number():
    s = csv_sheet(
        "Report for my doctor\n"
        "\n"
        "Date,Pain,Medicine,Light\n"
        "2025-04-01,5,ibuprofen,yes\n"
        "2025-04-02,,,\n"
        "2025-04-31,6,,\n"
        ",,,\n"
        "2025-04-05,0,sumatriptan 50 mg,\n"
        "2025-04-06,4,magic pill,maybe\n"
        ",3,,\n"
    )
    assert s.header_row == 3
    result = si.preview(s, si.propose_mapping(s))
    assert not result.ok
    lines = result.error_lines()
    assert lines[0].startswith("Row 6: Date: '2025-04-31'")  # 31 April
    assert "Row 8: a medicine is given on a day marked as no headache" in lines
    assert any(line.startswith("Row 9: Light: 'maybe' is not yes or no") for line in lines)
    assert "Row 10: Date: the date is empty" in lines
    # Row 9's medicine reaches the existing import rules, which name it with the same row.
    s2 = csv_sheet("Date,Pain,Medicine\n2025-04-01,5,ibuprofen\n2025-04-06,4,magic pill\n")
    lines2 = si.preview(s2, si.propose_mapping(s2)).error_lines()
    assert len(lines2) == 1 and lines2[0].startswith("Row 3: medications: 'magic pill'")


def test_import_is_all_or_nothing_and_skips_duplicates(store):
    p = store.create_profile("Me")
    bad = sheet("one_bad_row.csv")
    with pytest.raises(exchange.ExchangeError) as err:
        si.import_sheet(store, p.id, bad, si.propose_mapping(bad))
    assert "Row 4: Pain level: '12' is not between 0 and 10" in err.value.messages
    assert store.entries(p.id) == []

    good = sheet("european_day_first.csv")
    mapping = si.propose_mapping(good)
    result = si.import_sheet(store, p.id, good, mapping)
    assert (result.imported, result.duplicates) == (5, 0)
    rows = store.entries(p.id)
    assert {r.source for r in rows} == {"import"}
    attacks = sorted((r.entry for r in rows if r.kind == "attack"), key=lambda a: a.start_date)
    assert [(a.start_date, a.duration_minutes, a.pain) for a in attacks] == [
        (dt.date(2025, 1, 13), 240, 6),
        (dt.date(2025, 1, 15), 150, 5),
        (dt.date(2025, 1, 21), 480, 9),
        (dt.date(2025, 1, 28), 90, 3),
    ]
    assert attacks[0].pulsating is True and attacks[1].pulsating is False
    (checkin,) = [r.entry for r in rows if r.kind == "headache_checkin"]
    assert isinstance(checkin, HeadacheCheckin) and checkin.date == dt.date(2025, 1, 22)
    # The same spreadsheet again adds nothing: every row is a duplicate.
    again = si.import_sheet(store, p.id, good, mapping)
    assert (again.imported, again.duplicates) == (0, 5)
    assert len(store.entries(p.id)) == 5


def test_duplicates_inside_a_file_name_the_first_row():
    s = csv_sheet("Date,Pain\n2025-04-01,5\n\n2025-04-01,5\n")
    result = si.preview(s, si.propose_mapping(s))
    assert result.ok
    assert [r.duplicate_of for r in result.rows] == ["", "same as row 2"]


def test_a_field_chosen_twice_is_refused():
    s = csv_sheet("Date,Pain,Severity\n2025-04-01,5,2\n")
    m = si.propose_mapping(s)
    assert m.columns == {"Date": "date", "Pain": "pain", "Severity": ""}
    m.columns["Severity"] = "pain"
    assert si.preview(s, m).file_errors == [
        "'Pain or severity' is chosen for two columns: Pain and Severity."
    ]


def test_saved_mapping_is_reused_for_the_same_spreadsheet(store):
    p = store.create_profile("Me")
    s = sheet("us_month_first.csv")
    m = si.propose_mapping(s)
    assert si.saved_mapping(p.settings, s) is None
    m.date_order = "mdy"
    m.columns["Notes"] = ""
    settings = si.settings_with_mapping({"thresholds": {"x": 1}}, s, m)
    store.update_profile(p.id, settings=settings)
    p = store.profile(p.id)
    assert p.settings["thresholds"] == {"x": 1}  # the other settings are kept
    again = si.saved_mapping(p.settings, s)
    assert again == m
    # Another spreadsheet (other columns) has no saved mapping.
    assert si.saved_mapping(p.settings, sheet("one_bad_row.csv")) is None


def test_template_files_keep_the_plain_import():
    assert si.is_template(b"start_date,pain\n2025-01-01,5\n")
    assert not si.is_template((DATA / "us_month_first.csv").read_bytes(), "us.csv")
    assert not si.is_template((DATA / "paper_diary.xlsx").read_bytes(), "paper.xlsx")


def test_unreadable_files_say_so():
    with pytest.raises(exchange.ExchangeError, match="not a readable Excel workbook"):
        si.read_sheet(b"PK\x03\x04 broken", "x.xlsx")
    with pytest.raises(exchange.ExchangeError, match="empty"):
        si.read_sheet(b",,\n,,\n", "x.csv")
    with pytest.raises(exchange.ExchangeError, match="no diary rows"):
        si.read_sheet(b"Date,Pain\n", "x.csv")


def test_cli_imports_a_spreadsheet_of_its_own(store, capsys):
    from utils.cli import main

    store.create_profile("Me")
    us = str(DATA / "us_month_first.csv")
    assert main(["import", us, "--profile", "Me"]) == 1
    err = capsys.readouterr().err
    assert "Say how the dates are written" in err and "--date-order" in err
    assert main(["import", us, "--profile", "Me", "--date-order", "mdy"]) == 0
    assert "Imported 5 rows into 'Me'" in capsys.readouterr().out
    (p,) = store.profiles()
    assert min(e.day for e in store.entries(p.id)) == dt.date(2025, 2, 3)
    # The saved mapping answers the question next time; the rows are duplicates now.
    assert main(["import", us, "--profile", "Me"]) == 0
    assert "Imported 0 rows into 'Me'; skipped 5 duplicates." in capsys.readouterr().out
    assert main(["import", str(DATA / "paper_diary.xlsx"), "--profile", "Me"]) == 0
    assert "Imported 8 rows" in capsys.readouterr().out
    assert main(["import", str(DATA / "one_bad_row.csv"), "--profile", "Me"]) == 1
    assert "Row 4: Pain level: '12'" in capsys.readouterr().err
    assert len(store.entries(p.id)) == 13


def test_a_no_headache_row_keeps_its_other_answers_in_the_notes():
    s = csv_sheet(
        "Date,Pain,Nausea,Light,Triggers,Start\n"
        "2025-04-01,0,yes,no,wine,\n"
        "2025-04-02,none,no,,,\n"
        "2025-04-03,0,,,,08:00\n"
    )
    result = si.preview(s, si.propose_mapping(s))
    first, second = result.rows[0].entry, result.rows[1].entry
    assert isinstance(first, HeadacheCheckin)
    assert first.notes == "(Also in the spreadsheet: Nausea: yes; Triggers: wine.)"
    assert isinstance(second, HeadacheCheckin) and second.notes == ""
    assert result.error_lines() == ["Row 4: start time given on a day marked as no headache"]
