"""fccsim.load_results: every field arrives in the DataFrames; bad files are refused."""

import math
import os

import numpy as np
import pandas as pd
import pytest

from fccsim import COMPLETE_MARKER, ResultsError, load_results
from fccsim.results import from_message
from fccsim.schema import results_pb2, scenario_pb2

# The columns promised to users (README, notebooks); the schema may add more.
SUMMARY_COLUMNS = [
    "channel", "offered", "offered_ci95", "answered", "answered_ci95", "abandoned",
    "abandoned_ci95", "short_abandoned", "short_abandoned_ci95", "in_service_at_end",
    "in_service_at_end_ci95", "waiting_at_end", "waiting_at_end_ci95", "abandoned_fraction",
    "abandoned_fraction_ci95", "service_level", "service_level_ci95",
    "service_level_at_10s", "service_level_at_10s_ci95", "service_level_at_20s",
    "service_level_at_20s_ci95", "service_level_at_60s", "service_level_at_60s_ci95",
    "service_level_at_180s", "service_level_at_180s_ci95", "service_level_at_300s",
    "service_level_at_300s_ci95", "average_answer_s", "average_answer_s_ci95", "wait_p50_s",
    "wait_p50_s_ci95", "wait_p90_s", "wait_p90_s_ci95", "wait_p95_s", "wait_p95_s_ci95",
    "wait_max_s", "wait_max_s_ci95", "answered_under_10s", "answered_under_10s_ci95",
    "answered_10_to_60s", "answered_10_to_60s_ci95", "answered_60s_or_more",
    "answered_60s_or_more_ci95", "intervals_meeting_target", "intervals_meeting_target_ci95",
    "target_answer_within_s", "target_fraction", "target_max_average_answer_s", "target_met",
    "target_verdict", "probability_target_met", "probability_target_met_ci95_lower",
    "probability_target_met_ci95_upper", "probability_target_met_successes",
    "probability_target_met_trials",
]
INTERVAL_COLUMNS = [
    "channel", "index", "day", "weekday", "start", "start_time", "offered", "offered_ci95",
    "answered", "answered_ci95", "service_level", "service_level_ci95", "average_answer_s",
    "average_answer_s_ci95", "mean_queue_length", "mean_queue_length_ci95", "short_abandoned",
    "short_abandoned_ci95", "abandoned", "abandoned_ci95", "abandoned_fraction",
    "abandoned_fraction_ci95",
]
# Per replication, the triage and chat measures of a channel or group (by the nested measure
# message they come from): NaN where the channel or group has none.
REPLICATION_MEASURES = {
    "triage": ["flagged", "triaged", "fallback", "diverted", "deployments",
               "deployments_averted", "practitioner_wait_s"],
    "chat": ["session_s"],
}
GROUP_REPLICATION_MEASURES = {"chat": ["chat_concurrency", "chat_capacity_used"]}
REPLICATION_COLUMNS = [
    "channel", "replication", "offered", "answered", "abandoned", "short_abandoned",
    "abandoned_fraction", "service_level", "average_answer_s", "wait_p90_s", "target_met",
    *REPLICATION_MEASURES["triage"], *REPLICATION_MEASURES["chat"],
]
CHAT_GROUP_COLUMNS = ["chat_max_sessions", "chat_sessions", "chat_sessions_ci95",
                      "chat_concurrency", "chat_concurrency_ci95", "chat_capacity_used",
                      "chat_capacity_used_ci95"]
GROUP_COLUMNS = ["group", "occupancy", "occupancy_ci95", "mean_handlers_online",
                 "mean_handlers_online_ci95", *CHAT_GROUP_COLUMNS]
GROUP_INTERVAL_COLUMNS = ["group", "index", "occupancy", "occupancy_ci95", "handlers_online",
                          "handlers_online_ci95", "day", "weekday", "start", "start_time",
                          "handlers_busy", "handlers_busy_ci95", *CHAT_GROUP_COLUMNS]
GROUP_REPLICATION_COLUMNS = ["group", "replication", "occupancy", "mean_handlers_online",
                             *GROUP_REPLICATION_MEASURES["chat"]]
