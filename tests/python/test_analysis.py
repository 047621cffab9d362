"""fccsim.analysis: the per-interval target judgement the plots and report rely on."""

import math

from fccsim import COMPLETE_MARKER, analysis
from fccsim.results import from_message
from fccsim.schema import results_pb2, scenario_pb2


def one_channel_run(service_levels, asas, max_asa_s):
    r = results_pb2.RunResult(interval_minutes=60, days=1, complete=COMPLETE_MARKER)
    channel = r.channels.add(name="101")
    channel.summary.target_fraction = 0.8
    channel.summary.target_answer_within_s = 180
    channel.summary.target_max_average_answer_s = max_asa_s
    for i, (level, asa) in enumerate(zip(service_levels, asas)):
        interval = channel.intervals.add(index=i, day=0, weekday=scenario_pb2.MONDAY,
                                         start=f"{i:02d}:00")
        interval.offered.mean = 10 + i
        interval.service_level.mean = level
        interval.average_answer_s.mean = asa
    return from_message(r)


def test_an_interval_meets_the_target_at_the_fraction_and_within_the_maximum_asa():
    run = one_channel_run([0.8, 0.79, 0.95, math.nan], [10, 10, 90, 0], max_asa_s=60)
    meets = analysis.intervals_with_targets(run)["meets_target"]
    assert meets.iloc[:3].tolist() == [True, False, False]  # the third: ASA over 60 s
    assert meets.isna().tolist() == [False, False, False, True]  # undefined service level


def test_without_a_maximum_asa_only_the_service_level_counts():
    run = one_channel_run([0.9], [1000], max_asa_s=0)
    assert analysis.intervals_with_targets(run)["meets_target"].tolist() == [True]


def test_busiest_intervals_come_first_and_the_grid_has_one_cell_per_interval():
    run = one_channel_run([0.9, 0.5, 0.7], [1, 2, 3], max_asa_s=0)
    assert analysis.busiest_intervals(run, n=2)["start"].tolist() == ["02:00", "01:00"]
    grid = analysis.weekday_time_grid(run, "101")
    assert grid.index.tolist() == ["MONDAY"]
    assert grid.loc["MONDAY"].tolist() == [0.9, 0.5, 0.7]
    counts = analysis.failing_interval_counts(run)
    assert (counts["intervals"].tolist(), counts["missing_target"].tolist()) == ([3], [2])
