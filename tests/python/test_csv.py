"""`fccsim run --csv` and fccsim.load_results give the same tables: same columns, same numbers.

The C++ writer (model/results/result_csv.h) and the Python frames (fccsim/frames.py) each
derive their columns from results.proto by the same rules. Here both read one run of the
built fccsim: every CSV header must equal its DataFrame's columns, and every cell its value.
"""

import csv
import math

import pytest

from conftest import run_fccsim
from fccsim import load_results

# CSV file: the Results DataFrame holding the same table.
TABLES = {
    "channel_summary.csv": "summary",
    "channel_intervals.csv": "intervals",
    "channel_replications.csv": "channel_replications",
    "group_summary.csv": "groups",
    "group_intervals.csv": "group_intervals",
    "group_replications.csv": "group_replications",
}
# Columns only the DataFrames have: start_time, a Timedelta from 00:00 on day 0 for sorting and
# plotting, is derived from the interval's index; the CSV has the index and start (HH:MM).
ONLY_IN_FRAMES = ["start_time"]

# One day, one replication (so no interval: empty _ci95 cells), a channel quiet enough to
# leave intervals with nothing to measure ("nan" cells), a target of ASA only, and names
# that CSV must quote.
TINY_SCENARIO = r"""
name: "tiny"
horizon { days: 1 warm_up_hours: 1 interval_minutes: 30 }
channels {
  name: "calls, \"urgent\""
  priority: 1
  arrivals { weekly { contacts_per_week: 1680 } }
  talk { exponential { mean_s: 180 } }
  patience { exponential { mean_s: 60 } }
  short_abandon_s: 5
  target { answer_within_s: 20 fraction: 0.8 }
}
channels {
  name: "quiet"
  priority: 2
  arrivals { weekly { contacts_per_week: 70 } }
  talk { exponential { mean_s: 180 } }
  target { max_average_answer_s: 30 }
}
groups { name: "handlers, all" skills: "calls, \"urgent\"" skills: "quiet" }
roster {
  shifts {
    name: "all day" group: "handlers, all" start: "00:00" length_minutes: 1440 headcount: 3
  }
}
"""


@pytest.fixture(scope="module")
def tiny_run(fccsim_bin, tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny_run")
    scenario = folder / "tiny.textproto"
    scenario.write_text(TINY_SCENARIO)
    return run_fccsim(fccsim_bin, folder, scenario=scenario, replications=1)


@pytest.fixture(scope="module")
def triage_run(fccsim_bin, tmp_path_factory):
    """The week with mental-health triage: channels with triage columns set."""
    return run_fccsim(fccsim_bin, tmp_path_factory.mktemp("triage_run"),
                      scenario="scenarios/gmp_triage.textproto")


@pytest.fixture(params=["real_run", "tiny_run", "triage_run", "channels_run"])
def run(request):
    return request.getfixturevalue(request.param)


def read_table(path):
    """(header, rows) of a CSV file, every cell as the text written."""
    with open(path, newline="", encoding="utf-8") as f:
        header, *rows = csv.reader(f)
    return header, rows


def cell_holds(cell, value, column):
    """Whether the CSV text `cell` is the DataFrame value `value`, by the rules of
    result_csv.h: "nan" where undefined, an empty cell for an absent half width, booleans 1
    or 0, enums by name, numbers as the shortest text that reads back as the same double."""
    if isinstance(value, bool):
        return cell == ("1" if value else "0")
    if isinstance(value, int):
        return cell == str(value)
    if isinstance(value, float):
        if cell == "":
            return column.endswith("_ci95") and math.isnan(value)
        if cell == "nan":
            return math.isnan(value)
        return float(cell) == value  # exact: both sides hold the same double
    return cell == str(value)  # text, an enum name, a weekday (categorical)


def test_the_csv_tables_are_the_data_frames(run):
    results = load_results(run.results)
    assert sorted(p.name for p in run.csv.iterdir()) == sorted(TABLES)
    for file, attribute in TABLES.items():
        frame = getattr(results, attribute)
        header, rows = read_table(run.csv / file)
        assert header == [c for c in frame.columns if c not in ONLY_IN_FRAMES], file
        assert len(rows) == len(frame), file
        values = frame[header].astype(object).to_numpy()  # Python bool, int, float and str
        for i, (row, expected) in enumerate(zip(rows, values)):
            for column, cell, value in zip(header, row, expected, strict=True):
                assert cell_holds(cell, value, column), \
                    f"{file} row {i + 1} column {column}: CSV {cell!r}, DataFrame {value!r}"


def test_the_tiny_run_has_undefined_measures_and_absent_intervals(tiny_run):
    """So that the "nan" and the empty cells are really compared above."""
    cells = [cell for file in TABLES for row in read_table(tiny_run.csv / file)[1] for cell in row]
    assert "nan" in cells and "" in cells
    results = load_results(tiny_run.results)
    assert results.channels == ["calls, \"urgent\"", "quiet"]
    assert results.intervals["service_level"].isna().any()
    assert results.summary["offered_ci95"].isna().all()


def test_the_channels_run_has_chat_columns_both_set_and_absent(channels_run):
    """So that chat cells are really compared above: numbers for the chat channel and the
    digital desk, "nan" for the others, in both the summary and the interval tables."""
    for file, key, chat_rows, column in (
            ("channel_summary.csv", "channel", {"Live Chat"}, "chat_session_s"),
            ("channel_intervals.csv", "channel", {"Live Chat"}, "chat_session_s"),
            ("group_summary.csv", "group", {"digital desk"}, "chat_max_sessions"),
            ("group_intervals.csv", "group", {"digital desk"}, "chat_capacity_used")):
        header, rows = read_table(channels_run.csv / file)
        by_row = [(row[header.index(key)], row[header.index(column)]) for row in rows]
        assert {name for name, _ in by_row} > chat_rows, file
        assert all(cell == "nan" for name, cell in by_row if name not in chat_rows), file
        assert any(cell != "nan" for name, cell in by_row if name in chat_rows), file
    header, rows = read_table(channels_run.csv / "group_summary.csv")
    desk = next(row for row in rows if row[0] == "digital desk")
    assert desk[header.index("chat_max_sessions")] == "3"


def test_every_interval_frame_has_start_time_after_start(run):
    results = load_results(run.results)
    for frame in (results.intervals, results.group_intervals):
        columns = list(frame.columns)
        assert columns[columns.index("start") + 1] == "start_time"
