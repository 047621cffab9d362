"""fccsim.load_plan, the required-against-scheduled chart and scripts/plan_report.py, on plans
made by the built `fccsim plan`.

The plan's DataFrames and `fccsim plan --csv` are two readings of one file's schema
(model/plan/plan_output.h, fccsim/frames.py): every CSV header must equal its DataFrame's
columns and every cell its value.
"""

import csv
import html
import math
import re
import subprocess
import sys

import numpy as np
import pytest
from matplotlib.collections import PolyCollection

from conftest import plan_fccsim
from fccsim import PLAN_COMPLETE_MARKER, PlanError, load_plan, plots
from fccsim.plan import from_message, shortfall
from fccsim.plan_report import main as plan_report_main
from fccsim.plan_report import render_html
from fccsim.schema import plan_pb2

WEEK_OF_QUARTER_HOURS = 7 * 24 * 4
# CSV file: the Plan DataFrame holding the same table, and its message type.
TABLES = {
    "plan_channels.csv": ("channel_intervals", plan_pb2.ChannelRequirement),
    "plan_groups.csv": ("group_intervals", plan_pb2.GroupRequirement),
}
ONLY_IN_FRAMES = ["start_time"]  # derived from the index, for sorting and plotting

# One day of hours: a channel without a patience (Erlang C: no agents_erlang_a, an empty
# cell) and one with, both with hours of no demand ("nan" figures), names that CSV must quote
# and HTML escape, a break and shrinkage, so that scheduled falls short.
TINY_SCENARIO = r"""
name: "tiny <plan>"
horizon { days: 1 warm_up_hours: 1 interval_minutes: 60 }
channels {
  name: "calls, \"urgent\""
  priority: 1
  arrivals { weekly { contacts_per_week: 1680
    intraday_weights: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0] } }
  talk { exponential { mean_s: 180 } }
  target { answer_within_s: 20 fraction: 0.8 }
}
channels {
  name: "patient"
  priority: 2
  arrivals { weekly { contacts_per_week: 840
    intraday_weights: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0] } }
  talk { exponential { mean_s: 300 } }
  patience { exponential { mean_s: 120 } }
  target { max_average_answer_s: 30 }
}
groups { name: "handlers & co" skills: "calls, \"urgent\"" skills: "patient" }
roster {
  shifts { name: "day" group: "handlers & co" start: "06:00" length_minutes: 960 headcount: 3
    breaks { after_minutes: 360 length_minutes: 30 } }
  shrinkage: 0.2
}
"""


