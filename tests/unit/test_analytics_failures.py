"""Analytics counts failures: a call where the moment never came is a miss, not left out."""

import math

import pandas as pd

from ui import charts
from ui.debrief import finding_text, metrics_table, standards_table


def cohort():
    return pd.DataFrame(
        [
            {
                "scenario": "cardiac-arrest",
                "cardiac_arrest": True,
                "time_to_arrest_recognition": 45.0,
                "time_to_first_compression": 80.0,
                "time_to_address": 8.0,
            },
            {
                "scenario": "cardiac-arrest",
                "cardiac_arrest": True,
                "time_to_arrest_recognition": 100.0,
                "time_to_first_compression": 150.0,
                "time_to_address": 25.0,
            },
            {
                "scenario": "cardiac-arrest",
                "cardiac_arrest": True,
                "time_to_arrest_recognition": None,
                "time_to_first_compression": None,
                "time_to_address": None,
            },
            {
                "scenario": "cardiac-arrest",
                "cardiac_arrest": True,
                "time_to_arrest_recognition": None,
                "time_to_first_compression": None,
                "time_to_address": 40.0,
            },
            {
                "scenario": "burglary",
                "cardiac_arrest": False,
                "time_to_arrest_recognition": None,
                "time_to_first_compression": None,
                "time_to_address": 5.0,
            },
        ]
    )


def test_never_recognised_counts_as_a_miss_and_other_calls_are_not_counted():
    share, n, never = charts.share_within(cohort(), "time_to_arrest_recognition", 120)
    assert (n, never) == (4, 2)  # the burglary call is not an arrest call
    assert math.isclose(share, 0.5)  # 2 of 4, not 2 of 2


def test_address_never_obtained_is_a_miss_in_the_headline_share():
    share, n, never = charts.share_within(cohort(), "time_to_address", 30)
    assert (n, never) == (5, 1) and math.isclose(share, 3 / 5)


def test_distribution_shows_the_never_calls():
    chart = charts.distribution(cohort(), "time_to_arrest_recognition")
    spec = chart.to_dict()
    assert "never=2" in spec["title"] and "n=4" in spec["title"]
    assert "never (2)" in str(spec)


def test_distribution_of_calls_that_all_failed_is_still_drawn():
    df = cohort()
    df["time_to_arrest_recognition"] = None
    assert charts.distribution(df, "time_to_arrest_recognition") is not None


def test_debrief_shows_the_standards_the_grade_used():
    table = standards_table()
    assert any("NENA" in s for s in table["Source"]) and any("Resuscitation Academy" in s for s in table["Source"])
    rows = metrics_table({"time_to_arrest_recognition": None, "time_to_first_compression": 100.0}, cardiac_arrest=True)
    rec = rows[rows["Measure"] == "Answer → arrest recognised"].iloc[0]
    assert rec["Result"].startswith("✗") and rec["Goal"] == "60 s" and rec["Standard"] == "120 s"


def test_critical_findings_are_marked_in_the_debrief():
    text = finding_text(
        {
            "t": None,
            "category": "instructions",
            "critical": True,
            "overall_points": 30,
            "message": "Critical: the first compression never happened.",
        }
    )
    assert text.startswith("**never**") and "critical" in text and "−30 overall" in text


def test_debrief_says_whether_the_screens_location_was_confirmed():
    shown = "The screen showed 604 Ash Street (a landline); the location was never confirmed with the caller."
    rows = metrics_table({"time_to_location_verified": None, "location_check": shown})
    row = rows[rows["Measure"] == "Location on screen confirmed"].iloc[0]
    assert row["Result"].startswith("✗")
    rows = metrics_table({"time_to_location_verified": 12.4, "location_check": shown})
    row = rows[rows["Measure"] == "Location on screen confirmed"].iloc[0]
    assert row["Result"].startswith("✓") and row["You"].startswith("12")
