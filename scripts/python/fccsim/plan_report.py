"""A self-contained HTML page of one plan (`fccsim plan -o plan.pb`): the channels' and the
groups' tables, the chart of required against scheduled handlers, and with shift patterns
the shift plan and its chart.

    python3 scripts/plan_report.py plan.pb -o plan.html
    python3 -m fccsim.plan_report plan.pb -o plan.html     (with scripts/python on sys.path)

Made as fccsim.report makes a run's page, with its table and page helpers, so the two look
alike: one file, opening offline, written through a temporary file and a rename; exit 2 on
bad input or usage (message on stderr, nothing written), 1 on a failure while writing.
"""

import html
import os
import sys

from fccsim.plan import load_plan
from fccsim.report import (_CSP, _CSS, _number, _percent, _plural, _png_data_url, _table,
                           page_main)

ANALYTIC_NOTE = (
    "Requirements are analytic, not simulated: each interval is taken as a queue in steady "
    "state with its expected demand, and staffed to meet the channel's target by Erlang C, "
    "Erlang A for a channel with a patience, and for chat on sessions (k per handler, each "
    "session's work stretched as at full concurrency). Nothing carries over from one interval "
    "to the next, and the day-to-day swings in volume are averaged out. Each group's "
    "requirement is its share of its channels' agents, in proportion to what the roster puts "
    "on duty there: a first cut for handlers with several skills, which tends to overstate, "
    "since pooled handlers do more than their share; a group answering no channel (the "
    "mental-health practitioners, not planned yet) requires nobody here. Scheduled is what "
    "the scenario's roster puts on duty in expectation, less shrinkage and breaks; hours are "
    "on-duty handler-hours. "
    "A roster is judged by simulation, with fccsim run (and `fccsim plan --simulate` staffs "
    "by simulation). Definitions: docs/model.md, \"Staffing requirements\".")

SIMULATION_NOTE = (
    "Staffing by simulation (fccsim plan --simulate): the whole centre simulated on common "
    "random numbers, handlers added where a channel missed its target and taken out where "
    "they were not needed, until every channel met its target in every interval, judged "
    "over the replications by the estimate or at the confidence asked for (fccsim plan "
    "--confidence); not proven the least. Definitions: docs/model.md, "
    "\"Staffing by simulation\".")


def _judged_by(sim):
    """How an interval's target was judged over the replications."""
    if not sim.confidence > 0.5:  # 0 in a plan written before the field
        return "by the estimate"
    return f"at {100 * sim.confidence:.6g}% confidence (one-sided bound)"


def _simulation_section(plan):
    """How the staffing by simulation went, and the handler-hours it needs against the
    analytic requirement; "" for a plan made without --simulate."""
    if not plan.raw.HasField("simulation"):
        return ""
    sim = plan.raw.simulation
    summary = (f"{_plural(sim.simulations, 'simulation')} of "
               f"{_plural(sim.replications, 'replication')}, seed {sim.seed}: "
               f"{'converged' if sim.converged else 'NOT converged (the rounds ran out)'}; "
               f"targets judged {_judged_by(sim)}. "
               f"The analytic staffing, simulated, missed the target in {sim.erlang_misses} of "
               f"{sim.judged_intervals} channel-intervals.")
    rows = [[g.group, _number(g.required_hours), _number(g.simulated_hours),
             _number(g.simulated_hours - g.required_hours)]
            for g in plan.groups.itertuples()]
    header = ["group", "analytic h", "by simulation h", "difference h"]
    return "\n".join(["<h2>Staffing by simulation</h2>", f"<p>{html.escape(SIMULATION_NOTE)}</p>",
                      f"<p>{html.escape(summary)}</p>", _table(header, rows)])


def _channels_table(plan):
    """Per channel: how its agents were found, what it was offered, and what it needs."""
    offered = plan.channel_intervals.groupby("channel", sort=False)["offered"].sum()
    rows = [[c.channel, c.kind.title(), c.method, _number(offered.get(c.channel, 0.0)),
             _number(c.agent_hours), f"{c.peak_agents}"]
            for c in plan.channels.itertuples()]
    header = ["channel", "kind", "method", "offered", "agent-hours", "peak agents"]
    return _table(header, rows, text_columns=3)


def _short_cell(group, intervals):
    """E.g. "40 of 672 (6%)", marked as missed when any interval is short."""
    share = group.intervals_short / intervals if intervals else float("nan")
    text = f"{group.intervals_short} of {intervals} ({_percent(share, digits=0)})"
    return (text, "missed") if group.intervals_short else (text, "met")


def _groups_table(plan):
    """Per group: required against scheduled on-duty handler-hours, and where it falls short."""
    intervals = plan.group_intervals.groupby("group", sort=False).size()
    rows = [[g.group, _number(g.required_hours), _number(g.scheduled_hours),
             _number(g.scheduled_hours - g.required_hours),
             _short_cell(g, int(intervals.get(g.group, 0))), _percent(g.break_share)]
            for g in plan.groups.itertuples()]
    header = ["group", "required h", "scheduled h", "scheduled − required h",
              "intervals short", "break share"]
    return _table(header, rows)


SHIFT_NOTE = (
    "Shift scheduling: the least-cost roster of the scenario's shift patterns (start times, "
    "weekdays and break placements) that gives each planned group at least the handlers "
    "present it needs in every interval (the staffing by simulation with --simulate, else the "
    "analytic requirement, grossed up for shrinkage), an integer programme solved by COIN-OR "
    "CBC. With --simulate the roster is simulated as fccsim run would, and where a channel "
    "misses its target the need is raised and the programme solved again. Definitions: "
    "docs/model.md, \"Shift scheduling\".")