THRESHOLDS_S = [10, 20, 60, 180, 300]
ESTIMATE = results_pb2.Estimate.DESCRIPTOR.full_name
SERVICE_LEVEL_AT = results_pb2.ServiceLevelAt.DESCRIPTOR.full_name
PROBABILITY = results_pb2.Probability.DESCRIPTOR.full_name
# The nested messages of measures that a channel or group has only when the measure applies
# to it, each flattened into `<field>_<measure>` columns.
MEASURE_GROUPS = {results_pb2.TriageMeasures.DESCRIPTOR.full_name,
                  results_pb2.ChatMeasures.DESCRIPTOR.full_name,
                  results_pb2.ChatConcurrency.DESCRIPTOR.full_name}


def in_order(columns, expected):
    """`expected` appear in `columns`, in the same order (others may sit between them)."""
    positions = [columns.index(c) if c in columns else -1 for c in expected]
    return -1 not in positions and positions == sorted(positions)


class Numbers:
    """Distinct values, so a value read into the wrong column cannot go unnoticed."""

    def __init__(self):
        self.next = 0.0

    def __call__(self):
        self.next += 1.0
        return self.next + 0.125


def fill_measures(message, numbers, with_ci=True, nested=()):
    """Sets every Estimate field of `message` (mean, and ci95 when with_ci), fills every list
    of service levels at THRESHOLDS_S, and sets every field of the nested measure messages
    named in `nested` ("triage", "chat"): the others stay absent, as a channel without
    triage or a group without chat has them. Whole numbers in them get distinct integers."""
    def fill(estimate):
        estimate.mean = numbers()
        if with_ci:
            estimate.ci95_half_width = numbers()

    for field in message.DESCRIPTOR.fields:
        kind = field.message_type.full_name if field.message_type is not None else None
        if kind == ESTIMATE and field.label != field.LABEL_REPEATED:
            fill(getattr(message, field.name))
        elif kind in MEASURE_GROUPS and field.name in nested:
            group = getattr(message, field.name)
            group.SetInParent()  # present even if it had only scalars left at zero
            fill_measures(group, numbers, with_ci)
            for sub in group.DESCRIPTOR.fields:
                if sub.message_type is None:
                    setattr(group, sub.name, int(numbers()))
        elif kind == SERVICE_LEVEL_AT:
            for t in THRESHOLDS_S:
                fill(getattr(message, field.name).add(threshold_s=t).fraction)


def fill_replication_measures(replication, numbers, measures, nested):
    """Sets a replication's triage and chat `measures`: numbers for those of the nested
    messages the channel or group has (`nested`), NaN for the others, as fccsim writes them."""
    for group, names in measures.items():
        for name in names:
            setattr(replication, name, numbers() if group in nested else math.nan)


def interval_time(i):
    """index, day, weekday and start of the i-th half hour of a run starting on a Saturday."""
    return dict(index=i, day=i // 48, weekday=scenario_pb2.SATURDAY + i // 48,
                start=f"{i % 48 // 2:02d}:{30 * (i % 2):02d}")


# (name, kind, nested measures) of the channels of full_result(), and (name, nested measures)
# of its groups.
CHANNELS = [("999", scenario_pb2.VOICE, ("triage",)),
            ("101, \"quoted\"", scenario_pb2.VOICE, ("triage",)),
            ("Live Chat", scenario_pb2.CHAT, ("chat",))]
GROUPS = [("999 only", ()), ("dual", ()), ("digital desk", ("chat",))]