@pytest.fixture(scope="module")
def tiny_plan(fccsim_bin, tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny_plan")
    scenario = folder / "tiny.textproto"
    scenario.write_text(TINY_SCENARIO)
    return plan_fccsim(fccsim_bin, folder, scenario)


@pytest.fixture(params=["baseline_plan", "channels_plan", "tiny_plan"])
def made(request):
    """A plan made by fccsim (paths to plan.pb and csv/), each scenario in turn."""
    return request.getfixturevalue(request.param)


@pytest.fixture(params=["baseline_plan", "channels_plan"])
def week(request):
    """A plan of one of the GMP weeks: 7 days of 15-minute intervals."""
    return request.getfixturevalue(request.param)


def read_table(path):
    """(header, rows) of a CSV file, every cell as the text written."""
    with open(path, newline="", encoding="utf-8") as f:
        header, *rows = csv.reader(f)
    return header, rows


def optional_fields(message_type):
    """The fields whose absence plan_output.cc writes as an empty cell."""
    return {f.name for f in message_type.DESCRIPTOR.fields if f.has_presence}


def cell_holds(cell, value, optional):
    """Whether the CSV text `cell` is the DataFrame value `value`: an empty cell is an unset
    optional field (NaN), "nan" an undefined figure (NaN), numbers the shortest text that
    reads back as the same double, enums by name."""
    if isinstance(value, int):
        return cell == str(value)
    if isinstance(value, float):
        if cell == "":
            return optional and math.isnan(value)
        if cell == "nan":
            return math.isnan(value)
        return float(cell) == value  # exact: both sides hold the same double
    return cell == str(value)  # text, an enum name, a weekday (categorical)


def test_the_csv_tables_are_the_data_frames(made):
    plan = load_plan(made.plan)
    shifts = ["plan_shifts.csv"] if plan.shift_summary is not None else []
    assert sorted(p.name for p in made.csv.iterdir()) == sorted([*TABLES, *shifts])
    if shifts:
        header, rows = read_table(made.csv / "plan_shifts.csv")
        assert header == list(plan.shifts.columns)
        assert len(rows) == len(plan.shifts) > 0
        for row, expected in zip(rows, plan.shifts.astype(object).to_numpy()):
            for cell, value in zip(row, expected, strict=True):
                assert cell_holds(cell, value, False), (row, expected)
    for file, (attribute, message_type) in TABLES.items():
        frame = getattr(plan, attribute)
        header, rows = read_table(made.csv / file)
        assert header == [c for c in frame.columns if c not in ONLY_IN_FRAMES], file
        assert len(rows) == len(frame), file
        optional = optional_fields(message_type)
        values = frame[header].astype(object).to_numpy()  # Python int, float and str
        for i, (row, expected) in enumerate(zip(rows, values)):
            for column, cell, value in zip(header, row, expected, strict=True):
                assert cell_holds(cell, value, column in optional), \
                    f"{file} row {i + 1} column {column}: CSV {cell!r}, DataFrame {value!r}"


def test_the_tiny_plan_has_empty_and_nan_cells(tiny_plan):
    """So that unset optional fields and undefined figures are really compared above."""
    header, rows = read_table(tiny_plan.csv / "plan_channels.csv")
    column = {name: i for i, name in enumerate(header)}
    erlang_c = [r for r in rows if r[0] == 'calls, "urgent"']
    assert erlang_c and all(r[column["agents_erlang_a"]] == "" for r in erlang_c)
    assert any(r[column["service_level"]] == "nan" for r in rows)

    plan = load_plan(tiny_plan.plan)
    intervals = plan.channel_intervals
    patient = intervals["channel"] == "patient"
    assert intervals.loc[~patient, "agents_erlang_a"].isna().all()
    assert intervals.loc[patient, "agents_erlang_a"].notna().all()
    idle = intervals["binding"] == "no demand"
    assert idle.any() and (intervals.loc[idle, "agents"] == 0).all()
    assert intervals.loc[idle, ["service_level", "occupancy", "abandoned_fraction"]] \
        .isna().all().all()


def test_a_row_per_channel_and_group_and_interval(week):
    plan = load_plan(week.plan)
    assert (plan.interval_minutes, plan.days, plan.start_weekday) == (15, 7, "MONDAY")
    assert (plan.shrinkage, plan.max_occupancy) == (0.3, 1.0)
    assert plan.channel_names == [c.name for c in plan.raw.channels]
    assert plan.group_names == [g.name for g in plan.raw.groups]
    assert list(plan.channels.columns[:5]) == \
        ["channel", "kind", "method", "agent_hours", "peak_agents"]
    assert list(plan.groups.columns[:5]) == \
        ["group", "break_share", "required_hours", "scheduled_hours", "intervals_short"]
    for frame, key, names in ((plan.channel_intervals, "channel", plan.channel_names),
                              (plan.group_intervals, "group", plan.group_names)):
        assert len(frame) == len(names) * WEEK_OF_QUARTER_HOURS
        for name in names:
            rows = frame[frame[key] == name]
            assert rows["index"].tolist() == list(range(WEEK_OF_QUARTER_HOURS)), name
        minutes = frame["start_time"].dt.total_seconds() / 60
        assert (minutes == frame["index"] * 15).all()


def test_the_summaries_add_up_from_the_intervals(made):
    plan = load_plan(made.plan)
    hours = plan.interval_minutes / 60  # 0.25 h in the GMP weeks
    intervals = plan.channel_intervals.groupby("channel", sort=False)
    channels = plan.channels.set_index("channel")
    assert channels["agent_hours"].to_numpy() == \
        pytest.approx((intervals["agents"].sum() * hours).to_numpy(), rel=1e-12)
    assert (channels["peak_agents"] == intervals["agents"].max()).all()
    # Erlang A's agents with a patience, else Erlang C's (plan.proto).
    frame = plan.channel_intervals
    assert (frame["agents"] == frame["agents_erlang_a"].fillna(frame["agents_erlang_c"])).all()

    groups = plan.groups.set_index("group")
    by_group = shortfall(plan).groupby("group", sort=False)
    assert groups["required_hours"].to_numpy() == \
        pytest.approx((by_group["required_on_duty"].sum() * hours).to_numpy(), rel=1e-9)
    assert groups["scheduled_hours"].to_numpy() == \
        pytest.approx((by_group["scheduled_on_duty"].sum() * hours).to_numpy(), rel=1e-9)
    assert (groups["intervals_short"] == by_group["short"].sum()).all()


def test_chat_is_planned_on_sessions(channels_plan):
    channels = load_plan(channels_plan.plan).channels.set_index("channel")
    assert channels.loc["Live Chat", "kind"] == "CHAT"
    assert channels.loc["Live Chat", "method"] == "Erlang A on sessions (3 per handler)"
    assert (channels.loc[["999", "101"], "kind"] == "VOICE").all()


def refused(path):
    with pytest.raises(PlanError) as error:
        load_plan(path)
    assert str(path) in str(error.value)
    return str(error.value)


def bad_plan_files(made_plan, real_run, folder):
    """{what: path} of files load_plan must refuse, written into `folder`."""
    data = made_plan.plan.read_bytes()
    # The marker is serialised last, so a cut just before it leaves a file that parses.
    marker = plan_pb2.PlanResult(complete=PLAN_COMPLETE_MARKER).SerializeToString()
    assert data.endswith(marker)
    unmarked = load_plan(made_plan.plan).raw
    unmarked.ClearField("complete")
    files = {
        "missing": folder / "missing.pb",
        "empty": folder / "empty.pb",
        "half": folder / "half.pb",
        "cut in the marker": folder / "cut_in_marker.pb",
        "cut before the marker": folder / "cut_before_marker.pb",
        "no marker": folder / "unmarked.pb",
        "a results file": real_run.results,
    }
    files["empty"].write_bytes(b"")
    files["half"].write_bytes(data[: len(data) // 2])
    files["cut in the marker"].write_bytes(data[:-3])
    files["cut before the marker"].write_bytes(data[: -len(marker)])
    files["no marker"].write_bytes(unmarked.SerializeToString())
    return files


def test_missing_truncated_and_unmarked_plans_are_refused(baseline_plan, real_run, tmp_path):
    files = bad_plan_files(baseline_plan, real_run, tmp_path)
    assert "cannot open" in refused(files["missing"])
    assert "empty" in refused(files["empty"])
    refused(files["half"])
    refused(files["cut in the marker"])
    assert "no completion marker" in refused(files["cut before the marker"])
    assert "no completion marker" in refused(files["no marker"])
    refused(files["a results file"])


def test_required_vs_scheduled_draws_a_panel_per_group_shaded_where_short(channels_plan):
    plan = load_plan(channels_plan.plan)
    figure = plots.required_vs_scheduled(plan)
    assert plots.planned_shifts(plan) is None  # no shift patterns: no shift chart
    assert len(figure.axes) == len(plan.group_names)
    for ax, group in zip(figure.axes, plan.groups.itertuples()):
        assert ax.get_ylabel() == group.group
        assert len(ax.lines) == 2
        assert any(isinstance(c, PolyCollection) for c in ax.collections)
        labels = [t.get_text() for t in ax.get_legend().get_texts()]
        assert f"short: {group.intervals_short} of {WEEK_OF_QUARTER_HOURS}" in labels


def plan_report(repo, *args):
    return subprocess.run(
        [sys.executable, str(repo / "scripts" / "plan_report.py"), *map(str, args)],
        capture_output=True, text=True, timeout=300, check=False)


def table_rows(fragment):
    """The body rows of the tables in an HTML fragment, each as its cells' text."""
    return [[html.unescape(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", fragment) if "<td" in row]


def section(page, heading):
    """The page from the <h2> `heading` to the next <h2>."""
    return page.split(f"<h2>{heading}</h2>")[1].split("<h2>")[0]


def test_the_report_shows_the_tables_one_chart_and_the_note(channels_plan, tmp_path):
    out = tmp_path / "plan.html"
    # In-process: starting Python and matplotlib again would double the time; the script's
    # own exit status is tested with a bad file below.
    assert plan_report_main([str(channels_plan.plan), "-o", str(out)]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["plan.html"]  # no temporary left
    page = out.read_text(encoding="utf-8")
    plan = load_plan(channels_plan.plan)

    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert page.count('<img src="data:image/png;base64,') == 1
    assert "queue in steady state" in page and "Staffing requirements" in page

    channels = table_rows(section(page, "Channels"))
    assert [(r[0], r[1], r[2], r[4], r[5]) for r in channels] == [
        (c.channel, c.kind.title(), c.method, f"{c.agent_hours:,.1f}", str(c.peak_agents))
        for c in plan.channels.itertuples()]
    groups = table_rows(section(page, "Handler groups"))
    assert [(r[0], r[1], r[2], r[4]) for r in groups] == [
        (g.group, f"{g.required_hours:,.1f}", f"{g.scheduled_hours:,.1f}",
         f"{g.intervals_short} of {WEEK_OF_QUARTER_HOURS} "
         f"({g.intervals_short / WEEK_OF_QUARTER_HOURS:.0%})")
        for g in plan.groups.itertuples()]


def test_a_plan_by_simulation_has_its_section_and_columns(fccsim_bin, tmp_path):
    made = plan_fccsim(fccsim_bin, tmp_path, "scenarios/erlang_a.textproto", "--simulate",
                       "--replications", "3")
    plan = load_plan(made.plan)
    sim = plan.raw.simulation
    assert sim.replications == 3 and sim.simulations >= 1 and sim.converged
    # Every channel-interval meets the target at the staffing found (erlang_a: 80% in 20 s).
    assert (plan.channel_intervals["simulated_service_level"] >= 0.8).all()
    hours = (plan.group_intervals["simulated_on_duty"] * plan.interval_minutes / 60).sum()
    assert plan.groups["simulated_hours"].sum() == pytest.approx(hours)
    out = tmp_path / "plan.html"
    assert plan_report_main([str(made.plan), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert sim.confidence == 0.5
    assert "targets judged by the estimate" in section(page, "Staffing by simulation")
    rows = table_rows(section(page, "Staffing by simulation"))
    assert [(r[0], r[2]) for r in rows] == [
        (g.group, f"{g.simulated_hours:,.1f}") for g in plan.groups.itertuples()]


def test_the_shift_plan_covers_its_need_and_adds_up(baseline_plan, tmp_path):
    """gmp_baseline has shift patterns: its plan carries the roster chosen, whose shifts add
    up to the plan's cost and paid hours and give every planned group at least its need in
    every interval; the report shows it, with the shift chart."""
    plan = load_plan(baseline_plan.plan)
    summary = plan.shift_summary
    assert summary is not None and summary["proven_optimal"] and summary["status"] == "optimal"
    assert summary["requirement"] == "analytic" and summary["solves"] == 1
    shifts = plan.shifts
    assert (shifts["headcount"] > 0).all()
    assert shifts["cost"].sum() == pytest.approx(summary["cost"])
    paid = (shifts["headcount"] * shifts["length_minutes"] / 60).sum()
    assert paid == pytest.approx(summary["paid_hours_per_week"])
    assert summary["fte"] == pytest.approx(paid / plan.raw.scenario.planning.hours_per_fte)
    planned = plan.group_intervals[plan.group_intervals["group"].isin(set(shifts["group"]))]
    assert len(planned) == 3 * WEEK_OF_QUARTER_HOURS
    assert (planned["planned_present"] >= planned["planned_need"]).all()
    # The need is the analytic requirement on duty, grossed up for shrinkage.
    gross = np.ceil(planned["required_on_duty"] / (1 - plan.shrinkage) - 1e-9)
    assert (planned["planned_need"] == gross).all()
    out = tmp_path / "plan.html"
    assert plan_report_main([str(baseline_plan.plan), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.count('<img src="data:image/png;base64,') == 2
    rows = table_rows(section(page, "Shift plan"))
    by_pattern = shifts.groupby("pattern", sort=False)["headcount"].sum()
    assert [(r[0], int(r[2])) for r in rows] == list(by_pattern.items())
    assert "not verified by simulation" in section(page, "Shift plan")
    fig = plots.planned_shifts(plan)
    assert len(fig.axes) == 2 * 3  # two panels per planned group


SHIFT_SCENARIO = """\
name: "shifts"
horizon { days: 1 interval_minutes: 60 warm_up_hours: 2 }
channels {
  name: "calls"
  arrivals { weekly { contacts_per_week: 4200
                      intraday_weights: [1, 1, 1, 1, 1, 1, 2, 3, 4, 4, 4, 4,
                                         4, 4, 4, 4, 4, 4, 3, 3, 2, 2, 1, 1] } }
  talk { exponential { mean_s: 240 } }
  target { answer_within_s: 20 fraction: 0.8 }
}
groups { name: "handlers" skills: "calls" }
roster {
  shifts { name: "early" group: "handlers" start: "06:00" length_minutes: 480 headcount: EARLY }
  shifts { name: "late" group: "handlers" start: "14:00" length_minutes: 480 headcount: LATE }
  shifts { group: "handlers" start: "22:00" length_minutes: 480 headcount: NIGHT }
  shrinkage: 0.3
}
planning {
  patterns { name: "day" group: "handlers" earliest_start: "05:00" latest_start: "16:00"
             length_minutes: 480 }
  patterns { name: "night" group: "handlers" earliest_start: "21:00" latest_start: "23:00"
             length_minutes: 480 }
}
"""


def shift_scenario(early, late, night):
    """SHIFT_SCENARIO with these headcounts on the roster's shifts."""
    return (SHIFT_SCENARIO.replace("EARLY", str(early)).replace("LATE", str(late))
            .replace("NIGHT", str(night)))


def test_a_roster_topped_up_with_nothing_added_runs_as_the_roster(fccsim_bin, tmp_path):
    """A roster that meets every target is topped up with nothing; written out, its shifts
    (one per weekday, names kept, one of them unnamed) run exactly as the scenario's own:
    the same absences, the same callers, the same figures."""
    scenario = tmp_path / "generous.textproto"
    scenario.write_text(shift_scenario(15, 15, 8), encoding="utf-8")
    roster = tmp_path / "roster"
    made = plan_fccsim(fccsim_bin, tmp_path, scenario, "--simulate", "--replications", "3",
                       "--roster", str(roster))
    summary = load_plan(made.plan).shift_summary
    assert summary["topped_up_verified"] and summary["topped_up_added_paid_hours_per_week"] == 0
    tables = []
    for name, path in (("own", scenario), ("topped", roster / "topped_up.textproto")):
        done = subprocess.run([fccsim_bin, "run", str(path), "-o", str(tmp_path / f"{name}.pb"),
                               "--replications", "3", "--csv", str(tmp_path / name)],
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        tables.append([(tmp_path / name / f).read_bytes()
                       for f in ("channel_intervals.csv", "group_intervals.csv")])
    assert tables[0] == tables[1]


def test_a_verified_shift_plan_has_the_roster_topped_up_beside_it(fccsim_bin, tmp_path):
    """With --simulate, the plan carries the scenario's own shifts topped up to meet the same
    targets: never fewer handlers on a shift than the roster's, its added hours adding up,
    and the report says what the plan saves against it."""
    scenario = tmp_path / "shifts.textproto"
    scenario.write_text(shift_scenario(4, 4, 1), encoding="utf-8")
    made = plan_fccsim(fccsim_bin, tmp_path, scenario, "--simulate", "--replications", "3")
    plan = load_plan(made.plan)
    summary = plan.shift_summary
    assert summary["verified"] and summary["topped_up_verified"]
    assert summary["topped_up_solves"] >= 1
    # (4 + 4 + 1) x 8 h on the one day, and the night of the day before reaching into it
    assert summary["roster_paid_hours_per_week"] == 80
    assert summary["topped_up_added_paid_hours_per_week"] > 0
    assert summary["topped_up_status"] == "optimal" and summary["topped_up_proven_optimal"]
    assert summary["topped_up_added_paid_hours_per_week"] == pytest.approx(
        summary["topped_up_paid_hours_per_week"] - summary["roster_paid_hours_per_week"])
    shifts = plan.raw.shifts.topped_up.shifts
    roster = {s.name: s.headcount for s in plan.raw.scenario.roster.shifts}
    assert sum(s.added * s.shift.length_minutes / 60 for s in shifts) == pytest.approx(
        summary["topped_up_added_paid_hours_per_week"])
    assert sum(s.shift.headcount * s.shift.length_minutes / 60 for s in shifts) == pytest.approx(
        summary["topped_up_paid_hours_per_week"])
    for s in shifts:  # every shift keeps its own handlers, and its name
        assert s.shift.headcount == roster[s.shift.name] + s.added
    out = tmp_path / "plan.html"
    assert plan_report_main([str(made.plan), "-o", str(out)]) == 0
    text = section(out.read_text(encoding="utf-8"), "Shift plan")
    saved = summary["topped_up_paid_hours_per_week"] - summary["paid_hours_per_week"]
    word = "saves" if saved >= 0 else "costs"
    assert f"the plan {word} {abs(saved):,.1f} h a week against it" in text


def test_a_shift_plan_without_shifts_has_its_section_and_no_chart(baseline_plan):
    """A planned group may need nobody: the programme then plans no shift, and the report
    says so without a chart."""
    raw = load_plan(baseline_plan.plan).raw
    del raw.shifts.planned[:]
    plan = from_message(raw)
    assert plan.shifts.empty and plots.planned_shifts(plan) is None
    page = render_html(plan)
    assert "<h2>Shift plan</h2>" in page
    assert page.count('<img src="data:image/png;base64,') == 1


def test_names_from_the_plan_are_escaped_in_the_report(tiny_plan):
    page = render_html(load_plan(tiny_plan.plan))
    assert "tiny &lt;plan&gt;" in page and "<plan>" not in page
    assert "calls, &quot;urgent&quot;" in page and "handlers &amp; co" in page


def test_bad_plan_files_exit_2_and_write_nothing(repo, baseline_plan, real_run, tmp_path,
                                                capsys):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "plan.html"
    files = bad_plan_files(baseline_plan, real_run, tmp_path)
    # In-process, as starting Python for each file would take seconds; the script itself is
    # run below. The reasons for refusing are load_plan's, tested above.
    for what in ("missing", "half", "cut in the marker", "cut before the marker", "no marker"):
        assert plan_report_main([str(files[what]), "-o", str(out)]) == 2, what
        assert str(files[what]) in capsys.readouterr().err, what
        assert list(out_dir.iterdir()) == [], what

    out.write_text("the previous page")
    done = plan_report(repo, files["half"], "-o", out)
    assert done.returncode == 2 and str(files["half"]) in done.stderr
    assert out.read_text() == "the previous page"
    assert list(out_dir.iterdir()) == [out]

    missing_folder = tmp_path / "no such folder" / "p.html"
    assert plan_report_main([str(baseline_plan.plan), "-o", str(missing_folder)]) == 2
    assert "does not exist" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        plan_report_main([str(baseline_plan.plan)])  # -o is required
    assert exit_.value.code == 2
