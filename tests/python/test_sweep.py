"""fccsim.load_sweep, the charts against swept values and scripts/sweep_report.py, on sweeps
made by the built `fccsim sweep`.

The DataFrames and the CSV tables `fccsim sweep` writes are two readings of one index: every
header must equal its DataFrame's columns and every cell its value.
"""

import csv
import html
import math
import os
import re
import subprocess
import sys

import pytest

from conftest import REPO
from fccsim import SweepError, load_results, load_sweep
from fccsim.sweep_plots import against
from fccsim.sweep_report import main as sweep_report_main

AXES = ["late_1", "late_2"]


def cell_holds(cell, value):
    if isinstance(value, bool):
        return cell == str(value)
    if isinstance(value, int):
        return cell == str(value)
    if isinstance(value, float):
        if cell in ("", "nan"):
            return math.isnan(value)
        return float(cell) == value
    return cell == str(value)


@pytest.mark.parametrize("file,attribute", [("sweep.csv", "channels"),
                                            ("sweep_groups.csv", "groups")])
def test_the_csv_tables_are_the_data_frames(sweep_run, file, attribute):
    frame = getattr(load_sweep(sweep_run.folder), attribute)
    with open(sweep_run.folder / file, newline="", encoding="utf-8") as f:
        header, *rows = csv.reader(f)
    assert header == list(frame.columns)
    assert len(rows) == len(frame) == 26 * (2 if attribute == "channels" else 3)
    for i, (row, expected) in enumerate(zip(rows, frame.astype(object).to_numpy())):
        for column, cell, value in zip(header, row, expected, strict=True):
            if column in AXES and cell:
                assert float(cell) == value, (i, column)  # numbers, from the given text
            else:
                assert cell_holds(cell, value), f"{file} row {i + 1} {column}: {cell!r} {value!r}"


def test_the_sweep_reads_as_run(sweep_run):
    sweep = load_sweep(sweep_run.folder)
    assert sweep.axes == AXES and not sweep.interrupted
    assert (sweep.name, sweep.replications, len(sweep.points)) == ("999 late shifts", 2, 26)
    assert sweep.points["done"].all()
    grid = sweep.points[sweep.points["late_1"].notna()]
    assert list(zip(grid["late_1"], grid["late_2"]))[:6] == [
        (2, 2), (2, 3), (2, 4), (2, 5), (2, 6), (3, 2)]
    assert sweep.points["label"].iloc[-1] == "shrinkage 25%"
    # A point's full results, and its row, agree.
    results = sweep.results(7)
    row = sweep.channels[(sweep.channels["point"] == 7) & (sweep.channels["channel"] == "999")]
    assert results.overrides[-2:] == ['roster.shifts[name="999 late 1"].headcount=3',
                                      'roster.shifts[name="999 late 2"].headcount=4']
    assert results.summary.set_index("channel").loc["999", "service_level"] == \
        row["service_level"].iloc[0]
    # More handlers on the late shifts, the same callers: the 999 service level never falls.
    levels = sweep.channels[(sweep.channels["channel"] == "999")
                            & sweep.channels["late_1"].notna()]
    for _, line in levels.groupby("late_2"):
        assert line.sort_values("late_1")["service_level"].is_monotonic_increasing


def test_an_interrupted_sweep_reads_with_its_points_done(fccsim_bin, tmp_path):
    folder = tmp_path / "failed"
    done = subprocess.run(
        [fccsim_bin, "sweep", "scenarios/gmp_late_shifts.sweep", "-o", str(folder),
         "--replications", "2"], cwd=REPO, capture_output=True, text=True, timeout=600,
        check=False, env={**os.environ, "FCCSIM_TEST_FAIL_REPLICATION": "4:1"})
    assert done.returncode == 1, done.stderr
    sweep = load_sweep(folder)
    assert sweep.interrupted
    assert list(sweep.points["done"][:6]) == [True] * 4 + [False] * 2
    assert sorted(sweep.channels["point"].unique()) == [0, 1, 2, 3]
    with pytest.raises(SweepError, match="point 5 is not done"):
        sweep.results(5)
    for bad in (tmp_path / "none", tmp_path):
        with pytest.raises(SweepError):
            load_sweep(bad)
    index = folder / "sweep.pb"
    index.write_bytes(index.read_bytes()[:200])
    with pytest.raises(SweepError):
        load_sweep(folder)