def full_result():
    """A RunResult with every field of every results message set (the scenario as well):
    999 and 101 with triage, a Live Chat channel with chat measures, and a digital desk
    group with chat concurrency; the second channel and group have no confidence intervals
    (one replication's worth)."""
    numbers = Numbers()
    r = results_pb2.RunResult(software_version="9.8.7", scenario_path="somewhere/s.textproto",
                              seed=2**63 + 5, replications=7, interval_minutes=30, days=2,
                              start_weekday=scenario_pb2.SATURDAY,
                              overrides=["run.seed=3", 'channels[name="x"].name=y'],
                              interrupted=True, replications_asked=12)
    r.scenario.name = "round trip"
    verdicts = [results_pb2.TARGET_NOT_SETTLED, results_pb2.TARGET_MISSED,
                results_pb2.TARGET_MET]
    for c, (name, kind, nested) in enumerate(CHANNELS):
        channel = r.channels.add(name=name, kind=kind)
        s = channel.summary
        fill_measures(s, numbers, with_ci=(c != 1), nested=nested)  # 1: no CIs
        s.target_answer_within_s = numbers()
        s.target_fraction = 0.9
        s.target_max_average_answer_s = numbers()
        s.target_met = c == 0
        s.target_verdict = verdicts[c]
        s.probability_target_met.CopyFrom(results_pb2.Probability(
            estimate=(5 - c) / 7, successes=5 - c, trials=7, ci95_lower=numbers() / 100,
            ci95_upper=1 - numbers() / 100))
        for i in range(2 * 48):
            interval = channel.intervals.add(**interval_time(i))
            fill_measures(interval, numbers, with_ci=(c != 1), nested=nested)
        for k in range(7):
            replication = channel.replications.add(
                replication=k, offered=numbers(), answered=numbers(), abandoned=numbers(),
                short_abandoned=numbers(), abandoned_fraction=numbers() / 1000,
                service_level=numbers() / 1000, average_answer_s=numbers(),
                wait_p90_s=numbers(), target_met=k % 2 == 0)
            fill_replication_measures(replication, numbers, REPLICATION_MEASURES, nested)
    for g, (name, nested) in enumerate(GROUPS):
        group = r.groups.add(name=name)
        fill_measures(group, numbers, with_ci=(g != 1), nested=nested)
        for i in range(2 * 48):
            fill_measures(group.intervals.add(**interval_time(i)), numbers, with_ci=(g != 1),
                          nested=nested)
        for k in range(7):
            replication = group.replications.add(replication=k, occupancy=numbers() / 1000,
                                                 mean_handlers_online=numbers())
            fill_replication_measures(replication, numbers, GROUP_REPLICATION_MEASURES, nested)
    r.complete = COMPLETE_MARKER
    return r


def unset_fields(message, path="RunResult"):
    """Paths of the fields of results messages left at their defaults in every element of
    the lists holding them (the scenario is the input schema's and is not walked)."""
    missing = []
    for field in message.DESCRIPTOR.fields:
        where = f"{path}.{field.name}"
        if field.label == field.LABEL_REPEATED:
            values = getattr(message, field.name)
            if not values:
                missing.append(where)
            elif field.message_type is not None:  # unset only if unset in every element
                per_element = [set(unset_fields(v, where + "[]")) for v in values]
                missing += sorted(set.intersection(*per_element))
        elif field.message_type is not None:
            if not message.HasField(field.name):
                missing.append(where)
            elif field.message_type.full_name != "fccsim.Scenario":
                missing += unset_fields(getattr(message, field.name), where)
        elif getattr(message, field.name) == field.default_value and field.type != field.TYPE_BOOL:
            missing.append(where)
    return missing


def test_the_round_trip_message_sets_every_field_of_the_schema():
    assert unset_fields(full_result()) == [], (
        "results.proto has fields the round-trip test does not set: set them in "
        "full_result() and check they reach the DataFrames")


def ci(estimate):
    return estimate.ci95_half_width if estimate.HasField("ci95_half_width") else math.nan