def _shift_section(plan):
    """The shift plan: its figures, hours by pattern and the shift chart; "" without shift
    patterns."""
    from fccsim import plots  # matplotlib only when a page is made

    summary = plan.shift_summary
    if summary is None:
        return ""
    verified = ("not verified by simulation (made without --simulate)"
                if not plan.raw.HasField("simulation")
                else "simulated, it meets every target" if summary["verified"]
                else f"simulated, it misses the target in {summary['verification_misses']} "
                     f"channel-intervals: {summary['unverified_reason']}")
    roster = ("" if not plan.raw.HasField("simulation")
              else f" The scenario's own roster, simulated the same way, misses the target in "
                   f"{summary['roster_misses']} of {summary['judged_intervals']} "
                   f"channel-intervals.")
    if plan.raw.HasField("simulation") and summary["topped_up_solves"] > 0:
        saved = summary["topped_up_paid_hours_per_week"] - summary["paid_hours_per_week"]
        still = ("meets every target" if summary["topped_up_verified"]
                 else f"still misses the target in {summary['topped_up_verification_misses']} "
                      f"channel-intervals ({summary['topped_up_unverified_reason']})")
        roster += (f" Topped up instead (the scenario's shifts, each keeping its handlers, with "
                   f"the fewest hours added), it needs "
                   f"{_number(summary['topped_up_paid_hours_per_week'])} paid hours a week "
                   f"({_number(summary['topped_up_fte'])} FTE, "
                   f"{_number(summary['topped_up_added_paid_hours_per_week'])} h added) and "
                   f"{still}; ")
        if summary["topped_up_verified"] and summary["verified"]:
            roster += (f"the plan {'saves' if saved >= 0 else 'costs'} "
                       f"{_number(abs(saved))} h a week against it"
                       f"{'' if saved >= 0 else ' more'}.")
        else:  # a saving is like for like only when both meet every target
            roster += (f"not compared: {'it' if summary['verified'] else 'the planned roster'}"
                       " does not meet every target.")
    elif plan.raw.HasField("simulation") and summary["topped_up_unverified_reason"]:
        roster += (" Topping up the scenario's own shifts instead was not solved: "
                   f"{summary['topped_up_unverified_reason']}.")
    gap = ("" if summary["proven_optimal"]
           else f" (cost within {summary['gap']:.2%} of the least possible)")
    text = (f"{summary['solver']}: {summary['status']}{gap}, after "
            f"{_plural(summary['solves'], 'solve')} over {summary['candidates']} candidate "
            f"shifts; covering the {summary['requirement']} requirement. Planned: "
            f"{_number(summary['paid_hours_per_week'])} paid hours a week "
            f"({_number(summary['fte'])} FTE), cost {_number(summary['cost'])}; the scenario's "
            f"roster of these groups: {_number(summary['roster_paid_hours_per_week'])} h "
            f"({_number(summary['roster_fte'])} FTE). The planned roster is {verified}.{roster}")
    by_pattern = plan.shifts.assign(hours=plan.shifts["headcount"] *
                                    plan.shifts["length_minutes"] / 60.0)
    by_pattern = by_pattern.groupby(["pattern", "group"], sort=False)[
        ["headcount", "hours", "cost"]].sum().reset_index()
    rows = [[r.pattern, r.group, str(r.headcount), _number(r.hours), _number(r.cost)]
            for r in by_pattern.itertuples()]
    figure = plots.planned_shifts(plan)  # None when no shift was planned
    alt = "handlers present against the need, and shift starts by pattern, per planned group"
    chart = ([] if figure is None
             else [f'<img src="{_png_data_url(figure)}" alt="{html.escape(alt)}">'])
    return "\n".join([
        "<h2>Shift plan</h2>", f"<p>{html.escape(SHIFT_NOTE)}</p>", f"<p>{html.escape(text)}</p>",
        _table(["pattern", "group", "shifts a week", "paid h a week", "cost"], rows), *chart])


def _meta(plan):
    occupancy = (f", occupancy at most {plan.max_occupancy:.0%}" if plan.max_occupancy < 1
                 else "")
    return (f"{_plural(plan.days, 'day')} from {plan.start_weekday.title()}, "
            f"{plan.interval_minutes}-minute intervals; shrinkage {plan.shrinkage:.0%}"
            f"{occupancy}; scenario {plan.scenario_path}"
            f"{''.join(f' --set {o}' for o in plan.overrides)}; fccsim {plan.version}; "
            f"file {os.path.basename(plan.path)}")


def render_html(plan):
    """The page for `plan`, as one string."""
    from fccsim import plots  # matplotlib only when a page is made

    chart = _png_data_url(plots.required_vs_scheduled(plan))
    title = f"fccsim plan: {plan.scenario_name or plan.scenario_path or 'plan'}"
    alt = "required against scheduled handlers on duty per interval, by group"
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>", f'<p class="meta">{html.escape(_meta(plan))}</p>',
        f"<p>{html.escape(ANALYTIC_NOTE)}</p>",
        "<h2>Channels</h2>", _channels_table(plan),
        "<h2>Handler groups</h2>", _groups_table(plan),
        _simulation_section(plan),
        _shift_section(plan),
        "<h2>Required against scheduled</h2>", f'<img src="{chart}" alt="{html.escape(alt)}">',
        "</body></html>", "",
    ]
    return "\n".join(parts)


def main(argv=None):
    return page_main(argv, "plan_report",
                     "Writes a self-contained HTML page of a plan made by `fccsim plan`.",
                     "plan file written by `fccsim plan -o`", load_plan, render_html)


if __name__ == "__main__":
    sys.exit(main())