def test_the_chart_has_a_panel_per_channel_and_a_line_per_other_value(sweep_run):
    figure = against(load_sweep(sweep_run.folder), "late_1")
    assert len(figure.axes) == 2
    assert [t.get_text() for t in figure.axes[0].get_legend().get_texts()] == [
        f"late_2={v}" for v in range(2, 7)]
    occupancy = against(load_sweep(sweep_run.folder), "late_2", "occupancy")
    assert [ax.get_ylabel() for ax in occupancy.axes] == [
        "999 only: occupancy", "dual: occupancy", "101 resolvers: occupancy"]


def test_the_report_shows_every_point_and_the_charts(sweep_run, tmp_path):
    out = tmp_path / "sweep.html"
    assert sweep_report_main([str(sweep_run.folder), "-o", str(out)]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["sweep.html"]
    page = out.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert page.count('<img src="data:image/png;base64,') == 4
    rows = [[html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", r)]
            for r in re.findall(r"<tr>(.*?)</tr>", page) if "<td" in r]
    assert len(rows) == 52
    assert rows[0][:3] == ["0", "late_1=2, late_2=2", "999"]


def test_the_report_exits_2_without_a_sweep(tmp_path):
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "sweep_report.py"),
                           str(tmp_path), "-o", str(tmp_path / "s.html")],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 2 and "sweep.pb" in done.stderr
    assert list(tmp_path.iterdir()) == []


# A day of one channel and one shift, swept over the shift's start (text, given out of
# order) and its headcount (numbers, given falling), with a point listed by hand.
TINY_SCENARIO = """\
name: "tiny"
horizon { days: 1 warm_up_hours: 1 }
channels {
  name: "calls"
  arrivals { weekly { contacts_per_week: 1680 } }
  talk { exponential { mean_s: 180 } }
  target { answer_within_s: 20 fraction: 0.8 }
}
groups { name: "handlers" skills: "calls" }
roster {
  shifts { name: "day" group: "handlers" start: "00:00" length_minutes: 1440 headcount: 3 }
}
"""
TEXT_SWEEP = """\
name: "starts"
base: "tiny.textproto"
axes { name: "start" path: "roster.shifts[name=\\"day\\"].start"
       values: ["\\"12:00\\"", "\\"06:00\\"", "\\"09:00\\""] }
axes { name: "handlers" path: "roster.shifts[name=\\"day\\"].headcount" values: ["4", "2", "3"] }
points { label: "patient" set: "channels[0].patience={ exponential { mean_s: 600 } }" }
"""
STARTS = ['"12:00"', '"06:00"', '"09:00"']  # as given, not in alphabetical order


@pytest.fixture(scope="module")
def one_replication_sweep(fccsim_bin, tmp_path_factory):
    """TEXT_SWEEP with one replication a point: no confidence intervals."""
    folder = tmp_path_factory.mktemp("text_sweep")
    (folder / "tiny.textproto").write_text(TINY_SCENARIO, encoding="utf-8")
    (folder / "s.sweep").write_text(TEXT_SWEEP, encoding="utf-8")
    done = subprocess.run([fccsim_bin, "sweep", "s.sweep", "-o", "out", "--replications", "1"],
                          cwd=folder, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    sweep = load_sweep(folder / "out")
    assert sweep.channels["service_level_ci95"].isna().all()
    return sweep


def test_a_chart_without_confidence_intervals_has_no_bars(one_replication_sweep):
    for axis, measure in [("start", "service_level"), ("handlers", "average_answer_s"),
                          ("start", "occupancy")]:
        figure = against(one_replication_sweep, axis, measure)
        assert len(figure.axes[0].get_lines()) == 3, (axis, measure)  # drawn, one per line
        assert not figure.axes[0].collections, (axis, measure)  # without bars


def test_text_values_keep_the_sweeps_order_and_numbers_are_sorted(one_replication_sweep):
    # Against the start, a line per headcount: the starts along x as the sweep gives them,
    # the lines by headcount; the listed point (no start) not drawn.
    figure = against(one_replication_sweep, "start")
    ax = figure.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == STARTS
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        f"handlers={n}" for n in (2, 3, 4)]
    for line in ax.get_lines():
        assert list(line.get_xdata()) == STARTS
    # Against the headcount, a line per start: the headcounts along x in their order, the
    # lines in the sweep's order of the starts.
    figure = against(one_replication_sweep, "handlers")
    ax = figure.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        f"start={s}" for s in STARTS]
    for line in ax.get_lines():
        assert list(line.get_xdata()) == [2, 3, 4]


def test_the_report_of_a_sweep_of_text_with_one_replication(one_replication_sweep, tmp_path):
    out = tmp_path / "sweep.html"
    assert sweep_report_main([one_replication_sweep.folder, "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").count('<img src="data:image/png;base64,') == 4