def same(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == b


def same_value(a, b):
    """Equal, or both NaN (a measure that does not apply)."""
    return same(a, b) if isinstance(b, float) else a == b


def test_round_trip_of_every_field_reaches_the_data_frames(tmp_path):
    message = full_result()
    path = tmp_path / "results.pb"
    data = message.SerializeToString()
    assert data.endswith(COMPLETE_MARKER.encode()), "the marker must be serialised last"
    path.write_bytes(data)

    run = load_results(path)

    # By bytes: the NaN measures of replications without triage or chat make == false.
    assert run.raw.SerializeToString(deterministic=True) == \
        message.SerializeToString(deterministic=True)
    assert (run.path, run.scenario_name, run.scenario_path, run.version) == \
        (str(path), "round trip", "somewhere/s.textproto", "9.8.7")
    assert run.overrides == ["run.seed=3", 'channels[name="x"].name=y']
    assert (run.interrupted, run.replications_asked) == (True, 12)
    assert (run.seed, run.replications, run.interval_minutes, run.days, run.start_weekday) == \
        (2**63 + 5, 7, 30, 2, "SATURDAY")
    for frame, expected in ((run.summary, SUMMARY_COLUMNS), (run.intervals, INTERVAL_COLUMNS),
                            (run.channel_replications, REPLICATION_COLUMNS),
                            (run.groups, GROUP_COLUMNS),
                            (run.group_intervals, GROUP_INTERVAL_COLUMNS),
                            (run.group_replications, GROUP_REPLICATION_COLUMNS)):
        assert in_order(list(frame.columns), expected), list(frame.columns)
    assert run.channels == [name for name, _, _ in CHANNELS]
    assert run.group_names == [name for name, _ in GROUPS]
    assert run.chat_channels == ["Live Chat"]
    assert run.chat_groups == ["digital desk"]
    assert run.summary["target_met"].dtype == bool
    assert run.channel_replications["target_met"].dtype == bool
    assert run.summary["target_verdict"].tolist() == [
        "TARGET_NOT_SETTLED", "TARGET_MISSED", "TARGET_MET"]
    assert run.summary["probability_target_met"].tolist() == [5 / 7, 4 / 7, 3 / 7]
    assert run.summary["probability_target_met_successes"].tolist() == [5, 4, 3]
    assert run.summary["probability_target_met_trials"].tolist() == [7, 7, 7]
    assert run.summary["offered_ci95"].isna().tolist() == [False, True, False]
    assert list(run.intervals["weekday"].cat.categories) == [
        "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"]

    summaries = run.summary.to_dict("records")
    assert len(summaries) == len(message.channels)
    for channel, row in zip(message.channels, summaries):
        assert row["channel"] == channel.name
        assert_row_holds(row, channel.summary)

    rows = run.intervals.to_dict("records")
    expected = [(c, i) for c in message.channels for i in c.intervals]
    assert len(rows) == len(expected)
    for row, (channel, interval) in zip(rows, expected):
        assert row["channel"] == channel.name
        assert row["start_time"] == pd.Timedelta(minutes=30 * interval.index)
        assert_row_holds(row, interval)

    groups = run.groups.to_dict("records")
    assert len(groups) == len(message.groups)
    for group, row in zip(message.groups, groups):
        assert row["group"] == group.name
        assert_row_holds(row, group)

    rows = run.group_intervals.to_dict("records")
    expected = [(g, i) for g in message.groups for i in g.intervals]
    assert len(rows) == len(expected)
    for row, (group, interval) in zip(rows, expected):
        assert row["group"] == group.name
        assert row["start_time"] == pd.Timedelta(minutes=30 * interval.index)
        assert_row_holds(row, interval)

    for frame, leading, owners in ((run.channel_replications, "channel", message.channels),
                                   (run.group_replications, "group", message.groups)):
        rows = frame.to_dict("records")
        expected = [(o, r) for o in owners for r in o.replications]
        assert len(rows) == len(expected) == 7 * len(owners)
        for row, (owner, replication) in zip(rows, expected):
            assert row[leading] == owner.name
            assert_row_holds(row, replication)


def assert_row_holds(row, message):
    """Every field of `message` is in `row` under its documented column name."""
    for field in message.DESCRIPTOR.fields:
        value = getattr(message, field.name)
        kind = field.message_type.full_name if field.message_type is not None else None
        if field.label == field.LABEL_REPEATED and kind != SERVICE_LEVEL_AT:
            continue  # a list with a frame of its own
        if kind == PROBABILITY:
            for suffix, part in (("", value.estimate), ("_ci95_lower", value.ci95_lower),
                                 ("_ci95_upper", value.ci95_upper),
                                 ("_successes", value.successes), ("_trials", value.trials)):
                assert row[field.name + suffix] == part, field.name + suffix
        elif kind == SERVICE_LEVEL_AT:
            for at in value:
                column = f"service_level_at_{at.threshold_s:g}s"
                assert row[column] == at.fraction.mean, column
                assert same(row[column + "_ci95"], ci(at.fraction)), column
        elif kind == ESTIMATE:
            assert row[field.name] == value.mean, field.name
            assert same(row[field.name + "_ci95"], ci(value)), field.name
        elif kind in MEASURE_GROUPS:
            assert_measure_group_holds(row, message, field)
        elif kind is None and field.name != "name":
            if field.enum_type is not None:
                value = field.enum_type.values_by_number[value].name
            assert same_value(row[field.name], value), field.name


def assert_measure_group_holds(row, message, field):
    """The nested measure message `field` of `message` is in `row` as `<field>_<measure>`
    (and `_ci95` for an Estimate), or as NaN in every such column where it is absent."""
    present = message.HasField(field.name)
    value = getattr(message, field.name)
    for sub in field.message_type.fields:
        column = f"{field.name}_{sub.name}"
        is_estimate = sub.message_type is not None
        columns = [column, column + "_ci95"] if is_estimate else [column]
        if not present:
            assert all(math.isnan(row[c]) for c in columns), column
        elif is_estimate:
            assert row[column] == getattr(value, sub.name).mean, column
            assert same(row[column + "_ci95"], ci(getattr(value, sub.name))), column
        else:
            assert row[column] == getattr(value, sub.name), column


def test_group_intervals_have_day_weekday_and_start_as_channel_intervals_have_them(tmp_path):
    path = tmp_path / "results.pb"
    path.write_bytes(full_result().SerializeToString())
    run = load_results(path)
    keys = ["index", "day", "weekday", "start", "start_time"]
    channel = run.intervals[run.intervals["channel"] == "999"][keys].reset_index(drop=True)
    for group in run.group_names:
        times = run.group_intervals[run.group_intervals["group"] == group][keys]
        pd.testing.assert_frame_equal(times.reset_index(drop=True), channel)


def test_interval_day_weekday_and_start_are_read_from_the_file_not_derived():
    """The file is the one source: a start the index would not give is kept as written
    (start_time alone is computed, from the index)."""
    r = results_pb2.RunResult(interval_minutes=60, days=7, complete=COMPLETE_MARKER)
    r.channels.add(name="101").intervals.add(index=1, day=5, weekday=scenario_pb2.WEDNESDAY,
                                             start="12:34")
    r.groups.add(name="g").intervals.add(index=1, day=5, weekday=scenario_pb2.WEDNESDAY,
                                         start="12:34")
    run = from_message(r)
    for frame in (run.intervals, run.group_intervals):
        row = frame.iloc[0]
        assert (row["day"], row["weekday"], row["start"]) == (5, "WEDNESDAY", "12:34")
        assert row["start_time"] == pd.Timedelta(hours=1)


def test_files_from_before_a_measure_existed_read_it_as_unknown():
    """A file written before interval abandoned (field 22) and group interval keys existed:
    the absent measure is NaN, not 0, and the group interval's day, weekday and start are
    derived from its index as they used to be."""
    r = results_pb2.RunResult(interval_minutes=60, days=2, start_weekday=scenario_pb2.SATURDAY,
                              complete=COMPLETE_MARKER)
    old = r.channels.add(name="101").intervals.add(index=0)
    old.offered.mean = 12.0
    r.groups.add(name="g").intervals.add(index=25).occupancy.mean = 0.5
    run = from_message(r)
    row = run.intervals.iloc[0]
    assert row["offered"] == 12.0
    assert math.isnan(row["abandoned"]) and math.isnan(row["abandoned_fraction"])
    group = run.group_intervals.iloc[0]
    assert (group["day"], group["weekday"], group["start"]) == (1, "SUNDAY", "01:00")


def test_an_absent_probability_reads_as_unknown_not_as_zero():
    """A file written before probability_target_met existed: NaN, and no trials."""
    r = results_pb2.RunResult(complete=COMPLETE_MARKER)
    r.channels.add(name="999").summary.target_fraction = 0.9
    row = from_message(r).summary.iloc[0]
    assert math.isnan(row["probability_target_met"])
    assert math.isnan(row["probability_target_met_ci95_lower"])
    assert math.isnan(row["probability_target_met_ci95_upper"])
    assert (row["probability_target_met_successes"], row["probability_target_met_trials"]) == \
        (0, 0)
    assert row["target_verdict"] == "TARGET_NOT_JUDGED"


def test_a_real_run_loads_with_a_row_per_replication(real_run):
    run = load_results(real_run.results)
    assert (run.scenario_name, run.replications, run.days, run.interval_minutes) == \
        ("gmp_baseline", 2, 7, 15)
    assert run.channels == ["999", "101"]
    assert run.channel_replications["channel"].tolist() == ["999", "999", "101", "101"]
    assert run.channel_replications["replication"].tolist() == [0, 1, 0, 1]
    assert len(run.group_replications) == 2 * len(run.group_names)
    assert set(run.summary["target_verdict"]) <= {
        "TARGET_MET", "TARGET_MISSED", "TARGET_NOT_SETTLED", "TARGET_NOT_JUDGED"}
    assert (run.summary["probability_target_met_trials"] == 2).all()
    # The probability is the share of replications meeting the target, as they say.
    met = run.channel_replications.groupby("channel", sort=False)["target_met"].sum()
    assert met.tolist() == run.summary["probability_target_met_successes"].tolist()
    assert (run.intervals["abandoned_fraction"].dropna().between(0, 1)).all()


def refused(path):
    with pytest.raises(ResultsError) as error:
        load_results(path)
    assert str(path) in str(error.value)
    return str(error.value)


def test_truncated_files_are_refused_at_every_kind_of_length(real_run, tmp_path):
    data = real_run.results.read_bytes()
    # Every cut in the header and in the last fields (the completion marker is 26 bytes),
    # and cuts spread through the body: about 500 files, each refused.
    lengths = set(range(0, 256)) | set(range(len(data) - 80, len(data)))
    lengths |= set(np.linspace(0, len(data) - 1, 160).astype(int).tolist())
    cut = tmp_path / "cut.pb"
    cut.write_bytes(data)
    load_results(cut)  # the whole file loads
    for length in sorted(lengths, reverse=True):  # cutting shorter and shorter in place
        os.truncate(cut, length)
        refused(cut)


def test_empty_missing_and_foreign_files_are_refused(tmp_path):
    empty = tmp_path / "empty.pb"
    empty.write_bytes(b"")
    assert "empty" in refused(empty)
    assert "cannot open" in refused(tmp_path / "missing.pb")
    assert "cannot open" in refused(tmp_path)  # a folder
    text = tmp_path / "scenario.textproto"
    text.write_text('name: "not results"\n')
    refused(text)
    noise = tmp_path / "noise.pb"
    noise.write_bytes(np.random.default_rng(1).bytes(4096))
    refused(noise)


def test_a_file_without_the_completion_marker_is_refused(tmp_path):
    message = full_result()
    for marker in ("", "fccsim results", COMPLETE_MARKER + "!"):
        message.complete = marker
        path = tmp_path / "incomplete.pb"
        path.write_bytes(message.SerializeToString())
        assert "incomplete" in refused(path)


def varint(value):
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def marker_record():
    """The serialised `complete` field: tag (1000, length-delimited), length, text."""
    text = COMPLETE_MARKER.encode()
    return varint(1000 << 3 | 2) + varint(len(text)) + text


def test_fields_the_reader_does_not_know_are_ignored(real_run, tmp_path):
    data = real_run.results.read_bytes()
    assert data.endswith(marker_record())
    body = data[:-len(marker_record())]
    unknown = (varint(999 << 3 | 0) + varint(123456789)               # varint
               + varint(998 << 3 | 2) + varint(5) + b"hello"          # length-delimited
               + varint(997 << 3 | 1) + b"\x00" * 8)                  # 64-bit
    newer = tmp_path / "newer.pb"
    newer.write_bytes(body + unknown + marker_record())

    # And a field unknown inside a nested message (a newer ChannelSummary).
    message = results_pb2.RunResult.FromString(data)
    summary = message.channels[0].summary
    unknown_in_summary = varint(50 << 3 | 0) + varint(7)
    summary.MergeFromString(unknown_in_summary)
    assert unknown_in_summary in summary.SerializeToString()  # kept, so it is written
    nested = tmp_path / "nested.pb"
    nested.write_bytes(message.SerializeToString())

    original = load_results(real_run.results)
    for path in (newer, nested):
        run = load_results(path)
        for name in ("summary", "intervals", "channel_replications", "groups",
                     "group_intervals", "group_replications"):
            pd.testing.assert_frame_equal(getattr(run, name), getattr(original, name))
        assert run.seed == original.seed and run.scenario_name == original.scenario_name


def test_results_load_from_any_working_directory(real_run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_results(os.path.relpath(real_run.results, tmp_path)).days == 7


def test_a_run_with_no_channels_or_groups_loads_with_every_column(tmp_path):
    path = tmp_path / "empty_run.pb"
    path.write_bytes(results_pb2.RunResult(interval_minutes=15, days=1,
                                           complete=COMPLETE_MARKER).SerializeToString())
    run = load_results(path)
    assert run.channels == [] and run.group_names == []
    assert in_order(list(run.intervals.columns), INTERVAL_COLUMNS)
    assert in_order(list(run.group_intervals.columns), GROUP_INTERVAL_COLUMNS)
    assert list(run.groups.columns) == GROUP_COLUMNS
    assert list(run.channel_replications.columns) == REPLICATION_COLUMNS
    assert list(run.group_replications.columns) == GROUP_REPLICATION_COLUMNS
    assert run.start_weekday == "MONDAY"  # unspecified means Monday
